//! `telnyx-codegen`: generates a typed Rust API client crate from a
//! hand-curated YAML spec.
//!
//! The pipeline has one module per stage, in order: [`load`] (serde_yaml,
//! unknown keys rejected) → [`validate`] → [`ir`] (every Rust name decided)
//! → [`emit`] (quote) → [`format`](mod@format) (syn + prettyplease) → [`write`](mod@write). The
//! generator knows nothing about any particular API: everything comes from
//! the spec.
//!
//! ```no_run
//! let files = telnyx_codegen::generate(std::path::Path::new("spec"))?;
//! telnyx_codegen::write::write_files(std::path::Path::new("generated"), &files)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// The generator runs unattended in build scripts on what people write:
// nothing in it may panic on a spec. Tests may.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::todo,
    clippy::unimplemented
)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod config;
pub mod diagnostic;
pub mod emit;
pub mod format;
pub mod ir;
pub mod load;
pub mod naming;
pub mod typeexpr;
pub mod validate;
pub mod write;

use std::path::Path;

pub use config::{Config, RunSummary};
pub use diagnostic::{Diagnostic, Error};
pub use emit::RuntimeSource;
pub use format::GeneratedFile;

/// Loads and validates the spec at `spec` and builds its IR.
///
/// # Errors
///
/// Every problem in the spec, with file, line and column.
pub fn load_ir(spec: &Path) -> Result<(load::Spec, ir::Ir), Error> {
    let loaded = load::load(spec)?;
    validate::validate(&loaded)?;
    let ir = ir::build(&loaded)?;
    Ok((loaded, ir))
}

/// Runs the whole pipeline in memory: the generated crate's files, formatted,
/// in a fixed order. Does no writing.
///
/// # Errors
///
/// Every problem in the spec, with file, line and column.
pub fn generate(spec: &Path) -> Result<Vec<GeneratedFile>, Error> {
    Config::new().spec(spec).generate().map(|(files, _)| files)
}
