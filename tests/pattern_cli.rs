//! `alchemiser pattern test` and the bus rules it can read, as a user runs them.

use assert_cmd::Command;

fn alchemiser() -> Command {
    let mut cmd = Command::cargo_bin("alchemiser").expect("binary");
    // No configuration file of the machine's applies.
    cmd.env_remove("ALCHEMISER_STAGE").env("XDG_CONFIG_HOME", "/nonexistent");
    cmd
}

const SIGNAL: &str = r#"{"source":"alchemiser.strategy","detail-type":"SignalGenerated","detail":{}}"#;

#[test]
fn exit_codes_say_match_no_match_invalid() {
    let pattern = r#"{"source":[{"prefix":"alchemiser."}]}"#;
    alchemiser()
        .args(["pattern", "test", "--pattern", pattern, "--event", SIGNAL])
        .assert()
        .code(0)
        .stdout("match     pattern\n");
    let other = r#"{"source":"aws.scheduler","detail-type":"Scheduled Event","detail":{}}"#;
    alchemiser()
        .args(["pattern", "test", "--pattern", pattern, "--event", other])
        .assert()
        .code(1)
        .stdout("no match  pattern\n");
    let assert =
        alchemiser().args(["pattern", "test", "--pattern", r#"{"source":"x"}"#, "--event", SIGNAL]).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    // The pattern is named once, as the option that gave it.
    assert!(stderr.starts_with("error: --pattern: Event pattern is not valid. Reason:"), "{stderr}");
    let assert = alchemiser().args(["pattern", "test", "--pattern", pattern, "--event", "{nope"]).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.starts_with("error: --event:1:2: invalid JSON"), "{stderr}");
}

#[test]
fn json_output_names_matching_rules() {
    let out = alchemiser()
        .args(["pattern", "test", "--all-rules", "--event", SIGNAL, "-o", "json", "--stage", "prod"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("parse");
    assert_eq!(v["matched"], true);
    let matched: Vec<&str> = v["rules"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["matched"] == true)
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert_eq!(matched, ["alchemiser-signal-generated-prod", "alchemiser-all-events-monitor-prod"]);
    let out = alchemiser()
        .args(["pattern", "test", "--pattern", r#"{"detail-type":["X"]}"#, "--event", SIGNAL, "-o", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8_lossy(&out), "{\"matched\":false}\n");
}

#[test]
fn patterns_and_events_come_from_files_and_stdin() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let pattern = dir.path().join("p.json");
    std::fs::write(&pattern, r#"{"detail-type":["SignalGenerated"]}"#).expect("write the fixture");
    alchemiser()
        .args(["pattern", "test", "--event", "-", "--pattern"])
        .arg(&pattern)
        .write_stdin(SIGNAL)
        .assert()
        .code(0);
    let assert =
        alchemiser().args(["pattern", "test", "--pattern", "missing.json", "--event", SIGNAL]).assert().code(2);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("pattern missing.json: no such file"));
}

#[test]
fn unknown_rule_lists_the_known_ones() {
    let assert = alchemiser().args(["pattern", "test", "--rule", "nope", "--event", SIGNAL]).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("no rule nope on alchemiser-trading-events-dev"), "{stderr}");
    assert!(stderr.contains("alchemiser-all-events-monitor-dev"), "{stderr}");
}

#[test]
fn many_events_are_matched_like_grep() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let traffic = dir.path().join("traffic.jsonl");
    std::fs::write(
        &traffic,
        concat!(
            r#"{"source":"alchemiser.strategy","detail-type":"SignalGenerated","detail":{"n":1}}"#,
            "\n",
            r#"{"source":"aws.scheduler","detail-type":"Scheduled Event","detail":{}}"#,
            "\n",
            r#"{"source":"alchemiser.execution","detail-type":"TradeExecuted","detail":{"n":2}}"#,
            "\n"
        ),
    )
    .expect("write");
    let pattern = r#"{"source":[{"prefix":"alchemiser."}]}"#;
    let run = |extra: &[&str]| {
        let mut cmd = alchemiser();
        cmd.args(["pattern", "test", "--pattern", pattern, "--events"]).arg(&traffic).args(extra);
        cmd.assert()
    };
    // Each matching event as one JSON line, ready for `route -` or `put-events -`.
    let out = run(&[]).code(0).get_output().stdout.clone();
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["detail"]["n"], 2);
    run(&["--count"]).code(0).stdout("2\n");
    run(&["--invert", "--count"]).code(0).stdout("1\n");
    let record = run(&["-o", "json", "--invert"]).code(0).get_output().stdout.clone();
    let record: serde_json::Value = serde_json::from_slice(&record).expect("one JSON record");
    assert_eq!(record["input"]["line"], 2);
    assert_eq!(record["event"]["source"], "aws.scheduler");

    // None selected: exit 1. A bad line: exit 2, the others still tested.
    alchemiser()
        .args(["pattern", "test", "--pattern", r#"{"source":["nobody"]}"#, "--count", "--events"])
        .arg(&traffic)
        .assert()
        .code(1)
        .stdout("0\n");
    let assert = alchemiser()
        .args(["pattern", "test", "--pattern", pattern, "--count", "--events", "-"])
        .write_stdin("{\"source\":\"alchemiser.x\"}\nnot json\n{\"source\":\"alchemiser.y\"}\n")
        .assert()
        .code(2)
        .stdout("2\n");
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("<stdin>:2:1: invalid JSON"));

    // Every rule of the bus, over a folder: -o json names the rules each event matched.
    let out = alchemiser()
        .args(["pattern", "test", "--all-rules", "-o", "json", "--events", "test-events/"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out).lines().next().expect("a line")).expect("JSON");
    assert!(first["matched"].as_array().is_some_and(|m| !m.is_empty()), "{first}");
}
