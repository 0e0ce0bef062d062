//! The page for a missing address (`404.html`), served at any depth.

use serde::Serialize;

use super::frame::{Frame, Page, crumbs};
use super::shared::Shared;
use crate::layout::reserved::NOT_FOUND;

/// The 404 page has only the frame's variables.
#[derive(Serialize)]
pub struct NotFound {}

/// The page for a missing address.
pub fn page(s: &Shared<'_>) -> Page<NotFound> {
    let frame = Frame {
        title: s.labels.i18n.get("not_found_title").to_string(),
        description: None,
        breadcrumbs: crumbs(Vec::new()),
        section: NOT_FOUND.to_string(),
        template: "404.html",
    };
    Page::new(frame, NotFound {})
}
