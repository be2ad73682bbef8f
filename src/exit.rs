//! The exit codes, one place (documented in the README).

/// What a run ended with. Like ripgrep: 0 all good, 1 "no"/findings, 2 errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Every input was predicted and every expectation held.
    Success,
    /// An expectation failed (`route --check`).
    Failure,
    /// Usage error, or an input that could not be read or decoded.
    Error,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Error => 2,
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}
