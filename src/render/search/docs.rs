//! What a result shows: each document's link, title, kind, service and
//! date, in shards of [`DOCS_PER_SHARD`] documents (`d/<n>.json` holds
//! documents `n * DOCS_PER_SHARD` onwards), so that a page of results
//! loads a few small files, not a list of every record.
//!
//! A shard is a JSON array of `[path, title, kind, service, date,
//! date_iso]`, `kind` and `service` being positions in the manifest's
//! `kinds` and `services`.

use super::document::SearchDoc;

/// Documents per shard.
pub const DOCS_PER_SHARD: usize = 32;

/// The labels that many documents share, each written once (in the
/// manifest), in the order first met.
#[derive(Default)]
pub struct Labels {
    /// Distinct labels.
    pub list: Vec<String>,
    index: rustc_hash::FxHashMap<String, usize>,
}

impl Labels {
    /// The position of `label`, added when new.
    fn of(&mut self, label: &str) -> usize {
        if let Some(&i) = self.index.get(label) {
            return i;
        }
        self.list.push(label.to_string());
        self.index.insert(label.to_string(), self.list.len() - 1);
        self.list.len() - 1
    }
}

/// The document shards, made as documents come.
#[derive(Default)]
pub struct DocShards {
    /// Finished shards.
    pub shards: Vec<Vec<u8>>,
    /// The rows of the shard being filled.
    rows: Vec<(String, String, usize, usize, String, String)>,
    /// The kinds the rows name.
    pub kinds: Labels,
    /// The services the rows name.
    pub services: Labels,
}

impl DocShards {
    /// Adds documents after those added before.
    pub fn add(&mut self, docs: &[SearchDoc<'_>]) {
        for d in docs {
            let row = (
                d.path.to_string(),
                d.title.to_string(),
                self.kinds.of(d.kind),
                self.services.of(d.service),
                d.date.to_string(),
                d.date_iso.to_string(),
            );
            self.rows.push(row);
            if self.rows.len() == DOCS_PER_SHARD {
                self.flush();
            }
        }
    }

    /// Every shard, the last one filled or not.
    pub fn finish(mut self) -> (Vec<Vec<u8>>, Labels, Labels) {
        if !self.rows.is_empty() {
            self.flush();
        }
        (self.shards, self.kinds, self.services)
    }

    fn flush(&mut self) {
        // Tuples of strings and numbers always serialise.
        self.shards.push(serde_json::to_vec(&self.rows).unwrap_or_default());
        self.rows.clear();
    }
}
