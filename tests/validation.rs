//! Every rule of the content format's "Rules the build enforces", checked
//! with the real binary: a valid site is built, then broken; `insyn check`
//! and `insyn build` must both exit 1, name the file, the line and column,
//! say what is wrong and how to fix it, and the build must leave the
//! previous output byte for byte as it was.

mod common;

use common::{Run, TestSite, diagnostic_blocks, position, snapshot};

/// The record of [`TestSite::minimal`].
const RECORD: &str = "content/periods/2023-q1/lon-stopp.md";
/// The period of [`TestSite::minimal`].
const PERIOD: &str = "content/periods/2023-q1/period.toml";

/// A site that was built while valid and then broken.
struct Broken {
    site: TestSite,
    check: Run,
    build: Run,
}

/// Builds `site` (which must be valid), applies `change`, and runs `check`
/// and `build`: both must exit 1, and the output must be untouched.
fn broken(site: TestSite, change: impl FnOnce(&TestSite)) -> Broken {
    site.build_ok();
    let before = snapshot(&site.output());
    assert!(before.contains_key(".insyn-output"), "the valid build wrote no output");
    change(&site);
    let check = site.run(&["check"]);
    let build = site.run(&["build"]);
    assert_eq!(check.code, Some(1), "`insyn check` must exit 1:\n{}", check.stderr);
    assert_eq!(build.code, Some(1), "`insyn build` must exit 1:\n{}", build.stderr);
    assert!(snapshot(&site.output()) == before, "a failed build changed the previous output");
    assert!(build.stderr.contains("Nothing was written"), "{}", build.stderr);
    Broken { site, check, build }
}

/// The minimal site, built, then with `rel` written as `text`.
fn with_file(rel: &str, text: &str) -> Broken {
    let text = text.to_string();
    let rel = rel.to_string();
    broken(TestSite::minimal(), move |s| s.write(&rel, &text))
}

impl Broken {
    /// Both runs print an error whose headline contains `message`, located at
    /// `location` (`file:line:col`, or just the file when the problem has no
    /// place in it), with a help line containing `help`.
    fn error(&self, location: &str, message: &str, help: &str) -> &Self {
        for (name, run) in [("check", &self.check), ("build", &self.build)] {
            let blocks = diagnostic_blocks(&run.stderr);
            let block = blocks
                .iter()
                .find(|b| b.lines().next().is_some_and(|l| l.starts_with("error") && l.contains(message)))
                .unwrap_or_else(|| panic!("{name}: no error {message:?} in:\n{}", run.stderr));
            let located = block.contains(&format!("┌─ {location}\n")) || block.contains(&format!("= in {location}\n"));
            assert!(located, "{name}: error {message:?} is not located at {location}:\n{block}");
            assert!(block.contains("= help: ") && block.contains(help), "{name}: no help {help:?} in:\n{block}");
        }
        self
    }

    /// The location `line:col` of `needle` in the site file `rel`, prefixed with `rel`.
    fn at(&self, rel: &str, needle: &str) -> String {
        format!("{rel}:{}", position(&self.site.read(rel), needle))
    }

    /// The number of errors both runs report.
    fn count(&self, n: usize) -> &Self {
        for run in [&self.check, &self.build] {
            let errors = diagnostic_blocks(&run.stderr).iter().filter(|b| b.starts_with("error")).count();
            assert_eq!(errors, n, "expected {n} errors:\n{}", run.stderr);
        }
        self
    }
}

/// A record file for the minimal site's period with these front-matter lines.
fn record(lines: &str) -> String {
    format!("+++\n{lines}\n+++\nText.\n")
}

// ---------------------------------------------------------------- files --

#[test]
fn a_record_file_name_that_is_not_an_id() {
    let b = with_file("content/periods/2023-q1/Lon_Stopp.md", &record("title = \"A\""));
    b.error(
        "content/periods/2023-q1/Lon_Stopp.md",
        "the file name \"Lon_Stopp\" is not a valid id",
        "rename it to `lon-stopp`",
    );
}

#[test]
fn a_service_file_name_that_is_not_an_id() {
    let b = with_file("content/services/Lön Två.toml", "name = \"Lön\"\narea = \"hr\"\ntier = \"base\"\n");
    b.error("content/services/Lön Två.toml", "the file name \"Lön Två\" is not a valid id", "rename it to `lon-tva`");
}

#[test]
fn a_page_file_name_that_is_not_an_id() {
    let b = with_file("content/pages/-om.md", &record("title = \"Om\""));
    b.error("content/pages/-om.md", "the file name \"-om\" is not a valid id", "rename it to `om`");
}

#[test]
fn a_period_folder_name_that_is_not_an_id() {
    let b = with_file("content/periods/2023 Q2/period.toml", "label = \"Q2\"\nstart = 2023-04-01\nend = 2023-06-30\n");
    b.error(
        "content/periods/2023 Q2",
        "the period folder name \"2023 Q2\" is not a valid id",
        "rename it to `2023-q2`",
    );
}

#[test]
fn a_markdown_file_in_a_place_the_format_does_not_know() {
    let b = with_file("content/records/lon-stopp-2.md", &record("title = \"A\""));
    b.error(
        "content/records/lon-stopp-2.md",
        "insyn does not know what this file is",
        "records in content/periods/<period>/<id>.md",
    );
}

#[test]
fn a_toml_file_in_a_place_the_format_does_not_know() {
    let b = with_file("content/lon.toml", "name = \"Lön\"\narea = \"hr\"\ntier = \"base\"\n");
    b.error("content/lon.toml", "insyn does not know what this file is", "services go in content/services/<id>.toml");
}

#[test]
fn a_toml_file_in_a_period_folder_other_than_period_toml() {
    let b = with_file("content/periods/2023-q1/figures.toml", "incidents = 3\n");
    b.error(
        "content/periods/2023-q1/figures.toml",
        "a .toml file in a period folder must be a record (.md) or period.toml",
        "periods in content/periods/<id>/period.toml",
    );
}

#[test]
fn files_the_format_does_not_know_are_ignored() {
    let site = TestSite::minimal();
    for rel in [
        "content/.DS_Store",
        "content/periods/2023-q1/.DS_Store",
        "content/periods/2023-q1/lon-stopp.md~",
        "content/periods/2023-q1/lon-stopp.md.bak",
        "content/periods/2023-q1/#lon-stopp.md#",
        "content/periods/2023-q1/.lon-stopp.md.swp",
        "content/services/README",
        "content/README.txt",
        "content/pages/notes.txt",
    ] {
        site.write(rel, "not content \u{1}\n");
    }
    let check = site.run(&["check", "--strict"]);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    site.build_ok();
}

#[test]
fn a_period_folder_without_period_toml() {
    let b = with_file(
        "content/periods/2023-q2/lon-igen.md",
        &record("title = \"A\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-04-14"),
    );
    b.error(
        "content/periods/2023-q2",
        "the period folder \"2023-q2\" has no period.toml",
        "add content/periods/2023-q2/period.toml with label, start and end",
    );
}

#[test]
fn front_matter_that_is_not_closed() {
    let rel = "content/periods/2023-q1/oavslutad.md";
    let b = with_file(rel, "+++\ntitle = \"A\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\nText.\n");
    b.error(&format!("{rel}:1:1"), "the front matter is not closed", "add a line of exactly +++ after the last field");
}

#[test]
fn a_record_without_front_matter() {
    let rel = "content/periods/2023-q1/utan.md";
    let b = with_file(rel, "title = \"A\"\nText.\n");
    b.error(
        &format!("{rel}:1:1"),
        "the file does not start with front matter",
        "start the file with a line of exactly +++",
    );
}

#[test]
fn a_file_that_is_not_utf8() {
    let rel = "content/periods/2023-q1/latin1.md";
    let b = broken(TestSite::minimal(), |s| {
        s.write_bytes(
            rel,
            b"+++\ntitle = \"L\xf6nen\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\n+++\nText.\n",
        );
    });
    b.error(rel, "the file is not UTF-8 text (first bad byte on line 2)", "save the file as UTF-8");
}

// --------------------------------------------------------- TOML and fields --

#[test]
fn toml_that_does_not_parse() {
    let rel = "content/periods/2023-q1/syntax.md";
    let b = with_file(rel, &record("title = \"A\"\nkind = incident\nservice = \"lon\"\ndate = 2023-02-14"));
    b.error(&b.at(rel, "incident"), "this is not valid TOML", "text values go in \"quotes\"");
}

#[test]
fn site_toml_that_does_not_parse() {
    let b = broken(TestSite::minimal(), |s| {
        s.write("site.toml", "title = \"Testrapport\nbase_url = \"https://www.example.se/avvikelser/\"\n[[areas]]\nid = \"hr\"\nname = \"HR\"\n");
    });
    b.error("site.toml:1:21", "this is not valid TOML", "check quotes");
}

#[test]
fn a_required_field_is_missing() {
    let rel = "content/periods/2023-q1/utan-datum.md";
    let b = with_file(rel, &record("title = \"A\"\nkind = \"incident\"\nservice = \"lon\""));
    b.error(&format!("{rel}:1:1"), "required field `date` is missing", "add a line such as: date = 2023-02-14");
    b.count(1);
}

#[test]
fn a_required_field_is_missing_in_a_period() {
    let b = broken(TestSite::minimal(), |s| s.write(PERIOD, "label = \"Kvartal 1 2023\"\nstart = 2023-01-01\n"));
    b.error(&format!("{PERIOD}:1:1"), "required field `end` is missing", "end = 2023-03-31");
}

#[test]
fn a_required_field_is_missing_in_a_service() {
    let b = broken(TestSite::minimal(), |s| s.write("content/services/lon.toml", "name = \"Lön\"\narea = \"hr\"\n"));
    b.error("content/services/lon.toml:1:1", "required field `tier` is missing", "tier = \"base\"");
}

#[test]
fn a_field_of_the_wrong_type() {
    let rel = "content/periods/2023-q1/fel-typ.md";
    let b = with_file(rel, &record("title = \"A\"\nkind = \"incident\"\nservice = \"lon\"\ndate = \"2023-02-14\""));
    b.error(&b.at(rel, "\"2023-02-14\""), "`date` must be a date or date-time, found a string", "without quotes");
}

#[test]
fn a_figure_of_the_wrong_type() {
    let b = broken(TestSite::minimal(), |s| {
        s.write(
            PERIOD,
            "label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\n\n[figures]\nincidents = \"1003\"\n",
        );
    });
    b.error(&b.at(PERIOD, "\"1003\""), "`incidents` must be a whole number, found a string", "without quotes");
}

#[test]
fn an_unknown_field_names_the_field_it_could_have_been() {
    let rel = "content/periods/2023-q1/stavfel.md";
    let b = with_file(rel, &record("title = \"A\"\nkind = \"incident\"\nservce = \"lon\"\ndate = 2023-02-14"));
    b.error(&b.at(rel, "servce"), "unknown field `servce`", "did you mean `service`?");
}

#[test]
fn an_unknown_field_in_site_toml() {
    let b = broken(TestSite::minimal(), |s| {
        s.write("site.toml", &format!("langauge = \"sv\"\n{}", common::SITE_TOML));
    });
    b.error("site.toml:1:1", "unknown field `langauge`", "did you mean `language`?");
}

#[test]
fn a_value_outside_its_list() {
    let rel = "content/periods/2023-q1/fel-sort.md";
    let b = with_file(rel, &record("title = \"A\"\nkind = \"major\"\nservice = \"lon\"\ndate = 2023-02-14"));
    b.error(&b.at(rel, "\"major\""), "`kind` cannot be \"major\"", "did you mean \"major-incident\"?");
    b.error(&b.at(rel, "\"major\""), "`kind` cannot be \"major\"", "incident, major-incident, personal-data-incident");
}

// ------------------------------------------------------------ references --

#[test]
fn an_unknown_service_suggests_the_nearest() {
    let rel = "content/periods/2023-q1/fel-tjanst.md";
    let b = with_file(rel, &record("title = \"A\"\nkind = \"incident\"\nservice = \"lonn\"\ndate = 2023-02-14"));
    b.error(&format!("{rel}:4:11"), "unknown service `lonn`", "did you mean `lon`?");
}

#[test]
fn an_unknown_area_suggests_the_nearest() {
    let rel = "content/services/rekrytering.toml";
    let b = with_file(rel, "name = \"Rekrytering\"\narea = \"hrr\"\ntier = \"addon\"\n");
    b.error(&b.at(rel, "\"hrr\""), "unknown area `hrr`", "did you mean `hr`?");
}

#[test]
fn an_unknown_period_suggests_the_nearest() {
    let rel = "content/periods/2024-q1/period.toml";
    let b = with_file(
        rel,
        "label = \"Kvartal 1 2024\"\nstart = 2024-01-01\nend = 2024-03-31\ncompare_with = \"2023-q11\"\n",
    );
    b.error(&b.at(rel, "\"2023-q11\""), "unknown period `2023-q11`", "did you mean `2023-q1`?");
}

#[test]
fn an_unknown_current_period_suggests_the_nearest() {
    let b = broken(TestSite::minimal(), |s| {
        s.write("site.toml", &format!("current_period = \"2023-q2\"\n{}", common::SITE_TOML))
    });
    b.error("site.toml:1:18", "unknown period `2023-q2`", "did you mean `2023-q1`?");
}

#[test]
fn an_unknown_related_record_suggests_the_nearest() {
    let rel = "content/periods/2023-q1/foljd.md";
    let b = with_file(
        rel,
        &record("title = \"A\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-16\nrelated = [\"lon-stop\"]"),
    );
    b.error(&b.at(rel, "\"lon-stop\""), "unknown record `lon-stop`", "did you mean `lon-stopp`?");
}

#[test]
fn an_unknown_service_in_a_recommendation() {
    let b = broken(TestSite::minimal(), |s| {
        s.write(
            PERIOD,
            "label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\n\n[[recommendations]]\ntitle = \"Minne\"\nservice = \"lonn\"\ntext = \"Mer minne.\"\n",
        );
    });
    b.error(&b.at(PERIOD, "\"lonn\""), "unknown service `lonn`", "did you mean `lon`?");
}

#[test]
fn two_records_with_the_same_id_in_different_periods() {
    let b = broken(TestSite::minimal(), |s| {
        s.write(
            "content/periods/2023-q2/period.toml",
            "label = \"Kvartal 2 2023\"\nstart = 2023-04-01\nend = 2023-06-30\n",
        );
        s.write(
            "content/periods/2023-q2/lon-stopp.md",
            &record("title = \"Igen\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-04-14"),
        );
    });
    b.error(
        "content/periods/2023-q2/lon-stopp.md",
        "two records have the id `lon-stopp`",
        "the other one is content/periods/2023-q1/lon-stopp.md",
    );
}

// ----------------------------------------------------------------- dates --

#[test]
fn a_period_that_ends_before_it_starts() {
    let b = broken(TestSite::minimal(), |s| {
        s.write(PERIOD, "label = \"Kvartal 1 2023\"\nstart = 2023-03-31\nend = 2023-01-01\n")
    });
    b.error(
        &b.at(PERIOD, "2023-01-01"),
        "`end` (2023-01-01) is before `start` (2023-03-31)",
        "the period ends on or after",
    );
}

#[test]
fn a_record_resolved_before_it_began() {
    let b = broken(TestSite::minimal(), |s| {
        s.write(
            RECORD,
            &record("title = \"A\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14T10:00:00+01:00\nresolved = 2023-02-14T09:30:00+01:00"),
        );
    });
    b.error(
        &b.at(RECORD, "2023-02-14T09:30"),
        "`resolved` (2023-02-14T09:30:00+01:00) is before `date` (2023-02-14T10:00:00+01:00)",
        "check both dates",
    );
}

#[test]
fn status_resolved_without_a_resolved_date() {
    let b = broken(TestSite::minimal(), |s| {
        s.write(
            RECORD,
            &record("title = \"A\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\nstatus = \"resolved\""),
        );
    });
    b.error(
        &b.at(RECORD, "\"resolved\""),
        "`status = \"resolved\"` but `resolved` is not set",
        "add the date it was resolved",
    );
}

#[test]
fn status_open_with_a_resolved_date() {
    let b = broken(TestSite::minimal(), |s| {
        s.write(
            RECORD,
            &record("title = \"A\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\nresolved = 2023-02-15\nstatus = \"open\""),
        );
    });
    b.error(&b.at(RECORD, "\"open\""), "`status = \"open\"` but `resolved` is set (2023-02-15)", "remove `status`");
}

#[test]
fn status_in_progress_with_a_resolved_date() {
    let b = broken(TestSite::minimal(), |s| {
        s.write(
            RECORD,
            &record("title = \"A\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\nresolved = 2023-02-15\nstatus = \"in-progress\""),
        );
    });
    b.error(&b.at(RECORD, "\"in-progress\""), "`status = \"in-progress\"` but `resolved` is set", "remove `status`");
}

#[test]
fn a_local_date_time_without_an_offset() {
    let b = broken(TestSite::minimal(), |s| {
        s.write(RECORD, &record("title = \"A\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14T08:10:00"));
    });
    b.error(
        &b.at(RECORD, "2023-02-14T08:10:00"),
        "`date` has a time of day but no UTC offset",
        "add the offset, e.g. date = 2023-02-14T08:10:00+01:00",
    );
}

// --------------------------------------------------------------- aliases --

fn with_alias(alias: &str) -> Broken {
    let line =
        format!("title = \"A\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\naliases = [\"{alias}\"]");
    broken(TestSite::minimal(), move |s| s.write(RECORD, &record(&line)))
}

#[test]
fn an_alias_with_dot_dot() {
    let b = with_alias("/gamla/../../etc/");
    b.error(
        &b.at(RECORD, "\"/gamla"),
        "alias \"/gamla/../../etc/\": an alias cannot contain . or .. segments",
        "write the old path from the site root",
    );
}

#[test]
fn an_alias_with_a_scheme() {
    let b = with_alias("https://evil.example/x/");
    b.error(
        &b.at(RECORD, "\"https:"),
        "an alias is a path on this site, not an address with a scheme or host",
        "from the site root",
    );
}

#[test]
fn an_alias_with_a_host() {
    let b = with_alias("//evil.example/x/");
    b.error(
        &b.at(RECORD, "\"//evil"),
        "an alias is a path on this site, not an address with a scheme or host",
        "from the site root",
    );
}

#[test]
fn an_alias_that_does_not_start_with_a_slash() {
    let b = with_alias("gamla/lon-stopp/");
    b.error(&b.at(RECORD, "\"gamla"), "alias \"gamla/lon-stopp/\": an alias must start with /", "from the site root");
}

// ---------------------------------------------------- output collisions --

#[test]
fn a_page_named_like_a_url_word_fails_the_build() {
    let site = TestSite::minimal();
    site.build_ok();
    let before = snapshot(&site.output());
    site.write("content/pages/perioder.md", &record("title = \"Perioder\""));
    let build = site.run(&["build"]);
    assert_eq!(build.code, Some(1), "{}", build.stderr);
    assert!(build.stderr.contains("would be written to perioder/index.html"), "{}", build.stderr);
    assert!(build.stderr.contains("help: "), "{}", build.stderr);
    assert!(snapshot(&site.output()) == before, "a failed build changed the output");
}

#[test]
fn a_page_named_like_a_url_word_is_an_error_in_check_that_names_the_page() {
    let b = with_file("content/pages/perioder.md", &record("title = \"Perioder\""));
    b.error("content/pages/perioder.md", "perioder/index.html", "rename the page");
}

#[test]
fn an_alias_onto_an_existing_page_is_an_error_in_check_that_names_the_record() {
    let b = with_alias("/tjanster/lon/");
    b.error(&b.at(RECORD, "\"/tjanster"), "tjanster/lon/index.html", "change the alias");
}

// ------------------------------------------------------ reporting itself --

#[test]
fn all_errors_of_a_run_are_reported_together() {
    let b = broken(TestSite::minimal(), |s| {
        s.write(
            RECORD,
            &record("title = \"A\"\nkind = \"major\"\nservce = \"lon\"\nservice = \"lon\"\ndate = 2023-02-14"),
        );
        s.write("content/services/lon.toml", "name = \"Lön\"\narea = \"hr\"\ntier = \"bas\"\n");
    });
    b.count(3);
    b.error(&b.at(RECORD, "\"major\""), "`kind` cannot be \"major\"", "major-incident");
    b.error(&b.at(RECORD, "servce"), "unknown field `servce`", "did you mean `service`?");
    b.error(&b.at("content/services/lon.toml", "\"bas\""), "`tier` cannot be \"bas\"", "did you mean \"base\"?");
    for run in [&b.check, &b.build] {
        assert!(run.stderr.contains("3 errors in 2 files"), "{}", run.stderr);
    }
}

// -------------------------------------------------------------- warnings --

/// A warning: check and build exit 0 and print it (build writes the
/// site); with `--strict` both exit 1 and the previous output stays.
fn warns(site: &TestSite, location: &str, message: &str) {
    for args in [&["check"][..], &["build"][..]] {
        let run = site.run(args);
        assert_eq!(run.code, Some(0), "{args:?} must succeed with a warning:\n{}", run.stderr);
        let blocks = diagnostic_blocks(&run.stderr);
        let block = blocks
            .iter()
            .find(|b| b.starts_with("warning") && b.contains(message))
            .unwrap_or_else(|| panic!("{args:?}: no warning {message:?}:\n{}", run.stderr));
        assert!(block.contains(&format!("┌─ {location}\n")), "{args:?}: not at {location}:\n{block}");
        assert!(block.contains("= help: "), "{block}");
        assert!(run.stderr.contains("1 warning in 1 file"), "{}", run.stderr);
    }
    assert!(site.has_output("index.html"), "a build with warnings writes the site");
    let before = snapshot(&site.output());
    for args in [&["check", "--strict"][..], &["build", "--strict"][..]] {
        let run = site.run(args);
        assert_eq!(run.code, Some(1), "{args:?} must fail:\n{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("error: {message}")),
            "{args:?}: the warning is an error:\n{}",
            run.stderr
        );
    }
    assert!(snapshot(&site.output()) == before, "a failed --strict build changed the output");
}

#[test]
fn warning_a_record_dated_outside_its_period() {
    let site = TestSite::minimal();
    site.write(RECORD, &record("title = \"A\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-04-02"));
    let at = format!("{RECORD}:{}", position(&site.read(RECORD), "2023-04-02"));
    warns(&site, &at, "`date` (2023-04-02) is outside its period 2023-q1 (2023-01-01 – 2023-03-31)");
}

#[test]
fn warning_figures_that_disagree_with_the_records() {
    let site = TestSite::minimal();
    site.write(
        PERIOD,
        "label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\n\n[figures]\nmajor_incidents = 1\n",
    );
    warns(&site, &format!("{PERIOD}:6:19"), "`major_incidents = 1` but the period has 0 major-incident records");
}

#[test]
fn no_warning_for_a_service_without_records_or_an_area_with_one_service() {
    let site = TestSite::minimal();
    site.write("site.toml", &format!("{}\n[[areas]]\nid = \"it\"\nname = \"IT\"\n", common::SITE_TOML));
    site.write("content/services/telefoni.toml", "name = \"Telefoni\"\narea = \"it\"\ntier = \"base\"\n");
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn check_and_build_agree_about_figures_when_a_draft_exists() {
    let site = TestSite::minimal();
    site.write(
        PERIOD,
        "label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\n\n[figures]\nmajor_incidents = 0\n",
    );
    site.write(
        "content/periods/2023-q1/utkast.md",
        &record("title = \"Utkast\"\nkind = \"major-incident\"\nservice = \"lon\"\ndate = 2023-02-20\ndraft = true"),
    );
    let build = site.run(&["build", "--strict"]);
    assert_eq!(build.code, Some(0), "the published site agrees with its figures:\n{}", build.stderr);
    let check = site.run(&["check", "--strict"]);
    assert_eq!(check.code, Some(0), "check must judge the same site as build:\n{}", check.stderr);
}

// Personal data (personnummer, e-mail addresses, phone numbers, `[privacy]
// allow`): PLACEHOLDER — the tests for this rule are written by the engineer
// who owns the personal-data guard; none here on purpose.

// ----------------------------------- timelines, recommendations, reports --

/// The minimal site's record with these extra front-matter lines (its
/// date is 2023-02-14, resolved 2023-02-15).
fn lon_stopp(extra: &str) -> String {
    format!(
        "+++\ntitle = \"Lönekörningen stoppade\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\nresolved = 2023-02-15\n{extra}\n+++\nText.\n"
    )
}

#[test]
fn an_update_dated_before_the_record_began() {
    let text = lon_stopp(
        "\n[[updates]]\ndate = 2023-02-13\nstatus = \"in-progress\"\ntext = \"A\"\n\n[[updates]]\ndate = 2023-02-15\nstatus = \"resolved\"\ntext = \"B\"",
    );
    let b = with_file(RECORD, &text);
    b.error(
        &b.at(RECORD, "2023-02-13"),
        "this update (2023-02-13) is dated before the record's `date` (2023-02-14)",
        "a record's timeline starts when it began",
    );
}

#[test]
fn updates_out_of_order() {
    let text = lon_stopp(
        "\n[[updates]]\ndate = 2023-02-15\nstatus = \"in-progress\"\ntext = \"A\"\n\n[[updates]]\ndate = 2023-02-14T12:00:00+01:00\nstatus = \"resolved\"\ntext = \"B\"",
    );
    let b = with_file(RECORD, &text);
    b.error(
        &b.at(RECORD, "2023-02-14T12"),
        "this update (2023-02-14T12:00:00+01:00) is dated before the update above it (2023-02-15)",
        "write the [[updates]] oldest first",
    );
}

#[test]
fn resolved_set_but_the_last_update_leaves_the_record_open() {
    let text = lon_stopp("\n[[updates]]\ndate = 2023-02-14\nstatus = \"in-progress\"\ntext = \"Felsökning pågår\"");
    let b = with_file(RECORD, &text);
    b.error(
        &b.at(RECORD, "2023-02-15"),
        "`resolved` is set (2023-02-15) but the last update leaves the record in-progress",
        "add a last [[updates]] entry with status = \"resolved\"",
    );
}

#[test]
fn detected_before_date() {
    let b = with_file(RECORD, &lon_stopp("detected = 2023-02-13"));
    b.error(
        &b.at(RECORD, "2023-02-13"),
        "`detected` (2023-02-13) is before `date` (2023-02-14)",
        "leave `detected` out when they are the same",
    );
}

#[test]
fn a_ref_used_twice() {
    let b = broken(TestSite::minimal(), |s| {
        s.write(RECORD, &lon_stopp("ref = \"INC0012345\""));
        s.write(
            "content/periods/2023-q1/lon-igen.md",
            &record(
                "title = \"Igen\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-03-01\nref = \"INC0012345\"",
            ),
        );
    });
    let second = "content/periods/2023-q1/lon-stopp.md";
    b.error(
        &b.at(second, "\"INC0012345\""),
        "`ref` \"INC0012345\" is also the ref of content/periods/2023-q1/lon-igen.md",
        "a ticket of the incident-management system is one record",
    );
}

/// The minimal site's period with these lines added.
fn period_with(lines: &str) -> String {
    format!("label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\n{lines}\n")
}

#[test]
fn two_recommendations_with_one_id_in_a_period() {
    let b = with_file(
        PERIOD,
        &period_with(
            "\n[[recommendations]]\nid = \"minne\"\ntitle = \"A\"\ntext = \"A\"\n\n[[recommendations]]\nid = \"minne\"\ntitle = \"B\"\ntext = \"B\"",
        ),
    );
    let text = b.site.read(PERIOD);
    let second = text.rfind("\"minne\"").unwrap_or(0);
    let line = text[..second].matches('\n').count() + 1;
    b.error(
        &format!("{PERIOD}:{line}:6"),
        "two recommendations of this period have the id \"minne\" (the first and the second)",
        "give each recommendation its own id",
    );
}

#[test]
fn a_recommendation_id_that_is_not_an_id() {
    let b = with_file(PERIOD, &period_with("\n[[recommendations]]\nid = \"Mer Minne\"\ntitle = \"A\"\ntext = \"A\""));
    b.error(&b.at(PERIOD, "\"Mer Minne\""), "recommendation id \"Mer Minne\" is not a valid id", "mer-minne");
}

#[test]
fn recommendation_updates_out_of_order() {
    let b = with_file(
        PERIOD,
        &period_with(
            "\n[[recommendations]]\ntitle = \"Minne\"\ntext = \"A\"\n\n[[recommendations.updates]]\ndate = 2023-06-15\ntext = \"A\"\n\n[[recommendations.updates]]\ndate = 2023-05-01\ntext = \"B\"",
        ),
    );
    b.error(
        &b.at(PERIOD, "2023-05-01"),
        "this update of \"Minne\" (2023-05-01) is dated before the update above it (2023-06-15)",
        "write the [[recommendations.updates]] oldest first",
    );
}

/// A personal-data incident of the minimal site with these lines.
fn incident(lines: &str) -> String {
    format!(
        "+++\ntitle = \"Fel behörighet\"\nkind = \"personal-data-incident\"\nservice = \"lon\"\ndate = 2023-02-14T08:00:00+01:00\n{lines}\n+++\nText.\n"
    )
}

const INCIDENT: &str = "content/periods/2023-q1/fel-behorighet.md";

#[test]
fn a_report_to_an_unknown_authority() {
    let b = with_file(INCIDENT, &incident("\n[[reports]]\nauthority = \"imi\"\ndate = 2023-02-15"));
    b.error(&b.at(INCIDENT, "\"imi\""), "unknown authority `imi`", "did you mean `imy`?");
}

#[test]
fn a_report_of_a_stage_the_authority_does_not_have() {
    let b = with_file(
        INCIDENT,
        &incident("\n[[reports]]\nauthority = \"imy\"\nstage = \"early-warning\"\ndate = 2023-02-15"),
    );
    b.error(
        &b.at(INCIDENT, "\"early-warning\""),
        "Integritetsskyddsmyndigheten (IMY) has no stage \"early-warning\"",
        "its stages are: notification",
    );
}

#[test]
fn a_report_dated_before_the_deviation_was_detected() {
    let b = with_file(
        INCIDENT,
        &incident(
            "detected = 2023-02-15T09:00:00+01:00\n\n[[reports]]\nauthority = \"imy\"\ndate = 2023-02-15T08:00:00+01:00",
        ),
    );
    b.error(
        &b.at(INCIDENT, "2023-02-15T08"),
        "this report (2023-02-15T08:00:00+01:00) is dated before the record's `detected` (2023-02-15T09:00:00+01:00)",
        "check both dates",
    );
}

#[test]
fn reports_together_with_a_decision_not_to_report() {
    let b = with_file(
        INCIDENT,
        &incident("reported_to_authority = false\n\n[[reports]]\nauthority = \"imy\"\ndate = 2023-02-15"),
    );
    b.error(
        &b.at(INCIDENT, "\"imy\""),
        "`reported_to_authority = false`, but the record has [[reports]]",
        "remove reported_to_authority = false, or the reports",
    );
}

#[test]
fn warning_a_report_missing_after_its_deadline() {
    let site = TestSite::minimal();
    site.write(INCIDENT, &incident(""));
    warns(
        &site,
        &format!("{INCIDENT}:5:8"),
        "no notification to imy is recorded, and its deadline (2023-02-17 08:00, 72 hours after it was detected) has passed",
    );
}
