//! The rules about one record that every page, feed and export must apply
//! alike: its status, whether it is open, when it was last updated and who
//! supplies it.

use super::Site;
use crate::time::Moment;
use crate::vocab::Status;

impl Site {
    /// Record `i`'s status in effect: as written, else resolved when
    /// `resolved` is set, else open.
    pub fn status(&self, i: usize) -> Status {
        let r = &self.records[i];
        match &r.status_written {
            Some(s) => s.value,
            None if r.resolved.is_some() => Status::Resolved,
            None => Status::Open,
        }
    }

    /// Whether record `i` still needs work.
    pub fn is_open(&self, i: usize) -> bool {
        self.status(i) != Status::Resolved
    }

    /// When record `i` was last updated, for feeds and the sitemap: when it
    /// was resolved, else when it began.
    pub fn last_updated(&self, i: usize) -> Moment {
        let r = &self.records[i];
        r.resolved.as_ref().map_or(r.date.value, |m| m.value)
    }

    /// Record `i`'s supplier: its own, else its service's. The flag says
    /// that it came from the service.
    pub fn supplier(&self, i: usize) -> Option<(&str, bool)> {
        let r = &self.records[i];
        match (&r.supplier, self.record_service[i].and_then(|s| self.services[s].supplier.as_deref())) {
            (Some(own), _) => Some((own.as_str(), false)),
            (None, Some(theirs)) => Some((theirs, true)),
            (None, None) => None,
        }
    }
}
