//! Loading a site from disk: `site.toml` and every file under `content/`,
//! each read into plain model data with spans, every problem reported.

pub mod fields;
pub mod frontmatter;
pub mod ids;
pub mod page;
pub mod period;
pub mod record;
pub mod reference;
pub mod schema;
pub mod service;
pub mod site_config;
pub mod spanned;
pub mod toml_file;

pub use page::Page;
pub use period::{Figures, Period, Recommendation, RecommendationUpdate};
pub use record::{Record, RecordUpdate, Report};
pub use service::Service;
pub use site_config::{Area, Authority, SiteConfig};
pub use spanned::Spanned;

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Everything read from disk, before linking.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Services, in file-name order.
    pub services: Vec<Service>,
    /// Periods, in folder-name order.
    pub periods: Vec<Period>,
    /// Records, in path order (shared with the preview's cache).
    pub records: Vec<std::sync::Arc<Record>>,
    /// Free pages, in file-name order.
    pub pages: Vec<Page>,
    /// Files that exist but could not be read (their errors are reported).
    pub unloaded: Unloaded,
}

/// The ids of files that exist but failed to load. A reference to one of
/// them is not reported again as "unknown": the file's own errors say what
/// to fix, and one typo must not show up as a dozen errors.
#[derive(Debug, Default, Clone)]
pub struct Unloaded {
    /// Service ids.
    pub services: std::collections::BTreeSet<String>,
    /// Period ids.
    pub periods: std::collections::BTreeSet<String>,
    /// Record ids.
    pub records: std::collections::BTreeSet<String>,
}

/// A content file found on disk and what the format says it is.
#[derive(Debug, Clone)]
enum Found {
    Service { id: String },
    Period { id: String },
    Record { id: String, period: String },
    Page { id: String },
}

/// A per-file rule run on every file's raw text while it is in memory (the
/// personal-data guard is one).
pub type FileRule<'a> = dyn Fn(&Path, &str, &mut Diagnostics) + Sync + 'a;

/// Reads and checks `site.toml` at `root`: the settings and their text
/// (for the file rule). A missing or unreadable file is reported.
pub fn read_site_toml(root: &Path, diags: &mut Diagnostics) -> (site_config::SiteToml, Option<String>) {
    let rel = Path::new(SITE_TOML);
    match read_text(root, rel, false, diags) {
        Some(text) => {
            diags.add_source(rel, &text);
            (site_config::read(rel, &text, diags), Some(text))
        }
        None => {
            if !root.join(rel).exists() {
                diags.push(
                    Diagnostic::error(rel, None, format!("there is no site.toml in {}", root.display()))
                        .with_help("run insyn in the site's folder or pass --root DIR; a site needs site.toml with title, base_url and [[areas]]"),
                );
            }
            (site_config::SiteToml::default(), None)
        }
    }
}

/// The site's settings file, at the root of every site.
pub const SITE_TOML: &str = "site.toml";

/// Loads every file under `content/` at `root`. Paths in diagnostics are
/// relative to `root`. `file_rule` runs on the text of every file read.
pub fn load(root: &Path, file_rule: &FileRule<'_>, diags: &mut Diagnostics) -> Loaded {
    load_cached(root, file_rule, diags, None)
}

/// What the preview server keeps of every content file between rebuilds,
/// so that a rebuild reads again only the files that changed.
///
/// When the watcher named every file that changed ([`Cache::changed`]) and
/// all of them are content files the cache holds (edited, not added or
/// removed), only those are read again and the folders are not walked. Any
/// other change walks `content/` and reads again every file whose size,
/// modification time, inode or change time differ from when it was read.
/// A file's diagnostics come back with it.
#[derive(Default)]
pub struct Cache {
    /// Every file found by the last walk, in its order.
    files: Vec<CachedFile>,
    /// Path → position in `files`.
    index: HashMap<PathBuf, usize>,
    /// What the last walk reported (unknown files, bad names …).
    walk: Option<Diagnostics>,
    /// The files changed since the last load; `None` when not known.
    pending: Option<Vec<PathBuf>>,
    /// Which file rule (the personal-data guard's allow list) the cached
    /// files were checked with; a different one empties the cache.
    rule: String,
}

#[derive(Clone)]
struct CachedFile {
    rel: PathBuf,
    found: Found,
    /// None when the file's stamp could not be taken: never reused.
    stamp: Option<Stamp>,
    entity: Option<Entity>,
    diags: Diagnostics,
}

/// What says that a file is unchanged since it was read.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, i64, i64),
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt as _;
            (meta.ino(), meta.ctime(), meta.ctime_nsec())
        };
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode,
        })
    }
}

impl Cache {
    /// An empty cache.
    pub fn new() -> Cache {
        Cache::default()
    }

    /// Tells the cache which files changed since the last load (paths
    /// relative to the site root), or `None` when that is not known (the
    /// watcher lost track): the next load then walks the folders.
    pub fn changed(&mut self, paths: Option<&[PathBuf]>) {
        match (&mut self.pending, paths) {
            (Some(pending), Some(paths)) => pending.extend(paths.iter().cloned()),
            (pending, _) => *pending = None,
        }
    }

    /// How many files it holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether it holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The cached files that changed, when only files the cache holds did:
    /// then the folders need no walk.
    fn edited_only(&self, root: &Path) -> Option<Vec<usize>> {
        self.walk.as_ref()?;
        let mut edited = Vec::new();
        for p in self.pending.as_ref()? {
            if !p.starts_with("content") {
                continue; // site.toml is always read; themes are not content
            }
            let path = root.join(p);
            let content_file = p.extension().is_some_and(|e| e == "md" || e == "toml");
            if content_file {
                // Edited in place, or else added or removed: then walk.
                let &i = self.index.get(p)?;
                if !path.is_file() {
                    return None;
                }
                edited.push(i);
            } else if path.is_dir() || (!path.exists() && self.files.iter().any(|f| f.rel.starts_with(p))) {
                // A folder added, renamed or removed.
                return None;
            }
            // Otherwise a file the format ignores (an editor's temp file).
        }
        Some(edited)
    }
}

/// [`load`], reading only the files that changed since `cache` saw them
/// (all of them without a cache). `rule_key` names the file rule: a cache
/// filled under another rule is emptied first.
pub fn load_cached(
    root: &Path,
    file_rule: &FileRule<'_>,
    diags: &mut Diagnostics,
    cache: Option<(&mut Cache, &str)>,
) -> Loaded {
    let mut loaded = Loaded::default();
    let read = |rel: &Path, found: &Found, stamp: Option<Stamp>, regular: bool| {
        let mut local = Diagnostics::new();
        let entity = read_one(root, rel, found, regular, file_rule, &mut local);
        // The file's text is kept only for quoting a diagnostic: without
        // one it goes now, not after every file is read (on a large site
        // that is a second copy of the whole content in memory).
        let local = if local.is_empty() { Diagnostics::new() } else { local };
        CachedFile { rel: rel.to_path_buf(), found: found.clone(), stamp, entity, diags: local }
    };

    let mut own = Cache::default();
    // Only the preview's cache lives on: only it needs stamps and an index.
    let persistent = cache.is_some();
    let cache = match cache {
        Some((c, rule)) => {
            if c.rule != rule {
                *c = Cache { rule: rule.to_string(), ..Cache::default() };
            }
            c
        }
        None => &mut own,
    };
    match cache.edited_only(root) {
        Some(edited) => {
            for i in edited {
                let (rel, found) = (cache.files[i].rel.clone(), cache.files[i].found.clone());
                cache.files[i] = read(&rel, &found, Stamp::of(&root.join(&rel)), false);
            }
        }
        None => {
            let mut walk = Diagnostics::new();
            let previous = &cache.index;
            let old = &cache.files;
            // A file the watcher named is read again whatever its stamp says
            // (two saves within one tick of the file system's clock).
            let named: rustc_hash::FxHashSet<&PathBuf> = cache.pending.iter().flatten().collect();
            // Each file is read as soon as the walk finds it.
            let files: Vec<CachedFile> = discover(root, &mut walk, &|rel, found, regular| {
                let stamp = persistent.then(|| Stamp::of(&root.join(&rel))).flatten();
                match (stamp, previous.get(&rel).map(|&i| &old[i])) {
                    (Some(stamp), Some(was)) if was.stamp == Some(stamp) && !named.contains(&rel) => was.clone(),
                    _ => read(&rel, &found, stamp, regular),
                }
            });
            if persistent {
                cache.index = files.iter().enumerate().map(|(i, f)| (f.rel.clone(), i)).collect();
            }
            cache.files = files;
            cache.walk = Some(walk);
        }
    }
    cache.pending = Some(Vec::new());

    if let Some(walk) = &cache.walk {
        diags.extend(walk.clone());
    }
    let mut add = |file_diags: Diagnostics, entity: Option<Entity>, found: &Found| {
        if !file_diags.is_empty() {
            diags.extend(file_diags);
        }
        match entity {
            Some(Entity::Service(s)) => loaded.services.push(s),
            Some(Entity::Period(p)) => loaded.periods.push(p),
            Some(Entity::Record(r)) => loaded.records.push(r),
            Some(Entity::Page(p)) => loaded.pages.push(p),
            None => {
                let u = &mut loaded.unloaded;
                match found {
                    Found::Service { id } => u.services.insert(id.clone()),
                    Found::Period { id } => u.periods.insert(id.clone()),
                    Found::Record { id, .. } => u.records.insert(id.clone()),
                    Found::Page { .. } => false,
                };
            }
        }
    };
    if persistent {
        for file in &cache.files {
            add(file.diags.clone(), file.entity.clone(), &file.found);
        }
    } else {
        // A build's own cache is not kept: what it read is moved, not copied.
        for file in std::mem::take(&mut cache.files) {
            add(file.diags, file.entity, &file.found);
        }
    }
    loaded
}

#[derive(Clone)]
enum Entity {
    Service(Service),
    Period(Period),
    Record(std::sync::Arc<Record>),
    Page(Page),
}

fn read_one(
    root: &Path,
    rel: &Path,
    found: &Found,
    regular: bool,
    file_rule: &FileRule<'_>,
    diags: &mut Diagnostics,
) -> Option<Entity> {
    let text = read_text(root, rel, regular, diags)?;
    let entity = parse_one(rel, found, &text, file_rule, diags);
    // The text is kept for quoting only when the file has something to
    // report (the privacy rule may have kept a redacted copy already).
    if !diags.is_empty() {
        diags.keep_source(rel, &text);
    }
    entity
}

fn parse_one(
    rel: &Path,
    found: &Found,
    text: &str,
    file_rule: &FileRule<'_>,
    diags: &mut Diagnostics,
) -> Option<Entity> {
    file_rule(rel, text, diags);
    let mut split = || match frontmatter::split(text) {
        Ok(s) => Some(s),
        Err(e) => {
            let mut local = Diagnostic::error(rel, Some(e.span), e.message).with_help(e.help);
            local.file = rel.to_path_buf();
            diags.push(local);
            None
        }
    };
    match found {
        Found::Service { id } => service::read(id, rel, text, diags).map(Entity::Service),
        Found::Period { id } => period::read(id, rel, text, diags).map(Entity::Period),
        Found::Record { id, period } => {
            let s = split()?;
            record::read(id, period, rel, &s, diags).map(|r| Entity::Record(std::sync::Arc::new(r)))
        }
        Found::Page { id } => {
            let s = split()?;
            page::read(id, rel, &s, diags).map(Entity::Page)
        }
    }
}

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

/// How much room the first read of a content file has: most records are a
/// few kilobytes, and a larger file is read on in growing steps.
const FIRST_READ: usize = 16 * 1024;

/// Reads a regular file of at most [`MAX_FILE_BYTES`], never more than that
/// limit (a file that grows while read is still refused). `regular` says
/// that the folder listing already showed a regular file (not a link, pipe
/// or device): then it is opened and read at once, without asking for its
/// size first.
fn read_bounded(path: &Path, regular: bool) -> Result<Vec<u8>, ReadError> {
    use std::io::Read as _;
    let missing = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing,
        _ => ReadError::Io(e),
    };
    let (file, capacity) = if regular {
        // The walk saw a regular file: no need to ask again. The limit is
        // kept by reading at most one byte more than it.
        (std::fs::File::open(path).map_err(missing)?, FIRST_READ)
    } else {
        // Looked at before it is opened: opening a pipe would block.
        let meta = std::fs::metadata(path).map_err(missing)?;
        if !meta.is_file() {
            return Err(ReadError::NotAFile);
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(ReadError::TooLarge(meta.len()));
        }
        let file = std::fs::File::open(path).map_err(ReadError::Io)?;
        (file, usize::try_from(meta.len()).unwrap_or(0))
    };
    let mut bytes = Vec::with_capacity(capacity);
    (&file).take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        // Only now is the whole size worth asking for, to report it.
        let size = file.metadata().map_or(bytes.len() as u64, |m| m.len());
        return Err(ReadError::TooLarge(size));
    }
    // The text may be kept for the whole build: no room to spare.
    bytes.shrink_to_fit();
    Ok(bytes)
}

/// Reads a file as UTF-8, reporting a file that cannot be read, is too
/// large or is not UTF-8. A missing file is `None` with no report.
fn read_text(root: &Path, rel: &Path, regular: bool, diags: &mut Diagnostics) -> Option<String> {
    let bytes = match read_bounded(&root.join(rel), regular) {
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
/// `root`, what it is, and whether it is a regular file) to `each`, on
/// several threads while the walk goes on. Returns what `each` gave, in
/// the walk's order (by path); what the walk finds wrong goes to `diags`,
/// also in that order.
fn discover<T: Send>(
    root: &Path,
    diags: &mut Diagnostics,
    each: &(dyn Fn(PathBuf, Found, bool) -> T + Sync),
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
    each: &(dyn Fn(PathBuf, Found, bool) -> T + Sync),
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
    let regular = kind.is_file();
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
    (Entry::File(each(rel, found, regular), period), None)
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
