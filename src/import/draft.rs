//! Draft records for the period's major and personal-data incidents: the
//! file `insyn import` writes for each one the site does not have yet
//! (matched by `ref`). Every imported text is masked first; the id comes
//! from the masked title the way `insyn new` makes one, made unique.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::mapping::Columns;
use super::mask::Masker;
use super::rows::{Skip, Ticket};
use super::when;
use crate::content::ids;
use crate::validate::privacy::PersonalDataKind;
use crate::vocab::Kind;

/// A draft record ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// `content/periods/<period>/<id>.md`, relative to the root.
    pub rel: PathBuf,
    /// The title as written (masked).
    pub title: String,
    /// The ticket number (`ref`).
    pub number: String,
    /// The row it came from.
    pub row: u64,
    /// Its kind.
    pub kind: Kind,
    /// The whole file.
    pub text: String,
}

/// One masked finding, for the editor: where, never what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Masking {
    /// The draft it was masked in.
    pub rel: PathBuf,
    /// The export row.
    pub row: u64,
    /// The export column.
    pub column: String,
    /// What it looked like.
    pub kind: PersonalDataKind,
}

/// What a draft is made from besides its ticket.
#[derive(Debug)]
pub struct DraftInput<'a> {
    /// Where the columns are.
    pub columns: &'a Columns,
    /// The service id the row names.
    pub service: &'a str,
    /// The period id (its folder).
    pub period: &'a str,
    /// Masks imported text.
    pub masker: &'a Masker,
    /// The zone times without an offset are in.
    pub zone: &'a jiff::tz::TimeZone,
    /// `date_format`.
    pub date_format: Option<&'a str>,
}

/// The draft for `ticket`, taking an id not in `taken` (and adding it); or
/// why there can be none.
pub fn make(
    ticket: &Ticket<'_>,
    input: &DraftInput<'_>,
    taken: &mut BTreeSet<String>,
) -> Result<(Draft, Vec<Masking>), Skip> {
    let c = input.columns;
    let row = ticket.row;
    let skip = |column: usize, problem: String, help: &str| Skip {
        row: row.number,
        column: c.name(column).to_string(),
        problem,
        help: help.to_string(),
        uncounted: false,
    };
    if !input.masker.mask(&ticket.number).1.is_empty() {
        return Err(skip(
            c.number,
            "the ticket number looks like personal data, so it cannot be the record's ref".to_string(),
            "write the record by hand with insyn new record",
        ));
    }
    let raw_title = one_line(row.cell(c.title));
    if raw_title.is_empty() {
        return Err(skip(
            c.title,
            "no title, so no draft".to_string(),
            "give the ticket a short description in the system, then import again",
        ));
    }
    let resolved = match c.resolved.map(|i| (i, row.cell(i))) {
        Some((i, text)) if !text.is_empty() => match when::parse(text, input.date_format, input.zone) {
            Some(r) if r.timestamp() < ticket.opened.timestamp() => {
                return Err(skip(
                    i,
                    "resolved before it was opened, so no draft".to_string(),
                    "correct the times in the system, then import again",
                ));
            }
            Some(r) => Some(r),
            None => {
                return Err(skip(
                    i,
                    format!("\"{}\" is not a date and time insyn can read, so no draft", input.masker.quote(text)),
                    "write the export's date format under [import], e.g. date_format = \"%d/%m/%Y %H:%M\"",
                ));
            }
        },
        _ => None,
    };
    let kind = if ticket.personal_data { Kind::PersonalDataIncident } else { Kind::MajorIncident };

    let mut found: Vec<(usize, PersonalDataKind)> = Vec::new();
    let (title, kinds) = input.masker.mask(&raw_title);
    found.extend(kinds.into_iter().map(|k| (c.title, k)));
    let description = c.description.map(|i| row.cell(i).replace("\r\n", "\n").replace('\r', "\n")).unwrap_or_default();
    let (body, kinds) = input.masker.mask(description.trim());
    if let Some(i) = c.description {
        found.extend(kinds.into_iter().map(|k| (i, k)));
    }

    let id = unique_id(&title, &ticket.number, taken);
    let rel = PathBuf::from("content/periods").join(input.period).join(format!("{id}.md"));
    let mut t = String::new();
    t.push_str("+++\n");
    t.push_str(&format!(
        "# A draft from insyn import ({}): check every field and write the text for readers, then remove draft = true to publish it.\n",
        ticket.number
    ));
    t.push_str(&format!("title = {}\n", toml_string(&title)));
    t.push_str(&format!("kind = \"{}\"\n", kind.key()));
    t.push_str(&format!("service = \"{}\"\n", input.service));
    t.push_str(&format!("date = {}\n", when::content_text(&ticket.opened)));
    if let Some(r) = &resolved {
        t.push_str(&format!("resolved = {}\n", when::content_text(r)));
    }
    t.push_str(&format!("ref = {}\n", toml_string(&ticket.number)));
    t.push_str("draft = true\n");
    t.push_str("+++\n");
    if !body.is_empty() {
        t.push_str(&body);
        t.push('\n');
    }
    let maskings = found
        .into_iter()
        .map(|(column, kind)| Masking { rel: rel.clone(), row: row.number, column: c.name(column).to_string(), kind })
        .collect();
    Ok((Draft { rel, title, number: ticket.number.clone(), row: row.number, kind, text: t }, maskings))
}

/// An id for the title as `insyn new` makes one (from the ticket number
/// when the title has no letters or digits), with `-2`, `-3` … until it is
/// not taken.
fn unique_id(title: &str, number: &str, taken: &mut BTreeSet<String>) -> String {
    let mut base = ids::derive(title);
    if base.is_empty() {
        base = ids::slugify(number);
    }
    if base.is_empty() {
        base = "import".to_string();
    }
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// Text on one line: line breaks and other control characters as spaces.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control()).filter(|s| !s.trim().is_empty()).map(str::trim).collect::<Vec<_>>().join(" ")
}

/// A TOML basic string with the needed escapes.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}
