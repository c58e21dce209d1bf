//! Serde helpers for integers that an API documents as JSON strings (`"3"`).
//!
//! Some APIs declare a field as a string holding a number. Generated code
//! models it as an integer, because that is what it means, and converts at
//! the wire with `#[serde(with = "...")]`. Decoding is lenient and accepts
//! a bare number too, since servers are not always consistent about it;
//! encoding always writes the documented string form.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! use telnyx_codegen_runtime::Nullable;
//! use telnyx_codegen_runtime::__private_v1 as wire;
//!
//! #[derive(Serialize, Deserialize)]
//! struct Trunk {
//!     #[serde(with = "wire::int_as_string")]
//!     channel_limit: i64,
//!     #[serde(default, with = "wire::option_int_as_string")]
//!     burst_limit: Option<i64>,
//!     #[serde(
//!         default,
//!         skip_serializing_if = "Nullable::is_absent",
//!         with = "wire::nullable_int_as_string"
//!     )]
//!     cps_limit: Nullable<i64>,
//! }
//!
//! let trunk: Trunk = serde_json::from_str(r#"{"channel_limit": 10, "burst_limit": "5"}"#).unwrap();
//! assert_eq!(trunk.channel_limit, 10);
//! assert_eq!(
//!     serde_json::to_string(&trunk).unwrap(),
//!     r#"{"channel_limit":"10","burst_limit":"5"}"#
//! );
//! ```

use std::fmt;

use serde::de::{self, Visitor};
use serde::Deserializer;

/// What every decoding error in this module says it wanted.
const EXPECTED: &str = "an integer or a string holding an integer";

/// Accepts `3`, `"3"` and `" 3 "` as the integer 3.
struct IntOrString;

impl Visitor<'_> for IntOrString {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<i64, E> {
        Ok(value)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<i64, E> {
        i64::try_from(value).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(value), &self))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<i64, E> {
        value
            .trim()
            .parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(value), &self))
    }
}

/// Reads a required integer sent as `3` or `"3"`.
fn deserialize_int<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    deserializer.deserialize_any(IntOrString)
}

/// Reads an optional integer: `null` gives `None`, anything else must be an
/// integer as [`IntOrString`] accepts it.
fn deserialize_option_int<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i64>, D::Error> {
    struct OptionIntOrString;

    impl<'de> Visitor<'de> for OptionIntOrString {
        type Value = Option<i64>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "null or {EXPECTED}")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        // Flattened structs buffer their fields and hand `null` over as unit.
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Self::Value, D::Error> {
            deserialize_int(deserializer).map(Some)
        }
    }

    deserializer.deserialize_option(OptionIntOrString)
}

/// A required `i64` sent as a JSON string: use with `#[serde(with = "...")]`.
pub mod int_as_string {
    use serde::{Deserializer, Serializer};

    /// Writes the integer as a string, `3` as `"3"`.
    ///
    /// # Errors
    ///
    /// Only those the serializer itself raises.
    pub fn serialize<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    /// Reads `3`, `"3"` or `" 3 "` as 3.
    ///
    /// # Errors
    ///
    /// Fails on anything else, saying that an integer or a string holding an
    /// integer was expected.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
        super::deserialize_int(deserializer)
    }
}

/// An `Option<i64>` sent as a JSON string or `null`: use with
/// `#[serde(default, with = "...")]` so a missing field is `None` too.
pub mod option_int_as_string {
    use serde::{Deserializer, Serializer};

    /// Writes `Some(3)` as `"3"` and `None` as `null`.
    ///
    /// # Errors
    ///
    /// Only those the serializer itself raises.
    pub fn serialize<S: Serializer>(value: &Option<i64>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(&value.to_string()),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `null` as `None`, and `3`, `"3"` or `" 3 "` as `Some(3)`.
    ///
    /// # Errors
    ///
    /// Fails on anything else, saying what was expected.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<i64>, D::Error> {
        super::deserialize_option_int(deserializer)
    }
}

/// A [`Nullable<i64>`](crate::Nullable) sent as a JSON string: use with
/// `#[serde(default, skip_serializing_if = "Nullable::is_absent", with = "...")]`.
pub mod nullable_int_as_string {
    use serde::{Deserializer, Serializer};

    use crate::Nullable;

    /// Writes `Value(3)` as `"3"`, and `Null` (or `Absent`, if it was not
    /// skipped) as `null`.
    ///
    /// # Errors
    ///
    /// Only those the serializer itself raises.
    pub fn serialize<S: Serializer>(
        value: &Nullable<i64>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Nullable::Value(value) => serializer.serialize_some(&value.to_string()),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }

    /// Reads `null` as `Null`, and `3`, `"3"` or `" 3 "` as `Value(3)`; a
    /// missing field becomes `Absent` through `#[serde(default)]`.
    ///
    /// # Errors
    ///
    /// Fails on anything else, saying what was expected.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Nullable<i64>, D::Error> {
        super::deserialize_option_int(deserializer).map(Nullable::from)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    use crate::Nullable;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Required {
        #[serde(with = "super::int_as_string")]
        n: i64,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Optional {
        #[serde(default, with = "super::option_int_as_string")]
        n: Option<i64>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Patch {
        #[serde(
            default,
            skip_serializing_if = "Nullable::is_absent",
            with = "super::nullable_int_as_string"
        )]
        n: Nullable<i64>,
        #[serde(flatten)]
        extra: serde_json::Map<String, serde_json::Value>,
    }

    #[test]
    fn required_accepts_number_and_string_forms() {
        for input in [json!({"n": 3}), json!({"n": "3"}), json!({"n": " 3 "})] {
            let decoded: Required = serde_json::from_value(input.clone()).unwrap();
            assert_eq!(decoded.n, 3, "decoding {input}");
        }
        let negative: Required = serde_json::from_str(r#"{"n":"-42"}"#).unwrap();
        assert_eq!(negative.n, -42);
    }

    #[test]
    fn required_writes_a_string() {
        let text = serde_json::to_string(&Required { n: 3 }).unwrap();
        assert_eq!(text, r#"{"n":"3"}"#);
    }

    #[test]
    fn errors_say_what_was_expected() {
        for input in [
            r#"{"n":"three"}"#,
            r#"{"n":true}"#,
            r#"{"n":1.5}"#,
            r#"{"n":18446744073709551615}"#,
        ] {
            let error = serde_json::from_str::<Required>(input).unwrap_err();
            assert!(
                error
                    .to_string()
                    .contains("an integer or a string holding an integer"),
                "{input}: {error}"
            );
        }
        let error = serde_json::from_str::<Optional>(r#"{"n":"x"}"#).unwrap_err();
        assert!(error.to_string().contains("string \"x\""), "{error}");
    }

    #[test]
    fn optional_handles_null_missing_and_values() {
        let cases = [
            (r#"{}"#, None),
            (r#"{"n":null}"#, None),
            (r#"{"n":7}"#, Some(7)),
            (r#"{"n":"7"}"#, Some(7)),
        ];
        for (text, expected) in cases {
            let decoded: Optional = serde_json::from_str(text).unwrap();
            assert_eq!(decoded.n, expected, "decoding {text}");
        }
        assert_eq!(
            serde_json::to_string(&Optional { n: Some(7) }).unwrap(),
            r#"{"n":"7"}"#
        );
        assert_eq!(
            serde_json::to_string(&Optional { n: None }).unwrap(),
            r#"{"n":null}"#
        );
    }

    #[test]
    fn nullable_keeps_three_states_beside_a_flattened_map() {
        for (value, state) in [
            (json!({"x": 1}), Nullable::Absent),
            (json!({"n": null, "x": 1}), Nullable::Null),
            (json!({"n": "9", "x": 1}), Nullable::Value(9)),
        ] {
            let decoded: Patch = serde_json::from_value(value.clone()).unwrap();
            assert_eq!(decoded.n, state, "decoding {value}");
            assert_eq!(serde_json::to_value(&decoded).unwrap(), value);
        }
        let from_number: Patch = serde_json::from_str(r#"{"n":9}"#).unwrap();
        assert_eq!(from_number.n, Nullable::Value(9));
    }
}
