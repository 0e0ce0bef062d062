//! Small multiples: one panel per measure, each with its own scale from
//! zero, so that measures of very different size (1 003 incidents, 11 major
//! incidents) are all readable; on one axis the small ones would vanish.
//! Every panel shows the same categories as horizontal bars with their
//! values; a note under the panels says that the scales differ. Wide: up to
//! three panels side by side; narrow: one above the other.

use plotters::style::text_anchor::{HPos, VPos};

use super::bars::{BarData, Series};
use super::canvas::{TextOpts, render};
use super::document::{Fnv, finish, no_data_svg};
use super::hbar::HBars;
use super::layout::{FONT_PX, LINE_PX, MARGIN, NARROW_WIDTH, WIDTH};
use super::legend::{LegendItem, Swatch, draw_legend, plan_legend};
use super::shapes::draw_text;
use super::text::{clean_label, fit_lines};
use crate::text::number::NumberStyle;

/// One panel: a measure over the chart's categories.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// The measure, drawn as the panel's heading (e.g. "Major incidents").
    pub title: String,
    /// One value per category; NaN, infinite and negative values are missing.
    pub values: Vec<f64>,
    /// Per value: counted from records rather than official (hatched and
    /// starred when counted and official values mix in the chart).
    pub counted: Vec<bool>,
}

/// A small-multiples chart.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelChart {
    /// The chart's title; goes into `<title>`.
    pub title: String,
    /// The text alternative stating the finding; goes into `<desc>`.
    pub description: String,
    /// The categories every panel shows, e.g. the two periods compared.
    pub categories: Vec<String>,
    /// The panels, in order.
    pub panels: Vec<Panel>,
    /// The category to mark in every panel (the current period).
    pub highlight: Option<usize>,
    /// Drawn under the panels: that each has its own scale from zero.
    pub scale_note: String,
    /// Legend text for hatched (counted) values, shown when counted and
    /// official values mix.
    pub counted_note: Option<String>,
    /// How numbers are written.
    pub number_style: NumberStyle,
}

/// Space between panels side by side.
const PANEL_GAP: i32 = 24;
/// Space between rows of panels.
const ROW_GAP: i32 = 20;
/// The most panels side by side on the wide chart.
const MAX_COLUMNS: usize = 3;
/// Size of a panel's heading: larger than the category labels under it.
const HEADING_PX: f64 = FONT_PX + 2.0;
/// Line height of a panel's heading.
const HEADING_LINE: i32 = LINE_PX + 2;

/// Renders the chart as a standalone, accessible SVG document, panels side
/// by side.
pub fn panel_chart_svg(chart: &PanelChart) -> String {
    draw(chart, WIDTH, MAX_COLUMNS, "panels")
}

/// The same chart for a phone, `NARROW_WIDTH` (272 units) wide, panels one above the other.
pub fn narrow_panel_chart_svg(chart: &PanelChart) -> String {
    draw(chart, NARROW_WIDTH, 1, "panels-narrow")
}

fn chart_id(c: &PanelChart, kind: &str) -> String {
    let mut h = Fnv::new(kind);
    for s in [&c.title, &c.description, &c.scale_note] {
        h.str(s);
    }
    h.bytes(&(c.categories.len() as u64).to_le_bytes());
    c.categories.iter().for_each(|s| h.str(s));
    h.bytes(&(c.panels.len() as u64).to_le_bytes());
    for p in &c.panels {
        h.str(&p.title);
        h.bytes(&(p.values.len() as u64).to_le_bytes());
        p.values.iter().for_each(|&v| h.num(v));
        h.bytes(&p.counted.iter().map(|&b| u8::from(b)).collect::<Vec<_>>());
    }
    h.bytes(&(c.highlight.map_or(u64::MAX, |i| i as u64)).to_le_bytes());
    h.bytes(&[u8::from(c.number_style == NumberStyle::Swedish)]);
    if let Some(note) = &c.counted_note {
        h.str(note);
    }
    h.id()
}

fn draw(chart: &PanelChart, width: i32, max_columns: usize, kind: &str) -> String {
    let id = chart_id(chart, kind);
    let n = chart.categories.len();
    let style = chart.number_style;
    let series: Vec<Series> = chart
        .panels
        .iter()
        .map(|p| Series { name: p.title.clone(), values: p.values.clone(), counted: p.counted.clone() })
        .collect();
    // Counted values are marked when counted and official values mix
    // anywhere in the chart, as in the table beside it.
    let all = BarData::from_series(n, &series, None);
    if n == 0 || !all.values.iter().flatten().any(Option::is_some) {
        return no_data_svg(&id, &chart.title, &chart.description, style, width);
    }
    let highlight = chart.highlight.filter(|&h| h < n);
    let columns = max_columns.clamp(1, series.len().max(1));
    let inner = width - 2 * MARGIN;
    let panel_w = (inner - (columns as i32 - 1) * PANEL_GAP) / columns as i32;

    let mut legend = Vec::new();
    let note = chart.counted_note.as_deref().filter(|_| all.mixed).map(clean_label).filter(|n| !n.is_empty());
    if let Some(note) = note {
        legend.push(LegendItem { swatch: Swatch::Counted, text: note });
    }
    let (legend, legend_height) = plan_legend(legend, f64::from(inner));

    // Each panel: its heading (as many lines as the longest heading in its
    // row, so that the bars line up), then its bars.
    struct Placed {
        x: i32,
        heading_top: i32,
        bars_top: i32,
        heading: Vec<String>,
        bars: HBars,
    }
    let mut placed = Vec::new();
    let mut y = MARGIN + legend_height + if legend_height > 0 { 10 } else { 0 };
    for row in series.chunks(columns) {
        let headings: Vec<Vec<String>> =
            row.iter().map(|s| fit_lines(&clean_label(&s.name), HEADING_PX, true, f64::from(panel_w), 2)).collect();
        let heading_lines = headings.iter().map(Vec::len).max().unwrap_or(1) as i32;
        let bars_top = y + heading_lines * HEADING_LINE + 8;
        let mut bottom = bars_top;
        for (c, (s, heading)) in row.iter().zip(headings).enumerate() {
            let data = BarData::from_series(n, std::slice::from_ref(s), Some(all.mixed));
            let bars = HBars::plan(&chart.categories, &data, false, highlight, style, panel_w);
            bottom = bottom.max(bars_top + bars.height);
            let x = MARGIN + c as i32 * (panel_w + PANEL_GAP);
            placed.push(Placed { x, heading_top: y, bars_top, heading, bars });
        }
        y = bottom + ROW_GAP;
    }
    let note_lines = fit_lines(&clean_label(&chart.scale_note), FONT_PX, false, f64::from(inner), 3);
    let note_top = y - ROW_GAP + 12;
    let height = note_top + note_lines.len() as i32 * LINE_PX + MARGIN;

    let drawn = render(width, height, |canvas| {
        draw_legend(canvas, &legend, MARGIN, MARGIN)?;
        for p in &placed {
            for (j, line) in p.heading.iter().enumerate() {
                let o = TextOpts::new(HEADING_PX, HPos::Left, VPos::Top).bold(true);
                draw_text(canvas, line, (p.x, p.heading_top + j as i32 * HEADING_LINE), o)?;
            }
            p.bars.draw(canvas, p.x, p.bars_top, panel_w)?;
        }
        for (j, line) in note_lines.iter().enumerate() {
            let o = TextOpts::new(FONT_PX, HPos::Left, VPos::Top);
            draw_text(canvas, line, (MARGIN, note_top + j as i32 * LINE_PX), o)?;
        }
        Ok(())
    });
    match drawn {
        Some(raw) => finish(&raw, (width, height), style, &id, &chart.title, &chart.description),
        None => no_data_svg(&id, &chart.title, &chart.description, style, width),
    }
}
