//! Forgiving decoding of scalar fields.
//!
//! A server that sends `"5060"` where the docs promise an integer, or
//! `null` where they promise a string, must not make a whole response fail
//! to decode. Generated `Deserialize` impls read an optional scalar field
//! through [`read_optional`]: a value of the documented shape lands in the
//! typed field; any other value (including `null`) is kept, as it arrived,
//! in the object's map of extra fields, so re-encoding loses nothing.

use serde::de::MapAccess;
use serde_json::{Map, Value};

use crate::{FieldKey, Nullable, Number, Secret};

/// A type whose values can be taken from a JSON value of the right shape.
pub trait FromJson: Sized {
    /// Whether `value` has this type's shape.
    fn fits(value: &Value) -> bool;

    /// Takes the value; `None` when it does not fit.
    fn from_json(value: Value) -> Option<Self>;
}

impl FromJson for String {
    fn fits(value: &Value) -> bool {
        value.is_string()
    }

    fn from_json(value: Value) -> Option<Self> {
        match value {
            Value::String(text) => Some(text),
            _ => None,
        }
    }
}

impl FromJson for Secret<String> {
    fn fits(value: &Value) -> bool {
        value.is_string()
    }

    fn from_json(value: Value) -> Option<Self> {
        String::from_json(value).map(Secret::new)
    }
}

impl FromJson for i64 {
    fn fits(value: &Value) -> bool {
        value.is_i64()
    }

    fn from_json(value: Value) -> Option<Self> {
        value.as_i64()
    }
}

impl FromJson for bool {
    fn fits(value: &Value) -> bool {
        value.is_boolean()
    }

    fn from_json(value: Value) -> Option<Self> {
        value.as_bool()
    }
}

impl FromJson for Number {
    fn fits(value: &Value) -> bool {
        value.is_number()
    }

    fn from_json(value: Value) -> Option<Self> {
        match value {
            Value::Number(number) => Some(Number::from(number)),
            _ => None,
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn fits(value: &Value) -> bool {
        value
            .as_array()
            .is_some_and(|items| items.iter().all(T::fits))
    }

    fn from_json(value: Value) -> Option<Self> {
        match value {
            Value::Array(items) => items.into_iter().map(T::from_json).collect(),
            _ => None,
        }
    }
}

/// Reads the value of an optional field: into `slot` when it has the
/// field's shape, otherwise into `extra` under `key`, unchanged.
///
/// # Errors
///
/// Only when the input is not valid JSON at all.
pub fn read_optional<'de, A: MapAccess<'de>, T: FromJson>(
    map: &mut A,
    key: FieldKey<'de>,
    slot: &mut Option<T>,
    extra: &mut Map<String, Value>,
) -> Result<(), A::Error> {
    let value: Value = map.next_value()?;
    if T::fits(&value) {
        *slot = T::from_json(value);
    } else {
        extra.insert(key.into_string(), value);
    }
    Ok(())
}

/// Reads the value of an optional nullable field: `null` and values of the
/// field's shape into `slot`, anything else into `extra` under `key`.
///
/// # Errors
///
/// Only when the input is not valid JSON at all.
pub fn read_nullable<'de, A: MapAccess<'de>, T: FromJson>(
    map: &mut A,
    key: FieldKey<'de>,
    slot: &mut Nullable<T>,
    extra: &mut Map<String, Value>,
) -> Result<(), A::Error> {
    let value: Value = map.next_value()?;
    if value.is_null() {
        *slot = Nullable::Null;
    } else if T::fits(&value) {
        *slot = T::from_json(value).map_or(Nullable::Absent, Nullable::Value);
    } else {
        extra.insert(key.into_string(), value);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shapes() {
        assert!(
            String::fits(&json!("a")) && !String::fits(&json!(1)) && !String::fits(&Value::Null)
        );
        assert!(i64::fits(&json!(5)) && !i64::fits(&json!("5")) && !i64::fits(&json!(5.5)));
        assert!(Number::fits(&json!(5.5)) && !Number::fits(&json!("5.5")));
        assert!(Vec::<String>::fits(&json!(["a", "b"])) && !Vec::<String>::fits(&json!(["a", 1])));
        assert_eq!(Vec::<i64>::from_json(json!([1, 2])), Some(vec![1, 2]));
        assert_eq!(
            Secret::<String>::from_json(json!("pw")).map(Secret::into_inner),
            Some("pw".into())
        );
    }
}
