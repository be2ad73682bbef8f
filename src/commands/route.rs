//! `alchemiser route`: predict what the deployed system does with events, offline.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use crate::bus::{Bus, is_bus_event};
use crate::exit::Exit;
use crate::input::{self, Flow, Format, Found, InputError, Item, Origin};
use crate::json::Out;
use crate::render::{self, OutputFormat, Overview, RouteRecord, Spill, Style, TableRow};
use crate::routing::{Batch, Stage, Warning, WarningCode, predict};

/// Everything `route` needs, already resolved from the command line.
#[derive(Debug, Clone)]
pub struct RouteOptions {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    /// Follow symbolic links inside folders.
    pub follow: bool,
    /// Compare each prediction with its recorded `*.expected.json(l)`.
    pub check: bool,
    /// With `check`: rewrite the expectation files that are missing or differ.
    pub record: bool,
    pub stage: Stage,
    /// The rules and archive events meet before the Lambda.
    pub bus: Bus,
    pub output: OutputFormat,
    pub style: Style,
}

/// JSON output is flushed in chunks of about this size.
const FLUSH_AT: usize = 1 << 16;

/// Table output lists up to this many events one per row; past it, it counts them by outcome
/// and warning (`render::Overview`), so memory stays flat however many events are read.
pub const TABLE_ROWS_AT_MOST: usize = 100;

/// The line part of a batch label.
const LINE_BITS: u64 = (1 << 40) - 1;

struct Run<'a> {
    opts: &'a RouteOptions,
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    buffer: String,
    /// Labels events compactly for the batch: an index into `files` and a line (0 for none).
    batch: Batch,
    files: Vec<std::sync::Arc<str>>,
    /// Table output: the events so far, until there are too many for a row each, and the
    /// first event's detail table (what is printed for one event).
    rows: Vec<TableRow>,
    first_detail: Option<String>,
    overview: Option<Overview>,
    events: usize,
    trades: usize,
    crashes: usize,
    input_errors: usize,
    passed: usize,
    failed: usize,
    /// With `--record`: the current file's expectations as the predictions make them, and
    /// whether its recorded ones are missing or differ.
    recording: Option<(Vec<Json>, bool)>,
    recorded: Vec<PathBuf>,
    /// Failures whose expectations `--record` rewrote: they no longer fail the run.
    recorded_failures: usize,
    io_error: Option<io::Error>,
}

/// Routes every event and reports; the exit code follows the manual's table.
pub fn run(opts: &RouteOptions, stdin: &mut dyn Read, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Exit> {
    let mut run = Run {
        opts,
        out,
        err,
        buffer: String::with_capacity(FLUSH_AT * 2),
        batch: Batch::new(),
        files: Vec::new(),
        rows: Vec::new(),
        first_detail: None,
        overview: None,
        events: 0,
        trades: 0,
        crashes: 0,
        input_errors: 0,
        passed: 0,
        failed: 0,
        recording: None,
        recorded: Vec::new(),
        recorded_failures: 0,
        io_error: None,
    };
    for found in input::expand_paths(&opts.paths, opts.follow) {
        match found {
            Found::Error(e) => run.input_error(&e),
            Found::Skipped(why) => run.warning(&why),
            Found::Input(path) => run.file(&path, stdin),
        }
        if let Some(e) = run.io_error.take() {
            return Err(e);
        }
    }
    run.finish()
}

impl Run<'_> {
    fn file(&mut self, path: &Path, stdin: &mut dyn Read) {
        let expectations = if self.opts.check { Some(load_expectations(path)) } else { None };
        let expected_count = expectations.as_ref().and_then(|e| e.as_ref().ok()).map(Vec::len);
        if self.opts.record {
            self.recording = Some((Vec::new(), expected_count.is_none()));
        }
        let (errors_before, failed_before) = (self.input_errors, self.failed);
        let mut index = 0;
        // Each event is predicted and written as it is read: memory stays flat on big files.
        let _ = input::read_file(path, self.opts.format, stdin, &mut |item: Item| {
            match item {
                Err(e) => self.input_error(&e),
                Ok(event) => {
                    let expected = match &expectations {
                        None => None,
                        Some(Err(e)) => Some(Err(e.clone())),
                        Some(Ok(list)) => Some(list.get(index).cloned().ok_or_else(|| InputError {
                            file: expectation_path(path).display().to_string(),
                            position: None,
                            message: format!("no expected outcome recorded for event {}", index + 1),
                        })),
                    };
                    index += 1;
                    self.event(event, expected);
                }
            }
            // A failed write (a closed pipe) stops the reading: nothing more can be shown.
            if self.io_error.is_some() { Flow::Break(()) } else { Flow::Continue(()) }
        });
        if let Some((recorded, differs)) = self.recording.take()
            && (differs || expected_count != Some(recorded.len()))
        {
            // Only a whole file is recorded: an unreadable event would shift every later line.
            let single = expectation_path(path).extension().is_some_and(|e| e == "json");
            let why_not = if path == Path::new(input::STDIN) {
                Some("stdin has no file to record beside")
            } else if self.input_errors > errors_before {
                Some("it has unreadable events")
            } else if recorded.is_empty() {
                Some("it holds no events")
            } else if single && recorded.len() > 1 {
                Some("it holds several events: name it .jsonl")
            } else {
                None
            };
            match why_not {
                Some(why) => self.buffer.push_str(&format!("        not recorded: {why}\n")),
                None => {
                    if self.record(path, &recorded) {
                        self.recorded_failures += self.failed - failed_before;
                    }
                }
            }
        }
    }

    /// Writes the expectations of one file (whole or not at all) and says so; true when written.
    fn record(&mut self, path: &Path, expectations: &[Json]) -> bool {
        let target = expectation_path(path);
        let text = if target.extension().is_some_and(|e| e == "jsonl") {
            expectations.iter().map(|e| format!("{e}\n")).collect()
        } else {
            expectations.first().and_then(|e| serde_json::to_string_pretty(e).ok()).unwrap_or_default() + "\n"
        };
        let tmp = target.with_extension("recording");
        let written = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, &target));
        match written {
            Ok(()) => {
                if self.opts.output == OutputFormat::Table {
                    self.buffer.push_str(&format!("        recorded {}\n", target.display()));
                }
                self.recorded.push(target);
                true
            }
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                self.input_error(&InputError {
                    file: target.display().to_string(),
                    position: None,
                    message: e.to_string(),
                });
                false
            }
        }
    }

    fn event(&mut self, mut event: input::Event, expected: Option<Result<Json, InputError>>) {
        // A PutEvents entry is what put-events sends: predict the event the bus delivers from it.
        let entry = crate::entries::is_put_events_entry(&event.value);
        if entry {
            match crate::entries::entry_from_event(&event.value) {
                Ok(read) => event.value = read.envelope,
                Err(reason) => {
                    let message = format!("a PutEvents entry that PutEvents would refuse: {reason}");
                    let position = event.origin.line.map(|line| (line, 1));
                    self.input_error(&InputError { file: event.origin.file.to_string(), position, message });
                    return;
                }
            }
        }
        self.events += 1;
        let mut lambda = predict(&event.value, self.opts.stage);
        if entry {
            lambda.warnings.push(Warning {
                code: WarningCode::PutEventsEntry,
                message:
                    "a PutEvents entry: predicted as the event the bus delivers from its Source, DetailType and Detail"
                        .into(),
            });
        }
        if let Some((line, column)) = event.nonstandard {
            lambda.warnings.push(Warning {
                code: WarningCode::NonstandardJson,
                message: format!(
                    "NaN/Infinity at {line}:{column}: Python's json accepts it, but the AWS APIs reject the event as invalid JSON"
                )
                .into(),
            });
        }
        if event.depth > crate::json::parse::FIRMLY_KNOWN_DEPTH {
            crate::routing::warn_deep(&mut lambda, "the event", false);
        }
        let bus = is_bus_event(&event.value).then(|| self.opts.bus.route(&event.value));
        if let Some(bus) = &bus {
            lambda.warnings.extend(bus.warnings(&self.opts.bus.name));
        }
        if self.files.last() != Some(&event.origin.file) {
            self.files.push(event.origin.file.clone());
        }
        // The label packs the file's index (above bit 40) and the line (0 for none).
        let label = ((self.files.len() as u64 - 1) << 40) | event.origin.line.map_or(0, |l| l as u64 & LINE_BITS);
        let files = &self.files;
        self.batch.observe(&mut lambda, label, |label| {
            let file = files.get((label >> 40) as usize).map_or("?", |f| f);
            match label & LINE_BITS {
                0 => file.to_string(),
                line => format!("{file}:{line}"),
            }
        });
        self.trades += usize::from(lambda.starts_trade());
        self.crashes += usize::from(lambda.exception.is_some());
        let record = RouteRecord { origin: event.origin, stage: self.opts.stage, bus, lambda };
        let check = expected.map(|e| self.check(&record, e));
        match self.opts.output {
            OutputFormat::Json => {
                // Written as it is produced: a record can be gigabytes (millions of errors).
                let mut out = Spill::new(&mut self.buffer, &mut *self.out, FLUSH_AT, &mut self.io_error);
                render::write_route_json(&mut out, &record, |out| {
                    if let Some(differences) = check {
                        out.push_str(",\"check\":{\"passed\":");
                        out.push_str(if differences.is_empty() { "true" } else { "false" });
                        out.push_str(",\"differences\":");
                        out.push_str(&Json::from(differences).to_string());
                        out.push('}');
                    }
                });
            }
            OutputFormat::Table => {
                if let Some(differences) = check {
                    self.report_check_table(&record.origin, &differences);
                }
                let row = TableRow::of(&record);
                if let Some(overview) = &mut self.overview {
                    overview.add(&row);
                } else if self.rows.len() < TABLE_ROWS_AT_MOST {
                    if self.rows.is_empty() {
                        self.first_detail = Some(render::route_detail_table(&record, self.opts.style));
                    }
                    self.rows.push(row);
                } else {
                    let mut overview = Overview::default();
                    for earlier in self.rows.drain(..) {
                        overview.add(&earlier);
                    }
                    overview.add(&row);
                    self.overview = Some(overview);
                }
            }
        }
    }

    /// Compares a record with its expectation; returns the differences (empty when it holds).
    fn check(&mut self, record: &RouteRecord<'_>, expected: Result<Json, InputError>) -> Vec<String> {
        let mut text = String::new();
        render::write_route_json(&mut text, record, |_| {});
        let actual = serde_json::from_str::<Json>(&text);
        let (differences, held) = match (expected, &actual) {
            (Err(e), _) => (vec![e.to_string()], None),
            (Ok(_), Err(e)) => (vec![format!("internal error: route output is not JSON: {e}")], None),
            (Ok(expected), Ok(actual)) => {
                let mut differences = Vec::new();
                subset_diff(&expected, Some(actual), "", &mut differences);
                (differences, Some(expected))
            }
        };
        if let (Some((recorded, differs)), Ok(actual)) = (&mut self.recording, &actual) {
            // An expectation that holds is kept as written (perhaps trimmed or extended by hand).
            let kept = held.filter(|_| differences.is_empty());
            recorded.push(kept.unwrap_or_else(|| expectation_of(actual, record.origin.line)));
            *differs |= !differences.is_empty();
        }
        if differences.is_empty() {
            self.passed += 1;
        } else {
            self.failed += 1;
        }
        differences
    }

    fn report_check_table(&mut self, origin: &Origin, differences: &[String]) {
        let mut text =
            if differences.is_empty() { format!("ok      {origin}\n") } else { format!("FAILED  {origin}\n") };
        for d in differences {
            text.push_str(&format!("        {d}\n"));
        }
        self.buffer.push_str(&text);
        self.flush_if_full();
    }

    fn input_error(&mut self, e: &InputError) {
        self.input_errors += 1;
        if self.opts.output == OutputFormat::Json {
            render::write_input_error_json(&mut self.buffer, e);
        }
        self.flush();
        if let Err(io) = writeln!(self.err, "error: {e}") {
            self.io_error.get_or_insert(io);
        }
    }

    fn warning(&mut self, message: &str) {
        self.flush();
        if let Err(io) = writeln!(self.err, "warning: {message}") {
            self.io_error.get_or_insert(io);
        }
    }

    fn flush_if_full(&mut self) {
        if self.buffer.len() >= FLUSH_AT {
            self.flush();
        }
    }

    fn flush(&mut self) {
        render::write_unless_failed(self.out, &mut self.io_error, self.buffer.as_bytes());
        self.buffer.clear();
    }

    fn finish(mut self) -> io::Result<Exit> {
        if self.opts.output == OutputFormat::Table {
            if self.opts.check {
                // The closing line CI runners read.
                self.buffer.push_str(&format!("{} passed, {} failed\n", self.passed, self.failed));
            } else if let Some(overview) = &self.overview {
                self.buffer.push_str(&overview.tables(self.opts.style));
            } else if let ([_], Some(detail)) = (self.rows.as_slice(), &self.first_detail) {
                self.buffer.push_str(detail);
            } else if !self.rows.is_empty() {
                self.buffer.push_str(&render::route_summary_table(&self.rows, self.opts.style));
            }
        }
        self.flush();
        if let Some(e) = self.io_error.take() {
            return Err(e);
        }
        if !self.recorded.is_empty() {
            let n = self.recorded.len();
            writeln!(self.err, "recorded {n} expectation file{}", if n == 1 { "" } else { "s" })?;
        }
        if self.opts.output == OutputFormat::Table && self.events > 1 {
            // The count comes after the table, also when both go to one terminal.
            self.out.flush()?;
            writeln!(self.err, "{}", self.summary())?;
        }
        Ok(if self.input_errors > 0 {
            Exit::Error
        } else if self.failed > self.recorded_failures {
            Exit::Failure
        } else {
            Exit::Success
        })
    }

    fn summary(&self) -> String {
        let mut text =
            format!("{} events: {} start a trade, {} crash the Lambda", self.events, self.trades, self.crashes);
        if self.input_errors > 0 {
            text.push_str(&format!("; {} unreadable", self.input_errors));
        }
        text
    }
}

/// `events/x.json` → `events/x.expected.json`; `x.jsonl` → `x.expected.jsonl`.
pub fn expectation_path(path: &Path) -> PathBuf {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let ext = path.extension().and_then(|s| s.to_str()).unwrap_or("json");
    let ext = if ext == "json" { "json" } else { "jsonl" };
    path.with_file_name(format!("{stem}.expected.{ext}"))
}

/// What `--record` keeps of a prediction: what an operator checks (path, response or exception,
/// the trade, the handler, the dedup key, the warnings by code, the bus's delivery), not every
/// message, so that a recorded expectation survives wording changes.
fn expectation_of(actual: &Json, line: Option<usize>) -> Json {
    let lambda = &actual["lambda"];
    let pick = |keys: &[&str]| {
        let fields: serde_json::Map<String, Json> =
            keys.iter().map(|k| (k.to_string(), lambda.get(*k).cloned().unwrap_or(Json::Null))).collect();
        Json::Object(fields)
    };
    let warnings: Vec<Json> =
        actual["warnings"].as_array().into_iter().flatten().map(|w| serde_json::json!({"code": w["code"]})).collect();
    let bus = match &actual["bus"] {
        Json::Null => Json::Null,
        bus => serde_json::json!({"archived": bus["archived"], "lambda_invocations": bus["lambda_invocations"]}),
    };
    let mut expectation = serde_json::json!({
        "lambda": pick(&["path", "response", "exception", "main_args", "handler", "dedup_key"]),
        "warnings": warnings,
        "bus": bus,
    });
    if let Some(line) = line {
        expectation["input"] = serde_json::json!({"line": line});
    }
    expectation
}

/// Reads the expectations recorded beside an input: one object, or one per line.
fn load_expectations(path: &Path) -> Result<Vec<Json>, InputError> {
    let expected = expectation_path(path);
    let name = expected.display().to_string();
    let text = std::fs::read_to_string(&expected).map_err(|e| InputError {
        file: name.clone(),
        position: None,
        message: if e.kind() == io::ErrorKind::NotFound {
            "no expected outcome recorded (create this file)".into()
        } else {
            e.to_string()
        },
    })?;
    let parse = |line: &str, n: usize| {
        serde_json::from_str::<Json>(line).map_err(|e| InputError {
            file: name.clone(),
            position: Some((e.line() + n, e.column())),
            message: format!("invalid expectation: {e}"),
        })
    };
    if expected.extension().is_some_and(|e| e == "jsonl") {
        text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(i, l)| parse(l, i)).collect()
    } else {
        Ok(vec![parse(&text, 0)?])
    }
}

/// Every value in `expected` must appear in `actual`; arrays must match element by element.
fn subset_diff(expected: &Json, actual: Option<&Json>, at: &str, out: &mut Vec<String>) {
    let here = if at.is_empty() { "(record)" } else { at };
    match (expected, actual) {
        (_, None) => out.push(format!("{here}: expected {expected}, missing")),
        (Json::Object(want), Some(Json::Object(have))) => {
            for (key, value) in want {
                let path = if at.is_empty() { key.clone() } else { format!("{at}.{key}") };
                subset_diff(value, have.get(key), &path, out);
            }
        }
        (Json::Array(want), Some(Json::Array(have))) if want.len() == have.len() => {
            for (i, (w, h)) in want.iter().zip(have).enumerate() {
                subset_diff(w, Some(h), &format!("{at}[{i}]"), out);
            }
        }
        (Json::Array(want), Some(have @ Json::Array(list))) => {
            out.push(format!("{here}: expected {} items, got {}: {have}", want.len(), list.len()))
        }
        (want, Some(have)) if want == have => {}
        (want, Some(have)) => out.push(format!("{here}: expected {want}, got {have}")),
    }
}

/// `alchemiser route`: resolves the arguments and runs.
pub fn execute(args: crate::cli::RouteArgs, globals: &crate::cli::Globals) -> Exit {
    use std::io::IsTerminal;
    let mut paths = args.paths;
    paths.extend(args.files);
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            eprintln!("error: no events given: pass files, folders, or `-` for stdin (see `alchemiser route --help`)");
            return Exit::Error;
        }
        paths.push(input::STDIN.into());
    }
    let bus = match super::bus_for(&args.bus, &args.aws, globals.stage) {
        Ok(bus) => bus,
        Err(exit) => return exit,
    };
    let opts = RouteOptions {
        paths,
        format: if args.jsonl { Format::JsonLines } else { Format::Auto },
        follow: args.follow,
        check: args.check,
        record: args.record,
        stage: globals.stage,
        bus,
        output: globals.output,
        style: globals.style,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = run(&opts, &mut io::stdin().lock(), &mut out, &mut io::stderr());
    super::finish_io(result.and_then(|exit| out.flush().map(|_| exit)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expectation_files_sit_beside_inputs() {
        assert_eq!(expectation_path(Path::new("a/b.json")), PathBuf::from("a/b.expected.json"));
        assert_eq!(expectation_path(Path::new("a/b.ndjson")), PathBuf::from("a/b.expected.jsonl"));
    }

    #[test]
    fn subset_diff_names_paths() {
        let want = serde_json::json!({"lambda": {"path": "command", "main_args": ["trade"]}});
        let have = serde_json::json!({"lambda": {"path": "domain", "main_args": null, "x": 1}});
        let mut out = Vec::new();
        subset_diff(&want, Some(&have), "", &mut out);
        out.sort();
        assert_eq!(
            out,
            vec![
                "lambda.main_args: expected [\"trade\"], got null",
                "lambda.path: expected \"command\", got \"domain\""
            ]
        );
    }
}
