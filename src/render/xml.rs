//! What the XML outputs (feeds, sitemaps, the data catalogue) share.

use crate::layout::links;
use crate::model::Site;
use crate::text::escape::uri;

/// The absolute URI of a path of the site: `base_url` + path, with every
/// character a URI may not hold percent-encoded.
pub fn absolute_uri(site: &Site, path: &str) -> String {
    uri(&links::absolute(&site.config.base_url, path))
}
