//! Reports to supervisory authorities: for each record of a kind an
//! authority concerns, each stage the authority requires, its deadline
//! (hours from `detected`, or from `date`), the report made for it and
//! whether it was on time. Instants are compared as instants, so a deadline
//! across a change of daylight saving time is right; a date without a time
//! begins at midnight in the site's time zone, and a report dated by its
//! day alone counts as made at the end of that day (it is shown on time
//! only when it certainly was).

use crate::content::{Authority, Record};
use crate::time::{Moment, Seconds};
use crate::vocab::Stage;

/// One stage of a report that a record owed an authority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation {
    /// The authority (a position in the site's authorities).
    pub authority: usize,
    /// The stage.
    pub stage: Stage,
    /// The hours allowed.
    pub hours: u64,
    /// When it was detected, as an instant.
    pub detected: Seconds,
    /// The deadline, as an instant.
    pub deadline: Seconds,
    /// How it went.
    pub outcome: Outcome,
}

/// How a stage of a report went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Reported by the deadline.
    OnTime {
        /// When, as written.
        at: Moment,
        /// Whole hours after detection.
        hours_after: i64,
    },
    /// Reported after the deadline.
    Late {
        /// When, as written.
        at: Moment,
        /// Whole hours after detection.
        hours_after: i64,
        /// Hours past the deadline, rounded up.
        late_by: i64,
    },
    /// Not reported by a documented decision (`reported_to_authority = false`).
    NotReportedByDecision,
    /// Reported (`reported_to_authority = true`), at a time the site does not know.
    ReportedTimeUnknown,
    /// Nothing recorded, and the deadline has passed (a warning).
    Missing,
    /// Nothing recorded yet, and the deadline has not passed (as of the end
    /// of the latest period).
    NotYetDue,
}

impl Outcome {
    /// The word used in the exports.
    pub fn key(&self) -> &'static str {
        match self {
            Outcome::OnTime { .. } => "on-time",
            Outcome::Late { .. } => "late",
            Outcome::NotReportedByDecision => "not-reported-by-decision",
            Outcome::ReportedTimeUnknown => "reported-time-unknown",
            Outcome::Missing => "missing",
            Outcome::NotYetDue => "not-yet-due",
        }
    }
}

/// When the site's knowledge ends: the end of the latest period's last day
/// (deadlines after it have not passed yet as far as the site knows).
pub fn knowledge_ends(site_end: Option<crate::time::Date>, tz: &jiff::tz::TimeZone) -> Option<Seconds> {
    site_end.map(|d| Moment { date: d, time: None }.end_in(tz))
}

/// Every stage record `r` owed an authority, in the site's order of
/// authorities and then stages; `until` is when the site's knowledge ends.
pub fn obligations(
    r: &Record,
    authorities: &[Authority],
    tz: &jiff::tz::TimeZone,
    until: Option<Seconds>,
) -> Vec<Obligation> {
    let detected = r.detected.as_ref().unwrap_or(&r.date).value.start_in(tz);
    let mut out = Vec::new();
    for (a, authority) in authorities.iter().enumerate().filter(|(_, a)| a.kinds.contains(&r.kind)) {
        for &(stage, hours) in &authority.deadlines {
            let deadline = detected + i64::try_from(hours).unwrap_or(i64::MAX / 7200) * 3600;
            let report = r
                .reports
                .iter()
                .filter(|x| {
                    x.authority.value == authority.id
                        && x.stage.as_ref().map_or(Stage::Notification, |s| s.value) == stage
                })
                .min_by_key(|x| x.date.value.end_in(tz));
            let outcome = match (report, r.reported_to_authority) {
                (Some(x), _) => {
                    let at = x.date.value.end_in(tz);
                    let hours_after = (at - detected).div_euclid(3600);
                    if at <= deadline {
                        Outcome::OnTime { at: x.date.value, hours_after }
                    } else {
                        Outcome::Late {
                            at: x.date.value,
                            hours_after,
                            late_by: (at - deadline + 3599).div_euclid(3600),
                        }
                    }
                }
                (None, Some(false)) => Outcome::NotReportedByDecision,
                (None, Some(true)) if r.reports.is_empty() => Outcome::ReportedTimeUnknown,
                (None, _) if until.is_some_and(|u| deadline <= u) => Outcome::Missing,
                (None, _) => Outcome::NotYetDue,
            };
            out.push(Obligation { authority: a, stage, hours, detected, deadline, outcome });
        }
    }
    out
}
