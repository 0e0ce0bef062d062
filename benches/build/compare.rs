//! `--compare OTHER`: this package's insyn and another insyn binary (an
//! earlier commit, say) build the same corpus in turns, so that one run of
//! the benchmark shows how the two compare on the same machine at the same
//! time: "within 5 % of the old code, measured in the same run".
//!
//! Each run of a size builds with both binaries, the one going first
//! changing from run to run (background load and the disk's state hit them
//! alike); the table gives both medians, their ratio, the median and range
//! of the ratio within each pair of builds, and both peak memories.

use std::fmt::Write as _;
use std::time::Duration;

/// Both binaries' builds at one size, in the order of the runs.
pub struct Compared {
    /// Records.
    pub n: usize,
    /// (wall time, peak memory in KiB) of each build of this package's insyn.
    pub this: Vec<(Duration, u64)>,
    /// The same for the other binary, run for run.
    pub other: Vec<(Duration, u64)>,
}

/// Whether the other binary goes first in run `rep` (it alternates).
pub fn other_first(rep: usize) -> bool {
    rep % 2 == 1
}

fn median_of(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The table of every size compared; `other` names the other binary.
pub fn table(rows: &[Compared], this: &str, other: &str) -> String {
    let mut t = format!(
        "This insyn: {this}\nOther:      {other}\n\n\
         | records | runs | this insyn (median) | other (median) | this / other (medians) | this / other (per pair: median, range) | peak RSS this | peak RSS other |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|\n"
    );
    for r in rows {
        let wall = |v: &[(Duration, u64)]| median_of(v.iter().map(|x| x.0.as_secs_f64()).collect());
        let rss = |v: &[(Duration, u64)]| median_of(v.iter().map(|x| x.1 as f64).collect()) as u64 / 1024;
        let pairs: Vec<f64> =
            r.this.iter().zip(&r.other).map(|(a, b)| a.0.as_secs_f64() / b.0.as_secs_f64().max(1e-9)).collect();
        let (low, high) = pairs.iter().fold((f64::MAX, f64::MIN), |(l, h), &x| (l.min(x), h.max(x)));
        let (this_wall, other_wall) = (wall(&r.this), wall(&r.other));
        let _ = writeln!(
            t,
            "| {} | {} | {this_wall:.3} s | {other_wall:.3} s | {:.3} | {:.3} ({low:.3}–{high:.3}) | {} MiB | {} MiB |",
            r.n,
            r.this.len(),
            this_wall / other_wall.max(1e-9),
            median_of(pairs.clone()),
            rss(&r.this),
            rss(&r.other),
        );
    }
    t
}
