//! Every rule of the content format, one function per rule. Site rules read
//! the linked [`Site`]; file rules (the personal-data guard) read each file's
//! text while the loader has it.

pub mod aliases;
pub mod dates;
pub mod figures;
pub mod links;
pub mod paths;
pub mod privacy;
pub mod privacy_rule;
pub mod recommendations;
pub mod references;
pub mod reports;
pub mod timelines;

use crate::diagnostics::Diagnostics;
use crate::layout::UrlWords;
use crate::model::Site;

/// A site rule: reads the site, reports what it finds.
type Rule = fn(&Site, &mut Diagnostics);

/// Every site rule.
const RULES: [Rule; 22] = [
    references::services_have_areas,
    references::records_have_services,
    references::record_ids_are_unique,
    references::related_records_exist,
    references::periods_exist,
    references::recommendation_services_exist,
    dates::periods_end_after_start,
    dates::records_resolved_after_date,
    dates::status_agrees_with_resolved,
    dates::records_dated_within_period,
    figures::figures_agree_with_records,
    aliases::aliases_are_site_paths,
    timelines::updates_are_in_order,
    timelines::resolved_agrees_with_the_last_update,
    timelines::detected_is_not_before_date,
    timelines::refs_are_unique,
    recommendations::recommendation_ids_are_unique,
    recommendations::recommendation_updates_are_in_order,
    reports::reports_name_known_authorities_and_stages,
    reports::reports_agree_with_the_record,
    reports::reports_are_not_missing,
    links::at_links_resolve,
];

/// Runs every site rule (in parallel: they only read the site), adding what
/// they find to `diags` in the order of the rules; then, when the theme's
/// URL words are known, checks that no two outputs share a path.
pub fn run(site: &Site, words: Option<&UrlWords>, diags: &mut Diagnostics) {
    use rayon::prelude::*;
    let parent: &Diagnostics = diags;
    let found: Vec<Diagnostics> = RULES
        .par_iter()
        .map(|rule| {
            let mut d = parent.child();
            rule(site, &mut d);
            d
        })
        .collect();
    for d in found {
        diags.extend(d);
    }
    if let Some(words) = words {
        paths::outputs_do_not_collide(site, words, diags);
    }
}
