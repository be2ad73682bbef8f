//! The bus as data: rules (state, pattern, targets) and the archive, and which of them an
//! event meets. Pure: sources of rules (the embedded 2.27.0 default, a SAM template, the live
//! bus) all produce a [`Bus`].

pub mod lint;
pub mod template;

use std::sync::Arc;

use crate::json::{Value, parse_python_json};
use crate::pattern::{Pattern, PatternError, PatternSet};
use crate::routing::{Stage, Warning, WarningCode};

/// A rule's state as EventBridge reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleState {
    Enabled,
    Disabled,
}

impl RuleState {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleState::Enabled => "ENABLED",
            RuleState::Disabled => "DISABLED",
        }
    }

    /// EventBridge's state names; `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` delivers too.
    pub fn parse(text: &str) -> Option<RuleState> {
        match text {
            "ENABLED" | "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" => Some(RuleState::Enabled),
            "DISABLED" => Some(RuleState::Disabled),
            _ => None,
        }
    }
}

/// Where a rule sends matching events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: String,
    /// The target's ARN, or a readable stand-in when it is not known offline.
    pub arn: String,
    /// Whether the target is the system's Lambda function.
    pub is_function: bool,
}

/// One bus rule with its compiled pattern. Name and targets are shared with every
/// [`RuleMatch`] (routing many events must not copy them per event).
#[derive(Debug, Clone)]
pub struct Rule {
    pub name: Arc<str>,
    pub state: RuleState,
    /// The pattern as JSON text, as the rule stores it.
    pub pattern_text: String,
    pub pattern: Pattern,
    pub targets: Arc<[Target]>,
}

/// The bus archive: what it keeps.
#[derive(Debug, Clone)]
pub struct Archive {
    pub name: String,
    pub retention_days: Option<u32>,
    /// None keeps every event.
    pub pattern: Option<Pattern>,
}

/// A bus with its rules and archive.
#[derive(Debug, Clone)]
pub struct Bus {
    pub name: String,
    pub function_name: String,
    /// Where this description came from (`embedded 2.27.0 default`, a template path, `live`).
    pub origin: String,
    rules: Vec<Rule>,
    archive: Option<Archive>,
    /// The rules' patterns, then the archive's, matched together.
    patterns: PatternSet,
}

/// Why a rule set could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusError {
    pub rule: String,
    pub message: String,
}

impl std::fmt::Display for BusError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "rule {}: {}", self.rule, self.message)
    }
}

/// Parses and compiles a pattern given as JSON text, naming the rule on failure.
pub fn compile_pattern(rule: &str, text: &str) -> Result<Pattern, BusError> {
    let value = parse_python_json(text)
        .map_err(|e| BusError { rule: rule.to_string(), message: format!("pattern is not JSON: {}", e.message) })?
        .value;
    Pattern::compile(&value).map_err(|e: PatternError| BusError { rule: rule.to_string(), message: e.to_string() })
}

/// Every stage-derived name of the system (facts §5.7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    pub bus: String,
    pub archive: String,
    pub function: String,
    pub log_group: String,
    pub rules: [String; 4],
}

impl Names {
    pub fn for_stage(stage: Stage) -> Names {
        let s = stage.as_str();
        let function = format!("the-alchemiser-v2-lambda-{s}");
        Names {
            bus: format!("alchemiser-trading-events-{s}"),
            archive: format!("alchemiser-event-archive-{s}"),
            log_group: format!("/aws/lambda/{function}"),
            function,
            rules: [
                format!("alchemiser-signal-generated-{s}"),
                format!("alchemiser-rebalance-planned-{s}"),
                format!("alchemiser-trade-executed-{s}"),
                format!("alchemiser-all-events-monitor-{s}"),
            ],
        }
    }
}

/// The four rules of `template.yaml` at 2.27.0 (facts §5.3): pattern and target id.
const DEFAULT_RULES: [(&str, &str); 4] = [
    (r#"{"source":["alchemiser.strategy"],"detail-type":["SignalGenerated"]}"#, "PortfolioHandler"),
    (r#"{"source":["alchemiser.portfolio"],"detail-type":["RebalancePlanned"]}"#, "ExecutionHandler"),
    (r#"{"source":["alchemiser.execution"],"detail-type":["TradeExecuted"]}"#, "OrchestratorMonitor"),
    (r#"{"source":[{"prefix":"alchemiser."}]}"#, "OrchestratorMonitor"),
];

/// The archive's pattern at 2.27.0.
pub const ARCHIVE_PATTERN: &str = r#"{"source":[{"prefix":"alchemiser."}]}"#;

/// The 2.27.0 bus as the template deploys it: four ENABLED rules, all targeting the function.
pub fn default_bus(stage: Stage) -> Bus {
    let names = Names::for_stage(stage);
    let rules = DEFAULT_RULES
        .iter()
        .zip(names.rules.iter())
        .map(|((pattern, target_id), name)| Rule {
            name: name.as_str().into(),
            state: RuleState::Enabled,
            pattern_text: pattern.to_string(),
            pattern: embedded_pattern(pattern),
            targets: Arc::new([Target {
                id: target_id.to_string(),
                arn: format!("function:{}", names.function),
                is_function: true,
            }]),
        })
        .collect();
    let archive =
        Archive { name: names.archive, retention_days: Some(365), pattern: Some(embedded_pattern(ARCHIVE_PATTERN)) };
    Bus::new(names.bus, names.function, rules, Some(archive), "embedded 2.27.0 default".to_string())
}

/// How a bus's rules differ from the 2.27.0 ones at `stage`, one line each (empty: none): rules
/// missing or added, patterns changed (compared as JSON, so key order and spacing do not
/// count), rules disabled, rules that no longer deliver to the function.
pub fn drift_from_default(bus: &Bus, stage: Stage) -> Vec<String> {
    let expected = default_bus(stage);
    let mut lines = Vec::new();
    for want in expected.rules() {
        let Some(have) = bus.rules().iter().find(|r| r.name == want.name) else {
            lines.push(format!("rule {} is missing", want.name));
            continue;
        };
        if !same_pattern(&have.pattern_text, &want.pattern_text) {
            lines.push(format!("rule {} matches {} (2.27.0: {})", want.name, have.pattern_text, want.pattern_text));
        }
        if have.state != want.state {
            lines.push(format!("rule {} is {}", want.name, have.state.as_str()));
        }
        if !have.targets.iter().any(|t| t.is_function) {
            lines.push(format!("rule {} does not deliver to {}", want.name, bus.function_name));
        }
        let other_stage =
            |t: &&Target| crate::routing::Stage::in_name(&t.arn).is_some_and(|s| t.is_function && s != stage);
        for other in have.targets.iter().filter(other_stage) {
            lines.push(format!("rule {} delivers to {}, a function of the other stage", want.name, other.arn));
        }
    }
    for extra in bus.rules().iter().filter(|r| !expected.rules().iter().any(|w| w.name == r.name)) {
        lines.push(format!("rule {} is not part of 2.27.0 (matches {})", extra.name, extra.pattern_text));
    }
    lines
}

/// Whether two pattern texts are the same JSON (spacing and key order aside).
pub fn same_pattern(a: &str, b: &str) -> bool {
    let parse = |text: &str| serde_json::from_str::<serde_json::Value>(text).ok();
    parse(a) == parse(b)
}

/// The embedded patterns are constants, checked by a unit test.
fn embedded_pattern(text: &str) -> Pattern {
    compile_pattern("embedded", text).unwrap_or_else(|e| unreachable!("embedded pattern {text}: {e}"))
}

/// How one rule met an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMatch {
    pub name: Arc<str>,
    pub state: RuleState,
    pub matched: bool,
    pub targets: Arc<[Target]>,
}

/// What the bus does with one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusPrediction {
    pub rules: Vec<RuleMatch>,
    pub archived: bool,
    /// Enabled matching rules that target the function: one Lambda invocation each.
    pub lambda_invocations: usize,
}

impl BusPrediction {
    /// What an operator must know about the delivery of one event on `bus`.
    pub fn warnings(&self, bus: &str) -> Vec<Warning> {
        let mut warnings: Vec<Warning> = self
            .rules
            .iter()
            .filter(|r| r.matched && r.state == RuleState::Disabled)
            .map(|r| Warning {
                code: WarningCode::DisabledRuleMatch,
                message: format!("rule {} matches this event but is DISABLED: it delivers nothing", r.name).into(),
            })
            .collect();
        match self.lambda_invocations {
            0 => warnings.push(Warning {
                code: WarningCode::NotDelivered,
                message: format!(
                    "no ENABLED rule on {bus} delivers this event to the Lambda: put on the bus it runs nothing (only a direct invoke would)"
                )
                .into(),
            }),
            1 => {}
            n => warnings.push(Warning {
                code: WarningCode::DeliveredMoreThanOnce,
                message: format!(
                    "{n} ENABLED rules deliver this event: the Lambda runs {n} times (the dedup check is not atomic, so copies can all process)"
                )
                .into(),
            }),
        }
        warnings
    }
}

/// Whether EventBridge could carry the event: an object with string `source` and
/// `detail-type` and an object `detail` (PutEvents refuses anything else).
pub fn is_bus_event(event: &Value) -> bool {
    event.as_object().is_some_and(|o| {
        matches!(o.get("source"), Some(Value::Str(_)))
            && matches!(o.get("detail-type"), Some(Value::Str(_)))
            && matches!(o.get("detail"), Some(Value::Object(_)))
    })
}

impl Bus {
    pub fn new(name: String, function_name: String, rules: Vec<Rule>, archive: Option<Archive>, origin: String) -> Bus {
        let archive_pattern = archive.as_ref().and_then(|a| a.pattern.as_ref());
        let patterns = PatternSet::new(rules.iter().map(|r| &r.pattern).chain(archive_pattern));
        Bus { name, function_name, origin, rules, archive, patterns }
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The same bus with only the rules `keep` accepts.
    pub fn retain_rules(&self, keep: impl Fn(&Rule) -> bool) -> Bus {
        let rules = self.rules.iter().filter(|r| keep(r)).cloned().collect();
        Bus::new(self.name.clone(), self.function_name.clone(), rules, self.archive.clone(), self.origin.clone())
    }

    pub fn archive(&self) -> Option<&Archive> {
        self.archive.as_ref()
    }

    /// Which rules the event meets, whether the archive keeps it, how often the Lambda runs.
    pub fn route(&self, event: &Value) -> BusPrediction {
        let matched = self.patterns.matches(event);
        let rules: Vec<RuleMatch> = self
            .rules
            .iter()
            .zip(&matched)
            .map(|(rule, &matched)| RuleMatch {
                name: rule.name.clone(),
                state: rule.state,
                matched,
                targets: rule.targets.clone(),
            })
            .collect();
        let lambda_invocations = rules
            .iter()
            .filter(|r| r.matched && r.state == RuleState::Enabled)
            .map(|r| r.targets.iter().filter(|t| t.is_function).count())
            .sum();
        // A pattern-less archive keeps every event; otherwise its pattern is the set's last.
        let archived = self
            .archive
            .as_ref()
            .is_some_and(|a| a.pattern.is_none() || matched.get(self.rules.len()).copied().unwrap_or(false));
        BusPrediction { rules, archived, lambda_invocations }
    }

    pub fn rule(&self, name: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| &*r.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(text: &str) -> Value {
        parse_python_json(text).unwrap_or_else(|e| panic!("fixture {text} is not JSON: {}", e.message)).value
    }

    #[test]
    fn default_bus_names_follow_the_stage() {
        let bus = default_bus(Stage::Prod);
        assert_eq!(bus.name, "alchemiser-trading-events-prod");
        assert_eq!(&*bus.rules()[3].name, "alchemiser-all-events-monitor-prod");
        assert_eq!(bus.archive().map(|a| a.name.as_str()), Some("alchemiser-event-archive-prod"));
    }

    #[test]
    fn exact_source_events_run_the_lambda_twice() {
        let bus = default_bus(Stage::Dev);
        let p = bus.route(&event(r#"{"source":"alchemiser.strategy","detail-type":"SignalGenerated","detail":{}}"#));
        assert_eq!(p.lambda_invocations, 2);
        assert!(p.archived);
        let p = bus.route(&event(
            r#"{"source":"alchemiser.strategy_v2.handlers","detail-type":"SignalGenerated","detail":{}}"#,
        ));
        assert_eq!(p.lambda_invocations, 1);
        let p = bus.route(&event(r#"{"source":"aws.scheduler","detail-type":"Scheduled Event","detail":{}}"#));
        assert_eq!((p.lambda_invocations, p.archived), (0, false));
    }
}
