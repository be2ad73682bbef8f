//! The commands that act, held to their safety promises against moto: the target's stage
//! decides, the deployed rules guard, an entry's outcome is what is known (faults injected by a
//! loopback proxy), Ctrl-C keeps the record, and exit codes are as documented.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use alchemiser::bus::RuleState;
use common::proxy::{Fault, Proxy};
use common::{
    ACCOUNT, Moto, REGION, aws_command, aws_process, bus_with_queue, create_bus, create_function_with, create_queue,
    drain_queue, interrupt, json_lines, put_function_target, put_rule, put_sqs_target, runtime, safe_event, seqs,
    unique,
};

/// Starts a paper run in dev, a LIVE one in prod, when the bus delivers it to the Lambda.
const TRADE: &str = r#"{"source":"alchemiser.test","detail-type":"TestEvent","detail":{}}"#;
const PUT_EVENTS: &str = "AWSEvents.PutEvents";

fn function_arn(stage: &str) -> String {
    format!("arn:aws:lambda:{REGION}:{ACCOUNT}:function:the-alchemiser-v2-lambda-{stage}")
}

/// A bus named `…-<stage>` whose rule `rule` (with `pattern`) delivers to the stage's function
/// (created, configured as the template deploys it), and to a queue that shows what was delivered.
fn lambda_bus(moto: &Moto, stage: &str, rule: &str, pattern: &str) -> (String, String) {
    let endpoint = if stage == "prod" { "https://api.alpaca.markets" } else { "https://paper-api.alpaca.markets/v2" };
    let environment =
        [("APP__STAGE", stage), ("ALPACA__ENDPOINT", endpoint), ("ALPACA__KEY", "k"), ("ALPACA__SECRET", "s")];
    create_function_with(moto, &format!("the-alchemiser-v2-lambda-{stage}"), &environment);
    let bus = format!("{}-{stage}", unique("safety"));
    let queue = unique("safety-q");
    let url = create_queue(&moto.endpoint, &queue);
    runtime().block_on(async {
        let events = moto.events().await;
        create_bus(&events, &bus).await;
        put_rule(&events, &bus, rule, pattern, RuleState::Enabled).await;
        put_sqs_target(&events, &bus, rule, "q", &queue).await;
        put_function_target(&events, &bus, rule, &function_arn(stage)).await;
    });
    (bus, url)
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path.display().to_string()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn statuses(output: &Output) -> Vec<String> {
    json_lines(&output.stdout).iter().map(|r| r["status"].as_str().unwrap_or_default().to_string()).collect()
}

fn count(statuses: &[String], status: &str) -> usize {
    statuses.iter().filter(|s| s.as_str() == status).count()
}

/// Waits for a spawned run to end (killing it after `limit`, which fails the test).
fn finish(mut child: Child, limit: Duration) -> Output {
    let deadline = Instant::now() + limit;
    while child.try_wait().ok().flatten().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the run did not end within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("the run's output")
}

fn wait_for(what: &str, limit: Duration, done: impl Fn() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Seen: `put-events --force --bus alchemiser-trading-events-prod trade.json </dev/null` (stage
/// left at dev) put a trade-starting event on the prod bus, exit 0.
#[test]
fn a_prod_bus_is_prod_whatever_the_stage_flag_says() {
    let moto = Moto::start();
    let (bus, url) =
        lambda_bus(&moto, "prod", "alchemiser-all-events-monitor-prod", r#"{"source":[{"prefix":"alchemiser."}]}"#);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = write(dir.path(), "trade.json", TRADE);

    let output =
        aws_command(&moto.endpoint, dir.path(), &["put-events", "-o", "json", "--force", "--bus", &bus, &file])
            .write_stdin("")
            .assert()
            .code(1)
            .get_output()
            .clone();
    let record = &json_lines(&output.stdout)[0];
    assert_eq!(record["status"], "refused", "{record}");
    assert!(
        record["message"].as_str().unwrap_or_default().contains("LIVE trading run in prod; confirm with --yes"),
        "{record}"
    );
    assert!(drain_queue(&moto.endpoint, &url).is_empty(), "nothing reached the bus");

    let output =
        aws_command(&moto.endpoint, dir.path(), &["put-events", "--stage", "dev", "--force", "--bus", &bus, &file])
            .assert()
            .code(2)
            .get_output()
            .clone();
    assert!(
        stderr(&output)
            .contains(&format!("--stage dev contradicts bus {bus}, a prod resource: did you mean --stage prod?")),
        "{}",
        stderr(&output)
    );

    // Confirmed with --yes it would go (moto cannot deliver to a Lambda target, so a dry run).
    let output = aws_command(
        &moto.endpoint,
        dir.path(),
        &["put-events", "-o", "json", "--dry-run", "--force", "--yes", "--bus", &bus, &file],
    )
    .assert()
    .code(0)
    .get_output()
    .clone();
    assert_eq!(statuses(&output), ["dry_run"]);
}

/// Seen: with the deployed signal-generated rule changed to `{"detail-type":["SignalGenerated"]}`,
/// put-events sent an event that the deployed rules deliver to the Lambda and that trades.
#[test]
fn the_deployed_rules_guard_not_the_embedded_ones() {
    let moto = Moto::start();
    let (bus, url) =
        lambda_bus(&moto, "dev", "alchemiser-signal-generated-dev", r#"{"detail-type":["SignalGenerated"]}"#);
    let dir = tempfile::tempdir().expect("a temporary directory");
    // Not an alchemiser source: the 2.27.0 rules deliver it nowhere, the changed rule to the
    // Lambda, whose command path trades on its empty detail.
    let file =
        write(dir.path(), "signal.json", r#"{"source":"custom.app","detail-type":"SignalGenerated","detail":{}}"#);

    for extra in [&[][..], &["--dry-run"][..]] {
        let output = aws_command(
            &moto.endpoint,
            dir.path(),
            &[&["put-events", "-o", "json", "--bus", &bus, &file][..], extra].concat(),
        )
        .assert()
        .code(1)
        .get_output()
        .clone();
        let record = &json_lines(&output.stdout)[0];
        assert_eq!(record["status"], "refused", "{extra:?}: {record}");
        assert!(record["message"].as_str().unwrap_or_default().contains("paper trading run"), "{record}");
        assert_eq!(record["rule_set"], format!("live bus {bus}"));
        let err = stderr(&output);
        assert!(err.contains("note: the deployed rules differ from 2.27.0: rule alchemiser-signal-generated-dev matches {\"detail-type\":[\"SignalGenerated\"]}"), "{err}");
        assert!(err.contains("rule alchemiser-rebalance-planned-dev is missing"), "{err}");
    }
    assert!(drain_queue(&moto.endpoint, &url).is_empty());

    // The embedded rules would let it through: that is the difference the operator can choose.
    let output = aws_command(
        &moto.endpoint,
        dir.path(),
        &["put-events", "-o", "json", "--dry-run", "--rules", "embedded", "--bus", &bus, &file],
    )
    .assert()
    .code(0)
    .get_output()
    .clone();
    let record = &json_lines(&output.stdout)[0];
    assert_eq!((&record["status"], &record["rule_set"]), (&"dry_run".into(), &"embedded 2.27.0 default".into()));

    // A dry run that cannot reach AWS says which rules decided instead.
    let closed = format!("http://127.0.0.1:{}", common::free_port());
    let output = aws_command(&closed, dir.path(), &["put-events", "--dry-run", "--bus", &bus, &file])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(stderr(&output).contains("the dry run routes through the embedded 2.27.0 rules"), "{}", stderr(&output));
}

/// Seen: when the connection dropped after PutEvents reached the service, the entries were
/// reported `failed` and written to --failed-out; resending that file delivered them twice.
#[test]
fn a_dropped_connection_leaves_entries_unknown_and_nothing_is_sent_twice() {
    let moto = Moto::start();
    let (bus, url) = bus_with_queue(&moto);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let lines: Vec<String> = (0..60).map(safe_event).collect();
    let file = write(dir.path(), "events.jsonl", &(lines.join("\n") + "\n"));
    let (failed, unknown) = (dir.path().join("failed.jsonl"), dir.path().join("unknown.jsonl"));
    // Every third PutEvents reaches moto, which delivers it, but its answer never comes back.
    let calls = std::sync::atomic::AtomicUsize::new(0);
    let proxy = Proxy::start(&moto.endpoint, move |_, request| {
        if request.target != PUT_EVENTS {
            return Fault::Pass;
        }
        let n = calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if n % 3 == 2 { Fault::DropAnswer } else { Fault::Pass }
    });

    let output = aws_command(
        &proxy.endpoint,
        dir.path(),
        &["put-events", "-o", "json", "--concurrency", "1", "--bus", &bus, &file],
    )
    .args(["--failed-out", &failed.display().to_string(), "--unknown-out", &unknown.display().to_string()])
    .assert()
    .code(4)
    .get_output()
    .clone();
    let statuses = statuses(&output);
    assert_eq!(statuses.len(), 60);
    assert_eq!(count(&statuses, "failed"), 0, "the service got them: not `failed`");
    assert_eq!(count(&statuses, "unknown"), 20, "two of six calls lost their answer");
    assert_eq!(count(&statuses, "sent"), 40);
    assert_eq!(fs::read_to_string(&failed).ok().as_deref(), Some(""), "nothing is safe to resend");
    assert_eq!(fs::read_to_string(&unknown).map(|t| t.lines().count()).ok(), Some(20));
    let err = stderr(&output);
    assert!(err.contains("20 events may or may not have been delivered"), "{err}");

    // Resending the failed file, as the manual says, sends nothing: each event arrived once.
    aws_command(&moto.endpoint, dir.path(), &["put-events", "--bus", &bus, &failed.display().to_string()])
        .assert()
        .code(0);
    let mut delivered = seqs(&drain_queue(&moto.endpoint, &url));
    delivered.sort_unstable();
    assert_eq!(delivered, (0..60).collect::<Vec<u64>>(), "every event delivered exactly once");
}

/// Seen: a refused connection and a missing bus made put-events exit 1; the manual says 4 and 6.
#[test]
fn refused_connections_and_missing_buses_exit_4_and_6() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = write(dir.path(), "event.json", &safe_event(1));
    let closed = format!("http://127.0.0.1:{}", common::free_port());
    for rules in ["deployed", "embedded"] {
        aws_command(&closed, dir.path(), &["put-events", "--rules", rules, &file]).assert().code(4);
        let missing = unique("no-such-bus");
        let output =
            aws_command(&moto.endpoint, dir.path(), &["put-events", "--rules", rules, "--bus", &missing, &file])
                .assert()
                .code(6)
                .get_output()
                .clone();
        assert!(stderr(&output).contains(&format!("{missing}: not found")), "{}", stderr(&output));
    }
}

/// A PutEvents whose connection is refused (a real one, to a closed port) provably delivered
/// nothing: `failed`, written to --failed-out to send again, exit 4.
#[test]
fn a_refused_connection_fails_its_entries() {
    use alchemiser::commands::put_events::{PutEventsOptions, run};
    use alchemiser::commands::{Interrupts, Io};
    use alchemiser::exit::Exit;
    use alchemiser::routing::Stage;

    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = write(dir.path(), "events.jsonl", &[safe_event(1), safe_event(2)].join("\n"));
    let failed = dir.path().join("failed.jsonl");
    let opts = PutEventsOptions {
        timeout: Duration::from_secs(10),
        ..common::put_events_options(vec![file.into()], Stage::Dev, Some(failed.clone()))
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let exit = runtime().block_on(async {
        let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .endpoint_url(format!("http://127.0.0.1:{}", common::free_port()))
            .region(aws_config::Region::new(REGION))
            .credentials_provider(aws_sdk_eventbridge::config::Credentials::new("t", "t", None, None, "tests"))
            .load()
            .await;
        let client = aws_sdk_eventbridge::Client::new(&config);
        let mut io = Io { out: &mut out, err: &mut err, confirm: None, interrupts: Interrupts::none() };
        run(Some(&client), &opts, &mut std::io::empty(), &mut io).await
    });
    assert_eq!(exit.ok(), Some(Exit::AwsUnreachable));
    let records = json_lines(&out);
    assert!(records.iter().all(|r| r["status"] == "failed" && r["error_code"] == "RequestFailed"), "{records:?}");
    assert_eq!(fs::read_to_string(&failed).map(|t| t.lines().count()).ok(), Some(2));
}

/// Seen: Ctrl-C during put-events ended the process at once: no report, no summary, no
/// --failed-out, although hundreds of events were already delivered.
#[test]
fn ctrl_c_stops_starting_calls_and_keeps_the_record() {
    let moto = Moto::start();
    let (bus, url) = bus_with_queue(&moto);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let lines: Vec<String> = (0..100).map(safe_event).collect();
    let file = write(dir.path(), "events.jsonl", &lines.join("\n"));
    let failed = dir.path().join("failed.jsonl").display().to_string();
    let proxy = Proxy::start(&moto.endpoint, |_, request| {
        if request.target == PUT_EVENTS { Fault::Delay(Duration::from_millis(150)) } else { Fault::Pass }
    });

    let child = aws_process(
        &proxy.endpoint,
        dir.path(),
        &["put-events", "-o", "json", "--concurrency", "1", "--failed-out", &failed, "--bus", &bus, &file],
    )
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("spawn the process");
    wait_for("three PutEvents calls", Duration::from_secs(60), || proxy.count(PUT_EVENTS) >= 3);
    let calls_before = proxy.count(PUT_EVENTS);
    interrupt(&child);
    let output = finish(child, Duration::from_secs(60));
    assert!(proxy.count(PUT_EVENTS) <= calls_before + 1, "no call starts after Ctrl-C (one may have been on its way)");

    assert_eq!(output.status.code(), Some(130), "{}", stderr(&output));
    let statuses = statuses(&output);
    assert_eq!(statuses.len(), 100, "every input is reported");
    let sent = count(&statuses, "sent");
    assert!((20..100).contains(&sent), "{sent} sent");
    assert_eq!(count(&statuses, "unknown"), 0, "the call in flight was waited for");
    assert_eq!(count(&statuses, "failed"), 100 - sent, "the rest never started");
    assert_eq!(fs::read_to_string(&failed).map(|t| t.lines().count()).ok(), Some(100 - sent));
    let err = stderr(&output);
    assert!(err.contains("stopping: no new calls"), "{err}");
    assert!(err.contains(&format!("100 events, {sent} sent, {} failed", 100 - sent)), "{err}");

    // Sending the failed file completes the batch without a duplicate.
    aws_command(&moto.endpoint, dir.path(), &["put-events", "--bus", &bus, &failed]).assert().code(0);
    let mut delivered = seqs(&drain_queue(&moto.endpoint, &url));
    delivered.sort_unstable();
    assert_eq!(delivered, (0..100).collect::<Vec<u64>>());
}

#[test]
fn a_second_ctrl_c_quits_at_once_with_the_counts() {
    let moto = Moto::start();
    let (bus, _url) = bus_with_queue(&moto);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let lines: Vec<String> = (0..30).map(safe_event).collect();
    let file = write(dir.path(), "events.jsonl", &lines.join("\n"));
    // The first call is answered; the second never is.
    let proxy = Proxy::start(&moto.endpoint, |_, request| {
        if request.target == PUT_EVENTS && request.body.windows(21).any(|w| w == b"workflow-completed-10") {
            Fault::Hang
        } else {
            Fault::Pass
        }
    });
    let child = aws_process(
        &proxy.endpoint,
        dir.path(),
        &["put-events", "--concurrency", "1", "--timeout", "600", "--bus", &bus, &file],
    )
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("spawn the process");
    wait_for("the second call", Duration::from_secs(60), || proxy.count(PUT_EVENTS) >= 2);
    interrupt(&child);
    std::thread::sleep(Duration::from_millis(500));
    let second = Instant::now();
    interrupt(&child);
    let output = finish(child, Duration::from_secs(30));
    assert!(second.elapsed() < Duration::from_secs(10), "did not wait for the hung call");
    assert_eq!(output.status.code(), Some(130));
    let err = stderr(&output);
    assert!(err.contains("30 events, 10 sent, 10 failed, 10 unknown (not resent)"), "{err}");
}

/// Seen: when nothing failed, an existing --failed-out was left as it was, so an earlier run's
/// failures were sent again.
#[test]
fn the_out_files_are_always_replaced() {
    let moto = Moto::start();
    let (bus, url) = bus_with_queue(&moto);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = write(dir.path(), "event.json", &safe_event(7));
    let failed = write(dir.path(), "failed.jsonl", &safe_event(99));
    let unknown = write(dir.path(), "unknown.jsonl", &safe_event(98));
    aws_command(
        &moto.endpoint,
        dir.path(),
        &["put-events", "--bus", &bus, "--failed-out", &failed, "--unknown-out", &unknown, &file],
    )
    .assert()
    .code(0);
    assert_eq!(fs::read_to_string(&failed).ok().as_deref(), Some(""));
    assert_eq!(fs::read_to_string(&unknown).ok().as_deref(), Some(""));
    assert_eq!(seqs(&drain_queue(&moto.endpoint, &url)), [7]);
}

/// A reader that closes stdout early (`| head`) costs neither the out-files nor the exit code.
#[test]
fn a_closed_stdout_keeps_the_out_files_and_the_exit_code() {
    let moto = Moto::start();
    let (bus, _url) = bus_with_queue(&moto);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let lines: Vec<String> = (0..200).map(safe_event).collect();
    let file = write(dir.path(), "events.jsonl", &lines.join("\n"));
    let failed = dir.path().join("failed.jsonl").display().to_string();
    // Every PutEvents is refused: access denied, nothing delivered.
    let proxy = Proxy::start(&moto.endpoint, |_, request| {
        if request.target == PUT_EVENTS {
            Fault::Respond(400, r#"{"__type":"AccessDeniedException","message":"no"}"#)
        } else {
            Fault::Pass
        }
    });
    let mut child = aws_process(
        &proxy.endpoint,
        dir.path(),
        &["put-events", "-o", "json", "--failed-out", &failed, "--bus", &bus, &file],
    )
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("spawn the process");
    drop(child.stdout.take());
    let output = finish(child, Duration::from_secs(60));
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&failed).map(|t| t.lines().count()).ok(), Some(200));
    assert!(stderr(&output).contains("200 events, 200 failed"), "{}", stderr(&output));
}

/// Seen: `--timeout 18446744073709551615` panicked (exit 101) in rules, logs, replay, archives.
#[test]
fn numeric_options_are_range_checked() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let closed = format!("http://127.0.0.1:{}", common::free_port());
    for args in
        [&["rules", "list"][..], &["logs"], &["replay", "list"], &["archives", "list"], &["put-events", "x.json"]]
    {
        let output = aws_command(&closed, dir.path(), &[args, &["--timeout", "18446744073709551615"][..]].concat())
            .assert()
            .code(2)
            .get_output()
            .clone();
        assert!(stderr(&output).contains("--timeout"), "{args:?}: {}", stderr(&output));
    }
    aws_command(&closed, dir.path(), &["logs", "--follow", "--idle-notice", "18446744073709551615"]).assert().code(2);
}
