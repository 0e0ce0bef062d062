//! `insyn check`: validate everything, write nothing.

use std::path::PathBuf;

use super::{EXIT_CONTENT, EXIT_OK, Verbosity, count};
use crate::diagnostics::stderr_wants_color;
use crate::{Options, compile};

/// Runs `insyn check` and returns the exit status.
pub fn run(root: PathBuf, strict: bool, drafts: bool, verbosity: Verbosity) -> i32 {
    // Drafts are validated either way; linking them as published would make
    // check count them in figures where build does not.
    let options = Options { root, strict, drafts, check_only: true, ..Options::default() };
    match compile(&options) {
        Ok(done) => {
            if !done.diagnostics.is_empty() {
                done.diagnostics.print(stderr_wants_color());
            }
            if verbosity != Verbosity::Quiet {
                let s = &done.site;
                eprintln!(
                    "Checked {}, {}, {} and {}: no errors",
                    count(s.records.len() + s.drafts.len(), "record", "records"),
                    count(s.services.len(), "service", "services"),
                    count(s.periods.len(), "period", "periods"),
                    count(s.pages.len(), "page", "pages"),
                );
            }
            EXIT_OK
        }
        Err(diags) => {
            diags.print(stderr_wants_color());
            EXIT_CONTENT
        }
    }
}
