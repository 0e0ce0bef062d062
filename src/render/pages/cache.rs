//! What the pages of a site share, made once: [`PageCache`].

use std::hash::BuildHasher;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use serde::Serialize;
use tera::{Context, Tera, Value};

use super::facet_nav;
use super::summaries::period_summary;
use crate::layout::{UrlWords, links};
use crate::model::Site;
use crate::render::assets::Assets;
use crate::render::body_text::BodyTexts;
use crate::render::languages::ForeignTerms;
use crate::render::options::RenderOptions;
use crate::render::views::{self, Link};
use crate::theme::{I18n, Labels};

/// What the pages of a site share, made once instead of once per page.
/// Each part pays for itself; the figures are instruction counts of a
/// whole 10 000-record build under `valgrind --tool=callgrind` (4.24 G
/// with every part), and how many more it took with that part made on
/// every page instead:
///
/// - **A copy of the templates per rendering thread** ([`ThreadCopy`]),
///   with what every page reads (site, strings, assets, navigation) in
///   Tera's global context, so that no page copies it. Tera counts
///   references to every value a template reads: with one shared copy the
///   two threads took turns on the same counts. A time, not an instruction
///   count: 10 000 record pages on two threads took 12.8 µs a page with
///   one copy, 10.9 µs with a copy per thread.
/// - **Each period's summary**, figures included, in each thread's copy:
///   every record page shows its period's. +8.4 % without.
/// - **The site header** ([`ThreadCopy::site_header`]), rendered once for
///   each place in the navigation (a few dozen on a whole site) instead of
///   running the navigation's loop on every page. +8.8 % without.
/// - **Each record's row** in record tables ([`PageCache::row`]): a record
///   is a row on four list pages, on its own page and among the related
///   records of others. +25 % without.
/// - **The breadcrumbs of record pages**, the same for every record of a
///   service ([`PageCache::record_crumbs`]). +1.7 % without.
/// - **Records by kind**, of the whole site and of each area
///   ([`PageCache::kind_counts`]): every page of a split list shows them.
///   +1.3 % without; at 100 000 records, counting them on every page was
///   8 % of the build (the count grows with the pages times the records).
/// - **The facet navigation** ([`PageCache::facet_nav`]), the same on
///   every page of the filtered lists and of the list of all records.
/// - **The start of each body as plain text** ([`BodyTexts`]), made by the
///   record's page in the pass that makes its HTML and read again by its
///   feed entry. +4.5 % without (a second parse of every body).
pub struct PageCache {
    threads: Vec<ThreadCopy>,
    /// Words of another language, marked in the rows' titles once.
    terms: ForeignTerms,
    rows: Vec<OnceLock<Value>>,
    /// Per service, and one more for records of an unknown service.
    record_crumbs: Vec<OnceLock<Value>>,
    /// Per area, and one more for the whole site.
    kind_counts: Vec<OnceLock<Value>>,
    /// The facet navigation of the filtered lists.
    facet_nav: OnceLock<Value>,
    texts: BodyTexts,
    /// Per `@/` path, the link to its page from the site root: made when
    /// a text first links by `@/`.
    at_links: OnceLock<rustc_hash::FxHashMap<String, String>>,
}

/// What one rendering thread reads on every page: the templates with the
/// values all pages share in their global context, the periods' summaries
/// and the site headers rendered so far.
pub struct ThreadCopy {
    tera: Tera,
    periods: Vec<Value>,
    headers: Mutex<Vec<(HeaderKey, Header)>>,
}

/// What the theme's `site_header.html` may depend on besides the values all
/// pages share: `root`, `section` and `nav_is_page`.
type HeaderKey = (String, String, bool);

/// The theme's template of the site header, rendered apart from the pages.
pub const SITE_HEADER: &str = "site_header.html";

impl PageCache {
    /// Prepares what the pages of `site` share; `texts` keeps the body
    /// texts the feeds will ask for.
    pub fn new(
        site: &Site,
        mut tera: Tera,
        i18n: &I18n,
        assets: &Assets,
        options: &RenderOptions,
        texts: BodyTexts,
    ) -> PageCache {
        let labels = Labels::new(i18n, site.config.language);
        let summaries: Vec<_> = (0..site.periods.len()).map(|p| period_summary(site, &labels, p)).collect();
        // One copy for each thread of the pool, and one for other threads
        // (the preview server's); each copy's values are made anew, not
        // cloned, so that they share no reference counts.
        let copies = rayon::current_num_threads() + 1;
        let threads = (0..copies)
            .map(|n| {
                let mut tera = if n + 1 == copies { std::mem::take(&mut tera) } else { tera.clone() };
                tera.global_context().extend(shared_context(site, i18n, assets, options));
                ThreadCopy {
                    tera,
                    periods: summaries.iter().map(Value::from_serializable).collect(),
                    headers: Mutex::new(Vec::new()),
                }
            })
            .collect();
        let cells = |n: usize| (0..n).map(|_| OnceLock::new()).collect();
        PageCache {
            threads,
            terms: ForeignTerms::new(&i18n.other_languages),
            rows: cells(site.records.len()),
            record_crumbs: cells(site.services.len() + 1),
            kind_counts: cells(site.config.areas.len() + 1),
            facet_nav: OnceLock::new(),
            texts,
            at_links: OnceLock::new(),
        }
    }

    /// The copy of the calling thread.
    pub fn thread(&self) -> &ThreadCopy {
        // `new` makes one copy more than the pool has threads.
        let last = self.threads.len() - 1;
        &self.threads[rayon::current_thread_index().map_or(last, |n| n.min(last))]
    }

    /// Record `i`'s row in record tables.
    pub fn row(&self, site: &Site, labels: &Labels<'_>, i: usize) -> Value {
        self.rows[i].get_or_init(|| Value::from_serializable(&views::record_row(site, i, labels, &self.terms))).clone()
    }

    /// Record `i`'s row as it stood on `day` (an old period's last day).
    pub fn row_on(&self, site: &Site, labels: &Labels<'_>, i: usize, day: crate::time::Date) -> Value {
        // Most records stood then as they stand now: their shared row.
        if site.status_on(i, day) == site.status(i) {
            return self.row(site, labels, i);
        }
        Value::from_serializable(&views::record_row_on(site, i, day, labels, &self.terms))
    }

    /// The breadcrumbs of the pages of records of `service` (`None`: a
    /// service the site does not know), made by `make` the first time.
    pub fn record_crumbs(&self, site: &Site, service: Option<usize>, make: impl FnOnce() -> Value) -> Value {
        self.record_crumbs[service.unwrap_or(site.services.len())].get_or_init(make).clone()
    }

    /// The records by kind of area `area`, or of the whole site for `None`.
    pub fn kind_counts(&self, site: &Site, area: Option<usize>, labels: &Labels<'_>) -> Value {
        let cell = &self.kind_counts[area.unwrap_or(site.config.areas.len())];
        cell.get_or_init(|| {
            let counts = match area {
                Some(a) => views::kind_counts(site, &site.records_by_area[a], labels),
                None => views::kind_counts(site, &(0..site.records.len()).collect::<Vec<_>>(), labels),
            };
            Value::from_serializable(&counts)
        })
        .clone()
    }

    /// The facet navigation, with the count of every choice: the same on
    /// the list of all records and on every filtered list.
    pub fn facet_nav(&self, site: &Site, labels: &Labels<'_>) -> Value {
        self.facet_nav.get_or_init(|| Value::from_serializable(&facet_nav::nav(site, labels))).clone()
    }

    /// The records' body texts.
    pub fn texts(&self) -> &BodyTexts {
        &self.texts
    }

    /// The link from the site root to the page of the content file an `@/`
    /// link names (`services/agresso.toml` → `tjanster/agresso/index.html`).
    pub fn at_link(&self, site: &Site, words: &UrlWords, path: &str) -> Option<String> {
        let links = self.at_links.get_or_init(|| {
            let sources = site.sources();
            sources
                .into_iter()
                .filter_map(|(at, source)| Some((at, links::link(&source.route()?.path(site, words)))))
                .collect()
        });
        links.get(path).cloned()
    }
}

impl ThreadCopy {
    /// The templates.
    pub fn tera(&self) -> &Tera {
        &self.tera
    }

    /// Period `p`'s summary.
    pub fn period(&self, p: usize) -> Value {
        self.periods[p].clone()
    }

    /// The theme's `site_header.html` for a page at `root` in `section`,
    /// rendered the first time a page asks for it.
    pub fn site_header(&self, root: &str, section: &str, nav_is_page: bool) -> Result<Header, tera::Error> {
        let lock = || self.headers.lock().unwrap_or_else(PoisonError::into_inner);
        let known =
            lock().iter().find(|((r, s, n), _)| r == root && s == section && *n == nav_is_page).map(|(_, h)| h.clone());
        if let Some(header) = known {
            return Ok(header);
        }
        let mut ctx = Context::new();
        ctx.insert("root", root);
        ctx.insert("section", section);
        ctx.insert("nav_is_page", &nav_is_page);
        let html = self.tera.render(SITE_HEADER, &ctx)?;
        let header = Header {
            value: Value::safe_string(&html),
            key: rustc_hash::FxBuildHasher.hash_one(html.as_bytes()),
            // A short needle is searched with SIMD; a whole header would
            // be searched by a slower algorithm.
            finder: Arc::new(memchr::memmem::Finder::new(&html.as_bytes()[..html.len().min(32)]).into_owned()),
            html: html.into(),
        };
        lock().push(((root.to_string(), section.to_string(), nav_is_page), header.clone()));
        Ok(header)
    }
}

/// A site header, rendered.
#[derive(Clone)]
pub struct Header {
    /// As the page's template reads it.
    pub value: Value,
    /// The same for the same HTML (a hash of it).
    pub key: u64,
    /// Finds its start in a page (the link check reads it only once).
    pub finder: Arc<memchr::memmem::Finder<'static>>,
    /// Its HTML.
    pub html: Arc<str>,
}

impl Header {
    /// Where it is in `page`: its first place, if any.
    pub fn find_in(&self, page: &[u8]) -> Option<std::ops::Range<usize>> {
        let start = self.finder.find(page)?;
        let end = start + self.html.len();
        (page.get(start..end)? == self.html.as_bytes()).then_some(start..end)
    }
}

/// The site as templates see it (`site.title` …).
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    organisation: Option<&'a str>,
    description: Option<&'a str>,
    base_url: &'a str,
    lang: &'static str,
}

/// What every page reads: `site`, `t` (the strings), `assets`, `nav` and
/// `live_reload`.
fn shared_context(site: &Site, i18n: &I18n, assets: &Assets, options: &RenderOptions) -> Context {
    let words = &i18n.url;
    let mut ctx = Context::new();
    let c = &site.config;
    ctx.insert(
        "site",
        &SiteView {
            title: &c.title,
            organisation: c.organisation.as_deref(),
            description: c.description.as_deref(),
            base_url: &c.base_url,
            lang: c.language.code(),
        },
    );
    ctx.insert("t", &i18n.strings);
    ctx.insert("assets", &assets.paths);
    let mut nav = vec![
        Link { title: i18n.get("nav_overview").to_string(), href: String::new() },
        Link { title: i18n.get("nav_periods").to_string(), href: UrlWords::list(&words.periods) },
        Link { title: i18n.get("nav_areas").to_string(), href: UrlWords::list(&words.areas) },
        Link { title: i18n.get("nav_services").to_string(), href: UrlWords::list(&words.services) },
        Link { title: i18n.get("nav_records").to_string(), href: UrlWords::list(&words.records) },
        Link { title: i18n.get("nav_follow_up").to_string(), href: words.follow_up_list() },
        Link { title: i18n.get("nav_data").to_string(), href: UrlWords::list(&words.data) },
        Link { title: i18n.get("nav_search").to_string(), href: UrlWords::list(words.search_word()) },
    ];
    nav.extend(
        site.pages.iter().filter(|p| p.in_nav).map(|p| Link { title: p.title.clone(), href: words.page(&p.id) }),
    );
    ctx.insert("nav", &nav);
    ctx.insert("live_reload", &options.live_reload_script);
    ctx
}
