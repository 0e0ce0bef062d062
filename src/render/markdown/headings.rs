//! Headings in a text, moved below the level of the heading they are
//! placed under (the page's title is its only `h1`).

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};

use super::dialect::options;

/// A heading level as a number, 1 to 6.
pub(super) fn level_number(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn level_from(n: usize) -> HeadingLevel {
    match n {
        0 | 1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Maps the heading levels a text uses onto the levels below `parent`
/// without gaps: the text's highest heading becomes `parent + 1`, the next
/// level used `parent + 2`, and so on, so a page never skips a level
/// whatever the editor wrote (`#` or `##` alike).
pub(super) fn heading_map(markdown: &str, parent: usize) -> [HeadingLevel; 7] {
    let mut used = [false; 7];
    for event in Parser::new_ext(markdown, options()) {
        if let Event::Start(Tag::Heading { level, .. }) = event {
            used[level_number(level)] = true;
        }
    }
    let mut map = [HeadingLevel::H6; 7];
    let mut next = parent + 1;
    for (n, is_used) in used.iter().enumerate().skip(1) {
        map[n] = level_from(next);
        if *is_used {
            next += 1;
        }
    }
    map
}

/// Whether a text may have a heading, from its lines alone: a `#` anywhere
/// (ATX headings, also inside quotes and lists) or a line of only `=` or
/// only `-` (setext underlines, after any quote marks). Never false for a
/// text with a heading; a thematic break or a `#` in prose only costs a
/// parse.
pub(super) fn may_have_headings(markdown: &str) -> bool {
    markdown.contains('#')
        || markdown.lines().any(|line| {
            let rest = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace()).trim_end();
            !rest.is_empty() && (rest.bytes().all(|b| b == b'=') || rest.bytes().all(|b| b == b'-' || b == b' '))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The quick look for headings never misses one that the parser finds.
        #[test]
        fn heading_check_never_misses_a_heading(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "# ", "#", "=", "==", "-", "--", " ", "   ", "\n", "\n\n", "> ", ">", "text", "* ", "1. ", "\t", "`", "<h1>", "|",
        ]), 0..24)) {
            let text: String = pieces.concat();
            let has = Parser::new_ext(&text, options()).any(|e| matches!(e, Event::Start(Tag::Heading { .. })));
            proptest::prop_assert!(!has || may_have_headings(&text), "missed a heading in {:?}", text);
        }
    }
}
