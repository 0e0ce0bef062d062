//! The overview's charts: each key figure over the comparable periods, and
//! the current period against its comparison period as small multiples.

use super::chart::{BarSpec, Chart, SeriesData, Table, bar, figure_label, narrow_file};
use super::trend::{Length, Trend};
use crate::charts::panels::{Panel, PanelChart, narrow_panel_chart_svg, panel_chart_svg};
use crate::model::Site;
use crate::model::figures::FigureKind;
use crate::text::number::format_change_percent;
use crate::theme::Labels;

/// "Incidents rose from 756 in Q1 2022 to 1 003 in Q1 2023 (+33 %).", or the
/// current value when there is nothing comparable: `reference` unknown, or
/// counted where the current value is official (or the other way round).
fn finding_for(site: &Site, l: &Labels<'_>, kind: FigureKind, reference: Option<usize>) -> String {
    let label = figure_label(l, kind);
    let Some(p) = site.current_period else {
        return l.i18n.get("chart_no_data").to_string();
    };
    let current = &site.periods[p].label;
    let now = site.figure(p, kind);
    let before = reference.and_then(|c| site.figure(c, kind).map(|f| (c, f)));
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

/// The overview's charts: each key figure over the trend's periods (the
/// current one marked; the finding compares it with a period in the chart),
/// and, when the comparison period is as long as the current one, the two
/// side by side in one panel per figure.
pub fn overview(site: &Site, l: &Labels<'_>) -> Vec<Chart> {
    let trend = Trend::of(site);
    let periods: &[usize] = trend.as_ref().map_or(&[], |t| &t.periods);
    let categories: Vec<String> = periods.iter().map(|&p| site.periods[p].label.clone()).collect();
    let reference = trend.as_ref().and_then(|t| t.reference(site));
    let mut charts: Vec<Chart> = FigureKind::ALL
        .iter()
        .map(|&kind| {
            let figures: Vec<_> = periods.iter().map(|&p| site.figure(p, kind)).collect();
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
                    finding: finding_for(site, l, kind, reference),
                    scope: trend.as_ref().map(|t| t.scope(site, l)),
                    x_label: trend.as_ref().map_or_else(|| l.i18n.get("col_period").to_string(), |t| t.axis_title(l)),
                    category_heading: l.i18n.get("col_period").to_string(),
                    highlight: periods.len().checked_sub(1),
                    stacked: false,
                },
                Table { categories: categories.clone(), series: vec![series] },
            )
        })
        .collect();
    if let Some(p) = site.current_period
        && let Some(c) = site.compare_of[p]
        && Length::of(&site.periods[c]) == Length::of(&site.periods[p])
    {
        charts.push(comparison(site, l, c, p));
    }
    charts
}

/// Period `p` against its comparison period `c`: one panel per key figure,
/// each on its own scale from zero, so that 11 and 5 read as well as 1 003.
/// The table has a row per figure and a column per period.
fn comparison(site: &Site, l: &Labels<'_>, c: usize, p: usize) -> Chart {
    let series: Vec<SeriesData> = [c, p]
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
    let table = Table { categories: FigureKind::ALL.iter().map(|&k| figure_label(l, k)).collect(), series };
    let title =
        l.i18n.fill("chart_compare_title", &[("now", &site.periods[p].label), ("before", &site.periods[c].label)]);
    let finding = FigureKind::ALL.iter().map(|&k| finding_for(site, l, k, Some(c))).collect::<Vec<_>>().join(" ");
    let mixed = table.mixed();
    let chart = PanelChart {
        title: title.clone(),
        description: finding.clone(),
        categories: table.series.iter().map(|s| s.name.clone()).collect(),
        panels: table
            .categories
            .iter()
            .enumerate()
            .map(|(i, name)| Panel {
                title: name.clone(),
                values: table.series.iter().map(|s| s.values[i].map_or(f64::NAN, |v| v as f64)).collect(),
                counted: table.series.iter().map(|s| s.counted[i]).collect(),
            })
            .collect(),
        highlight: Some(1),
        scale_note: l.i18n.get("chart_scale_note").to_string(),
        counted_note: mixed.then(|| l.i18n.get("chart_counted_note").to_string()),
        number_style: l.numbers,
    };
    let file = "current-against-comparison.svg";
    Chart {
        file: file.to_string(),
        narrow_file: narrow_file(file),
        svg: panel_chart_svg(&chart),
        narrow_svg: narrow_panel_chart_svg(&chart),
        table: table.view(l, &title, l.i18n.get("chart_figure").to_string(), false),
        title,
        finding,
        scope: None,
        note: mixed.then(|| l.i18n.get("chart_counted_note").to_string()),
    }
}
