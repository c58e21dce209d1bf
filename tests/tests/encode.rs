//! The client's body encoder (`WriteJson`, which the derives write for the
//! types sent in requests) gives the same bytes as `serde_json::to_vec` of
//! the generated `Serialize` impls, on random values of every request body
//! the spec has a sample for and of the hostile fixture's request types: each sample (or template) is mutated at random (strings
//! with escapes, control characters and any Unicode; big, negative and
//! floating-point numbers; nulls; values of the wrong shape; unknown
//! fields), decoded, and encoded both ways.

// A failed check reports through the panic's message.
#![allow(clippy::unwrap_used)]

use std::cell::Cell;
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use telnyx_sip::runtime::__private_v1::{encode_body, WriteJson};

type RoundTrip = fn(&str) -> Result<(), String>;

// The request samples' table (`REQUEST_SAMPLES`), with `encode_check`
// below checking the encoders.
include!(concat!(env!("OUT_DIR"), "/request_samples.rs"));

/// Random cases per type.
const CASES: u32 = 96;

/// Any string, weighted towards what JSON escapes: quotes, backslashes and
/// control characters, mixed with any Unicode.
fn any_text() -> BoxedStrategy<String> {
    let chars = prop_oneof![
        4 => any::<char>(),
        2 => proptest::char::range('\0', '\u{1f}'),
        1 => Just('"'),
        1 => Just('\\'),
        1 => Just('\u{7f}'),
        3 => proptest::char::range('a', 'z'),
    ];
    proptest::collection::vec(chars, 0..20)
        .prop_map(String::from_iter)
        .boxed()
}

/// Any number: small, at the limits of i64 and u64, and floats (a
/// non-finite one becomes `null`, as in serde_json).
fn any_number() -> BoxedStrategy<Value> {
    prop_oneof![
        (-1000i64..1000).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        Just(Value::from(i64::MIN)),
        Just(Value::from(u64::MAX)),
        any::<f64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
    ]
    .boxed()
}

/// Any JSON value, nested a little.
fn any_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any_number(),
        any_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((any_text(), inner), 0..4)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
    .boxed()
}

/// A value shaped like `template` most of the time (so that it decodes into
/// the template's type, listed enum values included), with random leaves,
/// fields left out or `null`, unknown fields added, and now and then a
/// value of any shape.
fn like(template: &Value) -> BoxedStrategy<Value> {
    let shaped = match template {
        Value::Null => Just(Value::Null).boxed(),
        Value::Bool(_) => any::<bool>().prop_map(Value::Bool).boxed(),
        Value::Number(number) if number.is_f64() => any_number(),
        Value::Number(_) => prop_oneof![
            3 => (-1000i64..1000).prop_map(Value::from),
            1 => any::<i64>().prop_map(Value::from),
            1 => any_number(),
        ]
        .boxed(),
        Value::String(text) => prop_oneof![
            Just(Value::String(text.clone())),
            any_text().prop_map(Value::String),
            // Integers sent as strings, for `int_string` fields.
            any::<i64>().prop_map(|n| Value::String(n.to_string())),
        ]
        .boxed(),
        Value::Array(items) => match items.first() {
            Some(first) => proptest::collection::vec(like(first), 0..3)
                .prop_map(Value::Array)
                .boxed(),
            None => Just(Value::Array(Vec::new())).boxed(),
        },
        Value::Object(fields) => {
            let known: Vec<_> = fields
                .iter()
                .map(|(key, value)| {
                    let key = key.clone();
                    prop_oneof![
                        14 => like(value).prop_map(Some),
                        1 => Just(None),
                        1 => Just(Some(Value::Null)),
                    ]
                    .prop_map(move |value| value.map(|value| (key.clone(), value)))
                })
                .collect();
            let unknown = proptest::collection::vec((any_text(), any_json()), 0..3);
            (known, unknown)
                .prop_map(|(known, unknown)| {
                    let mut object = Map::new();
                    for (key, value) in known.into_iter().flatten().chain(unknown) {
                        object.insert(key, value);
                    }
                    Value::Object(object)
                })
                .boxed()
        }
    };
    prop_oneof![19 => shaped, 1 => any_json()].boxed()
}

/// Random values like `template` that decode as `T` encode to the same
/// bytes both ways; and enough of them decode for that to mean something.
fn encoders_agree<T: DeserializeOwned + Serialize + WriteJson>(
    template: &Value,
) -> Result<(), String> {
    let decoded = Cell::new(0u32);
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&like(template), |value| {
            let text = value.to_string();
            // A value that does not fit the type (a required field of the
            // wrong shape) is not this test's business.
            let Ok(typed) = serde_json::from_str::<T>(&text) else {
                return Ok(());
            };
            decoded.set(decoded.get() + 1);
            same_bytes(&typed)
                .map_err(|problem| TestCaseError::fail(format!("{problem}\ninput: {text}")))
        })
        .map_err(|error| error.to_string())?;
    // Shrinking runs more cases than CASES; a quarter decoding is plenty.
    if decoded.get() < CASES / 4 {
        return Err(format!(
            "only {} of {CASES} random values decoded: the test checks too little",
            decoded.get()
        ));
    }
    Ok(())
}

/// Both encoders write the same bytes for `value`, or what each wrote.
fn same_bytes<T: Serialize + WriteJson>(value: &T) -> Result<(), String> {
    let serde = serde_json::to_vec(value).map_err(|e| e.to_string())?;
    let client = encode_body(value).map_err(|e| e.to_string())?;
    if client == serde {
        Ok(())
    } else {
        Err(format!(
            "the client's encoder wrote\n{}\nserde_json wrote\n{}",
            String::from_utf8_lossy(&client),
            String::from_utf8_lossy(&serde)
        ))
    }
}

/// The sample itself, then random values shaped like it.
fn encode_check<T: DeserializeOwned + Serialize + WriteJson>(text: &str) -> Result<(), String> {
    let sample: T = serde_json::from_str(text).map_err(|e| format!("does not decode: {e}"))?;
    same_bytes(&sample).map_err(|problem| format!("the sample itself: {problem}"))?;
    let template: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    encoders_agree::<T>(&template)
}

fn spec_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"))
}

#[test]
fn the_client_encoder_writes_serde_jsons_bytes_for_random_values_of_every_request_sample() {
    assert!(
        !REQUEST_SAMPLES.is_empty(),
        "the spec names no request samples"
    );
    let mut failures = Vec::new();
    for (file, operation, check) in REQUEST_SAMPLES {
        let text = std::fs::read_to_string(spec_dir().join(file)).unwrap_or_default();
        if let Err(problem) = check(&text) {
            failures.push(format!("{file} ({operation} request): {problem}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_client_encoder_writes_serde_jsons_bytes_for_int_string_fields() {
    let template = json!({
        "connection_name": "legacy",
        "active": true,
        "dnis_number_format": "+e164",
        "timeout_1xx": "3",
        "timeout_2xx": 90,
        "ani_override": "+15550001111",
    });
    encoders_agree::<telnyx_sip::LegacyConnectionRequest>(&template).unwrap();
}

#[test]
fn the_client_encoder_writes_serde_jsons_bytes_for_the_hostile_shapes() {
    // Required, required-and-nullable, int-as-string, integer and string
    // enums, a type named like serde's visitor, and a generic type over four
    // parameters holding a map and a type named `Result`.
    let template = json!({
        "id": "i-1",
        "level": -1,
        "spelling": "foo-bar",
        "when": null,
        "count": "7",
        "odd": {"extra": "e", "map": "m", "key": "k", "value": {"any": [1, 2.5]}, "self": "s"},
        "quad": {"d": "d", "a": [1, -2], "t": {"x": true}, "e": {"ok": false}},
    });
    encoders_agree::<hostile_client::Item>(&template).unwrap();
}
