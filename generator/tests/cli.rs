//! The command line contract: `generate` and `check`, exit codes, and that a
//! failed run leaves the output untouched.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{spec_dir, VALID};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_telnyx-codegen"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run telnyx-codegen: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file under `dir` with its bytes, sorted by path.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                files.push((
                    path.strip_prefix(dir)
                        .unwrap_or(&path)
                        .display()
                        .to_string(),
                    bytes,
                ));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn generate_then_check_passes_and_a_hand_edit_fails_check() {
    let (dir, spec) = spec_dir(VALID);
    let out = dir.path().join("out");
    let spec = spec.to_string_lossy().into_owned();
    let out_arg = out.to_string_lossy().into_owned();

    let generated = run(&["generate", "--spec", &spec, "--out", &out_arg]);
    assert!(generated.status.success(), "{}", text(&generated.stderr));
    assert!(out.join("src/lib.rs").exists() && out.join("Cargo.toml").exists());

    let clean = run(&["check", "--spec", &spec, "--out", &out_arg]);
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean.stderr));

    let module = out.join("src/spec.rs");
    let original = std::fs::read_to_string(&module).unwrap_or_default();
    std::fs::write(&module, original.replace("A widget.", "A gadget.")).unwrap_or_default();
    let dirty = run(&["check", "--spec", &spec, "--out", &out_arg]);
    assert_eq!(dirty.status.code(), Some(3), "stale output exits 3");
    let diff = text(&dirty.stdout);
    assert!(
        diff.contains("--- a/src/spec.rs\t(on disk)")
            && diff.contains("+++ b/src/spec.rs\t(generated from the spec)"),
        "{diff}"
    );
    assert!(
        diff.contains("-/// A gadget.") && diff.contains("+/// A widget."),
        "{diff}"
    );

    let quiet = run(&["check", "--quiet", "--spec", &spec, "--out", &out_arg]);
    assert_eq!(quiet.status.code(), Some(3));
    assert_eq!(text(&quiet.stdout), "src/spec.rs\n");
}

#[test]
fn a_bad_spec_exits_1_with_a_position_and_leaves_the_output_untouched() {
    let (dir, spec) = spec_dir(VALID);
    let out = dir.path().join("out");
    let out_arg = out.to_string_lossy().into_owned();
    let spec_arg = spec.to_string_lossy().into_owned();
    assert!(run(&["generate", "--spec", &spec_arg, "--out", &out_arg])
        .status
        .success());
    std::fs::write(out.join("NOTES.md"), "a user's file").unwrap_or_default();
    let before = snapshot(&out);

    std::fs::write(
        &spec,
        VALID.replace("response: Widget\n", "response: Nope\n"),
    )
    .unwrap_or_default();
    let failed = run(&["generate", "--spec", &spec_arg, "--out", &out_arg]);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = text(&failed.stderr);
    assert!(
        stderr.contains("spec.yaml:") && stderr.contains("unknown type `Nope`"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(snapshot(&out), before, "the output directory changed");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["generate", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(
        run(&["generate", "--color", "sometimes"]).status.code(),
        Some(2)
    );
    let both = run(&["generate", "--runtime-dir", "x", "--runtime-git", "y"]);
    assert_eq!(both.status.code(), Some(2), "{}", text(&both.stderr));
    let help = run(&["--help"]);
    assert!(text(&help.stdout).contains("generate") && text(&help.stdout).contains("check"));
}

#[test]
fn help_texts_are_whole_sentences_and_document_the_exit_codes() {
    for command in ["generate", "check"] {
        let help = text(&run(&[command, "--help"]).stdout);
        assert!(help.contains("Exit codes:"), "{help}");
        for code in [
            "0  done",
            "1  the spec has problems",
            "2  usage error",
            "3  check only",
        ] {
            assert!(
                help.contains(code),
                "`{command} --help` lacks `{code}`:\n{help}"
            );
        }
        // Every `Config` option has its flag.
        for flag in [
            "--spec",
            "--out",
            "--single-file",
            "--root-path",
            "--runtime-path",
            "--runtime-version",
            "--runtime-dir",
            "--runtime-git",
            "--runtime-registry",
            "--color",
        ] {
            assert!(help.contains(flag), "`{command} --help` lacks `{flag}`");
        }
    }
    let generate = text(&run(&["generate", "--help"]).stdout);
    assert!(
        generate.contains("On any error nothing is written"),
        "{generate}"
    );
}

#[test]
fn the_last_line_of_a_report_ends_in_a_newline() {
    let (dir, spec) = spec_dir(VALID);
    std::fs::write(
        &spec,
        VALID
            .replace("response: Widget\n", "response: Nope\n")
            .replace("type: Dtmf,", "type: Dtmff,"),
    )
    .unwrap_or_default();
    let out = dir.path().join("out");
    let failed = run(&[
        "generate",
        "--spec",
        &spec.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = text(&failed.stderr);
    assert!(stderr.ends_with(" problems found\n"), "{stderr:?}");
}

#[test]
fn color_is_off_for_a_pipe_and_on_when_asked() {
    let (dir, spec) = spec_dir(&VALID.replace("response: Widget\n", "response: Nope\n"));
    let spec = spec.to_string_lossy().into_owned();
    let out = dir.path().join("out").to_string_lossy().into_owned();
    let plain = run(&["generate", "--spec", &spec, "--out", &out]);
    assert!(
        !text(&plain.stderr).contains('\x1b'),
        "{}",
        text(&plain.stderr)
    );
    let never = run(&[
        "--color", "never", "generate", "--spec", &spec, "--out", &out,
    ]);
    assert!(!text(&never.stderr).contains('\x1b'));
    let always = run(&[
        "generate", "--color", "always", "--spec", &spec, "--out", &out,
    ]);
    assert_eq!(always.status.code(), Some(1));
    assert!(
        text(&always.stderr).contains("\x1b[1;31merror\x1b[0m"),
        "{:?}",
        text(&always.stderr)
    );
}

#[test]
fn check_of_a_missing_output_directory_says_so_in_one_line() {
    let (dir, spec) = spec_dir(VALID);
    let missing = dir.path().join("nowhere");
    let checked = run(&[
        "check",
        "--spec",
        &spec.to_string_lossy(),
        "--out",
        &missing.to_string_lossy(),
    ]);
    assert_eq!(checked.status.code(), Some(3));
    assert_eq!(text(&checked.stdout), "", "no diff is printed");
    let stderr = text(&checked.stderr);
    assert!(
        stderr.contains("nowhere: error: the output directory does not exist"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn every_config_option_is_a_flag() {
    let (dir, spec) = spec_dir(VALID);
    let spec = spec.to_string_lossy().into_owned();
    let out = dir.path().join("out");
    let out_arg = out.to_string_lossy().into_owned();
    let read = |path: &str| std::fs::read_to_string(out.join(path)).unwrap_or_default();

    let single = run(&[
        "generate",
        "--spec",
        &spec,
        "--out",
        &out_arg,
        "--single-file",
        "demo.rs",
        "--root-path",
        "crate::api",
        "--runtime-path",
        "::my_sdk::runtime",
    ]);
    assert!(single.status.success(), "{}", text(&single.stderr));
    let code = read("demo.rs");
    assert!(
        code.contains("pub use ::my_sdk::runtime as runtime;"),
        "{code}"
    );
    assert!(code.contains("crate::api::Widget"), "{code}");
    assert!(
        !out.join("Cargo.toml").exists(),
        "a single file, not a crate"
    );

    let manifest = |flags: &[&str]| {
        let mut args = vec!["generate", "--spec", &spec, "--out", &out_arg];
        args.extend_from_slice(flags);
        let generated = run(&args);
        assert!(generated.status.success(), "{}", text(&generated.stderr));
        read("Cargo.toml")
    };
    let dependency = |manifest: &str| {
        manifest
            .lines()
            .find(|line| line.starts_with("telnyx-codegen-runtime = "))
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        dependency(&manifest(&[])),
        r#"telnyx-codegen-runtime = { version = "0.1.0" }"#
    );
    assert_eq!(
        dependency(&manifest(&[
            "--runtime-dir",
            "/opt/runtime",
            "--runtime-version",
            "0.1"
        ])),
        r#"telnyx-codegen-runtime = { version = "0.1", path = "/opt/runtime" }"#
    );
    assert_eq!(
        dependency(&manifest(&["--runtime-git", "https://example.com/r.git"])),
        r#"telnyx-codegen-runtime = { version = "0.1.0", git = "https://example.com/r.git" }"#
    );
}

#[test]
fn the_spec_chooses_the_runtime_source_and_the_registry_flag_overrides_it() {
    let spec_text = VALID.replace(
        "    name: telnyx-codegen-runtime\n    version: 0.1.0\n",
        "    path: ../runtime\n",
    );
    assert_ne!(spec_text, VALID);
    let (dir, spec) = spec_dir(&spec_text);
    let spec = spec.to_string_lossy().into_owned();
    let out = dir.path().join("out");
    let out_arg = out.to_string_lossy().into_owned();
    let manifest = |flags: &[&str]| {
        let mut args = vec!["generate", "--spec", &spec, "--out", &out_arg];
        args.extend_from_slice(flags);
        let generated = run(&args);
        assert!(generated.status.success(), "{}", text(&generated.stderr));
        std::fs::read_to_string(out.join("Cargo.toml")).unwrap_or_default()
    };
    // No version in the spec: the generator's own, which the runtime shares.
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        manifest(&[]).contains(&format!(
            "telnyx-codegen-runtime = {{ version = \"{version}\", path = \"../runtime\" }}"
        )),
        "{}",
        manifest(&[])
    );
    assert!(manifest(&["--runtime-registry"]).contains(&format!(
        "telnyx-codegen-runtime = {{ version = \"{version}\" }}"
    )));

    let (_dir, both) = spec_dir(&VALID.replace(
        "    version: 0.1.0\nclient:",
        "    path: ../runtime\n    git: https://example.com/r.git\nclient:",
    ));
    let failed = run(&[
        "generate",
        "--spec",
        &both.to_string_lossy(),
        "--out",
        &out_arg,
    ]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        text(&failed.stderr).contains("either `path` or `git`, not both"),
        "{}",
        text(&failed.stderr)
    );
}

#[test]
fn regenerating_writes_only_changed_files_and_removes_only_stale_generated_ones() {
    let (dir, spec) = spec_dir(VALID);
    let out = dir.path().join("out");
    let out_arg = out.to_string_lossy().into_owned();
    let spec_arg = spec.to_string_lossy().into_owned();
    assert!(run(&["generate", "--spec", &spec_arg, "--out", &out_arg])
        .status
        .success());
    let modified = |p: &str| {
        std::fs::metadata(out.join(p))
            .and_then(|m| m.modified())
            .ok()
    };
    let cargo_toml_time = modified("Cargo.toml");
    std::fs::write(
        out.join("src/old.rs"),
        "// @generated by telnyx-codegen from `old.yaml`.\n",
    )
    .unwrap_or_default();
    std::fs::write(out.join("src/mine.rs"), "// written by hand\n").unwrap_or_default();

    std::fs::write(
        &spec,
        VALID.replace("doc: A widget.", "doc: A better widget."),
    )
    .unwrap_or_default();
    let again = run(&["generate", "--spec", &spec_arg, "--out", &out_arg]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(
        text(&again.stderr).contains("1 of 5 files changed"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(
        modified("Cargo.toml"),
        cargo_toml_time,
        "an unchanged file was rewritten"
    );
    assert!(
        !out.join("src/old.rs").exists(),
        "a stale generated file was kept"
    );
    assert!(
        out.join("src/mine.rs").exists(),
        "a hand-written file was removed"
    );
}

#[test]
fn generation_is_deterministic() {
    let (_dir, spec) = spec_dir(VALID);
    let first = telnyx_codegen::generate(&spec).unwrap_or_default();
    let second = telnyx_codegen::generate(&spec).unwrap_or_default();
    assert!(!first.is_empty());
    assert_eq!(first, second);
}

#[test]
fn a_failure_half_way_through_writing_is_rolled_back() {
    let (dir, spec) = spec_dir(VALID);
    let out = dir.path().join("out");
    let out_arg = out.to_string_lossy().into_owned();
    let spec_arg = spec.to_string_lossy().into_owned();
    assert!(run(&["generate", "--spec", &spec_arg, "--out", &out_arg])
        .status
        .success());
    // Every generated file now differs from what the spec produces, so every
    // one is rewritten; the last one cannot be, because a directory is in
    // its place, and by then the others have been swapped in.
    let files = telnyx_codegen::generate(&spec).unwrap_or_default();
    let last = files.last().map(|f| f.path.clone()).unwrap_or_default();
    for file in &files {
        let path = out.join(&file.path);
        let edited = format!("{}\n// edited\n", file.contents);
        std::fs::write(&path, edited).unwrap_or_default();
    }
    std::fs::remove_file(out.join(&last)).unwrap_or_default();
    std::fs::create_dir_all(out.join(&last)).unwrap_or_default();
    std::fs::write(out.join(&last).join("inside.txt"), "x").unwrap_or_default();
    std::fs::write(out.join("NOTES.md"), "a user's file").unwrap_or_default();
    let before = snapshot(&out);

    let failed = run(&["generate", "--spec", &spec_arg, "--out", &out_arg]);
    let stderr = text(&failed.stderr);
    assert_eq!(failed.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot replace"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        snapshot(&out),
        before,
        "a half-finished write was left behind"
    );
}

#[test]
fn duplicates_prints_the_figure_and_the_repo_spec_stays_under_five_percent() {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec");
    let output = run(&["duplicates", "--spec", spec, "--max-percent", "5"]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        text(&output.stderr)
    );
    assert!(
        stdout.contains("field and parameter definitions") && stdout.contains('%'),
        "{stdout}"
    );

    // Two identical definitions out of three: 66.7 %, over any threshold below it.
    let (_dir, copies) = spec_dir(
        "types:\n  A:\n    fields:\n      x: { type: string }\n      y: { type: integer }\n  B:\n    fields:\n      x: { type: string }\n",
    );
    let copies = copies.to_string_lossy().into_owned();
    let listed = run(&[
        "duplicates",
        "--spec",
        &copies,
        "--list",
        "--max-percent",
        "50",
    ]);
    let stdout = text(&listed.stdout);
    assert_eq!(listed.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("2 of 3"), "{stdout}");
    assert!(
        stdout.contains("types.A.fields.x") && stdout.contains("types.B.fields.x"),
        "{stdout}"
    );
    assert!(!stdout.contains("types.A.fields.y"), "{stdout}");
}
