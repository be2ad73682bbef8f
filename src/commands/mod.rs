//! One module per subcommand.

pub mod route;
