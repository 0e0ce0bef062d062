//! What a reader sees of a text: only allowed elements, safe links and
//! images, headings in order.

use super::sanitiser::{ALLOWED_ATTRIBUTES, ALLOWED_CLASSES};
use super::*;

fn to_html_test(markdown: &str) -> String {
    to_html(markdown, 1, &Context::plain())
}

/// Every start tag of `html` with its attribute names, lowercase.
fn tags(html: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for piece in html.split('<').skip(1) {
        let tag = piece.split('>').next().unwrap_or("");
        if tag.starts_with('/') || tag.starts_with('!') {
            continue;
        }
        let mut words = tag.split_whitespace();
        let name = words.next().unwrap_or("").trim_end_matches('/').to_ascii_lowercase();
        let attrs =
            words.filter(|w| *w != "/").filter_map(|w| w.split('=').next()).map(str::to_ascii_lowercase).collect();
        out.push((name, attrs));
    }
    out
}

/// Asserts that `html` uses only allowed elements and attributes.
fn assert_allowed(html: &str) {
    for (name, attrs) in tags(html) {
        assert!(ALLOWED_TAGS.contains(&name.as_str()), "<{name}> in {html}");
        for attr in attrs {
            let allowed = attr == "lang"
                || ALLOWED_ATTRIBUTES.iter().any(|(t, a)| *t == name && a.contains(&attr.as_str()))
                || (attr == "class" && ALLOWED_CLASSES.iter().any(|(t, _)| *t == name));
            assert!(allowed, "<{name} {attr}> in {html}");
        }
    }
}

#[test]
fn dangerous_raw_html_is_removed() {
    let html = to_html_test(
        "Hej <script>alert(1)</script> <b onclick=x>då</b>\n\n<iframe src=x>inne</iframe>\n\n<style>p{}</style>\n",
    );
    assert!(!html.contains("<script") && !html.contains("alert"), "{html}");
    assert!(!html.contains("<iframe") && !html.contains("inne"), "{html}");
    assert!(!html.contains("<style") && !html.contains("p{}"), "{html}");
    assert!(!html.contains("onclick"), "{html}");
    assert!(html.contains("<b>då</b>"), "harmless markup is kept: {html}");
    assert_allowed(&html);
}

#[test]
fn harmless_raw_html_is_markup() {
    assert_eq!(inline_to_html("<b>fet</b> och <i>kursiv</i>", &Context::plain()), "<b>fet</b> och <i>kursiv</i>");
    assert_eq!(to_html_test("rad<br>två"), "<p>rad<br>två</p>\n");
    assert_eq!(
        to_html_test("<abbr title=\"Incidenthantering\">IH</abbr>"),
        "<p><abbr title=\"Incidenthantering\">IH</abbr></p>\n"
    );
    // Unknown elements go, their text stays.
    assert_eq!(to_html_test("<span class=\"x\" style=\"color:red\">text</span> <font>f</font>"), "<p>text f</p>\n");
    // h1 belongs to the page title.
    assert!(!to_html_test("<h1>Rubrik</h1>").contains("<h1"));
}

#[test]
fn event_handlers_styles_and_unknown_attributes_are_removed() {
    let html = to_html_test(
        "<p onmouseover=\"x()\" style=\"color:red\" class=\"evil\" id=\"main\" data-x=\"1\">a</p>\n\n<td style=\"text-align:right\">",
    );
    for bad in ["onmouseover", "style", "class", "id=", "data-x"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
}

#[test]
fn unsafe_markdown_links_are_neutralised() {
    let html = to_html_test(
        "[x](javascript:alert(1)) [y](JaVa&#9;Script:alert(1)) [z](https://ok.example/) [w](data:text/html,hi) \
         [v](vbscript:msgbox) [e](javascript&#58;alert(1)) [r](../tjanster/index.html) [m](mailto:a@example.se)",
    );
    assert!(!html.to_lowercase().contains("script:"), "{html}");
    assert!(!html.contains("data:"), "{html}");
    assert!(html.contains("href=\"https://ok.example/\""), "{html}");
    assert!(html.contains("href=\"../tjanster/index.html\""), "{html}");
    assert!(html.contains("href=\"mailto:a@example.se\""), "{html}");
    assert_eq!(html.matches("href=\"#\"").count(), 5, "{html}");
}

#[test]
fn unsafe_raw_links_lose_their_target() {
    for target in [
        "javascript:alert(1)",
        "jAvAsCrIpT:alert(1)",
        "javascript&#58;alert(1)",
        "&#106;avascript:alert(1)",
        "java&#x09;script:alert(1)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
    ] {
        let html = to_html_test(&format!("<a href=\"{target}\">a</a>"));
        assert_eq!(html, "<p><a>a</a></p>\n", "{target}");
    }
    let html = to_html_test("<a href=\"https://ok.example/\" title=\"t\" target=\"_blank\">a</a>");
    assert_eq!(html, "<p><a href=\"https://ok.example/\" title=\"t\">a</a></p>\n");
}

#[test]
fn both_url_checks_agree() {
    for url in ["javascript:x", "JAVASCRIPT:x", "java\nscript:x", "data:x", "vbscript:x", "file:///etc/passwd"] {
        assert!(!is_safe_url(url), "{url}");
        assert!(!is_local_url(url), "{url}");
        let html = to_html_test(&format!("[a]({}) <a href=\"{}\">b</a>", url.replace('\n', ""), url));
        assert!(!html.contains(&format!("href=\"{url}")), "{url}: {html}");
    }
    for url in ["https://x.example/", "http://x.example/", "mailto:a@b.se", "../a/", "#fn-1", "a/b:c", "?q=a:b"] {
        assert!(is_safe_url(url), "{url}");
    }
    for url in ["bild.png", "../static/bild.png", "/static/bild.png"] {
        assert!(is_local_url(url), "{url}");
    }
    for url in ["https://x.example/a.png", "//x.example/a.png", "/\\x.example/a.png", "\\\\x", ""] {
        assert!(!is_local_url(url), "{url}");
    }
}

#[test]
fn images_load_only_from_this_site() {
    assert_eq!(
        to_html_test("![Graf](../static/graf.png \"T\")"),
        "<p><img src=\"../static/graf.png\" alt=\"Graf\" title=\"T\" /></p>\n"
    );
    assert_eq!(
        to_html_test("![Graf](https://other.example/graf.png)"),
        "<p><a href=\"https://other.example/graf.png\">Graf</a></p>\n"
    );
    assert_eq!(to_html_test("![Graf](javascript:alert(1))"), "<p>Graf</p>\n");
    assert_eq!(
        to_html_test("[![Graf](https://other.example/g.png)](https://x.example/)"),
        "<p><a href=\"https://x.example/\">Graf</a></p>\n"
    );
    // Raw images: an image from elsewhere goes; an image without alt gets an empty one.
    assert_eq!(to_html_test("a <img src=\"https://other.example/x.png\" alt=\"x\"> b"), "<p>a  b</p>\n");
    assert_eq!(to_html_test("a <img src=x onerror=alert(1)> b"), "<p>a <img src=\"x\" alt=\"\"> b</p>\n");
    assert_eq!(to_html_test("<img src=\"data:image/png;base64,AAAA\" alt=\"d\">"), "");
    assert_eq!(to_html_test("<img src=\"//evil.example/x\" alt=\"d\"> <img alt=\"e\">"), "<p> </p>\n");
}

#[test]
fn table_alignment_is_a_class_not_a_style() {
    let html = to_html_test("| A | B | C | D |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n");
    assert!(!html.contains("style"), "{html}");
    assert!(
        html.contains(
            "<th class=\"align-left\">A</th><th class=\"align-center\">B</th><th class=\"align-right\">C</th><th>D</th>"
        ),
        "{html}"
    );
    assert!(
        html.contains(
            "<td class=\"align-left\">1</td><td class=\"align-center\">2</td><td class=\"align-right\">3</td><td>4</td>"
        ),
        "{html}"
    );
    assert_allowed(&html);
    // The same with raw HTML elsewhere in the text, through the sanitiser.
    let sanitised = to_html_test("<b>x</b>\n\n| A | B |\n|--:|---|\n| 1 | 2 |\n");
    assert!(sanitised.contains("<th class=\"align-right\">A</th><th>B</th>"), "{sanitised}");
    assert!(sanitised.contains("<td class=\"align-right\">1</td><td>2</td>"), "{sanitised}");
}

#[test]
fn code_blocks_and_footnotes_carry_no_foreign_classes_or_ids() {
    let html = to_html_test("```rust\nlet x = 1;\n```\n\nText[^a b].\n\n[^a b]: Not \"quoted\".\n");
    assert!(html.contains("<pre><code>let x = 1;"), "{html}");
    assert!(html.contains("<a href=\"#fn-a_20b\">1</a>"), "{html}");
    assert!(html.contains("id=\"fn-a_20b\""), "{html}");
    assert_allowed(&html);
    // Through the sanitiser the footnotes survive; other ids do not.
    let sanitised = to_html_test("<b>x</b> Text[^n].\n\n[^n]: Note.\n\n<div id=\"main\">m</div>");
    assert!(sanitised.contains("<sup class=\"footnote-reference\"><a href=\"#fn-n\">1</a></sup>"), "{sanitised}");
    assert!(sanitised.contains("<div class=\"footnote-definition\" id=\"fn-n\">"), "{sanitised}");
    assert!(sanitised.contains("<div>m</div>"), "{sanitised}");
}

#[test]
fn output_without_raw_html_is_what_the_sanitiser_allows() {
    let markdown = "# Rubrik\n\nText med *betoning*, **fet**, ~~struken~~, `kod` och [länk](https://x.example/ \"titel\").\n\n\
                    > Citat\n\n1. ett\n2. två\n\n3. tre\n\n- a\n  - b\n\n---\n\n| A | B |\n|:-|-:|\n| 1 | 2 |\n\n\
                    ![bild](bild.png) Fotnot[^1].\n\n[^1]: Not.\n\n    indrag\n\nHård  \nbrytning <https://x.example/>\n";
    let html = to_html_test(markdown);
    assert_allowed(&html);
    let tags_of = |h: &str| {
        tags(h)
            .into_iter()
            .map(|(n, mut a)| {
                (n, {
                    a.sort();
                    a
                })
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(tags_of(&html), tags_of(&sanitise(&html)), "the sanitiser would change {html}");
}

#[test]
fn headings_fit_under_their_parent_without_gaps() {
    assert_eq!(to_html("# A", 1, &Context::plain()).trim(), "<h2 id=\"a\">A</h2>");
    assert_eq!(to_html("## A", 1, &Context::plain()).trim(), "<h2 id=\"a\">A</h2>");
    assert_eq!(
        to_html("## A\n\n#### B\n\n## C", 2, &Context::plain()),
        "<h3 id=\"a\">A</h3>\n<h4 id=\"b\">B</h4>\n<h3 id=\"c\">C</h3>\n"
    );
    assert_eq!(to_html("Text\n---\n", 1, &Context::plain()).trim(), "<h2 id=\"text\">Text</h2>");
}

#[test]
fn headings_get_slug_ids_unique_on_the_page() {
    let cx = Context::plain();
    let first = to_html("## Bakgrund\n\n## Summary\n\n<b>rå</b>", 1, &cx);
    let second = to_html("## Bakgrund", 1, &cx);
    assert!(first.contains("<h2 id=\"bakgrund\">") && first.contains("<h2 id=\"summary-1\">"), "{first}");
    assert_eq!(second.trim(), "<h2 id=\"bakgrund-1\">Bakgrund</h2>");
}

#[test]
fn at_links_lead_to_their_page_from_this_one() {
    let targets = |path: &str| (path == "services/lon.toml").then(|| "tjanster/lon/index.html".to_string());
    let cx = Context::new(&targets, "../../");
    assert_eq!(
        inline_to_html("[Lön](@/services/lon.toml#records) [x](@/services/saknas.toml)", &cx),
        "<a href=\"../../tjanster/lon/index.html#records\">Lön</a> <a href=\"#\">x</a>"
    );
}

#[test]
fn inline_has_no_paragraph() {
    assert_eq!(inline_to_html("Utökat *minne*", &Context::plain()), "Utökat <em>minne</em>");
    assert_eq!(inline_to_html("Utökat <script>x</script>minne", &Context::plain()), "Utökat minne");
}

#[test]
fn deep_nesting_is_capped_and_uses_bounded_stack() {
    let deep = format!(
        "{}x\n\n{}y\n\n<b>raw</b>\n\n{}z\n\n{}w{}",
        "> ".repeat(10_000),
        "- ".repeat(10_000),
        "* ".repeat(10_000),
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let html = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || to_html(&deep, 1, &Context::plain()))
        .expect("thread")
        .join()
        .expect("no stack overflow");
    assert!(html.contains('x') && html.contains('y') && html.contains('z') && html.contains('w'));
    assert!(html.matches("<blockquote>").count() <= MAX_NESTING, "{html}");
    // The raw HTML nests too deep: all of it is shown as text.
    assert!(html.contains("&lt;b&gt;raw&lt;/b&gt;") && !html.contains("<div>"), "{html}");
}
