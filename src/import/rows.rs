//! One row of the export read into a ticket of the period, or the reason
//! it is not one. Rows opened outside the period are set aside without a
//! word; a row whose opening time cannot be read, or whose priority is not
//! one the site lists, is skipped and reported: never guessed.

use jiff::ZonedDateTime;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::mapping::{Columns, ImportConfig};
use super::mask::Masker;
use super::presets::fold;
use super::source::Row;
use super::when;

/// A row that is an incident of the period.
#[derive(Debug, Clone)]
pub struct Ticket<'r> {
    /// The row.
    pub row: &'r Row,
    /// The ticket number, trimmed.
    pub number: String,
    /// When it was opened, in the site's time zone.
    pub opened: ZonedDateTime,
    /// A major incident.
    pub major: bool,
    /// A personal-data incident.
    pub personal_data: bool,
}

/// A row that was skipped, and why: shown to the editor with its row
/// number and column, values masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The row's number in the export.
    pub row: u64,
    /// The column's header in the export.
    pub column: String,
    /// What is wrong with the value (the value masked).
    pub problem: String,
    /// What to do about it.
    pub help: String,
    /// Whether the row was left out of the figures (else only its draft).
    pub uncounted: bool,
}

/// What one row is.
#[derive(Debug, Clone)]
pub enum Outcome<'r> {
    /// Opened outside the period.
    Outside,
    /// In a state that `exclude_states` leaves out.
    Excluded,
    /// Skipped; see why.
    Skipped(Skip),
    /// An incident of the period.
    Ticket(Ticket<'r>),
}

/// Everything a row is read against.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// `[import]`.
    pub config: &'a ImportConfig,
    /// Where the columns are.
    pub columns: &'a Columns,
    /// The zone of times without an offset.
    pub zone: &'a TimeZone,
    /// The period's first day.
    pub start: Date,
    /// The period's last day.
    pub end: Date,
    /// For quoting values.
    pub masker: &'a Masker,
}

/// Reads one row.
pub fn read<'r>(row: &'r Row, cx: &Context<'_>) -> Outcome<'r> {
    let c = cx.columns;
    let opened_text = row.cell(c.opened);
    let Some(opened) = when::parse(opened_text, cx.config.date_format.as_deref(), cx.zone) else {
        let problem = if opened_text.is_empty() {
            "no opening time".to_string()
        } else {
            format!("\"{}\" is not a date and time insyn can read", cx.masker.quote(opened_text))
        };
        return Outcome::Skipped(Skip {
            row: row.number,
            column: c.name(c.opened).to_string(),
            problem,
            help: "write the export's date format under [import], e.g. date_format = \"%d/%m/%Y %H:%M\" (ISO 8601 needs none)".to_string(),
            uncounted: true,
        });
    };
    let day = opened.date();
    if day < cx.start || day > cx.end {
        return Outcome::Outside;
    }
    if let Some(i) = c.state
        && cx.config.exclude_states.contains(&fold(row.cell(i)))
    {
        return Outcome::Excluded;
    }
    let number = row.cell(c.number).to_string();
    if number.is_empty() {
        return Outcome::Skipped(Skip {
            row: row.number,
            column: c.name(c.number).to_string(),
            problem: "no ticket number".to_string(),
            help: "export the list with the ticket number filled in on every row".to_string(),
            uncounted: true,
        });
    }
    let priority = c.priority.map(|i| fold(row.cell(i))).unwrap_or_default();
    if let (Some(i), Some(known)) = (c.priority, &cx.config.priorities)
        && !known.contains(&priority)
    {
        let shown = row.cell(i);
        let problem = if shown.is_empty() {
            "no priority".to_string()
        } else {
            format!("the priority \"{}\" is not one of the export's priorities", cx.masker.quote(shown))
        };
        return Outcome::Skipped(Skip {
            row: row.number,
            column: c.name(i).to_string(),
            problem,
            help: "if it is a priority of the system, add it to priorities = […] under [import], and to major_priorities if it means a major incident".to_string(),
            uncounted: true,
        });
    }
    let category = c.category.map(|i| fold(row.cell(i))).unwrap_or_default();
    Outcome::Ticket(Ticket {
        row,
        number,
        opened,
        major: cx.config.major.matches(&priority, &category),
        personal_data: cx.config.personal_data.matches(&priority, &category),
    })
}
