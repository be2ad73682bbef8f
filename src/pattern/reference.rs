//! A direct reading of the rules, to cross-check the compiled matcher in tests.
//!
//! The raw pattern expands into `$or`-free branches of path conditions; the event flattens
//! into leaf occurrences that remember which element of each array they came from (as
//! event-ruler flattens events). A branch matches when its positive conditions can pick
//! occurrences that never disagree on an array element, and no `exists: false` path has an
//! occurrence that agrees with all the picks. Patterns must already have compiled.

use regex::Regex;

use super::ip;
use super::number::{self, Literal};
use super::text::text;
use crate::json::{Object, PyStr, Value};

pub(crate) fn matches(pattern: &Value, event: &Value) -> bool {
    let Value::Object(pattern) = pattern else { panic!("patterns are objects") };
    let mut occurrences = Vec::new();
    flatten(event, &mut Vec::new(), &mut Vec::new(), &mut occurrences);
    expand(pattern, &[]).iter().any(|branch| branch_matches(branch, &occurrences))
}

/// A condition on one path: some leaf passes one of `matchers`, or (`absent`) none exists.
struct Condition<'p> {
    path: Vec<PyStr>,
    matchers: Vec<&'p Value>,
    absent: bool,
}

type Branch<'p> = Vec<Condition<'p>>;

fn expand<'p>(object: &'p Object, path: &[PyStr]) -> Vec<Branch<'p>> {
    let mut branches: Vec<Branch<'p>> = vec![Vec::new()];
    for (name, value) in object.iter() {
        let alternatives: Vec<Branch<'p>> = if name.is("$or") {
            let Value::Array(items) = value else { panic!("$or is an array") };
            items
                .iter()
                .flat_map(|item| match item {
                    Value::Object(o) => expand(o, path),
                    _ => panic!("$or items are objects"),
                })
                .collect()
        } else {
            let mut inner = path.to_vec();
            inner.push(name.clone());
            match value {
                Value::Object(o) => expand(o, &inner),
                Value::Array(items) => {
                    let is_absent =
                        |m: &Value| matches!(m, Value::Object(o) if o.get("exists") == Some(&Value::Bool(false)));
                    let positive: Vec<&Value> = items.iter().filter(|m| !is_absent(m)).collect();
                    let mut alternatives = Vec::new();
                    if !positive.is_empty() {
                        alternatives.push(vec![Condition { path: inner.clone(), matchers: positive, absent: false }]);
                    }
                    if items.iter().any(is_absent) {
                        alternatives.push(vec![Condition { path: inner, matchers: Vec::new(), absent: true }]);
                    }
                    alternatives
                }
                _ => panic!("field values are objects or arrays"),
            }
        };
        branches = branches
            .into_iter()
            .flat_map(|branch| {
                alternatives.iter().map(move |alternative| {
                    let mut combined: Branch<'p> = branch.iter().map(Condition::copy).collect();
                    combined.extend(alternative.iter().map(Condition::copy));
                    combined
                })
            })
            .collect();
    }
    branches
}

impl Condition<'_> {
    fn copy(&self) -> Self {
        Condition { path: self.path.clone(), matchers: self.matchers.clone(), absent: self.absent }
    }
}

/// A leaf value of the event, its path, and the (array identity, index) pairs above it.
struct Occurrence<'e> {
    path: Vec<PyStr>,
    value: &'e Value,
    elements: Vec<(usize, usize)>,
}

fn flatten<'e>(
    value: &'e Value,
    path: &mut Vec<PyStr>,
    elements: &mut Vec<(usize, usize)>,
    out: &mut Vec<Occurrence<'e>>,
) {
    match value {
        Value::Object(o) => {
            for (name, inner) in o.iter() {
                path.push(name.clone());
                flatten(inner, path, elements, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            let identity = std::ptr::from_ref(items) as usize;
            for (index, item) in items.iter().enumerate() {
                elements.push((identity, index));
                flatten(item, path, elements, out);
                elements.pop();
            }
        }
        _ => out.push(Occurrence { path: path.clone(), value, elements: elements.clone() }),
    }
}

fn agree(a: &Occurrence, b: &Occurrence) -> bool {
    a.elements.iter().all(|(array, i)| b.elements.iter().all(|(other, j)| array != other || i == j))
}

fn branch_matches(branch: &Branch, occurrences: &[Occurrence]) -> bool {
    let candidates: Vec<Vec<&Occurrence>> = branch
        .iter()
        .filter(|c| !c.absent)
        .map(|c| {
            occurrences
                .iter()
                .filter(|o| o.path == c.path && c.matchers.iter().any(|m| matcher_matches(m, o.value)))
                .collect()
        })
        .collect();
    let absences: Vec<&Condition> = branch.iter().filter(|c| c.absent).collect();
    pick(&candidates, &mut Vec::new(), &absences, occurrences)
}

fn pick<'e>(
    candidates: &[Vec<&'e Occurrence<'e>>],
    chosen: &mut Vec<&'e Occurrence<'e>>,
    absences: &[&Condition],
    occurrences: &[Occurrence],
) -> bool {
    let Some((options, rest)) = candidates.split_first() else {
        return absences
            .iter()
            .all(|c| !occurrences.iter().any(|o| o.path == c.path && chosen.iter().all(|picked| agree(picked, o))));
    };
    for option in options {
        if chosen.iter().all(|picked| agree(picked, option)) {
            chosen.push(option);
            if pick(rest, chosen, absences, occurrences) {
                return true;
            }
            chosen.pop();
        }
    }
    false
}

fn string(value: &Value) -> Option<String> {
    value.as_pystr().map(|s| text(s).into_owned())
}

fn matcher_matches(matcher: &Value, value: &Value) -> bool {
    match matcher {
        Value::Str(s) => {
            let wanted = text(s);
            match (ip::parse(&wanted), string(value)) {
                (Some(address), Some(actual)) => ip::parse(&actual) == Some(address),
                (None, Some(actual)) => actual == wanted,
                _ => false,
            }
        }
        Value::Int(i) => Literal::Int(i.clone()).equals(value),
        Value::Float(f) => Literal::Float(*f).equals(value),
        Value::Bool(_) | Value::Null => matcher == value,
        Value::Object(expression) => {
            let (name, operand) = expression.iter().next().expect("one-key expression");
            operator_matches(name.as_str(), operand, value)
        }
        Value::Array(_) => panic!("matchers are not arrays"),
    }
}

fn operator_matches(name: &str, operand: &Value, value: &Value) -> bool {
    if name == "exists" {
        return true;
    }
    if name == "numeric" {
        return number::scaled(value).is_some_and(|x| numeric_holds(operand, x));
    }
    if name == "anything-but" {
        return !excluded(operand, value);
    }
    let Some(s) = string(value) else { return false };
    match (name, operand) {
        ("prefix", Value::Str(p)) => s.starts_with(&*text(p)),
        ("suffix", Value::Str(p)) => s.ends_with(&*text(p)),
        ("prefix", Value::Object(o)) => folded_regex(&folded_operand(o), true, false).is_match(&s),
        ("suffix", Value::Object(o)) => folded_regex(&folded_operand(o), false, true).is_match(&s),
        ("equals-ignore-case", Value::Str(p)) => folded_regex(&text(p), true, true).is_match(&s),
        ("wildcard", Value::Str(p)) => wildcard_regex(&text(p)).is_match(&s),
        ("cidr", Value::Str(block)) => in_block(&text(block), &s),
        _ => panic!("validated operator {name}"),
    }
}

fn folded_operand(object: &Object) -> String {
    match object.get("equals-ignore-case") {
        Some(Value::Str(p)) => text(p).into_owned(),
        _ => panic!("validated equals-ignore-case"),
    }
}

/// Each pattern character as an alternation of its lower- and upper-case spellings.
fn folded_regex(pattern: &str, anchor_start: bool, anchor_end: bool) -> Regex {
    let body: String = pattern
        .chars()
        .map(|c| {
            let lower: String = c.to_lowercase().collect();
            let upper: String = c.to_uppercase().collect();
            format!("(?:{}|{})", regex::escape(&lower), regex::escape(&upper))
        })
        .collect();
    let start = if anchor_start { "^" } else { "" };
    let end = if anchor_end { "$" } else { "" };
    cached(format!("{start}{body}{end}"))
}

/// Compiles each regex once per thread: the reference runs thousands of times per test.
fn cached(source: String) -> Regex {
    thread_local! {
        static REGEXES: std::cell::RefCell<std::collections::HashMap<String, Regex>> = Default::default();
    }
    REGEXES.with(|regexes| {
        regexes
            .borrow_mut()
            .entry(source)
            .or_insert_with_key(|source| Regex::new(source).expect("escaped regex"))
            .clone()
    })
}

fn wildcard_regex(pattern: &str) -> Regex {
    let mut body = String::from("(?s)^");
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' => body.push_str(".*"),
            '\\' => body.push_str(&regex::escape(&chars.next().expect("validated escape").to_string())),
            _ => body.push_str(&regex::escape(&c.to_string())),
        }
    }
    body.push('$');
    cached(body)
}

fn numeric_holds(operand: &Value, x: i64) -> bool {
    let Value::Array(items) = operand else { panic!("validated numeric") };
    items.chunks(2).all(|pair| {
        let (Some(Value::Str(op)), Some(bound)) = (pair.first(), pair.get(1)) else { panic!("validated numeric") };
        let bound = number::scaled(bound).expect("validated bound");
        match op.as_str() {
            "=" => x == bound,
            "<" => x < bound,
            "<=" => x <= bound,
            ">" => x > bound,
            ">=" => x >= bound,
            _ => panic!("validated operator"),
        }
    })
}

/// Whether `value` is in the block: the same network bits (the written host bits are ignored).
fn in_block(block: &str, s: &str) -> bool {
    let (address, mask) = block.split_once('/').expect("validated cidr");
    let (family, base) = ip::parse(address).expect("validated address");
    let width = if family == ip::Family::V4 { 32 } else { 128 };
    let host_bits = width - mask.parse::<u32>().expect("validated mask");
    ip::parse(s).is_some_and(|(f, x)| f == family && x >> host_bits == base >> host_bits)
}

fn excluded(operand: &Value, value: &Value) -> bool {
    match operand {
        Value::Str(s) => string(value).is_some_and(|v| v == text(s)),
        Value::Int(_) | Value::Float(_) => {
            matches!(value, Value::Int(_) | Value::Float(_)) && number::scaled(value) == number::scaled(operand)
        }
        Value::Array(items) => items.iter().any(|item| excluded(item, value)),
        Value::Object(o) => {
            let (name, arg) = o.iter().next().expect("one-key expression");
            let operands: Vec<String> = match arg {
                Value::Str(s) => vec![text(s).into_owned()],
                Value::Array(items) => items.iter().filter_map(string).collect(),
                _ => panic!("validated anything-but operand"),
            };
            let Some(s) = string(value) else { return false };
            operands.iter().any(|p| match name.as_str() {
                "prefix" => s.starts_with(p.as_str()),
                "suffix" => s.ends_with(p.as_str()),
                "equals-ignore-case" => folded_regex(p, true, true).is_match(&s),
                "wildcard" => wildcard_regex(p).is_match(&s),
                _ => panic!("validated anything-but operator"),
            })
        }
        _ => panic!("validated anything-but"),
    }
}
