//! Words and stems: how text becomes the terms of the index. `search.js`
//! does the same to a query (the same word rule, the same Snowball
//! algorithm), so that a word typed finds the word written.

use std::borrow::Cow;

use crate::model::entities::Language;

/// Longer runs of letters and digits (pasted identifiers, long numbers)
/// are left out of the index: nobody types them as search words.
pub const MAX_WORD_CHARS: usize = 40;

/// Calls `each` with every word of `text` as written: a run of Unicode
/// letters and digits (`char::is_alphanumeric`, what
/// `[\p{Alphabetic}\p{N}]+` matches in JavaScript). Swedish å, ä and ö are
/// letters like any other; a hyphen or a slash ends a word (`Agresso/Unit4`
/// is `Agresso`, `Unit4`). [`lowercase`] comes next; the two are apart so
/// that a caller can remember what it made of a word it has seen before.
pub fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                start = None;
                let word = &text[s..i];
                if word.chars().nth(MAX_WORD_CHARS).is_none() {
                    each(word);
                }
            }
            _ => {}
        }
    }
}

/// A word in lower case, as `String.prototype.toLowerCase` makes it (both
/// follow Unicode's full case mapping, the final sigma included).
pub fn lowercase(word: &str) -> Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// The Snowball stemmer of a site's language (Swedish for `sv`, English
/// for `en`), from the `rust-stemmers` crate. `search.js` stems queries
/// with the same algorithm (`snowball-stemmers.js`); a test stems the
/// example site's words with both and compares.
pub struct WordStemmer(rust_stemmers::Stemmer);

impl WordStemmer {
    /// The stemmer for `language`.
    pub fn new(language: Language) -> WordStemmer {
        WordStemmer(rust_stemmers::Stemmer::create(match language {
            Language::Sv => rust_stemmers::Algorithm::Swedish,
            Language::En => rust_stemmers::Algorithm::English,
        }))
    }

    /// The stem of a lowercased word: `personuppgifterna` → `personuppgift`.
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        self.0.stem(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(text, |w| out.push(lowercase(w).into_owned()));
        out
    }

    #[test]
    fn words_are_lowercased_runs_of_letters_and_digits() {
        assert_eq!(
            words("Agresso/Unit4 (UBW): Citrix-skrivbordet"),
            ["agresso", "unit4", "ubw", "citrix", "skrivbordet"]
        );
        assert_eq!(words("Ärendet ÖPPNADES 4G-nätet"), ["ärendet", "öppnades", "4g", "nätet"]);
        assert_eq!(words(""), Vec::<String>::new());
        assert_eq!(words("—  "), Vec::<String>::new());
        let long = "a".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(words(&format!("kort {long} ord")), ["kort", "ord"]);
    }

    #[test]
    fn stems_follow_the_site_language() {
        let sv = WordStemmer::new(Language::Sv);
        assert_eq!(sv.stem("personuppgifter"), "personuppgift");
        assert_eq!(sv.stem("personuppgiften"), "personuppgift");
        let en = WordStemmer::new(Language::En);
        assert_eq!(en.stem("outages"), "outag");
        assert_eq!(en.stem("outage"), "outag");
    }
}
