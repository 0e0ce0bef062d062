//! Time to resolve: per area of a period, the shortest, median and longest
//! time from a deviation's start to its resolution.

use super::chart::{Chart, ChartRow, ChartTable, narrow_file};
use crate::charts::range::{RangeChart, narrow_range_chart_svg, range_chart_svg};
use crate::model::Site;
use crate::text::number::format_decimal;
use crate::theme::Labels;

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

/// A period page's time-to-resolve chart, by area; None when no record of
/// the period has a date-time and a resolved date-time.
pub(super) fn time_to_resolve(site: &Site, p: usize, l: &Labels<'_>) -> Option<Chart> {
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
    let file = "time-to-resolve.svg";
    Some(Chart {
        file: file.to_string(),
        narrow_file: narrow_file(file),
        svg: range_chart_svg(&chart),
        narrow_svg: narrow_range_chart_svg(&chart),
        scope: None,
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
