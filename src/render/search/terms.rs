//! From documents to terms: every stem of the documents, with the
//! documents it occurs in, per field.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::document::SearchDoc;
use super::postings::FIELDS;
use super::tokens::{WordStemmer, for_each_word, lowercase};

/// A field's place in [`super::document::WEIGHTS`] and in the postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// The title.
    Title = 0,
    /// Kind, service, system and supplier.
    Facts = 1,
    /// The periods that report the record, and its date.
    Periods = 2,
    /// The text.
    Body = 3,
}

/// One stem and the documents it occurs in.
pub struct Term {
    /// The stem.
    pub text: String,
    /// Per field, the ascending ids of the documents whose best field for
    /// this stem it is.
    pub lists: [Vec<u32>; FIELDS],
}

impl Term {
    /// In how many documents the stem occurs.
    pub fn documents(&self) -> usize {
        self.lists.iter().map(Vec::len).sum()
    }
}

/// Documents handed to one task at a time: enough that a task's stems
/// mostly repeat (a word is stemmed once per task), few enough to keep
/// both threads busy.
const DOCS_PER_TASK: usize = 512;

/// The stems met so far, with their documents.
#[derive(Default)]
pub struct Vocabulary {
    ids: HashMap<String, usize>,
    terms: Vec<Term>,
}

impl Vocabulary {
    /// Adds the stems of `docs`, numbered from `first_id` on (after every
    /// document added before, so that every list stays ascending).
    pub fn add(&mut self, docs: &[SearchDoc<'_>], first_id: u32, stemmer: &WordStemmer) {
        let parts: Vec<Part> = docs
            .par_chunks(DOCS_PER_TASK)
            .enumerate()
            .map(|(n, chunk)| Part::of(chunk, first_id + (n * DOCS_PER_TASK) as u32, stemmer))
            .collect();
        for part in parts {
            for (text, lists) in part.stems.into_iter().zip(part.lists) {
                let terms = &mut self.terms;
                let id = *self.ids.entry(text).or_insert_with_key(|text| {
                    terms.push(Term { text: text.clone(), lists: Default::default() });
                    terms.len() - 1
                });
                for (all, more) in terms[id].lists.iter_mut().zip(lists) {
                    all.extend(more);
                }
            }
        }
    }

    /// Every stem, sorted.
    pub fn into_terms(self) -> Vec<Term> {
        let mut terms = self.terms;
        terms.sort_unstable_by(|a, b| a.text.cmp(&b.text));
        terms
    }
}

/// The stems of a run of documents.
struct Part {
    /// Stems, by local id.
    stems: Vec<String>,
    /// Per local id, the documents per field.
    lists: Vec<[Vec<u32>; FIELDS]>,
}

impl Part {
    fn of(docs: &[SearchDoc<'_>], first_id: u32, stemmer: &WordStemmer) -> Part {
        let mut part = Part { stems: Vec::new(), lists: Vec::new() };
        // A word as written → its stem's local id.
        let mut known: HashMap<String, u32> = HashMap::default();
        let mut stem_ids: HashMap<String, u32> = HashMap::default();
        // Per local id, the best field in the current document.
        let mut best: Vec<Option<Field>> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        for (n, doc) in docs.iter().enumerate() {
            let mut add = |text: &str, field: Field| {
                for_each_word(text, |word| {
                    let id = match known.get(word) {
                        Some(&id) => id,
                        None => {
                            let stem = stemmer.stem(&lowercase(word)).into_owned();
                            let id = *stem_ids.entry(stem).or_insert_with_key(|stem| {
                                part.stems.push(stem.clone());
                                part.lists.push(Default::default());
                                best.push(None);
                                (part.stems.len() - 1) as u32
                            });
                            known.insert(word.to_string(), id);
                            id
                        }
                    };
                    let slot = &mut best[id as usize];
                    match slot {
                        None => {
                            seen.push(id);
                            *slot = Some(field);
                        }
                        Some(f) if field < *f => *f = field,
                        Some(_) => {}
                    }
                });
            };
            add(doc.title, Field::Title);
            for fact in [Some(doc.kind), Some(doc.service), doc.system, doc.supplier].into_iter().flatten() {
                add(fact, Field::Facts);
            }
            for period in &doc.periods {
                add(period, Field::Periods);
            }
            add(doc.date, Field::Periods);
            add(doc.body, Field::Body);
            let id = first_id + n as u32;
            for &t in &seen {
                if let Some(field) = best[t as usize].take() {
                    part.lists[t as usize][field as usize].push(id);
                }
            }
            seen.clear();
        }
        part
    }
}
