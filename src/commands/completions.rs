//! `alchemiser completions SHELL` and `alchemiser man`: generated from the clap definitions,
//! so they always match the binary (the copies under `completions/` are checked by a test).

use std::io::{self, Write};

use crate::cli::command;
use crate::exit::Exit;

/// The completion script for `shell`.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command(), "alchemiser", &mut out);
    out
}

/// The man page in roff.
pub fn man_page() -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command()).render(&mut out)?;
    Ok(out)
}

pub fn execute_completions(args: crate::cli::CompletionsArgs) -> Exit {
    super::finish_io(io::stdout().lock().write_all(&script(args.shell)).map(|_| Exit::Success))
}

pub fn execute_man() -> Exit {
    super::finish_io(man_page().and_then(|page| io::stdout().lock().write_all(&page)).map(|_| Exit::Success))
}
