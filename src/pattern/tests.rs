use proptest::prelude::*;

use super::ip::{self, IpRange};
use super::number::{self, Literal, OutsideDomain};
use super::text::{Folded, Wildcard, text};
use super::{Pattern, reference};
use crate::json::{Int, Object, PyStr, Value};

/// Builds a value from JSON text (test data only; numbers beyond u64 become floats).
fn json(text: &str) -> Value {
    from_serde(&serde_json::from_str(text).expect("test JSON"))
}

fn from_serde(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Value::Int(Int::Small(i)),
            (None, Some(u)) => Value::Int(Int::Big(u.to_string().into())),
            _ => Value::Float(n.as_f64().expect("finite")),
        },
        serde_json::Value::String(s) => Value::str(s),
        serde_json::Value::Array(items) => Value::Array(items.iter().map(from_serde).collect()),
        serde_json::Value::Object(map) => Value::Object(Object::from_unique(
            map.iter().map(|(k, v)| (PyStr::from(k.as_str()), from_serde(v))).collect(),
        )),
    }
}

fn matches(pattern: &str, event: &str) -> bool {
    let (pattern, event) = (json(pattern), json(event));
    let compiled = Pattern::compile(&pattern).expect("valid pattern").matches(&event);
    assert_eq!(compiled, reference::matches(&pattern, &event), "reference disagrees");
    compiled
}

fn error(pattern: &Value) -> String {
    Pattern::compile(pattern).expect_err("invalid pattern").to_string()
}

#[test]
fn decimal_places_come_from_the_shortest_float_text() {
    assert_eq!(number::scaled_float(0.1), Ok(100_000));
    assert_eq!(number::scaled_float(-301.8), Ok(-301_800_000));
    assert_eq!(number::scaled_float(0.000001), Ok(1));
    assert_eq!(number::scaled_float(123.456789), Ok(123_456_789));
    assert_eq!(number::scaled_float(5e11), Ok(500_000_000_000_000_000));
    assert_eq!(number::scaled_float(-0.0), Ok(0));
    assert_eq!(number::scaled_float(0.1 + 0.2), Err(OutsideDomain::TooPrecise));
    assert_eq!(number::scaled_float(1.5e-6), Err(OutsideDomain::TooPrecise));
    assert_eq!(number::scaled_float(1e-300), Err(OutsideDomain::TooPrecise));
    assert_eq!(number::scaled_float(5.000000001e11), Err(OutsideDomain::TooLarge));
    assert_eq!(number::scaled_float(f64::NAN), Err(OutsideDomain::NotFinite));
    assert_eq!(number::scaled_int(&Int::Small(-500_000_000_000)), Ok(-500_000_000_000_000_000));
    assert_eq!(number::scaled_int(&Int::Small(500_000_000_001)), Err(OutsideDomain::TooLarge));
    assert_eq!(number::scaled_int(&Int::Small(i64::MIN)), Err(OutsideDomain::TooLarge));
    assert_eq!(number::scaled_int(&Int::Big(Box::new("-99999999999999999999".into()))), Err(OutsideDomain::TooLarge));
}

#[test]
fn number_literals_compare_exactly_across_int_and_float() {
    let int = |n| Literal::Int(Int::Small(n));
    assert!(int(3).equals(&Value::Float(3.0)));
    assert!(Literal::Float(3.0).equals(&Value::Int(Int::Small(3))));
    assert!(int(0).equals(&Value::Float(-0.0)));
    assert!(!int(3).equals(&Value::Float(3.5)));
    assert!(!int(3).equals(&Value::str("3")));
    // 2^53 + 1 has no float, so the nearest float must not equal it.
    assert!(!int(9_007_199_254_740_993).equals(&Value::Float(9_007_199_254_740_992.0)));
    assert!(int(i64::MIN).equals(&Value::Float(-9_223_372_036_854_775_808.0)));
    assert!(!int(i64::MAX).equals(&Value::Float(9_223_372_036_854_775_808.0)));
    let big = Literal::Int(Int::Big(Box::new("100000000000000000000".into())));
    assert!(big.equals(&Value::Float(1e20)));
    assert!(!big.equals(&Value::Float(1e21)));
    assert!(!Literal::Int(Int::Big(Box::new("100000000000000000001".into()))).equals(&Value::Float(1e20)));
    assert!(!Literal::Float(f64::NAN).equals(&Value::Float(f64::NAN)));
    assert!(!int(1).equals(&Value::Float(f64::INFINITY)));
}

/// The single pass in `Folded` is exact only if no character's lower- and upper-case
/// spellings are proper prefixes or suffixes of each other.
#[test]
fn no_case_spelling_is_a_proper_prefix_or_suffix_of_the_other() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let lower: String = c.to_lowercase().collect();
        let upper: String = c.to_uppercase().collect();
        if lower == upper {
            continue;
        }
        for (a, b) in [(&lower, &upper), (&upper, &lower)] {
            assert!(!b.starts_with(a.as_str()) && !b.ends_with(a.as_str()), "{c:?}: {lower:?} / {upper:?}");
        }
    }
}

#[test]
fn case_folding_follows_java_per_character_spellings() {
    let folded = Folded::new("straße");
    assert!(folded.equals("STRASSE"));
    assert!(folded.equals("Straße"));
    assert!(!folded.equals("strasse"));
    assert!(Folded::new("É").equals("é"));
    assert!(Folded::new("é").is_prefix_of("Élan"));
    assert!(Folded::new("ÉLAN").is_suffix_of("x-élan"));
    assert!(!Folded::new("σ").equals("ς"));
    assert!(Folded::new("İ").equals("i\u{307}"));
    assert!(Folded::new("EventB").is_prefix_of("eventbridge"));
    assert!(Folded::new(".png").is_suffix_of("A.PNG"));
    assert!(!Folded::new(".png").is_suffix_of("png"));
    assert!(!Folded::new("k").equals("\u{212A}"), "Kelvin sign is not ASCII K");
}

#[test]
fn wildcards_parse_escapes_and_reject_double_stars() {
    let w = |p: &str| Wildcard::parse(p).expect("valid wildcard");
    assert!(w("*").matches(""));
    assert!(w("a*b*c").matches("abc"));
    assert!(w("a*b*c").matches("a-b-b-c"));
    assert!(!w("a*b*c").matches("a-c-b"));
    assert!(w("*.png").matches("x.png"));
    assert!(!w("*.png").matches("x.pn"));
    assert!(w("a*a").matches("aa"));
    assert!(!w("a*a").matches("a"));
    assert!(w(r"a\*b").matches("a*b"));
    assert!(!w(r"a\*b").matches("axb"));
    assert!(w(r"a\\b").matches(r"a\b"));
    assert!(w(r"\**").matches("*x"));
    assert!(w("é*ß").matches("é—ß"));
    assert_eq!(Wildcard::parse("a**").err().as_deref(), Some("Consecutive wildcard characters at pos 1"));
    assert_eq!(Wildcard::parse(r"a\b").err().as_deref(), Some("Invalid escape character at pos 1"));
    assert_eq!(Wildcard::parse("a\\").err().as_deref(), Some("Invalid escape character at pos 1"));
}

#[test]
fn ip_addresses_read_as_event_ruler_reads_them() {
    assert_eq!(ip::parse("10.0.0.1"), Some((ip::Family::V4, 0x0A00_0001)));
    assert_eq!(ip::parse("::ffff:a00:1"), Some((ip::Family::V4, 0x0A00_0001)));
    assert_eq!(ip::parse("::FFFF:A00:1"), Some((ip::Family::V4, 0x0A00_0001)));
    assert_eq!(ip::parse("::1"), Some((ip::Family::V6, 1)));
    assert_eq!(ip::parse("0:0:0:0:0:0:0:1"), Some((ip::Family::V6, 1)));
    for not_ip in ["010.0.0.1", "10.0.0", "256.0.0.1", "::ffff:10.0.0.1", "fe80::1%eth0", "[::1]", "1:2", "host", ""] {
        assert_eq!(ip::parse(not_ip), None, "{not_ip}");
    }
    let block = IpRange::cidr("10.0.0.5/24").expect("valid block");
    // Floored to the network, as event-ruler does: the written host bits do not matter.
    assert!(block.contains("10.0.0.255") && block.contains("10.0.0.5") && block.contains("10.0.0.1"));
    assert!(block.contains("10.0.0.0") && !block.contains("10.0.1.0") && !block.contains("9.255.255.255"));
    assert!(IpRange::cidr("0.0.0.0/0").expect("valid").contains("255.255.255.255"));
    assert!(IpRange::cidr("::/0").expect("valid").contains("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    assert!(!IpRange::cidr("::/0").expect("valid").contains("1.2.3.4"));
    assert!(IpRange::cidr("+8.0.0.0/8").is_err());
    assert!(IpRange::cidr("8.0.0.0/+8").is_ok());
    assert_eq!(IpRange::cidr("10.0.0.0/32").err().as_deref(), Some("IPv4 mask bits must be < 32"));
    assert_eq!(IpRange::cidr("::/128").err().as_deref(), Some("IPv6 mask bits must be < 128"));
    assert_eq!(IpRange::cidr("10.0.0.0/-1").err().as_deref(), Some("Malformed CIDR, mask bits must not be negative"));
    assert_eq!(IpRange::cidr("10.0.0.0/x").err().as_deref(), Some("Malformed CIDR, mask bits must be an integer"));
    assert_eq!(IpRange::cidr("10.0.0.0").err().as_deref(), Some("Malformed CIDR, one '/' required"));
    assert_eq!(IpRange::cidr("1/2/3").err().as_deref(), Some("Malformed CIDR, one '/' required"));
}

#[test]
fn lone_surrogates_read_as_question_marks() {
    let lone = PyStr::from_utf16(&[0x61, 0xD800]);
    assert_eq!(text(&lone), "a?");
    let pattern = Pattern::compile(&json(r#"{"k": ["a?"]}"#)).expect("valid");
    let event = Value::Object(Object::from_unique(vec![(PyStr::from("k"), Value::Str(lone))]));
    assert!(pattern.matches(&event));
}

#[test]
fn numbers_outside_json_are_not_pattern_values() {
    let with = |v: Value| Value::Object(Object::from_unique(vec![(PyStr::from("k"), Value::Array(Box::new([v])))]));
    assert!(error(&with(Value::Float(f64::NAN))).contains("Match value must be"));
    let numeric = |v: Value| {
        with(Value::Object(Object::from_unique(vec![(
            PyStr::from("numeric"),
            Value::Array(Box::new([Value::str(">"), v])),
        )])))
    };
    assert!(error(&numeric(Value::Float(f64::INFINITY))).contains("NaN and Infinity"));
    assert!(error(&numeric(Value::Int(Int::Big(Box::new("99999999999999999999".into()))))).contains("5.0E11"));
}

#[test]
fn big_integers_match_exactly() {
    let pattern = Pattern::compile(&json(r#"{"n": [18446744073709551615]}"#)).expect("valid");
    let event = |n: Int| Value::Object(Object::from_unique(vec![(PyStr::from("n"), Value::Int(n))]));
    assert!(pattern.matches(&event(Int::Big(Box::new("18446744073709551615".into())))));
    assert!(!pattern.matches(&event(Int::Big(Box::new("18446744073709551614".into())))));
}

#[test]
fn errors_read_like_put_rule() {
    assert_eq!(error(&json("[]")), "Event pattern is not valid. Reason: Filter is not an object");
    assert_eq!(
        error(&json(r#"{"detail": {"state": []}}"#)),
        "Event pattern is not valid. Reason: Empty arrays are not allowed (at \"detail.state\")"
    );
}

#[test]
fn deep_nesting_is_rejected_not_overflowed() {
    let mut pattern = json(r#"{"a": [1]}"#);
    for _ in 0..super::MAX_NESTING {
        pattern = Value::Object(Object::from_unique(vec![(PyStr::from("a"), pattern)]));
    }
    assert!(error(&pattern).contains("nest at most"));
}

#[test]
fn the_deepest_allowed_pattern_compiles_and_matches_in_a_set() {
    let (mut pattern, mut event) = (json(r#"{"a": [1]}"#), json(r#"{"a": 1}"#));
    for _ in 1..super::MAX_NESTING {
        pattern = Value::Object(Object::from_unique(vec![(PyStr::from("a"), pattern)]));
        event = Value::Object(Object::from_unique(vec![(PyStr::from("a"), event)]));
    }
    let compiled = Pattern::compile(&pattern).expect("as deep as allowed");
    assert!(compiled.matches(&event));
    assert_eq!(super::PatternSet::new([&compiled, &compiled]).matches(&event), [true, true]);
}

#[test]
fn deep_event_arrays_count_as_empty() {
    let mut value = Value::Int(Int::Small(1));
    for _ in 0..super::MAX_ARRAY_NESTING + 1 {
        value = Value::Array(Box::new([value]));
    }
    let event = Value::Object(Object::from_unique(vec![(PyStr::from("a"), value)]));
    assert!(!Pattern::compile(&json(r#"{"a": [1]}"#)).expect("valid").matches(&event));
    assert!(Pattern::compile(&json(r#"{"a": [{"exists": false}]}"#)).expect("valid").matches(&event));
}

#[test]
fn or_combinations_are_capped() {
    let or = r#"{"$or": [{"a": [1]}, {"b": [1]}, {"c": [1]}, {"d": [1]}]}"#;
    let pattern = format!(r#"{{"p": {or}, "q": {or}, "r": {or}, "s": {or}, "t": {or}, "u": {or}}}"#);
    assert!(error(&json(&pattern)).contains("more than 1024"));
}

#[test]
fn absence_under_arrays_is_order_independent() {
    // Chosen element [1] has y=2 and no x.
    assert!(matches(r#"{"a": {"x": [{"exists": false}], "y": [2]}}"#, r#"{"a": [{"x": 1}, {"y": 2}]}"#));
    assert!(matches(r#"{"a": {"y": [2], "z": [{"exists": false}]}}"#, r#"{"a": [{"z": 1}, {"y": 2}]}"#));
    // Nothing pins the array, so every element must lack the field.
    assert!(!matches(r#"{"a": {"x": [{"exists": false}]}}"#, r#"{"a": [{"x": 1}, {"y": 2}]}"#));
    assert!(matches(r#"{"a": {"x": [{"exists": false}]}}"#, r#"{"a": []}"#));
    // The same field reached directly and through $or is still one array element.
    assert!(!matches(r#"{"a": {"x": [1]}, "$or": [{"a": {"y": [2]}}, {"b": [3]}]}"#, r#"{"a": [{"x": 1}, {"y": 2}]}"#));
    assert!(matches(r#"{"a": {"x": [1]}, "$or": [{"a": {"y": [2]}}, {"b": [3]}]}"#, r#"{"a": [{"x": 1, "y": 2}]}"#));
}

const KEYS: [&str; 3] = ["a", "b", "c"];
const STRINGS: [&str; 18] = [
    "",
    "a",
    "A",
    "ab",
    "Ab",
    "ba",
    "a*b",
    "é",
    "É",
    "ß",
    "SS",
    "ss",
    "10.0.0.1",
    "10.0.0.200",
    "::1",
    "0:0:0:0:0:0:0:1",
    "::ffff:a00:1",
    "x.png",
];

fn object(entries: Vec<(&'static str, Value)>) -> Value {
    let mut object = Object::new();
    for (key, value) in entries {
        object.insert(PyStr::from(key), value);
    }
    Value::Object(object)
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop::sample::select(vec![-2i64, 0, 1, 3, 10, 500_000_000_000, 500_000_000_001])
            .prop_map(|n| Value::Int(Int::Small(n))),
        prop::sample::select(vec![0.5, 1.5, 3.0, -2.0, 0.1234567, 1e12]).prop_map(Value::Float),
        prop::sample::select(STRINGS.to_vec()).prop_map(Value::str),
    ]
}

fn event_value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|items| Value::Array(items.into())),
            prop::collection::vec((prop::sample::select(KEYS.to_vec()), inner), 0..4).prop_map(object),
        ]
    })
}

fn event() -> impl Strategy<Value = Value> {
    prop::collection::vec((prop::sample::select(KEYS.to_vec()), event_value()), 0..4).prop_map(object)
}

fn strings() -> impl Strategy<Value = Value> {
    prop::sample::select(STRINGS.to_vec()).prop_map(Value::str)
}

fn expression(name: &'static str, operand: impl Strategy<Value = Value>) -> impl Strategy<Value = Value> {
    operand.prop_map(move |value| object(vec![(name, value)]))
}

fn nonempty_strings() -> impl Strategy<Value = Value> {
    prop::sample::select(STRINGS[1..].to_vec()).prop_map(Value::str)
}

fn matcher() -> impl Strategy<Value = Value> {
    let wildcards =
        prop::sample::select(vec!["*", "a*", "*b", "a*b", r"\*", "*.*", "*é", "x\\\\*"]).prop_map(Value::str);
    let numeric = prop::sample::select(vec![
        r#"[">", 0]"#,
        r#"[">=", 1, "<", 10]"#,
        r#"[">", -2, "<=", 3]"#,
        r#"["=", 3]"#,
        r#"["<=", 1.5]"#,
        r#"["<", 500000000000]"#,
    ])
    .prop_map(json);
    let cidr =
        prop::sample::select(vec!["10.0.0.0/24", "10.0.0.7/8", "::/1", "0:0:0:0:0:0:0:0/127"]).prop_map(Value::str);
    let excluded = prop_oneof![
        strings(),
        scalar().prop_filter("numbers", |v| number::scaled(v).is_some()),
        prop::collection::vec(strings(), 1..3).prop_map(|items| Value::Array(items.into())),
        expression("prefix", nonempty_strings()),
        expression(
            "suffix",
            prop::collection::vec(nonempty_strings(), 1..3).prop_map(|items| Value::Array(items.into()))
        ),
        expression("equals-ignore-case", strings()),
        expression("wildcard", wildcards.clone()),
    ];
    prop_oneof![
        scalar().prop_filter("valid literal", |v| !matches!(v, Value::Float(f) if !f.is_finite())),
        expression("prefix", strings()),
        expression("suffix", strings()),
        expression("prefix", expression("equals-ignore-case", strings())),
        expression("suffix", expression("equals-ignore-case", strings())),
        expression("equals-ignore-case", strings()),
        expression("wildcard", wildcards),
        expression("numeric", numeric),
        expression("exists", any::<bool>().prop_map(Value::Bool)),
        expression("cidr", cidr),
        expression("anything-but", excluded),
    ]
}

fn pattern() -> impl Strategy<Value = Value> {
    fn with_optional_or(fields: BoxedStrategy<Value>) -> impl Strategy<Value = Value> {
        prop_oneof![
            2 => fields.clone(),
            1 => (fields.clone(), prop::collection::vec(fields, 2..4)).prop_map(|(base, alternatives)| with_or(base, alternatives)),
        ]
    }
    let key = || prop::sample::select(KEYS.to_vec());
    let leaf = prop::collection::vec(matcher(), 1..4).prop_map(|items| Value::Array(items.into()));
    let field = leaf.prop_recursive(2, 6, 2, move |inner| {
        with_optional_or(prop::collection::vec((key(), inner), 1..3).prop_map(object).boxed())
    });
    with_optional_or(prop::collection::vec((key(), field), 1..3).prop_map(object).boxed())
}

/// Events built along a pattern's shape, so that matches and near misses are common.
fn shaped(pattern: &Value) -> BoxedStrategy<Value> {
    match pattern {
        Value::Object(fields) => shaped_fields(fields)
            .prop_map(|entries| {
                let mut object = Object::new();
                for (key, value) in entries {
                    object.insert(key, value);
                }
                Value::Object(object)
            })
            .boxed(),
        Value::Array(matchers) => {
            let mut near = Vec::new();
            matchers.iter().for_each(|m| near_values(m, &mut near));
            if near.is_empty() {
                scalar().boxed()
            } else {
                prop_oneof![1 => scalar(), 4 => prop::sample::select(near)].boxed()
            }
        }
        _ => scalar().boxed(),
    }
}

/// Values close to the strings and numbers in a matcher: itself, case-swapped, extended.
fn near_values(matcher: &Value, out: &mut Vec<Value>) {
    match matcher {
        Value::Str(s) => {
            let s = s.as_str().replace('\\', "");
            for variant in [s.replace('*', ""), s.replace('*', "zz"), s.to_uppercase(), s.to_lowercase()] {
                out.extend([
                    Value::str(&variant),
                    Value::str(&format!("{variant}x")),
                    Value::str(&format!("x{variant}")),
                ]);
            }
        }
        Value::Int(_) | Value::Float(_) => out.push(matcher.clone()),
        Value::Array(items) => items.iter().for_each(|item| near_values(item, out)),
        Value::Object(o) => o.iter().for_each(|(_, item)| near_values(item, out)),
        Value::Null | Value::Bool(_) => out.push(matcher.clone()),
    }
}

fn shaped_fields(fields: &Object) -> BoxedStrategy<Vec<(PyStr, Value)>> {
    let parts: Vec<BoxedStrategy<Vec<(PyStr, Value)>>> = fields
        .iter()
        .map(|(key, value)| match value {
            // An $or contributes the fields of one of its alternatives.
            Value::Array(alternatives) if key.is("$or") => {
                prop::strategy::Union::new(alternatives.iter().filter_map(Value::as_object).map(shaped_fields)).boxed()
            }
            _ => {
                let key = key.clone();
                shaped_field(value).prop_map(move |value| value.map(|v| (key.clone(), v)).into_iter().collect()).boxed()
            }
        })
        .collect();
    parts.prop_map(|parts| parts.into_iter().flatten().collect()).boxed()
}

/// A field's value: shaped like the pattern, inside an array with noise, unrelated, or missing.
fn shaped_field(pattern: &Value) -> BoxedStrategy<Option<Value>> {
    let inner = shaped(pattern);
    prop_oneof![
        12 => inner.clone().prop_map(Some),
        3 => (inner, event_value(), any::<bool>()).prop_map(|(value, noise, first)| {
            Some(Value::Array(if first { Box::new([value, noise]) } else { Box::new([noise, value]) }))
        }),
        1 => event_value().prop_map(Some),
        1 => Just(None),
    ]
    .boxed()
}

fn with_or(base: Value, alternatives: Vec<Value>) -> Value {
    let Value::Object(mut base) = base else { return base };
    base.insert(PyStr::from("$or"), Value::Array(alternatives.into()));
    Value::Object(base)
}

fn any_string() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(vec![
            "prefix",
            "suffix",
            "equals-ignore-case",
            "wildcard",
            "numeric",
            "anything-but",
            "exists",
            "cidr",
            "$or",
            ">",
            "<=",
            "=",
            "a",
            "a**",
            "\\",
            "10.0.0.0/24",
            "::/200",
            "",
            "é",
        ])
        .prop_map(Value::str),
        any::<String>().prop_map(|s| Value::str(&s)),
        prop::collection::vec(any::<u16>(), 0..4).prop_map(|units| Value::Str(PyStr::from_utf16(&units))),
    ]
}

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Int(Int::Small(n))),
        Just(Value::Int(Int::Big(Box::new("-123456789012345678901234567890".into())))),
        any::<f64>().prop_map(Value::Float),
        any_string(),
    ];
    leaf.prop_recursive(5, 48, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|items| Value::Array(items.into())),
            prop::collection::vec((any_string(), inner), 0..4).prop_map(|entries| {
                let mut object = Object::new();
                for (key, value) in entries {
                    if let Value::Str(key) = key {
                        object.insert(key, value);
                    }
                }
                Value::Object(object)
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn compiled_matcher_agrees_with_reference((pattern, events) in pattern().prop_flat_map(|pattern| {
        let events = prop::collection::vec(prop_oneof![3 => shaped(&pattern), 1 => event()], 1..6);
        (Just(pattern), events)
    })) {
        let compiled = match Pattern::compile(&pattern) {
            Ok(compiled) => compiled,
            // Generated patterns are valid by construction, bar nested $or beyond the branch cap.
            Err(error) => {
                prop_assert!(error.reason().contains("more than"), "{:?} rejected: {}", pattern, error);
                return Err(TestCaseError::reject("too many $or combinations"));
            }
        };
        for event in &events {
            prop_assert_eq!(compiled.matches(event), reference::matches(&pattern, event), "event {:?}", event);
        }
    }

    /// Patterns matched together (sharing paths and checks, including a repeated pattern) say
    /// what each says alone.
    #[test]
    fn pattern_sets_agree_with_each_pattern((patterns, events) in prop::collection::vec(pattern(), 1..4).prop_flat_map(|patterns| {
        let first = shaped(&patterns[0]);
        let last = shaped(&patterns[patterns.len() - 1]);
        let events = prop::collection::vec(prop_oneof![2 => first, 2 => last, 1 => event()], 1..6);
        (Just(patterns), events)
    })) {
        let Ok(mut compiled) = patterns.iter().map(Pattern::compile).collect::<Result<Vec<_>, _>>() else {
            return Err(TestCaseError::reject("too many $or combinations"));
        };
        compiled.push(compiled[0].clone());
        let set = super::PatternSet::new(&compiled);
        for event in &events {
            let each: Vec<bool> = compiled.iter().map(|p| p.matches(event)).collect();
            prop_assert_eq!(set.matches(event), each, "event {:?}", event);
            prop_assert_eq!(compiled[0].matches(event), reference::matches(&patterns[0], event));
        }
    }

    /// The IPv4 reader accepts exactly what the standard parser accepts, with the same value.
    #[test]
    fn dotted_quads_read_as_the_standard_parser_reads_them(s in "[0-9.+ a]{0,17}|[0-9]{1,3}(\\.[0-9]{1,3}){3}") {
        prop_assert_eq!(super::ip::dotted_quad(s.as_bytes()), s.parse::<std::net::Ipv4Addr>().ok().map(u32::from));
    }

    /// The formatting-free path for small floats agrees with counting decimals in the text.
    #[test]
    fn narrow_floats_scale_as_their_text(
        millionths in -8_589_934_591_999_999i64..8_589_934_591_999_999,
        divisor in prop::sample::select(vec![1e6, 1e5, 1e7, 1e8, 3e6]),
        nudge in -2i32..=2,
        raw in -8.5e9f64..8.5e9,
    ) {
        let mut f = millionths as f64 / divisor;
        for _ in 0..nudge.unsigned_abs() {
            f = if nudge > 0 { f.next_up() } else { f.next_down() };
        }
        for f in [f, raw, raw / 1e6] {
            if (1e-6..number::NARROW).contains(&f.abs()) {
                prop_assert_eq!(number::scaled_narrow(f), number::scaled_by_text(f), "{}", f);
            }
        }
    }

    #[test]
    fn arbitrary_values_never_panic(pattern in any_value(), event in any_value()) {
        if let Ok(compiled) = Pattern::compile(&pattern) {
            compiled.matches(&event);
            compiled.matches(&pattern);
        }
    }
}
