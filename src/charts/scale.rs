//! The y scale: from zero to a round top in 1-2-5 steps.

/// The most gridline intervals on the y axis.
const MAX_STEPS: f64 = 6.0;

/// A linear y scale from 0 to `top` in `ticks` steps of `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Scale {
    pub(super) top: f64,
    pub(super) step: f64,
    pub(super) ticks: usize,
    pub(super) decimals: usize,
}

impl Scale {
    /// The y scale for data whose largest value is `max`: top rounded up to
    /// a multiple of a 1-2-5 step, at most 6 steps, whole steps for integers.
    pub(super) fn nice(max: f64, integers: bool) -> Scale {
        let fallback = Scale { top: 1.0, step: 1.0, ticks: 1, decimals: 0 };
        if !(max.is_finite() && max > 0.0) {
            return fallback;
        }
        let mut magnitude = 10f64.powi(max.log10().floor() as i32 - 1);
        for _ in 0..8 {
            for m in [1.0, 2.0, 5.0] {
                let step = m * magnitude;
                if !(step > 0.0 && step.is_finite()) || (integers && step < 1.0) {
                    continue;
                }
                let steps = (max / step - 1e-9).ceil().max(1.0);
                if steps <= MAX_STEPS {
                    let top = steps * step;
                    if !top.is_finite() {
                        return fallback;
                    }
                    let decimals =
                        if step >= 1.0 { 0 } else { ((-step.log10() - 1e-9).ceil().max(0.0) as usize).min(10) };
                    return Scale { top, step, ticks: steps as usize, decimals };
                }
            }
            magnitude *= 10.0;
        }
        fallback
    }

    /// The tick values from 0 to top.
    pub(super) fn tick_values(&self) -> Vec<f64> {
        (0..=self.ticks).map(|i| i as f64 * self.step).collect()
    }
}
