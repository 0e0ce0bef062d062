//! The facet navigation of the filtered lists: per facet, a link to the
//! list of each of its values with its count. Made once per site (the
//! page cache keeps it); a page marks its own choice in the template.

use serde::Serialize;

use crate::layout::facets::facet_path;
use crate::layout::{Facet, UrlWords};
use crate::model::Site;
use crate::model::facets::{FacetKey, FacetValue};
use crate::theme::Labels;

/// The facet navigation.
#[derive(Serialize)]
pub struct FacetNav {
    /// The list of all records, with their number.
    pub all: Choice,
    /// One group per facet that has values.
    pub groups: Vec<ChoiceGroup>,
}

/// The choices of one facet.
#[derive(Serialize)]
pub struct ChoiceGroup {
    /// The facet (`kind` …).
    pub facet: &'static str,
    /// Its heading ("Kind").
    pub heading: String,
    /// Its values with records.
    pub choices: Vec<Choice>,
}

/// One value of a facet, as a link.
#[derive(Serialize)]
pub struct Choice {
    /// The facet (`kind` …; empty for the list of all records).
    pub facet: &'static str,
    /// The value's id.
    pub id: String,
    /// Its label ("Major incidents").
    pub label: String,
    /// Its number of records, formatted.
    pub count: String,
    /// The path of its list.
    pub href: String,
}

/// The heading of `facet`'s group ("Status on 31 May 2023" for the status
/// as of the latest period).
pub fn heading(site: &Site, l: &Labels<'_>, facet: Facet) -> String {
    let t = l.i18n;
    match (facet, site.as_of) {
        (Facet::Status, Some(day)) => t.fill("facet_status_on", &[("date", &t.date(day))]),
        _ => t.get(&format!("facet_{}", facet.key().replace('-', "_"))).to_string(),
    }
}

/// What a value stands for, in words ("Major incidents", "2023").
pub fn label(site: &Site, l: &Labels<'_>, key: FacetKey) -> String {
    let t = l.i18n;
    match key {
        FacetKey::Kind(k) => t.kind_plural(k).to_string(),
        FacetKey::Severity(Some(s)) => t.severity(s).to_string(),
        FacetKey::Severity(None) => t.get("facet_not_assessed").to_string(),
        FacetKey::Status(s) => t.status(s).to_string(),
        FacetKey::Area(a) => site.config.areas.get(a).map_or_else(String::new, |a| a.name.clone()),
        FacetKey::Tier(tier) => t.get(&format!("tiers_{}", tier.key())).to_string(),
        FacetKey::Year(y) => y.to_string(),
        FacetKey::KindYear(k, y) => {
            t.fill("facet_kind_in_year", &[("kind", t.kind_plural(k)), ("year", &y.to_string())])
        }
    }
}

/// Value `v` of `facet` as a link, labelled `label`.
pub fn choice(l: &Labels<'_>, words: &UrlWords, facet: Facet, v: &FacetValue, label: String) -> Choice {
    Choice {
        facet: facet.key(),
        id: v.id.clone(),
        label,
        count: l.count(v.records.len() as u64),
        href: facet_path(words, facet, &v.id),
    }
}

/// The facet navigation of `site`.
pub fn nav(site: &Site, l: &Labels<'_>) -> FacetNav {
    let words = &l.i18n.url;
    let groups = Facet::SINGLE
        .iter()
        .filter(|&&f| !site.facets.values(f).is_empty())
        .map(|&f| ChoiceGroup {
            facet: f.key(),
            heading: heading(site, l, f),
            choices: site.facets.values(f).iter().map(|v| choice(l, words, f, v, label(site, l, v.key))).collect(),
        })
        .collect();
    FacetNav {
        all: Choice {
            facet: "",
            id: String::new(),
            label: l.i18n.get("facet_all").to_string(),
            count: l.count(site.records.len() as u64),
            href: UrlWords::list(&words.records),
        },
        groups,
    }
}

/// The kind × year lists next to a kind's or a year's list: the years of
/// kind `key`'s records, or the kinds of year `key`'s; `None` for other
/// facets.
pub fn kind_year(site: &Site, l: &Labels<'_>, key: FacetKey) -> Option<ChoiceGroup> {
    let t = l.i18n;
    let words = &t.url;
    let values = site.facets.values(Facet::KindYear).iter();
    let (heading, choices): (String, Vec<Choice>) = match key {
        FacetKey::Kind(kind) | FacetKey::KindYear(kind, _) => (
            t.fill("facet_kind_by_year", &[("kind", t.kind_plural(kind))]),
            values
                .filter_map(|v| match v.key {
                    FacetKey::KindYear(k, y) if k == kind => Some(choice(l, words, Facet::KindYear, v, y.to_string())),
                    _ => None,
                })
                .collect(),
        ),
        FacetKey::Year(year) => (
            t.fill("facet_kinds_in_year", &[("year", &year.to_string())]),
            values
                .filter_map(|v| match v.key {
                    FacetKey::KindYear(k, y) if y == year => {
                        Some(choice(l, words, Facet::KindYear, v, t.kind_plural(k).to_string()))
                    }
                    _ => None,
                })
                .collect(),
        ),
        _ => return None,
    };
    Some(ChoiceGroup { facet: Facet::KindYear.key(), heading, choices })
}
