//! Raw HTML written in Markdown, sanitised with [ammonia] to a small
//! allowlist, and the estimate of how deep it nests.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::CowStr;

use super::urls::{is_local_url, is_safe_url};
use crate::layout::anchors;

/// The elements raw HTML may use: what pulldown-cmark emits for Markdown
/// (never `h1`), plus a few inline elements editors write by hand.
pub const ALLOWED_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements removed together with everything inside them: what runs code,
/// embeds another document, styles the page, or takes input.
const REMOVED_WITH_CONTENT: &[&str] = &[
    "applet",
    "audio",
    "button",
    "canvas",
    "embed",
    "form",
    "frame",
    "frameset",
    "iframe",
    "math",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "plaintext",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
    "title",
    "video",
    "xmp",
];

/// Attributes allowed on one element (besides `lang` on every element and
/// the classes of [`ALLOWED_CLASSES`]).
pub(super) const ALLOWED_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "title"]),
    ("abbr", &["title"]),
    ("div", &["id"]),
    ("h2", &["id"]),
    ("h3", &["id"]),
    ("h4", &["id"]),
    ("h5", &["id"]),
    ("h6", &["id"]),
    ("img", &["src", "alt", "title"]),
    ("ol", &["start"]),
];

/// Classes allowed on one element: table-cell alignment and footnotes.
pub(super) const ALLOWED_CLASSES: &[(&str, &[&str])] = &[
    ("div", &["footnote-definition"]),
    ("sup", &["footnote-reference", "footnote-definition-label"]),
    ("td", &["align-left", "align-center", "align-right"]),
    ("th", &["align-left", "align-center", "align-right"]),
];

/// The prefix of every id a text may put on the page (footnotes).
const ID_PREFIX: &str = "fn-";

/// The sanitiser, built once: it is on the path of every text with raw HTML.
static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(ALLOWED_TAGS.iter().copied().collect())
        .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(HashSet::from(["lang"]))
        .tag_attributes(ALLOWED_ATTRIBUTES.iter().map(|(tag, attrs)| (*tag, attrs.iter().copied().collect())).collect())
        .allowed_classes(
            ALLOWED_CLASSES.iter().map(|(tag, classes)| (*tag, classes.iter().copied().collect())).collect(),
        )
        .tag_attribute_values(HashMap::new())
        .set_tag_attribute_values(HashMap::new())
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(filter_attribute);
    builder
});

/// The checks ammonia cannot express with lists: the same URL rules as for
/// Markdown, footnote and heading ids only, numeric list starts.
fn filter_attribute<'a>(element: &str, attribute: &str, value: &'a str) -> Option<Cow<'a, str>> {
    let keep = match (element, attribute) {
        ("a", "href") => is_safe_url(value),
        ("img", "src") => is_local_url(value),
        // Headings keep the ids the Markdown gave them: never one of the theme's.
        ("h2" | "h3" | "h4" | "h5" | "h6", "id") => !anchors::is_reserved(value),
        (_, "id") => value.starts_with(ID_PREFIX),
        ("ol", "start") => value.trim().parse::<i64>().is_ok(),
        _ => true,
    };
    keep.then_some(Cow::Borrowed(value))
}

/// The deepest raw HTML elements may nest in one text before its raw HTML
/// is shown as text instead of sanitised (see [`MAX_NESTING`](super::MAX_NESTING)).
pub const MAX_RAW_NESTING: usize = 64;

/// Elements that never have content (their start tag opens nothing).
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];

/// An estimate of how deep raw HTML nests, from its tags alone: a start tag
/// opens an element (unless void), an end tag closes the innermost open
/// element of its name and everything inside it. An HTML parser closes at
/// least as much (it also closes elements implicitly), so the estimate is
/// never below the real depth of what the raw tags open.
#[derive(Default)]
pub(super) struct RawNesting {
    open: Vec<String>,
    /// Whether the raw HTML nested deeper than [`MAX_RAW_NESTING`].
    pub(super) too_deep: bool,
}

impl RawNesting {
    /// Reads the tags of one piece of raw HTML.
    pub(super) fn feed(&mut self, html: &str) {
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            rest = &rest[lt + 1..];
            let (closing, after) = match rest.strip_prefix('/') {
                Some(r) => (true, r),
                None => (false, rest),
            };
            let len = after.find(|c: char| !c.is_ascii_alphanumeric() && c != '-').unwrap_or(after.len());
            if len == 0 || !after.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            let name = after[..len].to_ascii_lowercase();
            if closing {
                if let Some(at) = self.open.iter().rposition(|n| *n == name) {
                    self.open.truncate(at);
                }
            } else if !VOID.contains(&name.as_str()) {
                self.open.push(name);
                if self.open.len() > MAX_RAW_NESTING {
                    self.too_deep = true;
                    self.open.clear();
                }
            }
            rest = &after[len..];
        }
    }
}

/// A footnote label as an id: `fn-` and the label with every character
/// outside `[A-Za-z0-9-]` written as `_` and its code point, so that
/// different labels stay different and the id has no spaces or quotes.
pub(super) fn footnote_id(label: &str) -> CowStr<'static> {
    let mut id = String::with_capacity(ID_PREFIX.len() + label.len());
    id.push_str(ID_PREFIX);
    for c in label.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            id.push(c);
        } else {
            id.push_str(&format!("_{:x}", u32::from(c)));
        }
    }
    CowStr::from(id)
}

/// Sanitises HTML to the allowlist (see the module documentation): what
/// [`to_html`](super::to_html) does to a text with raw HTML. Every `<img>` left has a
/// `src` on this site and an `alt` (empty when the editor wrote none).
pub fn sanitise(html: &str) -> String {
    let clean = SANITISER.clean(html).to_string();
    if clean.contains("<img") { fix_images(&clean) } else { clean }
}

/// Removes images without `src` (their URL was refused) and gives every
/// other image an `alt`. Works on ammonia's serialisation, where `<` and `>`
/// only ever delimit tags (they are escaped in text and attribute values)
/// and every attribute value is double-quoted.
fn fix_images(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(start) = rest.find("<img") {
        out.push_str(&rest[..start]);
        let tag_len = rest[start..].find('>').map_or(rest.len() - start, |e| e + 1);
        let tag = &rest[start..start + tag_len];
        rest = &rest[start + tag_len..];
        if !matches!(tag.as_bytes().get(4), Some(b' ' | b'>' | b'/')) {
            out.push_str(tag);
            continue;
        }
        if !tag.contains(" src=\"") {
            continue;
        }
        if tag.contains(" alt=\"") {
            out.push_str(tag);
        } else {
            out.push_str(tag.trim_end_matches('>'));
            out.push_str(" alt=\"\">");
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_nesting_estimate() {
        let depth = |html: &str| {
            let mut n = RawNesting::default();
            n.feed(html);
            (n.open.len(), n.too_deep)
        };
        assert_eq!(depth("<div><p>a</p><br><img src=x></div>"), (0, false));
        assert_eq!(depth("<div><span><b>"), (3, false));
        assert_eq!(depth("<div><span></div>"), (0, false));
        assert_eq!(depth("<div></x></y>"), (1, false));
        assert_eq!(depth(&"<i>".repeat(MAX_RAW_NESTING)), (MAX_RAW_NESTING, false));
        assert!(depth(&"<div></x>".repeat(MAX_RAW_NESTING + 1)).1);
        assert_eq!(depth("a < b, 3<4, <!-- x --> <"), (0, false));
    }
}
