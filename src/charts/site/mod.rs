//! Which charts the site shows, and their numbers, drawn from the model.
//!
//! Each chart is built from one table of numbers: the SVG (wide and narrow),
//! the text alternative (the finding in words) and the HTML table beside the
//! chart all come from that same table, so they cannot disagree.
//!
//! Charts over periods compare like with like: the periods of the current
//! period's length that do not overlap, in time order, up to the current one
//! (see [`trend`]); their text says which periods they show and which they
//! leave out. A period with no figure is missing ("–"), not zero: nothing is
//! known about it.

mod breakdown;
pub mod chart;
mod overview;
mod resolve;
pub mod trend;
mod words;

pub use breakdown::{area, period, service};
pub use chart::{Chart, ChartRow, ChartTable};
pub use overview::overview;
