//! Which generated types travel in requests and which in responses, so a
//! change to a type is classified for the direction(s) it can affect.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Ir, RustType, TypeIr, TypeKind};

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

/// Every generated type of `ir` by Rust identifier.
pub fn types_by_ident(ir: &Ir) -> BTreeMap<&str, &TypeIr> {
    ir.modules
        .iter()
        .flat_map(|module| &module.types)
        .map(|ty| (ty.ident.as_str(), ty))
        .collect()
}

/// The directions of every type that some operation (or the error body)
/// reaches, by Rust identifier.
pub fn sides(ir: &Ir) -> BTreeMap<String, Sides> {
    let types = types_by_ident(ir);
    let mut request = Vec::new();
    let mut response = vec![&ir.client.error_type];
    for op in ir
        .modules
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
    let request = reachable(&types, request);
    let response = reachable(&types, response);
    let mut sides: BTreeMap<String, Sides> = BTreeMap::new();
    for ident in request.union(&response) {
        sides.insert(
            (*ident).to_owned(),
            Sides {
                request: request.contains(ident),
                response: response.contains(ident),
            },
        );
    }
    sides
}

/// The identifiers of every type reachable from `roots`.
fn reachable<'i>(
    types: &BTreeMap<&'i str, &'i TypeIr>,
    roots: Vec<&'i RustType>,
) -> BTreeSet<&'i str> {
    let mut seen: BTreeSet<&'i str> = BTreeSet::new();
    let mut stack = roots;
    while let Some(ty) = stack.pop() {
        match ty {
            RustType::Vec(inner) | RustType::Map(inner) => stack.push(inner),
            RustType::Named { ident, args, .. } => {
                stack.extend(args.iter());
                let Some((ident, def)) = types.get_key_value(ident.as_str()) else {
                    continue;
                };
                if !seen.insert(ident) {
                    continue;
                }
                match &def.kind {
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
