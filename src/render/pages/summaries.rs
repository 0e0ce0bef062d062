//! Views that pages of several kinds show: a period's, an area's and a
//! service's summary, and where a page of a split list stands.

use serde::Serialize;

use crate::layout::facets::facet_path;
use crate::layout::paging::{list_pages, page_range};
use crate::layout::{Facet, links};
use crate::model::Site;
use crate::model::facets::FacetKey;
use crate::model::figures::FigureKind;
use crate::render::views::{KindCount, Link};
use crate::theme::Labels;

/// A period as lists and record pages show it.
#[derive(Serialize)]
pub struct PeriodSummary {
    id: String,
    label: String,
    href: String,
    /// `href` as a link names it (`perioder/2023-q1/index.html`).
    link: String,
    start: String,
    start_iso: String,
    end: String,
    end_iso: String,
    records: usize,
    current: bool,
    figures: Vec<FigureValue>,
}

/// One key figure of a period, without comparison.
#[derive(Serialize)]
struct FigureValue {
    key: &'static str,
    label: String,
    value: String,
    official: bool,
}

/// Period `p`'s summary, its figures included.
pub fn period_summary(site: &Site, labels: &Labels<'_>, p: usize) -> PeriodSummary {
    let period = &site.periods[p];
    let t = labels.i18n;
    let href = t.url.period(&period.id);
    PeriodSummary {
        id: period.id.clone(),
        label: period.label.clone(),
        link: links::link(&href),
        href,
        start: t.date(period.start.value),
        start_iso: period.start.value.to_string(),
        end: t.date(period.end.value),
        end_iso: period.end.value.to_string(),
        records: site.records_by_period[p].len(),
        current: site.current_period == Some(p),
        figures: FigureKind::ALL
            .iter()
            .map(|&k| {
                let f = site.figure(p, k);
                FigureValue {
                    key: k.key(),
                    label: t.get(&format!("figure_{}", k.key())).to_string(),
                    value: f.map_or_else(|| "–".to_string(), |f| labels.count(f.value)),
                    official: f.is_none_or(|f| f.official),
                }
            })
            .collect(),
    }
}

/// An area as the overview and the list of areas show it.
#[derive(Serialize)]
pub struct AreaSummary {
    /// Name.
    pub name: String,
    /// The path of the area's (first) page.
    pub href: String,
    /// Its records by kind.
    pub counts: Vec<KindCount>,
    /// How many of its records are open.
    pub open: usize,
    /// How many records.
    pub total: usize,
    /// Services with deviations (on the overview: in the current period).
    pub services_with_deviations: usize,
}

/// A service as lists show it.
#[derive(Serialize)]
pub struct ServiceSummary {
    id: String,
    name: String,
    href: String,
    system: Option<String>,
    tier: &'static str,
    tier_label: String,
    /// The list of the records of its tier, when that tier has records.
    tier_href: Option<String>,
    supplier: Option<String>,
    area: Option<Link>,
    retired: bool,
    records: usize,
    open: usize,
}

/// Service `i`'s summary.
pub fn service_summary(site: &Site, labels: &Labels<'_>, i: usize) -> ServiceSummary {
    let words = &labels.i18n.url;
    let service = &site.services[i];
    let recs = &site.records_by_service[i];
    ServiceSummary {
        id: service.id.clone(),
        name: service.name.clone(),
        href: words.service(&service.id),
        system: service.system.clone(),
        tier: service.tier.key(),
        tier_label: labels.i18n.tier(service.tier).to_string(),
        tier_href: site
            .facets
            .position(Facet::Tier, FacetKey::Tier(service.tier))
            .map(|_| facet_path(words, Facet::Tier, service.tier.key())),
        supplier: service.supplier.clone(),
        area: site.service_area[i].map(|a| {
            let area = &site.config.areas[a];
            Link { title: area.name.clone(), href: words.area(&area.id) }
        }),
        retired: service.retired,
        records: recs.len(),
        open: recs.iter().filter(|&&r| site.is_open(r)).count(),
    }
}

/// Where a page of a split list stands, for its navigation.
#[derive(Serialize)]
pub struct Pagination {
    /// This page's number, from 1, formatted.
    current: String,
    /// How many pages.
    total: String,
    /// The number of the first record on this page, from 1.
    first_record: String,
    /// The number of the last record on this page.
    last_record: String,
    /// Records in the whole list.
    records: String,
    /// The page before (newer records).
    prev: Option<String>,
    /// The page after (older records).
    next: Option<String>,
}

/// Where page `page` of a list of `len` records stands, when the list has
/// more than one page; `href` gives the path of page `n`.
pub fn pagination(l: &Labels<'_>, page: usize, len: usize, href: impl Fn(usize) -> String) -> Option<Pagination> {
    let pages = list_pages(len);
    let (oldest, newest) = page_range(len, page);
    (pages > 1).then(|| Pagination {
        current: l.count(page as u64 + 1),
        total: l.count(pages as u64),
        first_record: l.count((len - newest + 1) as u64),
        last_record: l.count((len - oldest) as u64),
        records: l.count(len as u64),
        prev: (page > 0).then(|| href(page - 1)),
        next: (page + 1 < pages).then(|| href(page + 1)),
    })
}
