//! `alchemiser route` as a user runs it: inputs, outputs, errors and exit codes.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn alchemiser() -> Command {
    let mut cmd = Command::cargo_bin("alchemiser").expect("binary");
    // No configuration file of the machine's applies.
    cmd.env_remove("ALCHEMISER_STAGE").env_remove("NO_COLOR").env("XDG_CONFIG_HOME", "/nonexistent");
    cmd
}

/// The stdout of a run that must succeed.
fn stdout_of(args: &[&str]) -> Vec<u8> {
    alchemiser().args(args).assert().success().get_output().stdout.clone()
}

fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, text).unwrap_or_else(|e| panic!("write {name}: {e}"));
    path.display().to_string()
}

#[test]
fn bundled_fixtures_all_hold() {
    alchemiser()
        .args(["route", "--check", "test-events"])
        .assert()
        .success()
        .stdout(predicate::str::contains(" passed, 0 failed"));
}

#[test]
fn json_output_is_the_documented_contract() {
    let out = stdout_of(&["route", "--output", "json", "test-events/direct-trade.json"]);
    let records = json_lines(&out);
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["input"], serde_json::json!({"file": "test-events/direct-trade.json", "line": null}));
    assert_eq!(r["stage"], "dev");
    let lambda = &r["lambda"];
    for key in ["path", "response", "exception", "main_args", "handler", "dedup_key", "validation_errors"] {
        assert!(lambda.get(key).is_some(), "lambda.{key} missing");
    }
    assert_eq!(lambda["path"], "command");
    assert_eq!(lambda["main_args"], serde_json::json!(["trade"]));
    assert_eq!(r["warnings"][0]["code"], "starts_trade");
}

#[test]
fn prod_stage_predicts_live_trading() {
    let out = stdout_of(&["route", "-o", "json", "--stage", "prod", "test-events/scheduler-envelope-trade.json"]);
    let r = &json_lines(&out)[0];
    assert_eq!(r["lambda"]["response"]["trading_mode"], "live");
    assert_eq!(r["lambda"]["response"]["message"], "Live trading completed successfully");
    let codes: Vec<&str> = r["warnings"].as_array().into_iter().flatten().filter_map(|w| w["code"].as_str()).collect();
    assert!(codes.contains(&"live_trade"), "{codes:?}");
    assert!(codes.contains(&"ignored_field"), "the event asks for paper: {codes:?}");
}

#[test]
fn stage_comes_from_the_environment_too() {
    let out = alchemiser()
        .env("ALCHEMISER_STAGE", "prod")
        .args(["route", "-o", "json", "test-events/direct-trade.json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(json_lines(&out)[0]["stage"], "prod");
}

#[test]
fn a_bad_event_is_located_and_the_rest_still_predicted() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write(dir.path(), "a-good.json", r#"{"mode":"trade"}"#);
    write(dir.path(), "b-bad.json", "{\n  \"mode\": \"trade\",\n}\n");
    write(dir.path(), "c-lines.jsonl", "{\"mode\":\"bot\"}\n\n{oops}\n[1]\n");
    let assert = alchemiser().args(["route", "-o", "json"]).arg(dir.path()).assert().code(2);
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("b-bad.json:3:1: invalid JSON: Expecting property name enclosed in double quotes"),
        "{stderr}"
    );
    assert!(
        stderr.contains("c-lines.jsonl:3:2: invalid JSON: Expecting property name enclosed in double quotes"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    let records = json_lines(&output.stdout);
    let predicted = records.iter().filter(|r| r.get("lambda").is_some()).count();
    let errors = records.iter().filter(|r| r.get("error").is_some()).count();
    assert_eq!((predicted, errors), (3, 2));
}

#[test]
fn unreadable_inputs_exit_2_with_one_line_each() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let empty = write(dir.path(), "empty.json", "  \n");
    let latin1 = write(dir.path(), "latin1.json", "{\"to\": \"caf\u{e9}\"}");
    fs::write(&latin1, b"{\"to\": \"caf\xe9\"}").expect("write the fixture");
    let utf16 = dir.path().join("utf16.json");
    fs::write(&utf16, b"\xff\xfe{\x00}\x00").expect("write the fixture");
    let none = dir.path().join("empty-folder");
    fs::create_dir(&none).expect("create the folder");
    let missing = dir.path().join("missing.json");
    for (path, message) in [
        (empty.clone(), "empty.json:1:1: empty input"),
        (latin1.clone(), "latin1.json:1:12: not valid UTF-8 (byte 0xE9)"),
        (utf16.display().to_string(), "utf16.json:1:1: UTF-16 text is not supported"),
        (none.display().to_string(), "empty-folder: folder holds no event files"),
        (missing.display().to_string(), "missing.json: no such file or folder"),
    ] {
        let assert = alchemiser().args(["route", &path]).assert().code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(stderr.contains(message), "{path}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(!stderr.contains("panicked"));
    }
}

#[test]
fn stdin_takes_a_document_or_json_lines() {
    let from_stdin = |args: &[&str], input: &str| {
        json_lines(&alchemiser().args(args).write_stdin(input).assert().success().get_output().stdout)
    };
    let records = from_stdin(&["route", "-o", "json", "-"], "{\n \"mode\": \"trade\"\n}\n");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["input"]["file"], "<stdin>");
    let records = from_stdin(
        &["route", "-o", "json"],
        "{\"mode\":\"trade\"}\n{\"detail-type\":\"ErrorNotificationRequested\"}\n",
    );
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["input"]["line"], 2);
    assert_eq!(records[1]["lambda"]["path"], "circuit_breaker");
}

#[test]
fn check_reports_differences_and_exits_1() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write(dir.path(), "trade.json", r#"{"mode":"trade"}"#);
    write(dir.path(), "trade.expected.json", r#"{"lambda":{"path":"domain","main_args":["trade"]}}"#);
    let assert = alchemiser().args(["route", "--check"]).arg(dir.path()).assert().code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.contains("FAILED"), "{stdout}");
    assert!(stdout.contains("lambda.path: expected \"domain\", got \"command\""), "{stdout}");
    assert!(stdout.contains("0 passed, 1 failed"), "{stdout}");

    write(dir.path(), "other.json", "{}");
    let assert =
        alchemiser().args(["route", "--check", "-o", "json"]).arg(dir.path().join("other.json")).assert().code(1);
    let r = &json_lines(&assert.get_output().stdout)[0];
    assert_eq!(r["check"]["passed"], false);
    assert!(r["check"]["differences"][0].as_str().unwrap_or("").contains("no expected outcome recorded"));
}

#[test]
fn human_output_has_no_colour_when_piped_or_no_color() {
    for env in [None, Some("1")] {
        let mut cmd = alchemiser();
        if let Some(v) = env {
            cmd.env("NO_COLOR", v);
        }
        let out = cmd.args(["route", "test-events"]).assert().success().get_output().stdout.clone();
        assert!(!out.contains(&0x1b), "ANSI escape in piped output");
    }
    let out = stdout_of(&["route", "--color", "always", "test-events/mode-bot-still-trades.json"]);
    assert!(out.contains(&0x1b), "--color always colours warnings");
}

#[test]
fn single_event_table() {
    let out = stdout_of(&["route", "test-events/workflow-started-no-handler.json"]);
    insta::assert_snapshot!(String::from_utf8_lossy(&out));
}

#[test]
fn summary_table_for_many_events() {
    let assert = alchemiser()
        .args(["route", "test-events/batch-duplicate-event-id.jsonl", "test-events/source-number-attribute-error.json"])
        .assert()
        .success();
    let output = assert.get_output();
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stdout));
    assert_eq!(String::from_utf8_lossy(&output.stderr).trim(), "5 events: 1 start a trade, 1 crash the Lambda");
}

#[test]
fn many_events_are_counted_by_outcome_and_warning() {
    // 150 events: past the 100 listed one by one.
    let mut input = String::new();
    for i in 0..150 {
        input.push_str(match i % 3 {
            0 => "{\"mode\":\"trade\"}\n",
            1 => "{\"detail-type\":\"ErrorNotificationRequested\"}\n",
            _ => "{\"mode\":\"trade\",\"extra\":1}\n",
        });
    }
    let assert =
        alchemiser().args(["route", "--jsonl", "-"]).env("COLUMNS", "100").write_stdin(input).assert().success();
    let output = assert.get_output();
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stdout));
    assert_eq!(String::from_utf8_lossy(&output.stderr).trim(), "150 events: 50 start a trade, 0 crash the Lambda");
}

#[test]
fn an_unknown_stage_is_a_usage_error() {
    alchemiser().args(["route", "--stage", "staging", "x.json"]).assert().code(2);
}

#[test]
fn nonstandard_json_is_predicted_with_a_warning() {
    let out = alchemiser()
        .args(["route", "-o", "json", "-"])
        .write_stdin(r#"{"mode": "trade", "x": NaN}"#)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let r = &json_lines(&out)[0];
    let codes: Vec<&str> = r["warnings"].as_array().into_iter().flatten().filter_map(|w| w["code"].as_str()).collect();
    assert!(codes.contains(&"nonstandard_json"), "{codes:?}");
    assert_eq!(r["lambda"]["validation_errors"][0]["code"], "extra_forbidden");
}

/// A LIVE trade stands out: bold red with colour, and the word LIVE without it.
#[test]
fn live_trades_stand_out() {
    let run = |color: &str| {
        let assert = alchemiser()
            .args(["route", "--stage", "prod", "--color", color, "-"])
            .write_stdin(r#"{"mode":"trade"}"#)
            .assert()
            .success();
        String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
    };
    let plain = run("never");
    assert!(plain.contains("success · trade · LIVE"), "{plain}");
    assert!(!plain.contains('\x1b'), "{plain}");
    let coloured = run("always");
    let outcome = coloured.lines().find(|l| l.contains("outcome")).unwrap_or_default();
    assert!(outcome.contains("\x1b[38;5;9m\x1b[1m success · trade · LIVE"), "bold red: {outcome:?}");
    let warning = coloured.lines().find(|l| l.contains("live_trade")).unwrap_or_default();
    assert!(warning.contains("\x1b[38;5;9m\x1b[1m live_trade"), "not the yellow of other warnings: {warning:?}");
    // A paper trade keeps its plain outcome.
    let assert = alchemiser().args(["route", "--color", "always", "-"]).write_stdin(r#"{"mode":"trade"}"#).assert();
    let paper = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(paper.lines().any(|l| l.contains("outcome") && l.contains("┆ success · trade · paper")), "{paper}");
}

/// At a terminal, where stdout and stderr meet, the count line comes after the table.
#[test]
fn the_count_comes_after_the_table_at_a_terminal() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("two.jsonl");
    fs::write(&file, "{\"mode\":\"trade\"}\n{\"mode\":\"pnl\"}\n").expect("write the fixture");
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("alchemiser"));
    cmd.env("NO_COLOR", "1").arg("route").arg(&file);
    let mut session = rexpect::session::spawn_command(cmd, Some(30_000)).expect("a pty");
    // The session hands back each byte as a char: decode them as the terminal would.
    let bytes: Vec<u8> = session.exp_eof().expect("the run's output").chars().map(|c| c as u32 as u8).collect();
    let shown = String::from_utf8_lossy(&bytes);
    let table_end = shown.rfind('└').unwrap_or_else(|| panic!("no table: {shown}"));
    let count = shown.find("2 events:").unwrap_or_else(|| panic!("no count: {shown}"));
    assert!(count > table_end, "the count line before the table:\n{shown}");
}

/// `--check --record` seeds a folder of one's own events: it shows each difference, writes the
/// missing or changed expectation files, and the next `--check` holds.
#[test]
fn check_record_seeds_and_updates_expectations() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let event = dir.path().join("mine.json");
    fs::write(&event, r#"{"mode":"trade"}"#).expect("write the fixture");
    let folder = dir.path().display().to_string();
    alchemiser().args(["route", "--check", &folder]).assert().code(1);
    alchemiser()
        .args(["route", "--check", "--record", &folder])
        .assert()
        .success()
        .stdout(predicate::str::contains("no expected outcome recorded").and(predicate::str::contains("recorded ")))
        .stderr(predicate::str::contains("recorded 1 expectation file"));
    let recorded: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("mine.expected.json")).expect("recorded"))
            .expect("JSON");
    assert_eq!(recorded["lambda"]["main_args"], serde_json::json!(["trade"]));
    assert_eq!(recorded["warnings"], serde_json::json!([{"code": "starts_trade"}]));
    alchemiser()
        .args(["route", "--check", &folder])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 passed, 0 failed"));

    // The event changes: the check fails, showing the difference; --record writes the new truth.
    fs::write(&event, r#"{"mode":"bot"}"#).expect("write the fixture");
    alchemiser().args(["route", "--check", &folder]).assert().code(1);
    alchemiser().args(["route", "--check", "--record", &folder]).assert().success();
    alchemiser().args(["route", "--check", &folder]).assert().success();
    // Expectations that hold are left as they are.
    let before = fs::metadata(dir.path().join("mine.expected.json")).and_then(|m| m.modified()).expect("mtime");
    alchemiser().args(["route", "--check", "--record", &folder]).assert().success();
    let after = fs::metadata(dir.path().join("mine.expected.json")).and_then(|m| m.modified()).expect("mtime");
    assert_eq!(before, after);
    alchemiser().args(["route", "--record", &folder]).assert().code(2);
}

/// At 80 columns the tables fit, and no word is broken in the middle: a word too long for its
/// column is shortened with `…` (the JSON has everything).
#[test]
fn tables_fit_80_columns_without_breaking_words() {
    let assert = alchemiser().env("COLUMNS", "80").args(["route", "test-events/"]).assert().success();
    let table = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(table.lines().all(|l| l.chars().count() <= 80), "wider than 80:\n{table}");
    // A broken word leaves a start of it at the end of a line: every start of these words that
    // appears goes on with the word, or ends in `…`.
    let words = ["successfully", "starts_trade", "lambda_crash", "delivered_more_than_once", "ValidationError"];
    for word in words {
        let chars: Vec<char> = word.chars().collect();
        for cut in 8..chars.len() {
            let start: String = chars[..cut].iter().collect();
            for (at, _) in table.match_indices(&start) {
                let next = table[at + start.len()..].chars().next();
                assert!(next == Some(chars[cut]) || next == Some('…'), "{word} broken after {start:?}:\n{table}");
            }
        }
    }
    let assert = alchemiser().env("COLUMNS", "80").args(["route", "test-events/direct-trade.json"]).assert().success();
    let detail = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(detail.lines().all(|l| l.chars().count() <= 80), "{detail}");
    assert!(detail.contains("Paper trading completed successfully"), "{detail}");
}

/// `--record` writes only whole files: not one with an unreadable event (lines would shift),
/// not stdin; their failures still fail the run.
#[test]
fn record_leaves_files_with_unreadable_events_and_stdin_alone() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let events = dir.path().join("mixed.jsonl");
    fs::write(&events, "{\"mode\":\"trade\"}\n{nope\n{\"mode\":\"pnl\"}\n").expect("write the fixture");
    alchemiser()
        .args(["route", "--check", "--record"])
        .arg(&events)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("not recorded: it has unreadable events"));
    assert!(!dir.path().join("mixed.expected.jsonl").exists());
    alchemiser()
        .args(["route", "--check", "--record", "-"])
        .write_stdin("{\"mode\":\"trade\"}")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("not recorded: stdin has no file to record beside"));
}

/// A PutEvents entry is predicted as what sending it does (as put-events sends it), not as a
/// payload that fails validation.
#[test]
fn a_put_events_entry_is_predicted_as_the_event_the_bus_delivers() {
    let entry = r#"{"Source":"alchemiser.x","DetailType":"Foo","Detail":"{}"}"#;
    let assert = alchemiser().args(["route", "-o", "json", "-"]).write_stdin(entry).assert().success();
    let record: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).expect("JSON");
    assert_eq!(record["lambda"]["main_args"], serde_json::json!(["trade"]), "{record}");
    assert_eq!(record["bus"]["lambda_invocations"], 1, "{record}");
    let codes: Vec<&str> =
        record["warnings"].as_array().into_iter().flatten().filter_map(|w| w["code"].as_str()).collect();
    assert!(codes.contains(&"put_events_entry") && codes.contains(&"starts_trade"), "{codes:?}");
    // One PutEvents would refuse is bad input, named, and the others are still predicted.
    alchemiser()
        .args(["route", "--jsonl", "-"])
        .write_stdin(format!("{entry}\n{{\"Source\":\"aws.x\",\"DetailType\":\"T\",\"Detail\":\"{{}}\"}}\n"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<stdin>:2:1: a PutEvents entry that PutEvents would refuse"));
}

/// One invalid byte in a JSON Lines file costs that line only: it is an error naming
/// `FILE:LINE:COLUMN`, the other lines are predicted, and the exit code is 2.
#[test]
fn a_bad_byte_costs_its_own_line_only() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("mixed.jsonl");
    fs::write(&file, b"{\"mode\":\"trade\"}\n{\"mode\":\"pnl\"}\n{\"x\":\"caf\xe9\"}\n{\"mode\":\"trade\"}\n")
        .expect("write");
    let assert = alchemiser().args(["route", "-o", "json"]).arg(&file).assert().code(2);
    let output = assert.get_output();
    let records: Vec<serde_json::Value> =
        String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    let predicted: Vec<u64> =
        records.iter().filter(|r| r["lambda"].is_object()).filter_map(|r| r["input"]["line"].as_u64()).collect();
    assert_eq!(predicted, [1, 2, 4]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("mixed.jsonl:3:10: not valid UTF-8 (byte 0xE9)"), "{stderr}");
}

/// A payload of `n` keys LambdaEvent does not know: `{"k0": 0, "k1": 1, …}`.
fn unknown_keys(n: usize) -> String {
    let keys: Vec<String> = (0..n).map(|i| format!("\"k{i}\": {i}")).collect();
    format!("{{{}}}", keys.join(", "))
}

/// A payload with many unknown keys: every error is in the record, in order, and pydantic's
/// text counts and lists them all (the record is written as it is found, not built first).
#[test]
fn every_validation_error_is_written() {
    let n = 30_000;
    let out = alchemiser()
        .args(["route", "-o", "json", "-"])
        .write_stdin(format!("{}\n", unknown_keys(n)))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = json_lines(&out);
    assert_eq!(records.len(), 1);
    let lambda = &records[0]["lambda"];
    let errors = lambda["validation_errors"].as_array().expect("validation_errors");
    assert_eq!(errors.len(), n);
    assert_eq!(errors[n - 1]["loc"], serde_json::json!([format!("k{}", n - 1)]));
    assert_eq!(errors[n - 1]["input"], n - 1);
    let message = lambda["response"]["message"].as_str().expect("message");
    assert!(message.starts_with(&format!("Lambda execution critical error: {n} validation errors for LambdaEvent\n")));
    assert_eq!(message.matches("[type=extra_forbidden, input_value=").count(), n);
    assert!(
        message.ends_with("https://errors.pydantic.dev/2.12/v/extra_forbidden"),
        "{}",
        &message[message.len() - 200..]
    );
}

/// At a terminal the detail table lists the first 20 errors and says how many more JSON has.
#[test]
fn the_detail_table_lists_twenty_errors() {
    let out = alchemiser()
        .args(["route", "-"])
        .env("COLUMNS", "120")
        .write_stdin(unknown_keys(25))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("k19: Extra inputs are not permitted [extra_forbidden]"), "{text}");
    assert!(!text.contains("k20:"), "{text}");
    assert!(text.contains("… and 5 more (all of them with -o json)"), "{text}");
    assert!(text.contains("failed: 25 validation errors"), "{text}");
}
