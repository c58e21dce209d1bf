//! [`FieldKey`]: an object key, borrowed from the input when it can be.
//!
//! Generated `Deserialize` impls match keys against the fields they know and
//! keep the rest. Reading keys as `String` would allocate for every key of
//! every object; borrowing (as serde_json does for keys without escapes)
//! allocates only for the unknown keys that are kept.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// An object key, borrowed when the deserializer allows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldKey<'de>(Cow<'de, str>);

impl<'de> FieldKey<'de> {
    /// The key.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key as an owned string (for keeping an unknown field).
    #[inline]
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> de::Deserialize<'de> for FieldKey<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = FieldKey<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }

            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
                Ok(FieldKey(Cow::Borrowed(key)))
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
                Ok(FieldKey(Cow::Owned(key.to_owned())))
            }

            fn visit_string<E: de::Error>(self, key: String) -> Result<Self::Value, E> {
                Ok(FieldKey(Cow::Owned(key)))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_borrowed_when_the_input_allows() {
        let mut de = serde_json::Deserializer::from_str(r#""plain""#);
        let key = <FieldKey<'_> as de::Deserialize>::deserialize(&mut de).ok();
        assert!(matches!(key, Some(FieldKey(Cow::Borrowed("plain")))));
        let mut de = serde_json::Deserializer::from_str(r#""esc\u0061ped""#);
        let key = <FieldKey<'_> as de::Deserialize>::deserialize(&mut de).ok();
        assert_eq!(key.map(FieldKey::into_string).as_deref(), Some("escaped"));
    }
}
