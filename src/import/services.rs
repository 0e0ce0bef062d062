//! Which service a row is about: an export names a service or
//! configuration item in its own words. A name listed under
//! `[import.services]` maps to the service given there; otherwise a value
//! matches the service whose id, name or system it equals, ignoring case.
//! A value that two services share matches neither: the site must say.

use std::collections::BTreeMap;

use super::presets::fold;
use super::site::ServiceFacts;

/// What an export value stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// One service.
    One(String),
    /// Several services have it as their id, name or system.
    Several(Vec<String>),
    /// No service.
    None,
}

/// Export values (folded) → the services they name.
#[derive(Debug, Clone, Default)]
pub struct ServiceIndex {
    explicit: BTreeMap<String, String>,
    by_value: BTreeMap<String, Vec<String>>,
}

impl ServiceIndex {
    /// An index of `services`, with `explicit` pairs (folded export name →
    /// service id) from `[import.services]` taking precedence.
    pub fn new(services: &[ServiceFacts], explicit: &[(String, String)]) -> ServiceIndex {
        let mut by_value: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for s in services {
            for value in [Some(&s.id), s.name.as_ref(), s.system.as_ref()].into_iter().flatten() {
                let ids = by_value.entry(fold(value)).or_default();
                if !ids.contains(&s.id) {
                    ids.push(s.id.clone());
                }
            }
        }
        ServiceIndex { explicit: explicit.iter().cloned().collect(), by_value }
    }

    /// The service `value` names.
    pub fn find(&self, value: &str) -> Match {
        let key = fold(value);
        if key.is_empty() {
            return Match::None;
        }
        if let Some(id) = self.explicit.get(&key) {
            return Match::One(id.clone());
        }
        match self.by_value.get(&key).map(Vec::as_slice) {
            Some([one]) => Match::One(one.clone()),
            Some(many) if !many.is_empty() => Match::Several(many.to_vec()),
            _ => Match::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(id: &str, name: &str, system: &str) -> ServiceFacts {
        ServiceFacts { id: id.into(), name: Some(name.into()), system: Some(system.into()) }
    }

    #[test]
    fn matches_id_name_or_system_ignoring_case_and_explicit_pairs_win() {
        let services = [
            service("agresso", "Stöd i ekonomiprocesser", "Agresso/Unit4 (UBW)"),
            service("lon", "Lön", "Personec P"),
            service("lon2", "Lön 2", "Personec P"),
        ];
        let index = ServiceIndex::new(&services, &[("ubw".into(), "agresso".into())]);
        assert_eq!(index.find("AGRESSO"), Match::One("agresso".into()));
        assert_eq!(index.find(" stöd i  ekonomiprocesser"), Match::One("agresso".into()));
        assert_eq!(index.find("agresso/unit4 (ubw)"), Match::One("agresso".into()));
        assert_eq!(index.find("UBW"), Match::One("agresso".into()));
        assert_eq!(index.find("Personec P"), Match::Several(vec!["lon".into(), "lon2".into()]));
        assert_eq!(index.find("Citrix"), Match::None);
        assert_eq!(index.find(""), Match::None);
    }
}
