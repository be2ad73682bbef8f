//! The 2.27.0 Lambda as a pure function: an event in, a [`LambdaPrediction`] out.
//!
//! This follows `lambda_handler` and `eventbridge_handler` step by step (facts §1–§4),
//! including where they crash, predicting as if `main`, the handlers and the container
//! succeed and the dedup table has never seen the event.

pub mod domain_events;
pub mod isotime;
pub mod lambda_event;
pub mod logging;
pub mod validate;

use crate::json::parse::{FIRMLY_KNOWN_DEPTH, ParseErrorKind, parse_pystr};
use crate::json::{Object, PyStr, Value};
use logging::Field;
use std::borrow::Cow;

use validate::Validation;

/// `{}`: what the handler uses for a falsy event or a missing detail.
static EMPTY: std::sync::LazyLock<Value> = std::sync::LazyLock::new(|| Value::Object(Object::new()));

/// The deployment stage: names every resource and decides paper or live trading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    Dev,
    Prod,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Dev => "dev",
            Stage::Prod => "prod",
        }
    }

    /// The stage a resource name or ARN ends with: `alchemiser-trading-events-prod`,
    /// `arn:aws:events:…:event-bus/alchemiser-trading-events-dev`,
    /// `arn:aws:lambda:…:function:the-alchemiser-v2-lambda-prod:live` (a qualifier is skipped).
    pub fn in_name(name: &str) -> Option<Stage> {
        let name = match name.split_once(":function:") {
            Some((_, rest)) => rest.split(':').next().unwrap_or(rest),
            None => name.rsplit(['/', ':']).next().unwrap_or(name),
        };
        if name.ends_with("-prod") {
            Some(Stage::Prod)
        } else if name.ends_with("-dev") {
            Some(Stage::Dev)
        } else {
            None
        }
    }

    /// The template's default Alpaca endpoint decides: dev → paper, prod → live.
    pub fn trading_mode(self) -> &'static str {
        match self {
            Stage::Dev => "paper",
            Stage::Prod => "live",
        }
    }
}

/// The six detail-types `_is_domain_event` accepts.
pub const DOMAIN_EVENT_TYPES: [&str; 6] =
    ["WorkflowStarted", "SignalGenerated", "RebalancePlanned", "TradeExecuted", "WorkflowCompleted", "WorkflowFailed"];

const CIRCUIT_BREAKER_TYPE: &str = "ErrorNotificationRequested";

/// Which branch of `lambda_handler` the event takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Path {
    CircuitBreaker,
    Domain,
    Command,
    /// Raised before routing decided: the first log line or `_is_domain_event` itself.
    CrashBeforeRouting,
}

impl Path {
    pub fn as_str(self) -> &'static str {
        match self {
            Path::CircuitBreaker => "circuit_breaker",
            Path::Domain => "domain",
            Path::Command => "command",
            Path::CrashBeforeRouting => "crash_before_routing",
        }
    }
}

/// What the Lambda returns (without `request_id`, which comes from the invocation context).
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// `lambda_handler`'s own shape.
    Command { status: &'static str, mode: &'static str, trading_mode: &'static str, message: Message },
    /// `eventbridge_handler`'s shape.
    Handler { status_code: u16, body: String },
}

/// How a command response's message starts when `main` or the validation raised.
pub const CRITICAL_ERROR: &str = "Lambda execution critical error: ";

/// The `message` of a command response.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Text(String),
    /// `Lambda execution critical error: ` and pydantic's text of the prediction's
    /// `validation`: written from it when read, as it can be gigabytes long.
    ValidationFailed,
}

impl From<String> for Message {
    fn from(text: String) -> Self {
        Message::Text(text)
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message::Text(text.to_string())
    }
}

/// An exception that escapes the Lambda (a function error).
#[derive(Debug, Clone, PartialEq)]
pub struct Exception {
    /// The Python class name, e.g. `TypeError`.
    pub class: &'static str,
    pub message: String,
}

/// The handler class whose `handle_event` runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handler {
    PortfolioAnalysis,
    TradingExecution,
}

impl Handler {
    pub fn as_str(self) -> &'static str {
        match self {
            Handler::PortfolioAnalysis => "PortfolioAnalysisHandler",
            Handler::TradingExecution => "TradingExecutionHandler",
        }
    }
}

/// Something an operator must not miss about an event.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub code: WarningCode,
    /// Most messages are fixed text: no allocation per event for those.
    pub message: std::borrow::Cow<'static, str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningCode {
    /// `main(["trade"])` runs against the paper account.
    StartsTrade,
    /// `main(["trade"])` runs against the live account (prod).
    LiveTrade,
    /// A non-object or empty payload became a trading run without any validation.
    ImplicitTrade,
    /// The event names a trading mode or mode that the Lambda ignores.
    IgnoredField,
    /// An `alchemiser.*` source or a domain detail-type that is not routed as a domain event.
    NotRoutedAsDomain,
    /// The Lambda raises: async retries, then the event is dropped.
    LambdaCrash,
    /// `RebalancePlanned` cannot validate in 2.27.0.
    RebalanceNeverValidates,
    /// The command payload fails `LambdaEvent` validation (status failed + error notification).
    ValidationFailed,
    /// A domain event that validates but has no handler (404): nothing happens.
    NoHandler,
    /// The same `event_id` earlier in the batch.
    DuplicateEventId,
    /// `NaN`/`Infinity` in the event: Python accepts it, AWS APIs reject it as invalid JSON.
    NonstandardJson,
    /// The input is a PutEvents entry: predicted as the event the bus delivers from it.
    PutEventsEntry,
    /// The outcome depends on whether the container has run `main()` (logging can raise before).
    ContainerState,
    /// Nesting deeper than every Python 3.12 release decodes alike.
    DeepNesting,
    /// A rule that matches the event is DISABLED.
    DisabledRuleMatch,
    /// A bus event that no enabled rule delivers to the Lambda.
    NotDelivered,
    /// The bus invokes the Lambda more than once for the event.
    DeliveredMoreThanOnce,
}

impl WarningCode {
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::StartsTrade => "starts_trade",
            WarningCode::LiveTrade => "live_trade",
            WarningCode::ImplicitTrade => "implicit_trade",
            WarningCode::IgnoredField => "ignored_field",
            WarningCode::NotRoutedAsDomain => "not_routed_as_domain",
            WarningCode::LambdaCrash => "lambda_crash",
            WarningCode::RebalanceNeverValidates => "rebalance_never_validates",
            WarningCode::ValidationFailed => "validation_failed",
            WarningCode::NoHandler => "no_handler",
            WarningCode::DuplicateEventId => "duplicate_event_id",
            WarningCode::NonstandardJson => "nonstandard_json",
            WarningCode::PutEventsEntry => "put_events_entry",
            WarningCode::ContainerState => "container_state",
            WarningCode::DeepNesting => "deep_nesting",
            WarningCode::DisabledRuleMatch => "disabled_rule_match",
            WarningCode::NotDelivered => "not_delivered",
            WarningCode::DeliveredMoreThanOnce => "delivered_more_than_once",
        }
    }
}

/// Everything `route` predicts about one Lambda invocation with one event (which it may
/// borrow: a failed validation keeps its input).
#[derive(Debug, Clone, PartialEq)]
pub struct LambdaPrediction<'e> {
    pub path: Path,
    pub response: Option<Response>,
    pub exception: Option<Exception>,
    pub main_args: Option<Vec<String>>,
    pub handler: Option<Handler>,
    /// The `event_id` checked against the dedup table.
    pub dedup_key: Option<Value>,
    /// Whether the event is written to the dedup table afterwards.
    pub marks_processed: bool,
    /// The model validation that failed (`LambdaEvent`, `SignalGenerated`, …), if one did.
    pub validation: Option<Validation<'e>>,
    pub warnings: Vec<Warning>,
    /// In a warm container (one that has run `main()`), where logging cannot raise, the event
    /// starts a trading run although the prediction (a cold container) does not.
    pub trades_when_warm: bool,
}

impl<'e> LambdaPrediction<'e> {
    fn new(path: Path) -> Self {
        LambdaPrediction {
            path,
            response: None,
            exception: None,
            main_args: None,
            handler: None,
            dedup_key: None,
            marks_processed: false,
            validation: None,
            warnings: Vec::new(),
            trades_when_warm: false,
        }
    }

    fn warn(&mut self, code: WarningCode, message: impl Into<std::borrow::Cow<'static, str>>) {
        self.warnings.push(Warning { code, message: message.into() });
    }

    fn raise(&mut self, class: &'static str, message: impl Into<String>) {
        let message = message.into();
        self.warn(
            WarningCode::LambdaCrash,
            format!(
                "the Lambda raises {class}: an EventBridge delivery is retried twice (async invocation) and then dropped; a direct invoke gets a function error"
            ),
        );
        self.exception = Some(Exception { class, message });
    }

    /// Whether the event starts `main(["trade"])`.
    pub fn starts_trade(&self) -> bool {
        self.main_args.as_ref().is_some_and(|args| args.first().is_some_and(|a| a == "trade"))
    }

    /// Whether the event can start a trading run in some container: what a safety check uses.
    pub fn may_trade(&self) -> bool {
        self.starts_trade() || self.trades_when_warm
    }

    /// The same prediction, owning everything (a failed validation's input is copied).
    pub fn into_owned(self) -> LambdaPrediction<'static> {
        LambdaPrediction { validation: self.validation.map(Validation::into_owned), ..self }
    }

    /// How many validation errors pydantic reports (0 when validation passed or never ran).
    pub fn validation_error_count(&self) -> usize {
        self.validation.as_ref().map_or(0, Validation::count)
    }

    /// Writes the command response's `message`.
    pub fn write_response_message(&self, out: &mut impl crate::json::Out) {
        match (&self.response, &self.validation) {
            (Some(Response::Command { message: Message::Text(text), .. }), _) => out.push_str(text),
            (Some(Response::Command { message: Message::ValidationFailed, .. }), Some(validation)) => {
                out.push_str(CRITICAL_ERROR);
                validation.write_text(out);
            }
            _ => {}
        }
    }

    /// The first line of the command response's `message` (pydantic's text is not built for it).
    pub fn response_first_line(&self) -> Option<String> {
        match (&self.response, &self.validation) {
            (Some(Response::Command { message: Message::Text(text), .. }), _) => {
                Some(text.lines().next().unwrap_or_default().to_string())
            }
            (Some(Response::Command { message: Message::ValidationFailed, .. }), Some(validation)) => {
                Some(format!("{CRITICAL_ERROR}{}", validation.headline()))
            }
            (Some(Response::Command { .. }), None) => Some(String::new()),
            _ => None,
        }
    }

    /// The command response's `message`, when the response is a command response.
    pub fn response_message(&self) -> Option<String> {
        matches!(self.response, Some(Response::Command { .. })).then(|| {
            let mut text = String::new();
            self.write_response_message(&mut text);
            text
        })
    }

    /// The outcome in a few words, for messages about another outcome.
    fn outcome(&self, stage: Stage) -> String {
        if let Some(e) = &self.exception {
            return format!("raises {}", e.class);
        }
        match &self.response {
            _ if self.starts_trade() => match stage {
                Stage::Dev => "starts a paper trading run (main([\"trade\"]))".to_string(),
                Stage::Prod => "starts a LIVE trading run (main([\"trade\"]))".to_string(),
            },
            Some(Response::Command { status: "skipped", .. }) => "skips it (circuit breaker)".to_string(),
            Some(Response::Command { status, .. }) => match &self.main_args {
                Some(args) => format!("runs main({args:?})"),
                None => format!("returns status {status} ({})", self.response_first_line().unwrap_or_default()),
            },
            Some(Response::Handler { status_code, body }) => format!("returns {status_code} ({body})"),
            None => "returns nothing".to_string(),
        }
    }
}

/// Whether a log call can raise: only until `main()` has run in the container (facts §10.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Cold,
    Warm,
}

/// One invocation being predicted: where its log lines go and which one failed.
struct Invocation {
    stage: Stage,
    container: Container,
    /// The message of the log call that raised, if one did.
    failed_log: Option<&'static str>,
}

impl Invocation {
    /// Prints one log call: in a cold container a lone surrogate written raw raises.
    fn log(&mut self, message: &'static str, fields: &mut [(&'static str, Field<'_>)]) -> Result<(), String> {
        if self.container == Container::Warm {
            return Ok(());
        }
        logging::write(message, fields).inspect_err(|_| {
            self.failed_log.get_or_insert(message);
        })
    }
}

/// Predicts what the deployed 2.27.0 Lambda does with `event` at `stage`, in a container that
/// has not run `main()` yet; a `container_state` warning says where a warm one differs.
pub fn predict(event: &Value, stage: Stage) -> LambdaPrediction<'_> {
    let mut cold = Invocation { stage, container: Container::Cold, failed_log: None };
    let mut p = lambda_handler(event, &mut cold);
    if let Some(message) = cold.failed_log {
        let warm = lambda_handler(event, &mut Invocation { stage, container: Container::Warm, failed_log: None });
        p.trades_when_warm = warm.starts_trade() && !p.starts_trade();
        p.warn(
            WarningCode::ContainerState,
            format!(
                "a lone surrogate makes the log line \"{message}\" raise UnicodeEncodeError in a container that has not run main() yet (predicted here); in a container that has run a trade or pnl, logging cannot fail and the Lambda {} instead",
                warm.outcome(stage)
            ),
        );
    }
    p
}

/// The field `correlation_id` of the first log lines: the event's own when truthy, else a
/// generated UUID.
fn correlation_field(event: &Value) -> Field<'_> {
    match event.as_object().and_then(|o| o.get("correlation_id")) {
        Some(id) if id.is_truthy() => Field::StrOf(id),
        _ => Field::Plain(36),
    }
}

/// `lambda_handler(event, context)`.
fn lambda_handler<'e>(event: &'e Value, run: &mut Invocation) -> LambdaPrediction<'e> {
    let correlation_id = correlation_field(event);
    // "Lambda invoked", outside any try: a failure escapes whatever the event is.
    if let Err(message) = run.log(
        "Lambda invoked",
        &mut [
            ("aws_request_id", Field::Plain(logging::REQUEST_ID_LEN)),
            ("correlation_id", correlation_id),
            ("event_has_correlation_id", Field::Plain(4)),
        ],
    ) {
        let mut p = LambdaPrediction::new(Path::CrashBeforeRouting);
        p.raise("UnicodeEncodeError", message);
        return p;
    }
    let object = event.as_object();
    if let Some(obj) = object
        && obj.get("detail-type").and_then(Value::as_pystr).is_some_and(|dt| dt.is(CIRCUIT_BREAKER_TYPE))
    {
        let mut p = LambdaPrediction::new(Path::CircuitBreaker);
        p.response = Some(Response::Command {
            status: "skipped",
            mode: "error_notification",
            trading_mode: "n/a",
            message: "Error notification event skipped (circuit breaker)".into(),
        });
        return p;
    }
    if let Some(obj) = object {
        match is_domain_event(obj) {
            Err(crash) => {
                let mut p = LambdaPrediction::new(Path::CrashBeforeRouting);
                p.raise(crash.class, crash.message);
                return p;
            }
            Ok(Some(detail_type)) => {
                // Outside any try as well: a failure escapes before the handler runs.
                let routed = run.log(
                    "Routing to eventbridge_handler for domain event",
                    &mut [
                        ("correlation_id", correlation_id),
                        ("detail_type", Field::Plain(detail_type.len())),
                        ("source", obj.get("source").map_or(Field::Plain(4), Field::Value)),
                    ],
                );
                if let Err(message) = routed {
                    let mut p = LambdaPrediction::new(Path::Domain);
                    p.raise("UnicodeEncodeError", message);
                    return p;
                }
                return eventbridge_handler(obj, detail_type, run);
            }
            Ok(None) => {}
        }
    }
    command_path(event, run)
}

/// `_is_domain_event`: membership test first (needs a hashable detail-type), then the
/// source prefix (needs a `str` source). Returns the detail-type when it is a domain event.
fn is_domain_event(obj: &Object) -> Result<Option<&'static str>, Exception> {
    let detail_type = match obj.get("detail-type") {
        None => return Ok(None),
        Some(v) if !v.is_hashable() => {
            return Err(Exception { class: "TypeError", message: format!("unhashable type: '{}'", v.python_type()) });
        }
        Some(Value::Str(s)) => match DOMAIN_EVENT_TYPES.iter().find(|t| s.is(t)) {
            Some(t) => *t,
            None => return Ok(None),
        },
        Some(_) => return Ok(None),
    };
    match obj.get("source") {
        None => Ok(None),
        Some(Value::Str(s)) => Ok(s.starts_with_ascii("alchemiser.").then_some(detail_type)),
        Some(other) => Err(Exception {
            class: "AttributeError",
            message: format!("'{}' object has no attribute 'startswith'", other.python_type()),
        }),
    }
}

/// `eventbridge_handler(event, context)` for a domain event (facts §2.1).
fn eventbridge_handler<'e>(obj: &'e Object, detail_type: &'static str, run: &mut Invocation) -> LambdaPrediction<'e> {
    let mut p = LambdaPrediction::new(Path::Domain);
    // A string detail is decoded: the prediction keeps the decoded value if it fails validation.
    let mut input = Cow::Borrowed(obj.get("detail").unwrap_or(&*EMPTY));
    if let Value::Str(text) = &*input {
        // Outside the handler's try: only JSONDecodeError is caught (→ `{}`).
        match parse_pystr(text) {
            Ok(parsed) => {
                if parsed.depth > FIRMLY_KNOWN_DEPTH {
                    warn_deep(&mut p, "the string detail", false);
                }
                input = Cow::Owned(parsed.value);
            }
            Err(e) => match e.kind {
                ParseErrorKind::Syntax => input = Cow::Borrowed(&*EMPTY),
                ParseErrorKind::IntTooLong => {
                    p.raise("ValueError", e.message);
                    return p;
                }
                ParseErrorKind::TooDeep => {
                    warn_deep(&mut p, "the string detail", true);
                    p.raise("RecursionError", e.message);
                    return p;
                }
            },
        }
    }

    let detail = &*input;

    // "Received EventBridge event", inside the try, before the dedup check. Its failure is
    // logged by "Failed to handle EventBridge event", which can raise again and replace it.
    let (detail_correlation, event_id_field) = match detail {
        Value::Object(d) => (
            d.get("correlation_id").map_or(Field::Plain(7), Field::Value),
            d.get("event_id").map_or(Field::Plain(4), Field::Value),
        ),
        _ => (Field::Plain(7), Field::Plain(7)),
    };
    let received = run.log(
        "Received EventBridge event",
        &mut [
            ("correlation_id", detail_correlation),
            ("event_id", event_id_field),
            ("source", obj.get("source").map_or(Field::Plain(4), Field::Value)),
            ("detail_type", Field::Plain(detail_type.len())),
            ("lambda_request_id", Field::Plain(7)),
        ],
    );
    if let Err(first) = received {
        // Only `correlation_id` can raise on this line; the fields after it do not move it.
        let message = match run.log("Failed to handle EventBridge event", &mut [("correlation_id", detail_correlation)])
        {
            Err(second) => second,
            Ok(()) => first,
        };
        p.raise("UnicodeEncodeError", message);
        return p;
    }

    let event_id = match detail {
        Value::Object(d) => d.get("event_id").cloned().unwrap_or(Value::Null),
        _ => Value::str("unknown"),
    };
    if event_id.is_truthy() && !event_id.as_pystr().is_some_and(|s| s.is("unknown")) {
        p.dedup_key = Some(event_id);
    }

    let converted: &'static [&'static str] = match timestamp_step(detail) {
        Err(e) => {
            p.raise(e.class, e.message);
            return p;
        }
        Ok(true) => &["timestamp"],
        Ok(false) => &[],
    };

    // BaseEvent's own constructor takes the detail as keywords: `self` collides with its
    // instance parameter before any field is validated (facts §11).
    if let Value::Object(d) = detail
        && d.contains_key("self")
    {
        p.raise("TypeError", "BaseEvent.__init__() got multiple values for argument 'self'");
        return p;
    }

    let Some(model) = domain_events::event_class(detail_type) else {
        // Unreachable through lambda_handler, which forwards only mapped types.
        p.response = Some(Response::Handler { status_code: 400, body: format!("Unknown event type: {detail_type}") });
        return p;
    };
    if let Some(failed) = Validation::check(model, input, converted) {
        if detail_type == "RebalancePlanned" {
            p.warn(
                WarningCode::RebalanceNeverValidates,
                "RebalancePlanned can never validate in 2.27.0 (nested datetime and Decimal fields cannot come from JSON): the Lambda raises ValidationError and the trade never executes",
            );
        }
        // The first line of pydantic's text; each error is in `validation`.
        let message = failed.headline();
        p.validation = Some(failed);
        p.raise("ValidationError", message);
        return p;
    }

    let handler = match detail_type {
        "SignalGenerated" => Handler::PortfolioAnalysis,
        "RebalancePlanned" => Handler::TradingExecution,
        _ => {
            p.response = Some(Response::Handler { status_code: 404, body: format!("No handler for: {detail_type}") });
            p.warn(
                WarningCode::NoHandler,
                format!("{detail_type} validates but has no handler in 2.27.0: the Lambda returns 404 and nothing else happens"),
            );
            return p;
        }
    };
    p.handler = Some(handler);
    p.marks_processed = p.dedup_key.is_some();
    p.response = Some(Response::Handler { status_code: 200, body: "Event processed successfully".into() });
    p
}

/// Warns that nesting past [`FIRMLY_KNOWN_DEPTH`] is decided by the interpreter's patch level.
pub fn warn_deep(p: &mut LambdaPrediction<'_>, what: &str, too_deep: bool) {
    let verdict = if too_deep { "raise RecursionError" } else { "decode" };
    p.warn(
        WarningCode::DeepNesting,
        format!(
            "{what} is nested more than {FIRMLY_KNOWN_DEPTH} levels deep: predicted to {verdict} as on CPython 3.12.1 (up to {} levels decode); later 3.12 patch releases changed that limit and the deployed one is not known",
            crate::json::parse::MAX_DEPTH
        ),
    );
}

/// The handler's `if "timestamp" in detail and isinstance(detail["timestamp"], str)` step.
/// Returns whether the timestamp was converted to a datetime.
fn timestamp_step(detail: &Value) -> Result<bool, Exception> {
    let type_error = |message: String| Exception { class: "TypeError", message };
    match detail {
        Value::Object(d) => match d.get("timestamp") {
            Some(Value::Str(s)) => {
                let replaced = s.as_str().replace('Z', "+00:00");
                let parsed = match s.utf16() {
                    None => isotime::fromisoformat(&replaced).map_err(|e| e.message),
                    Some(units) => {
                        // Python names the string it was given, surrogates escaped, not the
                        // sanitized copy it parsed.
                        let given: Vec<u16> = units
                            .iter()
                            .flat_map(
                                |&u| if u == u16::from(b'Z') { "+00:00".encode_utf16().collect() } else { vec![u] },
                            )
                            .collect();
                        let invalid = || {
                            format!(
                                "Invalid isoformat string: {}",
                                crate::json::pyrepr::repr(&Value::Str(PyStr::from_utf16(&given)))
                            )
                        };
                        match sanitize_separator(units) {
                            Some(text) => isotime::fromisoformat(&text).map_err(|e| {
                                if e.message.starts_with("Invalid isoformat string") { invalid() } else { e.message }
                            }),
                            None => Err(invalid()),
                        }
                    }
                };
                parsed.map(|_| true).map_err(|message| Exception { class: "ValueError", message })
            }
            _ => Ok(false),
        },
        Value::Array(items) => {
            if items.iter().any(|v| v.as_pystr().is_some_and(|s| s.is("timestamp"))) {
                Err(type_error("list indices must be integers or slices, not str".into()))
            } else {
                Ok(false)
            }
        }
        Value::Str(s) => {
            if s.as_str().contains("timestamp") {
                Err(type_error("string indices must be integers, not 'str'".into()))
            } else {
                Ok(false)
            }
        }
        other => Err(type_error(format!("argument of type '{}' is not iterable", other.python_type()))),
    }
}

/// CPython's `_sanitize_isoformat_str` for a timestamp holding lone surrogates (after the
/// handler's `Z` → `+00:00`): the first surrogate at code point 7, 8 or 10 (where a separator
/// can sit) becomes `T`; any other surrogate makes the string invalid (`None`).
fn sanitize_separator(units: &[u16]) -> Option<String> {
    let mut chars: Vec<Option<char>> = Vec::new();
    for c in char::decode_utf16(units.iter().copied()) {
        match c {
            Ok('Z') => chars.extend("+00:00".chars().map(Some)),
            Ok(c) => chars.push(Some(c)),
            Err(_) => chars.push(None),
        }
    }
    if let Some(pos) = [7, 8, 10].into_iter().find(|&p| chars.get(p).is_some_and(Option::is_none)) {
        chars[pos] = Some('T');
    }
    chars.into_iter().collect()
}

/// The command path of `lambda_handler` (facts §1.1 step 6).
fn command_path<'e>(event: &'e Value, run: &mut Invocation) -> LambdaPrediction<'e> {
    let stage = run.stage;
    let mut p = LambdaPrediction::new(Path::Command);
    if let Some(obj) = event.as_object() {
        warn_not_routed(&mut p, obj);
        // `parse_event_mode` logs an envelope before unwrapping it, inside the try.
        if let (Some(detail_type), true) = (obj.get("detail-type"), obj.contains_key("detail")) {
            let source = obj.get("source").map_or(Field::Plain(4), Field::Value);
            let logged = run.log(
                "Detected EventBridge envelope; extracting detail payload",
                &mut [("detail_type", Field::Value(detail_type)), ("source", source)],
            );
            if let Err(message) = logged {
                p.response = Some(Response::Command {
                    status: "failed",
                    mode: "unknown",
                    trading_mode: "unknown",
                    message: format!("{CRITICAL_ERROR}{message}").into(),
                });
                return p;
            }
        }
    }

    // `parse_event_mode(event or {})`, then one level of envelope unwrapping.
    let falsy = !event.is_truthy();
    let mut payload = if falsy { &*EMPTY } else { event };
    if let Some(obj) = payload.as_object()
        && obj.contains_key("detail-type")
        && let Some(detail) = obj.get("detail")
    {
        payload = detail;
    }

    let args = match payload {
        Value::Object(obj) => match lambda_event::parse(payload) {
            Ok(args) => {
                if falsy {
                    p.warn(
                        WarningCode::ImplicitTrade,
                        format!(
                            "the event is empty ({}): it is treated as {{}} and becomes a trading run",
                            crate::json::pyrepr::repr(event)
                        ),
                    );
                } else if obj.is_empty() {
                    p.warn(
                        WarningCode::ImplicitTrade,
                        "the payload is an empty object: it validates and becomes a trading run",
                    );
                }
                warn_ignored_fields(&mut p, obj, stage);
                args
            }
            Err(failed) => {
                p.validation = Some(failed);
                p.response = Some(Response::Command {
                    status: "failed",
                    mode: "unknown",
                    trading_mode: "unknown",
                    message: Message::ValidationFailed,
                });
                p.warn(
                    WarningCode::ValidationFailed,
                    "the payload fails LambdaEvent validation: the Lambda returns status failed and publishes an ErrorNotificationRequested",
                );
                return p;
            }
        },
        other => {
            let what = if std::ptr::eq(other, event) { "the event" } else { "the envelope's detail" };
            p.warn(
                WarningCode::ImplicitTrade,
                format!(
                    "{what} is not an object ({}): it is not validated and becomes a trading run",
                    other.python_type()
                ),
            );
            vec!["trade".to_string()]
        }
    };

    let (mode, trading_mode) = if args[0] == "trade" { ("trade", stage.trading_mode()) } else { ("pnl", "n/a") };
    let title = match trading_mode {
        "paper" => "Paper",
        "live" => "Live",
        _ => "N/A",
    };
    if mode == "trade" {
        match stage {
            Stage::Dev => p.warn(WarningCode::StartsTrade, "starts a paper trading run: main([\"trade\"]) (stage dev)"),
            Stage::Prod => p.warn(
                WarningCode::LiveTrade,
                "starts a LIVE trading run with real money: main([\"trade\"]) (stage prod)",
            ),
        }
    }
    p.response = Some(Response::Command {
        status: "success",
        mode,
        trading_mode,
        message: format!("{title} trading completed successfully").into(),
    });
    p.main_args = Some(args);
    p
}

/// Warns about events that look like domain events but take the command path.
fn warn_not_routed(p: &mut LambdaPrediction<'_>, obj: &Object) {
    let detail_type = obj.get("detail-type").and_then(Value::as_pystr);
    let source = obj.get("source").and_then(Value::as_pystr);
    let is_domain_type = detail_type.is_some_and(|dt| DOMAIN_EVENT_TYPES.iter().any(|t| dt.is(t)));
    let alchemiser_source = source.is_some_and(|s| s.starts_with_ascii("alchemiser."));
    let shown = |s: Option<&PyStr>| s.map_or("(none)".to_string(), |s| format!("{:?}", s.as_str()));
    if alchemiser_source && !is_domain_type {
        p.warn(
            WarningCode::NotRoutedAsDomain,
            format!(
                "source {} is an alchemiser event but detail-type {} is not one of the six domain types: it takes the command path",
                shown(source),
                shown(detail_type)
            ),
        );
    } else if is_domain_type && !alchemiser_source {
        p.warn(
            WarningCode::NotRoutedAsDomain,
            format!(
                "detail-type {} is a domain event type but source {} does not start with \"alchemiser.\": it takes the command path",
                shown(detail_type),
                shown(source)
            ),
        );
    }
}

/// Fields a valid payload may carry that do not do what they say.
fn warn_ignored_fields(p: &mut LambdaPrediction<'_>, obj: &Object, stage: Stage) {
    let is_trade = !matches!(obj.get("action"), Some(Value::Str(a)) if a.is("pnl_analysis"));
    if let Some(Value::Str(asked)) = obj.get("trading_mode")
        && is_trade
        && !asked.is(stage.trading_mode())
    {
        p.warn(
            WarningCode::IgnoredField,
            format!(
                "the event asks for trading_mode {:?} but the Lambda ignores it: stage {} trades {}",
                asked.as_str(),
                stage.as_str(),
                stage.trading_mode()
            ),
        );
    }
    if let Some(Value::Str(mode)) = obj.get("mode")
        && mode.is("bot")
    {
        p.warn(WarningCode::IgnoredField, "mode \"bot\" is ignored: the Lambda runs a trade");
    }
}

/// Cross-event state of one batch: the dedup table fills as events succeed.
///
/// Only string ids matter: the table's key is a DynamoDB string, and for any other id the
/// GetItem and PutItem calls fail parameter validation (the handler treats that as "new").
/// Each id is kept as a 64-bit hash beside its first user's label, 16 bytes in all, so the
/// table costs about 25–40 bytes per distinct id however large the events are (two ids sharing
/// a hash is a 1-in-10^7 chance at a million ids: it would add a wrong `duplicate_event_id`
/// warning, never change a prediction).
#[derive(Debug, Default)]
pub struct Batch {
    /// Id hash → the first user's label, with [`MARKED`] set once an event of the batch marks
    /// the id processed.
    seen: std::collections::HashMap<u64, u64>,
}

/// The label bit that says the id is marked processed; labels use the 63 bits below it.
const MARKED: u64 = 1 << 63;

impl Batch {
    pub fn new() -> Self {
        Batch::default()
    }

    /// Adds batch-level warnings to `prediction`; `label` (below 2^63) names the event, and
    /// `describe` turns a label into the words a message uses.
    pub fn observe(&mut self, prediction: &mut LambdaPrediction, label: u64, describe: impl Fn(u64) -> String) {
        use std::hash::{Hash, Hasher};
        let Some(Value::Str(key)) = &prediction.dedup_key else { return };
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        key.hash(&mut hasher);
        let label = label & !MARKED;
        let marks = if prediction.marks_processed { MARKED } else { 0 };
        match self.seen.get_mut(&hasher.finish()) {
            Some(first) => {
                let described = describe(*first & !MARKED);
                let message = if *first & MARKED != 0 {
                    format!(
                        "event_id also used by {described}: once that one succeeds, the dedup table skips this one (200 \"Duplicate event skipped\")"
                    )
                } else {
                    format!("event_id also used by {described}, which is not marked processed, so both run")
                };
                if *first & MARKED == 0 && marks != 0 {
                    *first = label | MARKED;
                }
                prediction.warn(WarningCode::DuplicateEventId, message);
            }
            None => {
                self.seen.insert(hasher.finish(), label | marks);
            }
        }
    }
}
