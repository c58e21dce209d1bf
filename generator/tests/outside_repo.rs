//! A crate generated outside this repository builds, by the route the README
//! documents: `telnyx-codegen generate --out <anywhere>`, with the runtime
//! from a directory (`--runtime-dir`; a published runtime would come from
//! crates.io by version, which needs the network).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The workspace root.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The target directory this test was built in (`<target>/<profile>/deps/<exe>`):
/// the generated crate is checked there too, so its dependencies are
/// already built.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| repo().join("target"))
}

#[test]
fn a_crate_generated_outside_the_repository_builds() {
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = temp.path().join("telnyx-sip");
    let runtime = repo()
        .join("generator/runtime")
        .canonicalize()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !out.starts_with(repo().canonicalize().unwrap_or_default()),
        "the output must be outside the repository"
    );

    let generated = Command::new(env!("CARGO_BIN_EXE_telnyx-codegen"))
        .arg("generate")
        .arg("--spec")
        .arg(repo().join("spec"))
        .arg("--out")
        .arg(&out)
        .arg("--runtime-dir")
        .arg(&runtime)
        .output()
        .unwrap_or_else(|e| panic!("cannot run telnyx-codegen: {e}"));
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap_or_default();
    assert!(
        manifest.contains(&format!(
            "path = {}",
            serde_json::to_string(&runtime.to_string_lossy()).unwrap_or_default()
        )),
        "{manifest}"
    );

    // The repository's lock file pins the versions its target directory
    // holds, so nothing but the generated crate is compiled. `build`, not
    // `check`: the workspace's tests have built the dependencies already,
    // while `check` would compile metadata-only copies of all of them
    // (measured: 14 s for the first `build` after `cargo test`, 46 s for
    // the first `check`; about 2 s for either when warm).
    std::fs::copy(repo().join("Cargo.lock"), out.join("Cargo.lock"))
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let checked = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    eprintln!(
        "cargo build of the generated crate: {:?}",
        started.elapsed()
    );
    assert!(
        checked.status.success(),
        "the generated crate does not build outside the repository:\n{}",
        String::from_utf8_lossy(&checked.stderr)
    );
}
