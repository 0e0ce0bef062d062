//! Writing the rendered files: into a sibling temporary folder first, then
//! swapped into place, so a failed build never leaves a half-written output
//! and the previous output stays as it was. insyn only ever replaces a
//! folder it created itself (it carries a marker file) or an empty one.

pub mod guard;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::OutputFile;

/// The file that marks a folder as insyn's output.
pub const MARKER: &str = ".insyn-output";

const MARKER_TEXT: &str = "This folder is written by `insyn build` and replaced on every build.\n";

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

fn io_err(what: &str, path: &Path, e: &io::Error) -> WriteError {
    WriteError::Io(format!("{what} {}: {e}", path.display()))
}

/// Writes `files` to `output`, replacing what was there atomically.
pub fn write_atomic(output: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let staging = Staging::begin(output)?;
    write_tree(staging.dir(), files)?;
    staging.commit()
}

/// An output being written: a temporary sibling folder that replaces the
/// output on [`Staging::commit`], and is removed when dropped uncommitted
/// (a failed build leaves the previous output as it was).
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    committed: bool,
}

impl Staging {
    /// Checks that `output` may be replaced and creates the empty temporary
    /// folder (with the marker file) beside it.
    pub fn begin(output: &Path) -> Result<Staging, WriteError> {
        guard::may_replace(output)?;
        let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = output.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "output".to_string());
        fs::create_dir_all(parent).map_err(|e| io_err("cannot create", parent, &e))?;
        let pid = std::process::id();
        let tmp = parent.join(format!(".{name}.insyn-tmp-{pid}"));
        let old = parent.join(format!(".{name}.insyn-old-{pid}"));
        remove_ours(&tmp)?;
        remove_ours(&old)?;
        fs::create_dir(&tmp).map_err(|e| io_err("cannot create", &tmp, &e))?;
        let staging = Staging { output: output.to_path_buf(), tmp, old, committed: false };
        fs::write(staging.tmp.join(MARKER), MARKER_TEXT).map_err(|e| io_err("cannot write", &staging.tmp, &e))?;
        Ok(staging)
    }

    /// The temporary folder the files go into.
    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// Writes one file into the temporary folder, creating its folders.
    /// Safe to call from several threads at once.
    pub fn write(&self, file: &OutputFile) -> Result<(), WriteError> {
        write_one(&self.tmp, file)
    }

    /// Writes the file at `rel` into the temporary folder in parts, through
    /// a buffer: `write` writes it from start to end. Returns its length.
    pub fn write_streamed(
        &self,
        rel: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<u64, WriteError> {
        let path = self.tmp.join(rel);
        let mut out = Counted { inner: io::BufWriter::with_capacity(1 << 20, create(&path)?), len: 0 };
        write(&mut out).and_then(|()| io::Write::flush(&mut out)).map_err(|e| io_err("cannot write", &path, &e))?;
        Ok(out.len)
    }

    /// Puts the written folder in the output's place and removes the
    /// previous output.
    pub fn commit(mut self) -> Result<(), WriteError> {
        self.committed = true;
        let (output, tmp, old) = (&self.output, &self.tmp, &self.old);
        let had_old = output.exists();
        if had_old {
            fs::rename(output, old).map_err(|e| {
                let _ = fs::remove_dir_all(tmp);
                io_err("cannot move aside", output, &e)
            })?;
        }
        if let Err(e) = fs::rename(tmp, output) {
            if had_old {
                let _ = fs::rename(old, output);
            }
            let _ = fs::remove_dir_all(tmp);
            return Err(io_err("cannot move into place", output, &e));
        }
        if had_old {
            fs::remove_dir_all(old).map_err(|e| io_err("cannot remove the previous output", old, &e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// A writer that counts what goes through it.
struct Counted<W> {
    inner: W,
    len: u64,
}

impl<W: io::Write> io::Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes `file` under `dir`; its folders are created only when the write
/// finds them missing (most files go into a folder of their own, so this
/// costs no extra look-up).
fn write_one(dir: &Path, file: &OutputFile) -> Result<(), WriteError> {
    let path = dir.join(&file.path);
    // A page is the first file of its own folder (`<id>/index.html`): make
    // the folder first rather than fail to open the file in it.
    if file.path.ends_with("/index.html")
        && let Some(parent) = path.parent()
    {
        match fs::create_dir(parent) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            // A missing grandparent and the like: handled below.
            Err(_) => {}
        }
    }
    io::Write::write_all(&mut create(&path)?, &file.bytes).map_err(|e| io_err("cannot write", &path, &e))
}

/// Creates the file at `path`, and its folders when the first try finds them
/// missing.
fn create(path: &Path) -> Result<fs::File, WriteError> {
    match fs::File::create(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| io_err("cannot create", parent, &e))?;
            }
            fs::File::create(path)
        }
        other => other,
    }
    .map_err(|e| io_err("cannot write", path, &e))
}

/// Removes a leftover temporary folder, but only one insyn made.
fn remove_ours(path: &Path) -> Result<(), WriteError> {
    if !path.exists() {
        return Ok(());
    }
    if path.join(MARKER).is_file() || fs::read_dir(path).map(|mut d| d.next().is_none()).unwrap_or(false) {
        return fs::remove_dir_all(path).map_err(|e| io_err("cannot remove the leftover", path, &e));
    }
    Err(WriteError::Refused(format!(
        "{} is in the way and was not made by insyn; move it away and build again",
        path.display()
    )))
}

/// Writes every file under `dir` (which exists and is empty but for the marker).
pub fn write_tree(dir: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let mut dirs: Vec<PathBuf> =
        files.iter().filter_map(|f| Path::new(&f.path).parent().map(|p| dir.join(p))).collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        fs::create_dir_all(d).map_err(|e| io_err("cannot create", d, &e))?;
    }
    files.par_iter().try_for_each(|f| {
        let path = dir.join(&f.path);
        fs::write(&path, &f.bytes).map_err(|e| io_err("cannot write", &path, &e))
    })
}
