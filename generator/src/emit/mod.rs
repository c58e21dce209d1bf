//! Stage 4: turning the IR into tokens, one token stream per output file.
//! Emitters see only the IR, never the YAML. Generated code names
//! everything by its full path (`::std::…`, `::serde::…`, the runtime path),
//! so a spec type called `Result` or `Option` cannot break it.

mod cargo_toml;
mod client;
pub mod docs;
mod lib_rs;
mod resources;
mod types;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Ir, ModuleIr};

/// The Rust edition the generated crate uses.
pub const EDITION: &str = "2021";
/// The minimum Rust version of the generated crate.
pub const RUST_VERSION: &str = "1.85";

/// What one output file holds before formatting.
pub enum FileContent {
    /// Rust code, formatted later.
    Rust(TokenStream),
    /// Text written as is (Cargo.toml).
    Text(String),
}

/// One output file, before formatting.
pub struct EmittedFile {
    /// Path relative to the output directory, with `/` separators.
    pub path: String,
    /// The spec file(s) it comes from, for its header.
    pub source: String,
    /// Its content.
    pub content: FileContent,
}

/// Emits every file of the generated crate, in a fixed order.
pub fn emit(ir: &Ir) -> Vec<EmittedFile> {
    let emitter = Emitter::new(ir);
    let mut files = vec![
        EmittedFile {
            path: "Cargo.toml".into(),
            source: "the spec's `package`".into(),
            content: FileContent::Text(cargo_toml::cargo_toml(ir)),
        },
        EmittedFile {
            path: "src/lib.rs".into(),
            source: "the whole spec".into(),
            content: FileContent::Rust(emitter.lib_rs()),
        },
        EmittedFile {
            path: "src/client.rs".into(),
            source: format!("`{}` (client and groups)", ir.client.source_file),
            content: FileContent::Rust(emitter.client_rs()),
        },
    ];
    for module in &ir.modules {
        files.push(EmittedFile {
            path: format!("src/{}.rs", module.ident),
            source: format!("`{}`", module.source_file),
            content: FileContent::Rust(emitter.module_rs(module)),
        });
    }
    files
}

/// Shared state of the emitters.
pub struct Emitter<'a> {
    ir: &'a Ir,
    /// The runtime crate's path as tokens.
    rt: TokenStream,
    /// How generated types are named: `crate` inside the generated crate,
    /// the crate's name from outside (see [`type_path`]).
    krate: TokenStream,
}

/// The Rust type of `ty` as seen from outside the generated crate, e.g.
/// `telnyx_sip::Envelope<telnyx_sip::Ip>`; used by tests and tools that
/// need to name generated types.
pub fn type_path(ir: &Ir, ty: &crate::ir::RustType, crate_name: &str) -> String {
    let mut emitter = Emitter::new(ir);
    if let Ok(path) = syn::parse_str::<syn::Path>(crate_name) {
        emitter.krate = quote!(#path);
    }
    emitter.rust_type(ty).to_string().replace(' ', "")
}

impl<'a> Emitter<'a> {
    fn new(ir: &'a Ir) -> Self {
        let rt = syn::parse_str::<syn::Path>(&ir.runtime_path)
            .map(|path| quote!(#path))
            .unwrap_or_else(|_| quote!(::telnyx_codegen_runtime));
        Self {
            ir,
            rt,
            krate: quote!(crate),
        }
    }

    /// The runtime path as a string, for serde attributes that take paths as strings.
    fn rt_string(&self) -> String {
        self.ir.runtime_path.clone()
    }

    fn module_rs(&self, module: &ModuleIr) -> TokenStream {
        let doc = docs::inner_markdown_doc_attrs(&[docs::escape(&module_doc(module))]);
        let types = module.types.iter().map(|ty| self.type_def(ty));
        let resources = module
            .resources
            .iter()
            .map(|resource| self.resource(resource));
        quote! {
            #doc
            #(#types)*
            #(#resources)*
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
