//! `generate-rss --spec DIR --out DIR [--no-validate]`: runs `generate`
//! in-process and prints the process's peak resident set size (`VmHWM` in
//! `/proc/self/status`).
//!
//! Without `--no-validate` it goes through the same `Config` as the CLI;
//! `scripts/bench.sh` uses that only where `/usr/bin/time -v` is missing.
//! With `--no-validate` it chains load → validate → IR → emit → format →
//! write itself and leaves out validation's item limit, so that a spec over
//! it (the synthetic 100x one) can still be measured. (Validation itself
//! still runs: the IR is built from the checked model it returns.)

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: generate-rss --spec DIR --out DIR [--no-validate]";

fn main() -> ExitCode {
    let mut spec = PathBuf::from("spec");
    let mut out = None;
    let mut validate = true;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-validate" => validate = false,
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
    let generated = if validate {
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
    let files = format::format_files(emit::emit(&ir, &emit::EmitOptions::default()))?;
    write::write_files(out, &files)?;
    Ok(())
}
