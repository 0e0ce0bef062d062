//! The preview server's HTTP side, apart from the sockets: which request
//! path means which output file, and how each kind of file is sent.
//!
//! A request can only ever name a key of the in-memory map of output files:
//! nothing is read from the disk, so a path cannot lead outside the site.
//! Paths that try (`..`, encoded slashes and dots, backslashes, NUL) are
//! refused before the lookup all the same, so that the intent shows in the
//! answer and in the tests.

use std::collections::HashMap;
use std::sync::Arc;

use crate::render::on_demand::OnDemand;

/// The files of a site as the preview reads them.
pub trait Files: Send + Sync {
    /// The bytes of output file `key` (`perioder/2023-q1/index.html`);
    /// `Ok(None)` when there is no such file, `Err` with a message when it
    /// cannot be made.
    fn get(&self, key: &str) -> Result<Option<Arc<Vec<u8>>>, String>;
    /// Whether `key` is an output file.
    fn contains(&self, key: &str) -> bool;
}

/// Files made before they are asked for (tests).
impl Files for HashMap<String, Vec<u8>> {
    fn get(&self, key: &str) -> Result<Option<Arc<Vec<u8>>>, String> {
        Ok(HashMap::get(self, key).map(|b| Arc::new(b.clone())))
    }
    fn contains(&self, key: &str) -> bool {
        self.contains_key(key)
    }
}

/// Files rendered when asked for (the preview).
impl Files for OnDemand {
    fn get(&self, key: &str) -> Result<Option<Arc<Vec<u8>>>, String> {
        OnDemand::get(self, key)
    }
    fn contains(&self, key: &str) -> bool {
        self.is_indexed(key) || OnDemand::get(self, key).is_ok_and(|f| f.is_some())
    }
}

/// The output of one good build, as the preview serves it.
pub struct SiteFiles {
    /// Output path (`perioder/2023-q1/index.html`) → bytes.
    pub files: Box<dyn Files>,
    /// The path of `base_url` in `site.toml` without slashes at either end
    /// (`avvikelser`), when it has one: a request that starts with it and
    /// finds nothing is sent to the same path without it.
    pub prefix: Option<String>,
}

/// Why a request path was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadPath {
    /// Not an origin-form path (`/…`).
    NotAbsolute,
    /// A `%` not followed by two hex digits.
    BadEscape,
    /// Not UTF-8 after decoding.
    NotUtf8,
    /// A `.` or `..` segment, an encoded `/` or `\`, a backslash, NUL or
    /// another control character.
    Traversal,
}

impl BadPath {
    /// A short explanation for the response body.
    pub fn describe(self) -> &'static str {
        match self {
            BadPath::NotAbsolute => "the request path must start with /",
            BadPath::BadEscape => "the request path has a % that is not followed by two hex digits",
            BadPath::NotUtf8 => "the request path is not UTF-8",
            BadPath::Traversal => "the request path tries to leave the site (.., encoded / or \\, or NUL)",
        }
    }
}

/// What a request path resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The key of an output file.
    File(String),
    /// Redirect to this path (a folder without its `/`, or a path under the
    /// production sub-path).
    Redirect(String),
    /// No such file: answer with the site's 404 page.
    NotFound,
}

/// Decodes and checks the path part of a request target. Returns the path
/// relative to the site root, without the leading `/` (`perioder/2023-q1/`).
pub fn parse_path(target: &str) -> Result<String, BadPath> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(rest) = path.strip_prefix('/') else {
        return Err(BadPath::NotAbsolute);
    };
    let lower = rest.to_ascii_lowercase();
    // An encoded separator or NUL is never part of a real output path.
    if ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e)) {
        return Err(BadPath::Traversal);
    }
    let bytes = percent_decode(rest).ok_or(BadPath::BadEscape)?;
    let decoded = String::from_utf8(bytes).map_err(|_| BadPath::NotUtf8)?;
    if decoded.chars().any(|c| c == '\\' || c.is_control()) {
        return Err(BadPath::Traversal);
    }
    if decoded.split('/').any(|s| s == ".." || s == ".") {
        return Err(BadPath::Traversal);
    }
    Ok(decoded)
}

/// Finds the output file for a decoded path (from [`parse_path`]).
pub fn resolve(site: &SiteFiles, path: &str) -> Resolved {
    if let Some(key) = lookup(site, path) {
        return Resolved::File(key);
    }
    if !path.is_empty() && !path.ends_with('/') && site.files.contains(&format!("{path}/index.html")) {
        return Resolved::Redirect(format!("/{}/", percent_encode(path)));
    }
    // A production URL pasted into the preview: /avvikelser/perioder/ → /perioder/.
    if let Some(prefix) = &site.prefix
        && let Some(stripped) = path.strip_prefix(prefix.as_str()).and_then(|p| p.strip_prefix('/'))
        && (lookup(site, stripped).is_some()
            || (!stripped.is_empty() && site.files.contains(&format!("{stripped}/index.html"))))
    {
        return Resolved::Redirect(format!("/{}", percent_encode(stripped)));
    }
    Resolved::NotFound
}

fn lookup(site: &SiteFiles, path: &str) -> Option<String> {
    let key = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
    site.files.contains(&key).then_some(key)
}

/// Decodes `%XX` escapes; `None` when an escape is malformed.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Encodes a decoded path for a `Location` header: `/` and unreserved
/// characters stay, everything else becomes `%XX`.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `Content-Type` of an output file, from its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "jsonld" => "application/ld+json",
        "xml" => "application/xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "webmanifest" => "application/manifest+json",
        "ics" => "text/calendar; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Whether a `Host` header names this machine (`localhost`, `127.x.x.x`,
/// `[::1]`, with or without a port). A loopback-bound preview refuses other
/// names, so that a web page cannot reach it through DNS rebinding.
pub fn is_local_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, port)| if port.bytes().all(|b| b.is_ascii_digit()) { h } else { host })
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name == "::1"
        || name.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// The page shown in place of the site while no build has succeeded yet.
/// It loads the reload script, which replaces the text as the errors change
/// and reloads the page once the site builds.
pub fn error_page(errors: &str, script: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>The site has errors – insyn serve</title>\n<script src=\"{}\" defer></script>\n</head>\n<body>\n<main>\n<h1>The site has errors</h1>\n<p>insyn serve shows the site as soon as these errors are fixed. This page reloads by itself.</p>\n<pre id=\"insyn-error-text\">{}</pre>\n</main>\n</body>\n</html>\n",
        crate::text::escape::html_text(script),
        crate::text::escape::html_text(errors)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteFiles {
        let mut files = HashMap::new();
        for k in ["index.html", "404.html", "perioder/index.html", "perioder/2023-q1/index.html", "static/style.css"] {
            files.insert(k.to_string(), Vec::new());
        }
        SiteFiles { files: Box::new(files), prefix: Some("avvikelser".to_string()) }
    }

    #[test]
    fn plain_paths_resolve() {
        let s = site();
        assert_eq!(parse_path("/"), Ok(String::new()));
        assert_eq!(resolve(&s, ""), Resolved::File("index.html".into()));
        assert_eq!(resolve(&s, "perioder/2023-q1/"), Resolved::File("perioder/2023-q1/index.html".into()));
        assert_eq!(resolve(&s, "perioder/2023-q1"), Resolved::Redirect("/perioder/2023-q1/".into()));
        assert_eq!(resolve(&s, "static/style.css"), Resolved::File("static/style.css".into()));
        assert_eq!(resolve(&s, "nope/"), Resolved::NotFound);
        assert_eq!(parse_path("/perioder/?x=1#y"), Ok("perioder/".into()));
        assert_eq!(parse_path("/a%20b/"), Ok("a b/".into()));
    }

    #[test]
    fn production_sub_path_redirects() {
        let s = site();
        assert_eq!(resolve(&s, "avvikelser/perioder/"), Resolved::Redirect("/perioder/".into()));
        assert_eq!(resolve(&s, "avvikelser/"), Resolved::Redirect("/".into()));
        assert_eq!(resolve(&s, "avvikelser/nope/"), Resolved::NotFound);
    }

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../site.toml",
            "/perioder/../../site.toml",
            "/%2e%2e/site.toml",
            "/%2E%2E/site.toml",
            "/.%2e/site.toml",
            "/..%2fsite.toml",
            "/..%2Fsite.toml",
            "/%2e%2e%2fsite.toml",
            "/..\\site.toml",
            "/%5c..%5csite.toml",
            "/index.html%00",
            "/a/./b",
            "/..",
        ] {
            assert_eq!(parse_path(bad), Err(BadPath::Traversal), "{bad}");
        }
        assert_eq!(parse_path("/%zz"), Err(BadPath::BadEscape));
        assert_eq!(parse_path("/%e"), Err(BadPath::BadEscape));
        assert_eq!(parse_path("/%ff"), Err(BadPath::NotUtf8));
        assert_eq!(parse_path("site.toml"), Err(BadPath::NotAbsolute));
        assert_eq!(parse_path("http://evil/"), Err(BadPath::NotAbsolute));
        // Double encoding decodes once: a literal "%2e%2e" that names nothing.
        let s = site();
        let p = parse_path("/%252e%252e/site.toml").expect("decodes once");
        assert_eq!(p, "%2e%2e/site.toml");
        assert_eq!(resolve(&s, &p), Resolved::NotFound);
    }

    #[test]
    fn hosts() {
        assert!(is_local_host("127.0.0.1:1111"));
        assert!(is_local_host("localhost"));
        assert!(is_local_host("LOCALHOST:80"));
        assert!(is_local_host("[::1]:1111"));
        assert!(is_local_host("preview.localhost:1111"));
        assert!(!is_local_host("evil.example:1111"));
        assert!(!is_local_host("192.168.1.2:1111"));
        assert!(!is_local_host(""));
    }

    #[test]
    fn types_and_escaping() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.abc.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("README"), "application/octet-stream");
        assert_eq!(crate::text::escape::html_text("<a href=\"x\">&"), "&lt;a href=&quot;x&quot;&gt;&amp;");
        assert_eq!(percent_encode("a b/ö"), "a%20b/%C3%B6");
    }
}
