//! Stage 3: the intermediate representation. Everything is resolved and
//! every Rust name decided here, so the emitters only print. Both the wire
//! name and the Rust name are kept, so a wire-name attribute appears only
//! where they differ. Order follows the spec: one module per spec file,
//! types and resources in the order they were written.
//!
//! The IR is built from the [`Checked`] model alone: validation has parsed
//! and resolved everything, so nothing here parses or falls back. The IR
//! carries facts (formats, defaults, constraints) as data; turning them
//! into prose is the emitter's job.

mod client;
mod fake;
mod names;
mod operations;
mod sides;
mod types;

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Error};
use crate::load::locate::Segment;
use crate::load::schema::Package;
use crate::model::Checked;
use crate::naming::snake_ident;

pub use crate::model::{HttpMethod, WireValue};
pub use client::{
    AccessStep, AuthIr, ClientIr, CredentialIr, CursorPaginationIr, ErrorProblemsIr, GroupIr,
    PaginationIr,
};
pub use fake::{
    FakeCursorPaging, FakeField, FakeIr, FakeOperation, FakePaging, FakeResource, FakeShape,
    FakeType, FakeTypeKind,
};
pub use names::OperationLocals;
use names::STRUCT_MEMBERS;
pub use operations::{OperationIr, PageStyle, PagedIr, PathPart, ResourceIr};
pub use sides::Sides;
pub use types::{EnumRepr, FieldFacts, FieldIr, Presence, RustType, TypeIr, TypeKind, VariantIr};

/// Module names the generator uses itself.
const RESERVED_MODULES: &[&str] = &["lib", "client", "runtime", "fake"];

/// Prelude types the output names; a generated type of one of these names
/// makes the output spell them by their full paths.
const PRELUDE_TYPES: &[&str] = &["Option", "String", "Vec", "Result"];

/// Type names the generated crate's root defines itself (the client
/// module's); a spec type of one of these names would clash at the root,
/// where generated code names it. Runtime types are not among them: the
/// output names those by their full paths, and the crate offers them under
/// its `runtime` module only.
const RESERVED_TYPES: &[&str] = &["Client", "ClientBuilder", "Error"];

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
    /// The table of the generated fake, when the client declares `fake`.
    pub fake: Option<FakeIr>,
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

/// Builds the IR from a validated spec.
///
/// # Errors
///
/// Names that collide once converted to Rust identifiers.
pub fn build(checked: &Checked<'_>) -> Result<Ir, Error> {
    let mut builder = Builder {
        checked,
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

struct Builder<'c, 's> {
    checked: &'c Checked<'s>,
    diagnostics: Vec<Diagnostic>,
    /// Rust type identifier -> spec type name, to catch collisions.
    type_idents: BTreeMap<String, String>,
}

impl Builder<'_, '_> {
    fn collision(
        &mut self,
        file: usize,
        path: Vec<Segment>,
        what: &str,
        ident: &str,
        first: &str,
        second: &str,
    ) {
        self.diagnostics.push(self.checked.spec.diagnostic_at_key(
            file,
            &path,
            format!("{what} `{second}` and `{first}` both become the Rust name `{ident}`; rename one or set `rust_name`"),
        ));
    }

    fn ir(&mut self) -> Ir {
        let spec = self.checked.spec;
        let client = self.client();
        let groups = self.groups();
        let mut modules = self.modules();
        self.claim_accessors(&modules);
        sides::mark(&mut modules, &client);
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
            fake: self.fake(),
        }
    }

    /// One module per spec file that defines types or resources, holding
    /// them in spec order.
    fn modules(&mut self) -> Vec<ModuleIr> {
        let checked = self.checked;
        let mut modules: Vec<ModuleIr> = Vec::new();
        let mut module_files: BTreeMap<String, String> = BTreeMap::new();
        for (index, file) in checked.spec.files.iter().enumerate() {
            let has_content = checked.types.iter().any(|t| t.file == index)
                || checked.resources.iter().any(|r| r.file == index);
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
            let types = checked
                .types
                .iter()
                .filter(|t| t.file == index)
                .map(|ty| self.type_ir(ty))
                .collect();
            let resources = checked
                .resources
                .iter()
                .filter(|r| r.file == index)
                .map(|resource| self.resource(resource))
                .collect();
            modules.push(ModuleIr {
                ident,
                source_file: file.name.clone(),
                types,
                resources,
            });
        }
        modules
    }

    /// Claims a type name in the crate's one namespace of types.
    fn claim_type_ident(&mut self, file: usize, path: Vec<Segment>, ident: &str, name: &str) {
        if RESERVED_TYPES.contains(&ident) {
            self.diagnostics.push(self.checked.spec.diagnostic_at_key(
                file,
                &path,
                format!("the type name `{ident}` is used by the generated client itself; rename `{name}`"),
            ));
        } else if let Some(first) = self.type_idents.insert(ident.to_owned(), name.to_owned()) {
            self.collision(file, path, "type names", ident, &first, name);
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
        // Fields of structs name their setters too, beside the constructor.
        let members = if matches!(section, "fields" | "query") {
            STRUCT_MEMBERS
        } else {
            &[]
        };
        for (index, (ident, source)) in pairs.enumerate() {
            if members.contains(&ident.as_str()) {
                let mut at = path.to_vec();
                at.push(Segment::Key(section.to_owned()));
                at.push(Segment::Key(source.clone()));
                self.diagnostics.push(self.checked.spec.diagnostic_at_key(
                    file,
                    &at,
                    format!("`{source}` becomes the Rust name `{ident}`, which the generated struct already has (its constructor); set `rust_name`"),
                ));
                continue;
            }
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
}
