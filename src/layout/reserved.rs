//! The names insyn writes at the top of the output itself: no page id and no
//! alias may take them.

use super::words::UrlWords;

/// The folder of the theme's static files (fingerprinted stylesheet …).
pub const STATIC_DIR: &str = "static";
/// The page a web server shows for a missing address.
pub const NOT_FOUND: &str = "404.html";
/// The site's Atom feed; each area's and service's feed has this name in
/// its page's folder.
pub const FEED: &str = "feed.xml";
/// The sitemap (or the sitemap index of a very large site).
pub const SITEMAP: &str = "sitemap.xml";
/// What crawlers read first.
pub const ROBOTS: &str = "robots.txt";
/// The data catalogue's file name, in the data folder.
pub const CATALOG: &str = "catalog.rdf";

/// Top-level names insyn writes itself besides the URL words.
pub const TOP_LEVEL: &[&str] = &[STATIC_DIR, NOT_FOUND, "index.html", FEED, SITEMAP, ROBOTS];

/// Whether a page id would be written where insyn writes its own pages or
/// files: a URL word of the site's language, or one of [`TOP_LEVEL`].
pub fn is_reserved(words: &UrlWords, id: &str) -> bool {
    words.lists().contains(&id) || TOP_LEVEL.contains(&id)
}

/// Every reserved first path segment, for messages and for `insyn new`.
pub fn all(words: &UrlWords) -> Vec<String> {
    words.lists().iter().map(|w| (*w).to_string()).chain(TOP_LEVEL.iter().map(|w| (*w).to_string())).collect()
}
