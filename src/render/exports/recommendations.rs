//! `recommendations.csv` and `recommendations.json`: one row per
//! recommendation of every period, with its status as of the latest report.

use super::dataset::{
    Column, Dataset, Row, code, count, date, optional_date, optional_number, optional_text, text, url,
};
use crate::content::Recommendation;
use crate::layout::UrlWords;
use crate::model::Site;
use crate::model::followed::Followed;
use crate::time::Date;
use crate::vocab::{RecommendationStatus, Word};

/// The recommendations dataset.
pub struct Recommendations;

impl Dataset for Recommendations {
    type Row<'a> = Row<'a, Followed>;
    const KEY: &'static str = "recommendations";
    const ABOUT: &'static str = "one row per recommendation of every period, in period order";
    const COLUMNS: &'static [Column<Self>] = &[
        text(
            "id",
            "how the site names it: `<period-id>/<id>`, or `<period-id>/<n>` (its place, from 1) without an id",
            |r| &r.item.key,
        ),
        text("period", "the id of the period it was made in", |r| &r.site.periods[r.item.period].id),
        date("made", "when it was made: its period's last day", |r| r.item.made),
        text("title", "the title", |r| &r.recommendation().title),
        optional_text("service", "the id of the service it concerns", |r| {
            r.recommendation().service.as_ref().map(|s| s.value.as_str())
        }),
        optional_text("owner", "who is responsible: a unit or a role", |r| r.recommendation().owner.as_deref()),
        optional_date("due", "when it should be done", |r| r.recommendation().due.as_ref().map(|d| d.value)),
        code("status", "its status on the last day of the latest period", RecommendationStatus::keys, |r| {
            r.status().key()
        }),
        optional_date(
            "status_since",
            "the date of the update that set that status; empty when it is the status it was made with",
            |r| r.status_since(),
        ),
        optional_number(
            "days_overdue",
            "days past `due` on the last day of the latest period, when it is overdue then",
            |r| r.site.as_of.and_then(|day| r.site.days_overdue(r.item, day)).and_then(|d| u64::try_from(d).ok()),
        ),
        count("updates", "how many updates its history has", |r| r.recommendation().updates.len()),
        text("text", "what to do, and why: Markdown as written", |r| r.recommendation().text.trim()),
        url("url", "where the follow-up page shows it", |r| {
            format!("{}#{}", r.words.follow_up_list(), super::super::calendar::anchor(&r.item.key))
        }),
    ];

    fn rows<'a>(site: &'a Site, words: &'a UrlWords) -> impl Iterator<Item = Self::Row<'a>> {
        site.followed.iter().enumerate().map(move |(i, item)| Row { site, words, i, item })
    }
}

impl<'a> Row<'a, Followed> {
    /// The recommendation as written in its period.
    fn recommendation(&self) -> &'a Recommendation {
        self.site.recommendation(self.item)
    }

    fn status(&self) -> RecommendationStatus {
        self.site.as_of.and_then(|d| self.site.recommendation_status_on(self.item, d)).unwrap_or(self.item.line.initial)
    }

    fn status_since(&self) -> Option<Date> {
        let as_of = self.site.as_of?;
        let line = &self.item.line;
        let upto = &line.changes[..line.changes.partition_point(|c| c.day <= as_of)];
        upto.last().map(|c| c.day)
    }
}
