//! Which charts the site shows, and their numbers, drawn from the model.
//!
//! Each chart is built from one table of numbers: the SVG, the text
//! alternative (the finding in words) and the HTML table beside the chart all
//! come from that same table, so they cannot disagree.

use serde::Serialize;

use super::draw::{BarChart, RangeChart, Series, bar_chart_svg, range_chart_svg};
use super::number::{format_change_percent, format_decimal};
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
    /// One heading per series.
    pub headings: Vec<String>,
    /// Rows.
    pub rows: Vec<ChartRow>,
}

/// One row of a chart's table.
#[derive(Debug, Clone, Serialize)]
pub struct ChartRow {
    /// The category, e.g. a period label.
    pub label: String,
    /// One formatted cell per series ("–" when unknown).
    pub cells: Vec<String>,
}

/// Numbers of a bar chart before drawing.
struct Table {
    categories: Vec<String>,
    series: Vec<(String, Vec<Option<u64>>, Vec<bool>)>,
}

/// What a bar chart shows, before its numbers are drawn.
struct BarSpec<'a> {
    file: &'a str,
    title: String,
    finding: String,
    x_label: String,
    highlight: Option<usize>,
    stacked: bool,
}

fn bar(l: &Labels<'_>, spec: BarSpec<'_>, table: Table) -> Chart {
    let BarSpec { file, title, finding, x_label, highlight, stacked } = spec;
    let mixed = table.series.iter().any(|(_, values, counted)| {
        let known: Vec<bool> = values.iter().zip(counted).filter(|(v, _)| v.is_some()).map(|(_, c)| *c).collect();
        known.iter().any(|c| *c) && known.iter().any(|c| !*c)
    });
    let note = mixed.then(|| l.i18n.get("chart_counted_note").to_string());
    let chart = BarChart {
        title: title.clone(),
        description: finding.clone(),
        x_label,
        y_label: l.i18n.get("chart_y_count").to_string(),
        categories: table.categories.clone(),
        series: table
            .series
            .iter()
            .map(|(name, values, counted)| Series {
                name: name.clone(),
                values: values.iter().map(|v| v.map_or(f64::NAN, |n| n as f64)).collect(),
                counted: counted.clone(),
            })
            .collect(),
        highlight,
        stacked,
        counted_note: note.clone(),
        number_style: l.numbers,
    };
    let rows = table
        .categories
        .iter()
        .enumerate()
        .map(|(i, label)| ChartRow {
            label: label.clone(),
            cells: table
                .series
                .iter()
                .map(|(_, values, counted)| match values.get(i).copied().flatten() {
                    Some(v) if counted.get(i).copied().unwrap_or(false) && mixed => format!("{}*", l.count(v)),
                    Some(v) => l.count(v),
                    None => "–".to_string(),
                })
                .collect(),
        })
        .collect();
    Chart {
        file: file.to_string(),
        svg: bar_chart_svg(&chart),
        table: ChartTable {
            caption: title.clone(),
            category_heading: l.i18n.get("col_period").to_string(),
            headings: table.series.iter().map(|(n, _, _)| n.clone()).collect(),
            rows,
        },
        title,
        finding,
        note,
    }
}

fn figure_label(l: &Labels<'_>, kind: FigureKind) -> String {
    l.i18n.get(&format!("figure_{}", kind.key())).to_string()
}

/// "Incidents rose from 756 in Q1 2022 to 1 003 in Q1 2023 (+33 %)", or the
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
                std::cmp::Ordering::Greater => "chart_finding_up",
                std::cmp::Ordering::Less => "chart_finding_down",
                std::cmp::Ordering::Equal => "chart_finding_same",
            };
            l.i18n
                .get(key)
                .replace("{what}", &label)
                .replace("{from}", &l.count(b.value))
                .replace("{before}", &site.periods[c].label)
                .replace("{to}", &l.count(n.value))
                .replace("{now}", current)
                .replace(
                    "{change}",
                    &format_change_percent(b.value as f64, n.value as f64, l.numbers).unwrap_or_default(),
                )
        }
        (Some(n), _) => l
            .i18n
            .get("chart_finding_now")
            .replace("{what}", &label)
            .replace("{to}", &l.count(n.value))
            .replace("{now}", current),
        (None, _) => l.i18n.get("chart_finding_unknown").replace("{what}", &label).replace("{now}", current),
    }
}

/// The overview's charts: each key figure per period over all periods (the
/// current one marked), and the current period against its comparison period.
pub fn overview(site: &Site, l: &Labels<'_>) -> Vec<Chart> {
    let categories: Vec<String> = site.periods.iter().map(|p| p.label.clone()).collect();
    let mut charts: Vec<Chart> = FigureKind::ALL
        .iter()
        .map(|&kind| {
            let values: Vec<Option<u64>> =
                (0..site.periods.len()).map(|p| site.figure(p, kind).map(|f| f.value)).collect();
            let counted: Vec<bool> =
                (0..site.periods.len()).map(|p| site.figure(p, kind).is_some_and(|f| !f.official)).collect();
            let label = figure_label(l, kind);
            bar(
                l,
                BarSpec {
                    file: &format!("{}-by-period.svg", kind.key().replace('_', "-")),
                    title: l.i18n.get("chart_per_period").replace("{what}", &label),
                    finding: finding_for(site, l, kind),
                    x_label: l.i18n.get("col_period").to_string(),
                    highlight: site.current_period,
                    stacked: false,
                },
                Table { categories: categories.clone(), series: vec![(label, values, counted)] },
            )
        })
        .collect();
    if let Some(p) = site.current_period
        && let Some(c) = site.compare_of[p]
    {
        let series = [c, p]
            .iter()
            .map(|&q| {
                let figures: Vec<Option<crate::model::figures::Figure>> =
                    FigureKind::ALL.iter().map(|&k| site.figure(q, k)).collect();
                (
                    site.periods[q].label.clone(),
                    figures.iter().map(|f| f.map(|f| f.value)).collect(),
                    figures.iter().map(|f| f.is_some_and(|f| !f.official)).collect(),
                )
            })
            .collect();
        let categories: Vec<String> = FigureKind::ALL.iter().map(|&k| figure_label(l, k)).collect();
        let title = l
            .i18n
            .get("chart_compare_title")
            .replace("{now}", &site.periods[p].label)
            .replace("{before}", &site.periods[c].label);
        let finding = FigureKind::ALL.iter().map(|&k| finding_for(site, l, k)).collect::<Vec<_>>().join(". ") + ".";
        let spec = BarSpec {
            file: "current-against-comparison.svg",
            title,
            finding,
            x_label: String::new(),
            highlight: None,
            stacked: false,
        };
        let mut chart = bar(l, spec, Table { categories, series });
        chart.table.category_heading = l.i18n.get("chart_figure").to_string();
        charts.push(chart);
    }
    charts
}

/// Which periods report record `r` (its folder, and every period it is dated in).
fn periods_of(site: &Site, r: usize) -> impl Iterator<Item = usize> + '_ {
    let record = &site.records[r];
    let day = record.date.value.date;
    site.periods
        .iter()
        .enumerate()
        .filter(move |(_, p)| p.id == record.period || (p.start.value <= day && day <= p.end.value))
        .map(|(i, _)| i)
}

/// Records per period, split by a key (kind or severity), for `records`.
fn per_period<K: Copy + PartialEq>(
    site: &Site,
    records: &[usize],
    keys: &[(K, String)],
    key_of: impl Fn(usize) -> K,
) -> Table {
    let mut counts = vec![vec![0u64; site.periods.len()]; keys.len()];
    for &r in records {
        let k = key_of(r);
        if let Some(ki) = keys.iter().position(|(key, _)| *key == k) {
            for p in periods_of(site, r) {
                counts[ki][p] += 1;
            }
        }
    }
    let used: Vec<usize> = (0..keys.len()).filter(|&k| counts[k].iter().any(|&n| n > 0)).collect();
    Table {
        categories: site.periods.iter().map(|p| p.label.clone()).collect(),
        series: used
            .iter()
            .map(|&k| (keys[k].1.clone(), counts[k].iter().map(|&n| Some(n)).collect(), vec![true; site.periods.len()]))
            .collect(),
    }
}

fn stacked_finding(l: &Labels<'_>, subject: &str, table: &Table) -> String {
    let totals: Vec<u64> =
        (0..table.categories.len()).map(|i| table.series.iter().filter_map(|s| s.1[i]).sum()).collect();
    let total: u64 = totals.iter().sum();
    match totals.iter().enumerate().max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i))) {
        Some((i, &n)) if n > 0 => l
            .i18n
            .get("chart_finding_most")
            .replace("{subject}", subject)
            .replace("{total}", &l.count(total))
            .replace("{n}", &l.count(n))
            .replace("{category}", &table.categories[i]),
        _ => l.i18n.get("chart_finding_none").replace("{subject}", subject),
    }
}

/// An area page's chart: its deviations per period, by kind.
pub fn area(site: &Site, a: usize, l: &Labels<'_>) -> Chart {
    let keys: Vec<(Kind, String)> = Kind::ALL.iter().map(|&k| (k, l.i18n.kind_plural(k).to_string())).collect();
    let table = per_period(site, &site.records_by_area[a], &keys, |r| site.records[r].kind);
    let name = &site.config.areas[a].name;
    let title = l.i18n.get("chart_area_title").replace("{area}", name);
    let finding = stacked_finding(l, name, &table);
    let x_label = l.i18n.get("col_period").to_string();
    let spec = BarSpec {
        file: "deviations-by-period.svg",
        title,
        finding,
        x_label,
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
    let table = per_period(site, &site.records_by_service[s], &keys, |r| site.records[r].severity);
    let name = &site.services[s].name;
    let title = l.i18n.get("chart_service_title").replace("{service}", name);
    let finding = stacked_finding(l, name, &table);
    let x_label = l.i18n.get("col_period").to_string();
    let spec = BarSpec {
        file: "deviations-by-period.svg",
        title,
        finding,
        x_label,
        highlight: site.current_period,
        stacked: true,
    };
    bar(l, spec, table)
}

/// A period page's charts: deviations by area and kind, and the time to
/// resolve per area where records carry date-times.
pub fn period(site: &Site, p: usize, l: &Labels<'_>) -> Vec<Chart> {
    let records = &site.records_by_period[p];
    let label = &site.periods[p].label;
    let areas = &site.config.areas;
    let mut series = Vec::new();
    for &kind in &Kind::ALL {
        let values: Vec<Option<u64>> = (0..areas.len())
            .map(|a| {
                Some(
                    records.iter().filter(|&&r| site.record_area[r] == Some(a) && site.records[r].kind == kind).count()
                        as u64,
                )
            })
            .collect();
        if values.iter().any(|v| v.is_some_and(|n| n > 0)) {
            series.push((l.i18n.kind_plural(kind).to_string(), values, vec![true; areas.len()]));
        }
    }
    let table = Table { categories: areas.iter().map(|a| a.name.clone()).collect(), series };
    let title = l.i18n.get("chart_period_title").replace("{period}", label);
    let finding = stacked_finding(l, label, &table);
    let x_label = l.i18n.get("col_area").to_string();
    let spec = BarSpec { file: "deviations-by-area.svg", title, finding, x_label, highlight: None, stacked: true };
    let mut by_area = bar(l, spec, table);
    by_area.table.category_heading = l.i18n.get("col_area").to_string();
    let mut charts = vec![by_area];
    if let Some(chart) = time_to_resolve(site, p, l) {
        charts.push(chart);
    }
    charts
}

/// Hours from `date` to `resolved` of every record with both as date-times.
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

fn hours_text(l: &Labels<'_>, h: f64) -> String {
    if h < 1.0 {
        l.i18n.get("chart_minutes").replace("{n}", &l.count((h * 60.0).round() as u64))
    } else {
        l.i18n.get("chart_hours").replace("{n}", &format_decimal(h, 1, l.numbers))
    }
}

fn time_to_resolve(site: &Site, p: usize, l: &Labels<'_>) -> Option<Chart> {
    let records = &site.records_by_period[p];
    let mut categories = Vec::new();
    let (mut mins, mut medians, mut maxs) = (Vec::new(), Vec::new(), Vec::new());
    let mut rows = Vec::new();
    for (a, area) in site.config.areas.iter().enumerate() {
        let mine: Vec<usize> = records.iter().copied().filter(|&r| site.record_area[r] == Some(a)).collect();
        let hours = resolve_hours(site, &mine);
        let (Some(&lo), Some(&hi)) = (hours.first(), hours.last()) else { continue };
        let med = median(&hours);
        categories.push(area.name.clone());
        mins.push(lo);
        medians.push(med);
        maxs.push(hi);
        rows.push(ChartRow {
            label: area.name.clone(),
            cells: vec![l.count(hours.len() as u64), hours_text(l, lo), hours_text(l, med), hours_text(l, hi)],
        });
    }
    if categories.is_empty() {
        return None;
    }
    let all = resolve_hours(site, records);
    let (lo, hi) = (all.first().copied().unwrap_or(0.0), all.last().copied().unwrap_or(0.0));
    let label = &site.periods[p].label;
    let finding = l
        .i18n
        .get("chart_resolve_finding")
        .replace("{n}", &l.count(all.len() as u64))
        .replace("{period}", label)
        .replace("{min}", &hours_text(l, lo))
        .replace("{max}", &hours_text(l, hi))
        .replace("{median}", &hours_text(l, median(&all)));
    let title = l.i18n.get("chart_resolve_title").replace("{period}", label);
    let chart = RangeChart {
        title: title.clone(),
        description: finding.clone(),
        x_label: l.i18n.get("col_area").to_string(),
        y_label: l.i18n.get("chart_y_hours").to_string(),
        categories,
        min: mins,
        median: medians,
        max: maxs,
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
