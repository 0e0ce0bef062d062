//! Unit tests of the link check.

use super::scan::{Scanned, hash, scan};
use super::urls::{from_root, resolve};
use super::*;

#[test]
fn resolves_relative_and_absolute_links() {
    let r = |page, href| {
        let mut out = String::new();
        resolve(page, href, "/avv/", "https://x.se/avv/", &mut out).map(|f| (out.clone(), f.map(str::to_string)))
    };
    assert_eq!(r("a/b/index.html", "../c/index.html#d"), Some(("a/c/index.html".into(), Some("d".into()))));
    assert_eq!(r("a/b/index.html", "#d"), Some(("a/b/index.html".into(), Some("d".into()))));
    assert_eq!(r("a/b/index.html", "../../"), Some(("index.html".into(), None)));
    assert_eq!(r("index.html", "../x"), Some(("..".into(), None)));
    assert_eq!(r("404.html", "/avv/perioder/"), Some(("perioder/index.html".into(), None)));
    assert_eq!(r("feed.xml", "https://x.se/avv/a/"), Some(("a/index.html".into(), None)));
    assert_eq!(r("index.html", "https://other.se/"), None);
    assert_eq!(r("index.html", "mailto:a@b.se"), None);
    assert_eq!(r("index.html", "/elsewhere/"), None);
}

#[test]
fn the_usual_links_are_told_without_a_path() {
    assert_eq!(from_root(2, "../../perioder/x/index.html#s"), Some(("perioder/x/index.html", Some("s"))));
    assert_eq!(from_root(0, "static/a.css"), Some(("static/a.css", None)));
    assert_eq!(from_root(2, "../x/index.html"), None);
    assert_eq!(from_root(1, "../a/../b.html"), None);
    assert_eq!(from_root(1, "https://x.se/"), None);
}

#[test]
fn the_scan_reads_ids_and_links_whose_equals_sign_is_outside_the_skipped_part() {
    let page = b"<a href=\"a\" data-id=\"no\" id=\"x\"><img src=\"b.png\" alt=\"\"><p title=\"href=\"><a href=\"c\">";
    let links = |s: &Scanned<'_>| s.links.iter().map(|l| String::from_utf8_lossy(l).into_owned()).collect::<Vec<_>>();
    let whole = scan(page, 0..0);
    assert_eq!(links(&whole), ["a", "b.png", "c"]);
    assert_eq!(whole.ids, [hash(b"x")]);
    // The `=` of `id="x"` is in the skipped part: neither its id nor the
    // image's link is read; the link after the part is.
    let at = |needle: &str| page.windows(needle.len()).position(|w| w == needle.as_bytes()).unwrap_or(0);
    let skipped = scan(page, at("id=\"x")..at("alt="));
    assert_eq!(links(&skipped), ["a", "c"]);
    assert!(skipped.ids.is_empty());
}

#[test]
fn the_quick_path_takes_only_links_that_name_a_known_file_as_written() {
    let known = ["index.html", "a/index.html", "static/a%20b.png", "a/b.svg"].map(String::from);
    let check = LinkCheck::new(known, "https://x.se/avv/", "/avv/");
    let mut folder = Vec::new();
    let mut tell = |depth, raw: &str| match check.quick(depth, raw.as_bytes(), &mut folder) {
        Quick::Known => "known".to_string(),
        Quick::Fragment(t, f) => format!("{}#{}", String::from_utf8_lossy(t), String::from_utf8_lossy(f)),
        Quick::Own(id) => format!("own {}", String::from_utf8_lossy(id)),
        Quick::Other => "other".to_string(),
    };
    assert_eq!(tell(1, "../a/b.svg"), "known");
    assert_eq!(tell(1, "../a/"), "known");
    assert_eq!(tell(1, "../"), "known");
    assert_eq!(tell(1, "../a/index.html#s"), "a/index.html#s");
    assert_eq!(tell(1, "../a/index.html#"), "known");
    assert_eq!(tell(0, "#main"), "own main");
    assert_eq!(tell(2, "https://x.se/avv/a/"), "known");
    // Named otherwise than as written, or not known: resolved.
    assert_eq!(tell(1, "a/b.svg"), "other");
    assert_eq!(tell(0, "static/a%20b.png"), "other");
    assert_eq!(tell(0, "./a/b.svg"), "other");
    assert_eq!(tell(0, "a/c.svg"), "other");
    assert_eq!(tell(0, "a/#s"), "other");
    assert_eq!(tell(0, "https://y.se/a/b.svg"), "other");
}

#[test]
fn finds_broken_files_and_ids() {
    let check = LinkCheck::new(["index.html".to_string(), "a/index.html".to_string()], "https://x.se/", "/");
    check.read("index.html", b"<main id=\"main\"><a href=\"a/index.html#top\">a</a> <a href=\"#main\">m</a> <a href=\"#nix\">n</a> <img src=\"b.png\" alt=\"\"> <a href=\"c.svg\">c</a></main>");
    check.read("a/index.html", b"<h2 id=\"other\">x</h2><a href=\"../index.html#main\">back</a>");
    let broken = check.finish(["index.html", "a/index.html", "c.svg"]);
    let hrefs: Vec<(&str, Option<&str>)> = broken.iter().map(|b| (b.href.as_str(), b.missing_id.as_deref())).collect();
    assert_eq!(hrefs, [("#nix", Some("nix")), ("a/index.html#top", Some("top")), ("b.png", None)]);
}

#[test]
fn a_shared_part_is_read_once_per_depth_and_its_page_dependent_links_on_every_page() {
    let pages = ["a/index.html", "b/index.html", "c/d/index.html"].map(String::from);
    let check = LinkCheck::new(pages.clone(), "https://x.se/", "/");
    let header = b"<nav id=\"nav\"><a href=\"../a/index.html\">a</a> <a href=\"../gone.html\">g</a> <a href=\"x.html\">x</a></nav>";
    for (n, path) in pages.iter().enumerate() {
        let mut page = b"<p>".to_vec();
        let start = page.len();
        page.extend_from_slice(header);
        let range = start..page.len();
        page.extend_from_slice(b"<a href=\"#nav\">n</a>");
        let part = SharedPart { range, key: 7 };
        check.read_page(path, &page, Some(&part));
        // The second page at depth 1 skips the part: its link that
        // depends on the page is still read.
        if n == 1 {
            assert_eq!(check.parts.lock().map(|p| p.len()).unwrap_or(0), 1);
        }
    }
    let broken = check.finish(pages.iter().map(String::as_str));
    let found: Vec<(&str, &str)> = broken.iter().map(|b| (b.page.as_str(), b.href.as_str())).collect();
    // `../gone.html` once per file it leads to (the first link to a
    // file), `x.html` on every page; one folder deeper, the part's
    // links lead elsewhere; the id in the part counts on every page.
    assert_eq!(
        found,
        [
            ("a/index.html", "../gone.html"),
            ("a/index.html", "x.html"),
            ("b/index.html", "x.html"),
            ("c/d/index.html", "../a/index.html"),
            ("c/d/index.html", "../gone.html"),
            ("c/d/index.html", "x.html")
        ]
    );
}
