//! `sitemap.xml` and `robots.txt`.
//!
//! The sitemap lists every HTML page of the output by its absolute URL,
//! except the 404 page and the redirect pages of aliases, sorted by URL. A
//! record page carries a `lastmod` from its content (resolved, else date);
//! no other page has one, because nothing but the clock could give it and
//! the output must not depend on the clock.
//!
//! `robots.txt` allows everything and names the sitemap. Crawlers read it
//! only at the root of a host: a site under a sub-path should have its
//! `Sitemap:` line copied into the host's own `robots.txt`.

use std::collections::{BTreeMap, BTreeSet};

use super::OutputFile;
use super::feeds::{absolute_uri, atom_time, record_updated, xml_escape};
use super::i18n::I18n;
use super::urls;
use crate::model::Site;

/// The page path (`perioder/2023-q1/`) of an HTML output file, or `None`
/// for a file that is not a page.
fn page_path(file: &str) -> Option<String> {
    if file == "index.html" {
        return Some(String::new());
    }
    if let Some(dir) = file.strip_suffix("/index.html") {
        return Some(format!("{dir}/"));
    }
    file.ends_with(".html").then(|| file.to_string())
}

/// `sitemap.xml` and `robots.txt` for the HTML files among `files`.
pub fn files(site: &Site, i18n: &I18n, files: &[OutputFile]) -> Vec<OutputFile> {
    let aliases: BTreeSet<String> = site
        .records
        .iter()
        .flat_map(|r| r.aliases.iter().map(|a| urls::file_for(a.value.trim_start_matches('/'))))
        .collect();
    let lastmod: BTreeMap<String, String> =
        site.records.iter().map(|r| (i18n.url.record(&r.id), atom_time(&record_updated(r)))).collect();
    let mut pages: Vec<String> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| *p != "404.html" && !aliases.contains(*p))
        .filter_map(page_path)
        .collect();
    pages.sort();
    pages.dedup();

    let mut x = String::with_capacity(128 + pages.len() * 96);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in &pages {
        x.push_str(&format!("  <url><loc>{}</loc>", xml_escape(&absolute_uri(site, p))));
        if let Some(m) = lastmod.get(p) {
            x.push_str(&format!("<lastmod>{m}</lastmod>"));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");

    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", absolute_uri(site, "sitemap.xml"));
    vec![
        OutputFile { path: "sitemap.xml".to_string(), bytes: x.into_bytes() },
        OutputFile { path: "robots.txt".to_string(), bytes: robots.into_bytes() },
    ]
}

#[cfg(test)]
mod tests {
    use super::page_path;

    #[test]
    fn page_paths() {
        assert_eq!(page_path("index.html").as_deref(), Some(""));
        assert_eq!(page_path("perioder/2023-q1/index.html").as_deref(), Some("perioder/2023-q1/"));
        assert_eq!(page_path("old/page.html").as_deref(), Some("old/page.html"));
        assert_eq!(page_path("static/style.css"), None);
    }
}
