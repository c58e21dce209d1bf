//! Text types: a generated newtype over text, such as an error code, whose
//! value may arrive as a JSON string or (for [`TextOrNumber`]) a JSON
//! number.
//!
//! Users see only the generated type (`ErrorCode`) and the methods the
//! hidden `__private_v1::text_type!` macro gives it: `as_str`, `Display`,
//! `From<&str>`, comparison with strings. The wire form is a detail kept
//! here, so that a code sent as `10015` is re-encoded as `10015`, not as
//! `"10015"` (decoding is lossless).

use std::fmt;
use std::hash::{Hash, Hasher};

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::model::{Fit, Lenient};
use crate::write_json::{JsonWriter, WriteJson};

/// What a text newtype wraps: text it can hand out as a `&str`, built from
/// a `String` (which is then sent as a JSON string).
pub trait TextValue {
    /// A value built by the user from text.
    fn from_text(text: String) -> Self;

    /// The text.
    fn text(&self) -> &str;
}

impl TextValue for String {
    fn from_text(text: String) -> Self {
        text
    }

    fn text(&self) -> &str {
        self
    }
}

/// Text that arrived as a JSON string or a JSON number, and is written back
/// in that form. A number's text is its digits as `serde_json` prints them
/// (`10015`, `2.5`).
///
/// Two values are equal (and hash alike) when their text is, whichever form
/// they came in: `"10015"` and `10015` are the same code.
#[derive(Clone)]
pub struct TextOrNumber {
    text: String,
    /// Set when the value arrived as a number: written back as one.
    number: Option<serde_json::Number>,
}

impl TextOrNumber {
    /// A number, whose text is its digits.
    pub fn from_number(number: serde_json::Number) -> Self {
        Self {
            text: number.to_string(),
            number: Some(number),
        }
    }

    /// Whether it arrived as (and is written back as) a JSON number.
    pub fn is_number(&self) -> bool {
        self.number.is_some()
    }
}

impl TextValue for TextOrNumber {
    fn from_text(text: String) -> Self {
        Self { text, number: None }
    }

    fn text(&self) -> &str {
        &self.text
    }
}

impl PartialEq for TextOrNumber {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for TextOrNumber {}

impl Hash for TextOrNumber {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl fmt::Debug for TextOrNumber {
    /// A string with its quotes, a number without: the form shows.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.number {
            Some(number) => fmt::Display::fmt(number, f),
            None => fmt::Debug::fmt(&self.text, f),
        }
    }
}

impl Serialize for TextOrNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.number {
            Some(number) => number.serialize(serializer),
            None => serializer.serialize_str(&self.text),
        }
    }
}

/// The client's body encoder: the same bytes as the `Serialize` impl.
impl WriteJson for TextOrNumber {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        match &self.number {
            Some(number) => out.serde(number),
            None => self.text.write_json(out),
        }
    }
}

/// Reads a string or a number; any other shape comes back as it arrived.
struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Fit<TextOrNumber>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Fit::Value(TextOrNumber::from_text(value.to_owned())))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(Fit::Value(TextOrNumber::from_text(value)))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Fit::Value(TextOrNumber::from_number(value.into())))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Fit::Value(TextOrNumber::from_number(value.into())))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        // JSON has no NaN or infinity, so a finite float always fits.
        Ok(match serde_json::Number::from_f64(value) {
            Some(number) => Fit::Value(TextOrNumber::from_number(number)),
            None => Fit::Other(Value::Null),
        })
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Fit::Other(Value::Bool(value)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Fit::Other(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Fit::Other(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Fit::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(de::value::MapAccessDeserializer::new(map)).map(Fit::Other)
    }
}

impl<'de> Deserialize<'de> for TextOrNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(TextVisitor)? {
            Fit::Value(value) => Ok(value),
            Fit::Other(other) => Err(de::Error::invalid_type(
                unexpected(&other),
                &"a string or a number",
            )),
        }
    }
}

/// How serde names a shape that did not fit, for the error message.
fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(value) => de::Unexpected::Bool(*value),
        Value::Number(_) => de::Unexpected::Other("a number"),
        Value::String(text) => de::Unexpected::Str(text),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

/// A `null` or another shape is kept as it arrived (in the object's extra
/// map, when the field is optional), like every other forgiving read.
impl Lenient for TextOrNumber {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Fit<Self>, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

/// The methods and trait implementations of a generated text type, a
/// tuple struct of one private field whose type is a [`TextValue`]
/// (`String` or [`TextOrNumber`]). Generated code calls it through
/// `__private_v1::text_type!`; every path in it is absolute, since it
/// expands among the generated crate's names (which may shadow `String`).
#[doc(hidden)]
#[macro_export]
macro_rules! __text_type_v1 {
    ($name:ident) => {
        impl $name {
            /// A value from its text (sent as a JSON string).
            pub fn new(text: impl ::core::convert::Into<::std::string::String>) -> Self {
                Self($crate::__private_v1::TextValue::from_text(
                    ::core::convert::Into::into(text),
                ))
            }

            /// The text: a string as it arrived, a number as its digits.
            pub fn as_str(&self) -> &str {
                $crate::__private_v1::TextValue::text(&self.0)
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private_v1::WriteJson for $name {
            #[inline]
            fn write_json(&self, out: &mut $crate::__private_v1::JsonWriter) {
                $crate::__private_v1::WriteJson::write_json(&self.0, out);
            }
        }

        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(text: &str) -> Self {
                Self::new(text)
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(text: ::std::string::String) -> Self {
                Self::new(text)
            }
        }

        impl ::core::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl ::core::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl ::core::cmp::PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.as_str()
            }
        }

        impl ::core::cmp::PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.as_str()
            }
        }

        impl $crate::__private_v1::serde::Serialize for $name {
            fn serialize<S: $crate::__private_v1::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private_v1::serde::Serialize::serialize(&self.0, serializer)
            }
        }

        impl<'de> $crate::__private_v1::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private_v1::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private_v1::serde::Deserialize::deserialize(deserializer).map(Self)
            }
        }

        impl $crate::__private_v1::Lenient for $name {
            fn deserialize_lenient<'de, D: $crate::__private_v1::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<$crate::__private_v1::Fit<Self>, D::Error> {
                $crate::__private_v1::lenient_text(deserializer, Self)
            }
        }

        impl $crate::__private_v1::Constraints for $name {
            fn check(&self, _: &str, _: &mut ::std::vec::Vec<$crate::__private_v1::__Violation>) {}
        }

        impl $crate::__private_v1::QueryValue for $name {
            fn to_query_value(&self) -> ::std::string::String {
                ::std::borrow::ToOwned::to_owned(self.as_str())
            }
        }
    };
}

/// What a generated text type's `Lenient` expands to: its field's forgiving
/// read, wrapped by `wrap` (the newtype's constructor).
///
/// # Errors
///
/// Only when the input is not valid for the deserializer at all.
#[inline]
pub fn lenient_text<'de, D: Deserializer<'de>, T: Lenient, N>(
    deserializer: D,
    wrap: fn(T) -> N,
) -> Result<Fit<N>, D::Error> {
    Ok(match T::deserialize_lenient(deserializer)? {
        Fit::Value(value) => Fit::Value(wrap(value)),
        Fit::Other(other) => Fit::Other(other),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use serde_json::json;

    use super::*;

    /// A generated text type that may arrive as a number.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Code(TextOrNumber);
    crate::__text_type_v1!(Code);

    #[test]
    fn the_client_encoder_writes_what_serialize_does() {
        let arrived = [
            "10015",
            "\"10015\"",
            "2.5",
            "-7",
            "18446744073709551615",
            "\"a\\\"b\\n\"",
        ];
        for text in arrived {
            let code: Code = serde_json::from_str(text).unwrap();
            let body = crate::write_json::encode_body(&code).unwrap();
            assert_eq!(body, serde_json::to_vec(&code).unwrap(), "{text}");
            assert_eq!(String::from_utf8(body).unwrap(), text);
        }
        let built = Code::from("x\"y");
        assert_eq!(
            crate::write_json::encode_body(&built).unwrap(),
            serde_json::to_vec(&built).unwrap()
        );
    }

    /// A generated text type that arrives only as a string.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Label(String);
    crate::__text_type_v1!(Label);

    fn lenient<T: Lenient>(value: Value) -> Fit<T> {
        T::deserialize_lenient(value).unwrap()
    }

    #[test]
    fn each_form_is_written_back_as_it_arrived() {
        for text in [
            r#""10015""#,
            "10015",
            "-3",
            "2.5",
            "18446744073709551615",
            r#""""#,
            r#""a \"quoted\" code""#,
        ] {
            let code: Code = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&code).unwrap(), text);
        }
    }

    #[test]
    fn a_number_reads_as_its_digits() {
        let code: Code = serde_json::from_str("10015").unwrap();
        assert_eq!(code.as_str(), "10015");
        assert_eq!(code.to_string(), "10015");
        assert!(code.0.is_number());
        let float: Code = serde_json::from_str("2.50").unwrap();
        assert_eq!(float.as_str(), "2.5");
        assert_eq!(serde_json::to_string(&float).unwrap(), "2.5");
    }

    #[test]
    fn a_value_built_from_text_is_sent_as_a_string() {
        let code = Code::from("10015");
        assert!(!code.0.is_number());
        assert_eq!(serde_json::to_value(&code).unwrap(), json!("10015"));
        assert_eq!(
            serde_json::to_value(Code::new(String::from("x"))).unwrap(),
            json!("x")
        );
        assert_eq!(serde_json::to_value(Label::from("x")).unwrap(), json!("x"));
    }

    #[test]
    fn equal_by_text_whatever_the_form() {
        let number: Code = serde_json::from_str("10015").unwrap();
        let text: Code = serde_json::from_str(r#""10015""#).unwrap();
        assert_eq!(number, text);
        assert_ne!(number, Code::from("10016"));
        // Both ways round, against `&str` and `str`.
        assert!(number == "10015");
        assert!("10015" == number);
        assert!(number == *"10015");
        assert!(*"10015" == number);
        assert_eq!(number.as_ref(), "10015");
        let set: HashSet<Code> = [number, text].into_iter().collect();
        assert_eq!(set.len(), 1);
        // `Borrow<str>` agrees with `Hash` and `Eq`: look up by text.
        assert!(set.contains("10015"));
    }

    #[test]
    fn a_query_or_path_value_is_the_text() {
        use crate::query::QueryValue;
        let number: Code = serde_json::from_str("10015").unwrap();
        assert_eq!(number.to_query_value(), "10015");
        assert_eq!(Label::from("a b").to_query_value(), "a b");
    }

    #[test]
    fn debug_shows_the_form() {
        let number: Code = serde_json::from_str("10015").unwrap();
        assert_eq!(format!("{number:?}"), "Code(10015)");
        assert_eq!(format!("{:?}", Code::from("10015")), r#"Code("10015")"#);
    }

    #[test]
    fn other_shapes_are_kept_by_a_forgiving_read() {
        for odd in [json!(null), json!({"id": 1}), json!([1, "a"]), json!(true)] {
            assert_eq!(lenient::<Code>(odd.clone()), Fit::Other(odd.clone()));
            assert_eq!(lenient::<Label>(odd.clone()), Fit::Other(odd));
        }
        // Only a text type that takes numbers takes them.
        assert_eq!(lenient::<Label>(json!(7)), Fit::Other(json!(7)));
        assert_eq!(
            lenient::<Code>(json!(7)),
            Fit::Value(serde_json::from_str("7").unwrap())
        );
    }

    #[test]
    fn a_strict_read_names_what_it_expected() {
        let err = serde_json::from_str::<Code>(r#"{"a":1}"#).unwrap_err();
        assert!(
            err.to_string().contains("expected a string or a number"),
            "{err}"
        );
        assert!(serde_json::from_str::<Code>("null").is_err());
        assert!(serde_json::from_str::<Label>("7").is_err());
    }
}
