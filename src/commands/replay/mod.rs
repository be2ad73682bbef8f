//! `alchemiser replay` (start one; `list`, `status`, `cancel`) and `alchemiser archives list`.
//!
//! A replay delivers archived events to the bus again, so every rule it reaches runs its
//! handler again. Starting one therefore shows the window (UTC and local), names the archive,
//! the bus and the rules, and asks; cancelling one asks too.

mod manage;
mod output;
mod plan;
mod preview;
mod start;
mod wait;

use std::io;
use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::TimeZone;

pub use super::Confirm;
pub use super::{CommandError as ReplayError, Io};
use crate::bus::Names;
use crate::cli::AwsArgs;
use crate::cli::{ArchivesArgs, ArchivesCommand, Globals, ReplayArgs, ReplayCommand, ReplayStartArgs};
use crate::exit::Exit;
use crate::guard::StageClue;
pub use manage::*;
use output::write_replay;
pub use plan::*;
pub use preview::*;
pub use start::*;
pub use wait::*;

/// The default `--poll-interval`.
const POLL_INTERVAL: Duration = Duration::from_secs(5);

/// The start flags given, by name (they mean nothing to `list`, `status` or `cancel`).
fn start_flags(args: &ReplayStartArgs) -> Vec<&'static str> {
    [
        ("--since", args.since.is_some()),
        ("--until", args.until.is_some()),
        ("--rule", !args.rules.is_empty()),
        ("--name", args.name.is_some()),
        ("--archive", args.archive.is_some()),
        ("--yes", args.yes),
        ("--dry-run", args.dry_run),
        ("--wait", args.wait),
        ("--poll-interval", args.poll_interval.is_some()),
        ("--preview", args.preview),
        ("--keep", args.keep),
        ("--events-out", args.events_out.is_some()),
    ]
    .into_iter()
    .filter_map(|(flag, given)| given.then_some(flag))
    .collect()
}

/// `alchemiser replay …`.
pub fn execute(args: ReplayArgs, globals: &Globals) -> Exit {
    let tz = TimeZone::system();
    if let Some(command) = &args.command {
        let flags = start_flags(&args.start);
        if !flags.is_empty() {
            let name = match command {
                ReplayCommand::List(_) => "list",
                ReplayCommand::Status(_) => "status",
                ReplayCommand::Cancel(_) => "cancel",
            };
            eprintln!(
                "error: {} (for starting a replay) cannot be used with `replay {name}`; put the options of `{name}` after it",
                flags.join(", ")
            );
            return Exit::Error;
        }
    }
    match args.command {
        None => execute_start(args.start, &args.aws, globals, &tz),
        Some(ReplayCommand::List(list_args)) => {
            let state = list_args.state.map(|s| s.as_str());
            super::run_aws(&args.aws, globals.stage, async |aws, io| {
                list(&aws.events, list_args.prefix.as_deref(), state, globals, io).await
            })
        }
        Some(ReplayCommand::Status(status_args)) => super::run_aws(&args.aws, globals.stage, async |aws, io| {
            status(&aws.events, &status_args.name, globals, &tz, io).await
        }),
        Some(ReplayCommand::Cancel(cancel_args)) => super::run_aws(&args.aws, globals.stage, async |aws, io| {
            cancel(&aws.events, &cancel_args.name, cancel_args.yes, globals, &tz, io).await
        }),
    }
}

fn execute_start(args: ReplayStartArgs, aws: &AwsArgs, globals: &Globals, tz: &TimeZone) -> Exit {
    use std::io::IsTerminal;
    let now = Timestamp::now();
    let Some(since) = args.since.as_deref() else {
        eprintln!(
            "error: replay needs --since TIME to start a replay (e.g. `alchemiser replay --since 2h --dry-run`), or one of its subcommands: list, status NAME, cancel NAME"
        );
        return Exit::Error;
    };
    let window = match window(since, args.until.as_deref(), now, tz) {
        Ok(window) => window,
        Err(message) => {
            eprintln!("error: {message}");
            return Exit::Error;
        }
    };
    // The archive, the bus and the rules replayed to decide the stage as much as --stage does.
    let mut clues = super::name_clues(aws);
    clues.extend(args.archive.as_deref().and_then(|name| StageClue::from_name("archive", name)));
    clues.extend(args.rules.iter().filter_map(|name| StageClue::from_name("rule", name)));
    let stage = match super::acting_stage(globals, &clues) {
        Ok(stage) => stage,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Error;
        }
    };
    let opts = StartOptions {
        name: args.name.unwrap_or_else(|| default_name(now)),
        archive: args.archive.unwrap_or_else(|| Names::for_stage(stage).archive),
        rules: args.rules,
        window,
        yes: args.yes,
        dry_run: args.dry_run,
        stage,
    };
    if args.preview {
        let preview_opts = PreviewOptions {
            start: opts,
            keep: args.keep,
            events_out: args.events_out,
            output: globals.output,
            style: globals.style,
            progress: io::stderr().is_terminal(),
        };
        // Ctrl-C cancels the replay and removes the capture before the command ends.
        return super::shell(super::OnInterrupt::Handle, async |io| {
            let context = &crate::aws::load(&aws.settings(), preview_opts.start.stage).await?;
            preview(context, &preview_opts, now, io).await
        });
    }
    let wait_for = args.wait.then_some(WaitOptions {
        interval: args.poll_interval.unwrap_or(POLL_INTERVAL),
        progress: io::stderr().is_terminal(),
    });
    // Starting and waiting handle Ctrl-C: a start in flight may have gone through, and waiting
    // stops but offers to cancel.
    super::shell(super::OnInterrupt::Handle, async |io| {
        let context = &crate::aws::load(&aws.settings(), opts.stage).await?;
        let started = match start(context, &opts, now, tz, globals, io).await? {
            Started::Replay(started) => started,
            Started::Nothing(exit) => return Ok(exit),
        };
        let Some(wait_opts) = wait_for else {
            write_replay(&started, false, globals, tz, io.out)?;
            return Ok(Exit::Success);
        };
        let interrupts = io.interrupts.clone();
        match wait(&context.events, &started.name, window, wait_opts, io.err, interrupts.reached(1)).await? {
            Waited::Ended(info) => {
                write_replay(&info, false, globals, tz, io.out)?;
                Ok(ended(&info, io.err)?)
            }
            Waited::Interrupted => {
                // A second Ctrl-C at this question is a no.
                let cancel = match io.confirm.as_mut() {
                    Some(ask) => Some(ask(&format!("Cancel replay {} as well?", started.name))?),
                    None => None,
                };
                interrupted(&context.events, &started.name, cancel, io.err).await
            }
        }
    })
}

/// `alchemiser archives …`.
pub fn execute_archives(args: ArchivesArgs, globals: &Globals) -> Exit {
    match args.command.unwrap_or(ArchivesCommand::List(Default::default())) {
        ArchivesCommand::List(list_args) => super::run_aws(&args.aws, globals.stage, async |aws, io| {
            archives(&aws.events, list_args.prefix.as_deref(), globals, io).await
        }),
    }
}

#[cfg(test)]
mod tests {
    use jiff::SignedDuration;

    use super::output::*;
    use super::plan::*;
    use super::wait::*;
    use super::*;
    use crate::aws::replay::ReplayInfo;

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn utc_window(since: &str, until: Option<&str>) -> Result<Window, String> {
        window(since, until, ts("2025-10-14T12:00:00.750Z"), &TimeZone::UTC)
    }

    #[test]
    fn the_window_defaults_to_now_in_whole_seconds() {
        let w = utc_window("2h", None).expect("utc_window");
        assert_eq!((w.start, w.end), (ts("2025-10-14T10:00:00Z"), ts("2025-10-14T12:00:00Z")));
        let w = utc_window("2025-10-14T09:00:00Z", Some("30m")).expect("utc_window");
        assert_eq!((w.start, w.end), (ts("2025-10-14T09:00:00Z"), ts("2025-10-14T11:30:00Z")));
    }

    #[test]
    fn bad_windows_say_why() {
        let e = utc_window("1h", Some("2h")).err().unwrap_or_default();
        assert!(e.starts_with("--since 2025-10-14T11:00:00Z") && e.contains("must be before --until"), "{e}");
        assert!(utc_window("now", None).is_err());
        let e = utc_window("5x", None).err().unwrap_or_default();
        assert!(e.starts_with("--since: \"5x\" is not a time: use 30s, 5m, 2h"), "{e}");
        let e = utc_window("1h", Some("2025-10-15T00:00:00Z")).err().unwrap_or_default();
        assert!(e.contains("is in the future"), "{e}");
    }

    #[test]
    fn recent_windows_warn_about_archive_lag() {
        let now = ts("2025-10-14T12:00:00Z");
        let window = |end: &str| Window { start: ts("2025-10-14T08:00:00Z"), end: ts(end) };
        let warning = lag_warning(window("2025-10-14T12:00:00Z"), now).unwrap_or_default();
        assert!(warning.starts_with("warning: the window ends 0s ago"), "{warning}");
        assert!(warning.contains("waiting 10 minutes"), "{warning}");
        assert!(lag_warning(window("2025-10-14T11:52:30Z"), now).is_some_and(|w| w.contains("7m 30s ago")));
        assert_eq!(lag_warning(window("2025-10-14T11:50:00Z"), now), None);
    }

    #[test]
    fn names_and_numbers_for_people() {
        assert_eq!(default_name(ts("2025-10-14T09:05:03.9Z")), "replay-20251014-090503");
        assert_eq!(span(SignedDuration::from_secs(7200)), "2h");
        assert_eq!(span(SignedDuration::from_secs(93_784)), "1d 2h");
        assert_eq!(size(512), "512 B");
        assert_eq!(size(1536), "1.5 KiB");
        assert_eq!(retention(Some(365)), "365 days");
        assert_eq!(retention(Some(0)), "forever");
        assert_eq!(bus_name("arn:aws:events:us-east-1:123456789012:event-bus/b"), "b");
        assert_eq!(archive_name("arn:aws:events:us-east-1:123456789012:archive/a"), "a");
    }

    #[test]
    fn progress_is_the_share_of_the_window_replayed() {
        let window = Window { start: ts("2025-10-14T10:00:00Z"), end: ts("2025-10-14T12:00:00Z") };
        let info = ReplayInfo {
            name: "r".into(),
            state: Some("RUNNING".into()),
            last_replayed: Some(ts("2025-10-14T10:30:00Z")),
            ..ReplayInfo::default()
        };
        let done = fraction(&info, window);
        assert_eq!(done, Some(0.25));
        assert_eq!(state_line(&info, done), "replay r: RUNNING, replayed up to 2025-10-14T10:30:00Z (25%)");
    }
}
