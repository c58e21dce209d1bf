//! What the generated fake's table holds: the spec's types, operations and
//! the resources' `fake` declarations, by wire names (the fake speaks JSON,
//! not Rust). Built only when the client declares `fake`.

use super::{Builder, WireValue};
use crate::load::schema::TextRepr;
use crate::model::{EnumValue, Field, Ty, Type, TypeKind};
use crate::naming::snake_ident;

/// The whole table.
#[derive(Debug, Clone)]
pub struct FakeIr {
    /// Named types.
    pub types: Vec<FakeType>,
    /// Every operation, with its group.
    pub operations: Vec<FakeOperation>,
    /// Resources that declare `fake`.
    pub resources: Vec<FakeResource>,
    /// The error type's array field.
    pub errors_field: String,
    /// One error entry, JSON text with placeholders.
    pub error_entry: String,
    /// Page-numbered lists.
    pub paging: Option<FakePaging>,
    /// Cursor-paginated lists.
    pub cursor_paging: Option<FakeCursorPaging>,
}

/// A named type.
#[derive(Debug, Clone)]
pub struct FakeType {
    /// The generated module whose part of the table it is in.
    pub module: String,
    /// Spec name.
    pub name: String,
    /// Generic parameters.
    pub params: Vec<String>,
    /// Its kind.
    pub kind: FakeTypeKind,
}

/// The kinds of types.
#[derive(Debug, Clone)]
pub enum FakeTypeKind {
    /// An object's fields.
    Object(Vec<FakeField>),
    /// An enum's values.
    Enum(Vec<WireValue>),
    /// A union's alternatives.
    Union(Vec<FakeShape>),
}

/// The shape of a value.
#[derive(Debug, Clone, PartialEq)]
pub enum FakeShape {
    /// `string`.
    String,
    /// `integer`.
    Integer,
    /// `number`.
    Number,
    /// `boolean`.
    Boolean,
    /// `json`.
    Json,
    /// `array<T>`.
    Array(Box<FakeShape>),
    /// `map<T>`.
    Map(Box<FakeShape>),
    /// A named type and its arguments.
    Named(String, Vec<FakeShape>),
    /// A generic parameter.
    Param(String),
}

/// A field or query parameter.
#[derive(Debug, Clone)]
pub struct FakeField {
    /// Wire name.
    pub name: String,
    /// Shape.
    pub shape: FakeShape,
    /// Must be present.
    pub required: bool,
    /// May be null.
    pub nullable: bool,
    /// Set by the server only.
    pub read_only: bool,
    /// An integer sent as a string.
    pub int_string: bool,
    /// Format name.
    pub format: Option<&'static str>,
    /// Default as JSON text.
    pub default: Option<String>,
    /// Minimum length.
    pub min_length: Option<u64>,
    /// Maximum length.
    pub max_length: Option<u64>,
    /// Minimum.
    pub minimum: Option<f64>,
    /// Maximum.
    pub maximum: Option<f64>,
}

/// An operation.
#[derive(Debug, Clone)]
pub struct FakeOperation {
    /// The generated module whose part of the table it is in.
    pub module: String,
    /// Stable name.
    pub name: String,
    /// API group name.
    pub group: String,
    /// HTTP method.
    pub method: &'static str,
    /// Path template.
    pub path: String,
    /// Query parameters.
    pub query: Vec<FakeField>,
    /// Body shape.
    pub body: Option<FakeShape>,
    /// Response shape.
    pub response: Option<FakeShape>,
    /// Request samples, JSON text.
    pub request_samples: Vec<String>,
    /// Response samples, JSON text.
    pub response_samples: Vec<String>,
}

/// A resource's declarations, with its object type found.
#[derive(Debug, Clone, Default)]
pub struct FakeResource {
    /// The generated module whose part of the table it is in.
    pub module: String,
    /// Resource name.
    pub name: String,
    /// Object type name.
    pub item: String,
    /// Id field.
    pub id: String,
    /// Operation names by role.
    pub create: Option<String>,
    /// See `create`.
    pub list: Option<String>,
    /// See `create`.
    pub retrieve: Option<String>,
    /// See `create`.
    pub update: Option<String>,
    /// See `create`.
    pub delete: Option<String>,
    /// Resources it is a view of.
    pub view_of: Vec<String>,
    /// Created-at field.
    pub created_at: Option<String>,
    /// Updated-at field.
    pub updated_at: Option<String>,
    /// Server-set values: field and JSON text.
    pub set: Vec<(String, String)>,
    /// Filter parameter and dotted field.
    pub filters: Vec<(String, String)>,
}

/// Page-numbered lists, by wire names.
#[derive(Debug, Clone)]
pub struct FakePaging {
    /// Envelope type.
    pub envelope: String,
    /// Items field.
    pub items: String,
    /// Page parameter.
    pub page_param: String,
    /// Page size parameter.
    pub size_param: Option<String>,
    /// Dotted page number.
    pub page_number: String,
    /// Dotted total pages.
    pub total_pages: String,
    /// Dotted page size.
    pub page_size: Option<String>,
    /// Dotted total results.
    pub total_results: Option<String>,
}

/// Cursor-paginated lists, by wire names.
#[derive(Debug, Clone)]
pub struct FakeCursorPaging {
    /// Envelope type.
    pub envelope: String,
    /// Items field.
    pub items: String,
    /// Cursor parameter.
    pub cursor_param: String,
    /// Page size parameter.
    pub limit_param: Option<String>,
    /// Dotted next cursor.
    pub next_cursor: String,
    /// Dotted total results.
    pub total_results: Option<String>,
}

impl Builder<'_, '_> {
    pub(super) fn fake(&self) -> Option<FakeIr> {
        let spec = self.checked.spec;
        let client = &spec.client.value;
        let declared = client.fake.as_ref()?;
        // Each item goes into the table's part of its spec file's module.
        let module_of = |file: usize| {
            spec.files
                .get(file)
                .map(|file| snake_ident(&file.stem))
                .unwrap_or_default()
        };
        let types = self
            .checked
            .types
            .iter()
            .map(|ty| fake_type(ty, module_of(ty.file)))
            .collect();
        let sample = |name: &String| spec.samples.get(name).map(|sample| sample.json.to_string());
        let operations = self
            .checked
            .resources
            .iter()
            .flat_map(|resource| {
                resource.operations.iter().map(move |op| FakeOperation {
                    module: module_of(resource.file),
                    name: op.name.to_owned(),
                    group: resource.group.to_owned(),
                    method: op.method.as_str(),
                    path: op.template.to_owned(),
                    query: op.query.iter().map(fake_field).collect(),
                    body: op.body.as_ref().map(shape),
                    response: op.response.as_ref().map(shape),
                    request_samples: op.def.samples.request.iter().filter_map(sample).collect(),
                    response_samples: op.def.samples.response.iter().filter_map(sample).collect(),
                })
            })
            .collect();
        let resources = self
            .checked
            .resources
            .iter()
            .filter_map(|resource| {
                let fake = resource.def.fake.as_ref()?;
                let item = self.item_of(resource, fake)?;
                Some(FakeResource {
                    module: module_of(resource.file),
                    name: resource.name.to_owned(),
                    item,
                    id: fake.id.clone().unwrap_or_else(|| "id".to_owned()),
                    create: fake.create.clone(),
                    list: fake.list.clone(),
                    retrieve: fake.retrieve.clone(),
                    update: fake.update.clone(),
                    delete: fake.delete.clone(),
                    view_of: fake.view_of.clone(),
                    created_at: fake.created_at.clone(),
                    updated_at: fake.updated_at.clone(),
                    set: fake
                        .set
                        .iter()
                        .map(|(field, value)| {
                            let json = serde_json::to_value(value).unwrap_or_default();
                            (field.clone(), json.to_string())
                        })
                        .collect(),
                    filters: fake
                        .filters
                        .iter()
                        .map(|(param, field)| (param.clone(), field.clone()))
                        .collect(),
                })
            })
            .collect();
        let paging = client.pagination.as_ref().map(|p| FakePaging {
            envelope: p.envelope.clone(),
            items: p.items.clone(),
            page_param: p.page_param.clone(),
            size_param: p.page_size_param.clone(),
            page_number: p.page_number.clone(),
            total_pages: p.total_pages.clone(),
            page_size: p.page_size.clone(),
            total_results: p.total_results.clone(),
        });
        let cursor_paging = client.cursor_pagination.as_ref().map(|p| FakeCursorPaging {
            envelope: p.envelope.clone(),
            items: p.items.clone(),
            cursor_param: p.cursor_param.clone(),
            limit_param: p.limit_param.clone(),
            next_cursor: p.next_cursor.clone(),
            total_results: p.total_results.clone(),
        });
        Some(FakeIr {
            types,
            operations,
            resources,
            errors_field: declared.errors.clone(),
            error_entry: serde_json::to_value(&declared.error)
                .unwrap_or_default()
                .to_string(),
            paging,
            cursor_paging,
        })
    }

    /// The object type a resource keeps: what its role operations answer
    /// with, unwrapped from an envelope (validation checked they agree).
    fn item_of(
        &self,
        resource: &crate::model::Resource<'_>,
        fake: &crate::load::schema::FakeResourceDef,
    ) -> Option<String> {
        let client = &self.checked.client;
        let list_envelopes = [
            client.pagination.as_ref().map(|p| p.envelope),
            client.cursor_pagination.as_ref().map(|p| p.envelope),
        ];
        let roles = [
            &fake.create,
            &fake.retrieve,
            &fake.update,
            &fake.delete,
            &fake.list,
        ];
        roles
            .into_iter()
            .flatten()
            .filter_map(|name| resource.operations.iter().find(|op| op.name == name))
            .find_map(|op| {
                let Some(Ty::Named { name, args, .. }) = &op.response else {
                    return None;
                };
                let inner = match args.as_slice() {
                    [] => return Some((*name).to_owned()),
                    [arg] if list_envelopes.contains(&Some(*name)) => arg,
                    [arg] => arg,
                    _ => return None,
                };
                match inner {
                    Ty::Named { name, args, .. } if args.is_empty() => Some((*name).to_owned()),
                    _ => None,
                }
            })
    }
}

fn fake_type(ty: &Type<'_>, module: String) -> FakeType {
    let (params, kind) = match &ty.kind {
        TypeKind::Object { params, fields } => (
            params.to_vec(),
            FakeTypeKind::Object(fields.iter().map(fake_field).collect()),
        ),
        TypeKind::Enum { values, .. } => (
            Vec::new(),
            FakeTypeKind::Enum(
                values
                    .iter()
                    .map(|v: &EnumValue<'_>| v.wire.clone())
                    .collect(),
            ),
        ),
        TypeKind::Union { alternatives } => (
            Vec::new(),
            FakeTypeKind::Union(alternatives.iter().map(|(_, ty)| shape(ty)).collect()),
        ),
        // The fake speaks JSON: to it, a text type is a union of the forms
        // its value arrives in.
        TypeKind::Text { repr } => (
            Vec::new(),
            FakeTypeKind::Union(match repr {
                TextRepr::String => vec![FakeShape::String],
                TextRepr::StringOrNumber => vec![FakeShape::String, FakeShape::Number],
            }),
        ),
    };
    FakeType {
        module,
        name: ty.name.to_owned(),
        params,
        kind,
    }
}

fn fake_field(field: &Field<'_>) -> FakeField {
    let def = field.def;
    FakeField {
        name: field.name.to_owned(),
        shape: shape(&field.ty),
        required: def.required,
        nullable: def.nullable,
        read_only: def.read_only,
        int_string: def.wire.is_some(),
        format: def.format.map(super::types::format_name),
        default: field.default.as_ref().map(ToString::to_string),
        min_length: def.min_length,
        max_length: def.max_length,
        minimum: def.minimum,
        maximum: def.maximum,
    }
}

fn shape(ty: &Ty<'_>) -> FakeShape {
    match ty {
        Ty::String => FakeShape::String,
        Ty::Integer => FakeShape::Integer,
        Ty::Number => FakeShape::Number,
        Ty::Boolean => FakeShape::Boolean,
        Ty::Json => FakeShape::Json,
        Ty::Array(inner) => FakeShape::Array(Box::new(shape(inner))),
        Ty::Map(inner) => FakeShape::Map(Box::new(shape(inner))),
        Ty::Named { name, args, .. } => {
            FakeShape::Named((*name).to_owned(), args.iter().map(shape).collect())
        }
        Ty::Param(name) => FakeShape::Param((*name).to_owned()),
    }
}
