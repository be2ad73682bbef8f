//! Starting a replay: show the plan, confirm, StartReplay once.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::output::write_replay;
use super::plan::{StartOptions, lag_warning, plan, span};
use super::{Io, ReplayError};
use crate::aws::AwsContext;
use crate::aws::replay::{self as api, ReplayInfo};
use crate::cli::Globals;
use crate::exit::Exit;
use crate::routing::Stage;
use crate::when::{self};

/// What `start` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Started {
    Replay(Box<ReplayInfo>),
    /// A dry run (exit 0) or a declined prompt (exit 1): nothing was started.
    Nothing(Exit),
}

/// Plans, shows the window, confirms and starts (or, with `--dry-run`, prints the plan).
pub async fn start(
    aws: &AwsContext,
    opts: &StartOptions,
    now: Timestamp,
    tz: &TimeZone,
    globals: &Globals,
    io: &mut Io<'_>,
) -> Result<Started, ReplayError> {
    // Refuse before any call: there is nobody to show the plan to.
    if !opts.yes && !opts.dry_run && io.confirm.is_none() {
        return Err(ReplayError::Usage(format!(
            "refusing to start replay {} without confirmation: replayed events run their handlers again (command-path events trade again) and there is no terminal to ask on; pass --yes (or --dry-run to preview)",
            opts.name
        )));
    }
    let plan = plan(aws, opts).await?;
    let rules = if plan.rules.is_empty() {
        format!("every rule on {}", plan.bus)
    } else {
        format!("only {} on {}", plan.rules.join(", "), plan.bus)
    };
    writeln!(io.err, "replay {}: archive {} → {rules}", plan.request.name, plan.archive)?;
    writeln!(io.err, "  from  {}", when::show(plan.request.start, tz))?;
    writeln!(
        io.err,
        "  until {}  ({})",
        when::show(plan.request.end, tz),
        span(plan.request.end.duration_since(plan.request.start))
    )?;
    if let Some(warning) = lag_warning(opts.window, now) {
        writeln!(io.err, "{warning}")?;
    }
    if opts.dry_run {
        write_replay(&plan.as_info(), true, globals, tz, io.out)?;
        writeln!(io.err, "dry run: nothing started")?;
        return Ok(Started::Nothing(Exit::Success));
    }
    if !opts.yes
        && let Some(confirm) = io.confirm.as_mut()
    {
        let live = if opts.stage == Stage::Prod { " In prod they trade LIVE." } else { "" };
        writeln!(
            io.err,
            "Every archived event in the window reaches {rules} again and its handler runs again: idempotency (by detail.event_id) covers domain events only, so command-path events such as a scheduler envelope start trades again.{live}"
        )?;
        if !confirm(&format!("Start replay {}?", plan.request.name))? {
            writeln!(io.err, "aborted: nothing started")?;
            let declined = if io.interrupts.count() > 0 { Exit::Interrupted } else { Exit::Failure };
            return Ok(Started::Nothing(declined));
        }
    }
    if io.interrupts.count() > 0 {
        writeln!(io.err, "interrupted: nothing started")?;
        return Ok(Started::Nothing(Exit::Interrupted));
    }
    let name = &plan.request.name;
    let (started, note) = tokio::select! {
        started = api::start_replay(&aws.events, &plan.request) => started?,
        () = io.interrupts.reached(1) => {
            writeln!(
                io.err,
                "interrupted while starting replay {name}: it may have started; check `alchemiser replay status {name}` before starting it again"
            )?;
            return Ok(Started::Nothing(Exit::Interrupted));
        }
    };
    if let Some(note) = note {
        writeln!(io.err, "note: {note}")?;
    }
    writeln!(io.err, "started replay {}: {}", started.name, started.state.as_deref().unwrap_or("state unknown"))?;
    Ok(Started::Replay(Box::new(started)))
}
