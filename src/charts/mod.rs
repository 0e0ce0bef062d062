//! Charts: accessible SVG documents drawn from the model with plotters'
//! SVG backend.
//!
//! [`site`] decides which charts each page shows and builds their numbers;
//! [`bar`] and [`range`] draw the two kinds of chart; [`number`] formats
//! numbers for the reader's language. Under them sit one module per job:
//! `palette` (colours, patterns, contrast), `text` (widths, wrapping,
//! cutting, cleaning, escaping), `scale` (the y axis), `layout` (the
//! plot's geometry, category labels, axes), `legend`, `shapes` (marks on the
//! canvas), `document` (id, `<title>`/`<desc>`, the finished document) and
//! `canvas`, the plotters adapter.
//!
//! Both kinds of chart are drawn onto a fixed 720 px wide canvas and then
//! post-processed into a standalone, accessible SVG document:
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
mod canvas;
mod document;
mod layout;
mod legend;
pub mod number;
mod palette;
pub mod range;
mod scale;
mod shapes;
pub mod site;
mod text;

#[cfg(test)]
mod tests;
