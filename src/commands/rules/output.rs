//! How rule changes and rules are shown: tables for people, JSON records for scripts.

use std::path::Path;

use comfy_table::{Cell, Color};

use super::change::{Job, Row, RowJson, RuleResult};
use super::{Io, RulesError, RulesOptions};
use crate::aws::AwsContext;
use crate::bus::RuleState;
use crate::render::{OutputFormat, Style, json_line, new_table};

pub(super) fn report(
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
                    RuleResult::Changed => ("changed", None),
                    RuleResult::Unchanged => ("unchanged", None),
                    RuleResult::WouldChange => ("would_change", None),
                    RuleResult::Failed(e) => ("failed", Some(e.message.as_str())),
                    RuleResult::NotInSnapshot => ("not_in_snapshot", None),
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

    let tally = |outcome: fn(&RuleResult) -> bool| rows.iter().filter(|r| outcome(&r.outcome)).count();
    let changed = tally(|o| *o == RuleResult::Changed);
    let would = tally(|o| *o == RuleResult::WouldChange);
    let unchanged = tally(|o| *o == RuleResult::Unchanged);
    let failed = tally(|o| matches!(o, RuleResult::Failed(_)));
    let left = tally(|o| *o == RuleResult::NotInSnapshot);
    for row in rows {
        if let RuleResult::Failed(e) = &row.outcome {
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

pub(super) fn change_table(rows: &[Row], action: &str, style: Style) -> String {
    let mut table = new_table(style);
    table.set_header(vec!["rule", "before", "after", "result"]);
    for row in rows {
        let (text, color) = match &row.outcome {
            RuleResult::Changed => (format!("{action}d"), Some(Color::Green)),
            RuleResult::Unchanged => ("already in state".to_string(), None),
            RuleResult::WouldChange => (format!("would {action}"), Some(Color::Yellow)),
            RuleResult::Failed(_) => ("FAILED (see below)".to_string(), Some(Color::Red)),
            RuleResult::NotInSnapshot => ("left alone: not in the snapshot".to_string(), None),
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
    crate::render::fitted(&mut table)
}

pub(super) fn count(n: usize) -> String {
    if n == 1 { "1 rule".to_string() } else { format!("{n} rules") }
}

pub(super) fn state_cell(state: Option<&str>, style: Style) -> Cell {
    let cell = Cell::new(state.unwrap_or("-"));
    match state.and_then(RuleState::parse) {
        Some(RuleState::Enabled) if style.color => cell.fg(Color::Green),
        Some(RuleState::Disabled) if style.color => cell.fg(Color::Yellow),
        _ => cell,
    }
}

/// `arn:aws:sqs:us-east-1:123456789012:q` → `sqs q`; anything else as it is.
pub(super) fn short_arn(arn: &str) -> String {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", _, service, _, _, resource] => format!("{service} {resource}"),
        _ => arn.to_string(),
    }
}

pub(super) fn compact_json(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text).map(|v| v.to_string()).unwrap_or_else(|_| text.to_string())
}

pub(super) fn pretty_json(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| text.to_string())
}

/// `rules snapshots`: newest first, as a table or one JSON record each.
pub(super) fn snapshots(
    found: &[super::snapshot::Found],
    dir: &std::path::Path,
    opts: &RulesOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<crate::exit::Exit> {
    match opts.output {
        OutputFormat::Json => {
            for f in found {
                json_line(out, f)?;
            }
        }
        OutputFormat::Table if found.is_empty() => eprintln!("no snapshots in {}", dir.display()),
        OutputFormat::Table => {
            let mut table = new_table(opts.style);
            table.set_header(vec!["taken (UTC)", "bus", "region", "rules", "file"]);
            for f in found {
                let name = f.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                table.add_row(vec![
                    f.snapshot.taken_at.clone(),
                    f.snapshot.bus.clone(),
                    f.snapshot.region.clone().unwrap_or_else(|| "-".to_string()),
                    f.snapshot.rules.len().to_string(),
                    name,
                ]);
            }
            write!(out, "{}", crate::render::fitted(&mut table))?;
            eprintln!(
                "{} in {}",
                if found.len() == 1 { "1 snapshot".to_string() } else { format!("{} snapshots", found.len()) },
                dir.display()
            );
        }
    }
    Ok(crate::exit::Exit::Success)
}
