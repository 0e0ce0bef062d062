//! Shared helpers for the integration tests: build a small site in a
//! temporary folder, run the real `insyn` binary on it, read what it wrote.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A site in a temporary folder, deleted when dropped.
pub struct TestSite {
    dir: tempfile::TempDir,
}

/// What a run of `insyn` did.
pub struct Run {
    /// Exit status (None when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error (diagnostics and the summary line).
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// A minimal valid `site.toml` in Swedish with one area `hr`.
pub const SITE_TOML: &str = r#"title = "Testrapport"
base_url = "https://www.example.se/avvikelser/"
[[areas]]
id = "hr"
name = "HR"
"#;

impl TestSite {
    /// An empty folder.
    pub fn empty() -> TestSite {
        TestSite { dir: tempfile::tempdir().expect("temp dir") }
    }

    /// A copy of a fixture folder under `tests/fixtures/`.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::empty();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        copy_dir(&from, site.path());
        site
    }

    /// A copy of the example site at the repository root (the Göteborg
    /// report): `site.toml`, `content/` and `themes/`.
    pub fn example() -> TestSite {
        let site = TestSite::empty();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(root.join("site.toml"), site.path().join("site.toml")).expect("copy site.toml");
        copy_dir(&root.join("content"), &site.path().join("content"));
        copy_dir(&root.join("themes"), &site.path().join("themes"));
        site
    }

    /// A small valid site: one area, one service, one period, one record.
    pub fn minimal() -> TestSite {
        let site = TestSite::empty();
        site.write("site.toml", SITE_TOML);
        site.write(
            "content/services/lon.toml",
            "name = \"Lön\"\narea = \"hr\"\ntier = \"base\"\nsystem = \"Personec P\"\n",
        );
        site.write(
            "content/periods/2023-q1/period.toml",
            "label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\n",
        );
        site.write(
            "content/periods/2023-q1/lon-stopp.md",
            "+++\ntitle = \"Lönekörningen stoppade\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\nresolved = 2023-02-15\n+++\nLönekörningen stoppade i två timmar.\n",
        );
        site
    }

    /// The site root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders), relative to the root.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create dir");
        }
        std::fs::write(path, text).expect("write file");
    }

    /// Removes a file relative to the root.
    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path().join(rel)).expect("remove file");
    }

    /// Runs `insyn <args>` with `--root` set to this site (added after the subcommand).
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_insyn"));
        cmd.args(&args[..1]).arg("--root").arg(self.path()).args(&args[1..]).env("NO_COLOR", "1");
        Run::from(cmd.output().expect("run insyn"))
    }

    /// `insyn build`; panics with the diagnostics if it fails.
    pub fn build_ok(&self) -> Run {
        let run = self.run(&["build"]);
        assert_eq!(run.code, Some(0), "build failed:\n{}", run.stderr);
        run
    }

    /// The output folder.
    pub fn output(&self) -> PathBuf {
        self.path().join("output")
    }

    /// A file of the output as text; panics with the list of files if missing.
    pub fn page(&self, rel: &str) -> String {
        let path = self.output().join(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("no output file {rel}; files: {:?}", self.output_files()))
    }

    /// Every file under the output, relative, sorted.
    pub fn output_files(&self) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(self.output())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| e.path().strip_prefix(self.output()).ok().map(|p| p.to_string_lossy().replace('\\', "/")))
            .collect();
        files.sort();
        files
    }
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// The visible text of an HTML document, tags removed and whitespace
/// folded, for asserting what a reader sees.
pub fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace('\u{a0}', " ");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl TestSite {
    /// Writes raw bytes (creating folders), relative to the root: for files
    /// that are not UTF-8.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create dir");
        }
        std::fs::write(path, bytes).expect("write file");
    }

    /// Reads a file of the site (not the output) as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// Every HTML file of the output, relative, sorted.
    pub fn html_files(&self) -> Vec<String> {
        self.output_files().into_iter().filter(|f| f.ends_with(".html")).collect()
    }

    /// Whether the output has a file at `rel`.
    pub fn has_output(&self, rel: &str) -> bool {
        self.output().join(rel).is_file()
    }
}

/// Every file and folder under `dir` with its bytes (folders as `name/` with
/// no bytes), for byte-for-byte comparisons. A missing folder is empty.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    snapshot_except(dir, &[])
}

/// Like [`snapshot`], leaving out the top-level entries named in `skip`.
pub fn snapshot_except(dir: &Path, skip: &[&str]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    let walker = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !(e.depth() == 1 && skip.iter().any(|s| e.file_name().to_string_lossy() == *s)));
    for entry in walker.filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(dir).expect("prefix").to_string_lossy().replace('\\', "/");
        if entry.file_type().is_dir() {
            out.insert(format!("{rel}/"), Vec::new());
        } else {
            out.insert(rel, std::fs::read(entry.path()).expect("read"));
        }
    }
    out
}

/// The values of every `href` and `src` attribute in an HTML document, in
/// order, with `&amp;` decoded.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').expect("closing quote");
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// Resolves a relative link found in the output file `from` (a path relative
/// to the output folder, e.g. `periods/2023-t1/index.html`) to the output
/// file it points to (`index.html` added for folders). `None` for links that
/// are not relative: with a scheme, starting with `/`, or only a fragment.
pub fn resolve(from: &str, href: &str) -> Option<String> {
    let href = href.split('#').next().unwrap_or("");
    if href.contains(':') || href.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop(); // the file name
    let is_dir = href.is_empty() || href.ends_with('/') || href.ends_with("/.") || href == ".";
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if is_dir {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

/// One HTML table: its caption and its rows, each a list of cell texts
/// (header rows included).
#[derive(Debug, Clone)]
pub struct Table {
    /// The caption's text.
    pub caption: String,
    /// Every row, each cell as visible text.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The row whose first cell is `first`; panics with the table if none.
    pub fn row(&self, first: &str) -> &Vec<String> {
        self.rows
            .iter()
            .find(|r| r.first().is_some_and(|c| c == first))
            .unwrap_or_else(|| panic!("no row starting with {first:?} in {self:#?}"))
    }
}

/// Every table of an HTML document (tables are not nested in insyn's themes).
pub fn tables(html: &str) -> Vec<Table> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<table") {
        let end = rest[start..].find("</table>").map(|e| start + e).expect("closing </table>");
        let table = &rest[start..end];
        let caption = table
            .find("<caption>")
            .and_then(|c| table[c..].find("</caption>").map(|e| text(&table[c..c + e])))
            .unwrap_or_default();
        let rows = table.split("<tr").skip(1).map(|row| cells(row.split("</tr>").next().unwrap_or(""))).collect();
        out.push(Table { caption, rows });
        rest = &rest[end..];
    }
    out
}

/// The table with this caption; panics with the captions there are.
pub fn table(html: &str, caption: &str) -> Table {
    let all = tables(html);
    let captions: Vec<String> = all.iter().map(|t| t.caption.clone()).collect();
    all.into_iter()
        .find(|t| t.caption == caption)
        .unwrap_or_else(|| panic!("no table {caption:?}; tables: {captions:?}"))
}

fn cells(row: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = row;
    loop {
        let td = rest.find("<td");
        let th = find_th(rest);
        let start = match (td, th) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => break,
        };
        let open_end = rest[start..].find('>').map(|e| start + e + 1).expect("tag end");
        let close = ["</td>", "</th>"]
            .iter()
            .filter_map(|c| rest[open_end..].find(c))
            .min()
            .map(|e| open_end + e)
            .expect("closing cell tag");
        out.push(text(&rest[open_end..close]));
        rest = &rest[close + 5..];
    }
    out
}

/// `<th` or `<th ` but not `<thead`.
fn find_th(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find("<th") {
        let at = from + i;
        match s.as_bytes().get(at + 3) {
            Some(b'>' | b' ') => return Some(at),
            _ => from = at + 3,
        }
    }
    None
}

/// The part of `html` from the first `start` to the following `end`
/// (both included); panics when either is missing.
pub fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let s = html.find(start).unwrap_or_else(|| panic!("{start:?} not found in:\n{html}"));
    let e = html[s..].find(end).unwrap_or_else(|| panic!("{end:?} not found after {start:?} in:\n{html}"));
    &html[s..s + e + end.len()]
}

/// `line:column` (1-based, columns in characters) of the first occurrence of
/// `needle` in `text`, as diagnostics print it.
pub fn position(text: &str, needle: &str) -> String {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in:\n{text}"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    format!("{line}:{col}")
}

/// The printed diagnostics of a run, one block per error or warning: the
/// headline (`error: …`) and the lines under it (location, source, help).
pub fn diagnostic_blocks(stderr: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    for line in stderr.lines() {
        if line.starts_with("error") || line.starts_with("warning") {
            blocks.push(String::new());
        } else if blocks.is_empty() {
            continue;
        }
        if let Some(b) = blocks.last_mut() {
            b.push_str(line);
            b.push('\n');
        }
    }
    blocks
}

/// Like [`text`], without the space that a closing tag leaves before
/// punctuation: "20 April 2023)" rather than "20 April 2023 )".
pub fn prose(html: &str) -> String {
    let mut s = text(html);
    for (from, to) in [(" .", "."), (" ,", ","), (" )", ")"), ("( ", "("), (" :", ":"), (" ;", ";")] {
        s = s.replace(from, to);
    }
    s
}

/// Whether `items` contains `wanted` in this order (other items may come between).
pub fn in_order<T: PartialEq>(items: &[T], wanted: &[T]) -> bool {
    let mut it = items.iter();
    wanted.iter().all(|w| it.any(|i| i == w))
}

/// Markup in a document (HTML, SVG or XML) that would run or load something
/// a reader did not ask for, or restyle or redirect the page: `<script>`,
/// `<iframe>`, `<frame>`, `<object>`, `<embed>`, `<applet>`, `<style>`,
/// `<base>`, `<form>`, `<foreignObject>` elements, `on…=` event-handler,
/// `style=`, `srcdoc=` and `formaction=` attributes, `javascript:`,
/// `vbscript:` or `data:` URLs, and a `<meta http-equiv="refresh">` to
/// another site or to a script. Escaped text (`&lt;script&gt;`) is not
/// markup and is not reported.
pub fn live_markup(doc: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(off) = doc[i..].find('<') {
        let start = i + off;
        let (name, attrs, end) = parse_tag(&doc[start..]);
        if matches!(
            name.as_str(),
            "script"
                | "iframe"
                | "frame"
                | "frameset"
                | "object"
                | "embed"
                | "applet"
                | "style"
                | "base"
                | "form"
                | "foreignobject"
        ) {
            found.push(format!("<{name}>"));
        }
        for (attr, value) in &attrs {
            let value = value.trim().to_ascii_lowercase();
            if attr.starts_with("on") || matches!(attr.as_str(), "style" | "srcdoc" | "formaction") {
                found.push(format!("<{name} {attr}=…>"));
            }
            let scheme: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
            if matches!(attr.as_str(), "href" | "src" | "action" | "xlink:href" | "data" | "poster" | "background")
                && (scheme.starts_with("javascript:") || scheme.starts_with("data:") || scheme.starts_with("vbscript:"))
            {
                found.push(format!("<{name} {attr}=\"{value}\">"));
            }
        }
        if name == "meta"
            && attrs.iter().any(|(a, v)| a == "http-equiv" && v.eq_ignore_ascii_case("refresh"))
            && let Some((_, content)) = attrs.iter().find(|(a, _)| a == "content")
        {
            let target = content.to_ascii_lowercase();
            let target = target.split_once("url=").map_or("", |(_, u)| u.trim());
            if target.contains("://")
                || target.starts_with("//")
                || target.contains("script:")
                || target.starts_with("data:")
            {
                found.push(format!("<meta http-equiv=refresh content=\"{content}\">"));
            }
        }
        i = start + end.max(1);
    }
    found
}

/// The search pages of the default theme, Swedish and English: the only
/// pages with scripts and a form.
pub const SEARCH_PAGES: [&str; 2] = ["sok/index.html", "search/index.html"];

/// [`live_markup`] of the output file `file`, except, on a search page,
/// the theme's own two script elements (from the site's `static/`) and
/// search form, each of which must be there exactly once.
pub fn live_markup_of(file: &str, doc: &str) -> Vec<String> {
    if !SEARCH_PAGES.contains(&file) {
        return live_markup(doc);
    }
    let mut rest = doc.to_string();
    for own in [
        r#"<script src="../static/snowball-stemmers."#,
        r#"<script src="../static/search."#,
        r#"<form role="search" id="search-form" "#,
    ] {
        assert_eq!(rest.matches(own).count(), 1, "{file} should have {own} once");
        let start = rest.find(own).expect("found");
        let end = start + rest[start..].find('>').expect("tag end") + 1;
        rest.replace_range(start..end, "");
    }
    live_markup(&rest)
}

/// Every start tag of a document: its lowercase name and its attributes
/// (lowercase names, raw values), in order. Text, comments and end tags are
/// skipped; text is assumed escaped (`&lt;`), as insyn writes it.
pub fn elements(doc: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = doc[i..].find('<') {
        let start = i + off;
        let (name, attrs, end) = parse_tag(&doc[start..]);
        if !name.is_empty() {
            out.push((name, attrs));
        }
        i = start + end.max(1);
    }
    out
}

/// Parses the tag at the start of `s` (which starts with `<`): its lowercase
/// name, its attributes (lowercase names, raw values) and its length.
fn parse_tag(s: &str) -> (String, Vec<(String, String)>, usize) {
    let b = s.as_bytes();
    let mut p = 1;
    while p < b.len() && (b[p].is_ascii_alphanumeric() || b[p] == b':' || b[p] == b'-') {
        p += 1;
    }
    let name = s[1..p].to_ascii_lowercase();
    let mut attrs = Vec::new();
    if name.is_empty() {
        return (name, attrs, s.find('>').map_or(s.len(), |e| e + 1));
    }
    loop {
        while p < b.len() && (b[p].is_ascii_whitespace() || b[p] == b'/') {
            p += 1;
        }
        if p >= b.len() || b[p] == b'>' {
            return (name, attrs, (p + 1).min(s.len()));
        }
        let a = p;
        while p < b.len() && !b[p].is_ascii_whitespace() && !matches!(b[p], b'=' | b'>' | b'/') {
            p += 1;
        }
        let attr = s[a..p].to_ascii_lowercase();
        let mut value = String::new();
        if p < b.len() && b[p] == b'=' {
            p += 1;
            match b.get(p) {
                Some(&q @ (b'"' | b'\'')) => {
                    let v = p + 1;
                    let close = s[v..].find(char::from(q)).map_or(s.len(), |e| v + e);
                    value = s[v..close].to_string();
                    p = (close + 1).min(s.len());
                }
                _ => {
                    let v = p;
                    while p < b.len() && !b[p].is_ascii_whitespace() && b[p] != b'>' {
                        p += 1;
                    }
                    value = s[v..p].to_string();
                }
            }
        }
        if attr.is_empty() {
            p += 1;
        } else {
            attrs.push((attr, value));
        }
    }
}
