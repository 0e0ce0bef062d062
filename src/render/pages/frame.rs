//! What every page has around its own values (title, description,
//! breadcrumbs, the site header, the canonical URL …), and the one place a
//! page is rendered through its template.

use serde::Serialize;
use tera::{Context, Value};

use super::cache::SITE_HEADER;
use super::fields::insert_fields;
use super::shared::Shared;
use crate::charts::site::Chart;
use crate::diagnostics::Diagnostic;
use crate::layout::{Route, UrlWords, links};
use crate::render::link_check::SharedPart;
use crate::render::sink::OutputFile;
use crate::render::templates::error_chain;
use crate::render::views::Link;

/// Longest page description (`<meta name="description">`), in characters.
pub const DESCRIPTION_CHARS: usize = 200;

/// A page of one kind, ready to render.
pub struct Page<T> {
    /// What every page has.
    pub frame: Frame,
    /// The kind's own values: each field of this `#[derive(Serialize)]`
    /// struct is a variable of the template (besides the frame's and
    /// those all pages share).
    pub values: T,
    /// The page's charts, written as SVG files beside it.
    pub charts: Vec<Chart>,
}

impl<T> Page<T> {
    /// A page without charts.
    pub fn new(frame: Frame, values: T) -> Page<T> {
        Page { frame, values, charts: Vec::new() }
    }
}

/// What every page has: the template fills in the rest of the frame
/// (`page_path`, `root`, `canonical`, `site_header` …) from these.
pub struct Frame {
    /// The page's title (its `h1` and `<title>`).
    pub title: String,
    /// Its description; `None` gives the site's.
    pub description: Option<String>,
    /// The links above the title, as the template reads them (see [`crumbs`]).
    pub breadcrumbs: Value,
    /// The path of the navigation entry the page belongs to.
    pub section: String,
    /// The theme's template.
    pub template: &'static str,
}

impl Frame {
    /// The frame of a page whose description is the plain text of its own
    /// Markdown (`text`, shortened to [`DESCRIPTION_CHARS`]), below
    /// `breadcrumbs`, in the navigation entry of the URL word `word`.
    pub fn described(
        title: &str,
        text: Option<String>,
        breadcrumbs: Vec<Link>,
        word: &str,
        template: &'static str,
    ) -> Frame {
        Frame {
            title: title.to_string(),
            description: text.map(|d| crate::render::markdown::truncate(&d, DESCRIPTION_CHARS)),
            breadcrumbs: crumbs(breadcrumbs),
            section: UrlWords::list(word),
            template,
        }
    }

    /// The frame of a list page (`perioder/` …) titled `title`, its path
    /// the URL word `word`, below the overview.
    pub fn list(s: &Shared<'_>, title: &str, word: &str, template: &'static str) -> Frame {
        Frame {
            title: title.to_string(),
            description: None,
            breadcrumbs: crumbs(vec![s.home()]),
            section: UrlWords::list(word),
            template,
        }
    }
}

/// Breadcrumb links as the template reads them.
pub fn crumbs(links: Vec<Link>) -> Value {
    Value::from_serializable(&links)
}

/// The frame's variables, as templates see them.
#[derive(Serialize)]
struct FrameValues<'a> {
    /// The page's charts (their SVG is in the files beside the page).
    charts: &'a [Chart],
    /// Whether the page is its navigation entry's own page.
    nav_is_page: bool,
    /// The page's path from the site root.
    page_path: &'a str,
    section: &'a str,
    site_header: Value,
    /// The way from the page up to the site root (`../../`).
    root: &'a str,
    title: &'a str,
    description: Option<&'a str>,
    canonical: String,
    breadcrumbs: Value,
}

/// Renders `page`, the page of `route`: its HTML file, then the SVG files
/// of its charts.
pub fn render<T: Serialize>(s: &Shared<'_>, route: &Route, page: Page<T>) -> Result<Rendered, Diagnostic> {
    let Page { frame, values, charts } = page;
    let site = s.site;
    let path = route.path(site, s.words);
    let nav_is_page = path == frame.section;
    // The 404 page is served at any depth: its links start from the site's path.
    let root = match route {
        Route::NotFound => links::base_path(&site.config.base_url),
        _ => links::root_prefix(&path),
    };
    let header = s
        .thread
        .site_header(&root, &frame.section, nav_is_page)
        .map_err(|e| template_failed(SITE_HEADER, &path, &e))?;
    let common = FrameValues {
        charts: &charts,
        nav_is_page,
        page_path: &path,
        section: &frame.section,
        site_header: header.value.clone(),
        root: &root,
        title: &frame.title,
        description: frame.description.as_deref().or(site.config.description.as_deref()),
        canonical: links::absolute(&site.config.base_url, &path),
        breadcrumbs: frame.breadcrumbs,
    };
    let template = frame.template;
    let ctx = context(&values, &common).map_err(|e| template_failed(template, &path, &e))?;
    let mut html = Vec::with_capacity(16 * 1024);
    s.thread.tera().render_to(template, &ctx, &mut html).map_err(|e| template_failed(template, &path, &e))?;
    // Where the site header is in the page: the link check reads it once.
    let shared = header.find_in(&html).map(|range| SharedPart { range, key: header.key });
    let mut out = Vec::with_capacity(1 + 2 * charts.len());
    out.push(OutputFile { path: links::file_for(&path), bytes: html });
    for chart in charts {
        out.push(OutputFile { path: format!("{path}{}", chart.file), bytes: chart.svg.into_bytes() });
        out.push(OutputFile { path: format!("{path}{}", chart.narrow_file), bytes: chart.narrow_svg.into_bytes() });
    }
    Ok((out, shared))
}

/// A page's files (its HTML first, then its charts) and where the HTML has
/// the site header.
pub type Rendered = (Vec<OutputFile>, Option<SharedPart>);

/// The template's context: the kind's values and the frame's (which win
/// should a kind name a field like one of the frame's).
fn context(values: &impl Serialize, frame: &FrameValues<'_>) -> Result<Context, tera::Error> {
    let mut ctx = Context::new();
    insert_fields(&mut ctx, values).map_err(tera::Error::message)?;
    insert_fields(&mut ctx, frame).map_err(tera::Error::message)?;
    Ok(ctx)
}

/// The message for a template that failed on the page at `path`.
fn template_failed(template: &str, path: &str, e: &tera::Error) -> Diagnostic {
    Diagnostic::error(
        std::path::Path::new("themes"),
        None,
        format!("the template {template} failed for {path}: {}", error_chain(e)),
    )
    .with_help("fix the template; the content itself is fine")
}
