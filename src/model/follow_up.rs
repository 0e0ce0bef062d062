//! "Since the last report": what changed between a period's report and the
//! one before it. The previous report is the latest period that ends before
//! this one ends; statuses are taken on each report's last day.

use super::site::Site;
use super::timeline::Change;
use crate::time::{Date, Moment};
use crate::vocab::{RecommendationStatus, Status};

/// What a period's report says has changed since the previous one.
#[derive(Debug, Clone, Default)]
pub struct FollowUp {
    /// The previous report, when there is one.
    pub previous: Option<usize>,
    /// Deviations new since the previous report (dated after its last day,
    /// up to this one's), oldest first; without a previous report, the
    /// deviations of this period.
    pub new: Vec<usize>,
    /// Deviations resolved since the previous report: the record and when
    /// it was resolved.
    pub resolved: Vec<(usize, Moment)>,
    /// Deviations open on this report's last day, oldest first, with their
    /// age then in days.
    pub open: Vec<(usize, i64)>,
    /// Recommendations made in this period (positions in `Site::followed`).
    pub made: Vec<usize>,
    /// Earlier recommendations whose status changed since the previous
    /// report: which, from, to.
    pub changed: Vec<(usize, RecommendationStatus, RecommendationStatus)>,
    /// Recommendations overdue on this report's last day, most overdue
    /// first, with the days past due.
    pub overdue: Vec<(usize, i64)>,
}

impl Site {
    /// The previous report of period `p`: the latest period that ends
    /// before `p` ends (the latest start, then the first in order, when
    /// several end that day).
    pub fn previous_report(&self, p: usize) -> Option<usize> {
        let end = self.periods[p].end.value;
        (0..self.periods.len())
            .filter(|&q| self.periods[q].end.value < end)
            .max_by_key(|&q| (self.periods[q].end.value, self.periods[q].start.value, std::cmp::Reverse(q)))
    }

    /// What period `p`'s report says has changed since the previous one.
    /// One pass over the records and one over the recommendations.
    pub fn follow_up(&self, p: usize) -> FollowUp {
        let end = self.periods[p].end.value;
        let previous = self.previous_report(p);
        let before = previous.map(|q| self.periods[q].end.value);
        let mut out = FollowUp { previous, ..FollowUp::default() };
        for (i, line) in self.record_lines.iter().enumerate() {
            let day = self.record_days[i];
            if day > end {
                continue;
            }
            let new = before.is_none_or(|b| day > b);
            if new && (before.is_some() || self.periods_by_record[i].contains(&p)) {
                out.new.push(i);
            }
            let now = line.on(end);
            if now != Status::Resolved {
                out.open.push((i, end.days_since_epoch() - day.days_since_epoch()));
            } else if let Some(b) = before
                && (day > b || line.on(b) != Status::Resolved)
                && let Some(change) = resolving_change(&line.changes, end)
            {
                out.resolved.push((i, change.at));
            }
        }
        // Records are in date order: the oldest open ones come first already.
        for (f, followed) in self.followed.iter().enumerate() {
            if followed.made > end {
                continue;
            }
            if followed.period == p {
                out.made.push(f);
            } else {
                let since = before.map_or(followed.made, |b| b.max(followed.made));
                let (from, to) = (followed.line.on(since), followed.line.on(end));
                if from != to {
                    out.changed.push((f, from, to));
                }
            }
            if let Some(days) = self.days_overdue(followed, end) {
                out.overdue.push((f, days));
            }
        }
        out.overdue.sort_by_key(|&(f, days)| (std::cmp::Reverse(days), f));
        out
    }
}

/// The change that resolved a line for the last time on or before `end`:
/// the first of the resolved changes that end the line there.
fn resolving_change(changes: &[Change<Status>], end: Date) -> Option<&Change<Status>> {
    let upto = &changes[..changes.partition_point(|c| c.day <= end)];
    let last_open = upto.iter().rposition(|c| c.status != Status::Resolved);
    upto[last_open.map_or(0, |i| i + 1)..].first()
}
