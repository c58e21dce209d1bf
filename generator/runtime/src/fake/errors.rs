//! Error bodies in the API's documented shape, from the table's template.

use serde_json::{Map, Value};

use super::schema::{parse, Problem};
use super::table::ErrorShape;

/// The body of an error response of `status`: one entry per problem.
pub(crate) fn error_body(shape: &ErrorShape, status: u16, problems: &[Problem]) -> Value {
    let template = parse(shape.entry).unwrap_or(Value::Null);
    let title = title(status);
    let entries = problems
        .iter()
        .filter_map(|problem| {
            let fill = |name: &str| -> Option<String> {
                match name {
                    "status" => Some(status.to_string()),
                    "title" => Some(title.to_owned()),
                    "detail" => Some(problem.detail.clone()),
                    "pointer" => problem.pointer.clone(),
                    "parameter" => problem.parameter.clone(),
                    _ => None,
                }
            };
            fill_template(&template, &fill)
        })
        .collect();
    let mut body = Map::new();
    body.insert(shape.list.to_owned(), Value::Array(entries));
    Value::Object(body)
}

/// The template with its placeholders filled; `None` when nothing is left.
fn fill_template(template: &Value, fill: &dyn Fn(&str) -> Option<String>) -> Option<Value> {
    match template {
        Value::String(text) => match placeholder(text) {
            Some(name) => fill(name).map(Value::String),
            None => Some(template.clone()),
        },
        Value::Object(map) => {
            let filled: Map<String, Value> = map
                .iter()
                .filter_map(|(key, value)| Some((key.clone(), fill_template(value, fill)?)))
                .collect();
            (!filled.is_empty()).then_some(Value::Object(filled))
        }
        Value::Array(items) => Some(Value::Array(
            items
                .iter()
                .filter_map(|item| fill_template(item, fill))
                .collect(),
        )),
        other => Some(other.clone()),
    }
}

/// `{name}` as `name`.
fn placeholder(text: &str) -> Option<&str> {
    text.strip_prefix('{')?.strip_suffix('}')
}

/// The standard reason phrase of a status, which is what the fake calls
/// each error (it knows nothing of an API's own error codes).
pub(crate) fn title(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SHAPE: ErrorShape = ErrorShape {
        list: "errors",
        entry: r#"{"code": "{status}", "title": "{title}", "detail": "{detail}", "source": {"pointer": "{pointer}", "parameter": "{parameter}"}, "meta": {"fake": true}}"#,
    };

    #[test]
    fn placeholders_are_filled_and_empty_ones_left_out() {
        let problems = [
            Problem {
                pointer: Some("/name".to_owned()),
                parameter: None,
                detail: "`name` is required".to_owned(),
            },
            Problem {
                pointer: None,
                parameter: None,
                detail: "gone".to_owned(),
            },
        ];
        let body = error_body(&SHAPE, 422, &problems);
        assert_eq!(
            body,
            serde_json::json!({"errors": [
                {"code": "422", "title": "Unprocessable Entity", "detail": "`name` is required", "source": {"pointer": "/name"}, "meta": {"fake": true}},
                {"code": "422", "title": "Unprocessable Entity", "detail": "gone", "meta": {"fake": true}}
            ]})
        );
    }
}
