//! The `telnyx-codegen` command line: a thin wrapper over the library.

// The generator runs unattended in build scripts on what people write:
// nothing in it may panic on a spec. Tests may.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::todo,
    clippy::unimplemented
)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// Generates the typed Rust client crate from the YAML spec, or checks that
/// the committed output is exactly what the spec produces.
#[derive(Parser)]
#[command(name = "telnyx-codegen", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes the client crate generated from the spec into the output
    /// directory. Only changed files are written; on any error nothing is.
    Generate(Paths),
    /// Exits 0 when the output directory holds exactly what the spec
    /// produces; otherwise prints a unified diff per differing file and exits 1.
    Check {
        #[command(flatten)]
        paths: Paths,
        /// Print only the names of differing files, not their diffs.
        #[arg(long, short)]
        quiet: bool,
    },
}

#[derive(Args)]
struct Paths {
    /// The spec: a YAML file, or a directory whose *.yaml files are read in name order.
    #[arg(long, default_value = "spec")]
    spec: PathBuf,
    /// The output directory of the generated crate.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The exit codes are a contract (0 done, 1 problems, 2 usage), and a
    // panic would break it with 101. The library denies panicking
    // constructs, so a panic is a bug: the default hook still prints it (with
    // its location, for the report), and the run fails with 1, having
    // written nothing (writing is all or nothing and cannot panic).
    let outcome = std::panic::catch_unwind(|| match cli.command {
        Command::Generate(paths) => generate(&paths),
        Command::Check { paths, quiet } => check(&paths, quiet),
    });
    outcome.unwrap_or_else(|_| {
        eprintln!(
            "error: internal error in telnyx-codegen (a bug, not a problem in your spec); please report it with the spec that triggers it"
        );
        ExitCode::FAILURE
    })
}

fn config(paths: &Paths) -> telnyx_codegen::Config {
    let mut config = telnyx_codegen::Config::new();
    config
        .spec(&paths.spec)
        .out_dir(&paths.out)
        .rerun_if_changed(false);
    config
}

fn generate(paths: &Paths) -> ExitCode {
    match config(paths).run() {
        Ok(summary) => {
            eprintln!(
                "telnyx-codegen: {} of {} files changed in {}",
                summary.written,
                summary.total,
                paths.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprint!("{err}");
            ExitCode::FAILURE
        }
    }
}

fn check(paths: &Paths, quiet: bool) -> ExitCode {
    let files = match config(paths).generate() {
        Ok((files, _)) => files,
        Err(err) => {
            eprint!("{err}");
            return ExitCode::FAILURE;
        }
    };
    let differences = telnyx_codegen::write::check_files(&paths.out, &files);
    if differences.is_empty() {
        eprintln!(
            "telnyx-codegen: {} is up to date with {}",
            paths.out.display(),
            paths.spec.display()
        );
        return ExitCode::SUCCESS;
    }
    for difference in &differences {
        if quiet {
            println!("{}", difference.path);
        } else {
            print!("{}", difference.diff);
        }
    }
    eprintln!(
        "telnyx-codegen: {} file(s) differ from what {} produces; run `cargo run -p telnyx-codegen -- generate`",
        differences.len(),
        paths.spec.display()
    );
    ExitCode::FAILURE
}
