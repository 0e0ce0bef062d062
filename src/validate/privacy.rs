//! The personal-data scanner: finds text that looks like personal data so that
//! a public report never leaks it.
//!
//! Four kinds are recognised, with a hand-written linear scanner (no regular
//! expressions, no allocation per character):
//!
//! * Swedish personal identity numbers (personnummer) written as
//!   `YYMMDD-NNNN`, `YYMMDD+NNNN`, `YYYYMMDD-NNNN`, `YYYYMMDDNNNN` or
//!   `YYMMDDNNNN`, reported only when the date is plausible and the Luhn check
//!   digit is right;
//! * coordination numbers (samordningsnummer): the same, with day + 60;
//! * e-mail addresses (`local@domain.tld`, also inside `mailto:` links);
//! * Swedish phone numbers, national (`070-123 45 67`, `08-123 456 78`,
//!   `(08) 123 456 78`, `0701234567` …) or international (`+46 70 123 45 67`,
//!   `0046 8 123 456 78`, `+46 (0)70-123 45 67` …).
//!
//! Numbers must stand on their own: a match that touches a letter or digit, or
//! that is glued to one by `-` or `_` (an identifier such as `inc-8112189876`),
//! or that continues another number with `-`, `.`, `:` or `+`
//! (`2023-…`, `10.…`, `+01:00`) is not reported. A phone number must also not
//! continue an amount written with spaces (`1 012 345 678`).

use std::ops::Range;

/// What kind of personal data a finding looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PersonalDataKind {
    /// A Swedish personal identity number (personnummer), e.g. `811218-9876`.
    PersonalIdentityNumber,
    /// A Swedish coordination number (samordningsnummer): a personal identity
    /// number whose day is increased by 60, e.g. `811278-9873`.
    CoordinationNumber,
    /// An e-mail address, e.g. `anna.svensson@example.se`.
    Email,
    /// A Swedish phone number, e.g. `070-123 45 67` or `+46 8 123 456 78`.
    PhoneNumber,
}

impl PersonalDataKind {
    /// Short English description for messages, e.g. "a Swedish personal
    /// identity number (personnummer)".
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::PersonalIdentityNumber => "a Swedish personal identity number (personnummer)",
            Self::CoordinationNumber => "a Swedish coordination number (samordningsnummer)",
            Self::Email => "an e-mail address",
            Self::PhoneNumber => "a phone number",
        }
    }
}

/// One match: kind and byte range into the scanned text.
///
/// The range always lies on character boundaries of the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What the matched text looks like.
    pub kind: PersonalDataKind,
    /// Byte range of the matched text within the scanned text.
    pub range: Range<usize>,
}

/// Scans text; returns findings in order of position, non-overlapping.
/// Strings listed in `allow` (exact, case-sensitive match of the whole found
/// string) are skipped.
///
/// Runs in time linear in the length of `text`; texts with no `@` and fewer
/// than eight ASCII digits are dismissed after one pass over their bytes.
#[must_use]
pub fn scan(text: &str, allow: &[String]) -> Vec<Finding> {
    let bytes = text.as_bytes();
    // Most text has no `@` (found by a fast byte search) and enough digits
    // within its first line (a record's dates): neither needs a full pass.
    let has_at = bytes.contains(&b'@');
    let enough_digits = bytes.iter().filter(|b| b.is_ascii_digit()).take(MIN_DIGITS).count() >= MIN_DIGITS;

    let mut found = Vec::new();
    if enough_digits {
        scan_numbers(text, &mut found);
    }
    if has_at {
        let numbers = found.len();
        scan_emails(text, &mut found);
        if numbers > 0 && found.len() > numbers {
            // Earliest first; at the same start the longer match wins.
            found.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(b.range.end.cmp(&a.range.end)));
            let mut last_end = 0;
            found.retain(|f| {
                let keep = f.range.start >= last_end;
                if keep {
                    last_end = f.range.end;
                }
                keep
            });
        }
    }
    if !allow.is_empty() {
        found.retain(|f| text.get(f.range.clone()).is_none_or(|value| !allow.iter().any(|a| a == value)));
    }
    found
}

/// Masks a found value for display in an error message.
///
/// Keeps at most the first two and the last character (never more than a
/// third of the value, so short values are masked entirely) and replaces the
/// rest with `•`, e.g. `"19811218-9876"` → `"19••••••••••6"`. An e-mail
/// address keeps at most two characters of its local part and its top-level
/// domain, hiding the lengths of the rest: `"anna.svensson@example.se"` →
/// `"an•••@•••.se"`.
#[must_use]
pub fn mask(value: &str) -> String {
    const HIDDEN: char = '•';
    let n = value.chars().count();
    let budget = n / 3;

    if let Some((local, domain)) = value.split_once('@')
        && let Some((_, tld)) = domain.rsplit_once('.')
        && !local.is_empty()
    {
        let tld_len = tld.chars().count();
        let show_tld = tld_len > 0 && tld_len <= budget;
        let left = budget - if show_tld { tld_len } else { 0 };
        let head = 2.min(left).min(local.chars().count().saturating_sub(1));
        let mut out: String = local.chars().take(head).collect();
        out.push_str("•••@•••");
        if show_tld {
            out.push('.');
            out.push_str(tld);
        }
        return out;
    }

    let head = 2.min(budget);
    let tail = 1.min(budget - head);
    let mut out = String::with_capacity(value.len() + 2 * n);
    for (i, c) in value.chars().enumerate() {
        if i < head || i + tail >= n {
            out.push(c);
        } else {
            out.push(HIDDEN);
        }
    }
    out
}

/// Fewest ASCII digits a text needs before numbers are looked for (the
/// shortest phone number has eight).
const MIN_DIGITS: usize = 8;

/// Most digit groups read for one phone number.
const MAX_GROUPS: usize = 6;

/// Whether a character is part of a word: a match must not touch one.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Spaces that may separate the groups of an amount (`1 012 345 678`).
fn is_space_like(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2007}' | '\u{2009}' | '\u{202f}')
}

/// Characters that join a number to a following or preceding number
/// (`2023-…`, `10.…`, `08:10`, `+01:00`). A comma or slash does not: they
/// separate lists and alternatives (`070-123 45 67/08-123 456 78`).
fn is_number_joiner(c: char) -> bool {
    matches!(c, '-' | '.' | ':' | '+')
}

/// Length of the run of ASCII digits starting at byte `from`, counted up to a
/// small cap (runs longer than any pattern are all alike).
fn digit_run(b: &[u8], from: usize) -> usize {
    const CAP: usize = 16;
    b.get(from..).unwrap_or_default().iter().take(CAP).take_while(|c| c.is_ascii_digit()).count()
}

/// Value of the ASCII digit at byte `at`, or `None`.
fn digit_at(b: &[u8], at: usize) -> Option<u8> {
    b.get(at).filter(|c| c.is_ascii_digit()).map(|c| c - b'0')
}

/// Where a number may start, judged from what precedes it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    /// Nothing may start here.
    No,
    /// Only a personal identity or coordination number may start here.
    PnrOnly,
    /// Any number may start here.
    Any,
}

/// Judges whether a number may start at byte `i` (an ASCII byte) of `text`.
/// `prev_end` is where the previous number found ended: a number right after
/// it (`070-123 45 67 08-123 456 78`) does not count as continuing it.
fn start_at(text: &str, i: usize, prev_end: Option<usize>) -> Start {
    let Some(before) = text.get(..i) else {
        return Start::No;
    };
    let mut rev = before.char_indices().rev();
    let Some((p_at, p)) = rev.next() else {
        return Start::Any;
    };
    if is_word_char(p) || p == '+' {
        return Start::No;
    }
    let Some((_, q)) = rev.next() else {
        return Start::Any;
    };
    if q.is_ascii_digit() && prev_end != Some(p_at) {
        if is_number_joiner(p) {
            return Start::No;
        }
        if is_space_like(p) {
            return Start::PnrOnly;
        }
    }
    if p == '-' && is_word_char(q) {
        // Part of an identifier such as "inc-…".
        return Start::No;
    }
    Start::Any
}

/// Whether a number may end at byte `end` of `text`: it must not touch a word
/// character, be glued by `-` to one, or be continued by another number.
fn ends_at(text: &str, end: usize) -> bool {
    let Some(after) = text.get(end..) else {
        return false;
    };
    let mut chars = after.chars();
    match chars.next() {
        Some(c) if is_word_char(c) => false,
        Some('-') => !chars.next().is_some_and(is_word_char),
        Some(c) if is_number_joiner(c) => !chars.next().is_some_and(|d| d.is_ascii_digit()),
        Some(_) | None => true,
    }
}

/// Finds personal identity, coordination and phone numbers.
fn scan_numbers(text: &str, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let mut i = 0;
    let mut prev_end = None;
    while let Some(at) = next_number_start(b, i) {
        i = at;
        let c = b[i];
        let start = start_at(text, i, prev_end);
        if start == Start::No {
            i += 1;
            continue;
        }
        let pnr = if c.is_ascii_digit() { parse_pnr(text, i) } else { None };
        let phone =
            if start == Start::Any && (c == b'0' || c == b'+' || c == b'(') { parse_phone(text, i) } else { None };
        let best = match (pnr, phone) {
            (Some((pnr_end, kind)), Some(phone_end)) if pnr_end >= phone_end => Some((pnr_end, kind)),
            (_, Some(phone_end)) => Some((phone_end, PersonalDataKind::PhoneNumber)),
            (pnr, None) => pnr,
        };
        match best {
            Some((end, kind)) => {
                out.push(Finding { kind, range: i..end });
                prev_end = Some(end);
                i = end;
            }
            None => i += 1,
        }
    }
}

/// The first byte at or after `from` that may start a number: a digit,
/// `+` or `(`. Text is passed over sixteen bytes at a time, with a test the
/// compiler does for all of them at once.
fn next_number_start(b: &[u8], mut from: usize) -> Option<usize> {
    const CHUNK: usize = 16;
    let may_start = |c: u8| c.is_ascii_digit() | (c == b'+') | (c == b'(');
    while let Some(chunk) = b.get(from..from + CHUNK) {
        if chunk.iter().fold(false, |found, &c| found | may_start(c)) {
            break;
        }
        from += CHUNK;
    }
    b.get(from..)?.iter().position(|&c| may_start(c)).map(|p| from + p)
}

/// Parses a personal identity or coordination number starting at byte `at`
/// (an ASCII digit); returns its end and kind.
fn parse_pnr(text: &str, at: usize) -> Option<(usize, PersonalDataKind)> {
    let b = text.as_bytes();
    let first = digit_run(b, at);
    let (date_len, end) = match first {
        10 | 12 => (first - 4, at + first),
        6 | 8 => {
            let sep = at + first;
            if !matches!(b.get(sep), Some(b'-' | b'+')) || digit_run(b, sep + 1) != 4 {
                return None;
            }
            (first, sep + 5)
        }
        _ => return None,
    };

    // The ten digits YYMMDDNNNC, and the century if written.
    let mut ten = [0u8; 10];
    let mut century = None;
    let mut k = 0;
    let mut pos = at;
    if date_len == 8 {
        century = Some(u32::from(digit_at(b, at)?) * 10 + u32::from(digit_at(b, at + 1)?));
        pos += 2;
    }
    while k < 10 {
        if let Some(d) = digit_at(b, pos) {
            ten[k] = d;
            k += 1;
        } else if pos >= end {
            return None;
        }
        pos += 1;
    }

    let yy = u32::from(ten[0]) * 10 + u32::from(ten[1]);
    let month = u32::from(ten[2]) * 10 + u32::from(ten[3]);
    let day = u32::from(ten[4]) * 10 + u32::from(ten[5]);
    let year = match century {
        Some(c @ 18..=20) => Some(c * 100 + yy),
        Some(_) => return None,
        None => None,
    };
    let (kind, day) = if day > 60 {
        (PersonalDataKind::CoordinationNumber, day - 60)
    } else {
        (PersonalDataKind::PersonalIdentityNumber, day)
    };
    if !valid_date(year, month, day) || !luhn_valid(&ten) || !ends_at(text, end) {
        return None;
    }
    Some((end, kind))
}

/// Whether `day` exists in `month` (of `year`, if known; otherwise 29
/// February is accepted).
fn valid_date(year: Option<u32>, month: u32, day: u32) -> bool {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !(y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400))) => 28,
            _ => 29,
        },
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Whether the last of the ten digits is the Luhn check digit of the nine
/// before it.
fn luhn_valid(ten: &[u8; 10]) -> bool {
    let sum: u32 = ten[..9]
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let v = u32::from(d) * if i.is_multiple_of(2) { 2 } else { 1 };
            v / 10 + v % 10
        })
        .sum();
    (10 - sum % 10) % 10 == u32::from(ten[9])
}

/// Parses a Swedish phone number starting at byte `at` (`0`, `+` or `(`);
/// returns its end.
///
/// The number is read as digit groups separated by single spaces or hyphens:
/// an area code with its leading `0` (2–4 digits, `08` the only two-digit
/// one; optionally in parentheses) and a subscriber part, not starting with
/// `0`, that is either one group of 5–8 digits or several groups of 2–3
/// digits with the same separator between them; or the whole number as one
/// group (9–10 digits, 8–10 after `+46`). With the leading `0` the number has 8–10 digits; `+46`
/// or `0046` replace that `0` (an optional `(0)` may follow them). If more
/// groups follow, the longest valid beginning is taken.
fn parse_phone(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut p = at;
    let intl = if b.get(p) == Some(&b'+') {
        if b.get(p + 1..p + 3) != Some(b"46") {
            return None;
        }
        p += 3;
        true
    } else if b.get(p..p + 4) == Some(b"0046") {
        p += 4;
        true
    } else {
        false
    };
    let mut paren = false;
    if intl {
        if matches!(b.get(p), Some(b' ' | b'-')) {
            p += 1;
        }
        if b.get(p..p + 3) == Some(b"(0)") {
            p += 3;
            if b.get(p) == Some(&b' ') {
                p += 1;
            }
        }
    } else if b.get(p) == Some(&b'(') {
        paren = true;
        p += 1;
    }

    // The first digits: national numbers start with 0 and an area code that
    // does not start with 0; after +46 the area code comes at once.
    let area_at = p;
    if intl {
        if !matches!(digit_at(b, p), Some(1..=9)) {
            return None;
        }
    } else if digit_at(b, p) != Some(0) || !matches!(digit_at(b, p + 1), Some(1..=9)) {
        return None;
    }
    let lead = usize::from(intl); // the 0 that +46 stands for

    let mut lens = [0usize; MAX_GROUPS];
    let mut ends = [0usize; MAX_GROUPS];
    let mut seps = [0u8; MAX_GROUPS];
    lens[0] = digit_run(b, p);
    p += lens[0];
    ends[0] = p;
    let mut n = 1;
    let mut total = lens[0];
    if paren {
        if b.get(p) != Some(&b')') {
            return None;
        }
        p += 1;
        let q = if matches!(b.get(p), Some(b' ' | b'-')) { p + 1 } else { p };
        let len = digit_run(b, q);
        if len == 0 {
            return None;
        }
        p = q + len;
        seps[1] = b')';
        lens[1] = len;
        ends[1] = p;
        total += len;
        n = 2;
    }
    while n < MAX_GROUPS && total <= 11 {
        let Some(&sep) = b.get(p).filter(|s| matches!(s, b' ' | b'-')) else {
            break;
        };
        let len = digit_run(b, p + 1);
        if len == 0 {
            break;
        }
        p += 1 + len;
        seps[n] = sep;
        lens[n] = len;
        ends[n] = p;
        total += len;
        n += 1;
    }

    let valid = |k: usize| -> bool {
        let digits = lens[..k].iter().sum::<usize>() + lead;
        if !(8..=10).contains(&digits) {
            return false;
        }
        if k == 1 {
            return !paren && (intl || digits >= 9);
        }
        let area = lens[0] + lead;
        if !(2..=4).contains(&area) || (area == 2 && digit_at(b, area_at + 1 - lead) != Some(8)) {
            return false;
        }
        // Subscriber numbers never start with 0 ("08 08 08 08").
        if digit_at(b, ends[1] - lens[1]) == Some(0) {
            return false;
        }
        if k == 2 {
            return (5..=8).contains(&lens[1]);
        }
        lens[1..k].iter().all(|l| (2..=3).contains(l)) && seps[3..k].iter().all(|&s| s == seps[2])
    };
    let k = (1..=n).rev().find(|&k| valid(k))?;
    let end = ends[k - 1];
    ends_at(text, end).then_some(end)
}

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
fn scan_emails(text: &str, out: &mut Vec<Finding>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use PersonalDataKind::{CoordinationNumber as Coord, Email, PersonalIdentityNumber as Pnr, PhoneNumber as Phone};

    /// Scans with no allow list and returns the found strings and kinds.
    fn found(text: &str) -> Vec<(&str, PersonalDataKind)> {
        scan(text, &[]).into_iter().map(|f| (text.get(f.range.clone()).unwrap_or("<bad range>"), f.kind)).collect()
    }

    /// Asserts that `text` contains exactly one finding: `value` of `kind`.
    #[track_caller]
    fn assert_one(text: &str, value: &str, kind: PersonalDataKind) {
        assert_eq!(found(text), vec![(value, kind)], "scanning {text:?}");
    }

    /// Asserts that `text` contains no findings.
    #[track_caller]
    fn assert_none(text: &str) {
        assert_eq!(found(text), vec![], "scanning {text:?}");
    }

    #[test]
    fn luhn_of_known_test_numbers() {
        // 811218-9876 is the classic valid test number; the others were
        // computed independently.
        for ok in ["8112189876", "8112789873", "1212121212", "6408233234", "1912319876", "0002291235", "0402291231"] {
            let mut ten = [0u8; 10];
            for (t, c) in ten.iter_mut().zip(ok.bytes()) {
                *t = c - b'0';
            }
            assert!(luhn_valid(&ten), "{ok}");
            ten[9] = (ten[9] + 1) % 10;
            assert!(!luhn_valid(&ten), "{ok} with wrong check digit");
        }
    }

    #[test]
    fn numbers_are_found_wherever_they_stand_in_a_long_text() {
        // The scan passes over text in blocks: a number must be found at
        // any offset, across a block's end, and at the very end.
        for lead in 0..40 {
            let pad = "å".repeat(lead / 2) + &"x".repeat(lead % 2);
            assert_one(&format!("{pad} 811218-9876 och mer text efter."), "811218-9876", Pnr);
            assert_one(&format!("{pad} ring 070-123 45 67"), "070-123 45 67", Phone);
            assert_one(&format!("{pad} tel. +46 70 123 45 67"), "+46 70 123 45 67", Phone);
            assert_one(&format!("{pad} (811218-9876)"), "811218-9876", Pnr);
        }
    }

    #[test]
    fn pnr_yymmdd_dash_nnnn() {
        assert_one("Den registrerade (811218-9876) ringde.", "811218-9876", Pnr);
    }

    #[test]
    fn pnr_yymmdd_plus_nnnn() {
        assert_one("Personnummer 811218+9876 hos en person över 100 år.", "811218+9876", Pnr);
    }

    #[test]
    fn pnr_yyyymmdd_dash_nnnn() {
        assert_one("pnr: 19811218-9876.", "19811218-9876", Pnr);
    }

    #[test]
    fn pnr_yyyymmddnnnn() {
        assert_one("Personnummer 198112189876 i loggen", "198112189876", Pnr);
    }

    #[test]
    fn pnr_yymmddnnnn() {
        assert_one("8112189876", "8112189876", Pnr);
        assert_one("Fältet innehöll 6408233234, se bilaga.", "6408233234", Pnr);
    }

    #[test]
    fn pnr_leap_day() {
        assert_one("20000229-1235", "20000229-1235", Pnr);
        assert_one("040229-1231", "040229-1231", Pnr);
        // 1900 was not a leap year; 2000 was.
        assert_none("19000229-1235");
    }

    #[test]
    fn pnr_wrong_check_digit_is_not_found() {
        for text in ["811218-9875", "811218+9877", "19811218-9870", "198112189871", "8112189872", "640823-3235"] {
            assert_none(text);
        }
    }

    #[test]
    fn pnr_implausible_date_is_not_found() {
        // Month 13, day 32, 31 April, 30 February, century 17, and the
        // organisation number of Skatteverket (month 20).
        for ten in ["811318987", "811232987", "810431987", "810230987", "212000135"] {
            let check = {
                let mut d = [0u8; 10];
                for (t, c) in d.iter_mut().zip(ten.bytes()) {
                    *t = c - b'0';
                }
                (0..10u8)
                    .find(|&c| {
                        d[9] = c;
                        luhn_valid(&d)
                    })
                    .unwrap_or(0)
            };
            let (date, rest) = ten.split_at(6);
            assert_none(&format!("{date}-{rest}{check}"));
            assert_none(&format!("{ten}{check}"));
        }
        assert_none("Skatteverket, org.nr 212000-1355");
        assert_none("17811218-9876");
    }

    #[test]
    fn coordination_numbers() {
        assert_one("Samordningsnummer 811278-9873.", "811278-9873", Coord);
        assert_one("19811278-9873", "19811278-9873", Coord);
        assert_one("198112789873", "198112789873", Coord);
        assert_one("8112789873", "8112789873", Coord);
        assert_one("121262-1211", "121262-1211", Coord);
        assert_none("811278-9874");
        // Day 92 - 60 = 32 does not exist.
        assert_none("811292-9873");
    }

    #[test]
    fn numbers_must_stand_alone() {
        for text in [
            "12345678901234",
            "inc-2023021412345",
            "X8112189876",
            "8112189876X",
            "inc-8112189876",
            "8112189876-b",
            "a_8112189876",
            "18112189876",
            "81121898761",
            "1.8112189876",
            "8112189876.5",
            "811218-98761",
            "2023-811218-9876",
            "+811218-9876",
            "1 012 345 678 kronor",
            "x0701234567",
            "0701234567x",
            "10701234567",
            "070-123 45 67-89",
        ] {
            assert_none(text);
        }
    }

    #[test]
    fn email_plain() {
        assert_one("Kontakta anna.svensson@example.se för mer information.", "anna.svensson@example.se", Email);
        assert_one("Skickat av Anna (anna+it@mail.example.com).", "anna+it@mail.example.com", Email);
        assert_one("Åsa.Öberg@example.se", "Åsa.Öberg@example.se", Email);
    }

    #[test]
    fn email_in_markdown_links() {
        assert_one("Skriv till <mailto:anna@example.se>.", "anna@example.se", Email);
        assert_one("Skriv till [Anna](mailto:anna@example.se).", "anna@example.se", Email);
        assert_one("<anna@example.se>", "anna@example.se", Email);
        assert_one("Skriv till _anna@example.se_.", "anna@example.se", Email);
        assert_one("**anna@example.se**", "anna@example.se", Email);
        assert_one("anna@example.se-adressen", "anna@example.se", Email);
    }

    #[test]
    fn not_emails() {
        for text in [
            "Tecknet @-tecken används i adresser.",
            "Skriv user@ och sedan domänen.",
            "a@b",
            "a@localhost",
            "a@example.s",
            "a@example.123",
            "lodash@4.17.21",
            "![logga](bilder/logo@2x.png)",
            "Se https://www.example.se/avvikelser/ för detaljer.",
            "@example.se",
            "..@example.se",
        ] {
            assert_none(text);
        }
    }

    #[test]
    fn email_with_digits_is_one_finding() {
        assert_one("0701234567@sms.example.se", "0701234567@sms.example.se", Email);
    }

    #[test]
    fn phone_mobile_dash_groups() {
        assert_one("Ring 070-123 45 67 vid fel.", "070-123 45 67", Phone);
    }

    #[test]
    fn phone_mobile_contiguous() {
        assert_one("Ring 0701234567 vid fel.", "0701234567", Phone);
    }

    #[test]
    fn phone_mobile_space_groups() {
        assert_one("Ring 070 123 45 67.", "070 123 45 67", Phone);
    }

    #[test]
    fn phone_mobile_dash_contiguous() {
        assert_one("Ring 070-1234567.", "070-1234567", Phone);
    }

    #[test]
    fn phone_mobile_dash_everywhere() {
        assert_one("Ring 070-123-45-67.", "070-123-45-67", Phone);
    }

    #[test]
    fn phone_plus46_mobile_groups() {
        assert_one("Tel. +46 70 123 45 67", "+46 70 123 45 67", Phone);
    }

    #[test]
    fn phone_plus46_mobile_contiguous() {
        assert_one("Tel. +46701234567", "+46701234567", Phone);
    }

    #[test]
    fn phone_0046_mobile() {
        assert_one("Tel. 0046 70 123 45 67", "0046 70 123 45 67", Phone);
        assert_one("Tel. 0046701234567", "0046701234567", Phone);
    }

    #[test]
    fn phone_plus46_with_zero_in_parentheses() {
        assert_one("Tel. +46 (0)70-123 45 67", "+46 (0)70-123 45 67", Phone);
    }

    #[test]
    fn phone_gothenburg_short() {
        assert_one("Växel 031-12 34 56.", "031-12 34 56", Phone);
    }

    #[test]
    fn phone_gothenburg_long() {
        assert_one("Växel 031-123 45 67.", "031-123 45 67", Phone);
    }

    #[test]
    fn phone_stockholm_long() {
        assert_one("Växel 08-123 456 78.", "08-123 456 78", Phone);
    }

    #[test]
    fn phone_stockholm_short() {
        assert_one("Växel 08-12 34 56.", "08-12 34 56", Phone);
    }

    #[test]
    fn phone_stockholm_contiguous_subscriber() {
        assert_one("Växel 08-1234567.", "08-1234567", Phone);
    }

    #[test]
    fn phone_four_digit_area_code() {
        assert_one("Kundtjänst 0771-12 34 56.", "0771-12 34 56", Phone);
    }

    #[test]
    fn phone_plus46_landline() {
        assert_one("Tel. +46 31 12 34 56.", "+46 31 12 34 56", Phone);
        assert_one("Tel. +46 8 123 456 78.", "+46 8 123 456 78", Phone);
    }

    #[test]
    fn phone_area_code_in_parentheses() {
        assert_one("Tel. (08) 123 456 78.", "(08) 123 456 78", Phone);
        assert_one("Tel. (031) 12 34 56.", "(031) 12 34 56", Phone);
    }

    #[test]
    fn phone_followed_by_other_numbers() {
        // The longest valid beginning is taken when a loose group follows.
        assert_one("070-123 45 67 12 gånger", "070-123 45 67", Phone);
        assert_eq!(found("Ring 070-123 45 67 08-123 456 78"), vec![("070-123 45 67", Phone), ("08-123 456 78", Phone)]);
        assert_eq!(found("Ring 070-123 45 67/08-123 456 78"), vec![("070-123 45 67", Phone), ("08-123 456 78", Phone)]);
        assert_eq!(found("811218-9876,8112789873"), vec![("811218-9876", Pnr), ("8112789873", Coord)]);
    }

    #[test]
    fn not_phone_numbers() {
        for text in [
            "08-123 45",
            "0701234",
            "07012345678",
            "01-12 34 56",
            "08123456",
            "05102023",
            "08-12 2023",
            "01-02-2023",
            "0 123 456 789",
            "+46 %",
            "+4670123456789",
            "+33 70 123 45 67",
            "kl. 08-17 2023",
            "2023-02-14 08-12 34 56",
            "08 08 08 08",
            "070-012 34 56",
        ] {
            assert_none(text);
        }
    }

    #[test]
    fn several_findings_in_order() {
        let text = "Anna (811218-9876, anna@example.se, 070-123 45 67) och 811278-9873.";
        assert_eq!(
            found(text),
            vec![("811218-9876", Pnr), ("anna@example.se", Email), ("070-123 45 67", Phone), ("811278-9873", Coord),]
        );
        let findings = scan(text, &[]);
        for pair in findings.windows(2) {
            assert!(pair[0].range.end <= pair[1].range.start);
        }
    }

    #[test]
    fn allow_list_skips_exact_matches() {
        let text = "Frågor till it-support@example.se eller anna@example.se, växel 08-123 456 78.";
        let allow = vec!["it-support@example.se".to_string(), "08-123 456 78".to_string()];
        let result: Vec<_> = scan(text, &allow).into_iter().map(|f| text.get(f.range).unwrap_or_default()).collect();
        assert_eq!(result, vec!["anna@example.se"]);
        // Case-sensitive and whole-string only.
        let allow = vec!["IT-support@example.se".to_string(), "08-123 456".to_string()];
        assert_eq!(scan(text, &allow).len(), 3);
    }

    #[test]
    fn describe_is_a_phrase() {
        for kind in [Pnr, Coord, Email, Phone] {
            let text = kind.describe();
            assert!(text.starts_with("a ") || text.starts_with("an "), "{text}");
        }
        assert_eq!(Pnr.describe(), "a Swedish personal identity number (personnummer)");
    }

    #[test]
    fn mask_examples() {
        assert_eq!(mask("19811218-9876"), "19••••••••••6");
        assert_eq!(mask("anna.svensson@example.se"), "an•••@•••.se");
        assert_eq!(mask("070-123 45 67"), "07••••••••••7");
        assert_eq!(mask("a@b.se"), "•••@•••.se");
        assert_eq!(mask("ab"), "••");
        assert_eq!(mask(""), "");
    }

    #[test]
    fn mask_never_reveals_the_value() {
        let values = [
            "811218-9876",
            "19811218-9876",
            "8112189876",
            "anna.svensson@example.se",
            "a@b.se",
            "anna@x.se",
            "Åsa.Öberg@exämple.se",
            "+46 70 123 45 67",
            "08-12 34 56",
            "(08) 123 456 78",
            "0046701234567",
            "x",
            "abc",
            "a@b",
            "@@",
        ];
        for value in values {
            let masked = mask(value);
            let n = value.chars().count();
            assert_ne!(masked, value, "{value}");
            let shown = masked.chars().filter(|&c| c != '•' && c != '@' && c != '.').count();
            assert!(shown <= n / 3, "{value} -> {masked}");
            // No four consecutive characters of the value survive.
            let chars: Vec<char> = value.chars().collect();
            for w in chars.windows(4) {
                let piece: String = w.iter().collect();
                assert!(!masked.contains(&piece), "{value} -> {masked}");
            }
        }
    }

    /// A realistic incident report (front matter and Markdown body) with
    /// every kind of number that must not be taken for personal data.
    const REPORT: &str = "\
+++
id = \"agresso-minnesbrist-2023-02-14\"
title = \"Minnesbrist i Agresso\"
date = 2023-02-14T08:10:00+01:00
resolved = 2023-02-14T10:30:00+01:00
period = \"2023-01-01–2023-03-31\"
tickets = [\"INC0012345\", \"CHG-2023-0042\"]
+++

## Sammanfattning

Den 14 februari 2023 kl. 08:10 upphörde kontakten med produktionsdatabasen i
Agresso (UBW 7.2.1). Ärendet INC0012345 löstes 2023-02-14T10:30:00+01:00, och
tjänsten var tillbaka kl. 10.30. Ändringen CHG-2023-0042 genomfördes under
veckorna 2301–2305. Totalt 1 003 incidenter registrerades under Q1 2023 mot
756 under Q1 2022, +33 %. Kostnad 12 500 kr för konsulttimmar; hela
projektet har kostat 1 234 567 kronor, eller ungefär 3,5 Mkr över 2022.

## Teknisk bakgrund

Servern (10.0.0.1) körde Windows 10 21H2, build v10.0.19045, och klienten
4.2.1. Minnet ökades från 16 till 32 GB. Under perioden 2023-01-01 till
2023-03-31 kom 1 000 bud in, varav 98,5 % hanterades inom 4 timmar. Leverantören
har organisationsnummer 212000-1355 och ordernummer 2023-1234; fakturan
skickades till box 123, 411 05 Göteborg. Läs mer på
https://www.example.se/avvikelser/ och https://www.example.se/avvikelser/2023/02/14/
(sidan 3 av 12).

Loggfilen agresso-minnesbrist-2023-02-14.log visade felkod 0x80070005 och
processid 4711. Användare uppmanas att inte skriva @-tecken i fältet
\"user@\" eller \"namn@\". Incidenten inc-2023021412345 stängdes; ändringen
20230214T0810 dokumenterades. Kl. 08:00–17:00 bemannas servicedesk, lunch
12.00-13.00. Mellan 2023-02-14 08:10 och 2023-02-14 10:30 var 2 345 av
12 000 användare påverkade (19,5 %). Tidslinje: 08:10 larm, 08:25 eskalering,
09:40 åtgärd, 10:30 klart.

| Kvartal | Antal | Förändring |
|---------|------:|-----------:|
| Q1 2022 |   756 |            |
| Q1 2023 | 1 003 |     +33 %  |
| Q2 2023 |   812 |     -19 %  |

Version 2.14.0 av agenten, commit 3f2a9c1, ersatte 2.13.7. Värdet 0,05 ligger
under gränsen 0,1. Rapport nr 2023:14, diarienummer 2023/01234, dnr 12-345/2023.
Telefonitjänsten hade 99,95 % tillgänglighet; svarstiden var 00:01:30 i snitt.
Ungefär 1 500 000 transaktioner per dag (1,5 miljoner). Kostnaden 1 012 345 678 kr
gäller hela koncernen. Åtgärdsplan ÅP-2023-07 följs upp 2023-06-30. Personuppgiftsincidenten anmäldes
till IMY inom 72 timmar (dnr IMY-2023-1234). Den registrerade informerades
2023-02-16; ingen person kan identifieras i denna rapport. Bilaga 1/3.
";

    #[test]
    fn realistic_report_has_no_findings() {
        assert_eq!(found(REPORT), vec![]);
    }

    #[test]
    fn personal_data_in_a_realistic_report_is_found() {
        let text = format!(
            "{REPORT}\nKontaktperson: Anna Svensson, 19811218-9876, anna.svensson@example.se, \
             tel. 070-123 45 67 eller +46 31 12 34 56. Samordningsnummer 811278-9873.\n"
        );
        let values: Vec<_> = found(&text);
        assert_eq!(
            values,
            vec![
                ("19811218-9876", Pnr),
                ("anna.svensson@example.se", Email),
                ("070-123 45 67", Phone),
                ("+46 31 12 34 56", Phone),
                ("811278-9873", Coord),
            ]
        );
    }

    #[test]
    fn arbitrary_text_never_panics() {
        let alphabet: Vec<char> = "0123456789 -+().@_:/,åäöÅÄÖé\u{301}\u{a0}😀👩‍💻aZx\n\tse".chars().collect();
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            // xorshift64*
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_f491_4f6c_dd1d)
        };
        let mut text = String::new();
        for round in 0..20_000 {
            text.clear();
            let len = (next() % 60) as usize;
            for _ in 0..len {
                let c = alphabet[(next() % alphabet.len() as u64) as usize];
                text.push(c);
            }
            if round % 7 == 0 {
                text.push_str("811218-9876");
            }
            let findings = scan(&text, &["åäö".to_string()]);
            let mut last_end = 0;
            for f in &findings {
                assert!(f.range.start >= last_end, "{text:?}");
                assert!(f.range.start < f.range.end, "{text:?}");
                let value = text.get(f.range.clone());
                assert!(value.is_some(), "range off char boundary in {text:?}");
                let _ = mask(value.unwrap_or_default());
                last_end = f.range.end;
            }
            let _ = mask(&text);
        }
    }
}
