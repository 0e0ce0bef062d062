//! Text on a chart: estimated widths (there is no font to measure), labels
//! cleaned to one line, wrapped or cut with "…", values written for the
//! reader's language, and escaping for XML.

use crate::text::number::{NumberStyle, format_decimal};

/// Advance width of a character in em. There is no font to measure in an SVG
/// backend, so these are the metrics of DejaVu Sans, the widest common
/// fallback for the font stack (Segoe UI, San Francisco and Roboto are
/// narrower), so estimates err on the wide side.
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' => 0.28,
        ' ' | '\u{a0}' | '.' | ',' | ':' | ';' | 'I' | '\'' | '!' | '|' | '/' | 'f' => 0.34,
        '-' | '(' | ')' | '[' | ']' | 't' => 0.4,
        'r' => 0.42,
        '–' => 0.5,
        's' | 'z' | 'c' => 0.56,
        '0'..='9' => 0.64,
        'w' | 'M' | '−' | '+' => 0.86,
        'm' | 'W' | '%' | '@' | '—' | '…' => 1.0,
        c if c.is_uppercase() => 0.72,
        _ => 0.62,
    }
}

/// Estimated width of `text` in user units.
pub(super) fn text_width(text: &str, px: f64, bold: bool) -> f64 {
    let em: f64 = text.chars().map(char_em).sum();
    em * px * if bold { 1.1 } else { 1.0 }
}

/// True for characters that may not appear in XML 1.0 text or that would
/// disturb a one-line label.
fn is_unwanted(c: char) -> bool {
    c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// A label on one line: control characters dropped, runs of white space
/// (except no-break spaces) collapsed to one space, ends trimmed.
pub(super) fn clean_label(s: &str) -> String {
    s.split(|c: char| (c.is_whitespace() && c != '\u{a0}') || is_unwanted(c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text for `<title>`/`<desc>`: line breaks kept, other control characters
/// (illegal in XML) replaced by spaces.
pub(super) fn clean_block(s: &str) -> String {
    s.trim().chars().map(|c| if is_unwanted(c) && c != '\n' && c != '\t' { ' ' } else { c }).collect()
}

/// Cuts `s` to at most `max` characters, ending with "…" when cut.
pub(super) fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let kept: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Cuts `s` so that its estimated width is at most `max_w`, ending with "…".
pub(super) fn truncate_width(s: &str, px: f64, bold: bool, max_w: f64) -> String {
    if text_width(s, px, bold) <= max_w {
        return s.to_string();
    }
    let budget = max_w - text_width("…", px, bold);
    let mut out = String::new();
    let mut w = 0.0;
    for c in s.chars() {
        let cw = text_width(c.encode_utf8(&mut [0; 4]), px, bold);
        if w + cw > budget {
            break;
        }
        w += cw;
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// Breaks `label` into at most `max_lines` lines no wider than `max_w`,
/// breaking only at spaces. None when that is impossible.
pub(super) fn wrap_words(label: &str, px: f64, bold: bool, max_w: f64, max_lines: usize) -> Option<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in label.split(' ').filter(|w| !w.is_empty()) {
        if text_width(word, px, bold) > max_w {
            return None;
        }
        let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        if text_width(&candidate, px, bold) <= max_w {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    lines.push(current);
    (lines.len() <= max_lines).then_some(lines)
}

/// The most characters of a text cut to one line because it cannot be
/// wrapped (one long word): twice the longest label.
const MAX_CUT_CHARS: usize = 80;

/// `text` in lines no wider than `room`: one line when it fits, else
/// wrapped at spaces into at most `max_lines` lines, the last cut with "…".
/// Text that cannot be wrapped (one long word) is cut to one line.
pub(super) fn fit_lines(text: &str, px: f64, bold: bool, room: f64, max_lines: usize) -> Vec<String> {
    if text_width(text, px, bold) <= room {
        return vec![text.to_string()];
    }
    match wrap_words(text, px, bold, room, usize::MAX) {
        Some(mut lines) if lines.len() > max_lines => {
            let rest = lines.split_off(max_lines.max(1) - 1).join(" ");
            lines.push(truncate_width(&format!("{rest}…"), px, bold, room));
            lines
        }
        Some(lines) => lines,
        None => vec![truncate_chars(&truncate_width(text, px, bold, room), MAX_CUT_CHARS)],
    }
}

/// How a value is written on a chart: with as few decimals (at most two) as
/// show it as given, so 0 is "0", 4.0 is "4" and 2.5 is "2,5".
pub(super) fn format_value(v: f64, style: NumberStyle) -> String {
    format_decimal(v, value_decimals(&[v]), style)
}

/// The fewest decimals (0, 1 or 2) that show every value as given.
pub(super) fn value_decimals(values: &[f64]) -> usize {
    for d in 0..2 {
        let factor = 10f64.powi(d);
        let exact = values.iter().all(|v| {
            let scaled = v * factor;
            (scaled - scaled.round()).abs() <= 1e-9 * scaled.abs().max(1.0)
        });
        if exact {
            return d as usize;
        }
    }
    2
}

/// A value usable for drawing: finite and not negative.
pub(super) fn usable(v: Option<&f64>) -> Option<f64> {
    v.copied().filter(|v| v.is_finite() && *v >= 0.0)
}
