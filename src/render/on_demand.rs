//! Rendering a site one file at a time, when a file is asked for: what the
//! preview server does, so that a rebuild after an edit costs loading and
//! linking the site plus the pages the browser then asks for, not every page
//! of the site.
//!
//! Every output path is known up front (an index of pages, exports, feeds,
//! the catalogue, the sitemap and the theme's static files); chart files are
//! found through the page they belong to. What is rendered is kept until
//! the next rebuild. The files are the same bytes `insyn build` writes.

use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::assets::{self, Assets};
use super::body_text::BodyTexts;
use super::exports::{self, ExportSize};
use super::feeds::{self, Feeds};
use super::options::RenderOptions;
use super::pages::Pages;
use super::sink::OutputFile;
use super::unique::check_unique_paths;
use super::{catalog, sitemap, templates};
use crate::diagnostics::Diagnostics;
use crate::layout::Route;
use crate::model::Site;
use crate::theme::I18n;

/// Where an output file comes from.
#[derive(Debug, Clone)]
enum Source {
    Page(Route),
    Asset(usize),
    Export,
    Catalog,
    Feed,
    Sitemap,
    /// The search index (all its files at once).
    Search,
    /// The calendars of the recommendations (all at once).
    Calendar,
}

/// A site that renders its files when they are asked for.
pub struct OnDemand {
    site: Site,
    i18n: I18n,
    pages: Pages,
    feeds: Feeds,
    assets: Assets,
    index: HashMap<String, Source>,
    /// Files rendered so far.
    done: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// The export files and their sizes (the downloads page and the
    /// catalogue show the sizes), made once.
    exports: OnceLock<(Vec<OutputFile>, Vec<ExportSize>)>,
}

impl OnDemand {
    /// Prepares `site` for rendering on demand. Fails (with diagnostics)
    /// when the templates do not compile or two outputs share a path, as
    /// a build would.
    pub fn new(
        site: Site,
        theme: &crate::theme::Theme,
        i18n: &I18n,
        options: &RenderOptions,
        diags: &mut Diagnostics,
    ) -> Option<OnDemand> {
        let tera = templates::compile(theme, i18n, diags)?;
        let assets = assets::collect(theme);
        let feeds = Feeds::choose(&site, i18n);
        let texts = BodyTexts::new(&site, feeds::SUMMARY_CHARS, feeds.records());
        let pages = Pages::new(&site, tera, i18n, &assets, options, texts);
        let mut entries: Vec<(String, Source)> = Vec::new();
        for route in Route::all(&site) {
            entries.push((pages.file(&site, &route), Source::Page(route)));
        }
        entries.extend(assets.files.iter().enumerate().map(|(i, f)| (f.path.clone(), Source::Asset(i))));
        entries.extend(exports::export_paths(&i18n.url).into_iter().map(|p| (p, Source::Export)));
        entries.push((exports::catalog_path(&i18n.url), Source::Catalog));
        entries.extend(feeds.paths().into_iter().map(|p| (p, Source::Feed)));
        entries.extend(super::calendar::files(&site, i18n).into_iter().map(|f| (f.path, Source::Calendar)));
        let listed = entries.iter().filter(|(_, s)| matches!(s, Source::Page(r) if r.in_sitemap())).count();
        entries.extend(sitemap::paths(listed).into_iter().map(|p| (p, Source::Sitemap)));
        if !check_unique_paths(entries.iter().map(|(p, _)| p.as_str()), diags) {
            return None;
        }
        Some(OnDemand {
            site,
            i18n: i18n.clone(),
            pages,
            feeds,
            assets,
            index: entries.into_iter().collect(),
            done: Mutex::new(HashMap::default()),
            exports: OnceLock::new(),
        })
    }

    /// The linked site.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// How many files the site has (chart files not counted), and how many
    /// of them are HTML pages.
    pub fn counts(&self) -> (usize, usize) {
        (self.index.len(), self.index.keys().filter(|p| p.ends_with(".html")).count())
    }

    /// Whether `path` is a file of the site other than a chart (cheap).
    pub fn is_indexed(&self, path: &str) -> bool {
        self.index.contains_key(path)
    }

    /// The bytes of the output file at `path`, rendered now unless rendered
    /// before; `Ok(None)` when the site has no such file, `Err` with the
    /// message when its template fails.
    pub fn get(&self, path: &str) -> Result<Option<Arc<Vec<u8>>>, String> {
        if let Some(bytes) = self.done().get(path) {
            return Ok(Some(Arc::clone(bytes)));
        }
        let made = match self.index.get(path) {
            Some(source) => self.make(source)?,
            // A chart is a file in the folder of the page that shows it.
            None => match self.index.get(&chart_page(path)) {
                Some(Source::Page(route)) if route.has_charts() => self.make(&Source::Page(route.clone()))?,
                _ if super::search_site::is_index_file(&self.i18n, path) => self.make(&Source::Search)?,
                _ => return Ok(None),
            },
        };
        let mut done = self.done();
        for f in made {
            done.entry(f.path).or_insert_with(|| Arc::new(f.bytes));
        }
        Ok(done.get(path).cloned())
    }

    /// Renders every file now, in parallel, and keeps them all: what the
    /// preview does after a theme change and at start, so that a template
    /// that fails on any page fails the rebuild as it fails a build. The
    /// first failure is returned.
    pub fn render_all(&self) -> Result<(), String> {
        use rayon::prelude::*;
        let mut sources: Vec<Source> =
            vec![Source::Export, Source::Catalog, Source::Feed, Source::Sitemap, Source::Search, Source::Calendar];
        sources.extend(self.index.values().filter(|s| matches!(s, Source::Page(_) | Source::Asset(_))).cloned());
        let made: Vec<Vec<OutputFile>> = sources.par_iter().map(|s| self.make(s)).collect::<Result<_, _>>()?;
        let mut done = self.done();
        for f in made.into_iter().flatten() {
            done.entry(f.path).or_insert_with(|| Arc::new(f.bytes));
        }
        Ok(())
    }

    fn done(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Vec<u8>>>> {
        self.done.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn exports(&self) -> &(Vec<OutputFile>, Vec<ExportSize>) {
        self.exports.get_or_init(|| exports::exports_into(&self.site, &self.i18n, None).unwrap_or_default())
    }

    /// Renders the files of one source (a page and its charts, all exports,
    /// all feeds …).
    fn make(&self, source: &Source) -> Result<Vec<OutputFile>, String> {
        let site = &self.site;
        Ok(match source {
            Source::Page(route) => {
                let sizes: &[ExportSize] = if matches!(route, Route::Data) { &self.exports().1 } else { &[] };
                self.pages.render(site, route, sizes).map_err(|d| d.message)?
            }
            Source::Asset(i) => vec![self.assets.files[*i].clone()],
            Source::Export => self.exports().0.clone(),
            Source::Catalog => vec![catalog::catalog(site, &self.i18n, &self.exports().1)],
            Source::Feed => {
                let emit = |f| Ok::<_, std::convert::Infallible>(f);
                self.feeds.write(site, &self.i18n, self.pages.texts(), &emit).unwrap_or_default()
            }
            Source::Search => super::search_site::files(site, &self.i18n),
            Source::Calendar => super::calendar::files(site, &self.i18n),
            Source::Sitemap => {
                let listed: Vec<OutputFile> =
                    self.index.keys().map(|p| OutputFile { path: p.clone(), bytes: Vec::new() }).collect();
                sitemap::files(site, &self.i18n, &listed)
            }
        })
    }
}

/// The HTML file of the page a chart file would belong to:
/// `omraden/hr/deviations-by-period.svg` → `omraden/hr/index.html`.
fn chart_page(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/index.html"),
        None => "index.html".to_string(),
    }
}
