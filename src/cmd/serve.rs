//! `insyn serve`: a preview of the site on this machine that rebuilds when a
//! file changes and reloads the open pages by itself.
//!
//! The site is compiled into memory (nothing is written to disk) and served
//! from a map of output paths; see [`http`] for how a request path becomes a
//! key of that map. A watcher thread rebuilds after changes to `site.toml`,
//! `content/` or `themes/` ([`watch`]). A failed rebuild keeps the last good
//! site served; the error goes to the terminal and, through the status
//! endpoint, to a banner that the preview's script shows in the page.
//!
//! Endpoints of the preview itself, all under `/__insyn/`:
//! - `live.js`: the reload script that every previewed page loads;
//! - `status?since=V`: `{"build": B, "version": V, "error": "…" | null}`.
//!   `build` counts good builds; `version` counts every rebuild, good or
//!   failed. With `since` equal to the current version the request waits
//!   (up to 25 s) for the next rebuild.

pub mod http;
pub mod watch;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tiny_http::{Header, Request, Response};

use self::http::{BadPath, Resolved, SiteFiles};
use self::watch::{Change, SiteWatcher};
use super::{EXIT_OK, EXIT_USAGE, Verbosity, count};
use crate::content;
use crate::diagnostics::{Diagnostics, stderr_wants_color};
use crate::render::RenderOptions;
use crate::render::on_demand::OnDemand;
use crate::{Options, prepare};

/// The port `insyn serve` uses when none is given.
pub const DEFAULT_PORT: u16 = 1111;
/// The reload script's path.
pub const LIVE_SCRIPT: &str = "/__insyn/live.js";
/// The status endpoint's path.
pub const STATUS_PATH: &str = "/__insyn/status";
const LIVE_JS: &str = include_str!("serve/live.js");
/// How long a status request waits for a rebuild.
const LONG_POLL: Duration = Duration::from_secs(25);
/// Waiting status requests beyond this many are answered at once.
const MAX_WAITING: usize = 64;
/// Threads answering requests (waiting status requests get their own).
const WORKERS: usize = 4;

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root (the folder with `site.toml`).
    pub root: PathBuf,
    /// The address to listen on; `127.0.0.1` unless asked otherwise.
    pub bind: IpAddr,
    /// The port; 0 picks a free one (see [`ServerHandle::addr`]).
    pub port: u16,
    /// Show drafts.
    pub drafts: bool,
    /// How much to print to stderr.
    pub verbosity: Verbosity,
}

impl ServeOptions {
    /// Options for the site at `root` on 127.0.0.1, on a free port, printing
    /// nothing but errors: what tests want.
    pub fn local(root: impl Into<PathBuf>) -> ServeOptions {
        ServeOptions {
            root: root.into(),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            drafts: false,
            verbosity: Verbosity::Quiet,
        }
    }
}

/// Why the preview could not start.
#[derive(Debug)]
pub enum ServeError {
    /// The port is taken.
    AddrInUse(SocketAddr),
    /// Listening failed otherwise (an address not on this machine, a port
    /// that needs privileges).
    Bind(SocketAddr, std::io::Error),
    /// The site root does not exist or cannot be watched.
    Watch(PathBuf, String),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::AddrInUse(a) => write!(f, "{a} is already in use; stop the other server or pass --port N"),
            ServeError::Bind(a, e) => write!(f, "cannot listen on {a}: {e}"),
            ServeError::Watch(root, e) => write!(f, "cannot watch {} for changes: {e}", root.display()),
        }
    }
}

impl std::error::Error for ServeError {}

/// The preview's state at one moment, as the status endpoint reports it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Status {
    /// Good builds so far (the first build is 1; 0 while none succeeded).
    pub build: u64,
    /// Builds so far, good or failed.
    pub version: u64,
    /// The diagnostics of the latest build when it failed, as plain text.
    pub error: Option<String>,
}

/// Shared between the request threads, the watcher and the handle.
struct State {
    inner: Mutex<Inner>,
    changed: Condvar,
    stopping: AtomicBool,
    waiting: AtomicUsize,
    loopback: bool,
}

struct Inner {
    site: Option<Arc<SiteFiles>>,
    status: Status,
}

impl State {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The preview server.
pub struct Server;

/// A running preview; stops when dropped.
pub struct ServerHandle {
    addr: SocketAddr,
    state: Arc<State>,
    threads: Vec<JoinHandle<()>>,
}

impl Server {
    /// Builds the site, starts listening and watching, and returns at once;
    /// the server runs on its own threads until [`ServerHandle::stop`]. A
    /// site with errors still starts: it shows the errors until they are
    /// fixed.
    pub fn start(options: ServeOptions) -> Result<ServerHandle, ServeError> {
        if !options.root.is_dir() {
            return Err(ServeError::Watch(options.root.clone(), "no such folder".to_string()));
        }
        let wanted = SocketAddr::new(options.bind, options.port);
        let listener = TcpListener::bind(wanted).map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => ServeError::AddrInUse(wanted),
            _ => ServeError::Bind(wanted, e),
        })?;
        let addr = listener.local_addr().map_err(|e| ServeError::Bind(wanted, e))?;
        let server = tiny_http::Server::from_listener(listener, None)
            .map_err(|e| ServeError::Bind(addr, std::io::Error::other(e.to_string())))?;
        let server = Arc::new(server);
        // Watch before the first build, so that no edit made during it is lost.
        let watcher =
            SiteWatcher::new(&options.root).map_err(|e| ServeError::Watch(options.root.clone(), e.to_string()))?;

        let state = Arc::new(State {
            inner: Mutex::new(Inner { site: None, status: Status { build: 0, version: 0, error: None } }),
            changed: Condvar::new(),
            stopping: AtomicBool::new(false),
            waiting: AtomicUsize::new(0),
            loopback: options.bind.is_loopback(),
        });
        let builder = Builder {
            options,
            base_url: format!("http://{}/", url_host(addr)),
            cache: Mutex::new(content::Cache::new()),
            every_page: Mutex::new(true),
        };
        builder.rebuild(&state, &[]);

        let mut threads = Vec::new();
        for _ in 0..WORKERS {
            let (server, state) = (Arc::clone(&server), Arc::clone(&state));
            threads.push(std::thread::spawn(move || serve_requests(&server, &state)));
        }
        let watch_state = Arc::clone(&state);
        threads.push(std::thread::spawn(move || builder.watch(watcher, &watch_state)));
        Ok(ServerHandle { addr, state, threads })
    }
}

impl ServerHandle {
    /// The address the preview listens on (with the port picked for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The preview's address as a URL, e.g. `http://127.0.0.1:1111/`.
    pub fn url(&self) -> String {
        format!("http://{}/", url_host(self.addr))
    }

    /// The number of good builds so far (1 after a good first build).
    pub fn build_count(&self) -> u64 {
        self.state.lock().status.build
    }

    /// The error text of the latest build, when it failed.
    pub fn last_error(&self) -> Option<String> {
        self.state.lock().status.error.clone()
    }

    /// Build count, rebuild count and the latest error together.
    pub fn status(&self) -> Status {
        self.state.lock().status.clone()
    }

    /// Blocks until the server stops (it does not stop by itself: this is
    /// what the command line does until Ctrl+C).
    pub fn wait(mut self) {
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }

    /// Stops listening and watching, and waits for the threads to end.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if self.threads.is_empty() {
            return;
        }
        self.state.stopping.store(true, Ordering::SeqCst);
        self.state.changed.notify_all();
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
        // The HTTP library closes its listening socket on a thread of its
        // own, just after the last request thread lets go of it: wait (a
        // little) until connections are refused, so that the port is free
        // when `stop` returns.
        let mut probe = self.addr;
        if probe.ip().is_unspecified() {
            probe.set_ip(if probe.is_ipv4() {
                IpAddr::V4(Ipv4Addr::LOCALHOST)
            } else {
                IpAddr::V6(Ipv6Addr::LOCALHOST)
            });
        }
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline && TcpStream::connect_timeout(&probe, Duration::from_millis(100)).is_ok() {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// `127.0.0.1:1111`, or `[::1]:1111` for IPv6.
fn url_host(addr: SocketAddr) -> String {
    addr.to_string()
}

/// Compiles the site and swaps the result in.
struct Builder {
    options: ServeOptions,
    base_url: String,
    /// The content files read so far.
    cache: Mutex<content::Cache>,
    /// Whether the next rebuild renders every page (at start, after a
    /// change to the theme or `site.toml`, until one such rebuild succeeds).
    every_page: Mutex<bool>,
}

impl Builder {
    fn quiet(&self) -> bool {
        self.options.verbosity == Verbosity::Quiet
    }

    /// Rebuilds once; `changed` names the files that triggered it (empty for
    /// the first build).
    ///
    /// Only files that changed are read again (the content cache), and pages
    /// are rendered when the browser asks for them. At start, after a theme
    /// change, and when the watcher lost track, every page is rendered at
    /// once instead, so that a template that fails on any page fails the
    /// rebuild.
    fn rebuild(&self, state: &State, changed: &[PathBuf]) {
        let next_build = state.lock().status.build + 1;
        let options = Options {
            root: self.options.root.clone(),
            base_url: Some(self.base_url.clone()),
            drafts: self.options.drafts,
            render: RenderOptions { live_reload_script: Some(format!("{LIVE_SCRIPT}?build={next_build}")) },
            ..Options::default()
        };
        // Every page until a good rebuild has rendered them all: a template
        // that failed stays a failed rebuild whatever changes next.
        let every_page = {
            let mut pending = self.every_page.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            *pending |= changed.iter().any(|p| {
                p.starts_with("themes")
                    || p.as_path() == Path::new("site.toml")
                    || p.as_path() == Path::new(watch::LOST_TRACK)
            });
            *pending
        };
        let started = Instant::now();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut cache = self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let lost_track = changed.iter().any(|p| p.as_path() == Path::new(watch::LOST_TRACK));
            cache.changed((!lost_track).then_some(changed));
            let prepared = prepare(&options, Some(&mut cache))?;
            let (mut diags, timings) = (prepared.diagnostics, prepared.timings);
            let site = OnDemand::new(prepared.site, &prepared.theme, &prepared.i18n, &options.render, &mut diags)
                .ok_or_else(|| diags.clone())?;
            if every_page && let Err(message) = site.render_all() {
                let mut failed = Diagnostics::new();
                failed.push(
                    crate::diagnostics::Diagnostic::error(Path::new("themes"), None, message)
                        .with_help("fix the template; the content itself is fine"),
                );
                return Err(failed);
            }
            Ok((site, diags, timings))
        }));
        let took = started.elapsed();
        match result {
            Ok(Ok((site, diags, timings))) => {
                if every_page {
                    *self.every_page.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = false;
                }
                let (files, pages) = site.counts();
                let s = site.site();
                let summary = Summary {
                    pages,
                    files,
                    records: s.records.len(),
                    services: s.services.len(),
                    periods: s.periods.len(),
                };
                let files =
                    Arc::new(SiteFiles { files: Box::new(site), prefix: production_prefix(&self.options.root) });
                let (was_failing, old) = {
                    let mut inner = state.lock();
                    let was_failing = inner.status.error.is_some();
                    let old = inner.site.replace(files);
                    inner.status.build = next_build;
                    inner.status.version += 1;
                    inner.status.error = None;
                    (was_failing, old)
                };
                // The old site is freed outside the lock (and after the new one is served).
                drop(old);
                state.changed.notify_all();
                self.report_success(&diags, &timings, &summary, took, changed, was_failing);
            }
            Ok(Err(diags)) => self.fail(state, &diags, took),
            Err(_) => {
                // Start from an empty cache: the panic may have left it half done.
                *self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = content::Cache::new();
                let mut diags = Diagnostics::new();
                diags.push(
                    crate::diagnostics::Diagnostic::error(Path::new("(insyn)"), None, "insyn failed inside (a bug)")
                        .with_help(
                            "please report it with the file you just changed; the last good build is still served",
                        ),
                );
                self.fail(state, &diags, took);
            }
        }
    }

    fn fail(&self, state: &State, diags: &Diagnostics, took: Duration) {
        let text = diags.render_plain();
        let has_site = {
            let mut inner = state.lock();
            inner.status.version += 1;
            inner.status.error = Some(text);
            inner.site.is_some()
        };
        state.changed.notify_all();
        diags.print(stderr_wants_color());
        if has_site {
            eprintln!("Build failed in {} ms; the last good build is still served.", took.as_millis());
        } else {
            eprintln!("Build failed in {} ms; the preview shows the errors until they are fixed.", took.as_millis());
        }
    }

    #[allow(clippy::too_many_arguments)] // each is one fact of the rebuild to report
    fn report_success(
        &self,
        diags: &Diagnostics,
        t: &crate::Timings,
        summary: &Summary,
        took: Duration,
        changed: &[PathBuf],
        was_failing: bool,
    ) {
        if self.quiet() {
            return;
        }
        if !diags.is_empty() {
            diags.print(stderr_wants_color());
        }
        let ms = took.as_millis();
        if changed.is_empty() {
            eprintln!(
                "Built {} from {}, {} and {} in {ms} ms",
                count(summary.pages, "page", "pages"),
                count(summary.records, "record", "records"),
                count(summary.services, "service", "services"),
                count(summary.periods, "period", "periods"),
            );
        } else {
            // Name the content files; an editor's temp file (`sedXYZ`, `4913`) says nothing.
            let named: Vec<&PathBuf> =
                changed.iter().filter(|p| p.extension().is_some() || p.components().count() == 1).collect();
            let shown = if named.is_empty() { changed.iter().collect() } else { named };
            let mut what = shown.iter().take(8).map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
            if shown.len() > 8 {
                what.push_str(&format!(" and {} more", shown.len() - 8));
            }
            let fixed = if was_failing { "Fixed. " } else { "" };
            eprintln!("{fixed}Rebuilt in {ms} ms ({what})");
        }
        if self.options.verbosity == Verbosity::Verbose {
            eprintln!(
                "  load {} ms, validate {} ms; {} files, pages rendered when asked for",
                t.load.as_millis(),
                t.validate.as_millis(),
                summary.files
            );
        }
    }

    /// The watcher loop: rebuild after each settled change until stopped.
    fn watch(self, mut watcher: SiteWatcher, state: &State) {
        while !state.stopping.load(Ordering::SeqCst) {
            match watcher.next_change(Duration::from_millis(100)) {
                Change::Files(changed) => self.rebuild(state, &changed),
                Change::Idle => {}
                Change::Closed => {
                    eprintln!("error: the file watcher stopped; restart insyn serve to see further changes");
                    return;
                }
            }
        }
    }
}

/// Counts taken from a build for its report.
struct Summary {
    pages: usize,
    files: usize,
    records: usize,
    services: usize,
    periods: usize,
}

/// The path of `base_url` in `site.toml` (`avvikelser`), read leniently.
fn production_prefix(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("site.toml")).ok()?;
    let table = text.parse::<toml::Table>().ok()?;
    let url = table.get("base_url")?.as_str()?;
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let path = rest.split_once('/').map_or("", |(_, p)| p).trim_matches('/');
    (!path.is_empty()).then(|| path.to_string())
}

/// A request thread: answers requests until the server stops.
fn serve_requests(server: &Arc<tiny_http::Server>, state: &Arc<State>) {
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

/// What `insyn serve` was asked to do on the command line.
#[derive(Debug, Clone)]
pub struct ServeArgs {
    /// Site root.
    pub root: PathBuf,
    /// Address to listen on.
    pub bind: IpAddr,
    /// Port; `None` means 1111, or the next free one up to 1120.
    pub port: Option<u16>,
    /// Show drafts.
    pub drafts: bool,
    /// How much to print.
    pub verbosity: Verbosity,
}

/// Runs `insyn serve` until the process is stopped; returns the exit status
/// when it cannot start.
pub fn run(args: ServeArgs) -> i32 {
    if !args.root.join("site.toml").is_file() {
        eprintln!(
            "error: there is no site.toml in {}; run insyn serve in the site's folder or pass --root DIR",
            args.root.display()
        );
        return EXIT_USAGE;
    }
    let ports: Vec<u16> = match args.port {
        Some(p) => vec![p],
        None => (DEFAULT_PORT..DEFAULT_PORT + 10).collect(),
    };
    let mut last_error = None;
    for port in ports {
        let options = ServeOptions {
            root: args.root.clone(),
            bind: args.bind,
            port,
            drafts: args.drafts,
            verbosity: args.verbosity,
        };
        match Server::start(options) {
            Ok(handle) => {
                if args.verbosity == Verbosity::Quiet {
                    // The one thing a quiet preview must still say.
                    println!("{}", handle.url());
                } else {
                    let drafts = if args.drafts { " with drafts" } else { "" };
                    eprintln!("Serving the preview{drafts} at {} (Ctrl+C stops it)", handle.url());
                    eprintln!("Watching site.toml, content/ and themes/; open pages reload after each change.");
                    if !args.bind.is_loopback() {
                        eprintln!(
                            "warning: listening on {}: other machines on the network can see the preview{}",
                            args.bind,
                            if args.drafts { ", drafts included" } else { "" }
                        );
                    }
                }
                handle.wait();
                return EXIT_OK;
            }
            Err(ServeError::AddrInUse(addr)) if args.port.is_none() => {
                last_error = Some(ServeError::AddrInUse(addr));
            }
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_USAGE;
            }
        }
    }
    if let Some(e) = last_error {
        eprintln!("error: {e} (ports {DEFAULT_PORT}–{} are all taken)", DEFAULT_PORT + 9);
    }
    EXIT_USAGE
}
