//! What the benchmarks share.

use std::time::{Duration, Instant};

/// The fastest of `runs` timings of `f`: the least disturbed by the rest of the machine.
pub fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}
