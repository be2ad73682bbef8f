//! How each event is printed: text for people, one JSON record for scripts.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value as Json;

use super::options::{LogFormat, LogsOptions};
use crate::aws::logs::LogEvent;
use crate::logline::{self, LogLine, Summary};
use crate::when;

/// Where events go: printed, or counted for `--summary`.
pub(super) struct Sink<'a> {
    pub(super) opts: &'a LogsOptions,
    pub(super) out: &'a mut dyn Write,
    pub(super) kept: u64,
    pub(super) summary: Option<Summary>,
    /// Parsing is only needed for JSON, colours, the summary and the correlation filter.
    pub(super) parse: bool,
}

impl<'a> Sink<'a> {
    pub(super) fn new(opts: &'a LogsOptions, out: &'a mut dyn Write) -> Sink<'a> {
        let parse = opts.summary || opts.format == LogFormat::Json || opts.style.color || opts.correlation_id.is_some();
        Sink { opts, out, kept: 0, summary: opts.summary.then(Summary::default), parse }
    }

    /// Prints or counts the event unless the correlation filter drops it.
    pub(super) fn event(&mut self, event: &LogEvent) -> io::Result<()> {
        let line = self.parse.then(|| logline::parse(&event.message));
        if let (Some(id), Some(line)) = (&self.opts.correlation_id, &line)
            && !logline::mentions(&event.message, id)
            && !line.carries(id)
        {
            return Ok(());
        }
        self.kept += 1;
        if let Some(summary) = &mut self.summary {
            if let Some(line) = &line {
                summary.add(line);
            }
            return Ok(());
        }
        let mut text = String::with_capacity(event.message.len() + 64);
        match self.opts.format {
            LogFormat::Json => write_json_event(&mut text, event, line.as_ref()),
            LogFormat::Short | LogFormat::Detailed => write_text_event(&mut text, event, line.as_ref(), self.opts),
        }
        self.out.write_all(text.as_bytes())
    }
}

pub(super) fn write_text_event(text: &mut String, event: &LogEvent, line: Option<&LogLine>, opts: &LogsOptions) {
    let message = event.message.trim_end();
    let colour = match line.and_then(|l| l.level.as_deref()) {
        _ if !opts.style.color => None,
        Some("error" | "critical" | "exception" | "fatal") => Some("\x1b[31m"),
        Some("warning" | "warn") => Some("\x1b[33m"),
        _ => None,
    };
    if let Some(code) = colour {
        text.push_str(code);
    }
    match opts.format {
        LogFormat::Detailed => {
            let _ = write!(text, "{} {} {message}", when::utc_millis_of_ms(event.timestamp_ms), event.stream);
        }
        _ => {
            let _ = write!(text, "{} {message}", when::utc_of_ms(event.timestamp_ms));
        }
    }
    if colour.is_some() {
        text.push_str("\x1b[0m");
    }
    text.push('\n');
}

/// One event of `logs -o json`, keys in a fixed order (docs/manual.md).
#[derive(Serialize)]
pub(super) struct EventJson<'a> {
    timestamp: String,
    stream: &'a str,
    event_id: Option<&'a str>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parsed: Option<ParsedJson<'a>>,
}

/// What the line was understood to say.
#[derive(Serialize)]
pub(super) struct ParsedJson<'a> {
    format: &'static str,
    level: Option<&'a str>,
    event: &'a str,
    kind: &'static str,
    request_id: Option<&'a str>,
    fields: Fields<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    correlation_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a logline::Report>,
}

/// The line's other keys as an object, in their order (repeats kept, as the line has them).
pub(super) struct Fields<'a>(&'a [(String, Json)]);

impl Serialize for Fields<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

pub(super) fn write_json_event(text: &mut String, event: &LogEvent, line: Option<&LogLine>) {
    let parsed = line.filter(|l| l.understood()).map(|line| ParsedJson {
        format: line.format.as_str(),
        level: line.level.as_deref(),
        event: &line.message,
        kind: line.kind.as_str(),
        request_id: line.request_id.as_deref(),
        fields: Fields(&line.fields),
        detail_type: line.detail_type.as_deref(),
        source: line.source.as_deref(),
        event_id: line.event_id.as_deref(),
        correlation_id: line.correlation_id.as_deref(),
        error_type: line.error_type.as_deref(),
        report: line.report.as_ref(),
    });
    let record = EventJson {
        timestamp: when::utc_millis_of_ms(event.timestamp_ms),
        stream: &event.stream,
        event_id: event.event_id.as_deref(),
        message: &event.message,
        parsed,
    };
    let mut line = Vec::new();
    // Strings, maps and the numbers of a REPORT line always serialise, into memory.
    if crate::render::json_line(&mut line, &record).is_ok() {
        text.push_str(&String::from_utf8_lossy(&line));
    }
}
