//! Resources and their operations: added, removed, renamed (the same
//! request under another name), and what changed in one: method, path,
//! path arguments, query parameters, bodies and streaming.

use super::fields::{Member, Owner};
use super::{wire_form, Ctx};
use crate::diff::change::{ApiClass, ChangeKind, WireEffect};
use crate::diff::text;
use crate::diff::usage::Sides;
use crate::ir::{Ir, OperationIr, PathPart, ResourceIr, RustType};

/// The path with its parameters blanked: what the server matches.
fn path_shape(path: &[PathPart]) -> String {
    path.iter()
        .map(|part| match part {
            PathPart::Literal(text) => text.as_str(),
            PathPart::Param(_) => "{}",
        })
        .collect()
}

impl Ctx {
    pub(super) fn resources(&mut self, old: &Ir, new: &Ir) {
        let list = |ir: &Ir| -> Vec<ResourceIr> {
            ir.modules
                .iter()
                .flat_map(|m| m.resources.iter().cloned())
                .collect()
        };
        let (old_resources, new_resources) = (list(old), list(new));
        for resource in &old_resources {
            match new_resources.iter().find(|n| n.name == resource.name) {
                None => self.push(
                    ChangeKind::ResourceRemoved,
                    &resource.name,
                    format!(
                        "`Client::{}` (`{}`, {}) is gone",
                        resource.accessor_ident,
                        resource.handle_ident,
                        text::count(resource.operations.len(), "operation")
                    ),
                    ApiClass::Breaking,
                    [WireEffect::RequestRejected],
                ),
                Some(kept) => self.resource_pair(resource, kept),
            }
        }
        for resource in &new_resources {
            if !old_resources.iter().any(|o| o.name == resource.name) {
                self.push(
                    ChangeKind::ResourceAdded,
                    &resource.name,
                    format!(
                        "new `Client::{}` (`{}`, {})",
                        resource.accessor_ident,
                        resource.handle_ident,
                        text::count(resource.operations.len(), "operation")
                    ),
                    ApiClass::Additive,
                    [],
                );
            }
        }
    }

    pub(super) fn resource_pair(&mut self, old: &ResourceIr, new: &ResourceIr) {
        self.docs("resources", &old.doc, &new.doc);
        if old.group != new.group {
            self.push(
                ChangeKind::ResourceGroupChanged,
                &new.name,
                format!(
                    "its operations use the API group `{}` instead of `{}` (base URL and auth)",
                    new.group, old.group
                ),
                ApiClass::None,
                [WireEffect::RequestRejected],
            );
        }
        let mut removed: Vec<&OperationIr> = old
            .operations
            .iter()
            .filter(|o| !new.operations.iter().any(|n| n.name == o.name))
            .collect();
        let mut added: Vec<&OperationIr> = new
            .operations
            .iter()
            .filter(|n| !old.operations.iter().any(|o| o.name == n.name))
            .collect();
        let mut pairs: Vec<(&OperationIr, &OperationIr)> = old
            .operations
            .iter()
            .filter_map(|o| Some((o, new.operations.iter().find(|n| n.name == o.name)?)))
            .collect();
        // Renamed in the spec: the same request under another name.
        removed.retain(|gone| {
            let same = |op: &&OperationIr| {
                op.http_method == gone.http_method && path_shape(&op.path) == path_shape(&gone.path)
            };
            let candidates = added.iter().filter(|op| same(op)).count();
            match added.iter().position(same) {
                Some(at) if candidates == 1 => {
                    pairs.push((gone, added.remove(at)));
                    false
                }
                _ => true,
            }
        });
        let handle = &new.handle_ident;
        for gone in removed {
            self.push(
                ChangeKind::OperationRemoved,
                &format!("{}.{}", old.name, gone.name),
                format!(
                    "`{}::{}` ({} {}) is gone",
                    old.handle_ident, gone.method_ident, gone.http_method, gone.path_template
                ),
                ApiClass::Breaking,
                [WireEffect::RequestRejected],
            );
        }
        for op in added {
            self.push(
                ChangeKind::OperationAdded,
                &format!("{}.{}", new.name, op.name),
                format!(
                    "new `{handle}::{}` ({} {})",
                    op.method_ident, op.http_method, op.path_template
                ),
                ApiClass::Additive,
                [],
            );
        }
        for (o, n) in pairs {
            self.operation_pair(new, o, n);
        }
    }

    pub(super) fn operation_pair(
        &mut self,
        resource: &ResourceIr,
        old: &OperationIr,
        new: &OperationIr,
    ) {
        let subject = format!("{}.{}", resource.name, new.name);
        let handle = &resource.handle_ident;
        if old.method_ident != new.method_ident {
            self.push(
                ChangeKind::OperationRenamed,
                &subject,
                format!(
                    "`{handle}::{}` is now `{handle}::{}` ({} {})",
                    old.method_ident, new.method_ident, new.http_method, new.path_template
                ),
                ApiClass::Breaking,
                [],
            );
        } else if old.name != new.name {
            self.doc_change("operations");
        }
        if old.http_method != new.http_method {
            self.push(
                ChangeKind::MethodChanged,
                &subject,
                format!(
                    "sent as {} instead of {} {}",
                    new.http_method, old.http_method, old.path_template
                ),
                ApiClass::None,
                [WireEffect::RequestRejected],
            );
        }
        if path_shape(&old.path) != path_shape(&new.path) {
            self.push(
                ChangeKind::PathChanged,
                &subject,
                format!(
                    "sent to {} instead of {}",
                    new.path_template, old.path_template
                ),
                ApiClass::None,
                [WireEffect::RequestRejected],
            );
        }
        self.path_params(&subject, old, new);
        self.query(&subject, handle, old, new);
        let old_body = old.body.as_ref().map(|ty| self.map(ty));
        if old_body != new.body {
            let wire = old_body.as_ref().map(wire_form) != new.body.as_ref().map(wire_form);
            self.push(
                ChangeKind::BodyChanged,
                &subject,
                format!(
                    "request body {} → {}",
                    optional_type(old_body.as_ref()),
                    optional_type(new.body.as_ref())
                ),
                ApiClass::Breaking,
                wire.then_some(WireEffect::RequestRejected),
            );
        }
        let old_response = old.response.as_ref().map(|ty| self.map(ty));
        if old_response != new.response {
            let wire = old_response.as_ref().map(wire_form) != new.response.as_ref().map(wire_form);
            self.push(
                ChangeKind::ResponseChanged,
                &subject,
                format!(
                    "response body {} → {}",
                    optional_type(old_response.as_ref()),
                    optional_type(new.response.as_ref())
                ),
                ApiClass::Breaking,
                wire.then_some(WireEffect::ResponseFails),
            );
        }
        match (&old.paged, &new.paged) {
            (None, Some(_)) => self.push(
                ChangeKind::StreamAdded,
                &subject,
                format!("new `{handle}::{}`", new.stream_ident),
                ApiClass::Additive,
                [],
            ),
            (Some(_), None) => self.push(
                ChangeKind::StreamRemoved,
                &subject,
                format!("`{handle}::{}` is gone", old.stream_ident),
                ApiClass::Breaking,
                [],
            ),
            _ => {}
        }
        let docs = |op: &OperationIr| {
            (
                op.summary.clone(),
                op.description.clone(),
                op.source.clone(),
                op.docs_url.clone(),
                op.request_samples.clone(),
                op.response_samples.clone(),
            )
        };
        if docs(old) != docs(new) {
            self.doc_change("operations");
        }
    }

    /// Path parameters are positional arguments: their names are docs,
    /// their number and types are the signature.
    pub(super) fn path_params(&mut self, subject: &str, old: &OperationIr, new: &OperationIr) {
        let owner = Owner {
            prefix: format!("{subject}/"),
            member: Member::Parameter,
            sides: Sides::REQUEST,
            existed: true,
            method: "",
        };
        let mut old_params = old.path_params.iter();
        let mut new_params = new.path_params.iter();
        loop {
            match (old_params.next(), new_params.next()) {
                (None, None) => break,
                (Some(gone), None) => self.push(
                    ChangeKind::ParameterRemoved,
                    &format!("{}{}", owner.prefix, gone.wire_name),
                    format!("the path argument {} is gone", text::argument(gone)),
                    ApiClass::Breaking,
                    [WireEffect::RequestRejected],
                ),
                (None, Some(param)) => self.push(
                    ChangeKind::ParameterAdded,
                    &format!("{}{}", owner.prefix, param.wire_name),
                    format!("new path argument {}", text::argument(param)),
                    ApiClass::Breaking,
                    [WireEffect::RequestRejected],
                ),
                (Some(o), Some(n)) => {
                    if o.ident != n.ident || o.wire_name != n.wire_name {
                        self.doc_change("parameters");
                    }
                    // Compared as the same parameter under its new name.
                    let mut renamed = o.clone();
                    renamed.ident.clone_from(&n.ident);
                    renamed.wire_name.clone_from(&n.wire_name);
                    self.field_pair(&owner, &renamed, n);
                }
            }
        }
    }

    pub(super) fn query(
        &mut self,
        subject: &str,
        handle: &str,
        old: &OperationIr,
        new: &OperationIr,
    ) {
        let method = format!("{handle}::{}", new.method_ident);
        let owner = Owner {
            prefix: format!("{subject}?"),
            member: Member::Parameter,
            sides: Sides::REQUEST,
            existed: old.query.is_some(),
            method: &method,
        };
        match (&old.query, &new.query) {
            (None, None) => {}
            (Some((_, fields)), None) => {
                for gone in fields {
                    self.push(
                        ChangeKind::ParameterRemoved,
                        &format!("{}{}", owner.prefix, gone.wire_name),
                        format!(
                            "{} is gone, with the query argument of `{method}`",
                            text::field(gone)
                        ),
                        ApiClass::Breaking,
                        [WireEffect::RequestRejected],
                    );
                }
            }
            (None, Some((_, fields))) => self.fields(&owner, &[], fields),
            (Some((old_ident, old_fields)), Some((new_ident, new_fields))) => {
                if old_ident != new_ident {
                    self.push(
                        ChangeKind::TypeRenamed,
                        new_ident,
                        format!("`{old_ident}` is now `{new_ident}` (the query of `{method}`)"),
                        ApiClass::Breaking,
                        [],
                    );
                }
                self.fields(&owner, old_fields, new_fields);
            }
        }
    }
}

fn optional_type(ty: Option<&RustType>) -> String {
    match ty {
        Some(ty) => format!("`{}`", text::rust_type(ty)),
        None => "none".to_owned(),
    }
}
