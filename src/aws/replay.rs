//! Thin EventBridge calls for archives and replays.
//!
//! A replay reads an ARCHIVE (its ARN is `EventSourceArn`) and delivers to the bus that archive
//! records (the destination ARN); the upstream runbook passed the bus as the source. EventBridge
//! has no paginators, so the list calls loop on `next_token` themselves.

use aws_sdk_eventbridge::Client;
use aws_sdk_eventbridge::primitives::DateTime;
use aws_sdk_eventbridge::types::{ReplayDestination, ReplayState};
use jiff::Timestamp;
use serde::Serialize;

use crate::aws::config::events_once;
use crate::aws::error::{AwsError, CallFate, call_fate, classify};
use crate::exit::Exit;
use crate::when;

/// The largest page ListArchives and ListReplays serve.
const PAGE_SIZE: i32 = 100;
/// Only stops a service that never ends its pages.
const MAX_PAGES: usize = 1000;

/// The longest replay name StartReplay takes.
pub const MAX_REPLAY_NAME: usize = 64;

/// An archive as DescribeArchive or ListArchives reports it, and as `archives list -o json`
/// prints it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ArchiveInfo {
    pub name: String,
    /// Only DescribeArchive returns it.
    #[serde(skip)]
    pub arn: Option<String>,
    /// As EventBridge spells it (`ENABLED`, `DISABLED`, `CREATING`, …).
    pub state: Option<String>,
    pub state_reason: Option<String>,
    /// The ARN of the bus the archive records.
    pub source_arn: Option<String>,
    pub event_count: i64,
    pub size_bytes: i64,
    /// 0 (or none) keeps events forever.
    pub retention_days: Option<i32>,
    #[serde(serialize_with = "when::serialize_utc")]
    pub created: Option<Timestamp>,
}

/// A replay as StartReplay, DescribeReplay, ListReplays or CancelReplay reports it (each
/// answer fills in only some fields), and as `replay -o json` prints it: the same keys
/// everywhere, null when the answer did not say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReplayInfo {
    pub name: String,
    pub arn: Option<String>,
    /// As EventBridge spells it (`STARTING`, `RUNNING`, `CANCELLING`, `COMPLETED`, `CANCELLED`, `FAILED`).
    pub state: Option<String>,
    pub state_reason: Option<String>,
    pub archive_arn: Option<String>,
    pub destination_arn: Option<String>,
    /// None when the answer does not say (ListReplays); empty when every rule gets the events.
    pub filter_arns: Option<Vec<String>>,
    #[serde(rename = "window_start", serialize_with = "when::serialize_utc")]
    pub event_start: Option<Timestamp>,
    #[serde(rename = "window_end", serialize_with = "when::serialize_utc")]
    pub event_end: Option<Timestamp>,
    /// The event time the replay has reached (it works through the window minute by minute).
    #[serde(serialize_with = "when::serialize_utc")]
    pub last_replayed: Option<Timestamp>,
    #[serde(serialize_with = "when::serialize_utc")]
    pub replay_start: Option<Timestamp>,
    #[serde(serialize_with = "when::serialize_utc")]
    pub replay_end: Option<Timestamp>,
}

impl ReplayInfo {
    /// COMPLETED, CANCELLED or FAILED: nothing will change any more.
    pub fn is_final(&self) -> bool {
        matches!(self.state.as_deref(), Some("COMPLETED" | "CANCELLED" | "FAILED"))
    }
}

/// What StartReplay is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayRequest {
    pub name: String,
    pub archive_arn: String,
    /// The archive's own bus: EventBridge refuses any other.
    pub destination_arn: String,
    /// Rule ARNs to limit the replay to; empty = every rule on the bus.
    pub filter_arns: Vec<String>,
    pub start: Timestamp,
    pub end: Timestamp,
}

/// Checks a replay name against StartReplay's rule (1–64 of `[.-_A-Za-z0-9]`); a clap value parser.
pub fn parse_replay_name(text: &str) -> Result<String, String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    let length = text.chars().count();
    if length == 0 || length > MAX_REPLAY_NAME {
        return Err(format!("a replay name is 1 to {MAX_REPLAY_NAME} characters long, this one has {length}"));
    }
    match text.chars().find(|c| !allowed(*c)) {
        Some(bad) => Err(format!("{bad:?} is not allowed in a replay name: use only A-Z a-z 0-9 . - _")),
        None => Ok(text.to_string()),
    }
}

fn timestamp(t: Option<&DateTime>) -> Option<Timestamp> {
    t.and_then(|t| Timestamp::from_nanosecond(t.as_nanos()).ok())
}

fn date_time(t: Timestamp) -> DateTime {
    // Every jiff timestamp fits; the fallback only keeps this total.
    DateTime::from_nanos(t.as_nanosecond()).unwrap_or_else(|_| DateTime::from_secs(t.as_second()))
}

fn repeated_token(operation: &str) -> AwsError {
    AwsError::new(Exit::AwsService, format!("{operation}: the service kept returning more pages"))
}

/// DescribeArchive.
pub async fn describe_archive(client: &Client, name: &str) -> Result<ArchiveInfo, AwsError> {
    let out = client
        .describe_archive()
        .archive_name(name)
        .send()
        .await
        .map_err(|e| classify("DescribeArchive", &format!("archive {name}"), &e))?;
    Ok(ArchiveInfo {
        name: out.archive_name().unwrap_or(name).to_string(),
        arn: out.archive_arn().map(str::to_string),
        source_arn: out.event_source_arn().map(str::to_string),
        state: out.state().map(|s| s.as_str().to_string()),
        state_reason: out.state_reason().map(str::to_string),
        retention_days: out.retention_days(),
        size_bytes: out.size_bytes(),
        event_count: out.event_count(),
        created: timestamp(out.creation_time()),
    })
}

/// Every archive in the account and region (optionally only names starting with `prefix`).
pub async fn list_archives(client: &Client, prefix: Option<&str>) -> Result<Vec<ArchiveInfo>, AwsError> {
    let mut archives = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page = client
            .list_archives()
            .set_name_prefix(prefix.map(str::to_string))
            .limit(PAGE_SIZE)
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| classify("ListArchives", "in this region", &e))?;
        archives.extend(page.archives().iter().filter_map(|a| {
            Some(ArchiveInfo {
                name: a.archive_name()?.to_string(),
                arn: None,
                source_arn: a.event_source_arn().map(str::to_string),
                state: a.state().map(|s| s.as_str().to_string()),
                state_reason: a.state_reason().map(str::to_string),
                retention_days: a.retention_days(),
                size_bytes: a.size_bytes(),
                event_count: a.event_count(),
                created: timestamp(a.creation_time()),
            })
        }));
        match page.next_token() {
            None | Some("") => return Ok(archives),
            Some(next) if token.as_deref() == Some(next) => return Err(repeated_token("ListArchives")),
            Some(next) => token = Some(next.to_string()),
        }
    }
    Err(repeated_token("ListArchives"))
}

/// The bus's ARN (DescribeEventBus).
pub async fn bus_arn(client: &Client, bus: &str) -> Result<String, AwsError> {
    let resource = format!("bus {bus}");
    let out =
        client.describe_event_bus().name(bus).send().await.map_err(|e| classify("DescribeEventBus", &resource, &e))?;
    out.arn()
        .map(str::to_string)
        .ok_or_else(|| AwsError::new(Exit::AwsService, format!("DescribeEventBus {resource}: the answer has no ARN")))
}

/// StartReplay, sent once (the SDK never resends it: a resent start that had gone through comes
/// back `ResourceAlreadyExistsException` while the replay runs). When the answer is lost (a
/// timeout, a dropped connection, a 5xx), DescribeReplay tells whether it started; the second
/// value then says so.
pub async fn start_replay(client: &Client, request: &ReplayRequest) -> Result<(ReplayInfo, Option<String>), AwsError> {
    let resource = format!("replay {}", request.name);
    let destination = ReplayDestination::builder()
        .arn(&request.destination_arn)
        .set_filter_arns((!request.filter_arns.is_empty()).then(|| request.filter_arns.clone()))
        .build()
        .map_err(|e| {
            AwsError::new(Exit::AwsConfig, format!("StartReplay {resource}: cannot build the request ({e})"))
        })?;
    let out = client
        .start_replay()
        .replay_name(&request.name)
        .event_source_arn(&request.archive_arn)
        .event_start_time(date_time(request.start))
        .event_end_time(date_time(request.end))
        .destination(destination)
        .customize()
        .config_override(events_once(client))
        .send()
        .await;
    let out = match out {
        Ok(out) => out,
        Err(e) if call_fate(&e) == CallFate::Unknown => {
            let error = classify("StartReplay", &resource, &e);
            return settle_lost_start(client, request, error).await;
        }
        Err(e) => return Err(classify("StartReplay", &resource, &e)),
    };
    let info = ReplayInfo {
        name: request.name.clone(),
        arn: out.replay_arn().map(str::to_string),
        state: out.state().map(|s| s.as_str().to_string()),
        state_reason: out.state_reason().map(str::to_string),
        archive_arn: Some(request.archive_arn.clone()),
        destination_arn: Some(request.destination_arn.clone()),
        filter_arns: Some(request.filter_arns.clone()),
        event_start: Some(request.start),
        event_end: Some(request.end),
        last_replayed: None,
        replay_start: timestamp(out.replay_start_time()),
        replay_end: None,
    };
    Ok((info, None))
}

/// How often, and how far apart, DescribeReplay is asked after a lost StartReplay answer: a
/// start still being processed may not be visible at once.
const SETTLE_ASKS: u32 = 3;
const SETTLE_PAUSE: std::time::Duration = std::time::Duration::from_secs(2);

/// After StartReplay's answer was lost: the replay of that name, if it is this request's.
async fn settle_lost_start(
    client: &Client,
    request: &ReplayRequest,
    error: AwsError,
) -> Result<(ReplayInfo, Option<String>), AwsError> {
    let mut described = describe_replay(client, &request.name).await;
    for _ in 1..SETTLE_ASKS {
        if !matches!(&described, Err(e) if e.exit == Exit::AwsNotFound) {
            break;
        }
        tokio::time::sleep(SETTLE_PAUSE).await;
        described = describe_replay(client, &request.name).await;
    }
    match described {
        Ok(info)
            if info.archive_arn.as_deref() == Some(request.archive_arn.as_str())
                && info.event_start == Some(request.start)
                && info.event_end == Some(request.end) =>
        {
            let note = format!("{}; DescribeReplay shows that the replay started", error.message);
            Ok((info, Some(note)))
        }
        Ok(_) => Err(AwsError::new(
            error.exit,
            format!(
                "{}; a replay named {} exists but is not this one: nothing was started",
                error.message, request.name
            ),
        )),
        Err(e) if e.exit == Exit::AwsNotFound => Err(AwsError::new(
            error.exit,
            format!(
                "{}; DescribeReplay finds no replay {} (asked {SETTLE_ASKS} times, {} s apart): it was not started",
                error.message,
                request.name,
                SETTLE_PAUSE.as_secs()
            ),
        )),
        Err(e) => Err(AwsError::new(
            error.exit,
            format!(
                "{}; whether replay {} started is unknown ({}): check `alchemiser replay status {}` before starting it again",
                error.message, request.name, e.message, request.name
            ),
        )),
    }
}

/// DescribeReplay.
pub async fn describe_replay(client: &Client, name: &str) -> Result<ReplayInfo, AwsError> {
    let out = client
        .describe_replay()
        .replay_name(name)
        .send()
        .await
        .map_err(|e| classify("DescribeReplay", &format!("replay {name}"), &e))?;
    Ok(ReplayInfo {
        name: out.replay_name().unwrap_or(name).to_string(),
        arn: out.replay_arn().map(str::to_string),
        state: out.state().map(|s| s.as_str().to_string()),
        state_reason: out.state_reason().map(str::to_string),
        archive_arn: out.event_source_arn().map(str::to_string),
        destination_arn: out.destination().map(|d| d.arn().to_string()),
        filter_arns: Some(out.destination().map(|d| d.filter_arns().to_vec()).unwrap_or_default()),
        event_start: timestamp(out.event_start_time()),
        event_end: timestamp(out.event_end_time()),
        last_replayed: timestamp(out.event_last_replayed_time()),
        replay_start: timestamp(out.replay_start_time()),
        replay_end: timestamp(out.replay_end_time()),
    })
}

/// Every replay in the account and region, optionally only names starting with `prefix` and
/// only those in `state` (as EventBridge spells it). Replays are not per bus.
pub async fn list_replays(
    client: &Client,
    prefix: Option<&str>,
    state: Option<&str>,
) -> Result<Vec<ReplayInfo>, AwsError> {
    let mut replays = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page = client
            .list_replays()
            .set_name_prefix(prefix.map(str::to_string))
            .set_state(state.map(ReplayState::from))
            .limit(PAGE_SIZE)
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| classify("ListReplays", "in this region", &e))?;
        replays.extend(page.replays().iter().filter_map(|r| {
            Some(ReplayInfo {
                name: r.replay_name()?.to_string(),
                state: r.state().map(|s| s.as_str().to_string()),
                state_reason: r.state_reason().map(str::to_string),
                archive_arn: r.event_source_arn().map(str::to_string),
                event_start: timestamp(r.event_start_time()),
                event_end: timestamp(r.event_end_time()),
                last_replayed: timestamp(r.event_last_replayed_time()),
                replay_start: timestamp(r.replay_start_time()),
                replay_end: timestamp(r.replay_end_time()),
                ..ReplayInfo::default()
            })
        }));
        match page.next_token() {
            None | Some("") => return Ok(replays),
            Some(next) if token.as_deref() == Some(next) => return Err(repeated_token("ListReplays")),
            Some(next) => token = Some(next.to_string()),
        }
    }
    Err(repeated_token("ListReplays"))
}

/// CancelReplay; the answer holds the ARN and the new state (CANCELLING).
pub async fn cancel_replay(client: &Client, name: &str) -> Result<ReplayInfo, AwsError> {
    let out = client
        .cancel_replay()
        .replay_name(name)
        .send()
        .await
        .map_err(|e| classify("CancelReplay", &format!("replay {name}"), &e))?;
    Ok(ReplayInfo {
        name: name.to_string(),
        arn: out.replay_arn().map(str::to_string),
        state: out.state().map(|s| s.as_str().to_string()),
        state_reason: out.state_reason().map(str::to_string),
        ..ReplayInfo::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replay_names_follow_start_replay_rules() {
        assert_eq!(parse_replay_name("replay-20251014-120000"), Ok("replay-20251014-120000".to_string()));
        assert!(parse_replay_name("a.b_c-D9").is_ok());
        assert!(parse_replay_name(&"x".repeat(64)).is_ok());
        assert_eq!(
            parse_replay_name(&"x".repeat(65)),
            Err("a replay name is 1 to 64 characters long, this one has 65".to_string())
        );
        assert!(parse_replay_name("").is_err());
        assert_eq!(
            parse_replay_name("my replay"),
            Err("' ' is not allowed in a replay name: use only A-Z a-z 0-9 . - _".to_string())
        );
        assert!(parse_replay_name("é").is_err());
    }

    #[test]
    fn times_round_trip_through_the_sdk() {
        let ts: Timestamp = "2025-10-14T12:00:00.25Z".parse().expect("parse");
        assert_eq!(timestamp(Some(&date_time(ts))), Some(ts));
    }
}
