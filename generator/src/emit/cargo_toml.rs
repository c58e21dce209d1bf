//! Emitting the generated crate's `Cargo.toml` (its header is added by the
//! format stage).

use crate::ir::Ir;

use super::{RuntimeDependency, RuntimeSource, EDITION, RUST_VERSION};

/// The generator's own version: the runtime is released with it, so it is
/// the default requirement on the runtime.
pub const GENERATOR_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A TOML basic string (JSON string escaping is valid TOML).
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// A TOML key: bare when it can be, quoted otherwise.
fn toml_key(text: &str) -> String {
    let bare = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        text.to_owned()
    } else {
        toml_string(text)
    }
}

fn toml_array(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| toml_string(item)).collect();
    format!("[{}]", items.join(", "))
}

/// The manifest: package metadata from the spec, and the three dependencies
/// generated code uses (the runtime, serde, serde_json). `overrides` replace
/// the spec's runtime version and source.
pub fn cargo_toml(ir: &Ir, overrides: &RuntimeDependency) -> String {
    let package = &ir.package;
    let mut manifest = format!(
        "[package]\nname = {}\nversion = {}\nedition = \"{EDITION}\"\nrust-version = \"{RUST_VERSION}\"\ndescription = {}\nlicense = {}\nreadme = \"README.md\"\n",
        toml_string(&package.name),
        toml_string(&package.version),
        toml_string(&package.description),
        toml_string(&package.license),
    );
    for (key, value) in [
        ("repository", &package.repository),
        ("homepage", &package.homepage),
        ("documentation", &package.documentation),
    ] {
        if let Some(value) = value {
            manifest.push_str(&format!("{key} = {}\n", toml_string(value)));
        }
    }
    for (key, values) in [
        ("keywords", &package.keywords),
        ("categories", &package.categories),
    ] {
        if !values.is_empty() {
            manifest.push_str(&format!("{key} = {}\n", toml_array(values)));
        }
    }
    if package.publish == Some(false) {
        manifest.push_str("publish = false\n");
    }
    // Nothing in a generated client depends on the platform: one target is
    // enough on docs.rs, and saves it four builds.
    manifest.push_str("\n[package.metadata.docs.rs]\ntargets = [\"x86_64-unknown-linux-gnu\"]\n");
    if ir.fake.is_some() {
        // docs.rs shows the fake too.
        manifest.push_str("features = [\"fake\"]\n");
    }
    manifest.push_str(&format!(
        "\n[dependencies]\n{} = {}\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n",
        toml_key(&package.runtime.name),
        runtime_requirement(ir, overrides),
    ));
    if ir.fake.is_some() {
        manifest.push_str(&format!(
            "\n[features]\n# An in-process fake of the API for tests (the `fake` module); off by default,\n# so a build without it compiles no server.\nfake = [{}]\n",
            toml_string(&format!("{}/fake", package.runtime.name)),
        ));
    }
    manifest.push_str("\n[lints.rust]\nmissing_docs = \"deny\"\nunsafe_code = \"forbid\"\n");
    manifest
}

/// The runtime's dependency entry: always a version (so the crate can be
/// published), plus a path or git source when the spec or an override asks.
fn runtime_requirement(ir: &Ir, overrides: &RuntimeDependency) -> String {
    let runtime = &ir.package.runtime;
    let version = overrides
        .version
        .as_deref()
        .or(runtime.version.as_deref())
        .unwrap_or(GENERATOR_VERSION);
    let source = match &overrides.source {
        Some(source) => source.clone(),
        None => match (&runtime.path, &runtime.git) {
            (Some(path), _) => RuntimeSource::Path(path.clone()),
            (None, Some(url)) => RuntimeSource::Git(url.clone()),
            (None, None) => RuntimeSource::Registry,
        },
    };
    let source = match source {
        RuntimeSource::Registry => String::new(),
        RuntimeSource::Path(path) => format!(", path = {}", toml_string(&path)),
        RuntimeSource::Git(url) => format!(", git = {}", toml_string(&url)),
    };
    format!("{{ version = {}{source} }}", toml_string(version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_quoted_only_when_they_must_be() {
        assert_eq!(toml_key("telnyx-codegen-runtime"), "telnyx-codegen-runtime");
        assert_eq!(toml_key("a b"), "\"a b\"");
        assert_eq!(toml_key(""), "\"\"");
    }

    #[test]
    fn arrays_escape_their_items() {
        assert_eq!(
            toml_array(&["api".to_owned(), "a\"b".to_owned()]),
            r#"["api", "a\"b"]"#
        );
    }
}
