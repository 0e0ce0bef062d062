//! The personal-data guard, end to end with the real binary: a personal
//! identity number, a coordination number, an e-mail address and a phone
//! number — in a Markdown body, in TOML string fields, in a service file, in
//! site.toml — each stop `check` and `build` with exit 1, name the file, line
//! and column, mask the value in the message, hide it in the quoted line,
//! and leave the previous output untouched. The allow list lets an exact
//! string through and nothing else.
//!
//! And the other side: no false positives. The example site and a text full
//! of dates, amounts, record ids, version numbers and times give no finding.

mod common;

use std::path::Path;

use common::{Run, TestSite, diagnostic_blocks, position, snapshot};
use insyn::validate::privacy::{self, scan};

const RECORD: &str = "content/periods/2023-q1/lon-stopp.md";

/// Test values: valid check digits, so the guard must find them.
const PNR: &str = "19811218-9876";
const PNR_SHORT: &str = "811218-9876";
const COORDINATION: &str = "811278-9873";
const EMAIL: &str = "anna.svensson@example.se";
const MOBILE: &str = "070-123 45 67";
const LANDLINE: &str = "+46 31 12 34 56";

/// Builds the minimal site (after `prepare`), applies `change`, and runs
/// `check` and `build`: both exit 1 and the output is untouched. Returns both runs.
fn refused(prepare: impl FnOnce(&TestSite), change: impl FnOnce(&TestSite)) -> (TestSite, [Run; 2]) {
    let site = TestSite::minimal();
    prepare(&site);
    site.build_ok();
    let before = snapshot(&site.output());
    change(&site);
    let check = site.run(&["check"]);
    let build = site.run(&["build"]);
    for run in [&check, &build] {
        assert_eq!(run.code, Some(1), "{}", run.stderr);
    }
    assert!(snapshot(&site.output()) == before, "a failed build changed the previous output");
    (site, [check, build])
}

/// Asserts one personal-data error about `value` in `file` of `site`: at
/// the value's line and column, with `kind` in the headline, the value
/// masked in the message and hidden in the quoted line, and the value
/// nowhere in the output of either run.
fn finds(site: &TestSite, runs: &[Run; 2], file: &str, value: &str, kind: &str) {
    let at = format!("{file}:{}", position(&site.read(file), value));
    for run in runs {
        assert!(!run.stderr.contains(value) && !run.stdout.contains(value), "the value {value} leaks:\n{}", run.stderr);
        let blocks = diagnostic_blocks(&run.stderr);
        let block = blocks
            .iter()
            .find(|b| b.starts_with("error: this looks like personal data") && b.contains(&format!("┌─ {at}\n")))
            .unwrap_or_else(|| panic!("no personal-data error at {at}:\n{}", run.stderr));
        let headline = block.lines().next().unwrap_or("");
        assert!(headline.contains(kind), "{headline}");
        let masked = privacy::mask(value);
        assert!(headline.ends_with(&masked), "{headline}");
        assert!(masked.contains('•'), "{masked}");
        // The quoted source line shows stars where the value was.
        assert!(block.contains(&"*".repeat(value.len())), "the quoted line does not hide it:\n{block}");
        assert!(block.contains("[privacy] allow"), "{block}");
    }
}

fn record(front: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"Lönekörningen stoppade\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\n{front}+++\n{body}\n"
    )
}

#[test]
fn a_personal_identity_number_in_a_body() {
    let (site, runs) =
        refused(|_| {}, |s| s.write(RECORD, &record("", &format!("Anmält av personen med nummer {PNR}."))));
    finds(&site, &runs, RECORD, PNR, "personal identity number");
}

#[test]
fn a_short_personal_identity_number_in_a_title() {
    let (site, runs) = refused(
        |_| {},
        |s| s.write(RECORD, &record("", "Text.").replace("Lönekörningen stoppade", &format!("Fel för {PNR_SHORT}"))),
    );
    finds(&site, &runs, RECORD, PNR_SHORT, "personal identity number");
}

#[test]
fn a_coordination_number_in_an_action() {
    let (site, runs) = refused(
        |_| {},
        |s| s.write(RECORD, &record(&format!("actions = [\"Kontakt med {COORDINATION}\"]\n"), "Text.")),
    );
    finds(&site, &runs, RECORD, COORDINATION, "coordination number");
}

#[test]
fn an_email_address_in_a_service_file() {
    let file = "content/services/lon.toml";
    let (site, runs) = refused(
        |_| {},
        |s| {
            s.write(file, &format!("name = \"Lön\"\narea = \"hr\"\ntier = \"base\"\ndescription = \"Frågor till [{EMAIL}](mailto:{EMAIL}).\"\n"))
        },
    );
    finds(&site, &runs, file, EMAIL, "e-mail address");
    // Both occurrences are errors.
    for run in &runs {
        assert_eq!(run.stderr.matches("error: this looks like personal data").count(), 2, "{}", run.stderr);
    }
}

#[test]
fn a_phone_number_in_site_toml() {
    let (site, runs) = refused(
        |_| {},
        |s| {
            s.write(
                "site.toml",
                &format!(
                    "title = \"Testrapport\"\nbase_url = \"https://www.example.se/avvikelser/\"\n\
                     organisation = \"Intraservice, tel. {LANDLINE}\"\n[[areas]]\nid = \"hr\"\nname = \"HR\"\n"
                ),
            )
        },
    );
    finds(&site, &runs, "site.toml", LANDLINE, "phone number");
}

#[test]
fn a_phone_number_in_a_period_summary_and_a_page() {
    let period = "content/periods/2023-q1/period.toml";
    let page = "content/pages/om.md";
    let (site, runs) = refused(
        |s| s.write(page, "+++\ntitle = \"Om\"\n+++\nOm rapporten.\n"),
        |s| {
            s.write(
                period,
                &format!(
                    "label = \"Q1\"\nstart = 2023-01-01\nend = 2023-03-31\nsummary = \"\"\"\nRing {MOBILE}.\n\"\"\"\n"
                ),
            );
            s.write(page, &format!("+++\ntitle = \"Om\"\n+++\nRing {MOBILE} om du har frågor.\n"));
        },
    );
    finds(&site, &runs, period, MOBILE, "phone number");
    finds(&site, &runs, page, MOBILE, "phone number");
}

#[test]
fn personal_data_in_a_draft_or_a_toml_comment_is_an_error_too() {
    // A draft is not published, but it is in the repository: still an error.
    let (site, runs) =
        refused(|_| {}, |s| s.write(RECORD, &record("draft = true\n# Anmält av anna.svensson@example.se\n", "Text.")));
    finds(&site, &runs, RECORD, EMAIL, "e-mail address");
}

#[test]
fn every_finding_of_a_file_is_reported_together() {
    let body = format!("Anna ({EMAIL}, {MOBILE}), {PNR}, samordningsnummer {COORDINATION}, {LANDLINE}.");
    let (site, runs) = refused(|_| {}, |s| s.write(RECORD, &record("", &body)));
    for (value, kind) in [
        (EMAIL, "e-mail address"),
        (MOBILE, "phone number"),
        (PNR, "personal identity number"),
        (COORDINATION, "coordination number"),
        (LANDLINE, "phone number"),
    ] {
        finds(&site, &runs, RECORD, value, kind);
    }
    assert!(runs[1].stderr.contains("5 errors in 1 file"), "{}", runs[1].stderr);
}

#[test]
fn the_allow_list_lets_exactly_its_strings_through() {
    let shared = "kontaktcenter@example.se";
    let allow = format!("{}[privacy]\nallow = [\"{shared}\", \"{LANDLINE}\"]\n", common::SITE_TOML);
    let site = TestSite::minimal();
    site.write("site.toml", &allow);
    site.write(RECORD, &record("", &format!("Frågor till {shared} eller {LANDLINE}.")));
    site.build_ok();
    assert!(site.page("avvikelser/lon-stopp/index.html").contains(shared));
    // Only the exact string: another address, another case, another spacing.
    for other in ["Kontaktcenter@example.se", "kontaktcenter@example.com", "+46 31 123 456", "+46 31-12 34 56"] {
        let (site, runs) = refused(
            |s| s.write("site.toml", &allow),
            |s| s.write(RECORD, &record("", &format!("Frågor till {shared} eller {other}."))),
        );
        let kind = if other.contains('@') { "e-mail address" } else { "phone number" };
        finds(&site, &runs, RECORD, other, kind);
        assert_eq!(diagnostic_blocks(&runs[0].stderr).len(), 1, "{}", runs[0].stderr);
    }
}

// ------------------------------------------------------- false positives --

/// Every content file of the site at `root` (and site.toml), scanned.
fn scan_site(root: &Path) -> (usize, usize, Vec<String>) {
    let mut files = 0;
    let mut bytes = 0;
    let mut findings = Vec::new();
    let paths = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .chain([root.join("site.toml")]);
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("UTF-8");
        files += 1;
        bytes += text.len();
        for f in scan(&text, &[]) {
            findings.push(format!("{}: {:?} {}", path.display(), f.kind, privacy::mask(&text[f.range])));
        }
    }
    (files, bytes, findings)
}

/// Runs of digits in a text (the candidates the scanner judges).
fn number_tokens(text: &str) -> usize {
    text.split(|c: char| !c.is_ascii_digit()).filter(|t| !t.is_empty()).count()
}

#[test]
fn no_false_positives_in_the_example_site() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (files, bytes, findings) = scan_site(root);
    let numbers: usize = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| number_tokens(&std::fs::read_to_string(e.path()).unwrap_or_default()))
        .sum();
    eprintln!("example site: {files} files, {bytes} bytes, {numbers} numbers, {} findings", findings.len());
    assert!(files > 20 && numbers > 200, "{files} files, {numbers} numbers");
    assert_eq!(findings, Vec::<String>::new());
}

/// A text full of what a report about IT deviations is full of: every
/// date of five years in six notations, amounts, ticket and record ids,
/// version numbers, times and durations, organisation and case numbers.
fn numbers_text() -> String {
    let mut out = String::new();
    let months = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let days_in = |y: u32, m: u32| match m {
        2 if y.is_multiple_of(4) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    for y in 2020..2025u32 {
        for m in 1..=12u32 {
            for d in 1..=days_in(y, m) {
                let h = (d * 7 + m) % 24;
                let min = (d * 13 + y) % 60;
                out.push_str(&format!(
                    "{y}-{m:02}-{d:02} {y}{m:02}{d:02} {d}/{m} {y} {d} {} {y} {d:02}.{m:02}.{y} {y}-{m:02}-{d:02}T{h:02}:{min:02}:00+01:00 \
                     kl. {h:02}:{min:02}–{:02}.{min:02} ({y}-{m:02}-{d:02} {h:02}:{min:02}) vecka {}{:02}, ",
                    months[(m - 1) as usize],
                    (h + 2) % 24,
                    y % 100,
                    (d + m * 4) % 53 + 1,
                ));
            }
            out.push('\n');
        }
    }
    for n in [0u64, 7, 42, 756, 1_003, 12_500, 99_999, 123_456, 1_234_567, 12_345_678, 1_012_345_678, 98_765_432_101] {
        let grouped = {
            let s = n.to_string();
            let mut g = String::new();
            for (i, c) in s.chars().enumerate() {
                if i > 0 && (s.len() - i) % 3 == 0 {
                    g.push(' ');
                }
                g.push(c);
            }
            g
        };
        out.push_str(&format!(
            "{grouped} kr, {grouped}\u{a0}kr, {n} kronor, {grouped},50 kr, {},{} Mkr, {n} SEK, {grouped} st, +{} %, -{},5 %, {n} incidenter\n",
            n / 1_000_000,
            n % 10,
            n % 1000,
            n % 100
        ));
    }
    for i in 0..2_000u32 {
        out.push_str(&format!(
            "INC{:07} CHG-{}-{:04} RITM{:07} inc-{}{:07} ärende {}/{:05} dnr {}-{}/{} rapport nr {}:{} \
             v{}.{}.{} {}.{}.{}.{} build {}.{}.{} 0x{:08X} pid {} port {} {:02}:{:02}:{:02} {}h{}m \
             IP 10.{}.{}.{} version {}.{} (rc{}) agresso-minne-{}-{:02}-{:02} sida {} av {}, ",
            i * 7919 % 10_000_000,
            2020 + i % 5,
            i,
            i * 104_729 % 10_000_000,
            2023,
            i * 3,
            2023,
            i * 17,
            i % 99,
            i * 11,
            2023,
            2023,
            i % 40,
            i % 20,
            i % 10,
            i % 100,
            10,
            0,
            19_045 + i,
            i % 9000,
            21 + i % 3,
            1 + i % 12,
            i,
            i.wrapping_mul(2_654_435_761),
            1000 + i,
            1024 + i,
            i % 24,
            i % 60,
            (i * 7) % 60,
            i % 48,
            i % 60,
            i % 256,
            (i * 3) % 256,
            (i * 5) % 256,
            i % 15,
            i % 30,
            i % 5,
            2020 + i % 5,
            1 + i % 12,
            1 + i % 28,
            1 + i % 20,
            20 + i % 20,
        ));
        if i % 10 == 9 {
            out.push('\n');
        }
    }
    out.push_str("Organisationsnummer 212000-1355 och 556677-8899; bankgiro 5050-1055; plusgiro 123 45 67-8; postnummer 411 05.\n");
    out
}

#[test]
fn no_false_positives_in_dates_amounts_ids_versions_and_times() {
    let text = numbers_text();
    let findings = scan(&text, &[]);
    let shown: Vec<String> = findings
        .iter()
        .map(|f| {
            let from = text[..f.range.start].char_indices().rev().nth(30).map_or(0, |(i, _)| i);
            format!("{:?} {:?} in …{}", f.kind, &text[f.range.clone()], &text[from..f.range.end])
        })
        .collect();
    eprintln!("numbers text: {} bytes, {} numbers, {} findings", text.len(), number_tokens(&text), findings.len());
    assert!(number_tokens(&text) > 50_000);
    assert_eq!(shown, Vec::<String>::new());
}

#[test]
fn the_numbers_text_builds_as_a_record() {
    let site = TestSite::minimal();
    site.write(RECORD, &record("", &numbers_text()));
    site.build_ok();
}
