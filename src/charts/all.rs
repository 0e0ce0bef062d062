//! Every chart of the site, drawn once and in parallel before the pages that
//! show them (so a page job only copies its charts, and the build can time
//! drawing on its own).

use rayon::prelude::*;

use super::site::{self, Chart};
use crate::model::Site;
use crate::render::views::Labels;

/// Every chart of the site.
#[derive(Debug, Clone, Default)]
pub struct SiteCharts {
    /// The overview's charts.
    pub overview: Vec<Chart>,
    /// Per period, its page's charts.
    pub periods: Vec<Vec<Chart>>,
    /// Per area, its page's chart.
    pub areas: Vec<Chart>,
    /// Per service, its page's chart.
    pub services: Vec<Chart>,
}

/// Draws every chart of the site.
pub fn all(s: &Site, l: &Labels<'_>) -> SiteCharts {
    let ((overview, periods), (areas, services)) = rayon::join(
        || {
            rayon::join(
                || site::overview(s, l),
                || (0..s.periods.len()).into_par_iter().map(|p| site::period(s, p, l)).collect(),
            )
        },
        || {
            rayon::join(
                || (0..s.config.areas.len()).into_par_iter().map(|a| site::area(s, a, l)).collect(),
                || (0..s.services.len()).into_par_iter().map(|i| site::service(s, i, l)).collect(),
            )
        },
    );
    SiteCharts { overview, periods, areas, services }
}
