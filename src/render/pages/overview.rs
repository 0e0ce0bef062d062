//! The overview, the site's front page: the current period's key figures
//! and areas, the records not yet resolved and the latest records.

use serde::Serialize;
use tera::Value;

use super::frame::{Frame, Page, crumbs};
use super::reports;
use super::shared::Shared;
use super::summaries::AreaSummary;
use super::tiers::{self, TierTable};
use crate::charts::site as draw;
use crate::layout::links;
use crate::render::views::{self, FigureCard};
use crate::vocab::Status;

/// The overview shows at most this many records that are not resolved,
/// newest first, and links to the list of all records for the rest.
pub const OPEN_LIMIT: usize = 100;

/// The overview's variables. Without a current period, `current`,
/// `compare`, `figures` and `areas` are absent (not empty), so that a
/// theme can test for them.
#[derive(Serialize)]
pub struct Overview {
    /// The current period's summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    current: Option<Value>,
    /// The period it is compared with; `none` when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    compare: Option<Value>,
    /// The current period's key figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    figures: Option<Vec<FigureCard>>,
    /// The areas in the current period.
    #[serde(skip_serializing_if = "Option::is_none")]
    areas: Option<Vec<AreaSummary>>,
    /// The current period's deviations by service tier.
    #[serde(skip_serializing_if = "Option::is_none")]
    tiers: Option<TierTable>,
    /// The newest records not resolved, at most [`OPEN_LIMIT`].
    open_records: Value,
    /// How many records are not resolved, formatted.
    open_total: String,
    /// Whether there are more than are shown.
    open_more: bool,
    /// How many are shown, formatted.
    open_shown: String,
    /// The ten newest records.
    latest: Value,
    /// Where things stand as of the latest report: open deviations and
    /// recommendations.
    headline: Headline,
}

/// The open-and-overdue headline, as of the latest report.
#[derive(Serialize)]
struct Headline {
    /// As of when, in a sentence.
    as_of: Option<String>,
    /// The open deviations and the oldest, in a sentence.
    records: String,
    /// The open and overdue recommendations, in a sentence.
    recommendations: String,
    /// The follow-up page.
    link: String,
}

/// The overview.
pub fn page(s: &Shared<'_>) -> Page<Overview> {
    let site = s.site;
    let l = &s.labels;
    let (current, compare, figures, areas) = match site.current_period {
        Some(p) => {
            let compare = site.compare_of[p];
            let areas = views::follow_up(site, p, l, s.md)
                .into_iter()
                .map(|a| AreaSummary {
                    counts: views::kind_counts(site, &a.records, l),
                    open: a.records.iter().filter(|&&r| site.is_open(r)).count(),
                    total: a.records.len(),
                    name: a.name,
                    href: a.href,
                    services_with_deviations: a.rows.len(),
                })
                .collect();
            (
                Some(s.period(p)),
                Some(compare.map_or(Value::none(), |c| s.period(c))),
                Some(reports::with_reporting_note(views::figure_cards(site, p, compare, l), site, l, p)),
                Some(areas),
            )
        }
        None => (None, None, None, None),
    };
    let open: Vec<usize> = (0..site.records.len()).rev().filter(|&i| site.is_open(i)).collect();
    let values = Overview {
        current,
        compare,
        figures,
        areas,
        tiers: site.current_period.map(|p| tiers::table(site, l, p)),
        open_records: s.rows(open.iter().take(OPEN_LIMIT).copied()),
        open_total: l.count(open.len() as u64),
        open_more: open.len() > OPEN_LIMIT,
        open_shown: l.count(open.len().min(OPEN_LIMIT) as u64),
        latest: s.rows((0..site.records.len()).rev().take(10)),
        headline: headline(s),
    };
    let frame = Frame {
        title: site.config.title.clone(),
        description: None,
        breadcrumbs: crumbs(Vec::new()),
        section: String::new(),
        template: "overview.html",
    };
    Page { frame, values, charts: s.charts(|| draw::overview(site, l)) }
}

/// How many deviations and recommendations are open as of the latest
/// report, how old the oldest deviation is and how many recommendations
/// are overdue.
fn headline(s: &Shared<'_>) -> Headline {
    let (site, l) = (s.site, &s.labels);
    let t = l.i18n;
    let day = site.as_of;
    let open: Vec<usize> = (0..site.records.len())
        .filter(|&i| day.map_or_else(|| site.is_open(i), |d| site.status_on(i, d) != Status::Resolved))
        .collect();
    // Records are in date order: the first open one is the oldest.
    let records = match (open.first(), day) {
        (None, _) => t.get("headline_no_open_records").to_string(),
        (Some(&oldest), day) => {
            let since = site.record_days[oldest];
            let days = day.map_or(0, |d| d.days_since_epoch() - since.days_since_epoch());
            let key = if open.len() == 1 { "headline_open_records_one" } else { "headline_open_records" };
            t.fill(
                key,
                &[
                    ("n", &l.count(open.len() as u64)),
                    ("date", &t.date(since)),
                    ("days", &l.count(u64::try_from(days).unwrap_or(0))),
                ],
            )
        }
    };
    let made: Vec<_> = site.followed.iter().filter(|f| day.is_none_or(|d| f.made <= d)).collect();
    let recommendations = if made.is_empty() {
        t.get("headline_no_recommendations").to_string()
    } else {
        let status = |f: &crate::model::followed::Followed| {
            day.and_then(|d| site.recommendation_status_on(f, d)).unwrap_or(f.line.initial)
        };
        let open = made.iter().filter(|f| !status(f).is_closed()).count();
        let overdue = made.iter().filter(|f| day.and_then(|d| site.days_overdue(f, d)).is_some()).count();
        t.fill(
            "headline_recommendations",
            &[
                ("open", &l.count(open as u64)),
                ("total", &l.count(made.len() as u64)),
                ("overdue", &l.count(overdue as u64)),
            ],
        )
    };
    Headline {
        as_of: day.map(|d| t.fill("headline_as_of", &[("date", &t.date(d))])),
        records,
        recommendations,
        link: links::link(&s.words.follow_up_list()),
    }
}
