//! Links between pages: `@/` links to content files, the stable anchors of
//! every page kind, and the check of the built site's own links.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{TestSite, diagnostic_blocks, links};

/// The ids of an HTML document, in order.
fn ids(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        let end = rest.find('"').expect("closing quote");
        out.push(rest[..end].to_string());
        rest = &rest[end..];
    }
    out
}

/// The minimal site with a free page `om` whose body is `body`.
fn with_page(body: &str) -> TestSite {
    let site = TestSite::minimal();
    site.write("content/pages/om.md", &format!("+++\ntitle = \"Om\"\n+++\n{body}"));
    site
}

#[test]
fn a_broken_at_link_fails_with_its_place_and_the_nearest_path() {
    let site = with_page(
        "Första stycket.\n\nSe [tjänsten](@/services/lonn.toml) och [perioden](@/periods/2023-q1/period.toml#recomendations).\n",
    );
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, Some(1), "{command} must fail:\n{}", run.stderr);
        let blocks = diagnostic_blocks(&run.stderr);
        let file = blocks
            .iter()
            .find(|b| b.contains("`@/services/lonn.toml` names"))
            .expect("the broken file link is reported");
        assert!(file.contains("content/pages/om.md:6:15"), "{file}");
        assert!(file.contains("did you mean `@/services/lon.toml`?"), "{file}");
        let anchor = blocks
            .iter()
            .find(|b| b.contains("has no anchor `#recomendations`"))
            .expect("the broken anchor is reported");
        assert!(anchor.contains("content/pages/om.md:6:"), "{anchor}");
        assert!(anchor.contains("did you mean `@/periods/2023-q1/period.toml#recommendations`?"), "{anchor}");
    }
    assert!(!site.has_output("index.html"), "nothing is written");
}

#[test]
fn an_at_link_in_a_toml_field_is_reported_at_its_line() {
    let site = TestSite::minimal();
    site.write(
        "content/periods/2023-q1/period.toml",
        "label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\nsummary = \"\"\"\nRad ett.\n\nSe [sidan](@/pages/saknas.md).\n\"\"\"\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("content/periods/2023-q1/period.toml:7:12"), "{}", run.stderr);
    assert!(run.stderr.contains("the link `@/pages/saknas.md` names no content file"), "{}", run.stderr);
}

#[test]
fn broken_ordinary_links_are_two_warnings_and_errors_under_strict() {
    let site = with_page(
        "Se [ingenstans](../ingenstans/) och [toppen](#finns-inte).\n\n## Rubrik\n\n[Rubriken](#rubrik) finns.\n",
    );
    let run = site.build_ok();
    let warnings: Vec<String> =
        diagnostic_blocks(&run.stderr).into_iter().filter(|b| b.starts_with("warning")).collect();
    assert_eq!(warnings.len(), 2, "{}", run.stderr);
    assert!(warnings[0].contains("`../ingenstans/`") && warnings[0].contains("content/pages/om.md:4:"), "{warnings:?}");
    assert!(warnings[1].contains("`#finns-inte`") && warnings[1].contains("content/pages/om.md:4:"), "{warnings:?}");
    assert!(run.stderr.contains("2 warnings"), "{}", run.stderr);

    let before = common::snapshot(&site.output());
    let strict = site.run(&["build", "--strict"]);
    assert_eq!(strict.code, Some(1), "{}", strict.stderr);
    assert!(strict.stderr.contains("2 errors"), "{}", strict.stderr);
    assert_eq!(common::snapshot(&site.output()), before, "the previous output stays untouched");
}

#[test]
fn at_links_lead_to_relative_urls_from_every_depth() {
    let site = with_page("Se [avvikelsen](@/periods/2023-q1/lon-stopp.md#timeline).\n");
    site.write(
        "content/periods/2023-q1/lon-stopp.md",
        "+++\ntitle = \"Lönekörningen stoppade\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\nresolved = 2023-02-15\n+++\nSe [om rapporten](@/pages/om.md) och [tjänsten](@/services/lon.toml#records).\n",
    );
    site.write(
        "content/periods/2023-q1/period.toml",
        "label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\nsummary = \"Se [perioden](@/periods/2023-q1/period.toml#recommendations) och [sidan](@/pages/om.md).\"\n\n[[recommendations]]\nid = \"minne\"\ntitle = \"Minne\"\ntext = \"Som [tjänsten](@/services/lon.toml) visar.\"\n",
    );
    site.build_ok();
    let page = links(&site.page("om/index.html"));
    assert!(page.contains(&"../avvikelser/lon-stopp/index.html#timeline".to_string()), "{page:?}");
    let record = links(&site.page("avvikelser/lon-stopp/index.html"));
    assert!(record.contains(&"../../om/index.html".to_string()), "{record:?}");
    assert!(record.contains(&"../../tjanster/lon/index.html#records".to_string()), "{record:?}");
    let period = links(&site.page("perioder/2023-q1/index.html"));
    assert!(period.contains(&"../../perioder/2023-q1/index.html#recommendations".to_string()), "{period:?}");
    assert!(period.contains(&"../../tjanster/lon/index.html".to_string()), "{period:?}");
    // The same recommendation on the follow-up page, one level up.
    let follow_up = links(&site.page("uppfoljning/index.html"));
    assert!(follow_up.contains(&"../tjanster/lon/index.html".to_string()), "{follow_up:?}");
}

#[test]
fn markdown_headings_get_slug_ids_that_never_take_the_themes() {
    let site = with_page(
        "## Bakgrund\n\ntext\n\n## Bakgrund\n\n## Summary\n\n## Åtgärder och lärdomar\n\n## Area HR\n\n[Länk](#bakgrund-1)\n",
    );
    site.write(
        "content/periods/2023-q1/period.toml",
        "label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\nsummary = \"\"\"\n## Summary\n\n## Records\n\"\"\"\n\n[[recommendations]]\ntitle = \"Minne\"\ntext = \"## Records\"\n",
    );
    let run = site.build_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let page = ids(&site.page("om/index.html"));
    for id in ["bakgrund", "bakgrund-1", "summary-1", "atgarder-och-lardomar", "h-area-hr"] {
        assert!(page.contains(&id.to_string()), "{id} in {page:?}");
    }
    let period = ids(&site.page("perioder/2023-q1/index.html"));
    for id in ["summary", "summary-1", "records", "records-1", "records-2"] {
        assert!(period.contains(&id.to_string()), "{id} in {period:?}");
    }
    for file in site.html_files() {
        let all = ids(&site.page(&file));
        let unique: BTreeSet<&String> = all.iter().collect();
        assert_eq!(unique.len(), all.len(), "an id twice on {file}: {all:?}");
    }
}

/// Every internal link of every page of `site`'s output, walked on disk
/// apart from insyn's own check: each names a file that exists, and each
/// fragment an id of that page.
fn assert_no_broken_links(site: &TestSite) {
    let files: BTreeSet<String> = site.output_files().into_iter().collect();
    let mut page_ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in site.html_files() {
        page_ids.insert(file.clone(), ids(&site.page(&file)).into_iter().collect());
    }
    let mut broken = Vec::new();
    for file in site.html_files() {
        for href in links(&site.page(&file)) {
            if href.starts_with('/') || href.contains(':') {
                continue;
            }
            let target = common::resolve(&file, &href).unwrap_or_else(|| file.clone());
            let target = if href.starts_with('#') { file.clone() } else { target };
            if !files.contains(&target) {
                broken.push(format!("{file}: {href}"));
                continue;
            }
            if let Some((_, fragment)) = href.split_once('#')
                && target.ends_with(".html")
                && !page_ids.get(&target).is_some_and(|ids| ids.contains(fragment))
            {
                broken.push(format!("{file}: {href} (no id)"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn the_example_site_has_no_broken_links() {
    let site = TestSite::example();
    let run = site.run(&["build", "--strict"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_no_broken_links(&site);
}

#[test]
fn the_english_fixture_has_no_broken_links() {
    let site = TestSite::fixture("english-site");
    let run = site.build_ok();
    // Its one warning is a figure that disagrees, on purpose.
    assert!(!run.stderr.contains("points at nothing"), "{}", run.stderr);
    assert!(!run.stderr.contains("the theme links to"), "{}", run.stderr);
    assert_no_broken_links(&site);
}

#[test]
fn the_readme_lists_the_anchors_every_page_kind_has() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let table = readme.split("<!-- anchors:start -->").nth(1).and_then(|t| t.split("<!-- anchors:end -->").next());
    let table = table.expect("the anchors table in the README");
    let site = TestSite::example();
    site.build_ok();
    let files = site.html_files();
    let kind_files = |kind: &str| -> Vec<&String> {
        let matching = |f: &&String| match kind {
            "overview" => *f == "index.html",
            "period" => f.starts_with("perioder/") && f.matches('/').count() == 2,
            "record" => f.starts_with("avvikelser/") && f.matches('/').count() == 2 && !f.contains("/sida-"),
            "service" => f.starts_with("tjanster/") && f.matches('/').count() == 2,
            "area" => f.starts_with("omraden/") && f.matches('/').count() == 2,
            "services" => *f == "tjanster/index.html",
            "follow-up" => *f == "uppfoljning/index.html",
            "data" => *f == "data/index.html",
            _ => false,
        };
        files.iter().filter(matching).collect()
    };
    let templates = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates"))
        .expect("templates")
        .filter_map(Result::ok)
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect::<String>();
    let mut checked = 0;
    for row in table.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| page")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (kind, anchors) = (cells[1], cells[2]);
        let pages = kind_files(kind);
        if kind == "page" {
            continue;
        }
        assert!(!pages.is_empty(), "no built page of kind {kind}");
        let on_pages: BTreeSet<String> = pages.iter().flat_map(|f| ids(&site.page(f))).collect();
        for anchor in anchors.split(", ").map(|a| a.trim_matches('`').trim_start_matches('#')) {
            let prefix = anchor.split('<').next().unwrap_or(anchor);
            // A section another change adds: listed before it lands.
            if !templates.contains(&format!("\"{prefix}")) && anchor == "tiers" {
                continue;
            }
            // Sections the example has nothing for.
            if matches!(anchor, "retired") {
                assert!(templates.contains("id=\"retired\""), "the theme has no #retired");
                continue;
            }
            let found = if anchor.contains('<') {
                on_pages.iter().any(|id| id.starts_with(prefix) && !id.ends_with("-heading"))
            } else {
                on_pages.contains(anchor)
            };
            assert!(found, "#{anchor} is on no {kind} page of the example");
            checked += 1;
        }
        // And every section id the pages have is listed.
        for f in &pages {
            let html = site.page(f);
            for section in html.split("<section id=\"").skip(1) {
                let id = &section[..section.find('"').expect("quote")];
                let listed = anchors.split(", ").map(|a| a.trim_matches('`').trim_start_matches('#')).any(|a| match a
                    .find('<')
                {
                    Some(i) => id.starts_with(&a[..i]),
                    None => a == id,
                });
                assert!(listed, "#{id} on {f} is not in the README's anchors of a {kind} page");
            }
        }
    }
    assert!(checked > 30, "the table was read ({checked} anchors)");
}
