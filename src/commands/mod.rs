//! One module per subcommand, plus what several of them share.

pub mod completions;
pub mod invoke;
pub mod logs;
pub mod pattern;
pub mod put_events;
pub mod replay;
pub mod route;
pub mod rules;

use crate::bus::{Bus, default_bus};
use crate::cli::BusSourceArgs;
use crate::routing::Stage;

/// The bus from a template when given, else the embedded 2.27.0 bus (`--live` is read by
/// [`load_bus_any`]).
pub fn load_bus(source: &BusSourceArgs, stage: Stage) -> Result<Bus, String> {
    match &source.template {
        None => Ok(default_bus(stage)),
        Some(path) => {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
            crate::bus::template::from_template(&text, stage, &name).map_err(|e| format!("{name}: {e}"))
        }
    }
}

/// The bus the command works against, reading the deployed one for `--live`; on failure the
/// error is printed and its exit code returned.
pub fn load_bus_any(source: &BusSourceArgs, aws: &crate::aws::AwsArgs, stage: Stage) -> Result<Bus, crate::exit::Exit> {
    if !source.live {
        return load_bus(source, stage).map_err(|message| {
            eprintln!("error: {message}");
            crate::exit::Exit::Error
        });
    }
    let mut bus = None;
    let exit = block_on_aws(async {
        let ctx = crate::aws::load(aws, stage).await?;
        bus = Some(crate::aws::live_bus::load(&ctx).await?);
        Ok(crate::exit::Exit::Success)
    });
    bus.ok_or(exit)
}

/// Runs an AWS command's future on a small runtime of its own (offline commands never start
/// one), printing an AWS failure as one line and returning its exit code.
pub fn block_on_aws<F>(future: F) -> crate::exit::Exit
where
    F: std::future::Future<Output = Result<crate::exit::Exit, crate::aws::error::AwsError>>,
{
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return crate::exit::Exit::Error;
        }
    };
    match runtime.block_on(future) {
        Ok(exit) => exit,
        Err(e) => {
            eprintln!("error: {}", e.message);
            e.exit
        }
    }
}

/// Asks the operator a yes/no question (wired to the terminal by `ask`).
pub type Confirm<'a> = &'a mut dyn FnMut(&str) -> std::io::Result<bool>;

/// Asks a yes/no question on stderr; only called when stdin and stderr are terminals.
pub fn ask(question: &str) -> std::io::Result<bool> {
    use std::io::Write;
    let mut err = std::io::stderr();
    write!(err, "{question} [y/N] ")?;
    err.flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes"))
}

/// Whether a person can answer a prompt.
pub fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// The exit code of an offline command's I/O result: a closed pipe (`| head`) is the
/// reader's choice, not an error; any other write failure is.
pub fn finish_io(result: std::io::Result<crate::exit::Exit>) -> crate::exit::Exit {
    match result {
        Ok(exit) => exit,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => crate::exit::Exit::Success,
        Err(e) => {
            eprintln!("error: {e}");
            crate::exit::Exit::Error
        }
    }
}

/// Where an interactive AWS command writes, and whether it may ask.
pub struct Io<'a> {
    pub out: &'a mut dyn std::io::Write,
    pub err: &'a mut dyn std::io::Write,
    /// None when there is no terminal to ask on: changes then need `--yes`.
    pub confirm: Option<Confirm<'a>>,
}

/// Why an AWS command stopped before finishing.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Aws(#[from] crate::aws::AwsError),
    /// Refused or unreadable input (no `--yes`, a bad snapshot, conflicting flags): nothing changed.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl CommandError {
    pub fn exit(&self) -> crate::exit::Exit {
        match self {
            CommandError::Aws(e) => e.exit,
            CommandError::Usage(_) | CommandError::Io(_) => crate::exit::Exit::Error,
        }
    }
}

/// Prints a usage or I/O failure once; an AWS failure goes up to [`block_on_aws`].
fn settle(result: Result<crate::exit::Exit, CommandError>) -> Result<crate::exit::Exit, crate::aws::AwsError> {
    match result {
        Ok(exit) => Ok(exit),
        Err(CommandError::Aws(e)) => Err(e),
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(CommandError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(crate::exit::Exit::Success),
        Err(e) => {
            eprintln!("error: {e}");
            Ok(e.exit())
        }
    }
}

/// Loads AWS and runs `body` with stdout, stderr and (on a terminal) a prompt.
pub fn run_aws(
    aws: &crate::aws::AwsArgs,
    stage: Stage,
    body: impl AsyncFnOnce(&crate::aws::AwsContext, &mut Io<'_>) -> Result<crate::exit::Exit, CommandError>,
) -> crate::exit::Exit {
    use std::io::Write;
    let mut ask = ask;
    block_on_aws(async {
        let context = crate::aws::load(aws, stage).await?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let mut err = std::io::stderr();
        let confirm: Option<Confirm<'_>> = if interactive() { Some(&mut ask) } else { None };
        let mut io = Io { out: &mut out, err: &mut err, confirm };
        let result = body(&context, &mut io).await;
        settle(result.and_then(|exit| out.flush().map(|()| exit).map_err(CommandError::from)))
    })
}
