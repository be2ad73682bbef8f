//! The `alchemiser` binary: parse, dispatch, map outcomes to exit codes.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use alchemiser::cli::{Cli, ColorChoice, Command};
use alchemiser::commands::route::{self, RouteOptions};
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
                stage: cli.stage.into(),
                bus: alchemiser::bus::default_bus(cli.stage.into()),
                output: cli.output,
                style,
            };
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let result = route::run(&opts, &mut io::stdin().lock(), &mut out, &mut io::stderr());
            result.and_then(|exit| out.flush().map(|_| exit))
        }
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
