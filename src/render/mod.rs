//! Turning the linked site into output files: every page, asset and export
//! as a `(path, bytes)` pair. Nothing here touches the disk.

pub mod assets;
pub mod catalog;
pub mod csv_row;
pub mod data;
pub mod feeds;
pub mod i18n;
pub mod languages;
pub mod markdown;
pub mod on_demand;
pub mod pages;
pub mod search;
pub mod search_site;
pub mod sitemap;
pub mod templates;
pub mod theme;
pub mod urls;
pub mod views;

use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;

/// One file of the output: its path relative to the output folder (always
/// with `/` separators) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path inside the output folder, e.g. `perioder/2023-q1/index.html`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Options that change what is rendered, not what is loaded.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// A script URL added to every page (only the preview server sets it).
    pub live_reload_script: Option<String>,
}

/// Reads the theme's strings for the site's language.
pub fn load_i18n(site: &Site, theme: &theme::Theme, diags: &mut Diagnostics) -> Option<i18n::I18n> {
    let lang = site.config.language.code();
    let i18n_path = format!("i18n/{lang}.toml");
    let Some(i18n_file) = theme.get(&i18n_path) else {
        diags.push(
            Diagnostic::error(Path::new("themes"), None, format!("the theme has no {i18n_path}"))
                .with_help("copy it from themes/default/ and translate it"),
        );
        return None;
    };
    let i18n = match std::str::from_utf8(&i18n_file.bytes).map_err(|e| e.to_string()).and_then(i18n::I18n::parse) {
        Ok(i) => i,
        Err(e) => {
            diags.push(
                Diagnostic::error(&i18n_file.origin, None, format!("the theme's strings cannot be read: {e}"))
                    .with_help("fix the file; it is TOML with months, a [url] table and strings"),
            );
            return None;
        }
    };
    Some(i18n)
}

/// Where a streaming render puts each file as soon as it is made (`insyn
/// build` writes it to disk and the render keeps only its path). It may be
/// called from several threads at once; an error is a message naming the file.
pub trait FileSink: Sync {
    /// Writes a whole file.
    fn put(&self, file: OutputFile) -> Result<(), String>;

    /// Writes the file at `path` (a path like [`OutputFile::path`]) in parts:
    /// `write` is handed the open file and writes it from start to end, so
    /// that a large export is never in memory whole. Returns the length.
    fn put_streamed(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<u64, String>;
}

/// Hands `file` to `sink`, if there is one, and keeps only its path (the
/// bytes are gone from memory once written); without a sink, keeps the file.
pub fn emit(file: OutputFile, sink: Option<&dyn FileSink>) -> Result<OutputFile, Diagnostic> {
    let Some(sink) = sink else { return Ok(file) };
    let path = file.path.clone();
    sink.put(file).map_err(write_failed)?;
    Ok(OutputFile { path, bytes: Vec::new() })
}

/// A file made in parts by `write`: streamed to `sink` (the returned file
/// carries only its path), or, without a sink, made in memory. Returns the
/// file and its length.
pub fn emit_streamed(
    path: String,
    sink: Option<&dyn FileSink>,
    mut write: impl FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(OutputFile, usize), Diagnostic> {
    match sink {
        Some(sink) => {
            let len = sink.put_streamed(&path, &mut write).map_err(write_failed)?;
            Ok((OutputFile { path, bytes: Vec::new() }, usize::try_from(len).unwrap_or(usize::MAX)))
        }
        None => {
            let mut bytes = Vec::new();
            // Writing into memory cannot fail.
            write(&mut bytes).map_err(|e| write_failed(format!("cannot make {path}: {e}")))?;
            let len = bytes.len();
            Ok((OutputFile { path, bytes }, len))
        }
    }
}

fn write_failed(message: String) -> Diagnostic {
    Diagnostic::error(Path::new("output"), None, message)
        .with_help("check that the disk has room and the output folder is writable")
}

/// Renders the whole site. Returns `None` (with diagnostics) when the theme
/// is broken or two outputs would share a path. `charts_time` is set to the
/// time spent drawing charts, summed over threads (each page draws its own
/// while others render). With a `sink`, every file goes to it as soon as
/// it is rendered and the returned files carry only their paths.
pub fn render(
    site: &Site,
    theme: &theme::Theme,
    i18n: &i18n::I18n,
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
    let (data_page, jobs): (Vec<pages::Job>, Vec<pages::Job>) =
        pages::Pages::jobs(site).into_iter().partition(|j| matches!(j, pages::Job::Data));
    // The sitemap lists the pages, whose paths are known before they render.
    let listed: Vec<OutputFile> = jobs
        .par_iter()
        .chain(&data_page)
        .map(|j| OutputFile { path: pages.file(site, j), bytes: Vec::new() })
        .collect();
    let mut page_diags = Diagnostics::new();
    let ((exported, (crawl, search)), rendered) = rayon::join(
        || {
            rayon::join(
                || data::exports_into(site, &i18n, sink),
                || (sitemap::files(site, &i18n, &listed), search_site::files(site, &i18n)),
            )
        },
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
    files.extend(emit_all(search, sink, diags)?);
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
