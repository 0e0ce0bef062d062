//! What a dataset of the exports is: its rows (one [`Row`] type for all),
//! and its columns declared once each — name, one line of documentation,
//! and how the cell is read from a row. The CSV and JSON writers, the
//! downloads page and the README's column lists all read these
//! declarations.
//!
//! A column's [`Cell`] says both where its value comes from and what type
//! it is (text, count, date, list …), so that the writers know how to write
//! it and the documentation can say what a reuser will find.

use crate::layout::UrlWords;
use crate::model::Site;
use crate::time::{Date, Moment};

/// One dataset: `records.csv` and `records.json` are one, with one row per
/// published record. Implement it in a module of its own and add the type
/// to [`super::list::DATASETS`].
pub trait Dataset: Sync + 'static {
    /// What the cells of one row are read from: borrowed from the site.
    type Row<'a>;
    /// File stem and JSON key: `records`.
    const KEY: &'static str;
    /// What one row stands for, for the documentation ("one row per …").
    const ABOUT: &'static str;
    /// The columns, in order. A public interface: add at the end, never
    /// rename or reorder.
    const COLUMNS: &'static [Column<Self>];
    /// Every row, in the order of the file.
    fn rows<'a>(site: &'a Site, words: &'a UrlWords) -> impl Iterator<Item = Self::Row<'a>>;
}

/// One row of a dataset: an item of the site (a record, a period, a
/// recommendation followed up …) with what its cells are read through.
/// Each dataset adds the getters its columns need in an `impl Row<'_, Item>`
/// of its own module.
pub struct Row<'a, T> {
    /// The whole site, for what the item links to.
    pub site: &'a Site,
    /// The URL words, for the columns that link to a page.
    pub words: &'a UrlWords,
    /// The item's index in its list of the site (`site.records`,
    /// `site.periods` …), which the site's indexes are keyed by; a stage of
    /// a record's report has its record's.
    pub i: usize,
    /// The item the row is about.
    pub item: &'a T,
}

/// A column: its name (the CSV header and the JSON key), one line saying
/// what it holds, and how its cell is read from a row.
pub struct Column<D: Dataset + ?Sized> {
    /// The name, as in the header row.
    pub name: &'static str,
    /// One line for reusers: what the value means.
    pub doc: &'static str,
    /// How the value is read, and so its type.
    pub cell: Cell<D>,
}

/// A getter of a value from a row of `D`.
type Get<D, T> = for<'a, 'b> fn(&'b <D as Dataset>::Row<'a>) -> T;
/// A getter of a text borrowed from the row.
type GetText<D> = for<'a, 'b> fn(&'b <D as Dataset>::Row<'a>) -> &'b str;
/// A getter of a text, or none, borrowed from the row.
type GetOptionalText<D> = for<'a, 'b> fn(&'b <D as Dataset>::Row<'a>) -> Option<&'b str>;
/// A getter of a list of texts borrowed from the row.
type GetList<D> = for<'a, 'b> fn(&'b <D as Dataset>::Row<'a>) -> Vec<&'b str>;

/// How a column's value is read from a row, by type. The `Optional` kinds
/// are unknown (an empty cell, JSON `null`) when the getter gives `None`.
pub enum Cell<D: Dataset + ?Sized> {
    /// Text, always there.
    Text(GetText<D>),
    /// Text, or unknown.
    OptionalText(GetOptionalText<D>),
    /// One word of a closed list (`codes` gives them all, for the documentation).
    Code {
        /// Every word the column may hold.
        codes: fn() -> Vec<&'static str>,
        /// The word of a row.
        get: Get<D, &'static str>,
    },
    /// One word of a closed list, or unknown.
    OptionalCode {
        /// Every word the column may hold.
        codes: fn() -> Vec<&'static str>,
        /// The word of a row.
        get: Get<D, Option<&'static str>>,
    },
    /// A count.
    Count(Get<D, usize>),
    /// A number, or unknown.
    OptionalNumber(Get<D, Option<u64>>),
    /// `true` or `false`.
    Bool(Get<D, bool>),
    /// `true`, `false`, or unknown.
    OptionalBool(Get<D, Option<bool>>),
    /// A date.
    Date(Get<D, Date>),
    /// A date or a date-time, as written.
    Moment(Get<D, Moment>),
    /// A date or a date-time, or unknown.
    OptionalMoment(Get<D, Option<Moment>>),
    /// A date, or unknown.
    OptionalDate(Get<D, Option<Date>>),
    /// A list of texts.
    List(GetList<D>),
    /// A page of the site: the getter gives its path from the site root,
    /// the cell holds its absolute URL.
    Url(Get<D, String>),
}

/// A text column.
pub const fn text<D: Dataset + ?Sized>(name: &'static str, doc: &'static str, get: GetText<D>) -> Column<D> {
    Column { name, doc, cell: Cell::Text(get) }
}

/// A text column whose value may be unknown.
pub const fn optional_text<D: Dataset + ?Sized>(
    name: &'static str,
    doc: &'static str,
    get: GetOptionalText<D>,
) -> Column<D> {
    Column { name, doc, cell: Cell::OptionalText(get) }
}

/// A column of words from a closed list.
pub const fn code<D: Dataset + ?Sized>(
    name: &'static str,
    doc: &'static str,
    codes: fn() -> Vec<&'static str>,
    get: Get<D, &'static str>,
) -> Column<D> {
    Column { name, doc, cell: Cell::Code { codes, get } }
}

/// A column of words from a closed list, or unknown.
pub const fn optional_code<D: Dataset + ?Sized>(
    name: &'static str,
    doc: &'static str,
    codes: fn() -> Vec<&'static str>,
    get: Get<D, Option<&'static str>>,
) -> Column<D> {
    Column { name, doc, cell: Cell::OptionalCode { codes, get } }
}

/// A count.
pub const fn count<D: Dataset + ?Sized>(name: &'static str, doc: &'static str, get: Get<D, usize>) -> Column<D> {
    Column { name, doc, cell: Cell::Count(get) }
}

/// A number that may be unknown.
pub const fn optional_number<D: Dataset + ?Sized>(
    name: &'static str,
    doc: &'static str,
    get: Get<D, Option<u64>>,
) -> Column<D> {
    Column { name, doc, cell: Cell::OptionalNumber(get) }
}

/// A yes-or-no column.
pub const fn flag<D: Dataset + ?Sized>(name: &'static str, doc: &'static str, get: Get<D, bool>) -> Column<D> {
    Column { name, doc, cell: Cell::Bool(get) }
}

/// A yes-or-no column that may be unknown.
pub const fn optional_flag<D: Dataset + ?Sized>(
    name: &'static str,
    doc: &'static str,
    get: Get<D, Option<bool>>,
) -> Column<D> {
    Column { name, doc, cell: Cell::OptionalBool(get) }
}

/// A date column.
pub const fn date<D: Dataset + ?Sized>(name: &'static str, doc: &'static str, get: Get<D, Date>) -> Column<D> {
    Column { name, doc, cell: Cell::Date(get) }
}

/// A date column that may be unknown.
pub const fn optional_date<D: Dataset + ?Sized>(
    name: &'static str,
    doc: &'static str,
    get: Get<D, Option<Date>>,
) -> Column<D> {
    Column { name, doc, cell: Cell::OptionalDate(get) }
}

/// A date or date-time column, as written in the content.
pub const fn moment<D: Dataset + ?Sized>(name: &'static str, doc: &'static str, get: Get<D, Moment>) -> Column<D> {
    Column { name, doc, cell: Cell::Moment(get) }
}

/// A date or date-time column that may be unknown.
pub const fn optional_moment<D: Dataset + ?Sized>(
    name: &'static str,
    doc: &'static str,
    get: Get<D, Option<Moment>>,
) -> Column<D> {
    Column { name, doc, cell: Cell::OptionalMoment(get) }
}

/// A list column.
pub const fn list<D: Dataset + ?Sized>(name: &'static str, doc: &'static str, get: GetList<D>) -> Column<D> {
    Column { name, doc, cell: Cell::List(get) }
}

/// The absolute URL of a page of the site; `path` gives its path from the site root.
pub const fn url<D: Dataset + ?Sized>(name: &'static str, doc: &'static str, path: Get<D, String>) -> Column<D> {
    Column { name, doc, cell: Cell::Url(path) }
}

/// The value of one cell, ready to be written in either format.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'b> {
    /// Unknown: an empty CSV cell, JSON `null`.
    Unknown,
    /// Text.
    Text(&'b str),
    /// Text made for the cell (a URL).
    Owned(String),
    /// A number.
    Number(u64),
    /// `true` or `false`.
    Bool(bool),
    /// A date, written `YYYY-MM-DD`.
    Date(Date),
    /// A date or date-time, written as RFC 3339.
    Moment(Moment),
    /// A list: joined with [`LIST_SEPARATOR`] in CSV, an array in JSON.
    List(Vec<&'b str>),
}

/// How lists are joined in a CSV cell.
pub const LIST_SEPARATOR: &str = " | ";

impl Value<'_> {
    /// Appends the value's text as written in a CSV cell, before quoting.
    pub fn push_text(&self, out: &mut String) {
        use std::fmt::Write as _;
        // Writing into a String cannot fail.
        match self {
            Value::Unknown => {}
            Value::Text(s) => out.push_str(s),
            Value::Owned(s) => out.push_str(s),
            Value::Number(n) => {
                let _ = write!(out, "{n}");
            }
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Date(d) => {
                let _ = write!(out, "{d}");
            }
            Value::Moment(m) => m.write_rfc3339(out),
            Value::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(LIST_SEPARATOR);
                    }
                    out.push_str(item);
                }
            }
        }
    }
}

impl<D: Dataset + ?Sized> Column<D> {
    /// The cell's value in `row`; `base_url` makes URLs absolute.
    pub fn value<'b>(&self, row: &'b D::Row<'_>, base_url: &str) -> Value<'b> {
        fn or_unknown<'b, T>(value: Option<T>, some: impl FnOnce(T) -> Value<'b>) -> Value<'b> {
            value.map_or(Value::Unknown, some)
        }
        match &self.cell {
            Cell::Text(get) => Value::Text(get(row)),
            Cell::OptionalText(get) => or_unknown(get(row), Value::Text),
            Cell::Code { get, .. } => Value::Text(get(row)),
            Cell::OptionalCode { get, .. } => or_unknown(get(row), Value::Text),
            Cell::Count(get) => Value::Number(u64::try_from(get(row)).unwrap_or(u64::MAX)),
            Cell::OptionalNumber(get) => or_unknown(get(row), Value::Number),
            Cell::Bool(get) => Value::Bool(get(row)),
            Cell::OptionalBool(get) => or_unknown(get(row), Value::Bool),
            Cell::Date(get) => Value::Date(get(row)),
            Cell::Moment(get) => Value::Moment(get(row)),
            Cell::OptionalMoment(get) => or_unknown(get(row), Value::Moment),
            Cell::OptionalDate(get) => or_unknown(get(row), Value::Date),
            Cell::List(get) => Value::List(get(row)),
            Cell::Url(path) => Value::Owned(crate::layout::links::absolute(base_url, &path(row))),
        }
    }

    /// What the documentation says of the column.
    pub fn info(&self) -> ColumnInfo {
        let (kind, codes) = match &self.cell {
            Cell::Text(_) => ("text", None),
            Cell::OptionalText(_) => ("text or empty", None),
            Cell::Code { codes, .. } => ("code", Some(codes())),
            Cell::OptionalCode { codes, .. } => ("code or empty", Some(codes())),
            Cell::Count(_) => ("number", None),
            Cell::OptionalNumber(_) => ("number or empty", None),
            Cell::Bool(_) => ("`true`/`false`", None),
            Cell::OptionalBool(_) => ("`true`/`false` or empty", None),
            Cell::Date(_) => ("date", None),
            Cell::Moment(_) => ("date or date-time", None),
            Cell::OptionalMoment(_) => ("date or date-time, or empty", None),
            Cell::OptionalDate(_) => ("date or empty", None),
            Cell::List(_) => ("list", None),
            Cell::Url(_) => ("absolute URL", None),
        };
        ColumnInfo { name: self.name, doc: self.doc, kind, codes: codes.unwrap_or_default() }
    }
}

/// A column as the documentation describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnInfo {
    /// Its name.
    pub name: &'static str,
    /// What it holds.
    pub doc: &'static str,
    /// Its type, in words: "text", "number or empty" …
    pub kind: &'static str,
    /// The words a coded column may hold (empty for other columns).
    pub codes: Vec<&'static str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_joined_and_unknown_is_empty() {
        let mut out = String::new();
        Value::List(vec!["a", "b, c"]).push_text(&mut out);
        Value::Unknown.push_text(&mut out);
        Value::Bool(false).push_text(&mut out);
        Value::Number(1003).push_text(&mut out);
        assert_eq!(out, "a | b, cfalse1003");
    }
}
