//! `logs --summary`: the counts as tables or one JSON object.

use std::collections::BTreeMap;

use super::options::{LogsOptions, Mode};
use crate::logline::{DetailTypeCounts, ErrorOrigin, Kind, Summary};
use crate::render::Style;
use crate::when;

/// Outcome counts in a fixed order: (JSON key, table label, kind).
pub(super) const OUTCOMES: [(&str, &str, Kind); 7] = [
    ("handled", "handled", Kind::HandledOk),
    ("no_handler", "no handler (404)", Kind::NoHandler),
    ("duplicate_skipped", "duplicate skipped", Kind::DuplicateSkipped),
    ("critical_error", "critical error", Kind::CriticalError),
    ("handler_failed", "handler failed", Kind::HandlerFailed),
    ("execution_error", "execution error", Kind::ExecutionError),
    ("unknown_event_type", "unknown event type (400)", Kind::UnknownEventType),
];

/// Paths an invocation takes: (JSON key, table label, kind).
pub(super) const PATHS: [(&str, &str, Kind); 3] = [
    ("domain", "domain event (eventbridge_handler)", Kind::RoutedDomain),
    ("command", "command (lambda_handler)", Kind::CommandInvoked),
    ("circuit_breaker", "circuit breaker (skipped)", Kind::CircuitBreaker),
];

pub(super) fn ms(value: f64) -> String {
    if value >= 10_000.0 { format!("{:.1} s", value / 1000.0) } else { format!("{value:.0} ms") }
}

/// The summary's JSON object; a struct, so the key order is fixed whatever serde_json's features.
#[derive(Debug, serde::Serialize)]
pub(super) struct SummaryJson<'a> {
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
    trading_runs: u64,
    invocations: InvocationsJson,
    kinds: BTreeMap<&'static str, u64>,
}

#[derive(Debug, serde::Serialize)]
pub(super) struct ErrorJson<'a> {
    #[serde(rename = "type")]
    class: &'a str,
    from: &'static str,
    count: u64,
}

#[derive(Debug, serde::Serialize)]
pub(super) struct InvocationsJson {
    count: u64,
    duration_ms: Option<DurationsJson>,
    max_memory_used_mb: Option<u64>,
    memory_size_mb: Option<u64>,
}

#[derive(Debug, serde::Serialize)]
pub(super) struct DurationsJson {
    p50: f64,
    p95: f64,
    max: f64,
}

/// The summary as one JSON object, newline included (docs/manual.md).
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
        trading_runs: summary.count(Kind::TradingRun),
        invocations: InvocationsJson {
            count: summary.count(Kind::Report),
            duration_ms: summary.durations().map(|d| DurationsJson { p50: d.p50_ms, p95: d.p95_ms, max: d.max_ms }),
            max_memory_used_mb: summary.max_memory_used_mb,
            memory_size_mb: summary.memory_size_mb,
        },
        kinds: Kind::ALL.iter().map(|k| (k.as_str(), summary.count(*k))).collect(),
    };
    let mut line = Vec::new();
    // Plain structs, maps, strings and finite numbers always serialise, into memory.
    let _ = crate::render::json_line(&mut line, &value);
    String::from_utf8_lossy(&line).into_owned()
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
    row("trading runs started".to_string(), summary.count(Kind::TradingRun).to_string());
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
        text.push_str(&crate::render::fitted(&mut table));
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
        text.push_str(&crate::render::fitted(&mut table));
    }
    text
}
