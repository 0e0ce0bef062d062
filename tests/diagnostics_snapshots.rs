//! The exact text of the diagnostics editors see, pinned by snapshots: one
//! small broken site per rule of the content format. Each error must show
//! file:line:col, the source line with the spot marked, what was expected
//! and how to fix it, and the run must close with a count line.
//!
//! After an intended change of wording, review the new text with
//! `cargo insta review` (or run with `INSTA_UPDATE=always` and read the diff
//! of `tests/snapshots/`).

mod common;

use common::TestSite;
use insyn::{Options, compile};

/// The plain-text diagnostics of `insyn check` on the site (drafts
/// included, as `check` does), with the temporary root replaced by `[ROOT]`.
fn diagnose(site: &TestSite) -> String {
    diagnose_with(site, true, false)
}

fn diagnose_with(site: &TestSite, check_only: bool, strict: bool) -> String {
    let options = Options { root: site.path().to_path_buf(), drafts: true, check_only, strict, ..Options::default() };
    let text = match compile(&options) {
        Ok(done) => {
            assert!(!done.diagnostics.is_empty(), "expected diagnostics, the site is fine");
            done.diagnostics.render_plain()
        }
        Err(diags) => diags.render_plain(),
    };
    text.replace(&site.path().display().to_string(), "[ROOT]")
}

/// The minimal site with the record file replaced.
fn with_record(front: &str, body: &str) -> TestSite {
    let site = TestSite::minimal();
    site.write(RECORD, &format!("+++\n{front}+++\n{body}"));
    site
}

const RECORD: &str = "content/periods/2023-q1/lon-stopp.md";
const GOOD_FRONT: &str =
    "title = \"Lönekörningen stoppade\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\n";

macro_rules! snap {
    ($name:literal, $text:expr) => {{
        let text: String = $text;
        assert!(!text.contains('\u{1b}'), "plain text has no colour codes");
        insta::assert_snapshot!($name, text);
    }};
}

#[test]
fn toml_syntax_error() {
    let site = with_record(
        "title = \"Lönekörningen stoppade\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\n",
        "",
    );
    snap!("toml_syntax_error", diagnose(&site));
}

#[test]
fn missing_required_field() {
    let site = with_record("title = \"Lönekörningen stoppade\"\nservice = \"lon\"\ndate = 2023-02-14\n", "");
    snap!("missing_required_field", diagnose(&site));
}

#[test]
fn wrong_type() {
    let site = with_record(
        "title = \"Lönekörningen stoppade\"\nkind = \"incident\"\nservice = \"lon\"\ndate = \"2023-02-14\"\ndraft = \"nej\"\n",
        "",
    );
    snap!("wrong_type", diagnose(&site));
}

#[test]
fn unknown_field_with_a_typo() {
    let site = with_record(
        "title = \"Lönekörningen stoppade\"\nkind = \"incident\"\nservce = \"lon\"\ndate = 2023-02-14\n",
        "",
    );
    snap!("unknown_field_with_a_typo", diagnose(&site));
}

#[test]
fn value_outside_its_list() {
    let site = with_record(&GOOD_FRONT.replace("\"incident\"", "\"incidnet\""), "");
    snap!("value_outside_its_list", diagnose(&site));
}

#[test]
fn date_time_without_offset() {
    let site = with_record(&GOOD_FRONT.replace("2023-02-14", "2023-02-14T08:10:00"), "");
    snap!("date_time_without_offset", diagnose(&site));
}

#[test]
fn empty_title() {
    let site = with_record(&GOOD_FRONT.replace("\"Lönekörningen stoppade\"", "\"\""), "");
    snap!("empty_title", diagnose(&site));
}

#[test]
fn unknown_service_reference() {
    let site = with_record(&GOOD_FRONT.replace("\"lon\"", "\"lonn\""), "");
    snap!("unknown_service_reference", diagnose(&site));
}

#[test]
fn unknown_area_reference() {
    let site = TestSite::minimal();
    site.write("content/services/lon.toml", "name = \"Lön\"\narea = \"hrr\"\ntier = \"base\"\n");
    snap!("unknown_area_reference", diagnose(&site));
}

#[test]
fn unknown_related_record_and_compare_period() {
    let site = with_record(&format!("{GOOD_FRONT}related = [\"lon-stop\"]\n"), "");
    site.write(
        "content/periods/2023-q1/period.toml",
        "label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\ncompare_with = \"2022-q2\"\n",
    );
    snap!("unknown_related_record_and_compare_period", diagnose(&site));
}

#[test]
fn duplicate_record_id() {
    let site = TestSite::minimal();
    site.write(
        "content/periods/2023-q2/period.toml",
        "label = \"Kvartal 2 2023\"\nstart = 2023-04-01\nend = 2023-06-30\n",
    );
    site.write(
        "content/periods/2023-q2/lon-stopp.md",
        "+++\ntitle = \"Igen\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-05-02\n+++\n",
    );
    snap!("duplicate_record_id", diagnose(&site));
}

#[test]
fn end_before_start() {
    let site = TestSite::minimal();
    site.write(
        "content/periods/2023-q1/period.toml",
        "label = \"Kvartal 1 2023\"\nstart = 2023-03-31\nend = 2023-01-01\n",
    );
    snap!("end_before_start", diagnose(&site));
}

#[test]
fn resolved_before_date() {
    let site = with_record(&format!("{GOOD_FRONT}resolved = 2023-02-13\n"), "");
    snap!("resolved_before_date", diagnose(&site));
}

#[test]
fn status_contradicted() {
    let site = with_record(&format!("{GOOD_FRONT}status = \"resolved\"\n"), "");
    site.write(
        "content/periods/2023-q1/lon-fel.md",
        &format!("+++\n{}resolved = 2023-02-15\nstatus = \"open\"\n+++\n", GOOD_FRONT.replace("stoppade", "fel")),
    );
    snap!("status_contradicted", diagnose(&site));
}

#[test]
fn personal_data() {
    let site = with_record(
        GOOD_FRONT,
        "Anmält av Anna (anna.andersson@example.se, 070-123 45 67), personnummer 19121212-1212.\n",
    );
    snap!("personal_data", diagnose(&site));
}

#[test]
fn front_matter_not_closed() {
    let site = TestSite::minimal();
    site.write(RECORD, &format!("+++\n{GOOD_FRONT}Lönekörningen stoppade.\n"));
    site.write("content/pages/om.md", "title = \"Om\"\n+++\nText.\n");
    snap!("front_matter_not_closed", diagnose(&site));
}

#[test]
fn not_utf8() {
    let site = TestSite::minimal();
    let mut bytes = format!("+++\n{GOOD_FRONT}+++\n").into_bytes();
    bytes.extend_from_slice(b"L\xf6nek\xf6rningen stoppade.\n");
    site.write_bytes(RECORD, &bytes);
    snap!("not_utf8", diagnose(&site));
}

#[test]
fn period_folder_without_period_toml() {
    let site = TestSite::minimal();
    site.write(
        "content/periods/2023-q2/lon-igen.md",
        "+++\ntitle = \"Igen\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-05-02\n+++\n",
    );
    snap!("period_folder_without_period_toml", diagnose(&site));
}

#[test]
fn bad_aliases() {
    let site =
        with_record(&format!("{GOOD_FRONT}aliases = [\"../gammal/\", \"https://annan.example/x/\", \"gammal\"]\n"), "");
    snap!("bad_aliases", diagnose(&site));
}

#[test]
fn invalid_file_names_and_misplaced_files() {
    let site = TestSite::minimal();
    site.write("content/periods/2023-q1/Lön Stopp.md", &format!("+++\n{GOOD_FRONT}+++\n"));
    site.write("content/lon.toml", "name = \"Lön\"\n");
    site.write("content/periods/2023-q1/anteckningar.toml", "x = 1\n");
    site.write("content/periods/Kvartal 2/period.toml", "label = \"Q2\"\n");
    site.write("content/README.txt", "ignored\n");
    snap!("invalid_file_names_and_misplaced_files", diagnose(&site));
}

#[test]
fn site_toml_problems() {
    let site = TestSite::minimal();
    site.write("site.toml", "title = \"Testrapport\"\nbase_url = \"www.example.se/avvikelser\"\nlanguage = \"se\"\n");
    snap!("site_toml_problems", diagnose(&site));
}

#[test]
fn no_site_toml() {
    let site = TestSite::minimal();
    site.remove("site.toml");
    snap!("no_site_toml", diagnose(&site));
}

#[test]
fn figures_negative_and_of_the_wrong_type() {
    let site = TestSite::minimal();
    site.write(
        "content/periods/2023-q1/period.toml",
        "label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\n\n[figures]\nincidents = -3\nmajor_incidents = \"11\"\n",
    );
    snap!("figures_negative_and_of_the_wrong_type", diagnose(&site));
}

#[test]
fn warnings_date_outside_period_and_figures_disagree() {
    let site = with_record(&GOOD_FRONT.replace("2023-02-14", "2023-04-02"), "");
    site.write(
        "content/periods/2023-q1/period.toml",
        "label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\n\n[figures]\nmajor_incidents = 2\n",
    );
    snap!("warnings_date_outside_period_and_figures_disagree", diagnose(&site));
    snap!("warnings_under_strict", diagnose_with(&site, true, true));
}

#[test]
fn summary_counts_errors_warnings_and_files() {
    let site = with_record(
        &format!("{}resolved = 2023-04-01\nstatus = \"open\"\n", GOOD_FRONT.replace("2023-02-14", "2023-04-02")),
        "",
    );
    site.write("content/services/lon.toml", "name = \"Lön\"\narea = \"hr\"\ntier = \"bas\"\n");
    let text = diagnose(&site);
    assert!(text.ends_with("\n3 errors and 1 warning in 2 files\n"), "{text}");
    snap!("summary_counts_errors_warnings_and_files", text);
}

#[test]
fn one_broken_file_is_one_error_not_a_cascade() {
    // The service file has a typo, so it does not load: the records that
    // use it, and the record that another one relates to, are not reported
    // as unknown on top of the typo.
    let site = with_record(&format!("{GOOD_FRONT}related = [\"lon-fel\"]\n"), "");
    site.write("content/services/lon.toml", "name = \"Lön\"\narea = \"hr\"\ntier = \"bas\"\n");
    site.write(
        "content/periods/2023-q1/lon-fel.md",
        &format!("+++\n{}severity = \"hög\"\n+++\n", GOOD_FRONT.replace("stoppade", "fel")),
    );
    site.write(
        "content/periods/2023-q1/period.toml",
        "label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\n\n[figures]\nmajor_incidents = 0\n",
    );
    snap!("one_broken_file_is_one_error_not_a_cascade", diagnose(&site));
}

#[test]
fn broken_template() {
    let site = TestSite::minimal();
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ title \n{% endblock content %}\n",
    );
    site.write("content/pages/om.md", "+++\ntitle = \"Om\"\n+++\nText.\n");
    snap!("broken_template", diagnose_with(&site, false, false));
}

#[test]
fn the_command_line_prints_plain_text_when_piped() {
    let site = with_record(&GOOD_FRONT.replace("\"incident\"", "\"incidnet\""), "");
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1));
    assert!(!run.stderr.contains('\u{1b}'), "no colour codes when piped:\n{}", run.stderr);
    assert!(run.stderr.contains("content/periods/2023-q1/lon-stopp.md:3:8"), "{}", run.stderr);
    assert!(run.stderr.trim_end().ends_with("1 error in 1 file"), "{}", run.stderr);
    // A build says the same, and that nothing was written.
    let run = site.run(&["build"]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("1 error in 1 file\nNothing was written"), "{}", run.stderr);
}
