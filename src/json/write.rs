//! Compact JSON output of [`Value`]s and strings.

use super::pyrepr::float_repr;
use super::{Int, Object, Out, PyStr, Syntax, Value, serialize, serialize_object};

/// Appends `value` as compact JSON, like serde_json: `{"a":1,"b":[true,null]}`.
///
/// Integers of any size are bare digits. Finite floats are written as Python's `repr`
/// (`1.0`, `1e-05`, `1e+16`, as `json.dumps` does), which round-trips and is valid JSON.
/// JSON has no `NaN` or infinities, so those become the strings `"NaN"`, `"Infinity"` and
/// `"-Infinity"` and the output stays valid JSON. A lone surrogate in a string is written
/// as its `\udXXX` escape, which JSON parsers (and Python) read back as that code unit.
pub fn write_value(out: &mut impl Out, value: &Value) {
    serialize::<Json>(out, value);
}

/// Appends a dict as compact JSON.
pub fn write_object(out: &mut impl Out, object: &Object) {
    serialize_object::<Json>(out, object);
}

/// JSON's spelling, with the non-finite floats as strings.
struct Json;

impl Syntax for Json {
    const ITEM_SEPARATOR: &'static str = ",";
    const KEY_SEPARATOR: &'static str = ":";

    fn string(out: &mut impl Out, s: &PyStr) {
        write_pystr(out, s);
    }

    fn scalar(out: &mut impl Out, value: &Value) {
        match value {
            Value::Null => out.push_str("null"),
            Value::Bool(true) => out.push_str("true"),
            Value::Bool(false) => out.push_str("false"),
            Value::Int(Int::Small(n)) => {
                let _ = write!(out, "{n}");
            }
            Value::Int(Int::Big(digits)) => out.push_str(digits),
            Value::Float(f) if f.is_nan() => out.push_str("\"NaN\""),
            Value::Float(f) if f.is_infinite() => out.push_str(if *f > 0.0 { "\"Infinity\"" } else { "\"-Infinity\"" }),
            Value::Float(f) => out.push_str(&float_repr(*f)),
            // Containers and strings are walked by `serialize`.
            Value::Str(_) | Value::Array(_) | Value::Object(_) => {}
        }
    }
}

/// Appends `s` as a JSON string literal.
pub fn write_str(out: &mut impl Out, s: &str) {
    out.push('"');
    push_escaped(out, s);
    out.push('"');
}

/// Appends a JSON string literal of the text `write` produces, escaped as it is written.
pub fn write_str_with<O: Out>(out: &mut O, write: impl FnOnce(&mut Escaping<'_, O>)) {
    out.push('"');
    write(&mut Escaping(out));
    out.push('"');
}

/// Text written to it goes on as the inside of a JSON string literal.
pub struct Escaping<'a, O: Out>(&'a mut O);

impl<O: Out> Out for Escaping<'_, O> {
    fn push_str(&mut self, s: &str) {
        push_escaped(self.0, s);
    }

    fn push(&mut self, c: char) {
        push_escaped(self.0, c.encode_utf8(&mut [0; 4]));
    }
}

impl<O: Out> std::fmt::Write for Escaping<'_, O> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// Appends a Python string as a JSON string literal, lone surrogates as `\udXXX`.
pub fn write_pystr(out: &mut impl Out, s: &PyStr) {
    let Some(units) = s.utf16() else {
        return write_str(out, s.as_str());
    };
    out.push('"');
    for decoded in char::decode_utf16(units.iter().copied()) {
        match decoded {
            Ok(c) => push_escaped(out, c.encode_utf8(&mut [0; 4])),
            Err(e) => {
                let _ = write!(out, "\\u{:04x}", e.unpaired_surrogate());
            }
        }
    }
    out.push('"');
}

/// Appends `s` with `"`, `\` and control characters escaped; runs needing no escape are
/// copied whole.
fn push_escaped(out: &mut impl Out, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Most text needs no escape: jump to the next byte that does.
        i += super::find_special(&bytes[i..]).unwrap_or(bytes.len() - i);
        let Some(&b) = bytes.get(i) else { break };
        // `i` is at an ASCII byte, so both slices end on character boundaries.
        out.push_str(&s[start..i]);
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            _ => {
                let _ = write!(out, "\\u{b:04x}");
            }
        }
        i += 1;
        start = i;
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {

    proptest::proptest! {
        #[test]
        fn strings_escape_exactly_like_serde_json(text in "\\PC*|[\\x00-\\x7f]{0,40}") {
            let mut ours = String::new();
            write_str(&mut ours, &text);
            proptest::prop_assert_eq!(ours, serde_json::to_string(&text).unwrap_or_default());
        }
    }

    use super::*;
    use crate::json::Object;
    use crate::json::parse::parse_python_json;

    fn json(value: &Value) -> String {
        let mut out = String::new();
        write_value(&mut out, value);
        out
    }

    fn parsed(text: &str) -> Value {
        parse_python_json(text).unwrap().value
    }

    #[test]
    fn compact_output() {
        let value = Value::Object(Object::from_unique(vec![
            ("a".into(), Value::Int(Int::Small(1))),
            ("b".into(), Value::Array(Box::new([Value::Bool(true), Value::Null, Value::Bool(false)]))),
            ("c".into(), Value::Object(Object::new())),
            ("d".into(), Value::Array(Box::default())),
        ]));
        assert_eq!(json(&value), r#"{"a":1,"b":[true,null,false],"c":{},"d":[]}"#);
        let big = "-123456789012345678901234567890";
        assert_eq!(json(&Value::Int(Int::Big(Box::new(big.into())))), big);
        assert_eq!(json(&Value::Int(Int::Small(i64::MIN))), "-9223372036854775808");
    }

    #[test]
    fn floats() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (-0.0, "-0.0"),
            (0.1, "0.1"),
            (1e-5, "1e-05"),
            (1e16, "1e+16"),
            (1.5e300, "1.5e+300"),
            (123.456, "123.456"),
            (f64::NAN, "\"NaN\""),
            (f64::INFINITY, "\"Infinity\""),
            (f64::NEG_INFINITY, "\"-Infinity\""),
        ];
        for &(f, expected) in cases {
            assert_eq!(json(&Value::Float(f)), expected);
            let back = serde_json::from_str::<serde_json::Value>(expected).unwrap();
            assert!(back.is_f64() || back.is_string(), "{expected}");
        }
    }

    #[test]
    fn strings() {
        let mut out = String::new();
        write_str(&mut out, "a\"b\\c\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}é😀\u{2028}/");
        assert_eq!(out, "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0000\\u001f\u{7f}é😀\u{2028}/\"");
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, "a\"b\\c\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}é😀\u{2028}/");
    }

    #[test]
    fn lone_surrogates_are_escaped() {
        let value = parsed(r#"{"\udc00k": ["a\ud800\"\u00e9\ud83d\ude00\n"]}"#);
        let text = json(&value);
        assert_eq!(text, "{\"\\udc00k\":[\"a\\ud800\\\"é😀\\n\"]}");
        assert_eq!(parsed(&text), value);
    }

    #[test]
    fn round_trips_through_the_parser() {
        let text = r#"{"a":[1,-2.5,1e+100,"x",{"y":null}],"b":true,"c":123456789012345678901234567890}"#;
        assert_eq!(json(&parsed(text)), text);
    }

    #[test]
    fn deep_values_do_not_overflow() {
        let mut value = Value::Null;
        for _ in 0..100_000 {
            value = Value::Array(Box::new([value]));
        }
        let text = json(&value);
        assert_eq!(text.len(), 200_004);
        // Dropping is recursive; unwrap level by level instead.
        while let Value::Array(items) = value {
            value = items.into_vec().pop().unwrap_or(Value::Null);
        }
    }
}
