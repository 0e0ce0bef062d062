//! The period's figures from its tickets: every ticket is an incident;
//! major and personal-data incidents are counted only when the site says
//! how to tell them (unknown is not zero). A ticket number that appears
//! twice is counted once.

use std::collections::BTreeMap;

use super::rows::{Skip, Ticket};

/// The counts for `[figures]`; `None` where the site gives no rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// `incidents`.
    pub incidents: u64,
    /// `major_incidents`.
    pub major_incidents: Option<u64>,
    /// `personal_data_incidents`.
    pub personal_data_incidents: Option<u64>,
}

/// The tickets counted, and the repeated rows left out.
#[derive(Debug, Clone)]
pub struct Tally<'r> {
    /// The counts.
    pub counts: Counts,
    /// Each ticket once, in export order.
    pub tickets: Vec<Ticket<'r>>,
    /// Rows whose ticket number an earlier row has.
    pub repeated: Vec<Skip>,
}

/// Counts `tickets`; `major` and `personal_data` say whether the site
/// has a rule for each kind.
pub fn tally<'r>(tickets: Vec<Ticket<'r>>, number_column: &str, major: bool, personal_data: bool) -> Tally<'r> {
    let mut first_row: BTreeMap<String, u64> = BTreeMap::new();
    let mut unique = Vec::with_capacity(tickets.len());
    let mut repeated = Vec::new();
    for t in tickets {
        if let Some(first) = first_row.get(&t.number) {
            repeated.push(Skip {
                row: t.row.number,
                column: number_column.to_string(),
                problem: format!("the ticket {} is on row {first} too; it is counted once", t.number),
                help: "export each ticket once".to_string(),
                uncounted: true,
            });
            continue;
        }
        first_row.insert(t.number.clone(), t.row.number);
        unique.push(t);
    }
    let count = |f: fn(&Ticket<'r>) -> bool| unique.iter().filter(|t| f(t)).count() as u64;
    let counts = Counts {
        incidents: unique.len() as u64,
        major_incidents: major.then(|| count(|t| t.major)),
        personal_data_incidents: personal_data.then(|| count(|t| t.personal_data)),
    };
    Tally { counts, tickets: unique, repeated }
}
