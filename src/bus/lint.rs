//! `rules lint`: a rule set checked against what 2.27.0 actually publishes (facts §3.4).
//!
//! Each published (source, detail-type) is built as the publisher serialises it, put through
//! the bus and then through the Lambda model, so findings say what really happens to it.

use crate::json::{Value, parse_python_json};
use crate::routing::{DOMAIN_EVENT_TYPES, Response, Stage, predict};

use super::{Bus, RuleState};

/// Sources and detail-types the 2.27.0 publishers use (`"alchemiser." + source_module`).
pub const PUBLISHED: [(&str, &str); 11] = [
    ("StartupEvent", "alchemiser.orchestration.system"),
    ("WorkflowStarted", "alchemiser.orchestration.event_driven_orchestrator"),
    ("TradingNotificationRequested", "alchemiser.orchestration.event_driven_orchestrator"),
    ("SignalGenerated", "alchemiser.strategy_v2.handlers"),
    ("RebalancePlanned", "alchemiser.portfolio_v2.handlers"),
    ("TradeExecuted", "alchemiser.execution_v2.handlers"),
    ("WorkflowCompleted", "alchemiser.execution_v2.handlers"),
    ("WorkflowFailed", "alchemiser.strategy_v2.handlers"),
    ("WorkflowFailed", "alchemiser.portfolio_v2.handlers"),
    ("WorkflowFailed", "alchemiser.execution_v2.handlers"),
    ("ErrorNotificationRequested", "alchemiser.shared.errors.error_handler"),
];

/// The class fields of each published detail, in the publisher's JSON form.
fn class_fields(detail_type: &str) -> &'static str {
    match detail_type {
        "StartupEvent" => r#""startup_mode":"trade","configuration":null"#,
        "WorkflowStarted" => {
            r#""workflow_type":"trading","requested_by":"TradingSystem","configuration":{"live_trading":false}"#
        }
        "TradingNotificationRequested" => {
            r#""trading_success":true,"trading_mode":"PAPER","orders_placed":1,"orders_succeeded":1,"total_trade_value":"1000.00","execution_data":{},"error_message":null,"error_code":null,"recipient_override":null"#
        }
        "SignalGenerated" => r#""signals_data":{},"consolidated_portfolio":{"SPY":1.0},"signal_count":1"#,
        "RebalancePlanned" => {
            r#""rebalance_plan":{"schema_version":"1.0","correlation_id":"c","causation_id":"s","timestamp":"2025-10-14T12:00:00Z","plan_id":"p","items":[{"symbol":"SPY","current_weight":"0.4","target_weight":"0.5","weight_diff":"0.1","target_value":"5000","current_value":"4000","trade_amount":"1000","action":"BUY","priority":1}],"total_portfolio_value":"10000","total_trade_value":"1000","max_drift_tolerance":"0.05","execution_urgency":"NORMAL","estimated_duration_minutes":null,"metadata":null},"allocation_comparison":{"target_values":{"SPY":"5000"},"current_values":{"SPY":"4000"},"deltas":{"SPY":"1000"}},"trades_required":true"#
        }
        "TradeExecuted" => {
            r#""execution_data":{},"success":true,"orders_placed":1,"orders_succeeded":1,"failure_reason":null,"failed_symbols":[]"#
        }
        "WorkflowCompleted" => r#""workflow_type":"trading","workflow_duration_ms":1200,"success":true,"summary":{}"#,
        "WorkflowFailed" => r#""workflow_type":"trading","failure_reason":"r","failure_step":"s","error_details":{}"#,
        _ => {
            r#""error_severity":"high","error_priority":"HIGH","error_title":"t","error_report":"r","error_code":null,"recipient_override":null"#
        }
    }
}

/// A published event as it reaches the bus.
pub fn published_event(detail_type: &str, source: &str) -> Value {
    let module = source.strip_prefix("alchemiser.").unwrap_or(source);
    let text = format!(
        r#"{{"version":"0","id":"lint","detail-type":"{detail_type}","source":"{source}","account":"123456789012","time":"2025-10-14T12:00:00Z","region":"us-east-1","resources":["correlation:c","causation:s"],"detail":{{"correlation_id":"c","causation_id":"s","event_id":"lint-event","event_type":"{detail_type}","timestamp":"2025-10-14T12:00:00.000000Z","source_module":"{module}","source_component":null,"metadata":{{}},"schema_version":"1.0",{}}}}}"#,
        class_fields(detail_type)
    );
    // The text is built from constants above; a unit test proves it parses.
    parse_python_json(&text).map(|p| p.value).unwrap_or(Value::Null)
}

/// One problem with a rule set (as `rules lint -o json` prints it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub code: &'static str,
    /// The rule or event the finding is about.
    pub subject: String,
    pub message: String,
}

/// Checks `bus` against the published events; findings in a stable order.
pub fn lint(bus: &Bus, stage: Stage) -> Vec<Finding> {
    let mut findings = Vec::new();
    let events: Vec<(String, Value)> =
        PUBLISHED.iter().map(|(dt, src)| (format!("{dt} from {src}"), published_event(dt, src))).collect();

    for rule in bus.rules() {
        if rule.state == RuleState::Disabled {
            findings.push(Finding {
                code: "disabled_rule",
                subject: rule.name.to_string(),
                message: "the rule is DISABLED: it delivers nothing".into(),
            });
        }
        if !events.iter().any(|(_, e)| rule.pattern.matches(e)) {
            findings.push(Finding {
                code: "rule_never_fires",
                subject: rule.name.to_string(),
                message: format!("pattern {} matches no event the system publishes", rule.pattern_text),
            });
        }
    }

    let mut delivered_types: Vec<&str> = Vec::new();
    for ((detail_type, _), (label, event)) in PUBLISHED.iter().zip(&events) {
        let routed = bus.route(event);
        if routed.lambda_invocations > 1 {
            let rules: Vec<&str> =
                routed.rules.iter().filter(|r| r.matched && r.state == RuleState::Enabled).map(|r| &*r.name).collect();
            findings.push(Finding {
                code: "delivered_more_than_once",
                subject: label.clone(),
                message: format!("the Lambda runs {} times: {}", routed.lambda_invocations, rules.join(", ")),
            });
        }
        if !routed.archived {
            findings.push(Finding {
                code: "not_archived",
                subject: label.clone(),
                message: "the archive does not keep it, so it cannot be replayed".into(),
            });
        }
        if routed.lambda_invocations == 0 {
            continue;
        }
        delivered_types.push(detail_type);
        let lambda = predict(event, stage);
        let failed = match (&lambda.exception, &lambda.response) {
            (Some(e), _) => Some(format!("the Lambda raises {} (retried, then dropped)", e.class)),
            (None, Some(Response::Command { status: "failed", .. })) => {
                Some("the Lambda fails LambdaEvent validation (status failed, error notification)".to_string())
            }
            _ => None,
        };
        if let Some(message) = failed {
            findings.push(Finding { code: "delivered_then_fails", subject: label.clone(), message });
        }
    }
    for domain_type in DOMAIN_EVENT_TYPES {
        if !delivered_types.contains(&domain_type) {
            findings.push(Finding {
                code: "domain_type_not_delivered",
                subject: domain_type.to_string(),
                message: "no ENABLED rule delivers this domain event type to the Lambda".into(),
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bus::default_bus;

    #[test]
    fn published_events_parse() {
        for (dt, src) in PUBLISHED {
            assert!(published_event(dt, src).as_object().is_some(), "{dt}");
        }
    }

    #[test]
    fn the_2_27_bus_has_three_dead_rules() {
        let findings = lint(&default_bus(Stage::Dev), Stage::Dev);
        let dead: Vec<&str> =
            findings.iter().filter(|f| f.code == "rule_never_fires").map(|f| f.subject.as_str()).collect();
        assert_eq!(
            dead,
            ["alchemiser-signal-generated-dev", "alchemiser-rebalance-planned-dev", "alchemiser-trade-executed-dev"]
        );
        let failing: Vec<&str> =
            findings.iter().filter(|f| f.code == "delivered_then_fails").map(|f| f.subject.as_str()).collect();
        assert_eq!(
            failing,
            [
                "StartupEvent from alchemiser.orchestration.system",
                "TradingNotificationRequested from alchemiser.orchestration.event_driven_orchestrator",
                "RebalancePlanned from alchemiser.portfolio_v2.handlers",
            ]
        );
        assert!(!findings.iter().any(|f| f.code == "domain_type_not_delivered" || f.code == "not_archived"));
    }
}
