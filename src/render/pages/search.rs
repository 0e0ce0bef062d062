//! The search page: a form, and the script that queries the index written
//! beside it. Without JavaScript it says so and links to the lists.

use serde::Serialize;

use super::facet_nav;
use super::frame::{Frame, Page};
use super::shared::Shared;
use crate::layout::Facet;
use crate::layout::facets::facet_path;
use crate::render::views::Link;

/// The search page's variables.
#[derive(Serialize)]
pub struct Search {
    /// The lists of deviations, for readers without JavaScript.
    lists: Vec<Link>,
    /// Filtered lists (by kind, tier and year), with their counts, for
    /// readers without JavaScript.
    filtered: Vec<Link>,
}

/// The search page.
pub fn page(s: &Shared<'_>) -> Page<Search> {
    let w = s.words;
    let lists = [
        ("nav_records", &w.records),
        ("nav_periods", &w.periods),
        ("nav_services", &w.services),
        ("nav_areas", &w.areas),
    ]
    .map(|(key, word)| s.list_link(key, word))
    .to_vec();
    let t = s.labels.i18n;
    let site = s.site;
    let filtered = [Facet::Kind, Facet::Tier, Facet::Year]
        .iter()
        .flat_map(|&f| {
            site.facets.values(f).iter().map(move |v| {
                let title = t.fill(
                    "facet_title",
                    &[
                        ("facet", &facet_nav::heading(site, &s.labels, f)),
                        ("value", &facet_nav::label(site, &s.labels, v.key)),
                    ],
                );
                Link {
                    title: format!("{title} ({})", s.labels.count(v.records.len() as u64)),
                    href: facet_path(w, f, &v.id),
                }
            })
        })
        .collect();
    let frame = Frame {
        description: Some(t.get("search_intro").to_string()),
        ..Frame::list(s, t.get("search_title"), w.search_word(), "search.html")
    };
    Page::new(frame, Search { lists, filtered })
}
