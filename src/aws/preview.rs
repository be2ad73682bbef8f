//! The capture `replay --preview` sets up and takes down: a temporary rule on the bus that
//! matches only the events of one replay (EventBridge adds `replay-name` to every replayed
//! event), targeting a temporary SQS queue whose policy lets EventBridge send from that rule.

use aws_sdk_eventbridge::types::{RuleState, Target};
use aws_sdk_sqs::types::{DeleteMessageBatchRequestEntry, QueueAttributeName};

use super::AwsContext;
use super::error::{AwsError, classify};
use super::events::list_rules;
use crate::exit::Exit;

/// Every capture's rule and queue are named with this, so a leftover can be recognised.
pub const PREFIX: &str = "alchemiser-preview-";

/// One preview's temporary resources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capture {
    /// The rule's and the queue's name.
    pub name: String,
    pub rule_arn: String,
    pub queue_url: String,
    pub queue_arn: String,
}

/// The pattern that matches only the events of replay `replay`.
pub fn capture_pattern(replay: &str) -> String {
    serde_json::json!({"replay-name": [replay]}).to_string()
}

/// Creates the queue, the rule (ENABLED) and its target. On a failure part way, what was
/// created is removed again before the error is returned.
pub async fn create(ctx: &AwsContext, name: &str, replay: &str) -> Result<Capture, AwsError> {
    let queue = ctx
        .sqs
        .create_queue()
        .queue_name(name)
        .send()
        .await
        .map_err(|e| classify("CreateQueue", &format!("queue {name}"), &e))?;
    let queue_url = queue.queue_url().unwrap_or_default().to_string();
    let created = async {
        let attributes = ctx
            .sqs
            .get_queue_attributes()
            .queue_url(&queue_url)
            .attribute_names(QueueAttributeName::QueueArn)
            .send()
            .await
            .map_err(|e| classify("GetQueueAttributes", &format!("queue {name}"), &e))?;
        let queue_arn = attributes
            .attributes()
            .and_then(|a| a.get(&QueueAttributeName::QueueArn))
            .cloned()
            .ok_or_else(|| AwsError::new(Exit::AwsService, format!("GetQueueAttributes {name}: no QueueArn")))?;
        let rule = ctx
            .events
            .put_rule()
            .event_bus_name(&ctx.bus)
            .name(name)
            .event_pattern(capture_pattern(replay))
            .state(RuleState::Enabled)
            .description(format!("alchemiser replay --preview of {replay}: temporary, removed when it ends"))
            .send()
            .await
            .map_err(|e| classify("PutRule", &format!("rule {name} on bus {}", ctx.bus), &e))?;
        let rule_arn = rule.rule_arn().unwrap_or_default().to_string();
        let policy = serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Sid": "alchemiser-preview",
                "Effect": "Allow",
                "Principal": {"Service": "events.amazonaws.com"},
                "Action": "sqs:SendMessage",
                "Resource": queue_arn,
                "Condition": {"ArnEquals": {"aws:SourceArn": rule_arn}}
            }]
        });
        ctx.sqs
            .set_queue_attributes()
            .queue_url(&queue_url)
            .attributes(QueueAttributeName::Policy, policy.to_string())
            .send()
            .await
            .map_err(|e| classify("SetQueueAttributes", &format!("queue {name}"), &e))?;
        let target = Target::builder()
            .id("capture")
            .arn(&queue_arn)
            .build()
            .map_err(|e| AwsError::new(Exit::AwsConfig, format!("PutTargets {name}: {e}")))?;
        let put = ctx
            .events
            .put_targets()
            .event_bus_name(&ctx.bus)
            .rule(name)
            .targets(target)
            .send()
            .await
            .map_err(|e| classify("PutTargets", &format!("rule {name}"), &e))?;
        if put.failed_entry_count() > 0 {
            return Err(AwsError::new(Exit::AwsService, format!("PutTargets {name}: the target was refused")));
        }
        Ok(Capture { name: name.to_string(), rule_arn, queue_url: queue_url.clone(), queue_arn })
    }
    .await;
    if created.is_err() {
        let _ = remove(ctx, name, Some(&queue_url)).await;
    }
    created
}

/// Receives what the queue holds now (up to 10 messages, waiting at most a second) and deletes
/// what was received; returns the message bodies.
pub async fn receive(ctx: &AwsContext, capture: &Capture) -> Result<Vec<String>, AwsError> {
    let out = ctx
        .sqs
        .receive_message()
        .queue_url(&capture.queue_url)
        .max_number_of_messages(10)
        .wait_time_seconds(1)
        .send()
        .await
        .map_err(|e| classify("ReceiveMessage", &format!("queue {}", capture.name), &e))?;
    let messages = out.messages();
    if messages.is_empty() {
        return Ok(Vec::new());
    }
    let entries: Vec<DeleteMessageBatchRequestEntry> = messages
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            DeleteMessageBatchRequestEntry::builder()
                .id(i.to_string())
                .set_receipt_handle(m.receipt_handle().map(str::to_string))
                .build()
                .ok()
        })
        .collect();
    ctx.sqs
        .delete_message_batch()
        .queue_url(&capture.queue_url)
        .set_entries(Some(entries))
        .send()
        .await
        .map_err(|e| classify("DeleteMessageBatch", &format!("queue {}", capture.name), &e))?;
    Ok(messages.iter().filter_map(|m| m.body().map(str::to_string)).collect())
}

/// Removes a capture's target, rule and queue, whichever exist; returns what could not be
/// removed (one line each).
pub async fn remove(ctx: &AwsContext, name: &str, queue_url: Option<&str>) -> Vec<String> {
    let mut failed = Vec::new();
    let gone = |code: Option<&str>| {
        matches!(
            code,
            Some("ResourceNotFoundException" | "AWS.SimpleQueueService.NonExistentQueue" | "QueueDoesNotExist")
        )
    };
    use aws_sdk_eventbridge::error::ProvideErrorMetadata;
    if let Err(e) = ctx.events.remove_targets().event_bus_name(&ctx.bus).rule(name).ids("capture").send().await
        && !gone(e.code())
    {
        failed.push(classify("RemoveTargets", &format!("rule {name}"), &e).message);
    }
    if let Err(e) = ctx.events.delete_rule().event_bus_name(&ctx.bus).name(name).send().await
        && !gone(e.code())
    {
        failed.push(classify("DeleteRule", &format!("rule {name}"), &e).message);
    }
    let url = match queue_url {
        Some(url) => Some(url.to_string()),
        None => {
            ctx.sqs.get_queue_url().queue_name(name).send().await.ok().and_then(|o| o.queue_url().map(str::to_string))
        }
    };
    if let Some(url) = url
        && let Err(e) = ctx.sqs.delete_queue().queue_url(url).send().await
        && !gone(e.code())
    {
        failed.push(classify("DeleteQueue", &format!("queue {name}"), &e).message);
    }
    failed
}

/// The captures whose rule is on this bus (queues of other buses' captures are theirs).
pub async fn leftovers(ctx: &AwsContext) -> Result<Vec<String>, AwsError> {
    let mut names: Vec<String> =
        list_rules(&ctx.events, &ctx.bus, Some(PREFIX)).await?.into_iter().map(|r| r.name).collect();
    names.sort();
    Ok(names)
}

/// When a capture was made, from its name (`alchemiser-preview-YYYYMMDDHHMMSS-…`, UTC).
pub fn made_at(name: &str) -> Option<jiff::Timestamp> {
    let stamp = name.strip_prefix(PREFIX)?.get(..14)?;
    let civil = jiff::civil::DateTime::strptime("%Y%m%d%H%M%S", stamp).ok()?;
    jiff::tz::TimeZone::UTC.to_timestamp(civil).ok()
}

/// How old a capture must be before another preview or `status` may take it for a leftover.
pub const LEFTOVER_AGE: jiff::SignedDuration = jiff::SignedDuration::from_hours(1);

/// Removes this bus's captures older than [`LEFTOVER_AGE`] whose replay is over (younger ones,
/// or ones still replaying, may be another preview at work). A capture shares its replay's name.
/// Returns each one found with what could not be removed of it (empty: all of it removed).
pub async fn remove_leftovers(ctx: &AwsContext, now: jiff::Timestamp) -> Result<Vec<(String, Vec<String>)>, AwsError> {
    let before = now - LEFTOVER_AGE;
    let old: Vec<String> =
        leftovers(ctx).await?.into_iter().filter(|name| made_at(name).is_some_and(|t| t < before)).collect();
    if old.is_empty() {
        return Ok(Vec::new());
    }
    let replaying: Vec<String> = super::replay::list_replays(&ctx.events, Some(PREFIX), None)
        .await?
        .into_iter()
        .filter(|r| !r.is_final())
        .map(|r| r.name)
        .collect();
    let mut results = Vec::new();
    for name in old.into_iter().filter(|name| !replaying.contains(name)) {
        let failed = remove(ctx, &name, None).await;
        results.push((name, failed));
    }
    Ok(results)
}
