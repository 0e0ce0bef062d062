//! Cross-site scripting and template injection: the usual payloads (OWASP's
//! XSS filter-evasion cheat sheet and mutation-XSS classics) in every text an
//! editor writes — Markdown bodies and Markdown-valued TOML strings, and
//! every plain TOML string of site.toml, services, periods, records and
//! pages — built with the real binary. No output file may contain live
//! markup (see `common::live_markup`), and a template expression in content
//! is shown as written, never evaluated.

mod common;

use common::{TestSite, between, elements, live_markup, text};

/// Raw HTML payloads, each of which runs script, loads from another
/// origin, restyles or redirects the page if it reaches the output as markup.
const HTML_PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"https://evil.example/t.png\" alt=\"t\">",
    "<svg onload=alert(1)><script>alert(2)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a><foreignObject><p>f</p></foreignObject></svg>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<a href=\"javascript:alert(1)\">j1</a>",
    "<a href=\"jAvAsCrIpT:alert(1)\">j2</a>",
    "<a href=\"javascript&#58;alert(1)\">j3</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">j4</a>",
    "<a href=\"java&#x09;script:alert(1)\">j5</a>",
    "<a href=\" javascript:alert(1)\">j6</a>",
    "<a href=\"vbscript:msgbox(1)\">v</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">d</a>",
    "<img src=\"data:image/svg+xml;base64,PHN2Zy8+\" alt=\"d\">",
    "<style>body{display:none}</style>",
    "<p style=\"position:fixed;top:0\">s</p>",
    "<b style=\"background:url(javascript:alert(1))\">bs</b>",
    "<form action=\"https://evil.example/\"><input name=q><button formaction=\"javascript:alert(1)\">b</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
    "<base href=\"https://evil.example/\">",
    "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
    "<object data=\"https://evil.example/x.swf\"></object>",
    "<embed src=\"https://evil.example/x.swf\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<details open ontoggle=alert(1)>d</details>",
    "<body onload=alert(1)>",
    "<div onmouseover=\"alert(1)\">hover</div>",
    "<template><script>alert(1)</script></template>",
    "<!--><script>alert(1)</script>-->",
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<a href=\"https://ok.example/\" target=\"_blank\" onclick=\"alert(1)\">ok</a>",
];

/// Markdown payloads: links and images with unsafe or foreign URLs.
const MARKDOWN_PAYLOADS: &[&str] = &[
    "[m1](javascript:alert(1))",
    "[m2](JaVaScRiPt:alert(1))",
    "[m3](javascript&#58;alert(1))",
    "[m4](<javascript:alert(1)>)",
    "[m5](data:text/html;base64,PHNjcmlwdD4=)",
    "[m6](vbscript:msgbox(1))",
    "![m7](javascript:alert(1))",
    "![m8](https://evil.example/tracker.png)",
    "![m9](//evil.example/tracker.png)",
    "[m10]: javascript:alert(1)\n\n[m10]",
    "<javascript:alert(1)>",
];

/// Template syntax (Tera, Jinja, JavaScript template strings): shown as written.
const TEMPLATE: &str = "Mall {{ 7*7 }} {% raw %}r{% endraw %} {# c #} ${7*7} #{7*7} slut";

/// Breaking out of an attribute or element, for plain (non-Markdown) strings.
const BREAKOUT: &str = "\"><script>alert(1)</script>'><img src=x onerror=alert(1)></title></textarea>";

/// Every payload in one text, one per paragraph.
fn all_payloads() -> String {
    let mut out = String::new();
    for p in HTML_PAYLOADS.iter().chain(MARKDOWN_PAYLOADS) {
        out.push_str(p);
        out.push_str("\n\n");
    }
    out.push_str(TEMPLATE);
    out.push_str("\n\n");
    out.push_str(BREAKOUT);
    out.push('\n');
    out
}

/// `s` as a TOML multi-line literal-free basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A plain (one-line) string field's value: a label, the template, the
/// breakout and the first payloads.
fn plain(label: &str) -> String {
    toml_str(&format!("{label} {TEMPLATE} {BREAKOUT} {}", HTML_PAYLOADS[..4].concat()))
}

/// A site with the payloads in every text field.
fn evil_site() -> TestSite {
    let site = TestSite::minimal();
    let md = toml_str(&all_payloads());
    site.write(
        "site.toml",
        &format!(
            "title = {}\nbase_url = \"https://www.example.se/avvikelser/\"\norganisation = {}\ndescription = {}\n\
             [[areas]]\nid = \"hr\"\nname = {}\ndescription = {md}\n",
            plain("Titel"),
            plain("Organisation"),
            plain("Beskrivning"),
            plain("Område"),
        ),
    );
    site.write(
        "content/services/lon.toml",
        &format!(
            "name = {}\narea = \"hr\"\ntier = \"base\"\nsystem = {}\nsupplier = {}\ndescription = {md}\n",
            plain("Tjänst"),
            plain("System"),
            plain("Leverantör")
        ),
    );
    site.write(
        "content/periods/2023-q1/period.toml",
        &format!(
            "label = {}\nstart = 2023-01-01\nend = 2023-03-31\nsummary = {md}\n\
             [figures]\nincidents = 12\n\
             [[recommendations]]\ntitle = {}\nservice = \"lon\"\ntext = {md}\n",
            plain("Period"),
            plain("Rekommendation"),
        ),
    );
    let actions: Vec<String> = HTML_PAYLOADS
        .iter()
        .chain(MARKDOWN_PAYLOADS)
        .chain([&TEMPLATE, &BREAKOUT])
        .map(|p| toml_str(&format!("Åtgärd {p}")))
        .collect();
    site.write(
        "content/periods/2023-q1/lon-stopp.md",
        &format!(
            "+++\ntitle = {}\nkind = \"personal-data-incident\"\nservice = \"lon\"\ndate = 2023-02-14\nsupplier = {}\n\
             actions = [{}]\naliases = [\"/gammal/sida/\"]\n+++\n{}",
            plain("Rubrik"),
            plain("Leverantör"),
            actions.join(", "),
            all_payloads()
        ),
    );
    site.write(
        "content/pages/om.md",
        &format!("+++\ntitle = {}\ndescription = {}\n+++\n{}", plain("Om"), plain("Sida"), all_payloads()),
    );
    site
}

/// The output files a browser may render as a document.
fn documents(site: &TestSite) -> Vec<String> {
    site.output_files()
        .into_iter()
        .filter(|f| f.ends_with(".html") || f.ends_with(".svg") || f.ends_with(".xml"))
        .collect()
}

#[test]
fn the_detector_sees_what_it_must() {
    for payload in HTML_PAYLOADS {
        if payload.contains("https://ok.example/")
            || payload.starts_with("<img src=\"https://evil")
            || payload.starts_with("<link")
            || payload.starts_with("<!--")
        {
            continue; // harmless as markup (a link, a foreign image for the CSP test), or a comment
        }
        if payload.starts_with("<a href=\"java&#x09;")
            || payload.starts_with("<a href=\"&#106;")
            || payload.contains("&#58;")
        {
            continue; // entities decode only in a browser
        }
        if payload.starts_with("<noscript>") {
            continue; // mutation XSS: only an HTML parser sees the <img> it hides in an attribute
        }
        assert!(!live_markup(payload).is_empty(), "the detector misses {payload}");
    }
    assert!(live_markup("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>").is_empty());
    assert!(live_markup("<meta http-equiv=\"refresh\" content=\"0; url=../../avvikelser/a/index.html\">").is_empty());
}

#[test]
fn no_payload_becomes_live_markup_anywhere() {
    let site = evil_site();
    site.build_ok();
    let files = documents(&site);
    assert!(files.len() > 15, "{files:?}");
    for file in &files {
        let out = site.page(file);
        assert_eq!(common::live_markup_of(file, &out), Vec::<String>::new(), "{file} has live markup");
        for (name, attrs) in elements(&out) {
            let rel = attrs.iter().find(|(a, _)| a == "rel").map(|(_, v)| v.to_ascii_lowercase()).unwrap_or_default();
            let loading_link = name == "link"
                && rel.split_whitespace().any(|r| {
                    matches!(
                        r,
                        "stylesheet" | "icon" | "preload" | "modulepreload" | "prefetch" | "import" | "manifest"
                    )
                });
            for (attr, value) in &attrs {
                let loads = matches!(attr.as_str(), "src" | "srcset" | "data" | "poster" | "background")
                    || (loading_link && attr == "href");
                let v = value.trim().to_ascii_lowercase();
                let foreign = v.contains("evil.example")
                    || v.starts_with("//")
                    || (v.contains("://") && !v.starts_with("https://www.example.se/avvikelser/"));
                assert!(!(loads && foreign), "{file}: <{name} {attr}=\"{value}\"> loads from another site");
            }
        }
        let lower = out.to_ascii_lowercase();
        if file.ends_with(".html") {
            assert!(!lower.contains("<svg"), "{file}: an inline <svg> from the content");
            assert!(!lower.contains("<math"), "{file}: <math> from the content");
        }
        assert!(!lower.contains("<meta http-equiv=\"refresh\" content=\"0;url=https"), "{file}: a redirect");
    }
}

#[test]
fn harmless_markup_survives_and_dangerous_content_is_gone() {
    let site = evil_site();
    site.build_ok();
    let page = site.page("om/index.html");
    let prose = between(&page, "<div class=\"prose\">", "</main>");
    // What a reader sees of the payloads: their harmless text.
    assert!(prose.contains("<a href=\"https://ok.example/\">ok</a>"), "{prose}");
    assert!(prose.contains("<div>hover</div>"), "{prose}");
    assert!(prose.contains("<b>bs</b>"), "{prose}");
    // (An autolink <javascript:alert(1)> keeps its text, with the target `#`.)
    assert!(prose.contains("<a href=\"#\">javascript:alert(1)</a>"), "{prose}");
    for gone in [
        "onerror",
        "onload",
        "ontoggle",
        "onmouseover",
        "<script",
        "evil.example/x",
        "evil.example/\"",
        "display:none",
        "position:fixed",
        "msgbox",
    ] {
        assert!(!prose.contains(gone), "{gone} in:\n{prose}");
    }
    // Markdown links with unsafe targets keep their text and lose their target.
    for label in ["m1", "m2", "m3", "m5", "m6"] {
        assert!(prose.contains(&format!("<a href=\"#\">{label}</a>")), "{label} in:\n{prose}");
    }
    // A Markdown image with an unsafe URL is its alt text; one from another
    // site is not loaded (the sanitised text has no link to evil.example either,
    // as this page's raw HTML went through the sanitiser).
    assert!(prose.contains("<p>m7</p>"), "{prose}");
}

#[test]
fn plain_strings_are_escaped_wherever_they_appear() {
    let site = evil_site();
    site.build_ok();
    let record = site.page("avvikelser/lon-stopp/index.html");
    // The title is text in <title> and <h1>, and an attribute value in
    // og:title: the same escaped string everywhere, so it cannot close the
    // element or the attribute it is in.
    let escaped = "Rubrik Mall {{ 7*7 }} {% raw %}r{% endraw %} {# c #} ${7*7} #{7*7} slut \
                   &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/title&gt;&lt;/textarea&gt; ";
    for context in ["<title>", "<meta property=\"og:title\" content=\"", "<h1>"] {
        assert!(record.contains(&format!("{context}{escaped}")), "{context} in:\n{record}");
    }
    let visible = text(&record);
    assert!(visible.contains("Rubrik Mall {{ 7*7 }} {% raw %}r{% endraw %} {# c #} ${7*7} #{7*7} slut"), "{visible}");
    assert!(visible.contains("\"><script>alert(1)</script>'><img src=x onerror=alert(1)>"), "{visible}");
}

#[test]
fn template_syntax_in_content_is_never_evaluated() {
    let site = evil_site();
    site.build_ok();
    for file in documents(&site) {
        let out = site.page(&file);
        assert!(!out.contains("Mall 49"), "{file} evaluated {{ 7*7 }}");
        assert!(!out.contains("Mall {{ 7*7 }} r "), "{file} evaluated {{% raw %}}");
    }
    for (file, expected) in [
        ("index.html", "Titel Mall {{ 7*7 }}"),
        ("om/index.html", "Mall {{ 7*7 }} {% raw %}r{% endraw %} {# c #} ${7*7} #{7*7} slut"),
        ("tjanster/lon/index.html", "Tjänst Mall {{ 7*7 }}"),
        ("perioder/2023-q1/index.html", "Rekommendation Mall {{ 7*7 }}"),
    ] {
        assert!(text(&site.page(file)).contains(expected), "{file} does not show {expected:?}");
    }
}
