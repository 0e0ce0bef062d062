//! Markdown to HTML for bodies, descriptions, summaries and actions.
//!
//! What an editor writes never becomes a script, an event handler, a
//! `javascript:` or `data:` URL, a frame, a form or an inline style:
//!
//! * Markdown links may only use http, https, mailto or a relative URL; any
//!   other target becomes `#`. A Markdown image is shown only when its file
//!   is on this site (a relative URL); an image from another site becomes a
//!   link to it (the report loads nothing from other origins), and one with
//!   an unsafe URL becomes its alt text.
//! * Raw HTML written in the Markdown is sanitised with [ammonia] to a small
//!   allowlist ([`ALLOWED_TAGS`]): `<b>fet</b>` and `<br>` are markup,
//!   `<script>`, `<style>`, `<iframe>`, `<svg>`, `<form>` … are removed with
//!   their content, other tags are removed and their text kept, and only a
//!   few harmless attributes survive.
//! * pulldown-cmark's own output carries no inline style: table-cell
//!   alignment becomes a class (`align-left`, `align-center`,
//!   `align-right`), code blocks lose their `language-` class, footnote ids
//!   get a `fn-` prefix so that they cannot clash with the page's own ids.
//!
//! Headings in a text are moved below the level of the heading they are
//! placed under, because the page's title is its only `h1`, and get ids
//! as Zola and Hugo give them (the slug of their text, `-1`, `-2` … when
//! taken on the page or one of the theme's anchors: see
//! [`crate::layout::anchors`]).
//!
//! A link to `@/<path of a content file>[#anchor]` leads to that file's
//! page, relative to the page the text is shown on ([`Context`]).
//!
//! Each job has its own file: `dialect` (the Markdown insyn reads),
//! `urls` (which link and image targets are safe), `sanitiser` (raw
//! HTML to the allowlist), `headings` (levels below the page's), `events`
//! (pulldown-cmark's events made safe), `plain` (plain text, cuts) and
//! `convert` (the entry points that put them together).

mod context;
mod convert;
mod dialect;
mod events;
mod headings;
mod plain;
mod sanitiser;
mod urls;

#[cfg(test)]
mod tests;

pub use self::context::Context;
pub use self::convert::{inline_to_html, to_html, to_html_and_text};
pub use self::events::MAX_NESTING;
pub use self::plain::{plain_text, to_plain_text, truncate};
pub use self::sanitiser::{ALLOWED_TAGS, MAX_RAW_NESTING, sanitise};
pub use self::urls::{is_local_url, is_safe_url};
