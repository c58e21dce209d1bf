//! The up-to-date stamp: a run with nothing changed is skipped, and any
//! change of an input, of an option or of an output file is noticed (each
//! test fails if the fingerprint ignored what it changes).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops at the first surprise, with its message"
)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::VALID;
use telnyx_codegen::Config;

/// A spec directory (`spec.yaml`, a sample, a second file) and an output
/// directory, both in one temporary directory.
struct Setup {
    _dir: tempfile::TempDir,
    spec: PathBuf,
    out: PathBuf,
}

fn with_sample(text: &str) -> String {
    text.replace(
        "        response: Widget\n",
        "        response: Widget\n        samples:\n          response: [samples/widget.json]\n",
    )
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    fs::create_dir_all(spec.join("samples")).unwrap();
    fs::write(spec.join("spec.yaml"), with_sample(VALID)).unwrap();
    fs::write(
        spec.join("samples/widget.json"),
        r#"{"id": "w1", "name": "abc", "dtmf": "SIP INFO", "port": null}"#,
    )
    .unwrap();
    let out = dir.path().join("out");
    let setup = Setup {
        _dir: dir,
        spec,
        out,
    };
    backdate(&setup.spec);
    setup
}

/// Moves the modification time of everything under `dir` (itself included)
/// a minute back: the stamp trusts only inputs older than the run.
fn backdate(dir: &Path) {
    let past = SystemTime::now() - Duration::from_secs(60);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            for entry in fs::read_dir(&path).unwrap() {
                stack.push(entry.unwrap().path());
            }
        }
        fs::File::open(&path).unwrap().set_modified(past).unwrap();
    }
}

fn config(setup: &Setup) -> Config {
    let mut config = Config::new();
    config
        .spec(&setup.spec)
        .out_dir(&setup.out)
        .rerun_if_changed(false)
        .build_script(false);
    config
}

/// Every file under `dir` with its bytes, the stamp left out.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if !entry
                .file_name()
                .to_string_lossy()
                .starts_with(".telnyx-codegen-stamp")
            {
                found.push((path.clone(), fs::read(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

/// A first run into an empty directory, which must leave a stamp.
fn generated(setup: &Setup) {
    let summary = config(setup).run().unwrap();
    assert!(summary.written > 0);
    assert!(
        config(setup).fresh_output().is_some(),
        "no usable stamp after a clean run"
    );
}

/// `check` of `change`: afterwards the stamp no longer proves the output
/// fresh, and a run writes exactly what a full generation produces.
fn assert_noticed(setup: &Setup, config: &Config, what: &str) {
    assert!(config.fresh_output().is_none(), "the stamp ignored {what}");
    config.run().unwrap();
    let (files, _) = config.generate().unwrap();
    for file in &files {
        assert_eq!(
            fs::read_to_string(setup.out.join(&file.path)).unwrap(),
            file.contents,
            "{} after {what}",
            file.path
        );
    }
}

#[test]
fn an_unchanged_run_is_skipped_and_reports_the_same_summary() {
    let setup = setup();
    let first = config(&setup).run().unwrap();
    let before = snapshot(&setup.out);
    let fresh = config(&setup).fresh_output().expect("a stamp");
    assert_eq!(fresh.inputs, first.inputs);
    assert_eq!(fresh.files, first.total);
    // The inputs include the sample and the spec directory.
    assert!(first
        .inputs
        .iter()
        .any(|p| p.ends_with("samples/widget.json")));
    assert!(first.inputs.contains(&setup.spec));

    let second = config(&setup).run().unwrap();
    assert_eq!(second.written, 0);
    assert_eq!(second.total, first.total);
    assert_eq!(second.inputs, first.inputs);
    assert_eq!(snapshot(&setup.out), before);
}

#[test]
fn a_skipped_run_proves_what_a_full_run_would_write() {
    let setup = setup();
    generated(&setup);
    let (files, _) = config(&setup).generate().unwrap();
    let mut expected: Vec<(PathBuf, Vec<u8>)> = files
        .iter()
        .map(|file| {
            (
                setup.out.join(&file.path),
                file.contents.clone().into_bytes(),
            )
        })
        .collect();
    expected.sort();
    assert_eq!(snapshot(&setup.out), expected);
}

#[test]
fn a_changed_spec_file_is_noticed() {
    let setup = setup();
    generated(&setup);
    let path = setup.spec.join("spec.yaml");
    let text = fs::read_to_string(&path).unwrap();
    // One byte of a doc string: the length stays the same.
    fs::write(&path, text.replace("A widget.", "A Widget.")).unwrap();
    backdate(&setup.spec);
    assert_noticed(&setup, &config(&setup), "an edited spec file");
}

#[test]
fn a_changed_sample_file_is_noticed() {
    let setup = setup();
    generated(&setup);
    fs::write(
        setup.spec.join("samples/widget.json"),
        r#"{"id": "w2", "name": "abc", "dtmf": "SIP INFO", "port": null}"#,
    )
    .unwrap();
    backdate(&setup.spec);
    assert_noticed(&setup, &config(&setup), "an edited sample");
}

#[test]
fn a_file_added_to_or_removed_from_the_spec_directory_is_noticed() {
    let setup = setup();
    generated(&setup);
    let extra = setup.spec.join("more.yaml");
    fs::write(
        &extra,
        "types:\n  Gadget:\n    fields:\n      id: { type: string }\n",
    )
    .unwrap();
    backdate(&setup.spec);
    assert_noticed(&setup, &config(&setup), "a new spec file");
    assert!(
        config(&setup).fresh_output().is_some(),
        "restamped after the run"
    );
    fs::remove_file(&extra).unwrap();
    backdate(&setup.spec);
    assert_noticed(&setup, &config(&setup), "a removed spec file");
}

#[test]
fn every_option_is_part_of_the_fingerprint() {
    type Change = fn(&mut Config);
    let changes: [(&str, Change); 7] = [
        ("root_path", |c| {
            c.root_path("crate::api");
        }),
        ("runtime_path", |c| {
            c.runtime_path("::my_sdk::runtime");
        }),
        ("runtime_version", |c| {
            c.runtime_version("=0.1.0");
        }),
        ("runtime_source", |c| {
            c.runtime_source(telnyx_codegen::RuntimeSource::Registry);
        }),
        ("build_script", |c| {
            c.build_script(true);
        }),
        ("single_file", |c| {
            c.single_file("api.rs");
        }),
        ("spec path", |c| {
            c.spec("elsewhere");
        }),
    ];
    let setup = setup();
    generated(&setup);
    for (what, change) in changes {
        let mut changed = config(&setup);
        change(&mut changed);
        assert!(
            changed.fresh_output().is_none(),
            "the stamp ignored the option {what}"
        );
    }
    // Options that resolve to the same output directory and the same values
    // are still recognised.
    assert!(config(&setup).fresh_output().is_some());
}

#[test]
fn an_edited_deleted_or_stale_output_file_is_noticed() {
    let setup = setup();
    generated(&setup);
    let lib = setup.out.join("src/lib.rs");
    let text = fs::read_to_string(&lib).unwrap();
    fs::write(&lib, text.replacen("pub", "pub ", 1)).unwrap();
    assert_noticed(&setup, &config(&setup), "an edited output file");

    fs::remove_file(setup.out.join("Cargo.toml")).unwrap();
    assert_noticed(&setup, &config(&setup), "a deleted output file");

    // A generated file the spec no longer produces: a full run removes it.
    let stale = setup.out.join("src/gone.rs");
    fs::write(&stale, "// @generated by telnyx-codegen from gone.yaml\n").unwrap();
    assert_noticed(&setup, &config(&setup), "a stale generated file");
    assert!(!stale.exists());
}

#[test]
fn a_stamp_from_another_generator_build_or_another_format_is_not_trusted() {
    let setup = setup();
    generated(&setup);
    let stamp = setup.out.join(".telnyx-codegen-stamp");
    let text = fs::read_to_string(&stamp).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    // The key is the generator's build identity with the options: another
    // build of the generator writes another key.
    lines[1] = format!("key {}", "0".repeat(32));
    fs::write(&stamp, lines.join("\n") + "\n").unwrap();
    assert!(config(&setup).fresh_output().is_none());

    config(&setup).run().unwrap();
    let text = fs::read_to_string(&stamp).unwrap();
    fs::write(&stamp, text.replacen("stamp 1", "stamp 0", 1)).unwrap();
    assert!(config(&setup).fresh_output().is_none());

    fs::write(&stamp, "garbage").unwrap();
    assert!(config(&setup).fresh_output().is_none());
}

#[test]
fn inputs_changed_just_before_the_run_are_not_stamped() {
    let setup = setup();
    // Written a moment ago: the bytes hashed after the run might not be the
    // bytes the run read, so no stamp is trusted.
    let path = setup.spec.join("spec.yaml");
    fs::write(&path, fs::read(&path).unwrap()).unwrap();
    let summary = config(&setup).run().unwrap();
    assert!(summary.written > 0);
    assert!(config(&setup).fresh_output().is_none());
    assert!(!setup.out.join(".telnyx-codegen-stamp").exists());
}

#[test]
fn single_files_in_one_directory_keep_separate_stamps() {
    let setup = setup();
    let mut first = config(&setup);
    first.single_file("a.rs");
    let mut second = config(&setup);
    second.single_file("b.rs");
    first.run().unwrap();
    second.run().unwrap();
    assert!(first.fresh_output().is_some());
    assert!(second.fresh_output().is_some());
}

#[test]
fn check_uses_the_stamp_but_still_sees_a_hand_edit() {
    let setup = setup();
    let run = |command: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_telnyx-codegen"))
            .arg(command)
            .arg("--spec")
            .arg(&setup.spec)
            .arg("--out")
            .arg(&setup.out)
            .output()
            .unwrap()
    };
    assert!(run("generate").status.success());
    assert!(setup.out.join(".telnyx-codegen-stamp").exists());
    let again = run("generate");
    assert!(
        String::from_utf8_lossy(&again.stderr).contains(" 0 of "),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(run("check").status.code(), Some(0));

    let readme = setup.out.join("README.md");
    let text = fs::read_to_string(&readme).unwrap();
    fs::write(&readme, text + "edited\n").unwrap();
    let check = run("check");
    assert_eq!(check.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("+edited")
            || String::from_utf8_lossy(&check.stdout).contains("-edited")
    );
}
