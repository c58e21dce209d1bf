//! The client, its credentials and groups, and pagination.

use std::collections::BTreeMap;

use super::parsed::Parsed;
use super::{with, Scope, Validator};
use crate::load::locate::Segment;
use crate::load::schema::{AuthDef, FieldDef};
use crate::load::Spec;
use crate::spec_path;
use crate::typeexpr::TypeExpr;

impl<'a> Validator<'a> {
    pub(super) fn client(&mut self) {
        let client = &self.spec.client;
        if client.value.credentials.is_empty() {
            self.error(
                client.file,
                spec_path!["client", "credentials"],
                "the client needs at least one credential",
            );
        }
        match self.parsed.get(&client.value.error) {
            Ok(ty) => self.type_expr(
                &ty,
                &Scope { params: &[] },
                client.file,
                spec_path!["client", "error"],
            ),
            Err(message) => self.error(client.file, spec_path!["client", "error"], message),
        }
    }

    /// Credentials become fields and builder methods of the client, and
    /// groups its `base_url_<group>` fields, so two names that become the
    /// same snake_case identifier would generate a struct that cannot compile.
    pub(super) fn client_idents(&mut self) {
        let spec = self.spec;
        let credentials = spec.client.value.credentials.keys().map(|name| {
            (
                spec.client.file,
                spec_path!["client", "credentials", name],
                name,
            )
        });
        let groups = spec
            .groups
            .iter()
            .map(|(name, group)| (group.file, spec_path!["groups", name], name));
        for (what, names) in [
            ("credentials", credentials.collect::<Vec<_>>()),
            ("API groups", groups.collect()),
        ] {
            let mut seen: BTreeMap<String, &String> = BTreeMap::new();
            for (file, path, name) in names {
                let ident = crate::naming::snake_ident(name);
                if let Some(first) = seen.get(&ident) {
                    self.error_at_key(file, path, format!(
                        "{what} `{name}` and `{first}` both become the Rust name `{ident}`; rename one"
                    ));
                } else {
                    seen.insert(ident, name);
                }
            }
        }
    }

    pub(super) fn pagination(&mut self) {
        let spec = self.spec;
        let file = spec.client.file;
        if let Some(pagination) = &spec.client.value.pagination {
            let base = spec_path!["client", "pagination"];
            if let Some(fields) = self.envelope(&base, &pagination.envelope, &pagination.items) {
                let optional = [
                    ("page_size", &pagination.page_size),
                    ("total_results", &pagination.total_results),
                ];
                let given = optional
                    .into_iter()
                    .filter_map(|(key, dotted)| dotted.as_ref().map(|dotted| (key, dotted)));
                for (key, dotted) in [
                    ("total_pages", &pagination.total_pages),
                    ("page_number", &pagination.page_number),
                ]
                .into_iter()
                .chain(given)
                {
                    if let Err(message) =
                        resolve_dotted(spec, self.parsed, fields, dotted, &TypeExpr::Integer)
                    {
                        self.error(file, with(&base, key), message);
                    }
                }
            }
        }
        if let Some(cursor) = &spec.client.value.cursor_pagination {
            let base = spec_path!["client", "cursor_pagination"];
            let numbered = spec.client.value.pagination.as_ref();
            if numbered.is_some_and(|numbered| numbered.envelope == cursor.envelope) {
                self.error(
                    file,
                    with(&base, "envelope"),
                    format!(
                        "`{}` is already the envelope of `pagination`; a list pages one way, so cursor pages need an envelope of their own",
                        cursor.envelope
                    ),
                );
            } else if let Some(fields) = self.envelope(&base, &cursor.envelope, &cursor.items) {
                if let Err(message) = resolve_dotted(
                    spec,
                    self.parsed,
                    fields,
                    &cursor.next_cursor,
                    &TypeExpr::String,
                ) {
                    self.error(file, with(&base, "next_cursor"), message);
                }
                if let Some(dotted) = &cursor.total_results {
                    if let Err(message) =
                        resolve_dotted(spec, self.parsed, fields, dotted, &TypeExpr::Integer)
                    {
                        self.error(file, with(&base, "total_results"), message);
                    }
                }
            }
        }
    }

    /// Checks where the error type lists its problems: the error type is a
    /// plain object type, `items` its field of type `array<Item>` for an
    /// object type `Item`, and every other path leads through `Item` to
    /// something printable.
    pub(super) fn error_problems(&mut self) {
        let spec = self.spec;
        let file = spec.client.file;
        let Some(def) = &spec.client.value.error_problems else {
            return;
        };
        let base = spec_path!["client", "error_problems"];
        let error = &spec.client.value.error;
        let Some(fields) = plain_object_fields(spec, self.parsed.get(error).ok().as_ref()) else {
            self.error(
                file,
                with(&base, "items"),
                format!("the error type `{error}` must be an object type without parameters to list problems"),
            );
            return;
        };
        let item = fields
            .get(&def.items)
            .and_then(|field| self.parsed.get(&field.ty).ok())
            .and_then(|ty| match ty {
                TypeExpr::Array(item) => plain_object_fields(spec, Some(&item)),
                _ => None,
            });
        let Some(item) = item else {
            self.error(
                file,
                with(&base, "items"),
                format!(
                    "`{}` must be a field of `{error}` holding an array of an object type",
                    def.items
                ),
            );
            return;
        };
        for (key, path) in [
            ("code", &def.code),
            ("title", &def.title),
            ("detail", &def.detail),
            ("source", &def.source),
        ] {
            if let Some(path) = path {
                if let Err(message) = resolve_printable(spec, self.parsed, item, path) {
                    self.error(file, with(&base, key), message);
                }
            }
        }
    }

    /// Checks a list envelope (`<base>.envelope`, `<base>.items`) and
    /// returns its fields when it is a generic object of one parameter.
    fn envelope(
        &mut self,
        base: &[Segment],
        envelope: &str,
        items: &str,
    ) -> Option<&'a indexmap::IndexMap<String, FieldDef>> {
        let spec = self.spec;
        let file = spec.client.file;
        let Some(def) = spec.types.get(envelope) else {
            self.error(
                file,
                with(base, "envelope"),
                format!("unknown type `{envelope}`"),
            );
            return None;
        };
        let (Some(fields), [param]) = (&def.value.fields, def.value.params.as_slice()) else {
            self.error(
                file,
                with(base, "envelope"),
                format!(
                    "`{envelope}` must be an object type with exactly one generic parameter (the item type)"
                ),
            );
            return None;
        };
        let items_ok = fields.get(items).is_some_and(|field| {
            self.parsed.get(&field.ty).is_ok_and(|ty| {
                ty == TypeExpr::Array(Box::new(TypeExpr::Named {
                    name: param.clone(),
                    args: vec![],
                }))
            })
        });
        if !items_ok {
            self.error(
                file,
                with(base, "items"),
                format!("`{items}` must be a field of `{envelope}` of type `array<{param}>`"),
            );
        }
        Some(fields)
    }

    pub(super) fn groups(&mut self) {
        let spec = self.spec;
        for (name, group) in &spec.groups {
            let base = spec_path!["groups", name];
            let url = &group.value.base_url;
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                let mut path = base.clone();
                path.push("base_url".into());
                self.error(
                    group.file,
                    path,
                    format!("base_url `{url}` must start with https:// or http://"),
                );
            }
            for (index, auth) in group.value.auth.iter().enumerate() {
                let credential = match auth {
                    AuthDef::Bearer { bearer } => bearer,
                    AuthDef::Header { credential, header } => {
                        let valid = !header.is_empty()
                            && header
                                .bytes()
                                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                        if !valid {
                            let mut path = base.clone();
                            path.extend(spec_path!["auth", index, "header"]);
                            self.error(
                                group.file,
                                path,
                                format!("`{header}` is not a valid HTTP header name"),
                            );
                        }
                        credential
                    }
                };
                if !spec.client.value.credentials.contains_key(credential) {
                    let mut path = base.clone();
                    path.extend(spec_path!["auth", index]);
                    let known: Vec<&str> = spec
                        .client
                        .value
                        .credentials
                        .keys()
                        .map(String::as_str)
                        .collect();
                    self.error(
                        group.file,
                        path,
                        format!(
                            "unknown credential `{credential}`; the client declares: {}",
                            known.join(", ")
                        ),
                    );
                }
            }
        }
    }
}

/// The type of the field a dotted path (`meta.total_pages`) leads to
/// through plain object fields, or why it leads nowhere.
fn leaf_of_dotted(
    spec: &Spec,
    parsed: &Parsed<'_>,
    fields: &indexmap::IndexMap<String, FieldDef>,
    dotted: &str,
) -> Result<TypeExpr, String> {
    let (parents, leaf) = match dotted.rsplit_once('.') {
        Some((parents, leaf)) => (Some(parents), leaf),
        None => (None, dotted),
    };
    let field_type = |fields: &indexmap::IndexMap<String, FieldDef>, step: &str| {
        fields
            .get(step)
            .map(|field| parsed.get(&field.ty))
            .ok_or_else(|| format!("`{dotted}`: no field `{step}`"))?
            .map_err(|e| format!("`{dotted}`: {e}"))
    };
    let mut current = fields;
    for step in parents.into_iter().flat_map(|parents| parents.split('.')) {
        let ty = field_type(current, step)?;
        current = plain_object_fields(spec, Some(&ty))
            .ok_or_else(|| format!("`{dotted}`: `{step}` is not a plain object field"))?;
    }
    if leaf.is_empty() {
        return Err(format!("`{dotted}` is empty"));
    }
    field_type(current, leaf)
}

/// Checks that a dotted path (`meta.total_pages`) leads through object
/// fields to a field of type `leaf` (`integer` for page counters, `string`
/// for cursors).
pub(super) fn resolve_dotted(
    spec: &Spec,
    parsed: &Parsed<'_>,
    fields: &indexmap::IndexMap<String, FieldDef>,
    dotted: &str,
    leaf: &TypeExpr,
) -> Result<(), String> {
    let ty = leaf_of_dotted(spec, parsed, fields, dotted)?;
    if ty == *leaf {
        return Ok(());
    }
    let article = if *leaf == TypeExpr::Integer {
        "an"
    } else {
        "a"
    };
    Err(format!(
        "`{dotted}` must lead to {article} `{leaf}` field, not `{ty}`"
    ))
}

/// The fields of `ty` when it names an object type without parameters.
fn plain_object_fields<'s>(
    spec: &'s Spec,
    ty: Option<&TypeExpr>,
) -> Option<&'s indexmap::IndexMap<String, FieldDef>> {
    match ty? {
        TypeExpr::Named { name, args } if args.is_empty() => spec
            .types
            .get(name)
            .filter(|def| def.value.params.is_empty())
            .and_then(|def| def.value.fields.as_ref()),
        _ => None,
    }
}

/// Checks that a dotted path leads through object fields to a value a
/// message can print: a string, an integer, or a type of enum values or
/// scalar variants.
fn resolve_printable(
    spec: &Spec,
    parsed: &Parsed<'_>,
    fields: &indexmap::IndexMap<String, FieldDef>,
    dotted: &str,
) -> Result<(), String> {
    let ty = leaf_of_dotted(spec, parsed, fields, dotted)?;
    let scalar = |ty: &TypeExpr| matches!(ty, TypeExpr::String | TypeExpr::Integer);
    let printable = scalar(&ty)
        || match &ty {
            TypeExpr::Named { name, args } if args.is_empty() => {
                spec.types.get(name).is_some_and(|def| {
                    def.value.values.is_some()
                        || def.value.text.is_some()
                        || def.value.one_of.as_ref().is_some_and(|variants| {
                            variants
                                .values()
                                .all(|variant| parsed.get(variant).is_ok_and(|ty| scalar(&ty)))
                        })
                })
            }
            _ => false,
        };
    if printable {
        Ok(())
    } else {
        Err(format!(
            "`{dotted}` must lead to a string, an integer, an enum, a text type or a one_of of strings and integers, not `{ty}`"
        ))
    }
}
