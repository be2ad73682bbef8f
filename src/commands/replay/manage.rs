//! `replay list`, `replay status`, `replay cancel` and `archives list`.

use comfy_table::Cell;
use jiff::tz::TimeZone;

use super::output::{archive_name, opt_utc, retention, size, state_text, window_text, write_replay};
use super::plan::bus_name;
use super::{Io, ReplayError};
use crate::aws::EventsClient as Client;
use crate::aws::replay::{self as api};
use crate::cli::Globals;
use crate::exit::Exit;
use crate::render::{OutputFormat, json_line, new_table};

/// `replay list`: every replay (optionally by name prefix and state), as EventBridge lists them.
pub async fn list(
    client: &Client,
    prefix: Option<&str>,
    state: Option<&str>,
    globals: &Globals,
    io: &mut Io<'_>,
) -> Result<Exit, ReplayError> {
    let replays = api::list_replays(client, prefix, state).await?;
    match globals.output {
        OutputFormat::Json => {
            for replay in &replays {
                json_line(io.out, replay)?;
            }
        }
        OutputFormat::Table if replays.is_empty() => writeln!(io.err, "no replays")?,
        OutputFormat::Table => {
            let mut table = new_table(globals.style);
            table.set_header(vec!["replay", "state", "archive", "window (UTC)", "replayed up to", "started", "ended"]);
            for r in &replays {
                table.add_row(vec![
                    Cell::new(&r.name),
                    Cell::new(state_text(r)),
                    Cell::new(r.archive_arn.as_deref().map_or("-", archive_name)),
                    Cell::new(window_text(r)),
                    Cell::new(opt_utc(r.last_replayed)),
                    Cell::new(opt_utc(r.replay_start)),
                    Cell::new(opt_utc(r.replay_end)),
                ]);
            }
            write!(io.out, "{}", crate::render::fitted(&mut table))?;
        }
    }
    Ok(Exit::Success)
}

/// `replay status NAME`.
pub async fn status(
    client: &Client,
    name: &str,
    globals: &Globals,
    tz: &TimeZone,
    io: &mut Io<'_>,
) -> Result<Exit, ReplayError> {
    let info = api::describe_replay(client, name).await?;
    write_replay(&info, false, globals, tz, io.out)?;
    Ok(Exit::Success)
}

/// `replay cancel NAME`: confirmed, then CancelReplay.
pub async fn cancel(
    client: &Client,
    name: &str,
    yes: bool,
    globals: &Globals,
    tz: &TimeZone,
    io: &mut Io<'_>,
) -> Result<Exit, ReplayError> {
    if !yes {
        let Some(confirm) = io.confirm.as_mut() else {
            return Err(ReplayError::Usage(format!(
                "refusing to cancel replay {name} without confirmation: no terminal to ask on; pass --yes"
            )));
        };
        if !confirm(&format!("Cancel replay {name}? Events already replayed stay delivered."))? {
            writeln!(io.err, "aborted: nothing cancelled")?;
            return Ok(Exit::Failure);
        }
    }
    let info = api::cancel_replay(client, name).await?;
    write_replay(&info, false, globals, tz, io.out)?;
    Ok(Exit::Success)
}

/// `archives list`: every archive with its state, source bus, event count, size and retention.
pub async fn archives(
    client: &Client,
    prefix: Option<&str>,
    globals: &Globals,
    io: &mut Io<'_>,
) -> Result<Exit, ReplayError> {
    let archives = api::list_archives(client, prefix).await?;
    match globals.output {
        OutputFormat::Json => {
            for a in &archives {
                json_line(io.out, a)?;
            }
        }
        OutputFormat::Table if archives.is_empty() => writeln!(io.err, "no archives")?,
        OutputFormat::Table => {
            let mut table = new_table(globals.style);
            table.set_header(vec!["archive", "state", "source bus", "events", "size", "retention", "created (UTC)"]);
            for a in &archives {
                let state = match (&a.state, &a.state_reason) {
                    (Some(state), Some(reason)) => format!("{state} ({reason})"),
                    (state, _) => state.clone().unwrap_or_else(|| "-".to_string()),
                };
                table.add_row(vec![
                    Cell::new(&a.name),
                    Cell::new(state),
                    Cell::new(a.source_arn.as_deref().map_or("-", bus_name)),
                    Cell::new(a.event_count),
                    Cell::new(size(a.size_bytes)),
                    Cell::new(retention(a.retention_days)),
                    Cell::new(opt_utc(a.created)),
                ]);
            }
            write!(io.out, "{}", crate::render::fitted(&mut table))?;
        }
    }
    Ok(Exit::Success)
}
