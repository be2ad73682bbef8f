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
    let variables = out.environment().and_then(|e| e.variables());
    // The flat names win over the double-underscore ones, as in the function's settings.
    let get = |flat: &str, nested: &str| variables.and_then(|v| v.get(flat).or_else(|| v.get(nested)));
    let endpoint = get("ALPACA_ENDPOINT", "ALPACA__ENDPOINT").cloned();
    let has_key = get("ALPACA_KEY", "ALPACA__KEY").is_some_and(|v| !v.is_empty());
    let has_secret = get("ALPACA_SECRET", "ALPACA__SECRET").is_some_and(|v| !v.is_empty());
    Ok(TradingConfig {
        app_stage: variables.and_then(|v| v.get("APP__STAGE")).cloned(),
        trading_mode: guard::trading_mode(endpoint.as_deref(), has_key, has_secret),
        endpoint,
    })
}
