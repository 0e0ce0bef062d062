//! `periods.csv` and `periods.json`: one row per reporting period, with its
//! key figures.

use super::dataset::{Column, Dataset, Row, count, date, optional_code, optional_number, optional_text, text, url};
use crate::content::Period;
use crate::layout::UrlWords;
use crate::model::Site;
use crate::model::figures::FigureKind;

/// The periods dataset.
pub struct Periods;

/// Where a key figure comes from.
fn sources() -> Vec<&'static str> {
    vec!["official", "counted"]
}

/// Where `incidents` comes from: never counted from the records (most
/// incidents are not written up; see `FigureKind::countable`).
fn official_only() -> Vec<&'static str> {
    vec!["official"]
}

impl Dataset for Periods {
    type Row<'a> = Row<'a, Period>;
    const KEY: &'static str = "periods";
    const ABOUT: &'static str = "one row per reporting period, with its key figures, by start date";
    const COLUMNS: &'static [Column<Self>] = &[
        text("id", "the period's id (its folder name)", |r| &r.item.id),
        text("label", "its name as readers see it", |r| &r.item.label),
        date("start", "its first day", |r| r.item.start.value),
        date("end", "its last day", |r| r.item.end.value),
        optional_text(
            "compare_with",
            "the period it is compared with: as written, else the one starting exactly one year earlier",
            |r| r.compare_with(),
        ),
        optional_number(
            "incidents",
            "how many incidents, from the incident-management system; empty when unknown",
            |r| r.figure(FigureKind::Incidents),
        ),
        optional_code(
            "incidents_source",
            "where `incidents` comes from: `official` is from `[figures]`; never counted from the records, so empty when unknown",
            official_only,
            |r| r.source(FigureKind::Incidents),
        ),
        optional_number("major_incidents", "how many major incidents", |r| r.figure(FigureKind::MajorIncidents)),
        optional_code(
            "major_incidents_source",
            "where `major_incidents` comes from: `official` is from `[figures]`, `counted` from the period's records",
            sources,
            |r| r.source(FigureKind::MajorIncidents),
        ),
        optional_number("personal_data_incidents", "how many personal-data incidents", |r| {
            r.figure(FigureKind::PersonalDataIncidents)
        }),
        optional_code("personal_data_incidents_source", "where `personal_data_incidents` comes from", sources, |r| {
            r.source(FigureKind::PersonalDataIncidents)
        }),
        count(
            "records",
            "how many records the period reports: those in its folder plus any other record dated within it (periods may overlap, so a record can count in more than one)",
            |r| r.site.records_by_period[r.i].len(),
        ),
        url("url", "the period's page", |r| r.words.period(&r.item.id)),
    ];

    fn rows<'a>(site: &'a Site, words: &'a UrlWords) -> impl Iterator<Item = Self::Row<'a>> {
        site.periods.iter().enumerate().map(move |(i, item)| Row { site, words, i, item })
    }
}

impl<'a> Row<'a, Period> {
    fn compare_with(&self) -> Option<&'a str> {
        self.site.compare_of[self.i].map(|c| self.site.periods[c].id.as_str())
    }

    fn figure(&self, kind: FigureKind) -> Option<u64> {
        self.site.figure(self.i, kind).map(|f| f.value)
    }

    fn source(&self, kind: FigureKind) -> Option<&'static str> {
        self.site.figure(self.i, kind).map(|f| if f.official { "official" } else { "counted" })
    }
}
