//! Compiled matchers: the tests one leaf value can pass.

use std::borrow::Cow;

use super::ip::IpRange;
use super::number::{self, Literal, Range};
use super::text::{Folded, Wildcard, text};
use crate::json::Value;

/// One element of a pattern's matcher array, other than `{"exists": false}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Matcher {
    /// `{"exists": true}`: any leaf value.
    Exists,
    /// All exact-match strings of one array, sorted for binary search.
    Strings(StrSet),
    Number(Literal),
    Bool(bool),
    Null,
    /// An exact string that is an IP address, or a `cidr` block.
    Ip(IpRange),
    Prefix(Box<str>),
    Suffix(Box<str>),
    PrefixFolded(Folded),
    SuffixFolded(Folded),
    EqualsFolded(Folded),
    Wildcard(Wildcard),
    Numeric(Range),
    AnythingBut(AnythingBut),
}

/// The value an `anything-but` excludes; every other leaf value matches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum AnythingBut {
    Strings(StrSet),
    /// In millionths, like numeric matching.
    Numbers(Box<[i64]>),
    Prefixes(Box<[Box<str>]>),
    Suffixes(Box<[Box<str>]>),
    Folded(Box<[Folded]>),
    Wildcards(Box<[Wildcard]>),
}

impl Matcher {
    /// Whether the leaf value `value` passes. `value` is never an array or object.
    pub(super) fn matches(&self, value: &Value) -> bool {
        match self {
            Matcher::Exists => true,
            Matcher::Strings(set) => string(value).is_some_and(|s| set.contains(&s)),
            Matcher::Number(literal) => literal.equals(value),
            Matcher::Bool(b) => matches!(value, Value::Bool(v) if v == b),
            Matcher::Null => matches!(value, Value::Null),
            Matcher::Ip(range) => string(value).is_some_and(|s| range.contains(&s)),
            Matcher::Prefix(p) => string(value).is_some_and(|s| s.starts_with(&**p)),
            Matcher::Suffix(p) => string(value).is_some_and(|s| s.ends_with(&**p)),
            Matcher::PrefixFolded(p) => string(value).is_some_and(|s| p.is_prefix_of(&s)),
            Matcher::SuffixFolded(p) => string(value).is_some_and(|s| p.is_suffix_of(&s)),
            Matcher::EqualsFolded(p) => string(value).is_some_and(|s| p.equals(&s)),
            Matcher::Wildcard(w) => string(value).is_some_and(|s| w.matches(&s)),
            Matcher::Numeric(range) => range.contains(value),
            Matcher::AnythingBut(excluded) => !excluded.excludes(value),
        }
    }
}

impl AnythingBut {
    /// Only values of the excluded kind can be excluded: a string list never excludes a number.
    fn excludes(&self, value: &Value) -> bool {
        match self {
            AnythingBut::Strings(set) => string(value).is_some_and(|s| set.contains(&s)),
            AnythingBut::Numbers(set) => number::scaled(value).is_some_and(|x| set.contains(&x)),
            AnythingBut::Prefixes(ps) => string(value).is_some_and(|s| ps.iter().any(|p| s.starts_with(&**p))),
            AnythingBut::Suffixes(ps) => string(value).is_some_and(|s| ps.iter().any(|p| s.ends_with(&**p))),
            AnythingBut::Folded(ps) => string(value).is_some_and(|s| ps.iter().any(|p| p.equals(&s))),
            AnythingBut::Wildcards(ws) => string(value).is_some_and(|s| ws.iter().any(|w| w.matches(&s))),
        }
    }
}

fn string(value: &Value) -> Option<Cow<'_, str>> {
    value.as_pystr().map(text)
}

/// A sorted, deduplicated set of strings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct StrSet(Box<[Box<str>]>);

impl StrSet {
    pub(super) fn new(mut strings: Vec<Box<str>>) -> Self {
        strings.sort_unstable();
        strings.dedup();
        StrSet(strings.into_boxed_slice())
    }

    fn contains(&self, s: &str) -> bool {
        self.0.binary_search_by(|probe| (**probe).cmp(s)).is_ok()
    }
}
