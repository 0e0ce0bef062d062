//! Markdown to HTML for bodies, descriptions, summaries and actions.
//!
//! What an editor writes never becomes a script, an event handler, a
//! `javascript:` or `data:` URL, a frame, a form or an inline style:
//!
//! * Markdown links may only use http, https, mailto or a relative URL; any
//!   other target becomes `#`. A Markdown image is shown only when its file
//!   is on this site (a relative URL); an image from another site becomes a
//!   link to it (the report loads nothing from other origins), and one with
//!   an unsafe URL becomes its alt text.
//! * Raw HTML written in the Markdown is sanitised with [ammonia] to a small
//!   allowlist ([`ALLOWED_TAGS`]): `<b>fet</b>` and `<br>` are markup,
//!   `<script>`, `<style>`, `<iframe>`, `<svg>`, `<form>` … are removed with
//!   their content, other tags are removed and their text kept, and only a
//!   few harmless attributes survive.
//! * pulldown-cmark's own output carries no inline style: table-cell
//!   alignment becomes a class (`align-left`, `align-center`,
//!   `align-right`), code blocks lose their `language-` class, footnote ids
//!   get a `fn-` prefix so that they cannot clash with the page's own ids.
//!
//! Headings in a text are moved below the level of the heading they are
//! placed under, because the page's title is its only `h1`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html,
};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

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
const ALLOWED_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "title"]),
    ("abbr", &["title"]),
    ("div", &["id"]),
    ("img", &["src", "alt", "title"]),
    ("ol", &["start"]),
];

/// Classes allowed on one element: table-cell alignment and footnotes.
const ALLOWED_CLASSES: &[(&str, &[&str])] = &[
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
/// Markdown, footnote ids only, numeric list starts.
fn filter_attribute<'a>(element: &str, attribute: &str, value: &'a str) -> Option<Cow<'a, str>> {
    let keep = match (element, attribute) {
        ("a", "href") => is_safe_url(value),
        ("img", "src") => is_local_url(value),
        (_, "id") => value.starts_with(ID_PREFIX),
        ("ol", "start") => value.trim().parse::<i64>().is_ok(),
        _ => true,
    };
    keep.then_some(Cow::Borrowed(value))
}

/// A URL as a browser reads it: without surrounding or embedded whitespace
/// and control characters, lowercase.
fn normalised(url: &str) -> String {
    url.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect::<String>().to_ascii_lowercase()
}

/// The scheme of a normalised URL, if it has one (a colon after `/`, `?` or
/// `#` is part of a path, not a scheme).
fn scheme(lower: &str) -> Option<&str> {
    let colon = lower.find(':')?;
    let scheme = &lower[..colon];
    (!scheme.contains(['/', '?', '#'])).then_some(scheme)
}

/// Whether a link target is safe to put in `href`: a relative path, a
/// fragment, or http(s)/mailto.
pub fn is_safe_url(url: &str) -> bool {
    let lower = normalised(url);
    scheme(&lower).is_none_or(|s| matches!(s, "http" | "https" | "mailto"))
}

/// Whether an image URL points to this site: relative, with no scheme and
/// no host (`//host/…` and `/\host/…` name another origin).
pub fn is_local_url(url: &str) -> bool {
    let lower = normalised(url);
    let b = lower.as_bytes();
    let other_host = b.len() >= 2 && matches!(b[0], b'/' | b'\\') && matches!(b[1], b'/' | b'\\');
    !lower.is_empty() && scheme(&lower).is_none() && !other_host
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

/// What became of a Markdown image.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Image {
    /// Shown: its file is on this site.
    Kept,
    /// On another site: a link to it, its alt text as the link's text.
    Link,
    /// Unsafe URL, or an image from another site inside a link: its alt
    /// text only.
    Text,
}

/// The deepest a text's Markdown elements nest (block quotes, lists,
/// emphasis …). Deeper elements are left out and their text kept: no real
/// report needs more, and it keeps the HTML parser of the sanitiser (whose
/// work grows with the depth at every tag) and readers' browsers fast.
pub const MAX_NESTING: usize = 64;

/// The deepest raw HTML elements may nest in one text before its raw HTML
/// is shown as text instead of sanitised (see [`MAX_NESTING`]).
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
struct RawNesting {
    open: Vec<String>,
    too_deep: bool,
}

impl RawNesting {
    fn feed(&mut self, html: &str) {
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

/// The events of a text made safe (see the module documentation). Notes
/// whether the text had raw HTML, which then has to be sanitised.
struct SafeEvents<'a> {
    parser: Parser<'a>,
    headings: [HeadingLevel; 7],
    images: Vec<Image>,
    links: usize,
    alignments: Vec<Alignment>,
    in_head: bool,
    cell: usize,
    depth: usize,
    raw_as_text: bool,
    raw_html: bool,
    raw_nesting: RawNesting,
    /// The plain text of the events read so far (none unless asked for).
    text: PlainText,
}

impl<'a> SafeEvents<'a> {
    fn new(markdown: &'a str, headings: [HeadingLevel; 7], raw_as_text: bool) -> Self {
        SafeEvents {
            parser: Parser::new_ext(markdown, options()),
            headings,
            images: Vec::new(),
            links: 0,
            alignments: Vec::new(),
            in_head: false,
            cell: 0,
            depth: 0,
            raw_as_text,
            raw_html: false,
            raw_nesting: RawNesting::default(),
            text: PlainText::default(),
        }
    }

    fn cell_start(&mut self) -> Event<'a> {
        let name = if self.in_head { "th" } else { "td" };
        let class = match self.alignments.get(self.cell) {
            Some(Alignment::Left) => " class=\"align-left\"",
            Some(Alignment::Center) => " class=\"align-center\"",
            Some(Alignment::Right) => " class=\"align-right\"",
            Some(Alignment::None) | None => "",
        };
        self.cell += 1;
        Event::Html(CowStr::from(format!("<{name}{class}>")))
    }

    /// Whether an element nested too deep: its start and end are left out
    /// (events nest properly, so both are).
    fn too_deep(&mut self, event: &Event<'a>) -> bool {
        match event {
            Event::Start(_) => {
                self.depth += 1;
                self.depth > MAX_NESTING
            }
            Event::End(_) => {
                let deep = self.depth > MAX_NESTING;
                self.depth = self.depth.saturating_sub(1);
                deep
            }
            _ => false,
        }
    }

    /// The event to emit for `event`, or `None` to drop it.
    fn safe(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        if self.too_deep(&event) {
            return None;
        }
        Some(match event {
            Event::Html(raw) | Event::InlineHtml(raw) if self.raw_as_text => Event::Text(raw),
            Event::Html(ref raw) | Event::InlineHtml(ref raw) => {
                self.raw_html = true;
                self.raw_nesting.feed(raw);
                event
            }
            Event::Start(Tag::Heading { level, .. }) => Event::Start(Tag::Heading {
                level: self.headings[level_number(level)],
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(self.headings[level_number(level)])),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                self.links += 1;
                if is_safe_url(&dest_url) {
                    Event::Start(Tag::Link { link_type, dest_url, title, id })
                } else {
                    Event::Start(Tag::Link {
                        link_type: if link_type == LinkType::Email { LinkType::Inline } else { link_type },
                        dest_url: CowStr::Borrowed("#"),
                        title,
                        id,
                    })
                }
            }
            Event::End(TagEnd::Link) => {
                self.links = self.links.saturating_sub(1);
                event
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let fate = if is_local_url(&dest_url) {
                    Image::Kept
                } else if is_safe_url(&dest_url) && self.links == 0 {
                    Image::Link
                } else {
                    Image::Text
                };
                self.images.push(fate);
                match fate {
                    Image::Kept => Event::Start(Tag::Image { link_type, dest_url, title, id }),
                    Image::Link => {
                        self.links += 1;
                        Event::Start(Tag::Link { link_type: LinkType::Inline, dest_url, title, id })
                    }
                    Image::Text => return None,
                }
            }
            Event::End(TagEnd::Image) => match self.images.pop() {
                Some(Image::Kept) | None => event,
                Some(Image::Link) => {
                    self.links = self.links.saturating_sub(1);
                    Event::End(TagEnd::Link)
                }
                Some(Image::Text) => return None,
            },
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(CowStr::Borrowed(""))))
            }
            Event::FootnoteReference(label) => Event::FootnoteReference(footnote_id(&label)),
            Event::Start(Tag::FootnoteDefinition(label)) => Event::Start(Tag::FootnoteDefinition(footnote_id(&label))),
            Event::Start(Tag::Table(alignments)) => {
                self.alignments = alignments;
                Event::Start(Tag::Table(Vec::new()))
            }
            Event::Start(Tag::TableHead) => {
                self.in_head = true;
                self.cell = 0;
                event
            }
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                event
            }
            Event::Start(Tag::TableRow) => {
                self.cell = 0;
                event
            }
            Event::Start(Tag::TableCell) => self.cell_start(),
            Event::End(TagEnd::TableCell) => {
                Event::Html(CowStr::Borrowed(if self.in_head { "</th>" } else { "</td>" }))
            }
            other => other,
        })
    }
}

impl<'a> Iterator for SafeEvents<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let event = self.parser.next()?;
            self.text.take(&event);
            if let Some(safe) = self.safe(event) {
                return Some(safe);
            }
        }
    }
}

/// A footnote label as an id: `fn-` and the label with every character
/// outside `[A-Za-z0-9-]` written as `_` and its code point, so that
/// different labels stay different and the id has no spaces or quotes.
fn footnote_id(label: &str) -> CowStr<'static> {
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
/// [`to_html`] does to a text with raw HTML. Every `<img>` left has a
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

/// Renders a Markdown block (a body, a description) to HTML placed under a
/// heading of level `parent` (1 directly under the page's `h1`).
pub fn to_html(markdown: &str, parent: usize) -> String {
    to_html_and_text(markdown, parent, 0).0
}

/// [`to_html`], and in the same pass the start of the text's plain text (as
/// [`plain_text`] gives it) up to `text_chars` characters and one more, so
/// that a cut can be marked: a page's description costs no second parse.
pub fn to_html_and_text(markdown: &str, parent: usize, text_chars: usize) -> (String, String) {
    let mut out = String::with_capacity(markdown.len() * 3 / 2 + 16);
    let map = if may_have_headings(markdown) { heading_map(markdown, parent) } else { [HeadingLevel::H6; 7] };
    let mut events = SafeEvents::new(markdown, map, false);
    events.text = PlainText::new(text_chars);
    html::push_html(&mut out, &mut events);
    let text = std::mem::take(&mut events.text.out);
    if events.raw_nesting.too_deep {
        // Raw HTML nested deeper than any report needs: shown as text.
        out.clear();
        html::push_html(&mut out, SafeEvents::new(markdown, map, true));
        return (out, text);
    }
    // Without raw HTML the output is pulldown-cmark's, from vetted events:
    // text and attribute values escaped, URLs checked, no element nested
    // deeper than MAX_NESTING. Only raw HTML needs (and pays for) the
    // sanitiser.
    (if events.raw_html { sanitise(&out) } else { out }, text)
}

/// Whether a text may have a heading, from its lines alone: a `#` anywhere
/// (ATX headings, also inside quotes and lists) or a line of only `=` or
/// only `-` (setext underlines, after any quote marks). Never false for a
/// text with a heading; a thematic break or a `#` in prose only costs a
/// parse.
fn may_have_headings(markdown: &str) -> bool {
    markdown.contains('#')
        || markdown.lines().any(|line| {
            let rest = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace()).trim_end();
            !rest.is_empty() && (rest.bytes().all(|b| b == b'=') || rest.bytes().all(|b| b == b'-' || b == b' '))
        })
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
struct PlainText {
    out: String,
    chars: usize,
    limit: usize,
    space: bool,
}

impl PlainText {
    fn new(limit: usize) -> Self {
        PlainText { limit, ..PlainText::default() }
    }

    /// Takes one event; false once the text is long enough.
    fn take(&mut self, event: &Event<'_>) -> bool {
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

    fn to_html_test(markdown: &str) -> String {
        to_html(markdown, 1)
    }

    /// Every start tag of `html` with its attribute names, lowercase.
    fn tags(html: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        for piece in html.split('<').skip(1) {
            let tag = piece.split('>').next().unwrap_or("");
            if tag.starts_with('/') || tag.starts_with('!') {
                continue;
            }
            let mut words = tag.split_whitespace();
            let name = words.next().unwrap_or("").trim_end_matches('/').to_ascii_lowercase();
            let attrs =
                words.filter(|w| *w != "/").filter_map(|w| w.split('=').next()).map(str::to_ascii_lowercase).collect();
            out.push((name, attrs));
        }
        out
    }

    /// Asserts that `html` uses only allowed elements and attributes.
    fn assert_allowed(html: &str) {
        for (name, attrs) in tags(html) {
            assert!(ALLOWED_TAGS.contains(&name.as_str()), "<{name}> in {html}");
            for attr in attrs {
                let allowed = attr == "lang"
                    || ALLOWED_ATTRIBUTES.iter().any(|(t, a)| *t == name && a.contains(&attr.as_str()))
                    || (attr == "class" && ALLOWED_CLASSES.iter().any(|(t, _)| *t == name));
                assert!(allowed, "<{name} {attr}> in {html}");
            }
        }
    }

    #[test]
    fn dangerous_raw_html_is_removed() {
        let html = to_html_test(
            "Hej <script>alert(1)</script> <b onclick=x>då</b>\n\n<iframe src=x>inne</iframe>\n\n<style>p{}</style>\n",
        );
        assert!(!html.contains("<script") && !html.contains("alert"), "{html}");
        assert!(!html.contains("<iframe") && !html.contains("inne"), "{html}");
        assert!(!html.contains("<style") && !html.contains("p{}"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("<b>då</b>"), "harmless markup is kept: {html}");
        assert_allowed(&html);
    }

    #[test]
    fn harmless_raw_html_is_markup() {
        assert_eq!(inline_to_html("<b>fet</b> och <i>kursiv</i>"), "<b>fet</b> och <i>kursiv</i>");
        assert_eq!(to_html_test("rad<br>två"), "<p>rad<br>två</p>\n");
        assert_eq!(
            to_html_test("<abbr title=\"Incidenthantering\">IH</abbr>"),
            "<p><abbr title=\"Incidenthantering\">IH</abbr></p>\n"
        );
        // Unknown elements go, their text stays.
        assert_eq!(to_html_test("<span class=\"x\" style=\"color:red\">text</span> <font>f</font>"), "<p>text f</p>\n");
        // h1 belongs to the page title.
        assert!(!to_html_test("<h1>Rubrik</h1>").contains("<h1"));
    }

    #[test]
    fn event_handlers_styles_and_unknown_attributes_are_removed() {
        let html = to_html_test(
            "<p onmouseover=\"x()\" style=\"color:red\" class=\"evil\" id=\"main\" data-x=\"1\">a</p>\n\n<td style=\"text-align:right\">",
        );
        for bad in ["onmouseover", "style", "class", "id=", "data-x"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }

    #[test]
    fn unsafe_markdown_links_are_neutralised() {
        let html = to_html_test(
            "[x](javascript:alert(1)) [y](JaVa&#9;Script:alert(1)) [z](https://ok.example/) [w](data:text/html,hi) \
             [v](vbscript:msgbox) [e](javascript&#58;alert(1)) [r](../tjanster/index.html) [m](mailto:a@example.se)",
        );
        assert!(!html.to_lowercase().contains("script:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("href=\"https://ok.example/\""), "{html}");
        assert!(html.contains("href=\"../tjanster/index.html\""), "{html}");
        assert!(html.contains("href=\"mailto:a@example.se\""), "{html}");
        assert_eq!(html.matches("href=\"#\"").count(), 5, "{html}");
    }

    #[test]
    fn unsafe_raw_links_lose_their_target() {
        for target in [
            "javascript:alert(1)",
            "jAvAsCrIpT:alert(1)",
            "javascript&#58;alert(1)",
            "&#106;avascript:alert(1)",
            "java&#x09;script:alert(1)",
            " javascript:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
        ] {
            let html = to_html_test(&format!("<a href=\"{target}\">a</a>"));
            assert_eq!(html, "<p><a>a</a></p>\n", "{target}");
        }
        let html = to_html_test("<a href=\"https://ok.example/\" title=\"t\" target=\"_blank\">a</a>");
        assert_eq!(html, "<p><a href=\"https://ok.example/\" title=\"t\">a</a></p>\n");
    }

    #[test]
    fn both_url_checks_agree() {
        for url in ["javascript:x", "JAVASCRIPT:x", "java\nscript:x", "data:x", "vbscript:x", "file:///etc/passwd"] {
            assert!(!is_safe_url(url), "{url}");
            assert!(!is_local_url(url), "{url}");
            let html = to_html_test(&format!("[a]({}) <a href=\"{}\">b</a>", url.replace('\n', ""), url));
            assert!(!html.contains(&format!("href=\"{url}")), "{url}: {html}");
        }
        for url in ["https://x.example/", "http://x.example/", "mailto:a@b.se", "../a/", "#fn-1", "a/b:c", "?q=a:b"] {
            assert!(is_safe_url(url), "{url}");
        }
        for url in ["bild.png", "../static/bild.png", "/static/bild.png"] {
            assert!(is_local_url(url), "{url}");
        }
        for url in ["https://x.example/a.png", "//x.example/a.png", "/\\x.example/a.png", "\\\\x", ""] {
            assert!(!is_local_url(url), "{url}");
        }
    }

    #[test]
    fn images_load_only_from_this_site() {
        assert_eq!(
            to_html_test("![Graf](../static/graf.png \"T\")"),
            "<p><img src=\"../static/graf.png\" alt=\"Graf\" title=\"T\" /></p>\n"
        );
        assert_eq!(
            to_html_test("![Graf](https://other.example/graf.png)"),
            "<p><a href=\"https://other.example/graf.png\">Graf</a></p>\n"
        );
        assert_eq!(to_html_test("![Graf](javascript:alert(1))"), "<p>Graf</p>\n");
        assert_eq!(
            to_html_test("[![Graf](https://other.example/g.png)](https://x.example/)"),
            "<p><a href=\"https://x.example/\">Graf</a></p>\n"
        );
        // Raw images: an image from elsewhere goes; an image without alt gets an empty one.
        assert_eq!(to_html_test("a <img src=\"https://other.example/x.png\" alt=\"x\"> b"), "<p>a  b</p>\n");
        assert_eq!(to_html_test("a <img src=x onerror=alert(1)> b"), "<p>a <img src=\"x\" alt=\"\"> b</p>\n");
        assert_eq!(to_html_test("<img src=\"data:image/png;base64,AAAA\" alt=\"d\">"), "");
        assert_eq!(to_html_test("<img src=\"//evil.example/x\" alt=\"d\"> <img alt=\"e\">"), "<p> </p>\n");
    }

    #[test]
    fn table_alignment_is_a_class_not_a_style() {
        let html = to_html_test("| A | B | C | D |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n");
        assert!(!html.contains("style"), "{html}");
        assert!(html.contains("<th class=\"align-left\">A</th><th class=\"align-center\">B</th><th class=\"align-right\">C</th><th>D</th>"), "{html}");
        assert!(html.contains("<td class=\"align-left\">1</td><td class=\"align-center\">2</td><td class=\"align-right\">3</td><td>4</td>"), "{html}");
        assert_allowed(&html);
        // The same with raw HTML elsewhere in the text, through the sanitiser.
        let sanitised = to_html_test("<b>x</b>\n\n| A | B |\n|--:|---|\n| 1 | 2 |\n");
        assert!(sanitised.contains("<th class=\"align-right\">A</th><th>B</th>"), "{sanitised}");
        assert!(sanitised.contains("<td class=\"align-right\">1</td><td>2</td>"), "{sanitised}");
    }

    #[test]
    fn code_blocks_and_footnotes_carry_no_foreign_classes_or_ids() {
        let html = to_html_test("```rust\nlet x = 1;\n```\n\nText[^a b].\n\n[^a b]: Not \"quoted\".\n");
        assert!(html.contains("<pre><code>let x = 1;"), "{html}");
        assert!(html.contains("<a href=\"#fn-a_20b\">1</a>"), "{html}");
        assert!(html.contains("id=\"fn-a_20b\""), "{html}");
        assert_allowed(&html);
        // Through the sanitiser the footnotes survive; other ids do not.
        let sanitised = to_html_test("<b>x</b> Text[^n].\n\n[^n]: Note.\n\n<div id=\"main\">m</div>");
        assert!(sanitised.contains("<sup class=\"footnote-reference\"><a href=\"#fn-n\">1</a></sup>"), "{sanitised}");
        assert!(sanitised.contains("<div class=\"footnote-definition\" id=\"fn-n\">"), "{sanitised}");
        assert!(sanitised.contains("<div>m</div>"), "{sanitised}");
    }

    #[test]
    fn output_without_raw_html_is_what_the_sanitiser_allows() {
        let markdown = "# Rubrik\n\nText med *betoning*, **fet**, ~~struken~~, `kod` och [länk](https://x.example/ \"titel\").\n\n\
                        > Citat\n\n1. ett\n2. två\n\n3. tre\n\n- a\n  - b\n\n---\n\n| A | B |\n|:-|-:|\n| 1 | 2 |\n\n\
                        ![bild](bild.png) Fotnot[^1].\n\n[^1]: Not.\n\n    indrag\n\nHård  \nbrytning <https://x.example/>\n";
        let html = to_html_test(markdown);
        assert_allowed(&html);
        let tags_of = |h: &str| {
            tags(h)
                .into_iter()
                .map(|(n, mut a)| {
                    (n, {
                        a.sort();
                        a
                    })
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(tags_of(&html), tags_of(&sanitise(&html)), "the sanitiser would change {html}");
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
        assert_eq!(inline_to_html("Utökat <script>x</script>minne"), "Utökat minne");
    }

    #[test]
    fn deep_nesting_is_capped_and_uses_bounded_stack() {
        let deep = format!(
            "{}x\n\n{}y\n\n<b>raw</b>\n\n{}z\n\n{}w{}",
            "> ".repeat(10_000),
            "- ".repeat(10_000),
            "* ".repeat(10_000),
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let html = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || to_html(&deep, 1))
            .expect("thread")
            .join()
            .expect("no stack overflow");
        assert!(html.contains('x') && html.contains('y') && html.contains('z') && html.contains('w'));
        assert!(html.matches("<blockquote>").count() <= MAX_NESTING, "{html}");
        // The raw HTML nests too deep: all of it is shown as text.
        assert!(html.contains("&lt;b&gt;raw&lt;/b&gt;") && !html.contains("<div>"), "{html}");
    }

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
