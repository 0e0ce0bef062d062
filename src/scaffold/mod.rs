//! `insyn new`: a new content file with every field of the format in it,
//! so that an editor fills in a form instead of remembering one.
//!
//! Required fields are filled from the command line, or asked for when it
//! runs in a terminal; optional fields are there as comments, each with its
//! one line of help, in the order of the format — all of it written from
//! the tables' declarations (`content::schema`). Values are checked before
//! anything is written: references must exist, ids must be new.

pub mod ask;
pub mod facts;
pub mod page;
pub mod period;
pub mod plan;
pub mod record;
pub mod service;
pub mod template;

#[cfg(test)]
mod tests;

use std::path::Path;

pub use ask::{Ask, NoAsk, TerminalAsk};
pub use plan::{PageArgs, PeriodArgs, Planned, RecordArgs, ServiceArgs, What};

/// Decides the file to write and its text, asking for what is missing.
/// Returns every problem when values are missing or wrong.
pub fn plan(root: &Path, what: &What, asker: &mut dyn Ask) -> Result<Planned, Vec<String>> {
    let facts = facts::SiteFacts::read(root)?;
    let mut q = ask::Questions { asker, problems: Vec::new() };
    let planned = match what {
        What::Record(a) => record::plan(&facts, a, &mut q),
        What::Period(a) => period::plan(&facts, a, &mut q),
        What::Service(a) => service::plan(&facts, a, &mut q),
        What::Page(a) => page::plan(&facts, a, &mut q),
    };
    match planned {
        Some(p) if q.problems.is_empty() => Ok(p),
        _ => Err(q.problems),
    }
}
