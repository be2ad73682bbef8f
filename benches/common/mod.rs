//! What the benchmarks share.

// Each benchmark uses part of this module.
#![allow(dead_code)]

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

/// Writes `count` generated events as JSON Lines under the target folder (kept there, so a
/// profiler can be pointed at the same input afterwards); returns the path and the text.
pub fn write_events(name: &str, count: usize, event: impl Fn(usize) -> String) -> (std::path::PathBuf, String) {
    use std::io::Write;
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let mut text = String::new();
    for i in 0..count {
        text.push_str(&event(i));
        text.push('\n');
    }
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    (path, text)
}
