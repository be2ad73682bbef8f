//! EventBridge pattern conformance: every case in `data/pattern-cases.jsonl`, written from the
//! EventBridge user guide and event-ruler's documented behaviour.
//!
//! A line is `{name, pattern, event, matches}` or, for a pattern PutRule refuses,
//! `{name, pattern, error_contains}`.

use alchemiser::json::{Int, Object, PyStr, Value};
use alchemiser::pattern::Pattern;

const CASES: &str = include_str!("data/pattern-cases.jsonl");

/// serde_json keeps integers up to u64 exact; the cases use no larger ones.
fn to_value(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => Value::Int(Int::Small(i)),
            (None, Some(u), _) => Value::Int(Int::Big(u.to_string().into())),
            (None, None, Some(f)) => Value::Float(f),
            (None, None, None) => panic!("unrepresentable number {n}"),
        },
        serde_json::Value::String(s) => Value::str(s),
        serde_json::Value::Array(items) => Value::Array(items.iter().map(to_value).collect()),
        serde_json::Value::Object(map) => Value::Object(Object::from_unique(
            map.iter().map(|(k, v)| (PyStr::from(k.as_str()), to_value(v))).collect(),
        )),
    }
}

/// What went wrong with one case, if anything.
fn check(case: &serde_json::Value) -> Option<String> {
    let pattern = to_value(&case["pattern"]);
    let compiled = Pattern::compile(&pattern);
    if let Some(expected) = case["error_contains"].as_str() {
        return match compiled {
            Ok(_) => Some(format!("compiled, expected an error containing {expected:?}")),
            Err(e) if e.to_string().contains(expected) => None,
            Err(e) => Some(format!("error {:?} does not contain {expected:?}", e.to_string())),
        };
    }
    let expected = case["matches"].as_bool().expect("matches is a boolean");
    match compiled {
        Err(e) => Some(format!("rejected: {e}")),
        Ok(p) if p.matches(&to_value(&case["event"])) != expected => Some(format!("expected matches = {expected}")),
        Ok(_) => None,
    }
}

#[test]
fn every_case_conforms() {
    let cases: Vec<serde_json::Value> = CASES
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("bad case line {line}: {e}")))
        .collect();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| check(case).map(|why| format!("{}: {why}", case["name"].as_str().unwrap_or("?"))))
        .collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
    assert!(cases.len() >= 150, "only {} cases", cases.len());
}

#[test]
fn errors_display_like_put_rule() {
    let error = Pattern::compile(&Value::Array(Box::default())).expect_err("an array is not a pattern");
    assert_eq!(error.to_string(), "Event pattern is not valid. Reason: Filter is not an object");
    assert_eq!(error.reason(), "Filter is not an object");
}
