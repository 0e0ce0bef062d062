//! Writing the rendered files: into a sibling temporary folder first, then
//! swapped into place, so a failed build never leaves a half-written output
//! and the previous output stays as it was. insyn only ever replaces a
//! folder it created itself (it carries a marker file) or an empty one.
//!
//! [`Staging`] is the temporary folder a build writes into while it
//! renders; [`write_atomic`] writes files already in memory the same way.

pub mod error;
pub mod guard;
mod staging;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::OutputFile;

use self::error::io_err;

pub use self::error::WriteError;
pub use self::guard::MARKER;
pub use self::staging::Staging;

/// Writes `files` to `output`, replacing what was there atomically.
pub fn write_atomic(output: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let staging = Staging::begin(output)?;
    write_tree(staging.dir(), files)?;
    staging.commit()
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
