//! The architecture docs/development.md describes, held by a test: each module imports only modules of
//! lower layers, the AWS SDK is used only in `src/aws/`, and clap only in `src/cli.rs` and
//! `src/main.rs`.

use std::path::{Path, PathBuf};

/// Bottom to top. A module may use its own layer's module and any lower layer, nothing above
/// and no sibling in its own layer.
const LAYERS: &[&[&str]] = &[
    &["json", "exit", "when", "logline", "interrupts"],
    &["pattern", "routing"],
    &["bus", "entries", "guard", "hint", "input"],
    &["render", "aws", "config"],
    &["cli"],
    &["commands"],
];

fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|layer| layer.contains(&module))
        .unwrap_or_else(|| panic!("module {module} is in no layer: add it to LAYERS and docs/development.md"))
}

fn sources(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            sources(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// `src/commands/put_events.rs` → `commands`; `src/guard.rs` → `guard`.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).expect("under src");
    let first = relative.components().next().expect("a component").as_os_str().to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The code of a file without its `#[cfg(test)]` module (tests may reach anywhere).
fn code(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests").map_or(text, |at| &text[..at])
}

struct Source {
    file: PathBuf,
    module: String,
    text: String,
}

fn all_sources() -> Vec<Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|file| Source {
            module: module_of(&src, &file),
            text: std::fs::read_to_string(&file).expect("read source"),
            file,
        })
        .collect()
}

#[test]
fn no_module_imports_one_above_it_or_beside_it() {
    let mut wrong = Vec::new();
    for source in all_sources() {
        if ["lib", "main"].contains(&source.module.as_str()) {
            continue;
        }
        let own = layer(&source.module);
        let text = code(&source.text);
        for (at, _) in text.match_indices("crate::") {
            let rest = &text[at + "crate::".len()..];
            // `crate::{a, b::c}` names several modules at once.
            let names: Vec<String> = match rest.strip_prefix('{') {
                Some(group) => group
                    .split('}')
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(|n| n.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect())
                    .collect(),
                None => vec![rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()],
            };
            for used in names {
                if used == source.module || used.is_empty() {
                    continue;
                }
                if layer(&used) >= own {
                    wrong.push(format!("{} uses crate::{used}", source.file.display()));
                }
            }
        }
    }
    wrong.dedup();
    assert!(wrong.is_empty(), "imports against the layering:\n{}", wrong.join("\n"));
}

#[test]
fn the_sdk_stays_in_the_aws_adapter_and_clap_in_the_command_line() {
    let mut wrong = Vec::new();
    for source in all_sources() {
        let text = code(&source.text);
        let name = source.file.display().to_string();
        if text.contains("aws_sdk_") && source.module != "aws" {
            wrong.push(format!("{name} uses the AWS SDK"));
        }
        let uses_clap = text.contains("clap::") || text.contains("use clap");
        if uses_clap && !["cli", "main"].contains(&source.module.as_str()) {
            wrong.push(format!("{name} uses clap"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
