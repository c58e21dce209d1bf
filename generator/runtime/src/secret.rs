//! [`Secret`], a value that never shows in `Debug` output.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A value that never shows in `Debug` output, such as an API key.
///
/// Clients and requests derive `Debug`, and people print those in logs and
/// panic messages; wrapping credentials here keeps them out of both. The value
/// still serializes as itself, because a secret sent to the server has to be
/// the real thing.
///
/// ```
/// use telnyx_codegen_runtime::Secret;
///
/// let key = Secret::from("KEY0123");
/// assert_eq!(format!("{key:?}"), r#"Secret("[redacted]")"#);
/// assert_eq!(key.expose(), "KEY0123");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    /// Wraps `value`.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// Borrows the value; the name makes every place that reveals it easy to find.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Secret").field(&"[redacted]").finish()
    }
}

impl From<String> for Secret<String> {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret<String> {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_value() {
        let secret = Secret::new(String::from("hunter2"));
        let shown = format!("{secret:?} {secret:#?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert_eq!(format!("{secret:?}"), r#"Secret("[redacted]")"#);
    }

    #[test]
    fn debug_needs_no_debug_on_the_value() {
        struct Opaque;
        assert_eq!(
            format!("{:?}", Secret::new(Opaque)),
            r#"Secret("[redacted]")"#
        );
    }

    #[test]
    fn serializes_as_the_plain_value() {
        let secret = Secret::from("abc");
        assert_eq!(serde_json::to_string(&secret).unwrap(), r#""abc""#);
        let back: Secret<String> = serde_json::from_str(r#""abc""#).unwrap();
        assert_eq!(back, secret);
    }

    #[test]
    fn accessors_return_the_value() {
        let secret = Secret::from(String::from("x"));
        assert_eq!(secret.expose(), "x");
        assert_eq!(secret.clone().into_inner(), "x");
        assert_eq!(Secret::<String>::default().expose(), "");
    }
}
