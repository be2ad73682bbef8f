//! `rules lint`: a rule set checked against what 2.27.0 publishes (offline).

use std::io::{self, Write};

use super::RulesOptions;
use crate::exit::Exit;
use crate::render::{OutputFormat, json_line, new_table};

/// `rules lint`: findings as a table or JSON Lines; exit 1 when there are any.
pub(super) fn lint(
    bus: &crate::bus::Bus,
    stage: crate::routing::Stage,
    opts: &RulesOptions,
    out: &mut dyn Write,
) -> io::Result<Exit> {
    let findings = crate::bus::lint::lint(bus, stage);
    let mut text = String::new();
    match opts.output {
        OutputFormat::Json => {
            for f in &findings {
                json_line(out, f)?;
            }
        }
        OutputFormat::Table if findings.is_empty() => {}
        OutputFormat::Table => {
            let mut table = new_table(opts.style);
            table.set_header(vec!["finding", "subject", "detail"]);
            for f in &findings {
                table.add_row(vec![f.code, f.subject.as_str(), f.message.as_str()]);
            }
            text.push_str(&crate::render::fitted(&mut table));
        }
    }
    out.write_all(text.as_bytes())?;
    eprintln!(
        "{} finding{} for {} ({})",
        findings.len(),
        if findings.len() == 1 { "" } else { "s" },
        bus.name,
        bus.origin
    );
    Ok(if findings.is_empty() { Exit::Success } else { Exit::Failure })
}
