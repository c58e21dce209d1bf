//! One difference between two specs as the generated crate's users see it,
//! with its two classifications: for Rust code that uses the crate, and for
//! what goes over the wire.

use std::fmt;

/// What a change does to Rust code written against the old crate.
///
/// Ordered from the most to the least serious, which is the order of the
/// report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApiClass {
    /// Code that compiled against the old crate may not compile any more.
    Breaking,
    /// Something new; code written against the old crate still compiles
    /// (the generated types are `#[non_exhaustive]`, optional fields have
    /// setters).
    Additive,
    /// The Rust API is the same; only what goes over the wire changed.
    None,
    /// Only doc comments (and names no caller writes) changed.
    DocsOnly,
}

impl ApiClass {
    /// The stable name used in every output format.
    pub fn id(self) -> &'static str {
        match self {
            ApiClass::Breaking => "breaking",
            ApiClass::Additive => "additive",
            ApiClass::None => "none",
            ApiClass::DocsOnly => "docs-only",
        }
    }
}

impl fmt::Display for ApiClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What a change may do on the wire between a client built from the old
/// spec and a server that behaves as the new spec says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WireEffect {
    /// A request the old crate sends (and the server used to accept) may
    /// now be rejected.
    RequestRejected,
    /// A response the old crate used to decode may now fail to decode.
    ResponseFails,
    /// A response may now carry what the old crate does not know: an
    /// unknown field kept in `extra`, or an enum value kept as `Unknown`.
    ResponseExtra,
}

impl WireEffect {
    /// The stable name used in every output format.
    pub fn id(self) -> &'static str {
        match self {
            WireEffect::RequestRejected => "request-rejected",
            WireEffect::ResponseFails => "response-fails",
            WireEffect::ResponseExtra => "response-extra",
        }
    }

    /// One line for a reader.
    pub fn explain(self) -> &'static str {
        match self {
            WireEffect::RequestRejected => "a request the old crate sends may now be rejected",
            WireEffect::ResponseFails => "a response may no longer decode with the old crate",
            WireEffect::ResponseExtra => {
                "a response may carry what the old crate keeps in `extra` or as `Unknown`"
            }
        }
    }
}

/// The kinds of change, each one rule of the comparison (and one case of
/// the test corpus, `generator/tests/diff_cases/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(
    missing_docs,
    reason = "each variant is named by its id, listed in the README"
)]
pub enum ChangeKind {
    PackageRenamed,
    GroupAdded,
    GroupRemoved,
    BaseUrlChanged,
    BaseUrlEnvChanged,
    AuthChanged,
    CredentialAdded,
    CredentialRemoved,
    CredentialEnvChanged,
    FirstCredentialChanged,
    ErrorTypeChanged,
    ResourceAdded,
    ResourceRemoved,
    ResourceGroupChanged,
    OperationAdded,
    OperationRemoved,
    OperationRenamed,
    MethodChanged,
    PathChanged,
    ParameterAdded,
    ParameterRemoved,
    ParameterRenamed,
    ParameterWireRenamed,
    ParameterRequired,
    ParameterOptional,
    ParameterNullable,
    ParameterNonNullable,
    ParameterTypeChanged,
    ParameterConstraintTightened,
    BodyChanged,
    ResponseChanged,
    StreamAdded,
    StreamRemoved,
    TypeAdded,
    TypeRemoved,
    TypeRenamed,
    TypeKindChanged,
    GenericsChanged,
    /// A struct that some request carried no longer appears in any: its
    /// chained setters are gone (only sent types have them).
    TypeNoLongerSent,
    /// A struct that only responses carried now appears in a request: it
    /// gains a setter per optional field.
    TypeNowSent,
    FieldAdded,
    FieldRemoved,
    FieldRenamed,
    FieldWireRenamed,
    FieldRequired,
    FieldOptional,
    FieldNullable,
    FieldNonNullable,
    FieldTypeChanged,
    FieldConstraintTightened,
    EnumValueAdded,
    EnumValueRemoved,
    EnumValueRenamed,
    EnumValueWireChanged,
    UnionVariantAdded,
    UnionVariantRemoved,
    UnionVariantChanged,
    TextWireChanged,
}

impl ChangeKind {
    /// Every kind, in declaration order.
    pub const ALL: [ChangeKind; 58] = [
        ChangeKind::PackageRenamed,
        ChangeKind::GroupAdded,
        ChangeKind::GroupRemoved,
        ChangeKind::BaseUrlChanged,
        ChangeKind::BaseUrlEnvChanged,
        ChangeKind::AuthChanged,
        ChangeKind::CredentialAdded,
        ChangeKind::CredentialRemoved,
        ChangeKind::CredentialEnvChanged,
        ChangeKind::FirstCredentialChanged,
        ChangeKind::ErrorTypeChanged,
        ChangeKind::ResourceAdded,
        ChangeKind::ResourceRemoved,
        ChangeKind::ResourceGroupChanged,
        ChangeKind::OperationAdded,
        ChangeKind::OperationRemoved,
        ChangeKind::OperationRenamed,
        ChangeKind::MethodChanged,
        ChangeKind::PathChanged,
        ChangeKind::ParameterAdded,
        ChangeKind::ParameterRemoved,
        ChangeKind::ParameterRenamed,
        ChangeKind::ParameterWireRenamed,
        ChangeKind::ParameterRequired,
        ChangeKind::ParameterOptional,
        ChangeKind::ParameterNullable,
        ChangeKind::ParameterNonNullable,
        ChangeKind::ParameterTypeChanged,
        ChangeKind::ParameterConstraintTightened,
        ChangeKind::BodyChanged,
        ChangeKind::ResponseChanged,
        ChangeKind::StreamAdded,
        ChangeKind::StreamRemoved,
        ChangeKind::TypeAdded,
        ChangeKind::TypeRemoved,
        ChangeKind::TypeRenamed,
        ChangeKind::TypeKindChanged,
        ChangeKind::GenericsChanged,
        ChangeKind::TypeNoLongerSent,
        ChangeKind::TypeNowSent,
        ChangeKind::FieldAdded,
        ChangeKind::FieldRemoved,
        ChangeKind::FieldRenamed,
        ChangeKind::FieldWireRenamed,
        ChangeKind::FieldRequired,
        ChangeKind::FieldOptional,
        ChangeKind::FieldNullable,
        ChangeKind::FieldNonNullable,
        ChangeKind::FieldTypeChanged,
        ChangeKind::FieldConstraintTightened,
        ChangeKind::EnumValueAdded,
        ChangeKind::EnumValueRemoved,
        ChangeKind::EnumValueRenamed,
        ChangeKind::EnumValueWireChanged,
        ChangeKind::UnionVariantAdded,
        ChangeKind::UnionVariantRemoved,
        ChangeKind::UnionVariantChanged,
        ChangeKind::TextWireChanged,
    ];

    /// The stable name used in every output format.
    pub fn id(self) -> &'static str {
        match self {
            ChangeKind::PackageRenamed => "package-renamed",
            ChangeKind::GroupAdded => "group-added",
            ChangeKind::GroupRemoved => "group-removed",
            ChangeKind::BaseUrlChanged => "base-url-changed",
            ChangeKind::BaseUrlEnvChanged => "base-url-env-changed",
            ChangeKind::AuthChanged => "auth-changed",
            ChangeKind::CredentialAdded => "credential-added",
            ChangeKind::CredentialRemoved => "credential-removed",
            ChangeKind::CredentialEnvChanged => "credential-env-changed",
            ChangeKind::FirstCredentialChanged => "first-credential-changed",
            ChangeKind::ErrorTypeChanged => "error-type-changed",
            ChangeKind::ResourceAdded => "resource-added",
            ChangeKind::ResourceRemoved => "resource-removed",
            ChangeKind::ResourceGroupChanged => "resource-group-changed",
            ChangeKind::OperationAdded => "operation-added",
            ChangeKind::OperationRemoved => "operation-removed",
            ChangeKind::OperationRenamed => "operation-renamed",
            ChangeKind::MethodChanged => "method-changed",
            ChangeKind::PathChanged => "path-changed",
            ChangeKind::ParameterAdded => "parameter-added",
            ChangeKind::ParameterRemoved => "parameter-removed",
            ChangeKind::ParameterRenamed => "parameter-renamed",
            ChangeKind::ParameterWireRenamed => "parameter-wire-renamed",
            ChangeKind::ParameterRequired => "parameter-required",
            ChangeKind::ParameterOptional => "parameter-optional",
            ChangeKind::ParameterNullable => "parameter-nullable",
            ChangeKind::ParameterNonNullable => "parameter-non-nullable",
            ChangeKind::ParameterTypeChanged => "parameter-type-changed",
            ChangeKind::ParameterConstraintTightened => "parameter-constraint-tightened",
            ChangeKind::BodyChanged => "body-changed",
            ChangeKind::ResponseChanged => "response-changed",
            ChangeKind::StreamAdded => "stream-added",
            ChangeKind::StreamRemoved => "stream-removed",
            ChangeKind::TypeAdded => "type-added",
            ChangeKind::TypeRemoved => "type-removed",
            ChangeKind::TypeRenamed => "type-renamed",
            ChangeKind::TypeKindChanged => "type-kind-changed",
            ChangeKind::GenericsChanged => "generics-changed",
            ChangeKind::TypeNoLongerSent => "type-no-longer-sent",
            ChangeKind::TypeNowSent => "type-now-sent",
            ChangeKind::FieldAdded => "field-added",
            ChangeKind::FieldRemoved => "field-removed",
            ChangeKind::FieldRenamed => "field-renamed",
            ChangeKind::FieldWireRenamed => "field-wire-renamed",
            ChangeKind::FieldRequired => "field-required",
            ChangeKind::FieldOptional => "field-optional",
            ChangeKind::FieldNullable => "field-nullable",
            ChangeKind::FieldNonNullable => "field-non-nullable",
            ChangeKind::FieldTypeChanged => "field-type-changed",
            ChangeKind::FieldConstraintTightened => "field-constraint-tightened",
            ChangeKind::EnumValueAdded => "enum-value-added",
            ChangeKind::EnumValueRemoved => "enum-value-removed",
            ChangeKind::EnumValueRenamed => "enum-value-renamed",
            ChangeKind::EnumValueWireChanged => "enum-value-wire-changed",
            ChangeKind::UnionVariantAdded => "union-variant-added",
            ChangeKind::UnionVariantRemoved => "union-variant-removed",
            ChangeKind::UnionVariantChanged => "union-variant-changed",
            ChangeKind::TextWireChanged => "text-wire-changed",
        }
    }
}

/// One change, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Which rule found it.
    pub kind: ChangeKind,
    /// What changed, by the name a user knows it by: `Type.field`,
    /// `resource.operation`, a group or credential name.
    pub subject: String,
    /// What it was and what it is, in one line.
    pub detail: String,
    /// What it does to Rust code written against the old crate.
    pub api: ApiClass,
    /// What it may do on the wire, most serious first (empty: nothing).
    pub wire: Vec<WireEffect>,
}

impl Change {
    /// A change with its classes; wire effects are sorted and deduplicated.
    pub fn new(
        kind: ChangeKind,
        subject: impl Into<String>,
        detail: impl Into<String>,
        api: ApiClass,
        wire: impl IntoIterator<Item = WireEffect>,
    ) -> Self {
        let mut wire: Vec<WireEffect> = wire.into_iter().collect();
        wire.sort();
        wire.dedup();
        Self {
            kind,
            subject: subject.into(),
            detail: detail.into(),
            api,
            wire,
        }
    }
}
