//! `records.csv` and `records.json`: one row per published record.

use super::dataset::{
    Column, Dataset, Row, code, list, moment, optional_code, optional_flag, optional_moment, optional_text, text, url,
};
use crate::content::Record;
use crate::layout::UrlWords;
use crate::model::Site;
use crate::vocab::{Kind, Severity, Status, Word};

/// The records dataset.
pub struct Records;

impl Dataset for Records {
    type Row<'a> = Row<'a, Record>;
    const KEY: &'static str = "records";
    const ABOUT: &'static str = "one row per published record (drafts are never exported)";
    const COLUMNS: &'static [Column<Self>] = &[
        text("id", "the record's id (its file name), unique across the site", |r| &r.item.id),
        text("title", "the title", |r| &r.item.title),
        code("kind", "the kind of deviation", Kind::keys, |r| r.item.kind.key()),
        text("service", "the id of its service, as written", |r| &r.item.service.value),
        optional_text("service_name", "the name of its service", |r| r.service_name()),
        optional_text("area", "the id of its service's area", |r| r.area()),
        text("period", "the id of the period folder the record is in", |r| &r.item.period),
        moment("date", "when it began or was found", |r| r.item.date.value),
        optional_moment("resolved", "when it was resolved; empty while open", |r| r.resolved()),
        code(
            "status",
            "the status in effect: after its last update; without updates as written, else `resolved` once `resolved` is set, else `open`",
            Status::keys,
            |r| r.site.status(r.i).key(),
        ),
        optional_code("severity", "how severe it is", Severity::keys, |r| r.item.severity.map(Severity::key)),
        optional_text("supplier", "the record's own supplier, else its service's", |r| {
            r.site.supplier(r.i).map(|(s, _)| s)
        }),
        list("actions", "the actions taken, inline Markdown as written", |r| {
            r.item.actions.iter().map(String::as_str).collect()
        }),
        list("related", "the ids of related records in both directions, published only, sorted", |r| r.related()),
        optional_flag("reported_to_authority", "whether it was reported to the data protection authority", |r| {
            r.item.reported_to_authority
        }),
        url("url", "the record's page", |r| r.words.record(&r.item.id)),
        text("description", "the record's text, Markdown as written", |r| r.item.body.trim()),
        optional_moment(
            "detected",
            "when the organisation became aware of it, when later than `date` (as written)",
            |r| r.item.detected.as_ref().map(|m| m.value),
        ),
        optional_text("ref", "its id in the incident-management system", |r| {
            r.item.reference.as_ref().map(|x| x.value.as_str())
        }),
        code(
            "status_latest_period",
            "its status on the last day of the latest period (the site's latest report), from its timeline",
            Status::keys,
            |r| r.site.status_as_of_latest(r.i).key(),
        ),
    ];

    fn rows<'a>(site: &'a Site, words: &'a UrlWords) -> impl Iterator<Item = Self::Row<'a>> {
        site.records.iter().enumerate().map(move |(i, record)| Row { site, words, i, item: record.as_ref() })
    }
}

impl<'a> Row<'a, Record> {
    fn service_name(&self) -> Option<&'a str> {
        self.site.record_service[self.i].map(|s| self.site.services[s].name.as_str())
    }

    fn area(&self) -> Option<&'a str> {
        self.site.record_area[self.i].map(|a| self.site.config.areas[a].id.as_str())
    }

    fn resolved(&self) -> Option<crate::time::Moment> {
        self.item.resolved.as_ref().map(|m| m.value)
    }

    fn related(&self) -> Vec<&'a str> {
        let site = self.site;
        let mut ids: Vec<&str> = site.related[self.i].iter().map(|&j| site.records[j].id.as_str()).collect();
        ids.sort_unstable();
        ids
    }
}
