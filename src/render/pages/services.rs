//! The service catalogue: the services of each area, then the retired ones.

use serde::Serialize;

use super::frame::{Frame, Page};
use super::shared::Shared;
use super::summaries::{ServiceSummary, service_summary};

/// The service catalogue's variables.
#[derive(Serialize)]
pub struct Services {
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
    let frame = Frame::list(s, l.i18n.get("nav_services"), &s.words.services, "services.html");
    Page::new(frame, Services { groups, retired })
}
