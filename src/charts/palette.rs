//! Colours and patterns: a colour-blind-safe palette with at least 3:1
//! contrast against white, hatch patterns so that colour is never the only
//! cue, and the WCAG contrast arithmetic that checks them.

use std::sync::OnceLock;

use plotters::style::RGBColor;

/// Text, axes and outlines: near-black (17.4:1 on white).
pub(super) const INK: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
/// Gridlines: light grey. They are supplementary; values are labelled.
pub(super) const GRID: RGBColor = RGBColor(0xC8, 0xC8, 0xC8);
/// Background band behind the highlighted category.
pub(super) const HIGHLIGHT_BAND: RGBColor = RGBColor(0xEB, 0xEB, 0xEB);
/// The paper.
pub(super) const PAPER: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// Series colours: Okabe–Ito blue, vermillion, bluish green and reddish purple,
/// then Paul Tol's muted indigo and wine. Every one has at least 3:1 contrast
/// against white (checked in a test); patterns tell them apart in greyscale.
pub(super) const PALETTE: [RGBColor; 6] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x33, 0x22, 0x88),
    RGBColor(0x88, 0x22, 0x55),
];

/// Hatch line directions, drawn on top of a fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hatch {
    /// "/" — reserved for counted values.
    Rising,
    /// "\"
    Falling,
    /// "|"
    Vertical,
    /// "—"
    Horizontal,
}

/// Patterns for series, in order. The first series is plain; "/" is kept
/// for counted values so that it never collides with a series pattern.
const SERIES_PATTERNS: [&[Hatch]; 6] = [
    &[],
    &[Hatch::Falling],
    &[Hatch::Vertical],
    &[Hatch::Horizontal],
    &[Hatch::Falling, Hatch::Vertical],
    &[Hatch::Vertical, Hatch::Horizontal],
];

/// Colour of series `s`.
pub(super) fn series_colour(s: usize) -> RGBColor {
    PALETTE[s % PALETTE.len()]
}

/// Pattern of series `s`; colour and pattern cycle at different rates so that
/// the first 36 series all differ.
pub(super) fn series_pattern(s: usize) -> &'static [Hatch] {
    SERIES_PATTERNS[(s + s / PALETTE.len()) % SERIES_PATTERNS.len()]
}

/// WCAG 2.1 relative luminance of an sRGB colour.
fn relative_luminance(c: RGBColor) -> f64 {
    fn channel(v: u8) -> f64 {
        let v = f64::from(v) / 255.0;
        if v <= 0.040_45 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    }
    0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
}

/// WCAG 2.1 contrast ratio between two colours (1.0 to 21.0).
pub(super) fn contrast_ratio(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The hatch colour that stands out most on `fill`: white or near-black.
/// Worked out once per palette colour: luminance takes powers, and every
/// hatched bar asks.
pub(super) fn hatch_ink(fill: RGBColor) -> RGBColor {
    static PALETTE_INKS: OnceLock<[RGBColor; PALETTE.len()]> = OnceLock::new();
    match PALETTE.iter().position(|&c| c == fill) {
        Some(i) => PALETTE_INKS.get_or_init(|| PALETTE.map(contrasting_ink))[i],
        None => contrasting_ink(fill),
    }
}

/// White or near-black, whichever contrasts more with `fill`.
fn contrasting_ink(fill: RGBColor) -> RGBColor {
    if contrast_ratio(fill, PAPER) >= contrast_ratio(fill, INK) { PAPER } else { INK }
}
