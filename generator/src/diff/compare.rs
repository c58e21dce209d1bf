//! The comparison itself: two IRs in, every change to the generated API and
//! to the wire out, each classified. Things are matched by what stays put
//! when a spec is refactored: types by Rust name, fields by wire name,
//! operations by spec name within their resource. What is left unmatched
//! is paired as a rename when exactly one candidate has the same shape
//! (a type with the same fields, an operation with the same method and
//! path, a field with the same Rust name behind another wire name).

use std::collections::BTreeMap;

use super::change::{ApiClass, Change, ChangeKind, WireEffect};
use super::text;
use super::usage::{self, Sides};
use crate::ir::{
    FieldIr, GroupIr, Ir, OperationIr, PathPart, Presence, ResourceIr, RustType, TypeIr, TypeKind,
    VariantIr,
};

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

/// Whether a field belongs to a struct or is an operation's parameter;
/// decides the kind of change and the words of the report.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Member {
    Field,
    Parameter,
}

/// Whose fields are compared.
struct Owner<'a> {
    /// `Type.` or `resource.operation?`: the subject prefix of its members.
    prefix: String,
    member: Member,
    /// Where its values travel.
    sides: Sides,
    /// Whether the struct existed before (a query struct may be new, and
    /// then the method takes one more argument).
    existed: bool,
    /// What to call it when the struct is new.
    method: &'a str,
}

fn pick(member: Member, field: ChangeKind, parameter: ChangeKind) -> ChangeKind {
    match member {
        Member::Field => field,
        Member::Parameter => parameter,
    }
}

fn is_required(presence: Presence) -> bool {
    matches!(presence, Presence::Required | Presence::RequiredNullable)
}

fn is_nullable(presence: Presence) -> bool {
    matches!(
        presence,
        Presence::OptionalNullable | Presence::RequiredNullable
    )
}

/// What goes over the wire for a Rust type: a secret or a date-time is a
/// JSON string like any other.
fn wire_form(ty: &RustType) -> RustType {
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
fn on(sides: Sides, request: Option<WireEffect>, response: Option<WireEffect>) -> Vec<WireEffect> {
    let mut effects = Vec::new();
    if sides.request {
        effects.extend(request);
    }
    if sides.response {
        effects.extend(response);
    }
    effects
}

/// The path with its parameters blanked: what the server matches.
fn path_shape(path: &[PathPart]) -> String {
    path.iter()
        .map(|part| match part {
            PathPart::Literal(text) => text.as_str(),
            PathPart::Param(_) => "{}",
        })
        .collect()
}

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
    }
}

/// Which constraints got stricter: a bound introduced or moved inwards.
fn tightened(old: &FieldIr, new: &FieldIr) -> Vec<String> {
    fn lower<T: PartialOrd + Copy>(old: Option<T>, new: Option<T>) -> bool {
        match (old, new) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(old), Some(new)) => new > old,
        }
    }
    fn upper<T: PartialOrd + Copy>(old: Option<T>, new: Option<T>) -> bool {
        match (old, new) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(old), Some(new)) => new < old,
        }
    }
    fn bound<T: std::fmt::Display>(value: Option<T>) -> String {
        value.map_or_else(|| "none".to_owned(), |value| value.to_string())
    }
    let (o, n) = (&old.facts, &new.facts);
    let mut rules = Vec::new();
    if lower(o.min_length, n.min_length) {
        rules.push(format!(
            "min_length {} → {}",
            bound(o.min_length),
            bound(n.min_length)
        ));
    }
    if upper(o.max_length, n.max_length) {
        rules.push(format!(
            "max_length {} → {}",
            bound(o.max_length),
            bound(n.max_length)
        ));
    }
    if lower(o.minimum, n.minimum) {
        rules.push(format!(
            "minimum {} → {}",
            bound(o.minimum),
            bound(n.minimum)
        ));
    }
    if upper(o.maximum, n.maximum) {
        rules.push(format!(
            "maximum {} → {}",
            bound(o.maximum),
            bound(n.maximum)
        ));
    }
    rules
}

impl Ctx {
    fn push(
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

    fn docs(&mut self, area: &'static str, old: &Option<String>, new: &Option<String>) {
        if old != new {
            self.doc_change(area);
        }
    }

    fn doc_change(&mut self, area: &'static str) {
        *self.out.docs.entry(area).or_default() += 1;
    }

    /// An old type as the new spec names it.
    fn map(&self, ty: &RustType) -> RustType {
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

    fn sides_of(&self, old_ident: &str, new_ident: &str) -> Sides {
        let old = self.old_sides.get(old_ident).copied().unwrap_or_default();
        let new = self.new_sides.get(new_ident).copied().unwrap_or_default();
        old.or(new)
    }

    // ---- types --------------------------------------------------------

    fn types(&mut self, old: &Ir, new: &Ir) {
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

    fn type_pair(&mut self, old: &TypeIr, new: &TypeIr) {
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
            (old_kind, new_kind) => {
                let kind = |kind: &TypeKind| match kind {
                    TypeKind::Object { .. } => "a struct",
                    TypeKind::Enum { .. } => "an enum",
                    TypeKind::Union { .. } => "a union",
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

    fn variants(&mut self, subject: &str, sides: Sides, old: &[VariantIr], new: &[VariantIr]) {
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

    fn alternatives(
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

    // ---- fields and parameters ----------------------------------------

    fn fields(&mut self, owner: &Owner<'_>, old: &[FieldIr], new: &[FieldIr]) {
        let mut removed: Vec<&FieldIr> = old
            .iter()
            .filter(|o| !new.iter().any(|n| n.wire_name == o.wire_name))
            .collect();
        let mut added: Vec<&FieldIr> = new
            .iter()
            .filter(|n| !old.iter().any(|o| o.wire_name == n.wire_name))
            .collect();
        let mut pairs: Vec<(&FieldIr, &FieldIr)> = old
            .iter()
            .filter_map(|o| Some((o, new.iter().find(|n| n.wire_name == o.wire_name)?)))
            .collect();
        // A kept Rust name over another wire name: the field is the same
        // to Rust code, and a different one on the wire.
        removed.retain(
            |gone| match added.iter().position(|n| n.ident == gone.ident) {
                Some(at) => {
                    let kept = added.remove(at);
                    self.wire_renamed(owner, gone, kept);
                    pairs.push((gone, kept));
                    false
                }
                None => true,
            },
        );
        let sides = owner.sides;
        for gone in removed {
            let mut wire = on(sides, Some(WireEffect::RequestRejected), None);
            if sides.response && is_required(gone.presence) {
                wire.push(WireEffect::ResponseFails);
            }
            self.push(
                pick(
                    owner.member,
                    ChangeKind::FieldRemoved,
                    ChangeKind::ParameterRemoved,
                ),
                &format!("{}{}", owner.prefix, gone.wire_name),
                format!("{} is gone", text::field(gone)),
                ApiClass::Breaking,
                wire,
            );
        }
        for field in added {
            let required = is_required(field.presence);
            let (api, why) = if !owner.existed {
                (
                    ApiClass::Breaking,
                    format!(" (`{}` takes a new query argument)", owner.method),
                )
            } else if required {
                (
                    ApiClass::Breaking,
                    " (required: `new()` takes it)".to_owned(),
                )
            } else {
                (ApiClass::Additive, " (optional: a setter)".to_owned())
            };
            let wire = on(
                sides,
                required.then_some(WireEffect::RequestRejected),
                Some(WireEffect::ResponseExtra),
            );
            self.push(
                pick(
                    owner.member,
                    ChangeKind::FieldAdded,
                    ChangeKind::ParameterAdded,
                ),
                &format!("{}{}", owner.prefix, field.wire_name),
                format!("new {}{why}", text::field(field)),
                api,
                wire,
            );
        }
        for (o, n) in pairs {
            self.field_pair(owner, o, n);
        }
    }

    fn wire_renamed(&mut self, owner: &Owner<'_>, old: &FieldIr, new: &FieldIr) {
        let sides = owner.sides;
        let response = if is_required(old.presence) {
            WireEffect::ResponseFails
        } else {
            WireEffect::ResponseExtra
        };
        self.push(
            pick(
                owner.member,
                ChangeKind::FieldWireRenamed,
                ChangeKind::ParameterWireRenamed,
            ),
            &format!("{}{}", owner.prefix, new.wire_name),
            format!(
                "`{}` keeps its Rust name but is sent and read as `{}` instead of `{}`",
                new.ident, new.wire_name, old.wire_name
            ),
            ApiClass::None,
            on(sides, Some(WireEffect::RequestRejected), Some(response)),
        );
    }

    fn field_pair(&mut self, owner: &Owner<'_>, old: &FieldIr, new: &FieldIr) {
        let member = owner.member;
        let sides = owner.sides;
        let subject = format!("{}{}", owner.prefix, new.wire_name);
        let area = match member {
            Member::Field => "fields",
            Member::Parameter => "parameters",
        };
        if old.ident != new.ident {
            self.push(
                pick(
                    member,
                    ChangeKind::FieldRenamed,
                    ChangeKind::ParameterRenamed,
                ),
                &subject,
                format!(
                    "the Rust name `{}` is now `{}` (wire `{}` kept)",
                    old.ident, new.ident, new.wire_name
                ),
                ApiClass::Breaking,
                [],
            );
        }
        let (was, is) = (old.presence, new.presence);
        if !is_required(was) && is_required(is) {
            self.push(
                pick(
                    member,
                    ChangeKind::FieldRequired,
                    ChangeKind::ParameterRequired,
                ),
                &subject,
                format!(
                    "now required: `{}` → `{}`",
                    text::field_type(old),
                    text::field_type(new)
                ),
                ApiClass::Breaking,
                on(sides, Some(WireEffect::RequestRejected), None),
            );
        }
        if is_required(was) && !is_required(is) {
            self.push(
                pick(
                    member,
                    ChangeKind::FieldOptional,
                    ChangeKind::ParameterOptional,
                ),
                &subject,
                format!(
                    "now optional: `{}` → `{}`",
                    text::field_type(old),
                    text::field_type(new)
                ),
                ApiClass::Breaking,
                on(sides, None, Some(WireEffect::ResponseFails)),
            );
        }
        if !is_nullable(was) && is_nullable(is) {
            self.push(
                pick(
                    member,
                    ChangeKind::FieldNullable,
                    ChangeKind::ParameterNullable,
                ),
                &subject,
                format!(
                    "may now be null: `{}` → `{}`",
                    text::field_type(old),
                    text::field_type(new)
                ),
                ApiClass::Breaking,
                // The old crate takes a `null` in an optional field for absent.
                on(
                    sides,
                    None,
                    is_required(was).then_some(WireEffect::ResponseFails),
                ),
            );
        }
        if is_nullable(was) && !is_nullable(is) {
            self.push(
                pick(
                    member,
                    ChangeKind::FieldNonNullable,
                    ChangeKind::ParameterNonNullable,
                ),
                &subject,
                format!(
                    "may no longer be null: `{}` → `{}`",
                    text::field_type(old),
                    text::field_type(new)
                ),
                ApiClass::Breaking,
                on(sides, Some(WireEffect::RequestRejected), None),
            );
        }
        let old_ty = self.map(&old.ty);
        // A value of another shape fails the old crate's decoding in a
        // required field; in an optional one it is kept in `extra`.
        let response = if is_required(was) {
            WireEffect::ResponseFails
        } else {
            WireEffect::ResponseExtra
        };
        let both = on(sides, Some(WireEffect::RequestRejected), Some(response));
        let kind = pick(
            member,
            ChangeKind::FieldTypeChanged,
            ChangeKind::ParameterTypeChanged,
        );
        if old_ty != new.ty {
            let wire_same =
                wire_form(&old_ty) == wire_form(&new.ty) && old.int_as_string == new.int_as_string;
            self.push(
                kind,
                &subject,
                format!(
                    "`{}` → `{}`",
                    text::rust_type(&old_ty),
                    text::rust_type(&new.ty)
                ),
                ApiClass::Breaking,
                if wire_same { Vec::new() } else { both },
            );
        } else if old.int_as_string != new.int_as_string {
            let form = |as_string: bool| {
                if as_string {
                    "a JSON string"
                } else {
                    "a JSON number"
                }
            };
            self.push(
                kind,
                &subject,
                format!(
                    "written as {} instead of {}",
                    form(new.int_as_string),
                    form(old.int_as_string)
                ),
                ApiClass::None,
                both,
            );
        }
        let rules = tightened(old, new);
        if rules.is_empty() {
            if (
                old.facts.min_length,
                old.facts.max_length,
                old.facts.minimum,
                old.facts.maximum,
            ) != (
                new.facts.min_length,
                new.facts.max_length,
                new.facts.minimum,
                new.facts.maximum,
            ) {
                // Looser: the docs say so, nothing sent is refused.
                self.doc_change(area);
            }
        } else {
            self.push(
                pick(
                    member,
                    ChangeKind::FieldConstraintTightened,
                    ChangeKind::ParameterConstraintTightened,
                ),
                &subject,
                format!(
                    "stricter: {} (the client checks before sending)",
                    rules.join(", ")
                ),
                ApiClass::None,
                on(sides, Some(WireEffect::RequestRejected), None),
            );
        }
        let facts_docs = |f: &FieldIr| {
            (
                f.facts.read_only,
                f.facts.format,
                f.facts.default.clone(),
                f.facts.secret,
            )
        };
        if facts_docs(old) != facts_docs(new) {
            self.doc_change(area);
        }
        self.docs(area, &old.doc, &new.doc);
    }

    // ---- client and groups --------------------------------------------

    fn client(&mut self, old: &Ir, new: &Ir) {
        self.docs("client", &old.client.doc, &new.client.doc);
        let old_error = self.map(&old.client.error_type);
        if old_error != new.client.error_type {
            self.push(
                ChangeKind::ErrorTypeChanged,
                "Client",
                format!(
                    "error bodies decode into `{}` instead of `{}`",
                    text::rust_type(&new.client.error_type),
                    text::rust_type(&old_error)
                ),
                ApiClass::Breaking,
                [WireEffect::ResponseFails],
            );
        }
        let (old_creds, new_creds) = (&old.client.credentials, &new.client.credentials);
        let old_first = old_creds.first().map(|c| c.ident.as_str());
        let new_first = new_creds.first().map(|c| c.ident.as_str());
        for credential in old_creds {
            let subject = format!("Client.{}", credential.ident);
            match new_creds.iter().find(|n| n.ident == credential.ident) {
                None => self.push(
                    ChangeKind::CredentialRemoved,
                    &subject,
                    format!(
                        "the credential `{}` (its builder method) is gone",
                        credential.ident
                    ),
                    ApiClass::Breaking,
                    [WireEffect::RequestRejected],
                ),
                Some(kept) => {
                    if kept.env != credential.env {
                        self.push(
                            ChangeKind::CredentialEnvChanged,
                            &subject,
                            format!(
                                "`Client::from_env` reads it from {} instead of {}",
                                env_text(&kept.env),
                                env_text(&credential.env)
                            ),
                            ApiClass::None,
                            [WireEffect::RequestRejected],
                        );
                    }
                    self.docs("client", &credential.doc, &kept.doc);
                }
            }
        }
        for credential in new_creds {
            if !old_creds.iter().any(|o| o.ident == credential.ident) {
                let api = if new_first == Some(credential.ident.as_str()) {
                    ApiClass::Breaking
                } else {
                    ApiClass::Additive
                };
                self.push(
                    ChangeKind::CredentialAdded,
                    &format!("Client.{}", credential.ident),
                    format!(
                        "new credential `{}` (a builder method{})",
                        credential.ident,
                        if api == ApiClass::Breaking {
                            "; `Client::new` takes it first"
                        } else {
                            ""
                        }
                    ),
                    api,
                    [],
                );
            }
        }
        if old_first != new_first
            && new_first.is_some_and(|f| old_creds.iter().any(|o| o.ident == f))
        {
            self.push(
                ChangeKind::FirstCredentialChanged,
                "Client.new",
                format!(
                    "`Client::new` takes `{}` instead of `{}`",
                    new_first.unwrap_or_default(),
                    old_first.unwrap_or_default()
                ),
                ApiClass::Breaking,
                [],
            );
        }
    }

    fn groups(&mut self, old: &[GroupIr], new: &[GroupIr]) {
        for group in old {
            let subject = format!("group {}", group.name);
            let Some(kept) = new.iter().find(|n| n.name == group.name) else {
                self.push(
                    ChangeKind::GroupRemoved,
                    &subject,
                    format!(
                        "`Client::base_url_{0}` and `request_{0}` are gone ({1})",
                        group.ident.trim_start_matches("r#"),
                        group.base_url
                    ),
                    ApiClass::Breaking,
                    [WireEffect::RequestRejected],
                );
                continue;
            };
            if kept.base_url != group.base_url {
                self.push(
                    ChangeKind::BaseUrlChanged,
                    &subject,
                    format!(
                        "requests go to {} instead of {}",
                        kept.base_url, group.base_url
                    ),
                    ApiClass::None,
                    [WireEffect::RequestRejected],
                );
            }
            if kept.base_url_env != group.base_url_env {
                self.push(
                    ChangeKind::BaseUrlEnvChanged,
                    &subject,
                    format!(
                        "`Client::from_env` reads the base URL from {} instead of {}",
                        env_text(&kept.base_url_env),
                        env_text(&group.base_url_env)
                    ),
                    ApiClass::None,
                    [WireEffect::RequestRejected],
                );
            }
            let (was, is) = (text::auth(&group.auth), text::auth(&kept.auth));
            if was != is {
                self.push(
                    ChangeKind::AuthChanged,
                    &subject,
                    format!("authenticates with {is} instead of {was}"),
                    ApiClass::None,
                    [WireEffect::RequestRejected],
                );
            }
            self.docs("groups", &group.doc, &kept.doc);
        }
        for group in new {
            if !old.iter().any(|o| o.name == group.name) {
                self.push(
                    ChangeKind::GroupAdded,
                    &format!("group {}", group.name),
                    format!(
                        "new API group at {} (`Client::base_url_{1}`, `request_{1}`)",
                        group.base_url,
                        group.ident.trim_start_matches("r#")
                    ),
                    ApiClass::Additive,
                    [],
                );
            }
        }
    }

    // ---- resources and operations -------------------------------------

    fn resources(&mut self, old: &Ir, new: &Ir) {
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

    fn resource_pair(&mut self, old: &ResourceIr, new: &ResourceIr) {
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

    fn operation_pair(&mut self, resource: &ResourceIr, old: &OperationIr, new: &OperationIr) {
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
    fn path_params(&mut self, subject: &str, old: &OperationIr, new: &OperationIr) {
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

    fn query(&mut self, subject: &str, handle: &str, old: &OperationIr, new: &OperationIr) {
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

fn env_text(env: &Option<String>) -> String {
    match env {
        Some(name) => format!("`{name}`"),
        None => "nowhere".to_owned(),
    }
}

fn optional_type(ty: Option<&RustType>) -> String {
    match ty {
        Some(ty) => format!("`{}`", text::rust_type(ty)),
        None => "none".to_owned(),
    }
}
