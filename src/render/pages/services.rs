//! The service catalogue: the services of each area, then the retired ones.

use serde::Serialize;

use super::frame::{Frame, Page};
use super::shared::Shared;
use super::summaries::{ServiceSummary, service_summary};
use crate::layout::Facet;
use crate::layout::facets::facet_path;
use crate::model::facets::FacetKey;
use crate::render::views::Link;
use crate::vocab::Tier;

/// The service catalogue's variables.
#[derive(Serialize)]
pub struct Services {
    /// Per tier, its services in use and the list of its records.
    tiers: Vec<TierGroup>,
    /// Per area, its services in use.
    groups: Vec<ServiceGroup>,
    /// The services no longer in use.
    retired: Vec<ServiceSummary>,
}

/// An area's services in use.
#[derive(Serialize)]
struct ServiceGroup {
    name: String,
    href: String,
    services: Vec<ServiceSummary>,
}

/// A tier's services in use.
#[derive(Serialize)]
struct TierGroup {
    /// `base`, `addon`.
    tier: &'static str,
    /// "Base services".
    name: String,
    /// The link to the tier's records, with their number; absent when it
    /// has none.
    records: Option<Link>,
    services: Vec<ServiceSummary>,
}

/// The service catalogue.
pub fn page(s: &Shared<'_>) -> Page<Services> {
    let site = s.site;
    let l = &s.labels;
    let groups = site
        .config
        .areas
        .iter()
        .enumerate()
        .map(|(a, area)| ServiceGroup {
            name: area.name.clone(),
            href: s.words.area(&area.id),
            services: site.services_by_area[a]
                .iter()
                .filter(|&&i| !site.services[i].retired)
                .map(|&i| service_summary(site, l, i))
                .collect(),
        })
        .collect();
    let retired =
        (0..site.services.len()).filter(|&i| site.services[i].retired).map(|i| service_summary(site, l, i)).collect();
    let tiers = Tier::ALL
        .iter()
        .map(|&tier| {
            let name = l.i18n.get(&format!("tiers_{}", tier.key())).to_string();
            let records = site.facets.position(Facet::Tier, FacetKey::Tier(tier)).map(|v| {
                let n = l.count(site.facets.values(Facet::Tier)[v].records.len() as u64);
                Link {
                    title: l.i18n.fill("services_tier_records", &[("tier", &name), ("n", &n)]),
                    href: facet_path(s.words, Facet::Tier, tier.key()),
                }
            });
            let services = (0..site.services.len())
                .filter(|&i| !site.services[i].retired && site.services[i].tier == tier)
                .map(|i| service_summary(site, l, i))
                .collect();
            TierGroup { tier: tier.key(), name, records, services }
        })
        .collect();
    let frame = Frame::list(s, l.i18n.get("nav_services"), &s.words.services, "services.html");
    Page::new(frame, Services { tiers, groups, retired })
}
