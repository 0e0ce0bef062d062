//! Rendered files, and where a streaming render puts them: into memory, or
//! to the writer as soon as each is made.

use std::io::Write;
use std::path::Path;

use crate::diagnostics::Diagnostic;

/// One file of the output: its path relative to the output folder (always
/// with `/` separators) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path inside the output folder, e.g. `perioder/2023-q1/index.html`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Where a streaming render puts each file as soon as it is made (`insyn
/// build` writes it to disk and the render keeps only its path). It may be
/// called from several threads at once; an error is a message naming the file.
pub trait FileSink: Sync {
    /// Writes a whole file.
    fn put(&self, file: OutputFile) -> Result<(), String>;

    /// Writes the file at `path` (a path like [`OutputFile::path`]) in parts:
    /// `write` is handed the open file and writes it from start to end, so
    /// that a large export is never in memory whole. Returns the length.
    fn put_streamed(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<u64, String>;
}

/// Hands `file` to `sink`, if there is one, and keeps only its path (the
/// bytes are gone from memory once written); without a sink, keeps the file.
pub fn emit(file: OutputFile, sink: Option<&dyn FileSink>) -> Result<OutputFile, Diagnostic> {
    let Some(sink) = sink else { return Ok(file) };
    let path = file.path.clone();
    sink.put(file).map_err(write_failed)?;
    Ok(OutputFile { path, bytes: Vec::new() })
}

/// A file made in parts by `write`: streamed to `sink` (the returned file
/// carries only its path), or, without a sink, made in memory. Returns the
/// file and its length.
pub fn emit_streamed(
    path: String,
    sink: Option<&dyn FileSink>,
    mut write: impl FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(OutputFile, usize), Diagnostic> {
    match sink {
        Some(sink) => {
            let len = sink.put_streamed(&path, &mut write).map_err(write_failed)?;
            Ok((OutputFile { path, bytes: Vec::new() }, usize::try_from(len).unwrap_or(usize::MAX)))
        }
        None => {
            let mut bytes = Vec::new();
            // Writing into memory cannot fail.
            write(&mut bytes).map_err(|e| write_failed(format!("cannot make {path}: {e}")))?;
            let len = bytes.len();
            Ok((OutputFile { path, bytes }, len))
        }
    }
}

fn write_failed(message: String) -> Diagnostic {
    Diagnostic::error(Path::new("output"), None, message)
        .with_help("check that the disk has room and the output folder is writable")
}
