//! `alchemiser put-events`: send events to the bus, each routed locally first.
//!
//! Nothing is lost or sent twice: calls hold at most 10 entries and under 256 KB; only the
//! entries AWS marks retryable (`ThrottlingException`, `InternalFailure`) are sent again, with
//! capped exponential backoff and jitter; a call whose outcome is unknown (timeout, 5xx) is
//! never resent but reported as such; every input gets exactly one outcome.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::time::Duration;

use aws_sdk_eventbridge::Client;
use aws_sdk_eventbridge::config::retry::RetryConfig;
use aws_sdk_eventbridge::error::ProvideErrorMetadata;
use aws_sdk_eventbridge::primitives::{DateTime, DateTimeFormat};
use aws_sdk_eventbridge::types::PutEventsRequestEntry;
use indicatif::{ProgressBar, ProgressStyle};
use tokio::task::JoinSet;

use super::Io;
use crate::aws::error::{AwsError, classify};
use crate::bus::Bus;
use crate::entries::{Entry, RETRYABLE_CODES, backoff_ms, batches, entry_from_event};
use crate::exit::Exit;
use crate::guard::{self, Allowance};
use crate::input::{self, Format, Origin};
use crate::json::write::write_str;
use crate::render::OutputFormat;
use crate::routing::{Stage, predict};

/// Everything `put-events` needs, resolved from the command line.
#[derive(Debug, Clone)]
pub struct PutEventsOptions {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub stage: Stage,
    /// The rules events are routed through before sending.
    pub rules: Bus,
    /// The bus to put events on.
    pub bus_name: String,
    pub allowance: Allowance,
    pub dry_run: bool,
    /// Write the entries that failed (as JSON Lines envelopes) here, to send again.
    pub failed_out: Option<PathBuf>,
    /// Calls in flight at once.
    pub concurrency: usize,
    /// Attempts per entry for retryable failures (first try included).
    pub max_attempts: u32,
    pub output: OutputFormat,
    pub progress: bool,
}

/// What happened to one input.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Sent {
        event_id: String,
        attempts: u32,
    },
    /// AWS refused the entry (or every retry of it); it was not delivered.
    Failed {
        code: String,
        message: String,
        attempts: u32,
    },
    /// The call's fate is unknown (timeout, server error): not resent, to avoid a duplicate.
    Unknown {
        message: String,
    },
    /// Held back by the routing guard.
    Refused {
        reason: String,
    },
    /// Not something PutEvents takes (or unreadable).
    Invalid {
        reason: String,
    },
    /// `--dry-run`: would be sent.
    WouldSend,
}

impl Outcome {
    fn status(&self) -> &'static str {
        match self {
            Outcome::Sent { .. } => "sent",
            Outcome::Failed { .. } => "failed",
            Outcome::Unknown { .. } => "unknown",
            Outcome::Refused { .. } => "refused",
            Outcome::Invalid { .. } => "invalid",
            Outcome::WouldSend => "dry_run",
        }
    }
}

/// One input line of the report.
struct Item {
    origin: Origin,
    entry: Option<Entry>,
    outcome: Option<Outcome>,
}

/// Reads, routes, guards and sends; returns the exit code (see the README). Live trades that
/// lack `--yes` are asked about through `io.confirm`, and refused when there is none.
pub async fn run(client: &Client, opts: &PutEventsOptions, stdin: &mut dyn Read, io: &mut Io<'_>) -> io::Result<Exit> {
    let (mut items, unreadable) = read_items(opts, stdin, io.err)?;
    let sendable = guard_items(&mut items, opts, io)?;
    let (out, err) = (&mut *io.out, &mut *io.err);

    if opts.dry_run {
        for i in &sendable {
            items[*i].outcome = Some(Outcome::WouldSend);
        }
    } else if !sendable.is_empty() {
        let entries: Vec<(usize, Entry)> =
            sendable.iter().filter_map(|i| items[*i].entry.clone().map(|e| (*i, e))).collect();
        for (index, outcome) in send(client, &opts.bus_name, entries, opts).await {
            items[index].outcome = Some(outcome);
        }
        // Every input gets exactly one outcome, even if a sending task died without one.
        for i in &sendable {
            items[*i].outcome.get_or_insert_with(|| Outcome::Unknown {
                message: "the sending task stopped before reporting; check the bus before resending".into(),
            });
        }
    }

    report(&items, opts, out)?;
    let mut exit = if unreadable > 0 { Exit::Error } else { Exit::Success };
    if let Some(path) = &opts.failed_out {
        let written = write_failed(path, &items)?;
        if written > 0 {
            writeln!(err, "wrote {written} failed entries to {} (send them again with `put-events`)", path.display())?;
        }
    }
    let not_sent =
        items.iter().filter(|i| !matches!(i.outcome, Some(Outcome::Sent { .. } | Outcome::WouldSend))).count();
    if not_sent > 0 {
        exit = exit.worst(Exit::Failure);
    }
    writeln!(err, "{}", summary(&items))?;
    Ok(exit)
}

fn read_items(opts: &PutEventsOptions, stdin: &mut dyn Read, err: &mut dyn Write) -> io::Result<(Vec<Item>, usize)> {
    let mut items = Vec::new();
    let mut unreadable = 0;
    for path in input::expand_paths(&opts.paths) {
        let path = match path {
            Ok(path) => path,
            Err(e) => {
                unreadable += 1;
                writeln!(err, "error: {e}")?;
                continue;
            }
        };
        let mut errors = Vec::new();
        input::read_file(&path, opts.format, stdin, &mut |item| match item {
            Ok(event) => {
                let (entry, outcome) = match entry_from_event(&event.value) {
                    Ok(entry) => (Some(entry), None),
                    Err(reason) => (None, Some(Outcome::Invalid { reason })),
                };
                items.push(Item { origin: event.origin, entry, outcome });
            }
            Err(e) => errors.push(e),
        });
        for e in errors {
            unreadable += 1;
            writeln!(err, "error: {e}")?;
        }
    }
    Ok((items, unreadable))
}

/// Routes every entry and applies the guard; returns the indices that may be sent.
fn guard_items(items: &mut [Item], opts: &PutEventsOptions, io: &mut Io<'_>) -> io::Result<Vec<usize>> {
    let mut sendable = Vec::new();
    let mut awaiting_confirmation = Vec::new();
    for (i, item) in items.iter_mut().enumerate() {
        let Some(entry) = &item.entry else { continue };
        let runs = opts.rules.route(&entry.envelope).lambda_invocations;
        let prediction = predict(&entry.envelope, opts.stage);
        match guard::check(&prediction, runs, opts.stage, opts.allowance) {
            Ok(()) => sendable.push(i),
            Err(refusal) if refusal.needs_confirmation && io.confirm.is_some() => awaiting_confirmation.push(i),
            Err(refusal) => item.outcome = Some(Outcome::Refused { reason: refusal.reason }),
        }
    }
    if let Some(confirm) = io.confirm.as_mut()
        && !awaiting_confirmation.is_empty()
    {
        let n = awaiting_confirmation.len();
        let yes = confirm(&format!(
            "{n} event{} would start a LIVE trading run in prod. Send?",
            if n == 1 { "" } else { "s" }
        ))?;
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

fn request_entry(entry: &Entry, bus: &str) -> PutEventsRequestEntry {
    PutEventsRequestEntry::builder()
        .source(&entry.source)
        .detail_type(&entry.detail_type)
        .detail(&entry.detail)
        .event_bus_name(bus)
        .set_resources((!entry.resources.is_empty()).then(|| entry.resources.clone()))
        .set_time(entry.time.as_deref().and_then(|t| DateTime::from_str(t, DateTimeFormat::DateTime).ok()))
        .build()
}

/// Sends every entry, at most `opts.concurrency` calls at once; one outcome per index.
async fn send(
    client: &Client,
    bus: &str,
    entries: Vec<(usize, Entry)>,
    opts: &PutEventsOptions,
) -> Vec<(usize, Outcome)> {
    let refs: Vec<&Entry> = entries.iter().map(|(_, e)| e).collect();
    let (calls, oversized) = batches(&refs);
    let mut outcomes: Vec<(usize, Outcome)> = oversized
        .iter()
        .map(|&k| {
            let reason =
                format!("entry is {} bytes; PutEvents takes under 256 KB (put the payload in S3)", entries[k].1.size());
            (entries[k].0, Outcome::Invalid { reason })
        })
        .collect();
    let progress = progress_bar(opts.progress, calls.len());
    let mut queue = calls.into_iter();
    let mut running = JoinSet::new();
    loop {
        while running.len() < opts.concurrency.max(1) {
            let Some(call) = queue.next() else { break };
            let batch: Vec<(usize, Entry)> = call.iter().map(|&k| entries[k].clone()).collect();
            running.spawn(send_call(client.clone(), bus.to_string(), batch, opts.max_attempts.max(1)));
        }
        match running.join_next().await {
            None => break,
            Some(Ok(done)) => outcomes.extend(done),
            // A task that died leaves its entries without an outcome; `run` reports them unknown.
            Some(Err(_)) => {}
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    outcomes
}

fn progress_bar(enabled: bool, calls: usize) -> Option<ProgressBar> {
    (enabled && calls > 1).then(|| {
        let bar = ProgressBar::new(calls as u64);
        if let Ok(style) = ProgressStyle::with_template("{spinner} sending {pos}/{len} calls [{bar:30}] {elapsed}") {
            bar.set_style(style);
        }
        bar
    })
}

/// One call of up to 10 entries, retrying only what AWS says is retryable.
async fn send_call(
    client: Client,
    bus: String,
    batch: Vec<(usize, Entry)>,
    max_attempts: u32,
) -> Vec<(usize, Outcome)> {
    let mut done = Vec::with_capacity(batch.len());
    let mut pending = batch;
    let mut attempt = 0;
    while !pending.is_empty() {
        attempt += 1;
        let mut request = client.put_events();
        for (_, entry) in &pending {
            request = request.entries(request_entry(entry, &bus));
        }
        // The SDK must not resend on its own: a retried 5xx or timeout could deliver twice.
        let response = request
            .customize()
            .config_override(aws_sdk_eventbridge::config::Builder::default().retry_config(RetryConfig::disabled()))
            .send()
            .await;
        let mut retry = Vec::new();
        match response {
            Ok(output) => {
                let results = output.entries();
                for (k, (index, entry)) in pending.into_iter().enumerate() {
                    match results.get(k) {
                        Some(r) if r.error_code().is_none() => done.push((
                            index,
                            Outcome::Sent { event_id: r.event_id().unwrap_or_default().to_string(), attempts: attempt },
                        )),
                        Some(r) => {
                            let code = r.error_code().unwrap_or_default().to_string();
                            let message = r.error_message().unwrap_or_default().to_string();
                            if RETRYABLE_CODES.contains(&code.as_str()) && attempt < max_attempts {
                                retry.push((index, entry));
                            } else {
                                done.push((index, Outcome::Failed { code, message, attempts: attempt }));
                            }
                        }
                        // AWS answers every entry; a missing answer leaves the fate unknown.
                        None => done.push((index, Outcome::Unknown { message: "no result for this entry".into() })),
                    }
                }
            }
            Err(e) => {
                let code = e.code().unwrap_or_default().to_string();
                let throttled = code == "ThrottlingException";
                // A refused connection never reached AWS; nothing can have been delivered.
                let not_sent = matches!(&e, aws_sdk_eventbridge::error::SdkError::DispatchFailure(f) if !f.is_timeout())
                    || matches!(&e, aws_sdk_eventbridge::error::SdkError::ConstructionFailure(_));
                let classified: AwsError = classify("PutEvents", &format!("on bus {bus}"), &e);
                if throttled && attempt < max_attempts {
                    retry = pending;
                } else if throttled || not_sent || e.raw_response().is_some_and(|r| r.status().is_client_error()) {
                    let code = if code.is_empty() { "RequestFailed".to_string() } else { code };
                    done.extend(pending.into_iter().map(|(index, _)| {
                        (
                            index,
                            Outcome::Failed {
                                code: code.clone(),
                                message: classified.message.clone(),
                                attempts: attempt,
                            },
                        )
                    }));
                } else {
                    done.extend(
                        pending
                            .into_iter()
                            .map(|(index, _)| (index, Outcome::Unknown { message: classified.message.clone() })),
                    );
                }
            }
        }
        pending = retry;
        if !pending.is_empty() {
            tokio::time::sleep(Duration::from_millis(backoff_ms(attempt, jitter()))).await;
        }
    }
    done
}

/// A number in 0..1 for backoff jitter, without a random-number crate.
fn jitter() -> f64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(0);
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

fn report(items: &[Item], opts: &PutEventsOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut text = String::new();
    match opts.output {
        OutputFormat::Json => {
            for item in items {
                text.push_str("{\"input\":{\"file\":");
                write_str(&mut text, &item.origin.file);
                text.push_str(",\"line\":");
                text.push_str(&item.origin.line.map_or("null".to_string(), |l| l.to_string()));
                text.push_str("},\"status\":");
                let outcome = item.outcome.as_ref().unwrap_or(&Outcome::WouldSend);
                write_str(&mut text, outcome.status());
                let (id, code, message, attempts) = match outcome {
                    Outcome::Sent { event_id, attempts } => (Some(event_id.as_str()), None, None, Some(*attempts)),
                    Outcome::Failed { code, message, attempts } => {
                        (None, Some(code.as_str()), Some(message.as_str()), Some(*attempts))
                    }
                    Outcome::Unknown { message } => (None, None, Some(message.as_str()), None),
                    Outcome::Refused { reason } | Outcome::Invalid { reason } => {
                        (None, None, Some(reason.as_str()), None)
                    }
                    Outcome::WouldSend => (None, None, None, None),
                };
                for (key, value) in [("event_id", id), ("error_code", code), ("message", message)] {
                    text.push_str(&format!(",\"{key}\":"));
                    match value {
                        Some(v) => write_str(&mut text, v),
                        None => text.push_str("null"),
                    }
                }
                text.push_str(",\"attempts\":");
                text.push_str(&attempts.map_or("null".to_string(), |a| a.to_string()));
                if opts.dry_run
                    && let Some(entry) = &item.entry
                {
                    text.push_str(",\"entry\":");
                    write_entry(&mut text, entry, &opts.bus_name);
                }
                text.push_str("}\n");
            }
        }
        OutputFormat::Table => {
            for item in items {
                let line = match item.outcome.as_ref().unwrap_or(&Outcome::WouldSend) {
                    Outcome::Sent { event_id, attempts: 1 } => format!("sent      {event_id}"),
                    Outcome::Sent { event_id, attempts } => format!("sent      {event_id} (after {attempts} attempts)"),
                    Outcome::Failed { code, message, attempts } => {
                        format!(
                            "FAILED    {code}: {message} ({attempts} attempt{})",
                            if *attempts == 1 { "" } else { "s" }
                        )
                    }
                    Outcome::Unknown { message } => format!("UNKNOWN   not resent, check the bus: {message}"),
                    Outcome::Refused { reason } => format!("REFUSED   {reason}"),
                    Outcome::Invalid { reason } => format!("INVALID   {reason}"),
                    Outcome::WouldSend => {
                        let mut entry = String::new();
                        if let Some(e) = &item.entry {
                            write_entry(&mut entry, e, &opts.bus_name);
                        }
                        format!("dry-run   {entry}")
                    }
                };
                text.push_str(&format!("{:<40} {line}\n", item.origin.to_string()));
            }
        }
    }
    out.write_all(text.as_bytes())
}

/// The PutEvents entry as JSON, as `aws events put-events --entries` takes it.
fn write_entry(text: &mut String, entry: &Entry, bus: &str) {
    text.push_str("{\"Source\":");
    write_str(text, &entry.source);
    text.push_str(",\"DetailType\":");
    write_str(text, &entry.detail_type);
    text.push_str(",\"Detail\":");
    write_str(text, &entry.detail);
    text.push_str(",\"EventBusName\":");
    write_str(text, bus);
    if !entry.resources.is_empty() {
        text.push_str(",\"Resources\":[");
        for (i, r) in entry.resources.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            write_str(text, r);
        }
        text.push(']');
    }
    if let Some(time) = &entry.time {
        text.push_str(",\"Time\":");
        write_str(text, time);
    }
    text.push('}');
}

/// Writes the failed entries as envelopes; returns how many.
fn write_failed(path: &std::path::Path, items: &[Item]) -> io::Result<usize> {
    let mut text = String::new();
    let mut count = 0;
    for item in items {
        if let (Some(Outcome::Failed { .. }), Some(entry)) = (&item.outcome, &item.entry) {
            count += 1;
            text.push_str("{\"source\":");
            write_str(&mut text, &entry.source);
            text.push_str(",\"detail-type\":");
            write_str(&mut text, &entry.detail_type);
            text.push_str(",\"detail\":");
            text.push_str(&entry.detail);
            text.push_str("}\n");
        }
    }
    if count > 0 {
        // Write whole or not at all: a temp file renamed into place.
        let tmp = path.with_extension("partial");
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, path)?;
    }
    Ok(count)
}

fn summary(items: &[Item]) -> String {
    let count =
        |status: &str| items.iter().filter(|i| i.outcome.as_ref().is_some_and(|o| o.status() == status)).count();
    let mut parts = vec![format!("{} events", items.len())];
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

/// `alchemiser put-events`: resolves the arguments, loads AWS, runs.
pub fn execute(args: crate::cli::PutEventsArgs, globals: &crate::cli::Globals) -> Exit {
    use std::io::IsTerminal;
    let rules = match super::load_bus_any(&args.bus_source, &args.aws, globals.stage) {
        Ok(bus) => bus,
        Err(exit) => return exit,
    };
    let paths = if args.paths.is_empty() { vec![PathBuf::from(input::STDIN)] } else { args.paths };
    super::block_on_aws(async {
        // A dry run sends nothing, so it needs no credentials or region.
        let (client, bus_name) = if args.dry_run {
            let bus = args.aws.bus.clone().unwrap_or_else(|| crate::bus::Names::for_stage(globals.stage).bus);
            let config = aws_sdk_eventbridge::Config::builder()
                .behavior_version(aws_sdk_eventbridge::config::BehaviorVersion::latest())
                .build();
            (Client::from_conf(config), bus)
        } else {
            let aws = crate::aws::load(&args.aws, globals.stage).await?;
            (aws.events.clone(), aws.bus.clone())
        };
        let opts = PutEventsOptions {
            paths,
            format: if args.jsonl { Format::JsonLines } else { Format::Auto },
            stage: globals.stage,
            rules,
            bus_name,
            allowance: Allowance { force: args.guard.force, yes: args.guard.yes },
            dry_run: args.dry_run,
            failed_out: args.failed_out,
            concurrency: usize::from(args.concurrency),
            max_attempts: args.attempts,
            output: globals.output,
            progress: io::stderr().is_terminal(),
        };
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        let mut ask = super::ask;
        let confirm: Option<super::Confirm<'_>> = if super::interactive() { Some(&mut ask) } else { None };
        let mut io = Io { out: &mut out, err: &mut io::stderr(), confirm };
        let result = run(&client, &opts, &mut io::stdin().lock(), &mut io).await;
        Ok(result.and_then(|exit| out.flush().map(|_| exit)).unwrap_or_else(|e| {
            if e.kind() != io::ErrorKind::BrokenPipe {
                eprintln!("error: {e}");
            }
            Exit::Error
        }))
    })
}
