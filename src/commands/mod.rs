//! One module per subcommand, plus what several of them share.

pub mod pattern;
pub mod put_events;
pub mod route;
pub mod rules;

use crate::bus::{Bus, default_bus};
use crate::cli::BusSourceArgs;
use crate::routing::Stage;

/// The bus the command works against: a template when given, else the embedded 2.27.0 bus.
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
