//! The client's JSON encoder for request bodies: [`WriteJson`] writes a
//! value straight into a byte buffer, without a serializer in between.
//!
//! Generated types keep their `Serialize` impls (users write them to other
//! formats), but a request body is always JSON, and through serde every
//! struct field costs a scan of its key for characters to escape and a
//! check of the serializer's state. The `Model` derive knows every key
//! when it expands, so it writes each as a byte string escaped in advance
//! (`,"key":`), and values go through the small impls below.
//!
//! The rule this module keeps: for every value, [`encode_body`] gives the
//! same bytes as `serde_json::to_vec` of its `Serialize` impl. Anything
//! whose form is not trivially the same (floats, escaped strings, free-form
//! JSON, numbers kept as they arrived) is handed to serde_json itself. The
//! workspace's `tests/tests/samples.rs` (every spec sample) and
//! `tests/tests/encode.rs` (random values) compare the two byte for byte.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::Value;

use crate::model::IntString;
use crate::{DateTime, Extra, Nullable, Number, Secret, UnknownValue};

/// A value the client can write as a JSON request body.
///
/// Implemented by the `Model`, `OpenEnum` and `Lenient` derives (unless the
/// type is marked `#[model(received)]`) and, here, for the types generated
/// fields have. A type with only a `Serialize` impl
/// is sent through [`SerdeJson`].
pub trait WriteJson {
    /// Appends the value's JSON text to `out`: the same bytes as
    /// `serde_json::to_writer` of its `Serialize` impl.
    fn write_json(&self, out: &mut JsonWriter);
}

/// The buffer [`WriteJson`] writes into, and the first error serde_json
/// raised for a value handed to it (such as a map whose keys are not
/// strings; the generated types never raise one).
///
/// Holding the error here rather than returning it keeps every
/// `write_json` infallible: derived impls have no `?` per field, which is
/// both less code to compile and fewer branches to run.
pub struct JsonWriter {
    bytes: Vec<u8>,
    error: Option<serde_json::Error>,
}

impl JsonWriter {
    /// Appends bytes that are JSON text already.
    #[inline(always)]
    pub fn raw(&mut self, text: &[u8]) {
        self.bytes.extend_from_slice(text);
    }

    /// Appends an entry whose value is JSON text already.
    #[inline(always)]
    fn raw_entry(&mut self, key: &[u8], value: &[u8]) {
        self.raw(key);
        self.raw(value);
    }

    /// Appends one byte of JSON text.
    #[inline(always)]
    fn byte(&mut self, byte: u8) {
        self.bytes.push(byte);
    }

    /// Writes `value` through its `Serialize` impl, as serde_json does,
    /// keeping the first error.
    pub fn serde<T: Serialize + ?Sized>(&mut self, value: &T) {
        if let Err(error) = serde_json::to_writer(&mut self.bytes, value) {
            self.error.get_or_insert(error);
        }
    }

    /// Starts an object: where it starts, for [`end_object`](Self::end_object).
    ///
    /// Every entry is written with a leading comma (`,"key":value`), so no
    /// entry checks whether one came before it; `end_object` turns the
    /// first comma into the opening brace.
    #[inline(always)]
    pub fn begin_object(&self) -> usize {
        self.bytes.len()
    }

    /// Ends the object begun at `start`.
    #[inline(always)]
    pub fn end_object(&mut self, start: usize) {
        match self.bytes.get_mut(start) {
            // The first entry's comma.
            Some(first) => {
                *first = b'{';
                self.bytes.push(b'}');
            }
            None => self.bytes.extend_from_slice(b"{}"),
        }
    }
}

/// Encodes a request body: what `Request::json` sends.
///
/// # Errors
///
/// The first error serde_json raised for a part of `body` handed to it.
pub fn encode_body<B: WriteJson + ?Sized>(body: &B) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = JsonWriter {
        // serde_json::to_vec's first allocation, so both start alike.
        bytes: Vec::with_capacity(128),
        error: None,
    };
    body.write_json(&mut out);
    match out.error {
        Some(error) => Err(error),
        None => Ok(out.bytes),
    }
}

/// A value sent through its `Serialize` impl: for bodies of hand-written
/// types, which have no [`WriteJson`] of their own.
pub struct SerdeJson<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> WriteJson for SerdeJson<'_, T> {
    fn write_json(&self, out: &mut JsonWriter) {
        out.serde(self.0);
    }
}

// ---------------------------------------------------------------------------
// Objects, as the `Model` derive writes them.

/// Writes one entry: `key` is `,"name":` as the derive escaped it.
#[inline(always)]
pub fn write_json_entry<V: WriteJson + ?Sized>(out: &mut JsonWriter, key: &[u8], value: &V) {
    out.raw(key);
    value.write_json(out);
}

/// Writes an optional field's entry when it is set.
#[inline(always)]
pub fn write_json_optional<V: WriteJson>(out: &mut JsonWriter, key: &[u8], value: &Option<V>) {
    if let Some(value) = value {
        write_json_entry(out, key, value);
    }
}

/// Writes a nullable optional field's entry (`null` included) unless it
/// is absent.
#[inline(always)]
pub fn write_json_nullable<V: WriteJson>(out: &mut JsonWriter, key: &[u8], value: &Nullable<V>) {
    if !value.is_absent() {
        write_json_entry(out, key, value);
    }
}

/// Writes a required integer sent as a string (`"3"`).
#[inline(always)]
pub fn write_json_int_string(out: &mut JsonWriter, key: &[u8], value: &i64) {
    write_json_entry(out, key, &IntString(*value));
}

/// Writes a required, nullable integer sent as a string (`"3"` or `null`).
#[inline(always)]
pub fn write_json_option_int_string(out: &mut JsonWriter, key: &[u8], value: &Option<i64>) {
    write_json_entry(out, key, &value.map(IntString));
}

/// Writes an optional integer sent as a string when it is set.
#[inline(always)]
pub fn write_json_optional_int_string(out: &mut JsonWriter, key: &[u8], value: &Option<i64>) {
    if let Some(value) = value {
        write_json_entry(out, key, &IntString(*value));
    }
}

/// Writes a nullable optional integer sent as a string unless it is absent.
#[inline(always)]
pub fn write_json_nullable_int_string(out: &mut JsonWriter, key: &[u8], value: &Nullable<i64>) {
    match value {
        Nullable::Absent => {}
        Nullable::Null => out.raw_entry(key, b"null"),
        Nullable::Value(value) => write_json_entry(out, key, &IntString(*value)),
    }
}

// ---------------------------------------------------------------------------
// Strings.

/// Appends `text` as a JSON string, as serde_json escapes it.
///
/// Most strings need no escape: those are copied between quotes after a
/// check eight bytes at a time. The rest go to serde_json, so its escaping
/// rules are used as they are, never restated.
#[inline]
fn write_str(out: &mut JsonWriter, text: &str) {
    let bytes = text.as_bytes();
    if needs_escape(bytes) {
        out.serde(text);
        return;
    }
    let out = &mut out.bytes;
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    out.extend_from_slice(bytes);
    out.push(b'"');
}

/// Whether `bytes` holds a byte JSON escapes: a control character (below
/// 0x20), `"` or `\`.
#[inline]
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    /// Whether a byte of `word` is zero (exact as to whether there is one).
    #[inline(always)]
    fn has_zero(word: u64) -> bool {
        word.wrapping_sub(ONES) & !word & HIGH != 0
    }
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_ne_bytes(word);
        // A byte below 0x20 (bytes of 0x80 and above are not, hence `& !word`).
        let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH != 0;
        if control
            || has_zero(word ^ (ONES * u64::from(b'"')))
            || has_zero(word ^ (ONES * u64::from(b'\\')))
        {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&byte| byte < 0x20 || byte == b'"' || byte == b'\\')
}

impl WriteJson for str {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        write_str(out, self);
    }
}

impl WriteJson for String {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        write_str(out, self);
    }
}

impl WriteJson for DateTime {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        write_str(out, self.as_str());
    }
}

// ---------------------------------------------------------------------------
// Scalars.

impl WriteJson for bool {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        out.raw(if *self { b"true" } else { b"false" });
    }
}

/// Integers and floats as serde_json writes them (itoa; floats by its own
/// rules, non-finite as `null`).
macro_rules! through_serde_json {
    ($($ty:ty),*) => {$(
        impl WriteJson for $ty {
            #[inline]
            fn write_json(&self, out: &mut JsonWriter) {
                out.serde(self);
            }
        }
    )*};
}

through_serde_json!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize, f32, f64);
through_serde_json!(Value, Number, UnknownValue, serde_json::Map<String, Value>, Extra);

impl WriteJson for IntString {
    /// `"3"`: the `Display` of an integer needs no escape.
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        out.byte(b'"');
        out.serde(&self.0);
        out.byte(b'"');
    }
}

// ---------------------------------------------------------------------------
// Wrappers and collections.

impl<T: WriteJson + ?Sized> WriteJson for &T {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        (**self).write_json(out);
    }
}

impl<T: WriteJson + ?Sized> WriteJson for Box<T> {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        (**self).write_json(out);
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        match self {
            Some(value) => value.write_json(out),
            None => {
                out.raw(b"null");
            }
        }
    }
}

impl<T: WriteJson> WriteJson for Nullable<T> {
    /// Absent writes `null` too, as its `Serialize` does; generated structs
    /// leave an absent field out before getting here.
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        match self {
            Nullable::Value(value) => value.write_json(out),
            Nullable::Absent | Nullable::Null => {
                out.raw(b"null");
            }
        }
    }
}

impl<T: WriteJson> WriteJson for Secret<T> {
    /// The value itself: `Secret` hides it from `Debug`, not from the wire.
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        self.expose().write_json(out);
    }
}

impl<T: WriteJson> WriteJson for [T] {
    fn write_json(&self, out: &mut JsonWriter) {
        out.byte(b'[');
        let mut elements = self.iter();
        if let Some(first) = elements.next() {
            first.write_json(out);
            for element in elements {
                out.byte(b',');
                element.write_json(out);
            }
        }
        out.byte(b']');
    }
}

impl<T: WriteJson, const N: usize> WriteJson for [T; N] {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        self.as_slice().write_json(out);
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        self.as_slice().write_json(out);
    }
}

/// An object of arbitrary keys, in the map's own order.
fn write_map<'a, V: WriteJson + 'a>(
    out: &mut JsonWriter,
    entries: impl Iterator<Item = (&'a String, &'a V)>,
) {
    let start = out.begin_object();
    for (key, value) in entries {
        out.byte(b',');
        write_str(out, key);
        out.byte(b':');
        value.write_json(out);
    }
    out.end_object(start);
}

impl<V: WriteJson> WriteJson for BTreeMap<String, V> {
    fn write_json(&self, out: &mut JsonWriter) {
        write_map(out, self.iter());
    }
}

impl<V: WriteJson, S> WriteJson for HashMap<String, V, S> {
    fn write_json(&self, out: &mut JsonWriter) {
        write_map(out, self.iter());
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Both encoders' bytes, as text.
    fn both<T: WriteJson + Serialize + ?Sized>(value: &T) -> (String, String) {
        let fast = encode_body(value).unwrap_or_default();
        let serde = serde_json::to_vec(value).unwrap_or_default();
        (
            String::from_utf8_lossy(&fast).into_owned(),
            String::from_utf8_lossy(&serde).into_owned(),
        )
    }

    #[test]
    fn strings_escape_as_serde_json_does() {
        let mut cases: Vec<String> = [
            "",
            "plain",
            "exactly8",
            "sixteen bytes ok",
            "quote \" in the middle of a long string",
            "back\\slash",
            "tab\tnew\nline\r",
            "\u{7f} del is not escaped",
            "Zürich – 東京 🎉",
            "\u{0}\u{1}\u{1f}",
            "0123456\"",
            "01234567\\",
        ]
        .iter()
        .map(|text| (*text).to_owned())
        .collect();
        // Every byte value below 0x80 at every position of a word.
        for byte in 0u8..0x80 {
            for at in 0..9 {
                let mut text = "x".repeat(at);
                text.push(char::from(byte));
                text.push_str("tail");
                cases.push(text);
            }
        }
        for text in &cases {
            let (fast, serde) = both(text.as_str());
            assert_eq!(fast, serde, "{text:?}");
        }
    }

    #[test]
    fn numbers_and_wrappers_match_serde_json() {
        assert_eq!(both(&i64::MIN).0, both(&i64::MIN).1);
        assert_eq!(both(&u64::MAX).0, "18446744073709551615");
        assert_eq!(both(&f64::NAN).0, "null");
        for float in [0.1, -0.0, 1e300, 5e-324, 1.0, 123_456.789] {
            let (fast, serde) = both(&float);
            assert_eq!(fast, serde);
        }
        assert_eq!(both(&Some(3)).0, "3");
        assert_eq!(both(&None::<i64>).0, "null");
        assert_eq!(both(&Nullable::<i64>::Null).0, "null");
        assert_eq!(both(&vec![1, 2, 3]).0, "[1,2,3]");
        assert_eq!(both(&Vec::<i64>::new()).0, "[]");
        assert_eq!(both(&Secret::new(String::from("pw"))).0, "\"pw\"");
        let mut map = BTreeMap::new();
        assert_eq!(both(&map).0, "{}");
        map.insert(String::from("b\""), vec![true]);
        map.insert(String::from("a"), vec![]);
        let (fast, serde) = both(&map);
        assert_eq!(fast, serde);
        assert_eq!(fast, r#"{"a":[],"b\"":[true]}"#);
        let value = json!({"z": [1.5, null, {"k": "v\u{1}"}], "a": -1});
        let (fast, serde) = both(&value);
        assert_eq!(fast, serde);
    }

    #[test]
    fn int_string_is_quoted() {
        let (fast, serde) = both(&IntString(-42));
        assert_eq!(fast, "\"-42\"");
        assert_eq!(fast, serde);
    }

    #[test]
    fn serde_fallback_reports_errors() {
        let mut map = HashMap::new();
        map.insert(vec![1], 1);
        assert!(encode_body(&SerdeJson(&map)).is_err());
    }
}
