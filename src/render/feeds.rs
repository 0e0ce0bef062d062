//! Atom feeds of the records: one for the whole site (`feed.xml`), one per
//! area (`<areas>/<id>/feed.xml`) and one per service
//! (`<services>/<id>/feed.xml`).
//!
//! Everything in a feed comes from the content, never from the clock, so
//! two builds of the same content give the same bytes. An entry's `updated`
//! is when the record was resolved, or else when it began: a feed reader
//! sees the entry change when the record is resolved. Entries are newest
//! first by that moment, then by id. The text of an entry is a plain-text
//! summary, escaped; the record's body HTML never goes into a feed.

use rayon::prelude::*;

use super::body_text::BodyTexts;
use super::markdown;
use super::sink::OutputFile;
use super::xml::absolute_uri;
use crate::content::Record;
use crate::layout::UrlWords;
use crate::model::Site;
use crate::text::escape::{xml as xml_escape, xml_into as xml_escape_into};
use crate::theme::I18n;
use crate::vocab::Status;

/// The Atom namespace.
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// Longest summary text of an entry, in characters.
pub const SUMMARY_CHARS: usize = 400;

/// Entries per feed: the newest records only, as feed readers expect (the
/// whole history is in the open-data exports). A site with 100 000 records
/// would otherwise write a feed of over 100 MB.
pub const FEED_ENTRIES: usize = 50;

/// The path of an area's or service's feed: `omraden/hr/feed.xml`.
pub fn feed_path(page_path: &str) -> String {
    [page_path, "feed.xml"].concat()
}

/// One feed to write.
struct FeedSpec {
    /// Output path of the feed.
    path: String,
    /// Path of the HTML page the feed belongs to.
    page: String,
    /// Feed title.
    title: String,
    /// Records, any order.
    records: Vec<usize>,
}

/// Every feed of the site: the site's, then one per area and per service.
fn specs(site: &Site, i18n: &I18n) -> Vec<FeedSpec> {
    let words = &i18n.url;
    let title = &site.config.title;
    let named = |name: &str| i18n.fill("feed_title_for", &[("site", title), ("name", name)]);
    let mut specs = vec![FeedSpec {
        path: "feed.xml".to_string(),
        page: String::new(),
        title: title.clone(),
        records: (0..site.records.len()).collect(),
    }];
    let areas = site.config.areas.iter().zip(&site.records_by_area).map(|(a, r)| (words.area(&a.id), &a.name, r));
    let services = site.services.iter().zip(&site.records_by_service).map(|(s, r)| (words.service(&s.id), &s.name, r));
    for (page, name, records) in areas.chain(services) {
        specs.push(FeedSpec { path: feed_path(&page), page, title: named(name), records: records.clone() });
    }
    specs
}

/// Every feed of the site with its entries chosen: the newest records of
/// each. Chosen before anything is written, so that the record pages know
/// which texts the feeds will ask for (see [`BodyTexts`]).
pub struct Feeds {
    specs: Vec<FeedSpec>,
    /// Per feed, its records, newest first.
    orders: Vec<Vec<usize>>,
    /// The records in some feed, in site order.
    with_entry: Vec<usize>,
}

impl Feeds {
    /// Chooses the entries of every feed of `site`.
    pub fn choose(site: &Site, i18n: &I18n) -> Feeds {
        let specs = specs(site, i18n);
        let orders: Vec<Vec<usize>> = specs.par_iter().map(|spec| newest(site, &spec.records)).collect();
        let mut with_entry: Vec<usize> = orders.iter().flatten().copied().collect();
        with_entry.sort_unstable();
        with_entry.dedup();
        Feeds { specs, orders, with_entry }
    }

    /// The records that have an entry in some feed, in site order.
    pub fn records(&self) -> &[usize] {
        &self.with_entry
    }

    /// The output path of every feed.
    pub fn paths(&self) -> Vec<String> {
        self.specs.iter().map(|s| s.path.clone()).collect()
    }

    /// Writes every feed, each handed to `emit` as soon as it is written
    /// (so that a large site never holds all its feeds in memory at once);
    /// the first error of `emit` ends it. An entry's summary starts with
    /// the record's body text from `texts`, which must keep at least
    /// [`SUMMARY_CHARS`] characters.
    pub fn write<E: Send>(
        &self,
        site: &Site,
        i18n: &I18n,
        texts: &BodyTexts,
        emit: &(dyn Fn(OutputFile) -> Result<OutputFile, E> + Sync),
    ) -> Result<Vec<OutputFile>, E> {
        // A record's entry is the same in every feed it is in (the site's,
        // its area's and its service's): each is written once, in parallel.
        let schemes = Schemes::new(site, &i18n.url);
        let made: Vec<String> =
            self.with_entry.par_iter().map(|&i| entry(site, i18n, &schemes, i, &texts.text(site, i))).collect();
        let mut entries: Vec<&str> = vec![""; site.records.len()];
        for (&i, e) in self.with_entry.iter().zip(&made) {
            entries[i] = e;
        }
        self.specs
            .par_iter()
            .zip(self.orders.par_iter())
            .map(|(spec, order)| {
                emit(OutputFile { path: spec.path.clone(), bytes: atom(site, spec, order, &entries).into_bytes() })
            })
            .collect()
    }
}

/// The newest [`FEED_ENTRIES`] of `records`, newest first by
/// [`Site::last_updated`], then by id: picked without
/// sorting all of them (the site's feed chooses from every record).
fn newest(site: &Site, records: &[usize]) -> Vec<usize> {
    let mut order: Vec<(i64, usize)> = records.iter().map(|&i| (site.last_updated(i).epoch_seconds(), i)).collect();
    let newest_first = |a: &(i64, usize), b: &(i64, usize)| {
        b.0.cmp(&a.0).then_with(|| site.records[a.1].id.cmp(&site.records[b.1].id))
    };
    if order.len() > FEED_ENTRIES {
        order.select_nth_unstable_by(FEED_ENTRIES - 1, newest_first);
        order.truncate(FEED_ENTRIES);
    }
    order.sort_by(newest_first);
    order.into_iter().map(|(_, i)| i).collect()
}

/// The fallback `updated` of a feed without entries: the end of the latest
/// period (or the epoch for a site with no periods), from the content.
fn empty_feed_updated(site: &Site) -> String {
    site.periods
        .iter()
        .map(|p| p.end.value)
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| format!("{d}T00:00:00Z"))
}

fn atom(site: &Site, spec: &FeedSpec, order: &[usize], entries: &[&str]) -> String {
    let c = &site.config;
    let updated = order.first().map_or_else(|| empty_feed_updated(site), |&r| site.last_updated(r).date_time());
    let self_url = absolute_uri(site, &spec.path);
    let author = c.organisation.as_deref().unwrap_or(&c.title);
    let mut x = String::with_capacity(1024 + order.iter().map(|&i| entries[i].len()).sum::<usize>());
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!("<feed xmlns=\"{ATOM_NS}\" xml:lang=\"{}\">\n", c.language.code()));
    x.push_str(&format!("  <id>{}</id>\n", xml_escape(&self_url)));
    x.push_str(&format!("  <title type=\"text\">{}</title>\n", xml_escape(&spec.title)));
    if let Some(d) = &c.description {
        x.push_str(&format!("  <subtitle type=\"text\">{}</subtitle>\n", xml_escape(d)));
    }
    x.push_str(&format!("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", xml_escape(&self_url)));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&absolute_uri(site, &spec.page))
    ));
    x.push_str(&format!("  <updated>{updated}</updated>\n"));
    x.push_str(&format!(
        "  <author>\n    <name>{}</name>\n    <uri>{}</uri>\n  </author>\n",
        xml_escape(author),
        xml_escape(&absolute_uri(site, ""))
    ));
    x.push_str("  <generator>insyn</generator>\n");
    for &i in order {
        x.push_str(entries[i]);
    }
    x.push_str("</feed>\n");
    x
}

/// The category schemes of the entries: the same in every entry.
struct Schemes {
    kind: String,
    severity: String,
    service: String,
}

impl Schemes {
    fn new(site: &Site, words: &UrlWords) -> Self {
        Schemes {
            kind: absolute_uri(site, &format!("{}#kind", UrlWords::list(&words.data))),
            severity: absolute_uri(site, &format!("{}#severity", UrlWords::list(&words.data))),
            service: absolute_uri(site, &UrlWords::list(&words.services)),
        }
    }
}

/// The `<entry>` of record `i`, written straight into one buffer;
/// `body_text` is the start of its body's plain text.
fn entry(site: &Site, i18n: &I18n, schemes: &Schemes, i: usize, body_text: &str) -> String {
    let words = &i18n.url;
    let r = &site.records[i];
    let service = site.record_service[i].map(|s| &site.services[s]);
    let service_name = service.map_or(r.service.value.as_str(), |s| s.name.as_str());
    let mut x = String::with_capacity(1024 + r.title.len());
    // The record's URL, escaped once: it is the entry's id and its link.
    let url = xml_escape(&absolute_uri(site, &words.record(&r.id)));
    x.push_str("  <entry>\n    <id>");
    x.push_str(&url);
    x.push_str("</id>\n    <title type=\"text\">");
    xml_escape_into(&mut x, &r.title);
    x.push_str("</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"");
    x.push_str(&url);
    x.push_str("\"/>\n    <published>");
    x.push_str(&r.date.value.date_time());
    x.push_str("</published>\n    <updated>");
    x.push_str(&site.last_updated(i).date_time());
    x.push_str("</updated>\n");
    category(&mut x, r.kind.key(), &schemes.kind, i18n.kind(r.kind));
    category(&mut x, &r.service.value, &schemes.service, service_name);
    if let Some(sev) = r.severity {
        category(&mut x, sev.key(), &schemes.severity, i18n.severity(sev));
    }
    x.push_str("    <summary type=\"text\">");
    xml_escape_into(&mut x, &summary(i18n, r, site.status(i), service_name, body_text));
    x.push_str("</summary>\n  </entry>\n");
    // Every entry is kept until the last feed is written (10 000 of them
    // at 10 000 records): without the room its growth left, they take
    // 12 MB instead of 20 MB.
    x.shrink_to_fit();
    x
}

fn category(x: &mut String, term: &str, scheme: &str, label: &str) {
    x.push_str("    <category term=\"");
    xml_escape_into(x, term);
    x.push_str("\" scheme=\"");
    xml_escape_into(x, scheme);
    x.push_str("\" label=\"");
    xml_escape_into(x, label);
    x.push_str("\"/>\n");
}

/// "Major incident i tjänsten X. Status: Åtgärdad. <the start of the body>".
fn summary(i18n: &I18n, r: &Record, status: Status, service_name: &str, body: &str) -> String {
    let facts = i18n.fill(
        "feed_entry_facts",
        &[("kind", i18n.kind(r.kind)), ("service", service_name), ("status", i18n.status(status))],
    );
    if body.is_empty() { facts } else { [facts.as_str(), " ", &markdown::truncate(body, SUMMARY_CHARS)].concat() }
}
