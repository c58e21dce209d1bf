//! The up-to-date check: a stamp file in the output directory records a
//! fingerprint of everything the output was made from, so that a run whose
//! inputs did not change (most build-script reruns, a second `generate`)
//! can stop before reading any YAML.
//!
//! The stamp holds, each as an XXH3-128 hash:
//!
//! - the **key**: this generator's version and build identity (the running
//!   executable's path, size, modification time and, on Unix, device and
//!   inode, so any rebuild of the generator or of a build script that links
//!   it changes it) together with every option of the run;
//! - every **input** read (each spec and sample file's bytes; the spec
//!   directory's list of entry names, so an added file counts);
//! - every **output** file's bytes, by its path in the output directory.
//!
//! A run is fresh only when the key matches, every input hashes as recorded,
//! every output file exists and hashes as recorded, and no stale generated
//! file waits to be removed. Anything else, including a missing, unreadable
//! or malformed stamp, means the whole pipeline runs: the stamp can only
//! skip work, never change what is written.
//!
//! Inputs are hashed after the pipeline has read them. To be sure the hashed
//! bytes are the bytes that were used, an input modified less than
//! [`RACY_WINDOW`] before the run started (or during it) is not trusted and
//! no stamp is written; the next run then regenerates and stamps. Git's
//! index treats "racily clean" files the same way.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use xxhash_rust::xxh3::{xxh3_128, Xxh3};

use crate::format::GeneratedFile;

/// The first line of every stamp; a new format gets a new number.
const FORMAT_LINE: &str = "telnyx-codegen stamp 1";

/// How much older than the run's start an input must be to be trusted:
/// more than the coarsest common timestamp granularity (2 s on FAT).
pub const RACY_WINDOW: Duration = Duration::from_secs(3);

/// The stamp's file name in the output directory: one per output, so two
/// single files generated into the same `OUT_DIR` keep separate stamps.
pub fn file_name(single_file: Option<&str>) -> String {
    match single_file {
        None => ".telnyx-codegen-stamp".to_owned(),
        Some(name) => {
            let safe: String = name
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            format!(".telnyx-codegen-stamp-{safe}")
        }
    }
}

/// The key of a run: the generator's build identity and the run's options.
/// `None` when the identity cannot be read: then nothing is ever skipped.
pub fn key(options: &str) -> Option<String> {
    let identity = generator_identity()?;
    let mut hasher = Xxh3::new();
    hasher.update(identity.as_bytes());
    hasher.update(&[0]);
    hasher.update(options.as_bytes());
    Some(hex(hasher.digest128()))
}

/// The running executable (the CLI, or the build script that links this
/// crate) with its size and times: a rebuild always changes them.
fn generator_identity() -> Option<String> {
    identity_of(&std::env::current_exe().ok()?)
}

fn identity_of(exe: &Path) -> Option<String> {
    let metadata = fs::metadata(exe).ok()?;
    let modified = metadata
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_nanos();
    #[cfg(unix)]
    let file_id = {
        use std::os::unix::fs::MetadataExt;
        format!("{}:{}", metadata.dev(), metadata.ino())
    };
    #[cfg(not(unix))]
    let file_id = String::new();
    Some(format!(
        "{} {} {} {modified} {file_id}",
        env!("CARGO_PKG_VERSION"),
        exe.display(),
        metadata.len()
    ))
}

fn hex(hash: u128) -> String {
    format!("{hash:032x}")
}

/// How an input is hashed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum InputKind {
    File,
    Dir,
}

impl InputKind {
    fn tag(self) -> &'static str {
        match self {
            InputKind::File => "in-file",
            InputKind::Dir => "in-dir",
        }
    }
}

/// The hash of an input as it is now: a file's bytes, or a directory's
/// sorted entry names.
fn hash_input(path: &Path, kind: InputKind) -> io::Result<u128> {
    match kind {
        InputKind::File => Ok(xxh3_128(&fs::read(path)?)),
        InputKind::Dir => {
            let mut names = fs::read_dir(path)?
                .map(|entry| entry.map(|entry| entry.file_name()))
                .collect::<io::Result<Vec<_>>>()?;
            names.sort();
            let mut hasher = Xxh3::new();
            for name in names {
                hasher.update(name_bytes(&name).as_ref());
                hasher.update(&[0]);
            }
            Ok(hasher.digest128())
        }
    }
}

/// A file name's exact bytes where the platform has them (two names that
/// are not UTF-8 must not hash alike).
#[cfg(unix)]
fn name_bytes(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(name.as_bytes())
}

#[cfg(not(unix))]
fn name_bytes(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(name.to_string_lossy().into_owned().into_bytes())
}

/// What a fresh stamp says about the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fresh {
    /// The inputs the output was made from, in the order they were read.
    pub inputs: Vec<PathBuf>,
    /// How many files the output has.
    pub files: usize,
}

/// Whether the output in `out` is exactly what a run with `key` would
/// write: `Some` only if the stamp `stamp_name` proves it (see the module
/// docs); any doubt is `None`.
pub fn check(out: &Path, stamp_name: &str, key: &str) -> Option<Fresh> {
    let text = fs::read_to_string(out.join(stamp_name)).ok()?;
    let mut lines = text.lines();
    if lines.next()? != FORMAT_LINE || lines.next()?.strip_prefix("key ")? != key {
        return None;
    }
    let mut inputs = Vec::new();
    let mut outputs = Vec::new();
    for line in lines {
        let (tag, rest) = line.split_once(' ')?;
        let (hash, path) = rest.split_once(' ')?;
        let hash = u128::from_str_radix(hash, 16).ok()?;
        match tag {
            "in-file" | "in-dir" => {
                let kind = if tag == "in-file" {
                    InputKind::File
                } else {
                    InputKind::Dir
                };
                let path = PathBuf::from(path);
                if hash_input(&path, kind).ok()? != hash {
                    return None;
                }
                inputs.push(path);
            }
            "out" => {
                if xxh3_128(&fs::read(out.join(path)).ok()?) != hash {
                    return None;
                }
                outputs.push(path);
            }
            _ => return None,
        }
    }
    if !crate::write::stale_generated_files(out, &|relative| outputs.contains(&relative)).is_empty()
    {
        return None;
    }
    Some(Fresh {
        inputs,
        files: outputs.len(),
    })
}

/// Writes the stamp `stamp_name` for `files`, just written to `out` from
/// `inputs` by a run with `key` that started at `started`. When the stamp
/// cannot prove anything (an input changed too recently, a path that does
/// not fit on one line), any old stamp is removed instead.
///
/// # Errors
///
/// Why no stamp was written; never fatal to a run, which only stays slower.
pub fn record(
    out: &Path,
    stamp_name: &str,
    key: &str,
    started: SystemTime,
    inputs: &[PathBuf],
    files: &[GeneratedFile],
) -> Result<(), String> {
    let result = stamp_text(key, started, inputs, files).and_then(|text| {
        write_atomically(out, stamp_name, &text).map_err(|err| format!("cannot write: {err}"))
    });
    if result.is_err() {
        let _ = fs::remove_file(out.join(stamp_name));
    }
    result
}

fn stamp_text(
    key: &str,
    started: SystemTime,
    inputs: &[PathBuf],
    files: &[GeneratedFile],
) -> Result<String, String> {
    let trusted_before = started.checked_sub(RACY_WINDOW).unwrap_or(UNIX_EPOCH);
    let mut text = format!("{FORMAT_LINE}\nkey {key}\n");
    for input in inputs {
        let Some(display) = input.to_str() else {
            return Err(format!("{}: not UTF-8", input.display()));
        };
        let display = one_line(display)?;
        let metadata = fs::metadata(input).map_err(|err| format!("{display}: {err}"))?;
        let modified = metadata
            .modified()
            .map_err(|err| format!("{display}: {err}"))?;
        if modified >= trusted_before {
            return Err(format!("{display}: modified too recently to be trusted"));
        }
        let kind = if metadata.is_dir() {
            InputKind::Dir
        } else {
            InputKind::File
        };
        let hash = hash_input(input, kind).map_err(|err| format!("{display}: {err}"))?;
        text.push_str(&format!("{} {} {display}\n", kind.tag(), hex(hash)));
    }
    for file in files {
        let path = one_line(&file.path)?;
        text.push_str(&format!(
            "out {} {path}\n",
            hex(xxh3_128(file.contents.as_bytes()))
        ));
    }
    Ok(text)
}

/// A path that fits the stamp's line format.
fn one_line(path: &str) -> Result<&str, String> {
    if path.contains(['\n', '\r']) {
        Err(format!("{path:?}: a line break in a path"))
    } else {
        Ok(path)
    }
}

/// Writes through a temporary file and a rename, so a reader never sees a
/// half-written stamp. Not fsynced: a stamp lost or emptied by a power cut
/// only makes the next run regenerate.
fn write_atomically(out: &Path, stamp_name: &str, text: &str) -> io::Result<()> {
    let mut temp = tempfile::Builder::new()
        .prefix(".telnyx-codegen-new-")
        .tempfile_in(out)?;
    temp.write_all(text.as_bytes())?;
    temp.persist(out.join(stamp_name))
        .map(drop)
        .map_err(|err| err.error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_identity_changes_with_any_rebuild_of_the_executable() {
        let dir = tempfile::tempdir().unwrap();
        let exe = dir.path().join("generator");
        fs::write(&exe, "build 1").unwrap();
        let first = identity_of(&exe).unwrap();
        assert!(first.starts_with(env!("CARGO_PKG_VERSION")));
        assert_eq!(identity_of(&exe).unwrap(), first);

        // Rebuilt in place, same size: the modification time differs.
        let later = SystemTime::now() + Duration::from_secs(5);
        fs::write(&exe, "build 2").unwrap();
        fs::File::options()
            .write(true)
            .open(&exe)
            .unwrap()
            .set_modified(later)
            .unwrap();
        let second = identity_of(&exe).unwrap();
        assert_ne!(second, first);

        // Replaced by a new file (as linkers and cargo do) with the same
        // size and time: on Unix the inode differs.
        let new = dir.path().join("new");
        fs::write(&new, "build 3").unwrap();
        fs::File::options()
            .write(true)
            .open(&new)
            .unwrap()
            .set_modified(later)
            .unwrap();
        fs::rename(&new, &exe).unwrap();
        if cfg!(unix) {
            assert_ne!(identity_of(&exe).unwrap(), second);
        }
    }

    #[test]
    fn the_key_covers_the_options() {
        assert_eq!(key("a"), key("a"));
        assert_ne!(key("a"), key("b"));
        assert!(key("a").is_some(), "the test binary has an identity");
    }

    #[test]
    fn stamp_names_stay_inside_the_directory() {
        assert_eq!(file_name(None), ".telnyx-codegen-stamp");
        assert_eq!(
            file_name(Some("../x/api.rs")),
            ".telnyx-codegen-stamp-.._x_api.rs"
        );
    }
}
