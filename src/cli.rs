//! The command line, as clap definitions (also the source of completions and the man page).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::aws::AwsArgs;
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
    /// Deployment stage: derives every resource name; dev trades paper, prod trades live.
    #[arg(long, global = true, value_enum, default_value = "dev", env = "ALCHEMISER_STAGE")]
    pub stage: StageArg,

    /// Output format: tables for people, JSON Lines for scripts.
    #[arg(short = 'o', long, global = true, value_enum, default_value = "table")]
    pub output: OutputFormat,

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
}

/// Where the bus's rules and archive come from (default: the embedded 2.27.0 bus).
#[derive(Debug, Args)]
pub struct BusSourceArgs {
    /// Read the rules, targets and archive from a SAM/CloudFormation template.
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
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
    #[arg(long, value_name = "EVENT")]
    pub event: String,

    #[command(flatten)]
    pub bus: BusSourceArgs,
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

    #[command(flatten)]
    pub bus: BusSourceArgs,

    /// Compare each prediction with the expectation recorded beside its file
    /// (x.json → x.expected.json, x.jsonl → x.expected.jsonl); exit 1 on any difference.
    #[arg(long)]
    pub check: bool,
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
    #[arg(value_name = "SNAPSHOT")]
    pub file: PathBuf,

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

    /// Where to save every rule's state before changing anything
    /// (default: ./alchemiser-rules-<bus>-<UTC yyyymmddThhmmssZ>.json; never overwritten).
    #[arg(long, value_name = "PATH")]
    pub snapshot: Option<PathBuf>,
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

    #[command(flatten)]
    pub guard: GuardArgs,

    /// Print the entries and the guard's verdicts; send nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Write the entries that failed to this file (JSON Lines), to send again.
    #[arg(long, value_name = "FILE")]
    pub failed_out: Option<PathBuf>,

    /// PutEvents calls in flight at once.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,

    /// Attempts per entry when AWS answers ThrottlingException or InternalFailure.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub attempts: u32,

    #[command(flatten)]
    pub bus_source: BusSourceArgs,

    #[command(flatten)]
    pub aws: AwsArgs,
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
    pub output: OutputFormat,
    pub style: crate::render::Style,
}
