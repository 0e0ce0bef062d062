//! One chart of the site: its SVG documents (wide and narrow), its finding
//! and its table, all made from one table of numbers.

use serde::Serialize;

use crate::charts::bar::{bar_chart_svg, narrow_bar_chart_svg};
use crate::charts::bars::{BarChart, Series};
use crate::model::figures::FigureKind;
use crate::theme::Labels;

/// One chart: a standalone SVG file beside its page, and the same numbers as
/// a table.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// File name of the SVG, written in the page's folder.
    pub file: String,
    /// File name of the narrow variant, for phones: the same numbers drawn
    /// so that its text renders at 12 CSS px or more on a 320 px screen.
    pub narrow_file: String,
    /// Title.
    pub title: String,
    /// The finding in words: the text alternative.
    pub finding: String,
    /// Which periods a chart over time shows and leaves out, in words.
    pub scope: Option<String>,
    /// A note on where numbers come from, when a series mixes sources.
    pub note: Option<String>,
    /// The SVG document.
    #[serde(skip)]
    pub svg: String,
    /// The narrow variant's SVG document.
    #[serde(skip)]
    pub narrow_svg: String,
    /// The numbers as a table.
    pub table: ChartTable,
}

/// A chart's numbers as a table: one row per category.
#[derive(Debug, Clone, Serialize)]
pub struct ChartTable {
    /// Caption.
    pub caption: String,
    /// The first column's heading (the category).
    pub category_heading: String,
    /// One heading per series (and "Total" last for stacked charts of several series).
    pub headings: Vec<String>,
    /// Rows.
    pub rows: Vec<ChartRow>,
}

/// One row of a chart's table.
#[derive(Debug, Clone, Serialize)]
pub struct ChartRow {
    /// The category, e.g. a period label.
    pub label: String,
    /// One formatted cell per heading ("–" when unknown).
    pub cells: Vec<String>,
}

/// One series of numbers before drawing.
pub(super) struct SeriesData {
    pub(super) name: String,
    /// One value per category; None when unknown.
    pub(super) values: Vec<Option<u64>>,
    /// Per category: counted from records rather than an official figure.
    pub(super) counted: Vec<bool>,
}

/// Numbers of a bar chart before drawing.
pub(super) struct Table {
    pub(super) categories: Vec<String>,
    pub(super) series: Vec<SeriesData>,
}

impl Table {
    /// Per category, the sum of its known values; None when none is known.
    pub(super) fn totals(&self) -> Vec<Option<u64>> {
        (0..self.categories.len())
            .map(|i| {
                let known: Vec<u64> = self.series.iter().filter_map(|s| s.values.get(i).copied().flatten()).collect();
                (!known.is_empty()).then(|| known.iter().sum())
            })
            .collect()
    }

    /// The table as readers get it: one row per category, one cell per
    /// series ("–" when unknown, "*" after a counted value when sources mix)
    /// and, with `with_total`, the total last.
    pub(super) fn view(&self, l: &Labels<'_>, caption: &str, category_heading: String, with_total: bool) -> ChartTable {
        let mixed = self.mixed();
        let totals = self.totals();
        let cell = |v: Option<u64>, counted: bool| match v {
            Some(v) if counted && mixed => format!("{}*", l.count(v)),
            Some(v) => l.count(v),
            None => "–".to_string(),
        };
        let rows = self
            .categories
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let mut cells: Vec<String> = self
                    .series
                    .iter()
                    .map(|s| cell(s.values.get(i).copied().flatten(), s.counted.get(i).copied().unwrap_or(false)))
                    .collect();
                if with_total {
                    let counted = self.series.iter().any(|s| {
                        s.values.get(i).copied().flatten().is_some() && s.counted.get(i).copied().unwrap_or(false)
                    });
                    cells.push(cell(totals[i], counted));
                }
                ChartRow { label: label.clone(), cells }
            })
            .collect();
        let mut headings: Vec<String> = self.series.iter().map(|s| s.name.clone()).collect();
        if with_total {
            headings.push(l.i18n.get("chart_total").to_string());
        }
        ChartTable { caption: caption.to_string(), category_heading, headings, rows }
    }

    /// Whether some known values are counted and some official: then counted
    /// values are hatched in the chart and starred in the table.
    pub(super) fn mixed(&self) -> bool {
        let known = || {
            self.series
                .iter()
                .flat_map(|s| s.values.iter().zip(&s.counted).filter(|(v, _)| v.is_some()).map(|(_, &counted)| counted))
        };
        known().any(|c| c) && known().any(|c| !c)
    }
}

/// What a bar chart shows, before its numbers are drawn.
pub(super) struct BarSpec<'a> {
    pub(super) file: &'a str,
    pub(super) title: String,
    pub(super) finding: String,
    pub(super) scope: Option<String>,
    pub(super) x_label: String,
    pub(super) category_heading: String,
    pub(super) highlight: Option<usize>,
    pub(super) stacked: bool,
}

/// A bar chart, its table (counted values starred when sources mix, a total
/// column when stacked) and its note, from one table of numbers.
pub(super) fn bar(l: &Labels<'_>, spec: BarSpec<'_>, table: Table) -> Chart {
    let BarSpec { file, title, finding, scope, x_label, category_heading, highlight, stacked } = spec;
    let mixed = table.mixed();
    let chart = BarChart {
        title: title.clone(),
        description: finding.clone(),
        x_label,
        y_label: l.i18n.get("chart_y_count").to_string(),
        categories: table.categories.clone(),
        series: table
            .series
            .iter()
            .map(|s| Series {
                name: s.name.clone(),
                values: s.values.iter().map(|v| v.map_or(f64::NAN, |n| n as f64)).collect(),
                counted: s.counted.clone(),
            })
            .collect(),
        highlight,
        stacked,
        counted_note: mixed.then(|| l.i18n.get("chart_counted_note").to_string()),
        number_style: l.numbers,
    };
    // A stacked chart of several series labels each bar with its total: the
    // table has the totals too. (With one series the bar is that series.)
    let with_total = stacked && table.series.len() != 1;
    let table_view = table.view(l, &title, category_heading, with_total);
    Chart {
        file: file.to_string(),
        narrow_file: narrow_file(file),
        svg: bar_chart_svg(&chart),
        narrow_svg: narrow_bar_chart_svg(&chart),
        table: table_view,
        title,
        finding,
        scope,
        note: mixed.then(|| l.i18n.get("chart_counted_note").to_string()),
    }
}

/// The narrow variant's file name: `incidents-by-period-narrow.svg`.
pub(super) fn narrow_file(file: &str) -> String {
    match file.strip_suffix(".svg") {
        Some(stem) => format!("{stem}-narrow.svg"),
        None => format!("{file}-narrow.svg"),
    }
}

pub(super) fn figure_label(l: &Labels<'_>, kind: FigureKind) -> String {
    l.i18n.get(&format!("figure_{}", kind.key())).to_string()
}
