//! The declarations the generated fake reads (`client.fake` and each
//! resource's `fake`): every operation they name belongs to the resource
//! and fits its role, every field they name is a field of the resource's
//! object type, every value fits its field.

use std::collections::BTreeMap;

use indexmap::IndexMap;

use super::client::resolve_dotted;
use super::operations::{parse_http, parse_template, TemplatePart};
use super::{conform, with, Validator};
use crate::load::locate::Segment;
use crate::load::schema::{FakeResourceDef, FieldDef, OperationDef};
use crate::model::HttpMethod;
use crate::spec_path;
use crate::typeexpr::TypeExpr;

/// The roles an operation can play in a resource, with the methods each
/// accepts and whether its path must end in the object's id.
const ROLES: &[(&str, &[HttpMethod], bool)] = &[
    ("create", &[HttpMethod::Post, HttpMethod::Put], false),
    ("list", &[HttpMethod::Get], false),
    ("retrieve", &[HttpMethod::Get], true),
    ("update", &[HttpMethod::Patch, HttpMethod::Put], true),
    ("delete", &[HttpMethod::Delete], true),
];

impl Validator<'_> {
    pub(super) fn fake(&mut self) {
        let spec = self.spec;
        if let Some(fake) = &spec.client.value.fake {
            self.fake_errors(&fake.errors, &fake.error);
        }
        let mut claimed: BTreeMap<&str, &str> = BTreeMap::new();
        for (name, resource) in &spec.resources {
            let Some(fake) = &resource.value.fake else {
                continue;
            };
            let base = spec_path!["resources", name, "fake"];
            let file = resource.file;
            if spec.client.value.fake.is_none() {
                self.error_at_key(
                    file,
                    base.clone(),
                    "a resource's `fake` needs `client.fake` (the shape of the fake's error bodies)",
                );
            }
            let mut items: Vec<(String, Vec<Segment>)> = Vec::new();
            for (role, op_name) in roles(fake) {
                let at = with(&base, role);
                if let Some(previous) = claimed.insert(op_name, name) {
                    self.error(
                        file,
                        at.clone(),
                        format!("`{op_name}` already has a role in the fake of `{previous}`"),
                    );
                }
                let Some(op) = resource.value.operations.get(op_name) else {
                    let known: Vec<&str> = resource
                        .value
                        .operations
                        .keys()
                        .map(String::as_str)
                        .collect();
                    self.error(
                        file,
                        at,
                        format!(
                            "`{op_name}` is not an operation of `{name}`; it has: {}",
                            known.join(", ")
                        ),
                    );
                    continue;
                };
                if let Err(message) = fits_role(op, role) {
                    self.error(file, at.clone(), message);
                }
                if let Some(item) = self.item_type(op, role == "list") {
                    items.push((item, at));
                }
            }
            for (index, source) in fake.view_of.iter().enumerate() {
                let at = with(&with(&base, "view_of"), index);
                if !spec
                    .resources
                    .get(source)
                    .is_some_and(|other| other.value.fake.is_some() && source != name)
                {
                    self.error(
                        file,
                        at,
                        format!("`{source}` is not another resource with a `fake`"),
                    );
                }
            }
            if !fake.view_of.is_empty() {
                for role in ["create", "update", "delete"] {
                    if roles(fake).iter().any(|(r, _)| *r == role) {
                        self.error_at_key(
                            file,
                            with(&base, role),
                            "a resource with `view_of` only lists and reads the objects of others",
                        );
                    }
                }
            }
            let Some((item, _)) = items.first().cloned() else {
                if !roles(fake).is_empty() {
                    self.error_at_key(
                        file,
                        base.clone(),
                        "none of the operations answers with an object type, so the fake cannot tell what it keeps",
                    );
                }
                continue;
            };
            for (other, at) in items.iter().skip(1) {
                if *other != item {
                    self.error(
                        file,
                        at.clone(),
                        format!("answers with `{other}`, but the resource's other operations with `{item}`"),
                    );
                }
            }
            self.fake_fields(
                fake,
                &item,
                file,
                &base,
                resource
                    .value
                    .operations
                    .get(fake.list.as_deref().unwrap_or_default()),
            );
        }
    }

    /// The fields named by a resource's `fake`, against its object type.
    fn fake_fields(
        &mut self,
        fake: &FakeResourceDef,
        item: &str,
        file: usize,
        base: &[Segment],
        list: Option<&OperationDef>,
    ) {
        let spec = self.spec;
        let Some(fields) = spec.types.get(item).and_then(|ty| ty.value.fields.as_ref()) else {
            return;
        };
        let id_at = with(base, "id");
        match fake.id.as_deref() {
            Some(id) => self.fake_field(
                fields,
                id,
                item,
                file,
                id_at,
                &[TypeExpr::String, TypeExpr::Integer],
            ),
            None if !fields.contains_key("id") => self.error_at_key(
                file,
                base.to_vec(),
                format!("`{item}` has no field `id`; name the id field with `id`"),
            ),
            None => {}
        }
        for (key, value) in [
            ("created_at", &fake.created_at),
            ("updated_at", &fake.updated_at),
        ] {
            if let Some(field) = value {
                self.fake_field(
                    fields,
                    field,
                    item,
                    file,
                    with(base, key),
                    &[TypeExpr::String],
                );
            }
        }
        for (field, value) in &fake.set {
            let at = with(&with(base, "set"), field.as_str());
            let Some(def) = fields.get(field) else {
                self.error_at_key(file, at, format!("`{item}` has no field `{field}`"));
                continue;
            };
            let (Ok(ty), Ok(json)) = (self.parsed.get(&def.ty), serde_json::to_value(value)) else {
                self.error(file, at, "the value is not plain data");
                continue;
            };
            for problem in conform::check_field(spec, self.parsed, &json, def, &ty) {
                self.error(
                    file,
                    at.clone(),
                    format!("the value does not fit `{field}`: {problem}"),
                );
            }
        }
        for (param, dotted) in &fake.filters {
            let at = with(&with(base, "filters"), param.as_str());
            if !list.is_some_and(|op| op.query.contains_key(param)) {
                self.error_at_key(
                    file,
                    at.clone(),
                    format!("`{param}` is not a query parameter of the resource's `list`"),
                );
            }
            let any = [
                TypeExpr::String,
                TypeExpr::Integer,
                TypeExpr::Number,
                TypeExpr::Boolean,
            ];
            // A view's filter may name a field of the objects it shows.
            let sources: Vec<String> = fake
                .view_of
                .iter()
                .filter_map(|source| self.resource_item(source))
                .collect();
            let shown = sources
                .iter()
                .filter_map(|source| spec.types.get(source))
                .filter_map(|ty| ty.value.fields.as_ref());
            let found = std::iter::once(fields).chain(shown).any(|fields| {
                any.iter()
                    .any(|leaf| resolve_dotted(spec, self.parsed, fields, dotted, leaf).is_ok())
            });
            if !found {
                self.error(
                    file,
                    at,
                    format!("`{dotted}` is not a string, number or boolean field of `{item}`"),
                );
            }
        }
    }

    fn fake_field(
        &mut self,
        fields: &IndexMap<String, FieldDef>,
        name: &str,
        item: &str,
        file: usize,
        at: Vec<Segment>,
        allowed: &[TypeExpr],
    ) {
        match fields.get(name).map(|def| self.parsed.get(&def.ty)) {
            None => self.error(file, at, format!("`{item}` has no field `{name}`")),
            Some(Ok(ty)) if !allowed.contains(&ty) => self.error(
                file,
                at,
                format!(
                    "`{item}.{name}` is a `{ty}`; it must be a string{}",
                    if allowed.len() > 1 {
                        " or an integer"
                    } else {
                        ""
                    }
                ),
            ),
            Some(_) => {}
        }
    }

    /// The object type a resource's fake keeps, from its role operations.
    fn resource_item(&self, name: &str) -> Option<String> {
        let resource = self.spec.resources.get(name)?;
        let fake = resource.value.fake.as_ref()?;
        roles(fake).into_iter().find_map(|(role, op)| {
            let op = resource.value.operations.get(op)?;
            self.item_type(op, role == "list")
        })
    }

    /// The object type an operation answers with: the type itself, or the
    /// argument of its envelope (a generic type with a field of its
    /// parameter's type, or a list envelope).
    fn item_type(&self, op: &OperationDef, list: bool) -> Option<String> {
        let response = self.parsed.get(op.response.as_deref()?).ok()?;
        let client = &self.spec.client.value;
        let TypeExpr::Named { name, args } = &response else {
            return None;
        };
        let list_envelopes = [
            client.pagination.as_ref().map(|p| p.envelope.as_str()),
            client
                .cursor_pagination
                .as_ref()
                .map(|p| p.envelope.as_str()),
        ];
        let unwrapped = match args.as_slice() {
            [arg] if list && list_envelopes.contains(&Some(name.as_str())) => arg.clone(),
            [arg] if !list => {
                let def = self.spec.types.get(name)?;
                let param = def.value.params.first()?;
                let wraps = def.value.fields.as_ref()?.values().any(|field| {
                    self.parsed.get(&field.ty).is_ok_and(|ty| {
                        ty == TypeExpr::Named {
                            name: param.clone(),
                            args: vec![],
                        }
                    })
                });
                if !wraps {
                    return None;
                }
                arg.clone()
            }
            [] if !list => response.clone(),
            _ => return None,
        };
        match unwrapped {
            TypeExpr::Named { name, args } if args.is_empty() => self
                .spec
                .types
                .get(&name)
                .is_some_and(|def| def.value.fields.is_some())
                .then_some(name),
            _ => None,
        }
    }

    /// `client.fake`: `errors` is an array field of the error type and
    /// `error`, placeholders filled, is a value of its item type.
    fn fake_errors(&mut self, errors: &str, entry: &serde_yaml::Value) {
        let spec = self.spec;
        let file = spec.client.file;
        let base = spec_path!["client", "fake"];
        let Ok(TypeExpr::Named { name, .. }) = self.parsed.get(&spec.client.value.error) else {
            return;
        };
        let field = spec
            .types
            .get(&name)
            .and_then(|def| def.value.fields.as_ref())
            .and_then(|fields| fields.get(errors));
        let item = field.and_then(|def| match self.parsed.get(&def.ty) {
            Ok(TypeExpr::Array(item)) => Some(*item),
            _ => None,
        });
        let Some(item) = item else {
            self.error(
                file,
                with(&base, "errors"),
                format!("`{errors}` must be an `array<…>` field of the error type `{name}`"),
            );
            return;
        };
        let at = with(&base, "error");
        let Ok(mut json) = serde_json::to_value(entry) else {
            self.error(file, at, "the error entry is not plain data");
            return;
        };
        if !json.is_object() {
            self.error(file, at, "the error entry must be a mapping");
            return;
        }
        fill_placeholders(&mut json);
        for problem in conform::check(spec, self.parsed, &json, &item) {
            self.error(
                file,
                at.clone(),
                format!("the error entry (placeholders filled) does not fit `{item}`: {problem}"),
            );
        }
    }
}

/// Replaces the placeholder strings with sample text, as the fake would.
fn fill_placeholders(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) if text.starts_with('{') && text.ends_with('}') => {
            *text = "1".to_owned();
        }
        serde_json::Value::Object(map) => map.values_mut().for_each(fill_placeholders),
        serde_json::Value::Array(items) => items.iter_mut().for_each(fill_placeholders),
        _ => {}
    }
}

/// The roles a resource's `fake` gives, with the operation of each.
fn roles(fake: &FakeResourceDef) -> Vec<(&'static str, &str)> {
    [
        ("create", &fake.create),
        ("list", &fake.list),
        ("retrieve", &fake.retrieve),
        ("update", &fake.update),
        ("delete", &fake.delete),
    ]
    .into_iter()
    .filter_map(|(role, op)| op.as_deref().map(|op| (role, op)))
    .collect()
}

/// Whether an operation's method and path fit a role.
fn fits_role(op: &OperationDef, role: &str) -> Result<(), String> {
    let Some((_, methods, by_id)) = ROLES.iter().find(|(name, _, _)| *name == role) else {
        return Ok(());
    };
    let Ok((method, path)) = parse_http(&op.http) else {
        return Ok(());
    };
    if !methods.contains(&method) {
        let names: Vec<&str> = methods.iter().map(|m| m.as_str()).collect();
        let article = if role.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        return Err(format!(
            "{article} `{role}` is {}, not {method}",
            names.join(" or ")
        ));
    }
    let ends_in_param = parse_template(path)
        .ok()
        .and_then(|parts| {
            parts
                .last()
                .map(|part| matches!(part, TemplatePart::Placeholder(_)))
        })
        .unwrap_or(false);
    if *by_id && !ends_in_param {
        return Err(format!(
            "the operation of `{role}` names the object by the last part of its path, but `{path}` does not end in a `{{param}}`"
        ));
    }
    Ok(())
}
