//! The output folder: what `insyn build` writes, what it replaces, and what
//! it refuses to touch.

mod common;

use std::path::Path;

use common::{TestSite, snapshot, snapshot_except};

const MARKER: &str = ".insyn-output";

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// Runs `insyn build --output <out>` and expects exit 2 with `message`,
/// leaving the whole site folder (and `out`, when it exists) unchanged.
fn refused(site: &TestSite, out: &Path, message: &str) {
    let before_site = snapshot(site.path());
    let before_out = snapshot(out);
    let run = site.run(&["build", "--output", path_str(out)]);
    assert_eq!(run.code, Some(2), "--output {} must be refused:\n{}", out.display(), run.stderr);
    assert!(run.stderr.contains(message), "expected {message:?} in:\n{}", run.stderr);
    assert!(snapshot(site.path()) == before_site, "a refused build changed the site folder");
    assert!(snapshot(out) == before_out, "a refused build changed {}", out.display());
}

#[test]
fn build_writes_the_marker_file() {
    let site = TestSite::minimal();
    site.build_ok();
    assert!(site.output().join(MARKER).is_file(), "{:?}", site.output_files());
    assert!(site.has_output("index.html"));
}

#[test]
fn a_second_build_replaces_the_whole_output() {
    let site = TestSite::minimal();
    site.build_ok();
    site.write("output/stale.html", "from an earlier build");
    site.write("output/avvikelser/borttagen/index.html", "a record that was removed");
    site.remove("content/periods/2023-q1/lon-stopp.md");
    site.build_ok();
    assert!(!site.has_output("stale.html"), "a stale file survived the second build");
    assert!(!site.output().join("avvikelser/borttagen").exists(), "a stale folder survived");
    assert!(!site.output().join("avvikelser/lon-stopp").exists(), "the removed record's page survived");
    assert!(site.output().join(MARKER).is_file());
    assert!(site.has_output("index.html"));
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let site = TestSite::minimal();
    site.write("output/keep-me.txt", "someone's work");
    let before = snapshot(&site.output());
    let run = site.run(&["build"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("is not empty and was not made by insyn"), "{}", run.stderr);
    assert!(run.stderr.contains(MARKER), "the message names the marker file: {}", run.stderr);
    assert!(snapshot(&site.output()) == before, "the folder was touched");

    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = elsewhere.path().join("public");
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::write(out.join("index.html"), "hand-written").expect("write");
    refused(&site, &out, "was not made by insyn");
}

#[test]
fn accepts_an_empty_existing_folder() {
    let site = TestSite::minimal();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = elsewhere.path().join("public");
    std::fs::create_dir(&out).expect("mkdir");
    let run = site.run(&["build", "--output", path_str(&out)]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(out.join(MARKER).is_file());
    assert!(out.join("index.html").is_file());
    assert!(!site.output().exists(), "--output was ignored");
}

#[test]
fn refuses_the_site_root_as_output() {
    let site = TestSite::minimal();
    refused(&site, site.path(), "it is the site folder or a folder above it");
}

#[test]
fn refuses_a_parent_of_the_site_root_as_output() {
    let site = TestSite::minimal();
    let before = snapshot(site.path());
    // The temp folder's parent is shared with other tests, so it is not
    // snapshotted; refusing happens before anything is read or written.
    let parent = site.path().parent().expect("parent");
    let run = site.run(&["build", "--output", path_str(parent)]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("it is the site folder or a folder above it"), "{}", run.stderr);
    let dotted = site.path().join("content/..");
    refused(&site, &dotted, "it is the site folder or a folder above it");
    assert!(snapshot(site.path()) == before, "the site folder changed");
}

#[test]
fn refuses_content_as_output() {
    let site = TestSite::minimal();
    refused(&site, &site.path().join("content"), "refusing to write the output into content/");
    refused(&site, &site.path().join("content/public"), "refusing to write the output into content/");
}

#[test]
fn refuses_themes_as_output() {
    let site = TestSite::minimal();
    refused(&site, &site.path().join("themes"), "refusing to write the output into themes/");
    site.write("themes/default/static/extra.css", "body{}");
    refused(&site, &site.path().join("themes/default"), "refusing to write the output into themes/");
}

#[test]
fn refuses_an_output_that_is_a_file() {
    let site = TestSite::minimal();
    site.write("output", "a file, not a folder");
    let run = site.run(&["build"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("is not a folder"), "{}", run.stderr);
    assert_eq!(site.read("output"), "a file, not a folder");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::minimal();
    site.build_ok();
    let before = snapshot(&site.output());
    site.write("content/services/lon.toml", "name = \"Lön\"\narea = \"hr\"\ntier = \"bas\"\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("Nothing was written; the previous output is unchanged."), "{}", run.stderr);
    assert!(snapshot(&site.output()) == before, "the output changed");
}

#[test]
fn nothing_is_written_outside_the_output_folder() {
    let site = TestSite::minimal();
    let before = snapshot_except(site.path(), &["output"]);
    site.build_ok();
    site.build_ok(); // a replacing build too
    assert!(snapshot_except(site.path(), &["output"]) == before, "the site folder changed outside output/");

    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = elsewhere.path().join("public");
    for _ in 0..2 {
        let run = site.run(&["build", "--output", path_str(&out)]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }
    let beside: Vec<String> = std::fs::read_dir(elsewhere.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["public"], "temporary folders were left beside the output");
    assert!(snapshot_except(site.path(), &["output"]) == before, "the site folder changed");
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::minimal();
    let before = snapshot(site.path());
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(snapshot(site.path()) == before, "check wrote something");
}

#[test]
fn base_url_flag_overrides_the_canonical_urls() {
    let site = TestSite::minimal();
    site.write(
        "content/periods/2023-q1/lon-stopp.md",
        "+++\ntitle = \"Stopp\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\naliases = [\"/gammal/\"]\n+++\nText.\n",
    );
    let run = site.run(&["build", "--base-url", "https://staging.example.net/preview"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let staging = "https://staging.example.net/preview/";
    for (file, path) in [
        ("index.html", ""),
        ("perioder/2023-q1/index.html", "perioder/2023-q1/"),
        ("avvikelser/lon-stopp/index.html", "avvikelser/lon-stopp/"),
        ("gammal/index.html", "avvikelser/lon-stopp/"),
    ] {
        let html = site.page(file);
        assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{staging}{path}\">")), "{file}:\n{html}");
    }
    for file in site.html_files() {
        assert!(!site.page(&file).contains("www.example.se"), "{file} still uses site.toml's base_url");
    }
}

#[test]
fn a_malformed_base_url_flag_is_a_usage_error() {
    let site = TestSite::minimal();
    let run = site.run(&["build", "--base-url", "staging.example.net/preview"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("--base-url"), "{}", run.stderr);
    assert!(!site.output().exists());
}

#[test]
fn verbose_build_prints_the_time_of_every_stage() {
    // The benchmark reads this line: every stage by name, with seconds.
    let site = TestSite::example();
    let run = site.run(&["build", "--verbose"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let line = run.stderr.lines().find(|l| l.trim_start().starts_with("load ")).unwrap_or_else(|| {
        panic!("no stage line in:\n{}", run.stderr);
    });
    let stages: Vec<(&str, f64)> = line
        .split(';')
        .next()
        .unwrap_or("")
        .split(',')
        .filter_map(|part| {
            let mut words = part.split_whitespace();
            let name = words.next()?;
            let secs = words.next()?.parse().ok()?;
            (words.next() == Some("s")).then_some((name, secs))
        })
        .collect();
    let names: Vec<&str> = stages.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["load", "validate", "charts", "render", "write", "commit", "links"], "{line}");
    assert!(stages.iter().all(|(_, s)| s.is_finite() && *s >= 0.0), "{line}");
    // The example site has charts: drawing them takes some time.
    assert!(stages[2].1 > 0.0, "charts took no time: {line}");
}
