//! Shared harness for tests against the moto AWS emulator.
//!
//! `scripts/test` starts one moto server for the whole run (`scripts/moto run -- …`) and sets
//! `MOTO_ENDPOINT`. Without it, [`Moto::start`] spawns a private `.venv/bin/moto_server` on a free
//! loopback port and kills it on drop, so `cargo nextest run` alone works once `.venv` exists.
//! Tests share the server, so each one works on its own uniquely named bus.

// Every test binary compiles this module but uses only part of it.
#![allow(dead_code)]

pub mod proxy;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use alchemiser::bus::RuleState;
use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region};
use aws_sdk_eventbridge::config::Credentials;
use aws_sdk_eventbridge::types::{DeadLetterConfig, RetryPolicy, RuleState as SdkRuleState, Target};

pub const REGION: &str = "us-east-1";
/// moto's default account.
pub const ACCOUNT: &str = "123456789012";

const HOW_TO_RUN: &str = "run the tests through `scripts/test` (or `scripts/moto run -- cargo nextest run`), \
                          which installs moto into .venv and starts it";

/// A moto server: the shared one from `MOTO_ENDPOINT`, or a private one this process started.
pub struct Moto {
    pub endpoint: String,
    child: Option<Child>,
}

impl Moto {
    pub fn start() -> Moto {
        if let Ok(endpoint) = std::env::var("MOTO_ENDPOINT")
            && !endpoint.is_empty()
        {
            return Moto { endpoint, child: None };
        }
        let server = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/moto_server");
        if !server.exists() {
            panic!("MOTO_ENDPOINT is not set and {} does not exist: {HOW_TO_RUN}", server.display());
        }
        let port = free_port();
        let log_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("moto-{port}.log"));
        let log = std::fs::File::create(&log_path).unwrap_or_else(|e| panic!("{}: {e}", log_path.display()));
        let log2 = log.try_clone().unwrap_or_else(|e| panic!("{}: {e}", log_path.display()));
        let child = Command::new(&server)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log2)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}; {HOW_TO_RUN}", server.display()));
        let moto = Moto { endpoint: format!("http://127.0.0.1:{port}"), child: Some(child) };
        let deadline = Instant::now() + Duration::from_secs(20);
        while http(&moto.endpoint, "GET", "/moto-api/config", "").is_err() {
            if Instant::now() > deadline {
                panic!(
                    "moto did not answer on {} within 20 s (log: {}); {HOW_TO_RUN}",
                    moto.endpoint,
                    log_path.display()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // As scripts/moto does: Lambda runs without Docker (there is none), invoke echoes the payload.
        let config = r#"{"lambda":{"use_docker":false}}"#;
        http(&moto.endpoint, "POST", "/moto-api/config", config).expect("moto config");
        moto
    }

    /// An EventBridge client for fixtures: dummy credentials, no retries (moto answers some
    /// bugs with a 500 after side effects, and a retry would repeat them).
    pub async fn events(&self) -> aws_sdk_eventbridge::Client {
        let config = aws_config::defaults(BehaviorVersion::latest())
            .endpoint_url(&self.endpoint)
            .region(Region::new(REGION))
            .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
            .retry_config(RetryConfig::disabled())
            .load()
            .await;
        aws_sdk_eventbridge::Client::new(&config)
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("local_addr").port()
}

/// A tiny HTTP/1.1 request (the harness needs no HTTP client crate); returns status and body.
pub fn http(endpoint: &str, method: &str, path: &str, body: &str) -> std::io::Result<(u16, String)> {
    let host = endpoint.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    Ok((status, body))
}

/// A name no other test (or earlier run against the same server) uses.
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{prefix}-{}-{}-{nanos}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// Creates a bus; returns its ARN.
pub async fn create_bus(events: &aws_sdk_eventbridge::Client, name: &str) -> String {
    let out =
        events.create_event_bus().name(name).send().await.unwrap_or_else(|e| panic!("CreateEventBus {name}: {e:?}"));
    out.event_bus_arn().unwrap_or_default().to_string()
}

pub async fn put_rule(events: &aws_sdk_eventbridge::Client, bus: &str, name: &str, pattern: &str, state: RuleState) {
    events
        .put_rule()
        .event_bus_name(bus)
        .name(name)
        .event_pattern(pattern)
        .state(SdkRuleState::from(state.as_str()))
        .send()
        .await
        .unwrap_or_else(|e| panic!("PutRule {name}: {e:?}"));
}

/// A Lambda target, as the template gives each rule.
pub async fn put_function_target(events: &aws_sdk_eventbridge::Client, bus: &str, rule: &str, function_arn: &str) {
    let target = Target::builder().id("fn").arn(function_arn).build().expect("target");
    events
        .put_targets()
        .event_bus_name(bus)
        .rule(rule)
        .targets(target)
        .send()
        .await
        .unwrap_or_else(|e| panic!("PutTargets {rule}: {e:?}"));
}

/// An archive of the bus's events matching `pattern`, kept 365 days as the template keeps it.
pub async fn create_archive(events: &aws_sdk_eventbridge::Client, archive: &str, bus_arn: &str, pattern: &str) {
    events
        .create_archive()
        .archive_name(archive)
        .event_source_arn(bus_arn)
        .event_pattern(pattern)
        .retention_days(365)
        .send()
        .await
        .unwrap_or_else(|e| panic!("CreateArchive {archive}: {e:?}"));
}

/// An SQS target with a retry policy and a dead-letter queue (moto does not check the queue).
pub async fn put_sqs_target(events: &aws_sdk_eventbridge::Client, bus: &str, rule: &str, id: &str, queue: &str) {
    let target = Target::builder()
        .id(id)
        .arn(format!("arn:aws:sqs:{REGION}:{ACCOUNT}:{queue}"))
        .retry_policy(RetryPolicy::builder().maximum_retry_attempts(3).maximum_event_age_in_seconds(3600).build())
        .dead_letter_config(
            DeadLetterConfig::builder().arn(format!("arn:aws:sqs:{REGION}:{ACCOUNT}:{queue}-dlq")).build(),
        )
        .build()
        .expect("target");
    let out = events
        .put_targets()
        .event_bus_name(bus)
        .rule(rule)
        .targets(target)
        .send()
        .await
        .unwrap_or_else(|e| panic!("PutTargets {rule}: {e:?}"));
    assert_eq!(out.failed_entry_count(), 0, "PutTargets {rule}");
}

/// The rule's state as DescribeRule reports it (what `rules` changes; moto delivers regardless).
pub async fn rule_state(events: &aws_sdk_eventbridge::Client, bus: &str, name: &str) -> String {
    let out = events
        .describe_rule()
        .event_bus_name(bus)
        .name(name)
        .send()
        .await
        .unwrap_or_else(|e| panic!("DescribeRule {name}: {e:?}"));
    out.state().map(|s| s.as_str().to_string()).unwrap_or_default()
}

/// The `alchemiser` binary set up for moto's `rules` command: dummy credentials, region, no
/// retries (the `rules` flags follow).
pub fn alchemiser(endpoint: &str, workdir: &Path) -> assert_cmd::Command {
    assert_cmd::Command::from_std(aws_process(endpoint, workdir, &["rules"]))
}

/// The binary with every AWS setting the environment might carry cleared and the profile files
/// pointed at nothing, so only what a test sets counts.
pub fn hermetic(workdir: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("alchemiser"));
    for (key, _) in std::env::vars_os() {
        if key.to_str().is_some_and(|k| k.starts_with("AWS_")) {
            cmd.env_remove(&key);
        }
    }
    let missing = workdir.join("no-such-aws-file");
    cmd.current_dir(workdir)
        .env_remove("ALCHEMISER_STAGE")
        .env("NO_COLOR", "1")
        .env("AWS_CONFIG_FILE", &missing)
        .env("AWS_SHARED_CREDENTIALS_FILE", &missing)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        // Snapshots and other state go to the test's own folder, never the real home, and no
        // configuration file of the machine's applies.
        .env("XDG_STATE_HOME", workdir.join("state"))
        .env("XDG_CONFIG_HOME", workdir.join("config"));
    cmd
}

/// Where the binary keeps rule snapshots for a test run in `workdir`.
pub fn snapshot_folder(workdir: &Path) -> std::path::PathBuf {
    workdir.join("state/alchemiser/snapshots")
}

pub fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

/// The `alchemiser` binary for any AWS subcommand against moto (`args` start with the
/// subcommand; the AWS flags follow it).
pub fn aws_command(endpoint: &str, workdir: &Path, args: &[&str]) -> assert_cmd::Command {
    assert_cmd::Command::from_std(aws_process(endpoint, workdir, args))
}

/// The same as a plain process, for tests that signal it or run it in a pseudo-terminal.
pub fn aws_process(endpoint: &str, workdir: &Path, args: &[&str]) -> Command {
    let mut cmd = hermetic(workdir);
    cmd.env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", REGION)
        .args(args)
        .args(["--endpoint-url", endpoint, "--max-attempts", "1"]);
    cmd
}

/// Sends SIGINT, as Ctrl-C at a terminal does.
pub fn interrupt(child: &std::process::Child) {
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    assert!(status.is_ok_and(|s| s.success()), "kill -INT {}", child.id());
}

/// One call of a JSON-protocol AWS service on moto (`target` like `AmazonSQS.CreateQueue`).
/// moto does not check signatures but routes by the credential scope, so one is made up.
pub fn aws_json(endpoint: &str, service: &str, target: &str, body: &serde_json::Value) -> serde_json::Value {
    let host = endpoint.trim_start_matches("http://");
    let body = body.to_string();
    let mut stream = TcpStream::connect(host).unwrap_or_else(|e| panic!("{target}: {e}"));
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    write!(
        stream,
        "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: {target}\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential=testing/20250101/{REGION}/{service}/aws4_request, SignedHeaders=host, Signature=0\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap_or_else(|e| panic!("{target}: {e}"));
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap_or_else(|e| panic!("{target}: {e}"));
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    assert!(head.starts_with("HTTP/1.1 200"), "{target}: {head}\n{body}");
    serde_json::from_str(body).unwrap_or(serde_json::Value::Null)
}

/// Creates an SQS queue; returns its URL.
pub fn create_queue(endpoint: &str, name: &str) -> String {
    let out = aws_json(endpoint, "sqs", "AmazonSQS.CreateQueue", &serde_json::json!({"QueueName": name}));
    out["QueueUrl"].as_str().unwrap_or_else(|| panic!("CreateQueue {name}: {out}")).to_string()
}

/// Receives and deletes every message until the queue stays empty; returns the bodies.
pub fn drain_queue(endpoint: &str, url: &str) -> Vec<String> {
    let mut bodies = Vec::new();
    let mut empty_polls = 0;
    while empty_polls < 2 {
        let out = aws_json(
            endpoint,
            "sqs",
            "AmazonSQS.ReceiveMessage",
            &serde_json::json!({"QueueUrl": url, "MaxNumberOfMessages": 10, "WaitTimeSeconds": 0}),
        );
        let messages = out["Messages"].as_array().cloned().unwrap_or_default();
        if messages.is_empty() {
            empty_polls += 1;
            continue;
        }
        empty_polls = 0;
        let mut receipts = Vec::new();
        for (i, m) in messages.iter().enumerate() {
            bodies.push(m["Body"].as_str().unwrap_or_default().to_string());
            receipts.push(serde_json::json!({"Id": i.to_string(), "ReceiptHandle": m["ReceiptHandle"]}));
        }
        aws_json(
            endpoint,
            "sqs",
            "AmazonSQS.DeleteMessageBatch",
            &serde_json::json!({"QueueUrl": url, "Entries": receipts}),
        );
    }
    bodies
}

/// A canned AWS JSON-protocol answer for the SDK's replay HTTP client.
pub fn replay_answer(status: u16, body: &str) -> aws_smithy_http_client::test_util::ReplayEvent {
    use aws_smithy_types::body::SdkBody;
    let status = status.try_into().unwrap_or_else(|e| panic!("status {status}: {e:?}"));
    let mut response = aws_sdk_eventbridge::config::http::HttpResponse::new(status, SdkBody::from(body));
    response.headers_mut().insert("content-type", "application/x-amz-json-1.1");
    aws_smithy_http_client::test_util::ReplayEvent::new(
        aws_sdk_eventbridge::config::http::HttpRequest::new(SdkBody::empty()),
        response,
    )
}

/// An SDK config whose every call is answered by `replay` (dummy credentials, no retries).
pub async fn replay_config(replay: &aws_smithy_http_client::test_util::StaticReplayClient) -> aws_config::SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(REGION))
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .http_client(replay.clone())
        .retry_config(RetryConfig::disabled())
        .load()
        .await
}

/// A WorkflowCompleted the Lambda validates and answers 404: safe to send, with a sequence number.
pub fn safe_event(seq: usize) -> String {
    format!(
        r#"{{"source":"alchemiser.execution_v2.handlers","detail-type":"WorkflowCompleted","detail":{{"correlation_id":"c","causation_id":"s","event_id":"workflow-completed-{seq}","timestamp":"2025-10-14T12:00:00Z","source_module":"execution_v2.handlers","workflow_type":"trading","workflow_duration_ms":5,"success":true,"seq":{seq}}}}}"#
    )
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime")
}

/// A bus with one rule delivering `alchemiser.*` events to a fresh queue.
pub fn bus_with_queue(moto: &Moto) -> (String, String) {
    named_bus_with_queue(moto, &unique("put-bus"))
}

/// The same, with the bus named `bus`; returns it and the queue's URL.
pub fn named_bus_with_queue(moto: &Moto, bus: &str) -> (String, String) {
    let queue = unique("put-q");
    let url = create_queue(&moto.endpoint, &queue);
    runtime().block_on(async {
        let events = moto.events().await;
        create_bus(&events, bus).await;
        put_rule(&events, bus, "to-queue", r#"{"source":[{"prefix":"alchemiser."}]}"#, RuleState::Enabled).await;
        put_sqs_target(&events, bus, "to-queue", "q", &queue).await;
    });
    (bus.to_string(), url)
}

pub fn seqs(bodies: &[String]) -> Vec<u64> {
    bodies
        .iter()
        .map(|b| {
            let v: serde_json::Value = serde_json::from_str(b).unwrap_or_else(|e| panic!("{b}: {e}"));
            v["detail"]["seq"].as_u64().unwrap_or_else(|| panic!("no seq in {b}"))
        })
        .collect()
}

/// IAM speaks the query protocol; moto routes it by the credential scope.
pub fn create_role(endpoint: &str, name: &str) -> String {
    let host = endpoint.trim_start_matches("http://");
    let policy = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D";
    let body = format!("Action=CreateRole&Version=2010-05-08&RoleName={name}&AssumeRolePolicyDocument={policy}");
    let mut stream = TcpStream::connect(host).expect("connect");
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    write!(
        stream,
        "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential=testing/20250101/{REGION}/iam/aws4_request, SignedHeaders=host, Signature=0\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read the file");
    assert!(response.starts_with("HTTP/1.1 200"), "CreateRole: {response}");
    format!("arn:aws:iam::123456789012:role/{name}")
}

/// The dev stage's environment as the template deploys it (placeholder credentials).
pub const PAPER: &[(&str, &str)] = &[
    ("APP__STAGE", "dev"),
    ("ALPACA__ENDPOINT", "https://paper-api.alpaca.markets/v2"),
    ("ALPACA__KEY", "placeholder"),
    ("ALPACA__SECRET", "placeholder"),
];

/// A function in moto's simple Lambda backend (the code is never run), configured as in dev.
pub fn create_function(moto: &Moto, name: &str) {
    create_function_with(moto, name, PAPER);
}

/// A function with these environment variables; one that exists already is left as it is.
pub fn create_function_with(moto: &Moto, name: &str, environment: &[(&str, &str)]) {
    let role = create_role(&moto.endpoint, &unique("role"));
    // The smallest valid zip archive: an empty central directory.
    let zip: Vec<u8> = [b"PK\x05\x06".as_slice(), &[0u8; 18]].concat();
    runtime().block_on(async {
        let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .endpoint_url(&moto.endpoint)
            .region(aws_config::Region::new(REGION))
            .credentials_provider(aws_sdk_lambda::config::Credentials::new("testing", "testing", None, None, "tests"))
            .load()
            .await;
        let lambda = aws_sdk_lambda::Client::new(&config);
        let created = lambda
            .create_function()
            .function_name(name)
            .runtime(aws_sdk_lambda::types::Runtime::Python312)
            .role(role)
            .handler("the_alchemiser.lambda_handler.lambda_handler")
            .code(
                aws_sdk_lambda::types::FunctionCode::builder()
                    .zip_file(aws_sdk_lambda::primitives::Blob::new(zip))
                    .build(),
            )
            .environment(
                aws_sdk_lambda::types::Environment::builder()
                    .set_variables(Some(environment.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()))
                    .build(),
            )
            .send()
            .await;
        if let Err(e) = created
            && !e.as_service_error().is_some_and(|s| s.is_resource_conflict_exception())
        {
            panic!("CreateFunction {name}: {e:?}");
        }
    });
}

/// `put-events` options as the command line's defaults make them, JSON output, one call at a
/// time, three attempts: what the library-level tests vary from.
pub fn put_events_options(
    paths: Vec<std::path::PathBuf>,
    stage: alchemiser::routing::Stage,
    failed_out: Option<std::path::PathBuf>,
) -> alchemiser::commands::put_events::PutEventsOptions {
    alchemiser::commands::put_events::PutEventsOptions {
        paths,
        format: alchemiser::input::Format::Auto,
        follow: false,
        stage,
        rules: alchemiser::bus::default_bus(stage),
        bus_name: alchemiser::bus::Names::for_stage(stage).bus,
        allowance: alchemiser::guard::Allowance::default(),
        dry_run: false,
        failed_out,
        unknown_out: None,
        report: None,
        concurrency: 1,
        max_attempts: 3,
        timeout: Duration::from_secs(30),
        output: alchemiser::render::OutputFormat::Json,
        style: alchemiser::render::Style { color: false },
        err_style: alchemiser::render::Style { color: false },
        progress: false,
    }
}
