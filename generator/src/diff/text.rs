//! How the report spells Rust types, fields and wire values.

use crate::ir::{AuthIr, FieldIr, Presence, RustType, WireValue};

/// A Rust type as the generated code spells it (runtime types by their
/// re-exported names).
pub fn rust_type(ty: &RustType) -> String {
    match ty {
        RustType::String => "String".to_owned(),
        RustType::SecretString => "Secret<String>".to_owned(),
        RustType::DateTime => "DateTime".to_owned(),
        RustType::I64 => "i64".to_owned(),
        RustType::Number => "Number".to_owned(),
        RustType::Bool => "bool".to_owned(),
        RustType::Json => "serde_json::Value".to_owned(),
        RustType::Vec(inner) => format!("Vec<{}>", rust_type(inner)),
        RustType::Map(inner) => format!("BTreeMap<String, {}>", rust_type(inner)),
        RustType::Named { ident, args, .. } if args.is_empty() => ident.clone(),
        RustType::Named { ident, args, .. } => format!(
            "{ident}<{}>",
            args.iter().map(rust_type).collect::<Vec<_>>().join(", ")
        ),
        RustType::Param(name) => name.clone(),
    }
}

/// A field's type with its presence wrapper, as the struct declares it.
pub fn field_type(field: &FieldIr) -> String {
    let inner = rust_type(&field.ty);
    match field.presence {
        Presence::Required => inner,
        Presence::Optional => format!("Option<{inner}>"),
        Presence::OptionalNullable => format!("Nullable<{inner}>"),
        Presence::RequiredNullable => format!("Option<{inner}> (required, may be null)"),
    }
}

/// `ident: Type`, with the wire name when it differs from the identifier.
pub fn field(field: &FieldIr) -> String {
    let declared = format!("`{}: {}`", field.ident, field_type(field));
    if field.ident.trim_start_matches("r#") == field.wire_name {
        declared
    } else {
        format!("{declared} (wire `{}`)", field.wire_name)
    }
}

/// A path argument: `ident: Type` (always given, so without a wrapper).
pub fn argument(field: &FieldIr) -> String {
    format!("`{}: {}`", field.ident, rust_type(&field.ty))
}

/// `1 operation`, `2 operations`.
pub fn count(number: usize, noun: &str) -> String {
    if number == 1 {
        format!("1 {noun}")
    } else {
        format!("{number} {noun}s")
    }
}

/// An enum value as JSON writes it.
pub fn wire_value(value: &WireValue) -> String {
    match value {
        WireValue::Str(text) => format!("{text:?}"),
        WireValue::Int(number) => number.to_string(),
    }
}

/// The authentication steps of a group, in order.
pub fn auth(steps: &[AuthIr]) -> String {
    if steps.is_empty() {
        return "none".to_owned();
    }
    steps
        .iter()
        .map(|step| match step {
            AuthIr::Bearer(credential) => format!("bearer `{}`", credential.ident),
            AuthIr::Header(header, credential) => {
                format!("header `{header}` from `{}`", credential.ident)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
