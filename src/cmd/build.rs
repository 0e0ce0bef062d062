//! `insyn build`: compile the site and write it to the output folder.

use std::path::PathBuf;
use std::time::Instant;

use super::{EXIT_CONTENT, EXIT_OK, EXIT_USAGE, Verbosity, count};
use crate::diagnostics::stderr_wants_color;
use crate::output::{self, WriteError, guard};
use crate::{Options, compile};

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
    let done = match compile(&options) {
        Ok(done) => done,
        Err(diags) => {
            diags.print(stderr_wants_color());
            eprintln!("Nothing was written; the previous output is unchanged.");
            return EXIT_CONTENT;
        }
    };
    if !done.diagnostics.is_empty() && args.verbosity != Verbosity::Quiet {
        done.diagnostics.print(stderr_wants_color());
    }
    let write_started = Instant::now();
    if let Err(e) = output::write_atomic(&output, &done.files) {
        eprintln!("error: {e}");
        if matches!(e, WriteError::Io(_)) {
            eprintln!("The previous output is unchanged.");
        }
        return EXIT_USAGE;
    }
    let write_time = write_started.elapsed();
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
            "  load {:.3} s, validate {:.3} s, render {:.3} s, write {:.3} s; {} files in {}",
            t.load.as_secs_f64(),
            t.validate.as_secs_f64(),
            t.render.as_secs_f64(),
            write_time.as_secs_f64(),
            done.files.len(),
            output.display()
        );
    }
    EXIT_OK
}
