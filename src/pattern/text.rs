//! String operators: case-insensitive comparison and wildcards.

use std::borrow::Cow;

use memchr::memmem::Finder;

use crate::json::PyStr;

/// The text EventBridge sees: lone surrogates become `?`, as Java's UTF-8 encoder writes them.
pub(super) fn text(s: &PyStr) -> Cow<'_, str> {
    match s.utf16() {
        None => Cow::Borrowed(s.as_str()),
        Some(units) => Cow::Owned(char::decode_utf16(units.iter().copied()).map(|c| c.unwrap_or('?')).collect()),
    }
}

/// An `equals-ignore-case` operand.
///
/// event-ruler lets each pattern character match either its lower-case or its upper-case
/// form, so this keeps both spellings per character. No character has one spelling that is a
/// proper prefix or suffix of the other (a test checks all of Unicode), so at each position at
/// most one spelling can match and a single left-to-right (or right-to-left) pass decides.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Folded {
    /// ASCII letters fold to ASCII, and other bytes never equal ASCII ones, so a byte-wise
    /// ASCII-insensitive comparison is exact.
    Ascii(Box<str>),
    Chars(Box<[(Box<str>, Box<str>)]>),
}

impl Folded {
    pub(super) fn new(pattern: &str) -> Self {
        if pattern.is_ascii() {
            return Folded::Ascii(pattern.into());
        }
        let spellings = pattern
            .chars()
            .map(|c| (c.to_lowercase().collect::<String>().into(), c.to_uppercase().collect::<String>().into()))
            .collect();
        Folded::Chars(spellings)
    }

    pub(super) fn equals(&self, s: &str) -> bool {
        match self {
            Folded::Ascii(p) => s.len() == p.len() && s.as_bytes().eq_ignore_ascii_case(p.as_bytes()),
            Folded::Chars(spellings) => strip_front(spellings, s) == Some(""),
        }
    }

    pub(super) fn is_prefix_of(&self, s: &str) -> bool {
        match self {
            Folded::Ascii(p) => s.as_bytes().get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes())),
            Folded::Chars(spellings) => strip_front(spellings, s).is_some(),
        }
    }

    pub(super) fn is_suffix_of(&self, s: &str) -> bool {
        match self {
            Folded::Ascii(p) => s
                .len()
                .checked_sub(p.len())
                .and_then(|start| s.as_bytes().get(start..))
                .is_some_and(|tail| tail.eq_ignore_ascii_case(p.as_bytes())),
            Folded::Chars(spellings) => strip_back(spellings, s).is_some(),
        }
    }
}

/// What is left of `s` after the folded pattern is matched at its start.
fn strip_front<'a>(spellings: &[(Box<str>, Box<str>)], s: &'a str) -> Option<&'a str> {
    spellings
        .iter()
        .try_fold(s, |rest, (lower, upper)| rest.strip_prefix(&**lower).or_else(|| rest.strip_prefix(&**upper)))
}

/// What is left of `s` after the folded pattern is matched at its end.
fn strip_back<'a>(spellings: &[(Box<str>, Box<str>)], s: &'a str) -> Option<&'a str> {
    spellings
        .iter()
        .rev()
        .try_fold(s, |rest, (lower, upper)| rest.strip_suffix(&**lower).or_else(|| rest.strip_suffix(&**upper)))
}

/// A `wildcard` operand: literal parts with a `*` between each pair.
#[derive(Debug, Clone)]
pub(super) struct Wildcard {
    parts: Box<[Box<str>]>,
    /// A searcher for each part between the first and the last, built once: setting one up
    /// costs more than a search in a short event string.
    middle: Box<[Finder<'static>]>,
}

/// The searchers follow from the parts.
impl PartialEq for Wildcard {
    fn eq(&self, other: &Self) -> bool {
        self.parts == other.parts
    }
}

impl Eq for Wildcard {}

impl std::hash::Hash for Wildcard {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.parts.hash(state);
    }
}

impl Wildcard {
    /// Parses `*`, `\*` and `\\`; the error names the offending character position.
    pub(super) fn parse(pattern: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut part = String::new();
        let mut chars = pattern.chars().enumerate().peekable();
        while let Some((pos, c)) = chars.next() {
            match c {
                '*' if chars.peek().is_some_and(|&(_, next)| next == '*') => {
                    return Err(format!("Consecutive wildcard characters at pos {pos}"));
                }
                '*' => parts.push(std::mem::take(&mut part).into_boxed_str()),
                '\\' => match chars.next() {
                    Some((_, escaped @ ('*' | '\\'))) => part.push(escaped),
                    _ => return Err(format!("Invalid escape character at pos {pos}")),
                },
                _ => part.push(c),
            }
        }
        parts.push(part.into_boxed_str());
        let middle = match parts.len() {
            0..=2 => Box::default(),
            n => parts[1..n - 1].iter().map(|part| Finder::new(part.as_bytes()).into_owned()).collect(),
        };
        Ok(Wildcard { parts: parts.into_boxed_slice(), middle })
    }

    pub(super) fn matches(&self, s: &str) -> bool {
        let (first, rest) = match self.parts.split_first() {
            Some(split) => split,
            None => return false,
        };
        let Some((last, _)) = rest.split_last() else {
            return s == &**first;
        };
        if s.len() < first.len() + last.len() || !s.starts_with(&**first) || !s.ends_with(&**last) {
            return false;
        }
        // Both ends matched and do not overlap (the length check above), so this slice exists.
        let Some(mut inner) = s.as_bytes().get(first.len()..s.len() - last.len()) else {
            return false;
        };
        // With only `*` as a metacharacter, taking each middle part's leftmost occurrence never
        // loses a match.
        for part in &self.middle {
            match part.find(inner).and_then(|at| inner.get(at + part.needle().len()..)) {
                Some(after) => inner = after,
                None => return false,
            }
        }
        true
    }
}
