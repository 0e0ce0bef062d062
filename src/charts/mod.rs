//! Charts: accessible SVG documents drawn from the model with plotters'
//! SVG backend. `draw` turns numbers into SVG, `number` formats numbers for
//! the reader's language, `site` decides which charts each page shows.

pub mod draw;
pub mod site;
