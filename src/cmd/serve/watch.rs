//! Watching the files a build reads: `site.toml`, `content/` and `themes/`.
//!
//! The site root itself is watched without recursion (for `site.toml`, and
//! for `content/` or `themes/` appearing later); `content/` and `themes/`
//! recursively. Everything else at the root (the output folder, `target/`,
//! `.git/`) is never descended into, and editor temp files are ignored.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};

/// How long the files must be quiet before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(20);
/// Stands for the changed files when the watcher lost track of them (its
/// queue overflowed): everything is read again.
pub const LOST_TRACK: &str = "(file watcher)";
/// Changed files named one by one; beyond this many the change counts as
/// [`LOST_TRACK`].
const MAX_NAMED: usize = 1000;
/// The longest a stream of changes can hold a rebuild back.
const MAX_DELAY: Duration = Duration::from_millis(1000);

/// The folders under the root that are watched recursively.
const WATCHED_DIRS: [&str; 2] = ["content", "themes"];

/// A file watcher on a site, with its event queue.
pub struct SiteWatcher {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
}

/// What [`SiteWatcher::next_change`] saw.
#[derive(Debug)]
pub enum Change {
    /// Relevant files changed (relative to the root), or [`LOST_TRACK`]
    /// among them when they were too many to name.
    Files(Vec<PathBuf>),
    /// Nothing within the time asked for.
    Idle,
    /// The watcher stopped working.
    Closed,
}

impl SiteWatcher {
    /// Starts watching the site at `root`.
    pub fn new(root: &Path) -> notify::Result<SiteWatcher> {
        let (tx, events) = channel();
        let watcher = notify::recommended_watcher(tx)?;
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let mut w = SiteWatcher { root, watcher, events };
        w.watcher.watch(&w.root, RecursiveMode::NonRecursive)?;
        for dir in WATCHED_DIRS {
            w.watch_dir(dir);
        }
        Ok(w)
    }

    /// Watches `<root>/<dir>` recursively if it exists (again, after it was
    /// removed and created anew).
    fn watch_dir(&mut self, dir: &str) {
        let path = self.root.join(dir);
        if path.is_dir() {
            // An error here means it is watched already, or cannot be: the
            // root watch still sees the folder itself.
            let _ = self.watcher.watch(&path, RecursiveMode::Recursive);
        }
    }

    /// Waits up to `wait` for a relevant change, then for the files to be
    /// quiet for [`DEBOUNCE`] (at most one second in all), and returns what
    /// changed.
    pub fn next_change(&mut self, wait: Duration) -> Change {
        let mut changed: Vec<PathBuf> = Vec::new();
        match self.events.recv_timeout(wait) {
            Ok(event) => {
                self.note(event, &mut changed);
            }
            Err(RecvTimeoutError::Timeout) => return Change::Idle,
            Err(RecvTimeoutError::Disconnected) => return Change::Closed,
        }
        if changed.is_empty() {
            return Change::Idle;
        }
        let first = Instant::now();
        let mut quiet_until = first + DEBOUNCE;
        loop {
            let now = Instant::now();
            let limit = quiet_until.min(first + MAX_DELAY);
            if now >= limit {
                break;
            }
            match self.events.recv_timeout(limit - now) {
                Ok(event) => {
                    if self.note(event, &mut changed) {
                        quiet_until = Instant::now() + DEBOUNCE;
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return Change::Closed,
            }
        }
        Change::Files(changed)
    }

    /// Adds the event's relevant paths to `changed`; true if there were any.
    fn note(&mut self, event: notify::Result<Event>, changed: &mut Vec<PathBuf>) -> bool {
        let Ok(event) = event else {
            // An overflowed or failed watch: rebuild to be safe.
            changed.push(PathBuf::from(LOST_TRACK));
            return true;
        };
        if !kind_matters(&event.kind) {
            return false;
        }
        let mut any = false;
        for path in &event.paths {
            let Some(rel) = relevant(&self.root, path) else { continue };
            if let Some(dir) = WATCHED_DIRS.iter().find(|d| rel == Path::new(d)) {
                self.watch_dir(dir);
            }
            any = true;
            if changed.len() >= MAX_NAMED {
                // Too many to name (a checkout, say): the loader walks all.
                if !changed.iter().any(|p| p.as_path() == Path::new(LOST_TRACK)) {
                    changed.push(PathBuf::from(LOST_TRACK));
                }
            } else if !changed.contains(&rel) {
                changed.push(rel);
            }
        }
        any
    }
}

/// Whether an event can mean changed content. Opening and reading files (as
/// every build does) must not trigger a build.
fn kind_matters(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// The path relative to the root when a change there matters to the build.
pub fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components();
    let first = match parts.next()? {
        Component::Normal(s) => s.to_str()?,
        _ => return None,
    };
    if first == "site.toml" && parts.next().is_none() {
        return Some(rel.to_path_buf());
    }
    if !WATCHED_DIRS.contains(&first) {
        return None;
    }
    for c in rel.components().skip(1) {
        let Component::Normal(name) = c else { return None };
        if is_editor_temp(&name.to_string_lossy()) {
            return None;
        }
    }
    Some(rel.to_path_buf())
}

/// Backup, swap and lock files that editors write next to the real one.
fn is_editor_temp(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".orig", ".crdownload"].iter().any(|e| name.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relevance() {
        let root = Path::new("/site");
        let yes = |p: &str| relevant(root, &root.join(p)).is_some();
        assert!(yes("site.toml"));
        assert!(yes("content/periods/2023-q1/x.md"));
        assert!(yes("content"));
        assert!(yes("themes/default/templates/base.html"));
        assert!(!yes("output/index.html"));
        assert!(!yes("target/debug/insyn"));
        assert!(!yes("Cargo.toml"));
        assert!(!yes("content/periods/2023-q1/.x.md.swp"));
        assert!(!yes("content/periods/2023-q1/x.md~"));
        assert!(!yes("content/periods/2023-q1/#x.md#"));
        assert!(!yes("content/periods/2023-q1/4913"));
        assert!(!yes("content/.git/index"));
        assert!(!yes("themes/default/.DS_Store"));
        assert!(relevant(root, Path::new("/elsewhere/site.toml")).is_none());
    }

    #[test]
    fn reading_is_not_a_change() {
        assert!(!kind_matters(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(!kind_matters(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(kind_matters(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(kind_matters(&EventKind::Modify(notify::event::ModifyKind::Any)));
    }
}
