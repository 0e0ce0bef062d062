//! Starting and stopping the preview: the listening socket, the request
//! threads and the watcher thread.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::options::ServeOptions;
use super::rebuild::Builder;
use super::requests::serve_requests;
use super::state::{Inner, State, Status};
use super::watch::SiteWatcher;

/// Threads answering requests (waiting status requests get their own).
const WORKERS: usize = 4;

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
        let builder = Builder::new(options, format!("http://{}/", url_host(addr)));
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
