//! Charts: accessible SVG documents drawn from the model with plotters'
//! SVG backend.
//!
//! [`site`] decides which charts each page shows and builds their numbers
//! (over time, only comparable periods: [`site::trend`]); [`bar`], [`range`]
//! and [`panels`] (small multiples) draw the kinds of chart; [`crate::text::number`]
//! formats numbers for the reader's language. Under them sit one module per
//! job: `palette` (colours, patterns, contrast), `text` (widths, wrapping,
//! cutting, cleaning, escaping), `scale` (the y axis), `layout` (the plot's
//! geometry, category labels, axes), `legend`, `hbar` (horizontal bars, for
//! phones and panels), `shapes` (marks on the canvas), `document` (id,
//! `<title>`/`<desc>`, the finished document) and `canvas`, the plotters
//! adapter.
//!
//! Every chart is drawn twice: wide, on a 720-unit canvas, and narrow, 272
//! units wide, for phones (the page picks one with `<picture>`), so that its
//! smallest text, 12 units, renders at 12 CSS px or more on any screen from
//! 320 px up. Each is post-processed into a standalone, accessible SVG
//! document:
//!
//! * the root `<svg>` has a `viewBox` but no `width`/`height`, so it scales with
//!   the page; `role="img"` and `aria-labelledby` point at a `<title>` and a
//!   `<desc>` that are its first children;
//! * ids are derived from a stable hash of the chart's content, so the same
//!   input always gives the same bytes and different charts on one page get
//!   different ids;
//! * all text uses the page's system font stack; nothing external is referenced;
//! * colours come from a colour-blind-safe palette whose every colour has at
//!   least 3:1 contrast against white, and colour is never the only cue: series
//!   get distinct hatch patterns, the highlighted category a bold label and a
//!   marker, values are written out as labels, and the charts print legibly in
//!   black and white.
//!
//! Data is never trusted: NaN, infinite and negative values are treated as
//! missing, lengths that do not match the categories are tolerated, and a chart
//! with nothing to draw becomes a small SVG that says so. Nothing here panics on
//! data.

pub mod bar;
pub mod bars;
mod canvas;
mod document;
mod hbar;
mod layout;
mod legend;
mod palette;
pub mod panels;
pub mod range;
mod scale;
mod shapes;
pub mod site;
mod text;

#[cfg(test)]
mod tests;
