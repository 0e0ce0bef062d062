//! E-mail addresses, also inside `mailto:` links.

use super::finding::{Finding, PersonalDataKind};

/// Whether a character may be part of the local part of an e-mail address.
fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-') || (!c.is_ascii() && c.is_alphanumeric())
}

/// Whether a character may be part of a domain label.
fn is_label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || (!c.is_ascii() && c.is_alphanumeric())
}

/// Finds e-mail addresses: every `@` with a local part before it and a domain
/// with a top-level domain of two or more letters after it.
pub(super) fn scan_emails(text: &str, out: &mut Vec<Finding>) {
    let mut last_end = 0;
    for (at, _) in text.match_indices('@') {
        if at < last_end {
            continue;
        }
        let Some(before) = text.get(last_end..at) else {
            continue;
        };
        let mut start = at;
        for (i, c) in before.char_indices().rev() {
            if !is_local_char(c) {
                break;
            }
            start = last_end + i;
        }
        let Some(local) = text.get(start..at) else {
            continue;
        };
        // A leading `_` is more likely Markdown emphasis than part of the
        // address; a leading `.` is never part of one.
        let local = local.trim_start_matches(['.', '_']);
        let start = at - local.len();
        if local.ends_with('.') || !local.chars().any(char::is_alphanumeric) {
            continue;
        }
        let Some(end) = parse_domain(text, at + 1) else {
            continue;
        };
        out.push(Finding { kind: PersonalDataKind::Email, range: start..end });
        last_end = end;
    }
}

/// Parses the domain of an e-mail address starting at byte `from`; returns
/// the end of its last label that is a top-level domain (two or more ASCII
/// letters, after at least one other label).
fn parse_domain(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    let mut best = None;
    let mut labels = 0;
    let mut label_start = 0;
    let mut first_label = "";
    let mut chars = rest.char_indices().peekable();
    loop {
        let mut label_end = label_start;
        while let Some(&(i, c)) = chars.peek() {
            if !is_label_char(c) {
                break;
            }
            label_end = i + c.len_utf8();
            chars.next();
        }
        let label = rest.get(label_start..label_end).unwrap_or_default();
        if label.is_empty() {
            break;
        }
        labels += 1;
        if labels == 1 {
            first_label = label;
        } else {
            // A top-level domain has no '-': in "anna@example.se-adressen"
            // (a Swedish compound) the address ends at "se".
            let tld = label.split('-').next().unwrap_or_default();
            if tld.len() >= 2 && tld.bytes().all(|c| c.is_ascii_alphabetic()) {
                best = Some(from + label_start + tld.len());
            }
        }
        // Continue past a dot only if another label follows it.
        let mut look = chars.clone();
        match (look.next(), look.next()) {
            (Some((_, '.')), Some((next, c))) if is_label_char(c) => {
                chars.next();
                label_start = next;
            }
            _ => break,
        }
    }
    // "logo@2x.png" names an image, not an address.
    let retina =
        first_label.strip_suffix(['x', 'X']).is_some_and(|d| !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit()));
    if retina && labels == 2 {
        return None;
    }
    best
}
