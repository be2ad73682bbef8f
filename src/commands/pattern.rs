//! `alchemiser pattern test`: does an event match a pattern (or a bus rule)? Offline.

use std::io::{self, Read, Write};

use serde::Serialize;

use crate::bus::Bus;
use crate::exit::Exit;
use crate::input::{self, Flow, Format, Input};
use crate::json::{Value, parse_python_json};
use crate::pattern::{Pattern, PatternSet};
use crate::render::{OutputFormat, json_line};

/// One pattern to test: a label (rule name or `pattern`) and its source text.
#[derive(Debug, Clone)]
pub struct NamedPattern {
    pub name: String,
    pub text: String,
}

impl NamedPattern {
    /// How messages name it, once: `--pattern` for the one given inline, else `rule NAME`.
    fn label(&self) -> String {
        if self.name == "pattern" { "--pattern".to_string() } else { format!("rule {}", self.name) }
    }
}

/// A failure to read or compile an argument; names what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgError(pub String);

/// `--pattern`/`--event` take inline JSON, a file path, or `-` for stdin.
pub fn read_json_arg(what: &str, arg: &str, stdin: &mut dyn Read) -> Result<String, ArgError> {
    let trimmed = arg.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return Ok(arg.to_string());
    }
    let mut text = String::new();
    let read = if arg == "-" {
        stdin.read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(arg).map(|t| text = t)
    };
    read.map_err(|e| ArgError(format!("{what} {arg}: {}", io_reason(&e))))?;
    Ok(text)
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file (inline JSON must start with `{`)".to_string(),
        io::ErrorKind::InvalidData => "not valid UTF-8".to_string(),
        _ => e.to_string(),
    }
}

fn parse(what: &str, text: &str) -> Result<Value, ArgError> {
    parse_python_json(text)
        .map(|p| p.value)
        .map_err(|e| ArgError(format!("{what}:{}:{}: invalid JSON: {}", e.line, e.column, e.message)))
}

/// The patterns of the named rules of `bus`; an unknown name is an error listing the known.
pub fn rule_patterns(bus: &Bus, names: &[String]) -> Result<Vec<NamedPattern>, ArgError> {
    names
        .iter()
        .map(|name| {
            bus.rule(name).map(|r| NamedPattern { name: r.name.to_string(), text: r.pattern_text.clone() }).ok_or_else(
                || {
                    let known: Vec<&str> = bus.rules().iter().map(|r| &*r.name).collect();
                    ArgError(format!("no rule {name} on {} ({}); rules: {}", bus.name, bus.origin, known.join(", ")))
                },
            )
        })
        .collect()
}

/// Compiles every pattern; the error names the one that is wrong.
pub fn compile(patterns: &[NamedPattern]) -> Result<Vec<Pattern>, ArgError> {
    patterns
        .iter()
        .map(|p| {
            let value = parse(&p.label(), &p.text)?;
            Pattern::compile(&value).map_err(|e| ArgError(format!("{}: {e}", p.label())))
        })
        .collect()
}

/// Compiles every pattern and decodes the event; the error names what is wrong.
pub fn local_verdicts(patterns: &[NamedPattern], event_text: &str) -> Result<Vec<bool>, ArgError> {
    let compiled = compile(patterns)?;
    let event = parse("--event", event_text)?;
    Ok(compiled.iter().map(|p| p.matches(&event)).collect())
}

/// How `pattern test --events` reads and what it prints.
#[derive(Debug, Clone)]
pub struct EventsOptions {
    pub paths: Vec<std::path::PathBuf>,
    pub format: Format,
    pub follow: bool,
    /// Print only the number of selected events.
    pub count: bool,
    /// Select the events no pattern matches.
    pub invert: bool,
    pub output: OutputFormat,
}

/// `-o json` with --events: the event, where it came from and the patterns it matched.
#[derive(Serialize)]
struct EventMatch<'a> {
    input: EventOrigin<'a>,
    matched: Vec<&'a str>,
    event: &'a serde_json::value::RawValue,
}

#[derive(Serialize)]
struct EventOrigin<'a> {
    file: &'a str,
    line: Option<usize>,
}

/// Tests every event of the inputs against the patterns as they are read (memory does not grow
/// with the input): prints each selected event as one JSON line, or with `count` their number.
/// Exit 0 when any event is selected, 1 when none, 2 when an input was unreadable (the other
/// events are still tested).
pub fn test_events(
    patterns: &[NamedPattern],
    compiled: &[Pattern],
    opts: &EventsOptions,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Exit> {
    let set = PatternSet::new(compiled);
    let (mut selected, mut unreadable) = (0usize, 0usize);
    let mut failure: Option<io::Error> = None;
    let mut text = String::new();
    let _ = input::read_paths(&opts.paths, opts.format, opts.follow, stdin, &mut |input| {
        let written = match input {
            Input::Skipped(why) => writeln!(err, "warning: {why}"),
            Input::Unreadable(e) => {
                unreadable += 1;
                writeln!(err, "error: {e}")
            }
            Input::Event(event) => {
                let verdicts = set.matches(&event.value);
                if verdicts.iter().any(|m| *m) == opts.invert {
                    return Flow::Continue(());
                }
                selected += 1;
                if opts.count {
                    return Flow::Continue(());
                }
                text.clear();
                crate::json::write::write_value(&mut text, &event.value);
                match opts.output {
                    OutputFormat::Table => {
                        text.push('\n');
                        out.write_all(text.as_bytes())
                    }
                    OutputFormat::Json => {
                        let matched = patterns.iter().zip(&verdicts).filter(|(_, m)| **m).map(|(p, _)| p.name.as_str());
                        match serde_json::value::RawValue::from_string(std::mem::take(&mut text)) {
                            Ok(raw) => {
                                let record = EventMatch {
                                    input: EventOrigin { file: &event.origin.file, line: event.origin.line },
                                    matched: matched.collect(),
                                    event: &raw,
                                };
                                json_line(out, &record)
                            }
                            Err(e) => Err(io::Error::other(e)),
                        }
                    }
                }
            }
        };
        // A failed write (a closed pipe) stops the reading: nothing more can be shown.
        match written {
            Ok(()) => Flow::Continue(()),
            Err(e) => {
                failure = Some(e);
                Flow::Break(())
            }
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    if opts.count {
        writeln!(out, "{selected}")?;
    }
    Ok(if unreadable > 0 {
        Exit::Error
    } else if selected > 0 {
        Exit::Success
    } else {
        Exit::Failure
    })
}

/// The event with the fields TestEventPattern insists on filled in where missing.
pub fn complete_for_remote(event_text: &str, region: &str) -> Result<String, ArgError> {
    let mut event: serde_json::Value = serde_json::from_str(event_text)
        .map_err(|e| ArgError(format!("event: {e} (TestEventPattern needs standard JSON)")))?;
    let Some(object) = event.as_object_mut() else {
        return Err(ArgError("event: TestEventPattern needs a JSON object".into()));
    };
    let defaults = [
        ("id", serde_json::json!("00000000-0000-0000-0000-000000000000")),
        ("account", serde_json::json!("123456789012")),
        ("time", serde_json::json!(crate::when::utc(jiff::Timestamp::now()))),
        ("region", serde_json::json!(region)),
        ("resources", serde_json::json!([])),
        ("detail", serde_json::json!({})),
    ];
    for (key, value) in defaults {
        object.entry(key).or_insert(value);
    }
    Ok(event.to_string())
}

/// `pattern test -o json`.
#[derive(Serialize)]
struct Verdicts<'a> {
    matched: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    rules: Option<Vec<RuleVerdict<'a>>>,
}

#[derive(Serialize)]
struct RuleVerdict<'a> {
    name: &'a str,
    matched: bool,
    /// AWS's own verdict, with `--remote`.
    #[serde(skip_serializing_if = "Option::is_none")]
    remote: Option<bool>,
}

/// Prints the verdicts (with AWS's beside them when asked); exit 0 if any matches, 1 if none.
/// With `remote`, AWS's verdict decides and every disagreement is reported on `err`.
pub fn report(
    patterns: &[NamedPattern],
    local: &[bool],
    remote: Option<&[bool]>,
    output: OutputFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Exit> {
    let decisive = remote.unwrap_or(local);
    let any = decisive.iter().any(|m| *m);
    let mut text = String::new();
    match output {
        OutputFormat::Json => {
            // Rules are listed when there is more than one anonymous pattern to tell apart.
            let named = patterns.len() > 1 || patterns.first().is_some_and(|p| p.name != "pattern") || remote.is_some();
            let rules = named.then(|| {
                patterns
                    .iter()
                    .enumerate()
                    .map(|(i, p)| RuleVerdict { name: &p.name, matched: local[i], remote: remote.map(|r| r[i]) })
                    .collect()
            });
            json_line(out, &Verdicts { matched: any, rules })?;
        }
        OutputFormat::Table => {
            for (i, p) in patterns.iter().enumerate() {
                let verdict = |m: bool| if m { "match   " } else { "no match" };
                match remote {
                    None => text.push_str(&format!("{}  {}\n", verdict(local[i]), p.name)),
                    Some(r) => text.push_str(&format!(
                        "{} (AWS: {})  {}\n",
                        verdict(local[i]),
                        verdict(r[i]).trim_end(),
                        p.name
                    )),
                }
            }
        }
    }
    out.write_all(text.as_bytes())?;
    if let Some(remote) = remote {
        for (i, p) in patterns.iter().enumerate().filter(|(i, _)| remote[*i] != local[*i]) {
            writeln!(
                err,
                "warning: {}: the local engine says {}, AWS TestEventPattern says {}",
                p.name,
                if local[i] { "match" } else { "no match" },
                if remote[i] { "match" } else { "no match" }
            )?;
        }
    }
    Ok(if any { Exit::Success } else { Exit::Failure })
}

/// `alchemiser pattern test`: resolves the arguments and runs.
pub fn execute(args: crate::cli::PatternArgs, globals: &crate::cli::Globals) -> Exit {
    let crate::cli::PatternCommand::Test(args) = args.command;
    let mut stdin = io::stdin().lock();
    let patterns = match &args.pattern {
        Some(p) => {
            read_json_arg("--pattern", p, &mut stdin).map(|text| vec![NamedPattern { name: "pattern".into(), text }])
        }
        None => match super::bus_for(&args.bus, &args.aws, globals.stage) {
            Ok(bus) => {
                let names =
                    if args.all_rules { bus.rules().iter().map(|r| r.name.to_string()).collect() } else { args.rules };
                rule_patterns(&bus, &names)
            }
            Err(exit) => return exit,
        },
    };
    let Some(event_arg) = &args.event else {
        let compiled = patterns.and_then(|p| compile(&p).map(|c| (p, c)));
        let (patterns, compiled) = match compiled {
            Ok(ok) => ok,
            Err(ArgError(message)) => {
                eprintln!("error: {message}");
                return Exit::Error;
            }
        };
        let opts = EventsOptions {
            paths: args.events,
            format: if args.jsonl { Format::JsonLines } else { Format::Auto },
            follow: args.follow,
            count: args.count,
            invert: args.invert,
            output: globals.output,
        };
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        let result = test_events(&patterns, &compiled, &opts, &mut stdin, &mut out, &mut io::stderr());
        return super::finish_io(result.and_then(|exit| out.flush().map(|()| exit)));
    };
    let checked = patterns.and_then(|p| {
        let event = read_json_arg("--event", event_arg, &mut stdin)?;
        let local = local_verdicts(&p, &event)?;
        Ok((p, event, local))
    });
    let (patterns, event, local) = match checked {
        Ok(ok) => ok,
        Err(ArgError(message)) => {
            eprintln!("error: {message}");
            return Exit::Error;
        }
    };
    let mut remote = None;
    if args.remote {
        let exit = super::block_on_aws(async {
            let ctx = crate::aws::load(&args.aws.settings(), globals.stage).await?;
            let event = match complete_for_remote(&event, ctx.region().unwrap_or("us-east-1")) {
                Ok(event) => event,
                Err(ArgError(message)) => {
                    eprintln!("error: {message}");
                    return Ok(Exit::Error);
                }
            };
            let mut verdicts = Vec::new();
            for p in &patterns {
                verdicts.push(crate::aws::live_bus::test_event_pattern(&ctx.events, &p.text, &event).await?);
            }
            remote = Some(verdicts);
            Ok(Exit::Success)
        });
        if remote.is_none() {
            return exit;
        }
    }
    super::finish_io(report(
        &patterns,
        &local,
        remote.as_deref(),
        globals.output,
        &mut io::stdout().lock(),
        &mut io::stderr(),
    ))
}
