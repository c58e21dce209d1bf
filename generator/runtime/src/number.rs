//! [`Number`]: a JSON number kept exactly as it arrived.
//!
//! API descriptions say "number" for values the server sends as `10` one day
//! and `10.5` the next. Decoding into `f64` would re-encode `10` as `10.0`,
//! so a response would not survive a round trip; this type keeps the
//! integer or float form it was given.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::query::QueryValue;

/// A JSON number, integer or floating point, kept in its original form.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Number(serde_json::Number);

impl Number {
    /// A number from a float; `None` for NaN and infinities, which JSON cannot carry.
    pub fn from_f64(value: f64) -> Option<Self> {
        serde_json::Number::from_f64(value).map(Self)
    }

    /// The value as a float (integers beyond 2^53 lose precision).
    pub fn as_f64(&self) -> f64 {
        self.0.as_f64().unwrap_or_default()
    }

    /// The value as an integer, when it is one.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.as_i64()
    }

    /// The underlying `serde_json` number.
    pub fn as_json(&self) -> &serde_json::Number {
        &self.0
    }
}

impl Default for Number {
    fn default() -> Self {
        Self(serde_json::Number::from(0))
    }
}

impl From<i64> for Number {
    fn from(value: i64) -> Self {
        Self(value.into())
    }
}

impl From<i32> for Number {
    fn from(value: i32) -> Self {
        Self(value.into())
    }
}

impl From<u32> for Number {
    fn from(value: u32) -> Self {
        Self(value.into())
    }
}

impl From<serde_json::Number> for Number {
    fn from(value: serde_json::Number) -> Self {
        Self(value)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl QueryValue for Number {
    fn to_query_value(&self) -> String {
        self.0.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_floats_keep_their_form() {
        for text in ["10", "10.5", "-3", "1e3"] {
            let number: Number = serde_json::from_str(text).unwrap_or_default();
            let again = serde_json::to_string(&number).unwrap_or_default();
            let original: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
            let reparsed: serde_json::Value = serde_json::from_str(&again).unwrap_or_default();
            assert_eq!(original, reparsed, "{text} became {again}");
        }
    }

    #[test]
    fn conversions() {
        assert_eq!(Number::from(10).as_i64(), Some(10));
        assert_eq!(Number::from_f64(2.5).map(|n| n.as_f64()), Some(2.5));
        assert!(Number::from_f64(f64::NAN).is_none());
        assert_eq!(Number::default().to_query_value(), "0");
        assert_eq!(
            Number::from_f64(0.25).map(|n| n.to_query_value()),
            Some("0.25".into())
        );
    }

    #[test]
    fn strings_are_not_numbers() {
        assert!(serde_json::from_str::<Number>("\"10\"").is_err());
    }
}
