//! The configuration file, `$XDG_CONFIG_HOME/alchemiser/config.toml` (default
//! `~/.config/alchemiser/config.toml`): defaults for the stage, the AWS profile, region and
//! endpoint, and the resource names, per stage. A setting comes from the first of: the flag, the
//! environment, this file, the built-in default.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::bus::Names;
use crate::routing::Stage;

/// The file as written. Unknown keys are an error: a misspelt key must not be ignored silently.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub stage: Option<String>,
    #[serde(flatten)]
    pub all: StageSection,
    #[serde(default)]
    pub dev: StageSection,
    #[serde(default)]
    pub prod: StageSection,
}

/// Settings for one stage (or, at the top of the file, for both).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageSection {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub bus: Option<String>,
    pub function: Option<String>,
    pub archive: Option<String>,
    pub log_group: Option<String>,
}

/// An XDG base folder: `$var`, else `$HOME/<fallback>` (an empty variable counts as unset).
pub fn xdg_dir(var: &str, fallback: &str) -> Option<PathBuf> {
    let nonempty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    nonempty(var).or_else(|| nonempty("HOME").map(|home| home.join(fallback)))
}

/// Where the file is looked for.
pub fn config_path() -> Option<PathBuf> {
    Some(xdg_dir("XDG_CONFIG_HOME", ".config")?.join("alchemiser").join("config.toml"))
}

/// Reads the file; none is an empty configuration. Errors name the file and the line.
pub fn read(path: &Path) -> Result<ConfigFile, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ConfigFile::default()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let file: ConfigFile = toml::from_str(&text).map_err(|e| {
        let at = e.span().map(|span| {
            let line = text[..span.start].matches('\n').count() + 1;
            let column = span.start - text[..span.start].rfind('\n').map_or(0, |n| n + 1) + 1;
            format!(":{line}:{column}")
        });
        format!("{}{}: {}", path.display(), at.unwrap_or_default(), e.message())
    })?;
    if let Some(stage) = &file.stage
        && !matches!(stage.as_str(), "dev" | "prod")
    {
        return Err(format!("{}: stage must be \"dev\" or \"prod\", not {stage:?}", path.display()));
    }
    for url in [&file.all, &file.dev, &file.prod].into_iter().filter_map(|s| s.endpoint_url.as_deref()) {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!("{}: endpoint_url {url:?} must start with http:// or https://", path.display()));
        }
    }
    Ok(file)
}

impl ConfigFile {
    /// The file's stage, if it sets one.
    pub fn stage(&self) -> Option<Stage> {
        match self.stage.as_deref() {
            Some("prod") => Some(Stage::Prod),
            Some("dev") => Some(Stage::Dev),
            _ => None,
        }
    }

    /// A setting for `stage`: its section first, then the top of the file.
    pub fn get(&self, stage: Stage, key: Key) -> Option<&str> {
        let section = match stage {
            Stage::Dev => &self.dev,
            Stage::Prod => &self.prod,
        };
        key.of(section).or_else(|| key.of(&self.all))
    }
}

/// The settings the file can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Profile,
    Region,
    EndpointUrl,
    Bus,
    Function,
    Archive,
    LogGroup,
}

impl Key {
    pub fn name(self) -> &'static str {
        match self {
            Key::Profile => "profile",
            Key::Region => "region",
            Key::EndpointUrl => "endpoint_url",
            Key::Bus => "bus",
            Key::Function => "function",
            Key::Archive => "archive",
            Key::LogGroup => "log_group",
        }
    }

    fn of(self, section: &StageSection) -> Option<&str> {
        match self {
            Key::Profile => section.profile.as_deref(),
            Key::Region => section.region.as_deref(),
            Key::EndpointUrl => section.endpoint_url.as_deref(),
            Key::Bus => section.bus.as_deref(),
            Key::Function => section.function.as_deref(),
            Key::Archive => section.archive.as_deref(),
            Key::LogGroup => section.log_group.as_deref(),
        }
    }

    /// The variables that set it, as the AWS CLI reads them (they come before the file).
    pub fn environment(self) -> &'static [&'static str] {
        match self {
            Key::Profile => &["AWS_PROFILE"],
            Key::Region => &["AWS_REGION", "AWS_DEFAULT_REGION"],
            // A service's own variable is the environment too, as aws-config reads it.
            Key::EndpointUrl => &[
                "AWS_ENDPOINT_URL",
                "AWS_ENDPOINT_URL_EVENTBRIDGE",
                "AWS_ENDPOINT_URL_LAMBDA",
                "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
            ],
            _ => &[],
        }
    }

    /// The built-in default, where this tool has one (the others are aws-config's).
    pub fn built_in(self, stage: Stage) -> Option<String> {
        let names = Names::for_stage(stage);
        match self {
            Key::Bus => Some(names.bus),
            Key::Function => Some(names.function),
            Key::Archive => Some(names.archive),
            Key::LogGroup => Some(names.log_group),
            _ => None,
        }
    }
}

/// Where a setting in force came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag,
    Environment(&'static str),
    File,
    BuiltIn,
    /// Nothing set it: aws-config's own chain decides (the profile, then its defaults).
    Sdk,
}

impl Source {
    pub fn describe(&self, file: &Path) -> String {
        match self {
            Source::Flag => "flag".to_string(),
            Source::Environment(name) => format!("environment ({name})"),
            Source::File => format!("file ({})", file.display()),
            Source::BuiltIn => "built-in".to_string(),
            Source::Sdk => "AWS SDK default".to_string(),
        }
    }
}

/// A setting's value and source: the flag, else the environment, else the file, else built in.
pub fn resolve(
    key: Key,
    flag: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
    file: &ConfigFile,
    stage: Stage,
) -> (Option<String>, Source) {
    if let Some(value) = flag {
        return (Some(value.to_string()), Source::Flag);
    }
    if let Some((name, value)) =
        key.environment().iter().find_map(|n| env(n).filter(|v| !v.is_empty()).map(|v| (*n, v)))
    {
        return (Some(value), Source::Environment(name));
    }
    if let Some(value) = file.get(stage, key) {
        return (Some(value.to_string()), Source::File);
    }
    match key.built_in(stage) {
        Some(value) => (Some(value), Source::BuiltIn),
        None => (None, Source::Sdk),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> ConfigFile {
        toml::from_str(text).expect("a valid configuration")
    }

    #[test]
    fn flag_then_environment_then_file_then_built_in() {
        let config = file("region = \"eu-west-1\"\n[prod]\nregion = \"us-east-1\"\nbus = \"my-prod-bus\"\n");
        let none = |_: &str| None;
        let env = |name: &str| (name == "AWS_REGION").then(|| "ap-south-1".to_string());
        assert_eq!(resolve(Key::Region, Some("x"), &env, &config, Stage::Prod), (Some("x".into()), Source::Flag));
        assert_eq!(
            resolve(Key::Region, None, &env, &config, Stage::Prod),
            (Some("ap-south-1".into()), Source::Environment("AWS_REGION"))
        );
        assert_eq!(resolve(Key::Region, None, &none, &config, Stage::Prod), (Some("us-east-1".into()), Source::File));
        assert_eq!(resolve(Key::Region, None, &none, &config, Stage::Dev), (Some("eu-west-1".into()), Source::File));
        assert_eq!(resolve(Key::Bus, None, &none, &config, Stage::Prod), (Some("my-prod-bus".into()), Source::File));
        assert_eq!(
            resolve(Key::Bus, None, &none, &config, Stage::Dev),
            (Some("alchemiser-trading-events-dev".into()), Source::BuiltIn)
        );
        assert_eq!(resolve(Key::Profile, None, &none, &config, Stage::Dev), (None, Source::Sdk));
    }

    #[test]
    fn mistakes_name_the_file_and_line() {
        let dir = std::env::temp_dir().join(format!("alchemiser-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder");
        let path = dir.join("config.toml");
        std::fs::write(&path, "stage = \"dev\"\n[prod]\nbuss = \"x\"\n").expect("write");
        let error = read(&path).err().unwrap_or_default();
        assert!(error.starts_with(&format!("{}:3:1: unknown field `buss`", path.display())), "{error}");
        std::fs::write(&path, "regon = \"eu-west-1\"\n").expect("write");
        assert!(read(&path).err().unwrap_or_default().contains("regon"), "a misspelt top-level key");
        std::fs::write(&path, "stage = \"staging\"\n").expect("write");
        assert!(read(&path).err().unwrap_or_default().contains("stage must be \"dev\" or \"prod\""));
        assert_eq!(read(&dir.join("missing.toml")), Ok(ConfigFile::default()));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
