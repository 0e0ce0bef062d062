//! Follow-up across periods (issue 18): three overlapping periods, records
//! whose status changes between them and recommendations that are done,
//! overdue and rejected. Each period's "Since the last report" says what a
//! reader must see on that report, with statuses as of its own last day;
//! the follow-up page, its matrix, the calendar and the recommendations
//! export agree.

mod common;

use std::str::FromStr as _;

use common::{TestSite, between, text};
use icalendar::Component;

const SITE: &str = r#"title = "Follow-up test"
base_url = "https://www.example.se/report/"
language = "en"
[[areas]]
id = "finance"
name = "Finance"
[[areas]]
id = "hr"
name = "HR"
"#;

fn site() -> TestSite {
    let site = TestSite::empty();
    site.write("site.toml", SITE);
    site.write("content/services/ledger.toml", "name = \"Ledger\"\narea = \"finance\"\ntier = \"base\"\n");
    site.write("content/services/phones.toml", "name = \"Phones\"\narea = \"hr\"\ntier = \"addon\"\n");
    site.write(
        "content/periods/2024-q1/period.toml",
        r#"label = "Q1 2024"
start = 2024-01-01
end = 2024-03-31

[[recommendations]]
id = "memory"
title = "More memory"
service = "ledger"
text = "Add memory."
owner = "IT operations"
due = 2024-05-31
status = "accepted"

[[recommendations.updates]]
date = 2024-04-20
status = "in-progress"
text = "Half the servers done."

[[recommendations.updates]]
date = 2024-06-15
status = "done"
text = "All servers done."

[[recommendations]]
id = "auth"
title = "New sign-in"
service = "ledger"
text = "Move to the new sign-in."
owner = "Finance systems"
due = 2024-04-15
status = "accepted"

[[recommendations]]
id = "antivirus"
title = "Antivirus profiles"
service = "ledger"
text = "Review the profiles."
due = 2024-09-30

[[recommendations.updates]]
date = 2024-05-05
status = "rejected"
text = "The profiles are fine as they are."
"#,
    );
    site.write(
        "content/periods/2024-t1/period.toml",
        r#"label = "Tertial 1 2024"
start = 2024-01-01
end = 2024-04-30

[[recommendations]]
id = "backup"
title = "Backups"
service = "phones"
text = "Back up the phone directory."
due = 2024-12-31
"#,
    );
    site.write("content/periods/2024-q2/period.toml", "label = \"Q2 2024\"\nstart = 2024-04-01\nend = 2024-06-30\n");
    site.write(
        "content/periods/2024-q1/ledger-outage.md",
        r#"+++
title = "Ledger outage"
kind = "incident"
service = "ledger"
date = 2024-02-01
resolved = 2024-05-10

[[updates]]
date = 2024-02-01
status = "in-progress"
text = "The supplier is looking into it."

[[updates]]
date = 2024-05-10
status = "resolved"
text = "Fixed by the supplier."
+++
The ledger was down.
"#,
    );
    site.write(
        "content/periods/2024-q1/payroll-stop.md",
        "+++\ntitle = \"Payroll stop\"\nkind = \"incident\"\nservice = \"ledger\"\ndate = 2024-03-10\nresolved = 2024-03-12\n+++\nText.\n",
    );
    site.write(
        "content/periods/2024-q2/phone-queue.md",
        "+++\ntitle = \"Phone queue down\"\nkind = \"incident\"\nservice = \"phones\"\ndate = 2024-04-15\nstatus = \"in-progress\"\n+++\nText.\n",
    );
    site.write(
        "content/periods/2024-q2/printer.md",
        "+++\ntitle = \"Printer jam\"\nkind = \"incident\"\nservice = \"phones\"\ndate = 2024-06-01\nresolved = 2024-06-02\n+++\nText.\n",
    );
    site
}

/// The visible text of the "Since the last report" section of a period.
fn since(site: &TestSite, period: &str) -> String {
    let html = site.page(&format!("periods/{period}/index.html"));
    text(between(&html, "<section id=\"since\"", "</section>"))
}

/// The visible text between two of the section's headings.
fn part<'a>(since: &'a str, from: &str, to: &str) -> &'a str {
    let start = since.find(from).unwrap_or_else(|| panic!("no {from:?} in {since}")) + from.len();
    let end = since[start..].find(to).map_or(since.len(), |e| start + e);
    since[start..end].trim()
}

#[test]
fn each_report_says_what_changed_since_the_one_before_it_as_of_its_own_end() {
    let site = site();
    let build = site.run(&["build", "--strict"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);

    // Q1 is the first report: nothing to compare with.
    let q1 = since(&site, "2024-q1");
    assert!(
        q1.contains("There is no earlier report to compare with. Statuses are as they stood on 31 March 2024."),
        "{q1}"
    );
    assert!(
        q1.contains("2 new deviations") && q1.contains("1 still open") && q1.contains("3 new recommendations"),
        "{q1}"
    );
    assert!(q1.contains("0 overdue recommendations"), "{q1}");
    let new = part(&q1, "Deviations in the period", "Still open");
    assert!(new.contains("Ledger outage") && new.contains("Payroll stop"), "{new}");
    // Resolved in May, the outage was still in progress at the end of Q1.
    let open = part(&q1, "Still open, oldest first", "Recommendations of this period");
    assert_eq!(open, "Ledger outage Incident, 1 February 2024 In progress (open for 59 days)");
    let made = part(&q1, "Recommendations of this period", "Overdue recommendations");
    assert!(made.contains("More memory Accepted") && made.contains("New sign-in Accepted"), "{made}");
    assert!(made.contains("Antivirus profiles Proposed"), "{made}");
    assert!(!q1.contains("Resolved since the last report"), "no previous report, no resolved list: {q1}");

    // Tertial 1 (January–April) overlaps Q1, and ends after it: Q1 is its previous report.
    let t1 = since(&site, "2024-t1");
    assert!(t1.contains("Compared with the report for Q1 2024, which ran to 31 March 2024."), "{t1}");
    assert_eq!(part(&t1, "New deviations", "Resolved since"), "Phone queue down Incident, 15 April 2024 In progress");
    assert_eq!(part(&t1, "Resolved since the last report", "Still open"), "None.");
    let open = part(&t1, "Still open, oldest first", "Recommendations of this period");
    assert!(open.starts_with("Ledger outage") && open.contains("open for 89 days"), "oldest first: {open}");
    assert!(open.contains("Phone queue down Incident, 15 April 2024 In progress (open for 15 days)"), "{open}");
    assert_eq!(
        part(&t1, "Recommendations of this period", "Earlier recommendations"),
        "Backups Proposed Due: 31 December 2024"
    );
    let changed = part(&t1, "Earlier recommendations whose status changed", "Overdue recommendations");
    assert!(changed.contains("More memory : Accepted → In progress"), "{changed}");
    assert!(!changed.contains("New sign-in"), "{changed}");
    let overdue = part(&t1, "Overdue recommendations", "\u{0}");
    assert!(overdue.contains("New sign-in Accepted") && overdue.contains("15 days past 15 April 2024"), "{overdue}");

    // Q2: the outage resolved, the printer came and went, two recommendations moved.
    let q2 = since(&site, "2024-q2");
    assert!(q2.contains("Compared with the report for Tertial 1 2024, which ran to 30 April 2024."), "{q2}");
    assert!(q2.contains("1 new deviation ") && q2.contains("2 resolved") && q2.contains("1 still open"), "{q2}");
    assert_eq!(part(&q2, "New deviations", "Resolved since"), "Printer jam Incident, 1 June 2024 Resolved");
    let resolved = part(&q2, "Resolved since the last report", "Still open");
    assert!(resolved.contains("Ledger outage Incident, 1 February 2024 Resolved (took 99 d)"), "{resolved}");
    assert!(resolved.contains("Printer jam"), "{resolved}");
    assert_eq!(
        part(&q2, "Still open, oldest first", "Recommendations"),
        "Phone queue down Incident, 15 April 2024 In progress (open for 76 days)"
    );
    let changed = part(&q2, "Earlier recommendations whose status changed", "Overdue recommendations");
    assert!(changed.contains("More memory : In progress → Done"), "{changed}");
    assert!(changed.contains("Antivirus profiles : Proposed → Rejected"), "{changed}");
    assert!(!changed.contains("Backups"), "made at the previous report's end, unchanged since: {changed}");
    let overdue = part(&q2, "Overdue recommendations", "\u{0}");
    assert!(overdue.contains("New sign-in") && overdue.contains("76 days past 15 April 2024"), "{overdue}");
    assert!(!overdue.contains("Antivirus"), "rejected is not overdue: {overdue}");

    // An old report's record table stays true to its time, with a note of how it ended.
    let q1_page = text(&site.page("periods/2024-q1/index.html"));
    assert!(q1_page.contains("Ledger outage Incident Ledger In progress Later: Resolved 10 May 2024"), "{q1_page}");
}

#[test]
fn the_follow_up_page_the_matrix_the_calendar_and_the_export_agree() {
    let site = site();
    site.build_ok();
    let page = text(&site.page("follow-up/index.html"));
    assert!(page.contains("As it stood on 30 June 2024"), "{page}");
    assert!(
        page.contains("By status Proposed: 1 Accepted: 1 Done: 1 Rejected: 1"),
        "in the order of their course: {page}"
    );
    let accepted = text(between(&site.page("follow-up/index.html"), "id=\"status-accepted\"", "</section>"));
    assert!(accepted.contains("New sign-in") && accepted.contains("76 days past 15 April 2024"), "{accepted}");
    assert!(accepted.contains("Owner Finance systems"), "{accepted}");
    let done = text(between(&site.page("follow-up/index.html"), "id=\"status-done\"", "</section>"));
    assert!(
        done.contains("20 April 2024 In progress Half the servers done.") && done.contains("15 June 2024 Done"),
        "{done}"
    );

    let matrix = common::table(
        &site.page("follow-up/index.html"),
        "The recommendations' status at the end of each reporting period",
    );
    assert_eq!(matrix.rows[0], ["Recommendation", "Q1 2024", "Tertial 1 2024", "Q2 2024"]);
    assert_eq!(matrix.row("More memory"), &["More memory", "Accepted", "In progress", "Done"]);
    assert_eq!(matrix.row("New sign-in"), &["New sign-in", "Accepted", "Accepted", "Accepted"]);
    assert_eq!(matrix.row("Antivirus profiles"), &["Antivirus profiles", "Proposed", "Proposed", "Rejected"]);
    assert_eq!(matrix.row("Backups"), &["Backups", "–", "Proposed", "Proposed"]);

    // The calendar: the open recommendations with a due date, parsed back.
    let ics = std::fs::read_to_string(site.output().join("follow-up/follow-up.ics")).expect("calendar");
    let cal = icalendar::Calendar::from_str(&ics).expect("RFC 5545");
    let events: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
    let uids: Vec<&str> = events.iter().filter_map(|e| e.get_uid()).collect();
    assert_eq!(uids, ["2024-q1/auth@www.example.se/report", "2024-t1/backup@www.example.se/report"], "by due date");
    let summaries: Vec<&str> = events.iter().filter_map(|e| e.get_summary()).collect();
    assert_eq!(summaries, ["Due: New sign-in", "Due: Backups"]);
    assert!(ics.contains("DTSTART;VALUE=DATE:20240415\r\n") && ics.contains("DTEND;VALUE=DATE:20240416\r\n"), "{ics}");
    assert!(ics.contains("DTSTAMP:20240630T000000Z\r\n"), "from the content, not the clock: {ics}");
    // Per area: finance has the sign-in, HR the backups.
    let finance =
        std::fs::read_to_string(site.output().join("follow-up/follow-up-finance.ics")).expect("finance calendar");
    assert!(finance.contains("New sign-in") && !finance.contains("Backups"), "{finance}");
    let page_html = site.page("follow-up/index.html");
    assert!(
        page_html.contains("href=\"../follow-up/follow-up.ics\"") && page_html.contains("follow-up-hr.ics"),
        "linked"
    );
    // Built twice, the same bytes.
    site.build_ok();
    assert_eq!(std::fs::read_to_string(site.output().join("follow-up/follow-up.ics")).expect("again"), ics);

    // The export says the same as the page.
    let csv = std::fs::read_to_string(site.output().join("data/recommendations.csv")).expect("export");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let by_id = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap_or_else(|| panic!("no {id}"));
    assert_eq!(&by_id("2024-q1/memory")[7], "done");
    assert_eq!(&by_id("2024-q1/auth")[7], "accepted");
    assert_eq!(&by_id("2024-q1/auth")[9], "76", "days overdue");
    assert_eq!(&by_id("2024-q1/antivirus")[7], "rejected");
    assert_eq!(&by_id("2024-t1/backup")[7], "proposed");
    assert_eq!(rows.len(), 4);
}

#[test]
fn a_record_page_shows_its_timeline_and_the_overview_the_open_and_overdue_headline() {
    let site = site();
    site.build_ok();
    let record = site.page("deviations/ledger-outage/index.html");
    let timeline = between(&record, "<section id=\"timeline\"", "</section>");
    assert!(timeline.contains("<ol class=\"timeline\">"), "an ordered list: {timeline}");
    assert!(
        timeline.contains("<time datetime=\"2024-05-10\">10 May 2024</time>"),
        "machine-readable times: {timeline}"
    );
    assert!(
        text(timeline).contains(
            "1 February 2024 In progress The supplier is looking into it. 10 May 2024 Resolved Fixed by the supplier."
        ),
        "{timeline}"
    );
    assert!(text(&record).contains("Time to resolve 99 d") || text(&record).contains("99 d"), "{}", text(&record));
    let queue = text(&site.page("deviations/phone-queue/index.html"));
    assert!(queue.contains("Open for 76 days (to 30 June 2024)"), "{queue}");

    let overview = text(&site.page("index.html"));
    assert!(overview.contains("1 deviation is not resolved; it is from 15 April 2024 (76 days)."), "{overview}");
    assert!(overview.contains("2 of 4 recommendations are open. Overdue: 1."), "{overview}");
    assert!(overview.contains("As of the latest report, 30 June 2024."), "{overview}");

    // The feed's `updated` is the latest update.
    let feed = std::fs::read_to_string(site.output().join("feed.xml")).expect("feed");
    let entry = between(&feed, "deviations/ledger-outage/</id>", "</entry>");
    assert!(entry.contains("<updated>2024-05-10T00:00:00Z</updated>"), "{entry}");
}
