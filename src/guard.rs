//! The safety check before anything is sent: events that would trade, crash the Lambda or
//! fail validation are refused unless the operator says so; and the stage to act at, worked
//! out from the resources a command touches rather than from `--stage` alone. Pure.

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
    if p.trades_when_warm {
        let run = match stage {
            Stage::Dev => "a paper trading run",
            Stage::Prod => "a LIVE trading run in prod",
        };
        return Some(format!("it would fail in a fresh Lambda container and start {run} in a warm one"));
    }
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
    if p.may_trade() && stage == Stage::Prod && !allowed.yes {
        return Err(Refusal {
            reason: format!("refused: {reason}; confirm with --yes as well as --force"),
            needs_confirmation: true,
        });
    }
    Ok(())
}

/// What a resource says about its stage: by its name (`…-prod`) or, for the Lambda, by its
/// deployed configuration (`APP__STAGE`, the trading endpoint).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageClue {
    /// The resource, as the operator knows it: `bus alchemiser-trading-events-prod`.
    pub what: String,
    pub stage: Stage,
    /// Read from a name the operator gave or derived (a contradiction with `--stage` is an error),
    /// rather than from deployed configuration (which can only make the stage stricter).
    pub from_name: bool,
}

impl StageClue {
    /// The clue a resource name carries, if it ends in `-dev` or `-prod`.
    pub fn from_name(kind: &str, name: &str) -> Option<StageClue> {
        Stage::in_name(name).map(|stage| StageClue { what: format!("{kind} {name}"), stage, from_name: true })
    }
}

/// The stage a command acts at: the stricter of `--stage` and every clue, so a prod resource is
/// always treated as prod. An explicit `--stage` that a resource's name contradicts is refused:
/// the operator named two stages and only they know which one they meant.
pub fn acting_stage(requested: Stage, explicit: bool, clues: &[StageClue]) -> Result<Stage, String> {
    if explicit && let Some(clue) = clues.iter().find(|c| c.from_name && c.stage != requested) {
        return Err(format!(
            "--stage {} contradicts {}, a {} resource: did you mean --stage {}?",
            requested.as_str(),
            clue.what,
            clue.stage.as_str(),
            clue.stage.as_str()
        ));
    }
    let prod = requested == Stage::Prod || clues.iter().any(|c| c.stage == Stage::Prod);
    Ok(if prod { Stage::Prod } else { Stage::Dev })
}

/// The trading mode the Lambda's code derives from its environment (facts §1.1 step 6.4):
/// paper only when an endpoint containing `paper` comes with a key and a secret; anything else
/// trades live. Only the endpoint's text and the presence of the credentials are needed.
pub fn trading_mode(endpoint: Option<&str>, has_key: bool, has_secret: bool) -> &'static str {
    match endpoint {
        Some(url) if has_key && has_secret && url.to_ascii_lowercase().contains("paper") => "paper",
        _ => "live",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse_python_json;
    use crate::routing::predict;

    fn prediction(text: &str, stage: Stage) -> LambdaPrediction<'static> {
        let event = parse_python_json(text).unwrap_or_else(|e| panic!("fixture {text} is not JSON: {}", e.message));
        predict(&event.value, stage).into_owned()
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

    #[test]
    fn stages_in_names_and_arns() {
        assert_eq!(Stage::in_name("alchemiser-trading-events-prod"), Some(Stage::Prod));
        assert_eq!(
            Stage::in_name("arn:aws:events:us-east-1:1:event-bus/alchemiser-trading-events-dev"),
            Some(Stage::Dev)
        );
        assert_eq!(
            Stage::in_name("arn:aws:lambda:us-east-1:1:function:the-alchemiser-v2-lambda-prod:live"),
            Some(Stage::Prod)
        );
        assert_eq!(Stage::in_name("put-bus-1"), None);
        assert_eq!(Stage::in_name("alchemiser-trading-events-production"), None);
    }

    #[test]
    fn the_stricter_stage_applies_and_named_contradictions_are_refused() {
        let prod_bus = StageClue::from_name("bus", "alchemiser-trading-events-prod").into_iter().collect::<Vec<_>>();
        assert_eq!(acting_stage(Stage::Dev, false, &prod_bus), Ok(Stage::Prod), "a default --stage gives way");
        let refused = acting_stage(Stage::Dev, true, &prod_bus).err().unwrap_or_default();
        assert!(refused.contains("did you mean --stage prod?"), "{refused}");
        let dev_bus = StageClue::from_name("bus", "alchemiser-trading-events-dev").into_iter().collect::<Vec<_>>();
        assert!(acting_stage(Stage::Prod, true, &dev_bus).is_err());
        let live_config = StageClue { what: "function f".into(), stage: Stage::Prod, from_name: false };
        assert_eq!(acting_stage(Stage::Dev, true, &[live_config]), Ok(Stage::Prod), "configuration only tightens");
        assert_eq!(acting_stage(Stage::Dev, true, &[]), Ok(Stage::Dev));
    }

    #[test]
    fn paper_needs_a_paper_endpoint_and_credentials() {
        assert_eq!(trading_mode(Some("https://paper-api.alpaca.markets/v2"), true, true), "paper");
        assert_eq!(trading_mode(Some("https://PAPER.example"), true, true), "paper");
        assert_eq!(trading_mode(Some("https://api.alpaca.markets"), true, true), "live");
        assert_eq!(trading_mode(Some("https://paper-api.alpaca.markets/v2"), false, true), "live");
        assert_eq!(trading_mode(None, true, true), "live");
    }
}
