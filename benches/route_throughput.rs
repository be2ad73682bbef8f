//! Throughput of `alchemiser route --output json` over 100,000 mixed events (JSON Lines),
//! compared with plain `serde_json` parsing of the same file, the practical ceiling.
//!
//! Run: `cargo bench --bench route_throughput` (release profile, one thread).

// A benchmark reports its figures on stdout.
#![allow(clippy::print_stdout)]

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::best_of;

const EVENTS: usize = 100_000;
const GOAL_EVENTS_PER_S: f64 = 250_000.0;

/// Shapes the bus and the scheduler really send, plus the failure cases operators meet.
fn event(i: usize) -> String {
    let id = format!("{i:08}");
    match i % 10 {
        0 => r#"{"mode":"trade","trading_mode":"paper"}"#.to_string(),
        1 => format!(
            r#"{{"version":"0","id":"{id}","detail-type":"Scheduled Event","source":"aws.scheduler","account":"123456789012","time":"2025-10-14T14:00:00Z","region":"us-east-1","resources":[],"detail":{{"mode":"trade"}}}}"#
        ),
        2 => format!(
            r#"{{"version":"0","id":"{id}","detail-type":"ErrorNotificationRequested","source":"alchemiser.shared.errors.error_handler","detail":{{"event_id":"error-notification-{id}","error_severity":"high"}}}}"#
        ),
        3 | 4 => format!(
            r#"{{"version":"0","id":"{id}","detail-type":"SignalGenerated","source":"alchemiser.strategy_v2.handlers","account":"123456789012","time":"2025-10-14T12:00:00Z","region":"us-east-1","resources":["correlation:c-{id}","causation:w-{id}"],"detail":{{"correlation_id":"c-{id}","causation_id":"w-{id}","event_id":"signal-generated-{id}","event_type":"SignalGenerated","timestamp":"2025-10-14T12:00:00.123456Z","source_module":"strategy_v2.handlers","source_component":null,"metadata":{{}},"schema_version":"1.0","signals_data":{{"nuclear":{{"symbol":"SPY","action":"BUY"}}}},"consolidated_portfolio":{{"SPY":0.6,"TQQQ":0.4}},"signal_count":2}}}}"#
        ),
        5 => format!(
            r#"{{"version":"0","id":"{id}","detail-type":"WorkflowStarted","source":"alchemiser.orchestration.event_driven_orchestrator","detail":{{"correlation_id":"c-{id}","causation_id":"system-request","event_id":"workflow-started-{id}","event_type":"WorkflowStarted","timestamp":"2025-10-14T13:35:50.566542Z","source_module":"orchestration.event_driven_orchestrator","metadata":null,"schema_version":"1.0","workflow_type":"trading","requested_by":"TradingSystem","configuration":{{"live_trading":false}}}}}}"#
        ),
        6 => format!(
            r#"{{"detail-type":"RebalancePlanned","source":"alchemiser.portfolio_v2.handlers","detail":{{"correlation_id":"c-{id}","causation_id":"s-{id}","event_id":"rebalance-planned-{id}","timestamp":"2025-10-14T12:00:01Z","source_module":"portfolio_v2.handlers","rebalance_plan":{{"correlation_id":"c","causation_id":"s","timestamp":"2025-10-14T12:00:01Z","plan_id":"p-{id}","items":[{{"symbol":"SPY","current_weight":"0.4","target_weight":"0.5","weight_diff":"0.1","target_value":"5000","current_value":"4000","trade_amount":"1000","action":"BUY","priority":1}}],"total_portfolio_value":"10000","total_trade_value":"1000"}},"allocation_comparison":{{"target_values":{{"SPY":"5000"}},"current_values":{{"SPY":"4000"}},"deltas":{{"SPY":"1000"}}}},"trades_required":true}}}}"#
        ),
        7 => r#"{"action":"pnl_analysis","pnl_type":"weekly","pnl_period":"3M","pnl_periods":3,"pnl_detailed":true}"#.to_string(),
        8 => r#"{"detail-type":"StartupEvent","source":"alchemiser.orchestration.system","detail":{"event_id":"startup-1","startup_mode":"trade"}}"#.to_string(),
        _ => r#"{"mode":"TRADE","pnl_periods":"3","month":"2024-1"}"#.to_string(),
    }
}

fn main() {
    let (path, text) = common::write_events("route-bench-events.jsonl", EVENTS, event);
    let bytes = text.len() as f64;

    let binary = env!("CARGO_BIN_EXE_alchemiser");
    let route = best_of(5, || {
        let status = Command::new(binary)
            .args(["route", "--output", "json", "--stage", "dev"])
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap_or_else(|e| panic!("run {binary}: {e}"));
        assert!(status.success(), "route failed: {status}");
    });
    let parse = best_of(5, || {
        for line in text.lines() {
            let value: serde_json::Value = serde_json::from_str(line).expect("bench event");
            std::hint::black_box(value);
        }
    });

    let per_s = |d: Duration| EVENTS as f64 / d.as_secs_f64();
    let mb_per_s = |d: Duration| bytes / d.as_secs_f64() / 1e6;
    println!("{EVENTS} events, {:.1} MB of JSON Lines", bytes / 1e6);
    println!(
        "route -o json (whole process): {:>10.0} events/s  {:>7.1} MB/s  ({:.3} s)",
        per_s(route),
        mb_per_s(route),
        route.as_secs_f64()
    );
    println!(
        "serde_json::Value parse only:  {:>10.0} events/s  {:>7.1} MB/s  ({:.3} s)",
        per_s(parse),
        mb_per_s(parse),
        parse.as_secs_f64()
    );
    println!("route / parse-only time ratio: {:.2}x", route.as_secs_f64() / parse.as_secs_f64());
    let verdict = if per_s(route) >= GOAL_EVENTS_PER_S { "meets" } else { "MISSES" };
    println!("goal {GOAL_EVENTS_PER_S:.0} events/s: {verdict}");
}
