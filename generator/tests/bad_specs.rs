//! The corpus of bad specs in `tests/bad_specs/`: every case runs the real
//! binary and must exit 1 (never 101; `check` on a broken output exits 3,
//! "not what the spec produces"), print no panic, report each expected
//! message at its `file:line:col`, and leave the output directory — and
//! everything else in the case's directory — byte-for-byte untouched.
//!
//! A case is a directory holding `input/` (copied to a fresh temporary
//! directory, which is the working directory of the run) and `expect.yaml`:
//!
//! ```yaml
//! # What the case is about.
//! spec: spec.yaml          # --spec, relative to the working directory
//! out: out                 # --out (default `out`: a generated crate plus a user's file)
//! prepare: user_file       # optional: put a hand-written file where a generated one goes
//! problems: 1              # how many `error:` lines are printed
//! expect:
//!   - at: "spec.yaml:12:7"  # the start of the line, before `: error: `
//!     message: "unknown field `requird`"
//! ```
//!
//! Crash inputs found by the fuzzer are added here as regression cases.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    spec: String,
    #[serde(default)]
    out: Option<String>,
    #[serde(default)]
    prepare: Option<String>,
    problems: usize,
    expect: Vec<Expected>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    at: String,
    message: String,
}

/// No case may take longer than this (hostile input must stay cheap).
const TIME_LIMIT: Duration = Duration::from_secs(20);

/// Every file under `dir` with its bytes and modification time, sorted.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, Option<SystemTime>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files.push((path.clone(), Vec::new(), None));
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                let modified = entry.metadata().and_then(|m| m.modified()).ok();
                files.push((path, bytes, modified));
            }
        }
    }
    files.sort();
    files
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    for entry in std::fs::read_dir(from).into_iter().flatten().flatten() {
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_dir(&source, &target);
        } else if entry.file_name() != ".keep" {
            std::fs::copy(&source, &target).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        }
    }
}

/// The output directory of a normal case: a previous successful run plus a
/// file the user keeps there.
fn prepare_output(work: &Path, out: &str, prepare: Option<&str>) {
    let out = work.join(out);
    let (_spec_dir, spec) = common::spec_dir(common::VALID);
    telnyx_codegen::Config::new()
        .spec(&spec)
        .out_dir(&out)
        .rerun_if_changed(false)
        .run()
        .unwrap_or_else(|e| panic!("the fixture does not generate: {e}"));
    std::fs::write(out.join("NOTES.md"), "a file the user keeps here\n")
        .unwrap_or_else(|e| panic!("{e}"));
    if prepare == Some("user_file") {
        std::fs::write(out.join("src/spec.rs"), "// written by hand\n")
            .unwrap_or_else(|e| panic!("{e}"));
    }
}

/// Runs one case; returns what went wrong (empty when it passed).
fn run_case(dir: &Path) -> Vec<String> {
    let manifest = std::fs::read_to_string(dir.join("expect.yaml"))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let case: Case = serde_yaml::from_str(&manifest)
        .unwrap_or_else(|e| panic!("{}/expect.yaml: {e}", dir.display()));
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let work = temp.path();
    copy_dir(&dir.join("input"), work);
    let out = match &case.out {
        Some(out) => out.clone(),
        None => {
            prepare_output(work, "out", case.prepare.as_deref());
            "out".to_owned()
        }
    };
    let before = snapshot(work);

    let mut problems = Vec::new();
    for command in ["generate", "check"] {
        let started = Instant::now();
        let output = Command::new(env!("CARGO_BIN_EXE_telnyx-codegen"))
            .args([command, "--spec", &case.spec, "--out", &out])
            .current_dir(work)
            .output()
            .unwrap_or_else(|e| panic!("cannot run telnyx-codegen: {e}"));
        let elapsed = started.elapsed();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let mut problem = |what: String| problems.push(format!("{command}: {what}\n{stderr}"));
        // A broken output (not a spec problem) is what `check` calls stale: 3.
        let output_case = case.out.is_some() || case.prepare.is_some();
        let expected_code = if command == "check" && output_case {
            3
        } else {
            1
        };
        if output.status.code() != Some(expected_code) {
            problem(format!(
                "exit code {:?}, expected {expected_code}",
                output.status.code()
            ));
        }
        if stderr.contains("panicked") || stderr.contains("internal error") {
            problem("a panic or an internal error".to_owned());
        }
        if elapsed > TIME_LIMIT {
            problem(format!("took {elapsed:?}"));
        }
        if snapshot(work) != before {
            problem("the output directory (or an input) changed".to_owned());
        }
        // `check` on a broken output path reports differences, not errors.
        if command == "check" && output_case {
            continue;
        }
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|line| line.contains(" error: ") || line.starts_with("error: "))
            .collect();
        if errors.len() != case.problems {
            problem(format!(
                "{} `error:` lines, expected {}",
                errors.len(),
                case.problems
            ));
        }
        for expected in &case.expect {
            let prefix = format!("{}: error: ", expected.at);
            let found = errors
                .iter()
                .any(|line| line.starts_with(&prefix) && line.contains(&expected.message));
            if !found {
                problem(format!(
                    "no line starting `{prefix}` containing `{}`",
                    expected.message
                ));
            }
        }
    }
    problems
}

#[test]
fn every_bad_spec_gets_its_error_and_leaves_the_output_untouched() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_specs");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.join("expect.yaml").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 25, "only {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .flat_map(|case| {
            let name = case.file_name().unwrap_or_default().to_string_lossy();
            run_case(case)
                .into_iter()
                .map(move |problem| format!("[{name}] {problem}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
