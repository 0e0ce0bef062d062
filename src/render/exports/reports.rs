//! `reports.csv` and `reports.json`: one row per stage of a report that a
//! record owed a supervisory authority, and how it went.

use super::dataset::{Column, Dataset, Row, code, count, moment, optional_moment, optional_number, text};
use crate::layout::UrlWords;
use crate::model::Site;
use crate::model::obligations::{Obligation, Outcome};
use crate::time::Moment;
use crate::vocab::{Stage, Word};

/// The reports dataset.
pub struct Reports;

/// Every outcome's word.
fn outcomes() -> Vec<&'static str> {
    vec!["on-time", "late", "not-reported-by-decision", "reported-time-unknown", "missing", "not-yet-due"]
}

impl Dataset for Reports {
    type Row<'a> = Row<'a, Obligation>;
    const KEY: &'static str = "reports";
    const ABOUT: &'static str =
        "one row per stage of a report that a record owed a supervisory authority, as of the end of the latest period";
    const COLUMNS: &'static [Column<Self>] = &[
        text("record", "the record's id", |r| &r.site.records[r.i].id),
        text("authority", "the authority's id (`[[authorities]]` in site.toml; imy is built in)", |r| {
            &r.site.config.authorities[r.item.authority].id
        }),
        code("stage", "the stage of the report", Stage::keys, |r| r.item.stage.key()),
        count("hours_allowed", "the hours the authority allows from detection to this stage", |r| {
            usize::try_from(r.item.hours).unwrap_or(usize::MAX)
        }),
        moment("detected", "when it was detected (a date alone counts from midnight in the site's time zone)", |r| {
            Moment::instant_in(r.item.detected, &r.site.config.time_zone)
        }),
        moment("deadline", "when the stage was due, in the site's time zone", |r| {
            Moment::instant_in(r.item.deadline, &r.site.config.time_zone)
        }),
        optional_moment(
            "reported_at",
            "when the report was made, as written; empty when none is recorded",
            |r| match r.item.outcome {
                Outcome::OnTime { at, .. } | Outcome::Late { at, .. } => Some(at),
                _ => None,
            },
        ),
        optional_number("hours_after_detection", "whole hours from detection to the report", |r| {
            match r.item.outcome {
                Outcome::OnTime { hours_after, .. } | Outcome::Late { hours_after, .. } => {
                    u64::try_from(hours_after).ok()
                }
                _ => None,
            }
        }),
        code("outcome", "how it went", outcomes, |r| r.item.outcome.key()),
        optional_number("late_by_hours", "hours past the deadline, rounded up, when the report was late", |r| match r
            .item
            .outcome
        {
            Outcome::Late { late_by, .. } => u64::try_from(late_by).ok(),
            _ => None,
        }),
    ];

    /// One row per stage of each record's report: `i` is the record's index.
    fn rows<'a>(site: &'a Site, words: &'a UrlWords) -> impl Iterator<Item = Self::Row<'a>> {
        (0..site.records.len())
            .flat_map(move |i| site.obligations(i).iter().map(move |item| Row { site, words, i, item }))
    }
}
