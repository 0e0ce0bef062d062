//! The theme: its files (the built-in default theme, overridden file by file
//! by a site's `themes/<name>/`), and its strings and URL words for the
//! site's language. Read from disk like the content, before anything is
//! checked: the URL words decide where pages go.

pub mod files;
pub mod i18n;
pub mod labels;

use std::path::Path;

pub use files::Theme;
pub use i18n::I18n;
pub use labels::Labels;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::vocab::Language;

/// Reads the theme's strings for the site's language.
pub fn load_i18n(language: Language, theme: &Theme, diags: &mut Diagnostics) -> Option<I18n> {
    let lang = language.code();
    let i18n_path = format!("i18n/{lang}.toml");
    let Some(i18n_file) = theme.get(&i18n_path) else {
        diags.push(
            Diagnostic::error(Path::new("themes"), None, format!("the theme has no {i18n_path}"))
                .with_help("copy it from themes/default/ and translate it"),
        );
        return None;
    };
    let i18n = match std::str::from_utf8(&i18n_file.bytes).map_err(|e| e.to_string()).and_then(I18n::parse) {
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
