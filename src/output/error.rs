//! Why the output could not be written.

use std::io;
use std::path::Path;

/// Why the output could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The output folder is not one insyn may replace.
    Refused(String),
    /// The disk said no.
    Io(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Refused(m) | WriteError::Io(m) => f.write_str(m),
        }
    }
}

/// An I/O failure on `path`, with what was being done.
pub fn io_err(what: &str, path: &Path, e: &io::Error) -> WriteError {
    WriteError::Io(format!("{what} {}: {e}", path.display()))
}
