//! `generate-rss --spec DIR --out DIR [--no-validate] [--stages]`: runs
//! `generate` in-process and prints the process's peak resident set size
//! (`VmHWM` in `/proc/self/status`).
//!
//! `--stages` also prints, after each stage, the resident size then and the
//! peak during that stage (the peak is reset before each stage through
//! `/proc/self/clear_refs`), to show which stage holds the memory.
//!
//! Without `--no-validate` it goes through the same `Config` as the CLI;
//! `scripts/bench.sh` uses that only where `/usr/bin/time -v` is missing.
//! With `--no-validate` it chains load → validate → IR → emit → format →
//! write itself and leaves out validation's item limit, so that a spec over
//! it (the synthetic 100x one) can still be measured. (Validation itself
//! still runs: the IR is built from the checked model it returns.)

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: generate-rss --spec DIR --out DIR [--no-validate] [--stages]";

fn main() -> ExitCode {
    let mut spec = PathBuf::from("spec");
    let mut out = None;
    let mut validate = true;
    let mut stages = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-validate" => validate = false,
            "--stages" => stages = true,
            "--spec" | "--out" => {
                let Some(value) = args.next() else {
                    eprintln!("{USAGE}");
                    return ExitCode::FAILURE;
                };
                if arg == "--spec" {
                    spec = PathBuf::from(value);
                } else {
                    out = Some(PathBuf::from(value));
                }
            }
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::FAILURE;
            }
        }
    }
    let Some(out) = out else {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    };
    let generated = if stages {
        generate_by_stage(&spec, &out, validate)
    } else if validate {
        let mut config = telnyx_codegen::Config::new();
        config.spec(&spec).out_dir(&out).rerun_if_changed(false);
        config.run().map(drop)
    } else {
        generate_without_validation(&spec, &out)
    };
    if let Err(err) = generated {
        eprint!("{err}");
        return ExitCode::FAILURE;
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    match status.lines().find(|line| line.starts_with("VmHWM:")) {
        Some(line) => {
            let kb = line.trim_start_matches("VmHWM:").trim();
            println!("peak RSS (VmHWM): {kb}");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("generate-rss: no VmHWM in /proc/self/status on this system");
            ExitCode::FAILURE
        }
    }
}

/// The pipeline of `Config::run` without the item limit.
fn generate_without_validation(spec: &Path, out: &Path) -> Result<(), telnyx_codegen::Error> {
    use telnyx_codegen::{emit, format, ir, load, validate, write};
    let loaded = load::load(spec)?;
    let ir = ir::build(&validate::validate_with_limit(&loaded, usize::MAX)?)?;
    let options = emit::EmitOptions::default();
    let files = format::emit_and_format(&emit::Plan::new(&ir, &options))?;
    write::write_files(out, &files)?;
    Ok(())
}

/// The pipeline as `Config::generate` chains it (each stage's input dropped
/// once the next has what it needs), printing memory after each stage.
fn generate_by_stage(spec: &Path, out: &Path, limit: bool) -> Result<(), telnyx_codegen::Error> {
    use telnyx_codegen::{emit, format, ir, load, validate, write};
    let stage = |name: &str| {
        println!("{name:<9} {}", memory());
        // Writing 5 resets the peak (VmHWM) to the current size.
        let _ = std::fs::write("/proc/self/clear_refs", "5");
    };
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let loaded = load::load(spec)?;
    stage("load");
    let checked = if limit {
        validate::validate(&loaded)?
    } else {
        validate::validate_with_limit(&loaded, usize::MAX)?
    };
    stage("validate");
    let ir = ir::build(&checked)?;
    drop(checked);
    drop(loaded);
    stage("ir");
    let options = emit::EmitOptions::default();
    let files = format::emit_and_format(&emit::Plan::new(&ir, &options))?;
    drop(ir);
    stage("emit+format");
    write::write_files(out, &files)?;
    stage("write");
    Ok(())
}

/// `VmRSS` (now) and `VmHWM` (peak since the last reset), in MiB.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
            .map_or_else(|| "?".to_owned(), |kb| format!("{} MiB", kb / 1024))
    };
    format!(
        "now {:>8}, peak during the stage {:>8}",
        field("VmRSS:"),
        field("VmHWM:")
    )
}
