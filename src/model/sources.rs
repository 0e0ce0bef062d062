//! Which page each content file becomes: what an `@/` link names
//! (`@/periods/2023-q1/agresso-databas.md`) is a content file's path from
//! `content/`, and this is where the site says which page that is.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use super::Site;
use crate::layout::Route;
use crate::layout::anchors::PageKind;

/// The page a content file became, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A published record (its position in `Site::records`).
    Record(usize),
    /// A draft record: it has no page unless drafts are published.
    Draft,
    /// A period (`period.toml`).
    Period(usize),
    /// A service.
    Service(usize),
    /// A free page.
    Page(usize),
}

impl Source {
    /// The page, when the file has one.
    pub fn route(self) -> Option<Route> {
        match self {
            Source::Record(i) => Some(Route::Record(i)),
            Source::Draft => None,
            Source::Period(i) => Some(Route::Period(i)),
            Source::Service(i) => Some(Route::Service(i)),
            Source::Page(i) => Some(Route::Page(i)),
        }
    }

    /// The kind of page, for its anchors.
    pub fn kind(self) -> PageKind {
        match self {
            Source::Record(_) | Source::Draft => PageKind::Record,
            Source::Period(_) => PageKind::Period,
            Source::Service(_) => PageKind::Service,
            Source::Page(_) => PageKind::Page,
        }
    }
}

/// The folder every content file is in; `@/` paths start inside it.
pub const CONTENT_DIR: &str = "content";

/// A file's path as an `@/` link names it: from `content/`, with `/`
/// (`content/periods/2023-q1/period.toml` → `periods/2023-q1/period.toml`).
pub fn at_path(file: &Path) -> String {
    let parts: Vec<String> = file.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let from = usize::from(parts.first().is_some_and(|p| p == CONTENT_DIR));
    parts[from..].join("/")
}

impl Site {
    /// Every content file that can be linked to by `@/`, by its path from
    /// `content/`.
    pub fn sources(&self) -> HashMap<String, Source> {
        let mut out = HashMap::with_capacity_and_hasher(self.records.len() + 64, Default::default());
        for (i, r) in self.records.iter().enumerate() {
            out.insert(at_path(&r.file), Source::Record(i));
        }
        for r in &self.drafts {
            out.entry(at_path(&r.file)).or_insert(Source::Draft);
        }
        for (i, p) in self.periods.iter().enumerate() {
            out.insert(at_path(&p.file), Source::Period(i));
        }
        for (i, s) in self.services.iter().enumerate() {
            out.insert(at_path(&s.file), Source::Service(i));
        }
        for (i, p) in self.pages.iter().enumerate() {
            out.insert(at_path(&p.file), Source::Page(i));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::at_path;
    use std::path::Path;

    #[test]
    fn paths_from_content() {
        assert_eq!(at_path(Path::new("content/periods/2023-q1/period.toml")), "periods/2023-q1/period.toml");
        assert_eq!(at_path(Path::new("services/agresso.toml")), "services/agresso.toml");
    }
}
