//! Range charts: per category a line from minimum to maximum with the median
//! marked, and value labels beside it.

use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{TextOpts, render};
use super::document::{Fnv, finish, no_data_svg};
use super::layout::{
    Columns, LINE_PX, MARGIN, MAX_LABEL_CHARS, RIGHT_MARGIN, Rows, SMALL_FONT_PX, WIDTH, draw_axes, draw_grid,
    plan_x_labels, y_title_lines,
};
use super::legend::{LegendItem, Swatch, draw_legend, plan_legend};
use super::number::NumberStyle;
use super::scale::Scale;
use super::shapes::{draw_median_marker, draw_range_line, draw_text};
use super::text::{clean_label, format_value, text_width, truncate_chars, usable, value_decimals};

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
