//! Turning the linked site into output files: every page, asset and export
//! as a `(path, bytes)` pair. Nothing here touches the disk.

pub mod assets;
pub mod calendar;
pub mod catalog;
pub mod exports;
pub mod feeds;
pub mod languages;
pub mod markdown;
pub mod on_demand;
pub mod options;
pub mod pages;
pub mod sink;
pub mod sitemap;
pub mod templates;
pub mod views;
pub mod xml;

use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};

use crate::model::Site;
pub use options::RenderOptions;
pub use sink::{FileSink, OutputFile, emit, emit_streamed};

/// Renders the whole site. Returns `None` (with diagnostics) when the theme
/// is broken or two outputs would share a path. `charts_time` is set to the
/// time spent drawing charts, summed over threads (each page draws its own
/// while others render). With a `sink`, every file goes to it as soon as
/// it is rendered and the returned files carry only their paths.
pub fn render(
    site: &Site,
    theme: &crate::theme::Theme,
    i18n: &crate::theme::I18n,
    options: &RenderOptions,
    diags: &mut Diagnostics,
    charts_time: &mut std::time::Duration,
    sink: Option<&dyn FileSink>,
) -> Option<Vec<OutputFile>> {
    let i18n = i18n.clone();
    let tera = templates::compile(theme, &i18n, diags)?;
    let assets = assets::collect(theme);
    // The open data is made while the pages render (the records export is
    // one long job); the downloads page and the catalogue, which show the
    // sizes of its files, come after. So do the feeds: the record pages
    // keep the text their entries show.
    let plan = feeds::FeedPlan::new(site, &i18n);
    let mut pages = pages::Pages::new(site, tera, &i18n, &assets, options);
    pages.keep_body_text(&plan.has_entry(site.records.len()));
    let (data_page, jobs): (Vec<crate::layout::Route>, Vec<crate::layout::Route>) =
        crate::layout::Route::all(site).into_iter().partition(|j| matches!(j, crate::layout::Route::Data));
    // The sitemap lists the pages, whose paths are known before they render.
    let listed: Vec<OutputFile> = jobs
        .par_iter()
        .chain(&data_page)
        .map(|j| OutputFile { path: pages.file(site, j), bytes: Vec::new() })
        .collect();
    let mut page_diags = Diagnostics::new();
    let ((exported, crawl), rendered) = rayon::join(
        || rayon::join(|| exports::exports_into(site, &i18n, sink), || sitemap::files(site, &i18n, &listed)),
        || pages::render_all(site, &pages, &jobs, &[], sink, &mut page_diags),
    );
    let fed = plan.write(site, &i18n, &|i| pages.body_text(i), &|f| emit(f, sink));
    drop(listed);
    diags.extend(page_diags);
    let (exports, sizes) = match exported {
        Ok(done) => done,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let mut files = rendered?;
    files.extend(pages::render_all(site, &pages, &data_page, &sizes, sink, diags)?);
    *charts_time = pages.chart_time();
    // What the pages shared (a row per record, the kept body texts) is
    // freed on another thread while the last files are written.
    rayon::spawn(move || drop(pages));
    let catalog_file = catalog::catalog(site, &i18n, &sizes);
    files.extend(emit_all(assets.files, sink, diags)?);
    files.extend(emit_all(vec![catalog_file], sink, diags)?);
    files.extend(exports);
    match fed {
        Ok(feeds) => files.extend(feeds),
        Err(d) => {
            diags.push(d);
            return None;
        }
    }
    files.extend(emit_all(crawl, sink, diags)?);
    check_unique_paths(files.iter().map(|f| f.path.as_str()), diags).then_some(files)
}

/// [`emit`] for several files, in parallel.
fn emit_all(files: Vec<OutputFile>, sink: Option<&dyn FileSink>, diags: &mut Diagnostics) -> Option<Vec<OutputFile>> {
    match files.into_par_iter().map(|f| emit(f, sink)).collect::<Result<Vec<_>, _>>() {
        Ok(files) => Some(files),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// Two outputs at one path would silently overwrite each other: a page id
/// equal to a URL word, say, or an alias on top of a page.
fn check_unique_paths<'a>(paths: impl Iterator<Item = &'a str>, diags: &mut Diagnostics) -> bool {
    let mut seen: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for p in paths {
        *seen.entry(p).or_insert(0) += 1;
    }
    // Reported in path order, so that two runs print the same.
    let mut twice: Vec<(&str, usize)> = seen.into_iter().filter(|&(_, n)| n > 1).collect();
    twice.sort_unstable();
    for &(path, n) in &twice {
        diags.push(
            Diagnostic::error(Path::new("content"), None, format!("{n} pages would be written to the same file {path}"))
                .with_help("a page id or alias is the same as another page's URL (for instance a page named like a URL word such as perioder); rename the page or change the alias"),
        );
    }
    twice.is_empty()
}
