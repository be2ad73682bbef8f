//! `alchemiser config show`: every setting in force and where it came from.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::cli::{ConfigArgs, ConfigCommand, Globals};
use crate::config::{ConfigFile, Key, Source, resolve};
use crate::exit::Exit;
use crate::render::{OutputFormat, json_line, new_table};

/// One line of `config show`.
#[derive(Serialize)]
struct SettingJson {
    setting: &'static str,
    value: Option<String>,
    source: String,
}

pub fn execute(args: &ConfigArgs, file: &ConfigFile, path: &Path, stage_given: bool, globals: &Globals) -> Exit {
    let ConfigCommand::Show(show) = &args.command;
    let env = |name: &str| std::env::var(name).ok();
    // The stage: the flag or ALCHEMISER_STAGE (clap reads both into --stage), the file, dev.
    let stage_source = if stage_given {
        let on_command_line = std::env::args().any(|a| a == "--stage" || a.starts_with("--stage="));
        if on_command_line { Source::Flag } else { Source::Environment("ALCHEMISER_STAGE") }
    } else if file.stage().is_some() {
        Source::File
    } else {
        Source::BuiltIn
    };
    let aws = &show.aws;
    let flags = [
        (Key::Profile, aws.profile.as_deref()),
        (Key::Region, aws.region.as_deref()),
        (Key::EndpointUrl, aws.endpoint_url.as_deref()),
        (Key::Bus, aws.bus.as_deref()),
        (Key::Function, aws.function.as_deref()),
        (Key::Archive, None),
        (Key::LogGroup, None),
    ];
    let mut settings = vec![SettingJson {
        setting: "stage",
        value: Some(globals.stage.as_str().to_string()),
        source: stage_source.describe(path),
    }];
    for (key, flag) in flags {
        let (value, source) = resolve(key, flag, &env, file, globals.stage);
        settings.push(SettingJson { setting: key.name(), value, source: source.describe(path) });
    }
    let written = (|| -> io::Result<()> {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        match globals.output {
            OutputFormat::Json => {
                for s in &settings {
                    json_line(&mut out, s)?;
                }
            }
            OutputFormat::Table => {
                let mut table = new_table(globals.style);
                table.set_header(vec!["setting", "value", "source"]);
                for s in &settings {
                    table.add_row(vec![s.setting, s.value.as_deref().unwrap_or("-"), &s.source]);
                }
                write!(out, "{}", crate::render::fitted(&mut table))?;
            }
        }
        out.flush()?;
        let state = if path.exists() { "" } else { " (not found: built-in defaults)" };
        eprintln!("config file: {}{state}", path.display());
        Ok(())
    })();
    super::finish_io(written.map(|()| Exit::Success))
}
