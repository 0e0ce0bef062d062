//! What `insyn new` is asked for, and the file it plans to write.

use std::path::PathBuf;

use super::ask::Questions;
use crate::content::ids;

/// What to create.
#[derive(Debug, Clone)]
pub enum What {
    /// A deviation record in a period.
    Record(RecordArgs),
    /// A reporting period.
    Period(PeriodArgs),
    /// A service of the catalogue.
    Service(ServiceArgs),
    /// A free page.
    Page(PageArgs),
}

/// `insyn new record`.
#[derive(Debug, Clone, Default)]
pub struct RecordArgs {
    /// The period id (the folder it goes in).
    pub period: Option<String>,
    /// The service id.
    pub service: Option<String>,
    /// One of the kinds, e.g. `major-incident`.
    pub kind: Option<String>,
    /// The title; the id is derived from it unless `id` is given.
    pub title: Option<String>,
    /// When it began or was found; default: today.
    pub date: Option<String>,
    /// The id (file name) instead of the one derived from the title.
    pub id: Option<String>,
    /// Write `draft = true`.
    pub draft: bool,
}

/// `insyn new period`.
#[derive(Debug, Clone, Default)]
pub struct PeriodArgs {
    /// The period id, e.g. `2023-q2` (the folder name).
    pub id: Option<String>,
    /// What readers see, e.g. "Kvartal 2 2023".
    pub label: Option<String>,
    /// First day.
    pub start: Option<String>,
    /// Last day.
    pub end: Option<String>,
}

/// `insyn new service`.
#[derive(Debug, Clone, Default)]
pub struct ServiceArgs {
    /// The service's name (`name` in the file); the id is derived from it.
    pub title: Option<String>,
    /// The area id.
    pub area: Option<String>,
    /// `base` or `addon`.
    pub tier: Option<String>,
    /// The id (file name) instead of the one derived from the title.
    pub id: Option<String>,
}

/// `insyn new page`.
#[derive(Debug, Clone, Default)]
pub struct PageArgs {
    /// The title; the id is derived from it.
    pub title: Option<String>,
    /// The id (file name) instead of the one derived from the title.
    pub id: Option<String>,
    /// Write `draft = true`.
    pub draft: bool,
}

/// A file ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Path relative to the site root.
    pub rel: PathBuf,
    /// The whole text.
    pub text: String,
    /// Things to tell the editor (a default that was used, a date outside
    /// the period).
    pub notes: Vec<String>,
    /// What to do next.
    pub next: String,
}

/// The id from `--id`, or derived from the title.
pub fn choose_id(q: &mut Questions<'_>, given: Option<&String>, title: &str) -> Option<String> {
    if let Some(id) = given {
        if ids::is_valid(id) {
            return Some(id.clone());
        }
        q.problems.push(format!("--id: \"{id}\" is not a valid id: {}", ids::help_for(id)));
        return None;
    }
    let id = ids::derive(title);
    if id.is_empty() {
        q.problems.push(format!(
            "no id can be made from the title \"{title}\"; pass --id with lowercase letters a–z, digits and -"
        ));
        return None;
    }
    Some(id)
}
