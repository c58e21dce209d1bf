//! Resources and their operations: the handle, its methods (each call and
//! the `_with_response` and `_stream` methods invented for it), the path,
//! parameters and payload types.

use super::names::{Scope, HANDLE_MEMBERS};
use super::{Builder, FieldIr, HttpMethod, OperationLocals, Presence, RustType};
use crate::model::{Operation, PathSegment, Resource, Ty};
use crate::naming::{camel_ident, snake_ident};
use crate::spec_path;

/// A resource: its handle and operations.
#[derive(Debug, Clone)]
pub struct ResourceIr {
    /// The spec name.
    pub name: String,
    /// The index of the spec file that declares it, for diagnostics.
    pub file: usize,
    /// Handle struct identifier, e.g. `OutboundVoiceProfiles`.
    pub handle_ident: String,
    /// Accessor method on the client, e.g. `outbound_voice_profiles`.
    pub accessor_ident: String,
    /// Doc text.
    pub doc: Option<String>,
    /// The spec name of its API group.
    pub group: String,
    /// The Rust identifier of its API group (as in [`GroupIr::ident`](super::GroupIr::ident)).
    pub group_ident: String,
    /// Operations.
    pub operations: Vec<OperationIr>,
}

/// A part of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// A parameter, by Rust identifier.
    Param(String),
}

/// A list operation that can be streamed item by item.
#[derive(Debug, Clone)]
pub struct PagedIr {
    /// The item type.
    pub item: RustType,
    /// The query struct's identifier (a paged list has query parameters).
    pub query_ident: String,
    /// The query struct's field that selects the page: the page number, or
    /// the cursor.
    pub page_field: String,
    /// How the list pages.
    pub style: PageStyle,
}

/// How a streamed list asks for its next page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// By page number (`page[number]=2`).
    Number,
    /// By the opaque cursor the previous page named (`page[after]=…`).
    Cursor,
}

/// An operation.
#[derive(Debug, Clone)]
pub struct OperationIr {
    /// The stable spec name.
    pub name: String,
    /// Rust method identifier.
    pub method_ident: String,
    /// The HTTP method.
    pub http_method: HttpMethod,
    /// The path template as written.
    pub path_template: String,
    /// The path split into literals and parameters.
    pub path: Vec<PathPart>,
    /// Path parameters in path order.
    pub path_params: Vec<FieldIr>,
    /// Query parameter struct: its identifier and fields.
    pub query: Option<(String, Vec<FieldIr>)>,
    /// Request body type.
    pub body: Option<RustType>,
    /// Response body type.
    pub response: Option<RustType>,
    /// Summary line.
    pub summary: String,
    /// Description.
    pub description: Option<String>,
    /// Source pages.
    pub source: Option<String>,
    /// The public reference page, checked to be an `https://` URL.
    pub docs_url: Option<String>,
    /// Request sample files.
    pub request_samples: Vec<String>,
    /// Response sample files.
    pub response_samples: Vec<String>,
    /// Whether a failed attempt may be retried automatically.
    pub retry_safe: bool,
    /// Set for list operations that can be streamed.
    pub paged: Option<PagedIr>,
    /// The method that also returns the raw response: `<call>_with_response`.
    pub raw_ident: String,
    /// The streaming method of a paged list: `<call>_stream`.
    pub stream_ident: String,
    /// The locals and parameters its methods invent.
    pub locals: OperationLocals,
}

impl Builder<'_, '_> {
    pub(super) fn resource(&mut self, resource: &Resource<'_>) -> ResourceIr {
        let (name, file) = (resource.name, resource.file);
        let handle_ident = camel_ident(name);
        self.claim_type_ident(file, spec_path!["resources", name], &handle_ident, name);
        let operations: Vec<OperationIr> = resource
            .operations
            .iter()
            .map(|op| self.operation(name, op, file))
            .collect();
        self.claim_handle_methods(name, &operations, file);
        ResourceIr {
            name: name.to_owned(),
            file,
            handle_ident,
            accessor_ident: snake_ident(name),
            doc: resource.def.doc.clone(),
            group: resource.group.to_owned(),
            group_ident: snake_ident(resource.group),
            operations,
        }
    }

    fn operation(&mut self, resource: &str, op: &Operation<'_>, file: usize) -> OperationIr {
        let (name, def) = (op.name, op.def);
        let path_params: Vec<FieldIr> = op.path_params().map(|field| self.field(field)).collect();
        let op_path = spec_path!["resources", resource, "operations", name];
        self.unique_idents(
            file,
            &op_path,
            "path_params",
            path_params
                .iter()
                .map(|f| (f.ident.clone(), f.wire_name.clone())),
        );
        let path = op
            .path
            .iter()
            .map(|segment| match segment {
                PathSegment::Literal(text) => PathPart::Literal((*text).to_owned()),
                PathSegment::Param(field) => PathPart::Param(self.field(field).ident),
            })
            .collect();
        let query = if op.query.is_empty() {
            None
        } else {
            let fields: Vec<FieldIr> = op.query.iter().map(|field| self.field(field)).collect();
            self.unique_idents(
                file,
                &op_path,
                "query",
                fields
                    .iter()
                    .map(|f| (f.ident.clone(), f.wire_name.clone())),
            );
            let ident = format!("{}Query", camel_ident(name));
            self.claim_type_ident(
                file,
                op_path.clone(),
                &ident,
                &format!("{name} (its query parameters)"),
            );
            Some((ident, fields))
        };
        // The spec's `retry_safe` wins; without it, idempotent methods retry.
        let retry_safe = def.retry_safe.unwrap_or_else(|| op.method.is_idempotent());
        let paged = self.paged(op, query.as_ref());
        let call = def.call.trim_start_matches("r#");
        let param_idents: Vec<&str> = path_params.iter().map(|p| p.ident.as_str()).collect();
        let locals = OperationLocals::avoiding(&param_idents);
        OperationIr {
            raw_ident: format!("{call}_with_response"),
            stream_ident: format!("{call}_stream"),
            locals,
            retry_safe,
            paged,
            name: name.to_owned(),
            method_ident: def.call.clone(),
            http_method: op.method,
            path_template: op.template.to_owned(),
            path,
            path_params,
            query,
            body: op.body.as_ref().map(|ty| self.rust_type(ty)),
            response: op.response.as_ref().map(|ty| self.rust_type(ty)),
            summary: def.summary.clone(),
            description: def.description.clone(),
            source: def.source.clone(),
            docs_url: def.docs_url.clone(),
            request_samples: def.samples.request.clone(),
            response_samples: def.samples.response.clone(),
        }
    }

    /// Every method of a resource handle is one name in one scope: the
    /// handle's own, each call, and the `_with_response` and `_stream`
    /// methods invented for it.
    fn claim_handle_methods(&mut self, resource: &str, operations: &[OperationIr], file: usize) {
        let mut scope = Scope::with_members(HANDLE_MEMBERS, "a method every resource handle has");
        for op in operations {
            let call = op.method_ident.trim_start_matches("r#");
            let mut names = vec![(call.to_owned(), format!("the call of `{}`", op.name))];
            names.push((
                op.raw_ident.clone(),
                format!("the `_with_response` method of `{}`", op.name),
            ));
            if op.paged.is_some() {
                names.push((
                    op.stream_ident.clone(),
                    format!("the `_stream` method of `{}`", op.name),
                ));
            }
            for (name, owner) in names {
                if let Err(first) = scope.claim(&name, &owner) {
                    self.diagnostics.push(self.checked.spec.diagnostic_at(
                        file,
                        &spec_path!["resources", resource, "operations", &op.name, "call"],
                        format!(
                            "the method name `{name}` is both {first} and {owner}; change this operation's `call`"
                        ),
                    ));
                }
            }
        }
    }

    /// A list operation is streamable when it answers with a pagination
    /// envelope (numbered or cursor) and takes that style's page-selecting
    /// query parameter.
    fn paged(&self, op: &Operation<'_>, query: Option<&(String, Vec<FieldIr>)>) -> Option<PagedIr> {
        let Some(Ty::Named { name, args, .. }) = &op.response else {
            return None;
        };
        let [item] = args.as_slice() else {
            return None;
        };
        let client = &self.checked.client;
        let numbered = client
            .pagination
            .as_ref()
            .filter(|pagination| pagination.envelope == *name)
            .map(|pagination| (pagination.page_param, PageStyle::Number));
        let cursor = client
            .cursor_pagination
            .as_ref()
            .filter(|pagination| pagination.envelope == *name)
            .map(|pagination| (pagination.cursor_param, PageStyle::Cursor));
        let (param, style) = numbered.or(cursor)?;
        // The stream sets the page itself, so the parameter must be optional.
        let (query_ident, fields) = query?;
        let wanted = match style {
            PageStyle::Number => RustType::I64,
            PageStyle::Cursor => RustType::String,
        };
        let page_field = fields
            .iter()
            .find(|f| f.wire_name == param && f.presence != Presence::Required && f.ty == wanted)?;
        Some(PagedIr {
            item: self.rust_type(item),
            query_ident: query_ident.clone(),
            page_field: page_field.ident.clone(),
            style,
        })
    }
}
