//! `alchemiser rules` against the moto emulator (the binary, as an operator runs it), and the
//! failures moto cannot produce (access denied, throttling, a partial change) in process with
//! the SDK's replay HTTP client.

mod common;

use std::fs;
use std::path::Path;

use alchemiser::bus::RuleState;
use predicates::prelude::*;
use serde_json::Value;

use common::{Moto, alchemiser, create_bus, json_lines, put_rule, put_sqs_target, rule_state, unique};

/// The four rules of the deployed system (dev), with their 2.27.0 patterns.
const STAGE_RULES: [(&str, &str); 4] = [
    ("alchemiser-signal-generated-dev", r#"{"source":["alchemiser.strategy"],"detail-type":["SignalGenerated"]}"#),
    ("alchemiser-rebalance-planned-dev", r#"{"source":["alchemiser.portfolio"],"detail-type":["RebalancePlanned"]}"#),
    ("alchemiser-trade-executed-dev", r#"{"source":["alchemiser.execution"],"detail-type":["TradeExecuted"]}"#),
    ("alchemiser-all-events-monitor-dev", r#"{"source":[{"prefix":"alchemiser."}]}"#),
];

/// A fresh bus holding the four rules in the given states.
async fn stage_bus(events: &aws_sdk_eventbridge::Client, states: [RuleState; 4]) -> String {
    let bus = unique("rules-test");
    create_bus(events, &bus).await;
    for ((name, pattern), state) in STAGE_RULES.iter().zip(states) {
        put_rule(events, &bus, name, pattern, state).await;
    }
    bus
}

async fn states(events: &aws_sdk_eventbridge::Client, bus: &str) -> Vec<String> {
    let mut states = Vec::new();
    for (name, _) in STAGE_RULES {
        states.push(rule_state(events, bus, name).await);
    }
    states
}

fn stderr_text(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The snapshots in `dir` (none when no snapshot was ever written there).
fn snapshot_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("alchemiser-rules-"))
        .collect();
    names.sort();
    names
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

use RuleState::{Disabled, Enabled};

#[tokio::test]
async fn list_reads_every_page_of_a_large_bus() {
    let moto = Moto::start();
    let events = moto.events().await;
    let dir = tempdir();
    let bus = unique("rules-many");
    create_bus(&events, &bus).await;
    // ListRules serves at most 100 per page: 120 rules need two.
    for i in 0..120 {
        let state = if i % 3 == 0 { Disabled } else { Enabled };
        put_rule(&events, &bus, &format!("rule-{i:03}"), r#"{"source":["alchemiser.test"]}"#, state).await;
    }
    put_sqs_target(&events, &bus, "rule-007", "Queue", "rules-many-queue").await;

    let output = alchemiser(&moto.endpoint, dir.path()).args(["--bus", &bus, "-o", "json", "list"]).output();
    let output = output.expect("run");
    assert!(output.status.success(), "{}", stderr_text(&output));
    let lines = json_lines(&output.stdout);
    let names: Vec<&str> = lines.iter().filter_map(|l| l["name"].as_str()).collect();
    let expected: Vec<String> = (0..120).map(|i| format!("rule-{i:03}")).collect();
    assert_eq!(names, expected);
    assert_eq!(lines[3]["state"], "DISABLED");
    assert_eq!(lines[4]["state"], "ENABLED");
    assert_eq!(lines[7]["targets"][0]["id"], "Queue");
    assert_eq!(lines[7]["targets"][0]["arn"], "arn:aws:sqs:us-east-1:123456789012:rules-many-queue");
    assert_eq!(lines[0]["event_pattern"], r#"{"source":["alchemiser.test"]}"#);
    assert!(lines[0]["arn"].as_str().is_some_and(|a| a.ends_with(&format!("rule/{bus}/rule-000"))));
    assert!(stderr_text(&output).contains(&format!("120 rules on {bus} (80 enabled, 40 disabled)")));
}

#[tokio::test]
async fn list_table_with_prefix() {
    let moto = Moto::start();
    let events = moto.events().await;
    let dir = tempdir();
    let bus = stage_bus(&events, [Enabled, Enabled, Disabled, Enabled]).await;
    put_rule(&events, &bus, "someone-elses-rule", r#"{"source":["x"]}"#, Enabled).await;
    put_sqs_target(&events, &bus, "alchemiser-signal-generated-dev", "PortfolioHandler", "q1").await;

    alchemiser(&moto.endpoint, dir.path())
        .args(["--bus", &bus, "list", "--prefix", "alchemiser-"])
        .assert()
        .success()
        .stdout(predicate::str::contains("alchemiser-trade-executed-dev"))
        .stdout(predicate::str::contains("DISABLED"))
        .stdout(predicate::str::contains(r#"{"source":[{"prefix":"alchemiser."}]}"#))
        .stdout(predicate::str::contains("PortfolioHandler → sqs q1"))
        .stdout(predicate::str::contains("someone-elses-rule").not())
        .stderr(predicate::str::contains(format!("4 rules on {bus} (3 enabled, 1 disabled)")));
}

#[tokio::test]
async fn show_prints_the_pattern_and_the_targets_retry_policy_and_dlq() {
    let moto = Moto::start();
    let events = moto.events().await;
    let dir = tempdir();
    let bus = stage_bus(&events, [Enabled; 4]).await;
    let rule = "alchemiser-signal-generated-dev";
    put_sqs_target(&events, &bus, rule, "PortfolioHandler", "q1").await;

    alchemiser(&moto.endpoint, dir.path())
        .args(["--bus", &bus, "show", rule])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"detail-type\": [")) // pretty-printed
        .stdout(predicate::str::contains("target PortfolioHandler"))
        .stdout(predicate::str::contains("retries: 3, max event age 3600 s"))
        .stdout(predicate::str::contains("dead-letter queue: arn:aws:sqs:us-east-1:123456789012:q1-dlq"));

    let output = alchemiser(&moto.endpoint, dir.path()).args(["--bus", &bus, "-o", "json", "show", rule]).output();
    let output = output.expect("run");
    assert!(output.status.success(), "{}", stderr_text(&output));
    let shown = &json_lines(&output.stdout)[0];
    assert_eq!(shown["name"], rule);
    assert_eq!(shown["state"], "ENABLED");
    assert_eq!(shown["event_bus_name"], bus.as_str());
    assert_eq!(shown["targets"][0]["retry_policy"]["maximum_retry_attempts"], 3);
    assert_eq!(shown["targets"][0]["dead_letter_arn"], "arn:aws:sqs:us-east-1:123456789012:q1-dlq");
}

#[tokio::test]
async fn disable_all_snapshots_first_and_skips_managed_rules() {
    let moto = Moto::start();
    let events = moto.events().await;
    let dir = tempdir();
    let bus = stage_bus(&events, [Enabled, Enabled, Disabled, Enabled]).await;
    // An archive brings a managed rule (Events-Archive-…), which EventBridge refuses to change.
    let bus_arn = events
        .describe_event_bus()
        .name(&bus)
        .send()
        .await
        .ok()
        .and_then(|o| o.arn().map(str::to_string))
        .unwrap_or_else(|| panic!("DescribeEventBus {bus}"));
    let archive = unique("arch");
    events.create_archive().archive_name(&archive).event_source_arn(&bus_arn).send().await.expect("CreateArchive");
    let managed = format!("Events-Archive-{archive}");
    assert_eq!(rule_state(&events, &bus, &managed).await, "ENABLED");

    let snapshot = dir.path().join("before.json");
    let output = alchemiser(&moto.endpoint, dir.path())
        .args(["--bus", &bus, "-o", "json", "disable", "--all", "--yes", "--snapshot"])
        .arg(&snapshot)
        .output()
        .expect("run");
    let stderr = stderr_text(&output);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(states(&events, &bus).await, ["DISABLED"; 4]);
    assert_eq!(rule_state(&events, &bus, &managed).await, "ENABLED");

    let rows = json_lines(&output.stdout);
    let results: Vec<(&str, &str)> =
        rows.iter().map(|r| (r["rule"].as_str().unwrap_or(""), r["result"].as_str().unwrap_or(""))).collect();
    assert_eq!(
        results,
        [
            ("alchemiser-signal-generated-dev", "changed"),
            ("alchemiser-rebalance-planned-dev", "changed"),
            ("alchemiser-trade-executed-dev", "unchanged"),
            ("alchemiser-all-events-monitor-dev", "changed"),
        ]
    );
    assert_eq!(rows[0]["before"], "ENABLED");
    assert_eq!(rows[0]["after"], "DISABLED");

    // The snapshot holds the states from before the change, for every rule on the bus.
    let taken = read_json(&snapshot);
    assert_eq!(taken["bus"], bus.as_str());
    assert_eq!(taken["region"], "us-east-1");
    assert!(taken["taken_at"].as_str().is_some_and(|t| t.len() == 20 && t.ends_with('Z')), "{taken}");
    let recorded: Vec<(&str, &str)> = taken["rules"]
        .as_array()
        .unwrap_or_else(|| panic!("rules: {taken}"))
        .iter()
        .map(|r| (r["name"].as_str().unwrap_or(""), r["state"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(recorded.len(), 5, "{recorded:?}");
    assert!(recorded.contains(&("alchemiser-signal-generated-dev", "ENABLED")));
    assert!(recorded.contains(&("alchemiser-trade-executed-dev", "DISABLED")));
    assert!(recorded.contains(&(managed.as_str(), "ENABLED")));
    assert!(stderr.contains(&format!("snapshot: {}", snapshot.display())), "{stderr}");
    assert!(stderr.contains("3 changed, 1 already DISABLED, 0 failed"), "{stderr}");

    // An existing snapshot file is never overwritten, and then nothing changes.
    put_rule(&events, &bus, "alchemiser-signal-generated-dev", STAGE_RULES[0].1, Enabled).await;
    alchemiser(&moto.endpoint, dir.path())
        .args(["--bus", &bus, "disable", "--all", "--yes", "--snapshot"])
        .arg(&snapshot)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(rule_state(&events, &bus, "alchemiser-signal-generated-dev").await, "ENABLED");
    assert_eq!(read_json(&snapshot), taken);
}

#[tokio::test]
async fn enable_by_name_writes_the_default_snapshot_and_is_idempotent() {
    let moto = Moto::start();
    let events = moto.events().await;
    let dir = tempdir();
    let bus = stage_bus(&events, [Disabled; 4]).await;
    let first = STAGE_RULES[0].0;
    let last = STAGE_RULES[3].0;

    alchemiser(&moto.endpoint, dir.path())
        .args(["--bus", &bus, "enable", first, last, "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("┆ enabled "))
        .stderr(predicate::str::contains("2 changed, 0 already ENABLED, 0 failed"));
    assert_eq!(states(&events, &bus).await, ["ENABLED", "DISABLED", "DISABLED", "ENABLED"]);
    let files = snapshot_files(&common::snapshot_folder(dir.path()));
    assert_eq!(files.len(), 1, "{files:?}");
    let name = &files[0];
    let stamp = name.trim_start_matches(&format!("alchemiser-rules-{bus}-")).trim_end_matches(".json");
    assert!(stamp.len() == 16 && stamp.as_bytes()[8] == b'T' && stamp.ends_with('Z'), "{name}");
    assert_eq!(read_json(&common::snapshot_folder(dir.path()).join(name))["rules"][0]["state"], "DISABLED");

    // Nothing left to change: no prompt, no snapshot, success.
    alchemiser(&moto.endpoint, dir.path())
        .args(["--bus", &bus, "enable", first, last])
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing to change, 2 already ENABLED"));
    assert_eq!(snapshot_files(&common::snapshot_folder(dir.path())).len(), 1);
}

#[tokio::test]
async fn restore_puts_every_rule_back_exactly() {
    let moto = Moto::start();
    let events = moto.events().await;
    let dir = tempdir();
    let original = [Enabled, Disabled, Enabled, Disabled];
    let bus = stage_bus(&events, original).await;

    let snapshot = dir.path().join("mixed.json");
    alchemiser(&moto.endpoint, dir.path())
        .args(["--bus", &bus, "disable", "--all", "--yes", "--snapshot"])
        .arg(&snapshot)
        .assert()
        .success();
    alchemiser(&moto.endpoint, dir.path())
        .args(["--bus", &bus, "enable", STAGE_RULES[1].0, "--yes", "--snapshot"])
        .arg(dir.path().join("second.json"))
        .assert()
        .success();
    assert_eq!(states(&events, &bus).await, ["DISABLED", "ENABLED", "DISABLED", "DISABLED"]);
    // Created after the snapshot: restore lists it and leaves it alone.
    put_rule(&events, &bus, "added-later", r#"{"source":["x"]}"#, Disabled).await;

    let output = alchemiser(&moto.endpoint, dir.path())
        .args(["--bus", &bus, "-o", "json", "restore", "--yes", "--snapshot"])
        .arg(dir.path().join("before-restore.json"))
        .arg(&snapshot)
        .output()
        .expect("run");
    let stderr = stderr_text(&output);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(states(&events, &bus).await, ["ENABLED", "DISABLED", "ENABLED", "DISABLED"]);
    assert_eq!(rule_state(&events, &bus, "added-later").await, "DISABLED");
    let rows = json_lines(&output.stdout);
    let results: Vec<&str> = rows.iter().map(|r| r["result"].as_str().unwrap_or("")).collect();
    assert_eq!(results, ["changed", "changed", "changed", "unchanged", "not_in_snapshot"]);
    assert_eq!(rows[4]["rule"], "added-later");
    assert!(stderr.contains("1 rule not in the snapshot left alone"), "{stderr}");
    assert!(dir.path().join("before-restore.json").exists());
}

/// Snapshots live in the snapshot folder, not the folder the operator stands in; `rules
/// snapshots` lists them newest first and `restore --latest` takes the newest of the bus.
#[tokio::test]
async fn snapshots_are_kept_listed_and_the_latest_restored() {
    let moto = Moto::start();
    let events = moto.events().await;
    let dir = tempdir();
    let bus = stage_bus(&events, [Enabled; 4]).await;
    let first = STAGE_RULES[0].0;
    alchemiser(&moto.endpoint, dir.path()).args(["--bus", &bus, "disable", first, "--yes"]).assert().success();
    alchemiser(&moto.endpoint, dir.path()).args(["--bus", &bus, "disable", "--all", "--yes"]).assert().success();
    assert_eq!(states(&events, &bus).await, ["DISABLED"; 4]);
    assert!(snapshot_files(dir.path()).is_empty(), "nothing in the current folder");
    let kept = snapshot_files(&common::snapshot_folder(dir.path()));
    assert_eq!(kept.len(), 2, "{kept:?}");

    let output = alchemiser(&moto.endpoint, dir.path()).args(["-o", "json", "snapshots"]).assert().success();
    let listed = json_lines(&output.get_output().stdout);
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|s| s["bus"] == bus.as_str()));
    // Newest first: the second snapshot was taken after the first rule was already disabled.
    assert_eq!(listed[0]["rules"][0]["state"], "DISABLED");
    assert_eq!(listed[1]["rules"][0]["state"], "ENABLED");

    // The latest puts back the state before the last change: only the first rule disabled.
    alchemiser(&moto.endpoint, dir.path()).args(["--bus", &bus, "restore", "--latest", "--yes"]).assert().success();
    assert_eq!(states(&events, &bus).await, ["DISABLED", "ENABLED", "ENABLED", "ENABLED"]);

    // Another folder, by flag: empty there, so --latest has nothing to restore.
    let other = dir.path().join("elsewhere");
    let other = other.display().to_string();
    alchemiser(&moto.endpoint, dir.path())
        .args(["--bus", &bus, "restore", "--latest", "--yes", "--snapshot-dir", &other])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("no snapshot of bus {bus} in {other}")));
}

/// An explicit `--snapshot PATH` needs no snapshot folder (no HOME, no XDG_STATE_HOME).
#[tokio::test]
async fn an_explicit_snapshot_needs_no_home() {
    let moto = Moto::start();
    let events = moto.events().await;
    let dir = tempdir();
    let bus = stage_bus(&events, [Enabled; 4]).await;
    let path = dir.path().join("here.json");
    alchemiser(&moto.endpoint, dir.path())
        .env_remove("HOME")
        .env_remove("XDG_STATE_HOME")
        .args(["--bus", &bus, "disable", STAGE_RULES[0].0, "--yes", "--snapshot"])
        .arg(&path)
        .assert()
        .success();
    assert!(path.exists());
}

#[tokio::test]
async fn restore_reports_rules_missing_from_the_bus() {
    let moto = Moto::start();
    let events = moto.events().await;
    let dir = tempdir();
    let bus = stage_bus(&events, [Enabled; 4]).await;
    let snapshot = dir.path().join("s.json");
    alchemiser(&moto.endpoint, dir.path())
        .args(["--bus", &bus, "disable", "--all", "--yes", "--snapshot"])
        .arg(&snapshot)
        .assert()
        .success();
    let gone = STAGE_RULES[3].0;
    events.delete_rule().event_bus_name(&bus).name(gone).send().await.expect("DeleteRule");

    let output = alchemiser(&moto.endpoint, dir.path())
        .args(["--bus", &bus, "restore", "--yes", "--snapshot"])
        .arg(dir.path().join("s2.json"))
        .arg(&snapshot)
        .output()
        .expect("run");
    let stderr = stderr_text(&output);
    // Three restored, one missing: a partial change.
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("error: rule {gone} is in the snapshot but not on bus {bus}")), "{stderr}");
    assert!(stderr.contains("3 changed, 0 already in state, 1 failed"), "{stderr}");
    for (name, _) in &STAGE_RULES[..3] {
        assert_eq!(rule_state(&events, &bus, name).await, "ENABLED");
    }
}

#[tokio::test]
async fn dry_run_changes_nothing_and_writes_no_snapshot() {
    let moto = Moto::start();
    let events = moto.events().await;
    let dir = tempdir();
    let bus = stage_bus(&events, [Enabled, Disabled, Enabled, Enabled]).await;

    let output = alchemiser(&moto.endpoint, dir.path())
        .args(["--bus", &bus, "-o", "json", "disable", "--all", "--dry-run"])
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", stderr_text(&output));
    let results: Vec<String> =
        json_lines(&output.stdout).iter().map(|r| r["result"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(results, ["would_change", "unchanged", "would_change", "would_change"]);
    assert!(stderr_text(&output).contains("(dry run): 3 would change"));
    assert_eq!(states(&events, &bus).await, ["ENABLED", "DISABLED", "ENABLED", "ENABLED"]);
    assert!(snapshot_files(&common::snapshot_folder(dir.path())).is_empty());
}

#[tokio::test]
async fn changes_off_a_terminal_need_yes() {
    let moto = Moto::start();
    let events = moto.events().await;
    let dir = tempdir();
    let bus = stage_bus(&events, [Enabled; 4]).await;

    let output =
        alchemiser(&moto.endpoint, dir.path()).args(["--bus", &bus, "disable", "--all"]).output().expect("run");
    let stderr = stderr_text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&format!("refusing to disable 4 rules on {bus}")) && stderr.contains("--yes"), "{stderr}");
    assert_eq!(states(&events, &bus).await, ["ENABLED"; 4]);
    assert!(snapshot_files(&common::snapshot_folder(dir.path())).is_empty());
}

#[tokio::test]
async fn an_unknown_rule_exits_6_naming_rule_and_bus() {
    let moto = Moto::start();
    let events = moto.events().await;
    let dir = tempdir();
    let bus = stage_bus(&events, [Enabled; 4]).await;

    for args in [vec!["disable", STAGE_RULES[0].0, "no-such-rule", "--yes"], vec!["show", "no-such-rule"]] {
        let output = alchemiser(&moto.endpoint, dir.path()).args(["--bus", &bus]).args(&args).output().expect("run");
        let stderr = stderr_text(&output);
        assert_eq!(output.status.code(), Some(6), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("error: ") && stderr.contains("no-such-rule") && stderr.contains(&bus), "{stderr}");
    }
    // The valid name given beside the unknown one was not changed either.
    assert_eq!(states(&events, &bus).await, ["ENABLED"; 4]);
    assert!(snapshot_files(&common::snapshot_folder(dir.path())).is_empty());

    // A typo gets the name that exists; a rule of the other stage gets the stage.
    let typo: String = STAGE_RULES[0].0.replacen("generated", "generatd", 1);
    let other = STAGE_RULES[0].0.replace("-dev", "-prod");
    for (name, hint) in [
        (typo.as_str(), format!("did you mean {}?", STAGE_RULES[0].0)),
        (other.as_str(), "did you mean --stage prod?".to_string()),
    ] {
        for args in [vec!["disable", name, "--yes"], vec!["show", name]] {
            let output =
                alchemiser(&moto.endpoint, dir.path()).args(["--bus", &bus]).args(&args).output().expect("run");
            let stderr = stderr_text(&output);
            assert_eq!(output.status.code(), Some(6), "{args:?}: {stderr}");
            assert!(stderr.contains(&hint), "{args:?}: {stderr}");
        }
    }
}

#[test]
fn an_unreachable_endpoint_exits_4() {
    let dir = tempdir();
    let closed = format!("http://127.0.0.1:{}", common::free_port());
    let output = alchemiser(&closed, dir.path()).arg("list").output().expect("run");
    let stderr = stderr_text(&output);
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("ListRules on bus alchemiser-trading-events-dev: cannot reach the endpoint"), "{stderr}");
}

#[test]
fn a_silent_endpoint_times_out_with_exit_4() {
    let dir = tempdir();
    // Connections complete in the backlog, but nothing ever answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = silent.local_addr().expect("addr").port();
    let output = alchemiser(&format!("http://127.0.0.1:{port}"), dir.path())
        .args(["--timeout", "1", "list"])
        .output()
        .expect("run");
    let stderr = stderr_text(&output);
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("ListRules on bus alchemiser-trading-events-dev: timed out"), "{stderr}");
}

#[test]
fn no_region_exits_3() {
    let dir = tempdir();
    alchemiser("http://127.0.0.1:9", dir.path())
        .env_remove("AWS_REGION")
        .arg("list")
        .assert()
        .code(3)
        .stderr("error: no AWS region: pass --region or set AWS_REGION / a profile region\n");
}

#[test]
fn restore_refuses_a_snapshot_of_another_bus_or_a_bad_file() {
    let dir = tempdir();
    let snapshot = dir.path().join("other.json");
    let text =
        r#"{"bus":"alchemiser-trading-events-prod","region":"us-east-1","taken_at":"2026-11-29T05:41:07Z","rules":[]}"#;
    fs::write(&snapshot, text).expect("write");
    // The port is never reached: the snapshot is checked first.
    alchemiser("http://127.0.0.1:9", dir.path())
        .args(["restore", "--yes"])
        .arg(&snapshot)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is of bus alchemiser-trading-events-prod, not alchemiser-trading-events-dev: pass --bus alchemiser-trading-events-prod",
        ));
    alchemiser("http://127.0.0.1:9", dir.path())
        .args(["--region", "eu-west-1", "--bus", "alchemiser-trading-events-prod", "restore", "--yes"])
        .arg(&snapshot)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("taken in region us-east-1, not eu-west-1"));

    let bad = dir.path().join("bad.json");
    fs::write(&bad, "{\"bus\": ").expect("write");
    alchemiser("http://127.0.0.1:9", dir.path())
        .args(["restore", "--yes"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{} is not a rules snapshot: ", bad.display())));
}

/// In process, against canned HTTP answers: what moto cannot produce.
mod replayed {
    use super::*;

    use alchemiser::aws::AwsContext;
    use alchemiser::cli::{ChangeArgs, ChangeOptions, RulesCommand};
    use alchemiser::commands::Interrupts;
    use alchemiser::commands::rules::{self, Io, RulesError, RulesOptions};
    use alchemiser::exit::Exit;
    use alchemiser::render::{OutputFormat, Style};

    use aws_sdk_eventbridge::config::http::HttpRequest;
    use aws_smithy_http_client::test_util::{ReplayEvent, StaticReplayClient};

    const BUS: &str = "alchemiser-trading-events-prod";

    use common::replay_answer as answer;

    fn list_rules(names: &[&str]) -> ReplayEvent {
        let rules: Vec<Value> = names
            .iter()
            .map(|n| {
                serde_json::json!({"Name": n, "State": "ENABLED", "EventBusName": BUS,
                    "Arn": format!("arn:aws:events:us-east-1:123456789012:rule/{BUS}/{n}")})
            })
            .collect();
        answer(200, &serde_json::json!({ "Rules": rules }).to_string())
    }

    fn denied(action: &str) -> ReplayEvent {
        let message = format!("User: arn:aws:iam::123456789012:user/ops is not authorized to perform: events:{action}");
        answer(400, &serde_json::json!({"__type": "AccessDeniedException", "message": message}).to_string())
    }

    async fn context(replay: &StaticReplayClient) -> AwsContext {
        let config = common::replay_config(replay).await;
        AwsContext::new(config, BUS.to_string(), "the-alchemiser-v2-lambda-prod".to_string())
    }

    struct Run {
        result: Result<Exit, RulesError>,
        stdout: String,
        stderr: String,
    }

    async fn disable(replay: &StaticReplayClient, names: &[&str], snapshot: &Path) -> Run {
        let aws = context(replay).await;
        let command = RulesCommand::Disable(ChangeArgs {
            names: names.iter().map(|n| n.to_string()).collect(),
            all: false,
            options: ChangeOptions {
                yes: true,
                dry_run: false,
                snapshot: Some(snapshot.to_path_buf()),
                folder: Default::default(),
            },
        });
        let opts = RulesOptions { output: OutputFormat::Json, style: Style { color: false } };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut io = Io { out: &mut out, err: &mut err, confirm: None, interrupts: Interrupts::none() };
        let result = rules::run(&command, &aws, &opts, &mut io).await;
        Run {
            result,
            stdout: String::from_utf8_lossy(&out).into_owned(),
            stderr: String::from_utf8_lossy(&err).into_owned(),
        }
    }

    fn header<'a>(request: &'a HttpRequest, name: &str) -> &'a str {
        request.headers().get(name).unwrap_or("")
    }

    #[tokio::test]
    async fn a_partial_failure_reports_each_rule_and_exits_1() {
        let dir = tempdir();
        let replay =
            StaticReplayClient::new(vec![list_rules(&["rule-a", "rule-b"]), answer(200, "{}"), denied("DisableRule")]);
        let run = disable(&replay, &["rule-a", "rule-b"], &dir.path().join("s.json")).await;

        assert_eq!(run.result.as_ref().ok(), Some(&Exit::Failure), "{}", run.stderr);
        let rows = json_lines(run.stdout.as_bytes());
        assert_eq!(rows[0]["result"], "changed");
        assert_eq!(rows[0]["after"], "DISABLED");
        assert_eq!(rows[1]["result"], "failed");
        assert_eq!(rows[1]["after"], "ENABLED");
        let expected = format!(
            "DisableRule rule-b on bus {BUS}: access denied (AccessDeniedException: User: arn:aws:iam::123456789012:user/ops is not authorized to perform: events:DisableRule)"
        );
        assert_eq!(rows[1]["error"], expected.as_str());
        assert!(run.stderr.contains(&format!("error: {expected}\n")), "{}", run.stderr);
        assert!(run.stderr.contains("1 changed, 0 already DISABLED, 1 failed"), "{}", run.stderr);
        assert!(
            run.stderr.contains("partly done: to put every rule back, run `alchemiser rules restore"),
            "{}",
            run.stderr
        );

        // Both changes went to the named bus, never to `default`.
        let requests: Vec<&HttpRequest> = replay.actual_requests().collect();
        assert_eq!(requests.len(), 3);
        for request in &requests[1..] {
            assert_eq!(header(request, "x-amz-target"), "AWSEvents.DisableRule");
            let body: Value = serde_json::from_slice(request.body().bytes().unwrap_or_default()).expect("request body");
            assert_eq!(body["EventBusName"], BUS);
        }
    }

    #[tokio::test]
    async fn every_change_denied_exits_5() {
        let dir = tempdir();
        let replay = StaticReplayClient::new(vec![
            list_rules(&["rule-a", "rule-b"]),
            denied("DisableRule"),
            denied("DisableRule"),
        ]);
        let run = disable(&replay, &["rule-a", "rule-b"], &dir.path().join("s.json")).await;
        assert_eq!(run.result.as_ref().ok(), Some(&Exit::AwsAccessDenied), "{}", run.stderr);
        assert!(!run.stderr.contains("partly done"), "{}", run.stderr);
        // The snapshot was still written before the attempts.
        assert_eq!(read_json(&dir.path().join("s.json"))["rules"][1]["name"], "rule-b");
    }

    #[tokio::test]
    async fn throttling_and_denied_listing_stop_before_any_change() {
        let dir = tempdir();
        let throttled = answer(400, r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#);
        for (event, exit, text) in [
            (
                throttled,
                Exit::AwsService,
                format!("ListRules on bus {BUS}: failed (ThrottlingException: Rate exceeded)"),
            ),
            (denied("ListRules"), Exit::AwsAccessDenied, format!("ListRules on bus {BUS}: access denied")),
        ] {
            let replay = StaticReplayClient::new(vec![event]);
            let run = disable(&replay, &["rule-a"], &dir.path().join("never.json")).await;
            match run.result {
                Err(RulesError::Aws(e)) => {
                    assert_eq!(e.exit, exit);
                    assert!(e.message.starts_with(&text), "{}", e.message);
                }
                other => panic!("expected an AWS error, got {other:?}"),
            }
            assert_eq!(replay.actual_requests().count(), 1);
            assert!(!dir.path().join("never.json").exists());
        }
    }

    /// A silent endpoint is given up on when `--timeout` says, measured on a paused clock: the
    /// call ends after the timeout, not before and not long after.
    #[tokio::test(start_paused = true)]
    async fn a_silent_endpoint_is_given_up_on_at_the_timeout() {
        let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = silent.local_addr().expect("addr").port();
        let timeouts = aws_config::timeout::TimeoutConfig::builder()
            .operation_timeout(std::time::Duration::from_secs(3))
            .operation_attempt_timeout(std::time::Duration::from_secs(3))
            .build();
        let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .endpoint_url(format!("http://127.0.0.1:{port}"))
            .region(aws_config::Region::new(common::REGION))
            .credentials_provider(aws_sdk_eventbridge::config::Credentials::new("t", "t", None, None, "tests"))
            .retry_config(aws_config::retry::RetryConfig::disabled())
            .timeout_config(timeouts)
            .load()
            .await;
        let aws = AwsContext::new(config, BUS.to_string(), "the-alchemiser-v2-lambda-prod".to_string());
        let command = RulesCommand::List(alchemiser::cli::ListArgs { prefix: None });
        let opts = RulesOptions { output: OutputFormat::Json, style: Style { color: false } };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut io = Io { out: &mut out, err: &mut err, confirm: None, interrupts: Interrupts::none() };
        let started = tokio::time::Instant::now();
        let result = rules::run(&command, &aws, &opts, &mut io).await;
        let took = started.elapsed();
        match result {
            Err(RulesError::Aws(e)) => {
                assert_eq!(e.exit, Exit::AwsUnreachable);
                assert!(e.message.contains("timed out"), "{}", e.message);
            }
            other => panic!("{other:?}"),
        }
        assert!((3.0..3.5).contains(&took.as_secs_f64()), "gave up after {took:?}");
    }
}
