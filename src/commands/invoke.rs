//! `alchemiser invoke`: run the Lambda with one event and show what it did next to what
//! `route` predicted, saying where they differ.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value as Json;

use super::{CommandError, Io};
use crate::aws::lambda::{self, Invocation};
use crate::exit::Exit;
use crate::guard::{self, Allowance, StageClue};
use crate::json::parse_python_json;
use crate::render::{self, OutputFormat, json_line};
use crate::routing::{LambdaPrediction, Response, Stage, predict};

/// Everything `invoke` needs, resolved from the command line.
#[derive(Debug, Clone)]
pub struct InvokeOptions {
    /// The event exactly as it will be sent.
    pub payload: String,
    pub function: String,
    /// The stage acted at: the stricter of `--stage`, the function's name and its configuration.
    pub stage: Stage,
    /// `--async`: an Event invocation (202, no result).
    pub asynchronous: bool,
    pub allowance: Allowance,
    pub dry_run: bool,
    pub output: OutputFormat,
    /// Colour on stderr, for the prompt.
    pub err_style: crate::render::Style,
}

/// Predicts, guards (asking at the terminal for a live trade), invokes, compares.
pub async fn run(
    client: &crate::aws::LambdaClient,
    opts: &InvokeOptions,
    io: &mut Io<'_>,
) -> Result<Exit, CommandError> {
    let event = parse_python_json(&opts.payload)
        .map_err(|e| CommandError::Usage(format!("event:{}:{}: invalid JSON: {}", e.line, e.column, e.message)))?
        .value;
    let prediction = predict(&event, opts.stage);
    if let Err(refusal) = guard::check(&prediction, 1, opts.stage, opts.allowance) {
        let confirmed = match io.confirm.as_mut() {
            // Only the live-trade confirmation can be given at a prompt; --force cannot.
            Some(ask) if refusal.needs_confirmation => {
                let question = format!("Invoke {} and start a LIVE trading run?", opts.function);
                ask(&render::emphasize_live(&question, opts.err_style.color))?
            }
            _ => {
                writeln!(io.err, "{}", refusal.reason)?;
                return Ok(Exit::Failure);
            }
        };
        if !confirmed {
            writeln!(io.err, "refused: live trade not confirmed")?;
            return Ok(if io.interrupts.count() > 0 { Exit::Interrupted } else { Exit::Failure });
        }
    }
    if opts.dry_run {
        write_report(io.out, opts, &prediction, None, &[])?;
        return Ok(Exit::Success);
    }
    if io.interrupts.count() > 0 {
        writeln!(io.err, "interrupted: nothing invoked")?;
        return Ok(Exit::Interrupted);
    }
    let invocation = tokio::select! {
        invocation = lambda::invoke(client, &opts.function, opts.payload.as_bytes(), opts.asynchronous) => invocation?,
        () = io.interrupts.reached(1) => {
            writeln!(io.err, "interrupted while invoking {}: the function may have run; {}", opts.function, lambda::MAY_HAVE_RUN)?;
            return Ok(Exit::Interrupted);
        }
    };
    let differences = if opts.asynchronous { Vec::new() } else { compare(&prediction, &invocation) };
    write_report(io.out, opts, &prediction, Some(&invocation), &differences)?;
    Ok(if differences.is_empty() { Exit::Success } else { Exit::Failure })
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
                Some(Response::Command { status, mode, trading_mode, .. }) => serde_json::json!({
                    "status": status, "mode": mode, "trading_mode": trading_mode,
                    "message": prediction.response_message()
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

/// `invoke -o json`: the prediction beside what the Lambda did.
#[derive(Serialize)]
struct InvokeJson<'a> {
    function: &'a str,
    invocation_type: &'static str,
    dry_run: bool,
    prediction: &'a serde_json::value::RawValue,
    result: Option<ResultJson<'a>>,
    matches_prediction: Option<bool>,
    differences: &'a [String],
}

#[derive(Serialize)]
struct ResultJson<'a> {
    status_code: i32,
    function_error: Option<&'a str>,
    executed_version: Option<&'a str>,
    /// The payload as JSON when it is JSON, else as a string.
    payload: Option<Json>,
    log: &'a [String],
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
            let record = InvokeJson {
                function: &opts.function,
                invocation_type: if opts.asynchronous { "Event" } else { "RequestResponse" },
                dry_run: opts.dry_run,
                // `route`'s own JSON for the prediction, as written for it.
                prediction: &serde_json::value::RawValue::from_string(lambda).map_err(io::Error::from)?,
                result: invocation.map(|i| ResultJson {
                    status_code: i.status_code,
                    function_error: i.function_error.as_deref(),
                    executed_version: i.executed_version.as_deref(),
                    payload: i
                        .payload
                        .as_deref()
                        .map(|p| serde_json::from_str::<Json>(p).unwrap_or_else(|_| Json::from(p))),
                    log: &i.log,
                }),
                matches_prediction: invocation.map(|_| differences.is_empty()),
                differences,
            };
            return json_line(out, &record);
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

/// `alchemiser invoke`: works out the stage from the function's name and configuration, runs.
pub fn execute(args: crate::cli::InvokeArgs, globals: &crate::cli::Globals) -> Exit {
    let payload = match super::pattern::read_json_arg("event", &args.event, &mut io::stdin().lock()) {
        Ok(text) => text,
        Err(super::pattern::ArgError(message)) => {
            eprintln!("error: {message}");
            return Exit::Error;
        }
    };
    // Ctrl-C while the function is invoked must say that it may have run.
    super::shell(super::OnInterrupt::Handle, async |io| {
        let stage = super::acting_stage(globals, &super::name_clues(&args.aws))?;
        let aws = crate::aws::load(&args.aws.settings(), stage).await?;
        let stage = match lambda::trading_config(&aws.lambda, &aws.function).await {
            Ok(config) => {
                writeln!(
                    io.err,
                    "function {}: APP__STAGE {}, trading endpoint {} ({})",
                    aws.function,
                    config.app_stage.as_deref().unwrap_or("unset"),
                    config.endpoint.as_deref().unwrap_or("unset"),
                    if config.trading_mode == "live" { "LIVE" } else { "paper" }
                )?;
                let mut clues = Vec::new();
                let deployed = match config.app_stage.as_deref() {
                    Some("prod") => Some(Stage::Prod),
                    Some("dev") => Some(Stage::Dev),
                    _ => None,
                };
                if let Some(deployed) = deployed {
                    clues.push(StageClue { what: "APP__STAGE".into(), stage: deployed, from_name: false });
                }
                if config.trading_mode == "live" {
                    clues.push(StageClue { what: "trading endpoint".into(), stage: Stage::Prod, from_name: false });
                }
                guard::acting_stage(stage, false, &clues).map_err(CommandError::Usage)?
            }
            Err(e) if e.exit == Exit::AwsNotFound => return Err(e.into()),
            // Without the configuration it may trade live whatever its name: a trade needs --yes.
            Err(e) => {
                writeln!(
                    io.err,
                    "note: cannot read the function's configuration ({}); treating it as trading LIVE",
                    e.message
                )?;
                Stage::Prod
            }
        };
        let opts = InvokeOptions {
            payload: payload.clone(),
            function: aws.function.clone(),
            stage,
            asynchronous: args.asynchronous,
            allowance: Allowance { force: args.guard.force, yes: args.guard.yes },
            dry_run: args.dry_run,
            output: globals.output,
            err_style: globals.err_style,
        };
        run(&aws.lambda, &opts, io).await
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prediction(text: &str) -> LambdaPrediction<'static> {
        let event = parse_python_json(text).unwrap_or_else(|e| panic!("fixture {text} is not JSON: {}", e.message));
        predict(&event.value, Stage::Dev).into_owned()
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
