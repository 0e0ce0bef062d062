//! A filtered list: the records of one value of a facet (the major
//! incidents, the records of 2023, the major incidents of 2023 …), newest
//! first, split into pages like the list of all records, with the facet
//! navigation.

use serde::Serialize;
use tera::Value;

use super::facet_nav::{self, ChoiceGroup};
use super::frame::{Frame, Page, crumbs};
use super::shared::Shared;
use super::summaries::{Pagination, pagination};
use crate::layout::facets::{facet_page_path, facet_path};
use crate::layout::paging::page_range;
use crate::layout::{Facet, UrlWords};
use crate::render::views::Link;

/// A page of a filtered list's variables (`records.html` reads the same
/// names).
#[derive(Serialize)]
pub struct FacetList {
    /// The facet navigation (the same on every filtered list).
    facets: Value,
    /// The choice this page lists, for `aria-current`.
    current: Current,
    /// The kind × year lists beside a kind's or a year's list.
    kind_year: Option<ChoiceGroup>,
    /// "11 of 1 003 deviations, latest first."
    intro: String,
    /// The table's caption.
    caption: String,
    /// The rows of this page's records, newest first.
    records: Value,
    /// Where this page stands; absent when the list has one page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pagination: Option<Pagination>,
}

/// The choice a list page shows: its facet and value id, and the
/// `aria-current` value of its link (`page` on its first page).
#[derive(Serialize)]
pub struct Current {
    /// The facet (`kind` …; empty on the list of all records).
    pub facet: &'static str,
    /// The value's id.
    pub id: String,
    /// `page` or `true`.
    pub aria: &'static str,
}

impl Current {
    /// Page `page` of the list of all records.
    pub fn all(page: usize) -> Current {
        Current { facet: "", id: String::new(), aria: if page == 0 { "page" } else { "true" } }
    }
}

/// Page `page` (0 is the first) of the list of value `v` of `facet`.
pub fn page(s: &Shared<'_>, facet: Facet, v: usize, page: usize) -> Page<FacetList> {
    let site = s.site;
    let l = &s.labels;
    let t = l.i18n;
    let w = s.words;
    let value = &site.facets.values(facet)[v];
    let recs = &value.records;
    let (oldest, newest) = page_range(recs.len(), page);
    let label = facet_nav::label(site, l, value.key);
    let title = match facet {
        Facet::KindYear => t.fill("facet_title_kind_year", &[("value", &label)]),
        _ => t.fill("facet_title", &[("facet", &facet_nav::heading(site, l, facet)), ("value", &label)]),
    };
    let intro = t
        .fill("facet_intro", &[("count", &l.count(recs.len() as u64)), ("total", &l.count(site.records.len() as u64))]);
    let values = FacetList {
        facets: s.cache.facet_nav(site, l),
        current: Current { facet: facet.key(), id: value.id.clone(), aria: if page == 0 { "page" } else { "true" } },
        kind_year: facet_nav::kind_year(site, l, value.key),
        caption: t.fill("facet_caption", &[("title", &title)]),
        intro: intro.clone(),
        records: s.rows(recs[oldest..newest].iter().rev().copied()),
        pagination: pagination(l, page, recs.len(), |n| facet_page_path(w, facet, &value.id, n)),
    };
    let mut breadcrumbs = vec![s.home(), s.list_link("nav_records", &w.records)];
    if page > 0 {
        breadcrumbs.push(Link { title: title.clone(), href: facet_path(w, facet, &value.id) });
    }
    let frame = Frame {
        title,
        description: Some(intro),
        breadcrumbs: crumbs(breadcrumbs),
        section: UrlWords::list(&w.records),
        template: "facet.html",
    };
    Page::new(frame, values)
}
