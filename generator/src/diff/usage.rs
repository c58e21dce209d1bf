//! Which generated types travel in requests and which in responses, so a
//! change to a type is classified for the direction(s) it can affect.

use std::collections::BTreeMap;

use crate::ir::{Ir, TypeIr};

pub use crate::ir::Sides;

/// Every generated type of `ir` by Rust identifier.
pub fn types_by_ident(ir: &Ir) -> BTreeMap<&str, &TypeIr> {
    ir.modules
        .iter()
        .flat_map(|module| &module.types)
        .map(|ty| (ty.ident.as_str(), ty))
        .collect()
}

/// The directions of every type that some operation (or the error body)
/// reaches, by Rust identifier (the IR's, see `ir::Sides`).
pub fn sides(ir: &Ir) -> BTreeMap<String, Sides> {
    ir.modules
        .iter()
        .flat_map(|module| &module.types)
        .filter(|ty| ty.sides != Sides::default())
        .map(|ty| (ty.ident.clone(), ty.sides))
        .collect()
}
