//! pulldown-cmark's events made safe: links and images checked, headings
//! moved down, tables without inline styles, footnote ids prefixed, nesting
//! capped, raw HTML noted for the sanitiser.

use std::collections::VecDeque;

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};

use super::context::Context;
use super::dialect::options;
use super::headings::level_number;
use super::plain::PlainText;
use super::sanitiser::{RawNesting, footnote_id};
use super::urls::{is_local_url, is_safe_url};

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

/// The events of a text made safe (see the module documentation). Notes
/// whether the text had raw HTML, which then has to be sanitised.
pub(super) struct SafeEvents<'a, 'c> {
    parser: Parser<'a>,
    cx: &'c Context<'c>,
    /// A heading's events, read ahead for its id.
    pending: VecDeque<Event<'a>>,
    /// The id of the heading whose start comes next.
    heading_id: Option<String>,
    headings: [HeadingLevel; 7],
    images: Vec<Image>,
    links: usize,
    alignments: Vec<Alignment>,
    in_head: bool,
    cell: usize,
    depth: usize,
    raw_as_text: bool,
    /// Whether the text had raw HTML (which then needs the sanitiser).
    pub(super) raw_html: bool,
    /// How deep the raw HTML nests.
    pub(super) raw_nesting: RawNesting,
    /// The plain text of the events read so far (none unless asked for).
    pub(super) text: PlainText,
}

impl<'a, 'c> SafeEvents<'a, 'c> {
    /// The safe events of `markdown`, its headings mapped by `headings`;
    /// `raw_as_text` shows raw HTML as text; `cx` says where `@/` links
    /// lead and which heading ids are taken.
    pub(super) fn new(markdown: &'a str, headings: [HeadingLevel; 7], raw_as_text: bool, cx: &'c Context<'c>) -> Self {
        SafeEvents {
            parser: Parser::new_ext(markdown, options()),
            cx,
            pending: VecDeque::new(),
            heading_id: None,
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
                id: self.heading_id.take().map(CowStr::from),
                classes: Vec::new(),
                attrs: Vec::new(),
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(self.headings[level_number(level)])),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                self.links += 1;
                if dest_url.starts_with("@/") {
                    let to = self.cx.resolve(&dest_url).map_or(CowStr::Borrowed("#"), CowStr::from);
                    Event::Start(Tag::Link { link_type, dest_url: to, title, id })
                } else if is_safe_url(&dest_url) {
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

impl<'a> SafeEvents<'a, '_> {
    /// The next event of the parser, read into the plain text.
    fn read(&mut self) -> Option<Event<'a>> {
        let event = self.parser.next()?;
        self.text.take(&event);
        Some(event)
    }

    /// Reads a heading's events up to its end, to give it the id its text
    /// makes (as Zola and Hugo do) before its start is written.
    fn read_heading(&mut self, start: Event<'a>) {
        let mut text = String::new();
        self.pending.push_back(start);
        while let Some(event) = self.read() {
            match &event {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => {}
            }
            let end = matches!(event, Event::End(TagEnd::Heading(_)));
            self.pending.push_back(event);
            if end {
                break;
            }
        }
        self.heading_id = Some(self.cx.heading_id(&text));
    }
}

impl<'a> Iterator for SafeEvents<'a, '_> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let event = match self.pending.pop_front() {
                Some(event) => event,
                None => match self.read()? {
                    start @ Event::Start(Tag::Heading { .. }) => {
                        self.read_heading(start);
                        continue;
                    }
                    event => event,
                },
            };
            if let Some(safe) = self.safe(event) {
                return Some(safe);
            }
        }
    }
}
