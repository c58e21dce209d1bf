//! The builder for build scripts and the CLI alike, in the spirit of
//! prost-build's `Config`: both go through [`Config::generate`], so they
//! produce identical bytes.
//!
//! In a build script the output defaults to `OUT_DIR`, the headers of the
//! generated files say that the next build regenerates them,
//! and `cargo:rerun-if-changed` is printed for every spec and sample file
//! read and for the spec directory, and for nothing else: printing any such
//! line turns off Cargo's default "rerun on any change in the package", so
//! the downstream crate's own sources no longer rerun the generator.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::diagnostic::{Diagnostic, Error};
use crate::emit::{EmitOptions, Layout, Regenerate, RuntimeDependency, RuntimeSource};
use crate::format::GeneratedFile;

/// Configures and runs the generator.
///
/// ```no_run
/// // build.rs of a crate that depends on `telnyx-codegen-runtime`, `serde` and `serde_json`:
/// telnyx_codegen::Config::new()
///     .spec("spec")
///     .single_file("telnyx_sip.rs")
///     .run()?;
/// // src/lib.rs:  include!(concat!(env!("OUT_DIR"), "/telnyx_sip.rs"));
/// # Ok::<(), telnyx_codegen::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Config {
    spec: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    single_file: Option<String>,
    root_path: Option<String>,
    runtime_path: Option<String>,
    runtime_dependency: RuntimeDependency,
    rerun_if_changed: Option<bool>,
    build_script: Option<bool>,
}

/// What a run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSummary {
    /// Where the output went (the directory, or the single file).
    pub output: PathBuf,
    /// How many files were written (unchanged files are not rewritten).
    pub written: usize,
    /// How many files the spec produces.
    pub total: usize,
    /// Every input path read (spec files, samples, the spec directory).
    pub inputs: Vec<PathBuf>,
}

impl Config {
    /// A configuration with the defaults: spec `spec`, crate layout, output
    /// in `OUT_DIR`.
    pub fn new() -> Self {
        Self::default()
    }

    /// The spec: a YAML file, or a directory whose `*.yaml` files are read in name order.
    pub fn spec(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.spec = Some(path.into());
        self
    }

    /// The output directory (default: `OUT_DIR`).
    pub fn out_dir(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(path.into());
        self
    }

    /// Writes one file of items named `file_name` in the output directory,
    /// for `include!`, instead of a whole crate.
    pub fn single_file(&mut self, file_name: impl Into<String>) -> &mut Self {
        self.single_file = Some(file_name.into());
        self
    }

    /// The Rust path by which the generated modules name the generated
    /// items, e.g. `crate::api` for `mod api { include!(...); }`. Not
    /// needed: by default they use `super`, which is right wherever the
    /// file is included.
    pub fn root_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.root_path = Some(path.into());
        self
    }

    /// The Rust path of the runtime crate, e.g. `::my_sdk::runtime` when it
    /// is re-exported under another name. Default: from the spec's package.
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime_path = Some(path.into());
        self
    }

    /// The version requirement on the runtime in the generated `Cargo.toml`
    /// (crate layout), instead of the spec's `package.runtime.version`
    /// (default: this generator's version, which the runtime is released with).
    pub fn runtime_version(&mut self, requirement: impl Into<String>) -> &mut Self {
        self.runtime_dependency.version = Some(requirement.into());
        self
    }

    /// Where the generated `Cargo.toml` takes the runtime from, instead of
    /// the spec's `package.runtime.path` / `git`: crates.io (by version
    /// only), a directory (absolute, or relative to the output directory),
    /// or a git URL.
    pub fn runtime_source(&mut self, source: RuntimeSource) -> &mut Self {
        self.runtime_dependency.source = Some(source);
        self
    }

    /// Whether the output is made by a build script, so that the generated
    /// files' headers say the next build regenerates them instead of naming
    /// the CLI (default: when running inside a build script).
    pub fn build_script(&mut self, enabled: bool) -> &mut Self {
        self.build_script = Some(enabled);
        self
    }

    /// Whether to print `cargo:rerun-if-changed` lines (default: only when
    /// running inside a build script).
    pub fn rerun_if_changed(&mut self, enabled: bool) -> &mut Self {
        self.rerun_if_changed = Some(enabled);
        self
    }

    fn spec_path(&self) -> PathBuf {
        self.spec.clone().unwrap_or_else(|| PathBuf::from("spec"))
    }

    fn emit_options(&self) -> EmitOptions {
        EmitOptions {
            layout: match &self.single_file {
                Some(file_name) => Layout::SingleFile {
                    file_name: file_name.clone(),
                },
                None => Layout::Crate,
            },
            root_path: self.root_path.clone(),
            runtime_path: self.runtime_path.clone(),
            runtime_dependency: self.runtime_dependency.clone(),
            regenerate: if self.build_script.unwrap_or_else(in_build_script) {
                Regenerate::BuildScript
            } else {
                Regenerate::Cli
            },
        }
    }

    /// Runs the pipeline in memory and returns the files with the inputs
    /// read; writes nothing.
    ///
    /// # Errors
    ///
    /// Every problem in the spec, with file, line and column.
    pub fn generate(&self) -> Result<(Vec<GeneratedFile>, Vec<PathBuf>), Error> {
        let (mut spec, ir) = crate::load_ir(&self.spec_path())?;
        // Only the input list outlives loading: each stage's data is dropped
        // as soon as the next stage has what it needs, which bounds the
        // peak memory of a large spec.
        let inputs = std::mem::take(&mut spec.inputs);
        drop(spec);
        // Each thread emits a file as it formats it, so only a few files'
        // tokens exist at a time.
        let options = self.emit_options();
        let files = crate::format::emit_and_format(&crate::emit::Plan::new(&ir, &options))?;
        Ok((files, inputs))
    }

    /// Whether the output directory already holds exactly what [`Config::run`]
    /// would write, as proved by the stamp the last run left there (see
    /// [`crate::stamp`]): same generator build, same options, every input
    /// and output file hashing as recorded. Reads no YAML. `None` when it
    /// cannot be proved (no stamp, anything changed, no output directory).
    pub fn fresh_output(&self) -> Option<crate::stamp::Fresh> {
        let out_dir = self.resolved_out_dir().ok()?;
        crate::stamp::check(&out_dir, &self.stamp_name(), &self.stamp_key()?)
    }

    fn stamp_name(&self) -> String {
        crate::stamp::file_name(self.single_file.as_deref())
    }

    /// Everything about this run that could change the output besides the
    /// input files: the configuration and the options it resolves to.
    fn stamp_key(&self) -> Option<String> {
        crate::stamp::key(&format!("{self:?}\n{:?}", self.emit_options()))
    }

    /// Generates and writes the output, touching only files whose content
    /// changed; in a build script also prints `cargo:rerun-if-changed`.
    ///
    /// When the stamp of the last run proves the output up to date
    /// ([`Config::fresh_output`]), nothing is loaded or written; otherwise
    /// the whole pipeline runs and, after writing, records a new stamp.
    ///
    /// # Errors
    ///
    /// Problems in the spec (nothing is written then), no output directory
    /// (outside a build script without [`Config::out_dir`]), or a file that
    /// cannot be written.
    pub fn run(&self) -> Result<RunSummary, Error> {
        let rerun = self.rerun_if_changed.unwrap_or_else(in_build_script);
        let started = SystemTime::now();
        let out_dir = self.resolved_out_dir();
        let output = |out_dir: &Path| match &self.single_file {
            Some(file_name) => out_dir.join(file_name),
            None => out_dir.to_path_buf(),
        };
        if let Some(fresh) = self.fresh_output() {
            if rerun {
                print_rerun_if_changed(&fresh.inputs);
            }
            let out_dir = out_dir?;
            return Ok(RunSummary {
                output: output(&out_dir),
                written: 0,
                total: fresh.files,
                inputs: fresh.inputs,
            });
        }
        let generated = self.generate();
        if rerun {
            // Printed even when the spec is broken, so that fixing it reruns the build script.
            match &generated {
                Ok((_, inputs)) => print_rerun_if_changed(inputs),
                Err(_) => print_rerun_if_changed(&[self.spec_path()]),
            }
        }
        let (files, inputs) = generated?;
        let out_dir = out_dir?;
        let written = crate::write::write_files(&out_dir, &files)?;
        if let Some(key) = self.stamp_key() {
            // Without a stamp the next run only takes longer.
            let _ =
                crate::stamp::record(&out_dir, &self.stamp_name(), &key, started, &inputs, &files);
        }
        Ok(RunSummary {
            output: output(&out_dir),
            written,
            total: files.len(),
            inputs,
        })
    }

    fn resolved_out_dir(&self) -> Result<PathBuf, Error> {
        match (&self.out_dir, std::env::var_os("OUT_DIR")) {
            (Some(dir), _) => Ok(dir.clone()),
            (None, Some(dir)) => Ok(Path::new(&dir).to_path_buf()),
            (None, None) => Err(Diagnostic::new(
                "no output directory: call `Config::out_dir`, or run inside a build script (OUT_DIR)",
            )
            .into()),
        }
    }
}

fn print_rerun_if_changed(inputs: &[PathBuf]) {
    for input in inputs {
        println!("cargo:rerun-if-changed={}", input.display());
    }
}

/// Whether this process is a build script. Cargo sets `OUT_DIR` for build
/// scripts, but also for the tests and binaries of a package that has one;
/// `TARGET` it sets for build scripts only.
fn in_build_script() -> bool {
    std::env::var_os("OUT_DIR").is_some() && std::env::var_os("TARGET").is_some()
}
