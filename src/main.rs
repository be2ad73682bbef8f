//! The `alchemiser` binary: parse, dispatch, map outcomes to exit codes.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::Parser;

use alchemiser::cli::{Cli, ColorChoice, Command, Globals};
use alchemiser::commands;
use alchemiser::exit::Exit;
use alchemiser::render::Style;

// Routing a batch allocates and frees every parsed event; glibc's malloc spent about a fifth
// of `route`'s instructions on that, mimalloc much less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = |terminal: bool| match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let globals = Globals {
        stage: cli.stage.map_or(alchemiser::routing::Stage::Dev, Into::into),
        stage_explicit: cli.stage.is_some(),
        output: cli.output.into(),
        style: Style { color: color(io::stdout().is_terminal()) },
        err_style: Style { color: color(io::stderr().is_terminal()) },
    };
    let exit: Exit = match cli.command {
        Command::Route(args) => commands::route::execute(args, &globals),
        Command::Pattern(args) => commands::pattern::execute(args, &globals),
        Command::Rules(args) => commands::rules::execute(args, &globals),
        Command::PutEvents(args) => commands::put_events::execute(args, &globals),
        Command::Invoke(args) => commands::invoke::execute(args, &globals),
        Command::Completions(args) => commands::completions::execute_completions(args),
        Command::Man(args) => commands::completions::execute_man(args),
        Command::Replay(args) => commands::replay::execute(args, &globals),
        Command::Archives(args) => commands::replay::execute_archives(args, &globals),
        Command::Logs(args) => commands::logs::execute(args, &globals),
    };
    exit.into()
}
