//! The plotters adapter: the one place that knows how plotters' SVG backend
//! is driven and what it writes.
//!
//! plotters is the drawing library, but its SVG backend was made for a font
//! it can measure and for opacity and sizes that a chart here never varies.
//! So the charts draw on the backend directly ([`Canvas`], skipping the
//! `DrawingArea` layer), hand it a short fake font name ([`FONT_MARK`]) and
//! a size it will divide by 1.24, and [`tidy_body`] then rewrites its output:
//! the real font stack in place of the fake name, sizes rounded
//! ("13.000000000000002" → "13"), and the redundant `opacity="1"` dropped.
//! Writing the stack through the backend would have it escape and copy the
//! stack's quotes for every text; patching the output once is cheaper and
//! keeps the documents small.

use memchr::memmem::Finder;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendTextStyle, DrawingErrorKind};

use super::palette::{INK, PAPER};
use super::text::text_width;

/// The page's system font stack. Single quotes only, so it sits unescaped in
/// a double-quoted XML attribute.
pub(super) const FONT_STACK: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

pub(super) type DrawResult = Result<(), DrawingErrorKind<std::io::Error>>;

/// plotters' SVG backend, drawn on directly in canvas pixels.
///
/// The charts draw on the whole canvas in its own coordinates, so they skip
/// the `DrawingArea` layer (a `RefCell` borrow, a coordinate translation and
/// an element value per call). Points are clamped to the canvas exactly as
/// the root drawing area clamps them, so the backend writes the same bytes.
pub(super) struct Canvas<'a> {
    backend: SVGBackend<'a>,
    size: (i32, i32),
}

/// `p` moved onto a canvas of `size`, as plotters' root area does.
fn clamp(p: (i32, i32), size: (i32, i32)) -> (i32, i32) {
    (p.0.min(size.0).max(0), p.1.min(size.1).max(0))
}

impl<'a> Canvas<'a> {
    /// A canvas of `size` pixels writing its SVG into `buf`.
    pub(super) fn new(buf: &'a mut String, size: (u32, u32)) -> Canvas<'a> {
        let backend = SVGBackend::with_string(buf, size);
        let (width, height) = backend.get_size();
        Canvas { backend, size: (width as i32, height as i32) }
    }

    /// Fills the whole canvas.
    pub(super) fn fill(&mut self, colour: RGBColor) -> DrawResult {
        self.backend.draw_rect((0, 0), self.size, &colour.to_backend_color(), true)
    }

    /// A rectangle, filled or outlined as `style` says.
    pub(super) fn rect(&mut self, r: Rect, style: ShapeStyle) -> DrawResult {
        let (from, to) = (clamp((r.x0, r.y0), self.size), clamp((r.x1, r.y1), self.size));
        self.backend.draw_rect(from, to, &style, style.filled)
    }

    /// A polyline.
    pub(super) fn path(&mut self, points: &[(i32, i32)], style: ShapeStyle) -> DrawResult {
        let size = self.size;
        self.backend.draw_path(points.iter().map(|&p| clamp(p, size)), &style)
    }

    /// A filled polygon.
    pub(super) fn polygon(&mut self, points: &[(i32, i32)], colour: RGBColor) -> DrawResult {
        let size = self.size;
        self.backend.fill_polygon(points.iter().map(|&p| clamp(p, size)), &colour.to_backend_color())
    }

    /// A circle, filled or outlined as `style` says.
    pub(super) fn circle(&mut self, at: (i32, i32), r: u32, style: ShapeStyle) -> DrawResult {
        let at = clamp(at, self.size);
        self.backend.draw_circle(at, r, &style, style.filled)
    }

    /// One line of text anchored at `at`.
    pub(super) fn text(&mut self, text: &str, at: (i32, i32), o: TextOpts) -> DrawResult {
        let at = clamp(at, self.size);
        self.backend.draw_text(text, &o, at)
    }

    /// Closes the document.
    pub(super) fn present(&mut self) -> DrawResult {
        self.backend.present()
    }
}

/// Options for one piece of text.
#[derive(Clone, Copy)]
pub(super) struct TextOpts {
    pub(super) px: f64,
    pub(super) bold: bool,
    pub(super) h: HPos,
    pub(super) v: VPos,
    /// Turned 90° counter-clockwise, reading bottom to top.
    pub(super) vertical: bool,
}

impl TextOpts {
    pub(super) fn new(px: f64, h: HPos, v: VPos) -> Self {
        TextOpts { px, bold: false, h, v, vertical: false }
    }
    pub(super) fn bold(self, bold: bool) -> Self {
        TextOpts { bold, ..self }
    }
    pub(super) fn vertical(self) -> Self {
        TextOpts { vertical: true, ..self }
    }
}

/// The text style as the SVG backend reads it: near-black, in the placeholder
/// family `FONT_MARK` (`tidy_body` puts in the font stack) and at
/// `plotters_font_size`.
impl BackendTextStyle for TextOpts {
    type FontError = std::convert::Infallible;

    fn color(&self) -> BackendColor {
        INK.to_backend_color()
    }

    fn size(&self) -> f64 {
        plotters_font_size(self.px)
    }

    fn transform(&self) -> FontTransform {
        if self.vertical { FontTransform::Rotate270 } else { FontTransform::None }
    }

    fn style(&self) -> FontStyle {
        if self.bold { FontStyle::Bold } else { FontStyle::Normal }
    }

    fn anchor(&self) -> Pos {
        Pos::new(self.h, self.v)
    }

    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(FONT_MARK)
    }

    /// The estimated box (`text_width` wide, one em high); the SVG backend
    /// does not ask for it.
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        Ok(((0, 0), (text_width(text, self.px, self.bold).ceil() as i32, self.px.ceil() as i32)))
    }

    /// Draws no pixels: there are no glyphs here, and the SVG backend writes
    /// text as text without asking for them.
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: (i32, i32),
        _draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        Ok(Ok(()))
    }
}

/// The font family handed to plotters, replaced by `FONT_STACK` in `finish`:
/// the backend escapes the stack's quotes and copies it character by
/// character, so a short name without them is cheaper to write.
pub(super) const FONT_MARK: &str = "stack";

/// The size to hand plotters for text of `px` units: its SVG backend divides
/// by 1.24. The written value (e.g. 13.000000000000002) is tidied by `finish`.
pub(super) fn plotters_font_size(px: f64) -> f64 {
    px * 1.24
}

/// An axis-aligned rectangle in user units: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rect {
    pub(super) x0: i32,
    pub(super) y0: i32,
    pub(super) x1: i32,
    pub(super) y1: i32,
}

impl Rect {
    pub(super) fn new(xa: i32, ya: i32, xb: i32, yb: i32) -> Rect {
        Rect { x0: xa.min(xb), y0: ya.min(yb), x1: xa.max(xb), y1: ya.max(yb) }
    }
    pub(super) fn is_empty(&self) -> bool {
        self.x1 <= self.x0 || self.y1 <= self.y0
    }
}

/// Renders with plotters onto a white canvas; None only if plotters fails,
/// which its SVG backend does not do when writing to a string.
pub(super) fn render(width: i32, height: i32, draw: impl FnOnce(&mut Canvas<'_>) -> DrawResult) -> Option<String> {
    // Room for a typical chart, so that the buffer is not grown step by step.
    let mut buf = String::with_capacity(32 * 1024);
    {
        let size = (width.max(1) as u32, height.max(1) as u32);
        let mut canvas = Canvas::new(&mut buf, size);
        canvas.fill(PAPER).ok()?;
        draw(&mut canvas).ok()?;
        canvas.present().ok()?;
    }
    Some(buf)
}

/// The attribute plotters' SVG backend writes on every element. The charts
/// draw opaque colours only, and opaque is SVG's default.
const OPAQUE: &str = " opacity=\"1\"";

/// How the backend writes the font family of every text: `FONT_MARK` quoted.
pub(super) const FONT_MARK_ATTR: &str = "font-family=\"stack\"";

/// What precedes the size of every text.
const FONT_SIZE_ATTR: &str = "font-size=\"";

/// Appends plotters' SVG body to `out` with, in text tags, `FONT_MARK_ATTR`
/// replaced by the font stack and the font size tidied, and `OPAQUE`
/// dropped. The backend writes one tag per line, each attribute at most once
/// in a tag and these in this order; text content (on lines of its own)
/// cannot hold them, as its quotes are escaped.
pub(super) fn tidy_body(body: &str, out: &mut String) {
    let opaque = Finder::new(OPAQUE);
    let font_mark = Finder::new(FONT_MARK_ATTR);
    let font_size = Finder::new(FONT_SIZE_ATTR);
    let font_stack = format!("font-family=\"{FONT_STACK}\"");
    let mut sizes = FontSizes::default();
    let mut splice = Splice { body, out, copied: 0 };
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', body.as_bytes()).chain([body.len()]);
    for end in ends {
        let line = &body[start..end];
        let line_start = start;
        start = end + 1;
        if !line.starts_with('<') || line.starts_with("</") {
            continue;
        }
        let mut from = 0;
        if line.starts_with("<text ") {
            if let Some(at) = font_mark.find(line.as_bytes()) {
                splice.replace(line_start + at, FONT_MARK_ATTR.len(), &font_stack);
                from = at + FONT_MARK_ATTR.len();
            }
            if let Some(at) = font_size.find(&line.as_bytes()[from..]) {
                let value_start = from + at + FONT_SIZE_ATTR.len();
                let value = &line[value_start..];
                let value = &value[..value.find('"').unwrap_or(value.len())];
                splice.replace(line_start + value_start, value.len(), sizes.tidy(value));
                from = value_start + value.len();
            }
        }
        if let Some(at) = opaque.find(&line.as_bytes()[from..]) {
            splice.replace(line_start + from + at, OPAQUE.len(), "");
        }
    }
    splice.finish();
}

/// Copies a text into a string with some of its ranges replaced, in order.
struct Splice<'a> {
    body: &'a str,
    out: &'a mut String,
    /// How far `body` is copied (or replaced).
    copied: usize,
}

impl Splice<'_> {
    /// Copies up to byte `at`, then writes `with` in place of the `len`
    /// bytes there.
    fn replace(&mut self, at: usize, len: usize, with: &str) {
        self.out.push_str(&self.body[self.copied..at]);
        self.out.push_str(with);
        self.copied = at + len;
    }

    /// Copies the rest.
    fn finish(self) {
        self.out.push_str(&self.body[self.copied..]);
    }
}

/// The font sizes of one chart as plotters wrote them, each with its tidied
/// form: a chart uses two or three sizes for dozens of texts.
#[derive(Default)]
struct FontSizes<'a> {
    seen: Vec<(&'a str, String)>,
}

impl<'a> FontSizes<'a> {
    /// `value` tidied by `tidy_font_size`, worked out once per distinct value.
    fn tidy(&mut self, value: &'a str) -> &str {
        let i = match self.seen.iter().position(|(v, _)| *v == value) {
            Some(i) => i,
            None => {
                self.seen.push((value, tidy_font_size(value)));
                self.seen.len() - 1
            }
        };
        &self.seen[i].1
    }
}

/// A font size as plotters writes it ("13.000000000000002") rounded to two
/// decimals, without trailing zeros ("13"); anything but a number is kept.
pub(super) fn tidy_font_size(value: &str) -> String {
    match value.parse::<f64>() {
        Ok(v) if v.is_finite() => {
            let fixed = format!("{:.2}", (v * 100.0).round() / 100.0);
            fixed.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        _ => value.to_string(),
    }
}
