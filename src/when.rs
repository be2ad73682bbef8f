//! `--since` / `--until` times, in the forms `aws logs tail --since` takes.
//!
//! `30s`, `5m`, `2h`, `1d`, `1w` (ago); `now`; epoch seconds (`1760443200`, fractions allowed);
//! ISO 8601 with a zone (`2025-10-14T12:00:00Z`, `…+02:00`); ISO 8601 without a zone or a bare
//! date, read as local time (shown back in UTC and local so there is no doubt).

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// Parses `text` relative to `now` in time zone `tz` (the local zone in production).
pub fn parse_time(text: &str, now: Timestamp, tz: &TimeZone) -> Result<Timestamp, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("now") {
        return Ok(now);
    }
    if let Some(ago) = relative(text) {
        return now
            .checked_sub(ago)
            .map_err(|_| format!("{text:?} reaches before the earliest time this tool can represent"));
    }
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '.') {
        let seconds: f64 = text.parse().map_err(|_| format!("{text:?} is not a number of epoch seconds"))?;
        return Timestamp::from_millisecond((seconds * 1000.0).round() as i64)
            .map_err(|e| format!("{text:?} is out of range as epoch seconds: {e}"));
    }
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts);
    }
    let civil = text
        .parse::<DateTime>()
        .or_else(|_| text.parse::<jiff::civil::Date>().map(|d| d.to_datetime(jiff::civil::Time::midnight())))
        .map_err(|_| {
            format!("{text:?} is not a time: use 30s, 5m, 2h, 1d, 1w, now, epoch seconds, or ISO 8601 (2025-10-14T12:00:00Z)")
        })?;
    tz.to_ambiguous_timestamp(civil)
        .compatible()
        .map_err(|e| format!("{text:?} does not exist in the local time zone: {e}"))
}

/// `<integer><unit>` with one unit of s, m, h, d, w.
fn relative(text: &str) -> Option<SignedDuration> {
    let unit = text.chars().last()?;
    let number: i64 = text[..text.len() - unit.len_utf8()].parse().ok()?;
    let seconds = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3_600,
        'd' => 86_400,
        'w' => 604_800,
        _ => return None,
    };
    (number >= 0).then(|| SignedDuration::from_secs(number.saturating_mul(seconds)))
}

/// `2025-10-14T12:00:00Z (14:00:00 CEST)`: UTC first, then local wall time.
pub fn show(ts: Timestamp, tz: &TimeZone) -> String {
    let utc = ts.strftime(UTC);
    let local = ts.to_zoned_datetime(tz.clone());
    format!("{utc} ({} local)", local.strftime("%Y-%m-%d %H:%M:%S %Z"))
}

/// How every output of this tool shows a time: UTC, to the second, RFC 3339.
const UTC: &str = "%Y-%m-%dT%H:%M:%SZ";

/// `2025-10-14T12:00:00Z`.
pub fn utc(ts: Timestamp) -> String {
    ts.strftime(UTC).to_string()
}

/// [`utc`] of epoch milliseconds; the number itself when it is no time jiff can hold.
pub fn utc_of_ms(ms: i64) -> String {
    Timestamp::from_millisecond(ms).map_or_else(|_| ms.to_string(), utc)
}

/// Epoch milliseconds with milliseconds shown: `2025-10-14T12:00:00.123Z` (log events).
pub fn utc_millis_of_ms(ms: i64) -> String {
    Timestamp::from_millisecond(ms)
        .map_or_else(|_| ms.to_string(), |t| t.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
}

/// [`utc`] for serde: `#[serde(serialize_with = "when::serialize_utc")]` on an `Option<Timestamp>`.
pub fn serialize_utc<S: serde::Serializer>(ts: &Option<Timestamp>, serializer: S) -> Result<S::Ok, S::Error> {
    match ts {
        Some(ts) => serializer.serialize_str(&utc(*ts)),
        None => serializer.serialize_none(),
    }
}

/// A number of seconds from `min` to `max`, fractions allowed (`--interval`, `--poll-interval`).
pub fn parse_seconds(text: &str, min: f64, max: f64) -> Result<std::time::Duration, String> {
    match text.parse::<f64>() {
        Ok(seconds) if (min..=max).contains(&seconds) => Ok(std::time::Duration::from_secs_f64(seconds)),
        _ => Err(format!("must be a number of seconds from {min} to {max}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2025-10-14T12:00:00Z".parse().expect("parse")
    }

    fn at(text: &str) -> String {
        let tz = TimeZone::fixed(jiff::tz::offset(2));
        parse_time(text, now(), &tz).map(|t| t.to_string()).unwrap_or_else(|e| e)
    }

    #[test]
    fn forms_aws_logs_tail_takes() {
        assert_eq!(at("30s"), "2025-10-14T11:59:30Z");
        assert_eq!(at("5m"), "2025-10-14T11:55:00Z");
        assert_eq!(at("2h"), "2025-10-14T10:00:00Z");
        assert_eq!(at("1d"), "2025-10-13T12:00:00Z");
        assert_eq!(at("1w"), "2025-10-07T12:00:00Z");
        assert_eq!(at("now"), "2025-10-14T12:00:00Z");
        assert_eq!(at("1760443200"), "2025-10-14T12:00:00Z");
        assert_eq!(at("1760443200.5"), "2025-10-14T12:00:00.5Z");
        assert_eq!(at("2025-10-14T12:00:00Z"), "2025-10-14T12:00:00Z");
        assert_eq!(at("2025-10-14T14:00:00+02:00"), "2025-10-14T12:00:00Z");
        // No zone: local time (UTC+2 here).
        assert_eq!(at("2025-10-14T14:00:00"), "2025-10-14T12:00:00Z");
        assert_eq!(at("2025-10-14"), "2025-10-13T22:00:00Z");
    }

    #[test]
    fn bad_times_say_what_is_accepted() {
        for bad in ["", "5x", "2h30m", "yesterday", "-5m", "2025-13-01"] {
            assert!(at(bad).contains("is not a time"), "{bad}: {}", at(bad));
        }
    }

    #[test]
    fn seconds_in_a_range() {
        assert_eq!(parse_seconds("0.2", 0.05, 3600.0), Ok(std::time::Duration::from_millis(200)));
        assert_eq!(parse_seconds("2", 0.05, 3600.0), Ok(std::time::Duration::from_secs(2)));
        assert!(parse_seconds("0", 0.05, 3600.0).is_err());
        assert!(parse_seconds("x", 0.05, 3600.0).is_err());
        assert!(parse_seconds("NaN", 0.05, 3600.0).is_err());
        assert_eq!(parse_seconds("3601", 0.1, 3600.0), Err("must be a number of seconds from 0.1 to 3600".into()));
    }
}
