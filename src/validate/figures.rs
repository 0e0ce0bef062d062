//! Warnings where official figures and written records disagree.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::model::figures::FigureKind;

/// Warning: `major_incidents = 11` with 10 major-incident records in the
/// period. Only the figures the site may count are compared (not
/// `incidents`: most incidents never get a record, see
/// [`FigureKind::countable`]), and only in periods that have records at all
/// (a period with figures only is a baseline).
pub fn figures_agree_with_records(site: &Site, diags: &mut Diagnostics) {
    if !site.unloaded.records.is_empty() {
        return; // the counts are not known until every record loads
    }
    for (i, p) in site.periods.iter().enumerate() {
        if site.records_by_period[i].is_empty() {
            continue;
        }
        for kind in FigureKind::ALL.into_iter().filter(|k| k.countable()) {
            let Some(official) = kind.official(p) else { continue };
            let counted = site.counted(i, kind);
            if counted != official.value {
                let what = kind.key().trim_end_matches('s').replace('_', "-");
                diags.push(
                    Diagnostic::warning(
                        &p.file,
                        Some(official.span.clone()),
                        format!(
                            "`{} = {}` but the period has {counted} {what} record{}",
                            kind.key(),
                            official.value,
                            if counted == 1 { "" } else { "s" }
                        ),
                    )
                    .with_help("the site shows the figure; check it, or add the missing records (records dated within the period count)"),
                );
            }
        }
    }
}
