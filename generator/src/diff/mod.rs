//! The review report of a regeneration (`telnyx-codegen diff`): two specs
//! are loaded, validated and built into their IRs, and the IRs compared, so
//! a refactor of the spec that generates the same API (a field moved into a
//! field set, a file split in two) reports nothing. Every change is
//! classified for Rust code that uses the generated crate ([`ApiClass`])
//! and for the wire ([`WireEffect`]), and the changes together give the
//! version bump the crate needs ([`Bump`]).
//!
//! This module depends on the pipeline's stages up to [`ir`](crate::ir)
//! and on nothing after them.

pub mod change;
pub mod compare;
pub mod git;
pub mod report;
pub mod semver;
mod text;
mod usage;

use std::path::Path;

pub use change::{ApiClass, Change, ChangeKind, WireEffect};
pub use report::{Report, Verdict};
pub use semver::Bump;

use crate::diagnostic::Error;
use crate::ir::Ir;

/// Compares the spec at `old` with the spec at `new` (each a file or a
/// directory).
///
/// # Errors
///
/// Every problem of either spec, with file, line and column.
pub fn diff_paths(old: &Path, new: &Path) -> Result<Report, Error> {
    let (old_ir, new_ir) = both(load(old), load(new))?;
    Ok(Report::new(
        &old.display().to_string(),
        &new.display().to_string(),
        &old_ir,
        &new_ir,
    ))
}

/// Compares the spec at `path` as it was at the git revision `rev` with
/// the spec at `path` now.
///
/// # Errors
///
/// Git's problems, and every problem of either spec, with file, line and
/// column (`rev:path:line:col` for the old one).
pub fn diff_base(rev: &str, path: &Path) -> Result<Report, Error> {
    let ((label, old_ir), new_ir) = both(git::ir_at(rev, path), load(path))?;
    Ok(Report::new(
        &label,
        &path.display().to_string(),
        &old_ir,
        &new_ir,
    ))
}

fn load(path: &Path) -> Result<Ir, Error> {
    crate::load_ir(path).map(|(_, ir)| ir)
}

/// Both results, or every problem of both.
fn both<A, B>(a: Result<A, Error>, b: Result<B, Error>) -> Result<(A, B), Error> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(err), Ok(_)) | (Ok(_), Err(err)) => Err(err),
        (Err(mut first), Err(second)) => {
            first.diagnostics.extend(second.diagnostics);
            Err(first)
        }
    }
}
