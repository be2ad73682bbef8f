//! `rules enable|disable|restore`: plan every rule's change, confirm, snapshot, change, report.

use std::collections::HashSet;

use jiff::Timestamp;
use serde::Serialize;

use super::output::{count, report};
use super::snapshot::{Snapshot, SnapshotRule, find_snapshots, read_snapshot, snapshot_dir, write_snapshot};
use super::{Io, RulesError, RulesOptions};
use crate::aws::events::{self, RuleInfo};
use crate::aws::{AwsContext, AwsError};
use crate::bus::RuleState;
use crate::cli::{ChangeArgs, ChangeOptions, RestoreArgs};
use crate::exit::Exit;

/// What happens to one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Action {
    /// Call EnableRule/DisableRule.
    Change,
    /// Already in the wanted state.
    Keep,
    /// Cannot be done (missing on the bus); reported as failed without a call.
    Fail(AwsError),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Step {
    pub(super) rule: String,
    /// The state before, as EventBridge spells it; None when the rule is not on the bus.
    pub(super) before: Option<String>,
    pub(super) want: RuleState,
    pub(super) action: Action,
}

/// How one rule ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RuleResult {
    Changed,
    Unchanged,
    WouldChange,
    Failed(AwsError),
    /// `restore`: on the bus but not in the snapshot, so left as it is.
    NotInSnapshot,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Row {
    pub(super) rule: String,
    pub(super) before: Option<String>,
    pub(super) after: Option<String>,
    pub(super) outcome: RuleResult,
}

/// One JSON Lines record of a change report.
#[derive(Serialize)]
pub(super) struct RowJson<'a> {
    pub(super) rule: &'a str,
    pub(super) before: Option<&'a str>,
    pub(super) after: Option<&'a str>,
    pub(super) result: &'static str,
    pub(super) error: Option<&'a str>,
}

/// Everything `apply` needs to know about one enable/disable/restore run.
pub(super) struct Job<'a> {
    /// `disable`, `enable` or `restore`, for messages.
    pub(super) action: &'a str,
    /// The confirmation question, without `[y/N]`.
    pub(super) question: String,
    pub(super) steps: Vec<Step>,
    /// Rules on the bus that `restore` leaves alone.
    pub(super) left_alone: Vec<RuleInfo>,
    /// Every rule on the bus, for the snapshot.
    pub(super) on_bus: &'a [RuleInfo],
    pub(super) options: &'a ChangeOptions,
}

pub(super) async fn change(
    args: &ChangeArgs,
    want: RuleState,
    aws: &AwsContext,
    opts: &RulesOptions,
    io: &mut Io<'_>,
) -> Result<Exit, RulesError> {
    let on_bus = events::list_rules(&aws.events, &aws.bus, None).await?;
    let steps = plan_change(&on_bus, &args.names, args.all, want, &aws.bus)?;
    let action = if want == RuleState::Enabled { "enable" } else { "disable" };
    let changes = steps.iter().filter(|s| s.action == Action::Change).count();
    let question = format!("{}{} {} on {}?", action[..1].to_uppercase(), &action[1..], count(changes), aws.bus);
    let job = Job { action, question, steps, left_alone: Vec::new(), on_bus: &on_bus, options: &args.options };
    apply(job, aws, opts, io).await
}

/// Which rules to change: the named ones (every name must be on the bus), or with `all`
/// every rule AWS does not manage, in the bus's order.
pub(super) fn plan_change(
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
                    let hint = crate::hint::did_you_mean(name, bus, on_bus.iter().map(|r| r.name.as_str()));
                    return Err(AwsError::new(
                        Exit::AwsNotFound,
                        format!(
                            "rule {name} not found on bus {bus}{hint} (see `alchemiser rules list`); nothing changed"
                        ),
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
            action: if rule.rule_state() == Some(want) { Action::Keep } else { Action::Change },
        })
        .collect())
}

pub(super) async fn restore(
    args: &RestoreArgs,
    aws: &AwsContext,
    opts: &RulesOptions,
    io: &mut Io<'_>,
) -> Result<Exit, RulesError> {
    let path = match &args.file {
        Some(path) => path.clone(),
        None => {
            let dir = snapshot_dir(args.options.folder.snapshot_dir.as_deref())?;
            // The newest of this bus in this region (a snapshot without a region fits any).
            let region = aws.region();
            let newest = find_snapshots(&dir)?.into_iter().find(|f| {
                f.snapshot.bus == aws.bus && (f.snapshot.region.is_none() || f.snapshot.region.as_deref() == region)
            });
            newest
                .map(|f| f.path)
                .ok_or_else(|| RulesError::Usage(format!("no snapshot of bus {} in {}", aws.bus, dir.display())))?
        }
    };
    let (snapshot, wanted) = read_snapshot(&path)?;
    let file = path.display();
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
    let changes = steps.iter().filter(|s| s.action == Action::Change).count();
    let question =
        format!("Restore {} on {} to the states in {file} (taken {})?", count(changes), aws.bus, snapshot.taken_at);
    let job = Job { action: "restore", question, steps, left_alone, on_bus: &on_bus, options: &args.options };
    apply(job, aws, opts, io).await
}

/// Every recorded rule back to its state; rules missing on the bus fail, rules on the bus
/// that the snapshot does not name are returned to be listed and left alone.
pub(super) fn plan_restore(
    on_bus: &[RuleInfo],
    wanted: &[(String, RuleState)],
    bus: &str,
) -> (Vec<Step>, Vec<RuleInfo>) {
    let steps = wanted
        .iter()
        .map(|(name, want)| {
            let current = on_bus.iter().find(|r| &r.name == name);
            let action = match current {
                None => Action::Fail(AwsError::new(
                    Exit::AwsNotFound,
                    format!("rule {name} is in the snapshot but not on bus {bus}"),
                )),
                Some(rule) if rule.rule_state() == Some(*want) => Action::Keep,
                Some(_) => Action::Change,
            };
            Step { rule: name.clone(), before: current.and_then(|r| r.state.clone()), want: *want, action }
        })
        .collect();
    let left_alone = on_bus.iter().filter(|r| !wanted.iter().any(|(name, _)| name == &r.name)).cloned().collect();
    (steps, left_alone)
}

/// Confirms, snapshots, changes and reports.
pub(super) async fn apply(
    job: Job<'_>,
    aws: &AwsContext,
    opts: &RulesOptions,
    io: &mut Io<'_>,
) -> Result<Exit, RulesError> {
    let changes = job.steps.iter().filter(|s| s.action == Action::Change).count();
    if job.options.dry_run || changes == 0 {
        let rows = job
            .steps
            .iter()
            .map(|s| match &s.action {
                Action::Change => row(s, Some(s.want.as_str().to_string()), RuleResult::WouldChange),
                Action::Keep => row(s, s.before.clone(), RuleResult::Unchanged),
                Action::Fail(e) => row(s, s.before.clone(), RuleResult::Failed(e.clone())),
            })
            .chain(job.left_alone.iter().map(left_alone_row))
            .collect::<Vec<_>>();
        report(&rows, &job, aws, opts, io, None)?;
        return Ok(exit_for(&rows));
    }

    // Where the snapshot goes is settled before anyone is asked anything.
    let dir = match &job.options.snapshot {
        Some(_) => None,
        None => Some(snapshot_dir(job.options.folder.snapshot_dir.as_deref())?),
    };
    if !job.options.yes {
        let Some(confirm) = io.confirm.as_mut() else {
            return Err(RulesError::Usage(format!(
                "refusing to {} {} on {} without confirmation: no terminal to ask on; pass --yes (or --dry-run to preview)",
                job.action,
                count(changes),
                aws.bus
            )));
        };
        for step in job.steps.iter().filter(|s| s.action == Action::Change) {
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
    let path = write_snapshot(job.options.snapshot.as_deref(), dir.as_deref(), &snapshot)?;
    writeln!(io.err, "snapshot: {} ({} on {})", path.display(), count(snapshot.rules.len()), aws.bus)?;

    let mut rows = Vec::with_capacity(job.steps.len() + job.left_alone.len());
    for step in &job.steps {
        rows.push(match &step.action {
            Action::Keep => row(step, step.before.clone(), RuleResult::Unchanged),
            Action::Fail(e) => row(step, step.before.clone(), RuleResult::Failed(e.clone())),
            Action::Change => match events::set_rule_state(&aws.events, &aws.bus, &step.rule, step.want).await {
                Ok(()) => row(step, Some(step.want.as_str().to_string()), RuleResult::Changed),
                Err(e) => row(step, step.before.clone(), RuleResult::Failed(e)),
            },
        });
    }
    rows.extend(job.left_alone.iter().map(left_alone_row));
    report(&rows, &job, aws, opts, io, Some(&path))?;
    Ok(exit_for(&rows))
}

pub(super) fn row(step: &Step, after: Option<String>, outcome: RuleResult) -> Row {
    Row { rule: step.rule.clone(), before: step.before.clone(), after, outcome }
}

pub(super) fn left_alone_row(rule: &RuleInfo) -> Row {
    Row {
        rule: rule.name.clone(),
        before: rule.state.clone(),
        after: rule.state.clone(),
        outcome: RuleResult::NotInSnapshot,
    }
}

/// 0 when nothing failed; when nothing changed and every failure has the same AWS exit code,
/// that code (a plain "access denied" stays a 5); otherwise 1, a partial change.
pub(super) fn exit_for(rows: &[Row]) -> Exit {
    let changed = rows.iter().any(|r| r.outcome == RuleResult::Changed);
    let mut failures = rows.iter().filter_map(|r| match &r.outcome {
        RuleResult::Failed(e) => Some(e.exit),
        _ => None,
    });
    match failures.next() {
        None => Exit::Success,
        Some(first) if !changed && failures.all(|e| e == first) => first,
        Some(_) => Exit::Failure,
    }
}
