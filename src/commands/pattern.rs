//! `alchemiser pattern test`: does an event match a pattern (or a bus rule)? Offline.

use std::io::{self, Read, Write};

use crate::bus::Bus;
use crate::exit::Exit;
use crate::json::write::write_str;
use crate::json::{Value, parse_python_json};
use crate::pattern::Pattern;
use crate::render::OutputFormat;

/// One pattern to test: a label (rule name or `pattern`) and its source text.
#[derive(Debug, Clone)]
pub struct NamedPattern {
    pub name: String,
    pub text: String,
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
            bus.rule(name).map(|r| NamedPattern { name: r.name.clone(), text: r.pattern_text.clone() }).ok_or_else(
                || {
                    let known: Vec<&str> = bus.rules.iter().map(|r| r.name.as_str()).collect();
                    ArgError(format!("no rule {name} on {} ({}); rules: {}", bus.name, bus.origin, known.join(", ")))
                },
            )
        })
        .collect()
}

/// Tests `event_text` against every pattern; exit 0 if any matches, 1 if none, 2 if invalid.
pub fn run(
    patterns: &[NamedPattern],
    event_text: &str,
    output: OutputFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Exit> {
    let compile = |p: &NamedPattern| {
        parse(&format!("pattern {}", p.name), &p.text)
            .and_then(|v| Pattern::compile(&v).map_err(|e| ArgError(format!("pattern {}: {e}", p.name))))
    };
    let compiled: Result<Vec<Pattern>, ArgError> = patterns.iter().map(compile).collect();
    let compiled = match compiled.and_then(|c| parse("event", event_text).map(|e| (c, e))) {
        Ok(ok) => ok,
        Err(ArgError(message)) => {
            writeln!(err, "error: {message}")?;
            return Ok(Exit::Error);
        }
    };
    let (compiled, event) = compiled;
    let results: Vec<(&str, bool)> =
        patterns.iter().zip(&compiled).map(|(p, c)| (p.name.as_str(), c.matches(&event))).collect();
    let any = results.iter().any(|(_, m)| *m);
    let mut text = String::new();
    match output {
        OutputFormat::Json => {
            text.push_str(if any { "{\"matched\":true" } else { "{\"matched\":false" });
            if results.len() > 1 || patterns.first().is_some_and(|p| p.name != "pattern") {
                text.push_str(",\"rules\":[");
                for (i, (name, matched)) in results.iter().enumerate() {
                    if i > 0 {
                        text.push(',');
                    }
                    text.push_str("{\"name\":");
                    write_str(&mut text, name);
                    text.push_str(if *matched { ",\"matched\":true}" } else { ",\"matched\":false}" });
                }
                text.push(']');
            }
            text.push_str("}\n");
        }
        OutputFormat::Table => {
            for (name, matched) in &results {
                text.push_str(&format!("{}  {name}\n", if *matched { "match   " } else { "no match" }));
            }
        }
    }
    out.write_all(text.as_bytes())?;
    Ok(if any { Exit::Success } else { Exit::Failure })
}

/// `alchemiser pattern test`: resolves the arguments and runs.
pub fn execute(args: crate::cli::PatternArgs, globals: &crate::cli::Globals) -> Exit {
    let crate::cli::PatternCommand::Test(args) = args.command;
    let mut stdin = io::stdin().lock();
    let patterns = match &args.pattern {
        Some(p) => {
            read_json_arg("pattern", p, &mut stdin).map(|text| vec![NamedPattern { name: "pattern".into(), text }])
        }
        None => super::load_bus(&args.bus, globals.stage).map_err(ArgError).and_then(|bus| {
            let names = if args.all_rules { bus.rules.iter().map(|r| r.name.clone()).collect() } else { args.rules };
            rule_patterns(&bus, &names)
        }),
    };
    match patterns.and_then(|p| read_json_arg("event", &args.event, &mut stdin).map(|e| (p, e))) {
        Ok((patterns, event)) => {
            super::finish_io(run(&patterns, &event, globals.output, &mut io::stdout().lock(), &mut io::stderr()))
        }
        Err(ArgError(message)) => {
            eprintln!("error: {message}");
            Exit::Error
        }
    }
}
