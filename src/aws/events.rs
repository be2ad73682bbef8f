//! Thin EventBridge calls for rules, always on an explicit bus (EnableRule and DisableRule
//! without `EventBusName` act on the `default` bus). EventBridge has no paginators, so the list
//! calls loop on `next_token` themselves.

use aws_sdk_eventbridge::Client;
use serde::Serialize;

use crate::aws::error::{AwsError, classify};
use crate::bus::RuleState;
use crate::exit::Exit;

/// The largest page ListRules and ListTargetsByRule serve.
const PAGE_SIZE: i32 = 100;
/// A bus holds at most 300 rules; this only stops a service that never ends its pages.
const MAX_PAGES: usize = 1000;

/// A rule as ListRules or DescribeRule reports it (serialized as `rules show -o json` prints it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    pub name: String,
    pub arn: Option<String>,
    /// As EventBridge spells it (`ENABLED`, `DISABLED`, `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`).
    pub state: Option<String>,
    pub event_pattern: Option<String>,
    pub schedule_expression: Option<String>,
    pub description: Option<String>,
    /// Set on rules an AWS service created for itself (an archive's `Events-Archive-*`).
    pub managed_by: Option<String>,
    pub role_arn: Option<String>,
    pub event_bus_name: Option<String>,
    /// Only DescribeRule returns it.
    pub created_by: Option<String>,
}

impl RuleInfo {
    /// The state as the bus model knows it; None for a state this tool does not know.
    pub fn rule_state(&self) -> Option<RuleState> {
        self.state.as_deref().and_then(RuleState::parse)
    }
}

/// One target of a rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TargetInfo {
    pub id: String,
    pub arn: String,
    pub role_arn: Option<String>,
    pub input: Option<String>,
    pub input_path: Option<String>,
    pub input_transformer: bool,
    pub retry_policy: Option<RetryPolicyInfo>,
    pub dead_letter_arn: Option<String>,
}

/// How EventBridge retries a target.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RetryPolicyInfo {
    pub maximum_retry_attempts: Option<i32>,
    pub maximum_event_age_in_seconds: Option<i32>,
}

fn on_bus(rule: &str, bus: &str) -> String {
    format!("{rule} on bus {bus}")
}

fn repeated_token(operation: &str, resource: &str) -> AwsError {
    AwsError::new(Exit::AwsService, format!("{operation} {resource}: the service kept returning more pages"))
}

/// Every rule on `bus` (optionally only those whose name starts with `prefix`), in the
/// service's order.
pub async fn list_rules(client: &Client, bus: &str, prefix: Option<&str>) -> Result<Vec<RuleInfo>, AwsError> {
    let resource = format!("on bus {bus}");
    let mut rules = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page = client
            .list_rules()
            .event_bus_name(bus)
            .set_name_prefix(prefix.map(str::to_string))
            .limit(PAGE_SIZE)
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| classify("ListRules", &resource, &e))?;
        rules.extend(page.rules().iter().filter_map(|r| {
            // A rule always has a name; one without could not be acted on anyway.
            Some(RuleInfo {
                name: r.name()?.to_string(),
                arn: r.arn().map(str::to_string),
                state: r.state().map(|s| s.as_str().to_string()),
                event_pattern: r.event_pattern().map(str::to_string),
                schedule_expression: r.schedule_expression().map(str::to_string),
                description: r.description().map(str::to_string),
                managed_by: r.managed_by().map(str::to_string),
                role_arn: r.role_arn().map(str::to_string),
                event_bus_name: r.event_bus_name().map(str::to_string),
                created_by: None,
            })
        }));
        match page.next_token() {
            None | Some("") => return Ok(rules),
            Some(next) if token.as_deref() == Some(next) => return Err(repeated_token("ListRules", &resource)),
            Some(next) => token = Some(next.to_string()),
        }
    }
    Err(repeated_token("ListRules", &resource))
}

/// One rule in full.
pub async fn describe_rule(client: &Client, bus: &str, name: &str) -> Result<RuleInfo, AwsError> {
    let out = client
        .describe_rule()
        .event_bus_name(bus)
        .name(name)
        .send()
        .await
        .map_err(|e| classify("DescribeRule", &on_bus(name, bus), &e))?;
    Ok(RuleInfo {
        name: out.name().unwrap_or(name).to_string(),
        arn: out.arn().map(str::to_string),
        state: out.state().map(|s| s.as_str().to_string()),
        event_pattern: out.event_pattern().map(str::to_string),
        schedule_expression: out.schedule_expression().map(str::to_string),
        description: out.description().map(str::to_string),
        managed_by: out.managed_by().map(str::to_string),
        role_arn: out.role_arn().map(str::to_string),
        event_bus_name: out.event_bus_name().map(str::to_string),
        created_by: out.created_by().map(str::to_string),
    })
}

/// Every target of a rule.
pub async fn list_targets(client: &Client, bus: &str, rule: &str) -> Result<Vec<TargetInfo>, AwsError> {
    let resource = on_bus(rule, bus);
    let mut targets = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page = client
            .list_targets_by_rule()
            .event_bus_name(bus)
            .rule(rule)
            .limit(PAGE_SIZE)
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| classify("ListTargetsByRule", &resource, &e))?;
        targets.extend(page.targets().iter().map(|t| TargetInfo {
            id: t.id().to_string(),
            arn: t.arn().to_string(),
            role_arn: t.role_arn().map(str::to_string),
            input: t.input().map(str::to_string),
            input_path: t.input_path().map(str::to_string),
            input_transformer: t.input_transformer().is_some(),
            retry_policy: t.retry_policy().map(|p| RetryPolicyInfo {
                maximum_retry_attempts: p.maximum_retry_attempts(),
                maximum_event_age_in_seconds: p.maximum_event_age_in_seconds(),
            }),
            dead_letter_arn: t.dead_letter_config().and_then(|d| d.arn()).map(str::to_string),
        }));
        match page.next_token() {
            None | Some("") => return Ok(targets),
            Some(next) if token.as_deref() == Some(next) => {
                return Err(repeated_token("ListTargetsByRule", &resource));
            }
            Some(next) => token = Some(next.to_string()),
        }
    }
    Err(repeated_token("ListTargetsByRule", &resource))
}

/// EnableRule or DisableRule on `bus`.
pub async fn set_rule_state(client: &Client, bus: &str, rule: &str, state: RuleState) -> Result<(), AwsError> {
    let resource = on_bus(rule, bus);
    match state {
        RuleState::Enabled => client
            .enable_rule()
            .event_bus_name(bus)
            .name(rule)
            .send()
            .await
            .map(drop)
            .map_err(|e| classify("EnableRule", &resource, &e)),
        RuleState::Disabled => client
            .disable_rule()
            .event_bus_name(bus)
            .name(rule)
            .send()
            .await
            .map(drop)
            .map_err(|e| classify("DisableRule", &resource, &e)),
    }
}
