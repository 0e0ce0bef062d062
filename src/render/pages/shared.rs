//! What a page's builder reads: the site, the labels, the cache.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use tera::Value;

use super::cache::{PageCache, ThreadCopy};
use crate::charts::site::Chart;
use crate::layout::UrlWords;
use crate::model::Site;
use crate::render::exports::ExportSize;
use crate::render::markdown::Context;
use crate::render::views::Link;
use crate::theme::Labels;

/// One page's view of the site and of what the pages share.
pub struct Shared<'a> {
    /// The linked site.
    pub site: &'a Site,
    /// Words and number style of the site's language.
    pub labels: Labels<'a>,
    /// The URL words.
    pub words: &'a UrlWords,
    /// What the pages share, made once.
    pub cache: &'a PageCache,
    /// The calling thread's copy of the templates and shared values.
    pub thread: &'a ThreadCopy,
    /// The sizes of the open-data files (the downloads page shows them).
    pub exports: &'a [ExportSize],
    /// Where the time spent drawing charts is added up.
    pub chart_nanos: &'a AtomicU64,
    /// Where the page's texts' `@/` links lead, and their heading ids.
    pub md: &'a Context<'a>,
}

impl Shared<'_> {
    /// Record `i`'s row in record tables.
    pub fn row(&self, i: usize) -> Value {
        self.cache.row(self.site, &self.labels, i)
    }

    /// The rows of `records`, in that order, as a table reads them.
    pub fn rows(&self, records: impl Iterator<Item = usize>) -> Value {
        Value::from(records.map(|i| self.row(i)).collect::<Vec<Value>>())
    }

    /// The rows of `records` as they stood on `day`.
    pub fn rows_on(&self, records: impl Iterator<Item = usize>, day: crate::time::Date) -> Value {
        Value::from(records.map(|i| self.cache.row_on(self.site, &self.labels, i, day)).collect::<Vec<Value>>())
    }

    /// Period `p`'s summary.
    pub fn period(&self, p: usize) -> Value {
        self.thread.period(p)
    }

    /// The charts `draw` draws, with the time it took added to the build's
    /// chart time (each page draws its own while other pages render).
    pub fn charts(&self, draw: impl FnOnce() -> Vec<Chart>) -> Vec<Chart> {
        let started = Instant::now();
        let charts = draw();
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.chart_nanos.fetch_add(nanos, Ordering::Relaxed);
        charts
    }

    /// The link to the overview, first in every trail of breadcrumbs.
    pub fn home(&self) -> Link {
        Link { title: self.labels.i18n.get("nav_overview").to_string(), href: String::new() }
    }

    /// The link to a list page: its title is the string `key`, its path
    /// the URL word `word`.
    pub fn list_link(&self, key: &str, word: &str) -> Link {
        Link { title: self.labels.i18n.get(key).to_string(), href: UrlWords::list(word) }
    }
}
