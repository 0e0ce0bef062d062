//! Reports to supervisory authorities as pages state them: each stage of a
//! record's report in a sentence (on its page), each authority's tally per
//! period (on the period's page), and the personal-data card's line (on the
//! overview).

use serde::Serialize;

use crate::layout::links;
use crate::model::Site;
use crate::model::figures::FigureKind;
use crate::model::obligations::{Obligation, Outcome};
use crate::render::views::FigureCard;
use crate::theme::Labels;
use crate::time::{Date, Moment, Seconds};
use crate::vocab::Kind;

/// A record's reports, as its page states them.
#[derive(Serialize)]
pub struct RecordReports {
    /// When it was detected, which the deadlines count from, in a sentence.
    detected: String,
    /// One sentence per stage.
    stages: Vec<Stage>,
}

/// One stage of a report.
#[derive(Serialize)]
struct Stage {
    /// The outcome as a key, for a class (the words say it).
    outcome: &'static str,
    /// The outcome in a few words.
    outcome_label: String,
    /// The whole sentence.
    text: String,
}

/// Record `i`'s reports, as far as the site knows; `None` when no authority
/// concerns it.
pub fn record(site: &Site, l: &Labels<'_>, i: usize) -> Option<RecordReports> {
    let obligations = site.obligations(i);
    let first = obligations.first()?;
    let detected = l.i18n.fill("reports_detected_note", &[("detected", &instant(site, l, first.detected))]);
    Some(RecordReports { detected, stages: obligations.iter().map(|o| stage(site, l, o)).collect() })
}

fn stage(site: &Site, l: &Labels<'_>, o: &Obligation) -> Stage {
    let t = l.i18n;
    let authority = &site.config.authorities[o.authority].name;
    let stage = t.get(o.stage.label_key());
    let hours = hours_text(l, i64::try_from(o.hours).unwrap_or(i64::MAX));
    let due = instant(site, l, o.deadline);
    // The words of how it went; a sentence uses those it names.
    let (at, after, late) = match &o.outcome {
        Outcome::OnTime { at, hours_after } => (when(l, at), hours_text(l, *hours_after), String::new()),
        Outcome::Late { at, hours_after, .. } => (when(l, at), hours_text(l, *hours_after), late_text(site, l, o, at)),
        _ => Default::default(),
    };
    let text = t.fill(
        sentence_key(&o.outcome),
        &[
            ("stage", stage),
            ("authority", authority),
            ("deadline", &hours),
            ("due", &due),
            ("at", &at),
            ("hours", &after),
            ("late", &late),
        ],
    );
    Stage { outcome: o.outcome.key(), outcome_label: t.get(outcome_key(&o.outcome)).to_string(), text }
}

/// Whole hours in words: "less than an hour", "1 hour", "49 hours".
fn hours_text(l: &Labels<'_>, hours: i64) -> String {
    match hours {
        ..1 => l.i18n.get("hours_under_one").to_string(),
        1 => l.i18n.get("hours_one").to_string(),
        n => l.i18n.fill("hours", &[("n", &l.count(n.unsigned_abs()))]),
    }
}

/// How late a report was, in words: under an hour says so; otherwise
/// whole hours rounded up, as the reports export has them.
fn late_text(site: &Site, l: &Labels<'_>, o: &Obligation, at: &Moment) -> String {
    let late = at.end_in(&site.config.time_zone) - o.deadline;
    hours_text(l, if late < 3600 { 0 } else { (late + 3599).div_euclid(3600) })
}

/// Each outcome: its export key, the i18n key of its few words and of its
/// sentence on the record page, in the order period pages count them.
const OUTCOMES: [(&str, &str, &str); 6] = [
    ("on-time", "outcome_on_time", "reports_on_time"),
    ("late", "outcome_late", "reports_late"),
    ("not-reported-by-decision", "outcome_decision", "reports_decision"),
    ("reported-time-unknown", "outcome_time_unknown", "reports_time_unknown"),
    ("missing", "outcome_missing", "reports_missing"),
    ("not-yet-due", "outcome_not_yet_due", "reports_not_yet_due"),
];

/// The i18n key of an outcome's few words.
fn outcome_key(o: &Outcome) -> &'static str {
    OUTCOMES.iter().find(|(key, ..)| *key == o.key()).map_or("", |(_, label, _)| label)
}

/// The i18n key of an outcome's sentence.
fn sentence_key(o: &Outcome) -> &'static str {
    OUTCOMES.iter().find(|(key, ..)| *key == o.key()).map_or("", |(.., sentence)| sentence)
}

/// An instant as readers read it in the site's time zone.
fn instant(site: &Site, l: &Labels<'_>, at: Seconds) -> String {
    l.i18n.moment(&Moment::instant_in(at, &site.config.time_zone))
}

/// A moment as written, as readers read it.
fn when(l: &Labels<'_>, at: &Moment) -> String {
    l.i18n.moment(at)
}

/// One authority's tally for a period.
#[derive(Serialize)]
pub struct AuthorityTally {
    /// The authority's id (the section's anchor is `reports-<id>`).
    id: String,
    /// Its heading.
    heading: String,
    /// How many deviations had to be reported, in a sentence; or that none did.
    intro: String,
    /// Each outcome with its count, in words, those with none left out.
    counts: Vec<String>,
    /// The late reports, the latest first.
    late: Vec<LateItem>,
    /// The missing reports.
    missing: Vec<LateItem>,
}

/// A late or missing report, linked to its record.
#[derive(Serialize)]
struct LateItem {
    link: String,
    text: String,
}

/// Each authority's tally for period `p`, as things stood at its end: the
/// period's deviations of the kinds it concerns.
pub fn period(site: &Site, l: &Labels<'_>, p: usize) -> Vec<AuthorityTally> {
    let t = l.i18n;
    let end = site.periods[p].end.value;
    let records = &site.records_by_period[p];
    let as_of: Vec<(usize, Vec<Obligation>)> = records
        .iter()
        .filter(|&&i| !site.obligations(i).is_empty())
        .map(|&i| (i, site.obligations_as_of(i, end)))
        .collect();
    let mut out = Vec::new();
    for (a, authority) in site.config.authorities.iter().enumerate() {
        let mine: Vec<(usize, &Obligation)> =
            as_of.iter().flat_map(|(i, os)| os.iter().filter(|o| o.authority == a).map(move |o| (*i, o))).collect();
        let concerned = {
            let mut ids: Vec<usize> = mine.iter().map(|(i, _)| *i).collect();
            ids.dedup();
            ids.len()
        };
        let heading = t.fill("period_reports_heading", &[("authority", &authority.name)]);
        if concerned == 0 {
            let intro = t.fill("period_reports_none", &[("authority", &authority.name)]);
            out.push(AuthorityTally {
                id: authority.id.clone(),
                heading,
                intro,
                counts: Vec::new(),
                late: Vec::new(),
                missing: Vec::new(),
            });
            continue;
        }
        let counts = OUTCOMES
            .iter()
            .filter_map(|&(key, label, _)| {
                let n = mine.iter().filter(|(_, o)| o.outcome.key() == key).count();
                (n > 0).then(|| t.fill("period_reports_count", &[("label", t.get(label)), ("n", &l.count(n as u64))]))
            })
            .collect();
        let mut late: Vec<(i64, usize, &Obligation, String)> = mine
            .iter()
            .filter_map(|&(i, o)| match &o.outcome {
                Outcome::Late { at, late_by, .. } => Some((*late_by, i, o, late_text(site, l, o, at))),
                _ => None,
            })
            .collect();
        late.sort_by_key(|&(by, i, ..)| (std::cmp::Reverse(by), i));
        let late = late
            .into_iter()
            .map(|(_, i, o, how_late)| LateItem {
                link: links::link(&t.url.record(&site.records[i].id)),
                text: t.fill(
                    "period_reports_late_item",
                    &[("title", &site.records[i].title), ("stage", t.get(o.stage.label_key())), ("late", &how_late)],
                ),
            })
            .collect();
        let missing = mine
            .iter()
            .filter(|(_, o)| o.outcome == Outcome::Missing)
            .map(|&(i, o)| LateItem {
                link: links::link(&t.url.record(&site.records[i].id)),
                text: format!("{}: {}", site.records[i].title, t.get(o.stage.label_key())),
            })
            .collect();
        out.push(AuthorityTally {
            id: authority.id.clone(),
            heading,
            // An authority with several stages gets several reports per
            // deviation: say so, as the counts below are of reports.
            intro: if mine.len() == concerned {
                t.fill("period_reports_intro", &[("n", &l.count(concerned as u64))])
            } else {
                t.fill(
                    "period_reports_intro_stages",
                    &[("n", &l.count(concerned as u64)), ("stages", &l.count(mine.len() as u64))],
                )
            },
            counts,
            late,
            missing,
        });
    }
    out
}

/// The key figures of period `p` with the personal-data card's line on how
/// many were reported within the deadline.
pub fn with_reporting_note(mut cards: Vec<FigureCard>, site: &Site, l: &Labels<'_>, p: usize) -> Vec<FigureCard> {
    if let Some(card) = cards.iter_mut().find(|c| c.key == FigureKind::PersonalDataIncidents.key()) {
        card.note = personal_data_line(site, l, p);
    }
    cards
}

/// The personal-data card's line for period `p`: how many
/// of its personal-data incidents were reported within the deadline (to
/// the authority that concerns them), and how many not by decision.
fn personal_data_line(site: &Site, l: &Labels<'_>, p: usize) -> Option<String> {
    let t = l.i18n;
    let end: Date = site.periods[p].end.value;
    let (a, authority) =
        site.config.authorities.iter().enumerate().find(|(_, a)| a.kinds.contains(&Kind::PersonalDataIncident))?;
    let records: Vec<usize> = site.records_by_period[p]
        .iter()
        .copied()
        .filter(|&i| site.records[i].kind == Kind::PersonalDataIncident)
        .collect();
    if records.is_empty() {
        return None;
    }
    let outcomes: Vec<Vec<Obligation>> = records
        .iter()
        .map(|&i| site.obligations_as_of(i, end).into_iter().filter(|o| o.authority == a).collect())
        .collect();
    let on_time = outcomes
        .iter()
        .filter(|os| !os.is_empty() && os.iter().all(|o| matches!(o.outcome, Outcome::OnTime { .. })))
        .count();
    let decided = outcomes
        .iter()
        .filter(|os| !os.is_empty() && os.iter().all(|o| o.outcome == Outcome::NotReportedByDecision))
        .count();
    let mut line = t.fill(
        "overview_pdi_reported",
        &[
            ("on_time", &l.count(on_time as u64)),
            ("total", &l.count(records.len() as u64)),
            ("authority", &authority.name),
        ],
    );
    if decided > 0 {
        line.push(' ');
        line.push_str(&if decided == 1 {
            t.get("overview_pdi_decisions_one").to_string()
        } else {
            t.fill("overview_pdi_decisions", &[("n", &l.count(decided as u64))])
        });
    }
    Some(line)
}
