//! Recommendations, followed up across periods: each one is made when its
//! period ends and keeps one history (its `status` and
//! `[[recommendations.updates]]`), which every later period shows as of its
//! own end.

use super::followed::Followed;
use super::site::Site;
use crate::content::Recommendation;
use crate::time::Date;
use crate::vocab::RecommendationStatus;

impl Site {
    /// The recommendation `f` follows.
    pub fn recommendation(&self, f: &Followed) -> &Recommendation {
        &self.periods[f.period].recommendations[f.index]
    }

    /// Its status on `day`; `None` before it was made.
    pub fn recommendation_status_on(&self, f: &Followed, day: Date) -> Option<RecommendationStatus> {
        (f.made <= day).then(|| f.line.on(day))
    }

    /// How many days past its `due` date it is on `day`, when it is overdue
    /// then: made, due before `day`, and neither done nor rejected.
    pub fn days_overdue(&self, f: &Followed, day: Date) -> Option<i64> {
        let due = self.recommendation(f).due.as_ref()?.value;
        let status = self.recommendation_status_on(f, day)?;
        (due < day && !status.is_closed()).then(|| day.days_since_epoch() - due.days_since_epoch())
    }
}
