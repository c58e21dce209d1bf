//! The spec as it was at a git revision, read from git's objects (no
//! checkout): the files under the spec's path at that revision are copied
//! into a temporary directory and loaded from there, and every problem is
//! reported as `<rev>:<path>:line:col`.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use crate::diagnostic::{Diagnostic, Error};
use crate::ir::Ir;

/// The largest file taken from git, as the loader's own limit.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The spec at `path` (as named from the current directory) as it was at
/// `rev`, loaded, validated and built; with the label that names it
/// (`rev:path/from/the/repository/root`).
///
/// # Errors
///
/// When git cannot be run or does not know the revision or the path, and
/// every problem of the spec at that revision.
pub fn ir_at(rev: &str, path: &Path) -> Result<(String, Ir), Error> {
    if rev.starts_with('-') || rev.contains(':') {
        return Err(Diagnostic::new(format!(
            "`{rev}` is not a revision (give a commit, branch or tag, e.g. HEAD~1 or origin/main)"
        ))
        .into());
    }
    let (top, prefix) = repository()?;
    let rel = repository_path(&top, &prefix, path)?;
    let label = format!("{rev}:{rel}");
    let object_type = git(&top, &["cat-file", "-t", &format!("{rev}:{rel}")])
        .map_err(|err| fail(&format!("cannot find `{label}` in git"), &err))?;
    // A directory spec is its whole tree; a file spec reads its samples
    // from its directory, so the JSON files there come along.
    let (listed, keep_json_only) = match object_type.trim() {
        "tree" => (rel.clone(), false),
        "blob" => (parent_of(&rel), true),
        other => {
            return Err(Diagnostic::new(format!(
                "`{label}` is a {other}, not a spec file or directory"
            ))
            .into())
        }
    };
    let mut args = vec!["ls-tree", "--full-tree", "-r", "-z", "-l", rev, "--"];
    if !listed.is_empty() {
        args.push(&listed);
    }
    let listing = git(&top, &args).map_err(|err| fail("cannot list the spec in git", &err))?;
    let mut blobs = Vec::new();
    for entry in listing.split('\0').filter(|e| !e.is_empty()) {
        let Some((meta, file)) = entry.split_once('\t') else {
            continue;
        };
        let fields: Vec<&str> = meta.split_whitespace().collect();
        let [mode, kind, oid, size] = fields.as_slice() else {
            continue;
        };
        let wanted = *kind == "blob"
            && *mode != "120000"
            && (!keep_json_only || file == rel || file.ends_with(".json"));
        if !wanted {
            continue;
        }
        if size
            .parse::<u64>()
            .map_or(true, |size| size > MAX_FILE_BYTES)
        {
            return Err(Diagnostic::new(format!(
                "file is {size} bytes; the limit is {MAX_FILE_BYTES}"
            ))
            .in_file(format!("{rev}:{file}"))
            .into());
        }
        blobs.push(((*oid).to_owned(), file.to_owned()));
    }
    let dir = tempfile::Builder::new()
        .prefix("telnyx-codegen-diff")
        .tempdir()
        .map_err(|err| Diagnostic::new(format!("cannot create a temporary directory: {err}")))?;
    let contents = cat_blobs(&top, blobs.iter().map(|(oid, _)| oid.as_str()))?;
    for ((_, file), bytes) in blobs.iter().zip(contents) {
        let target = dir.path().join(file);
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, bytes));
        if let Err(err) = written {
            return Err(
                Diagnostic::new(format!("cannot write a temporary copy: {err}"))
                    .in_file(&target)
                    .into(),
            );
        }
    }
    let spec = dir.path().join(&rel);
    match crate::load_ir(&spec) {
        Ok((_, ir)) => Ok((label, ir)),
        Err(mut err) => {
            for diagnostic in &mut err.diagnostics {
                let inside = diagnostic
                    .file
                    .as_ref()
                    .and_then(|file| file.strip_prefix(dir.path()).ok());
                if let Some(inside) = inside {
                    let name = inside.to_string_lossy().replace('\\', "/");
                    diagnostic.file = Some(PathBuf::from(format!("{rev}:{name}")));
                }
            }
            Err(err)
        }
    }
}

/// The repository's top directory and the current directory's path in it.
fn repository() -> Result<(PathBuf, String), Error> {
    let out = git(
        Path::new("."),
        &["rev-parse", "--show-toplevel", "--show-prefix"],
    )
    .map_err(|err| fail("--base needs a git repository", &err))?;
    let mut lines = out.lines();
    let top = PathBuf::from(lines.next().unwrap_or_default());
    let prefix = lines.next().unwrap_or_default().to_owned();
    Ok((top, prefix))
}

/// `path` as a path from the repository's root, with `/` separators.
fn repository_path(top: &Path, prefix: &str, path: &Path) -> Result<String, Error> {
    let joined = if path.is_absolute() {
        let top = top.canonicalize().unwrap_or_else(|_| top.to_path_buf());
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        match path.strip_prefix(&top) {
            Ok(inside) => inside.to_path_buf(),
            Err(_) => {
                return Err(Diagnostic::new("the spec is not inside the git repository")
                    .in_file(path)
                    .into())
            }
        }
    } else {
        Path::new(prefix).join(path)
    };
    let mut parts: Vec<String> = Vec::new();
    for component in joined.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::ParentDir if parts.pop().is_none() => {
                return Err(Diagnostic::new("the spec is not inside the git repository")
                    .in_file(path)
                    .into());
            }
            _ => {}
        }
    }
    Ok(parts.join("/"))
}

fn parent_of(rel: &str) -> String {
    rel.rsplit_once('/')
        .map(|(parent, _)| parent.to_owned())
        .unwrap_or_default()
}

fn fail(what: &str, err: &str) -> Error {
    Diagnostic::new(format!("{what}: {}", err.trim())).into()
}

/// Runs git in `dir`; its stdout, or its stderr when it fails.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|err| format!("cannot run git: {err}"))?;
    if output.status.success() {
        String::from_utf8(output.stdout).map_err(|_| "git printed something not UTF-8".to_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// The contents of the blobs, in order, by one `git cat-file --batch`.
fn cat_blobs<'a>(dir: &Path, oids: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>, Error> {
    let request: String = oids.map(|oid| format!("{oid}\n")).collect();
    let count = request.lines().count();
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|err| fail("cannot run git", &err.to_string()))?;
    let stdin = child.stdin.take();
    // Written from another thread: git answers while it reads, and would
    // block on a full pipe if nobody read its answers meanwhile.
    let writer = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            let _ = stdin.write_all(request.as_bytes());
        }
    });
    let mut contents = Vec::with_capacity(count);
    let read = child
        .stdout
        .take()
        .ok_or_else(|| "no output".to_owned())
        .and_then(|stdout| {
            let mut reader = BufReader::new(stdout);
            for _ in 0..count {
                contents.push(read_blob(&mut reader)?);
            }
            Ok(())
        });
    let _ = writer.join();
    let _ = child.wait();
    read.map_err(|err| fail("cannot read the spec from git", &err))?;
    Ok(contents)
}

/// One answer of `git cat-file --batch`: `<oid> blob <size>\n<bytes>\n`.
fn read_blob(reader: &mut impl BufRead) -> Result<Vec<u8>, String> {
    let mut header = String::new();
    reader
        .read_line(&mut header)
        .map_err(|err| err.to_string())?;
    let size = match header.split_whitespace().collect::<Vec<_>>().as_slice() {
        [_, "blob", size] => size
            .parse::<u64>()
            .ok()
            .filter(|size| *size <= MAX_FILE_BYTES)
            .ok_or_else(|| format!("unexpected answer `{}`", header.trim()))?,
        _ => return Err(format!("unexpected answer `{}`", header.trim())),
    };
    let mut bytes = Vec::new();
    reader
        .by_ref()
        .take(size)
        .read_to_end(&mut bytes)
        .map_err(|err| err.to_string())?;
    let mut newline = [0u8; 1];
    reader
        .read_exact(&mut newline)
        .map_err(|err| err.to_string())?;
    Ok(bytes)
}
