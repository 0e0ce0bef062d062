//! The start of a record's body as plain text: what its page's description
//! and its feed entry's summary show, made once by whoever asks first.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::markdown;
use crate::model::Site;

/// Per record, the start of its body as plain text (as
/// [`markdown::plain_text`] gives it), kept for the records that will be
/// asked for it twice.
///
/// A record's page parses the body anyway to make its HTML, and collects
/// the text in the same pass ([`BodyTexts::html_and_text`]); the feeds
/// then find the text of their entries made ([`BodyTexts::text`]). Asked
/// for first by a feed (the preview server renders files in any order), a
/// text is made from the body then. Either way the text is the same, so
/// the order only decides who pays for the parse: reading every body a
/// second time for the feeds took 4.5 % more instructions in a
/// 10 000-record build.
///
/// Only the records with a feed entry keep their text: a feed shows the
/// newest 50 records, so at 100 000 records nine in ten have none, and
/// collecting 400 characters for every record instead of 200 cost 0.4 s
/// of CPU there.
pub struct BodyTexts {
    /// Characters of text kept (and one more, to tell that it was cut).
    chars: usize,
    /// Per record, `Some` when its text is kept: then the text, once made.
    kept: Vec<Option<OnceLock<String>>>,
}

impl BodyTexts {
    /// Keeps `chars` characters of text for each record of `site` listed
    /// in `kept` (indexes into `site.records`).
    pub fn new(site: &Site, chars: usize, kept: &[usize]) -> BodyTexts {
        let mut cells: Vec<Option<OnceLock<String>>> = (0..site.records.len()).map(|_| None).collect();
        for &i in kept {
            cells[i] = Some(OnceLock::new());
        }
        BodyTexts { chars, kept: cells }
    }

    /// Record `i`'s body as HTML (its headings under level `parent`, on the
    /// page `cx` describes) and
    /// the start of its plain text, at least `chars` characters of it:
    /// one parse gives both, and keeps the text when record `i`'s is kept.
    pub fn html_and_text(
        &self,
        site: &Site,
        i: usize,
        parent: usize,
        chars: usize,
        cx: &markdown::Context<'_>,
    ) -> (String, Cow<'_, str>) {
        let body = &site.records[i].body;
        let Some(cell) = self.cell(i).filter(|_| chars <= self.chars) else {
            let (html, text) = markdown::to_html_and_text(body, parent, chars, cx);
            return (html, Cow::Owned(text));
        };
        let mut html = None;
        let text = cell.get_or_init(|| {
            let (h, text) = markdown::to_html_and_text(body, parent, chars.max(self.chars), cx);
            html = Some(h);
            text
        });
        (html.unwrap_or_else(|| markdown::to_html(body, parent, cx)), Cow::Borrowed(text))
    }

    /// The start of record `i`'s body as plain text: the number of
    /// characters given to [`BodyTexts::new`], and one more when it was cut.
    pub fn text(&self, site: &Site, i: usize) -> Cow<'_, str> {
        let read = || markdown::plain_text(&site.records[i].body, self.chars);
        match self.cell(i) {
            Some(cell) => Cow::Borrowed(cell.get_or_init(read)),
            None => Cow::Owned(read()),
        }
    }

    fn cell(&self, i: usize) -> Option<&OnceLock<String>> {
        self.kept.get(i)?.as_ref()
    }
}
