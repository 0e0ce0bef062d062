//! The list of periods, newest first.

use serde::Serialize;
use tera::Value;

use super::frame::{Frame, Page};
use super::shared::Shared;

/// The list of periods' variables.
#[derive(Serialize)]
pub struct Periods {
    /// Every period's summary, newest first.
    periods: Value,
}

/// The list of periods.
pub fn page(s: &Shared<'_>) -> Page<Periods> {
    let periods: Vec<Value> = (0..s.site.periods.len()).rev().map(|p| s.period(p)).collect();
    let frame = Frame::list(s, s.labels.i18n.get("nav_periods"), &s.words.periods, "periods.html");
    Page::new(frame, Periods { periods: Value::from(periods) })
}
