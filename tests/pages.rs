//! Focused tests of what readers see, on small Swedish sites: numbers,
//! missing figures, the follow-up table, dates and durations, escaping.

mod common;

use common::{TestSite, between, live_markup, prose, table, text};

const PERIOD: &str = "content/periods/2023-q1/period.toml";

fn q1(figures: &str) -> String {
    format!("label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\n{figures}")
}

fn record(lines: &str, body: &str) -> String {
    format!("+++\n{lines}\n+++\n{body}\n")
}

#[test]
fn swedish_numbers_are_grouped_with_a_no_break_space() {
    let site = TestSite::minimal();
    site.write(PERIOD, &q1("[figures]\nincidents = 1003\n"));
    site.write(
        "content/periods/2022-q1/period.toml",
        "label = \"Kvartal 1 2022\"\nstart = 2022-01-01\nend = 2022-03-31\n[figures]\nincidents = 756\n",
    );
    site.build_ok();
    let overview = site.page("index.html");
    let card = between(&overview, "<li class=\"figure figure-incidents\">", "</li>");
    assert!(card.contains("<p class=\"figure-value\">1\u{a0}003</p>"), "{card}");
    assert!(card.contains("+33\u{a0}%"), "{card}");
    assert!(text(card).contains("ökning från 756 under Kvartal 1 2022"), "{card}");
    assert!(!overview.contains("1 003") && !overview.contains("1,003"), "grouped with an ordinary space or comma");
    let periods = site.page("perioder/index.html");
    assert!(periods.contains(">1\u{a0}003<"), "the periods list groups too");
}

#[test]
fn a_period_with_neither_figures_nor_records_shows_a_dash() {
    let site = TestSite::minimal();
    site.write(
        "content/periods/2023-q2/period.toml",
        "label = \"Kvartal 2 2023\"\nstart = 2023-04-01\nend = 2023-06-30\n",
    );
    site.build_ok();
    let html = site.page("perioder/2023-q2/index.html");
    let cards = text(between(&html, "<ul class=\"figures\">", "</ul>"));
    assert_eq!(
        cards,
        "Incidenter – uppgift saknas för perioden Major incidents – uppgift saknas för perioden \
         Personuppgiftsincidenter – uppgift saknas för perioden"
    );
    let list = table(&site.page("perioder/index.html"), "Rapportperioder med nyckeltal");
    assert_eq!(list.row("Kvartal 2 2023 aktuell period")[2..], ["–", "–", "–", "0"]);
    // A period with records: incidents without a figure are unknown (never
    // counted); major and personal-data incidents are counted, and zero is a
    // real zero there.
    assert_eq!(list.row("Kvartal 1 2023")[2..], ["–", "0 *", "0 *", "1"]);
}

#[test]
fn a_period_with_neither_figures_nor_records_does_not_claim_official_figures() {
    let site = TestSite::minimal();
    site.write(
        "content/periods/2023-q2/period.toml",
        "label = \"Kvartal 2 2023\"\nstart = 2023-04-01\nend = 2023-06-30\n",
    );
    site.build_ok();
    let page = text(&site.page("perioder/2023-q2/index.html"));
    assert!(page.contains("Perioden har varken nyckeltal eller registrerade avvikelser."), "{page}");
    assert!(!page.contains("Nyckeltalen kommer från incidenthanteringssystemet"), "{page}");
}

#[test]
fn official_and_counted_figures_are_not_compared() {
    let site = TestSite::minimal();
    site.write(
        "content/periods/2022-q1/period.toml",
        "label = \"Kvartal 1 2022\"\nstart = 2022-01-01\nend = 2022-03-31\n[figures]\nincidents = 700\nmajor_incidents = 3\n",
    );
    site.build_ok();
    let card = text(between(&site.page("index.html"), "<li class=\"figure figure-major_incidents\">", "</li>"));
    assert_eq!(
        card,
        "Major incidents 0 inte jämförbart med Kvartal 1 2022: det ena talet är räknat från avvikelserna, \
         det andra kommer från incidenthanteringssystemet räknat från avvikelserna på webbplatsen"
    );
    // Incidents are never counted from the deviations: unknown, not 1.
    let incidents = text(between(&site.page("index.html"), "<li class=\"figure figure-incidents\">", "</li>"));
    assert_eq!(incidents, "Incidenter – uppgift saknas för perioden");
    let pdi = text(between(&site.page("index.html"), "<li class=\"figure figure-personal_data_incidents\">", "</li>"));
    assert!(pdi.contains("uppgift saknas för Kvartal 1 2022"), "{pdi}");
}

#[test]
fn compare_with_and_current_period_choose_the_periods() {
    let site = TestSite::minimal();
    site.write("site.toml", &format!("current_period = \"2023-q1\"\n{}", common::SITE_TOML));
    site.write(PERIOD, &q1("compare_with = \"2022-h2\"\n[figures]\nincidents = 10\n"));
    site.write(
        "content/periods/2022-h2/period.toml",
        "label = \"Andra halvåret 2022\"\nstart = 2022-07-01\nend = 2022-12-31\n[figures]\nincidents = 20\n",
    );
    site.write(
        "content/periods/2023-q2/period.toml",
        "label = \"Kvartal 2 2023\"\nstart = 2023-04-01\nend = 2023-06-30\n",
    );
    site.build_ok();
    let overview = prose(&site.page("index.html"));
    assert!(overview.contains("Nyckeltal för Kvartal 1 2023"), "current_period, not the latest: {overview}");
    assert!(overview.contains("Jämfört med Andra halvåret 2022."), "{overview}");
    assert!(overview.contains("−50 % minskning från 20 under Andra halvåret 2022"), "{overview}");
}

#[test]
fn the_follow_up_table_in_swedish() {
    let site = TestSite::minimal();
    site.write("site.toml", &format!("{}\n[[areas]]\nid = \"ekonomi\"\nname = \"Ekonomi\"\n", common::SITE_TOML));
    site.write("content/services/rekrytering.toml", "name = \"Rekrytering\"\narea = \"hr\"\ntier = \"addon\"\n");
    site.write("content/services/fax.toml", "name = \"Fax\"\narea = \"hr\"\ntier = \"addon\"\nretired = true\n");
    site.write("content/services/agresso.toml", "name = \"Agresso\"\narea = \"ekonomi\"\ntier = \"base\"\n");
    site.write(
        "content/periods/2023-q1/lon-stopp.md",
        &record(
            "title = \"Lönekörningen stoppade\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\nseverity = \"medium\"\nactions = [\"Omstart av **jobbet**\", \"Ny rutin\"]",
            "Text.",
        ),
    );
    site.write(
        "content/periods/2023-q1/lon-behorighet.md",
        &record(
            "title = \"Fel behörighet i lönesystemet\"\nkind = \"personal-data-incident\"\nservice = \"lon\"\ndate = 2023-03-01\nstatus = \"in-progress\"\nseverity = \"high\"\nactions = [\"Ny rutin\", \"Behörigheter granskade\"]",
            "Text.",
        ),
    );
    site.build_ok();
    let html = site.page("perioder/2023-q1/index.html");
    let hr = table(&html, "HR: tjänster med avvikelser under Kvartal 1 2023");
    assert_eq!(
        hr.rows[0][..5],
        ["Tjänst", "IT-stöd", "Åtgärder", "Status incidenter", "Status personuppgiftsincidenter"]
    );
    assert_eq!(
        hr.rows[1..],
        [[
            "Lön",
            "Personec P",
            "Omstart av jobbet Ny rutin Behörigheter granskade",
            "Incident: Lönekörningen stoppade Öppen",
            "Fel behörighet i lönesystemet Pågår",
            "Stor",
        ]],
        "actions once each, the highest severity"
    );
    assert!(html.contains("<li>Omstart av <strong>jobbet</strong></li>"), "actions are inline Markdown");
    let page = prose(&html);
    assert!(page.contains("Inga avvikelser under perioden för: Rekrytering."), "{page}");
    assert!(!page.contains("Fax"), "a retired service without deviations is not listed: {page}");
    let ekonomi = prose(between(
        &html,
        "<section id=\"area-ekonomi\" class=\"area-follow-up\" aria-labelledby=\"area-ekonomi-heading\">",
        "</section>",
    ));
    assert_eq!(ekonomi, "Ekonomi Inga avvikelser under perioden.");
}

#[test]
fn the_follow_up_table_says_when_a_service_had_no_incidents_or_personal_data_incidents() {
    let site = TestSite::minimal();
    site.write(
        "content/periods/2023-q1/lon-brist.md",
        &record(
            "title = \"Rapport saknas\"\nkind = \"quality-deficiency\"\nservice = \"lon\"\ndate = 2023-02-01",
            "Text.",
        ),
    );
    site.remove("content/periods/2023-q1/lon-stopp.md");
    site.write(
        "content/periods/2023-q1/lon-pui.md",
        &record("title = \"Lönespec till fel person\"\nkind = \"personal-data-incident\"\nservice = \"lon\"\ndate = 2023-02-02\nresolved = 2023-02-03", "Text."),
    );
    site.build_ok();
    let hr = table(&site.page("perioder/2023-q1/index.html"), "HR: tjänster med avvikelser under Kvartal 1 2023");
    assert_eq!(hr.row("Lön")[3], "Känd brist: Rapport saknas Öppen");
    assert_eq!(hr.row("Lön")[4], "Lönespec till fel person Åtgärdad");
    site.remove("content/periods/2023-q1/lon-brist.md");
    site.build_ok();
    let hr = table(&site.page("perioder/2023-q1/index.html"), "HR: tjänster med avvikelser under Kvartal 1 2023");
    assert_eq!(hr.row("Lön")[3], "Inga incidenter");
    site.remove("content/periods/2023-q1/lon-pui.md");
    site.write(
        "content/periods/2023-q1/lon-stopp.md",
        &record("title = \"Stopp\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14", "Text."),
    );
    site.build_ok();
    let hr = table(&site.page("perioder/2023-q1/index.html"), "HR: tjänster med avvikelser under Kvartal 1 2023");
    assert_eq!(hr.row("Lön")[4], "Inga personuppgiftsincidenter under denna period");
    assert_eq!(hr.row("Lön")[5], "", "no severity given");
}

#[test]
fn a_swedish_site_uses_swedish_words_urls_and_dates() {
    let site = TestSite::minimal();
    site.write(
        "content/periods/2023-q1/lon-stopp.md",
        &record(
            "title = \"Lönekörningen stoppade\"\nkind = \"major-incident\"\nservice = \"lon\"\ndate = 2023-02-14T08:10:00+01:00\nresolved = 2023-02-15T10:30:00+01:00",
            "Text.",
        ),
    );
    site.build_ok();
    for file in ["perioder/index.html", "tjanster/index.html", "omraden/index.html", "avvikelser/index.html"] {
        assert!(site.has_output(file), "{file}: {:?}", site.output_files());
    }
    for file in site.html_files() {
        assert!(site.page(&file).contains("<html lang=\"sv\">"), "{file}");
    }
    let html = site.page("avvikelser/lon-stopp/index.html");
    let nav = text(between(&html, "<nav class=\"site-nav\"", "</nav>"));
    assert!(nav.starts_with("Översikt Perioder Områden Tjänster Avvikelser"), "{nav}");
    let facts = text(between(&html, "<dl class=\"facts\">", "</dl>"));
    assert!(
        facts.contains(
            "Inträffade 14 februari 2023 kl. 08:10 Åtgärdad 15 februari 2023 kl. 10:30 Lösningstid 1 d 2 tim 20 min"
        ),
        "{facts}"
    );
}

#[test]
fn time_to_resolve_counts_real_time_across_utc_offsets() {
    let site = TestSite::minimal();
    // Summer time began at 02:00 on 26 March 2023: 01:30+01:00 to 03:30+02:00 is one hour.
    site.write(
        "content/periods/2023-q1/lon-stopp.md",
        &record(
            "title = \"Stopp\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-03-26T01:30:00+01:00\nresolved = 2023-03-26T03:30:00+02:00",
            "Text.",
        ),
    );
    site.build_ok();
    let facts = text(between(&site.page("avvikelser/lon-stopp/index.html"), "<dl class=\"facts\">", "</dl>"));
    assert!(facts.contains("Lösningstid 1 tim"), "{facts}");
    assert!(!facts.contains("2 tim"), "{facts}");
}

#[test]
fn no_text_field_ever_becomes_live_markup() {
    let site = TestSite::minimal();
    let evil = "<script>alert(1)</script><img src=x onerror=alert(2)><iframe src=//evil.example></iframe>";
    site.write(
        "site.toml",
        &format!(
            "title = \"Rapport {evil}\"\ndescription = \"Om {evil}\"\nbase_url = \"https://www.example.se/avvikelser/\"\n\
             [[areas]]\nid = \"hr\"\nname = \"HR {evil}\"\ndescription = \"Område {evil}\"\n"
        ),
    );
    site.write(
        "content/services/lon.toml",
        &format!("name = \"Lön {evil}\"\narea = \"hr\"\ntier = \"base\"\nsystem = \"P {evil}\"\nsupplier = \"L {evil}\"\ndescription = \"Tjänst {evil}\"\n"),
    );
    site.write(
        PERIOD,
        &format!(
            "label = \"Q1 {evil}\"\nstart = 2023-01-01\nend = 2023-03-31\nsummary = \"Sammanfattning {evil}\"\n\
             [[recommendations]]\ntitle = \"Råd {evil}\"\nservice = \"lon\"\ntext = \"Gör {evil} [så](javascript:alert(3))\"\n"
        ),
    );
    site.write(
        "content/periods/2023-q1/lon-stopp.md",
        &record(
            &format!(
                "title = \"Stopp {evil}\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\nsupplier = \"S {evil}\"\n\
                 actions = [\"Åtgärd {evil}\"]\naliases = [\"/gammal/\"]"
            ),
            &format!("Text {evil}\n\n{evil}\n\n[länk](javascript:alert(4)) ![bild](javascript:alert(5)) <a href=\"javascript:alert(6)\">a</a>\n\n[data](data:text/html;base64,PHNjcmlwdD4=)"),
        ),
    );
    site.write("content/pages/om.md", &record(&format!("title = \"Om {evil}\"\ndescription = \"Sida {evil}\""), evil));
    site.build_ok();
    let files: Vec<String> = site
        .output_files()
        .into_iter()
        .filter(|f| f.ends_with(".html") || f.ends_with(".svg") || f.ends_with(".xml"))
        .collect();
    assert!(files.len() > 10, "{files:?}");
    // The detector itself sees live markup when there is some.
    assert_eq!(live_markup("<p title=\"a b\"><img src=x onerror=alert(1)></p>").len(), 1);
    assert_eq!(live_markup("<a href=\" JavaScript:x\">a</a><SCRIPT>").len(), 2);
    assert!(live_markup("<p>&lt;script&gt;</p>").is_empty());
    for file in &files {
        let out = site.page(file);
        assert_eq!(common::live_markup_of(file, &out), Vec::<String>::new(), "{file} has live markup");
        assert!(!out.contains("<img src=x"), "{file}: a raw <img> tag");
    }
    let record_page = text(&site.page("avvikelser/lon-stopp/index.html"));
    assert!(record_page.contains("Stopp <script>alert(1)</script>"), "titles are shown as written: {record_page}");
    // Actions are inline Markdown: their raw HTML is sanitised, the script and its text removed.
    let actions = between(&site.page("avvikelser/lon-stopp/index.html"), "<li>Åtgärd", "</li>").to_string();
    assert!(!actions.contains("alert") && !actions.contains("iframe"), "{actions}");
    assert!(!record_page.contains("Åtgärd <script>"), "{record_page}");
}

#[test]
fn draft_pages_are_not_published_unless_asked_for() {
    let site = TestSite::minimal();
    site.write("content/pages/plan.md", &record("title = \"Plan\"\ndraft = true", "Hemlig plan."));
    site.build_ok();
    assert!(!site.has_output("plan/index.html"));
    for file in site.html_files() {
        assert!(!site.page(&file).contains("plan/"), "{file} links the draft page");
    }
    assert_eq!(site.run(&["build", "--drafts"]).code, Some(0));
    assert!(text(&site.page("plan/index.html")).contains("Hemlig plan."));
}

#[test]
fn the_overview_says_when_everything_is_resolved_or_there_is_no_period() {
    let site = TestSite::minimal();
    site.build_ok();
    assert!(text(&site.page("index.html")).contains("Alla avvikelser är åtgärdade."));

    let empty = TestSite::empty();
    empty.write("site.toml", common::SITE_TOML);
    empty.write("content/services/lon.toml", "name = \"Lön\"\narea = \"hr\"\ntier = \"base\"\n");
    empty.build_ok();
    assert!(text(&empty.page("index.html")).contains("Det finns ännu ingen rapportperiod."));
}

#[test]
fn an_alias_without_a_trailing_slash_becomes_a_folder() {
    let site = TestSite::minimal();
    site.write(
        "content/periods/2023-q1/lon-stopp.md",
        &record("title = \"Stopp\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\naliases = [\"/2023/lon-stopp\"]", "Text."),
    );
    site.build_ok();
    let html = site.page("2023/lon-stopp/index.html");
    assert!(html.contains("url=../../avvikelser/lon-stopp/"), "{html}");
}

#[test]
fn swedish_record_tables_have_distinct_column_headers() {
    let site = TestSite::minimal();
    site.build_ok();
    let t = table(&site.page("avvikelser/index.html"), "Alla avvikelser, den senaste först");
    let mut headers = t.rows[0].clone();
    headers.sort();
    headers.dedup();
    assert_eq!(headers.len(), t.rows[0].len(), "{:?}", t.rows[0]);
}

#[test]
fn an_area_with_many_records_is_split_into_pages_of_500() {
    let site = TestSite::minimal();
    // 1 200 records in HR (the minimal site has one already): three pages.
    for n in 1..=1199 {
        site.write(
            &format!("content/periods/2023-q1/sak-{n:04}.md"),
            &record(
                &format!(
                    "title = \"Sak {n}\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-{:02}-{:02}T{:02}:00:00+01:00",
                    1 + n % 3,
                    1 + n % 28,
                    n % 24
                ),
                "Text.",
            ),
        );
    }
    site.build_ok();
    let pages = ["omraden/hr/index.html", "omraden/hr/sida/2/index.html", "omraden/hr/sida/3/index.html"];
    let mut seen = std::collections::BTreeSet::new();
    for (i, file) in pages.iter().enumerate() {
        let html = site.page(file);
        let rows = table(&html, "Avvikelser i HR, den senaste först").rows.len() - 1; // less the header row
        assert_eq!(rows, if i < 2 { 500 } else { 200 }, "{file}");
        for href in common::links(&html).into_iter().filter(|h| h.contains("avvikelser/") && !h.contains("sida")) {
            seen.insert(common::resolve(file, &href).unwrap_or_default());
        }
        assert!(html.contains(&format!("Sida {} av 3", i + 1)), "{file}: says which page it is");
        // Only the first page has the chart and the services; every page links its neighbours.
        assert_eq!(html.contains("<h2 id=\"charts-heading\">"), i == 0, "{file}");
        assert_eq!(html.contains("<h2 id=\"services-heading\">"), i == 0, "{file}");
        assert_eq!(html.contains("rel=\"prev\""), i > 0, "{file}");
        assert_eq!(html.contains("rel=\"next\""), i < 2, "{file}");
        assert!(html.contains("href=\"../../../../omraden/hr/feed.xml\"") || i == 0, "{file}: the feed link");
    }
    assert!(!site.has_output("omraden/hr/sida/4/index.html"));
    assert!(!site.has_output("omraden/hr/sida/2/deviations-by-period.svg"), "no chart copies");
    // Record pages are avvikelser/<id>/index.html (the nav's avvikelser/index.html is the list).
    let records: Vec<&String> =
        seen.iter().filter(|p| p.starts_with("avvikelser/") && p.matches('/').count() == 2).collect();
    assert_eq!(records.len(), 1200, "every record is on exactly one of the pages");
}
