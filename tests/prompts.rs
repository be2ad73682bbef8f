//! Every confirmation prompt, met as a person meets it: the real binary in a pseudo-terminal,
//! the question read off the screen, `y` or `n` typed (or Ctrl-C pressed), against moto. A prompt
//! that hangs fails the test when the time limit runs out.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::proxy::{Fault, Proxy};
use common::{
    Moto, aws_process, bus_with_queue, create_bus, create_function_with, drain_queue, named_bus_with_queue, rule_state,
    runtime, unique,
};
use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

/// No prompt may take longer to show up, or to finish after its answer.
const LIMIT_MS: u64 = 30_000;
const TRADE: &str = r#"{"source":"alchemiser.test","detail-type":"TestEvent","detail":{}}"#;

fn pty(cmd: Command) -> PtySession {
    spawn_command(cmd, Some(LIMIT_MS)).expect("pty")
}

/// Waits for `question`, types `reply` (None: Ctrl-C) and returns what the terminal showed
/// after it, with the exit code.
fn answer(mut session: PtySession, question: &str, reply: Option<&str>) -> (String, i32) {
    session.exp_string(question).unwrap_or_else(|e| panic!("no question {question:?} on the terminal: {e}"));
    match reply {
        Some(reply) => session.send_line(reply).map(|_| ()),
        None => session.send_control('c'),
    }
    .expect("typing");
    let shown = session.exp_eof().expect("the command did not end after the answer");
    match session.process().wait() {
        Ok(WaitStatus::Exited(_, code)) => (shown, code),
        other => panic!("{other:?}; shown: {shown}"),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path.display().to_string()
}

/// A `…-prod` bus whose rule delivers to a queue; the embedded 2.27.0 rules make a trade on it
/// a LIVE one, so put-events asks.
fn prod_bus(moto: &Moto) -> (String, String) {
    named_bus_with_queue(moto, &format!("{}-prod", unique("prompt")))
}

/// Seen: at a terminal, `put-events --stage prod --force trade.json` asked `Send? [y/N]` and then
/// hung whatever was typed.
#[test]
fn put_events_asks_before_a_live_trade() {
    let moto = Moto::start();
    let (bus, url) = prod_bus(&moto);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = write(dir.path(), "trade.json", TRADE);
    let question = "1 event would start a LIVE trading run in prod. Send? [y/N]";
    let args = ["put-events", "--force", "--rules", "embedded", "--bus", &bus, &file];

    let (shown, code) = answer(pty(aws_process(&moto.endpoint, dir.path(), &args)), question, Some("n"));
    assert_eq!(code, 1, "{shown}");
    assert!(shown.contains("refused: live trade not confirmed"), "{shown}");
    assert!(drain_queue(&moto.endpoint, &url).is_empty());

    let (shown, code) = answer(pty(aws_process(&moto.endpoint, dir.path(), &args)), question, Some("y"));
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("1 event, 1 sent"), "{shown}");
    assert_eq!(drain_queue(&moto.endpoint, &url).len(), 1);

    // Events on stdin: the answer still comes from the terminal.
    let mut cmd =
        aws_process(&moto.endpoint, dir.path(), &["put-events", "--force", "--rules", "embedded", "--bus", &bus, "-"]);
    cmd.stdin(fs::File::open(&file).expect("open the file"));
    let (shown, code) = answer(pty(cmd), question, Some("y"));
    assert_eq!(code, 0, "{shown}");
    assert_eq!(drain_queue(&moto.endpoint, &url).len(), 1);

    // With colour (no NO_COLOR, a terminal) LIVE is bold red in the question.
    let mut cmd = aws_process(&moto.endpoint, dir.path(), &args);
    cmd.env_remove("NO_COLOR");
    let coloured = "1 event would start a \x1b[1;31mLIVE\x1b[0m trading run in prod. Send? [y/N]";
    let (_, code) = answer(pty(cmd), coloured, Some("n"));
    assert_eq!(code, 1);

    // Ctrl-C at the question sends nothing and exits 130.
    let (shown, code) = answer(pty(aws_process(&moto.endpoint, dir.path(), &args)), question, None);
    assert_eq!(code, 130, "{shown}");
    assert!(drain_queue(&moto.endpoint, &url).is_empty());
}

#[test]
fn invoke_asks_before_a_live_trade() {
    let moto = Moto::start();
    // A dev name, a live endpoint: the configuration makes it a live trade.
    let function = format!("{}-dev", unique("fn"));
    let live = [
        ("APP__STAGE", "dev"),
        ("ALPACA__ENDPOINT", "https://api.alpaca.markets"),
        ("ALPACA__KEY", "k"),
        ("ALPACA__SECRET", "s"),
    ];
    create_function_with(&moto, &function, &live);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let question = format!("Invoke {function} and start a LIVE trading run? [y/N]");
    let args = ["invoke", r#"{"mode":"trade"}"#, "--force", "--function", &function];

    let (shown, code) = answer(pty(aws_process(&moto.endpoint, dir.path(), &args)), &question, Some("n"));
    assert_eq!(code, 1, "{shown}");
    assert!(shown.contains("refused: live trade not confirmed"), "{shown}");
    assert!(!shown.contains("status "), "not invoked: {shown}");

    let (shown, _) = answer(pty(aws_process(&moto.endpoint, dir.path(), &args)), &question, Some("y"));
    assert!(shown.contains("status      200"), "invoked: {shown}");
}

#[test]
fn rules_disable_asks_and_does_what_it_is_told() {
    let moto = Moto::start();
    let (bus, _url) = bus_with_queue(&moto);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let question = format!("Disable 1 rule on {bus}? [y/N]");
    let args = ["rules", "--bus", &bus, "disable", "to-queue"];
    let state = || runtime().block_on(async { rule_state(&moto.events().await, &bus, "to-queue").await });

    let (shown, code) = answer(pty(aws_process(&moto.endpoint, dir.path(), &args)), &question, Some("n"));
    assert_eq!(code, 1, "{shown}");
    assert_eq!(state(), "ENABLED");

    let (shown, code) = answer(pty(aws_process(&moto.endpoint, dir.path(), &args)), &question, Some("y"));
    assert_eq!(code, 0, "{shown}");
    assert_eq!(state(), "DISABLED");

    // Restore asks too, and puts the snapshot's state back.
    let snapshot = fs::read_dir(common::snapshot_folder(dir.path()))
        .expect("read the folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap_or_else(|| panic!("no snapshot written"));
    let snapshot = snapshot.display().to_string();
    let mut session = pty(aws_process(&moto.endpoint, dir.path(), &["rules", "--bus", &bus, "restore", &snapshot]));
    session.exp_string("? [y/N]").expect("no restore question");
    session.send_line("y").expect("type into the terminal");
    session.exp_eof().expect("the end of the output");
    assert_eq!(state(), "ENABLED");
}

/// A bus with an archive, for replays (moto completes them at once).
fn archived_bus(moto: &Moto) -> (String, String) {
    let bus = unique("prompt-replay");
    let archive = unique("prompt-archive");
    runtime().block_on(async {
        let events = moto.events().await;
        let arn = create_bus(&events, &bus).await;
        events.create_archive().archive_name(&archive).event_source_arn(arn).send().await.expect("CreateArchive");
    });
    (bus, archive)
}

#[test]
fn replay_start_and_cancel_ask() {
    let moto = Moto::start();
    let (bus, archive) = archived_bus(&moto);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let start = |name: &str| {
        aws_process(
            &moto.endpoint,
            dir.path(),
            &["replay", "--since", "1h", "--until", "15m", "--bus", &bus, "--archive", &archive, "--name", name],
        )
    };

    let (declined, accepted) = (unique("declined"), unique("accepted"));
    let (shown, code) = answer(pty(start(&declined)), &format!("Start replay {declined}? [y/N]"), Some("n"));
    assert_eq!(code, 1, "{shown}");
    assert!(shown.contains("aborted: nothing started"), "{shown}");

    let (shown, code) = answer(pty(start(&accepted)), &format!("Start replay {accepted}? [y/N]"), Some("y"));
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains(&format!("started replay {accepted}")), "{shown}");

    let cancel = aws_process(&moto.endpoint, dir.path(), &["replay", "cancel", &accepted]);
    let question = format!("Cancel replay {accepted}? Events already replayed stay delivered. [y/N]");
    let (shown, code) = answer(pty(cancel), &question, Some("n"));
    assert_eq!(code, 1, "{shown}");
    assert!(shown.contains("aborted: nothing cancelled"), "{shown}");
}

/// Ctrl-C while `replay --wait` follows a replay asks whether to cancel it as well.
#[test]
fn ctrl_c_while_waiting_asks_whether_to_cancel() {
    let moto = Moto::start();
    let (bus, archive) = archived_bus(&moto);
    // DescribeReplay never answers, so the wait is still on when Ctrl-C comes.
    let proxy = Proxy::start(&moto.endpoint, |_, request| {
        if request.target == "AWSEvents.DescribeReplay" { Fault::Hang } else { Fault::Pass }
    });
    let dir = tempfile::tempdir().expect("a temporary directory");
    let name = unique("waited");
    let args = [
        "replay",
        "--since",
        "1h",
        "--until",
        "15m",
        "--bus",
        &bus,
        "--archive",
        &archive,
        "--name",
        &name,
        "--yes",
        "--wait",
    ];
    let mut session = pty(aws_process(&proxy.endpoint, dir.path(), &args));
    session.exp_string(&format!("started replay {name}")).expect("exp_string");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while proxy.count("AWSEvents.DescribeReplay") == 0 {
        assert!(std::time::Instant::now() < deadline, "no DescribeReplay");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    session.send_control('c').expect("press a key");
    let (shown, code) = answer(session, &format!("Cancel replay {name} as well? [y/N]"), Some("n"));
    assert_eq!(code, 130, "{shown}");
    assert!(shown.contains(&format!("stopped waiting; replay {name} goes on")), "{shown}");
}

/// At a terminal the progress bar counts events, with rate and time left.
#[test]
fn the_progress_bar_counts_events() {
    let moto = Moto::start();
    let (bus, _url) = bus_with_queue(&moto);
    // Each call a little slow, so that the bar is drawn before the run ends.
    let proxy = Proxy::start(&moto.endpoint, |_, request| {
        if request.target == "AWSEvents.PutEvents" {
            Fault::Delay(std::time::Duration::from_millis(300))
        } else {
            Fault::Pass
        }
    });
    let dir = tempfile::tempdir().expect("a temporary directory");
    let lines: Vec<String> = (0..40).map(common::safe_event).collect();
    let file = write(dir.path(), "events.jsonl", &lines.join("\n"));
    let mut session =
        pty(aws_process(&proxy.endpoint, dir.path(), &["put-events", "--concurrency", "1", "--bus", &bus, &file]));
    session.exp_regex(r"sending \d+/40 events").expect("a bar counting events");
    let shown = session.exp_eof().expect("the end of the run");
    assert!(shown.contains("40 events, 40 sent"), "{shown}");
}

/// At a terminal `replay --preview` shows the events captured so far while it drains.
#[test]
fn the_preview_shows_what_it_has_captured() {
    use alchemiser::bus::RuleState;
    let moto = Moto::start();
    let bus = common::unique("preview-pty-bus");
    let archive = common::unique("preview-pty-archive");
    let queue = common::unique("preview-pty-q");
    common::create_queue(&moto.endpoint, &queue);
    common::runtime().block_on(async {
        let events = moto.events().await;
        let arn = common::create_bus(&events, &bus).await;
        let pattern = r#"{"source":[{"prefix":"alchemiser."}]}"#;
        events
            .create_archive()
            .archive_name(&archive)
            .event_source_arn(arn)
            .event_pattern(pattern)
            .send()
            .await
            .expect("CreateArchive");
        common::put_rule(&events, &bus, "monitor", pattern, RuleState::Enabled).await;
        common::put_sqs_target(&events, &bus, "monitor", "q", &queue).await;
        let entry = aws_sdk_eventbridge::types::PutEventsRequestEntry::builder()
            .event_bus_name(&bus)
            .source("alchemiser.execution")
            .detail_type("TradeExecuted")
            .detail("{}")
            .build();
        events.put_events().entries(entry.clone()).entries(entry).send().await.expect("PutEvents");
    });
    // Each receive a little slow, so that the spinner is drawn before the preview ends.
    let proxy = Proxy::start(&moto.endpoint, |_, request| {
        if request.target == "AmazonSQS.ReceiveMessage" {
            Fault::Delay(std::time::Duration::from_millis(300))
        } else {
            Fault::Pass
        }
    });
    let dir = tempfile::tempdir().expect("a temporary directory");
    let args = ["replay", "--since", "1h", "--preview", "--bus", &bus, "--archive", &archive];
    let mut session = pty(aws_process(&proxy.endpoint, dir.path(), &args));
    session.exp_regex(r"\d+ events captured, replay").expect("a spinner counting captured events");
    let shown = session.exp_eof().expect("the end of the preview");
    assert!(shown.contains("would deliver 2 events"), "{shown}");
}
