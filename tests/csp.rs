//! The Content-Security-Policy the README recommends (section "Web server
//! headers"), checked statically against every file a browser renders: every
//! HTML page, every SVG chart and every stylesheet of the example site (the
//! repository root), of the English fixture, and of a site whose content is
//! full of raw HTML. A page satisfies the policy when nothing in it needs a
//! source the policy does not allow: no script at all (no element, no
//! handler attribute, no `javascript:` URL), no inline style (no element, no
//! attribute), nothing loaded from another origin or from a `data:` URL, no
//! `<base>`, no form, no frame, no plugin.
//!
//! The one exception is the search page (`sok/`, `search/`): the README
//! recommends a policy for that path alone that also allows scripts and
//! fetches from the site itself and a form that submits to it. Its page is
//! checked against that policy, and its scripts for what would need more
//! (`eval`, WebAssembly, workers, other hosts); every other page is still
//! checked against the strict policy, so none of them may have a script.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{TestSite, elements};

/// The recommended policy. The README must recommend exactly this.
const POLICY: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The policy for the search page's path only. The README must recommend
/// exactly this too.
const SEARCH_POLICY: &str = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// A parsed policy: directive → sources.
struct Policy(BTreeMap<String, Vec<String>>);

impl Policy {
    fn parse(text: &str) -> Policy {
        let mut map = BTreeMap::new();
        for directive in text.split(';') {
            let mut words = directive.split_whitespace();
            if let Some(name) = words.next() {
                map.insert(name.to_ascii_lowercase(), words.map(str::to_string).collect());
            }
        }
        Policy(map)
    }

    /// The sources for a fetch directive, falling back to `default-src`.
    fn sources(&self, directive: &str) -> &[String] {
        let fallback = match directive {
            "script-src-elem" | "script-src-attr" => self.0.get("script-src"),
            "style-src-elem" | "style-src-attr" => self.0.get("style-src"),
            "frame-src" | "worker-src" => self.0.get("child-src"),
            _ => None,
        };
        self.0
            .get(directive)
            .or(fallback)
            .or_else(|| {
                if directive.ends_with("-src") || directive.contains("-src-") {
                    self.0.get("default-src")
                } else {
                    None
                }
            })
            .map_or(&[], Vec::as_slice)
    }

    /// Whether `directive` allows loading `url` from a page of a site at `origin`.
    fn allows(&self, directive: &str, url: &str, origin: &str) -> bool {
        let sources = self.sources(directive);
        let url = decode(url).trim().to_string();
        let lower = url.to_ascii_lowercase();
        let scheme = lower.split_once(':').map(|(s, _)| s).filter(|s| !s.contains(['/', '?', '#']));
        let same_origin = match scheme {
            None => !(lower.starts_with("//") || lower.starts_with("/\\")),
            Some("http" | "https") => lower == origin || lower.starts_with(&format!("{origin}/")),
            Some(_) => false,
        };
        sources.iter().any(|s| {
            let s = s.to_ascii_lowercase();
            (s == "'self'" && same_origin)
                || (s.ends_with(':') && scheme == Some(s.trim_end_matches(':')))
                || (s.contains("://") && lower.starts_with(s.trim_end_matches('/')))
        })
    }

    /// Whether inline code or style is allowed for `directive`.
    fn allows_inline(&self, directive: &str) -> bool {
        self.sources(directive).iter().any(|s| s == "'unsafe-inline'")
    }
}

/// Attribute values as a browser reads them: the entities insyn's output
/// and an attacker's input may use.
fn decode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|e| *e < 12);
        let decoded = end.and_then(|e| {
            let entity = &rest[1..e];
            match entity {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }
            .map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect()
}

/// What in an HTML or SVG document would break `policy`.
fn violations(doc: &str, policy: &Policy, origin: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut inline = Vec::new();
    for (name, attrs) in elements(doc) {
        let mut check = |directive: &str, what: String, url: &str| {
            if !policy.allows(directive, url, origin) {
                found.push(format!("{what} needs {directive} to allow {url:?}"));
            }
        };
        let get = |a: &str| attrs.iter().find(|(n, _)| n == a).map(|(_, v)| v.as_str());
        match name.as_str() {
            "script" => match get("src") {
                Some(url) => check("script-src-elem", "<script src>".into(), url),
                None if !policy.allows_inline("script-src-elem") => {
                    inline.push("an inline <script> needs script-src 'unsafe-inline'".to_string());
                }
                None => {}
            },
            "style" if !policy.allows_inline("style-src-elem") => {
                inline.push("a <style> element needs style-src 'unsafe-inline'".to_string());
            }
            "link" => {
                let rel = get("rel").unwrap_or("").to_ascii_lowercase();
                for r in rel.split_whitespace() {
                    let directive = match r {
                        "stylesheet" => "style-src-elem",
                        "icon" | "apple-touch-icon" | "mask-icon" => "img-src",
                        "manifest" => "manifest-src",
                        "preload" | "prefetch" | "modulepreload" | "prerender" | "import" => "default-src",
                        _ => continue, // canonical, alternate, license …: not loaded by the page
                    };
                    check(directive, format!("<link rel={r}>"), get("href").unwrap_or(""));
                }
            }
            "img" | "image" => {
                for attr in ["src", "href", "xlink:href"] {
                    if let Some(url) = get(attr) {
                        check("img-src", format!("<{name} {attr}>"), url);
                    }
                }
                if let Some(set) = get("srcset") {
                    for url in set.split(',').filter_map(|p| p.split_whitespace().next()) {
                        check("img-src", format!("<{name} srcset>"), url);
                    }
                }
            }
            "iframe" | "frame" => check("frame-src", format!("<{name}>"), get("src").unwrap_or("about:blank")),
            "object" | "embed" | "applet" => {
                check("object-src", format!("<{name}>"), get("data").or(get("src")).unwrap_or("about:blank"));
            }
            "video" | "audio" | "source" | "track" => {
                if let Some(url) = get("src") {
                    check("media-src", format!("<{name}>"), url);
                }
            }
            "base" => check("base-uri", "<base>".into(), get("href").unwrap_or("")),
            "form" => check("form-action", "<form>".into(), get("action").unwrap_or("")),
            "foreignobject" => inline.push("an SVG <foreignObject> (HTML inside a chart)".to_string()),
            "use" => {
                if let Some(url) = get("href").or(get("xlink:href")).filter(|u| !u.starts_with('#')) {
                    check("img-src", "<use>".into(), url);
                }
            }
            _ => {}
        }
        for (attr, value) in &attrs {
            if attr.starts_with("on") && !policy.allows_inline("script-src-attr") {
                found.push(format!("<{name} {attr}=…> needs script-src 'unsafe-inline'"));
            }
            if attr == "style" && !policy.allows_inline("style-src-attr") {
                found.push(format!("<{name} style=…> needs style-src 'unsafe-inline'"));
            }
            let url = decode(value).to_ascii_lowercase();
            let url: String = url.chars().filter(|c| !c.is_whitespace()).collect();
            let url_attr =
                matches!(attr.as_str(), "href" | "src" | "action" | "formaction" | "xlink:href" | "data" | "poster");
            if url_attr && url.starts_with("javascript:") && !policy.allows_inline("script-src-elem") {
                found.push(format!("<{name} {attr}=\"javascript:…\"> needs script-src 'unsafe-inline'"));
            }
            if url_attr && (url.starts_with("data:") || url.starts_with("vbscript:")) {
                found.push(format!("<{name} {attr}=\"{}…\">", &url[..url.len().min(12)]));
            }
        }
    }
    found.extend(inline);
    found
}

/// What in a stylesheet would break `policy`: `@import` and `url()` outside it.
fn css_violations(css: &str, policy: &Policy, origin: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = css.to_ascii_lowercase();
    for (i, _) in lower.match_indices("url(") {
        let rest = &css[i + 4..];
        let end = rest.find(')').unwrap_or(rest.len());
        let url = rest[..end].trim().trim_matches(['"', '\'']);
        // A font needs font-src, anything else img-src; both fall back to default-src.
        let before = &lower[..i];
        let in_font_face = before.rfind("@font-face").is_some_and(|f| !before[f..].contains('}'));
        let directive = if in_font_face { "font-src" } else { "img-src" };
        if !policy.allows(directive, url, origin) {
            found.push(format!("url({url}) needs {directive}"));
        }
    }
    for (i, _) in lower.match_indices("@import") {
        let rest = &css[i + 7..];
        let end = rest.find(';').unwrap_or(rest.len());
        let url = rest[..end].trim().trim_start_matches("url(").trim_end_matches(')').trim_matches(['"', '\'', ' ']);
        if !policy.allows("style-src-elem", url, origin) {
            found.push(format!("@import {url} needs style-src"));
        }
    }
    let property = |name: &str| {
        lower.match_indices(name).any(|(i, _)| !lower[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '-'))
    };
    if lower.contains("expression(") || property("behavior:") || property("-moz-binding") {
        found.push("script in CSS".into());
    }
    found
}

/// What in a script would need more than `script-src 'self'` and
/// `connect-src 'self'`: code made from strings, WebAssembly, workers,
/// imports, and absolute URLs (another host).
fn script_violations(js: &str) -> Vec<String> {
    let mut found = Vec::new();
    for needle in [
        "eval(",
        "Function(",
        "WebAssembly",
        "Worker(",
        "importScripts",
        "import(",
        "setTimeout('",
        "setTimeout(\"",
        "setInterval(",
        "innerHTML",
        "document.write",
        "http://",
        "https://",
        "//cdn",
    ] {
        let hits = js.matches(needle).count()
            // The licence headers name the projects' web sites in comments.
            - js.lines().filter(|l| l.trim_start().starts_with('*') && l.contains(needle)).count();
        if hits > 0 {
            found.push(format!("{needle} ({hits} times)"));
        }
    }
    found
}

/// `scheme://host[:port]` of a base URL.
fn origin_of(base_url: &str) -> String {
    let (scheme, rest) = base_url.split_once("://").expect("absolute base_url");
    let host = rest.split('/').next().unwrap_or("");
    format!("{scheme}://{host}").to_ascii_lowercase()
}

/// Builds the site at `root` into a temporary folder with the real binary
/// and checks every HTML, SVG and CSS file against the policy. Returns how
/// many files of each kind were checked.
fn check_site(root: &Path, base_url: &str) -> (usize, usize, usize) {
    let out = tempfile::tempdir().expect("temp dir");
    let output = out.path().join("site");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_insyn"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&output)
        .env("NO_COLOR", "1")
        .output()
        .expect("run insyn");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let policy = Policy::parse(POLICY);
    let search_policy = Policy::parse(SEARCH_POLICY);
    let origin = origin_of(base_url);
    let (mut html, mut svg, mut css) = (0, 0, 0);
    let mut problems = Vec::new();
    let mut search_pages = 0;
    for entry in walkdir::WalkDir::new(&output).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let rel = entry.path().strip_prefix(&output).expect("prefix").display().to_string();
        let found = match entry.path().extension().and_then(|e| e.to_str()) {
            Some("html") if common::SEARCH_PAGES.contains(&rel.as_str()) => {
                html += 1;
                search_pages += 1;
                let page = std::fs::read_to_string(entry.path()).expect("UTF-8");
                assert!(!violations(&page, &policy, &origin).is_empty(), "{rel} should need the search policy");
                violations(&page, &search_policy, &origin)
            }
            Some("html") => {
                html += 1;
                violations(&std::fs::read_to_string(entry.path()).expect("UTF-8"), &policy, &origin)
            }
            Some("js") => script_violations(&std::fs::read_to_string(entry.path()).expect("UTF-8")),
            Some("svg") => {
                svg += 1;
                let text = std::fs::read_to_string(entry.path()).expect("UTF-8");
                let mut found = violations(&text, &policy, &origin);
                // A chart references nothing outside itself.
                for (name, attrs) in elements(&text) {
                    for (attr, value) in attrs {
                        if matches!(attr.as_str(), "href" | "xlink:href" | "src") && !value.starts_with('#') {
                            found.push(format!("<{name} {attr}=\"{value}\"> refers outside the chart"));
                        }
                    }
                }
                found
            }
            Some("css") => {
                css += 1;
                css_violations(&std::fs::read_to_string(entry.path()).expect("UTF-8"), &policy, &origin)
            }
            _ => continue,
        };
        problems.extend(found.into_iter().map(|p| format!("{rel}: {p}")));
    }
    assert_eq!(problems, Vec::<String>::new(), "pages that break the policy");
    assert_eq!(search_pages, 1, "one search page");
    (html, svg, css)
}

#[test]
fn the_checker_finds_what_breaks_the_policy() {
    let policy = Policy::parse(POLICY);
    let origin = "https://www.example.se";
    let bad = [
        "<script src=\"static/app.js\"></script>",
        "<script>alert(1)</script>",
        "<p onclick=\"x()\">",
        "<p style=\"color:red\">",
        "<style>p{}</style>",
        "<img src=\"https://cdn.example.net/x.png\">",
        "<img src=\"//cdn.example.net/x.png\">",
        "<img src=\"data:image/png;base64,AAAA\">",
        "<img srcset=\"a.png 1x, https://cdn.example.net/b.png 2x\">",
        "<link rel=\"stylesheet\" href=\"https://fonts.example.net/css\">",
        "<link rel=\"icon\" href=\"https://cdn.example.net/favicon.ico\">",
        "<iframe src=\"../karta/\"></iframe>",
        "<object data=\"x.swf\"></object>",
        "<embed src=\"x.swf\">",
        "<base href=\"/\">",
        "<form action=\"../sok/\"></form>",
        "<a href=\"javascript:alert(1)\">a</a>",
        "<a href=\"java&#x09;script&colon;alert(1)\">a</a>",
        "<svg><foreignObject></foreignObject></svg>",
        "<video src=\"film.mp4\"></video>",
    ];
    for bad in ["eval(x)", "new Function('a')", "WebAssembly.instantiate(b)", "fetch('https://cdn.example.net/i.json')"]
    {
        assert!(!script_violations(bad).is_empty(), "the checker misses {bad}");
    }
    for doc in bad {
        assert!(!violations(doc, &policy, origin).is_empty(), "the checker misses {doc}");
    }
    let good = "<link rel=\"stylesheet\" href=\"../static/style.0123456789.css\"><link rel=\"canonical\" href=\"https://www.example.se/avvikelser/\">\
                <link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.xml\"><img src=\"../diagram.svg\" alt=\"\">\
                <img src=\"https://www.example.se/avvikelser/a.svg\" alt=\"\"><a href=\"https://other.example/\">a</a>\
                <a href=\"mailto:kontakt@example.se\">m</a><meta http-equiv=\"refresh\" content=\"0; url=../a/index.html\">";
    assert_eq!(violations(good, &policy, origin), Vec::<String>::new());
    assert!(!css_violations("a{background:url(https://cdn.example.net/x.png)}", &policy, origin).is_empty());
    assert!(
        !css_violations("@font-face{src:url(font.woff2)}", &policy, origin).is_empty(),
        "fonts are not allowed at all"
    );
    assert!(!css_violations("@import url(\"https://fonts.example.net/x.css\");", &policy, origin).is_empty());
    assert!(!css_violations("a{background:url(data:image/png;base64,AA)}", &policy, origin).is_empty());
    assert!(css_violations("a{background:url(bild.svg)}", &policy, origin).is_empty());
}

#[test]
fn every_page_of_the_example_site_satisfies_the_policy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (html, svg, css) = check_site(root, "https://www.example.se/avvikelser/");
    assert!(html > 30 && svg >= 1 && css >= 1, "{html} pages, {svg} charts, {css} stylesheets");
}

#[test]
fn every_page_of_the_english_site_satisfies_the_policy() {
    let site = TestSite::fixture("english-site");
    let (html, _, css) = check_site(site.path(), "https://reports.example.org/it/deviations/");
    assert!(html > 20 && css >= 1);
}

#[test]
fn raw_html_in_content_cannot_break_the_policy() {
    let site = TestSite::minimal();
    let raw = "<script>alert(1)</script> <b style=\"color:red\" onclick=\"x()\">fet</b> <img src=\"https://cdn.example.net/t.png\" alt=\"t\">\n\n\
               ![bild](https://cdn.example.net/b.png) ![data](data:image/png;base64,AAAA) <iframe src=\"../x/\"></iframe>\n\n\
               <style>p{}</style> <form action=\"../s/\"><input></form> <base href=\"/\"> <link rel=\"stylesheet\" href=\"https://x.example/c.css\">\n\n\
               <video src=\"film.mp4\"></video> <object data=\"x.swf\"></object> <a href=\"java&#x09;script:alert(1)\">a</a>\n";
    site.write(
        "content/periods/2023-q1/lon-stopp.md",
        &format!("+++\ntitle = \"Stopp\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\nactions = [{raw:?}]\n+++\n{raw}"),
    );
    site.write("content/pages/om.md", &format!("+++\ntitle = \"Om\"\n+++\n{raw}"));
    check_site(site.path(), common::SITE_TOML.split('"').nth(3).expect("base_url"));
}

#[test]
fn the_readme_recommends_this_policy() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README.md");
    // Until the README documents web server headers there is nothing to keep in step.
    if readme.contains("Content-Security-Policy") {
        assert!(
            readme.contains(POLICY),
            "README.md recommends a different Content-Security-Policy than tests/csp.rs checks"
        );
        assert!(
            readme.contains(SEARCH_POLICY),
            "README.md recommends a different Content-Security-Policy for the search page than tests/csp.rs checks"
        );
    }
}
