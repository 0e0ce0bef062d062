//! A service: its description, its records and how many it had in each
//! period.

use serde::Serialize;
use tera::Value;

use super::frame::{DESCRIPTION_CHARS, Frame, Page};
use super::shared::Shared;
use super::summaries::{ServiceSummary, service_summary};
use crate::charts::site as draw;
use crate::render::markdown;
use crate::render::views::{self, KindCount, Link};

/// A service's variables.
#[derive(Serialize)]
pub struct Service {
    /// The service.
    service: ServiceSummary,
    /// The editors' description, as HTML.
    description_html: Option<String>,
    /// Its records by kind.
    counts: Vec<KindCount>,
    /// The rows of its records, newest first.
    records: Value,
    /// The periods it had records in, newest first.
    history: Vec<PeriodCount>,
}

/// How many records a service had in one period.
#[derive(Serialize)]
struct PeriodCount {
    period: Value,
    count: String,
}

/// Service `i`'s page.
pub fn page(s: &Shared<'_>, i: usize) -> Page<Service> {
    let site = s.site;
    let l = &s.labels;
    let w = s.words;
    let service = &site.services[i];
    let (description_html, description_text) =
        service.description.as_deref().map(|m| markdown::to_html_and_text(m, 1, DESCRIPTION_CHARS, s.md)).unzip();
    let recs = &site.records_by_service[i];
    let mut per_period = vec![0u64; site.periods.len()];
    for &r in recs {
        for &p in &site.periods_by_record[r] {
            per_period[p] += 1;
        }
    }
    let history = (0..site.periods.len())
        .rev()
        .filter(|&p| per_period[p] > 0)
        .map(|p| PeriodCount { period: s.period(p), count: l.count(per_period[p]) })
        .collect();
    let values = Service {
        service: service_summary(site, l, i),
        description_html,
        counts: views::kind_counts(site, recs, l),
        records: s.rows(recs.iter().rev().copied()),
        history,
    };
    let mut links = vec![s.home(), s.list_link("nav_services", &w.services)];
    if let Some(a) = site.service_area[i] {
        let area = &site.config.areas[a];
        links.push(Link { title: area.name.clone(), href: w.area(&area.id) });
    }
    let frame = Frame::described(&service.name, description_text, links, &w.services, "service.html");
    Page { frame, values, charts: s.charts(|| vec![draw::service(site, i, l)]) }
}
