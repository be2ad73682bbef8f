//! One `SdkConfig` for every AWS command: profile, region, endpoint, retries and timeouts come
//! from the flags when given, else from aws-config's usual sources (the `AWS_*` variables and
//! the profile), which this module deliberately does not re-implement.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_eventbridge::config::ProvideCredentials;

use crate::aws::error::AwsError;
use crate::bus::Names;
use crate::exit::Exit;
use crate::routing::Stage;

/// The longest `--timeout`: an hour is already far past any AWS call; larger values would only
/// overflow the clock arithmetic.
pub const MAX_TIMEOUT_SECS: u64 = 3_600;

/// Resolving credentials once up front may reach a network source (SSO, STS, IMDS), so bound it.
const CREDENTIALS_TIMEOUT: Duration = Duration::from_secs(10);

/// What the command line says about AWS; anything not given comes from aws-config's usual
/// sources (the `AWS_*` variables and the profile).
#[derive(Debug, Clone, Default)]
pub struct AwsSettings {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub max_attempts: Option<u32>,
    /// One call, retries included.
    pub timeout: Duration,
    /// The bus and function to act on; by default the stage's.
    pub bus: Option<String>,
    pub function: Option<String>,
}

/// The resolved configuration, the clients built from it, and the resource names to act on.
#[derive(Debug, Clone)]
pub struct AwsContext {
    pub config: SdkConfig,
    pub events: aws_sdk_eventbridge::Client,
    pub lambda: aws_sdk_lambda::Client,
    pub logs: aws_sdk_cloudwatchlogs::Client,
    /// For `replay --preview`'s capture queue.
    pub sqs: aws_sdk_sqs::Client,
    pub bus: String,
    pub function: String,
}

impl AwsContext {
    /// Builds the clients from a finished config (tests pass one with a canned HTTP client).
    pub fn new(config: SdkConfig, bus: String, function: String) -> AwsContext {
        AwsContext {
            events: aws_sdk_eventbridge::Client::new(&config),
            lambda: aws_sdk_lambda::Client::new(&config),
            logs: aws_sdk_cloudwatchlogs::Client::new(&config),
            sqs: aws_sdk_sqs::Client::new(&config),
            config,
            bus,
            function,
        }
    }

    pub fn region(&self) -> Option<&str> {
        self.config.region().map(|r| r.as_ref())
    }
}

/// Loads the config once, failing early (exit 3) when no region or no credentials resolve.
pub async fn load(args: &AwsSettings, stage: Stage) -> Result<AwsContext, AwsError> {
    if args.max_attempts.is_none() {
        check_env_max_attempts()?;
    }
    let mut loader = aws_config::defaults(BehaviorVersion::latest());
    // Only explicit flags are passed: everything else stays with aws-config's own precedence.
    if let Some(profile) = &args.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &args.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(url) = &args.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    if let Some(attempts) = args.max_attempts {
        loader = loader.retry_config(RetryConfig::standard().with_max_attempts(attempts));
    }
    let config = loader.load().await;
    if config.region().is_none() {
        let hint = args.profile.as_ref().map(|p| format!(" (is profile `{p}` defined?)")).unwrap_or_default();
        return Err(AwsError::new(
            Exit::AwsConfig,
            format!("no AWS region: pass --region or set AWS_REGION / a profile region{hint}"),
        ));
    }
    check_credentials(&config, args).await?;
    let config = with_timeouts(config, args.timeout);
    let names = Names::for_stage(stage);
    Ok(AwsContext::new(config, args.bus.clone().unwrap_or(names.bus), args.function.clone().unwrap_or(names.function)))
}

/// aws-config panics on `AWS_MAX_ATTEMPTS=0` or a non-number; say so instead.
fn check_env_max_attempts() -> Result<(), AwsError> {
    match std::env::var("AWS_MAX_ATTEMPTS") {
        Ok(value) if !matches!(value.trim().parse::<u32>(), Ok(n) if n >= 1) => Err(AwsError::new(
            Exit::AwsConfig,
            format!("AWS_MAX_ATTEMPTS={value:?} is not a whole number of at least 1 (or pass --max-attempts)"),
        )),
        _ => Ok(()),
    }
}

async fn check_credentials(config: &SdkConfig, args: &AwsSettings) -> Result<(), AwsError> {
    // Only for the message: aws-config itself decides which profile is used.
    let profile = args
        .profile
        .clone()
        .or_else(|| std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty()))
        .unwrap_or_else(|| "default".to_string());
    let failure = |why: String| {
        AwsError::new(Exit::AwsConfig, format!("cannot load AWS credentials (profile `{profile}`): {why}"))
    };
    let Some(provider) = config.credentials_provider() else {
        return Err(failure("no credentials provider is configured".to_string()));
    };
    match tokio::time::timeout(CREDENTIALS_TIMEOUT, provider.provide_credentials()).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(failure(error_chain(&e))),
        Err(_) => Err(failure(format!("no answer within {} s", CREDENTIALS_TIMEOUT.as_secs()))),
    }
}

/// Every cause's text, outermost first, without the Debug dump `DisplayErrorContext` adds.
fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text = format!("{text}: {more}");
        }
        source = cause.source();
    }
    text
}

/// Sets the operation timeout and splits it evenly over the attempts the retry config allows,
/// so a hung first attempt still leaves time for a retry. Keeps aws-config's connect timeout.
fn with_timeouts(config: SdkConfig, total: Duration) -> SdkConfig {
    let attempts = config.retry_config().map_or(3, |r| r.max_attempts()).max(1);
    let per_attempt = (total / attempts).max(Duration::from_secs(1)).min(total);
    let timeouts = config
        .timeout_config()
        .map(|t| t.to_builder())
        .unwrap_or_default()
        .operation_timeout(total)
        .operation_attempt_timeout(per_attempt)
        .build();
    config.to_builder().timeout_config(timeouts).build()
}

/// The attempt timeout of a call that is never retried: its one attempt gets the whole
/// operation timeout (`--timeout`), not a retry's share of it.
fn whole_timeout(timeouts: Option<&TimeoutConfig>) -> Option<TimeoutConfig> {
    let timeouts = timeouts?;
    let total = timeouts.operation_timeout()?;
    Some(timeouts.to_builder().operation_attempt_timeout(total).build())
}

/// Per-call settings for EventBridge calls that must not be repeated (PutEvents, StartReplay):
/// no SDK retries, and the whole `--timeout` for the one attempt.
pub fn events_once(client: &aws_sdk_eventbridge::Client) -> aws_sdk_eventbridge::config::Builder {
    let builder = aws_sdk_eventbridge::config::Builder::default().retry_config(RetryConfig::disabled());
    match whole_timeout(client.config().timeout_config()) {
        Some(timeouts) => builder.timeout_config(timeouts),
        None => builder,
    }
}

/// The same for Lambda's Invoke: a resent invocation runs the function (and may trade) twice.
pub fn lambda_once(client: &aws_sdk_lambda::Client) -> aws_sdk_lambda::config::Builder {
    let builder = aws_sdk_lambda::config::Builder::default().retry_config(RetryConfig::disabled());
    match whole_timeout(client.config().timeout_config()) {
        Some(timeouts) => builder.timeout_config(timeouts),
        None => builder,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_share_the_operation_timeout() {
        let config = SdkConfig::builder().retry_config(RetryConfig::standard().with_max_attempts(3)).build();
        let config = with_timeouts(config, Duration::from_secs(30));
        let t = config.timeout_config().cloned().unwrap_or_else(|| panic!("no timeout config"));
        assert_eq!(t.operation_timeout(), Some(Duration::from_secs(30)));
        assert_eq!(t.operation_attempt_timeout(), Some(Duration::from_secs(10)));

        let config = SdkConfig::builder().retry_config(RetryConfig::standard().with_max_attempts(10)).build();
        let t = with_timeouts(config, Duration::from_secs(2)).timeout_config().cloned();
        assert_eq!(t.and_then(|t| t.operation_attempt_timeout()), Some(Duration::from_secs(1)));
    }

    #[test]
    fn calls_without_retries_get_the_whole_timeout() {
        let config = SdkConfig::builder().retry_config(RetryConfig::standard().with_max_attempts(3)).build();
        let config = with_timeouts(config, Duration::from_secs(30));
        let once = whole_timeout(config.timeout_config());
        assert_eq!(once.and_then(|t| t.operation_attempt_timeout()), Some(Duration::from_secs(30)));
    }
}
