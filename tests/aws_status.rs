//! `alchemiser status` against a 2.27.0-shaped deployment in moto: healthy as deployed (notes
//! only, exit 0), then each kind of drift a finding (exit 1), and missing resources.

mod common;

use alchemiser::bus::RuleState;
use common::{
    ACCOUNT, Moto, PAPER, REGION, aws_command, aws_json, create_archive, create_bus, create_function_with,
    put_function_target, put_rule, unique,
};
use serde_json::Value;

/// The four 2.27.0 rules (names and patterns as the template deploys them).
const RULES: [(&str, &str); 4] = [
    ("alchemiser-signal-generated-dev", r#"{"source":["alchemiser.strategy"],"detail-type":["SignalGenerated"]}"#),
    ("alchemiser-rebalance-planned-dev", r#"{"source":["alchemiser.portfolio"],"detail-type":["RebalancePlanned"]}"#),
    ("alchemiser-trade-executed-dev", r#"{"source":["alchemiser.execution"],"detail-type":["TradeExecuted"]}"#),
    ("alchemiser-all-events-monitor-dev", r#"{"source":[{"prefix":"alchemiser."}]}"#),
];

struct Stack {
    bus: String,
    function: String,
    archive: String,
    log_group: String,
}

/// A dev stack as 2.27.0 deploys it, under unique names: bus, four rules to the function,
/// the archive (365 days), and a log group holding one ordinary invocation.
fn deploy(moto: &Moto) -> Stack {
    let stack = Stack {
        bus: format!("{}-dev", unique("status-bus")),
        function: format!("{}-dev", unique("status-fn")),
        archive: format!("{}-dev", unique("status-archive")),
        log_group: String::new(),
    };
    let stack = Stack { log_group: format!("/aws/lambda/{}", stack.function), ..stack };
    create_function_with(moto, &stack.function, PAPER);
    common::runtime().block_on(async {
        let events = moto.events().await;
        let arn = create_bus(&events, &stack.bus).await;
        for (name, pattern) in RULES {
            put_rule(&events, &stack.bus, name, pattern, RuleState::Enabled).await;
            let function_arn = format!("arn:aws:lambda:{REGION}:{ACCOUNT}:function:{}", stack.function);
            put_function_target(&events, &stack.bus, name, &function_arn).await;
        }
        create_archive(&events, &stack.archive, &arn, r#"{"source":[{"prefix":"alchemiser."}]}"#).await;
    });
    log(
        moto,
        &stack.log_group,
        &[
            "2026-12-06 12:00:00 [info     ] Parsed event to command: trade",
            "REPORT RequestId: r-1\tDuration: 12.00 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB",
        ],
    );
    stack
}

/// Writes lines to the log group (created when missing), stamped now.
fn log(moto: &Moto, group: &str, lines: &[&str]) {
    let endpoint = &moto.endpoint;
    let stream = unique("stream");
    let _ = std::panic::catch_unwind(|| {
        aws_json(endpoint, "logs", "Logs_20140328.CreateLogGroup", &serde_json::json!({"logGroupName": group}))
    });
    aws_json(
        endpoint,
        "logs",
        "Logs_20140328.CreateLogStream",
        &serde_json::json!({"logGroupName": group, "logStreamName": stream}),
    );
    let now = jiff::Timestamp::now().as_millisecond();
    let events: Vec<Value> = lines.iter().map(|m| serde_json::json!({"timestamp": now, "message": m})).collect();
    aws_json(
        endpoint,
        "logs",
        "Logs_20140328.PutLogEvents",
        &serde_json::json!({"logGroupName": group, "logStreamName": stream, "logEvents": events}),
    );
}

fn status(moto: &Moto, stack: &Stack, extra: &[&str]) -> (i32, Value, String) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut args = vec!["status", "-o", "json", "--bus", &stack.bus, "--function", &stack.function];
    args.extend(["--archive", &stack.archive, "--log-group", &stack.log_group]);
    args.extend(extra);
    let output = aws_command(&moto.endpoint, dir.path(), &args).output().expect("run status");
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (output.status.code().unwrap_or(-1), json, String::from_utf8_lossy(&output.stderr).to_string())
}

fn codes(list: &Value) -> Vec<String> {
    list.as_array().into_iter().flatten().map(|i| i["code"].as_str().unwrap_or_default().to_string()).collect()
}

#[test]
fn a_deployment_as_2_27_0_is_healthy_with_notes() {
    let moto = Moto::start();
    let stack = deploy(&moto);
    let (code, json, stderr) = status(&moto, &stack, &[]);
    assert_eq!(code, 0, "{json}\n{stderr}");
    assert_eq!(json["healthy"], true);
    assert_eq!(codes(&json["findings"]), Vec::<String>::new());
    // Properties of 2.27.0 itself: shown, but they leave the exit code alone.
    let notes = codes(&json["notes"]);
    assert!(notes.contains(&"no_failure_destination".to_string()), "{notes:?}");
    assert!(notes.contains(&"rule_never_fires".to_string()), "{notes:?}");
    assert_eq!(json["bus"]["rules"].as_array().map(Vec::len), Some(4));
    assert!(json["bus"]["rules"].as_array().into_iter().flatten().all(|r| r["as_2_27"] == true));
    assert_eq!(json["archive"]["retention_days"], 365);
    assert_eq!(json["lambda"]["trading_mode"], "paper");
    assert_eq!(json["lambda"]["app_stage"], "dev");
    assert_eq!(json["activity"]["invocations"], 1);
    assert_eq!(json["activity"]["trading_runs"], 1);
    // Nothing of the environment beyond the stage and endpoint is shown.
    assert!(!json.to_string().contains("placeholder"), "{json}");

    // The table says the same in words.
    let dir = tempfile::tempdir().expect("a temporary directory");
    let args = ["status", "--bus", &stack.bus, "--function", &stack.function, "--archive", &stack.archive];
    let out =
        aws_command(&moto.endpoint, dir.path(), &args).args(["--log-group", &stack.log_group]).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("healthy: nothing needs attention"), "{text}");
    assert!(text.contains("retried 2 times and then dropped"), "{text}");
}

#[test]
fn drift_and_errors_are_findings_with_what_to_do() {
    let moto = Moto::start();
    let stack = deploy(&moto);
    common::runtime().block_on(async {
        let events = moto.events().await;
        events
            .disable_rule()
            .event_bus_name(&stack.bus)
            .name("alchemiser-signal-generated-dev")
            .send()
            .await
            .expect("DisableRule");
        let pattern = r#"{"source":["alchemiser.portfolio_v2.handlers"],"detail-type":["RebalancePlanned"]}"#;
        put_rule(&events, &stack.bus, "alchemiser-rebalance-planned-dev", pattern, RuleState::Enabled).await;
        events.update_archive().archive_name(&stack.archive).retention_days(30).send().await.expect("UpdateArchive");
    });
    log(
        &moto,
        &stack.log_group,
        &[
            "2025-10-14 12:00:00 [error    ] Lambda execution critical error   error_message='x' error_type=ValidationError",
        ],
    );
    let (code, json, stderr) = status(&moto, &stack, &[]);
    assert_eq!(code, 1, "{json}\n{stderr}");
    assert_eq!(json["healthy"], false);
    let findings = codes(&json["findings"]);
    for expected in ["rule_disabled", "rule_drift", "archive_retention", "critical_errors"] {
        assert!(findings.contains(&expected.to_string()), "{expected} missing from {findings:?}");
    }
    let disabled = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["code"] == "rule_disabled")
        .map(|f| f["message"].as_str().unwrap_or_default().to_string())
        .unwrap_or_default();
    assert!(disabled.contains("alchemiser rules enable alchemiser-signal-generated-dev --stage dev"), "{disabled}");
}

#[test]
fn missing_resources_are_findings_and_a_live_endpoint_contradicts_dev() {
    let moto = Moto::start();
    let stack = Stack {
        bus: format!("{}-dev", unique("absent-bus")),
        function: format!("{}-dev", unique("live-fn")),
        archive: format!("{}-dev", unique("absent-archive")),
        log_group: "/aws/lambda/absent".into(),
    };
    create_function_with(
        &moto,
        &stack.function,
        &[("APP__STAGE", "dev"), ("ALPACA__ENDPOINT", "https://api.alpaca.markets")],
    );
    let (code, json, stderr) = status(&moto, &stack, &[]);
    assert_eq!(code, 1, "{json}\n{stderr}");
    let findings = codes(&json["findings"]);
    assert_eq!(findings.iter().filter(|c| *c == "missing_resource").count(), 2, "{findings:?}");
    assert!(findings.contains(&"trading_mode_mismatch".to_string()), "{findings:?}");
    assert_eq!(json["bus"]["exists"], false);
    assert_eq!(json["lambda"]["trading_mode"], "live");
}

#[test]
fn an_old_preview_capture_is_tidied_away_and_an_unreachable_endpoint_exits_4() {
    let moto = Moto::start();
    let stack = deploy(&moto);
    let old = format!("alchemiser-preview-20200101000000-{:06}", std::process::id() % 1_000_000);
    common::runtime().block_on(async {
        put_rule(&moto.events().await, &stack.bus, &old, r#"{"replay-name":["x"]}"#, RuleState::Enabled).await;
    });
    let (code, json, stderr) = status(&moto, &stack, &[]);
    assert_eq!(code, 0, "{json}\n{stderr}");
    assert!(codes(&json["notes"]).contains(&"preview_leftover_removed".to_string()), "{json}");
    let left = common::runtime().block_on(async {
        let events = moto.events().await;
        events.list_rules().event_bus_name(&stack.bus).name_prefix(&old).send().await.expect("ListRules").rules().len()
    });
    assert_eq!(left, 0);

    let dir = tempfile::tempdir().expect("a temporary directory");
    let unreachable = format!("http://127.0.0.1:{}", common::free_port());
    let output = aws_command(&unreachable, dir.path(), &["status"]).output().expect("run status");
    assert_eq!(output.status.code(), Some(4), "{}", String::from_utf8_lossy(&output.stderr));
}
