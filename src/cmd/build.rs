//! `insyn build`: compile the site and write it to the output folder.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{EXIT_CONTENT, EXIT_OK, EXIT_USAGE, Verbosity, count};
use crate::diagnostics::stderr_wants_color;
use crate::output::{self, WriteError, guard};
use crate::{Options, compile_into};

/// What `insyn build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildArgs {
    /// Site root.
    pub root: PathBuf,
    /// Output folder; default `<root>/output`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// Publish drafts.
    pub drafts: bool,
    /// Warnings are errors.
    pub strict: bool,
    /// How much to print.
    pub verbosity: Verbosity,
}

/// Runs `insyn build` and returns the exit status.
pub fn run(args: BuildArgs) -> i32 {
    let started = Instant::now();
    if let Some(url) = &args.base_url
        && let Err(help) = crate::content::site_config::normalise_base_url(url)
    {
        eprintln!("error: --base-url \"{url}\" is not an absolute web address\n  = help: {help}");
        return EXIT_USAGE;
    }
    let output = args.output.clone().unwrap_or_else(|| args.root.join("output"));
    if let Err(message) = guard::check_location(&args.root, &output) {
        eprintln!("error: {message}");
        return EXIT_USAGE;
    }
    if let Err(e) = guard::may_replace(&output) {
        eprintln!("error: {e}");
        return EXIT_USAGE;
    }
    let options = Options {
        root: args.root.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        strict: args.strict,
        ..Options::default()
    };
    let progress =
        Progress::start(Duration::from_secs(1), args.verbosity != Verbosity::Quiet && std::io::stderr().is_terminal());
    // Pages are written into a temporary folder as they are rendered, and
    // the folder replaces the output only when everything succeeded.
    let staging = match output::Staging::begin(&output) {
        Ok(s) => s,
        Err(e) => {
            progress.finish();
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    let sink = BuildSink { staging: &staging, io_failed: AtomicBool::new(false), writing: AtomicU64::new(0) };
    // Pages are written by the threads that render them: measured on this
    // project's 2-core machine, that beat one dedicated writer thread fed
    // by a channel (see BENCHMARKS.md).
    let compiled = compile_into(&options, Some(&sink));
    let (io_failed, write_time) =
        (sink.io_failed.load(Ordering::Relaxed), Duration::from_nanos(sink.writing.load(Ordering::Relaxed)));
    let done = match compiled {
        Ok(done) => done,
        Err(diags) => {
            progress.finish();
            drop(staging);
            diags.print(stderr_wants_color());
            if io_failed {
                eprintln!("The previous output is unchanged.");
                return EXIT_USAGE;
            }
            eprintln!("Nothing was written; the previous output is unchanged.");
            return EXIT_CONTENT;
        }
    };
    progress.stage(format!("moving {} files into place", done.files.len()));
    let write_started = Instant::now();
    let written = staging.commit();
    progress.finish();
    if !done.diagnostics.is_empty() && args.verbosity != Verbosity::Quiet {
        done.diagnostics.print(stderr_wants_color());
    }
    if let Err(e) = written {
        eprintln!("error: {e}");
        if matches!(e, WriteError::Io(_)) {
            eprintln!("The previous output is unchanged.");
        }
        return EXIT_USAGE;
    }
    let commit_time = write_started.elapsed();
    if args.verbosity != Verbosity::Quiet {
        let s = &done.site;
        let pages = done.files.iter().filter(|f| f.path.ends_with(".html")).count();
        eprintln!(
            "Built {} from {}, {} and {} in {:.2} s",
            count(pages, "page", "pages"),
            count(s.records.len(), "record", "records"),
            count(s.services.len(), "service", "services"),
            count(s.periods.len(), "period", "periods"),
            started.elapsed().as_secs_f64(),
        );
    }
    if args.verbosity == Verbosity::Verbose {
        let t = &done.timings;
        eprintln!(
            "  load {:.3} s, validate {:.3} s, charts {:.3} s, render {:.3} s, write {:.3} s, commit {:.3} s, links {:.3} s; \
             each page draws its charts and is written while others render (charts, write and the link check are part of render, summed over threads); {} files in {}",
            t.load.as_secs_f64(),
            t.validate.as_secs_f64(),
            t.charts.as_secs_f64(),
            t.render.as_secs_f64(),
            write_time.as_secs_f64(),
            commit_time.as_secs_f64(),
            t.links.as_secs_f64(),
            done.files.len(),
            output.display()
        );
    }
    EXIT_OK
}

/// Where `insyn build` puts each file: the temporary folder, timing the
/// writes and noting a failure (a failed write is an I/O error, not a
/// content error).
struct BuildSink<'a> {
    staging: &'a output::Staging,
    io_failed: AtomicBool,
    /// Time spent in writes, summed over threads, in nanoseconds.
    writing: AtomicU64,
}

impl BuildSink<'_> {
    fn timed<T>(&self, write: impl FnOnce() -> Result<T, WriteError>) -> Result<T, String> {
        let started = Instant::now();
        let result = write().map_err(|e| {
            self.io_failed.store(true, Ordering::Relaxed);
            e.to_string()
        });
        self.writing.fetch_add(u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX), Ordering::Relaxed);
        result
    }
}

impl crate::render::FileSink for BuildSink<'_> {
    fn put(&self, file: crate::render::OutputFile) -> Result<(), String> {
        self.timed(|| self.staging.write(file))
    }

    fn put_streamed(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<u64, String> {
        self.timed(|| self.staging.write_streamed(path, write))
    }
}

/// A spinner on stderr with the stage and the time so far. It appears only
/// once a build has taken longer than `delay`, and only when asked to (a
/// terminal, not `--quiet`), so quick builds and logs stay one line.
struct Progress {
    shared: Arc<ProgressShared>,
    thread: Option<JoinHandle<bool>>,
}

#[derive(Default)]
struct ProgressShared {
    /// The stage shown, and whether the build is done.
    state: Mutex<(String, bool)>,
    changed: Condvar,
}

impl ProgressShared {
    fn lock(&self) -> std::sync::MutexGuard<'_, (String, bool)> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Progress {
    /// Starts the clock; `show` false means never draw.
    fn start(delay: Duration, show: bool) -> Progress {
        Progress::start_on(delay, show.then(ProgressDrawTarget::stderr))
    }

    fn start_on(delay: Duration, target: Option<ProgressDrawTarget>) -> Progress {
        let shared = Arc::new(ProgressShared::default());
        shared.lock().0 = "reading, checking and rendering".to_string();
        let Some(target) = target else { return Progress { shared, thread: None } };
        let inner = Arc::clone(&shared);
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let mut state = inner.lock();
            while !state.1 && started.elapsed() < delay {
                let left = delay.saturating_sub(started.elapsed());
                state = match inner.changed.wait_timeout(state, left) {
                    Ok((s, _)) => s,
                    Err(p) => p.into_inner().0,
                };
            }
            if state.1 {
                return false;
            }
            let style =
                ProgressStyle::with_template("{spinner} {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner());
            let bar = ProgressBar::with_draw_target(None, target).with_style(style);
            bar.enable_steady_tick(Duration::from_millis(100));
            while !state.1 {
                bar.set_message(format!("Building the site: {} ({} s)", state.0, started.elapsed().as_secs()));
                state = match inner.changed.wait_timeout(state, Duration::from_millis(200)) {
                    Ok((s, _)) => s,
                    Err(p) => p.into_inner().0,
                };
            }
            bar.finish_and_clear();
            true
        });
        Progress { shared, thread: Some(thread) }
    }

    /// Names the stage now running.
    fn stage(&self, stage: String) {
        self.shared.lock().0 = stage;
        self.shared.changed.notify_all();
    }

    /// Stops and clears the spinner (before anything else is printed).
    /// Returns whether it was shown.
    fn finish(mut self) -> bool {
        self.stop()
    }

    fn stop(&mut self) -> bool {
        self.shared.lock().1 = true;
        self.shared.changed.notify_all();
        self.thread.take().is_some_and(|t| t.join().unwrap_or(false))
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_shows_only_after_the_delay() {
        let quick = Progress::start_on(Duration::from_millis(500), Some(ProgressDrawTarget::hidden()));
        assert!(!quick.finish(), "a build quicker than the delay shows nothing");
        let slow = Progress::start_on(Duration::from_millis(10), Some(ProgressDrawTarget::hidden()));
        std::thread::sleep(Duration::from_millis(100));
        slow.stage("writing 3 files".to_string());
        assert!(slow.finish(), "a slow build shows the spinner");
        let off = Progress::start(Duration::ZERO, false);
        std::thread::sleep(Duration::from_millis(20));
        assert!(!off.finish(), "never drawn when not asked to (not a terminal, --quiet)");
    }
}
