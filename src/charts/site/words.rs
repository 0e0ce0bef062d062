//! Lists in words, for the charts' findings.

use crate::theme::Labels;

/// "A", "A and B", "A, B and C".
pub(super) fn join_list(l: &Labels<'_>, items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} {} {}", rest.join(", "), l.i18n.get("chart_and"), last),
    }
}
