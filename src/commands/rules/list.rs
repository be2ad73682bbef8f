//! `rules list` and `rules show`.

use comfy_table::Cell;
use serde::Serialize;

use super::output::{compact_json, count, pretty_json, short_arn, state_cell};
use super::{Io, RulesError, RulesOptions};
use crate::aws::AwsContext;
use crate::aws::events::{self, RuleInfo, TargetInfo};
use crate::bus::RuleState;
use crate::cli::{ListArgs, ShowArgs};
use crate::exit::Exit;
use crate::render::{OutputFormat, Style, json_line, new_table};

pub(super) async fn list(
    args: &ListArgs,
    aws: &AwsContext,
    opts: &RulesOptions,
    io: &mut Io<'_>,
) -> Result<Exit, RulesError> {
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

pub(super) fn list_table(rules: &[RuleInfo], targets: &[Vec<TargetInfo>], style: Style) -> String {
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
    crate::render::fitted(&mut table)
}

pub(super) fn pattern_or_schedule(rule: &RuleInfo) -> String {
    match (&rule.event_pattern, &rule.schedule_expression) {
        (Some(pattern), _) => compact_json(pattern),
        (None, Some(schedule)) => format!("schedule {schedule}"),
        (None, None) => "-".to_string(),
    }
}

/// A rule in `rules list` and `rules show -o json`: its fields, then its targets.
#[derive(Serialize)]
pub(super) struct RuleJson<'a> {
    #[serde(flatten)]
    pub(super) rule: &'a RuleInfo,
    pub(super) targets: &'a [TargetInfo],
}

pub(super) async fn show(
    args: &ShowArgs,
    aws: &AwsContext,
    opts: &RulesOptions,
    io: &mut Io<'_>,
) -> Result<Exit, RulesError> {
    let rule = match events::describe_rule(&aws.events, &aws.bus, &args.name).await {
        Err(e) if e.exit == Exit::AwsNotFound => {
            // Whatever the listing answers, the rule is still not there: keep the first error.
            let on_bus = events::list_rules(&aws.events, &aws.bus, None).await.unwrap_or_default();
            let hint = crate::hint::did_you_mean(&args.name, &aws.bus, on_bus.iter().map(|r| r.name.as_str()));
            return Err(crate::aws::AwsError::new(e.exit, format!("{}{hint}", e.message)).into());
        }
        rule => rule?,
    };
    let targets = events::list_targets(&aws.events, &aws.bus, &args.name).await?;
    match opts.output {
        OutputFormat::Json => json_line(io.out, &RuleJson { rule: &rule, targets: &targets })?,
        OutputFormat::Table => write!(io.out, "{}", show_table(&rule, &targets, opts.style))?,
    }
    Ok(Exit::Success)
}

pub(super) fn show_table(rule: &RuleInfo, targets: &[TargetInfo], style: Style) -> String {
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
    crate::render::fitted(&mut table)
}

pub(super) fn target_detail(target: &TargetInfo) -> String {
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
