//! `alchemiser put-events`: against moto (delivery observed through SQS) and, for what moto
//! cannot produce (throttling, partial failures, 5xx), with the SDK's replay HTTP client.

mod common;

use std::collections::BTreeSet;
use std::fs;

use common::{Moto, aws_command, bus_with_queue, drain_queue, json_lines, runtime, safe_event, seqs};

#[test]
fn a_thousand_events_are_delivered_exactly_once() {
    let moto = Moto::start();
    let (bus, url) = bus_with_queue(&moto);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("events.jsonl");
    let lines: Vec<String> = (0..1000).map(safe_event).collect();
    fs::write(&file, lines.join("\n") + "\n").expect("write the fixture");

    let output = aws_command(&moto.endpoint, dir.path(), &["put-events", "-o", "json", "--bus", &bus])
        .arg(&file)
        .timeout(std::time::Duration::from_secs(600))
        .assert()
        .success()
        .get_output()
        .clone();
    let records = json_lines(&output.stdout);
    assert_eq!(records.len(), 1000);
    assert!(records.iter().all(|r| r["status"] == "sent"), "{:?}", records.iter().find(|r| r["status"] != "sent"));
    let ids: BTreeSet<&str> = records.iter().filter_map(|r| r["event_id"].as_str()).collect();
    assert_eq!(ids.len(), 1000, "every entry has its own event id");

    let mut delivered = seqs(&drain_queue(&moto.endpoint, &url));
    delivered.sort_unstable();
    assert_eq!(delivered, (0..1000).collect::<Vec<u64>>(), "each event delivered once");
}

#[test]
fn refused_and_invalid_events_are_never_sent() {
    let moto = Moto::start();
    let (bus, url) = bus_with_queue(&moto);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("mixed.jsonl");
    let lines = [
        safe_event(1),
        // Starts a trade: an alchemiser source with a non-domain detail-type and an empty detail.
        r#"{"source":"alchemiser.test","detail-type":"TestEvent","detail":{}}"#.to_string(),
        // Crashes the Lambda: RebalancePlanned never validates.
        r#"{"source":"alchemiser.portfolio_v2.handlers","detail-type":"RebalancePlanned","detail":{"event_id":"r"}}"#
            .to_string(),
        // Not a bus event at all.
        r#"{"mode":"trade"}"#.to_string(),
        safe_event(2),
    ];
    fs::write(&file, lines.join("\n")).expect("write the fixture");
    // The test bus delivers to a queue, not the Lambda: the 2.27.0 rules decide what would run it.
    let output =
        aws_command(&moto.endpoint, dir.path(), &["put-events", "-o", "json", "--rules", "embedded", "--bus", &bus])
            .arg(&file)
            .assert()
            .code(1)
            .get_output()
            .clone();
    let statuses: Vec<String> =
        json_lines(&output.stdout).iter().map(|r| r["status"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(statuses, ["sent", "refused", "refused", "invalid", "sent"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("5 events, 2 sent, 2 refused, 1 invalid"), "{stderr}");
    let mut delivered = seqs(&drain_queue(&moto.endpoint, &url));
    delivered.sort_unstable();
    assert_eq!(delivered, [1, 2], "refused events never reach the bus");

    // --dry-run sends nothing; --force sends the flagged ones.
    aws_command(&moto.endpoint, dir.path(), &["put-events", "--dry-run", "--rules", "embedded", "--bus", &bus])
        .arg(&file)
        .assert()
        .code(1);
    assert!(drain_queue(&moto.endpoint, &url).is_empty());
    let output = aws_command(
        &moto.endpoint,
        dir.path(),
        &["put-events", "-o", "json", "--force", "--rules", "embedded", "--bus", &bus],
    )
    .arg(&file)
    .assert()
    .code(1)
    .get_output()
    .clone();
    let sent = json_lines(&output.stdout).iter().filter(|r| r["status"] == "sent").count();
    assert_eq!(sent, 4);
    assert_eq!(drain_queue(&moto.endpoint, &url).len(), 4);
}

/// At a terminal the table lists only what was not sent, then the summary; `--report` keeps every
/// input's record.
#[test]
fn the_table_lists_what_was_not_sent_and_the_report_everything() {
    let moto = Moto::start();
    let (bus, _url) = bus_with_queue(&moto);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("mixed.jsonl");
    let lines = [safe_event(1), r#"{"mode":"trade"}"#.to_string(), safe_event(2), safe_event(3)];
    fs::write(&file, lines.join("\n")).expect("write the fixture");
    let report = dir.path().join("report.jsonl");
    let output = aws_command(&moto.endpoint, dir.path(), &["put-events", "--bus", &bus])
        .arg(&file)
        .arg("--report")
        .arg(&report)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let table = String::from_utf8_lossy(&output.stdout);
    assert_eq!(table.lines().count(), 1, "{table}");
    assert!(table.contains("mixed.jsonl:2") && table.contains("INVALID"), "{table}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("4 events, 3 sent, 1 invalid"));
    let records = json_lines(&fs::read(&report).expect("read the report"));
    let statuses: Vec<&str> = records.iter().map(|r| r["status"].as_str().unwrap_or_default()).collect();
    assert_eq!(statuses, ["sent", "invalid", "sent", "sent"]);
}

#[test]
fn prod_trades_need_yes_as_well_as_force() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("trade.json");
    fs::write(&file, r#"{"source":"alchemiser.test","detail-type":"TestEvent","detail":{}}"#)
        .expect("write the fixture");
    let output = assert_cmd::Command::from_std(common::hermetic(dir.path()))
        .args(["put-events", "--stage", "prod", "--dry-run", "--force", "-o", "json"])
        .arg(&file)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let record = &json_lines(&output.stdout)[0];
    assert_eq!(record["status"], "refused");
    assert!(record["message"].as_str().unwrap_or("").contains("LIVE"), "{record}");
}

mod replayed {
    //! The SDK's own replay client stands in for EventBridge's partial failures.

    use super::*;
    use alchemiser::commands::put_events::{PutEventsOptions, run};
    use alchemiser::commands::{Interrupts, Io};
    use alchemiser::exit::Exit;
    use alchemiser::guard::Allowance;
    use alchemiser::routing::Stage;
    use aws_smithy_http_client::test_util::{ReplayEvent, StaticReplayClient};

    use common::replay_answer as answer;

    struct Sent {
        exit: Exit,
        records: Vec<serde_json::Value>,
        /// The `seq` of every entry in every request, per request.
        requests: Vec<Vec<u64>>,
        failed_file: Option<String>,
    }

    /// A prod live trade sent with `--force` but without `--yes` goes out only if the operator
    /// says yes at the prompt; the question names how many events would trade.
    #[test]
    fn the_prompt_decides_prod_live_trades() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("trade.json");
        fs::write(&file, r#"{"source":"alchemiser.test","detail-type":"TestEvent","detail":{}}"#)
            .expect("write the fixture");
        let opts = PutEventsOptions {
            allowance: Allowance { force: true, yes: false },
            dry_run: true,
            ..common::put_events_options(vec![file], Stage::Prod, None)
        };
        for answer in [false, true] {
            let mut questions = Vec::new();
            let mut ask = |question: &str| {
                questions.push(question.to_string());
                Ok(answer)
            };
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let exit = runtime().block_on(async {
                let replay = StaticReplayClient::new(Vec::new());
                let client = aws_sdk_eventbridge::Client::new(&common::replay_config(&replay).await);
                let mut io =
                    Io { out: &mut out, err: &mut err, confirm: Some(&mut ask), interrupts: Interrupts::none() };
                run(Some(&client), &opts, &mut std::io::empty(), &mut io).await
            });
            assert_eq!(questions, ["1 event would start a LIVE trading run in prod. Send?"]);
            let record = &json_lines(&out)[0];
            let (status, code) = if answer { ("dry_run", Exit::Success) } else { ("refused", Exit::Failure) };
            assert_eq!(record["status"], status, "{record}");
            assert_eq!(exit.ok(), Some(code));
        }
    }

    fn send(events: usize, answers: Vec<ReplayEvent>) -> Sent {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("events.jsonl");
        let lines: Vec<String> = (0..events).map(safe_event).collect();
        fs::write(&file, lines.join("\n")).expect("write the fixture");
        let failed = dir.path().join("failed.jsonl");
        let replay = StaticReplayClient::new(answers);
        let opts = common::put_events_options(vec![file], Stage::Dev, Some(failed.clone()));
        let mut out = Vec::new();
        let mut err = Vec::new();
        let exit = runtime().block_on(async {
            let client = aws_sdk_eventbridge::Client::new(&common::replay_config(&replay).await);
            let mut io = Io { out: &mut out, err: &mut err, confirm: None, interrupts: Interrupts::none() };
            run(Some(&client), &opts, &mut std::io::empty(), &mut io).await
        });
        let requests = replay
            .actual_requests()
            .map(|r| {
                let body: serde_json::Value =
                    serde_json::from_slice(r.body().bytes().unwrap_or_default()).unwrap_or_default();
                body["Entries"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|e| {
                        let detail: serde_json::Value =
                            serde_json::from_str(e["Detail"].as_str().unwrap_or("{}")).unwrap_or_default();
                        detail["seq"].as_u64().unwrap_or(u64::MAX)
                    })
                    .collect()
            })
            .collect();
        Sent {
            exit: exit.expect("run"),
            records: json_lines(&out),
            requests,
            failed_file: fs::read_to_string(&failed).ok(),
        }
    }

    #[test]
    fn only_retryable_entries_are_sent_again() {
        let sent = send(
            4,
            vec![
                answer(
                    200,
                    r#"{"FailedEntryCount":3,"Entries":[{"EventId":"id-0"},{"ErrorCode":"ThrottlingException","ErrorMessage":"Rate exceeded"},{"ErrorCode":"AccessDeniedException","ErrorMessage":"no"},{"ErrorCode":"InternalFailure","ErrorMessage":"oops"}]}"#,
                ),
                answer(200, r#"{"FailedEntryCount":0,"Entries":[{"EventId":"id-1"},{"EventId":"id-3"}]}"#),
            ],
        );
        assert_eq!(sent.requests, vec![vec![0, 1, 2, 3], vec![1, 3]], "only the retryable entries go again");
        let summary: Vec<(String, String)> = sent
            .records
            .iter()
            .map(|r| {
                (
                    r["status"].as_str().unwrap_or("").to_string(),
                    r["event_id"].as_str().or(r["error_code"].as_str()).unwrap_or("").to_string(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("sent".to_string(), "id-0".to_string()),
                ("sent".to_string(), "id-1".to_string()),
                ("failed".to_string(), "AccessDeniedException".to_string()),
                ("sent".to_string(), "id-3".to_string()),
            ]
        );
        assert_eq!(sent.records[1]["attempts"], 2);
        assert_eq!(sent.exit, Exit::Failure, "not everything went");
        let failed = sent.failed_file.unwrap_or_default();
        assert_eq!(failed.lines().count(), 1, "{failed}");
        assert!(failed.contains("\"workflow-completed-2\""), "{failed}");
    }

    #[test]
    fn retries_stop_at_the_attempt_limit() {
        let throttled =
            r#"{"FailedEntryCount":1,"Entries":[{"ErrorCode":"ThrottlingException","ErrorMessage":"Rate exceeded"}]}"#;
        let sent = send(1, vec![answer(200, throttled), answer(200, throttled), answer(200, throttled)]);
        assert_eq!(sent.requests.len(), 3);
        assert_eq!(sent.records[0]["status"], "failed");
        assert_eq!(sent.records[0]["error_code"], "ThrottlingException");
        assert_eq!(sent.records[0]["attempts"], 3);
    }

    #[test]
    fn a_server_error_is_never_resent() {
        let sent = send(2, vec![answer(500, r#"{"__type":"InternalException","message":"boom"}"#)]);
        assert_eq!(sent.requests.len(), 1, "a 5xx may have delivered: resending could duplicate");
        assert!(sent.records.iter().all(|r| r["status"] == "unknown"), "{:?}", sent.records);
        assert_eq!(sent.exit, Exit::AwsService, "the call's own error decides the exit code");
        assert_eq!(sent.failed_file.as_deref(), Some(""), "unknown entries are not offered for resending");
    }

    #[test]
    fn a_throttled_call_is_retried_whole() {
        let sent = send(
            2,
            vec![
                answer(400, r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#),
                answer(200, r#"{"FailedEntryCount":0,"Entries":[{"EventId":"a"},{"EventId":"b"}]}"#),
            ],
        );
        assert_eq!(sent.requests, vec![vec![0, 1], vec![0, 1]]);
        assert!(sent.records.iter().all(|r| r["status"] == "sent"));
        assert_eq!(sent.exit, Exit::Success);
    }

    #[test]
    fn calls_hold_at_most_ten_entries() {
        let ok = |n: usize| {
            let entries: Vec<String> = (0..n).map(|i| format!(r#"{{"EventId":"e{i}"}}"#)).collect();
            answer(200, &format!(r#"{{"FailedEntryCount":0,"Entries":[{}]}}"#, entries.join(",")))
        };
        let sent = send(23, vec![ok(10), ok(10), ok(3)]);
        assert_eq!(sent.requests.iter().map(Vec::len).collect::<Vec<_>>(), [10, 10, 3]);
        let all: Vec<u64> = sent.requests.concat();
        assert_eq!(all, (0..23).collect::<Vec<u64>>(), "each entry exactly once, in order");
    }
}
