//! Checking a JSON value (a sample payload or a default) against a type
//! expression, reporting the JSON path of every mismatch.

use super::parsed::Parsed;
use crate::load::schema::{EnumRepr, FieldDef, TextRepr, TypeDef, WireForm};
use crate::load::{Located, Spec};
use crate::typeexpr::TypeExpr;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The deepest JSON nesting checked; deeper values are reported, not recursed into.
const MAX_DEPTH: usize = 64;

/// Checks `value` against `ty`; returns one message per mismatch, each
/// starting with the JSON path (`$.data.inbound.channel_limit`).
pub fn check(spec: &Spec, parsed: &Parsed<'_>, value: &Value, ty: &TypeExpr) -> Vec<String> {
    let mut checker = Checker::new(spec, parsed);
    checker.value(value, ty, "$", 0);
    checker.problems
}

/// Checks a value against a field definition (type, nullability, format,
/// constraints, and the string wire form of integers).
pub fn check_field(
    spec: &Spec,
    parsed: &Parsed<'_>,
    value: &Value,
    field: &FieldDef,
    ty: &TypeExpr,
) -> Vec<String> {
    let mut checker = Checker::new(spec, parsed);
    checker.field(value, field, ty, "$", 0);
    checker.problems
}

struct Checker<'a> {
    spec: &'a Spec,
    parsed: &'a Parsed<'a>,
    problems: Vec<String>,
    /// Whether a value (by address) fits a union (by name): checking a union
    /// tries every alternative on the same value, so unions of unions would
    /// otherwise cost exponential time.
    union_fits: BTreeMap<(String, usize), bool>,
    /// Unions being checked against a value right now: meeting one again on
    /// the same value is a union that contains itself (reported by
    /// validation), which must not recurse forever.
    unions_in_progress: BTreeSet<(String, usize)>,
}

impl<'a> Checker<'a> {
    fn new(spec: &'a Spec, parsed: &'a Parsed<'a>) -> Self {
        Self {
            spec,
            parsed,
            problems: Vec::new(),
            union_fits: BTreeMap::new(),
            unions_in_progress: BTreeSet::new(),
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Checker<'_> {
    fn mismatch(&mut self, path: &str, expected: &str, value: &Value) {
        self.problems.push(format!(
            "{path}: expected {expected}, found {}",
            kind(value)
        ));
    }

    fn field(&mut self, value: &Value, field: &FieldDef, ty: &TypeExpr, path: &str, depth: usize) {
        if value.is_null() {
            if !field.nullable {
                self.problems.push(format!(
                    "{path}: null is not allowed here (the field is not `nullable`)"
                ));
            }
            return;
        }
        if field.wire == Some(WireForm::String) {
            match value {
                Value::String(text) if text.trim().parse::<i64>().is_ok() => {}
                _ => self.mismatch(path, "an integer written as a string (wire: string)", value),
            }
            return;
        }
        self.value(value, ty, path, depth);
        self.constraints(value, field, path);
    }

    fn constraints(&mut self, value: &Value, field: &FieldDef, path: &str) {
        if let Value::String(text) = value {
            let length = text.chars().count() as u64;
            if field.min_length.is_some_and(|min| length < min) {
                self.problems
                    .push(format!("{path}: `{text}` is shorter than min_length"));
            }
            if field.max_length.is_some_and(|max| length > max) {
                self.problems
                    .push(format!("{path}: `{text}` is longer than max_length"));
            }
            // Formats are not checked: the documentation's samples use
            // placeholders such as "string" for a CIDR block, and the samples
            // are kept as documented.
        }
        if let Some(number) = value.as_f64() {
            if field.minimum.is_some_and(|min| number < min) {
                self.problems
                    .push(format!("{path}: {number} is below the minimum"));
            }
            if field.maximum.is_some_and(|max| number > max) {
                self.problems
                    .push(format!("{path}: {number} is above the maximum"));
            }
        }
    }

    fn value(&mut self, value: &Value, ty: &TypeExpr, path: &str, depth: usize) {
        if depth > MAX_DEPTH {
            self.problems
                .push(format!("{path}: nested deeper than {MAX_DEPTH} levels"));
            return;
        }
        match ty {
            TypeExpr::Json => {}
            TypeExpr::String if !value.is_string() => self.mismatch(path, "a string", value),
            TypeExpr::Boolean if !value.is_boolean() => self.mismatch(path, "a boolean", value),
            TypeExpr::Integer if !(value.is_i64() || value.is_u64()) => {
                self.mismatch(path, "an integer", value)
            }
            TypeExpr::Number if !value.is_number() => self.mismatch(path, "a number", value),
            TypeExpr::String | TypeExpr::Boolean | TypeExpr::Integer | TypeExpr::Number => {}
            TypeExpr::Array(inner) => match value {
                Value::Array(items) => {
                    for (index, item) in items.iter().enumerate() {
                        self.value(item, inner, &format!("{path}[{index}]"), depth + 1);
                    }
                }
                _ => self.mismatch(path, "an array", value),
            },
            TypeExpr::Map(inner) => match value {
                Value::Object(entries) => {
                    for (key, item) in entries {
                        self.value(item, inner, &format!("{path}.{key}"), depth + 1);
                    }
                }
                _ => self.mismatch(path, "an object", value),
            },
            TypeExpr::Named { name, args } => match self.spec.types.get(name) {
                Some(def) => self.named(value, name, def, args, path, depth),
                None => self.problems.push(format!("{path}: unknown type `{name}`")),
            },
        }
    }

    fn named(
        &mut self,
        value: &Value,
        name: &str,
        def: &Located<TypeDef>,
        args: &[TypeExpr],
        path: &str,
        depth: usize,
    ) {
        let def = &def.value;
        if let (Some(repr), Some(values)) = (def.enum_repr, &def.values) {
            let listed = values.iter().any(|v| yaml_matches_json(&v.value, value));
            let right_kind = match repr {
                EnumRepr::String => value.is_string(),
                EnumRepr::Integer => value.is_i64() || value.is_u64(),
            };
            if !right_kind || !listed {
                self.problems
                    .push(format!("{path}: {value} is not a listed value of `{name}`"));
            }
        } else if let Some(repr) = def.text {
            match repr {
                TextRepr::String if !value.is_string() => {
                    self.mismatch(path, &format!("a string (`{name}`)"), value);
                }
                TextRepr::StringOrNumber if !(value.is_string() || value.is_number()) => {
                    self.mismatch(path, &format!("a string or a number (`{name}`)"), value);
                }
                TextRepr::String | TextRepr::StringOrNumber => {}
            }
        } else if let Some(alternatives) = &def.one_of {
            let fits = self.fits_union(value, name, alternatives, path, depth);
            if !fits {
                self.problems.push(format!(
                    "{path}: {} matches no alternative of `{name}`",
                    kind(value)
                ));
            }
        } else if let Some(fields) = &def.fields {
            let Value::Object(entries) = value else {
                self.mismatch(path, &format!("an object (`{name}`)"), value);
                return;
            };
            for (key, item) in entries {
                let item_path = format!("{path}.{key}");
                match fields.get(key) {
                    Some(field) => {
                        // An unparsable type is reported by the field's own check.
                        if let Ok(ty) = self.parsed.get(&field.ty) {
                            let ty = ty.substitute(&def.params, args);
                            self.field(item, field, &ty, &item_path, depth + 1);
                        }
                    }
                    None => self.problems.push(format!(
                        "{item_path}: `{key}` is not a field of `{name}` (add it to the spec or fix the sample)"
                    )),
                }
            }
            for (key, field) in fields {
                if field.required && !entries.contains_key(key) {
                    self.problems.push(format!(
                        "{path}: required field `{key}` of `{name}` is missing"
                    ));
                }
            }
        }
    }
}

impl Checker<'_> {
    fn fits_union(
        &mut self,
        value: &Value,
        name: &str,
        alternatives: &indexmap::IndexMap<String, String>,
        path: &str,
        depth: usize,
    ) -> bool {
        let key = (name.to_owned(), std::ptr::from_ref(value) as usize);
        if let Some(fits) = self.union_fits.get(&key) {
            return *fits;
        }
        if !self.unions_in_progress.insert(key.clone()) {
            return false;
        }
        let outer = std::mem::take(&mut self.problems);
        let mut fits = false;
        for alternative in alternatives.values() {
            if let Ok(ty) = self.parsed.get(alternative) {
                self.value(value, &ty, path, depth + 1);
                fits = self.problems.is_empty();
                self.problems.clear();
                if fits {
                    break;
                }
            }
        }
        self.problems = outer;
        self.unions_in_progress.remove(&key);
        self.union_fits.insert(key, fits);
        fits
    }
}

/// Whether a YAML scalar from the spec equals a JSON value.
pub fn yaml_matches_json(yaml: &serde_yaml::Value, json: &Value) -> bool {
    serde_json::to_value(yaml).is_ok_and(|converted| &converted == json)
}
