//! `alchemiser logs` against the moto emulator (the binary, as an operator runs it), and the
//! paging, throttling and follow rules in process with the SDK's replay HTTP client, where
//! every request can be checked.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command as StdCommand, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region};
use aws_sdk_cloudwatchlogs::Client;
use aws_sdk_cloudwatchlogs::config::Credentials;
use aws_sdk_cloudwatchlogs::types::InputLogEvent;
use serde_json::Value;

use common::{Moto, REGION, aws_command, json_lines, unique};

async fn logs_client(moto: &Moto) -> Client {
    let config = aws_config::defaults(BehaviorVersion::latest())
        .endpoint_url(&moto.endpoint)
        .region(Region::new(REGION))
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .retry_config(RetryConfig::disabled())
        .load()
        .await;
    Client::new(&config)
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// A fresh log group holding streams `a` and `b`.
async fn create_group(client: &Client, prefix: &str) -> String {
    let group = format!("/aws/lambda/{}", unique(prefix));
    client.create_log_group().log_group_name(&group).send().await.expect("CreateLogGroup");
    for stream in ["a", "b"] {
        client
            .create_log_stream()
            .log_group_name(&group)
            .log_stream_name(stream)
            .send()
            .await
            .unwrap_or_else(|e| panic!("CreateLogStream {stream}: {e:?}"));
    }
    group
}

/// Writes events (time order within the call, as PutLogEvents requires) to one stream.
async fn put(client: &Client, group: &str, stream: &str, events: &[(i64, String)]) {
    for chunk in events.chunks(150) {
        let mut request = client.put_log_events().log_group_name(group).log_stream_name(stream);
        for (ts, message) in chunk {
            request =
                request.log_events(InputLogEvent::builder().timestamp(*ts).message(message).build().expect("event"));
        }
        request.send().await.expect("PutLogEvents");
    }
}

/// Writes `lines` one per 100 ms from `base`, alternating between streams `a` and `b`.
async fn seed(client: &Client, group: &str, base: i64, lines: &[String]) {
    let mut streams: [Vec<(i64, String)>; 2] = [Vec::new(), Vec::new()];
    for (i, line) in lines.iter().enumerate() {
        streams[i % 2].push((base + 100 * i as i64, line.clone()));
    }
    put(client, group, "a", &streams[0]).await;
    put(client, group, "b", &streams[1]).await;
}

fn mark(n: usize) -> String {
    format!("mark-{n:05}")
}

fn console(message: &str, fields: &str) -> String {
    format!("2025-10-14 12:00:00 [info     ] {message:<30} {fields}")
}

/// Seeded lines come in blocks of 15, one of each shape; `corr-<block % 3>` is the correlation
/// id of the first two lines of a block.
const BLOCK: usize = 15;

/// The `n`-th seeded line: structlog console and JSON, runtime records, and a plain line, each
/// tagged with `mark(n)`.
fn seeded_line(n: usize) -> String {
    let m = mark(n);
    let corr = format!("corr-{}", (n / BLOCK) % 3);
    let ms = (n / BLOCK + 1) * 10;
    match n % BLOCK {
        0 => console(
            "Routing to eventbridge_handler for domain event",
            &format!("detail_type=SignalGenerated source=alchemiser.strategy_v2.handlers correlation_id={corr} seq={m}"),
        ),
        1 => serde_json::json!({"event": "Event handled successfully", "level": "info", "timestamp": "2025-10-14T12:00:01Z",
            "system": "alchemiser", "request_id": "r", "detail_type": "SignalGenerated", "event_id": m, "correlation_id": corr})
        .to_string(),
        2 => console(
            "Routing to eventbridge_handler for domain event",
            &format!("detail_type=WorkflowStarted source=alchemiser.orchestration.event_driven_orchestrator seq={m}"),
        ),
        3 => serde_json::json!({"event": "No handler configured for event type: WorkflowStarted", "level": "warning", "seq": m})
            .to_string(),
        4 => console(
            "Skipping ErrorNotificationRequested event to prevent error cascade",
            &format!("detail_type=ErrorNotificationRequested seq={m}"),
        ),
        5 => serde_json::json!({"event": "Duplicate event detected; skipping processing", "level": "info",
            "event_id": m, "detail_type": "SignalGenerated"})
        .to_string(),
        6 => console(
            "Lambda invoked with event",
            &format!(r#"event_data={{"detail-type": "Scheduled Event", "source": "aws.scheduler", "detail": {{"mode": "trade"}}, "seq": "{m}"}}"#),
        ),
        7 => serde_json::json!({"event": "Lambda execution critical error", "level": "error", "error_type": "unexpected_critical_error",
            "original_error": "ValidationError", "seq": m})
        .to_string(),
        8 => console(
            "Failed to handle EventBridge event",
            &format!("error=13 validation errors error_type=ValidationError detail_type=RebalancePlanned seq={m}"),
        ),
        9 => format!("[ERROR] ValidationError: 13 validation errors for RebalancePlanned ({m})\nTraceback (most recent call last):\n"),
        10 => format!("START RequestId: {m} Version: $LATEST\n"),
        11 => format!(
            "REPORT RequestId: {m}\tDuration: {ms}.00 ms\tBilled Duration: {ms} ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB\t\n"
        ),
        12 => format!("END RequestId: {m}\n"),
        13 => format!("Traceback (most recent call last): {m}"),
        _ => serde_json::json!({"event": "Lambda execution error", "level": "error", "error_type": "OrderExecutionError", "seq": m})
            .to_string(),
    }
}

fn seeded(count: usize) -> Vec<String> {
    (0..count).map(seeded_line).collect()
}

/// The marks in a message, in order.
fn marks_in(message: &str) -> Vec<String> {
    message.match_indices("mark-").filter_map(|(at, _)| message.get(at..at + 10)).map(str::to_string).collect()
}

/// Every mark of the JSON Lines output, with how often each was printed.
fn mark_counts(lines: &[Value]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for line in lines {
        for m in marks_in(line["message"].as_str().unwrap_or_default()) {
            *counts.entry(m).or_insert(0) += 1;
        }
    }
    counts
}

fn stderr_text(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

fn run(endpoint: &str, args: &[&str]) -> std::process::Output {
    let dir = tempdir();
    let mut full = vec!["logs"];
    full.extend_from_slice(args);
    aws_command(endpoint, dir.path(), &full).output().expect("run")
}

#[tokio::test]
async fn every_event_exactly_once_across_pages_in_time_order() {
    let moto = Moto::start();
    let client = logs_client(&moto).await;
    let group = create_group(&client, "logs-all").await;
    let lines = seeded(300);
    seed(&client, &group, now_ms() - 120_000, &lines).await;

    let output =
        run(&moto.endpoint, &["--log-group", &group, "--all", "--since", "15m", "--page-size", "37", "-o", "json"]);
    assert!(output.status.success(), "{}", stderr_text(&output));
    let events = json_lines(&output.stdout);
    assert_eq!(events.len(), 300);
    let counts = mark_counts(&events);
    assert_eq!(counts.len(), 300, "distinct marks");
    assert!(counts.values().all(|n| *n == 1), "a mark printed twice: {counts:?}");
    let stamps: Vec<&str> = events.iter().map(|e| e["timestamp"].as_str().unwrap_or_default()).collect();
    assert!(stamps.windows(2).all(|w| w[0] <= w[1]), "not in time order");
    let ids: std::collections::BTreeSet<&str> = events.iter().filter_map(|e| e["event_id"].as_str()).collect();
    assert_eq!(ids.len(), 300);

    let first = &events[0];
    assert_eq!(first["stream"], "a");
    assert_eq!(first["message"], lines[0]);
    assert_eq!(first["parsed"]["format"], "console");
    assert_eq!(first["parsed"]["kind"], "routed_domain");
    assert_eq!(first["parsed"]["level"], "info");
    assert_eq!(first["parsed"]["fields"]["detail_type"], "SignalGenerated");
    assert_eq!(events[1]["parsed"]["format"], "json");
    assert_eq!(events[1]["parsed"]["request_id"], "r");
    assert_eq!(events[11]["parsed"]["kind"], "report");
    assert_eq!(events[11]["parsed"]["report"]["duration_ms"], 10.0);
    // The plain traceback line is not understood, so it has no `parsed`.
    assert!(events[13].get("parsed").is_none(), "{}", events[13]);
}

#[tokio::test]
async fn filters_are_passed_through_and_correlation_ids_followed() {
    let moto = Moto::start();
    let client = logs_client(&moto).await;
    let group = create_group(&client, "logs-filter").await;
    let lines = seeded(150);
    seed(&client, &group, now_ms() - 60_000, &lines).await;
    let kinds = |output: &std::process::Output| -> Vec<String> {
        json_lines(&output.stdout).iter().map(|e| e["parsed"]["kind"].as_str().unwrap_or("-").to_string()).collect()
    };

    // The default filter: one line per routed domain event (blocks × 2).
    let output = run(&moto.endpoint, &["--log-group", &group, "-o", "json"]);
    assert!(output.status.success(), "{}", stderr_text(&output));
    assert_eq!(kinds(&output), vec!["routed_domain"; 20]);

    let output =
        run(&moto.endpoint, &["--log-group", &group, "--filter", "\"Event handled successfully\"", "-o", "json"]);
    assert_eq!(kinds(&output), vec!["handled_ok"; 10]);

    // corr-1 is on the first two lines of blocks 1, 4, 7: by the quoted term, and client-side over --all.
    for extra in [&[][..], &["--all"][..]] {
        let mut args = vec!["--log-group", group.as_str(), "--correlation-id", "corr-1", "-o", "json"];
        args.extend_from_slice(extra);
        let output = run(&moto.endpoint, &args);
        assert!(output.status.success(), "{}", stderr_text(&output));
        let marks: Vec<String> = mark_counts(&json_lines(&output.stdout)).into_keys().collect();
        let expected: Vec<String> = [15, 16, 60, 61, 105, 106].into_iter().map(mark).collect();
        assert_eq!(marks, expected, "{extra:?}");
    }

    // Text formats: short is time + message, detailed adds the stream.
    let output = run(&moto.endpoint, &["--log-group", &group, "--limit", "2"]);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(
        text.lines().all(|l| l.len() > 21 && l.as_bytes()[20] == b' ' && l.contains("Routing to eventbridge_handler")),
        "{text}"
    );
    let output = run(&moto.endpoint, &["--log-group", &group, "--format", "detailed", "--limit", "1"]);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(text.contains(".") && text.contains("Z a 2025-10-14 12:00:00 [info"), "{text}");
}

/// `--correlation-id c5` follows c5, not c50 to c59.
#[tokio::test]
async fn a_correlation_id_matches_itself_not_longer_ids() {
    let moto = Moto::start();
    let client = logs_client(&moto).await;
    let group = create_group(&client, "logs-corr").await;
    let line = |id: &str| format!("2025-10-14 12:00:00 [info     ] Routing to eventbridge_handler correlation_id={id}");
    let lines = [line("c5"), line("c50"), line("c51"), line("xc5"), line("c5")];
    seed(&client, &group, now_ms() - 60_000, &lines).await;
    for extra in [&[][..], &["--all"][..]] {
        let mut args = vec!["--log-group", group.as_str(), "--correlation-id", "c5", "--since", "5m", "-o", "json"];
        args.extend_from_slice(extra);
        let output = run(&moto.endpoint, &args);
        let messages: Vec<String> =
            json_lines(&output.stdout).iter().map(|e| e["message"].as_str().unwrap_or_default().to_string()).collect();
        assert_eq!(messages, [line("c5"), line("c5")], "{extra:?}");
    }
}

#[tokio::test]
async fn summary_counts_match_the_seeded_lines() {
    let moto = Moto::start();
    let client = logs_client(&moto).await;
    let group = create_group(&client, "logs-summary").await;
    // 20 blocks: 20 lines of each shape.
    seed(&client, &group, now_ms() - 120_000, &seeded(300)).await;

    let output = run(&moto.endpoint, &["--log-group", &group, "--all", "--since", "15m", "--summary", "-o", "json"]);
    assert!(output.status.success(), "{}", stderr_text(&output));
    let summaries = json_lines(&output.stdout);
    assert_eq!(summaries.len(), 1);
    let s = &summaries[0];
    assert_eq!(s["events"], 300);
    assert_eq!(s["understood"], 280);
    assert_eq!(s["paths"], serde_json::json!({"domain": 40, "command": 20, "circuit_breaker": 20}));
    assert_eq!(
        s["outcomes"],
        serde_json::json!({"handled": 20, "no_handler": 20, "duplicate_skipped": 20, "critical_error": 20,
            "handler_failed": 20, "execution_error": 40, "unknown_event_type": 0})
    );
    assert_eq!(s["duplicates_skipped"], 20);
    assert_eq!(s["circuit_breaker_trips"], 20);
    assert_eq!(s["kinds"]["report"], 20);

    // Without --all or --filter a summary still counts every line, not the routing lines alone
    // (which showed "critical error 0, invocations 0": all clear, falsely).
    let output = run(&moto.endpoint, &["--log-group", &group, "--since", "15m", "--summary", "-o", "json"]);
    assert_eq!(&json_lines(&output.stdout)[0]["outcomes"], &s["outcomes"]);
    assert_eq!(json_lines(&output.stdout)[0]["events"], 300);
    assert_eq!(s["kinds"]["other"], 60);
    let dt = &s["detail_types"];
    assert_eq!(
        (dt["SignalGenerated"]["routed_domain"].as_u64(), dt["SignalGenerated"]["handled"].as_u64()),
        (Some(20), Some(20))
    );
    assert_eq!(dt["SignalGenerated"]["duplicate_skipped"], 20);
    assert_eq!(
        (dt["WorkflowStarted"]["routed_domain"].as_u64(), dt["WorkflowStarted"]["no_handler"].as_u64()),
        (Some(20), Some(20))
    );
    assert_eq!(dt["ErrorNotificationRequested"]["circuit_breaker"], 20);
    assert_eq!(dt["Scheduled Event"]["command"], 20);
    assert_eq!(dt["RebalancePlanned"]["handler_failed"], 20);
    let errors: Vec<(String, String, u64)> = s["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("errors: {s}"))
        .iter()
        .map(|e| {
            (
                e["type"].as_str().unwrap_or_default().into(),
                e["from"].as_str().unwrap_or_default().into(),
                e["count"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            ("OrderExecutionError".into(), "execution_error".into(), 20),
            ("ValidationError".into(), "critical_error".into(), 20),
            ("ValidationError".into(), "handler_failed".into(), 20),
            ("ValidationError".into(), "runtime".into(), 20),
        ]
    );
    // Durations 10, 20, … 200 ms: nearest-rank p50 is the 10th, p95 the 19th.
    assert_eq!(s["invocations"]["count"], 20);
    assert_eq!(s["invocations"]["duration_ms"], serde_json::json!({"p50": 100.0, "p95": 190.0, "max": 200.0}));
    assert_eq!(s["invocations"]["max_memory_used_mb"], 90);

    let output = run(&moto.endpoint, &["--log-group", &group, "--all", "--since", "15m", "--summary"]);
    assert!(output.status.success(), "{}", stderr_text(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    for needle in [
        "outcome: duplicate skipped",
        "Scheduled Event",
        "RebalancePlanned",
        "100 ms / 190 ms / 200 ms",
        "OrderExecutionError",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
}

#[tokio::test]
async fn an_empty_window_prints_nothing_and_says_so() {
    let moto = Moto::start();
    let client = logs_client(&moto).await;
    let group = create_group(&client, "logs-empty").await;
    seed(&client, &group, now_ms() - 3_600_000, &seeded(3)).await;

    let output = run(&moto.endpoint, &["--log-group", &group, "--since", "10m"]);
    assert!(output.status.success(), "{}", stderr_text(&output));
    assert!(output.stdout.is_empty());
    let stderr = stderr_text(&output);
    assert!(stderr.contains(&format!("no log events in {group} from ")), "{stderr}");
    assert!(stderr.contains("--all shows every event"), "{stderr}");

    let output = run(&moto.endpoint, &["--log-group", &group, "--since", "10m", "--summary", "-o", "json"]);
    assert!(output.status.success() && output.stdout.is_empty(), "{}", stderr_text(&output));
}

#[tokio::test]
async fn a_missing_log_group_exits_6_naming_it() {
    let moto = Moto::start();
    let group = format!("/aws/lambda/{}", unique("logs-missing"));
    for extra in [&["--all"][..], &["--follow", "--interval", "0.1"][..], &["--live"][..]] {
        let mut args = vec!["--log-group", group.as_str()];
        args.extend_from_slice(extra);
        let output = run(&moto.endpoint, &args);
        assert_eq!(output.status.code(), Some(6), "{extra:?}: {}", stderr_text(&output));
        let stderr = stderr_text(&output);
        assert!(stderr.starts_with("error: ") && stderr.contains(&group), "{extra:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(output.stdout.is_empty());
    }

    // A near miss names the group that exists.
    let client = logs_client(&moto).await;
    let existing = create_group(&client, "logs-near").await;
    let typo = format!("{}x", existing);
    let output = run(&moto.endpoint, &["--log-group", typo.as_str(), "--all"]);
    assert_eq!(output.status.code(), Some(6));
    assert!(
        stderr_text(&output).contains(&format!("did you mean --log-group {existing}?")),
        "{}",
        stderr_text(&output)
    );
}

#[tokio::test]
async fn live_tail_prints_what_the_session_sends() {
    let moto = Moto::start();
    let client = logs_client(&moto).await;
    let group = create_group(&client, "logs-live").await;
    seed(&client, &group, now_ms() - 60_000, &seeded(30)).await;

    // moto's session sends the stored events once and ends; AWS's runs until Ctrl-C.
    let output = run(&moto.endpoint, &["--log-group", &group, "--live", "--all", "-o", "json"]);
    assert!(output.status.success(), "{}", stderr_text(&output));
    let events = json_lines(&output.stdout);
    assert_eq!(mark_counts(&events).len(), 30);
    assert!(events.iter().all(|e| e["event_id"].is_null()));
    assert!(stderr_text(&output).contains("live tail session ended"), "{}", stderr_text(&output));
}

/// The binary, spawned (assert_cmd cannot), with the same hermetic environment.
fn spawn_follow(endpoint: &str, group: &str) -> Child {
    let mut cmd = StdCommand::new(env!("CARGO_BIN_EXE_alchemiser"));
    for (key, _) in std::env::vars_os() {
        if key.to_str().is_some_and(|k| k.starts_with("AWS_")) {
            cmd.env_remove(&key);
        }
    }
    let dir = std::env::temp_dir().join("no-such-aws-file");
    cmd.env_remove("ALCHEMISER_STAGE")
        .env("NO_COLOR", "1")
        .env("AWS_CONFIG_FILE", &dir)
        .env("AWS_SHARED_CREDENTIALS_FILE", &dir)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", REGION)
        .args(["logs", "--log-group", group, "--all", "--since", "5m", "--follow", "--interval", "0.2"])
        .args(["--idle-notice", "1", "-o", "json", "--endpoint-url", endpoint, "--max-attempts", "1"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.spawn().expect("spawn")
}

/// Collects marks from the follower's stdout until `want` are all seen (or the deadline).
fn wait_for(lines: &mpsc::Receiver<String>, seen: &mut Vec<String>, want: &[String], within: Duration) {
    let deadline = Instant::now() + within;
    while !want.iter().all(|m| seen.contains(m)) {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) => {
                let value: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON: {line}: {e}"));
                seen.extend(marks_in(value["message"].as_str().unwrap_or_default()));
            }
            Err(_) => panic!(
                "timed out waiting for {:?}; seen {seen:?}",
                want.iter().filter(|m| !seen.contains(m)).collect::<Vec<_>>()
            ),
        }
    }
}

#[tokio::test]
async fn follow_picks_up_new_events_once_each_and_stops_cleanly_on_ctrl_c() {
    let moto = Moto::start();
    let client = logs_client(&moto).await;
    let group = create_group(&client, "logs-follow").await;
    let base = now_ms() - 30_000;
    let first: Vec<String> = (0..20).map(seeded_line).collect();
    seed(&client, &group, base, &first).await;
    let newest = base + 100 * 19; // on stream b

    let mut child = spawn_follow(&moto.endpoint, &group);
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    wait_for(&rx, &mut seen, &(0..20).map(mark).collect::<Vec<_>>(), Duration::from_secs(30));

    // Written while following: the same millisecond as the newest event printed (another
    // stream), a late event older than it, then newer ones.
    put(&client, &group, "a", &[(newest - 3_000, seeded_line(20)), (newest, seeded_line(21))]).await;
    put(&client, &group, "b", &(22..40).map(|n| (newest + 100 * (n as i64 - 21), seeded_line(n))).collect::<Vec<_>>())
        .await;
    wait_for(&rx, &mut seen, &(20..40).map(mark).collect::<Vec<_>>(), Duration::from_secs(30));
    tokio::time::sleep(Duration::from_millis(600)).await;
    put(
        &client,
        &group,
        "a",
        &(40..60).map(|n| (newest + 10_000 + 100 * n as i64, seeded_line(n))).collect::<Vec<_>>(),
    )
    .await;
    wait_for(&rx, &mut seen, &(40..60).map(mark).collect::<Vec<_>>(), Duration::from_secs(30));
    // Long enough for several more polls, so that a repeat would show (the idle notice is
    // checked on a paused clock: `an_idle_follow_says_so_once_per_period`).
    tokio::time::sleep(Duration::from_millis(1_800)).await;

    let status = StdCommand::new("kill").args(["-INT", &child.id().to_string()]).status();
    assert!(status.is_ok_and(|s| s.success()), "kill -INT");
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        match child.try_wait() {
            Ok(Some(exit)) => break exit,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            _ => {
                let _ = child.kill();
                panic!("the follower did not stop on SIGINT");
            }
        }
    };
    let _ = reader.join();
    seen.extend(rx.try_iter().flat_map(|line| marks_in(&line)));
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
    }
    assert_eq!(exit.code(), Some(0), "{stderr}");

    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &seen {
        *counts.entry(m.as_str()).or_insert(0) += 1;
    }
    let expected: Vec<String> = (0..60).map(mark).collect();
    assert_eq!(counts.keys().map(|k| k.to_string()).collect::<Vec<_>>(), expected, "missing or extra events");
    assert!(
        counts.values().all(|n| *n == 1),
        "repeated: {:?}",
        counts.iter().filter(|(_, n)| **n > 1).collect::<Vec<_>>()
    );
}

/// In process, with canned HTTP answers: every request the command makes can be checked.
mod replayed {
    use super::*;
    use alchemiser::aws::AwsError;
    use alchemiser::commands::logs::{self, LATE_ARRIVAL_MS, LogFormat, LogsError, LogsOptions, Mode};
    use alchemiser::exit::Exit;
    use alchemiser::render::Style;
    use aws_smithy_http_client::test_util::{ReplayEvent, StaticReplayClient};

    const GROUP: &str = "/aws/lambda/the-alchemiser-v2-lambda-dev";

    use common::replay_answer as answer;

    /// A FilterLogEvents page of (event id, timestamp) with an optional next token.
    fn page(events: &[(&str, i64)], token: Option<&str>) -> ReplayEvent {
        let events: Vec<Value> = events
            .iter()
            .map(|(id, ts)| {
                serde_json::json!({"logStreamName": "s", "timestamp": ts, "ingestionTime": ts,
                "eventId": id, "message": format!("line {id}")})
            })
            .collect();
        answer(200, &serde_json::json!({"events": events, "nextToken": token, "searchedLogStreams": []}).to_string())
    }

    fn throttled() -> ReplayEvent {
        answer(400, r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
    }

    async fn client(replay: &StaticReplayClient) -> Client {
        Client::new(&common::replay_config(replay).await)
    }

    fn options(mode: Mode) -> LogsOptions {
        LogsOptions {
            log_group: GROUP.to_string(),
            start_ms: 50_000,
            mode,
            pattern: Some(logs::DEFAULT_FILTER.to_string()),
            page_size: None,
            correlation_id: None,
            format: LogFormat::Json,
            summary: false,
            style: Style { color: false },
            strip_host_prefix: false,
            insights: false,
        }
    }

    /// The JSON bodies the command sent.
    fn requests(replay: &StaticReplayClient) -> Vec<Value> {
        replay
            .actual_requests()
            .map(|r| serde_json::from_slice(r.body().bytes().unwrap_or_default()).unwrap_or(Value::Null))
            .collect()
    }

    struct Ran {
        result: Result<Exit, LogsError>,
        ids: Vec<String>,
        stderr: String,
    }

    async fn run(replay: &StaticReplayClient, opts: &LogsOptions) -> Ran {
        let client = client(replay).await;
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let result = logs::run(&client, opts, &mut out, &mut err, std::future::pending::<()>()).await;
        let ids = json_lines(&out).iter().map(|e| e["event_id"].as_str().unwrap_or_default().to_string()).collect();
        Ran { result, ids, stderr: String::from_utf8_lossy(&err).into_owned() }
    }

    #[tokio::test(start_paused = true)]
    async fn pages_are_read_to_the_end_through_throttling() {
        // The last page repeats its token: a server that loops must not make the command loop.
        let replay = StaticReplayClient::new(vec![
            page(&[("1", 60_000), ("2", 61_000)], Some("t1")),
            throttled(),
            page(&[("3", 62_000)], Some("t2")),
            page(&[], Some("t2")),
        ]);
        let ran = run(&replay, &options(Mode::Once { end_ms: 90_000, limit: None })).await;
        assert!(matches!(ran.result, Ok(Exit::Success)), "{:?} {}", ran.result, ran.stderr);
        assert_eq!(ran.ids, ["1", "2", "3"]);
        assert!(ran.stderr.contains("throttled by CloudWatch Logs; asking again in 1s"), "{}", ran.stderr);
        let sent = requests(&replay);
        assert_eq!(sent.len(), 4);
        for body in &sent {
            assert_eq!(body["logGroupName"], GROUP);
            assert_eq!(body["startTime"], 50_000);
            assert_eq!(body["endTime"], 90_000);
            assert_eq!(body["filterPattern"], "\"Routing to eventbridge_handler\"");
            assert_eq!(body["interleaved"], true);
        }
        let tokens: Vec<&Value> = sent.iter().map(|b| &b["nextToken"]).collect();
        assert_eq!(
            tokens,
            [&Value::Null, &serde_json::json!("t1"), &serde_json::json!("t1"), &serde_json::json!("t2")]
        );
    }

    #[tokio::test]
    async fn a_limit_stops_early_and_asks_for_no_more_than_it_needs() {
        let replay = StaticReplayClient::new(vec![page(&[("1", 60_000), ("2", 61_000)], Some("t1"))]);
        let ran = run(&replay, &options(Mode::Once { end_ms: 90_000, limit: Some(2) })).await;
        assert_eq!(ran.ids, ["1", "2"]);
        assert_eq!(requests(&replay)[0]["limit"], 2);
    }

    #[tokio::test(start_paused = true)]
    async fn follow_never_skips_past_the_newest_event_nor_repeats_one() {
        let replay = StaticReplayClient::new(vec![
            // Round 1.
            page(&[("1", 100_000), ("2", 120_000)], None),
            // Round 2, throttled once: "2" again, and "3" of the same millisecond, ingested later.
            throttled(),
            page(&[("2", 120_000), ("3", 120_000)], None),
            // Round 3: the credentials expired.
            answer(400, r#"{"__type":"AccessDeniedException","message":"denied"}"#),
        ]);
        let mode = Mode::Follow { interval: Duration::from_millis(20), idle_notice: None };
        let ran = run(&replay, &options(mode)).await;
        assert_eq!(ran.ids, ["1", "2", "3"]);
        match ran.result {
            Err(LogsError::Aws(AwsError { exit, message })) => {
                assert_eq!(exit, Exit::AwsAccessDenied);
                assert!(message.contains(GROUP), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert!(ran.stderr.contains("throttled"), "{}", ran.stderr);
        let starts: Vec<i64> = requests(&replay).iter().map(|b| b["startTime"].as_i64().unwrap_or(-1)).collect();
        let next = 120_000 - LATE_ARRIVAL_MS;
        assert_eq!(starts, [50_000, next, next, next]);
        assert!(requests(&replay).iter().all(|b| b.get("endTime").is_none()));
    }

    #[tokio::test(start_paused = true)]
    async fn follow_stops_cleanly_when_told() {
        let replay = StaticReplayClient::new((0..1000).map(|_| page(&[("1", 60_000)], None)).collect());
        let client = client(&replay).await;
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let opts = options(Mode::Follow { interval: Duration::from_millis(10), idle_notice: None });
        let stop = tokio::time::sleep(Duration::from_millis(200));
        let result = logs::run(&client, &opts, &mut out, &mut err, stop).await;
        assert!(matches!(result, Ok(Exit::Success)), "{result:?}");
        assert_eq!(json_lines(&out).len(), 1);
        assert!(requests(&replay).len() > 2);
    }

    /// With `--idle-notice`, a follow that finds nothing new says so once per period.
    #[tokio::test(start_paused = true)]
    async fn an_idle_follow_says_so_once_per_period() {
        let replay = StaticReplayClient::new((0..100).map(|_| page(&[], None)).collect());
        let client = client(&replay).await;
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mode = Mode::Follow { interval: Duration::from_millis(200), idle_notice: Some(Duration::from_secs(1)) };
        let stop = tokio::time::sleep(Duration::from_millis(3_500));
        let result = logs::run(&client, &options(mode), &mut out, &mut err, stop).await;
        assert!(matches!(result, Ok(Exit::Success)), "{result:?}");
        let err = String::from_utf8_lossy(&err);
        assert_eq!(err.matches("no new events since").count(), 3, "{err}");
        assert_eq!(requests(&replay).len(), 18, "a poll every 200 ms for 3.5 s");
    }

    fn insights_options() -> LogsOptions {
        LogsOptions {
            pattern: None,
            summary: true,
            insights: true,
            ..options(Mode::Once { end_ms: 30 * 86_400_000 + 50_999, limit: None })
        }
    }

    fn cell(field: &str, value: &str) -> Value {
        serde_json::json!({"field": field, "value": value})
    }

    /// Logs Insights counts, the same summary comes out: the query sent, then its rows mapped.
    #[tokio::test(start_paused = true)]
    async fn long_windows_are_summarised_by_logs_insights() {
        let rows = serde_json::json!([
            [
                cell("phrase", "Routing to eventbridge_handler for domain event"),
                cell("detailType", "SignalGenerated"),
                cell("lines", "40")
            ],
            [cell("phrase", "Event handled successfully"), cell("detailType", "SignalGenerated"), cell("lines", "38")],
            [
                cell("phrase", "No handler configured for event type"),
                cell("typeInMessage", "WorkflowStarted"),
                cell("lines", "3")
            ],
            [
                cell("phrase", "Lambda execution critical error"),
                cell("errorType", "unexpected_critical_error"),
                cell("originalError", "ValidationError"),
                cell("lines", "2")
            ],
            [cell("phrase", "[ERROR]"), cell("runtimeError", "TypeError"), cell("lines", "1")],
            [
                cell("phrase", "REPORT RequestId"),
                cell("lines", "42"),
                cell("p50", "120.5"),
                cell("p95", "900"),
                cell("maxDuration", "1500.25"),
                cell("maxMemoryBytes", "95000000"),
                cell("memoryBytes", "512000000")
            ],
            [cell("lines", "100")]
        ]);
        let replay = StaticReplayClient::new(vec![
            answer(200, r#"{"queryId":"q-1"}"#),
            answer(200, r#"{"status":"Running","statistics":{"recordsScanned":1000.0},"results":[]}"#),
            answer(
                200,
                &serde_json::json!({"status": "Complete", "statistics": {"recordsScanned": 226.0}, "results": rows})
                    .to_string(),
            ),
        ]);
        let client = client(&replay).await;
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let result = logs::run(&client, &insights_options(), &mut out, &mut err, std::future::pending::<()>()).await;
        let err = String::from_utf8_lossy(&err);
        assert!(matches!(result, Ok(Exit::Success)), "{result:?} {err}");
        assert!(err.contains("counted by CloudWatch Logs Insights, 226 records scanned"), "{err}");

        let sent = requests(&replay);
        assert_eq!(sent[0]["logGroupName"], GROUP);
        assert_eq!((sent[0]["startTime"].as_i64(), sent[0]["endTime"].as_i64()), (Some(50), Some(30 * 86_400 + 50)));
        let query = sent[0]["queryString"].as_str().unwrap_or_default();
        assert!(query.contains("stats count(*) as lines") && query.contains("pct(@duration, 95)"), "{query}");
        assert_eq!(sent[1]["queryId"], "q-1");

        let summary: Value = serde_json::from_slice(&out).expect("one JSON summary");
        assert_eq!(summary["events"], 226);
        assert_eq!(summary["paths"]["domain"], 40);
        assert_eq!(summary["outcomes"]["handled"], 38);
        assert_eq!(summary["outcomes"]["no_handler"], 3);
        assert_eq!(summary["outcomes"]["critical_error"], 2);
        assert_eq!(summary["detail_types"]["WorkflowStarted"]["no_handler"], 3);
        let errors = summary["errors"].to_string();
        assert!(errors.contains(r#"{"type":"ValidationError","from":"critical_error","count":2}"#), "{errors}");
        assert!(errors.contains(r#"{"type":"TypeError","from":"runtime","count":1}"#), "{errors}");
        assert_eq!(summary["invocations"]["count"], 42);
        assert_eq!(
            summary["invocations"]["duration_ms"],
            serde_json::json!({"p50": 120.5, "p95": 900.0, "max": 1500.25})
        );
        assert_eq!(
            (summary["invocations"]["max_memory_used_mb"].as_u64(), summary["invocations"]["memory_size_mb"].as_u64()),
            (Some(95), Some(512))
        );
    }

    /// Ctrl-C stops the query on the service (StopQuery), exit 130.
    #[tokio::test(start_paused = true)]
    async fn ctrl_c_stops_the_insights_query() {
        let replay =
            StaticReplayClient::new(vec![answer(200, r#"{"queryId":"q-2"}"#), answer(200, r#"{"success":true}"#)]);
        let client = client(&replay).await;
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let result = logs::run(&client, &insights_options(), &mut out, &mut err, std::future::ready(())).await;
        assert!(matches!(result, Ok(Exit::Interrupted)), "{result:?}");
        assert!(String::from_utf8_lossy(&err).contains("interrupted: Logs Insights query q-2 stopped"));
        assert_eq!(requests(&replay)[1]["queryId"], "q-2");
        assert!(out.is_empty());
    }

    #[test]
    fn a_correlation_id_narrows_the_query_to_whole_ids() {
        let opts = LogsOptions { correlation_id: Some("c-5.1".into()), ..insights_options() };
        let query = logs::insights_query(&opts);
        let lines: Vec<&str> = query.lines().collect();
        assert_eq!(lines[1], r"| filter @message like /(^|[^A-Za-z0-9_-])c-5\.1([^A-Za-z0-9_-]|$)/");
        assert!(lines[0].starts_with("fields @message"));
    }
}
