//! `insyn import FILE --period ID [--write]`: counts the period's incidents
//! in an incident-management system's export and drafts records for its
//! major and personal-data incidents. A dry run unless `--write`.

use std::path::PathBuf;

use super::{EXIT_CONTENT, EXIT_OK, EXIT_USAGE, Verbosity};
use crate::diagnostics::stderr_wants_color;
use crate::import::{self, Failure, Request};

/// Everything `insyn import` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportArgs {
    /// The site root.
    pub root: PathBuf,
    /// The export file.
    pub file: PathBuf,
    /// The period id.
    pub period: String,
    /// Write the changes (else only show them).
    pub write: bool,
    /// How much to print.
    pub verbosity: Verbosity,
}

/// Runs `insyn import`; returns the exit status.
pub fn run(args: ImportArgs) -> i32 {
    let request = Request { root: args.root.clone(), file: args.file, period: args.period };
    let plan = match import::plan(&request) {
        Ok(plan) => plan,
        Err(Failure::Usage(message, help)) => {
            eprintln!("error: {message}\n  help: {help}");
            eprintln!("Nothing was written.");
            return EXIT_USAGE;
        }
        Err(Failure::Content(diags)) => {
            diags.print(stderr_wants_color());
            eprintln!("Nothing was written.");
            return EXIT_CONTENT;
        }
        Err(Failure::ContentMessage(message)) => {
            eprintln!("error: {message}");
            eprintln!("Nothing was written.");
            return EXIT_CONTENT;
        }
    };
    let written = if args.write {
        match import::apply(&plan, &args.root) {
            Ok(files) => Some(files),
            Err(message) => {
                eprintln!("error: {message}");
                return EXIT_USAGE;
            }
        }
    } else {
        None
    };
    if args.verbosity != Verbosity::Quiet {
        print!("{}", import::report::render(&plan, written.as_deref()));
    }
    EXIT_OK
}
