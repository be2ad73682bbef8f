//! One PutEvents call of up to 10 entries, resending only what AWS marks retryable, and what a
//! failed call means for its entries: `failed` when the service refused them or the request
//! provably never reached it, `unknown` when it may have been delivered.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use aws_sdk_eventbridge::Client;
use aws_sdk_eventbridge::error::ProvideErrorMetadata;
use aws_sdk_eventbridge::primitives::{DateTime, DateTimeFormat};
use aws_sdk_eventbridge::types::PutEventsRequestEntry;

use super::config::events_once;
use super::error::{AwsError, CallFate, call_fate, classify};
use crate::entries::{Entry, Outcome, RETRYABLE_CODES, backoff_ms};
use crate::interrupts::Interrupts;

/// What one call (with its retries) did.
#[derive(Debug)]
pub struct CallResult {
    /// One outcome per entry given, by the caller's index.
    pub outcomes: Vec<(usize, Outcome)>,
    /// The last error that refused or cut off the call as a whole, for the exit code.
    pub error: Option<AwsError>,
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

/// Sends `batch` (at most 10 entries, under 256 KB) in one call, then again only the entries AWS
/// marks retryable, up to `max_attempts` in all, with capped backoff and jitter. The SDK itself
/// never resends (a resent timeout could deliver twice). A Ctrl-C (`interrupts`) during a backoff
/// stops the retries: those entries were refused, so they are `failed`.
pub async fn put_entries(
    client: &Client,
    bus: &str,
    batch: Vec<(usize, Entry)>,
    max_attempts: u32,
    interrupts: &Interrupts,
) -> CallResult {
    let mut result = CallResult { outcomes: Vec::with_capacity(batch.len()), error: None };
    let mut pending = batch;
    let mut attempt = 0;
    while !pending.is_empty() {
        attempt += 1;
        let mut request = client.put_events();
        for (_, entry) in &pending {
            request = request.entries(request_entry(entry, bus));
        }
        let response = request.customize().config_override(events_once(client)).send().await;
        let mut retry = Vec::new();
        // What the entries to resend get if a Ctrl-C ends the retries.
        let mut last_refusal = Vec::new();
        match response {
            Ok(output) => {
                let results = output.entries();
                for (k, (index, entry)) in pending.into_iter().enumerate() {
                    match results.get(k) {
                        Some(r) if r.error_code().is_none() => result.outcomes.push((
                            index,
                            Outcome::Sent { event_id: r.event_id().unwrap_or_default().to_string(), attempts: attempt },
                        )),
                        Some(r) => {
                            let code = r.error_code().unwrap_or_default().to_string();
                            let message = r.error_message().unwrap_or_default().to_string();
                            let failed = Outcome::Failed { code, message, attempts: attempt };
                            if RETRYABLE_CODES.contains(&r.error_code().unwrap_or_default()) && attempt < max_attempts {
                                last_refusal.push((index, failed));
                                retry.push((index, entry));
                            } else {
                                result.outcomes.push((index, failed));
                            }
                        }
                        // AWS answers every entry; a missing answer leaves the fate unknown.
                        None => result
                            .outcomes
                            .push((index, Outcome::Unknown { message: "no result for this entry".into() })),
                    }
                }
            }
            Err(e) => {
                let error = classify("PutEvents", &format!("on bus {bus}"), &e);
                let fate = call_fate(&e);
                let code = e.code().unwrap_or("RequestFailed").to_string();
                let again = fate == CallFate::Retry && attempt < max_attempts;
                for (index, entry) in pending {
                    let outcome = match fate {
                        CallFate::Unknown => Outcome::Unknown { message: error.message.clone() },
                        CallFate::Failed | CallFate::Retry => {
                            Outcome::Failed { code: code.clone(), message: error.message.clone(), attempts: attempt }
                        }
                    };
                    if again {
                        last_refusal.push((index, outcome));
                        retry.push((index, entry));
                    } else {
                        result.outcomes.push((index, outcome));
                    }
                }
                // Only an error that decided some entries' fate sets the exit code.
                if !again {
                    result.error = Some(error);
                }
            }
        }
        pending = retry;
        if !pending.is_empty() {
            let pause = Duration::from_millis(backoff_ms(attempt, jitter()));
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                () = interrupts.reached(1) => {
                    result.outcomes.extend(last_refusal);
                    break;
                }
            }
        }
    }
    result
}

/// A number in 0..1 for backoff jitter, without a random-number crate.
fn jitter() -> f64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(0);
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}
