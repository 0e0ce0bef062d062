//! A period's report: its key figures compared with another period, what
//! changed since the previous report, the follow-up table of every area,
//! its reports to authorities, its records and recommendations — every
//! status as it stood on the period's last day.

use serde::Serialize;
use tera::Value;

use super::followed::{self, Card};
use super::frame::{DESCRIPTION_CHARS, Frame, Page};
use super::reports::{self, AuthorityTally};
use super::shared::Shared;
use super::since::{self, Since};
use super::tiers::{self, TierTable};
use crate::charts::site as draw;
use crate::model::figures::FigureKind;
use crate::render::markdown;
use crate::render::views::{self, FigureCard, FollowUpArea, KindCount};

/// A period's variables.
#[derive(Serialize)]
pub struct Period {
    /// The period's summary.
    period: Value,
    /// The editors' summary of the period, as HTML.
    summary_html: Option<String>,
    /// The key figures, compared with `compare`.
    figures: Vec<FigureCard>,
    /// Whether any figure is official (else all are counted from records).
    has_figures: bool,
    /// The period compared with; `none` when there is none.
    compare: Value,
    /// The follow-up table of each area.
    areas: Vec<FollowUpArea>,
    /// Per area (in `areas` order), the rows of its records.
    area_records: Value,
    /// The rows of the period's records.
    records: Value,
    /// The period's records by kind.
    counts: Vec<KindCount>,
    /// The editors' recommendations, as they stood at the period's end.
    recommendations: Vec<Card>,
    /// What changed since the previous report.
    since: Since,
    /// Each authority's tally of reports for the period.
    reports: Vec<AuthorityTally>,
    /// The period's deviations by service tier.
    tiers: TierTable,
}

/// Period `p`'s report.
pub fn page(s: &Shared<'_>, p: usize) -> Page<Period> {
    let site = s.site;
    let l = &s.labels;
    let w = s.words;
    let period = &site.periods[p];
    let compare = site.compare_of[p];
    let (summary_html, summary_text) =
        period.summary.as_deref().map(|m| markdown::to_html_and_text(m, 2, DESCRIPTION_CHARS, s.md)).unzip();
    let end = period.end.value;
    let areas = views::follow_up(site, p, l, s.md);
    // Statuses as they stood on the period's last day.
    let area_records: Vec<Value> = areas.iter().map(|a| s.rows_on(a.records.iter().copied(), end)).collect();
    let recommendations =
        site.followed.iter().filter(|f| f.period == p).map(|f| followed::card(site, l, f, end, s.md)).collect();
    let values = Period {
        period: s.period(p),
        summary_html,
        figures: reports::with_reporting_note(views::figure_cards(site, p, compare, l), site, l, p),
        has_figures: FigureKind::ALL.iter().any(|&k| k.official(period).is_some()),
        compare: compare.map_or(Value::none(), |c| s.period(c)),
        area_records: Value::from(area_records),
        areas,
        records: s.rows_on(site.records_by_period[p].iter().copied(), end),
        counts: views::kind_counts(site, &site.records_by_period[p], l),
        recommendations,
        since: since::since(site, l, p, s.md),
        reports: reports::period(site, l, p),
        tiers: tiers::table(site, l, p),
    };
    let breadcrumbs = vec![s.home(), s.list_link("nav_periods", &w.periods)];
    let frame = Frame::described(&period.label, summary_text, breadcrumbs, &w.periods, "period.html");
    Page { frame, values, charts: s.charts(|| draw::period(site, p, l)) }
}
