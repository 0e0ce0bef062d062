//! The plain text of Markdown (descriptions, feed summaries) and cutting
//! text at a word.

use pulldown_cmark::{Event, Parser, TagEnd};

use super::dialect::options;

/// Plain text of a Markdown snippet (for descriptions and feeds): its text
/// and code, with every run of white space (line breaks and paragraph ends
/// included) made one space, trimmed.
pub fn to_plain_text(markdown: &str) -> String {
    plain_text(markdown, usize::MAX)
}

/// The start of [`to_plain_text`]: at most `chars` characters and one more
/// (so a caller can tell that it was cut), without reading further.
pub fn plain_text(markdown: &str, chars: usize) -> String {
    let mut text = PlainText::new(chars);
    for event in Parser::new_ext(markdown, options()) {
        if !text.take(&event) {
            break;
        }
    }
    text.out
}

/// Cuts text longer than `max` characters at the last space within them,
/// marking the cut with " …" (for descriptions and feed summaries).
pub fn truncate(text: &str, max: usize) -> String {
    // A text of at most `max` bytes has at most `max` characters.
    let end = if text.len() <= max { None } else { char_start(text, max) };
    match end {
        None => text.to_string(),
        Some(end) => {
            let cut = &text[..end];
            let cut = cut.rsplit_once(' ').map_or(cut, |(words, _)| words);
            [cut, " …"].concat()
        }
    }
}

/// The byte index where character `n` (counted from 0) of `text` starts.
fn char_start(text: &str, n: usize) -> Option<usize> {
    // A character starts at every byte that is not a UTF-8 continuation
    // byte (0b10xx_xxxx). Each round counts the starts in the next `left`
    // bytes, which cannot hold more than `left` characters; the count is
    // one the compiler does many bytes at a time.
    let bytes = text.as_bytes();
    let starts = |b: &u8| (*b as i8) >= -0x40;
    let (mut at, mut left): (usize, usize) = (0, n);
    while left > 0 {
        let end = at.checked_add(left).filter(|&e| e <= bytes.len())?;
        left -= bytes[at..end].iter().filter(|b| starts(b)).count();
        at = end + bytes[end..].iter().take_while(|b| !starts(b)).count();
    }
    (at < bytes.len()).then_some(at)
}

/// Collects the plain text of a stream of events, white space collapsed,
/// up to a number of characters (and one more).
#[derive(Default)]
pub(super) struct PlainText {
    /// The text collected so far.
    pub(super) out: String,
    chars: usize,
    limit: usize,
    space: bool,
}

impl PlainText {
    /// Collects up to `limit` characters and one more.
    pub(super) fn new(limit: usize) -> Self {
        PlainText { limit, ..PlainText::default() }
    }

    /// Takes one event; false once the text is long enough.
    pub(super) fn take(&mut self, event: &Event<'_>) -> bool {
        if self.chars > self.limit {
            return false;
        }
        match event {
            Event::Text(t) | Event::Code(t) => self.push(t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => self.space = true,
            _ => {}
        }
        self.chars <= self.limit
    }

    /// Appends `text` a word at a time: white space becomes one space
    /// before the next word, and characters stop once there are more than
    /// the limit (a word that starts within it gets at least its first).
    fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() && self.chars <= self.limit {
            let (len, white) = char_at(text, i);
            if white {
                self.space = true;
                i += len;
                continue;
            }
            if std::mem::take(&mut self.space) && !self.out.is_empty() {
                self.out.push(' ');
                self.chars += 1;
            }
            // The word's characters are taken while the count is within
            // the limit, and its first in any case.
            let room = self.limit.saturating_sub(self.chars).saturating_add(1);
            let (mut end, mut taken) = (i + len, 1);
            while end < bytes.len() && taken < room {
                let (len, white) = char_at(text, end);
                if white {
                    break;
                }
                end += len;
                taken += 1;
            }
            self.out.push_str(&text[i..end]);
            self.chars += taken;
            i = end;
        }
    }
}

/// The length of the character at byte `i` of `text` (a character
/// boundary) and whether it is white space, as [`char::is_whitespace`]
/// says; ASCII without decoding.
fn char_at(text: &str, i: usize) -> (usize, bool) {
    match text.as_bytes()[i] {
        b @ 0..0x80 => (1, matches!(b, b' ' | b'\t'..=b'\r')),
        _ => text[i..].chars().next().map_or((1, false), |c| (c.len_utf8(), c.is_whitespace())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain text collection as first written, one character at a
    /// time: what [`PlainText::push`] must agree with.
    fn push_char_by_char(p: &mut PlainText, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                p.space = true;
                continue;
            }
            if p.chars > p.limit {
                return;
            }
            if std::mem::take(&mut p.space) && !p.out.is_empty() {
                p.out.push(' ');
                p.chars += 1;
            }
            p.out.push(c);
            p.chars += 1;
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_text_word_by_word_is_char_by_char(
            pieces in proptest::collection::vec("[a-zåö \u{a0}\u{3000}\u{b}\n\t]{0,12}", 0..8),
            limit in 0usize..30,
        ) {
            let (mut fast, mut slow) = (PlainText::new(limit), PlainText::new(limit));
            for piece in &pieces {
                if fast.chars <= fast.limit {
                    fast.push(piece);
                }
                if slow.chars <= slow.limit {
                    push_char_by_char(&mut slow, piece);
                }
                proptest::prop_assert_eq!(&fast.out, &slow.out);
                proptest::prop_assert_eq!(fast.chars, slow.chars);
            }
        }

        #[test]
        fn truncate_counts_characters(text in "[a-zåäö€ ]{0,30}", max in 0usize..30) {
            let cut = truncate(&text, max);
            match text.char_indices().nth(max) {
                None => proptest::prop_assert_eq!(&cut, &text),
                Some((end, _)) => {
                    let words = text[..end].rsplit_once(' ').map_or(&text[..end], |(w, _)| w);
                    proptest::prop_assert_eq!(cut, format!("{words} …"));
                }
            }
        }
    }

    #[test]
    fn truncation_cuts_at_a_word() {
        assert_eq!(truncate("alfa beta gamma", 12), "alfa beta …");
        assert_eq!(truncate("kort", 12), "kort");
        assert_eq!(truncate("exakt tolv t", 12), "exakt tolv t");
        assert_eq!(truncate("åäö åäö åäö åäö", 9), "åäö åäö …");
        assert_eq!(truncate("ordutanmellanrum", 5), "ordut …");
    }
}
