//! Answering the browser: output files, the preview's reload script and
//! its status endpoint (which may wait for the next rebuild).

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use tiny_http::{Header, Request, Response};

use super::http::{self, BadPath, Resolved};
use super::state::{State, Status};

/// The reload script's path.
pub const LIVE_SCRIPT: &str = "/__insyn/live.js";
/// The status endpoint's path.
pub const STATUS_PATH: &str = "/__insyn/status";
const LIVE_JS: &str = include_str!("live.js");
/// How long a status request waits for a rebuild.
const LONG_POLL: Duration = Duration::from_secs(25);
/// Waiting status requests beyond this many are answered at once.
const MAX_WAITING: usize = 64;

/// A request thread: answers requests until the server stops.
pub(super) fn serve_requests(server: &Arc<tiny_http::Server>, state: &Arc<State>) {
    while !state.stopping.load(Ordering::SeqCst) {
        match server.recv_timeout(Duration::from_millis(100)) {
            Ok(Some(request)) => handle(request, state),
            Ok(None) => {}
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
    let mut r = Response::from_data(body).with_status_code(status);
    for h in [
        header("Content-Type", content_type),
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
    ]
    .into_iter()
    .flatten()
    {
        r.add_header(h);
    }
    r
}

fn text_reply(status: u16, text: &str) -> Reply {
    reply(status, "text/plain; charset=utf-8", format!("{text}\n").into_bytes())
}

fn respond(request: Request, response: Reply) {
    // The client may have gone away; nothing to do about that.
    let _ = request.respond(response);
}

fn handle(request: Request, state: &Arc<State>) {
    use tiny_http::Method;
    if !matches!(request.method(), Method::Get | Method::Head) {
        let mut r = text_reply(405, "insyn serve only answers GET and HEAD");
        if let Some(h) = header("Allow", "GET, HEAD") {
            r.add_header(h);
        }
        return respond(request, r);
    }
    if state.loopback {
        let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_string());
        if host.as_deref().is_some_and(|h| !http::is_local_host(h)) {
            return respond(request, text_reply(403, "insyn serve answers only to localhost and 127.0.0.1"));
        }
    }
    let target = request.url().to_string();
    let path = match http::parse_path(&target) {
        Ok(p) => p,
        Err(e) => {
            let status = if e == BadPath::Traversal { 404 } else { 400 };
            return respond(request, text_reply(status, e.describe()));
        }
    };
    match path.as_str() {
        "__insyn/live.js" => return respond(request, reply(200, "text/javascript; charset=utf-8", LIVE_JS.into())),
        "__insyn/status" => return status_request(request, &target, state),
        p if p.starts_with("__insyn/") => return respond(request, text_reply(404, "no such preview endpoint")),
        _ => {}
    }
    let (site, error) = {
        let inner = state.lock();
        (inner.site.clone(), inner.status.error.clone())
    };
    let Some(site) = site else {
        let page =
            http::error_page(error.as_deref().unwrap_or("The site is being built."), &format!("{LIVE_SCRIPT}?build=0"));
        return respond(request, reply(500, "text/html; charset=utf-8", page.into_bytes()));
    };
    let response = match http::resolve(&site, &path) {
        Resolved::File(key) => match site.files.get(&key) {
            Ok(bytes) => reply(200, http::content_type(&key), bytes.map(|b| b.to_vec()).unwrap_or_default()),
            Err(message) => {
                eprintln!("error: {key}: {message}");
                let page = http::error_page(&format!("{key}: {message}"), LIVE_SCRIPT);
                reply(500, "text/html; charset=utf-8", page.into_bytes())
            }
        },
        Resolved::Redirect(to) => {
            let mut r = text_reply(301, &format!("moved to {to}"));
            if let Some(h) = header("Location", &to) {
                r.add_header(h);
            }
            r
        }
        Resolved::NotFound => match site.files.get("404.html") {
            Ok(Some(page)) => reply(404, "text/html; charset=utf-8", page.to_vec()),
            _ => text_reply(404, "not found"),
        },
    };
    respond(request, response);
}

/// `/__insyn/status[?since=V]`: answers at once, or when `since` is the
/// current version, after the next rebuild (or [`LONG_POLL`]).
fn status_request(request: Request, target: &str, state: &Arc<State>) {
    let since: Option<u64> = target
        .split_once('?')
        .and_then(|(_, q)| q.split('&').find_map(|kv| kv.strip_prefix("since=")))
        .and_then(|v| v.parse().ok());
    let current = state.lock().status.version;
    let must_wait = since == Some(current);
    if !must_wait || state.waiting.load(Ordering::SeqCst) >= MAX_WAITING {
        return respond(request, status_reply(&state.lock().status));
    }
    state.waiting.fetch_add(1, Ordering::SeqCst);
    let state = Arc::clone(state);
    std::thread::spawn(move || {
        let deadline = Instant::now() + LONG_POLL;
        let mut inner = state.lock();
        while inner.status.version == current && !state.stopping.load(Ordering::SeqCst) {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            // Wake up now and then to notice a stop even without a notify.
            let wait = (deadline - now).min(Duration::from_millis(500));
            inner = match state.changed.wait_timeout(inner, wait) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        let status = inner.status.clone();
        drop(inner);
        state.waiting.fetch_sub(1, Ordering::SeqCst);
        respond(request, status_reply(&status));
    });
}

fn status_reply(status: &Status) -> Reply {
    let body = serde_json::to_vec(status).unwrap_or_else(|_| b"{}".to_vec());
    reply(200, "application/json", body)
}
