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

/// The snapshot folder: `--snapshot-dir`, else `$XDG_STATE_HOME/alchemiser/snapshots`, else
/// `~/.local/state/alchemiser/snapshots` (state a person does not edit, kept out of the folder
/// they happen to stand in).
pub fn snapshot_dir(explicit: Option<&Path>) -> Result<PathBuf, RulesError> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    let state = crate::config::xdg_dir("XDG_STATE_HOME", ".local/state").ok_or_else(|| {
        RulesError::Usage("no snapshot folder: set HOME or XDG_STATE_HOME, or pass --snapshot-dir".to_string())
    })?;
    Ok(state.join("alchemiser").join("snapshots"))
}

/// A snapshot found in the folder.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    pub path: PathBuf,
    #[serde(flatten)]
    pub snapshot: Snapshot,
}

/// Every readable snapshot in `dir`, newest first (files that are not snapshots are skipped).
pub fn find_snapshots(dir: &Path) -> Result<Vec<Found>, RulesError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(RulesError::Usage(format!("cannot read snapshot folder {}: {e}", dir.display()))),
    };
    let mut found: Vec<Found> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .filter_map(|path| {
            let snapshot = serde_json::from_str(&fs::read_to_string(&path).ok()?).ok()?;
            Some(Found { path, snapshot })
        })
        .collect();
    // `taken_at` is RFC 3339 in UTC to the second, so text order is time order; within a second the
    // file written last is the newer (snapshots are never rewritten).
    let written = |f: &Found| fs::metadata(&f.path).and_then(|m| m.modified()).ok();
    found.sort_by_cached_key(|f| std::cmp::Reverse((f.snapshot.taken_at.clone(), written(f))));
    Ok(found)
}

/// Writes the snapshot without ever overwriting a file, to `explicit` or into `dir`; returns
/// where it went.
pub(super) fn write_snapshot(
    explicit: Option<&Path>,
    dir: Option<&Path>,
    snapshot: &Snapshot,
) -> Result<PathBuf, RulesError> {
    let mut text = serde_json::to_string_pretty(snapshot).map_err(io::Error::from)?;
    text.push('\n');
    let candidates: Vec<PathBuf> = match explicit {
        Some(path) => vec![path.to_path_buf()],
        // Two runs in the same second get -2, -3, … rather than sharing a file.
        None => {
            let dir = dir.ok_or_else(|| RulesError::Usage("no snapshot folder; nothing changed".to_string()))?;
            fs::create_dir_all(dir).map_err(|e| {
                RulesError::Usage(format!("cannot create snapshot folder {}: {e}; nothing changed", dir.display()))
            })?;
            let stem = default_snapshot_stem(&snapshot.bus, Timestamp::now());
            std::iter::once(dir.join(format!("{stem}.json")))
                .chain((2..100).map(|n| dir.join(format!("{stem}-{n}.json"))))
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
