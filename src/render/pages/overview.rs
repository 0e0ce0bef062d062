//! The overview, the site's front page: the current period's key figures
//! and areas, the records not yet resolved and the latest records.

use serde::Serialize;
use tera::Value;

use super::frame::{Frame, Page, crumbs};
use super::shared::Shared;
use super::summaries::AreaSummary;
use crate::charts::site as draw;
use crate::render::views::{self, FigureCard};

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
}

/// The overview.
pub fn page(s: &Shared<'_>) -> Page<Overview> {
    let site = s.site;
    let l = &s.labels;
    let (current, compare, figures, areas) = match site.current_period {
        Some(p) => {
            let compare = site.compare_of[p];
            let areas = views::follow_up(site, p, l)
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
                Some(views::figure_cards(site, p, compare, l)),
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
        open_records: s.rows(open.iter().take(OPEN_LIMIT).copied()),
        open_total: l.count(open.len() as u64),
        open_more: open.len() > OPEN_LIMIT,
        open_shown: l.count(open.len().min(OPEN_LIMIT) as u64),
        latest: s.rows((0..site.records.len()).rev().take(10)),
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
