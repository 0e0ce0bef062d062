//! The site search's index: the records as small static files that the
//! search page's script (`themes/default/static/search.js`) fetches while
//! a reader types. No server runs a query; the reader's browser does, and
//! it fetches only the few files a query needs.
//!
//! Input is a plain list of [`SearchDoc`]s, so that this module knows
//! nothing of the site model; [`build`] returns the files, by path under
//! the search page's folder:
//!
//! ```text
//! manifest.json             what every query reads first: the format version, the language
//!                           (which Snowball stemmer the query needs), the number of documents,
//!                           the field weights, the kinds and services results name, the list
//!                           of dictionary shards, and the folder of everything else
//! <hash>/t/<n>.json         dictionary shards by stem prefix (see `dictionary`)
//! <hash>/p/<n>.bin          posting packs (see `postings`)
//! <hash>/d/<n>.json         the documents a result list shows, 32 a shard (see `docs`)
//! ```
//!
//! `<hash>` is a digest of those files, so that a reader who fetched the
//! manifest before a new build was published never mixes two builds, and a
//! server may cache that folder for good. Documents are numbered in the
//! order given (newest first): equally good results are listed in that
//! order. A document's words are stemmed with the site language's Snowball
//! stemmer ([`tokens`]) and counted in their best field: title, then kind,
//! service, system and supplier, then periods and date, then text, weighted
//! [`WEIGHTS`]. The same bytes come out for the same documents.

mod dictionary;
mod docs;
pub mod document;
mod postings;
mod terms;
pub mod tokens;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::vocab::Language;

pub use dictionary::{MAX_KEY_CHARS, PACK_BYTES, SHARD_BYTES, TOP_TERMS};
pub use docs::DOCS_PER_SHARD;
pub use document::{SearchDoc, WEIGHTS};

/// The version of the file format; search.js refuses another.
pub const FORMAT_VERSION: u32 = 1;

/// `manifest.json`.
#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    language: &'static str,
    folder: String,
    documents: usize,
    documents_per_shard: usize,
    weights: [u8; postings::FIELDS],
    kinds: &'a [String],
    services: &'a [String],
    /// `[prefix, 1 when split]` per dictionary shard: shard `n` is `t/<n>.json`.
    shards: Vec<(&'a str, u8)>,
}

/// The index of `docs` (newest first) for a site in `language`: every
/// file, by its path under the search page's folder, `manifest.json`
/// last. [`Builder`] makes the same files from documents given a run at a
/// time.
pub fn build(docs: &[SearchDoc<'_>], language: Language) -> Vec<(String, Vec<u8>)> {
    let mut builder = Builder::new(language);
    builder.add(docs);
    builder.finish()
}

/// Makes the index from documents added a run at a time, so that a caller
/// need not hold every document's text at once (at 100 000 records the
/// texts alone take about 80 MB).
pub struct Builder {
    language: Language,
    stemmer: tokens::WordStemmer,
    vocabulary: terms::Vocabulary,
    docs: docs::DocShards,
    count: usize,
}

impl Builder {
    /// An empty index for a site in `language`.
    pub fn new(language: Language) -> Builder {
        Builder {
            language,
            stemmer: tokens::WordStemmer::new(language),
            vocabulary: terms::Vocabulary::default(),
            docs: docs::DocShards::default(),
            count: 0,
        }
    }

    /// Adds documents, numbered after those added before (newest first:
    /// equally good results are listed in this order).
    pub fn add(&mut self, docs: &[SearchDoc<'_>]) {
        let first = u32::try_from(self.count).unwrap_or(u32::MAX);
        let (vocabulary, shards, stemmer) = (&mut self.vocabulary, &mut self.docs, &self.stemmer);
        rayon::join(|| vocabulary.add(docs, first, stemmer), || shards.add(docs));
        self.count += docs.len();
    }

    /// Every file of the index, by its path under the search page's
    /// folder, `manifest.json` last.
    pub fn finish(self) -> Vec<(String, Vec<u8>)> {
        let (doc_shards, kinds, services) = self.docs.finish();
        let terms = self.vocabulary.into_terms();
        let (shards, packs) = dictionary::build(&terms);
        drop(terms);
        let mut files: Vec<(String, Vec<u8>)> = Vec::with_capacity(shards.len() + packs.len() + doc_shards.len() + 1);
        let mut keys = Vec::with_capacity(shards.len());
        for (n, shard) in shards.into_iter().enumerate() {
            keys.push((shard.key, u8::from(shard.split)));
            files.push((format!("t/{n}.json"), shard.json));
        }
        files.extend(packs.into_iter().enumerate().map(|(n, p)| (format!("p/{n}.bin"), p)));
        files.extend(doc_shards.into_iter().enumerate().map(|(n, d)| (format!("d/{n}.json"), d)));
        let folder = digest(&files);
        for (path, _) in &mut files {
            path.insert_str(0, &format!("{folder}/"));
        }
        let manifest = Manifest {
            version: FORMAT_VERSION,
            language: self.language.code(),
            folder: format!("{folder}/"),
            documents: self.count,
            documents_per_shard: DOCS_PER_SHARD,
            weights: WEIGHTS,
            kinds: &kinds.list,
            services: &services.list,
            shards: keys.iter().map(|(k, split)| (k.as_str(), *split)).collect(),
        };
        // A struct of strings and numbers always serialises.
        let manifest = serde_json::to_vec(&manifest).unwrap_or_default();
        files.push(("manifest.json".to_string(), manifest));
        files
    }
}

/// The first 10 hex digits of a SHA-256 of the files' paths and bytes.
fn digest(files: &[(String, Vec<u8>)]) -> String {
    let mut hash = Sha256::new();
    for (path, bytes) in files {
        hash.update(path.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    hash.finalize().iter().take(5).map(|b| format!("{b:02x}")).collect()
}
