//! Every rule of the content format, one function per rule. Site rules read
//! the linked [`Site`]; file rules (the personal-data guard) read each file's
//! text while the loader has it.

pub mod aliases;
pub mod dates;
pub mod figures;
pub mod paths;
pub mod privacy;
pub mod privacy_rule;
pub mod references;

use crate::diagnostics::Diagnostics;
use crate::model::Site;

/// Runs every site rule, adding what it finds to `diags`.
pub fn run(site: &Site, diags: &mut Diagnostics) {
    references::services_have_areas(site, diags);
    references::records_have_services(site, diags);
    references::record_ids_are_unique(site, diags);
    references::related_records_exist(site, diags);
    references::periods_exist(site, diags);
    references::recommendation_services_exist(site, diags);
    dates::periods_end_after_start(site, diags);
    dates::records_resolved_after_date(site, diags);
    dates::status_agrees_with_resolved(site, diags);
    dates::records_dated_within_period(site, diags);
    figures::figures_agree_with_records(site, diags);
    aliases::aliases_are_site_paths(site, diags);
}
