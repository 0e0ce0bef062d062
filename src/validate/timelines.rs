//! A record's timeline and its other dates: updates in order and after the
//! record began, `resolved` agreeing with the last status, `detected` not
//! before `date`, and `ref` used once across the site.

use std::cmp::Ordering;

use rustc_hash::FxHashMap as HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::model::timeline;
use crate::vocab::Status;

/// Every update is dated on or after the record's `date`, and after the
/// update before it.
pub fn updates_are_in_order(site: &Site, diags: &mut Diagnostics) {
    for r in site.all_records() {
        let mut previous = &r.date;
        for (n, u) in r.updates.iter().enumerate() {
            if u.date.value.compare(&r.date.value) == Ordering::Less {
                diags.push(
                    Diagnostic::error(
                        &r.file,
                        Some(u.date.span.clone()),
                        format!("this update ({}) is dated before the record's `date` ({})", u.date.value, r.date.value),
                    )
                    .with_help("a record's timeline starts when it began or was found: check the update's date, or the record's"),
                );
            } else if n > 0 && u.date.value.compare(&previous.value) == Ordering::Less {
                diags.push(
                    Diagnostic::error(
                        &r.file,
                        Some(u.date.span.clone()),
                        format!(
                            "this update ({}) is dated before the update above it ({})",
                            u.date.value, previous.value
                        ),
                    )
                    .with_help("write the [[updates]] oldest first, each below the one before it"),
                );
            }
            previous = &u.date;
        }
    }
}

/// A record with `resolved` set ends resolved: its last update with a
/// status says `resolved`.
pub fn resolved_agrees_with_the_last_update(site: &Site, diags: &mut Diagnostics) {
    for r in site.all_records() {
        let Some(resolved) = &r.resolved else { continue };
        if r.updates.is_empty() {
            continue;
        }
        let last = timeline::of_record(r, &site.config.time_zone).last();
        if last != Status::Resolved {
            diags.push(
                Diagnostic::error(
                    &r.file,
                    Some(resolved.span.clone()),
                    format!("`resolved` is set ({}) but the last update leaves the record {}", resolved.value, last.key()),
                )
                .with_help("add a last [[updates]] entry with status = \"resolved\" and the date it was resolved, or remove `resolved` while it is still open"),
            );
        }
    }
}

/// `detected` is not before `date` (found later is fine; known before it
/// began is not).
pub fn detected_is_not_before_date(site: &Site, diags: &mut Diagnostics) {
    for r in site.all_records() {
        let Some(detected) = &r.detected else { continue };
        if detected.value.compare(&r.date.value) == Ordering::Less {
            diags.push(
                Diagnostic::error(
                    &r.file,
                    Some(detected.span.clone()),
                    format!("`detected` ({}) is before `date` ({})", detected.value, r.date.value),
                )
                .with_help("`date` is when it began or was found, `detected` when the organisation became aware of it: the same or later; leave `detected` out when they are the same"),
            );
        }
    }
}

/// A `ref` (the id in the incident-management system) names one record.
pub fn refs_are_unique(site: &Site, diags: &mut Diagnostics) {
    let mut records: Vec<_> = site.all_records().filter(|r| r.reference.is_some()).collect();
    records.sort_by(|a, b| a.file.cmp(&b.file));
    let mut seen: HashMap<&str, &std::path::Path> = HashMap::default();
    for r in records {
        let Some(reference) = &r.reference else { continue };
        match seen.get(reference.value.as_str()) {
            Some(first) => diags.push(
                Diagnostic::error(
                    &r.file,
                    Some(reference.span.clone()),
                    format!("`ref` \"{}\" is also the ref of {}", reference.value, first.display()),
                )
                .with_help(
                    "a ticket of the incident-management system is one record: merge the two, or correct the ref",
                ),
            ),
            None => {
                seen.insert(&reference.value, &r.file);
            }
        }
    }
}
