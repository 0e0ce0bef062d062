//! What the default theme promises readers with assistive technology, as far
//! as it shows in the HTML: words of another language carry `lang` (WCAG
//! 3.1.2), every page has one `h1` and no skipped heading level, one `main`,
//! a skip link to it, and every table a caption. (Contrast, focus, reflow and
//! text size are checked in a real browser: tests/browser/.)

mod common;

use common::TestSite;
use std::path::Path;

fn example() -> TestSite {
    TestSite::example()
}

/// Byte offsets of `needle` in `html` (ASCII, any case) that are page text:
/// not inside a tag (attribute values) and not in `<title>`.
fn text_occurrences(html: &str, needle: &str) -> Vec<usize> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find(needle) {
        let at = from + i;
        from = at + needle.len();
        let before = &lower[..at];
        let in_tag = before.rfind('<').is_some_and(|lt| before.rfind('>').is_none_or(|gt| gt < lt));
        let in_title = before.rfind("<title>").is_some_and(|t| before.rfind("</title>").is_none_or(|e| e < t));
        if !in_tag && !in_title {
            out.push(at);
        }
    }
    out
}

/// Pages that are not redirects.
fn pages(site: &TestSite) -> Vec<(String, String)> {
    site.html_files()
        .into_iter()
        .map(|rel| {
            let html = site.page(&rel);
            (rel, html)
        })
        .filter(|(_, html)| !html.contains("http-equiv=\"refresh\""))
        .collect()
}

#[test]
fn english_term_carries_lang_on_every_page_of_the_example_site() {
    let site = example();
    site.build_ok();
    let mut seen = 0;
    for (rel, html) in pages(&site) {
        assert!(html.contains("<html lang=\"sv\">"), "{rel}: page language");
        for at in text_occurrences(&html, "major incident") {
            seen += 1;
            assert!(
                html[..at].ends_with("<span lang=\"en\">"),
                "{rel}: \"major incident\" without lang=\"en\": …{}…",
                &html[at.saturating_sub(80)..(at + 40).min(html.len())]
            );
        }
    }
    // Kind labels, figure labels, chart texts, the site description and the
    // editors' Markdown all use the term.
    assert!(seen > 100, "only {seen} occurrences: is the example site still using the term?");
}

#[test]
fn a_theme_lists_words_of_another_language_for_its_strings_and_the_sites_texts() {
    let site = TestSite::fixture("english-site");
    let en = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/en.toml"))
        .expect("en.toml");
    let en = en.replace("[other_languages]", "[other_languages]\nsv = [\"Integritetsskyddsmyndigheten\"]");
    site.write("themes/default/i18n/en.toml", &en);
    site.write(
        "content/pages/imy.md",
        "+++\ntitle = \"Reporting\"\n+++\nWe report to the *Integritetsskyddsmyndigheten* (IMY).\n",
    );
    site.build_ok();
    let html = site.page("imy/index.html");
    assert!(
        html.contains("We report to the <em><span lang=\"sv\">Integritetsskyddsmyndigheten</span></em> (IMY)."),
        "{html}"
    );
    assert!(html.contains("<html lang=\"en\">"));
}

#[test]
fn a_language_tag_that_is_not_one_is_an_error_in_the_theme() {
    let site = TestSite::fixture("english-site");
    let en = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/en.toml"))
        .expect("en.toml");
    site.write(
        "themes/default/i18n/en.toml",
        &en.replace("[other_languages]", "[other_languages]\n\"sv\\\" onmouseover=\\\"x\" = [\"ord\"]"),
    );
    let run = site.run(&["build"]);
    assert_ne!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("is not a language tag"), "{}", run.stderr);
}

#[test]
fn every_page_has_one_h1_no_skipped_level_one_main_a_skip_link_and_captioned_tables() {
    for site in [example(), TestSite::fixture("english-site")] {
        site.build_ok();
        for (rel, html) in pages(&site) {
            let levels: Vec<u8> = html
                .match_indices("<h")
                .filter_map(|(i, _)| {
                    let b = html.as_bytes();
                    let d = *b.get(i + 2)?;
                    let next = *b.get(i + 3)?;
                    ((b'1'..=b'6').contains(&d) && (next == b'>' || next == b' ')).then_some(d - b'0')
                })
                .collect();
            assert_eq!(levels.iter().filter(|&&l| l == 1).count(), 1, "{rel}: one h1, levels {levels:?}");
            assert_eq!(levels.first(), Some(&1), "{rel}: the h1 comes first, levels {levels:?}");
            for pair in levels.windows(2) {
                assert!(pair[1] <= pair[0] + 1, "{rel}: heading level skipped, levels {levels:?}");
            }
            assert_eq!(html.matches("<main").count(), 1, "{rel}: one main");
            assert!(html.contains("<main id=\"main\""), "{rel}: main is the skip link's target");
            let skip = html.find("<a class=\"skip-link\" href=\"#main\">").expect("skip link");
            assert!(html.find("<a ").is_some_and(|first| first == skip), "{rel}: the skip link is the first link");
            assert_eq!(html.matches("<table").count(), html.matches("<caption>").count(), "{rel}: a caption per table");
            for (i, _) in html.match_indices("<table") {
                let after = &html[i..];
                let open = after.find('>').map_or(after, |e| &after[e + 1..]);
                assert!(open.trim_start().starts_with("<caption>"), "{rel}: caption first in its table");
            }
        }
    }
}
