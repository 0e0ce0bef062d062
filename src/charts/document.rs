//! The finished SVG document: a stable id from the chart's content, the
//! root element with its viewBox, language and ARIA naming, `<title>` and
//! `<desc>` first, and the "no data" document.

use std::fmt::Write as _;

use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{Rect, TextOpts, render, tidy_body};
use super::layout::{FONT_PX, MARGIN};
use super::palette::GRID;
use super::shapes::{draw_text, outline_rect};
use super::text::clean_block;
use crate::text::escape::xml as escape_xml;
use crate::text::number::NumberStyle;

/// FNV-1a, for stable ids.
pub(super) struct Fnv(u64);

impl Fnv {
    pub(super) fn new(kind: &str) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        h.str(kind);
        h
    }
    pub(super) fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    pub(super) fn str(&mut self, s: &str) {
        self.bytes(&(s.len() as u64).to_le_bytes());
        self.bytes(s.as_bytes());
    }
    pub(super) fn num(&mut self, v: f64) {
        self.bytes(&v.to_bits().to_le_bytes());
    }
    pub(super) fn id(&self) -> String {
        format!("insyn-chart-{:016x}", self.0)
    }
}

/// The language of a chart's words, for `xml:lang`: the one its numbers are
/// written for (the site's language).
fn language(style: NumberStyle) -> &'static str {
    match style {
        NumberStyle::Swedish => "sv",
        NumberStyle::English => "en",
    }
}

/// Turns plotters' output into the final document: a root element with a
/// viewBox and no fixed size, its language (so that a screen reader reads a
/// downloaded file right), `role="img"`, `aria-labelledby`, `<title>` and
/// `<desc>` as first children, the font stack in place of `FONT_MARK` and no
/// redundant `opacity="1"`.
pub(super) fn finish(raw: &str, size: (i32, i32), style: NumberStyle, id: &str, title: &str, desc: &str) -> String {
    let (width, height) = size;
    let lang = language(style);
    let body = raw.strip_prefix("<svg").and_then(|rest| rest.split_once('>')).map_or(raw, |(_, body)| body);
    // The font stack is longer than its mark, the dropped opacities shorter.
    let mut out = String::with_capacity(body.len() + body.len() / 4 + 1024);
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xml:lang=\"{lang}\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n\
         <title id=\"{id}-title\">{}</title>\n\
         <desc id=\"{id}-desc\">{}</desc>",
        escape_xml(&clean_block(title)),
        escape_xml(&clean_block(desc)),
    );
    tidy_body(body, &mut out);
    out
}

/// A small SVG, `width` units wide, that says there is no data.
pub(super) fn no_data_svg(id: &str, title: &str, desc: &str, style: NumberStyle, width: i32) -> String {
    let height = 160;
    let message = match style {
        NumberStyle::Swedish => "Inga data att visa",
        NumberStyle::English => "No data to show",
    };
    let drawn = render(width, height, |canvas| {
        outline_rect(canvas, Rect::new(MARGIN, MARGIN, width - MARGIN, height - MARGIN), GRID)?;
        draw_text(canvas, message, (width / 2, height / 2), TextOpts::new(FONT_PX + 2.0, HPos::Center, VPos::Center))
    });
    let raw = drawn
        .unwrap_or_else(|| format!("<svg>\n<rect width=\"{width}\" height=\"{height}\" fill=\"#FFFFFF\"/>\n</svg>\n"));
    finish(&raw, (width, height), style, id, title, desc)
}
