//! The downloads page of the open data: every export with its size, the
//! code lists and the catalogue.

use serde::Serialize;

use super::frame::{Frame, Page};
use super::shared::Shared;
use crate::render::exports::{self, downloads::DownloadsView};

/// The downloads page's variables.
#[derive(Serialize)]
pub struct Data {
    /// The datasets, their files and code lists.
    data: DownloadsView,
}

/// The downloads page. It shows the sizes of the exports, so it renders
/// after them.
pub fn page(s: &Shared<'_>) -> Page<Data> {
    let t = s.labels.i18n;
    let frame = Frame {
        description: Some(t.get("data_intro").to_string()),
        ..Frame::list(s, t.get("data_title"), &s.words.data, "data.html")
    };
    Page::new(frame, Data { data: exports::downloads(s.site, t, s.exports) })
}
