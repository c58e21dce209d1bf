//! Cross-check of `telnyx-codegen diff` at the Rust level: for a few
//! corpus cases (`tests/diff_cases/`), the crates generated from the old
//! and the new spec are given to `cargo-semver-checks`, which must find a
//! semver-major change exactly when `diff` calls the change breaking.
//!
//! Skipped, with the reason printed, when `cargo-semver-checks` is not
//! installed (CI does not install it: it builds ~300 crates). To run it:
//!
//! ```sh
//! cargo install cargo-semver-checks --locked
//! cargo test -p telnyx-codegen --test diff_semver_checks -- --nocapture
//! ```
//!
//! The generated crates build in `target/semver-checks/` (kept between
//! runs: about a minute the first time, seconds after).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or_else(|| panic!("the generator has a parent directory"))
        .to_path_buf()
}

fn run(command: &mut Command) -> (bool, String) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// Generates the crate of `spec` into `out`, its runtime taken from this
/// repository, with the workspace's lock file (the versions CI tests).
fn generate(spec: &Path, out: &Path) {
    let runtime = root().join("generator/runtime");
    let (ok, text) = run(Command::new(env!("CARGO_BIN_EXE_telnyx-codegen"))
        .args(["generate", "--spec"])
        .arg(spec)
        .arg("--out")
        .arg(out)
        .arg("--runtime-dir")
        .arg(&runtime));
    assert!(ok, "generate {}: {text}", spec.display());
    std::fs::copy(root().join("Cargo.lock"), out.join("Cargo.lock"))
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn cargo_semver_checks_agrees_on_breaking_changes() {
    let installed = Command::new("cargo")
        .args(["semver-checks", "--version"])
        .output()
        .is_ok_and(|output| output.status.success());
    if !installed {
        eprintln!(
            "skipped: cargo-semver-checks is not installed (cargo install cargo-semver-checks --locked)"
        );
        return;
    }
    let cases = root().join("generator/tests/diff_cases");
    // A breaking change, an addition, and wire-only changes behind kept
    // Rust names (a renamed field; a text type that now takes numbers);
    // a union that became a text type breaks.
    for (case, breaking) in [
        ("field_added_required", true),
        ("field_added_optional", false),
        ("field_wire_renamed", false),
        ("text_wire_widened", false),
        ("type_kind_union_to_text", true),
    ] {
        let dir = cases.join(case);
        let (ok, json) = run(Command::new(env!("CARGO_BIN_EXE_telnyx-codegen"))
            .args(["diff", "old", "new", "--format", "json"])
            .current_dir(&dir));
        assert!(ok, "{case}: {json}");
        let report: serde_json::Value =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{case}: {e}"));
        let worst = report["summary"]["worst"].as_str();
        assert_eq!(
            worst == Some("breaking"),
            breaking,
            "{case}: diff says {worst:?}"
        );

        let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (old, new) = (work.path().join("old"), work.path().join("new"));
        generate(&dir.join("old/spec.yaml"), &old);
        generate(&dir.join("new/spec.yaml"), &new);
        let (passed, text) = run(Command::new("cargo")
            .args(["semver-checks", "check-release", "--baseline-root"])
            .arg(&old)
            .arg("--manifest-path")
            .arg(new.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", root().join("target/semver-checks")));
        if breaking {
            assert!(
                !passed && text.contains("semver requires new major version"),
                "{case}: cargo-semver-checks finds no major change:\n{text}"
            );
        } else {
            assert!(
                passed,
                "{case}: cargo-semver-checks finds a major change:\n{text}"
            );
        }
        eprintln!("{case}: diff and cargo-semver-checks agree (breaking: {breaking})");
    }
}
