//! What templates see: plain, serialisable views of the model, with every
//! label in the reader's language and every link relative to the site root
//! (templates prefix links with `root`).

use serde::Serialize;
use tera::Value;

use super::languages::ForeignTerms;
use super::markdown;
use crate::content::Record;
use crate::layout::links;
use crate::model::Site;
use crate::model::figures::FigureKind;
use crate::text::number::format_change_percent;
use crate::theme::{I18n, Labels};
use crate::time::Moment;
use crate::vocab::Kind;

/// A link with its text. Templates see `title`, `href` and `link`: the
/// path as a link names it (`perioder/index.html` for `perioder/`, what the
/// `index` filter makes of `href`).
#[derive(Debug, Clone)]
pub struct Link {
    /// Text.
    pub title: String,
    /// Path from the site root.
    pub href: String,
}

impl Serialize for Link {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut s = serializer.serialize_struct("Link", 3)?;
        s.serialize_field("title", &self.title)?;
        s.serialize_field("href", &self.href)?;
        s.serialize_field("link", &links::link(&self.href))?;
        s.end()
    }
}

/// One record as a row in a list.
#[derive(Debug, Clone, Serialize)]
pub struct RecordRow {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The title as HTML, words of another language marked (what
    /// `title | mark_lang` gives), made once for every list the record is in.
    pub title_html: Value,
    /// Path from the site root.
    pub href: String,
    /// `href` as a link names it (`avvikelser/x/index.html`).
    pub link: String,
    /// Kind key (`major-incident`), for CSS classes.
    pub kind: &'static str,
    /// Kind label.
    pub kind_label: String,
    /// The kind label as HTML, words of another language marked.
    pub kind_label_html: Value,
    /// Service name.
    pub service: String,
    /// Service page.
    pub service_href: String,
    /// `service_href` as a link names it.
    pub service_link: String,
    /// Area name.
    pub area: String,
    /// Area page.
    pub area_href: String,
    /// `area_href` as a link names it (empty when the area is unknown).
    pub area_link: String,
    /// Date as readers write it.
    pub date: String,
    /// Date, ISO 8601 (for `<time datetime>`).
    pub date_iso: String,
    /// Resolved, as readers write it.
    pub resolved: Option<String>,
    /// Resolved, ISO 8601.
    pub resolved_iso: Option<String>,
    /// Status key.
    pub status: &'static str,
    /// Status label.
    pub status_label: String,
    /// Severity key.
    pub severity: Option<&'static str>,
    /// Severity label.
    pub severity_label: Option<String>,
    /// On a page that shows an earlier day (an old period's report), how
    /// the record went on afterwards ("Senare: Åtgärdad 20 juni 2023").
    pub status_note: Option<String>,
}

/// Builds the row of record `i`; `terms` mark words of another language in
/// its title and kind.
pub fn record_row(site: &Site, i: usize, l: &Labels<'_>, terms: &ForeignTerms) -> RecordRow {
    let r = &site.records[i];
    let words = &l.i18n.url;
    let service = site.record_service[i].map(|s| &site.services[s]);
    let area = site.record_area[i].map(|a| &site.config.areas[a]);
    let href = words.record(&r.id);
    let service_href = words.service(&r.service.value);
    let area_href = area.map_or_else(String::new, |a| words.area(&a.id));
    let kind_label = l.i18n.kind(r.kind);
    RecordRow {
        id: r.id.clone(),
        title: r.title.clone(),
        title_html: terms.marked_value(&r.title),
        link: links::link(&href),
        href,
        kind: r.kind.key(),
        kind_label: kind_label.to_string(),
        kind_label_html: terms.marked_value(kind_label),
        service: service.map_or_else(|| r.service.value.clone(), |s| s.name.clone()),
        service_link: links::link(&service_href),
        service_href,
        area: area.map_or_else(String::new, |a| a.name.clone()),
        area_link: if area_href.is_empty() { String::new() } else { links::link(&area_href) },
        area_href,
        date: l.i18n.moment(&r.date.value),
        date_iso: r.date.value.rfc3339(),
        resolved: r.resolved.as_ref().map(|m| l.i18n.moment(&m.value)),
        resolved_iso: r.resolved.as_ref().map(|m| m.value.rfc3339()),
        status: site.status(i).key(),
        status_label: l.i18n.status(site.status(i)).to_string(),
        severity: r.severity.map(|s| s.key()),
        severity_label: r.severity.map(|s| l.i18n.severity(s).to_string()),
        status_note: None,
    }
}

/// Record `i`'s row as it stood on `day`: its status then, and a note of
/// how it went on when that changed later.
pub fn record_row_on(site: &Site, i: usize, day: crate::time::Date, l: &Labels<'_>, terms: &ForeignTerms) -> RecordRow {
    let mut row = record_row(site, i, l, terms);
    let then = site.status_on(i, day);
    let line = &site.record_lines[i];
    if then != line.last() {
        row.status = then.key();
        row.status_label = l.i18n.status(then).to_string();
        let last = line.changes.last().map(|c| l.i18n.moment(&c.at)).unwrap_or_default();
        row.status_note = Some(l.i18n.fill("status_later", &[("status", l.i18n.status(line.last())), ("date", &last)]));
    }
    row
}

/// One key figure of a period, compared with another period.
#[derive(Debug, Clone, Serialize)]
pub struct FigureCard {
    /// Stable key (`major_incidents`).
    pub key: &'static str,
    /// Label, e.g. "Major incidents".
    pub label: String,
    /// The value, formatted; "–" when unknown.
    pub value: String,
    /// The raw value, when known.
    pub raw: Option<u64>,
    /// "from the incident-management system", "counted from the records"
    /// or "no figure for this period".
    pub source: String,
    /// "+33 %".
    pub change: Option<String>,
    /// "up", "down" or "same", for CSS; the words are in `change_text`.
    pub direction: Option<&'static str>,
    /// "up from 756 in Q1 2022", or why there is no comparison.
    pub change_text: Option<String>,
    /// A further line: on the personal-data card, how many were reported
    /// to the authority within the deadline.
    pub note: Option<String>,
}

/// The three key figures of `period`, compared with `compare`. A change is
/// given only when both figures are known and come from the same source:
/// an official count against a count of written records says nothing.
pub fn figure_cards(site: &Site, period: usize, compare: Option<usize>, l: &Labels<'_>) -> Vec<FigureCard> {
    FigureKind::ALL
        .iter()
        .map(|&kind| {
            let f = site.figure(period, kind);
            let label = l.i18n.get(&format!("figure_{}", kind.key())).to_string();
            let source = l.i18n.get(match f {
                Some(f) if f.official => "figure_official",
                Some(_) => "figure_counted",
                None => "figure_missing",
            });
            let (change, direction, change_text) = match (f, compare) {
                (Some(f), Some(c)) => {
                    let label = &site.periods[c].label;
                    match site.figure(c, kind) {
                        Some(cf) if cf.official == f.official => {
                            let direction = match f.value.cmp(&cf.value) {
                                std::cmp::Ordering::Greater => "up",
                                std::cmp::Ordering::Less => "down",
                                std::cmp::Ordering::Equal => "same",
                            };
                            let text = l.i18n.fill(
                                &format!("change_{direction}"),
                                &[("value", &l.count(cf.value)), ("period", label)],
                            );
                            (
                                format_change_percent(cf.value as f64, f.value as f64, l.numbers),
                                Some(direction),
                                Some(text),
                            )
                        }
                        Some(_) => (None, None, Some(l.i18n.fill("change_not_comparable", &[("period", label)]))),
                        None => (None, None, Some(l.i18n.fill("change_no_figure", &[("period", label)]))),
                    }
                }
                _ => (None, None, None),
            };
            FigureCard {
                key: kind.key(),
                label,
                value: f.map_or_else(|| "–".to_string(), |f| l.count(f.value)),
                raw: f.map(|f| f.value),
                source: source.to_string(),
                change,
                direction,
                change_text,
                note: None,
            }
        })
        .collect()
}

/// One row of the follow-up table: a service with deviations in a period.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUpRow {
    /// The service.
    pub service: Link,
    /// Its IT system.
    pub system: Option<String>,
    /// Actions from all its records in the period, as inline HTML.
    pub actions: Vec<String>,
    /// Incidents and other deviations (not personal-data incidents).
    pub deviations: Vec<RecordMention>,
    /// Personal-data incidents.
    pub personal_data: Vec<RecordMention>,
    /// The highest severity, as a label.
    pub severity: Option<String>,
    /// The highest severity key.
    pub severity_key: Option<&'static str>,
}

/// A record named in a table cell.
#[derive(Debug, Clone, Serialize)]
pub struct RecordMention {
    /// Kind label.
    pub kind_label: String,
    /// Title.
    pub title: String,
    /// Record page.
    pub href: String,
    /// Status label.
    pub status_label: String,
    /// Status key.
    pub status: &'static str,
}

/// The follow-up table of one area in one period.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUpArea {
    /// Area id.
    pub id: String,
    /// Area name.
    pub name: String,
    /// Area page.
    pub href: String,
    /// One row per service with deviations.
    pub rows: Vec<FollowUpRow>,
    /// Services of the area with no deviations in the period.
    pub quiet_services: Vec<Link>,
    /// The records of the area in the period.
    pub records: Vec<usize>,
}

/// The follow-up report of a period, area by area.
pub fn follow_up(site: &Site, period: usize, l: &Labels<'_>, cx: &markdown::Context<'_>) -> Vec<FollowUpArea> {
    let words = &l.i18n.url;
    // An old report stays true to its time: statuses on its last day.
    let end = site.periods[period].end.value;
    let records = &site.records_by_period[period];
    site.config
        .areas
        .iter()
        .enumerate()
        .map(|(a, area)| {
            let mut rows = Vec::new();
            let mut quiet = Vec::new();
            let mut area_records = Vec::new();
            for &s in &site.services_by_area[a] {
                let service = &site.services[s];
                let mine: Vec<usize> = records.iter().copied().filter(|&r| site.record_service[r] == Some(s)).collect();
                let link = Link { title: service.name.clone(), href: words.service(&service.id) };
                if mine.is_empty() {
                    if !service.retired {
                        quiet.push(link);
                    }
                    continue;
                }
                area_records.extend(mine.iter().copied());
                let mention = |i: usize| {
                    let r = &site.records[i];
                    RecordMention {
                        kind_label: l.i18n.kind(r.kind).to_string(),
                        title: r.title.clone(),
                        href: words.record(&r.id),
                        status_label: l.i18n.status(site.status_on(i, end)).to_string(),
                        status: site.status_on(i, end).key(),
                    }
                };
                let severity = mine.iter().filter_map(|&r| site.records[r].severity).max();
                rows.push(FollowUpRow {
                    service: link,
                    system: service.system.clone(),
                    actions: unique_actions(mine.iter().map(|&r| &*site.records[r]), cx),
                    deviations: mine
                        .iter()
                        .copied()
                        .filter(|&r| site.records[r].kind != Kind::PersonalDataIncident)
                        .map(mention)
                        .collect(),
                    personal_data: mine
                        .iter()
                        .copied()
                        .filter(|&r| site.records[r].kind == Kind::PersonalDataIncident)
                        .map(mention)
                        .collect(),
                    severity: severity.map(|s| l.i18n.severity(s).to_string()),
                    severity_key: severity.map(|s| s.key()),
                });
            }
            area_records.sort_unstable();
            FollowUpArea {
                id: area.id.clone(),
                name: area.name.clone(),
                href: words.area(&area.id),
                rows,
                quiet_services: quiet,
                records: area_records,
            }
        })
        .collect()
}

/// Counts of records by kind, for summaries.
#[derive(Debug, Clone, Serialize)]
pub struct KindCount {
    /// Kind key.
    pub kind: &'static str,
    /// Plural label.
    pub label: String,
    /// Count, formatted.
    pub count: String,
    /// Raw count.
    pub raw: usize,
}

/// How many of `records` there are of each kind (kinds with none left out).
pub fn kind_counts(site: &Site, records: &[usize], l: &Labels<'_>) -> Vec<KindCount> {
    Kind::ALL
        .iter()
        .filter_map(|&k| {
            let n = records.iter().filter(|&&r| site.records[r].kind == k).count();
            (n > 0).then(|| KindCount {
                kind: k.key(),
                label: l.i18n.kind_plural(k).to_string(),
                count: l.count(n as u64),
                raw: n,
            })
        })
        .collect()
}

/// The actions of several records, each distinct action once, as inline HTML.
pub fn unique_actions<'a>(records: impl Iterator<Item = &'a Record>, cx: &markdown::Context<'_>) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    for r in records {
        for a in &r.actions {
            if !seen.contains(&a.as_str()) {
                seen.push(a);
            }
        }
    }
    seen.into_iter().map(|a| markdown::inline_to_html(a, cx)).collect()
}

/// "1 dag 2 tim", "45 min": how long a record took to resolve.
pub fn duration_text(t: &I18n, from: &Moment, to: &Moment) -> Option<String> {
    if from.time.is_none() || to.time.is_none() {
        let days = to.date.days_since_epoch() - from.date.days_since_epoch();
        return (days >= 1).then(|| t.fill("duration_days", &[("n", &days.to_string())]));
    }
    let minutes = (to.epoch_seconds() - from.epoch_seconds()) / 60;
    if minutes < 0 {
        return None;
    }
    let (d, h, m) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(t.fill("duration_days", &[("n", &d.to_string())]));
    }
    if h > 0 {
        parts.push(t.fill("duration_hours", &[("n", &h.to_string())]));
    }
    if m > 0 || parts.is_empty() {
        parts.push(t.fill("duration_minutes", &[("n", &m.to_string())]));
    }
    Some(parts.join(" "))
}
