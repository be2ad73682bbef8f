//! `alchemiser replay` and `alchemiser archives` against moto (delivery observed through SQS),
//! and, for what moto cannot produce (RUNNING with progress, FAILED with a reason, Ctrl-C),
//! the wait loop in process with the SDK's replay HTTP client.
//!
//! moto runs a replay inside StartReplay: it is COMPLETED at the first DescribeReplay, and it
//! ignores the window and FilterArns, so these tests use a fresh archive each.

mod common;

use alchemiser::bus::RuleState;
use predicates::prelude::*;
use serde_json::Value;

use common::{
    Moto, aws_command, create_archive, create_bus, create_queue, drain_queue, json_lines, put_rule, put_sqs_target,
    unique,
};

const PATTERN: &str = r#"{"source":[{"prefix":"alchemiser."}]}"#;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime")
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

fn stderr_text(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A bus with an archive of `alchemiser.*` events and one rule delivering them to a queue.
struct Fixture {
    bus: String,
    bus_arn: String,
    archive: String,
    rule: String,
    queue_url: String,
}

fn fixture(moto: &Moto) -> Fixture {
    let bus = unique("replay-bus");
    let archive = unique("replay-archive");
    let rule = "to-queue".to_string();
    let queue = unique("replay-q");
    let queue_url = create_queue(&moto.endpoint, &queue);
    let bus_arn = runtime().block_on(async {
        let events = moto.events().await;
        let bus_arn = create_bus(&events, &bus).await;
        create_archive(&events, &archive, &bus_arn, PATTERN).await;
        put_rule(&events, &bus, &rule, PATTERN, RuleState::Enabled).await;
        put_sqs_target(&events, &bus, &rule, "Queue", &queue).await;
        bus_arn
    });
    Fixture { bus, bus_arn, archive, rule, queue_url }
}

/// Puts `count` archived events (and one the archive's pattern leaves out).
fn put_events(moto: &Moto, bus: &str, count: usize) {
    runtime().block_on(async {
        let events = moto.events().await;
        let mut request = events.put_events();
        for i in 0..count {
            request = request.entries(
                aws_sdk_eventbridge::types::PutEventsRequestEntry::builder()
                    .event_bus_name(bus)
                    .source("alchemiser.execution")
                    .detail_type("TradeExecuted")
                    .detail(format!(r#"{{"event_id":"trade-{i}"}}"#))
                    .build(),
            );
        }
        request = request.entries(
            aws_sdk_eventbridge::types::PutEventsRequestEntry::builder()
                .event_bus_name(bus)
                .source("other.system")
                .detail_type("Ignored")
                .detail("{}")
                .build(),
        );
        let out = request.send().await.expect("PutEvents");
        assert_eq!(out.failed_entry_count(), 0);
    });
}

fn replay_args<'a>(f: &'a Fixture, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["replay", "--since", "1h", "--archive", &f.archive, "--bus", &f.bus];
    args.extend_from_slice(extra);
    args
}

#[test]
fn a_replay_delivers_the_archived_events_again_and_can_be_listed_and_described() {
    let moto = Moto::start();
    let dir = tempdir();
    let f = fixture(&moto);
    put_events(&moto, &f.bus, 3);
    assert_eq!(drain_queue(&moto.endpoint, &f.queue_url).len(), 3, "live delivery");
    let name = unique("replay");

    let output = aws_command(
        &moto.endpoint,
        dir.path(),
        &replay_args(&f, &["--yes", "--wait", "--poll-interval", "0.1", "--name", &name, "-o", "json"]),
    )
    .output()
    .expect("run");
    let stderr = stderr_text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let shown = json_lines(&output.stdout);
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0]["name"], name.as_str());
    assert_eq!(shown[0]["state"], "COMPLETED");
    assert_eq!(shown[0]["archive_arn"], format!("arn:aws:events:us-east-1:123456789012:archive/{}", f.archive));
    assert_eq!(shown[0]["destination_arn"], f.bus_arn.as_str());
    assert_eq!(shown[0]["filter_arns"], serde_json::json!([]));
    assert!(shown[0]["window_start"].as_str().is_some_and(|t| t.ends_with('Z')), "{}", shown[0]);
    assert!(stderr.contains(&format!("replay {name}: archive {} → every rule on {}", f.archive, f.bus)), "{stderr}");
    assert!(stderr.contains("  from  ") && stderr.contains(" local)"), "{stderr}");
    assert!(stderr.contains("warning: the window ends 0s ago: archiving lags behind the bus"), "{stderr}");
    assert!(stderr.contains(&format!("started replay {name}: STARTING\n")), "{stderr}");
    assert!(stderr.contains(&format!("replay {name}: COMPLETED\n")), "{stderr}");

    // Each archived event once more, marked with the replay's name; the unarchived one not.
    let bodies: Vec<Value> = drain_queue(&moto.endpoint, &f.queue_url)
        .iter()
        .map(|b| serde_json::from_str(b).unwrap_or_else(|e| panic!("{b}: {e}")))
        .collect();
    assert_eq!(bodies.len(), 3, "{bodies:?}");
    assert!(bodies.iter().all(|b| b["replay-name"] == name.as_str() && b["source"] == "alchemiser.execution"));

    let listed = aws_command(&moto.endpoint, dir.path(), &["replay", "list", "--prefix", &name, "-o", "json"])
        .output()
        .expect("run");
    assert_eq!(listed.status.code(), Some(0), "{}", stderr_text(&listed));
    let rows = json_lines(&listed.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["name"], name.as_str());
    assert_eq!(rows[0]["state"], "COMPLETED");
    // ListReplays does not say where a replay went.
    assert_eq!(rows[0]["destination_arn"], Value::Null);
    aws_command(&moto.endpoint, dir.path(), &["replay", "list", "--prefix", &name])
        .assert()
        .success()
        .stdout(predicate::str::contains(&name).and(predicate::str::contains(&f.archive)));

    let status =
        aws_command(&moto.endpoint, dir.path(), &["replay", "status", &name, "-o", "json"]).output().expect("run");
    assert_eq!(status.status.code(), Some(0), "{}", stderr_text(&status));
    let status = &json_lines(&status.stdout)[0];
    assert_eq!(status["arn"], format!("arn:aws:events:us-east-1:123456789012:replay/{name}"));
    assert_eq!(status["state"], "COMPLETED");
    assert_eq!(status["destination_arn"], f.bus_arn.as_str());
    assert_eq!(status["window_start"], shown[0]["window_start"]);
    assert_eq!(status["window_end"], shown[0]["window_end"]);
    assert!(status["replay_end"].is_string(), "{status}");
    assert!(status.get("dry_run").is_none(), "{status}");
}

/// The same through a real connection: the proxy delivers StartReplay to moto and drops the
/// answer; the replay started, and the command says so (exit 0), rather than "failed".
#[test]
fn a_start_whose_answer_is_lost_is_found_running() {
    let moto = Moto::start();
    let f = fixture(&moto);
    let proxy = common::proxy::Proxy::start(&moto.endpoint, |_, request| {
        if request.target == "AWSEvents.StartReplay" {
            common::proxy::Fault::DropAnswer
        } else {
            common::proxy::Fault::Pass
        }
    });
    let name = unique("lost-answer");
    let dir = tempdir();
    let output = aws_command(
        &proxy.endpoint,
        dir.path(),
        &replay_args(&f, &["--name", &name, "--until", "15m", "--yes", "-o", "json"]),
    )
    .assert()
    .code(0)
    .get_output()
    .clone();
    let err = stderr_text(&output);
    assert!(err.contains("DescribeReplay shows that the replay started"), "{err}");
    assert_eq!(proxy.count("AWSEvents.StartReplay"), 1, "never resent");
    assert_eq!(json_lines(&output.stdout)[0]["name"], name.as_str());
}

#[test]
fn a_dry_run_resolves_every_arn_and_starts_nothing() {
    let moto = Moto::start();
    let dir = tempdir();
    let f = fixture(&moto);
    put_events(&moto, &f.bus, 2);
    drain_queue(&moto.endpoint, &f.queue_url);
    let name = unique("dry");

    let output = aws_command(
        &moto.endpoint,
        dir.path(),
        &replay_args(&f, &["--until", "15m", "--rule", &f.rule, "--dry-run", "--name", &name, "-o", "json"]),
    )
    .output()
    .expect("run");
    let stderr = stderr_text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let plan = &json_lines(&output.stdout)[0];
    assert_eq!(plan["dry_run"], true);
    assert_eq!(plan["state"], Value::Null);
    assert_eq!(plan["destination_arn"], f.bus_arn.as_str());
    assert_eq!(
        plan["filter_arns"],
        serde_json::json!([format!("arn:aws:events:us-east-1:123456789012:rule/{}/{}", f.bus, f.rule)])
    );
    assert!(stderr.contains(&format!("→ only {} on {}", f.rule, f.bus)), "{stderr}");
    assert!(stderr.contains("(45m)"), "{stderr}");
    // The window ends 15 minutes ago: past the archive's lag.
    assert!(!stderr.contains("warning:"), "{stderr}");
    assert!(stderr.contains("dry run: nothing started"), "{stderr}");

    aws_command(&moto.endpoint, dir.path(), &["replay", "list", "--prefix", &name, "-o", "json"])
        .assert()
        .success()
        .stdout("");
    assert!(drain_queue(&moto.endpoint, &f.queue_url).is_empty());
}

#[test]
fn starting_off_a_terminal_needs_yes() {
    let dir = tempdir();
    // Refused before any AWS call: the port is never reached.
    aws_command("http://127.0.0.1:9", dir.path(), &["replay", "--since", "1h", "--name", "r1"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: refusing to start replay r1 without confirmation: replayed events run their handlers again (command-path events trade again) and there is no terminal to ask on; pass --yes (or --dry-run to preview)\n",
        );
    aws_command("http://127.0.0.1:9", dir.path(), &["replay", "cancel", "r1"])
        .assert()
        .code(2)
        .stderr("error: refusing to cancel replay r1 without confirmation: no terminal to ask on; pass --yes\n");
}

/// `replay` alone says what it needs and lists its subcommands; `archives` alone lists.
#[test]
fn bare_replay_explains_and_bare_archives_lists() {
    let moto = Moto::start();
    let f = fixture(&moto);
    let dir = tempdir();
    let output = aws_command(&moto.endpoint, dir.path(), &["replay"]).assert().code(2).get_output().clone();
    let help = stderr_text(&output);
    assert!(help.contains("--since TIME") && help.contains("list, status NAME, cancel NAME"), "{help}");
    let output =
        aws_command(&moto.endpoint, dir.path(), &["archives", "-o", "json"]).assert().code(0).get_output().clone();
    assert!(json_lines(&output.stdout).iter().any(|a| a["name"] == f.archive.as_str()));
}

#[test]
fn bad_flags_exit_2_saying_what_is_accepted() {
    let dir = tempdir();
    let run = |args: &[&str]| aws_command("http://127.0.0.1:9", dir.path(), args).assert().code(2).stdout("");
    run(&["replay", "--since", "yesterday", "--yes"]).stderr(predicate::str::starts_with(
        "error: --since: \"yesterday\" is not a time: use 30s, 5m, 2h, 1d, 1w, now, epoch seconds, or ISO 8601",
    ));
    run(&["replay", "--since", "1h", "--until", "2h", "--yes"])
        .stderr(predicate::str::contains("must be before --until"));
    run(&["replay", "--since", "1h", "--name", "nightly run", "--yes"])
        .stderr(predicate::str::contains("' ' is not allowed in a replay name: use only A-Z a-z 0-9 . - _"));
    run(&["replay", "--since", "1h", "--name", &"r".repeat(65), "--yes"])
        .stderr(predicate::str::contains("a replay name is 1 to 64 characters long, this one has 65"));
    run(&["replay", "--since", "1h", "--yes", "list"]).stderr(predicate::str::starts_with(
        "error: --since, --yes (for starting a replay) cannot be used with `replay list`",
    ));
}

#[test]
fn an_unknown_rule_exits_6_naming_it_and_starts_nothing() {
    let moto = Moto::start();
    let dir = tempdir();
    let f = fixture(&moto);
    let name = unique("unknown-rule");
    aws_command(&moto.endpoint, dir.path(), &replay_args(&f, &["--rule", "no-such-rule", "--yes", "--name", &name]))
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "error: DescribeRule no-such-rule on bus {}: not found (ResourceNotFoundException: Rule no-such-rule does not exist.)",
            f.bus
        )));
    aws_command(&moto.endpoint, dir.path(), &["replay", "list", "--prefix", &name, "-o", "json"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn an_archive_of_another_bus_is_refused() {
    let moto = Moto::start();
    let dir = tempdir();
    let f = fixture(&moto);
    let other = unique("other-bus");
    runtime().block_on(async { create_bus(&moto.events().await, &other).await });
    for bus in [other.as_str(), "no-such-bus"] {
        aws_command(
            &moto.endpoint,
            dir.path(),
            &["replay", "--since", "1h", "--archive", &f.archive, "--bus", bus, "--yes"],
        )
        .assert()
        .code(2)
        .stderr(format!(
            "error: archive {} records bus {}, not {bus}: a replay goes back to its archive's own bus (cross-bus replay is not permitted); pass --bus {}\n",
            f.archive, f.bus, f.bus
        ));
    }
    aws_command(&moto.endpoint, dir.path(), &["replay", "--since", "1h", "--archive", "no-such-archive", "--yes"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("error: DescribeArchive archive no-such-archive: not found"));
}

#[test]
fn cancel_with_yes_asks_eventbridge() {
    let moto = Moto::start();
    let dir = tempdir();
    let f = fixture(&moto);
    let name = unique("cancel");
    aws_command(&moto.endpoint, dir.path(), &replay_args(&f, &["--yes", "--name", &name])).assert().success();
    // moto answers CANCELLING even for its already COMPLETED replay; AWS refuses that with
    // IllegalStatusException (exit 7), as moto does for a second cancel.
    let output = aws_command(&moto.endpoint, dir.path(), &["replay", "cancel", &name, "--yes", "-o", "json"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_text(&output));
    assert_eq!(json_lines(&output.stdout)[0]["state"], "CANCELLING");
    aws_command(&moto.endpoint, dir.path(), &["replay", "cancel", &name, "--yes"])
        .assert()
        .code(7)
        .stderr(predicate::str::contains(format!("error: CancelReplay replay {name}: failed (IllegalStatusException")));
}

#[test]
fn archives_list_shows_counts_retention_and_source_bus() {
    let moto = Moto::start();
    let dir = tempdir();
    let f = fixture(&moto);
    put_events(&moto, &f.bus, 4);

    let output = aws_command(&moto.endpoint, dir.path(), &["archives", "list", "--prefix", &f.archive, "-o", "json"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_text(&output));
    let rows = json_lines(&output.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["name"], f.archive.as_str());
    assert_eq!(rows[0]["state"], "ENABLED");
    assert_eq!(rows[0]["event_count"], 4, "the event outside the pattern is not archived");
    assert_eq!(rows[0]["retention_days"], 365);
    assert_eq!(rows[0]["source_arn"], f.bus_arn.as_str());

    aws_command(&moto.endpoint, dir.path(), &["archives", "list", "--prefix", &f.archive]).assert().success().stdout(
        predicate::str::contains(&f.archive)
            .and(predicate::str::contains(&f.bus))
            .and(predicate::str::contains("365 days"))
            .and(predicate::str::contains("┆ 4 ")),
    );
    aws_command(&moto.endpoint, dir.path(), &["archives", "list", "--prefix", "no-such-archive-"])
        .assert()
        .success()
        .stdout("")
        .stderr("no archives\n");
}

/// In process, against canned HTTP answers: what moto cannot produce.
mod replayed {
    use super::*;

    use std::time::Duration;

    use alchemiser::aws::AwsContext;
    use alchemiser::cli::Globals;
    use alchemiser::commands::Interrupts;
    use alchemiser::commands::replay::{self, Io, ReplayError, StartOptions, Started, WaitOptions, Waited, Window};
    use alchemiser::exit::Exit;
    use alchemiser::render::{OutputFormat, Style};
    use alchemiser::routing::Stage;

    use aws_sdk_eventbridge::config::http::HttpRequest;
    use aws_smithy_http_client::test_util::{ReplayEvent, StaticReplayClient};

    use jiff::Timestamp;
    use jiff::tz::TimeZone;

    const BUS: &str = "alchemiser-trading-events-prod";
    const BUS_ARN: &str = "arn:aws:events:us-east-1:123456789012:event-bus/alchemiser-trading-events-prod";
    const ARCHIVE_ARN: &str = "arn:aws:events:us-east-1:123456789012:archive/alchemiser-event-archive-prod";
    /// 2025-10-14T10:00:00Z and 12:00:00Z, as the JSON protocol sends times.
    const START: i64 = 1_760_436_000;
    const END: i64 = 1_760_443_200;

    fn answer_with(status: u16, body: Value) -> ReplayEvent {
        common::replay_answer(status, &body.to_string())
    }

    fn answer(body: Value) -> ReplayEvent {
        answer_with(200, body)
    }

    /// A DescribeReplay answer: `reached` minutes into the window, if any.
    fn described(state: &str, reached: Option<i64>, reason: Option<&str>) -> ReplayEvent {
        let mut body = serde_json::json!({
            "ReplayName": "r", "ReplayArn": "arn:aws:events:us-east-1:123456789012:replay/r", "State": state,
            "EventSourceArn": ARCHIVE_ARN, "Destination": {"Arn": BUS_ARN},
            "EventStartTime": START, "EventEndTime": END, "ReplayStartTime": END + 60,
        });
        if let Some(minutes) = reached {
            body["EventLastReplayedTime"] = (START + minutes * 60).into();
        }
        if let Some(reason) = reason {
            body["StateReason"] = reason.into();
        }
        answer(body)
    }

    fn window() -> Window {
        Window {
            start: Timestamp::from_second(START).expect("from_second"),
            end: Timestamp::from_second(END).expect("from_second"),
        }
    }

    async fn context(replay: &StaticReplayClient) -> AwsContext {
        let config = common::replay_config(replay).await;
        AwsContext::new(config, BUS.to_string(), "the-alchemiser-v2-lambda-prod".to_string())
    }

    /// `replay::start` of replay `r` over [`window`] in prod with `--yes`, an hour after the window;
    /// what it returned and printed on stderr.
    async fn start(aws: &AwsContext, rules: &[&str]) -> (Result<Started, ReplayError>, String) {
        let opts = StartOptions {
            name: "r".into(),
            archive: "alchemiser-event-archive-prod".into(),
            rules: rules.iter().map(|r| r.to_string()).collect(),
            window: window(),
            yes: true,
            dry_run: false,
            stage: Stage::Prod,
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut io = Io { out: &mut out, err: &mut err, confirm: None, interrupts: Interrupts::none() };
        let now = Timestamp::from_second(END + 3600).expect("from_second");
        let started = replay::start(aws, &opts, now, &TimeZone::UTC, &prod_json(), &mut io).await;
        (started, String::from_utf8_lossy(&err).into_owned())
    }

    fn prod_json() -> Globals {
        let style = Style { color: false };
        Globals { stage: Stage::Prod, stage_explicit: true, output: OutputFormat::Json, style, err_style: style }
    }

    fn body(request: &HttpRequest) -> Value {
        serde_json::from_slice(request.body().bytes().unwrap_or_default()).unwrap_or(Value::Null)
    }

    fn target(request: &HttpRequest) -> &str {
        request.headers().get("x-amz-target").unwrap_or("")
    }

    const NO_WAIT: WaitOptions = WaitOptions { interval: Duration::ZERO, progress: false };

    async fn wait_for(replay: &StaticReplayClient) -> (Result<Waited, ReplayError>, String) {
        let aws = context(replay).await;
        let mut err = Vec::new();
        let waited = replay::wait(&aws.events, "r", window(), NO_WAIT, &mut err, std::future::pending()).await;
        (waited, String::from_utf8_lossy(&err).into_owned())
    }

    #[tokio::test]
    async fn waiting_reports_each_state_with_progress_through_the_window() {
        let replay = StaticReplayClient::new(vec![
            described("STARTING", None, None),
            described("RUNNING", Some(30), None),
            described("RUNNING", Some(90), None),
            described("COMPLETED", Some(120), None),
        ]);
        let (waited, err) = wait_for(&replay).await;
        let Ok(Waited::Ended(info)) = waited else { panic!("{waited:?}") };
        assert_eq!(info.state.as_deref(), Some("COMPLETED"));
        // RUNNING twice is one state change.
        assert_eq!(
            err,
            "replay r: STARTING\n\
             replay r: RUNNING, replayed up to 2025-10-14T10:30:00Z (25%)\n\
             replay r: COMPLETED, replayed up to 2025-10-14T12:00:00Z (100%)\n"
        );
        let mut out = Vec::new();
        assert_eq!(replay::ended(&info, &mut out).ok(), Some(Exit::Success));
        assert!(out.is_empty());
        let requests: Vec<&HttpRequest> = replay.actual_requests().collect();
        assert_eq!(requests.len(), 4);
        for request in requests {
            assert_eq!(target(request), "AWSEvents.DescribeReplay");
            assert_eq!(body(request)["ReplayName"], "r");
        }
    }

    #[tokio::test]
    async fn a_failed_or_cancelled_replay_exits_1_with_its_reason() {
        for (state, reason, expected) in [
            ("FAILED", Some("Destination not found"), "error: replay r ended FAILED: Destination not found\n"),
            ("CANCELLED", None, "error: replay r ended CANCELLED: no reason given\n"),
        ] {
            let replay =
                StaticReplayClient::new(vec![described("RUNNING", Some(6), None), described(state, Some(6), reason)]);
            let (waited, err) = wait_for(&replay).await;
            let Ok(Waited::Ended(info)) = waited else { panic!("{waited:?}") };
            assert!(err.starts_with("replay r: RUNNING, replayed up to 2025-10-14T10:06:00Z (5%)\n"), "{err}");
            let mut out = Vec::new();
            assert_eq!(replay::ended(&info, &mut out).ok(), Some(Exit::Failure));
            assert_eq!(String::from_utf8_lossy(&out), expected);
        }
    }

    #[tokio::test]
    async fn a_describe_failure_stops_waiting_with_its_exit_code() {
        let denied = answer_with(400, serde_json::json!({"__type": "AccessDeniedException", "message": "no"}));
        let replay = StaticReplayClient::new(vec![described("RUNNING", None, None), denied]);
        let (waited, _) = wait_for(&replay).await;
        match waited {
            Err(ReplayError::Aws(e)) => {
                assert_eq!(e.exit, Exit::AwsAccessDenied);
                assert_eq!(e.message, "DescribeReplay replay r: access denied (AccessDeniedException: no)");
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn ctrl_c_stops_waiting_and_offers_to_cancel() {
        let replay = StaticReplayClient::new(vec![described("RUNNING", Some(10), None)]);
        let aws = context(&replay).await;
        let mut err = Vec::new();
        // A long interval: whichever comes first, the interrupt ends the wait.
        let opts = WaitOptions { interval: Duration::from_secs(3600), progress: false };
        let waited = replay::wait(&aws.events, "r", window(), opts, &mut err, std::future::ready(())).await;
        assert_eq!(waited.ok(), Some(Waited::Interrupted));

        // No terminal: say how to cancel, cancel nothing.
        let mut err = Vec::new();
        let exit = replay::interrupted(&aws.events, "r", None, &mut err).await.ok();
        assert_eq!(exit, Some(Exit::Interrupted));
        assert_eq!(
            String::from_utf8_lossy(&err),
            "interrupted: replay r goes on; cancel it with `alchemiser replay cancel r --yes` or follow it with `alchemiser replay status r`\n"
        );
        assert!(replay.actual_requests().all(|r| target(r) == "AWSEvents.DescribeReplay"));

        // The operator said yes: CancelReplay.
        let replay = StaticReplayClient::new(vec![answer(
            serde_json::json!({"ReplayArn": "arn:aws:events:us-east-1:123456789012:replay/r", "State": "CANCELLING"}),
        )]);
        let aws = context(&replay).await;
        let mut err = Vec::new();
        assert_eq!(replay::interrupted(&aws.events, "r", Some(true), &mut err).await.ok(), Some(Exit::Interrupted));
        assert!(
            String::from_utf8_lossy(&err).starts_with("replay r: CANCELLING (events already replayed stay delivered)")
        );
        let requests: Vec<&HttpRequest> = replay.actual_requests().collect();
        assert_eq!(requests.len(), 1);
        assert_eq!(target(requests[0]), "AWSEvents.CancelReplay");
        assert_eq!(body(requests[0])["ReplayName"], "r");
    }

    #[tokio::test]
    async fn start_reads_the_archive_and_delivers_to_its_bus() {
        let rule_arn = format!("arn:aws:events:us-east-1:123456789012:rule/{BUS}/alchemiser-trade-executed-prod");
        let replay = StaticReplayClient::new(vec![
            answer(serde_json::json!({"ArchiveName": "alchemiser-event-archive-prod", "ArchiveArn": ARCHIVE_ARN,
                "EventSourceArn": BUS_ARN, "State": "ENABLED", "RetentionDays": 365, "EventCount": 12, "SizeBytes": 4096})),
            answer(serde_json::json!({"Name": BUS, "Arn": BUS_ARN})),
            answer(serde_json::json!({"Name": "alchemiser-trade-executed-prod", "Arn": rule_arn, "EventBusName": BUS})),
            answer(
                serde_json::json!({"ReplayArn": "arn:aws:events:us-east-1:123456789012:replay/r", "State": "STARTING",
                "ReplayStartTime": END + 60}),
            ),
        ]);
        let aws = context(&replay).await;
        let rules = ["alchemiser-trade-executed-prod", "alchemiser-trade-executed-prod"];
        let (started, err) = start(&aws, &rules).await;
        let Ok(Started::Replay(info)) = started else { panic!("{started:?}") };
        assert_eq!(info.state.as_deref(), Some("STARTING"));
        assert_eq!(
            err,
            "replay r: archive alchemiser-event-archive-prod → only alchemiser-trade-executed-prod on alchemiser-trading-events-prod\n\
             \x20 from  2025-10-14T10:00:00Z (2025-10-14 10:00:00 UTC local)\n\
             \x20 until 2025-10-14T12:00:00Z (2025-10-14 12:00:00 UTC local)  (2h)\n\
             started replay r: STARTING\n"
        );

        let requests: Vec<&HttpRequest> = replay.actual_requests().collect();
        let targets: Vec<&str> = requests.iter().map(|r| target(r)).collect();
        assert_eq!(
            targets,
            [
                "AWSEvents.DescribeArchive",
                "AWSEvents.DescribeEventBus",
                "AWSEvents.DescribeRule",
                "AWSEvents.StartReplay"
            ]
        );
        assert_eq!(body(requests[2])["EventBusName"], BUS);
        // The archive is the source and the bus the destination (the upstream runbook swapped them).
        assert_eq!(
            body(requests[3]),
            serde_json::json!({
                "ReplayName": "r",
                "EventSourceArn": ARCHIVE_ARN,
                "EventStartTime": START,
                "EventEndTime": END,
                "Destination": {"Arn": BUS_ARN, "FilterArns": [rule_arn]},
            })
        );
    }

    /// StartReplay whose answer is lost (here a 500 after the request arrived): sent once, even
    /// with the SDK's standard retries configured, then settled by DescribeReplay.
    async fn start_with_lost_answer(
        described: Vec<ReplayEvent>,
    ) -> (Result<Started, ReplayError>, String, Vec<String>) {
        let mut answers = vec![
            answer(serde_json::json!({"ArchiveName": "alchemiser-event-archive-prod", "ArchiveArn": ARCHIVE_ARN,
                "EventSourceArn": BUS_ARN, "State": "ENABLED"})),
            answer(serde_json::json!({"Name": BUS, "Arn": BUS_ARN})),
            answer_with(500, serde_json::json!({"__type": "InternalException", "message": "slow"})),
        ];
        answers.extend(described);
        let replay = StaticReplayClient::new(answers);
        let config = common::replay_config(&replay).await.to_builder().retry_config(
            aws_config::retry::RetryConfig::standard().with_max_attempts(3).with_initial_backoff(Duration::ZERO),
        );
        let aws = AwsContext::new(config.build(), BUS.to_string(), "the-alchemiser-v2-lambda-prod".to_string());
        let (started, err) = start(&aws, &[]).await;
        let targets = replay.actual_requests().map(|r| target(r).to_string()).collect();
        (started, err, targets)
    }

    /// Seen: the SDK retried StartReplay on its own; a slow answer became
    /// `ResourceAlreadyExistsException`, exit 7, "failed", while the replay ran.
    #[tokio::test(start_paused = true)]
    async fn a_lost_start_answer_is_settled_by_describe_replay() {
        let (started, err, targets) = start_with_lost_answer(vec![described("RUNNING", Some(5), None)]).await;
        let Ok(Started::Replay(info)) = started else { panic!("{started:?}") };
        assert_eq!(info.state.as_deref(), Some("RUNNING"));
        assert_eq!(
            targets,
            [
                "AWSEvents.DescribeArchive",
                "AWSEvents.DescribeEventBus",
                "AWSEvents.StartReplay",
                "AWSEvents.DescribeReplay"
            ],
            "StartReplay is sent once"
        );
        assert!(err.contains("note: StartReplay replay r: failed (InternalException: slow); DescribeReplay shows that the replay started"), "{err}");
        assert!(err.ends_with("started replay r: RUNNING\n"), "{err}");

        // Not found at once may be a start still in progress: asked three times before "not started".
        let missing =
            || answer_with(400, serde_json::json!({"__type": "ResourceNotFoundException", "message": "no r"}));
        let (started, _, targets) = start_with_lost_answer(vec![missing(), missing(), missing()]).await;
        match started {
            Err(ReplayError::Aws(e)) => {
                assert_eq!(e.exit, Exit::AwsService);
                assert!(
                    e.message
                        .ends_with("DescribeReplay finds no replay r (asked 3 times, 2 s apart): it was not started"),
                    "{}",
                    e.message
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(targets.iter().filter(|t| t.as_str() == "AWSEvents.StartReplay").count(), 1);
        assert_eq!(targets.iter().filter(|t| t.as_str() == "AWSEvents.DescribeReplay").count(), 3);

        // Found on the second ask.
        let (started, _, _) = start_with_lost_answer(vec![missing(), described("RUNNING", None, None)]).await;
        assert!(matches!(started, Ok(Started::Replay(_))), "{started:?}");
    }

    #[tokio::test]
    async fn list_follows_next_token_and_passes_the_filters() {
        let page = |names: &[&str], token: Option<&str>| {
            let replays: Vec<Value> = names
                .iter()
                .map(|n| {
                    serde_json::json!({"ReplayName": n, "State": "FAILED", "StateReason": "boom",
                    "EventSourceArn": ARCHIVE_ARN, "EventStartTime": START, "EventEndTime": END})
                })
                .collect();
            let mut body = serde_json::json!({ "Replays": replays });
            if let Some(token) = token {
                body["NextToken"] = token.into();
            }
            answer(body)
        };
        let replay = StaticReplayClient::new(vec![page(&["a1", "a2"], Some("t1")), page(&["a3"], None)]);
        let aws = context(&replay).await;
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut io = Io { out: &mut out, err: &mut err, confirm: None, interrupts: Interrupts::none() };
        let exit = replay::list(&aws.events, Some("a"), Some("FAILED"), &prod_json(), &mut io).await.ok();
        assert_eq!(exit, Some(Exit::Success));
        let rows = json_lines(&out);
        let names: Vec<&str> = rows.iter().filter_map(|r| r["name"].as_str()).collect();
        assert_eq!(names, ["a1", "a2", "a3"]);
        assert_eq!(rows[0]["state_reason"], "boom");
        assert_eq!(rows[0]["window_start"], "2025-10-14T10:00:00Z");
        let requests: Vec<&HttpRequest> = replay.actual_requests().collect();
        assert_eq!(body(requests[0]), serde_json::json!({"NamePrefix": "a", "State": "FAILED", "Limit": 100}));
        assert_eq!(body(requests[1])["NextToken"], "t1");
    }
}

/// The capture rules left on `bus` (by name prefix).
fn captures_on(moto: &Moto, bus: &str) -> Vec<String> {
    runtime().block_on(async {
        let events = moto.events().await;
        let out =
            events.list_rules().event_bus_name(bus).name_prefix("alchemiser-preview-").send().await.expect("ListRules");
        out.rules().iter().filter_map(|r| r.name().map(str::to_string)).collect()
    })
}

/// Whether a queue of this name exists.
fn queue_exists(moto: &Moto, name: &str) -> bool {
    let out =
        common::aws_json(&moto.endpoint, "sqs", "AmazonSQS.ListQueues", &serde_json::json!({"QueueNamePrefix": name}));
    out["QueueUrls"].as_array().is_some_and(|urls| urls.iter().any(|u| u.as_str().is_some_and(|u| u.ends_with(name))))
}

#[test]
fn a_preview_counts_what_the_replay_would_do_and_leaves_nothing_behind() {
    let moto = Moto::start();
    let f = fixture(&moto);
    put_events(&moto, &f.bus, 3);
    let dir = tempdir();
    let events_out = dir.path().join("captured.jsonl");
    let output = aws_command(&moto.endpoint, dir.path(), &replay_args(&f, &["--preview", "-o", "json"]))
        .arg("--events-out")
        .arg(&events_out)
        .output()
        .expect("run the preview");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_text(&output));
    let forecast: Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    assert_eq!(forecast["events"], 3, "{forecast}");
    assert_eq!(forecast["by_detail_type"]["TradeExecuted"], 3);
    for key in ["lambda_invocations", "trades", "live_trades", "crashes"] {
        assert!(forecast.get(key).is_some(), "{key} missing: {forecast}");
    }
    // The captured events are the replayed ones, each naming the preview's replay.
    let captured = std::fs::read_to_string(&events_out).expect("the captured events");
    let lines: Vec<Value> = captured.lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.len(), 3);
    let replay_name = lines[0]["replay-name"].as_str().expect("replay-name").to_string();
    assert!(replay_name.starts_with("alchemiser-preview-"), "{replay_name}");
    // Rule, target and queue are gone.
    assert!(captures_on(&moto, &f.bus).is_empty());
    assert!(!queue_exists(&moto, &replay_name));

    // --keep leaves them and says where.
    let output =
        aws_command(&moto.endpoint, dir.path(), &replay_args(&f, &["--preview", "--keep"])).output().expect("run");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_text(&output));
    assert!(stderr_text(&output).contains("kept: rule alchemiser-preview-"), "{}", stderr_text(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("would deliver 3 events"));
    let kept = captures_on(&moto, &f.bus);
    assert_eq!(kept.len(), 1);
    assert!(queue_exists(&moto, &kept[0]));
}

#[test]
fn a_leftover_capture_is_removed_by_the_next_preview() {
    let moto = Moto::start();
    let f = fixture(&moto);
    put_events(&moto, &f.bus, 1);
    let old = format!("alchemiser-preview-20200101000000-{:06}", std::process::id() % 1_000_000);
    create_queue(&moto.endpoint, &old);
    runtime().block_on(async {
        put_rule(&moto.events().await, &f.bus, &old, r#"{"replay-name":["x"]}"#, RuleState::Enabled).await;
    });
    let dir = tempdir();
    let output = aws_command(&moto.endpoint, dir.path(), &replay_args(&f, &["--preview"])).output().expect("run");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_text(&output));
    assert!(stderr_text(&output).contains(&format!("removed {old}")), "{}", stderr_text(&output));
    assert!(captures_on(&moto, &f.bus).is_empty());
    assert!(!queue_exists(&moto, &old));
}

/// An old capture whose replay is still running (ListReplays answered through a real
/// connection: moto's replays do not run) is another preview at work: it is kept.
#[test]
fn an_old_capture_still_replaying_is_kept() {
    use common::proxy::{Fault, Proxy};
    let moto = Moto::start();
    let f = fixture(&moto);
    put_events(&moto, &f.bus, 1);
    let old = format!("alchemiser-preview-20200101000000-{:06}", std::process::id() % 1_000_000);
    create_queue(&moto.endpoint, &old);
    runtime().block_on(async {
        put_rule(&moto.events().await, &f.bus, &old, r#"{"replay-name":["x"]}"#, RuleState::Enabled).await;
    });
    let running: &'static str = format!(r#"{{"Replays":[{{"ReplayName":"{old}","State":"RUNNING"}}]}}"#).leak();
    let proxy = Proxy::start(&moto.endpoint, move |_, request| {
        if request.target == "AWSEvents.ListReplays" { Fault::Respond(200, running) } else { Fault::Pass }
    });
    let dir = tempdir();
    let output = aws_command(&proxy.endpoint, dir.path(), &replay_args(&f, &["--preview"])).output().expect("run");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_text(&output));
    assert!(!stderr_text(&output).contains(&format!("removed {old}")), "{}", stderr_text(&output));
    assert_eq!(captures_on(&moto, &f.bus), std::slice::from_ref(&old));
    assert!(queue_exists(&moto, &old));
}

/// The capture goes away when the replay fails to start (an error answered through a real
/// connection) and when Ctrl-C stops the preview while it drains.
#[test]
fn the_capture_is_removed_on_error_and_on_ctrl_c() {
    use common::proxy::{Fault, Proxy};
    let moto = Moto::start();
    let f = fixture(&moto);
    put_events(&moto, &f.bus, 2);
    let proxy = Proxy::start(&moto.endpoint, |_, request| {
        if request.target == "AWSEvents.StartReplay" {
            Fault::Respond(400, r#"{"__type":"ValidationException","message":"refused by the test"}"#)
        } else {
            Fault::Pass
        }
    });
    let dir = tempdir();
    let output = aws_command(&proxy.endpoint, dir.path(), &replay_args(&f, &["--preview"])).output().expect("run");
    assert_eq!(output.status.code(), Some(7), "{}", stderr_text(&output));
    assert!(stderr_text(&output).contains("refused by the test"), "{}", stderr_text(&output));
    assert!(captures_on(&moto, &f.bus).is_empty(), "the rule is removed after the error");
    assert_eq!(proxy.count("AmazonSQS.DeleteQueue"), 1);

    // Ctrl-C while the first receive is held up: the replay is cancelled, the capture removed.
    let proxy = Proxy::start(&moto.endpoint, |_, request| {
        if request.target == "AmazonSQS.ReceiveMessage" {
            Fault::Delay(std::time::Duration::from_secs(6))
        } else {
            Fault::Pass
        }
    });
    let mut child = common::aws_process(&proxy.endpoint, dir.path(), &replay_args(&f, &["--preview"]))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn the preview");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while proxy.count("AmazonSQS.ReceiveMessage") == 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    common::interrupt(&child);
    let status = child.wait().expect("the preview ends");
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err).expect("read stderr");
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(err.contains("interrupted: replay alchemiser-preview-"), "{err}");
    assert_eq!(proxy.count("AWSEvents.CancelReplay"), 1, "{err}");
    assert!(captures_on(&moto, &f.bus).is_empty(), "{err}");
    assert_eq!(proxy.count("AmazonSQS.DeleteQueue"), 1, "{err}");
}

/// What moto cannot check: the replay goes to the capture rule only (FilterArns), and the rule
/// matches only this replay's events.
#[test]
fn the_preview_replays_into_its_capture_rule_only() {
    use alchemiser::aws::preview::{Capture, capture_pattern};
    use alchemiser::aws::replay::{ReplayRequest, start_replay};
    use alchemiser::commands::replay::preview_request;
    let replay = aws_smithy_http_client::test_util::StaticReplayClient::new(vec![common::replay_answer(
        200,
        r#"{"ReplayArn":"arn:aws:events:us-east-1:123456789012:replay/p","State":"STARTING"}"#,
    )]);
    let planned = ReplayRequest {
        name: "alchemiser-preview-20251014120000-000001".into(),
        archive_arn: "arn:aws:events:us-east-1:123456789012:archive/a".into(),
        destination_arn: "arn:aws:events:us-east-1:123456789012:event-bus/b".into(),
        filter_arns: vec!["arn:aws:events:us-east-1:123456789012:rule/b/some-rule".into()],
        start: "2025-10-14T10:00:00Z".parse().expect("time"),
        end: "2025-10-14T11:00:00Z".parse().expect("time"),
    };
    let capture = Capture {
        name: planned.name.clone(),
        rule_arn: "arn:aws:events:us-east-1:123456789012:rule/b/alchemiser-preview-20251014120000-000001".into(),
        queue_url: "http://q".into(),
        queue_arn: "arn:aws:sqs:us-east-1:123456789012:q".into(),
    };
    runtime().block_on(async {
        let config = common::replay_config(&replay).await;
        let client = aws_sdk_eventbridge::Client::new(&config);
        start_replay(&client, &preview_request(&planned, &capture)).await.expect("StartReplay");
    });
    let requests = replay.actual_requests().collect::<Vec<_>>();
    let body: Value = serde_json::from_slice(requests[0].body().bytes().expect("a body")).expect("JSON body");
    assert_eq!(body["Destination"]["FilterArns"], serde_json::json!([capture.rule_arn]));
    assert_eq!(body["EventSourceArn"], planned.archive_arn.as_str());
    assert_eq!(capture_pattern(&planned.name), r#"{"replay-name":["alchemiser-preview-20251014120000-000001"]}"#);
}
