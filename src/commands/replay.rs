//! `alchemiser replay` (start one; `list`, `status`, `cancel`) and `alchemiser archives list`.
//!
//! A replay delivers archived events to the bus again, so every rule it reaches runs its
//! handler again. Starting one therefore shows the window (UTC and local), names the archive,
//! the bus and the rules, and asks; cancelling one asks too.

use std::future::Future;
use std::io::{self, Write};
use std::time::Duration;

use crate::aws::EventsClient as Client;
use comfy_table::Cell;
use indicatif::{ProgressBar, ProgressStyle};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::aws::events::describe_rule;
use crate::aws::replay::{self as api, ReplayInfo, ReplayRequest};
use crate::aws::{AwsContext, AwsError};
use crate::bus::Names;
use crate::cli::AwsArgs;
use crate::cli::{ArchivesArgs, ArchivesCommand, Globals, ReplayArgs, ReplayCommand, ReplayStartArgs};
use crate::exit::Exit;
use crate::guard::StageClue;
use crate::render::{OutputFormat, json_line, new_table};
use crate::routing::Stage;
use crate::when::{self, utc};

pub use super::Confirm;

/// AWS advises waiting this long before replaying recent events: archiving lags behind the bus.
pub const ARCHIVE_LAG: SignedDuration = SignedDuration::from_mins(10);

pub use super::{CommandError as ReplayError, Io};

/// The replay's time window (whole seconds, start before end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: Timestamp,
    pub end: Timestamp,
}

/// Resolves `--since` / `--until` (default now) against one `now`: start before end, end not
/// in the future (nothing later can be archived yet).
pub fn window(since: &str, until: Option<&str>, now: Timestamp, tz: &TimeZone) -> Result<Window, String> {
    let start = when::parse_time(since, now, tz).map_err(|e| format!("--since: {e}"))?;
    let end = match until {
        Some(text) => when::parse_time(text, now, tz).map_err(|e| format!("--until: {e}"))?,
        None => now,
    };
    if end > now {
        return Err(format!("--until {} is in the future: nothing after now is archived yet", when::show(end, tz)));
    }
    // Whole seconds: what is shown is exactly what is asked for.
    let (start, end) = (whole_seconds(start), whole_seconds(end));
    if start >= end {
        return Err(format!("--since {} must be before --until {}", when::show(start, tz), when::show(end, tz)));
    }
    Ok(Window { start, end })
}

fn whole_seconds(ts: Timestamp) -> Timestamp {
    Timestamp::from_second(ts.as_second()).unwrap_or(ts)
}

/// The runbook's naming convention, in UTC.
pub fn default_name(now: Timestamp) -> String {
    now.strftime("replay-%Y%m%d-%H%M%S").to_string()
}

/// A warning when the window ends less than [`ARCHIVE_LAG`] ago.
pub fn lag_warning(window: Window, now: Timestamp) -> Option<String> {
    let age = now.duration_since(window.end);
    (age < ARCHIVE_LAG).then(|| {
        format!(
            "warning: the window ends {} ago: archiving lags behind the bus, so the latest events may not be in the archive yet (AWS advises waiting {} minutes)",
            span(age.max(SignedDuration::ZERO)),
            ARCHIVE_LAG.as_mins()
        )
    })
}

/// `2h`, `1h 30m`, `45s`, `3d 4h`: the two largest units.
fn span(d: SignedDuration) -> String {
    let mut left = d.as_secs().max(0);
    let mut parts = Vec::new();
    for (unit, seconds) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        if left >= seconds {
            parts.push(format!("{}{unit}", left / seconds));
            left %= seconds;
        }
    }
    if parts.is_empty() {
        return "0s".to_string();
    }
    parts.truncate(2);
    parts.join(" ")
}

/// Everything starting a replay needs, resolved from the command line.
#[derive(Debug, Clone)]
pub struct StartOptions {
    pub name: String,
    pub archive: String,
    /// Rule names on the bus to limit the replay to; empty = every rule.
    pub rules: Vec<String>,
    pub window: Window,
    pub yes: bool,
    pub dry_run: bool,
    pub stage: Stage,
}

/// What would be started, with every name resolved to its ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub request: ReplayRequest,
    pub archive: String,
    pub bus: String,
    pub rules: Vec<String>,
}

impl Plan {
    fn as_info(&self) -> ReplayInfo {
        ReplayInfo {
            name: self.request.name.clone(),
            archive_arn: Some(self.request.archive_arn.clone()),
            destination_arn: Some(self.request.destination_arn.clone()),
            filter_arns: Some(self.request.filter_arns.clone()),
            event_start: Some(self.request.start),
            event_end: Some(self.request.end),
            ..ReplayInfo::default()
        }
    }
}

/// Resolves the archive, the bus and the rules to ARNs; refuses a bus the archive does not record.
pub async fn plan(aws: &AwsContext, opts: &StartOptions) -> Result<Plan, ReplayError> {
    let archive = api::describe_archive(&aws.events, &opts.archive).await?;
    let unanswered = |what: &str| {
        AwsError::new(Exit::AwsService, format!("DescribeArchive {}: the answer has no {what}", opts.archive))
    };
    let archive_arn = archive.arn.clone().ok_or_else(|| unanswered("ARN"))?;
    let source = archive.source_arn.clone().ok_or_else(|| unanswered("source bus"))?;
    let cross_bus = || {
        let source_bus = bus_name(&source);
        ReplayError::Usage(format!(
            "archive {} records bus {source_bus}, not {}: a replay goes back to its archive's own bus (cross-bus replay is not permitted); pass --bus {source_bus}",
            opts.archive, aws.bus
        ))
    };
    // By name first, so a wrong --bus is named even when no such bus exists.
    if bus_name(&source) != bus_name(&aws.bus) {
        return Err(cross_bus());
    }
    let bus_arn = api::bus_arn(&aws.events, &aws.bus).await?;
    if source != bus_arn {
        return Err(cross_bus());
    }
    let mut rules: Vec<String> = Vec::new();
    let mut filter_arns = Vec::new();
    for rule in &opts.rules {
        if rules.contains(rule) {
            continue;
        }
        let info = describe_rule(&aws.events, &aws.bus, rule).await?;
        let arn = info.arn.ok_or_else(|| {
            AwsError::new(Exit::AwsService, format!("DescribeRule {rule} on bus {}: the answer has no ARN", aws.bus))
        })?;
        rules.push(rule.clone());
        filter_arns.push(arn);
    }
    Ok(Plan {
        request: ReplayRequest {
            name: opts.name.clone(),
            archive_arn,
            destination_arn: bus_arn,
            filter_arns,
            start: opts.window.start,
            end: opts.window.end,
        },
        archive: opts.archive.clone(),
        bus: aws.bus.clone(),
        rules,
    })
}

/// `arn:aws:events:…:event-bus/NAME` → `NAME` (the ARN itself when it has no such part).
fn bus_name(arn: &str) -> &str {
    arn.split_once(":event-bus/").map_or(arn, |(_, name)| name)
}

/// What `start` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Started {
    Replay(Box<ReplayInfo>),
    /// A dry run (exit 0) or a declined prompt (exit 1): nothing was started.
    Nothing(Exit),
}

/// Plans, shows the window, confirms and starts (or, with `--dry-run`, prints the plan).
pub async fn start(
    aws: &AwsContext,
    opts: &StartOptions,
    now: Timestamp,
    tz: &TimeZone,
    globals: &Globals,
    io: &mut Io<'_>,
) -> Result<Started, ReplayError> {
    // Refuse before any call: there is nobody to show the plan to.
    if !opts.yes && !opts.dry_run && io.confirm.is_none() {
        return Err(ReplayError::Usage(format!(
            "refusing to start replay {} without confirmation: replayed events run their handlers again (command-path events trade again) and there is no terminal to ask on; pass --yes (or --dry-run to preview)",
            opts.name
        )));
    }
    let plan = plan(aws, opts).await?;
    let rules = if plan.rules.is_empty() {
        format!("every rule on {}", plan.bus)
    } else {
        format!("only {} on {}", plan.rules.join(", "), plan.bus)
    };
    writeln!(io.err, "replay {}: archive {} → {rules}", plan.request.name, plan.archive)?;
    writeln!(io.err, "  from  {}", when::show(plan.request.start, tz))?;
    writeln!(
        io.err,
        "  until {}  ({})",
        when::show(plan.request.end, tz),
        span(plan.request.end.duration_since(plan.request.start))
    )?;
    if let Some(warning) = lag_warning(opts.window, now) {
        writeln!(io.err, "{warning}")?;
    }
    if opts.dry_run {
        write_replay(&plan.as_info(), true, globals, tz, io.out)?;
        writeln!(io.err, "dry run: nothing started")?;
        return Ok(Started::Nothing(Exit::Success));
    }
    if !opts.yes
        && let Some(confirm) = io.confirm.as_mut()
    {
        let live = if opts.stage == Stage::Prod { " In prod they trade LIVE." } else { "" };
        writeln!(
            io.err,
            "Every archived event in the window reaches {rules} again and its handler runs again: idempotency (by detail.event_id) covers domain events only, so command-path events such as a scheduler envelope start trades again.{live}"
        )?;
        if !confirm(&format!("Start replay {}?", plan.request.name))? {
            writeln!(io.err, "aborted: nothing started")?;
            let declined = if io.interrupts.count() > 0 { Exit::Interrupted } else { Exit::Failure };
            return Ok(Started::Nothing(declined));
        }
    }
    if io.interrupts.count() > 0 {
        writeln!(io.err, "interrupted: nothing started")?;
        return Ok(Started::Nothing(Exit::Interrupted));
    }
    let name = &plan.request.name;
    let (started, note) = tokio::select! {
        started = api::start_replay(&aws.events, &plan.request) => started?,
        () = io.interrupts.reached(1) => {
            writeln!(
                io.err,
                "interrupted while starting replay {name}: it may have started; check `alchemiser replay status {name}` before starting it again"
            )?;
            return Ok(Started::Nothing(Exit::Interrupted));
        }
    };
    if let Some(note) = note {
        writeln!(io.err, "note: {note}")?;
    }
    writeln!(io.err, "started replay {}: {}", started.name, started.state.as_deref().unwrap_or("state unknown"))?;
    Ok(Started::Replay(Box::new(started)))
}

/// How to wait for a replay to end.
#[derive(Debug, Clone, Copy)]
pub struct WaitOptions {
    /// Between DescribeReplay calls.
    pub interval: Duration,
    /// Draw a progress bar (only on a terminal); otherwise state changes are printed as lines.
    pub progress: bool,
}

/// How waiting ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Waited {
    /// COMPLETED, CANCELLED or FAILED.
    Ended(Box<ReplayInfo>),
    /// `interrupt` fired first; the replay goes on.
    Interrupted,
}

/// Polls DescribeReplay until the replay ends or `interrupt` fires, reporting each new state
/// on `err` (with a progress bar over the window when `opts.progress`).
pub async fn wait(
    client: &Client,
    name: &str,
    window: Window,
    opts: WaitOptions,
    err: &mut dyn Write,
    interrupt: impl Future<Output = ()>,
) -> Result<Waited, ReplayError> {
    let mut interrupt = std::pin::pin!(interrupt);
    let bar = opts.progress.then(|| progress_bar(window));
    let finish = |bar: &Option<ProgressBar>| {
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
    };
    let mut last_state: Option<String> = None;
    loop {
        let described = tokio::select! {
            described = api::describe_replay(client, name) => described,
            () = &mut interrupt => {
                finish(&bar);
                return Ok(Waited::Interrupted);
            }
        };
        let info = match described {
            Ok(info) => info,
            Err(e) => {
                finish(&bar);
                return Err(e.into());
            }
        };
        let done = fraction(&info, window);
        if let Some(bar) = &bar {
            bar.set_message(info.state.clone().unwrap_or_default());
            bar.set_position(done.map_or(0, |f| (f * bar_length(window) as f64) as u64));
        }
        if info.state != last_state {
            let line = state_line(&info, done);
            match &bar {
                Some(bar) => bar.println(line),
                None => writeln!(err, "{line}")?,
            }
            last_state = info.state.clone();
        }
        if info.is_final() {
            finish(&bar);
            return Ok(Waited::Ended(Box::new(info)));
        }
        tokio::select! {
            () = tokio::time::sleep(opts.interval) => {}
            () = &mut interrupt => {
                finish(&bar);
                return Ok(Waited::Interrupted);
            }
        }
    }
}

fn bar_length(window: Window) -> u64 {
    window.end.duration_since(window.start).as_secs().max(1).unsigned_abs()
}

fn progress_bar(window: Window) -> ProgressBar {
    let bar = ProgressBar::new(bar_length(window));
    bar.set_message("waiting");
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {msg:10} [{bar:30}] {percent:>3}% of the window, {elapsed}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// How far through the window the replay is (EventLastReplayedTime), 0 to 1.
fn fraction(info: &ReplayInfo, window: Window) -> Option<f64> {
    let reached = info.last_replayed?;
    let total = window.end.duration_since(window.start).as_secs_f64();
    (total > 0.0).then(|| (reached.duration_since(window.start).as_secs_f64() / total).clamp(0.0, 1.0))
}

/// `replay r: RUNNING, replayed up to 2025-10-14T10:30:00Z (25%)`.
fn state_line(info: &ReplayInfo, done: Option<f64>) -> String {
    let mut line = format!("replay {}: {}", info.name, info.state.as_deref().unwrap_or("state unknown"));
    if let (Some(reached), Some(done)) = (info.last_replayed, done) {
        line.push_str(&format!(", replayed up to {} ({:.0}%)", utc(reached), done * 100.0));
    }
    if let Some(reason) = &info.state_reason {
        line.push_str(&format!(" ({reason})"));
    }
    line
}

/// The exit code of an ended replay: 0 when COMPLETED, else 1 with the reason on `err`.
pub fn ended(info: &ReplayInfo, err: &mut dyn Write) -> io::Result<Exit> {
    if info.state.as_deref() == Some("COMPLETED") {
        return Ok(Exit::Success);
    }
    let reason = info.state_reason.as_deref().unwrap_or("no reason given");
    writeln!(
        err,
        "error: replay {} ended {}: {reason}",
        info.name,
        info.state.as_deref().unwrap_or("in an unknown state")
    )?;
    Ok(Exit::Failure)
}

/// After Ctrl-C while waiting: cancels when the operator said so (`cancel` is None when there
/// was no terminal to ask on), and says how to follow up. Always exit 130.
pub async fn interrupted(
    client: &Client,
    name: &str,
    cancel: Option<bool>,
    err: &mut dyn Write,
) -> Result<Exit, ReplayError> {
    match cancel {
        Some(true) => {
            let info = api::cancel_replay(client, name).await?;
            writeln!(
                err,
                "replay {name}: {} (events already replayed stay delivered); follow it with `alchemiser replay status {name}`",
                info.state.as_deref().unwrap_or("cancel requested")
            )?;
        }
        Some(false) => {
            writeln!(err, "stopped waiting; replay {name} goes on: follow it with `alchemiser replay status {name}`")?
        }
        None => writeln!(
            err,
            "interrupted: replay {name} goes on; cancel it with `alchemiser replay cancel {name} --yes` or follow it with `alchemiser replay status {name}`"
        )?,
    }
    Ok(Exit::Interrupted)
}

/// `replay list`: every replay (optionally by name prefix and state), as EventBridge lists them.
pub async fn list(
    client: &Client,
    prefix: Option<&str>,
    state: Option<&str>,
    globals: &Globals,
    io: &mut Io<'_>,
) -> Result<Exit, ReplayError> {
    let replays = api::list_replays(client, prefix, state).await?;
    match globals.output {
        OutputFormat::Json => {
            for replay in &replays {
                json_line(io.out, replay)?;
            }
        }
        OutputFormat::Table if replays.is_empty() => writeln!(io.err, "no replays")?,
        OutputFormat::Table => {
            let mut table = new_table(globals.style);
            table.set_header(vec!["replay", "state", "archive", "window (UTC)", "replayed up to", "started", "ended"]);
            for r in &replays {
                table.add_row(vec![
                    Cell::new(&r.name),
                    Cell::new(state_text(r)),
                    Cell::new(r.archive_arn.as_deref().map_or("-", archive_name)),
                    Cell::new(window_text(r)),
                    Cell::new(opt_utc(r.last_replayed)),
                    Cell::new(opt_utc(r.replay_start)),
                    Cell::new(opt_utc(r.replay_end)),
                ]);
            }
            writeln!(io.out, "{table}")?;
        }
    }
    Ok(Exit::Success)
}

/// `replay status NAME`.
pub async fn status(
    client: &Client,
    name: &str,
    globals: &Globals,
    tz: &TimeZone,
    io: &mut Io<'_>,
) -> Result<Exit, ReplayError> {
    let info = api::describe_replay(client, name).await?;
    write_replay(&info, false, globals, tz, io.out)?;
    Ok(Exit::Success)
}

/// `replay cancel NAME`: confirmed, then CancelReplay.
pub async fn cancel(
    client: &Client,
    name: &str,
    yes: bool,
    globals: &Globals,
    tz: &TimeZone,
    io: &mut Io<'_>,
) -> Result<Exit, ReplayError> {
    if !yes {
        let Some(confirm) = io.confirm.as_mut() else {
            return Err(ReplayError::Usage(format!(
                "refusing to cancel replay {name} without confirmation: no terminal to ask on; pass --yes"
            )));
        };
        if !confirm(&format!("Cancel replay {name}? Events already replayed stay delivered."))? {
            writeln!(io.err, "aborted: nothing cancelled")?;
            return Ok(Exit::Failure);
        }
    }
    let info = api::cancel_replay(client, name).await?;
    write_replay(&info, false, globals, tz, io.out)?;
    Ok(Exit::Success)
}

/// `archives list`: every archive with its state, source bus, event count, size and retention.
pub async fn archives(
    client: &Client,
    prefix: Option<&str>,
    globals: &Globals,
    io: &mut Io<'_>,
) -> Result<Exit, ReplayError> {
    let archives = api::list_archives(client, prefix).await?;
    match globals.output {
        OutputFormat::Json => {
            for a in &archives {
                json_line(io.out, a)?;
            }
        }
        OutputFormat::Table if archives.is_empty() => writeln!(io.err, "no archives")?,
        OutputFormat::Table => {
            let mut table = new_table(globals.style);
            table.set_header(vec!["archive", "state", "source bus", "events", "size", "retention", "created (UTC)"]);
            for a in &archives {
                let state = match (&a.state, &a.state_reason) {
                    (Some(state), Some(reason)) => format!("{state} ({reason})"),
                    (state, _) => state.clone().unwrap_or_else(|| "-".to_string()),
                };
                table.add_row(vec![
                    Cell::new(&a.name),
                    Cell::new(state),
                    Cell::new(a.source_arn.as_deref().map_or("-", bus_name)),
                    Cell::new(a.event_count),
                    Cell::new(size(a.size_bytes)),
                    Cell::new(retention(a.retention_days)),
                    Cell::new(opt_utc(a.created)),
                ]);
            }
            writeln!(io.out, "{table}")?;
        }
    }
    Ok(Exit::Success)
}

fn archive_name(arn: &str) -> &str {
    arn.split_once(":archive/").map_or(arn, |(_, name)| name)
}

fn retention(days: Option<i32>) -> String {
    match days {
        None | Some(0) => "forever".to_string(),
        Some(1) => "1 day".to_string(),
        Some(n) => format!("{n} days"),
    }
}

/// `512 B`, `1.5 KiB`, `20.0 MiB`.
fn size(bytes: i64) -> String {
    let mut value = bytes as f64;
    for unit in ["B", "KiB", "MiB", "GiB"] {
        if value < 1024.0 || unit == "GiB" {
            return if unit == "B" { format!("{bytes} B") } else { format!("{value:.1} {unit}") };
        }
        value /= 1024.0;
    }
    format!("{bytes} B")
}

fn opt_utc(ts: Option<Timestamp>) -> String {
    ts.map_or_else(|| "-".to_string(), utc)
}

fn state_text(info: &ReplayInfo) -> String {
    let state = info.state.as_deref().unwrap_or("-");
    match &info.state_reason {
        Some(reason) => format!("{state} ({reason})"),
        None => state.to_string(),
    }
}

fn window_text(info: &ReplayInfo) -> String {
    format!("{} → {}", opt_utc(info.event_start), opt_utc(info.event_end))
}

/// A dry run's replay: the replay as planned, marked.
#[derive(Serialize)]
struct DryRun<'a> {
    #[serde(flatten)]
    replay: &'a ReplayInfo,
    dry_run: bool,
}

/// One replay: a JSON object, or a two-column table with times in UTC and local time.
fn write_replay(
    info: &ReplayInfo,
    dry_run: bool,
    globals: &Globals,
    tz: &TimeZone,
    out: &mut dyn Write,
) -> io::Result<()> {
    if globals.output == OutputFormat::Json {
        return if dry_run { json_line(out, &DryRun { replay: info, dry_run }) } else { json_line(out, info) };
    }
    let mut table = new_table(globals.style);
    table.set_header(vec!["", "replay"]);
    let state = if dry_run { "not started (dry run)".to_string() } else { state_text(info) };
    table.add_row(vec!["name".to_string(), info.name.clone()]);
    table.add_row(vec!["state".to_string(), state]);
    let shown = |ts: Option<Timestamp>| ts.map(|t| when::show(t, tz));
    let rows = [
        ("archive", info.archive_arn.clone()),
        ("destination", info.destination_arn.clone()),
        (
            "rules",
            info.filter_arns
                .as_ref()
                .map(|arns| if arns.is_empty() { "every rule on the bus".to_string() } else { arns.join("\n") }),
        ),
        ("from", shown(info.event_start)),
        ("until", shown(info.event_end)),
        ("replayed up to", shown(info.last_replayed)),
        ("started", shown(info.replay_start)),
        ("ended", shown(info.replay_end)),
        ("arn", info.arn.clone()),
    ];
    for (key, value) in rows {
        if let Some(value) = value {
            table.add_row(vec![key.to_string(), value]);
        }
    }
    writeln!(out, "{table}")
}

/// The default `--poll-interval`.
const POLL_INTERVAL: Duration = Duration::from_secs(5);

/// The start flags given, by name (they mean nothing to `list`, `status` or `cancel`).
fn start_flags(args: &ReplayStartArgs) -> Vec<&'static str> {
    [
        ("--since", args.since.is_some()),
        ("--until", args.until.is_some()),
        ("--rule", !args.rules.is_empty()),
        ("--name", args.name.is_some()),
        ("--archive", args.archive.is_some()),
        ("--yes", args.yes),
        ("--dry-run", args.dry_run),
        ("--wait", args.wait),
        ("--poll-interval", args.poll_interval.is_some()),
    ]
    .into_iter()
    .filter_map(|(flag, given)| given.then_some(flag))
    .collect()
}

/// `alchemiser replay …`.
pub fn execute(args: ReplayArgs, globals: &Globals) -> Exit {
    let tz = TimeZone::system();
    if let Some(command) = &args.command {
        let flags = start_flags(&args.start);
        if !flags.is_empty() {
            let name = match command {
                ReplayCommand::List(_) => "list",
                ReplayCommand::Status(_) => "status",
                ReplayCommand::Cancel(_) => "cancel",
            };
            eprintln!(
                "error: {} (for starting a replay) cannot be used with `replay {name}`; put the options of `{name}` after it",
                flags.join(", ")
            );
            return Exit::Error;
        }
    }
    match args.command {
        None => execute_start(args.start, &args.aws, globals, &tz),
        Some(ReplayCommand::List(list_args)) => {
            let state = list_args.state.map(|s| s.as_str());
            super::run_aws(&args.aws, globals.stage, async |aws, io| {
                list(&aws.events, list_args.prefix.as_deref(), state, globals, io).await
            })
        }
        Some(ReplayCommand::Status(status_args)) => super::run_aws(&args.aws, globals.stage, async |aws, io| {
            status(&aws.events, &status_args.name, globals, &tz, io).await
        }),
        Some(ReplayCommand::Cancel(cancel_args)) => super::run_aws(&args.aws, globals.stage, async |aws, io| {
            cancel(&aws.events, &cancel_args.name, cancel_args.yes, globals, &tz, io).await
        }),
    }
}

fn execute_start(args: ReplayStartArgs, aws: &AwsArgs, globals: &Globals, tz: &TimeZone) -> Exit {
    use std::io::IsTerminal;
    let now = Timestamp::now();
    // clap requires --since whenever no subcommand is given.
    let since = args.since.as_deref().unwrap_or("now");
    let window = match window(since, args.until.as_deref(), now, tz) {
        Ok(window) => window,
        Err(message) => {
            eprintln!("error: {message}");
            return Exit::Error;
        }
    };
    // The archive, the bus and the rules replayed to decide the stage as much as --stage does.
    let mut clues = super::name_clues(aws);
    clues.extend(args.archive.as_deref().and_then(|name| StageClue::from_name("archive", name)));
    clues.extend(args.rules.iter().filter_map(|name| StageClue::from_name("rule", name)));
    let stage = match super::acting_stage(globals, &clues) {
        Ok(stage) => stage,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Error;
        }
    };
    let opts = StartOptions {
        name: args.name.unwrap_or_else(|| default_name(now)),
        archive: args.archive.unwrap_or_else(|| Names::for_stage(stage).archive),
        rules: args.rules,
        window,
        yes: args.yes,
        dry_run: args.dry_run,
        stage,
    };
    let wait_for = args.wait.then_some(WaitOptions {
        interval: args.poll_interval.unwrap_or(POLL_INTERVAL),
        progress: io::stderr().is_terminal(),
    });
    // Starting and waiting handle Ctrl-C: a start in flight may have gone through, and waiting
    // stops but offers to cancel.
    super::shell(super::OnInterrupt::Handle, async |io| {
        let context = &crate::aws::load(&aws.settings(), opts.stage).await?;
        let started = match start(context, &opts, now, tz, globals, io).await? {
            Started::Replay(started) => started,
            Started::Nothing(exit) => return Ok(exit),
        };
        let Some(wait_opts) = wait_for else {
            write_replay(&started, false, globals, tz, io.out)?;
            return Ok(Exit::Success);
        };
        let interrupts = io.interrupts.clone();
        match wait(&context.events, &started.name, window, wait_opts, io.err, interrupts.reached(1)).await? {
            Waited::Ended(info) => {
                write_replay(&info, false, globals, tz, io.out)?;
                Ok(ended(&info, io.err)?)
            }
            Waited::Interrupted => {
                // A second Ctrl-C at this question is a no.
                let cancel = match io.confirm.as_mut() {
                    Some(ask) => Some(ask(&format!("Cancel replay {} as well?", started.name))?),
                    None => None,
                };
                interrupted(&context.events, &started.name, cancel, io.err).await
            }
        }
    })
}

/// `alchemiser archives …`.
pub fn execute_archives(args: ArchivesArgs, globals: &Globals) -> Exit {
    match args.command {
        ArchivesCommand::List(list_args) => super::run_aws(&args.aws, globals.stage, async |aws, io| {
            archives(&aws.events, list_args.prefix.as_deref(), globals, io).await
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn utc_window(since: &str, until: Option<&str>) -> Result<Window, String> {
        window(since, until, ts("2025-10-14T12:00:00.750Z"), &TimeZone::UTC)
    }

    #[test]
    fn the_window_defaults_to_now_in_whole_seconds() {
        let w = utc_window("2h", None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((w.start, w.end), (ts("2025-10-14T10:00:00Z"), ts("2025-10-14T12:00:00Z")));
        let w = utc_window("2025-10-14T09:00:00Z", Some("30m")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((w.start, w.end), (ts("2025-10-14T09:00:00Z"), ts("2025-10-14T11:30:00Z")));
    }

    #[test]
    fn bad_windows_say_why() {
        let e = utc_window("1h", Some("2h")).err().unwrap_or_default();
        assert!(e.starts_with("--since 2025-10-14T11:00:00Z") && e.contains("must be before --until"), "{e}");
        assert!(utc_window("now", None).is_err());
        let e = utc_window("5x", None).err().unwrap_or_default();
        assert!(e.starts_with("--since: \"5x\" is not a time: use 30s, 5m, 2h"), "{e}");
        let e = utc_window("1h", Some("2025-10-15T00:00:00Z")).err().unwrap_or_default();
        assert!(e.contains("is in the future"), "{e}");
    }

    #[test]
    fn recent_windows_warn_about_archive_lag() {
        let now = ts("2025-10-14T12:00:00Z");
        let window = |end: &str| Window { start: ts("2025-10-14T08:00:00Z"), end: ts(end) };
        let warning = lag_warning(window("2025-10-14T12:00:00Z"), now).unwrap_or_default();
        assert!(warning.starts_with("warning: the window ends 0s ago"), "{warning}");
        assert!(warning.contains("waiting 10 minutes"), "{warning}");
        assert!(lag_warning(window("2025-10-14T11:52:30Z"), now).is_some_and(|w| w.contains("7m 30s ago")));
        assert_eq!(lag_warning(window("2025-10-14T11:50:00Z"), now), None);
    }

    #[test]
    fn names_and_numbers_for_people() {
        assert_eq!(default_name(ts("2025-10-14T09:05:03.9Z")), "replay-20251014-090503");
        assert_eq!(span(SignedDuration::from_secs(7200)), "2h");
        assert_eq!(span(SignedDuration::from_secs(93_784)), "1d 2h");
        assert_eq!(size(512), "512 B");
        assert_eq!(size(1536), "1.5 KiB");
        assert_eq!(retention(Some(365)), "365 days");
        assert_eq!(retention(Some(0)), "forever");
        assert_eq!(bus_name("arn:aws:events:us-east-1:123456789012:event-bus/b"), "b");
        assert_eq!(archive_name("arn:aws:events:us-east-1:123456789012:archive/a"), "a");
    }

    #[test]
    fn progress_is_the_share_of_the_window_replayed() {
        let window = Window { start: ts("2025-10-14T10:00:00Z"), end: ts("2025-10-14T12:00:00Z") };
        let info = ReplayInfo {
            name: "r".into(),
            state: Some("RUNNING".into()),
            last_replayed: Some(ts("2025-10-14T10:30:00Z")),
            ..ReplayInfo::default()
        };
        let done = fraction(&info, window);
        assert_eq!(done, Some(0.25));
        assert_eq!(state_line(&info, done), "replay r: RUNNING, replayed up to 2025-10-14T10:30:00Z (25%)");
    }
}
