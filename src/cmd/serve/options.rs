//! What the preview serves, and where.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use crate::cmd::Verbosity;

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root (the folder with `site.toml`).
    pub root: PathBuf,
    /// The address to listen on; `127.0.0.1` unless asked otherwise.
    pub bind: IpAddr,
    /// The port; 0 picks a free one (see [`ServerHandle::addr`](super::ServerHandle::addr)).
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
