//! Checking a request against the constraints its API documents (lengths,
//! ranges, enum membership) before it is sent, so a mistake is reported
//! with the field and the rule instead of as a 422 after a round trip.
//!
//! The `Model` and `ToQuery` derives implement [`Constraints`] for generated
//! types from their `#[model(min_length = …, maximum = …)]` attributes; an
//! operation calls [`Request::check`](crate::Request::check) on its body and
//! query, and [`HttpClient::send`](crate::HttpClient::send) refuses the
//! request with [`ErrorKind::Constraints`](crate::ErrorKind::Constraints)
//! unless checks are off for the client
//! ([`HttpClient::with_constraint_checks`](crate::HttpClient::with_constraint_checks))
//! or the call ([`RequestOptions::check_constraints`](crate::RequestOptions::check_constraints)),
//! for when the documentation is stricter than the server.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use crate::{DateTime, Nullable, Number, Secret, UnknownValue};

/// One documented rule a request value breaks. Shows the field and the
/// rule, never the value (it may be a password).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Violation {
    /// Where the value is, by wire names: `name`, `inbound.channel_limit`,
    /// `connection_ids[2]`, or a query parameter such as `page[size]`.
    pub field: String,
    /// The rule.
    pub rule: Rule,
}

/// A documented rule.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Rule {
    /// At least this many characters.
    MinLength(u64),
    /// At most this many characters.
    MaxLength(u64),
    /// At least this number.
    Minimum(f64),
    /// At most this number.
    Maximum(f64),
    /// One of the values the API documents (the value is an `Unknown`).
    DocumentedValue,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = &self.field;
        match &self.rule {
            Rule::MinLength(min) => write!(f, "`{field}` must have at least {min} characters"),
            Rule::MaxLength(max) => write!(f, "`{field}` must have at most {max} characters"),
            Rule::Minimum(min) => write!(f, "`{field}` must be at least {min}"),
            Rule::Maximum(max) => write!(f, "`{field}` must be at most {max}"),
            Rule::DocumentedValue => write!(f, "`{field}` must be one of the documented values"),
        }
    }
}

/// A value that can be checked against documented constraints; the derives
/// implement it for generated types. `path` is where the value is.
///
/// `length` and `number` are what the length and range rules of a field
/// measure; only text and numbers have them, so the derives implement
/// just `check` (one impl per type, not two).
pub trait Constraints {
    /// Adds a [`Violation`] to `found` for every rule the value breaks.
    fn check(&self, path: &str, found: &mut Vec<Violation>);

    /// The length in characters, for text.
    fn length(&self) -> Option<u64> {
        None
    }

    /// The value as a number, for numbers.
    fn number(&self) -> Option<f64> {
        None
    }
}

/// The rules of one field, as the derive states them.
#[derive(Clone, Copy, Default)]
pub struct FieldRules {
    /// `min_length`.
    pub min_length: Option<u64>,
    /// `max_length`.
    pub max_length: Option<u64>,
    /// `minimum`.
    pub minimum: Option<f64>,
    /// `maximum`.
    pub maximum: Option<f64>,
}

impl FieldRules {
    /// No rules of the field's own (its value may still hold some).
    pub const NONE: Self = Self {
        min_length: None,
        max_length: None,
        minimum: None,
        maximum: None,
    };
}

/// Checks one field: its own rules, then whatever its value holds.
pub fn check_field<T: Constraints>(
    value: &T,
    path: &str,
    field: &str,
    rules: FieldRules,
    found: &mut Vec<Violation>,
) {
    let at = join(path, field);
    let length = value.length();
    let number = value.number();
    let broken = [
        rules
            .min_length
            .filter(|min| length.is_some_and(|l| l < *min))
            .map(Rule::MinLength),
        rules
            .max_length
            .filter(|max| length.is_some_and(|l| l > *max))
            .map(Rule::MaxLength),
        rules
            .minimum
            .filter(|min| number.is_some_and(|n| n < *min))
            .map(Rule::Minimum),
        rules
            .maximum
            .filter(|max| number.is_some_and(|n| n > *max))
            .map(Rule::Maximum),
    ];
    for rule in broken.into_iter().flatten() {
        found.push(Violation {
            field: at.clone(),
            rule,
        });
    }
    value.check(&at, found);
}

/// `path.field`, or `field` at the top.
fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

/// An open enum's check: an unknown value is not a documented one.
impl<T: crate::model::EnumDecode> Constraints for T {
    fn check(&self, path: &str, found: &mut Vec<Violation>) {
        if self.to_wire().is_err() {
            found.push(Violation {
                field: path.to_owned(),
                rule: Rule::DocumentedValue,
            });
        }
    }
}

/// Types with no rules of their own and nothing inside to check.
macro_rules! unconstrained {
    ($($ty:ty),*) => {
        $(
            impl Constraints for $ty {
                fn check(&self, _: &str, _: &mut Vec<Violation>) {}
            }
        )*
    };
}

unconstrained!(bool, Value, UnknownValue, serde_json::Map<String, Value>, DateTime);

impl Constraints for String {
    fn check(&self, _: &str, _: &mut Vec<Violation>) {}

    fn length(&self) -> Option<u64> {
        u64::try_from(self.chars().count()).ok()
    }
}

impl Constraints for Secret<String> {
    fn check(&self, _: &str, _: &mut Vec<Violation>) {}

    fn length(&self) -> Option<u64> {
        self.expose().length()
    }
}

impl Constraints for i64 {
    fn check(&self, _: &str, _: &mut Vec<Violation>) {}

    #[allow(
        clippy::cast_precision_loss,
        reason = "documented bounds are far below 2^53"
    )]
    fn number(&self) -> Option<f64> {
        Some(*self as f64)
    }
}

impl Constraints for Number {
    fn check(&self, _: &str, _: &mut Vec<Violation>) {}

    fn number(&self) -> Option<f64> {
        Some(self.as_f64())
    }
}

impl<T: Constraints> Constraints for Option<T> {
    fn check(&self, path: &str, found: &mut Vec<Violation>) {
        if let Some(value) = self {
            value.check(path, found);
        }
    }

    fn length(&self) -> Option<u64> {
        self.as_ref().and_then(Constraints::length)
    }

    fn number(&self) -> Option<f64> {
        self.as_ref().and_then(Constraints::number)
    }
}

impl<T: Constraints> Constraints for Nullable<T> {
    fn check(&self, path: &str, found: &mut Vec<Violation>) {
        if let Some(value) = self.value() {
            value.check(path, found);
        }
    }

    fn length(&self) -> Option<u64> {
        self.value().and_then(Constraints::length)
    }

    fn number(&self) -> Option<f64> {
        self.value().and_then(Constraints::number)
    }
}

impl<T: Constraints> Constraints for Vec<T> {
    fn check(&self, path: &str, found: &mut Vec<Violation>) {
        for (index, item) in self.iter().enumerate() {
            item.check(&format!("{path}[{index}]"), found);
        }
    }
}

impl<T: Constraints> Constraints for BTreeMap<String, T> {
    fn check(&self, path: &str, found: &mut Vec<Violation>) {
        for (key, item) in self {
            item.check(&join(path, key), found);
        }
    }
}
