//! [`Nullable`], a field that can be absent, explicitly null, or set.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field that can be absent, explicitly `null`, or set.
///
/// `Option` cannot tell "not sent" from "sent as null", and in a PATCH body
/// the two mean different things: absent leaves the field unchanged, null
/// clears it. Use it on a struct field like this:
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use telnyx_codegen_runtime::Nullable;
///
/// #[derive(Serialize, Deserialize)]
/// struct Patch {
///     #[serde(default, skip_serializing_if = "Nullable::is_absent")]
///     tag: Nullable<String>,
/// }
///
/// let cleared: Patch = serde_json::from_str(r#"{"tag":null}"#).unwrap();
/// assert!(cleared.tag.is_null());
/// let untouched: Patch = serde_json::from_str("{}").unwrap();
/// assert!(untouched.tag.is_absent());
/// ```
///
/// `#[serde(default)]` is what turns a missing field into [`Nullable::Absent`];
/// `skip_serializing_if` is what leaves it out again on the way back.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum Nullable<T> {
    /// Not present: leave the field as it is.
    #[default]
    Absent,
    /// Present as `null`: clear the field.
    Null,
    /// Present with a value: set the field.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the field is absent; made for `skip_serializing_if`.
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// Whether the field is an explicit `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The value, if one is set.
    pub fn value(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// The value, if one is set, forgetting whether it was absent or null.
    pub fn into_option(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// Borrows the value, keeping the state.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(value),
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

/// `None` becomes [`Nullable::Null`]: someone passing an `Option` has said
/// something about the field, so it is not absent.
impl<T> From<Option<T>> for Nullable<T> {
    fn from(value: Option<T>) -> Self {
        match value {
            Some(value) => Self::Value(value),
            None => Self::Null,
        }
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    /// Absent serializes as null too; pair the field with
    /// `skip_serializing_if = "Nullable::is_absent"` to leave it out instead.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(value) => serializer.serialize_some(value),
            Self::Absent | Self::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    /// Goes through `Option` because that is the one shape serde's buffered
    /// `#[serde(flatten)]` path knows how to turn `null` into; a hand-written
    /// visitor would see a unit there and fail.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    use super::Nullable;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        tag: Nullable<String>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct PatchWithExtra {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        tag: Nullable<i64>,
        #[serde(flatten)]
        extra: serde_json::Map<String, serde_json::Value>,
    }

    #[test]
    fn three_states_round_trip() {
        for (text, state) in [
            ("{}", Nullable::Absent),
            (r#"{"tag":null}"#, Nullable::Null),
            (r#"{"tag":"vip"}"#, Nullable::Value(String::from("vip"))),
        ] {
            let decoded: Patch = serde_json::from_str(text).unwrap();
            assert_eq!(decoded.tag, state, "decoding {text}");
            assert_eq!(serde_json::to_string(&decoded).unwrap(), text);
        }
    }

    #[test]
    fn three_states_round_trip_beside_a_flattened_map() {
        for (value, state) in [
            (json!({"other": 1}), Nullable::Absent),
            (json!({"tag": null, "other": 1}), Nullable::Null),
            (json!({"tag": 5, "other": 1}), Nullable::Value(5)),
        ] {
            let decoded: PatchWithExtra = serde_json::from_value(value.clone()).unwrap();
            assert_eq!(decoded.tag, state, "decoding {value}");
            assert_eq!(decoded.extra.get("other"), Some(&json!(1)));
            assert!(!decoded.extra.contains_key("tag"));
            assert_eq!(serde_json::to_value(&decoded).unwrap(), value);
        }
    }

    #[test]
    fn flattened_struct_decodes_from_text_too() {
        // from_str buffers through a different path than from_value.
        let decoded: PatchWithExtra = serde_json::from_str(r#"{"tag":null,"x":true}"#).unwrap();
        assert_eq!(decoded.tag, Nullable::Null);
    }

    #[test]
    fn wrong_type_is_an_error() {
        let result = serde_json::from_str::<Patch>(r#"{"tag":3}"#);
        assert!(result.is_err());
    }

    #[test]
    fn accessors() {
        let set = Nullable::Value(3);
        assert_eq!(set.value(), Some(&3));
        assert_eq!(set.as_ref(), Nullable::Value(&3));
        assert_eq!(set.into_option(), Some(3));
        assert!(Nullable::<i32>::Null.is_null());
        assert!(!Nullable::<i32>::Null.is_absent());
        assert_eq!(Nullable::<i32>::Null.value(), None);
        assert_eq!(Nullable::<i32>::Absent.into_option(), None);
        assert_eq!(Nullable::<i32>::default(), Nullable::Absent);
    }

    #[test]
    fn conversions() {
        assert_eq!(Nullable::from(1), Nullable::Value(1));
        assert_eq!(Nullable::from(Some(1)), Nullable::Value(1));
        assert_eq!(Nullable::<i32>::from(None), Nullable::Null);
    }
}
