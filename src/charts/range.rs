//! Range charts: per category a line from minimum to maximum with the median
//! marked, and value labels beside it.

use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{Canvas, DrawResult, TextOpts, render};
use super::document::{Fnv, finish, no_data_svg};
use super::layout::{
    Columns, FONT_PX, LINE_PX, MARGIN, MAX_LABEL_CHARS, NARROW_WIDTH, RIGHT_MARGIN, Rows, SMALL_FONT_PX, WIDTH,
    draw_axes, draw_grid, plan_x_labels, y_title_lines,
};
use super::legend::{LegendItem, Swatch, draw_legend, plan_legend};
use super::palette::{GRID, INK, PALETTE};
use super::scale::Scale;
use super::shapes::{draw_median_marker, draw_range_line, draw_text, polyline};
use super::text::{
    clean_label, fit_lines, format_value, text_width, truncate_chars, truncate_width, usable, value_decimals,
};
use crate::text::number::{NumberStyle, format_decimal};

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
        None => no_data_svg(&id, &chart.title, &chart.description, chart.number_style, WIDTH),
    }
}

/// A range chart's usable values per category, their label texts and the
/// scale.
struct Prepared {
    rows: Vec<RangeRow>,
    /// Per category: [min, median, max], given or written out.
    texts: Vec<[Option<String>; 3]>,
    scale: Scale,
}

/// The chart's [`Prepared`] data; None when no value is usable.
fn prepare(chart: &RangeChart) -> Option<Prepared> {
    let style = chart.number_style;
    let data: Vec<RangeRow> = (0..chart.categories.len())
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
    let texts = data
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
    Some(Prepared { rows: data, texts, scale })
}

fn draw_range_chart(chart: &RangeChart) -> Option<(String, i32, i32)> {
    let style = chart.number_style;
    let n = chart.categories.len();
    let Prepared { rows: data, texts, scale } = prepare(chart)?;

    // Labels sit right of each line; give the last one room on the right.
    let title_lines = y_title_lines(&chart.y_label).len();
    let first = Columns::new(n, &scale, style, title_lines, RIGHT_MARGIN, WIDTH);
    let cols = Columns::new(n, &scale, style, title_lines, (first.band / 2.0).round() as i32, WIDTH);
    let band = cols.band;
    let cap = ((band * 0.2).round() as i32).clamp(2, 7);
    let radius = ((band * 0.2).round() as i32).clamp(2, 5);
    let label_dx = cap.max(radius) + 4;
    let room = band - f64::from(label_dx) - f64::from(cap) - 4.0;

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

/// The same chart for a phone, `NARROW_WIDTH` (272 units) wide: one row per category,
/// its label above a horizontal line from min to max with the median marked,
/// all on one scale from zero whose ticks are at the foot, and its values
/// written out under the line ("median 7,5 tim", then "30 min – 7,2 dygn").
/// A category with no value is left out of the drawing (the table has it).
pub fn narrow_range_chart_svg(chart: &RangeChart) -> String {
    let id = range_chart_id(chart);
    let id = format!("{id}-narrow");
    match draw_narrow(chart) {
        Some((raw, w, h)) => finish(&raw, (w, h), chart.number_style, &id, &chart.title, &chart.description),
        None => no_data_svg(&id, &chart.title, &chart.description, chart.number_style, NARROW_WIDTH),
    }
}

fn draw_narrow(chart: &RangeChart) -> Option<(String, i32, i32)> {
    let style = chart.number_style;
    let Prepared { rows: data, texts, scale } = prepare(chart)?;
    let width = NARROW_WIDTH;
    let inner = width - 2 * MARGIN;
    let (x0, x1) = (MARGIN + 8, MARGIN + inner - 8);
    let x_of = |v: f64| {
        let frac = if scale.top > 0.0 { (v / scale.top).clamp(0.0, 1.0) } else { 0.0 };
        (f64::from(x0) + frac * f64::from(x1 - x0)).round() as i32
    };
    let heading: Vec<String> = fit_lines(&clean_label(&chart.x_label), FONT_PX, true, f64::from(inner), 2)
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect();
    let legend = vec![
        LegendItem { swatch: Swatch::Median, text: "median".to_string() },
        LegendItem { swatch: Swatch::Range, text: "min–max".to_string() },
    ];
    let (legend, legend_height) = plan_legend(legend, f64::from(inner));
    let legend_top = MARGIN + heading.len() as i32 * LINE_PX + if heading.is_empty() { 0 } else { 6 };

    // Rows: label lines, the line, then the values in words.
    struct Row {
        top: i32,
        lines: Vec<String>,
        line_y: i32,
        values: Vec<String>,
        row: RangeRow,
    }
    let mut rows = Vec::new();
    let mut y = legend_top + legend_height + 10;
    for (i, (row, [min_text, median_text, max_text])) in data.iter().zip(&texts).enumerate() {
        if row.lo_hi().is_none() {
            continue;
        }
        let label = chart.categories.get(i).map(|c| clean_label(c)).unwrap_or_default();
        let lines = fit_lines(&label, FONT_PX, false, f64::from(inner), 2);
        let line_y = y + lines.len() as i32 * LINE_PX + 10;
        let mut values = Vec::new();
        if let Some(m) = median_text {
            values.push(format!("median {m}"));
        }
        let range = match (min_text, max_text) {
            (Some(lo), Some(hi)) if lo != hi => Some(format!("{lo} – {hi}")),
            (Some(t), _) | (None, Some(t)) if Some(t) != median_text.as_ref() => Some(t.clone()),
            _ => None,
        };
        values.extend(range);
        let values: Vec<String> =
            values.into_iter().map(|v| truncate_width(&v, SMALL_FONT_PX, false, f64::from(inner))).collect();
        y = line_y + 12 + values.len() as i32 * (LINE_PX - 2) + 10;
        rows.push(Row { top: line_y - lines.len() as i32 * LINE_PX - 10, lines, line_y, values, row: *row });
    }

    // The scale's ticks at the foot; every other one when they would crowd.
    let ticks = scale.tick_values();
    let tick_labels: Vec<String> = ticks.iter().map(|&v| format_decimal(v, scale.decimals, style)).collect();
    let spacing = f64::from(x1 - x0) / scale.ticks.max(1) as f64;
    let widest = tick_labels.iter().map(|t| text_width(t, SMALL_FONT_PX, false)).fold(0.0, f64::max);
    let every = if widest + 8.0 <= spacing { 1 } else { 2 };
    let axis_y = y;
    let title_lines = fit_lines(&clean_label(&chart.y_label), FONT_PX, false, f64::from(inner), 2);
    let title_top = axis_y + 8 + LINE_PX + 4;
    let height = title_top + title_lines.len() as i32 * LINE_PX + MARGIN;

    let raw = render(width, height, |canvas| {
        for (j, line) in heading.iter().enumerate() {
            let o = TextOpts::new(FONT_PX, HPos::Left, VPos::Top).bold(true);
            draw_text(canvas, line, (MARGIN, MARGIN + j as i32 * LINE_PX), o)?;
        }
        draw_legend(canvas, &legend, MARGIN, legend_top)?;
        // Gridlines behind the rows, from the first row to the axis.
        let first = rows.first().map_or(axis_y, |r| r.top);
        for &v in &ticks {
            polyline(canvas, &[(x_of(v), first), (x_of(v), axis_y)], GRID, 1)?;
        }
        for r in &rows {
            for (j, line) in r.lines.iter().enumerate() {
                draw_text(
                    canvas,
                    line,
                    (MARGIN, r.top + j as i32 * LINE_PX),
                    TextOpts::new(FONT_PX, HPos::Left, VPos::Top),
                )?;
            }
            if let Some((lo, hi)) = r.row.lo_hi() {
                if r.row.has_range() {
                    draw_horizontal_range(canvas, x_of(lo), x_of(hi), r.line_y, 6)?;
                }
                if let Some(m) = r.row.median {
                    draw_median_marker(canvas, (x_of(m), r.line_y), 5)?;
                }
            }
            for (j, value) in r.values.iter().enumerate() {
                let at = (MARGIN, r.line_y + 12 + j as i32 * (LINE_PX - 2));
                draw_text(canvas, value, at, TextOpts::new(SMALL_FONT_PX, HPos::Left, VPos::Top))?;
            }
        }
        polyline(canvas, &[(x0, axis_y), (x1, axis_y)], INK, 1)?;
        for (i, (&v, label)) in ticks.iter().zip(&tick_labels).enumerate() {
            let x = x_of(v);
            polyline(canvas, &[(x, axis_y), (x, axis_y + 4)], INK, 1)?;
            if i % every == 0 {
                draw_text(canvas, label, (x, axis_y + 7), TextOpts::new(SMALL_FONT_PX, HPos::Center, VPos::Top))?;
            }
        }
        for (j, line) in title_lines.iter().enumerate() {
            let o = TextOpts::new(FONT_PX, HPos::Center, VPos::Top);
            draw_text(canvas, line, ((x0 + x1) / 2, title_top + j as i32 * LINE_PX), o)?;
        }
        Ok(())
    })?;
    Some((raw, width, height))
}

/// A horizontal line from `left` to `right` at `y` with end caps.
fn draw_horizontal_range(canvas: &mut Canvas<'_>, left: i32, right: i32, y: i32, cap: i32) -> DrawResult {
    let colour = PALETTE[0];
    polyline(canvas, &[(left, y), (right, y)], colour, 2)?;
    polyline(canvas, &[(left, y - cap), (left, y + cap)], colour, 2)?;
    polyline(canvas, &[(right, y - cap), (right, y + cap)], colour, 2)
}
