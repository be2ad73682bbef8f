//! Events/s of the pattern engine, one thread: the four 2.27.0 rules, then 100 mixed rules,
//! over a generated stream of 200,000 distinct events. As in `route`, each event is matched
//! soon after it is parsed: the stream is parsed 1,000 events at a time and only the matching
//! of each chunk is timed. Rules are matched as a bus matches them, as one [`PatternSet`];
//! one-pattern-at-a-time matching is shown for comparison.
//!
//! Run: `cargo bench --bench pattern_throughput`. Goals: 1,000,000 events/s for the default
//! rules, 300,000 events/s for 100 rules (event-ruler publishes about 220,000).

// A benchmark reports its figures on stdout.
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use alchemiser::bus::default_bus;
use alchemiser::json::{Value, parse_python_json};
use alchemiser::pattern::{Pattern, PatternSet};
use alchemiser::routing::Stage;

const EVENTS: usize = 200_000;
/// Events parsed ahead of matching: few enough to stay in cache, as a stream's would.
const CHUNK: usize = 1_000;

fn value(text: &str) -> Value {
    parse_python_json(text).map(|p| p.value).unwrap_or_else(|e| panic!("bench JSON {text}: {e:?}"))
}

fn event(i: usize) -> String {
    let (source, detail_type) = [
        ("alchemiser.strategy_v2.handlers", "SignalGenerated"),
        ("alchemiser.portfolio_v2.handlers", "RebalancePlanned"),
        ("alchemiser.execution_v2.handlers", "TradeExecuted"),
        ("alchemiser.strategy", "SignalGenerated"),
        ("aws.scheduler", "Scheduled Event"),
        ("alchemiser.orchestration.event_driven_orchestrator", "WorkflowStarted"),
    ][i % 6];
    format!(
        r#"{{"version":"0","id":"{i}","detail-type":"{detail_type}","source":"{source}","account":"123456789012","time":"2025-10-14T12:00:00Z","region":"us-east-1","resources":["correlation:c-{i}"],"detail":{{"event_id":"e-{i}","signal_count":{},"symbol":"{}","price":{}.25,"ip":"10.0.{}.{}","tags":["a","b{}"],"orders":[{{"side":"BUY","qty":{}}},{{"side":"SELL","qty":{}}}]}}}}"#,
        i % 7,
        ["SPY", "TQQQ", "BIL", "QQQ"][i % 4],
        i % 500,
        i % 256,
        i % 200,
        i % 9,
        i % 50,
        i % 30
    )
}

/// 100 rules mixing every operator kind.
fn mixed_rules() -> Vec<Pattern> {
    (0..100)
        .map(|i| {
            let text = match i % 10 {
                0 => format!(r#"{{"source":["alchemiser.strategy_v2.handlers"],"detail":{{"signal_count":[{}]}}}}"#, i % 7),
                1 => format!(r#"{{"source":[{{"prefix":"alchemiser.{}"}}]}}"#, ["s", "p", "e", "o"][i % 4]),
                2 => format!(r#"{{"detail-type":[{{"suffix":"{}"}}]}}"#, ["Generated", "Planned", "Executed"][i % 3]),
                3 => format!(r#"{{"detail":{{"price":[{{"numeric":[">",{},"<=",{}]}}]}}}}"#, i, i + 100),
                4 => format!(r#"{{"detail":{{"symbol":[{{"anything-but":["SPY","{}"]}}]}}}}"#, ["BIL", "QQQ"][i % 2]),
                5 => format!(r#"{{"detail":{{"ip":[{{"cidr":"10.0.{}.0/24"}}]}}}}"#, i % 256),
                6 => format!(r#"{{"source":[{{"wildcard":"alchemiser.*_v2.{}*"}}]}}"#, ["h", "x"][i % 2]),
                7 => r#"{"detail":{"orders":{"side":["BUY"],"qty":[{"numeric":[">=",25]}]}}}"#.to_string(),
                8 => format!(
                    r#"{{"$or":[{{"detail-type":[{{"equals-ignore-case":"signalgenerated"}}]}},{{"detail":{{"tags":["b{}"]}}}}]}}"#,
                    i % 9
                ),
                _ => r#"{"detail":{"missing":[{"exists":false}],"event_id":[{"exists":true}]}}"#.to_string(),
            };
            Pattern::compile(&value(&text)).unwrap_or_else(|e| panic!("bench rule {text}: {e}"))
        })
        .collect()
}

fn measure(label: &str, rules: &[Pattern], events: &[String], goal: f64) {
    let set = PatternSet::new(rules);
    let (per_s, best, matches) = events_per_s(events, |event| set.matches(event).into_iter().filter(|&m| m).count());
    let verdict = if per_s >= goal { "meets" } else { "MISSES" };
    println!(
        "{label:<22} {per_s:>10.0} events/s ({} rules, {matches} matches, {best:.3} s; goal {goal:.0}: {verdict})",
        rules.len()
    );
    let (one_by_one, _, same) = events_per_s(events, |event| rules.iter().filter(|rule| rule.matches(event)).count());
    assert_eq!(same, matches, "a pattern set and its patterns one by one disagree");
    println!("{:<22} {one_by_one:>10.0} events/s (each pattern on its own)", "");
}

/// Best of three passes over the stream: events/s, seconds matching, and the matches counted.
fn events_per_s(events: &[String], mut count: impl FnMut(&Value) -> usize) -> (f64, f64, usize) {
    let mut best = Duration::MAX;
    let mut matches = 0;
    for _ in 0..3 {
        let mut matching = Duration::ZERO;
        matches = 0;
        for chunk in events.chunks(CHUNK) {
            let parsed: Vec<Value> = chunk.iter().map(|text| value(text)).collect();
            let start = Instant::now();
            matches += parsed.iter().map(|event| count(black_box(event))).sum::<usize>();
            matching += start.elapsed();
        }
        best = best.min(matching);
    }
    (events.len() as f64 / best.as_secs_f64(), best.as_secs_f64(), matches)
}

fn main() {
    let events: Vec<String> = (0..EVENTS).map(event).collect();
    let defaults: Vec<Pattern> = default_bus(Stage::Dev).rules().iter().map(|r| r.pattern.clone()).collect();
    measure("default 2.27.0 rules", &defaults, &events, 1_000_000.0);
    measure("100 mixed rules", &mixed_rules(), &events, 300_000.0);
}
