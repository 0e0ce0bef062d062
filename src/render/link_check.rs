//! The built site's own links, checked in memory as the pages are made:
//! every `href` and `src` of every page and feed that leads into the site
//! must name a file the build wrote, and its `#fragment` an id on that
//! page. Nothing is read back from disk (a streaming build keeps no
//! bytes): each page is scanned once as it is emitted, and what cannot be
//! decided then is kept small — the ids of each page as hashes, and each
//! link that leads to a file not known in advance or to another page's
//! id once per target.

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rustc_hash::{FxBuildHasher, FxHashMap as HashMap, FxHashSet as HashSet};

/// A link of the built site that points at nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The file it is on (`perioder/2023-q1/index.html`).
    pub page: String,
    /// The link as written in the file (`../x/index.html#y`).
    pub href: String,
    /// The id it names, when the file exists but the id does not.
    pub missing_id: Option<String>,
}

/// A link decided once every file is known: to a file not known in
/// advance, or to an id on another page.
struct Pending {
    page: Box<str>,
    href: Box<str>,
}

/// A page's file and one of its ids.
type PageId = (Box<str>, Box<str>);

/// The check, shared by the threads that render.
pub struct LinkCheck {
    /// The files known before rendering (the pages and the theme's files).
    known: HashSet<String>,
    /// The path of the site on its host (`/avvikelser/`): links from the
    /// page for missing addresses start with it.
    base_path: String,
    /// The site's address: absolute links into it (feeds, canonical).
    base_url: String,
    /// Per page, the hashes of its ids, sorted.
    ids: Mutex<HashMap<Box<str>, Vec<u64>>>,
    /// Per target file not known in advance, the first link to it.
    files: Mutex<HashMap<Box<str>, Pending>>,
    /// Per (target page, id) on another page, the first link to it.
    fragments: Mutex<HashMap<PageId, Pending>>,
    /// Links found broken while scanning (to an id on their own page).
    broken: Mutex<Vec<BrokenLink>>,
    /// Time spent, in nanoseconds summed over threads.
    nanos: AtomicU64,
}

/// What a scan found on one page: ids and the values of `href` and `src`.
struct Scanned<'b> {
    ids: Vec<u64>,
    links: Vec<&'b str>,
}

fn hash(s: &[u8]) -> u64 {
    FxBuildHasher.hash_one(s)
}

/// The ids and link targets of an HTML or XML file, from its bytes: every
/// value of an ` id="…"`, ` href="…"` or ` src="…"` attribute (the
/// theme, pulldown-cmark and the sanitiser all quote with `"`).
fn scan(bytes: &[u8]) -> Scanned<'_> {
    let mut out = Scanned { ids: Vec::new(), links: Vec::new() };
    // `=` alone is found fastest (one byte, rare outside attributes).
    for eq in memchr::memchr_iter(b'=', bytes) {
        if bytes.get(eq + 1) != Some(&b'"') {
            continue;
        }
        let before = &bytes[..eq];
        // The last letter first: most attributes are none of the three.
        let is_id = match before.last() {
            Some(b'd') if ends_with(before, b" id") => true,
            Some(b'f') if ends_with(before, b" href") => false,
            Some(b'c') if ends_with(before, b" src") => false,
            _ => continue,
        };
        let start = eq + 2;
        let Some(len) = memchr::memchr(b'"', &bytes[start..]) else { continue };
        let value = &bytes[start..start + len];
        if is_id {
            out.ids.push(hash(value));
        } else if let Ok(value) = std::str::from_utf8(value) {
            out.links.push(value);
        }
    }
    out.ids.sort_unstable();
    out.ids.dedup();
    out
}

/// Whether `bytes` ends with the short `tail`, byte by byte (a slice
/// comparison calls `memcmp`, which costs more for three bytes).
fn ends_with(bytes: &[u8], tail: &[u8]) -> bool {
    bytes.len() >= tail.len() && bytes.iter().rev().zip(tail.iter().rev()).all(|(a, b)| a == b)
}

/// `&amp;` and the other entities a URL in an attribute may carry.
fn unescape(href: &str) -> Cow<'_, str> {
    if !href.contains('&') {
        return Cow::Borrowed(href);
    }
    Cow::Owned(href.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", "\"").replace("&#39;", "'"))
}

/// The file a link leads to, from the root, and its fragment, when the
/// link is the theme's usual `{root}path` from a page `depth` folders
/// deep (`../../perioder/2023-q1/index.html#summary` from
/// `avvikelser/x/index.html`): nearly every link of a site, told without
/// building a path.
fn from_root(depth: usize, raw: &str) -> Option<(&str, Option<&str>)> {
    let mut rest = raw;
    for _ in 0..depth {
        rest = rest.strip_prefix("../")?;
    }
    // One pass over the bytes: where the fragment starts, and whether the
    // path has anything that resolving would change.
    let bytes = rest.as_bytes();
    let mut end = bytes.len();
    let mut previous = b'/';
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'#' => {
                end = i;
                break;
            }
            b'?' | b':' | b'%' | b'&' | b'\\' => return None,
            b'.' | b'/' if previous == b'/' => return None,
            _ => {}
        }
        previous = b;
    }
    if end == 0 || previous == b'/' {
        return None;
    }
    let fragment = (end < bytes.len()).then(|| &rest[end + 1..]);
    Some((&rest[..end], fragment))
}

/// Adds the segments of a `/`-separated path to `out` (a path from the
/// root without a trailing `/`): `.` is nothing, `..` climbs. Returns
/// false when it climbs above the root.
fn push_segments(out: &mut String, path: &str) -> bool {
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => match out.rfind('/') {
                Some(i) => out.truncate(i),
                None if out.is_empty() => return false,
                None => out.clear(),
            },
            s => {
                if !out.is_empty() {
                    out.push('/');
                }
                out.push_str(s);
            }
        }
    }
    true
}

/// Writes to `out` the file a link on `page` leads to, from the site root,
/// and returns its fragment; `None` for a link out of the site (another
/// scheme or host). A path that climbs above the root leads to `..`,
/// which no file is. `out` is reused from link to link: most links cost
/// no allocation.
fn resolve<'h>(
    page: &str,
    href: &'h str,
    base_path: &str,
    base_url: &str,
    out: &mut String,
) -> Option<Option<&'h str>> {
    let (rest, fragment) = href.split_once('#').map_or((href, None), |(r, f)| (r, Some(f)));
    let rest = rest.split_once('?').map_or(rest, |(r, _)| r);
    out.clear();
    let from_root = if let Some(r) = rest.strip_prefix(base_url).filter(|_| !base_url.is_empty()) {
        Some(r)
    } else if rest.starts_with("//") || rest.starts_with("\\\\") {
        return None;
    } else if let Some(r) = rest.strip_prefix('/') {
        // An absolute path: inside the site only under its base path.
        Some(r.strip_prefix(base_path.trim_start_matches('/'))?)
    } else {
        let colon = rest.find(':');
        if colon.is_some_and(|c| !rest[..c].contains(['/', '?', '#'])) {
            return None;
        }
        None
    };
    let inside = match from_root {
        Some(r) => push_segments(out, r),
        None if rest.is_empty() => {
            out.push_str(page);
            return Some(fragment);
        }
        None => push_segments(out, page.rfind('/').map_or("", |i| &page[..i])) && push_segments(out, rest),
    };
    if !inside {
        out.clear();
        out.push_str("..");
        return Some(fragment);
    }
    let path = from_root.unwrap_or(rest);
    let folder = path.is_empty()
        || path.ends_with('/')
        || path == "."
        || path.ends_with("/.")
        || path == ".."
        || path.ends_with("/..");
    if folder {
        out.push_str(if out.is_empty() { "index.html" } else { "/index.html" });
    }
    if out.contains('%') {
        let decoded = out.replace("%20", " ");
        *out = decoded;
    }
    Some(fragment)
}

impl LinkCheck {
    /// A check of a site at `base_url` whose files in `known` (the pages and
    /// the theme's files) are known before they are made.
    pub fn new(known: impl IntoIterator<Item = String>, base_url: &str, base_path: &str) -> LinkCheck {
        LinkCheck {
            known: known.into_iter().collect(),
            base_path: base_path.to_string(),
            base_url: base_url.to_string(),
            ids: Mutex::new(HashMap::default()),
            files: Mutex::new(HashMap::default()),
            fragments: Mutex::new(HashMap::default()),
            broken: Mutex::new(Vec::new()),
            nanos: AtomicU64::new(0),
        }
    }

    /// Reads one file as it is emitted: an HTML page (its ids and links)
    /// or a feed (its links). Other files are only named by the list of
    /// files at the end.
    pub fn read(&self, path: &str, bytes: &[u8]) {
        let html = path.ends_with(".html");
        if !html && !path.ends_with(".xml") {
            return;
        }
        let started = Instant::now();
        let scanned = scan(bytes);
        let mut files: Vec<(String, &str)> = Vec::new();
        let mut fragments: Vec<(String, &str, String)> = Vec::new();
        let mut broken = Vec::new();
        let depth = path.matches('/').count();
        let mut buffer = String::new();
        for &raw in &scanned.links {
            let (target, fragment): (Cow<'_, str>, Option<Cow<'_, str>>) = match from_root(depth, raw) {
                Some((t, f)) => (Cow::Borrowed(t), f.map(Cow::Borrowed)),
                None => {
                    let href = unescape(raw);
                    let Some(f) = resolve(path, &href, &self.base_path, &self.base_url, &mut buffer) else { continue };
                    (Cow::Owned(buffer.clone()), f.map(|f| Cow::Owned(f.to_string())))
                }
            };
            let fragment = fragment.filter(|f| !f.is_empty() && target.ends_with(".html"));
            if target == path {
                if let Some(f) = fragment.filter(|f| scanned.ids.binary_search(&hash(f.as_bytes())).is_err()) {
                    broken.push(BrokenLink {
                        page: path.to_string(),
                        href: unescape(raw).into_owned(),
                        missing_id: Some(f.into_owned()),
                    });
                }
            } else if let Some(f) = fragment {
                fragments.push((target.into_owned(), raw, f.into_owned()));
            } else if !self.known.contains(&*target) {
                files.push((target.into_owned(), raw));
            }
        }
        if !broken.is_empty() {
            self.broken.lock().unwrap_or_else(|e| e.into_inner()).extend(broken);
        }
        if !files.is_empty() {
            let mut map = self.files.lock().unwrap_or_else(|e| e.into_inner());
            for (target, raw) in files {
                if !map.contains_key(target.as_str()) {
                    map.insert(target.into(), Pending { page: path.into(), href: unescape(raw).into() });
                }
            }
        }
        if !fragments.is_empty() {
            let mut map = self.fragments.lock().unwrap_or_else(|e| e.into_inner());
            for (target, raw, f) in fragments {
                let key: PageId = (target.into(), f.into());
                map.entry(key).or_insert_with(|| Pending { page: path.into(), href: unescape(raw).into() });
            }
        }
        if html {
            self.ids.lock().unwrap_or_else(|e| e.into_inner()).insert(path.into(), scanned.ids);
        }
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    /// Time spent reading files so far, summed over threads.
    pub fn time(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::Relaxed))
    }

    /// The links that point at nothing, once every file of the build is
    /// in `written`: sorted by page, then link.
    pub fn finish<'a>(self, written: impl IntoIterator<Item = &'a str>) -> Vec<BrokenLink> {
        let written: HashSet<&str> = written.into_iter().collect();
        let mut broken = self.broken.into_inner().unwrap_or_else(|e| e.into_inner());
        for (target, p) in self.files.into_inner().unwrap_or_else(|e| e.into_inner()) {
            if !written.contains(&*target) {
                broken.push(BrokenLink { page: p.page.into(), href: p.href.into(), missing_id: None });
            }
        }
        let ids = self.ids.into_inner().unwrap_or_else(|e| e.into_inner());
        for ((target, fragment), p) in self.fragments.into_inner().unwrap_or_else(|e| e.into_inner()) {
            let missing_id = match ids.get(&target) {
                Some(on_page) => {
                    on_page.binary_search(&hash(fragment.as_bytes())).is_err().then(|| fragment.to_string())
                }
                None if written.contains(&*target) || self.known.contains(&*target) => None,
                None => {
                    broken.push(BrokenLink { page: p.page.into(), href: p.href.into(), missing_id: None });
                    continue;
                }
            };
            if missing_id.is_some() {
                broken.push(BrokenLink { page: p.page.into(), href: p.href.into(), missing_id });
            }
        }
        broken.sort_by(|a, b| (&a.page, &a.href).cmp(&(&b.page, &b.href)));
        broken.dedup();
        broken
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_and_absolute_links() {
        let r = |page, href| {
            let mut out = String::new();
            resolve(page, href, "/avv/", "https://x.se/avv/", &mut out).map(|f| (out.clone(), f.map(str::to_string)))
        };
        assert_eq!(r("a/b/index.html", "../c/index.html#d"), Some(("a/c/index.html".into(), Some("d".into()))));
        assert_eq!(r("a/b/index.html", "#d"), Some(("a/b/index.html".into(), Some("d".into()))));
        assert_eq!(r("a/b/index.html", "../../"), Some(("index.html".into(), None)));
        assert_eq!(r("index.html", "../x"), Some(("..".into(), None)));
        assert_eq!(r("404.html", "/avv/perioder/"), Some(("perioder/index.html".into(), None)));
        assert_eq!(r("feed.xml", "https://x.se/avv/a/"), Some(("a/index.html".into(), None)));
        assert_eq!(r("index.html", "https://other.se/"), None);
        assert_eq!(r("index.html", "mailto:a@b.se"), None);
        assert_eq!(r("index.html", "/elsewhere/"), None);
    }

    #[test]
    fn the_usual_links_are_told_without_a_path() {
        assert_eq!(from_root(2, "../../perioder/x/index.html#s"), Some(("perioder/x/index.html", Some("s"))));
        assert_eq!(from_root(0, "static/a.css"), Some(("static/a.css", None)));
        assert_eq!(from_root(2, "../x/index.html"), None);
        assert_eq!(from_root(1, "../a/../b.html"), None);
        assert_eq!(from_root(1, "https://x.se/"), None);
    }

    #[test]
    fn finds_broken_files_and_ids() {
        let check = LinkCheck::new(["index.html".to_string(), "a/index.html".to_string()], "https://x.se/", "/");
        check.read("index.html", b"<main id=\"main\"><a href=\"a/index.html#top\">a</a> <a href=\"#main\">m</a> <a href=\"#nix\">n</a> <img src=\"b.png\" alt=\"\"> <a href=\"c.svg\">c</a></main>");
        check.read("a/index.html", b"<h2 id=\"other\">x</h2><a href=\"../index.html#main\">back</a>");
        let broken = check.finish(["index.html", "a/index.html", "c.svg"]);
        let hrefs: Vec<(&str, Option<&str>)> =
            broken.iter().map(|b| (b.href.as_str(), b.missing_id.as_deref())).collect();
        assert_eq!(hrefs, [("#nix", Some("nix")), ("a/index.html#top", Some("top")), ("b.png", None)]);
    }
}
