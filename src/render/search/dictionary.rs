//! The term dictionary, split by stem prefix into small shards, and the
//! posting packs it points into.
//!
//! The shards form a tree of prefixes. The root (the empty prefix) holds
//! every term while that fits in [`SHARD_BYTES`]; a prefix with more is
//! split by the next character into one shard per character, down to
//! [`MAX_KEY_CHARS`] characters. A split shard keeps the term equal to its
//! prefix, if there is one, and the [`TOP_TERMS`] terms of its whole
//! subtree that occur in most documents: what a search for a prefix that
//! short shows. So every lookup reads one shard: the shard of the longest
//! prefix of the term that has one.
//!
//! A shard is JSON: `{"count": n, "terms": [entry…], "top": [entry…]}`,
//! `count` being the number of terms under its prefix, `top` present on
//! split shards only. An entry is `[stem, documents, postings]` with the
//! postings inline in base64 when they are short, else
//! `[stem, documents, pack, offset, length]`: bytes `offset..offset+length`
//! of `p/<pack>.bin`. Packs hold the postings of neighbouring terms, about
//! [`PACK_BYTES`] each, so that the terms a prefix finds mostly share one.

use super::postings;
use super::terms::Term;

/// A shard above this many bytes is split (an estimate made before the
/// pack numbers are known; measured sizes are in BENCHMARKS.md).
pub const SHARD_BYTES: usize = 16 * 1024;

/// Prefixes are at most this long: terms that share a longer prefix stay
/// together even when their shard is larger.
pub const MAX_KEY_CHARS: usize = 6;

/// How many of a split shard's most frequent terms it keeps for a search
/// for its prefix.
pub const TOP_TERMS: usize = 24;

/// Postings up to this long are written into the shard (as base64).
pub const INLINE_BYTES: usize = 24;

/// A pack is closed when the next postings would take it past this.
pub const PACK_BYTES: usize = 16 * 1024;

/// Where a term's postings are.
enum Postings {
    Inline(Vec<u8>),
    Packed { pack: usize, offset: usize, len: usize },
}

/// A term ready to be written: stem, number of documents, postings.
struct Entry<'a> {
    text: &'a str,
    documents: usize,
    postings: Postings,
}

impl Entry<'_> {
    /// The entry as a shard lists it.
    fn write(&self, out: &mut String) {
        use std::fmt::Write as _;
        out.push('[');
        // Serialising a string cannot fail.
        out.push_str(&serde_json::to_string(self.text).unwrap_or_default());
        let _ = write!(out, ",{}", self.documents);
        match &self.postings {
            Postings::Inline(bytes) => {
                out.push_str(",\"");
                base64(bytes, out);
                out.push('"');
            }
            Postings::Packed { pack, offset, len } => {
                let _ = write!(out, ",{pack},{offset},{len}");
            }
        }
        out.push(']');
    }

    /// About how many bytes [`Entry::write`] writes.
    fn estimate(&self) -> usize {
        self.text.len()
            + 8
            + match &self.postings {
                Postings::Inline(bytes) => bytes.len().div_ceil(3) * 4 + 2,
                Postings::Packed { .. } => 20,
            }
    }
}

/// One shard: its prefix, whether it is split, and its JSON.
pub struct Shard {
    /// The prefix.
    pub key: String,
    /// Split by the next character (it lists only its own and top terms).
    pub split: bool,
    /// `t/<n>.json`, n being its place in the list.
    pub json: Vec<u8>,
}

/// The dictionary of `terms` (sorted): the shards, in prefix order, and
/// the packs.
pub fn build(terms: &[Term]) -> (Vec<Shard>, Vec<Vec<u8>>) {
    let mut packs: Vec<Vec<u8>> = Vec::new();
    let mut blob = Vec::new();
    let entries: Vec<Entry<'_>> = terms
        .iter()
        .map(|t| {
            blob.clear();
            postings::encode(&t.lists, &mut blob);
            let postings = if blob.len() <= INLINE_BYTES {
                Postings::Inline(blob.clone())
            } else {
                if packs.last().is_none_or(|p| !p.is_empty() && p.len() + blob.len() > PACK_BYTES) {
                    packs.push(Vec::new());
                }
                let pack = packs.len() - 1;
                let offset = packs[pack].len();
                packs[pack].extend_from_slice(&blob);
                Postings::Packed { pack, offset, len: blob.len() }
            };
            Entry { text: &t.text, documents: t.documents(), postings }
        })
        .collect();
    let mut shards = Vec::new();
    split(String::new(), &entries, &mut shards);
    (shards, packs)
}

/// Adds the shard of `key`, holding `entries` (every term with that
/// prefix), and, when it is split, the shards below it.
fn split(key: String, entries: &[Entry<'_>], shards: &mut Vec<Shard>) {
    let size: usize = entries.iter().map(Entry::estimate).sum();
    let key_chars = key.chars().count();
    if size <= SHARD_BYTES || key_chars >= MAX_KEY_CHARS {
        shards.push(Shard { key, split: false, json: shard_json(entries.len(), entries.iter(), None) });
        return;
    }
    let (own, longer): (Vec<&Entry<'_>>, Vec<&Entry<'_>>) = entries.iter().partition(|e| e.text == key);
    let mut top: Vec<&Entry<'_>> = longer.clone();
    top.sort_by(|a, b| b.documents.cmp(&a.documents).then_with(|| a.text.cmp(b.text)));
    top.truncate(TOP_TERMS);
    shards.push(Shard { key: key.clone(), split: true, json: shard_json(entries.len(), own.into_iter(), Some(&top)) });
    // `entries` are sorted, so the terms of each next character are a run.
    let mut rest = &entries[usize::from(entries.first().is_some_and(|e| e.text == key))..];
    while let Some(first) = rest.first() {
        let Some(next) = first.text[key.len()..].chars().next() else { break };
        let child = format!("{key}{next}");
        let end = rest.iter().position(|e| !e.text.starts_with(&child)).unwrap_or(rest.len());
        split(child, &rest[..end], shards);
        rest = &rest[end..];
    }
}

fn shard_json<'a, 'b: 'a>(
    count: usize,
    terms: impl Iterator<Item = &'a Entry<'b>>,
    top: Option<&[&Entry<'_>]>,
) -> Vec<u8> {
    let mut out = format!("{{\"count\":{count},\"terms\":[");
    for (i, e) in terms.enumerate() {
        if i > 0 {
            out.push(',');
        }
        e.write(&mut out);
    }
    out.push(']');
    if let Some(top) = top {
        out.push_str(",\"top\":[");
        for (i, e) in top.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            e.write(&mut out);
        }
        out.push(']');
    }
    out.push('}');
    out.into_bytes()
}

/// Standard base64 with padding (what `atob` reads).
fn base64(bytes: &[u8], out: &mut String) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        let enc = |b: &[u8]| {
            let mut s = String::new();
            base64(b, &mut s);
            s
        };
        assert_eq!(enc(b""), "");
        assert_eq!(enc(b"f"), "Zg==");
        assert_eq!(enc(b"fo"), "Zm8=");
        assert_eq!(enc(b"foo"), "Zm9v");
        assert_eq!(enc(b"foobar"), "Zm9vYmFy");
        assert_eq!(enc(&[0xff, 0xfe]), "//4=");
    }

    fn term(text: &str, docs: u32) -> Term {
        Term { text: text.to_string(), lists: [Vec::new(), Vec::new(), Vec::new(), (0..docs).map(|i| i * 7).collect()] }
    }

    #[test]
    fn a_large_dictionary_splits_by_prefix_and_keeps_the_frequent_terms_on_top() {
        let mut terms: Vec<Term> = (0..3000).map(|i| term(&format!("s{i:05}"), 1 + i % 40)).collect();
        terms.push(term("s", 5));
        terms.push(term("agresso", 900));
        terms.sort_by(|a, b| a.text.cmp(&b.text));
        let (shards, packs) = build(&terms);
        let keys: Vec<&str> = shards.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys[0], "");
        assert!(shards[0].split);
        assert!(keys.contains(&"a") && keys.contains(&"s") && keys.contains(&"s0"), "{keys:?}");
        let s = shards.iter().find(|s| s.key == "s").expect("shard s");
        let json: serde_json::Value = serde_json::from_slice(&s.json).expect("JSON");
        assert_eq!(json["count"], 3001);
        assert_eq!(json["terms"][0][0], "s", "the split shard keeps its own term");
        assert_eq!(json["top"].as_array().map(Vec::len), Some(TOP_TERMS));
        assert_eq!(json["top"][0][1], 40, "the most frequent first");
        // Each term is in exactly one unsplit shard or is a split shard's own.
        let listed: usize = shards
            .iter()
            .map(|s| {
                let json: serde_json::Value = serde_json::from_slice(&s.json).expect("JSON");
                json["terms"].as_array().map_or(0, Vec::len)
            })
            .sum();
        assert_eq!(listed, terms.len());
        assert!(packs.iter().all(|p| !p.is_empty() && p.len() <= PACK_BYTES));
    }
}
