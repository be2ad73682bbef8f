//! `alchemiser`: the operator CLI for The Alchemiser trading system.
//!
//! The pure cores (`json`, `routing`, `pattern`) take data and return decisions; `input`
//! reads events, `render` formats results, `commands` do the I/O, `main.rs` only dispatches.

pub mod aws;
pub mod bus;
pub mod cli;
pub mod commands;
pub mod entries;
pub mod exit;
pub mod guard;
pub mod input;
pub mod interrupts;
pub mod json;
pub mod logline;
pub mod pattern;
pub mod render;
pub mod routing;
pub mod when;
