//! What the `Model`, `OpenEnum`, `Lenient` and `ToQuery` derives expand to
//! call: the decoding and encoding algorithms of generated types, written
//! once here so that generated code only declares fields.
//!
//! Nothing in this module is meant to be called by hand; it is public only
//! because derive output in another crate must reach it, and it is hidden
//! from the docs (`telnyx_codegen_runtime::__private_v1`). Its items may change
//! in any release; the derives are the interface.
//!
//! The rules the derives rely on:
//! - a field of an optional type is read *forgivingly*: a value of another
//!   shape, or a `null` the spec did not promise, is kept in the type's
//!   extra map under its key, and written back from there;
//! - a known enum value is matched on the borrowed wire text without
//!   allocating; any other value becomes the enum's unknown variant, kept as
//!   it arrived;
//! - unknown object keys are kept, in order, in the extra map.

pub use crate::constraints::{check_field, Constraints, FieldRules};
pub use crate::extra::KeepUnknown;
pub use crate::serialize::{
    begin_struct, begin_struct_with_extra, write_entry, write_extra, write_int_string,
    write_nullable, write_nullable_int_string, write_option_int_string, write_optional,
    write_optional_int_string, StructWriter,
};
pub use crate::Violation as __Violation;

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use crate::decode::decode_success_body;
pub use crate::key::FieldKey;
use crate::{Nullable, Number, Secret, UnknownValue};

// Derive output names serde and serde_json through the runtime, so a crate
// with generated code needs no direct dependency of its own on either.
pub use serde;
pub use serde_json;

/// Visitor methods for every shape a visitor did not ask for: the value is
/// rebuilt as JSON and handed to `$wrap`.
macro_rules! other_shapes {
    ($wrap:expr) => {
        fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
            Ok($wrap(Value::Bool(value)))
        }

        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
            Ok($wrap(Value::from(value)))
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
            Ok($wrap(Value::from(value)))
        }

        fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
            Ok($wrap(Value::from(value)))
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
            Ok($wrap(Value::String(value.to_owned())))
        }

        fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
            Ok($wrap(Value::String(value)))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($wrap(Value::Null))
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($wrap(Value::Null))
        }
    };
}

/// An array where a scalar, an enum value or an object was expected, kept
/// as JSON. Out of line and cold: it is the rare case, and inlined into every
/// visitor it would make each of them (and the serde_json code around it)
/// bigger and slower on the common path.
#[cold]
#[inline(never)]
fn keep_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Value, A::Error> {
    Value::deserialize(de::value::SeqAccessDeserializer::new(seq))
}

/// An object where a scalar, an enum value or an array was expected, kept
/// as JSON; out of line for the reason given at [`keep_seq`].
#[cold]
#[inline(never)]
fn keep_map<'de, A: MapAccess<'de>>(map: A) -> Result<Value, A::Error> {
    Value::deserialize(de::value::MapAccessDeserializer::new(map))
}

/// Text that did not fit, kept as JSON; out of line for the reason given at
/// [`keep_seq`].
#[cold]
#[inline(never)]
fn keep_text(value: &str) -> Value {
    Value::String(value.to_owned())
}

/// The result of a forgiving read: a value of the expected shape, or the
/// value as it arrived.
#[derive(Debug, PartialEq)]
pub enum Fit<T> {
    /// The value had the expected shape.
    Value(T),
    /// It did not (or was `null`); kept unchanged.
    Other(Value),
}

/// Types that can be read forgivingly: anything that does not fit comes
/// back as [`Fit::Other`] instead of an error.
pub trait Lenient: Serialize + serde::de::DeserializeOwned {
    /// Reads a value of this type, or whatever arrived instead.
    ///
    /// # Errors
    ///
    /// Only when the input is not valid for the deserializer at all.
    fn deserialize_lenient<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Fit<Self>, D::Error>;
}

/// The seed that reads one map value forgivingly.
struct LenientSeed<T>(PhantomData<T>);

impl<'de, T: Lenient> DeserializeSeed<'de> for LenientSeed<T> {
    type Value = Fit<T>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Fit<T>, D::Error> {
        T::deserialize_lenient(deserializer)
    }
}

/// Reads the value of an optional field: into `slot` when it fits,
/// otherwise (including `null`) into `extra` under `key`.
///
/// # Errors
///
/// Only when the input is not valid for the deserializer at all.
#[inline]
pub fn read_optional<'de, A: MapAccess<'de>, T: Lenient>(
    map: &mut A,
    key: FieldKey<'de>,
    slot: &mut Option<T>,
    extra: &mut impl KeepUnknown,
) -> Result<(), A::Error> {
    match map.next_value_seed(LenientSeed::<T>(PhantomData))? {
        Fit::Value(value) => *slot = Some(value),
        Fit::Other(value) => extra.keep(key.into_string(), value),
    }
    Ok(())
}

/// Reads the value of an optional nullable field: `null` and fitting values
/// into `slot`, anything else into `extra` under `key`.
///
/// # Errors
///
/// Only when the input is not valid for the deserializer at all.
#[inline]
pub fn read_nullable<'de, A: MapAccess<'de>, T: Lenient>(
    map: &mut A,
    key: FieldKey<'de>,
    slot: &mut Nullable<T>,
    extra: &mut impl KeepUnknown,
) -> Result<(), A::Error> {
    match map.next_value_seed(LenientSeed::<T>(PhantomData))? {
        Fit::Value(value) => *slot = Nullable::Value(value),
        Fit::Other(Value::Null) => *slot = Nullable::Null,
        Fit::Other(value) => extra.keep(key.into_string(), value),
    }
    Ok(())
}

/// Reads the value of a required field (or a required nullable one, whose
/// type is an `Option`): strictly, since the type cannot be built without it.
///
/// # Errors
///
/// When the value does not have the field's type.
#[inline]
pub fn read_required<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Keeps the value of a key the type does not know.
///
/// # Errors
///
/// Only when the input is not valid for the deserializer at all.
#[inline]
pub fn read_unknown<'de, A: MapAccess<'de>>(
    map: &mut A,
    key: FieldKey<'de>,
    extra: &mut impl KeepUnknown,
) -> Result<(), A::Error> {
    extra.keep_next(key, map)
}

/// Skips the value of a key the type does not know (types without an extra map).
///
/// # Errors
///
/// Only when the input is not valid for the deserializer at all.
#[inline]
pub fn skip_unknown<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// The value of a required field once the object is read.
///
/// # Errors
///
/// When the object did not have the field.
#[inline]
pub fn required<T, E: de::Error>(slot: Option<T>, wire_name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(wire_name))
}

/// Integers that an API sends as JSON strings: the field is an `i64`, the
/// wire form `"3"` (a bare `3` is accepted too).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntString(pub i64);

impl Serialize for IntString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for IntString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::wire::int_as_string::deserialize(deserializer).map(IntString)
    }
}

impl Lenient for IntString {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Fit<Self>, D::Error> {
        Ok(match Value::deserialize(deserializer)? {
            Value::Number(number) if number.is_i64() => {
                Fit::Value(IntString(number.as_i64().unwrap_or_default()))
            }
            Value::String(text) => match text.trim().parse() {
                Ok(number) => Fit::Value(IntString(number)),
                Err(_) => Fit::Other(Value::String(text)),
            },
            other => Fit::Other(other),
        })
    }
}

/// The slot of an `IntString` field back as an `i64` one.
pub fn from_int_string<T, U: IntoInt<T>>(slot: U) -> T {
    slot.into_int()
}

/// Unwraps [`IntString`] inside the wrappers a field can have.
pub trait IntoInt<T> {
    /// The value without the wire form.
    fn into_int(self) -> T;
}

impl IntoInt<Option<i64>> for Option<IntString> {
    fn into_int(self) -> Option<i64> {
        self.map(|value| value.0)
    }
}

impl IntoInt<Nullable<i64>> for Nullable<IntString> {
    fn into_int(self) -> Nullable<i64> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(value.0),
        }
    }
}

/// What a derived struct decoder provides: how to read its fields from a map.
pub trait MapDecode: serde::de::DeserializeOwned {
    /// Reads the object's entries.
    ///
    /// # Errors
    ///
    /// When a required field is missing or does not have its type.
    fn decode_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: MapDecode> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    /// "an object (Ip)": the type's own name, without its module path or
    /// type arguments (written here, not by the derive, so that no build of
    /// a generated crate checks a constant per type for an error message).
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object ({})", short_type_name::<T>())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::decode_map(map)
    }
}

/// `T`'s name without its module path or type arguments: `Envelope` for
/// `telnyx_sip::api::Envelope<telnyx_sip::ips::Ip>`.
fn short_type_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    let path = full.split('<').next().unwrap_or(full);
    path.rsplit("::").next().unwrap_or(path)
}

/// `Deserialize` of a derived struct.
///
/// # Errors
///
/// When the value is not an object, or a required field is missing or does
/// not have its type.
#[inline]
pub fn deserialize_struct<'de, D: Deserializer<'de>, T: MapDecode>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(StructVisitor(PhantomData))
}

/// Forgiving read of a derived struct (its `Lenient`, below): an object is
/// decoded (strictly, as its required fields demand), anything else is kept
/// as it arrived.
///
/// # Errors
///
/// When the value is an object whose required fields are missing or wrong.
#[inline]
fn lenient_struct<'de, D: Deserializer<'de>, T: MapDecode>(
    deserializer: D,
) -> Result<Fit<T>, D::Error> {
    struct Forgiving<T>(PhantomData<T>);

    impl<'de, T: MapDecode> Visitor<'de> for Forgiving<T> {
        type Value = Fit<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "an object ({})", short_type_name::<T>())
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Fit<T>, A::Error> {
            T::decode_map(map).map(Fit::Value)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Fit<T>, A::Error> {
            keep_seq(seq).map(Fit::Other)
        }

        other_shapes!(Fit::Other);
    }

    deserializer.deserialize_any(Forgiving(PhantomData))
}

/// A derived struct is read forgivingly by [`lenient_struct`]: one impl
/// here instead of one in every struct's expansion.
impl<T: MapDecode + Serialize> Lenient for T {
    #[inline]
    fn deserialize_lenient<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Fit<Self>, D::Error> {
        lenient_struct(deserializer)
    }
}

/// Forgiving read through a JSON value: for untagged unions, which must see
/// the whole value before choosing an alternative anyway.
///
/// # Errors
///
/// Only when the input is not valid for the deserializer at all.
pub fn lenient_via_value<'de, D: Deserializer<'de>, T: serde::de::DeserializeOwned>(
    deserializer: D,
) -> Result<Fit<T>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    if value.is_null() {
        return Ok(Fit::Other(value));
    }
    Ok(match T::deserialize(&value) {
        Ok(decoded) => Fit::Value(decoded),
        Err(_) => Fit::Other(value),
    })
}

/// A scalar type and the JSON shapes it takes; every other shape is kept
/// as it arrived by [`ScalarVisitor`].
trait Scalar: Sized {
    const EXPECTING: &'static str;

    fn from_bool(_value: bool) -> Option<Self> {
        None
    }

    fn from_i64(_value: i64) -> Option<Self> {
        None
    }

    fn from_u64(_value: u64) -> Option<Self> {
        None
    }

    fn from_f64(_value: f64) -> Option<Self> {
        None
    }

    fn from_str(_value: &str) -> Option<Self> {
        None
    }

    /// An owned string: given back when it does not fit, to keep it without a copy.
    fn from_string(value: String) -> Result<Self, String> {
        Self::from_str(&value).ok_or(value)
    }
}

/// One visitor for every scalar: the accepted shapes become the value, the
/// rest [`Fit::Other`].
struct ScalarVisitor<T>(PhantomData<T>);

impl<'de, T: Scalar> Visitor<'de> for ScalarVisitor<T> {
    type Value = Fit<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Fit<T>, E> {
        // `map_or_else`: an eager `map_or` default builds (and drops) a JSON
        // value on every read of a boolean.
        Ok(T::from_bool(value).map_or_else(|| Fit::Other(Value::Bool(value)), Fit::Value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Fit<T>, E> {
        Ok(T::from_i64(value).map_or_else(|| Fit::Other(Value::from(value)), Fit::Value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Fit<T>, E> {
        Ok(T::from_u64(value).map_or_else(|| Fit::Other(Value::from(value)), Fit::Value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Fit<T>, E> {
        Ok(T::from_f64(value).map_or_else(|| Fit::Other(Value::from(value)), Fit::Value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Fit<T>, E> {
        Ok(T::from_str(value).map_or_else(|| Fit::Other(keep_text(value)), Fit::Value))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Fit<T>, E> {
        Ok(T::from_string(value).map_or_else(|value| Fit::Other(Value::String(value)), Fit::Value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Fit<T>, E> {
        Ok(Fit::Other(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Fit<T>, E> {
        Ok(Fit::Other(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Fit<T>, A::Error> {
        keep_seq(seq).map(Fit::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Fit<T>, A::Error> {
        keep_map(map).map(Fit::Other)
    }
}

impl Scalar for String {
    const EXPECTING: &'static str = "a string";

    fn from_str(value: &str) -> Option<Self> {
        Some(value.to_owned())
    }

    fn from_string(value: String) -> Result<Self, String> {
        Ok(value)
    }
}

impl Scalar for i64 {
    const EXPECTING: &'static str = "an integer";

    fn from_i64(value: i64) -> Option<Self> {
        Some(value)
    }

    fn from_u64(value: u64) -> Option<Self> {
        i64::try_from(value).ok()
    }
}

impl Scalar for bool {
    const EXPECTING: &'static str = "a boolean";

    fn from_bool(value: bool) -> Option<Self> {
        Some(value)
    }
}

impl Scalar for Number {
    const EXPECTING: &'static str = "a number";

    fn from_i64(value: i64) -> Option<Self> {
        Some(Number::from(value))
    }

    fn from_u64(value: u64) -> Option<Self> {
        Some(Number::from(serde_json::Number::from(value)))
    }

    fn from_f64(value: f64) -> Option<Self> {
        Number::from_f64(value)
    }
}

macro_rules! lenient_scalars {
    ($($ty:ty),*) => {
        $(
            impl Lenient for $ty {
                fn deserialize_lenient<'de, D: Deserializer<'de>>(
                    deserializer: D,
                ) -> Result<Fit<Self>, D::Error> {
                    deserializer.deserialize_any(ScalarVisitor(PhantomData))
                }
            }
        )*
    };
}

lenient_scalars!(String, i64, bool, Number);

impl Lenient for Secret<String> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Fit<Self>, D::Error> {
        Ok(match String::deserialize_lenient(deserializer)? {
            Fit::Value(text) => Fit::Value(Secret::new(text)),
            Fit::Other(value) => Fit::Other(value),
        })
    }
}

/// Free-form JSON fits anything but `null`, which is kept as the field's
/// explicit null so that it is written back.
impl Lenient for Value {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Fit<Self>, D::Error> {
        Ok(match Value::deserialize(deserializer)? {
            Value::Null => Fit::Other(Value::Null),
            value => Fit::Value(value),
        })
    }
}

/// An array fits when every element does; otherwise the whole array is kept
/// as it arrived (the elements read so far are turned back into JSON).
impl<T: Lenient> Lenient for Vec<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Fit<Self>, D::Error> {
        struct Elements<T>(PhantomData<T>);

        impl<'de, T: Lenient> Visitor<'de> for Elements<T> {
            type Value = Fit<Vec<T>>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = seq.next_element_seed(LenientSeed::<T>(PhantomData))? {
                    match item {
                        Fit::Value(item) => items.push(item),
                        Fit::Other(odd) => return keep_array(items, odd, seq).map(Fit::Other),
                    }
                }
                Ok(Fit::Value(items))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                keep_map(map).map(Fit::Other)
            }

            other_shapes!(Fit::Other);
        }

        deserializer.deserialize_any(Elements(PhantomData))
    }
}

/// The array as JSON: the fitting elements read before `odd`, `odd`, and
/// the rest of the sequence.
fn keep_array<'de, T: Serialize, A: SeqAccess<'de>>(
    items: Vec<T>,
    odd: Value,
    mut seq: A,
) -> Result<Value, A::Error> {
    let mut values = Vec::with_capacity(items.len() + 1);
    for item in items {
        values.push(serde_json::to_value(item).map_err(de::Error::custom)?);
    }
    values.push(odd);
    while let Some(value) = seq.next_element::<Value>()? {
        values.push(value);
    }
    Ok(Value::Array(values))
}

/// A map fits when every value does; otherwise it is kept as it arrived.
impl<T: Lenient> Lenient for BTreeMap<String, T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Fit<Self>, D::Error> {
        let value = Value::deserialize(deserializer)?;
        if !value.is_object() {
            return Ok(Fit::Other(value));
        }
        Ok(match BTreeMap::<String, Value>::deserialize(&value) {
            Ok(entries) => {
                let mut fitting = BTreeMap::new();
                for (key, entry) in entries {
                    match T::deserialize_lenient(entry).map_err(de::Error::custom)? {
                        Fit::Value(entry) => {
                            fitting.insert(key, entry);
                        }
                        Fit::Other(_) => return Ok(Fit::Other(value)),
                    }
                }
                Fit::Value(fitting)
            }
            Err(_) => Fit::Other(value),
        })
    }
}

/// The wire form of an enum value the derive matches on.
pub enum EnumWire<'a> {
    /// A string value, borrowed when the input allows.
    Str(&'a str),
    /// An integer value.
    Int(i64),
    /// Any other value (a boolean, a float, `null`, an array or an
    /// object): no listed value is one.
    Other,
}

/// A listed value of a derived open enum, as it goes on the wire.
pub enum Listed {
    /// A string value.
    Str(&'static str),
    /// An integer value.
    Int(i64),
}

/// What a derived open enum provides: how to map a wire value to a variant
/// and back. Everything else an open enum does (its `Serialize`, body
/// encoder, query value, constraint check and accessor) is written once,
/// here and in the blanket impls, from these three.
pub trait EnumDecode: Sized {
    /// The variant for a listed value; for any other, the constructor of
    /// the unknown variant (a function pointer, so that a value is kept
    /// only when it is not listed, and the derive writes no function for
    /// it).
    ///
    /// # Errors
    ///
    /// The unknown variant's constructor, for a value the spec does not list.
    fn from_wire(wire: EnumWire<'_>) -> Result<Self, fn(UnknownValue) -> Self>;

    /// A listed value's wire form, or the value the unknown variant kept.
    fn to_wire(&self) -> Result<Listed, &UnknownValue>;
}

/// `as_str` of a derived open enum of strings.
#[inline]
pub fn enum_as_str<T: EnumDecode>(value: &T) -> Option<&str> {
    match value.to_wire() {
        Ok(Listed::Str(text)) => Some(text),
        Ok(Listed::Int(_)) => None,
        Err(unknown) => unknown.as_str(),
    }
}

/// `as_i64` of a derived open enum of integers.
#[inline]
pub fn enum_as_i64<T: EnumDecode>(value: &T) -> Option<i64> {
    match value.to_wire() {
        Ok(Listed::Int(number)) => Some(number),
        Ok(Listed::Str(_)) => None,
        Err(unknown) => unknown.as_i64(),
    }
}

/// `Serialize` of a derived open enum: the listed value, or what the
/// unknown variant kept, as it came.
///
/// # Errors
///
/// The serializer's.
#[inline]
pub fn serialize_enum<T: EnumDecode, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value.to_wire() {
        Ok(Listed::Str(text)) => serializer.serialize_str(text),
        Ok(Listed::Int(number)) => serializer.serialize_i64(number),
        Err(unknown) => unknown.serialize(serializer),
    }
}

/// `WriteJson` of a derived open enum: the same bytes as its `Serialize`.
#[inline]
pub fn write_json_enum<T: EnumDecode>(value: &T, out: &mut crate::write_json::JsonWriter) {
    match value.to_wire() {
        Ok(Listed::Str(text)) => crate::write_json::WriteJson::write_json(text, out),
        Ok(Listed::Int(number)) => crate::write_json::WriteJson::write_json(&number, out),
        Err(unknown) => out.serde(unknown),
    }
}

/// `QueryValue` of a derived open enum: the listed value's text, or the
/// unknown value's.
pub fn enum_query_value<T: EnumDecode>(value: &T) -> String {
    match value.to_wire() {
        Ok(Listed::Str(text)) => text.to_owned(),
        Ok(Listed::Int(number)) => number.to_string(),
        Err(unknown) => crate::query::QueryValue::to_query_value(unknown),
    }
}

struct EnumVisitor<T>(PhantomData<T>);

impl<'de, T: EnumDecode> Visitor<'de> for EnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an enum value")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from_wire(EnumWire::Str(value))
            .unwrap_or_else(|unknown| unknown(UnknownValue::new(keep_text(value)))))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
        Ok(match T::from_wire(EnumWire::Str(&value)) {
            Ok(known) => known,
            Err(unknown) => unknown(UnknownValue::new(Value::String(value))),
        })
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        Ok(T::from_wire(EnumWire::Int(value))
            .unwrap_or_else(|unknown| unknown(UnknownValue::new(Value::from(value)))))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        let wire = i64::try_from(value).map_or(EnumWire::Other, EnumWire::Int);
        Ok(T::from_wire(wire)
            .unwrap_or_else(|unknown| unknown(UnknownValue::new(Value::from(value)))))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<T, E> {
        Ok(unknown(Value::Bool(value)))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
        Ok(unknown(Value::from(value)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Ok(unknown(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        keep_seq(seq).map(unknown)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        keep_map(map).map(unknown)
    }
}

/// `value`, which is no listed value, in `T`'s unknown variant.
fn unknown<T: EnumDecode>(value: Value) -> T {
    match T::from_wire(EnumWire::Other) {
        Ok(listed) => listed,
        Err(unknown) => unknown(UnknownValue::new(value)),
    }
}

/// `Deserialize` of a derived open enum: never fails on a well-formed value.
///
/// # Errors
///
/// Only when the input is not valid for the deserializer at all.
#[inline]
pub fn deserialize_enum<'de, D: Deserializer<'de>, T: EnumDecode>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_any(EnumVisitor(PhantomData))
}

/// Forgiving read of an open enum: every value fits except `null`, which is
/// kept so that an optional field's explicit null is written back.
///
/// # Errors
///
/// Only when the input is not valid for the deserializer at all.
#[inline]
pub fn lenient_enum<'de, D: Deserializer<'de>, T: EnumDecode>(
    deserializer: D,
) -> Result<Fit<T>, D::Error> {
    struct NullOrEnum<T>(PhantomData<T>);

    impl<'de, T: EnumDecode> Visitor<'de> for NullOrEnum<T> {
        type Value = Fit<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an enum value")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Fit<T>, E> {
            Ok(Fit::Other(Value::Null))
        }

        fn visit_none<E: de::Error>(self) -> Result<Fit<T>, E> {
            Ok(Fit::Other(Value::Null))
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<Fit<T>, E> {
            EnumVisitor(PhantomData).visit_str(value).map(Fit::Value)
        }

        fn visit_string<E: de::Error>(self, value: String) -> Result<Fit<T>, E> {
            EnumVisitor(PhantomData).visit_string(value).map(Fit::Value)
        }

        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Fit<T>, E> {
            EnumVisitor(PhantomData).visit_i64(value).map(Fit::Value)
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Fit<T>, E> {
            EnumVisitor(PhantomData).visit_u64(value).map(Fit::Value)
        }

        fn visit_bool<E: de::Error>(self, value: bool) -> Result<Fit<T>, E> {
            EnumVisitor(PhantomData).visit_bool(value).map(Fit::Value)
        }

        fn visit_f64<E: de::Error>(self, value: f64) -> Result<Fit<T>, E> {
            EnumVisitor(PhantomData).visit_f64(value).map(Fit::Value)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Fit<T>, A::Error> {
            EnumVisitor(PhantomData).visit_seq(seq).map(Fit::Value)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Fit<T>, A::Error> {
            EnumVisitor(PhantomData).visit_map(map).map(Fit::Value)
        }
    }

    deserializer.deserialize_any(NullOrEnum(PhantomData))
}

/// A query parameter field: a value, an optional value, or a list.
pub trait QueryField {
    /// Appends this field's pairs under `key`.
    fn push_to(&self, key: &str, query: &mut crate::query::Query);
}

impl<T: crate::query::QueryValue> QueryField for T {
    fn push_to(&self, key: &str, query: &mut crate::query::Query) {
        query.push(key, self);
    }
}

impl<T: crate::query::QueryValue> QueryField for Option<T> {
    fn push_to(&self, key: &str, query: &mut crate::query::Query) {
        if let Some(value) = self {
            query.push(key, value);
        }
    }
}

impl<T: crate::query::QueryValue> QueryField for Vec<T> {
    fn push_to(&self, key: &str, query: &mut crate::query::Query) {
        for value in self {
            query.push(key, value);
        }
    }
}

impl<T: crate::query::QueryValue> QueryField for Option<Vec<T>> {
    fn push_to(&self, key: &str, query: &mut crate::query::Query) {
        for value in self.iter().flatten() {
            query.push(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{short_type_name, Fit, Nullable};

    #[test]
    fn a_type_is_named_without_its_path_or_arguments() {
        assert_eq!(short_type_name::<String>(), "String");
        assert_eq!(short_type_name::<Vec<std::string::String>>(), "Vec");
        assert_eq!(short_type_name::<Fit<Nullable<i64>>>(), "Fit");
        assert_eq!(short_type_name::<i64>(), "i64");
    }
}
