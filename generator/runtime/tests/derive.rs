//! The derives generated types use: lossless, forgiving decoding and exact
//! encoding, on hand-written types shaped like generated ones.

#![allow(missing_docs, clippy::unwrap_used)]

use std::collections::BTreeMap;

use bytes::Bytes;
use serde_json::{json, Map, Value};
use telnyx_codegen_runtime::__private_v1::decode_success_body;
use telnyx_codegen_runtime::__private_v1::{Query, ToQuery as _};
use telnyx_codegen_runtime::{
    Error, ErrorKind, Model, Nullable, Number, OpenEnum, Secret, ToQuery, UnknownValue,
};

#[derive(Clone, Debug, PartialEq, OpenEnum)]
enum Region {
    #[model(value = "Chicago, IL")]
    Chicago,
    #[model(value = "Latency")]
    Latency,
    #[model(unknown)]
    Unknown(UnknownValue),
}

#[derive(Clone, Debug, PartialEq, OpenEnum)]
enum Plan {
    #[model(value = 1)]
    Us,
    #[model(value = 4)]
    Global,
    #[model(unknown)]
    Other(UnknownValue),
}

#[derive(Clone, Debug, PartialEq, Model)]
struct Inner {
    limit: Option<i64>,
    #[model(extra)]
    extra: Map<String, Value>,
}

#[derive(Clone, Debug, PartialEq, Model)]
struct Thing {
    name: String,
    #[model(rename = "type")]
    kind: Option<String>,
    count: Option<i64>,
    ratio: Option<Number>,
    flag: Option<bool>,
    tags: Option<Vec<String>>,
    region: Option<Region>,
    plan: Option<Plan>,
    inner: Option<Inner>,
    meta: Option<Value>,
    labels: Option<BTreeMap<String, String>>,
    password: Option<Secret<String>>,
    note: Nullable<String>,
    #[model(nullable)]
    parent: Option<String>,
    #[model(int_string)]
    timeout: Option<i64>,
    #[model(int_string)]
    retries: i64,
    #[model(extra)]
    extra: Map<String, Value>,
}

fn decode(value: &Value) -> Thing {
    serde_json::from_value(value.clone()).unwrap()
}

fn decode_str(text: &str) -> Thing {
    serde_json::from_str(text).unwrap()
}

#[test]
fn known_fields_decode_and_encode_back_exactly() {
    let text = r#"{"name":"a","type":"t","count":3,"ratio":1.5,"flag":true,"tags":["x","y"],"region":"Chicago, IL","plan":4,"inner":{"limit":2,"odd":1},"meta":{"k":[1]},"labels":{"a":"b"},"password":"pw","note":null,"parent":null,"timeout":"30","retries":"2"}"#;
    let thing = decode_str(text);
    assert_eq!(thing.name, "a");
    assert_eq!(thing.kind.as_deref(), Some("t"));
    assert_eq!(thing.region, Some(Region::Chicago));
    assert_eq!(thing.plan, Some(Plan::Global));
    assert_eq!(thing.note, Nullable::Null);
    assert_eq!(thing.parent, None);
    assert_eq!(thing.timeout, Some(30));
    assert_eq!(thing.retries, 2);
    assert_eq!(
        thing.inner.as_ref().unwrap().extra.get("odd"),
        Some(&json!(1))
    );
    assert!(thing.extra.is_empty());
    assert_eq!(serde_json::to_string(&thing).unwrap(), text);
}

#[test]
fn a_null_in_any_optional_field_is_written_back() {
    for field in [
        "type", "count", "ratio", "flag", "tags", "region", "plan", "inner", "meta", "labels",
        "password", "timeout",
    ] {
        let value = json!({"name": "a", field: null, "parent": null, "retries": "1"});
        let thing = decode(&value);
        assert_eq!(thing.extra.get(field), Some(&Value::Null), "{field}");
        assert_eq!(serde_json::to_value(&thing).unwrap(), value, "{field}");
    }
}

#[test]
fn values_of_another_shape_are_kept_and_written_back() {
    for (field, odd) in [
        ("type", json!(5)),
        ("count", json!("many")),
        ("count", json!(1.5)),
        ("ratio", json!("1.5")),
        ("flag", json!("yes")),
        ("tags", json!(["x", 1, "z"])),
        ("tags", json!("x")),
        ("inner", json!([1, 2])),
        ("labels", json!({"a": 1})),
        ("password", json!(["p"])),
        ("timeout", json!("soon")),
        ("count", json!({"n": 1})),
        ("flag", json!([true, {"x": null}])),
    ] {
        let value = json!({"name": "a", field: odd.clone(), "parent": null, "retries": "1"});
        let thing = decode(&value);
        assert_eq!(thing.extra.get(field), Some(&odd), "{field}");
        assert_eq!(serde_json::to_value(&thing).unwrap(), value, "{field}");
    }
}

#[test]
fn unknown_fields_and_enum_values_survive() {
    let value = json!({"name": "a", "region": "Mars", "plan": 9, "new": {"x": [1, null]}, "parent": "p", "retries": 0});
    let thing = decode(&value);
    assert_eq!(thing.region.as_ref().and_then(Region::as_str), Some("Mars"));
    assert_eq!(thing.plan.as_ref().and_then(Plan::as_i64), Some(9));
    assert_eq!(thing.extra.get("new"), Some(&json!({"x": [1, null]})));
    let mut expected = value.clone();
    expected["retries"] = json!("0");
    assert_eq!(serde_json::to_value(&thing).unwrap(), expected);
}

#[test]
fn a_set_field_is_never_written_twice() {
    let mut thing = decode(&json!({"name": "a", "count": null, "parent": null, "retries": 1}));
    thing.count = Some(4);
    let text = serde_json::to_string(&thing).unwrap();
    assert_eq!(text.matches("\"count\"").count(), 1, "{text}");
    assert!(text.contains("\"count\":4"));
}

#[test]
fn required_fields_are_strict() {
    let missing = serde_json::from_value::<Thing>(json!({"parent": null, "retries": 1}));
    assert!(missing
        .unwrap_err()
        .to_string()
        .contains("missing field `name`"));
    let wrong = serde_json::from_value::<Thing>(json!({"name": 1, "retries": 1}));
    assert!(wrong.is_err());
    let not_an_object = serde_json::from_value::<Thing>(json!([1]));
    assert!(not_an_object
        .unwrap_err()
        .to_string()
        .contains("an object (Thing)"));
}

#[test]
fn absent_optional_fields_are_left_out() {
    let thing = decode(&json!({"name": "a", "retries": 1}));
    assert_eq!(
        serde_json::to_value(&thing).unwrap(),
        json!({"name": "a", "parent": null, "retries": "1"})
    );
}

#[test]
fn enums_encode_their_wire_values_and_query_text() {
    assert_eq!(
        serde_json::to_value(Region::Chicago).unwrap(),
        json!("Chicago, IL")
    );
    assert_eq!(serde_json::to_value(Plan::Us).unwrap(), json!(1));
    assert_eq!(
        serde_json::from_value::<Region>(json!({"x": 1})).unwrap(),
        Region::Unknown(UnknownValue::new(json!({"x": 1})))
    );
    let escaped: Region = serde_json::from_str(r#""Late\u006ecy""#).unwrap();
    assert_eq!(escaped, Region::Latency);
    use telnyx_codegen_runtime::__private_v1::QueryValue;
    assert_eq!(Region::Chicago.to_query_value(), "Chicago, IL");
    assert_eq!(Plan::Global.to_query_value(), "4");
}

// Names a derive invents must not clash with the item's own.
#[derive(Clone, Debug, PartialEq, Model)]
#[model(received)]
struct Generic<D, A, S, T> {
    map: Option<D>,
    key: Vec<A>,
    value: Option<S>,
    serializer: Option<T>,
    deserializer: Option<String>,
    #[model(extra)]
    extra_fields: Map<String, Value>,
}

#[test]
fn generic_parameters_and_field_names_of_every_kind_compile_and_work() {
    let value = json!({"map": 1, "key": ["k"], "value": true, "serializer": "s", "deserializer": "d", "x": 0});
    let decoded: Generic<i64, String, bool, String> =
        serde_json::from_value(value.clone()).unwrap();
    assert_eq!(decoded.map, Some(1));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), value);
}

#[derive(Clone, Debug, Default, PartialEq, ToQuery)]
struct ListQuery {
    #[model(rename = "page[number]")]
    page_number: Option<i64>,
    #[model(rename = "filter[tag]")]
    tags: Option<Vec<String>>,
    region: Option<Region>,
    #[model(rename = "filter[name]")]
    name: String,
}

#[test]
fn query_structs_write_set_fields_under_their_wire_names() {
    let mut query = Query::new();
    ListQuery {
        page_number: Some(2),
        tags: Some(vec!["a".into(), "b".into()]),
        region: Some(Region::Chicago),
        name: "n".into(),
    }
    .append_to(&mut query);
    assert_eq!(
        query.to_query_string(),
        "page[number]=2&filter[tag]=a&filter[tag]=b&region=Chicago%2C%20IL&filter[name]=n"
    );
    let mut empty = Query::new();
    ListQuery::default().append_to(&mut empty);
    assert_eq!(empty.to_query_string(), "filter[name]=");
}

/// The client's decoder reads a body as text checked for UTF-8 once, not as
/// bytes: the forgiving rules must hold there exactly as they do through
/// serde_json's byte reader (escaped keys, non-ASCII text, nulls, values of
/// another shape, unknown keys and enum values, nested extras).
#[test]
fn the_clients_decoder_reads_like_the_byte_reader() {
    let body = r#"{"name":"Zürich \"HQ\" 東京","na\u006de2":"escaped key","region":"Mars","plan":9,"count":"many","tags":["x",1],"flag":null,"inner":{"limit":"lots","odd":[1,{"é":null}]},"note":null,"parent":null,"retries":"2","new":{"x":[1.5,null,"\u00e9"]}}"#;
    let via_client: Thing = decode_success_body(&Bytes::from(body)).unwrap();
    let via_bytes: Thing = serde_json::from_slice(body.as_bytes()).unwrap();
    assert_eq!(via_client, via_bytes);
    assert_eq!(via_client.name, "Zürich \"HQ\" 東京");
    assert_eq!(via_client.extra.get("name2"), Some(&json!("escaped key")));
    assert_eq!(via_client.extra.get("count"), Some(&json!("many")));
    assert_eq!(via_client.extra.get("tags"), Some(&json!(["x", 1])));
    assert_eq!(via_client.extra.get("flag"), Some(&Value::Null));
    assert_eq!(
        via_client.extra.get("new"),
        Some(&json!({"x": [1.5, null, "é"]}))
    );
    let inner = via_client.inner.as_ref().unwrap();
    assert_eq!(inner.extra.get("limit"), Some(&json!("lots")));
    assert_eq!(
        via_client.region.as_ref().and_then(Region::as_str),
        Some("Mars")
    );
    assert!(via_client.note.is_null());
    let back = serde_json::to_value(&via_client).unwrap();
    assert_eq!(back, serde_json::from_str::<Value>(body).unwrap());
}

#[derive(Clone, Debug, PartialEq, Model)]
#[model(received)]
struct Listing {
    data: Vec<Thing>,
    #[model(extra)]
    extra: Map<String, Value>,
}

/// Decoding fails fast, then a second pass names the failing field.
#[test]
fn the_clients_decoder_names_the_failing_field() {
    let body = Bytes::from_static(
        br#"{"data":[{"name":"a","retries":1},{"name":"b","odd":[1],"retries":"soon"}]}"#,
    );
    match decode_success_body::<Listing>(&body).map_err(Error::into_kind) {
        Err(ErrorKind::Decode { path, status, .. }) => {
            assert_eq!(path, "data[1].retries");
            assert_eq!(status, 200);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    // A body that is not UTF-8 is read as bytes, and still located.
    let mut bytes = br#"{"data":[{"name":"b"#.to_vec();
    bytes.extend_from_slice(b"\xff\",\"retries\":1}]}");
    match decode_success_body::<Listing>(&Bytes::from(bytes)).map_err(Error::into_kind) {
        Err(ErrorKind::Decode { path, .. }) => assert_eq!(path, "data[0].name"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

/// Arrays and objects where an enum value belongs are kept in its unknown
/// variant (read out of line, on the rare path) and written back.
#[test]
fn enum_values_of_any_shape_are_kept() {
    let value = json!({"name": "a", "region": [1, "x"], "plan": {"tier": [2]}, "parent": null, "retries": "1"});
    let thing: Thing = serde_json::from_str(&value.to_string()).unwrap();
    assert!(
        matches!(&thing.region, Some(Region::Unknown(kept)) if kept.as_json() == &json!([1, "x"]))
    );
    assert!(
        matches!(&thing.plan, Some(Plan::Other(kept)) if kept.as_json() == &json!({"tier": [2]}))
    );
    assert!(thing.extra.is_empty());
    assert_eq!(serde_json::to_value(&thing).unwrap(), value);
}

/// The client's body encoder (`WriteJson`) and serde_json, as text.
fn both_encoders<T: serde::Serialize + telnyx_codegen_runtime::__private_v1::WriteJson>(
    value: &T,
) -> (String, String) {
    let client = telnyx_codegen_runtime::__private_v1::encode_body(value).unwrap();
    let serde = serde_json::to_vec(value).unwrap();
    (
        String::from_utf8(client).unwrap(),
        String::from_utf8(serde).unwrap(),
    )
}

#[test]
fn the_client_encoder_writes_what_serialize_writes_for_every_field_kind() {
    let full = r#"{"name":"a","type":"t","count":3,"ratio":1.5,"flag":true,"tags":["x","y"],"region":"Chicago, IL","plan":4,"inner":{"limit":2,"odd":1},"meta":{"k":[1]},"labels":{"a":"b"},"password":"pw","note":null,"parent":null,"timeout":"30","retries":"2"}"#;
    let texts = [
        full,
        r#"{"name":"","parent":"p","retries":-9223372036854775808,"note":"n"}"#,
        // Unknown fields, unknown enum values, values of another shape and
        // escapes everywhere.
        r#"{"zeta":{"b":1,"a":[2.5e300,null]},"name":"q\"\\\u0001\n\u007f é","region":"Mars","plan":"x","count":"many","inner":{"limit":null,"x":"\u2028"},"tags":[1],"parent":null,"retries":7,"timeout":12345678901234,"type":null}"#,
    ];
    for text in texts {
        let thing = decode_str(text);
        let (client, serde) = both_encoders(&thing);
        assert_eq!(client, serde, "{text}");
    }
    // The same type built in code, a set field shadowing a kept one.
    let mut thing = decode_str(r#"{"name":"a","parent":null,"retries":1,"count":"x"}"#);
    thing.count = Some(-4);
    let (client, serde) = both_encoders(&thing);
    assert_eq!(client, serde);
    assert!(client.contains(r#""count":-4"#), "{client}");
}

#[derive(Clone, Debug, PartialEq, OpenEnum)]
enum Escaped {
    #[model(value = "quote\" back\\ tab\t nul\u{0} del\u{7f} é")]
    Odd,
    #[model(unknown)]
    Unknown(UnknownValue),
}

#[derive(Clone, Debug, PartialEq, Model)]
struct EscapedKeys {
    #[model(rename = "a\"b")]
    quote: Option<i64>,
    #[model(rename = "c\\d")]
    backslash: Option<i64>,
    #[model(rename = "e\u{1}\n\u{8}\u{c}\r\t\u{1f}")]
    control: i64,
    #[model(rename = "Zürich 東京 \u{7f}")]
    unicode: Option<Escaped>,
    #[model(extra)]
    extra: Map<String, Value>,
}

#[test]
fn keys_and_enum_values_are_escaped_at_expansion_as_serde_json_escapes_them() {
    let value = EscapedKeys {
        quote: Some(1),
        backslash: Some(2),
        control: 3,
        unicode: Some(Escaped::Odd),
        extra: Map::new(),
    };
    let (client, serde) = both_encoders(&value);
    assert_eq!(client, serde);
    // And it reads back: the escaped keys are the wire names.
    let back: EscapedKeys = serde_json::from_str(&client).unwrap();
    assert_eq!(back, value);
    let empty = EscapedKeys {
        quote: None,
        backslash: None,
        control: 0,
        unicode: None,
        extra: Map::new(),
    };
    let (client, serde) = both_encoders(&empty);
    assert_eq!(client, serde);
}
