//! Finding the content files: a walk of `content/` that says what each
//! file is by where it lies, and reports what does not belong.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::ids;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A content file found on disk and what the format says it is.
#[derive(Debug, Clone)]
pub(super) enum Found {
    Service { id: String },
    Period { id: String },
    Record { id: String, period: String },
    Page { id: String },
}

/// A walk of `dir` with each folder's entries sorted by name, which also
/// reads the files in the order they were most likely written. The entries
/// of one folder share its path up to their names, so comparing whole paths
/// sorts them by name; walkdir's own `sort_by_file_name` finds both names
/// again on every comparison, which took 2 % of a 10 000-record build on the
/// one thread that walks.
fn sorted_walk(dir: &Path) -> walkdir::WalkDir {
    walkdir::WalkDir::new(dir).follow_links(false).sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
}

/// One entry of the walk: what it is, and what is wrong with it.
type Walked<T> = (Entry<T>, Option<Diagnostic>);

/// What the walk makes of one entry of `content/`.
enum Entry<T> {
    /// Nothing to read: a folder that is not a period's, a README, a hidden
    /// file, or an entry already reported.
    Skip,
    /// A period's folder (`content/periods/<id>`).
    PeriodFolder { rel: PathBuf, id: String },
    /// A content file, already handed to `each`; for a `period.toml`, its
    /// period's id.
    File(T, Option<String>),
}

/// Walks `content/` and hands every content file (its path relative to
/// `root` and what it is) to `each`, on several threads while the walk
/// goes on. Returns what `each` gave, in
/// the walk's order (by path); what the walk finds wrong goes to `diags`,
/// also in that order.
pub(super) fn discover<T: Send>(
    root: &Path,
    diags: &mut Diagnostics,
    each: &(dyn Fn(PathBuf, Found) -> T + Sync),
) -> Vec<T> {
    let content = root.join("content");
    if !content.is_dir() {
        diags
            .push(Diagnostic::error(Path::new("content"), None, "the site has no content/ folder").with_help(
                "create content/services/, content/periods/ and content/pages/ (insyn new service … helps)",
            ));
        return Vec::new();
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = sorted_walk(&content);
    // The walk is sorted, but the threads take its entries in turns: the
    // results are put back in the walk's order.
    let mut numbered: Vec<(usize, Walked<T>)> = walker
        .into_iter()
        .enumerate()
        .par_bridge()
        .map(|(n, entry)| (n, classify(root, &canonical_root, entry, each)))
        .collect();
    numbered.sort_unstable_by_key(|&(n, _)| n);
    let mut out = Vec::with_capacity(numbered.len());
    let mut period_folders: Vec<(PathBuf, String)> = Vec::new();
    let mut with_toml: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    for (_, (entry, d)) in numbered {
        if let Some(d) = d {
            diags.push(d);
        }
        match entry {
            Entry::Skip => {}
            Entry::PeriodFolder { rel, id } => period_folders.push((rel, id)),
            Entry::File(t, period) => {
                with_toml.extend(period);
                out.push(t);
            }
        }
    }
    for (dir, id) in period_folders.into_iter().filter(|(_, id)| ids::is_valid(id) && !with_toml.contains(id)) {
        diags.push(Diagnostic::error(&dir, None, format!("the period folder \"{id}\" has no period.toml")).with_help(
            format!("add {}/period.toml with label, start and end (insyn new period {id} writes one)", dir.display()),
        ));
    }
    out
}

/// One entry of the walk: what it is, and what is wrong with it.
fn classify<T>(
    root: &Path,
    canonical_root: &Path,
    entry: walkdir::Result<walkdir::DirEntry>,
    each: &(dyn Fn(PathBuf, Found) -> T + Sync),
) -> Walked<T> {
    let entry = match entry {
        Ok(e) => e,
        Err(e) => {
            let path = e.path().map(|p| rel_to(root, p)).unwrap_or_else(|| PathBuf::from("content"));
            let d =
                Diagnostic::error(&path, None, format!("cannot read: {e}")).with_help("check the folder's permissions");
            return (Entry::Skip, Some(d));
        }
    };
    let path = entry.path();
    let rel = rel_to(root, path);
    let name = entry.file_name().to_string_lossy();
    if name.starts_with('.') && entry.depth() > 0 {
        return (Entry::Skip, None);
    }
    // README files explain a folder to editors; the contract ignores them.
    if name.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("readme")) && !entry.file_type().is_dir() {
        return (Entry::Skip, None);
    }
    if entry.path_is_symlink() {
        match path.canonicalize() {
            Ok(target) if target.starts_with(canonical_root) => {}
            _ => {
                let d = Diagnostic::error(&rel, None, "this symbolic link points outside the site folder")
                    .with_help("copy the file into the site instead of linking to it");
                return (Entry::Skip, Some(d));
            }
        }
    }
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().to_string()).collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    // The folder entry's type, without a stat; a link is followed.
    let kind = entry.file_type();
    let is_dir = if kind.is_symlink() { path.is_dir() } else { kind.is_dir() };
    if is_dir {
        if let ["content", "periods", period] = parts.as_slice() {
            let d = (!ids::is_valid(period)).then(|| {
                Diagnostic::error(&rel, None, format!("the period folder name \"{period}\" is not a valid id"))
                    .with_help(ids::help_for(period))
            });
            let id = (*period).to_string();
            return (Entry::PeriodFolder { rel, id }, d);
        }
        return (Entry::Skip, None);
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if e == "md" || e == "toml" => (s.to_string(), e),
        _ => return (Entry::Skip, None),
    };
    let found = match (parts.as_slice(), ext) {
        (["content", "services", _], "toml") => Some(Found::Service { id: stem.clone() }),
        (["content", "periods", period, "period.toml"], "toml") if ids::is_valid(period) => {
            Some(Found::Period { id: (*period).to_string() })
        }
        (["content", "periods", period, _], "md") if ids::is_valid(period) => {
            Some(Found::Record { id: stem.clone(), period: (*period).to_string() })
        }
        (["content", "periods", _, _], _) => None,
        (["content", "pages", _], "md") => Some(Found::Page { id: stem.clone() }),
        _ => {
            let d = misplaced(
                &rel,
                format!("insyn does not know what this file is: a .{ext} file in this place is not part of the format"),
            );
            return (Entry::Skip, Some(d));
        }
    };
    let Some(found) = found else {
        if !parts.get(2).is_some_and(|p| ids::is_valid(p)) {
            return (Entry::Skip, None); // reported with its folder
        }
        let d = misplaced(&rel, format!("a .{ext} file in a period folder must be a record (.md) or period.toml"));
        return (Entry::Skip, Some(d));
    };
    if !matches!(found, Found::Period { .. }) && !ids::is_valid(&stem) {
        let d = Diagnostic::error(&rel, None, format!("the file name \"{stem}\" is not a valid id"))
            .with_help(ids::help_for(&stem));
        return (Entry::Skip, Some(d));
    }
    let period = match &found {
        Found::Period { id } => Some(id.clone()),
        _ => None,
    };
    (Entry::File(each(rel, found), period), None)
}

/// A file in a place where the format has no file of its kind.
fn misplaced(rel: &Path, message: String) -> Diagnostic {
    Diagnostic::error(rel, None, message).with_help(where_things_go())
}

fn where_things_go() -> &'static str {
    "services go in content/services/<id>.toml, periods in content/periods/<id>/period.toml, records in content/periods/<period>/<id>.md, pages in content/pages/<id>.md"
}

fn rel_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// The walk sorted by whole paths comes in the order of a walk sorted
    /// by file name: each folder's entries by name, each one followed by
    /// what is inside it.
    #[test]
    fn the_walk_goes_in_file_name_order() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("content");
        for folder in ["a", "a/b", "a-c", "ab", "a/b/c-d", "b", "a.x"] {
            fs::create_dir_all(root.join(folder)).expect("folder");
        }
        for file in ["a/z.md", "a/b/c.md", "a-c/x.md", "a.x/y.md", "ab/0.md", "a.md", "a0.md", "b/period.toml"] {
            fs::write(root.join(file), "").expect("file");
        }
        let by_name: Vec<PathBuf> = walkdir::WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.expect("entry").into_path())
            .collect();
        let ours: Vec<PathBuf> = sorted_walk(&root).into_iter().map(|e| e.expect("entry").into_path()).collect();
        assert_eq!(ours, by_name);
        assert_eq!(ours.len(), 16);
    }
}
