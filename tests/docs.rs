//! The README, the manual and the development notes link to each other: every relative link
//! names a file that exists and, with `#anchor`, a heading in it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

const DOCS: &[&str] = &["README.md", "docs/manual.md", "docs/development.md", "CHANGELOG.md"];

/// Headings as GitHub turns them into anchors: lower case, punctuation dropped, spaces to dashes.
fn anchors(text: &str) -> HashSet<String> {
    text.lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| {
            l.trim_start_matches('#')
                .trim()
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == ' ' || *c == '_')
                .map(|c| if c == ' ' { '-' } else { c })
                .collect()
        })
        .collect()
}

#[test]
fn every_link_between_the_documents_resolves() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut broken = Vec::new();
    for doc in DOCS {
        let text = std::fs::read_to_string(root.join(doc)).expect("read the document");
        let dir = Path::new(doc).parent().unwrap_or(Path::new(""));
        for (at, _) in text.match_indices("](") {
            let rest = &text[at + 2..];
            let Some(end) = rest.find(')') else { continue };
            let target = &rest[..end];
            if target.starts_with("http") || target.contains(' ') {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
            let path: PathBuf = if file.is_empty() { PathBuf::from(doc) } else { dir.join(file) };
            let full = root.join(&path);
            if !full.exists() {
                broken.push(format!("{doc}: {target} (no such file)"));
                continue;
            }
            if !anchor.is_empty() && path.extension().is_some_and(|e| e == "md") {
                let linked = std::fs::read_to_string(&full).expect("read the linked document");
                if !anchors(&linked).contains(anchor) {
                    broken.push(format!("{doc}: {target} (no such heading)"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}
