//! `alchemiser logs`: the Lambda's log group, read (`FilterLogEvents` over a window), followed
//! (polling, nothing missed or repeated) or live-tailed (`StartLiveTail`), each line understood
//! by [`crate::logline`], printed or summarised.
//!
//! Following polls `FilterLogEvents` from a start time that trails the newest event seen by
//! [`LATE_ARRIVAL_MS`] (never past it: events of the same millisecond, or from another stream,
//! can be ingested later), and drops the event ids it already printed; ids older than the
//! start are forgotten, so memory stays bounded. Throttling waits (exponential, capped) and
//! asks again.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::future::Future;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use crate::aws::LogsClient as Client;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;
use serde_json::Value as Json;

use crate::aws::error::AwsError;
use crate::aws::logs::{
    FetchError, FilterQuery, LiveUpdate, LogEvent, Page, filter_page, log_group_arn, start_live_tail,
};
use crate::exit::Exit;
use crate::logline::{self, DetailTypeCounts, ErrorOrigin, Kind, LogLine, Summary};
use crate::render::{OutputFormat, Style};
use crate::when;

/// The filter used unless `--filter`, `--all` or `--correlation-id` say otherwise: one line per
/// domain event the Lambda routed.
pub const DEFAULT_FILTER: &str = "\"Routing to eventbridge_handler\"";

/// How far behind the newest event seen a follow query starts, for events ingested late.
pub const LATE_ARRIVAL_MS: i64 = 10_000;

/// Throttling waits double from this…
const THROTTLE_FIRST_WAIT: Duration = Duration::from_secs(1);
/// …up to this.
const THROTTLE_MAX_WAIT: Duration = Duration::from_secs(30);
/// A one-off read gives up after this many throttled attempts in a row; following never does.
const THROTTLE_RETRIES_ONCE: u32 = 8;
/// FilterLogEvents returns at most this many events per page.
const MAX_PAGE_EVENTS: u64 = 10_000;

impl From<crate::cli::LogFormatArg> for LogFormat {
    fn from(format: crate::cli::LogFormatArg) -> Self {
        match format {
            crate::cli::LogFormatArg::Short => LogFormat::Short,
            crate::cli::LogFormatArg::Detailed => LogFormat::Detailed,
            crate::cli::LogFormatArg::Json => LogFormat::Json,
        }
    }
}

/// How each event is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Time and message.
    Short,
    /// Time with milliseconds, log stream and message.
    Detailed,
    /// One JSON object per event (same as `-o json`).
    Json,
}

/// Read once, follow, or live-tail.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Once {
        end_ms: i64,
        limit: Option<u64>,
    },
    Follow {
        interval: Duration,
        /// Say so on stderr after this long without a new event (None: never).
        idle_notice: Option<Duration>,
    },
    Live,
}

/// Everything `logs` needs, resolved from the command line.
#[derive(Debug, Clone)]
pub struct LogsOptions {
    pub log_group: String,
    pub start_ms: i64,
    pub mode: Mode,
    /// The CloudWatch filter pattern sent with each call (None: every event).
    pub pattern: Option<String>,
    /// Events per FilterLogEvents call (None: AWS's maximum).
    pub page_size: Option<u64>,
    /// Keep only lines that mention this id or carry it in a parsed field.
    pub correlation_id: Option<String>,
    pub format: LogFormat,
    pub summary: bool,
    pub style: Style,
    /// Live Tail against an emulator needs the `stream-` host prefix removed.
    pub strip_host_prefix: bool,
}

/// Why `logs` stopped early.
#[derive(Debug)]
pub enum LogsError {
    Aws(AwsError),
    Io(io::Error),
}

impl From<AwsError> for LogsError {
    fn from(e: AwsError) -> Self {
        LogsError::Aws(e)
    }
}

impl From<io::Error> for LogsError {
    fn from(e: io::Error) -> Self {
        LogsError::Io(e)
    }
}

/// Reads, follows or tails per `opts`; `stop` (Ctrl-C in the binary) ends following and live
/// tailing cleanly. Prints nothing on stdout when no event matched, and says so on stderr.
pub async fn run<S: Future<Output = ()>>(
    client: &Client,
    opts: &LogsOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
    stop: S,
) -> Result<Exit, LogsError> {
    let mut sink = Sink::new(opts, out);
    match &opts.mode {
        Mode::Once { end_ms, limit } => read_once(client, opts, *end_ms, *limit, &mut sink, err).await?,
        Mode::Follow { interval, idle_notice } => {
            tokio::select! {
                result = follow(client, opts, *interval, *idle_notice, &mut sink, err) => result?,
                () = stop => {}
            }
        }
        Mode::Live => {
            tokio::select! {
                result = live(client, opts, &mut sink, err) => result?,
                () = stop => {}
            }
        }
    }
    if sink.kept == 0 {
        writeln!(err, "no log events in {}", window(opts))?;
        return Ok(Exit::Success);
    }
    if let Some(summary) = &sink.summary {
        let text = match opts.format {
            LogFormat::Json => summary_json(summary, opts),
            LogFormat::Short | LogFormat::Detailed => summary_tables(summary, opts.style),
        };
        sink.out.write_all(text.as_bytes())?;
        // The table first, then what it covers, even when both go to one terminal.
        sink.out.flush()?;
        writeln!(err, "{}", window(opts))?;
    }
    sink.out.flush()?;
    Ok(Exit::Success)
}

/// `/aws/lambda/x from 2025-10-14T11:50:00Z to 2025-10-14T12:00:00Z (filter "…")`.
fn window(opts: &LogsOptions) -> String {
    let mut text = opts.log_group.clone();
    match &opts.mode {
        Mode::Once { end_ms, .. } => {
            let _ = write!(text, " from {} to {}", when::utc_of_ms(opts.start_ms), when::utc_of_ms(*end_ms));
        }
        Mode::Follow { .. } => {
            let _ = write!(text, " since {}", when::utc_of_ms(opts.start_ms));
        }
        Mode::Live => text.push_str(" during the live tail"),
    }
    let mut notes = Vec::new();
    match &opts.pattern {
        Some(p) if p == DEFAULT_FILTER => notes.push(format!("filter {p}; --all shows every event")),
        Some(p) => notes.push(format!("filter {p}")),
        None => {}
    }
    if let Some(id) = &opts.correlation_id {
        notes.push(format!("correlation id {id}"));
    }
    if !notes.is_empty() {
        let _ = write!(text, " ({})", notes.join(", "));
    }
    text
}

/// Where events go: printed, or counted for `--summary`.
struct Sink<'a> {
    opts: &'a LogsOptions,
    out: &'a mut dyn Write,
    kept: u64,
    summary: Option<Summary>,
    /// Parsing is only needed for JSON, colours, the summary and the correlation filter.
    parse: bool,
}

impl<'a> Sink<'a> {
    fn new(opts: &'a LogsOptions, out: &'a mut dyn Write) -> Sink<'a> {
        let parse = opts.summary || opts.format == LogFormat::Json || opts.style.color || opts.correlation_id.is_some();
        Sink { opts, out, kept: 0, summary: opts.summary.then(Summary::default), parse }
    }

    /// Prints or counts the event unless the correlation filter drops it.
    fn event(&mut self, event: &LogEvent) -> io::Result<()> {
        let line = self.parse.then(|| logline::parse(&event.message));
        if let (Some(id), Some(line)) = (&self.opts.correlation_id, &line)
            && !event.message.contains(id.as_str())
            && !line.carries(id)
        {
            return Ok(());
        }
        self.kept += 1;
        if let Some(summary) = &mut self.summary {
            if let Some(line) = &line {
                summary.add(line);
            }
            return Ok(());
        }
        let mut text = String::with_capacity(event.message.len() + 64);
        match self.opts.format {
            LogFormat::Json => write_json_event(&mut text, event, line.as_ref()),
            LogFormat::Short | LogFormat::Detailed => write_text_event(&mut text, event, line.as_ref(), self.opts),
        }
        self.out.write_all(text.as_bytes())
    }
}

fn write_text_event(text: &mut String, event: &LogEvent, line: Option<&LogLine>, opts: &LogsOptions) {
    let message = event.message.trim_end();
    let colour = match line.and_then(|l| l.level.as_deref()) {
        _ if !opts.style.color => None,
        Some("error" | "critical" | "exception" | "fatal") => Some("\x1b[31m"),
        Some("warning" | "warn") => Some("\x1b[33m"),
        _ => None,
    };
    if let Some(code) = colour {
        text.push_str(code);
    }
    match opts.format {
        LogFormat::Detailed => {
            let _ = write!(text, "{} {} {message}", when::utc_millis_of_ms(event.timestamp_ms), event.stream);
        }
        _ => {
            let _ = write!(text, "{} {message}", when::utc_of_ms(event.timestamp_ms));
        }
    }
    if colour.is_some() {
        text.push_str("\x1b[0m");
    }
    text.push('\n');
}

/// One event of `logs -o json`, keys in a fixed order (see the README).
#[derive(Serialize)]
struct EventJson<'a> {
    timestamp: String,
    stream: &'a str,
    event_id: Option<&'a str>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parsed: Option<ParsedJson<'a>>,
}

/// What the line was understood to say.
#[derive(Serialize)]
struct ParsedJson<'a> {
    format: &'static str,
    level: Option<&'a str>,
    event: &'a str,
    kind: &'static str,
    request_id: Option<&'a str>,
    fields: Fields<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    correlation_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a logline::Report>,
}

/// The line's other keys as an object, in their order (repeats kept, as the line has them).
struct Fields<'a>(&'a [(String, Json)]);

impl Serialize for Fields<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

fn write_json_event(text: &mut String, event: &LogEvent, line: Option<&LogLine>) {
    let parsed = line.filter(|l| l.understood()).map(|line| ParsedJson {
        format: line.format.as_str(),
        level: line.level.as_deref(),
        event: &line.message,
        kind: line.kind.as_str(),
        request_id: line.request_id.as_deref(),
        fields: Fields(&line.fields),
        detail_type: line.detail_type.as_deref(),
        source: line.source.as_deref(),
        event_id: line.event_id.as_deref(),
        correlation_id: line.correlation_id.as_deref(),
        error_type: line.error_type.as_deref(),
        report: line.report.as_ref(),
    });
    let record = EventJson {
        timestamp: when::utc_millis_of_ms(event.timestamp_ms),
        stream: &event.stream,
        event_id: event.event_id.as_deref(),
        message: &event.message,
        parsed,
    };
    // Strings, maps and the numbers of a REPORT line always serialise.
    text.push_str(&serde_json::to_string(&record).unwrap_or_default());
    text.push('\n');
}

/// The wait after the `retry`-th throttled call in a row (1 s, 2 s, 4 s, … up to 30 s).
pub fn throttle_wait(retry: u32) -> Duration {
    THROTTLE_FIRST_WAIT.saturating_mul(2u32.saturating_pow(retry.saturating_sub(1))).min(THROTTLE_MAX_WAIT)
}

/// One page, waiting and asking again while throttled (at most `max_retries` times in a row
/// when given).
async fn fetch(
    client: &Client,
    query: &FilterQuery,
    max_retries: Option<u32>,
    err: &mut dyn Write,
) -> Result<Page, LogsError> {
    let mut retry = 0;
    loop {
        match filter_page(client, query).await {
            Ok(page) => return Ok(page),
            Err(FetchError { throttled: true, error }) if max_retries.is_none_or(|max| retry < max) => {
                retry += 1;
                let wait = throttle_wait(retry);
                writeln!(err, "throttled by CloudWatch Logs; asking again in {:.0?} ({})", wait, error.message)?;
                tokio::time::sleep(wait).await;
            }
            Err(FetchError { error, .. }) => return Err(error.into()),
        }
    }
}

/// The next token, unless the server repeats the one it was given (a broken emulator would
/// otherwise loop forever).
fn next_token(page: Page, asked_with: Option<&String>) -> Option<String> {
    page.next_token.filter(|t| Some(t) != asked_with)
}

async fn read_once(
    client: &Client,
    opts: &LogsOptions,
    end_ms: i64,
    limit: Option<u64>,
    sink: &mut Sink<'_>,
    err: &mut dyn Write,
) -> Result<(), LogsError> {
    let mut query = FilterQuery {
        log_group: opts.log_group.clone(),
        start_ms: opts.start_ms,
        end_ms: Some(end_ms),
        pattern: opts.pattern.clone(),
        limit: None,
        next_token: None,
    };
    loop {
        let remaining = limit.map(|l| l.saturating_sub(sink.kept));
        if remaining == Some(0) {
            return Ok(());
        }
        // The remaining count is only a hint: the correlation filter may drop some of the page.
        let page = [remaining, opts.page_size].into_iter().flatten().min();
        query.limit = page.map(|n| n.min(MAX_PAGE_EVENTS) as i32);
        let mut page = fetch(client, &query, Some(THROTTLE_RETRIES_ONCE), err).await?;
        for event in std::mem::take(&mut page.events) {
            if limit.is_some_and(|l| sink.kept >= l) {
                return Ok(());
            }
            sink.event(&event)?;
        }
        match next_token(page, query.next_token.as_ref()) {
            Some(token) => query.next_token = Some(token),
            None => return Ok(()),
        }
    }
}

/// What `--follow` has already printed, so that nothing is printed twice.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Where the next query starts (inclusive).
    start_ms: i64,
    /// Event id → its timestamp, for every event at or after `start_ms`.
    ids: HashMap<String, i64>,
    newest_ms: Option<i64>,
}

impl Seen {
    pub fn new(start_ms: i64) -> Seen {
        Seen { start_ms, ids: HashMap::new(), newest_ms: None }
    }

    pub fn start_ms(&self) -> i64 {
        self.start_ms
    }

    #[cfg(test)]
    fn remembered(&self) -> usize {
        self.ids.len()
    }

    /// Whether the event is new (and remembers it).
    pub fn admit(&mut self, event: &LogEvent) -> bool {
        let key = match &event.event_id {
            Some(id) => id.clone(),
            // FilterLogEvents always sends an id; without one, the event's content stands in.
            None => format!("{}\u{0}{}\u{0}{}", event.stream, event.timestamp_ms, event.message),
        };
        if self.ids.contains_key(&key) {
            return false;
        }
        self.ids.insert(key, event.timestamp_ms);
        self.newest_ms = self.newest_ms.max(Some(event.timestamp_ms));
        true
    }

    /// After a complete round of pages: the next one starts [`LATE_ARRIVAL_MS`] before the
    /// newest event seen (never later than that event, never earlier than before), and ids
    /// older than the new start are forgotten, since no query can return them again.
    pub fn advance(&mut self) {
        if let Some(newest) = self.newest_ms {
            self.start_ms = self.start_ms.max(newest.saturating_sub(LATE_ARRIVAL_MS));
            let start = self.start_ms;
            self.ids.retain(|_, ts| *ts >= start);
        }
    }
}

async fn follow(
    client: &Client,
    opts: &LogsOptions,
    interval: Duration,
    idle_notice: Option<Duration>,
    sink: &mut Sink<'_>,
    err: &mut dyn Write,
) -> Result<(), LogsError> {
    let mut seen = Seen::new(opts.start_ms);
    let mut last_new = Instant::now();
    let mut last_new_at = Timestamp::now();
    let mut last_notice = Instant::now();
    loop {
        let mut query = FilterQuery {
            log_group: opts.log_group.clone(),
            start_ms: seen.start_ms(),
            end_ms: None,
            pattern: opts.pattern.clone(),
            limit: opts.page_size.map(|n| n.min(MAX_PAGE_EVENTS) as i32),
            next_token: None,
        };
        let mut new = 0;
        loop {
            let mut page = fetch(client, &query, None, err).await?;
            for event in std::mem::take(&mut page.events) {
                if seen.admit(&event) {
                    new += 1;
                    sink.event(&event)?;
                }
            }
            match next_token(page, query.next_token.as_ref()) {
                Some(token) => query.next_token = Some(token),
                None => break,
            }
        }
        sink.out.flush()?;
        seen.advance();
        if new > 0 {
            last_new = Instant::now();
            last_new_at = Timestamp::now();
            last_notice = last_new;
        } else if let Some(idle) = idle_notice
            && last_new.elapsed() >= idle
            && last_notice.elapsed() >= idle
        {
            writeln!(err, "no new events since {} UTC", last_new_at.strftime("%H:%M:%S"))?;
            last_notice = Instant::now();
        }
        tokio::time::sleep(interval).await;
    }
}

async fn live(client: &Client, opts: &LogsOptions, sink: &mut Sink<'_>, err: &mut dyn Write) -> Result<(), LogsError> {
    let arn = log_group_arn(client, &opts.log_group).await?;
    let mut tail =
        start_live_tail(client, &opts.log_group, &arn, opts.pattern.as_deref(), opts.strip_host_prefix).await?;
    writeln!(err, "live tail of {} (Ctrl-C to stop)", opts.log_group)?;
    let mut warned_sampled = false;
    loop {
        match tail.next().await? {
            LiveUpdate::Events { events, sampled } => {
                if sampled && !warned_sampled {
                    writeln!(err, "note: more than 500 events/s match: AWS sends a sample (narrow --filter)")?;
                    warned_sampled = true;
                }
                for event in &events {
                    sink.event(event)?;
                }
                sink.out.flush()?;
            }
            LiveUpdate::Ended => {
                writeln!(err, "live tail session ended")?;
                return Ok(());
            }
        }
    }
}

/// Outcome counts in a fixed order: (JSON key, table label, kind).
const OUTCOMES: [(&str, &str, Kind); 7] = [
    ("handled", "handled", Kind::HandledOk),
    ("no_handler", "no handler (404)", Kind::NoHandler),
    ("duplicate_skipped", "duplicate skipped", Kind::DuplicateSkipped),
    ("critical_error", "critical error", Kind::CriticalError),
    ("handler_failed", "handler failed", Kind::HandlerFailed),
    ("execution_error", "execution error", Kind::ExecutionError),
    ("unknown_event_type", "unknown event type (400)", Kind::UnknownEventType),
];

/// Paths an invocation takes: (JSON key, table label, kind).
const PATHS: [(&str, &str, Kind); 3] = [
    ("domain", "domain event (eventbridge_handler)", Kind::RoutedDomain),
    ("command", "command (lambda_handler)", Kind::CommandInvoked),
    ("circuit_breaker", "circuit breaker (skipped)", Kind::CircuitBreaker),
];

fn ms(value: f64) -> String {
    if value >= 10_000.0 { format!("{:.1} s", value / 1000.0) } else { format!("{value:.0} ms") }
}

/// The summary's JSON object; a struct, so the key order is fixed whatever serde_json's features.
#[derive(Debug, serde::Serialize)]
struct SummaryJson<'a> {
    log_group: &'a str,
    start: String,
    end: Option<String>,
    filter: Option<&'a str>,
    correlation_id: Option<&'a str>,
    events: u64,
    understood: u64,
    paths: BTreeMap<&'static str, u64>,
    outcomes: BTreeMap<&'static str, u64>,
    detail_types: &'a BTreeMap<String, DetailTypeCounts>,
    errors: Vec<ErrorJson<'a>>,
    duplicates_skipped: u64,
    circuit_breaker_trips: u64,
    invocations: InvocationsJson,
    kinds: BTreeMap<&'static str, u64>,
}

#[derive(Debug, serde::Serialize)]
struct ErrorJson<'a> {
    #[serde(rename = "type")]
    class: &'a str,
    from: &'static str,
    count: u64,
}

#[derive(Debug, serde::Serialize)]
struct InvocationsJson {
    count: u64,
    duration_ms: Option<DurationsJson>,
    max_memory_used_mb: Option<u64>,
    memory_size_mb: Option<u64>,
}

#[derive(Debug, serde::Serialize)]
struct DurationsJson {
    p50: f64,
    p95: f64,
    max: f64,
}

/// The summary as one JSON object, newline included (see the README).
pub fn summary_json(summary: &Summary, opts: &LogsOptions) -> String {
    let counts =
        |list: &[(&'static str, &str, Kind)]| list.iter().map(|(key, _, kind)| (*key, summary.count(*kind))).collect();
    let value = SummaryJson {
        log_group: &opts.log_group,
        start: when::utc_millis_of_ms(opts.start_ms),
        end: match &opts.mode {
            Mode::Once { end_ms, .. } => Some(when::utc_millis_of_ms(*end_ms)),
            _ => None,
        },
        filter: opts.pattern.as_deref(),
        correlation_id: opts.correlation_id.as_deref(),
        events: summary.events,
        understood: summary.understood,
        paths: counts(&PATHS),
        outcomes: counts(&OUTCOMES),
        detail_types: &summary.detail_types,
        errors: summary
            .errors
            .iter()
            .map(|((class, origin), n)| ErrorJson { class, from: origin.as_str(), count: *n })
            .collect(),
        duplicates_skipped: summary.count(Kind::DuplicateSkipped),
        circuit_breaker_trips: summary.count(Kind::CircuitBreaker),
        invocations: InvocationsJson {
            count: summary.count(Kind::Report),
            duration_ms: summary.durations().map(|d| DurationsJson { p50: d.p50_ms, p95: d.p95_ms, max: d.max_ms }),
            max_memory_used_mb: summary.max_memory_used_mb,
            memory_size_mb: summary.memory_size_mb,
        },
        kinds: Kind::ALL.iter().map(|k| (k.as_str(), summary.count(*k))).collect(),
    };
    // Serialising plain structs, maps, strings and finite numbers cannot fail.
    serde_json::to_string(&value).unwrap_or_default() + "\n"
}

/// The summary as tables: totals, then per detail-type, then errors by type.
pub fn summary_tables(summary: &Summary, style: Style) -> String {
    let mut totals = crate::render::new_table(style);
    totals.set_header(vec!["", "count"]);
    let mut row = |label: String, value: String| {
        totals.add_row(vec![label, value]);
    };
    row("log events".to_string(), summary.events.to_string());
    row("understood".to_string(), summary.understood.to_string());
    for (_, label, kind) in PATHS {
        row(format!("path: {label}"), summary.count(kind).to_string());
    }
    for (_, label, kind) in OUTCOMES {
        row(format!("outcome: {label}"), summary.count(kind).to_string());
    }
    row("invocations (REPORT lines)".to_string(), summary.count(Kind::Report).to_string());
    if let Some(d) = summary.durations() {
        row("duration p50 / p95 / max".to_string(), format!("{} / {} / {}", ms(d.p50_ms), ms(d.p95_ms), ms(d.max_ms)));
    }
    if let (Some(used), Some(size)) = (summary.max_memory_used_mb, summary.memory_size_mb) {
        row("max memory used".to_string(), format!("{used} of {size} MB"));
    }
    let mut text = format!("{totals}\n");

    if !summary.detail_types.is_empty() {
        let mut table = crate::render::new_table(style);
        table.set_header(vec![
            "detail-type",
            "domain",
            "command",
            "circuit breaker",
            "handled",
            "no handler",
            "duplicate",
            "failed",
            "unknown type",
        ]);
        for (dt, c) in &summary.detail_types {
            let n = |v: u64| if v == 0 { "-".to_string() } else { v.to_string() };
            table.add_row(vec![
                dt.clone(),
                n(c.routed_domain),
                n(c.command),
                n(c.circuit_breaker),
                n(c.handled),
                n(c.no_handler),
                n(c.duplicate_skipped),
                n(c.handler_failed),
                n(c.unknown_event_type),
            ]);
        }
        let _ = writeln!(text, "{table}");
    }

    if !summary.errors.is_empty() {
        let mut table = crate::render::new_table(style);
        table.set_header(vec!["error type", "logged as", "count"]);
        for ((class, origin), n) in &summary.errors {
            let from = match origin {
                ErrorOrigin::CriticalError => "Lambda execution critical error",
                ErrorOrigin::ExecutionError => "Lambda execution error",
                ErrorOrigin::HandlerFailed => "Failed to handle EventBridge event",
                ErrorOrigin::Runtime => "runtime [ERROR] record / timeout",
            };
            table.add_row(vec![class.clone(), from.to_string(), n.to_string()]);
        }
        let _ = writeln!(text, "{table}");
    }
    text
}

/// Resolves the command line into options (no AWS yet); `Err` is a usage error.
pub fn options(
    args: &crate::cli::LogsArgs,
    globals: &crate::cli::Globals,
    now: Timestamp,
    tz: &TimeZone,
) -> Result<LogsOptions, String> {
    let log_group =
        args.log_group.clone().unwrap_or_else(|| crate::bus::Names::for_stage(globals.stage).log_group.clone());
    let start = crate::when::parse_time(&args.since, now, tz).map_err(|e| format!("--since: {e}"))?;
    let mode = if args.live {
        Mode::Live
    } else if args.follow {
        let idle_notice = (args.idle_notice > 0).then(|| Duration::from_secs(args.idle_notice));
        Mode::Follow { interval: args.interval, idle_notice }
    } else {
        let end = match &args.until {
            Some(text) => crate::when::parse_time(text, now, tz).map_err(|e| format!("--until: {e}"))?,
            None => now,
        };
        if end < start {
            return Err(format!("--until ({}) is before --since ({})", end, start));
        }
        Mode::Once { end_ms: end.as_millisecond(), limit: args.limit }
    };
    if let Some(id) = &args.correlation_id
        && (id.trim().is_empty() || id.contains('"'))
    {
        return Err("--correlation-id must be non-empty and hold no double quote".to_string());
    }
    let pattern = match (&args.filter, args.all, &args.correlation_id) {
        (Some(pattern), _, _) => Some(pattern.clone()),
        (None, true, _) => None,
        // A quoted term matches the id wherever the line has it (console or JSON).
        (None, false, Some(id)) => Some(format!("\"{id}\"")),
        (None, false, None) => Some(DEFAULT_FILTER.to_string()),
    };
    let format = if globals.output == OutputFormat::Json { LogFormat::Json } else { args.format.into() };
    Ok(LogsOptions {
        log_group,
        start_ms: start.as_millisecond(),
        mode,
        pattern,
        page_size: args.page_size,
        correlation_id: args.correlation_id.clone(),
        format,
        summary: args.summary,
        style: globals.style,
        strip_host_prefix: false,
    })
}

/// `alchemiser logs`: resolves the arguments, loads AWS, runs until done or Ctrl-C.
pub fn execute(args: crate::cli::LogsArgs, globals: &crate::cli::Globals) -> Exit {
    let mut opts = match options(&args, globals, Timestamp::now(), &TimeZone::system()) {
        Ok(opts) => opts,
        Err(message) => {
            eprintln!("error: {message}");
            return Exit::Error;
        }
    };
    // Ctrl-C ends a follow or live tail cleanly (its summary still printed), anything else at once.
    let following = matches!(opts.mode, Mode::Follow { .. } | Mode::Live);
    let on_interrupt = if following { super::OnInterrupt::Handle } else { super::OnInterrupt::Stop };
    super::shell(on_interrupt, async |io| {
        let aws = crate::aws::load(&args.aws.settings(), globals.stage).await?;
        opts.strip_host_prefix = crate::aws::logs::endpoint_overridden(&aws.config);
        let stop = io.interrupts.clone();
        match run(&aws.logs, &opts, io.out, io.err, stop.reached(1)).await {
            Ok(exit) => Ok(exit),
            Err(LogsError::Aws(e)) => Err(e.into()),
            Err(LogsError::Io(e)) => Err(e.into()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, ts: i64) -> LogEvent {
        LogEvent { timestamp_ms: ts, stream: "s".into(), event_id: Some(id.into()), message: format!("m {id}") }
    }

    #[test]
    fn seen_drops_repeats_and_starts_behind_the_newest_event() {
        let mut seen = Seen::new(1_000);
        assert!(seen.admit(&event("a", 15_000)));
        assert!(seen.admit(&event("b", 30_000)));
        assert!(!seen.admit(&event("a", 15_000)));
        seen.advance();
        assert_eq!(seen.start_ms(), 30_000 - LATE_ARRIVAL_MS);
        // `a` is older than the new start: no query returns it again, so it is forgotten.
        assert_eq!(seen.remembered(), 1);
        // The same millisecond as the newest, ingested later: still new.
        assert!(seen.admit(&event("c", 30_000)));
        assert!(!seen.admit(&event("b", 30_000)));
        // A late event from another stream inside the margin: still new.
        assert!(seen.admit(&event("d", 25_000)));
        seen.advance();
        assert_eq!(seen.start_ms(), 20_000);
    }

    #[test]
    fn seen_never_moves_back_and_stays_put_without_events() {
        let mut seen = Seen::new(50_000);
        seen.advance();
        assert_eq!(seen.start_ms(), 50_000);
        assert!(seen.admit(&event("old", 45_000)));
        seen.advance();
        assert_eq!(seen.start_ms(), 50_000);
        let unnamed = LogEvent { event_id: None, ..event("x", 60_000) };
        assert!(seen.admit(&unnamed));
        assert!(!seen.admit(&unnamed));
    }

    #[test]
    fn throttle_waits_double_up_to_a_cap() {
        let waits: Vec<u64> = (1..=8).map(|r| throttle_wait(r).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30, 30]);
        assert_eq!(throttle_wait(u32::MAX), THROTTLE_MAX_WAIT);
    }

    #[test]
    fn intervals() {}

    #[test]
    fn json_event_lines_keep_a_fixed_key_order() {
        let mut text = String::new();
        let e = LogEvent {
            timestamp_ms: 1_760_443_200_123,
            stream: "2025/10/14/[$LATEST]abc".into(),
            event_id: Some("42".into()),
            message:
                "2025-10-14 12:00:00 [info     ] Event handled successfully detail_type=SignalGenerated event_id=e-1\n"
                    .into(),
        };
        write_json_event(&mut text, &e, Some(&logline::parse(&e.message)));
        assert!(text.starts_with(
            r#"{"timestamp":"2025-10-14T12:00:00.123Z","stream":"2025/10/14/[$LATEST]abc","event_id":"42","message":"#
        ));
        let value: Json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert_eq!(value["parsed"]["kind"], "handled_ok");
        assert_eq!(value["parsed"]["fields"]["event_id"], "e-1");
        assert_eq!(value["parsed"]["detail_type"], "SignalGenerated");

        let mut text = String::new();
        write_json_event(&mut text, &LogEvent { message: "plain".into(), ..e.clone() }, Some(&logline::parse("plain")));
        let value: Json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert!(value.get("parsed").is_none());

        let report = "REPORT RequestId: r\tDuration: 12.5 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB";
        let mut text = String::new();
        write_json_event(&mut text, &LogEvent { message: report.into(), ..e }, Some(&logline::parse(report)));
        let value: Json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert_eq!(value["parsed"]["report"]["duration_ms"], 12.5);
        assert_eq!(value["parsed"]["request_id"], "r");
    }

    #[test]
    fn times_print_in_utc_and_survive_out_of_range_values() {
        assert_eq!(when::utc_of_ms(1_760_443_200_123), "2025-10-14T12:00:00Z");
        assert_eq!(when::utc_millis_of_ms(1_760_443_200_000), "2025-10-14T12:00:00.000Z");
        assert_eq!(when::utc_millis_of_ms(i64::MAX), i64::MAX.to_string());
        assert_eq!(when::utc_of_ms(i64::MAX), i64::MAX.to_string());
    }
}
