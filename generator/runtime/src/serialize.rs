//! `Serialize` for the `Model` derive: a struct's fields are written one
//! call each into a [`StructWriter`], which keeps the first error and
//! skips the rest.
//!
//! Why a writer that keeps the error instead of a `?` after every entry:
//! the derive's expansion is compiled in every crate that uses it, and a
//! straight run of calls costs the type and borrow checkers far less than a
//! branch (and an `if let` for every optional field) per entry. Serializing
//! stops being useful at the first error either way.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::extra::KeepUnknown;
use crate::model::IntString;
use crate::Nullable;

/// A derived struct being written as a map.
pub struct StructWriter<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
    /// The keys the fields wrote, listed only when the struct keeps unknown
    /// fields (rare): a kept field of the same name is then left out (see
    /// [`write_extra`]). `None` otherwise, so the usual case allocates
    /// nothing.
    written: Option<Vec<&'static str>>,
}

/// Starts writing a derived struct without an extra map.
///
/// # Errors
///
/// When the serializer cannot start a map.
#[inline]
pub fn begin_struct<S: Serializer>(
    serializer: S,
) -> Result<StructWriter<S::SerializeMap>, S::Error> {
    Ok(StructWriter {
        map: serializer.serialize_map(None)?,
        error: None,
        written: None,
    })
}

/// Starts writing a derived struct whose unknown fields are kept in
/// `extra`, written last by [`write_extra`].
///
/// # Errors
///
/// When the serializer cannot start a map.
#[inline]
pub fn begin_struct_with_extra<S: Serializer, X: KeepUnknown>(
    serializer: S,
    extra: &X,
) -> Result<StructWriter<S::SerializeMap>, S::Error> {
    Ok(StructWriter {
        map: serializer.serialize_map(None)?,
        error: None,
        written: (!extra.nothing_kept()).then(Vec::new),
    })
}

impl<M: SerializeMap> StructWriter<M> {
    #[inline]
    fn entry<V: Serialize + ?Sized>(&mut self, key: &'static str, value: &V) {
        if self.error.is_some() {
            return;
        }
        if let Some(written) = &mut self.written {
            written.push(key);
        }
        if let Err(error) = self.map.serialize_entry(key, value) {
            self.error = Some(error);
        }
    }

    /// Ends the map, or returns the first error an entry met.
    ///
    /// # Errors
    ///
    /// The first error of any entry, or of ending the map.
    #[inline]
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            Some(error) => Err(error),
            None => self.map.end(),
        }
    }
}

/// Writes a required field (a nullable one as `null` when `None`).
#[inline]
pub fn write_entry<M: SerializeMap, V: Serialize + ?Sized>(
    writer: &mut StructWriter<M>,
    key: &'static str,
    value: &V,
) {
    writer.entry(key, value);
}

/// Writes an optional field when it is set.
#[inline]
pub fn write_optional<M: SerializeMap, V: Serialize>(
    writer: &mut StructWriter<M>,
    key: &'static str,
    value: &Option<V>,
) {
    if let Some(value) = value {
        writer.entry(key, value);
    }
}

/// Writes a nullable optional field (`null` included) unless it is absent.
#[inline]
pub fn write_nullable<M: SerializeMap, V: Serialize>(
    writer: &mut StructWriter<M>,
    key: &'static str,
    value: &Nullable<V>,
) {
    if !value.is_absent() {
        writer.entry(key, value);
    }
}

/// Writes a required integer sent as a string (`"3"`).
#[inline]
pub fn write_int_string<M: SerializeMap>(
    writer: &mut StructWriter<M>,
    key: &'static str,
    value: &i64,
) {
    writer.entry(key, &IntString(*value));
}

/// Writes a required, nullable integer sent as a string (`"3"` or `null`).
#[inline]
pub fn write_option_int_string<M: SerializeMap>(
    writer: &mut StructWriter<M>,
    key: &'static str,
    value: &Option<i64>,
) {
    writer.entry(key, &value.map(IntString));
}

/// Writes an optional integer sent as a string when it is set.
#[inline]
pub fn write_optional_int_string<M: SerializeMap>(
    writer: &mut StructWriter<M>,
    key: &'static str,
    value: &Option<i64>,
) {
    if let Some(value) = value {
        writer.entry(key, &IntString(*value));
    }
}

/// Writes a nullable optional integer sent as a string unless it is absent.
#[inline]
pub fn write_nullable_int_string<M: SerializeMap>(
    writer: &mut StructWriter<M>,
    key: &'static str,
    value: &Nullable<i64>,
) {
    match value {
        Nullable::Absent => {}
        Nullable::Null => writer.entry(key, &None::<IntString>),
        Nullable::Value(value) => writer.entry(key, &IntString(*value)),
    }
}

/// Writes the kept unknown entries, except those whose key a field wrote
/// (so a field never appears twice in the output).
#[inline(always)]
pub fn write_extra<M: SerializeMap, X: KeepUnknown>(writer: &mut StructWriter<M>, extra: &X) {
    // The usual case, checked inline in the caller: nothing kept, so no call
    // (an empty map's iterator still costs one and a few branches).
    if extra.nothing_kept() || writer.error.is_some() {
        return;
    }
    let written = writer.written.take().unwrap_or_default();
    if let Err(error) = extra.write_kept(&mut writer.map, |key| written.contains(&key)) {
        writer.error = Some(error);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Extra;

    /// A struct written through the writer, the way the derive writes one.
    fn write(value: &Option<i64>, nullable: &Nullable<i64>, extra: &Extra) -> String {
        struct Shape<'a>(&'a Option<i64>, &'a Nullable<i64>, &'a Extra);
        impl Serialize for Shape<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut writer = begin_struct_with_extra(serializer, self.2)?;
                write_entry(&mut writer, "id", "x");
                write_optional(&mut writer, "count", self.0);
                write_nullable_int_string(&mut writer, "size", self.1);
                write_extra(&mut writer, self.2);
                writer.end()
            }
        }
        serde_json::to_string(&Shape(value, nullable, extra)).unwrap_or_default()
    }

    #[test]
    fn writes_set_fields_and_unclaimed_extra_in_order() {
        let extra: Extra =
            serde_json::from_str(r#"{"count":"many","size":"kept","other":1}"#).unwrap();
        assert_eq!(
            write(&Some(3), &Nullable::Null, &extra),
            r#"{"id":"x","count":3,"size":null,"other":1}"#,
            "a field that is set is written, and its kept value is not"
        );
        assert_eq!(
            write(&None, &Nullable::Value(7), &extra),
            r#"{"id":"x","size":"7","count":"many","other":1}"#
        );
        assert_eq!(
            write(&None, &Nullable::Absent, &extra),
            r#"{"id":"x","count":"many","size":"kept","other":1}"#,
            "an unset field's kept value is written back"
        );
        assert_eq!(
            write(&None, &Nullable::Absent, &Extra::default()),
            r#"{"id":"x"}"#
        );
    }

    /// A serializer error from any entry is the result, and nothing after it is written.
    #[test]
    fn the_first_error_is_returned() {
        struct Fails;
        impl Serialize for Fails {
            fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("first"))
            }
        }
        struct Shape;
        impl Serialize for Shape {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut writer = begin_struct(serializer)?;
                write_entry(&mut writer, "a", &Fails);
                write_entry(&mut writer, "b", &1);
                writer.end()
            }
        }
        let error = serde_json::to_string(&Shape).err().map(|e| e.to_string());
        assert_eq!(error.as_deref(), Some("first"));
    }
}
