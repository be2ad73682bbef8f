//! `alchemiser logs`: the Lambda's log group, read (`FilterLogEvents` over a window), followed
//! (polling, nothing missed or repeated) or live-tailed (`StartLiveTail`), each line understood
//! by [`crate::logline`], printed or summarised.
//!
//! Following polls `FilterLogEvents` from a start time that trails the newest event seen by
//! [`LATE_ARRIVAL_MS`] (never past it: events of the same millisecond, or from another stream,
//! can be ingested later), and drops the event ids it already printed; ids older than the
//! start are forgotten, so memory stays bounded. Throttling waits (exponential, capped) and
//! asks again.

mod insights;
mod options;
mod output;
mod read;
mod summary;

use jiff::Timestamp;
use jiff::tz::TimeZone;
pub use options::*;

use crate::exit::Exit;
pub use insights::{query as insights_query, summarise as summarise_with_insights};
pub use read::*;
pub use summary::*;

/// `alchemiser logs`: resolves the arguments, loads AWS, runs until done or Ctrl-C.
pub fn execute(args: crate::cli::LogsArgs, globals: &crate::cli::Globals) -> Exit {
    let mut opts = match options(&args, globals, Timestamp::now(), &TimeZone::system()) {
        Ok(opts) => opts,
        Err(message) => {
            eprintln!("error: {message}");
            return Exit::Error;
        }
    };
    // Ctrl-C ends a follow or live tail cleanly (its summary still printed) and stops an Insights
    // query; anything else ends at once.
    let following = matches!(opts.mode, Mode::Follow { .. } | Mode::Live) || opts.insights;
    let on_interrupt = if following { super::OnInterrupt::Handle } else { super::OnInterrupt::Stop };
    super::shell(on_interrupt, async |io| {
        let aws = crate::aws::load(&args.aws.settings(), globals.stage).await?;
        opts.strip_host_prefix = crate::aws::logs::endpoint_overridden(&aws.config);
        let stop = io.interrupts.clone();
        match run(&aws.logs, &opts, io.out, io.err, stop.reached(1)).await {
            Ok(exit) => Ok(exit),
            Err(LogsError::Aws(e)) if e.exit == Exit::AwsNotFound => {
                // A group of the other stage, or a typo: name the group that exists.
                let group = &opts.log_group;
                let prefix = group.rsplit_once('/').map_or("", |(dir, _)| dir);
                let names = crate::aws::logs::log_group_names(&aws.logs, prefix).await.unwrap_or_default();
                let hint = crate::hint::closest(group, names.iter().map(String::as_str))
                    .map(|name| format!("; did you mean --log-group {name}?"))
                    .unwrap_or_default();
                Err(crate::aws::AwsError::new(e.exit, format!("{}{hint}", e.message)).into())
            }
            Err(LogsError::Aws(e)) => Err(e.into()),
            Err(LogsError::Io(e)) => Err(e.into()),
        }
    })
}

#[cfg(test)]
mod tests {
    use serde_json::Value as Json;

    use super::output::*;
    use super::read::*;
    use super::*;
    use crate::aws::logs::LogEvent;
    use crate::{logline, when};

    fn event(id: &str, ts: i64) -> LogEvent {
        LogEvent { timestamp_ms: ts, stream: "s".into(), event_id: Some(id.into()), message: format!("m {id}") }
    }

    #[test]
    fn seen_drops_repeats_and_starts_behind_the_newest_event() {
        let mut seen = Seen::new(1_000);
        assert!(seen.admit(&event("a", 15_000)));
        assert!(seen.admit(&event("b", 30_000)));
        assert!(!seen.admit(&event("a", 15_000)));
        seen.advance();
        assert_eq!(seen.start_ms(), 30_000 - LATE_ARRIVAL_MS);
        // `a` is older than the new start: no query returns it again, so it is forgotten.
        assert_eq!(seen.remembered(), 1);
        // The same millisecond as the newest, ingested later: still new.
        assert!(seen.admit(&event("c", 30_000)));
        assert!(!seen.admit(&event("b", 30_000)));
        // A late event from another stream inside the margin: still new.
        assert!(seen.admit(&event("d", 25_000)));
        seen.advance();
        assert_eq!(seen.start_ms(), 20_000);
    }

    #[test]
    fn seen_never_moves_back_and_stays_put_without_events() {
        let mut seen = Seen::new(50_000);
        seen.advance();
        assert_eq!(seen.start_ms(), 50_000);
        assert!(seen.admit(&event("old", 45_000)));
        seen.advance();
        assert_eq!(seen.start_ms(), 50_000);
        let unnamed = LogEvent { event_id: None, ..event("x", 60_000) };
        assert!(seen.admit(&unnamed));
        assert!(!seen.admit(&unnamed));
    }

    #[test]
    fn throttle_waits_double_up_to_a_cap() {
        let waits: Vec<u64> = (1..=8).map(|r| throttle_wait(r).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30, 30]);
        assert_eq!(throttle_wait(u32::MAX), THROTTLE_MAX_WAIT);
    }

    #[test]
    fn json_event_lines_keep_a_fixed_key_order() {
        let mut text = String::new();
        let e = LogEvent {
            timestamp_ms: 1_760_443_200_123,
            stream: "2025/10/14/[$LATEST]abc".into(),
            event_id: Some("42".into()),
            message:
                "2025-10-14 12:00:00 [info     ] Event handled successfully detail_type=SignalGenerated event_id=e-1\n"
                    .into(),
        };
        write_json_event(&mut text, &e, Some(&logline::parse(&e.message)));
        assert!(text.starts_with(
            r#"{"timestamp":"2025-10-14T12:00:00.123Z","stream":"2025/10/14/[$LATEST]abc","event_id":"42","message":"#
        ));
        let value: Json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert_eq!(value["parsed"]["kind"], "handled_ok");
        assert_eq!(value["parsed"]["fields"]["event_id"], "e-1");
        assert_eq!(value["parsed"]["detail_type"], "SignalGenerated");

        let mut text = String::new();
        write_json_event(&mut text, &LogEvent { message: "plain".into(), ..e.clone() }, Some(&logline::parse("plain")));
        let value: Json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert!(value.get("parsed").is_none());

        let report = "REPORT RequestId: r\tDuration: 12.5 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB";
        let mut text = String::new();
        write_json_event(&mut text, &LogEvent { message: report.into(), ..e }, Some(&logline::parse(report)));
        let value: Json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert_eq!(value["parsed"]["report"]["duration_ms"], 12.5);
        assert_eq!(value["parsed"]["request_id"], "r");
    }

    #[test]
    fn times_print_in_utc_and_survive_out_of_range_values() {
        assert_eq!(when::utc_of_ms(1_760_443_200_123), "2025-10-14T12:00:00Z");
        assert_eq!(when::utc_millis_of_ms(1_760_443_200_000), "2025-10-14T12:00:00.000Z");
        assert_eq!(when::utc_millis_of_ms(i64::MAX), i64::MAX.to_string());
        assert_eq!(when::utc_of_ms(i64::MAX), i64::MAX.to_string());
    }
}
