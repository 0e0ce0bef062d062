//! `sitemap.xml` and `robots.txt`.
//!
//! The sitemap lists every HTML page of the output by its absolute URL,
//! except the 404 page and the redirect pages of aliases, sorted by URL. A
//! record page carries a `lastmod` from its content (resolved, else date);
//! no other page has one, because nothing but the clock could give it and
//! the output must not depend on the clock.
//!
//! A sitemap holds at most 50 000 URLs (the protocol's limit). A larger
//! site gets `sitemap.xml` as a sitemap index that names `sitemap-1.xml`,
//! `sitemap-2.xml` …, each with up to 50 000 pages.
//!
//! `robots.txt` allows everything and names the sitemap. Crawlers read it
//! only at the root of a host: a site under a sub-path should have its
//! `Sitemap:` line copied into the host's own `robots.txt`.

use std::collections::{BTreeMap, BTreeSet};

use super::sink::OutputFile;
use super::xml::absolute_uri;
use crate::layout::links;
use crate::model::Site;
use crate::text::escape::{xml as xml_escape, xml_into as xml_escape_into};
use crate::theme::I18n;

/// The page path (`perioder/2023-q1/`) of an HTML output file, or `None`
/// for a file that is not a page.
fn page_path(file: &str) -> Option<String> {
    if file == "index.html" {
        return Some(String::new());
    }
    if let Some(dir) = file.strip_suffix("/index.html") {
        return Some([dir, "/"].concat());
    }
    file.ends_with(".html").then(|| file.to_string())
}

/// `sitemap.xml` and `robots.txt` for the HTML files among `files`.
pub fn files(site: &Site, i18n: &I18n, files: &[OutputFile]) -> Vec<OutputFile> {
    let aliases: BTreeSet<String> = site
        .records
        .iter()
        .flat_map(|r| r.aliases.iter().map(|a| links::file_for(a.value.trim_start_matches('/'))))
        .collect();
    let lastmod: BTreeMap<String, String> = site
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| (i18n.url.record(&r.id), site.last_updated(i).date_time()))
        .collect();
    let mut pages: Vec<String> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| *p != "404.html" && !aliases.contains(*p))
        .filter_map(page_path)
        .collect();
    pages.sort();
    pages.dedup();

    let loc = |p: &str| absolute_uri(site, p);
    let mut out: Vec<OutputFile> = sitemaps(&pages, MAX_URLS, &loc, &lastmod)
        .into_iter()
        .map(|(path, x)| OutputFile { path, bytes: x.into_bytes() })
        .collect();
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", absolute_uri(site, "sitemap.xml"));
    out.push(OutputFile { path: "robots.txt".to_string(), bytes: robots.into_bytes() });
    out
}

/// URLs in one sitemap, at most (the protocol's limit).
pub const MAX_URLS: usize = 50_000;

/// The files [`files`] makes for a site of `pages` pages (404 and redirects
/// not counted).
pub fn paths(pages: usize) -> Vec<String> {
    let mut out = vec!["sitemap.xml".to_string(), "robots.txt".to_string()];
    if pages > MAX_URLS {
        out.extend((1..=pages.div_ceil(MAX_URLS)).map(|n| format!("sitemap-{n}.xml")));
    }
    out
}

/// The sitemap files of `pages` as `(path, text)`: `sitemap.xml` alone when
/// they are at most `limit`, else `sitemap.xml` as an index of
/// `sitemap-1.xml` … with `limit` pages each. `loc` makes a page's URL.
fn sitemaps(
    pages: &[String],
    limit: usize,
    loc: &dyn Fn(&str) -> String,
    lastmod: &BTreeMap<String, String>,
) -> Vec<(String, String)> {
    if pages.len() <= limit {
        return vec![("sitemap.xml".to_string(), urlset(pages, loc, lastmod))];
    }
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    index.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut out = vec![(String::new(), String::new())];
    for (n, chunk) in pages.chunks(limit).enumerate() {
        let path = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!("  <sitemap><loc>{}</loc></sitemap>\n", xml_escape(&loc(&path))));
        out.push((path, urlset(chunk, loc, lastmod)));
    }
    index.push_str("</sitemapindex>\n");
    out[0] = ("sitemap.xml".to_string(), index);
    out
}

/// One `<urlset>` sitemap of `pages`.
fn urlset(pages: &[String], loc: &dyn Fn(&str) -> String, lastmod: &BTreeMap<String, String>) -> String {
    let mut x = String::with_capacity(128 + pages.len() * 96);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in pages {
        x.push_str("  <url><loc>");
        xml_escape_into(&mut x, &loc(p));
        x.push_str("</loc>");
        if let Some(m) = lastmod.get(p) {
            x.push_str("<lastmod>");
            x.push_str(m);
            x.push_str("</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_site_gets_a_sitemap_index() {
        let pages: Vec<String> = (0..7).map(|n| format!("p{n}/")).collect();
        let loc = |p: &str| format!("https://x.se/{p}");
        let lastmod = BTreeMap::from([("p6/".to_string(), "2023-01-01T00:00:00Z".to_string())]);
        let one = sitemaps(&pages, 7, &loc, &lastmod);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].1.matches("<url>").count(), 7);
        let split = sitemaps(&pages, 3, &loc, &lastmod);
        let names: Vec<&str> = split.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]);
        assert!(split[0].1.contains("<sitemapindex") && split[0].1.contains("<loc>https://x.se/sitemap-3.xml</loc>"));
        assert_eq!(split[1..].iter().map(|(_, x)| x.matches("<url>").count()).collect::<Vec<_>>(), [3, 3, 1]);
        assert!(split[3].1.contains("<loc>https://x.se/p6/</loc><lastmod>2023-01-01T00:00:00Z</lastmod>"));
        assert_eq!(paths(MAX_URLS), ["sitemap.xml", "robots.txt"]);
        assert_eq!(paths(MAX_URLS + 1), ["sitemap.xml", "robots.txt", "sitemap-1.xml", "sitemap-2.xml"]);
    }

    #[test]
    fn page_paths() {
        assert_eq!(page_path("index.html").as_deref(), Some(""));
        assert_eq!(page_path("perioder/2023-q1/index.html").as_deref(), Some("perioder/2023-q1/"));
        assert_eq!(page_path("old/page.html").as_deref(), Some("old/page.html"));
        assert_eq!(page_path("static/style.css"), None);
    }
}
