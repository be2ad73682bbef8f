//! The `alchemiser` binary: parse, dispatch, map outcomes to exit codes.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use alchemiser::cli::{Cli, ColorChoice, Command, PatternArgs, PatternCommand, PatternTestArgs, RulesArgs};
use alchemiser::commands::route::{self, RouteOptions};
use alchemiser::commands::rules::{self, RulesError, RulesOptions};
use alchemiser::commands::{self, pattern};
use alchemiser::render::OutputFormat;
use alchemiser::routing::Stage;
use alchemiser::exit::Exit;
use alchemiser::input::{Format, STDIN};
use alchemiser::render::Style;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout_tty = io::stdout().is_terminal();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let style = Style { color };
    let stage: Stage = cli.stage.into();
    let result = match cli.command {
        Command::Route(args) => {
            let mut paths = args.paths;
            paths.extend(args.files);
            if paths.is_empty() {
                if io::stdin().is_terminal() {
                    eprintln!("error: no events given: pass files, folders, or `-` for stdin (see `alchemiser route --help`)");
                    return Exit::Error.into();
                }
                paths.push(STDIN.into());
            }
            let opts = RouteOptions {
                paths,
                format: if args.jsonl { Format::JsonLines } else { Format::Auto },
                check: args.check,
                stage,
                bus: match commands::load_bus(&args.bus, stage) {
                    Ok(bus) => bus,
                    Err(message) => return fail(&message),
                },
                output: cli.output,
                style,
            };
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let result = route::run(&opts, &mut io::stdin().lock(), &mut out, &mut io::stderr());
            result.and_then(|exit| out.flush().map(|_| exit))
        }
        Command::Pattern(PatternArgs { command: PatternCommand::Test(args) }) => pattern_test(args, stage, cli.output),
        Command::Rules(args) => return rules_main(args, stage, cli.output, style),
    };
    match result {
        Ok(exit) => exit.into(),
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Success.into(),
        Err(e) => {
            eprintln!("error: {e}");
            Exit::Error.into()
        }
    }
}

/// Prints a one-line error and returns the usage/input exit code.
fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    Exit::Error.into()
}

fn pattern_test(args: PatternTestArgs, stage: Stage, output: OutputFormat) -> io::Result<Exit> {
    let mut stdin = io::stdin().lock();
    let patterns = match &args.pattern {
        Some(p) => pattern::read_json_arg("pattern", p, &mut stdin)
            .map(|text| vec![pattern::NamedPattern { name: "pattern".into(), text }]),
        None => commands::load_bus(&args.bus, stage).map_err(pattern::ArgError).and_then(|bus| {
            let names = if args.all_rules { bus.rules.iter().map(|r| r.name.clone()).collect() } else { args.rules };
            pattern::rule_patterns(&bus, &names)
        }),
    };
    let event = patterns.and_then(|p| pattern::read_json_arg("event", &args.event, &mut stdin).map(|e| (p, e)));
    match event {
        Ok((patterns, event)) => pattern::run(&patterns, &event, output, &mut io::stdout().lock(), &mut io::stderr()),
        Err(pattern::ArgError(message)) => {
            eprintln!("error: {message}");
            Ok(Exit::Error)
        }
    }
}

/// AWS commands get a small runtime of their own; the offline ones never start one.
fn rules_main(args: RulesArgs, stage: Stage, output: OutputFormat, style: Style) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => return fail(&format!("cannot start the async runtime: {e}")),
    };
    let mut ask = |question: &str| -> io::Result<bool> {
        let mut err = io::stderr();
        write!(err, "{question} [y/N] ")?;
        err.flush()?;
        let mut answer = String::new();
        io::stdin().read_line(&mut answer)?;
        Ok(matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes"))
    };
    let interactive = io::stdin().is_terminal() && io::stderr().is_terminal();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    let opts = RulesOptions { output, style };
    let result = runtime.block_on(async {
        let aws = alchemiser::aws::load(&args.aws, stage).await.map_err(RulesError::from)?;
        let confirm: Option<rules::Confirm> = if interactive { Some(&mut ask) } else { None };
        let mut io = rules::Io { out: &mut out, err: &mut err, confirm };
        rules::run(&args.command, &aws, &opts, &mut io).await
    });
    match result.and_then(|exit| out.flush().map(|_| exit).map_err(RulesError::from)) {
        Ok(exit) => exit.into(),
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(RulesError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Success.into(),
        Err(e) => {
            eprintln!("error: {e}");
            e.exit().into()
        }
    }
}
