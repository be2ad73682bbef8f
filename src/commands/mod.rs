//! One module per subcommand, plus what several of them share.

pub mod completions;
pub mod config;
pub mod invoke;
pub mod logs;
pub mod pattern;
pub mod put_events;
pub mod replay;
pub mod route;
pub mod rules;
pub mod status;

use crate::bus::{Bus, default_bus};
use crate::cli::{BusSourceArgs, Globals};
use crate::guard::StageClue;
pub use crate::interrupts::Interrupts;
use crate::routing::Stage;

/// The stage a command that acts works at: the stricter of `--stage` and what the names of the
/// resources it touches say (see [`crate::guard::acting_stage`]); a contradiction is a usage error.
pub fn acting_stage(globals: &Globals, clues: &[StageClue]) -> Result<Stage, CommandError> {
    crate::guard::acting_stage(globals.stage, globals.stage_explicit, clues).map_err(CommandError::Usage)
}

/// What `--bus` and `--function` say about the stage.
pub fn name_clues(aws: &crate::cli::AwsArgs) -> Vec<StageClue> {
    let bus = aws.bus.as_deref().and_then(|name| StageClue::from_name("bus", name));
    let function = aws.function.as_deref().and_then(|name| StageClue::from_name("function", name));
    bus.into_iter().chain(function).collect()
}

/// The bus from a template when given, else the embedded 2.27.0 bus (`--live` is read by
/// [`bus_for`]).
pub fn offline_bus(source: &BusSourceArgs, stage: Stage) -> anyhow::Result<Bus> {
    use anyhow::Context;
    match &source.template {
        None => Ok(default_bus(stage)),
        Some(path) => {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).with_context(|| name.clone())?;
            crate::bus::template::from_template(&text, stage, &name).map_err(anyhow::Error::msg).context(name)
        }
    }
}

/// The bus the command works against, reading the deployed one for `--live`; on failure the
/// error is printed and its exit code returned.
pub fn bus_for(source: &BusSourceArgs, aws: &crate::cli::AwsArgs, stage: Stage) -> Result<Bus, crate::exit::Exit> {
    if !source.live {
        return offline_bus(source, stage).map_err(|e| {
            eprintln!("error: {e:#}");
            crate::exit::Exit::Error
        });
    }
    let mut bus = None;
    let exit = block_on_aws(async {
        let ctx = crate::aws::load(&aws.settings(), stage).await?;
        bus = Some(crate::aws::live_bus::load(&ctx).await?);
        Ok(crate::exit::Exit::Success)
    });
    bus.ok_or(exit)
}

/// Runs one AWS step of an otherwise offline command (`--live`, `--remote`) on a small runtime
/// of its own, printing an AWS failure as one line and returning its exit code. Unlike [`shell`]
/// it leaves Ctrl-C alone: the offline work that follows must still stop at a Ctrl-C.
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
    exit_for_result(runtime.block_on(future).map_err(CommandError::from))
}

/// Asks the operator a yes/no question (wired to the terminal by [`ask_at_terminal`]).
pub type Confirm<'a> = &'a mut dyn FnMut(&str) -> std::io::Result<bool>;

/// How long a command may take to end after the Ctrl-C that should end it, before the process
/// is ended anyway (a body blocked in synchronous code, such as a read from a terminal, cannot
/// see the press).
const INTERRUPT_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Counts SIGINT for the rest of the process (the default effect, ending it, is replaced): the
/// `last`-th press ends the process after [`INTERRUPT_GRACE`] if the command has not ended by then.
fn count_interrupts(press: tokio::sync::watch::Sender<u32>, last: u32) {
    let Ok(mut signals) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()) else { return };
    tokio::spawn(async move {
        while signals.recv().await.is_some() {
            press.send_modify(|n| *n += 1);
            if *press.borrow() == last {
                tokio::spawn(async {
                    tokio::time::sleep(INTERRUPT_GRACE).await;
                    eprintln!("interrupted");
                    std::process::exit(crate::exit::Exit::Interrupted.code().into());
                });
            }
        }
    });
}

/// Whether a person can answer a prompt: stderr shows the question and the process has a
/// controlling terminal to read the answer from (stdin may be a pipe of events).
pub fn can_prompt() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::fs::File::open("/dev/tty").is_ok()
}

/// The one prompt: writes `question [y/N]` on stderr and reads the answer from the controlling
/// terminal, never from stdin (which may hold events and may be locked by its reader). Only
/// `y`/`yes` is a yes; end of input or a Ctrl-C while waiting (`interrupts`) is a no.
pub fn ask_at_terminal(question: &str, interrupts: &Interrupts) -> std::io::Result<bool> {
    use std::io::{BufRead, Write};
    // Counted before the question shows, so that a Ctrl-C right after it is not missed.
    let pressed = interrupts.count();
    let tty = std::fs::File::open("/dev/tty")?;
    let mut err = std::io::stderr();
    write!(err, "{question} [y/N] ")?;
    err.flush()?;
    // The read blocks, so it runs on a thread of its own while this one watches for Ctrl-C.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut answer = String::new();
        let read = std::io::BufReader::new(tty).read_line(&mut answer).map(|_| answer);
        let _ = tx.send(read);
    });
    loop {
        match rx.recv_timeout(std::time::Duration::from_millis(20)) {
            Ok(answer) => return Ok(matches!(answer?.trim().to_ascii_lowercase().as_str(), "y" | "yes")),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return Ok(false),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) if interrupts.count() > pressed => {
                writeln!(err)?;
                return Ok(false);
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
        }
    }
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

/// Where an interactive AWS command writes, whether it may ask, and its Ctrl-C presses.
pub struct Io<'a> {
    pub out: &'a mut dyn std::io::Write,
    pub err: &'a mut dyn std::io::Write,
    /// None when there is no terminal to ask on: changes then need `--yes`.
    pub confirm: Option<Confirm<'a>>,
    pub interrupts: Interrupts,
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
    /// A failure with what it happened to (a file, a template), as one line.
    #[error("{0:#}")]
    Context(#[from] anyhow::Error),
}

impl CommandError {
    pub fn exit(&self) -> crate::exit::Exit {
        match self {
            CommandError::Aws(e) => e.exit,
            CommandError::Usage(_) | CommandError::Io(_) | CommandError::Context(_) => crate::exit::Exit::Error,
        }
    }
}

/// Prints a failure once, as one line, and returns its exit code.
fn exit_for_result(result: Result<crate::exit::Exit, CommandError>) -> crate::exit::Exit {
    match result {
        Ok(exit) => exit,
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(CommandError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => crate::exit::Exit::Success,
        Err(e) => {
            eprintln!("error: {e}");
            e.exit()
        }
    }
}

/// How a command meets Ctrl-C.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnInterrupt {
    /// The first Ctrl-C ends the command (exit 130); one that declined a prompt does too.
    Stop,
    /// The command watches `io.interrupts` and decides its own ending and exit code; a second
    /// Ctrl-C ends it at once if it has not ended itself.
    Handle,
}

impl OnInterrupt {
    /// The press that ends the command whatever it is doing.
    fn last_press(self) -> u32 {
        match self {
            OnInterrupt::Stop => 1,
            OnInterrupt::Handle => 2,
        }
    }
}

/// The one shell every AWS command runs in: a runtime with Ctrl-C counted, stdout buffered,
/// stderr, the terminal prompt when a person can answer, errors printed once and mapped to
/// exit codes, a closed stdout (`| head`) taken as success.
pub fn shell(
    on_interrupt: OnInterrupt,
    body: impl AsyncFnOnce(&mut Io<'_>) -> Result<crate::exit::Exit, CommandError>,
) -> crate::exit::Exit {
    use std::io::Write;
    // One worker thread: the signal listener keeps counting while a prompt blocks this thread.
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return crate::exit::Exit::Error;
        }
    };
    runtime.block_on(async {
        let (press, interrupts) = Interrupts::channel();
        count_interrupts(press, on_interrupt.last_press());
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let mut err = std::io::stderr();
        let prompt_interrupts = interrupts.clone();
        let mut ask = |question: &str| ask_at_terminal(question, &prompt_interrupts);
        let confirm: Option<Confirm<'_>> = if can_prompt() { Some(&mut ask) } else { None };
        let mut io = Io { out: &mut out, err: &mut err, confirm, interrupts: interrupts.clone() };
        // A body that handles Ctrl-C gets a moment to end in its own way after the last press.
        let ended = async {
            interrupts.reached(on_interrupt.last_press()).await;
            if on_interrupt == OnInterrupt::Handle {
                tokio::time::sleep(INTERRUPT_GRACE / 4).await;
            }
        };
        let result = tokio::select! {
            result = body(&mut io) => result,
            () = ended => {
                eprintln!("interrupted");
                Ok(crate::exit::Exit::Interrupted)
            }
        };
        // A reader gone at the last flush (`| head`) changes nothing the command decided.
        let flushed = result.and_then(|exit| match out.flush() {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CommandError::from(e)),
            _ => Ok(exit),
        });
        let exit = exit_for_result(flushed);
        if on_interrupt == OnInterrupt::Stop && interrupts.count() > 0 { crate::exit::Exit::Interrupted } else { exit }
    })
}

/// Loads AWS and runs `body` in the [`shell`], Ctrl-C ending it.
pub fn run_aws(
    aws: &crate::cli::AwsArgs,
    stage: Stage,
    body: impl AsyncFnOnce(&crate::aws::AwsContext, &mut Io<'_>) -> Result<crate::exit::Exit, CommandError>,
) -> crate::exit::Exit {
    shell(OnInterrupt::Stop, async |io| {
        let context = crate::aws::load(&aws.settings(), stage).await?;
        body(&context, io).await
    })
}
