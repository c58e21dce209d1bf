//! `new` and the setters the `Model` and `ToQuery` derives write: required
//! fields go to `new` in declaration order, optional ones start unset and
//! are set by a chained method of their own name, and what is built encodes
//! exactly as if written out.

#![allow(missing_docs, clippy::unwrap_used)]

use serde_json::{json, Map, Value};
use telnyx_codegen_runtime::__private_v1::{Query, ToQuery as _};
use telnyx_codegen_runtime::{Model, Nullable, Secret, ToQuery};

#[derive(Clone, Debug, PartialEq, Model)]
struct Account<T> {
    name: String,
    owner: T,
    #[model(nullable)]
    parent: Option<String>,
    password: Option<Secret<String>>,
    port: Option<i64>,
    #[model(rename = "type")]
    r#type: Option<String>,
    note: Nullable<String>,
    #[model(extra)]
    extra: Map<String, Value>,
}

#[derive(Clone, Debug, PartialEq, ToQuery)]
struct Search {
    #[model(rename = "filter[name]")]
    name: String,
    #[model(rename = "page[size]")]
    page_size: Option<i64>,
}

#[test]
fn new_takes_the_required_fields_and_leaves_the_rest_unset() {
    let account = Account::new("office", 7_u8, None);
    assert_eq!(account.name, "office");
    assert_eq!(account.owner, 7);
    assert_eq!(account.parent, None);
    assert_eq!(account.port, None);
    assert!(account.note.is_absent());
    assert!(account.extra.is_empty());
    // A required nullable field is always written; unset optional ones are not.
    assert_eq!(
        serde_json::to_value(&account).unwrap(),
        json!({"name": "office", "owner": 7, "parent": null})
    );
}

#[test]
fn setters_take_anything_that_converts_and_chain() {
    let account = Account::new(String::from("office"), "me", Some("root".to_owned()))
        .port(5060)
        .password("hunter2")
        .r#type("sip")
        .note("hello");
    assert_eq!(account.port, Some(5060));
    assert_eq!(
        account.password.as_ref().map(Secret::expose),
        Some(&"hunter2".to_owned())
    );
    assert_eq!(account.note, Nullable::Value("hello".to_owned()));
    assert_eq!(
        serde_json::to_value(&account).unwrap(),
        json!({
            "name": "office", "owner": "me", "parent": "root", "password": "hunter2",
            "port": 5060, "type": "sip", "note": "hello"
        })
    );
}

#[test]
fn a_nullable_field_is_cleared_by_assignment() {
    let mut account = Account::new("office", 1_u8, None);
    account.note = Nullable::Null;
    assert_eq!(serde_json::to_value(&account).unwrap()["note"], Value::Null);
}

#[test]
fn query_structs_get_new_and_setters_too() {
    let search = Search::new("office").page_size(50);
    let mut query = Query::new();
    search.append_to(&mut query);
    assert_eq!(query.to_query_string(), "filter[name]=office&page[size]=50");
}
