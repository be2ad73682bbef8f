//! JSON values as CPython's `json.loads` builds them.
//!
//! The deployed Lambda sees every event through Python's `json` module, which differs from
//! RFC 8259 parsers in ways that change routing decisions: integers of any size stay exact
//! integers (never floats), `NaN`/`Infinity` are accepted, lone surrogate escapes survive
//! into strings, and duplicate keys keep the first key's position with the last value.
//! [`Value`] models exactly that, so the routing core can ask Python's questions
//! ("is this an `int`?", "is it truthy?") of it.

use std::fmt;

pub mod parse;
pub mod pyrepr;
pub mod write;

pub use parse::{ParseError, parse_python_json};

/// A Python `int` parsed from JSON: exact at any size.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Int {
    Small(i64),
    /// Canonical decimal text (optional `-`, no leading zeros) of a value outside `i64`, behind
    /// one thin pointer so that an `Int` takes 16 bytes and a [`Value`] 24.
    Big(Box<String>),
}

impl Int {
    pub fn is_zero(&self) -> bool {
        matches!(self, Int::Small(0))
    }

    pub fn is_negative(&self) -> bool {
        match self {
            Int::Small(n) => *n < 0,
            Int::Big(s) => s.starts_with('-'),
        }
    }

    /// Python's `str(int)`.
    pub fn to_decimal(&self) -> String {
        match self {
            Int::Small(n) => n.to_string(),
            Int::Big(s) => s.to_string(),
        }
    }

    /// Python's `self >= bound`.
    pub fn ge(&self, bound: i64) -> bool {
        match self {
            Int::Small(n) => *n >= bound,
            Int::Big(s) => !s.starts_with('-'),
        }
    }

    /// Python's `self <= bound`.
    pub fn le(&self, bound: i64) -> bool {
        match self {
            Int::Small(n) => *n <= bound,
            Int::Big(s) => s.starts_with('-'),
        }
    }
}

/// A Python `str`: Unicode text that may hold lone surrogates (from `"\ud800"` escapes).
///
/// Valid text is kept as UTF-8: inline when short (most keys and values, so an event parses
/// without a heap allocation per string), else on the heap. A string with a lone surrogate
/// keeps its exact UTF-16 code units (so equality stays exact) and a lossy UTF-8 rendering for
/// display and prefix tests.
#[derive(Clone)]
pub struct PyStr(Repr);

/// Inline capacity: what fits beside the length and the tag in 24 bytes, the size of the
/// heap form (a pointer and a length). Object entries are a key and a value: 48 bytes.
const INLINE: usize = 22;
const _: () = assert!(std::mem::size_of::<PyStr>() == 24);
const _: () = assert!(std::mem::size_of::<Value>() == 24);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
    Surrogates(Box<Surrogates>),
}

#[derive(Clone)]
struct Surrogates {
    lossy: Box<str>,
    units: Box<[u16]>,
}

impl PyStr {
    pub fn new(text: impl AsRef<str> + Into<Box<str>>) -> Self {
        let short = text.as_ref();
        match u8::try_from(short.len()) {
            Ok(len) if short.len() <= INLINE => {
                let mut bytes = [0; INLINE];
                bytes[..short.len()].copy_from_slice(short.as_bytes());
                PyStr(Repr::Inline { len, bytes })
            }
            _ => PyStr(Repr::Heap(text.into())),
        }
    }

    /// Builds a string from UTF-16 code units that may contain lone surrogates.
    pub fn from_utf16(units: &[u16]) -> Self {
        match String::from_utf16(units) {
            Ok(s) => PyStr::new(s),
            Err(_) => PyStr(Repr::Surrogates(Box::new(Surrogates {
                lossy: String::from_utf16_lossy(units).into(),
                units: units.into(),
            }))),
        }
    }

    /// The text; lone surrogates appear as U+FFFD.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, bytes } => {
                let text = std::str::from_utf8(bytes.get(..usize::from(*len)).unwrap_or_default());
                debug_assert!(text.is_ok(), "inline bytes are always a copied &str");
                text.unwrap_or_default()
            }
            Repr::Heap(text) => text,
            Repr::Surrogates(s) => &s.lossy,
        }
    }

    /// The UTF-8 bytes of valid text, or `None` when the string has a lone surrogate.
    fn valid_bytes(&self) -> Option<&[u8]> {
        match &self.0 {
            Repr::Inline { len, bytes } => bytes.get(..usize::from(*len)),
            Repr::Heap(text) => Some(text.as_bytes()),
            Repr::Surrogates(_) => None,
        }
    }

    /// True when the string holds a lone surrogate, which pydantic cannot read as text.
    pub fn has_lone_surrogate(&self) -> bool {
        matches!(self.0, Repr::Surrogates(_))
    }

    /// The text with each lone surrogate as three U+FFFD: how pydantic-core shows such a
    /// key in an error location (a lossy decode of its 3-byte surrogate encoding).
    pub fn lossy_per_byte(&self) -> String {
        match self.utf16() {
            None => self.as_str().to_string(),
            Some(units) => char::decode_utf16(units.iter().copied())
                .map(|c| c.map_or_else(|_| "\u{FFFD}\u{FFFD}\u{FFFD}".to_string(), String::from))
                .collect(),
        }
    }

    /// Exact UTF-16 code units, when the string has a lone surrogate.
    pub fn utf16(&self) -> Option<&[u16]> {
        match &self.0 {
            Repr::Surrogates(s) => Some(&s.units),
            _ => None,
        }
    }

    /// Python's `self == other` for a valid `str` literal.
    pub fn is(&self, other: &str) -> bool {
        self.valid_bytes() == Some(other.as_bytes())
    }

    /// Python's `self.startswith(prefix)` for an ASCII prefix (U+FFFD never matches ASCII).
    pub fn starts_with_ascii(&self, prefix: &str) -> bool {
        debug_assert!(prefix.is_ascii());
        self.as_str().starts_with(prefix)
    }

    pub fn is_empty(&self) -> bool {
        self.valid_bytes().is_some_and(<[u8]>::is_empty)
    }

    /// Python's `len(self)`: code points, counting each lone surrogate as one.
    pub fn char_len(&self) -> usize {
        match self.utf16() {
            None => self.as_str().chars().count(),
            Some(units) => char::decode_utf16(units.iter().copied()).count(),
        }
    }
}

/// Equal strings always share a form: valid text is inline exactly when it is short, and
/// only text with a lone surrogate has code units.
impl PartialEq for PyStr {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            // The unused bytes are zero, so whole arrays compare (without a call to memcmp).
            (Repr::Inline { len: a, bytes: x }, Repr::Inline { len: b, bytes: y }) => a == b && x == y,
            (Repr::Heap(a), Repr::Heap(b)) => a == b,
            (Repr::Surrogates(a), Repr::Surrogates(b)) => a.units == b.units,
            _ => false,
        }
    }
}

impl Eq for PyStr {}

impl std::hash::Hash for PyStr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self.valid_bytes() {
            Some(bytes) => bytes.hash(state),
            None => self.utf16().hash(state),
        }
    }
}

impl fmt::Debug for PyStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.utf16() {
            None => write!(f, "{:?}", self.as_str()),
            Some(units) => write!(f, "PyStr(utf16: {units:?})"),
        }
    }
}

impl From<&str> for PyStr {
    fn from(s: &str) -> Self {
        PyStr::new(s)
    }
}

/// A JSON object as a Python `dict`: insertion-ordered, keys unique.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Object {
    /// A boxed slice (no spare capacity, 16 bytes): parsed objects never change.
    entries: Box<[(PyStr, Value)]>,
}

impl Object {
    pub fn new() -> Self {
        Object::default()
    }

    /// Builds an object from entries whose keys are already unique.
    pub fn from_unique(entries: Vec<(PyStr, Value)>) -> Self {
        Object { entries: entries.into_boxed_slice() }
    }

    /// Python's `d[key] = value`: a new key goes last, an existing key keeps its place.
    /// Rebuilds the entries: for the few objects built in code, never for parsed ones.
    pub fn insert(&mut self, key: PyStr, value: Value) {
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => {
                let mut entries = std::mem::take(&mut self.entries).into_vec();
                entries.push((key, value));
                self.entries = entries.into_boxed_slice();
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k.is(key)).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&PyStr, &Value)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A value as `json.loads` returns it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(Int),
    /// Includes `NaN` and `±Infinity`, which Python's decoder accepts.
    Float(f64),
    Str(PyStr),
    /// A boxed slice (16 bytes), so that a value takes 24 bytes.
    Array(Box<[Value]>),
    Object(Object),
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(PyStr::new(s))
    }

    /// Python's `bool(value)`.
    pub fn is_truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Int(i) => !i.is_zero(),
            // NaN is truthy in Python.
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Array(a) => !a.is_empty(),
            Value::Object(o) => !o.is_empty(),
        }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_pystr(&self) -> Option<&PyStr> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The name of the Python type `json.loads` produces for this value.
    pub fn python_type(&self) -> &'static str {
        match self {
            Value::Null => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Array(_) => "list",
            Value::Object(_) => "dict",
        }
    }

    /// Whether Python can hash the value (`list` and `dict` cannot be set members).
    pub fn is_hashable(&self) -> bool {
        !matches!(self, Value::Array(_) | Value::Object(_))
    }
}

/// Where text is written: a `String`, or a buffer that drains into a writer as it fills, so a
/// huge record is never whole in memory.
pub trait Out: fmt::Write {
    fn push_str(&mut self, s: &str);
    fn push(&mut self, c: char);
}

impl Out for String {
    #[inline]
    fn push_str(&mut self, s: &str) {
        String::push_str(self, s);
    }

    #[inline]
    fn push(&mut self, c: char) {
        String::push(self, c);
    }
}

/// How a serializer spells containers and leaves; [`serialize`] does the walking.
pub(crate) trait Syntax {
    /// Between two items or entries: `,` (JSON) or `, ` (Python).
    const ITEM_SEPARATOR: &'static str;
    /// Between a key and its value: `:` or `: `.
    const KEY_SEPARATOR: &'static str;
    /// A string (also a dict key).
    fn string(out: &mut impl Out, s: &PyStr);
    /// Anything but a string, list or dict.
    fn scalar(out: &mut impl Out, value: &Value);
}

/// Writes `value` with `S`'s spelling. An explicit stack keeps deep values off the Rust stack.
pub(crate) fn serialize<S: Syntax>(out: &mut impl Out, value: &Value) {
    // Most values written are strings and numbers, which need no stack.
    match value {
        Value::Str(s) => S::string(out, s),
        Value::Array(_) => walk::<S>(out, Item::Value(value)),
        Value::Object(object) => walk::<S>(out, Item::Object(object)),
        scalar => S::scalar(out, scalar),
    }
}

/// Writes a dict with `S`'s spelling.
pub(crate) fn serialize_object<S: Syntax>(out: &mut impl Out, object: &Object) {
    walk::<S>(out, Item::Object(object));
}

enum Item<'a> {
    Value(&'a Value),
    Object(&'a Object),
    Key(&'a PyStr),
    Text(&'static str),
}

fn walk<S: Syntax>(out: &mut impl Out, first: Item<'_>) {
    let mut stack = vec![first];
    while let Some(item) = stack.pop() {
        match item {
            Item::Text(text) => out.push_str(text),
            Item::Key(key) => S::string(out, key),
            Item::Value(Value::Str(s)) => S::string(out, s),
            Item::Value(Value::Array(items)) => {
                out.push('[');
                stack.push(Item::Text("]"));
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push(Item::Value(item));
                    if i > 0 {
                        stack.push(Item::Text(S::ITEM_SEPARATOR));
                    }
                }
            }
            Item::Value(Value::Object(object)) | Item::Object(object) => {
                out.push('{');
                stack.push(Item::Text("}"));
                for (i, (key, value)) in object.entries.iter().enumerate().rev() {
                    stack.push(Item::Value(value));
                    stack.push(Item::Text(S::KEY_SEPARATOR));
                    stack.push(Item::Key(key));
                    if i > 0 {
                        stack.push(Item::Text(S::ITEM_SEPARATOR));
                    }
                }
            }
            Item::Value(scalar) => S::scalar(out, scalar),
        }
    }
}

/// The first `"`, `\\` or control character in `bytes`: where a JSON string ends or needs
/// escaping. Looks at eight bytes at a time; reading and writing JSON both lean on it.
pub(crate) fn find_special(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
        if let Some(k) = first_special(word) {
            return Some(at + k);
        }
        at += 8;
    }
    // The tail, padded with spaces, which need no escape.
    let mut tail = [b' '; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    first_special(u64::from_le_bytes(tail)).map(|k| at + k)
}

/// The index of the first control character, `"` or `\\` among eight little-endian bytes.
/// Each "has a byte below n" test flags its lowest match exactly (a borrow only runs upward
/// from a byte that matched), so the lowest flag of the three is the answer.
fn first_special(word: u64) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |v: u64, n: u64| v.wrapping_sub(ONES * n) & !v & HIGH;
    let flags =
        below(word, 0x20) | below(word ^ (ONES * u64::from(b'"')), 1) | below(word ^ (ONES * u64::from(b'\\')), 1);
    (flags != 0).then(|| flags.trailing_zeros() as usize / 8)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn find_special_finds_the_first_byte_to_escape(bytes in prop::collection::vec(prop_oneof![
            4 => 0x20u8..0x7f, 1 => Just(b'"'), 1 => Just(b'\\'), 1 => 0u8..0x20, 1 => 0x7fu8..=0xff
        ], 0..40)) {
            let naive = bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            prop_assert_eq!(super::find_special(&bytes), naive);
        }
    }
}
