//! The legend: series swatches and the marks' meanings, placed in rows above
//! the plot and wrapped when an item is long.

use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{Canvas, DrawResult, Rect, TextOpts};
use super::layout::{FONT_PX, LEGEND_ROW, LINE_PX, SWATCH_H, SWATCH_W};
use super::palette::{Hatch, PAPER, series_colour, series_pattern};
use super::shapes::{draw_median_marker, draw_patterned, draw_range_line, draw_text};
use super::text::{fit_lines, text_width};

/// What a legend entry shows next to its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Swatch {
    /// A series' colour and pattern.
    Series(usize),
    /// The hatch used for counted values.
    Counted,
    /// The range chart's median marker.
    Median,
    /// The range chart's min–max line.
    Range,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct LegendItem {
    pub(super) swatch: Swatch,
    pub(super) text: String,
}

/// The most lines one legend item may take.
const MAX_LEGEND_LINES: usize = 5;

/// One line of the legend, placed relative to the legend's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LegendLine {
    pub(super) dx: i32,
    pub(super) dy: i32,
    /// The swatch before the text: on an item's first line only.
    pub(super) swatch: Option<Swatch>,
    pub(super) text: String,
}

/// An item's text in lines no wider than `room`: see [`fit_lines`].
fn legend_text_lines(text: &str, room: f64) -> Vec<String> {
    fit_lines(text, FONT_PX, false, room, MAX_LEGEND_LINES)
}

/// Places legend items left to right in rows; an item too wide for a row
/// gets rows of its own, wrapped (its swatch on the first line). Returns the
/// lines and the legend's height.
pub(super) fn plan_legend(items: Vec<LegendItem>, avail: f64) -> (Vec<LegendLine>, i32) {
    let mut placed = Vec::new();
    // Top of the current row, x of the next item in it, and its height so
    // far (0 while it is empty).
    let (mut y, mut x, mut row_h) = (0i32, 0i32, 0i32);
    let text_room = avail - f64::from(SWATCH_W + 6);
    for item in items {
        let lines = legend_text_lines(&item.text, text_room);
        let widest = lines.iter().map(|l| text_width(l, FONT_PX, false).ceil() as i32).max().unwrap_or(0);
        let w = SWATCH_W + 6 + widest;
        let wrapped = lines.len() > 1;
        if x > 0 && (wrapped || f64::from(x + w) > avail) {
            y += row_h;
            (x, row_h) = (0, 0);
        }
        let height = LEGEND_ROW + (lines.len() as i32 - 1) * LINE_PX;
        for (j, text) in lines.into_iter().enumerate() {
            let swatch = (j == 0).then_some(item.swatch);
            placed.push(LegendLine { dx: x, dy: y + j as i32 * LINE_PX, swatch, text });
        }
        row_h = row_h.max(height);
        x += w + 20;
        if wrapped {
            y += row_h;
            (x, row_h) = (0, 0);
        }
    }
    (placed, y + row_h)
}

pub(super) fn draw_legend(canvas: &mut Canvas<'_>, placed: &[LegendLine], left: i32, top: i32) -> DrawResult {
    for line in placed {
        let x = left + line.dx;
        let y = top + line.dy;
        let sw = Rect::new(x, y + 2, x + SWATCH_W, y + 2 + SWATCH_H);
        let mid = y + 2 + SWATCH_H / 2;
        match line.swatch {
            Some(Swatch::Series(s)) => draw_patterned(canvas, sw, series_colour(s), series_pattern(s))?,
            Some(Swatch::Counted) => draw_patterned(canvas, sw, PAPER, &[Hatch::Rising])?,
            Some(Swatch::Median) => draw_median_marker(canvas, (x + SWATCH_W / 2, mid), 5)?,
            Some(Swatch::Range) => {
                let cx = x + SWATCH_W / 2;
                draw_range_line(canvas, cx, sw.y0, sw.y1, 5)?;
            }
            None => {}
        }
        draw_text(canvas, &line.text, (x + SWATCH_W + 6, mid), TextOpts::new(FONT_PX, HPos::Left, VPos::Center))?;
    }
    Ok(())
}
