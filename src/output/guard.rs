//! Which folders insyn may write its output to, and replace.

use std::path::{Component, Path, PathBuf};

use super::error::WriteError;

/// The file that marks a folder as insyn's output.
pub const MARKER: &str = ".insyn-output";

pub const MARKER_TEXT: &str = "This folder is written by `insyn build` and replaced on every build.\n";

/// Makes `path` absolute and removes `.` and `..` without touching the disk
/// (the output folder may not exist yet), resolving symlinks of the part
/// that exists.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/")).join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    // Resolve symlinks in the longest existing prefix.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        if !existing.pop() {
            break;
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// Refuses an output folder that would destroy something: `/`, the site
/// root, a folder above it, or `content/` and `themes/` (or inside them).
pub fn check_location(root: &Path, output: &Path) -> Result<(), String> {
    let root = absolute(root);
    let out = absolute(output);
    if out.parent().is_none() {
        return Err(format!("refusing to write the output to {}: that is the root of the file system", out.display()));
    }
    if root.starts_with(&out) {
        return Err(format!(
            "refusing to write the output to {}: it is the site folder or a folder above it, and a build replaces the whole output folder",
            out.display()
        ));
    }
    for protected in ["content", "themes"] {
        if out.starts_with(root.join(protected)) {
            return Err(format!("refusing to write the output into {protected}/: choose a folder such as output/"));
        }
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home) == out
    {
        return Err("refusing to write the output to the home folder".to_string());
    }
    Ok(())
}

/// An existing output folder may be replaced only when insyn made it (it
/// has the marker file) or it is empty.
pub fn may_replace(output: &Path) -> Result<(), WriteError> {
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(WriteError::Refused(format!(
            "{} exists and is not a folder; choose another --output",
            output.display()
        )));
    }
    if output.join(MARKER).is_file() {
        return Ok(());
    }
    let empty = std::fs::read_dir(output).map(|mut d| d.next().is_none()).unwrap_or(false);
    if empty {
        return Ok(());
    }
    Err(WriteError::Refused(format!(
        "{} already exists, is not empty and was not made by insyn (it has no {MARKER} file), so insyn will not replace it; choose another --output or empty the folder yourself",
        output.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_locations() {
        let root = Path::new("/srv/site");
        assert!(check_location(root, Path::new("/")).is_err());
        assert!(check_location(root, Path::new("/srv/site")).is_err());
        assert!(check_location(root, Path::new("/srv")).is_err());
        assert!(check_location(root, Path::new("/srv/site/content")).is_err());
        assert!(check_location(root, Path::new("/srv/site/content/x")).is_err());
        assert!(check_location(root, Path::new("/srv/site/themes")).is_err());
        assert!(check_location(root, Path::new("/srv/site/output")).is_ok());
        assert!(check_location(root, Path::new("/srv/site/../public")).is_ok());
        assert!(check_location(root, Path::new("/srv/site/output/..")).is_err());
    }
}
