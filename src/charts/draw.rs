//! Drawing primitives for the report's SVG charts.
//!
//! Two kinds of chart are drawn: vertical bar charts (grouped or stacked) and
//! range charts (minimum, median and maximum per category). Both are drawn with
//! plotters' SVG backend onto a fixed 720 px wide canvas and then post-processed
//! into a standalone, accessible SVG document:
//!
//! * the root `<svg>` has a `viewBox` but no `width`/`height`, so it scales with
//!   the page; `role="img"` and `aria-labelledby` point at a `<title>` and a
//!   `<desc>` that are its first children;
//! * ids are derived from a stable hash of the chart's content, so the same
//!   input always gives the same bytes and different charts on one page get
//!   different ids;
//! * all text uses the page's system font stack; nothing external is referenced;
//! * colours come from a colour-blind-safe palette whose every colour has at
//!   least 3:1 contrast against white, and colour is never the only cue: series
//!   get distinct hatch patterns, the highlighted category a bold label and a
//!   marker, values are written out as labels, and the charts print legibly in
//!   black and white.
//!
//! Data is never trusted: NaN, infinite and negative values are treated as
//! missing, lengths that do not match the categories are tolerated, and a chart
//! with nothing to draw becomes a small SVG that says so. Nothing here panics on
//! data.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::sync::OnceLock;

use memchr::memmem::Finder;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendTextStyle, DrawingErrorKind};

use crate::text::number::{NumberStyle, format_decimal};

/// One series of a bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The series name, shown in the legend when the chart has more than one series.
    pub name: String,
    /// One value per category; NaN, infinite and negative values are treated as missing.
    pub values: Vec<f64>,
    /// per value: true when it was counted from records rather than given as an official figure (drawn with a hatch pattern, explained in `BarChart::counted_note`)
    pub counted: Vec<bool>,
}

/// A vertical bar chart: grouped (several series side by side) or stacked.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// The chart's title; goes into `<title>`.
    pub title: String,
    /// The text alternative stating the finding; goes into `<desc>`.
    pub description: String,
    /// The x-axis title, drawn below the category labels.
    pub x_label: String,
    /// The y-axis title, drawn vertically left of the tick labels.
    pub y_label: String,
    /// x-axis labels, e.g. period labels "Kvartal 1 2023".
    pub categories: Vec<String>,
    /// The series; one bar per series and category.
    pub series: Vec<Series>,
    /// Index of the category to mark (the current period): bold label and a marker, not colour alone.
    pub highlight: Option<usize>,
    /// Stack the series in one bar per category instead of side by side.
    pub stacked: bool,
    /// Legend text for hatched (counted) values, shown only if any value is counted and any is not.
    pub counted_note: Option<String>,
    /// How numbers are written.
    pub number_style: NumberStyle,
}

/// A range chart: per category the minimum, median and maximum (e.g. time to resolve in hours), drawn as a line from min to max with a marked median and value labels.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeChart {
    /// The chart's title; goes into `<title>`.
    pub title: String,
    /// The text alternative stating the finding; goes into `<desc>`.
    pub description: String,
    /// The x-axis title, drawn below the category labels.
    pub x_label: String,
    /// The y-axis title (e.g. "Timmar"), drawn vertically left of the tick labels.
    pub y_label: String,
    /// x-axis labels, one per category.
    pub categories: Vec<String>,
    /// Minimum per category, in hours.
    pub min: Vec<f64>,
    /// Median per category, in hours.
    pub median: Vec<f64>,
    /// Maximum per category, in hours.
    pub max: Vec<f64>,
    /// Per category, the text of its minimum, median and maximum labels
    /// (e.g. "30 min", "7,5 tim", "7,2 dygn"), so that the chart reads like
    /// the table beside it. Where a text is missing or empty, the value is
    /// written as a number: "median 2,5 h" for the median, "8" for the others.
    pub labels: Vec<[String; 3]>,
    /// How numbers are written.
    pub number_style: NumberStyle,
}

// ---------------------------------------------------------------------------
// Look

/// Width of the drawing in SVG user units; the height follows the content.
const WIDTH: i32 = 720;
/// Height of the plot area proper.
const PLOT_HEIGHT: i32 = 260;
/// Outer margin.
const MARGIN: i32 = 10;
/// Right margin of bar charts (range charts may need more for their labels).
const RIGHT_MARGIN: i32 = 16;
/// Size of category labels, legend text and axis titles.
const FONT_PX: f64 = 13.0;
/// Size of value labels and tick labels.
const SMALL_FONT_PX: f64 = 12.0;
/// Line height for `FONT_PX` text.
const LINE_PX: i32 = 17;
/// Longest category, series or note text before it is cut with "…".
const MAX_LABEL_CHARS: usize = 40;
/// Longest category label when labels are turned vertical.
const MAX_ROTATED_LABEL_CHARS: usize = 28;
/// Height of one legend row.
const LEGEND_ROW: i32 = 22;
/// Size of a legend swatch.
const SWATCH_W: i32 = 22;
/// Size of a legend swatch.
const SWATCH_H: i32 = 14;
/// The page's system font stack. Single quotes only, so it sits unescaped in
/// a double-quoted XML attribute.
const FONT_STACK: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/// Text, axes and outlines: near-black (17.4:1 on white).
const INK: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
/// Gridlines: light grey. They are supplementary; values are labelled.
const GRID: RGBColor = RGBColor(0xC8, 0xC8, 0xC8);
/// Background band behind the highlighted category.
const HIGHLIGHT_BAND: RGBColor = RGBColor(0xEB, 0xEB, 0xEB);
/// The paper.
const PAPER: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// Series colours: Okabe–Ito blue, vermillion, bluish green and reddish purple,
/// then Paul Tol's muted indigo and wine. Every one has at least 3:1 contrast
/// against white (checked in a test); patterns tell them apart in greyscale.
const PALETTE: [RGBColor; 6] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x33, 0x22, 0x88),
    RGBColor(0x88, 0x22, 0x55),
];

/// Hatch line directions, drawn on top of a fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hatch {
    /// "/" — reserved for counted values.
    Rising,
    /// "\"
    Falling,
    /// "|"
    Vertical,
    /// "—"
    Horizontal,
}

/// Patterns for series, in order. The first series is plain; "/" is kept
/// for counted values so that it never collides with a series pattern.
const SERIES_PATTERNS: [&[Hatch]; 6] = [
    &[],
    &[Hatch::Falling],
    &[Hatch::Vertical],
    &[Hatch::Horizontal],
    &[Hatch::Falling, Hatch::Vertical],
    &[Hatch::Vertical, Hatch::Horizontal],
];

/// Colour of series `s`.
fn series_colour(s: usize) -> RGBColor {
    PALETTE[s % PALETTE.len()]
}

/// Pattern of series `s`; colour and pattern cycle at different rates so that
/// the first 36 series all differ.
fn series_pattern(s: usize) -> &'static [Hatch] {
    SERIES_PATTERNS[(s + s / PALETTE.len()) % SERIES_PATTERNS.len()]
}

/// WCAG 2.1 relative luminance of an sRGB colour.
fn relative_luminance(c: RGBColor) -> f64 {
    fn channel(v: u8) -> f64 {
        let v = f64::from(v) / 255.0;
        if v <= 0.040_45 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    }
    0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
}

/// WCAG 2.1 contrast ratio between two colours (1.0 to 21.0).
fn contrast_ratio(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The hatch colour that stands out most on `fill`: white or near-black.
/// Worked out once per palette colour: luminance takes powers, and every
/// hatched bar asks.
fn hatch_ink(fill: RGBColor) -> RGBColor {
    static PALETTE_INKS: OnceLock<[RGBColor; PALETTE.len()]> = OnceLock::new();
    match PALETTE.iter().position(|&c| c == fill) {
        Some(i) => PALETTE_INKS.get_or_init(|| PALETTE.map(contrasting_ink))[i],
        None => contrasting_ink(fill),
    }
}

/// White or near-black, whichever contrasts more with `fill`.
fn contrasting_ink(fill: RGBColor) -> RGBColor {
    if contrast_ratio(fill, PAPER) >= contrast_ratio(fill, INK) { PAPER } else { INK }
}

// ---------------------------------------------------------------------------
// Text

/// Advance width of a character in em. There is no font to measure in an SVG
/// backend, so these are the metrics of DejaVu Sans, the widest common
/// fallback for the font stack (Segoe UI, San Francisco and Roboto are
/// narrower), so estimates err on the wide side.
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' => 0.28,
        ' ' | '\u{a0}' | '.' | ',' | ':' | ';' | 'I' | '\'' | '!' | '|' | '/' | 'f' => 0.34,
        '-' | '(' | ')' | '[' | ']' | 't' => 0.4,
        'r' => 0.42,
        '–' => 0.5,
        's' | 'z' | 'c' => 0.56,
        '0'..='9' => 0.64,
        'w' | 'M' | '−' | '+' => 0.86,
        'm' | 'W' | '%' | '@' | '—' | '…' => 1.0,
        c if c.is_uppercase() => 0.72,
        _ => 0.62,
    }
}

/// Estimated width of `text` in user units.
fn text_width(text: &str, px: f64, bold: bool) -> f64 {
    let em: f64 = text.chars().map(char_em).sum();
    em * px * if bold { 1.1 } else { 1.0 }
}

/// True for characters that may not appear in XML 1.0 text or that would
/// disturb a one-line label.
fn is_unwanted(c: char) -> bool {
    c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// A label on one line: control characters dropped, runs of white space
/// (except no-break spaces) collapsed to one space, ends trimmed.
fn clean_label(s: &str) -> String {
    s.split(|c: char| (c.is_whitespace() && c != '\u{a0}') || is_unwanted(c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text for `<title>`/`<desc>`: line breaks kept, other control characters
/// (illegal in XML) replaced by spaces.
fn clean_block(s: &str) -> String {
    s.trim().chars().map(|c| if is_unwanted(c) && c != '\n' && c != '\t' { ' ' } else { c }).collect()
}

/// Cuts `s` to at most `max` characters, ending with "…" when cut.
fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let kept: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Cuts `s` so that its estimated width is at most `max_w`, ending with "…".
fn truncate_width(s: &str, px: f64, bold: bool, max_w: f64) -> String {
    if text_width(s, px, bold) <= max_w {
        return s.to_string();
    }
    let budget = max_w - text_width("…", px, bold);
    let mut out = String::new();
    let mut w = 0.0;
    for c in s.chars() {
        let cw = text_width(c.encode_utf8(&mut [0; 4]), px, bold);
        if w + cw > budget {
            break;
        }
        w += cw;
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// Breaks `label` into at most `max_lines` lines no wider than `max_w`,
/// breaking only at spaces. None when that is impossible.
fn wrap_words(label: &str, px: f64, bold: bool, max_w: f64, max_lines: usize) -> Option<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in label.split(' ').filter(|w| !w.is_empty()) {
        if text_width(word, px, bold) > max_w {
            return None;
        }
        let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        if text_width(&candidate, px, bold) <= max_w {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    lines.push(current);
    (lines.len() <= max_lines).then_some(lines)
}

/// How a value is written on a chart: with as few decimals (at most two) as
/// show it as given, so 0 is "0", 4.0 is "4" and 2.5 is "2,5".
fn format_value(v: f64, style: NumberStyle) -> String {
    format_decimal(v, value_decimals(&[v]), style)
}

/// The fewest decimals (0, 1 or 2) that show every value as given.
fn value_decimals(values: &[f64]) -> usize {
    for d in 0..2 {
        let factor = 10f64.powi(d);
        let exact = values.iter().all(|v| {
            let scaled = v * factor;
            (scaled - scaled.round()).abs() <= 1e-9 * scaled.abs().max(1.0)
        });
        if exact {
            return d as usize;
        }
    }
    2
}

/// A value usable for drawing: finite and not negative.
fn usable(v: Option<&f64>) -> Option<f64> {
    v.copied().filter(|v| v.is_finite() && *v >= 0.0)
}

// ---------------------------------------------------------------------------
// Scale

/// The most gridline intervals on the y axis.
const MAX_STEPS: f64 = 6.0;

/// A linear y scale from 0 to `top` in `ticks` steps of `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scale {
    top: f64,
    step: f64,
    ticks: usize,
    decimals: usize,
}

impl Scale {
    /// The y scale for data whose largest value is `max`: top rounded up to
    /// a multiple of a 1-2-5 step, at most 6 steps, whole steps for integers.
    fn nice(max: f64, integers: bool) -> Scale {
        let fallback = Scale { top: 1.0, step: 1.0, ticks: 1, decimals: 0 };
        if !(max.is_finite() && max > 0.0) {
            return fallback;
        }
        let mut magnitude = 10f64.powi(max.log10().floor() as i32 - 1);
        for _ in 0..8 {
            for m in [1.0, 2.0, 5.0] {
                let step = m * magnitude;
                if !(step > 0.0 && step.is_finite()) || (integers && step < 1.0) {
                    continue;
                }
                let steps = (max / step - 1e-9).ceil().max(1.0);
                if steps <= MAX_STEPS {
                    let top = steps * step;
                    if !top.is_finite() {
                        return fallback;
                    }
                    let decimals =
                        if step >= 1.0 { 0 } else { ((-step.log10() - 1e-9).ceil().max(0.0) as usize).min(10) };
                    return Scale { top, step, ticks: steps as usize, decimals };
                }
            }
            magnitude *= 10.0;
        }
        fallback
    }

    /// The tick values from 0 to top.
    fn tick_values(&self) -> Vec<f64> {
        (0..=self.ticks).map(|i| i as f64 * self.step).collect()
    }
}

// ---------------------------------------------------------------------------
// Drawing helpers

type DrawResult = Result<(), DrawingErrorKind<std::io::Error>>;

/// plotters' SVG backend, drawn on directly in canvas pixels.
///
/// The charts draw on the whole canvas in its own coordinates, so they skip
/// the `DrawingArea` layer (a `RefCell` borrow, a coordinate translation and
/// an element value per call). Points are clamped to the canvas exactly as
/// the root drawing area clamps them, so the backend writes the same bytes.
struct Canvas<'a> {
    backend: SVGBackend<'a>,
    size: (i32, i32),
}

/// `p` moved onto a canvas of `size`, as plotters' root area does.
fn clamp(p: (i32, i32), size: (i32, i32)) -> (i32, i32) {
    (p.0.min(size.0).max(0), p.1.min(size.1).max(0))
}

impl<'a> Canvas<'a> {
    /// A canvas of `size` pixels writing its SVG into `buf`.
    fn new(buf: &'a mut String, size: (u32, u32)) -> Canvas<'a> {
        let backend = SVGBackend::with_string(buf, size);
        let (width, height) = backend.get_size();
        Canvas { backend, size: (width as i32, height as i32) }
    }

    /// Fills the whole canvas.
    fn fill(&mut self, colour: RGBColor) -> DrawResult {
        self.backend.draw_rect((0, 0), self.size, &colour.to_backend_color(), true)
    }

    /// A rectangle, filled or outlined as `style` says.
    fn rect(&mut self, r: Rect, style: ShapeStyle) -> DrawResult {
        let (from, to) = (clamp((r.x0, r.y0), self.size), clamp((r.x1, r.y1), self.size));
        self.backend.draw_rect(from, to, &style, style.filled)
    }

    /// A polyline.
    fn path(&mut self, points: &[(i32, i32)], style: ShapeStyle) -> DrawResult {
        let size = self.size;
        self.backend.draw_path(points.iter().map(|&p| clamp(p, size)), &style)
    }

    /// A filled polygon.
    fn polygon(&mut self, points: &[(i32, i32)], colour: RGBColor) -> DrawResult {
        let size = self.size;
        self.backend.fill_polygon(points.iter().map(|&p| clamp(p, size)), &colour.to_backend_color())
    }

    /// A circle, filled or outlined as `style` says.
    fn circle(&mut self, at: (i32, i32), r: u32, style: ShapeStyle) -> DrawResult {
        let at = clamp(at, self.size);
        self.backend.draw_circle(at, r, &style, style.filled)
    }

    /// One line of text anchored at `at`.
    fn text(&mut self, text: &str, at: (i32, i32), o: TextOpts) -> DrawResult {
        let at = clamp(at, self.size);
        self.backend.draw_text(text, &o, at)
    }

    /// Closes the document.
    fn present(&mut self) -> DrawResult {
        self.backend.present()
    }
}

/// Options for one piece of text.
#[derive(Clone, Copy)]
struct TextOpts {
    px: f64,
    bold: bool,
    h: HPos,
    v: VPos,
    /// Turned 90° counter-clockwise, reading bottom to top.
    vertical: bool,
}

impl TextOpts {
    fn new(px: f64, h: HPos, v: VPos) -> Self {
        TextOpts { px, bold: false, h, v, vertical: false }
    }
    fn bold(self, bold: bool) -> Self {
        TextOpts { bold, ..self }
    }
    fn vertical(self) -> Self {
        TextOpts { vertical: true, ..self }
    }
}

/// The text style as the SVG backend reads it: near-black, in the placeholder
/// family `FONT_MARK` (`finish` puts in the font stack) and at
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
const FONT_MARK: &str = "stack";

/// The size to hand plotters for text of `px` units: its SVG backend divides
/// by 1.24. The written value (e.g. 13.000000000000002) is tidied by `finish`.
fn plotters_font_size(px: f64) -> f64 {
    px * 1.24
}

fn draw_text(canvas: &mut Canvas<'_>, text: &str, at: (i32, i32), o: TextOpts) -> DrawResult {
    if text.is_empty() {
        return Ok(());
    }
    canvas.text(text, at, o)
}

/// An axis-aligned rectangle in user units: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rect {
    x0: i32,
    y0: i32,
    x1: i32,
    y1: i32,
}

impl Rect {
    fn new(xa: i32, ya: i32, xb: i32, yb: i32) -> Rect {
        Rect { x0: xa.min(xb), y0: ya.min(yb), x1: xa.max(xb), y1: ya.max(yb) }
    }
    fn is_empty(&self) -> bool {
        self.x1 <= self.x0 || self.y1 <= self.y0
    }
}

fn fill_rect(canvas: &mut Canvas<'_>, r: Rect, colour: RGBColor) -> DrawResult {
    if r.is_empty() {
        return Ok(());
    }
    canvas.rect(r, colour.filled())
}

fn outline_rect(canvas: &mut Canvas<'_>, r: Rect, colour: RGBColor) -> DrawResult {
    if r.is_empty() {
        return Ok(());
    }
    canvas.rect(r, ShapeStyle { color: colour.to_rgba(), filled: false, stroke_width: 1 })
}

fn polyline(canvas: &mut Canvas<'_>, points: &[(i32, i32)], colour: RGBColor, width: u32) -> DrawResult {
    if points.len() < 2 {
        return Ok(());
    }
    canvas.path(points, ShapeStyle { color: colour.to_rgba(), filled: false, stroke_width: width })
}

/// A bar or swatch: fill, hatch lines, near-black outline.
fn draw_patterned(canvas: &mut Canvas<'_>, r: Rect, fill: RGBColor, hatches: &[Hatch]) -> DrawResult {
    if r.is_empty() {
        return Ok(());
    }
    fill_rect(canvas, r, fill)?;
    let ink = hatch_ink(fill);
    for &h in hatches {
        polyline(canvas, &hatch_path(r, h), ink, 1)?;
    }
    outline_rect(canvas, r, INK)
}

/// All hatch lines of one direction inside `r` as one polyline. Consecutive
/// lines are joined along the rectangle's edge (boustrophedon), where the
/// outline drawn afterwards covers the joins; this keeps the SVG small and
/// uses nothing but plain shapes, so it survives pasting into slide tools.
/// Lines sit on a global grid so neighbouring bars line up.
fn hatch_path(r: Rect, hatch: Hatch) -> Vec<(i32, i32)> {
    let Rect { x0, y0, x1, y1 } = r;
    if x1 - x0 < 3 || y1 - y0 < 3 {
        return Vec::new();
    }
    // First multiple of `step` strictly greater than `v`.
    let next = |v: i32, step: i32| v - v.rem_euclid(step) + step;
    let mut segments: Vec<((i32, i32), (i32, i32))> = Vec::new();
    match hatch {
        Hatch::Vertical => {
            let mut c = next(x0, 6);
            while c < x1 {
                segments.push(((c, y0), (c, y1)));
                c += 6;
            }
        }
        Hatch::Horizontal => {
            let mut c = next(y0, 6);
            while c < y1 {
                segments.push(((x0, c), (x1, c)));
                c += 6;
            }
        }
        Hatch::Rising => {
            // x + y = c, from the left/bottom edge to the top/right edge.
            let mut c = next(x0 + y0, 8);
            while c < x1 + y1 {
                let a = if c - x0 <= y1 { (x0, c - x0) } else { (c - y1, y1) };
                let b = if c - y0 <= x1 { (c - y0, y0) } else { (x1, c - x1) };
                segments.push((a, b));
                c += 8;
            }
        }
        Hatch::Falling => {
            // x - y = c, from the left/top edge to the bottom/right edge.
            let mut c = next(x0 - y1, 8);
            while c < x1 - y0 {
                let a = if x0 - c >= y0 { (x0, x0 - c) } else { (c + y0, y0) };
                let b = if c + y1 <= x1 { (c + y1, y1) } else { (x1, x1 - c) };
                segments.push((a, b));
                c += 8;
            }
        }
    }
    let mut points: Vec<(i32, i32)> = Vec::with_capacity(segments.len() * 3);
    for (k, &(a, b)) in segments.iter().enumerate() {
        let (start, end) = if k % 2 == 0 { (a, b) } else { (b, a) };
        if let Some(&last) = points.last() {
            walk_edge(&mut points, last, start, r);
        }
        if points.last() != Some(&start) {
            points.push(start);
        }
        points.push(end);
    }
    points
}

/// Position of a point on the edge of `r`, measured clockwise from the
/// top-left corner.
fn perimeter_pos(p: (i32, i32), r: Rect) -> i64 {
    let (w, h) = (i64::from(r.x1 - r.x0), i64::from(r.y1 - r.y0));
    let (x, y) = (i64::from(p.0), i64::from(p.1));
    if p.1 == r.y0 {
        x - i64::from(r.x0)
    } else if p.0 == r.x1 {
        w + y - i64::from(r.y0)
    } else if p.1 == r.y1 {
        w + h + i64::from(r.x1) - x
    } else {
        2 * w + h + i64::from(r.y1) - y
    }
}

/// Appends the corners passed when walking the short way round the edge of
/// `r` from `from` to `to` (both on the edge).
fn walk_edge(points: &mut Vec<(i32, i32)>, from: (i32, i32), to: (i32, i32), r: Rect) {
    let (w, h) = (i64::from(r.x1 - r.x0), i64::from(r.y1 - r.y0));
    let perimeter = 2 * (w + h);
    if perimeter == 0 {
        return;
    }
    let (ta, tb) = (perimeter_pos(from, r), perimeter_pos(to, r));
    let forward = (tb - ta).rem_euclid(perimeter);
    let corners = [(0, (r.x0, r.y0)), (w, (r.x1, r.y0)), (w + h, (r.x1, r.y1)), (2 * w + h, (r.x0, r.y1))];
    let mut passed: Vec<(i64, (i32, i32))> = if forward <= perimeter - forward {
        corners
            .iter()
            .map(|&(t, p)| ((t - ta).rem_euclid(perimeter), p))
            .filter(|&(d, _)| d > 0 && d < forward)
            .collect()
    } else {
        corners
            .iter()
            .map(|&(t, p)| ((ta - t).rem_euclid(perimeter), p))
            .filter(|&(d, _)| d > 0 && d < perimeter - forward)
            .collect()
    };
    passed.sort_by_key(|&(d, _)| d);
    points.extend(passed.into_iter().map(|(_, p)| p));
}

/// A small triangle pointing up at the axis under the highlighted category.
fn draw_highlight_marker(canvas: &mut Canvas<'_>, cx: i32, axis_y: i32) -> DrawResult {
    canvas.polygon(&[(cx, axis_y + 2), (cx - 5, axis_y + 10), (cx + 5, axis_y + 10)], INK)
}

// ---------------------------------------------------------------------------
// Shared layout

/// How the category labels are set.
#[derive(Debug, Clone, PartialEq)]
enum XLabelPlan {
    /// Every label horizontal, wrapped into lines that fit its band.
    Horizontal(Vec<Vec<String>>),
    /// Turned vertical; only the listed categories are labelled (always the
    /// first, the last and the highlighted one when they do not collide).
    Vertical(Vec<(usize, String)>),
}

#[derive(Debug, Clone, PartialEq)]
struct XLabels {
    plan: XLabelPlan,
    /// Height the labels take below the marker row.
    height: i32,
}

/// Chooses horizontal wrapped labels when every label fits its band in at
/// most three lines; otherwise vertical labels, thinned so they never overlap.
fn plan_x_labels(categories: &[String], band: f64, highlight: Option<usize>) -> XLabels {
    let labels: Vec<String> = categories.iter().map(|c| truncate_chars(&clean_label(c), MAX_LABEL_CHARS)).collect();
    // At least 10 units between neighbours, clearly more than a word space,
    // so that labels do not read as one run. The bold highlighted label may
    // come closer, and keeps the others' line breaks when it can.
    let wrapped: Option<Vec<Vec<String>>> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let lines = wrap_words(l, FONT_PX, false, band - 10.0, 3)?;
            if highlight != Some(i) {
                return Some(lines);
            }
            let bold_avail = band - 4.0;
            if lines.iter().all(|line| text_width(line, FONT_PX, true) <= bold_avail) {
                Some(lines)
            } else {
                wrap_words(l, FONT_PX, true, bold_avail, 3)
            }
        })
        .collect();
    if let Some(wrapped) = wrapped {
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        return XLabels { plan: XLabelPlan::Horizontal(wrapped), height: lines as i32 * LINE_PX };
    }
    // Vertical labels are about 15 units thick: space regular labels 18 apart,
    // and let the first, last and highlighted ones come as close as 14.
    let every = |gap: f64| -> usize {
        let step = (gap / band.max(0.01)).ceil().max(1.0);
        if step >= labels.len() as f64 { labels.len().max(1) } else { step as usize }
    };
    let shown: Vec<(usize, String)> = thin_indices(labels.len(), every(18.0), every(14.0), highlight)
        .into_iter()
        .filter_map(|i| labels.get(i).map(|l| (i, truncate_chars(l, MAX_ROTATED_LABEL_CHARS))))
        .collect();
    let longest = shown.iter().map(|(i, l)| text_width(l, FONT_PX, highlight == Some(*i))).fold(0.0, f64::max);
    XLabels { plan: XLabelPlan::Vertical(shown), height: longest.ceil() as i32 + 7 }
}

/// The categories to label when only every `step`-th fits: the highlighted
/// one first, then the first and the last (each kept when no kept label is
/// closer than `min_step`), then a regular grid (each kept when no kept label
/// is closer than `step`).
fn thin_indices(n: usize, step: usize, min_step: usize, highlight: Option<usize>) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let step = step.max(1);
    let min_step = min_step.clamp(1, step);
    let mut chosen: BTreeSet<usize> = BTreeSet::new();
    let forced = highlight.filter(|&h| h < n).into_iter().chain([0, n - 1]).map(|i| (i, min_step));
    let regular = (0..n).step_by(step).map(|i| (i, step));
    for (i, gap) in forced.chain(regular) {
        let lo = i.saturating_sub(gap - 1);
        let hi = i.saturating_add(gap - 1);
        if chosen.range(lo..=hi).next().is_none() {
            chosen.insert(i);
        }
    }
    chosen.into_iter().collect()
}

/// What a legend entry shows next to its text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Swatch {
    /// A series' colour and pattern.
    Series(usize),
    /// The hatch used for counted values.
    Counted,
    /// The range chart's median marker.
    Median,
    /// The range chart's min–max line.
    Range,
}

#[derive(Debug, Clone, PartialEq)]
struct LegendItem {
    swatch: Swatch,
    text: String,
}

/// The most lines one legend item may take.
const MAX_LEGEND_LINES: usize = 3;

/// One line of the legend, placed relative to the legend's top-left corner.
#[derive(Debug, Clone, PartialEq)]
struct LegendLine {
    dx: i32,
    dy: i32,
    /// The swatch before the text: on an item's first line only.
    swatch: Option<Swatch>,
    text: String,
}

/// An item's text in lines no wider than `room`: one line when it fits, else
/// wrapped at spaces into at most three lines, the last cut with "…". Text
/// that cannot be wrapped (one long word) is cut to one line.
fn legend_text_lines(text: &str, room: f64) -> Vec<String> {
    if text_width(text, FONT_PX, false) <= room {
        return vec![text.to_string()];
    }
    match wrap_words(text, FONT_PX, false, room, usize::MAX) {
        Some(mut lines) if lines.len() > MAX_LEGEND_LINES => {
            let rest = lines.split_off(MAX_LEGEND_LINES - 1).join(" ");
            lines.push(truncate_width(&format!("{rest}…"), FONT_PX, false, room));
            lines
        }
        Some(lines) => lines,
        None => vec![truncate_chars(&truncate_width(text, FONT_PX, false, room), 2 * MAX_LABEL_CHARS)],
    }
}

/// Places legend items left to right in rows; an item too wide for a row
/// gets rows of its own, wrapped (its swatch on the first line). Returns the
/// lines and the legend's height.
fn plan_legend(items: Vec<LegendItem>, avail: f64) -> (Vec<LegendLine>, i32) {
    let mut placed = Vec::new();
    // Top of the current row, x of the next item in it, and its height so
    // far (0 while it is empty).
    let (mut y, mut x, mut row_h) = (0i32, 0i32, 0i32);
    let text_room = avail - f64::from(SWATCH_W + 6);
    for item in items {
        let lines = legend_text_lines(&item.text, text_room);
        let widest = lines.iter().map(|l| text_width(l, FONT_PX, false).ceil() as i32).max().unwrap_or(0);
        let w = SWATCH_W + 6 + widest;
        let wrapped = lines.len() > 1;
        if x > 0 && (wrapped || f64::from(x + w) > avail) {
            y += row_h;
            (x, row_h) = (0, 0);
        }
        let height = LEGEND_ROW + (lines.len() as i32 - 1) * LINE_PX;
        for (j, text) in lines.into_iter().enumerate() {
            let swatch = (j == 0).then_some(item.swatch);
            placed.push(LegendLine { dx: x, dy: y + j as i32 * LINE_PX, swatch, text });
        }
        row_h = row_h.max(height);
        x += w + 20;
        if wrapped {
            y += row_h;
            (x, row_h) = (0, 0);
        }
    }
    (placed, y + row_h)
}

fn draw_legend(canvas: &mut Canvas<'_>, placed: &[LegendLine], left: i32, top: i32) -> DrawResult {
    for line in placed {
        let x = left + line.dx;
        let y = top + line.dy;
        let sw = Rect::new(x, y + 2, x + SWATCH_W, y + 2 + SWATCH_H);
        let mid = y + 2 + SWATCH_H / 2;
        match line.swatch {
            Some(Swatch::Series(s)) => draw_patterned(canvas, sw, series_colour(s), series_pattern(s))?,
            Some(Swatch::Counted) => draw_patterned(canvas, sw, PAPER, &[Hatch::Rising])?,
            Some(Swatch::Median) => draw_median_marker(canvas, (x + SWATCH_W / 2, mid), 5)?,
            Some(Swatch::Range) => {
                let cx = x + SWATCH_W / 2;
                draw_range_line(canvas, cx, sw.y0, sw.y1, 5)?;
            }
            None => {}
        }
        draw_text(canvas, &line.text, (x + SWATCH_W + 6, mid), TextOpts::new(FONT_PX, HPos::Left, VPos::Center))?;
    }
    Ok(())
}

/// Horizontal geometry shared by both charts.
#[derive(Debug, Clone, PartialEq)]
struct Columns {
    plot_x0: i32,
    plot_x1: i32,
    band: f64,
    tick_labels: Vec<String>,
}

impl Columns {
    fn new(n: usize, scale: &Scale, style: NumberStyle, y_title_lines: usize, right_margin: i32) -> Columns {
        let tick_labels: Vec<String> =
            scale.tick_values().into_iter().map(|v| format_decimal(v, scale.decimals, style)).collect();
        let widest = tick_labels
            .iter()
            .map(|t| text_width(t, SMALL_FONT_PX, false))
            .fold(0.0, f64::max)
            .min(f64::from(WIDTH) / 4.0);
        let title_w = LINE_PX * y_title_lines.clamp(1, 2) as i32;
        let plot_x0 = MARGIN + title_w + 8 + widest.ceil() as i32 + 8;
        let plot_x1 = WIDTH - right_margin.clamp(RIGHT_MARGIN, WIDTH / 2);
        let band = f64::from(plot_x1 - plot_x0) / n.max(1) as f64;
        Columns { plot_x0, plot_x1, band, tick_labels }
    }

    /// Left edge of category `i`'s band.
    fn band_left(&self, i: usize) -> f64 {
        f64::from(self.plot_x0) + i as f64 * self.band
    }

    /// Centre of category `i`'s band.
    fn centre(&self, i: usize) -> i32 {
        (self.band_left(i) + self.band / 2.0).round() as i32
    }
}

/// Vertical geometry shared by both charts.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rows {
    legend_top: i32,
    plot_y0: i32,
    plot_y1: i32,
    x_labels_top: i32,
    x_title_top: i32,
    height: i32,
}

impl Rows {
    fn new(legend_height: i32, headroom: i32, x_labels_height: i32) -> Rows {
        let legend_top = MARGIN;
        let mut y = legend_top + legend_height;
        if legend_height > 0 {
            y += 6;
        }
        let plot_y0 = y + headroom.max(12);
        let plot_y1 = plot_y0 + PLOT_HEIGHT;
        let x_labels_top = plot_y1 + 13;
        let x_title_top = x_labels_top + x_labels_height + 8;
        Rows { legend_top, plot_y0, plot_y1, x_labels_top, x_title_top, height: x_title_top + LINE_PX + MARGIN }
    }

    /// The y coordinate of `v` on `scale`.
    fn y_of(&self, v: f64, scale: &Scale) -> i32 {
        let frac = if scale.top > 0.0 { (v / scale.top).clamp(0.0, 1.0) } else { 0.0 };
        let y = f64::from(self.plot_y1) - frac * f64::from(self.plot_y1 - self.plot_y0);
        y.round() as i32
    }
}

/// Gridlines (behind the data).
fn draw_grid(canvas: &mut Canvas<'_>, cols: &Columns, rows: &Rows, scale: &Scale) -> DrawResult {
    for v in scale.tick_values().into_iter().skip(1) {
        let y = rows.y_of(v, scale);
        polyline(canvas, &[(cols.plot_x0, y), (cols.plot_x1, y)], GRID, 1)?;
    }
    Ok(())
}

/// Axis lines, y ticks and tick labels, category labels and axis titles.
#[allow(clippy::too_many_arguments)]
fn draw_axes(
    canvas: &mut Canvas<'_>,
    cols: &Columns,
    rows: &Rows,
    scale: &Scale,
    x_labels: &XLabels,
    highlight: Option<usize>,
    x_title: &str,
    y_title: &str,
) -> DrawResult {
    let (x0, x1, y0, y1) = (cols.plot_x0, cols.plot_x1, rows.plot_y0, rows.plot_y1);
    polyline(canvas, &[(x0, y0), (x0, y1)], INK, 1)?;
    polyline(canvas, &[(x0, y1), (x1, y1)], INK, 1)?;
    for (v, label) in scale.tick_values().into_iter().zip(&cols.tick_labels) {
        let y = rows.y_of(v, scale);
        polyline(canvas, &[(x0 - 4, y), (x0, y)], INK, 1)?;
        draw_text(canvas, label, (x0 - 7, y), TextOpts::new(SMALL_FONT_PX, HPos::Right, VPos::Center))?;
    }
    if let Some(h) = highlight {
        draw_highlight_marker(canvas, cols.centre(h), y1)?;
    }
    match &x_labels.plan {
        XLabelPlan::Horizontal(lines) => {
            for (i, lines) in lines.iter().enumerate() {
                let bold = highlight == Some(i);
                for (l, line) in lines.iter().enumerate() {
                    let y = rows.x_labels_top + l as i32 * LINE_PX;
                    let o = TextOpts::new(FONT_PX, HPos::Center, VPos::Top).bold(bold);
                    draw_text(canvas, line, (cols.centre(i), y), o)?;
                }
            }
        }
        XLabelPlan::Vertical(shown) => {
            for (i, label) in shown {
                let bold = highlight == Some(*i);
                let cx = cols.centre(*i);
                if !bold {
                    polyline(canvas, &[(cx, y1), (cx, y1 + 4)], INK, 1)?;
                }
                let o = TextOpts::new(FONT_PX, HPos::Right, VPos::Center).bold(bold).vertical();
                // A little lower than horizontal labels, so that the
                // highlight marker does not read as part of the text.
                draw_text(canvas, label, (cx, rows.x_labels_top + 3), o)?;
            }
        }
    }
    let x_title = truncate_width(&clean_label(x_title), FONT_PX, false, f64::from(x1 - x0));
    draw_text(canvas, &x_title, ((x0 + x1) / 2, rows.x_title_top), TextOpts::new(FONT_PX, HPos::Center, VPos::Top))?;
    for (j, line) in y_title_lines(y_title).iter().enumerate() {
        draw_text(
            canvas,
            line,
            (MARGIN + j as i32 * LINE_PX, (y0 + y1) / 2),
            TextOpts::new(FONT_PX, HPos::Center, VPos::Top).vertical(),
        )?;
    }
    Ok(())
}

/// The y-axis title in one or two lines along the plot's height, the second
/// cut with "…" if even two are not enough.
fn y_title_lines(title: &str) -> Vec<String> {
    let max_w = f64::from(PLOT_HEIGHT + 20);
    let clean = clean_label(title);
    if let Some(lines) = wrap_words(&clean, FONT_PX, false, max_w, 2) {
        return lines;
    }
    let first = wrap_words(&clean, FONT_PX, false, max_w, usize::MAX).and_then(|lines| lines.into_iter().next());
    match first {
        Some(first) => {
            let rest = clean.get(first.len()..).unwrap_or_default().trim();
            let second = truncate_width(rest, FONT_PX, false, max_w);
            vec![first, second]
        }
        None => vec![truncate_width(&clean, FONT_PX, false, max_w)],
    }
}

/// Background band behind the highlighted category.
fn draw_highlight_band(canvas: &mut Canvas<'_>, cols: &Columns, rows: &Rows, i: usize) -> DrawResult {
    let left = cols.band_left(i).round() as i32;
    let right = (cols.band_left(i) + cols.band).round() as i32;
    fill_rect(canvas, Rect::new(left, rows.plot_y0, right, rows.plot_y1), HIGHLIGHT_BAND)
}

// ---------------------------------------------------------------------------
// Value labels above bars

/// How value labels are set above bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelMode {
    /// Horizontal; all fit.
    Horizontal,
    /// Turned vertical; bars are too narrow for horizontal text.
    Vertical,
    /// Bars are too narrow even for vertical text: only labels that fit
    /// horizontally are drawn.
    IfFits,
}

/// Horizontal when every label fits `slot` (the width a label may take),
/// vertical when bars stand at least a line of text apart (`pitch`), else
/// only the labels that fit.
fn label_mode(labels: &[String], slot: f64, pitch: f64) -> LabelMode {
    let widest = labels.iter().map(|l| text_width(l, SMALL_FONT_PX, false)).fold(0.0, f64::max);
    if widest <= slot {
        LabelMode::Horizontal
    } else if pitch >= SMALL_FONT_PX + 2.0 {
        LabelMode::Vertical
    } else {
        LabelMode::IfFits
    }
}

/// Space needed above the plot for value labels.
fn label_headroom(mode: LabelMode, labels: &[String]) -> i32 {
    match mode {
        LabelMode::Vertical => {
            let widest = labels.iter().map(|l| text_width(l, SMALL_FONT_PX, false)).fold(0.0, f64::max);
            widest.ceil() as i32 + 10
        }
        LabelMode::Horizontal | LabelMode::IfFits => SMALL_FONT_PX as i32 + 8,
    }
}

/// Draws a value label above a bar top at `top`, centred on `cx`.
fn draw_value_label(
    canvas: &mut Canvas<'_>,
    label: &str,
    cx: i32,
    top: i32,
    mode: LabelMode,
    slot: f64,
    bold: bool,
) -> DrawResult {
    match mode {
        LabelMode::Vertical => draw_text(
            canvas,
            label,
            (cx, top - 4),
            TextOpts::new(SMALL_FONT_PX, HPos::Left, VPos::Center).bold(bold).vertical(),
        ),
        LabelMode::Horizontal | LabelMode::IfFits => {
            if mode == LabelMode::IfFits && text_width(label, SMALL_FONT_PX, bold) > slot {
                return Ok(());
            }
            draw_text(canvas, label, (cx, top - 3), TextOpts::new(SMALL_FONT_PX, HPos::Center, VPos::Bottom).bold(bold))
        }
    }
}

// ---------------------------------------------------------------------------
// Finishing the document

/// FNV-1a, for stable ids.
struct Fnv(u64);

impl Fnv {
    fn new(kind: &str) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        h.str(kind);
        h
    }
    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn str(&mut self, s: &str) {
        self.bytes(&(s.len() as u64).to_le_bytes());
        self.bytes(s.as_bytes());
    }
    fn num(&mut self, v: f64) {
        self.bytes(&v.to_bits().to_le_bytes());
    }
    fn id(&self) -> String {
        format!("insyn-chart-{:016x}", self.0)
    }
}

fn bar_chart_id(c: &BarChart) -> String {
    let mut h = Fnv::new("bar");
    for s in [&c.title, &c.description, &c.x_label, &c.y_label] {
        h.str(s);
    }
    h.bytes(&(c.categories.len() as u64).to_le_bytes());
    c.categories.iter().for_each(|s| h.str(s));
    for s in &c.series {
        h.str(&s.name);
        h.bytes(&(s.values.len() as u64).to_le_bytes());
        s.values.iter().for_each(|&v| h.num(v));
        h.bytes(&s.counted.iter().map(|&b| u8::from(b)).collect::<Vec<_>>());
    }
    h.bytes(&(c.highlight.map_or(u64::MAX, |i| i as u64)).to_le_bytes());
    h.bytes(&[u8::from(c.stacked), u8::from(c.number_style == NumberStyle::Swedish)]);
    if let Some(note) = &c.counted_note {
        h.str(note);
    }
    h.id()
}

fn range_chart_id(c: &RangeChart) -> String {
    let mut h = Fnv::new("range");
    for s in [&c.title, &c.description, &c.x_label, &c.y_label] {
        h.str(s);
    }
    h.bytes(&(c.categories.len() as u64).to_le_bytes());
    c.categories.iter().for_each(|s| h.str(s));
    for values in [&c.min, &c.median, &c.max] {
        h.bytes(&(values.len() as u64).to_le_bytes());
        values.iter().for_each(|&v| h.num(v));
    }
    h.bytes(&(c.labels.len() as u64).to_le_bytes());
    c.labels.iter().flatten().for_each(|s| h.str(s));
    h.bytes(&[u8::from(c.number_style == NumberStyle::Swedish)]);
    h.id()
}

/// Escapes text for XML content and attribute values.
fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
    out
}

/// Renders with plotters onto a white canvas; None only if plotters fails,
/// which its SVG backend does not do when writing to a string.
fn render(width: i32, height: i32, draw: impl FnOnce(&mut Canvas<'_>) -> DrawResult) -> Option<String> {
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
fn finish(raw: &str, size: (i32, i32), style: NumberStyle, id: &str, title: &str, desc: &str) -> String {
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

/// The attribute plotters' SVG backend writes on every element. The charts
/// draw opaque colours only, and opaque is SVG's default.
const OPAQUE: &str = " opacity=\"1\"";

/// How the backend writes the font family of every text: `FONT_MARK` quoted.
const FONT_MARK_ATTR: &str = "font-family=\"stack\"";

/// What precedes the size of every text.
const FONT_SIZE_ATTR: &str = "font-size=\"";

/// Appends plotters' SVG body to `out` with, in text tags, `FONT_MARK_ATTR`
/// replaced by the font stack and the font size tidied, and `OPAQUE`
/// dropped. The backend writes one tag per line, each attribute at most once
/// in a tag and these in this order; text content (on lines of its own)
/// cannot hold them, as its quotes are escaped.
fn tidy_body(body: &str, out: &mut String) {
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
fn tidy_font_size(value: &str) -> String {
    match value.parse::<f64>() {
        Ok(v) if v.is_finite() => {
            let fixed = format!("{:.2}", (v * 100.0).round() / 100.0);
            fixed.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        _ => value.to_string(),
    }
}

/// A small chart-sized SVG that says there is no data.
fn no_data_svg(id: &str, title: &str, desc: &str, style: NumberStyle) -> String {
    let (width, height) = (WIDTH, 160);
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

// ---------------------------------------------------------------------------
// Bar charts

/// The validated data of a bar chart.
struct BarData {
    /// [series][category]
    values: Vec<Vec<Option<f64>>>,
    /// [series][category]; only set when some values are counted and some not.
    hatched: Vec<Vec<bool>>,
    mixed: bool,
    /// All usable values are whole numbers.
    integers: bool,
}

impl BarData {
    fn new(chart: &BarChart) -> Option<BarData> {
        let n = chart.categories.len();
        if n == 0 || chart.series.is_empty() {
            return None;
        }
        let values: Vec<Vec<Option<f64>>> =
            chart.series.iter().map(|s| (0..n).map(|i| usable(s.values.get(i))).collect()).collect();
        let present: Vec<f64> = values.iter().flatten().flatten().copied().collect();
        if present.is_empty() {
            return None;
        }
        let counted: Vec<Vec<bool>> = chart
            .series
            .iter()
            .zip(&values)
            .map(|(s, vals)| (0..n).map(|i| vals[i].is_some() && s.counted.get(i).copied().unwrap_or(false)).collect())
            .collect();
        let any_counted = counted.iter().flatten().any(|&c| c);
        let any_official =
            values.iter().zip(&counted).any(|(vals, cs)| vals.iter().zip(cs).any(|(v, c)| v.is_some() && !c));
        let mixed = any_counted && any_official;
        let hatched = if mixed { counted } else { vec![vec![false; n]; values.len()] };
        Some(BarData { integers: value_decimals(&present) == 0, values, hatched, mixed })
    }
}

/// Renders a bar chart as a standalone, accessible SVG document.
///
/// Grouped or stacked per `BarChart::stacked` (a stacked chart with one series
/// is drawn as a plain bar chart). Every bar gets a value label (stacked bars:
/// a label per segment where it fits and the total above). When counted and
/// official values mix, counted ones are hatched and their labels end in "*"
/// (a total, when any of its parts is counted), and the legend explains both
/// with `BarChart::counted_note`, wrapped when it is long. Missing values
/// (NaN, infinite, negative or absent) get no bar and an en dash label. With
/// no categories, no series or no usable value, the SVG says "no data".
pub fn bar_chart_svg(chart: &BarChart) -> String {
    let id = bar_chart_id(chart);
    let drawn = BarData::new(chart).and_then(|data| draw_bar_chart(chart, &data));
    match drawn {
        Some((raw, w, h)) => finish(&raw, (w, h), chart.number_style, &id, &chart.title, &chart.description),
        None => no_data_svg(&id, &chart.title, &chart.description, chart.number_style),
    }
}

fn draw_bar_chart(chart: &BarChart, data: &BarData) -> Option<(String, i32, i32)> {
    let style = chart.number_style;
    let n = chart.categories.len();
    let k = data.values.len();
    let stacked = chart.stacked && k > 1;
    let highlight = chart.highlight.filter(|&h| h < n);

    // Heights: bar values, or per-category totals when stacked.
    let totals: Vec<Option<f64>> = (0..n)
        .map(|i| {
            let mut present = data.values.iter().filter_map(|s| s[i]).peekable();
            present.peek()?;
            Some(present.sum())
        })
        .collect();
    let max = if stacked {
        totals.iter().flatten().copied().fold(0.0, f64::max)
    } else {
        data.values.iter().flatten().flatten().copied().fold(0.0, f64::max)
    };
    let scale = Scale::nice(max, data.integers);
    let cols = Columns::new(n, &scale, style, y_title_lines(&chart.y_label).len(), RIGHT_MARGIN);
    let band = cols.band;

    // Bar geometry.
    let (bar_w, group_w) = if stacked {
        (band * 0.6, band * 0.6)
    } else {
        let group = band * if k == 1 { 0.7 } else { 0.8 };
        (group / k as f64, group)
    };
    let bar_x = |i: usize, s: usize| -> (i32, i32) {
        let offset = if stacked { 0.0 } else { s as f64 * bar_w };
        let left = cols.band_left(i) + (band - group_w) / 2.0 + offset;
        (left.round() as i32, (left + bar_w).round() as i32)
    };

    // Labels above bars: the values, or the totals when stacked.
    let missing = "–".to_string();
    // A counted value's label carries a "*" as in the table: the hatch alone
    // does not show on a bar too short to hold it.
    let star = |counted: bool| if counted { "*" } else { "" };
    let top_labels: Vec<Vec<String>> = if stacked {
        vec![
            totals
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let counted = data.hatched.iter().any(|h| h[i]);
                    t.map_or(missing.clone(), |v| format!("{}{}", format_value(v, style), star(counted)))
                })
                .collect(),
        ]
    } else {
        data.values
            .iter()
            .zip(&data.hatched)
            .map(|(s, h)| {
                s.iter()
                    .zip(h)
                    .map(|(v, &counted)| {
                        v.map_or(missing.clone(), |v| format!("{}{}", format_value(v, style), star(counted)))
                    })
                    .collect()
            })
            .collect()
    };
    // Neighbouring labels stay at least 8–12 units apart, well over the width
    // of a digit group separator, so "1 003" "1 004" never reads as one number.
    let slot = if stacked || k == 1 { band - 12.0 } else { bar_w - 8.0 };
    let all_top_labels: Vec<String> = top_labels.iter().flatten().cloned().collect();
    let pitch = if stacked || k == 1 { band } else { bar_w };
    let mode = label_mode(&all_top_labels, slot, pitch);
    let headroom = label_headroom(mode, &all_top_labels);

    let x_labels = plan_x_labels(&chart.categories, band, highlight);

    let mut legend = Vec::new();
    if k > 1 {
        for (s, series) in chart.series.iter().enumerate() {
            let name = truncate_chars(&clean_label(&series.name), MAX_LABEL_CHARS);
            let name = if name.is_empty() {
                match style {
                    NumberStyle::Swedish => format!("Serie {}", s + 1),
                    NumberStyle::English => format!("Series {}", s + 1),
                }
            } else {
                name
            };
            legend.push(LegendItem { swatch: Swatch::Series(s), text: name });
        }
    }
    let note = chart.counted_note.as_deref().filter(|_| data.mixed).map(clean_label).filter(|note| !note.is_empty());
    if let Some(note) = note {
        legend.push(LegendItem { swatch: Swatch::Counted, text: note });
    }
    let (legend, legend_height) = plan_legend(legend, f64::from(WIDTH - 2 * MARGIN));
    let rows = Rows::new(legend_height, headroom, x_labels.height);

    let raw = render(WIDTH, rows.height, |canvas| {
        if let Some(h) = highlight {
            draw_highlight_band(canvas, &cols, &rows, h)?;
        }
        draw_grid(canvas, &cols, &rows, &scale)?;

        // Bars.
        for i in 0..n {
            let mut base = 0.0;
            for s in 0..k {
                let Some(v) = data.values[s][i] else { continue };
                let (left, right) = bar_x(i, s);
                let (bottom, top) = if stacked {
                    let b = rows.y_of(base, &scale);
                    base += v;
                    (b, rows.y_of(base, &scale))
                } else {
                    (rows.plot_y1, rows.y_of(v, &scale))
                };
                let mut hatches: Vec<Hatch> = if k > 1 { series_pattern(s).to_vec() } else { Vec::new() };
                if data.hatched[s][i] {
                    hatches.push(Hatch::Rising);
                }
                draw_patterned(canvas, Rect::new(left, top, right, bottom), series_colour(s), &hatches)?;
            }
        }

        draw_axes(canvas, &cols, &rows, &scale, &x_labels, highlight, &chart.x_label, &chart.y_label)?;

        // Segment labels inside stacked bars, where they fit.
        if stacked {
            for i in 0..n {
                let mut base = 0.0;
                for s in 0..k {
                    let Some(v) = data.values[s][i] else { continue };
                    let (left, right) = bar_x(i, s);
                    let bottom = rows.y_of(base, &scale);
                    base += v;
                    let top = rows.y_of(base, &scale);
                    let label = format!("{}{}", format_value(v, style), star(data.hatched[s][i]));
                    let w = text_width(&label, SMALL_FONT_PX, false);
                    let fits = bottom - top >= SMALL_FONT_PX as i32 + 6 && w + 6.0 <= f64::from(right - left);
                    if fits {
                        let cx = (left + right) / 2;
                        let cy = (top + bottom) / 2;
                        let half = (w / 2.0).ceil() as i32 + 2;
                        fill_rect(canvas, Rect::new(cx - half, cy - 8, cx + half, cy + 8), PAPER)?;
                        draw_text(canvas, &label, (cx, cy), TextOpts::new(SMALL_FONT_PX, HPos::Center, VPos::Center))?;
                    }
                }
            }
        }

        // Labels above bars.
        for (row, labels) in top_labels.iter().enumerate() {
            for (i, label) in labels.iter().enumerate() {
                let (cx, top) = if stacked {
                    let (left, right) = bar_x(i, 0);
                    let top = totals[i].map_or(rows.plot_y1, |t| rows.y_of(t, &scale));
                    ((left + right) / 2, top)
                } else {
                    let (left, right) = bar_x(i, row);
                    let top = data.values[row][i].map_or(rows.plot_y1, |v| rows.y_of(v, &scale));
                    ((left + right) / 2, top)
                };
                draw_value_label(canvas, label, cx, top, mode, slot, stacked)?;
            }
        }

        draw_legend(canvas, &legend, MARGIN, rows.legend_top)
    })?;
    Some((raw, WIDTH, rows.height))
}

// ---------------------------------------------------------------------------
// Range charts

fn draw_median_marker(canvas: &mut Canvas<'_>, at: (i32, i32), r: i32) -> DrawResult {
    let r = r.max(2) as u32;
    canvas.circle(at, r, PALETTE[1].filled())?;
    canvas.circle(at, r, INK.stroke_width(1))
}

fn draw_range_line(canvas: &mut Canvas<'_>, cx: i32, top: i32, bottom: i32, cap: i32) -> DrawResult {
    let colour = PALETTE[0];
    polyline(canvas, &[(cx, top), (cx, bottom)], colour, 2)?;
    polyline(canvas, &[(cx - cap, top), (cx + cap, top)], colour, 2)?;
    polyline(canvas, &[(cx - cap, bottom), (cx + cap, bottom)], colour, 2)
}

/// One category of a range chart, with whatever values it has.
#[derive(Debug, Clone, Copy)]
struct RangeRow {
    min: Option<f64>,
    median: Option<f64>,
    max: Option<f64>,
}

impl RangeRow {
    fn lo_hi(&self) -> Option<(f64, f64)> {
        let present = [self.min, self.median, self.max];
        let mut it = present.iter().flatten().copied();
        let first = it.next()?;
        Some(it.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v))))
    }
    fn has_range(&self) -> bool {
        self.min.is_some() || self.max.is_some()
    }
}

/// Spreads label centres (sorted top to bottom) at least `gap` apart within
/// `[top, bottom]`.
fn spread(ys: &mut [i32], gap: i32, top: i32, bottom: i32) {
    for i in 0..ys.len() {
        let floor = if i == 0 { top } else { ys[i - 1] + gap };
        ys[i] = ys[i].max(floor);
    }
    for i in (0..ys.len()).rev() {
        let ceiling = if i + 1 == ys.len() { bottom } else { ys[i + 1] - gap };
        ys[i] = ys[i].min(ceiling);
    }
}

/// Renders a range chart as a standalone, accessible SVG document.
///
/// Per category a vertical line from min to max with caps, a circle at the
/// median and labels to its right: "median 2,5 h" (or "2,5 h" where space is
/// short; the legend names the marks) and the min and max values. min == max
/// draws a single cap. Values that are NaN, infinite, negative or absent are
/// missing; a category with none is left empty, and a chart with none says
/// "no data".
pub fn range_chart_svg(chart: &RangeChart) -> String {
    let id = range_chart_id(chart);
    match draw_range_chart(chart) {
        Some((raw, w, h)) => finish(&raw, (w, h), chart.number_style, &id, &chart.title, &chart.description),
        None => no_data_svg(&id, &chart.title, &chart.description, chart.number_style),
    }
}

fn draw_range_chart(chart: &RangeChart) -> Option<(String, i32, i32)> {
    let style = chart.number_style;
    let n = chart.categories.len();
    let data: Vec<RangeRow> = (0..n)
        .map(|i| RangeRow {
            min: usable(chart.min.get(i)),
            median: usable(chart.median.get(i)),
            max: usable(chart.max.get(i)),
        })
        .collect();
    let present: Vec<f64> = data.iter().flat_map(|r| [r.min, r.median, r.max]).flatten().collect();
    if present.is_empty() {
        return None;
    }
    let max = present.iter().copied().fold(0.0, f64::max);
    let scale = Scale::nice(max, value_decimals(&present) == 0);
    let hours = |v: f64| format!("{}\u{a0}h", format_value(v, style));

    // Labels sit right of each line; give the last one room on the right.
    let title_lines = y_title_lines(&chart.y_label).len();
    let first = Columns::new(n, &scale, style, title_lines, RIGHT_MARGIN);
    let cols = Columns::new(n, &scale, style, title_lines, (first.band / 2.0).round() as i32);
    let band = cols.band;
    let cap = ((band * 0.2).round() as i32).clamp(2, 7);
    let radius = ((band * 0.2).round() as i32).clamp(2, 5);
    let label_dx = cap.max(radius) + 4;
    let room = band - f64::from(label_dx) - f64::from(cap) - 4.0;

    // The label texts per category: [min, median, max], given or written out.
    let texts: Vec<[Option<String>; 3]> = data
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let given = |j: usize| {
                chart
                    .labels
                    .get(i)
                    .map(|l| truncate_chars(&clean_label(&l[j]), MAX_LABEL_CHARS))
                    .filter(|t| !t.is_empty())
            };
            [
                row.min.map(|v| given(0).unwrap_or_else(|| format_value(v, style))),
                row.median.map(|v| given(1).unwrap_or_else(|| hours(v))),
                row.max.map(|v| given(2).unwrap_or_else(|| format_value(v, style))),
            ]
        })
        .collect();
    // "median 2,5 h" where every median label fits, else "2,5 h" (the legend
    // names the marks), else no median labels.
    let long = |t: &str| format!("median {t}");
    let short = |t: &str| t.to_string();
    let medians: Vec<&str> = texts.iter().filter_map(|t| t[1].as_deref()).collect();
    let fits_all = |f: &dyn Fn(&str) -> String| medians.iter().all(|t| text_width(&f(t), SMALL_FONT_PX, false) <= room);
    let median_label: Option<&dyn Fn(&str) -> String> = if fits_all(&long) {
        Some(&long)
    } else if fits_all(&short) {
        Some(&short)
    } else {
        None
    };

    let x_labels = plan_x_labels(&chart.categories, band, None);
    let legend = vec![
        LegendItem { swatch: Swatch::Median, text: "median".to_string() },
        LegendItem { swatch: Swatch::Range, text: "min–max".to_string() },
    ];
    let (legend, legend_height) = plan_legend(legend, f64::from(WIDTH - 2 * MARGIN));
    let rows = Rows::new(legend_height, 14, x_labels.height);

    let raw = render(WIDTH, rows.height, |canvas| {
        draw_grid(canvas, &cols, &rows, &scale)?;
        draw_axes(canvas, &cols, &rows, &scale, &x_labels, None, &chart.x_label, &chart.y_label)?;
        for (i, row) in data.iter().enumerate() {
            let Some((lo, hi)) = row.lo_hi() else {
                continue;
            };
            let cx = cols.centre(i);
            let (y_lo, y_hi) = (rows.y_of(lo, &scale), rows.y_of(hi, &scale));
            if row.has_range() {
                draw_range_line(canvas, cx, y_hi, y_lo, cap)?;
            }
            let [min_text, median_text, max_text] = &texts[i];
            let mut labels: Vec<(i32, String)> = Vec::new();
            if let Some(m) = row.median {
                draw_median_marker(canvas, (cx, rows.y_of(m, &scale)), radius)?;
                if let (Some(f), Some(t)) = (median_label, median_text) {
                    labels.push((rows.y_of(m, &scale), f(t)));
                }
            }
            // A value that reads the same as one already labelled is not
            // labelled twice.
            let same = |v: f64, t: &Option<String>, other: Option<f64>, other_text: &Option<String>| {
                Some(v) == other || (t.is_some() && t == other_text)
            };
            if let (Some(v), Some(t)) = (row.max, max_text)
                && !same(v, max_text, row.median, median_text)
            {
                labels.push((y_hi, t.clone()));
            }
            if let (Some(v), Some(t)) = (row.min, min_text)
                && !same(v, min_text, row.median, median_text)
                && !same(v, min_text, row.max, max_text)
            {
                labels.push((y_lo, t.clone()));
            }
            labels.retain(|(_, l)| text_width(l, SMALL_FONT_PX, false) <= room);
            labels.sort_by_key(|&(y, _)| y);
            let mut ys: Vec<i32> = labels.iter().map(|&(y, _)| y).collect();
            spread(&mut ys, LINE_PX - 2, rows.plot_y0 - 6, rows.plot_y1 - 8);
            for ((_, label), y) in labels.iter().zip(ys) {
                draw_text(canvas, label, (cx + label_dx, y), TextOpts::new(SMALL_FONT_PX, HPos::Left, VPos::Center))?;
            }
        }
        draw_legend(canvas, &legend, MARGIN, rows.legend_top)
    })?;
    Some((raw, WIDTH, rows.height))
}

#[cfg(test)]
mod tests {
    use super::*;

    // -- A tiny XML reader, enough to check well-formedness and structure. --

    #[derive(Debug, Clone, PartialEq)]
    struct Node {
        name: String,
        attrs: Vec<(String, String)>,
        children: Vec<Node>,
        text: String,
    }

    impl Node {
        fn attr(&self, name: &str) -> Option<&str> {
            self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
        }
        /// All descendants (depth first), self excluded.
        fn descendants(&self) -> Vec<&Node> {
            let mut out = Vec::new();
            for c in &self.children {
                out.push(c);
                out.extend(c.descendants());
            }
            out
        }
        fn texts(&self) -> Vec<&Node> {
            self.descendants().into_iter().filter(|n| n.name == "text").collect()
        }
        /// Text content as a browser would show it (white space collapsed).
        fn content(&self) -> String {
            self.text.split([' ', '\t', '\n', '\r']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
        }
        fn num(&self, name: &str) -> f64 {
            self.attr(name).and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
        }
    }

    fn decode_entities(s: &str) -> Result<String, String> {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find('&') {
            out.push_str(&rest[..i]);
            let end = rest[i..].find(';').ok_or("unterminated entity")? + i;
            let ent = &rest[i + 1..end];
            let c = match ent {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                _ if ent.starts_with("#x") => {
                    u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32).ok_or("bad char ref")?
                }
                _ if ent.starts_with('#') => {
                    ent[1..].parse::<u32>().ok().and_then(char::from_u32).ok_or("bad char ref")?
                }
                _ => return Err(format!("unknown entity &{ent};")),
            };
            out.push(c);
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn is_name_char(c: char) -> bool {
        c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')
    }

    fn xml_char_ok(c: char) -> bool {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
    }

    /// Parses a document: optional XML declaration, one root element, tags
    /// balanced, attributes quoted and unique, entities known.
    fn parse(doc: &str) -> Result<Node, String> {
        if let Some(c) = doc.chars().find(|&c| !xml_char_ok(c)) {
            return Err(format!("character not allowed in XML: {:?}", c));
        }
        let mut s = doc;
        if let Some(rest) = s.strip_prefix("<?xml") {
            s = &rest[rest.find("?>").ok_or("unterminated declaration")? + 2..];
        }
        s = s.trim_start();
        let mut stack: Vec<Node> = Vec::new();
        let mut root: Option<Node> = None;
        while !s.is_empty() {
            if root.is_some() {
                if s.trim().is_empty() {
                    break;
                }
                return Err(format!("content after the root: {:.40}", s));
            }
            if let Some(rest) = s.strip_prefix("<!--") {
                s = &rest[rest.find("-->").ok_or("unterminated comment")? + 3..];
            } else if let Some(rest) = s.strip_prefix("</") {
                let end = rest.find('>').ok_or("unterminated end tag")?;
                let name = rest[..end].trim();
                let node = stack.pop().ok_or("end tag without start")?;
                if node.name != name {
                    return Err(format!("</{name}> closes <{}>", node.name));
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
                s = &rest[end + 1..];
            } else if let Some(rest) = s.strip_prefix('<') {
                let name_end = rest.find(|c: char| !is_name_char(c)).ok_or("unterminated tag")?;
                let name = &rest[..name_end];
                if name.is_empty() {
                    return Err("empty tag name".into());
                }
                let mut node =
                    Node { name: name.to_string(), attrs: Vec::new(), children: Vec::new(), text: String::new() };
                let mut r = &rest[name_end..];
                let self_closing = loop {
                    let t = r.trim_start();
                    if let Some(after) = t.strip_prefix("/>") {
                        r = after;
                        break true;
                    }
                    if let Some(after) = t.strip_prefix('>') {
                        r = after;
                        break false;
                    }
                    if t.len() == r.len() {
                        return Err(format!("no space before attribute in <{name}>"));
                    }
                    let eq = t.find('=').ok_or("attribute without value")?;
                    let key = t[..eq].trim();
                    if key.is_empty() || !key.chars().all(is_name_char) {
                        return Err(format!("bad attribute name {key:?}"));
                    }
                    let v = t[eq + 1..].trim_start();
                    let quote = v.chars().next().ok_or("eof in attribute")?;
                    if quote != '"' && quote != '\'' {
                        return Err(format!("unquoted attribute {key}"));
                    }
                    let close = v[1..].find(quote).ok_or("unterminated attribute")? + 1;
                    let raw = &v[1..close];
                    if raw.contains('<') {
                        return Err(format!("'<' in attribute {key}"));
                    }
                    if node.attrs.iter().any(|(k, _)| k == key) {
                        return Err(format!("duplicate attribute {key}"));
                    }
                    node.attrs.push((key.to_string(), decode_entities(raw)?));
                    r = &v[close + 1..];
                };
                s = r;
                if self_closing {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => root = Some(node),
                    }
                } else {
                    stack.push(node);
                }
            } else {
                let end = s.find('<').unwrap_or(s.len());
                let text = decode_entities(&s[..end])?;
                match stack.last_mut() {
                    Some(node) => node.text.push_str(&text),
                    None if text.trim().is_empty() => {}
                    None => return Err("text outside the root".into()),
                }
                s = &s[end..];
            }
        }
        if let Some(open) = stack.last() {
            return Err(format!("<{}> not closed", open.name));
        }
        root.ok_or_else(|| "no root element".to_string())
    }

    /// Parses and checks everything every chart must satisfy.
    fn check(svg: &str) -> Node {
        let root = match parse(svg) {
            Ok(root) => root,
            Err(e) => panic!("not well-formed: {e}\n{svg}"),
        };
        assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"));
        assert_eq!(root.name, "svg");
        assert_eq!(root.attr("xmlns"), Some("http://www.w3.org/2000/svg"));
        assert_eq!(root.attr("width"), None, "root must not have a width");
        assert_eq!(root.attr("height"), None, "root must not have a height");
        assert_eq!(root.attr("role"), Some("img"));
        assert!(matches!(root.attr("xml:lang"), Some("sv" | "en")), "the language of its words");
        let view_box = root.attr("viewBox").unwrap_or_default();
        let vb: Vec<f64> = view_box.split(' ').map(|v| v.parse().unwrap_or(f64::NAN)).collect();
        assert_eq!(vb.len(), 4, "viewBox {view_box}");
        assert!(vb[0] == 0.0 && vb[1] == 0.0 && vb[2] > 0.0 && vb[3] > 0.0);
        // <title> and <desc> first, referenced by aria-labelledby.
        assert_eq!(root.children[0].name, "title");
        assert_eq!(root.children[1].name, "desc");
        let ids: Vec<&str> = root.attr("aria-labelledby").unwrap_or_default().split(' ').collect();
        assert_eq!(
            ids,
            vec![root.children[0].attr("id").unwrap_or("missing"), root.children[1].attr("id").unwrap_or("missing"),]
        );
        assert_ne!(ids[0], ids[1]);
        // A white background covering the canvas.
        let bg = &root.children[2];
        assert_eq!(bg.name, "rect");
        assert_eq!(bg.attr("fill"), Some("#FFFFFF"));
        assert_eq!((bg.num("width"), bg.num("height")), (vb[2], vb[3]));
        // The system font stack on every text, whole-number font sizes.
        for t in root.texts() {
            assert_eq!(t.attr("font-family"), Some(FONT_STACK));
            let size = t.num("font-size");
            assert!(size == size.round() && size >= 12.0, "font-size {size}");
        }
        assert!(!svg.contains("&apos;"), "font stack left escaped");
        // Nothing external, nothing non-finite.
        assert_eq!(svg.matches("http").count(), 1, "only the xmlns may be a URL");
        assert!(!svg.contains("url("));
        assert!(!svg.contains("href"));
        assert!(!svg.contains("NaN"));
        for n in root.descendants() {
            for (key, value) in &n.attrs {
                let numeric = match key.as_str() {
                    "x" | "y" | "width" | "height" | "cx" | "cy" | "r" | "font-size" | "stroke-width" => {
                        vec![value.as_str()]
                    }
                    "points" => value.split([' ', ',']).filter(|v| !v.is_empty()).collect(),
                    _ => Vec::new(),
                };
                for v in numeric {
                    let ok = v.parse::<f64>().is_ok_and(f64::is_finite)
                        && v.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '.');
                    assert!(ok, "{key}={value:?} on <{}>", n.name);
                }
                if key == "width" || key == "height" || key == "r" {
                    assert!(value.parse::<f64>().is_ok_and(|v| v >= 0.0), "{key}={value}");
                }
            }
        }
        root
    }

    fn texts_with(root: &Node, content: &str) -> usize {
        root.texts().iter().filter(|t| t.content() == content).count()
    }

    fn contents(root: &Node) -> Vec<String> {
        root.texts().iter().map(|t| t.content()).collect()
    }

    fn series(name: &str, values: &[f64]) -> Series {
        Series { name: name.to_string(), values: values.to_vec(), counted: Vec::new() }
    }

    fn chart(categories: &[&str], series: Vec<Series>) -> BarChart {
        BarChart {
            title: "Incidenter per kvartal".to_string(),
            description: "Antalet incidenter ökade.".to_string(),
            x_label: "Period".to_string(),
            y_label: "Antal incidenter".to_string(),
            categories: categories.iter().map(|c| c.to_string()).collect(),
            series,
            highlight: None,
            stacked: false,
            counted_note: None,
            number_style: NumberStyle::Swedish,
        }
    }

    fn year_on_year() -> BarChart {
        BarChart {
            highlight: Some(1),
            ..chart(&["Kvartal 1 2022", "Kvartal 1 2023"], vec![series("Incidenter", &[756.0, 1003.0])])
        }
    }

    fn range(categories: &[&str], min: &[f64], median: &[f64], max: &[f64]) -> RangeChart {
        RangeChart {
            title: "Tid till åtgärd".to_string(),
            description: "Medianen är under tre timmar.".to_string(),
            x_label: "Tjänst".to_string(),
            y_label: "Timmar".to_string(),
            categories: categories.iter().map(|c| c.to_string()).collect(),
            min: min.to_vec(),
            median: median.to_vec(),
            max: max.to_vec(),
            labels: Vec::new(),
            number_style: NumberStyle::Swedish,
        }
    }

    // -- Document structure --

    #[test]
    fn bar_chart_structure() {
        let c = year_on_year();
        let svg = bar_chart_svg(&c);
        let root = check(&svg);
        assert_eq!(root.children[0].content(), c.title);
        assert_eq!(root.children[1].content(), c.description);
        assert!(svg.len() < 50_000);
    }

    #[test]
    fn title_and_description_are_escaped() {
        let c = BarChart {
            title: "A <b> & \"c\" 'd'\u{7}".to_string(),
            description: "x < y && y > z".to_string(),
            ..year_on_year()
        };
        let svg = bar_chart_svg(&c);
        let root = check(&svg);
        assert_eq!(root.children[0].content(), "A <b> & \"c\" 'd'");
        assert_eq!(root.children[1].content(), "x < y && y > z");
        assert!(svg.contains("A &lt;b&gt; &amp; &quot;c&quot;"));
    }

    #[test]
    fn ids_are_stable_and_differ_between_charts() {
        let a = check(&bar_chart_svg(&year_on_year()));
        let a2 = check(&bar_chart_svg(&year_on_year()));
        let mut other = year_on_year();
        other.series[0].values[0] = 757.0;
        let b = check(&bar_chart_svg(&other));
        let id = |n: &Node| n.children[0].attr("id").unwrap_or_default().to_string();
        assert_eq!(id(&a), id(&a2));
        assert_ne!(id(&a), id(&b));
        assert!(id(&a).starts_with("insyn-chart-"));
    }

    #[test]
    fn deterministic_output() {
        let mut c = year_on_year();
        c.series.push(series("Övrigt", &[f64::NAN, 3.5]));
        c.stacked = true;
        assert_eq!(bar_chart_svg(&c), bar_chart_svg(&c));
        let r = range(&["A", "B"], &[0.5, 1.0], &[2.5, 1.0], &[8.0, 1.0]);
        assert_eq!(range_chart_svg(&r), range_chart_svg(&r));
    }

    // -- Bar content --

    #[test]
    fn value_labels_for_every_bar() {
        let root = check(&bar_chart_svg(&year_on_year()));
        assert_eq!(texts_with(&root, "756"), 1);
        assert_eq!(texts_with(&root, "1\u{a0}003"), 1);
        let mut c = year_on_year();
        c.number_style = NumberStyle::English;
        let root = check(&bar_chart_svg(&c));
        assert_eq!(texts_with(&root, "1,003"), 1);
    }

    #[test]
    fn axes_are_labelled_and_start_at_zero() {
        let root = check(&bar_chart_svg(&year_on_year()));
        let all = contents(&root);
        for expected in ["Period", "Antal incidenter", "0", "1\u{a0}200"] {
            assert!(all.iter().any(|t| t == expected), "{expected} missing: {all:?}");
        }
        // 1003 rounds up to 1 200 in steps of 200.
        assert!(all.iter().any(|t| t == "200"));
        assert!(!all.iter().any(|t| t == "1\u{a0}100"));
        // The y title is vertical.
        let y_title = root.texts().into_iter().find(|t| t.content() == "Antal incidenter").cloned();
        assert!(y_title.and_then(|t| t.attr("transform").map(str::to_string)).is_some());
    }

    #[test]
    fn highlighted_category_is_bold_and_marked() {
        let root = check(&bar_chart_svg(&year_on_year()));
        let find = |label: &str| root.texts().into_iter().find(|t| t.content() == label).cloned();
        let current = find("Kvartal 1 2023").expect("current label");
        let previous = find("Kvartal 1 2022").expect("previous label");
        assert_eq!(current.attr("font-weight"), Some("bold"));
        assert_eq!(previous.attr("font-weight"), None);
        // A marker shape (not just colour) under the current category.
        let markers: Vec<&Node> = root.descendants().into_iter().filter(|n| n.name == "polygon").collect();
        assert_eq!(markers.len(), 1);
        let x = current.num("x");
        let points = markers[0].attr("points").unwrap_or_default();
        let first_x: f64 = points.split([',', ' ']).next().and_then(|v| v.parse().ok()).unwrap_or(f64::NAN);
        assert_eq!(first_x, x);
    }

    #[test]
    fn legend_only_with_several_series() {
        let one = check(&bar_chart_svg(&year_on_year()));
        assert_eq!(texts_with(&one, "Incidenter"), 0);
        let mut c = year_on_year();
        c.series.push(series("Säkerhet", &[12.0, 17.0]));
        let two = check(&bar_chart_svg(&c));
        assert_eq!(texts_with(&two, "Incidenter"), 1);
        assert_eq!(texts_with(&two, "Säkerhet"), 1);
        assert_eq!(texts_with(&two, "12"), 1);
        assert_eq!(texts_with(&two, "17"), 1);
    }

    #[test]
    fn series_differ_by_pattern_not_only_colour() {
        for s in 0..36 {
            for t in 0..s {
                let same = series_colour(s) == series_colour(t) && series_pattern(s) == series_pattern(t);
                assert!(!same, "series {s} and {t} look the same");
            }
        }
        for s in 1..6 {
            assert!(!series_pattern(s).is_empty());
            assert!(!series_pattern(s).contains(&Hatch::Rising), "/ is for counted values");
        }
    }

    #[test]
    fn counted_note_only_for_mixed_values() {
        let note = "Räknat ur registret";
        let with = |counted: Vec<bool>| {
            let mut c = year_on_year();
            c.series[0].counted = counted;
            c.counted_note = Some(note.to_string());
            check(&bar_chart_svg(&c))
        };
        let hatch_count = |root: &Node| {
            root.descendants().iter().filter(|n| n.name == "polyline" && n.attr("stroke") == Some("#FFFFFF")).count()
        };
        let mixed = with(vec![false, true]);
        assert_eq!(texts_with(&mixed, note), 1);
        assert_eq!(hatch_count(&mixed), 1);
        // The counted value's label is starred like its table cell.
        assert_eq!(texts_with(&mixed, "756"), 1);
        assert_eq!(texts_with(&mixed, "1\u{a0}003*"), 1);
        let all = with(vec![true, true]);
        assert_eq!(texts_with(&all, note), 0);
        assert_eq!(hatch_count(&all), 0);
        assert_eq!(texts_with(&all, "1\u{a0}003"), 1);
        let none = with(vec![]);
        assert_eq!(texts_with(&none, note), 0);
    }

    #[test]
    fn stacked_bars_have_segment_labels_and_totals() {
        let mut c = chart(
            &["Q1", "Q2", "Q3"],
            vec![series("Drift", &[410.0, 430.0, 370.0]), series("Säkerhet", &[120.0, 90.0, 2.0])],
        );
        c.stacked = true;
        let root = check(&bar_chart_svg(&c));
        for total in ["530", "520", "372"] {
            let t = root.texts().into_iter().find(|t| t.content() == total).cloned();
            assert_eq!(t.and_then(|t| t.attr("font-weight").map(str::to_string)).as_deref(), Some("bold"));
        }
        for segment in ["410", "430", "370", "120", "90"] {
            assert_eq!(texts_with(&root, segment), 1, "{segment}");
        }
        // 2 is too thin a segment to label; the total still says it.
        assert_eq!(texts_with(&root, "2"), 0);
    }

    // -- Edge cases --

    #[test]
    fn no_categories_says_no_data() {
        for c in [
            chart(&[], vec![series("A", &[1.0])]),
            chart(&["A"], vec![]),
            chart(&["A", "B"], vec![series("A", &[f64::NAN, f64::INFINITY])]),
        ] {
            let root = check(&bar_chart_svg(&c));
            assert_eq!(contents(&root), vec!["Inga data att visa".to_string()]);
        }
        let mut c = chart(&[], vec![]);
        c.number_style = NumberStyle::English;
        let root = check(&bar_chart_svg(&c));
        assert_eq!(contents(&root), vec!["No data to show".to_string()]);
    }

    #[test]
    fn single_category() {
        let c = chart(&["Kvartal 1 2023"], vec![series("A", &[42.0])]);
        let root = check(&bar_chart_svg(&c));
        assert_eq!(texts_with(&root, "42"), 1);
        assert_eq!(texts_with(&root, "Kvartal 1 2023"), 1);
    }

    #[test]
    fn all_zeros_draws_axis_and_zero_labels() {
        let c = chart(&["A", "B", "C"], vec![series("A", &[0.0, 0.0, 0.0])]);
        let svg = bar_chart_svg(&c);
        let root = check(&svg);
        // Three value labels and the tick at 0.
        assert_eq!(texts_with(&root, "0"), 4);
        assert_eq!(texts_with(&root, "1"), 1);
        let axis_lines =
            root.descendants().iter().filter(|n| n.name == "polyline" && n.attr("stroke") == Some("#1A1A1A")).count();
        assert!(axis_lines >= 2);
    }

    #[test]
    fn nan_negative_and_short_series_are_missing() {
        let mut c = chart(&["A", "B", "C", "D", "E"], vec![series("A", &[1.7, f64::NAN, -3.0, f64::NEG_INFINITY])]);
        c.series[0].counted = vec![true];
        c.highlight = Some(99);
        let root = check(&bar_chart_svg(&c));
        assert_eq!(texts_with(&root, "1,7"), 1);
        assert_eq!(texts_with(&root, "–"), 4);
        assert_eq!(texts_with(&root, "\u{2212}3"), 0);
    }

    #[test]
    fn long_label_is_truncated() {
        let long = "Mycket".repeat(40);
        let c = chart(&[&long, "B"], vec![series("A", &[1.0, 2.0])]);
        let root = check(&bar_chart_svg(&c));
        let label = contents(&root).into_iter().find(|t| t.starts_with("Mycket")).unwrap_or_default();
        assert!(label.ends_with('…'), "{label}");
        assert!(label.chars().count() <= MAX_LABEL_CHARS);
        // Long series names and notes are cut too.
        let mut c = chart(&["A"], vec![series(&long, &[1.0]), series(&long, &[2.0])]);
        c.series[0].counted = vec![true];
        c.counted_note = Some(long.clone());
        let root = check(&bar_chart_svg(&c));
        assert!(contents(&root).iter().all(|t| t.chars().count() <= 2 * MAX_LABEL_CHARS));
    }

    #[test]
    fn eighty_categories_are_thinned_without_overlap() {
        let labels: Vec<String> = (0..80).map(|i| format!("Vecka {} 2023", i + 1)).collect();
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let values: Vec<f64> = (0..80).map(|i| f64::from((i * 37) % 90 + 5)).collect();
        let mut c = chart(&refs, vec![series("A", &values)]);
        c.highlight = Some(41);
        let svg = bar_chart_svg(&c);
        let root = check(&svg);
        let shown: Vec<Node> = root.texts().into_iter().filter(|t| labels.contains(&t.content())).cloned().collect();
        assert!(shown.len() < 80 && shown.len() >= 10, "{}", shown.len());
        for must in ["Vecka 1 2023", "Vecka 42 2023", "Vecka 80 2023"] {
            assert!(shown.iter().any(|t| t.content() == must), "{must} not shown");
        }
        // Rotated, and never closer than a line of text.
        let mut xs: Vec<f64> = shown.iter().map(|t| t.num("x")).collect();
        assert!(shown.iter().all(|t| t.attr("transform").is_some()));
        xs.sort_by(f64::total_cmp);
        for pair in xs.windows(2) {
            assert!(pair[1] - pair[0] >= 13.0, "labels at {pair:?} overlap");
        }
        // Bars are too thin for their value labels, which are dropped then
        // (and only then).
        assert_eq!(texts_with(&root, "42"), 0);
        let bars = root.descendants().iter().filter(|n| n.name == "rect" && n.attr("fill") == Some("#0072B2")).count();
        assert_eq!(bars, 80);
        assert!(svg.len() < 60_000, "{} bytes", svg.len());
    }

    #[test]
    fn ten_categories_three_series_fit_and_are_small() {
        let labels: Vec<String> = (0..10).map(|i| format!("Kvartal {} {}", i % 4 + 1, 2021 + i / 4)).collect();
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let mk = |base: f64| (0..10).map(|i| base + f64::from(i) * 13.0).collect::<Vec<_>>();
        let mut c =
            chart(&refs, vec![series("Drift", &mk(400.0)), series("Säkerhet", &mk(100.0)), series("Data", &mk(10.0))]);
        c.series[2].counted = vec![true; 5];
        c.counted_note = Some("Räknat".to_string());
        c.highlight = Some(9);
        let svg = bar_chart_svg(&c);
        let root = check(&svg);
        assert!(svg.len() < 50_000, "{} bytes", svg.len());
        // Every bar has its value label; counted ones (hatched) end in "*".
        for s in &c.series {
            for (i, v) in s.values.iter().enumerate() {
                let star = if s.counted.get(i).copied().unwrap_or(false) { "*" } else { "" };
                let label = format!("{}{star}", format_value(*v, NumberStyle::Swedish));
                assert!(texts_with(&root, &label) >= 1, "{label}");
            }
        }
        // Category labels horizontal, and neighbours do not overlap.
        let mut boxes: Vec<(f64, f64)> = Vec::new();
        for t in root.texts() {
            let content = t.content();
            if labels.iter().any(|l| l.contains(&content)) && t.attr("transform").is_none() && content.contains(' ') {
                let w = text_width(&content, FONT_PX, t.attr("font-weight").is_some());
                let x = t.num("x");
                boxes.push((x - w / 2.0, x + w / 2.0));
            }
        }
        assert!(boxes.len() >= 10, "{boxes:?}");
        boxes.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in boxes.windows(2) {
            let same_column = (pair[0].0 + pair[0].1 - pair[1].0 - pair[1].1).abs() < 1.0;
            assert!(same_column || pair[0].1 <= pair[1].0, "{pair:?}");
        }
    }

    #[test]
    fn many_series_and_mismatched_lengths_do_not_panic() {
        let many: Vec<Series> = (0..12)
            .map(|s| Series {
                name: format!("S{s}"),
                values: vec![f64::from(s); s as usize % 4],
                counted: vec![s % 2 == 0; 7],
            })
            .collect();
        for stacked in [false, true] {
            let mut c = chart(&["A", "B", "C"], many.clone());
            c.stacked = stacked;
            c.counted_note = Some("n".to_string());
            check(&bar_chart_svg(&c));
        }
    }

    #[test]
    fn extreme_values_do_not_panic() {
        for v in [1e300, f64::MAX, 1e-300, f64::MIN_POSITIVE, 5e-324, 0.001, 123_456_789.0] {
            let c = chart(&["A", "B"], vec![series("A", &[v, 1.0])]);
            check(&bar_chart_svg(&c));
            let r = range(&["A"], &[0.0], &[v], &[v]);
            check(&range_chart_svg(&r));
        }
    }

    #[test]
    fn palette_contrast() {
        for c in PALETTE {
            let ratio = contrast_ratio(c, PAPER);
            assert!(ratio >= 3.0, "{c:?} has {ratio:.2}:1 against white");
        }
        assert!(contrast_ratio(INK, PAPER) >= 4.5);
        // Hatch lines stand out on every fill.
        for c in PALETTE.into_iter().chain([PAPER]) {
            assert!(contrast_ratio(hatch_ink(c), c) >= 3.0, "{c:?}");
        }
        // Known values: black on white is 21:1.
        assert!((contrast_ratio(RGBColor(0, 0, 0), PAPER) - 21.0).abs() < 1e-9);
    }

    // -- Helpers --

    #[test]
    fn nice_scale() {
        let s = Scale::nice(1003.0, true);
        assert_eq!((s.top, s.step, s.ticks), (1200.0, 200.0, 6));
        let s = Scale::nice(756.0, true);
        assert_eq!((s.top, s.step), (800.0, 200.0));
        let s = Scale::nice(2.7, false);
        assert_eq!((s.top, s.step, s.decimals), (3.0, 0.5, 1));
        let s = Scale::nice(3.0, true);
        assert_eq!((s.top, s.step), (3.0, 1.0));
        let s = Scale::nice(0.0, true);
        assert_eq!((s.top, s.step), (1.0, 1.0));
        let s = Scale::nice(f64::NAN, true);
        assert_eq!((s.top, s.step), (1.0, 1.0));
        // Integer data never gets fractional ticks.
        for max in [1.0, 2.0, 3.0, 4.0, 7.0, 11.0] {
            let s = Scale::nice(max, true);
            assert!(s.step >= 1.0 && s.step.fract() == 0.0 && s.top >= max);
        }
        for max in [0.07, 0.3, 1.5, 9.99, 47.0, 101.0, 999_999.0] {
            let s = Scale::nice(max, false);
            assert!(s.top >= max && s.ticks <= 6 && s.ticks >= 1, "{max}: {s:?}");
            let mantissa = s.step / 10f64.powf(s.step.log10().floor());
            assert!([1.0, 2.0, 5.0].iter().any(|m| (m - mantissa).abs() < 1e-9), "{s:?}");
        }
    }

    #[test]
    fn thinning_keeps_first_last_and_highlight() {
        assert_eq!(thin_indices(10, 3, 2, None), vec![0, 3, 6, 9]);
        // 9 and 6 are too close to the highlighted 8.
        assert_eq!(thin_indices(10, 3, 2, Some(8)), vec![0, 3, 8]);
        assert_eq!(thin_indices(10, 3, 1, Some(8)), vec![0, 3, 8, 9]);
        assert_eq!(thin_indices(80, 3, 2, Some(77)).last(), Some(&79));
        assert_eq!(thin_indices(1, 3, 2, Some(0)), vec![0]);
        assert!(thin_indices(0, 3, 2, Some(0)).is_empty());
    }

    #[test]
    fn hatch_paths_stay_inside_their_rectangle() {
        let rects = [
            Rect::new(10, 20, 40, 200),
            Rect::new(-5, -7, 13, 11),
            Rect::new(0, 0, 300, 9),
            Rect::new(3, 3, 6, 6),
            Rect::new(0, 0, 1, 1),
        ];
        for r in rects {
            for h in [Hatch::Rising, Hatch::Falling, Hatch::Vertical, Hatch::Horizontal] {
                let path = hatch_path(r, h);
                for &(x, y) in &path {
                    assert!(x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1, "{r:?} {h:?} {x},{y}");
                }
                // Every step runs along a hatch line or along the edge.
                for pair in path.windows(2) {
                    let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
                    let on_edge = (ax == bx && (ax == r.x0 || ax == r.x1)) || (ay == by && (ay == r.y0 || ay == r.y1));
                    let along = match h {
                        Hatch::Rising => ax + ay == bx + by,
                        Hatch::Falling => ax - ay == bx - by,
                        Hatch::Vertical => ax == bx,
                        Hatch::Horizontal => ay == by,
                    };
                    assert!(on_edge || along, "{r:?} {h:?} {pair:?}");
                }
            }
        }
        assert!(hatch_path(Rect::new(0, 0, 40, 40), Hatch::Rising).len() > 4);
    }

    #[test]
    fn y_title_wraps_then_truncates() {
        assert_eq!(y_title_lines("Antal"), vec!["Antal".to_string()]);
        assert_eq!(y_title_lines("").len(), 1);
        let two = y_title_lines("Antal incidenter per månad i hela kommunen och dess bolag");
        assert_eq!(two.len(), 2);
        assert!(!two[1].ends_with('…'));
        let cut = y_title_lines(&"Mycket lång titel ".repeat(20));
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
        let word = y_title_lines(&"x".repeat(300));
        assert_eq!(word.len(), 1);
        assert!(word[0].ends_with('…'));
    }

    #[test]
    fn text_helpers() {
        assert_eq!(clean_label("  a\n\tb\u{0}c  "), "a b c");
        assert_eq!(clean_label("1\u{a0}003"), "1\u{a0}003");
        assert_eq!(truncate_chars("abcdef", 4), "abc…");
        assert_eq!(truncate_chars("abc", 4), "abc");
        assert_eq!(
            wrap_words("Kvartal 1 2023", 13.0, false, 70.0, 3),
            Some(vec!["Kvartal 1".to_string(), "2023".to_string()])
        );
        assert_eq!(wrap_words("Kvartal", 13.0, false, 10.0, 3), None);
        assert_eq!(format_value(0.0, NumberStyle::Swedish), "0");
        assert_eq!(format_value(2.5, NumberStyle::Swedish), "2,5");
        assert_eq!(format_value(4.0, NumberStyle::English), "4");
        assert_eq!(tidy_font_size("13.000000000000002"), "13");
        assert_eq!(tidy_font_size("12.5"), "12.5");
        assert_eq!(tidy_font_size("12.499"), "12.5");
        assert_eq!(tidy_font_size("big"), "big");
    }

    #[test]
    fn body_is_tidied_line_by_line() {
        let body = "\n<rect x=\"0\" y=\"0\" width=\"4\" height=\"4\" opacity=\"1\" fill=\"#FFFFFF\" stroke=\"none\"/>\n\
            <text x=\"5\" y=\"6\" dy=\"0.5ex\" text-anchor=\"end\" font-family=\"stack\" \
            font-size=\"13.000000000000002\" opacity=\"1\" fill=\"#1A1A1A\">\n\
            font-family=&quot;stack&quot; opacity=&quot;1&quot;\n</text>\n\
            <text x=\"5\" y=\"6\" dy=\"0.5ex\" text-anchor=\"end\" font-family=\"stack\" \
            font-size=\"12\" opacity=\"1\" fill=\"#1A1A1A\" font-weight=\"bold\">\n7\n</text>\n\
            <polyline fill=\"none\" opacity=\"1\" stroke=\"#1A1A1A\" stroke-width=\"1\" points=\"1,2 3,4 \"/>\n\
            </svg>\n";
        let font = format!("font-family=\"{FONT_STACK}\"");
        let expected = format!(
            "\n<rect x=\"0\" y=\"0\" width=\"4\" height=\"4\" fill=\"#FFFFFF\" stroke=\"none\"/>\n\
             <text x=\"5\" y=\"6\" dy=\"0.5ex\" text-anchor=\"end\" {font} font-size=\"13\" fill=\"#1A1A1A\">\n\
             font-family=&quot;stack&quot; opacity=&quot;1&quot;\n</text>\n\
             <text x=\"5\" y=\"6\" dy=\"0.5ex\" text-anchor=\"end\" {font} font-size=\"12\" fill=\"#1A1A1A\" \
             font-weight=\"bold\">\n7\n</text>\n\
             <polyline fill=\"none\" stroke=\"#1A1A1A\" stroke-width=\"1\" points=\"1,2 3,4 \"/>\n\
             </svg>\n"
        );
        let mut out = String::new();
        tidy_body(body, &mut out);
        assert_eq!(out, expected);
        assert_eq!(FONT_MARK_ATTR, format!("font-family=\"{FONT_MARK}\""));
    }

    /// Every primitive, some reaching off the canvas, drawn through
    /// plotters' root drawing area.
    fn through_drawing_area() -> String {
        let mut buf = String::new();
        {
            let root = SVGBackend::with_string(&mut buf, (50, 40)).into_drawing_area();
            let ok = [
                root.fill(&PAPER),
                root.draw(&Rectangle::new([(-5, 3), (60, 30)], PALETTE[0].filled())),
                root.draw(&Rectangle::new([(1, 2), (3, 4)], INK.stroke_width(1))),
                root.draw(&PathElement::new(vec![(-3, 5), (10, 50), (20, 20)], GRID.stroke_width(2))),
                root.draw(&Polygon::new(vec![(5, 5), (0, 10), (70, 10)], INK.filled())),
                root.draw(&Circle::new((45, -2), 5u32, PALETTE[1].filled())),
                root.draw(&Circle::new((45, -2), 5u32, INK.stroke_width(1))),
                root.draw(&Circle::new((45, 2), 5u32, INK.stroke_width(1))),
            ];
            assert!(ok.iter().all(Result::is_ok));
            for (o, at) in [
                (TextOpts::new(FONT_PX, HPos::Center, VPos::Top), (25, 45)),
                (TextOpts::new(SMALL_FONT_PX, HPos::Right, VPos::Center).bold(true).vertical(), (-4, 20)),
                (TextOpts::new(FONT_PX + 2.0, HPos::Left, VPos::Bottom), (3, 3)),
            ] {
                let weight = if o.bold { FontStyle::Bold } else { FontStyle::Normal };
                let font = FontDesc::new(FontFamily::Name(FONT_MARK), plotters_font_size(o.px), weight);
                let mut style = font.color(&INK).pos(Pos::new(o.h, o.v));
                if o.vertical {
                    style = style.transform(FontTransform::Rotate270);
                }
                assert!(root.draw(&Text::new("a<b & 'c'", at, style)).is_ok());
            }
            assert!(root.present().is_ok());
        }
        buf
    }

    #[test]
    fn canvas_writes_what_the_drawing_area_writes() {
        let drawn = render(50, 40, |canvas| {
            canvas.rect(Rect::new(-5, 3, 60, 30), PALETTE[0].filled())?;
            outline_rect(canvas, Rect::new(1, 2, 3, 4), INK)?;
            polyline(canvas, &[(-3, 5), (10, 50), (20, 20)], GRID, 2)?;
            canvas.polygon(&[(5, 5), (0, 10), (70, 10)], INK)?;
            draw_median_marker(canvas, (45, -2), 5)?;
            canvas.circle((45, 2), 5, INK.stroke_width(1))?;
            draw_text(canvas, "a<b & 'c'", (25, 45), TextOpts::new(FONT_PX, HPos::Center, VPos::Top))?;
            let o = TextOpts::new(SMALL_FONT_PX, HPos::Right, VPos::Center).bold(true).vertical();
            draw_text(canvas, "a<b & 'c'", (-4, 20), o)?;
            draw_text(canvas, "a<b & 'c'", (3, 3), TextOpts::new(FONT_PX + 2.0, HPos::Left, VPos::Bottom))
        });
        assert_eq!(drawn.as_deref(), Some(through_drawing_area().as_str()));
    }

    #[test]
    fn xml_checker_rejects_broken_documents() {
        assert!(parse("<svg><a></svg>").is_err());
        assert!(parse("<svg a=\"1\" a=\"2\"/>").is_err());
        assert!(parse("<svg a=1/>").is_err());
        assert!(parse("<svg>&nbsp;</svg>").is_err());
        assert!(parse("<svg/><svg/>").is_err());
        assert!(parse("<svg>\u{1}</svg>").is_err());
        assert!(parse("<?xml version=\"1.0\"?>\n<svg x='1'><!-- c --><a/>t</svg>").is_ok());
    }

    // -- Range charts --

    #[test]
    fn range_chart_labels() {
        let r = range(&["E-post", "Växel"], &[0.5, 1.0], &[2.5, 3.0], &[8.0, 12.0]);
        let root = check(&range_chart_svg(&r));
        let all = contents(&root);
        for expected in
            ["median 2,5\u{a0}h", "median 3\u{a0}h", "0,5", "8", "1", "12", "median", "min–max", "Timmar", "Tjänst"]
        {
            assert!(all.iter().any(|t| t == expected), "{expected} missing: {all:?}");
        }
        let mut e = r.clone();
        e.number_style = NumberStyle::English;
        let root = check(&range_chart_svg(&e));
        assert_eq!(texts_with(&root, "median 2.5\u{a0}h"), 1);
    }

    #[test]
    fn range_chart_uses_the_given_label_texts() {
        let mut r = range(&["E-post", "Växel"], &[0.5, 1.0], &[7.583, 3.0], &[173.5, 3.0]);
        r.labels = vec![
            ["30 min".to_string(), "7,6 tim".to_string(), "7,2 dygn".to_string()],
            ["1 tim".to_string(), "3 tim".to_string(), "3 tim".to_string()],
        ];
        let root = check(&range_chart_svg(&r));
        let all = contents(&root);
        for expected in ["median 7,6 tim", "30 min", "7,2 dygn", "median 3 tim", "1 tim"] {
            assert_eq!(texts_with(&root, expected), 1, "{expected} missing: {all:?}");
        }
        // Växel's maximum reads like its median: labelled once.
        assert_eq!(texts_with(&root, "3 tim"), 0, "{all:?}");
        // No number is written the other way.
        assert!(!all.iter().any(|t| t.contains("7,58") || t.ends_with("\u{a0}h")), "{all:?}");
        // Different labels make a different chart.
        let plain = check(&range_chart_svg(&RangeChart { labels: Vec::new(), ..r.clone() }));
        assert_ne!(root.children[0].attr("id"), plain.children[0].attr("id"));
    }

    #[test]
    fn a_long_counted_note_wraps_instead_of_being_cut() {
        let note = "Räknat från avvikelserna på webbplatsen; övriga värden kommer från incidenthanteringssystemet \
                    och redovisas per kvartal enligt stadens rutin för kvalitetsavvikelser.";
        let mut c = year_on_year();
        c.series[0].counted = vec![false, true];
        c.counted_note = Some(note.to_string());
        let root = check(&bar_chart_svg(&c));
        let lines: Vec<Node> = root
            .texts()
            .into_iter()
            .filter(|t| t.attr("text-anchor").is_none() || t.attr("text-anchor") == Some("start"))
            .filter(|t| note.contains(&t.content()) && t.content().len() > 10)
            .cloned()
            .collect();
        assert!(lines.len() >= 2, "{:?}", contents(&root));
        let joined = lines.iter().map(Node::content).collect::<Vec<_>>().join(" ");
        assert_eq!(joined, clean_label(note));
        for line in &lines {
            let right = line.num("x") + text_width(&line.content(), FONT_PX, false);
            assert!(right <= f64::from(WIDTH - MARGIN), "{} ends at {right}", line.content());
        }
        // Lines follow each other, and the plot starts below the last one.
        let ys: Vec<f64> = lines.iter().map(|t| t.num("y")).collect();
        assert!(ys.windows(2).all(|w| w[1] - w[0] == f64::from(LINE_PX)), "{ys:?}");
        let tick_top = root
            .texts()
            .into_iter()
            .filter(|t| t.attr("text-anchor") == Some("end"))
            .map(|t| t.num("y"))
            .fold(f64::INFINITY, f64::min);
        assert!(tick_top > ys[ys.len() - 1] + 10.0, "ticks at {tick_top}, legend to {ys:?}");
    }

    #[test]
    fn legend_plan_keeps_short_items_on_one_row() {
        let item = |text: &str| LegendItem { swatch: Swatch::Counted, text: text.to_string() };
        let (lines, height) = plan_legend(vec![item("median"), item("min–max")], 700.0);
        assert_eq!(height, LEGEND_ROW);
        assert_eq!(lines.iter().map(|l| l.dy).collect::<Vec<_>>(), vec![0, 0]);
        assert!(lines[1].dx > lines[0].dx);
        let (lines, height) = plan_legend(vec![item("a"), item(&"ord ".repeat(60)), item("b")], 300.0);
        assert_eq!(lines.first().map(|l| l.dy), Some(0));
        assert!(lines.iter().filter(|l| l.swatch.is_none()).count() >= 1);
        assert!(lines.iter().all(|l| text_width(&l.text, FONT_PX, false) <= 300.0));
        assert_eq!(lines.last().map(|l| (l.dx, l.text.as_str())), Some((0, "b")));
        assert!(height > 2 * LEGEND_ROW);
        assert_eq!(plan_legend(Vec::new(), 700.0), (Vec::new(), 0));
    }

    #[test]
    fn range_chart_min_equals_max() {
        let r = range(&["A", "B"], &[2.25, 1.75], &[2.25, f64::NAN], &[2.25, 1.75]);
        let root = check(&range_chart_svg(&r));
        // One label for A (its median), one for B (its single value).
        assert_eq!(texts_with(&root, "median 2,25\u{a0}h"), 1);
        assert_eq!(texts_with(&root, "2,25"), 0, "{:?}", contents(&root));
        assert_eq!(texts_with(&root, "1,75"), 1);
        let markers =
            root.descendants().iter().filter(|n| n.name == "circle" && n.attr("fill") == Some("#D55E00")).count();
        assert_eq!(markers, 2, "legend marker and A's median");
    }

    #[test]
    fn range_chart_edge_cases() {
        let empty = check(&range_chart_svg(&range(&[], &[], &[], &[])));
        assert_eq!(contents(&empty), vec!["Inga data att visa".to_string()]);
        let nan = check(&range_chart_svg(&range(&["A"], &[f64::NAN], &[f64::NAN], &[f64::NAN])));
        assert_eq!(contents(&nan), vec!["Inga data att visa".to_string()]);
        // Inconsistent order and short vectors.
        check(&range_chart_svg(&range(&["A", "B", "C"], &[9.0], &[1.0, 2.0], &[0.5])));
        // Many categories: labels thinned, value labels dropped, no panic.
        let labels: Vec<String> = (0..80).map(|i| format!("Tjänst nummer {i}")).collect();
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let v: Vec<f64> = (0..80).map(|i| f64::from(i) / 4.0).collect();
        let svg = range_chart_svg(&range(&refs, &v, &v, &v));
        check(&svg);
        assert!(svg.len() < 80_000);
    }
}
