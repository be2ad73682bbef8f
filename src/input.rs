//! Reading events: files, folders, JSON Lines and stdin, with `file:line:column` errors.
//!
//! Every event is decoded as the Lambda's Python runtime decodes it (`crate::json`). A bad
//! event becomes an [`InputError`] item and reading goes on with the next one.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::json::parse::ParseErrorKind;
use crate::json::{Value, parse_python_json};

/// Where an event came from; `line` is set for JSON Lines input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Shared by every event of a file.
    pub file: std::sync::Arc<str>,
    pub line: Option<usize>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

/// One decoded event.
#[derive(Debug, Clone)]
pub struct Event {
    pub origin: Origin,
    pub value: Value,
    /// Position of a `NaN`/`Infinity` token: Python accepts it, AWS does not.
    pub nonstandard: Option<(usize, usize)>,
}

/// An input that could not be read or decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub file: String,
    /// 1-based line and column (characters), when the problem has a position.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

pub type Item = Result<Event, InputError>;

/// How to split a file into events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// By extension: `.jsonl`/`.ndjson` are JSON Lines, anything else one document.
    Auto,
    JsonLines,
}

/// The name `-` reads stdin.
pub const STDIN: &str = "-";

/// Files holding recorded expectations, skipped when walking folders.
pub fn is_expectation_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".expected.json") || name.ends_with(".expected.jsonl")
}

fn is_event_file(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("json" | "jsonl" | "ndjson")) && !is_expectation_file(path)
}

fn is_jsonl_name(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("jsonl" | "ndjson"))
}

/// Expands the command line's paths into the files to read, in order: folders become their
/// event files (recursively, sorted, hidden entries skipped). Errors name the path.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf, InputError>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == STDIN {
            out.push(Ok(path.clone()));
        } else if path.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = walk(path, &mut found) {
                out.push(Err(io_error(path, &e)));
                continue;
            }
            if found.is_empty() {
                out.push(Err(InputError {
                    file: path.display().to_string(),
                    position: None,
                    message: "folder holds no event files (*.json, *.jsonl, *.ndjson)".into(),
                }));
            }
            out.extend(found.into_iter().map(Ok));
        } else {
            out.push(Ok(path.clone()));
        }
    }
    out
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            walk(&entry, found)?;
        } else if is_event_file(&entry) {
            found.push(entry);
        }
    }
    Ok(())
}

fn io_error(path: &Path, e: &std::io::Error) -> InputError {
    let message = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    InputError { file: path.display().to_string(), position: None, message }
}

/// Reads one file (or stdin for `-`) and hands each event or error to `sink`, in order.
pub fn read_file(path: &Path, format: Format, stdin: &mut dyn Read, sink: &mut dyn FnMut(Item)) {
    let is_stdin = path.as_os_str() == STDIN;
    let name = if is_stdin { "<stdin>".to_string() } else { path.display().to_string() };
    let mut bytes = Vec::new();
    let read = if is_stdin { stdin.read_to_end(&mut bytes).map(|_| ()) } else { read_all(path, &mut bytes) };
    if let Err(e) = read {
        return sink(Err(io_error(path, &e)));
    }
    let jsonl = format == Format::JsonLines || (!is_stdin && is_jsonl_name(path));
    if jsonl {
        // Line by line from the bytes: a bad byte costs its own line, not the file.
        return match utf16(&name, &bytes) {
            Some(e) => sink(Err(e)),
            None => split_byte_lines(&name, bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&bytes), sink),
        };
    }
    let text = match decode_utf8(&name, &bytes) {
        Ok(text) => text,
        Err(e) => return sink(Err(e)),
    };
    if is_stdin {
        // stdin holds one document, or JSON Lines when a second value follows the first.
        match parse_document(&name, text) {
            Err(e) if e.message.starts_with("invalid JSON: Extra data") => {
                split_byte_lines(&name, text.as_bytes(), sink)
            }
            other => sink(other),
        }
    } else {
        sink(parse_document(&name, text));
    }
}

fn read_all(path: &Path, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    if path.is_dir() {
        return Err(std::io::Error::other("is a folder"));
    }
    std::fs::File::open(path)?.read_to_end(bytes).map(|_| ())
}

/// The error for UTF-16 text (by its byte-order mark), which this tool does not read.
fn utf16(name: &str, bytes: &[u8]) -> Option<InputError> {
    (bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])).then(|| InputError {
        file: name.to_string(),
        position: Some((1, 1)),
        message: "UTF-16 text is not supported: save the file as UTF-8".into(),
    })
}

/// JSON Lines from bytes: each non-blank line decoded and parsed on its own, errors carrying
/// the file's line number.
fn split_byte_lines(name: &str, bytes: &[u8], sink: &mut dyn FnMut(Item)) {
    let file: std::sync::Arc<str> = name.into();
    for (index, line) in bytes.split(|b| *b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match std::str::from_utf8(line) {
            Ok(text) => {
                let origin = Origin { file: file.clone(), line: Some(index + 1) };
                sink(decode(origin, text, index));
            }
            Err(e) => {
                let column = String::from_utf8_lossy(&line[..e.valid_up_to()]).chars().count() + 1;
                sink(Err(InputError {
                    file: name.to_string(),
                    position: Some((index + 1, column)),
                    message: format!("not valid UTF-8 (byte 0x{:02X})", line[e.valid_up_to()]),
                }));
            }
        }
    }
}

/// Strict UTF-8 with an optional BOM; names the position of the first bad byte.
fn decode_utf8<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, InputError> {
    if let Some(e) = utf16(name, bytes) {
        return Err(e);
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(body).map_err(|e| {
        let valid = &body[..e.valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
        InputError {
            file: name.to_string(),
            position: Some((line, column)),
            message: format!("not valid UTF-8 (byte 0x{:02X})", body[e.valid_up_to()]),
        }
    })
}

fn parse_document(name: &str, text: &str) -> Item {
    if text.trim().is_empty() {
        return Err(InputError {
            file: name.to_string(),
            position: Some((1, 1)),
            message: "empty input: expected a JSON event".into(),
        });
    }
    let origin = Origin { file: name.into(), line: None };
    decode(origin, text, 0)
}

/// Decodes one event; `line_offset` shifts error lines for JSON Lines input.
fn decode(origin: Origin, text: &str, line_offset: usize) -> Item {
    match parse_python_json(text) {
        Ok(parsed) => Ok(Event {
            origin,
            value: parsed.value,
            nonstandard: parsed.nonstandard.map(|(l, c)| (l + line_offset, c)),
        }),
        Err(e) => {
            let message = match e.kind {
                ParseErrorKind::Syntax => format!("invalid JSON: {}", e.message),
                ParseErrorKind::IntTooLong => "the Lambda's Python runtime cannot decode this event: an integer longer than 4300 digits raises ValueError (Runtime.UnmarshalError)".to_string(),
                ParseErrorKind::TooDeep => "the Lambda's Python runtime cannot decode this event: nesting this deep raises RecursionError (Runtime.UnmarshalError)".to_string(),
            };
            Err(InputError { file: origin.file.to_string(), position: Some((e.line + line_offset, e.column)), message })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_utf8_is_located() {
        let err = decode_utf8("f.json", b"{\n  \"a\": \"\xff\"}").unwrap_err();
        assert_eq!(err.to_string(), "f.json:2:9: not valid UTF-8 (byte 0xFF)");
    }

    #[test]
    fn bom_is_skipped() {
        assert_eq!(decode_utf8("f", b"\xEF\xBB\xBF{}").unwrap(), "{}");
    }
}
