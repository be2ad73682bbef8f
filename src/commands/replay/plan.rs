//! Planning a replay: its window, its name, and every name resolved to an ARN.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::ReplayError;
use crate::aws::events::describe_rule;
use crate::aws::replay::{self as api, ReplayInfo, ReplayRequest};
use crate::aws::{AwsContext, AwsError};
use crate::exit::Exit;
use crate::routing::Stage;
use crate::when::{self};

/// AWS advises waiting this long before replaying recent events: archiving lags behind the bus.
pub const ARCHIVE_LAG: SignedDuration = SignedDuration::from_mins(10);

/// The replay's time window (whole seconds, start before end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: Timestamp,
    pub end: Timestamp,
}

/// Resolves `--since` / `--until` (default now) against one `now`: start before end, end not
/// in the future (nothing later can be archived yet).
pub fn window(since: &str, until: Option<&str>, now: Timestamp, tz: &TimeZone) -> Result<Window, String> {
    let start = when::parse_time(since, now, tz).map_err(|e| format!("--since: {e}"))?;
    let end = match until {
        Some(text) => when::parse_time(text, now, tz).map_err(|e| format!("--until: {e}"))?,
        None => now,
    };
    if end > now {
        return Err(format!("--until {} is in the future: nothing after now is archived yet", when::show(end, tz)));
    }
    // Whole seconds: what is shown is exactly what is asked for.
    let (start, end) = (whole_seconds(start), whole_seconds(end));
    if start >= end {
        return Err(format!("--since {} must be before --until {}", when::show(start, tz), when::show(end, tz)));
    }
    Ok(Window { start, end })
}

pub(super) fn whole_seconds(ts: Timestamp) -> Timestamp {
    Timestamp::from_second(ts.as_second()).unwrap_or(ts)
}

/// The runbook's naming convention, in UTC.
pub fn default_name(now: Timestamp) -> String {
    now.strftime("replay-%Y%m%d-%H%M%S").to_string()
}

/// A warning when the window ends less than [`ARCHIVE_LAG`] ago.
pub fn lag_warning(window: Window, now: Timestamp) -> Option<String> {
    let age = now.duration_since(window.end);
    (age < ARCHIVE_LAG).then(|| {
        format!(
            "warning: the window ends {} ago: archiving lags behind the bus, so the latest events may not be in the archive yet (AWS advises waiting {} minutes)",
            span(age.max(SignedDuration::ZERO)),
            ARCHIVE_LAG.as_mins()
        )
    })
}

/// `2h`, `1h 30m`, `45s`, `3d 4h`: the two largest units.
pub(super) fn span(d: SignedDuration) -> String {
    let mut left = d.as_secs().max(0);
    let mut parts = Vec::new();
    for (unit, seconds) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        if left >= seconds {
            parts.push(format!("{}{unit}", left / seconds));
            left %= seconds;
        }
    }
    if parts.is_empty() {
        return "0s".to_string();
    }
    parts.truncate(2);
    parts.join(" ")
}

/// Everything starting a replay needs, resolved from the command line.
#[derive(Debug, Clone)]
pub struct StartOptions {
    pub name: String,
    pub archive: String,
    /// Rule names on the bus to limit the replay to; empty = every rule.
    pub rules: Vec<String>,
    pub window: Window,
    pub yes: bool,
    pub dry_run: bool,
    pub stage: Stage,
}

/// What would be started, with every name resolved to its ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayPlan {
    pub request: ReplayRequest,
    pub archive: String,
    pub bus: String,
    pub rules: Vec<String>,
}

impl ReplayPlan {
    pub(super) fn as_info(&self) -> ReplayInfo {
        ReplayInfo {
            name: self.request.name.clone(),
            archive_arn: Some(self.request.archive_arn.clone()),
            destination_arn: Some(self.request.destination_arn.clone()),
            filter_arns: Some(self.request.filter_arns.clone()),
            event_start: Some(self.request.start),
            event_end: Some(self.request.end),
            ..ReplayInfo::default()
        }
    }
}

/// Resolves the archive, the bus and the rules to ARNs; refuses a bus the archive does not record.
pub async fn plan(aws: &AwsContext, opts: &StartOptions) -> Result<ReplayPlan, ReplayError> {
    let archive = api::describe_archive(&aws.events, &opts.archive).await?;
    let unanswered = |what: &str| {
        AwsError::new(Exit::AwsService, format!("DescribeArchive {}: the answer has no {what}", opts.archive))
    };
    let archive_arn = archive.arn.clone().ok_or_else(|| unanswered("ARN"))?;
    let source = archive.source_arn.clone().ok_or_else(|| unanswered("source bus"))?;
    let cross_bus = || {
        let source_bus = bus_name(&source);
        ReplayError::Usage(format!(
            "archive {} records bus {source_bus}, not {}: a replay goes back to its archive's own bus (cross-bus replay is not permitted); pass --bus {source_bus}",
            opts.archive, aws.bus
        ))
    };
    // By name first, so a wrong --bus is named even when no such bus exists.
    if bus_name(&source) != bus_name(&aws.bus) {
        return Err(cross_bus());
    }
    let bus_arn = api::bus_arn(&aws.events, &aws.bus).await?;
    if source != bus_arn {
        return Err(cross_bus());
    }
    let mut rules: Vec<String> = Vec::new();
    let mut filter_arns = Vec::new();
    for rule in &opts.rules {
        if rules.contains(rule) {
            continue;
        }
        let info = describe_rule(&aws.events, &aws.bus, rule).await?;
        let arn = info.arn.ok_or_else(|| {
            AwsError::new(Exit::AwsService, format!("DescribeRule {rule} on bus {}: the answer has no ARN", aws.bus))
        })?;
        rules.push(rule.clone());
        filter_arns.push(arn);
    }
    Ok(ReplayPlan {
        request: ReplayRequest {
            name: opts.name.clone(),
            archive_arn,
            destination_arn: bus_arn,
            filter_arns,
            start: opts.window.start,
            end: opts.window.end,
        },
        archive: opts.archive.clone(),
        bus: aws.bus.clone(),
        rules,
    })
}

/// `arn:aws:events:…:event-bus/NAME` → `NAME` (the ARN itself when it has no such part).
pub(super) fn bus_name(arn: &str) -> &str {
    arn.split_once(":event-bus/").map_or(arn, |(_, name)| name)
}
