//! `alchemiser`: the operator CLI for The Alchemiser trading system.
//!
//! In layers, each using only those below it (`tests/layers.rs`; docs/development.md): the
//! foundations (`json`, `exit`, `when`, `logline`, `interrupts`); the pure cores (`pattern`,
//! `routing`); the system's data (`bus`, `entries`, `guard`, `hint`, `input`); the edges (`render` for
//! output, `aws` for AWS); `cli`, the command line; `commands`, one per subcommand. `main.rs` only
//! parses and dispatches.
//!
//! Comments citing "facts §N" point to `docs/behaviour-2.27.md`, the behaviour of the 2.27.0
//! system that `routing` predicts.

pub mod aws;
pub mod bus;
pub mod cli;
pub mod commands;
pub mod config;
pub mod entries;
pub mod exit;
pub mod guard;
pub mod hint;
pub mod input;
pub mod interrupts;
pub mod json;
pub mod logline;
pub mod pattern;
pub mod render;
pub mod routing;
pub mod when;
