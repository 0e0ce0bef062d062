//! The Markdown insyn reads: CommonMark with tables, strikethrough and
//! footnotes, the same for every text and every pass over it.

use pulldown_cmark::Options;

/// The parser options of every pass over a text.
pub(super) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}
