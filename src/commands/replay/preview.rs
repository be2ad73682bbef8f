//! `replay --since … --preview`: what a replay would do, found by doing it to a trap.
//!
//! The window is replayed once with `FilterArns` naming only a temporary capture rule (so no
//! other rule, and so not the Lambda, sees the events); the capture queue is drained until the
//! replay has ended and the queue stays empty; then every captured event is routed offline
//! through the deployed rules (or the `--rule` ones) and the Lambda model. The capture is
//! removed however the preview ends, Ctrl-C included, unless `--keep`.

use std::io::Write;
use std::time::Duration;

use jiff::Timestamp;
use serde::Serialize;

use super::plan::{StartOptions, plan};
use super::{Io, ReplayError};
use crate::aws::AwsContext;
use crate::aws::preview::{self as capture, Capture, PREFIX};
use crate::aws::replay::{self as api, ReplayRequest};
use crate::bus::{Bus, RuleState};
use crate::exit::Exit;
use crate::json::parse_python_json;
use crate::render::{OutputFormat, json_line};
use crate::routing::{LambdaPrediction, Response, Stage, predict};

/// How long the queue must stay empty after the replay ended before it counts as drained:
/// EventBridge delivers to SQS asynchronously, so the last events can trail the COMPLETED state.
const QUIET_AFTER_END: Duration = Duration::from_secs(5);
/// Between DescribeReplay calls while the replay runs.
const DESCRIBE_EVERY: Duration = Duration::from_secs(5);

/// What `--preview` adds to a replay's options.
#[derive(Debug, Clone)]
pub struct PreviewOptions {
    pub start: StartOptions,
    /// Leave the capture in place (and say its names).
    pub keep: bool,
    /// Write the captured events here, one JSON line each.
    pub events_out: Option<std::path::PathBuf>,
    pub output: OutputFormat,
    pub style: crate::render::Style,
    /// Show the events captured so far and the replay's state (stderr is a terminal).
    pub progress: bool,
}

/// What the real replay would do, counted over the captured events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Forecast {
    pub events: usize,
    /// Lambda runs: an event delivered by two rules runs it twice.
    pub lambda_invocations: usize,
    pub trades: usize,
    /// Trades against the live account (prod).
    pub live_trades: usize,
    /// Runs where the Lambda raises (retried twice by EventBridge, then dropped).
    pub crashes: usize,
    /// Runs answered 404: a domain event with no handler.
    pub not_found: usize,
    /// Runs that fail validation (a critical-error response, or a ValidationError raised).
    pub validation_failures: usize,
    /// Captured lines that are not JSON (none are expected).
    pub unreadable: usize,
    /// Ctrl-C stopped the preview: only the events captured until then are counted.
    pub partial: bool,
    pub by_detail_type: std::collections::BTreeMap<String, usize>,
}

impl Forecast {
    /// Counts one captured event, routed through `bus`.
    pub fn add(&mut self, event: &crate::json::Value, bus: &Bus, stage: Stage) {
        self.events += 1;
        let detail_type = event
            .as_object()
            .and_then(|o| o.get("detail-type"))
            .and_then(crate::json::Value::as_pystr)
            .map_or("(none)".to_string(), |s| s.as_str().to_string());
        *self.by_detail_type.entry(detail_type).or_default() += 1;
        let runs = bus.route(event).lambda_invocations;
        if runs == 0 {
            return;
        }
        let p = predict(event, stage);
        self.lambda_invocations += runs;
        let count = |yes: bool| if yes { runs } else { 0 };
        // A replay warms containers: count what a warm one would start too (never under-predict).
        self.trades += count(p.may_trade());
        self.live_trades += count(p.may_trade() && stage == Stage::Prod);
        self.crashes += count(p.exception.is_some());
        self.not_found += count(matches!(p.response, Some(Response::Handler { status_code: 404, .. })));
        self.validation_failures += count(fails_validation(&p));
    }
}

fn fails_validation(p: &LambdaPrediction) -> bool {
    p.validation.is_some() || p.exception.as_ref().is_some_and(|e| e.class == "ValidationError")
}

/// The rules the real replay would reach: every rule on the bus but captures, or the named ones.
pub fn replayed_rules(bus: &Bus, only: &[String]) -> Bus {
    bus.retain_rules(|r| !r.name.starts_with(PREFIX) && (only.is_empty() || only.iter().any(|n| **n == *r.name)))
}

/// The StartReplay request of a preview: the plan's window and archive, delivered only to the
/// capture rule.
pub fn preview_request(planned: &ReplayRequest, capture: &Capture) -> ReplayRequest {
    ReplayRequest { filter_arns: vec![capture.rule_arn.clone()], ..planned.clone() }
}

/// `alchemiser-preview-YYYYMMDDHHMMSS-NNNNNN`: sortable, and its age readable from the name.
pub fn capture_name(now: Timestamp) -> String {
    format!("{PREFIX}{}-{:06}", now.strftime("%Y%m%d%H%M%S"), now.subsec_microsecond().unsigned_abs() % 1_000_000)
}

/// Removes captures left by a preview that could not clean up, and says so.
async fn remove_leftovers(ctx: &AwsContext, now: Timestamp, err: &mut dyn Write) -> Result<(), ReplayError> {
    for (name, failed) in capture::remove_leftovers(ctx, now).await? {
        if failed.is_empty() {
            writeln!(err, "removed {name}, left over by an interrupted preview")?;
        } else {
            writeln!(err, "warning: could not remove {name}, left over by a preview: {}", failed.join("; "))?;
        }
    }
    Ok(())
}

/// Runs the preview; the capture is removed on every way out (unless `--keep`).
pub async fn preview(
    ctx: &AwsContext,
    opts: &PreviewOptions,
    now: Timestamp,
    io: &mut Io<'_>,
) -> Result<Exit, ReplayError> {
    let planned = plan(ctx, &opts.start).await?;
    if let Some(warning) = super::plan::lag_warning(opts.start.window, now) {
        writeln!(io.err, "{warning}")?;
    }
    remove_leftovers(ctx, now, io.err).await?;
    let deployed = crate::aws::live_bus::load(ctx).await?;
    let reached = replayed_rules(&deployed, &opts.start.rules);
    let name = capture_name(now);
    let request = ReplayRequest { name: name.clone(), ..planned.request.clone() };
    if io.interrupts.count() > 0 {
        writeln!(io.err, "interrupted: nothing started")?;
        return Ok(Exit::Interrupted);
    }
    let made = capture::create(ctx, &name, &request.name).await?;
    writeln!(
        io.err,
        "preview {name}: replaying {} → {} into a capture rule only (FilterArns), so nothing else receives it",
        crate::when::show(request.start, &jiff::tz::TimeZone::system()),
        crate::when::show(request.end, &jiff::tz::TimeZone::system()),
    )?;
    let bar = opts.progress.then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    });
    let captured = drain(ctx, &preview_request(&request, &made), &made, bar.as_ref(), io).await;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if let Err(Drained::AfterStart(_)) = &captured {
        // The replay must not go on into a capture that is about to disappear.
        let _ = api::cancel_replay(&ctx.events, &request.name).await;
    }
    if opts.keep {
        writeln!(io.err, "kept: rule {} on bus {} and queue {}", made.name, ctx.bus, made.queue_url)?;
    } else {
        let failed = capture::remove(ctx, &made.name, Some(&made.queue_url)).await;
        for line in &failed {
            writeln!(io.err, "warning: {line}; the next preview or `alchemiser status` removes it")?;
        }
    }
    let (bodies, stopped) = captured.map_err(|(Drained::BeforeStart(e) | Drained::AfterStart(e))| e)?;
    if let Some(path) = &opts.events_out {
        let text: String = bodies.iter().map(|b| format!("{b}\n")).collect();
        std::fs::write(path, text).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    }
    let mut forecast = Forecast::default();
    for body in &bodies {
        match parse_python_json(body) {
            Ok(parsed) => forecast.add(&parsed.value, &reached, opts.start.stage),
            Err(_) => forecast.unreadable += 1,
        }
    }
    forecast.partial = stopped;
    report(&forecast, &reached, opts, io)?;
    Ok(if stopped { Exit::Interrupted } else { Exit::Success })
}

/// How draining failed: before StartReplay went through (nothing to cancel) or after.
enum Drained {
    BeforeStart(ReplayError),
    AfterStart(ReplayError),
}

/// Starts the replay and drains the queue until the replay has ended and the queue has stayed
/// empty for [`QUIET_AFTER_END`]; on Ctrl-C cancels the replay. Returns the bodies and whether
/// Ctrl-C stopped it.
async fn drain(
    ctx: &AwsContext,
    request: &ReplayRequest,
    made: &Capture,
    bar: Option<&indicatif::ProgressBar>,
    io: &mut Io<'_>,
) -> Result<(Vec<String>, bool), Drained> {
    let (started, _) = api::start_replay(&ctx.events, request).await.map_err(|e| Drained::BeforeStart(e.into()))?;
    let after = |e: ReplayError| Drained::AfterStart(e);
    let mut bodies = Vec::new();
    let mut ended = check_ended(&started).map_err(after)?;
    let mut quiet_since: Option<tokio::time::Instant> = None;
    let mut described_at = tokio::time::Instant::now();
    loop {
        let received = tokio::select! {
            biased;
            () = io.interrupts.reached(1) => {
                let cancelled = api::cancel_replay(&ctx.events, &request.name).await;
                let state = cancelled.map_or_else(|e| e.message, |info| info.state.unwrap_or_default());
                if let Some(bar) = bar {
                    bar.finish_and_clear();
                }
                writeln!(io.err, "interrupted: replay {} cancelled ({state}); removing the capture", request.name)
                    .map_err(|e| after(e.into()))?;
                return Ok((bodies, true));
            }
            received = capture::receive(ctx, made) => received.map_err(|e| after(e.into()))?,
        };
        if !received.is_empty() {
            quiet_since = None;
        } else if ended {
            let since = *quiet_since.get_or_insert_with(tokio::time::Instant::now);
            if since.elapsed() >= QUIET_AFTER_END {
                return Ok((bodies, false));
            }
        }
        bodies.extend(received);
        if let Some(bar) = bar {
            let state = if ended { "replay completed, draining" } else { "replay running" };
            bar.set_message(format!("{} events captured, {state}", bodies.len()));
        }
        if !ended && (bodies.is_empty() || described_at.elapsed() >= DESCRIBE_EVERY) {
            // Until the first event arrives the state is asked after every receive: a window
            // without events ends without one.
            described_at = tokio::time::Instant::now();
            let info = api::describe_replay(&ctx.events, &request.name).await.map_err(|e| after(e.into()))?;
            ended = check_ended(&info).map_err(after)?;
        }
    }
}

/// Whether the replay has ended; an end other than COMPLETED is an error (its forecast would
/// read as an all-clear).
fn check_ended(info: &api::ReplayInfo) -> Result<bool, ReplayError> {
    if !info.is_final() {
        return Ok(false);
    }
    match info.state.as_deref() {
        Some("COMPLETED") => Ok(true),
        // Exit 1, as `--wait` gives for the same end.
        state => Err(ReplayError::Aws(crate::aws::AwsError::new(
            Exit::Failure,
            format!(
                "replay {} ended {}: {}; nothing to forecast from",
                info.name,
                state.unwrap_or("in an unknown state"),
                info.state_reason.as_deref().unwrap_or("no reason given")
            ),
        ))),
    }
}

/// The forecast as a few lines, or one JSON object.
fn report(f: &Forecast, reached: &Bus, opts: &PreviewOptions, io: &mut Io<'_>) -> std::io::Result<()> {
    if opts.output == OutputFormat::Json {
        return json_line(io.out, f);
    }
    let rules: Vec<&str> = reached.rules().iter().filter(|r| r.state == RuleState::Enabled).map(|r| &*r.name).collect();
    let mut text = String::new();
    if f.partial {
        text.push_str("interrupted: only the events captured so far are counted (at least this many):\n");
    }
    text.push_str(&format!(
        "a replay of this window would deliver {} event{} to {}:\n",
        f.events,
        if f.events == 1 { "" } else { "s" },
        if rules.is_empty() { "no enabled rule".to_string() } else { rules.join(", ") }
    ));
    for (detail_type, n) in &f.by_detail_type {
        text.push_str(&format!("  {n:>6}  {detail_type}\n"));
    }
    let live = if f.live_trades > 0 { format!(" ({} LIVE)", f.live_trades) } else { String::new() };
    text.push_str(&format!(
        "Lambda runs {}: {} start a trade{live}, {} crash, {} answer 404, {} fail validation\n",
        f.lambda_invocations, f.trades, f.crashes, f.not_found, f.validation_failures
    ));
    if f.unreadable > 0 {
        text.push_str(&format!("{} captured lines were not JSON\n", f.unreadable));
    }
    io.out.write_all(crate::render::emphasize_live(&text, opts.style.color).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bus::default_bus;

    fn event(text: &str) -> crate::json::Value {
        parse_python_json(text).expect("test event").value
    }

    #[test]
    fn the_forecast_counts_runs_per_delivering_rule() {
        let bus = default_bus(Stage::Prod);
        let mut f = Forecast::default();
        // A scheduler envelope replayed to the Lambda? Only alchemiser.* sources reach it.
        let scheduled =
            r#"{"source":"aws.scheduler","detail-type":"Scheduled Event","detail":{"mode":"trade"},"replay-name":"r"}"#;
        // A StartupEvent is not a domain type: the command path, a LIVE trade in prod.
        let startup = r#"{"source":"alchemiser.orchestration.system","detail-type":"StartupEvent","detail":{},"replay-name":"r"}"#;
        let completed = r#"{"source":"alchemiser.execution_v2.handlers","detail-type":"WorkflowCompleted","detail":{"correlation_id":"c","causation_id":"s","event_id":"w","timestamp":"2025-10-14T12:00:00Z","source_module":"m","workflow_type":"trading","workflow_duration_ms":5,"success":true},"replay-name":"r"}"#;
        let crash =
            r#"{"source":"alchemiser.strategy","detail-type":"SignalGenerated","detail":{"self":1},"replay-name":"r"}"#;
        for text in [scheduled, startup, completed, crash] {
            f.add(&event(text), &bus, Stage::Prod);
        }
        assert_eq!(f.events, 4);
        assert_eq!(f.by_detail_type.get("StartupEvent"), Some(&1));
        // The SignalGenerated from alchemiser.strategy matches two rules: it runs twice.
        assert_eq!(f.lambda_invocations, 1 + 1 + 2);
        assert_eq!((f.trades, f.live_trades), (1, 1));
        assert_eq!(f.not_found, 1);
        assert_eq!(f.crashes, 2);
    }

    #[test]
    fn replayed_rules_leave_out_captures_and_keep_the_named() {
        let bus = default_bus(Stage::Dev);
        assert_eq!(replayed_rules(&bus, &[]).rules().len(), 4);
        let only = replayed_rules(&bus, &["alchemiser-all-events-monitor-dev".to_string()]);
        assert_eq!(only.rules().len(), 1);
    }

    #[test]
    fn a_replay_that_does_not_complete_fails_the_preview() {
        for state in ["FAILED", "CANCELLED"] {
            let info = api::ReplayInfo { name: "p".into(), state: Some(state.into()), ..Default::default() };
            let error = check_ended(&info).expect_err(state);
            assert_eq!(error.exit(), Exit::Failure, "{state}");
            assert!(error.to_string().contains(&format!("replay p ended {state}: no reason given")));
        }
        let running = api::ReplayInfo { name: "p".into(), state: Some("RUNNING".into()), ..Default::default() };
        assert!(!check_ended(&running).unwrap_or(true));
    }

    #[test]
    fn capture_names_carry_their_age() {
        let now: Timestamp = "2025-10-14T12:34:56.123456Z".parse().expect("time");
        let name = capture_name(now);
        assert_eq!(name, "alchemiser-preview-20251014123456-123456");
        assert_eq!(crate::aws::preview::made_at(&name), Some("2025-10-14T12:34:56Z".parse().expect("time")));
        assert!(name.len() <= 64, "a rule name holds at most 64 characters");
    }
}
