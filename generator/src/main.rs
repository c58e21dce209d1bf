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

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use telnyx_codegen::RuntimeSource;

// A quarter fewer instructions than glibc's malloc for what the pipeline
// allocates (many small strings, token trees and maps); see Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The exit codes, a contract for scripts and CI (documented in `--help`
/// and the README).
mod exit {
    /// The spec has problems, or the output cannot be written.
    pub const SPEC_INVALID: u8 = 1;
    // 2 is clap's: a usage error.
    /// `check`: the output directory differs from what the spec produces,
    /// or does not exist.
    pub const STALE: u8 = 3;
    /// `diff --fail-on`: changes of the class it names were found.
    pub const CHANGES: u8 = 4;
}

const EXIT_CODES: &str = "Exit codes:
  0  done (check: the output is up to date)
  1  the spec has problems (each reported as file:line:col), or the output cannot be written
  2  usage error (unknown command or flag)
  3  check only: the output differs from what the spec produces, or does not exist
  4  diff --fail-on only: changes of the named class were found (the report is printed)";

/// Generates a typed Rust client crate from a YAML spec, or checks that the
/// committed output is exactly what the spec produces.
#[derive(Parser)]
#[command(name = "telnyx-codegen", version, after_help = EXIT_CODES)]
struct Cli {
    /// When to color errors and diffs: `auto` colors a terminal unless
    /// NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

impl Color {
    fn enabled(self, stream_is_terminal: bool) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => stream_is_terminal && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Writes the code generated from the spec into the output directory.
    ///
    /// Only files whose content changed are written. On any error nothing
    /// is written, and every problem in the spec is reported with its file,
    /// line and column.
    #[command(after_help = EXIT_CODES)]
    Generate(Options),
    /// Checks that the output directory holds exactly what the spec produces.
    ///
    /// Exits 0 when it does. Otherwise prints a unified diff per differing
    /// file (`a/` is the file on disk, `b/` what the spec generates) and
    /// exits 3; run the same command with `generate` instead of `check` to
    /// update the output.
    #[command(after_help = EXIT_CODES)]
    Check {
        #[command(flatten)]
        options: Options,
        /// Print only the names of differing files, not their diffs.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Reports what changes between two specs for users of the generated
    /// crate and on the wire: every change classified as breaking, additive
    /// or wire-only (doc changes summarized), and the version bump it needs.
    ///
    /// `diff OLD NEW` compares two specs (files or directories);
    /// `diff --base REV [NEW]` compares the spec at NEW (default `spec`)
    /// with the same path at a git revision, read from git's objects.
    #[command(after_help = EXIT_CODES)]
    Diff(DiffArgs),
    /// Prints how many field and parameter definitions of the spec are
    /// byte-identical to another one (copies a doc fix would have to
    /// chase), and with `--list` where they are.
    Duplicates {
        /// The spec: a YAML file, or a directory whose *.yaml files are read
        /// in name order.
        #[arg(long, default_value = "spec", value_name = "PATH")]
        spec: PathBuf,
        /// Also list every group of copies, with the file and line of each.
        #[arg(long)]
        list: bool,
        /// Exit 1 when more than this percentage of the definitions are copies.
        #[arg(long, value_name = "PERCENT")]
        max_percent: Option<f64>,
    },
}

#[derive(Args)]
struct DiffArgs {
    /// The old spec and the new one; with `--base`, only the new one.
    #[arg(value_name = "SPEC", num_args = 0..=2)]
    specs: Vec<PathBuf>,
    /// Compare with the spec at this git revision (a commit, branch or
    /// tag, e.g. `origin/main`), at the same path as the new spec.
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// With `--base`: the new spec, as `generate --spec` takes it (the same
    /// as giving it as the one SPEC; default `spec`).
    #[arg(long, value_name = "PATH", requires = "base")]
    spec: Option<PathBuf>,
    /// How to print the report: for a terminal, a pull-request comment, or
    /// a script.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit 4 when there are breaking changes, or any change at all.
    #[arg(long, value_enum, value_name = "CLASS")]
    fail_on: Option<FailOn>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    /// Changes that may break code using the crate.
    Breaking,
    /// Any change, docs included.
    Any,
}

#[derive(Args)]
struct Options {
    /// The spec: a YAML file, or a directory whose *.yaml files are read in
    /// name order.
    #[arg(long, default_value = "spec", value_name = "PATH")]
    spec: PathBuf,
    /// The output directory: of the whole crate, or of the single file.
    #[arg(long, default_value = "generated", value_name = "DIR")]
    out: PathBuf,
    /// Write one file of items with this name (for `include!`) instead of a
    /// whole crate.
    #[arg(long, value_name = "FILE_NAME")]
    single_file: Option<String>,
    /// The Rust path by which generated modules name the generated items,
    /// e.g. `crate::api`. Not needed: the default, `super`, is right
    /// wherever the single file is included.
    #[arg(long, value_name = "RUST_PATH")]
    root_path: Option<String>,
    /// The Rust path of the runtime crate in the generated code, e.g.
    /// `::my_sdk::runtime` when another crate re-exports it (default: from
    /// the spec's `package.runtime.name`).
    #[arg(long, value_name = "RUST_PATH")]
    runtime_path: Option<String>,
    /// The version requirement on the runtime in the generated Cargo.toml
    /// (default: the spec's `package.runtime.version`, else this
    /// generator's version).
    #[arg(long, value_name = "REQUIREMENT")]
    runtime_version: Option<String>,
    /// Take the runtime from this directory in the generated Cargo.toml
    /// (absolute, or relative to the output directory), instead of the
    /// spec's `package.runtime` source.
    #[arg(long, value_name = "DIR", group = "runtime_source")]
    runtime_dir: Option<String>,
    /// Take the runtime from this git repository in the generated
    /// Cargo.toml, instead of the spec's `package.runtime` source.
    #[arg(long, value_name = "URL", group = "runtime_source")]
    runtime_git: Option<String>,
    /// Take the runtime from crates.io (by version only) in the generated
    /// Cargo.toml, ignoring a `path` or `git` in the spec.
    #[arg(long, group = "runtime_source")]
    runtime_registry: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = cli.color;
    // The exit codes are a contract (see EXIT_CODES), and a panic would
    // break it with 101. The library denies panicking constructs, so a
    // panic is a bug: the default hook still prints it (with its location,
    // for the report), and the run fails with 1, having written nothing
    // (writing is all or nothing and cannot panic).
    let outcome = std::panic::catch_unwind(|| match cli.command {
        Command::Generate(options) => generate(&options, color),
        Command::Check { options, quiet } => check(&options, quiet, color),
        Command::Diff(args) => diff(&args, color),
        Command::Duplicates {
            spec,
            list,
            max_percent,
        } => duplicates(&spec, list, max_percent, color),
    });
    outcome.unwrap_or_else(|_| {
        eprintln!(
            "error: internal error in telnyx-codegen (a bug, not a problem in your spec); please report it with the spec that triggers it"
        );
        ExitCode::from(exit::SPEC_INVALID)
    })
}

fn config(options: &Options) -> telnyx_codegen::Config {
    let mut config = telnyx_codegen::Config::new();
    config
        .spec(&options.spec)
        .out_dir(&options.out)
        .rerun_if_changed(false)
        .build_script(false);
    if let Some(file_name) = &options.single_file {
        config.single_file(file_name);
    }
    if let Some(path) = &options.root_path {
        config.root_path(path);
    }
    if let Some(path) = &options.runtime_path {
        config.runtime_path(path);
    }
    if let Some(requirement) = &options.runtime_version {
        config.runtime_version(requirement);
    }
    if let Some(dir) = &options.runtime_dir {
        config.runtime_source(RuntimeSource::Path(dir.clone()));
    } else if let Some(url) = &options.runtime_git {
        config.runtime_source(RuntimeSource::Git(url.clone()));
    } else if options.runtime_registry {
        config.runtime_source(RuntimeSource::Registry);
    }
    config
}

fn report_error(err: &telnyx_codegen::Error, color: Color) -> ExitCode {
    eprint!(
        "{}",
        err.render(color.enabled(std::io::stderr().is_terminal()))
    );
    ExitCode::from(exit::SPEC_INVALID)
}

fn generate(options: &Options, color: Color) -> ExitCode {
    match config(options).run() {
        Ok(summary) => {
            eprintln!(
                "telnyx-codegen: {} of {} files changed in {}",
                summary.written,
                summary.total,
                options.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => report_error(&err, color),
    }
}

fn check(options: &Options, quiet: bool, color: Color) -> ExitCode {
    let config = config(options);
    // A stamp left by `generate` from this very binary, with every input
    // and output file hashing as recorded, proves the output up to date
    // without generating it again; CI, working on a fresh clone, has none
    // and always compares the bytes.
    if config.fresh_output().is_some() {
        return up_to_date(options);
    }
    let files = match config.generate() {
        Ok((files, _)) => files,
        Err(err) => return report_error(&err, color),
    };
    let differences = match telnyx_codegen::write::check_files(&options.out, &files) {
        Ok(differences) => differences,
        Err(diagnostic) => {
            let stderr_color = color.enabled(std::io::stderr().is_terminal());
            eprintln!("{}", diagnostic.render(stderr_color));
            return ExitCode::from(exit::STALE);
        }
    };
    if differences.is_empty() {
        return up_to_date(options);
    }
    let paint = color.enabled(std::io::stdout().is_terminal());
    for difference in &differences {
        if quiet {
            println!("{}", difference.path);
        } else {
            print!("{}", colored_diff(&difference.diff, paint));
        }
    }
    eprintln!(
        "telnyx-codegen: {} file(s) in {} differ from what {} produces (`-` on disk, `+` generated); run the same command with `generate` instead of `check` to update them",
        differences.len(),
        options.out.display(),
        options.spec.display()
    );
    ExitCode::from(exit::STALE)
}

fn duplicates(
    spec: &std::path::Path,
    list: bool,
    max_percent: Option<f64>,
    color: Color,
) -> ExitCode {
    let report = match telnyx_codegen::load::duplicates::measure(spec) {
        Ok(report) => report,
        Err(err) => return report_error(&err, color),
    };
    if list {
        for group in &report.copies {
            println!("{} copies of:", group.len());
            for line in group.first().map_or("", |e| e.text.as_str()).lines() {
                println!("    {line}");
            }
            for entry in group {
                println!(
                    "  {}:{}:{} {}",
                    entry.file, entry.position.line, entry.position.column, entry.path
                );
            }
        }
    }
    println!(
        "{}: {} of {} field and parameter definitions ({:.1} %) are byte-identical to another; {} references without overrides define nothing and are not counted",
        spec.display(),
        report.duplicated(),
        report.definitions.len(),
        report.percent(),
        report.references
    );
    match max_percent {
        Some(max) if report.percent() > max => {
            eprintln!(
                "telnyx-codegen: more than {max} % of the definitions are copies; define each once and `use` it (spec/FORMAT.md, \"Reuse\")"
            );
            ExitCode::from(exit::SPEC_INVALID)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn diff(args: &DiffArgs, color: Color) -> ExitCode {
    let report = match (&args.base, &args.spec, args.specs.as_slice()) {
        (Some(rev), None, []) => {
            telnyx_codegen::diff::diff_base(rev, std::path::Path::new("spec"))
        }
        (Some(rev), Some(new), []) | (Some(rev), None, [new]) => {
            telnyx_codegen::diff::diff_base(rev, new)
        }
        (None, None, [old, new]) => telnyx_codegen::diff::diff_paths(old, new),
        _ => Cli::command()
            .error(
                clap::error::ErrorKind::WrongNumberOfValues,
                "diff takes two specs (OLD NEW), or --base REV and at most one (NEW, default `spec`)",
            )
            .exit(),
    };
    let report = match report {
        Ok(report) => report,
        Err(err) => return report_error(&err, color),
    };
    print!(
        "{}",
        match args.format {
            Format::Text => report.text(),
            Format::Markdown => report.markdown(),
            Format::Json => report.json(),
        }
    );
    let failed = match args.fail_on {
        None => false,
        Some(FailOn::Breaking) => report.worst() == Some(telnyx_codegen::diff::ApiClass::Breaking),
        Some(FailOn::Any) => report.worst().is_some(),
    };
    if failed {
        ExitCode::from(exit::CHANGES)
    } else {
        ExitCode::SUCCESS
    }
}

fn up_to_date(options: &Options) -> ExitCode {
    eprintln!(
        "telnyx-codegen: {} is up to date with {}",
        options.out.display(),
        options.spec.display()
    );
    ExitCode::SUCCESS
}

/// A unified diff with the usual terminal colors: headers bold, hunks cyan,
/// removed lines red, added lines green.
fn colored_diff(diff: &str, color: bool) -> String {
    if !color {
        return diff.to_owned();
    }
    let mut out = String::with_capacity(diff.len() + diff.len() / 4);
    for line in diff.split_inclusive('\n') {
        let code = if line.starts_with("---") || line.starts_with("+++") {
            "1"
        } else if line.starts_with("@@") {
            "36"
        } else if line.starts_with('-') {
            "31"
        } else if line.starts_with('+') {
            "32"
        } else {
            out.push_str(line);
            continue;
        };
        let (text, newline) = match line.strip_suffix('\n') {
            Some(text) => (text, "\n"),
            None => (line, ""),
        };
        out.push_str(&format!("\x1b[{code}m{text}\x1b[0m{newline}"));
    }
    out
}
