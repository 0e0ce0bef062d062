//! Rendering every HTML page of the site through the theme's templates.
//!
//! Each kind of page (a [`Route`]) has its module (`overview`, `period`,
//! `record` …), whose `page` function builds the page's typed values (a
//! `#[derive(Serialize)]` struct: its fields are the template's variables)
//! and its `Frame` (title, description, breadcrumbs, section, template).
//! [`Pages::render`] maps a route to its kind's `page`, and `frame::render`
//! adds what every page has (the site header, the root, the canonical URL,
//! the charts) and renders the template. What pages share is made once, in
//! [`PageCache`].

mod alias;
mod area;
mod areas;
pub mod cache;
mod data;
mod facet;
mod facet_nav;
mod fields;
mod follow_up;
mod followed;
mod frame;
mod not_found;
mod overview;
mod page;
mod period;
mod periods;
mod record;
mod records;
mod reports;
mod search;
mod service;
mod services;
mod shared;
mod since;
mod summaries;
mod tiers;

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rayon::prelude::*;
use tera::Tera;

use super::assets::Assets;
use super::body_text::BodyTexts;
use super::exports::ExportSize;
use super::link_check::LinkCheck;
use super::markdown::Context;
use super::options::RenderOptions;
use super::sink::{self, FileSink, OutputFile};
use crate::diagnostics::Diagnostic;
use crate::layout::{Route, links};
use crate::model::Site;
use crate::theme::{I18n, Labels};
use cache::PageCache;
use shared::Shared;

/// The pages of a site, ready to render. It owns its data (the site is
/// passed to each call), so that the preview server can keep it between
/// requests and render a page only when it is asked for.
pub struct Pages {
    cache: PageCache,
    i18n: I18n,
    /// Time spent drawing charts, in nanoseconds summed over threads.
    chart_nanos: AtomicU64,
}

/// Most pages one rendering task takes at a time (about a millisecond of
/// work for record pages).
const PAGES_PER_TASK: usize = 256;

impl Pages {
    /// Prepares the pages of `site`; `texts` keeps the body texts that the
    /// feeds will ask for.
    pub fn new(
        site: &Site,
        tera: Tera,
        i18n: &I18n,
        assets: &Assets,
        options: &RenderOptions,
        texts: BodyTexts,
    ) -> Pages {
        Pages {
            cache: PageCache::new(site, tera, i18n, assets, options, texts),
            i18n: i18n.clone(),
            chart_nanos: AtomicU64::new(0),
        }
    }

    /// The HTML file a page is written to (`perioder/2023-q1/index.html`).
    pub fn file(&self, site: &Site, route: &Route) -> String {
        route.file(site, &self.i18n.url)
    }

    /// The records' body texts, as the record pages left them.
    pub fn texts(&self) -> &BodyTexts {
        self.cache.texts()
    }

    /// Time spent drawing charts so far, summed over the threads that drew
    /// them.
    pub fn chart_time(&self) -> Duration {
        Duration::from_nanos(self.chart_nanos.load(Ordering::Relaxed))
    }

    /// Renders one page: its HTML file, then the SVG files of its charts.
    /// `exports` are the sizes of the open-data files (the downloads page
    /// shows them).
    pub fn render(&self, site: &Site, route: &Route, exports: &[ExportSize]) -> Result<Vec<OutputFile>, Diagnostic> {
        self.render_shared(site, route, exports).map(|(files, _)| files)
    }

    /// [`Pages::render`], with where the page has the site header.
    fn render_shared(&self, site: &Site, route: &Route, exports: &[ExportSize]) -> Result<frame::Rendered, Diagnostic> {
        let root = links::root_prefix(&route.path(site, &self.i18n.url));
        let at = |path: &str| self.cache.at_link(site, &self.i18n.url, path);
        let md = Context::new(&at, &root);
        let s = Shared {
            site,
            labels: Labels::new(&self.i18n, site.config.language),
            words: &self.i18n.url,
            cache: &self.cache,
            thread: self.cache.thread(),
            exports,
            chart_nanos: &self.chart_nanos,
            md: &md,
        };
        match route {
            Route::Overview => frame::render(&s, route, overview::page(&s)),
            Route::Periods => frame::render(&s, route, periods::page(&s)),
            Route::Period(p) => frame::render(&s, route, period::page(&s, *p)),
            Route::Areas => frame::render(&s, route, areas::page(&s)),
            Route::Area(a, n) => frame::render(&s, route, area::page(&s, *a, *n)),
            Route::Services => frame::render(&s, route, services::page(&s)),
            Route::Service(i) => frame::render(&s, route, service::page(&s, *i)),
            Route::Records(n) => frame::render(&s, route, records::page(&s, *n)),
            Route::Facet { facet, value, page } => frame::render(&s, route, facet::page(&s, *facet, *value, *page)),
            Route::Record(i) => frame::render(&s, route, record::page(&s, *i)),
            Route::Page(i) => frame::render(&s, route, page::page(&s, *i)),
            Route::Data => frame::render(&s, route, data::page(&s)),
            Route::Search => frame::render(&s, route, search::page(&s)),
            Route::FollowUp => frame::render(&s, route, follow_up::page(&s)),
            Route::NotFound => frame::render(&s, route, not_found::page(&s)),
            Route::Alias { record, alias } => frame::render(&s, route, alias::page(&s, *record, alias)),
        }
    }

    /// Renders the pages of `routes`, each read by the link `check` and
    /// handed to `sink` as soon as it is rendered; every template error is
    /// returned.
    pub fn render_all(
        &self,
        site: &Site,
        routes: &[Route],
        exports: &[ExportSize],
        sink: Option<&dyn FileSink>,
        check: Option<&LinkCheck>,
    ) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
        // Rendering and writing overlap, and pages do not pile up in memory.
        // Pages are handed out in runs of at most `PAGES_PER_TASK`: rayon
        // would otherwise split the list into a few long runs, and the last
        // of them kept one thread busy while the other had nothing left.
        let results: Vec<Result<Vec<OutputFile>, Diagnostic>> = routes
            .par_iter()
            .with_max_len(PAGES_PER_TASK)
            .map(|route| {
                let (files, shared) = self.render_shared(site, route, exports)?;
                files
                    .into_iter()
                    .enumerate()
                    .map(|(i, f)| {
                        if let Some(check) = check {
                            // The site header is in the HTML, the first file.
                            check.read_page(&f.path, &f.bytes, shared.as_ref().filter(|_| i == 0));
                        }
                        sink::emit(f, sink)
                    })
                    .collect()
            })
            .collect();
        let mut files = Vec::with_capacity(results.len());
        let mut failed = Vec::new();
        for r in results {
            match r {
                Ok(f) => files.extend(f),
                Err(d) => failed.push(d),
            }
        }
        if failed.is_empty() { Ok(files) } else { Err(failed) }
    }
}
