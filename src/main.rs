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
    let mut cli = Cli::parse();
    // Completions and man pages describe the tool, whatever the configuration says.
    let uses_config = !matches!(cli.command, Command::Completions(_) | Command::Man(_));
    let config_path = alchemiser::config::config_path();
    let file = match config_path.as_deref().filter(|_| uses_config).map(alchemiser::config::read).transpose() {
        Ok(file) => file.unwrap_or_default(),
        Err(message) => {
            eprintln!("error: {message}");
            return Exit::Error.into();
        }
    };
    let color = |terminal: bool| match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    // Flag or environment, then the configuration file, then dev.
    let stage = cli.stage.map(Into::into).or(file.stage());
    let globals = Globals {
        stage: stage.unwrap_or(alchemiser::routing::Stage::Dev),
        stage_explicit: stage.is_some(),
        output: cli.output.into(),
        style: Style { color: color(io::stdout().is_terminal()) },
        err_style: Style { color: color(io::stderr().is_terminal()) },
    };
    if let Command::Config(args) = &cli.command {
        let path = config_path.unwrap_or_default();
        return commands::config::execute(args, &file, &path, cli.stage.is_some(), &globals).into();
    }
    // The file's section for the stage the command will act at: a `…-prod` name makes it prod.
    let clues: Vec<_> = cli
        .command
        .named_resources()
        .into_iter()
        .filter_map(|name| alchemiser::guard::StageClue::from_name("name", name))
        .collect();
    let acting = alchemiser::guard::acting_stage(globals.stage, false, &clues).unwrap_or(globals.stage);
    if let Some(resources) = cli.command.resource_args() {
        resources.fill_from(&file, acting);
    }
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
        Command::Status(args) => commands::status::execute(args, &globals),
        Command::Config(_) => Exit::Success,
    };
    exit.into()
}
