//! `LambdaEvent` (schema 1.0): the strict model a command payload must pass (facts §1.2),
//! and the `main` argument list it produces.

use regex::Regex;
use std::sync::LazyLock;

use std::borrow::Cow;

use super::validate::{Extra, Field, Model, TextPattern, Ty, Validation};
use crate::json::Value;

static MONTH: TextPattern =
    TextPattern { source: r"^\d{4}-\d{2}$", regex: LazyLock::new(|| compile(r"^\d{4}-\d{2}$")) };
static PNL_PERIOD: TextPattern = TextPattern { source: r"^\d+[WMA]$", regex: LazyLock::new(|| compile(r"^\d+[WMA]$")) };

/// The patterns are constants known to compile; `\d` is Unicode-aware, as in pydantic-core.
fn compile(source: &str) -> Regex {
    Regex::new(source).unwrap_or_else(|e| unreachable!("constant pattern {source}: {e}"))
}

const fn text() -> Ty {
    Ty::Str { min_len: None, max_len: None, pattern: None, after: None }
}

pub static LAMBDA_EVENT: Model = Model {
    name: "LambdaEvent",
    extra: Extra::Forbid,
    fields: &[
        Field::defaulted("schema_version", Ty::Literal(&["1.0"])),
        Field::optional("mode", Ty::Literal(&["trade", "bot"])),
        Field::optional("trading_mode", Ty::Literal(&["paper", "live"])),
        Field::optional("arguments", Ty::ListOfStr),
        Field::optional("action", Ty::Literal(&["pnl_analysis"])),
        Field::optional("month", Ty::Str { min_len: None, max_len: None, pattern: Some(&MONTH), after: None }),
        Field::optional("account_id", text()),
        Field::optional("pnl_type", Ty::Literal(&["weekly", "monthly"])),
        Field::optional("pnl_periods", Ty::Int { ge: Some(1), le: None }),
        Field::optional(
            "pnl_period",
            Ty::Str { min_len: None, max_len: None, pattern: Some(&PNL_PERIOD), after: None },
        ),
        Field::optional("pnl_detailed", Ty::Bool),
        Field::optional("to", text()),
        Field::optional("subject", text()),
        Field::optional("dry_run", Ty::Bool),
        Field::optional("correlation_id", text()),
        Field::optional("causation_id", text()),
    ],
};

/// The model validator's `ValueError`, as pydantic shows it.
const PNL_RULE: &str = "Value error, P&L analysis requires either 'pnl_type' or 'pnl_period' to be specified";

/// Validates a payload (an object); on success returns the `main` argument list.
pub fn parse(event: &Value) -> Result<Vec<String>, Validation<'_>> {
    if let Some(failed) = Validation::check(&LAMBDA_EVENT, Cow::Borrowed(event), &[]) {
        return Err(failed);
    }
    // Only a dict validates, so every present value has its declared type.
    let get = |name: &str| event.as_object().and_then(|payload| payload.get(name));
    let text = |name: &str| match get(name) {
        Some(Value::Str(s)) => Some(s.as_str().trim()),
        _ => None,
    };
    let literal = |name: &str| match get(name) {
        Some(Value::Str(s)) => Some(s.as_str()),
        _ => None,
    };
    if literal("action") != Some("pnl_analysis") {
        return Ok(vec!["trade".to_string()]);
    }
    let pnl_type = literal("pnl_type");
    let pnl_period = text("pnl_period");
    if pnl_type.is_none() && pnl_period.is_none_or(str::is_empty) {
        return Err(Validation::rule_failed(&LAMBDA_EVENT, Cow::Borrowed(event), PNL_RULE));
    }
    let mut args = vec!["pnl".to_string()];
    match pnl_type {
        Some("weekly") => args.push("--weekly".into()),
        Some("monthly") => args.push("--monthly".into()),
        _ => {}
    }
    if let Some(period) = pnl_period.filter(|p| !p.is_empty()) {
        args.extend(["--period".to_string(), period.to_string()]);
    }
    if let Some(Value::Int(n)) = get("pnl_periods")
        && n.ge(2)
    {
        args.extend(["--periods".to_string(), n.to_decimal()]);
    }
    if let Some(Value::Bool(true)) = get("pnl_detailed") {
        args.push("--detailed".into());
    }
    Ok(args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse_python_json;

    fn text(validation: &Validation<'_>) -> String {
        let mut out = String::new();
        validation.write_text(&mut out);
        validation.for_each(|e| out.push_str(&format!("\n{:?} {} {}", e.loc, e.code, e.message)));
        out
    }

    /// Errors kept from the first run read exactly like errors found again (what an owned
    /// input, such as a decoded string detail, always does).
    #[test]
    fn kept_errors_read_like_errors_found_again() {
        let many: Vec<String> = (0..70).map(|i| format!("\"k{i}\": [{i}]")).collect();
        let many = format!("{{{}}}", many.join(", "));
        for payload in [
            r#"{"mode":"TRADE","pnl_periods":"3","month":"2024-1","\ud800":1}"#,
            r#"{"mode":"trade","month":"2024-01","extra":{"a":[1,2,{"b":"x"}]},"to":"\udc00"}"#,
            r#"{"action":"pnl_analysis"}"#,
            &many,
        ] {
            let event = parse_python_json(payload).unwrap_or_else(|e| panic!("{payload}: {e:?}")).value;
            let Err(validation) = parse(&event) else { panic!("{payload} validates") };
            assert_eq!(text(&validation), text(&validation.clone().into_owned()), "{payload}");
        }
    }
}
