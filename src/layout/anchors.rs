//! The anchors of every kind of page: the ids the theme gives their
//! sections, in the site's language-independent form. They are stable:
//! editors link to them (`@/periods/2023-q1/period.toml#recommendations`),
//! validation checks such links against this list, and the README lists
//! them. A Markdown heading never takes one of these ids
//! ([`is_reserved`]).

/// The kinds of page whose content file an `@/` link can name, and the
/// other pages whose sections have anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// The overview (front page).
    Overview,
    /// A period's report.
    Period,
    /// A record.
    Record,
    /// A service.
    Service,
    /// An area.
    Area,
    /// A free page.
    Page,
    /// The follow-up of the recommendations.
    FollowUp,
    /// The downloads page of the open data.
    Data,
    /// The service catalogue.
    Services,
}

/// The fixed anchors of a kind of page (every page has `main` too).
pub fn fixed(kind: PageKind) -> &'static [&'static str] {
    match kind {
        PageKind::Overview => &["follow-up-headline", "figures", "tiers", "charts", "areas", "open", "latest"],
        PageKind::Period => {
            // `follow-up` is "since the last report" (issue 18); `report`
            // the follow-up table per area, whose sections are `area-<id>`.
            &["figures", "follow-up", "tiers", "charts", "summary", "report", "records", "recommendations"]
        }
        PageKind::Record => &["facts", "reports", "timeline", "actions", "description", "related"],
        PageKind::Service => &["facts", "history", "charts", "records"],
        PageKind::Area => &["charts", "services", "records"],
        PageKind::Page => &[],
        PageKind::FollowUp => &["by-status", "matrix", "calendar"],
        PageKind::Data => &["licence", "datasets", "format", "codes", "catalog", "contact"],
        PageKind::Services => &["by-tier", "retired"],
    }
}

/// The anchors made from an id, by prefix: `area-<area id>` on a period
/// page, `reports-<authority id>`, `status-<status>`, `rec-<period>-<id>`.
pub fn patterns(kind: PageKind) -> &'static [&'static str] {
    match kind {
        PageKind::Period => &[AREA, REPORTS, REC],
        PageKind::FollowUp => &[STATUS, REC],
        _ => &[],
    }
}

/// `area-<area id>`: an area's section of a period's follow-up report.
pub const AREA: &str = "area-";
/// `reports-<authority id>`: a period's reports to one authority.
pub const REPORTS: &str = "reports-";
/// `status-<status>`: the recommendations of one status on the follow-up page.
pub const STATUS: &str = "status-";
/// `rec-<period id>-<recommendation id>`: one recommendation.
pub const REC: &str = "rec-";

/// Every kind, for the checks that look at all of them.
pub const KINDS: [PageKind; 9] = [
    PageKind::Overview,
    PageKind::Period,
    PageKind::Record,
    PageKind::Service,
    PageKind::Area,
    PageKind::Page,
    PageKind::FollowUp,
    PageKind::Data,
    PageKind::Services,
];

/// Prefixes and suffixes of ids the theme makes (besides the anchors):
/// headings' ids for `aria-labelledby`, footnotes, groups, the search form.
const RESERVED_PREFIXES: [&str; 7] = [AREA, REPORTS, STATUS, REC, "fn-", "group-", "search-"];

/// Whether the theme may give a page an element with this id: a Markdown
/// heading whose slug is reserved takes the next free `-1`, `-2` … instead,
/// so that it can never collide with a section of the page it is shown on.
pub fn is_reserved(id: &str) -> bool {
    id == "main"
        || id.ends_with("-heading")
        || RESERVED_PREFIXES.iter().any(|p| id.starts_with(p))
        || KINDS.iter().any(|k| fixed(*k).contains(&id))
}

/// The ids of a text's headings, given their texts in order: each its
/// [`slug`](super::slug::slug), with `-1`, `-2` … added when the slug is
/// [reserved](is_reserved) or was taken by an earlier heading in `taken`
/// (the ids already on the page, which it extends). A slug that a number
/// cannot free (`area-…`, `…-heading`) starts with `h-` instead.
pub fn heading_id(text: &str, taken: &mut Vec<String>) -> String {
    let mut base = super::slug::slug(text);
    if is_reserved(&base) && is_reserved(&format!("{base}-1")) {
        base = format!("h-{base}");
    }
    let mut id = base.clone();
    let mut n = 0;
    while is_reserved(&id) || taken.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    taken.push(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved() {
        assert!(is_reserved("summary"));
        assert!(is_reserved("area-it"));
        assert!(is_reserved("timeline-heading"));
        assert!(!is_reserved("bakgrund"));
        assert!(!is_reserved("summary-1"));
        let mut taken = Vec::new();
        let ids: Vec<String> = ["Bakgrund", "Bakgrund", "Summary", "Area IT", "Timeline heading"]
            .iter()
            .map(|t| heading_id(t, &mut taken))
            .collect();
        assert_eq!(ids, ["bakgrund", "bakgrund-1", "summary-1", "h-area-it", "timeline-heading-1"]);
    }
}
