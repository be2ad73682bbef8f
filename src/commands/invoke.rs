//! `alchemiser invoke`: run the Lambda with one event and show what it did next to what
//! `route` predicted, saying where they differ.

use std::io::{self, Write};

use aws_sdk_lambda::Client;
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::{InvocationType, LogType};
use base64::Engine;
use serde_json::Value as Json;

use crate::aws::error::{AwsError, classify};
use crate::exit::Exit;
use crate::guard::{self, Allowance};
use crate::json::parse_python_json;
use crate::render::{self, OutputFormat};
use crate::routing::{LambdaPrediction, Response, Stage, predict};

/// Everything `invoke` needs, resolved from the command line.
#[derive(Debug, Clone)]
pub struct InvokeOptions {
    /// The event exactly as it will be sent.
    pub payload: String,
    pub function: String,
    pub stage: Stage,
    /// `--async`: an Event invocation (202, no result).
    pub asynchronous: bool,
    pub allowance: Allowance,
    pub dry_run: bool,
    pub output: OutputFormat,
}

/// What the Lambda service answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    pub status_code: i32,
    pub function_error: Option<String>,
    pub executed_version: Option<String>,
    pub payload: Option<String>,
    pub log: Vec<String>,
}

/// Why the command stopped early.
#[derive(Debug)]
pub enum InvokeError {
    Aws(AwsError),
    /// Refused by the guard, or the event is not JSON: exit 1 / 2 with this message.
    Refused(String),
    Invalid(String),
    Io(io::Error),
}

impl From<io::Error> for InvokeError {
    fn from(e: io::Error) -> Self {
        InvokeError::Io(e)
    }
}

/// Predicts, guards, invokes, compares.
pub async fn run(
    client: &Client,
    opts: &InvokeOptions,
    confirm: Option<super::Confirm<'_>>,
    out: &mut dyn Write,
) -> Result<Exit, InvokeError> {
    let event = parse_python_json(&opts.payload)
        .map_err(|e| InvokeError::Invalid(format!("event:{}:{}: invalid JSON: {}", e.line, e.column, e.message)))?
        .value;
    let prediction = predict(&event, opts.stage);
    if let Err(refusal) = guard::check(&prediction, 1, opts.stage, opts.allowance) {
        match confirm {
            // Only the live-trade confirmation can be given at a prompt; --force cannot.
            Some(ask) if refusal.needs_confirmation => {
                if !ask(&format!("Invoke {} and start a LIVE trading run?", opts.function))? {
                    return Err(InvokeError::Refused("refused: live trade not confirmed".into()));
                }
            }
            _ => return Err(InvokeError::Refused(refusal.reason)),
        }
    }
    if opts.dry_run {
        write_report(out, opts, &prediction, None, &[])?;
        return Ok(Exit::Success);
    }
    let invocation = invoke(client, opts).await.map_err(InvokeError::Aws)?;
    let differences = if opts.asynchronous { Vec::new() } else { compare(&prediction, &invocation) };
    write_report(out, opts, &prediction, Some(&invocation), &differences)?;
    Ok(if differences.is_empty() { Exit::Success } else { Exit::Failure })
}

async fn invoke(client: &Client, opts: &InvokeOptions) -> Result<Invocation, AwsError> {
    let mut request = client.invoke().function_name(&opts.function).payload(Blob::new(opts.payload.as_bytes()));
    request = if opts.asynchronous {
        request.invocation_type(InvocationType::Event)
    } else {
        request.invocation_type(InvocationType::RequestResponse).log_type(LogType::Tail)
    };
    let output = request.send().await.map_err(|e| classify("Invoke", &format!("function {}", opts.function), &e))?;
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

/// What differs between the prediction and the real invocation (empty when they agree).
pub fn compare(prediction: &LambdaPrediction, invocation: &Invocation) -> Vec<String> {
    let mut differences = Vec::new();
    let payload: Option<Json> = invocation.payload.as_deref().and_then(|p| serde_json::from_str(p).ok());
    match (&prediction.exception, &invocation.function_error) {
        (Some(e), None) => {
            differences.push(format!("predicted the Lambda raises {}, but it returned normally", e.class))
        }
        (None, Some(kind)) => {
            let error_type = payload.as_ref().and_then(|p| p.get("errorType")).and_then(Json::as_str).unwrap_or("?");
            differences.push(format!("the Lambda raised ({kind}: {error_type}), but no exception was predicted"));
        }
        (Some(e), Some(_)) => {
            let error_type = payload.as_ref().and_then(|p| p.get("errorType")).and_then(Json::as_str);
            if error_type.is_some_and(|t| t != e.class) {
                differences.push(format!("predicted {}, the Lambda raised {}", e.class, error_type.unwrap_or("?")));
            }
        }
        (None, None) => {
            let expected = match &prediction.response {
                Some(Response::Command { status, mode, trading_mode, message }) => serde_json::json!({
                    "status": status, "mode": mode, "trading_mode": trading_mode, "message": message
                }),
                Some(Response::Handler { status_code, body }) => {
                    serde_json::json!({"statusCode": status_code, "body": body})
                }
                None => Json::Null,
            };
            match (&payload, expected.as_object()) {
                (Some(Json::Object(actual)), Some(expected)) => {
                    for (key, want) in expected {
                        let have = actual.get(key).unwrap_or(&Json::Null);
                        if have != want {
                            differences.push(format!("response.{key}: predicted {want}, got {have}"));
                        }
                    }
                }
                _ => differences.push(format!(
                    "predicted response {expected}, got {}",
                    invocation.payload.as_deref().unwrap_or("no payload")
                )),
            }
        }
    }
    differences
}

fn write_report(
    out: &mut dyn Write,
    opts: &InvokeOptions,
    prediction: &LambdaPrediction,
    invocation: Option<&Invocation>,
    differences: &[String],
) -> io::Result<()> {
    let mut text = String::new();
    match opts.output {
        OutputFormat::Json => {
            let mut lambda = String::new();
            render::write_lambda(&mut lambda, prediction);
            let prediction_json: Json = serde_json::from_str(&lambda).unwrap_or(Json::Null);
            let result = invocation.map(|i| {
                serde_json::json!({
                    "status_code": i.status_code,
                    "function_error": i.function_error,
                    "executed_version": i.executed_version,
                    "payload": i.payload.as_deref().map(|p| serde_json::from_str::<Json>(p).unwrap_or_else(|_| Json::from(p))),
                    "log": i.log,
                })
            });
            let record = serde_json::json!({
                "function": opts.function,
                "invocation_type": if opts.asynchronous { "Event" } else { "RequestResponse" },
                "dry_run": opts.dry_run,
                "prediction": prediction_json,
                "result": result,
                "matches_prediction": invocation.map(|_| differences.is_empty()),
                "differences": differences,
            });
            text.push_str(&record.to_string());
            text.push('\n');
        }
        OutputFormat::Table => {
            text.push_str(&format!("function    {}\n", opts.function));
            text.push_str(&format!("predicted   {}\n", render::outcome(prediction)));
            match invocation {
                None => text.push_str("invoked     no (dry run)\n"),
                Some(i) => {
                    let error =
                        i.function_error.as_deref().map(|e| format!(", function error {e}")).unwrap_or_default();
                    text.push_str(&format!("status      {}{error}\n", i.status_code));
                    if let Some(payload) = &i.payload {
                        text.push_str(&format!("payload     {payload}\n"));
                    }
                    for line in &i.log {
                        text.push_str(&format!("log         {line}\n"));
                    }
                    if opts.asynchronous {
                        text.push_str("result      queued (asynchronous invocation: no result to compare)\n");
                    } else if differences.is_empty() {
                        text.push_str("result      matches the prediction\n");
                    } else {
                        for d in differences {
                            text.push_str(&format!("DIFFERS     {d}\n"));
                        }
                    }
                }
            }
        }
    }
    out.write_all(text.as_bytes())
}

/// `alchemiser invoke`: resolves the arguments, loads AWS, runs.
pub fn execute(args: crate::cli::InvokeArgs, globals: &crate::cli::Globals) -> Exit {
    let payload = match super::pattern::read_json_arg("event", &args.event, &mut io::stdin().lock()) {
        Ok(text) => text,
        Err(super::pattern::ArgError(message)) => {
            eprintln!("error: {message}");
            return Exit::Error;
        }
    };
    super::block_on_aws(async {
        let aws = crate::aws::load(&args.aws, globals.stage).await?;
        let opts = InvokeOptions {
            payload,
            function: aws.function.clone(),
            stage: globals.stage,
            asynchronous: args.asynchronous,
            allowance: Allowance { force: args.guard.force, yes: args.guard.yes },
            dry_run: args.dry_run,
            output: globals.output,
        };
        let mut ask = super::ask;
        let confirm: Option<super::Confirm<'_>> = if super::interactive() { Some(&mut ask) } else { None };
        match run(&aws.lambda, &opts, confirm, &mut io::stdout().lock()).await {
            Ok(exit) => Ok(exit),
            Err(InvokeError::Aws(e)) => Err(e),
            Err(InvokeError::Refused(message)) => {
                eprintln!("{message}");
                Ok(Exit::Failure)
            }
            Err(InvokeError::Invalid(message)) => {
                eprintln!("error: {message}");
                Ok(Exit::Error)
            }
            Err(InvokeError::Io(e)) => {
                if e.kind() != io::ErrorKind::BrokenPipe {
                    eprintln!("error: {e}");
                }
                Ok(Exit::Error)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prediction(text: &str) -> LambdaPrediction {
        predict(&parse_python_json(text).map(|p| p.value).unwrap_or(crate::json::Value::Null), Stage::Dev)
    }

    fn invocation(payload: &str, error: Option<&str>) -> Invocation {
        Invocation {
            status_code: 200,
            function_error: error.map(str::to_string),
            executed_version: None,
            payload: Some(payload.to_string()),
            log: Vec::new(),
        }
    }

    #[test]
    fn agreement_ignores_the_request_id() {
        let p = prediction(r#"{"mode":"trade"}"#);
        let ok = r#"{"status":"success","mode":"trade","trading_mode":"paper","message":"Paper trading completed successfully","request_id":"abc"}"#;
        assert!(compare(&p, &invocation(ok, None)).is_empty());
        let failed = ok.replace("\"success\"", "\"failed\"");
        assert_eq!(compare(&p, &invocation(&failed, None)), ["response.status: predicted \"success\", got \"failed\""]);
    }

    #[test]
    fn exceptions_are_compared_by_class() {
        let p = prediction(r#"{"detail-type":["x"]}"#);
        let raised = r#"{"errorMessage":"unhashable type: 'list'","errorType":"TypeError"}"#;
        assert!(compare(&p, &invocation(raised, Some("Unhandled"))).is_empty());
        assert_eq!(compare(&p, &invocation("{}", None)).len(), 1);
        let other = r#"{"errorType":"ValueError"}"#;
        assert_eq!(
            compare(&p, &invocation(other, Some("Unhandled"))),
            ["predicted TypeError, the Lambda raised ValueError"]
        );
    }
}
