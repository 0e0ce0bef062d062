//! The geometry shared by both chart kinds: the canvas's measures, the
//! columns and rows of the plot, the category labels (wrapped, or turned and
//! thinned), the axes with their titles, and the gridlines.

use std::collections::BTreeSet;

use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{Canvas, DrawResult, Rect, TextOpts};
use super::palette::{GRID, HIGHLIGHT_BAND, INK};
use super::scale::Scale;
use super::shapes::{draw_highlight_marker, draw_text, fill_rect, polyline};
use super::text::{clean_label, text_width, truncate_chars, truncate_width, wrap_words};
use crate::text::number::{NumberStyle, format_decimal};

/// Width of the drawing in SVG user units; the height follows the content.
/// Shown at 720 CSS px or wider (the page picks the narrow variant below
/// that), its smallest text, 12 units, renders at 12 CSS px or more.
pub(super) const WIDTH: i32 = 720;
/// Width of the narrow variant, for phones. At a 320 px viewport a chart is
/// 286 CSS px wide (the page's 1 rem margins and the image's border taken
/// off), so 12 units render at 12 × 286 / 272 = 12.6 CSS px; at 375 px, at
/// 15 CSS px.
pub(super) const NARROW_WIDTH: i32 = 272;
/// The most categories the narrow variant draws as horizontal bars; more
/// stay vertical bars (a long series of periods reads left to right).
pub(super) const HBAR_MAX_CATEGORIES: usize = 12;
/// Height of the plot area proper.
const PLOT_HEIGHT: i32 = 260;
/// Outer margin.
pub(super) const MARGIN: i32 = 10;
/// Right margin of bar charts (range charts may need more for their labels).
pub(super) const RIGHT_MARGIN: i32 = 16;
/// Size of category labels, legend text and axis titles.
pub(super) const FONT_PX: f64 = 13.0;
/// Size of value labels and tick labels.
pub(super) const SMALL_FONT_PX: f64 = 12.0;
/// Line height for `FONT_PX` text.
pub(super) const LINE_PX: i32 = 17;
/// Longest category, series or note text before it is cut with "…".
pub(super) const MAX_LABEL_CHARS: usize = 40;
/// Longest category label when labels are turned vertical.
const MAX_ROTATED_LABEL_CHARS: usize = 28;
/// Height of one legend row.
pub(super) const LEGEND_ROW: i32 = 22;
/// Size of a legend swatch.
pub(super) const SWATCH_W: i32 = 22;
/// Size of a legend swatch.
pub(super) const SWATCH_H: i32 = 14;

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
pub(super) struct XLabels {
    plan: XLabelPlan,
    /// Height the labels take below the marker row.
    pub(super) height: i32,
}

/// Chooses horizontal wrapped labels when every label fits its band in at
/// most three lines; otherwise vertical labels, thinned so they never overlap.
pub(super) fn plan_x_labels(categories: &[String], band: f64, highlight: Option<usize>) -> XLabels {
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
pub(super) fn thin_indices(n: usize, step: usize, min_step: usize, highlight: Option<usize>) -> Vec<usize> {
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

/// Horizontal geometry shared by both charts.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Columns {
    pub(super) plot_x0: i32,
    pub(super) plot_x1: i32,
    pub(super) band: f64,
    pub(super) tick_labels: Vec<String>,
}

impl Columns {
    pub(super) fn new(
        n: usize,
        scale: &Scale,
        style: NumberStyle,
        y_title_lines: usize,
        right_margin: i32,
        width: i32,
    ) -> Columns {
        let tick_labels: Vec<String> =
            scale.tick_values().into_iter().map(|v| format_decimal(v, scale.decimals, style)).collect();
        let widest = tick_labels
            .iter()
            .map(|t| text_width(t, SMALL_FONT_PX, false))
            .fold(0.0, f64::max)
            .min(f64::from(width) / 4.0);
        let title_w = LINE_PX * y_title_lines.clamp(1, 2) as i32;
        let plot_x0 = MARGIN + title_w + 8 + widest.ceil() as i32 + 8;
        let plot_x1 = width - right_margin.clamp(RIGHT_MARGIN, width / 2);
        let band = f64::from(plot_x1 - plot_x0) / n.max(1) as f64;
        Columns { plot_x0, plot_x1, band, tick_labels }
    }

    /// Left edge of category `i`'s band.
    pub(super) fn band_left(&self, i: usize) -> f64 {
        f64::from(self.plot_x0) + i as f64 * self.band
    }

    /// Centre of category `i`'s band.
    pub(super) fn centre(&self, i: usize) -> i32 {
        (self.band_left(i) + self.band / 2.0).round() as i32
    }
}

/// Vertical geometry shared by both charts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rows {
    pub(super) legend_top: i32,
    pub(super) plot_y0: i32,
    pub(super) plot_y1: i32,
    pub(super) x_labels_top: i32,
    pub(super) x_title_top: i32,
    pub(super) height: i32,
}

impl Rows {
    pub(super) fn new(legend_height: i32, headroom: i32, x_labels_height: i32) -> Rows {
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
    pub(super) fn y_of(&self, v: f64, scale: &Scale) -> i32 {
        let frac = if scale.top > 0.0 { (v / scale.top).clamp(0.0, 1.0) } else { 0.0 };
        let y = f64::from(self.plot_y1) - frac * f64::from(self.plot_y1 - self.plot_y0);
        y.round() as i32
    }
}

/// Gridlines (behind the data).
pub(super) fn draw_grid(canvas: &mut Canvas<'_>, cols: &Columns, rows: &Rows, scale: &Scale) -> DrawResult {
    for v in scale.tick_values().into_iter().skip(1) {
        let y = rows.y_of(v, scale);
        polyline(canvas, &[(cols.plot_x0, y), (cols.plot_x1, y)], GRID, 1)?;
    }
    Ok(())
}

/// Axis lines, y ticks and tick labels, category labels and axis titles.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_axes(
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
pub(super) fn y_title_lines(title: &str) -> Vec<String> {
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
pub(super) fn draw_highlight_band(canvas: &mut Canvas<'_>, cols: &Columns, rows: &Rows, i: usize) -> DrawResult {
    let left = cols.band_left(i).round() as i32;
    let right = (cols.band_left(i) + cols.band).round() as i32;
    fill_rect(canvas, Rect::new(left, rows.plot_y0, right, rows.plot_y1), HIGHLIGHT_BAND)
}
