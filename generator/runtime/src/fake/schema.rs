//! What the table's types say about JSON values: whether a request body
//! or query parameter is valid (every problem with its JSON pointer), the
//! documented defaults an object gains on create, and a representative
//! value for an operation that has no sample.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::table::{EnumValue, Field, Shape, Type, TypeKind};

/// The deepest nesting checked or generated: the table comes from a
/// validated spec, but a recursive type (a tree through arrays) must not
/// make an example infinite.
const MAX_DEPTH: usize = 32;

/// Generic parameters bound to shapes, innermost type last.
pub(crate) type Scope = Vec<(&'static str, Shape)>;

/// One thing wrong with a request.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Problem {
    /// JSON pointer (RFC 6901) into the body, or empty.
    pub pointer: Option<String>,
    /// The query or path parameter, for a parameter problem.
    pub parameter: Option<String>,
    /// What is wrong, naming the field and the rule, never the value.
    pub detail: String,
}

/// The table's types by name.
#[derive(Debug)]
pub(crate) struct Types {
    by_name: HashMap<&'static str, &'static Type>,
}

impl Types {
    pub(crate) fn new(types: impl Iterator<Item = &'static Type>) -> Self {
        Self {
            by_name: types.map(|ty| (ty.name, ty)).collect(),
        }
    }

    pub(crate) fn get(&self, name: &str) -> Option<&'static Type> {
        self.by_name.get(name).copied()
    }

    /// The fields of an object type, or none.
    pub(crate) fn fields(&self, name: &str) -> &'static [Field] {
        match self.get(name).map(|ty| &ty.kind) {
            Some(TypeKind::Object(fields)) => fields,
            _ => &[],
        }
    }

    /// Checks a request body against its shape.
    pub(crate) fn check_body(&self, value: &Value, shape: &Shape) -> Vec<Problem> {
        let mut problems = Vec::new();
        self.check(value, shape, &Vec::new(), "", 0, &mut problems);
        problems
    }

    fn check(
        &self,
        value: &Value,
        shape: &Shape,
        scope: &Scope,
        pointer: &str,
        depth: usize,
        problems: &mut Vec<Problem>,
    ) {
        let problem = |problems: &mut Vec<Problem>, detail: String| {
            problems.push(Problem {
                pointer: Some(pointer.to_owned()),
                parameter: None,
                detail,
            });
        };
        let what = describe(pointer);
        if depth > MAX_DEPTH {
            problem(problems, format!("{what} is nested too deeply"));
            return;
        }
        match shape {
            Shape::String if !value.is_string() => {
                problem(problems, format!("{what} must be a string"))
            }
            Shape::Integer if !(value.is_i64() || value.is_u64()) => {
                problem(problems, format!("{what} must be an integer"));
            }
            Shape::Number if !value.is_number() => {
                problem(problems, format!("{what} must be a number"))
            }
            Shape::Boolean if !value.is_boolean() => {
                problem(problems, format!("{what} must be true or false"));
            }
            Shape::Array(inner) => match value.as_array() {
                Some(items) => {
                    for (index, item) in items.iter().enumerate() {
                        let at = format!("{pointer}/{index}");
                        self.check(item, inner, scope, &at, depth + 1, problems);
                    }
                }
                None => problem(problems, format!("{what} must be an array")),
            },
            Shape::Map(inner) => match value.as_object() {
                Some(entries) => {
                    for (key, item) in entries {
                        let at = format!("{pointer}/{}", escape(key));
                        self.check(item, inner, scope, &at, depth + 1, problems);
                    }
                }
                None => problem(problems, format!("{what} must be an object")),
            },
            Shape::Param(name) => {
                if let Some(bound) = lookup(scope, name) {
                    self.check(value, &bound, scope, pointer, depth + 1, problems);
                }
            }
            Shape::Named(name, args) => {
                let Some(ty) = self.get(name) else {
                    return;
                };
                match &ty.kind {
                    TypeKind::Object(fields) => {
                        let Some(object) = value.as_object() else {
                            problem(problems, format!("{what} must be an object"));
                            return;
                        };
                        let inner = bind(ty, args, scope);
                        for field in *fields {
                            let at = format!("{pointer}/{}", escape(field.name));
                            self.check_field(
                                object.get(field.name),
                                field,
                                &inner,
                                &at,
                                depth,
                                problems,
                            );
                        }
                    }
                    TypeKind::Enum(values) => {
                        if !values.iter().any(|known| enum_matches(*known, value)) {
                            problem(
                                problems,
                                format!("{what} must be one of {}", list_values(values)),
                            );
                        }
                    }
                    TypeKind::Union(alternatives) => {
                        let fits = alternatives.iter().any(|alternative| {
                            let mut found = Vec::new();
                            self.check(value, alternative, scope, pointer, depth + 1, &mut found);
                            found.is_empty()
                        });
                        if !fits {
                            problem(
                                problems,
                                format!("{what} has none of the documented shapes"),
                            );
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn check_field(
        &self,
        value: Option<&Value>,
        field: &Field,
        scope: &Scope,
        pointer: &str,
        depth: usize,
        problems: &mut Vec<Problem>,
    ) {
        let what = describe(pointer);
        let mut problem = |detail: String| {
            problems.push(Problem {
                pointer: Some(pointer.to_owned()),
                parameter: None,
                detail,
            });
        };
        let value = match value {
            None if field.required => return problem(format!("{what} is required")),
            None => return,
            Some(Value::Null) if field.nullable => return,
            Some(Value::Null) => return problem(format!("{what} must not be null")),
            Some(value) => value,
        };
        if field.int_string {
            if let Some(text) = value.as_str() {
                if text.parse::<i64>().is_err() {
                    problem(format!("{what} must be an integer"));
                }
                return;
            }
        }
        if let Some(text) = value.as_str() {
            let length = text.chars().count() as u64;
            if field.min_length.is_some_and(|min| length < min) {
                problem(format!(
                    "{what} must have at least {} characters",
                    field.min_length.unwrap_or_default()
                ));
            }
            if field.max_length.is_some_and(|max| length > max) {
                problem(format!(
                    "{what} must have at most {} characters",
                    field.max_length.unwrap_or_default()
                ));
            }
        }
        if let Some(number) = value.as_f64() {
            check_range(number, field, &what, &mut problem);
        }
        self.check(value, &field.shape, scope, pointer, depth + 1, problems);
    }

    /// Checks one query parameter's text against its declaration.
    pub(crate) fn check_param(&self, field: &Field, text: &str) -> Option<Problem> {
        let what = format!("`{}`", field.name);
        let detail = match self.param_value(&field.shape, text) {
            Err(detail) => Some(format!("{what} {detail}")),
            Ok(number) => {
                let mut found = None;
                if let Some(number) = number {
                    check_range(number, field, &what, |detail| found = Some(detail));
                }
                let length = text.chars().count() as u64;
                if field.min_length.is_some_and(|min| length < min)
                    || field.max_length.is_some_and(|max| length > max)
                {
                    found = Some(format!("{what} has a length outside the documented bounds"));
                }
                found
            }
        };
        detail.map(|detail| Problem {
            pointer: None,
            parameter: Some(field.name.to_owned()),
            detail,
        })
    }

    /// Whether `text` is a value of the parameter's shape; the number, for
    /// numeric shapes.
    fn param_value(&self, shape: &Shape, text: &str) -> Result<Option<f64>, String> {
        match shape {
            Shape::Integer => text
                .parse::<i64>()
                .map(|n| Some(n as f64))
                .map_err(|_| "must be an integer".to_owned()),
            Shape::Number => text
                .parse::<f64>()
                .map(Some)
                .map_err(|_| "must be a number".to_owned()),
            Shape::Boolean if text == "true" || text == "false" => Ok(None),
            Shape::Boolean => Err("must be true or false".to_owned()),
            Shape::Named(name, _) => match self.get(name).map(|ty| &ty.kind) {
                Some(TypeKind::Enum(values)) => {
                    let known = values.iter().any(|value| match value {
                        EnumValue::Str(known) => *known == text,
                        EnumValue::Int(known) => known.to_string() == text,
                    });
                    if known {
                        Ok(None)
                    } else {
                        Err(format!("must be one of {}", list_values(values)))
                    }
                }
                _ => Ok(None),
            },
            _ => Ok(None),
        }
    }

    /// Adds the documented defaults of the fields absent from `value`, and
    /// of the objects nested in it.
    pub(crate) fn apply_defaults(&self, value: &mut Value, shape: &Shape, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match (shape, value) {
            (Shape::Named(name, _), Value::Object(object)) => {
                for field in self.fields(name) {
                    match object.get_mut(field.name) {
                        Some(present) => self.apply_defaults(present, &field.shape, depth + 1),
                        None => {
                            if let Some(default) = field.default.and_then(parse) {
                                object.insert(field.name.to_owned(), default);
                            }
                        }
                    }
                }
            }
            (Shape::Array(inner), Value::Array(items)) => {
                for item in items {
                    self.apply_defaults(item, inner, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// Adds an example value for every required field `value` lacks, so
    /// what a test hands the fake always decodes in the client.
    pub(crate) fn complete(&self, value: &mut Value, shape: &Shape) {
        let (Shape::Named(name, _), Value::Object(object)) = (shape, value) else {
            return;
        };
        for field in self.fields(name).iter().filter(|field| field.required) {
            if !object.contains_key(field.name) {
                let example = self.field_example(field, &Vec::new(), 0);
                object.insert(field.name.to_owned(), example);
            }
        }
    }

    /// A representative value of a shape: every field filled (defaults
    /// where documented), enums with their first value.
    pub(crate) fn example(&self, shape: &Shape, scope: &Scope, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Null;
        }
        match shape {
            Shape::String => Value::String("string".to_owned()),
            Shape::Integer => Value::from(0),
            Shape::Number => Value::from(0.0),
            Shape::Boolean => Value::Bool(false),
            Shape::Json => Value::Object(Map::new()),
            Shape::Array(_) => Value::Array(Vec::new()),
            Shape::Map(_) => Value::Object(Map::new()),
            Shape::Param(name) => match lookup(scope, name) {
                Some(bound) => self.example(&bound, scope, depth + 1),
                None => Value::Null,
            },
            Shape::Named(name, args) => {
                let Some(ty) = self.get(name) else {
                    return Value::Null;
                };
                match &ty.kind {
                    TypeKind::Object(fields) => {
                        let inner = bind(ty, args, scope);
                        let mut object = Map::new();
                        for field in *fields {
                            let value = match field.default.and_then(parse) {
                                Some(default) => default,
                                None => self.field_example(field, &inner, depth + 1),
                            };
                            object.insert(field.name.to_owned(), value);
                        }
                        Value::Object(object)
                    }
                    TypeKind::Enum(values) => match values.first() {
                        Some(EnumValue::Str(text)) => Value::String((*text).to_owned()),
                        Some(EnumValue::Int(number)) => Value::from(*number),
                        None => Value::Null,
                    },
                    TypeKind::Union(alternatives) => match alternatives.first() {
                        Some(first) => self.example(first, scope, depth + 1),
                        None => Value::Null,
                    },
                }
            }
        }
    }

    /// An example value of a field (its format and minimum considered).
    pub(crate) fn field_example(&self, field: &Field, scope: &Scope, depth: usize) -> Value {
        match (&field.shape, field.format) {
            (Shape::String, Some("date-time")) => Value::String(super::store::now()),
            (Shape::String, Some("uuid")) => {
                Value::String("00000000-0000-4000-8000-000000000000".to_owned())
            }
            (Shape::Integer | Shape::Number, _) if field.minimum.is_some() => {
                Value::from(field.minimum.unwrap_or_default() as i64)
            }
            (Shape::String, _) if field.min_length.is_some() || field.max_length.is_some() => {
                let min = field.min_length.unwrap_or_default();
                let max = field.max_length.unwrap_or(u64::MAX).max(min);
                let length = 6u64.clamp(min, max);
                Value::String("x".repeat(usize::try_from(length).unwrap_or(6)))
            }
            (shape, _) => self.example(shape, scope, depth),
        }
    }
}

fn check_range(number: f64, field: &Field, what: &str, mut problem: impl FnMut(String)) {
    if let Some(min) = field.minimum.filter(|min| number < *min) {
        problem(format!("{what} must be at least {min}"));
    }
    if let Some(max) = field.maximum.filter(|max| number > *max) {
        problem(format!("{what} must be at most {max}"));
    }
}

/// Binds a type's parameters to its arguments, resolved in the outer scope.
fn bind(ty: &Type, args: &[Shape], outer: &Scope) -> Scope {
    ty.params
        .iter()
        .zip(args)
        .map(|(param, arg)| {
            let resolved = match arg {
                Shape::Param(name) => lookup(outer, name).unwrap_or(Shape::Json),
                other => *other,
            };
            (*param, resolved)
        })
        .collect()
}

fn lookup(scope: &Scope, name: &str) -> Option<Shape> {
    scope
        .iter()
        .rev()
        .find(|(param, _)| *param == name)
        .map(|(_, shape)| *shape)
}

fn enum_matches(known: EnumValue, value: &Value) -> bool {
    match known {
        EnumValue::Str(text) => value.as_str() == Some(text),
        EnumValue::Int(number) => value.as_i64() == Some(number),
    }
}

fn list_values(values: &[EnumValue]) -> String {
    values
        .iter()
        .map(|value| match value {
            EnumValue::Str(text) => format!("`{text}`"),
            EnumValue::Int(number) => format!("`{number}`"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a problem names the value at a pointer: the field path in wire
/// names (`inbound.channel_limit`), or "the body".
fn describe(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the body".to_owned();
    }
    let path: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|step| step.replace("~1", "/").replace("~0", "~"))
        .collect();
    format!("`{}`", path.join("."))
}

/// Escapes a key for a JSON pointer (RFC 6901).
pub(crate) fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Parses JSON text from the table (always valid: the generator wrote it).
pub(crate) fn parse(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    static TYPES: &[Type] = &[
        Type {
            name: "Profile",
            params: &[],
            kind: TypeKind::Object(&[
                Field::new("name", Shape::String).required().min_length(3),
                Field::new("limit", Shape::Integer).nullable().minimum(1.0),
                Field::new("plan", Shape::Named("Plan", &[])).default("\"global\""),
                Field::new("tags", Shape::Array(&Shape::String)),
                Field::new("count", Shape::Integer).int_string(),
            ]),
        },
        Type {
            name: "Plan",
            params: &[],
            kind: TypeKind::Enum(&[EnumValue::Str("global"), EnumValue::Str("us")]),
        },
        Type {
            name: "Envelope",
            params: &["T"],
            kind: TypeKind::Object(&[Field::new("data", Shape::Param("T")).required()]),
        },
    ];

    fn pointers(problems: &[Problem]) -> Vec<&str> {
        problems
            .iter()
            .filter_map(|p| p.pointer.as_deref())
            .collect()
    }

    #[test]
    fn a_valid_body_has_no_problems() {
        let types = Types::new(TYPES.iter());
        let body = serde_json::json!({"name": "abc", "limit": null, "plan": "us", "tags": ["a"], "count": "3", "other": 1});
        assert!(types
            .check_body(&body, &Shape::Named("Profile", &[]))
            .is_empty());
    }

    #[test]
    fn each_broken_rule_is_reported_at_its_field() {
        let types = Types::new(TYPES.iter());
        let body = serde_json::json!({"limit": 0, "plan": "mars", "tags": ["a", 2], "count": "x"});
        let problems = types.check_body(&body, &Shape::Named("Profile", &[]));
        assert_eq!(
            pointers(&problems),
            ["/name", "/limit", "/plan", "/tags/1", "/count"]
        );
        assert_eq!(problems[0].detail, "`name` is required");
        assert_eq!(problems[1].detail, "`limit` must be at least 1");
        assert_eq!(problems[2].detail, "`plan` must be one of `global`, `us`");
        let short = types.check_body(
            &serde_json::json!({"name": "ab"}),
            &Shape::Named("Profile", &[]),
        );
        assert_eq!(short[0].detail, "`name` must have at least 3 characters");
        let null = types.check_body(
            &serde_json::json!({"name": null}),
            &Shape::Named("Profile", &[]),
        );
        assert_eq!(null[0].detail, "`name` must not be null");
    }

    #[test]
    fn generic_parameters_are_checked_through_their_arguments() {
        let types = Types::new(TYPES.iter());
        let shape = Shape::Named("Envelope", &[Shape::Named("Profile", &[])]);
        let problems = types.check_body(&serde_json::json!({"data": {"name": 5}}), &shape);
        assert_eq!(pointers(&problems), ["/data/name"]);
        assert_eq!(problems[0].detail, "`data.name` must be a string");
    }

    #[test]
    fn defaults_fill_only_absent_fields() {
        let types = Types::new(TYPES.iter());
        let mut value = serde_json::json!({"name": "abc"});
        types.apply_defaults(&mut value, &Shape::Named("Profile", &[]), 0);
        assert_eq!(value["plan"], "global");
        let mut value = serde_json::json!({"name": "abc", "plan": "us"});
        types.apply_defaults(&mut value, &Shape::Named("Profile", &[]), 0);
        assert_eq!(value["plan"], "us");
    }

    #[test]
    fn query_parameters_are_checked_as_text() {
        let types = Types::new(TYPES.iter());
        let size = Field::new("page[size]", Shape::Integer)
            .minimum(1.0)
            .maximum(250.0);
        assert_eq!(types.check_param(&size, "20"), None);
        let over = types.check_param(&size, "251");
        assert_eq!(
            over.as_ref().and_then(|p| p.parameter.as_deref()),
            Some("page[size]")
        );
        assert!(types.check_param(&size, "many").is_some());
        let plan = Field::new("plan", Shape::Named("Plan", &[]));
        assert!(types.check_param(&plan, "us").is_none());
        assert!(types.check_param(&plan, "mars").is_some());
    }

    #[test]
    fn an_example_fills_every_field() {
        let types = Types::new(TYPES.iter());
        let example = types.example(
            &Shape::Named("Envelope", &[Shape::Named("Profile", &[])]),
            &Vec::new(),
            0,
        );
        assert_eq!(example["data"]["plan"], "global");
        assert_eq!(example["data"]["limit"], 1);
        assert!(types
            .check_body(&example["data"], &Shape::Named("Profile", &[]))
            .is_empty());
    }
}
