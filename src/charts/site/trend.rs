//! Which periods a chart over time compares: like with like.
//!
//! The rule: a trend shows the periods of the same length as the current
//! period that do not overlap, in time order, ending with the current one.
//! A period's length is counted in calendar months when it runs from the
//! first day of a month to the last day of a month (a month, a quarter, a
//! tertial, a half-year, a year: 1, 3, 4, 6, 12 months, however many days
//! each has), and in days otherwise. Walking back from the current period,
//! a period of that length is taken when it ends before the earliest one
//! taken so far, so no two bars share a day. Periods of another length,
//! overlapping ones and those starting after the current period ends are
//! left out of the chart (their numbers are on their own pages and in the
//! table of all periods), and the chart's text says so.

use crate::content::Period;
use crate::model::Site;
use crate::theme::Labels;
use crate::time::{Date, days_in_month};

/// How long a period is, for comparing like with like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    /// Whole calendar months: from the first day of a month to the last day
    /// of a month.
    Months(u32),
    /// Any other span, in days (both ends included).
    Days(u32),
}

impl Length {
    /// The length of `period`.
    pub fn of(period: &Period) -> Length {
        let (start, end) = (period.start.value, period.end.value);
        let whole = start.day == 1 && end.day == days_in_month(end.year, end.month);
        let month_index = |d: Date| i64::from(d.year) * 12 + i64::from(d.month);
        if whole {
            let months = month_index(end) - month_index(start) + 1;
            Length::Months(u32::try_from(months.max(1)).unwrap_or(u32::MAX))
        } else {
            let days = end.days_since_epoch() - start.days_since_epoch() + 1;
            Length::Days(u32::try_from(days.max(1)).unwrap_or(u32::MAX))
        }
    }

    /// "3 månader", "1 month", "10 days".
    pub fn words(self, l: &Labels<'_>) -> String {
        let (key, n) = match self {
            Length::Months(1) => ("chart_length_month", 1),
            Length::Months(n) => ("chart_length_months", n),
            Length::Days(1) => ("chart_length_day", 1),
            Length::Days(n) => ("chart_length_days", n),
        };
        l.i18n.fill(key, &[("n", &l.count(u64::from(n)))])
    }
}

/// The periods a chart over time shows, and those it leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trend {
    /// Indexes into `site.periods`, in time order; the current period last.
    pub periods: Vec<usize>,
    /// The periods reported by the current one's end (starting no later)
    /// that the trend leaves out: another length, or overlapping.
    pub left_out: Vec<usize>,
    /// The length they share.
    pub length: Length,
}

impl Trend {
    /// The trend ending with the site's current period; None when the site
    /// has no period.
    pub fn of(site: &Site) -> Option<Trend> {
        let current = site.current_period?;
        let length = Length::of(&site.periods[current]);
        let end = site.periods[current].end.value;
        let mut periods = vec![current];
        let mut earliest = site.periods[current].start.value;
        // Periods are sorted by start: walk back from the latest start.
        let mut candidates: Vec<usize> = (0..site.periods.len())
            .filter(|&p| p != current && site.periods[p].start.value <= end)
            .filter(|&p| Length::of(&site.periods[p]) == length)
            .collect();
        candidates.sort_by(|&a, &b| {
            let (pa, pb) = (&site.periods[a], &site.periods[b]);
            pb.start.value.cmp(&pa.start.value).then(pb.end.value.cmp(&pa.end.value)).then(a.cmp(&b))
        });
        for p in candidates {
            if site.periods[p].end.value < earliest {
                earliest = site.periods[p].start.value;
                periods.push(p);
            }
        }
        periods.reverse();
        let left_out =
            (0..site.periods.len()).filter(|p| !periods.contains(p) && site.periods[*p].start.value <= end).collect();
        Some(Trend { periods, left_out, length })
    }

    /// Where `period` stands in the trend.
    pub fn position(&self, period: usize) -> Option<usize> {
        self.periods.iter().position(|&p| p == period)
    }

    /// The period the current one is compared with in words: its comparison
    /// period when that is in the trend (the same length, so comparable),
    /// else the one before it in the trend.
    pub fn reference(&self, site: &Site) -> Option<usize> {
        let current = *self.periods.last()?;
        match site.compare_of[current] {
            Some(c) if self.position(c).is_some() => Some(c),
            _ => self.periods.len().checked_sub(2).map(|i| self.periods[i]),
        }
    }

    /// The category axis's title: "Perioder om 3 månader".
    pub fn axis_title(&self, l: &Labels<'_>) -> String {
        l.i18n.fill("chart_trend_axis", &[("length", &self.length.words(l))])
    }

    /// `periods` (in time order) in words: "Q1 2022 and Q1 2023", or "80
    /// periods from January 2017 to August 2023" when there are many.
    pub fn listed(&self, site: &Site, l: &Labels<'_>, periods: &[usize]) -> String {
        let names: Vec<&str> = periods.iter().map(|&p| site.periods[p].label.as_str()).collect();
        match names.as_slice() {
            [first, .., last] if names.len() > MAX_LISTED => l
                .i18n
                .fill("chart_trend_from_to", &[("n", &l.count(names.len() as u64)), ("first", first), ("last", last)]),
            _ => super::words::join_list(l, &names),
        }
    }

    /// What the chart shows and leaves out, in words, for its caption.
    pub fn scope(&self, site: &Site, l: &Labels<'_>) -> String {
        let label = |p: &usize| site.periods[*p].label.as_str();
        let shown = self.listed(site, l, &self.periods);
        let mut text = l.i18n.fill("chart_trend_scope", &[("length", &self.length.words(l)), ("periods", &shown)]);
        if !self.left_out.is_empty() {
            let names: Vec<&str> = self.left_out.iter().map(label).collect();
            let listed = if names.len() > MAX_LISTED {
                let more = l.count((names.len() - (MAX_LISTED - 1)) as u64);
                l.i18n.fill("chart_and_more", &[("list", &names[..MAX_LISTED - 1].join(", ")), ("n", &more)])
            } else {
                super::words::join_list(l, &names)
            };
            text.push(' ');
            text.push_str(&l.i18n.fill("chart_trend_left_out", &[("periods", &listed)]));
        }
        text
    }
}

/// The most periods named one by one in a chart's text; more are summed up.
const MAX_LISTED: usize = 6;
