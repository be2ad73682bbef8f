//! The routing core against the verified behaviours of 2.27.0 (facts §1–§4, §6, §8).

use alchemiser::json::{Value, parse_python_json};
use alchemiser::routing::{LambdaPrediction, Path, Response, Stage, WarningCode, predict};

fn event(text: &str) -> Value {
    parse_python_json(text).unwrap_or_else(|e| panic!("test event {text}: {e:?}")).value
}

fn run(text: &str) -> LambdaPrediction<'static> {
    predict(&event(text), Stage::Dev).into_owned()
}

fn codes(p: &LambdaPrediction) -> Vec<&'static str> {
    let mut codes = Vec::new();
    if let Some(validation) = &p.validation {
        validation.for_each(|e| codes.push(e.code));
    }
    codes
}

fn locs(p: &LambdaPrediction) -> Vec<String> {
    let mut locs = Vec::new();
    if let Some(validation) = &p.validation {
        validation.for_each(|e| locs.push(alchemiser::routing::validate::render_loc(e.loc)));
    }
    locs
}

fn warnings(p: &LambdaPrediction) -> Vec<&'static str> {
    p.warnings.iter().map(|w| w.code.as_str()).collect()
}

fn command(p: &LambdaPrediction) -> (&'static str, &'static str, &'static str, String) {
    match &p.response {
        Some(Response::Command { status, mode, trading_mode, .. }) => {
            (status, mode, trading_mode, p.response_message().unwrap_or_default())
        }
        other => panic!("expected a command response, got {other:?}"),
    }
}

fn handler_response(p: &LambdaPrediction) -> (u16, String) {
    match &p.response {
        Some(Response::Handler { status_code, body }) => (*status_code, body.clone()),
        other => panic!("expected a handler response, got {other:?}"),
    }
}

fn args<'a>(p: &'a LambdaPrediction<'_>) -> Vec<&'a str> {
    p.main_args.as_ref().map(|a| a.iter().map(String::as_str).collect()).unwrap_or_default()
}

const SIGNAL: &str = r#"{"event_id":"event-123","correlation_id":"corr-123","causation_id":"cause-123",
 "timestamp":"2023-10-14T12:00:00+00:00","source_module":"strategy","schema_version":"1.0",
 "signals_data":{"BTC":0.5},"consolidated_portfolio":{"BTC":0.5},"signal_count":1,"metadata":{}}"#;

fn signal_envelope(source: &str, detail: &str) -> String {
    format!(r#"{{"detail-type":"SignalGenerated","source":{source},"detail":{detail}}}"#)
}

// §8.1 parse_event_mode and the trading mode.

#[test]
fn command_payloads_build_main_args() {
    let cases: &[(&str, &[&str])] = &[
        ("{}", &["trade"]),
        (r#"{"mode":"trade"}"#, &["trade"]),
        (r#"{"mode":"trade","trading_mode":"paper"}"#, &["trade"]),
        (r#"{"mode":"trade","trading_mode":"live"}"#, &["trade"]),
        (r#"{"action":"pnl_analysis","pnl_type":"weekly"}"#, &["pnl", "--weekly"]),
        (r#"{"action":"pnl_analysis","pnl_type":"monthly"}"#, &["pnl", "--monthly"]),
        (r#"{"action":"pnl_analysis","pnl_period":"3M"}"#, &["pnl", "--period", "3M"]),
        (r#"{"action":"pnl_analysis","pnl_type":"weekly","pnl_periods":3}"#, &["pnl", "--weekly", "--periods", "3"]),
        (r#"{"action":"pnl_analysis","pnl_type":"monthly","pnl_detailed":true}"#, &["pnl", "--monthly", "--detailed"]),
        (r#"{"action":"pnl_analysis","pnl_type":"weekly","pnl_periods":1}"#, &["pnl", "--weekly"]),
        (
            r#"{"action":"pnl_analysis","pnl_type":"weekly","pnl_period":"3M","pnl_periods":3,"pnl_detailed":true}"#,
            &["pnl", "--weekly", "--period", "3M", "--periods", "3", "--detailed"],
        ),
        (r#"{"pnl_type":"weekly","pnl_periods":4}"#, &["trade"]),
        (r#"{"mode":"bot"}"#, &["trade"]),
        (r#"{"month":"2024-13"}"#, &["trade"]),
        ("null", &["trade"]),
    ];
    for (text, expected) in cases {
        let p = run(text);
        assert_eq!(p.path, Path::Command, "{text}");
        assert_eq!(args(&p), *expected, "{text}");
        assert!(p.validation.is_none(), "{text}");
    }
}

#[test]
fn trading_mode_and_message_follow_the_stage() {
    let dev = predict(&event(r#"{"mode":"trade","trading_mode":"live"}"#), Stage::Dev).into_owned();
    assert_eq!(command(&dev), ("success", "trade", "paper", "Paper trading completed successfully".into()));
    assert!(warnings(&dev).contains(&"ignored_field"), "the event's trading_mode is ignored");
    let prod = predict(&event(r#"{"mode":"trade","trading_mode":"paper"}"#), Stage::Prod).into_owned();
    assert_eq!(command(&prod), ("success", "trade", "live", "Live trading completed successfully".into()));
    assert!(warnings(&prod).contains(&"live_trade"));
    let pnl = predict(&event(r#"{"action":"pnl_analysis","pnl_type":"weekly"}"#), Stage::Prod).into_owned();
    assert_eq!(command(&pnl), ("success", "pnl", "n/a", "N/A trading completed successfully".into()));
    assert!(!pnl.starts_trade());
}

// §1.1 step 4: the circuit breaker.

#[test]
fn circuit_breaker_needs_only_the_detail_type() {
    for text in [
        r#"{"detail-type":"ErrorNotificationRequested"}"#,
        r#"{"detail-type":"ErrorNotificationRequested","source":"anything","detail":"x"}"#,
        r#"{"detail-type":"ErrorNotificationRequested","source":5}"#,
    ] {
        let p = run(text);
        assert_eq!(p.path, Path::CircuitBreaker, "{text}");
        assert_eq!(
            command(&p),
            ("skipped", "error_notification", "n/a", "Error notification event skipped (circuit breaker)".into())
        );
        assert_eq!(p.dedup_key, None);
    }
    // Case-sensitive.
    assert_eq!(run(r#"{"detail-type":"errornotificationrequested"}"#).path, Path::Command);
}

// §1.1 step 5: `_is_domain_event`, including its crashes.

#[test]
fn domain_routing_needs_both_conditions() {
    for source in ["\"alchemiser.strategy\"", "\"alchemiser.test\"", "\"alchemiser.strategy_v2.handlers\""] {
        assert_eq!(run(&signal_envelope(source, SIGNAL)).path, Path::Domain, "{source}");
    }
    for source in ["\"custom.x\"", "\"alchemiser\"", "\"Alchemiser.x\"", "\"aws.events\""] {
        let p = run(&signal_envelope(source, SIGNAL));
        assert_eq!(p.path, Path::Command, "{source}");
        assert_eq!(command(&p).0, "failed");
        assert_eq!(codes(&p), vec!["extra_forbidden"; 7], "{source}");
        assert!(warnings(&p).contains(&"not_routed_as_domain"));
    }
    let missing_source = run(&format!(r#"{{"detail-type":"SignalGenerated","detail":{SIGNAL}}}"#));
    assert_eq!(missing_source.path, Path::Command);
}

#[test]
fn domain_check_crashes_like_python() {
    let p = run(r#"{"detail-type":"WorkflowStarted","source":null}"#);
    assert_eq!(p.path, Path::CrashBeforeRouting);
    assert_eq!(p.exception.as_ref().map(|e| e.class), Some("AttributeError"));
    assert!(p.response.is_none());
    let p = run(r#"{"detail-type":"TradeExecuted","source":7}"#);
    assert_eq!(p.exception.as_ref().map(|e| e.class), Some("AttributeError"));
    for dt in ["[\"SignalGenerated\"]", "{}", "[]"] {
        let p = run(&format!(r#"{{"detail-type":{dt},"source":"alchemiser.x"}}"#));
        assert_eq!(p.path, Path::CrashBeforeRouting, "{dt}");
        assert_eq!(p.exception.as_ref().map(|e| e.class), Some("TypeError"));
        assert!(warnings(&p).contains(&"lambda_crash"));
    }
    // A null or numeric detail-type is simply not in the set; the source is never looked at.
    assert_eq!(run(r#"{"detail-type":null,"source":5}"#).path, Path::Command);
    // A non-domain detail-type never reaches the source test.
    assert_eq!(run(r#"{"detail-type":"StartupEvent","source":5,"detail":{}}"#).path, Path::Command);
}

#[test]
fn alchemiser_source_with_other_detail_type_takes_the_command_path() {
    let p = run(r#"{"detail-type":"TestEvent","source":"alchemiser.test","detail":{}}"#);
    assert_eq!(p.path, Path::Command);
    assert_eq!(args(&p), ["trade"]);
    assert_eq!(warnings(&p), ["not_routed_as_domain", "implicit_trade", "starts_trade"]);
    let p =
        run(r#"{"detail-type":"StartupEvent","source":"alchemiser.orchestration.system","detail":{"mode":"trade"}}"#);
    assert_eq!(args(&p), ["trade"]);
}

// §1.1 step 6: envelopes and non-object payloads.

#[test]
fn envelopes_unwrap_one_level() {
    for detail in ["{}", "null", "\"{\\\"mode\\\": \\\"trade\\\"}\"", "[1]", "5"] {
        let p = run(&format!(r#"{{"detail-type":"Scheduled Event","source":"aws.scheduler","detail":{detail}}}"#));
        assert_eq!(args(&p), ["trade"], "{detail}");
        assert!(warnings(&p).contains(&"implicit_trade"), "{detail}");
    }
    let p = run(r#"{"detail-type":"Scheduled Event","source":"aws.scheduler"}"#);
    assert_eq!(locs(&p), ["detail-type", "source"]);
    let p = run(r#"{"detail":{"mode":"trade"}}"#);
    assert_eq!(locs(&p), ["detail"]);
    // One level only: a nested envelope is validated as a payload.
    let p = run(r#"{"detail-type":"a","detail":{"detail-type":"b","detail":{}}}"#);
    assert_eq!(locs(&p), ["detail-type", "detail"]);
}

#[test]
fn non_object_payloads_trade_without_validation() {
    for text in ["[1,2]", "\"hello\"", "5", "0", "true", "false", "\"\"", "[]", "0.0"] {
        let p = run(text);
        assert_eq!(p.path, Path::Command, "{text}");
        assert_eq!(args(&p), ["trade"], "{text}");
        assert_eq!(command(&p).0, "success");
        assert!(warnings(&p).contains(&"implicit_trade"), "{text}");
    }
}

// §1.2: strict LambdaEvent validation.

#[test]
fn lambda_event_is_strict() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        (r#"{"action":"monthly_summary"}"#, &["action"], &["literal_error"]),
        (r#"{"action":"pnl_analysis"}"#, &[""], &["value_error"]),
        (r#"{"action":"pnl_analysis","pnl_periods":2}"#, &[""], &["value_error"]),
        (r#"{"pnl_periods":"3"}"#, &["pnl_periods"], &["int_type"]),
        (r#"{"pnl_periods":0}"#, &["pnl_periods"], &["greater_than_equal"]),
        (r#"{"pnl_periods":-5}"#, &["pnl_periods"], &["greater_than_equal"]),
        (r#"{"pnl_periods":-123456789012345678901234567890}"#, &["pnl_periods"], &["greater_than_equal"]),
        (r#"{"pnl_periods":true}"#, &["pnl_periods"], &["int_type"]),
        (r#"{"pnl_periods":2.0}"#, &["pnl_periods"], &["int_type"]),
        (r#"{"pnl_detailed":"true"}"#, &["pnl_detailed"], &["bool_type"]),
        (r#"{"pnl_detailed":1}"#, &["pnl_detailed"], &["bool_type"]),
        (r#"{"mode":" trade "}"#, &["mode"], &["literal_error"]),
        (r#"{"mode":"TRADE"}"#, &["mode"], &["literal_error"]),
        (r#"{"correlation_id":123}"#, &["correlation_id"], &["string_type"]),
        (r#"{"schema_version":"2.0"}"#, &["schema_version"], &["literal_error"]),
        (r#"{"schema_version":null}"#, &["schema_version"], &["literal_error"]),
        (r#"{"month":"2024-1"}"#, &["month"], &["string_pattern_mismatch"]),
        (r#"{"pnl_period":"3m"}"#, &["pnl_period"], &["string_pattern_mismatch"]),
        (r#"{"arguments":"x"}"#, &["arguments"], &["list_type"]),
        (r#"{"arguments":["a",1,null]}"#, &["arguments.1", "arguments.2"], &["string_type", "string_type"]),
        (
            r#"{"to":5,"subject":[],"dry_run":"no"}"#,
            &["to", "subject", "dry_run"],
            &["string_type", "string_type", "bool_type"],
        ),
        (r#"{"extra":1,"mode":"x"}"#, &["mode", "extra"], &["literal_error", "extra_forbidden"]),
    ];
    for (text, want_locs, want_codes) in cases {
        let p = run(text);
        assert_eq!(codes(&p), *want_codes, "{text}");
        assert_eq!(locs(&p), *want_locs, "{text}");
        let (status, mode, trading_mode, message) = command(&p);
        assert_eq!((status, mode, trading_mode), ("failed", "unknown", "unknown"), "{text}");
        assert!(message.starts_with("Lambda execution critical error: "), "{message}");
        assert!(message.contains("for LambdaEvent"), "{message}");
        assert!(warnings(&p).contains(&"validation_failed"));
        assert!(p.main_args.is_none());
    }
}

#[test]
fn validation_message_reads_like_pydantic() {
    let p = run(r#"{"mode":"TRADE","pnl_periods":"3"}"#);
    let (.., message) = command(&p);
    assert!(message.starts_with("Lambda execution critical error: 2 validation errors for LambdaEvent\nmode\n  Input should be 'trade' or 'bot' [type=literal_error, input_value='TRADE', input_type=str]"), "{message}");
    assert!(
        message.contains(
            "pnl_periods\n  Input should be a valid integer [type=int_type, input_value='3', input_type=str]"
        )
    );
    assert!(message.contains("https://errors.pydantic.dev/2.12/v/int_type"));
}

#[test]
fn nulls_mean_absent_and_strings_are_stripped() {
    let p = run(r#"{"mode":null,"trading_mode":null,"arguments":null,"action":null,"month":null,"account_id":null,
            "pnl_type":null,"pnl_periods":null,"pnl_period":null,"pnl_detailed":null,"to":null,"subject":null,
            "dry_run":null,"correlation_id":"","causation_id":null}"#);
    assert_eq!(args(&p), ["trade"]);
    let p = run(r#"{"action":"pnl_analysis","pnl_period":"\u3000 12W\n"}"#);
    assert_eq!(args(&p), ["pnl", "--period", "12W"]);
    let p = run(r#"{"month":" 2024-01 "}"#);
    assert!(p.validation.is_none());
}

#[test]
fn unicode_digits_and_whitespace_follow_pydantic_core() {
    // `\d` is Unicode-aware (Arabic-Indic, fullwidth, Devanagari digits all match).
    for period in ["٣M", "３W", "१२A"] {
        let p = run(&format!(r#"{{"action":"pnl_analysis","pnl_period":"{period}"}}"#));
        assert_eq!(args(&p), ["pnl", "--period", period], "{period}");
    }
    // Stripping uses Unicode White_Space: NBSP, ideographic space, NEL are stripped …
    for ws in ["\\u00a0", "\\u3000", "\\u0085", "\\u2003", "\\u1680"] {
        let p = run(&format!(r#"{{"month":"{ws}2024-01{ws}"}}"#));
        assert!(p.validation.is_none(), "{ws}");
    }
    // … but not the information separators Python's str.strip would remove, nor ZWSP.
    for not_ws in ["\\u001c", "\\u001f", "\\u200b"] {
        let p = run(&format!(r#"{{"month":"{not_ws}2024-01"}}"#));
        assert_eq!(codes(&p), ["string_pattern_mismatch"], "{not_ws}");
    }
}

#[test]
fn big_integers_stay_integers() {
    let p = run(r#"{"action":"pnl_analysis","pnl_type":"weekly","pnl_periods":99999999999999999999999999}"#);
    assert_eq!(args(&p), ["pnl", "--weekly", "--periods", "99999999999999999999999999"]);
    let p = run(r#"{"pnl_periods":1e2}"#);
    assert_eq!(codes(&p), ["int_type"]);
}

// §2: eventbridge_handler.

#[test]
fn signal_generated_is_processed() {
    let p = run(&signal_envelope("\"alchemiser.strategy\"", SIGNAL));
    assert_eq!(p.path, Path::Domain);
    assert_eq!(handler_response(&p), (200, "Event processed successfully".into()));
    assert_eq!(p.handler.map(|h| h.as_str()), Some("PortfolioAnalysisHandler"));
    assert_eq!(p.dedup_key, Some(Value::str("event-123")));
    assert!(p.marks_processed);
    // The same detail as a JSON string.
    let quoted = serde_json::to_string(SIGNAL).unwrap_or_default();
    let p = run(&signal_envelope("\"alchemiser.strategy\"", &quoted));
    assert_eq!(handler_response(&p).0, 200);
}

#[test]
fn handler_outcomes_per_detail_type() {
    let base = r#""correlation_id":"c","causation_id":"x","event_id":"e-1","timestamp":"2025-10-14T12:00:00Z","source_module":"m""#;
    let cases = [
        ("WorkflowStarted", r#""workflow_type":"trading","requested_by":"me""#),
        ("TradeExecuted", r#""execution_data":{},"success":true,"orders_placed":1,"orders_succeeded":0"#),
        ("WorkflowCompleted", r#""workflow_type":"trading","workflow_duration_ms":5,"success":false"#),
        ("WorkflowFailed", r#""workflow_type":"trading","failure_reason":"r","failure_step":"s""#),
    ];
    for (dt, fields) in cases {
        let p = run(&format!(r#"{{"detail-type":"{dt}","source":"alchemiser.x","detail":{{{base},{fields}}}}}"#));
        assert_eq!(handler_response(&p), (404, format!("No handler for: {dt}")), "{dt}");
        assert_eq!(p.dedup_key, Some(Value::str("e-1")), "dedup is checked before the 404");
        assert!(!p.marks_processed);
        assert!(p.handler.is_none());
    }
}

#[test]
fn dedup_key_rules() {
    let with_id = |id: &str| {
        run(&format!(
            r#"{{"detail-type":"WorkflowStarted","source":"alchemiser.x","detail":{{"event_id":{id},"timestamp":5}}}}"#
        ))
    };
    assert_eq!(with_id("\"unknown\"").dedup_key, None);
    assert_eq!(with_id("\"\"").dedup_key, None);
    assert_eq!(with_id("0").dedup_key, None);
    assert_eq!(with_id("null").dedup_key, None);
    assert_eq!(with_id("[]").dedup_key, None);
    assert_eq!(with_id("5").dedup_key, Some(event("5")));
    assert_eq!(with_id("[1]").dedup_key, Some(event("[1]")));
    assert_eq!(with_id("\"UNKNOWN\"").dedup_key, Some(Value::str("UNKNOWN")));
    // No event_id: no check, and validation fails.
    let p = run(r#"{"detail-type":"SignalGenerated","source":"alchemiser.x","detail":{}}"#);
    assert_eq!(p.dedup_key, None);
    assert_eq!(p.exception.as_ref().map(|e| e.class), Some("ValidationError"));
}

#[test]
fn detail_shapes_that_crash_the_handler() {
    let with_detail =
        |d: &str| run(&format!(r#"{{"detail-type":"SignalGenerated","source":"alchemiser.x","detail":{d}}}"#));
    for (detail, class) in [
        ("null", "TypeError"),
        ("5", "TypeError"),
        ("true", "TypeError"),
        ("1.5", "TypeError"),
        ("[\"timestamp\"]", "TypeError"),
        ("\"\\\"has timestamp inside\\\"\"", "TypeError"),
        ("[1]", "ValidationError"),
        ("\"\\\"text\\\"\"", "ValidationError"),
        ("\"not json\"", "ValidationError"),
        ("\"[1, NaN]\"", "ValidationError"),
    ] {
        let p = with_detail(detail);
        assert_eq!(p.exception.as_ref().map(|e| e.class), Some(class), "{detail}");
        assert!(p.response.is_none());
    }
    let p = with_detail("[1]");
    assert_eq!(codes(&p), ["model_type"]);
    assert_eq!(locs(&p), [""]);
}

#[test]
fn timestamps_use_python_fromisoformat() {
    let with_ts = |ts: &str| {
        run(&format!(
            r#"{{"detail-type":"WorkflowStarted","source":"alchemiser.x","detail":{{"correlation_id":"c","causation_id":"x",
            "event_id":"e","timestamp":{ts},"source_module":"m","workflow_type":"t","requested_by":"r"}}}}"#
        ))
    };
    for ok in
        ["\"2025-10-14T12:00:00Z\"", "\"2025-10-14\"", "\"20251014T120000Z\"", "\"2025-10-14 12:00:00.1234567+0000\""]
    {
        assert_eq!(handler_response(&with_ts(ok)).0, 404, "{ok}");
    }
    for bad in ["\"2025-10-14T12:00:00z\"", "\"2025-13-01\"", "\"yesterday\"", "\"\""] {
        let p = with_ts(bad);
        assert_eq!(p.exception.as_ref().map(|e| e.class), Some("ValueError"), "{bad}");
        assert_eq!(p.dedup_key, Some(Value::str("e")), "the dedup check comes first");
    }
    for wrong_type in ["5", "null", "{}"] {
        let p = with_ts(wrong_type);
        assert_eq!(codes(&p), ["datetime_type"], "{wrong_type}");
    }
}

#[test]
fn event_models_are_strict_and_ignore_extras() {
    let p = run(
        r#"{"detail-type":"SignalGenerated","source":"alchemiser.x","detail":{"correlation_id":"  ","causation_id":"x",
        "event_id":"e","timestamp":"2025-10-14T12:00:00Z","source_module":"m","signals_data":[],"consolidated_portfolio":{},
        "signal_count":true,"metadata":null,"schema_version":2,"event_type":"Anything","extra":{"ignored":true}}}"#,
    );
    assert_eq!(
        locs(&p),
        ["correlation_id", "metadata", "schema_version", "signals_data", "signal_count"],
        "{:?}",
        p.validation
    );
    assert_eq!(codes(&p), ["string_too_short", "dict_type", "string_type", "dict_type", "int_type"]);
    // metadata may be null on the Workflow* events.
    let p = run(
        r#"{"detail-type":"WorkflowFailed","source":"alchemiser.x","detail":{"correlation_id":"c","causation_id":"x",
        "event_id":"e","timestamp":"2025-10-14T12:00:00Z","source_module":"m","metadata":null,"workflow_type":"t",
        "failure_reason":"r","failure_step":"s"}}"#,
    );
    assert_eq!(handler_response(&p).0, 404);
}

#[test]
fn rebalance_planned_never_validates() {
    let p = run(
        r#"{"detail-type":"RebalancePlanned","source":"alchemiser.portfolio_v2.handlers","detail":{"event_id":"r-1"}}"#,
    );
    assert_eq!(p.exception.as_ref().map(|e| e.class), Some("ValidationError"));
    assert!(warnings(&p).contains(&WarningCode::RebalanceNeverValidates.as_str()));
    assert!(p.handler.is_none());
}

#[test]
fn lone_surrogates_are_not_text_for_pydantic() {
    let p = run(r#"{"mode":"\ud800"}"#);
    assert_eq!(codes(&p), ["string_unicode"]);
    let p = run(r#"{"account_id":"a\udc00b"}"#);
    assert_eq!(codes(&p), ["string_unicode"]);
    // An unreadable key fails the whole LambdaEvent with one error, hiding the others.
    let p = run(r#"{"\ud800":1,"mode":5}"#);
    assert_eq!((codes(&p), locs(&p)), (vec!["string_unicode"], vec![String::new()]));
    // In a dict field the key is shown lossily, three U+FFFD per surrogate.
    let p = run(r#"{"detail-type":"WorkflowStarted","source":"alchemiser.x","detail":{"metadata":{"\ud800x":1}}}"#);
    assert!(locs(&p).contains(&"metadata.\u{FFFD}\u{FFFD}\u{FFFD}x.[key]".to_string()), "{:?}", locs(&p));
    // A surrogate source still starts with "alchemiser.".
    let p = run(r#"{"detail-type":"WorkflowStarted","source":"alchemiser.\ud800","detail":{}}"#);
    assert_eq!(p.path, Path::Domain);
}

#[test]
fn batch_warns_on_repeated_string_event_ids() {
    use alchemiser::routing::Batch;
    let signal = |id: &str| {
        run(&format!(
            r#"{{"detail-type":"SignalGenerated","source":"alchemiser.x","detail":{{"correlation_id":"c","causation_id":"x",
            "event_id":{id},"timestamp":"2025-10-14T12:00:00Z","source_module":"m","signals_data":{{}},
            "consolidated_portfolio":{{}},"signal_count":1}}}}"#
        ))
    };
    let mut batch = Batch::new();
    let mut first = signal("\"dup\"");
    let mut second = signal("\"dup\"");
    let name = |label: u64| ["a.json", "b.json"][label as usize].to_string();
    batch.observe(&mut first, 0, name);
    batch.observe(&mut second, 1, name);
    assert!(warnings(&first).is_empty());
    assert_eq!(warnings(&second), ["duplicate_event_id"]);
    assert!(second.warnings[0].message.contains("a.json"), "{}", second.warnings[0].message);
    // A numeric id fails DynamoDB's string key validation: never deduplicated, never warned.
    let mut batch = Batch::new();
    let (mut a, mut b) = (signal("7"), signal("7"));
    batch.observe(&mut a, 0, name);
    batch.observe(&mut b, 1, name);
    assert!(!warnings(&b).contains(&"duplicate_event_id"), "{:?}", warnings(&b));
}

// §10 logging can raise (cold container), §11 `self`, §12 Python strip, §13 depth.

/// A valid WorkflowStarted detail with `event_id` `e-1`, fields replaced by `changes`.
fn workflow_started(source: &str, changes: &str) -> String {
    format!(
        r#"{{"detail-type":"WorkflowStarted","source":{source},"detail":{{"event_id":"e-1","correlation_id":"c-1",
        "causation_id":"x","timestamp":"2025-10-14T12:00:00Z","source_module":"m","workflow_type":"trading",
        "requested_by":"r"{changes}}}}}"#
    )
}

fn exception(p: &LambdaPrediction) -> (&'static str, String) {
    let e = p.exception.as_ref().unwrap_or_else(|| panic!("expected an exception, got {p:?}"));
    (e.class, e.message.clone())
}

#[test]
fn a_surrogate_in_the_first_log_line_escapes_for_every_event_shape() {
    for event in [
        r#"{"correlation_id":"\ud800"}"#,
        r#"{"mode":"trade","correlation_id":"\ud800"}"#,
        r#"{"detail-type":"ErrorNotificationRequested","correlation_id":"\ud800"}"#,
    ] {
        let p = run(event);
        assert_eq!(p.path, Path::CrashBeforeRouting, "{event}");
        // 130 in Lambda: the line holds the 36-character request id before the value.
        assert_eq!(
            exception(&p),
            (
                "UnicodeEncodeError",
                "'utf-8' codec can't encode character '\\ud800' in position 130: surrogates not allowed".into()
            )
        );
        assert!(warnings(&p).contains(&"container_state"), "{event}: {:?}", warnings(&p));
    }
    // Quoted values and non-strings are rendered with repr(), which escapes the surrogate.
    for event in [r#"{"correlation_id":"a b\ud800"}"#, r#"{"correlation_id":["\ud800"]}"#] {
        let p = run(event);
        assert_eq!(p.path, Path::Command, "{event}");
        assert!(!warnings(&p).contains(&"container_state"));
    }
    // Two adjacent surrogates and an astral character before one.
    assert!(exception(&run(r#"{"correlation_id":"\ude00\ud83d"}"#)).1.contains("characters in position 130-131:"));
    assert!(exception(&run(r#"{"correlation_id":"\ud83d\ude00\ud800"}"#)).1.contains("position 131:"));
}

#[test]
fn a_surrogate_on_the_domain_path_escapes_before_the_dedup_check() {
    let valid = run(&workflow_started(r#""alchemiser.x""#, ""));
    assert_eq!(handler_response(&valid).0, 404);

    let p = run(&workflow_started(r#""alchemiser.\ud800""#, ""));
    assert_eq!((p.path, p.dedup_key.clone()), (Path::Domain, None));
    assert!(exception(&p).1.contains("position 178:"), "{:?}", p.exception);
    let warm = &p.warnings.iter().find(|w| w.code == WarningCode::ContainerState).expect("container_state").message;
    assert!(warm.contains("returns 404"), "{warm}");

    // A space makes the renderer quote the source: nothing raises.
    assert_eq!(handler_response(&run(&workflow_started(r#""alchemiser. \ud800""#, ""))).0, 404);

    // Detail correlation_id: "Received" raises at 78, then "Failed to handle" at 82 replaces it.
    let p = run(&workflow_started(r#""alchemiser.x""#, r#","correlation_id":"\ud800""#));
    assert_eq!(p.dedup_key, None);
    assert!(exception(&p).1.contains("position 82:"), "{:?}", p.exception);
    // Detail event_id: "Received" raises; "Failed to handle" succeeds and re-raises it.
    let p = run(&workflow_started(r#""alchemiser.x""#, r#","event_id":"\ud800""#));
    assert_eq!(p.dedup_key, None);
    assert!(exception(&p).1.contains("position 119:"), "{:?}", p.exception);
    // A quote in the value, a list, or a surrogate deeper in the detail: validation as usual.
    let p = run(&workflow_started(r#""alchemiser.x""#, r#","correlation_id":"'\ud800""#));
    assert_eq!((exception(&p).0, codes(&p)), ("ValidationError", vec!["string_unicode"]));
    assert_eq!(handler_response(&run(&workflow_started(r#""alchemiser.x""#, r#","metadata":{"k":"\ud800"}"#))).0, 404);
}

#[test]
fn a_surrogate_in_an_envelope_header_is_a_critical_error_on_the_command_path() {
    let cases = [
        (r#"{"detail-type":"Scheduled Event","source":"\ud800","detail":{}}"#, 126),
        (r#"{"detail-type":"Sched\ud800","detail":{}}"#, 106),
        (r#"{"detail-type":"StartupEvent","source":"alchemiser.\ud800","detail":{}}"#, 132),
    ];
    for (event, position) in cases {
        let p = run(event);
        let (status, _, _, message) = command(&p);
        assert_eq!(status, "failed", "{event}");
        assert!(message.starts_with("Lambda execution critical error: 'utf-8' codec can't encode character '\\ud800'"));
        assert!(message.contains(&format!("in position {position}:")), "{message}");
        assert!(!p.starts_trade());
        // Where the cold container fails, a warm one trades: never under-predicted by the guard.
        assert!(p.trades_when_warm && p.may_trade(), "{event}");
        let warm = &p.warnings.iter().find(|w| w.code == WarningCode::ContainerState).expect("warned").message;
        assert!(warm.contains("starts a paper trading run"), "{warm}");
    }
    // Without a detail there is no envelope log line: validation fails as usual.
    let p = run(r#"{"detail-type":"Scheduled Event","source":"\ud800"}"#);
    assert_eq!(codes(&p), ["extra_forbidden", "extra_forbidden"]);
    // A list source is repr'd: it trades.
    assert!(run(r#"{"detail-type":"Scheduled Event","source":["\ud800"],"detail":{}}"#).starts_trade());
}

#[test]
fn a_self_key_in_a_domain_detail_is_a_type_error_after_dedup() {
    for dt in alchemiser::routing::DOMAIN_EVENT_TYPES {
        for detail in [r#"{"event_id":"e-9","self":1}"#, r#""{\"event_id\":\"e-9\",\"self\":null}""#] {
            let p = run(&format!(r#"{{"detail-type":"{dt}","source":"alchemiser.x","detail":{detail}}}"#));
            assert_eq!(
                exception(&p),
                ("TypeError", "BaseEvent.__init__() got multiple values for argument 'self'".into()),
                "{dt} {detail}"
            );
            assert_eq!(p.dedup_key, Some(Value::str("e-9")));
            assert!(p.validation.is_none());
        }
    }
    // A bad timestamp string raises first; `Self`, nested `self` and the command path are ordinary.
    assert_eq!(
        exception(&run(&workflow_started(r#""alchemiser.x""#, r#","timestamp":"nope","self":1"#))).0,
        "ValueError"
    );
    assert_eq!(handler_response(&run(&workflow_started(r#""alchemiser.x""#, r#","Self":1"#))).0, 404);
    assert_eq!(handler_response(&run(&workflow_started(r#""alchemiser.x""#, r#","metadata":{"self":1}"#))).0, 404);
    assert_eq!(codes(&run(r#"{"mode":"trade","self":"x"}"#)), ["extra_forbidden"]);
}

#[test]
fn rebalance_validators_strip_like_python() {
    let item = |action: &str, symbol: &str| {
        run(&format!(
            r#"{{"detail-type":"RebalancePlanned","source":"alchemiser.x","detail":{{"rebalance_plan":{{"items":[{{"action":{action},"symbol":{symbol}}}],"execution_urgency":"\u001cHIGH"}}}}}}"#
        ))
    };
    let value_errors = |p: &LambdaPrediction| codes(p).iter().filter(|c| **c == "value_error").count();
    for accepted in [r#""BUY\u001f""#, r#""\u001cSELL""#, r#""\u001e hold \u001d""#, r#""BUY\u0085""#, r#""ſell""#] {
        assert_eq!(value_errors(&item(accepted, r#""AAPL""#)), 0, "{accepted}");
    }
    for refused in [r#""\u001f""#, r#""BUY\u200b""#, r#""\ufeffBUY""#, r#""HOLD\u001c\u0000""#] {
        assert_eq!(value_errors(&item(refused, r#""AAPL""#)), 1, "{refused}");
    }
    // The symbol's length is counted after pydantic's trim, before Python's strip.
    let too_long = item(r#""BUY""#, r#""\u001fABCDEFGHIJ""#);
    assert!(codes(&too_long).contains(&"string_too_long"), "{:?}", codes(&too_long));
    assert!(!codes(&item(r#""BUY""#, r#""\u001f""#)).contains(&"string_too_short"));
}

#[test]
fn string_details_decode_to_the_cpython_3_12_1_depth() {
    let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let with_detail = |detail: String| {
        run(&format!(
            r#"{{"detail-type":"WorkflowStarted","source":"alchemiser.x","detail":{}}}"#,
            serde_json::to_string(&detail).unwrap()
        ))
    };
    let p = with_detail(nested(1497));
    assert_eq!((exception(&p).0, codes(&p)), ("ValidationError", vec!["model_type"]));
    assert!(warnings(&p).contains(&"deep_nesting"));
    let p = with_detail(nested(1498));
    assert_eq!(
        exception(&p),
        ("RecursionError", "maximum recursion depth exceeded while decoding a JSON array from a unicode string".into())
    );
    assert!(warnings(&p).contains(&"deep_nesting"));
    let objects = format!("{}1{}", r#"{"a":"#.repeat(1498), "}".repeat(1498));
    assert!(exception(&with_detail(objects)).1.contains("a JSON object"));
    assert!(!warnings(&with_detail(nested(1000))).contains(&"deep_nesting"));
    assert!(warnings(&with_detail(nested(1001))).contains(&"deep_nesting"));
}
