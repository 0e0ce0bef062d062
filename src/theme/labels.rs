//! The theme's words and the number style of the site's language, together:
//! what charts and pages format values with.

use super::i18n::I18n;
use crate::text::number::{NumberStyle, format_int};
use crate::vocab::Language;

/// Everything that formats values for one language.
pub struct Labels<'a> {
    /// UI strings.
    pub i18n: &'a I18n,
    /// Number style.
    pub numbers: NumberStyle,
}

impl<'a> Labels<'a> {
    /// For a site's language.
    pub fn new(i18n: &'a I18n, language: Language) -> Self {
        let numbers = match language {
            Language::Sv => NumberStyle::Swedish,
            Language::En => NumberStyle::English,
        };
        Labels { i18n, numbers }
    }

    /// A count as readers write it.
    pub fn count(&self, n: u64) -> String {
        format_int(i64::try_from(n).unwrap_or(i64::MAX), self.numbers)
    }
}
