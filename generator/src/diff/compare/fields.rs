//! Fields of structs and parameters of operations: matched by wire name,
//! then by Rust name (a kept Rust name over another wire name), and
//! compared for name, presence, type, wire form and constraints.

use super::{on, wire_form, Ctx};
use crate::diff::change::{ApiClass, ChangeKind, WireEffect};
use crate::diff::text;
use crate::diff::usage::Sides;
use crate::ir::{FieldIr, Presence};

/// Whether a field belongs to a struct or is an operation's parameter;
/// decides the kind of change and the words of the report.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Member {
    Field,
    Parameter,
}

/// Whose fields are compared.
pub(super) struct Owner<'a> {
    /// `Type.` or `resource.operation?`: the subject prefix of its members.
    pub(super) prefix: String,
    pub(super) member: Member,
    /// Where its values travel.
    pub(super) sides: Sides,
    /// Whether the struct existed before (a query struct may be new, and
    /// then the method takes one more argument).
    pub(super) existed: bool,
    /// What to call it when the struct is new.
    pub(super) method: &'a str,
}

pub(super) fn pick(member: Member, field: ChangeKind, parameter: ChangeKind) -> ChangeKind {
    match member {
        Member::Field => field,
        Member::Parameter => parameter,
    }
}

pub(super) fn is_required(presence: Presence) -> bool {
    matches!(presence, Presence::Required | Presence::RequiredNullable)
}

pub(super) fn is_nullable(presence: Presence) -> bool {
    matches!(
        presence,
        Presence::OptionalNullable | Presence::RequiredNullable
    )
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
    pub(super) fn fields(&mut self, owner: &Owner<'_>, old: &[FieldIr], new: &[FieldIr]) {
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

    pub(super) fn wire_renamed(&mut self, owner: &Owner<'_>, old: &FieldIr, new: &FieldIr) {
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

    pub(super) fn field_pair(&mut self, owner: &Owner<'_>, old: &FieldIr, new: &FieldIr) {
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
}
