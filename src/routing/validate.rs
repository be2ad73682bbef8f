//! Strict pydantic validation of JSON-born Python values, reduced to what 2.27.0's models use.
//!
//! Models are described as data ([`Model`], [`Field`], [`Ty`]) and checked by one interpreter,
//! so error codes, messages, locations and order follow pydantic-core in one place:
//! fields in declaration order, then (for `extra="forbid"`) unknown keys in input order.

use std::borrow::Cow;

use regex::Regex;
use std::sync::LazyLock;

use crate::json::{Object, Out, PyStr, Value, pyrepr, write};

/// One element of an error location: a model field, a dict key, or a list index.
#[derive(Debug, Clone, PartialEq)]
pub enum Loc {
    /// A field name (or pydantic's `[key]` marker): static, so errors cost no copies.
    Field(&'static str),
    Key(PyStr),
    Index(usize),
}

impl Loc {
    fn key(name: &'static str) -> Loc {
        Loc::Field(name)
    }

    /// The location element as text.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Loc::Field(name) => (*name).into(),
            Loc::Key(key) => key.as_str().into(),
            Loc::Index(i) => i.to_string().into(),
        }
    }
}

/// What an error shows as `input_value`: the value at its location, the dict a `missing`
/// field was looked up in, or a dict key pydantic could not read as text.
#[derive(Debug, Clone, Copy)]
pub enum ErrorInput<'a> {
    Value(&'a Value),
    Dict(&'a Object),
    Key(&'a PyStr),
}

impl ErrorInput<'_> {
    pub fn python_type(self) -> &'static str {
        match self {
            ErrorInput::Value(v) => v.python_type(),
            ErrorInput::Dict(_) => "dict",
            ErrorInput::Key(_) => "str",
        }
    }

    /// The input as compact JSON.
    pub fn write_json(self, out: &mut impl Out) {
        match self {
            ErrorInput::Value(v) => write::write_value(out, v),
            ErrorInput::Dict(o) => write::write_object(out, o),
            ErrorInput::Key(k) => write::write_pystr(out, k),
        }
    }

    fn repr_into(self, out: &mut impl Out) {
        match self {
            ErrorInput::Value(v) => pyrepr::repr_into(out, v),
            ErrorInput::Dict(o) => pyrepr::repr_object_into(out, o),
            ErrorInput::Key(k) => pyrepr::repr_pystr_into(out, k),
        }
    }
}

/// One pydantic error line (`ValidationError.errors()` entry), handed to a sink as it is found.
#[derive(Debug, Clone)]
pub struct FieldError<'l, 'v> {
    pub loc: &'l [Loc],
    /// pydantic's error type, e.g. `extra_forbidden`.
    pub code: &'static str,
    pub message: &'l Cow<'static, str>,
    pub input: ErrorInput<'v>,
}

/// Where a validation run of an input living for `'v` puts its errors: each is counted and
/// handed on, never stored, so a payload with millions of errors costs no memory.
struct Errors<'s, 'v> {
    count: usize,
    sink: &'s mut dyn FnMut(&FieldError<'_, 'v>),
}

impl<'v> Errors<'_, 'v> {
    fn push(&mut self, loc: &[Loc], code: &'static str, message: impl Into<Cow<'static, str>>, input: ErrorInput<'v>) {
        self.count += 1;
        (self.sink)(&FieldError { loc, code, message: &message.into(), input });
    }
}

/// An error of a small validation, kept from its first run so that writing it (twice: the
/// message and the list) does not run the validation again.
#[derive(Debug, Clone)]
struct Kept<'e> {
    loc: Box<[Loc]>,
    code: &'static str,
    message: Cow<'static, str>,
    input: ErrorInput<'e>,
}

/// Validations with at most this many errors keep them (a few kilobytes at most).
const KEPT_AT_MOST: usize = 64;

/// A model's validation that failed: the model and its input. The errors are found again each
/// time they are read ([`Validation::for_each`]), except for a few kept from the first run when
/// the input is borrowed from the event; pydantic's text is written from them.
#[derive(Debug, Clone)]
pub struct Validation<'e> {
    pub model: &'static Model,
    input: Cow<'e, Value>,
    /// Keys whose value the handler replaced by a `datetime` before validation.
    datetimes: &'static [&'static str],
    /// A model-level rule that failed after every field validated, with its message.
    rule: Option<&'static str>,
    count: usize,
    /// The errors, when there are few and the input is borrowed (they point into it).
    kept: Option<Vec<Kept<'e>>>,
}

impl<'e> Validation<'e> {
    /// Validates `input` (with the `datetimes` keys already converted); `None` when it is valid.
    pub fn check(model: &'static Model, input: Cow<'e, Value>, datetimes: &'static [&'static str]) -> Option<Self> {
        let (count, kept) = match &input {
            Cow::Borrowed(value) => {
                let mut kept = Vec::new();
                let count = run(model, value, datetimes, &mut |e| {
                    if kept.len() < KEPT_AT_MOST {
                        kept.push(Kept { loc: e.loc.into(), code: e.code, message: e.message.clone(), input: e.input });
                    }
                });
                (count, Some(kept).filter(|_| count <= KEPT_AT_MOST))
            }
            Cow::Owned(value) => (run(model, value, datetimes, &mut |_| {}), None),
        };
        (count > 0).then_some(Validation { model, input, datetimes, rule: None, count, kept })
    }

    /// A dict whose fields validated but whose model-level rule (`@model_validator`) raised
    /// `ValueError` with `message`.
    pub fn rule_failed(model: &'static Model, input: Cow<'e, Value>, message: &'static str) -> Self {
        Validation { model, input, datetimes: &[], rule: Some(message), count: 1, kept: None }
    }

    /// The first line of pydantic's text: `2 validation errors for LambdaEvent`.
    pub fn headline(&self) -> String {
        let n = self.count;
        format!("{n} validation error{} for {}", plural(n), self.model.name)
    }

    /// How many errors pydantic reports.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Hands each error to `f`, in pydantic's order.
    pub fn for_each(&self, mut f: impl FnMut(&FieldError<'_, '_>)) {
        if let Some(kept) = &self.kept {
            for e in kept {
                f(&FieldError { loc: &e.loc, code: e.code, message: &e.message, input: e.input });
            }
            return;
        }
        match (self.rule, &*self.input) {
            (Some(message), Value::Object(object)) => f(&FieldError {
                loc: &[],
                code: "value_error",
                message: &Cow::Borrowed(message),
                input: ErrorInput::Dict(object),
            }),
            _ => {
                run(self.model, &self.input, self.datetimes, &mut f);
            }
        }
    }

    /// The same validation, owning its input (a copy when it was borrowed).
    pub fn into_owned(self) -> Validation<'static> {
        Validation { input: Cow::Owned(self.input.into_owned()), kept: None, ..self }
    }

    /// `str(ValidationError)` as pydantic 2.12 prints it (close, not byte-exact: see
    /// docs/manual.md), written error by error.
    pub fn write_text(&self, out: &mut impl Out) {
        out.push_str(&self.headline());
        self.for_each(|error| {
            if !error.loc.is_empty() {
                out.push('\n');
                for (i, l) in error.loc.iter().enumerate() {
                    if i > 0 {
                        out.push('.');
                    }
                    out.push_str(&l.text());
                }
            }
            out.push_str("\n  ");
            out.push_str(error.message);
            out.push_str(" [type=");
            out.push_str(error.code);
            out.push_str(", input_value=");
            push_truncated_repr(out, error.input);
            out.push_str(", input_type=");
            out.push_str(error.input.python_type());
            out.push_str("]\n    For further information visit https://errors.pydantic.dev/2.12/v/");
            out.push_str(error.code);
        });
    }
}

/// Equal when the same model checks the same input the same way (so the errors are equal).
impl PartialEq for Validation<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.model, other.model)
            && self.input == other.input
            && self.datetimes == other.datetimes
            && self.rule == other.rule
    }
}

/// Validates a model input (a dict or anything else), handing each error to `sink`; returns
/// how many there were.
fn run<'v>(
    model: &Model,
    input: &'v Value,
    datetimes: &'static [&'static str],
    sink: &mut dyn FnMut(&FieldError<'_, 'v>),
) -> usize {
    let mut errors = Errors { count: 0, sink };
    match input {
        Value::Object(object) => {
            validate_fields(model, &ModelInput { object, datetimes }, &mut Vec::new(), &mut errors)
        }
        other => model_type_error(model, &[], other, &mut errors),
    }
    errors.count
}

/// What pydantic does with keys no field claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extra {
    Ignore,
    Forbid,
}

/// A pydantic model as data.
#[derive(Debug)]
pub struct Model {
    pub name: &'static str,
    pub fields: &'static [Field],
    pub extra: Extra,
}

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    /// `T | None`: a JSON null is accepted as "absent".
    pub nullable: bool,
}

impl Field {
    pub const fn required(name: &'static str, ty: Ty) -> Field {
        Field { name, ty, required: true, nullable: false }
    }
    pub const fn defaulted(name: &'static str, ty: Ty) -> Field {
        Field { name, ty, required: false, nullable: false }
    }
    pub const fn optional(name: &'static str, ty: Ty) -> Field {
        Field { name, ty, required: false, nullable: true }
    }
}

/// A field-level check that runs after the type check (`@field_validator`, mode "after").
#[derive(Debug, Clone, Copy)]
pub enum After {
    /// Python's `v.strip().upper()` must be one of the values (facts §12); the label names
    /// the field in the ValueError text. Upstream holds the values in a `set`, whose order in
    /// the message changes from process to process: this renders them in declared order.
    UpperOneOf(&'static [&'static str], &'static str),
}

/// The field types 2.27.0's models use, all in strict mode with `str_strip_whitespace`.
#[derive(Debug)]
pub enum Ty {
    /// `str` with optional `min_length`/`max_length` (after stripping) and a `pattern`.
    Str {
        min_len: Option<usize>,
        max_len: Option<usize>,
        pattern: Option<&'static TextPattern>,
        after: Option<After>,
    },
    /// `Literal[...]` of strings: not stripped, case-sensitive.
    Literal(&'static [&'static str]),
    /// `int` with optional `ge`/`le`.
    Int {
        ge: Option<i64>,
        le: Option<i64>,
    },
    Bool,
    /// `dict[str, Any]`.
    Dict,
    /// `dict[str, Decimal]`.
    DictOfDecimal,
    /// `list[str]`.
    ListOfStr,
    /// `list[Model]` with an optional `min_length`.
    ListOf {
        model: &'static Model,
        min_len: Option<usize>,
    },
    Model(&'static Model),
    /// `datetime`: only a `datetime` instance passes strict mode (see [`Input::DateTime`]).
    DateTime,
    /// `Decimal`: strict mode accepts only `Decimal` instances, which JSON never produces.
    Decimal,
}

/// A compiled `pattern=` constraint; pydantic-core uses the same Rust `regex` crate.
#[derive(Debug)]
pub struct TextPattern {
    pub source: &'static str,
    pub regex: LazyLock<Regex>,
}

/// A value reaching a model: JSON data, or a `datetime` the handler already converted.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    Json(&'a Value),
    DateTime,
}

/// The dict a model validates, with the handler's `timestamp` conversion applied on top.
struct ModelInput<'v> {
    object: &'v Object,
    /// Keys whose value the handler replaced by a `datetime` before validation.
    datetimes: &'static [&'static str],
}

fn model_type_error<'v>(model: &Model, loc: &[Loc], input: &'v Value, errors: &mut Errors<'_, 'v>) {
    let message = format!("Input should be a valid dictionary or instance of {}", model.name);
    errors.push(loc, "model_type", message, ErrorInput::Value(input));
}

fn validate_fields<'v>(model: &Model, input: &ModelInput<'v>, loc: &mut Vec<Loc>, errors: &mut Errors<'_, 'v>) {
    if model.extra == Extra::Forbid
        && let Some((key, _)) = input.object.iter().find(|(k, _)| k.has_lone_surrogate())
    {
        // pydantic-core fails the whole model on the first key it cannot read as text.
        push_unicode(errors, loc, ErrorInput::Key(key));
        return;
    }
    for field in model.fields {
        loc.push(Loc::key(field.name));
        if input.datetimes.contains(&field.name) {
            check(&field.ty, field.nullable, Input::DateTime, loc, errors);
        } else {
            match input.object.get(field.name) {
                Some(value) => check(&field.ty, field.nullable, Input::Json(value), loc, errors),
                None if field.required => errors.push(loc, "missing", "Field required", ErrorInput::Dict(input.object)),
                None => {}
            }
        }
        loc.pop();
    }
    if model.extra == Extra::Forbid {
        for (key, value) in input.object.iter() {
            if model.fields.iter().any(|f| key.is(f.name)) {
                continue;
            }
            loc.push(Loc::Key(key.clone()));
            errors.push(loc, "extra_forbidden", "Extra inputs are not permitted", ErrorInput::Value(value));
            loc.pop();
        }
    }
}

fn push<'v>(
    errors: &mut Errors<'_, 'v>,
    loc: &[Loc],
    code: &'static str,
    message: impl Into<Cow<'static, str>>,
    input: &'v Value,
) {
    errors.push(loc, code, message, ErrorInput::Value(input));
}

/// Checks one value against a field type; `nullable` admits JSON null.
fn check<'v>(ty: &Ty, nullable: bool, input: Input<'v>, loc: &mut Vec<Loc>, errors: &mut Errors<'_, 'v>) {
    let value = match input {
        Input::DateTime => {
            // Only `timestamp` is ever converted, and every model types it as a datetime.
            debug_assert!(matches!(ty, Ty::DateTime));
            return;
        }
        Input::Json(Value::Null) if nullable => return,
        Input::Json(value) => value,
    };
    match ty {
        Ty::Str { min_len, max_len, pattern, after } => {
            if let Some(text) = check_str(value, loc, errors) {
                check_str_constraints(text, value, *min_len, *max_len, *pattern, *after, loc, errors);
            }
        }
        Ty::Literal(allowed) => match value {
            Value::Str(s) if s.has_lone_surrogate() => push_unicode(errors, loc, ErrorInput::Value(value)),
            Value::Str(s) if allowed.iter().any(|a| s.is(a)) => {}
            _ => push(errors, loc, "literal_error", format!("Input should be {}", literal_list(allowed)), value),
        },
        Ty::Int { ge, le } => match value {
            Value::Int(i) => {
                if let Some(bound) = ge
                    && !i.ge(*bound)
                {
                    push(
                        errors,
                        loc,
                        "greater_than_equal",
                        format!("Input should be greater than or equal to {bound}"),
                        value,
                    );
                }
                if let Some(bound) = le
                    && !i.le(*bound)
                {
                    push(
                        errors,
                        loc,
                        "less_than_equal",
                        format!("Input should be less than or equal to {bound}"),
                        value,
                    );
                }
            }
            _ => push(errors, loc, "int_type", "Input should be a valid integer", value),
        },
        Ty::Bool => {
            if !matches!(value, Value::Bool(_)) {
                push(errors, loc, "bool_type", "Input should be a valid boolean", value);
            }
        }
        Ty::Dict => {
            if let Some(object) = check_dict(value, loc, errors) {
                check_dict_keys(object, loc, errors);
            }
        }
        Ty::DictOfDecimal => {
            if let Some(object) = check_dict(value, loc, errors) {
                for (key, item) in object.iter() {
                    loc.push(shown_key(key));
                    if key.has_lone_surrogate() {
                        loc.push(Loc::key("[key]"));
                        push_unicode(errors, loc, ErrorInput::Key(key));
                        loc.pop();
                    }
                    check(&Ty::Decimal, false, Input::Json(item), loc, errors);
                    loc.pop();
                }
            }
        }
        Ty::ListOfStr => match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    loc.push(Loc::Index(i));
                    check_str(item, loc, errors);
                    loc.pop();
                }
            }
            _ => push(errors, loc, "list_type", "Input should be a valid list", value),
        },
        Ty::ListOf { model, min_len } => match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    loc.push(Loc::Index(i));
                    check(&Ty::Model(model), false, Input::Json(item), loc, errors);
                    loc.pop();
                }
                if let Some(min) = min_len
                    && items.len() < *min
                {
                    push(
                        errors,
                        loc,
                        "too_short",
                        format!(
                            "List should have at least {min} item{} after validation, not {}",
                            plural(*min),
                            items.len()
                        ),
                        value,
                    );
                }
            }
            _ => push(errors, loc, "list_type", "Input should be a valid list", value),
        },
        Ty::Model(model) => match value {
            Value::Object(object) => validate_fields(model, &ModelInput { object, datetimes: &[] }, loc, errors),
            other => model_type_error(model, loc, other, errors),
        },
        Ty::DateTime => push(errors, loc, "datetime_type", "Input should be a valid datetime", value),
        Ty::Decimal => push(errors, loc, "is_instance_of", "Input should be an instance of Decimal", value),
    }
}

fn check_dict<'v>(value: &'v Value, loc: &[Loc], errors: &mut Errors<'_, 'v>) -> Option<&'v Object> {
    match value {
        Value::Object(object) => Some(object),
        _ => {
            push(errors, loc, "dict_type", "Input should be a valid dictionary", value);
            None
        }
    }
}

/// `dict[str, ...]` validates every key as a strict `str`; only a lone surrogate can fail.
fn check_dict_keys<'v>(object: &'v Object, loc: &mut Vec<Loc>, errors: &mut Errors<'_, 'v>) {
    for (key, _) in object.iter().filter(|(k, _)| k.has_lone_surrogate()) {
        loc.push(shown_key(key));
        loc.push(Loc::key("[key]"));
        push_unicode(errors, loc, ErrorInput::Key(key));
        loc.pop();
        loc.pop();
    }
}

/// A dict key as pydantic-core puts it in an error location.
fn shown_key(key: &PyStr) -> Loc {
    if key.has_lone_surrogate() { Loc::Key(PyStr::new(key.lossy_per_byte())) } else { Loc::Key(key.clone()) }
}

fn push_unicode<'v>(errors: &mut Errors<'_, 'v>, loc: &[Loc], input: ErrorInput<'v>) {
    errors.push(
        loc,
        "string_unicode",
        "Input should be a valid string, unable to parse raw data as a unicode string",
        input,
    );
}

/// Strict `str` with whitespace stripping; returns the stripped text when it is a string.
fn check_str<'v>(value: &'v Value, loc: &[Loc], errors: &mut Errors<'_, 'v>) -> Option<&'v str> {
    match value {
        Value::Str(s) if s.has_lone_surrogate() => {
            push_unicode(errors, loc, ErrorInput::Value(value));
            None
        }
        // pydantic-core strips with Rust's `str::trim` (Unicode White_Space), not Python's strip.
        Value::Str(s) => Some(s.as_str().trim()),
        _ => {
            push(errors, loc, "string_type", "Input should be a valid string", value);
            None
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn check_str_constraints<'v>(
    text: &str,
    value: &'v Value,
    min_len: Option<usize>,
    max_len: Option<usize>,
    pattern: Option<&TextPattern>,
    after: Option<After>,
    loc: &[Loc],
    errors: &mut Errors<'_, 'v>,
) {
    let before = errors.count;
    if let Some(min) = min_len
        && text.chars().count() < min
    {
        push(
            errors,
            loc,
            "string_too_short",
            format!("String should have at least {min} character{}", plural(min)),
            value,
        );
    }
    if let Some(max) = max_len
        && text.chars().count() > max
    {
        push(
            errors,
            loc,
            "string_too_long",
            format!("String should have at most {max} character{}", plural(max)),
            value,
        );
    }
    if let Some(p) = pattern
        && errors.count == before
        && !p.regex.is_match(text)
    {
        push(errors, loc, "string_pattern_mismatch", format!("String should match pattern '{}'", p.source), value);
    }
    if let Some(After::UpperOneOf(allowed, label)) = after
        && errors.count == before
    {
        let upper = python_strip(text).to_uppercase();
        if !allowed.contains(&upper.as_str()) {
            let choices: Vec<String> = allowed.iter().map(|a| format!("'{a}'")).collect();
            let message = format!("Value error, {label} must be one of {{{}}}, got {upper}", choices.join(", "));
            push(errors, loc, "value_error", message, value);
        }
    }
}

/// Python's `str.strip()`: Unicode White_Space (what pydantic trims) plus U+001C–U+001F,
/// which Python counts as whitespace and pydantic does not (facts §12).
fn python_strip(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// pydantic's rendering of literal choices: `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`.
fn literal_list(allowed: &[&str]) -> String {
    let quoted: Vec<String> = allowed.iter().map(|a| format!("'{a}'")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// pydantic joins a location with dots: `items.0.symbol`.
pub fn render_loc(loc: &[Loc]) -> String {
    loc.iter().map(|l| l.text()).collect::<Vec<_>>().join(".")
}

/// pydantic keeps the first 25 and last 24 bytes of a long `input_value` repr, on whole
/// characters. The repr is never whole in memory: only its two ends are kept.
fn push_truncated_repr(out: &mut impl Out, input: ErrorInput<'_>) {
    let mut ends = Ends::default();
    input.repr_into(&mut ends);
    let text = &ends.text;
    let head = match &ends.head {
        None if text.len() <= 50 => return out.push_str(text),
        None => text,
        Some(head) => head,
    };
    let mut cut = 25;
    while !head.is_char_boundary(cut) {
        cut -= 1;
    }
    out.push_str(&head[..cut]);
    out.push_str("...");
    let mut tail = text.len() - 24;
    while !text.is_char_boundary(tail) {
        tail += 1;
    }
    out.push_str(&text[tail..]);
}

/// A text written to it, or once it grows long, its first 50 bytes and its last few.
#[derive(Default)]
struct Ends {
    /// The whole text until it grows long; then the latest part of it (at least 64 bytes).
    text: String,
    /// The first 50 bytes (on a character boundary), once the text has grown long.
    head: Option<String>,
}

impl Out for Ends {
    fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
        if self.text.len() > 4096 {
            let head = self.head.get_or_insert_with(|| {
                let mut end = 50;
                while !self.text.is_char_boundary(end) {
                    end -= 1;
                }
                self.text[..end].to_string()
            });
            debug_assert!(head.len() <= 50);
            let mut cut = self.text.len() - 64;
            while !self.text.is_char_boundary(cut) {
                cut -= 1;
            }
            self.text.drain(..cut);
        }
    }

    fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }
}

impl std::fmt::Write for Ends {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_lists_read_like_pydantic() {
        assert_eq!(literal_list(&["1.0"]), "'1.0'");
        assert_eq!(literal_list(&["trade", "bot"]), "'trade' or 'bot'");
        assert_eq!(literal_list(&["a", "b", "c"]), "'a', 'b' or 'c'");
    }

    /// pydantic's cut, on the whole repr: the reference for the one that keeps only the ends.
    fn cut_whole(repr: &str) -> String {
        if repr.len() <= 50 {
            return repr.to_string();
        }
        let mut head = 25;
        while !repr.is_char_boundary(head) {
            head -= 1;
        }
        let mut tail = repr.len() - 24;
        while !repr.is_char_boundary(tail) {
            tail += 1;
        }
        format!("{}...{}", &repr[..head], &repr[tail..])
    }

    proptest::proptest! {
        #[test]
        fn truncated_repr_is_the_cut_of_the_whole_repr(
            items in proptest::collection::vec("[a-z\u{e9}\u{4e2d}\u{1f600}'\"\\\\]{0,30}", 0..80),
        ) {
            let value = Value::Array(items.iter().map(|s| Value::str(s)).collect());
            let mut out = String::new();
            push_truncated_repr(&mut out, ErrorInput::Value(&value));
            proptest::prop_assert_eq!(out, cut_whole(&pyrepr::repr(&value)));
        }
    }

    #[test]
    fn locations_join_with_dots() {
        assert_eq!(render_loc(&[Loc::key("items"), Loc::Index(0), Loc::key("symbol")]), "items.0.symbol");
    }
}
