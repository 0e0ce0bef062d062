//! The example site at the repository root builds, and every record and
//! service of the Göteborg report is on its pages.

mod common;

use common::{TestSite, text};
use std::path::Path;

fn example() -> TestSite {
    TestSite::example()
}

#[test]
fn example_site_builds_with_every_record_and_service() {
    let site = example();
    let run = site.build_ok();
    assert!(run.stderr.contains("Built "), "{}", run.stderr);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let records = text(&site.page("avvikelser/index.html"));
    let mut n = 0;
    for entry in walkdir::WalkDir::new(root.join("content/periods")).into_iter().filter_map(Result::ok) {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "md") {
            let id = p.file_stem().and_then(|s| s.to_str()).expect("id");
            let page = site.page(&format!("avvikelser/{id}/index.html"));
            let src = std::fs::read_to_string(p).expect("read");
            let title = src
                .lines()
                .find_map(|l| l.strip_prefix("title = \""))
                .and_then(|l| l.strip_suffix('"'))
                .expect("title");
            assert!(text(&page).contains(title), "{id}: title missing");
            assert!(records.contains(title), "{id} missing from the list of all records");
            n += 1;
        }
    }
    assert!(n >= 20, "expected the deck's records, found {n}");
    let services = text(&site.page("tjanster/index.html"));
    for entry in std::fs::read_dir(root.join("content/services")).expect("services") {
        let p = entry.expect("entry").path();
        let id = p.file_stem().and_then(|s| s.to_str()).expect("id").to_string();
        let src = std::fs::read_to_string(&p).expect("read");
        let name =
            src.lines().find_map(|l| l.strip_prefix("name = \"")).and_then(|l| l.strip_suffix('"')).expect("name");
        assert!(services.contains(name), "{id} missing from the catalogue");
        assert!(text(&site.page(&format!("tjanster/{id}/index.html"))).contains(name));
    }
}

#[test]
fn overview_shows_the_decks_key_figures() {
    let site = example();
    site.build_ok();
    let overview = text(&site.page("index.html"));
    assert!(overview.contains("Nyckeltal för Kvartal 1 2023"), "{overview}");
    assert!(overview.contains("1 003"), "{overview}");
    assert!(overview.contains("+33 %"), "{overview}");
    assert!(overview.contains("ökning från 756 under Kvartal 1 2022"), "{overview}");
    assert!(overview.contains("Major incidents 11"), "{overview}");
    assert!(overview.contains("Personuppgiftsincidenter 5"), "{overview}");
}

#[test]
fn check_passes_on_the_example_with_strict() {
    let site = example();
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}
