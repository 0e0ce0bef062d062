//! A recommendation followed across periods: where it was made, how the
//! site names it and its statuses over time.

use super::timeline::StatusLine;
use crate::time::Date;
use crate::vocab::RecommendationStatus;

/// A recommendation of any period, as the follow-up sees it.
#[derive(Debug, Clone)]
pub struct Followed {
    /// The period it was made in.
    pub period: usize,
    /// Its place among that period's recommendations.
    pub index: usize,
    /// How the site names it: `2023-q1/minne`, or `2023-q1/3` (its place,
    /// from 1) when it has no id.
    pub key: String,
    /// When it was made: its period's last day.
    pub made: Date,
    /// Its service, when it names one that exists.
    pub service: Option<usize>,
    /// Its statuses over time.
    pub line: StatusLine<RecommendationStatus>,
}
