//! The list of all records, newest first, split into pages of
//! [`RECORDS_PER_PAGE`](crate::layout::paging::RECORDS_PER_PAGE).

use serde::Serialize;
use tera::Value;

use super::facet::Current;
use super::frame::{Frame, Page, crumbs};
use super::shared::Shared;
use super::summaries::{Pagination, pagination};
use crate::layout::paging::{page_range, records_page_path};

/// A page of the list of all records' variables.
#[derive(Serialize)]
pub struct Records {
    /// The rows of this page's records, newest first.
    records: Value,
    /// All records by kind (on every page).
    counts: Value,
    /// The facet navigation of the filtered lists.
    facets: Value,
    /// The list of all records as the navigation's current choice.
    current: Current,
    /// Where this page stands; absent when the list has one page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pagination: Option<Pagination>,
}

/// Page `page` (0 is the first) of the list of all records. The pages after
/// the first have the first among their breadcrumbs.
pub fn page(s: &Shared<'_>, page: usize) -> Page<Records> {
    let site = s.site;
    let l = &s.labels;
    let w = s.words;
    let (oldest, newest) = page_range(site.records.len(), page);
    let values = Records {
        records: s.rows((oldest..newest).rev()),
        counts: s.cache.kind_counts(site, None, l),
        facets: s.cache.facet_nav(site, l),
        current: Current::all(page),
        pagination: pagination(l, page, site.records.len(), |n| records_page_path(w, n)),
    };
    let mut frame = Frame::list(s, l.i18n.get("nav_records"), &w.records, "records.html");
    if page > 0 {
        frame.breadcrumbs = crumbs(vec![s.home(), s.list_link("nav_records", &w.records)]);
    }
    Page::new(frame, values)
}
