//! `insyn import`: a copy of the example site gets a new period, Q2 2023,
//! and exports in each preset's shape, generated here with a seeded
//! generator; the tests assert the figures written to `period.toml`, the
//! draft records, that `insyn check` and `insyn build --drafts` accept
//! them, the masking of personal data, idempotence, the byte-for-byte
//! preservation of a hand-edited `period.toml`, and every error message.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{Run, TestSite};

/// `[import]` for ServiceNow exports of the example site.
const SERVICENOW_IMPORT: &str = r#"
[import]
preset = "servicenow"
major_priorities = ["1 - Critical"]
personal_data_categories = ["Personuppgiftsincident"]
exclude_states = ["Canceled"]

[import.services]
"UBW" = "agresso"
"#;

/// A hand-written `period.toml` for Q2 2023: comments, blank lines, an
/// unusual key order, comments on the figures, a recommendation after them.
const HAND_EDITED_PERIOD: &str = "# Q2, written by hand.\n\nend = 2023-06-30   # the last day\nlabel = \"Kvartal 2 2023\"\nstart = 2023-04-01\n\nsummary = \"\"\"\nEtt lugnt kvartal.\n\"\"\"\n\n[figures]\n# From ServiceNow, counted by hand.\npersonal_data_incidents = 0   # none known yet\n\nincidents    =   12\n\n[[recommendations]]\ntitle = \"Minne\"\ntext = \"Utöka minnet.\"\n";

/// A deterministic pseudo-random generator (64-bit LCG), so that every
/// run generates the same export.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One generated incident, in the terms of a ServiceNow export.
#[derive(Clone, Debug)]
struct Incident {
    number: String,
    opened: String,
    title: String,
    priority: String,
    state: String,
    category: String,
    ci: String,
    resolved: String,
    description: String,
}

/// The configuration items the generator uses; all but Citrix name a
/// service of the example site (by system, name or id, in any case).
const CIS: &[(&str, Option<&str>)] = &[
    ("Agresso/Unit4 (UBW)", Some("agresso")),
    ("UBW", Some("agresso")),
    ("SVARSGRUPPER", Some("telefoni-svarsgrupper")),
    ("Visma Recruit", Some("rekrytering")),
    ("Personec P", Some("loneadministration")),
    ("Stöd i arbetet med förmåner", Some("formaner")),
    ("Citrix", None),
];

/// `n` incidents over 2023, seeded; majors and personal-data incidents
/// are rare and always name a service of the site.
fn generate(seed: u64, n: usize) -> Vec<Incident> {
    let mut g = Lcg(seed);
    let priorities = ["2 - High", "3 - Moderate", "3 - Moderate", "4 - Low", "4 - Low", "5 - Planning"];
    let states = ["Closed", "Closed", "Closed", "Resolved", "In Progress", "Canceled"];
    let categories = ["Software", "Hardware", "Network", "Inquiry / Help"];
    (0..n)
        .map(|i| {
            let month = g.below(12) + 1;
            let day = g.below(28) + 1;
            let (hour, minute) = (g.below(24), g.below(60));
            let roll = g.below(1000);
            let priority = if roll < 4 { "1 - Critical" } else { priorities[g.below(6) as usize] };
            let category =
                if (4..7).contains(&roll) { "Personuppgiftsincident" } else { categories[g.below(4) as usize] };
            let special = roll < 7;
            let ci = if special { CIS[g.below(6) as usize].0 } else { CIS[g.below(7) as usize].0 };
            let state = if special { "Closed" } else { states[g.below(6) as usize] };
            Incident {
                number: format!("INC{:07}", 20_000 + i),
                opened: format!("2023-{month:02}-{day:02} {hour:02}:{minute:02}:00"),
                title: format!("Störning i {ci} nummer {i}"),
                priority: priority.to_string(),
                state: state.to_string(),
                category: category.to_string(),
                ci: ci.to_string(),
                resolved: format!("2023-{month:02}-{day:02} 23:59:00"),
                description: format!("Användarna kunde inte arbeta i {ci}.\nÅtgärdat av driften."),
            }
        })
        .collect()
}

/// The header of a ServiceNow CSV export (field names), with a column the
/// import does not read.
const SN_HEADER: [&str; 10] = [
    "number",
    "opened_at",
    "short_description",
    "caller_id",
    "priority",
    "state",
    "category",
    "cmdb_ci",
    "resolved_at",
    "description",
];

fn sn_fields(i: &Incident) -> [String; 10] {
    [
        i.number.clone(),
        i.opened.clone(),
        i.title.clone(),
        "Anna Andersson".to_string(),
        i.priority.clone(),
        i.state.clone(),
        i.category.clone(),
        i.ci.clone(),
        i.resolved.clone(),
        i.description.clone(),
    ]
}

/// A CSV text with RFC 4180 quoting.
fn csv_text(header: &[&str], rows: &[Vec<String>], delimiter: char) -> String {
    let quote = |s: &str| {
        if s.contains([delimiter, '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
    };
    let mut out = header.iter().map(|h| quote(h)).collect::<Vec<_>>().join(&delimiter.to_string());
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|c| quote(c)).collect::<Vec<_>>().join(&delimiter.to_string()));
        out.push_str("\r\n");
    }
    out
}

fn servicenow_csv(incidents: &[Incident]) -> String {
    let rows: Vec<Vec<String>> = incidents.iter().map(|i| sn_fields(i).to_vec()).collect();
    csv_text(&SN_HEADER, &rows, ',')
}

/// What the import must find in Q2 2023, worked out from the generated
/// incidents: (incidents, majors, personal-data incidents, tickets to draft).
fn expected(incidents: &[Incident]) -> (u64, u64, u64, Vec<&Incident>) {
    let in_q2: Vec<&Incident> = incidents
        .iter()
        .filter(|i| i.opened.as_str() >= "2023-04-01" && i.opened.as_str() < "2023-07-01" && i.state != "Canceled")
        .collect();
    let major = in_q2.iter().filter(|i| i.priority == "1 - Critical").count() as u64;
    let pdi = in_q2.iter().filter(|i| i.category == "Personuppgiftsincident").count() as u64;
    let drafts = in_q2
        .iter()
        .copied()
        .filter(|i| i.priority == "1 - Critical" || i.category == "Personuppgiftsincident")
        .collect();
    (in_q2.len() as u64, major, pdi, drafts)
}

/// The example site with `[import]` appended to site.toml and Q2 2023
/// written by hand.
fn site(import: &str) -> TestSite {
    let site = TestSite::example();
    let mut config = site.read("site.toml");
    config.push_str(import);
    site.write("site.toml", &config);
    site.write("content/periods/2023-q2/period.toml", HAND_EDITED_PERIOD);
    site
}

fn import(site: &TestSite, file: &Path, extra: &[&str]) -> Run {
    let file = file.to_string_lossy().to_string();
    let mut args = vec!["import", file.as_str(), "--period", "2023-q2"];
    args.extend_from_slice(extra);
    site.run(&args)
}

fn write_export(site: &TestSite, name: &str, bytes: &[u8]) -> PathBuf {
    site.write_bytes(name, bytes);
    site.path().join(name)
}

/// Every file under content/, relative path → bytes.
fn content_files(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let root = site.path().join("content");
    walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&root).expect("prefix").to_string_lossy().to_string();
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// The draft whose `ref` is `number`: its file name and text.
fn draft_for(site: &TestSite, number: &str) -> Option<(String, String)> {
    let dir = site.path().join("content/periods/2023-q2");
    std::fs::read_dir(&dir).expect("period folder").filter_map(Result::ok).find_map(|e| {
        let text = std::fs::read_to_string(e.path()).ok()?;
        text.contains(&format!("ref = \"{number}\"")).then(|| (e.file_name().to_string_lossy().to_string(), text))
    })
}

/// `[figures]` of Q2 as (key, value) pairs.
fn figures(site: &TestSite) -> BTreeMap<String, i64> {
    let t: toml::Table = site.read("content/periods/2023-q2/period.toml").parse().expect("period.toml parses");
    t.get("figures")
        .and_then(|f| f.as_table())
        .map(|f| f.iter().filter_map(|(k, v)| Some((k.clone(), v.as_integer()?))).collect())
        .unwrap_or_default()
}

fn assert_ok(run: &Run) {
    assert_eq!(run.code, Some(0), "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
}

#[test]
fn a_servicenow_csv_fills_the_figures_and_drafts_the_major_and_personal_data_incidents() {
    let site = site(SERVICENOW_IMPORT);
    let incidents = generate(2023, 4000);
    let (count, major, pdi, to_draft) = expected(&incidents);
    assert!(major > 0 && pdi > 0, "the generator must make some of each: {major} {pdi}");
    let file = write_export(&site, "incidents.csv", servicenow_csv(&incidents).as_bytes());

    // The dry run shows the changes and writes nothing.
    let before = content_files(&site);
    let dry = import(&site, &file, &[]);
    assert_ok(&dry);
    assert_eq!(content_files(&site), before, "a dry run writes nothing");
    assert!(dry.stdout.contains(&format!("incidents                 12 → {count}")), "{}", dry.stdout);
    assert!(dry.stdout.contains(&format!("major_incidents           not set → {major}")), "{}", dry.stdout);
    assert!(dry.stdout.contains(&format!("personal_data_incidents   0 → {pdi}")), "{}", dry.stdout);
    assert!(dry.stdout.contains(&format!("Drafts to add ({}):", to_draft.len())), "{}", dry.stdout);
    assert!(dry.stdout.contains("This was a dry run: nothing was written. Run it again with --write"));

    let run = import(&site, &file, &["--write"]);
    assert_ok(&run);
    assert!(run.stdout.contains("Wrote content/periods/2023-q2/period.toml"), "{}", run.stdout);
    let f = figures(&site);
    assert_eq!(f.get("incidents"), Some(&(count as i64)));
    assert_eq!(f.get("major_incidents"), Some(&(major as i64)));
    assert_eq!(f.get("personal_data_incidents"), Some(&(pdi as i64)));

    for inc in &to_draft {
        let (name, text) = draft_for(&site, &inc.number).unwrap_or_else(|| panic!("no draft for {}", inc.number));
        assert!(run.stdout.contains(&format!("Wrote content/periods/2023-q2/{name}")), "{}", run.stdout);
        let service = CIS.iter().find(|(ci, _)| *ci == inc.ci).and_then(|(_, s)| *s).expect("service");
        let kind = if inc.category == "Personuppgiftsincident" { "personal-data-incident" } else { "major-incident" };
        let date = &inc.opened[..10];
        let time = &inc.opened[11..];
        let expected_text = format!(
            "+++\n# A draft from insyn import ({num}): check every field and write the text for readers, then remove draft = true to publish it.\ntitle = \"{title}\"\nkind = \"{kind}\"\nservice = \"{service}\"\ndate = {date}T{time}+02:00\nresolved = {date}T23:59:00+02:00\nref = \"{num}\"\ndraft = true\n+++\n{body}\n",
            num = inc.number,
            title = inc.title,
            body = inc.description,
        );
        assert_eq!(text, expected_text);
        assert_eq!(name, format!("{}.md", insyn::content::ids::derive(&inc.title)));
    }

    let check = site.run(&["check"]);
    assert_eq!(check.code, Some(0), "insyn check must accept the import:\n{}", check.stderr);
    let build = site.run(&["build", "--drafts"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    let first = to_draft[0];
    let (name, _) = draft_for(&site, &first.number).expect("draft");
    let page = site.page(&format!("avvikelser/{}/index.html", name.trim_end_matches(".md")));
    let seen = common::text(&page);
    assert!(seen.contains(&first.title), "{seen}");
    assert!(seen.contains("Användarna kunde inte arbeta i"), "{seen}");
    let published = site.run(&["build"]);
    assert_eq!(published.code, Some(0), "{}", published.stderr);
    assert!(!site.output().join(format!("avvikelser/{}/index.html", name.trim_end_matches(".md"))).exists());
}

#[test]
fn importing_the_same_export_twice_changes_nothing() {
    let site = site(SERVICENOW_IMPORT);
    let incidents = generate(7, 2500);
    let file = write_export(&site, "incidents.csv", servicenow_csv(&incidents).as_bytes());
    assert_ok(&import(&site, &file, &["--write"]));
    let after_first = content_files(&site);
    let second = import(&site, &file, &["--write"]);
    assert_ok(&second);
    assert_eq!(content_files(&site), after_first, "the second run must not change a byte");
    assert!(
        second.stdout.contains("Nothing to change: the site already has what this export says; nothing was written.")
    );
    assert!(second.stdout.contains("Already on the site"), "{}", second.stdout);
    let dry = import(&site, &file, &[]);
    assert!(dry.stdout.contains("Nothing to change: the site already has what this export says."), "{}", dry.stdout);
    assert!(!dry.stdout.contains("Drafts to add"), "{}", dry.stdout);
}

#[test]
fn a_hand_edited_period_toml_keeps_every_byte_outside_the_figures() {
    let site = site(SERVICENOW_IMPORT);
    let incidents = generate(11, 3000);
    let (count, major, pdi, _) = expected(&incidents);
    let file = write_export(&site, "incidents.csv", servicenow_csv(&incidents).as_bytes());
    assert_ok(&import(&site, &file, &["--write"]));
    let want = HAND_EDITED_PERIOD
        .replace(
            "personal_data_incidents = 0   # none known yet",
            &format!("personal_data_incidents = {pdi}   # none known yet"),
        )
        .replace("incidents    =   12\n", &format!("incidents    =   {count}\nmajor_incidents = {major}\n"));
    assert_eq!(site.read("content/periods/2023-q2/period.toml"), want);
}

#[test]
fn a_period_without_figures_gets_them_appended_after_its_comments() {
    let site = site(SERVICENOW_IMPORT);
    let period = "label = \"Kvartal 2 2023\"\nstart = 2023-04-01\nend = 2023-06-30\n# summary = \"\"\"…\"\"\"\n";
    site.write("content/periods/2023-q2/period.toml", period);
    let incidents = generate(5, 1500);
    let (count, major, pdi, _) = expected(&incidents);
    let file = write_export(&site, "incidents.csv", servicenow_csv(&incidents).as_bytes());
    assert_ok(&import(&site, &file, &["--write"]));
    assert_eq!(
        site.read("content/periods/2023-q2/period.toml"),
        format!(
            "{period}\n[figures]\nincidents = {count}\nmajor_incidents = {major}\npersonal_data_incidents = {pdi}\n"
        )
    );
}

/// One major incident whose ticket texts name a person.
fn leaking_incident() -> Incident {
    Incident {
        number: "INC0099001".to_string(),
        opened: "2023-05-10 09:00:00".to_string(),
        title: "Agresso nere för anna.andersson@example.se".to_string(),
        priority: "1 - Critical".to_string(),
        state: "Closed".to_string(),
        category: "Software".to_string(),
        ci: "UBW".to_string(),
        resolved: "2023-05-10 11:30:00".to_string(),
        description: "Anna Andersson (19121212-1212, anna.andersson@example.se) ringde om Agresso.".to_string(),
    }
}

#[test]
fn personal_data_in_ticket_texts_is_masked_and_listed_never_shown() {
    let site = site(SERVICENOW_IMPORT);
    let file = write_export(&site, "incidents.csv", servicenow_csv(&[leaking_incident()]).as_bytes());
    let run = import(&site, &file, &["--write"]);
    assert_ok(&run);
    let name = "agresso-nere-for-e-postadress-borttagen.md";
    let text = site.read(&format!("content/periods/2023-q2/{name}"));
    assert!(text.contains("title = \"Agresso nere för [e-postadress borttagen]\""), "{text}");
    assert!(
        text.ends_with("+++\nAnna Andersson ([personnummer borttaget], [e-postadress borttagen]) ringde om Agresso.\n"),
        "{text}"
    );
    for secret in ["19121212-1212", "anna.andersson@example.se"] {
        assert!(!text.contains(secret));
        assert!(!run.stdout.contains(secret) && !run.stderr.contains(secret));
    }
    let listed = format!(
        "Personal data masked (3): the drafts have a placeholder instead; read them before publishing:\n  content/periods/2023-q2/{name}: row 2, column \"short_description\": an e-mail address\n  content/periods/2023-q2/{name}: row 2, column \"description\": a Swedish personal identity number (personnummer)\n  content/periods/2023-q2/{name}: row 2, column \"description\": an e-mail address\n"
    );
    assert!(run.stdout.contains(&listed), "{}", run.stdout);
    assert_eq!(site.run(&["check"]).code, Some(0));
}

#[test]
fn an_english_site_masks_with_english_placeholders() {
    let site = site(SERVICENOW_IMPORT);
    let config = site.read("site.toml").replace("language = \"sv\"", "language = \"en\"");
    site.write("site.toml", &config);
    let file = write_export(&site, "incidents.csv", servicenow_csv(&[leaking_incident()]).as_bytes());
    assert_ok(&import(&site, &file, &["--write"]));
    let text = site.read("content/periods/2023-q2/agresso-nere-for-e-mail-address-removed.md");
    assert!(text.contains("Anna Andersson ([personal identity number removed], [e-mail address removed])"), "{text}");
}

/// Windows-1252 bytes of a text with Swedish letters.
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'å' => 0xE5,
            'ä' => 0xE4,
            'ö' => 0xF6,
            'Å' => 0xC5,
            'Ä' => 0xC4,
            'Ö' => 0xD6,
            'é' => 0xE9,
            c if c.is_ascii() => c as u8,
            c => panic!("not in the test's Windows-1252 table: {c}"),
        })
        .collect()
}

#[test]
fn semicolon_exports_in_windows_1252_and_in_utf_8_with_a_bom_read_alike() {
    let incidents = generate(99, 3000);
    let (count, major, pdi, to_draft) = expected(&incidents);
    let rows: Vec<Vec<String>> = incidents.iter().map(|i| sn_fields(i).to_vec()).collect();
    let text = csv_text(&SN_HEADER, &rows, ';');
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(text.as_bytes());
    for (name, bytes, format) in [
        ("export-1252.csv", windows_1252(&text), "CSV, Windows-1252, separated by `;`"),
        ("export-bom.csv", with_bom, "CSV, UTF-8, separated by `;`"),
    ] {
        let site = site(SERVICENOW_IMPORT);
        let file = write_export(&site, name, &bytes);
        let run = import(&site, &file, &["--write"]);
        assert_ok(&run);
        assert!(run.stdout.contains(format), "{name}: {}", run.stdout);
        let f = figures(&site);
        assert_eq!(
            (f.get("incidents"), f.get("major_incidents"), f.get("personal_data_incidents")),
            (Some(&(count as i64)), Some(&(major as i64)), Some(&(pdi as i64))),
            "{name}"
        );
        let first = to_draft[0];
        let (_, draft) = draft_for(&site, &first.number).expect("draft");
        assert!(
            draft.contains(&format!("title = \"{}\"", first.title)),
            "{name}: Swedish letters must survive: {draft}"
        );
        assert!(draft.contains("Åtgärdat av driften."), "{name}: {draft}");
        assert_eq!(site.run(&["check"]).code, Some(0), "{name}");
    }
}

#[test]
fn an_xlsx_export_with_servicenow_labels_and_date_cells_imports() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let incidents = generate(2023, 4000);
    let (count, major, pdi, to_draft) = expected(&incidents);
    assert!(!to_draft.is_empty());
    let labels = [
        "Number",
        "Opened",
        "Short description",
        "Priority",
        "State",
        "Category",
        "Configuration item",
        "Resolved",
        "Description",
    ];
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date_format = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    for (c, label) in labels.iter().enumerate() {
        sheet.write_string(0, c as u16, *label).expect("header");
    }
    for (r, i) in incidents.iter().enumerate() {
        let r = r as u32 + 1;
        let cells =
            [&i.number, &i.opened, &i.title, &i.priority, &i.state, &i.category, &i.ci, &i.resolved, &i.description];
        for (c, value) in cells.iter().enumerate() {
            if c == 1 || c == 7 {
                let dt = ExcelDateTime::parse_from_str(value).expect("date");
                sheet.write_datetime_with_format(r, c as u16, &dt, &date_format).expect("date cell");
            } else {
                sheet.write_string(r, c as u16, value.as_str()).expect("cell");
            }
        }
    }
    let site = site(SERVICENOW_IMPORT);
    let path = site.path().join("incidents.xlsx");
    book.save(&path).expect("save xlsx");
    let run = import(&site, &path, &["--write"]);
    assert_ok(&run);
    assert!(run.stdout.contains("(XLSX, first sheet)"), "{}", run.stdout);
    let f = figures(&site);
    assert_eq!(f.get("incidents"), Some(&(count as i64)));
    assert_eq!(f.get("major_incidents"), Some(&(major as i64)));
    assert_eq!(f.get("personal_data_incidents"), Some(&(pdi as i64)));
    let first = to_draft[0];
    let (_, draft) = draft_for(&site, &first.number).expect("draft");
    assert!(draft.contains(&format!("date = {}T{}+02:00", &first.opened[..10], &first.opened[11..])), "{draft}");
    assert_eq!(site.run(&["check"]).code, Some(0));
}

#[test]
fn a_topdesk_export_reads_by_its_field_labels() {
    let import_config = r#"
[import]
preset = "topdesk"
priorities = ["P1", "P2", "P3", "P4"]
major_priorities = ["P1"]
personal_data_categories = ["Dataskydd"]
"#;
    let site = site(import_config);
    let header = [
        "Number",
        "Brief description",
        "Call date",
        "Completed date",
        "Priority",
        "Category",
        "Object",
        "Processing status",
        "Request",
    ];
    let row = |n: &str, title: &str, opened: &str, prio: &str, cat: &str, object: &str| {
        [n, title, opened, "", prio, cat, object, "Completed", "Beskrivning."]
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    };
    let rows = vec![
        row("I2305-001", "Lönekörningen stoppade", "2023-05-02T08:00:00.000+0200", "P1", "Programvara", "Personec P"),
        row("I2305-002", "Fel mottagare av lönebesked", "2023-05-03 09:00", "P3", "Dataskydd", "Personec P"),
        row("I2305-003", "Skrivare", "2023-05-04 10:00", "P4", "Hårdvara", "Skrivare 12"),
        row("I2303-004", "Gammalt", "2023-03-04 10:00", "P4", "Hårdvara", "Skrivare 12"),
    ];
    let file = write_export(&site, "topdesk.csv", csv_text(&header, &rows, ';').as_bytes());
    let run = import(&site, &file, &["--write"]);
    assert_ok(&run);
    let f = figures(&site);
    assert_eq!((f["incidents"], f["major_incidents"], f["personal_data_incidents"]), (3, 1, 1));
    let (name, text) = draft_for(&site, "I2305-001").expect("draft");
    assert_eq!(name, "lonekorningen-stoppade.md");
    assert!(
        text.contains("service = \"loneadministration\"\ndate = 2023-05-02T08:00:00+02:00\nref = \"I2305-001\""),
        "{text}"
    );
    assert!(draft_for(&site, "I2305-002").expect("draft").1.contains("kind = \"personal-data-incident\""));
    assert_eq!(site.run(&["check"]).code, Some(0));
}

#[test]
fn a_jira_export_reads_its_date_format() {
    let import_config = r#"
[import]
preset = "jira"
major_priorities = ["Highest"]
"#;
    let site = site(import_config);
    let header = [
        "Summary",
        "Issue key",
        "Issue id",
        "Issue Type",
        "Status",
        "Priority",
        "Created",
        "Resolved",
        "Component/s",
        "Description",
    ];
    let rows = [
        [
            "Svarsgrupper nere",
            "ITSM-7",
            "10007",
            "Incident",
            "Done",
            "Highest",
            "14/Apr/23 9:41 AM",
            "14/Apr/23 1:05 PM",
            "Svarsgrupper",
            "Inga samtal kom fram.",
        ],
        [
            "Långsam inloggning",
            "ITSM-8",
            "10008",
            "Incident",
            "Done",
            "Low",
            "30/Jun/23 11:59 PM",
            "",
            "Svarsgrupper",
            "",
        ],
        ["Juli", "ITSM-9", "10009", "Incident", "Done", "Low", "1/Jul/23 12:01 AM", "", "Svarsgrupper", ""],
    ]
    .iter()
    .map(|r| r.iter().map(|s| s.to_string()).collect())
    .collect::<Vec<Vec<String>>>();
    let file = write_export(&site, "jira.csv", csv_text(&header, &rows, ',').as_bytes());
    let run = import(&site, &file, &["--write"]);
    assert_ok(&run);
    let f = figures(&site);
    assert_eq!((f["incidents"], f["major_incidents"]), (2, 1));
    assert!(run.stdout.contains("personal_data_incidents   not counted: [import] has no personal_data_priorities or personal_data_categories (the file keeps what it says)"), "{}", run.stdout);
    assert_eq!(f["personal_data_incidents"], 0, "a figure without a rule is left as it was");
    let (_, text) = draft_for(&site, "ITSM-7").expect("draft");
    assert!(text.contains("service = \"telefoni-svarsgrupper\"\ndate = 2023-04-14T09:41:00+02:00\nresolved = 2023-04-14T13:05:00+02:00\n"), "{text}");
}

#[test]
fn opening_times_count_in_the_site_time_zone() {
    let site = site(SERVICENOW_IMPORT);
    let mut base = leaking_incident();
    base.priority = "3 - Moderate".to_string();
    let at = |n: &str, opened: &str| Incident { number: n.to_string(), opened: opened.to_string(), ..base.clone() };
    let rows = [
        at("INC1", "2023-03-31T22:30:00Z"),      // 00:30 on 1 April in Stockholm: in
        at("INC2", "2023-03-31 23:59:59"),       // local: out
        at("INC3", "2023-06-30 23:30:00"),       // local: in
        at("INC4", "2023-06-30T22:10:00+00:00"), // 00:10 on 1 July in Stockholm: out
        at("INC5", "2023-04-01"),                // a date: in
    ];
    let file = write_export(&site, "incidents.csv", servicenow_csv(&rows).as_bytes());
    assert_ok(&import(&site, &file, &["--write"]));
    assert_eq!(figures(&site)["incidents"], 3);
}

#[test]
fn rows_that_cannot_be_read_are_reported_per_row_and_skipped() {
    let site = site(SERVICENOW_IMPORT);
    let ok = leaking_incident();
    let with = |n: &str, f: &dyn Fn(&mut Incident)| {
        let mut i = Incident {
            number: n.to_string(),
            title: format!("Ärende {n}"),
            description: "Text.".to_string(),
            ..ok.clone()
        };
        f(&mut i);
        i
    };
    let rows = [
        with("INC0000001", &|_| {}),
        with("INC0000002", &|i| i.opened = "igår 10:00".to_string()),
        with("INC0000003", &|i| i.opened = String::new()),
        with("INC0000004", &|i| i.priority = "0 - Panic".to_string()),
        with("INC0000005", &|i| i.priority = String::new()),
        with("INC0000006", &|i| i.ci = "Citrix".to_string()),
        with("INC0000007", &|i| i.ci = String::new()),
        with("INC0000008", &|i| i.title = String::new()),
        with("INC0000009", &|i| i.resolved = "2023-05-09 10:00:00".to_string()),
        with("INC0000010", &|i| i.resolved = "snart".to_string()),
        with("INC0000001", &|_| {}),
        with("", &|_| {}),
        with("19121212-1212", &|_| {}),
    ];
    let file = write_export(&site, "bad.csv", servicenow_csv(&rows).as_bytes());
    let run = import(&site, &file, &["--write"]);
    assert_ok(&run);
    let f = file.display().to_string();
    for line in [
        format!("{f}:3, column \"opened_at\": \"igår 10:00\" is not a date and time insyn can read (not counted)"),
        "help: write the export's date format under [import], e.g. date_format = \"%d/%m/%Y %H:%M\" (ISO 8601 needs none)".to_string(),
        format!("{f}:4, column \"opened_at\": no opening time (not counted)"),
        format!("{f}:5, column \"priority\": the priority \"0 - Panic\" is not one of the export's priorities (not counted)"),
        format!("{f}:6, column \"priority\": no priority (not counted)"),
        "help: if it is a priority of the system, add it to priorities = […] under [import], and to major_priorities if it means a major incident".to_string(),
        format!("{f}:7, column \"cmdb_ci\": no service matches \"Citrix\", so no draft (counted, no draft)"),
        format!("{f}:8, column \"cmdb_ci\": no service named, so no draft (counted, no draft)"),
        "help: name the service under [import.services] in site.toml, e.g. \"<export name>\" = \"<service id>\"".to_string(),
        format!("{f}:9, column \"short_description\": no title, so no draft (counted, no draft)"),
        format!("{f}:10, column \"resolved_at\": resolved before it was opened, so no draft (counted, no draft)"),
        format!("{f}:11, column \"resolved_at\": \"snart\" is not a date and time insyn can read, so no draft (counted, no draft)"),
        format!("{f}:12, column \"number\": the ticket INC0000001 is on row 2 too; it is counted once (not counted)"),
        format!("{f}:13, column \"number\": no ticket number (not counted)"),
        format!("{f}:14, column \"number\": the ticket number looks like personal data, so it cannot be the record's ref (counted, no draft)"),
    ] {
        assert!(run.stdout.contains(&line), "missing {line:?} in:\n{}", run.stdout);
    }
    assert!(!run.stdout.contains("19121212-1212"), "{}", run.stdout);
    // Rows 2, 7-11 and 14 are incidents of the period; 3-6, 12 and 13 are not counted.
    assert_eq!(figures(&site)["incidents"], 7);
    assert!(run.stdout.contains("The counts leave out the 6 rows skipped below as not counted."), "{}", run.stdout);
    assert_eq!(site.run(&["check"]).code, Some(0));
}

#[test]
fn a_service_shared_by_two_services_is_not_guessed() {
    let site = site(SERVICENOW_IMPORT);
    site.write(
        "content/services/lon-extra.toml",
        "name = \"Lön extra\"\narea = \"hr\"\ntier = \"addon\"\nsystem = \"Personec P\"\n",
    );
    let mut i = leaking_incident();
    i.ci = "Personec P".to_string();
    i.title = "Lön".to_string();
    i.description = String::new();
    let file = write_export(&site, "x.csv", servicenow_csv(&[i]).as_bytes());
    let run = import(&site, &file, &[]);
    assert!(
        run.stdout.contains(
            "column \"cmdb_ci\": \"Personec P\" names several services (lon-extra, loneadministration), so no draft"
        ),
        "{}",
        run.stdout
    );
}

/// Runs the import with `import` as `[import]` and `export` as the file;
/// asserts exit status 1 and returns stderr.
fn config_error(import_config: &str, export: &str) -> String {
    let site = match import_config.strip_prefix("TOP:") {
        // A key of the top-level table goes before the first section.
        Some(line) => {
            let site = site("");
            let config = site.read("site.toml").replace("current_period", &format!("{line}current_period"));
            site.write("site.toml", &config);
            site
        }
        None => site(import_config),
    };
    let file = write_export(&site, "x.csv", export.as_bytes());
    let before = content_files(&site);
    let run = import(&site, &file, &["--write"]);
    assert_eq!(run.code, Some(1), "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("Nothing was written."), "{}", run.stderr);
    assert_eq!(content_files(&site), before);
    run.stderr
}

const SN_ROW: &str = "number,opened_at,short_description,priority,category,cmdb_ci,state\nINC1,2023-05-01 10:00:00,Nere,1 - Critical,Software,UBW,Closed\n";

#[test]
fn every_mistake_in_import_is_reported_at_its_line() {
    let cases: &[(&str, &str)] = &[
        ("", "site.toml has no [import] section"),
        ("TOP:import = \"servicenow\"\n", "`import` must be a table, found a string"),
        ("\n[import]\npreset = \"servicenw\"\n", "there is no preset \"servicenw\""),
        (
            "\n[import]\npreset = \"servicenw\"\n",
            "did you mean \"servicenow\"? preset is one of: servicenow, topdesk, jira",
        ),
        (
            "\n[import]\npreset = \"servicenow\"\nmajr_priorities = [\"1 - Critical\"]\n",
            "unknown field `majr_priorities`",
        ),
        (
            "\n[import]\npreset = \"servicenow\"\nmajor_priorities = [\"P1\"]\n",
            "\"P1\" is not one of the export's priorities",
        ),
        (
            "\n[import]\npreset = \"topdesk\"\nmajor_priorities = [\"P1\"]\n",
            "insyn cannot tell a misspelt priority from another one: `[import]` lists no `priorities`",
        ),
        (
            "\n[import]\npreset = \"servicenow\"\n[import.services]\n\"UBW\" = \"agreso\"\n",
            "there is no service \"agreso\" for \"UBW\"",
        ),
        ("\n[import]\npreset = \"servicenow\"\n[import.services]\n\"UBW\" = \"agreso\"\n", "did you mean \"agresso\"?"),
        (
            "\n[import]\npreset = \"servicenow\"\n[import.services]\n\"UBW\" = 3\n",
            "the service for \"UBW\" must be a string, found an integer",
        ),
        (
            "\n[import]\npreset = \"servicenow\"\ndate_format = \"%Q\"\n",
            "`date_format` \"%Q\" is not a date format insyn understands",
        ),
        (
            "\n[import]\npreset = \"servicenow\"\ntime_zone = \"Europe/Göteborg\"\n",
            "`time_zone` \"Europe/Göteborg\" is not a time zone insyn knows",
        ),
        ("\n[import]\npreset = \"servicenow\"\ntime_zone = 1\n", "`time_zone` must be a string, found an integer"),
        ("\n[import]\npreset = \"servicenow\"\nopened = \"Öppnad\"\n", "has no column \"Öppnad\" (named by `opened`)"),
        ("\n[import]\npreset = \"servicenow\"\nopened = \"\"\n", "`opened` names an empty column"),
        (
            "\n[import]\nnumber = \"number\"\n",
            "`[import]` says nothing about the column `title`, which the import needs",
        ),
        (
            "\n[import]\npreset = \"servicenow\"\npriorities = 3\n",
            "`priorities` must be a list of strings, found an integer",
        ),
        ("\n[import\n", "this is not valid TOML"),
    ];
    for (config, message) in cases {
        let stderr = config_error(config, SN_ROW);
        assert!(stderr.contains(message), "[import] {config:?} must say {message:?}:\n{stderr}");
        assert!(stderr.contains("site.toml"), "{stderr}");
    }
    // A site-wide time zone is checked too.
    let site = site(SERVICENOW_IMPORT);
    let config = site.read("site.toml").replace("current_period", "time_zone = \"Mars/Olympus\"\ncurrent_period");
    site.write("site.toml", &config);
    let file = write_export(&site, "x.csv", SN_ROW.as_bytes());
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("`time_zone` \"Mars/Olympus\" is not a time zone insyn knows"), "{}", run.stderr);
}

#[test]
fn a_column_the_preset_expects_but_the_export_lacks_is_named() {
    let stderr = config_error(SERVICENOW_IMPORT, "number,short_description,priority\nINC1,Nere,1 - Critical\n");
    assert!(
        stderr.contains("the export has no column for `opened`: insyn looked for \"opened_at\", \"Opened\""),
        "{stderr}"
    );
    assert!(stderr.contains("the export's columns are: \"number\", \"short_description\", \"priority\""), "{stderr}");
    assert!(stderr.contains("the export has no column for `service`"), "{stderr}");
}

#[test]
fn usage_and_file_errors_exit_with_status_2() {
    let site = site(SERVICENOW_IMPORT);
    let file = write_export(&site, "x.csv", SN_ROW.as_bytes());
    let run = site.run(&["import", &file.to_string_lossy(), "--period", "2023-q22"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("there is no period \"2023-q22\"; did you mean \"2023-q2\"?"), "{}", run.stderr);
    assert!(run.stderr.contains("Create it first with insyn new period 2023-q22"), "{}", run.stderr);

    let missing = site.path().join("nowhere.csv");
    let run = import(&site, &missing, &[]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("cannot read") && run.stderr.contains("nowhere.csv"), "{}", run.stderr);

    let broken = write_export(&site, "broken.xlsx", b"PK\x03\x04 not really a zip");
    let run = import(&site, &broken, &[]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("is not a spreadsheet insyn can read"), "{}", run.stderr);

    let empty = write_export(&site, "empty.csv", b"");
    let run = import(&site, &empty, &[]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("the export has no header row"), "{}", run.stderr);
}

#[test]
fn an_unusable_period_or_site_file_is_a_content_error() {
    let site = site(SERVICENOW_IMPORT);
    let file = write_export(&site, "x.csv", SN_ROW.as_bytes());
    site.write("content/periods/2023-q2/period.toml", "label = \"Q2\"\n");
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("required field `start` is missing")
            && run.stderr.contains("content/periods/2023-q2/period.toml"),
        "{}",
        run.stderr
    );

    site.write("content/periods/2023-q2/period.toml", "label = \"Q2\n");
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("this is not valid TOML") && run.stderr.contains("content/periods/2023-q2/period.toml"),
        "{}",
        run.stderr
    );

    site.write(
        "content/periods/2023-q2/period.toml",
        "label = \"Q2\"\nstart = 2023-04-01\nend = 2023-06-30\nfigures = 3\n",
    );
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("content/periods/2023-q2/period.toml: `figures` is not a table"), "{}", run.stderr);

    site.remove("content/periods/2023-q2/period.toml");
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("the period folder \"2023-q2\" has no period.toml"), "{}", run.stderr);

    site.write("content/periods/2023-q2/period.toml", HAND_EDITED_PERIOD);
    site.remove("site.toml");
    let run = import(&site, &file, &[]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("there is no site.toml"), "{}", run.stderr);
}

#[test]
fn the_files_changed_meanwhile_are_never_overwritten() {
    let site = site(SERVICENOW_IMPORT);
    let file = write_export(&site, "x.csv", servicenow_csv(&[leaking_incident()]).as_bytes());
    let request =
        insyn::import::Request { root: site.path().to_path_buf(), file: file.clone(), period: "2023-q2".to_string() };

    let plan = insyn::import::plan(&request).expect("plan");
    site.write("content/periods/2023-q2/period.toml", &format!("{HAND_EDITED_PERIOD}# edited meanwhile\n"));
    let err = insyn::import::apply(&plan, site.path()).expect_err("must refuse");
    assert_eq!(
        err,
        "content/periods/2023-q2/period.toml changed while insyn import ran; nothing was written, run it again"
    );

    let plan = insyn::import::plan(&request).expect("plan");
    let draft = &plan.drafts[0].rel;
    site.write(&draft.to_string_lossy(), "mine\n");
    let err = insyn::import::apply(&plan, site.path()).expect_err("must refuse");
    assert!(err.ends_with("appeared while insyn import ran; it was not overwritten, and the drafts after it were not written: run it again"), "{err}");
    assert_eq!(site.read(&draft.to_string_lossy()), "mine\n");
}

#[test]
fn a_record_with_ref_passes_check_and_ref_is_matched_across_periods() {
    let site = site(SERVICENOW_IMPORT);
    // The ticket is already written up, by hand, in another period.
    site.write(
        "content/periods/2023-jan-maj/agresso-nere-maj.md",
        "+++\ntitle = \"Agresso nere\"\nkind = \"major-incident\"\nservice = \"agresso\"\ndate = 2023-05-10T09:00:00+02:00\nref = \"INC0099001\"\n+++\nSkrivet för hand.\n",
    );
    let file = write_export(&site, "x.csv", servicenow_csv(&[leaking_incident()]).as_bytes());
    let run = import(&site, &file, &["--write"]);
    assert_ok(&run);
    assert!(
        run.stdout.contains(
            "Already on the site (1), not added again:\n  INC0099001  content/periods/2023-jan-maj/agresso-nere-maj.md"
        ),
        "{}",
        run.stdout
    );
    assert!(draft_for(&site, "INC0099001").is_none());
    assert_eq!(site.run(&["check"]).code, Some(0), "{}", site.run(&["check"]).stderr);
}
