//! Turns any SDK error into one line and an exit code: what was asked, of what, and why not.

use std::error::Error as StdError;
use std::fmt::Display;

use aws_sdk_eventbridge::config::http::HttpResponse;
use aws_sdk_eventbridge::error::{ProvideErrorMetadata, SdkError};

use crate::exit::Exit;

/// An AWS failure ready for the operator: the exit code and a single-line message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct AwsError {
    pub exit: Exit,
    pub message: String,
}

impl AwsError {
    /// Builds an error whose message is folded onto one line (AWS messages may hold newlines).
    pub fn new(exit: Exit, message: impl Display) -> AwsError {
        AwsError { exit, message: one_line(&message.to_string()) }
    }
}

/// Error codes that mean "who you are, or what you may do, was refused".
const ACCESS_DENIED_CODES: &[&str] = &[
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "IncompleteSignature",
    "InvalidClientTokenId",
    "MissingAuthenticationToken",
    "ExpiredToken",
    "ExpiredTokenException",
    "RequestExpired",
];

/// Service messages and low-level causes longer than this are cut (an HTML error page, say).
const MAX_DETAIL_CHARS: usize = 300;

/// Classifies `err` from `operation` (the API name, e.g. `DisableRule`) on `resource`
/// (e.g. `alchemiser-all-events-monitor-dev on bus alchemiser-trading-events-dev`).
pub fn classify<E>(operation: &str, resource: &str, err: &SdkError<E, HttpResponse>) -> AwsError
where
    E: ProvideErrorMetadata + StdError + 'static,
{
    let what = format!("{operation} {resource}");
    match err {
        SdkError::DispatchFailure(failure) => {
            let why = if failure.is_timeout() { "timed out connecting" } else { "cannot reach the endpoint" };
            AwsError::new(Exit::AwsUnreachable, format!("{what}: {why} ({})", root_cause(err)))
        }
        SdkError::TimeoutError(_) => {
            AwsError::new(Exit::AwsUnreachable, format!("{what}: timed out ({}; see --timeout)", root_cause(err)))
        }
        // The request could not even be built: a bad endpoint URL or region, not the service.
        SdkError::ConstructionFailure(_) => {
            AwsError::new(Exit::AwsConfig, format!("{what}: cannot build the request ({})", root_cause(err)))
        }
        _ => {
            let status = err.raw_response().map(|r| r.status().as_u16());
            match err.code() {
                Some(code) => {
                    let (exit, label) = classify_code(code);
                    let detail =
                        err.message().map(|m| format!("{code}: {}", cut(m))).unwrap_or_else(|| code.to_string());
                    AwsError::new(exit, format!("{what}: {label} ({detail})"))
                }
                // No modelled code: trust the HTTP status for the one case that matters.
                None if status == Some(403) => AwsError::new(
                    Exit::AwsAccessDenied,
                    format!("{what}: access denied (HTTP 403: {})", root_cause(err)),
                ),
                None => {
                    let status = status.map(|s| format!("HTTP {s}: ")).unwrap_or_default();
                    AwsError::new(Exit::AwsService, format!("{what}: failed ({status}{})", root_cause(err)))
                }
            }
        }
    }
}

/// What a failed call means for what it asked: did it take effect?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallFate {
    /// Throttled as a whole: nothing was done, the call may go again.
    Retry,
    /// Not done: the service answered with a client error, or the request never left.
    Failed,
    /// Perhaps done: a timeout, a dropped connection, a server error, an unreadable answer.
    Unknown,
}

/// Decides [`CallFate`] from the error's structure, never its text.
pub fn call_fate<E>(err: &SdkError<E, HttpResponse>) -> CallFate
where
    E: ProvideErrorMetadata + StdError + 'static,
{
    match err {
        // Building or signing the request failed: nothing was sent.
        SdkError::ConstructionFailure(_) => CallFate::Failed,
        SdkError::TimeoutError(_) => CallFate::Unknown,
        SdkError::DispatchFailure(failure) if failure.is_timeout() => CallFate::Unknown,
        SdkError::DispatchFailure(_) if never_connected(err) => CallFate::Failed,
        SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => CallFate::Unknown,
        _ if err.code() == Some("ThrottlingException") => CallFate::Retry,
        _ => match err.raw_response().map(|r| r.status()) {
            Some(status) if status.is_client_error() => CallFate::Failed,
            _ => CallFate::Unknown,
        },
    }
}

/// True when the connection was never made (refused, DNS, TLS handshake), or the failure came
/// before any HTTP I/O (credentials, signing): hyper's own errors are the sign that a request
/// may have been written.
fn never_connected(err: &(dyn StdError + 'static)) -> bool {
    let mut source = err.source();
    let mut reached_hyper = false;
    while let Some(cause) = source {
        if let Some(e) = cause.downcast_ref::<hyper_util::client::legacy::Error>() {
            return e.is_connect();
        }
        reached_hyper |= cause.is::<hyper::Error>();
        source = cause.source();
    }
    !reached_hyper
}

/// The exit code and a short label for an AWS error code.
fn classify_code(code: &str) -> (Exit, &'static str) {
    if code.starts_with("AccessDenied") || ACCESS_DENIED_CODES.contains(&code) {
        (Exit::AwsAccessDenied, "access denied")
    } else if code == "ResourceNotFoundException" {
        (Exit::AwsNotFound, "not found")
    } else {
        (Exit::AwsService, "failed")
    }
}

/// The innermost cause, which is the readable one ("Connection refused (os error 111)").
fn root_cause(err: &(dyn StdError + 'static)) -> String {
    let mut current = err;
    while let Some(next) = current.source() {
        current = next;
    }
    cut(&current.to_string())
}

fn cut(text: &str) -> String {
    let text = one_line(text);
    match text.char_indices().nth(MAX_DETAIL_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_eventbridge::error::ErrorMetadata;
    use aws_sdk_eventbridge::operation::disable_rule::DisableRuleError;
    use aws_smithy_types::body::SdkBody;

    fn service_error(status: u16, code: Option<&str>, message: &str) -> SdkError<DisableRuleError, HttpResponse> {
        let mut meta = ErrorMetadata::builder().message(message);
        if let Some(code) = code {
            meta = meta.code(code);
        }
        let status = status.try_into().expect("status");
        SdkError::service_error(DisableRuleError::generic(meta.build()), HttpResponse::new(status, SdkBody::empty()))
    }

    fn classify_one(status: u16, code: Option<&str>, message: &str) -> AwsError {
        classify("DisableRule", "r on bus b", &service_error(status, code, message))
    }

    #[test]
    fn access_denied_names_the_operation_the_resource_and_the_code() {
        let e = classify_one(400, Some("AccessDeniedException"), "User: x is not\nauthorized");
        assert_eq!(e.exit, Exit::AwsAccessDenied);
        assert_eq!(
            e.message,
            "DisableRule r on bus b: access denied (AccessDeniedException: User: x is not authorized)"
        );
        for code in
            ["UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException", "AccessDenied"]
        {
            assert_eq!(classify_one(400, Some(code), "m").exit, Exit::AwsAccessDenied, "{code}");
        }
    }

    #[test]
    fn codes_map_to_exit_codes() {
        assert_eq!(
            classify_one(400, Some("ResourceNotFoundException"), "Rule r does not exist.").exit,
            Exit::AwsNotFound
        );
        assert_eq!(classify_one(400, Some("ThrottlingException"), "Rate exceeded").exit, Exit::AwsService);
        assert_eq!(classify_one(400, Some("ManagedRuleException"), "managed").exit, Exit::AwsService);
        assert_eq!(classify_one(403, None, "").exit, Exit::AwsAccessDenied);
        assert_eq!(classify_one(500, None, "").exit, Exit::AwsService);
    }

    #[test]
    fn long_details_are_cut_to_one_short_line() {
        let e = classify_one(400, Some("ValidationException"), &"x ".repeat(1000));
        assert!(!e.message.contains('\n'));
        assert!(e.message.chars().count() < 400, "{}", e.message);
        assert!(e.message.ends_with("…)"));
    }
}
