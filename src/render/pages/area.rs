//! An area: its services and its records, split into pages of
//! [`RECORDS_PER_PAGE`](crate::layout::paging::RECORDS_PER_PAGE) like the list
//! of all records.

use serde::Serialize;
use tera::Value;

use super::frame::{DESCRIPTION_CHARS, Frame, Page};
use super::shared::Shared;
use super::summaries::{Pagination, ServiceSummary, pagination, service_summary};
use crate::charts::site as draw;
use crate::layout::paging::{page_range, paged};
use crate::render::markdown;
use crate::render::views::Link;

/// A page of an area's variables.
#[derive(Serialize)]
pub struct Area {
    /// The area.
    area: AreaView,
    /// Its services.
    services: Vec<ServiceSummary>,
    /// Its records by kind (all of them, on every page).
    counts: Value,
    /// The rows of this page's records, newest first.
    records: Value,
    /// Where this page stands; absent when the area has one page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pagination: Option<Pagination>,
}

/// The area itself.
#[derive(Serialize)]
struct AreaView {
    name: String,
    /// The path of the area's (first) page.
    href: String,
    description_html: Option<String>,
}

/// Page `page` (0 is the first) of area `a`; only the first has charts.
pub fn page(s: &Shared<'_>, a: usize, page: usize) -> Page<Area> {
    let site = s.site;
    let l = &s.labels;
    let w = s.words;
    let area = &site.config.areas[a];
    let (description_html, description_text) =
        area.description.as_deref().map(|m| markdown::to_html_and_text(m, 1, DESCRIPTION_CHARS, s.md)).unzip();
    let recs = &site.records_by_area[a];
    let (oldest, newest) = page_range(recs.len(), page);
    let base = w.area(&area.id);
    let values = Area {
        area: AreaView { name: area.name.clone(), href: base.clone(), description_html },
        services: site.services_by_area[a].iter().map(|&i| service_summary(site, l, i)).collect(),
        counts: s.cache.kind_counts(site, Some(a), l),
        records: s.rows(recs[oldest..newest].iter().rev().copied()),
        pagination: pagination(l, page, recs.len(), |n| paged(&base, w, n)),
    };
    let mut breadcrumbs = vec![s.home(), s.list_link("nav_areas", &w.areas)];
    if page > 0 {
        breadcrumbs.push(Link { title: area.name.clone(), href: base.clone() });
    }
    let frame = Frame::described(&area.name, description_text, breadcrumbs, &w.areas, "area.html");
    let charts = if page == 0 { s.charts(|| vec![draw::area(site, a, l)]) } else { Vec::new() };
    Page { frame, values, charts }
}
