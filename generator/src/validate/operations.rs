//! Resources and their operations: HTTP method and path, parameters,
//! payload types and samples.

use std::collections::BTreeSet;

use super::{conform, with, Scope, Validator};
use crate::load::locate::Segment;
use crate::model::HttpMethod;
use crate::spec_path;
use crate::typeexpr::TypeExpr;

/// Splits `METHOD /path` into the method and the path template.
pub fn parse_http(http: &str) -> Result<(HttpMethod, &str), String> {
    let mut parts = http.split_whitespace();
    match (parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(path), None) => match HttpMethod::from_name(method) {
            Some(method) if path.starts_with('/') => Ok((method, path)),
            Some(_) => Err(format!(
                "expected `METHOD /path`, e.g. `GET /ips/{{id}}`, but found `{http}`"
            )),
            None => {
                let known: Vec<&str> = HttpMethod::ALL.iter().map(|m| m.as_str()).collect();
                Err(format!(
                    "unknown HTTP method `{method}`; expected one of {}",
                    known.join(", ")
                ))
            }
        },
        _ => Err(format!(
            "expected `METHOD /path`, e.g. `GET /ips/{{id}}`, but found `{http}`"
        )),
    }
}

/// A part of a path template as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplatePart<'a> {
    /// Literal text (never empty).
    Literal(&'a str),
    /// A `{name}` placeholder, by name.
    Placeholder(&'a str),
}

/// Splits a path template into literal text and `{name}` placeholders.
pub fn parse_template(path: &str) -> Result<Vec<TemplatePart<'_>>, String> {
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some((literal, after)) = rest.split_once('{') {
        if !literal.is_empty() {
            parts.push(TemplatePart::Literal(literal));
        }
        let (name, tail) = after
            .split_once('}')
            .ok_or_else(|| format!("unclosed `{{` in path `{path}`"))?;
        if name.is_empty() || name.contains('{') {
            return Err(format!("malformed placeholder in path `{path}`"));
        }
        parts.push(TemplatePart::Placeholder(name));
        rest = tail;
    }
    if rest.contains('}') {
        return Err(format!("unmatched `}}` in path `{path}`"));
    }
    if !rest.is_empty() {
        parts.push(TemplatePart::Literal(rest));
    }
    Ok(parts)
}

/// The placeholders of a parsed template, in order.
pub fn placeholders<'a>(parts: &[TemplatePart<'a>]) -> Vec<&'a str> {
    parts
        .iter()
        .filter_map(|part| match part {
            TemplatePart::Placeholder(name) => Some(*name),
            TemplatePart::Literal(_) => None,
        })
        .collect()
}

impl Validator<'_> {
    pub(super) fn resources(&mut self) {
        let spec = self.spec;
        let mut operation_names = BTreeSet::new();
        for (resource_name, resource) in &spec.resources {
            let file = resource.file;
            let base = spec_path!["resources", resource_name];
            if !spec.groups.contains_key(&resource.value.group) {
                self.error(
                    file,
                    with(&base, "group"),
                    format!("unknown API group `{}`", resource.value.group),
                );
            }
            if resource.value.operations.is_empty() {
                self.error(
                    file,
                    with(&base, "operations"),
                    "a resource needs at least one operation",
                );
            }
            let mut calls = BTreeSet::new();
            for (op_name, op) in &resource.value.operations {
                let op_path = with(&with(&base, "operations"), op_name);
                if !operation_names.insert(op_name.clone()) {
                    self.error_at_key(
                        file,
                        op_path.clone(),
                        format!("operation name `{op_name}` is used twice"),
                    );
                }
                if !calls.insert(op.call.clone()) {
                    self.error(
                        file,
                        with(&op_path, "call"),
                        format!(
                            "`call: {}` is used twice in resource `{resource_name}`",
                            op.call
                        ),
                    );
                }
                if !crate::naming::is_plain_ident(&op.call) {
                    self.error(
                        file,
                        with(&op_path, "call"),
                        format!("`{}` is not a valid Rust method name", op.call),
                    );
                }
                self.operation(op, file, &op_path);
            }
        }
    }

    pub(super) fn operation(
        &mut self,
        op: &crate::load::schema::OperationDef,
        file: usize,
        op_path: &[Segment],
    ) {
        let no_params = Scope { params: &[] };
        if let Some(url) = &op.docs_url {
            if let Err(message) = check_docs_url(url) {
                self.error(file, with(op_path, "docs_url"), message);
            }
        }
        match parse_http(&op.http) {
            Ok((method, path)) => {
                match parse_template(path) {
                    Ok(parts) => {
                        let placeholders = placeholders(&parts);
                        for name in &placeholders {
                            if !op.path_params.contains_key(*name) {
                                self.error(file, with(op_path, "http"), format!(
                                    "path parameter `{{{name}}}` is not declared under `path_params`"
                                ));
                            }
                        }
                        for name in op.path_params.keys() {
                            if !placeholders.contains(&name.as_str()) {
                                self.error_at_key(
                                    file,
                                    with(&with(op_path, "path_params"), name),
                                    format!(
                                    "path parameter `{name}` does not appear in the path `{path}`"
                                ),
                                );
                            }
                        }
                    }
                    Err(message) => self.error(file, with(op_path, "http"), message),
                }
                if op.body.is_some() && !method.allows_body() {
                    self.error(
                        file,
                        with(op_path, "body"),
                        format!("a {method} operation cannot have a body"),
                    );
                }
            }
            Err(message) => self.error(file, with(op_path, "http"), message),
        }
        for (kind, params) in [("path_params", &op.path_params), ("query", &op.query)] {
            for (name, field) in params {
                let param_path = with(&with(op_path, kind), name);
                self.field(field, &no_params, file, param_path.clone());
                let simple = self
                    .parsed
                    .get(&field.ty)
                    .is_ok_and(|ty| self.is_simple(&ty, kind == "query"));
                if !simple {
                    self.error(
                        file,
                        with(&param_path, "type"),
                        format!(
                        "`{kind}` parameters must be a string, integer, number, boolean, enum or text type{}",
                        if kind == "query" { " (or an array of those)" } else { "" }
                    ),
                    );
                }
            }
        }
        let body = self.payload_type(op.body.as_deref(), file, with(op_path, "body"));
        let response = self.payload_type(op.response.as_deref(), file, with(op_path, "response"));
        for (kind, names, ty) in [
            ("request", &op.samples.request, body),
            ("response", &op.samples.response, response),
        ] {
            for (index, name) in names.iter().enumerate() {
                let sample_path = with(&with(&with(op_path, "samples"), kind), index);
                let Some(ty) = &ty else {
                    self.error(
                        file,
                        sample_path,
                        format!(
                            "a {kind} sample needs the operation to declare `{}`",
                            if kind == "request" {
                                "body"
                            } else {
                                "response"
                            }
                        ),
                    );
                    continue;
                };
                let Some(sample) = self.spec.samples.get(name) else {
                    continue;
                };
                for problem in conform::check(self.spec, self.parsed, &sample.json, ty) {
                    self.error(
                        file,
                        sample_path.clone(),
                        format!("sample `{name}` does not match `{ty}`: {problem}"),
                    );
                }
            }
        }
    }

    pub(super) fn payload_type(
        &mut self,
        text: Option<&str>,
        file: usize,
        path: Vec<Segment>,
    ) -> Option<TypeExpr> {
        let text = text?;
        match self.parsed.get(text) {
            Ok(ty) => {
                let before = self.found;
                self.type_expr(&ty, &Scope { params: &[] }, file, path);
                (self.found == before).then_some(ty)
            }
            Err(message) => {
                self.error(file, path, message);
                None
            }
        }
    }

    /// Whether a parameter type can travel in a path or query string.
    pub(super) fn is_simple(&self, ty: &TypeExpr, allow_array: bool) -> bool {
        match ty {
            TypeExpr::String | TypeExpr::Integer | TypeExpr::Number | TypeExpr::Boolean => true,
            TypeExpr::Array(inner) => allow_array && self.is_simple(inner, false),
            TypeExpr::Named { name, args } => {
                args.is_empty()
                    && self.spec.types.get(name).is_some_and(|def| {
                        def.value.enum_repr.is_some() || def.value.text.is_some()
                    })
            }
            _ => false,
        }
    }
}

/// A reference URL goes into Markdown docs as a link: it must be a plain
/// `https://` URL, without spaces or characters that would end the link.
fn check_docs_url(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .ok_or_else(|| format!("docs_url `{url}` must start with https://"))?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || !host.contains('.') {
        return Err(format!("docs_url `{url}` has no host"));
    }
    match url.chars().find(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | '`')
    }) {
        Some(c) => Err(format!(
            "docs_url `{url}` holds {c:?}, which a Markdown link cannot"
        )),
        None => Ok(()),
    }
}
