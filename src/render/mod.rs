//! Turning the linked site into output files: every page, asset and export
//! as a `(path, bytes)` pair. Nothing here touches the disk.

pub mod assets;
pub mod body_text;
pub mod calendar;
pub mod catalog;
pub mod exports;
pub mod feeds;
pub mod languages;
pub mod link_check;
mod link_report;
pub mod markdown;
pub mod on_demand;
pub mod options;
pub mod pages;
pub mod search;
pub mod search_site;
pub mod sink;
pub mod sitemap;
pub mod templates;
pub mod unique;
pub mod views;
pub mod xml;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::Route;
use crate::model::Site;
use body_text::BodyTexts;
use feeds::Feeds;
use link_check::LinkCheck;
pub use options::RenderOptions;
use pages::Pages;
pub use sink::{FileSink, OutputFile, emit, emit_streamed};

/// Renders the whole site. Returns `None` (with diagnostics) when the theme
/// is broken or two outputs would share a path. `charts_time` is set to the
/// time spent drawing charts, summed over threads (each page draws its own
/// while others render). With a `sink`, every file goes to it as soon as
/// it is rendered and the returned files carry only their paths. Every
/// link of the built site that points at nothing is a warning
/// ([`link_check`]); `links_time` is set to the time the check took,
/// summed over threads.
pub fn render(
    site: &Site,
    theme: &crate::theme::Theme,
    i18n: &crate::theme::I18n,
    options: &RenderOptions,
    diags: &mut Diagnostics,
    times: (&mut std::time::Duration, &mut std::time::Duration),
    sink: Option<&dyn FileSink>,
) -> Option<Vec<OutputFile>> {
    let tera = templates::compile(theme, i18n, diags)?;
    let (charts_time, links_time) = times;
    match render_files(site, tera, theme, i18n, options, charts_time, sink) {
        Ok((files, check)) => {
            let started = std::time::Instant::now();
            let scanned = check.time();
            let broken = check.finish(files.iter().map(|f| f.path.as_str()));
            link_report::report(site, &broken, diags);
            *links_time = scanned + started.elapsed();
            unique::check_unique_paths(files.iter().map(|f| f.path.as_str()), diags).then_some(files)
        }
        Err(Failed(failed)) => {
            failed.into_iter().for_each(|d| diags.push(d));
            None
        }
    }
}

/// The steps of [`render`], in order; the first that fails ends it.
fn render_files(
    site: &Site,
    tera: tera::Tera,
    theme: &crate::theme::Theme,
    i18n: &crate::theme::I18n,
    options: &RenderOptions,
    charts_time: &mut std::time::Duration,
    sink: Option<&dyn FileSink>,
) -> Result<(Vec<OutputFile>, LinkCheck), Failed> {
    let assets = assets::collect(theme);
    // Which records each feed shows: their pages keep the body text that
    // the feed entries show again.
    let feeds = Feeds::choose(site, i18n);
    let texts = BodyTexts::new(site, feeds::SUMMARY_CHARS, feeds.records());
    let pages = Pages::new(site, tera, i18n, &assets, options, texts);
    // The downloads page shows the sizes of the exports: it comes after them.
    let (routes, downloads): (Vec<Route>, Vec<Route>) = Route::all(site).into_iter().partition(|r| *r != Route::Data);
    // The pages and the theme's files are known before they are made; a
    // link to another file waits for the list of every file written.
    let page_paths = page_files(site, &pages, &routes, &downloads);
    let known = page_paths.iter().map(|f| f.path.clone()).chain(assets.files.iter().map(|f| f.path.clone()));
    let base_url = &site.config.base_url;
    let check = LinkCheck::new(known, base_url, &crate::layout::links::base_path(base_url));
    let read = Some(&check);

    // Pages (each draws its charts), the open-data exports, the sitemap and
    // the search index, side by side: the records export is one long job.
    let (rendered, (exported, (sitemap, search))) = rayon::join(
        || pages.render_all(site, &routes, &[], sink, read),
        || {
            rayon::join(
                || exports::exports_into(site, i18n, sink),
                || rayon::join(|| sitemap::files(site, i18n, &page_paths), || search_site::files(site, i18n)),
            )
        },
    );
    let (mut files, (exports, sizes)) = both(rendered, exported)?;
    // Feeds, after the record pages, whose body texts their entries show.
    let feeds = feeds.write(site, i18n, pages.texts(), &|f| {
        check.read(&f.path, &f.bytes);
        emit(f, sink)
    })?;
    // The downloads page, which shows the sizes of the exports.
    files.extend(pages.render_all(site, &downloads, &sizes, sink, read)?);
    *charts_time = pages.chart_time();
    // What the pages shared (a row per record, the body texts) is freed on
    // another thread while the last files are written.
    rayon::spawn(move || drop(pages));
    // The theme's static files.
    files.extend(emit_all(assets.files, sink)?);
    // The data catalogue, which names the exports with their sizes.
    files.extend(emit_all(vec![catalog::catalog(site, i18n, &sizes)], sink)?);
    files.extend(exports);
    files.extend(feeds);
    // The sitemap and robots.txt.
    files.extend(emit_all(sitemap, sink)?);
    // The search index, beside the search page.
    files.extend(emit_all(search, sink)?);
    // The calendars of the recommendations' due dates.
    files.extend(emit_all(calendar::files(site, i18n), sink)?);
    Ok((files, check))
}

/// Why a render failed: the diagnostics of the step that failed (of both,
/// when two side by side failed).
struct Failed(Vec<Diagnostic>);

impl From<Diagnostic> for Failed {
    fn from(d: Diagnostic) -> Failed {
        Failed(vec![d])
    }
}

impl From<Vec<Diagnostic>> for Failed {
    fn from(ds: Vec<Diagnostic>) -> Failed {
        Failed(ds)
    }
}

/// The results of two steps made side by side, or the diagnostics of each
/// that failed.
fn both<A, B>(a: Result<A, impl Into<Failed>>, b: Result<B, impl Into<Failed>>) -> Result<(A, B), Failed> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (a, b) => {
            let failed = [a.err().map(Into::into), b.err().map(Into::into)];
            Err(Failed(failed.into_iter().flatten().flat_map(|f: Failed| f.0).collect()))
        }
    }
}

/// The files of the pages of `routes` and `more`, as paths without bytes:
/// the sitemap lists the pages, whose paths are known before they render.
fn page_files(site: &Site, pages: &Pages, routes: &[Route], more: &[Route]) -> Vec<OutputFile> {
    routes.par_iter().chain(more).map(|r| OutputFile { path: pages.file(site, r), bytes: Vec::new() }).collect()
}

/// [`emit`] for several files, in parallel.
fn emit_all(files: Vec<OutputFile>, sink: Option<&dyn FileSink>) -> Result<Vec<OutputFile>, Diagnostic> {
    files.into_par_iter().map(|f| emit(f, sink)).collect()
}
