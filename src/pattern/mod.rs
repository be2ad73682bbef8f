//! EventBridge event patterns: compile a pattern once, then match many events.
//!
//! The rules follow the EventBridge user guide (event patterns, content filtering, arrays,
//! null values) and, where the guide is silent, `aws/event-ruler`, the engine behind it.
//!
//! # Rules
//!
//! - A pattern is a non-empty JSON object. A field's value is either a nested non-empty object
//!   or a non-empty array of matchers. Fields are ANDed, the matchers of one array are ORed.
//! - A matcher is a string, number, `true`, `false` or `null` (exact match) or a one-key object:
//!   `prefix`, `suffix` (each also as `{"equals-ignore-case": s}`), `equals-ignore-case`,
//!   `wildcard`, `anything-but`, `numeric`, `exists` or `cidr`.
//! - `$or` (an array of at least two non-empty objects) may appear in any object; inside it the
//!   operator names above may not be used as field names.
//! - Events are matched by their *leaf values*: strings, numbers, booleans and `null`. An array
//!   contributes each of its elements (nested arrays are flattened); an object or an empty array
//!   contributes no leaf value at its own path.
//!
//! # Ambiguities resolved
//!
//! 1. **Missing, null, empty.** A path with no leaf value (field missing, `{}`, `[]`, or an
//!    object) matches only `{"exists": false}`; `anything-but` does not match it. `null` is a
//!    leaf value: `[null]` and `{"exists": true}` match it, `[""]` does not.
//! 2. **Types never mix.** Strings match only strings, numbers only numbers: `"3"` never matches
//!    `3`. The `anything-but` forms exclude only values of their own type, so
//!    `{"anything-but": "x"}` matches `5`, `true` and `null` (event-ruler does the same).
//! 3. **Number literals** compare by exact value: `3.0` matches `3`, integers of any size are
//!    exact, floats are the `f64` Python parsed. (EventBridge compares numbers outside the
//!    numeric-matching domain below by their JSON text, which a parsed value no longer has.)
//! 4. **Numeric matching** (`numeric`, and numbers in `anything-but`) uses event-ruler's domain:
//!    numbers within ±5.0e11 with at most six decimal places (a float's shortest round-trip
//!    decimal form, as Python's `json.dumps` writes it). Inside that domain comparisons are exact
//!    (scaled to integer millionths, no floating-point rounding). A pattern operand outside it is
//!    invalid; an event number outside it (e.g. `0.30000000000000004`, `1e12`) never satisfies
//!    `numeric`. A range needs its lower bound strictly below its upper bound.
//! 5. **equals-ignore-case** (also inside `prefix`, `suffix`, `anything-but`) follows
//!    event-ruler: each pattern character matches its own lower-case or upper-case form (Unicode
//!    full mappings, root locale). So `é` matches `É`, `ß` matches `ß` and `SS` but not `ss`,
//!    and `σ` does not match `ς`. Characters outside the BMP are folded per code point (Java
//!    folds UTF-16 halves and so cannot fold them at all).
//! 6. **wildcard**: `*` matches any run of characters, including none; `\*` is a literal star
//!    and `\\` a literal backslash; `**` and any other backslash escape are invalid.
//! 7. **Arrays of objects are matched consistently**: all conditions that reach into the same
//!    array must be met by one element of it, at every nesting level. `{"exists": false}` under
//!    such an array is checked only in the element the other conditions chose; an array that no
//!    positive condition reaches into must lack the field in every element. (event-ruler checks
//!    absence against the elements chosen *so far* in key order, which makes its answer depend
//!    on field names; this is the order-independent reading.)
//! 8. **cidr**, as event-ruler: IPv4 masks are 0–31 (a `/32` is rejected) and IPv6 masks 0–127;
//!    the address is floored to its network (`10.0.0.5/24` is `10.0.0.0/24`, `.0`–`.255`). Event
//!    values must be strings holding an IPv4 dotted quad (no leading zeros) or an IPv6 address
//!    in hex-and-colon form (any case, `::` compression); IPv6 with a dotted IPv4 tail, zone IDs
//!    and brackets are not addresses. An IPv4-mapped address in hex form (`::ffff:a00:1`) is
//!    the IPv4 address it maps, as Java's `InetAddress` reads it. An exact string that is an IP
//!    address also compares as an address, so `["::1"]` matches `"0:0:0:0:0:0:0:1"`.
//! 9. **anything-but** takes a string, a number, a non-empty list of only strings or only
//!    numbers, or one of `prefix`/`suffix`/`equals-ignore-case`/`wildcard` with a string or a
//!    non-empty list of strings; an empty prefix/suffix is invalid. (event-ruler accepts empty
//!    lists in the nested forms; they are rejected here as the brief for this module asks.)
//! 10. **A path constrained twice in one branch** (e.g. directly and inside `$or`) must satisfy
//!     both; event-ruler lets the later one replace the earlier.
//! 11. **Field names are not split on dots**: `{"a.b": [1]}` does not match `{"a": {"b": 1}}`
//!     (event-ruler joins paths with dots and so conflates them).
//! 12. **Lone surrogates** in strings read as `?`, as Java's UTF-8 encoder writes them; field
//!     names compare exactly.
//! 13. **Limits.** PutRule's pattern size quota (2048 characters by default, 4096 on request)
//!     applies to the submitted text, which a parsed value no longer has, so it is not checked.
//!     As safety caps of this engine, patterns may nest at most [`MAX_NESTING`] objects deep and
//!     expand to at most [`MAX_BRANCHES`] `$or` combinations, and event arrays nested more than
//!     [`MAX_ARRAY_NESTING`] deep count as empty. event-ruler's `exactly` operator is not part of
//!     EventBridge's documented syntax and is rejected.

mod checks;
mod compile;
mod ip;
mod matcher;
mod node;
mod number;
#[cfg(test)]
pub(crate) mod reference;
#[cfg(test)]
mod tests;
mod text;

use std::fmt;

use crate::json::Value;
use checks::Layout;
use node::Node;

/// Deepest object nesting a pattern may have (objects and `$or` items).
pub const MAX_NESTING: usize = 1000;
/// Most `$or` combinations a pattern may expand to.
pub const MAX_BRANCHES: usize = 1024;
/// Deepest array nesting an event value is searched to.
pub const MAX_ARRAY_NESTING: usize = 1000;

/// A compiled event pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The pattern with every `$or` multiplied out (it matches when any branch does), laid
    /// out alone.
    layout: Layout,
}

impl Pattern {
    /// Validates `pattern` as PutRule would and compiles it for matching.
    pub fn compile(pattern: &Value) -> Result<Pattern, PatternError> {
        let branches = compile::compile(pattern)?;
        Ok(Pattern { layout: Layout::new([branches]) })
    }

    /// Whether `event` matches the pattern.
    pub fn matches(&self, event: &Value) -> bool {
        self.layout.matches(event).first().copied().unwrap_or(false)
    }

    fn branches(&self) -> &[Node] {
        self.layout.patterns().first().map_or(&[], |laid| laid.trees.as_slice())
    }
}

/// Many patterns matched together (a bus's rules): each field path is looked up once per
/// event, and conditions that several patterns share are decided once.
#[derive(Debug, Clone)]
pub struct PatternSet {
    layout: Layout,
}

impl PatternSet {
    pub fn new<'p>(patterns: impl IntoIterator<Item = &'p Pattern>) -> Self {
        PatternSet { layout: Layout::new(patterns.into_iter().map(|p| p.branches().to_vec())) }
    }

    /// Whether `event` matches each pattern, in the order they were given.
    pub fn matches(&self, event: &Value) -> Vec<bool> {
        self.layout.matches(event)
    }
}

/// Why a pattern is invalid. Displays like PutRule's `InvalidEventPatternException`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    reason: String,
}

impl PatternError {
    fn new(reason: impl Into<String>) -> Self {
        PatternError { reason: reason.into() }
    }

    /// The reason alone, without the "Event pattern is not valid" preamble.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Event pattern is not valid. Reason: {}", self.reason)
    }
}

impl std::error::Error for PatternError {}
