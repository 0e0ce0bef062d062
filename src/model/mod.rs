//! The site as one linked model: entities plus the indexes every page needs,
//! computed once and read by reference.

pub mod entities;
pub mod figures;
pub mod site;
pub mod time;

pub use entities::*;
pub use site::Site;
