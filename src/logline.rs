//! The Lambda's log lines, understood (pure: text in, data out).
//!
//! Three shapes reach the log group (reference §7.2): structlog's console format
//! (`2025-10-14 12:00:00 [info     ] Routing to eventbridge_handler for domain event detail_type=… source=…`)
//! before `main()` configured logging in a container; structlog JSON
//! (`{"event": …, "level": …, "timestamp": …, "system": "alchemiser", "request_id": …, …}`) after it;
//! and the Lambda runtime's own records (`START`/`END`/`REPORT RequestId: …`, `[ERROR] Type: …`,
//! `Task timed out after …`). [`parse`] never fails: what it cannot read is [`Format::Plain`].
//! [`Summary`] counts parsed lines per kind, detail-type, outcome and error type.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde_json::Value as Json;

/// What a line says happened, by its message (reference §1–§4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `Routing to eventbridge_handler for domain event`: smart routing took the domain path.
    RoutedDomain,
    /// `Lambda invoked with event`: the command path (logged once per command invocation).
    CommandInvoked,
    /// `Skipping ErrorNotificationRequested event to prevent error cascade`.
    CircuitBreaker,
    /// `Duplicate event detected; skipping processing`.
    DuplicateSkipped,
    /// `Lambda execution critical error` (validation, Import/Attribute/Value/Key/Type/OSError).
    CriticalError,
    /// `Lambda execution error` (trading errors), the runtime's `[ERROR]` record of an
    /// unhandled exception, or `Task timed out`.
    ExecutionError,
    /// `Failed to handle EventBridge event` (the handler raised; the Lambda invocation fails).
    HandlerFailed,
    /// `Event handled successfully`.
    HandledOk,
    /// `No handler configured for event type: <dt>` (404).
    NoHandler,
    /// `Unknown event type: <dt>` (400).
    UnknownEventType,
    /// `Parsed event to command: trade`: the command path is about to run `main(["trade"])`.
    TradingRun,
    /// The runtime's `REPORT RequestId: …` line: one per invocation.
    Report,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::RoutedDomain,
        Kind::CommandInvoked,
        Kind::CircuitBreaker,
        Kind::DuplicateSkipped,
        Kind::CriticalError,
        Kind::ExecutionError,
        Kind::HandlerFailed,
        Kind::HandledOk,
        Kind::NoHandler,
        Kind::UnknownEventType,
        Kind::TradingRun,
        Kind::Report,
        Kind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::RoutedDomain => "routed_domain",
            Kind::CommandInvoked => "command_invoked",
            Kind::CircuitBreaker => "circuit_breaker",
            Kind::DuplicateSkipped => "duplicate_skipped",
            Kind::CriticalError => "critical_error",
            Kind::ExecutionError => "execution_error",
            Kind::HandlerFailed => "handler_failed",
            Kind::HandledOk => "handled_ok",
            Kind::NoHandler => "no_handler",
            Kind::UnknownEventType => "unknown_event_type",
            Kind::TradingRun => "trading_run",
            Kind::Report => "report",
            Kind::Other => "other",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Message prefixes and what they mean. "Lambda execution error" cannot shadow the critical
/// one, and "Duplicate event detected" alone (the idempotency module's line) is not a skip.
const PHRASES: [(&str, Kind); 11] = [
    ("Routing to eventbridge_handler for domain event", Kind::RoutedDomain),
    ("Lambda invoked with event", Kind::CommandInvoked),
    ("Skipping ErrorNotificationRequested event to prevent error cascade", Kind::CircuitBreaker),
    ("Duplicate event detected; skipping processing", Kind::DuplicateSkipped),
    ("Lambda execution critical error", Kind::CriticalError),
    ("Lambda execution error", Kind::ExecutionError),
    ("Failed to handle EventBridge event", Kind::HandlerFailed),
    ("Event handled successfully", Kind::HandledOk),
    ("No handler configured for event type", Kind::NoHandler),
    ("Unknown event type", Kind::UnknownEventType),
    ("Parsed event to command: trade", Kind::TradingRun),
];

/// Which of the shapes the line had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// structlog's console renderer: `<date time> [<level>] <message> key=value …`.
    Console,
    /// structlog JSON: an object with `event` (or `message`).
    Json,
    /// A record of the Lambda runtime (START, END, REPORT, `[LEVEL]` records, timeouts).
    Runtime,
    /// Not understood (traceback lines, print output, anything else).
    Plain,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Console => "console",
            Format::Json => "json",
            Format::Runtime => "runtime",
            Format::Plain => "plain",
        }
    }
}

/// The figures of a `REPORT RequestId: …` line.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Report {
    pub duration_ms: Option<f64>,
    pub billed_duration_ms: Option<f64>,
    pub memory_size_mb: Option<u64>,
    pub max_memory_used_mb: Option<u64>,
    pub init_duration_ms: Option<f64>,
    /// `timeout`, `error`, … when the runtime adds a `Status:`.
    pub status: Option<String>,
}

/// One log message, understood as far as it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct LogLine {
    pub format: Format,
    /// Lower case (`info`, `warning`, `error`, …).
    pub level: Option<String>,
    /// structlog's `event`, the runtime record's text, or the whole (trimmed) line.
    pub message: String,
    /// structlog's `request_id` context (the correlation id before `main()`, main's own id
    /// after it), or the Lambda RequestId of a runtime record.
    pub request_id: Option<String>,
    /// The line's other keys, in order; console values are the text as rendered.
    pub fields: Vec<(String, Json)>,
    pub kind: Kind,
    pub detail_type: Option<String>,
    pub source: Option<String>,
    pub event_id: Option<String>,
    pub correlation_id: Option<String>,
    /// The exception class, for the error kinds.
    pub error_type: Option<String>,
    pub report: Option<Report>,
}

impl LogLine {
    fn new(format: Format, message: &str) -> LogLine {
        LogLine {
            format,
            level: None,
            message: message.to_string(),
            request_id: None,
            fields: Vec::new(),
            kind: Kind::Other,
            detail_type: None,
            source: None,
            event_id: None,
            correlation_id: None,
            error_type: None,
            report: None,
        }
    }

    /// Whether the line had one of the known shapes.
    pub fn understood(&self) -> bool {
        self.format != Format::Plain
    }

    /// A field's text: strings as they are, numbers and booleans as JSON; Python's `None`
    /// (console) and JSON `null` count as absent.
    pub fn field(&self, key: &str) -> Option<Cow<'_, str>> {
        let (_, value) = self.fields.iter().find(|(k, _)| k == key)?;
        match value {
            Json::String(s) if s == "None" && self.format == Format::Console => None,
            Json::String(s) => Some(Cow::Borrowed(s)),
            Json::Null => None,
            other => Some(Cow::Owned(other.to_string())),
        }
    }

    /// Whether `id` is the request id or the value of any field (a correlation or
    /// causation id, an event id, …).
    pub fn carries(&self, id: &str) -> bool {
        self.request_id.as_deref() == Some(id)
            || self.fields.iter().any(|(_, v)| match v {
                Json::String(s) => s == id,
                _ => false,
            })
    }
}

/// Whether `text` holds `id` as a whole id: `c5` in `correlation_id=c5,` but not in `c50` or
/// `xc5` (ids are made of letters, digits, `-` and `_`).
pub fn mentions(text: &str, id: &str) -> bool {
    let part_of_id = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_');
    !id.is_empty()
        && text.match_indices(id).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + id.len()..].chars().next();
            !before.is_some_and(part_of_id) && !after.is_some_and(part_of_id)
        })
}

/// Parses one CloudWatch Logs message. Never fails and never panics.
pub fn parse(raw: &str) -> LogLine {
    let cleaned = strip_ansi(raw);
    let text = cleaned.trim();
    let mut line = parse_runtime(text)
        .or_else(|| parse_json(text))
        .or_else(|| parse_console(text))
        .unwrap_or_else(|| LogLine::new(Format::Plain, text));
    if line.understood() && line.kind == Kind::Other {
        line.kind = classify(&line.message);
    }
    extract(&mut line);
    line
}

fn classify(message: &str) -> Kind {
    PHRASES.iter().find(|(phrase, _)| message.starts_with(phrase)).map_or(Kind::Other, |(_, kind)| *kind)
}

/// Console output may carry colour codes (structlog colours by default when it can).
fn strip_ansi(text: &str) -> Cow<'_, str> {
    if !text.contains('\x1b') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            // Parameters and intermediates, then one final byte in @..~.
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The first line of `text`, for records followed by a traceback.
fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim_end()
}

fn parse_runtime(text: &str) -> Option<LogLine> {
    if let Some(rest) = text.strip_prefix("REPORT RequestId:") {
        let mut line = LogLine::new(Format::Runtime, text);
        line.request_id = first_token(rest);
        line.kind = Kind::Report;
        line.report = Some(parse_report(rest));
        return Some(line);
    }
    for prefix in ["START RequestId:", "END RequestId:"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            let mut line = LogLine::new(Format::Runtime, text);
            line.request_id = first_token(rest);
            return Some(line);
        }
    }
    for prefix in ["INIT_START ", "INIT_REPORT ", "RESTORE_START ", "RESTORE_REPORT ", "EXTENSION\t", "TELEMETRY\t"] {
        if text.starts_with(prefix) {
            return Some(LogLine::new(Format::Runtime, first_line(text)));
        }
    }
    if let Some(rest) = text.strip_prefix("LAMBDA_WARNING:") {
        let mut line = LogLine::new(Format::Runtime, first_line(rest.trim_start()));
        line.level = Some("warning".to_string());
        return Some(line);
    }
    if let Some(line) = parse_bracketed(text) {
        return Some(line);
    }
    parse_timeout(text)
}

/// `[ERROR] Type: message` (an unhandled exception), or the Python logging format the runtime
/// installs: `[LEVEL]\t<time>\t<request id>\t<message>`.
fn parse_bracketed(text: &str) -> Option<LogLine> {
    let rest = text.strip_prefix('[')?;
    let close = rest.find(']')?;
    let level = &rest[..close];
    if level.is_empty() || !level.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let body = &rest[close + 1..];
    if let Some(record) = body.strip_prefix('\t') {
        let mut parts = record.splitn(3, '\t');
        let (_time, request_id, message) = (parts.next()?, parts.next()?, parts.next()?);
        // The message may itself be a structlog line; the prefix then adds what it lacks.
        let mut line = parse_json(message.trim())
            .or_else(|| parse_console(message.trim()))
            .unwrap_or_else(|| LogLine::new(Format::Runtime, first_line(message.trim())));
        if line.request_id.is_none() && !request_id.trim().is_empty() {
            line.request_id = Some(request_id.trim().to_string());
        }
        if line.level.is_none() {
            line.level = Some(level.to_ascii_lowercase());
        }
        return Some(line);
    }
    let body = body.strip_prefix(' ')?.trim_start();
    let mut line = LogLine::new(Format::Runtime, first_line(body));
    line.level = Some(level.to_ascii_lowercase());
    if level == "ERROR" {
        line.kind = Kind::ExecutionError;
        line.error_type = exception_class(body).map(str::to_string);
    }
    Some(line)
}

/// `ValidationError` in `ValidationError: 13 validation errors…`; `Runtime.ExitError` too.
fn exception_class(text: &str) -> Option<&str> {
    let (name, _) = text.split_once(':')?;
    let valid = !name.is_empty()
        && name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
    valid.then_some(name)
}

/// `2025-10-14T12:15:00.000Z <request id> Task timed out after 900.00 seconds`: the phrase
/// after at most a time and a request id, so a structlog line quoting it is not taken for one.
fn parse_timeout(text: &str) -> Option<LogLine> {
    const TIMED_OUT: &str = "Task timed out after";
    let at = text.find(TIMED_OUT)?;
    let before: Vec<&str> = text[..at].split_whitespace().collect();
    let request_id = match before.as_slice() {
        [] => None,
        [time, request_id] if timestamp_len(time) == time.len() => Some(request_id.to_string()),
        _ => return None,
    };
    let mut line = LogLine::new(Format::Runtime, first_line(&text[at..]));
    line.request_id = request_id;
    line.kind = Kind::ExecutionError;
    line.error_type = Some("Timeout".to_string());
    Some(line)
}

fn first_token(text: &str) -> Option<String> {
    text.split_whitespace().next().map(str::to_string)
}

/// The labelled figures of a REPORT line, tab separated (or, if the tabs were lost, found by
/// their labels).
fn parse_report(rest: &str) -> Report {
    const LABELS: [&str; 8] = [
        "Billed Duration:",
        "Init Duration:",
        "Restore Duration:",
        "Duration:",
        "Memory Size:",
        "Max Memory Used:",
        "Status:",
        "Error Type:",
    ];
    let mut report = Report::default();
    let mut starts: Vec<(usize, &str)> = Vec::new();
    for label in LABELS {
        let mut from = 0;
        while let Some(found) = rest[from..].find(label) {
            let at = from + found;
            // "Duration:" inside "Billed Duration:" is not a label of its own.
            let inside = starts.iter().any(|(s, l)| *s < at && at < s + l.len());
            if !inside {
                starts.push((at, label));
            }
            from = at + label.len();
        }
    }
    starts.sort_unstable();
    for (i, (at, label)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(rest.len(), |(next, _)| *next);
        let value = rest[at + label.len()..end].trim();
        let number = || value.split_whitespace().next().and_then(|n| n.parse::<f64>().ok()).filter(|n| n.is_finite());
        let megabytes = || value.split_whitespace().next().and_then(|n| n.parse::<u64>().ok());
        match *label {
            "Duration:" => report.duration_ms = number(),
            "Billed Duration:" => report.billed_duration_ms = number(),
            "Init Duration:" => report.init_duration_ms = number(),
            "Memory Size:" => report.memory_size_mb = megabytes(),
            "Max Memory Used:" => report.max_memory_used_mb = megabytes(),
            "Status:" => report.status = value.split_whitespace().next().map(str::to_string),
            _ => {}
        }
    }
    report
}

fn parse_json(text: &str) -> Option<LogLine> {
    if !(text.starts_with('{') && text.ends_with('}')) {
        return None;
    }
    let Ok(Json::Object(map)) = serde_json::from_str::<Json>(text) else { return None };
    let message_key = ["event", "message"].into_iter().find(|k| map.get(*k).is_some_and(Json::is_string))?;
    let mut line = LogLine::new(Format::Json, map.get(message_key).and_then(Json::as_str).unwrap_or_default());
    for (key, value) in map {
        match key.as_str() {
            k if k == message_key => {}
            "level" | "levelname" if value.is_string() => {
                line.level = value.as_str().map(str::to_ascii_lowercase);
            }
            "timestamp" => {}
            "request_id" if value.is_string() => line.request_id = value.as_str().map(str::to_string),
            _ => line.fields.push((key, value)),
        }
    }
    Some(line)
}

/// structlog's console line. The time is required: it tells these lines from any text that
/// happens to hold brackets.
fn parse_console(text: &str) -> Option<LogLine> {
    let first = first_line(text);
    let time_len = console_time_len(first)?;
    let rest = first[time_len..].trim_start();
    let rest = rest.strip_prefix('[')?;
    let close = rest.find(']')?;
    let level = rest[..close].trim();
    if level.is_empty() || !level.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let body = &rest[close + 1..];
    let starts = field_starts(body);
    let message_end = starts.first().map_or(body.len(), |(at, _)| *at);
    let mut line = LogLine::new(Format::Console, body[..message_end].trim());
    line.level = Some(level.to_ascii_lowercase());
    for (i, (at, eq)) in starts.iter().enumerate() {
        let key = &body[*at..*eq];
        let end = starts.get(i + 1).map_or(body.len(), |(next, _)| *next);
        let value = body[eq + 1..end].trim_end();
        if key == "request_id" {
            line.request_id = Some(value.to_string());
        } else if let Some(slot) = line.fields.iter_mut().find(|(k, _)| k == key) {
            slot.1 = Json::String(value.to_string());
        } else {
            line.fields.push((key.to_string(), Json::String(value.to_string())));
        }
    }
    Some(line)
}

/// Byte length of a leading `YYYY-MM-DD[ T]HH:MM:SS[.fff][Z|±hh:mm|±hhmm]`, if there is one.
fn console_time_len(text: &str) -> Option<usize> {
    let len = timestamp_len(text);
    (len > 0).then_some(len)
}

/// Length of the timestamp at the start of `text` (0 when there is none).
fn timestamp_len(text: &str) -> usize {
    let b = text.as_bytes();
    let digits = |from: usize, n: usize| b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_digit);
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let shape = digits(0, 4)
        && at(4, b'-')
        && digits(5, 2)
        && at(7, b'-')
        && digits(8, 2)
        && (at(10, b' ') || at(10, b'T'))
        && digits(11, 2)
        && at(13, b':')
        && digits(14, 2)
        && at(16, b':')
        && digits(17, 2);
    if !shape {
        return 0;
    }
    let mut i = 19;
    if at(i, b'.') || at(i, b',') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    if at(i, b'Z') {
        i += 1;
    } else if at(i, b'+') || at(i, b'-') {
        if digits(i + 1, 2) && at(i + 3, b':') && digits(i + 4, 2) {
            i += 6;
        } else if digits(i + 1, 4) {
            i += 5;
        }
    }
    i
}

/// Where each `key=` starts in a console body: (key start, position of `=`). A key is an
/// identifier at the start or after whitespace; anything else belongs to the value before.
fn field_starts(body: &str) -> Vec<(usize, usize)> {
    let b = body.as_bytes();
    let mut starts = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || b[i - 1].is_ascii_whitespace();
        if boundary && (b[i].is_ascii_alphabetic() || b[i] == b'_') {
            let mut j = i + 1;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                j += 1;
            }
            if j < b.len() && b[j] == b'=' {
                starts.push((i, j));
                i = j + 1;
                continue;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    starts
}

/// Fills the ids, the detail-type and the error type from the fields and the message.
fn extract(line: &mut LogLine) {
    let own = |line: &LogLine, key: &str| line.field(key).map(Cow::into_owned);
    line.source = own(line, "source");
    line.event_id = own(line, "event_id");
    line.correlation_id = own(line, "correlation_id");
    line.detail_type = match line.kind {
        Kind::NoHandler | Kind::UnknownEventType => {
            message_suffix(&line.message).map(str::to_string).or_else(|| own(line, "detail_type"))
        }
        Kind::CircuitBreaker => own(line, "detail_type").or_else(|| Some("ErrorNotificationRequested".to_string())),
        _ => own(line, "detail_type"),
    };
    if line.kind == Kind::CommandInvoked
        && let Some(Json::Object(event)) = line.field("event_data").and_then(|text| serde_json::from_str(&text).ok())
    {
        // The command path logs the event itself; an envelope names its detail-type there.
        let text = |key: &str| event.get(key).and_then(Json::as_str).map(str::to_string);
        line.detail_type = line.detail_type.take().or_else(|| text("detail-type"));
        line.source = line.source.take().or_else(|| text("source"));
    }
    match line.kind {
        Kind::CriticalError => {
            // Its error_type is the constant "unexpected_critical_error"; the class is original_error.
            line.error_type = own(line, "original_error").or_else(|| own(line, "error_type"));
        }
        Kind::ExecutionError | Kind::HandlerFailed if line.error_type.is_none() => {
            line.error_type = own(line, "error_type");
        }
        _ => {}
    }
}

/// `WorkflowStarted` in `No handler configured for event type: WorkflowStarted`.
fn message_suffix(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once(':')?;
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
}

/// Counts for one detail-type.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct DetailTypeCounts {
    pub routed_domain: u64,
    pub command: u64,
    pub circuit_breaker: u64,
    pub handled: u64,
    pub no_handler: u64,
    pub duplicate_skipped: u64,
    pub handler_failed: u64,
    pub unknown_event_type: u64,
}

/// Invocation durations from REPORT lines (nearest-rank percentiles).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DurationStats {
    pub count: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
}

/// Where an error was counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ErrorOrigin {
    CriticalError,
    ExecutionError,
    HandlerFailed,
    /// The runtime's `[ERROR]` record or timeout line (also present after a handler failure).
    Runtime,
}

impl ErrorOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorOrigin::CriticalError => "critical_error",
            ErrorOrigin::ExecutionError => "execution_error",
            ErrorOrigin::HandlerFailed => "handler_failed",
            ErrorOrigin::Runtime => "runtime",
        }
    }
}

/// The per-detail-type counter a line of this kind adds to, if any.
fn detail_type_slot(kind: Kind) -> Option<fn(&mut DetailTypeCounts) -> &mut u64> {
    match kind {
        Kind::RoutedDomain => Some(|c| &mut c.routed_domain),
        Kind::CommandInvoked => Some(|c| &mut c.command),
        Kind::CircuitBreaker => Some(|c| &mut c.circuit_breaker),
        Kind::HandledOk => Some(|c| &mut c.handled),
        Kind::NoHandler => Some(|c| &mut c.no_handler),
        Kind::DuplicateSkipped => Some(|c| &mut c.duplicate_skipped),
        Kind::HandlerFailed => Some(|c| &mut c.handler_failed),
        Kind::UnknownEventType => Some(|c| &mut c.unknown_event_type),
        _ => None,
    }
}

/// Totals over many lines.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub events: u64,
    pub understood: u64,
    kinds: [u64; Kind::ALL.len()],
    pub detail_types: BTreeMap<String, DetailTypeCounts>,
    /// (exception class, where it was seen) → lines.
    pub errors: BTreeMap<(String, ErrorOrigin), u64>,
    durations_ms: Vec<f64>,
    /// The REPORT statistics as Logs Insights computed them (instead of `durations_ms`).
    reported_durations: Option<DurationStats>,
    pub max_memory_used_mb: Option<u64>,
    pub memory_size_mb: Option<u64>,
}

impl Summary {
    pub fn add(&mut self, line: &LogLine) {
        self.events += 1;
        if line.understood() {
            self.understood += 1;
        }
        self.kinds[line.kind.index()] += 1;
        if let (Some(slot), Some(dt)) = (detail_type_slot(line.kind), &line.detail_type) {
            *slot(self.detail_types.entry(dt.clone()).or_default()) += 1;
        }
        let origin = match (line.kind, line.format) {
            (Kind::ExecutionError, Format::Runtime) => Some(ErrorOrigin::Runtime),
            (Kind::ExecutionError, _) => Some(ErrorOrigin::ExecutionError),
            (Kind::CriticalError, _) => Some(ErrorOrigin::CriticalError),
            (Kind::HandlerFailed, _) => Some(ErrorOrigin::HandlerFailed),
            _ => None,
        };
        if let Some(origin) = origin {
            let class = line.error_type.clone().unwrap_or_else(|| "(unknown)".to_string());
            *self.errors.entry((class, origin)).or_default() += 1;
        }
        if let Some(report) = &line.report {
            if let Some(ms) = report.duration_ms {
                self.durations_ms.push(ms);
            }
            self.max_memory_used_mb = self.max_memory_used_mb.max(report.max_memory_used_mb);
            self.memory_size_mb = self.memory_size_mb.max(report.memory_size_mb);
        }
    }

    pub fn count(&self, kind: Kind) -> u64 {
        self.kinds[kind.index()]
    }

    /// p50/p95/max of the REPORT durations; None without any.
    pub fn durations(&self) -> Option<DurationStats> {
        if self.reported_durations.is_some() {
            return self.reported_durations;
        }
        let mut sorted = self.durations_ms.clone();
        sorted.sort_by(f64::total_cmp);
        let rank = |p: f64| {
            let n = sorted.len();
            let k = ((p / 100.0) * n as f64).ceil() as usize;
            sorted[k.clamp(1, n) - 1]
        };
        let max = *sorted.last()?;
        Some(DurationStats { count: sorted.len(), p50_ms: rank(50.0), p95_ms: rank(95.0), max_ms: max })
    }
}

/// The Logs Insights query that counts what [`Summary`] counts, server-side: each line's phrase
/// (the message prefixes [`PHRASES`] knows, a REPORT, a runtime `[ERROR]` or timeout), its
/// detail-type and error type, grouped, with the REPORT statistics. Lines are told apart by
/// regular expressions on `@message`, which hold for the console and the JSON renderings alike.
pub const INSIGHTS_QUERY: &str = r#"fields @message
| parse @message /(?<phrase>Routing to eventbridge_handler for domain event|Lambda invoked with event|Skipping ErrorNotificationRequested event to prevent error cascade|Duplicate event detected; skipping processing|Lambda execution critical error|Lambda execution error|Failed to handle EventBridge event|Event handled successfully|No handler configured for event type|Unknown event type|Parsed event to command: trade|REPORT RequestId|Task timed out after|\[ERROR\])/
| parse @message /detail_type["']?[=:] ?["']?(?<detailType>[A-Za-z]+(?: Event)?)/
| parse @message /event type: (?<typeInMessage>[A-Za-z]+)/
| parse @message /error_type["']?[=:] ?["']?(?<errorType>[A-Za-z_][A-Za-z0-9_.]*)/
| parse @message /original_error["']?[=:] ?["']?(?<originalError>[A-Za-z_][A-Za-z0-9_.]*)/
| parse @message /\[ERROR\]\s+(?<runtimeError>[A-Za-z_][A-Za-z0-9_.]*):/
| stats count(*) as lines, pct(@duration, 50) as p50, pct(@duration, 95) as p95, max(@duration) as maxDuration, max(@maxMemoryUsed) as maxMemoryBytes, max(@memorySize) as memoryBytes by phrase, detailType, typeInMessage, errorType, originalError, runtimeError"#;

impl Summary {
    /// Adds one row of [`INSIGHTS_QUERY`]'s result (field name, value); a field the row lacks
    /// was null there.
    pub fn add_insights_row(&mut self, row: &[(String, String)]) {
        let get = |name: &str| row.iter().find(|(f, _)| f == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty());
        let number = |name: &str| get(name).and_then(|v| v.parse::<f64>().ok()).filter(|v| v.is_finite());
        let lines = number("lines").map_or(0, |n| n as u64);
        if lines == 0 {
            return;
        }
        let (kind, runtime) = match get("phrase") {
            None => (Kind::Other, false),
            Some("REPORT RequestId") => (Kind::Report, true),
            Some("Task timed out after" | "[ERROR]") => (Kind::ExecutionError, true),
            Some(phrase) => (classify(phrase), false),
        };
        self.events += lines;
        if kind != Kind::Other {
            self.understood += lines;
        }
        self.kinds[kind.index()] += lines;
        let detail_type = match kind {
            Kind::NoHandler | Kind::UnknownEventType => get("typeInMessage").or(get("detailType")),
            Kind::CircuitBreaker => get("detailType").or(Some("ErrorNotificationRequested")),
            _ => get("detailType"),
        };
        if let (Some(slot), Some(dt)) = (detail_type_slot(kind), detail_type) {
            *slot(self.detail_types.entry(dt.to_string()).or_default()) += lines;
        }
        let error = match kind {
            Kind::CriticalError => Some((get("originalError").or(get("errorType")), ErrorOrigin::CriticalError)),
            Kind::ExecutionError if runtime => {
                let class =
                    if get("phrase") == Some("Task timed out after") { Some("Timeout") } else { get("runtimeError") };
                Some((class, ErrorOrigin::Runtime))
            }
            Kind::ExecutionError => Some((get("errorType"), ErrorOrigin::ExecutionError)),
            Kind::HandlerFailed => Some((get("errorType"), ErrorOrigin::HandlerFailed)),
            _ => None,
        };
        if let Some((class, origin)) = error {
            *self.errors.entry((class.unwrap_or("(unknown)").to_string(), origin)).or_default() += lines;
        }
        if kind == Kind::Report {
            if let (Some(p50), Some(p95), Some(max)) = (number("p50"), number("p95"), number("maxDuration")) {
                let count = usize::try_from(lines).unwrap_or(usize::MAX);
                self.reported_durations = Some(DurationStats { count, p50_ms: p50, p95_ms: p95, max_ms: max });
            }
            // Insights gives memory in bytes (the REPORT line's MB are 10^6 bytes).
            let megabytes = |name: &str| number(name).map(|b| (b / 1_000_000.0).round() as u64);
            self.max_memory_used_mb = self.max_memory_used_mb.max(megabytes("maxMemoryBytes"));
            self.memory_size_mb = self.memory_size_mb.max(megabytes("memoryBytes"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Insights query's patterns, run here on real lines of both renderings, read what
    /// [`parse`] reads: each `parse @message /…/` of the query, compiled as a Rust regex.
    #[test]
    fn insights_patterns_read_what_the_parser_reads() {
        let patterns: Vec<regex::Regex> = INSIGHTS_QUERY
            .lines()
            .filter_map(|l| l.strip_prefix("| parse @message /").and_then(|p| p.strip_suffix('/')))
            .map(|p| regex::Regex::new(p).expect("an Insights pattern Rust reads too"))
            .collect();
        let fields = |line: &str| {
            let mut found = std::collections::BTreeMap::new();
            for re in &patterns {
                if let Some(caps) = re.captures(line) {
                    for name in re.capture_names().flatten() {
                        if let Some(m) = caps.name(name) {
                            found.insert(name.to_string(), m.as_str().to_string());
                        }
                    }
                }
            }
            found
        };
        let lines = [
            console(
                "Routing to eventbridge_handler for domain event",
                "correlation_id=c-1 detail_type=SignalGenerated source=alchemiser.strategy_v2.handlers",
            ),
            console("Failed to handle EventBridge event", "correlation_id=c detail_type=RebalancePlanned error='x y' error_type=ValidationError lambda_request_id=unknown"),
            r#"{"event": "Routing to eventbridge_handler for domain event", "detail_type": "WorkflowStarted", "level": "info"}"#.to_string(),
            console("Lambda execution critical error", "error_message='m' error_type=unexpected_critical_error original_error=ValidationError"),
            "[ERROR] TypeError: BaseEvent.__init__() got multiple values for argument 'self'".to_string(),
            console("No handler configured for event type: WorkflowCompleted", "correlation_id=c"),
        ];
        for line in &lines {
            let parsed = parse(line);
            let got = fields(line);
            let detail_type = got.get("typeInMessage").or(got.get("detailType"));
            assert_eq!(detail_type, parsed.detail_type.as_ref(), "{line}: {got:?}");
            let error = match parsed.kind {
                Kind::CriticalError => got.get("originalError"),
                Kind::ExecutionError => got.get("runtimeError"),
                _ => got.get("errorType"),
            };
            if parsed.error_type.is_some() {
                assert_eq!(error, parsed.error_type.as_ref(), "{line}: {got:?}");
            }
            let phrase = got.get("phrase").map(String::as_str);
            let kind = match phrase {
                Some("[ERROR]") => Kind::ExecutionError,
                Some(p) => classify(p),
                None => Kind::Other,
            };
            assert_eq!(kind, parsed.kind, "{line}");
        }
        // A detail-type with a space, as repr quotes it in the console rendering.
        let got = fields(&console("Lambda invoked", "detail_type='Scheduled Event' source=aws.scheduler"));
        assert_eq!(got.get("detailType").map(String::as_str), Some("Scheduled Event"));
    }

    fn console(message: &str, fields: &str) -> String {
        format!("2025-10-14 12:00:00 [info     ] {message:<30} {fields}")
    }

    #[test]
    fn a_trading_run_is_its_own_kind() {
        assert_eq!(parse(&console("Parsed event to command: trade", "")).kind, Kind::TradingRun);
        assert_eq!(parse(&console("Parsed event to action: pnl_analysis", "")).kind, Kind::Other);
    }

    #[test]
    fn console_routing_line() {
        let line = parse(&console(
            "Routing to eventbridge_handler for domain event",
            "detail_type=SignalGenerated source=alchemiser.strategy_v2.handlers correlation_id=c-1",
        ));
        assert_eq!(line.format, Format::Console);
        assert_eq!(line.kind, Kind::RoutedDomain);
        assert_eq!(line.level.as_deref(), Some("info"));
        assert_eq!(line.message, "Routing to eventbridge_handler for domain event");
        assert_eq!(line.detail_type.as_deref(), Some("SignalGenerated"));
        assert_eq!(line.source.as_deref(), Some("alchemiser.strategy_v2.handlers"));
        assert_eq!(line.correlation_id.as_deref(), Some("c-1"));
        assert!(line.carries("c-1"));
        assert!(!line.carries("c-2"));
    }

    #[test]
    fn console_values_keep_their_spaces_and_padding_is_dropped() {
        let line = parse(&console(
            "Failed to handle EventBridge event",
            "error=13 validation errors for RebalancePlanned error_type=ValidationError detail_type=RebalancePlanned correlation_id=c-9 lambda_request_id=unknown",
        ));
        assert_eq!(line.kind, Kind::HandlerFailed);
        assert_eq!(line.field("error").as_deref(), Some("13 validation errors for RebalancePlanned"));
        assert_eq!(line.error_type.as_deref(), Some("ValidationError"));
        assert_eq!(line.detail_type.as_deref(), Some("RebalancePlanned"));
    }

    #[test]
    fn console_with_colours_and_iso_time() {
        let text = "\x1b[2m2025-10-14T12:00:00.123456Z\x1b[0m [\x1b[32m\x1b[1minfo     \x1b[0m] \x1b[1mEvent handled successfully\x1b[0m \x1b[36mdetail_type\x1b[0m=\x1b[35mSignalGenerated\x1b[0m \x1b[36mevent_id\x1b[0m=\x1b[35me-1\x1b[0m";
        let line = parse(text);
        assert_eq!(line.kind, Kind::HandledOk);
        assert_eq!(line.detail_type.as_deref(), Some("SignalGenerated"));
        assert_eq!(line.event_id.as_deref(), Some("e-1"));
    }

    #[test]
    fn console_request_id_is_lifted_and_none_is_absent() {
        let line = parse(&console(
            "Duplicate event detected; skipping processing",
            "event_id=e-7 correlation_id=None detail_type=SignalGenerated request_id=r-1",
        ));
        assert_eq!(line.kind, Kind::DuplicateSkipped);
        assert_eq!(line.request_id.as_deref(), Some("r-1"));
        assert_eq!(line.correlation_id, None);
        assert!(line.fields.iter().all(|(k, _)| k != "request_id"));
    }

    #[test]
    fn idempotency_duplicate_line_is_not_a_skip() {
        assert_eq!(parse(&console("Duplicate event detected", "event_id=e-7 table_name=t")).kind, Kind::Other);
    }

    #[test]
    fn json_lines() {
        let line = parse(
            r#"{"event": "Lambda execution critical error", "level": "error", "timestamp": "2025-10-14T12:00:00Z", "system": "alchemiser", "request_id": "r-2", "error_message": "1 validation error for LambdaEvent", "error_type": "unexpected_critical_error", "original_error": "ValidationError"}"#,
        );
        assert_eq!(line.format, Format::Json);
        assert_eq!(line.kind, Kind::CriticalError);
        assert_eq!(line.level.as_deref(), Some("error"));
        assert_eq!(line.request_id.as_deref(), Some("r-2"));
        assert_eq!(line.error_type.as_deref(), Some("ValidationError"));
        assert_eq!(line.field("system").as_deref(), Some("alchemiser"));
        assert!(line.fields.iter().all(|(k, _)| k != "event" && k != "level" && k != "timestamp"));
    }

    #[test]
    fn json_non_string_fields_and_upper_case_levels() {
        let line = parse(
            r#"{"event":"Lambda execution error","level":"ERROR","error_type":"OrderExecutionError","mode":"trade","attempt":2,"event_id":null}"#,
        );
        assert_eq!(line.kind, Kind::ExecutionError);
        assert_eq!(line.level.as_deref(), Some("error"));
        assert_eq!(line.error_type.as_deref(), Some("OrderExecutionError"));
        assert_eq!(line.field("attempt").as_deref(), Some("2"));
        assert_eq!(line.event_id, None);
    }

    #[test]
    fn every_kind_is_recognised_in_both_formats() {
        let cases = [
            ("Routing to eventbridge_handler for domain event", Kind::RoutedDomain),
            ("Lambda invoked with event", Kind::CommandInvoked),
            ("Skipping ErrorNotificationRequested event to prevent error cascade", Kind::CircuitBreaker),
            ("Duplicate event detected; skipping processing", Kind::DuplicateSkipped),
            ("Lambda execution critical error", Kind::CriticalError),
            ("Lambda execution error", Kind::ExecutionError),
            ("Failed to handle EventBridge event", Kind::HandlerFailed),
            ("Event handled successfully", Kind::HandledOk),
            ("No handler configured for event type: WorkflowStarted", Kind::NoHandler),
            ("Unknown event type: Foo", Kind::UnknownEventType),
            ("Lambda invoked", Kind::Other),
            ("Executing command", Kind::Other),
        ];
        for (message, kind) in cases {
            assert_eq!(parse(&console(message, "a=1")).kind, kind, "console {message}");
            let json = serde_json::json!({"event": message, "level": "info"}).to_string();
            assert_eq!(parse(&json).kind, kind, "json {message}");
            assert_eq!(kind.as_str(), Kind::ALL[kind.index()].as_str());
        }
    }

    #[test]
    fn detail_types_from_messages_and_defaults() {
        let line = parse(&console("No handler configured for event type: WorkflowStarted", ""));
        assert_eq!(line.detail_type.as_deref(), Some("WorkflowStarted"));
        let line = parse(r#"{"event":"Unknown event type: Bogus","level":"warning"}"#);
        assert_eq!(line.detail_type.as_deref(), Some("Bogus"));
        let line = parse(&console("Skipping ErrorNotificationRequested event to prevent error cascade", ""));
        assert_eq!(line.detail_type.as_deref(), Some("ErrorNotificationRequested"));
    }

    #[test]
    fn command_path_takes_the_detail_type_from_the_logged_event() {
        let line = parse(&console(
            "Lambda invoked with event",
            r#"event_data={"version": "0", "detail-type": "Scheduled Event", "source": "aws.scheduler", "detail": {"mode": "trade"}}"#,
        ));
        assert_eq!(line.kind, Kind::CommandInvoked);
        assert_eq!(line.detail_type.as_deref(), Some("Scheduled Event"));
        assert_eq!(line.source.as_deref(), Some("aws.scheduler"));
        let json = serde_json::json!({"event": "Lambda invoked with event", "event_data": "{\"mode\": \"trade\"}"});
        let line = parse(&json.to_string());
        assert_eq!(line.kind, Kind::CommandInvoked);
        assert_eq!(line.detail_type, None);
    }

    #[test]
    fn runtime_start_end_report() {
        let start = parse("START RequestId: 8f5c2d4e-0000-4000-8000-000000000001 Version: $LATEST\n");
        assert_eq!((start.format, start.kind), (Format::Runtime, Kind::Other));
        assert_eq!(start.request_id.as_deref(), Some("8f5c2d4e-0000-4000-8000-000000000001"));
        let end = parse("END RequestId: r-3");
        assert_eq!(end.request_id.as_deref(), Some("r-3"));

        let report = parse(
            "REPORT RequestId: r-3\tDuration: 1234.56 ms\tBilled Duration: 1235 ms\tMemory Size: 512 MB\tMax Memory Used: 181 MB\tInit Duration: 987.65 ms\t\n",
        );
        assert_eq!(report.kind, Kind::Report);
        assert_eq!(report.request_id.as_deref(), Some("r-3"));
        let r = report.report.unwrap_or_default();
        assert_eq!(r.duration_ms, Some(1234.56));
        assert_eq!(r.billed_duration_ms, Some(1235.0));
        assert_eq!(r.memory_size_mb, Some(512));
        assert_eq!(r.max_memory_used_mb, Some(181));
        assert_eq!(r.init_duration_ms, Some(987.65));
        assert_eq!(r.status, None);
    }

    #[test]
    fn report_without_tabs_and_with_a_status() {
        let line = parse(
            "REPORT RequestId: r-4 Duration: 900000.00 ms Billed Duration: 900000 ms Memory Size: 512 MB Max Memory Used: 300 MB Status: timeout",
        );
        let r = line.report.unwrap_or_default();
        assert_eq!(r.duration_ms, Some(900000.0));
        assert_eq!(r.billed_duration_ms, Some(900000.0));
        assert_eq!(r.max_memory_used_mb, Some(300));
        assert_eq!(r.status.as_deref(), Some("timeout"));
    }

    #[test]
    fn runtime_error_records() {
        let line = parse(
            "[ERROR] ValidationError: 13 validation errors for RebalancePlanned\nrebalance_plan.timestamp\n  Input should be a valid datetime\nTraceback (most recent call last):\n  File \"/var/task/x.py\", line 1",
        );
        assert_eq!((line.format, line.kind), (Format::Runtime, Kind::ExecutionError));
        assert_eq!(line.error_type.as_deref(), Some("ValidationError"));
        assert_eq!(line.message, "ValidationError: 13 validation errors for RebalancePlanned");
        assert_eq!(line.level.as_deref(), Some("error"));

        let line = parse("[ERROR] Runtime.ImportModuleError: Unable to import module 'x'");
        assert_eq!(line.error_type.as_deref(), Some("Runtime.ImportModuleError"));

        let line =
            parse("2025-10-14T12:15:00.000Z 8f5c2d4e-0000-4000-8000-000000000002 Task timed out after 900.00 seconds");
        assert_eq!(line.kind, Kind::ExecutionError);
        assert_eq!(line.error_type.as_deref(), Some("Timeout"));
        assert_eq!(line.request_id.as_deref(), Some("8f5c2d4e-0000-4000-8000-000000000002"));
    }

    #[test]
    fn python_logging_records_wrap_structlog_lines() {
        let line = parse("[INFO]\t2025-10-14T12:00:00.123Z\tr-5\tEvent handled successfully");
        assert_eq!((line.format, line.kind), (Format::Runtime, Kind::HandledOk));
        assert_eq!(line.request_id.as_deref(), Some("r-5"));
        assert_eq!(line.level.as_deref(), Some("info"));
        let line = parse(
            "[WARNING]\t2025-10-14T12:00:00.123Z\tr-6\t{\"event\":\"No handler configured for event type: TradeExecuted\"}",
        );
        assert_eq!((line.format, line.kind), (Format::Json, Kind::NoHandler));
        assert_eq!(line.request_id.as_deref(), Some("r-6"));
        assert_eq!(line.level.as_deref(), Some("warning"));
        let warning = parse("[WARNING] something odd");
        assert_eq!((warning.format, warning.kind), (Format::Runtime, Kind::Other));
    }

    #[test]
    fn garbage_is_plain() {
        for text in [
            "",
            "   ",
            "hello world",
            "Traceback (most recent call last):",
            "{not json}",
            "{\"no_event\": 1}",
            "[1, 2, 3]",
            "[info] no time",
            "2025-10-14 12:00:00 no level",
            "2025-10-14 12:00:00 [in fo] spaced level",
            "2025-10-14 12:00:00 [",
            "2025-1x-14 12:00:00 [info] bad date",
            "[ERROR]",
            "[]",
            "REPORT",
            "é[ERROR] ü",
        ] {
            let line = parse(text);
            assert!(!line.understood(), "{text:?} → {line:?}");
            assert_eq!(line.kind, Kind::Other, "{text:?}");
        }
        assert_eq!(parse("  hello  \n").message, "hello");
    }

    #[test]
    fn odd_but_valid_shapes_do_not_panic() {
        for text in [
            "2025-10-14 12:00:00 [info] =x a= b==c _=1 é=2 x=é",
            "2025-10-14 12:00:00+0200 [debug] m",
            "2025-10-14 12:00:00.5+02:00 [warning] m k=v",
            "REPORT RequestId: \tDuration: nan ms\tDuration: inf ms\tMemory Size: -1 MB",
            "REPORT RequestId: x Billed Duration: Duration: Max Memory Used:",
            "[ERROR]\t\t\t",
            "[ERROR]\tt\tr\t",
            "\x1b[",
            "\x1b[31",
            "x Task timed out after",
        ] {
            let line = parse(text);
            let mut summary = Summary::default();
            summary.add(&line);
            assert_eq!(summary.events, 1);
        }
        let line = parse("REPORT RequestId: \tDuration: nan ms");
        assert_eq!(line.report.and_then(|r| r.duration_ms), None);
    }

    fn report(ms: f64) -> LogLine {
        parse(&format!(
            "REPORT RequestId: r\tDuration: {ms} ms\tBilled Duration: 1 ms\tMemory Size: 512 MB\tMax Memory Used: {} MB",
            ms as u64
        ))
    }

    #[test]
    fn summary_counts_kinds_detail_types_errors_and_durations() {
        let mut s = Summary::default();
        let lines = [
            console("Routing to eventbridge_handler for domain event", "detail_type=SignalGenerated source=alchemiser.x"),
            console("Event handled successfully", "detail_type=SignalGenerated"),
            console("Routing to eventbridge_handler for domain event", "detail_type=WorkflowStarted source=alchemiser.x"),
            console("No handler configured for event type: WorkflowStarted", ""),
            console("Skipping ErrorNotificationRequested event to prevent error cascade", "detail_type=ErrorNotificationRequested"),
            console("Duplicate event detected; skipping processing", "detail_type=SignalGenerated event_id=e"),
            console("Failed to handle EventBridge event", "error_type=ValidationError detail_type=RebalancePlanned"),
            "[ERROR] ValidationError: 13 validation errors".to_string(),
            r#"{"event":"Lambda execution critical error","original_error":"ValidationError","error_type":"unexpected_critical_error"}"#.to_string(),
            "not a log line".to_string(),
        ];
        for line in &lines {
            s.add(&parse(line));
        }
        for ms in [100.0, 200.0, 300.0, 400.0] {
            s.add(&report(ms));
        }
        assert_eq!(s.events, 14);
        assert_eq!(s.understood, 13);
        assert_eq!(s.count(Kind::RoutedDomain), 2);
        assert_eq!(s.count(Kind::Report), 4);
        let signal = &s.detail_types["SignalGenerated"];
        assert_eq!((signal.routed_domain, signal.handled, signal.duplicate_skipped), (1, 1, 1));
        assert_eq!(s.detail_types["WorkflowStarted"].no_handler, 1);
        assert_eq!(s.detail_types["ErrorNotificationRequested"].circuit_breaker, 1);
        assert_eq!(s.detail_types["RebalancePlanned"].handler_failed, 1);
        let key = |origin| ("ValidationError".to_string(), origin);
        assert_eq!(s.errors.get(&key(ErrorOrigin::HandlerFailed)), Some(&1));
        assert_eq!(s.errors.get(&key(ErrorOrigin::Runtime)), Some(&1));
        assert_eq!(s.errors.get(&key(ErrorOrigin::CriticalError)), Some(&1));
        let d = s.durations().unwrap_or_else(|| panic!("durations"));
        assert_eq!((d.count, d.p50_ms, d.p95_ms, d.max_ms), (4, 200.0, 400.0, 400.0));
        assert_eq!(s.max_memory_used_mb, Some(400));
        assert_eq!(s.memory_size_mb, Some(512));
        assert_eq!(Summary::default().durations(), None);
    }

    #[test]
    fn nearest_rank_percentiles() {
        let mut s = Summary::default();
        for ms in 1..=100 {
            s.add(&report(f64::from(ms)));
        }
        let d = s.durations().unwrap_or_else(|| panic!("durations"));
        assert_eq!((d.p50_ms, d.p95_ms, d.max_ms), (50.0, 95.0, 100.0));
        let mut one = Summary::default();
        one.add(&report(7.0));
        let d = one.durations().unwrap_or_else(|| panic!("durations"));
        assert_eq!((d.p50_ms, d.p95_ms), (7.0, 7.0));
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        /// Arbitrary text, often behind a prefix that sends it down one of the parsers.
        fn log_text() -> impl Strategy<Value = String> {
            let prefix = prop_oneof![
                Just(""),
                Just("REPORT RequestId: "),
                Just("START RequestId: "),
                Just("[ERROR] "),
                Just("[INFO]\t"),
                Just("{\"event\":"),
                Just("2025-10-14 12:00:00 ["),
                Just("2025-10-14 12:00:00 [info     ] "),
                Just("2025-10-14T12:00:00.1+02:00 [error] Lambda invoked with event event_data="),
                Just("\x1b["),
            ];
            (prefix, any::<String>()).prop_map(|(p, s)| format!("{p}{s}"))
        }

        proptest! {
            #[test]
            fn parsing_never_panics(text in log_text()) {
                let line = parse(&text);
                let mut summary = Summary::default();
                summary.add(&line);
                let _ = summary.durations();
                prop_assert_eq!(summary.events, 1);
            }

            #[test]
            fn console_fields_round_trip(key in "[a-z_][a-z0-9_]{0,10}", value in "[!-~]{1,20}") {
                prop_assume!(key != "request_id" && !value.contains('='));
                let line = parse(&format!("2025-10-14 12:00:00 [info     ] msg {key}={value}"));
                let found = line.field(&key).map(Cow::into_owned);
                prop_assert_eq!(found, (value != "None").then_some(value));
            }
        }
    }

    #[test]
    fn an_id_is_mentioned_only_whole() {
        assert!(mentions("correlation_id=c5 detail_type=X", "c5"));
        assert!(mentions("{\"correlation_id\": \"c5\"}", "c5"));
        assert!(mentions("c5", "c5"));
        assert!(!mentions("correlation_id=c50", "c5"));
        assert!(!mentions("correlation_id=xc5", "c5"));
        assert!(!mentions("id=c5-1", "c5"));
        assert!(mentions("ids c50 and c5.", "c5"), "a trailing full stop ends a sentence, not the id");
        assert!(!mentions("anything", ""));
    }
}
