//! `telnyx-codegen`: generates a typed Rust API client crate from a
//! hand-curated YAML spec.
//!
//! The pipeline has one module per stage, in order, each depending only on
//! the ones before it:
//!
//! 1. [`load`]: the YAML files into a [`load::Spec`] (serde_yaml, unknown
//!    keys rejected), with every value's position kept for diagnostics, and
//!    every reference to a shared definition (`use`, `from`) resolved, so
//!    the later stages see each field written out.
//! 2. [`validate`]: every check, all problems reported at once with file,
//!    line and column. What the checks proved comes back as the
//!    [`model::Checked`] model: type expressions parsed once and resolved
//!    to the spec's types, an [`model::HttpMethod`] per operation, path
//!    templates split into literal text and parameters, credentials and
//!    groups resolved.
//! 3. [`ir`]: built from the checked model alone (it never parses and has
//!    no fallbacks for impossible cases); every Rust name is decided here,
//!    including the ones the generator invents, and checked for collisions.
//! 4. [`emit`] (quote): prints the IR, and turns its facts (formats,
//!    defaults, constraints) into doc prose.
//! 5. [`format`](mod@format) (syn + prettyplease), then [`write`](mod@write).
//!
//! Beside them, [`diff`] compares two specs through their IRs: the review
//! report of a regeneration (what changes for the crate's users and on the
//! wire).
//!
//! Before all of them, [`Config::run`] asks [`stamp`] whether the output
//! already is what the pipeline would write; if so, nothing runs.
//!
//! Modules shared by several stages sit below all of them: [`typeexpr`]
//! (the type expression grammar), [`naming`] (identifier rules),
//! [`suggest`] ("did you mean"), [`diagnostic`]. The generator knows
//! nothing about any particular API: everything comes from the spec.
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
pub mod diff;
pub mod emit;
pub mod format;
pub mod ir;
pub mod load;
pub mod model;
pub mod naming;
pub mod parallel;
pub mod stamp;
pub mod suggest;
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
    let ir = ir::build(&validate::validate(&loaded)?)?;
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
