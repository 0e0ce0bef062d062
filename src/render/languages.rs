//! Words of another language inside the page's language, marked up with
//! `lang` so that screen readers pronounce them in that language (WCAG 2.1
//! success criterion 3.1.2, Language of Parts).
//!
//! Which words those are is theme data, not code: the i18n file of the
//! site's language lists them under `[other_languages]`, by language tag
//! (the Swedish strings use the English "major incident"). Templates apply
//! the `mark_lang` filter to text that may contain such a word; every
//! occurrence becomes `<span lang="en">major incident</span>`.

use std::collections::BTreeMap;

/// The words to mark, longest first so that "major incidents" wins over
/// "major incident".
#[derive(Debug, Clone, Default)]
pub struct ForeignTerms {
    /// `(term, language tag)`, longest term first.
    terms: Vec<(Vec<char>, String)>,
    /// The first letters of the terms, lower case: a word starting with
    /// any other letter is passed over at once.
    firsts: Vec<char>,
    /// When every first letter is ASCII: which bytes start a term (both
    /// cases), so that text is scanned byte by byte.
    first_bytes: Option<[bool; 256]>,
    /// Those bytes, when there are at most three (one letter in both
    /// cases, as in the default theme): then text is searched for them
    /// with `memchr`, many bytes at a time.
    few_first_bytes: Vec<u8>,
}

impl ForeignTerms {
    /// From the `[other_languages]` table of an i18n file: language tag →
    /// words. Empty words and tags that are not language tags are left out
    /// (i18n parsing rejects such tags before this).
    pub fn new(by_language: &BTreeMap<String, Vec<String>>) -> Self {
        let mut terms: Vec<(Vec<char>, String)> = by_language
            .iter()
            .filter(|(tag, _)| crate::theme::i18n::is_language_tag(tag))
            .flat_map(|(tag, words)| {
                words
                    .iter()
                    .map(|w| w.trim())
                    .filter(|w| !w.is_empty())
                    .map(move |w| (w.chars().collect::<Vec<char>>(), tag.clone()))
            })
            .collect();
        terms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        terms.dedup_by(|a, b| a.0 == b.0);
        let mut firsts: Vec<char> = terms.iter().filter_map(|(t, _)| t.first().map(|&c| lower(c))).collect();
        firsts.sort_unstable();
        firsts.dedup();
        let first_bytes = firsts.iter().all(char::is_ascii).then(|| {
            let mut table = [false; 256];
            for c in &firsts {
                table[c.to_ascii_lowercase() as usize] = true;
                table[c.to_ascii_uppercase() as usize] = true;
            }
            table
        });
        let few_first_bytes = first_bytes
            .map(|table| (0..=255u8).filter(|&b| table[usize::from(b)]).collect::<Vec<u8>>())
            .filter(|bytes| bytes.len() <= 3)
            .unwrap_or_default();
        ForeignTerms { terms, firsts, first_bytes, few_first_bytes }
    }

    /// Whether there is nothing to mark.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Calls `run` for each run of plain text, in order: words of another
    /// language with their language tag, and the text between them with
    /// `None`. Matching ignores case and only takes whole words ("major
    /// incidents" is not found in "major incidentsrapport").
    pub fn for_each_run<'a>(&'a self, text: &'a str, mut run: impl FnMut(&'a str, Option<&'a str>)) {
        if self.terms.is_empty() {
            if !text.is_empty() {
                run(text, None);
            }
            return;
        }
        let mut plain_from = 0;
        // Where matching may start again (after a match).
        let mut from = 0;
        let mut try_at = |i: usize, run: &mut dyn FnMut(&'a str, Option<&'a str>)| {
            if i < from || text[..i].chars().next_back().is_some_and(char::is_alphanumeric) {
                return;
            }
            if let Some((end, tag)) = self.match_at(text, i) {
                if plain_from < i {
                    run(&text[plain_from..i], None);
                }
                run(&text[i..end], Some(tag));
                plain_from = end;
                from = end;
            }
        };
        let bytes = text.as_bytes();
        match (&self.first_bytes, self.few_first_bytes.as_slice()) {
            // Cheapest test first: most letters start no term. An ASCII
            // byte is always a whole character.
            (Some(_), &[a]) => memchr::memchr_iter(a, bytes).for_each(|i| try_at(i, &mut run)),
            (Some(_), &[a, b]) => memchr::memchr2_iter(a, b, bytes).for_each(|i| try_at(i, &mut run)),
            (Some(_), &[a, b, c]) => memchr::memchr3_iter(a, b, c, bytes).for_each(|i| try_at(i, &mut run)),
            (Some(table), _) => {
                for (i, b) in text.bytes().enumerate() {
                    if table[b as usize] {
                        try_at(i, &mut run);
                    }
                }
            }
            (None, _) => {
                for (i, c) in text.char_indices() {
                    if self.firsts.contains(&lower(c)) {
                        try_at(i, &mut run);
                    }
                }
            }
        }
        if plain_from < text.len() {
            run(&text[plain_from..], None);
        }
    }

    /// The longest term starting at byte `start` of `text` that ends at a
    /// word boundary: its end and language tag.
    fn match_at(&self, text: &str, start: usize) -> Option<(usize, &str)> {
        let rest = &text[start..];
        'terms: for (term, tag) in &self.terms {
            let mut chars = rest.char_indices();
            for want in term {
                match chars.next() {
                    Some((_, got)) if same_letter(got, *want) => {}
                    _ => continue 'terms,
                }
            }
            let end = chars.clone().next().map_or(rest.len(), |(j, _)| j);
            if chars.next().is_some_and(|(_, c)| c.is_alphanumeric()) {
                continue;
            }
            return Some((start + end, tag));
        }
        None
    }

    /// Plain text to HTML, appended to `out`: every run escaped by
    /// `escape`, words of another language wrapped in `<span lang="…">`.
    pub fn mark_text_into(&self, text: &str, out: &mut String, mut escape: impl FnMut(&str, &mut String)) {
        self.for_each_run(text, |run, tag| match tag {
            Some(tag) => {
                out.push_str("<span lang=\"");
                out.push_str(tag);
                out.push_str("\">");
                escape(run, out);
                out.push_str("</span>");
            }
            None => escape(run, out),
        });
    }

    /// Plain text as the `mark_lang` filter writes it in an HTML template:
    /// escaped, words of another language wrapped in `<span lang>`, as a
    /// value the template writes as it is. Views make it once for text
    /// that many pages show (a record's title in every list it is in).
    pub fn marked_value(&self, text: &str) -> tera::Value {
        let mut html = String::with_capacity(text.len() + 16);
        self.mark_text_into(text, &mut html, crate::text::escape::html_into);
        tera::Value::safe_string(&html)
    }

    /// An HTML fragment (as insyn writes it: tags closed, text escaped) with
    /// the words of another language in its text wrapped in `<span lang>`.
    /// Tags, attribute values and comments are copied unchanged.
    pub fn mark_html(&self, html: &str) -> String {
        if self.terms.is_empty() {
            return html.to_string();
        }
        let mut out = String::with_capacity(html.len() + 16);
        let mut rest = html;
        while !rest.is_empty() {
            let text_end = memchr::memchr(b'<', rest.as_bytes()).unwrap_or(rest.len());
            let (text, after) = rest.split_at(text_end);
            self.mark_text_into(text, &mut out, |run, out| out.push_str(run));
            if after.is_empty() {
                break;
            }
            let tag_end = if after.starts_with("<!--") {
                after.find("-->").map_or(after.len(), |e| e + 3)
            } else {
                tag_length(after)
            };
            out.push_str(&after[..tag_end]);
            rest = &after[tag_end..];
        }
        out
    }
}

/// The length of the tag at the start of `html` (which starts with `<`),
/// up to and including its `>`; a `>` inside a quoted attribute value does
/// not end it (sanitisers leave `>` unescaped there).
fn tag_length(html: &str) -> usize {
    // Quotes and `>` are ASCII, so bytes can be compared one by one.
    let mut quote: Option<u8> = None;
    for (i, &b) in html.as_bytes().iter().enumerate() {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return i + 1,
            (None, _) => {}
        }
    }
    html.len()
}

/// A character in lower case (its first lower-case character where
/// lowering gives several).
fn lower(c: char) -> char {
    if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) }
}

/// Case-insensitive comparison of two characters.
fn same_letter(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> ForeignTerms {
        let mut m = BTreeMap::new();
        m.insert("en".to_string(), vec!["major incident".to_string(), "major incidents".to_string()]);
        ForeignTerms::new(&m)
    }

    fn plain(t: &ForeignTerms, s: &str) -> String {
        let mut out = String::new();
        t.mark_text_into(s, &mut out, |x, out| out.push_str(&x.replace('&', "&amp;").replace('<', "&lt;")));
        out
    }

    #[test]
    fn marks_whole_words_ignoring_case_longest_first() {
        let t = terms();
        assert_eq!(plain(&t, "Major incident"), "<span lang=\"en\">Major incident</span>");
        assert_eq!(
            plain(&t, "Sju major incidents & en incident."),
            "Sju <span lang=\"en\">major incidents</span> &amp; en incident."
        );
        assert_eq!(
            plain(&t, "Major incidents: 4, major incident."),
            "<span lang=\"en\">Major incidents</span>: 4, <span lang=\"en\">major incident</span>."
        );
        assert_eq!(plain(&t, "major incidentrapport"), "major incidentrapport");
        assert_eq!(plain(&t, "ej-major incident"), "ej-<span lang=\"en\">major incident</span>");
        assert_eq!(plain(&t, "xmajor incident"), "xmajor incident");
        assert_eq!(plain(&t, "Incidenter <b>"), "Incidenter &lt;b>");
    }

    #[test]
    fn every_way_of_finding_first_letters_marks_the_same() {
        // One first letter (memchr2 over both cases), four (a table) and a
        // non-ASCII one (character by character).
        let text = "Major incident, Beta och Gamma, sedan delta och Åtgärd: major incidents.";
        let tagged = |words: &[&str]| {
            let mut m = BTreeMap::new();
            m.insert("en".to_string(), words.iter().map(|w| w.to_string()).collect());
            plain(&ForeignTerms::new(&m), text)
        };
        let one = tagged(&["major incident", "major incidents"]);
        assert_eq!(one.matches("<span lang=\"en\">").count(), 2, "{one}");
        let four = tagged(&["major incident", "major incidents", "beta", "gamma", "delta"]);
        assert_eq!(four.matches("<span lang=\"en\">").count(), 5, "{four}");
        let non_ascii = tagged(&["major incident", "major incidents", "åtgärd"]);
        assert_eq!(non_ascii.matches("<span lang=\"en\">").count(), 3, "{non_ascii}");
        assert!(non_ascii.contains("<span lang=\"en\">Åtgärd</span>"), "{non_ascii}");
    }

    #[test]
    fn html_marks_text_only() {
        let t = terms();
        assert_eq!(
            t.mark_html(
                "<p title=\"major incident\">En <strong>major incident</strong> i april.<!-- major incident --></p>"
            ),
            "<p title=\"major incident\">En <strong><span lang=\"en\">major incident</span></strong> i april.<!-- major incident --></p>"
        );
        assert_eq!(
            t.mark_html("<a title=\"a > major incident\" href='x>y'>major incident</a>"),
            "<a title=\"a > major incident\" href='x>y'><span lang=\"en\">major incident</span></a>"
        );
    }

    #[test]
    fn non_ascii_letters_and_no_terms() {
        let mut m = BTreeMap::new();
        m.insert("sv".to_string(), vec!["Integritetsskyddsmyndigheten".to_string(), "  ".to_string()]);
        m.insert("bad tag".to_string(), vec!["x".to_string()]);
        let t = ForeignTerms::new(&m);
        assert_eq!(
            plain(&t, "INTEGRITETSSKYDDSMYNDIGHETEN."),
            "<span lang=\"sv\">INTEGRITETSSKYDDSMYNDIGHETEN</span>."
        );
        assert_eq!(plain(&t, "x y"), "x y");
        assert_eq!(plain(&ForeignTerms::default(), "Major incident"), "Major incident");
    }
}
