//! A period's deviations by service tier (base and add-on services, the
//! council's stated focus): how many, of which kinds, how many still open
//! at the period's end; the period's page and the overview show it.

use serde::Serialize;

use crate::layout::Facet;
use crate::layout::facets::facet_path;
use crate::model::Site;
use crate::model::facets::FacetKey;
use crate::theme::Labels;
use crate::vocab::{Kind, Status, Tier};

/// The table of a period's deviations by tier.
#[derive(Serialize)]
pub struct TierTable {
    /// The sentence above it.
    intro: String,
    /// Its caption.
    caption: String,
    /// The heading of the column of those not resolved at the period's end.
    open_heading: String,
    /// The kinds the period has, as column headings (plural labels).
    kinds: Vec<String>,
    /// One row per tier.
    rows: Vec<TierRow>,
    /// The sums.
    total: TierRow,
}

/// One tier's row, its numbers formatted.
#[derive(Serialize)]
struct TierRow {
    /// The tier (`base`, `addon`; empty for the sums).
    tier: &'static str,
    /// "Base services".
    label: String,
    /// The list of the tier's records, when it has any.
    href: Option<String>,
    /// How many deviations.
    count: String,
    /// How many of each kind in `kinds`.
    kinds: Vec<String>,
    /// How many were not resolved on the period's last day.
    open: String,
}

/// Period `p`'s deviations by tier, with statuses as they stood on its
/// last day. One pass over the period's records.
pub fn table(site: &Site, l: &Labels<'_>, p: usize) -> TierTable {
    let t = l.i18n;
    let words = &t.url;
    let period = &site.periods[p];
    let end = period.end.value;
    // counts[tier][kind], open[tier]
    let mut counts = vec![vec![0usize; Kind::ALL.len()]; Tier::ALL.len()];
    let mut open = vec![0usize; Tier::ALL.len()];
    for &i in &site.records_by_period[p] {
        let Some(s) = site.record_service[i] else { continue };
        let tier = Tier::ALL.iter().position(|&x| x == site.services[s].tier).unwrap_or(0);
        let kind = Kind::ALL.iter().position(|&x| x == site.records[i].kind).unwrap_or(0);
        counts[tier][kind] += 1;
        if site.status_on(i, end) != Status::Resolved {
            open[tier] += 1;
        }
    }
    let present: Vec<usize> = (0..Kind::ALL.len()).filter(|&k| counts.iter().any(|c| c[k] > 0)).collect();
    let row = |tier: &'static str, label: String, href: Option<String>, by_kind: &[usize], open: usize| TierRow {
        tier,
        label,
        href,
        count: l.count(by_kind.iter().sum::<usize>() as u64),
        kinds: present.iter().map(|&k| l.count(by_kind[k] as u64)).collect(),
        open: l.count(open as u64),
    };
    let rows = Tier::ALL
        .iter()
        .enumerate()
        .map(|(n, &tier)| {
            let href = site
                .facets
                .position(Facet::Tier, FacetKey::Tier(tier))
                .map(|_| facet_path(words, Facet::Tier, tier.key()));
            row(tier.key(), t.get(&format!("tiers_{}", tier.key())).to_string(), href, &counts[n], open[n])
        })
        .collect();
    let sums: Vec<usize> = (0..Kind::ALL.len()).map(|k| counts.iter().map(|c| c[k]).sum()).collect();
    let total = row("", t.get("tiers_total").to_string(), None, &sums, open.iter().sum());
    let date = t.date(end);
    TierTable {
        intro: t.fill("tiers_intro", &[("period", &period.label), ("date", &date)]),
        caption: t.fill("tiers_caption", &[("period", &period.label)]),
        open_heading: t.fill("tiers_open_on", &[("date", &date)]),
        kinds: present.iter().map(|&k| t.kind_plural(Kind::ALL[k]).to_string()).collect(),
        rows,
        total,
    }
}
