//! Escaping, in one place: text into HTML (as the templates escape every
//! value), text into XML (feeds, sitemaps, the catalogue, SVG) and absolute
//! URLs into URIs.

/// Tera's HTML escaping, with a short way for the common case: most
/// values a page prints (labels, dates, links) have nothing to escape and
/// are copied in one write. The output is the same bytes as
/// [`tera::escape_html`]'s.
pub fn html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if needs_escape(input) { tera::escape_html(input, out) } else { out.write_all(input.as_bytes()) }
}

/// Whether `text` has a character HTML escaping changes. Written without
/// an early exit, so the compiler checks many bytes at a time.
pub fn needs_escape(text: &str) -> bool {
    text.as_bytes().iter().fold(false, |found, &b| found | matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
}

/// Plain text escaped for HTML as the templates escape it, appended to `out`.
pub fn html_into(text: &str, out: &mut String) {
    if !needs_escape(text) {
        out.push_str(text);
        return;
    }
    let mut buf = Vec::with_capacity(text.len() + 8);
    match html(text, &mut buf).map(|()| String::from_utf8(buf)) {
        Ok(Ok(escaped)) => out.push_str(&escaped),
        // Escaping UTF-8 text into memory gives UTF-8 and cannot fail.
        _ => out.push_str(text),
    }
}

/// Plain text escaped for HTML, as a new string.
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    html_into(text, &mut out);
    out
}

/// Escapes text for XML element content and attribute values (both quote
/// kinds), and drops characters XML 1.0 does not allow at all.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    xml_into(&mut out, text);
    out
}

/// [`xml`], appending to `out`.
pub fn xml_into(out: &mut String, text: &str) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str) -> (Vec<u8>, Vec<u8>) {
        let (mut ours, mut teras) = (Vec::new(), Vec::new());
        html(text, &mut ours).expect("writing to a Vec");
        tera::escape_html(text, &mut teras).expect("writing to a Vec");
        (ours, teras)
    }

    #[test]
    fn escaping_writes_the_same_bytes_as_teras() {
        for text in [
            "",
            "Driftstörning i e-tjänst",
            "a & b",
            "<script>alert('x')</script>",
            "\"quoted\"",
            "a long label of more than sixteen bytes without anything to escape",
            "a long label of more than sixteen bytes that ends with an ampersand &",
        ] {
            let (ours, teras) = both(text);
            assert_eq!(ours, teras, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn escaping_matches_tera_on_any_text(text in "[a-z<>&\"' åäö/]{0,40}") {
            let (ours, teras) = both(&text);
            proptest::prop_assert_eq!(ours, teras);
        }
    }

    #[test]
    fn xml_escapes_markup_and_drops_control_characters() {
        assert_eq!(xml("a<b>&\"c\"'d'\u{1}e\n"), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;e\n");
        assert_eq!(xml("å\u{fffe}ä\u{ffff}ö\u{fffd}\u{f000}\t\r&"), "åäö\u{fffd}\u{f000}\t\r&amp;");
        assert_eq!(xml("inget att ändra"), "inget att ändra");
    }

    #[test]
    fn uri_percent_encodes_what_may_not_stand_in_a_uri() {
        assert_eq!(uri("https://exempel.se/ö d/"), "https://exempel.se/%C3%B6%20d/");
        assert_eq!(uri("https://x.se/a%20b/?q=1#f"), "https://x.se/a%20b/?q=1#f");
    }
}
