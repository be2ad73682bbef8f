//! How `route` and `put-events` read their inputs: streams, symbolic links, special files.
//! Each case ends within a time limit, so a hang fails instead of blocking the suite.

use assert_cmd::Command;
use std::fs;
use std::path::Path;
use std::time::Duration;

fn alchemiser() -> Command {
    let mut cmd = Command::cargo_bin("alchemiser").expect("binary");
    cmd.env_remove("ALCHEMISER_STAGE").env_remove("NO_COLOR").env("XDG_CONFIG_HOME", "/nonexistent");
    cmd.timeout(Duration::from_secs(30));
    cmd
}

fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

fn files_read(records: &[serde_json::Value]) -> Vec<String> {
    let mut files: Vec<String> =
        records.iter().map(|r| r["input"]["file"].as_str().unwrap_or_default().to_string()).collect();
    files.sort();
    files
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn a_bad_first_line_on_stdin_costs_that_line_only() {
    let input = b"{\"mode\": tr\n{\"mode\":\"trade\"}\n\xff\n{\"detail-type\":\"ErrorNotificationRequested\"}\n";
    let assert = alchemiser().args(["route", "-o", "json"]).write_stdin(input.to_vec()).assert().code(2);
    let out = assert.get_output();
    let records = json_lines(&out.stdout);
    let lines: Vec<_> = records.iter().map(|r| r["input"]["line"].clone()).collect();
    assert_eq!(lines, [1, 2, 3, 4].map(serde_json::Value::from));
    assert!(records[0].get("error").is_some() && records[2].get("error").is_some(), "{records:?}");
    assert_eq!(records[3]["lambda"]["path"], "circuit_breaker");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("<stdin>:1:10: invalid JSON"), "{stderr}");
    assert!(stderr.contains("<stdin>:3:1: not valid UTF-8"), "{stderr}");
}

#[test]
fn a_document_spread_over_lines_on_stdin_is_one_event() {
    let assert = alchemiser()
        .args(["route", "-o", "json"])
        .write_stdin("\n{\n  \"mode\": \"trade\",\n  \"x\": [1,\n 2]\n}\n")
        .assert()
        .success();
    let records = json_lines(&assert.get_output().stdout);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["lambda"]["validation_errors"][0]["code"], "extra_forbidden");
    // An error inside the document names its line in the stream.
    let assert = alchemiser().args(["route", "-o", "json"]).write_stdin("{\n  \"mode\": x\n}\n").assert().code(2);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("<stdin>:2:11:"));
}

#[test]
fn symbolic_links_in_folders_are_skipped_unless_followed() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let events = dir.path().join("events");
    fs::create_dir(&events).expect("mkdir");
    fs::write(events.join("trade.json"), r#"{"mode":"trade"}"#).expect("write");
    std::os::unix::fs::symlink(&events, events.join("loop")).expect("symlink");
    std::os::unix::fs::symlink(events.join("trade.json"), events.join("again.json")).expect("symlink");
    let other = dir.path().join("other");
    fs::create_dir(&other).expect("mkdir");
    fs::write(other.join("pnl.json"), r#"{"action":"pnl_analysis","pnl_type":"weekly"}"#).expect("write");
    // Two folders linking to each other.
    std::os::unix::fs::symlink(&events, other.join("to-events")).expect("symlink");
    std::os::unix::fs::symlink(&other, events.join("to-other")).expect("symlink");

    let assert = alchemiser().args(["route", "-o", "json"]).arg(&events).assert().success();
    let out = assert.get_output();
    assert_eq!(files_read(&json_lines(&out.stdout)), [events.join("trade.json").display().to_string()]);
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));

    let assert = alchemiser().args(["route", "-o", "json", "-L"]).arg(&events).assert().success();
    let out = assert.get_output();
    let files = files_read(&json_lines(&out.stdout));
    // Each file once: the link to trade.json is not read a second time.
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files.iter().any(|f| f.ends_with("pnl.json")) && files.iter().any(|f| f.ends_with(".json")));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("symbolic link loop"), "{stderr}");
    // A folder named twice, or inside one already named, is read once and is no error.
    let assert =
        alchemiser().args(["route", "-o", "json", "-L"]).arg(&events).arg(&events).arg(&other).assert().success();
    assert_eq!(files_read(&json_lines(&assert.get_output().stdout)).len(), 2);

    // put-events would send what route reads: the self-loop is one event, not 41.
    let assert = alchemiser()
        .args(["put-events", "--dry-run", "--rules", "embedded", "-o", "json", "--force", "-L"])
        .args(["--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1"])
        .env("AWS_ACCESS_KEY_ID", "t")
        .env("AWS_SECRET_ACCESS_KEY", "t")
        .arg(&events)
        .assert();
    let out = assert.get_output();
    let sent: Vec<_> = json_lines(&out.stdout).into_iter().filter(|r| r.get("input").is_some()).collect();
    assert_eq!(sent.len(), 2, "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn special_files_in_folders_are_skipped_and_named_ones_are_streams() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    fs::write(dir.path().join("a.json"), r#"{"mode":"trade"}"#).expect("write");
    mkfifo(&dir.path().join("b.jsonl"));
    let assert = alchemiser().args(["route", "-o", "json"]).arg(dir.path()).assert().success();
    let out = assert.get_output();
    assert_eq!(json_lines(&out.stdout).len(), 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("b.jsonl: not a regular file"), "{stderr}");

    // Named on the command line, a FIFO is read as it is written.
    let fifo = dir.path().join("b.jsonl");
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            fs::write(&fifo, "{\"mode\":\"trade\"}\n{\"detail-type\":\"ErrorNotificationRequested\"}\n")
                .expect("write into the FIFO")
        })
    };
    let assert = alchemiser().args(["route", "-o", "json"]).arg(&fifo).assert().success();
    writer.join().expect("writer");
    assert_eq!(json_lines(&assert.get_output().stdout).len(), 2);
}

#[test]
fn utf16_on_stdin_is_one_error() {
    let assert = alchemiser()
        .args(["route", "-o", "json"])
        .write_stdin(b"\xff\xfe{\x00}\x00\n\x00x\x00".to_vec())
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("UTF-16 text is not supported"), "{stderr}");
}
