//! [`DateTime`]: a date-time field as the server sent it, with typed access.
//!
//! Decoding must not fail because a server wrote a timestamp in a form the
//! docs did not promise (`2021-09-28T15:11:02` without an offset, a date
//! alone, garbage), and re-encoding must give back exactly what arrived. So
//! the text is kept as it is and parsed when asked: [`DateTime::timestamp`]
//! is `Some` for an RFC 3339 date-time with an offset, `None` otherwise,
//! and the text itself is always there ([`DateTime::as_str`], or through
//! `Deref<Target = str>`, so a `DateTime` reads like the `String` it used
//! to be).

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::{Fit, Lenient};
use crate::query::QueryValue;

/// A date-time as the server sent it (or as the caller gave it), with
/// typed access through [`jiff`](crate::jiff).
///
/// ```
/// use telnyx_codegen_runtime::DateTime;
///
/// let created: DateTime = serde_json::from_str(r#""2024-03-01T10:15:00Z""#).unwrap();
/// assert_eq!(created.timestamp().unwrap().as_second(), 1_709_288_100);
///
/// // A form the docs did not promise still decodes, and is written back as it came.
/// let local: DateTime = serde_json::from_str(r#""2021-09-28T15:11:02""#).unwrap();
/// assert!(local.timestamp().is_none());
/// assert_eq!(serde_json::to_string(&local).unwrap(), r#""2021-09-28T15:11:02""#);
///
/// // Sending one: from a timestamp, or from text.
/// let since = DateTime::from(telnyx_codegen_runtime::jiff::Timestamp::from_second(0).unwrap());
/// assert_eq!(since.as_str(), "1970-01-01T00:00:00Z");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime(String);

impl DateTime {
    /// The text exactly as it arrived (or was given).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The instant, when the text is an RFC 3339 date-time with an offset
    /// (`2024-03-01T10:15:00Z`, `2024-03-01T11:15:00+01:00`); `None` for
    /// any other text.
    pub fn timestamp(&self) -> Option<jiff::Timestamp> {
        self.0.parse().ok()
    }

    /// The text, taken.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl From<jiff::Timestamp> for DateTime {
    /// RFC 3339 in UTC (`…Z`), the form the API documents.
    fn from(timestamp: jiff::Timestamp) -> Self {
        Self(timestamp.to_string())
    }
}

impl From<String> for DateTime {
    fn from(text: String) -> Self {
        Self(text)
    }
}

impl From<&str> for DateTime {
    fn from(text: &str) -> Self {
        Self(text.to_owned())
    }
}

impl Deref for DateTime {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for DateTime {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}

impl Lenient for DateTime {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Fit<Self>, D::Error> {
        Ok(match String::deserialize_lenient(deserializer)? {
            Fit::Value(text) => Fit::Value(Self(text)),
            Fit::Other(value) => Fit::Other(value),
        })
    }
}

impl QueryValue for DateTime {
    fn to_query_value(&self) -> String {
        self.0.clone()
    }
}
