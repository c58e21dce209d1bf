//! Which types travel in requests and which in responses. The emitter
//! gives only request types the body encoder and the constraint checks, and
//! the diff report classifies a change by the direction(s) it can affect.

use std::collections::{BTreeMap, BTreeSet};

use super::{ClientIr, ModuleIr, RustType, TypeKind};

/// The directions a type travels in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sides {
    /// Sent by the client (a body, or inside one; a parameter's type).
    pub request: bool,
    /// Received by the client (a response or error body, or inside one).
    pub response: bool,
}

impl Sides {
    /// Requests only (parameters).
    pub const REQUEST: Sides = Sides {
        request: true,
        response: false,
    };

    /// Either's directions.
    pub fn or(self, other: Sides) -> Sides {
        Sides {
            request: self.request || other.request,
            response: self.response || other.response,
        }
    }
}

/// Sets the sides of every type in `modules` from what the operations (and
/// the client's error body) reach; a type nothing reaches has neither.
pub(super) fn mark(modules: &mut [ModuleIr], client: &ClientIr) {
    let mut request = Vec::new();
    let mut response = vec![&client.error_type];
    for op in modules
        .iter()
        .flat_map(|m| &m.resources)
        .flat_map(|r| &r.operations)
    {
        request.extend(op.body.iter());
        request.extend(op.path_params.iter().map(|p| &p.ty));
        if let Some((_, fields)) = &op.query {
            request.extend(fields.iter().map(|f| &f.ty));
        }
        response.extend(op.response.iter());
    }
    let kinds: BTreeMap<&str, &TypeKind> = modules
        .iter()
        .flat_map(|module| &module.types)
        .map(|ty| (ty.ident.as_str(), &ty.kind))
        .collect();
    let request = owned(reachable(&kinds, request));
    let response = owned(reachable(&kinds, response));
    for ty in modules.iter_mut().flat_map(|module| &mut module.types) {
        ty.sides = Sides {
            request: request.contains(&ty.ident),
            response: response.contains(&ty.ident),
        };
    }
}

fn owned(idents: BTreeSet<&str>) -> BTreeSet<String> {
    idents.into_iter().map(str::to_owned).collect()
}

/// The identifiers of every type reachable from `roots`.
fn reachable<'i>(
    kinds: &BTreeMap<&'i str, &'i TypeKind>,
    roots: Vec<&'i RustType>,
) -> BTreeSet<&'i str> {
    let mut seen: BTreeSet<&'i str> = BTreeSet::new();
    let mut stack = roots;
    while let Some(ty) = stack.pop() {
        match ty {
            RustType::Vec(inner) | RustType::Map(inner) => stack.push(inner),
            RustType::Named { ident, args, .. } => {
                stack.extend(args.iter());
                let Some((ident, kind)) = kinds.get_key_value(ident.as_str()) else {
                    continue;
                };
                if !seen.insert(ident) {
                    continue;
                }
                match kind {
                    TypeKind::Object { fields, .. } => stack.extend(fields.iter().map(|f| &f.ty)),
                    TypeKind::Union { variants } => stack.extend(variants.iter().map(|(_, ty)| ty)),
                    TypeKind::Enum { .. } | TypeKind::Text { .. } => {}
                }
            }
            _ => {}
        }
    }
    seen
}
