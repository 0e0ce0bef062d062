//! Deviations broken down: an area's and a service's over the comparable
//! periods (stacked by kind or severity), and a period's by area.

use super::chart::{BarSpec, Chart, SeriesData, Table, bar};
use super::trend::Trend;
use super::words::join_list;
use crate::model::Site;
use crate::theme::Labels;
use crate::vocab::{Kind, Severity};

/// Records per period, split by a key (kind or severity), for `records`,
/// over the trend's `periods`; and how many of `records` those periods
/// report (a record dated in two overlapping periods counts once). A period
/// without any records is unknown, not zero.
fn per_period<K: Copy + PartialEq>(
    site: &Site,
    periods: &[usize],
    records: &[usize],
    keys: &[(K, String)],
    key_of: impl Fn(usize) -> K,
) -> (Table, u64) {
    let shown = periods.len();
    // Where each of the site's periods stands in the chart, if it is there.
    let mut column = vec![None; site.periods.len()];
    for (i, &p) in periods.iter().enumerate() {
        column[p] = Some(i);
    }
    let mut counts = vec![vec![0u64; shown]; keys.len()];
    let mut reported = 0u64;
    for &r in records {
        let key = keys.iter().position(|(k, _)| *k == key_of(r));
        let mut in_shown = false;
        for i in site.periods_by_record[r].iter().filter_map(|&p| column[p]) {
            in_shown = true;
            if let Some(k) = key {
                counts[k][i] += 1;
            }
        }
        reported += u64::from(in_shown);
    }
    let known: Vec<bool> = periods.iter().map(|&p| !site.records_by_period[p].is_empty()).collect();
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
    let categories = periods.iter().map(|&p| site.periods[p].label.clone()).collect();
    (Table { categories, series }, reported)
}

/// A stacked chart over the trend's periods of `records`, split by `keys`:
/// `deviations-by-period.svg` of an area's or a service's page.
fn over_periods<K: Copy + PartialEq>(
    site: &Site,
    l: &Labels<'_>,
    title: String,
    subject: &str,
    records: &[usize],
    keys: &[(K, String)],
    key_of: impl Fn(usize) -> K,
) -> Chart {
    let trend = Trend::of(site);
    let periods: &[usize] = trend.as_ref().map_or(&[], |t| &t.periods);
    let (table, total) = per_period(site, periods, records, keys, key_of);
    let shown = trend.as_ref().filter(|t| !t.left_out.is_empty()).map(|t| t.listed(site, l, &t.periods));
    let spec = BarSpec {
        file: "deviations-by-period.svg",
        title,
        finding: stacked_finding(l, subject, &table, total, Categories::Periods(shown)),
        scope: trend.as_ref().map(|t| t.scope(site, l)),
        x_label: trend.as_ref().map_or_else(|| l.i18n.get("col_period").to_string(), |t| t.axis_title(l)),
        category_heading: l.i18n.get("col_period").to_string(),
        highlight: periods.len().checked_sub(1),
        stacked: true,
    };
    bar(l, spec, table)
}

/// What the categories of a stacked chart are, for the finding's wording.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Categories {
    /// Periods: "most in Q1 2023". With the trend's periods in words when it
    /// leaves some out: then a chart without deviations says "none in Q1
    /// 2022 and Q1 2023", not "none reported" (a left-out period may have
    /// some).
    Periods(Option<String>),
    /// Areas: "most in HR" ("flest inom HR").
    Areas,
}

/// "HR: 17 deviations in all, most in Q1 2023 (7)." for a stacked chart
/// with `total` deviations in all.
fn stacked_finding(l: &Labels<'_>, subject: &str, table: &Table, total: u64, of: Categories) -> String {
    let totals: Vec<u64> = table.totals().into_iter().map(Option::unwrap_or_default).collect();
    let most = totals.iter().copied().max().unwrap_or(0);
    if total == 0 || most == 0 {
        return match of {
            Categories::Periods(Some(periods)) => {
                l.i18n.fill("chart_finding_none_in", &[("subject", subject), ("periods", &periods)])
            }
            _ => l.i18n.fill("chart_finding_none", &[("subject", subject)]),
        };
    }
    let top: Vec<&str> =
        table.categories.iter().zip(&totals).filter(|&(_, &n)| n == most).map(|(c, _)| c.as_str()).collect();
    let suffix = match of {
        Categories::Periods(_) => "period",
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
    let name = &site.config.areas[a].name;
    let title = l.i18n.fill("chart_area_title", &[("area", name)]);
    let records = &site.records_by_area[a];
    over_periods(site, l, title, name, records, &keys, |r| site.records[r].kind)
}

/// A service page's chart: its deviations per period, by severity.
pub fn service(site: &Site, s: usize, l: &Labels<'_>) -> Chart {
    let keys: Vec<(Option<Severity>, String)> = vec![
        (Some(Severity::High), l.i18n.severity(Severity::High).to_string()),
        (Some(Severity::Medium), l.i18n.severity(Severity::Medium).to_string()),
        (Some(Severity::Low), l.i18n.severity(Severity::Low).to_string()),
        (None, l.i18n.get("chart_severity_none").to_string()),
    ];
    let name = &site.services[s].name;
    let title = l.i18n.fill("chart_service_title", &[("service", name)]);
    let records = &site.records_by_service[s];
    over_periods(site, l, title, name, records, &keys, |r| site.records[r].severity)
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
        scope: None,
        x_label: l.i18n.get("col_area").to_string(),
        category_heading: l.i18n.get("col_area").to_string(),
        highlight: None,
        stacked: true,
    };
    let mut charts = vec![bar(l, spec, table)];
    charts.extend(super::resolve::time_to_resolve(site, p, l));
    charts
}
