//! A generated site of the kind the benchmark builds (benches/build/): it
//! passes `check`, its list of all records is split into pages, and writing
//! while rendering gives the same files as rendering into memory. No timings
//! here: those live in the benchmark.

mod common;

#[allow(dead_code)]
#[path = "../benches/build/corpus.rs"]
mod corpus;

use common::TestSite;

const RECORDS: usize = 1_200;

fn generated() -> TestSite {
    let site = TestSite::empty();
    corpus::Corpus::generate(RECORDS, 7).write_insyn(site.path(), 7).expect("write the corpus");
    site
}

fn rows(html: &str) -> usize {
    html.matches("<tr><td><time").count()
}

#[test]
fn the_generated_corpus_passes_check_without_warnings() {
    let site = generated();
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn the_list_of_all_records_is_split_into_pages_of_500() {
    let site = generated();
    site.build_ok();
    let first = site.page("avvikelser/index.html");
    assert_eq!(rows(&first), 500);
    assert!(first.contains(r#"<a rel="next" href="../avvikelser/sida/2/index.html">"#), "{first}");
    assert!(!first.contains(r#"rel="prev""#));
    let second = site.page("avvikelser/sida/2/index.html");
    assert_eq!(rows(&second), 500);
    assert!(second.contains(r#"rel="prev" href="../../../avvikelser/index.html""#));
    assert!(second.contains(r#"rel="next" href="../../../avvikelser/sida/3/index.html""#));
    let last = site.page("avvikelser/sida/3/index.html");
    assert_eq!(rows(&last), RECORDS - 1000);
    assert!(!last.contains(r#"rel="next""#));
    let spaced = last.replace(['\u{a0}', '\u{202f}'], " ");
    assert!(spaced.contains("Sida 3 av 3: avvikelse 1 001–1 200 av 1 200"), "{last}");
    // Every page of the list is in the sitemap.
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("<loc>https://www.example.se/avvikelser/avvikelser/sida/3/</loc>"));
}

#[test]
fn the_overview_shows_at_most_100_open_records_and_links_to_the_rest() {
    let site = generated();
    site.build_ok();
    let overview = site.page("index.html");
    let open_section = overview.split("id=\"open-heading\"").nth(1).expect("open records section");
    let open_section = open_section.split("</section>").next().unwrap_or_default();
    assert_eq!(rows(open_section), 100);
    assert!(open_section.contains("Här visas de 100 senaste av"), "{open_section}");
}

#[test]
fn writing_while_rendering_gives_the_same_files_as_rendering_into_memory() {
    let site = generated();
    site.build_ok();
    let options = insyn::Options { root: site.path().to_path_buf(), ..insyn::Options::default() };
    let compiled = insyn::compile(&options).expect("compiles");
    let mut on_disk = site.output_files();
    on_disk.retain(|f| f != insyn::output::MARKER);
    let mut in_memory: Vec<String> = compiled.files.iter().map(|f| f.path.clone()).collect();
    in_memory.sort();
    assert_eq!(on_disk, in_memory);
    for f in &compiled.files {
        let written = std::fs::read(site.output().join(&f.path)).expect("written");
        assert!(written == f.bytes, "{} differs", f.path);
    }
}
