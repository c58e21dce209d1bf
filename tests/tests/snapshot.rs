//! The generator's output for a small fixture spec is committed under
//! `tests/snapshot/` (a crate that the workspace compiles with the same lints
//! as everything else) and reviewed like code; this test fails when the
//! generator's output for it changes, with a diff of what changed.
//!
//! To accept a change: `cargo run -p telnyx-codegen -- generate --spec
//! tests/fixtures/snapshot/spec.yaml --out tests/snapshot`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture() -> PathBuf {
    root().join("tests/fixtures/snapshot/spec.yaml")
}

#[test]
fn the_hostile_fixture_output_matches_its_committed_crate() {
    let spec = root().join("tests/fixtures/hostile");
    let files = telnyx_codegen::generate(&spec).unwrap_or_else(|err| panic!("{err}"));
    let differences = telnyx_codegen::write::check_files(&root().join("tests/hostile"), &files)
        .unwrap_or_else(|err| panic!("{err}"));
    let report: Vec<String> = differences.iter().map(|d| d.diff.clone()).collect();
    assert!(
        differences.is_empty(),
        "the hostile crate changed; review and accept with `cargo run -p telnyx-codegen -- generate --spec tests/fixtures/hostile --out tests/hostile`:\n{}",
        report.join("\n")
    );
}

#[test]
fn the_fixture_output_matches_the_committed_snapshot() {
    let files = telnyx_codegen::generate(&fixture()).unwrap_or_else(|err| panic!("{err}"));
    let differences = telnyx_codegen::write::check_files(&root().join("tests/snapshot"), &files)
        .unwrap_or_else(|err| panic!("{err}"));
    let report: Vec<String> = differences.iter().map(|d| d.diff.clone()).collect();
    assert!(
        differences.is_empty(),
        "the snapshot changed; review and accept with `cargo run -p telnyx-codegen -- generate --spec tests/fixtures/snapshot/spec.yaml --out tests/snapshot`:\n{}",
        report.join("\n")
    );
}

/// Every item name in a file, with the module path it sits in, recursing
/// into inline modules (`mod a { struct B }` gives `a::B`).
fn item_names(items: &[syn::Item], prefix: &str, out: &mut BTreeSet<String>) {
    for item in items {
        let name = match item {
            syn::Item::Struct(s) => s.ident.to_string(),
            syn::Item::Enum(e) => e.ident.to_string(),
            syn::Item::Type(t) => t.ident.to_string(),
            syn::Item::Fn(f) => f.sig.ident.to_string(),
            syn::Item::Mod(m) => {
                let path = format!("{prefix}{}::", m.ident);
                if let Some((_, inner)) = &m.content {
                    item_names(inner, &path, out);
                }
                out.insert(format!("{prefix}mod {}", m.ident));
                continue;
            }
            syn::Item::Impl(i) => {
                let self_ty = quote::ToTokens::to_token_stream(&i.self_ty).to_string();
                let trait_name = i
                    .trait_
                    .as_ref()
                    .map(|(_, path, _)| quote::ToTokens::to_token_stream(path).to_string())
                    .unwrap_or_default();
                for impl_item in &i.items {
                    if let syn::ImplItem::Fn(f) = impl_item {
                        out.insert(format!(
                            "{prefix}impl {trait_name} for {self_ty}::{}",
                            f.sig.ident
                        ));
                    }
                }
                continue;
            }
            syn::Item::Use(u) => format!("use {}", quote::ToTokens::to_token_stream(&u.tree)),
            _ => continue,
        };
        out.insert(format!("{prefix}{name}"));
    }
}

#[test]
fn one_file_and_a_directory_of_modules_hold_the_same_items() {
    let (directory, _) = telnyx_codegen::Config::new()
        .spec(fixture())
        .generate()
        .unwrap_or_else(|err| panic!("{err}"));
    let (single, _) = telnyx_codegen::Config::new()
        .spec(fixture())
        .single_file("all.rs")
        .generate()
        .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(single.len(), 1);

    let mut from_directory = BTreeSet::new();
    for file in directory.iter().filter(|f| f.path.ends_with(".rs")) {
        let parsed =
            syn::parse_file(&file.contents).unwrap_or_else(|err| panic!("{}: {err}", file.path));
        let module = file.path.trim_start_matches("src/").trim_end_matches(".rs");
        let prefix = if module == "lib" {
            String::new()
        } else {
            format!("{module}::")
        };
        item_names(&parsed.items, &prefix, &mut from_directory);
    }
    let mut from_single = BTreeSet::new();
    let parsed = syn::parse_file(&single[0].contents).unwrap_or_else(|err| panic!("{err}"));
    item_names(&parsed.items, "", &mut from_single);

    assert!(from_directory.contains("spec::Box") && from_directory.contains("client::Client"));
    assert_eq!(from_directory, from_single);
}
