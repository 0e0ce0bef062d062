//! Reports to supervisory authorities (issue 19): a site with IMY (72 hours
//! to notify) and a NIS2-style authority (early warning 24 hours,
//! notification 72, final report 720), and deviations reported on time,
//! late, not at all by decision, and not at all with the deadline passed,
//! one of them across the end of daylight saving time. The tests read what
//! a reader reads: the record pages, the period pages, the overview's card,
//! the reports export, and the warning that `--strict` turns into an error.

mod common;

use common::{TestSite, text};

const SITE: &str = r#"title = "Authorities test"
base_url = "https://www.example.se/report/"
language = "en"
[[areas]]
id = "finance"
name = "Finance"

[[authorities]]
id = "imy"
name = "Integritetsskyddsmyndigheten (IMY)"
kinds = ["personal-data-incident"]
deadlines = { notification = 72 }

[[authorities]]
id = "cert"
name = "CERT-SE"
kinds = ["major-incident"]
deadlines = { early-warning = 24, notification = 72, final = 720 }
"#;

/// The record that is never reported: its deadline passes in the period.
const MISSING: &str = "+++\ntitle = \"Lost laptop\"\nkind = \"personal-data-incident\"\nservice = \"ledger\"\ndate = 2024-05-02\nresolved = 2024-05-03\n+++\nText.\n";

fn site() -> TestSite {
    let site = TestSite::empty();
    site.write("site.toml", SITE);
    site.write("content/services/ledger.toml", "name = \"Ledger\"\narea = \"finance\"\ntier = \"base\"\n");
    site.write("content/periods/2024-h1/period.toml", "label = \"H1 2024\"\nstart = 2024-01-01\nend = 2024-06-30\n");
    site.write("content/periods/2024-h2/period.toml", "label = \"H2 2024\"\nstart = 2024-07-01\nend = 2024-12-31\n");
    // 49 hours after it was detected: on time.
    site.write(
        "content/periods/2024-h1/pdi-on-time.md",
        r#"+++
title = "Payslips sent to the wrong unit"
kind = "personal-data-incident"
service = "ledger"
date = 2024-02-14
detected = 2024-02-14T09:00:00+01:00
resolved = 2024-02-20

[[reports]]
authority = "imy"
date = 2024-02-16T10:00:00+01:00
+++
Text.
"#,
    );
    // Detected by date alone: the 72 hours count from midnight in
    // Stockholm, so the report on the 5th at noon is 108 hours on, 36 late.
    site.write(
        "content/periods/2024-h1/pdi-late.md",
        r#"+++
title = "Open folder of applications"
kind = "personal-data-incident"
service = "ledger"
date = 2024-03-01
resolved = 2024-03-08

[[reports]]
authority = "imy"
stage = "notification"
date = 2024-03-05T12:00:00+01:00
+++
Text.
"#,
    );
    site.write(
        "content/periods/2024-h1/pdi-decision.md",
        "+++\ntitle = \"One person with a wrong permission\"\nkind = \"personal-data-incident\"\nservice = \"ledger\"\ndate = 2024-04-10\nresolved = 2024-04-10\nreported_to_authority = false\n+++\nText.\n",
    );
    site.write("content/periods/2024-h1/pdi-missing.md", MISSING);
    // Detected at 10:00 summer time on the Saturday before summer time
    // ends (03:00 on Sunday 27 October 2024 becomes 02:00): 24 hours on is
    // 09:00 winter time, not 10:00. The early warning at 09:30 is late.
    site.write(
        "content/periods/2024-h2/outage-dst.md",
        r#"+++
title = "Ledger outage over the clock change"
kind = "major-incident"
service = "ledger"
date = 2024-10-26
detected = 2024-10-26T10:00:00+02:00
resolved = 2024-10-28

[[reports]]
authority = "cert"
stage = "early-warning"
date = 2024-10-27T09:30:00+01:00

[[reports]]
authority = "cert"
stage = "notification"
date = 2024-10-28T15:00:00+01:00

[[reports]]
authority = "cert"
stage = "final"
date = 2024-11-20
+++
Text.
"#,
    );
    site
}

/// The text of the section with id `id` on `html`.
fn section(html: &str, id: &str) -> String {
    let start = html.find(&format!("<section id=\"{id}\"")).unwrap_or_else(|| panic!("no section #{id}"));
    let end = html[start..].find("</section>").map_or(html.len(), |e| start + e);
    text(&html[start..end])
}

#[test]
fn record_pages_state_each_stage_in_words() {
    let site = site();
    site.build_ok();

    let on_time = section(&site.page("deviations/pdi-on-time/index.html"), "reports");
    assert!(
        on_time.contains("The deadlines count from when the deviation was detected, 14 February 2024, 09:00."),
        "{on_time}"
    );
    assert!(
        on_time.contains("On time Notification to Integritetsskyddsmyndigheten (IMY): made 16 February 2024, 10:00, 49 hours after the deviation was detected. The deadline was 72 hours."),
        "{on_time}"
    );

    let late = section(&site.page("deviations/pdi-late/index.html"), "reports");
    assert!(late.contains("detected, 1 March 2024, 00:00."), "a date alone counts from midnight: {late}");
    assert!(
        late.contains("Late Notification to Integritetsskyddsmyndigheten (IMY): made 5 March 2024, 12:00, 108 hours after the deviation was detected – 36 hours after the deadline of 72 hours."),
        "{late}"
    );

    let decision = section(&site.page("deviations/pdi-decision/index.html"), "reports");
    assert!(
        decision.contains("Not reported, by decision Notification to Integritetsskyddsmyndigheten (IMY): not made, by a documented decision not to report."),
        "{decision}"
    );

    let missing = section(&site.page("deviations/pdi-missing/index.html"), "reports");
    assert!(
        missing.contains("Report missing Notification to Integritetsskyddsmyndigheten (IMY): no report is recorded, and the deadline (72 hours, to 5 May 2024, 00:00) has passed."),
        "{missing}"
    );
}

#[test]
fn deadlines_across_the_end_of_summer_time_are_counted_in_real_hours() {
    let site = site();
    site.build_ok();
    let dst = section(&site.page("deviations/outage-dst/index.html"), "reports");
    // 24 real hours after 10:00 summer time is 09:00 winter time: 09:30 is
    // 24 and a half hours on, late (by wall clock it would look on time).
    assert!(
        dst.contains("Late Early warning to CERT-SE: made 27 October 2024, 09:30, 24 hours after the deviation was detected – less than an hour after the deadline of 24 hours."),
        "{dst}"
    );
    assert!(
        dst.contains("On time Notification to CERT-SE: made 28 October 2024, 15:00, 54 hours after the deviation was detected. The deadline was 72 hours."),
        "{dst}"
    );
    // A report dated by its day alone counts as made at the end of that day.
    assert!(
        dst.contains("On time Final report to CERT-SE: made 20 November 2024, 614 hours after the deviation was detected. The deadline was 720 hours."),
        "{dst}"
    );

    let csv = site.page("data/reports.csv");
    let rows: Vec<&str> = csv.lines().collect();
    assert!(
        rows.contains(&"outage-dst,cert,early-warning,24,2024-10-26T10:00:00+02:00,2024-10-27T09:00:00+01:00,2024-10-27T09:30:00+01:00,24,late,1"),
        "{csv}"
    );
    assert!(
        rows.contains(
            &"outage-dst,cert,final,720,2024-10-26T10:00:00+02:00,2024-11-25T09:00:00+01:00,2024-11-20,614,on-time,"
        ),
        "{csv}"
    );
}

#[test]
fn period_pages_tally_each_authority_as_of_their_end() {
    let site = site();
    site.build_ok();
    let h1 = site.page("periods/2024-h1/index.html");
    let imy = section(&h1, "reports-imy");
    assert!(imy.contains("Reports to Integritetsskyddsmyndigheten (IMY)"), "{imy}");
    assert!(
        imy.contains("Deviations in the period that had to be reported: 4. As things stood at the end of the period."),
        "{imy}"
    );
    for count in ["On time: 1", "Late: 1", "Not reported, by decision: 1", "Report missing: 1"] {
        assert!(imy.contains(count), "{count} in {imy}");
    }
    assert!(imy.contains("Open folder of applications: Notification, 36 hours late"), "{imy}");
    assert!(imy.contains("Lost laptop: Notification"), "{imy}");
    assert!(section(&h1, "reports-cert").contains("No deviation in the period had to be reported to CERT-SE."));

    let h2 = site.page("periods/2024-h2/index.html");
    let cert = section(&h2, "reports-cert");
    assert!(
        cert.contains("Deviations in the period that had to be reported: 1, with 3 reports due in all."),
        "the counts are of reports, and the intro says so: {cert}"
    );
    assert!(cert.contains("On time: 2") && cert.contains("Late: 1"), "{cert}");
    assert!(cert.contains("Ledger outage over the clock change: Early warning, less than an hour late"), "{cert}");
    assert!(!cert.contains("Report missing"), "{cert}");

    // The personal-data card on H1's page and on the overview.
    let card = text(&h1);
    assert!(card.contains("1 of 4 were reported to Integritetsskyddsmyndigheten (IMY) within the deadline. 1 was not reported, by decision."), "{card}");
}

#[test]
fn the_reports_export_has_a_row_per_stage_per_record() {
    let site = site();
    site.build_ok();
    let csv = site.page("data/reports.csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "record,authority,stage,hours_allowed,detected,deadline,reported_at,hours_after_detection,outcome,late_by_hours"
        )
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 4 + 3, "one per personal-data incident, three for the outage: {csv}");
    for row in [
        "pdi-on-time,imy,notification,72,2024-02-14T09:00:00+01:00,2024-02-17T09:00:00+01:00,2024-02-16T10:00:00+01:00,49,on-time,",
        "pdi-late,imy,notification,72,2024-03-01T00:00:00+01:00,2024-03-04T00:00:00+01:00,2024-03-05T12:00:00+01:00,108,late,36",
        "pdi-decision,imy,notification,72,2024-04-10T00:00:00+02:00,2024-04-13T00:00:00+02:00,,,not-reported-by-decision,",
        "pdi-missing,imy,notification,72,2024-05-02T00:00:00+02:00,2024-05-05T00:00:00+02:00,,,missing,",
    ] {
        assert!(rows.contains(&row), "{row} in {csv}");
    }
    let json: serde_json::Value = serde_json::from_str(&site.page("data/reports.json")).expect("reports.json parses");
    let rows = json["reports"].as_array().expect("an array of reports");
    assert_eq!(rows.len(), 7);
    let late = rows.iter().find(|r| r["record"] == "pdi-late").expect("the late row");
    assert_eq!(late["outcome"], "late");
    assert_eq!(late["late_by_hours"], 36);
}

#[test]
fn strict_fails_on_the_missing_report_and_names_its_file_and_line() {
    let site = site();
    let run = site.run(&["build", "--strict"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "no notification to imy is recorded, and its deadline (2024-05-05 00:00, 72 hours after it was detected) has passed"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/periods/2024-h1/pdi-missing.md:5:8"), "{}", run.stderr);
    assert!(
        run.stderr.contains("reported_to_authority = false when it was decided not to report it"),
        "{}",
        run.stderr
    );
    assert!(!site.output().exists(), "a failed build writes nothing");

    // Recording the decision makes the site strict-clean.
    site.write(
        "content/periods/2024-h1/pdi-missing.md",
        &MISSING.replace("+++\nText", "reported_to_authority = false\n+++\nText"),
    );
    let run = site.run(&["build", "--strict"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn report_rules_name_the_file_and_say_what_to_write() {
    let site = site();
    site.write(
        "content/periods/2024-h2/bad.md",
        r#"+++
title = "Bad reports"
kind = "major-incident"
service = "ledger"
date = 2024-09-10
detected = 2024-09-10T12:00:00+02:00

[[reports]]
authority = "cret"
date = 2024-09-11

[[reports]]
authority = "imy"
stage = "early-warning"
date = 2024-09-11

[[reports]]
authority = "cert"
stage = "early-warning"
date = 2024-09-09
+++
Text.
"#,
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let err = &run.stderr;
    assert!(err.contains("content/periods/2024-h2/bad.md:9:13"), "unknown authority at its value: {err}");
    assert!(err.contains("cert"), "the nearest id is suggested: {err}");
    assert!(err.contains("Integritetsskyddsmyndigheten (IMY) has no stage \"early-warning\""), "{err}");
    assert!(err.contains("its stages are: notification"), "{err}");
    assert!(
        err.contains("this report (2024-09-09) is dated before the record's `detected` (2024-09-10T12:00:00+02:00)"),
        "{err}"
    );
}
