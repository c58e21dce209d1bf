//! Types: added, removed, renamed (the same shape under another name),
//! and what changed inside one: its kind, generic parameters, fields,
//! enum values, union alternatives and the wire forms of a text type.

use super::fields::{Member, Owner};
use super::{on, wire_form, Ctx};
use crate::diff::change::{ApiClass, ChangeKind, WireEffect};
use crate::diff::text;
use crate::diff::usage::{self, Sides};
use crate::ir::{Ir, RustType, TypeIr, TypeKind, VariantIr};

/// A fingerprint of a type's Rust and wire shape (not its name or docs),
/// to recognize a renamed type.
fn shape(ty: &TypeIr) -> String {
    match &ty.kind {
        TypeKind::Object { params, fields, .. } => format!(
            "object {params:?} {}",
            fields
                .iter()
                .map(|f| format!(
                    "{}/{}/{:?}/{}/{:?}",
                    f.wire_name, f.ident, f.presence, f.int_as_string, f.ty
                ))
                .collect::<Vec<_>>()
                .join(";")
        ),
        TypeKind::Enum { repr, variants, .. } => format!(
            "enum {repr:?} {}",
            variants
                .iter()
                .map(|v| format!("{}={:?}", v.ident, v.wire))
                .collect::<Vec<_>>()
                .join(";")
        ),
        TypeKind::Union { variants } => format!("union {variants:?}"),
        TypeKind::Text { numbers } => format!("text {numbers}"),
    }
}

impl Ctx {
    pub(super) fn types(&mut self, old: &Ir, new: &Ir) {
        let old_types = usage::types_by_ident(old);
        let new_types = usage::types_by_ident(new);
        let mut removed: Vec<&TypeIr> = old_types
            .iter()
            .filter(|(ident, _)| !new_types.contains_key(*ident))
            .map(|(_, ty)| *ty)
            .collect();
        let mut added: Vec<&TypeIr> = new_types
            .iter()
            .filter(|(ident, _)| !old_types.contains_key(*ident))
            .map(|(_, ty)| *ty)
            .collect();
        // A rename: one removed and one added type of the same shape, and
        // no other of that shape on either side.
        let mut pairs = Vec::new();
        removed.retain(|gone| {
            let key = shape(gone);
            let same = |ty: &&&TypeIr| shape(ty) == key;
            let candidates: Vec<usize> = added
                .iter()
                .enumerate()
                .filter(|(_, ty)| same(ty))
                .map(|(i, _)| i)
                .collect();
            match candidates.as_slice() {
                [only] if old_types.values().filter(|ty| shape(ty) == key).count() == 1 => {
                    pairs.push((*gone, added.remove(*only)));
                    false
                }
                _ => true,
            }
        });
        for (old_ty, new_ty) in &pairs {
            self.renames
                .insert(old_ty.ident.clone(), new_ty.ident.clone());
        }
        for (old_ty, new_ty) in pairs {
            self.push(
                ChangeKind::TypeRenamed,
                &new_ty.ident,
                format!(
                    "`{}` is now `{}` (same fields and wire form)",
                    old_ty.ident, new_ty.ident
                ),
                ApiClass::Breaking,
                [],
            );
            self.type_pair(old_ty, new_ty);
        }
        for ty in removed {
            self.push(
                ChangeKind::TypeRemoved,
                &ty.ident,
                format!("the type `{}` is gone", ty.ident),
                ApiClass::Breaking,
                [],
            );
        }
        for ty in added {
            self.push(
                ChangeKind::TypeAdded,
                &ty.ident,
                format!("new type `{}`", ty.ident),
                ApiClass::Additive,
                [],
            );
        }
        for (ident, old_ty) in &old_types {
            if let Some(new_ty) = new_types.get(ident) {
                self.type_pair(old_ty, new_ty);
            }
        }
    }

    pub(super) fn type_pair(&mut self, old: &TypeIr, new: &TypeIr) {
        self.docs("types", &old.doc, &new.doc);
        let sides = self.sides_of(&old.ident, &new.ident);
        let subject = new.ident.as_str();
        match (&old.kind, &new.kind) {
            (
                TypeKind::Object {
                    params: old_params,
                    fields: old_fields,
                    extra_ident: old_extra,
                    ..
                },
                TypeKind::Object {
                    params: new_params,
                    fields: new_fields,
                    extra_ident: new_extra,
                    ..
                },
            ) => {
                // Only a type some request carries has setters (a received
                // type is filled in through its public fields).
                if old.sides.request && !new.sides.request {
                    self.push(
                        ChangeKind::TypeNoLongerSent,
                        subject,
                        "no request carries it any more: its setters are gone".to_owned(),
                        ApiClass::Breaking,
                        [],
                    );
                } else if !old.sides.request && new.sides.request {
                    self.push(
                        ChangeKind::TypeNowSent,
                        subject,
                        "a request now carries it: it gains a setter per optional field".to_owned(),
                        ApiClass::Additive,
                        [],
                    );
                }
                if old_params != new_params {
                    self.push(
                        ChangeKind::GenericsChanged,
                        subject,
                        format!(
                            "generic parameters <{}> → <{}>",
                            old_params.join(", "),
                            new_params.join(", ")
                        ),
                        ApiClass::Breaking,
                        [],
                    );
                }
                if old_extra != new_extra {
                    self.push(
                        ChangeKind::FieldRenamed,
                        &format!("{subject}.{new_extra}"),
                        format!(
                            "the field keeping unknown keys `{old_extra}` is now `{new_extra}`"
                        ),
                        ApiClass::Breaking,
                        [],
                    );
                }
                let owner = Owner {
                    prefix: format!("{subject}."),
                    member: Member::Field,
                    sides,
                    existed: true,
                    method: "",
                };
                if old_params.len() == new_params.len() {
                    self.params = old_params
                        .iter()
                        .cloned()
                        .zip(new_params.iter().cloned())
                        .collect();
                }
                self.fields(&owner, old_fields, new_fields);
                self.params.clear();
            }
            (
                TypeKind::Enum {
                    repr: old_repr,
                    variants: old_variants,
                    unknown_ident: old_unknown,
                },
                TypeKind::Enum {
                    repr: new_repr,
                    variants: new_variants,
                    unknown_ident: new_unknown,
                },
            ) => {
                if old_repr != new_repr {
                    self.push(
                        ChangeKind::TypeKindChanged,
                        subject,
                        format!("enum of {old_repr:?} values → enum of {new_repr:?} values")
                            .to_lowercase(),
                        ApiClass::Breaking,
                        on(
                            sides,
                            Some(WireEffect::RequestRejected),
                            Some(WireEffect::ResponseFails),
                        ),
                    );
                    return;
                }
                if old_unknown != new_unknown {
                    self.push(
                        ChangeKind::EnumValueRenamed,
                        &format!("{subject}::{new_unknown}"),
                        format!(
                            "the variant keeping unlisted values `{old_unknown}` is now `{new_unknown}`"
                        ),
                        ApiClass::Breaking,
                        [],
                    );
                }
                self.variants(subject, sides, old_variants, new_variants);
            }
            (
                TypeKind::Union {
                    variants: old_variants,
                },
                TypeKind::Union {
                    variants: new_variants,
                },
            ) => self.alternatives(subject, sides, old_variants, new_variants),
            (
                TypeKind::Text {
                    numbers: old_numbers,
                },
                TypeKind::Text {
                    numbers: new_numbers,
                },
            ) => {
                if old_numbers == new_numbers {
                    return;
                }
                let form = |numbers: bool| {
                    if numbers {
                        "a string or a number"
                    } else {
                        "a string"
                    }
                };
                // Same Rust API either way; only what decodes changes. A
                // number the old crate does not take fails a response (or
                // lands in `extra`); a number the old crate took and sends
                // back may be refused.
                let wire = if *new_numbers {
                    on(sides, None, Some(WireEffect::ResponseFails))
                } else {
                    on(sides, Some(WireEffect::RequestRejected), None)
                };
                self.push(
                    ChangeKind::TextWireChanged,
                    subject,
                    format!(
                        "arrives as {} instead of {}",
                        form(*new_numbers),
                        form(*old_numbers)
                    ),
                    ApiClass::None,
                    wire,
                );
            }
            (old_kind, new_kind) => {
                let kind = |kind: &TypeKind| match kind {
                    TypeKind::Object { .. } => "a struct",
                    TypeKind::Enum { .. } => "an enum",
                    TypeKind::Union { .. } => "a union",
                    TypeKind::Text { .. } => "a text type",
                };
                self.push(
                    ChangeKind::TypeKindChanged,
                    subject,
                    format!("{} is now {}", kind(old_kind), kind(new_kind)),
                    ApiClass::Breaking,
                    on(
                        sides,
                        Some(WireEffect::RequestRejected),
                        Some(WireEffect::ResponseFails),
                    ),
                );
            }
        }
    }

    pub(super) fn variants(
        &mut self,
        subject: &str,
        sides: Sides,
        old: &[VariantIr],
        new: &[VariantIr],
    ) {
        let mut removed: Vec<&VariantIr> = old
            .iter()
            .filter(|o| !new.iter().any(|n| n.wire == o.wire))
            .collect();
        let mut added: Vec<&VariantIr> = new
            .iter()
            .filter(|n| !old.iter().any(|o| o.wire == n.wire))
            .collect();
        // Same Rust name, another wire value: a wire change behind a kept
        // variant.
        removed.retain(
            |gone| match added.iter().position(|n| n.ident == gone.ident) {
                Some(at) => {
                    let kept = added.remove(at);
                    self.push(
                        ChangeKind::EnumValueWireChanged,
                        &format!("{subject}::{}", kept.ident),
                        format!(
                            "`{}` is sent and read as {} instead of {}",
                            kept.ident,
                            text::wire_value(&kept.wire),
                            text::wire_value(&gone.wire)
                        ),
                        ApiClass::None,
                        on(
                            sides,
                            Some(WireEffect::RequestRejected),
                            Some(WireEffect::ResponseExtra),
                        ),
                    );
                    self.docs("enum values", &gone.doc, &kept.doc);
                    false
                }
                None => true,
            },
        );
        for gone in removed {
            self.push(
                ChangeKind::EnumValueRemoved,
                &format!("{subject}::{}", gone.ident),
                format!(
                    "the value {} (`{}`) is gone",
                    text::wire_value(&gone.wire),
                    gone.ident
                ),
                ApiClass::Breaking,
                on(sides, Some(WireEffect::RequestRejected), None),
            );
        }
        for value in added {
            self.push(
                ChangeKind::EnumValueAdded,
                &format!("{subject}::{}", value.ident),
                format!(
                    "new value {} (`{}`)",
                    text::wire_value(&value.wire),
                    value.ident
                ),
                ApiClass::Additive,
                on(sides, None, Some(WireEffect::ResponseExtra)),
            );
        }
        for o in old {
            let Some(n) = new.iter().find(|n| n.wire == o.wire) else {
                continue;
            };
            if o.ident != n.ident {
                self.push(
                    ChangeKind::EnumValueRenamed,
                    &format!("{subject}::{}", n.ident),
                    format!(
                        "the value {} is now `{}` (was `{}`)",
                        text::wire_value(&n.wire),
                        n.ident,
                        o.ident
                    ),
                    ApiClass::Breaking,
                    [],
                );
            }
            self.docs("enum values", &o.doc, &n.doc);
        }
    }

    pub(super) fn alternatives(
        &mut self,
        subject: &str,
        sides: Sides,
        old: &[(String, RustType)],
        new: &[(String, RustType)],
    ) {
        for (name, ty) in old {
            let at = format!("{subject}::{name}");
            match new.iter().find(|(n, _)| n == name) {
                None => self.push(
                    ChangeKind::UnionVariantRemoved,
                    &at,
                    format!("the alternative `{name}({})` is gone", text::rust_type(ty)),
                    ApiClass::Breaking,
                    on(sides, Some(WireEffect::RequestRejected), None),
                ),
                Some((_, new_ty)) => {
                    let old_ty = self.map(ty);
                    if &old_ty != new_ty {
                        let wire = if wire_form(&old_ty) == wire_form(new_ty) {
                            Vec::new()
                        } else {
                            on(
                                sides,
                                Some(WireEffect::RequestRejected),
                                Some(WireEffect::ResponseFails),
                            )
                        };
                        self.push(
                            ChangeKind::UnionVariantChanged,
                            &at,
                            format!(
                                "`{name}({})` → `{name}({})`",
                                text::rust_type(&old_ty),
                                text::rust_type(new_ty)
                            ),
                            ApiClass::Breaking,
                            wire,
                        );
                    }
                }
            }
        }
        for (name, ty) in new {
            if !old.iter().any(|(o, _)| o == name) {
                self.push(
                    ChangeKind::UnionVariantAdded,
                    &format!("{subject}::{name}"),
                    format!("new alternative `{name}({})`", text::rust_type(ty)),
                    ApiClass::Additive,
                    on(sides, None, Some(WireEffect::ResponseFails)),
                );
            }
        }
    }
}
