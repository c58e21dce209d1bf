//! The comparison itself: two IRs in, every change to the generated API and
//! to the wire out, each classified. Things are matched by what stays put
//! when a spec is refactored: types by Rust name, fields by wire name,
//! operations by spec name within their resource. What is left unmatched
//! is paired as a rename when exactly one candidate has the same shape
//! (a type with the same fields, an operation with the same method and
//! path, a field with the same Rust name behind another wire name).

//!
//! One submodule per part of the API: `types` (and their enum values and
//! union alternatives), `fields` (of structs, and operations'
//! parameters), `client` (credentials, error type, groups), and
//! `operations` (resources and their operations).

mod client;
mod fields;
mod operations;
mod types;

use std::collections::BTreeMap;

use super::change::{ApiClass, Change, ChangeKind, WireEffect};
use super::usage::{self, Sides};
use crate::ir::{Ir, RustType};

/// Every change between two IRs; doc-only changes are counted by area
/// rather than listed.
#[derive(Debug, Default)]
pub struct Comparison {
    /// The itemized changes, in report order.
    pub changes: Vec<Change>,
    /// How many doc texts (and other names no caller writes) changed, by
    /// area (`types`, `fields`, `operations`, …).
    pub docs: BTreeMap<&'static str, usize>,
}

/// Compares the IR of the old spec with that of the new one.
pub fn compare(old: &Ir, new: &Ir) -> Comparison {
    let mut ctx = Ctx {
        old_sides: usage::sides(old),
        new_sides: usage::sides(new),
        renames: BTreeMap::new(),
        params: BTreeMap::new(),
        out: Comparison::default(),
    };
    if old.package.name != new.package.name {
        ctx.push(
            ChangeKind::PackageRenamed,
            &new.package.name,
            format!(
                "the crate `{}` is now `{}`",
                old.package.name, new.package.name
            ),
            ApiClass::Breaking,
            [],
        );
    }
    ctx.types(old, new);
    ctx.client(old, new);
    ctx.groups(&old.groups, &new.groups);
    ctx.resources(old, new);
    let changes = &mut ctx.out.changes;
    changes.sort_by(|a, b| {
        (a.api, &a.subject, a.kind, &a.detail).cmp(&(b.api, &b.subject, b.kind, &b.detail))
    });
    changes.dedup();
    ctx.out
}

struct Ctx {
    old_sides: BTreeMap<String, Sides>,
    new_sides: BTreeMap<String, Sides>,
    /// Old type identifier → new, for types found renamed.
    renames: BTreeMap<String, String>,
    /// Old generic parameter → new, while the fields of a generic type
    /// are compared (parameters are matched by position).
    params: BTreeMap<String, String>,
    out: Comparison,
}

/// What goes over the wire for a Rust type: a secret or a date-time is a
/// JSON string like any other.
pub(super) fn wire_form(ty: &RustType) -> RustType {
    match ty {
        RustType::SecretString | RustType::DateTime => RustType::String,
        RustType::Vec(inner) => RustType::Vec(Box::new(wire_form(inner))),
        RustType::Map(inner) => RustType::Map(Box::new(wire_form(inner))),
        RustType::Named {
            ident,
            args,
            is_enum,
        } => RustType::Named {
            ident: ident.clone(),
            args: args.iter().map(wire_form).collect(),
            is_enum: *is_enum,
        },
        other => other.clone(),
    }
}

/// Wire effects that apply on the sides a value travels.
pub(super) fn on(
    sides: Sides,
    request: Option<WireEffect>,
    response: Option<WireEffect>,
) -> Vec<WireEffect> {
    let mut effects = Vec::new();
    if sides.request {
        effects.extend(request);
    }
    if sides.response {
        effects.extend(response);
    }
    effects
}

impl Ctx {
    pub(super) fn push(
        &mut self,
        kind: ChangeKind,
        subject: &str,
        detail: impl Into<String>,
        api: ApiClass,
        wire: impl IntoIterator<Item = WireEffect>,
    ) {
        self.out
            .changes
            .push(Change::new(kind, subject, detail, api, wire));
    }

    pub(super) fn docs(&mut self, area: &'static str, old: &Option<String>, new: &Option<String>) {
        if old != new {
            self.doc_change(area);
        }
    }

    pub(super) fn doc_change(&mut self, area: &'static str) {
        *self.out.docs.entry(area).or_default() += 1;
    }

    /// An old type as the new spec names it.
    pub(super) fn map(&self, ty: &RustType) -> RustType {
        match ty {
            RustType::Vec(inner) => RustType::Vec(Box::new(self.map(inner))),
            RustType::Map(inner) => RustType::Map(Box::new(self.map(inner))),
            RustType::Named {
                ident,
                args,
                is_enum,
            } => RustType::Named {
                ident: self.renames.get(ident).unwrap_or(ident).clone(),
                args: args.iter().map(|a| self.map(a)).collect(),
                is_enum: *is_enum,
            },
            RustType::Param(name) => RustType::Param(self.params.get(name).unwrap_or(name).clone()),
            other => other.clone(),
        }
    }

    pub(super) fn sides_of(&self, old_ident: &str, new_ident: &str) -> Sides {
        let old = self.old_sides.get(old_ident).copied().unwrap_or_default();
        let new = self.new_sides.get(new_ident).copied().unwrap_or_default();
        old.or(new)
    }
}
