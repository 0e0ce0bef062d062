//! Where a link of a built page leads, told from its text: the file from
//! the site's root and the fragment, for links that stay in the site.

use std::borrow::Cow;

/// Whether a link that names `path` byte for byte leads to it: nothing in
/// it that resolving a URL would change (a query, a scheme, an escape, an
/// entity, a `.` segment or an empty one).
pub fn is_plain(path: &str) -> bool {
    let mut previous = b'/';
    for b in path.bytes() {
        match b {
            b'#' | b'?' | b':' | b'%' | b'&' | b'\\' => return false,
            b'.' | b'/' if previous == b'/' => return false,
            _ => {}
        }
        previous = b;
    }
    previous != b'/'
}

/// `&amp;` and the other entities a URL in an attribute may carry.
pub fn unescape(href: &str) -> Cow<'_, str> {
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
pub fn from_root(depth: usize, raw: &str) -> Option<(&str, Option<&str>)> {
    below_root(depth, raw.as_bytes())?;
    let rest = raw.get("../".len() * depth..)?;
    let (path, fragment) = rest.split_once('#').map_or((rest, None), |(p, f)| (p, Some(f)));
    is_plain(path).then_some((path, fragment))
}

/// `raw` without the `../` that lead from a page `depth` folders deep to
/// the site root; `None` when it does not start with them. Byte by byte,
/// not `strip_prefix`: a slice comparison calls `memcmp`, which costs more
/// than these few bytes.
pub fn below_root(depth: usize, raw: &[u8]) -> Option<&[u8]> {
    let mut rest = raw;
    for _ in 0..depth {
        match rest {
            [b'.', b'.', b'/', r @ ..] => rest = r,
            _ => return None,
        }
    }
    Some(rest)
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
pub fn resolve<'h>(
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
