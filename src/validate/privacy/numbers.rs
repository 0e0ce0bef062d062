//! Swedish personal identity, coordination and phone numbers: where a
//! number may start and end, and the parsers of each kind.

use super::finding::{Finding, PersonalDataKind};

/// Fewest ASCII digits a text needs before numbers are looked for (the
/// shortest phone number has eight).
pub(super) const MIN_DIGITS: usize = 8;

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
pub(super) fn scan_numbers(text: &str, out: &mut Vec<Finding>) {
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
pub(super) fn luhn_valid(ten: &[u8; 10]) -> bool {
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
