//! References between things: services, areas, periods, records.

use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::path::Path;

use crate::content::Spanned;
use crate::diagnostics::{Diagnostic, Diagnostics, suggest};
use crate::model::Site;

/// "unknown service `agreso`: did you mean `agresso`?" for any reference.
pub(super) fn unknown(
    file: &Path,
    what: &str,
    reference: &Spanned<String>,
    known: &mut dyn Iterator<Item = &str>,
    where_defined: &str,
) -> Diagnostic {
    let known: Vec<&str> = known.collect();
    let d = Diagnostic::error(file, Some(reference.span.clone()), format!("unknown {what} `{}`", reference.value));
    match suggest(&reference.value, known.iter().copied()) {
        Some(close) => d.with_help(format!("did you mean `{close}`? ({where_defined})")),
        None if known.is_empty() => d.with_help(format!("there are none yet: {where_defined}")),
        None if known.len() <= 12 => d.with_help(format!("the {what}s are: {} ({where_defined})", known.join(", "))),
        None => d.with_help(where_defined.to_string()),
    }
}

/// Every service's `area` is an `[[areas]]` id.
pub fn services_have_areas(site: &Site, diags: &mut Diagnostics) {
    for (i, s) in site.services.iter().enumerate() {
        if site.service_area[i].is_none() {
            diags.push(unknown(
                &s.file,
                "area",
                &s.area,
                &mut site.config.areas.iter().map(|a| a.id.as_str()),
                "areas are defined by [[areas]] in site.toml",
            ));
        }
    }
}

/// Every record's `service` is a service id.
pub fn records_have_services(site: &Site, diags: &mut Diagnostics) {
    let mut ids: Vec<&str> = site.services.iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    for r in site.all_records() {
        if !site.service_by_id.contains_key(&r.service.value) && !site.unloaded.services.contains(&r.service.value) {
            diags.push(unknown(
                &r.file,
                "service",
                &r.service,
                &mut ids.iter().copied(),
                "services are the files in content/services/",
            ));
        }
    }
}

/// Record ids are unique across the whole site.
pub fn record_ids_are_unique(site: &Site, diags: &mut Diagnostics) {
    // Almost always there is no duplicate: find that out with one set.
    let mut ids: FxHashSet<&str> = FxHashSet::default();
    let twice: FxHashSet<&str> = site.all_records().map(|r| r.id.as_str()).filter(|id| !ids.insert(id)).collect();
    if twice.is_empty() {
        return;
    }
    let mut seen: HashMap<&str, &Path> = HashMap::default();
    let mut all: Vec<_> = site.all_records().filter(|r| twice.contains(r.id.as_str())).collect();
    // The first in path order (component by component) keeps the id.
    all.sort_by_cached_key(|r| {
        r.file.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>()
    });
    for r in all {
        if let Some(first) = seen.get(r.id.as_str()) {
            diags.push(Diagnostic::error(&r.file, None, format!("two records have the id `{}`", r.id)).with_help(
                format!(
                    "the other one is {}; record ids are unique across all periods, so rename one of the files",
                    first.display()
                ),
            ));
        } else {
            seen.insert(&r.id, &r.file);
        }
    }
}

/// Every `related` id is a record.
pub fn related_records_exist(site: &Site, diags: &mut Diagnostics) {
    let ids: Vec<&str> = site.all_records().map(|r| r.id.as_str()).collect();
    let known: FxHashSet<&str> = ids.iter().copied().collect();
    for r in site.all_records() {
        for rel in &r.related {
            if rel.value == r.id {
                diags.push(
                    Diagnostic::error(&r.file, Some(rel.span.clone()), "a record cannot be related to itself")
                        .with_help("remove its own id from `related`"),
                );
            } else if !known.contains(rel.value.as_str()) && !site.unloaded.records.contains(&rel.value) {
                diags.push(unknown(
                    &r.file,
                    "record",
                    rel,
                    &mut ids.iter().copied(),
                    "record ids are the .md file names under content/periods/",
                ));
            }
        }
    }
}

/// `current_period` and every `compare_with` name a period.
pub fn periods_exist(site: &Site, diags: &mut Diagnostics) {
    let mut ids: Vec<&str> = site.periods.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(c) = &site.config.current_period
        && !site.period_by_id.contains_key(&c.value)
        && !site.unloaded.periods.contains(&c.value)
    {
        diags.push(unknown(
            &site.config.file,
            "period",
            c,
            &mut ids.iter().copied(),
            "periods are the folders in content/periods/",
        ));
    }
    for p in &site.periods {
        if let Some(c) = &p.compare_with {
            if c.value == p.id {
                diags.push(
                    Diagnostic::error(&p.file, Some(c.span.clone()), "a period cannot be compared with itself")
                        .with_help("name another period, or remove compare_with"),
                );
            } else if !site.period_by_id.contains_key(&c.value) && !site.unloaded.periods.contains(&c.value) {
                diags.push(unknown(
                    &p.file,
                    "period",
                    c,
                    &mut ids.iter().copied(),
                    "periods are the folders in content/periods/",
                ));
            }
        }
    }
}

/// Every recommendation's `service` is a service id.
pub fn recommendation_services_exist(site: &Site, diags: &mut Diagnostics) {
    let mut ids: Vec<&str> = site.services.iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    for p in &site.periods {
        for rec in &p.recommendations {
            if let Some(s) = &rec.service
                && !site.service_by_id.contains_key(&s.value)
                && !site.unloaded.services.contains(&s.value)
            {
                diags.push(unknown(
                    &p.file,
                    "service",
                    s,
                    &mut ids.iter().copied(),
                    "services are the files in content/services/",
                ));
            }
        }
    }
}
