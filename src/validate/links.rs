//! Links between pages: every `@/` link names a content file that has a
//! page, and an anchor that page has (errors); and, once the site is
//! built, where in the content a link that points at nothing was written
//! ([`find_links`], for the warning).

use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rustc_hash::FxHashMap as HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics, suggest};
use crate::layout::anchors;
use crate::model::Site;
use crate::model::sources::Source;

/// The Markdown insyn reads (as `render::markdown` parses it).
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// One Markdown text of the content and where it stands.
pub struct Text<'a> {
    /// The file it is written in.
    pub file: &'a Path,
    /// The Markdown.
    pub text: &'a str,
    /// Where the text starts in the file, when it is there as written (a
    /// body after its front matter); `None` for a TOML string, whose
    /// escapes move offsets: its links are found by their URL.
    pub offset: Option<usize>,
}

/// Every Markdown text of the site, drafts included: record bodies,
/// actions and updates, period summaries, recommendations and their
/// updates, service and area descriptions, free pages.
pub fn texts(site: &Site) -> Vec<Text<'_>> {
    let mut out = Vec::new();
    for r in site.all_records() {
        out.push(Text { file: &r.file, text: &r.body, offset: Some(r.body_offset) });
        out.extend(r.actions.iter().map(|a| Text { file: &r.file, text: a, offset: None }));
        out.extend(r.updates.iter().map(|u| Text { file: &r.file, text: &u.text, offset: None }));
    }
    for p in &site.periods {
        out.extend(p.summary.iter().map(|s| Text { file: &p.file, text: s, offset: None }));
        for rec in &p.recommendations {
            out.push(Text { file: &p.file, text: &rec.text, offset: None });
            out.extend(rec.updates.iter().map(|u| Text { file: &p.file, text: &u.text, offset: None }));
        }
    }
    for s in &site.services {
        out.extend(s.description.iter().map(|d| Text { file: &s.file, text: d, offset: None }));
    }
    for a in &site.config.areas {
        out.extend(a.description.iter().map(|d| Text { file: &site.config.file, text: d, offset: None }));
    }
    for p in &site.pages {
        out.push(Text { file: &p.file, text: &p.body, offset: Some(p.body_offset) });
    }
    out
}

/// A link in a text: its URL as written and where it stands in the text.
struct Link<'t> {
    url: pulldown_cmark::CowStr<'t>,
    at: Range<usize>,
}

/// The links and images of a Markdown text, and the `href` and `src` of
/// its raw HTML, with their places.
fn links_in(text: &str) -> Vec<Link<'_>> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                // The URL itself, when it is written as it reads.
                let at = text[range.clone()].rfind(&*dest_url).map_or(range.clone(), |i| {
                    let start = range.start + i;
                    start..start + dest_url.len()
                });
                out.push(Link { url: dest_url, at });
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                for (url, i) in raw_targets(&raw) {
                    let start = range.start + i;
                    out.push(Link { url: pulldown_cmark::CowStr::from(url.to_string()), at: start..start + url.len() });
                }
            }
            _ => {}
        }
    }
    out
}

/// The values of `href` and `src` attributes in raw HTML, with their
/// offsets.
fn raw_targets(raw: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let lower = raw.to_ascii_lowercase();
    for name in ["href=", "src="] {
        for (i, _) in lower.match_indices(name) {
            let rest = &raw[i + name.len()..];
            let (quote, body) = match rest.as_bytes().first() {
                Some(q @ (b'"' | b'\'')) => (Some(*q as char), &rest[1..]),
                _ => (None, rest),
            };
            let end = match quote {
                Some(q) => body.find(q),
                None => body.find(|c: char| c.is_whitespace() || c == '>'),
            }
            .unwrap_or(body.len());
            let start = i + name.len() + usize::from(quote.is_some());
            out.push((&body[..end], start));
        }
    }
    out
}

/// Where a link of `text` stands in its file: exact for a body, found by
/// its URL in a TOML string (`nth` counts the same URL before it).
fn place(t: &Text<'_>, link: &Link<'_>, nth: usize, diags: &Diagnostics) -> Option<Range<usize>> {
    match t.offset {
        Some(o) => Some(o + link.at.start..o + link.at.end),
        None => diags.locate(t.file, &link.url, nth),
    }
}

/// The texts of a content file's page, in the order the page shows them
/// (the heading ids of later texts give way to earlier ones).
fn page_texts(site: &Site, source: Source) -> Vec<&str> {
    match source {
        Source::Record(i) => vec![&site.records[i].body],
        Source::Draft => Vec::new(),
        Source::Period(p) => {
            let period = &site.periods[p];
            period
                .summary
                .iter()
                .map(String::as_str)
                .chain(period.recommendations.iter().map(|r| r.text.as_str()))
                .collect()
        }
        Source::Service(i) => site.services[i].description.iter().map(String::as_str).collect(),
        Source::Page(i) => vec![&site.pages[i].body],
    }
}

/// The ids the headings of `texts` get on their page.
pub fn heading_ids(texts: &[&str]) -> Vec<String> {
    let mut taken = Vec::new();
    for text in texts {
        let mut heading: Option<String> = None;
        for event in Parser::new_ext(text, options()) {
            match event {
                Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
                Event::Text(t) | Event::Code(t) => {
                    if let Some(h) = &mut heading {
                        h.push_str(&t);
                    }
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some(h) = heading.take() {
                        anchors::heading_id(&h, &mut taken);
                    }
                }
                _ => {}
            }
        }
    }
    taken
}

/// The anchors a content file's page has: its kind's, those made from ids
/// (`area-<id>` …) and its texts' headings'.
fn anchors_of(site: &Site, source: Source) -> Vec<String> {
    let kind = source.kind();
    let mut out: Vec<String> = anchors::fixed(kind).iter().map(|a| a.to_string()).collect();
    out.push("main".to_string());
    if let Source::Period(p) = source {
        out.extend(site.config.areas.iter().map(|a| [anchors::AREA, &a.id].concat()));
        out.extend(site.config.authorities.iter().map(|a| [anchors::REPORTS, &a.id].concat()));
        out.extend(
            site.followed.iter().filter(|f| f.period == p).map(|f| [anchors::REC, &f.key.replace('/', "-")].concat()),
        );
    }
    out.extend(heading_ids(&page_texts(site, source)));
    out
}

/// Every `@/` link names a content file with a page, and an anchor that
/// page has.
pub fn at_links_resolve(site: &Site, diags: &mut Diagnostics) {
    let texts: Vec<Text<'_>> = texts(site).into_iter().filter(|t| t.text.contains("@/")).collect();
    if texts.is_empty() {
        return;
    }
    let sources = site.sources();
    let mut seen: HashMap<(&Path, String), usize> = HashMap::default();
    let mut found = Vec::new();
    for t in &texts {
        for link in links_in(t.text).into_iter().filter(|l| l.url.starts_with("@/")) {
            let n = seen.entry((t.file, link.url.to_string())).or_insert(0);
            let nth = *n;
            *n += 1;
            if let Some(d) = check_at_link(site, &sources, t.file, &link.url) {
                found.push((d, place(t, &link, nth, diags)));
            }
        }
    }
    for (d, span) in found {
        diags.push(Diagnostic { span, ..d });
    }
}

/// The error of one `@/` link, if it is broken.
fn check_at_link(site: &Site, sources: &HashMap<String, Source>, file: &Path, url: &str) -> Option<Diagnostic> {
    let path = url.strip_prefix("@/").unwrap_or(url);
    let (target, fragment) = path.split_once('#').map_or((path, None), |(t, f)| (t, Some(f)));
    let Some(&source) = sources.get(target) else {
        let d = Diagnostic::error(file, None, format!("the link `{url}` names no content file"));
        let close = suggest(target, sources.iter().filter(|(_, s)| s.route().is_some()).map(|(k, _)| k.as_str()));
        return Some(match close {
            Some(c) => d.with_help(format!("did you mean `@/{c}{}`?", fragment.map(|f| format!("#{f}")).unwrap_or_default())),
            None => d.with_help(
                "an `@/` link names a content file by its path from content/, such as `@/periods/2023-q1/period.toml`, `@/services/<id>.toml` or `@/pages/<id>.md`",
            ),
        });
    };
    if source == Source::Draft {
        return Some(
            Diagnostic::error(file, None, format!("the link `{url}` names a draft, which has no page"))
                .with_help("publish the record (remove `draft = true`), or remove the link"),
        );
    }
    let fragment = fragment?;
    let anchors = anchors_of(site, source);
    if anchors.iter().any(|a| a == fragment) {
        return None;
    }
    let d = Diagnostic::error(file, None, format!("the page of `@/{target}` has no anchor `#{fragment}`"));
    Some(match suggest(fragment, anchors.iter().map(String::as_str)) {
        Some(c) => d.with_help(format!("did you mean `@/{target}#{c}`?")),
        None => d.with_help(format!(
            "its anchors are: {}",
            anchors.iter().map(|a| format!("#{a}")).collect::<Vec<_>>().join(", ")
        )),
    })
}

/// A file and the place in it.
pub type Place = (PathBuf, Option<Range<usize>>);

/// Where each of `urls` (links of the built site that point at nothing) is
/// written in the content: per URL, the files and places of the links and
/// images with that target. A URL written nowhere came from the theme.
pub fn find_links(site: &Site, urls: &[&str], diags: &Diagnostics) -> HashMap<String, Vec<Place>> {
    let mut out: HashMap<String, Vec<Place>> = HashMap::default();
    let mut seen: HashMap<(&Path, String), usize> = HashMap::default();
    for t in texts(site) {
        if !urls.iter().any(|u| {
            t.text.contains(u)
                || t.text.contains(&u.replace("%20", " "))
                || (t.text.contains("@/") && u.split_once('#').is_some_and(|(_, f)| t.text.contains(f)))
        }) {
            continue;
        }
        for link in links_in(t.text) {
            let n = seen.entry((t.file, link.url.to_string())).or_insert(0);
            let nth = *n;
            *n += 1;
            let written = link.url.replace(' ', "%20");
            // An `@/` link is written as its page's relative URL: known by
            // its anchor.
            let anchor = link.url.strip_prefix("@/").and_then(|p| p.split_once('#')).map(|(_, a)| a);
            let same_anchor = |u: &str| anchor.is_some_and(|a| u.split_once('#').is_some_and(|(_, f)| f == a));
            if let Some(u) = urls.iter().find(|u| **u == &*link.url || **u == written || same_anchor(u)) {
                out.entry(u.to_string()).or_default().push((t.file.to_path_buf(), place(&t, &link, nth, diags)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_and_raw_targets() {
        let text = "See [a](@/services/x.toml#records) and <img src=\"bild.png\"> and ![b](c.png).";
        let urls: Vec<(String, &str)> =
            links_in(text).iter().map(|l| (l.url.to_string(), &text[l.at.clone()])).collect();
        assert_eq!(urls[0], ("@/services/x.toml#records".to_string(), "@/services/x.toml#records"));
        assert!(urls.iter().any(|(u, at)| u == "bild.png" && *at == "bild.png"));
        assert!(urls.iter().any(|(u, at)| u == "c.png" && *at == "c.png"));
    }

    #[test]
    fn heading_ids_are_slugs_without_theme_ids() {
        assert_eq!(
            heading_ids(&["# Bakgrund\n\n## Bakgrund\n\n# Summary", "# Bakgrund"]),
            ["bakgrund", "bakgrund-1", "summary-1", "bakgrund-2"]
        );
    }
}
