//! The event classes `eventbridge_handler` validates details against (2.27.0, facts §3).
//!
//! `BaseEvent` models are strict, strip whitespace and ignore unknown keys. Field order is
//! the declaration order (base fields first; a redefined field keeps the base position,
//! then `schema_version`, then the class's own fields), which fixes the order of errors.

use super::validate::{After, Extra, Field, Model, Ty};

const fn min1() -> Ty {
    Ty::Str { min_len: Some(1), max_len: None, pattern: None, after: None }
}

const fn text() -> Ty {
    Ty::Str { min_len: None, max_len: None, pattern: None, after: None }
}

/// The `BaseEvent` fields every class starts with; `metadata` differs per class.
macro_rules! event_model {
    ($name:literal, metadata_nullable: $nullable:expr, [$($field:expr),* $(,)?]) => {
        Model {
            name: $name,
            extra: Extra::Ignore,
            fields: &[
                Field::required("correlation_id", min1()),
                Field::required("causation_id", min1()),
                Field::required("event_id", min1()),
                Field::defaulted("event_type", text()),
                Field::required("timestamp", Ty::DateTime),
                Field::required("source_module", min1()),
                Field::optional("source_component", text()),
                Field { name: "metadata", ty: Ty::Dict, required: false, nullable: $nullable },
                Field::defaulted("schema_version", text()),
                $($field,)*
            ],
        }
    };
}

pub static WORKFLOW_STARTED: Model = event_model!("WorkflowStarted", metadata_nullable: true, [
    Field::required("workflow_type", text()),
    Field::required("requested_by", text()),
    Field::defaulted("configuration", Ty::Dict),
]);

pub static SIGNAL_GENERATED: Model = event_model!("SignalGenerated", metadata_nullable: false, [
    Field::required("signals_data", Ty::Dict),
    Field::required("consolidated_portfolio", Ty::Dict),
    Field::required("signal_count", Ty::Int { ge: None, le: None }),
]);

pub static REBALANCE_PLANNED: Model = event_model!("RebalancePlanned", metadata_nullable: false, [
    Field::required("rebalance_plan", Ty::Model(&REBALANCE_PLAN)),
    Field::required("allocation_comparison", Ty::Model(&ALLOCATION_COMPARISON)),
    Field::required("trades_required", Ty::Bool),
]);

pub static TRADE_EXECUTED: Model = event_model!("TradeExecuted", metadata_nullable: false, [
    Field::required("execution_data", Ty::Dict),
    Field::required("success", Ty::Bool),
    Field::required("orders_placed", Ty::Int { ge: None, le: None }),
    Field::required("orders_succeeded", Ty::Int { ge: None, le: None }),
    Field::optional("failure_reason", text()),
    Field::defaulted("failed_symbols", Ty::ListOfStr),
]);

pub static WORKFLOW_COMPLETED: Model = event_model!("WorkflowCompleted", metadata_nullable: true, [
    Field::required("workflow_type", text()),
    Field::required("workflow_duration_ms", Ty::Int { ge: None, le: None }),
    Field::required("success", Ty::Bool),
    Field::defaulted("summary", Ty::Dict),
]);

pub static WORKFLOW_FAILED: Model = event_model!("WorkflowFailed", metadata_nullable: true, [
    Field::required("workflow_type", text()),
    Field::required("failure_reason", text()),
    Field::required("failure_step", text()),
    Field::defaulted("error_details", Ty::Dict),
]);

static URGENCIES: &[&str] = &["LOW", "NORMAL", "HIGH", "URGENT"];
static ACTIONS: &[&str] = &["BUY", "SELL", "HOLD"];

/// `RebalancePlan` (facts §3.3). Its datetime and Decimal fields cannot pass from JSON.
pub static REBALANCE_PLAN: Model = Model {
    name: "RebalancePlan",
    extra: Extra::Ignore,
    fields: &[
        Field::defaulted("schema_version", text()),
        Field::required("correlation_id", min1()),
        Field::required("causation_id", min1()),
        Field::required("timestamp", Ty::DateTime),
        Field::required("plan_id", min1()),
        Field::required("items", Ty::ListOf { model: &REBALANCE_PLAN_ITEM, min_len: Some(1) }),
        Field::required("total_portfolio_value", Ty::Decimal),
        Field::required("total_trade_value", Ty::Decimal),
        Field::defaulted("max_drift_tolerance", Ty::Decimal),
        Field::defaulted(
            "execution_urgency",
            Ty::Str {
                min_len: None,
                max_len: None,
                pattern: None,
                after: Some(After::UpperOneOf(URGENCIES, "Urgency")),
            },
        ),
        Field::optional("estimated_duration_minutes", Ty::Int { ge: Some(1), le: None }),
        Field::optional("metadata", Ty::Dict),
    ],
};

pub static REBALANCE_PLAN_ITEM: Model = Model {
    name: "RebalancePlanItem",
    extra: Extra::Ignore,
    fields: &[
        Field::required("symbol", Ty::Str { min_len: Some(1), max_len: Some(10), pattern: None, after: None }),
        Field::required("current_weight", Ty::Decimal),
        Field::required("target_weight", Ty::Decimal),
        Field::required("weight_diff", Ty::Decimal),
        Field::required("target_value", Ty::Decimal),
        Field::required("current_value", Ty::Decimal),
        Field::required("trade_amount", Ty::Decimal),
        Field::required(
            "action",
            Ty::Str { min_len: None, max_len: None, pattern: None, after: Some(After::UpperOneOf(ACTIONS, "Action")) },
        ),
        Field::required("priority", Ty::Int { ge: Some(1), le: Some(5) }),
    ],
};

pub static ALLOCATION_COMPARISON: Model = Model {
    name: "AllocationComparison",
    extra: Extra::Ignore,
    fields: &[
        Field::required("target_values", Ty::DictOfDecimal),
        Field::required("current_values", Ty::DictOfDecimal),
        Field::required("deltas", Ty::DictOfDecimal),
    ],
};

/// The class `_get_event_class` maps a detail-type to (2.27.0 map; six entries).
pub fn event_class(detail_type: &str) -> Option<&'static Model> {
    Some(match detail_type {
        "WorkflowStarted" => &WORKFLOW_STARTED,
        "SignalGenerated" => &SIGNAL_GENERATED,
        "RebalancePlanned" => &REBALANCE_PLANNED,
        "TradeExecuted" => &TRADE_EXECUTED,
        "WorkflowCompleted" => &WORKFLOW_COMPLETED,
        "WorkflowFailed" => &WORKFLOW_FAILED,
        _ => return None,
    })
}
