//! What `logs` was asked: the log group, the window, the filter, the mode and the format.

use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::render::{OutputFormat, Style};

/// The filter used unless `--filter`, `--all` or `--correlation-id` say otherwise: one line per
/// domain event the Lambda routed.
pub const DEFAULT_FILTER: &str = "\"Routing to eventbridge_handler\"";

impl From<crate::cli::LogFormatArg> for LogFormat {
    fn from(format: crate::cli::LogFormatArg) -> Self {
        match format {
            crate::cli::LogFormatArg::Short => LogFormat::Short,
            crate::cli::LogFormatArg::Detailed => LogFormat::Detailed,
            crate::cli::LogFormatArg::Json => LogFormat::Json,
        }
    }
}

/// How each event is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Time and message.
    Short,
    /// Time with milliseconds, log stream and message.
    Detailed,
    /// One JSON object per event (same as `-o json`).
    Json,
}

/// Read once, follow, or live-tail.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Once {
        end_ms: i64,
        limit: Option<u64>,
    },
    Follow {
        interval: Duration,
        /// Say so on stderr after this long without a new event (None: never).
        idle_notice: Option<Duration>,
    },
    Live,
}

/// Everything `logs` needs, resolved from the command line.
#[derive(Debug, Clone)]
pub struct LogsOptions {
    pub log_group: String,
    pub start_ms: i64,
    pub mode: Mode,
    /// The CloudWatch filter pattern sent with each call (None: every event).
    pub pattern: Option<String>,
    /// Events per FilterLogEvents call (None: AWS's maximum).
    pub page_size: Option<u64>,
    /// Keep only lines that mention this id or carry it in a parsed field.
    pub correlation_id: Option<String>,
    pub format: LogFormat,
    pub summary: bool,
    pub style: Style,
    /// Live Tail against an emulator needs the `stream-` host prefix removed.
    pub strip_host_prefix: bool,
    /// The summary is computed by a Logs Insights query rather than from every line read here.
    pub insights: bool,
}

/// Summaries of windows longer than this are left to Logs Insights unless `--no-insights`:
/// a day of a busy Lambda's lines is already hundreds of FilterLogEvents pages.
pub const INSIGHTS_AFTER_MS: i64 = 24 * 3_600_000;

/// Resolves the command line into options (no AWS yet); `Err` is a usage error.
pub fn options(
    args: &crate::cli::LogsArgs,
    globals: &crate::cli::Globals,
    now: Timestamp,
    tz: &TimeZone,
) -> Result<LogsOptions, String> {
    let log_group =
        args.log_group.clone().unwrap_or_else(|| crate::bus::Names::for_stage(globals.stage).log_group.clone());
    let start = crate::when::parse_time(&args.since, now, tz).map_err(|e| format!("--since: {e}"))?;
    let mode = if args.live {
        Mode::Live
    } else if args.follow {
        let idle_notice = (args.idle_notice > 0).then(|| Duration::from_secs(args.idle_notice));
        Mode::Follow { interval: args.interval, idle_notice }
    } else {
        let end = match &args.until {
            Some(text) => crate::when::parse_time(text, now, tz).map_err(|e| format!("--until: {e}"))?,
            None => now,
        };
        if end < start {
            return Err(format!("--until ({}) is before --since ({})", end, start));
        }
        Mode::Once { end_ms: end.as_millisecond(), limit: args.limit }
    };
    if let Some(id) = &args.correlation_id
        && (id.trim().is_empty() || id.contains('"'))
    {
        return Err("--correlation-id must be non-empty and hold no double quote".to_string());
    }
    let pattern = match (&args.filter, args.all, &args.correlation_id) {
        (Some(pattern), _, _) => Some(pattern.clone()),
        (None, true, _) => None,
        // A quoted term matches the id wherever the line has it (console or JSON).
        (None, false, Some(id)) => Some(format!("\"{id}\"")),
        // A summary counts every line (errors, REPORTs): the routing lines alone would read as "all clear".
        (None, false, None) if args.summary => None,
        (None, false, None) => Some(DEFAULT_FILTER.to_string()),
    };
    let format = if globals.output == OutputFormat::Json { LogFormat::Json } else { args.format.into() };
    let long_window = matches!(mode, Mode::Once { end_ms, .. } if end_ms - start.as_millisecond() > INSIGHTS_AFTER_MS);
    // A filter pattern is FilterLogEvents' language, which Insights does not speak.
    let insights = args.summary
        && matches!(mode, Mode::Once { limit: None, .. })
        && (args.insights || (long_window && !args.no_insights && args.filter.is_none()));
    Ok(LogsOptions {
        log_group,
        start_ms: start.as_millisecond(),
        mode,
        pattern,
        page_size: args.page_size,
        correlation_id: args.correlation_id.clone(),
        format,
        summary: args.summary,
        style: globals.style,
        strip_host_prefix: false,
        insights,
    })
}
