//! The Lambda calls: Invoke (never retried by the SDK: a resent invocation runs the function,
//! and may trade, twice) and the part of the function's configuration that says how it trades.

use aws_sdk_lambda::Client;
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::{InvocationType, LogType};
use base64::Engine;

use super::config::lambda_once;
use super::error::{AwsError, CallFate, call_fate, classify};
use crate::guard;

/// What to do when an invocation's fate is unknown.
pub const MAY_HAVE_RUN: &str = "check `alchemiser logs --since 15m` before invoking again";

/// What the Lambda service answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    pub status_code: i32,
    pub function_error: Option<String>,
    pub executed_version: Option<String>,
    pub payload: Option<String>,
    pub log: Vec<String>,
}

/// Invokes `function` once with `payload`: `asynchronous` as EventBridge does (no result), else
/// synchronously with the log tail. A timeout or dropped connection leaves it unknown whether
/// the function ran, and the message says so.
pub async fn invoke(
    client: &Client,
    function: &str,
    payload: &[u8],
    asynchronous: bool,
) -> Result<Invocation, AwsError> {
    let mut request = client.invoke().function_name(function).payload(Blob::new(payload));
    request = if asynchronous {
        request.invocation_type(InvocationType::Event)
    } else {
        request.invocation_type(InvocationType::RequestResponse).log_type(LogType::Tail)
    };
    let output = request.customize().config_override(lambda_once(client)).send().await.map_err(|e| {
        let error = classify("Invoke", &format!("function {function}"), &e);
        match call_fate(&e) {
            CallFate::Unknown => {
                AwsError::new(error.exit, format!("{}; the function may have run: {MAY_HAVE_RUN}", error.message))
            }
            CallFate::Failed | CallFate::Retry => error,
        }
    })?;
    let log = output
        .log_result()
        .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
        .map(|bytes| String::from_utf8_lossy(&bytes).lines().map(str::to_string).collect())
        .unwrap_or_default();
    Ok(Invocation {
        status_code: output.status_code(),
        function_error: output.function_error().map(str::to_string),
        executed_version: output.executed_version().map(str::to_string),
        payload: output.payload().map(|p| String::from_utf8_lossy(p.as_ref()).into_owned()),
        log,
    })
}

/// How the deployed function trades, from the only variables read: `APP__STAGE` and the
/// trading endpoint. Its environment also holds credentials: of those only their presence is
/// looked at (the code trades live without them), and no value is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TradingConfig {
    pub app_stage: Option<String>,
    pub endpoint: Option<String>,
    /// `paper` or `live`, as the function's code derives it.
    pub trading_mode: &'static str,
}

/// GetFunctionConfiguration, reduced to [`TradingConfig`].
pub async fn trading_config(client: &Client, function: &str) -> Result<TradingConfig, AwsError> {
    let out = client
        .get_function_configuration()
        .function_name(function)
        .send()
        .await
        .map_err(|e| classify("GetFunctionConfiguration", &format!("function {function}"), &e))?;
    Ok(trading_of(out.environment().and_then(|e| e.variables())))
}

/// What the function's environment says about trading; no other variable is read.
fn trading_of(variables: Option<&std::collections::HashMap<String, String>>) -> TradingConfig {
    // The flat names win over the double-underscore ones, as in the function's settings.
    let get = |flat: &str, nested: &str| variables.and_then(|v| v.get(flat).or_else(|| v.get(nested)));
    let endpoint = get("ALPACA_ENDPOINT", "ALPACA__ENDPOINT").cloned();
    let has_key = get("ALPACA_KEY", "ALPACA__KEY").is_some_and(|v| !v.is_empty());
    let has_secret = get("ALPACA_SECRET", "ALPACA__SECRET").is_some_and(|v| !v.is_empty());
    TradingConfig {
        app_stage: variables.and_then(|v| v.get("APP__STAGE")).cloned(),
        trading_mode: guard::trading_mode(endpoint.as_deref(), has_key, has_secret),
        endpoint,
    }
}

/// The function as `status` shows it: its configuration, reserved concurrency and what happens
/// to an asynchronous invocation that fails. Of the environment only what [`TradingConfig`]
/// reads is looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionStatus {
    pub state: Option<String>,
    pub last_update_status: Option<String>,
    pub runtime: Option<String>,
    pub memory_mb: Option<i32>,
    pub timeout_s: Option<i32>,
    pub last_modified: Option<String>,
    pub trading: TradingConfig,
    /// None: no reservation (the account's unreserved pool).
    pub reserved_concurrency: Option<i32>,
    pub dead_letter_target: Option<String>,
    /// None: no event-invoke configuration, so Lambda's defaults (2 retries, 6 hours).
    pub async_invoke: Option<AsyncInvoke>,
}

/// PutFunctionEventInvokeConfig's settings, as deployed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AsyncInvoke {
    pub max_retry_attempts: Option<i32>,
    pub max_event_age_s: Option<i32>,
    pub on_failure: Option<String>,
}

/// GetFunctionConfiguration, GetFunctionConcurrency and GetFunctionEventInvokeConfig (whose
/// "not found" means none is set); exit 6 when the function does not exist.
pub async fn function_status(client: &Client, function: &str) -> Result<FunctionStatus, AwsError> {
    let resource = format!("function {function}");
    let config = client
        .get_function_configuration()
        .function_name(function)
        .send()
        .await
        .map_err(|e| classify("GetFunctionConfiguration", &resource, &e))?;
    let trading = trading_of(config.environment().and_then(|e| e.variables()));
    let concurrency = client
        .get_function_concurrency()
        .function_name(function)
        .send()
        .await
        .map_err(|e| classify("GetFunctionConcurrency", &resource, &e))?;
    let async_invoke = match client.get_function_event_invoke_config().function_name(function).send().await {
        Ok(out) => Some(AsyncInvoke {
            max_retry_attempts: out.maximum_retry_attempts(),
            max_event_age_s: out.maximum_event_age_in_seconds(),
            on_failure: out
                .destination_config()
                .and_then(|d| d.on_failure())
                .and_then(|d| d.destination())
                .map(str::to_string),
        }),
        Err(e) if e.as_service_error().is_some_and(|s| s.is_resource_not_found_exception()) => None,
        Err(e) => return Err(classify("GetFunctionEventInvokeConfig", &resource, &e)),
    };
    Ok(FunctionStatus {
        state: config.state().map(|s| s.as_str().to_string()),
        last_update_status: config.last_update_status().map(|s| s.as_str().to_string()),
        runtime: config.runtime().map(|r| r.as_str().to_string()),
        memory_mb: config.memory_size(),
        timeout_s: config.timeout(),
        last_modified: config.last_modified().map(str::to_string),
        trading,
        reserved_concurrency: concurrency.reserved_concurrent_executions(),
        dead_letter_target: config.dead_letter_config().and_then(|d| d.target_arn()).map(str::to_string),
        async_invoke,
    })
}
