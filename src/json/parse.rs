//! A JSON parser with CPython `json.loads` semantics.
//!
//! It follows the C scanner of CPython 3.12's `_json` module (`scan_once_unicode`,
//! `scanstring_unicode`, `_match_number_unicode`) step by step, so the same documents are
//! accepted, the same values come out and failures carry Python's message and position.
//! Containers are tracked on an explicit stack, so no input can overflow the Rust stack.
//!
//! Both entry points share one scanner over bytes: UTF-8 for `&str` input, WTF-8 (UTF-8
//! that may also encode lone surrogates) for a [`PyStr`] holding lone surrogates.

use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;

use super::{Int, Object, PyStr, Value};

/// Where and why parsing failed. `line` and `column` are 1-based; `column` counts characters.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub kind: ParseErrorKind,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// Python raises `json.JSONDecodeError`.
    Syntax,
    /// Python raises a plain `ValueError`: an integer literal longer than 4300 digits.
    IntTooLong,
    /// Python raises `RecursionError`: nesting deeper than the interpreter allows.
    TooDeep,
}

/// A parsed document and whether it used Python-only tokens (`NaN`, `Infinity`, `-Infinity`).
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub value: Value,
    /// Position (line, column) of the first Python-only token, if any.
    pub nonstandard: Option<(usize, usize)>,
    /// The deepest nesting of arrays and objects (0 for a scalar).
    pub depth: usize,
}

/// Deepest nesting of arrays and objects accepted; one more level is [`ParseErrorKind::TooDeep`].
///
/// CPython's scanner spends one unit of its C recursion budget per `[` or `{`. Measured on
/// CPython 3.12.1 with the handler called from Python (facts §13.1): 1497 levels decode, 1498
/// raise. The budget is a compile-time constant that later 3.12 releases changed, so past
/// [`FIRMLY_KNOWN_DEPTH`] a prediction carries a warning.
pub const MAX_DEPTH: usize = 1497;

/// Nesting that every Python 3.12 release decodes the same way.
pub const FIRMLY_KNOWN_DEPTH: usize = 1000;

/// `sys.get_int_max_str_digits()` default: `int()` refuses longer decimal strings.
const MAX_INT_DIGITS: usize = 4300;

/// Objects up to this size find duplicate keys by a linear scan; larger ones use an index.
const LINEAR_KEY_SCAN: usize = 16;

/// At most 1 GiB of entries reserved ahead (see `Parser::value`).
const RESERVED_ENTRIES_AT_MOST: usize = (1 << 30) / std::mem::size_of::<(PyStr, Value)>();

/// Objects larger than this keep the parse stack's allocation when they close (see `finish`).
const LARGE_OBJECT: usize = 4096;

/// Python's `json.loads(text)` for a `str`.
pub fn parse_python_json(text: &str) -> Result<Parsed, ParseError> {
    Parser { src: text.as_bytes(), text: Some(text), pos: 0, nonstandard: None, depth: 0 }.document()
}

/// Python's `json.loads(text)` for a `str` that may hold lone surrogates.
///
/// A raw lone surrogate inside a string literal is kept; anywhere else it is a syntax error.
/// Python keeps a raw lone surrogate next to an escaped one as two code points; [`PyStr`]
/// stores UTF-16, so a raw high surrogate directly followed by an escaped low one (or the
/// reverse) comes out as the single character they encode.
pub fn parse_pystr(text: &PyStr) -> Result<Parsed, ParseError> {
    match text.utf16() {
        None => parse_python_json(text.as_str()),
        Some(units) => {
            let wtf8 = encode_wtf8(units);
            Parser { src: &wtf8, text: None, pos: 0, nonstandard: None, depth: 0 }.document()
        }
    }
}

/// UTF-8, with each lone surrogate as the 3-byte sequence UTF-8 would give its code point.
fn encode_wtf8(units: &[u16]) -> Vec<u8> {
    let mut out = Vec::with_capacity(units.len() * 3);
    for decoded in char::decode_utf16(units.iter().copied()) {
        match decoded {
            Ok(c) => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            Err(e) => {
                let u = e.unpaired_surrogate();
                out.extend_from_slice(&[
                    0xE0 | (u >> 12) as u8,
                    0x80 | ((u >> 6) & 0x3F) as u8,
                    0x80 | (u & 0x3F) as u8,
                ]);
            }
        }
    }
    out
}

/// Byte offset of the first encoded surrogate in WTF-8 bytes.
fn find_surrogate(bytes: &[u8]) -> Option<usize> {
    bytes.windows(3).position(|w| w[0] == 0xED && w[1] >= 0xA0)
}

/// 1-based line and character column of a byte offset, as `JSONDecodeError` counts them.
fn line_column(src: &[u8], offset: usize) -> (usize, usize) {
    let before = src.get(..offset).unwrap_or(src);
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    // Every character has exactly one byte that is not a continuation byte.
    let column = 1 + before[line_start..].iter().filter(|&&b| b & 0xC0 != 0x80).count();
    (line, column)
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The value of four hex digits (either case), as the scanner decodes `\uXXXX`.
fn hex4(digits: &[u8]) -> Option<u16> {
    let mut value = 0u16;
    for &d in digits.get(..4)? {
        value = value << 4 | (char::from(d).to_digit(16)? as u16);
    }
    Some(value)
}

/// A container still open on the parse stack.
enum Frame {
    Array(Vec<Value>),
    /// An object and the key whose value is being parsed.
    Object(ObjectBuilder, PyStr),
}

/// Builds a `dict`: a repeated key keeps its first position and takes the last value.
///
/// Open objects keep their entries on one stack shared by the whole parse (an inner object's
/// entries sit above its parent's), so each finished object is allocated once, at its exact size.
struct ObjectBuilder {
    /// Where this object's entries start on the stack.
    start: usize,
    /// Each key's position among this object's entries, once there are many. Positions only
    /// (4 bytes a key): the keys are hashed again from the stack, never copied.
    index: Option<(HashTable<u32>, RandomState)>,
}

impl ObjectBuilder {
    fn new(stack: &[(PyStr, Value)]) -> Self {
        ObjectBuilder { start: stack.len(), index: None }
    }

    fn insert(&mut self, stack: &mut Vec<(PyStr, Value)>, key: PyStr, value: Value) {
        let mine = stack.get_mut(self.start..).unwrap_or_default();
        let found = match &self.index {
            Some((index, hasher)) => {
                let entries = &*mine;
                index.find(hasher.hash_one(&key), |&i| entries[i as usize].0 == key).map(|&i| i as usize)
            }
            None => mine.iter().position(|(k, _)| *k == key),
        };
        if let Some(slot) = found.and_then(|i| mine.get_mut(i)) {
            slot.1 = value;
            return;
        }
        let count = mine.len();
        if let Some((index, hasher)) = &mut self.index {
            let entries = &*mine;
            index.insert_unique(hasher.hash_one(&key), count as u32, |&i| hasher.hash_one(&entries[i as usize].0));
        }
        stack.push((key, value));
        if self.index.is_none() && count + 1 > LINEAR_KEY_SCAN {
            let mine = stack.get(self.start..).unwrap_or_default();
            let hasher = RandomState::new();
            let mut index = HashTable::with_capacity(mine.len() * 2);
            for (i, (k, _)) in mine.iter().enumerate() {
                index.insert_unique(hasher.hash_one(k), i as u32, |&j| hasher.hash_one(&mine[j as usize].0));
            }
            self.index = Some((index, hasher));
        }
    }

    fn finish(self, stack: &mut Vec<(PyStr, Value)>) -> Object {
        let start = self.start.min(stack.len());
        drop(self.index);
        let count = stack.len() - start;
        if count > LARGE_OBJECT && start <= count {
            // A large object over a smaller prefix (the usual shape of a big document): keep the
            // stack's allocation for the object and copy the prefix out, so the large part is
            // never held twice.
            // The rest of the room reserved goes on with the prefix, for later large objects.
            let mut rest = Vec::with_capacity(stack.capacity() - count);
            rest.extend_from_slice(stack.get(..start).unwrap_or_default());
            let mut mine = std::mem::replace(stack, rest);
            mine.drain(..start);
            mine.shrink_to_fit();
            Object::from_unique(mine)
        } else {
            // One copy into a vector of exactly this object's size.
            Object::from_unique(stack.split_off(start))
        }
    }
}

/// A string being unescaped: UTF-8 until the first lone surrogate, UTF-16 from then on.
enum StrBuf {
    Utf8(String),
    Utf16(Vec<u16>),
}

impl StrBuf {
    fn push_str(&mut self, s: &str) {
        match self {
            StrBuf::Utf8(buf) => buf.push_str(s),
            StrBuf::Utf16(units) => units.extend(s.encode_utf16()),
        }
    }

    fn push_char(&mut self, c: char) {
        match self {
            StrBuf::Utf8(buf) => buf.push(c),
            StrBuf::Utf16(units) => units.extend_from_slice(c.encode_utf16(&mut [0; 2])),
        }
    }

    fn push_lone_surrogate(&mut self, unit: u16) {
        if let StrBuf::Utf8(buf) = self {
            *self = StrBuf::Utf16(buf.encode_utf16().collect());
        }
        if let StrBuf::Utf16(units) = self {
            units.push(unit);
        }
    }

    /// Appends raw string content: UTF-8, or WTF-8 when `wtf8` is set.
    fn push_raw(&mut self, bytes: &[u8], wtf8: bool) {
        let mut rest = bytes;
        if wtf8 {
            while let Some(p) = find_surrogate(rest) {
                self.push_str(&String::from_utf8_lossy(&rest[..p]));
                let unit = 0xD000 | u16::from(rest[p + 1] & 0x3F) << 6 | u16::from(rest[p + 2] & 0x3F);
                self.push_lone_surrogate(unit);
                rest = &rest[p + 3..];
            }
        }
        self.push_str(&String::from_utf8_lossy(rest));
    }

    fn finish(self) -> PyStr {
        match self {
            StrBuf::Utf8(buf) => PyStr::new(buf),
            StrBuf::Utf16(units) => PyStr::from_utf16(&units),
        }
    }
}

struct Parser<'a> {
    src: &'a [u8],
    /// The input as text when it is valid UTF-8 (no lone surrogates).
    text: Option<&'a str>,
    pos: usize,
    /// Byte offset of the first `NaN`/`Infinity`/`-Infinity`.
    nonstandard: Option<usize>,
    /// The deepest nesting opened so far.
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, kind: ParseErrorKind, message: impl Into<String>, offset: usize) -> ParseError {
        let (line, column) = line_column(self.src, offset);
        ParseError { kind, message: message.into(), line, column, offset }
    }

    fn syntax(&self, message: &str, offset: usize) -> ParseError {
        self.error(ParseErrorKind::Syntax, message, offset)
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(is_ws) {
            self.pos += 1;
        }
    }

    /// `json.loads`: the BOM check, then `JSONDecoder.decode`.
    fn document(mut self) -> Result<Parsed, ParseError> {
        if self.src.starts_with("\u{feff}".as_bytes()) {
            return Err(self.syntax("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0));
        }
        self.skip_ws();
        let value = self.value()?;
        self.skip_ws();
        if self.pos != self.src.len() {
            return Err(self.syntax("Extra data", self.pos));
        }
        let nonstandard = self.nonstandard.map(|offset| line_column(self.src, offset));
        Ok(Parsed { value, nonstandard, depth: self.depth })
    }

    /// One value starting at `self.pos` (no leading whitespace), containers included.
    fn value(&mut self) -> Result<Value, ParseError> {
        let mut stack: Vec<Frame> = Vec::new();
        // In a large text, room for every entry it can hold (one per `:`), so a large object
        // never regrows, which would hold its entries twice while they are copied. Untouched
        // room is only reserved address space (where the system overcommits memory, as Linux
        // does by default); the cap keeps that reasonable for huge inputs.
        // A typical event needs no more than 32.
        let rest = self.src.get(self.pos..).unwrap_or_default();
        let room = if rest.len() > 1 << 16 { memchr::memchr_iter(b':', rest).count() } else { 32 };
        let mut entries: Vec<(PyStr, Value)> = Vec::with_capacity(room.clamp(32, RESERVED_ENTRIES_AT_MOST));
        'value: loop {
            let mut value = match self.peek() {
                Some(open @ (b'[' | b'{')) => {
                    if stack.len() >= MAX_DEPTH {
                        let what = if open == b'[' { "array" } else { "object" };
                        let message = format!(
                            "maximum recursion depth exceeded while decoding a JSON {what} from a unicode string"
                        );
                        return Err(self.error(ParseErrorKind::TooDeep, message, self.pos));
                    }
                    self.depth = self.depth.max(stack.len() + 1);
                    self.pos += 1;
                    self.skip_ws();
                    if open == b'[' {
                        if self.peek() == Some(b']') {
                            self.pos += 1;
                            Value::Array(Box::default())
                        } else {
                            stack.push(Frame::Array(Vec::new()));
                            continue 'value;
                        }
                    } else if self.peek() == Some(b'}') {
                        self.pos += 1;
                        Value::Object(Object::new())
                    } else {
                        let key = self.object_key()?;
                        stack.push(Frame::Object(ObjectBuilder::new(&entries), key));
                        continue 'value;
                    }
                }
                _ => self.scalar()?,
            };
            // Hand the finished value to its container, closing every container that ends here.
            loop {
                let Some(frame) = stack.last_mut() else {
                    return Ok(value);
                };
                // The container stays in place while it goes on; a closed one is taken out.
                value = match frame {
                    Frame::Array(items) => {
                        items.push(value);
                        self.skip_ws();
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws();
                                continue 'value;
                            }
                            Some(b']') => Value::Array(std::mem::take(items).into_boxed_slice()),
                            _ => return Err(self.syntax("Expecting ',' delimiter", self.pos)),
                        }
                    }
                    Frame::Object(object, key) => {
                        object.insert(&mut entries, std::mem::replace(key, PyStr::new("")), value);
                        self.skip_ws();
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws();
                                *key = self.object_key()?;
                                continue 'value;
                            }
                            Some(b'}') => {
                                let object = std::mem::replace(object, ObjectBuilder::new(&entries));
                                Value::Object(object.finish(&mut entries))
                            }
                            _ => return Err(self.syntax("Expecting ',' delimiter", self.pos)),
                        }
                    }
                };
                self.pos += 1;
                stack.pop();
            }
        }
    }

    /// A key, the `:` after it and the whitespace up to the value.
    fn object_key(&mut self) -> Result<PyStr, ParseError> {
        if self.peek() != Some(b'"') {
            return Err(self.syntax("Expecting property name enclosed in double quotes", self.pos));
        }
        let key = self.string()?;
        self.skip_ws();
        if self.peek() != Some(b':') {
            return Err(self.syntax("Expecting ':' delimiter", self.pos));
        }
        self.pos += 1;
        self.skip_ws();
        Ok(key)
    }

    /// A string, constant or number at `self.pos`.
    fn scalar(&mut self) -> Result<Value, ParseError> {
        let start = self.pos;
        let rest = &self.src[start.min(self.src.len())..];
        let (value, len) = match rest.first() {
            Some(b'"') => return Ok(Value::Str(self.string()?)),
            Some(b'n') if rest.starts_with(b"null") => (Value::Null, 4),
            Some(b't') if rest.starts_with(b"true") => (Value::Bool(true), 4),
            Some(b'f') if rest.starts_with(b"false") => (Value::Bool(false), 5),
            Some(b'N') if rest.starts_with(b"NaN") => (Value::Float(f64::NAN), 3),
            Some(b'I') if rest.starts_with(b"Infinity") => (Value::Float(f64::INFINITY), 8),
            Some(b'-') if rest.starts_with(b"-Infinity") => (Value::Float(f64::NEG_INFINITY), 9),
            _ => return self.number(),
        };
        if matches!(value, Value::Float(_)) && self.nonstandard.is_none() {
            self.nonstandard = Some(start);
        }
        self.pos += len;
        Ok(value)
    }

    /// `_match_number_unicode`: NUMBER_RE, then `int()` or `float()` of the matched text.
    fn number(&mut self) -> Result<Value, ParseError> {
        let s = self.src;
        let start = self.pos;
        let digit_at = |i: usize| s.get(i).is_some_and(u8::is_ascii_digit);
        let mut i = start;
        let negative = s.get(i) == Some(&b'-');
        if negative {
            i += 1;
        }
        match s.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                i += 1;
                while digit_at(i) {
                    i += 1;
                }
            }
            _ => return Err(self.syntax("Expecting value", start)),
        }
        let int_end = i;
        if s.get(i) == Some(&b'.') && digit_at(i + 1) {
            i += 2;
            while digit_at(i) {
                i += 1;
            }
        }
        if matches!(s.get(i), Some(b'e' | b'E')) {
            // Without digits the exponent is not part of the number (it backtracks).
            let mut j = i + 1;
            if matches!(s.get(j), Some(b'+' | b'-')) {
                j += 1;
            }
            if digit_at(j) {
                while digit_at(j) {
                    j += 1;
                }
                i = j;
            }
        }
        self.pos = i;
        let literal = &s[start..i];
        if i != int_end {
            // The literal is ASCII, so it is valid UTF-8.
            let parsed = std::str::from_utf8(literal).ok().and_then(|t| t.parse::<f64>().ok());
            return parsed.map(Value::Float).ok_or_else(|| self.syntax("Expecting value", start));
        }
        let digits = &literal[usize::from(negative)..];
        if digits.len() > MAX_INT_DIGITS {
            let message = format!(
                "Exceeds the limit ({MAX_INT_DIGITS} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
                digits.len()
            );
            return Err(self.error(ParseErrorKind::IntTooLong, message, start));
        }
        // Up to 18 digits always fit an i64.
        if digits.len() <= 18 {
            let magnitude = digits.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
            return Ok(Value::Int(Int::Small(if negative { -magnitude } else { magnitude })));
        }
        let text = String::from_utf8_lossy(literal);
        Ok(Value::Int(match text.parse::<i64>() {
            Ok(n) => Int::Small(n),
            Err(_) => Int::Big(Box::new(text.into())),
        }))
    }

    /// `scanstring_unicode` in strict mode; `self.pos` is at the opening quote.
    fn string(&mut self) -> Result<PyStr, ParseError> {
        let s = self.src;
        let begin = self.pos;
        let wtf8 = self.text.is_none();
        let mut chunk_start = begin + 1;
        let mut buf: Option<StrBuf> = None;
        loop {
            // Find the end of the string or the next escape.
            let rest = s.get(chunk_start..).unwrap_or_default();
            let Some(i) = super::find_special(rest).map(|k| chunk_start + k) else {
                return Err(self.syntax("Unterminated string starting at", begin));
            };
            let stop = s[i];
            if stop < 0x20 {
                return Err(self.syntax("Invalid control character at", i));
            }
            let raw = &s[chunk_start..i];
            if stop == b'"' {
                self.pos = i + 1;
                return Ok(match buf {
                    Some(mut buf) => {
                        buf.push_raw(raw, wtf8);
                        buf.finish()
                    }
                    None => self.plain_string(chunk_start, i),
                });
            }
            let buf = buf.get_or_insert_with(|| StrBuf::Utf8(String::with_capacity(i - chunk_start + 16)));
            buf.push_raw(raw, wtf8);
            let Some(&escape) = s.get(i + 1) else {
                return Err(self.syntax("Unterminated string starting at", begin));
            };
            if escape != b'u' {
                let c = match escape {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    _ => return Err(self.syntax("Invalid \\escape", i)),
                };
                buf.push_char(c);
                chunk_start = i + 2;
                continue;
            }
            // Python also requires a character after the four digits (the string must go on).
            let digits = i + 2;
            let unit = match hex4(&s[digits.min(s.len())..]) {
                Some(unit) if digits + 4 < s.len() => unit,
                _ => return Err(self.syntax("Invalid \\uXXXX escape", i + 1)),
            };
            let mut end = digits + 4;
            let pair_follows = s.get(end..end + 2) == Some(b"\\u") && end + 6 < s.len();
            if (0xD800..0xDC00).contains(&unit) && pair_follows {
                let Some(low) = hex4(&s[end + 2..]) else {
                    return Err(self.syntax("Invalid \\uXXXX escape", end + 1));
                };
                if (0xDC00..0xE000).contains(&low) {
                    let joined = 0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    buf.push_char(char::from_u32(joined).unwrap_or(char::REPLACEMENT_CHARACTER));
                    end += 6;
                } else {
                    buf.push_lone_surrogate(unit);
                }
            } else {
                match char::from_u32(u32::from(unit)) {
                    Some(c) => buf.push_char(c),
                    None => buf.push_lone_surrogate(unit),
                }
            }
            chunk_start = end;
        }
    }

    /// A string without escapes: bytes `start..end` of the input.
    fn plain_string(&self, start: usize, end: usize) -> PyStr {
        if let Some(text) = self.text.and_then(|t| t.get(start..end)) {
            return PyStr::new(text);
        }
        let mut buf = StrBuf::Utf8(String::new());
        buf.push_raw(&self.src[start..end], true);
        buf.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::pyrepr::repr;
    use proptest::prelude::*;

    fn ok(text: &str) -> Value {
        match parse_python_json(text) {
            Ok(parsed) => parsed.value,
            Err(e) => panic!("{text:?} failed: {e:?}"),
        }
    }

    fn err(text: &str) -> ParseError {
        match parse_python_json(text) {
            Ok(parsed) => panic!("{text:?} parsed: {:?}", parsed.value),
            Err(e) => e,
        }
    }

    /// (input, `repr(json.loads(input))`), verified with CPython.
    const ACCEPTED: &[(&str, &str)] = &[
        ("null", "None"),
        ("true", "True"),
        ("false", "False"),
        (" \t\r\n1 \t\r\n", "1"),
        ("-0", "0"),
        ("-0.0", "-0.0"),
        ("0", "0"),
        ("1E5", "100000.0"),
        ("1e400", "inf"),
        ("-1e400", "-inf"),
        ("1.5E-3", "0.0015"),
        ("1e-5", "1e-05"),
        ("12345678901234567", "12345678901234567"),
        ("123456789012345678", "123456789012345678"),
        ("1234567890123456789", "1234567890123456789"),
        ("9223372036854775807", "9223372036854775807"),
        ("9223372036854775808", "9223372036854775808"),
        ("-9223372036854775808", "-9223372036854775808"),
        ("-9223372036854775809", "-9223372036854775809"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
        ("NaN", "nan"),
        ("Infinity", "inf"),
        ("-Infinity", "-inf"),
        ("[NaN, -Infinity]", "[nan, -inf]"),
        (r#""\u1234""#, "'ሴ'"),
        (r#""\u00e9\u00E9""#, "'éé'"),
        (r#""\ud800\udc00""#, "'𐀀'"),
        (r#""\uD834\uDD1E""#, "'𝄞'"),
        (r#""\ud800""#, r"'\ud800'"),
        (r#""\udc00""#, r"'\udc00'"),
        (r#""\ud800\ud800\udc00""#, r"'\ud800𐀀'"),
        (r#""\ud800\u0041""#, r"'\ud800A'"),
        (r#""\udc00\ud800""#, r"'\udc00\ud800'"),
        (r#""\ud800x\udc00""#, r"'\ud800x\udc00'"),
        (r#""\/\"\\\b\f\n\r\t""#, r#"'/"\\\x08\x0c\n\r\t'"#),
        ("\"\x7f\"", r"'\x7f'"),
        ("\"é ü 日本 😀\"", "'é ü 日本 😀'"),
        ("\"\u{2028}\"", r"'\u2028'"),
        ("[]", "[]"),
        ("[ ]", "[]"),
        ("{}", "{}"),
        ("{ }", "{}"),
        ("[1,[2,[3,{}]]]", "[1, [2, [3, {}]]]"),
        (r#"{"a":1,"a":2,"b":3}"#, "{'a': 2, 'b': 3}"),
        (r#"{"b":1,"a":2,"b":3}"#, "{'b': 3, 'a': 2}"),
        (r#"{"":1}"#, "{'': 1}"),
        (r#"{ "a" : [ true , null ] , "c" : { } }"#, "{'a': [True, None], 'c': {}}"),
        (r#"{"\ud800":1,"\ud800":2}"#, r"{'\ud800': 2}"),
        (r#""it's""#, r#""it's""#),
    ];

    #[test]
    fn accepts_what_python_accepts() {
        for (input, expected) in ACCEPTED {
            assert_eq!(repr(&ok(input)), *expected, "input {input:?}");
        }
    }

    /// (input, message, line, column, byte offset), verified with CPython.
    const REJECTED: &[(&str, &str, usize, usize, usize)] = &[
        ("", "Expecting value", 1, 1, 0),
        (" ", "Expecting value", 1, 2, 1),
        ("\u{feff}{}", "Unexpected UTF-8 BOM (decode using utf-8-sig)", 1, 1, 0),
        (r#""\u12"#, "Invalid \\uXXXX escape", 1, 3, 2),
        (r#""\u12""#, "Invalid \\uXXXX escape", 1, 3, 2),
        (r#""\u123""#, "Invalid \\uXXXX escape", 1, 3, 2),
        (r#""\u1234"#, "Invalid \\uXXXX escape", 1, 3, 2),
        (r#""\uzzzz""#, "Invalid \\uXXXX escape", 1, 3, 2),
        (r#""\u12z4""#, "Invalid \\uXXXX escape", 1, 3, 2),
        (r#""\ud800\uzzzz""#, "Invalid \\uXXXX escape", 1, 9, 8),
        (r#""\ud800\u12""#, "Invalid \\uXXXX escape", 1, 9, 8),
        (r#""\ud800\udc0""#, "Invalid \\uXXXX escape", 1, 9, 8),
        (r#""\x""#, "Invalid \\escape", 1, 2, 1),
        (r#""\U0041""#, "Invalid \\escape", 1, 2, 1),
        ("\"\\", "Unterminated string starting at", 1, 1, 0),
        ("\"abc", "Unterminated string starting at", 1, 1, 0),
        ("[\"abc", "Unterminated string starting at", 1, 2, 1),
        ("\"a\x01\"", "Invalid control character at", 1, 3, 2),
        ("\"é\x00\"", "Invalid control character at", 1, 3, 3),
        ("\"abc\n", "Invalid control character at", 1, 5, 4),
        ("[1,]", "Expecting value", 1, 4, 3),
        ("[1,2,]", "Expecting value", 1, 6, 5),
        ("[,]", "Expecting value", 1, 2, 1),
        ("[1,\n  ]", "Expecting value", 2, 3, 6),
        ("[\n1,\né]", "Expecting value", 3, 1, 5),
        ("{\"a\":1,}", "Expecting property name enclosed in double quotes", 1, 8, 7),
        ("{,}", "Expecting property name enclosed in double quotes", 1, 2, 1),
        ("{\"a\":1,,}", "Expecting property name enclosed in double quotes", 1, 8, 7),
        ("{", "Expecting property name enclosed in double quotes", 1, 2, 1),
        ("{1:2}", "Expecting property name enclosed in double quotes", 1, 2, 1),
        ("{'a':1}", "Expecting property name enclosed in double quotes", 1, 2, 1),
        ("[", "Expecting value", 1, 2, 1),
        ("{\"a\"", "Expecting ':' delimiter", 1, 5, 4),
        ("{\"a\" 1}", "Expecting ':' delimiter", 1, 6, 5),
        ("{\"a\":", "Expecting value", 1, 6, 5),
        ("[1 2]", "Expecting ',' delimiter", 1, 4, 3),
        ("[1", "Expecting ',' delimiter", 1, 3, 2),
        ("{\"a\":1 \"b\":2}", "Expecting ',' delimiter", 1, 8, 7),
        ("[-01]", "Expecting ',' delimiter", 1, 4, 3),
        ("1e", "Extra data", 1, 2, 1),
        ("1e+", "Extra data", 1, 2, 1),
        ("1.", "Extra data", 1, 2, 1),
        ("1.e5", "Extra data", 1, 2, 1),
        ("01", "Extra data", 1, 2, 1),
        ("[1]x", "Extra data", 1, 4, 3),
        ("1 2", "Extra data", 1, 3, 2),
        ("1\u{a0}", "Extra data", 1, 2, 1),
        ("-", "Expecting value", 1, 1, 0),
        ("-a", "Expecting value", 1, 1, 0),
        ("-Inf", "Expecting value", 1, 1, 0),
        ("nan", "Expecting value", 1, 1, 0),
        ("tru", "Expecting value", 1, 1, 0),
        ("nul", "Expecting value", 1, 1, 0),
        ("+1", "Expecting value", 1, 1, 0),
        (".5", "Expecting value", 1, 1, 0),
        ("é", "Expecting value", 1, 1, 0),
        ("\u{2028}", "Expecting value", 1, 1, 0),
        ("\u{a0}1", "Expecting value", 1, 1, 0),
        ("١", "Expecting value", 1, 1, 0),
        ("[1, ١]", "Expecting value", 1, 5, 4),
        ("\"é\" x", "Extra data", 1, 5, 5),
    ];

    #[test]
    fn rejects_like_python() {
        for &(input, message, line, column, offset) in REJECTED {
            let e = err(input);
            assert_eq!(
                (e.kind, e.message.as_str(), e.line, e.column, e.offset),
                (ParseErrorKind::Syntax, message, line, column, offset),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn integer_digit_limit() {
        let limit = "7".repeat(4300);
        assert_eq!(ok(&limit), Value::Int(Int::Big(Box::new(limit.clone()))));
        assert_eq!(ok(&format!("-{limit}")), Value::Int(Int::Big(format!("-{limit}").into())));
        let e = err(&format!("[0, -{limit}1]"));
        assert_eq!((e.kind, e.offset, e.column), (ParseErrorKind::IntTooLong, 4, 5));
        assert!(
            e.message
                .starts_with("Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits")
        );
        // A syntax error before the long integer wins; the integer wins over one after it.
        assert_eq!(err(&format!("[1, 2, x{limit}1]")).kind, ParseErrorKind::Syntax);
        assert_eq!(err(&format!("[{limit}1 x")).kind, ParseErrorKind::IntTooLong);
        // Floats have no digit limit.
        assert_eq!(ok(&format!("1.{limit}1")), Value::Float(1.7777777777777777));
        assert_eq!(ok(&format!("{limit}e-4300")), Value::Float(0.7777777777777778));
    }

    #[test]
    fn nesting_limit() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(parse_python_json(&nested(MAX_DEPTH)).unwrap().depth, 1497);
        assert_eq!(parse_python_json("[{}, [[1]]]").unwrap().depth, 3);
        assert_eq!(parse_python_json("1").unwrap().depth, 0);
        let e = err(&nested(MAX_DEPTH + 1));
        assert_eq!((e.kind, e.offset), (ParseErrorKind::TooDeep, MAX_DEPTH));
        let objects = format!("{}1{}", "{\"a\":".repeat(MAX_DEPTH + 1), "}".repeat(MAX_DEPTH + 1));
        assert_eq!(err(&objects).kind, ParseErrorKind::TooDeep);
        // A syntax error before the limit is reached wins.
        assert_eq!(err(&format!("[1 {}", "[".repeat(MAX_DEPTH + 1))).kind, ParseErrorKind::Syntax);
        // Far deeper input must not overflow the stack.
        assert_eq!(err(&"[".repeat(1_000_000)).kind, ParseErrorKind::TooDeep);
        assert_eq!(err(&"{\"\":".repeat(1_000_000)).kind, ParseErrorKind::TooDeep);
    }

    #[test]
    fn nonstandard_position() {
        let parsed = parse_python_json("{\"a\": [1,\n  NaN, Infinity]}").unwrap();
        assert_eq!(parsed.nonstandard, Some((2, 3)));
        assert_eq!(parse_python_json("-Infinity").unwrap().nonstandard, Some((1, 1)));
        assert_eq!(parse_python_json("[\"NaN\", 1e400]").unwrap().nonstandard, None);
    }

    #[test]
    fn duplicate_keys_in_large_objects() {
        let mut text = String::from("{");
        for i in 0..100 {
            text.push_str(&format!("\"k{i}\":{i},"));
        }
        text.push_str("\"k3\":\"last\",\"k99\":null}");
        let value = ok(&text);
        let object = value.as_object().unwrap();
        assert_eq!(object.len(), 100);
        let keys: Vec<&str> = object.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys[3], "k3");
        assert_eq!(keys[99], "k99");
        assert_eq!(object.get("k3"), Some(&Value::str("last")));
        assert_eq!(object.get("k99"), Some(&Value::Null));
        assert_eq!(object.get("k50"), Some(&Value::Int(Int::Small(50))));
    }

    #[test]
    fn large_objects_close_whole_inside_others() {
        // Larger than LARGE_OBJECT, after a prefix on the entry stack, with a nested object
        // and a repeated key: closes by taking the stack, and the parent goes on.
        let n = LARGE_OBJECT + 10;
        let mut text = String::from(r#"{"a": 1, "big": {"#);
        for i in 0..n {
            text.push_str(&format!("\"k{i}\": {{\"i\": {i}}}, "));
        }
        text.push_str(r#""k7": "again"}, "b": [2], "a": 3}"#);
        let value = ok(&text);
        let outer = value.as_object().unwrap();
        let keys: Vec<&str> = outer.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["a", "big", "b"]);
        assert_eq!(outer.get("a"), Some(&Value::Int(Int::Small(3))));
        let big = outer.get("big").and_then(Value::as_object).unwrap();
        assert_eq!(big.len(), n);
        assert_eq!(big.iter().nth(7).map(|(k, v)| (k.as_str(), v)), Some(("k7", &Value::str("again"))));
        let last = big.get(&format!("k{}", n - 1)).and_then(Value::as_object).unwrap();
        assert_eq!(last.get("i"), Some(&Value::Int(Int::Small(n as i64 - 1))));
    }

    #[test]
    fn lone_surrogates_are_kept_exactly() {
        let Value::Str(s) = ok(r#""a\ud800b""#) else { panic!() };
        assert_eq!(s.utf16(), Some(&[0x61, 0xD800, 0x62][..]));
        assert_eq!(s.as_str(), "a\u{fffd}b");
        let Value::Str(s) = ok(r#""\u0000\u001f""#) else { panic!() };
        assert!(s.is("\u{0}\u{1f}"));
    }

    fn pystr(units: &[u16]) -> PyStr {
        PyStr::from_utf16(units)
    }

    fn units(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn pystr_input_with_raw_lone_surrogates() {
        // "x<U+D800>y" inside a string literal is kept.
        let mut text = units("{\"k\": \"x");
        text.push(0xD800);
        text.extend(units("y\\u00e9\\udc01\"}"));
        let parsed = parse_pystr(&pystr(&text)).unwrap();
        let value = parsed.value.as_object().unwrap().get("k").unwrap().as_pystr().unwrap().clone();
        assert_eq!(value.utf16(), Some(&[0x78, 0xD800, 0x79, 0xE9, 0xDC01][..]));
        // Outside a string it is a syntax error, positioned in characters.
        let mut text = units("[1, ");
        text.push(0xDC00);
        text.extend(units("]"));
        let e = parse_pystr(&pystr(&text)).unwrap_err();
        assert_eq!((e.message.as_str(), e.line, e.column, e.offset), ("Expecting value", 1, 5, 4));
        let mut text = units("\"");
        text.push(0xDC00);
        text.extend(units("\" é \u{1}"));
        let e = parse_pystr(&pystr(&text)).unwrap_err();
        assert_eq!((e.message.as_str(), e.column, e.offset), ("Extra data", 5, 6));
        // A valid PyStr goes through the UTF-8 path; the BOM is refused either way.
        assert_eq!(parse_pystr(&PyStr::new("[1]")).unwrap().value, ok("[1]"));
        let mut text = units("\u{feff}\"");
        text.extend([0xD800, 0x22]);
        assert_eq!(parse_pystr(&pystr(&text)).unwrap_err().message, "Unexpected UTF-8 BOM (decode using utf-8-sig)");
    }

    /// A serde_json value whose numbers are i64 or finite f64, as generated for the proptest.
    fn arb_json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(serde_json::Value::from),
            any::<String>().prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(6, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
                prop::collection::vec((any::<String>(), inner), 0..8)
                    .prop_map(|entries| serde_json::Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    fn same(ours: &Value, theirs: &serde_json::Value) -> bool {
        match (ours, theirs) {
            (Value::Null, serde_json::Value::Null) => true,
            (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
            (Value::Int(Int::Small(a)), serde_json::Value::Number(b)) => b.as_i64() == Some(*a),
            (Value::Float(a), serde_json::Value::Number(b)) => b.is_f64() && b.as_f64() == Some(*a),
            (Value::Str(a), serde_json::Value::String(b)) => a.is(b),
            (Value::Array(a), serde_json::Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
            }
            (Value::Object(a), serde_json::Value::Object(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|((ka, va), (kb, vb))| ka.is(kb) && same(va, vb))
            }
            _ => false,
        }
    }

    proptest! {
        #[test]
        fn never_panics_on_text(text in any::<String>()) {
            let _ = parse_python_json(&text);
        }

        #[test]
        fn never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            let _ = parse_python_json(&String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn never_panics_on_json_like_text(text in r#"[\[\]{}",:0-9eE.+\- \\u dDnNaItrfsl\x00-\x1f]{0,40}"#) {
            let _ = parse_python_json(&text);
        }

        #[test]
        fn never_panics_on_utf16(units in prop::collection::vec(
            prop_oneof![Just(0x22u16), Just(0x5C), Just(0x75), Just(0x5B), Just(0xD800), Just(0xDC00), any::<u16>()],
            0..40,
        )) {
            let _ = parse_pystr(&PyStr::from_utf16(&units));
        }

        #[test]
        fn agrees_with_serde_json(value in arb_json()) {
            for text in [serde_json::to_string(&value).unwrap(), serde_json::to_string_pretty(&value).unwrap()] {
                let parsed = parse_python_json(&text).unwrap();
                prop_assert!(same(&parsed.value, &value), "{text}");
                prop_assert_eq!(parsed.nonstandard, None);
            }
        }
    }
}
