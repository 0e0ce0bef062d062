//! Horizontal bars: the narrow (phone) form of a bar chart with few
//! categories, and the form of every panel of a small-multiples chart.
//!
//! Each category's label sits on its own line(s) above its bars, so a long
//! label is read in full, not turned or cut short; the bars start at a zero
//! line and end in their value. The current category gets a bold label and a
//! band behind it, as on the wide chart. There are no tick labels: every bar
//! carries its value.

use plotters::style::text_anchor::{HPos, VPos};

use super::bars::{BarChart, BarData, legend_items};
use super::canvas::{Canvas, DrawResult, Rect, TextOpts, render};
use super::layout::{FONT_PX, LINE_PX, MARGIN, NARROW_WIDTH, SMALL_FONT_PX};
use super::legend::{draw_legend, plan_legend};
use super::palette::{HIGHLIGHT_BAND, Hatch, INK, PAPER, series_colour, series_pattern};
use super::shapes::{draw_patterned, draw_text, fill_rect, polyline};
use super::text::{clean_label, fit_lines, format_value, text_width};
use crate::text::number::NumberStyle;

/// Thickness of one bar.
const BAR_H: i32 = 16;
/// Space between the bars of one category.
const BAR_GAP: i32 = 3;
/// Space between categories.
const ROW_GAP: i32 = 12;
/// The most lines of a category label.
const LABEL_LINES: usize = 2;
/// Space between a bar's end and its value.
const VALUE_GAP: i32 = 5;

/// One bar (or stacked segment) in box coordinates.
struct Bar {
    series: usize,
    left: i32,
    right: i32,
    top: i32,
    hatched: bool,
    /// The segment's own label, drawn inside when it fits (stacked only).
    inside: Option<String>,
}

/// One category: its label and its bars, in box coordinates.
struct Row {
    top: i32,
    lines: Vec<String>,
    bold: bool,
    bars: Vec<Bar>,
    /// Value labels: (text, x of the bar's end, y of the bar's top).
    values: Vec<(String, i32, i32)>,
    bottom: i32,
}

/// Horizontal bars laid out in a box of a given width; positions are relative
/// to the box's top-left corner.
pub(super) struct HBars {
    rows: Vec<Row>,
    stacked: bool,
    /// The height the bars take.
    pub(super) height: i32,
}

impl HBars {
    /// Lays out `data` over `categories` in a box `width` units wide: one
    /// bar per series side by side (stacked: one bar of segments), all on
    /// one scale from zero to the largest value (or total), which leaves room
    /// for the widest value label after the longest bar.
    pub(super) fn plan(
        categories: &[String],
        data: &BarData,
        stacked: bool,
        highlight: Option<usize>,
        style: NumberStyle,
        width: i32,
    ) -> HBars {
        let k = data.values.len();
        let stacked = stacked && k > 1;
        let star = |counted: bool| if counted { "*" } else { "" };
        let label = |v: Option<f64>, counted: bool| {
            v.map_or_else(|| "–".to_string(), |v| format!("{}{}", format_value(v, style), star(counted)))
        };
        let totals: Vec<Option<f64>> = (0..categories.len())
            .map(|i| {
                let mut present = data.values.iter().filter_map(|s| s[i]).peekable();
                present.peek()?;
                Some(present.sum())
            })
            .collect();
        // Per category, the labels at the bars' ends: the values, or the total.
        let ends: Vec<Vec<String>> = (0..categories.len())
            .map(|i| {
                if stacked {
                    vec![label(totals[i], data.hatched.iter().any(|h| h[i]))]
                } else {
                    data.values.iter().zip(&data.hatched).map(|(s, h)| label(s[i], h[i])).collect()
                }
            })
            .collect();
        let widest = ends.iter().flatten().map(|t| text_width(t, SMALL_FONT_PX, stacked)).fold(0.0, f64::max);
        let max = if stacked {
            totals.iter().flatten().copied().fold(0.0, f64::max)
        } else {
            data.values.iter().flatten().flatten().copied().fold(0.0, f64::max)
        };
        let room = (f64::from(width - 1 - VALUE_GAP) - widest).max(1.0);
        let length = |v: f64| if max > 0.0 { (v / max * room).round() as i32 } else { 0 };

        let mut rows = Vec::with_capacity(categories.len());
        let mut y = 0;
        for (i, category) in categories.iter().enumerate() {
            let bold = highlight == Some(i);
            let lines = fit_lines(&clean_label(category), FONT_PX, bold, f64::from(width), LABEL_LINES);
            let bars_top = y + lines.len() as i32 * LINE_PX + 3;
            let mut bars = Vec::new();
            let mut values = Vec::new();
            if stacked {
                let mut base = 0.0;
                for (s, series) in data.values.iter().enumerate() {
                    let Some(v) = series[i] else { continue };
                    let (left, right) = (1 + length(base), 1 + length(base + v));
                    base += v;
                    let text = format!("{}{}", format_value(v, style), star(data.hatched[s][i]));
                    bars.push(Bar {
                        series: s,
                        left,
                        right,
                        top: bars_top,
                        hatched: data.hatched[s][i],
                        inside: Some(text),
                    });
                }
                let end = 1 + totals[i].map_or(0, length);
                values.push((ends[i][0].clone(), end, bars_top));
            } else {
                for (s, series) in data.values.iter().enumerate() {
                    let top = bars_top + s as i32 * (BAR_H + BAR_GAP);
                    let end = 1 + series[i].map_or(0, length);
                    if series[i].is_some() {
                        bars.push(Bar {
                            series: s,
                            left: 1,
                            right: end,
                            top,
                            hatched: data.hatched[s][i],
                            inside: None,
                        });
                    }
                    values.push((ends[i][s].clone(), end, top));
                }
            }
            let bar_rows = if stacked { 1 } else { k.max(1) as i32 };
            let bottom = bars_top + bar_rows * BAR_H + (bar_rows - 1) * BAR_GAP;
            rows.push(Row { top: y, lines, bold, bars, values, bottom });
            y = bottom + ROW_GAP;
        }
        let height = rows.last().map_or(0, |r| r.bottom);
        HBars { rows, stacked, height }
    }

    /// Draws the bars with the box's top-left corner at `(x, y)`, `width`
    /// units wide (as planned).
    pub(super) fn draw(&self, canvas: &mut Canvas<'_>, x: i32, y: i32, width: i32) -> DrawResult {
        let several = self.rows.iter().any(|r| r.bars.iter().any(|b| b.series > 0));
        for row in &self.rows {
            if row.bold {
                let band = Rect::new(x - 4, y + row.top - 3, x + width + 4, y + row.bottom + 4);
                fill_rect(canvas, band, HIGHLIGHT_BAND)?;
            }
            for (j, line) in row.lines.iter().enumerate() {
                let at = (x, y + row.top + j as i32 * LINE_PX);
                draw_text(canvas, line, at, TextOpts::new(FONT_PX, HPos::Left, VPos::Top).bold(row.bold))?;
            }
            for bar in &row.bars {
                let mut hatches: Vec<Hatch> = if several { series_pattern(bar.series).to_vec() } else { Vec::new() };
                if bar.hatched {
                    hatches.push(Hatch::Rising);
                }
                let r = Rect::new(x + bar.left, y + bar.top, x + bar.right, y + bar.top + BAR_H);
                draw_patterned(canvas, r, series_colour(bar.series), &hatches)?;
            }
            // Segment labels inside stacked bars, where they fit.
            for bar in row.bars.iter().filter(|_| self.stacked) {
                let Some(text) = &bar.inside else { continue };
                let w = text_width(text, SMALL_FONT_PX, false);
                if w + 6.0 <= f64::from(bar.right - bar.left) {
                    let (cx, cy) = (x + (bar.left + bar.right) / 2, y + bar.top + BAR_H / 2);
                    let half = (w / 2.0).ceil() as i32 + 2;
                    fill_rect(canvas, Rect::new(cx - half, cy - 7, cx + half, cy + 7), PAPER)?;
                    draw_text(canvas, text, (cx, cy), TextOpts::new(SMALL_FONT_PX, HPos::Center, VPos::Center))?;
                }
            }
            // The zero line the bars start from.
            let first_bar = row.values.first().map_or(row.bottom, |v| v.2);
            polyline(canvas, &[(x + 1, y + first_bar - 2), (x + 1, y + row.bottom + 2)], INK, 1)?;
            for (text, end, top) in &row.values {
                let at = (x + end + VALUE_GAP, y + top + BAR_H / 2);
                draw_text(canvas, text, at, TextOpts::new(SMALL_FONT_PX, HPos::Left, VPos::Center).bold(self.stacked))?;
            }
        }
        Ok(())
    }
}

/// The narrow form of a bar chart with few categories: the category axis's
/// title as a heading, the legend, then the bars, `NARROW_WIDTH` (272 units) wide.
pub(super) fn draw_narrow(chart: &BarChart, data: &BarData) -> Option<(String, i32, i32)> {
    let width = NARROW_WIDTH;
    let inner = width - 2 * MARGIN;
    let heading = fit_lines(&clean_label(&chart.x_label), FONT_PX, true, f64::from(inner), 2);
    let heading: Vec<String> = heading.into_iter().filter(|l| !l.is_empty()).collect();
    let legend = legend_items(chart, data);
    let (legend, legend_height) = plan_legend(legend, f64::from(inner));
    let highlight = chart.highlight.filter(|&h| h < chart.categories.len());
    let bars = HBars::plan(&chart.categories, data, chart.stacked, highlight, chart.number_style, inner);
    let legend_top = MARGIN + heading.len() as i32 * LINE_PX + if heading.is_empty() { 0 } else { 6 };
    let bars_top = legend_top + legend_height + if legend_height > 0 { 10 } else { 4 };
    let height = bars_top + bars.height + MARGIN + 4;
    let raw = render(width, height, |canvas| {
        for (j, line) in heading.iter().enumerate() {
            let o = TextOpts::new(FONT_PX, HPos::Left, VPos::Top).bold(true);
            draw_text(canvas, line, (MARGIN, MARGIN + j as i32 * LINE_PX), o)?;
        }
        draw_legend(canvas, &legend, MARGIN, legend_top)?;
        bars.draw(canvas, MARGIN, bars_top, inner)
    })?;
    Some((raw, width, height))
}
