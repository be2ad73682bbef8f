//! Reading events: files, folders, JSON Lines and stdin, with `file:line:column` errors.
//!
//! Every event is decoded as the Lambda's Python runtime decodes it (`crate::json`). A bad
//! event becomes an [`InputError`] item and reading goes on with the next one.

use std::fmt;
use std::io::{BufRead, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use crate::json::parse::{ParseError, ParseErrorKind, Parsed};
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
    /// The deepest nesting of arrays and objects.
    pub depth: usize,
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

/// What walking the command line's paths found.
#[derive(Debug)]
pub enum Found {
    /// A file (or stdin, or a stream named on the command line) to read.
    Input(PathBuf),
    Error(InputError),
    /// Something inside a folder that is not read, and why (for a `warning:` line).
    Skipped(String),
}

/// Expands the command line's paths into the inputs to read, in order: folders become their
/// event files (recursively, sorted, hidden entries skipped). Inside folders symbolic links
/// are skipped unless `follow` (then each file is read once and loops are reported), and
/// FIFOs, sockets and devices are skipped with a warning: reading one could wait forever.
/// A path named on the command line is always read, whatever it is.
pub fn expand_paths(paths: &[PathBuf], follow: bool) -> Vec<Found> {
    let mut out = Vec::new();
    let mut walk = Walk { follow, seen: std::collections::HashSet::new(), ancestors: Vec::new(), candidates: 0 };
    for path in paths {
        if path.as_os_str() == STDIN || !path.is_dir() {
            out.push(Found::Input(path.clone()));
            continue;
        }
        walk.ancestors = canonical(path).into_iter().collect();
        walk.candidates = 0;
        if let Err(e) = walk.dir(path, &mut out) {
            out.push(Found::Error(io_error(path, &e)));
            continue;
        }
        if walk.candidates == 0 {
            out.push(Found::Error(InputError {
                file: path.display().to_string(),
                position: None,
                message: "folder holds no event files (*.json, *.jsonl, *.ndjson)".into(),
            }));
        }
    }
    out
}

fn canonical(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

struct Walk {
    follow: bool,
    /// Files and folders reached so far (canonical paths): each is read once.
    seen: std::collections::HashSet<PathBuf>,
    /// The folders being walked, outermost first: a link to one of them is a loop.
    ancestors: Vec<PathBuf>,
    /// Event files met under the current root, those already read through another path included.
    candidates: usize,
}

impl Walk {
    fn dir(&mut self, dir: &Path, out: &mut Vec<Found>) -> std::io::Result<()> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
            .collect();
        entries.sort();
        for entry in entries {
            let Ok(mut meta) = std::fs::symlink_metadata(&entry) else { continue };
            if meta.file_type().is_symlink() {
                if !self.follow {
                    continue;
                }
                match std::fs::metadata(&entry) {
                    Ok(target) => meta = target,
                    Err(_) => {
                        out.push(Found::Skipped(format!("{}: broken symbolic link, skipped", entry.display())));
                        continue;
                    }
                }
            }
            if meta.is_dir() {
                let Some(real) = canonical(&entry) else { continue };
                if self.ancestors.contains(&real) {
                    let message =
                        format!("{}: symbolic link loop (back to {}), not followed", entry.display(), real.display());
                    out.push(Found::Skipped(message));
                } else if self.seen.insert(real.clone()) {
                    self.ancestors.push(real);
                    let walked = self.dir(&entry, out);
                    self.ancestors.pop();
                    if let Err(e) = walked {
                        out.push(Found::Error(io_error(&entry, &e)));
                    }
                } else {
                    // Read already through another path: its events are not missing.
                    self.candidates += 1;
                }
            } else if !meta.is_file() {
                out.push(Found::Skipped(format!(
                    "{}: not a regular file (a FIFO, socket or device), skipped; name it on the command line to read it",
                    entry.display()
                )));
            } else if is_event_file(&entry) {
                self.candidates += 1;
                if !self.follow || canonical(&entry).is_none_or(|real| self.seen.insert(real)) {
                    out.push(Found::Input(entry));
                }
            }
        }
        Ok(())
    }
}

fn io_error(path: &Path, e: &std::io::Error) -> InputError {
    let message = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    InputError { file: path.display().to_string(), position: None, message }
}

/// What reading the command line's paths hands on, in order.
#[derive(Debug)]
pub enum Input {
    Event(Event),
    Unreadable(InputError),
    /// An entry of a folder that is not read, and why (for a `warning:` line).
    Skipped(String),
}

/// What a sink answers: go on reading, or stop (nothing more is read or parsed).
pub type Flow = ControlFlow<()>;

/// Reads every input the paths name (folders walked as [`expand_paths`] does), handing each
/// event, unreadable input and skipped entry to `sink` as it comes, until it says stop.
pub fn read_paths(
    paths: &[PathBuf],
    format: Format,
    follow: bool,
    stdin: &mut dyn Read,
    sink: &mut dyn FnMut(Input) -> Flow,
) -> Flow {
    for found in expand_paths(paths, follow) {
        match found {
            Found::Input(path) => read_file(&path, format, stdin, &mut |item| {
                sink(match item {
                    Ok(event) => Input::Event(event),
                    Err(e) => Input::Unreadable(e),
                })
            })?,
            Found::Error(e) => sink(Input::Unreadable(e))?,
            Found::Skipped(why) => sink(Input::Skipped(why))?,
        }
    }
    Flow::Continue(())
}

/// Reads one input (a file, stdin for `-`, or a stream) and hands each event or error to
/// `sink`, in order, until it says stop. JSON Lines and streams are read a line at a time, so
/// memory follows the longest line, not the input; a file that is one document is read whole.
pub fn read_file(path: &Path, format: Format, stdin: &mut dyn Read, sink: &mut dyn FnMut(Item) -> Flow) -> Flow {
    let is_stdin = path.as_os_str() == STDIN;
    let name = if is_stdin { "<stdin>".to_string() } else { path.display().to_string() };
    let jsonl = format == Format::JsonLines || (!is_stdin && is_jsonl_name(path));
    let mut file;
    let mut stdin_lines;
    let reader: &mut dyn BufRead = if is_stdin {
        stdin_lines = std::io::BufReader::with_capacity(1 << 16, stdin);
        &mut stdin_lines
    } else {
        if path.is_dir() {
            return sink(Err(io_error(path, &std::io::Error::other("is a folder"))));
        }
        match std::fs::File::open(path) {
            Ok(f) => {
                let regular = f.metadata().is_ok_and(|m| m.is_file());
                file = std::io::BufReader::with_capacity(1 << 16, f);
                if !jsonl && regular {
                    return read_document(&name, &mut file, sink);
                }
                &mut file
            }
            Err(e) => return sink(Err(io_error(path, &e))),
        }
    };
    let mut lines = Lines { file: name.into(), reader, buf: Vec::new(), number: 0, failed: false };
    if jsonl { lines.all(sink) } else { lines.stream(sink) }
}

/// Reads a whole file as one JSON document.
fn read_document(name: &str, reader: &mut dyn Read, sink: &mut dyn FnMut(Item) -> Flow) -> Flow {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return sink(Err(InputError { file: name.to_string(), position: None, message: e.to_string() }));
    }
    let item = decode_utf8(name, &bytes).and_then(|text| parse_document(name, text));
    drop(bytes);
    sink(item)
}

/// Lines of an input, read one at a time into one buffer.
struct Lines<'a> {
    /// The input's name, shared by every event read from it.
    file: std::sync::Arc<str>,
    reader: &'a mut dyn BufRead,
    buf: Vec<u8>,
    /// The number of the line in `buf`.
    number: usize,
    /// Reading stopped at an error (already reported), not at the end.
    failed: bool,
}

/// A line longer than this gives its memory back once decoded.
const KEEP_LINE_BUFFER: usize = 1 << 20;

impl Lines<'_> {
    /// Reads the next line into `buf` (without its line ending); false at the end, or at an
    /// error (handed to `sink`; reading stops whatever it answers).
    fn next(&mut self, sink: &mut dyn FnMut(Item) -> Flow) -> bool {
        if self.buf.capacity() > KEEP_LINE_BUFFER {
            self.buf = Vec::new();
        }
        self.buf.clear();
        match self.reader.read_until(b'\n', &mut self.buf) {
            Ok(0) => false,
            Ok(_) => {
                self.number += 1;
                if self.buf.last() == Some(&b'\n') {
                    self.buf.pop();
                }
                if self.buf.last() == Some(&b'\r') {
                    self.buf.pop();
                }
                if self.number == 1 {
                    if let Some(e) = utf16(&self.file, &self.buf) {
                        let _ = sink(Err(e));
                        self.failed = true;
                        return false;
                    }
                    if self.buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
                        self.buf.drain(..3);
                    }
                }
                true
            }
            Err(e) => {
                let position = Some((self.number + 1, 1));
                let _ = sink(Err(InputError { file: self.file.to_string(), position, message: e.to_string() }));
                self.failed = true;
                false
            }
        }
    }

    fn blank(&self) -> bool {
        self.buf.iter().all(u8::is_ascii_whitespace)
    }

    /// Every line from here on is one event.
    fn all(&mut self, sink: &mut dyn FnMut(Item) -> Flow) -> Flow {
        while self.next(sink) {
            if !self.blank() {
                sink(self.decode_line())?;
            }
        }
        Flow::Continue(())
    }

    /// A stream holds JSON Lines, or one document spread over lines. The first non-blank line
    /// decides: if it is a whole value, or an error inside it, lines are events; if the parser
    /// ran out of text before the value ended, the value goes on below: one document.
    fn stream(&mut self, sink: &mut dyn FnMut(Item) -> Flow) -> Flow {
        let mut skipped = Vec::new();
        while self.next(sink) {
            if !self.blank() {
                break;
            }
            skipped.extend_from_slice(&self.buf);
            skipped.push(b'\n');
        }
        if self.failed {
            return Flow::Continue(());
        }
        if self.number == 0 || self.blank() {
            return sink(parse_document(&self.file, ""));
        }
        // The first line's parse decides, and is its event when lines are events.
        let first = std::str::from_utf8(&self.buf).ok().map(|text| (text.trim_end().len(), parse_python_json(text)));
        let continues = matches!(&first, Some((len, Err(e))) if e.kind == ParseErrorKind::Syntax && e.offset >= *len);
        if !continues {
            sink(match first {
                Some((_, parsed)) => {
                    decode(Origin { file: self.file.clone(), line: Some(self.number) }, parsed, self.number - 1)
                }
                None => self.decode_line(),
            })?;
            return self.all(sink);
        }
        let mut bytes = skipped;
        bytes.append(&mut self.buf);
        bytes.push(b'\n');
        if let Err(e) = self.reader.read_to_end(&mut bytes) {
            return sink(Err(InputError { file: self.file.to_string(), position: None, message: e.to_string() }));
        }
        sink(decode_utf8(&self.file, &bytes).and_then(|text| parse_document(&self.file, text)))
    }

    /// The event on the current line, or the error naming its line and column.
    fn decode_line(&self) -> Item {
        let line = &self.buf;
        match std::str::from_utf8(line) {
            Ok(text) => {
                let origin = Origin { file: self.file.clone(), line: Some(self.number) };
                decode(origin, parse_python_json(text), self.number - 1)
            }
            Err(e) => {
                let column = String::from_utf8_lossy(&line[..e.valid_up_to()]).chars().count() + 1;
                Err(InputError {
                    file: self.file.to_string(),
                    position: Some((self.number, column)),
                    message: format!("not valid UTF-8 (byte 0x{:02X})", line[e.valid_up_to()]),
                })
            }
        }
    }
}

/// The error for UTF-16 text (by its byte-order mark), which this tool does not read.
fn utf16(name: &str, bytes: &[u8]) -> Option<InputError> {
    (bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])).then(|| InputError {
        file: name.to_string(),
        position: Some((1, 1)),
        message: "UTF-16 text is not supported: save the file as UTF-8".into(),
    })
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
    decode(origin, parse_python_json(text), 0)
}

/// An event from its parse; `line_offset` shifts error lines for JSON Lines input.
fn decode(origin: Origin, parsed: Result<Parsed, ParseError>, line_offset: usize) -> Item {
    match parsed {
        Ok(parsed) => Ok(Event {
            origin,
            value: parsed.value,
            nonstandard: parsed.nonstandard.map(|(l, c)| (l + line_offset, c)),
            depth: parsed.depth,
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
