//! `route` never panics: any JSON value, any event as a file holds it, either stage.

use alchemiser::json::write::write_value;
use alchemiser::json::{Int, Object, PyStr, Value, parse_python_json};
use alchemiser::routing::{Batch, Stage, predict};
use proptest::prelude::*;

/// Keys and strings biased towards the ones the Lambda looks at.
fn text() -> impl Strategy<Value = PyStr> {
    prop_oneof![
        prop::sample::select(vec![
            "detail-type",
            "detail",
            "source",
            "mode",
            "trade",
            "action",
            "pnl_analysis",
            "pnl_type",
            "weekly",
            "pnl_period",
            "pnl_periods",
            "event_id",
            "timestamp",
            "unknown",
            "SignalGenerated",
            "RebalancePlanned",
            "WorkflowStarted",
            "ErrorNotificationRequested",
            "alchemiser.x",
            "2025-10-14T12:00:00Z",
            "3M",
            " 1W ",
            "correlation_id",
            "schema_version",
            "1.0",
            "month",
            "2024-01",
        ])
        .prop_map(PyStr::from),
        ".{0,12}".prop_map(|s: String| PyStr::new(s)),
        prop::collection::vec(any::<u16>(), 0..6).prop_map(|u| PyStr::from_utf16(&u)),
    ]
}

/// A bus envelope around any detail: the shape most events have.
fn envelope() -> impl Strategy<Value = Value> {
    (text(), text(), value(), prop::option::of(text())).prop_map(|(detail_type, source, detail, id)| {
        let mut object = Object::new();
        object.insert(PyStr::from("detail-type"), Value::Str(detail_type));
        object.insert(PyStr::from("source"), Value::Str(source));
        object.insert(PyStr::from("detail"), detail);
        if let Some(id) = id {
            object.insert(PyStr::from("id"), Value::Str(id));
        }
        Value::Object(object)
    })
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Int(Int::Small(n))),
        "-?[1-9][0-9]{19,40}".prop_map(|s| Value::Int(Int::Big(s.into()))),
        any::<f64>().prop_map(Value::Float),
        text().prop_map(Value::Str),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|items| Value::Array(items.into())),
            prop::collection::vec((text(), inner), 0..8).prop_map(|entries| {
                let mut object = Object::new();
                for (k, v) in entries {
                    object.insert(k, v);
                }
                Value::Object(object)
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn predict_never_panics(event in value(), prod in any::<bool>()) {
        let stage = if prod { Stage::Prod } else { Stage::Dev };
        let mut p = predict(&event, stage);
        Batch::new().observe(&mut p, 0, |_| "x".to_string());
        // Exactly one of a response or an exception.
        prop_assert!(p.response.is_some() != p.exception.is_some());
    }

    /// Events as files hold them (an envelope or any value, written as JSON text, read back):
    /// every one is read and predicted exactly as the value itself.
    #[test]
    fn written_events_read_back_to_the_same_prediction(event in prop_oneof![envelope(), value()], prod in any::<bool>()) {
        let stage = if prod { Stage::Prod } else { Stage::Dev };
        let mut text = String::new();
        write_value(&mut text, &event);
        let parsed = parse_python_json(&text);
        prop_assert!(parsed.is_ok(), "{text} does not read back: {:?}", parsed.err().map(|e| e.message));
        let read = parsed.map(|p| p.value).unwrap_or(Value::Null);
        prop_assert_eq!(predict(&read, stage), predict(&event, stage));
    }

    #[test]
    fn json_shaped_text_never_panics(text in r#"[\[\]{}",:0-9a-zA-Z\\ .eE+-]{0,64}"#) {
        if let Ok(parsed) = parse_python_json(&text) {
            let _ = predict(&parsed.value, Stage::Prod);
        }
    }
}
