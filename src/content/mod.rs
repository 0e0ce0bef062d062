//! Loading a site from disk: `site.toml` and every file under `content/`,
//! each read into plain model data with spans, every problem reported.
//!
//! `walk` finds the content files and what each one is, `file` reads
//! one (through `bounded`, which never reads more than a file may hold)
//! and parses it by its kind, and `cache` keeps what was read for the
//! preview's next rebuild; [`load_cached`] puts them together.

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

mod bounded;
mod cache;
mod file;
mod walk;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

use self::bounded::read_text;
use self::cache::{CachedFile, Stamp};
use self::file::{Entity, read_one};
use self::walk::{Found, discover};

pub use self::bounded::MAX_FILE_BYTES;
pub use self::cache::Cache;
pub use self::file::FileRule;
pub use self::page::Page;
pub use self::period::{Figures, Period, Recommendation, RecommendationUpdate};
pub use self::record::{Record, RecordUpdate, Report};
pub use self::service::Service;
pub use self::site_config::{Area, Authority, SiteConfig};
pub use self::spanned::Spanned;

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

/// Reads and checks `site.toml` at `root`: the settings and their text
/// (for the file rule). A missing or unreadable file is reported.
pub fn read_site_toml(root: &Path, diags: &mut Diagnostics) -> (site_config::SiteToml, Option<String>) {
    let rel = Path::new(SITE_TOML);
    match read_text(root, rel, diags) {
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
    let read = |rel: &Path, found: &Found, stamp: Option<Stamp>| {
        let mut local = Diagnostics::new();
        let entity = read_one(root, rel, found, file_rule, &mut local);
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
                cache.files[i] = read(&rel, &found, Stamp::of(&root.join(&rel)));
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
            let files: Vec<CachedFile> = discover(root, &mut walk, &|rel, found| {
                let stamp = persistent.then(|| Stamp::of(&root.join(&rel))).flatten();
                match (stamp, previous.get(&rel).map(|&i| &old[i])) {
                    (Some(stamp), Some(was)) if was.stamp == Some(stamp) && !named.contains(&rel) => was.clone(),
                    _ => read(&rel, &found, stamp),
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
