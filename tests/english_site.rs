//! An English site (tests/fixtures/english-site) built with the real binary:
//! what a reader sees on every kind of page, in English, under a base URL
//! with a sub-path, with overlapping periods, a baseline, a draft, aliases
//! and raw HTML in a body. The site has no themes/ folder, so everything
//! here comes from the built-in default theme.

mod common;

use common::{
    Run, TestSite, between, diagnostic_blocks, in_order, links, position, prose, resolve, snapshot, table, tables, text,
};

const BASE: &str = "https://reports.example.org/it/deviations/";

fn english() -> TestSite {
    TestSite::fixture("english-site")
}

fn built() -> (TestSite, Run) {
    let site = english();
    let run = site.build_ok();
    (site, run)
}

/// The main navigation: (text, href, aria-current) of each link.
fn nav(html: &str) -> Vec<(String, String, Option<String>)> {
    let nav = between(html, "<nav class=\"site-nav\"", "</nav>");
    nav.split("<a ")
        .skip(1)
        .map(|a| {
            let tag = &a[..a.find('>').expect("tag end")];
            let href = links(&format!(" {tag}")).into_iter().next().expect("href");
            let current = tag.split("aria-current=\"").nth(1).map(|c| c[..c.find('"').expect("quote")].to_string());
            (text(&a[a.find('>').expect("tag end") + 1..a.find("</a>").expect("</a>")]), href, current)
        })
        .collect()
}

/// The breadcrumb trail's visible text, and whether its last item is marked as the current page.
fn breadcrumbs(html: &str) -> (String, bool) {
    let crumbs = between(html, "<nav class=\"breadcrumbs", "</nav>");
    let last = crumbs.rsplit("<li>").next().expect("an item");
    (text(crumbs), last.contains("aria-current=\"page\""))
}

#[test]
fn builds_with_a_figures_warning_and_fails_with_strict() {
    let (site, run) = built();
    let period = site.read("content/periods/2023-t2/period.toml");
    let blocks = diagnostic_blocks(&run.stderr);
    assert_eq!(blocks.len(), 1, "exactly one warning expected:\n{}", run.stderr);
    let w = &blocks[0];
    assert!(w.starts_with("warning: `major_incidents = 2` but the period has 1 major-incident record"), "{w}");
    let at = format!("content/periods/2023-t2/period.toml:{}", position(&period, "2     #"));
    assert!(w.contains(&at), "expected {at} in:\n{w}");
    assert!(w.contains("help: the site shows the figure"), "{w}");
    assert!(run.stderr.contains("1 warning in 1 file"), "{}", run.stderr);
    assert!(run.stderr.contains("Built "), "{}", run.stderr);

    let before = snapshot(&site.output());
    let strict = site.run(&["build", "--strict"]);
    assert_eq!(strict.code, Some(1), "{}", strict.stderr);
    assert!(strict.stderr.contains("error: `major_incidents = 2`"), "{}", strict.stderr);
    assert!(snapshot(&site.output()) == before, "a failed --strict build changed the output");

    assert_eq!(site.run(&["check"]).code, Some(0));
    assert_eq!(site.run(&["check", "--strict"]).code, Some(1));
}

#[test]
fn the_built_in_default_theme_is_used() {
    let (site, _) = built();
    assert!(!site.path().join("themes").exists(), "the fixture must not have a themes/ folder");
    let css: Vec<String> =
        site.output_files().into_iter().filter(|f| f.starts_with("static/style.") && f.ends_with(".css")).collect();
    assert_eq!(css.len(), 1, "{:?}", site.output_files());
    let overview = site.page("index.html");
    assert!(overview.contains(&format!("href=\"{}\"", css[0])), "the overview links its stylesheet");
}

#[test]
fn every_page_is_in_english_with_english_url_words() {
    let (site, _) = built();
    let files = site.output_files();
    for prefix in ["periods/", "services/", "areas/", "deviations/"] {
        assert!(files.iter().any(|f| f == &format!("{prefix}index.html")), "no {prefix}index.html: {files:?}");
    }
    for swedish in ["perioder/", "tjanster/", "omraden/", "avvikelser/"] {
        assert!(!files.iter().any(|f| f.starts_with(swedish)), "Swedish URL word {swedish}: {files:?}");
    }
    for file in site.html_files() {
        let html = site.page(&file);
        assert!(html.contains("<html lang=\"en\">"), "{file} is not lang=en");
        let visible = text(&html);
        for word in ["Översikt", "Perioder", "Tjänster", "Avvikelser", "Områden", "åtgärdad", "Hoppa till"] {
            assert!(!visible.contains(word), "{file} shows the Swedish word {word}: {visible}");
        }
    }
    let nav_words: Vec<String> = nav(&site.page("index.html")).into_iter().map(|(t, _, _)| t).collect();
    assert_eq!(nav_words[..5], ["Overview", "Periods", "Areas", "Services", "Deviations"]);
}

#[test]
fn links_are_relative_and_every_one_leads_to_a_file() {
    let (site, _) = built();
    for file in site.html_files() {
        if file == "404.html" {
            continue; // served at any path: see not_found_page_links_work_from_any_depth
        }
        let html = site.page(&file);
        for href in links(&html) {
            if href.starts_with('#') {
                continue;
            }
            // Only <link rel="canonical"> and feed links (<link rel="alternate">) may be absolute.
            let absolute_allowed = html.split("<link ").skip(1).any(|tag| {
                let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
                tag.contains(&format!("href=\"{href}\""))
                    && (tag.contains("rel=\"canonical\"") || tag.contains("rel=\"alternate\""))
            });
            if href.starts_with(BASE) {
                assert!(
                    absolute_allowed,
                    "{file}: link {href} starts with the base URL; links between pages are relative"
                );
                continue;
            }
            if href.starts_with("https://") || href.starts_with("http://") || href.starts_with("mailto:") {
                continue; // another site (a licence, say)
            }
            assert!(
                !href.starts_with('/'),
                "{file}: link {href} starts at the host's root, so it breaks under a sub-path"
            );
            let target = resolve(&file, &href).unwrap_or_else(|| panic!("{file}: cannot resolve {href}"));
            assert!(site.has_output(&target), "{file}: link {href} leads to {target}, which was not written");
        }
    }
}

#[test]
fn canonical_urls_are_under_the_base_url_with_its_sub_path() {
    let (site, _) = built();
    let cases = [
        ("index.html", ""),
        ("periods/index.html", "periods/"),
        ("periods/2023-t1/index.html", "periods/2023-t1/"),
        ("services/ledger/index.html", "services/ledger/"),
        ("areas/comms/index.html", "areas/comms/"),
        ("deviations/ledger-outage/index.html", "deviations/ledger-outage/"),
        ("about/index.html", "about/"),
    ];
    for (file, path) in cases {
        let html = site.page(file);
        assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{BASE}{path}\">")), "{file}:\n{html}");
    }
}

#[test]
fn navigation_and_breadcrumbs_show_where_the_reader_is() {
    let (site, _) = built();
    let expected =
        ["Overview", "Periods", "Areas", "Services", "Deviations", "Accessibility statement", "About this report"]
            .map(String::from);
    for file in site.html_files() {
        if file.starts_with("2023/") || file.starts_with("old/") {
            continue; // redirects
        }
        let html = site.page(&file);
        let items: Vec<String> = nav(&html).into_iter().map(|(t, _, _)| t).collect();
        assert!(in_order(&items, &expected), "{file}: navigation {items:?}");
        assert_eq!(items[..5], expected[..5], "{file}: the report's own pages come first");
        assert!(!items.contains(&"Imprint".to_string()), "{file}: in_nav = false");
    }
    let cases = [
        ("periods/2023-t1/index.html", "Periods", "Overview Periods Tertial 1 2023"),
        ("services/fax/index.html", "Services", "Overview Services Communications Fax Gateway"),
        ("areas/finance/index.html", "Areas", "Overview Areas Finance"),
        (
            "deviations/ledger-outage/index.html",
            "Deviations",
            "Overview Deviations General Ledger General ledger unavailable",
        ),
        ("periods/index.html", "Periods", "Overview Periods"),
        ("about/index.html", "About this report", "Overview About this report"),
    ];
    for (file, section, trail) in cases {
        let html = site.page(file);
        let current: Vec<String> = nav(&html).into_iter().filter(|(_, _, c)| c.is_some()).map(|(t, _, _)| t).collect();
        assert_eq!(current, [section], "{file}: the navigation marks its section");
        let (crumbs, last_is_current) = breadcrumbs(&html);
        assert_eq!(crumbs, trail, "{file}");
        assert!(last_is_current, "{file}: the last breadcrumb has aria-current=\"page\"");
    }
    let overview = site.page("index.html");
    let current: Vec<String> = nav(&overview).into_iter().filter(|(_, _, c)| c.is_some()).map(|(t, _, _)| t).collect();
    assert_eq!(current, ["Overview"]);
    assert!(!overview.contains("class=\"breadcrumbs"), "the overview has no breadcrumbs");
}

#[test]
fn the_nav_link_to_the_page_itself_is_aria_current_page() {
    let (site, _) = built();
    for (file, item) in
        [("index.html", "Overview"), ("periods/index.html", "Periods"), ("about/index.html", "About this report")]
    {
        let html = site.page(file);
        let current = nav(&html).into_iter().find(|(t, _, _)| t == item).and_then(|(_, _, c)| c);
        assert_eq!(current.as_deref(), Some("page"), "{file}");
    }
    let detail = site.page("periods/2023-t1/index.html");
    let current = nav(&detail).into_iter().find(|(t, _, _)| t == "Periods").and_then(|(_, _, c)| c);
    assert_ne!(current.as_deref(), Some("page"), "a period page is not the periods list");
}

#[test]
fn overview_shows_key_figures_open_deviations_and_areas() {
    let (site, _) = built();
    let html = site.page("index.html");
    let page = text(&html);
    assert!(html.contains("<title>IT Deviations Report</title>"));
    assert!(page.contains("Key figures for Tertial 2 2023"), "{page}");
    assert!(page.contains("1 May 2023 – 31 August 2023. Compared with Tertial 2 2022."), "{page}");
    let figures = text(between(&html, "<ul class=\"figures\">", "</ul>"));
    assert!(
        figures.contains("Incidents 1,003 +11% up from 900 in Tertial 2 2022 from the incident-management system"),
        "{figures}"
    );
    assert!(figures.contains("Major incidents 2 0% the same as in Tertial 2 2022"), "{figures}");
    assert!(figures.contains("Personal-data incidents 1 -50% down from 2 in Tertial 2 2022"), "{figures}");

    let open = table(&html, "Deviations not yet resolved, latest first");
    let titles: Vec<&str> = open.rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(titles, ["Call queues down", "Ledger reports lack cost centres"]);
    assert_eq!(
        open.rows[1],
        ["3 July 2023, 14:00", "Call queues down", "Major incident", "Telephony", "In progress", "High"]
    );
    assert_eq!(open.rows[2][4], "Open");

    let areas = text(between(&html, "<ul class=\"cards\">", "</section>"));
    assert!(areas.contains("Finance Known deficiencies: 1"), "{areas}");
    assert!(areas.contains("Communications Major incidents: 1 Personal-data incidents: 1 Unmet needs: 1"), "{areas}");
    assert!(page.contains("Read the report for Tertial 2 2023"), "{page}");
    assert!(links(&html).contains(&"periods/2023-t2/index.html".to_string()));

    let latest = table(&html, "Most recent deviations, latest first");
    assert_eq!(latest.rows.len(), 1 + 6, "six published records, no draft");
}

#[test]
fn periods_list_shows_every_period_latest_first_with_figures() {
    let (site, _) = built();
    let t = table(&site.page("periods/index.html"), "Reporting periods with key figures");
    assert_eq!(t.rows[0], ["Period", "Dates", "Incidents", "Major incidents", "Personal-data incidents", "Deviations"]);
    assert_eq!(
        t.rows[1..],
        [
            ["Tertial 2 2023 current period", "1 May 2023 – 31 August 2023", "1,003", "2", "1", "4"],
            // Incidents without a figure are unknown, never counted from the deviations.
            ["Quarter 2 2023", "1 April 2023 – 30 June 2023", "–", "0 *", "1 *", "4"],
            ["Tertial 1 2023", "1 January 2023 – 30 April 2023", "–", "1 *", "0 *", "2"],
            ["Tertial 2 2022", "1 May 2022 – 31 August 2022", "900", "2", "2", "0"],
        ]
    );
    assert!(text(&site.page("periods/index.html")).contains("* counted from the deviations on this site."));
}

#[test]
fn period_page_has_a_follow_up_table_per_area() {
    let (site, _) = built();
    let html = site.page("periods/2023-t2/index.html");
    let page = prose(&html);
    assert!(page.contains("Tertial 2 2023 1 May 2023 – 31 August 2023 current period"), "{page}");
    let header = ["Service", "IT system", "Actions", "Incident status", "Personal-data incident status", "Severity"];
    let finance = table(&html, "Finance: services with deviations in Tertial 2 2023");
    assert_eq!(finance.rows[0], header);
    assert_eq!(
        finance.rows[1..],
        [[
            "General Ledger",
            "LedgerPro",
            "",
            "Known deficiency: Ledger reports lack cost centres Open",
            "No personal-data incidents in this period",
            "Medium"
        ]]
    );
    let comms = table(&html, "Communications: services with deviations in Tertial 2 2023");
    assert_eq!(
        comms.row("Telephony"),
        &[
            "Telephony",
            "CallNet",
            "Access rights corrected Moved the queues to the backup platform",
            "Major incident: Call queues down In progress",
            "Call recordings visible to other teams Resolved",
            "High",
        ]
    );
    assert_eq!(
        comms.row("Fax Gateway"),
        &[
            "Fax Gateway",
            "FaxMaster",
            "",
            "Unmet need: Fax gateway cannot archive Resolved",
            "No personal-data incidents in this period",
            ""
        ]
    );
    assert!(page.contains("No deviations in this period for: Supplier Payments."), "{page}");
    assert!(html.contains("href=\"../../deviations/phones-queue-down/index.html\""));
    assert!(html.contains("href=\"../../services/phones/index.html\""));
}

#[test]
fn overlapping_periods_include_every_record_dated_within_them() {
    let (site, _) = built();
    let titles = |file: &str| -> Vec<String> {
        let html = site.page(file);
        tables(&html)
            .into_iter()
            .filter(|t| {
                t.caption.starts_with("Deviations in Finance in ")
                    || t.caption.starts_with("Deviations in Communications in ")
            })
            .flat_map(|t| t.rows.into_iter().skip(1).map(|r| r[1].clone()))
            .collect()
    };
    let mut t1 = titles("periods/2023-t1/index.html");
    t1.sort();
    assert_eq!(t1, ["General ledger unavailable", "Supplier payments delayed"]);
    let mut q2 = titles("periods/2023-q2/index.html");
    q2.sort();
    assert_eq!(
        q2,
        [
            "Call recordings visible to other teams",
            "Fax gateway cannot archive",
            "Ledger reports lack cost centres",
            "Supplier payments delayed", // written in 2023-t1, dated 20 April
        ]
    );
    let mut t2 = titles("periods/2023-t2/index.html");
    t2.sort();
    assert_eq!(
        t2,
        [
            "Call queues down",
            "Call recordings visible to other teams",
            "Fax gateway cannot archive",
            "Ledger reports lack cost centres",
        ]
    );
    let q2_follow_up =
        table(&site.page("periods/2023-q2/index.html"), "Finance: services with deviations in Quarter 2 2023");
    assert_eq!(q2_follow_up.row("Supplier Payments")[3], "Incident: Supplier payments delayed Resolved");
    // The record page names the period it was written in.
    let record = text(&site.page("deviations/payments-delayed/index.html"));
    assert!(record.contains("Reporting period Tertial 1 2023"), "{record}");
}

#[test]
fn period_page_shows_summary_and_recommendations() {
    let (site, _) = built();
    let html = site.page("periods/2023-t2/index.html");
    assert!(html.contains("<p>A calm period with <strong>one</strong> major incident in telephony.</p>"), "{html}");
    assert!(
        html.contains("<meta name=\"description\" content=\"A calm period with one major incident in telephony.\">")
    );
    let recs = text(between(&html, "<ol class=\"recommendations\">", "</ol>"));
    assert_eq!(
        recs,
        "Capacity planning Status Proposed Made Tertial 2 2023 Service Telephony \
         Plan telephony capacity before the holiday season. \
         Supplier meetings Status Proposed Made Tertial 2 2023 Meet every supplier once a quarter."
    );
    assert!(html.contains("<em>telephony capacity</em>"));
    let summary = text(&site.page("periods/2023-t1/index.html"));
    assert!(summary.contains("Summary A difficult start: the ledger was down for a day."), "{summary}");
    assert!(summary.contains("0 new recommendations"), "t1 has no recommendations: {summary}");
    assert!(!site.page("periods/2023-t1/index.html").contains("<ol class=\"recommendations\">"), "and no list of them");
}

#[test]
fn baseline_period_shows_its_figures_and_no_records() {
    let (site, _) = built();
    let html = site.page("periods/2022-t2/index.html");
    let page = text(&html);
    assert!(page.contains("Incidents 900 from the incident-management system"), "{page}");
    assert!(page.contains("Major incidents 2"), "{page}");
    assert!(
        page.contains(
            "The period has no recorded deviations. The key figures come from the incident-management system."
        ),
        "{page}"
    );
    assert!(!html.contains("class=\"follow-up\""), "no follow-up table without records");
    assert!(!page.contains("current period"));
    assert!(page.contains("No deviations in this period."), "{page}");
}

#[test]
fn areas_list_and_area_page() {
    let (site, _) = built();
    let list = table(&site.page("areas/index.html"), "Areas with numbers of deviations");
    assert_eq!(
        list.rows,
        [
            vec!["Area", "Services", "Deviations", "Not resolved"],
            vec!["Finance", "2", "3", "1"],
            vec!["Communications", "2", "3", "1"],
        ]
    );
    let html = site.page("areas/finance/index.html");
    assert!(html.contains("<p>Accounting, ledgers and <em>payments</em>.</p>"), "{html}");
    let page = text(&html);
    assert!(page.contains("Incidents: 1 Major incidents: 1 Known deficiencies: 1"), "{page}");
    let services = table(&html, "Services in Finance");
    assert_eq!(services.row("General Ledger"), &["General Ledger", "LedgerPro", "Base service", "2", "1"]);
    assert_eq!(services.row("Supplier Payments"), &["Supplier Payments", "PayFlow", "Add-on service", "1", "0"]);
    let records = table(&html, "Deviations in Finance, latest first");
    let titles: Vec<&str> = records.rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(titles, ["Ledger reports lack cost centres", "Supplier payments delayed", "General ledger unavailable"]);
    let comms = table(&site.page("areas/comms/index.html"), "Services in Communications");
    assert_eq!(comms.row("Fax Gateway Retired")[2], "Add-on service");
}

#[test]
fn services_list_keeps_retired_services_apart() {
    let (site, _) = built();
    let html = site.page("services/index.html");
    let finance = table(&html, "Services in Finance");
    assert_eq!(
        finance.rows,
        [
            vec!["Service", "IT system", "Tier", "Supplier", "Deviations"],
            vec!["General Ledger", "LedgerPro", "Base service", "Ledger Corp", "2"],
            vec!["Supplier Payments", "PayFlow", "Add-on service", "", "1"],
        ]
    );
    let comms = table(&html, "Services in Communications");
    assert_eq!(comms.rows[1..], [["Telephony", "CallNet", "Base service", "TeleCo", "2"]]);
    let retired = text(between(&html, "<h2 id=\"retired-heading\">", "</section>"));
    assert_eq!(retired, "Retired services Fax Gateway (FaxMaster)");
    assert!(html.contains("href=\"../services/fax/index.html\""));
}

#[test]
fn service_page_shows_facts_and_history() {
    let (site, _) = built();
    let html = site.page("services/phones/index.html");
    let facts = text(between(&html, "<dl class=\"facts\">", "</dl>"));
    assert_eq!(facts, "Area Communications Tier Base service IT system CallNet Supplier TeleCo Deviations 2");
    let history = table(&html, "Deviations in Telephony by period");
    assert_eq!(history.rows[1..], [["Tertial 2 2023", "2"], ["Quarter 2 2023", "1"]]);
    let records = table(&html, "Deviations in Telephony, latest first");
    assert_eq!(records.rows[0], ["Date", "Deviation", "Kind", "Status", "Severity"]);
    assert_eq!(
        records.rows[1..].iter().map(|r| r[1].as_str()).collect::<Vec<_>>(),
        ["Call queues down", "Call recordings visible to other teams"]
    );
    assert!(!text(&html).contains("retired"), "Telephony is not retired");

    let fax = text(&site.page("services/fax/index.html"));
    assert!(fax.contains("Fax Gateway This service has been retired."), "{fax}");
    let ledger = site.page("services/ledger/index.html");
    assert!(ledger.contains("<p>Bookkeeping for every department.</p>"));
    let payments = text(&site.page("services/payments/index.html"));
    assert!(!payments.contains("Supplier PayFlow"), "no supplier row for a service without one: {payments}");
}

#[test]
fn records_list_shows_every_published_record_latest_first() {
    let (site, _) = built();
    let html = site.page("deviations/index.html");
    let t = table(&html, "All deviations, latest first");
    assert_eq!(t.rows[0], ["Date", "Deviation", "Kind", "Service", "Area", "Status", "Severity"]);
    assert_eq!(
        t.rows[1..].iter().map(|r| r[1].as_str()).collect::<Vec<_>>(),
        [
            "Call queues down",
            "Ledger reports lack cost centres",
            "Call recordings visible to other teams",
            "Fax gateway cannot archive",
            "Supplier payments delayed",
            "General ledger unavailable",
        ]
    );
    assert_eq!(
        t.row("20 April 2023"),
        &[
            "20 April 2023",
            "Supplier payments delayed",
            "Incident",
            "Supplier Payments",
            "Finance",
            "Resolved",
            "Medium"
        ]
    );
    let page = text(&html);
    assert!(
        page.contains(
            "Incidents: 1 Major incidents: 2 Personal-data incidents: 1 Known deficiencies: 1 Unmet needs: 1"
        ),
        "{page}"
    );
}

#[test]
fn record_page_shows_every_field() {
    let (site, _) = built();
    let html = site.page("deviations/ledger-outage/index.html");
    assert!(html.contains("<title>General ledger unavailable – IT Deviations Report</title>"));
    assert!(text(&html).contains("Major incident General ledger unavailable Resolved Severity: High"));
    let facts = text(between(&html, "<dl class=\"facts\">", "</dl>"));
    assert_eq!(
        facts,
        "Kind Major incident Service General Ledger Area Finance IT system LedgerPro \
         Supplier Ledger Corp (the service's supplier) Began 14 February 2023, 08:10 \
         Resolved 15 February 2023, 10:30 Time to resolve 1 d 2 h 20 min Status Resolved \
         Severity High Reporting period Tertial 1 2023"
    );
    assert!(html.contains("<time datetime=\"2023-02-14T08:10:00+01:00\">"));
    assert!(html.contains("<time datetime=\"2023-02-15T10:30:00+01:00\">"));
    for href in
        ["../../services/ledger/index.html", "../../areas/finance/index.html", "../../periods/2023-t1/index.html"]
    {
        assert!(links(&html).contains(&href.to_string()), "{href}");
    }
    let actions = between(&html, "<h2 id=\"actions-heading\">", "</section>");
    assert!(actions.contains("<li>Added memory to the <em>database</em> servers</li>"), "{actions}");
    assert!(actions.contains("<li>Tuned the monitoring alerts</li>"), "{actions}");
    let body = between(&html, "<h2 id=\"description-heading\">", "</section>");
    assert!(body.contains("<strong>production database</strong>"), "{body}");
    assert!(body.contains(">Cause</h"), "{body}");
    assert_eq!(html.matches("<h1").count(), 1, "the body's heading is demoted below the page title");

    // Its own supplier, not the service's; dates without times.
    let payments = site.page("deviations/payments-delayed/index.html");
    let facts = text(between(&payments, "<dl class=\"facts\">", "</dl>"));
    assert!(
        facts.contains("Supplier PayFlow Partners Began 20 April 2023 Resolved 21 April 2023 Time to resolve 1 d"),
        "{facts}"
    );
    assert!(!facts.contains("the service's supplier"), "{facts}");

    // A personal-data incident reported to the authority; UTC time, date-only resolution.
    let pdi = site.page("deviations/phones-personal-data/index.html");
    let facts = text(between(&pdi, "<dl class=\"facts\">", "</dl>"));
    assert!(facts.contains("Began 10 May 2023, 09:00 Resolved 12 May 2023 Time to resolve 2 d"), "{facts}");
    assert!(facts.contains("Reported to the data protection authority Yes"), "{facts}");
    assert!(pdi.contains("<time datetime=\"2023-05-10T09:00:00Z\">"));
    assert!(!text(&html).contains("data protection authority"), "not shown when not given");
}

#[test]
fn a_record_without_resolved_is_open() {
    let (site, _) = built();
    let html = site.page("deviations/ledger-reports-missing/index.html");
    let facts = text(between(&html, "<dl class=\"facts\">", "</dl>"));
    assert!(
        facts.contains("Resolved Not resolved Open for 91 days (to 31 August 2023) Status Open Severity Medium"),
        "{facts}"
    );
    assert!(!facts.contains("Time to resolve"), "{facts}");
    // Written status with a negative UTC offset.
    let html = site.page("deviations/phones-queue-down/index.html");
    let facts = text(between(&html, "<dl class=\"facts\">", "</dl>"));
    assert!(
        facts.contains(
            "Began 3 July 2023, 14:00 Resolved Not resolved Open for 59 days (to 31 August 2023) Status In progress"
        ),
        "{facts}"
    );
    assert!(html.contains("<time datetime=\"2023-07-03T14:00:00-04:00\">"));
}

#[test]
fn related_records_are_linked_both_ways() {
    let (site, _) = built();
    let related = |file: &str| prose(between(&site.page(file), "<h2 id=\"related-heading\">", "</section>"));
    assert_eq!(
        related("deviations/ledger-outage/index.html"),
        "Related deviations Supplier payments delayed (Incident, 20 April 2023)"
    );
    assert_eq!(
        related("deviations/payments-delayed/index.html"),
        "Related deviations General ledger unavailable (Major incident, 14 February 2023, 08:10)"
    );
    assert!(related("deviations/phones-queue-down/index.html").contains("Call recordings visible to other teams"));
    assert!(related("deviations/phones-personal-data/index.html").contains("Call queues down"));
    assert!(
        site.page("deviations/payments-delayed/index.html")
            .contains("href=\"../../deviations/ledger-outage/index.html\"")
    );
    assert!(!site.page("deviations/fax-no-archive/index.html").contains("related-heading"));
}

#[test]
fn raw_html_in_a_body_is_sanitised_never_live() {
    let (site, _) = built();
    let html = site.page("deviations/phones-personal-data/index.html");
    let body = between(&html, "<h2 id=\"description-heading\">", "</section>");
    // Scripts, frames, handlers and images from other sites are gone, with
    // the script's and the frame's content; harmless markup stays markup.
    assert_eq!(common::live_markup(&html), Vec::<String>::new(), "{html}");
    for gone in ["alert", "<img", "evil.example", "<iframe", "&lt;script"] {
        assert!(!body.contains(gone), "{gone} in:\n{body}");
    }
    assert!(body.contains("<b>bold</b> kept."), "{body}");
    assert_eq!(prose(body), "Description Recordings were visible to the wrong teams. An image: inline, bold kept.");
    for file in site.html_files() {
        let html = site.page(&file);
        assert_eq!(common::live_markup_of(&file, &html), Vec::<String>::new(), "{file} has live markup");
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = english();
    site.build_ok();
    assert!(!site.output().join("deviations/payments-draft").exists());
    for file in site.html_files() {
        assert!(!site.page(&file).contains("Unpublished payments draft"), "the draft shows on {file}");
    }
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let draft = text(&site.page("deviations/payments-draft/index.html"));
    assert!(draft.contains("Unpublished payments draft Draft: not published."), "{draft}");
    assert!(text(&site.page("deviations/index.html")).contains("Unpublished payments draft"));
    assert!(text(&site.page("services/payments/index.html")).contains("Unpublished payments draft"));
}

#[test]
fn aliases_are_redirect_pages_at_the_old_paths() {
    let (site, _) = built();
    for (file, target) in [
        ("2023/ledger-outage/index.html", "../../deviations/ledger-outage/index.html"),
        ("old/ledger.html", "../deviations/ledger-outage/index.html"),
    ] {
        let html = site.page(file);
        assert!(html.contains("<html lang=\"en\">"), "{file}");
        assert!(
            html.contains(&format!("<meta http-equiv=\"refresh\" content=\"0; url={target}\">")),
            "{file}:\n{html}"
        );
        assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{BASE}deviations/ledger-outage/\">")), "{file}");
        assert!(html.contains(&format!("<a href=\"{target}\">")), "{file}: a visible link");
        assert_eq!(resolve(file, target).as_deref(), Some("deviations/ledger-outage/index.html"));
        let page = text(&html);
        assert!(
            page.contains(&format!(
                "General ledger unavailable This page has moved to {BASE}deviations/ledger-outage/"
            )),
            "{page}"
        );
    }
}

#[test]
fn free_pages_are_ordered_by_weight_and_can_stay_out_of_the_navigation() {
    let (site, _) = built();
    let about = site.page("about/index.html");
    assert!(text(&about).contains("About this report This report is built from open files."));
    assert!(about.contains("<meta name=\"description\" content=\"How the report is made.\">"));
    assert!(text(&site.page("accessibility/index.html")).contains("The site aims to meet WCAG 2.1 AA."));
    let imprint = site.page("imprint/index.html");
    assert!(text(&imprint).contains("Imprint Published by Example City."));
    let items: Vec<(String, String)> = nav(&site.page("index.html")).into_iter().map(|(t, h, _)| (t, h)).collect();
    let pages: Vec<(String, String)> = items
        .into_iter()
        .filter(|(_, h)| {
            h.ends_with("about/index.html")
                || h.ends_with("accessibility/index.html")
                || h.ends_with("imprint/index.html")
        })
        .collect();
    assert_eq!(
        pages,
        [
            ("Accessibility statement".to_string(), "accessibility/index.html".to_string()),
            ("About this report".to_string(), "about/index.html".to_string())
        ],
        "weight 5 before weight 10; in_nav = false left out"
    );
    for file in site.html_files() {
        assert!(
            !site.page(&file).contains("href=\"imprint/index.html\""),
            "{file} links the page that is not in the nav"
        );
    }
}

#[test]
fn not_found_page() {
    let (site, _) = built();
    let html = site.page("404.html");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<title>Page not found – IT Deviations Report</title>"));
    let page = text(&html);
    assert!(
        page.contains("Page not found The page you are looking for does not exist, or has moved. Go to the overview"),
        "{page}"
    );
}

#[test]
fn not_found_page_links_work_from_any_depth() {
    let (site, _) = built();
    let html = site.page("404.html");
    for href in links(&html) {
        if href.starts_with('#') {
            continue;
        }
        assert!(
            href.starts_with(BASE) || href.starts_with("/it/deviations/"),
            "404.html is served for /it/deviations/a/b/c too; the link {href} only works from the site root"
        );
    }
}

/// A theme's own `site_header.html` is what every page shows as its header,
/// drawn for each page's place in the site (the current section is marked
/// on the pages of every section); a page's own value in it is an error
/// that names the template, not a header copied from another page.
#[test]
fn a_themes_site_header_is_on_every_page_for_its_own_section() {
    let site = TestSite::fixture("english-site");
    site.write(
        "themes/default/templates/site_header.html",
        "<header class=\"own-header\"><a href=\"{{ root }}index.html\">{{ site.title }}</a> \
         <span class=\"own-section\">[{{ section }}]{% if nav_is_page %} (this page){% endif %}</span></header>\n",
    );
    site.build_ok();
    let mut sections = std::collections::BTreeSet::new();
    for file in site.html_files() {
        let html = site.page(&file);
        if html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        assert_eq!(html.matches("class=\"own-header\"").count(), 1, "{file}: one header of the theme's own");
        assert!(!html.contains("class=\"site-nav\""), "{file}: the default header is gone");
        let start = "<span class=\"own-section\">[";
        let marked = between(&html, start, "]");
        let section = &marked[start.len()..marked.len() - 1];
        assert!(file.starts_with(section), "{file}: section {section:?}");
        // The 404 page is a section of its own, named by its file.
        let own_page = file == format!("{section}index.html") || file == section;
        assert_eq!(html.contains("] (this page)</span>"), own_page, "{file}: nav_is_page");
        sections.insert(section.to_string());
    }
    assert!(sections.len() >= 6, "the pages of several sections were checked: {sections:?}");

    site.write("themes/default/templates/site_header.html", "<header>{{ title }}</header>\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("site_header.html"), "{}", run.stderr);
    assert!(run.stderr.contains("title"), "{}", run.stderr);
}
