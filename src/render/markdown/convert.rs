//! Markdown to HTML and plain text: the entry points, which put the safe
//! events, the heading levels and the sanitiser together.

use pulldown_cmark::{HeadingLevel, html};

use super::context::Context;
use super::events::SafeEvents;
use super::headings::{heading_map, may_have_headings};
use super::plain::PlainText;
use super::sanitiser::sanitise;

/// Renders a Markdown block (a body, a description) to HTML placed under a
/// heading of level `parent` (1 directly under the page's `h1`), on the
/// page `cx` describes.
pub fn to_html(markdown: &str, parent: usize, cx: &Context<'_>) -> String {
    to_html_and_text(markdown, parent, 0, cx).0
}

/// [`to_html`], and in the same pass the start of the text's plain text (as
/// [`plain_text`](super::plain_text) gives it) up to `text_chars` characters and one more, so
/// that a cut can be marked: a page's description costs no second parse.
pub fn to_html_and_text(markdown: &str, parent: usize, text_chars: usize, cx: &Context<'_>) -> (String, String) {
    let mut out = String::with_capacity(markdown.len() * 3 / 2 + 16);
    let map = if may_have_headings(markdown) { heading_map(markdown, parent) } else { [HeadingLevel::H6; 7] };
    let taken = cx.taken();
    let mut events = SafeEvents::new(markdown, map, false, cx);
    events.text = PlainText::new(text_chars);
    html::push_html(&mut out, &mut events);
    let text = std::mem::take(&mut events.text.out);
    if events.raw_nesting.too_deep {
        // Raw HTML nested deeper than any report needs: shown as text.
        out.clear();
        cx.release(taken);
        html::push_html(&mut out, SafeEvents::new(markdown, map, true, cx));
        return (out, text);
    }
    // Without raw HTML the output is pulldown-cmark's, from vetted events:
    // text and attribute values escaped, URLs checked, no element nested
    // deeper than MAX_NESTING. Only raw HTML needs (and pays for) the
    // sanitiser.
    (if events.raw_html { sanitise(&out) } else { out }, text)
}

/// Renders one line of inline Markdown (an action) without a wrapping `<p>`.
pub fn inline_to_html(markdown: &str, cx: &Context<'_>) -> String {
    let html = to_html(markdown, 5, cx);
    let trimmed = html.trim_end();
    match trimmed.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}
