//! What a bar chart shows: its numbers ([`BarChart`], [`Series`]) and their
//! checked form (`BarData`) with the legend they call for — shared by the
//! vertical drawing (`bar`), the horizontal one (`hbar`) and the small
//! multiples (`panels`).

use super::layout::MAX_LABEL_CHARS;
use super::legend::{LegendItem, Swatch};
use super::text::{clean_label, truncate_chars, usable, value_decimals};
use crate::text::number::NumberStyle;

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

/// The validated data of a bar chart.
pub(super) struct BarData {
    /// [series][category]
    pub(super) values: Vec<Vec<Option<f64>>>,
    /// [series][category]; only set when some values are counted and some not.
    pub(super) hatched: Vec<Vec<bool>>,
    pub(super) mixed: bool,
    /// All usable values are whole numbers.
    pub(super) integers: bool,
}

impl BarData {
    /// The data of `chart`; None when there is nothing to draw (no
    /// categories, no series or no usable value).
    pub(super) fn new(chart: &BarChart) -> Option<BarData> {
        let data = BarData::from_series(chart.categories.len(), &chart.series, None);
        let drawable = !chart.categories.is_empty() && data.values.iter().flatten().any(Option::is_some);
        drawable.then_some(data)
    }

    /// The data of `series` over `n` categories. Counted values are hatched
    /// when counted and official values mix: within these series, or, when
    /// `mixed` is given, as decided for a whole chart of several panels.
    pub(super) fn from_series(n: usize, series: &[Series], mixed: Option<bool>) -> BarData {
        let values: Vec<Vec<Option<f64>>> =
            series.iter().map(|s| (0..n).map(|i| usable(s.values.get(i))).collect()).collect();
        let present: Vec<f64> = values.iter().flatten().flatten().copied().collect();
        let counted: Vec<Vec<bool>> = series
            .iter()
            .zip(&values)
            .map(|(s, vals)| (0..n).map(|i| vals[i].is_some() && s.counted.get(i).copied().unwrap_or(false)).collect())
            .collect();
        let mixed = mixed.unwrap_or_else(|| mixes(&values, &counted));
        let hatched = if mixed { counted } else { vec![vec![false; n]; values.len()] };
        BarData { integers: value_decimals(&present) == 0, values, hatched, mixed }
    }
}

/// Whether some known values are counted and some official.
pub(super) fn mixes(values: &[Vec<Option<f64>>], counted: &[Vec<bool>]) -> bool {
    let any_counted = counted.iter().flatten().any(|&c| c);
    let any_official = values.iter().zip(counted).any(|(vals, cs)| vals.iter().zip(cs).any(|(v, c)| v.is_some() && !c));
    any_counted && any_official
}

/// The legend of a bar chart: its series when there are several, and the
/// note on counted values when they mix with official ones.
pub(super) fn legend_items(chart: &BarChart, data: &BarData) -> Vec<LegendItem> {
    let mut items = Vec::new();
    if chart.series.len() > 1 {
        for (s, series) in chart.series.iter().enumerate() {
            items
                .push(LegendItem { swatch: Swatch::Series(s), text: series_name(&series.name, s, chart.number_style) });
        }
    }
    let note = chart.counted_note.as_deref().filter(|_| data.mixed).map(clean_label).filter(|n| !n.is_empty());
    if let Some(note) = note {
        items.push(LegendItem { swatch: Swatch::Counted, text: note });
    }
    items
}

/// A series' name for the legend, cut to a label's length; "Series 2" when
/// it has none.
pub(super) fn series_name(name: &str, s: usize, style: NumberStyle) -> String {
    let name = truncate_chars(&clean_label(name), MAX_LABEL_CHARS);
    if !name.is_empty() {
        return name;
    }
    match style {
        NumberStyle::Swedish => format!("Serie {}", s + 1),
        NumberStyle::English => format!("Series {}", s + 1),
    }
}
