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
    body: String,
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
    let body = String::from_utf8_lossy(&raw[split + 4..]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status line");
    let headers =
        lines.filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))).collect();
    Resp { status, headers, body }
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
    assert!(seen.iter().any(|l| l.starts_with("Built 1") && l.contains(" ms")), "{seen:?}");
    let r = request(addr, "/", &addr.to_string());
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(r.status, 200);
}
