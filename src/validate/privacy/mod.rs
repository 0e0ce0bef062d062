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
//!
//! `numbers` finds the numbers, `email` the addresses; [`scan`] runs
//! both and [`mask`] hides what was found in a message.

mod email;
mod finding;
mod numbers;

#[cfg(test)]
mod tests;

pub use self::finding::{Finding, PersonalDataKind};

use self::email::scan_emails;
use self::numbers::{MIN_DIGITS, scan_numbers};

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
