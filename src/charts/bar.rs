//! Bar charts, grouped or stacked, with a value label on every bar: drawn
//! wide (vertical bars, 720 units) for a screen and narrow for a phone
//! (horizontal bars when there are few categories, else vertical bars at
//! `NARROW_WIDTH` (272 units)).

use plotters::style::text_anchor::{HPos, VPos};

use super::bars::{BarChart, BarData, legend_items};
use super::canvas::{Canvas, DrawResult, Rect, TextOpts, render};
use super::document::{Fnv, finish, no_data_svg};
use super::layout::{
    Columns, HBAR_MAX_CATEGORIES, MARGIN, NARROW_WIDTH, RIGHT_MARGIN, Rows, SMALL_FONT_PX, WIDTH, draw_axes, draw_grid,
    draw_highlight_band, plan_x_labels, y_title_lines,
};
use super::legend::{draw_legend, plan_legend};
use super::palette::{Hatch, PAPER, series_colour, series_pattern};
use super::scale::Scale;
use super::shapes::{draw_patterned, draw_text, fill_rect};
use super::text::{format_value, text_width};
use crate::text::number::NumberStyle;

/// A stable id from everything the chart shows; `kind` tells the variants apart.
fn bar_chart_id(c: &BarChart, kind: &str) -> String {
    let mut h = Fnv::new(kind);
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
    let id = bar_chart_id(chart, "bar");
    let drawn = BarData::new(chart).and_then(|data| draw_bar_chart(chart, &data, WIDTH));
    match drawn {
        Some((raw, w, h)) => finish(&raw, (w, h), chart.number_style, &id, &chart.title, &chart.description),
        None => no_data_svg(&id, &chart.title, &chart.description, chart.number_style, WIDTH),
    }
}

/// The same chart for a phone: every text renders at 12 CSS px or more when
/// the document is shown `NARROW_WIDTH` (272 units) units wide on a 320 px screen.
/// Up to `HBAR_MAX_CATEGORIES` (12) categories become horizontal bars (each
/// label on its own line above its bars, which reads long labels in full);
/// more, as in a long series of periods, stay vertical bars in time order,
/// drawn `NARROW_WIDTH` (272 units) wide, with thinned labels and the value labels that
/// fit (the table beside the chart has every number).
pub fn narrow_bar_chart_svg(chart: &BarChart) -> String {
    let id = bar_chart_id(chart, "bar-narrow");
    let drawn = BarData::new(chart).and_then(|data| {
        if chart.categories.len() <= HBAR_MAX_CATEGORIES {
            super::hbar::draw_narrow(chart, &data)
        } else {
            draw_bar_chart(chart, &data, NARROW_WIDTH)
        }
    });
    match drawn {
        Some((raw, w, h)) => finish(&raw, (w, h), chart.number_style, &id, &chart.title, &chart.description),
        None => no_data_svg(&id, &chart.title, &chart.description, chart.number_style, NARROW_WIDTH),
    }
}

/// Vertical bars on a canvas `width` units wide.
fn draw_bar_chart(chart: &BarChart, data: &BarData, width: i32) -> Option<(String, i32, i32)> {
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
    let cols = Columns::new(n, &scale, style, y_title_lines(&chart.y_label).len(), RIGHT_MARGIN, width);
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

    let legend = legend_items(chart, data);
    let (legend, legend_height) = plan_legend(legend, f64::from(width - 2 * MARGIN));
    let rows = Rows::new(legend_height, headroom, x_labels.height);

    let raw = render(width, rows.height, |canvas| {
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
    Some((raw, width, rows.height))
}

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
