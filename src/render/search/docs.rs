//! What a result shows: each document's link, title, kind, service and
//! date, in shards of [`DOCS_PER_SHARD`] documents (`d/<n>.json` holds
//! documents `n * DOCS_PER_SHARD` onwards), so that a page of results
//! loads a few small files, not a list of every record.
//!
//! A shard is a JSON array of `[path, title, kind, service, date,
//! date_iso]`, `kind` and `service` being positions in the manifest's
//! `kinds` and `services`.

use super::SearchDoc;

/// Documents per shard.
pub const DOCS_PER_SHARD: usize = 32;

/// The labels that many documents share, each written once (in the
/// manifest), in the order first met.
#[derive(Default)]
pub struct Labels<'a> {
    /// Distinct labels.
    pub list: Vec<&'a str>,
    index: rustc_hash::FxHashMap<&'a str, usize>,
}

impl<'a> Labels<'a> {
    /// The position of `label`, added when new.
    fn of(&mut self, label: &'a str) -> usize {
        *self.index.entry(label).or_insert_with(|| {
            self.list.push(label);
            self.list.len() - 1
        })
    }
}

/// The document shards, with the kinds and services they refer to.
pub fn shards<'a>(docs: &[SearchDoc<'a>]) -> (Vec<Vec<u8>>, Labels<'a>, Labels<'a>) {
    let (mut kinds, mut services) = (Labels::default(), Labels::default());
    let shards = docs
        .chunks(DOCS_PER_SHARD)
        .map(|chunk| {
            let rows: Vec<(&str, &str, usize, usize, &str, &str)> = chunk
                .iter()
                .map(|d| (d.path, d.title, kinds.of(d.kind), services.of(d.service), d.date, d.date_iso))
                .collect();
            // Tuples of strings and numbers always serialise.
            serde_json::to_vec(&rows).unwrap_or_default()
        })
        .collect();
    (shards, kinds, services)
}
