//! What the site already has, read leniently (the site may have errors
//! that `insyn check` reports; the import must still see its records):
//! the services, the period's dates and file, every record id and every
//! `ref` on any record of any period.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::content;
use crate::diagnostics::Diagnostics;

/// One service of the catalogue, as the import matches it.
#[derive(Debug, Clone)]
pub struct ServiceFacts {
    /// The id (file name).
    pub id: String,
    /// `name`.
    pub name: Option<String>,
    /// `system`.
    pub system: Option<String>,
}

/// The period being imported into.
#[derive(Debug, Clone)]
pub struct PeriodFacts {
    /// Its id (folder name).
    pub id: String,
    /// `content/periods/<id>/period.toml`, relative to the root.
    pub rel: PathBuf,
    /// The text of `period.toml`.
    pub text: String,
    /// `label`.
    pub label: String,
    /// First day.
    pub start: jiff::civil::Date,
    /// Last day.
    pub end: jiff::civil::Date,
}

/// What the site has.
#[derive(Debug, Clone)]
pub struct SiteFacts {
    /// The services, by id.
    pub services: Vec<ServiceFacts>,
    /// The period.
    pub period: PeriodFacts,
    /// Every record id (file name without `.md`) in any period.
    pub record_ids: BTreeSet<String>,
    /// Every `ref` on a record → the record's file, relative to the root.
    pub refs: BTreeMap<String, PathBuf>,
}

/// Why the site cannot be imported into.
#[derive(Debug)]
pub enum SiteError {
    /// Wrong usage: no such period (exit status 2).
    Usage(String),
    /// The period file is unusable (exit status 1).
    Content(String),
    /// The period file has errors, as `insyn check` reports them (exit status 1).
    Broken(Diagnostics),
}

/// Reads what the site at `root` has, for importing into `period`, with
/// the same loader as every build: a file with errors (which `insyn check`
/// reports) is left out, but its id still counts as taken.
pub fn read(root: &Path, period: &str) -> Result<SiteFacts, SiteError> {
    let mut found_wrong = Diagnostics::new();
    found_wrong.set_root(root);
    let loaded = content::load(root, &|_, _, _| {}, &mut found_wrong);
    let mut period_ids: Vec<&str> = loaded.periods.iter().map(|p| p.id.as_str()).collect();
    period_ids.extend(loaded.unloaded.periods.iter().map(String::as_str));
    period_ids.sort_unstable();
    let Some(found) = loaded.periods.iter().find(|p| p.id == period) else {
        let rel = PathBuf::from("content/periods").join(period).join("period.toml");
        let folder = PathBuf::from("content/periods").join(period);
        if loaded.unloaded.periods.contains(period) || root.join(&folder).is_dir() {
            // Its own errors, as `insyn check` shows them (a period.toml
            // that does not read, or none at all); the rest of the site's do
            // not stop an import.
            let mut own = Diagnostics::new();
            own.set_root(root);
            for d in found_wrong.sorted().into_iter().filter(|d| d.file == rel || d.file == folder) {
                own.push(d.clone());
            }
            return Err(SiteError::Broken(own));
        }
        let list = if period_ids.is_empty() { "none yet".to_string() } else { period_ids.join(", ") };
        let close = crate::diagnostics::suggest(period, period_ids.iter().copied())
            .map(|c| format!("did you mean \"{c}\"? "))
            .unwrap_or_default();
        return Err(SiteError::Usage(format!(
            "there is no period \"{period}\"; {close}the periods are: {list}. Create it first with insyn new period {period}"
        )));
    };
    let rel = found.file.clone();
    let text = std::fs::read_to_string(root.join(&rel))
        .map_err(|e| SiteError::Content(format!("cannot read {}: {e}", shown(&rel))))?;
    let date = |d: crate::time::Date| {
        jiff::civil::Date::new(i16::try_from(d.year).ok()?, i8::try_from(d.month).ok()?, i8::try_from(d.day).ok()?).ok()
    };
    let (Some(start), Some(end)) = (date(found.start.value), date(found.end.value)) else {
        return Err(SiteError::Content(format!(
            "{} has no valid start and end dates; the import counts the rows opened between them (write start = 2023-04-01 and end = 2023-06-30)",
            shown(&rel)
        )));
    };
    let services = loaded
        .services
        .iter()
        .map(|s| ServiceFacts { id: s.id.clone(), name: Some(s.name.clone()), system: s.system.clone() })
        .collect();
    let mut record_ids: BTreeSet<String> = loaded.records.iter().map(|r| r.id.clone()).collect();
    record_ids.extend(loaded.unloaded.records.iter().cloned());
    let mut refs = BTreeMap::new();
    for r in &loaded.records {
        if let Some(reference) = r.reference.as_ref().map(|x| x.value.trim()).filter(|x| !x.is_empty()) {
            refs.entry(reference.to_string()).or_insert_with(|| r.file.clone());
        }
    }
    Ok(SiteFacts {
        services,
        period: PeriodFacts { id: period.to_string(), rel, text, label: found.label.clone(), start, end },
        record_ids,
        refs,
    })
}

/// A path relative to the root as the report shows it, with `/`.
pub fn shown(rel: &Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
