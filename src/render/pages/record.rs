//! A record's page: its facts, its body, its actions and related records.

use serde::Serialize;
use tera::Value;

use super::frame::{DESCRIPTION_CHARS, Frame, Page, crumbs};
use super::reports::{self, RecordReports};
use super::shared::Shared;
use crate::layout::facets::facet_path;
use crate::layout::{Facet, UrlWords};
use crate::render::markdown;
use crate::render::views::{self, Link};
use crate::time::Moment;
use crate::vocab::Status;

/// A record's variables.
#[derive(Serialize)]
pub struct Record {
    /// Its row, as record tables show it.
    record: Value,
    /// What only its own page shows.
    detail: Detail,
    /// The rows of its related records.
    related: Value,
    /// Its timeline: when it began, was detected, each update, when it
    /// was resolved.
    timeline: Vec<Step>,
    /// Its reports to authorities, when an authority concerns it.
    #[serde(skip_serializing_if = "Option::is_none")]
    reports: Option<RecordReports>,
}

/// One step of a record's timeline.
#[derive(Serialize)]
struct Step {
    /// When, as readers read it.
    date: String,
    /// When, RFC 3339 (for `<time datetime>`).
    date_iso: String,
    /// The status from then on, when the step set one.
    status: Option<&'static str>,
    /// The status in words.
    status_label: Option<String>,
    /// What happened, as inline HTML.
    text_html: String,
}

/// What only a record's own page shows.
#[derive(Serialize)]
struct Detail {
    /// The list of the records of its kind.
    kind_href: String,
    system: Option<String>,
    supplier: Option<String>,
    /// Whether the supplier is the service's, not the record's own.
    supplier_from_service: bool,
    /// Actions, as inline HTML.
    actions: Vec<String>,
    reported_to_authority: Option<bool>,
    body_html: String,
    /// How long it took to resolve ("1 dag 2 tim").
    duration: Option<String>,
    /// How long it has been open, when it is not resolved as of the latest
    /// report ("80 dagar (till 30 juni 2023)").
    open_for: Option<String>,
    /// The summary of its period.
    period: Option<Value>,
    draft: bool,
}

/// Record `i`'s page.
pub fn page(s: &Shared<'_>, i: usize) -> Page<Record> {
    let site = s.site;
    let w = s.words;
    let r = &site.records[i];
    let service = site.record_service[i].map(|x| &site.services[x]);
    let (supplier, supplier_from_service) =
        site.supplier(i).map_or((None, false), |(s, from_service)| (Some(s.to_string()), from_service));
    let (body_html, body_text) = s.cache.texts().html_and_text(site, i, 2, DESCRIPTION_CHARS, s.md);
    let description = Some(markdown::truncate(&body_text, DESCRIPTION_CHARS)).filter(|d| !d.is_empty());
    // When it was resolved for good: its timeline's last resolution, else `resolved`.
    let resolved_at = site.record_lines[i].resolved_at().map(|c| c.at).or(r.resolved.as_ref().map(|m| m.value));
    let values = Record {
        record: s.row(i),
        detail: Detail {
            kind_href: facet_path(w, Facet::Kind, r.kind.key()),
            system: service.and_then(|x| x.system.clone()),
            supplier,
            supplier_from_service,
            actions: r.actions.iter().map(|a| markdown::inline_to_html(a, s.md)).collect(),
            reported_to_authority: r.reported_to_authority,
            body_html,
            duration: resolved_at.and_then(|at| views::duration_text(s.labels.i18n, &r.date.value, &at)),
            open_for: open_for(s, i),
            period: site.period_by_id.get(&r.period).map(|&p| s.period(p)),
            draft: r.draft,
        },
        related: s.rows(site.related[i].iter().copied()),
        timeline: timeline(s, i),
        reports: reports::record(site, &s.labels, i),
    };
    // The same for every record of a service: made once.
    let breadcrumbs = s.cache.record_crumbs(site, site.record_service[i], || {
        let mut links = vec![s.home(), s.list_link("nav_records", &w.records)];
        if let Some(x) = service {
            links.push(Link { title: x.name.clone(), href: w.service(&x.id) });
        }
        crumbs(links)
    });
    let frame = Frame {
        title: r.title.clone(),
        description,
        breadcrumbs,
        section: UrlWords::list(&w.records),
        template: "record.html",
    };
    Page::new(frame, values)
}

/// Record `i`'s timeline, oldest first: when it began, when it was
/// detected (when later), each update, and its resolution when no update
/// records it.
fn timeline(s: &Shared<'_>, i: usize) -> Vec<Step> {
    let t = s.labels.i18n;
    let r = &s.site.records[i];
    let step = |at: &Moment, status: Option<Status>, text_html: String| Step {
        date: t.moment(at),
        date_iso: at.rfc3339(),
        status: status.map(Status::key),
        status_label: status.map(|st| t.status(st).to_string()),
        text_html,
    };
    let mut steps = vec![step(&r.date.value, None, t.get("timeline_began").to_string())];
    if let Some(detected) = &r.detected {
        steps.push(step(&detected.value, None, t.get("timeline_detected").to_string()));
    }
    for u in &r.updates {
        steps.push(step(&u.date.value, u.status.as_ref().map(|x| x.value), markdown::inline_to_html(&u.text, s.md)));
    }
    if r.updates.is_empty()
        && let Some(resolved) = &r.resolved
    {
        steps.push(step(&resolved.value, Some(Status::Resolved), String::new()));
    }
    steps
}

/// How long record `i` has been open, to the latest report's last day,
/// when it is open then.
fn open_for(s: &Shared<'_>, i: usize) -> Option<String> {
    let site = s.site;
    let day = site.as_of?;
    if site.status_on(i, day) == Status::Resolved {
        return None;
    }
    let days = day.days_since_epoch() - site.record_days[i].days_since_epoch();
    let (t, l) = (s.labels.i18n, &s.labels);
    let date = t.date(day);
    Some(if days == 1 {
        t.fill("timeline_open_for_one", &[("date", &date)])
    } else {
        t.fill("timeline_open_for", &[("n", &l.count(u64::try_from(days).unwrap_or(0))), ("date", &date)])
    })
}
