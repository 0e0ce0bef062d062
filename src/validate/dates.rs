//! Dates that must agree: period bounds, resolution, status.

use std::cmp::Ordering;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::vocab::Status;

/// A period's `end` is not before its `start`.
pub fn periods_end_after_start(site: &Site, diags: &mut Diagnostics) {
    for p in &site.periods {
        if p.end.value < p.start.value {
            diags.push(
                Diagnostic::error(
                    &p.file,
                    Some(p.end.span.clone()),
                    format!("`end` ({}) is before `start` ({})", p.end.value, p.start.value),
                )
                .with_help("the period ends on or after the day it starts; check the year and month"),
            );
        }
    }
}

/// A record's `resolved` is not before its `date`.
pub fn records_resolved_after_date(site: &Site, diags: &mut Diagnostics) {
    for r in site.all_records() {
        if let Some(res) = &r.resolved
            && res.value.compare(&r.date.value) == Ordering::Less
        {
            diags.push(
                Diagnostic::error(
                    &r.file,
                    Some(res.span.clone()),
                    format!("`resolved` ({}) is before `date` ({})", res.value, r.date.value),
                )
                .with_help("a deviation is resolved after it began; check both dates"),
            );
        }
    }
}

/// `status` agrees with `resolved`.
pub fn status_agrees_with_resolved(site: &Site, diags: &mut Diagnostics) {
    for r in site.all_records() {
        let Some(status) = &r.status_written else { continue };
        match (status.value, &r.resolved) {
            (Status::Resolved, None) => diags.push(
                Diagnostic::error(&r.file, Some(status.span.clone()), "`status = \"resolved\"` but `resolved` is not set")
                    .with_help("add the date it was resolved, e.g. resolved = 2023-02-15, or set status to \"open\" or \"in-progress\""),
            ),
            (Status::Open | Status::InProgress, Some(res)) => diags.push(
                Diagnostic::error(
                    &r.file,
                    Some(status.span.clone()),
                    format!("`status = \"{}\"` but `resolved` is set ({})", status.value.key(), res.value),
                )
                .with_help("a record with a resolved date is resolved: remove `status`, or remove `resolved` if it is still open"),
            ),
            _ => {}
        }
    }
}

/// Warning: a record's `date` lies outside the dates of its period folder.
pub fn records_dated_within_period(site: &Site, diags: &mut Diagnostics) {
    for r in site.all_records() {
        let Some(&p) = site.period_by_id.get(&r.period) else { continue };
        let period = &site.periods[p];
        if period.end.value < period.start.value {
            continue; // the period's own error comes first
        }
        let day = r.date.value.date;
        if day < period.start.value || day > period.end.value {
            diags.push(
                Diagnostic::warning(
                    &r.file,
                    Some(r.date.span.clone()),
                    format!(
                        "`date` ({}) is outside its period {} ({} – {})",
                        r.date.value, period.id, period.start.value, period.end.value
                    ),
                )
                .with_help("move the file to the folder of the period it belongs to, or correct the date"),
            );
        }
    }
}
