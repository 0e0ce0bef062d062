//! The personal-data guard as a file rule: scans a file's whole text (TOML
//! strings, comments and Markdown body alike) and reports what it finds,
//! masked, with its position.

use std::path::Path;

use super::privacy::{mask, scan};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Reports every personal-data look-alike in `text` that `allow` does not list.
pub fn check_file(file: &Path, text: &str, allow: &[String], diags: &mut Diagnostics) {
    for finding in scan(text, allow) {
        let Some(value) = text.get(finding.range.clone()) else { continue };
        diags.push(
            Diagnostic::error(
                file,
                Some(finding.range.clone()),
                format!("this looks like personal data: {}, {}", finding.kind.describe(), mask(value)),
            )
            .with_help(
                "a public report must not contain personal data: remove it or write it in general terms (\"a member of staff\"); if it is not personal data (a shared service address, say), add the exact text to [privacy] allow in site.toml",
            ),
        );
        diags.redact(file, text, finding.range);
    }
}
