//! The filtered lists (issue 20): one set of pages per value of each facet
//! (kind, severity, status as of the latest period, area, service tier,
//! year) and per kind × year, with the count of every choice; the tier
//! table of periods and the overview; the links to the lists from record
//! and service pages. Asserted on what a reader sees in the built site.

mod common;

use common::{TestSite, links, resolve, table, text};

const SITE: &str = r#"title = "Test report"
base_url = "https://reports.example.org/it/"
language = "en"
[[areas]]
id = "hr"
name = "HR"
[[areas]]
id = "finance"
name = "Finance"
[[areas]]
id = "quiet"
name = "Quiet area"
"#;

/// A small English site: five records over two years, two tiers, three
/// kinds, every severity and none.
fn site() -> TestSite {
    let site = TestSite::empty();
    site.write("site.toml", SITE);
    site.write("content/services/payroll.toml", "name = \"Payroll\"\narea = \"hr\"\ntier = \"base\"\n");
    site.write("content/services/ledger.toml", "name = \"Ledger\"\narea = \"finance\"\ntier = \"addon\"\n");
    site.write("content/services/courses.toml", "name = \"Courses\"\narea = \"hr\"\ntier = \"addon\"\n");
    site.write(
        "content/periods/2022-q4/period.toml",
        "label = \"Quarter 4 2022\"\nstart = 2022-10-01\nend = 2022-12-31\n",
    );
    site.write(
        "content/periods/2023-q1/period.toml",
        "label = \"Quarter 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\n",
    );
    let record = |period: &str, id: &str, fields: &str| {
        site.write(
            &format!("content/periods/{period}/{id}.md"),
            &format!("+++\ntitle = \"Record {id}\"\n{fields}\n+++\nWhat happened.\n"),
        );
    };
    record(
        "2023-q1",
        "a1",
        "kind = \"major-incident\"\nservice = \"payroll\"\ndate = 2023-02-14\nseverity = \"high\"\nresolved = 2023-02-15",
    );
    record("2023-q1", "a2", "kind = \"major-incident\"\nservice = \"ledger\"\ndate = 2023-03-01\nseverity = \"high\"");
    record(
        "2023-q1",
        "a4",
        "kind = \"personal-data-incident\"\nservice = \"courses\"\ndate = 2023-01-20\nstatus = \"in-progress\"\nreported_to_authority = false",
    );
    record(
        "2022-q4",
        "a3",
        "kind = \"incident\"\nservice = \"payroll\"\ndate = 2022-11-10\nseverity = \"medium\"\nresolved = 2022-11-11",
    );
    record(
        "2022-q4",
        "a5",
        "kind = \"incident\"\nservice = \"ledger\"\ndate = 2022-12-05\nseverity = \"low\"\nresolved = 2023-03-10",
    );
    site
}

/// The choices of the facet navigation as a reader sees them ("Major
/// incidents (2)"), per group heading.
fn choices(html: &str, heading: &str) -> Vec<String> {
    let nav = &html[html.find("<nav class=\"facets\"").expect("facet navigation")..];
    let nav = &nav[..nav.find("</nav>").expect("end of the navigation")];
    let at = nav.find(&format!(">{heading}</h3>")).unwrap_or_else(|| panic!("no group {heading:?} in {nav}"));
    let list = &nav[at..];
    let list = &list[list.find("<ul").expect("list")..list.find("</ul>").expect("end of list")];
    list.split("<li>").skip(1).map(text).collect()
}

/// The number in "Label (n)".
fn count(choice: &str) -> usize {
    let open = choice.rfind('(').expect("a count");
    choice[open + 1..choice.len() - 1].replace(' ', "").parse().expect("a number")
}

#[test]
fn every_facet_value_has_a_page_with_its_count_and_the_counts_add_up() {
    let site = site();
    site.build_ok();
    let list = site.page("deviations/index.html");
    assert_eq!(choices(&list, "Kind"), ["Incidents (2)", "Major incidents (2)", "Personal-data incidents (1)"]);
    assert_eq!(choices(&list, "Severity"), ["High (2)", "Medium (1)", "Low (1)", "Not assessed (1)"]);
    assert_eq!(choices(&list, "Status on 31 March 2023"), ["Open (1)", "In progress (1)", "Resolved (3)"]);
    assert_eq!(choices(&list, "Area"), ["HR (3)", "Finance (2)"]);
    assert_eq!(choices(&list, "Service tier"), ["Base services (2)", "Add-on services (3)"]);
    assert_eq!(choices(&list, "Year"), ["2023 (3)", "2022 (2)"]);
    assert!(text(&list).contains("All deviations (5)"));
    for heading in ["Kind", "Severity", "Status on 31 March 2023", "Area", "Service tier", "Year"] {
        let total: usize = choices(&list, heading).iter().map(|c| count(c)).sum();
        assert_eq!(total, 5, "the choices of {heading} add up to every record");
    }
    // Each choice links to a page listing exactly that many records.
    let rows = |html: &str| html.matches("<tr><td><time").count();
    for (path, n) in [
        ("deviations/kind/major-incident/index.html", 2),
        ("deviations/kind/incident/index.html", 2),
        ("deviations/kind/personal-data-incident/index.html", 1),
        ("deviations/severity/high/index.html", 2),
        ("deviations/severity/not-assessed/index.html", 1),
        ("deviations/status/open/index.html", 1),
        ("deviations/status/in-progress/index.html", 1),
        ("deviations/status/resolved/index.html", 3),
        ("deviations/area/hr/index.html", 3),
        ("deviations/area/finance/index.html", 2),
        ("deviations/tier/base/index.html", 2),
        ("deviations/tier/addon/index.html", 3),
        ("deviations/year/2023/index.html", 3),
        ("deviations/year/2022/index.html", 2),
    ] {
        let page = site.page(path);
        assert_eq!(rows(&page), n, "{path}");
        assert!(text(&page).contains(&format!("{n} of 5 deviations")), "{path}: {}", text(&page));
    }
    let high = site.page("deviations/severity/high/index.html");
    assert!(text(&high).contains("Deviations – Severity: High"), "{}", text(&high));
    assert!(high.contains(r#"aria-current="page">High (2)</a>"#), "the current choice is marked");
    let nav = common::between(&high, "<nav class=\"facets\"", "</nav>");
    assert_eq!(nav.matches("aria-current").count(), 1, "one current choice: {nav}");
    // The list of all records marks itself.
    assert!(list.contains(r#"aria-current="page">All deviations (5)</a>"#));
}

#[test]
fn a_facet_value_without_records_has_no_page_and_no_link() {
    let site = site();
    site.build_ok();
    let files = site.output_files();
    for missing in [
        "deviations/kind/quality-deficiency/index.html",
        "deviations/kind/unmet-need/index.html",
        "deviations/area/quiet/index.html",
        "deviations/kind/incident/2023/index.html",
        "deviations/year/2021/index.html",
    ] {
        assert!(!files.iter().any(|f| f == missing), "{missing} should not exist");
    }
    // Every link on every page resolves to a file that was written.
    for file in files.iter().filter(|f| f.ends_with(".html")) {
        let html = site.page(file);
        for href in links(&html) {
            if let Some(target) = resolve(file, &href) {
                assert!(files.contains(&target), "{file} links to {href}, which was not written");
            }
        }
    }
    let list = site.page("deviations/index.html");
    assert!(!list.contains("quality-deficiency") && !list.contains("area/quiet"), "no link to an empty value");
}

#[test]
fn kind_by_year_pages_are_linked_from_the_kind_and_the_year() {
    let site = site();
    site.build_ok();
    let kind_year = site.page("deviations/kind/major-incident/2023/index.html");
    assert_eq!(kind_year.matches("<tr><td><time").count(), 2);
    assert!(text(&kind_year).contains("Deviations – Major incidents in 2023"), "{}", text(&kind_year));
    let incidents = site.page("deviations/kind/incident/index.html");
    assert_eq!(choices(&incidents, "Incidents by year"), ["2022 (2)"]);
    assert!(incidents.contains(r#"href="../../../deviations/kind/incident/2022/index.html""#), "{incidents}");
    let year = site.page("deviations/year/2023/index.html");
    assert_eq!(choices(&year, "Deviations in 2023 by kind"), ["Major incidents (2)", "Personal-data incidents (1)"]);
    // Only kind × year: no other pair of facets has pages.
    assert!(!site.output_files().iter().any(|f| f.starts_with("deviations/severity/high/20")));
}

#[test]
fn a_record_links_its_kind_and_a_service_its_tier() {
    let site = site();
    site.build_ok();
    let record = site.page("deviations/a1/index.html");
    assert!(
        record.contains(r#"<dd><a href="../../deviations/kind/major-incident/index.html">Major incident</a></dd>"#),
        "{record}"
    );
    let service = site.page("services/ledger/index.html");
    assert!(service.contains(r#"<a href="../../deviations/tier/addon/index.html">Add-on service</a>"#), "{service}");
    let services = site.page("services/index.html");
    let by_tier = text(common::between(&services, r#"<section id="by-tier""#, "</section>\n</section>"));
    assert!(by_tier.contains("Base services All deviations in Base services (2) Payroll (HR)"), "{by_tier}");
    assert!(by_tier.contains("Add-on services All deviations in Add-on services (3) Courses (HR) Ledger (Finance)"));
}

#[test]
fn a_period_and_the_overview_count_deviations_by_tier() {
    let site = site();
    site.build_ok();
    let period = site.page("periods/2023-q1/index.html");
    assert!(period.contains(r#"<section id="tiers""#));
    let tiers = table(&period, "Deviations in Quarter 1 2023 by service tier");
    assert_eq!(
        tiers.rows[0],
        ["Tier", "Deviations", "Major incidents", "Personal-data incidents", "Not resolved on 31 March 2023"]
    );
    assert_eq!(tiers.row("Base services"), &["Base services", "1", "1", "0", "0"]);
    assert_eq!(tiers.row("Add-on services"), &["Add-on services", "2", "1", "1", "2"]);
    assert_eq!(tiers.row("Total"), &["Total", "3", "2", "1", "2"]);
    assert!(period.contains(r#"<a href="../../deviations/tier/addon/index.html">Add-on services</a>"#));
    // An earlier period's statuses as they stood at its end: a5 was
    // resolved only in March 2023.
    let q4 = table(&site.page("periods/2022-q4/index.html"), "Deviations in Quarter 4 2022 by service tier");
    assert_eq!(q4.row("Add-on services"), &["Add-on services", "1", "1", "1"]);
    let overview = site.page("index.html");
    assert_eq!(
        table(&overview, "Deviations in Quarter 1 2023 by service tier").row("Total"),
        &["Total", "3", "2", "1", "2"]
    );
}

#[test]
fn a_long_facet_list_is_split_into_pages() {
    let site = site();
    for n in 0..520 {
        site.write(
            &format!("content/periods/2023-q1/many-{n:03}.md"),
            &format!(
                "+++\ntitle = \"Many {n}\"\nkind = \"incident\"\nservice = \"payroll\"\ndate = 2023-03-{:02}\nresolved = 2023-03-31\n+++\nx\n",
                n % 28 + 1
            ),
        );
    }
    site.build_ok();
    let first = site.page("deviations/kind/incident/index.html");
    assert_eq!(first.matches("<tr><td><time").count(), 500);
    assert!(text(&first).contains("Incidents (522)"));
    assert!(first.contains(r#"<a rel="next" href="../../../deviations/kind/incident/page/2/index.html">"#), "{first}");
    let second = site.page("deviations/kind/incident/page/2/index.html");
    assert_eq!(second.matches("<tr><td><time").count(), 22);
    assert!(text(&second).contains("Page 2 of 2"), "{}", text(&second));
    assert!(second.contains(r#"aria-current="true">Incidents (522)</a>"#), "the choice is current on later pages too");
    // The kind × year list of 2023 is split too; 2022's is not.
    assert!(site.output_files().iter().any(|f| f == "deviations/kind/incident/2023/page/2/index.html"));
    assert!(!site.output_files().iter().any(|f| f == "deviations/kind/incident/2022/page/2/index.html"));
    assert!(site.page("sitemap.xml").contains("/deviations/kind/incident/page/2/</loc>"));
}

#[test]
fn the_swedish_example_site_has_its_filtered_lists_under_swedish_words() {
    let site = TestSite::example();
    site.build_ok();
    let list = site.page("avvikelser/index.html");
    assert!(list.contains(r#"href="../avvikelser/typ/major-incident/index.html""#), "{list}");
    let tier = site.page("avvikelser/tjanstetyp/base/index.html");
    assert!(text(&tier).contains("Avvikelser – Typ av tjänst: Bastjänster"), "{}", text(&tier));
    assert!(site.output_files().iter().any(|f| f.starts_with("avvikelser/ar/2023/")));
}
