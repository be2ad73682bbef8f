//! The safety check before anything is sent: events that would trade, crash the Lambda or
//! fail validation are refused unless the operator says so. Pure.

use crate::routing::{LambdaPrediction, Response, Stage};

/// What the operator allowed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Allowance {
    /// `--force`: send events the prediction flags.
    pub force: bool,
    /// `--yes`: confirmed, including live trades in prod.
    pub yes: bool,
}

/// Why an event is held back, and whether a confirmation could release it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub reason: String,
    /// True when only a live-trade confirmation is missing (a TTY prompt may give it).
    pub needs_confirmation: bool,
}

/// What in the prediction makes the event dangerous to send, if anything.
pub fn danger(p: &LambdaPrediction, stage: Stage) -> Option<String> {
    if let Some(e) = &p.exception {
        return Some(format!("it would crash the Lambda ({})", e.class));
    }
    if matches!(&p.response, Some(Response::Command { status: "failed", .. })) {
        return Some("it would fail LambdaEvent validation (status failed, error notification)".to_string());
    }
    if p.starts_trade() {
        return Some(match stage {
            Stage::Dev => "it would start a paper trading run".to_string(),
            Stage::Prod => "it would start a LIVE trading run in prod".to_string(),
        });
    }
    None
}

/// Decides whether an event may be sent. `runs` = how many times the Lambda would run it.
pub fn check(p: &LambdaPrediction, runs: usize, stage: Stage, allowed: Allowance) -> Result<(), Refusal> {
    if runs == 0 {
        return Ok(());
    }
    let Some(reason) = danger(p, stage) else { return Ok(()) };
    if !allowed.force {
        return Err(Refusal {
            reason: format!("refused: {reason} (pass --force to send it anyway)"),
            needs_confirmation: false,
        });
    }
    if p.starts_trade() && stage == Stage::Prod && !allowed.yes {
        return Err(Refusal {
            reason: format!("refused: {reason}; confirm with --yes as well as --force"),
            needs_confirmation: true,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse_python_json;
    use crate::routing::predict;

    fn prediction(text: &str, stage: Stage) -> LambdaPrediction {
        predict(&parse_python_json(text).map(|p| p.value).unwrap_or(crate::json::Value::Null), stage)
    }

    #[test]
    fn trades_crashes_and_failures_need_force() {
        let none = Allowance::default();
        let force = Allowance { force: true, yes: false };
        let both = Allowance { force: true, yes: true };
        let trade = prediction(r#"{"detail-type":"TestEvent","source":"alchemiser.test","detail":{}}"#, Stage::Dev);
        assert!(check(&trade, 1, Stage::Dev, none).is_err());
        assert!(check(&trade, 1, Stage::Dev, force).is_ok());
        assert!(check(&trade, 0, Stage::Dev, none).is_ok(), "nothing runs it");
        let live = prediction(r#"{"detail-type":"TestEvent","source":"alchemiser.test","detail":{}}"#, Stage::Prod);
        let refusal = check(&live, 1, Stage::Prod, force).err();
        assert!(refusal.as_ref().is_some_and(|r| r.needs_confirmation), "{refusal:?}");
        assert!(check(&live, 1, Stage::Prod, both).is_ok());
        let crash = prediction(r#"{"detail-type":"RebalancePlanned","source":"alchemiser.p","detail":{}}"#, Stage::Dev);
        assert!(
            check(&crash, 1, Stage::Dev, none).is_err_and(|r| r.reason.contains("crash the Lambda (ValidationError)"))
        );
        let fine = prediction(
            r#"{"detail-type":"WorkflowFailed","source":"alchemiser.x","detail":{"correlation_id":"c","causation_id":"x","event_id":"e","timestamp":"2025-10-14T12:00:00Z","source_module":"m","workflow_type":"t","failure_reason":"r","failure_step":"s"}}"#,
            Stage::Prod,
        );
        assert!(check(&fine, 1, Stage::Prod, none).is_ok());
    }
}
