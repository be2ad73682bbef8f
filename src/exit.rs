//! The exit codes, one place (documented in docs/manual.md, "Exit codes").

/// What a run ended with. Like ripgrep: 0 all good, 1 "no"/findings, 2 errors; AWS failures
/// get their own codes so scripts can tell "fix your credentials" from "the rule is gone".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything asked for was done (and every expectation held).
    Success,
    /// A "no": an expectation failed, a pattern did not match, lint found something, or some
    /// entries/rules were not changed.
    Failure,
    /// Usage error, or an input that could not be read or decoded.
    Error,
    /// AWS configuration: no credentials, no region, unknown profile.
    AwsConfig,
    /// AWS unreachable: endpoint down, DNS, timeout.
    AwsUnreachable,
    /// AWS refused: access denied, bad signature, expired token.
    AwsAccessDenied,
    /// An AWS resource does not exist (bus, rule, function, archive, log group).
    AwsNotFound,
    /// Any other AWS service error (throttled after retries, validation, internal error).
    AwsService,
    /// Interrupted (Ctrl-C) before finishing.
    Interrupted,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Error => 2,
            Exit::AwsConfig => 3,
            Exit::AwsUnreachable => 4,
            Exit::AwsAccessDenied => 5,
            Exit::AwsNotFound => 6,
            Exit::AwsService => 7,
            Exit::Interrupted => 130,
        }
    }

    /// The worse of two outcomes (errors beat failures beat success).
    pub fn worst(self, other: Exit) -> Exit {
        if other.rank() > self.rank() { other } else { self }
    }

    fn rank(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            _ => 2,
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}
