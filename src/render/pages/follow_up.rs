//! The follow-up page: every recommendation ever made, grouped by its
//! status as of the latest report, each with its facts and history; a
//! matrix of the recommendations' status at the end of each period; and
//! the calendars of their due dates.

use serde::Serialize;

use super::followed::{self, Card};
use super::frame::{Frame, Page};
use super::shared::Shared;
use crate::render::views::Link;
use crate::vocab::RecommendationStatus;

/// The follow-up page's variables.
#[derive(Serialize)]
pub struct FollowUp {
    /// As of when, in a sentence.
    intro: String,
    /// Each status with its count, in words.
    counts: Vec<String>,
    /// The recommendations, by status (statuses with none left out).
    groups: Vec<Group>,
    /// The status matrix.
    matrix: Matrix,
    /// The calendar of all open recommendations, and one per area that has any.
    calendars: Vec<Link>,
}

/// The recommendations of one status.
#[derive(Serialize)]
struct Group {
    /// The status key (the section's anchor is `status-<key>`).
    status: &'static str,
    /// Its heading, with the count.
    heading: String,
    cards: Vec<Card>,
}

/// Recommendations × periods: the status at each period's end.
#[derive(Serialize)]
struct Matrix {
    /// The periods, in time order: those that end on or after the first
    /// recommendation was made.
    periods: Vec<Link>,
    rows: Vec<MatrixRow>,
}

/// One recommendation's row.
#[derive(Serialize)]
struct MatrixRow {
    title: String,
    link: String,
    /// Per period: its status key and words, or none before it was made.
    cells: Vec<Cell>,
}

/// One cell of the matrix.
#[derive(Serialize)]
struct Cell {
    status: Option<&'static str>,
    label: String,
}

/// The follow-up page.
pub fn page(s: &Shared<'_>) -> Page<FollowUp> {
    let (site, l) = (s.site, &s.labels);
    let t = l.i18n;
    let w = s.words;
    let day = site.as_of;
    let cards: Vec<(RecommendationStatus, Card)> = site
        .followed
        .iter()
        .map(|f| {
            let status = day.and_then(|d| site.recommendation_status_on(f, d)).unwrap_or(f.line.initial);
            (status, followed::card(site, l, f, day.unwrap_or(f.made), s.md))
        })
        .collect();
    let mut groups = Vec::new();
    let mut counts = Vec::new();
    for &status in RecommendationStatus::ALL {
        let mine: Vec<Card> = cards.iter().filter(|(st, _)| *st == status).map(|(_, c)| c.clone()).collect();
        if mine.is_empty() {
            continue;
        }
        let label = followed::status_label(l, status);
        let counted = t.fill("follow_up_status_count", &[("status", &label), ("n", &l.count(mine.len() as u64))]);
        counts.push(counted.clone());
        groups.push(Group { status: status.key(), heading: counted, cards: mine });
    }
    let first_made = site.followed.iter().map(|f| f.made).min();
    let periods: Vec<usize> = match first_made {
        Some(made) => {
            let mut ps: Vec<usize> = (0..site.periods.len()).filter(|&p| site.periods[p].end.value >= made).collect();
            ps.sort_by_key(|&p| (site.periods[p].end.value, site.periods[p].start.value));
            ps
        }
        None => Vec::new(),
    };
    let rows = site
        .followed
        .iter()
        .zip(&cards)
        .map(|(f, (_, card))| MatrixRow {
            title: card.title.clone(),
            link: ["#", &card.anchor].concat(),
            cells: periods
                .iter()
                .map(|&p| match site.recommendation_status_on(f, site.periods[p].end.value) {
                    Some(st) => Cell { status: Some(st.key()), label: followed::status_label(l, st) },
                    None => Cell { status: None, label: t.get("follow_up_not_made").to_string() },
                })
                .collect(),
        })
        .collect();
    let matrix = Matrix {
        periods: periods
            .iter()
            .map(|&p| Link { title: site.periods[p].label.clone(), href: w.period(&site.periods[p].id) })
            .collect(),
        rows,
    };
    let calendars = calendar_links(s);
    let intro = match day {
        Some(d) => t.fill("follow_up_intro", &[("date", &t.date(d))]),
        None => t.get("follow_up_none").to_string(),
    };
    let frame = Frame::list(s, t.get("follow_up_title"), w.follow_up_word(), "follow_up.html");
    Page::new(frame, FollowUp { intro, counts, groups, matrix, calendars })
}

/// The calendars: all open recommendations, then each area with any.
fn calendar_links(s: &Shared<'_>) -> Vec<Link> {
    let (site, t) = (s.site, s.labels.i18n);
    let mut out = vec![Link { title: t.get("follow_up_calendar_all").to_string(), href: s.words.calendar(None) }];
    for (a, area) in site.config.areas.iter().enumerate() {
        if !crate::render::calendar::due_open(site, Some(a)).is_empty() {
            out.push(Link {
                title: t.fill("follow_up_calendar_area", &[("area", &area.name)]),
                href: s.words.calendar(Some(&area.id)),
            });
        }
    }
    out
}
