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

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn safe_events<'a>(parser: Parser<'a>) -> impl Iterator<Item = Event<'a>> {
    parser.map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Event::Start(Tag::Heading { level: demote(level), id, classes, attrs })
        }
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
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

/// Renders a Markdown block (a body, a description) to HTML.
pub fn to_html(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2 + 16);
    html::push_html(&mut out, safe_events(Parser::new_ext(markdown, options())));
    out
}

/// Renders one line of inline Markdown (an action) without a wrapping `<p>`.
pub fn inline_to_html(markdown: &str) -> String {
    let html = to_html(markdown);
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

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("Hej <script>alert(1)</script> <b onclick=x>då</b>\n\n<iframe src=x></iframe>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<iframe"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn unsafe_links_are_neutralised() {
        let html = to_html(
            "[x](javascript:alert(1)) [y](JaVa\tScript:alert(1)) [z](https://ok.example/) [w](data:text/html,hi)",
        );
        assert!(!html.to_lowercase().contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("https://ok.example/"));
    }

    #[test]
    fn headings_are_demoted() {
        assert_eq!(to_html("# A").trim(), "<h2>A</h2>");
    }

    #[test]
    fn inline_has_no_paragraph() {
        assert_eq!(inline_to_html("Utökat *minne*"), "Utökat <em>minne</em>");
    }
}
