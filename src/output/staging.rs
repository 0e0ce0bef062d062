//! An output being written: a temporary folder beside the output, filled
//! from the rendering threads, that replaces the output on commit.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use super::error::{WriteError, io_err};
use super::guard::{self, MARKER, MARKER_TEXT};
use crate::render::OutputFile;

/// An output being written: a temporary sibling folder that replaces the
/// output on [`Staging::commit`], and is removed when dropped uncommitted
/// (a failed build leaves the previous output as it was).
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    committed: bool,
    /// Held while folders are made (see [`Staging::write`]).
    making_folders: Mutex<()>,
    /// Pages whose folder is still to be made, one list per rayon thread
    /// (see [`Staging::write`]); [`Staging::commit`] writes what is left.
    waiting: Vec<Mutex<Vec<OutputFile>>>,
}

/// How many pages a thread keeps waiting for their folders before it waits
/// for the other thread instead.
const MAX_WAITING: usize = 64;

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
        let waiting = (0..rayon::current_num_threads()).map(|_| Mutex::new(Vec::new())).collect();
        let staging = Staging {
            output: output.to_path_buf(),
            tmp,
            old,
            committed: false,
            making_folders: Mutex::new(()),
            waiting,
        };
        fs::write(staging.tmp.join(MARKER), MARKER_TEXT).map_err(|e| io_err("cannot write", &staging.tmp, &e))?;
        Ok(staging)
    }

    /// The temporary folder the files go into.
    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// Writes one file into the temporary folder, creating its folders.
    /// Safe to call from several threads at once.
    ///
    /// A page in a folder of its own (`<id>/index.html`) needs that folder
    /// made first, and the kernel makes one folder at a time in the same
    /// parent: a second thread making one in `avvikelser/` at the same
    /// moment spins until the first is done (2 % to 12 % of a 10 000-record
    /// build's processor time in `perf`, the more the slower the disk; see
    /// BENCHMARKS.md). So when the other thread is making folders, the page
    /// waits in this thread's list and the thread goes on rendering; the
    /// list is written the next time the folders are free, and the rest by
    /// [`Staging::commit`]. Measured again for issue 17 (BENCHMARKS.md):
    /// without the list the kernel's spin is back (0.1–1.5 % of the samples
    /// on a machine busy with other work, where the two threads seldom run
    /// at once), and a lock of our own instead of the list costs 0.6 %
    /// more instructions.
    pub fn write(&self, file: OutputFile) -> Result<(), WriteError> {
        if !file.path.ends_with("/index.html") {
            return write_file(&self.tmp, &file);
        }
        let Some(slot) = rayon::current_thread_index().and_then(|i| self.waiting.get(i)) else {
            return self.write_pages(&[file], lock(&self.making_folders));
        };
        let mut waiting = lock(slot);
        let folders = match self.making_folders.try_lock() {
            Ok(guard) => guard,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) if waiting.len() < MAX_WAITING => {
                waiting.push(file);
                return Ok(());
            }
            Err(std::sync::TryLockError::WouldBlock) => lock(&self.making_folders),
        };
        let mut files = std::mem::take(&mut *waiting);
        drop(waiting);
        files.push(file);
        self.write_pages(&files, folders)
    }

    /// Writes the pages still waiting for their folders (see
    /// [`Staging::write`]).
    fn write_waiting(&self) -> Result<(), WriteError> {
        for slot in &self.waiting {
            let files = std::mem::take(&mut *lock(slot));
            self.write_pages(&files, lock(&self.making_folders))?;
        }
        Ok(())
    }

    /// Makes the own folders of `pages` while `folders` is held, then lets
    /// it go and writes the pages.
    fn write_pages(&self, pages: &[OutputFile], folders: MutexGuard<'_, ()>) -> Result<(), WriteError> {
        for page in pages {
            make_own_folder(&self.tmp, &page.path);
        }
        drop(folders);
        pages.iter().try_for_each(|page| write_file(&self.tmp, page))
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

    /// Writes the pages still waiting for their folders, puts the written
    /// folder in the output's place and removes the previous output: every
    /// file handed to [`Staging::write`] is in the output when it returns
    /// `Ok`. On an error the previous output stays as it was.
    pub fn commit(mut self) -> Result<(), WriteError> {
        self.write_waiting()?;
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

/// Locks `m`, also when another thread panicked holding it (what it guards
/// is a list or nothing, never half-changed).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A page is the first file of its own folder (`<id>/index.html`): makes
/// that folder rather than fail to open the file in it. Any other folder
/// is made when the write finds it missing (most files go into a folder of
/// their own, so this costs no extra look-up).
fn make_own_folder(dir: &Path, rel: &str) {
    if let Some(folder) = rel.strip_suffix("/index.html") {
        // Already there, a missing grandparent and the like: the write
        // that follows handles them.
        let _ = fs::create_dir(dir.join(folder));
    }
}

/// Writes `file` under `dir`, creating missing folders.
fn write_file(dir: &Path, file: &OutputFile) -> Result<(), WriteError> {
    let path = dir.join(&file.path);
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

#[cfg(test)]
mod tests {
    use rayon::prelude::*;

    use super::*;

    fn page(path: String, n: usize) -> OutputFile {
        OutputFile { path, bytes: format!("<p>{n}</p>").into_bytes() }
    }

    /// Pages written from several threads at once, some of them waiting for
    /// their folders, all end up in the output with their own bytes: the
    /// caller only writes and commits.
    #[test]
    fn every_page_written_from_many_threads_arrives() {
        let root = tempfile::tempdir().expect("a temporary folder");
        let output = root.path().join("output");
        let staging = Staging::begin(&output).expect("staging");
        let n = 3000;
        (0..n)
            .into_par_iter()
            .try_for_each(|i| {
                staging.write(page(format!("avvikelser/r{i}/index.html"), i))?;
                // A file in a page's folder may come before the page itself.
                staging.write(page(format!("tjanster/s{i}/feed.xml"), i))?;
                staging.write(page(format!("tjanster/s{i}/index.html"), i))
            })
            .expect("writes");
        staging.write(page("deep/er/still/index.html".to_string(), 7)).expect("a page in missing folders");
        staging.commit().expect("commit");
        for i in 0..n {
            for rel in [format!("avvikelser/r{i}/index.html"), format!("tjanster/s{i}/feed.xml")] {
                let bytes = fs::read(output.join(&rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
                assert_eq!(bytes, format!("<p>{i}</p>").into_bytes(), "{rel}");
            }
        }
        assert_eq!(fs::read_to_string(output.join("deep/er/still/index.html")).expect("deep page"), "<p>7</p>");
        assert_eq!(fs::read_dir(output.join("avvikelser")).expect("records").count(), n);
    }

    /// Pages that are still waiting for their folders when the caller
    /// commits are written by the commit.
    #[test]
    fn commit_writes_the_pages_still_waiting() {
        let root = tempfile::tempdir().expect("a temporary folder");
        let output = root.path().join("output");
        let staging = Staging::begin(&output).expect("staging");
        {
            // As if another thread were making folders: every page waits.
            let _folders = lock(&staging.making_folders);
            (0..40)
                .into_par_iter()
                .try_for_each(|i| staging.write(page(format!("avvikelser/r{i}/index.html"), i)))
                .expect("writes");
        }
        let waiting: usize = staging.waiting.iter().map(|slot| lock(slot).len()).sum();
        assert_eq!(waiting, 40, "the pages wait while the folders are taken");
        staging.commit().expect("commit");
        for i in 0..40 {
            let rel = format!("avvikelser/r{i}/index.html");
            assert_eq!(fs::read_to_string(output.join(&rel)).expect(&rel), format!("<p>{i}</p>"));
        }
    }
}
