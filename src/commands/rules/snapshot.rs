//! Rule snapshots: every rule's state on one bus at one moment, written before each change.

use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::RulesError;
use crate::bus::RuleState;

/// The snapshot file: every rule's state on one bus at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub bus: String,
    #[serde(default)]
    pub region: Option<String>,
    pub taken_at: String,
    pub rules: Vec<SnapshotRule>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRule {
    pub name: String,
    pub state: String,
}

/// The snapshot, and each recorded rule with its state (every state checked).
pub(super) fn read_snapshot(path: &Path) -> Result<(Snapshot, Vec<(String, RuleState)>), RulesError> {
    let file = path.display();
    let text = fs::read_to_string(path).map_err(|e| RulesError::Usage(format!("cannot read snapshot {file}: {e}")))?;
    let snapshot: Snapshot =
        serde_json::from_str(&text).map_err(|e| RulesError::Usage(format!("{file} is not a rules snapshot: {e}")))?;
    let mut seen = HashSet::new();
    let mut wanted = Vec::with_capacity(snapshot.rules.len());
    for rule in &snapshot.rules {
        let Some(state) = RuleState::parse(&rule.state) else {
            return Err(RulesError::Usage(format!(
                "{file}: rule {} has state {:?}; expected ENABLED or DISABLED",
                rule.name, rule.state
            )));
        };
        if !seen.insert(rule.name.as_str()) {
            return Err(RulesError::Usage(format!("{file}: rule {} is listed twice", rule.name)));
        }
        wanted.push((rule.name.clone(), state));
    }
    Ok((snapshot, wanted))
}

/// Writes the snapshot without ever overwriting a file; returns where it went.
pub(super) fn write_snapshot(explicit: Option<&Path>, snapshot: &Snapshot) -> Result<PathBuf, RulesError> {
    let mut text = serde_json::to_string_pretty(snapshot).map_err(io::Error::from)?;
    text.push('\n');
    let candidates: Vec<PathBuf> = match explicit {
        Some(path) => vec![path.to_path_buf()],
        // Two runs in the same second get -2, -3, … rather than sharing a file.
        None => {
            let stem = default_snapshot_stem(&snapshot.bus, Timestamp::now());
            std::iter::once(PathBuf::from(format!("{stem}.json")))
                .chain((2..100).map(|n| PathBuf::from(format!("{stem}-{n}.json"))))
                .collect()
        }
    };
    for path in candidates {
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                let written = file.write_all(text.as_bytes()).and_then(|_| file.sync_all());
                return match written {
                    Ok(()) => Ok(path),
                    Err(e) => Err(RulesError::Usage(format!(
                        "cannot write snapshot {}: {e}; nothing changed",
                        path.display()
                    ))),
                };
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                if explicit.is_some() {
                    return Err(RulesError::Usage(format!(
                        "snapshot {} already exists; snapshots are never overwritten: choose another --snapshot path; nothing changed",
                        path.display()
                    )));
                }
            }
            Err(e) => {
                return Err(RulesError::Usage(format!(
                    "cannot create snapshot {}: {e}; nothing changed",
                    path.display()
                )));
            }
        }
    }
    Err(RulesError::Usage("too many snapshots this second; pass --snapshot PATH; nothing changed".to_string()))
}

/// `alchemiser-rules-<bus>-<UTC yyyymmddThhmmssZ>`, with anything unsafe in a file name replaced.
pub(super) fn default_snapshot_stem(bus: &str, now: Timestamp) -> String {
    let bus: String =
        bus.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' }).collect();
    format!("alchemiser-rules-{bus}-{}", now.strftime("%Y%m%dT%H%M%SZ"))
}
