//! Stage 4: turning the IR into tokens, one token stream per output file.
//! Emitters see only the IR, never the YAML. Generated code names
//! everything by its full path (`::std::…`, `::serde::…`, the runtime path),
//! so a spec type called `Result` or `Option` cannot break it.

mod cargo_toml;
mod client;
pub mod docs;
mod fake;
mod lib_rs;
mod readme;
mod resources;
mod types;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{FakeIr, Ir, ModuleIr};

/// The Rust edition the generated crate uses.
pub const EDITION: &str = "2021";
/// The minimum Rust version of the generated crate: the generator's own,
/// which is the runtime's (the workspace declares one for all its crates).
pub const RUST_VERSION: &str = env!("CARGO_PKG_RUST_VERSION");

/// What one output file holds before formatting.
pub enum FileContent {
    /// Rust code, formatted later.
    Rust(TokenStream),
    /// Text written as is after a header in the comment syntax of the
    /// file's extension (`Cargo.toml`, `README.md`).
    Text(String),
}

/// Who regenerates the output, so its header says what to do after
/// changing the spec.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Regenerate {
    /// The `telnyx-codegen generate` command.
    #[default]
    Cli,
    /// A build script: the next build regenerates the output.
    BuildScript,
}

/// One output file, before formatting.
pub struct EmittedFile {
    /// Path relative to the output directory, with `/` separators.
    pub path: String,
    /// The spec file(s) it comes from, for its header.
    pub source: String,
    /// Who regenerates it, for its header.
    pub regenerate: Regenerate,
    /// Its content.
    pub content: FileContent,
}

/// How the generated code is laid out on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// A whole crate: `Cargo.toml`, `src/lib.rs` and one file per module.
    Crate,
    /// One file of items for `include!`, with the modules inline.
    SingleFile {
        /// The file name, e.g. `telnyx_sip.rs`.
        file_name: String,
    },
}

/// Options of the emit stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitOptions {
    /// The layout.
    pub layout: Layout,
    /// The Rust path by which the generated modules name the items at the
    /// generated root (the types, `Client`, `Error`). `None`: `super`, which
    /// is right wherever the code lives (a crate's root, or a file
    /// `include!`d inside any module), because every generated item sits in
    /// a module directly below that root.
    pub root_path: Option<String>,
    /// The Rust path of the runtime crate, overriding the spec's package.
    pub runtime_path: Option<String>,
    /// Where the generated `Cargo.toml` takes the runtime from, overriding
    /// the spec's `package.runtime` field by field.
    pub runtime_dependency: RuntimeDependency,
    /// Who regenerates the output (the files' headers say it).
    pub regenerate: Regenerate,
}

/// Overrides of the runtime dependency in the generated `Cargo.toml`; a
/// `None` keeps what the spec says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuntimeDependency {
    /// The version requirement.
    pub version: Option<String>,
    /// Where the crate comes from.
    pub source: Option<RuntimeSource>,
}

/// Where Cargo fetches the runtime crate from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeSource {
    /// crates.io, by version requirement only: what a crate generated
    /// anywhere can use.
    Registry,
    /// A local directory (absolute, or relative to the output directory).
    Path(String),
    /// A git repository URL.
    Git(String),
}

impl Default for EmitOptions {
    fn default() -> Self {
        Self {
            layout: Layout::Crate,
            root_path: None,
            runtime_path: None,
            runtime_dependency: RuntimeDependency::default(),
            regenerate: Regenerate::Cli,
        }
    }
}

/// One Rust module of the generated code, before layout.
struct ModuleTokens<'a> {
    ident: String,
    /// Public modules would be `pub mod`; every module is private today,
    /// its items re-exported at the crate root.
    public: bool,
    /// Module docs (generator-written markdown).
    doc: String,
    /// The spec file(s) it comes from.
    source: String,
    /// What it holds, emitted when its file is: holding every module's
    /// tokens at once was most of a large spec's peak memory.
    body: ModuleBody<'a>,
    reexport: TokenStream,
}

/// What a module holds.
#[derive(Clone, Copy)]
enum ModuleBody<'a> {
    /// The client, its builder and the error alias.
    Client,
    /// A spec file's types and resources.
    Spec(&'a ModuleIr),
}

/// Emits every file of the generated code, in a fixed order.
pub fn emit(ir: &Ir, options: &EmitOptions) -> Vec<EmittedFile> {
    emit_lazily(ir, options).collect()
}

/// [`emit`], one file at a time as the iterator is advanced, so that a
/// caller that formats each file as it comes holds the tokens of only a
/// few at once.
pub fn emit_lazily<'a>(
    ir: &'a Ir,
    options: &'a EmitOptions,
) -> impl Iterator<Item = EmittedFile> + 'a {
    let plan = Plan::new(ir, options);
    let emitter = plan.emitter();
    (0..plan.len()).filter_map(move |index| plan.emit(&emitter, index))
}

/// The output files, in their fixed order, each emitted on demand by its
/// index. A plan holds no tokens (`proc_macro2`'s types cannot cross
/// threads), so one plan can be shared by threads that each emit (and
/// format) the files they take, with a [`FileEmitter`] of their own.
pub struct Plan<'a> {
    ir: &'a Ir,
    options: &'a EmitOptions,
    files: Vec<PlannedFile<'a>>,
}

/// One file of a [`Plan`].
enum PlannedFile<'a> {
    CargoToml,
    Readme,
    LibRs,
    FakeRs(&'a FakeIr),
    /// A module by its index in [`FileEmitter::modules`] (the client's is 0).
    Module(usize),
    FakePart(fake::FakePart<'a>),
    SingleFile(&'a str),
}

/// What a thread needs to emit files of a [`Plan`]: the emitter's shared
/// tokens and every module's (which `lib.rs` and the single file list).
/// Made once per thread; cheap next to one file.
pub struct FileEmitter<'a> {
    emitter: Emitter<'a>,
    modules: Vec<ModuleTokens<'a>>,
}

impl<'a> FileEmitter<'a> {
    fn new(ir: &'a Ir, options: &EmitOptions) -> Self {
        let emitter = Emitter::new(ir, options);
        let modules = emitter.modules();
        Self { emitter, modules }
    }
}

impl<'a> Plan<'a> {
    /// The files `ir` generates with `options`.
    pub fn new(ir: &'a Ir, options: &'a EmitOptions) -> Self {
        let files = match &options.layout {
            Layout::Crate => {
                let mut files = vec![
                    PlannedFile::CargoToml,
                    PlannedFile::Readme,
                    PlannedFile::LibRs,
                ];
                files.extend(ir.fake.as_ref().map(PlannedFile::FakeRs));
                // The client module, then one per spec module.
                files.extend((0..=ir.modules.len()).map(PlannedFile::Module));
                if let Some(fake) = &ir.fake {
                    files.extend(
                        fake::FakePart::split(ir, fake)
                            .into_iter()
                            .map(PlannedFile::FakePart),
                    );
                }
                files
            }
            Layout::SingleFile { file_name } => vec![PlannedFile::SingleFile(file_name)],
        };
        Self { ir, options, files }
    }

    /// A [`FileEmitter`] for this plan, one per thread that emits its files.
    pub fn emitter(&self) -> FileEmitter<'a> {
        FileEmitter::new(self.ir, self.options)
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are none (never, for a crate).
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The file at `index` in output order, emitted by `emitter` (one of
    /// this plan's); `None` past the end.
    pub fn emit(&self, emitter: &FileEmitter<'_>, index: usize) -> Option<EmittedFile> {
        let modules = &emitter.modules;
        let emitter = &emitter.emitter;
        let ir = emitter.ir;
        let regenerate = self.options.regenerate;
        let file = |path: String, source: String, content: FileContent| EmittedFile {
            path,
            source,
            regenerate,
            content,
        };
        let module_file = |module: &ModuleTokens<'_>| {
            let doc = docs::inner_markdown_doc_attrs(&[&module.doc]);
            let items = emitter.module_items(module.body);
            file(
                format!("src/{}.rs", module.ident.trim_start_matches("r#")),
                module.source.clone(),
                FileContent::Rust(quote!(#doc #items)),
            )
        };
        Some(match self.files.get(index)? {
            PlannedFile::CargoToml => file(
                "Cargo.toml".into(),
                "the spec's `package`".into(),
                FileContent::Text(cargo_toml::cargo_toml(ir, &self.options.runtime_dependency)),
            ),
            PlannedFile::Readme => file(
                "README.md".into(),
                "the spec's `package`".into(),
                FileContent::Text(readme::readme(ir)),
            ),
            PlannedFile::LibRs => file(
                "src/lib.rs".into(),
                "the whole spec".into(),
                FileContent::Rust(emitter.lib_rs(modules)),
            ),
            PlannedFile::FakeRs(fake) => file(
                "src/fake.rs".into(),
                "the whole spec (`fake` declarations)".into(),
                FileContent::Rust(emitter.fake_rs(fake)),
            ),
            PlannedFile::Module(index) => module_file(modules.get(*index)?),
            PlannedFile::FakePart(part) => file(
                format!("src/fake/{}.rs", part.module.trim_start_matches("r#")),
                format!("`{}` (`fake` declarations)", part.source),
                FileContent::Rust(emitter.fake_part(part)),
            ),
            PlannedFile::SingleFile(file_name) => file(
                (*file_name).to_owned(),
                "the whole spec".into(),
                FileContent::Rust(emitter.single_file(modules)),
            ),
        })
    }
}

/// Shared state of the emitters.
pub struct Emitter<'a> {
    ir: &'a Ir,
    /// The runtime crate's path as tokens.
    rt: TokenStream,
    /// The runtime crate's path as written.
    rt_path: String,
    /// The runtime's interface for generated code (`<runtime>::__private_v1`):
    /// hidden from users and versioned, so a compatible runtime release
    /// keeps what this output calls.
    rtp: TokenStream,
    /// Where the generated items live as seen from a generated module
    /// (`super`, or the crate's name from outside, see [`type_path`]).
    krate: TokenStream,
    /// How standard library types are spelled.
    std: StdPaths,
    /// The crate's name in doc examples, when the output is a crate of its
    /// own (an `include!`d file lives in a crate whose name it cannot know).
    example_crate: Option<String>,
}

/// How the output names standard library types: by their prelude names
/// (`Option`, `String`) unless the spec defines a type of the same name, in
/// which case every use is fully qualified (`::std::option::Option`).
#[derive(Clone, Copy)]
pub struct StdPaths {
    qualified: bool,
}

impl StdPaths {
    /// `String`.
    pub fn string(self) -> TokenStream {
        if self.qualified {
            quote!(::std::string::String)
        } else {
            quote!(String)
        }
    }

    /// `Option`.
    pub fn option(self) -> TokenStream {
        if self.qualified {
            quote!(::std::option::Option)
        } else {
            quote!(Option)
        }
    }

    /// `Vec`.
    pub fn vec(self) -> TokenStream {
        if self.qualified {
            quote!(::std::vec::Vec)
        } else {
            quote!(Vec)
        }
    }

    /// `Result`.
    pub fn result(self) -> TokenStream {
        if self.qualified {
            quote!(::std::result::Result)
        } else {
            quote!(Result)
        }
    }
}

/// The Rust type of `ty` as seen from outside the generated crate, e.g.
/// `telnyx_sip::Envelope<telnyx_sip::Ip>`; used by tests and tools that
/// need to name generated types.
pub fn type_path(ir: &Ir, ty: &crate::ir::RustType, crate_name: &str) -> String {
    let options = EmitOptions {
        root_path: Some(crate_name.to_owned()),
        ..EmitOptions::default()
    };
    Emitter::new(ir, &options)
        .rust_type(ty)
        .to_string()
        .replace(' ', "")
}

/// Parses a Rust path, falling back to `fallback` when it is not one.
fn path_tokens(path: &str, fallback: TokenStream) -> TokenStream {
    syn::parse_str::<syn::Path>(path)
        .map(|path| quote!(#path))
        .unwrap_or(fallback)
}

impl<'a> Emitter<'a> {
    fn new(ir: &'a Ir, options: &EmitOptions) -> Self {
        let runtime_path = options
            .runtime_path
            .clone()
            .unwrap_or_else(|| ir.runtime_path.clone());
        Self {
            ir,
            rt: path_tokens(&runtime_path, quote!(::telnyx_codegen_runtime)),
            rtp: {
                let rt = path_tokens(&runtime_path, quote!(::telnyx_codegen_runtime));
                quote!(#rt::__private_v1)
            },
            rt_path: runtime_path,
            example_crate: matches!(options.layout, Layout::Crate)
                .then(|| ir.package.name.replace('-', "_")),
            krate: match &options.root_path {
                Some(path) => path_tokens(path, quote!(super)),
                None => quote!(super),
            },
            std: StdPaths {
                qualified: ir.shadows_prelude,
            },
        }
    }

    /// Every module in output order: the client first, then one per spec file.
    fn modules(&self) -> Vec<ModuleTokens<'a>> {
        let mut modules = vec![ModuleTokens {
            ident: "client".to_owned(),
            public: false,
            doc: "The client, its builder and the error type of every operation.".to_owned(),
            source: format!("`{}` (client and groups)", self.ir.client.source_file),
            body: ModuleBody::Client,
            reexport: quote!(
                pub use client::{Client, ClientBuilder, Error};
            ),
        }];
        for module in &self.ir.modules {
            let name = ident(&module.ident);
            // Private, with everything re-exported at the root: one public
            // path per item, so a type is never listed (or checked for
            // semver) twice.
            modules.push(ModuleTokens {
                ident: module.ident.clone(),
                public: false,
                doc: docs::escape(&module_doc(module)),
                source: format!("`{}`", module.source_file),
                body: ModuleBody::Spec(module),
                reexport: quote!(pub use #name::*;),
            });
        }
        modules
    }

    /// The items of a module.
    fn module_items(&self, body: ModuleBody<'_>) -> TokenStream {
        match body {
            ModuleBody::Client => self.client_rs(),
            ModuleBody::Spec(module) => {
                let types = module.types.iter().map(|ty| self.type_def(ty));
                let resources = module
                    .resources
                    .iter()
                    .map(|resource| self.resource(resource));
                quote!(#(#types)* #(#resources)*)
            }
        }
    }
}

fn module_doc(module: &ModuleIr) -> String {
    let first_resource_doc = module.resources.first().and_then(|r| r.doc.clone());
    match first_resource_doc {
        Some(doc) => doc,
        None => format!("Types defined in the spec file `{}`.", module.source_file),
    }
}

/// An identifier from a name the IR has already made valid; `r#` prefixes
/// become raw identifiers. Never panics: an invalid name (which validation
/// prevents) becomes an identifier that fails to compile visibly.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => syn::parse_str::<Ident>(name).unwrap_or_else(|_| Ident::new_raw_checked(raw)),
        None => syn::parse_str::<Ident>(name)
            .unwrap_or_else(|_| Ident::new("__invalid_identifier", Span::call_site())),
    }
}

trait RawIdent {
    fn new_raw_checked(name: &str) -> Ident;
}

impl RawIdent for Ident {
    fn new_raw_checked(name: &str) -> Ident {
        let valid = crate::naming::is_plain_ident(name)
            || name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && name.starts_with(|c: char| c.is_ascii_alphabetic());
        if valid && !matches!(name, "self" | "Self" | "super" | "crate" | "_") {
            Ident::new_raw(name, Span::call_site())
        } else {
            Ident::new("__invalid_identifier", Span::call_site())
        }
    }
}
