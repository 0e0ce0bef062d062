//! Where everything goes: the URL words, the path of every page and output
//! file, paging of long lists and the names insyn reserves. Validation,
//! rendering, the preview server and `insyn new` all ask here, so that a
//! path is spelled in one place.

pub mod anchors;
pub mod facets;
pub mod links;
pub mod paging;
pub mod reserved;
pub mod routes;
pub mod slug;
pub mod words;

pub use facets::Facet;
pub use routes::{Route, SiteIds};
pub use words::UrlWords;
