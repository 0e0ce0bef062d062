//! URL paths of every page, and relative links between them.
//!
//! Every page lives at a directory path ending in `/` (written as
//! `<path>index.html`), relative to the site root. Links between pages are
//! relative, so the output works under any sub-path and from another host;
//! absolute URLs (base_url + path) are used only where a format needs them.

use serde::Deserialize;

/// The URL words of a language, from the theme's i18n file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrlWords {
    /// Folder of period pages.
    pub periods: String,
    /// Folder of service pages.
    pub services: String,
    /// Folder of area pages.
    pub areas: String,
    /// Folder of record pages.
    pub records: String,
    /// Folder of the downloads page and data files.
    pub data: String,
    /// Folder of the further pages of a long list: `sida` gives
    /// `avvikelser/sida/2/`. Optional in a theme's file (default `sida`).
    #[serde(default)]
    pub page: Option<String>,
    /// Folder of the search page and its index (`sok`). Optional in a
    /// theme's file (default `sok`).
    #[serde(default)]
    pub search: Option<String>,
}

impl UrlWords {
    /// `perioder/2023-q1/`.
    pub fn period(&self, id: &str) -> String {
        [&self.periods, "/", id, "/"].concat()
    }
    /// `tjanster/agresso/`.
    pub fn service(&self, id: &str) -> String {
        [&self.services, "/", id, "/"].concat()
    }
    /// `omraden/hr/`.
    pub fn area(&self, id: &str) -> String {
        [&self.areas, "/", id, "/"].concat()
    }
    /// `avvikelser/agresso-minne/`.
    pub fn record(&self, id: &str) -> String {
        [&self.records, "/", id, "/"].concat()
    }
    /// `om-rapporten/`.
    pub fn page(&self, id: &str) -> String {
        [id, "/"].concat()
    }
    /// The word of further list pages (`sida`).
    pub fn page_word(&self) -> &str {
        self.page.as_deref().unwrap_or("sida")
    }
    /// The word of the search page's folder (`sok`).
    pub fn search_word(&self) -> &str {
        self.search.as_deref().unwrap_or("sok")
    }
    /// The list pages: `perioder/`, `tjanster/`, `omraden/`, `avvikelser/`.
    pub fn list(word: &str) -> String {
        [word, "/"].concat()
    }
}

/// The prefix that leads from a page at `path` back to the site root:
/// "" for the root, "../../" for `perioder/2023-q1/`.
pub fn root_prefix(path: &str) -> String {
    let depth = path.split('/').filter(|s| !s.is_empty()).count();
    let depth = if path.ends_with('/') || path.is_empty() { depth } else { depth.saturating_sub(1) };
    "../".repeat(depth)
}

/// The link to a page path, naming its file: `perioder/` → `perioder/index.html`,
/// `` (the overview) → `index.html`; other paths unchanged.
pub fn link(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') { [path, "index.html"].concat() } else { path.to_string() }
}

/// The output file for a page path: `perioder/2023-q1/` → `perioder/2023-q1/index.html`
/// (the file a [`link`] names).
pub fn file_for(path: &str) -> String {
    link(path)
}

/// The absolute URL of a path, for feeds, sitemap and canonical links.
pub fn absolute(base_url: &str, path: &str) -> String {
    [base_url, path].concat()
}

/// The path of the base URL, from the host's root: `/avvikelser/` for
/// `https://www.example.se/avvikelser/`. Links from a page that the server
/// may show at any depth (the 404 page) start with it.
pub fn base_path(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    match rest.find('/') {
        Some(i) => rest[i..].to_string(),
        None => "/".to_string(),
    }
}

/// The output path of an alias: `/old/url/` → `old/url/`; `/old/page.html`
/// stays a file; `/old/url` (no extension) becomes the folder `old/url/`,
/// as web servers expect.
pub fn alias_path(alias: &str) -> String {
    let path = alias.trim_start_matches('/');
    let last = path.rsplit('/').next().unwrap_or("");
    if path.is_empty() || path.ends_with('/') || last.contains('.') { path.to_string() } else { format!("{path}/") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(root_prefix(""), "");
        assert_eq!(root_prefix("perioder/"), "../");
        assert_eq!(root_prefix("perioder/2023-q1/"), "../../");
        assert_eq!(root_prefix("404.html"), "");
        assert_eq!(root_prefix("old/page.html"), "../");
        assert_eq!(file_for("a/b/"), "a/b/index.html");
        assert_eq!(file_for(""), "index.html");
        assert_eq!(base_path("https://www.example.se/avvikelser/"), "/avvikelser/");
        assert_eq!(base_path("https://www.example.se/"), "/");
    }
}
