//! The command line, as clap definitions (also the source of completions and the man page).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::aws::AwsSettings;
use crate::render::OutputFormat;
use crate::routing::Stage;

#[derive(Debug, Parser)]
#[command(
    name = "alchemiser",
    version,
    about = "Predict, send, replay and watch The Alchemiser's events",
    long_about = "Operator CLI for The Alchemiser 2.27.0: predicts offline what the deployed Lambda does with an event, and acts on the bus, the function and its logs.",
    propagate_version = true
)]
pub struct Cli {
    /// Deployment stage: derives every resource name; dev trades paper, prod trades live
    /// [default: dev]. Commands that act apply the stricter of this and the stage their target's
    /// name says, and refuse a --stage that contradicts it.
    #[arg(long, global = true, value_enum, env = "ALCHEMISER_STAGE")]
    pub stage: Option<StageArg>,

    /// Output format: tables for people, JSON Lines for scripts.
    #[arg(short = 'o', long, global = true, value_enum, default_value = "table")]
    pub output: OutputArg,

    /// When to colour output (NO_COLOR is honoured by `auto`).
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StageArg {
    Dev,
    Prod,
}

impl From<StageArg> for Stage {
    fn from(stage: StageArg) -> Self {
        match stage {
            StageArg::Dev => Stage::Dev,
            StageArg::Prod => Stage::Prod,
        }
    }
}

/// `--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputArg {
    Table,
    Json,
}

impl From<OutputArg> for OutputFormat {
    fn from(output: OutputArg) -> Self {
        match output {
            OutputArg::Table => OutputFormat::Table,
            OutputArg::Json => OutputFormat::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Predict what the deployed 2.27.0 system does with events (offline).
    Route(RouteArgs),
    /// Test events against EventBridge event patterns (offline).
    Pattern(PatternArgs),
    /// List, show, enable, disable and restore the rules on the bus (AWS).
    Rules(RulesArgs),
    /// Send events to the bus, each routed locally first (AWS).
    PutEvents(PutEventsArgs),
    /// Invoke the Lambda with an event and compare with the prediction (AWS).
    Invoke(InvokeArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print a man page (roff): alchemiser(1), or alchemiser-COMMAND(1).
    Man(ManArgs),
    /// Replay archived events to the bus (`--since …`), or list, inspect and cancel replays (AWS).
    Replay(ReplayArgs),
    /// List the event archives: state, source bus, event count, size, retention (AWS).
    Archives(ArchivesArgs),
    /// Read, follow, live-tail or summarise the Lambda's logs (AWS).
    Logs(LogsArgs),
    /// The settings in force and where each comes from (flag, environment, config file, built in).
    Config(ConfigArgs),
    /// The deployment at a glance: rules, archive, Lambda, recent activity, drift from 2.27.0 (AWS).
    Status(StatusArgs),
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub aws: AwsArgs,

    /// The window of recent activity read from the logs: `1h`, `30m`, `2d`, or a time.
    #[arg(long, value_name = "TIME", default_value = "1h")]
    pub since: String,

    /// The archive (default: alchemiser-event-archive-<stage>).
    #[arg(long, value_name = "NAME")]
    pub archive: Option<String>,

    /// The Lambda's log group (default: /aws/lambda/<function>).
    #[arg(long, value_name = "NAME")]
    pub log_group: Option<String>,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub command: ConfigCommand,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Every setting with its value and its source; the file is $XDG_CONFIG_HOME/alchemiser/config.toml.
    Show(ConfigShowArgs),
}

#[derive(Debug, Args)]
pub struct ConfigShowArgs {
    #[command(flatten)]
    pub aws: AwsArgs,
}

/// The resource flags of a command that the configuration file can fill.
pub struct ResourceArgs<'a> {
    pub aws: &'a mut AwsArgs,
    pub archive: Option<&'a mut Option<String>>,
    pub log_group: Option<&'a mut Option<String>>,
}

impl Command {
    /// The AWS flags of the command, with its other resource names (`--archive`, `--log-group`).
    pub fn resource_args(&mut self) -> Option<ResourceArgs<'_>> {
        let plain = |aws| Some(ResourceArgs { aws, archive: None, log_group: None });
        match self {
            Command::Route(a) => plain(&mut a.aws),
            Command::Pattern(a) => match &mut a.command {
                PatternCommand::Test(t) => plain(&mut t.aws),
            },
            Command::Rules(a) => plain(&mut a.aws),
            Command::PutEvents(a) => plain(&mut a.aws),
            Command::Invoke(a) => plain(&mut a.aws),
            // The archive is a start flag: `replay list|status|cancel` refuse it.
            Command::Replay(a) => {
                let archive = if a.command.is_none() { Some(&mut a.start.archive) } else { None };
                Some(ResourceArgs { aws: &mut a.aws, archive, log_group: None })
            }
            Command::Archives(a) => plain(&mut a.aws),
            Command::Logs(a) => {
                Some(ResourceArgs { aws: &mut a.aws, archive: None, log_group: Some(&mut a.log_group) })
            }
            Command::Status(a) => {
                Some(ResourceArgs { aws: &mut a.aws, archive: Some(&mut a.archive), log_group: Some(&mut a.log_group) })
            }
            Command::Completions(_) | Command::Man(_) | Command::Config(_) => None,
        }
    }
}

impl Command {
    /// Every resource name given on the command line (bus, function, archive, log group, rules):
    /// they say which stage the command will act at, and so which section of the file applies.
    pub fn named_resources(&self) -> Vec<&str> {
        let aws: Option<&AwsArgs> = match self {
            Command::Route(a) => Some(&a.aws),
            Command::Pattern(a) => match &a.command {
                PatternCommand::Test(t) => Some(&t.aws),
            },
            Command::Rules(a) => Some(&a.aws),
            Command::PutEvents(a) => Some(&a.aws),
            Command::Invoke(a) => Some(&a.aws),
            Command::Replay(a) => Some(&a.aws),
            Command::Archives(a) => Some(&a.aws),
            Command::Logs(a) => Some(&a.aws),
            Command::Status(a) => Some(&a.aws),
            Command::Completions(_) | Command::Man(_) | Command::Config(_) => None,
        };
        let mut names: Vec<&str> =
            aws.into_iter().flat_map(|a| a.bus.as_deref().into_iter().chain(a.function.as_deref())).collect();
        match self {
            Command::Rules(a) => match &a.command {
                RulesCommand::Enable(c) | RulesCommand::Disable(c) => names.extend(c.names.iter().map(String::as_str)),
                RulesCommand::Show(s) => names.push(&s.name),
                _ => {}
            },
            Command::Replay(a) => {
                names.extend(a.start.archive.as_deref());
                names.extend(a.start.rules.iter().map(String::as_str));
            }
            Command::Logs(a) => names.extend(a.log_group.as_deref()),
            Command::Status(a) => names.extend(a.archive.as_deref().into_iter().chain(a.log_group.as_deref())),
            _ => {}
        }
        names
    }
}

impl ResourceArgs<'_> {
    /// Fills what neither a flag nor the environment set from the configuration file's `stage`.
    pub fn fill_from(self, file: &crate::config::ConfigFile, stage: Stage) {
        use crate::config::{Key, Source, resolve};
        let env = |name: &str| std::env::var(name).ok();
        let aws = self.aws;
        let slots = [
            (Key::Profile, Some(&mut aws.profile)),
            (Key::Region, Some(&mut aws.region)),
            (Key::EndpointUrl, Some(&mut aws.endpoint_url)),
            (Key::Bus, Some(&mut aws.bus)),
            (Key::Function, Some(&mut aws.function)),
            (Key::Archive, self.archive),
            (Key::LogGroup, self.log_group),
        ];
        for (key, slot) in slots {
            if let Some(slot) = slot
                && let (value, Source::File) = resolve(key, slot.as_deref(), &env, file, stage)
            {
                *slot = value;
            }
        }
    }
}

/// Flags shared by every AWS subcommand.
#[derive(Debug, Clone, Args)]
pub struct AwsArgs {
    /// AWS profile (default: AWS_PROFILE, else `default`).
    #[arg(long, global = true, value_name = "NAME", help_heading = "AWS")]
    pub profile: Option<String>,

    /// AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile's region).
    #[arg(long, global = true, value_name = "REGION", help_heading = "AWS")]
    pub region: Option<String>,

    /// Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS).
    #[arg(long, global = true, value_name = "URL", value_parser = parse_endpoint_url, help_heading = "AWS")]
    pub endpoint_url: Option<String>,

    /// Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3).
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), help_heading = "AWS")]
    pub max_attempts: Option<u32>,

    /// Seconds one AWS call may take, retries included; each attempt gets an equal share (at least
    /// 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it.
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=crate::aws::config::MAX_TIMEOUT_SECS), help_heading = "AWS")]
    pub timeout: u64,

    /// Event bus name (default: alchemiser-trading-events-<stage>).
    #[arg(long, global = true, value_name = "NAME", help_heading = "AWS")]
    pub bus: Option<String>,

    /// Lambda function name (default: the-alchemiser-v2-lambda-<stage>).
    #[arg(long, global = true, value_name = "NAME", help_heading = "AWS")]
    pub function: Option<String>,
}

impl AwsArgs {
    /// What the AWS layer needs of these flags.
    pub fn settings(&self) -> AwsSettings {
        AwsSettings {
            profile: self.profile.clone(),
            region: self.region.clone(),
            endpoint_url: self.endpoint_url.clone(),
            max_attempts: self.max_attempts,
            timeout: std::time::Duration::from_secs(self.timeout),
            bus: self.bus.clone(),
            function: self.function.clone(),
        }
    }
}

fn parse_endpoint_url(text: &str) -> Result<String, String> {
    if text.starts_with("http://") || text.starts_with("https://") {
        Ok(text.to_string())
    } else {
        Err("must start with http:// or https://".to_string())
    }
}

/// Where the bus's rules and archive come from (default: the embedded 2.27.0 bus).
#[derive(Debug, Args)]
pub struct BusSourceArgs {
    /// Read the rules, targets and archive from a SAM/CloudFormation template.
    #[arg(long, value_name = "FILE", conflicts_with = "live")]
    pub template: Option<PathBuf>,

    /// Read the rules, targets and archive from the deployed bus (AWS).
    #[arg(long)]
    pub live: bool,
}

#[derive(Debug, Args)]
pub struct PatternArgs {
    #[command(subcommand)]
    pub command: PatternCommand,
}

#[derive(Debug, Subcommand)]
pub enum PatternCommand {
    /// Does an event match? Exit 0 when it matches (any rule), 1 when not, 2 when invalid.
    Test(PatternTestArgs),
}

#[derive(Debug, Args)]
pub struct PatternTestArgs {
    /// The pattern: inline JSON, a file, or `-` for stdin.
    #[arg(long, value_name = "PATTERN", required_unless_present_any = ["rules", "all_rules"], conflicts_with_all = ["rules", "all_rules"])]
    pub pattern: Option<String>,

    /// Test against this bus rule's pattern (repeatable).
    #[arg(long = "rule", value_name = "NAME")]
    pub rules: Vec<String>,

    /// Test against every rule of the bus.
    #[arg(long, conflicts_with = "rules")]
    pub all_rules: bool,

    /// The event: inline JSON, a file, or `-` for stdin.
    #[arg(long, value_name = "EVENT", required_unless_present = "events", conflicts_with = "events")]
    pub event: Option<String>,

    /// Test many events, read as `route` reads them (files, folders, JSON Lines, `-` for
    /// stdin): print each matching event as a JSON line, as grep prints lines.
    #[arg(long, value_name = "PATH", num_args = 1.., conflicts_with = "remote")]
    pub events: Vec<PathBuf>,

    /// With --events: print only how many events are selected.
    #[arg(long, requires = "events", conflicts_with = "event")]
    pub count: bool,

    /// With --events: select the events that match no pattern.
    #[arg(short = 'v', long, requires = "events", conflicts_with = "event")]
    pub invert: bool,

    /// With --events: read every input as JSON Lines, whatever its extension.
    #[arg(long, requires = "events", conflicts_with = "event")]
    pub jsonl: bool,

    /// With --events: follow symbolic links inside folders.
    #[arg(short = 'L', long, requires = "events", conflicts_with = "event")]
    pub follow: bool,

    /// Ask AWS's TestEventPattern too, and say where it disagrees with the local engine.
    #[arg(long)]
    pub remote: bool,

    #[command(flatten)]
    pub bus: BusSourceArgs,

    #[command(flatten)]
    pub aws: AwsArgs,
}

#[derive(Debug, Args)]
pub struct RouteArgs {
    /// Event files, folders (every *.json, *.jsonl, *.ndjson inside) or `-` for stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// An event file (repeatable; same as a positional PATH).
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Read every input as JSON Lines, whatever its extension.
    #[arg(long)]
    pub jsonl: bool,

    /// Follow symbolic links inside folders (each file is read once; loops are reported).
    #[arg(short = 'L', long)]
    pub follow: bool,

    #[command(flatten)]
    pub bus: BusSourceArgs,

    #[command(flatten)]
    pub aws: AwsArgs,

    /// Compare each prediction with the expectation recorded beside its file
    /// (x.json → x.expected.json, x.jsonl → x.expected.jsonl); exit 1 on any difference.
    #[arg(long)]
    pub check: bool,

    /// With --check: write the expectation files that are missing or differ, from the
    /// predictions, after showing each difference (to seed a folder of your own events).
    #[arg(long, requires = "check")]
    pub record: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub aws: AwsArgs,

    #[command(subcommand)]
    pub command: RulesCommand,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Every rule on the bus: state, pattern or schedule, targets.
    List(ListArgs),
    /// One rule in detail: pattern, targets with retry policy and dead-letter queue.
    Show(ShowArgs),
    /// Enable rules (snapshotting every rule's state first).
    Enable(ChangeArgs),
    /// Disable rules (snapshotting every rule's state first).
    Disable(ChangeArgs),
    /// Put every rule of a snapshot back to its recorded state.
    Restore(RestoreArgs),
    /// The snapshots in the snapshot folder, newest first: bus, region, when, rules.
    Snapshots(SnapshotsArgs),
    /// Check a rule set against what 2.27.0 publishes (offline); exit 1 on findings.
    Lint(LintArgs),
}

#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub bus: BusSourceArgs,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only rules whose name starts with this.
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The rule's name.
    #[arg(value_name = "NAME")]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct ChangeArgs {
    /// Rules to change, by name.
    #[arg(value_name = "NAME", required_unless_present = "all", conflicts_with = "all")]
    pub names: Vec<String>,

    /// Every rule on the bus except those AWS manages (ManagedBy set, e.g. an archive's Events-Archive-*).
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub options: ChangeOptions,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A snapshot written by `rules enable|disable|restore`.
    #[arg(value_name = "SNAPSHOT", required_unless_present = "latest", conflicts_with = "latest")]
    pub file: Option<PathBuf>,

    /// The newest snapshot of this bus in the snapshot folder.
    #[arg(long)]
    pub latest: bool,

    #[command(flatten)]
    pub options: ChangeOptions,
}

/// How a change is confirmed and recorded.
#[derive(Debug, Args)]
pub struct ChangeOptions {
    /// Change without asking (required when there is no terminal).
    #[arg(short = 'y', long)]
    pub yes: bool,

    /// Show what would change; change nothing and write no snapshot.
    #[arg(long)]
    pub dry_run: bool,

    /// Where to save every rule's state before changing anything (default: the snapshot folder,
    /// as alchemiser-rules-<bus>-<UTC yyyymmddThhmmssZ>.json; never overwritten).
    #[arg(long, value_name = "PATH")]
    pub snapshot: Option<PathBuf>,

    #[command(flatten)]
    pub folder: SnapshotDirArgs,
}

/// Where snapshots are kept.
#[derive(Debug, Default, Args)]
pub struct SnapshotDirArgs {
    /// The snapshot folder (default: $XDG_STATE_HOME/alchemiser/snapshots, else
    /// ~/.local/state/alchemiser/snapshots).
    #[arg(long, value_name = "DIR")]
    pub snapshot_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SnapshotsArgs {
    #[command(flatten)]
    pub folder: SnapshotDirArgs,
}

/// `--force` and `--yes` for commands that can trade or crash the Lambda.
#[derive(Debug, Args)]
pub struct GuardArgs {
    /// Send events the prediction flags (trades, crashes, validation failures).
    #[arg(long)]
    pub force: bool,

    /// Confirm without asking; needed (with --force) for live trades in prod off a terminal.
    #[arg(short = 'y', long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct PutEventsArgs {
    /// Event files, folders or `-` for stdin: envelopes (source, detail-type, detail) or
    /// PutEvents entries (Source, DetailType, Detail).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read every input as JSON Lines, whatever its extension.
    #[arg(long)]
    pub jsonl: bool,

    /// Follow symbolic links inside folders (each file is read once; loops are reported).
    #[arg(short = 'L', long)]
    pub follow: bool,

    #[command(flatten)]
    pub guard: GuardArgs,

    /// Print the entries and the guard's verdicts; send nothing (the deployed rules are still
    /// read when AWS can be reached, else the embedded 2.27.0 rules decide).
    #[arg(long)]
    pub dry_run: bool,

    /// The rules the guard routes events through: the bus's deployed rules and targets, or the
    /// embedded 2.27.0 ones.
    #[arg(long, value_enum, default_value = "deployed", conflicts_with = "template")]
    pub rules: RuleSource,

    /// Route through the rules of a SAM/CloudFormation template instead.
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,

    /// Write the `failed` entries here (JSON Lines envelopes; safe to send again). Always
    /// written, empty when nothing failed.
    #[arg(long, value_name = "FILE")]
    pub failed_out: Option<PathBuf>,

    /// Write the `unknown` entries here (JSON Lines envelopes; they may have been delivered:
    /// check before sending again). Always written, empty when none.
    #[arg(long, value_name = "FILE")]
    pub unknown_out: Option<PathBuf>,

    /// Write every input's outcome here as JSON Lines (what `-o json` prints), whatever `-o` is;
    /// the table lists only the events that were not sent.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// PutEvents calls in flight at once.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,

    /// Attempts per entry when AWS answers ThrottlingException or InternalFailure.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub attempts: u32,

    #[command(flatten)]
    pub aws: AwsArgs,
}

/// Which rules `put-events` routes through before sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RuleSource {
    /// ListRules and ListTargetsByRule on the bus, once per run.
    Deployed,
    /// The four rules of 2.27.0, as its template deploys them.
    Embedded,
}

#[derive(Debug, Args)]
pub struct InvokeArgs {
    /// The event: inline JSON, a file, or `-` for stdin. Sent exactly as written.
    #[arg(value_name = "EVENT")]
    pub event: String,

    /// Invoke asynchronously (InvocationType Event), as EventBridge does: no result.
    #[arg(long = "async")]
    pub asynchronous: bool,

    #[command(flatten)]
    pub guard: GuardArgs,

    /// Show the prediction and the guard's verdict; invoke nothing.
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub aws: AwsArgs,
}

/// The options every command shares, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Globals {
    pub stage: Stage,
    /// Whether the operator named the stage (`--stage` or `ALCHEMISER_STAGE`), rather than
    /// taking the default: a named stage that contradicts a target's name is refused.
    pub stage_explicit: bool,
    pub output: OutputFormat,
    pub style: crate::render::Style,
    /// Colour on stderr (messages, prompts): decided for stderr as `style` is for stdout.
    pub err_style: crate::render::Style,
}

/// `replay --since …` starts a replay; `replay list|status|cancel` manage them. The start flags
/// are refused next to a subcommand by the command itself: clap's `args_conflicts_with_subcommands`
/// would also refuse global flags placed before the subcommand (`replay -o json list`).
#[derive(Debug, Args)]
#[command(subcommand_negates_reqs = true, arg_required_else_help = true)]
pub struct ReplayArgs {
    #[command(subcommand)]
    pub command: Option<ReplayCommand>,

    #[command(flatten)]
    pub start: ReplayStartArgs,

    #[command(flatten)]
    pub aws: AwsArgs,
}

/// Starting a replay (`alchemiser replay --since 2h`).
#[derive(Debug, Args)]
pub struct ReplayStartArgs {
    /// Replay events from this time: 30s, 5m, 2h, 1d, 1w (ago), now, epoch seconds, or ISO 8601
    /// (without a zone: local time).
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,

    /// Replay events up to this time (same forms; default: now).
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,

    /// Deliver only to this rule of the bus (repeatable; default: every rule).
    #[arg(long = "rule", value_name = "NAME")]
    pub rules: Vec<String>,

    /// The replay's name (default: replay-YYYYMMDD-HHMMSS, now in UTC).
    #[arg(long, value_name = "NAME", value_parser = crate::aws::replay::parse_replay_name)]
    pub name: Option<String>,

    /// The archive to replay (default: alchemiser-event-archive-<stage>).
    #[arg(long, value_name = "NAME")]
    pub archive: Option<String>,

    /// Start without asking (required when there is no terminal).
    #[arg(short = 'y', long)]
    pub yes: bool,

    /// Show what would be started; start nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Wait for the replay to end: exit 0 when COMPLETED, 1 when FAILED or CANCELLED.
    #[arg(long)]
    pub wait: bool,

    /// Seconds between DescribeReplay calls with --wait [default: 5].
    #[arg(long, value_name = "SECONDS", value_parser = parse_poll_interval, requires = "wait")]
    pub poll_interval: Option<std::time::Duration>,

    /// Show what the replay would do, without doing it: replay the window into a temporary
    /// capture rule and queue only, then route what arrives offline (the window is read twice:
    /// now, and again by the real replay).
    #[arg(long, conflicts_with_all = ["dry_run", "wait", "yes", "name"])]
    pub preview: bool,

    /// With --preview: leave the capture rule and queue in place, and print their names.
    #[arg(long, requires = "preview")]
    pub keep: bool,

    /// With --preview: write the captured events to FILE, one JSON line each.
    #[arg(long, value_name = "FILE", requires = "preview")]
    pub events_out: Option<PathBuf>,
}

fn parse_poll_interval(text: &str) -> Result<std::time::Duration, String> {
    crate::when::parse_seconds(text, 0.1, 3600.0)
}

fn parse_interval(text: &str) -> Result<std::time::Duration, String> {
    crate::when::parse_seconds(text, 0.05, 3600.0)
}

#[derive(Debug, Subcommand)]
pub enum ReplayCommand {
    /// Replays in this account and region (they are not per bus).
    List(ReplayListArgs),
    /// One replay: state, window, progress, archive, destination and rule filter.
    Status(ReplayNameArgs),
    /// Cancel a replay (events already replayed stay delivered).
    Cancel(ReplayCancelArgs),
}

#[derive(Debug, Args)]
pub struct ReplayListArgs {
    /// Only replays whose name starts with this.
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,

    /// Only replays in this state.
    #[arg(long, value_enum)]
    pub state: Option<ReplayStateArg>,
}

/// A replay state, as `--state` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReplayStateArg {
    Starting,
    Running,
    Cancelling,
    Completed,
    Cancelled,
    Failed,
}

impl ReplayStateArg {
    /// As EventBridge spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ReplayStateArg::Starting => "STARTING",
            ReplayStateArg::Running => "RUNNING",
            ReplayStateArg::Cancelling => "CANCELLING",
            ReplayStateArg::Completed => "COMPLETED",
            ReplayStateArg::Cancelled => "CANCELLED",
            ReplayStateArg::Failed => "FAILED",
        }
    }
}

#[derive(Debug, Args)]
pub struct ReplayNameArgs {
    /// The replay's name.
    #[arg(value_name = "NAME")]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct ReplayCancelArgs {
    /// The replay's name.
    #[arg(value_name = "NAME")]
    pub name: String,

    /// Cancel without asking (required when there is no terminal).
    #[arg(short = 'y', long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ArchivesArgs {
    #[command(flatten)]
    pub aws: AwsArgs,

    /// What to do (default: `list`).
    #[command(subcommand)]
    pub command: Option<ArchivesCommand>,
}

#[derive(Debug, Subcommand)]
pub enum ArchivesCommand {
    /// Every archive in this account and region.
    List(ArchivesListArgs),
}

#[derive(Debug, Default, Args)]
pub struct ArchivesListArgs {
    /// Only archives whose name starts with this.
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
}

/// `logs`: a window of the log group, `--follow`, `--live` or `--summary`.
#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Log group (default: /aws/lambda/the-alchemiser-v2-lambda-<stage>).
    #[arg(long, value_name = "NAME")]
    pub log_group: Option<String>,

    /// Start: 30s, 5m, 2h, 1d, 1w (ago), now, epoch seconds, or ISO 8601 (without a zone: local time).
    #[arg(long, value_name = "TIME", default_value = "10m")]
    pub since: String,

    /// End (same forms; default: now).
    #[arg(long, value_name = "TIME", conflicts_with_all = ["follow", "live"])]
    pub until: Option<String>,

    /// CloudWatch Logs filter pattern, passed through (default: "Routing to eventbridge_handler").
    #[arg(long, value_name = "PATTERN", conflicts_with = "all")]
    pub filter: Option<String>,

    /// Every event: no filter pattern.
    #[arg(long)]
    pub all: bool,

    /// Follow one workflow: lines holding this id (filtered as a quoted term unless --filter or
    /// --all is given), or carrying it in a parsed field.
    #[arg(long, value_name = "ID")]
    pub correlation_id: Option<String>,

    /// Stop after N events.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..), conflicts_with_all = ["follow", "live"])]
    pub limit: Option<u64>,

    /// Events per FilterLogEvents call (default: AWS's maximum, 10000).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub page_size: Option<u64>,

    /// Keep polling for new events until Ctrl-C (nothing missed or printed twice).
    #[arg(short = 'f', long)]
    pub follow: bool,

    /// Stream events as they arrive with CloudWatch Live Tail, until Ctrl-C.
    #[arg(long, conflicts_with_all = ["follow", "since", "summary"])]
    pub live: bool,

    /// Seconds between polls with --follow.
    #[arg(long, value_name = "SECONDS", default_value = "2", value_parser = parse_interval)]
    pub interval: std::time::Duration,

    /// With --follow, say on stderr after this many seconds without a new event (0: never).
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(0..=86_400))]
    pub idle_notice: u64,

    /// How to print each event (`-o json` means json).
    #[arg(long, value_enum, default_value = "short")]
    pub format: LogFormatArg,

    /// Print counts (paths, outcomes, detail-types, errors, durations) instead of the lines.
    #[arg(long, conflicts_with = "follow")]
    pub summary: bool,

    /// With --summary: have CloudWatch Logs Insights count the lines (the default for windows
    /// over 24 hours), instead of reading every line here.
    #[arg(long, requires = "summary", conflicts_with_all = ["no_insights", "filter", "limit"])]
    pub insights: bool,

    /// With --summary: read every line here, whatever the window.
    #[arg(long, requires = "summary")]
    pub no_insights: bool,

    #[command(flatten)]
    pub aws: AwsArgs,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (put-events, rules, …); none: the main page.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `logs --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormatArg {
    /// Time and message.
    Short,
    /// Time with milliseconds, log stream and message.
    Detailed,
    /// One JSON object per event (same as `-o json`).
    Json,
}

/// The command definitions, for the completion scripts and the man page.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_urls_need_a_scheme() {
        assert!(parse_endpoint_url("http://127.0.0.1:5000").is_ok());
        assert!(parse_endpoint_url("127.0.0.1:5000").is_err());
    }
}
