//! The preview's cache of content files: what a rebuild need not read
//! again, and how to tell.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap as HashMap;

use super::file::Entity;
use super::walk::Found;
use crate::diagnostics::Diagnostics;

/// What the preview server keeps of every content file between rebuilds,
/// so that a rebuild reads again only the files that changed.
///
/// When the watcher named every file that changed ([`Cache::changed`]) and
/// all of them are content files the cache holds (edited, not added or
/// removed), only those are read again and the folders are not walked. Any
/// other change walks `content/` and reads again every file whose size,
/// modification time, inode or change time differ from when it was read.
/// A file's diagnostics come back with it.
#[derive(Default)]
pub struct Cache {
    /// Every file found by the last walk, in its order.
    pub(super) files: Vec<CachedFile>,
    /// Path → position in `files`.
    pub(super) index: HashMap<PathBuf, usize>,
    /// What the last walk reported (unknown files, bad names …).
    pub(super) walk: Option<Diagnostics>,
    /// The files changed since the last load; `None` when not known.
    pub(super) pending: Option<Vec<PathBuf>>,
    /// Which file rule (the personal-data guard's allow list) the cached
    /// files were checked with; a different one empties the cache.
    pub(super) rule: String,
}

/// One file as the last load left it.
#[derive(Clone)]
pub(super) struct CachedFile {
    /// Its path, relative to the site root.
    pub(super) rel: PathBuf,
    pub(super) found: Found,
    /// None when the file's stamp could not be taken: never reused.
    pub(super) stamp: Option<Stamp>,
    /// What it holds; `None` when it failed to load.
    pub(super) entity: Option<Entity>,
    /// What it has to report.
    pub(super) diags: Diagnostics,
}

/// What says that a file is unchanged since it was read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, i64, i64),
}

impl Stamp {
    /// The stamp of the file at `path` now; `None` when it cannot be taken.
    pub(super) fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt as _;
            (meta.ino(), meta.ctime(), meta.ctime_nsec())
        };
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode,
        })
    }
}

impl Cache {
    /// An empty cache.
    pub fn new() -> Cache {
        Cache::default()
    }

    /// Tells the cache which files changed since the last load (paths
    /// relative to the site root), or `None` when that is not known (the
    /// watcher lost track): the next load then walks the folders.
    pub fn changed(&mut self, paths: Option<&[PathBuf]>) {
        match (&mut self.pending, paths) {
            (Some(pending), Some(paths)) => pending.extend(paths.iter().cloned()),
            (pending, _) => *pending = None,
        }
    }

    /// How many files it holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether it holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The cached files that changed, when only files the cache holds did:
    /// then the folders need no walk.
    pub(super) fn edited_only(&self, root: &Path) -> Option<Vec<usize>> {
        self.walk.as_ref()?;
        let mut edited = Vec::new();
        for p in self.pending.as_ref()? {
            if !p.starts_with("content") {
                continue; // site.toml is always read; themes are not content
            }
            let path = root.join(p);
            let content_file = p.extension().is_some_and(|e| e == "md" || e == "toml");
            if content_file {
                // Edited in place, or else added or removed: then walk.
                let &i = self.index.get(p)?;
                if !path.is_file() {
                    return None;
                }
                edited.push(i);
            } else if path.is_dir() || (!path.exists() && self.files.iter().any(|f| f.rel.starts_with(p))) {
                // A folder added, renamed or removed.
                return None;
            }
            // Otherwise a file the format ignores (an editor's temp file).
        }
        Some(edited)
    }
}
