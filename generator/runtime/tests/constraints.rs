//! The constraint checks the derives write: each documented rule of each
//! field, through options, nullables, vectors, nested objects and generic
//! parameters, named by wire path; open enums refuse `Unknown`; nothing is
//! reported for a value that keeps the rules or is not set.

#![allow(missing_docs, clippy::unwrap_used)]

use serde_json::{json, Map, Value};
use telnyx_codegen_runtime::__private_v1::Constraints;
use telnyx_codegen_runtime::{
    Model, Nullable, Number, OpenEnum, Rule, Secret, ToQuery, UnknownValue, Violation,
};

#[derive(Clone, Debug, PartialEq, OpenEnum)]
enum Plan {
    #[model(value = "us")]
    Us,
    #[model(unknown)]
    Unknown(UnknownValue),
}

#[derive(Clone, Debug, PartialEq, Model)]
struct Limits {
    #[model(minimum = -5, maximum = 2.5)]
    ratio: Option<Number>,
    #[model(rename = "channel-limit", minimum = 1, maximum = 100)]
    channel_limit: Option<i64>,
    #[model(extra)]
    extra: Map<String, Value>,
}

#[derive(Clone, Debug, PartialEq, Model)]
struct Profile<T> {
    #[model(min_length = 3, max_length = 5)]
    name: String,
    #[model(min_length = 8)]
    password: Option<Secret<String>>,
    #[model(max_length = 2)]
    note: Nullable<String>,
    plan: Option<Plan>,
    limits: Option<Limits>,
    tags: Option<Vec<Limits>>,
    inner: T,
    #[model(extra)]
    extra: Map<String, Value>,
}

#[derive(Clone, Debug, PartialEq, ToQuery)]
struct Page {
    #[model(rename = "page[size]", minimum = 1, maximum = 250)]
    size: Option<i64>,
}

fn violations(value: &impl Constraints) -> Vec<Violation> {
    let mut found = Vec::new();
    value.check("", &mut found);
    found
}

fn rules(found: &[Violation]) -> Vec<(String, Rule)> {
    found
        .iter()
        .map(|v| (v.field.clone(), v.rule.clone()))
        .collect()
}

fn limits(ratio: f64, channel_limit: i64) -> Limits {
    Limits::new()
        .ratio(Number::from_f64(ratio).unwrap())
        .channel_limit(channel_limit)
}

#[test]
fn a_value_within_its_rules_or_unset_has_no_violations() {
    let profile = Profile::new("abcd", Plan::Us);
    assert!(violations(&profile).is_empty());
    let full = Profile::new("abc", 1_i64)
        .password("longenough")
        .note("ok")
        .plan(Plan::Us)
        .limits(limits(2.5, 100))
        .tags(vec![limits(-5.0, 1)]);
    assert!(violations(&full).is_empty(), "{:?}", violations(&full));
}

#[test]
fn every_broken_rule_is_named_by_its_wire_path() {
    let profile = Profile::new("ab", 0_i64)
        .password("short")
        .note("long")
        .plan(Plan::Unknown(UnknownValue::new(json!("mars"))))
        .limits(limits(3.0, 0))
        .tags(vec![limits(0.0, 1), limits(-6.0, 101)]);
    assert_eq!(
        rules(&violations(&profile)),
        [
            ("name".to_owned(), Rule::MinLength(3)),
            ("password".to_owned(), Rule::MinLength(8)),
            ("note".to_owned(), Rule::MaxLength(2)),
            ("plan".to_owned(), Rule::DocumentedValue),
            ("limits.ratio".to_owned(), Rule::Maximum(2.5)),
            ("limits.channel-limit".to_owned(), Rule::Minimum(1.0)),
            ("tags[1].ratio".to_owned(), Rule::Minimum(-5.0)),
            ("tags[1].channel-limit".to_owned(), Rule::Maximum(100.0)),
        ]
    );
    // Lengths count characters, not bytes; a violation never shows the value.
    assert!(violations(&Profile::new("ééé", 0_i64)).is_empty());
    let shown = violations(&Profile::new("x", 0_i64).password("hunter2"))
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert_eq!(
        shown,
        "`name` must have at least 3 characters; `password` must have at least 8 characters"
    );
}

#[test]
fn a_generic_parameter_is_checked_as_its_type() {
    let nested = Profile::new("abcd", Profile::new("x", 0_i64));
    assert_eq!(
        rules(&violations(&nested)),
        [("inner.name".to_owned(), Rule::MinLength(3))]
    );
}

#[test]
fn query_parameters_are_checked_by_their_wire_names() {
    assert_eq!(
        rules(&violations(&Page::new().size(251))),
        [("page[size]".to_owned(), Rule::Maximum(250.0))]
    );
    assert!(violations(&Page::new()).is_empty());
}

/// A type of one's own named like a scalar the checks skip, written with a
/// path as the generator writes it.
mod shadow {
    use telnyx_codegen_runtime::Model;

    #[derive(Clone, Debug, PartialEq, Model)]
    pub struct String {
        #[model(min_length = 3)]
        pub text: std::string::String,
        #[model(extra)]
        pub extra: serde_json::Map<std::string::String, serde_json::Value>,
    }
}

#[derive(Clone, Debug, PartialEq, Model)]
struct Holder {
    label: Option<String>,
    inner: Option<self::shadow::String>,
    #[model(extra)]
    extra: Map<String, Value>,
}

#[test]
fn a_type_named_like_a_scalar_keeps_its_check() {
    let holder = Holder::new().label("x").inner(shadow::String::new("ab"));
    assert_eq!(
        rules(&violations(&holder)),
        [("inner.text".to_owned(), Rule::MinLength(3))]
    );
}
