//! Tables for people, JSON Lines for scripts; the one place output formats are decided.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Color, ContentArrangement, Table};

use crate::bus::{BusPrediction, RuleState};
use crate::input::{InputError, Origin};
use crate::json::Out;
use crate::json::write::{write_pystr, write_str, write_str_with, write_value};
use crate::routing::validate::{FieldError, Loc, render_loc};
use crate::routing::{LambdaPrediction, Message, Response, Stage, Warning};

/// Tables for people or JSON Lines for scripts (`--output`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Json,
}

/// One JSON Lines record: every JSON record a command prints (other than `route`'s, written by
/// hand below for speed) goes through here.
pub fn json_line(out: &mut dyn std::io::Write, record: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")
}

/// Whether to colour human output (resolved from `--color`, `NO_COLOR` and the terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

/// One routed event, as `route` reports it.
#[derive(Debug, Clone)]
pub struct RouteRecord<'e> {
    pub origin: Origin,
    pub stage: Stage,
    /// What the bus does with the event; None when EventBridge cannot carry it.
    pub bus: Option<BusPrediction>,
    pub lambda: LambdaPrediction<'e>,
}

impl RouteRecord<'_> {
    pub fn warnings(&self) -> &[Warning] {
        &self.lambda.warnings
    }
}

fn write_bus(out: &mut impl Out, bus: Option<&BusPrediction>) {
    let Some(bus) = bus else {
        out.push_str("null");
        return;
    };
    out.push_str("{\"rules\":[");
    for (i, rule) in bus.rules.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"name\":");
        write_str(out, &rule.name);
        out.push_str(",\"state\":");
        write_plain(out, rule.state.as_str());
        out.push_str(",\"matched\":");
        out.push_str(if rule.matched { "true}" } else { "false}" });
    }
    out.push_str("],\"archived\":");
    out.push_str(if bus.archived { "true" } else { "false" });
    out.push_str(",\"lambda_invocations\":");
    let _ = write!(out, "{}", bus.lambda_invocations);
    out.push('}');
}

/// `alchemiser-all-events-monitor-dev` → `all-events-monitor`: tables are narrow, JSON is exact.
fn short_rule_name(name: &str) -> &str {
    let name = name.strip_prefix("alchemiser-").unwrap_or(name);
    name.strip_suffix("-dev").or_else(|| name.strip_suffix("-prod")).unwrap_or(name)
}

/// `2× signal-generated, all-events-monitor` for tables.
fn bus_summary(bus: Option<&BusPrediction>) -> String {
    let Some(bus) = bus else { return "not a bus event".to_string() };
    let matched: Vec<String> = bus
        .rules
        .iter()
        .filter(|r| r.matched)
        .map(|r| {
            let short = short_rule_name(&r.name);
            if r.state == RuleState::Enabled { short.to_string() } else { format!("{short} (DISABLED)") }
        })
        .collect();
    let archived = if bus.archived { ", archived" } else { "" };
    if matched.is_empty() {
        format!("0× (no rule matches){archived}")
    } else {
        format!("{}× {}{archived}", bus.lambda_invocations, matched.join(", "))
    }
}

fn write_origin(out: &mut impl Out, origin: &Origin) {
    out.push_str("{\"file\":");
    write_str(out, &origin.file);
    out.push_str(",\"line\":");
    match origin.line {
        Some(line) => {
            let _ = write!(out, "{line}");
        }
        None => out.push_str("null"),
    }
    out.push('}');
}

/// A constant of this program (a code, a state, a field name): JSON-safe as it is.
fn write_plain(out: &mut impl Out, s: &str) {
    debug_assert!(!s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\'), "{s:?}");
    out.push('"');
    out.push_str(s);
    out.push('"');
}

fn write_opt_str(out: &mut impl Out, value: Option<&str>) {
    match value {
        Some(s) => write_str(out, s),
        None => out.push_str("null"),
    }
}

fn write_loc(out: &mut impl Out, loc: &[Loc]) {
    out.push('[');
    for (i, item) in loc.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match item {
            Loc::Field(name) => write_plain(out, name),
            Loc::Key(k) => write_pystr(out, k),
            Loc::Index(n) => {
                let _ = write!(out, "{n}");
            }
        }
    }
    out.push(']');
}

fn write_field_error(out: &mut impl Out, error: &FieldError<'_, '_>) {
    out.push_str("{\"loc\":");
    write_loc(out, error.loc);
    out.push_str(",\"code\":");
    write_plain(out, error.code);
    out.push_str(",\"message\":");
    write_str(out, error.message);
    // `missing` and model-level errors carry the whole object, which says nothing new.
    if error.code != "missing" && !error.loc.is_empty() {
        out.push_str(",\"input\":");
        error.input.write_json(out);
    }
    out.push('}');
}

fn write_response(out: &mut impl Out, p: &LambdaPrediction<'_>) {
    match &p.response {
        None => out.push_str("null"),
        Some(Response::Command { status, mode, trading_mode, message }) => {
            out.push_str("{\"status\":");
            write_plain(out, status);
            out.push_str(",\"mode\":");
            write_plain(out, mode);
            out.push_str(",\"trading_mode\":");
            write_plain(out, trading_mode);
            out.push_str(",\"message\":");
            match message {
                Message::Text(text) => write_str(out, text),
                Message::ValidationFailed => write_str_with(out, |text| p.write_response_message(text)),
            }
            out.push('}');
        }
        Some(Response::Handler { status_code, body }) => {
            out.push_str("{\"statusCode\":");
            let _ = write!(out, "{status_code}");
            out.push_str(",\"body\":");
            write_str(out, body);
            out.push('}');
        }
    }
}

/// The `lambda` object of the JSON contract (docs/manual.md).
pub fn write_lambda(out: &mut impl Out, p: &LambdaPrediction) {
    out.push_str("{\"path\":");
    write_plain(out, p.path.as_str());
    out.push_str(",\"response\":");
    write_response(out, p);
    out.push_str(",\"exception\":");
    write_opt_str(out, p.exception.as_ref().map(|e| e.class));
    out.push_str(",\"exception_message\":");
    write_opt_str(out, p.exception.as_ref().map(|e| e.message.as_str()));
    out.push_str(",\"main_args\":");
    match &p.main_args {
        Some(args) => {
            out.push('[');
            for (i, arg) in args.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, arg);
            }
            out.push(']');
        }
        None => out.push_str("null"),
    }
    out.push_str(",\"handler\":");
    write_opt_str(out, p.handler.map(|h| h.as_str()));
    out.push_str(",\"dedup_key\":");
    match &p.dedup_key {
        Some(key) => write_value(out, key),
        None => out.push_str("null"),
    }
    out.push_str(",\"marks_processed\":");
    out.push_str(if p.marks_processed { "true" } else { "false" });
    out.push_str(",\"trades_when_warm\":");
    out.push_str(if p.trades_when_warm { "true" } else { "false" });
    out.push_str(",\"validated_model\":");
    write_opt_str(out, p.validation.as_ref().map(|v| v.model.name));
    out.push_str(",\"validation_errors\":[");
    if let Some(validation) = &p.validation {
        let mut first = true;
        validation.for_each(|error| {
            if !std::mem::take(&mut first) {
                out.push(',');
            }
            write_field_error(out, error);
        });
    }
    out.push_str("]}");
}

fn write_warnings(out: &mut impl Out, warnings: &[Warning]) {
    out.push('[');
    for (i, w) in warnings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"code\":");
        write_plain(out, w.code.as_str());
        out.push_str(",\"message\":");
        write_str(out, &w.message);
        out.push('}');
    }
    out.push(']');
}

/// One JSON Lines record for a routed event, newline included; `more` may add members last.
pub fn write_route_json<O: Out>(out: &mut O, record: &RouteRecord<'_>, more: impl FnOnce(&mut O)) {
    out.push_str("{\"input\":");
    write_origin(out, &record.origin);
    out.push_str(",\"stage\":");
    write_plain(out, record.stage.as_str());
    out.push_str(",\"bus\":");
    write_bus(out, record.bus.as_ref());
    out.push_str(",\"lambda\":");
    write_lambda(out, &record.lambda);
    out.push_str(",\"warnings\":");
    write_warnings(out, record.warnings());
    more(out);
    out.push_str("}\n");
}

/// Output that drains into a writer whenever it holds `at` bytes, so a record of any size is
/// written in bounded memory. The first write error is kept; nothing is written after it.
pub struct Spill<'a> {
    buf: &'a mut String,
    out: &'a mut dyn std::io::Write,
    at: usize,
    error: &'a mut Option<std::io::Error>,
}

impl<'a> Spill<'a> {
    pub fn new(
        buf: &'a mut String,
        out: &'a mut dyn std::io::Write,
        at: usize,
        error: &'a mut Option<std::io::Error>,
    ) -> Self {
        Spill { buf, out, at, error }
    }
}

impl Spill<'_> {
    fn drain_if_full(&mut self) {
        if self.buf.len() >= self.at {
            self.drain();
        }
    }

    fn drain(&mut self) {
        write_unless_failed(self.out, self.error, self.buf.as_bytes());
        self.buf.clear();
    }
}

/// Writes `bytes` unless an earlier write failed; keeps the first error.
pub fn write_unless_failed(out: &mut dyn std::io::Write, error: &mut Option<std::io::Error>, bytes: &[u8]) {
    if error.is_none()
        && let Err(e) = out.write_all(bytes)
    {
        *error = Some(e);
    }
}

impl Out for Spill<'_> {
    fn push_str(&mut self, s: &str) {
        if s.len() >= self.at {
            // A long run (a large string's text) goes straight out, not through the buffer.
            self.drain();
            write_unless_failed(self.out, self.error, s.as_bytes());
            return;
        }
        self.buf.push_str(s);
        self.drain_if_full();
    }

    fn push(&mut self, c: char) {
        self.buf.push(c);
        self.drain_if_full();
    }
}

impl std::fmt::Write for Spill<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// One JSON Lines record for an input that could not be read, newline included.
pub fn write_input_error_json(out: &mut impl Out, error: &InputError) {
    out.push_str("{\"input\":{\"file\":");
    write_str(out, &error.file);
    out.push_str(",\"line\":");
    match error.position {
        Some((line, _)) => out.push_str(&line.to_string()),
        None => out.push_str("null"),
    }
    out.push_str("},\"error\":{\"message\":");
    write_str(out, &error.message);
    out.push_str(",\"column\":");
    match error.position {
        Some((_, column)) => out.push_str(&column.to_string()),
        None => out.push_str("null"),
    }
    out.push_str("}}\n");
}

/// A short account of what the Lambda does: `success · trade · paper`, `404 No handler…`.
pub fn outcome(p: &LambdaPrediction) -> String {
    if let Some(e) = &p.exception {
        return format!("raises {}", e.class);
    }
    match &p.response {
        Some(Response::Command { status, mode, trading_mode, .. }) => {
            if *status == "failed" && p.validation.is_some() {
                let n = p.validation_error_count();
                format!("failed: {n} validation error{}", if n == 1 { "" } else { "s" })
            } else if *status == "skipped" {
                "skipped (circuit breaker)".to_string()
            } else {
                // A live trading run reads LIVE even without colour.
                let trading_mode = if *trading_mode == "live" { "LIVE" } else { trading_mode };
                format!("{status} · {mode} · {trading_mode}")
            }
        }
        Some(Response::Handler { status_code, body }) => format!("{status_code} {body}"),
        None => "-".to_string(),
    }
}

fn handler_or_trade(p: &LambdaPrediction) -> String {
    if let Some(h) = p.handler {
        return h.as_str().to_string();
    }
    match &p.main_args {
        Some(args) => format!("main({})", args.join(" ")),
        None => "-".to_string(),
    }
}

/// The table style every command uses; laid out for `COLUMNS` when set (as `ls` and `git` do),
/// else for the terminal.
pub fn new_table(style: Style) -> Table {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<u16>().ok()).filter(|c| *c > 0) {
        table.set_width(columns);
    }
    if style.color {
        // comfy-table drops styling off a terminal; `--color always` asks for it anyway.
        table.enforce_styling();
    }
    table
}

fn warning_cell(text: String, style: Style) -> Cell {
    if text.contains("live_trade") {
        return live_cell(text, style);
    }
    let cell = Cell::new(text);
    if style.color { cell.fg(Color::Yellow) } else { cell }
}

/// Whether the prediction is a trading run against the live account.
fn trades_live(p: &LambdaPrediction) -> bool {
    p.starts_trade() && matches!(&p.response, Some(Response::Command { trading_mode: "live", .. }))
}

/// A cell about a LIVE trade: bold red when colour is on.
fn live_cell(text: String, style: Style) -> Cell {
    let cell = Cell::new(text);
    if style.color { cell.fg(Color::Red).add_attribute(comfy_table::Attribute::Bold) } else { cell }
}

fn outcome_cell(p: &LambdaPrediction, style: Style) -> Cell {
    if trades_live(p) { live_cell(outcome(p), style) } else { Cell::new(outcome(p)) }
}

/// `text` with every `LIVE` in bold red when `color` (prompts and line reports, outside tables).
pub fn emphasize_live(text: &str, color: bool) -> String {
    if color { text.replace("LIVE", "\x1b[1;31mLIVE\x1b[0m") } else { text.to_string() }
}

/// Validation errors listed in a table; JSON output has them all.
const ERRORS_LISTED: usize = 20;

/// The full account of one event.
pub fn route_detail_table(record: &RouteRecord, style: Style) -> String {
    let p = &record.lambda;
    let mut table = new_table(style);
    table.set_header(vec!["", "prediction"]);
    table.add_row(vec!["input".to_string(), record.origin.to_string()]);
    table.add_row(vec!["stage".to_string(), record.stage.as_str().to_string()]);
    table.add_row(vec!["bus".to_string(), bus_summary(record.bus.as_ref())]);
    table.add_row(vec!["path".to_string(), p.path.as_str().to_string()]);
    table.add_row(vec![Cell::new("outcome"), outcome_cell(p, style)]);
    let response = match &p.response {
        Some(Response::Command { status, mode, trading_mode, .. }) => {
            let message = p.response_first_line().unwrap_or_default();
            format!("status={status} mode={mode} trading_mode={trading_mode}\nmessage={message}")
        }
        Some(Response::Handler { status_code, body }) => format!("statusCode={status_code} body={body}"),
        None => "none (the Lambda raises)".to_string(),
    };
    table.add_row(vec!["response".to_string(), response]);
    if let Some(e) = &p.exception {
        table.add_row(vec!["exception".to_string(), format!("{}: {}", e.class, first_line(&e.message))]);
    }
    table.add_row(vec!["handler / trade".to_string(), handler_or_trade(p)]);
    let dedup = match &p.dedup_key {
        Some(key) => {
            let mut s = String::new();
            write_value(&mut s, key);
            if p.marks_processed { format!("{s} (checked, then marked processed)") } else { format!("{s} (checked)") }
        }
        None => "none checked".to_string(),
    };
    table.add_row(vec!["dedup key".to_string(), dedup]);
    if let Some(validation) = &p.validation {
        let mut lines: Vec<String> = Vec::new();
        validation.for_each(|e| {
            if lines.len() < ERRORS_LISTED {
                let at = render_loc(e.loc);
                let at = if at.is_empty() { "(model)".to_string() } else { at };
                lines.push(format!("{at}: {} [{}]", e.message, e.code));
            }
        });
        if validation.count() > ERRORS_LISTED {
            lines.push(format!("… and {} more (all of them with -o json)", validation.count() - ERRORS_LISTED));
        }
        table.add_row(vec![format!("{} errors", validation.model.name), lines.join("\n")]);
    }
    if !record.warnings().is_empty() {
        let lines: Vec<String> =
            record.warnings().iter().map(|w| format!("{}: {}", w.code.as_str(), w.message)).collect();
        table.add_row(vec![Cell::new("warnings"), warning_cell(lines.join("\n"), style)]);
    }
    fitted(&mut table)
}

/// What the tables show of one routed event, taken while the event is at hand (a record may
/// borrow from its event, which is gone by the time a table is drawn).
#[derive(Debug, Clone)]
pub struct TableRow {
    input: String,
    bus: String,
    path: &'static str,
    outcome: String,
    handler: String,
    warnings: Vec<&'static str>,
    live: bool,
    /// A failed validation: the overview counts these together, whatever their error count.
    failed_validation: bool,
}

impl TableRow {
    pub fn of(record: &RouteRecord<'_>) -> Self {
        let p = &record.lambda;
        TableRow {
            input: record.origin.to_string(),
            bus: bus_summary(record.bus.as_ref()),
            path: p.path.as_str(),
            outcome: outcome(p),
            handler: handler_or_trade(p),
            warnings: record.warnings().iter().map(|w| w.code.as_str()).collect(),
            live: trades_live(p),
            failed_validation: p.response.is_some() && p.validation.is_some(),
        }
    }
}

/// One row per event.
pub fn route_summary_table(rows: &[TableRow], style: Style) -> String {
    let mut table = new_table(style);
    let header = ["input", "bus", "path", "outcome", "handler / trade", "warnings"];
    let texts: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            vec![
                row.input.clone(),
                row.bus.clone(),
                row.path.to_string(),
                row.outcome.clone(),
                row.handler.clone(),
                row.warnings.join(", "),
            ]
        })
        .collect();
    let limits = table.width().map(|width| word_limits(&header, &texts, width.into()));
    table.set_header(header.to_vec());
    for (row, text) in rows.iter().zip(texts) {
        let mut cells = text.into_iter().enumerate().map(|(i, text)| match &limits {
            Some(limits) => shorten(&text, limits[i]),
            None => text,
        });
        let mut next = || cells.next().unwrap_or_default();
        let (input, bus, path, outcome, handler, warnings) = (next(), next(), next(), next(), next(), next());
        let outcome = if row.live { live_cell(outcome, style) } else { Cell::new(outcome) };
        table.add_row(vec![
            Cell::new(input),
            Cell::new(bus),
            Cell::new(path),
            outcome,
            Cell::new(handler),
            warning_cell(warnings, style),
        ]);
    }
    fitted(&mut table)
}

/// Many events in a table: how many take each outcome and carry each warning, with the first
/// of each, in memory that does not grow with the events.
#[derive(Debug, Default)]
pub struct Overview {
    /// (path, outcome) → count, first input, whether it is a LIVE trade; in order of appearance.
    outcomes: Vec<((&'static str, String), usize, String, bool)>,
    warnings: Vec<(&'static str, usize, String)>,
}

/// Distinct outcomes listed one by one; the rest share a row.
const OUTCOMES_AT_MOST: usize = 40;

impl Overview {
    pub fn add(&mut self, row: &TableRow) {
        // Validation failures differ only by their count of errors: one row for them all.
        let text = if row.failed_validation { "failed: validation errors".to_string() } else { row.outcome.clone() };
        let mut key = (row.path, text);
        let found = self.outcomes.iter().position(|(k, ..)| *k == key);
        let found = match found {
            None if self.outcomes.len() >= OUTCOMES_AT_MOST => {
                key = ("", "(other outcomes)".to_string());
                self.outcomes.iter().position(|(k, ..)| *k == key)
            }
            found => found,
        };
        match found {
            Some(i) => self.outcomes[i].1 += 1,
            None => self.outcomes.push((key, 1, row.input.clone(), row.live)),
        }
        for &code in &row.warnings {
            match self.warnings.iter_mut().find(|(c, ..)| *c == code) {
                Some(entry) => entry.1 += 1,
                None => self.warnings.push((code, 1, row.input.clone())),
            }
        }
    }

    /// Outcomes by count (most first), then warnings by count.
    pub fn tables(&self, style: Style) -> String {
        let mut outcomes: Vec<_> = self.outcomes.iter().collect();
        outcomes.sort_by_key(|(_, count, ..)| std::cmp::Reverse(*count));
        let mut table = new_table(style);
        table.set_header(vec!["path", "outcome", "events", "first"]);
        for ((path, text), count, first, live) in outcomes {
            let outcome = if *live { live_cell(text.clone(), style) } else { Cell::new(text) };
            table.add_row(vec![Cell::new(path), outcome, Cell::new(count), Cell::new(first)]);
        }
        let mut out = fitted(&mut table);
        if !self.warnings.is_empty() {
            let mut warnings: Vec<_> = self.warnings.iter().collect();
            warnings.sort_by_key(|(_, count, _)| std::cmp::Reverse(*count));
            let mut table = new_table(style);
            table.set_header(vec!["warning", "events", "first"]);
            for (code, count, first) in warnings {
                table.add_row(vec![warning_cell(code.to_string(), style), Cell::new(count), Cell::new(first)]);
            }
            out.push_str(&fitted(&mut table));
        }
        out
    }
}

/// For each column, the longest a word may be so that the table fits `width` columns without a
/// word broken in two: every column gets its longest word, unless together they would not fit;
/// then the widest give way first, down to 8 characters.
pub fn word_limits(header: &[&str], rows: &[Vec<String>], width: usize) -> Vec<usize> {
    let longest_word = |text: &str| text.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
    let mut limits: Vec<usize> = header.iter().map(|h| longest_word(h)).collect();
    for row in rows {
        for (limit, text) in limits.iter_mut().zip(row) {
            *limit = (*limit).max(longest_word(text));
        }
    }
    // Each column costs its border and a space of padding on each side.
    let budget = width.saturating_sub(3 * limits.len() + 1);
    while limits.iter().sum::<usize>() > budget {
        let Some(widest) = limits.iter_mut().filter(|l| **l > 8).max_by_key(|l| **l) else { break };
        *widest -= 1;
    }
    limits
}

/// Every word of `text` longer than `max` characters cut to `max` with `…`: a path keeps its end
/// (the file name), anything else its start.
pub fn shorten(text: &str, max: usize) -> String {
    let cut = |word: &str| -> String {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() <= max || max < 2 {
            return word.to_string();
        }
        if word.contains('/') {
            std::iter::once('…').chain(chars[chars.len() - (max - 1)..].iter().copied()).collect()
        } else {
            chars[..max - 1].iter().copied().chain(std::iter::once('…')).collect()
        }
    };
    text.lines().map(|line| line.split(' ').map(cut).collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n")
}

/// The table as text, laid out so that no word is broken in the middle: each column is at least
/// as wide as its longest word (the table grows past the screen before it splits one).
pub fn fitted(table: &mut Table) -> String {
    let count = table.column_count();
    let mut widest = vec![0u16; count];
    let header: Vec<String> =
        table.header().map(|row| row.cell_iter().map(Cell::content).collect()).unwrap_or_default();
    for (i, widest) in widest.iter_mut().enumerate() {
        let texts = header.get(i).cloned().into_iter().chain(table.column_cells_iter(i).flatten().map(Cell::content));
        for text in texts {
            let longest = text.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
            *widest = (*widest).max(u16::try_from(longest).unwrap_or(u16::MAX));
        }
    }
    for (column, widest) in table.column_iter_mut().zip(widest) {
        column.set_constraint(comfy_table::ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(
            widest.saturating_add(2),
        )));
    }
    format!("{table}\n")
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}
