//! Reading the log group: once, following (nothing missed or printed twice), or live-tailing.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::future::Future;
use std::io::{self, Write};
use std::time::Duration;

use jiff::Timestamp;

use super::options::{DEFAULT_FILTER, LogFormat, LogsOptions, Mode};
use super::output::Sink;
use super::summary::{summary_json, summary_tables};
use crate::aws::LogsClient as Client;
use crate::aws::error::AwsError;
use crate::aws::logs::{
    FetchError, FilterQuery, LiveUpdate, LogEvent, Page, filter_page, log_group_arn, start_live_tail,
};
use crate::exit::Exit;
use crate::when;

/// How far behind the newest event seen a follow query starts, for events ingested late.
pub const LATE_ARRIVAL_MS: i64 = 10_000;

/// Throttling waits double from this…
pub(super) const THROTTLE_FIRST_WAIT: Duration = Duration::from_secs(1);
/// …up to this.
pub(super) const THROTTLE_MAX_WAIT: Duration = Duration::from_secs(30);
/// A one-off read gives up after this many throttled attempts in a row; following never does.
pub(super) const THROTTLE_RETRIES_ONCE: u32 = 8;
/// FilterLogEvents returns at most this many events per page.
pub(super) const MAX_PAGE_EVENTS: u64 = 10_000;

/// Why `logs` stopped early.
#[derive(Debug)]
pub enum LogsError {
    Aws(AwsError),
    Io(io::Error),
}

impl From<AwsError> for LogsError {
    fn from(e: AwsError) -> Self {
        LogsError::Aws(e)
    }
}

impl From<io::Error> for LogsError {
    fn from(e: io::Error) -> Self {
        LogsError::Io(e)
    }
}

/// Reads, follows or tails per `opts`; `stop` (Ctrl-C in the binary) ends following and live
/// tailing cleanly. Prints nothing on stdout when no event matched, and says so on stderr.
pub async fn run<S: Future<Output = ()>>(
    client: &Client,
    opts: &LogsOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
    stop: S,
) -> Result<Exit, LogsError> {
    if let (true, Mode::Once { end_ms, .. }) = (opts.insights, &opts.mode) {
        use std::io::IsTerminal;
        let progress = std::io::stderr().is_terminal();
        return super::insights::summarise(client, opts, *end_ms, out, err, progress, stop).await;
    }
    let mut sink = Sink::new(opts, out);
    match &opts.mode {
        Mode::Once { end_ms, limit } => read_once(client, opts, *end_ms, *limit, &mut sink, err).await?,
        Mode::Follow { interval, idle_notice } => {
            tokio::select! {
                result = follow(client, opts, *interval, *idle_notice, &mut sink, err) => result?,
                () = stop => {}
            }
        }
        Mode::Live => {
            tokio::select! {
                result = live(client, opts, &mut sink, err) => result?,
                () = stop => {}
            }
        }
    }
    if sink.kept == 0 {
        writeln!(err, "no log events in {}", window(opts))?;
        return Ok(Exit::Success);
    }
    if let Some(summary) = &sink.summary {
        let text = match opts.format {
            LogFormat::Json => summary_json(summary, opts),
            LogFormat::Short | LogFormat::Detailed => summary_tables(summary, opts.style),
        };
        sink.out.write_all(text.as_bytes())?;
        // The table first, then what it covers, even when both go to one terminal.
        sink.out.flush()?;
        writeln!(err, "{}", window(opts))?;
    }
    sink.out.flush()?;
    Ok(Exit::Success)
}

/// `/aws/lambda/x from 2025-10-14T11:50:00Z to 2025-10-14T12:00:00Z (filter "…")`.
pub(super) fn window(opts: &LogsOptions) -> String {
    let mut text = opts.log_group.clone();
    match &opts.mode {
        Mode::Once { end_ms, .. } => {
            let _ = write!(text, " from {} to {}", when::utc_of_ms(opts.start_ms), when::utc_of_ms(*end_ms));
        }
        Mode::Follow { .. } => {
            let _ = write!(text, " since {}", when::utc_of_ms(opts.start_ms));
        }
        Mode::Live => text.push_str(" during the live tail"),
    }
    let mut notes = Vec::new();
    match &opts.pattern {
        Some(p) if p == DEFAULT_FILTER => notes.push(format!("filter {p}; --all shows every event")),
        Some(p) => notes.push(format!("filter {p}")),
        None => {}
    }
    if let Some(id) = &opts.correlation_id {
        notes.push(format!("correlation id {id}"));
    }
    if !notes.is_empty() {
        let _ = write!(text, " ({})", notes.join(", "));
    }
    text
}

/// The wait after the `retry`-th throttled call in a row (1 s, 2 s, 4 s, … up to 30 s).
pub fn throttle_wait(retry: u32) -> Duration {
    THROTTLE_FIRST_WAIT.saturating_mul(2u32.saturating_pow(retry.saturating_sub(1))).min(THROTTLE_MAX_WAIT)
}

/// One page, waiting and asking again while throttled (at most `max_retries` times in a row
/// when given).
pub(super) async fn fetch(
    client: &Client,
    query: &FilterQuery,
    max_retries: Option<u32>,
    err: &mut dyn Write,
) -> Result<Page, LogsError> {
    let mut retry = 0;
    loop {
        match filter_page(client, query).await {
            Ok(page) => return Ok(page),
            Err(FetchError { throttled: true, error }) if max_retries.is_none_or(|max| retry < max) => {
                retry += 1;
                let wait = throttle_wait(retry);
                writeln!(err, "throttled by CloudWatch Logs; asking again in {:.0?} ({})", wait, error.message)?;
                tokio::time::sleep(wait).await;
            }
            Err(FetchError { error, .. }) => return Err(error.into()),
        }
    }
}

/// The next token, unless the server repeats the one it was given (a broken emulator would
/// otherwise loop forever).
pub(super) fn next_token(page: Page, asked_with: Option<&String>) -> Option<String> {
    page.next_token.filter(|t| Some(t) != asked_with)
}

pub(super) async fn read_once(
    client: &Client,
    opts: &LogsOptions,
    end_ms: i64,
    limit: Option<u64>,
    sink: &mut Sink<'_>,
    err: &mut dyn Write,
) -> Result<(), LogsError> {
    let mut query = FilterQuery {
        log_group: opts.log_group.clone(),
        start_ms: opts.start_ms,
        end_ms: Some(end_ms),
        pattern: opts.pattern.clone(),
        limit: None,
        next_token: None,
    };
    loop {
        let remaining = limit.map(|l| l.saturating_sub(sink.kept));
        if remaining == Some(0) {
            return Ok(());
        }
        // The remaining count is only a hint: the correlation filter may drop some of the page.
        let page = [remaining, opts.page_size].into_iter().flatten().min();
        query.limit = page.map(|n| n.min(MAX_PAGE_EVENTS) as i32);
        let mut page = fetch(client, &query, Some(THROTTLE_RETRIES_ONCE), err).await?;
        for event in std::mem::take(&mut page.events) {
            if limit.is_some_and(|l| sink.kept >= l) {
                return Ok(());
            }
            sink.event(&event)?;
        }
        match next_token(page, query.next_token.as_ref()) {
            Some(token) => query.next_token = Some(token),
            None => return Ok(()),
        }
    }
}

/// What `--follow` has already printed, so that nothing is printed twice.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Where the next query starts (inclusive).
    start_ms: i64,
    /// Event id → its timestamp, for every event at or after `start_ms`.
    ids: HashMap<String, i64>,
    newest_ms: Option<i64>,
}

impl Seen {
    pub fn new(start_ms: i64) -> Seen {
        Seen { start_ms, ids: HashMap::new(), newest_ms: None }
    }

    pub fn start_ms(&self) -> i64 {
        self.start_ms
    }

    #[cfg(test)]
    pub(super) fn remembered(&self) -> usize {
        self.ids.len()
    }

    /// Whether the event is new (and remembers it).
    pub fn admit(&mut self, event: &LogEvent) -> bool {
        let key = match &event.event_id {
            Some(id) => id.clone(),
            // FilterLogEvents always sends an id; without one, the event's content stands in.
            None => format!("{}\u{0}{}\u{0}{}", event.stream, event.timestamp_ms, event.message),
        };
        if self.ids.contains_key(&key) {
            return false;
        }
        self.ids.insert(key, event.timestamp_ms);
        self.newest_ms = self.newest_ms.max(Some(event.timestamp_ms));
        true
    }

    /// After a complete round of pages: the next one starts [`LATE_ARRIVAL_MS`] before the
    /// newest event seen (never later than that event, never earlier than before), and ids
    /// older than the new start are forgotten, since no query can return them again.
    pub fn advance(&mut self) {
        if let Some(newest) = self.newest_ms {
            self.start_ms = self.start_ms.max(newest.saturating_sub(LATE_ARRIVAL_MS));
            let start = self.start_ms;
            self.ids.retain(|_, ts| *ts >= start);
        }
    }
}

pub(super) async fn follow(
    client: &Client,
    opts: &LogsOptions,
    interval: Duration,
    idle_notice: Option<Duration>,
    sink: &mut Sink<'_>,
    err: &mut dyn Write,
) -> Result<(), LogsError> {
    let mut seen = Seen::new(opts.start_ms);
    // Tokio's clock, so that the idle notice follows the runtime's time (and a paused test clock).
    let mut last_new = tokio::time::Instant::now();
    let mut last_new_at = Timestamp::now();
    let mut last_notice = tokio::time::Instant::now();
    loop {
        let mut query = FilterQuery {
            log_group: opts.log_group.clone(),
            start_ms: seen.start_ms(),
            end_ms: None,
            pattern: opts.pattern.clone(),
            limit: opts.page_size.map(|n| n.min(MAX_PAGE_EVENTS) as i32),
            next_token: None,
        };
        let mut new = 0;
        loop {
            let mut page = fetch(client, &query, None, err).await?;
            for event in std::mem::take(&mut page.events) {
                if seen.admit(&event) {
                    new += 1;
                    sink.event(&event)?;
                }
            }
            match next_token(page, query.next_token.as_ref()) {
                Some(token) => query.next_token = Some(token),
                None => break,
            }
        }
        sink.out.flush()?;
        seen.advance();
        if new > 0 {
            last_new = tokio::time::Instant::now();
            last_new_at = Timestamp::now();
            last_notice = last_new;
        } else if let Some(idle) = idle_notice
            && last_new.elapsed() >= idle
            && last_notice.elapsed() >= idle
        {
            writeln!(err, "no new events since {} UTC", last_new_at.strftime("%H:%M:%S"))?;
            last_notice = tokio::time::Instant::now();
        }
        tokio::time::sleep(interval).await;
    }
}

pub(super) async fn live(
    client: &Client,
    opts: &LogsOptions,
    sink: &mut Sink<'_>,
    err: &mut dyn Write,
) -> Result<(), LogsError> {
    let arn = log_group_arn(client, &opts.log_group).await?;
    let mut tail =
        start_live_tail(client, &opts.log_group, &arn, opts.pattern.as_deref(), opts.strip_host_prefix).await?;
    writeln!(err, "live tail of {} (Ctrl-C to stop)", opts.log_group)?;
    let mut warned_sampled = false;
    loop {
        match tail.next().await? {
            LiveUpdate::Events { events, sampled } => {
                if sampled && !warned_sampled {
                    writeln!(err, "note: more than 500 events/s match: AWS sends a sample (narrow --filter)")?;
                    warned_sampled = true;
                }
                for event in &events {
                    sink.event(event)?;
                }
                sink.out.flush()?;
            }
            LiveUpdate::Ended => {
                writeln!(err, "live tail session ended")?;
                return Ok(());
            }
        }
    }
}
