//! `alchemiser rules`: list, show, enable, disable and restore the rules on the bus.
//!
//! Changes are planned from one ListRules, confirmed, snapshotted (every rule's state, so
//! `restore` can undo them), then applied one rule at a time; each rule is reported as
//! changed, already in state, or failed.

use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use comfy_table::{Cell, Color};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::aws::events::{self, RuleInfo, TargetInfo};
use crate::aws::{AwsContext, AwsError};
use crate::bus::RuleState;
use crate::cli::{ChangeArgs, ChangeOptions, ListArgs, RestoreArgs, RulesCommand, ShowArgs};
use crate::exit::Exit;
use crate::guard::StageClue;
use crate::render::{OutputFormat, Style, json_line, new_table};

/// How results are printed.
#[derive(Debug, Clone, Copy)]
pub struct RulesOptions {
    pub output: OutputFormat,
    pub style: Style,
}

pub use super::Confirm;

pub use super::{CommandError as RulesError, Io};

/// Runs one `rules` subcommand against `aws.bus`.
pub async fn run(
    command: &RulesCommand,
    aws: &AwsContext,
    opts: &RulesOptions,
    io: &mut Io<'_>,
) -> Result<Exit, RulesError> {
    match command {
        RulesCommand::List(args) => list(args, aws, opts, io).await,
        RulesCommand::Show(args) => show(args, aws, opts, io).await,
        RulesCommand::Enable(args) => change(args, RuleState::Enabled, aws, opts, io).await,
        RulesCommand::Disable(args) => change(args, RuleState::Disabled, aws, opts, io).await,
        RulesCommand::Restore(args) => restore(args, aws, opts, io).await,
        // Offline: `execute` answers it before any AWS setup.
        RulesCommand::Lint(_) => Ok(Exit::Success),
    }
}

/// `alchemiser rules`: `lint` offline, everything else against the bus.
pub fn execute(args: crate::cli::RulesArgs, globals: &crate::cli::Globals) -> Exit {
    let opts = RulesOptions { output: globals.output, style: globals.style };
    if let RulesCommand::Lint(lint_args) = &args.command {
        return match super::load_bus_any(&lint_args.bus, &args.aws, globals.stage) {
            Ok(bus) => super::finish_io(lint(&bus, globals.stage, &opts, &mut io::stdout().lock())),
            Err(exit) => exit,
        };
    }
    // The rules named (and `show`'s) say which bus they are on as much as --stage does.
    let names: &[String] = match &args.command {
        RulesCommand::Enable(change) | RulesCommand::Disable(change) => &change.names,
        RulesCommand::Show(show) => std::slice::from_ref(&show.name),
        _ => &[],
    };
    let mut clues = super::name_clues(&args.aws);
    clues.extend(names.iter().filter_map(|name| StageClue::from_name("rule", name)));
    let stage = match super::acting_stage(globals, &clues) {
        Ok(stage) => stage,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Error;
        }
    };
    super::run_aws(&args.aws, stage, async |aws, io| run(&args.command, aws, &opts, io).await)
}

/// `rules lint`: findings as a table or JSON Lines; exit 1 when there are any.
fn lint(
    bus: &crate::bus::Bus,
    stage: crate::routing::Stage,
    opts: &RulesOptions,
    out: &mut dyn Write,
) -> io::Result<Exit> {
    let findings = crate::bus::lint::lint(bus, stage);
    let mut text = String::new();
    match opts.output {
        OutputFormat::Json => {
            for f in &findings {
                json_line(out, f)?;
            }
        }
        OutputFormat::Table if findings.is_empty() => {}
        OutputFormat::Table => {
            let mut table = new_table(opts.style);
            table.set_header(vec!["finding", "subject", "detail"]);
            for f in &findings {
                table.add_row(vec![f.code, f.subject.as_str(), f.message.as_str()]);
            }
            text.push_str(&format!("{table}\n"));
        }
    }
    out.write_all(text.as_bytes())?;
    eprintln!(
        "{} finding{} for {} ({})",
        findings.len(),
        if findings.len() == 1 { "" } else { "s" },
        bus.name,
        bus.origin
    );
    Ok(if findings.is_empty() { Exit::Success } else { Exit::Failure })
}

// ---------------------------------------------------------------------------------------------
// list and show

async fn list(args: &ListArgs, aws: &AwsContext, opts: &RulesOptions, io: &mut Io<'_>) -> Result<Exit, RulesError> {
    let rules = events::list_rules(&aws.events, &aws.bus, args.prefix.as_deref()).await?;
    // One call per rule, in order: a bus holds few rules, and this stays clear of API rate limits.
    let mut targets = Vec::with_capacity(rules.len());
    for rule in &rules {
        targets.push(events::list_targets(&aws.events, &aws.bus, &rule.name).await?);
    }
    match opts.output {
        OutputFormat::Json => {
            for (rule, targets) in rules.iter().zip(&targets) {
                json_line(io.out, &RuleJson { rule, targets })?;
            }
        }
        OutputFormat::Table => write!(io.out, "{}", list_table(&rules, &targets, opts.style))?,
    }
    let enabled = rules.iter().filter(|r| r.rule_state() == Some(RuleState::Enabled)).count();
    let disabled = rules.iter().filter(|r| r.rule_state() == Some(RuleState::Disabled)).count();
    writeln!(io.err, "{} on {} ({enabled} enabled, {disabled} disabled)", count(rules.len()), aws.bus)?;
    Ok(Exit::Success)
}

fn list_table(rules: &[RuleInfo], targets: &[Vec<TargetInfo>], style: Style) -> String {
    let mut table = new_table(style);
    table.set_header(vec!["rule", "state", "pattern / schedule", "targets"]);
    for (rule, targets) in rules.iter().zip(targets) {
        let name = match &rule.managed_by {
            Some(by) => format!("{}\nmanaged by {by}", rule.name),
            None => rule.name.clone(),
        };
        let targets: Vec<String> = targets.iter().map(|t| format!("{} → {}", t.id, short_arn(&t.arn))).collect();
        table.add_row(vec![
            Cell::new(name),
            state_cell(rule.state.as_deref(), style),
            Cell::new(pattern_or_schedule(rule)),
            Cell::new(targets.join("\n")),
        ]);
    }
    format!("{table}\n")
}

fn pattern_or_schedule(rule: &RuleInfo) -> String {
    match (&rule.event_pattern, &rule.schedule_expression) {
        (Some(pattern), _) => compact_json(pattern),
        (None, Some(schedule)) => format!("schedule {schedule}"),
        (None, None) => "-".to_string(),
    }
}

/// A rule in `rules list` and `rules show -o json`: its fields, then its targets.
#[derive(Serialize)]
struct RuleJson<'a> {
    #[serde(flatten)]
    rule: &'a RuleInfo,
    targets: &'a [TargetInfo],
}

async fn show(args: &ShowArgs, aws: &AwsContext, opts: &RulesOptions, io: &mut Io<'_>) -> Result<Exit, RulesError> {
    let rule = events::describe_rule(&aws.events, &aws.bus, &args.name).await?;
    let targets = events::list_targets(&aws.events, &aws.bus, &args.name).await?;
    match opts.output {
        OutputFormat::Json => json_line(io.out, &RuleJson { rule: &rule, targets: &targets })?,
        OutputFormat::Table => write!(io.out, "{}", show_table(&rule, &targets, opts.style))?,
    }
    Ok(Exit::Success)
}

fn show_table(rule: &RuleInfo, targets: &[TargetInfo], style: Style) -> String {
    let mut table = new_table(style);
    table.set_header(vec!["", "rule"]);
    let mut row = |key: &str, value: Option<&str>| {
        if let Some(value) = value {
            table.add_row(vec![Cell::new(key), Cell::new(value)]);
        }
    };
    row("name", Some(&rule.name));
    row("arn", rule.arn.as_deref());
    row("bus", rule.event_bus_name.as_deref());
    row("description", rule.description.as_deref());
    let pattern = rule.event_pattern.as_deref().map(pretty_json);
    row("pattern", pattern.as_deref());
    row("schedule", rule.schedule_expression.as_deref());
    row("managed by", rule.managed_by.as_deref());
    row("created by", rule.created_by.as_deref());
    row("role", rule.role_arn.as_deref());
    table.add_row(vec![Cell::new("state"), state_cell(rule.state.as_deref(), style)]);
    if targets.is_empty() {
        table.add_row(vec!["targets", "none"]);
    }
    for target in targets {
        table.add_row(vec![format!("target {}", target.id), target_detail(target)]);
    }
    format!("{table}\n")
}

fn target_detail(target: &TargetInfo) -> String {
    let mut lines = vec![target.arn.clone()];
    if let Some(policy) = &target.retry_policy {
        let attempts = policy.maximum_retry_attempts.map_or("default".to_string(), |n| n.to_string());
        let age = policy.maximum_event_age_in_seconds.map_or("default".to_string(), |s| format!("{s} s"));
        lines.push(format!("retries: {attempts}, max event age {age}"));
    }
    if let Some(dlq) = &target.dead_letter_arn {
        lines.push(format!("dead-letter queue: {dlq}"));
    }
    if let Some(input) = &target.input {
        lines.push(format!("input (constant): {input}"));
    }
    if let Some(path) = &target.input_path {
        lines.push(format!("input path: {path}"));
    }
    if target.input_transformer {
        lines.push("input transformer: yes".to_string());
    }
    if let Some(role) = &target.role_arn {
        lines.push(format!("role: {role}"));
    }
    lines.join("\n")
}

// ---------------------------------------------------------------------------------------------
// enable, disable, restore

/// What happens to one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Plan {
    /// Call EnableRule/DisableRule.
    Change,
    /// Already in the wanted state.
    Keep,
    /// Cannot be done (missing on the bus); reported as failed without a call.
    Fail(AwsError),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    rule: String,
    /// The state before, as EventBridge spells it; None when the rule is not on the bus.
    before: Option<String>,
    want: RuleState,
    plan: Plan,
}

/// How one rule ended.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Changed,
    Unchanged,
    WouldChange,
    Failed(AwsError),
    /// `restore`: on the bus but not in the snapshot, so left as it is.
    NotInSnapshot,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    rule: String,
    before: Option<String>,
    after: Option<String>,
    outcome: Outcome,
}

/// One JSON Lines record of a change report.
#[derive(Serialize)]
struct RowJson<'a> {
    rule: &'a str,
    before: Option<&'a str>,
    after: Option<&'a str>,
    result: &'static str,
    error: Option<&'a str>,
}

/// Everything `apply` needs to know about one enable/disable/restore run.
struct Job<'a> {
    /// `disable`, `enable` or `restore`, for messages.
    action: &'a str,
    /// The confirmation question, without `[y/N]`.
    question: String,
    steps: Vec<Step>,
    /// Rules on the bus that `restore` leaves alone.
    left_alone: Vec<RuleInfo>,
    /// Every rule on the bus, for the snapshot.
    on_bus: &'a [RuleInfo],
    options: &'a ChangeOptions,
}

/// The snapshot file: every rule's state on one bus at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub bus: String,
    #[serde(default)]
    pub region: Option<String>,
    pub taken_at: String,
    pub rules: Vec<SnapshotRule>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRule {
    pub name: String,
    pub state: String,
}

async fn change(
    args: &ChangeArgs,
    want: RuleState,
    aws: &AwsContext,
    opts: &RulesOptions,
    io: &mut Io<'_>,
) -> Result<Exit, RulesError> {
    let on_bus = events::list_rules(&aws.events, &aws.bus, None).await?;
    let steps = plan_change(&on_bus, &args.names, args.all, want, &aws.bus)?;
    let action = if want == RuleState::Enabled { "enable" } else { "disable" };
    let changes = steps.iter().filter(|s| s.plan == Plan::Change).count();
    let question = format!("{}{} {} on {}?", action[..1].to_uppercase(), &action[1..], count(changes), aws.bus);
    let job = Job { action, question, steps, left_alone: Vec::new(), on_bus: &on_bus, options: &args.options };
    apply(job, aws, opts, io).await
}

/// Which rules to change: the named ones (every name must be on the bus), or with `all`
/// every rule AWS does not manage, in the bus's order.
fn plan_change(
    on_bus: &[RuleInfo],
    names: &[String],
    all: bool,
    want: RuleState,
    bus: &str,
) -> Result<Vec<Step>, AwsError> {
    let selected: Vec<&RuleInfo> = if all {
        on_bus.iter().filter(|r| r.managed_by.is_none()).collect()
    } else {
        let mut seen = HashSet::new();
        let mut selected = Vec::new();
        for name in names.iter().filter(|n| seen.insert(n.as_str())) {
            match on_bus.iter().find(|r| &r.name == name) {
                Some(rule) => selected.push(rule),
                // Checked for every name before anything changes.
                None => {
                    return Err(AwsError::new(
                        Exit::AwsNotFound,
                        format!("rule {name} not found on bus {bus} (see `alchemiser rules list`); nothing changed"),
                    ));
                }
            }
        }
        selected
    };
    Ok(selected
        .into_iter()
        .map(|rule| Step {
            rule: rule.name.clone(),
            before: rule.state.clone(),
            want,
            plan: if rule.rule_state() == Some(want) { Plan::Keep } else { Plan::Change },
        })
        .collect())
}

async fn restore(
    args: &RestoreArgs,
    aws: &AwsContext,
    opts: &RulesOptions,
    io: &mut Io<'_>,
) -> Result<Exit, RulesError> {
    let (snapshot, wanted) = read_snapshot(&args.file)?;
    let file = args.file.display();
    if snapshot.bus != aws.bus {
        return Err(RulesError::Usage(format!(
            "snapshot {file} is of bus {}, not {}: pass --bus {} to restore it there",
            snapshot.bus, aws.bus, snapshot.bus
        )));
    }
    if let (Some(theirs), Some(ours)) = (snapshot.region.as_deref(), aws.region())
        && theirs != ours
    {
        return Err(RulesError::Usage(format!(
            "snapshot {file} was taken in region {theirs}, not {ours}: pass --region {theirs} to restore it there"
        )));
    }
    let on_bus = events::list_rules(&aws.events, &aws.bus, None).await?;
    let (steps, left_alone) = plan_restore(&on_bus, &wanted, &aws.bus);
    let changes = steps.iter().filter(|s| s.plan == Plan::Change).count();
    let question =
        format!("Restore {} on {} to the states in {file} (taken {})?", count(changes), aws.bus, snapshot.taken_at);
    let job = Job { action: "restore", question, steps, left_alone, on_bus: &on_bus, options: &args.options };
    apply(job, aws, opts, io).await
}

/// The snapshot, and each recorded rule with its state (every state checked).
fn read_snapshot(path: &Path) -> Result<(Snapshot, Vec<(String, RuleState)>), RulesError> {
    let file = path.display();
    let text = fs::read_to_string(path).map_err(|e| RulesError::Usage(format!("cannot read snapshot {file}: {e}")))?;
    let snapshot: Snapshot =
        serde_json::from_str(&text).map_err(|e| RulesError::Usage(format!("{file} is not a rules snapshot: {e}")))?;
    let mut seen = HashSet::new();
    let mut wanted = Vec::with_capacity(snapshot.rules.len());
    for rule in &snapshot.rules {
        let Some(state) = RuleState::parse(&rule.state) else {
            return Err(RulesError::Usage(format!(
                "{file}: rule {} has state {:?}; expected ENABLED or DISABLED",
                rule.name, rule.state
            )));
        };
        if !seen.insert(rule.name.as_str()) {
            return Err(RulesError::Usage(format!("{file}: rule {} is listed twice", rule.name)));
        }
        wanted.push((rule.name.clone(), state));
    }
    Ok((snapshot, wanted))
}

/// Every recorded rule back to its state; rules missing on the bus fail, rules on the bus
/// that the snapshot does not name are returned to be listed and left alone.
fn plan_restore(on_bus: &[RuleInfo], wanted: &[(String, RuleState)], bus: &str) -> (Vec<Step>, Vec<RuleInfo>) {
    let steps = wanted
        .iter()
        .map(|(name, want)| {
            let current = on_bus.iter().find(|r| &r.name == name);
            let plan = match current {
                None => Plan::Fail(AwsError::new(
                    Exit::AwsNotFound,
                    format!("rule {name} is in the snapshot but not on bus {bus}"),
                )),
                Some(rule) if rule.rule_state() == Some(*want) => Plan::Keep,
                Some(_) => Plan::Change,
            };
            Step { rule: name.clone(), before: current.and_then(|r| r.state.clone()), want: *want, plan }
        })
        .collect();
    let left_alone = on_bus.iter().filter(|r| !wanted.iter().any(|(name, _)| name == &r.name)).cloned().collect();
    (steps, left_alone)
}

/// Confirms, snapshots, changes and reports.
async fn apply(job: Job<'_>, aws: &AwsContext, opts: &RulesOptions, io: &mut Io<'_>) -> Result<Exit, RulesError> {
    let changes = job.steps.iter().filter(|s| s.plan == Plan::Change).count();
    if job.options.dry_run || changes == 0 {
        let rows = job
            .steps
            .iter()
            .map(|s| match &s.plan {
                Plan::Change => row(s, Some(s.want.as_str().to_string()), Outcome::WouldChange),
                Plan::Keep => row(s, s.before.clone(), Outcome::Unchanged),
                Plan::Fail(e) => row(s, s.before.clone(), Outcome::Failed(e.clone())),
            })
            .chain(job.left_alone.iter().map(left_alone_row))
            .collect::<Vec<_>>();
        report(&rows, &job, aws, opts, io, None)?;
        return Ok(exit_for(&rows));
    }

    if !job.options.yes {
        let Some(confirm) = io.confirm.as_mut() else {
            return Err(RulesError::Usage(format!(
                "refusing to {} {} on {} without confirmation: no terminal to ask on; pass --yes (or --dry-run to preview)",
                job.action,
                count(changes),
                aws.bus
            )));
        };
        for step in job.steps.iter().filter(|s| s.plan == Plan::Change) {
            let before = step.before.as_deref().unwrap_or("?");
            writeln!(io.err, "  {}: {before} → {}", step.rule, step.want.as_str())?;
        }
        if !confirm(&job.question)? {
            writeln!(io.err, "aborted: nothing changed")?;
            return Ok(Exit::Failure);
        }
    }

    let snapshot = Snapshot {
        bus: aws.bus.clone(),
        region: aws.region().map(str::to_string),
        taken_at: crate::when::utc(Timestamp::now()),
        rules: job
            .on_bus
            .iter()
            .filter_map(|r| Some(SnapshotRule { name: r.name.clone(), state: r.state.clone()? }))
            .collect(),
    };
    let path = write_snapshot(job.options.snapshot.as_deref(), &snapshot)?;
    writeln!(io.err, "snapshot: {} ({} on {})", path.display(), count(snapshot.rules.len()), aws.bus)?;

    let mut rows = Vec::with_capacity(job.steps.len() + job.left_alone.len());
    for step in &job.steps {
        rows.push(match &step.plan {
            Plan::Keep => row(step, step.before.clone(), Outcome::Unchanged),
            Plan::Fail(e) => row(step, step.before.clone(), Outcome::Failed(e.clone())),
            Plan::Change => match events::set_rule_state(&aws.events, &aws.bus, &step.rule, step.want).await {
                Ok(()) => row(step, Some(step.want.as_str().to_string()), Outcome::Changed),
                Err(e) => row(step, step.before.clone(), Outcome::Failed(e)),
            },
        });
    }
    rows.extend(job.left_alone.iter().map(left_alone_row));
    report(&rows, &job, aws, opts, io, Some(&path))?;
    Ok(exit_for(&rows))
}

fn row(step: &Step, after: Option<String>, outcome: Outcome) -> Row {
    Row { rule: step.rule.clone(), before: step.before.clone(), after, outcome }
}

fn left_alone_row(rule: &RuleInfo) -> Row {
    Row {
        rule: rule.name.clone(),
        before: rule.state.clone(),
        after: rule.state.clone(),
        outcome: Outcome::NotInSnapshot,
    }
}

/// 0 when nothing failed; when nothing changed and every failure has the same AWS exit code,
/// that code (a plain "access denied" stays a 5); otherwise 1, a partial change.
fn exit_for(rows: &[Row]) -> Exit {
    let changed = rows.iter().any(|r| r.outcome == Outcome::Changed);
    let mut failures = rows.iter().filter_map(|r| match &r.outcome {
        Outcome::Failed(e) => Some(e.exit),
        _ => None,
    });
    match failures.next() {
        None => Exit::Success,
        Some(first) if !changed && failures.all(|e| e == first) => first,
        Some(_) => Exit::Failure,
    }
}

fn report(
    rows: &[Row],
    job: &Job<'_>,
    aws: &AwsContext,
    opts: &RulesOptions,
    io: &mut Io<'_>,
    snapshot: Option<&Path>,
) -> Result<(), RulesError> {
    match opts.output {
        OutputFormat::Json => {
            for row in rows {
                let (result, error) = match &row.outcome {
                    Outcome::Changed => ("changed", None),
                    Outcome::Unchanged => ("unchanged", None),
                    Outcome::WouldChange => ("would_change", None),
                    Outcome::Failed(e) => ("failed", Some(e.message.as_str())),
                    Outcome::NotInSnapshot => ("not_in_snapshot", None),
                };
                let line = RowJson {
                    rule: &row.rule,
                    before: row.before.as_deref(),
                    after: row.after.as_deref(),
                    result,
                    error,
                };
                json_line(io.out, &line)?;
            }
        }
        OutputFormat::Table if !rows.is_empty() => write!(io.out, "{}", change_table(rows, job.action, opts.style))?,
        OutputFormat::Table => {}
    }
    io.out.flush()?;

    let tally = |outcome: fn(&Outcome) -> bool| rows.iter().filter(|r| outcome(&r.outcome)).count();
    let changed = tally(|o| *o == Outcome::Changed);
    let would = tally(|o| *o == Outcome::WouldChange);
    let unchanged = tally(|o| *o == Outcome::Unchanged);
    let failed = tally(|o| matches!(o, Outcome::Failed(_)));
    let left = tally(|o| *o == Outcome::NotInSnapshot);
    for row in rows {
        if let Outcome::Failed(e) = &row.outcome {
            writeln!(io.err, "error: {e}")?;
        }
    }
    let kept = match job.steps.first() {
        Some(step) if job.action != "restore" => format!("already {}", step.want.as_str()),
        _ => "already in state".to_string(),
    };
    let mut summary = if snapshot.is_some() {
        format!("{} on {}: {changed} changed, {unchanged} {kept}, {failed} failed", job.action, aws.bus)
    } else if job.steps.is_empty() {
        format!("{}: no rules to {} on {}", job.action, job.action, aws.bus)
    } else if job.options.dry_run {
        format!("{} on {} (dry run): {would} would change, {unchanged} {kept}, {failed} failed", job.action, aws.bus)
    } else {
        format!("{} on {}: nothing to change, {unchanged} {kept}, {failed} failed", job.action, aws.bus)
    };
    if left > 0 {
        summary.push_str(&format!("; {} not in the snapshot left alone", count(left)));
    }
    writeln!(io.err, "{summary}")?;
    if let Some(path) = snapshot
        && changed > 0
        && failed > 0
    {
        let region = aws.region().map(|r| format!(" --region {r}")).unwrap_or_default();
        writeln!(
            io.err,
            "partly done: to put every rule back, run `alchemiser rules restore {} --bus {}{region}`",
            path.display(),
            aws.bus
        )?;
    }
    Ok(())
}

fn change_table(rows: &[Row], action: &str, style: Style) -> String {
    let mut table = new_table(style);
    table.set_header(vec!["rule", "before", "after", "result"]);
    for row in rows {
        let (text, color) = match &row.outcome {
            Outcome::Changed => (format!("{action}d"), Some(Color::Green)),
            Outcome::Unchanged => ("already in state".to_string(), None),
            Outcome::WouldChange => (format!("would {action}"), Some(Color::Yellow)),
            Outcome::Failed(_) => ("FAILED (see below)".to_string(), Some(Color::Red)),
            Outcome::NotInSnapshot => ("left alone: not in the snapshot".to_string(), None),
        };
        let result = Cell::new(text);
        let result = match color {
            Some(color) if style.color => result.fg(color),
            _ => result,
        };
        table.add_row(vec![
            Cell::new(&row.rule),
            state_cell(row.before.as_deref(), style),
            state_cell(row.after.as_deref(), style),
            result,
        ]);
    }
    format!("{table}\n")
}

/// Writes the snapshot without ever overwriting a file; returns where it went.
fn write_snapshot(explicit: Option<&Path>, snapshot: &Snapshot) -> Result<PathBuf, RulesError> {
    let mut text = serde_json::to_string_pretty(snapshot).map_err(io::Error::from)?;
    text.push('\n');
    let candidates: Vec<PathBuf> = match explicit {
        Some(path) => vec![path.to_path_buf()],
        // Two runs in the same second get -2, -3, … rather than sharing a file.
        None => {
            let stem = default_snapshot_stem(&snapshot.bus, Timestamp::now());
            std::iter::once(PathBuf::from(format!("{stem}.json")))
                .chain((2..100).map(|n| PathBuf::from(format!("{stem}-{n}.json"))))
                .collect()
        }
    };
    for path in candidates {
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                let written = file.write_all(text.as_bytes()).and_then(|_| file.sync_all());
                return match written {
                    Ok(()) => Ok(path),
                    Err(e) => Err(RulesError::Usage(format!(
                        "cannot write snapshot {}: {e}; nothing changed",
                        path.display()
                    ))),
                };
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                if explicit.is_some() {
                    return Err(RulesError::Usage(format!(
                        "snapshot {} already exists; snapshots are never overwritten: choose another --snapshot path; nothing changed",
                        path.display()
                    )));
                }
            }
            Err(e) => {
                return Err(RulesError::Usage(format!(
                    "cannot create snapshot {}: {e}; nothing changed",
                    path.display()
                )));
            }
        }
    }
    Err(RulesError::Usage("too many snapshots this second; pass --snapshot PATH; nothing changed".to_string()))
}

/// `alchemiser-rules-<bus>-<UTC yyyymmddThhmmssZ>`, with anything unsafe in a file name replaced.
fn default_snapshot_stem(bus: &str, now: Timestamp) -> String {
    let bus: String =
        bus.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' }).collect();
    format!("alchemiser-rules-{bus}-{}", now.strftime("%Y%m%dT%H%M%SZ"))
}

// ---------------------------------------------------------------------------------------------
// small helpers

fn count(n: usize) -> String {
    if n == 1 { "1 rule".to_string() } else { format!("{n} rules") }
}

fn state_cell(state: Option<&str>, style: Style) -> Cell {
    let cell = Cell::new(state.unwrap_or("-"));
    match state.and_then(RuleState::parse) {
        Some(RuleState::Enabled) if style.color => cell.fg(Color::Green),
        Some(RuleState::Disabled) if style.color => cell.fg(Color::Yellow),
        _ => cell,
    }
}

/// `arn:aws:sqs:us-east-1:123456789012:q` → `sqs q`; anything else as it is.
fn short_arn(arn: &str) -> String {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", _, service, _, _, resource] => format!("{service} {resource}"),
        _ => arn.to_string(),
    }
}

fn compact_json(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text).map(|v| v.to_string()).unwrap_or_else(|_| text.to_string())
}

fn pretty_json(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(name: &str, state: &str) -> RuleInfo {
        RuleInfo { name: name.to_string(), state: Some(state.to_string()), ..RuleInfo::default() }
    }

    fn failed(exit: Exit) -> Row {
        Row { rule: "r".into(), before: None, after: None, outcome: Outcome::Failed(AwsError::new(exit, "x")) }
    }

    fn changed() -> Row {
        Row { rule: "r".into(), before: None, after: None, outcome: Outcome::Changed }
    }

    #[test]
    fn all_skips_managed_rules_and_keeps_rules_already_in_state() {
        let mut managed = rule("Events-Archive-a", "ENABLED");
        managed.managed_by = Some("prod.vhs.events.aws.internal".into());
        let bus = [rule("a", "ENABLED"), rule("b", "DISABLED"), managed];
        let steps = plan_change(&bus, &[], true, RuleState::Disabled, "bus").unwrap_or_else(|e| panic!("{e}"));
        let plans: Vec<(&str, &Plan)> = steps.iter().map(|s| (s.rule.as_str(), &s.plan)).collect();
        assert_eq!(plans, [("a", &Plan::Change), ("b", &Plan::Keep)]);
    }

    #[test]
    fn an_unknown_name_stops_everything_with_exit_6() {
        let bus = [rule("a", "ENABLED")];
        let names = ["a".to_string(), "nope".to_string()];
        let e = plan_change(&bus, &names, false, RuleState::Disabled, "b1").err().unwrap_or_else(|| panic!("planned"));
        assert_eq!(e.exit, Exit::AwsNotFound);
        assert!(e.message.contains("nope") && e.message.contains("b1"), "{}", e.message);
    }

    #[test]
    fn cloudtrail_enabled_counts_as_enabled() {
        let bus = [rule("a", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")];
        let steps = plan_change(&bus, &["a".into()], false, RuleState::Enabled, "b").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(steps[0].plan, Plan::Keep);
    }

    #[test]
    fn restore_fails_missing_rules_and_leaves_unknown_ones_alone() {
        let wanted = [
            ("a".to_string(), RuleState::Enabled),
            ("gone".to_string(), RuleState::Disabled),
            ("c".to_string(), RuleState::Disabled),
        ];
        let bus = [rule("a", "DISABLED"), rule("c", "DISABLED"), rule("new", "ENABLED")];
        let (steps, left) = plan_restore(&bus, &wanted, "b");
        assert_eq!(steps[0].plan, Plan::Change);
        assert!(matches!(&steps[1].plan, Plan::Fail(e) if e.exit == Exit::AwsNotFound));
        assert_eq!(steps[2].plan, Plan::Keep);
        assert_eq!(left.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["new"]);
    }

    #[test]
    fn exit_codes_for_partial_and_total_failures() {
        assert_eq!(exit_for(&[changed()]), Exit::Success);
        assert_eq!(exit_for(&[changed(), failed(Exit::AwsAccessDenied)]), Exit::Failure);
        assert_eq!(exit_for(&[failed(Exit::AwsAccessDenied), failed(Exit::AwsAccessDenied)]), Exit::AwsAccessDenied);
        assert_eq!(exit_for(&[failed(Exit::AwsAccessDenied), failed(Exit::AwsNotFound)]), Exit::Failure);
    }

    #[test]
    fn default_snapshot_name_is_utc_and_file_safe() {
        let now: Timestamp = "2026-11-29T05:41:07.5Z".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(default_snapshot_stem("aws.partner/x", now), "alchemiser-rules-aws.partner_x-20261129T054107Z");
    }

    #[test]
    fn snapshots_round_trip_and_bad_ones_name_the_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let snapshot = Snapshot {
            bus: "b".into(),
            region: Some("us-east-1".into()),
            taken_at: "2026-11-29T05:41:07Z".into(),
            rules: vec![SnapshotRule { name: "a".into(), state: "DISABLED".into() }],
        };
        let path = dir.path().join("s.json");
        let written = write_snapshot(Some(&path), &snapshot).unwrap_or_else(|e| panic!("{e}"));
        let (read, wanted) = read_snapshot(&written).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((read, wanted), (snapshot.clone(), vec![("a".to_string(), RuleState::Disabled)]));
        // Never overwritten.
        assert!(
            matches!(write_snapshot(Some(&path), &snapshot), Err(RulesError::Usage(m)) if m.contains("already exists"))
        );

        for (text, complaint) in [
            (r#"{"bus":"b","taken_at":"t","rules":[{"name":"a","state":"PAUSED"}]}"#, "has state \"PAUSED\""),
            (
                r#"{"bus":"b","taken_at":"t","rules":[{"name":"a","state":"ENABLED"},{"name":"a","state":"DISABLED"}]}"#,
                "listed twice",
            ),
            (r#"{"rules":[]}"#, "missing field `bus`"),
        ] {
            let bad = dir.path().join("bad.json");
            fs::write(&bad, text).unwrap_or_else(|e| panic!("{e}"));
            match read_snapshot(&bad) {
                Err(RulesError::Usage(m)) => {
                    assert!(m.contains(&bad.display().to_string()) && m.contains(complaint), "{m}")
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn short_arns_keep_service_and_resource() {
        assert_eq!(short_arn("arn:aws:lambda:us-east-1:1:function:f"), "lambda function:f");
        assert_eq!(short_arn("not-an-arn"), "not-an-arn");
    }
}
