//! Every page of a site and its path: one list, used to render the pages,
//! to check that no two outputs share a path, to list the sitemap and to
//! answer the preview server.

use super::facets::{self, Facet};
use super::words::UrlWords;
use super::{links, paging, reserved};

/// What [`Route`]s need to know of a site: how many of each thing it has
/// and their ids. The linked model implements it.
pub trait SiteIds {
    /// Number of periods.
    fn period_count(&self) -> usize;
    /// Id of period `i`.
    fn period_id(&self, i: usize) -> &str;
    /// Number of areas.
    fn area_count(&self) -> usize;
    /// Id of area `i`.
    fn area_id(&self, i: usize) -> &str;
    /// How many records area `i` lists.
    fn area_record_count(&self, i: usize) -> usize;
    /// Number of services.
    fn service_count(&self) -> usize;
    /// Id of service `i`.
    fn service_id(&self, i: usize) -> &str;
    /// Number of published records.
    fn record_count(&self) -> usize;
    /// Id of record `i`.
    fn record_id(&self, i: usize) -> &str;
    /// The earlier addresses of record `i`, as written.
    fn record_aliases(&self, i: usize) -> Vec<&str>;
    /// Number of free pages.
    fn page_count(&self) -> usize;
    /// Id of free page `i`.
    fn page_id(&self, i: usize) -> &str;
    /// How many values of `facet` have records (each has its list).
    fn facet_len(&self, facet: Facet) -> usize;
    /// The id of value `v` of `facet` (`major-incident`, `2023`,
    /// `major-incident/2023`).
    fn facet_value_id(&self, facet: Facet, v: usize) -> &str;
    /// How many records value `v` of `facet` lists.
    fn facet_record_count(&self, facet: Facet, v: usize) -> usize;
}

/// One page of the site. Indexes point into the model's lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The overview (the site's front page).
    Overview,
    /// The list of periods.
    Periods,
    /// One period's report.
    Period(usize),
    /// The list of areas.
    Areas,
    /// One page (0 is the first) of an area: its records are split like
    /// the list of all records.
    Area(usize, usize),
    /// The service catalogue.
    Services,
    /// One service.
    Service(usize),
    /// One page (0 is the first) of the list of all records.
    Records(usize),
    /// One page (0 is the first) of the records of one value of a facet
    /// (the major incidents, the records of 2023 …).
    Facet {
        /// The facet.
        facet: Facet,
        /// The value: a position in the site's list of its values.
        value: usize,
        /// The page, 0 is the first.
        page: usize,
    },
    /// One record.
    Record(usize),
    /// A free page.
    Page(usize),
    /// The page for a missing address.
    NotFound,
    /// The downloads page of the open data.
    Data,
    /// The search page (its index is written beside it).
    Search,
    /// The follow-up of the recommendations (their calendars beside it).
    FollowUp,
    /// A redirect page from an old address of a record.
    Alias {
        /// The record.
        record: usize,
        /// The old address, as written in the record.
        alias: String,
    },
}

impl Route {
    /// Every page of `site`, in the order they are rendered.
    pub fn all(site: &impl SiteIds) -> Vec<Route> {
        let mut routes = vec![
            Route::Overview,
            Route::Periods,
            Route::Areas,
            Route::Services,
            Route::NotFound,
            Route::Data,
            Route::Search,
            Route::FollowUp,
        ];
        routes.extend((0..paging::list_pages(site.record_count())).map(Route::Records));
        for facet in Facet::ALL {
            for value in 0..site.facet_len(facet) {
                let pages = paging::list_pages(site.facet_record_count(facet, value));
                routes.extend((0..pages).map(|page| Route::Facet { facet, value, page }));
            }
        }
        routes.extend((0..site.period_count()).map(Route::Period));
        for a in 0..site.area_count() {
            routes.extend((0..paging::list_pages(site.area_record_count(a))).map(|n| Route::Area(a, n)));
        }
        routes.extend((0..site.service_count()).map(Route::Service));
        routes.extend((0..site.record_count()).map(Route::Record));
        routes.extend((0..site.page_count()).map(Route::Page));
        for r in 0..site.record_count() {
            routes.extend(site.record_aliases(r).into_iter().map(|a| Route::Alias { record: r, alias: a.to_string() }));
        }
        routes
    }

    /// The page's path from the site root (`perioder/2023-q1/`, `404.html`).
    pub fn path(&self, site: &impl SiteIds, w: &UrlWords) -> String {
        match self {
            Route::Overview => String::new(),
            Route::Periods => UrlWords::list(&w.periods),
            Route::Period(p) => w.period(site.period_id(*p)),
            Route::Areas => UrlWords::list(&w.areas),
            Route::Area(a, n) => paging::paged(&w.area(site.area_id(*a)), w, *n),
            Route::Services => UrlWords::list(&w.services),
            Route::Service(i) => w.service(site.service_id(*i)),
            Route::Records(n) => paging::records_page_path(w, *n),
            Route::Facet { facet, value, page } => {
                facets::facet_page_path(w, *facet, site.facet_value_id(*facet, *value), *page)
            }
            Route::Record(i) => w.record(site.record_id(*i)),
            Route::Page(i) => w.page(site.page_id(*i)),
            Route::NotFound => reserved::NOT_FOUND.to_string(),
            Route::Data => UrlWords::list(&w.data),
            Route::Search => UrlWords::list(w.search_word()),
            Route::FollowUp => w.follow_up_list(),
            Route::Alias { alias, .. } => links::alias_path(alias),
        }
    }

    /// The HTML file the page is written to (`perioder/2023-q1/index.html`).
    pub fn file(&self, site: &impl SiteIds, w: &UrlWords) -> String {
        links::file_for(&self.path(site, w))
    }

    /// The page in words, for messages ("the page of period 2023-q1").
    pub fn describe(&self, site: &impl SiteIds, w: &UrlWords) -> String {
        match self {
            Route::Overview => "the overview".to_string(),
            Route::Periods => format!("the {}/ list", w.periods),
            Route::Period(p) => format!("the page of period {}", site.period_id(*p)),
            Route::Areas => format!("the {}/ list", w.areas),
            Route::Area(a, 0) => format!("the page of area {}", site.area_id(*a)),
            Route::Area(a, n) => format!("page {} of area {}", n + 1, site.area_id(*a)),
            Route::Services => format!("the {}/ list", w.services),
            Route::Service(i) => format!("the page of service {}", site.service_id(*i)),
            Route::Records(0) => format!("the {}/ list", w.records),
            Route::Records(n) => format!("page {} of the list of all records", n + 1),
            Route::Facet { facet, value, page } => format!(
                "page {} of the list of records of {} {}",
                page + 1,
                facet.key(),
                site.facet_value_id(*facet, *value)
            ),
            Route::Record(i) => format!("the page of record {}", site.record_id(*i)),
            Route::Page(i) => format!("the page {}", site.page_id(*i)),
            Route::NotFound => "the page for missing addresses".to_string(),
            Route::Data => format!("the {}/ list", w.data),
            Route::Search => format!("the {}/ page", w.search_word()),
            Route::FollowUp => format!("the {}/ page", w.follow_up_word()),
            Route::Alias { record, .. } => format!("an alias of record {}", site.record_id(*record)),
        }
    }

    /// Whether the sitemap lists the page (not the 404 page, not redirects).
    pub fn in_sitemap(&self) -> bool {
        !matches!(self, Route::NotFound | Route::Alias { .. })
    }

    /// Whether the page shows charts (written as SVG files beside it).
    pub fn has_charts(&self) -> bool {
        matches!(self, Route::Overview | Route::Period(_) | Route::Area(_, 0) | Route::Service(_))
    }
}
