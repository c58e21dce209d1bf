//! Types: structs for objects (with their fields), open enums, untagged
//! unions, text types, and the Rust types of values.

use super::{Builder, WireValue};
use crate::load::schema::{self, FieldDef, Format, WireForm};
use crate::model::{Field, Shape, Ty, Type};
use crate::naming::{camel_ident, invent, snake_ident};
use crate::spec_path;

/// A named type.
#[derive(Debug, Clone)]
pub struct TypeIr {
    /// Rust identifier.
    pub ident: String,
    /// Doc text.
    pub doc: Option<String>,
    /// What kind of type.
    pub kind: TypeKind,
    /// The directions it travels in, from the operations that reach it.
    pub sides: super::Sides,
}

/// The kinds of types.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A struct.
    Object {
        /// Generic parameters.
        params: Vec<String>,
        /// Fields in spec order.
        fields: Vec<FieldIr>,
        /// The invented field that keeps unknown keys.
        extra_ident: String,
        /// Whether `Default` can be derived.
        default: bool,
    },
    /// An open enum.
    Enum {
        /// JSON type of the values.
        repr: EnumRepr,
        /// Listed values.
        variants: Vec<VariantIr>,
        /// The invented variant that keeps unlisted values.
        unknown_ident: String,
    },
    /// An untagged union.
    Union {
        /// Alternatives in spec order: variant name and type.
        variants: Vec<(String, RustType)>,
    },
    /// A newtype over text.
    Text {
        /// Whether the value may also arrive as a JSON number (and is
        /// then written back as that number).
        numbers: bool,
    },
}

/// The JSON type of an enum's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    /// JSON strings.
    String,
    /// JSON integers.
    Integer,
}

/// An enum value.
#[derive(Debug, Clone)]
pub struct VariantIr {
    /// Rust identifier.
    pub ident: String,
    /// The wire value.
    pub wire: WireValue,
    /// Doc text.
    pub doc: Option<String>,
}

/// How a field is present on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always present, never null: `T`.
    Required,
    /// May be absent, never null: `Option<T>`.
    Optional,
    /// May be absent or null: `Nullable<T>`.
    OptionalNullable,
    /// Always present, may be null: `Option<T>` written as `null`.
    RequiredNullable,
}

/// A struct field or an operation parameter.
#[derive(Debug, Clone)]
pub struct FieldIr {
    /// The JSON key or query parameter name.
    pub wire_name: String,
    /// Rust identifier.
    pub ident: String,
    /// The spec's doc text.
    pub doc: Option<String>,
    /// What the spec knows about its values, for the docs.
    pub facts: FieldFacts,
    /// The value type (without the `Option`/`Nullable` wrapper).
    pub ty: RustType,
    /// Presence on the wire.
    pub presence: Presence,
    /// Integer written as a JSON string.
    pub int_as_string: bool,
}

/// What the spec says about a field's values besides its type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldFacts {
    /// Only the server sets it.
    pub read_only: bool,
    /// Its format as the spec names it (`date-time`, `uri`, …).
    pub format: Option<&'static str>,
    /// The documented server default.
    pub default: Option<serde_json::Value>,
    /// Minimum string length.
    pub min_length: Option<u64>,
    /// Maximum string length.
    pub max_length: Option<u64>,
    /// Minimum number.
    pub minimum: Option<f64>,
    /// Maximum number.
    pub maximum: Option<f64>,
    /// Hidden from `Debug`.
    pub secret: bool,
}

/// A Rust type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    /// `String`.
    String,
    /// `Secret<String>`.
    SecretString,
    /// The runtime's `DateTime` (a `string` of `format: date-time`).
    DateTime,
    /// `i64`.
    I64,
    /// The runtime's `Number` (keeps integer or float form).
    Number,
    /// `bool`.
    Bool,
    /// `serde_json::Value`.
    Json,
    /// `Vec<T>`.
    Vec(Box<RustType>),
    /// `BTreeMap<String, T>`.
    Map(Box<RustType>),
    /// A generated type, possibly generic.
    Named {
        /// Rust identifier.
        ident: String,
        /// Generic arguments.
        args: Vec<RustType>,
        /// Whether it is an enum, a union or a text type (no `Default`).
        is_enum: bool,
    },
    /// A generic parameter.
    Param(String),
}

impl Builder<'_, '_> {
    pub(super) fn type_ir(&mut self, ty: &Type<'_>) -> TypeIr {
        let (name, file) = (ty.name, ty.file);
        let ident = camel_ident(name);
        self.claim_type_ident(file, spec_path!["types", name], &ident, name);
        let path = spec_path!["types", name];
        let kind = match &ty.kind {
            crate::model::TypeKind::Object { params, fields } => {
                let fields: Vec<FieldIr> = fields.iter().map(|field| self.field(field)).collect();
                self.unique_idents(
                    file,
                    &path,
                    "fields",
                    fields
                        .iter()
                        .map(|f| (f.ident.clone(), f.wire_name.clone())),
                );
                let taken: Vec<&str> = fields.iter().map(|f| f.ident.as_str()).collect();
                let extra_ident = invent("extra", &taken);
                // Only where nothing must be stated: a `Default` with a
                // required field would let callers forget it.
                let default = fields
                    .iter()
                    .all(|f| matches!(f.presence, Presence::Optional | Presence::OptionalNullable));
                TypeKind::Object {
                    params: params.iter().map(|p| camel_ident(p)).collect(),
                    fields,
                    extra_ident,
                    default,
                }
            }
            crate::model::TypeKind::Union { alternatives } => {
                let variants = alternatives
                    .iter()
                    .map(|(variant, ty)| (camel_ident(variant), self.rust_type(ty)))
                    .collect::<Vec<_>>();
                self.unique_idents(
                    file,
                    &path,
                    "one_of",
                    alternatives
                        .iter()
                        .map(|(variant, _)| (camel_ident(variant), (*variant).to_owned())),
                );
                TypeKind::Union { variants }
            }
            crate::model::TypeKind::Text { repr } => TypeKind::Text {
                numbers: *repr == schema::TextRepr::StringOrNumber,
            },
            crate::model::TypeKind::Enum { repr, values } => {
                let variants: Vec<VariantIr> = values
                    .iter()
                    .map(|value| {
                        let ident = match (&value.def.rust_name, &value.wire) {
                            (Some(name), _) => name.clone(),
                            (None, WireValue::Str(text)) => camel_ident(text),
                            (None, WireValue::Int(number)) => camel_ident(&number.to_string()),
                        };
                        VariantIr {
                            ident,
                            wire: value.wire.clone(),
                            doc: value.def.doc.clone(),
                        }
                    })
                    .collect();
                self.unique_idents(
                    file,
                    &path,
                    "values",
                    variants.iter().map(|v| {
                        let wire = match &v.wire {
                            WireValue::Str(text) => format!("\"{text}\""),
                            WireValue::Int(number) => number.to_string(),
                        };
                        (v.ident.clone(), wire)
                    }),
                );
                let taken: Vec<&str> = variants.iter().map(|v| v.ident.as_str()).collect();
                TypeKind::Enum {
                    repr: match repr {
                        schema::EnumRepr::String => EnumRepr::String,
                        schema::EnumRepr::Integer => EnumRepr::Integer,
                    },
                    unknown_ident: invent("Unknown", &taken),
                    variants,
                }
            }
        };
        TypeIr {
            ident,
            doc: ty.def.doc.clone(),
            kind,
            sides: super::Sides::default(),
        }
    }

    pub(super) fn field(&self, field: &Field<'_>) -> FieldIr {
        let def = field.def;
        let ty = self.rust_type(&field.ty);
        let ty = match (ty, def.format) {
            (RustType::String, _) if def.secret => RustType::SecretString,
            // Typed access, but kept as sent: see the runtime's `DateTime`.
            (RustType::String, Some(Format::DateTime)) => RustType::DateTime,
            (ty, _) => ty,
        };
        FieldIr {
            wire_name: field.name.to_owned(),
            ident: def
                .rust_name
                .clone()
                .unwrap_or_else(|| snake_ident(field.name)),
            doc: def.doc.clone(),
            facts: FieldFacts {
                read_only: def.read_only,
                format: def.format.map(format_name),
                default: field.default.clone(),
                min_length: def.min_length,
                max_length: def.max_length,
                minimum: def.minimum,
                maximum: def.maximum,
                secret: def.secret,
            },
            ty,
            presence: presence(def),
            int_as_string: def.wire == Some(WireForm::String),
        }
    }

    pub(super) fn rust_type(&self, ty: &Ty<'_>) -> RustType {
        match ty {
            Ty::String => RustType::String,
            Ty::Integer => RustType::I64,
            Ty::Number => RustType::Number,
            Ty::Boolean => RustType::Bool,
            Ty::Json => RustType::Json,
            Ty::Array(inner) => RustType::Vec(Box::new(self.rust_type(inner))),
            Ty::Map(inner) => RustType::Map(Box::new(self.rust_type(inner))),
            Ty::Param(name) => RustType::Param(camel_ident(name)),
            Ty::Named { name, shape, args } => RustType::Named {
                ident: camel_ident(name),
                args: args.iter().map(|a| self.rust_type(a)).collect(),
                is_enum: *shape != Shape::Object,
            },
        }
    }
}

/// How a field is present, from its `required` and `nullable`.
pub(super) fn presence(def: &FieldDef) -> Presence {
    match (def.required, def.nullable) {
        (true, false) => Presence::Required,
        (false, false) => Presence::Optional,
        (false, true) => Presence::OptionalNullable,
        (true, true) => Presence::RequiredNullable,
    }
}

pub(super) fn format_name(format: Format) -> &'static str {
    match format {
        Format::DateTime => "date-time",
        Format::Date => "date",
        Format::Time => "time",
        Format::Uri => "uri",
        Format::Uuid => "uuid",
        Format::Ipv4 => "ipv4",
        Format::Cidr => "cidr",
        Format::E164 => "e164",
        Format::Decimal => "decimal",
    }
}
