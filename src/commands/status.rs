//! `alchemiser status`: the deployment at a glance, with what differs from 2.27.0.
//!
//! Reads the bus and its rules, the archive, the function (configuration, concurrency, what
//! happens to a failed asynchronous invocation), the log group over `--since` and the replays;
//! then [`assess`] turns what was read into findings (something needs attention: exit 1) and
//! notes (properties of 2.27.0 itself, shown but not failing the run).

use jiff::Timestamp;
use serde::Serialize;

use super::{CommandError, Io};
use crate::aws::error::AwsError;
use crate::aws::lambda::{FunctionStatus, function_status};
use crate::aws::logs::{FilterQuery, filter_page};
use crate::aws::replay::{ArchiveInfo, ReplayInfo, describe_archive, list_replays};
use crate::aws::{AwsContext, live_bus};
use crate::bus::lint::lint;
use crate::bus::{Bus, RuleState, default_bus, drift_from_default, same_pattern};
use crate::exit::Exit;
use crate::logline::{Kind, Summary};
use crate::render::{OutputFormat, json_line};
use crate::routing::Stage;

/// The retention the system expects of its archive (facts §5).
const EXPECTED_RETENTION_DAYS: i32 = 365;
/// Log lines read for the activity counts; past this the counts say they are partial.
const MAX_LOG_LINES: u64 = 200_000;
/// A replay still running after this long is called stuck.
const STUCK_AFTER: jiff::SignedDuration = jiff::SignedDuration::from_hours(2);

/// What `status` needs, resolved from the command line.
#[derive(Debug, Clone)]
pub struct StatusOptions {
    pub stage: Stage,
    pub archive: String,
    pub log_group: String,
    /// Start of the activity window.
    pub since: Timestamp,
    pub now: Timestamp,
    pub output: OutputFormat,
}

/// Everything read from AWS; `None` where the resource does not exist.
#[derive(Debug, Clone)]
pub struct Deployment {
    pub bus_name: String,
    pub bus: Option<Bus>,
    pub archive: Option<ArchiveInfo>,
    pub function_name: String,
    pub function: Option<FunctionStatus>,
    pub activity: Option<Activity>,
    pub replays: Vec<ReplayInfo>,
    /// Captures left by interrupted `replay --preview` runs, removed now, with what could not
    /// be removed of each; or why they could not be looked for.
    pub leftovers: Result<Vec<(String, Vec<String>)>, String>,
}

/// The log group's lines over the window, counted.
#[derive(Debug, Clone, Default)]
pub struct Activity {
    pub summary: Summary,
    /// True when only the first [`MAX_LOG_LINES`] lines were read.
    pub partial: bool,
}

/// One line of the verdict: what, about which resource, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub code: &'static str,
    pub resource: String,
    pub message: String,
}

/// The verdict on a deployment.
#[derive(Debug, Clone, Default)]
pub struct Assessment {
    pub findings: Vec<Item>,
    pub notes: Vec<Item>,
}

/// Reads the deployment. A missing resource is data (a finding later); any other AWS failure
/// ends the command with its exit code.
pub async fn collect(ctx: &AwsContext, opts: &StatusOptions) -> Result<Deployment, AwsError> {
    // A capture an hour old whose replay is over is no preview at work: status tidies it away
    // first, as the next preview would; others are left out of what is assessed.
    // Tidying is best effort: a role that may only read still gets its report.
    let leftovers = absent_if_missing(crate::aws::preview::remove_leftovers(ctx, opts.now).await)
        .map(Option::unwrap_or_default)
        .map_err(|e| e.message);
    let bus = absent_if_missing(live_bus::load(ctx).await)?
        .map(|bus| bus.retain_rules(|r| !r.name.starts_with(crate::aws::preview::PREFIX)));
    let archive = absent_if_missing(describe_archive(&ctx.events, &opts.archive).await)?;
    let function = absent_if_missing(function_status(&ctx.lambda, &ctx.function).await)?;
    let activity = absent_if_missing(activity(ctx, opts).await)?;
    let replays = list_replays(&ctx.events, None, None).await?.into_iter().filter(|r| !r.is_final()).collect();
    Ok(Deployment {
        bus_name: ctx.bus.clone(),
        bus,
        archive,
        function_name: ctx.function.clone(),
        function,
        activity,
        replays,
        leftovers,
    })
}

fn absent_if_missing<T>(result: Result<T, AwsError>) -> Result<Option<T>, AwsError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(e) if e.exit == Exit::AwsNotFound => Ok(None),
        Err(e) => Err(e),
    }
}

async fn activity(ctx: &AwsContext, opts: &StatusOptions) -> Result<Activity, AwsError> {
    let mut query = FilterQuery {
        log_group: opts.log_group.clone(),
        start_ms: opts.since.as_millisecond(),
        end_ms: Some(opts.now.as_millisecond()),
        pattern: None,
        limit: Some(10_000),
        next_token: None,
    };
    let mut activity = Activity::default();
    loop {
        let page = filter_page(&ctx.logs, &query).await.map_err(|e| e.error)?;
        for event in &page.events {
            activity.summary.add(&crate::logline::parse(&event.message));
        }
        if activity.summary.events >= MAX_LOG_LINES {
            activity.partial = page.next_token.is_some();
            return Ok(activity);
        }
        match page.next_token {
            Some(token) if query.next_token.as_deref() != Some(&token) => query.next_token = Some(token),
            _ => return Ok(activity),
        }
    }
}

/// Findings and notes from what was read (pure).
pub fn assess(d: &Deployment, opts: &StatusOptions) -> Assessment {
    let mut a = Assessment::default();
    let stage = opts.stage.as_str();
    let mut finding = |code, resource: &str, message: String| {
        a.findings.push(Item { code, resource: resource.to_string(), message });
    };
    match &d.bus {
        None => finding(
            "missing_resource",
            &d.bus_name,
            format!("bus {} does not exist here: check --region and --profile, or deploy the stack", d.bus_name),
        ),
        Some(bus) => {
            for rule in bus.rules().iter().filter(|r| r.state == RuleState::Disabled) {
                finding(
                    "rule_disabled",
                    &rule.name,
                    format!("rule {} is DISABLED: `alchemiser rules enable {} --stage {stage}`", rule.name, rule.name),
                );
            }
            for line in drift_from_default(bus, opts.stage).into_iter().filter(|l| !l.ends_with(" is DISABLED")) {
                let rule = line.split_whitespace().nth(1).unwrap_or_default().to_string();
                finding(
                    "rule_drift",
                    &rule,
                    format!(
                        "{line}: differs from 2.27.0 (`alchemiser rules show {rule}`; `alchemiser rules restore --latest` puts back the last snapshot)"
                    ),
                );
            }
        }
    }
    match &d.archive {
        None => finding(
            "missing_resource",
            &opts.archive,
            format!("archive {} does not exist: events cannot be replayed", opts.archive),
        ),
        Some(archive) => {
            if archive.state.as_deref().is_some_and(|s| s != "ENABLED") {
                let state = archive.state.as_deref().unwrap_or_default();
                finding("archive_state", &archive.name, format!("archive {} is {state}", archive.name));
            }
            let retention = archive.retention_days.unwrap_or(0);
            if retention != EXPECTED_RETENTION_DAYS {
                let days = if retention == 0 { "indefinite".to_string() } else { format!("{retention} days") };
                finding(
                    "archive_retention",
                    &archive.name,
                    format!(
                        "archive {} keeps events for {days}, not {EXPECTED_RETENTION_DAYS}: `aws events update-archive --archive-name {} --retention-days {EXPECTED_RETENTION_DAYS}`",
                        archive.name, archive.name
                    ),
                );
            }
        }
    }
    match &d.function {
        None => finding(
            "missing_resource",
            &d.function_name,
            format!("function {} does not exist here: check --region and --profile", d.function_name),
        ),
        Some(f) => {
            if f.state.as_deref().is_some_and(|s| s != "Active") {
                let state = f.state.as_deref().unwrap_or_default();
                finding("function_state", &d.function_name, format!("function {} is {state}", d.function_name));
            }
            if f.last_update_status.as_deref() == Some("Failed") {
                finding(
                    "function_update_failed",
                    &d.function_name,
                    format!("the last update of {} failed: redeploy it", d.function_name),
                );
            }
            if let Some(app_stage) = f.trading.app_stage.as_deref().filter(|s| *s != stage) {
                finding(
                    "stage_mismatch",
                    &d.function_name,
                    format!("{} runs with APP__STAGE {app_stage}, not {stage}", d.function_name),
                );
            }
            if f.trading.trading_mode != opts.stage.trading_mode() {
                let mode = if f.trading.trading_mode == "live" { "LIVE" } else { f.trading.trading_mode };
                finding(
                    "trading_mode_mismatch",
                    &d.function_name,
                    format!(
                        "{} trades {mode} (endpoint {}), but stage {stage} trades {}",
                        d.function_name,
                        f.trading.endpoint.as_deref().unwrap_or("not set"),
                        opts.stage.trading_mode()
                    ),
                );
            }
            let async_invoke = f.async_invoke.clone().unwrap_or_default();
            if async_invoke.on_failure.is_none() && f.dead_letter_target.is_none() {
                let retries = async_invoke.max_retry_attempts.unwrap_or(2);
                a.notes.push(Item {
                    code: "no_failure_destination",
                    resource: d.function_name.clone(),
                    message: format!(
                        "no on-failure destination or dead-letter queue (as in 2.27.0): an event that crashes the Lambda is retried {retries} time{} and then dropped",
                        if retries == 1 { "" } else { "s" }
                    ),
                });
            }
        }
    }
    if let Some(bus) = &d.bus {
        // What `rules lint` finds on the deployed rules: known of 2.27.0 itself when the lint
        // of the template's rules finds the same, else new.
        let upstream = lint(&default_bus(opts.stage), opts.stage);
        for item in lint(bus, opts.stage).into_iter().filter(|f| f.code != "disabled_rule") {
            let known = upstream.iter().any(|u| u.code == item.code && u.subject == item.subject);
            let entry = Item {
                code: item.code,
                resource: item.subject.clone(),
                message: format!("{}: {}", item.subject, item.message),
            };
            if known {
                a.notes.push(Item { message: format!("{} (as deployed upstream)", entry.message), ..entry });
            } else {
                a.findings.push(entry);
            }
        }
    }
    match &d.activity {
        None => a.notes.push(Item {
            code: "no_log_group",
            resource: opts.log_group.clone(),
            message: format!("log group {} does not exist yet: the function has not run", opts.log_group),
        }),
        Some(activity) => {
            let since = crate::when::utc(opts.since);
            let s = &activity.summary;
            let critical = s.count(Kind::CriticalError);
            let known = known_rebalance_failures(s);
            let errors = (s.count(Kind::ExecutionError) + s.count(Kind::HandlerFailed)).saturating_sub(known.lines);
            if known.events > 0 {
                a.notes.push(Item {
                    code: "rebalance_planned_fails",
                    resource: opts.log_group.clone(),
                    message: format!(
                        "{} RebalancePlanned event{} failed validation since {since}, as every one does in 2.27.0 (the trade never executes)",
                        known.events,
                        plural(known.events)
                    ),
                });
            }
            if critical > 0 {
                a.findings.push(Item {
                    code: "critical_errors",
                    resource: opts.log_group.clone(),
                    message: format!(
                        "{critical} critical error{} since {since}: `alchemiser logs --since {since} --summary`",
                        plural(critical)
                    ),
                });
            }
            if errors > 0 {
                a.findings.push(Item {
                    code: "errors",
                    resource: opts.log_group.clone(),
                    message: format!(
                        "{errors} error{} since {since}: `alchemiser logs --since {since} --summary`",
                        plural(errors)
                    ),
                });
            }
        }
    }
    if let Err(why) = &d.leftovers {
        a.notes.push(Item {
            code: "preview_leftovers_unchecked",
            resource: d.bus_name.clone(),
            message: format!("could not look for captures left by `replay --preview`: {why}"),
        });
    }
    for (name, failed) in d.leftovers.iter().flatten() {
        if failed.is_empty() {
            a.notes.push(Item {
                code: "preview_leftover_removed",
                resource: name.clone(),
                message: format!("removed {name}, a capture left by an interrupted `replay --preview`"),
            });
        } else {
            a.findings.push(Item {
                code: "preview_leftover",
                resource: name.clone(),
                message: format!(
                    "{name}, left by an interrupted `replay --preview`, could not be removed: {}",
                    failed.join("; ")
                ),
            });
        }
    }
    for replay in &d.replays {
        let stuck = replay.replay_start.is_some_and(|start| opts.now.duration_since(start) > STUCK_AFTER);
        if stuck {
            let state = replay.state.as_deref().unwrap_or("RUNNING");
            a.findings.push(Item {
                code: "replay_stuck",
                resource: replay.name.clone(),
                message: format!(
                    "replay {} has been {state} for over {} hours: `alchemiser replay status {}`, `alchemiser replay cancel {}`",
                    replay.name,
                    STUCK_AFTER.as_hours(),
                    replay.name,
                    replay.name
                ),
            });
        }
    }
    a
}

/// Lines of errors 2.27.0 itself produces: every RebalancePlanned fails validation, logged by
/// the handler (`Failed to handle EventBridge event`) and again by the runtime's `[ERROR]`.
struct KnownFailures {
    events: u64,
    lines: u64,
}

fn known_rebalance_failures(s: &Summary) -> KnownFailures {
    use crate::logline::ErrorOrigin;
    let count = |origin| s.errors.get(&("ValidationError".to_string(), origin)).copied().unwrap_or(0);
    let handled = s.detail_types.get("RebalancePlanned").map_or(0, |c| c.handler_failed);
    let events = handled.min(count(ErrorOrigin::HandlerFailed));
    KnownFailures { events, lines: events + events.min(count(ErrorOrigin::Runtime)) }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `status -o json`: one object.
#[derive(Serialize)]
struct StatusJson<'a> {
    healthy: bool,
    stage: &'static str,
    findings: &'a [Item],
    notes: &'a [Item],
    bus: BusJson<'a>,
    archive: ArchiveJson<'a>,
    lambda: LambdaJson<'a>,
    activity: ActivityJson<'a>,
}

#[derive(Serialize)]
struct BusJson<'a> {
    name: &'a str,
    exists: bool,
    rules: Vec<RuleJson<'a>>,
}

#[derive(Serialize)]
struct RuleJson<'a> {
    name: &'a str,
    state: &'static str,
    /// Its pattern is 2.27.0's for a rule of that name.
    as_2_27: bool,
    delivers_to_lambda: bool,
}

#[derive(Serialize)]
struct ArchiveJson<'a> {
    name: &'a str,
    exists: bool,
    state: Option<&'a str>,
    event_count: Option<i64>,
    size_bytes: Option<i64>,
    retention_days: Option<i32>,
}

#[derive(Serialize)]
struct LambdaJson<'a> {
    name: &'a str,
    exists: bool,
    state: Option<&'a str>,
    last_update_status: Option<&'a str>,
    runtime: Option<&'a str>,
    memory_mb: Option<i32>,
    timeout_s: Option<i32>,
    last_modified: Option<&'a str>,
    app_stage: Option<&'a str>,
    trading_endpoint: Option<&'a str>,
    trading_mode: Option<&'static str>,
    reserved_concurrency: Option<i32>,
    /// Null when the function sets none: Lambda's defaults (2 retries, 6 hours) apply.
    max_retry_attempts: Option<i32>,
    max_event_age_s: Option<i32>,
    on_failure: Option<&'a str>,
    dead_letter_target: Option<&'a str>,
}

#[derive(Serialize)]
struct ActivityJson<'a> {
    since: String,
    log_group: &'a str,
    log_lines: u64,
    partial: bool,
    invocations: u64,
    domain_events: u64,
    command_runs: u64,
    /// Lines saying the command path is running `main(["trade"])`.
    trading_runs: u64,
    /// Errors other than the RebalancePlanned validation failures 2.27.0 always has.
    errors: u64,
    rebalance_planned_failures: u64,
    critical_errors: u64,
    duplicates_skipped: u64,
    replays_running: Vec<&'a str>,
}

/// Invocations: one REPORT line each; without them (a filtered group), the routing lines.
fn invocations(s: &Summary) -> u64 {
    match s.count(Kind::Report) {
        0 => s.count(Kind::RoutedDomain) + s.count(Kind::CommandInvoked) + s.count(Kind::CircuitBreaker),
        n => n,
    }
}

fn status_json<'a>(d: &'a Deployment, a: &'a Assessment, opts: &'a StatusOptions) -> StatusJson<'a> {
    let expected = default_bus(opts.stage);
    let rules = d.bus.as_ref().map_or_else(Vec::new, |bus| {
        bus.rules()
            .iter()
            .map(|r| RuleJson {
                name: &r.name,
                state: r.state.as_str(),
                as_2_27: expected.rule(&r.name).is_some_and(|w| same_pattern(&w.pattern_text, &r.pattern_text)),
                delivers_to_lambda: r.targets.iter().any(|t| t.is_function),
            })
            .collect()
    });
    let f = d.function.as_ref();
    let empty = Summary::default();
    let s = d.activity.as_ref().map_or(&empty, |a| &a.summary);
    StatusJson {
        healthy: a.findings.is_empty(),
        stage: opts.stage.as_str(),
        findings: &a.findings,
        notes: &a.notes,
        bus: BusJson { name: &d.bus_name, exists: d.bus.is_some(), rules },
        archive: ArchiveJson {
            name: &opts.archive,
            exists: d.archive.is_some(),
            state: d.archive.as_ref().and_then(|x| x.state.as_deref()),
            event_count: d.archive.as_ref().map(|x| x.event_count),
            size_bytes: d.archive.as_ref().map(|x| x.size_bytes),
            retention_days: d.archive.as_ref().and_then(|x| x.retention_days),
        },
        lambda: LambdaJson {
            name: &d.function_name,
            exists: f.is_some(),
            state: f.and_then(|f| f.state.as_deref()),
            last_update_status: f.and_then(|f| f.last_update_status.as_deref()),
            runtime: f.and_then(|f| f.runtime.as_deref()),
            memory_mb: f.and_then(|f| f.memory_mb),
            timeout_s: f.and_then(|f| f.timeout_s),
            last_modified: f.and_then(|f| f.last_modified.as_deref()),
            app_stage: f.and_then(|f| f.trading.app_stage.as_deref()),
            trading_endpoint: f.and_then(|f| f.trading.endpoint.as_deref()),
            trading_mode: f.map(|f| f.trading.trading_mode),
            reserved_concurrency: f.and_then(|f| f.reserved_concurrency),
            max_retry_attempts: f.and_then(|f| f.async_invoke.as_ref()).and_then(|x| x.max_retry_attempts),
            max_event_age_s: f.and_then(|f| f.async_invoke.as_ref()).and_then(|x| x.max_event_age_s),
            on_failure: f.and_then(|f| f.async_invoke.as_ref()).and_then(|x| x.on_failure.as_deref()),
            dead_letter_target: f.and_then(|f| f.dead_letter_target.as_deref()),
        },
        activity: ActivityJson {
            since: crate::when::utc(opts.since),
            log_group: &opts.log_group,
            log_lines: s.events,
            partial: d.activity.as_ref().is_some_and(|a| a.partial),
            invocations: invocations(s),
            domain_events: s.count(Kind::RoutedDomain),
            command_runs: s.count(Kind::CommandInvoked),
            trading_runs: s.count(Kind::TradingRun),
            errors: (s.count(Kind::ExecutionError) + s.count(Kind::HandlerFailed))
                .saturating_sub(known_rebalance_failures(s).lines),
            rebalance_planned_failures: known_rebalance_failures(s).events,
            critical_errors: s.count(Kind::CriticalError),
            duplicates_skipped: s.count(Kind::DuplicateSkipped),
            replays_running: d.replays.iter().map(|r| r.name.as_str()).collect(),
        },
    }
}

/// The screen: one block per part, then the findings (each with what to do), then the notes.
fn status_text(d: &Deployment, a: &Assessment, opts: &StatusOptions) -> String {
    let j = status_json(d, a, opts);
    let mut t = String::new();
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".to_string());
    t.push_str(&format!("stage     {}\n", j.stage));
    if j.bus.exists {
        let enabled = j.bus.rules.iter().filter(|r| r.state == "ENABLED").count();
        t.push_str(&format!("bus       {} ({} rules, {enabled} ENABLED)\n", j.bus.name, j.bus.rules.len()));
        for r in &j.bus.rules {
            let origin = if r.as_2_27 { "as 2.27.0" } else { "CHANGED" };
            let to = if r.delivers_to_lambda { "→ Lambda" } else { "" };
            t.push_str(&format!("  rule    {:<40} {:<8} {origin:<9} {to}\n", r.name, r.state));
        }
    } else {
        t.push_str(&format!("bus       {} MISSING\n", j.bus.name));
    }
    if j.archive.exists {
        t.push_str(&format!(
            "archive   {} {}, {} events, {} bytes, retention {}\n",
            j.archive.name,
            j.archive.state.unwrap_or("-"),
            or_dash(j.archive.event_count.map(|n| n.to_string())),
            or_dash(j.archive.size_bytes.map(|n| n.to_string())),
            j.archive.retention_days.map_or("indefinite".to_string(), |d| format!("{d} days")),
        ));
    } else {
        t.push_str(&format!("archive   {} MISSING\n", j.archive.name));
    }
    let l = &j.lambda;
    if l.exists {
        t.push_str(&format!(
            "lambda    {} {} (last update {}), {}, {} MB, {} s, modified {}\n",
            l.name,
            l.state.unwrap_or("-"),
            l.last_update_status.unwrap_or("-"),
            l.runtime.unwrap_or("-"),
            or_dash(l.memory_mb.map(|n| n.to_string())),
            or_dash(l.timeout_s.map(|n| n.to_string())),
            l.last_modified.unwrap_or("-"),
        ));
        let mode = match l.trading_mode {
            Some("live") => "LIVE",
            Some(mode) => mode,
            None => "-",
        };
        t.push_str(&format!(
            "          APP__STAGE {}, trades {mode} ({}), reserved concurrency {}\n",
            l.app_stage.unwrap_or("not set"),
            l.trading_endpoint.unwrap_or("no endpoint set"),
            l.reserved_concurrency.map_or("none".to_string(), |n| n.to_string()),
        ));
        t.push_str(&format!(
            "          async: {} retries, max event age {}, on failure {}, dead-letter {}\n",
            l.max_retry_attempts.map_or("2 (default)".to_string(), |n| n.to_string()),
            l.max_event_age_s.map_or("6 h (default)".to_string(), |n| format!("{n} s")),
            l.on_failure.unwrap_or("none"),
            l.dead_letter_target.unwrap_or("none"),
        ));
    } else {
        t.push_str(&format!("lambda    {} MISSING\n", l.name));
    }
    let act = &j.activity;
    t.push_str(&format!(
        "activity  since {}: {} invocations ({} domain, {} command), {} trading runs started, {} errors, {} critical, {} duplicates skipped{}\n",
        act.since,
        act.invocations,
        act.domain_events,
        act.command_runs,
        act.trading_runs,
        act.errors,
        act.critical_errors,
        act.duplicates_skipped,
        if act.partial { " (first 200,000 log lines)" } else { "" },
    ));
    t.push_str(&format!(
        "replays   {}\n",
        if act.replays_running.is_empty() { "none running".to_string() } else { act.replays_running.join(", ") }
    ));
    if a.findings.is_empty() {
        t.push_str("\nhealthy: nothing needs attention\n");
    } else {
        t.push_str(&format!("\n{} finding{}:\n", a.findings.len(), if a.findings.len() == 1 { "" } else { "s" }));
        for f in &a.findings {
            t.push_str(&format!("  ✗ {}\n", f.message));
        }
    }
    if !a.notes.is_empty() {
        t.push_str("notes (they do not fail the check):\n");
        for n in &a.notes {
            t.push_str(&format!("  · {}\n", n.message));
        }
    }
    t
}

/// Reads, assesses and reports; exit 0 healthy, 1 with findings.
pub async fn run(ctx: &AwsContext, opts: &StatusOptions, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let deployment = collect(ctx, opts).await?;
    let assessment = assess(&deployment, opts);
    match opts.output {
        OutputFormat::Json => json_line(io.out, &status_json(&deployment, &assessment, opts))?,
        OutputFormat::Table => io.out.write_all(status_text(&deployment, &assessment, opts).as_bytes())?,
    }
    io.out.flush()?;
    Ok(if assessment.findings.is_empty() { Exit::Success } else { Exit::Failure })
}

/// `alchemiser status`: resolves the arguments and runs.
pub fn execute(args: crate::cli::StatusArgs, globals: &crate::cli::Globals) -> Exit {
    let clues = super::name_clues(&args.aws);
    let stage = match super::acting_stage(globals, &clues) {
        Ok(stage) => stage,
        Err(e) => return super::exit_for_result(Err(e)),
    };
    let names = crate::bus::Names::for_stage(stage);
    let now = Timestamp::now();
    let since = match crate::when::parse_time(&args.since, now, &jiff::tz::TimeZone::system()) {
        Ok(since) => since,
        Err(e) => {
            eprintln!("error: --since {}: {e}", args.since);
            return Exit::Error;
        }
    };
    let opts = StatusOptions {
        stage,
        archive: args.archive.clone().unwrap_or(names.archive),
        log_group: args.log_group.clone().unwrap_or(names.log_group),
        since,
        now,
        output: globals.output,
    };
    super::run_aws(&args.aws, stage, async |ctx, io| run(ctx, &opts, io).await)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::lambda::TradingConfig;

    fn ts(text: &str) -> Timestamp {
        text.parse().expect("timestamp")
    }

    fn opts() -> StatusOptions {
        StatusOptions {
            stage: Stage::Dev,
            archive: "a-dev".into(),
            log_group: "/aws/lambda/f-dev".into(),
            since: ts("2025-10-14T11:00:00Z"),
            now: ts("2025-10-14T12:00:00Z"),
            output: OutputFormat::Json,
        }
    }

    fn function() -> FunctionStatus {
        FunctionStatus {
            state: Some("Active".into()),
            last_update_status: Some("Successful".into()),
            runtime: Some("python3.12".into()),
            memory_mb: Some(512),
            timeout_s: Some(900),
            last_modified: None,
            trading: TradingConfig {
                app_stage: Some("dev".into()),
                endpoint: Some("https://paper-api.alpaca.markets/v2".into()),
                trading_mode: "paper",
            },
            reserved_concurrency: None,
            dead_letter_target: None,
            async_invoke: None,
        }
    }

    fn deployment() -> Deployment {
        Deployment {
            bus_name: "b-dev".into(),
            bus: Some(default_bus(Stage::Dev)),
            archive: Some(ArchiveInfo {
                name: "a-dev".into(),
                state: Some("ENABLED".into()),
                retention_days: Some(365),
                ..ArchiveInfo::default()
            }),
            function_name: "f-dev".into(),
            function: Some(function()),
            activity: Some(Activity::default()),
            replays: Vec::new(),
            leftovers: Ok(Vec::new()),
        }
    }

    fn codes(items: &[Item]) -> Vec<&'static str> {
        items.iter().map(|i| i.code).collect()
    }

    #[test]
    fn the_template_as_deployed_has_notes_only() {
        let a = assess(&deployment(), &opts());
        assert!(a.findings.is_empty(), "{:?}", a.findings);
        assert!(codes(&a.notes).contains(&"no_failure_destination"));
    }

    #[test]
    fn rebalance_planned_failures_are_2_27_0_itself_other_errors_are_findings() {
        let lines = [
            "2025-10-14 11:30:00 [error    ] Failed to handle EventBridge event correlation_id=c detail_type=RebalancePlanned error='10 validation errors' error_type=ValidationError lambda_request_id=unknown",
            "[ERROR] ValidationError: 10 validation errors for RebalancePlanned",
        ];
        let mut d = deployment();
        let activity = d.activity.as_mut().expect("activity");
        for line in lines {
            activity.summary.add(&crate::logline::parse(line));
        }
        let a = assess(&d, &opts());
        assert!(a.findings.is_empty(), "{:?}", a.findings);
        assert!(codes(&a.notes).contains(&"rebalance_planned_fails"));
        let activity = d.activity.as_mut().expect("activity");
        activity.summary.add(&crate::logline::parse("[ERROR] KeyError: 'x'"));
        assert_eq!(codes(&assess(&d, &opts()).findings), ["errors"]);
    }

    #[test]
    fn a_stuck_replay_a_failed_update_and_a_destination() {
        let mut d = deployment();
        d.replays.push(ReplayInfo {
            name: "r".into(),
            state: Some("RUNNING".into()),
            replay_start: Some(ts("2025-10-14T09:30:00Z")),
            ..ReplayInfo::default()
        });
        d.replays.push(ReplayInfo {
            name: "fresh".into(),
            state: Some("RUNNING".into()),
            replay_start: Some(ts("2025-10-14T11:30:00Z")),
            ..ReplayInfo::default()
        });
        let f = d.function.as_mut().expect("function");
        f.last_update_status = Some("Failed".into());
        f.async_invoke = Some(crate::aws::lambda::AsyncInvoke {
            on_failure: Some("arn:aws:sqs:us-east-1:1:dlq".into()),
            ..Default::default()
        });
        let a = assess(&d, &opts());
        assert_eq!(codes(&a.findings), ["function_update_failed", "replay_stuck"]);
        assert!(a.findings[1].message.contains("alchemiser replay cancel r"), "{}", a.findings[1].message);
        assert!(!codes(&a.notes).contains(&"no_failure_destination"));
    }
}
