//! The objects of a resource and what the server does to them: assigning
//! ids and timestamps, applying defaults, and the PATCH and PUT semantics.

use serde_json::{Map, Value};

use super::schema::{parse, Types};
use super::table::{Field, Resource, Shape};

/// The current instant as RFC 3339 text, in whole microseconds (what the
/// timestamps of most APIs carry).
pub(crate) fn now() -> String {
    let now = jiff::Timestamp::now();
    let micros = now.as_microsecond();
    jiff::Timestamp::from_microsecond(micros)
        .unwrap_or(now)
        .to_string()
}

/// Issues ids: a counter, shaped like the id field (a UUID, a number, or a
/// string of digits), so that ids never repeat within one fake.
#[derive(Debug)]
pub(crate) struct Ids {
    next: u64,
    /// Distinguishes this fake's UUIDs from another's.
    salt: u32,
}

impl Ids {
    pub(crate) fn new() -> Self {
        Self {
            next: 1,
            salt: fastrand::u32(..),
        }
    }

    pub(crate) fn issue(&mut self, field: Option<&Field>) -> Value {
        let n = self.next;
        self.next += 1;
        match field {
            Some(Field {
                shape: Shape::Integer,
                ..
            }) => Value::from(n),
            Some(Field {
                format: Some("uuid"),
                ..
            }) => Value::String(format!(
                "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
                self.salt,
                (n >> 32) & 0xffff,
                (n >> 20) & 0xfff,
                (n >> 8) & 0xfff,
                n & 0xff_ffff_ffff
            )),
            _ => Value::String(format!("{}", 1_000_000_000_000_000_000 + n)),
        }
    }
}

/// An object's id as the text a path carries.
pub(crate) fn id_text(object: &Value, id_field: &str) -> Option<String> {
    match object.get(id_field)? {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// What the server writes into a new object besides what was sent.
pub(crate) fn server_fields(
    object: &mut Map<String, Value>,
    resource: &Resource,
    types: &Types,
    ids: &mut Ids,
) {
    let fields = types.fields(resource.item);
    if !object.contains_key(resource.id) {
        let id_field = fields.iter().find(|field| field.name == resource.id);
        object.insert(resource.id.to_owned(), ids.issue(id_field));
    }
    let stamp = now();
    for field in [resource.created_at, resource.updated_at]
        .into_iter()
        .flatten()
    {
        object
            .entry(field.to_owned())
            .or_insert_with(|| Value::String(stamp.clone()));
    }
    for (field, json) in resource.set {
        if let Some(value) = parse(json) {
            object.entry((*field).to_owned()).or_insert(value);
        }
    }
    // A required field nobody set would make the object undecodable for
    // the client: it gets an example value of its type.
    for field in fields.iter().filter(|field| field.required) {
        if !object.contains_key(field.name) {
            let value = types.field_example(field, &Vec::new(), 0);
            object.insert(field.name.to_owned(), value);
        }
    }
}

/// A new object from a request body: the fields the object type has and
/// the server does not set, then the server's fields and the documented
/// defaults.
pub(crate) fn create(body: &Value, resource: &Resource, types: &Types, ids: &mut Ids) -> Value {
    let mut object = writable(body, resource, types);
    server_fields(&mut object, resource, types, ids);
    let mut value = Value::Object(object);
    types.apply_defaults(&mut value, &Shape::Named(resource.item, &[]), 0);
    value
}

/// The fields of `body` a caller may set on an object of the resource.
fn writable(body: &Value, resource: &Resource, types: &Types) -> Map<String, Value> {
    let fields = types.fields(resource.item);
    let mut object = Map::new();
    if let Some(sent) = body.as_object() {
        for (key, value) in sent {
            let known = fields
                .iter()
                .find(|field| field.name == key)
                .is_some_and(|field| !field.read_only);
            if known && key != resource.id {
                object.insert(key.clone(), value.clone());
            }
        }
    }
    object
}

/// A partial update (PATCH): an absent field is left as it is, `null`
/// clears a field (kept as `null` where the type allows it), a value sets
/// it; objects nested in the body change only the keys they name.
pub(crate) fn patch(current: &mut Value, body: &Value, resource: &Resource, types: &Types) {
    let fields = types.fields(resource.item);
    let changes = writable(body, resource, types);
    if let Some(object) = current.as_object_mut() {
        for (key, value) in changes {
            let nullable = fields
                .iter()
                .find(|field| field.name == key)
                .is_some_and(|field| field.nullable);
            match (value, object.get_mut(&key)) {
                (Value::Null, _) if nullable => {
                    object.insert(key, Value::Null);
                }
                (Value::Null, _) => {
                    object.remove(&key);
                }
                (Value::Object(inner), Some(Value::Object(existing))) => merge(existing, inner),
                (value, _) => {
                    object.insert(key, value);
                }
            }
        }
    }
    touch(current, resource);
}

/// JSON merge patch (RFC 7396) of a nested object.
fn merge(existing: &mut Map<String, Value>, changes: Map<String, Value>) {
    for (key, value) in changes {
        match (value, existing.get_mut(&key)) {
            (Value::Null, _) => {
                existing.remove(&key);
            }
            (Value::Object(inner), Some(Value::Object(nested))) => merge(nested, inner),
            (value, _) => {
                existing.insert(key, value);
            }
        }
    }
}

/// A whole update (PUT): the object becomes what was sent, keeping what
/// the server set, with the documented defaults for what was not sent.
pub(crate) fn replace(current: &mut Value, body: &Value, resource: &Resource, types: &Types) {
    let fields = types.fields(resource.item);
    let mut object = writable(body, resource, types);
    if let Some(old) = current.as_object() {
        for (key, value) in old {
            let server_set = key == resource.id
                || fields
                    .iter()
                    .find(|field| field.name == key)
                    .is_some_and(|field| field.read_only);
            if server_set {
                object.insert(key.clone(), value.clone());
            }
        }
    }
    let mut value = Value::Object(object);
    types.apply_defaults(&mut value, &Shape::Named(resource.item, &[]), 0);
    *current = value;
    touch(current, resource);
}

fn touch(object: &mut Value, resource: &Resource) {
    if let (Some(field), Some(object)) = (resource.updated_at, object.as_object_mut()) {
        object.insert(field.to_owned(), Value::String(now()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake::table::{Type, TypeKind};

    static TYPES: &[Type] = &[Type {
        name: "Profile",
        params: &[],
        kind: TypeKind::Object(&[
            Field::new("id", Shape::String).read_only().format("uuid"),
            Field::new("record_type", Shape::String).read_only(),
            Field::new("name", Shape::String),
            Field::new("limit", Shape::Integer).nullable(),
            Field::new("plan", Shape::String).default("\"global\""),
            Field::new("nested", Shape::Json),
            Field::new("created_at", Shape::String).read_only(),
            Field::new("updated_at", Shape::String).read_only(),
            Field::new("owner", Shape::String).read_only().required(),
        ]),
    }];

    static PROFILES: Resource = Resource {
        name: "profiles",
        item: "Profile",
        id: "id",
        create: None,
        list: None,
        retrieve: None,
        update: None,
        delete: None,
        view_of: &[],
        created_at: Some("created_at"),
        updated_at: Some("updated_at"),
        set: &[("record_type", "\"profile\"")],
        filters: &[],
    };

    #[test]
    fn create_sets_server_fields_and_defaults_and_drops_read_only_input() {
        let types = Types::new(TYPES.iter());
        let mut ids = Ids::new();
        let body = serde_json::json!({"name": "a", "id": "mine", "record_type": "x", "unknown": 1});
        let first = create(&body, &PROFILES, &types, &mut ids);
        let second = create(&body, &PROFILES, &types, &mut ids);
        assert_ne!(first["id"], "mine");
        assert_ne!(first["id"], second["id"]);
        assert_eq!(first["id"].as_str().map(str::len), Some(36));
        assert_eq!(first["record_type"], "profile");
        assert_eq!(first["plan"], "global");
        assert!(first.get("unknown").is_none());
        assert_eq!(first["owner"], "string");
        assert!(first["created_at"]
            .as_str()
            .is_some_and(|t| t.parse::<jiff::Timestamp>().is_ok()));
    }

    #[test]
    fn patch_leaves_absent_fields_clears_nulls_and_sets_values() {
        let types = Types::new(TYPES.iter());
        let mut ids = Ids::new();
        let body = serde_json::json!({"name": "a", "limit": 5, "nested": {"a": 1, "b": 2}});
        let mut object = create(&body, &PROFILES, &types, &mut ids);
        let id = object["id"].clone();
        patch(
            &mut object,
            &serde_json::json!({"limit": null, "nested": {"b": null, "c": 3}}),
            &PROFILES,
            &types,
        );
        assert_eq!(object["name"], "a");
        assert_eq!(object["limit"], Value::Null);
        assert_eq!(object["nested"], serde_json::json!({"a": 1, "c": 3}));
        assert_eq!(object["id"], id);
        patch(
            &mut object,
            &serde_json::json!({"name": null}),
            &PROFILES,
            &types,
        );
        assert!(object.get("name").is_none());
    }

    #[test]
    fn replace_keeps_server_fields_only() {
        let types = Types::new(TYPES.iter());
        let mut ids = Ids::new();
        let mut object = create(
            &serde_json::json!({"name": "a", "plan": "us"}),
            &PROFILES,
            &types,
            &mut ids,
        );
        let id = object["id"].clone();
        replace(
            &mut object,
            &serde_json::json!({"limit": 2}),
            &PROFILES,
            &types,
        );
        assert_eq!(object["id"], id);
        assert_eq!(object["record_type"], "profile");
        assert!(object.get("name").is_none());
        assert_eq!(object["plan"], "global");
        assert_eq!(object["limit"], 2);
    }

    #[test]
    fn ids_follow_the_id_field() {
        let mut ids = Ids::new();
        let integer = Field::new("id", Shape::Integer);
        assert!(ids.issue(Some(&integer)).is_u64());
        let text = ids.issue(None);
        assert!(text
            .as_str()
            .is_some_and(|t| t.chars().all(|c| c.is_ascii_digit())));
    }
}
