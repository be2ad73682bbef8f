//! Throughput of `logline::parse` + `Summary::add` (what `alchemiser logs --summary` does per
//! event) over 100,000 generated log messages in every shape the Lambda writes.
//!
//! Run: `cargo bench --bench logs_summary` (release profile, one thread).

// A benchmark reports its figures on stdout.
#![allow(clippy::print_stdout)]

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::best_of;

use alchemiser::logline::{Kind, Summary, parse};

const EVENTS: usize = 100_000;

/// One message in the mix seen in the log group: structlog console and JSON lines of the
/// routing path, runtime records, and the odd plain line.
fn message(i: usize) -> String {
    let id = format!("{i:08}");
    match i % 12 {
        0 => format!(
            "2025-10-14 12:00:00 [info     ] Routing to eventbridge_handler for domain event detail_type=SignalGenerated source=alchemiser.strategy_v2.handlers correlation_id=c-{id}\n"
        ),
        1 => format!(
            "2025-10-14 12:00:00 [info     ] Received EventBridge event      detail_type=SignalGenerated source=alchemiser.strategy_v2.handlers event_id=signal-generated-{id} correlation_id=c-{id} lambda_request_id=unknown\n"
        ),
        2 => format!(
            r#"{{"event": "Event handled successfully", "level": "info", "timestamp": "2025-10-14T12:00:01.123456Z", "system": "alchemiser", "request_id": "c-{id}", "detail_type": "SignalGenerated", "event_id": "signal-generated-{id}", "correlation_id": "c-{id}"}}"#
        ),
        3 => format!(
            "2025-10-14 12:00:00 [warning  ] No handler configured for event type: WorkflowStarted request_id=c-{id}\n"
        ),
        4 => format!(
            "2025-10-14 12:00:00 [info     ] Skipping ErrorNotificationRequested event to prevent error cascade detail_type=ErrorNotificationRequested request_id={id}\n"
        ),
        5 => format!(
            r#"{{"event": "Duplicate event detected; skipping processing", "level": "info", "timestamp": "2025-10-14T12:00:02Z", "system": "alchemiser", "event_id": "signal-generated-{id}", "correlation_id": "c-{id}", "detail_type": "SignalGenerated"}}"#
        ),
        6 => format!(
            r#"2025-10-14 12:00:00 [info     ] Lambda invoked with event      event_data={{"version": "0", "id": "{id}", "detail-type": "Scheduled Event", "source": "aws.scheduler", "detail": {{"mode": "trade"}}}}"#
        ),
        7 => format!(
            r#"{{"event": "Lambda execution critical error", "level": "error", "timestamp": "2025-10-14T12:00:03Z", "system": "alchemiser", "request_id": "{id}", "error_message": "1 validation error for LambdaEvent", "error_type": "unexpected_critical_error", "original_error": "ValidationError", "operation": "lambda_execution", "function": "lambda_handler"}}"#
        ),
        8 => format!(
            "2025-10-14 12:00:00 [error    ] Failed to handle EventBridge event error=13 validation errors for RebalancePlanned error_type=ValidationError detail_type=RebalancePlanned correlation_id=c-{id} lambda_request_id=unknown\n"
        ),
        9 => format!(
            "[ERROR] ValidationError: 13 validation errors for RebalancePlanned\nrebalance_plan.timestamp\n  Input should be a valid datetime [type=datetime_type, input_value='2025-10-14T12:00:00Z', input_type=str]\nTraceback (most recent call last):\n  File \"/var/task/the_alchemiser/lambda_handler.py\", line 1, in lambda_handler {id}\n"
        ),
        10 => format!(
            "REPORT RequestId: 8f5c2d4e-0000-4000-8000-{id:0>12}\tDuration: {}.{:02} ms\tBilled Duration: {} ms\tMemory Size: 512 MB\tMax Memory Used: 181 MB\t\n",
            100 + i % 5_000,
            i % 100,
            101 + i % 5_000
        ),
        _ => format!("START RequestId: 8f5c2d4e-0000-4000-8000-{id:0>12} Version: $LATEST\n"),
    }
}

fn main() {
    let messages: Vec<String> = (0..EVENTS).map(message).collect();
    let bytes: usize = messages.iter().map(String::len).sum();

    let mut last = Summary::default();
    let both = best_of(5, || {
        let mut summary = Summary::default();
        for m in &messages {
            summary.add(&parse(black_box(m)));
        }
        black_box(summary.durations());
        last = summary;
    });
    let parse_only = best_of(5, || {
        for m in &messages {
            black_box(parse(black_box(m)));
        }
    });

    assert_eq!(last.events, EVENTS as u64);
    assert_eq!(last.count(Kind::Report), (EVENTS / 12) as u64 + u64::from(EVENTS % 12 > 10));
    let per_s = |d: Duration| EVENTS as f64 / d.as_secs_f64();
    println!("{EVENTS} log events, {:.1} MB of messages", bytes as f64 / 1e6);
    println!("parse + summarise: {:>10.0} events/s  ({:.3} s)", per_s(both), both.as_secs_f64());
    println!("parse only:        {:>10.0} events/s  ({:.3} s)", per_s(parse_only), parse_only.as_secs_f64());
}
