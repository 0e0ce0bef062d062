//! The rules about one record that every page, feed and export must apply
//! alike: its status, whether it is open, when it was last updated and who
//! supplies it.

use super::obligations::{self, Obligation};
use super::site::Site;
use crate::time::{Date, Moment};
use crate::vocab::Status;

impl Site {
    /// Record `i`'s status in effect: after its last update (without
    /// updates: as written, else resolved when `resolved` is set, else open).
    pub fn status(&self, i: usize) -> Status {
        self.record_lines[i].last()
    }

    /// Record `i`'s status on `day` (the last day of a period, say).
    pub fn status_on(&self, i: usize, day: Date) -> Status {
        self.record_lines[i].on(day)
    }

    /// Record `i`'s status as of the site's latest report (the last day of
    /// the latest period); its status in effect when there is no period.
    pub fn status_as_of_latest(&self, i: usize) -> Status {
        self.as_of.map_or_else(|| self.status(i), |day| self.status_on(i, day))
    }

    /// Whether record `i` still needs work.
    pub fn is_open(&self, i: usize) -> bool {
        self.status(i) != Status::Resolved
    }

    /// When record `i` was last updated, for feeds and the sitemap: its
    /// latest update or its resolution, whichever is later; else when it
    /// began.
    pub fn last_updated(&self, i: usize) -> Moment {
        let r = &self.records[i];
        let tz = &self.config.time_zone;
        let resolved = r.resolved.as_ref().map(|m| m.value);
        match (r.updates.last().map(|u| u.date.value), resolved) {
            (Some(update), Some(resolved)) if resolved.start_in(tz) > update.start_in(tz) => resolved,
            (Some(update), _) => update,
            (None, resolved) => resolved.unwrap_or(r.date.value),
        }
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

    /// The stages record `i` owed the authorities, and how each went, as
    /// far as the site knows (to the end of the latest period).
    pub fn obligations(&self, i: usize) -> &[Obligation] {
        &self.record_obligations[i]
    }

    /// The same as it stood at the end of `day` (a period's last day): a
    /// report made later was not known then.
    pub fn obligations_as_of(&self, i: usize, day: Date) -> Vec<Obligation> {
        let tz = &self.config.time_zone;
        let until = obligations::knowledge_ends(Some(day), tz);
        obligations::obligations(&self.records[i], &self.config.authorities, tz, until)
    }
}
