//! Recommendations: ids usable for following them up, and their updates
//! in order.

use std::collections::BTreeMap;

use crate::content::ids;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;

/// Every recommendation id is a valid id, used once in its period.
pub fn recommendation_ids_are_unique(site: &Site, diags: &mut Diagnostics) {
    for p in &site.periods {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (n, r) in p.recommendations.iter().enumerate() {
            let Some(id) = &r.id else { continue };
            if !ids::is_valid(&id.value) {
                diags.push(
                    Diagnostic::error(
                        &p.file,
                        Some(id.span.clone()),
                        format!("recommendation id \"{}\" is not a valid id", id.value),
                    )
                    .with_help(ids::help_for(&id.value)),
                );
            } else if let Some(first) = seen.get(id.value.as_str()) {
                diags.push(
                    Diagnostic::error(
                        &p.file,
                        Some(id.span.clone()),
                        format!(
                            "two recommendations of this period have the id \"{}\" (the {} and the {})",
                            id.value,
                            ordinal(*first),
                            ordinal(n)
                        ),
                    )
                    .with_help("give each recommendation its own id: it is how later periods follow it up"),
                );
            } else {
                seen.insert(&id.value, n);
            }
        }
    }
}

/// A recommendation's updates are written oldest first.
pub fn recommendation_updates_are_in_order(site: &Site, diags: &mut Diagnostics) {
    for p in &site.periods {
        for r in &p.recommendations {
            for pair in r.updates.windows(2) {
                if pair[1].date.value < pair[0].date.value {
                    diags.push(
                        Diagnostic::error(
                            &p.file,
                            Some(pair[1].date.span.clone()),
                            format!(
                                "this update of \"{}\" ({}) is dated before the update above it ({})",
                                r.title, pair[1].date.value, pair[0].date.value
                            ),
                        )
                        .with_help("write the [[recommendations.updates]] oldest first, each below the one before it"),
                    );
                }
            }
        }
    }
}

/// "first", "second" … for the n-th (from 0) recommendation.
fn ordinal(n: usize) -> String {
    match n {
        0 => "first".to_string(),
        1 => "second".to_string(),
        2 => "third".to_string(),
        n => format!("{}th", n + 1),
    }
}
