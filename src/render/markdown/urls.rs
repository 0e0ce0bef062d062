//! Which link and image targets a text may use: the same rules for
//! Markdown links and for raw HTML.

/// A URL as a browser reads it: without surrounding or embedded whitespace
/// and control characters, lowercase.
fn normalised(url: &str) -> String {
    url.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect::<String>().to_ascii_lowercase()
}

/// The scheme of a normalised URL, if it has one (a colon after `/`, `?` or
/// `#` is part of a path, not a scheme).
fn scheme(lower: &str) -> Option<&str> {
    let colon = lower.find(':')?;
    let scheme = &lower[..colon];
    (!scheme.contains(['/', '?', '#'])).then_some(scheme)
}

/// Whether a link target is safe to put in `href`: a relative path, a
/// fragment, or http(s)/mailto.
pub fn is_safe_url(url: &str) -> bool {
    let lower = normalised(url);
    scheme(&lower).is_none_or(|s| matches!(s, "http" | "https" | "mailto"))
}

/// Whether an image URL points to this site: relative, with no scheme and
/// no host (`//host/…` and `/\host/…` name another origin).
pub fn is_local_url(url: &str) -> bool {
    let lower = normalised(url);
    let b = lower.as_bytes();
    let other_host = b.len() >= 2 && matches!(b[0], b'/' | b'\\') && matches!(b[1], b'/' | b'\\');
    !lower.is_empty() && scheme(&lower).is_none() && !other_host
}
