//! `insyn serve`, started in-process on a free port of 127.0.0.1 and spoken
//! to with plain HTTP/1.1 over a TcpStream: pages, rebuilds after edits,
//! errors while the last good site stays served, recovery, and refusal of
//! every path that tries to leave the site. Every wait is bounded.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use common::TestSite;
use insyn::cmd::serve::{ServeError, ServeOptions, Server, ServerHandle};

/// The longest any test waits for a rebuild.
const REBUILD_TIMEOUT: Duration = Duration::from_secs(10);

/// One HTTP response.
#[derive(Debug)]
struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    /// The body as text (invalid UTF-8 replaced).
    body: String,
    /// The body's bytes, with a chunked transfer encoding undone.
    bytes: Vec<u8>,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Sends a raw request line (the path exactly as given) with a Host header.
fn request(addr: SocketAddr, path: &str, host: &str) -> Resp {
    assert!(addr.ip().is_loopback(), "tests only talk to this machine");
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    stream.set_write_timeout(Some(Duration::from_secs(5))).expect("timeout");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status line");
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))).collect();
    // The HTTP library sends bodies of 32 KiB and more in chunks.
    let chunked =
        headers.iter().any(|(k, v)| k.eq_ignore_ascii_case("Transfer-Encoding") && v.eq_ignore_ascii_case("chunked"));
    let bytes = if chunked { dechunk(&raw[split + 4..]) } else { raw[split + 4..].to_vec() };
    let body = String::from_utf8_lossy(&bytes).into_owned();
    Resp { status, headers, body, bytes }
}

/// Undoes `Transfer-Encoding: chunked`.
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = raw.windows(2).position(|w| w == b"\r\n").expect("chunk size line");
        let line = std::str::from_utf8(&raw[..end]).expect("chunk size is text");
        let size = usize::from_str_radix(line.split(';').next().unwrap_or("").trim(), 16).expect("chunk size");
        raw = &raw[end + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[..size]);
        assert_eq!(&raw[size..size + 2], b"\r\n", "chunk ends with CRLF");
        raw = &raw[size + 2..];
    }
}

fn get(h: &ServerHandle, path: &str) -> Resp {
    request(h.addr(), path, &h.addr().to_string())
}

/// The status endpoint's fields.
fn status(h: &ServerHandle) -> serde_json::Value {
    let r = get(h, "/__insyn/status");
    assert_eq!(r.status, 200, "{}", r.body);
    serde_json::from_str(&r.body).expect("status is JSON")
}

fn version(h: &ServerHandle) -> u64 {
    status(h)["version"].as_u64().expect("version")
}

/// Waits until the server has rebuilt after version `since` and its status
/// satisfies `done` (an editor's save can take more than one rebuild);
/// panics after [`REBUILD_TIMEOUT`].
fn wait_for(h: &ServerHandle, since: u64, done: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let started = Instant::now();
    loop {
        let s = status(h);
        if s["version"].as_u64().expect("version") > since && done(&s) {
            return s;
        }
        assert!(started.elapsed() < REBUILD_TIMEOUT, "no rebuild within {REBUILD_TIMEOUT:?}; status {s}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for a good build numbered `build`.
fn wait_for_build(h: &ServerHandle, since: u64, build: u64) -> serde_json::Value {
    wait_for(h, since, |s| s["build"] == build && s["error"].is_null())
}

/// Waits for a failed rebuild.
fn wait_for_error(h: &ServerHandle, since: u64) -> serde_json::Value {
    wait_for(h, since, |s| s["error"].is_string())
}

fn start(site: &TestSite) -> ServerHandle {
    Server::start(ServeOptions::local(site.path())).expect("server starts")
}

const RECORD: &str = "content/periods/2023-q1/lon-stopp.md";

#[test]
fn serves_rebuilds_shows_errors_and_recovers() {
    let site = TestSite::minimal();
    let h = start(&site);
    assert_eq!(h.build_count(), 1);

    let home = get(&h, "/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(home.header("Cache-Control"), Some("no-store"));
    assert!(home.body.contains("<script src=\"/__insyn/live.js?build=1\" defer></script>"), "{}", home.body);
    let page = get(&h, "/avvikelser/lon-stopp/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Lönekörningen stoppade i två timmar."));

    // An edit is served after the rebuild, with the next build number.
    let v = version(&h);
    let text = site.read(RECORD).replace("i två timmar.", "i tre timmar.");
    site.write(RECORD, &text);
    wait_for_build(&h, v, 2);
    let page = get(&h, "/avvikelser/lon-stopp/");
    assert!(page.body.contains("i tre timmar."), "{}", page.body);
    assert!(page.body.contains("/__insyn/live.js?build=2"));

    // A content error: reported with file:line:col, the old site stays served.
    let v = version(&h);
    site.write(RECORD, &text.replace("kind = \"incident\"", "kind = \"incidnet\""));
    let s = wait_for_error(&h, v);
    assert_eq!(s["build"], 2, "a failed build is not a new build: {s}");
    let error = s["error"].as_str().expect("error text");
    assert!(error.contains("content/periods/2023-q1/lon-stopp.md:3:8"), "{error}");
    assert!(error.contains("did you mean \"incident\"?"), "{error}");
    assert!(error.contains("1 error in 1 file"), "{error}");
    assert_eq!(h.last_error().as_deref(), Some(error));
    let page = get(&h, "/avvikelser/lon-stopp/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("i tre timmar."), "the last good build stays served");

    // Fixed: a new build, no error.
    let v = version(&h);
    site.write(RECORD, &text.replace("i tre timmar.", "i fyra timmar."));
    wait_for_build(&h, v, 3);
    assert!(get(&h, "/avvikelser/lon-stopp/").body.contains("i fyra timmar."));
    h.stop();
}

#[test]
fn a_site_that_starts_broken_shows_its_errors_then_the_site() {
    let site = TestSite::minimal();
    let good = site.read("content/services/lon.toml");
    site.write("content/services/lon.toml", &good.replace("tier = \"base\"", "tier = \"bas\""));
    let h = start(&site);
    assert_eq!(h.build_count(), 0);
    let page = get(&h, "/");
    assert_eq!(page.status, 500);
    assert!(page.body.contains("content/services/lon.toml:3:8"), "{}", page.body);
    assert!(page.body.contains("<script src=\"/__insyn/live.js?build=0\" defer></script>"), "{}", page.body);
    assert!(get(&h, "/avvikelser/lon-stopp/").status == 500);

    let v = version(&h);
    site.write("content/services/lon.toml", &good);
    wait_for_build(&h, v, 1);
    assert_eq!(get(&h, "/").status, 200);
}

#[test]
fn paths_outside_the_site_are_refused() {
    let site = TestSite::minimal();
    site.write("secret.txt", "HEMLIGT");
    let h = start(&site);
    let bad = [
        "/../site.toml",
        "/../../etc/passwd",
        "/avvikelser/../../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/site.toml",
        "/.%2e/site.toml",
        "/%2e%2e%2fsite.toml",
        "/..%2fsite.toml",
        "/..%2Fsecret.txt",
        "/..%5csite.toml",
        "/..\\site.toml",
        "/%5c..%5csite.toml",
        "/index.html%00.txt",
        "/%252e%252e/site.toml",
        "/%c0%ae%c0%ae/site.toml",
        "/secret.txt",
        "/site.toml",
        "/content/services/lon.toml",
        "/%zz",
        "site.toml",
        "http://127.0.0.1/../site.toml",
    ];
    for path in bad {
        let r = get(&h, path);
        assert!(matches!(r.status, 400 | 404), "{path}: status {}", r.status);
        assert!(!r.body.contains("base_url") && !r.body.contains("HEMLIGT"), "{path} leaked a file");
        assert!(!r.body.contains("tier = "), "{path} leaked a file");
    }
    // The same paths from the outside world: refused before anything else.
    let r = request(h.addr(), "/", "evil.example");
    assert_eq!(r.status, 403);
    assert_eq!(request(h.addr(), "/", "localhost").status, 200);
}

#[test]
fn unknown_paths_get_the_404_page_and_folders_their_slash() {
    let site = TestSite::minimal();
    let h = start(&site);
    let r = get(&h, "/finns-inte/alls/");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("<html"), "the site's own 404 page: {}", r.body);
    assert!(r.body.contains("/__insyn/live.js"));

    let r = get(&h, "/avvikelser/lon-stopp");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("Location"), Some("/avvikelser/lon-stopp/"));

    // A production URL (base_url's sub-path) pasted into the preview.
    let r = get(&h, "/avvikelser/perioder/2023-q1/");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("Location"), Some("/perioder/2023-q1/"));

    let r = get(&h, "/__insyn/live.js");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Content-Type"), Some("text/javascript; charset=utf-8"));
    assert!(r.body.contains("/__insyn/status"));
    assert_eq!(get(&h, "/__insyn/other").status, 404);
}

#[test]
fn every_link_works_under_serve_although_base_url_has_a_sub_path() {
    let site = TestSite::minimal();
    site.write("content/pages/om-rapporten.md", "+++\ntitle = \"Om rapporten\"\n+++\nOm rapporten.\n");
    assert!(common::SITE_TOML.contains("https://www.example.se/avvikelser/"));
    let h = start(&site);
    let origin = h.url();
    let mut todo = vec!["index.html".to_string()];
    let mut seen = std::collections::BTreeSet::new();
    while let Some(file) = todo.pop() {
        if !seen.insert(file.clone()) || seen.len() > 500 {
            continue;
        }
        let r = get(&h, &format!("/{file}"));
        assert_eq!(r.status, 200, "/{file} (linked from a page)");
        if !file.ends_with(".html") {
            continue;
        }
        for href in common::links(&r.body) {
            let target = if let Some(rest) = href.strip_prefix(&origin) {
                Some(common::resolve("index.html", rest).expect("relative"))
            } else if href.starts_with("/__insyn/") {
                None
            } else if href.starts_with("http") || href.starts_with("mailto:") || href.starts_with('#') {
                assert!(!href.contains("www.example.se/avvikelser"), "{file} links to production: {href}");
                None
            } else {
                Some(common::resolve(&file, &href).unwrap_or_else(|| panic!("{file}: {href}")))
            };
            todo.extend(target);
        }
    }
    assert!(seen.len() >= 8, "crawled {seen:?}");
    let home = get(&h, "/").body;
    assert!(home.contains(&format!("<link rel=\"canonical\" href=\"{origin}\">")), "{home}");
}

#[test]
fn drafts_only_with_drafts() {
    let site = TestSite::minimal();
    site.write(
        "content/periods/2023-q1/utkast.md",
        "+++\ntitle = \"Ett utkast\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-01\ndraft = true\n+++\nText.\n",
    );
    let h = start(&site);
    assert_eq!(get(&h, "/avvikelser/utkast/").status, 404);
    h.stop();
    let h = Server::start(ServeOptions { drafts: true, ..ServeOptions::local(site.path()) }).expect("starts");
    assert_eq!(get(&h, "/avvikelser/utkast/").status, 200);
}

#[test]
fn a_waiting_status_request_returns_after_the_rebuild() {
    let site = TestSite::minimal();
    let h = start(&site);
    let v = version(&h);
    let addr = h.addr();
    let waiting = std::thread::spawn(move || {
        let started = Instant::now();
        let r = request(addr, &format!("/__insyn/status?since={v}"), &addr.to_string());
        (r, started.elapsed())
    });
    std::thread::sleep(Duration::from_millis(300));
    site.write("site.toml", &common::SITE_TOML.replace("Testrapport", "Ny rapport"));
    let (r, took) = waiting.join().expect("thread");
    let s: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    assert!(s["version"].as_u64().expect("version") > v, "{s}");
    assert!(took < REBUILD_TIMEOUT, "{took:?}");
    wait_for_build(&h, v, 2);
    assert!(get(&h, "/").body.contains("Ny rapport"));
}

#[test]
fn editor_temp_files_and_the_output_folder_do_not_rebuild() {
    let site = TestSite::minimal();
    let h = start(&site);
    let v = version(&h);
    site.write("content/periods/2023-q1/.lon-stopp.md.swp", "x");
    site.write("content/periods/2023-q1/lon-stopp.md~", "x");
    site.write("output/index.html", "x");
    site.write("README.md", "x");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(version(&h), v, "no rebuild for files the build does not read");
}

#[test]
fn a_taken_port_is_reported_and_stop_frees_it() {
    let site = TestSite::minimal();
    let h = start(&site);
    let port = h.addr().port();
    let taken = Server::start(ServeOptions { port, ..ServeOptions::local(site.path()) });
    assert!(matches!(taken, Err(ServeError::AddrInUse(_))), "{:?}", taken.err());
    h.stop();
    let again = Server::start(ServeOptions { port, ..ServeOptions::local(site.path()) }).expect("port is free again");
    assert_eq!(again.addr().port(), port);
}

#[test]
fn the_command_line_serves_until_stopped() {
    let site = TestSite::minimal();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_insyn"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.path())
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start insyn serve");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let addr: SocketAddr = loop {
        let line = rx.recv_timeout(REBUILD_TIMEOUT).unwrap_or_else(|_| panic!("no address printed: {seen:?}"));
        if let Some(url) = line.strip_prefix("Serving the preview at http://") {
            break url.split('/').next().expect("host").parse().expect("address");
        }
        seen.push(line);
    };
    assert!(
        seen.iter().any(|l| l.starts_with("Built ") && l.contains(" pages from 1 record") && l.contains(" ms")),
        "{seen:?}"
    );
    let r = request(addr, "/", &addr.to_string());
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(r.status, 200);
}

// ---------------------------------------------------------------------------
// Rebuilds after edits, as a user sees them through HTTP. Between rebuilds
// the preview reads again only the content files that changed (or walks
// content/ when files were added, removed or renamed) and renders pages when
// they are asked for; these tests check that what it serves is always the
// latest content, and the same bytes `insyn build` writes.

/// A second service and a record of it, so that one record can change while
/// another, which shows nothing of the first, stays the same.
fn two_services() -> TestSite {
    let site = TestSite::minimal();
    site.write(
        "content/services/rek.toml",
        "name = \"Rekrytering\"\narea = \"hr\"\ntier = \"base\"\nsystem = \"Visma Recruit\"\n",
    );
    site.write(OTHER, &record("Rekryteringen låg nere", "rek", "2023-03-01", "Rekryteringen låg nere en dag."));
    site
}

const OTHER: &str = "content/periods/2023-q1/rek-nere.md";

/// The text of a record file.
fn record(title: &str, service: &str, date: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\nkind = \"incident\"\nservice = \"{service}\"\ndate = {date}\n+++\n{body}\n")
}

/// Replaces the first `from` in a file of the site by `to`, writing the file
/// in place as most editors do; panics when `from` is not in the file.
fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} has no {from:?}:\n{text}");
    site.write(rel, &text.replacen(from, to, 1));
}

/// Replaces a file of the site at once (written beside the site, then
/// renamed into place), so that no rebuild can see it half written: for
/// tests that count builds.
fn replace_file(site: &TestSite, rel: &str, text: &str) {
    let staged = site.path().join("staged.new");
    std::fs::write(&staged, text).expect("write the new file");
    std::fs::rename(&staged, site.path().join(rel)).expect("rename it into place");
}

/// The visible text of a page that must answer 200.
fn page_text(h: &ServerHandle, path: &str) -> String {
    let r = get(h, path);
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    common::text(&r.body)
}

/// Waits until a good rebuild after version `since` is served and `path`
/// answers so that `done` holds (an editor's save can take more than one
/// rebuild, so the page is asked again until then); panics after
/// [`REBUILD_TIMEOUT`] with the last answer.
fn wait_for_page(h: &ServerHandle, since: u64, path: &str, done: impl Fn(&Resp) -> bool) -> Resp {
    let started = Instant::now();
    loop {
        let s = status(h);
        if s["version"].as_u64().expect("version") > since && s["error"].is_null() {
            let r = get(h, path);
            if done(&r) {
                return r;
            }
            assert!(
                started.elapsed() < REBUILD_TIMEOUT,
                "{path} not as expected within {REBUILD_TIMEOUT:?}; status {s}; answer {}:\n{}",
                r.status,
                common::text(&r.body)
            );
        } else {
            assert!(started.elapsed() < REBUILD_TIMEOUT, "no good rebuild within {REBUILD_TIMEOUT:?}; status {s}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits until the visible text of `path` contains `wanted`.
fn wait_for_text(h: &ServerHandle, since: u64, path: &str, wanted: &str) -> String {
    let r = wait_for_page(h, since, path, |r| r.status == 200 && common::text(&r.body).contains(wanted));
    common::text(&r.body)
}

/// The live-reload script tag the preview adds to each page, with the line
/// break the theme's `base.html` writes after it (without the script, the
/// template writes nothing there: not even the line break).
fn live_tag(build: u64) -> String {
    format!("<script src=\"/__insyn/live.js?build={build}\" defer></script>\n")
}

/// Builds the site with the `insyn` binary, with the preview's address as
/// base URL, into a temporary folder, and checks that the preview serves
/// every file it wrote, with the same bytes and the right Content-Type.
/// HTML pages are compared once the live-reload tag of the current build is
/// taken out (it must be there exactly once in every page but the redirect
/// pages of `aliases`, whose template has no place for it). Nothing else is
/// normalised.
///
/// With `parallel`, the files are asked for from several threads at once,
/// so that pages and the charts, exports and sizes they share are rendered
/// concurrently. Also checks that every local link of every served page
/// names a file the build wrote (nothing is only in the preview). Returns
/// how many files were compared.
fn assert_serves_what_build_writes(site: &TestSite, h: &ServerHandle, parallel: bool) -> usize {
    let out = tempfile::tempdir().expect("temp dir");
    let url = h.url();
    let run = site.run(&["build", "--quiet", "--base-url", &url, "--output", out.path().to_str().expect("UTF-8 path")]);
    assert_eq!(run.code, Some(0), "insyn build failed:\n{}", run.stderr);
    let built: Vec<(String, Vec<u8>)> = common::snapshot(out.path())
        .into_iter()
        // `.insyn-output` marks a folder `insyn build` wrote: not a page of the site.
        .filter(|(path, _)| !path.ends_with('/') && path != ".insyn-output")
        .collect();
    assert!(built.len() > 20, "the build wrote {} files", built.len());
    let paths: Vec<&str> = built.iter().map(|(p, _)| p.as_str()).collect();
    // The files of one build: asked for again if a late event of the last
    // edit rebuilt the site meanwhile.
    let (build, served) = (0..3)
        .find_map(|_| {
            let s = status(h);
            assert!(s["error"].is_null(), "{s}");
            let served = fetch_all(h, &paths, parallel);
            (status(h)["version"] == s["version"]).then(|| (s["build"].as_u64().expect("build"), served))
        })
        .expect("the site stays the same while it is read");
    let tag = live_tag(build);

    let built_paths: std::collections::BTreeSet<&str> = paths.iter().copied().collect();
    for ((path, want), r) in built.iter().zip(&served) {
        assert_eq!(r.status, 200, "/{path}: {}", r.body);
        assert_eq!(r.header("Content-Type"), Some(insyn::cmd::serve::http::content_type(path)), "/{path}");
        let mut got = r.bytes.clone();
        // Every page but the redirects of `aliases` (alias.html does not extend base.html).
        if path.ends_with(".html") && !r.body.contains("http-equiv=\"refresh\"") {
            assert_eq!(r.body.matches(&tag).count(), 1, "/{path} has the live-reload tag of build {build} once");
            let at = got.windows(tag.len()).position(|w| w == tag.as_bytes()).expect("the tag");
            got.drain(at..at + tag.len());
        }
        assert!(!String::from_utf8_lossy(&got).contains("/__insyn/"), "/{path}: a preview link is left");
        if got != *want {
            panic!("/{path} differs from what insyn build wrote: {}", first_difference(want, &got));
        }
        if path.ends_with(".html") {
            for href in common::links(&r.body) {
                let target = match href.strip_prefix(&url) {
                    Some(rest) => common::resolve("index.html", rest),
                    None if href.starts_with("/__insyn/") => None,
                    None => common::resolve(path, &href),
                };
                if let Some(target) = target {
                    assert!(
                        built_paths.contains(target.as_str()),
                        "/{path} links to {href}, which build did not write"
                    );
                }
            }
        }
    }
    built.len()
}

/// Asks for every path, in order or from several threads at once.
fn fetch_all(h: &ServerHandle, paths: &[&str], parallel: bool) -> Vec<Resp> {
    if parallel {
        let threads = 4;
        let mut answers: Vec<Option<Resp>> = (0..paths.len()).map(|_| None).collect();
        std::thread::scope(|scope| {
            let jobs: Vec<_> = (0..threads)
                .map(|t| {
                    scope.spawn(move || {
                        (t..paths.len())
                            .step_by(threads)
                            .map(|i| (i, get(h, &format!("/{}", paths[i]))))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for job in jobs {
                for (i, r) in job.join().expect("request thread") {
                    answers[i] = Some(r);
                }
            }
        });
        answers.into_iter().map(|r| r.expect("answered")).collect()
    } else {
        paths.iter().map(|p| get(h, &format!("/{p}"))).collect()
    }
}

/// Where two files first differ, with some context from each.
fn first_difference(want: &[u8], got: &[u8]) -> String {
    let at = want.iter().zip(got).position(|(a, b)| a != b).unwrap_or(want.len().min(got.len()));
    let around = |b: &[u8]| String::from_utf8_lossy(&b[at.saturating_sub(80)..(at + 80).min(b.len())]).into_owned();
    format!(
        "at byte {at} (build wrote {} bytes, preview served {}):\n--- build:\n{}\n--- preview:\n{}",
        want.len(),
        got.len(),
        around(want),
        around(got)
    )
}

#[test]
fn an_edited_title_shows_on_its_page_on_the_list_and_on_its_service() {
    let site = two_services();
    let h = start(&site);
    let before = page_text(&h, "/avvikelser/lon-stopp/");
    assert!(before.contains("Lönekörningen stoppade"), "{before}");
    assert!(page_text(&h, "/avvikelser/").contains("Lönekörningen stoppade"));
    assert!(page_text(&h, "/tjanster/lon/").contains("Lönekörningen stoppade"));
    let other_before = get(&h, "/avvikelser/rek-nere/");
    assert_eq!(other_before.status, 200);

    let v = version(&h);
    edit(&site, RECORD, "title = \"Lönekörningen stoppade\"", "title = \"Lönekörningen avbröts\"");
    wait_for_text(&h, v, "/avvikelser/lon-stopp/", "Lönekörningen avbröts");
    let build = status(&h)["build"].as_u64().expect("build");
    assert!(build >= 2);
    let page = get(&h, "/avvikelser/lon-stopp/");
    assert!(common::between(&page.body, "<title>", "</title>").contains("Lönekörningen avbröts"), "{}", page.body);
    assert!(common::text(common::between(&page.body, "<h1", "</h1>")).contains("Lönekörningen avbröts"));
    // The lists (the record's text, which still says "stoppade", is not on them).
    for path in ["/avvikelser/", "/tjanster/lon/", "/perioder/2023-q1/", "/"] {
        let text = page_text(&h, path);
        assert!(text.contains("Lönekörningen avbröts"), "{path} shows the new title: {text}");
        assert!(!text.contains("Lönekörningen stoppade"), "{path} still shows the old title: {text}");
    }
    let feed = get(&h, "/feed.xml");
    assert!(feed.body.contains("<title type=\"text\">Lönekörningen avbröts</title>"), "{}", feed.body);
    assert!(!feed.body.contains("<title type=\"text\">Lönekörningen stoppade</title>"), "{}", feed.body);
    // The record that did not change: the same page, from the new build.
    let other = get(&h, "/avvikelser/rek-nere/");
    assert_eq!(other.status, 200);
    assert_eq!(other.body, other_before.body.replace("live.js?build=1", &format!("live.js?build={build}")));
    assert!(common::text(&other.body).contains("Rekryteringen låg nere en dag."));
    h.stop();
}

#[test]
fn added_and_removed_records_and_a_renamed_period_folder() {
    let site = TestSite::minimal();
    let h = start(&site);
    let new = "content/periods/2023-q1/ny-avvikelse.md";
    assert_eq!(get(&h, "/avvikelser/ny-avvikelse/").status, 404);

    // A new record file: its page, and a line on the lists.
    let v = version(&h);
    site.write(new, &record("Lönefilen kom fram för sent", "lon", "2023-03-10", "Filen kom en dag för sent."));
    let text = wait_for_text(&h, v, "/avvikelser/ny-avvikelse/", "Filen kom en dag för sent.");
    assert!(text.contains("Lönefilen kom fram för sent"), "{text}");
    for path in ["/avvikelser/", "/tjanster/lon/", "/perioder/2023-q1/"] {
        let text = page_text(&h, path);
        assert!(
            text.contains("Lönefilen kom fram för sent") && text.contains("Lönekörningen stoppade"),
            "{path}: {text}"
        );
    }
    assert!(get(&h, "/data/records.csv").body.contains("ny-avvikelse"));

    // Removed: its page is gone, and so is its line.
    let v = version(&h);
    site.remove(new);
    wait_for_page(&h, v, "/avvikelser/ny-avvikelse/", |r| r.status == 404);
    for path in ["/avvikelser/", "/tjanster/lon/", "/perioder/2023-q1/"] {
        let text = page_text(&h, path);
        assert!(!text.contains("Lönefilen kom fram för sent"), "{path} still lists the removed record: {text}");
        assert!(text.contains("Lönekörningen stoppade"), "{path}: {text}");
    }
    assert!(!get(&h, "/data/records.csv").body.contains("ny-avvikelse"));

    // A period folder renamed with its period.toml and records: the period
    // page moves to the new id, the record stays and links there.
    let v = version(&h);
    std::fs::rename(site.path().join("content/periods/2023-q1"), site.path().join("content/periods/2023-kv1"))
        .expect("rename the period folder");
    wait_for_page(&h, v, "/perioder/2023-kv1/", |r| r.status == 200);
    assert_eq!(get(&h, "/perioder/2023-q1/").status, 404);
    assert!(page_text(&h, "/perioder/2023-kv1/").contains("Lönekörningen stoppade"));
    let page = get(&h, "/avvikelser/lon-stopp/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("perioder/2023-kv1/index.html") && !page.body.contains("2023-q1"), "{}", page.body);
    assert!(get(&h, "/perioder/").body.contains("perioder/2023-kv1/"));

    // The renamed folder is still watched: an edit in it is seen.
    let v = version(&h);
    edit(&site, "content/periods/2023-kv1/lon-stopp.md", "i två timmar.", "i tre timmar.");
    wait_for_text(&h, v, "/avvikelser/lon-stopp/", "i tre timmar.");
    // And a record added to it.
    let v = version(&h);
    site.write("content/periods/2023-kv1/ny.md", &record("Ännu en avvikelse", "lon", "2023-03-20", "Text."));
    wait_for_text(&h, v, "/avvikelser/ny/", "Ännu en avvikelse");
    assert!(page_text(&h, "/perioder/2023-kv1/").contains("Ännu en avvikelse"));
    h.stop();
}

#[test]
fn many_edits_in_a_row_each_show_their_latest_text() {
    let site = two_services();
    let h = start(&site);
    // The same record five times, with titles of the same length (so the
    // file's size does not tell the versions apart).
    for i in 1..=5 {
        let v = version(&h);
        site.write(RECORD, &record(&format!("Lönestopp nummer {i}"), "lon", "2023-02-14", &format!("Text {i}.")));
        let text = wait_for_text(&h, v, "/avvikelser/lon-stopp/", &format!("Text {i}."));
        assert!(text.contains(&format!("Lönestopp nummer {i}")), "{text}");
        for path in ["/avvikelser/", "/tjanster/lon/", "/perioder/2023-q1/"] {
            let text = page_text(&h, path);
            assert!(text.contains(&format!("Lönestopp nummer {i}")), "edit {i}: {path}: {text}");
            for j in (1..=5).filter(|&j| j != i) {
                assert!(!text.contains(&format!("Lönestopp nummer {j}")), "edit {i}: {path} shows version {j}: {text}");
            }
        }
    }
    // Two records in turn.
    for i in 1..=3 {
        let v = version(&h);
        site.write(RECORD, &record(&format!("Lön A{i}"), "lon", "2023-02-14", "Text."));
        wait_for_text(&h, v, "/avvikelser/lon-stopp/", &format!("Lön A{i}"));
        let v = version(&h);
        site.write(OTHER, &record(&format!("Rekrytering B{i}"), "rek", "2023-03-01", "Text."));
        wait_for_text(&h, v, "/avvikelser/rek-nere/", &format!("Rekrytering B{i}"));
        let list = page_text(&h, "/avvikelser/");
        assert!(list.contains(&format!("Lön A{i}")) && list.contains(&format!("Rekrytering B{i}")), "{i}: {list}");
        assert!(page_text(&h, "/avvikelser/lon-stopp/").contains(&format!("Lön A{i}")));
    }
    // A burst of edits without waiting (one rebuild or several), an added
    // record among them: the last version of each file wins.
    let v = version(&h);
    site.write(RECORD, &record("Lön A8", "lon", "2023-02-14", "Text."));
    site.write(OTHER, &record("Rekrytering B8", "rek", "2023-03-01", "Text."));
    site.write("content/periods/2023-q1/tredje.md", &record("Tredje posten", "lon", "2023-03-05", "Text."));
    site.write(RECORD, &record("Lön A9", "lon", "2023-02-14", "Text."));
    site.write(OTHER, &record("Rekrytering B9", "rek", "2023-03-01", "Text."));
    wait_for_page(&h, v, "/avvikelser/", |r| {
        let t = common::text(&r.body);
        t.contains("Lön A9") && t.contains("Rekrytering B9") && t.contains("Tredje posten")
    });
    // Every page (and every other file) shows the latest content: exactly
    // what a build of the files as they are now writes.
    assert_serves_what_build_writes(&site, &h, false);
    h.stop();
}

#[test]
fn an_editor_save_through_a_temp_file_and_a_rename_is_seen() {
    let site = TestSite::minimal();
    let h = start(&site);
    let dir = "content/periods/2023-q1";
    // Hidden temp files (ignored by the watcher), temp files with names that
    // mean nothing (`sed -i`), and a file moved in from outside content/.
    for (i, temp) in
        [format!("{dir}/.tmp-xyz"), format!("{dir}/sedAb3xYz"), "lon-stopp.md.new".to_string()].iter().enumerate()
    {
        let v = version(&h);
        let body = format!("Sparad via en temporär fil, gång {i}.");
        site.write(temp, &record("Lönekörningen stoppade", "lon", "2023-02-14", &body));
        std::fs::rename(site.path().join(temp), site.path().join(RECORD)).expect("rename over the record");
        wait_for_text(&h, v, "/avvikelser/lon-stopp/", &body);
        assert!(page_text(&h, "/tjanster/lon/").contains("Lönekörningen stoppade"));
        assert!(get(&h, "/data/records.json").body.contains(&body), "{temp}: the export has the new text");
    }
    // An in-place edit after the renames (the record is now another inode).
    let v = version(&h);
    edit(&site, RECORD, "gång 2.", "gång 3.");
    wait_for_text(&h, v, "/avvikelser/lon-stopp/", "gång 3.");
    let s = status(&h);
    assert!(s["error"].is_null(), "{s}");
    h.stop();
}

#[test]
fn every_served_file_equals_what_build_writes() {
    let site = TestSite::example();
    let h = start(&site);
    let rel = "content/periods/2023-jan-maj/agresso-minnesbrist-servrar.md";
    // Files rendered for the first (eager) build are dropped by the rebuild
    // after an edit: everything below is rendered when asked for.
    let v = version(&h);
    edit(
        &site,
        rel,
        "title = \"Inte tillräckligt med minne på alla fyra servrarna, ingen kontakt med servrarna\"",
        "title = \"För lite minne på servrarna\"\naliases = [\"/gammal/minnesbrist/\"]",
    );
    wait_for_text(&h, v, "/avvikelser/agresso-minnesbrist-servrar/", "För lite minne på servrarna");
    let first = assert_serves_what_build_writes(&site, &h, false);
    assert!(get(&h, "/gammal/minnesbrist/").body.contains("För lite minne på servrarna"));

    // Again after another edit, with the files asked for at the same time.
    let v = version(&h);
    edit(&site, rel, "Utökat minne på relevanta servrar", "Mer minne i alla servrar");
    wait_for_text(&h, v, "/avvikelser/agresso-minnesbrist-servrar/", "Mer minne i alla servrar");
    let second = assert_serves_what_build_writes(&site, &h, true);
    assert_eq!(first, second);
    assert!(first >= 98, "compared {first} files");
    h.stop();
}

/// The default theme's record template, copied into the site so that the
/// test can break it.
const RECORD_TEMPLATE: &str = "themes/default/templates/record.html";

fn with_record_template() -> (TestSite, String) {
    let site = TestSite::minimal();
    let template = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(RECORD_TEMPLATE))
        .expect("the default record template");
    site.write(RECORD_TEMPLATE, &template);
    (site, template)
}

#[test]
fn a_template_that_fails_to_render_fails_the_rebuild_and_fixing_it_recovers() {
    let (site, template) = with_record_template();
    let h = start(&site);
    assert_eq!(h.build_count(), 1);
    let good = get(&h, "/avvikelser/lon-stopp/");
    assert_eq!(good.status, 200);

    // It compiles, but fails on every record page.
    let v = version(&h);
    let broken = template.replacen("{% block content %}", "{% block content %}{{ nope.nope }}", 1);
    assert_ne!(broken, template);
    replace_file(&site, RECORD_TEMPLATE, &broken);
    let s = wait_for_error(&h, v);
    assert_eq!(s["build"], 1, "{s}");
    let error = s["error"].as_str().expect("error");
    assert!(error.contains("nope"), "the message names what failed: {error}");
    assert!(error.contains("record.html"), "the message names the template: {error}");
    // The last good site stays served, pages asked for before or not.
    let page = get(&h, "/avvikelser/lon-stopp/");
    assert_eq!(page.status, 200);
    assert_eq!(page.body, good.body);
    assert_eq!(get(&h, "/tjanster/lon/").status, 200);
    assert!(get(&h, "/perioder/2023-q1/").body.contains("live.js?build=1"));

    // Fixed: a new good build, every page served.
    let v = version(&h);
    replace_file(
        &site,
        RECORD_TEMPLATE,
        &template.replace("<h1>{{ record.title_html }}</h1>", "<h1 class=\"ny\">{{ record.title_html }}</h1>"),
    );
    wait_for_build(&h, v, 2);
    let page = get(&h, "/avvikelser/lon-stopp/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<h1 class=\"ny\">"), "{}", page.body);
    assert!(page.body.contains("live.js?build=2"));
    h.stop();
}

#[test]
fn a_content_edit_that_makes_a_template_fail_answers_500_on_that_page() {
    let (site, template) = with_record_template();
    // A template that fails only for some content.
    let fragile = template.replacen(
        "{% block content %}",
        "{% block content %}{% if record.title == \"Trasig\" %}{{ nope.nope }}{% endif %}",
        1,
    );
    site.write(RECORD_TEMPLATE, &fragile);
    let h = start(&site);
    assert_eq!(get(&h, "/avvikelser/lon-stopp/").status, 200);

    let v = version(&h);
    edit(&site, RECORD, "title = \"Lönekörningen stoppade\"", "title = \"Trasig\"");
    let r = wait_for_page(&h, v, "/avvikelser/lon-stopp/", |r| r.status != 200 || r.body.contains("Trasig"));
    assert_eq!(r.status, 500, "{}", r.body);
    assert!(r.body.contains("avvikelser/lon-stopp/index.html"), "the error page names the file: {}", r.body);
    assert!(r.body.contains("nope") && r.body.contains("record.html"), "the error page has the message: {}", r.body);
    assert!(r.body.contains("/__insyn/live.js"), "the error page reloads by itself");
    // The other pages are fine.
    assert!(page_text(&h, "/avvikelser/").contains("Trasig"));

    let v = version(&h);
    edit(&site, RECORD, "title = \"Trasig\"", "title = \"Hel igen\"");
    wait_for_text(&h, v, "/avvikelser/lon-stopp/", "Hel igen");
    h.stop();
}

/// A template that broke a rebuild is still broken after a content-only
/// edit: that rebuild must fail too, with the last good site still served.
/// Fails today: the content edit renders nothing at once, so the rebuild
/// counts as good, the error disappears from the status, and the record
/// pages answer 500.
#[test]
fn a_broken_template_stays_a_failed_rebuild_after_a_content_edit() {
    let (site, template) = with_record_template();
    let h = start(&site);
    let good = get(&h, "/avvikelser/lon-stopp/");
    let v = version(&h);
    replace_file(
        &site,
        RECORD_TEMPLATE,
        &template.replacen("{% block content %}", "{% block content %}{{ nope.nope }}", 1),
    );
    wait_for_error(&h, v);
    let v = version(&h);
    edit(&site, RECORD, "i två timmar.", "i tre timmar.");
    let s = wait_for(&h, v, |_| true);
    assert!(s["error"].as_str().is_some_and(|e| e.contains("nope")), "the template is still broken: {s}");
    assert_eq!(s["build"], 1, "{s}");
    assert_eq!(get(&h, "/avvikelser/lon-stopp/").body, good.body, "the last good site stays served");
}

/// Switching `theme` in site.toml to a theme whose template fails fails the
/// rebuild, as `insyn build` fails. Fails today: a change of site.toml
/// renders on demand, so the status reports a good build and the record
/// pages answer 500.
#[test]
fn switching_to_a_theme_that_fails_fails_the_rebuild() {
    let site = TestSite::minimal();
    let template = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(RECORD_TEMPLATE))
        .expect("the default record template");
    site.write(
        "themes/other/templates/record.html",
        &template.replacen("{% block content %}", "{% block content %}{{ nope.nope }}", 1),
    );
    let h = start(&site);
    let v = version(&h);
    site.write("site.toml", &format!("theme = \"other\"\n{}", common::SITE_TOML));
    let s = wait_for(&h, v, |_| true);
    let out = tempfile::tempdir().expect("temp dir");
    let build = site.run(&["build", "--quiet", "--output", out.path().to_str().expect("UTF-8")]);
    assert_ne!(build.code, Some(0), "insyn build fails with the other theme…");
    assert!(s["error"].as_str().is_some_and(|e| e.contains("nope")), "…and so does the rebuild: {s}");
    assert_eq!(get(&h, "/avvikelser/lon-stopp/").status, 200, "the last good site stays served");
}
