//! A record's page: its facts, its body, its actions and related records.

use serde::Serialize;
use tera::Value;

use super::frame::{DESCRIPTION_CHARS, Frame, Page, crumbs};
use super::shared::Shared;
use crate::layout::UrlWords;
use crate::render::markdown;
use crate::render::views::Link;
use crate::theme::I18n;
use crate::time::Moment;

/// A record's variables.
#[derive(Serialize)]
pub struct Record {
    /// Its row, as record tables show it.
    record: Value,
    /// What only its own page shows.
    detail: Detail,
    /// The rows of its related records.
    related: Value,
}

/// What only a record's own page shows.
#[derive(Serialize)]
struct Detail {
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
    let (body_html, body_text) = s.cache.texts().html_and_text(site, i, 2, DESCRIPTION_CHARS);
    let description = Some(markdown::truncate(&body_text, DESCRIPTION_CHARS)).filter(|d| !d.is_empty());
    let values = Record {
        record: s.row(i),
        detail: Detail {
            system: service.and_then(|x| x.system.clone()),
            supplier,
            supplier_from_service,
            actions: r.actions.iter().map(|a| markdown::inline_to_html(a)).collect(),
            reported_to_authority: r.reported_to_authority,
            body_html,
            duration: r.resolved.as_ref().and_then(|res| duration_text(s.labels.i18n, &r.date.value, &res.value)),
            period: site.period_by_id.get(&r.period).map(|&p| s.period(p)),
            draft: r.draft,
        },
        related: s.rows(site.related[i].iter().copied()),
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

/// "1 dag 2 tim", "45 min": how long a record took to resolve.
fn duration_text(t: &I18n, from: &Moment, to: &Moment) -> Option<String> {
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
