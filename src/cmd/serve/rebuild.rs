//! One rebuild of the preview: compile the site (reading only the files
//! that changed), swap it in, and report how it went.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::http::SiteFiles;
use super::options::ServeOptions;
use super::requests::LIVE_SCRIPT;
use super::state::State;
use super::watch::{self, Change, SiteWatcher};
use crate::cmd::{Verbosity, count};
use crate::content;
use crate::diagnostics::{Diagnostics, stderr_wants_color};
use crate::render::RenderOptions;
use crate::render::on_demand::OnDemand;
use crate::{Options, prepare};

/// Compiles the site and swaps the result in.
pub(super) struct Builder {
    options: ServeOptions,
    base_url: String,
    /// The content files read so far.
    cache: Mutex<content::Cache>,
    /// Whether the next rebuild renders every page (at start, after a
    /// change to the theme or `site.toml`, until one such rebuild succeeds).
    every_page: Mutex<bool>,
}

impl Builder {
    /// A builder of the site in `options`, served at `base_url`; nothing
    /// is read yet.
    pub(super) fn new(options: ServeOptions, base_url: String) -> Builder {
        Builder { options, base_url, cache: Mutex::new(content::Cache::new()), every_page: Mutex::new(true) }
    }

    fn quiet(&self) -> bool {
        self.options.verbosity == Verbosity::Quiet
    }

    /// Rebuilds once; `changed` names the files that triggered it (empty for
    /// the first build).
    ///
    /// Only files that changed are read again (the content cache), and pages
    /// are rendered when the browser asks for them. At start, after a theme
    /// change, and when the watcher lost track, every page is rendered at
    /// once instead, so that a template that fails on any page fails the
    /// rebuild.
    pub(super) fn rebuild(&self, state: &State, changed: &[PathBuf]) {
        let next_build = state.lock().status.build + 1;
        let options = Options {
            root: self.options.root.clone(),
            base_url: Some(self.base_url.clone()),
            drafts: self.options.drafts,
            render: RenderOptions { live_reload_script: Some(format!("{LIVE_SCRIPT}?build={next_build}")) },
            ..Options::default()
        };
        // Every page until a good rebuild has rendered them all: a template
        // that failed stays a failed rebuild whatever changes next.
        let every_page = {
            let mut pending = self.every_page.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            *pending |= changed.iter().any(|p| {
                p.starts_with("themes")
                    || p.as_path() == Path::new("site.toml")
                    || p.as_path() == Path::new(watch::LOST_TRACK)
            });
            *pending
        };
        let started = Instant::now();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut cache = self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let lost_track = changed.iter().any(|p| p.as_path() == Path::new(watch::LOST_TRACK));
            cache.changed((!lost_track).then_some(changed));
            let prepared = prepare(&options, Some(&mut cache))?;
            let (mut diags, timings) = (prepared.diagnostics, prepared.timings);
            let site = OnDemand::new(prepared.site, &prepared.theme, &prepared.i18n, &options.render, &mut diags)
                .ok_or_else(|| diags.clone())?;
            if every_page && let Err(message) = site.render_all() {
                let mut failed = Diagnostics::new();
                failed.push(
                    crate::diagnostics::Diagnostic::error(Path::new("themes"), None, message)
                        .with_help("fix the template; the content itself is fine"),
                );
                return Err(failed);
            }
            Ok((site, diags, timings))
        }));
        let took = started.elapsed();
        match result {
            Ok(Ok((site, diags, timings))) => {
                if every_page {
                    *self.every_page.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = false;
                }
                let (files, pages) = site.counts();
                let s = site.site();
                let summary = Summary {
                    pages,
                    files,
                    records: s.records.len(),
                    services: s.services.len(),
                    periods: s.periods.len(),
                };
                let files =
                    Arc::new(SiteFiles { files: Box::new(site), prefix: production_prefix(&self.options.root) });
                let (was_failing, old) = {
                    let mut inner = state.lock();
                    let was_failing = inner.status.error.is_some();
                    let old = inner.site.replace(files);
                    inner.status.build = next_build;
                    inner.status.version += 1;
                    inner.status.error = None;
                    (was_failing, old)
                };
                // The old site is freed outside the lock (and after the new one is served).
                drop(old);
                state.changed.notify_all();
                self.report_success(&diags, &timings, &summary, took, changed, was_failing);
            }
            Ok(Err(diags)) => self.fail(state, &diags, took),
            Err(_) => {
                // Start from an empty cache: the panic may have left it half done.
                *self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = content::Cache::new();
                let mut diags = Diagnostics::new();
                diags.push(
                    crate::diagnostics::Diagnostic::error(Path::new("(insyn)"), None, "insyn failed inside (a bug)")
                        .with_help(
                            "please report it with the file you just changed; the last good build is still served",
                        ),
                );
                self.fail(state, &diags, took);
            }
        }
    }

    fn fail(&self, state: &State, diags: &Diagnostics, took: Duration) {
        let text = diags.render_plain();
        let has_site = {
            let mut inner = state.lock();
            inner.status.version += 1;
            inner.status.error = Some(text);
            inner.site.is_some()
        };
        state.changed.notify_all();
        diags.print(stderr_wants_color());
        if has_site {
            eprintln!("Build failed in {} ms; the last good build is still served.", took.as_millis());
        } else {
            eprintln!("Build failed in {} ms; the preview shows the errors until they are fixed.", took.as_millis());
        }
    }

    #[allow(clippy::too_many_arguments)] // each is one fact of the rebuild to report
    fn report_success(
        &self,
        diags: &Diagnostics,
        t: &crate::Timings,
        summary: &Summary,
        took: Duration,
        changed: &[PathBuf],
        was_failing: bool,
    ) {
        if self.quiet() {
            return;
        }
        if !diags.is_empty() {
            diags.print(stderr_wants_color());
        }
        let ms = took.as_millis();
        if changed.is_empty() {
            eprintln!(
                "Built {} from {}, {} and {} in {ms} ms",
                count(summary.pages, "page", "pages"),
                count(summary.records, "record", "records"),
                count(summary.services, "service", "services"),
                count(summary.periods, "period", "periods"),
            );
        } else {
            // Name the content files; an editor's temp file (`sedXYZ`, `4913`) says nothing.
            let named: Vec<&PathBuf> =
                changed.iter().filter(|p| p.extension().is_some() || p.components().count() == 1).collect();
            let shown = if named.is_empty() { changed.iter().collect() } else { named };
            let mut what = shown.iter().take(8).map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
            if shown.len() > 8 {
                what.push_str(&format!(" and {} more", shown.len() - 8));
            }
            let fixed = if was_failing { "Fixed. " } else { "" };
            eprintln!("{fixed}Rebuilt in {ms} ms ({what})");
        }
        if self.options.verbosity == Verbosity::Verbose {
            eprintln!(
                "  load {} ms, validate {} ms; {} files, pages rendered when asked for",
                t.load.as_millis(),
                t.validate.as_millis(),
                summary.files
            );
        }
    }

    /// The watcher loop: rebuild after each settled change until stopped.
    pub(super) fn watch(self, mut watcher: SiteWatcher, state: &State) {
        while !state.stopping.load(Ordering::SeqCst) {
            match watcher.next_change(Duration::from_millis(100)) {
                Change::Files(changed) => self.rebuild(state, &changed),
                Change::Idle => {}
                Change::Closed => {
                    eprintln!("error: the file watcher stopped; restart insyn serve to see further changes");
                    return;
                }
            }
        }
    }
}

/// Counts taken from a build for its report.
struct Summary {
    pages: usize,
    files: usize,
    records: usize,
    services: usize,
    periods: usize,
}

/// The path of `base_url` in `site.toml` (`avvikelser`), read leniently.
fn production_prefix(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("site.toml")).ok()?;
    let table = text.parse::<toml::Table>().ok()?;
    let url = table.get("base_url")?.as_str()?;
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let path = rest.split_once('/').map_or("", |(_, p)| p).trim_matches('/');
    (!path.is_empty()).then(|| path.to_string())
}
