//! One content file: its text read, the file rule run on it, and parsed
//! by what it is.

use std::path::Path;
use std::sync::Arc;

use super::bounded::read_text;
use super::page::Page;
use super::period::Period;
use super::record::Record;
use super::service::Service;
use super::walk::Found;
use super::{frontmatter, page, period, record, service};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A per-file rule run on every file's raw text while it is in memory (the
/// personal-data guard is one).
pub type FileRule<'a> = dyn Fn(&Path, &str, &mut Diagnostics) + Sync + 'a;

/// What a content file holds, once parsed.
#[derive(Clone)]
pub(super) enum Entity {
    Service(Service),
    Period(Period),
    /// Shared with the preview's cache, which keeps it between rebuilds.
    Record(Arc<Record>),
    Page(Page),
}

/// Reads the file at `rel` (under `root`) as what `found` says it is; its
/// problems go to `diags`. `None` when it could not be read or parsed.
pub(super) fn read_one(
    root: &Path,
    rel: &Path,
    found: &Found,
    file_rule: &FileRule<'_>,
    diags: &mut Diagnostics,
) -> Option<Entity> {
    let text = read_text(root, rel, diags)?;
    let entity = parse_one(rel, found, &text, file_rule, diags);
    // The text is kept for quoting only when the file has something to
    // report (the privacy rule may have kept a redacted copy already).
    if !diags.is_empty() {
        diags.keep_source(rel, &text);
    }
    entity
}

fn parse_one(
    rel: &Path,
    found: &Found,
    text: &str,
    file_rule: &FileRule<'_>,
    diags: &mut Diagnostics,
) -> Option<Entity> {
    file_rule(rel, text, diags);
    let mut split = || match frontmatter::split(text) {
        Ok(s) => Some(s),
        Err(e) => {
            let mut local = Diagnostic::error(rel, Some(e.span), e.message).with_help(e.help);
            local.file = rel.to_path_buf();
            diags.push(local);
            None
        }
    };
    match found {
        Found::Service { id } => service::read(id, rel, text, diags).map(Entity::Service),
        Found::Period { id } => period::read(id, rel, text, diags).map(Entity::Period),
        Found::Record { id, period } => {
            let s = split()?;
            record::read(id, period, rel, &s, diags).map(|r| Entity::Record(Arc::new(r)))
        }
        Found::Page { id } => {
            let s = split()?;
            page::read(id, rel, &s, diags).map(Entity::Page)
        }
    }
}
