//! Statuses over time. A record's and a recommendation's status on any day
//! is computed once, when the site is linked, from their timelines; every
//! page that shows a period asks for the status on that period's last day,
//! so an old report stays true to its time.

use jiff::tz::TimeZone;

use crate::content::{Recommendation, Record};
use crate::time::{Date, Moment};
use crate::vocab::{RecommendationStatus, Status};

/// A status and the days it changed, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine<S> {
    /// The status before the first change.
    pub initial: S,
    /// Each change: the day it took effect (in the site's time zone) and
    /// the status from that day on, with the moment as written.
    pub changes: Vec<Change<S>>,
}

/// One change of a [`StatusLine`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change<S> {
    /// The day it took effect, in the site's time zone.
    pub day: Date,
    /// When, as written.
    pub at: Moment,
    /// The status from then on.
    pub status: S,
}

impl<S: Copy> StatusLine<S> {
    /// The status on `day` (after every change dated on or before it).
    pub fn on(&self, day: Date) -> S {
        let n = self.changes.partition_point(|c| c.day <= day);
        if n == 0 { self.initial } else { self.changes[n - 1].status }
    }

    /// The status after every change.
    pub fn last(&self) -> S {
        self.changes.last().map_or(self.initial, |c| c.status)
    }
}

impl StatusLine<Status> {
    /// When it became resolved for good: the first change to resolved after
    /// which it never opened again; `None` while it is open at the end.
    pub fn resolved_at(&self) -> Option<&Change<Status>> {
        if self.last() != Status::Resolved {
            return None;
        }
        let reopened = self.changes.iter().rposition(|c| c.status != Status::Resolved);
        self.changes[reopened.map_or(0, |i| i + 1)..].first()
    }
}

/// A record's statuses, as the contract defines them: with `[[updates]]`,
/// the status set by its latest update on or before a day (open before the
/// first); without, `resolved` from its `resolved` date on and before that
/// its `status` (open when that is absent or says resolved).
pub fn of_record(r: &Record, tz: &TimeZone) -> StatusLine<Status> {
    if !r.updates.is_empty() {
        let changes = r
            .updates
            .iter()
            .filter_map(|u| {
                let status = u.status.as_ref()?.value;
                Some(Change { day: u.date.value.day_in(tz), at: u.date.value, status })
            })
            .collect();
        return StatusLine { initial: Status::Open, changes: sorted(changes) };
    }
    let initial = match r.status_written.as_ref().map(|s| s.value) {
        Some(Status::Resolved) | None => Status::Open,
        Some(s) => s,
    };
    let changes =
        r.resolved.iter().map(|m| Change { day: m.value.day_in(tz), at: m.value, status: Status::Resolved }).collect();
    StatusLine { initial, changes }
}

/// A recommendation's statuses: its own `status` (proposed when absent),
/// then each update that sets one, from its date.
pub fn of_recommendation(r: &Recommendation) -> StatusLine<RecommendationStatus> {
    let initial = r.status.as_ref().map_or(RecommendationStatus::Proposed, |s| s.value);
    let changes = r
        .updates
        .iter()
        .filter_map(|u| {
            let status = u.status.as_ref()?.value;
            let at = Moment { date: u.date.value, time: None };
            Some(Change { day: u.date.value, at, status })
        })
        .collect();
    StatusLine { initial, changes: sorted(changes) }
}

/// Changes in date order (validation reports updates out of order; the
/// line stays usable meanwhile). The sort is stable: changes on one day keep
/// the order they were written in.
fn sorted<S>(mut changes: Vec<Change<S>>) -> Vec<Change<S>> {
    changes.sort_by_key(|c| c.day);
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    fn change(day: Date, status: Status) -> Change<Status> {
        Change { day, at: Moment { date: day, time: None }, status }
    }

    #[test]
    fn the_status_on_a_day_is_set_by_the_latest_change_up_to_it() {
        let line = StatusLine {
            initial: Status::Open,
            changes: vec![
                change(d(2023, 2, 14), Status::InProgress),
                change(d(2023, 5, 10), Status::Resolved),
                change(d(2023, 6, 1), Status::InProgress),
                change(d(2023, 6, 20), Status::Resolved),
            ],
        };
        assert_eq!(line.on(d(2023, 2, 13)), Status::Open);
        assert_eq!(line.on(d(2023, 2, 14)), Status::InProgress);
        assert_eq!(line.on(d(2023, 3, 31)), Status::InProgress);
        assert_eq!(line.on(d(2023, 5, 31)), Status::Resolved);
        assert_eq!(line.on(d(2023, 6, 10)), Status::InProgress);
        assert_eq!(line.last(), Status::Resolved);
        assert_eq!(line.resolved_at().map(|c| c.day), Some(d(2023, 6, 20)), "resolved for good after reopening");
    }
}
