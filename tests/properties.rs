//! Property tests: arbitrary input never makes insyn panic, and bad input
//! gives diagnostics that name the file.
//!
//! Arbitrary bytes as a record, arbitrary values in front matter, arbitrary
//! TOML-like documents as site.toml, a service or a period, arbitrary
//! Markdown into the renderer and arbitrary text into the personal-data
//! scanner. Bounded for CI: each property runs `PROPTEST_CASES` cases
//! (default 64); set it higher for a longer local run.

mod common;

use std::path::Path;

use common::{TestSite, elements, live_markup};
use insyn::render::markdown;
use insyn::validate::privacy;
use insyn::{Options, compile};
use proptest::prelude::*;

const RECORD: &str = "content/periods/2023-q1/lon-stopp.md";

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Compiles the site with `rel` replaced by `bytes`. Never panics (the
/// property); when the site fails, some error names `rel`, every
/// diagnostic names a file, and the diagnostics print.
fn compile_with(site: &TestSite, rel: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    site.write_bytes(rel, bytes);
    let options = Options { root: site.path().to_path_buf(), ..Options::default() };
    let diags = match compile(&options) {
        Ok(done) => done.diagnostics,
        Err(diags) => {
            prop_assert!(diags.error_count() > 0, "a failed build without errors");
            let named = diags.sorted().iter().any(|d| d.file == Path::new(rel));
            prop_assert!(named, "no error names {rel}:\n{}", diags.render_plain());
            diags
        }
    };
    for d in diags.sorted() {
        prop_assert!(!d.file.as_os_str().is_empty(), "a diagnostic without a file: {}", d.message);
    }
    let printed = diags.render_plain();
    prop_assert!(diags.is_empty() || !printed.is_empty());
    Ok(())
}

/// Text that looks like Markdown: its syntax characters, HTML, entities,
/// URLs and line breaks, mixed with any character.
fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-z0-9 ]{0,8}",
        2 => prop::sample::select(vec![
            "\n", "\n\n", "# ", "## ", "> ", "- ", "* ", "1. ", "  ", "    ", "```", "`", "**", "_", "~~", "|", "|:-|-:|",
            "---", "===", "[", "]", "(", ")", "![", "](", "[^1]", "[^1]: ", "<", ">", "</", "/>", "&", "&#58;", "&#x6A;",
            "&amp;", "\"", "'", "=", "\\", "javascript:", "data:", "https://x.example/", "//evil.example/", "mailto:",
            "<b>", "</b>", "<script>", "</script>", "<img src=x onerror=alert(1)>", "<a href=\"", "<div>", "</div>",
            "<style>", "<svg onload=x>", "<iframe>", "<!--", "-->", " style=\"color:red\"", " onclick=\"x\"", "\t", "\r\n",
            "<table>", "<td>", "<p>", "<li>", "<ol start=\"x\">", "<noscript>", "<math>", "{{ 7*7 }}", "{%", "%}",
        ]).prop_map(str::to_string),
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// Checks rendered Markdown against the sanitiser's allowlist.
fn allowed(html: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(live_markup(html), Vec::<String>::new(), "live markup in {}", html);
    for (name, attrs) in elements(html) {
        prop_assert!(markdown::ALLOWED_TAGS.contains(&name.as_str()), "<{}> in {}", name, html);
        for (attr, value) in attrs {
            let ok = attr == "lang"
                || match (name.as_str(), attr.as_str()) {
                    ("a", "href") => markdown::is_safe_url(&value.replace("&amp;", "&")),
                    ("img", "src") => markdown::is_local_url(&value.replace("&amp;", "&")),
                    ("div", "id") => value.starts_with("fn-"),
                    // Headings' ids: never one of the theme's.
                    ("h2" | "h3" | "h4" | "h5" | "h6", "id") => !insyn::layout::anchors::is_reserved(&value),
                    ("th" | "td", "class") => value.is_empty() || value.starts_with("align-"),
                    ("div" | "sup", "class") => value.is_empty() || value.starts_with("footnote-"),
                    ("a" | "img" | "abbr", "title") | ("img", "alt") | ("ol", "start") => true,
                    _ => false,
                };
            prop_assert!(ok, "<{} {}=\"{}\"> in {}", name, attr, value, html);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_as_a_record(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let site = TestSite::minimal();
        compile_with(&site, RECORD, &bytes)?;
    }

    #[test]
    fn arbitrary_bytes_after_valid_front_matter(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let site = TestSite::minimal();
        let mut file = b"+++\ntitle = \"T\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\n+++\n".to_vec();
        file.extend_from_slice(&bytes);
        compile_with(&site, RECORD, &file)?;
    }

    #[test]
    fn arbitrary_values_in_front_matter(
        values in prop::collection::vec((
            prop::sample::select(vec![
                "title", "kind", "service", "date", "resolved", "status", "severity", "supplier", "actions",
                "related", "aliases", "draft", "reported_to_authority", "servce", "x",
            ]),
            prop_oneof![
                any::<String>().prop_map(|s| format!("{s:?}")),
                markdownish().prop_map(|s| format!("{s:?}")),
                "[^\n]{0,40}",
                "[0-9:T+-]{0,30}",
                prop::collection::vec(any::<String>(), 0..4).prop_map(|v| format!("{v:?}")),
                Just("2023-02-30".to_string()),
                Just("[\"/../x/\", \"https://evil.example/\", \"/ok/\"]".to_string()),
            ],
        ), 0..10),
        body in markdownish(),
    ) {
        let site = TestSite::minimal();
        let mut file = String::from("+++\n");
        for (key, value) in values {
            file.push_str(&format!("{key} = {value}\n"));
        }
        file.push_str("+++\n");
        file.push_str(&body);
        compile_with(&site, RECORD, file.as_bytes())?;
    }

    #[test]
    fn arbitrary_toml_documents(
        target in prop::sample::select(vec!["site.toml", "content/services/lon.toml", "content/periods/2023-q1/period.toml"]),
        lines in prop::collection::vec(prop_oneof![
            (prop::sample::select(vec![
                "title", "base_url", "language", "theme", "current_period", "name", "area", "tier", "system",
                "supplier", "description", "retired", "label", "start", "end", "compare_with", "summary", "unknown",
            ]), prop_oneof![
                any::<String>().prop_map(|s| format!("{s:?}")),
                Just("2023-01-01".to_string()),
                Just("1979-05-27T07:32:00Z".to_string()),
                Just("\"https://www.example.se/x/\"".to_string()),
                "-?[0-9]{1,25}",
                Just("[[[[[[[[[[1]]]]]]]]]]".to_string()),
                Just("{ a = { b = { c = 1 } } }".to_string()),
                "[^\n]{0,30}",
            ]).prop_map(|(k, v)| format!("{k} = {v}")),
            prop::sample::select(vec![
                "[[areas]]", "id = \"hr\"", "[figures]", "incidents = 3", "incidents = -1", "[[recommendations]]",
                "[privacy]", "allow = [\"a@example.se\"]", "[open_data]", "licence = \"CC0-1.0\"", "[", "]]", "= 1",
                "\"\"\"", "'''", "a.b.c = 1", "[x.y]", "#", "\u{feff}",
            ]).prop_map(str::to_string),
            "[^\n]{0,40}",
        ], 0..16),
    ) {
        let site = TestSite::minimal();
        compile_with(&site, target, lines.join("\n").as_bytes())?;
    }

    #[test]
    fn plain_text_is_the_start_of_the_whole_text(text in markdownish(), chars in 0usize..80) {
        let whole = markdown::to_plain_text(&text);
        let start = markdown::plain_text(&text, chars);
        prop_assert!(whole.starts_with(&start), "{:?} is not the start of {:?}", start, whole);
        if whole.chars().count() <= chars {
            prop_assert_eq!(&start, &whole);
        } else {
            prop_assert!(start.chars().count() > chars, "{:?} is cut too short ({} wanted)", start, chars);
        }
        // Rendering the HTML and the text in one pass gives the same as both apart.
        let (html, text_start) = markdown::to_html_and_text(&text, 2, chars, &markdown::Context::plain());
        prop_assert_eq!(html, markdown::to_html(&text, 2, &markdown::Context::plain()));
        prop_assert!(whole.starts_with(&text_start) && text_start.chars().count() >= start.chars().count().min(chars));
    }

    #[test]
    fn arbitrary_markdown_renders_to_allowed_html(text in markdownish(), parent in 1usize..6) {
        allowed(&markdown::to_html(&text, parent, &markdown::Context::plain()))?;
        allowed(&markdown::inline_to_html(&text, &markdown::Context::plain()))?;
        let _ = markdown::to_plain_text(&text);
    }

    #[test]
    fn arbitrary_unicode_markdown_renders_to_allowed_html(text in any::<String>()) {
        allowed(&markdown::to_html(&text, 1, &markdown::Context::plain()))?;
    }

    #[test]
    fn arbitrary_html_sanitises_to_allowed_html(text in markdownish()) {
        allowed(&markdown::sanitise(&text))?;
    }

    #[test]
    fn arbitrary_text_into_the_personal_data_scanner(
        text in prop_oneof![any::<String>(), "[0-9 +()@._a-z\u{a0}:/-]{0,80}"],
    ) {
        let allow = vec!["070-123 45 67".to_string()];
        let mut last_end = 0;
        for finding in privacy::scan(&text, &allow) {
            prop_assert!(finding.range.start >= last_end && finding.range.start < finding.range.end);
            let value = text.get(finding.range.clone());
            prop_assert!(value.is_some(), "a range off a character boundary");
            let value = value.unwrap_or_default();
            prop_assert!(!allow.iter().any(|a| a == value));
            let masked = privacy::mask(value);
            prop_assert!(value.chars().count() < 4 || !masked.contains(value));
            last_end = finding.range.end;
        }
    }
}
