//! Marks drawn on the canvas: text, rectangles, lines, patterned bars and
//! swatches, and the markers of the highlighted category and the median.

use plotters::prelude::*;

use super::canvas::{Canvas, DrawResult, Rect, TextOpts};
use super::palette::{Hatch, INK, PALETTE, hatch_ink};

pub(super) fn draw_text(canvas: &mut Canvas<'_>, text: &str, at: (i32, i32), o: TextOpts) -> DrawResult {
    if text.is_empty() {
        return Ok(());
    }
    canvas.text(text, at, o)
}

pub(super) fn fill_rect(canvas: &mut Canvas<'_>, r: Rect, colour: RGBColor) -> DrawResult {
    if r.is_empty() {
        return Ok(());
    }
    canvas.rect(r, colour.filled())
}

pub(super) fn outline_rect(canvas: &mut Canvas<'_>, r: Rect, colour: RGBColor) -> DrawResult {
    if r.is_empty() {
        return Ok(());
    }
    canvas.rect(r, ShapeStyle { color: colour.to_rgba(), filled: false, stroke_width: 1 })
}

pub(super) fn polyline(canvas: &mut Canvas<'_>, points: &[(i32, i32)], colour: RGBColor, width: u32) -> DrawResult {
    if points.len() < 2 {
        return Ok(());
    }
    canvas.path(points, ShapeStyle { color: colour.to_rgba(), filled: false, stroke_width: width })
}

/// A bar or swatch: fill, hatch lines, near-black outline.
pub(super) fn draw_patterned(canvas: &mut Canvas<'_>, r: Rect, fill: RGBColor, hatches: &[Hatch]) -> DrawResult {
    if r.is_empty() {
        return Ok(());
    }
    fill_rect(canvas, r, fill)?;
    let ink = hatch_ink(fill);
    for &h in hatches {
        polyline(canvas, &hatch_path(r, h), ink, 1)?;
    }
    outline_rect(canvas, r, INK)
}

/// All hatch lines of one direction inside `r` as one polyline. Consecutive
/// lines are joined along the rectangle's edge (boustrophedon), where the
/// outline drawn afterwards covers the joins; this keeps the SVG small and
/// uses nothing but plain shapes, so it survives pasting into slide tools.
/// Lines sit on a global grid so neighbouring bars line up.
pub(super) fn hatch_path(r: Rect, hatch: Hatch) -> Vec<(i32, i32)> {
    let Rect { x0, y0, x1, y1 } = r;
    if x1 - x0 < 3 || y1 - y0 < 3 {
        return Vec::new();
    }
    // First multiple of `step` strictly greater than `v`.
    let next = |v: i32, step: i32| v - v.rem_euclid(step) + step;
    let mut segments: Vec<((i32, i32), (i32, i32))> = Vec::new();
    match hatch {
        Hatch::Vertical => {
            let mut c = next(x0, 6);
            while c < x1 {
                segments.push(((c, y0), (c, y1)));
                c += 6;
            }
        }
        Hatch::Horizontal => {
            let mut c = next(y0, 6);
            while c < y1 {
                segments.push(((x0, c), (x1, c)));
                c += 6;
            }
        }
        Hatch::Rising => {
            // x + y = c, from the left/bottom edge to the top/right edge.
            let mut c = next(x0 + y0, 8);
            while c < x1 + y1 {
                let a = if c - x0 <= y1 { (x0, c - x0) } else { (c - y1, y1) };
                let b = if c - y0 <= x1 { (c - y0, y0) } else { (x1, c - x1) };
                segments.push((a, b));
                c += 8;
            }
        }
        Hatch::Falling => {
            // x - y = c, from the left/top edge to the bottom/right edge.
            let mut c = next(x0 - y1, 8);
            while c < x1 - y0 {
                let a = if x0 - c >= y0 { (x0, x0 - c) } else { (c + y0, y0) };
                let b = if c + y1 <= x1 { (c + y1, y1) } else { (x1, x1 - c) };
                segments.push((a, b));
                c += 8;
            }
        }
    }
    let mut points: Vec<(i32, i32)> = Vec::with_capacity(segments.len() * 3);
    for (k, &(a, b)) in segments.iter().enumerate() {
        let (start, end) = if k % 2 == 0 { (a, b) } else { (b, a) };
        if let Some(&last) = points.last() {
            walk_edge(&mut points, last, start, r);
        }
        if points.last() != Some(&start) {
            points.push(start);
        }
        points.push(end);
    }
    points
}

/// Position of a point on the edge of `r`, measured clockwise from the
/// top-left corner.
fn perimeter_pos(p: (i32, i32), r: Rect) -> i64 {
    let (w, h) = (i64::from(r.x1 - r.x0), i64::from(r.y1 - r.y0));
    let (x, y) = (i64::from(p.0), i64::from(p.1));
    if p.1 == r.y0 {
        x - i64::from(r.x0)
    } else if p.0 == r.x1 {
        w + y - i64::from(r.y0)
    } else if p.1 == r.y1 {
        w + h + i64::from(r.x1) - x
    } else {
        2 * w + h + i64::from(r.y1) - y
    }
}

/// Appends the corners passed when walking the short way round the edge of
/// `r` from `from` to `to` (both on the edge).
fn walk_edge(points: &mut Vec<(i32, i32)>, from: (i32, i32), to: (i32, i32), r: Rect) {
    let (w, h) = (i64::from(r.x1 - r.x0), i64::from(r.y1 - r.y0));
    let perimeter = 2 * (w + h);
    if perimeter == 0 {
        return;
    }
    let (ta, tb) = (perimeter_pos(from, r), perimeter_pos(to, r));
    let forward = (tb - ta).rem_euclid(perimeter);
    let corners = [(0, (r.x0, r.y0)), (w, (r.x1, r.y0)), (w + h, (r.x1, r.y1)), (2 * w + h, (r.x0, r.y1))];
    let mut passed: Vec<(i64, (i32, i32))> = if forward <= perimeter - forward {
        corners
            .iter()
            .map(|&(t, p)| ((t - ta).rem_euclid(perimeter), p))
            .filter(|&(d, _)| d > 0 && d < forward)
            .collect()
    } else {
        corners
            .iter()
            .map(|&(t, p)| ((ta - t).rem_euclid(perimeter), p))
            .filter(|&(d, _)| d > 0 && d < perimeter - forward)
            .collect()
    };
    passed.sort_by_key(|&(d, _)| d);
    points.extend(passed.into_iter().map(|(_, p)| p));
}

/// A small triangle pointing up at the axis under the highlighted category.
pub(super) fn draw_highlight_marker(canvas: &mut Canvas<'_>, cx: i32, axis_y: i32) -> DrawResult {
    canvas.polygon(&[(cx, axis_y + 2), (cx - 5, axis_y + 10), (cx + 5, axis_y + 10)], INK)
}

pub(super) fn draw_median_marker(canvas: &mut Canvas<'_>, at: (i32, i32), r: i32) -> DrawResult {
    let r = r.max(2) as u32;
    canvas.circle(at, r, PALETTE[1].filled())?;
    canvas.circle(at, r, INK.stroke_width(1))
}

pub(super) fn draw_range_line(canvas: &mut Canvas<'_>, cx: i32, top: i32, bottom: i32, cap: i32) -> DrawResult {
    let colour = PALETTE[0];
    polyline(canvas, &[(cx, top), (cx, bottom)], colour, 2)?;
    polyline(canvas, &[(cx - cap, top), (cx + cap, top)], colour, 2)?;
    polyline(canvas, &[(cx - cap, bottom), (cx + cap, bottom)], colour, 2)
}
