//! search.js stems a query with `snowball-stemmers.js`; the index is made
//! with the `rust-stemmers` crate. Unless both give every word the same
//! stem, a word typed does not find the word written. This stems every word
//! of the example site, of a generated corpus (benches/build), of the
//! theme's Swedish strings and of the tests' Swedish fixtures (with the odd
//! English word of the code between them: any word must stem alike) with
//! both Swedish stemmers, and every word of the
//! English fixture site, the theme's English strings and the project's
//! English documents with both English stemmers, and compares. It needs
//! Node.js (which tests/browser/install.sh installs).

#[allow(dead_code)]
#[path = "../benches/build/corpus.rs"]
mod corpus;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use insyn::render::search::tokens::{WordStemmer, for_each_word, lowercase};
use insyn::vocab::Language;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn add_words(text: &str, words: &mut BTreeSet<String>) {
    for_each_word(text, |w| {
        words.insert(lowercase(w).into_owned());
    });
}

fn add_files(dir: &Path, words: &mut BTreeSet<String>) {
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            add_words(&text, words);
        }
    }
}

/// The stems `snowball-stemmers.js` gives `words`, in order.
fn stems_in_javascript(algorithm: &str, words: &[&String]) -> Vec<String> {
    let script = root().join("tests/browser/stem-words.cjs");
    let mut node = Command::new("node")
        .arg(&script)
        .arg(algorithm)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run node (Node.js 20 or newer; tests/browser/install.sh installs it)");
    let input: String = words.iter().map(|w| format!("{w}\n")).collect();
    node.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write words to node");
    let out = node.wait_with_output().expect("node");
    assert!(out.status.success(), "node failed");
    String::from_utf8(out.stdout).expect("UTF-8").lines().map(str::to_string).collect()
}

fn assert_same_stems(language: Language, algorithm: &str, words: &BTreeSet<String>) {
    let words: Vec<&String> = words.iter().collect();
    let stemmer = WordStemmer::new(language);
    let js = stems_in_javascript(algorithm, &words);
    assert_eq!(js.len(), words.len());
    let differ: Vec<String> = words
        .iter()
        .zip(&js)
        .filter(|(w, j)| stemmer.stem(w) != j.as_str())
        .map(|(w, j)| format!("{w}: rust {} js {j}", stemmer.stem(w)))
        .collect();
    assert_eq!(differ, Vec::<String>::new(), "{} of {} {algorithm} words stem differently", differ.len(), words.len());
    eprintln!("{} {algorithm} words: the same stems in Rust and in JavaScript", words.len());
}

#[test]
fn the_swedish_stemmers_agree_on_every_word_of_the_example_site_and_the_generated_corpus() {
    let mut words = BTreeSet::new();
    add_files(&root().join("content"), &mut words);
    for file in ["site.toml", "themes/default/i18n/sv.toml"] {
        add_words(&std::fs::read_to_string(root().join(file)).expect("read"), &mut words);
    }
    let generated = corpus::Corpus::generate(3000, 11);
    for r in &generated.records {
        add_words(&r.title, &mut words);
        add_words(&r.body, &mut words);
        r.actions.iter().for_each(|a| add_words(a, &mut words));
    }
    for s in &generated.services {
        add_words(&s.name, &mut words);
    }
    for entry in std::fs::read_dir(root().join("tests")).expect("tests/").filter_map(Result::ok) {
        if entry.path().extension().is_some_and(|e| e == "rs") {
            add_words(&std::fs::read_to_string(entry.path()).expect("read"), &mut words);
        }
    }
    assert!(words.len() > 3000, "only {} words", words.len());
    assert_same_stems(Language::Sv, "swedish", &words);
}

#[test]
fn the_english_stemmers_agree_on_every_word_of_the_english_site_and_documents() {
    let mut words = BTreeSet::new();
    add_files(&root().join("tests/fixtures/english-site"), &mut words);
    for file in ["themes/default/i18n/en.toml", "README.md", "BENCHMARKS.md"] {
        add_words(&std::fs::read_to_string(root().join(file)).expect("read"), &mut words);
    }
    assert!(words.len() > 2000, "only {} words", words.len());
    assert_same_stems(Language::En, "english", &words);
}
