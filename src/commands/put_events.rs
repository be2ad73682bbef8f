//! `alchemiser put-events`: send events to the bus, each routed locally first.
//!
//! Nothing is lost or sent twice: calls hold at most 10 entries and under 256 KB; only what AWS
//! marks retryable (an entry's `ThrottlingException`/`InternalFailure`, a call throttled whole)
//! is sent again (`aws::put_events`); an entry whose fate is not known is `unknown`, never
//! `failed`, and never resent; every input gets exactly one outcome, also when Ctrl-C stops the run.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::aws::EventsClient as Client;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use tokio::task::JoinSet;

use super::{CommandError, Interrupts, Io, OnInterrupt};
use crate::aws::AwsError;
use crate::aws::put_events::put_entries;
use crate::bus::{Bus, default_bus, drift_from_default};
use crate::cli::RuleSource;
use crate::entries::{Entry, MAX_CALL_BYTES, Outcome, batches, entry_from_event};
use crate::exit::Exit;
use crate::guard::{self, Allowance, StageClue};
use crate::input::{self, Flow, Format, Input, Origin};
use crate::render::{OutputFormat, Style, emphasize_live, json_line};
use crate::routing::{Stage, predict};

/// Everything `put-events` needs, resolved from the command line.
#[derive(Debug, Clone)]
pub struct PutEventsOptions {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    /// Follow symbolic links inside folders.
    pub follow: bool,
    /// The stage acted at (the stricter of `--stage` and the bus's), deciding paper or LIVE.
    pub stage: Stage,
    /// The rules events are routed through before sending.
    pub rules: Bus,
    /// The bus to put events on.
    pub bus_name: String,
    pub allowance: Allowance,
    pub dry_run: bool,
    /// Where the `failed` entries go (safe to send again); always written.
    pub failed_out: Option<PathBuf>,
    /// Where the `unknown` entries go (perhaps delivered); always written.
    pub unknown_out: Option<PathBuf>,
    /// Where every input's JSON record goes, whatever the output format.
    pub report: Option<PathBuf>,
    /// Calls in flight at once.
    pub concurrency: usize,
    /// Attempts per entry for retryable failures (first try included).
    pub max_attempts: u32,
    /// How long calls in flight may still finish after a Ctrl-C.
    pub timeout: Duration,
    pub output: OutputFormat,
    /// Colour on stdout (the report) and on stderr (the prompt).
    pub style: Style,
    pub err_style: Style,
    pub progress: bool,
}

/// One input while the run decides its outcome.
struct Item {
    origin: Origin,
    entry: Option<Entry>,
    outcome: Option<Outcome>,
}

/// One input line of the report, its outcome decided.
struct Row {
    origin: Origin,
    entry: Option<Entry>,
    outcome: Outcome,
}

/// How sending ended.
#[derive(Default)]
struct Sending {
    /// The last error that refused or cut off a whole call, for the exit code.
    call_error: Option<AwsError>,
    /// A second Ctrl-C: quit without waiting for the calls in flight.
    abandoned: bool,
}

const NOT_STARTED: &str = "NotSent";

/// Reads, routes, guards and sends (with `client`; None only for a dry run); returns the exit
/// code (docs/manual.md). Live trades that lack `--yes` are asked about through `io.confirm`,
/// and refused when there is none.
pub async fn run(
    client: Option<&Client>,
    opts: &PutEventsOptions,
    stdin: &mut dyn Read,
    io: &mut Io<'_>,
) -> Result<Exit, CommandError> {
    if opts.dry_run && io.confirm.is_none() {
        return dry_run_streaming(opts, stdin, io);
    }
    let (mut items, unreadable) = read_items(opts, stdin, io.err)?;
    // Emptied before anything is sent: an earlier run's entries can never be resent by mistake
    // (nor an earlier report read as this run's).
    for path in [&opts.failed_out, &opts.unknown_out, &opts.report].into_iter().flatten() {
        write_atomically(path, b"").with_context(|| format!("cannot write {}", path.display()))?;
    }
    let sendable = guard_items(&mut items, opts, io)?;
    let mut sending = Sending::default();
    if io.interrupts.count() > 0 {
        for i in &sendable {
            items[*i].outcome = Some(not_started());
        }
    } else if opts.dry_run {
        for i in &sendable {
            items[*i].outcome = Some(Outcome::WouldSend);
        }
    } else if let Some(client) = client.filter(|_| !sendable.is_empty()) {
        let entries: Vec<(usize, Entry)> =
            sendable.iter().filter_map(|i| items[*i].entry.clone().map(|e| (*i, e))).collect();
        sending = send(client, opts, entries, &mut items, &io.interrupts, io.err).await?;
    }
    let rows = decided(items);

    // The out-files and the summary first: a reader that closes stdout early (`| head`) must not
    // cost the record of what failed.
    let failed = write_entries(opts.failed_out.as_deref(), &rows, "failed")?;
    let unknown = write_entries(opts.unknown_out.as_deref(), &rows, "unknown")?;
    if let Some(path) = &opts.report {
        let mut records = Vec::new();
        json_report(&rows, opts, &mut records)?;
        write_atomically(path, &records).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if !sending.abandoned {
        match report(&rows, opts, io.out).and_then(|()| io.out.flush()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
            other => other?,
        }
    }
    writeln!(io.err, "{}", summary(rows.len(), |status| rows.iter().filter(|r| r.outcome.status() == status).count()))?;
    if !sending.abandoned {
        advise(io.err, opts, failed, unknown)?;
    }

    let mut exit = if unreadable > 0 { Exit::Error } else { Exit::Success };
    if rows.iter().any(|r| !matches!(r.outcome, Outcome::Sent { .. } | Outcome::WouldSend)) {
        exit = exit.worst(Exit::Failure);
    }
    // A whole call's failure says more about what to do next than an unreadable input does.
    if let Some(error) = &sending.call_error {
        exit = error.exit;
    }
    Ok(if io.interrupts.count() > 0 { Exit::Interrupted } else { exit })
}

/// Every input with exactly one outcome: one still without is an entry whose call was in flight
/// when the run stopped (or whose sending task died), which may have been delivered.
fn decided(items: Vec<Item>) -> Vec<Row> {
    items
        .into_iter()
        .map(|item| Row {
            outcome: item.outcome.unwrap_or_else(|| Outcome::Unknown {
                message: "the run stopped before AWS answered; check the bus before resending".into(),
            }),
            origin: item.origin,
            entry: item.entry,
        })
        .collect()
}

fn not_started() -> Outcome {
    Outcome::Failed {
        code: NOT_STARTED.to_string(),
        message: "not sent: stopped by Ctrl-C before its call started".to_string(),
        attempts: 0,
    }
}

fn read_items(opts: &PutEventsOptions, stdin: &mut dyn Read, err: &mut dyn Write) -> io::Result<(Vec<Item>, usize)> {
    let mut items = Vec::new();
    let unreadable = each_item(opts, stdin, err, &mut |item| {
        items.push(item);
        Ok(())
    })?;
    Ok((items, unreadable))
}

/// Reads every input and hands each event to `visit` as an item, as it is read; problems go
/// to `err`. Returns how many inputs were unreadable.
fn each_item(
    opts: &PutEventsOptions,
    stdin: &mut dyn Read,
    err: &mut dyn Write,
    visit: &mut dyn FnMut(Item) -> io::Result<()>,
) -> io::Result<usize> {
    let mut unreadable = 0;
    let mut failure = None;
    let _ = input::read_paths(&opts.paths, opts.format, opts.follow, stdin, &mut |input| {
        let done = match input {
            Input::Event(event) => {
                let (entry, outcome) = match entry_from_event(&event.value) {
                    Ok(entry) if entry.size() >= MAX_CALL_BYTES => {
                        let reason = format!(
                            "entry is {} bytes; PutEvents takes under 256 KB (put the payload in S3)",
                            entry.size()
                        );
                        (None, Some(Outcome::Invalid { reason }))
                    }
                    Ok(entry) => (Some(entry), None),
                    Err(reason) => (None, Some(Outcome::Invalid { reason })),
                };
                visit(Item { origin: event.origin, entry, outcome })
            }
            Input::Unreadable(e) => {
                unreadable += 1;
                writeln!(err, "error: {e}")
            }
            Input::Skipped(why) => writeln!(err, "warning: {why}"),
        };
        // A failure (Ctrl-C, a closed pipe) stops the reading: nothing after it is read.
        match done {
            Ok(()) => Flow::Continue(()),
            Err(e) => {
                failure = Some(e);
                Flow::Break(())
            }
        }
    });
    failure.map_or(Ok(unreadable), Err)
}

/// The guard's verdict on one entry, routed through the run's rules.
fn verdict(entry: &Entry, opts: &PutEventsOptions) -> Result<(), guard::Refusal> {
    let runs = opts.rules.route(&entry.envelope).lambda_invocations;
    let prediction = predict(&entry.envelope, opts.stage);
    guard::check(&prediction, runs, opts.stage, opts.allowance)
}

/// A dry run nobody is asked about: each entry is checked and reported as it is read, so memory
/// does not grow with the input.
fn dry_run_streaming(opts: &PutEventsOptions, stdin: &mut dyn Read, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    // Emptied first, as in a sending run: an earlier run's report is never read as this one's.
    for path in [&opts.failed_out, &opts.unknown_out, &opts.report].into_iter().flatten() {
        write_atomically(path, b"").with_context(|| format!("cannot write {}", path.display()))?;
    }
    let mut report_file = match &opts.report {
        Some(path) => Some(AtomicFile::create(path).with_context(|| format!("cannot write {}", path.display()))?),
        None => None,
    };
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    let mut total = 0;
    let mut stdout_closed = false;
    let out = &mut *io.out;
    let interrupts = io.interrupts.clone();
    let read = each_item(opts, stdin, io.err, &mut |item| {
        if interrupts.count() > 0 {
            // Ctrl-C: stop reading; what was reported stands.
            return Err(io::ErrorKind::Interrupted.into());
        }
        let outcome = match (item.outcome, &item.entry) {
            (Some(outcome), _) => outcome,
            (None, Some(entry)) => match verdict(entry, opts) {
                Ok(()) => Outcome::WouldSend,
                Err(refusal) => Outcome::Refused { reason: refusal.reason },
            },
            (None, None) => Outcome::Invalid { reason: "no entry".into() },
        };
        let row = [Row { origin: item.origin, entry: item.entry, outcome }];
        total += 1;
        let status = row[0].outcome.status();
        match counts.iter_mut().find(|(s, _)| *s == status) {
            Some((_, n)) => *n += 1,
            None => counts.push((status, 1)),
        }
        if let Some(file) = &mut report_file {
            json_report(&row, opts, &mut file.writer)?;
        }
        if !stdout_closed {
            match report(&row, opts, out) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => stdout_closed = true,
                other => other?,
            }
        }
        Ok(())
    });
    let unreadable = match read {
        Err(e) if e.kind() == io::ErrorKind::Interrupted => 0,
        other => other?,
    };
    if let Some(file) = report_file {
        file.commit()?;
    }
    match io.out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    let count = |status: &str| counts.iter().find(|(s, _)| *s == status).map_or(0, |(_, n)| *n);
    writeln!(io.err, "{}", summary(total, count))?;
    if io.interrupts.count() > 0 {
        return Ok(Exit::Interrupted);
    }
    let exit = if unreadable > 0 { Exit::Error } else { Exit::Success };
    Ok(if counts.iter().any(|(s, _)| *s != "dry_run") { exit.worst(Exit::Failure) } else { exit })
}

/// A file written whole or not at all: a temporary file beside it, renamed over it at the end
/// (and removed if the end never comes).
struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    writer: io::BufWriter<std::fs::File>,
    committed: bool,
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

impl AtomicFile {
    fn create(path: &Path) -> io::Result<AtomicFile> {
        let tmp = partial_path(path);
        let writer = io::BufWriter::new(std::fs::File::create(&tmp)?);
        Ok(AtomicFile { path: path.to_path_buf(), tmp, writer, committed: false })
    }

    fn commit(mut self) -> io::Result<()> {
        let done = self.writer.flush().and_then(|()| std::fs::rename(&self.tmp, &self.path));
        // Renamed: nothing left to remove; failed: Drop removes the temporary file.
        self.committed = done.is_ok();
        done
    }
}

fn partial_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.partial", std::process::id()))
}

/// Routes every entry and applies the guard; returns the indices that may be sent.
fn guard_items(items: &mut [Item], opts: &PutEventsOptions, io: &mut Io<'_>) -> io::Result<Vec<usize>> {
    let mut sendable = Vec::new();
    let mut awaiting_confirmation = Vec::new();
    for (i, item) in items.iter_mut().enumerate() {
        let Some(entry) = &item.entry else { continue };
        match verdict(entry, opts) {
            Ok(()) => sendable.push(i),
            Err(refusal) if refusal.needs_confirmation && io.confirm.is_some() => awaiting_confirmation.push(i),
            Err(refusal) => item.outcome = Some(Outcome::Refused { reason: refusal.reason }),
        }
    }
    if let Some(confirm) = io.confirm.as_mut()
        && !awaiting_confirmation.is_empty()
    {
        let n = awaiting_confirmation.len();
        let question = format!("{} would start a LIVE trading run in prod. Send?", events(n));
        let yes = confirm(&emphasize_live(&question, opts.err_style.color))?;
        for i in awaiting_confirmation {
            if yes {
                sendable.push(i);
            } else {
                items[i].outcome = Some(Outcome::Refused { reason: "refused: live trade not confirmed".to_string() });
            }
        }
        sendable.sort_unstable();
    }
    Ok(sendable)
}

/// "1 event", "2 events".
fn events(n: usize) -> String {
    format!("{n} event{}", if n == 1 { "" } else { "s" })
}

/// Sends every entry, at most `opts.concurrency` calls at once, recording each outcome in
/// `items` as its call ends. The first Ctrl-C starts no more calls and waits up to
/// `opts.timeout` for those in flight; the second stops waiting.
async fn send(
    client: &Client,
    opts: &PutEventsOptions,
    entries: Vec<(usize, Entry)>,
    items: &mut [Item],
    interrupts: &Interrupts,
    err: &mut dyn Write,
) -> io::Result<Sending> {
    let refs: Vec<&Entry> = entries.iter().map(|(_, e)| e).collect();
    // Entries too large for any call were made `invalid` when read.
    let (calls, _oversized) = batches(&refs);
    let bar = progress_bar(opts.progress, entries.len());
    let mut sending = Sending::default();
    let mut queue = calls.into_iter();
    let mut running = JoinSet::new();
    let mut stop_waiting_at: Option<tokio::time::Instant> = None;
    loop {
        while stop_waiting_at.is_none() && interrupts.count() == 0 && running.len() < opts.concurrency.max(1) {
            let Some(call) = queue.next() else { break };
            let batch: Vec<(usize, Entry)> = call.iter().map(|&k| entries[k].clone()).collect();
            let (client, bus, interrupts) = (client.clone(), opts.bus_name.clone(), interrupts.clone());
            let attempts = opts.max_attempts.max(1);
            running.spawn(async move { put_entries(&client, &bus, batch, attempts, &interrupts).await });
        }
        if running.is_empty() {
            break;
        }
        let deadline = stop_waiting_at.unwrap_or_else(|| tokio::time::Instant::now() + opts.timeout);
        tokio::select! {
            // Ctrl-C first: a call that ends at the same moment must not make room for another.
            biased;
            () = interrupts.reached(2) => {
                sending.abandoned = true;
                break;
            }
            () = interrupts.reached(1), if stop_waiting_at.is_none() => {
                stop_waiting_at = Some(tokio::time::Instant::now() + opts.timeout);
                let line = format!(
                    "stopping: no new calls; waiting up to {} s for {} in flight (Ctrl-C again to quit at once)",
                    opts.timeout.as_secs(),
                    match running.len() { 1 => "1 call".to_string(), n => format!("{n} calls") },
                );
                match &bar {
                    Some(bar) => bar.suspend(|| writeln!(err, "{line}"))?,
                    None => writeln!(err, "{line}")?,
                }
            }
            () = tokio::time::sleep_until(deadline), if stop_waiting_at.is_some() => break,
            joined = running.join_next() => {
                // A task that died leaves its entries without an outcome: `run` makes them unknown.
                if let Some(Ok(result)) = joined {
                    if let Some(bar) = &bar {
                        bar.inc(result.outcomes.len() as u64);
                    }
                    for (index, outcome) in result.outcomes {
                        items[index].outcome = Some(outcome);
                    }
                    if result.error.is_some() {
                        sending.call_error = result.error;
                    }
                }
            }
        }
    }
    // Calls never started provably delivered nothing; calls still running are dropped here and
    // their entries become `unknown` in `run`.
    for call in queue {
        for k in call {
            items[entries[k].0].outcome = Some(not_started());
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(sending)
}

fn progress_bar(enabled: bool, entries: usize) -> Option<ProgressBar> {
    (enabled && entries > 10).then(|| {
        let bar = ProgressBar::new(entries as u64);
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} sending {pos}/{len} events [{bar:30}] {per_sec}, {eta} left ({elapsed})",
        ) {
            bar.set_style(style);
        }
        bar
    })
}

/// One `put-events -o json` line.
#[derive(Serialize)]
struct RowJson<'a> {
    input: InputJson<'a>,
    status: &'static str,
    event_id: Option<&'a str>,
    error_code: Option<&'a str>,
    message: Option<&'a str>,
    attempts: Option<u32>,
    rule_set: &'a str,
    /// With `--dry-run`: the entry as PutEvents would get it.
    #[serde(skip_serializing_if = "Option::is_none")]
    entry: Option<EntryJson<'a>>,
}

#[derive(Serialize)]
struct InputJson<'a> {
    file: &'a str,
    line: Option<usize>,
}

/// A PutEvents entry, as `aws events put-events --entries` takes it.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct EntryJson<'a> {
    source: &'a str,
    detail_type: &'a str,
    /// JSON text, as PutEvents takes it.
    detail: &'a str,
    event_bus_name: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    resources: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<&'a str>,
}

impl<'a> EntryJson<'a> {
    fn new(entry: &'a Entry, bus: &'a str) -> EntryJson<'a> {
        EntryJson {
            source: &entry.source,
            detail_type: &entry.detail_type,
            detail: &entry.detail,
            event_bus_name: bus,
            resources: &entry.resources,
            time: entry.time.as_deref(),
        }
    }
}

/// An entry as `--failed-out` and `--unknown-out` keep it: an envelope `put-events` reads back.
#[derive(Serialize)]
struct EnvelopeJson<'a> {
    source: &'a str,
    #[serde(rename = "detail-type")]
    detail_type: &'a str,
    /// The detail as it was sent, not re-encoded.
    detail: &'a serde_json::value::RawValue,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    resources: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<&'a str>,
}

fn report(rows: &[Row], opts: &PutEventsOptions, out: &mut dyn Write) -> io::Result<()> {
    match opts.output {
        OutputFormat::Json => json_report(rows, opts, out),
        OutputFormat::Table => {
            let mut text = String::new();
            // People read what needs them: the events not sent (a dry run lists what it would send).
            for row in rows {
                let line = match &row.outcome {
                    Outcome::Sent { .. } => continue,
                    Outcome::Failed { code, message, attempts } => {
                        format!(
                            "FAILED    {code}: {message} ({attempts} attempt{})",
                            if *attempts == 1 { "" } else { "s" }
                        )
                    }
                    Outcome::Unknown { message } => format!("UNKNOWN   not resent, check the bus: {message}"),
                    Outcome::Refused { reason } => format!("REFUSED   {}", emphasize_live(reason, opts.style.color)),
                    Outcome::Invalid { reason } => format!("INVALID   {reason}"),
                    Outcome::WouldSend => {
                        let entry = row.entry.as_ref().map(|e| EntryJson::new(e, &opts.bus_name));
                        format!("dry-run   {}", serde_json::to_string(&entry).map_err(io::Error::from)?)
                    }
                };
                text.push_str(&format!("{:<40} {line}\n", row.origin.to_string()));
            }
            out.write_all(text.as_bytes())
        }
    }
}

/// Every input's record as JSON Lines: `-o json` and `--report`.
fn json_report(rows: &[Row], opts: &PutEventsOptions, out: &mut dyn Write) -> io::Result<()> {
    for row in rows {
        let (event_id, error_code, message, attempts) = match &row.outcome {
            Outcome::Sent { event_id, attempts } => (Some(event_id.as_str()), None, None, Some(*attempts)),
            Outcome::Failed { code, message, attempts } => {
                (None, Some(code.as_str()), Some(message.as_str()), Some(*attempts))
            }
            Outcome::Unknown { message } => (None, None, Some(message.as_str()), None),
            Outcome::Refused { reason } | Outcome::Invalid { reason } => (None, None, Some(reason.as_str()), None),
            Outcome::WouldSend => (None, None, None, None),
        };
        let record = RowJson {
            input: InputJson { file: &row.origin.file, line: row.origin.line },
            status: row.outcome.status(),
            event_id,
            error_code,
            message,
            attempts,
            rule_set: &opts.rules.origin,
            entry: row.entry.as_ref().filter(|_| opts.dry_run).map(|e| EntryJson::new(e, &opts.bus_name)),
        };
        json_line(out, &record)?;
    }
    Ok(())
}

/// Writes the entries whose status is `status` to `path` as JSON Lines envelopes (what
/// `put-events` reads back); returns how many. Nothing is written without a path.
fn write_entries(path: Option<&Path>, rows: &[Row], status: &str) -> anyhow::Result<usize> {
    let Some(path) = path else { return Ok(0) };
    let mut text = Vec::new();
    let mut count = 0;
    for row in rows {
        if let Some(entry) = &row.entry
            && row.outcome.status() == status
        {
            count += 1;
            // The detail is JSON text this tool wrote, so it always reads back as raw JSON.
            let detail = serde_json::value::RawValue::from_string(entry.detail.clone()).map_err(io::Error::from)?;
            let envelope = EnvelopeJson {
                source: &entry.source,
                detail_type: &entry.detail_type,
                detail: &detail,
                resources: &entry.resources,
                time: entry.time.as_deref(),
            };
            json_line(&mut text, &envelope)?;
        }
    }
    write_atomically(path, &text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(count)
}

/// Whole or not at all: a temporary file beside `path`, renamed over it.
fn write_atomically(path: &Path, text: &[u8]) -> io::Result<()> {
    let tmp = partial_path(path);
    let written = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The closing line: how many events, then how many of each outcome (`count` by status).
fn summary(total: usize, count: impl Fn(&str) -> usize) -> String {
    let mut parts = vec![events(total)];
    for (status, label) in [
        ("sent", "sent"),
        ("dry_run", "would be sent"),
        ("failed", "failed"),
        ("unknown", "unknown (not resent)"),
        ("refused", "refused"),
        ("invalid", "invalid"),
    ] {
        let n = count(status);
        if n > 0 {
            parts.push(format!("{n} {label}"));
        }
    }
    parts.join(", ")
}

/// What to do about the entries that were not sent.
fn advise(err: &mut dyn Write, opts: &PutEventsOptions, failed: usize, unknown: usize) -> io::Result<()> {
    if failed > 0
        && let Some(path) = &opts.failed_out
    {
        writeln!(
            err,
            "wrote {} that failed to {}: they were not delivered; send them again with `alchemiser put-events {}`",
            events(failed),
            path.display(),
            path.display()
        )?;
    }
    if unknown > 0 {
        let listed = match &opts.unknown_out {
            Some(path) => format!("they are in {}", path.display()),
            None => "pass --unknown-out FILE to keep them".to_string(),
        };
        writeln!(
            err,
            "{} may or may not have been delivered ({listed}): before sending any again, look for them with `alchemiser logs --since 15m` or in the archive (`alchemiser replay --dry-run`)",
            events(unknown)
        )?;
    }
    Ok(())
}

/// Targets the guard cannot see through: another Lambda function or another bus, whose own
/// handling of an event may start a trade. One line per rule that has them.
fn unfollowed_targets(bus: &Bus) -> Vec<String> {
    bus.rules()
        .iter()
        .filter_map(|rule| {
            let others: Vec<&str> = rule
                .targets
                .iter()
                .filter(|t| !t.is_function && (t.arn.contains(":function:") || t.arn.contains(":event-bus/")))
                .map(|t| t.arn.as_str())
                .collect();
            (!others.is_empty()).then(|| {
                format!(
                    "rule {} also delivers to {}: the guard checks only what {} does with an event",
                    rule.name,
                    others.join(", "),
                    bus.function_name
                )
            })
        })
        .collect()
}

/// `alchemiser put-events`: works out the stage and the rules, loads AWS, runs.
pub fn execute(args: crate::cli::PutEventsArgs, globals: &crate::cli::Globals) -> Exit {
    use std::io::IsTerminal;
    let paths = if args.paths.is_empty() { vec![PathBuf::from(input::STDIN)] } else { args.paths.clone() };
    super::shell(OnInterrupt::Handle, async |io| {
        let stage = super::acting_stage(globals, &super::name_clues(&args.aws))?;
        // AWS is needed to send and to read the deployed rules; a dry run can do without.
        let aws = match crate::aws::load(&args.aws.settings(), stage).await {
            Ok(aws) => Some(aws),
            Err(e) if args.dry_run => {
                writeln!(
                    io.err,
                    "note: AWS cannot be used ({}); the dry run routes through the embedded 2.27.0 rules",
                    e.message
                )?;
                None
            }
            Err(e) => return Err(e.into()),
        };
        let rules = match (&args.template, args.rules, &aws) {
            (Some(_), _, _) => {
                let source = crate::cli::BusSourceArgs { template: args.template.clone(), live: false };
                super::offline_bus(&source, stage)?
            }
            (None, RuleSource::Deployed, Some(aws)) => match crate::aws::live_bus::load(aws).await {
                Ok(bus) => {
                    let drift = drift_from_default(&bus, stage);
                    if !drift.is_empty() {
                        writeln!(io.err, "note: the deployed rules differ from 2.27.0: {}", drift.join("; "))?;
                    }
                    bus
                }
                Err(e) if args.dry_run => {
                    writeln!(
                        io.err,
                        "note: cannot read the deployed rules ({}); the dry run routes through the embedded 2.27.0 rules",
                        e.message
                    )?;
                    default_bus(stage)
                }
                Err(e) => return Err(e.into()),
            },
            (None, _, _) => default_bus(stage),
        };
        // A bus whose rules deliver to the prod function is a prod bus, whatever its name.
        let target_clues: Vec<StageClue> = rules
            .rules()
            .iter()
            .flat_map(|r| r.targets.iter().filter(|t| t.is_function))
            .filter_map(|t| {
                Stage::in_name(&t.arn).map(|s| StageClue { what: t.arn.clone(), stage: s, from_name: false })
            })
            .collect();
        let stage = guard::acting_stage(stage, false, &target_clues).map_err(CommandError::Usage)?;
        let bus_name = aws.as_ref().map(|a| a.bus.clone()).unwrap_or_else(|| rules.name.clone());
        writeln!(
            io.err,
            "guard: routing through the {} ({} rules), stage {}",
            rules.origin,
            rules.rules().len(),
            stage.as_str()
        )?;
        for note in unfollowed_targets(&rules) {
            writeln!(io.err, "note: {note}")?;
        }
        // PutEvents to a bus that does not exist may be accepted (and lost): ask first when the
        // rules did not come from the bus itself.
        if let Some(aws) = &aws
            && !args.dry_run
            && !rules.origin.starts_with("live bus")
        {
            crate::aws::replay::bus_arn(&aws.events, &aws.bus).await?;
        }
        let opts = PutEventsOptions {
            paths: paths.clone(),
            format: if args.jsonl { Format::JsonLines } else { Format::Auto },
            follow: args.follow,
            stage,
            rules,
            bus_name,
            allowance: Allowance { force: args.guard.force, yes: args.guard.yes },
            dry_run: args.dry_run,
            failed_out: args.failed_out.clone(),
            unknown_out: args.unknown_out.clone(),
            report: args.report.clone(),
            concurrency: usize::from(args.concurrency),
            max_attempts: args.attempts,
            timeout: Duration::from_secs(args.aws.timeout),
            output: globals.output,
            style: globals.style,
            err_style: globals.err_style,
            progress: io::stderr().is_terminal(),
        };
        run(aws.as_ref().map(|a| &a.events), &opts, &mut io::stdin().lock(), io).await
    })
}
