//! "Since the last report" on a period's page: what is new, resolved and
//! still open since the previous report, and how the recommendations moved,
//! with statuses as of this period's last day. Counts first, then the lists.

use serde::Serialize;

use super::followed::{self, Card};
use crate::layout::links;
use crate::model::Site;
use crate::model::follow_up::FollowUp;
use crate::render::{markdown, views};
use crate::theme::Labels;
use crate::time::Date;
use crate::vocab::Status;

/// Longest list shown in each part; the rest are counted and linked.
pub const LIST_LIMIT: usize = 100;

/// The section's values.
#[derive(Serialize)]
pub struct Since {
    /// Which report it compares with, in words.
    intro: String,
    /// Whether there is a previous report.
    has_previous: bool,
    /// The counts, in words ("3 nya avvikelser").
    counts: Vec<String>,
    /// The heading of the new deviations.
    new_heading: String,
    /// New deviations.
    new: Part<Mention>,
    /// Deviations resolved since the previous report.
    resolved: Part<Mention>,
    /// Deviations open at the end, oldest first.
    open: Part<Mention>,
    /// Recommendations made in this period.
    made: Vec<Card>,
    /// Earlier recommendations whose status changed.
    changed: Vec<Changed>,
    /// Overdue recommendations, most overdue first.
    overdue: Vec<Card>,
}

/// One list, at most [`LIST_LIMIT`] long, and what was left out.
#[derive(Serialize)]
struct Part<T> {
    items: Vec<T>,
    /// "Showing 100 of 2 345 …" when some were left out.
    more: Option<String>,
}

/// A deviation in one of the lists.
#[derive(Serialize)]
struct Mention {
    title: String,
    link: String,
    kind_label: String,
    date: String,
    date_iso: String,
    /// Its status on this period's last day.
    status: &'static str,
    status_label: String,
    /// How long it took, or how long it has been open.
    note: Option<String>,
}

/// An earlier recommendation whose status changed.
#[derive(Serialize)]
struct Changed {
    card: Card,
    /// "Beslutad → Genomförd".
    change: String,
    from: &'static str,
    to: &'static str,
}

/// The section for period `p`.
pub fn since(site: &Site, l: &Labels<'_>, p: usize, cx: &markdown::Context<'_>) -> Since {
    let t = l.i18n;
    let end = site.periods[p].end.value;
    let up = site.follow_up(p);
    let FollowUp { previous, new, resolved, open, made, changed, overdue } = &up;
    let intro = match previous {
        Some(q) => t.fill(
            "since_intro",
            &[
                ("period", &site.periods[*q].label),
                ("date", &t.date(site.periods[*q].end.value)),
                ("end", &t.date(end)),
            ],
        ),
        None => t.fill("since_first", &[("end", &t.date(end))]),
    };
    let count = |n: usize, key: &str| {
        let one = format!("{key}_one");
        if n == 1 { t.get(&one).to_string() } else { t.fill(key, &[("n", &l.count(n as u64))]) }
    };
    let mut counts = vec![count(new.len(), "since_count_new")];
    if previous.is_some() {
        counts.push(count(resolved.len(), "since_count_resolved"));
    }
    counts.push(count(open.len(), "since_count_open"));
    counts.push(count(made.len(), "since_count_made"));
    if previous.is_some() {
        counts.push(count(changed.len(), "since_count_changed"));
    }
    counts.push(count(overdue.len(), "since_count_overdue"));
    let mention = |i: usize, note: Option<String>| mention(site, l, i, end, note);
    Since {
        intro,
        has_previous: previous.is_some(),
        counts,
        new_heading: t.get(if previous.is_some() { "since_new" } else { "since_new_first" }).to_string(),
        new: part(l, new.iter().map(|&i| mention(i, None)), new.len()),
        resolved: part(
            l,
            resolved.iter().map(|(i, at)| {
                let took = views::duration_text(t, &site.records[*i].date.value, at)
                    .map(|d| t.fill("since_took", &[("duration", &d)]));
                mention(*i, took)
            }),
            resolved.len(),
        ),
        open: part(
            l,
            open.iter().map(|&(i, days)| {
                let age = if days == 1 {
                    t.get("since_age_one").to_string()
                } else {
                    t.fill("since_age", &[("n", &l.count(u64::try_from(days).unwrap_or(0)))])
                };
                mention(i, Some(age))
            }),
            open.len(),
        ),
        made: made.iter().map(|&f| followed::card(site, l, &site.followed[f], end, cx)).collect(),
        changed: changed
            .iter()
            .map(|&(f, from, to)| Changed {
                card: followed::card(site, l, &site.followed[f], end, cx),
                change: t.fill(
                    "since_change",
                    &[("from", &followed::status_label(l, from)), ("to", &followed::status_label(l, to))],
                ),
                from: from.key(),
                to: to.key(),
            })
            .collect(),
        overdue: overdue.iter().map(|&(f, _)| followed::card(site, l, &site.followed[f], end, cx)).collect(),
    }
}

/// The first [`LIST_LIMIT`] of `items` (of `total`).
fn part<T>(l: &Labels<'_>, items: impl Iterator<Item = T>, total: usize) -> Part<T> {
    let items: Vec<T> = items.take(LIST_LIMIT).collect();
    let more = (total > items.len()).then(|| {
        l.i18n.fill("since_more", &[("shown", &l.count(items.len() as u64)), ("total", &l.count(total as u64))])
    });
    Part { items, more }
}

/// Record `i` as it stood on `day`.
fn mention(site: &Site, l: &Labels<'_>, i: usize, day: Date, note: Option<String>) -> Mention {
    let r = &site.records[i];
    let status: Status = site.status_on(i, day);
    Mention {
        title: r.title.clone(),
        link: links::link(&l.i18n.url.record(&r.id)),
        kind_label: l.i18n.kind(r.kind).to_string(),
        date: l.i18n.moment(&r.date.value),
        date_iso: r.date.value.rfc3339(),
        status: status.key(),
        status_label: l.i18n.status(status).to_string(),
        note,
    }
}
