//! Markdown to HTML for bodies, descriptions and actions.
//!
//! Raw HTML written in Markdown never becomes live markup: it is shown as
//! text. Links and images may only use safe schemes. Headings in a body are
//! moved one level down, because the page's title is its only `h1`.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// Whether a link target is safe to put in `href`/`src`: a relative path, a
/// fragment, or http(s)/mailto.
pub fn is_safe_url(url: &str) -> bool {
    let lower: String =
        url.trim().chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &lower[..colon];
            // A colon after a / ? or # is part of a path, not a scheme.
            if scheme.contains(['/', '?', '#']) {
                return true;
            }
            matches!(scheme, "http" | "https" | "mailto")
        }
    }
}

fn level_number(level: HeadingLevel) -> usize {
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
fn heading_map(markdown: &str, parent: usize) -> [HeadingLevel; 7] {
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

fn safe_events<'a>(parser: Parser<'a>, map: [HeadingLevel; 7]) -> impl Iterator<Item = Event<'a>> {
    parser.map(move |event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Event::Start(Tag::Heading { level: map[level_number(level)], id, classes, attrs })
        }
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(map[level_number(level)])),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) if !is_safe_url(&dest_url) => {
            Event::Start(Tag::Link {
                link_type: if link_type == LinkType::Email { LinkType::Inline } else { link_type },
                dest_url: CowStr::Borrowed("#"),
                title,
                id,
            })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) if !is_safe_url(&dest_url) => {
            Event::Start(Tag::Image { link_type, dest_url: CowStr::Borrowed(""), title, id })
        }
        other => other,
    })
}

/// Renders a Markdown block (a body, a description) to HTML placed under a
/// heading of level `parent` (1 directly under the page's `h1`).
pub fn to_html(markdown: &str, parent: usize) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2 + 16);
    let map = if markdown.contains('#') || markdown.contains("\n=") || markdown.contains("\n-") {
        heading_map(markdown, parent)
    } else {
        [HeadingLevel::H6; 7]
    };
    html::push_html(&mut out, safe_events(Parser::new_ext(markdown, options()), map));
    out
}

/// Renders one line of inline Markdown (an action) without a wrapping `<p>`.
pub fn inline_to_html(markdown: &str) -> String {
    let html = to_html(markdown, 5);
    let trimmed = html.trim_end();
    match trimmed.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// Plain text of a Markdown snippet (for descriptions and feeds).
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_html_test(markdown: &str) -> String {
        to_html(markdown, 1)
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html_test("Hej <script>alert(1)</script> <b onclick=x>då</b>\n\n<iframe src=x></iframe>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<iframe"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn unsafe_links_are_neutralised() {
        let html = to_html_test(
            "[x](javascript:alert(1)) [y](JaVa\tScript:alert(1)) [z](https://ok.example/) [w](data:text/html,hi)",
        );
        assert!(!html.to_lowercase().contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("https://ok.example/"));
    }

    #[test]
    fn headings_fit_under_their_parent_without_gaps() {
        assert_eq!(to_html("# A", 1).trim(), "<h2>A</h2>");
        assert_eq!(to_html("## A", 1).trim(), "<h2>A</h2>");
        assert_eq!(to_html("## A\n\n#### B\n\n## C", 2), "<h3>A</h3>\n<h4>B</h4>\n<h3>C</h3>\n");
        assert_eq!(to_html("Text\n---\n", 1).trim(), "<h2>Text</h2>");
    }

    #[test]
    fn inline_has_no_paragraph() {
        assert_eq!(inline_to_html("Utökat *minne*"), "Utökat <em>minne</em>");
    }
}
