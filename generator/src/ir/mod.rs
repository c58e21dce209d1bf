//! Stage 3: the intermediate representation. Everything is resolved and
//! every Rust name decided here, so the emitters only print. Both the wire
//! name and the Rust name are kept, so `#[serde(rename)]` appears only where
//! they differ. Order follows the spec: one module per spec file, types and
//! resources in the order they were written.

mod names;

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Error};
use crate::load::locate::Segment;
use crate::load::schema::{AuthDef, EnumRepr, FieldDef, Format, Package, TypeDef, WireForm};
use crate::load::Spec;
use crate::naming::{camel_ident, invent, snake_ident};
use crate::spec_path;
use crate::typeexpr::TypeExpr;
use crate::validate::{parse_http, path_placeholders};
pub use names::OperationLocals;
use names::{Scope, CLIENT_MEMBERS, HANDLE_MEMBERS};

/// Module names the generator uses itself.
const RESERVED_MODULES: &[&str] = &["lib", "client", "runtime"];

/// Prelude types the output names; a generated type of one of these names
/// makes the output spell them by their full paths.
const PRELUDE_TYPES: &[&str] = &["Option", "String", "Vec", "Result"];

/// The whole generated crate, resolved.
#[derive(Debug, Clone)]
pub struct Ir {
    /// Package metadata.
    pub package: Package,
    /// The Rust path of the runtime crate, e.g. `::telnyx_codegen_runtime`.
    pub runtime_path: String,
    /// The client.
    pub client: ClientIr,
    /// API groups, in spec order.
    pub groups: Vec<GroupIr>,
    /// Modules, one per spec file that defines types or resources.
    pub modules: Vec<ModuleIr>,
    /// Whether a generated type takes the name of a prelude type the output
    /// uses (`Option`, `String`, `Vec`, `Result`), so those must be spelled
    /// by their full paths.
    pub shadows_prelude: bool,
}

/// The client.
#[derive(Debug, Clone)]
pub struct ClientIr {
    /// Doc text.
    pub doc: Option<String>,
    /// Credentials, the first being the one `Client::new` takes.
    pub credentials: Vec<CredentialIr>,
    /// The error body type.
    pub error_type: RustType,
    /// The spec file the client is declared in.
    pub source_file: String,
    /// How lists page, when the spec says.
    pub pagination: Option<PaginationIr>,
}

/// How list responses page, resolved to Rust names.
#[derive(Debug, Clone)]
pub struct PaginationIr {
    /// The generic envelope type's identifier.
    pub envelope_ident: String,
    /// Its item type parameter.
    pub param_ident: String,
    /// The items field.
    pub items: AccessStep,
    /// Field chain to the total number of pages.
    pub total_pages: Vec<AccessStep>,
    /// Field chain to the page number.
    pub page_number: Vec<AccessStep>,
    /// The query parameter (wire name) that selects a page.
    pub page_param: String,
}

/// One field access on the way to a value.
#[derive(Debug, Clone)]
pub struct AccessStep {
    /// The field's Rust identifier.
    pub ident: String,
    /// How it is present, which decides how it is unwrapped.
    pub presence: Presence,
}

/// A list operation that can be streamed item by item.
#[derive(Debug, Clone)]
pub struct PagedIr {
    /// The item type.
    pub item: RustType,
    /// The query struct's field that selects the page.
    pub page_field: String,
}

/// A credential.
#[derive(Debug, Clone)]
pub struct CredentialIr {
    /// Rust identifier (field and builder method).
    pub ident: String,
    /// Doc text.
    pub doc: Option<String>,
    /// Environment variable.
    pub env: Option<String>,
}

/// An API group.
#[derive(Debug, Clone)]
pub struct GroupIr {
    /// The spec name.
    pub name: String,
    /// Rust identifier suffix (`base_url_<ident>`, `request_<ident>`).
    pub ident: String,
    /// Doc text.
    pub doc: Option<String>,
    /// Default base URL.
    pub base_url: String,
    /// Environment variable overriding the base URL.
    pub base_url_env: Option<String>,
    /// Authentication steps.
    pub auth: Vec<AuthIr>,
}

/// One authentication step.
#[derive(Debug, Clone)]
pub enum AuthIr {
    /// Bearer token from the credential at this index.
    Bearer(usize),
    /// A header carrying the credential at this index.
    Header(String, usize),
}

/// One generated module.
#[derive(Debug, Clone)]
pub struct ModuleIr {
    /// Module identifier (the spec file's stem).
    pub ident: String,
    /// The spec file it is generated from.
    pub source_file: String,
    /// Types, in spec order.
    pub types: Vec<TypeIr>,
    /// Resources, in spec order.
    pub resources: Vec<ResourceIr>,
}

/// A named type.
#[derive(Debug, Clone)]
pub struct TypeIr {
    /// Rust identifier.
    pub ident: String,
    /// Doc text.
    pub doc: Option<String>,
    /// What kind of type.
    pub kind: TypeKind,
}

/// The kinds of types.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A struct.
    Object {
        /// Generic parameters.
        params: Vec<String>,
        /// Fields in spec order.
        fields: Vec<FieldIr>,
        /// The invented field that keeps unknown keys.
        extra_ident: String,
        /// Whether `Default` can be derived.
        default: bool,
    },
    /// An open enum.
    Enum {
        /// JSON type of the values.
        repr: EnumRepr,
        /// Listed values.
        variants: Vec<VariantIr>,
        /// The invented variant that keeps unlisted values.
        unknown_ident: String,
    },
    /// An untagged union.
    Union {
        /// Alternatives in spec order: variant name and type.
        variants: Vec<(String, RustType)>,
    },
}

/// An enum value.
#[derive(Debug, Clone)]
pub struct VariantIr {
    /// Rust identifier.
    pub ident: String,
    /// The wire value.
    pub wire: WireValue,
    /// Doc text.
    pub doc: Option<String>,
}

/// A wire value of an enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireValue {
    /// A JSON string.
    Str(String),
    /// A JSON integer.
    Int(i64),
}

/// How a field is present on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always present, never null: `T`.
    Required,
    /// May be absent, never null: `Option<T>`.
    Optional,
    /// May be absent or null: `Nullable<T>`.
    OptionalNullable,
    /// Always present, may be null: `Option<T>` written as `null`.
    RequiredNullable,
}

/// A struct field or an operation parameter.
#[derive(Debug, Clone)]
pub struct FieldIr {
    /// The JSON key or query parameter name.
    pub wire_name: String,
    /// Rust identifier.
    pub ident: String,
    /// The documentation, as paragraphs.
    pub doc: Vec<String>,
    /// The value type (without the `Option`/`Nullable` wrapper).
    pub ty: RustType,
    /// Presence on the wire.
    pub presence: Presence,
    /// Integer written as a JSON string.
    pub int_as_string: bool,
}

/// A Rust type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    /// `String`.
    String,
    /// `Secret<String>`.
    SecretString,
    /// `i64`.
    I64,
    /// The runtime's `Number` (keeps integer or float form).
    Number,
    /// `bool`.
    Bool,
    /// `serde_json::Value`.
    Json,
    /// `Vec<T>`.
    Vec(Box<RustType>),
    /// `BTreeMap<String, T>`.
    Map(Box<RustType>),
    /// A generated type, possibly generic.
    Named {
        /// Rust identifier.
        ident: String,
        /// Generic arguments.
        args: Vec<RustType>,
        /// Whether it is an enum or union (no `Default`).
        is_enum: bool,
    },
    /// A generic parameter.
    Param(String),
}

impl RustType {
    /// Whether `Default` is available for this type.
    pub fn has_default(&self) -> bool {
        !matches!(self, RustType::Named { is_enum: true, .. })
    }
}

/// A resource: its handle and operations.
#[derive(Debug, Clone)]
pub struct ResourceIr {
    /// The spec name.
    pub name: String,
    /// Handle struct identifier, e.g. `OutboundVoiceProfiles`.
    pub handle_ident: String,
    /// Accessor method on the client, e.g. `outbound_voice_profiles`.
    pub accessor_ident: String,
    /// Doc text.
    pub doc: Option<String>,
    /// Index into [`Ir::groups`].
    pub group: usize,
    /// Operations.
    pub operations: Vec<OperationIr>,
}

/// A part of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// A parameter, by Rust identifier.
    Param(String),
}

/// An operation.
#[derive(Debug, Clone)]
pub struct OperationIr {
    /// The stable spec name.
    pub name: String,
    /// Rust method identifier.
    pub method_ident: String,
    /// HTTP method, upper case.
    pub http_method: String,
    /// The path template as written.
    pub path_template: String,
    /// The path split into literals and parameters.
    pub path: Vec<PathPart>,
    /// Path parameters in path order.
    pub path_params: Vec<FieldIr>,
    /// Query parameter struct: its identifier and fields.
    pub query: Option<(String, Vec<FieldIr>)>,
    /// Request body type.
    pub body: Option<RustType>,
    /// Response body type.
    pub response: Option<RustType>,
    /// Summary line.
    pub summary: String,
    /// Description.
    pub description: Option<String>,
    /// Source pages.
    pub source: Option<String>,
    /// Request sample files.
    pub request_samples: Vec<String>,
    /// Response sample files.
    pub response_samples: Vec<String>,
    /// Whether a failed attempt may be retried automatically.
    pub retry_safe: bool,
    /// Set for list operations that can be streamed.
    pub paged: Option<PagedIr>,
    /// The method that also returns the raw response: `<call>_with_response`.
    pub raw_ident: String,
    /// The streaming method of a paged list: `<call>_stream`.
    pub stream_ident: String,
    /// The locals and parameters its methods invent.
    pub locals: OperationLocals,
}

/// Builds the IR from a validated spec.
///
/// # Errors
///
/// Names that collide once converted to Rust identifiers.
pub fn build(spec: &Spec) -> Result<Ir, Error> {
    let mut builder = Builder {
        spec,
        diagnostics: Vec::new(),
        type_idents: BTreeMap::new(),
    };
    let ir = builder.ir();
    if builder.diagnostics.is_empty() {
        Ok(ir)
    } else {
        Err(Error {
            diagnostics: builder.diagnostics,
        })
    }
}

struct Builder<'a> {
    spec: &'a Spec,
    diagnostics: Vec<Diagnostic>,
    /// Rust type identifier -> spec type name, to catch collisions.
    type_idents: BTreeMap<String, String>,
}

impl Builder<'_> {
    fn collision(
        &mut self,
        file: usize,
        path: Vec<Segment>,
        what: &str,
        ident: &str,
        first: &str,
        second: &str,
    ) {
        self.diagnostics.push(self.spec.diagnostic_at_key(
            file,
            &path,
            format!("{what} `{second}` and `{first}` both become the Rust name `{ident}`; rename one or set `rust_name`"),
        ));
    }

    fn ir(&mut self) -> Ir {
        let spec = self.spec;
        let client = self.client();
        let groups = self.groups();
        let modules = self.modules(&groups);
        self.claim_accessors(&modules, &groups);
        let runtime_path = format!("::{}", spec.package.value.runtime.name.replace('-', "_"));
        let shadows_prelude = modules.iter().any(|module| {
            module
                .types
                .iter()
                .map(|ty| ty.ident.as_str())
                .chain(module.resources.iter().map(|r| r.handle_ident.as_str()))
                .chain(module.resources.iter().flat_map(|r| {
                    r.operations
                        .iter()
                        .filter_map(|op| op.query.as_ref().map(|(ident, _)| ident.as_str()))
                }))
                .any(|ident| PRELUDE_TYPES.contains(&ident))
        });
        Ir {
            package: spec.package.value.clone(),
            runtime_path,
            client,
            groups,
            modules,
            shadows_prelude,
        }
    }

    /// Credential names become fields and builder methods next to the
    /// client's own; a clash would not compile, so it is reported.
    fn check_credential_names(&mut self) {
        const TAKEN: &[&str] = &[
            "http",
            "timeout",
            "connect_timeout",
            "user_agent",
            "reqwest_client",
            "retry_policy",
            "max_retries",
            "build",
            "new",
            "builder",
            "from_env",
            "default",
            "clone",
            "fmt",
        ];
        let spec = self.spec;
        for name in spec.client.value.credentials.keys() {
            let ident = snake_ident(name);
            if TAKEN.contains(&ident.as_str())
                || ident.starts_with("base_url_")
                || ident.starts_with("request_")
            {
                self.diagnostics.push(spec.diagnostic_at_key(
                    spec.client.file,
                    &spec_path!["client", "credentials", name],
                    format!("the credential name `{name}` is used by the generated client itself; rename it"),
                ));
            }
        }
    }

    fn client(&mut self) -> ClientIr {
        self.check_credential_names();
        let def = &self.spec.client.value;
        let credentials = def
            .credentials
            .iter()
            .map(|(name, credential)| CredentialIr {
                ident: snake_ident(name),
                doc: credential.doc.clone(),
                env: credential.env.clone(),
            })
            .collect();
        let error_type = TypeExpr::parse(&def.error)
            .map(|ty| self.rust_type(&ty, &[]))
            .unwrap_or(RustType::Json);
        ClientIr {
            doc: def.doc.clone(),
            credentials,
            error_type,
            source_file: self.file_name(self.spec.client.file),
            pagination: self.pagination(),
        }
    }

    fn pagination(&self) -> Option<PaginationIr> {
        let def = self.spec.client.value.pagination.as_ref()?;
        let envelope = &self.spec.types.get(&def.envelope)?.value;
        let param = envelope.params.first()?;
        let items = envelope.fields.as_ref()?.get(&def.items)?;
        Some(PaginationIr {
            envelope_ident: camel_ident(&def.envelope),
            param_ident: camel_ident(param),
            items: AccessStep {
                ident: items
                    .rust_name
                    .clone()
                    .unwrap_or_else(|| snake_ident(&def.items)),
                presence: presence(items),
            },
            total_pages: self.access_chain(envelope, &def.total_pages)?,
            page_number: self.access_chain(envelope, &def.page_number)?,
            page_param: def.page_param.clone(),
        })
    }

    /// The fields along a dotted path (validated to exist).
    fn access_chain(&self, start: &TypeDef, dotted: &str) -> Option<Vec<AccessStep>> {
        let mut fields = start.fields.as_ref()?;
        let mut steps = Vec::new();
        let mut parts = dotted.split('.').peekable();
        while let Some(part) = parts.next() {
            let field = fields.get(part)?;
            steps.push(AccessStep {
                ident: field.rust_name.clone().unwrap_or_else(|| snake_ident(part)),
                presence: presence(field),
            });
            if parts.peek().is_some() {
                let TypeExpr::Named { name, .. } = TypeExpr::parse(&field.ty).ok()? else {
                    return None;
                };
                fields = self.spec.types.get(&name)?.value.fields.as_ref()?;
            }
        }
        Some(steps)
    }

    fn file_name(&self, file: usize) -> String {
        self.spec
            .files
            .get(file)
            .map(|f| f.name.clone())
            .unwrap_or_default()
    }

    fn groups(&mut self) -> Vec<GroupIr> {
        let spec = self.spec;
        let credential_index = |name: &str| {
            spec.client
                .value
                .credentials
                .get_index_of(name)
                .unwrap_or(0)
        };
        spec.groups
            .iter()
            .map(|(name, group)| GroupIr {
                name: name.clone(),
                ident: snake_ident(name),
                doc: group.value.doc.clone(),
                base_url: group.value.base_url.clone(),
                base_url_env: group.value.base_url_env.clone(),
                auth: group
                    .value
                    .auth
                    .iter()
                    .map(|auth| match auth {
                        AuthDef::Bearer { bearer } => AuthIr::Bearer(credential_index(bearer)),
                        AuthDef::Header { header, credential } => AuthIr::Header(
                            header.to_ascii_lowercase(),
                            credential_index(credential),
                        ),
                    })
                    .collect(),
            })
            .collect()
    }

    fn modules(&mut self, groups: &[GroupIr]) -> Vec<ModuleIr> {
        let spec = self.spec;
        let mut modules: Vec<ModuleIr> = Vec::new();
        let mut module_files: BTreeMap<String, String> = BTreeMap::new();
        for (index, file) in spec.files.iter().enumerate() {
            let has_content = spec.types.values().any(|t| t.file == index)
                || spec.resources.values().any(|r| r.file == index);
            if !has_content {
                continue;
            }
            let ident = snake_ident(&file.stem);
            if RESERVED_MODULES.contains(&ident.as_str())
                || ident.starts_with("r#")
                || ident.ends_with('_')
            {
                self.diagnostics.push(Diagnostic::new(format!(
                    "the file name `{}` would become the module `{ident}`, which is reserved; rename the file",
                    file.name
                )).in_file(&file.path));
            }
            if let Some(first) = module_files.insert(ident.clone(), file.name.clone()) {
                self.diagnostics.push(
                    Diagnostic::new(format!(
                        "the files `{first}` and `{}` both become the module `{ident}`; rename one",
                        file.name
                    ))
                    .in_file(&file.path),
                );
            }
            modules.push(ModuleIr {
                ident,
                source_file: file.name.clone(),
                types: Vec::new(),
                resources: Vec::new(),
            });
            let module_index = modules.len() - 1;
            for (name, def) in spec.types.iter().filter(|(_, t)| t.file == index) {
                let ty = self.type_ir(name, &def.value, index);
                if let Some(module) = modules.get_mut(module_index) {
                    module.types.push(ty);
                }
            }
            for (name, resource) in spec.resources.iter().filter(|(_, r)| r.file == index) {
                let resource_ir = self.resource(name, &resource.value, index, groups);
                if let Some(module) = modules.get_mut(module_index) {
                    module.resources.push(resource_ir);
                }
            }
        }
        modules
    }

    fn claim_type_ident(&mut self, file: usize, path: Vec<Segment>, ident: &str, name: &str) {
        let reserved = [
            "Client",
            "ClientBuilder",
            "Error",
            "Nullable",
            "Secret",
            "UnknownValue",
        ];
        if reserved.contains(&ident) {
            self.diagnostics.push(self.spec.diagnostic_at_key(
                file,
                &path,
                format!("the type name `{ident}` is used by the generated client itself; rename `{name}`"),
            ));
        } else if let Some(first) = self.type_idents.insert(ident.to_owned(), name.to_owned()) {
            self.collision(file, path, "type names", ident, &first, name);
        }
    }

    fn type_ir(&mut self, name: &str, def: &TypeDef, file: usize) -> TypeIr {
        let ident = camel_ident(name);
        self.claim_type_ident(file, spec_path!["types", name], &ident, name);
        let path = spec_path!["types", name];
        let kind = if let Some(fields) = &def.fields {
            let fields: Vec<FieldIr> = fields
                .iter()
                .map(|(field_name, field)| self.field(field_name, field, &def.params))
                .collect();
            self.unique_idents(
                file,
                &path,
                "fields",
                fields
                    .iter()
                    .map(|f| (f.ident.clone(), f.wire_name.clone())),
            );
            let taken: Vec<&str> = fields.iter().map(|f| f.ident.as_str()).collect();
            let extra_ident = invent("extra", &taken);
            let default = fields
                .iter()
                .all(|f| f.presence != Presence::Required || f.ty.has_default());
            TypeKind::Object {
                params: def.params.iter().map(|p| camel_ident(p)).collect(),
                fields,
                extra_ident,
                default,
            }
        } else if let Some(alternatives) = &def.one_of {
            let variants = alternatives
                .iter()
                .map(|(variant, ty)| {
                    let ty = TypeExpr::parse(ty)
                        .map(|t| self.rust_type(&t, &[]))
                        .unwrap_or(RustType::Json);
                    (camel_ident(variant), ty)
                })
                .collect::<Vec<_>>();
            self.unique_idents(
                file,
                &path,
                "one_of",
                alternatives.keys().map(|k| (camel_ident(k), k.clone())),
            );
            TypeKind::Union { variants }
        } else {
            let values = def.values.clone().unwrap_or_default();
            let variants: Vec<VariantIr> = values
                .iter()
                .map(|value| {
                    let wire = match (&value.value.as_str(), value.value.as_i64()) {
                        (Some(text), _) => WireValue::Str((*text).to_owned()),
                        (None, Some(number)) => WireValue::Int(number),
                        (None, None) => WireValue::Str(String::new()),
                    };
                    let ident = match (&value.rust_name, &wire) {
                        (Some(name), _) => name.clone(),
                        (None, WireValue::Str(text)) => camel_ident(text),
                        (None, WireValue::Int(number)) => camel_ident(&number.to_string()),
                    };
                    VariantIr {
                        ident,
                        wire,
                        doc: value.doc.clone(),
                    }
                })
                .collect();
            self.unique_idents(
                file,
                &path,
                "values",
                variants.iter().map(|v| {
                    let wire = match &v.wire {
                        WireValue::Str(text) => format!("\"{text}\""),
                        WireValue::Int(number) => number.to_string(),
                    };
                    (v.ident.clone(), wire)
                }),
            );
            let taken: Vec<&str> = variants.iter().map(|v| v.ident.as_str()).collect();
            TypeKind::Enum {
                repr: def.enum_repr.unwrap_or(EnumRepr::String),
                unknown_ident: invent("Unknown", &taken),
                variants,
            }
        };
        TypeIr {
            ident,
            doc: def.doc.clone(),
            kind,
        }
    }

    /// Reports pairs of (identifier, source name) that share an identifier.
    fn unique_idents(
        &mut self,
        file: usize,
        path: &[Segment],
        section: &str,
        pairs: impl Iterator<Item = (String, String)>,
    ) {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for (index, (ident, source)) in pairs.enumerate() {
            if let Some(first) = seen.insert(ident.clone(), source.clone()) {
                let mut at = path.to_vec();
                at.push(Segment::Key(section.to_owned()));
                at.push(if section == "values" {
                    Segment::Index(index)
                } else {
                    Segment::Key(source.clone())
                });
                self.collision(file, at, section, &ident, &first, &source);
            }
        }
    }

    fn field(&mut self, wire_name: &str, def: &FieldDef, params: &[String]) -> FieldIr {
        let ty = TypeExpr::parse(&def.ty)
            .map(|t| self.rust_type(&t, params))
            .unwrap_or(RustType::Json);
        let ty = if def.secret && ty == RustType::String {
            RustType::SecretString
        } else {
            ty
        };
        FieldIr {
            wire_name: wire_name.to_owned(),
            ident: def
                .rust_name
                .clone()
                .unwrap_or_else(|| snake_ident(wire_name)),
            doc: field_doc(def),
            ty,
            presence: presence(def),
            int_as_string: def.wire == Some(WireForm::String),
        }
    }

    fn rust_type(&self, ty: &TypeExpr, params: &[String]) -> RustType {
        match ty {
            TypeExpr::String => RustType::String,
            TypeExpr::Integer => RustType::I64,
            TypeExpr::Number => RustType::Number,
            TypeExpr::Boolean => RustType::Bool,
            TypeExpr::Json => RustType::Json,
            TypeExpr::Array(inner) => RustType::Vec(Box::new(self.rust_type(inner, params))),
            TypeExpr::Map(inner) => RustType::Map(Box::new(self.rust_type(inner, params))),
            TypeExpr::Named { name, args } if args.is_empty() && params.contains(name) => {
                RustType::Param(camel_ident(name))
            }
            TypeExpr::Named { name, args } => RustType::Named {
                ident: camel_ident(name),
                args: args.iter().map(|a| self.rust_type(a, params)).collect(),
                is_enum: self
                    .spec
                    .types
                    .get(name)
                    .is_some_and(|def| def.value.fields.is_none()),
            },
        }
    }

    fn resource(
        &mut self,
        name: &str,
        def: &crate::load::schema::ResourceDef,
        file: usize,
        groups: &[GroupIr],
    ) -> ResourceIr {
        let handle_ident = camel_ident(name);
        self.claim_type_ident(file, spec_path!["resources", name], &handle_ident, name);
        let group = self
            .spec
            .groups
            .get_index_of(&def.group)
            .unwrap_or(0)
            .min(groups.len().saturating_sub(1));
        let operations: Vec<OperationIr> = def
            .operations
            .iter()
            .map(|(op_name, op)| self.operation(name, op_name, op, file))
            .collect();
        self.claim_handle_methods(name, &operations, file);
        ResourceIr {
            name: name.to_owned(),
            handle_ident,
            accessor_ident: snake_ident(name),
            doc: def.doc.clone(),
            group,
            operations,
        }
    }

    fn operation(
        &mut self,
        resource: &str,
        name: &str,
        def: &crate::load::schema::OperationDef,
        file: usize,
    ) -> OperationIr {
        let (http_method, path_template) = parse_http(&def.http).unwrap_or_default();
        let placeholders = path_placeholders(&path_template).unwrap_or_default();
        let path_params: Vec<FieldIr> = placeholders
            .iter()
            .filter_map(|p| {
                def.path_params
                    .get(p)
                    .map(|field| self.field(p, field, &[]))
            })
            .collect();
        let op_path = spec_path!["resources", resource, "operations", name];
        self.unique_idents(
            file,
            &op_path,
            "path_params",
            path_params
                .iter()
                .map(|f| (f.ident.clone(), f.wire_name.clone())),
        );
        let path = split_path(&path_template, &path_params);
        let query = if def.query.is_empty() {
            None
        } else {
            let fields: Vec<FieldIr> = def
                .query
                .iter()
                .map(|(wire, field)| self.field(wire, field, &[]))
                .collect();
            self.unique_idents(
                file,
                &op_path,
                "query",
                fields
                    .iter()
                    .map(|f| (f.ident.clone(), f.wire_name.clone())),
            );
            let ident = format!("{}Query", camel_ident(name));
            self.claim_type_ident(
                file,
                op_path.clone(),
                &ident,
                &format!("{name} (its query parameters)"),
            );
            Some((ident, fields))
        };
        let payload = |text: &Option<String>| {
            text.as_deref()
                .and_then(|t| TypeExpr::parse(t).ok())
                .map(|t| self.rust_type(&t, &[]))
        };
        let retry_safe = def
            .retry_safe
            .unwrap_or(matches!(http_method.as_str(), "GET" | "PUT" | "DELETE"));
        let paged = self.paged(def, query.as_ref());
        let call = def.call.trim_start_matches("r#");
        let param_idents: Vec<&str> = path_params.iter().map(|p| p.ident.as_str()).collect();
        let locals = OperationLocals::avoiding(&param_idents);
        OperationIr {
            raw_ident: format!("{call}_with_response"),
            stream_ident: format!("{call}_stream"),
            locals,
            retry_safe,
            paged,
            name: name.to_owned(),
            method_ident: def.call.clone(),
            http_method,
            path_template,
            path,
            path_params,
            query,
            body: payload(&def.body),
            response: payload(&def.response),
            summary: def.summary.clone(),
            description: def.description.clone(),
            source: def.source.clone(),
            request_samples: def.samples.request.clone(),
            response_samples: def.samples.response.clone(),
        }
    }
}

impl Builder<'_> {
    /// Every method of a resource handle is one name in one scope: the
    /// handle's own, each call, and the `_with_response` and `_stream`
    /// methods invented for it.
    fn claim_handle_methods(&mut self, resource: &str, operations: &[OperationIr], file: usize) {
        let mut scope = Scope::with_members(HANDLE_MEMBERS, "a method every resource handle has");
        for op in operations {
            let call = op.method_ident.trim_start_matches("r#");
            let mut names = vec![(call.to_owned(), format!("the call of `{}`", op.name))];
            names.push((
                op.raw_ident.clone(),
                format!("the `_with_response` method of `{}`", op.name),
            ));
            if op.paged.is_some() {
                names.push((
                    op.stream_ident.clone(),
                    format!("the `_stream` method of `{}`", op.name),
                ));
            }
            for (name, owner) in names {
                if let Err(first) = scope.claim(&name, &owner) {
                    self.diagnostics.push(self.spec.diagnostic_at(
                        file,
                        &spec_path!["resources", resource, "operations", &op.name, "call"],
                        format!(
                            "the method name `{name}` is both {first} and {owner}; change this operation's `call`"
                        ),
                    ));
                }
            }
        }
    }

    /// Each resource's accessor is a method of the client, next to the
    /// client's own methods.
    fn claim_accessors(&mut self, modules: &[ModuleIr], groups: &[GroupIr]) {
        let mut scope = Scope::with_members(CLIENT_MEMBERS, "a method of the client itself");
        for group in groups {
            let group_ident = group.ident.trim_start_matches("r#");
            for name in [
                format!("base_url_{group_ident}"),
                format!("request_{group_ident}"),
            ] {
                let _ = scope.claim(&name, "a method of the client itself");
            }
        }
        for module in modules {
            for resource in &module.resources {
                let owner = format!("the accessor of the resource `{}`", resource.name);
                if let Err(first) =
                    scope.claim(resource.accessor_ident.trim_start_matches("r#"), &owner)
                {
                    let file = self
                        .spec
                        .resources
                        .get(&resource.name)
                        .map_or(0, |r| r.file);
                    self.diagnostics.push(self.spec.diagnostic_at_key(
                        file,
                        &spec_path!["resources", &resource.name],
                        format!(
                            "the resource `{}` would get the client method `{}`, which is already {first}; rename the resource",
                            resource.name, resource.accessor_ident
                        ),
                    ));
                }
            }
        }
    }

    /// A list operation is streamable when it answers with the pagination
    /// envelope and takes the page-selecting query parameter.
    fn paged(
        &self,
        def: &crate::load::schema::OperationDef,
        query: Option<&(String, Vec<FieldIr>)>,
    ) -> Option<PagedIr> {
        let pagination = self.spec.client.value.pagination.as_ref()?;
        let TypeExpr::Named { name, args } = TypeExpr::parse(def.response.as_deref()?).ok()? else {
            return None;
        };
        if name != pagination.envelope || args.len() != 1 {
            return None;
        }
        // The stream sets the page itself, so the parameter must be optional.
        let page_field = query?
            .1
            .iter()
            .find(|f| f.wire_name == pagination.page_param && f.presence != Presence::Required)?;
        Some(PagedIr {
            item: self.rust_type(args.first()?, &[]),
            page_field: page_field.ident.clone(),
        })
    }
}

fn presence(def: &FieldDef) -> Presence {
    match (def.required, def.nullable) {
        (true, false) => Presence::Required,
        (false, false) => Presence::Optional,
        (false, true) => Presence::OptionalNullable,
        (true, true) => Presence::RequiredNullable,
    }
}

fn split_path(template: &str, params: &[FieldIr]) -> Vec<PathPart> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (literal, after) = rest.split_at(open);
        if !literal.is_empty() {
            parts.push(PathPart::Literal(literal.to_owned()));
        }
        let Some(close) = after.find('}') else { break };
        let wire = after.get(1..close).unwrap_or_default();
        let ident = params
            .iter()
            .find(|p| p.wire_name == wire)
            .map_or_else(|| snake_ident(wire), |p| p.ident.clone());
        parts.push(PathPart::Param(ident));
        rest = after.get(close + 1..).unwrap_or_default();
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    parts
}

/// The doc paragraphs of a field: its text, then what the spec knows about
/// its values (default, constraints, format, secrecy).
fn field_doc(def: &FieldDef) -> Vec<String> {
    let mut doc = Vec::new();
    if let Some(text) = &def.doc {
        doc.push(text.trim().to_owned());
    }
    let mut facts = Vec::new();
    if def.read_only {
        facts.push("Read-only: set by the server.".to_owned());
    }
    if let Some(format) = def.format {
        facts.push(format!("Format: `{}`.", format_name(format)));
    }
    if let Some(default) = &def.default {
        let text = serde_json::to_string(default).unwrap_or_default();
        facts.push(format!("Server default: `{text}`."));
    }
    if let Some(min) = def.min_length {
        facts.push(format!("At least {min} characters."));
    }
    if let Some(max) = def.max_length {
        facts.push(format!("At most {max} characters."));
    }
    if let Some(min) = def.minimum {
        facts.push(format!("Minimum: {min}."));
    }
    if let Some(max) = def.maximum {
        facts.push(format!("Maximum: {max}."));
    }
    if def.wire == Some(WireForm::String) {
        facts.push("Sent as a JSON string; decoded from a string or a number.".to_owned());
    }
    if def.secret {
        facts.push("Secret: hidden from `Debug` output.".to_owned());
    }
    if !facts.is_empty() {
        doc.push(facts.join(" "));
    }
    doc
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::DateTime => "date-time",
        Format::Date => "date",
        Format::Time => "time",
        Format::Uri => "uri",
        Format::Uuid => "uuid",
        Format::Ipv4 => "ipv4",
        Format::Cidr => "cidr",
        Format::E164 => "e164",
        Format::Decimal => "decimal",
    }
}
