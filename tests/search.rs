//! The search page and its index, read as search.js reads them: a small
//! reference reader (below) follows the manifest to the dictionary shard of
//! a word, its postings and the documents, and the tests check that it
//! finds the records that mention the word, on the example site, on the
//! English fixture and on a site large enough to split every part of the
//! index.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::TestSite;
use insyn::render::search::tokens::WordStemmer;
use insyn::render::search::{DOCS_PER_SHARD, MAX_KEY_CHARS, PACK_BYTES, SHARD_BYTES, TOP_TERMS};
use insyn::vocab::Language;
use serde_json::Value;

/// The index of a built site, as the browser fetches it.
struct Index {
    /// The search page's folder in the output.
    dir: PathBuf,
    manifest: Value,
    /// Shard prefix → (file number, split).
    shards: BTreeMap<String, (usize, bool)>,
}

impl Index {
    fn open(output: &Path, word: &str) -> Index {
        let dir = output.join(word);
        let manifest: Value = read_json(&dir.join("manifest.json"));
        assert_eq!(manifest["version"], 1);
        let shards = manifest["shards"]
            .as_array()
            .expect("shards")
            .iter()
            .enumerate()
            .map(|(n, s)| (s[0].as_str().expect("prefix").to_string(), (n, s[1] == 1)))
            .collect();
        Index { dir, manifest, shards }
    }

    fn file(&self, rel: &str) -> PathBuf {
        self.dir.join(self.manifest["folder"].as_str().expect("folder")).join(rel)
    }

    /// The shard that holds `key` or every term starting with it.
    fn locate(&self, key: &str) -> Option<(usize, bool)> {
        let mut at = String::new();
        let mut shard = self.shards[""];
        for c in key.chars() {
            if !shard.1 {
                break;
            }
            at.push(c);
            shard = *self.shards.get(&at)?;
        }
        Some(shard)
    }

    fn shard(&self, n: usize) -> Value {
        read_json(&self.file(&format!("t/{n}.json")))
    }

    /// The entry of exactly `stem`.
    fn term(&self, stem: &str) -> Option<Value> {
        let (n, _) = self.locate(stem)?;
        self.shard(n)["terms"].as_array().expect("terms").iter().find(|e| e[0] == stem).cloned()
    }

    /// The entries a prefix search for `prefix` takes in, and whether the
    /// shard had more than it lists (a split shard's top terms only).
    fn prefixed(&self, prefix: &str) -> (Vec<Value>, bool) {
        let Some((n, split)) = self.locate(prefix) else { return (Vec::new(), false) };
        let shard = self.shard(n);
        let mut list: Vec<Value> = shard["terms"].as_array().expect("terms").clone();
        if split {
            list.extend(shard["top"].as_array().expect("top").iter().cloned());
        }
        let more = shard["count"].as_u64().expect("count") as usize > list.len();
        list.retain(|e| e[0].as_str().is_some_and(|t| t.starts_with(prefix)));
        (list, more)
    }

    /// Per field, the documents of an entry.
    fn postings(&self, entry: &Value) -> [Vec<u32>; 4] {
        let bytes = match &entry[2] {
            Value::String(b64) => base64(b64),
            pack => {
                let all = std::fs::read(self.file(&format!("p/{pack}.bin"))).expect("pack");
                let (offset, len) =
                    (entry[3].as_u64().expect("offset") as usize, entry[4].as_u64().expect("len") as usize);
                all[offset..offset + len].to_vec()
            }
        };
        decode(&bytes)
    }

    /// Every document an entry lists.
    fn documents(&self, entry: &Value) -> BTreeSet<u32> {
        let ids: BTreeSet<u32> = self.postings(entry).into_iter().flatten().collect();
        assert_eq!(ids.len() as u64, entry[1].as_u64().expect("documents"), "{entry}");
        ids
    }

    /// A document's row: `[path, title, kind, service, date, date_iso]`,
    /// kind and service as the manifest names them.
    fn doc(&self, id: u32) -> Vec<String> {
        let per = self.manifest["documents_per_shard"].as_u64().expect("per shard") as u32;
        let shard: Value = read_json(&self.file(&format!("d/{}.json", id / per)));
        let row = &shard[(id % per) as usize];
        vec![
            row[0].as_str().expect("path").to_string(),
            row[1].as_str().expect("title").to_string(),
            self.manifest["kinds"][row[2].as_u64().expect("kind") as usize].as_str().expect("kind").to_string(),
            self.manifest["services"][row[3].as_u64().expect("service") as usize].as_str().expect("svc").to_string(),
            row[4].as_str().expect("date").to_string(),
            row[5].as_str().expect("iso").to_string(),
        ]
    }

    /// The record ids (last part of the path) of documents.
    fn ids(&self, docs: &BTreeSet<u32>) -> BTreeSet<String> {
        docs.iter().map(|&d| self.doc(d)[0].trim_end_matches('/').rsplit('/').next().expect("id").to_string()).collect()
    }

    /// The records with `word` (stemmed as the site's language does).
    fn find(&self, word: &str, language: Language) -> BTreeSet<String> {
        let stem = WordStemmer::new(language).stem(word).into_owned();
        self.term(&stem).map_or_else(BTreeSet::new, |e| self.ids(&self.documents(&e)))
    }

    /// The records with a word that starts with `prefix`.
    fn find_prefix(&self, prefix: &str) -> BTreeSet<String> {
        let (entries, more) = self.prefixed(prefix);
        assert!(!more, "{prefix} is a split prefix: the reader would see its top terms only");
        let docs: BTreeSet<u32> = entries.iter().flat_map(|e| self.documents(e)).collect();
        self.ids(&docs)
    }
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {text}"),
    };
    let mut out = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let n = chunk
            .iter()
            .filter(|&&c| c != b'=')
            .enumerate()
            .fold(0u32, |n, (i, &c)| n | u32::from(value(c)) << (18 - 6 * i));
        let len = chunk.iter().filter(|&&c| c != b'=').count() - 1;
        out.extend((0..len).map(|i| (n >> (16 - 8 * i)) as u8));
    }
    out
}

fn decode(mut bytes: &[u8]) -> [Vec<u32>; 4] {
    fn read(bytes: &mut &[u8]) -> u32 {
        let (mut value, mut shift) = (0u32, 0);
        loop {
            let b = bytes[0];
            *bytes = &bytes[1..];
            value |= u32::from(b & 0x7f) << shift;
            if b < 0x80 {
                return value;
            }
            shift += 7;
        }
    }
    let mut lists: [Vec<u32>; 4] = Default::default();
    while !bytes.is_empty() {
        let header = bytes[0];
        bytes = &bytes[1..];
        let len = read(&mut bytes) as usize;
        let (mut payload, rest) = bytes.split_at(len);
        bytes = rest;
        let ids = &mut lists[usize::from(header >> 2)];
        match header & 3 {
            0 => {
                let mut id = 0;
                for i in 0..read(&mut payload) {
                    let gap = read(&mut payload);
                    id = if i == 0 { gap } else { id + gap };
                    ids.push(id);
                }
            }
            1 => {
                for (i, b) in payload.iter().enumerate() {
                    ids.extend((0..8).filter(|bit| b & (1 << bit) != 0).map(|bit| i as u32 * 8 + bit));
                }
            }
            2 => {
                let mut end = 0;
                for _ in 0..read(&mut payload) {
                    let start = end + read(&mut payload);
                    end = start + read(&mut payload);
                    ids.extend(start..end);
                }
            }
            other => panic!("unknown encoding {other}"),
        }
    }
    lists
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_search_page_has_a_labelled_form_a_live_region_and_without_javascript_links_to_the_lists() {
    let site = TestSite::example();
    site.build_ok();
    let page = site.page("sok/index.html");
    assert!(page.contains(r#"<form role="search" id="search-form""#), "{page}");
    assert!(page.contains(r#"<label for="search-q">Sökord</label>"#));
    assert!(page.contains(r#"<input type="search" id="search-q" name="q""#));
    assert!(page.contains(r#"role="status" aria-live="polite""#));
    assert!(page.contains("Sökningen behöver JavaScript"));
    let links = common::links(&page);
    for list in ["avvikelser/index.html", "perioder/index.html", "tjanster/index.html", "omraden/index.html"] {
        assert!(links.contains(&format!("../{list}")), "no link to {list}: {links:?}");
    }
    // Its only scripts are its own two, from the site's static folder.
    let scripts: Vec<&str> = page.match_indices("<script").map(|(i, _)| &page[i..i + 60]).collect();
    assert_eq!(scripts.len(), 2, "{scripts:?}");
    assert!(
        page.contains(r#"<script src="../static/snowball-stemmers."#)
            && page.contains(r#"<script src="../static/search."#)
    );
    assert!(site.has_output("sok/manifest.json"));
    // Every page links to it from the navigation; no other page has a script.
    let overview = site.page("index.html");
    assert!(overview.contains(r#"<a href="sok/index.html">Sök</a>"#), "{overview}");
    for html in site.html_files() {
        if html != "sok/index.html" {
            assert!(!site.page(&html).contains("<script"), "{html} has a script");
        }
    }
}

#[test]
fn words_in_the_example_site_find_the_records_that_mention_them() {
    let site = TestSite::example();
    site.build_ok();
    let index = Index::open(&site.output(), "sok");
    assert_eq!(index.manifest["language"], "sv");
    assert_eq!(index.manifest["documents"], 21);
    let agresso = set(&[
        "agresso-citrixskrivbordet-startar-inte",
        "agresso-ej-atkomst-citrix-excelerator",
        "agresso-inga-appar-citrixskrivbordet",
        "agresso-ingen-atkomst-citrix-vissa-anvandare",
        "agresso-ingen-kontakt-produktionsdatabasen",
        "agresso-minnesbrist-servrar",
        "agresso-problem-med-excelerator",
    ]);
    // The system of their service is "Agresso/Unit4 (UBW)".
    assert_eq!(index.find("agresso", Language::Sv), agresso);
    assert_eq!(index.find("unit4", Language::Sv), agresso);
    // "Citr" while typing: Citrix, Citrix-skrivbordet, Citrix-servrarna.
    let citrix = set(&[
        "agresso-citrixskrivbordet-startar-inte",
        "agresso-ej-atkomst-citrix-excelerator",
        "agresso-inga-appar-citrixskrivbordet",
        "agresso-ingen-atkomst-citrix-vissa-anvandare",
        "agresso-minnesbrist-servrar",
    ]);
    assert_eq!(index.find_prefix("citr"), citrix);
    // Inflected forms meet in one stem: "personuppgifter" in these titles.
    let titles = set(&[
        "kpa-mina-sidor-synliga-uppgifter",
        "utbildningsportalen-deltagaruppgifter-synliga",
        "visma-recruit-risk-for-lackta-personuppgifter",
    ]);
    let entry = index.term("personuppgift").expect("the stem personuppgift");
    let in_titles: BTreeSet<u32> = index.postings(&entry)[0].iter().copied().collect();
    assert_eq!(index.ids(&in_titles), titles);
    assert_eq!(index.find("personuppgifterna", Language::Sv), index.find("personuppgift", Language::Sv));
    // "personuppgift" as a prefix takes in the kind: every personal-data incident.
    let incidents = index.find_prefix("personuppgift");
    for id in [
        "adato-fel-behorighet",
        "formansportalen-overforing-pensionsgrundande-lon",
        "personec-p-fel-behorighet",
        "visma-recruit-risk-for-lackta-personuppgifter",
    ] {
        assert!(incidents.contains(id), "{id} not in {incidents:?}");
    }
    // A result shows kind, service and date; documents are newest first.
    let docs: Vec<Vec<String>> = (0..21).map(|d| index.doc(d)).collect();
    assert!(docs.windows(2).all(|w| w[0][5] >= w[1][5]), "{docs:?}");
    let minne = docs.iter().find(|d| d[0] == "avvikelser/agresso-minnesbrist-servrar/").expect("doc");
    assert_eq!(
        minne[1..],
        [
            "Inte tillräckligt med minne på alla fyra servrarna, ingen kontakt med servrarna",
            "Major incident",
            "Stöd i ekonomiprocesser",
            "17 januari 2023",
            "2023-01-17"
        ]
    );
    assert!(index.find("finnsinte", Language::Sv).is_empty());
}

#[test]
fn the_english_site_searches_at_search_with_english_stems() {
    let site = TestSite::fixture("english-site");
    site.build_ok();
    let page = site.page("search/index.html");
    assert!(page.contains(r#"<label for="search-q">Search words</label>"#), "{page}");
    assert!(page.contains("Search needs JavaScript"));
    let index = Index::open(&site.output(), "search");
    assert_eq!(index.manifest["language"], "en");
    // "Recordings were visible": recordings, recorded and record share a stem.
    assert_eq!(index.find("recorded", Language::En), set(&["phones-personal-data"]));
    assert_eq!(index.find("payment", Language::En), set(&["payments-delayed"]), "drafts are not indexed");
}

/// A word of consonants only: the Swedish stemmer leaves it whole.
fn pseudo_word(n: usize) -> String {
    const LETTERS: &[u8] = b"bcdfghjklmnpqrstvwxz";
    let mut word = String::from("k");
    let mut n = n;
    for _ in 0..5 {
        word.push(char::from(LETTERS[n % LETTERS.len()]));
        n /= LETTERS.len();
    }
    word
}

const RECORDS: usize = 300;
const WORDS_PER_RECORD: usize = 40;

/// A site whose 12 000 distinct words split the dictionary, whose common
/// words fill posting packs, and whose records fill several document shards.
fn large_vocabulary() -> TestSite {
    let site = TestSite::minimal();
    site.remove("content/periods/2023-q1/lon-stopp.md");
    for r in 0..RECORDS {
        let words: Vec<String> = (0..WORDS_PER_RECORD).map(|w| pseudo_word(r * WORDS_PER_RECORD + w)).collect();
        let every_third = if r % 3 == 0 { "ofta" } else { "" };
        site.write(
            &format!("content/periods/2023-q1/post-{r:03}.md"),
            &format!(
                "+++\ntitle = \"Post {r}\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-{:02}\n+++\nGemensam text {every_third}. {}\n",
                1 + r % 28,
                words.join(" ")
            ),
        );
    }
    site
}

#[test]
fn a_large_index_is_split_into_small_files_that_still_find_every_word() {
    let site = large_vocabulary();
    site.build_ok();
    let index = Index::open(&site.output(), "sok");
    assert_eq!(index.manifest["documents"], RECORDS);
    // The dictionary is split by prefix; no shard is much over its size.
    assert!(index.shards.len() > 20, "{} shards", index.shards.len());
    assert!(index.shards[""].1 && index.shards["k"].1, "the root and `k` are split");
    for (key, &(n, _)) in &index.shards {
        let bytes = std::fs::metadata(index.file(&format!("t/{n}.json"))).expect("shard").len() as usize;
        assert!(bytes <= 2 * SHARD_BYTES || key.chars().count() == MAX_KEY_CHARS, "shard {key:?}: {bytes} bytes");
    }
    // Documents in shards of 32, postings in packs.
    let doc_shards = RECORDS.div_ceil(DOCS_PER_SHARD);
    assert!(
        index.file(&format!("d/{}.json", doc_shards - 1)).exists()
            && !index.file(&format!("d/{doc_shards}.json")).exists()
    );
    let pack = std::fs::metadata(index.file("p/0.bin")).expect("a pack").len() as usize;
    assert!(pack <= PACK_BYTES);
    // Every 97th word finds exactly its record.
    for w in (0..RECORDS * WORDS_PER_RECORD).step_by(97) {
        let word = pseudo_word(w);
        assert_eq!(index.find(&word, Language::Sv), set(&[&format!("post-{:03}", w / WORDS_PER_RECORD)]), "{word}");
    }
    // Words in many records: every record, every third.
    assert_eq!(index.find("gemensam", Language::Sv).len(), RECORDS);
    assert_eq!(index.find("ofta", Language::Sv).len(), RECORDS.div_ceil(3));
    // A prefix of a shard of its own finds every word under it.
    let word = pseudo_word(4321);
    let prefix: String = word.chars().take(3).collect();
    let expected: BTreeSet<String> = (0..RECORDS * WORDS_PER_RECORD)
        .filter(|&w| pseudo_word(w).starts_with(&prefix))
        .map(|w| format!("post-{:03}", w / WORDS_PER_RECORD))
        .collect();
    assert!(expected.len() > 1);
    assert_eq!(index.find_prefix(&prefix), expected);
    // A prefix as short as a split shard's key gives its most frequent terms.
    let (top, more) = index.prefixed("k");
    assert!(more && top.len() == TOP_TERMS, "{} terms", top.len());
}

#[test]
fn the_index_is_the_same_bytes_on_every_build() {
    let site = large_vocabulary();
    site.build_ok();
    let first = common::snapshot(&site.output().join("sok"));
    site.build_ok();
    assert_eq!(common::snapshot(&site.output().join("sok")), first);
}
