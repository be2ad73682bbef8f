//! `--live` (rules read from the deployed bus) and `pattern test --remote`, against moto.

mod common;

use alchemiser::bus::RuleState;
use common::{Moto, aws_command, create_archive, create_bus, json_lines, put_function_target, put_rule, unique};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime")
}

/// A bus shaped like 2.27.0's, but with the all-events rule DISABLED and an archive.
fn live_bus(moto: &Moto) -> String {
    let bus = unique("live-bus");
    runtime().block_on(async {
        let events = moto.events().await;
        let arn = create_bus(&events, &bus).await;
        let exact = r#"{"source":["alchemiser.strategy"],"detail-type":["SignalGenerated"]}"#;
        put_rule(&events, &bus, "signal-generated", exact, RuleState::Enabled).await;
        put_rule(&events, &bus, "all-events", r#"{"source":[{"prefix":"alchemiser."}]}"#, RuleState::Disabled).await;
        for rule in ["signal-generated", "all-events"] {
            let function_arn = "arn:aws:lambda:us-east-1:123456789012:function:the-alchemiser-v2-lambda-dev";
            put_function_target(&events, &bus, rule, function_arn).await;
        }
        create_archive(&events, &unique("arch"), &arn, r#"{"source":[{"prefix":"alchemiser."}]}"#).await;
    });
    bus
}

#[test]
fn route_uses_the_deployed_rules_and_their_states() {
    let moto = Moto::start();
    let bus = live_bus(&moto);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let event = r#"{"source":"alchemiser.strategy_v2.handlers","detail-type":"WorkflowStarted","detail":{}}"#;
    let file = dir.path().join("e.json");
    std::fs::write(&file, event).expect("write the fixture");
    let output = aws_command(&moto.endpoint, dir.path(), &["route", "--live", "-o", "json", "--bus", &bus])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .clone();
    let record = &json_lines(&output.stdout)[0];
    let rules = &record["bus"]["rules"];
    assert_eq!(rules.as_array().map(Vec::len), Some(2), "the archive's managed rule is left out: {rules}");
    assert_eq!(record["bus"]["lambda_invocations"], 0, "the only matching rule is DISABLED");
    assert_eq!(record["bus"]["archived"], true);
    let codes: Vec<&str> =
        record["warnings"].as_array().into_iter().flatten().filter_map(|w| w["code"].as_str()).collect();
    assert!(codes.contains(&"disabled_rule_match") && codes.contains(&"not_delivered"), "{codes:?}");

    let output = aws_command(&moto.endpoint, dir.path(), &["rules", "lint", "--live", "-o", "json", "--bus", &bus])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let findings: Vec<String> = json_lines(&output.stdout)
        .iter()
        .map(|f| format!("{} {}", f["code"].as_str().unwrap_or(""), f["subject"].as_str().unwrap_or("")))
        .collect();
    assert!(findings.contains(&"disabled_rule all-events".to_string()), "{findings:?}");
    assert!(findings.contains(&"rule_never_fires signal-generated".to_string()), "{findings:?}");
    assert!(findings.contains(&"domain_type_not_delivered SignalGenerated".to_string()), "{findings:?}");
}

#[test]
fn remote_verdicts_are_shown_and_disagreements_named() {
    // moto's TestEventPattern is a stub that always answers false: a disagreement on purpose.
    let moto = Moto::start();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let output = aws_command(
        &moto.endpoint,
        dir.path(),
        &[
            "pattern",
            "test",
            "--remote",
            "--pattern",
            r#"{"source":[{"prefix":"alchemiser."}]}"#,
            "--event",
            r#"{"source":"alchemiser.x","detail-type":"T","detail":{}}"#,
        ],
    )
    .assert()
    .code(1)
    .get_output()
    .clone();
    assert_eq!(String::from_utf8_lossy(&output.stdout), "match    (AWS: no match)  pattern\n");
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("warning: pattern: the local engine says match, AWS TestEventPattern says no match")
    );
}
