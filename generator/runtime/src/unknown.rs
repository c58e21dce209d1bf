//! [`UnknownValue`], an enum value the API description did not list.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An enum value the API description did not list, kept exactly as it arrived.
///
/// Servers add enum values faster than clients are regenerated. Generated
/// enums carry an `Unknown(UnknownValue)` variant so such a value neither
/// fails the whole response nor gets lost when the object is sent back.
///
/// ```
/// use telnyx_codegen_runtime::UnknownValue;
///
/// let value = UnknownValue::new(serde_json::json!("paused"));
/// assert_eq!(value.as_str(), Some("paused"));
/// assert_eq!(value.to_string(), "paused");
/// ```
///
/// It is `Eq` and `Hash` so that generated enums holding it can derive them.
///
/// The value is boxed: it is rare, and a `serde_json::Value` inline (32
/// bytes) would make every generated enum, listed values included, four
/// times the size of a pointer. Boxed, an optional enum field is 16 bytes,
/// which keeps the decoded structs (and what decoding moves around) small.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnknownValue(Box<serde_json::Value>);

impl UnknownValue {
    /// Wraps a value as it arrived.
    pub fn new(value: serde_json::Value) -> Self {
        Self(Box::new(value))
    }

    /// The value, if it is a string.
    pub fn as_str(&self) -> Option<&str> {
        self.0.as_str()
    }

    /// The value, if it is an integer that fits in `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.as_i64()
    }

    /// The value as JSON.
    pub fn as_json(&self) -> &serde_json::Value {
        &self.0
    }

    /// Unwraps the JSON value.
    pub fn into_json(self) -> serde_json::Value {
        *self.0
    }
}

impl fmt::Display for UnknownValue {
    /// Strings print bare, as they would in a query string or a log line;
    /// anything else prints as its JSON text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            serde_json::Value::String(text) => f.write_str(text),
            other => write!(f, "{other}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn accessors() {
        let text = UnknownValue::new(json!("new_state"));
        assert_eq!(text.as_str(), Some("new_state"));
        assert_eq!(text.as_i64(), None);
        let number = UnknownValue::new(json!(7));
        assert_eq!(number.as_i64(), Some(7));
        assert_eq!(number.as_str(), None);
        assert_eq!(number.as_json(), &json!(7));
        assert_eq!(number.into_json(), json!(7));
    }

    #[test]
    fn display_drops_quotes_only_on_strings() {
        assert_eq!(UnknownValue::new(json!("a b")).to_string(), "a b");
        assert_eq!(UnknownValue::new(json!(1.5)).to_string(), "1.5");
        assert_eq!(
            UnknownValue::new(json!({"k": [1]})).to_string(),
            r#"{"k":[1]}"#
        );
    }

    #[test]
    fn stays_pointer_sized() {
        // Generated enums hold it in every value; see the type's docs.
        assert_eq!(
            std::mem::size_of::<UnknownValue>(),
            std::mem::size_of::<usize>()
        );
    }

    #[test]
    fn round_trips_unchanged() {
        let text = r#"{"odd":[1,"two",null]}"#;
        let value: UnknownValue = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&value).unwrap(), text);
    }
}
