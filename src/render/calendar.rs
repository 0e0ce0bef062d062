//! The follow-up calendar (RFC 5545): one all-day event on the due date of
//! every recommendation still open as of the latest report, for the whole
//! site and per area, so that committee members can add the deadlines to
//! their own calendars. The bytes depend on the content alone: each event's
//! UID comes from the recommendation's id and its DTSTAMP from the latest
//! report's last day.

use chrono::NaiveDate;
use icalendar::{Calendar, Component, EventLike};

use super::sink::OutputFile;
use super::xml::absolute_uri;
use crate::model::Site;
use crate::model::followed::Followed;
use crate::theme::I18n;
use crate::time::Date;

/// The calendar of the recommendations of area `area` (of the whole site
/// when `None`); `page` is the path of the page that lists them (the
/// events link to it).
pub fn calendar(site: &Site, i18n: &I18n, area: Option<usize>, page: &str) -> String {
    let title = match area {
        Some(a) => {
            i18n.fill("calendar_name_area", &[("site", &site.config.title), ("area", &site.config.areas[a].name)])
        }
        None => i18n.fill("calendar_name", &[("site", &site.config.title)]),
    };
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property((
        "PRODID",
        format!("-//insyn//{}//{}", site.config.title, site.config.language.code().to_uppercase()).as_str(),
    ));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.name(&title);
    let stamp = site.as_of.map_or_else(|| "19700101T000000Z".to_string(), |d| format!("{}T000000Z", compact(d)));
    let host = uid_host(&site.config.base_url);
    for f in due_open(site, area) {
        let r = site.recommendation(f);
        let Some(due) = r.due.as_ref().and_then(|d| naive(d.value)) else { continue };
        let period = &site.periods[f.period];
        let status = site.as_of.and_then(|day| site.recommendation_status_on(f, day)).unwrap_or(f.line.initial);
        let mut description =
            i18n.fill("calendar_description", &[("period", &period.label), ("status", i18n.get(status.label_key()))]);
        if let Some(owner) = &r.owner {
            description.push(' ');
            description.push_str(&i18n.fill("calendar_owner", &[("owner", owner)]));
        }
        let anchor = format!("{page}#{}", anchor(&f.key));
        let event = icalendar::Event::new()
            .uid(&format!("{}@{host}", f.key))
            .add_property("DTSTAMP", &stamp)
            // All day: DTEND is the day after (RFC 5545: it is not included).
            .starts(due)
            .ends(due.succ_opt().unwrap_or(due))
            .summary(&i18n.fill("calendar_summary", &[("title", &r.title)]))
            .description(&description)
            .url(&absolute_uri(site, &anchor))
            .done();
        cal.push(event);
    }
    cal.to_string()
}

/// Every calendar file: the whole site's (always), and each area's that
/// has an open recommendation with a due date.
pub fn files(site: &Site, i18n: &I18n) -> Vec<OutputFile> {
    let words = &i18n.url;
    let page = words.follow_up_list();
    let mut out =
        vec![OutputFile { path: words.calendar(None), bytes: calendar(site, i18n, None, &page).into_bytes() }];
    for (a, area) in site.config.areas.iter().enumerate() {
        if !due_open(site, Some(a)).is_empty() {
            let bytes = calendar(site, i18n, Some(a), &page).into_bytes();
            out.push(OutputFile { path: words.calendar(Some(&area.id)), bytes });
        }
    }
    out
}

/// The recommendations the calendar shows: open as of the latest report,
/// with a due date, of the area when one is given; by due date, then key.
pub fn due_open(site: &Site, area: Option<usize>) -> Vec<&Followed> {
    let day = site.as_of;
    let mut out: Vec<&Followed> = site
        .followed
        .iter()
        .filter(|f| site.recommendation(f).due.is_some())
        .filter(|f| day.and_then(|d| site.recommendation_status_on(f, d)).is_none_or(|s| !s.is_closed()))
        .filter(|f| area.is_none_or(|a| f.service.and_then(|s| site.service_area[s]) == Some(a)))
        .collect();
    out.sort_by(|a, b| {
        (site.recommendation(a).due.as_ref().map(|d| d.value), &a.key)
            .cmp(&(site.recommendation(b).due.as_ref().map(|d| d.value), &b.key))
    });
    out
}

/// The anchor of a recommendation on the follow-up page: its key with `/`
/// as `-` (`rec-2023-q1-minne`).
pub fn anchor(key: &str) -> String {
    ["rec-", &key.replace('/', "-")].concat()
}

/// `20230930`.
fn compact(d: Date) -> String {
    d.to_string().replace('-', "")
}

fn naive(d: Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year, u32::from(d.month), u32::from(d.day))
}

/// The host and path of the base URL, for UIDs that are unique to the site:
/// `www.example.se/avvikelser`.
fn uid_host(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    rest.trim_end_matches('/').to_string()
}
