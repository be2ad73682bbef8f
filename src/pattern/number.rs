//! Numbers as event patterns compare them.

use std::fmt::{self, Write};
use std::ops::{Bound, RangeBounds};

use crate::json::{Int, Value};

/// Largest magnitude numeric matching accepts (event-ruler's `ComparableNumber`).
const LIMIT: i64 = 500_000_000_000;
/// Numeric matching keeps six decimal places, so values are held as integer millionths.
const SCALE: i64 = 1_000_000;
const DECIMALS: usize = 6;

/// Why a number is outside numeric matching's domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OutsideDomain {
    NotFinite,
    TooLarge,
    TooPrecise,
}

impl OutsideDomain {
    pub(super) fn reason(self) -> &'static str {
        match self {
            OutsideDomain::NotFinite => "NaN and Infinity are not numbers",
            OutsideDomain::TooLarge => "Value must be between -5.0E11 and 5.0E11, inclusive",
            OutsideDomain::TooPrecise => "Only values upto 6 decimals are supported",
        }
    }
}

/// `value` in integer millionths, when it is a number inside numeric matching's domain.
pub(super) fn scaled(value: &Value) -> Option<i64> {
    match value {
        Value::Int(i) => scaled_int(i).ok(),
        Value::Float(f) => scaled_float(*f).ok(),
        _ => None,
    }
}

pub(super) fn scaled_int(i: &Int) -> Result<i64, OutsideDomain> {
    match i {
        Int::Small(n) if (-LIMIT..=LIMIT).contains(n) => Ok(n * SCALE),
        _ => Err(OutsideDomain::TooLarge),
    }
}

pub(super) fn scaled_float(f: f64) -> Result<i64, OutsideDomain> {
    if !f.is_finite() {
        return Err(OutsideDomain::NotFinite);
    }
    if f.abs() > LIMIT as f64 {
        return Err(OutsideDomain::TooLarge);
    }
    if f == 0.0 {
        return Ok(0);
    }
    // Anything nonzero below a millionth needs more than six decimals; checking first also
    // keeps the decimal text short.
    if f.abs() < 1e-6 {
        return Err(OutsideDomain::TooPrecise);
    }
    if f.abs() < NARROW { scaled_narrow(f) } else { scaled_by_text(f) }
}

/// Below 2^33 a float's spacing is under a millionth, so at most one number with six decimals
/// reads back as it, and that number is then its shortest decimal form.
pub(super) const NARROW: f64 = 8_589_934_592.0;

/// Finds that number without formatting: `f * 1e6` is within one of its millionths (the
/// product is below 2^53, so it rounds by at most a half), and dividing an exact integer by
/// 1e6 rounds correctly, so comparing with `f` tests exactly whether it reads back as `f`.
pub(super) fn scaled_narrow(f: f64) -> Result<i64, OutsideDomain> {
    let nearest = (f * SCALE as f64).round() as i64;
    [nearest, nearest - 1, nearest + 1]
        .into_iter()
        .find(|&millionths| millionths as f64 / SCALE as f64 == f)
        .ok_or(OutsideDomain::TooPrecise)
}

/// Counts the decimals of the shortest decimal that reads back as `f`.
pub(super) fn scaled_by_text(f: f64) -> Result<i64, OutsideDomain> {
    // Display writes the shortest decimal that reads back as `f`, without an exponent: the
    // digits Python's json.dumps sends, so the decimal places EventBridge counts.
    let mut text = StackText::default();
    write!(text, "{}", f.abs()).map_err(|_| OutsideDomain::TooPrecise)?;
    let (whole, fraction) = text.as_str().split_once('.').unwrap_or((text.as_str(), ""));
    if fraction.len() > DECIMALS {
        return Err(OutsideDomain::TooPrecise);
    }
    let padding = std::iter::repeat_n(b'0', DECIMALS - fraction.len());
    let mut millionths: i64 = 0;
    for digit in whole.bytes().chain(fraction.bytes()).chain(padding) {
        let digit = i64::from(digit.wrapping_sub(b'0'));
        millionths = millionths.checked_mul(10).and_then(|m| m.checked_add(digit)).ok_or(OutsideDomain::TooLarge)?;
    }
    Ok(if f < 0.0 { -millionths } else { millionths })
}

/// A number written as an exact-match value in a pattern.
#[derive(Debug, Clone)]
pub(super) enum Literal {
    Int(Int),
    Float(f64),
}

/// Identity for sharing checks between patterns: floats by their bits (so `0.0` and `-0.0`
/// are two literals here, though they match the same numbers).
impl PartialEq for Literal {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Literal::Int(a), Literal::Int(b)) => a == b,
            (Literal::Float(a), Literal::Float(b)) => a.to_bits() == b.to_bits(),
            _ => false,
        }
    }
}

impl Eq for Literal {}

impl std::hash::Hash for Literal {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self {
            Literal::Int(i) => i.hash(state),
            Literal::Float(f) => f.to_bits().hash(state),
        }
    }
}

impl Literal {
    /// Whether `value` is a number equal to this one.
    pub(super) fn equals(&self, value: &Value) -> bool {
        match (self, value) {
            (Literal::Int(a), Value::Int(b)) => a == b,
            (Literal::Float(a), Value::Float(b)) => a == b,
            (Literal::Int(a), Value::Float(b)) | (Literal::Float(b), Value::Int(a)) => int_equals_float(a, *b),
            _ => false,
        }
    }
}

/// Exact comparison of an integer with a float (no rounding of either).
fn int_equals_float(i: &Int, f: f64) -> bool {
    // 2^63: floats at or beyond it cannot be an i64, and every such float is an integer.
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    if f.fract() != 0.0 {
        // Also catches NaN and infinities, whose fract() is NaN.
        return false;
    }
    match i {
        Int::Small(n) => (-TWO_POW_63..TWO_POW_63).contains(&f) && f as i64 == *n,
        // Big integers are outside i64, so only floats outside it can equal them; `{:.0}`
        // prints such a float's exact integer value.
        Int::Big(text) => f.abs() >= TWO_POW_63 && format!("{f:.0}") == **text,
    }
}

/// A numeric-matching interval, in millionths.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Range {
    low: Bound<i64>,
    high: Bound<i64>,
}

impl Range {
    pub(super) fn new(low: Bound<i64>, high: Bound<i64>) -> Self {
        Range { low, high }
    }

    /// Whether `value` is a number in the interval.
    pub(super) fn contains(&self, value: &Value) -> bool {
        scaled(value).is_some_and(|x| (self.low, self.high).contains(&x))
    }
}

/// A fixed buffer for formatting one float without allocating.
struct StackText {
    bytes: [u8; 64],
    len: usize,
}

impl Default for StackText {
    fn default() -> Self {
        StackText { bytes: [0; 64], len: 0 }
    }
}

impl StackText {
    fn as_str(&self) -> &str {
        // Only whole `&str`s are ever copied in, so the filled part is UTF-8.
        self.bytes.get(..self.len).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }
}

impl Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}
