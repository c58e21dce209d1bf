//! Writing a value as JSON text while it is decoded, without building it.
//!
//! Unknown fields are kept so that re-encoding loses nothing, but they are
//! rarely looked at. Building a `serde_json::Value` for each one costs an
//! allocation per string, key and object (an object map is a B-tree node of
//! several hundred bytes); appending its text to one buffer per object costs
//! nothing once the buffer has grown. [`Extra`](super::Extra) parses the text
//! only when someone reads the fields.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// Decodes one value and appends it to `out` as compact JSON text.
pub(crate) struct JsonText<'a>(pub(crate) &'a mut Vec<u8>);

impl<'de> DeserializeSeed<'de> for JsonText<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Appends `text` as a JSON string, escaped as serde_json escapes it.
pub(crate) fn write_string(out: &mut Vec<u8>, text: &str) {
    // Writing into a Vec cannot fail, and a `&str` always serializes.
    let _ = serde_json::to_writer(out, text);
}

/// Appends a number or `null` (serde_json writes non-finite floats as
/// `null`, as `Value` holds them).
fn write_number(out: &mut Vec<u8>, number: impl serde::Serialize) {
    let _ = serde_json::to_writer(out, &number);
}

impl<'de> Visitor<'de> for JsonText<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<(), E> {
        self.0
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        write_number(self.0, value);
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        write_number(self.0, value);
        Ok(())
    }

    // Beyond 64 bits a JSON number without serde_json's arbitrary precision
    // is a float, which is what `Value` would hold too.
    fn visit_i128<E: de::Error>(self, value: i128) -> Result<(), E> {
        match i64::try_from(value) {
            Ok(value) => write_number(self.0, value),
            Err(_) => write_number(self.0, value as f64),
        }
        Ok(())
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<(), E> {
        match u64::try_from(value) {
            Ok(value) => write_number(self.0, value),
            Err(_) => write_number(self.0, value as f64),
        }
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<(), E> {
        write_number(self.0, value);
        Ok(())
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<(), E> {
        write_string(self.0, value);
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.extend_from_slice(b"null");
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let out = self.0;
        out.push(b'[');
        let mut first = true;
        loop {
            let mark = out.len();
            if !first {
                out.push(b',');
            }
            if seq.next_element_seed(JsonText(out))?.is_none() {
                out.truncate(mark);
                break;
            }
            first = false;
        }
        out.push(b']');
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let out = self.0;
        out.push(b'{');
        let mut first = true;
        while let Some(()) = map.next_key_seed(KeyText(out, !first))? {
            out.push(b':');
            map.next_value_seed(JsonText(out))?;
            first = false;
        }
        out.push(b'}');
        Ok(())
    }
}

/// Decodes an object key and appends it as a JSON string, after a comma
/// when it is not the first.
pub(crate) struct KeyText<'a>(pub(crate) &'a mut Vec<u8>, pub(crate) bool);

impl<'de> DeserializeSeed<'de> for KeyText<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyText<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<(), E> {
        if self.1 {
            self.0.push(b',');
        }
        write_string(self.0, key);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text written for `input`, and whether it parses to the same value.
    fn rewrite(input: &str) -> String {
        let mut out = Vec::new();
        let mut de = serde_json::Deserializer::from_str(input);
        JsonText(&mut out).deserialize(&mut de).unwrap();
        let text = String::from_utf8(out).unwrap();
        let before: serde_json::Value = serde_json::from_str(input).unwrap();
        let after: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(before, after, "{input} -> {text}");
        text
    }

    #[test]
    fn writes_what_value_would_write() {
        for input in [
            r#"{"a":1,"b":[true,false,null],"c":{"d":-2.5,"e":"x\"y\u00e9\n"},"f":[],"g":{}}"#,
            "18446744073709551615",
            "-9223372036854775808",
            "1e300",
            r#""\ud83d\ude00""#,
            "[[[]]]",
        ] {
            let text = rewrite(input);
            let value: serde_json::Value = serde_json::from_str(input).unwrap();
            assert_eq!(text, serde_json::to_string(&value).unwrap());
        }
    }

    #[test]
    fn a_failed_value_reports_the_deserializer_error() {
        let mut out = Vec::new();
        let mut de = serde_json::Deserializer::from_str(r#"{"a":[1,}"#);
        assert!(JsonText(&mut out).deserialize(&mut de).is_err());
    }
}
