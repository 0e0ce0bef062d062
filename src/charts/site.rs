//! Which charts the site shows, and their numbers, drawn from the model.
//!
//! Each chart is built from one table of numbers: the SVG, the text
//! alternative (the finding in words) and the HTML table beside the chart all
//! come from that same table, so they cannot disagree.
//!
//! Charts over periods show the periods in time order up to the current one:
//! every period that starts no later than the current period ends (a period
//! starting later has not been reported yet). A period with neither figures nor
//! records is missing ("–"), not zero: nothing is known about it.

use serde::Serialize;

use super::bar::{BarChart, Series, bar_chart_svg};
use super::number::{format_change_percent, format_decimal};
use super::range::{RangeChart, range_chart_svg};
use crate::model::Site;
use crate::model::entities::{Kind, Severity};
use crate::model::figures::FigureKind;
use crate::render::views::Labels;

/// One chart: a standalone SVG file beside its page, and the same numbers as
/// a table.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// File name of the SVG, written in the page's folder.
    pub file: String,
    /// Title.
    pub title: String,
    /// The finding in words: the text alternative.
    pub finding: String,
    /// A note on where numbers come from, when a series mixes sources.
    pub note: Option<String>,
    /// The SVG document.
    #[serde(skip)]
    pub svg: String,
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
struct SeriesData {
    name: String,
    /// One value per category; None when unknown.
    values: Vec<Option<u64>>,
    /// Per category: counted from records rather than an official figure.
    counted: Vec<bool>,
}

/// Numbers of a bar chart before drawing.
struct Table {
    categories: Vec<String>,
    series: Vec<SeriesData>,
}

impl Table {
    /// Per category, the sum of its known values; None when none is known.
    fn totals(&self) -> Vec<Option<u64>> {
        (0..self.categories.len())
            .map(|i| {
                let known: Vec<u64> = self.series.iter().filter_map(|s| s.values.get(i).copied().flatten()).collect();
                (!known.is_empty()).then(|| known.iter().sum())
            })
            .collect()
    }

    /// Whether some known values are counted and some official: then counted
    /// values are hatched in the chart and starred in the table.
    fn mixed(&self) -> bool {
        let known = || {
            self.series
                .iter()
                .flat_map(|s| s.values.iter().zip(&s.counted).filter(|(v, _)| v.is_some()).map(|(_, &counted)| counted))
        };
        known().any(|c| c) && known().any(|c| !c)
    }
}

/// What a bar chart shows, before its numbers are drawn.
struct BarSpec<'a> {
    file: &'a str,
    title: String,
    finding: String,
    x_label: String,
    category_heading: String,
    highlight: Option<usize>,
    stacked: bool,
}

/// A bar chart, its table (counted values starred when sources mix, a total
/// column when stacked) and its note, from one table of numbers.
fn bar(l: &Labels<'_>, spec: BarSpec<'_>, table: Table) -> Chart {
    let BarSpec { file, title, finding, x_label, category_heading, highlight, stacked } = spec;
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
    let totals = table.totals();
    let cell = |v: Option<u64>, counted: bool| match v {
        Some(v) if counted && mixed => format!("{}*", l.count(v)),
        Some(v) => l.count(v),
        None => "–".to_string(),
    };
    let rows = table
        .categories
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let mut cells: Vec<String> = table
                .series
                .iter()
                .map(|s| cell(s.values.get(i).copied().flatten(), s.counted.get(i).copied().unwrap_or(false)))
                .collect();
            if with_total {
                let counted = table.series.iter().any(|s| {
                    s.values.get(i).copied().flatten().is_some() && s.counted.get(i).copied().unwrap_or(false)
                });
                cells.push(cell(totals[i], counted));
            }
            ChartRow { label: label.clone(), cells }
        })
        .collect();
    let mut headings: Vec<String> = table.series.iter().map(|s| s.name.clone()).collect();
    if with_total {
        headings.push(l.i18n.get("chart_total").to_string());
    }
    Chart {
        file: file.to_string(),
        svg: bar_chart_svg(&chart),
        table: ChartTable { caption: title.clone(), category_heading, headings, rows },
        title,
        finding,
        note: mixed.then(|| l.i18n.get("chart_counted_note").to_string()),
    }
}

fn figure_label(l: &Labels<'_>, kind: FigureKind) -> String {
    l.i18n.get(&format!("figure_{}", kind.key())).to_string()
}

/// How many periods, from the first, the charts over periods show: every
/// period that starts no later than the current period ends (the current one
/// and those it overlaps included; later ones are not reported yet). Periods
/// are sorted by start, so these are the first ones.
fn reported_periods(site: &Site) -> usize {
    match site.current_period {
        Some(c) => {
            let end = site.periods[c].end.value;
            site.periods.iter().take_while(|p| p.start.value <= end).count()
        }
        None => site.periods.len(),
    }
}

/// "Incidents rose from 756 in Q1 2022 to 1 003 in Q1 2023 (+33 %).", or the
/// current value when there is nothing comparable.
fn finding_for(site: &Site, l: &Labels<'_>, kind: FigureKind) -> String {
    let label = figure_label(l, kind);
    let Some(p) = site.current_period else {
        return l.i18n.get("chart_no_data").to_string();
    };
    let current = &site.periods[p].label;
    let now = site.figure(p, kind);
    let before = site.compare_of[p].and_then(|c| site.figure(c, kind).map(|f| (c, f)));
    match (now, before) {
        (Some(n), Some((c, b))) if n.official == b.official => {
            let key = match n.value.cmp(&b.value) {
                // From zero there is no percentage: "rose from 0 in … to 4 in …."
                std::cmp::Ordering::Greater if b.value == 0 => "chart_finding_up_from_zero",
                std::cmp::Ordering::Greater => "chart_finding_up",
                std::cmp::Ordering::Less => "chart_finding_down",
                std::cmp::Ordering::Equal => "chart_finding_same",
            };
            let change = format_change_percent(b.value as f64, n.value as f64, l.numbers);
            l.i18n.fill(
                key,
                &[
                    ("what", &label),
                    ("from", &l.count(b.value)),
                    ("before", &site.periods[c].label),
                    ("to", &l.count(n.value)),
                    ("now", current),
                    ("change", &change.unwrap_or_default()),
                ],
            )
        }
        (Some(n), _) => {
            l.i18n.fill("chart_finding_now", &[("what", &label), ("to", &l.count(n.value)), ("now", current)])
        }
        (None, _) => l.i18n.fill("chart_finding_unknown", &[("what", &label), ("now", current)]),
    }
}

/// The overview's charts: each key figure per period (the current one
/// marked), and the current period against its comparison period.
pub fn overview(site: &Site, l: &Labels<'_>) -> Vec<Chart> {
    let shown = reported_periods(site);
    let categories: Vec<String> = site.periods[..shown].iter().map(|p| p.label.clone()).collect();
    let mut charts: Vec<Chart> = FigureKind::ALL
        .iter()
        .map(|&kind| {
            let figures: Vec<_> = (0..shown).map(|p| site.figure(p, kind)).collect();
            let label = figure_label(l, kind);
            let series = SeriesData {
                name: label.clone(),
                values: figures.iter().map(|f| f.map(|f| f.value)).collect(),
                counted: figures.iter().map(|f| f.is_some_and(|f| !f.official)).collect(),
            };
            bar(
                l,
                BarSpec {
                    file: &format!("{}-by-period.svg", kind.key().replace('_', "-")),
                    title: l.i18n.fill("chart_per_period", &[("what", &label)]),
                    finding: finding_for(site, l, kind),
                    x_label: l.i18n.get("col_period").to_string(),
                    category_heading: l.i18n.get("col_period").to_string(),
                    highlight: site.current_period,
                    stacked: false,
                },
                Table { categories: categories.clone(), series: vec![series] },
            )
        })
        .collect();
    if let Some(p) = site.current_period
        && let Some(c) = site.compare_of[p]
    {
        let series = [c, p]
            .iter()
            .map(|&q| {
                let figures: Vec<_> = FigureKind::ALL.iter().map(|&k| site.figure(q, k)).collect();
                SeriesData {
                    name: site.periods[q].label.clone(),
                    values: figures.iter().map(|f| f.map(|f| f.value)).collect(),
                    counted: figures.iter().map(|f| f.is_some_and(|f| !f.official)).collect(),
                }
            })
            .collect();
        let categories: Vec<String> = FigureKind::ALL.iter().map(|&k| figure_label(l, k)).collect();
        let title =
            l.i18n.fill("chart_compare_title", &[("now", &site.periods[p].label), ("before", &site.periods[c].label)]);
        let finding = FigureKind::ALL.iter().map(|&k| finding_for(site, l, k)).collect::<Vec<_>>().join(" ");
        let spec = BarSpec {
            file: "current-against-comparison.svg",
            title,
            finding,
            x_label: String::new(),
            category_heading: l.i18n.get("chart_figure").to_string(),
            highlight: None,
            stacked: false,
        };
        charts.push(bar(l, spec, Table { categories, series }));
    }
    charts
}

/// Records per period, split by a key (kind or severity), for `records`,
/// over the first `shown` periods; and how many of `records` those periods
/// report (a record dated in two overlapping periods counts once). A period
/// without any records is unknown, not zero.
fn per_period<K: Copy + PartialEq>(
    site: &Site,
    shown: usize,
    records: &[usize],
    keys: &[(K, String)],
    key_of: impl Fn(usize) -> K,
) -> (Table, u64) {
    let mut counts = vec![vec![0u64; shown]; keys.len()];
    let mut reported = 0u64;
    for &r in records {
        let key = keys.iter().position(|(k, _)| *k == key_of(r));
        let mut in_shown = false;
        for &p in site.periods_by_record[r].iter().filter(|&&p| p < shown) {
            in_shown = true;
            if let Some(k) = key {
                counts[k][p] += 1;
            }
        }
        reported += u64::from(in_shown);
    }
    let known: Vec<bool> = site.records_by_period[..shown].iter().map(|in_period| !in_period.is_empty()).collect();
    let series = keys
        .iter()
        .zip(counts)
        .filter(|(_, values)| values.iter().any(|&n| n > 0))
        .map(|((_, name), values)| SeriesData {
            name: name.clone(),
            values: values.iter().zip(&known).map(|(&n, &k)| k.then_some(n)).collect(),
            counted: vec![true; shown],
        })
        .collect();
    let categories = site.periods[..shown].iter().map(|p| p.label.clone()).collect();
    (Table { categories, series }, reported)
}

/// What the categories of a stacked chart are, for the finding's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Categories {
    /// Periods: "most in Q1 2023".
    Periods,
    /// Areas: "most in HR" ("flest inom HR").
    Areas,
}

/// "A", "A and B", "A, B and C".
fn join_list(l: &Labels<'_>, items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} {} {}", rest.join(", "), l.i18n.get("chart_and"), last),
    }
}

/// "HR: 17 deviations in all, most in Q1 2023 (7)." for a stacked chart
/// with `total` deviations in all.
fn stacked_finding(l: &Labels<'_>, subject: &str, table: &Table, total: u64, of: Categories) -> String {
    let totals: Vec<u64> = table.totals().into_iter().map(Option::unwrap_or_default).collect();
    let most = totals.iter().copied().max().unwrap_or(0);
    if total == 0 || most == 0 {
        return l.i18n.fill("chart_finding_none", &[("subject", subject)]);
    }
    let top: Vec<&str> =
        table.categories.iter().zip(&totals).filter(|&(_, &n)| n == most).map(|(c, _)| c.as_str()).collect();
    let suffix = match of {
        Categories::Periods => "period",
        Categories::Areas => "area",
    };
    let key = match (total, top.len()) {
        (1, _) => "chart_finding_one",
        (_, 1) => "chart_finding_most",
        _ => "chart_finding_tie",
    };
    l.i18n.fill(
        &format!("{key}_{suffix}"),
        &[("subject", subject), ("total", &l.count(total)), ("n", &l.count(most)), ("category", &join_list(l, &top))],
    )
}

/// An area page's chart: its deviations per period, by kind.
pub fn area(site: &Site, a: usize, l: &Labels<'_>) -> Chart {
    let keys: Vec<(Kind, String)> = Kind::ALL.iter().map(|&k| (k, l.i18n.kind_plural(k).to_string())).collect();
    let records = &site.records_by_area[a];
    let (table, total) = per_period(site, reported_periods(site), records, &keys, |r| site.records[r].kind);
    let name = &site.config.areas[a].name;
    let spec = BarSpec {
        file: "deviations-by-period.svg",
        title: l.i18n.fill("chart_area_title", &[("area", name)]),
        finding: stacked_finding(l, name, &table, total, Categories::Periods),
        x_label: l.i18n.get("col_period").to_string(),
        category_heading: l.i18n.get("col_period").to_string(),
        highlight: site.current_period,
        stacked: true,
    };
    bar(l, spec, table)
}

/// A service page's chart: its deviations per period, by severity.
pub fn service(site: &Site, s: usize, l: &Labels<'_>) -> Chart {
    let keys: Vec<(Option<Severity>, String)> = vec![
        (Some(Severity::High), l.i18n.severity(Severity::High).to_string()),
        (Some(Severity::Medium), l.i18n.severity(Severity::Medium).to_string()),
        (Some(Severity::Low), l.i18n.severity(Severity::Low).to_string()),
        (None, l.i18n.get("chart_severity_none").to_string()),
    ];
    let records = &site.records_by_service[s];
    let (table, total) = per_period(site, reported_periods(site), records, &keys, |r| site.records[r].severity);
    let name = &site.services[s].name;
    let spec = BarSpec {
        file: "deviations-by-period.svg",
        title: l.i18n.fill("chart_service_title", &[("service", name)]),
        finding: stacked_finding(l, name, &table, total, Categories::Periods),
        x_label: l.i18n.get("col_period").to_string(),
        category_heading: l.i18n.get("col_period").to_string(),
        highlight: site.current_period,
        stacked: true,
    };
    bar(l, spec, table)
}

/// A period page's charts: deviations by area and kind, and the time to
/// resolve per area where records carry date-times. A period without records
/// (figures only) has no charts: there is nothing to break down.
pub fn period(site: &Site, p: usize, l: &Labels<'_>) -> Vec<Chart> {
    let records = &site.records_by_period[p];
    if records.is_empty() {
        return Vec::new();
    }
    let label = &site.periods[p].label;
    let areas = &site.config.areas;
    let mut counts = vec![vec![0u64; areas.len()]; Kind::ALL.len()];
    for &r in records {
        if let (Some(a), Some(k)) = (site.record_area[r], Kind::ALL.iter().position(|&k| k == site.records[r].kind)) {
            counts[k][a] += 1;
        }
    }
    let series = Kind::ALL
        .iter()
        .zip(counts)
        .filter(|(_, values)| values.iter().any(|&n| n > 0))
        .map(|(&kind, values)| SeriesData {
            name: l.i18n.kind_plural(kind).to_string(),
            values: values.into_iter().map(Some).collect(),
            counted: vec![true; areas.len()],
        })
        .collect();
    let table = Table { categories: areas.iter().map(|a| a.name.clone()).collect(), series };
    let total = table.totals().into_iter().flatten().sum();
    let spec = BarSpec {
        file: "deviations-by-area.svg",
        title: l.i18n.fill("chart_period_title", &[("period", label)]),
        finding: stacked_finding(l, label, &table, total, Categories::Areas),
        x_label: l.i18n.get("col_area").to_string(),
        category_heading: l.i18n.get("col_area").to_string(),
        highlight: None,
        stacked: true,
    };
    let mut charts = vec![bar(l, spec, table)];
    charts.extend(time_to_resolve(site, p, l));
    charts
}

/// Hours from `date` to `resolved` of every record with both as date-times,
/// sorted. Ongoing records (not resolved) and dates without a time of day
/// are left out.
fn resolve_hours(site: &Site, records: &[usize]) -> Vec<f64> {
    let mut hours: Vec<f64> = records
        .iter()
        .filter_map(|&r| {
            let rec = &site.records[r];
            let res = rec.resolved.as_ref()?;
            (rec.date.value.time.is_some() && res.value.time.is_some())
                .then(|| (res.value.epoch_seconds() - rec.date.value.epoch_seconds()) as f64 / 3600.0)
        })
        .filter(|h| *h >= 0.0)
        .collect();
    hours.sort_by(f64::total_cmp);
    hours
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return 0.0;
    }
    if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0 }
}

/// A number with one decimal, or none when that decimal is 0: "7,5", "29".
fn one_decimal(x: f64, l: &Labels<'_>) -> String {
    let tenths = (x * 10.0).round();
    format_decimal(x, if tenths % 10.0 == 0.0 { 0 } else { 1 }, l.numbers)
}

/// A duration as a reader says it: "30 min" under an hour, "7,5 tim" under
/// two days, "7,2 dygn" from two days. The chart's labels and the table use
/// this same text.
fn duration_text(l: &Labels<'_>, hours: f64) -> String {
    let minutes = (hours * 60.0).round();
    if minutes < 60.0 {
        return l.i18n.fill("chart_minutes", &[("n", &l.count(minutes.max(0.0) as u64))]);
    }
    if (hours * 10.0).round() < 480.0 {
        return l.i18n.fill("chart_hours", &[("n", &one_decimal(hours, l))]);
    }
    l.i18n.fill("chart_days", &[("n", &one_decimal(hours / 24.0, l))])
}

fn time_to_resolve(site: &Site, p: usize, l: &Labels<'_>) -> Option<Chart> {
    let records = &site.records_by_period[p];
    let mut categories = Vec::new();
    let (mut mins, mut medians, mut maxs, mut labels) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut rows = Vec::new();
    let mut all = Vec::new();
    let mut by_area = vec![Vec::new(); site.config.areas.len()];
    for &r in records {
        if let Some(a) = site.record_area[r] {
            by_area[a].push(r);
        }
    }
    for (area, mine) in site.config.areas.iter().zip(&by_area) {
        let hours = resolve_hours(site, mine);
        let (Some(&lo), Some(&hi)) = (hours.first(), hours.last()) else { continue };
        let med = median(&hours);
        let texts = [duration_text(l, lo), duration_text(l, med), duration_text(l, hi)];
        categories.push(area.name.clone());
        mins.push(lo);
        medians.push(med);
        maxs.push(hi);
        let mut cells = vec![l.count(hours.len() as u64)];
        cells.extend(texts.iter().cloned());
        rows.push(ChartRow { label: area.name.clone(), cells });
        labels.push(texts);
        all.extend(hours);
    }
    if categories.is_empty() {
        return None;
    }
    all.sort_by(f64::total_cmp);
    let (lo, hi) = (all.first().copied().unwrap_or(0.0), all.last().copied().unwrap_or(0.0));
    let (lo, med, hi) = (duration_text(l, lo), duration_text(l, median(&all)), duration_text(l, hi));
    let key = match all.len() {
        1 => "chart_resolve_finding_one",
        _ if lo == hi => "chart_resolve_finding_same",
        _ => "chart_resolve_finding",
    };
    let label = &site.periods[p].label;
    let finding = l.i18n.fill(
        key,
        &[("n", &l.count(all.len() as u64)), ("period", label), ("min", &lo), ("max", &hi), ("median", &med)],
    );
    let title = l.i18n.fill("chart_resolve_title", &[("period", label)]);
    let chart = RangeChart {
        title: title.clone(),
        description: finding.clone(),
        x_label: l.i18n.get("col_area").to_string(),
        y_label: l.i18n.get("chart_y_hours").to_string(),
        categories,
        min: mins,
        median: medians,
        max: maxs,
        labels,
        number_style: l.numbers,
    };
    Some(Chart {
        file: "time-to-resolve.svg".to_string(),
        svg: range_chart_svg(&chart),
        table: ChartTable {
            caption: title.clone(),
            category_heading: l.i18n.get("col_area").to_string(),
            headings: ["chart_resolve_count", "chart_resolve_min", "chart_resolve_median", "chart_resolve_max"]
                .iter()
                .map(|k| l.i18n.get(k).to_string())
                .collect(),
            rows,
        },
        title,
        finding,
        note: None,
    })
}
