//! The site as one linked model: the loaded entities plus the indexes every
//! page needs, computed once and read by reference, and the domain rules
//! (figures, statuses) as methods on it.

pub mod facets;
pub mod figures;
pub mod follow_up;
pub mod followed;
pub mod obligations;
pub mod recommendations;
pub mod records;
pub mod site;
pub mod sources;
pub mod timeline;

pub use site::Site;
