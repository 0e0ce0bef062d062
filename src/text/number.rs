//! Number formatting for chart labels, in the reader's language.
//!
//! Swedish follows the Swedish Language Council's recommendations: digits are
//! grouped in threes with a no-break space (U+00A0), the decimal sign is a
//! comma, negative numbers use the real minus sign (U+2212) and a percent sign
//! is preceded by a no-break space. English uses a comma for grouping, a point
//! for decimals, a hyphen-minus and no space before the percent sign.
//!
//! Rounding is half away from zero (2.5 -> 3), as in official statistics.
//! Non-finite input never panics: NaN is written as an en dash "–" (the usual
//! sign for a missing value in a table), infinities as "∞" with a sign.

/// How numbers are written for the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// Swedish: `1 234 567,5`, `−5`, `+33 %` (no-break spaces).
    Swedish,
    /// English: `1,234,567.5`, `-5`, `+33%`.
    English,
}

/// No-break space, used as group separator and before "%" in Swedish.
const NBSP: char = '\u{a0}';
/// The minus sign used in Swedish.
const MINUS: char = '\u{2212}';
/// What a missing (NaN) number is written as.
const MISSING: &str = "–";
/// The largest number of decimals that is honoured; more are capped.
const MAX_DECIMALS: usize = 12;

impl NumberStyle {
    fn group_separator(self) -> char {
        match self {
            NumberStyle::Swedish => NBSP,
            NumberStyle::English => ',',
        }
    }

    fn decimal_separator(self) -> char {
        match self {
            NumberStyle::Swedish => ',',
            NumberStyle::English => '.',
        }
    }

    fn minus(self) -> char {
        match self {
            NumberStyle::Swedish => MINUS,
            NumberStyle::English => '-',
        }
    }
}

/// Inserts the group separator into a string of ASCII digits.
fn group_digits(digits: &str, style: NumberStyle) -> String {
    let sep = style.group_separator();
    let len = digits.chars().count();
    let mut out = String::with_capacity(digits.len() + len / 3 * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// 1003 -> "1 003" (Swedish, with U+00A0 no-break space as group separator) / "1,003" (English). Negative with a proper minus sign "−" (U+2212) in Swedish, "-" in English.
pub fn format_int(n: i64, style: NumberStyle) -> String {
    // `unsigned_abs` keeps i64::MIN from overflowing.
    let digits = group_digits(&n.unsigned_abs().to_string(), style);
    if n < 0 {
        let mut out = String::with_capacity(digits.len() + 3);
        out.push(style.minus());
        out.push_str(&digits);
        out
    } else {
        digits
    }
}

/// Decimal with `decimals` places: Swedish "3,5", English "3.5"; grouping as above.
///
/// Rounds half away from zero. A value that rounds to zero is written without
/// a sign. NaN is written as "–" (missing), infinities as "∞" / "−∞".
/// At most 12 decimals are written; more are capped.
pub fn format_decimal(x: f64, decimals: usize, style: NumberStyle) -> String {
    if x.is_nan() {
        return MISSING.to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "∞".to_string() } else { format!("{}∞", style.minus()) };
    }
    let decimals = decimals.min(MAX_DECIMALS);
    let rounded = round_half_away(x.abs(), decimals);
    let text = fixed_digits(rounded, decimals);
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, f),
        None => (text.as_str(), ""),
    };
    let is_zero = text.bytes().all(|b| b == b'0' || b == b'.');
    let mut out = String::with_capacity(text.len() + 8);
    if x < 0.0 && !is_zero {
        out.push(style.minus());
    }
    out.push_str(&group_digits(int_part, style));
    if !frac_part.is_empty() {
        out.push(style.decimal_separator());
        out.push_str(frac_part);
    }
    out
}

/// `rounded` (non-negative, already rounded to `decimals` places) written
/// with exactly `decimals` decimals (after a point, if any).
fn fixed_digits(rounded: f64, decimals: usize) -> String {
    // Below 2^53 a whole number converts to u64 exactly, and integer
    // formatting is much cheaper than float formatting.
    if decimals == 0 && rounded < 9_007_199_254_740_992.0 {
        return (rounded as u64).to_string();
    }
    // `{:.N}` is exact for the already rounded value; it only fixes the digits.
    format!("{rounded:.decimals$}")
}

/// Rounds a non-negative finite number to `decimals` places, half away from zero.
fn round_half_away(x: f64, decimals: usize) -> f64 {
    // `decimals` is at most MAX_DECIMALS, so the cast cannot truncate.
    let factor = 10f64.powi(decimals as i32);
    let scaled = x * factor;
    // Beyond 2^53 every f64 is already an integer at this scale.
    if !scaled.is_finite() || scaled >= 9_007_199_254_740_992.0 {
        return x;
    }
    // Nudge by a relative epsilon so that 2.675 (stored as 2.67499999...)
    // rounds the way a reader expects.
    let nudged = scaled * (1.0 + 4.0 * f64::EPSILON);
    nudged.round() / factor
}

/// Percentage change from `from` to `to`, rounded to a whole percent, with sign: Swedish "+33 %" (U+00A0 before %), English "+33%"; None when `from` is 0.
///
/// Also None when either value is not finite. A change that rounds to zero is
/// written "0 %" / "0%" without a sign. A negative `from` is measured against
/// its magnitude, so the sign always tells the direction of the change.
pub fn format_change_percent(from: f64, to: f64, style: NumberStyle) -> Option<String> {
    if from == 0.0 || !from.is_finite() || !to.is_finite() {
        return None;
    }
    let pct = (to - from) / from.abs() * 100.0;
    if !pct.is_finite() {
        return None;
    }
    let whole = round_half_away(pct.abs(), 0);
    let body = format_decimal(whole, 0, style);
    let sign = if whole == 0.0 {
        String::new()
    } else if pct > 0.0 {
        "+".to_string()
    } else {
        style.minus().to_string()
    };
    let percent = match style {
        NumberStyle::Swedish => format!("{NBSP}%"),
        NumberStyle::English => "%".to_string(),
    };
    Some(format!("{sign}{body}{percent}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberStyle::{English, Swedish};

    #[test]
    fn int_swedish() {
        assert_eq!(format_int(1003, Swedish), "1\u{a0}003");
        assert_eq!(format_int(0, Swedish), "0");
        assert_eq!(format_int(-5, Swedish), "\u{2212}5");
        assert_eq!(format_int(1_234_567, Swedish), "1\u{a0}234\u{a0}567");
        assert_eq!(format_int(999, Swedish), "999");
        assert_eq!(format_int(-1000, Swedish), "\u{2212}1\u{a0}000");
    }

    #[test]
    fn int_english() {
        assert_eq!(format_int(1003, English), "1,003");
        assert_eq!(format_int(0, English), "0");
        assert_eq!(format_int(-5, English), "-5");
        assert_eq!(format_int(1_234_567, English), "1,234,567");
        assert_eq!(format_int(100_000, English), "100,000");
    }

    #[test]
    fn int_extremes_do_not_overflow() {
        assert_eq!(format_int(i64::MIN, English), "-9,223,372,036,854,775,808");
        assert_eq!(format_int(i64::MAX, English), "9,223,372,036,854,775,807");
    }

    #[test]
    fn decimals_both_styles() {
        assert_eq!(format_decimal(3.5, 1, Swedish), "3,5");
        assert_eq!(format_decimal(3.5, 1, English), "3.5");
        assert_eq!(format_decimal(1234.5, 2, Swedish), "1\u{a0}234,50");
        assert_eq!(format_decimal(1234.5, 2, English), "1,234.50");
        assert_eq!(format_decimal(1_234_567.25, 1, English), "1,234,567.3");
        assert_eq!(format_decimal(-2.25, 1, Swedish), "\u{2212}2,3");
        assert_eq!(format_decimal(-2.25, 1, English), "-2.3");
        assert_eq!(format_decimal(7.0, 0, Swedish), "7");
        assert_eq!(format_decimal(2.5, 0, English), "3");
        assert_eq!(format_decimal(2.675, 2, English), "2.68");
        assert_eq!(format_decimal(0.0, 1, Swedish), "0,0");
    }

    #[test]
    fn whole_numbers_are_written_as_float_formatting_writes_them() {
        let limit = 9_007_199_254_740_992.0;
        for v in [0.0, 1.0, 7.0, 10.0, 1003.0, 123_456_789.0, limit - 1.0, limit, 1e20] {
            assert_eq!(fixed_digits(v, 0), format!("{v:.0}"), "{v}");
        }
        assert_eq!(fixed_digits(2.5, 1), "2.5");
    }

    #[test]
    fn decimal_negative_zero_has_no_sign() {
        assert_eq!(format_decimal(-0.0, 1, Swedish), "0,0");
        assert_eq!(format_decimal(-0.04, 1, English), "0.0");
    }

    #[test]
    fn decimal_non_finite() {
        assert_eq!(format_decimal(f64::NAN, 1, Swedish), "–");
        assert_eq!(format_decimal(f64::INFINITY, 1, English), "∞");
        assert_eq!(format_decimal(f64::NEG_INFINITY, 1, Swedish), "\u{2212}∞");
        // Huge values and absurd precision do not panic.
        assert_eq!(format_decimal(1e20, 1, English), "100,000,000,000,000,000,000.0");
        assert_eq!(format_decimal(1.5, 1000, English).len(), 14);
    }

    #[test]
    fn change_percent() {
        assert_eq!(format_change_percent(756.0, 1003.0, Swedish).as_deref(), Some("+33\u{a0}%"));
        assert_eq!(format_change_percent(756.0, 1003.0, English).as_deref(), Some("+33%"));
        assert_eq!(format_change_percent(1003.0, 756.0, Swedish).as_deref(), Some("\u{2212}25\u{a0}%"));
        assert_eq!(format_change_percent(1003.0, 756.0, English).as_deref(), Some("-25%"));
        assert_eq!(format_change_percent(10.0, 130.0, English).as_deref(), Some("+1,200%"));
        assert_eq!(format_change_percent(100.0, 100.2, Swedish).as_deref(), Some("0\u{a0}%"));
    }

    #[test]
    fn change_percent_none() {
        assert_eq!(format_change_percent(0.0, 5.0, Swedish), None);
        assert_eq!(format_change_percent(0.0, 0.0, English), None);
        assert_eq!(format_change_percent(f64::NAN, 5.0, English), None);
        assert_eq!(format_change_percent(5.0, f64::INFINITY, English), None);
        assert_eq!(format_change_percent(1e-320, 1e308, English), None);
    }
}
