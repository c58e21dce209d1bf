//! [`Extra`]: the fields of a response the API description did not list,
//! kept in the order they arrived so that re-encoding loses nothing.

mod json_text;

use std::fmt;
use std::sync::OnceLock;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::key::FieldKey;
use json_text::{write_string, JsonText};

/// The fields of an object that its type does not list, as they arrived.
///
/// Entries keep their arrival order, so re-encoding writes them as the
/// server sent them. Lookups compare keys one by one; when a key arrived
/// twice, [`get`](Self::get) answers with the later value, as a JSON object
/// would.
///
/// Decoding keeps the fields as JSON text, one buffer per object, and turns
/// them into [`Value`]s the first time they are read: most responses'
/// unknown fields are never looked at, and building values for them was most
/// of what keeping them cost.
///
/// ```
/// use serde_json::json;
/// use telnyx_codegen_runtime::Extra;
///
/// let mut extra = Extra::new();
/// extra.insert("region", json!("eu"));
/// assert_eq!(extra.get("region"), Some(&json!("eu")));
/// assert_eq!(serde_json::to_value(&extra).unwrap(), json!({"region": "eu"}));
/// ```
#[derive(Clone, Default)]
pub struct Extra(
    /// Nothing until a field is kept: most objects have no unknown fields,
    /// and a generated struct (one `Extra` per object type) stays a pointer
    /// wider rather than a buffer, a count and a cache wider.
    Option<Box<Kept>>,
);

/// The fields of a non-empty [`Extra`].
#[derive(Clone, Default)]
struct Kept {
    /// Fields kept by decoding: `"key":value` entries joined by commas,
    /// without braces. Once `values` is set it holds the same fields, and
    /// an edit empties this text so that `values` alone holds them.
    text: Vec<u8>,
    /// How many entries `text` holds.
    text_entries: usize,
    /// The fields as values, parsed from `text` when first read.
    values: OnceLock<Vec<(String, Value)>>,
}

impl Extra {
    /// No fields.
    pub fn new() -> Self {
        Self::default()
    }

    /// The fields as values, parsed from the kept text on first use.
    fn entries(&self) -> &[(String, Value)] {
        match &self.0 {
            Some(kept) => kept.entries(),
            None => &[],
        }
    }

    /// The kept fields, made room for.
    fn kept(&mut self) -> &mut Kept {
        self.0.get_or_insert_with(Box::default)
    }

    /// The value of `key` (the later one, if it arrived twice).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries()
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, value)| value)
    }

    /// Whether `key` is kept.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` to `value`, replacing a value it had; the old value.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) -> Option<Value> {
        let key = key.into();
        self.kept().edit(
            |entries| match entries.iter_mut().rev().find(|(k, _)| *k == key) {
                Some((_, slot)) => Some(std::mem::replace(slot, value)),
                None => {
                    entries.push((key, value));
                    None
                }
            },
        )
    }

    /// Removes `key` (every value it had); the later value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let kept = self.0.as_mut()?;
        kept.edit(|entries| {
            let mut removed = None;
            entries.retain_mut(|(k, value)| {
                if k == key {
                    removed = Some(std::mem::take(value));
                    false
                } else {
                    true
                }
            });
            removed
        })
    }

    /// How many fields are kept.
    #[inline]
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |kept| kept.len())
    }

    /// Whether nothing is kept.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The fields in arrival order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries()
            .iter()
            .map(|(key, value)| (key.as_str(), value))
    }
}

impl Kept {
    /// The fields as values, parsed from the kept text on first use.
    fn entries(&self) -> &[(String, Value)] {
        self.values.get_or_init(|| parse_entries(&self.text))
    }

    /// Runs `edit` on the fields as values, which from then on are the only
    /// copy of them.
    fn edit<R>(&mut self, edit: impl FnOnce(&mut Vec<(String, Value)>) -> R) -> R {
        let mut values = self
            .values
            .take()
            .unwrap_or_else(|| parse_entries(&self.text));
        self.text = Vec::new();
        self.text_entries = 0;
        let result = edit(&mut values);
        self.values = OnceLock::from(values);
        result
    }

    #[inline]
    fn len(&self) -> usize {
        match self.values.get() {
            Some(values) => values.len(),
            None => self.text_entries,
        }
    }

    /// Writes `"key":` (after a comma when an entry came before) and
    /// returns where the entry starts, for undoing it.
    fn start_entry(&mut self, key: &str) -> usize {
        let mark = self.text.len();
        if self.text_entries > 0 {
            self.text.push(b',');
        } else {
            // One allocation for a typical object's unknown fields, where
            // growing from empty would take four.
            self.text.reserve(FIRST_CAPACITY);
        }
        write_string(&mut self.text, key);
        self.text.push(b':');
        mark
    }

    /// Keeps the value `map` holds next under `key`, as decoding meets it:
    /// appended without a lookup, so a body of many unknown keys costs
    /// linear time.
    fn append_next<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        if self.values.get().is_some() {
            let value = map.next_value()?;
            self.edit(|entries| entries.push((key.to_owned(), value)));
            return Ok(());
        }
        let mark = self.start_entry(key);
        if let Err(error) = map.next_value_seed(JsonText(&mut self.text)) {
            // Leave the text whole: the caller may keep the value after all.
            self.text.truncate(mark);
            return Err(error);
        }
        self.text_entries += 1;
        Ok(())
    }

    /// Keeps a field whose value is already built.
    fn append_value(&mut self, key: String, value: Value) {
        if self.values.get().is_some() {
            self.edit(|entries| entries.push((key, value)));
            return;
        }
        self.start_entry(&key);
        // Writing a Value into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut self.text, &value);
        self.text_entries += 1;
    }
}

/// Bytes reserved for an object's kept text when its first field arrives.
const FIRST_CAPACITY: usize = 128;

/// The entries of kept text. The text was written by serde_json, entry by
/// entry, so it always parses; were it ever not to, no fields is the answer
/// that loses nothing the caller could use.
fn parse_entries(text: &[u8]) -> Vec<(String, Value)> {
    struct Entries;

    impl<'de> Visitor<'de> for Entries {
        type Value = Vec<(String, Value)>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
            while let Some(entry) = map.next_entry()? {
                entries.push(entry);
            }
            Ok(entries)
        }
    }

    if text.is_empty() {
        return Vec::new();
    }
    let mut object = Vec::with_capacity(text.len() + 2);
    object.push(b'{');
    object.extend_from_slice(text);
    object.push(b'}');
    let mut deserializer = serde_json::Deserializer::from_slice(&object);
    let parsed = deserializer.deserialize_map(Entries);
    debug_assert!(parsed.is_ok(), "kept text does not parse");
    parsed.unwrap_or_default()
}

impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        self.entries() == other.entries()
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Extra {
    type Item = (&'a str, &'a Value);
    type IntoIter = Box<dyn Iterator<Item = (&'a str, &'a Value)> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entries = self.entries();
        let mut map = serializer.serialize_map(Some(entries.len()))?;
        for (key, value) in entries {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;

        impl<'de> Visitor<'de> for Fields {
            type Value = Extra;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extra, A::Error> {
                let mut extra = Extra::new();
                while let Some(key) = map.next_key::<FieldKey<'de>>()? {
                    extra.kept().append_next(key.as_str(), &mut map)?;
                }
                Ok(extra)
            }
        }

        deserializer.deserialize_map(Fields)
    }
}

/// Where a derived type keeps what it does not know: [`Extra`] in generated
/// code, or a `serde_json::Map` in a hand-written type.
pub trait KeepUnknown: Default {
    /// Keeps the value `map` holds next, under `key`, as decoding meets it;
    /// by default built as a [`Value`] and handed to [`keep`](Self::keep).
    ///
    /// # Errors
    ///
    /// When the input is not valid for the deserializer at all.
    fn keep_next<'de, A: MapAccess<'de>>(
        &mut self,
        key: FieldKey<'de>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        let value = map.next_value()?;
        self.keep(key.into_string(), value);
        Ok(())
    }

    /// Keeps one field whose value is already built (a known field's value
    /// of the wrong shape).
    fn keep(&mut self, key: String, value: Value);

    /// Whether nothing is kept.
    fn nothing_kept(&self) -> bool;

    /// The kept fields, in the order they are written back.
    fn kept_fields(&self) -> impl Iterator<Item = (&str, &Value)>;

    /// Writes every kept field whose key `is_set` does not claim (a field
    /// set on the type wins over a kept value of the same key, so no key is
    /// written twice).
    ///
    /// # Errors
    ///
    /// When the serializer fails.
    fn write_kept<M: SerializeMap>(
        &self,
        map: &mut M,
        is_set: impl Fn(&str) -> bool,
    ) -> Result<(), M::Error> {
        for (key, value) in self.kept_fields() {
            if !is_set(key) {
                map.serialize_entry(key, value)?;
            }
        }
        Ok(())
    }
}

impl KeepUnknown for Extra {
    fn keep_next<'de, A: MapAccess<'de>>(
        &mut self,
        key: FieldKey<'de>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        self.kept().append_next(key.as_str(), map)
    }

    fn keep(&mut self, key: String, value: Value) {
        self.kept().append_value(key, value);
    }

    // Checked for every object written: inlined, so that an object
    // without kept fields costs a load and a compare.
    #[inline]
    fn nothing_kept(&self) -> bool {
        self.is_empty()
    }

    fn kept_fields(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.iter()
    }
}

impl KeepUnknown for serde_json::Map<String, Value> {
    fn keep(&mut self, key: String, value: Value) {
        self.insert(key, value);
    }

    fn nothing_kept(&self) -> bool {
        self.is_empty()
    }

    fn kept_fields(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.iter().map(|(key, value)| (key.as_str(), value))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn keeps_arrival_order_and_writes_it_back() {
        let text = r#"{"zeta":1,"alpha":[true],"mid":{"x":null}}"#;
        let extra: Extra = serde_json::from_str(text).unwrap();
        let keys: Vec<&str> = extra.iter().map(|(key, _)| key).collect();
        assert_eq!(keys, ["zeta", "alpha", "mid"]);
        assert_eq!(serde_json::to_string(&extra).unwrap(), text);
        assert_eq!(
            format!("{extra:?}"),
            r#"{"zeta": Number(1), "alpha": Array [Bool(true)], "mid": Object {"x": Null}}"#
        );
    }

    #[test]
    fn insert_replaces_get_sees_the_later_duplicate_remove_takes_all() {
        let mut extra = Extra::new();
        assert!(extra.is_empty());
        assert_eq!(extra.insert("a", json!(1)), None);
        assert_eq!(extra.insert("a", json!(2)), Some(json!(1)));
        assert_eq!(extra.len(), 1);
        extra.keep("b".into(), json!("first"));
        extra.keep("b".into(), json!("second"));
        assert_eq!(extra.get("b"), Some(&json!("second")));
        assert!(extra.contains_key("b") && !extra.contains_key("c"));
        assert_eq!(extra.remove("b"), Some(json!("second")));
        assert_eq!(extra.len(), 1);
        assert_eq!(extra.remove("b"), None);
    }

    #[test]
    fn decoded_text_and_edited_values_agree() {
        let text = r#"{"b":"x\"y","a":{"n":[1,2.5,null]},"b":false}"#;
        let decoded: Extra = serde_json::from_str(text).unwrap();
        assert_eq!(decoded.len(), 3);
        // Nothing parsed yet: re-encoding from the kept text is exact.
        assert_eq!(serde_json::to_string(&decoded).unwrap(), text);
        assert_eq!(decoded.get("b"), Some(&json!(false)));
        assert_eq!(decoded.get("a"), Some(&json!({"n": [1, 2.5, null]})));

        let mut built = Extra::new();
        built.keep("b".into(), json!("x\"y"));
        built.keep("a".into(), json!({"n": [1, 2.5, null]}));
        built.keep("b".into(), json!(false));
        assert_eq!(built, decoded);

        // An edit after decoding: later decoding appends to the values.
        let mut edited = decoded.clone();
        edited.insert("c", json!(1));
        let mut de = serde_json::Deserializer::from_str(r#"{"d":[true]}"#);
        assert!(serde::de::Deserializer::deserialize_map(&mut de, KeepAll(&mut edited)).is_ok());
        assert_eq!(
            serde_json::to_value(&edited).unwrap(),
            json!({"b": false, "a": {"n": [1, 2.5, null]}, "c": 1, "d": [true]})
        );
        assert_eq!(edited.len(), 5);
        assert_eq!(edited.remove("d"), Some(json!([true])));
        assert_eq!(edited.len(), 4);
    }

    /// Feeds every field of a map to `keep_next`, as derived types do.
    struct KeepAll<'a>(&'a mut Extra);

    impl<'de> Visitor<'de> for KeepAll<'_> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<FieldKey<'de>>()? {
                KeepUnknown::keep_next(self.0, key, &mut map)?;
            }
            Ok(())
        }
    }

    #[test]
    fn a_value_that_fails_leaves_the_kept_text_whole() {
        let mut extra = Extra::new();
        extra.keep("a".into(), json!(1));
        let mut de = serde_json::Deserializer::from_str(r#"{"b":[1,}"#);
        assert!(serde::de::Deserializer::deserialize_map(&mut de, KeepAll(&mut extra)).is_err());
        assert_eq!(extra.len(), 1);
        assert_eq!(serde_json::to_string(&extra).unwrap(), r#"{"a":1}"#);
    }
}
