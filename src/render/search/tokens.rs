//! Words and stems: how text becomes the terms of the index. `search.js`
//! does the same to a query (the same word rule, the same Snowball
//! algorithm), so that a word typed finds the word written.

use std::borrow::Cow;

use crate::vocab::Language;

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
    let bytes = text.as_bytes();
    // The word's first byte and its length in characters so far.
    let mut word: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII, most of the text, without decoding; other characters whole,
        // and å, ä, ö, é … (U+00C0 to U+00FF, letters but × and ÷) without
        // looking them up in Unicode's tables.
        let (is_letter, len) = match bytes[i] {
            b if b < 0x80 => (b.is_ascii_alphanumeric(), 1),
            _ => text[i..].chars().next().map_or((false, 1), |c| {
                let letter = match c {
                    '×' | '÷' => false,
                    'À'..='ÿ' => true,
                    c => c.is_alphanumeric(),
                };
                (letter, c.len_utf8())
            }),
        };
        match (&mut word, is_letter) {
            (Some((_, chars)), true) => *chars += 1,
            (None, true) => word = Some((i, 1)),
            (Some((start, chars)), false) => {
                if *chars <= MAX_WORD_CHARS {
                    each(&text[*start..i]);
                }
                word = None;
            }
            (None, false) => {}
        }
        i += len;
    }
    if let Some((start, chars)) = word
        && chars <= MAX_WORD_CHARS
    {
        each(&text[start..]);
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
        // Counted in characters, not bytes; at the end of the text too.
        let longest = "å".repeat(MAX_WORD_CHARS);
        assert_eq!(words(&format!("{longest}.{longest}")), [longest.clone(), longest]);
        assert_eq!(words("slut"), ["slut"]);
    }

    #[test]
    fn the_latin_1_letters_are_the_unicode_letters() {
        for c in 'À'..='ÿ' {
            let mut found = Vec::new();
            for_each_word(&c.to_string(), |w| found.push(w.to_string()));
            assert_eq!(found.len() == 1, c.is_alphanumeric(), "{c}");
        }
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
