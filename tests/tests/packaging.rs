//! Ready for other people's machines: the declared MSRV is true, the README
//! states it, and every publishable crate carries what crates.io and docs.rs
//! need. (`cargo package` itself runs in `.ci/run`.)

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The crates published to crates.io, in dependency order, with their directories.
const PUBLISHED: [(&str, &str); 4] = [
    ("telnyx-codegen-derive", "generator/runtime/derive"),
    ("telnyx-codegen-runtime", "generator/runtime"),
    ("telnyx-codegen", "generator"),
    ("telnyx-sip", "generated"),
];

/// `cargo metadata` of the workspace, for the host platform only: other
/// platforms' dependencies may not be downloaded (the test runs offline).
fn metadata() -> Value {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let version = Command::new(rustc)
        .arg("-vV")
        .output()
        .unwrap_or_else(|e| panic!("cannot run rustc: {e}"));
    let version = String::from_utf8_lossy(&version.stdout).into_owned();
    let host = version
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .unwrap_or_else(|| panic!("no host in `rustc -vV`: {version}"));
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--offline",
            "--filter-platform",
            host,
        ])
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo metadata: {e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"))
}

/// `1.88` or `1.85.0` as comparable numbers.
fn version_key(version: &str) -> Vec<u64> {
    version
        .split('.')
        .map(|part| part.parse().unwrap_or_else(|e| panic!("{version}: {e}")))
        .collect()
}

fn package<'a>(metadata: &'a Value, name: &str) -> &'a Value {
    metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == name && p["source"].is_null())
        .unwrap_or_else(|| panic!("no workspace package {name}"))
}

#[test]
fn no_resolved_dependency_needs_a_newer_rust_than_the_workspace_declares() {
    let metadata = metadata();
    let declared = package(&metadata, "telnyx-codegen")["rust_version"]
        .as_str()
        .unwrap_or_else(|| panic!("the workspace declares no rust-version"))
        .to_owned();
    let packages = metadata["packages"].as_array().cloned().unwrap_or_default();
    assert!(packages.len() > 100, "the whole dependency graph is read");
    let too_new: Vec<String> = packages
        .iter()
        .filter_map(|p| {
            let needed = p["rust_version"].as_str()?;
            (version_key(needed) > version_key(&declared))
                .then(|| format!("{} {} needs {needed}", p["name"], p["version"]))
        })
        .collect();
    assert!(
        too_new.is_empty(),
        "the workspace declares rust-version {declared}, but: {too_new:?}; raise it (and the README), or pin older versions"
    );
    // The generated crates declare the same minimum as the generator.
    for name in ["telnyx-sip", "snapshot-client", "hostile-client"] {
        assert_eq!(package(&metadata, name)["rust_version"], declared.as_str());
    }
}

#[test]
fn the_readme_states_the_declared_rust_version() {
    let manifest = read("Cargo.toml");
    let declared = manifest
        .lines()
        .find_map(|line| line.strip_prefix("rust-version = "))
        .map(|value| value.trim_matches('"').to_owned())
        .unwrap_or_else(|| panic!("no rust-version in Cargo.toml"));
    let readme = read("README.md");
    assert!(
        readme.contains(&format!("Rust toolchain ({declared} or newer)")),
        "README.md must say `Rust toolchain ({declared} or newer)`"
    );
}

#[test]
fn the_readme_names_its_sources_publicly_not_by_a_folder_outside_the_repository() {
    let readme = read("README.md");
    assert!(
        !readme.contains("../shared"),
        "README.md points outside the repository"
    );
    assert!(readme.contains("https://developers.telnyx.com/"));
    // The build.rs recipe names a real version, not a placeholder.
    assert!(!readme.contains("git = \"…\""));
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        readme.contains(&format!(
            "telnyx-codegen = {{ version = \"{version}\", default-features = false }}"
        )),
        "the README's build.rs recipe names version {version}"
    );
}

#[test]
fn every_published_crate_has_its_metadata_license_files_and_readme() {
    let metadata = metadata();
    let apache = read("LICENSE-APACHE");
    let mit = read("LICENSE-MIT");
    assert!(apache.contains("Apache License") && apache.contains("Version 2.0, January 2004"));
    assert!(
        apache.contains("END OF TERMS AND CONDITIONS"),
        "the full text"
    );
    assert!(mit.contains("Permission is hereby granted, free of charge"));
    for (name, dir) in PUBLISHED {
        let package = package(&metadata, name);
        for key in ["description", "license", "documentation", "readme"] {
            assert!(
                package[key].as_str().is_some_and(|v| !v.is_empty()),
                "{name} has no {key}"
            );
        }
        for key in ["keywords", "categories"] {
            let values = package[key].as_array().map_or(0, Vec::len);
            assert!((1..=5).contains(&values), "{name}: {values} {key}");
        }
        assert!(
            package["metadata"]["docs"]["rs"].is_object(),
            "{name} has no [package.metadata.docs.rs]"
        );
        assert_eq!(package["license"], "MIT OR Apache-2.0", "{name}");
        assert_eq!(read(&format!("{dir}/LICENSE-APACHE")), apache, "{dir}");
        assert_eq!(read(&format!("{dir}/LICENSE-MIT")), mit, "{dir}");
        assert!(!read(&format!("{dir}/README.md")).is_empty(), "{dir}");
        // A path dependency on another of these crates also names the
        // version crates.io resolves it to.
        for dependency in package["dependencies"].as_array().into_iter().flatten() {
            if dependency["path"].is_string() {
                assert_ne!(dependency["req"], "*", "{name} -> {}", dependency["name"]);
            }
        }
    }
    for package in metadata["workspace_members"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let id = package.as_str().unwrap_or_default();
        let member = metadata["packages"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["id"] == id)
            .unwrap_or_else(|| panic!("{id}"));
        let name = member["name"].as_str().unwrap_or_default();
        if !PUBLISHED.iter().any(|(published, _)| *published == name) {
            assert_eq!(
                member["publish"],
                serde_json::json!([]),
                "{name} is not published, so it says `publish = false`"
            );
        }
    }
}

/// `cargo tree` of the generated crate's normal dependencies with their
/// features, with or without its `fake` feature.
fn generated_tree(with_fake: bool) -> String {
    let mut command = Command::new(env!("CARGO"));
    command
        .args([
            "tree",
            "-p",
            "telnyx-sip",
            "-e",
            "normal,features",
            "--offline",
        ])
        .current_dir(root());
    if with_fake {
        command.args(["--features", "fake"]);
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo tree: {e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_fake_and_its_server_are_compiled_only_with_the_fake_feature() {
    // hyper itself is there either way (reqwest's HTTP client); its server
    // side only when a user asks for the fake.
    let server = "hyper feature \"server\"";
    let plain = generated_tree(false);
    assert!(
        !plain.contains(server),
        "a server without the feature:\n{plain}"
    );
    let with_fake = generated_tree(true);
    assert!(
        with_fake.contains(server),
        "no server with the feature:\n{with_fake}"
    );
}
