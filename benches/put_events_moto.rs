//! `alchemiser put-events` throughput against moto, next to the emulator's own ceiling: a
//! plain SDK loop of PutEvents calls of 10 entries. The CLI should not be the bottleneck.
//!
//! Run: `scripts/moto run -- cargo bench --bench put_events_moto` (needs `MOTO_ENDPOINT`).
//! The bus has no rules: with matching rules moto's own delivery cost dominates everything.

// A benchmark reports its figures on stdout.
#![allow(clippy::print_stdout)]

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;

use aws_sdk_eventbridge::types::PutEventsRequestEntry;

const EVENTS: usize = 2_000;

fn event(i: usize) -> String {
    format!(
        r#"{{"source":"alchemiser.execution_v2.handlers","detail-type":"WorkflowCompleted","detail":{{"correlation_id":"c","causation_id":"s","event_id":"workflow-completed-{i}","timestamp":"2025-10-14T12:00:00Z","source_module":"execution_v2.handlers","workflow_type":"trading","workflow_duration_ms":5,"success":true}}}}"#
    )
}

fn main() {
    let Ok(endpoint) = std::env::var("MOTO_ENDPOINT") else {
        eprintln!("MOTO_ENDPOINT is not set: run `scripts/moto run -- cargo bench --bench put_events_moto`");
        std::process::exit(2);
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let bus = format!("bench-{}", std::process::id());
    let client = runtime.block_on(async {
        let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .endpoint_url(&endpoint)
            .region(aws_config::Region::new("us-east-1"))
            .credentials_provider(aws_sdk_eventbridge::config::Credentials::new(
                "testing", "testing", None, None, "bench",
            ))
            .load()
            .await;
        let client = aws_sdk_eventbridge::Client::new(&config);
        client.create_event_bus().name(&bus).send().await.expect("CreateEventBus");
        client
    });

    // The ceiling: the SDK alone, 4 calls in flight, as the CLI's default concurrency.
    let start = Instant::now();
    runtime.block_on(async {
        let mut calls = tokio::task::JoinSet::new();
        for chunk in (0..EVENTS).collect::<Vec<_>>().chunks(10) {
            let mut request = client.put_events();
            for i in chunk {
                let detail = event(*i);
                let detail = &detail[detail.find("\"detail\":").map_or(0, |p| p + 9)..detail.len() - 1];
                request = request.entries(
                    PutEventsRequestEntry::builder()
                        .source("alchemiser.execution_v2.handlers")
                        .detail_type("WorkflowCompleted")
                        .detail(detail)
                        .event_bus_name(&bus)
                        .build(),
                );
            }
            calls.spawn(async move { request.send().await.map(|o| o.failed_entry_count()) });
            while calls.len() >= 4 {
                if let Some(Ok(Ok(failed))) = calls.join_next().await {
                    assert_eq!(failed, 0);
                }
            }
        }
        while let Some(done) = calls.join_next().await {
            assert!(matches!(done, Ok(Ok(0))), "{done:?}");
        }
    });
    let sdk = start.elapsed().as_secs_f64();

    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join("put-events-bench.jsonl");
    let mut text = String::new();
    for i in 0..EVENTS {
        text.push_str(&event(i));
        text.push('\n');
    }
    std::fs::File::create(&file)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_alchemiser"))
        .args(["put-events", "--bus", &bus, "--endpoint-url", &endpoint, "--region", "us-east-1", "-o", "json"])
        .arg(&file)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("alchemiser");
    assert!(status.success(), "put-events failed: {status}");
    let cli = start.elapsed().as_secs_f64();

    let rate = |s: f64| EVENTS as f64 / s;
    println!("{EVENTS} events to moto, bus without rules, 4 calls in flight");
    println!("SDK loop (the emulator's ceiling): {:>8.0} events/s ({sdk:.2} s)", rate(sdk));
    println!("alchemiser put-events:             {:>8.0} events/s ({cli:.2} s)", rate(cli));
    println!("CLI / ceiling: {:.2}", rate(cli) / rate(sdk));
}
