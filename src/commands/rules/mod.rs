//! `alchemiser rules`: list, show, enable, disable and restore the rules on the bus.
//!
//! Changes are planned from one ListRules, confirmed, snapshotted (every rule's state, so
//! `restore` can undo them), then applied one rule at a time; each rule is reported as
//! changed, already in state, or failed.

mod change;
mod lint;
mod list;
mod output;
mod snapshot;

use std::io;

pub use super::Confirm;
pub use super::{CommandError as RulesError, Io};
use crate::aws::AwsContext;
use crate::bus::RuleState;
use crate::cli::RulesCommand;
use crate::exit::Exit;
use crate::guard::StageClue;
use crate::render::{OutputFormat, Style};
use change::{change, restore};
use lint::lint;
use list::{list, show};
pub use snapshot::{Snapshot, SnapshotRule};

/// How results are printed.
#[derive(Debug, Clone, Copy)]
pub struct RulesOptions {
    pub output: OutputFormat,
    pub style: Style,
}

/// Runs one `rules` subcommand against `aws.bus`.
pub async fn run(
    command: &RulesCommand,
    aws: &AwsContext,
    opts: &RulesOptions,
    io: &mut Io<'_>,
) -> Result<Exit, RulesError> {
    match command {
        RulesCommand::List(args) => list(args, aws, opts, io).await,
        RulesCommand::Show(args) => show(args, aws, opts, io).await,
        RulesCommand::Enable(args) => change(args, RuleState::Enabled, aws, opts, io).await,
        RulesCommand::Disable(args) => change(args, RuleState::Disabled, aws, opts, io).await,
        RulesCommand::Restore(args) => restore(args, aws, opts, io).await,
        // Offline: `execute` answers them before any AWS setup.
        RulesCommand::Lint(_) | RulesCommand::Snapshots(_) => Ok(Exit::Success),
    }
}

/// `alchemiser rules`: `lint` offline, everything else against the bus.
pub fn execute(args: crate::cli::RulesArgs, globals: &crate::cli::Globals) -> Exit {
    let opts = RulesOptions { output: globals.output, style: globals.style };
    if let RulesCommand::Lint(lint_args) = &args.command {
        return match super::bus_for(&lint_args.bus, &args.aws, globals.stage) {
            Ok(bus) => super::finish_io(lint(&bus, globals.stage, &opts, &mut io::stdout().lock())),
            Err(exit) => exit,
        };
    }
    if let RulesCommand::Snapshots(snapshots_args) = &args.command {
        let listed = snapshot::snapshot_dir(snapshots_args.folder.snapshot_dir.as_deref())
            .and_then(|dir| Ok((snapshot::find_snapshots(&dir)?, dir)))
            .map_err(|e| io::Error::other(e.to_string()))
            .and_then(|(found, dir)| output::snapshots(&found, &dir, &opts, &mut io::stdout().lock()));
        return super::finish_io(listed);
    }
    // The rules named (and `show`'s) say which bus they are on as much as --stage does.
    let names: &[String] = match &args.command {
        RulesCommand::Enable(change) | RulesCommand::Disable(change) => &change.names,
        RulesCommand::Show(show) => std::slice::from_ref(&show.name),
        _ => &[],
    };
    let mut clues = super::name_clues(&args.aws);
    clues.extend(names.iter().filter_map(|name| StageClue::from_name("rule", name)));
    let stage = match super::acting_stage(globals, &clues) {
        Ok(stage) => stage,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Error;
        }
    };
    super::run_aws(&args.aws, stage, async |aws, io| run(&args.command, aws, &opts, io).await)
}

#[cfg(test)]
mod tests {
    use std::fs;

    use jiff::Timestamp;

    use super::change::*;
    use super::output::*;
    use super::snapshot::*;
    use super::*;
    use crate::aws::AwsError;
    use crate::aws::events::RuleInfo;

    fn rule(name: &str, state: &str) -> RuleInfo {
        RuleInfo { name: name.to_string(), state: Some(state.to_string()), ..RuleInfo::default() }
    }

    fn failed(exit: Exit) -> Row {
        Row { rule: "r".into(), before: None, after: None, outcome: RuleResult::Failed(AwsError::new(exit, "x")) }
    }

    fn changed() -> Row {
        Row { rule: "r".into(), before: None, after: None, outcome: RuleResult::Changed }
    }

    #[test]
    fn all_skips_managed_rules_and_keeps_rules_already_in_state() {
        let mut managed = rule("Events-Archive-a", "ENABLED");
        managed.managed_by = Some("prod.vhs.events.aws.internal".into());
        let bus = [rule("a", "ENABLED"), rule("b", "DISABLED"), managed];
        let steps = plan_change(&bus, &[], true, RuleState::Disabled, "bus").expect("plan_change");
        let plans: Vec<(&str, &Action)> = steps.iter().map(|s| (s.rule.as_str(), &s.action)).collect();
        assert_eq!(plans, [("a", &Action::Change), ("b", &Action::Keep)]);
    }

    #[test]
    fn an_unknown_name_stops_everything_with_exit_6() {
        let bus = [rule("a", "ENABLED")];
        let names = ["a".to_string(), "nope".to_string()];
        let e = plan_change(&bus, &names, false, RuleState::Disabled, "b1").err().unwrap_or_else(|| panic!("planned"));
        assert_eq!(e.exit, Exit::AwsNotFound);
        assert!(e.message.contains("nope") && e.message.contains("b1"), "{}", e.message);
    }

    #[test]
    fn cloudtrail_enabled_counts_as_enabled() {
        let bus = [rule("a", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")];
        let steps = plan_change(&bus, &["a".into()], false, RuleState::Enabled, "b").expect("plan_change");
        assert_eq!(steps[0].action, Action::Keep);
    }

    #[test]
    fn restore_fails_missing_rules_and_leaves_unknown_ones_alone() {
        let wanted = [
            ("a".to_string(), RuleState::Enabled),
            ("gone".to_string(), RuleState::Disabled),
            ("c".to_string(), RuleState::Disabled),
        ];
        let bus = [rule("a", "DISABLED"), rule("c", "DISABLED"), rule("new", "ENABLED")];
        let (steps, left) = plan_restore(&bus, &wanted, "b");
        assert_eq!(steps[0].action, Action::Change);
        assert!(matches!(&steps[1].action, Action::Fail(e) if e.exit == Exit::AwsNotFound));
        assert_eq!(steps[2].action, Action::Keep);
        assert_eq!(left.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["new"]);
    }

    #[test]
    fn exit_codes_for_partial_and_total_failures() {
        assert_eq!(exit_for(&[changed()]), Exit::Success);
        assert_eq!(exit_for(&[changed(), failed(Exit::AwsAccessDenied)]), Exit::Failure);
        assert_eq!(exit_for(&[failed(Exit::AwsAccessDenied), failed(Exit::AwsAccessDenied)]), Exit::AwsAccessDenied);
        assert_eq!(exit_for(&[failed(Exit::AwsAccessDenied), failed(Exit::AwsNotFound)]), Exit::Failure);
    }

    #[test]
    fn default_snapshot_name_is_utc_and_file_safe() {
        let now: Timestamp = "2026-11-29T05:41:07.5Z".parse().expect("parse");
        assert_eq!(default_snapshot_stem("aws.partner/x", now), "alchemiser-rules-aws.partner_x-20261129T054107Z");
    }

    #[test]
    fn snapshots_round_trip_and_bad_ones_name_the_file() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let snapshot = Snapshot {
            bus: "b".into(),
            region: Some("us-east-1".into()),
            taken_at: "2026-11-29T05:41:07Z".into(),
            rules: vec![SnapshotRule { name: "a".into(), state: "DISABLED".into() }],
        };
        let path = dir.path().join("s.json");
        let written = write_snapshot(Some(&path), Some(dir.path()), &snapshot).expect("write_snapshot");
        let (read, wanted) = read_snapshot(&written).expect("read_snapshot");
        assert_eq!((read, wanted), (snapshot.clone(), vec![("a".to_string(), RuleState::Disabled)]));
        // Never overwritten.
        assert!(
            matches!(write_snapshot(Some(&path), Some(dir.path()), &snapshot), Err(RulesError::Usage(m)) if m.contains("already exists"))
        );

        for (text, complaint) in [
            (r#"{"bus":"b","taken_at":"t","rules":[{"name":"a","state":"PAUSED"}]}"#, "has state \"PAUSED\""),
            (
                r#"{"bus":"b","taken_at":"t","rules":[{"name":"a","state":"ENABLED"},{"name":"a","state":"DISABLED"}]}"#,
                "listed twice",
            ),
            (r#"{"rules":[]}"#, "missing field `bus`"),
        ] {
            let bad = dir.path().join("bad.json");
            fs::write(&bad, text).expect("write the fixture");
            match read_snapshot(&bad) {
                Err(RulesError::Usage(m)) => {
                    assert!(m.contains(&bad.display().to_string()) && m.contains(complaint), "{m}")
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn short_arns_keep_service_and_resource() {
        assert_eq!(short_arn("arn:aws:lambda:us-east-1:1:function:f"), "lambda function:f");
        assert_eq!(short_arn("not-an-arn"), "not-an-arn");
    }
}
