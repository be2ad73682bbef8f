//! PutEvents entries from input events: shape, size as AWS counts it, and batches.
//!
//! Pure: what goes to the bus, and what became of each entry, is decided here; sending happens
//! in `aws::put_events`, the run in `commands::put_events`.

use crate::json::parse::parse_pystr;
use crate::json::write::write_value;
use crate::json::{Object, PyStr, Value};

/// At most this many entries per PutEvents call.
pub const MAX_ENTRIES_PER_CALL: usize = 10;
/// The entries of one call must total less than 256 KB.
pub const MAX_CALL_BYTES: usize = 256 * 1024;
/// Per-entry error codes AWS documents as retryable.
pub const RETRYABLE_CODES: [&str; 2] = ["ThrottlingException", "InternalFailure"];

/// What became of one input. `failed` and `unknown` are kept apart because only the first is
/// safe to send again.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Sent {
        event_id: String,
        attempts: u32,
    },
    /// Provably not delivered: AWS answered the entry (or the whole call) with an error, or the
    /// request never reached it (connection refused, DNS, signing, never started).
    Failed {
        code: String,
        message: String,
        attempts: u32,
    },
    /// Perhaps delivered (a timeout, a dropped connection, a 5xx after the request was written):
    /// never resent, to avoid a duplicate.
    Unknown {
        message: String,
    },
    /// Held back by the routing guard.
    Refused {
        reason: String,
    },
    /// Not something PutEvents takes (or unreadable).
    Invalid {
        reason: String,
    },
    /// `--dry-run`: would be sent.
    WouldSend,
}

impl Outcome {
    /// The status word of the report and the JSON records.
    pub fn status(&self) -> &'static str {
        match self {
            Outcome::Sent { .. } => "sent",
            Outcome::Failed { .. } => "failed",
            Outcome::Unknown { .. } => "unknown",
            Outcome::Refused { .. } => "refused",
            Outcome::Invalid { .. } => "invalid",
            Outcome::WouldSend => "dry_run",
        }
    }
}

/// One event as PutEvents takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub source: String,
    pub detail_type: String,
    /// The `Detail` JSON text, exactly as sent.
    pub detail: String,
    pub resources: Vec<String>,
    /// RFC 3339 time, when the input sets one.
    pub time: Option<String>,
    /// The event as the bus delivers it (an envelope), for routing before sending.
    pub envelope: Value,
}

impl Entry {
    /// The entry's size as EventBridge counts it (14 bytes for a `Time`, then the UTF-8
    /// bytes of `Source`, `DetailType`, `Detail` and each `Resources` item).
    pub fn size(&self) -> usize {
        self.time.as_ref().map_or(0, |_| 14)
            + self.source.len()
            + self.detail_type.len()
            + self.detail.len()
            + self.resources.iter().map(String::len).sum::<usize>()
    }
}

fn text(value: Option<&Value>, field: &str) -> Result<Option<String>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Str(s)) if s.has_lone_surrogate() => Err(format!("{field} holds a lone surrogate")),
        Some(Value::Str(s)) => Ok(Some(s.as_str().to_string())),
        Some(other) => Err(format!("{field} must be a string, not {}", other.python_type())),
    }
}

fn strings(value: Option<&Value>, field: &str) -> Result<Vec<String>, String> {
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => {
            items.iter().map(|v| text(Some(v), field).map(Option::unwrap_or_default)).collect()
        }
        Some(other) => Err(format!("{field} must be a list of strings, not {}", other.python_type())),
    }
}

/// Whether `event` is a PutEvents entry (`Source`, `DetailType`, `Detail`) rather than an event as
/// the bus delivers it: the one decision `route` and `put-events` share about an input's shape.
pub fn is_put_events_entry(event: &Value) -> bool {
    event
        .as_object()
        .is_some_and(|o| o.contains_key("Source") || o.contains_key("DetailType") || o.contains_key("Detail"))
}

/// Reads an input event as an entry: either an envelope (`source`, `detail-type`, `detail`)
/// or a PutEvents entry (`Source`, `DetailType`, `Detail`). Errors say why it cannot be put.
pub fn entry_from_event(event: &Value) -> Result<Entry, String> {
    let Some(obj) = event.as_object() else {
        return Err(format!(
            "a {} is not an event EventBridge can carry: use `alchemiser invoke` for direct payloads",
            event.python_type()
        ));
    };
    let is_entry = is_put_events_entry(event);
    let (source, detail_type, detail, resources, time) = if is_entry {
        (
            text(obj.get("Source"), "Source")?,
            text(obj.get("DetailType"), "DetailType")?,
            obj.get("Detail"),
            strings(obj.get("Resources"), "Resources")?,
            text(obj.get("Time"), "Time")?,
        )
    } else {
        (
            text(obj.get("source"), "source")?,
            text(obj.get("detail-type"), "detail-type")?,
            obj.get("detail"),
            strings(obj.get("resources"), "resources")?,
            text(obj.get("time"), "time")?,
        )
    };
    let (Some(source), Some(detail_type)) = (source, detail_type) else {
        return Err(
            "not an envelope (source, detail-type, detail) or a PutEvents entry (Source, DetailType, Detail): use `alchemiser invoke` for direct payloads"
                .to_string(),
        );
    };
    if source.starts_with("aws.") {
        return Err(format!("source {source:?}: PutEvents refuses sources starting with \"aws.\""));
    }
    let detail_value = match detail {
        Some(Value::Object(_)) => detail.cloned().unwrap_or(Value::Null),
        // PutEvents takes Detail as JSON text; an entry usually carries it as a string.
        Some(Value::Str(s)) => {
            parse_pystr(s).map_err(|e| format!("Detail is not JSON: {} (column {})", e.message, e.column))?.value
        }
        None => return Err("no detail: PutEvents needs a Detail object".to_string()),
        Some(other) => return Err(format!("detail must be a JSON object, not {}", other.python_type())),
    };
    if contains_nonfinite(&detail_value) {
        return Err("Detail holds NaN or Infinity, which EventBridge rejects as malformed JSON".to_string());
    }
    let mut detail_text = String::new();
    write_value(&mut detail_text, &detail_value);
    let Value::Object(detail_object) = detail_value else {
        return Err(format!("Detail must be a JSON object, not {}", detail_value.python_type()));
    };
    let envelope = envelope(&source, &detail_type, &resources, time.as_deref(), detail_object);
    Ok(Entry { source, detail_type, detail: detail_text, resources, time, envelope })
}

fn contains_nonfinite(value: &Value) -> bool {
    match value {
        Value::Float(f) => !f.is_finite(),
        Value::Array(items) => items.iter().any(contains_nonfinite),
        Value::Object(o) => o.iter().any(|(_, v)| contains_nonfinite(v)),
        _ => false,
    }
}

/// The event as a rule target receives it.
fn envelope(source: &str, detail_type: &str, resources: &[String], time: Option<&str>, detail: Object) -> Value {
    Value::Object(Object::from_unique(vec![
        (PyStr::new("version"), Value::str("0")),
        (PyStr::new("id"), Value::str("00000000-0000-0000-0000-000000000000")),
        (PyStr::new("detail-type"), Value::str(detail_type)),
        (PyStr::new("source"), Value::str(source)),
        (PyStr::new("time"), Value::str(time.unwrap_or("1970-01-01T00:00:00Z"))),
        (PyStr::new("resources"), Value::Array(resources.iter().map(|r| Value::str(r)).collect())),
        (PyStr::new("detail"), Value::Object(detail)),
    ]))
}

/// Splits entries (by index, in order) into calls of at most 10 entries and under 256 KB.
/// An entry too large on its own is returned in `oversized` and never sent.
pub fn batches(entries: &[&Entry]) -> (Vec<Vec<usize>>, Vec<usize>) {
    let mut calls: Vec<Vec<usize>> = Vec::new();
    let mut oversized = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut bytes = 0;
    for (i, entry) in entries.iter().enumerate() {
        let size = entry.size();
        if size >= MAX_CALL_BYTES {
            oversized.push(i);
            continue;
        }
        if current.len() == MAX_ENTRIES_PER_CALL || bytes + size >= MAX_CALL_BYTES {
            calls.push(std::mem::take(&mut current));
            bytes = 0;
        }
        current.push(i);
        bytes += size;
    }
    if !current.is_empty() {
        calls.push(current);
    }
    (calls, oversized)
}

/// Capped exponential backoff with full jitter, for retry `attempt` (1 = first retry).
/// `unit` in 0..1 supplies the randomness.
pub fn backoff_ms(attempt: u32, unit: f64) -> u64 {
    const BASE_MS: f64 = 100.0;
    const CAP_MS: f64 = 5_000.0;
    let ceiling = (BASE_MS * 2f64.powi(attempt.saturating_sub(1).min(16) as i32)).min(CAP_MS);
    (ceiling * unit.clamp(0.0, 1.0)).round() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse_python_json;

    fn entry(text: &str) -> Result<Entry, String> {
        entry_from_event(
            &parse_python_json(text).unwrap_or_else(|e| panic!("fixture {text} is not JSON: {}", e.message)).value,
        )
    }

    #[test]
    fn envelopes_and_entries_both_work() {
        let a = entry(r#"{"source":"alchemiser.x","detail-type":"T","detail":{"a":1}}"#).expect("entry");
        let b = entry(r#"{"Source":"alchemiser.x","DetailType":"T","Detail":"{\"a\": 1}"}"#).expect("entry");
        assert_eq!(a.detail, "{\"a\":1}");
        assert_eq!(a.detail, b.detail);
        assert_eq!(a.size(), "alchemiser.x".len() + 1 + 7);
    }

    #[test]
    fn what_putevents_refuses_is_refused_here() {
        for (text, reason) in [
            (r#"{"mode":"trade"}"#, "not an envelope"),
            ("[1]", "not an event EventBridge can carry"),
            (r#"{"source":"aws.scheduler","detail-type":"T","detail":{}}"#, "refuses sources"),
            (r#"{"source":"a","detail-type":"T","detail":"[1]"}"#, "must be a JSON object"),
            (r#"{"source":"a","detail-type":"T"}"#, "no detail"),
            (r#"{"source":"a","detail-type":"T","detail":{"x":NaN}}"#, "NaN"),
        ] {
            let err = entry(text).err().unwrap_or_default();
            assert!(err.contains(reason), "{text}: {err}");
        }
    }

    #[test]
    fn batches_respect_count_and_size() {
        let small = entry(r#"{"source":"s","detail-type":"t","detail":{}}"#).expect("entry");
        let many: Vec<&Entry> = std::iter::repeat_n(&small, 25).collect();
        let (calls, oversized) = batches(&many);
        assert_eq!(calls.iter().map(Vec::len).collect::<Vec<_>>(), [10, 10, 5]);
        assert!(oversized.is_empty());
        let mut big = small.clone();
        big.detail = format!("{{\"x\":\"{}\"}}", "a".repeat(100 * 1024));
        let mut huge = small.clone();
        huge.detail = format!("{{\"x\":\"{}\"}}", "a".repeat(300 * 1024));
        let (calls, oversized) = batches(&[&big, &big, &big, &huge, &small]);
        assert_eq!(calls, vec![vec![0, 1], vec![2, 4]]);
        assert_eq!(oversized, vec![3]);
    }

    #[test]
    fn backoff_is_capped() {
        assert_eq!(backoff_ms(1, 1.0), 100);
        assert_eq!(backoff_ms(3, 1.0), 400);
        assert_eq!(backoff_ms(30, 1.0), 5_000);
        assert_eq!(backoff_ms(5, 0.0), 0);
    }
}
