//! `alchemiser invoke`: the Lambda's answer beside the prediction, against moto's no-Docker
//! Lambda (which returns queued canned answers) and, for the log tail and function errors moto
//! cannot produce, the SDK's replay HTTP client.

mod common;

use common::{Moto, REGION, aws_command, create_function, create_function_with, http, json_lines, runtime, unique};

/// Queues the answer moto's simple Lambda gives to the next invoke.
fn queue_answer(moto: &Moto, payload: &str) {
    let body = serde_json::json!({"results": [payload], "region": REGION}).to_string();
    let (status, text) =
        http(&moto.endpoint, "POST", "/moto-api/static/lambda-simple/response", &body).expect("queue answer");
    assert!(status == 201 || status == 200, "{status}: {text}");
}

#[test]
fn the_result_is_shown_beside_the_prediction() {
    let moto = Moto::start();
    let function = unique("fn");
    create_function(&moto, &function);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let event = r#"{"detail-type":"WorkflowStarted","source":"alchemiser.x","detail":{"correlation_id":"c","causation_id":"x","event_id":"e","timestamp":"2025-10-14T12:00:00Z","source_module":"m","workflow_type":"t","requested_by":"r"}}"#;

    // The real 2.27.0 answer for this event: the prediction holds.
    queue_answer(&moto, r#"{"statusCode": 404, "body": "No handler for: WorkflowStarted"}"#);
    let output = aws_command(&moto.endpoint, dir.path(), &["invoke", event, "--function", &function, "-o", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let record = &json_lines(&output.stdout)[0];
    assert_eq!(record["prediction"]["response"]["statusCode"], 404);
    assert_eq!(record["result"]["status_code"], 200);
    assert_eq!(record["result"]["payload"]["body"], "No handler for: WorkflowStarted");
    assert_eq!(record["matches_prediction"], true);

    // A different answer: the difference is named and the exit code is 1.
    queue_answer(&moto, r#"{"statusCode": 200, "body": "Event processed successfully"}"#);
    let output = aws_command(&moto.endpoint, dir.path(), &["invoke", event, "--function", &function])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("predicted   404 No handler for: WorkflowStarted"), "{stdout}");
    assert!(stdout.contains("DIFFERS     response.statusCode: predicted 404, got 200"), "{stdout}");
}

#[test]
fn trades_are_refused_without_force() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let function = unique("fn");
    create_function(&moto, &function);
    let output = aws_command(&moto.endpoint, dir.path(), &["invoke", r#"{"mode":"trade"}"#, "--function", &function])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("refused: it would start a paper trading run (pass --force"), "{stderr}");
    assert!(output.stdout.is_empty());
    let missing = format!("{}-prod", unique("fn"));
    let output =
        aws_command(&moto.endpoint, dir.path(), &["invoke", "{\"mode\":\"trade\"}", "--force", "--function", &missing])
            .assert()
            .code(6)
            .get_output()
            .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("{missing}: not found")), "a missing function exits 6: {stderr}");
}

/// Seen: `invoke '{"mode":"trade"}' --force --function the-alchemiser-v2-lambda-prod` (stage left
/// at dev) invoked the prod Lambda while the prediction said "paper".
#[test]
fn the_function_decides_the_stage() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let prod = "the-alchemiser-v2-lambda-prod";
    create_function_with(
        &moto,
        prod,
        &[
            ("APP__STAGE", "prod"),
            ("ALPACA__ENDPOINT", "https://api.alpaca.markets"),
            ("ALPACA__KEY", "k"),
            ("ALPACA__SECRET", "s"),
        ],
    );
    let output =
        aws_command(&moto.endpoint, dir.path(), &["invoke", r#"{"mode":"trade"}"#, "--force", "--function", prod])
            .write_stdin("")
            .assert()
            .code(1)
            .get_output()
            .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("LIVE trading run in prod; confirm with --yes"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing invoked");

    // A --stage that contradicts the function's name is refused before any call.
    let output = aws_command(
        &moto.endpoint,
        dir.path(),
        &["invoke", r#"{"mode":"trade"}"#, "--stage", "dev", "--function", prod],
    )
    .assert()
    .code(2)
    .get_output()
    .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--stage dev contradicts function the-alchemiser-v2-lambda-prod"), "{stderr}");

    // A dev-named function whose configuration trades live is treated as live.
    let live_dev = format!("{}-dev", unique("fn"));
    create_function_with(&moto, &live_dev, &[("APP__STAGE", "dev"), ("ALPACA_ENDPOINT", "https://api.alpaca.markets")]);
    let output =
        aws_command(&moto.endpoint, dir.path(), &["invoke", r#"{"mode":"trade"}"#, "--force", "--function", &live_dev])
            .assert()
            .code(1)
            .get_output()
            .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("trading endpoint https://api.alpaca.markets (LIVE)"), "{stderr}");
    assert!(stderr.contains("LIVE trading run in prod; confirm with --yes"), "{stderr}");
}

mod replayed {
    use super::*;
    use alchemiser::commands::invoke::{InvokeOptions, run};
    use alchemiser::commands::{Interrupts, Io};
    use alchemiser::exit::Exit;
    use alchemiser::guard::Allowance;
    use alchemiser::render::OutputFormat;
    use alchemiser::routing::Stage;
    use aws_sdk_lambda::config::http::{HttpRequest, HttpResponse};
    use aws_smithy_http_client::test_util::{ReplayEvent, StaticReplayClient};
    use aws_smithy_types::body::SdkBody;
    use base64::Engine;

    fn invoke_with(response: HttpResponse, event: &str) -> (Exit, serde_json::Value) {
        let replay = StaticReplayClient::new(vec![ReplayEvent::new(HttpRequest::new(SdkBody::empty()), response)]);
        let opts = InvokeOptions {
            payload: event.to_string(),
            function: "the-alchemiser-v2-lambda-dev".into(),
            stage: Stage::Dev,
            asynchronous: false,
            allowance: Allowance { force: true, yes: false },
            dry_run: false,
            output: OutputFormat::Json,
            err_style: alchemiser::render::Style { color: false },
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let exit = runtime().block_on(async {
            let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
                .region(aws_config::Region::new(REGION))
                .credentials_provider(aws_sdk_lambda::config::Credentials::new(
                    "testing", "testing", None, None, "tests",
                ))
                .http_client(replay.clone())
                .load()
                .await;
            let mut io = Io { out: &mut out, err: &mut err, confirm: None, interrupts: Interrupts::none() };
            run(&aws_sdk_lambda::Client::new(&config), &opts, &mut io).await
        });
        let exit = exit.expect("invoke");
        (exit, json_lines(&out).remove(0))
    }

    #[test]
    fn a_crash_with_its_log_tail_matches_a_predicted_crash() {
        let log = "START RequestId: r1\n[ERROR] TypeError: unhashable type: 'list'\nEND RequestId: r1\n";
        let mut response = HttpResponse::new(
            200u16.try_into().expect("a valid status code"),
            SdkBody::from(r#"{"errorMessage": "unhashable type: 'list'", "errorType": "TypeError"}"#),
        );
        response.headers_mut().insert("x-amz-function-error", "Unhandled");
        response.headers_mut().insert("x-amz-log-result", base64::engine::general_purpose::STANDARD.encode(log));
        response.headers_mut().insert("x-amz-executed-version", "$LATEST");
        let (exit, record) = invoke_with(response, r#"{"detail-type":["SignalGenerated"]}"#);
        assert_eq!(exit, Exit::Success, "{record}");
        assert_eq!(record["result"]["function_error"], "Unhandled");
        assert_eq!(record["result"]["log"][1], "[ERROR] TypeError: unhashable type: 'list'");
        assert_eq!(record["prediction"]["exception"], "TypeError");
        assert_eq!(record["matches_prediction"], true);
    }

    #[test]
    fn an_unexpected_crash_is_a_difference() {
        let mut response = HttpResponse::new(
            200u16.try_into().expect("a valid status code"),
            SdkBody::from(r#"{"errorMessage": "boom", "errorType": "ConfigurationError"}"#),
        );
        response.headers_mut().insert("x-amz-function-error", "Unhandled");
        let (exit, record) = invoke_with(response, r#"{"mode":"trade"}"#);
        assert_eq!(exit, Exit::Failure);
        assert_eq!(
            record["differences"][0],
            "the Lambda raised (Unhandled: ConfigurationError), but no exception was predicted"
        );
    }
}
