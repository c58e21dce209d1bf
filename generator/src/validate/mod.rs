//! Stage 2: checking that the spec means something. Every problem is
//! collected (with its file, line and column) before any is reported, so a
//! curator fixes a spec in one pass.

pub mod conform;

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Error};
use crate::load::locate::Segment;
use crate::load::schema::{AuthDef, EnumRepr, FieldDef, TypeDef, WireForm};
use crate::load::Spec;
use crate::spec_path;
use crate::typeexpr::TypeExpr;

/// HTTP methods an operation may use.
const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Checks the spec.
///
/// # Errors
///
/// All problems found, each pointing at the offending key.
pub fn validate(spec: &Spec) -> Result<(), Error> {
    let mut v = Validator {
        spec,
        diagnostics: Vec::new(),
        found: 0,
    };
    v.size();
    v.client();
    v.client_idents();
    v.pagination();
    v.groups();
    v.types();
    v.cycles();
    v.resources();
    if v.found == 0 {
        return Ok(());
    }
    let omitted = v.found - v.diagnostics.len();
    if omitted > 0 {
        v.diagnostics.push(Diagnostic::new(format!(
            "… and {omitted} more problems (only the first {MAX_REPORTED} are shown)"
        )));
    }
    Err(Error {
        diagnostics: v.diagnostics,
    })
}

/// The most items (types, fields, enum values, union alternatives,
/// operations and parameters) a spec may define. Generating costs about
/// 0.5 ms and 10 KiB of peak memory per item (BENCHMARKS.md: 903 MiB for a
/// 91,624-item spec), so this bounds a run at about a minute and a
/// gigabyte, while leaving room for the 100x synthetic spec of the
/// benchmarks; the Telnyx spec has about a thousand.
pub const MAX_ITEMS: usize = 100_000;

/// The most problems reported in detail. Locating a problem costs a walk of
/// its file, so a hostile spec with a million mistakes must not get a
/// million reports; nobody reads past the first screens anyway.
pub const MAX_REPORTED: usize = 100;

struct Validator<'a> {
    spec: &'a Spec,
    diagnostics: Vec<Diagnostic>,
    /// Every problem found, including those past [`MAX_REPORTED`].
    found: usize,
}

/// Where a type expression is used, for generic parameters in scope.
struct Scope<'s> {
    params: &'s [String],
}

/// Splits `METHOD /path` into its parts.
pub fn parse_http(http: &str) -> Result<(String, String), String> {
    let mut parts = http.split_whitespace();
    match (parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(path), None) if METHODS.contains(&method) && path.starts_with('/') => {
            Ok((method.to_owned(), path.to_owned()))
        }
        (Some(method), Some(_), None) if !METHODS.contains(&method) => Err(format!(
            "unknown HTTP method `{method}`; expected one of {}",
            METHODS.join(", ")
        )),
        _ => Err(format!(
            "expected `METHOD /path`, e.g. `GET /ips/{{id}}`, but found `{http}`"
        )),
    }
}

/// The `{name}` placeholders of a path template, in order.
pub fn path_placeholders(path: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        // `{` and `}` are one byte each, so these slices stay on char boundaries.
        let after = rest.get(open + 1..).unwrap_or_default();
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed `{{` in path `{path}`"))?;
        let name = after.get(..close).unwrap_or_default();
        if name.is_empty() || name.contains('{') {
            return Err(format!("malformed placeholder in path `{path}`"));
        }
        names.push(name.to_owned());
        rest = after.get(close + 1..).unwrap_or_default();
    }
    if rest.contains('}') {
        return Err(format!("unmatched `}}` in path `{path}`"));
    }
    Ok(names)
}

impl Validator<'_> {
    fn error(&mut self, file: usize, path: Vec<Segment>, message: impl Into<String>) {
        self.found += 1;
        if !self.full() {
            self.diagnostics
                .push(self.spec.diagnostic_at(file, &path, message));
        }
    }

    fn error_at_key(&mut self, file: usize, path: Vec<Segment>, message: impl Into<String>) {
        self.found += 1;
        if !self.full() {
            self.diagnostics
                .push(self.spec.diagnostic_at_key(file, &path, message));
        }
    }

    /// Refuses a spec too big to generate in bounded time and memory.
    fn size(&mut self) {
        let spec = self.spec;
        let types: usize = spec
            .types
            .values()
            .map(|def| {
                let def = &def.value;
                1 + def.fields.as_ref().map_or(0, |f| f.len())
                    + def.values.as_ref().map_or(0, Vec::len)
                    + def.one_of.as_ref().map_or(0, |o| o.len())
            })
            .sum();
        let operations: usize = spec
            .resources
            .values()
            .flat_map(|resource| resource.value.operations.values())
            .map(|op| 1 + op.path_params.len() + op.query.len())
            .sum();
        let items = types + operations;
        if items > MAX_ITEMS {
            let file = spec
                .files
                .first()
                .map(|f| f.path.clone())
                .unwrap_or_default();
            self.found += 1;
            self.diagnostics.push(
                Diagnostic::new(format!(
                    "the spec defines {items} items (types, fields, enum values, alternatives, operations and parameters); the generator's limit is {MAX_ITEMS}, which bounds its time and memory"
                ))
                .in_file(file),
            );
        }
    }

    /// Whether further problems are only counted (see [`MAX_REPORTED`]).
    fn full(&self) -> bool {
        self.diagnostics.len() >= MAX_REPORTED
    }

    fn client(&mut self) {
        let client = &self.spec.client;
        if client.value.credentials.is_empty() {
            self.error(
                client.file,
                spec_path!["client", "credentials"],
                "the client needs at least one credential",
            );
        }
        match TypeExpr::parse(&client.value.error) {
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
    fn client_idents(&mut self) {
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

    fn pagination(&mut self) {
        let spec = self.spec;
        let Some(pagination) = &spec.client.value.pagination else {
            return;
        };
        let file = spec.client.file;
        let base = spec_path!["client", "pagination"];
        let Some(envelope) = spec.types.get(&pagination.envelope) else {
            self.error(
                file,
                with(&base, "envelope"),
                format!("unknown type `{}`", pagination.envelope),
            );
            return;
        };
        let (Some(fields), [param]) = (&envelope.value.fields, envelope.value.params.as_slice())
        else {
            self.error(
                file,
                with(&base, "envelope"),
                format!(
                "`{}` must be an object type with exactly one generic parameter (the item type)",
                pagination.envelope
            ),
            );
            return;
        };
        let items_ok = fields.get(&pagination.items).is_some_and(|field| {
            TypeExpr::parse(&field.ty).is_ok_and(|ty| {
                ty == TypeExpr::Array(Box::new(TypeExpr::Named {
                    name: param.clone(),
                    args: vec![],
                }))
            })
        });
        if !items_ok {
            self.error(
                file,
                with(&base, "items"),
                format!(
                    "`{}` must be a field of `{}` of type `array<{param}>`",
                    pagination.items, pagination.envelope
                ),
            );
        }
        for (key, dotted) in [
            ("total_pages", &pagination.total_pages),
            ("page_number", &pagination.page_number),
        ] {
            if let Err(message) = resolve_dotted(spec, fields, dotted) {
                self.error(file, with(&base, key), message);
            }
        }
    }

    fn groups(&mut self) {
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

    fn types(&mut self) {
        let spec = self.spec;
        for (name, def) in &spec.types {
            let path = spec_path!["types", name];
            self.type_def(name, &def.value, def.file, path);
        }
    }

    fn type_def(&mut self, name: &str, def: &TypeDef, file: usize, path: Vec<Segment>) {
        let kinds = [
            def.fields.is_some(),
            def.enum_repr.is_some() || def.values.is_some(),
            def.one_of.is_some(),
        ];
        if kinds.iter().filter(|k| **k).count() != 1 {
            self.error_at_key(file, path, format!(
                "type `{name}` must have exactly one of `fields` (an object), `enum` + `values` (an enum) or `one_of` (a union)"
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
                match TypeExpr::parse(ty) {
                    Ok(ty) => self.type_expr(&ty, &Scope { params: &[] }, file, alt_path),
                    Err(message) => self.error(file, alt_path, message),
                }
            }
        }
    }

    /// Reports types that contain themselves by value — through fields or
    /// union alternatives that are not behind an `array` or `map`, including
    /// through the arguments of generic types that hold their parameter by
    /// value: Rust cannot give such a type a size (the generator does not box).
    fn cycles(&mut self) {
        let spec = self.spec;
        let by_value = by_value_params(spec);
        let direct: Vec<Vec<usize>> = spec
            .types
            .values()
            .map(|def| {
                let mut targets = Vec::new();
                for expr in member_types(&def.value) {
                    by_value_targets(spec, &by_value, &expr, &def.value.params, &mut targets);
                }
                targets
            })
            .collect();
        // Reported in spec order, each cycle once, at its first type.
        let mut components = strongly_connected(&direct);
        components.sort_unstable();
        for component in components {
            let Some(&start) = component.iter().min() else {
                continue;
            };
            let Some(cycle) = find_cycle(&direct, start, &component) else {
                continue;
            };
            let names: Vec<&str> = cycle
                .iter()
                .chain(cycle.first())
                .filter_map(|index| spec.types.get_index(*index).map(|(name, _)| name.as_str()))
                .collect();
            if let Some((name, def)) = spec.types.get_index(start) {
                self.error_at_key(def.file, spec_path!["types", name], format!(
                    "type `{name}` contains itself by value ({}); Rust cannot size it: make one of those fields an `array<...>` or break the cycle",
                    names.join(" -> ")
                ));
            }
        }
    }

    fn enum_def(&mut self, name: &str, def: &TypeDef, file: usize, path: &[Segment]) {
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

    fn field(&mut self, field: &FieldDef, scope: &Scope<'_>, file: usize, path: Vec<Segment>) {
        let ty = match TypeExpr::parse(&field.ty) {
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
                    for problem in conform::check_field(self.spec, &json, field, &ty) {
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
    fn type_expr(&mut self, ty: &TypeExpr, scope: &Scope<'_>, file: usize, path: Vec<Segment>) {
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
                        closest(name, self.spec.types.keys().map(String::as_str))
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

    fn resources(&mut self) {
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

    fn operation(
        &mut self,
        op: &crate::load::schema::OperationDef,
        file: usize,
        op_path: &[Segment],
    ) {
        let no_params = Scope { params: &[] };
        match parse_http(&op.http) {
            Ok((method, path)) => {
                match path_placeholders(&path) {
                    Ok(placeholders) => {
                        for name in &placeholders {
                            if !op.path_params.contains_key(name) {
                                self.error(file, with(op_path, "http"), format!(
                                    "path parameter `{{{name}}}` is not declared under `path_params`"
                                ));
                            }
                        }
                        for name in op.path_params.keys() {
                            if !placeholders.contains(name) {
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
                if op.body.is_some() && matches!(method.as_str(), "GET" | "DELETE") {
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
                let simple =
                    TypeExpr::parse(&field.ty).is_ok_and(|ty| self.is_simple(&ty, kind == "query"));
                if !simple {
                    self.error(
                        file,
                        with(&param_path, "type"),
                        format!(
                        "`{kind}` parameters must be a string, integer, number, boolean or enum{}",
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
                for problem in conform::check(self.spec, &sample.json, ty) {
                    self.error(
                        file,
                        sample_path.clone(),
                        format!("sample `{name}` does not match `{ty}`: {problem}"),
                    );
                }
            }
        }
    }

    fn payload_type(
        &mut self,
        text: Option<&str>,
        file: usize,
        path: Vec<Segment>,
    ) -> Option<TypeExpr> {
        let text = text?;
        match TypeExpr::parse(text) {
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
    fn is_simple(&self, ty: &TypeExpr, allow_array: bool) -> bool {
        match ty {
            TypeExpr::String | TypeExpr::Integer | TypeExpr::Number | TypeExpr::Boolean => true,
            TypeExpr::Array(inner) => allow_array && self.is_simple(inner, false),
            TypeExpr::Named { name, args } => {
                args.is_empty()
                    && self
                        .spec
                        .types
                        .get(name)
                        .is_some_and(|def| def.value.enum_repr.is_some())
            }
            _ => false,
        }
    }
}

/// Checks that a dotted path (`meta.total_pages`) leads through object
/// fields to an integer field.
pub fn resolve_dotted(
    spec: &Spec,
    fields: &indexmap::IndexMap<String, FieldDef>,
    dotted: &str,
) -> Result<(), String> {
    let mut current = fields;
    let mut steps = dotted.split('.').peekable();
    while let Some(step) = steps.next() {
        let Some(field) = current.get(step) else {
            return Err(format!("`{dotted}`: no field `{step}`"));
        };
        let ty = TypeExpr::parse(&field.ty).map_err(|e| format!("`{dotted}`: {e}"))?;
        if steps.peek().is_none() {
            return if ty == TypeExpr::Integer {
                Ok(())
            } else {
                Err(format!(
                    "`{dotted}` must lead to an `integer` field, not `{ty}`"
                ))
            };
        }
        let next = match &ty {
            TypeExpr::Named { name, args } if args.is_empty() => spec
                .types
                .get(name)
                .and_then(|def| def.value.fields.as_ref()),
            _ => None,
        };
        current =
            next.ok_or_else(|| format!("`{dotted}`: `{step}` is not a plain object field"))?;
    }
    Err(format!("`{dotted}` is empty"))
}

/// The parsed type expressions a type holds: its fields' types and its
/// union alternatives (unparsable ones are reported elsewhere).
fn member_types(def: &TypeDef) -> Vec<TypeExpr> {
    let fields = def
        .fields
        .iter()
        .flat_map(|fields| fields.values())
        .map(|f| &f.ty);
    let alternatives = def
        .one_of
        .iter()
        .flat_map(|alternatives| alternatives.values());
    fields
        .chain(alternatives)
        .filter_map(|text| TypeExpr::parse(text).ok())
        .collect()
}

/// For each type (by index), which of its generic parameters it holds by
/// value (not behind `array`/`map`), directly or through another generic
/// type's parameter that is itself held by value.
///
/// Each by-value use of a parameter is a rule "`G.p` is held by value if
/// all the generic slots it sits in are" (`Outer<Inner<P>>` needs both
/// `Outer.0` and `Inner.0`); the rules are solved by unit propagation, in
/// time linear in their size, however long a chain of generic types is.
fn by_value_params(spec: &Spec) -> Vec<Vec<bool>> {
    let mut table: Vec<Vec<bool>> = spec
        .types
        .values()
        .map(|def| vec![false; def.value.params.len()])
        .collect();
    // Rules: (head slot, the slots it waits for).
    let mut rules: Vec<Rule> = Vec::new();
    for (index, def) in spec.types.values().enumerate() {
        if def.value.params.is_empty() {
            continue;
        }
        for expr in member_types(&def.value) {
            param_rules(
                spec,
                index,
                &def.value.params,
                &expr,
                &mut Vec::new(),
                &mut rules,
            );
        }
    }
    let mut waiting_on: BTreeMap<Slot, Vec<usize>> = BTreeMap::new();
    let mut unmet: Vec<usize> = Vec::with_capacity(rules.len());
    let mut ready: Vec<Slot> = Vec::new();
    for (rule, (head, conditions)) in rules.iter().enumerate() {
        unmet.push(conditions.len());
        for condition in conditions {
            waiting_on.entry(*condition).or_default().push(rule);
        }
        if conditions.is_empty() {
            ready.push(*head);
        }
    }
    while let Some((ty, param)) = ready.pop() {
        let Some(slot) = table.get_mut(ty).and_then(|row| row.get_mut(param)) else {
            continue;
        };
        if *slot {
            continue;
        }
        *slot = true;
        for rule in waiting_on.remove(&(ty, param)).unwrap_or_default() {
            if let Some(count) = unmet.get_mut(rule) {
                *count = count.saturating_sub(1);
                if *count == 0 {
                    if let Some((head, _)) = rules.get(rule) {
                        ready.push(*head);
                    }
                }
            }
        }
    }
    table
}

/// A generic slot: (type index, parameter index).
type Slot = (usize, usize);

/// "The head slot is held by value if every condition slot is."
type Rule = (Slot, Vec<Slot>);

/// Adds a rule for every parameter of type `owner` that `expr` holds by
/// value, under the generic slots in `slots`.
fn param_rules(
    spec: &Spec,
    owner: usize,
    params: &[String],
    expr: &TypeExpr,
    slots: &mut Vec<Slot>,
    rules: &mut Vec<Rule>,
) {
    let TypeExpr::Named { name, args } = expr else {
        return;
    };
    if let Some(param) = params
        .iter()
        .position(|p| p == name)
        .filter(|_| args.is_empty())
    {
        let mut conditions = slots.clone();
        conditions.sort_unstable();
        conditions.dedup();
        rules.push(((owner, param), conditions));
        return;
    }
    let Some(generic) = spec.types.get_index_of(name) else {
        return;
    };
    for (index, arg) in args.iter().enumerate() {
        slots.push((generic, index));
        param_rules(spec, owner, params, arg, slots, rules);
        slots.pop();
    }
}

/// Every bare name (type or parameter) `expr` holds by value.
fn by_value_names(spec: &Spec, table: &[Vec<bool>], expr: &TypeExpr, out: &mut Vec<String>) {
    let TypeExpr::Named { name, args } = expr else {
        return;
    };
    out.push(name.clone());
    let held = spec
        .types
        .get_index_of(name)
        .and_then(|index| table.get(index));
    for (arg, by_value) in args.iter().zip(held.into_iter().flatten()) {
        if *by_value {
            by_value_names(spec, table, arg, out);
        }
    }
}

/// The indices of the named types `expr` holds by value, ignoring the
/// enclosing type's own parameters.
fn by_value_targets(
    spec: &Spec,
    table: &[Vec<bool>],
    expr: &TypeExpr,
    params: &[String],
    out: &mut Vec<usize>,
) {
    let mut names = Vec::new();
    by_value_names(spec, table, expr, &mut names);
    out.extend(
        names
            .iter()
            .filter(|name| !params.contains(name))
            .filter_map(|name| spec.types.get_index_of(name)),
    );
}

/// A cycle through `start` in the graph `edges` that stays inside
/// `component` (sorted), as the list of its nodes. Iterative depth-first
/// search, so a long chain of types cannot overflow the stack.
fn find_cycle(edges: &[Vec<usize>], start: usize, component: &[usize]) -> Option<Vec<usize>> {
    let mut path = vec![start];
    let mut next_edge = vec![0usize];
    let mut visited = BTreeSet::from([start]);
    while let (Some(&node), Some(edge)) = (path.last(), next_edge.last_mut()) {
        let Some(&target) = edges.get(node).and_then(|targets| targets.get(*edge)) else {
            path.pop();
            next_edge.pop();
            continue;
        };
        *edge += 1;
        if target == start {
            return Some(path);
        }
        if component.binary_search(&target).is_ok() && visited.insert(target) {
            path.push(target);
            next_edge.push(0);
        }
    }
    None
}

/// The strongly connected components of `edges` that contain a cycle (more
/// than one node, or one node with an edge to itself), each sorted.
/// Tarjan's algorithm, iterative: linear time, no recursion.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let count = edges.len();
    let mut index = vec![UNSEEN; count];
    let mut low = vec![0usize; count];
    let mut on_stack = vec![false; count];
    let mut stack: Vec<usize> = Vec::new();
    let mut next_index = 0usize;
    let mut components = Vec::new();
    let get = |values: &[usize], node: usize| values.get(node).copied().unwrap_or(UNSEEN);
    fn set<T>(values: &mut [T], node: usize, value: T) {
        if let Some(slot) = values.get_mut(node) {
            *slot = value;
        }
    }
    for root in 0..count {
        if get(&index, root) != UNSEEN {
            continue;
        }
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        set(&mut index, root, next_index);
        set(&mut low, root, next_index);
        next_index += 1;
        stack.push(root);
        set(&mut on_stack, root, true);
        while let Some((node, edge)) = calls.last_mut() {
            let node = *node;
            if let Some(&target) = edges.get(node).and_then(|targets| targets.get(*edge)) {
                *edge += 1;
                if get(&index, target) == UNSEEN {
                    set(&mut index, target, next_index);
                    set(&mut low, target, next_index);
                    next_index += 1;
                    stack.push(target);
                    set(&mut on_stack, target, true);
                    calls.push((target, 0));
                } else if on_stack.get(target).copied().unwrap_or(false) {
                    let lowest = get(&low, node).min(get(&index, target));
                    set(&mut low, node, lowest);
                }
                continue;
            }
            calls.pop();
            if let Some((parent, _)) = calls.last() {
                let lowest = get(&low, *parent).min(get(&low, node));
                set(&mut low, *parent, lowest);
            }
            if get(&low, node) == get(&index, node) {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    set(&mut on_stack, member, false);
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                let self_loop = edges
                    .get(node)
                    .is_some_and(|targets| targets.contains(&node));
                if component.len() > 1 || self_loop {
                    component.sort_unstable();
                    components.push(component);
                }
            }
        }
    }
    components
}

fn with(path: &[Segment], segment: impl Into<Segment>) -> Vec<Segment> {
    let mut out = path.to_vec();
    out.push(segment.into());
    out
}

/// How many candidates of a plausible length are compared, bounding the
/// cost of a suggestion on a spec with very many names.
const MAX_SUGGESTION_CANDIDATES: usize = 2000;

/// The candidate closest to `name` by edit distance, when close enough to be
/// a likely typo.
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let length = name.chars().count();
    if length > 64 {
        return None;
    }
    candidates
        // The allowed distance is at most a third of the candidate's length,
        // so lengths far apart cannot match; skipping them keeps this cheap.
        .filter(|candidate| {
            let other = candidate.chars().count();
            length.abs_diff(other) <= (other / 3).max(1)
        })
        .take(MAX_SUGGESTION_CANDIDATES)
        .map(|candidate| {
            (
                edit_distance(&name.to_lowercase(), &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let insertion = current.get(j).copied().unwrap_or(0) + 1;
            let deletion = previous.get(j + 1).copied().unwrap_or(0) + 1;
            current.push(substitution.min(insertion).min(deletion));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

impl From<String> for Segment {
    fn from(key: String) -> Self {
        Segment::Key(key)
    }
}
