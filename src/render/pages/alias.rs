//! A redirect page at an old address of a record.

use serde::Serialize;

use super::frame::{Frame, Page, crumbs};
use super::shared::Shared;
use crate::layout::links;

/// A redirect page's variables.
#[derive(Serialize)]
pub struct Alias {
    /// The record's page, relative to the old address.
    target: String,
    /// The record's title.
    target_title: String,
    /// The record page's absolute URL.
    target_canonical: String,
}

/// The redirect page at `alias`, an old address of record `record`.
pub fn page(s: &Shared<'_>, record: usize, alias: &str) -> Page<Alias> {
    let site = s.site;
    let r = &site.records[record];
    let path = links::alias_path(alias);
    let target = s.words.record(&r.id);
    let values = Alias {
        target: format!("{}{}", links::root_prefix(&path), links::link(&target)),
        target_title: r.title.clone(),
        target_canonical: links::absolute(&site.config.base_url, &target),
    };
    let frame = Frame {
        title: r.title.clone(),
        description: None,
        breadcrumbs: crumbs(Vec::new()),
        section: String::new(),
        template: "alias.html",
    };
    Page::new(frame, values)
}
