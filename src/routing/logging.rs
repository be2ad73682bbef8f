//! Whether a log line can be written (facts §10).
//!
//! Until `main()` runs in a container, structlog prints every call with its default console
//! layout to a strict UTF-8 stdout, so a lone surrogate written raw raises
//! `UnicodeEncodeError` out of the log call. This decides, for one log call, whether it
//! raises and the exception's text, which names the surrogate's position in the line.

use crate::json::pyrepr::repr;
use crate::json::{PyStr, Value};

/// The context's request id in Lambda: a 36-character UUID.
pub const REQUEST_ID_LEN: usize = 36;

/// One field of a log call.
#[derive(Debug, Clone, Copy)]
pub enum Field<'a> {
    /// Text known to hold no surrogate, of this many code points.
    Plain(usize),
    /// A JSON value as the field's value.
    Value(&'a Value),
    /// Python's `str()` of a JSON value as the field's value (`repr()` for all but strings).
    StrOf(&'a Value),
}

impl Field<'_> {
    /// The string written raw, when it holds a lone surrogate: only those can raise.
    fn raw_surrogates(&self) -> Option<&PyStr> {
        match self {
            Field::Value(Value::Str(s)) | Field::StrOf(Value::Str(s)) if s.has_lone_surrogate() && !quoted(s) => {
                Some(s)
            }
            _ => None,
        }
    }

    /// Length of the rendered value in code points.
    fn len(&self) -> usize {
        match self {
            Field::Plain(n) => *n,
            Field::Value(Value::Str(s)) | Field::StrOf(Value::Str(s)) => rendered_str_len(s),
            Field::Value(other) => repr(other).chars().count(),
            Field::StrOf(other) => rendered_str_len(&PyStr::new(repr(other))),
        }
    }
}

/// The renderer quotes a `str` with `repr()` (escaping surrogates) when it holds one of these.
fn quoted(s: &PyStr) -> bool {
    s.as_str().contains([' ', '\t', '\r', '\n', '=', '"', '\''])
}

fn rendered_str_len(s: &PyStr) -> usize {
    if quoted(s) { repr(&Value::Str(s.clone())).chars().count() } else { s.char_len() }
}

/// Writes one log line: `Err` with the `UnicodeEncodeError` text when that raises.
///
/// The line is a 19-character timestamp, a space, `[level    ]`, a space, the message padded
/// to 30, then ` key=value` per field in sorted key order (facts §10.2, §10.6).
pub fn write(message: &str, fields: &mut [(&'static str, Field<'_>)]) -> Result<(), String> {
    if fields.iter().all(|(_, f)| f.raw_surrogates().is_none()) {
        return Ok(());
    }
    fields.sort_by_key(|(key, _)| *key);
    let mut at = 32 + message.chars().count().max(30);
    for (key, field) in fields.iter() {
        at += 1 + key.len() + 1;
        if let Some(s) = field.raw_surrogates() {
            return Err(encode_error(s, at));
        }
        at += field.len();
    }
    Ok(())
}

/// Python's text for the first run of lone surrogates in `s`, written from position `at`.
fn encode_error(s: &PyStr, at: usize) -> String {
    let units = s.utf16().unwrap_or_default();
    let mut run: Option<(u16, usize, usize)> = None;
    for (i, c) in char::decode_utf16(units.iter().copied()).enumerate() {
        match (c, &mut run) {
            (Err(e), None) => run = Some((e.unpaired_surrogate(), i, i)),
            (Err(_), Some((_, _, last))) if *last + 1 == i => *last = i,
            (_, Some(_)) => break,
            _ => {}
        }
    }
    let (unit, first, last) = run.unwrap_or_default();
    let (first, last) = (at + first, at + last);
    if first == last {
        format!("'utf-8' codec can't encode character '\\u{unit:04x}' in position {first}: surrogates not allowed")
    } else {
        format!("'utf-8' codec can't encode characters in position {first}-{last}: surrogates not allowed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse_python_json;

    fn v(json: &str) -> Value {
        parse_python_json(json).unwrap().value
    }

    /// The harness's `Lambda invoked` line (request id `test-request`, facts §10.4).
    fn invoked(correlation_id: &Value) -> Result<(), String> {
        let mut fields = [
            ("correlation_id", Field::StrOf(correlation_id)),
            ("event_has_correlation_id", Field::Plain(4)),
            ("aws_request_id", Field::Plain("test-request".len())),
        ];
        write("Lambda invoked", &mut fields)
    }

    #[test]
    fn positions_match_the_verified_ones() {
        let e = invoked(&v(r#""\ud800""#)).unwrap_err();
        assert_eq!(e, "'utf-8' codec can't encode character '\\ud800' in position 106: surrogates not allowed");
        assert!(invoked(&v(r#""\ud83d\ude00\ud800""#)).unwrap_err().contains("position 107:"));
        assert!(invoked(&v(r#""\ude00\ud83d""#)).unwrap_err().contains("characters in position 106-107:"));
        // Only the first run counts.
        assert!(invoked(&v(r#""\ud800y\udfff""#)).unwrap_err().contains("'\\ud800' in position 106:"));
    }

    #[test]
    fn quoted_and_non_string_values_never_raise() {
        for safe in
            [r#""a b\ud800""#, r#""a=\ud800""#, r#""'\ud800""#, r#""\ud800\t""#, r#"["\ud800"]"#, r#"{"k":"\ud800"}"#]
        {
            assert!(invoked(&v(safe)).is_ok(), "{safe}");
        }
        for raises in [r#""\ud800\u00a0""#, r#""\ud800\u000b""#] {
            assert!(invoked(&v(raises)).is_err(), "{raises}");
        }
    }
}
