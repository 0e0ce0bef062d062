//! The charts as readers and editors get them: every chart is a standalone,
//! accessible SVG file beside its page, shown with its finding as the text
//! alternative, a download link and a table that carries the same numbers.
//! Built with the real binary, on the example site, the English fixture and
//! small sites for the edge cases.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Table, TestSite, snapshot, tables, text};

const NBSP: char = '\u{a0}';

fn example() -> TestSite {
    TestSite::example()
}

// ---------------------------------------------------------------------------
// Reading the SVG

/// One `<text>` of a chart.
#[derive(Debug, Clone)]
struct SvgText {
    /// The text as shown (white space around it trimmed).
    content: String,
    x: f64,
    y: f64,
    anchor: String,
    size: f64,
    bold: bool,
    rotated: bool,
}

/// A chart's SVG, parsed and checked.
#[derive(Debug)]
struct Svg {
    title: String,
    desc: String,
    width: f64,
    texts: Vec<SvgText>,
}

impl Svg {
    /// Value labels: the small texts that are not y-axis ticks (those are
    /// right-aligned against the axis).
    fn value_labels(&self) -> Vec<&SvgText> {
        self.texts.iter().filter(|t| t.size == 12.0 && t.anchor != "end").collect()
    }

    /// Whether the chart is the small "no data" placeholder.
    fn is_empty_placeholder(&self) -> bool {
        self.texts.len() == 1 && ["Inga data att visa", "No data to show"].contains(&self.texts[0].content.as_str())
    }

    fn contents(&self) -> Vec<&str> {
        self.texts.iter().map(|t| t.content.as_str()).collect()
    }
}

/// Parses a chart and checks what every chart must be: well-formed, a root
/// `<svg>` that scales (viewBox, no width or height), `role="img"` labelled
/// by its `<title>` and `<desc>`, nothing that runs or loads anything.
fn parse_svg(source: &str, what: &str) -> Svg {
    let doc = roxmltree::Document::parse(source).unwrap_or_else(|e| panic!("{what}: not well-formed: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{what}");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"), "{what}");
    assert_eq!(root.attribute("width"), None, "{what}: a fixed width does not scale");
    assert_eq!(root.attribute("height"), None, "{what}: a fixed height does not scale");
    assert_eq!(root.attribute("role"), Some("img"), "{what}");
    let lang = root.attribute((roxmltree::NS_XML_URI, "lang"));
    assert!(matches!(lang, Some("sv" | "en")), "{what}: xml:lang {lang:?}");
    let view_box: Vec<f64> = root
        .attribute("viewBox")
        .unwrap_or_else(|| panic!("{what}: no viewBox"))
        .split_whitespace()
        .map(|v| v.parse().expect("viewBox number"))
        .collect();
    assert_eq!(view_box.len(), 4, "{what}");
    assert!(view_box[0] == 0.0 && view_box[1] == 0.0 && view_box[2] > 0.0 && view_box[3] > 0.0, "{what}");

    let ids: Vec<&str> = root.attribute("aria-labelledby").unwrap_or_default().split_whitespace().collect();
    assert_eq!(ids.len(), 2, "{what}: aria-labelledby names the title and the description");
    let elements: Vec<roxmltree::Node> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(elements[0].tag_name().name(), "title", "{what}: <title> first");
    assert_eq!(elements[1].tag_name().name(), "desc", "{what}: <desc> second");
    assert_eq!(elements[0].attribute("id"), Some(ids[0]), "{what}");
    assert_eq!(elements[1].attribute("id"), Some(ids[1]), "{what}");
    let title = elements[0].text().unwrap_or_default().to_string();
    let desc = elements[1].text().unwrap_or_default().to_string();
    assert!(!title.trim().is_empty() && !desc.trim().is_empty(), "{what}");

    // Nothing that runs, links or loads.
    for node in root.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(
            !["script", "foreignObject", "image", "use", "a", "iframe", "style", "feImage"].contains(&name),
            "{what}: <{name}>"
        );
        for attr in node.attributes() {
            assert!(attr.name() != "href" && !attr.name().starts_with("on"), "{what}: {}= on <{name}>", attr.name());
            assert!(!attr.value().contains("url(") && !attr.value().contains("javascript:"), "{what}: {attr:?}");
        }
    }
    assert_eq!(source.matches("http").count(), 1, "{what}: the only URL is the SVG namespace");
    assert!(common::live_markup(source).is_empty(), "{what}: {:?}", common::live_markup(source));

    let texts = root
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|t| {
            let num = |name: &str| t.attribute(name).and_then(|v| v.parse::<f64>().ok()).unwrap_or(f64::NAN);
            SvgText {
                content: t
                    .descendants()
                    .filter(|n| n.is_text())
                    .filter_map(|n| n.text())
                    .collect::<String>()
                    .trim()
                    .to_string(),
                x: num("x"),
                y: num("y"),
                anchor: t.attribute("text-anchor").unwrap_or("start").to_string(),
                size: num("font-size"),
                bold: t.attribute("font-weight") == Some("bold"),
                rotated: t.attribute("transform").is_some_and(|v| v.starts_with("rotate")),
            }
        })
        .collect();
    Svg { title, desc, width: view_box[2], texts }
}

// ---------------------------------------------------------------------------
// Reading the page

/// One chart as a page shows it.
#[derive(Debug)]
struct PageChart {
    /// The `src` of the `<img>`: a file in the page's folder.
    file: String,
    /// The `srcset` of the `<source>` for narrow screens: the narrow variant.
    narrow_file: String,
    /// The narrow variant, parsed and checked (by [`charts_of`]).
    narrow: Option<Svg>,
    alt: String,
    /// The text of the `<figcaption>`.
    caption: String,
    table: Table,
    note: Option<String>,
    /// The chart's markup.
    html: String,
}

fn decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').map(|e| i + e).expect("entity end");
        let entity = &rest[i + 1..end];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => NBSP,
            _ if entity.starts_with("#x") => {
                char::from_u32(u32::from_str_radix(&entity[2..], 16).expect("hex")).expect("char")
            }
            _ if entity.starts_with('#') => char::from_u32(entity[1..].parse().expect("dec")).expect("char"),
            _ => panic!("unknown entity &{entity};"),
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The value of attribute `name` of the first `<tag` in `html`.
fn attribute(html: &str, tag: &str, name: &str) -> Option<String> {
    let start = html.find(&format!("<{tag} "))?;
    let end = start + html[start..].find('>')?;
    let tag_text = &html[start..end];
    let at = tag_text.find(&format!(" {name}=\""))? + name.len() + 3;
    let value_end = at + tag_text[at..].find('"')?;
    Some(decode(&tag_text[at..value_end]))
}

/// Every chart on a page, in order.
fn page_charts(html: &str) -> Vec<PageChart> {
    html.split("<div class=\"chart\">")
        .skip(1)
        .map(|rest| {
            let end = rest.find("</details>").expect("the chart's table ends") + "</details>".len();
            let block = &rest[..end];
            let file = attribute(block, "img", "src").expect("img src");
            let narrow_file = attribute(block, "source", "srcset").expect("a <source> for narrow screens");
            assert_eq!(
                attribute(block, "source", "media").as_deref(),
                Some("screen and (max-width: 47.5em)"),
                "the narrow variant is for screens below the width where the wide one's text reaches 12 px"
            );
            let alt = attribute(block, "img", "alt").expect("img alt");
            let caption = common::between(block, "<figcaption>", "</figcaption>");
            let all = tables(block);
            assert_eq!(all.len(), 1, "one table per chart: {block}");
            let note =
                block.find("<p class=\"note\">").map(|_| text(common::between(block, "<p class=\"note\">", "</p>")));
            PageChart {
                file,
                narrow_file,
                narrow: None,
                alt,
                caption: common::prose(caption),
                table: all.into_iter().next().expect("table"),
                note,
                html: block.to_string(),
            }
        })
        .collect()
}

/// A page's charts with their SVG files, all checked: the file is beside
/// the page, its `<desc>` is the image's alt text and the finding in the
/// caption, its `<title>` the table's caption; a download link to the same
/// file; the table open (never hidden from screen readers) with a heading
/// row and one row per category.
fn charts_of(site: &TestSite, page: &str) -> Vec<(PageChart, Svg)> {
    let html = site.page(page);
    let folder = page.strip_suffix("index.html").expect("a page is a folder's index.html");
    page_charts(&html)
        .into_iter()
        .map(|chart| {
            let what = format!("{folder}{}", chart.file);
            assert!(!chart.file.contains('/') && chart.file.ends_with(".svg"), "{what}: beside the page");
            let svg = parse_svg(&site.page(&what), &what);
            assert_eq!(svg.desc, chart.alt, "{what}: <desc> and alt text differ");
            assert!(!chart.alt.is_empty());
            assert!(
                chart.caption.contains(&chart.alt.replace(NBSP, " ")),
                "{what}: the caption states the finding: {}",
                chart.caption
            );
            assert_eq!(svg.title, chart.table.caption, "{what}: <title> and table caption differ");
            assert!(chart.html.contains(&format!("<a href=\"{}\" download>", chart.file)), "{what}: download link");
            assert!(chart.html.contains("<details class=\"chart-table\" open>"), "{what}: the table is open");
            assert!(!chart.html.contains("aria-hidden") && !chart.html.contains(" hidden"), "{what}");
            let header = &chart.table.rows[0];
            assert!(header.len() >= 2 || svg.is_empty_placeholder(), "{what}: {header:?}");
            for row in &chart.table.rows[1..] {
                assert_eq!(row.len(), header.len(), "{what}: row {row:?}");
            }
            // The narrow variant: the same chart, drawn for a phone.
            let mut chart = chart;
            let narrow_what = format!("{folder}{}", chart.narrow_file);
            assert_eq!(chart.narrow_file, chart.file.replace(".svg", "-narrow.svg"), "{narrow_what}: beside the page");
            let narrow = parse_svg(&site.page(&narrow_what), &narrow_what);
            assert_eq!(narrow.desc, svg.desc, "{narrow_what}: the same finding");
            assert_eq!(narrow.title, svg.title, "{narrow_what}: the same title");
            assert_eq!(narrow.width, NARROW_WIDTH, "{narrow_what}: drawn for a phone's width");
            for t in &narrow.texts {
                // 12 units in a 272-unit chart shown 286 CSS px wide (320 px
                // screen): 12.6 CSS px. The browser harness measures it.
                assert!(t.size >= 12.0, "{narrow_what}: {t:?} is smaller than 12 units");
                assert!(t.x >= 0.0 && t.x <= narrow.width, "{narrow_what}: {t:?} is off the canvas");
            }
            chart.narrow = Some(narrow);
            (chart, svg)
        })
        .collect()
}

/// The width of every narrow variant, in SVG units.
const NARROW_WIDTH: f64 = 272.0;

// ---------------------------------------------------------------------------
// Comparing the numbers

/// A table cell or a chart label as read: no-break spaces as spaces (the
/// table's text is read that way; the chart's are checked separately). The
/// "*" that marks a counted value stays: it is in both.
fn norm(s: &str) -> String {
    s.replace(NBSP, " ")
}

fn multiset<'a>(items: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for item in items {
        *out.entry(norm(item)).or_insert(0) += 1;
    }
    out
}

/// Whether every item of `a` is in `b` at least as often.
fn is_sub_multiset(a: &BTreeMap<String, usize>, b: &BTreeMap<String, usize>) -> bool {
    a.iter().all(|(k, n)| b.get(k).is_some_and(|m| m >= n))
}

/// A written number (with "*" when counted) or the missing sign "–".
fn is_number(s: &str) -> bool {
    let s = s.strip_suffix('*').unwrap_or(s);
    s == "–"
        || (s.chars().any(|c| c.is_ascii_digit())
            && s.chars().all(|c| c.is_ascii_digit() || c == NBSP || c == ',' || c == '.'))
}

/// The value labels of a bar chart against its table. The numbers drawn
/// above the bars (the totals, on a stacked chart of several series) are
/// exactly the table's numbers; segment labels inside stacked bars are
/// drawn where they fit and are each in the table. With `complete` false
/// (a very dense chart), labels may be left out but none may be wrong.
fn bar_numbers_match(chart: &PageChart, svg: &Svg, complete: bool) {
    let what = &chart.file;
    let header = &chart.table.rows[0];
    let body = &chart.table.rows[1..];
    let has_total = matches!(header.last().map(String::as_str), Some("Totalt" | "Total"));
    let series = header.len() - 1 - usize::from(has_total);
    if svg.is_empty_placeholder() {
        assert!(
            body.iter().flat_map(|r| &r[1..]).all(|c| c == "–" || c == "0"),
            "{what}: an empty chart's table has nothing to show: {body:?}"
        );
        return;
    }
    let labels = svg.value_labels();
    for l in &labels {
        assert!(is_number(&l.content), "{what}: value label {:?} is not a number", l.content);
    }
    let series_cells = multiset(body.iter().flat_map(|r| r[1..=series].iter().map(String::as_str)));
    let (top, segments): (Vec<&SvgText>, Vec<&SvgText>) =
        if has_total { labels.iter().partition(|l| l.bold) } else { (labels.clone(), Vec::new()) };
    let top = multiset(top.iter().map(|l| l.content.as_str()));
    let expected_top =
        if has_total { multiset(body.iter().map(|r| r[header.len() - 1].as_str())) } else { series_cells.clone() };
    if complete {
        assert_eq!(top, expected_top, "{what}: the numbers above the bars are not the table's");
    } else {
        assert!(is_sub_multiset(&top, &expected_top), "{what}: {top:?} not in {expected_top:?}");
    }
    let segments = multiset(segments.iter().map(|l| l.content.as_str()));
    assert!(is_sub_multiset(&segments, &series_cells), "{what}: segment labels {segments:?} not in {series_cells:?}");
    assert!(!segments.contains_key("–") && !segments.contains_key("0"), "{what}: {segments:?}");
}

/// The labels of a time-to-resolve chart against its table (columns:
/// area, count, shortest, median, longest): every label is a cell of the
/// table, written the same way, and every median is labelled.
fn range_labels_match(chart: &PageChart, svg: &Svg) {
    let what = &chart.file;
    let body = &chart.table.rows[1..];
    let cells = multiset(body.iter().flat_map(|r| r[2..5].iter().map(String::as_str)));
    let labels: Vec<String> = svg
        .value_labels()
        .iter()
        .map(|l| l.content.strip_prefix("median ").unwrap_or(&l.content).to_string())
        .collect();
    let drawn = multiset(labels.iter().map(String::as_str));
    assert!(is_sub_multiset(&drawn, &cells), "{what}: labels {drawn:?} are not the table's {cells:?}");
    let medians = multiset(body.iter().map(|r| r[3].as_str()));
    let drawn_medians =
        multiset(svg.value_labels().iter().filter_map(|l| l.content.strip_prefix("median ")).collect::<Vec<_>>());
    assert_eq!(drawn_medians, medians, "{what}: every median is labelled as in the table");
}

/// The labels of a time-to-resolve chart's narrow variant against its
/// table: under each area's line "median <median>", then "<shortest> –
/// <longest>" (or the one value when they read the same), each written as in
/// the table. Tick labels (bare numbers) are not value labels here.
fn narrow_range_labels_match(chart: &PageChart, svg: &Svg) {
    let what = &chart.narrow_file;
    let body = &chart.table.rows[1..];
    let labels: Vec<String> = svg
        .value_labels()
        .iter()
        .map(|l| norm(&l.content))
        .filter(|l| !l.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == ',' || c == '.'))
        .collect();
    let mut expected = Vec::new();
    for row in body {
        let (lo, median, hi) = (norm(&row[2]), norm(&row[3]), norm(&row[4]));
        expected.push(format!("median {median}"));
        if lo != hi {
            expected.push(format!("{lo} – {hi}"));
        } else if lo != median {
            expected.push(lo);
        }
    }
    assert_eq!(labels, expected, "{what}: the values under the lines are the table's");
}

/// Checks a page's charts, both variants, and their numbers; returns them by
/// file name.
fn checked(site: &TestSite, page: &str) -> BTreeMap<String, (PageChart, Svg)> {
    let mut out = BTreeMap::new();
    for (chart, svg) in charts_of(site, page) {
        let narrow = chart.narrow.as_ref().expect("checked narrow variant");
        if chart.file == "time-to-resolve.svg" {
            range_labels_match(&chart, &svg);
            narrow_range_labels_match(&chart, narrow);
        } else {
            bar_numbers_match(&chart, &svg, true);
            // Up to 12 categories are horizontal bars, each with its value.
            let few = chart.table.rows.len() - 1 <= 12;
            bar_numbers_match(&chart, narrow, few);
        }
        out.insert(chart.file.clone(), (chart, svg));
    }
    out
}

fn files(charts: &BTreeMap<String, (PageChart, Svg)>) -> Vec<&str> {
    charts.keys().map(String::as_str).collect()
}

/// Every chart SVG in the output is shown on the page in its folder.
fn every_svg_is_shown(site: &TestSite) -> usize {
    let svgs: Vec<String> = site.output_files().into_iter().filter(|f| f.ends_with(".svg")).collect();
    for svg in &svgs {
        let (folder, file) = svg.rsplit_once('/').map_or(("", svg.as_str()), |(d, f)| (d, f));
        let page = if folder.is_empty() { "index.html".to_string() } else { format!("{folder}/index.html") };
        let shown: Vec<String> =
            page_charts(&site.page(&page)).into_iter().flat_map(|c| [c.file, c.narrow_file]).collect();
        assert!(shown.iter().any(|f| f == file), "{svg} is not shown on {page}: {shown:?}");
    }
    svgs.len()
}

// ---------------------------------------------------------------------------
// The example site

#[test]
fn every_chart_of_the_example_site_is_accessible_and_carries_the_tables_numbers() {
    let site = example();
    site.build_ok();

    let overview = checked(&site, "index.html");
    assert_eq!(
        files(&overview),
        vec![
            "current-against-comparison.svg",
            "incidents-by-period.svg",
            "major-incidents-by-period.svg",
            "personal-data-incidents-by-period.svg"
        ]
    );
    let mut n = overview.len();
    for area in ["hr", "ekonomi", "kommunikation"] {
        let charts = checked(&site, &format!("omraden/{area}/index.html"));
        assert_eq!(files(&charts), vec!["deviations-by-period.svg"], "{area}");
        n += 1;
    }
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/services")).expect("services") {
        let path = entry.expect("entry").path();
        let id = path.file_stem().and_then(|s| s.to_str()).expect("id").to_string();
        let charts = checked(&site, &format!("tjanster/{id}/index.html"));
        assert_eq!(files(&charts), vec!["deviations-by-period.svg"], "{id}");
        n += 1;
    }
    for (period, expected) in [
        ("2023-q1", vec!["deviations-by-area.svg", "time-to-resolve.svg"]),
        ("2023-jan-maj", vec!["deviations-by-area.svg", "time-to-resolve.svg"]),
        ("2023-q2", vec!["deviations-by-area.svg", "time-to-resolve.svg"]),
        // Figures only: nothing to break down.
        ("2022-q1", vec![]),
    ] {
        let charts = checked(&site, &format!("perioder/{period}/index.html"));
        assert_eq!(files(&charts), expected, "{period}");
        n += charts.len();
    }
    assert_eq!(
        every_svg_is_shown(&site),
        2 * n,
        "every chart file (wide and narrow) is on a page, and no page shows a missing file"
    );
}

#[test]
fn the_overview_states_the_decks_finding_in_words() {
    let site = example();
    site.build_ok();
    let charts = checked(&site, "index.html");
    let (chart, svg) = &charts["incidents-by-period.svg"];
    let finding = "Incidenter ökade från 756 under Kvartal 1 2022 till 1\u{a0}003 under Kvartal 1 2023 (+33\u{a0}%).";
    assert_eq!(chart.alt, finding);
    assert_eq!(svg.desc, finding);
    assert_eq!(svg.title, "Incidenter per period");
    assert!(site.page("incidents-by-period.svg").contains(" xml:lang=\"sv\" "));
    // Swedish numbers: a no-break space groups the digits, in the chart too.
    assert!(svg.contents().contains(&"1\u{a0}003"), "{:?}", svg.contents());
    assert_eq!(chart.table.row("Kvartal 1 2023")[1], "1 003");
    // The current period is marked with a bold label, not colour alone.
    let current = svg.texts.iter().find(|t| t.content == "Kvartal 1 2023").expect("current period's label");
    assert!(current.bold);
    assert!(svg.texts.iter().filter(|t| t.content.starts_with("Kvartal 1 2022")).all(|t| !t.bold));
    assert!(svg.width >= 600.0);

    // January–May 2023 has no incidents figure: its incidents are unknown,
    // never counted from the few written up (that was a "15*" bar next to
    // 1 003). And it is five months, not a quarter: the trend compares
    // quarters only, and says so.
    assert_eq!(chart.table.rows.len(), 3, "{:?}", chart.table.rows);
    assert!(chart.table.rows.iter().all(|r| r[0] != "Januari–maj 2023"));
    assert_eq!(chart.note, None, "nothing is counted");
    assert!(svg.texts.iter().all(|t| !t.content.contains('*') && t.content != "15"), "{:?}", svg.contents());
    assert!(svg.contents().contains(&"Perioder om 3 månader"), "{:?}", svg.contents());
    assert!(
        chart.caption.contains(
            "Diagrammet jämför perioder som är lika långa (3 månader) och inte överlappar, i tidsordning: \
             Kvartal 1 2022 och Kvartal 1 2023. Utelämnade, eftersom de är olika långa eller överlappar: \
             Januari–maj 2023."
        ),
        "{}",
        chart.caption
    );
    let narrow = chart.narrow.as_ref().expect("narrow");
    assert!(narrow.contents().contains(&"Perioder om 3 månader"), "{:?}", narrow.contents());
    assert!(narrow.texts.iter().any(|t| t.content == "Kvartal 1 2023" && t.bold), "the current period is marked");

    // Quarter 1 2022 has no major incidents figure and no records: missing, not zero.
    let (mi, mi_svg) = &charts["major-incidents-by-period.svg"];
    assert_eq!(mi.table.row("Kvartal 1 2022")[1], "–");
    assert!(mi_svg.value_labels().iter().any(|l| l.content == "–"));

    let (compare, compare_svg) = &charts["current-against-comparison.svg"];
    assert_eq!(
        compare.alt,
        "Incidenter ökade från 756 under Kvartal 1 2022 till 1\u{a0}003 under Kvartal 1 2023 (+33\u{a0}%). \
         Major incidents under Kvartal 1 2023: 11. Personuppgiftsincidenter under Kvartal 1 2023: 5."
    );
    assert_eq!(compare.table.rows[0], vec!["Nyckeltal", "Kvartal 1 2022", "Kvartal 1 2023"]);
    assert_eq!(compare.table.row("Incidenter"), &vec!["Incidenter", "756", "1 003"]);
    // One panel per figure, each on its own scale from zero: the bars of 11
    // and 5 are as long as that of 1 003, not a sliver beside it.
    for panel in ["Incidenter", "Major incidents", "Personuppgiftsincidenter"] {
        assert!(
            compare_svg.texts.iter().any(|t| t.content == panel && t.bold),
            "{panel}: {:?}",
            compare_svg.contents()
        );
    }
    assert!(compare_svg.contents().contains(&"Varje panel har en egen skala som börjar på noll."));
    for file in ["current-against-comparison.svg", "current-against-comparison-narrow.svg"] {
        let bars = bar_lengths(&site.page(file));
        assert_eq!(bars.len(), 4, "{file}: 756, 1 003, 11 and 5 (2022's other two are unknown): {bars:?}");
        let longest = bars.iter().copied().fold(0.0, f64::max);
        assert!(bars.iter().all(|&w| w >= 0.6 * longest), "{file}: {bars:?}");
    }
}

/// The lengths of a horizontal bar chart's bars (rectangles in the first
/// series' colour), in SVG units.
fn bar_lengths(svg: &str) -> Vec<f64> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed");
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#0072B2"))
        .filter_map(|n| n.attribute("width").and_then(|w| w.parse().ok()))
        .collect()
}

#[test]
fn overlapping_periods_do_not_count_a_deviation_twice() {
    let site = example();
    site.build_ok();
    // Agresso's seven deviations of quarter 1 also fall in January–May, which
    // overlaps quarter 1 and is longer: the trend leaves it out, so they are
    // counted once, in quarter 1.
    let charts = checked(&site, "omraden/ekonomi/index.html");
    let (chart, _) = &charts["deviations-by-period.svg"];
    assert_eq!(chart.alt, "Ekonomi: 7 avvikelser sammanlagt, flest under Kvartal 1 2023 (7).");
    assert!(chart.caption.contains("Utelämnade, eftersom de är olika långa eller överlappar: Januari–maj 2023."));
    // No records were published for quarter 1 2022: unknown, not zero.
    assert_eq!(chart.table.row("Kvartal 1 2022")[1..], ["–"]);
    assert_eq!(chart.table.rows.len(), 3);
    // A deviation only in January–May is not in the quarters' chart, and
    // the finding says "none in these periods", not "none reported".
    let charts = checked(&site, "tjanster/lonebildning/index.html");
    let (chart, _) = &charts["deviations-by-period.svg"];
    assert_eq!(chart.alt, "Stöd i arbetet med lönebildning: inga avvikelser under Kvartal 1 2022 och Kvartal 1 2023.");
    // A period page's chart is by area: "inom", not "under".
    let charts = checked(&site, "perioder/2023-q1/index.html");
    let (chart, _) = &charts["deviations-by-area.svg"];
    assert_eq!(chart.alt, "Kvartal 1 2023: 18 avvikelser sammanlagt, flest inom HR och Ekonomi (7 vardera).");
    assert_eq!(chart.table.rows[0].last().map(String::as_str), Some("Totalt"));
    assert_eq!(chart.table.row("HR").last().map(String::as_str), Some("7"));
}

#[test]
fn time_to_resolve_reads_like_the_deck_and_the_chart_like_its_table() {
    let site = example();
    site.build_ok();
    let charts = checked(&site, "perioder/2023-q1/index.html");
    let (chart, svg) = &charts["time-to-resolve.svg"];
    assert_eq!(
        chart.alt,
        "Lösningstiden för de 15 avvikelser under Kvartal 1 2023 som har klockslag varierade från 30 min till 29 tim, \
         median 7,5 tim."
    );
    assert_eq!(chart.table.rows[0], vec!["Område", "Avvikelser med klockslag", "Kortast", "Median", "Längst"]);
    // Agresso: from 30 minutes to about a day.
    assert_eq!(chart.table.row("Ekonomi"), &vec!["Ekonomi", "7", "30 min", "7,6 tim", "23,5 tim"]);
    for label in ["median 7,6 tim", "30 min", "23,5 tim"] {
        assert!(svg.contents().contains(&label), "{label} missing: {:?}", svg.contents());
    }
    assert!(!svg.contents().iter().any(|t| t.contains("7,58")), "{:?}", svg.contents());
    // The longest case of January–May, a week, is given in days.
    let charts = checked(&site, "perioder/2023-jan-maj/index.html");
    let (chart, _) = &charts["time-to-resolve.svg"];
    assert!(chart.alt.contains("från 30 min till 7,2 dygn, median 7,5 tim."), "{}", chart.alt);
}

// ---------------------------------------------------------------------------
// English

#[test]
fn english_charts_use_english_words_and_numbers() {
    let site = TestSite::fixture("english-site");
    site.build_ok();
    let overview = checked(&site, "index.html");
    let (chart, svg) = &overview["incidents-by-period.svg"];
    assert_eq!(chart.alt, "Incidents rose from 900 in Tertial 2 2022 to 1,003 in Tertial 2 2023 (+11%).");
    assert!(svg.contents().contains(&"1,003"), "{:?}", svg.contents());
    assert!(site.page("incidents-by-period.svg").contains(" xml:lang=\"en\" "));
    assert_eq!(chart.table.row("Tertial 2 2023")[1], "1,003");
    assert_eq!(chart.table.rows[0], vec!["Period", "Incidents"]);
    // Tertial 1 2023 has deviations but no incidents figure: unknown, never counted.
    assert_eq!(chart.table.row("Tertial 1 2023")[1], "–");
    assert_eq!(chart.note, None);
    // The trend compares tertials; the quarter is left out, and the caption says so.
    assert!(chart.table.rows.iter().all(|r| r[0] != "Quarter 2 2023"));
    assert!(svg.contents().contains(&"Periods of 4 months"), "{:?}", svg.contents());
    assert!(
        chart.caption.contains(
            "The chart compares periods of the same length (4 months) that do not overlap, in time order: \
             Tertial 2 2022, Tertial 1 2023 and Tertial 2 2023. Left out, as they are of another length or \
             overlap: Quarter 2 2023."
        ),
        "{}",
        chart.caption
    );
    let (compare, _) = &overview["current-against-comparison.svg"];
    assert!(
        compare.alt.contains("Personal-data incidents fell from 2 in Tertial 2 2022 to 1 in Tertial 2 2023 (-50%).")
    );

    let charts = checked(&site, "areas/finance/index.html");
    assert_eq!(charts["deviations-by-period.svg"].0.alt, "Finance: 3 deviations in all, most in Tertial 1 2023 (2).");
    let charts = checked(&site, "services/fax/index.html");
    assert_eq!(charts["deviations-by-period.svg"].0.alt, "Fax Gateway: one deviation, in Tertial 2 2023.");
    let charts = checked(&site, "periods/2023-t1/index.html");
    let (chart, svg) = &charts["time-to-resolve.svg"];
    assert_eq!(chart.alt, "Time to resolve for the only deviation in Tertial 1 2023 with times of day was 26.3 h.");
    assert!(svg.contents().contains(&"median 26.3 h"), "{:?}", svg.contents());
    // The open record of Tertial 2 has a time of day but is not resolved.
    let charts = checked(&site, "periods/2023-t2/index.html");
    assert_eq!(files(&charts), vec!["deviations-by-area.svg"]);
    every_svg_is_shown(&site);
}

// ---------------------------------------------------------------------------
// Edge cases

fn period(site: &TestSite, id: &str, label: &str, start: &str, end: &str, figures: &str) {
    site.write(
        &format!("content/periods/{id}/period.toml"),
        &format!("label = \"{label}\"\nstart = {start}\nend = {end}\n{figures}"),
    );
}

fn record(site: &TestSite, period: &str, id: &str, fields: &str) {
    site.write(
        &format!("content/periods/{period}/{id}.md"),
        &format!("+++\ntitle = \"Avvikelse {id}\"\nservice = \"lon\"\n{fields}\n+++\nText.\n"),
    );
}

#[test]
fn a_period_without_records_or_figures_is_missing_not_zero() {
    let site = TestSite::minimal();
    period(&site, "2022-q1", "Kvartal 1 2022", "2022-01-01", "2022-03-31", "");
    record(&site, "2023-q1", "stor", "kind = \"major-incident\"\ndate = 2023-03-01\nresolved = 2023-03-02");
    site.build_ok();
    let overview = checked(&site, "index.html");
    let (chart, svg) = &overview["major-incidents-by-period.svg"];
    assert_eq!(chart.table.row("Kvartal 1 2022")[1], "–");
    assert_eq!(chart.table.row("Kvartal 1 2023")[1], "1");
    assert_eq!(chart.alt, "Major incidents under Kvartal 1 2023: 1.");
    // One bar: the missing period has a dash and no bar (not a bar of 0).
    assert_eq!(svg.value_labels().iter().map(|l| l.content.as_str()).collect::<Vec<_>>(), vec!["–", "1"]);
    assert_eq!(site.page("major-incidents-by-period.svg").matches("fill=\"#0072B2\"").count(), 1);
    assert_eq!(site.page("major-incidents-by-period-narrow.svg").matches("fill=\"#0072B2\"").count(), 1);
    // Incidents: no figure for either period. The records are never counted
    // as incidents (most incidents are not written up): unknown, no chart.
    let (incidents, incidents_svg) = &overview["incidents-by-period.svg"];
    assert_eq!(incidents.table.row("Kvartal 1 2023")[1], "–");
    assert_eq!(incidents.alt, "Incidenter: uppgift saknas för Kvartal 1 2023.");
    assert!(incidents_svg.is_empty_placeholder());
    // The compare chart shows what is known of both.
    let (compare, _) = &overview["current-against-comparison.svg"];
    assert_eq!(compare.table.row("Incidenter"), &vec!["Incidenter", "–", "–"]);
    assert_eq!(compare.table.row("Major incidents"), &vec!["Major incidents", "–", "1"]);
    let charts = checked(&site, "omraden/hr/index.html");
    assert_eq!(charts["deviations-by-period.svg"].0.table.row("Kvartal 1 2022")[1], "–");
    // Its own page has nothing to draw, and no empty chart.
    assert!(checked(&site, "perioder/2022-q1/index.html").is_empty());
    assert!(!site.has_output("perioder/2022-q1/deviations-by-area.svg"));
}

#[test]
fn figures_only() {
    let site = TestSite::minimal();
    site.remove("content/periods/2023-q1/lon-stopp.md");
    site.write(
        "content/periods/2023-q1/period.toml",
        "label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\n[figures]\nincidents = 1003\nmajor_incidents = 11\npersonal_data_incidents = 5\n",
    );
    period(&site, "2022-q1", "Kvartal 1 2022", "2022-01-01", "2022-03-31", "[figures]\nincidents = 756\n");
    site.build_ok();
    let overview = checked(&site, "index.html");
    let (chart, svg) = &overview["incidents-by-period.svg"];
    assert_eq!(
        chart.alt,
        "Incidenter ökade från 756 under Kvartal 1 2022 till 1\u{a0}003 under Kvartal 1 2023 (+33\u{a0}%)."
    );
    assert_eq!(chart.note, None, "nothing is counted");
    assert!(!site.page("incidents-by-period.svg").contains("Räknat"));
    assert!(svg.texts.iter().all(|t| !t.content.contains('*')));
    let (mi, _) = &overview["major-incidents-by-period.svg"];
    assert_eq!(mi.table.row("Kvartal 1 2022")[1], "–");
    assert_eq!(mi.alt, "Major incidents under Kvartal 1 2023: 11.");
    // No records anywhere: the area and service charts say so, the period
    // pages have none.
    let charts = checked(&site, "omraden/hr/index.html");
    let (area, area_svg) = &charts["deviations-by-period.svg"];
    assert_eq!(area.alt, "HR: inga avvikelser redovisas.");
    assert!(area_svg.is_empty_placeholder());
    assert_eq!(area.table.rows[0], vec!["Period", "Totalt"]);
    let charts = checked(&site, "tjanster/lon/index.html");
    assert_eq!(charts["deviations-by-period.svg"].0.alt, "Lön: inga avvikelser redovisas.");
    assert!(checked(&site, "perioder/2023-q1/index.html").is_empty());
}

#[test]
fn a_single_period() {
    let site = TestSite::minimal();
    site.build_ok();
    let overview = checked(&site, "index.html");
    assert_eq!(
        files(&overview),
        vec!["incidents-by-period.svg", "major-incidents-by-period.svg", "personal-data-incidents-by-period.svg"],
        "nothing to compare with"
    );
    // One incident written up, no figure: the number of incidents is unknown.
    let (chart, _) = &overview["incidents-by-period.svg"];
    assert_eq!(chart.alt, "Incidenter: uppgift saknas för Kvartal 1 2023.");
    assert_eq!(
        chart.table.rows,
        vec![vec!["Period".to_string(), "Incidenter".to_string()], vec!["Kvartal 1 2023".to_string(), "–".to_string()]]
    );
    // Major incidents are all written up: counted, 0.
    let (mi, svg) = &overview["major-incidents-by-period.svg"];
    assert_eq!(mi.alt, "Major incidents under Kvartal 1 2023: 0.");
    assert!(svg.texts.iter().any(|t| t.content == "Kvartal 1 2023" && t.bold));
    let (pdi, _) = &overview["personal-data-incidents-by-period.svg"];
    assert_eq!(pdi.table.row("Kvartal 1 2023")[1], "0");
    let charts = checked(&site, "tjanster/lon/index.html");
    assert_eq!(charts["deviations-by-period.svg"].0.alt, "Lön: en avvikelse, under Kvartal 1 2023.");
    let charts = checked(&site, "perioder/2023-q1/index.html");
    assert_eq!(charts["deviations-by-area.svg"].0.alt, "Kvartal 1 2023: en avvikelse, inom HR.");
}

#[test]
fn all_zeros() {
    let site = TestSite::minimal();
    site.remove("content/periods/2023-q1/lon-stopp.md");
    let zeros = "[figures]\nincidents = 0\nmajor_incidents = 0\npersonal_data_incidents = 0\n";
    period(&site, "2023-q1", "Kvartal 1 2023", "2023-01-01", "2023-03-31", zeros);
    period(&site, "2022-q1", "Kvartal 1 2022", "2022-01-01", "2022-03-31", zeros);
    site.build_ok();
    let overview = checked(&site, "index.html");
    let (chart, svg) = &overview["incidents-by-period.svg"];
    assert_eq!(chart.alt, "Incidenter var 0 både under Kvartal 1 2022 och under Kvartal 1 2023.");
    assert_eq!(svg.value_labels().iter().map(|l| l.content.as_str()).collect::<Vec<_>>(), vec!["0", "0"]);
    // An axis from 0 with a labelled step, not a collapsed scale.
    let ticks: Vec<&str> = svg.texts.iter().filter(|t| t.anchor == "end").map(|t| t.content.as_str()).collect();
    assert_eq!(ticks, vec!["0", "1"]);
    assert!(svg.contents().contains(&"Antal") && svg.contents().contains(&"Perioder om 3 månader"), "labelled axes");
    let (compare, _) = &overview["current-against-comparison.svg"];
    assert_eq!(compare.table.row("Incidenter"), &vec!["Incidenter", "0", "0"]);
}

#[test]
fn eighty_periods_keep_their_labels_apart() {
    let site = TestSite::minimal();
    std::fs::remove_dir_all(site.path().join("content/periods/2023-q1")).expect("remove the period");
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"];
    let days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut labels = Vec::new();
    for i in 0..80 {
        let (year, month) = (2017 + i / 12, i % 12);
        let label = format!("{} {year}", MONTHS[month]);
        let feb29 = month == 1 && year % 4 == 0;
        let last = if feb29 { 29 } else { days[month] };
        let id = format!("{year}-{:02}", month + 1);
        let figures = format!("[figures]\nincidents = {}\n", 900 + i * 7);
        let start = format!("{year}-{:02}-01", month + 1);
        let end = format!("{year}-{:02}-{last}", month + 1);
        period(&site, &id, &label, &start, &end, &figures);
        if i % 10 == 3 {
            record(&site, &id, &format!("r{i}"), &format!("kind = \"incident\"\ndate = {start}\nresolved = {end}"));
        }
        labels.push(label);
    }
    site.build_ok();

    let overview = checked_dense(&site, "index.html");
    let (chart, svg) = &overview["incidents-by-period.svg"];
    // The table is complete: every period, every figure.
    assert_eq!(chart.table.rows.len(), 81);
    for (i, label) in labels.iter().enumerate() {
        let expected = (900 + i * 7).to_string();
        let expected = if expected.len() > 3 {
            format!("{} {}", &expected[..expected.len() - 3], &expected[expected.len() - 3..])
        } else {
            expected
        };
        assert_eq!(chart.table.row(label)[1], expected, "{label}");
    }
    // Category labels are turned and thinned: first, last (the current
    // period, bold) and enough in between, never overlapping.
    let shown: Vec<&SvgText> = svg.texts.iter().filter(|t| labels.contains(&t.content)).collect();
    assert!(shown.len() >= 10 && shown.len() < 80, "{} labels", shown.len());
    assert!(shown.iter().all(|t| t.rotated));
    assert!(shown.iter().any(|t| t.content == "Jan 2017"));
    assert!(shown.iter().any(|t| t.content == "Aug 2023" && t.bold), "the current period is labelled");
    let mut xs: Vec<f64> = shown.iter().map(|t| t.x).collect();
    xs.sort_by(f64::total_cmp);
    for pair in xs.windows(2) {
        // Turned text is about one line of 13 px thick.
        assert!(pair[1] - pair[0] >= 13.0, "labels at {pair:?} overlap");
    }
    // Horizontal text stays inside the canvas.
    for t in &svg.texts {
        assert!(t.x >= 0.0 && t.x <= svg.width && t.y >= 0.0, "{t:?}");
    }
    let charts = checked_dense(&site, "omraden/hr/index.html");
    let (area, _) = &charts["deviations-by-period.svg"];
    assert_eq!(area.table.rows.len(), 81);
    assert_eq!(area.table.row("Apr 2017")[1], "1");
    assert_eq!(area.table.row("Maj 2017")[1], "–");
    assert_eq!(
        area.alt,
        "HR: 8 avvikelser sammanlagt, flest under Apr 2017, Feb 2018, Dec 2018, Okt 2019, Aug 2020, Jun 2021, Apr 2022 och Feb 2023 (1 vardera)."
    );
}

/// Like [`checked`], for charts so dense that value labels may be left out.
fn checked_dense(site: &TestSite, page: &str) -> BTreeMap<String, (PageChart, Svg)> {
    let mut out = BTreeMap::new();
    for (chart, svg) in charts_of(site, page) {
        bar_numbers_match(&chart, &svg, false);
        bar_numbers_match(&chart, chart.narrow.as_ref().expect("narrow"), false);
        out.insert(chart.file.clone(), (chart, svg));
    }
    out
}

#[test]
fn a_very_long_service_name_is_cut_in_the_chart_and_kept_in_its_text() {
    let site = TestSite::minimal();
    let long = "Lönesystemet för hela stadens förvaltningar och bolag med tillhörande integrationer ".repeat(3);
    let long = long.trim().chars().take(200).collect::<String>();
    site.write("content/services/lon.toml", &format!("name = \"{long}\"\narea = \"hr\"\ntier = \"base\"\n"));
    let area = "Område med ett mycket långt namn som inte får plats under sin stapel i diagrammet ".repeat(2);
    site.write("site.toml", &format!("{}\n[[areas]]\nid = \"lang\"\nname = \"{}\"\n", common::SITE_TOML, area.trim()));
    site.build_ok();
    let charts = checked(&site, "tjanster/lon/index.html");
    let (chart, svg) = &charts["deviations-by-period.svg"];
    assert!(chart.alt.starts_with(&format!("{long}: en avvikelse")), "{}", chart.alt);
    assert!(svg.title.contains(&long), "the title keeps the whole name");
    let charts = checked(&site, "perioder/2023-q1/index.html");
    let (_, svg) = &charts["deviations-by-area.svg"];
    // Drawn text is cut, and stays on the canvas.
    for t in &svg.texts {
        assert!(t.content.chars().count() <= 80, "{t:?}");
        assert!(t.x >= 0.0 && t.x <= svg.width, "{t:?}");
    }
    assert!(svg.texts.iter().any(|t| t.content.ends_with('…')), "{:?}", svg.contents());
}

#[test]
fn time_to_resolve_counts_only_resolved_deviations_with_times() {
    let site = TestSite::minimal();
    record(
        &site,
        "2023-q1",
        "klar",
        "kind = \"incident\"\ndate = 2023-03-01T08:00:00+01:00\nresolved = 2023-03-01T10:00:00+01:00",
    );
    record(
        &site,
        "2023-q1",
        "pagar",
        "kind = \"incident\"\ndate = 2023-03-02T08:00:00+01:00\nstatus = \"in-progress\"",
    );
    site.build_ok();
    let charts = checked(&site, "perioder/2023-q1/index.html");
    assert_eq!(files(&charts), vec!["deviations-by-area.svg", "time-to-resolve.svg"]);
    let (chart, svg) = &charts["time-to-resolve.svg"];
    assert_eq!(chart.alt, "Lösningstiden för den enda avvikelsen under Kvartal 1 2023 som har klockslag var 2 tim.");
    assert_eq!(chart.table.row("HR"), &vec!["HR", "1", "2 tim", "2 tim", "2 tim"]);
    assert_eq!(svg.value_labels().iter().map(|l| l.content.as_str()).collect::<Vec<_>>(), vec!["median 2 tim"]);
    // Two resolved ones: a range.
    record(
        &site,
        "2023-q1",
        "snabb",
        "kind = \"incident\"\ndate = 2023-03-03T08:00:00Z\nresolved = 2023-03-03T08:30:00Z",
    );
    site.build_ok();
    let charts = checked(&site, "perioder/2023-q1/index.html");
    let (chart, _) = &charts["time-to-resolve.svg"];
    assert_eq!(
        chart.alt,
        "Lösningstiden för de 2 avvikelser under Kvartal 1 2023 som har klockslag varierade från 30 min till 2 tim, \
         median 1,3 tim."
    );
}

#[test]
fn dates_without_times_give_no_time_to_resolve() {
    let site = TestSite::minimal();
    site.build_ok();
    let charts = checked(&site, "perioder/2023-q1/index.html");
    assert_eq!(files(&charts), vec!["deviations-by-area.svg"]);
    assert!(!site.has_output("perioder/2023-q1/time-to-resolve.svg"));
}

#[test]
fn mixed_official_and_counted_values_are_marked_in_chart_table_and_note() {
    let site = TestSite::minimal();
    period(&site, "2022-q1", "Kvartal 1 2022", "2022-01-01", "2022-03-31", "[figures]\nmajor_incidents = 56\n");
    record(&site, "2023-q1", "stor", "kind = \"major-incident\"\ndate = 2023-03-01\nresolved = 2023-03-02");
    site.build_ok();
    let overview = checked(&site, "index.html");
    let (chart, svg) = &overview["major-incidents-by-period.svg"];
    assert_eq!(chart.table.row("Kvartal 1 2022")[1], "56");
    assert_eq!(chart.table.row("Kvartal 1 2023")[1], "1*");
    assert_eq!(
        chart.note.as_deref(),
        Some("* räknat från avvikelserna på webbplatsen; övriga värden kommer från incidenthanteringssystemet.")
    );
    // Not comparable: one is counted, the other official.
    assert_eq!(chart.alt, "Major incidents under Kvartal 1 2023: 1.");
    for (file, svg) in [
        ("major-incidents-by-period.svg", svg),
        ("major-incidents-by-period-narrow.svg", chart.narrow.as_ref().expect("narrow")),
    ] {
        let source = site.page(file);
        let legend: Vec<&str> = svg
            .texts
            .iter()
            .filter(|t| t.size == 13.0 && t.anchor == "start" && !t.bold)
            .map(|t| t.content.as_str())
            .collect();
        let legend: Vec<&str> = legend.into_iter().filter(|t| !t.starts_with("Kvartal")).collect();
        assert_eq!(Some(legend.join(" ")), chart.note, "{file}");
        // The counted bar is too short to show its hatch next to 56: its label
        // carries the star, as in the table. The legend's swatch shows the hatch
        // (dark lines on white).
        assert!(svg.contents().contains(&"1*"), "{file}: {:?}", svg.contents());
        assert!(source.contains("stroke=\"#1A1A1A\" stroke-width=\"1\" points="), "{file}: hatch in the legend");
    }
    // The compare chart marks it the same way.
    let (compare, compare_svg) = &overview["current-against-comparison.svg"];
    assert_eq!(compare.table.row("Major incidents"), &vec!["Major incidents", "56", "1*"]);
    assert!(compare.note.is_some());
    assert!(compare_svg.contents().contains(&"1*"), "{:?}", compare_svg.contents());
    // Incidents are never counted: unknown in 2023, so nothing to mix there.
    assert_eq!(overview["incidents-by-period.svg"].0.table.row("Kvartal 1 2023")[1], "–");
}

#[test]
fn trends_compare_periods_of_the_same_length_that_do_not_overlap() {
    let site = TestSite::minimal();
    site.write("site.toml", &format!("current_period = \"2023-q3\"\n{}", common::SITE_TOML));
    let incidents = |n: u32| format!("[figures]\nincidents = {n}\n");
    period(&site, "2022-q3", "Kvartal 3 2022", "2022-07-01", "2022-09-30", &incidents(700));
    period(&site, "2022-q4", "Kvartal 4 2022", "2022-10-01", "2022-12-31", &incidents(710));
    period(&site, "2023-q1", "Kvartal 1 2023", "2023-01-01", "2023-03-31", &incidents(720));
    // Three months too, but overlapping quarters 1 and 2.
    period(&site, "2023-feb-apr", "Februari–april 2023", "2023-02-01", "2023-04-30", &incidents(999));
    period(&site, "2023-q2", "Kvartal 2 2023", "2023-04-01", "2023-06-30", &incidents(730));
    period(&site, "2023-h1", "Halvår 1 2023", "2023-01-01", "2023-06-30", &incidents(1450));
    period(&site, "2023-v27", "Vecka 27 2023", "2023-07-03", "2023-07-09", &incidents(50));
    period(&site, "2023-q3", "Kvartal 3 2023", "2023-07-01", "2023-09-30", &incidents(740));
    // After the current period: not reported yet.
    period(&site, "2023-q4", "Kvartal 4 2023", "2023-10-01", "2023-12-31", &incidents(750));
    site.build_ok();
    let quarters = ["Kvartal 3 2022", "Kvartal 4 2022", "Kvartal 1 2023", "Kvartal 2 2023", "Kvartal 3 2023"];
    let overview = checked(&site, "index.html");
    let (chart, svg) = &overview["incidents-by-period.svg"];
    let rows: Vec<&str> = chart.table.rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(rows, quarters, "quarters only, in time order, none overlapping");
    assert!(svg.contents().contains(&"Perioder om 3 månader"));
    // The finding compares with the comparison period, a year earlier, which
    // is in the chart.
    assert!(
        chart.alt.starts_with("Incidenter ökade från 700 under Kvartal 3 2022 till 740 under Kvartal 3 2023"),
        "{}",
        chart.alt
    );
    assert!(
        chart.caption.contains(
            "i tidsordning: Kvartal 3 2022, Kvartal 4 2022, Kvartal 1 2023, Kvartal 2 2023 och Kvartal 3 2023. \
             Utelämnade, eftersom de är olika långa eller överlappar: Halvår 1 2023, Februari–april 2023 och \
             Vecka 27 2023."
        ),
        "{}",
        chart.caption
    );
    assert!(!chart.caption.contains("Kvartal 4 2023"), "not reported yet");
    assert!(overview.contains_key("current-against-comparison.svg"));
    // The area's deviation is dated in quarter 1, which half-year 1 and
    // February–April also cover: the trend counts it once.
    let charts = checked(&site, "omraden/hr/index.html");
    let (area, _) = &charts["deviations-by-period.svg"];
    let rows: Vec<&str> = area.table.rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(rows, quarters);
    assert_eq!(area.alt, "HR: en avvikelse, under Kvartal 1 2023.");

    // Compared with a half-year: not like with like. No comparison chart, and
    // the trend's finding compares with the quarter before.
    period(
        &site,
        "2023-q3",
        "Kvartal 3 2023",
        "2023-07-01",
        "2023-09-30",
        &format!("compare_with = \"2023-h1\"\n{}", incidents(740)),
    );
    site.build_ok();
    let overview = checked(&site, "index.html");
    assert!(!overview.contains_key("current-against-comparison.svg"), "{:?}", files(&overview));
    let (chart, _) = &overview["incidents-by-period.svg"];
    assert!(
        chart.alt.starts_with("Incidenter ökade från 730 under Kvartal 2 2023 till 740 under Kvartal 3 2023"),
        "{}",
        chart.alt
    );
}

#[test]
fn periods_after_the_current_one_are_not_charted_yet() {
    let site = TestSite::minimal();
    site.write("site.toml", &format!("current_period = \"2023-q1\"\n{}", common::SITE_TOML));
    period(&site, "2023-q2", "Kvartal 2 2023", "2023-04-01", "2023-06-30", "");
    site.build_ok();
    let overview = checked(&site, "index.html");
    let rows: Vec<&str> = overview["incidents-by-period.svg"].0.table.rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(rows, vec!["Kvartal 1 2023"]);
    let charts = checked(&site, "omraden/hr/index.html");
    let rows: Vec<&str> = charts["deviations-by-period.svg"].0.table.rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(rows, vec!["Kvartal 1 2023"]);
}

// ---------------------------------------------------------------------------
// Determinism

#[test]
fn the_same_input_gives_the_same_chart_bytes() {
    let build = || {
        let site = TestSite::minimal();
        period(&site, "2022-q1", "Kvartal 1 2022", "2022-01-01", "2022-03-31", "[figures]\nincidents = 756\n");
        for i in 0..30 {
            let day = i % 28 + 1;
            let fields = format!(
                "kind = \"{}\"\ndate = 2023-02-{day:02}T08:00:00+01:00\nresolved = 2023-03-{day:02}T{:02}:00:00+01:00\nseverity = \"{}\"",
                ["incident", "major-incident", "quality-deficiency"][i % 3],
                8 + i % 12,
                ["low", "medium", "high"][i % 3],
            );
            record(&site, "2023-q1", &format!("r{i:02}"), &fields);
        }
        site.build_ok();
        let svgs: BTreeMap<String, Vec<u8>> =
            snapshot(&site.output()).into_iter().filter(|(path, _)| path.ends_with(".svg")).collect();
        svgs
    };
    let (a, b) = (build(), build());
    assert!(a.len() >= 8, "{:?}", a.keys());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
}
