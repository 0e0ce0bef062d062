//! What the request threads, the rebuilds and the handle share: the site
//! served now and the status the preview's script polls.

use std::sync::atomic::{AtomicBool, AtomicUsize};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use super::http::SiteFiles;

/// The preview's state at one moment, as the status endpoint reports it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Status {
    /// Good builds so far (the first build is 1; 0 while none succeeded).
    pub build: u64,
    /// Builds so far, good or failed.
    pub version: u64,
    /// The diagnostics of the latest build when it failed, as plain text.
    pub error: Option<String>,
}

/// Shared between the request threads, the watcher and the handle.
pub(super) struct State {
    pub(super) inner: Mutex<Inner>,
    /// Notified after every rebuild, good or failed, and on stop.
    pub(super) changed: Condvar,
    /// Set when the server stops: every thread then ends.
    pub(super) stopping: AtomicBool,
    /// Status requests waiting for the next rebuild.
    pub(super) waiting: AtomicUsize,
    /// Whether the preview listens on a loopback address only.
    pub(super) loopback: bool,
}

/// What [`State`]'s lock guards.
pub(super) struct Inner {
    /// The site served; `None` until a build succeeded.
    pub(super) site: Option<Arc<SiteFiles>>,
    /// What the status endpoint reports.
    pub(super) status: Status,
}

impl State {
    /// The site and status, also after a thread panicked holding them
    /// (they are replaced whole, never left half-changed).
    pub(super) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
