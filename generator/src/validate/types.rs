//! Named types: objects and their fields, enums, unions, text types, and
//! the type expressions they use.

use std::collections::BTreeSet;

use super::{conform, with, Scope, Validator};
use crate::load::locate::Segment;
use crate::load::schema::{EnumRepr, FieldDef, TypeDef, WireForm};
use crate::spec_path;
use crate::suggest::closest;
use crate::typeexpr::{TypeExpr, BUILTIN_NAMES};

impl Validator<'_> {
    pub(super) fn types(&mut self) {
        let spec = self.spec;
        for (name, def) in &spec.types {
            let path = spec_path!["types", name];
            self.type_def(name, &def.value, def.file, path);
        }
    }

    pub(super) fn type_def(&mut self, name: &str, def: &TypeDef, file: usize, path: Vec<Segment>) {
        let kinds = [
            def.fields.is_some(),
            def.enum_repr.is_some() || def.values.is_some(),
            def.one_of.is_some(),
            def.text.is_some(),
        ];
        if kinds.iter().filter(|k| **k).count() != 1 {
            self.error_at_key(file, path, format!(
                "type `{name}` must have exactly one of `fields` (an object), `enum` + `values` (an enum), `one_of` (a union) or `text: string|string-or-number` (a text type)"
            ));
            return;
        }
        if !def.params.is_empty() && def.fields.is_none() {
            self.error(
                file,
                with(&path, "params"),
                "only object types (with `fields`) can have generic `params`",
            );
        }
        if let Some(fields) = &def.fields {
            let scope = Scope {
                params: &def.params,
            };
            for (field_name, field) in fields {
                let field_path = with(&with(&path, "fields"), field_name);
                self.field(field, &scope, file, field_path);
            }
        }
        if def.enum_repr.is_some() || def.values.is_some() {
            self.enum_def(name, def, file, &path);
        }
        if let Some(alternatives) = &def.one_of {
            if alternatives.is_empty() {
                self.error(
                    file,
                    with(&path, "one_of"),
                    "a union needs at least one alternative",
                );
            }
            for (variant, ty) in alternatives {
                let alt_path = with(&with(&path, "one_of"), variant);
                match self.parsed.get(ty) {
                    Ok(ty) => self.type_expr(&ty, &Scope { params: &[] }, file, alt_path),
                    Err(message) => self.error(file, alt_path, message),
                }
            }
        }
    }

    pub(super) fn enum_def(&mut self, name: &str, def: &TypeDef, file: usize, path: &[Segment]) {
        let (Some(repr), Some(values)) = (def.enum_repr, &def.values) else {
            self.error_at_key(
                file,
                path.to_vec(),
                format!("enum `{name}` needs both `enum: string|integer` and `values`"),
            );
            return;
        };
        if values.is_empty() {
            self.error(
                file,
                with(path, "values"),
                format!("enum `{name}` lists no values"),
            );
        }
        let mut seen = BTreeSet::new();
        for (index, value) in values.iter().enumerate() {
            let value_path = with(&with(path, "values"), index);
            let fits = match repr {
                EnumRepr::String => value.value.is_string(),
                EnumRepr::Integer => value.value.as_i64().is_some(),
            };
            if !fits {
                self.error(
                    file,
                    with(&value_path, "value"),
                    format!(
                        "enum `{name}` is `enum: {}` but this value is not {}",
                        if repr == EnumRepr::String {
                            "string"
                        } else {
                            "integer"
                        },
                        if repr == EnumRepr::String {
                            "a string (quote it)"
                        } else {
                            "an integer"
                        },
                    ),
                );
            }
            let key = serde_json::to_string(&value.value).unwrap_or_default();
            if !seen.insert(key.clone()) {
                self.error(
                    file,
                    with(&value_path, "value"),
                    format!("value {key} is listed twice in enum `{name}`"),
                );
            }
            if let Some(rust_name) = &value.rust_name {
                if !crate::naming::is_plain_ident(rust_name) {
                    self.error(
                        file,
                        with(&value_path, "rust_name"),
                        format!("`{rust_name}` is not a valid Rust identifier"),
                    );
                }
            }
        }
    }

    pub(super) fn field(
        &mut self,
        field: &FieldDef,
        scope: &Scope<'_>,
        file: usize,
        path: Vec<Segment>,
    ) {
        let ty = match self.parsed.get(&field.ty) {
            Ok(ty) => ty,
            Err(message) => {
                self.error(file, with(&path, "type"), message);
                return;
            }
        };
        self.type_expr(&ty, scope, file, with(&path, "type"));
        if field.wire == Some(WireForm::String) && ty != TypeExpr::Integer {
            self.error(
                file,
                with(&path, "wire"),
                "`wire: string` applies only to `integer` fields",
            );
        }
        if field.secret && ty != TypeExpr::String {
            self.error(
                file,
                with(&path, "secret"),
                "only `string` fields can be `secret`",
            );
        }
        let stringy = ty == TypeExpr::String;
        if (field.min_length.is_some() || field.max_length.is_some()) && !stringy {
            self.error(
                file,
                path.clone(),
                "`min_length`/`max_length` apply only to `string` fields",
            );
        }
        let numeric = matches!(ty, TypeExpr::Integer | TypeExpr::Number);
        if (field.minimum.is_some() || field.maximum.is_some()) && !numeric {
            self.error(
                file,
                path.clone(),
                "`minimum`/`maximum` apply only to `integer` and `number` fields",
            );
        }
        if let Some(rust_name) = &field.rust_name {
            if !crate::naming::is_plain_ident(rust_name) {
                self.error(
                    file,
                    with(&path, "rust_name"),
                    format!("`{rust_name}` is not a valid Rust identifier"),
                );
            }
        }
        if let Some(default) = &field.default {
            let fully_known = scope.params.is_empty();
            match serde_json::to_value(default) {
                Ok(json) if fully_known => {
                    // A default is documentation of the value, so an integer sent as a
                    // string may give its default either way.
                    let json = match json {
                        serde_json::Value::Number(n) if field.wire == Some(WireForm::String) => {
                            serde_json::Value::String(n.to_string())
                        }
                        other => other,
                    };
                    for problem in conform::check_field(self.spec, self.parsed, &json, field, &ty) {
                        self.error(
                            file,
                            with(&path, "default"),
                            format!("the default does not fit the field's type `{ty}`: {problem}"),
                        );
                    }
                }
                Ok(_) => {}
                Err(err) => self.error(
                    file,
                    with(&path, "default"),
                    format!("the default is not plain data: {err}"),
                ),
            }
        }
    }

    /// Checks that every name resolves and generics get the right number of arguments.
    pub(super) fn type_expr(
        &mut self,
        ty: &TypeExpr,
        scope: &Scope<'_>,
        file: usize,
        path: Vec<Segment>,
    ) {
        match ty {
            TypeExpr::Array(inner) | TypeExpr::Map(inner) => {
                self.type_expr(inner, scope, file, path)
            }
            TypeExpr::Named { name, args } => {
                if args.is_empty() && scope.params.contains(name) {
                    return;
                }
                let Some(def) = self.spec.types.get(name) else {
                    let suggestion = if self.full() {
                        None
                    } else {
                        let candidates = self
                            .spec
                            .types
                            .keys()
                            .chain(scope.params)
                            .map(String::as_str)
                            .chain(BUILTIN_NAMES);
                        closest(name, candidates)
                    };
                    let suggestion = suggestion
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                    self.error(file, path, format!("unknown type `{name}`{suggestion}"));
                    return;
                };
                if def.value.params.len() != args.len() {
                    self.error(
                        file,
                        path.clone(),
                        format!(
                            "`{name}` takes {} type argument(s) but {} were given",
                            def.value.params.len(),
                            args.len()
                        ),
                    );
                }
                for arg in args {
                    self.type_expr(arg, scope, file, path.clone());
                }
            }
            _ => {}
        }
    }
}
