//! CloudWatch Logs calls: one `FilterLogEvents` page, the log group's ARN, and a Live Tail
//! session. Plain data out; failures as [`AwsError`] (throttling flagged, so callers can wait).

use aws_config::SdkConfig;
use aws_sdk_cloudwatchlogs::Client;
use aws_sdk_cloudwatchlogs::config::interceptors::BeforeTransmitInterceptorContextMut;
use aws_sdk_cloudwatchlogs::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_cloudwatchlogs::error::{BoxError, ProvideErrorMetadata, SdkError};
use aws_sdk_cloudwatchlogs::primitives::event_stream::EventReceiver;
use aws_sdk_cloudwatchlogs::types::error::StartLiveTailResponseStreamError;
use aws_sdk_cloudwatchlogs::types::{LiveTailSessionUpdate, StartLiveTailResponseStream};

use crate::aws::error::{AwsError, classify};
use crate::exit::Exit;

/// One log event, from either API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEvent {
    /// Milliseconds since the epoch (the event's own time, not its ingestion time).
    pub timestamp_ms: i64,
    pub stream: String,
    /// FilterLogEvents gives one; Live Tail does not.
    pub event_id: Option<String>,
    pub message: String,
}

/// One `FilterLogEvents` request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterQuery {
    pub log_group: String,
    /// Inclusive, in milliseconds.
    pub start_ms: i64,
    /// Inclusive, in milliseconds.
    pub end_ms: Option<i64>,
    pub pattern: Option<String>,
    /// At most this many events in the page.
    pub limit: Option<i32>,
    pub next_token: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub events: Vec<LogEvent>,
    /// More pages follow (AWS may send empty pages with a token while it searches).
    pub next_token: Option<String>,
}

/// A failed call; `throttled` when waiting and asking again is the cure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    pub throttled: bool,
    pub error: AwsError,
}

/// Codes that mean "slow down" rather than "no".
const THROTTLING_CODES: [&str; 3] = ["ThrottlingException", "Throttling", "TooManyRequestsException"];

/// Asks for one page of events, in time order across streams.
pub async fn filter_page(client: &Client, query: &FilterQuery) -> Result<Page, FetchError> {
    // Deprecated because AWS always interleaves now; moto still sorts by stream without it.
    #[allow(deprecated)]
    let request = client
        .filter_log_events()
        .log_group_name(&query.log_group)
        .start_time(query.start_ms)
        .set_end_time(query.end_ms)
        .set_filter_pattern(query.pattern.clone())
        .set_limit(query.limit)
        .set_next_token(query.next_token.clone())
        .interleaved(true);
    match request.send().await {
        Ok(output) => Ok(Page {
            events: output
                .events()
                .iter()
                .map(|e| LogEvent {
                    timestamp_ms: e.timestamp().unwrap_or_default(),
                    stream: e.log_stream_name().unwrap_or_default().to_string(),
                    event_id: e.event_id().map(str::to_string),
                    message: e.message().unwrap_or_default().to_string(),
                })
                .collect(),
            next_token: output.next_token().filter(|t| !t.is_empty()).map(str::to_string),
        }),
        Err(e) => Err(FetchError {
            throttled: e.code().is_some_and(|c| THROTTLING_CODES.contains(&c)),
            error: classify("FilterLogEvents", &format!("on log group {}", query.log_group), &e),
        }),
    }
}

/// The group's ARN without the `:*` suffix, as StartLiveTail wants it; exit 6 when the group
/// does not exist.
pub async fn log_group_arn(client: &Client, log_group: &str) -> Result<String, AwsError> {
    let mut pages = client.describe_log_groups().log_group_name_prefix(log_group).into_paginator().send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| classify("DescribeLogGroups", &format!("for log group {log_group}"), &e))?;
        if let Some(group) = page.log_groups().iter().find(|g| g.log_group_name() == Some(log_group)) {
            let arn = group.log_group_arn().or_else(|| group.arn().map(|a| a.trim_end_matches(":*")));
            return arn.map(str::to_string).ok_or_else(|| {
                AwsError::new(Exit::AwsService, format!("DescribeLogGroups gave no ARN for log group {log_group}"))
            });
        }
    }
    Err(AwsError::new(Exit::AwsNotFound, format!("log group {log_group} does not exist")))
}

/// The names of the log groups starting with `prefix` (a few pages at most: for suggestions).
pub async fn log_group_names(client: &Client, prefix: &str) -> Result<Vec<String>, AwsError> {
    let mut names = Vec::new();
    let mut pages = client.describe_log_groups().log_group_name_prefix(prefix).into_paginator().send();
    for _ in 0..10 {
        let Some(page) = pages.next().await else { break };
        let page = page.map_err(|e| classify("DescribeLogGroups", &format!("starting {prefix}"), &e))?;
        names.extend(page.log_groups().iter().filter_map(|g| g.log_group_name().map(str::to_string)));
    }
    Ok(names)
}

/// Whether calls go to an endpoint other than AWS's own (an emulator): `--endpoint-url`,
/// `AWS_ENDPOINT_URL` or the profile's `endpoint_url` (all in the config), or the
/// service-specific variable aws-config applies when the client is built.
pub fn endpoint_overridden(config: &SdkConfig) -> bool {
    let env = |key: &str| std::env::var(key).is_ok_and(|v| !v.trim().is_empty());
    let ignored = std::env::var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").is_ok_and(|v| v.eq_ignore_ascii_case("true"));
    config.endpoint_url().is_some() || (!ignored && env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"))
}

/// StartLiveTail carries the modelled host prefix `stream-`, which an emulator's
/// `127.0.0.1`/`localhost` endpoint cannot resolve; this removes it. It runs before signing
/// because the host is signed.
#[derive(Debug)]
struct StripStreamHostPrefix;

impl Intercept for StripStreamHostPrefix {
    fn name(&self) -> &'static str {
        "StripStreamHostPrefix"
    }

    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let request = context.request_mut();
        let uri = request.uri().to_string();
        if let Some(at) = uri.find("://stream-") {
            let stripped = format!("{}://{}", &uri[..at], &uri[at + "://stream-".len()..]);
            request.set_uri(stripped)?;
        }
        Ok(())
    }
}

/// What a Live Tail session delivers next.
#[derive(Debug)]
pub enum LiveUpdate {
    Events {
        events: Vec<LogEvent>,
        /// AWS sends a sample when more than 500 events/s match.
        sampled: bool,
    },
    /// The session ended: AWS's 3-hour limit, or the server closed it (moto always does).
    Ended,
}

/// An open Live Tail session.
#[derive(Debug)]
pub struct LiveTail {
    stream: EventReceiver<StartLiveTailResponseStream, StartLiveTailResponseStreamError>,
    log_group: String,
}

/// Starts a Live Tail session on one group (by ARN).
pub async fn start_live_tail(
    client: &Client,
    log_group: &str,
    arn: &str,
    pattern: Option<&str>,
    strip_host_prefix: bool,
) -> Result<LiveTail, AwsError> {
    let mut request = client
        .start_live_tail()
        .log_group_identifiers(arn)
        .set_log_event_filter_pattern(pattern.map(str::to_string))
        .customize();
    if strip_host_prefix {
        request = request.interceptor(StripStreamHostPrefix);
    }
    let output =
        request.send().await.map_err(|e| classify("StartLiveTail", &format!("on log group {log_group}"), &e))?;
    Ok(LiveTail { stream: output.response_stream, log_group: log_group.to_string() })
}

impl LiveTail {
    /// Waits for the next update with events (session-start frames are skipped).
    pub async fn next(&mut self) -> Result<LiveUpdate, AwsError> {
        loop {
            match self.stream.recv().await {
                Ok(Some(StartLiveTailResponseStream::SessionUpdate(update))) => return Ok(events_of(&update)),
                Ok(Some(_)) => continue,
                Ok(None) => return Ok(LiveUpdate::Ended),
                Err(e) => {
                    let timed_out = e.as_service_error().is_some_and(|s| s.is_session_timeout_exception());
                    if timed_out {
                        return Ok(LiveUpdate::Ended);
                    }
                    let detail = e.message().map(str::to_string).unwrap_or_else(|| root_cause(&e));
                    let code = e.code().map(|c| format!("{c}: ")).unwrap_or_default();
                    return Err(AwsError::new(
                        Exit::AwsService,
                        format!("StartLiveTail on log group {}: session failed ({code}{detail})", self.log_group),
                    ));
                }
            }
        }
    }
}

fn events_of(update: &LiveTailSessionUpdate) -> LiveUpdate {
    let events = update
        .session_results()
        .iter()
        .map(|e| LogEvent {
            timestamp_ms: e.timestamp().unwrap_or_default(),
            stream: e.log_stream_name().unwrap_or_default().to_string(),
            event_id: None,
            message: e.message().unwrap_or_default().to_string(),
        })
        .collect();
    let sampled = update.session_metadata().is_some_and(|m| m.sampled());
    LiveUpdate::Events { events, sampled }
}

fn root_cause<E: std::error::Error + 'static, R: std::fmt::Debug + 'static>(err: &SdkError<E, R>) -> String {
    let mut current: &(dyn std::error::Error + 'static) = err;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_endpoint_counts_as_an_override() {
        let config = SdkConfig::builder().endpoint_url("http://127.0.0.1:5000").build();
        assert!(endpoint_overridden(&config));
    }
}

/// One look at a Logs Insights query.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryPage {
    /// `Scheduled`, `Running`, `Complete`, `Failed`, `Cancelled`, `Timeout` or `Unknown`.
    pub status: String,
    pub records_scanned: f64,
    /// Each row as (field, value) pairs; a null field is left out.
    pub rows: Vec<Vec<(String, String)>>,
}

impl QueryPage {
    pub fn is_done(&self) -> bool {
        !matches!(self.status.as_str(), "Scheduled" | "Running")
    }
}

/// StartQuery over `[start_s, end_s]` (epoch seconds, both inclusive); returns the query id.
pub async fn start_query(
    client: &Client,
    log_group: &str,
    start_s: i64,
    end_s: i64,
    query: &str,
) -> Result<String, AwsError> {
    let out = client
        .start_query()
        .log_group_name(log_group)
        .start_time(start_s)
        .end_time(end_s)
        .query_string(query)
        .limit(10_000)
        .send()
        .await
        .map_err(|e| classify("StartQuery", &format!("on log group {log_group}"), &e))?;
    out.query_id()
        .map(str::to_string)
        .ok_or_else(|| AwsError::new(crate::exit::Exit::AwsService, "StartQuery: the answer has no query id"))
}

/// GetQueryResults.
pub async fn query_results(client: &Client, query_id: &str) -> Result<QueryPage, AwsError> {
    let out = client
        .get_query_results()
        .query_id(query_id)
        .send()
        .await
        .map_err(|e| classify("GetQueryResults", &format!("query {query_id}"), &e))?;
    Ok(QueryPage {
        status: out.status().map_or("Unknown".to_string(), |s| s.as_str().to_string()),
        records_scanned: out.statistics().map_or(0.0, |s| s.records_scanned()),
        rows: out
            .results()
            .iter()
            .map(|row| {
                row.iter().filter_map(|cell| Some((cell.field()?.to_string(), cell.value()?.to_string()))).collect()
            })
            .collect(),
    })
}

/// StopQuery (a query that already ended is not an error worth reporting).
pub async fn stop_query(client: &Client, query_id: &str) -> Result<(), AwsError> {
    client
        .stop_query()
        .query_id(query_id)
        .send()
        .await
        .map(|_| ())
        .map_err(|e| classify("StopQuery", &format!("query {query_id}"), &e))
}
