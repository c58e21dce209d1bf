//! Emitting the generated crate's `Cargo.toml`.

use crate::ir::Ir;

use super::{EDITION, RUST_VERSION};

/// A TOML basic string (JSON string escaping is valid TOML).
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// The manifest: package metadata from the spec, and the three dependencies
/// generated code uses (the runtime, serde, serde_json).
pub fn cargo_toml(ir: &Ir) -> String {
    let package = &ir.package;
    let runtime = &package.runtime;
    let runtime_path = runtime
        .path
        .as_ref()
        .map(|path| format!(", path = {}", toml_string(path)))
        .unwrap_or_default();
    format!(
        "{header}\n[package]\nname = {name}\nversion = {version}\nedition = \"{EDITION}\"\nrust-version = \"{RUST_VERSION}\"\ndescription = {description}\nlicense = {license}\n\n[dependencies]\n{runtime_name} = {{ version = {runtime_version}{runtime_path} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n[lints.rust]\nmissing_docs = \"deny\"\nunsafe_code = \"forbid\"\n",
        header = super::super::format::TOML_HEADER,
        name = toml_string(&package.name),
        version = toml_string(&package.version),
        description = toml_string(&package.description),
        license = toml_string(&package.license),
        runtime_name = runtime.name,
        runtime_version = toml_string(&runtime.version),
    )
}
