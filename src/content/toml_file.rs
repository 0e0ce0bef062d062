//! Parsing TOML text into toml's spanned table, reporting every syntax error.

use std::path::Path;

use toml::de::DeTable;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Parses `text` (which starts at byte `base` of `file`). On syntax errors,
/// reports all of them and returns `None`: a half-parsed table would only
/// add confusing follow-up errors.
pub fn parse<'t>(file: &Path, text: &'t str, base: usize, diags: &mut Diagnostics) -> Option<DeTable<'t>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(table.into_inner());
    }
    for e in errors {
        let span = e.span().map(|s| s.start + base..s.end + base);
        let message = e.message().trim().trim_end_matches('.').to_string();
        diags.push(Diagnostic::error(file, span, format!("this is not valid TOML: {message}")).with_help(
            "check quotes, `=` signs and brackets on this line; text values go in \"quotes\", dates and numbers do not",
        ));
    }
    None
}
