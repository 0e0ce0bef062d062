//! Number formatting (interim; replaced by the charts work).

/// How numbers are written for the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// 1 003
    Swedish,
    /// 1,003
    English,
}

/// Formats an integer with grouping.
pub fn format_int(n: i64, style: NumberStyle) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = match style {
        NumberStyle::Swedish => "\u{a0}",
        NumberStyle::English => ",",
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, if style == NumberStyle::Swedish { '\u{2212}' } else { '-' });
    }
    out
}

/// Percentage change.
pub fn format_change_percent(from: f64, to: f64, style: NumberStyle) -> Option<String> {
    if from == 0.0 {
        return None;
    }
    let pct = ((to - from) / from * 100.0).round() as i64;
    let sign = if pct > 0 { "+" } else { "" };
    Some(match style {
        NumberStyle::Swedish => format!("{sign}{}\u{a0}%", format_int(pct, style)),
        NumberStyle::English => format!("{sign}{}%", format_int(pct, style)),
    })
}
