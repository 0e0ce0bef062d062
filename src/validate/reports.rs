//! Reports to supervisory authorities: each names a known authority and a
//! stage it has, is not dated before the deviation was detected, and does
//! not contradict `reported_to_authority = false`; a deadline that passed
//! with nothing recorded is a warning.

use std::cmp::Ordering;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::model::obligations::Outcome;
use crate::time;
use crate::vocab::Stage;

/// Every report names an authority of `[[authorities]]` and a stage it has.
pub fn reports_name_known_authorities_and_stages(site: &Site, diags: &mut Diagnostics) {
    let authorities = &site.config.authorities;
    for r in site.all_records() {
        for report in &r.reports {
            let Some(authority) = authorities.iter().find(|a| a.id == report.authority.value) else {
                diags.push(super::references::unknown(
                    &r.file,
                    "authority",
                    &report.authority,
                    &mut authorities.iter().map(|a| a.id.as_str()),
                    "authorities are [[authorities]] in site.toml; imy is built in when there are none",
                ));
                continue;
            };
            let stage = report.stage.as_ref().map_or(Stage::Notification, |s| s.value);
            if authority.hours(stage).is_none() {
                let stages: Vec<&str> = authority.deadlines.iter().map(|(s, _)| s.key()).collect();
                let span = report.stage.as_ref().map_or(report.authority.span.clone(), |s| s.span.clone());
                diags.push(
                    Diagnostic::error(
                        &r.file,
                        Some(span),
                        format!("{} has no stage \"{}\"", authority.name, stage.key()),
                    )
                    .with_help(if stages.is_empty() {
                        "the authority has no deadlines in site.toml; add them there".to_string()
                    } else {
                        format!("its stages are: {} (stage = \"…\"; notification when left out)", stages.join(", "))
                    }),
                );
            }
        }
    }
}

/// No report is dated before the deviation was detected (`detected`, else
/// `date`), and `reported_to_authority = false` comes without reports.
pub fn reports_agree_with_the_record(site: &Site, diags: &mut Diagnostics) {
    for r in site.all_records() {
        let detected = r.detected.as_ref().unwrap_or(&r.date);
        for report in &r.reports {
            if report.date.value.compare(&detected.value) == Ordering::Less {
                let what = if r.detected.is_some() { "detected" } else { "date" };
                diags.push(
                    Diagnostic::error(
                        &r.file,
                        Some(report.date.span.clone()),
                        format!(
                            "this report ({}) is dated before the record's `{what}` ({})",
                            report.date.value, detected.value
                        ),
                    )
                    .with_help("a report is made after the deviation was detected: check both dates"),
                );
            }
        }
        if r.reported_to_authority == Some(false)
            && let Some(first) = r.reports.first()
        {
            diags.push(
                Diagnostic::error(
                    &r.file,
                    Some(first.authority.span.clone()),
                    "`reported_to_authority = false`, but the record has [[reports]]",
                )
                .with_help("a record with reports was reported: remove reported_to_authority = false, or the reports"),
            );
        }
    }
}

/// Warning: a deviation an authority concerns, with neither a report nor
/// `reported_to_authority = false`, whose deadline passed before the end of
/// the latest period.
pub fn reports_are_not_missing(site: &Site, diags: &mut Diagnostics) {
    let tz = &site.config.time_zone;
    for (i, r) in site.records.iter().enumerate() {
        for o in site.obligations(i).iter().filter(|o| o.outcome == Outcome::Missing) {
            let authority = &site.config.authorities[o.authority];
            let (day, at) = time::local(o.deadline, tz);
            let span = r.detected.as_ref().unwrap_or(&r.date).span.clone();
            diags.push(
                Diagnostic::warning(
                    &r.file,
                    Some(span),
                    format!(
                        "no {} to {} is recorded, and its deadline ({day} {}, {} hours after it was detected) has passed",
                        o.stage.key(),
                        authority.id,
                        at.clock(),
                        o.hours
                    ),
                )
                .with_help(format!(
                    "add [[reports]] with authority = \"{}\", stage = \"{}\" and the date it was made, or reported_to_authority = false when it was decided not to report it",
                    authority.id,
                    o.stage.key()
                )),
            );
        }
    }
}
