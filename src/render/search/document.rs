//! What the index is made from: one searchable document per record, and
//! how much each of its fields counts.

use super::postings;

/// How much a word found in each field counts: title, facts (kind,
/// service, system, supplier), periods and date, text.
pub const WEIGHTS: [u8; postings::FIELDS] = [8, 4, 2, 1];

/// One searchable document: a record as the search sees it.
#[derive(Debug, Clone)]
pub struct SearchDoc<'a> {
    /// The page's path from the site root, e.g. `avvikelser/agresso-minne/`.
    pub path: &'a str,
    /// Title.
    pub title: &'a str,
    /// Kind, as readers read it ("Major incident").
    pub kind: &'a str,
    /// Service name.
    pub service: &'a str,
    /// The IT system behind the service.
    pub system: Option<&'a str>,
    /// The supplier.
    pub supplier: Option<&'a str>,
    /// Labels of the periods that report it.
    pub periods: Vec<&'a str>,
    /// Its date as readers read it ("14 februari 2023").
    pub date: &'a str,
    /// Its date, ISO 8601.
    pub date_iso: &'a str,
    /// Its text, plain.
    pub body: &'a str,
}
