//! Validation and compilation of a pattern into `$or`-free branches.

use std::fmt;
use std::ops::Bound;

use super::ip::IpRange;
use super::matcher::{AnythingBut, Matcher, StrSet};
use super::node::{Leaf, Node};
use super::number::{self, Literal, OutsideDomain, Range};
use super::text::{Folded, Wildcard, text};
use super::{MAX_BRANCHES, MAX_NESTING, PatternError};
use crate::json::{Object, PyStr, Value};

/// Operator names event-ruler reserves: they may not be field names inside `$or`.
const RESERVED_IN_OR: [&str; 24] = [
    "exactly",
    "equals-ignore-case",
    "prefix",
    "suffix",
    "anything-but",
    "exists",
    "wildcard",
    "numeric",
    "cidr",
    "=",
    "<",
    "<=",
    ">",
    ">=",
    "regex",
    "not-wildcard",
    "not-equals-ignore-case",
    "date-after",
    "date-on-or-after",
    "date-before",
    "date-on-or-before",
    "in-date-range",
    "ip-address-in-range",
    "ip-address-not-in-range",
];

pub(super) fn compile(pattern: &Value) -> Result<Vec<Node>, PatternError> {
    let Value::Object(object) = pattern else {
        return Err(PatternError::new("Filter is not an object"));
    };
    let mut compiler = Compiler { path: Vec::new(), depth: 0 };
    Ok(compiler.object(object, false)?.into_iter().map(Draft::build).collect())
}

/// A branch under construction: conditions on this path's leaves and on its fields.
#[derive(Debug, Clone, Default)]
struct Draft {
    leaves: Vec<Leaf>,
    fields: Vec<(PyStr, Draft)>,
}

impl Draft {
    fn field(name: &PyStr, draft: Draft) -> Draft {
        Draft { leaves: Vec::new(), fields: vec![(name.clone(), draft)] }
    }

    /// ANDs two branches, joining conditions on the same field so that they meet in one
    /// array element.
    fn merge(mut self, other: Draft) -> Draft {
        self.leaves.extend(other.leaves);
        for (name, draft) in other.fields {
            match self.fields.iter_mut().find(|(existing, _)| *existing == name) {
                Some((_, slot)) => *slot = std::mem::take(slot).merge(draft),
                None => self.fields.push((name, draft)),
            }
        }
        self
    }

    fn build(self) -> Node {
        Node::new(self.leaves, self.fields.into_iter().map(|(name, draft)| (name, draft.build())).collect())
    }
}

/// One element of a matcher array.
enum Item {
    Match(Matcher),
    Absent,
}

struct Compiler {
    /// Field names down to where the compiler is, for error messages.
    path: Vec<String>,
    depth: usize,
}

impl Compiler {
    fn fail(&self, reason: impl fmt::Display) -> PatternError {
        if self.path.is_empty() {
            PatternError::new(reason.to_string())
        } else {
            PatternError::new(format!("{reason} (at \"{}\")", self.path.join(".")))
        }
    }

    /// The alternatives (ORed branches) an object stands for.
    fn object(&mut self, object: &Object, in_or: bool) -> Result<Vec<Draft>, PatternError> {
        if object.is_empty() {
            return Err(self.fail("Empty objects are not allowed"));
        }
        if self.depth >= MAX_NESTING {
            return Err(self.fail(format!("Patterns may nest at most {MAX_NESTING} objects deep")));
        }
        self.depth += 1;
        let mut branches = vec![Draft::default()];
        for (name, value) in object.iter() {
            let alternatives = if name.is("$or") { self.or(value)? } else { self.field(name, value, in_or)? };
            branches = self.product(branches, alternatives)?;
        }
        self.depth -= 1;
        Ok(branches)
    }

    fn field(&mut self, name: &PyStr, value: &Value, in_or: bool) -> Result<Vec<Draft>, PatternError> {
        if in_or && RESERVED_IN_OR.iter().any(|reserved| name.is(reserved)) {
            return Err(self.fail(format!("{} is a reserved name which cannot be used inside $or", name.as_str())));
        }
        self.path.push(name.as_str().to_owned());
        let alternatives = match value {
            Value::Object(inner) => self.object(inner, in_or)?,
            Value::Array(items) => {
                self.leaf(items)?.into_iter().map(|leaf| Draft { leaves: vec![leaf], fields: vec![] }).collect()
            }
            _ => return Err(self.fail("Field values must be an object or an array")),
        };
        self.path.pop();
        Ok(alternatives.into_iter().map(|draft| Draft::field(name, draft)).collect())
    }

    fn or(&mut self, value: &Value) -> Result<Vec<Draft>, PatternError> {
        let Value::Array(items) = value else {
            return Err(self.fail("$or must be an array of objects"));
        };
        let mut alternatives = Vec::new();
        for item in items {
            let Value::Object(object) = item else {
                return Err(self.fail("Only JSON objects are allowed in a $or array"));
            };
            alternatives.extend(self.object(object, true)?);
            if alternatives.len() > MAX_BRANCHES {
                return Err(self.too_many_branches());
            }
        }
        if items.len() < 2 {
            return Err(self.fail("A $or array must hold at least 2 objects"));
        }
        Ok(alternatives)
    }

    /// Every combination of one branch from each side.
    fn product(&self, left: Vec<Draft>, right: Vec<Draft>) -> Result<Vec<Draft>, PatternError> {
        if left.len().saturating_mul(right.len()) > MAX_BRANCHES {
            return Err(self.too_many_branches());
        }
        Ok(left.iter().flat_map(|l| right.iter().map(|r| l.clone().merge(r.clone()))).collect())
    }

    fn too_many_branches(&self) -> PatternError {
        self.fail(format!("The $or combinations expand to more than {MAX_BRANCHES} branches"))
    }

    /// A matcher array: its positive matchers and its `exists: false` are separate alternatives,
    /// because only the first kind chooses array elements.
    fn leaf(&self, items: &[Value]) -> Result<Vec<Leaf>, PatternError> {
        if items.is_empty() {
            return Err(self.fail("Empty arrays are not allowed"));
        }
        let mut strings = Vec::new();
        let mut matchers = Vec::new();
        let mut absent = false;
        for item in items {
            match item {
                Value::Str(s) => {
                    let s = text(s);
                    match IpRange::address(&s) {
                        Some(address) => matchers.push(Matcher::Ip(address)),
                        None => strings.push(s.into()),
                    }
                }
                Value::Int(i) => matchers.push(Matcher::Number(Literal::Int(i.clone()))),
                Value::Float(f) if f.is_finite() => matchers.push(Matcher::Number(Literal::Float(*f))),
                Value::Bool(b) => matchers.push(Matcher::Bool(*b)),
                Value::Null => matchers.push(Matcher::Null),
                Value::Object(expression) => match self.expression(expression)? {
                    Item::Match(matcher) => matchers.push(matcher),
                    Item::Absent => absent = true,
                },
                Value::Float(_) | Value::Array(_) => {
                    return Err(self.fail("Match value must be String, number, true, false, or null"));
                }
            }
        }
        if !strings.is_empty() {
            matchers.insert(0, Matcher::Strings(StrSet::new(strings)));
        }
        let mut alternatives = Vec::with_capacity(2);
        if !matchers.is_empty() {
            alternatives.push(Leaf::Present(matchers.into()));
        }
        if absent {
            alternatives.push(Leaf::Absent);
        }
        Ok(alternatives)
    }

    /// A one-key match expression such as `{"prefix": "a"}`.
    fn expression(&self, expression: &Object) -> Result<Item, PatternError> {
        let (name, operand) = self.single(expression, "Match expression name not found")?;
        let matcher = match name.as_str() {
            "prefix" => match self.affix(operand, "prefix")? {
                Affix::Plain(p) => Matcher::Prefix(p),
                Affix::Folded(p) => Matcher::PrefixFolded(p),
            },
            "suffix" => match self.affix(operand, "suffix")? {
                Affix::Plain(p) => Matcher::Suffix(p),
                Affix::Folded(p) => Matcher::SuffixFolded(p),
            },
            "equals-ignore-case" => match operand {
                Value::Str(s) => Matcher::EqualsFolded(Folded::new(&text(s))),
                _ => return Err(self.fail("equals-ignore-case match pattern must be a string")),
            },
            "wildcard" => match operand {
                Value::Str(s) => Matcher::Wildcard(Wildcard::parse(&text(s)).map_err(|e| self.fail(e))?),
                _ => return Err(self.fail("wildcard match pattern must be a string")),
            },
            "numeric" => Matcher::Numeric(self.numeric(operand)?),
            "anything-but" => Matcher::AnythingBut(self.anything_but(operand)?),
            "exists" => match operand {
                Value::Bool(true) => Matcher::Exists,
                Value::Bool(false) => return Ok(Item::Absent),
                _ => return Err(self.fail("exists match pattern must be either true or false")),
            },
            "cidr" => match operand {
                Value::Str(s) => Matcher::Ip(IpRange::cidr(&text(s)).map_err(|e| self.fail(e))?),
                _ => return Err(self.fail("cidr match pattern must be a string")),
            },
            other => return Err(self.fail(format!("Unrecognized match type {other}"))),
        };
        Ok(Item::Match(matcher))
    }

    /// The only entry of a one-key object.
    fn single<'v>(&self, object: &'v Object, when_empty: &str) -> Result<(&'v PyStr, &'v Value), PatternError> {
        let mut entries = object.iter();
        match (entries.next(), entries.next()) {
            (Some(entry), None) => Ok(entry),
            (None, _) => Err(self.fail(when_empty)),
            (Some(_), Some(_)) => Err(self.fail("Only one key allowed in match expression")),
        }
    }

    /// The operand of `prefix` or `suffix`: a string, or `{"equals-ignore-case": string}`.
    fn affix(&self, operand: &Value, operator: &str) -> Result<Affix, PatternError> {
        match operand {
            Value::Str(s) => Ok(Affix::Plain(text(s).into())),
            Value::Object(inner) => {
                let (name, value) = self.single(inner, &format!("{operator} expression name not found"))?;
                if !name.is("equals-ignore-case") {
                    return Err(self.fail(format!("Unsupported {operator} pattern: {}", name.as_str())));
                }
                match value {
                    Value::Str(s) => Ok(Affix::Folded(Folded::new(&text(s)))),
                    _ => Err(self.fail("equals-ignore-case match pattern must be a string")),
                }
            }
            _ => Err(self.fail(format!("{operator} match pattern must be a string"))),
        }
    }

    /// `[op, n]` with op one of `=`, `<`, `<=`, `>`, `>=`, or `[">" | ">=", n, "<" | "<=", m]`.
    fn numeric(&self, operand: &Value) -> Result<Range, PatternError> {
        let Value::Array(items) = operand else {
            return Err(self.fail("Value of numeric must be an array"));
        };
        let operator = |at: usize| match items.get(at) {
            Some(Value::Str(s)) => Ok(text(s)),
            other => Err(other),
        };
        let first =
            operator(0).map_err(|other| self.fail(format!("Invalid member in numeric match: {}", show(other))))?;
        let bound = self.numeric_operand(items.get(1), &first)?;
        let (low, high) = match &*first {
            "=" => (Bound::Included(bound), Bound::Included(bound)),
            "<" => (Bound::Unbounded, Bound::Excluded(bound)),
            "<=" => (Bound::Unbounded, Bound::Included(bound)),
            ">" | ">=" => {
                let low = if first == ">" { Bound::Excluded(bound) } else { Bound::Included(bound) };
                if items.len() == 2 {
                    return Ok(Range::new(low, Bound::Unbounded));
                }
                let second =
                    operator(2).map_err(|other| self.fail(format!("Bad value in numeric range: {}", show(other))))?;
                if second != "<" && second != "<=" {
                    return Err(self.fail(format!("Bad numeric range operator: {second}")));
                }
                let top = self.numeric_operand(items.get(3), &second)?;
                let high = if second == "<" { Bound::Excluded(top) } else { Bound::Included(top) };
                if items.len() > 4 {
                    return Err(self.fail("Too many terms in numeric range expression"));
                }
                if bound >= top {
                    return Err(self.fail("Bottom must be less than top"));
                }
                return Ok(Range::new(low, high));
            }
            other => return Err(self.fail(format!("Unrecognized numeric range operator: {other}"))),
        };
        if items.len() > 2 {
            return Err(self.fail("Too many elements in numeric expression"));
        }
        Ok(Range::new(low, high))
    }

    fn numeric_operand(&self, operand: Option<&Value>, operator: &str) -> Result<i64, PatternError> {
        match operand {
            Some(Value::Int(i)) => number::scaled_int(i).map_err(|e| self.outside(e)),
            Some(Value::Float(f)) => number::scaled_float(*f).map_err(|e| self.outside(e)),
            _ => Err(self.fail(format!("Value of {operator} must be numeric"))),
        }
    }

    fn outside(&self, why: OutsideDomain) -> PatternError {
        self.fail(why.reason())
    }

    fn anything_but(&self, operand: &Value) -> Result<AnythingBut, PatternError> {
        match operand {
            Value::Str(s) => Ok(AnythingBut::Strings(StrSet::new(vec![text(s).into()]))),
            Value::Int(_) | Value::Float(_) => Ok(AnythingBut::Numbers(Box::new([self.excluded_number(operand)?]))),
            Value::Array(items) => self.anything_but_list(items),
            Value::Object(inner) => {
                let (name, value) = self.single(inner, "Anything-But expression name not found")?;
                let name = name.as_str();
                if !["prefix", "suffix", "equals-ignore-case", "wildcard"].contains(&name) {
                    return Err(self.fail(format!("Unsupported anything-but pattern: {name}")));
                }
                let strings = self.anything_but_strings(value, name)?;
                let affixes = || -> Result<Box<[Box<str>]>, PatternError> {
                    if strings.iter().any(|s| s.is_empty()) {
                        return Err(self.fail("Null prefix/suffix not allowed"));
                    }
                    Ok(strings.iter().map(|s| Box::from(s.as_str())).collect())
                };
                Ok(match name {
                    "prefix" => AnythingBut::Prefixes(affixes()?),
                    "suffix" => AnythingBut::Suffixes(affixes()?),
                    "equals-ignore-case" => AnythingBut::Folded(strings.iter().map(|s| Folded::new(s)).collect()),
                    _ => AnythingBut::Wildcards(
                        strings
                            .iter()
                            .map(|s| Wildcard::parse(s).map_err(|e| self.fail(e)))
                            .collect::<Result<_, _>>()?,
                    ),
                })
            }
            _ => Err(self.fail("Value of anything-but must be an array or single string/number value")),
        }
    }

    fn anything_but_list(&self, items: &[Value]) -> Result<AnythingBut, PatternError> {
        const UNSUPPORTED_IN_LIST: &str = "Inside anything-but list, null, boolean, array and object are not supported";
        const MIXED: &str =
            "Inside anything-but list, either all values are number or string, mixed type is not supported";
        if items.is_empty() {
            return Err(self.fail("anything-but list must not be empty"));
        }
        let mut strings = Vec::new();
        let mut numbers = Vec::new();
        for item in items {
            match item {
                Value::Str(s) => strings.push(text(s).into()),
                Value::Int(_) | Value::Float(_) => numbers.push(self.excluded_number(item)?),
                _ => return Err(self.fail(UNSUPPORTED_IN_LIST)),
            }
        }
        match (strings.is_empty(), numbers.is_empty()) {
            (false, true) => Ok(AnythingBut::Strings(StrSet::new(strings))),
            (true, false) => Ok(AnythingBut::Numbers(numbers.into())),
            _ => Err(self.fail(MIXED)),
        }
    }

    /// A number `anything-but` excludes: event-ruler keeps them in numeric matching's form.
    fn excluded_number(&self, value: &Value) -> Result<i64, PatternError> {
        match value {
            Value::Int(i) => number::scaled_int(i).map_err(|e| self.outside(e)),
            Value::Float(f) => number::scaled_float(*f).map_err(|e| self.outside(e)),
            _ => Err(self.fail("anything-but numbers must be numbers")),
        }
    }

    /// The string or non-empty string list under `{"anything-but": {operator: ...}}`.
    fn anything_but_strings(&self, value: &Value, operator: &str) -> Result<Vec<String>, PatternError> {
        let not_string =
            || self.fail(format!("anything-but {operator} match pattern must be a string or a list of strings"));
        match value {
            Value::Str(s) => Ok(vec![text(s).into_owned()]),
            Value::Array(items) if items.is_empty() => Err(self.fail("anything-but list must not be empty")),
            Value::Array(items) => {
                items.iter().map(|item| item.as_pystr().map(|s| text(s).into_owned()).ok_or_else(not_string)).collect()
            }
            _ => Err(not_string()),
        }
    }
}

/// A `prefix` or `suffix` operand.
enum Affix {
    Plain(Box<str>),
    Folded(Folded),
}

/// A short rendering of a pattern element for error messages.
fn show(value: Option<&Value>) -> String {
    match value {
        None => "end of array".into(),
        Some(Value::Null) => "null".into(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Int(i)) => i.to_decimal(),
        Some(Value::Float(f)) => f.to_string(),
        Some(Value::Str(s)) => format!("\"{}\"", text(s)),
        Some(Value::Array(_)) => "an array".into(),
        Some(Value::Object(_)) => "an object".into(),
    }
}
