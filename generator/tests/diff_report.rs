//! The corpus of spec pairs in `tests/diff_cases/`: one rule of
//! `telnyx-codegen diff` per case. Every case runs the real binary on its
//! `old/` and `new/` spec (from the case's directory, so the report names
//! them `old` and `new`) and must print exactly its `expected.txt`, and
//! its `expected.json` / `expected.md` when it has one. `about.txt` says
//! which rule the case is about.
//!
//! Together the cases must produce every change kind the comparison knows
//! (`ChangeKind::ALL`): a new rule comes with its case.
//!
//! `DIFF_CASES_BLESS=1 cargo test -p telnyx-codegen --test diff_report`
//! rewrites the expectations from the current output; review the result
//! with `git diff` before committing it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use telnyx_codegen::diff::ChangeKind;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff_cases")
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap_or_else(|e| panic!("{e:?}"))
        .map(|entry| entry.unwrap_or_else(|e| panic!("{e:?}")).path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() > 10, "the corpus is missing");
    cases
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_telnyx-codegen"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e:?}"))
}

fn stdout(dir: &Path, args: &[&str]) -> String {
    let output = run(dir, args);
    assert!(
        output.status.success(),
        "{} {args:?} exited with {:?}: {}",
        dir.display(),
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Compares with the expectation file, or rewrites it when blessing.
/// Returns a description of the mismatch, if any.
fn expect(file: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("DIFF_CASES_BLESS").is_some() {
        std::fs::write(file, actual).unwrap_or_else(|e| panic!("{e:?}"));
        return None;
    }
    let expected = std::fs::read_to_string(file).unwrap_or_default();
    (expected != actual).then(|| {
        format!(
            "{}:\n{}",
            file.display(),
            similar::TextDiff::from_lines(expected.as_str(), actual)
                .unified_diff()
                .header("expected", "actual")
        )
    })
}

#[test]
fn every_case_prints_its_expected_report() {
    let mut failures = Vec::new();
    for case in cases() {
        assert!(
            case.join("about.txt").is_file(),
            "{}: no about.txt",
            case.display()
        );
        let text = stdout(&case, &["diff", "old", "new"]);
        failures.extend(expect(&case.join("expected.txt"), &text));
        for (file, format) in [("expected.json", "json"), ("expected.md", "markdown")] {
            if case.join(file).is_file() {
                let output = stdout(&case, &["diff", "old", "new", "--format", format]);
                failures.extend(expect(&case.join(file), &output));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_corpus_covers_every_change_kind() {
    let mut seen = BTreeSet::new();
    for case in cases() {
        let json = stdout(&case, &["diff", "old", "new", "--format", "json"]);
        let report: serde_json::Value =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e:?}"));
        for change in report["changes"]
            .as_array()
            .unwrap_or_else(|| panic!("no changes: {json}"))
        {
            seen.insert(
                change["kind"]
                    .as_str()
                    .unwrap_or_else(|| panic!("no kind: {json}"))
                    .to_owned(),
            );
        }
    }
    let missing: Vec<&str> = ChangeKind::ALL
        .iter()
        .map(|kind| kind.id())
        .filter(|id| !seen.contains(*id))
        .collect();
    assert!(missing.is_empty(), "no case shows: {missing:?}");
}

#[test]
fn reports_are_deterministic() {
    for name in ["docs_only", "path_param_added", "stream_removed"] {
        let case = cases_dir().join(name);
        let first = stdout(&case, &["diff", "old", "new", "--format", "json"]);
        let second = stdout(&case, &["diff", "old", "new", "--format", "json"]);
        assert_eq!(first, second, "{name}");
    }
}

#[test]
fn fail_on_sets_exit_code_4() {
    let code = |name: &str, args: &[&str]| {
        let mut all = vec!["diff", "old", "new"];
        all.extend_from_slice(args);
        run(&cases_dir().join(name), &all).status.code()
    };
    // Breaking changes fail `--fail-on breaking`; additions and docs do not.
    assert_eq!(code("field_removed", &["--fail-on", "breaking"]), Some(4));
    assert_eq!(
        code("field_added_optional", &["--fail-on", "breaking"]),
        Some(0)
    );
    assert_eq!(code("docs_only", &["--fail-on", "breaking"]), Some(0));
    // `any` fails on docs too, but not on a refactor that changes nothing.
    assert_eq!(code("docs_only", &["--fail-on", "any"]), Some(4));
    assert_eq!(code("refactor_field_sets", &["--fail-on", "any"]), Some(0));
    // Without --fail-on a report is a success whatever it says.
    assert_eq!(code("field_removed", &[]), Some(0));
}

#[test]
fn the_help_documents_exit_code_4() {
    let output = run(&cases_dir(), &["diff", "--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    for line in [
        "2  usage error",
        "4  diff --fail-on only",
        "--base <REV>",
        "--format",
    ] {
        assert!(help.contains(line), "`diff --help` lacks `{line}`:\n{help}");
    }
}

#[test]
fn usage_and_spec_errors_keep_their_exit_codes() {
    let case = cases_dir().join("field_removed");
    // One spec without --base is a usage error.
    let output = run(&case, &["diff", "old"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("two specs"));
    // --spec names the new spec of --base only, and not beside a SPEC.
    assert_eq!(
        run(&case, &["diff", "--spec", "new", "old", "new"])
            .status
            .code(),
        Some(2)
    );
    let output = run(&case, &["diff", "--base", "HEAD", "--spec", "new", "new"]);
    assert_eq!(output.status.code(), Some(2));
    // An invalid spec: exit 1, with the file and position.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e:?}"));
    std::fs::copy(case.join("old/spec.yaml"), dir.path().join("old.yaml"))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let broken = std::fs::read_to_string(case.join("new/spec.yaml"))
        .unwrap_or_else(|e| panic!("{e:?}"))
        .replace(
            "      name: { type: string, required: true, doc: The name. }",
            "      name: { type: strng, required: true, doc: The name. }",
        );
    std::fs::write(dir.path().join("new.yaml"), broken).unwrap_or_else(|e| panic!("{e:?}"));
    let output = run(dir.path(), &["diff", "old.yaml", "new.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("new.yaml:"), "{stderr}");
    assert!(stderr.contains("strng"), "{stderr}");
    assert!(output.stdout.is_empty());
}

/// `--base` reads the old spec from git's objects: a repository with two
/// commits of a spec, compared without checking the first out, and a
/// broken spec at a revision is reported as `rev:path:line:col`.
#[test]
fn base_reads_the_spec_at_a_git_revision() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let case = cases_dir().join("field_wire_renamed");
    let repo = tempfile::tempdir().unwrap_or_else(|e| panic!("{e:?}"));
    let git = |args: &[&str]| {
        let output = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(repo.path())
            .output()
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(output.status.success(), "git {args:?}: {output:?}");
    };
    let spec_dir = repo.path().join("api/spec");
    std::fs::create_dir_all(&spec_dir).unwrap_or_else(|e| panic!("{e:?}"));
    git(&["init", "-q"]);
    // A broken first commit, a good second one, and the working copy.
    std::fs::write(spec_dir.join("spec.yaml"), "package: [\n").unwrap_or_else(|e| panic!("{e:?}"));
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "broken"]);
    std::fs::copy(case.join("old/spec.yaml"), spec_dir.join("spec.yaml"))
        .unwrap_or_else(|e| panic!("{e:?}"));
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "old"]);
    std::fs::copy(case.join("new/spec.yaml"), spec_dir.join("spec.yaml"))
        .unwrap_or_else(|e| panic!("{e:?}"));

    // From a subdirectory: the path is taken from the current directory.
    let api = repo.path().join("api");
    let output = run(&api, &["diff", "--base", "HEAD", "spec"]);
    assert!(output.status.success(), "{output:?}");
    // `--spec spec` and the default are the same spec.
    let by_flag = run(&api, &["diff", "--base", "HEAD", "--spec", "spec"]);
    let by_default = run(&api, &["diff", "--base", "HEAD"]);
    assert_eq!(by_flag.stdout, output.stdout);
    assert_eq!(by_default.stdout, output.stdout);
    let text = String::from_utf8(output.stdout).unwrap_or_else(|e| panic!("{e:?}"));
    let expected = std::fs::read_to_string(case.join("expected.txt"))
        .unwrap_or_else(|e| panic!("{e:?}"))
        .replacen("old → new", "HEAD:api/spec → spec", 1);
    assert_eq!(text, expected);

    // A one-file spec at a revision reads the same.
    let file = run(&api, &["diff", "--base", "HEAD", "spec/spec.yaml"]);
    assert!(file.status.success(), "{file:?}");
    let text = String::from_utf8_lossy(&file.stdout);
    assert!(
        text.starts_with("telnyx-codegen diff: HEAD:api/spec/spec.yaml → spec/spec.yaml\n"),
        "{text}"
    );
    assert!(text.contains("field-wire-renamed Widget.title"), "{text}");

    let output = run(&api, &["diff", "--base", "HEAD~1", "spec"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("HEAD~1:api/spec/spec.yaml:"), "{stderr}");

    let output = run(&api, &["diff", "--base", "no-such-rev", "spec"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-rev"));
}

/// The repository's own spec against itself, and against the snapshot
/// fixture (every shape the generator handles): no change, and a report
/// that does not fail, either way round.
#[test]
fn real_specs_compare() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let spec = root.join("spec");
    let same = telnyx_codegen::diff::diff_paths(&spec, &spec).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        same.changes.is_empty() && same.docs.is_empty(),
        "{}",
        same.text()
    );
    assert_eq!(same.worst(), None);
    let fixture = root.join("tests/fixtures/snapshot/spec.yaml");
    for (old, new) in [(&spec, &fixture), (&fixture, &spec)] {
        let report = telnyx_codegen::diff::diff_paths(old, new).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            report.worst(),
            Some(telnyx_codegen::diff::ApiClass::Breaking)
        );
        let json: serde_json::Value =
            serde_json::from_str(&report.json()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            json["changes"].as_array().map(Vec::len),
            Some(report.changes.len())
        );
    }
}
