//! Rendering every HTML page of the site through the theme's templates.

use rayon::prelude::*;
use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use tera::{Context, Tera, Value};

use super::assets::Assets;
use super::data::ExportSize;
use super::i18n::I18n;
use super::languages::ForeignTerms;
use super::markdown;
use super::urls::{self, UrlWords};
use super::views::{self, Labels, Link};
use super::{FileSink, OutputFile, RenderOptions};
use crate::charts::site::Chart;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;

/// One page to render.
#[derive(Debug, Clone)]
pub enum Job {
    Overview,
    Periods,
    Period(usize),
    Areas,
    /// One page (0 is the first) of an area's page: its records are split
    /// like the list of all records.
    Area(usize, usize),
    Services,
    Service(usize),
    /// One page of the list of all records (0 is the first).
    Records(usize),
    Record(usize),
    Page(usize),
    NotFound,
    Data,
    /// The search page (its index is made by `search_site`).
    Search,
    /// A redirect page from an old address of a record.
    Alias {
        /// The record.
        record: usize,
        /// The old address, as written in the record.
        alias: String,
    },
}

/// What every page of a site shares, prepared once. It owns its data (the
/// site is passed to each call), so that the preview server can keep it
/// between requests and render a page only when it is asked for.
pub struct Pages {
    /// The templates and the values every page reads, one copy per
    /// rendering thread (see [`PerThread`]).
    per_thread: Vec<PerThread>,
    i18n: I18n,
    /// Words of another language, marked in the rows' titles once.
    terms: ForeignTerms,
    /// Per record, its row in record tables: made when first needed.
    rows: Vec<OnceLock<Value>>,
    /// Per service (and one for an unknown service), the breadcrumbs of
    /// its records' pages: made when first needed.
    record_crumbs: Vec<OnceLock<Value>>,
    /// Per record whose page keeps its body's plain text for the feeds
    /// (see [`Pages::keep_body_text`]), that text once the page rendered.
    body_texts: Vec<Option<OnceLock<String>>>,
    /// Time spent drawing charts, in nanoseconds summed over threads: each
    /// page draws its own charts while other pages render.
    chart_nanos: AtomicU64,
    /// Records by kind, of the whole site and per area: shown on every page
    /// of a split list, counted once.
    counts: Counts,
}

/// What one rendering thread reads on every page: the templates, with what
/// every page shares (site, strings, assets, navigation) in Tera's global
/// context so that no page copies it, and the periods' summaries.
///
/// Tera counts references to every value a template reads. Were these
/// values shared, the two threads would take turns on the same reference
/// counts for every string of every page: on the project's 2-core machine,
/// 10 000 record pages rendered on two threads took 12.8 µs a page with one
/// shared copy and 10.9 µs with a copy per thread.
struct PerThread {
    tera: Tera,
    /// Per period, its summary (figures included).
    periods: Vec<Value>,
    /// The site headers rendered so far (see [`Shared::site_header`]).
    headers: Mutex<Vec<(HeaderKey, Value)>>,
}

/// What the theme's `site_header.html` may depend on besides the values all
/// pages share: `root`, `section` and `nav_is_page`.
type HeaderKey = (String, String, bool);

/// Records by kind, counted when first needed.
#[derive(Default)]
struct Counts {
    all: OnceLock<Value>,
    areas: Vec<OnceLock<Value>>,
}

/// One page's view of [`Pages`] and the site.
struct Shared<'a> {
    site: &'a Site,
    tera: &'a Tera,
    labels: Labels<'a>,
    words: &'a UrlWords,
    terms: &'a ForeignTerms,
    rows: &'a [OnceLock<Value>],
    /// The breadcrumbs of record pages, by service (one more for records
    /// of an unknown service).
    record_crumbs: &'a [OnceLock<Value>],
    body_texts: &'a [Option<OnceLock<String>>],
    chart_nanos: &'a AtomicU64,
    counts: &'a Counts,
    periods: &'a [Value],
    headers: &'a Mutex<Vec<(HeaderKey, Value)>>,
    /// The sizes of the open-data files, for the downloads page.
    exports: &'a [ExportSize],
}

impl Shared<'_> {
    /// The theme's `site_header.html` for a page at `root` in `section`:
    /// rendered once for each such pair (a few dozen on a whole site) and
    /// shared by the pages, instead of running the navigation's loop on
    /// every page again (6 % of a 10 000-record build's instructions).
    fn site_header(&self, root: &str, section: &str, nav_is_page: bool) -> Result<Value, tera::Error> {
        let lock = || self.headers.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let known =
            lock().iter().find(|((r, s, n), _)| r == root && s == section && *n == nav_is_page).map(|(_, v)| v.clone());
        if let Some(header) = known {
            return Ok(header);
        }
        let mut ctx = Context::new();
        ctx.insert("root", root);
        ctx.insert("section", section);
        ctx.insert("nav_is_page", &nav_is_page);
        let html = self.tera.render(SITE_HEADER, &ctx)?;
        let header = Value::safe_string(&html);
        lock().push(((root.to_string(), section.to_string(), nav_is_page), header.clone()));
        Ok(header)
    }

    /// Record `i`'s row in record tables.
    fn row(&self, i: usize) -> Value {
        self.rows[i]
            .get_or_init(|| Value::from_serializable(&views::record_row(self.site, i, &self.labels, self.terms)))
            .clone()
    }
}

/// Most pages one rendering task takes at a time (about a millisecond of
/// work for record pages).
const PAGES_PER_TASK: usize = 256;

/// Rows per page of the list of all records: a list of 100 000 records is
/// split into pages of this many, newest first (`avvikelser/`, then
/// `avvikelser/sida/2/` …).
pub const RECORDS_PER_PAGE: usize = 500;

/// Longest page description (`<meta name="description">`), in characters.
const DESCRIPTION_CHARS: usize = 200;

/// The overview shows at most this many records that are not resolved,
/// newest first, and links to the list of all records for the rest.
pub const OVERVIEW_OPEN_LIMIT: usize = 100;

impl Job {
    /// Whether the sitemap lists the page (not the 404 page, not redirects).
    pub fn in_sitemap(&self) -> bool {
        !matches!(self, Job::NotFound | Job::Alias { .. })
    }
}

impl Pages {
    /// Prepares the pages of `site`: templates compiled, shared values made.
    pub fn new(site: &Site, mut tera: Tera, i18n: &I18n, assets: &Assets, options: &RenderOptions) -> Pages {
        let labels = Labels::new(i18n, site.config.language);
        let summaries: Vec<PeriodSummary> = (0..site.periods.len()).map(|p| period_summary(site, &labels, p)).collect();
        // One copy for each thread of the pool, and one for other threads
        // (the preview server's); each copy's values are made anew, not
        // cloned, so that they share no reference counts.
        let copies = rayon::current_num_threads() + 1;
        let per_thread = (0..copies)
            .map(|n| {
                let mut tera = if n + 1 == copies { std::mem::take(&mut tera) } else { tera.clone() };
                tera.global_context().extend(base_context(site, i18n, assets, options));
                PerThread {
                    tera,
                    periods: summaries.iter().map(Value::from_serializable).collect(),
                    headers: Mutex::new(Vec::new()),
                }
            })
            .collect();
        Pages {
            per_thread,
            i18n: i18n.clone(),
            terms: ForeignTerms::new(&i18n.other_languages),
            rows: (0..site.records.len()).map(|_| OnceLock::new()).collect(),
            record_crumbs: (0..=site.services.len()).map(|_| OnceLock::new()).collect(),
            body_texts: Vec::new(),
            chart_nanos: AtomicU64::new(0),
            counts: Counts { all: OnceLock::new(), areas: site.config.areas.iter().map(|_| OnceLock::new()).collect() },
        }
    }

    /// Every page of the site.
    pub fn jobs(site: &Site) -> Vec<Job> {
        let mut jobs =
            vec![Job::Overview, Job::Periods, Job::Areas, Job::Services, Job::NotFound, Job::Data, Job::Search];
        jobs.extend((0..record_pages(site)).map(Job::Records));
        jobs.extend((0..site.periods.len()).map(Job::Period));
        for (a, recs) in site.records_by_area.iter().enumerate() {
            jobs.extend((0..list_pages(recs.len())).map(|n| Job::Area(a, n)));
        }
        jobs.extend((0..site.services.len()).map(Job::Service));
        jobs.extend((0..site.records.len()).map(Job::Record));
        jobs.extend((0..site.pages.len()).map(Job::Page));
        for (i, r) in site.records.iter().enumerate() {
            jobs.extend(r.aliases.iter().map(|a| Job::Alias { record: i, alias: a.value.clone() }));
        }
        jobs
    }

    /// The HTML file a page is written to (`perioder/2023-q1/index.html`).
    pub fn file(&self, site: &Site, job: &Job) -> String {
        urls::file_for(&page_path(site, &self.i18n.url, job))
    }

    /// From now on, the page of each record marked in `keep` keeps the
    /// start of its body's plain text (as `markdown::plain_text` gives it
    /// for a feed entry), so that the feeds need not read the body again.
    pub fn keep_body_text(&mut self, keep: &[bool]) {
        self.body_texts = keep.iter().map(|&k| k.then(OnceLock::new)).collect();
    }

    /// The plain text kept by record `i`'s page, once it has rendered.
    pub fn body_text(&self, i: usize) -> Option<&str> {
        self.body_texts.get(i)?.as_ref()?.get().map(String::as_str)
    }

    /// Time spent drawing charts so far, summed over the threads that drew
    /// them.
    pub fn chart_time(&self) -> Duration {
        Duration::from_nanos(self.chart_nanos.load(Ordering::Relaxed))
    }

    /// Whether a page shows charts (written as SVG files beside it).
    pub fn has_charts(job: &Job) -> bool {
        matches!(job, Job::Overview | Job::Period(_) | Job::Area(_, 0) | Job::Service(_))
    }

    /// Renders one page: its HTML file, then the SVG files of its charts.
    /// `exports` are the sizes of the open-data files (the downloads page
    /// shows them).
    pub fn render(&self, site: &Site, job: &Job, exports: &[ExportSize]) -> Result<Vec<OutputFile>, Diagnostic> {
        // `Pages::new` makes one copy more than the pool has threads.
        let last = self.per_thread.len() - 1;
        let own = &self.per_thread[rayon::current_thread_index().map_or(last, |n| n.min(last))];
        let shared = Shared {
            site,
            tera: &own.tera,
            labels: Labels::new(&self.i18n, site.config.language),
            words: &self.i18n.url,
            terms: &self.terms,
            rows: &self.rows,
            record_crumbs: &self.record_crumbs,
            body_texts: &self.body_texts,
            chart_nanos: &self.chart_nanos,
            counts: &self.counts,
            periods: &own.periods,
            headers: &own.headers,
            exports,
        };
        render_job(&shared, job)
    }
}

/// Renders every page; template errors are reported and end the build.
/// `exports` are the sizes of the open-data files (the downloads page shows
/// them).
pub fn render_all(
    site: &Site,
    pages: &Pages,
    jobs: &[Job],
    exports: &[ExportSize],
    sink: Option<&dyn FileSink>,
    diags: &mut Diagnostics,
) -> Option<Vec<OutputFile>> {
    // Each page goes to the sink (the disk) right after it is rendered, so
    // rendering and writing overlap and pages do not pile up in memory.
    // Pages are handed out in runs of at most `PAGES_PER_TASK`: rayon would
    // otherwise split the list into a few long runs, and the last of them
    // kept one thread busy while the other had nothing left to take.
    let results: Vec<Result<Vec<OutputFile>, Diagnostic>> = jobs
        .par_iter()
        .with_max_len(PAGES_PER_TASK)
        .map(|job| pages.render(site, job, exports)?.into_iter().map(|f| super::emit(f, sink)).collect())
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut ok = true;
    for r in results {
        match r {
            Ok(f) => files.extend(f),
            Err(d) => {
                ok = false;
                diags.push(d);
            }
        }
    }
    ok.then_some(files)
}

/// The path of a page (`perioder/2023-q1/`, `404.html`).
fn page_path(site: &Site, w: &UrlWords, job: &Job) -> String {
    match job {
        Job::Overview => String::new(),
        Job::Periods => UrlWords::list(&w.periods),
        Job::Period(p) => w.period(&site.periods[*p].id),
        Job::Areas => UrlWords::list(&w.areas),
        Job::Area(a, n) => paged(&w.area(&site.config.areas[*a].id), w, *n),
        Job::Services => UrlWords::list(&w.services),
        Job::Service(i) => w.service(&site.services[*i].id),
        Job::Records(page) => records_page_path(w, *page),
        Job::Record(i) => w.record(&site.records[*i].id),
        Job::Page(i) => w.page(&site.pages[*i].id),
        Job::NotFound => "404.html".to_string(),
        Job::Data => UrlWords::list(&w.data),
        Job::Search => UrlWords::list(w.search_word()),
        Job::Alias { alias, .. } => urls::alias_path(alias),
    }
}

/// The charts a page shows, drawn now (the time is added to
/// [`Pages::chart_time`]).
fn charts_for(s: &Shared<'_>, job: &Job) -> Vec<Chart> {
    use crate::charts::site as draw;
    let started = Instant::now();
    let charts = match job {
        Job::Overview => draw::overview(s.site, &s.labels),
        Job::Period(p) => draw::period(s.site, *p, &s.labels),
        Job::Area(a, 0) => vec![draw::area(s.site, *a, &s.labels)],
        Job::Service(i) => vec![draw::service(s.site, *i, &s.labels)],
        _ => return Vec::new(),
    };
    let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
    s.chart_nanos.fetch_add(nanos, Ordering::Relaxed);
    charts
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    organisation: Option<&'a str>,
    description: Option<&'a str>,
    base_url: &'a str,
    lang: &'static str,
}

fn base_context(site: &Site, i18n: &I18n, assets: &Assets, options: &RenderOptions) -> Context {
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

/// Page-level values every template reads (the page's path comes from
/// [`page_path`], its charts from [`charts_for`]).
struct PageMeta {
    section: String,
    title: String,
    description: Option<String>,
    /// The links above the title, as the template reads them (see [`crumbs`]).
    breadcrumbs: Value,
    template: &'static str,
}

/// The theme's template of the site header, rendered apart from the pages
/// (see [`Shared::site_header`]).
const SITE_HEADER: &str = "site_header.html";

/// The message for a template that failed on the page at `path`.
fn template_failed(template: &str, path: &str, e: &tera::Error) -> Diagnostic {
    Diagnostic::error(
        std::path::Path::new("themes"),
        None,
        format!("the template {template} failed for {path}: {}", super::templates::error_chain(e)),
    )
    .with_help("fix the template; the content itself is fine")
}

fn render_job(s: &Shared<'_>, job: &Job) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut ctx = Context::new();
    let meta = fill(s, job, &mut ctx);
    let path = page_path(s.site, s.words, job);
    let charts = charts_for(s, job);
    ctx.insert("charts", &charts);
    let nav_is_page = path == meta.section;
    ctx.insert("nav_is_page", &nav_is_page);
    let site = s.site;
    ctx.insert("page_path", &path);
    ctx.insert("section", &meta.section);
    // The 404 page is served at any depth: its links start from the site's path.
    let root = match job {
        Job::NotFound => urls::base_path(&site.config.base_url),
        _ => urls::root_prefix(&path),
    };
    let header =
        s.site_header(&root, &meta.section, nav_is_page).map_err(|e| template_failed(SITE_HEADER, &path, &e))?;
    ctx.insert_value("site_header", header);
    ctx.insert("root", &root);
    ctx.insert("title", &meta.title);
    ctx.insert("description", &meta.description.or_else(|| site.config.description.clone()));
    ctx.insert("canonical", &urls::absolute(&site.config.base_url, &path));
    ctx.insert_value("breadcrumbs", meta.breadcrumbs);
    let mut html = Vec::with_capacity(16 * 1024);
    s.tera.render_to(meta.template, &ctx, &mut html).map_err(|e| template_failed(meta.template, &path, &e))?;
    let mut out = Vec::with_capacity(1 + charts.len());
    out.push(OutputFile { path: urls::file_for(&path), bytes: html });
    for chart in charts {
        out.push(OutputFile { path: format!("{path}{}", chart.file), bytes: chart.svg.into_bytes() });
    }
    Ok(out)
}

fn rows_value(s: &Shared<'_>, records: impl Iterator<Item = usize>) -> Value {
    Value::from(records.map(|i| s.row(i)).collect::<Vec<Value>>())
}

/// Breadcrumb links as the template reads them.
fn crumbs(links: Vec<Link>) -> Value {
    Value::from_serializable(&links)
}

fn home(s: &Shared<'_>) -> Link {
    Link { title: s.labels.i18n.get("nav_overview").to_string(), href: String::new() }
}

fn list_link(s: &Shared<'_>, key: &str, word: &str) -> Link {
    Link { title: s.labels.i18n.get(key).to_string(), href: UrlWords::list(word) }
}

fn fill(s: &Shared<'_>, job: &Job, ctx: &mut Context) -> PageMeta {
    let site = s.site;
    let l = &s.labels;
    let t = l.i18n;
    let w = s.words;
    match job {
        Job::Overview => {
            if let Some(p) = site.current_period {
                let compare = site.compare_of[p];
                ctx.insert_value("current", s.periods[p].clone());
                ctx.insert_value("compare", compare.map_or(Value::none(), |c| s.periods[c].clone()));
                ctx.insert("figures", &views::figure_cards(site, p, compare, l));
                let areas: Vec<AreaSummary> = views::follow_up(site, p, l)
                    .into_iter()
                    .map(|a| AreaSummary {
                        counts: views::kind_counts(site, &a.records, l),
                        open: a.records.iter().filter(|&&r| views::is_open(&site.records[r])).count(),
                        total: a.records.len(),
                        name: a.name,
                        href: a.href,
                        services_with_deviations: a.rows.len(),
                    })
                    .collect();
                ctx.insert("areas", &areas);
            }
            let open: Vec<usize> =
                (0..site.records.len()).rev().filter(|&i| views::is_open(&site.records[i])).collect();
            ctx.insert_value("open_records", rows_value(s, open.iter().take(OVERVIEW_OPEN_LIMIT).copied()));
            ctx.insert("open_total", &l.count(open.len() as u64));
            ctx.insert("open_more", &(open.len() > OVERVIEW_OPEN_LIMIT));
            ctx.insert("open_shown", &l.count(open.len().min(OVERVIEW_OPEN_LIMIT) as u64));
            ctx.insert_value("latest", rows_value(s, (0..site.records.len()).rev().take(10)));
            PageMeta {
                section: String::new(),
                title: site.config.title.clone(),
                description: None,
                breadcrumbs: crumbs(Vec::new()),
                template: "overview.html",
            }
        }
        Job::Periods => {
            let list: Vec<Value> = (0..site.periods.len()).rev().map(|p| s.periods[p].clone()).collect();
            ctx.insert_value("periods", Value::from(list));
            list_page(s, t.get("nav_periods"), &w.periods, "periods.html")
        }
        Job::Period(p) => {
            let period = &site.periods[*p];
            let compare = site.compare_of[*p];
            ctx.insert_value("period", s.periods[*p].clone());
            let (summary_html, summary_text) =
                period.summary.as_deref().map(|m| markdown::to_html_and_text(m, 2, DESCRIPTION_CHARS)).unzip();
            ctx.insert("summary_html", &summary_html);
            ctx.insert("figures", &views::figure_cards(site, *p, compare, l));
            ctx.insert(
                "has_figures",
                &crate::model::figures::FigureKind::ALL.iter().any(|&k| k.official(period).is_some()),
            );
            ctx.insert_value("compare", compare.map_or(Value::none(), |c| s.periods[c].clone()));
            let areas = views::follow_up(site, *p, l);
            let area_records: Vec<Value> = areas.iter().map(|a| rows_value(s, a.records.iter().copied())).collect();
            ctx.insert("areas", &areas);
            ctx.insert_value("area_records", Value::from(area_records));
            ctx.insert_value("records", rows_value(s, site.records_by_period[*p].iter().copied()));
            ctx.insert("counts", &views::kind_counts(site, &site.records_by_period[*p], l));
            let recommendations: Vec<RecommendationView> = period
                .recommendations
                .iter()
                .map(|r| RecommendationView {
                    title: r.title.clone(),
                    service: r
                        .service
                        .as_ref()
                        .and_then(|sv| site.service_by_id.get(&sv.value))
                        .map(|&i| Link { title: site.services[i].name.clone(), href: w.service(&site.services[i].id) }),
                    text_html: markdown::to_html(&r.text, 3),
                })
                .collect();
            ctx.insert("recommendations", &recommendations);
            PageMeta {
                section: UrlWords::list(&w.periods),
                title: period.label.clone(),
                description: summary_text.map(|d| markdown::truncate(&d, DESCRIPTION_CHARS)),
                breadcrumbs: crumbs(vec![home(s), list_link(s, "nav_periods", &w.periods)]),
                template: "period.html",
            }
        }
        Job::Areas => {
            let list: Vec<AreaSummary> = site
                .config
                .areas
                .iter()
                .enumerate()
                .map(|(a, area)| {
                    let recs = &site.records_by_area[a];
                    AreaSummary {
                        name: area.name.clone(),
                        href: w.area(&area.id),
                        counts: views::kind_counts(site, recs, l),
                        open: recs.iter().filter(|&&r| views::is_open(&site.records[r])).count(),
                        total: recs.len(),
                        services_with_deviations: site.services_by_area[a].len(),
                    }
                })
                .collect();
            ctx.insert("areas", &list);
            list_page(s, t.get("nav_areas"), &w.areas, "areas.html")
        }
        Job::Area(a, page) => {
            let area = &site.config.areas[*a];
            let (description_html, description_text) =
                area.description.as_deref().map(|m| markdown::to_html_and_text(m, 1, DESCRIPTION_CHARS)).unzip();
            ctx.insert("area", &AreaView { name: area.name.clone(), href: w.area(&area.id), description_html });
            let services: Vec<ServiceSummary> =
                site.services_by_area[*a].iter().map(|&i| service_summary(s, i)).collect();
            ctx.insert("services", &services);
            let recs = &site.records_by_area[*a];
            let counts =
                s.counts.areas[*a].get_or_init(|| Value::from_serializable(&views::kind_counts(site, recs, l)));
            ctx.insert_value("counts", counts.clone());
            let (oldest, newest) = page_range(recs.len(), *page);
            ctx.insert_value("records", rows_value(s, recs[oldest..newest].iter().rev().copied()));
            let base = w.area(&area.id);
            if let Some(p) = pagination(l, *page, recs.len(), |n| paged(&base, w, n)) {
                ctx.insert("pagination", &p);
            }
            let mut breadcrumbs = vec![home(s), list_link(s, "nav_areas", &w.areas)];
            if *page > 0 {
                breadcrumbs.push(Link { title: area.name.clone(), href: base.clone() });
            }
            PageMeta {
                section: UrlWords::list(&w.areas),
                title: area.name.clone(),
                description: description_text.map(|d| markdown::truncate(&d, DESCRIPTION_CHARS)),
                breadcrumbs: crumbs(breadcrumbs),
                template: "area.html",
            }
        }
        Job::Services => {
            let groups: Vec<ServiceGroup> = site
                .config
                .areas
                .iter()
                .enumerate()
                .map(|(a, area)| ServiceGroup {
                    name: area.name.clone(),
                    href: w.area(&area.id),
                    services: site.services_by_area[a]
                        .iter()
                        .filter(|&&i| !site.services[i].retired)
                        .map(|&i| service_summary(s, i))
                        .collect(),
                })
                .collect();
            let retired: Vec<ServiceSummary> =
                (0..site.services.len()).filter(|&i| site.services[i].retired).map(|i| service_summary(s, i)).collect();
            ctx.insert("groups", &groups);
            ctx.insert("retired", &retired);
            list_page(s, t.get("nav_services"), &w.services, "services.html")
        }
        Job::Service(i) => {
            let service = &site.services[*i];
            ctx.insert("service", &service_summary(s, *i));
            let (description_html, description_text) =
                service.description.as_deref().map(|m| markdown::to_html_and_text(m, 1, DESCRIPTION_CHARS)).unzip();
            ctx.insert("description_html", &description_html);
            let recs = &site.records_by_service[*i];
            ctx.insert("counts", &views::kind_counts(site, recs, l));
            ctx.insert_value("records", rows_value(s, recs.iter().rev().copied()));
            let mut per_period = vec![0u64; site.periods.len()];
            for &r in recs {
                for &p in &site.periods_by_record[r] {
                    per_period[p] += 1;
                }
            }
            let history: Vec<PeriodCount> = (0..site.periods.len())
                .rev()
                .filter(|&p| per_period[p] > 0)
                .map(|p| PeriodCount { period: s.periods[p].clone(), count: l.count(per_period[p]) })
                .collect();
            ctx.insert("history", &history);
            let mut links = vec![home(s), list_link(s, "nav_services", &w.services)];
            if let Some(a) = site.service_area[*i] {
                let area = &site.config.areas[a];
                links.push(Link { title: area.name.clone(), href: w.area(&area.id) });
            }
            PageMeta {
                section: UrlWords::list(&w.services),
                title: service.name.clone(),
                description: description_text.map(|d| markdown::truncate(&d, DESCRIPTION_CHARS)),
                breadcrumbs: crumbs(links),
                template: "service.html",
            }
        }
        Job::Records(page) => {
            let (oldest, newest) = page_range(site.records.len(), *page);
            ctx.insert_value("records", rows_value(s, (oldest..newest).rev()));
            let counts = s.counts.all.get_or_init(|| {
                Value::from_serializable(&views::kind_counts(site, &(0..site.records.len()).collect::<Vec<_>>(), l))
            });
            ctx.insert_value("counts", counts.clone());
            let list = list_page(s, t.get("nav_records"), &w.records, "records.html");
            if let Some(p) = pagination(l, *page, site.records.len(), |n| records_page_path(w, n)) {
                ctx.insert("pagination", &p);
            }
            if *page == 0 {
                return list;
            }
            PageMeta { breadcrumbs: crumbs(vec![home(s), list_link(s, "nav_records", &w.records)]), ..list }
        }
        Job::Record(i) => {
            let r = &site.records[*i];
            ctx.insert_value("record", s.row(*i));
            let service = site.record_service[*i].map(|x| &site.services[x]);
            let (supplier, supplier_from_service) = match (&r.supplier, service.and_then(|x| x.supplier.as_ref())) {
                (Some(own), _) => (Some(own.clone()), false),
                (None, Some(theirs)) => (Some(theirs.clone()), true),
                (None, None) => (None, false),
            };
            let period = site.period_by_id.get(&r.period).map(|&p| s.periods[p].clone());
            // Enough text for the description, and for a feed entry when
            // the record has one.
            let keep = s.body_texts.get(*i).and_then(Option::as_ref);
            let chars =
                if keep.is_some() { DESCRIPTION_CHARS.max(super::feeds::SUMMARY_CHARS) } else { DESCRIPTION_CHARS };
            let (body_html, body_text) = markdown::to_html_and_text(&r.body, 2, chars);
            let description = Some(markdown::truncate(&body_text, DESCRIPTION_CHARS)).filter(|d| !d.is_empty());
            if let Some(kept) = keep {
                // Set once: a record has one page.
                let _ = kept.set(body_text);
            }
            ctx.insert(
                "detail",
                &RecordDetail {
                    system: service.and_then(|x| x.system.clone()),
                    supplier,
                    supplier_from_service,
                    actions: r.actions.iter().map(|a| markdown::inline_to_html(a)).collect(),
                    reported_to_authority: r.reported_to_authority,
                    body_html,
                    duration: r.resolved.as_ref().and_then(|res| duration_text(t, &r.date.value, &res.value)),
                    period,
                    draft: r.draft,
                },
            );
            ctx.insert_value("related", rows_value(s, site.related[*i].iter().copied()));
            // The same for every record of a service: made once.
            let breadcrumbs = s.record_crumbs[site.record_service[*i].unwrap_or(site.services.len())]
                .get_or_init(|| {
                    let mut links = vec![home(s), list_link(s, "nav_records", &w.records)];
                    if let Some(x) = service {
                        links.push(Link { title: x.name.clone(), href: w.service(&x.id) });
                    }
                    crumbs(links)
                })
                .clone();
            PageMeta {
                section: UrlWords::list(&w.records),
                title: r.title.clone(),
                description,
                breadcrumbs,
                template: "record.html",
            }
        }
        Job::Page(i) => {
            let page = &site.pages[*i];
            ctx.insert("body_html", &markdown::to_html(&page.body, 1));
            PageMeta {
                section: w.page(&page.id),
                title: page.title.clone(),
                description: page.description.clone(),
                breadcrumbs: crumbs(vec![home(s)]),
                template: "page.html",
            }
        }
        Job::Data => {
            ctx.insert("data", &super::data::downloads(site, t, s.exports));
            PageMeta {
                description: Some(t.get("data_intro").to_string()),
                ..list_page(s, t.get("data_title"), &w.data, "data.html")
            }
        }
        Job::Search => {
            let lists = [
                ("nav_records", &w.records),
                ("nav_periods", &w.periods),
                ("nav_services", &w.services),
                ("nav_areas", &w.areas),
            ];
            ctx.insert("lists", &lists.map(|(key, word)| list_link(s, key, word)));
            PageMeta {
                description: Some(t.get("search_intro").to_string()),
                ..list_page(s, t.get("search_title"), w.search_word(), "search.html")
            }
        }
        Job::NotFound => PageMeta {
            section: "404.html".to_string(),
            title: t.get("not_found_title").to_string(),
            description: None,
            breadcrumbs: crumbs(Vec::new()),
            template: "404.html",
        },
        Job::Alias { record, alias } => {
            let r = &site.records[*record];
            let path = urls::alias_path(alias);
            let target = w.record(&r.id);
            ctx.insert("target", &format!("{}{}", urls::root_prefix(&path), urls::link(&target)));
            ctx.insert("target_title", &r.title);
            ctx.insert("target_canonical", &urls::absolute(&site.config.base_url, &target));
            PageMeta {
                section: String::new(),
                title: r.title.clone(),
                description: None,
                breadcrumbs: crumbs(Vec::new()),
                template: "alias.html",
            }
        }
    }
}

/// How many pages the list of all records has (at least one).
fn record_pages(site: &Site) -> usize {
    list_pages(site.records.len())
}

/// How many pages a list of `len` records is split into (at least one).
fn list_pages(len: usize) -> usize {
    len.div_ceil(RECORDS_PER_PAGE).max(1)
}

/// The records on page `page` (0 is the first) of a list of `len` records
/// in date order shown newest first: positions `oldest..newest`.
fn page_range(len: usize, page: usize) -> (usize, usize) {
    let newest = len.saturating_sub(page * RECORDS_PER_PAGE);
    (newest.saturating_sub(RECORDS_PER_PAGE), newest)
}

/// Where page `page` of a list of `len` records stands, when the list has
/// more than one page; `href` gives the path of page `n`.
fn pagination(l: &Labels<'_>, page: usize, len: usize, href: impl Fn(usize) -> String) -> Option<Pagination> {
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

/// The path of page `n` (0 is the first) of the list of all records:
/// `avvikelser/`, `avvikelser/sida/2/` …
pub fn records_page_path(w: &UrlWords, n: usize) -> String {
    paged(&UrlWords::list(&w.records), w, n)
}

/// The path of page `n` (0 is the first) of a split page at `base`:
/// `base` itself, then `base` + `sida/2/` …
pub fn paged(base: &str, w: &UrlWords, n: usize) -> String {
    if n == 0 { base.to_string() } else { format!("{base}{}/{}/", w.page_word(), n + 1) }
}

/// Where a page of a split list stands, for its navigation.
#[derive(Serialize)]
struct Pagination {
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

fn list_page(s: &Shared<'_>, title: &str, word: &str, template: &'static str) -> PageMeta {
    PageMeta {
        section: UrlWords::list(word),
        title: title.to_string(),
        description: None,
        breadcrumbs: crumbs(vec![home(s)]),
        template,
    }
}

/// "1 dag 2 tim", "45 min": how long a record took to resolve.
fn duration_text(t: &I18n, from: &crate::model::time::Moment, to: &crate::model::time::Moment) -> Option<String> {
    if from.time.is_none() || to.time.is_none() {
        let days = to.date.days_since_epoch() - from.date.days_since_epoch();
        return (days >= 1).then(|| t.fill("duration_days", &[("n", &days.to_string())]));
    }
    let minutes = (to.epoch_seconds() - from.epoch_seconds()) / 60;
    if minutes < 0 {
        return None;
    }
    let (d, h, m) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(t.fill("duration_days", &[("n", &d.to_string())]));
    }
    if h > 0 {
        parts.push(t.fill("duration_hours", &[("n", &h.to_string())]));
    }
    if m > 0 || parts.is_empty() {
        parts.push(t.fill("duration_minutes", &[("n", &m.to_string())]));
    }
    Some(parts.join(" "))
}

#[derive(Serialize)]
struct PeriodSummary {
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

#[derive(Serialize)]
struct FigureValue {
    key: &'static str,
    label: String,
    value: String,
    official: bool,
}

fn period_summary(site: &Site, labels: &Labels<'_>, p: usize) -> PeriodSummary {
    let period = &site.periods[p];
    let t = labels.i18n;
    let href = t.url.period(&period.id);
    PeriodSummary {
        id: period.id.clone(),
        label: period.label.clone(),
        link: urls::link(&href),
        href,
        start: t.date(period.start.value),
        start_iso: period.start.value.to_string(),
        end: t.date(period.end.value),
        end_iso: period.end.value.to_string(),
        records: site.records_by_period[p].len(),
        current: site.current_period == Some(p),
        figures: crate::model::figures::FigureKind::ALL
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

#[derive(Serialize)]
struct AreaSummary {
    name: String,
    href: String,
    counts: Vec<views::KindCount>,
    open: usize,
    total: usize,
    services_with_deviations: usize,
}

#[derive(Serialize)]
struct AreaView {
    name: String,
    /// The path of the area's (first) page.
    href: String,
    description_html: Option<String>,
}

#[derive(Serialize)]
struct ServiceSummary {
    id: String,
    name: String,
    href: String,
    system: Option<String>,
    tier: &'static str,
    tier_label: String,
    supplier: Option<String>,
    area: Option<Link>,
    retired: bool,
    records: usize,
    open: usize,
}

fn service_summary(s: &Shared<'_>, i: usize) -> ServiceSummary {
    let site = s.site;
    let service = &site.services[i];
    let recs = &site.records_by_service[i];
    ServiceSummary {
        id: service.id.clone(),
        name: service.name.clone(),
        href: s.words.service(&service.id),
        system: service.system.clone(),
        tier: service.tier.key(),
        tier_label: s.labels.i18n.tier(service.tier).to_string(),
        supplier: service.supplier.clone(),
        area: site.service_area[i].map(|a| {
            let area = &site.config.areas[a];
            Link { title: area.name.clone(), href: s.words.area(&area.id) }
        }),
        retired: service.retired,
        records: recs.len(),
        open: recs.iter().filter(|&&r| views::is_open(&site.records[r])).count(),
    }
}

#[derive(Serialize)]
struct ServiceGroup {
    name: String,
    href: String,
    services: Vec<ServiceSummary>,
}

#[derive(Serialize)]
struct PeriodCount {
    period: Value,
    count: String,
}

#[derive(Serialize)]
struct RecommendationView {
    title: String,
    service: Option<Link>,
    text_html: String,
}

#[derive(Serialize)]
struct RecordDetail {
    system: Option<String>,
    supplier: Option<String>,
    supplier_from_service: bool,
    actions: Vec<String>,
    reported_to_authority: Option<bool>,
    body_html: String,
    duration: Option<String>,
    period: Option<Value>,
    draft: bool,
}
