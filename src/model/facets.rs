//! The records grouped by each facet of the filtered lists, made once when
//! the site is linked: one pass over the records, so that no page of a
//! filtered list scans them all (a site of 100 000 records has a few
//! hundred such pages).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::content::{Record, Service};
use crate::layout::Facet;
use crate::layout::facets::NOT_ASSESSED;
use crate::time::Date;
use crate::vocab::{Kind, Severity, Status, Tier, Word};

/// What a value of a facet stands for, for its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetKey {
    /// A kind.
    Kind(Kind),
    /// A severity, or none assessed.
    Severity(Option<Severity>),
    /// A status as of the latest period.
    Status(Status),
    /// An area (its position in `config.areas`).
    Area(usize),
    /// A service tier.
    Tier(Tier),
    /// A year.
    Year(i32),
    /// A kind in a year.
    KindYear(Kind, i32),
}

/// One value of a facet that some record has.
#[derive(Debug, Clone)]
pub struct FacetValue {
    /// What it stands for.
    pub key: FacetKey,
    /// Its id in URLs (`major-incident`, `2023`, `major-incident/2023`).
    pub id: String,
    /// Its records, by date (as `Site::records`).
    pub records: Vec<usize>,
}

/// What the groupings are made of: the linked site's lists, before it is
/// put together (the site holds the result).
pub struct Input<'a> {
    /// The published records, by date.
    pub records: &'a [Arc<Record>],
    /// The services.
    pub services: &'a [Service],
    /// Per record, its service.
    pub record_service: &'a [Option<usize>],
    /// Per record, its area.
    pub record_area: &'a [Option<usize>],
    /// The area ids, in `config.areas` order.
    pub area_ids: Vec<&'a str>,
    /// Per record, the day it began, in the site's time zone.
    pub record_days: &'a [Date],
    /// Per record, its status as of the latest period.
    pub statuses: Vec<Status>,
}

/// Per facet (in [`Facet::ALL`] order), its values that have records, in
/// the order the site lists them (years newest first).
#[derive(Debug, Clone, Default)]
pub struct Facets {
    groups: Vec<Vec<FacetValue>>,
}

impl Facets {
    /// The values of `facet` that have records.
    pub fn values(&self, facet: Facet) -> &[FacetValue] {
        self.groups.get(facet.index()).map_or(&[], Vec::as_slice)
    }

    /// The position of the value of `facet` that stands for `key`, when
    /// it has records.
    pub fn position(&self, facet: Facet, key: FacetKey) -> Option<usize> {
        self.values(facet).iter().position(|v| v.key == key)
    }

    /// Groups the records in one pass.
    pub fn group(site: &Input<'_>) -> Facets {
        let n_areas = site.area_ids.len();
        let mut kinds = vec![Vec::new(); Kind::ALL.len()];
        let mut severities = vec![Vec::new(); Severity::ALL.len() + 1];
        let mut statuses = vec![Vec::new(); Status::ALL.len()];
        let mut areas = vec![Vec::new(); n_areas];
        let mut tiers = vec![Vec::new(); Tier::ALL.len()];
        let mut years: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        let mut kind_years: BTreeMap<(usize, std::cmp::Reverse<i32>), Vec<usize>> = BTreeMap::new();
        for (i, r) in site.records.iter().enumerate() {
            let k = pos(r.kind);
            kinds[k].push(i);
            let sev = r.severity.map_or(Severity::ALL.len(), pos);
            severities[sev].push(i);
            statuses[pos(site.statuses[i])].push(i);
            if let Some(a) = site.record_area[i] {
                areas[a].push(i);
            }
            if let Some(s) = site.record_service[i] {
                tiers[pos(site.services[s].tier)].push(i);
            }
            let year = site.record_days[i].year;
            years.entry(year).or_default().push(i);
            kind_years.entry((k, std::cmp::Reverse(year))).or_default().push(i);
        }
        let values = |lists: Vec<Vec<usize>>, make: &dyn Fn(usize) -> (FacetKey, String)| -> Vec<FacetValue> {
            lists
                .into_iter()
                .enumerate()
                .filter(|(_, recs)| !recs.is_empty())
                .map(|(n, records)| {
                    let (key, id) = make(n);
                    FacetValue { key, id, records }
                })
                .collect()
        };
        let mut groups = vec![Vec::new(); Facet::ALL.len()];
        groups[Facet::Kind.index()] =
            values(kinds, &|n| (FacetKey::Kind(Kind::ALL[n]), Kind::ALL[n].key().to_string()));
        groups[Facet::Severity.index()] = values(severities, &|n| match Severity::ALL.get(n) {
            Some(&s) => (FacetKey::Severity(Some(s)), s.key().to_string()),
            None => (FacetKey::Severity(None), NOT_ASSESSED.to_string()),
        });
        // Highest first: what readers ask for.
        groups[Facet::Severity.index()].sort_by_key(|v| match v.key {
            FacetKey::Severity(Some(s)) => std::cmp::Reverse(Some(s)),
            _ => std::cmp::Reverse(None),
        });
        groups[Facet::Status.index()] =
            values(statuses, &|n| (FacetKey::Status(Status::ALL[n]), Status::ALL[n].key().to_string()));
        groups[Facet::Area.index()] = values(areas, &|n| (FacetKey::Area(n), site.area_ids[n].to_string()));
        groups[Facet::Tier.index()] =
            values(tiers, &|n| (FacetKey::Tier(Tier::ALL[n]), Tier::ALL[n].key().to_string()));
        groups[Facet::Year.index()] = years
            .into_iter()
            .rev()
            .map(|(y, records)| FacetValue { key: FacetKey::Year(y), id: y.to_string(), records })
            .collect();
        groups[Facet::KindYear.index()] = kind_years
            .into_iter()
            .map(|((k, std::cmp::Reverse(y)), records)| {
                let kind = Kind::ALL[k];
                FacetValue { key: FacetKey::KindYear(kind, y), id: format!("{}/{y}", kind.key()), records }
            })
            .collect();
        Facets { groups }
    }
}

/// The position of `v` in its list of words.
fn pos<W: Word>(v: W) -> usize {
    W::ALL.iter().position(|x| *x == v).unwrap_or(0)
}
