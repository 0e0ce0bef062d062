//! A free page (`content/pages/*.md`): its body, under the overview.

use serde::Serialize;

use super::frame::{Frame, Page, crumbs};
use super::shared::Shared;
use crate::render::markdown;

/// A free page's variables.
#[derive(Serialize)]
pub struct FreePage {
    /// The body, as HTML.
    body_html: String,
}

/// Free page `i`.
pub fn page(s: &Shared<'_>, i: usize) -> Page<FreePage> {
    let page = &s.site.pages[i];
    let frame = Frame {
        title: page.title.clone(),
        description: page.description.clone(),
        breadcrumbs: crumbs(vec![s.home()]),
        section: s.words.page(&page.id),
        template: "page.html",
    };
    Page::new(frame, FreePage { body_html: markdown::to_html(&page.body, 1, s.md) })
}
