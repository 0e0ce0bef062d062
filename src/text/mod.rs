//! Text for readers and for formats: escaping (HTML, XML, URIs) and numbers
//! written the way the reader's language writes them.

pub mod escape;
pub mod number;
