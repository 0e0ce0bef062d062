//! Charts: SVG documents drawn from the model.

pub mod number;
