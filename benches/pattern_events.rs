//! `alchemiser pattern test --events` over a large JSON Lines file, whole process (reading,
//! parsing, matching, counting), beside event-ruler's published figure.
//!
//! event-ruler's README reports over 220,000 events/s for its baseline: 213,068 JSON events of
//! about 900 bytes (San Francisco city lots), 5 rules of each kind, matched in process with
//! `rulesForJSONEvent` (the JSON text parsed inside the timed loop), on a 2019 MacBook. Here:
//! 200,000 events of about 900 bytes (the same mix of EventBridge envelopes as
//! `pattern_throughput`, padded), read from a file by the binary and counted with `--count`;
//! first against the four 2.27.0 rules (`--all-rules`), then against one pattern holding a
//! prefix, an anything-but, a numeric range, a wildcard and a cidr. A 2-core VM, one thread.
//!
//! Run: `cargo bench --bench pattern_events`.

// A benchmark reports its figures on stdout.
#![allow(clippy::print_stdout)]

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::best_of;

const EVENTS: usize = 200_000;
const EVENT_RULER_PUBLISHED: f64 = 220_000.0;

fn event(i: usize) -> String {
    let (source, detail_type) = [
        ("alchemiser.strategy_v2.handlers", "SignalGenerated"),
        ("alchemiser.portfolio_v2.handlers", "RebalancePlanned"),
        ("alchemiser.execution_v2.handlers", "TradeExecuted"),
        ("aws.scheduler", "Scheduled Event"),
        ("alchemiser.orchestration.event_driven_orchestrator", "WorkflowStarted"),
    ][i % 5];
    let padding = "x".repeat(480);
    format!(
        r#"{{"version":"0","id":"{i}","detail-type":"{detail_type}","source":"{source}","account":"123456789012","time":"2025-10-14T12:00:00Z","region":"us-east-1","resources":["correlation:c-{i}"],"detail":{{"event_id":"e-{i}","signal_count":{},"symbol":"SYM{}","price":{}.25,"ip":"10.0.{}.{}","tags":["a","b{}"],"orders":[{{"side":"BUY","qty":{}}}],"note":"{padding}"}}}}"#,
        i % 7,
        i % 50,
        i % 400,
        i % 256,
        i % 200,
        i % 3,
        i % 100,
    )
}

fn main() {
    let (path, text) = common::write_events("pattern-bench-events.jsonl", EVENTS, event);
    let binary = env!("CARGO_BIN_EXE_alchemiser");
    let run = |args: &[&str]| {
        best_of(5, || {
            let output = Command::new(binary)
                .args(["pattern", "test"])
                .args(args)
                .args(["--count", "--events"])
                .arg(&path)
                .stderr(Stdio::null())
                .output()
                .unwrap_or_else(|e| panic!("run {binary}: {e}"));
            assert!(output.status.code().is_some_and(|c| c <= 1), "pattern test failed: {:?}", output.status);
        })
    };
    let rules = run(&["--all-rules"]);
    let mixed = r#"{"source":[{"prefix":"alchemiser."}],"detail-type":[{"anything-but":["Scheduled Event"]}],
        "detail":{"price":[{"numeric":[">",10,"<=",300]}],"symbol":[{"wildcard":"SYM*5"}],"ip":[{"cidr":"10.0.0.0/16"}]}}"#;
    let one = run(&["--pattern", mixed]);

    let per_s = |d: Duration| EVENTS as f64 / d.as_secs_f64();
    println!(
        "{EVENTS} events, {:.0} MB of JSON Lines ({} bytes each on average)",
        text.len() as f64 / 1e6,
        text.len() / EVENTS
    );
    println!("the four 2.27.0 rules (--all-rules): {:>9.0} events/s  ({:.3} s)", per_s(rules), rules.as_secs_f64());
    println!("one pattern of five kinds:           {:>9.0} events/s  ({:.3} s)", per_s(one), one.as_secs_f64());
    println!(
        "event-ruler's published baseline, in process, 2019 MacBook: over {EVENT_RULER_PUBLISHED:.0} events/s (ratio {:.2}x for the rules)",
        per_s(rules) / EVENT_RULER_PUBLISHED
    );
}
