//! [`Extra`]: the fields of a response the API description did not list,
//! kept in the order they arrived so that re-encoding loses nothing.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// The fields of an object that its type does not list, as they arrived.
///
/// A small list rather than a map: an object carries few unknown fields,
/// and a list costs one allocation where a B-tree costs a node of several
/// hundred bytes per object, which dominated decoding when unknown fields
/// were kept. Entries keep their arrival order, so re-encoding writes them
/// as the server sent them. Lookups compare keys one by one; when a key
/// arrived twice, [`get`](Self::get) answers with the later value, as a
/// JSON object would.
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
#[derive(Clone, Default, PartialEq)]
pub struct Extra {
    entries: Vec<(String, Value)>,
}

impl Extra {
    /// No fields.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of `key` (the later one, if it arrived twice).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries
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
        match self.entries.iter_mut().rev().find(|(k, _)| *k == key) {
            Some((_, slot)) => Some(std::mem::replace(slot, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }

    /// Removes `key` (every value it had); the later value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let mut removed = None;
        self.entries.retain_mut(|(k, value)| {
            if k == key {
                removed = Some(std::mem::take(value));
                false
            } else {
                true
            }
        });
        removed
    }

    /// How many fields are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The fields in arrival order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries
            .iter()
            .map(|(key, value)| (key.as_str(), value))
    }

    /// Keeps a field as decoding meets it: appended without a lookup, so a
    /// body of many unknown keys costs linear time.
    pub(crate) fn push(&mut self, key: String, value: Value) {
        self.entries.push((key, value));
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
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (key, value) in &self.entries {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;

        impl<'de> Visitor<'de> for Entries {
            type Value = Extra;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extra, A::Error> {
                let mut extra = Extra::new();
                while let Some((key, value)) = map.next_entry::<String, Value>()? {
                    extra.push(key, value);
                }
                Ok(extra)
            }
        }

        deserializer.deserialize_map(Entries)
    }
}

/// Where a derived type keeps what it does not know: [`Extra`] in generated
/// code, or a `serde_json::Map` in a hand-written type.
pub trait KeepUnknown: Default {
    /// Keeps one field as decoding meets it.
    fn keep(&mut self, key: String, value: Value);

    /// Whether nothing is kept.
    fn nothing_kept(&self) -> bool;

    /// Writes every kept field whose key `is_set` does not claim.
    ///
    /// # Errors
    ///
    /// When the serializer fails.
    fn write_kept<M: SerializeMap>(
        &self,
        map: &mut M,
        is_set: impl Fn(&str) -> bool,
    ) -> Result<(), M::Error>;
}

impl KeepUnknown for Extra {
    fn keep(&mut self, key: String, value: Value) {
        self.push(key, value);
    }

    fn nothing_kept(&self) -> bool {
        self.is_empty()
    }

    fn write_kept<M: SerializeMap>(
        &self,
        map: &mut M,
        is_set: impl Fn(&str) -> bool,
    ) -> Result<(), M::Error> {
        write_unclaimed(map, self.iter(), is_set)
    }
}

impl KeepUnknown for serde_json::Map<String, Value> {
    fn keep(&mut self, key: String, value: Value) {
        self.insert(key, value);
    }

    fn nothing_kept(&self) -> bool {
        self.is_empty()
    }

    fn write_kept<M: SerializeMap>(
        &self,
        map: &mut M,
        is_set: impl Fn(&str) -> bool,
    ) -> Result<(), M::Error> {
        write_unclaimed(
            map,
            self.iter().map(|(key, value)| (key.as_str(), value)),
            is_set,
        )
    }
}

/// Writes the `entries` that `is_set` does not claim (a field set on the
/// type wins over a kept value of the same key, so no key is written twice).
fn write_unclaimed<'a, M: SerializeMap>(
    map: &mut M,
    entries: impl Iterator<Item = (&'a str, &'a Value)>,
    is_set: impl Fn(&str) -> bool,
) -> Result<(), M::Error> {
    for (key, value) in entries {
        if !is_set(key) {
            map.serialize_entry(key, value)?;
        }
    }
    Ok(())
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
        extra.push("b".into(), json!("first"));
        extra.push("b".into(), json!("second"));
        assert_eq!(extra.get("b"), Some(&json!("second")));
        assert!(extra.contains_key("b") && !extra.contains_key("c"));
        assert_eq!(extra.remove("b"), Some(json!("second")));
        assert_eq!(extra.len(), 1);
        assert_eq!(extra.remove("b"), None);
    }
}
