//! Reading a content file, never more than a content file may hold.

use std::io::Read as _;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The largest file insyn reads as `site.toml` or from `content/`: 10 MiB
/// (10 485 760 bytes). A record is a few pages of text; a file hundreds of
/// times that size is a mistake (a pasted log, an embedded image), and
/// refusing it keeps a build's memory and time bounded.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Why a file could not be read.
enum ReadError {
    /// There is no such file.
    Missing,
    /// Not a regular file (a folder, a pipe, a device).
    NotAFile,
    /// Larger than [`MAX_FILE_BYTES`]; the size seen.
    TooLarge(u64),
    /// The disk said no.
    Io(std::io::Error),
}

/// Opens `path` if it is a regular file: the file and its size. A pipe is
/// opened without waiting for a writer and then refused: asking the open
/// file what it is, rather than the path before opening it, looks the path
/// up once instead of twice: 8 ms less CPU for the 10 312 files of a
/// 10 000-record corpus (a loop in C, median of 9: 56.4 ms with `stat` then
/// `open`, 48.6 ms with `open` then `fstat`, reading included).
#[cfg(unix)]
fn open_regular(path: &Path) -> Result<(std::fs::File, u64), ReadError> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(ReadError::from_open)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    Ok((file, meta.len()))
}

/// Opens `path` if it is a regular file: the file and its size. Looked at
/// before it is opened, as opening a pipe would wait for a writer.
#[cfg(not(unix))]
fn open_regular(path: &Path) -> Result<(std::fs::File, u64), ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::from_open)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    Ok((std::fs::File::open(path).map_err(ReadError::from_open)?, meta.len()))
}

impl ReadError {
    /// Why a file could not be opened (or looked at).
    fn from_open(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::Missing,
            _ => ReadError::Io(e),
        }
    }
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`], never more than that
/// limit (a file that grows while read is still refused).
fn read_bounded(path: &Path) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_regular(path)?;
    if len > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(len));
    }
    // Room for the size seen, so that the text is read without copying;
    // the limit is kept by reading at most one byte more than it.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    (&file).take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        // Only now is the whole size worth asking for, to report it.
        let size = file.metadata().map_or(bytes.len() as u64, |m| m.len());
        return Err(ReadError::TooLarge(size));
    }
    // The text may be kept for the whole build: no room to spare (a file
    // that shrank while it was read).
    bytes.shrink_to_fit();
    Ok(bytes)
}

/// Reads a file as UTF-8, reporting a file that cannot be read, is too
/// large or is not UTF-8. A missing file is `None` with no report.
pub(super) fn read_text(root: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
    let bytes = match read_bounded(&root.join(rel)) {
        Ok(b) => b,
        Err(ReadError::Missing) => return None,
        Err(ReadError::NotAFile) => {
            diags.push(
                Diagnostic::error(rel, None, "this is not a regular file")
                    .with_help("content files are ordinary text files; remove this one or replace it with a file"),
            );
            return None;
        }
        Err(ReadError::TooLarge(size)) => {
            diags.push(
                Diagnostic::error(
                    rel,
                    None,
                    format!(
                        "the file is too large: {:.1} MiB, and insyn reads at most {} MiB ({MAX_FILE_BYTES} bytes) from one file",
                        size as f64 / 1_048_576.0,
                        MAX_FILE_BYTES / 1_048_576
                    ),
                )
                .with_help("a record or page is a few pages of text: remove what does not belong in the report (a pasted log, an embedded image) or split it into several files"),
            );
            return None;
        }
        Err(ReadError::Io(e)) => {
            diags.push(
                Diagnostic::error(rel, None, format!("cannot read the file: {e}"))
                    .with_help("check that the file is readable"),
            );
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let before = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
            let line = before.matches('\n').count() + 1;
            diags.push(
                Diagnostic::error(rel, None, format!("the file is not UTF-8 text (first bad byte on line {line})"))
                    .with_help("save the file as UTF-8 in your editor (Save with encoding → UTF-8)"),
            );
            None
        }
    }
}
