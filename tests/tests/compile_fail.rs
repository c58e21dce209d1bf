//! What the generated API refuses at compile time: a forgotten required
//! field, a struct literal (which a new field would break), `Default` on a
//! type with required fields, an enum match without a wildcard arm, and
//! encoding a type the client only receives as a request body.
//!
//! Each case in `tests/compile-fail/` starts with `// expect: E....`, the
//! error it must fail with. The cases are compiled as the binaries of one
//! throwaway crate that depends on `telnyx-sip`, in this test's own target
//! directory with the workspace's lock file, so the dependencies the tests
//! already built are reused. (trybuild, the usual tool, builds every
//! dependency a second time in a target directory of its own: measured 251 s
//! on this 2-core machine, against a few seconds here.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The target directory this test was built in (`<target>/<profile>/deps/<exe>`).
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| repo().join("target"))
}

/// Every case: its binary name, its file, and the error code it expects.
fn cases() -> Vec<(String, PathBuf, String)> {
    let dir = repo().join("tests/compile-fail");
    let mut cases: Vec<(String, PathBuf, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let code = text
                .lines()
                .next()
                .and_then(|line| line.strip_prefix("// expect: "))
                .unwrap_or_else(|| panic!("{}: no `// expect: E....` line", path.display()))
                .trim()
                .to_owned();
            let name = path
                .file_stem()
                .map(|stem| stem.to_string_lossy().replace('_', "-"))
                .unwrap_or_default();
            (name, path, code)
        })
        .collect();
    cases.sort();
    cases
}

#[test]
fn misuses_of_the_generated_api_do_not_compile() {
    let cases = cases();
    assert!(cases.len() >= 4, "cases: {cases:?}");
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let client = repo()
        .join("generated")
        .canonicalize()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut manifest = format!(
        "[package]\nname = \"compile-fail\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\ntelnyx-sip = {{ path = {:?} }}\n\n[workspace]\n",
        client.to_string_lossy()
    );
    for (name, path, _) in &cases {
        manifest.push_str(&format!(
            "\n[[bin]]\nname = {name:?}\npath = {:?}\n",
            path.to_string_lossy()
        ));
    }
    std::fs::write(temp.path().join("Cargo.toml"), manifest).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(repo().join("Cargo.lock"), temp.path().join("Cargo.lock"))
        .unwrap_or_else(|e| panic!("{e}"));

    // `build`, not `check`, to reuse the dependencies `cargo test` built.
    let output = Command::new(env!("CARGO"))
        .args([
            "build",
            "--offline",
            "--keep-going",
            "--message-format=json",
            "--bins",
        ])
        .current_dir(temp.path())
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    assert!(!output.status.success(), "every case compiled");

    // The error codes each binary failed with.
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let target = message["target"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if let Some(code) = message["message"]["code"]["code"].as_str() {
            found.entry(target).or_default().push(code.to_owned());
        }
    }
    for (name, path, code) in &cases {
        let codes = found.get(name).cloned().unwrap_or_default();
        assert!(
            codes.contains(code),
            "{} should fail with {code}; it failed with {codes:?}\n{}",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
