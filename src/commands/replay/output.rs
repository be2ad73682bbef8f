//! How replays and archives are shown: tables for people, JSON records for scripts.

use std::io::{self, Write};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::aws::replay::ReplayInfo;
use crate::cli::Globals;
use crate::render::{OutputFormat, json_line, new_table};
use crate::when::{self, utc};

pub(super) fn archive_name(arn: &str) -> &str {
    arn.split_once(":archive/").map_or(arn, |(_, name)| name)
}

pub(super) fn retention(days: Option<i32>) -> String {
    match days {
        None | Some(0) => "forever".to_string(),
        Some(1) => "1 day".to_string(),
        Some(n) => format!("{n} days"),
    }
}

/// `512 B`, `1.5 KiB`, `20.0 MiB`.
pub(super) fn size(bytes: i64) -> String {
    let mut value = bytes as f64;
    for unit in ["B", "KiB", "MiB", "GiB"] {
        if value < 1024.0 || unit == "GiB" {
            return if unit == "B" { format!("{bytes} B") } else { format!("{value:.1} {unit}") };
        }
        value /= 1024.0;
    }
    format!("{bytes} B")
}

pub(super) fn opt_utc(ts: Option<Timestamp>) -> String {
    ts.map_or_else(|| "-".to_string(), utc)
}

pub(super) fn state_text(info: &ReplayInfo) -> String {
    let state = info.state.as_deref().unwrap_or("-");
    match &info.state_reason {
        Some(reason) => format!("{state} ({reason})"),
        None => state.to_string(),
    }
}

pub(super) fn window_text(info: &ReplayInfo) -> String {
    format!("{} → {}", opt_utc(info.event_start), opt_utc(info.event_end))
}

/// A dry run's replay: the replay as planned, marked.
#[derive(Serialize)]
pub(super) struct DryRun<'a> {
    #[serde(flatten)]
    replay: &'a ReplayInfo,
    dry_run: bool,
}

/// One replay: a JSON object, or a two-column table with times in UTC and local time.
pub(super) fn write_replay(
    info: &ReplayInfo,
    dry_run: bool,
    globals: &Globals,
    tz: &TimeZone,
    out: &mut dyn Write,
) -> io::Result<()> {
    if globals.output == OutputFormat::Json {
        return if dry_run { json_line(out, &DryRun { replay: info, dry_run }) } else { json_line(out, info) };
    }
    let mut table = new_table(globals.style);
    table.set_header(vec!["", "replay"]);
    let state = if dry_run { "not started (dry run)".to_string() } else { state_text(info) };
    table.add_row(vec!["name".to_string(), info.name.clone()]);
    table.add_row(vec!["state".to_string(), state]);
    let shown = |ts: Option<Timestamp>| ts.map(|t| when::show(t, tz));
    let rows = [
        ("archive", info.archive_arn.clone()),
        ("destination", info.destination_arn.clone()),
        (
            "rules",
            info.filter_arns
                .as_ref()
                .map(|arns| if arns.is_empty() { "every rule on the bus".to_string() } else { arns.join("\n") }),
        ),
        ("from", shown(info.event_start)),
        ("until", shown(info.event_end)),
        ("replayed up to", shown(info.last_replayed)),
        ("started", shown(info.replay_start)),
        ("ended", shown(info.replay_end)),
        ("arn", info.arn.clone()),
    ];
    for (key, value) in rows {
        if let Some(value) = value {
            table.add_row(vec![key.to_string(), value]);
        }
    }
    write!(out, "{}", crate::render::fitted(&mut table))
}
