//! The spec file format, as serde types. `spec/FORMAT.md` documents it for
//! curators; this module is its single definition for the generator.
//!
//! Every struct denies unknown fields so that a misspelt key is an error
//! rather than a silently ignored setting. Maps are `IndexMap`s so that the
//! generated code follows the order the curator wrote.

use indexmap::IndexMap;
use serde::Deserialize;

/// One spec file. Every key is optional; the loader merges files and checks
/// that the singletons (`package`, `client`) appear exactly once.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// The generated crate's package metadata.
    pub package: Option<Package>,
    /// The client: credentials and the default error type.
    pub client: Option<ClientDef>,
    /// API groups by name.
    #[serde(default)]
    pub groups: IndexMap<String, GroupDef>,
    /// Named sets of field and parameter definitions that generate nothing
    /// themselves; types and operations take their entries with `use`.
    #[serde(default)]
    pub field_sets: IndexMap<String, FieldSetDef>,
    /// Named types, in generation order.
    #[serde(default)]
    pub types: IndexMap<String, TypeDef<FieldEntry>>,
    /// Resources by snake_case name.
    #[serde(default)]
    pub resources: IndexMap<String, ResourceDef<FieldEntry>>,
}

/// A named set of field or parameter definitions, defined once and taken
/// by types and operations entry by entry (see [`FieldEntry::use_`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSetDef {
    /// What the set is for (not generated; for the reader of the spec).
    pub doc: Option<String>,
    /// The definitions, by field or parameter name.
    pub fields: IndexMap<String, FieldEntry>,
}

/// An entry of a `fields`, `query` or `path_params` map as written: either
/// a definition (with `type`) or a reference to one (with `use`, or in a
/// type with `from`, neither) that states only the keys it changes. The
/// loader turns every entry into a [`FieldDef`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldEntry {
    /// The definition this entry takes: `Source` (its entry of the same
    /// name) or `Source.name`, where `Source` is a field set or an object type.
    #[serde(rename = "use")]
    pub use_: Option<String>,
    /// A type expression: present in a definition, absent in a reference.
    #[serde(rename = "type")]
    pub ty: Option<String>,
    /// See [`FieldDef::doc`].
    pub doc: Option<String>,
    /// See [`FieldDef::required`].
    pub required: Option<bool>,
    /// See [`FieldDef::nullable`].
    pub nullable: Option<bool>,
    /// See [`FieldDef::format`].
    pub format: Option<Format>,
    /// See [`FieldDef::default`].
    pub default: Option<serde_yaml::Value>,
    /// See [`FieldDef::min_length`].
    pub min_length: Option<u64>,
    /// See [`FieldDef::max_length`].
    pub max_length: Option<u64>,
    /// See [`FieldDef::minimum`].
    pub minimum: Option<f64>,
    /// See [`FieldDef::maximum`].
    pub maximum: Option<f64>,
    /// See [`FieldDef::secret`].
    pub secret: Option<bool>,
    /// See [`FieldDef::read_only`].
    pub read_only: Option<bool>,
    /// See [`FieldDef::wire`].
    pub wire: Option<WireForm>,
    /// See [`FieldDef::rust_name`].
    pub rust_name: Option<String>,
}

/// Metadata of the generated crate.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    /// Crate name, e.g. `telnyx-sip`.
    pub name: String,
    /// Crate version.
    pub version: String,
    /// One-line description, also the first line of the crate docs.
    pub description: String,
    /// SPDX license expression.
    pub license: String,
    /// The runtime support crate the generated code depends on (default:
    /// `telnyx-codegen-runtime` from crates.io, at the generator's version).
    #[serde(default)]
    pub runtime: RuntimeDep,
    /// crates.io metadata copied into the generated `Cargo.toml` when set:
    /// the source repository's URL.
    pub repository: Option<String>,
    /// The project's home page.
    pub homepage: Option<String>,
    /// The crate's documentation (crates.io links docs.rs without it).
    pub documentation: Option<String>,
    /// Up to five crates.io keywords.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// crates.io category slugs.
    #[serde(default)]
    pub categories: Vec<String>,
    /// `false` for a crate that must never be published (a test fixture).
    pub publish: Option<bool>,
}

/// Where the generated crate finds its runtime. `path` and `git` are
/// exclusive; without either, the runtime comes from crates.io.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "RawRuntimeDep")]
pub struct RuntimeDep {
    /// Package name of the runtime crate.
    pub name: String,
    /// Version requirement; `None` means the generator's own version, which
    /// the runtime is released with.
    pub version: Option<String>,
    /// Optional path, relative to the output directory.
    pub path: Option<String>,
    /// Optional git repository URL.
    pub git: Option<String>,
}

/// The runtime crate this generator is released with.
pub const DEFAULT_RUNTIME_NAME: &str = "telnyx-codegen-runtime";

impl Default for RuntimeDep {
    fn default() -> Self {
        Self {
            name: DEFAULT_RUNTIME_NAME.to_owned(),
            version: None,
            path: None,
            git: None,
        }
    }
}

/// The keys of `runtime`; [`RuntimeDep`] rejects `path` with `git`, which
/// Cargo would refuse in the generated manifest.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRuntimeDep {
    name: Option<String>,
    version: Option<String>,
    path: Option<String>,
    git: Option<String>,
}

impl TryFrom<RawRuntimeDep> for RuntimeDep {
    type Error = String;

    fn try_from(raw: RawRuntimeDep) -> Result<Self, String> {
        if raw.path.is_some() && raw.git.is_some() {
            return Err(
                "the runtime comes from either `path` or `git`, not both (or from crates.io, with neither)"
                    .to_owned(),
            );
        }
        Ok(Self {
            name: raw.name.unwrap_or_else(|| DEFAULT_RUNTIME_NAME.to_owned()),
            version: raw.version,
            path: raw.path,
            git: raw.git,
        })
    }
}

/// The client definition.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientDef {
    /// Doc comment of the `Client` struct.
    pub doc: Option<String>,
    /// Credentials by name; the first is the one `Client::new` takes.
    pub credentials: IndexMap<String, CredentialDef>,
    /// The type error response bodies decode into.
    pub error: String,
    /// Where an error body lists its problems, so that errors print the
    /// server's codes, titles and details.
    pub error_problems: Option<ErrorProblemsDef>,
    /// How list responses page, so list operations can be streamed.
    pub pagination: Option<PaginationDef>,
    /// How cursor-paginated list responses page, for APIs whose lists (or
    /// some of them) name the next page by an opaque cursor.
    pub cursor_pagination: Option<CursorPaginationDef>,
    /// How the generated fake writes error bodies; without it, no fake is
    /// generated.
    pub fake: Option<FakeClientDef>,
}

/// What the generated fake needs to write error bodies in the API's shape.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FakeClientDef {
    /// The error type's `array<…>` field that holds one entry per problem.
    pub errors: String,
    /// One entry, as a value of the array's item type whose strings may be
    /// the placeholders `{status}`, `{title}`, `{detail}`, `{pointer}` and
    /// `{parameter}`.
    pub error: serde_yaml::Value,
}

/// What the generated fake needs to know about a resource that the rest of
/// the spec does not say: which operations create, list, read, change and
/// delete its objects, and which fields the server sets.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FakeResourceDef {
    /// The field of the object type holding the server-assigned id
    /// (default `id`).
    pub id: Option<String>,
    /// The operation that creates an object.
    pub create: Option<String>,
    /// The operation that lists objects.
    pub list: Option<String>,
    /// The operation that reads an object by the id at the end of its path.
    pub retrieve: Option<String>,
    /// The operation that changes an object (PATCH: partially, PUT: whole).
    pub update: Option<String>,
    /// The operation that deletes an object.
    pub delete: Option<String>,
    /// Resources whose objects this read-only resource lists and reads.
    #[serde(default)]
    pub view_of: Vec<String>,
    /// The date-time field set on create.
    pub created_at: Option<String>,
    /// The date-time field set on create and on every change.
    pub updated_at: Option<String>,
    /// Values the server writes on create, by field.
    #[serde(default)]
    pub set: IndexMap<String, serde_yaml::Value>,
    /// List filters whose field is not the one the parameter names:
    /// parameter and dotted field path.
    #[serde(default)]
    pub filters: IndexMap<String, String>,
}

/// Where the error type lists its problems: `items` is a field of the
/// error type holding an array of objects; the others are dotted paths
/// inside one of them, each to a string, an integer, or a type of scalar
/// variants or values.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorProblemsDef {
    /// The field of the error type with the problems, e.g. `errors`.
    pub items: String,
    /// A problem's machine-readable code, e.g. `code`.
    pub code: Option<String>,
    /// Its short summary, e.g. `title`.
    pub title: Option<String>,
    /// Its explanation, e.g. `detail`.
    pub detail: Option<String>,
    /// The part of the request at fault, e.g. `source.pointer`.
    pub source: Option<String>,
}

/// How cursor-paginated lists page: which generic envelope carries a page,
/// where its items and the next page's cursor are, and which query
/// parameter takes the cursor.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CursorPaginationDef {
    /// A generic object type with one parameter, the item type.
    pub envelope: String,
    /// The envelope field holding the items (`array<T>`).
    pub items: String,
    /// Dotted path to the string cursor of the next page, e.g.
    /// `meta.cursors.after`; absent or empty on the last page.
    pub next_cursor: String,
    /// The query parameter that takes the cursor, e.g. `page[after]`.
    pub cursor_param: String,
    /// The query parameter that sets the page size, e.g. `page[limit]` (the fake pages by it).
    pub limit_param: Option<String>,
    /// Dotted path to the integer number of objects in the whole list (the fake fills it).
    pub total_results: Option<String>,
}

/// How the API pages lists: which generic envelope carries a page, where
/// its items and page counters are, and which query parameter picks a page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaginationDef {
    /// A generic object type with one parameter, the item type.
    pub envelope: String,
    /// The envelope field holding the items (`array<T>`).
    pub items: String,
    /// Dotted path to the integer total number of pages, e.g. `meta.total_pages`.
    pub total_pages: String,
    /// Dotted path to the integer number of the page, e.g. `meta.page_number`.
    pub page_number: String,
    /// The query parameter that selects a page, e.g. `page[number]`.
    pub page_param: String,
    /// The query parameter that sets the page size, e.g. `page[size]` (the fake pages by it).
    pub page_size_param: Option<String>,
    /// Dotted path to the integer page size (the fake fills it).
    pub page_size: Option<String>,
    /// Dotted path to the integer number of objects in the whole list (the fake fills it).
    pub total_results: Option<String>,
}

/// A credential the caller supplies.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialDef {
    /// What it is.
    pub doc: Option<String>,
    /// Environment variable `Client::from_env` reads it from.
    pub env: Option<String>,
}

/// An API group: a base URL and how requests authenticate.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    /// What the group is.
    pub doc: Option<String>,
    /// Default base URL.
    pub base_url: String,
    /// Environment variable that overrides the base URL in `from_env`.
    pub base_url_env: Option<String>,
    /// Authentication, applied in order to every request of the group.
    #[serde(default)]
    pub auth: Vec<AuthDef>,
}

/// One authentication step.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "RawAuth")]
pub enum AuthDef {
    /// `Authorization: Bearer <credential>`.
    Bearer {
        /// The credential's name.
        bearer: String,
    },
    /// `<header>: <credential>`.
    Header {
        /// Header name.
        header: String,
        /// The credential's name.
        credential: String,
    },
}

/// The keys an auth step may have; [`AuthDef`] checks the combination, so a
/// mistake gets a message naming the two forms instead of serde's "did not
/// match any variant of untagged enum".
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAuth {
    bearer: Option<String>,
    header: Option<String>,
    credential: Option<String>,
}

impl TryFrom<RawAuth> for AuthDef {
    type Error = String;

    fn try_from(raw: RawAuth) -> Result<Self, String> {
        match raw {
            RawAuth {
                bearer: Some(bearer),
                header: None,
                credential: None,
            } => Ok(AuthDef::Bearer { bearer }),
            RawAuth {
                bearer: None,
                header: Some(header),
                credential: Some(credential),
            } => Ok(AuthDef::Header { header, credential }),
            _ => Err("an auth step is either `bearer: <credential>` or `header: <header name>` with `credential: <credential>`".to_owned()),
        }
    }
}

/// A named type: exactly one of `fields`, `enum`, `one_of` or `text` is set. As
/// written, its fields are [`FieldEntry`]s; once loaded, [`FieldDef`]s.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDef<F = FieldDef> {
    /// Doc comment.
    pub doc: Option<String>,
    /// Generic parameters of an object type.
    #[serde(default)]
    pub params: Vec<String>,
    /// The field set or object type that this type's references without
    /// `use` take their entry of the same name from (already applied once
    /// loaded).
    pub from: Option<String>,
    /// Fields of an object type.
    pub fields: Option<IndexMap<String, F>>,
    /// JSON type of an enum's values.
    #[serde(rename = "enum")]
    pub enum_repr: Option<EnumRepr>,
    /// Values of an enum type.
    pub values: Option<Vec<EnumValueDef>>,
    /// Alternatives of an untagged union, by variant name.
    pub one_of: Option<IndexMap<String, String>>,
    /// A text type: the JSON forms its value arrives in.
    pub text: Option<TextRepr>,
}

/// The JSON forms a text type's value arrives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextRepr {
    /// Only JSON strings.
    String,
    /// A JSON string or a JSON number (its digits are the text); each is
    /// written back in the form it arrived.
    StringOrNumber,
}

/// The JSON type of an enum's wire values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EnumRepr {
    /// JSON strings.
    String,
    /// JSON integers.
    Integer,
}

/// One enum value.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValueDef {
    /// The wire value (a string or an integer).
    pub value: serde_yaml::Value,
    /// What it means.
    pub doc: Option<String>,
    /// Override of the variant name.
    pub rust_name: Option<String>,
}

/// One field of an object, or one parameter of an operation, as the
/// loader hands it on: every reference resolved (see [`FieldEntry`]).
#[derive(Debug, Clone)]
pub struct FieldDef {
    /// A type expression (see `FORMAT.md`).
    pub ty: String,
    /// Doc comment.
    pub doc: Option<String>,
    /// Whether the field must be present.
    pub required: bool,
    /// Whether the wire value may be `null`.
    pub nullable: bool,
    /// A format hint such as `date-time` or `uri`.
    pub format: Option<Format>,
    /// The documented server-side default.
    pub default: Option<serde_yaml::Value>,
    /// Minimum string length.
    pub min_length: Option<u64>,
    /// Maximum string length.
    pub max_length: Option<u64>,
    /// Minimum number.
    pub minimum: Option<f64>,
    /// Maximum number.
    pub maximum: Option<f64>,
    /// Whether the value is a secret (hidden from `Debug`).
    pub secret: bool,
    /// Whether only the server sets it.
    pub read_only: bool,
    /// How the value travels when it differs from its type.
    pub wire: Option<WireForm>,
    /// Override of the Rust name.
    pub rust_name: Option<String>,
}

/// A format hint of a string field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// RFC 3339 timestamp.
    DateTime,
    /// ISO 8601 date.
    Date,
    /// Time of day.
    Time,
    /// Absolute URI.
    Uri,
    /// UUID.
    Uuid,
    /// IPv4 address.
    Ipv4,
    /// CIDR block.
    Cidr,
    /// E.164 phone number.
    E164,
    /// Decimal number in a string, e.g. money.
    Decimal,
}

/// How a value is written on the wire when that differs from its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WireForm {
    /// An integer sent as a JSON string.
    String,
}

/// A resource: a group of operations, one generated module.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceDef<F = FieldDef> {
    /// Doc comment of the module and the resource handle.
    pub doc: Option<String>,
    /// The API group its operations belong to.
    pub group: String,
    /// Operations by their stable name.
    pub operations: IndexMap<String, OperationDef<F>>,
    /// What the generated fake needs to keep its objects.
    pub fake: Option<FakeResourceDef>,
}

/// One HTTP operation. As written, its parameters are [`FieldEntry`]s;
/// once loaded, [`FieldDef`]s.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationDef<F = FieldDef> {
    /// The Rust method name on the resource handle.
    pub call: String,
    /// `METHOD /path/{param}`.
    pub http: String,
    /// One-line summary.
    pub summary: String,
    /// Longer description.
    pub description: Option<String>,
    /// Which documentation pages it came from.
    pub source: Option<String>,
    /// The public reference page of the operation (an `https://` URL),
    /// linked from the method's docs.
    pub docs_url: Option<String>,
    /// Whether a failed attempt may be retried automatically. Defaults to
    /// true for GET, PUT and DELETE (idempotent), false for POST and PATCH.
    pub retry_safe: Option<bool>,
    /// Path parameters by name.
    #[serde(default = "IndexMap::new")]
    pub path_params: IndexMap<String, F>,
    /// Query parameters by wire name.
    #[serde(default = "IndexMap::new")]
    pub query: IndexMap<String, F>,
    /// Request body type expression.
    pub body: Option<String>,
    /// Response body type expression.
    pub response: Option<String>,
    /// Sample payload files.
    #[serde(default)]
    pub samples: SamplesDef,
}

/// Sample payload files of an operation, relative to the spec directory.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SamplesDef {
    /// Request body samples.
    #[serde(default)]
    pub request: Vec<String>,
    /// Response body samples.
    #[serde(default)]
    pub response: Vec<String>,
}
