//! Waiting for a replay to end, and what Ctrl-C does meanwhile.

use std::future::Future;
use std::io::{self, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use super::{ReplayError, Window};
use crate::aws::EventsClient as Client;
use crate::aws::replay::{self as api, ReplayInfo};
use crate::exit::Exit;
use crate::when::utc;

/// How to wait for a replay to end.
#[derive(Debug, Clone, Copy)]
pub struct WaitOptions {
    /// Between DescribeReplay calls.
    pub interval: Duration,
    /// Draw a progress bar (only on a terminal); otherwise state changes are printed as lines.
    pub progress: bool,
}

/// How waiting ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Waited {
    /// COMPLETED, CANCELLED or FAILED.
    Ended(Box<ReplayInfo>),
    /// `interrupt` fired first; the replay goes on.
    Interrupted,
}

/// Polls DescribeReplay until the replay ends or `interrupt` fires, reporting each new state
/// on `err` (with a progress bar over the window when `opts.progress`).
pub async fn wait(
    client: &Client,
    name: &str,
    window: Window,
    opts: WaitOptions,
    err: &mut dyn Write,
    interrupt: impl Future<Output = ()>,
) -> Result<Waited, ReplayError> {
    let mut interrupt = std::pin::pin!(interrupt);
    let bar = opts.progress.then(|| progress_bar(window));
    let finish = |bar: &Option<ProgressBar>| {
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
    };
    let mut last_state: Option<String> = None;
    loop {
        let described = tokio::select! {
            described = api::describe_replay(client, name) => described,
            () = &mut interrupt => {
                finish(&bar);
                return Ok(Waited::Interrupted);
            }
        };
        let info = match described {
            Ok(info) => info,
            Err(e) => {
                finish(&bar);
                return Err(e.into());
            }
        };
        let done = fraction(&info, window);
        if let Some(bar) = &bar {
            bar.set_message(info.state.clone().unwrap_or_default());
            bar.set_position(done.map_or(0, |f| (f * bar_length(window) as f64) as u64));
        }
        if info.state != last_state {
            let line = state_line(&info, done);
            match &bar {
                Some(bar) => bar.println(line),
                None => writeln!(err, "{line}")?,
            }
            last_state = info.state.clone();
        }
        if info.is_final() {
            finish(&bar);
            return Ok(Waited::Ended(Box::new(info)));
        }
        tokio::select! {
            () = tokio::time::sleep(opts.interval) => {}
            () = &mut interrupt => {
                finish(&bar);
                return Ok(Waited::Interrupted);
            }
        }
    }
}

pub(super) fn bar_length(window: Window) -> u64 {
    window.end.duration_since(window.start).as_secs().max(1).unsigned_abs()
}

pub(super) fn progress_bar(window: Window) -> ProgressBar {
    let bar = ProgressBar::new(bar_length(window));
    bar.set_message("waiting");
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {msg:10} [{bar:30}] {percent:>3}% of the window, {elapsed}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// How far through the window the replay is (EventLastReplayedTime), 0 to 1.
pub(super) fn fraction(info: &ReplayInfo, window: Window) -> Option<f64> {
    let reached = info.last_replayed?;
    let total = window.end.duration_since(window.start).as_secs_f64();
    (total > 0.0).then(|| (reached.duration_since(window.start).as_secs_f64() / total).clamp(0.0, 1.0))
}

/// `replay r: RUNNING, replayed up to 2025-10-14T10:30:00Z (25%)`.
pub(super) fn state_line(info: &ReplayInfo, done: Option<f64>) -> String {
    let mut line = format!("replay {}: {}", info.name, info.state.as_deref().unwrap_or("state unknown"));
    if let (Some(reached), Some(done)) = (info.last_replayed, done) {
        line.push_str(&format!(", replayed up to {} ({:.0}%)", utc(reached), done * 100.0));
    }
    if let Some(reason) = &info.state_reason {
        line.push_str(&format!(" ({reason})"));
    }
    line
}

/// The exit code of an ended replay: 0 when COMPLETED, else 1 with the reason on `err`.
pub fn ended(info: &ReplayInfo, err: &mut dyn Write) -> io::Result<Exit> {
    if info.state.as_deref() == Some("COMPLETED") {
        return Ok(Exit::Success);
    }
    let reason = info.state_reason.as_deref().unwrap_or("no reason given");
    writeln!(
        err,
        "error: replay {} ended {}: {reason}",
        info.name,
        info.state.as_deref().unwrap_or("in an unknown state")
    )?;
    Ok(Exit::Failure)
}

/// After Ctrl-C while waiting: cancels when the operator said so (`cancel` is None when there
/// was no terminal to ask on), and says how to follow up. Always exit 130.
pub async fn interrupted(
    client: &Client,
    name: &str,
    cancel: Option<bool>,
    err: &mut dyn Write,
) -> Result<Exit, ReplayError> {
    match cancel {
        Some(true) => {
            let info = api::cancel_replay(client, name).await?;
            writeln!(
                err,
                "replay {name}: {} (events already replayed stay delivered); follow it with `alchemiser replay status {name}`",
                info.state.as_deref().unwrap_or("cancel requested")
            )?;
        }
        Some(false) => {
            writeln!(err, "stopped waiting; replay {name} goes on: follow it with `alchemiser replay status {name}`")?
        }
        None => writeln!(
            err,
            "interrupted: replay {name} goes on; cancel it with `alchemiser replay cancel {name} --yes` or follow it with `alchemiser replay status {name}`"
        )?,
    }
    Ok(Exit::Interrupted)
}
