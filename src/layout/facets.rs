//! The filtered lists of records: which facets there are and the path of
//! each facet value's pages (`avvikelser/typ/major-incident/`,
//! `avvikelser/typ/major-incident/2023/`, then `…/sida/2/` …).

use super::paging;
use super::words::UrlWords;

/// A way to narrow the list of all records. Each value of a facet that
/// some record has gets its own list, split into pages like the list of
/// all records. One facet at a time, plus kind × year: never the full
/// cross product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// The record's kind (ids: the kind words).
    Kind,
    /// Its severity (ids: the severity words, and `not-assessed`).
    Severity,
    /// Its status as of the latest period (ids: the status words).
    Status,
    /// Its service's area (ids: the area ids).
    Area,
    /// Its service's tier (ids: `base`, `addon`).
    Tier,
    /// The year it began (ids: `2023`).
    Year,
    /// Kind and year together (ids: `major-incident/2023`).
    KindYear,
}

impl Facet {
    /// Every facet, in the order the site lists them.
    pub const ALL: [Facet; 7] =
        [Facet::Kind, Facet::Severity, Facet::Status, Facet::Area, Facet::Tier, Facet::Year, Facet::KindYear];

    /// The facets of one property, as the facet navigation lists them.
    pub const SINGLE: [Facet; 6] = [Facet::Kind, Facet::Severity, Facet::Status, Facet::Area, Facet::Tier, Facet::Year];

    /// A language-independent name (in templates and messages).
    pub fn key(self) -> &'static str {
        match self {
            Facet::Kind => "kind",
            Facet::Severity => "severity",
            Facet::Status => "status",
            Facet::Area => "area",
            Facet::Tier => "tier",
            Facet::Year => "year",
            Facet::KindYear => "kind-year",
        }
    }

    /// Its position in [`Facet::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The id of the severity facet's value for records without a severity.
pub const NOT_ASSESSED: &str = "not-assessed";

/// The folder of a facet's lists, under the records' folder (`typ`);
/// kind × year lists go under the kind's. A theme without the word gets
/// the Swedish one.
pub fn facet_word(w: &UrlWords, facet: Facet) -> &str {
    let (word, default) = match facet {
        Facet::Kind | Facet::KindYear => (&w.by_kind, "typ"),
        Facet::Severity => (&w.by_severity, "allvarlighet"),
        Facet::Status => (&w.by_status, "status"),
        Facet::Area => (&w.by_area, "omrade"),
        Facet::Tier => (&w.by_tier, "tjanstetyp"),
        Facet::Year => (&w.by_year, "ar"),
    };
    word.as_deref().unwrap_or(default)
}

/// The path of a facet value's list (`value` is its id):
/// `avvikelser/typ/major-incident/`; kind × year ids (`major-incident/2023`)
/// go under the kind's word.
pub fn facet_path(w: &UrlWords, facet: Facet, value: &str) -> String {
    [&w.records, "/", facet_word(w, facet), "/", value, "/"].concat()
}

/// The path of page `n` (0 is the first) of a facet value's list.
pub fn facet_page_path(w: &UrlWords, facet: Facet, value: &str, n: usize) -> String {
    paging::paged(&facet_path(w, facet, value), w, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_positions_follow_their_order() {
        for (i, f) in Facet::ALL.iter().enumerate() {
            assert_eq!(f.index(), i);
        }
    }
}
