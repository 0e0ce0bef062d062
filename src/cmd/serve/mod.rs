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
//!
//! The parts: `server` starts and stops the threads, `rebuild` compiles
//! the site after a change and swaps it in, `requests` answers the
//! browser, `state` is what they share; [`http`] maps request paths to
//! output files and [`watch`] turns file events into rebuilds.

pub mod http;
mod options;
mod rebuild;
mod requests;
mod server;
mod state;
pub mod watch;

use std::net::IpAddr;
use std::path::PathBuf;

use super::{EXIT_OK, EXIT_USAGE, Verbosity};

pub use self::options::ServeOptions;
pub use self::requests::{LIVE_SCRIPT, STATUS_PATH};
pub use self::server::{ServeError, Server, ServerHandle};
pub use self::state::Status;

/// The port `insyn serve` uses when none is given.
pub const DEFAULT_PORT: u16 = 1111;

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
