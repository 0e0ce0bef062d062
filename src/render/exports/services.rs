//! `services.csv` and `services.json`: one row per service.

use super::dataset::{Column, Dataset, Row, code, count, flag, optional_text, text, url};
use crate::content::Service;
use crate::layout::UrlWords;
use crate::model::Site;
use crate::vocab::{Tier, Word};

/// The services dataset.
pub struct Services;

impl Dataset for Services {
    type Row<'a> = Row<'a, Service>;
    const KEY: &'static str = "services";
    const ABOUT: &'static str = "one row per service, retired ones included, in the catalogue's order";
    const COLUMNS: &'static [Column<Self>] = &[
        text("id", "the service's id (its file name)", |r| &r.item.id),
        text("name", "its name", |r| &r.item.name),
        text("area", "the id of its area, as written", |r| &r.item.area.value),
        optional_text("area_name", "the name of its area", |r| r.area_name()),
        optional_text("system", "the IT system behind it", |r| r.item.system.as_deref()),
        code("tier", "base service or add-on service", Tier::keys, |r| r.item.tier.key()),
        optional_text("supplier", "its supplier", |r| r.item.supplier.as_deref()),
        flag("retired", "whether it is retired (kept for its history)", |r| r.item.retired),
        count("records", "how many published records concern it", |r| r.site.records_by_service[r.i].len()),
        url("url", "the service's page", |r| r.words.service(&r.item.id)),
    ];

    fn rows<'a>(site: &'a Site, words: &'a UrlWords) -> impl Iterator<Item = Self::Row<'a>> {
        site.services.iter().enumerate().map(move |(i, item)| Row { site, words, i, item })
    }
}

impl<'a> Row<'a, Service> {
    fn area_name(&self) -> Option<&'a str> {
        self.site.service_area[self.i].map(|a| self.site.config.areas[a].name.as_str())
    }
}
