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
//!
//! This module also holds the small XML and URL helpers that the sitemap
//! and the data catalogue share.

use rayon::prelude::*;

use super::OutputFile;
use super::i18n::I18n;
use super::markdown;
use super::urls::{self, UrlWords};
use crate::model::Site;
use crate::model::entities::Record;
use crate::model::time::Moment;

/// The Atom namespace.
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// Longest summary text of an entry, in characters.
pub const SUMMARY_CHARS: usize = 400;

/// Entries per feed: the newest records only, as feed readers expect (the
/// whole history is in the open-data exports). A site with 100 000 records
/// would otherwise write a feed of over 100 MB.
pub const FEED_ENTRIES: usize = 50;

/// Escapes text for XML element content and attribute values (both quote
/// kinds), and drops characters XML 1.0 does not allow at all.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    xml_escape_into(&mut out, text);
    out
}

/// [`xml_escape`], appending to `out`.
pub fn xml_escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // Written without an early exit, so the compiler checks many bytes at a
    // time; U+FFFE and U+FFFF start with 0xEF.
    let special = |b: u8| b < 0x20 || matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xEF);
    if !bytes.iter().fold(false, |found, &b| found | special(b)) {
        out.push_str(text);
        return;
    }
    out.reserve(text.len() + text.len() / 8);
    // Copies the runs between special bytes whole. Every special byte is
    // ASCII or starts a character, so each cut is at a character boundary.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (replacement, len) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..0x20 => ("", 1),
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[copied..i]);
        out.push_str(replacement);
        i += len;
        copied = i;
    }
    out.push_str(&text[copied..]);
}

/// An absolute URL made safe for formats that want a URI (sitemaps, RDF):
/// every byte outside printable ASCII, and every ASCII character that may
/// not stand in a URI, is percent-encoded; `%` escapes already written are kept.
pub fn uri(url: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    /// Which bytes stand in a URI as they are.
    const KEEP: [bool; 256] = {
        let mut keep = [false; 256];
        let mut b = 0;
        while b < 256 {
            keep[b] = (b as u8).is_ascii_alphanumeric();
            b += 1;
        }
        let marks = b"-._~:/?#[]@!$&'()*+,;=%";
        let mut i = 0;
        while i < marks.len() {
            keep[marks[i] as usize] = true;
            i += 1;
        }
        keep
    };
    if url.bytes().all(|b| KEEP[usize::from(b)]) {
        return url.to_string();
    }
    let mut out = String::with_capacity(url.len() + 16);
    for b in url.bytes() {
        if KEEP[usize::from(b)] {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
    out
}

/// The absolute URI of a path of the site.
pub fn absolute_uri(site: &Site, path: &str) -> String {
    uri(&urls::absolute(&site.config.base_url, path))
}

/// When a record was last updated, for feeds and the sitemap: resolved if
/// set, else its date.
pub fn record_updated(r: &Record) -> Moment {
    r.resolved.as_ref().map_or(r.date.value, |m| m.value)
}

/// A moment as an RFC 3339 date-time: a date alone becomes midnight UTC.
pub fn atom_time(m: &Moment) -> String {
    match m.time {
        Some(_) => m.rfc3339(),
        None => {
            let mut t = String::with_capacity(20);
            m.write_rfc3339(&mut t);
            t.push_str("T00:00:00Z");
            t
        }
    }
}

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

/// Every feed of the site.
pub fn feeds(site: &Site, i18n: &I18n) -> Vec<OutputFile> {
    FeedPlan::new(site, i18n).write::<std::convert::Infallible>(site, i18n, &|_| None, &Ok).unwrap_or_default()
}

/// The paths of every feed of the site.
pub fn feed_paths(site: &Site, i18n: &I18n) -> Vec<String> {
    specs(site, i18n).into_iter().map(|s| s.path).collect()
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
    for (a, area) in site.config.areas.iter().enumerate() {
        let page = words.area(&area.id);
        specs.push(FeedSpec {
            path: feed_path(&page),
            page,
            title: named(&area.name),
            records: site.records_by_area[a].clone(),
        });
    }
    for (i, service) in site.services.iter().enumerate() {
        let page = words.service(&service.id);
        specs.push(FeedSpec {
            path: feed_path(&page),
            page,
            title: named(&service.name),
            records: site.records_by_service[i].clone(),
        });
    }
    specs
}

/// Which records every feed shows, chosen before anything is written: the
/// record pages, which read each body anyway, can then keep the plain
/// text of the records that have an entry (see [`FeedPlan::has_entry`]).
pub struct FeedPlan {
    specs: Vec<FeedSpec>,
    /// Per feed, its records, newest first.
    orders: Vec<Vec<usize>>,
    /// The records in some feed, in site order.
    wanted: Vec<usize>,
}

impl FeedPlan {
    /// Chooses the entries of every feed of `site`.
    pub fn new(site: &Site, i18n: &I18n) -> FeedPlan {
        let specs = specs(site, i18n);
        let orders: Vec<Vec<usize>> = specs.par_iter().map(|spec| newest(site, &spec.records)).collect();
        let mut wanted: Vec<usize> = orders.iter().flatten().copied().collect();
        wanted.sort_unstable();
        wanted.dedup();
        FeedPlan { specs, orders, wanted }
    }

    /// Per record, whether it has an entry in some feed.
    pub fn has_entry(&self, records: usize) -> Vec<bool> {
        let mut has = vec![false; records];
        for &i in &self.wanted {
            has[i] = true;
        }
        has
    }

    /// Writes every feed, each handed to `emit` as soon as it is written
    /// (so that a large site never holds all its feeds in memory at once);
    /// the first error of `emit` ends it. `body_text` gives a record's
    /// plain text as [`markdown::plain_text`] gives it for [`SUMMARY_CHARS`],
    /// when it is known already (else the body is read again).
    pub fn write<'t, E: Send>(
        &self,
        site: &Site,
        i18n: &I18n,
        body_text: &(dyn Fn(usize) -> Option<&'t str> + Sync),
        emit: &(dyn Fn(OutputFile) -> Result<OutputFile, E> + Sync),
    ) -> Result<Vec<OutputFile>, E> {
        // A record's entry is the same in every feed it is in (the site's,
        // its area's and its service's): each is written once, in parallel.
        let schemes = Schemes::new(site, &i18n.url);
        let made: Vec<String> = self.wanted.par_iter().map(|&i| entry(site, i18n, &schemes, i, body_text(i))).collect();
        let mut entries: Vec<&str> = vec![""; site.records.len()];
        for (&i, e) in self.wanted.iter().zip(&made) {
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
/// [`record_updated`], then by id: picked without
/// sorting all of them (the site's feed chooses from every record).
fn newest(site: &Site, records: &[usize]) -> Vec<usize> {
    let mut order: Vec<(i64, usize)> =
        records.iter().map(|&i| (record_updated(&site.records[i]).epoch_seconds(), i)).collect();
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
    let updated =
        order.first().map_or_else(|| empty_feed_updated(site), |&r| atom_time(&record_updated(&site.records[r])));
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
/// `body_text` is the start of its body's plain text when known.
fn entry(site: &Site, i18n: &I18n, schemes: &Schemes, i: usize, body_text: Option<&str>) -> String {
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
    x.push_str(&atom_time(&r.date.value));
    x.push_str("</published>\n    <updated>");
    x.push_str(&atom_time(&record_updated(r)));
    x.push_str("</updated>\n");
    category(&mut x, r.kind.key(), &schemes.kind, i18n.kind(r.kind));
    category(&mut x, &r.service.value, &schemes.service, service_name);
    if let Some(sev) = r.severity {
        category(&mut x, sev.key(), &schemes.severity, i18n.severity(sev));
    }
    x.push_str("    <summary type=\"text\">");
    xml_escape_into(&mut x, &summary(i18n, r, service_name, body_text));
    x.push_str("</summary>\n  </entry>\n");
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
fn summary(i18n: &I18n, r: &Record, service_name: &str, body_text: Option<&str>) -> String {
    let facts = i18n.fill(
        "feed_entry_facts",
        &[("kind", i18n.kind(r.kind)), ("service", service_name), ("status", i18n.status(r.status()))],
    );
    let read;
    let body = match body_text {
        Some(text) => text,
        None => {
            read = markdown::plain_text(&r.body, SUMMARY_CHARS);
            &read
        }
    };
    if body.is_empty() { facts } else { [facts.as_str(), " ", &markdown::truncate(body, SUMMARY_CHARS)].concat() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(xml_escape("a<b>&\"c\"'d'\u{1}e\n"), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;e\n");
        assert_eq!(xml_escape("å\u{fffe}ä\u{ffff}ö\u{fffd}\u{f000}\t\r&"), "åäö\u{fffd}\u{f000}\t\r&amp;");
        assert_eq!(xml_escape("inget att ändra"), "inget att ändra");
    }

    #[test]
    fn uri_percent_encodes_what_may_not_stand_in_a_uri() {
        assert_eq!(uri("https://exempel.se/ö d/"), "https://exempel.se/%C3%B6%20d/");
        assert_eq!(uri("https://x.se/a%20b/?q=1#f"), "https://x.se/a%20b/?q=1#f");
    }

    #[test]
    fn dates_alone_are_midnight_utc() {
        let d = crate::model::time::Date { year: 2023, month: 2, day: 3 };
        assert_eq!(atom_time(&Moment { date: d, time: None }), "2023-02-03T00:00:00Z");
    }
}
