//! The routing core against the verified behaviours of 2.27.0 (facts §1–§4, §6, §8).

use alchemiser::json::{Value, parse_python_json};
use alchemiser::routing::{Path, Response, Stage, WarningCode, predict};

fn event(text: &str) -> Value {
    parse_python_json(text).unwrap_or_else(|e| panic!("test event {text}: {e:?}")).value
}

fn run(text: &str) -> alchemiser::routing::LambdaPrediction {
    predict(&event(text), Stage::Dev)
}

fn codes(p: &alchemiser::routing::LambdaPrediction) -> Vec<&'static str> {
    p.validation_errors.iter().map(|e| e.code).collect()
}

fn locs(p: &alchemiser::routing::LambdaPrediction) -> Vec<String> {
    p.validation_errors.iter().map(|e| alchemiser::routing::validate::render_loc(&e.loc)).collect()
}

fn warnings(p: &alchemiser::routing::LambdaPrediction) -> Vec<&'static str> {
    p.warnings.iter().map(|w| w.code.as_str()).collect()
}

fn command(p: &alchemiser::routing::LambdaPrediction) -> (&'static str, &'static str, &'static str, String) {
    match &p.response {
        Some(Response::Command { status, mode, trading_mode, message }) => {
            (status, mode, trading_mode, message.clone())
        }
        other => panic!("expected a command response, got {other:?}"),
    }
}

fn handler_response(p: &alchemiser::routing::LambdaPrediction) -> (u16, String) {
    match &p.response {
        Some(Response::Handler { status_code, body }) => (*status_code, body.clone()),
        other => panic!("expected a handler response, got {other:?}"),
    }
}

fn args(p: &alchemiser::routing::LambdaPrediction) -> Vec<&str> {
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
        assert!(p.validation_errors.is_empty(), "{text}");
    }
}

#[test]
fn trading_mode_and_message_follow_the_stage() {
    let dev = predict(&event(r#"{"mode":"trade","trading_mode":"live"}"#), Stage::Dev);
    assert_eq!(command(&dev), ("success", "trade", "paper", "Paper trading completed successfully".into()));
    assert!(warnings(&dev).contains(&"ignored_field"), "the event's trading_mode is ignored");
    let prod = predict(&event(r#"{"mode":"trade","trading_mode":"paper"}"#), Stage::Prod);
    assert_eq!(command(&prod), ("success", "trade", "live", "Live trading completed successfully".into()));
    assert!(warnings(&prod).contains(&"live_trade"));
    let pnl = predict(&event(r#"{"action":"pnl_analysis","pnl_type":"weekly"}"#), Stage::Prod);
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
    assert!(p.validation_errors.is_empty());
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
        assert!(p.validation_errors.is_empty(), "{ws}");
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
    assert!(p.validation_errors[0].loc.is_empty());
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
        p.validation_errors
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
    batch.observe(&mut first, &"a.json");
    batch.observe(&mut second, &"b.json");
    assert!(warnings(&first).is_empty());
    assert_eq!(warnings(&second), ["duplicate_event_id"]);
    assert!(second.warnings[0].message.contains("a.json"), "{}", second.warnings[0].message);
    // A numeric id fails DynamoDB's string key validation: never deduplicated, never warned.
    let mut batch = Batch::new();
    let (mut a, mut b) = (signal("7"), signal("7"));
    batch.observe(&mut a, &"a");
    batch.observe(&mut b, &"b");
    assert!(!warnings(&b).contains(&"duplicate_event_id"), "{:?}", warnings(&b));
}
