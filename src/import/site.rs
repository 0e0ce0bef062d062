//! What the site already has, read leniently (the site may have errors
//! that `insyn check` reports; the import must still see its records):
//! the services, the period's dates and file, every record id and every
//! `ref` on any record of any period.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::content::frontmatter;

/// One service of the catalogue, as the import matches it.
#[derive(Debug, Clone)]
pub struct ServiceFacts {
    /// The id (file name).
    pub id: String,
    /// `name`.
    pub name: Option<String>,
    /// `system`.
    pub system: Option<String>,
}

/// The period being imported into.
#[derive(Debug, Clone)]
pub struct PeriodFacts {
    /// Its id (folder name).
    pub id: String,
    /// `content/periods/<id>/period.toml`, relative to the root.
    pub rel: PathBuf,
    /// The text of `period.toml`.
    pub text: String,
    /// `label`.
    pub label: String,
    /// First day.
    pub start: jiff::civil::Date,
    /// Last day.
    pub end: jiff::civil::Date,
}

/// What the site has.
#[derive(Debug, Clone)]
pub struct SiteFacts {
    /// The services, by id.
    pub services: Vec<ServiceFacts>,
    /// The period.
    pub period: PeriodFacts,
    /// Every record id (file name without `.md`) in any period.
    pub record_ids: BTreeSet<String>,
    /// Every `ref` on a record → the record's file, relative to the root.
    pub refs: BTreeMap<String, PathBuf>,
}

/// Why the site cannot be imported into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteError {
    /// Wrong usage: no such period (exit status 2).
    Usage(String),
    /// The period file is unusable (exit status 1).
    Content(String),
}

/// Reads what the site at `root` has, for importing into `period`.
pub fn read(root: &Path, period: &str) -> Result<SiteFacts, SiteError> {
    let periods_dir = root.join("content/periods");
    let period_ids = dirs(&periods_dir);
    if !period_ids.iter().any(|p| p == period) {
        let list = if period_ids.is_empty() { "none yet".to_string() } else { period_ids.join(", ") };
        let close = crate::diagnostics::suggest(period, period_ids.iter().map(String::as_str))
            .map(|c| format!("did you mean \"{c}\"? "))
            .unwrap_or_default();
        return Err(SiteError::Usage(format!(
            "there is no period \"{period}\"; {close}the periods are: {list}. Create it first with insyn new period {period}"
        )));
    }
    let rel = PathBuf::from("content/periods").join(period).join("period.toml");
    let text = std::fs::read_to_string(root.join(&rel))
        .map_err(|e| SiteError::Content(format!("cannot read {}: {e}", shown(&rel))))?;
    let table: toml::Table = text.parse().map_err(|_| {
        SiteError::Content(format!(
            "{} is not valid TOML; run insyn check to see where, fix it, then import",
            shown(&rel)
        ))
    })?;
    let date = |key: &str| {
        table.get(key).and_then(|v| v.as_datetime()).and_then(|d| d.date).and_then(|d| {
            jiff::civil::Date::new(i16::try_from(d.year).ok()?, i8::try_from(d.month).ok()?, i8::try_from(d.day).ok()?)
                .ok()
        })
    };
    let (Some(start), Some(end)) = (date("start"), date("end")) else {
        return Err(SiteError::Content(format!(
            "{} has no valid start and end dates; the import counts the rows opened between them (write start = 2023-04-01 and end = 2023-06-30)",
            shown(&rel)
        )));
    };
    let label = table.get("label").and_then(|v| v.as_str()).unwrap_or(period).to_string();

    let mut services = Vec::new();
    for (id, path) in files(&root.join("content/services"), "toml") {
        let t: toml::Table = std::fs::read_to_string(&path).ok().and_then(|s| s.parse().ok()).unwrap_or_default();
        let text = |k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_string);
        services.push(ServiceFacts { id, name: text("name"), system: text("system") });
    }

    let mut record_ids = BTreeSet::new();
    let mut refs = BTreeMap::new();
    for p in &period_ids {
        for (id, path) in files(&periods_dir.join(p), "md") {
            let rel = PathBuf::from("content/periods").join(p).join(format!("{id}.md"));
            record_ids.insert(id);
            if let Some(r) = read_ref(&path) {
                refs.entry(r).or_insert(rel);
            }
        }
    }
    Ok(SiteFacts {
        services,
        period: PeriodFacts { id: period.to_string(), rel, text, label, start, end },
        record_ids,
        refs,
    })
}

/// The `ref` in a record's front matter, if it has one.
fn read_ref(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let split = frontmatter::split(&text).ok()?;
    let table: toml::Table = split.front.parse().ok()?;
    table.get("ref").and_then(|v| v.as_str()).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// A path relative to the root as the report shows it, with `/`.
pub fn shown(rel: &Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The names of the sub-folders of `dir`, sorted.
fn dirs(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// The `*.<ext>` files of `dir` as (stem, path), sorted.
fn files(dir: &Path, ext: &str) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == ext))
                .filter_map(|p| Some((p.file_stem()?.to_string_lossy().to_string(), p)))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}
