//! The bus as it is deployed: its rules, their targets and its archive, read into a [`Bus`]
//! so the offline engine can route against the live configuration. Also the remote
//! `TestEventPattern` check.

use aws_sdk_eventbridge::Client;

use super::AwsContext;
use super::error::{AwsError, classify};
use super::events::{list_rules, list_targets};
use crate::bus::{Archive, Bus, Names, Rule, RuleState, Target, compile_pattern};
use crate::exit::Exit;
use crate::routing::Stage;

/// Reads every rule with an event pattern (AWS-managed rules such as an archive's
/// `Events-Archive-*` are left out), their targets, and the bus's first archive.
pub async fn load(ctx: &AwsContext) -> Result<Bus, AwsError> {
    let events = &ctx.events;
    let mut rules = Vec::new();
    for info in list_rules(events, &ctx.bus, None).await? {
        let (Some(pattern_text), None) = (info.event_pattern.clone(), info.managed_by.as_ref()) else { continue };
        let pattern = compile_pattern(&info.name, &pattern_text).map_err(|e| {
            AwsError::new(
                Exit::Error,
                format!("{} on bus {}: cannot use its pattern offline: {}", info.name, ctx.bus, e.message),
            )
        })?;
        let targets = list_targets(events, &ctx.bus, &info.name)
            .await?
            .into_iter()
            .map(|t| Target { is_function: is_system_function(&t.arn, &ctx.function), id: t.id, arn: t.arn })
            .collect::<Vec<_>>()
            .into();
        let state = info.rule_state().unwrap_or(RuleState::Disabled);
        rules.push(Rule { name: info.name.into(), state, pattern_text, pattern, targets });
    }
    let archive = archive(events, &ctx.bus).await?;
    Ok(Bus::new(ctx.bus.clone(), ctx.function.clone(), rules, archive, format!("live bus {}", ctx.bus)))
}

/// The configured function, or the system's function of either stage: a dev bus delivering to
/// the prod function runs the prod function, and the guard must count it.
fn is_system_function(arn: &str, function: &str) -> bool {
    [function.to_string(), Names::for_stage(Stage::Dev).function, Names::for_stage(Stage::Prod).function]
        .iter()
        .any(|name| is_function_arn(arn, name))
}

/// `arn:aws:lambda:…:function:NAME`, optionally with a version or alias.
fn is_function_arn(arn: &str, function: &str) -> bool {
    arn.split_once(":function:")
        .is_some_and(|(_, rest)| rest == function || rest.strip_prefix(function).is_some_and(|q| q.starts_with(':')))
}

async fn archive(events: &Client, bus: &str) -> Result<Option<Archive>, AwsError> {
    let described =
        events.describe_event_bus().name(bus).send().await.map_err(|e| classify("DescribeEventBus", bus, &e))?;
    let Some(bus_arn) = described.arn() else { return Ok(None) };
    let listed = events
        .list_archives()
        .event_source_arn(bus_arn)
        .send()
        .await
        .map_err(|e| classify("ListArchives", &format!("of bus {bus}"), &e))?;
    let Some(name) = listed.archives().iter().find_map(|a| a.archive_name()) else { return Ok(None) };
    let archive =
        events.describe_archive().archive_name(name).send().await.map_err(|e| classify("DescribeArchive", name, &e))?;
    let pattern = match archive.event_pattern() {
        None | Some("") => None,
        Some(text) => Some(compile_pattern(name, text).map_err(|e| AwsError::new(Exit::Error, e.to_string()))?),
    };
    Ok(Some(Archive {
        name: name.to_string(),
        retention_days: archive.retention_days().and_then(|d| u32::try_from(d).ok()),
        pattern,
    }))
}

/// AWS's own verdict (`TestEventPattern`) on a pattern and an event given as JSON text.
pub async fn test_event_pattern(events: &Client, pattern: &str, event: &str) -> Result<bool, AwsError> {
    events
        .test_event_pattern()
        .event_pattern(pattern)
        .event(event)
        .send()
        .await
        .map(|out| out.result())
        .map_err(|e| classify("TestEventPattern", "(remote pattern check)", &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_arns_with_versions_and_aliases() {
        let f = "the-alchemiser-v2-lambda-dev";
        assert!(is_function_arn("arn:aws:lambda:us-east-1:1:function:the-alchemiser-v2-lambda-dev", f));
        assert!(is_function_arn("arn:aws:lambda:us-east-1:1:function:the-alchemiser-v2-lambda-dev:live", f));
        assert!(!is_function_arn("arn:aws:lambda:us-east-1:1:function:the-alchemiser-v2-lambda-dev2", f));
        assert!(!is_function_arn("arn:aws:sqs:us-east-1:1:q", f));
    }
}
