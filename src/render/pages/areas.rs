//! The list of areas, each with its records by kind.

use serde::Serialize;

use super::frame::{Frame, Page};
use super::shared::Shared;
use super::summaries::AreaSummary;
use crate::render::views;

/// The list of areas' variables.
#[derive(Serialize)]
pub struct Areas {
    /// Every area, in the order of `site.toml`.
    areas: Vec<AreaSummary>,
}

/// The list of areas.
pub fn page(s: &Shared<'_>) -> Page<Areas> {
    let site = s.site;
    let areas = site
        .config
        .areas
        .iter()
        .enumerate()
        .map(|(a, area)| {
            let recs = &site.records_by_area[a];
            AreaSummary {
                name: area.name.clone(),
                href: s.words.area(&area.id),
                counts: views::kind_counts(site, recs, &s.labels),
                open: recs.iter().filter(|&&r| site.is_open(r)).count(),
                total: recs.len(),
                services_with_deviations: site.services_by_area[a].len(),
            }
        })
        .collect();
    let frame = Frame::list(s, s.labels.i18n.get("nav_areas"), &s.words.areas, "areas.html");
    Page::new(frame, Areas { areas })
}
