//! `insyn new record|period|service|page`: every variant writes a file that
//! `insyn check` accepts as is, with every field of the format (optional
//! ones as comments, in the format's order), in the right folder, under an
//! id made from the title, and never over an existing file.

mod common;

use std::path::Path;

use common::TestSite;

/// The fields of each kind of file, in the content format's order.
const RECORD_FIELDS: &[&str] = &[
    "title",
    "kind",
    "service",
    "date",
    "resolved",
    "status",
    "severity",
    "supplier",
    "actions",
    "related",
    "reported_to_authority",
    "draft",
    "aliases",
    "detected",
    "ref",
    "[[updates]]",
    "date",
    "status",
    "text",
    "[[reports]]",
    "authority",
    "stage",
    "date",
];
const PERIOD_FIELDS: &[&str] = &[
    "label",
    "start",
    "end",
    "compare_with",
    "summary",
    "[figures]",
    "incidents",
    "major_incidents",
    "personal_data_incidents",
    "[[recommendations]]",
    "id",
    "title",
    "service",
    "text",
    "owner",
    "due",
    "status",
    "[[recommendations.updates]]",
    "date",
    "status",
    "text",
];
const SERVICE_FIELDS: &[&str] = &["name", "area", "system", "tier", "supplier", "description", "retired"];
const PAGE_FIELDS: &[&str] = &["title", "description", "weight", "in_nav", "draft"];

/// The fields of a file in order, each with whether it is commented out.
fn fields(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let (commented, rest) = match line.strip_prefix("# ") {
            Some(r) => (true, r),
            None => (false, line),
        };
        if rest.starts_with('[') && rest.ends_with(']') {
            out.push((rest.to_string(), commented));
        } else if let Some((key, _)) = rest.split_once(" = ")
            && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        {
            out.push((key.to_string(), commented));
        }
    }
    out
}

/// Asserts the field list and which of them are filled in.
fn assert_fields(text: &str, expected: &[&str], filled: &[&str]) {
    let found = fields(text);
    let names: Vec<&str> = found.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, expected, "fields in the format's order:\n{text}");
    // Fields of the file itself are filled in when given; a nested
    // section (`[[updates]]`) and its fields stay commented.
    let mut in_section = false;
    for (name, commented) in &found {
        in_section |= name.starts_with('[');
        let expected_filled = !in_section && filled.contains(&name.as_str());
        assert_eq!(!commented, expected_filled, "{name} filled in or not:\n{text}");
    }
    // Every field has its line of explanation just above it.
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if !fields(line).is_empty() {
            let above = lines[i - 1];
            assert!(above.starts_with("# ") && fields(above).is_empty(), "no explanation above {line:?}:\n{text}");
        }
    }
}

/// Uncommenting every optional field still gives valid TOML.
fn assert_uncommented_parses(text: &str) {
    let front = text.strip_prefix("+++\n").map(|t| t.split("+++\n").next().unwrap_or("")).unwrap_or(text);
    let uncommented: String = front
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.contains(" = ") || rest.starts_with('[') => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    uncommented.parse::<toml::Table>().unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
}

fn check_passes(site: &TestSite) {
    let run = site.run(&["check", "--strict"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn new_record_passes_check() {
    let site = TestSite::minimal();
    let run = site.run(&[
        "new",
        "record",
        "--period",
        "2023-q1",
        "--service",
        "lon",
        "--kind",
        "incident",
        "--title",
        "Ingen kontakt med löneservern – åter igen",
        "--date",
        "2023-02-14",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let rel = "content/periods/2023-q1/ingen-kontakt-med-loneservern-ater-igen.md";
    assert_eq!(run.stdout.trim(), rel);
    assert!(run.stderr.contains(&format!("Created {rel}")), "{}", run.stderr);
    assert!(run.stderr.contains("Next: write what happened"), "{}", run.stderr);
    let text = site.read(rel);
    assert!(text.contains("title = \"Ingen kontakt med löneservern – åter igen\"\n"), "{text}");
    assert!(text.contains("date = 2023-02-14\n"), "{text}");
    assert_fields(&text, RECORD_FIELDS, &["title", "kind", "service", "date"]);
    assert_uncommented_parses(&text);
    check_passes(&site);
    site.build_ok();
    assert!(site.page("avvikelser/ingen-kontakt-med-loneservern-ater-igen/index.html").contains("åter igen"));
}

#[test]
fn new_record_with_a_date_time_and_as_a_draft() {
    let site = TestSite::minimal();
    let run = site.run(&[
        "new",
        "record",
        "--period=2023-q1",
        "--service=lon",
        "--kind=personal-data-incident",
        "--title=Uppgifter synliga",
        "--date=2023-03-01T09:15:00+01:00",
        "--draft",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = site.read("content/periods/2023-q1/uppgifter-synliga.md");
    assert!(text.contains("date = 2023-03-01T09:15:00+01:00\n"), "{text}");
    assert_fields(&text, RECORD_FIELDS, &["title", "kind", "service", "date", "detected", "draft"]);
    // A personal-data incident: the authority's deadline, counted from detected, above the reports.
    assert!(text.contains("detected = 2023-03-01T09:15:00+01:00\n"), "{text}");
    assert!(
        text.contains("# Deadline for the notification to Integritetsskyddsmyndigheten (IMY): 2023-03-04 09:15 (72 hours after detected;"),
        "{text}"
    );
    check_passes(&site);
    site.build_ok();
    assert!(!site.has_output("avvikelser/uppgifter-synliga/index.html"), "a draft is not published");
}

#[test]
fn new_record_defaults_to_today() {
    let site = TestSite::minimal();
    let run = site.run(&[
        "new",
        "record",
        "--period",
        "2023-q1",
        "--service",
        "lon",
        "--kind",
        "incident",
        "--title",
        "Idag",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("(today); pass --date"), "{}", run.stderr);
    assert!(run.stderr.contains("is outside its period 2023-q1"), "the check warns: {}", run.stderr);
    let text = site.read("content/periods/2023-q1/idag.md");
    let date = text.lines().find_map(|l| l.strip_prefix("date = ")).expect("date line");
    assert_eq!(date.len(), 10, "{date}");
    assert!(date.starts_with("20"), "{date}");
    // Outside the period: a warning, not an error.
    let check = site.run(&["check"]);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
}

#[test]
fn new_period_passes_check() {
    let site = TestSite::minimal();
    let run = site.run(&[
        "new",
        "period",
        "2023-q2",
        "--label",
        "Kvartal 2 2023",
        "--start",
        "2023-04-01",
        "--end",
        "2023-06-30",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = site.read("content/periods/2023-q2/period.toml");
    for line in ["label = \"Kvartal 2 2023\"\n", "start = 2023-04-01\n", "end = 2023-06-30\n"] {
        assert!(text.contains(line), "{line}{text}");
    }
    assert!(text.contains("# compare_with = \"2022-q2\""), "{text}");
    assert_fields(&text, PERIOD_FIELDS, &["label", "start", "end"]);
    assert_uncommented_parses(&text);
    check_passes(&site);
    site.build_ok();
}

#[test]
fn new_service_passes_check() {
    let site = TestSite::minimal();
    let run = site.run(&["new", "service", "--title", "Stöd i ekonomiprocesser", "--area", "hr", "--tier", "addon"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = site.read("content/services/stod-i-ekonomiprocesser.toml");
    assert!(text.contains("name = \"Stöd i ekonomiprocesser\"\n"), "{text}");
    assert!(text.contains("tier = \"addon\"\n"), "{text}");
    assert_fields(&text, SERVICE_FIELDS, &["name", "area", "tier"]);
    assert_uncommented_parses(&text);
    check_passes(&site);
}

#[test]
fn new_page_passes_check() {
    let site = TestSite::minimal();
    let run = site.run(&["new", "page", "--title", "Om rapporten"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = site.read("content/pages/om-rapporten.md");
    assert_fields(&text, PAGE_FIELDS, &["title"]);
    assert_uncommented_parses(&text);
    check_passes(&site);
    site.build_ok();
    assert!(site.has_output("om-rapporten/index.html"));
}

#[test]
fn every_variant_in_the_example_site_passes_check() {
    let site = TestSite::empty();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("site.toml"), site.path().join("site.toml")).expect("copy");
    common::copy_dir(&root.join("content"), &site.path().join("content"));
    let runs: [&[&str]; 4] = [
        &["new", "period", "2023-q3", "--label", "Kvartal 3 2023", "--start", "2023-07-01", "--end", "2023-09-30"],
        &["new", "service", "--title", "Stöd i ekonomiprocesser", "--area", "ekonomi", "--tier", "base"],
        &[
            "new",
            "record",
            "--period",
            "2023-q3",
            "--service",
            "stod-i-ekonomiprocesser",
            "--kind",
            "major-incident",
            "--title",
            "Ingen kontakt med databasen",
            "--date",
            "2023-08-02",
        ],
        &["new", "page", "--title", "Om källorna"],
    ];
    for args in runs {
        let run = site.run(args);
        assert_eq!(run.code, Some(0), "{args:?}\n{}", run.stderr);
        check_passes(&site);
    }
    assert!(site.path().join("content/pages/om-kallorna.md").is_file());
    site.build_ok();
}

#[test]
fn never_overwrites() {
    let site = TestSite::minimal();
    let args = ["new", "page", "--title", "Om rapporten"];
    assert_eq!(site.run(&args).code, Some(0));
    site.write("content/pages/om-rapporten.md", "+++\ntitle = \"Min egen text\"\n+++\n");
    let run = site.run(&args);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("content/pages/om-rapporten.md already exists"), "{}", run.stderr);
    assert_eq!(site.read("content/pages/om-rapporten.md"), "+++\ntitle = \"Min egen text\"\n+++\n");

    // Record ids are unique across the whole site, not only the period.
    site.write("content/periods/2023-q2/period.toml", "label = \"Q2\"\nstart = 2023-04-01\nend = 2023-06-30\n");
    let run = site.run(&[
        "new",
        "record",
        "--period",
        "2023-q2",
        "--service",
        "lon",
        "--kind",
        "incident",
        "--title",
        "Lön stopp",
        "--id",
        "lon-stopp",
        "--date",
        "2023-05-01",
    ]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("content/periods/2023-q1/lon-stopp.md already exists"), "{}", run.stderr);
    assert!(!site.path().join("content/periods/2023-q2/lon-stopp.md").exists());

    let run = site.run(&["new", "period", "2023-q1", "--label", "X", "--start", "2023-01-01", "--end", "2023-03-31"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("content/periods/2023-q1/period.toml already exists"), "{}", run.stderr);
}

#[test]
fn missing_values_name_their_flags_when_not_in_a_terminal() {
    let site = TestSite::minimal();
    let run = site.run(&["new", "record", "--period", "2023-q1"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    for flag in ["missing --title", "missing --kind", "missing --service"] {
        assert!(run.stderr.contains(flag), "{flag}: {}", run.stderr);
    }
    assert!(run.stderr.contains("Run it in a terminal to be asked"), "{}", run.stderr);
    assert!(run.stderr.contains("Nothing was written."), "{}", run.stderr);
    let run = site.run(&["new", "period"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("missing the period id"), "{}", run.stderr);
    assert!(run.stderr.contains("missing --label"), "{}", run.stderr);
    let run = site.run(&["new", "service", "--title", "X"]);
    assert!(run.stderr.contains("missing --area") && run.stderr.contains("missing --tier"), "{}", run.stderr);
    let run = site.run(&["new", "page"]);
    assert!(run.stderr.contains("missing --title"), "{}", run.stderr);
    let files = walkdir::WalkDir::new(site.path().join("content")).into_iter().filter_map(Result::ok).count();
    assert_eq!(files, 7, "nothing new under content/");
}

#[test]
fn wrong_values_are_refused_with_the_nearest_existing_one() {
    let site = TestSite::minimal();
    let run = site.run(&[
        "new",
        "record",
        "--period",
        "2023-q2",
        "--service",
        "lonn",
        "--kind",
        "major",
        "--title",
        "X",
        "--date",
        "2023-02-30",
    ]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let e = &run.stderr;
    assert!(e.contains("--service: there is no service \"lonn\"; did you mean \"lon\"?"), "{e}");
    assert!(e.contains("--period: there is no period \"2023-q2\"; did you mean \"2023-q1\"?"), "{e}");
    assert!(e.contains("--kind: kind cannot be \"major\""), "{e}");
    assert!(e.contains("--date: 2023-02-30 is not a day of the calendar"), "{e}");

    let run = site.run(&["new", "service", "--title", "Ekonomi", "--area", "ekonomi", "--tier", "base"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("there is no area \"ekonomi\"; the areas are: hr"), "{}", run.stderr);

    let run = site.run(&["new", "period", "2023-q2", "--label", "Q2", "--start", "2023-06-30", "--end", "2023-04-01"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("--end 2023-04-01 is before --start 2023-06-30"), "{}", run.stderr);

    let run = site.run(&["new", "page", "--title", "Perioder"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("the site uses /perioder/ itself"), "{}", run.stderr);

    let run = site.run(&["new", "page", "--title", "???"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("pass --id"), "{}", run.stderr);

    let run = site.run(&["new", "page", "--title", "Om", "--id", "Om Oss"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("rename it to `om-oss`"), "{}", run.stderr);
}

#[test]
fn values_that_would_fail_check_leave_nothing_behind() {
    let site = TestSite::minimal();
    let run = site.run(&[
        "new",
        "period",
        "2023-q2",
        "--label",
        "Ring 070-123 45 67",
        "--start",
        "2023-04-01",
        "--end",
        "2023-06-30",
    ]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("content/periods/2023-q2/period.toml:4:"), "{}", run.stderr);
    assert!(run.stderr.contains("Nothing was written"), "{}", run.stderr);
    assert!(!site.path().join("content/periods/2023-q2").exists(), "the new folder is gone too");
    check_passes(&site);
}

#[test]
fn without_a_site_it_says_where_to_run_it() {
    let site = TestSite::empty();
    let run = site.run(&["new", "page", "--title", "Om"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("there is no site.toml in"), "{}", run.stderr);
}
