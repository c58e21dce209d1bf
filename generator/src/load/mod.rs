//! Stage 1: reading the spec files (one file, or every `*.yaml` of a
//! directory in file-name order) and their sample payloads, and merging them
//! into one [`Spec`]. Only syntax and shape are checked here; meaning is
//! checked by [`crate::validate`].

pub mod locate;
pub mod schema;

use std::fs;
use std::path::{Component, Path, PathBuf};

use indexmap::IndexMap;

use crate::diagnostic::{Diagnostic, Error};
use locate::{PositionTree, Segment};
use schema::{ClientDef, GroupDef, Package, ResourceDef, SpecFile, TypeDef};

/// The largest spec or sample file read; bounds the memory any input costs.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// One spec file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path, as the user named it (used in messages).
    pub path: PathBuf,
    /// The file name relative to the spec root (used in generated headers,
    /// so output does not depend on where the spec was checked out).
    pub name: String,
    /// The module stem: the file name without its extension.
    pub stem: String,
    /// The text.
    pub text: String,
    /// Where each key is.
    pub positions: PositionTree,
}

/// A definition and the index of the file it came from.
#[derive(Debug, Clone)]
pub struct Located<T> {
    /// The definition.
    pub value: T,
    /// Index into [`Spec::files`].
    pub file: usize,
}

/// A sample payload read from disk.
#[derive(Debug, Clone)]
pub struct Sample {
    /// The path as written in the spec, relative to the spec root.
    pub name: String,
    /// The parsed JSON.
    pub json: serde_json::Value,
}

/// The whole spec, merged from its files, in file order.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The files, in the order they were read.
    pub files: Vec<SourceFile>,
    /// The package (exactly one).
    pub package: Located<Package>,
    /// The client (exactly one).
    pub client: Located<ClientDef>,
    /// API groups.
    pub groups: IndexMap<String, Located<GroupDef>>,
    /// Named types.
    pub types: IndexMap<String, Located<TypeDef>>,
    /// Resources.
    pub resources: IndexMap<String, Located<ResourceDef>>,
    /// Sample payloads by the name the spec uses for them.
    pub samples: IndexMap<String, Sample>,
    /// Every path read: the spec files, the sample files, and the spec
    /// directory itself (so a build script also reruns when a file is added).
    pub inputs: Vec<PathBuf>,
}

impl Spec {
    /// A diagnostic pointing at the value at `path` in file `file`.
    pub fn diagnostic_at(
        &self,
        file: usize,
        path: &[Segment],
        message: impl Into<String>,
    ) -> Diagnostic {
        locate_in(self.files.get(file), path, false, message.into())
    }

    /// A diagnostic pointing at the last key of `path` in file `file`.
    pub fn diagnostic_at_key(
        &self,
        file: usize,
        path: &[Segment],
        message: impl Into<String>,
    ) -> Diagnostic {
        locate_in(self.files.get(file), path, true, message.into())
    }
}

fn locate_in(
    source: Option<&SourceFile>,
    path: &[Segment],
    key: bool,
    message: String,
) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(message);
    diagnostic.spec_path = Some(render_path(path));
    if let Some(source) = source {
        diagnostic.file = Some(source.path.clone());
        let tree = &source.positions;
        diagnostic.position = if key {
            tree.locate_key(path)
        } else {
            tree.locate(path)
        };
        diagnostic.source_line = diagnostic
            .position
            .and_then(|pos| source.text.lines().nth(pos.line.saturating_sub(1)))
            .map(str::to_owned);
    }
    diagnostic
}

/// Renders a path as `resources.ips.operations[2].body`.
pub fn render_path(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

/// Shorthand for building paths: `path!["types", name, "fields"]`.
#[macro_export]
macro_rules! spec_path {
    ($($segment:expr),* $(,)?) => {{
        // Callers often only borrow the path; a Vec keeps one macro for both uses.
        #[allow(clippy::useless_vec)]
        let path = vec![$($crate::load::locate::Segment::from($segment)),*];
        path
    }};
}

impl From<&str> for Segment {
    fn from(key: &str) -> Self {
        Segment::Key(key.to_owned())
    }
}

impl From<&String> for Segment {
    fn from(key: &String) -> Self {
        Segment::Key(key.clone())
    }
}

impl From<usize> for Segment {
    fn from(index: usize) -> Self {
        Segment::Index(index)
    }
}

/// Reads and merges the spec at `path` (a file or a directory).
///
/// # Errors
///
/// Every file that cannot be read, is not UTF-8, is not valid YAML or does
/// not have the spec's shape, and every definition made twice, is reported.
pub fn load(path: &Path) -> Result<Spec, Error> {
    let (root, paths) = spec_files(path)?;
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    let mut parsed = Vec::new();
    for file_path in paths {
        match read_spec_file(&root, &file_path) {
            Ok((source, spec_file)) => {
                files.push(source);
                parsed.push(spec_file);
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if !diagnostics.is_empty() {
        return Err(Error { diagnostics });
    }
    let merged = merge(files, parsed)?;
    let samples = read_samples(&root, &merged)?;
    let mut inputs: Vec<PathBuf> = merged.files.iter().map(|f| f.path.clone()).collect();
    inputs.extend(samples.keys().map(|name| root.join(name)));
    if path.is_dir() {
        inputs.push(path.to_path_buf());
    }
    Ok(Spec {
        samples,
        inputs,
        ..merged
    })
}

/// The spec root (for samples) and the spec files to read, in name order.
fn spec_files(path: &Path) -> Result<(PathBuf, Vec<PathBuf>), Error> {
    let metadata = fs::metadata(path)
        .map_err(|err| Diagnostic::new(format!("cannot read the spec: {err}")).in_file(path))?;
    if metadata.is_file() {
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        return Ok((root, vec![path.to_path_buf()]));
    }
    let entries = fs::read_dir(path).map_err(|err| {
        Diagnostic::new(format!("cannot list the spec directory: {err}")).in_file(path)
    })?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|err| {
            Diagnostic::new(format!("cannot list the spec directory: {err}")).in_file(path)
        })?;
        let file = entry.path();
        let is_yaml = matches!(
            file.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        if is_yaml && file.is_file() {
            paths.push(file);
        }
    }
    paths.sort();
    if paths.is_empty() {
        return Err(Diagnostic::new("the spec directory has no .yaml files")
            .in_file(path)
            .into());
    }
    Ok((path.to_path_buf(), paths))
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let metadata = fs::metadata(path)
        .map_err(|err| Diagnostic::new(format!("cannot read: {err}")).in_file(path))?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::new(format!(
            "file is {} bytes; the limit is {MAX_FILE_BYTES}",
            metadata.len()
        ))
        .in_file(path));
    }
    fs::read(path).map_err(|err| Diagnostic::new(format!("cannot read: {err}")).in_file(path))
}

fn read_spec_file(root: &Path, path: &Path) -> Result<(SourceFile, SpecFile), Diagnostic> {
    let bytes = read_bounded(path)?;
    let text = String::from_utf8(bytes).map_err(|err| {
        Diagnostic::new(format!(
            "the file is not UTF-8 (invalid byte at offset {})",
            err.utf8_error().valid_up_to()
        ))
        .in_file(path)
    })?;
    let name = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let spec_file = parse_yaml(&text).map_err(|err| yaml_diagnostic(path, &text, &err))?;
    let positions = PositionTree::parse(&text);
    if let Some(duplicate) = positions.duplicates().first() {
        let mut diagnostic = Diagnostic::new(format!(
            "the key `{}` is written twice in the same mapping (first on line {}); the second would silently replace the first",
            duplicate.key, duplicate.first.line
        ))
        .in_file(path);
        diagnostic.position = Some(duplicate.again);
        diagnostic.source_line = text
            .lines()
            .nth(duplicate.again.line.saturating_sub(1))
            .map(str::to_owned);
        return Err(diagnostic);
    }
    Ok((
        SourceFile {
            path: path.to_path_buf(),
            name,
            stem,
            text,
            positions,
        },
        spec_file,
    ))
}

fn parse_yaml(text: &str) -> Result<SpecFile, serde_yaml::Error> {
    // An empty file or one with only comments is an empty spec file, which
    // serde_yaml would otherwise reject as "EOF while parsing".
    if text
        .lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'))
    {
        return Ok(SpecFile::default());
    }
    serde_yaml::from_str(text)
}

fn yaml_diagnostic(path: &Path, text: &str, err: &serde_yaml::Error) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(err.to_string()).in_file(path);
    if let Some(location) = err.location() {
        let position = crate::diagnostic::Position {
            line: location.line(),
            column: location.column(),
        };
        diagnostic.position = Some(position);
        diagnostic.source_line = text
            .lines()
            .nth(position.line.saturating_sub(1))
            .map(str::to_owned);
        // serde_yaml appends " at line X column Y"; the position is shown in front already.
        if let Some(cut) = diagnostic.message.find(" at line ") {
            diagnostic.message.truncate(cut);
        }
    }
    diagnostic
}

fn merge(files: Vec<SourceFile>, parsed: Vec<SpecFile>) -> Result<Spec, Error> {
    let mut diagnostics = Vec::new();
    let mut package: Option<Located<Package>> = None;
    let mut client: Option<Located<ClientDef>> = None;
    let mut groups = IndexMap::new();
    let mut types = IndexMap::new();
    let mut resources = IndexMap::new();
    let at_key = |file: usize, path: &[Segment], message: String| {
        locate_in(files.get(file), path, true, message)
    };

    for (file, spec_file) in parsed.into_iter().enumerate() {
        if let Some(value) = spec_file.package {
            if let Some(first) = &package {
                diagnostics.push(at_key(
                    file,
                    &spec_path!["package"],
                    format!(
                        "`package` is declared twice (first in {})",
                        file_name(&files, first.file)
                    ),
                ));
            } else {
                package = Some(Located { value, file });
            }
        }
        if let Some(value) = spec_file.client {
            if let Some(first) = &client {
                diagnostics.push(at_key(
                    file,
                    &spec_path!["client"],
                    format!(
                        "`client` is declared twice (first in {})",
                        file_name(&files, first.file)
                    ),
                ));
            } else {
                client = Some(Located { value, file });
            }
        }
        merge_map(
            &files,
            file,
            "groups",
            spec_file.groups,
            &mut groups,
            &mut diagnostics,
        );
        merge_map(
            &files,
            file,
            "types",
            spec_file.types,
            &mut types,
            &mut diagnostics,
        );
        merge_map(
            &files,
            file,
            "resources",
            spec_file.resources,
            &mut resources,
            &mut diagnostics,
        );
    }
    let first_file = files.first().map(|f| f.path.clone()).unwrap_or_default();
    if package.is_none() {
        diagnostics.push(
            Diagnostic::new(
                "the spec declares no `package` (name, version, description, license, runtime)",
            )
            .in_file(&first_file),
        );
    }
    if client.is_none() {
        diagnostics.push(
            Diagnostic::new("the spec declares no `client` (credentials and error type)")
                .in_file(&first_file),
        );
    }
    if groups.is_empty() {
        diagnostics.push(Diagnostic::new("the spec declares no API `groups`").in_file(&first_file));
    }
    match (package, client, diagnostics.is_empty()) {
        (Some(package), Some(client), true) => Ok(Spec {
            files,
            package,
            client,
            groups,
            types,
            resources,
            samples: IndexMap::new(),
            inputs: Vec::new(),
        }),
        _ => Err(Error { diagnostics }),
    }
}

fn file_name(files: &[SourceFile], file: usize) -> String {
    files.get(file).map(|f| f.name.clone()).unwrap_or_default()
}

fn merge_map<T>(
    files: &[SourceFile],
    file: usize,
    section: &str,
    incoming: IndexMap<String, T>,
    into: &mut IndexMap<String, Located<T>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (name, value) in incoming {
        if let Some(first) = into.get(&name) {
            diagnostics.push(locate_in(
                files.get(file),
                &spec_path![section, &name],
                true,
                format!(
                    "`{section}.{name}` is defined twice (first in {})",
                    file_name(files, first.file)
                ),
            ));
        } else {
            into.insert(name, Located { value, file });
        }
    }
}

/// Reads every sample file the operations name. Paths must stay inside the
/// spec root, so a spec cannot make the generator read arbitrary files.
fn read_samples(root: &Path, spec: &Spec) -> Result<IndexMap<String, Sample>, Error> {
    let mut samples = IndexMap::new();
    let mut diagnostics = Vec::new();
    for (resource_name, resource) in &spec.resources {
        for (op_name, op) in &resource.value.operations {
            let lists = [
                ("request", &op.samples.request),
                ("response", &op.samples.response),
            ];
            for (kind, names) in lists {
                for (index, name) in names.iter().enumerate() {
                    let path = spec_path![
                        "resources",
                        resource_name,
                        "operations",
                        op_name,
                        "samples",
                        kind,
                        index
                    ];
                    if samples.contains_key(name) {
                        continue;
                    }
                    match read_sample(root, name) {
                        Ok(json) => {
                            samples.insert(
                                name.clone(),
                                Sample {
                                    name: name.clone(),
                                    json,
                                },
                            );
                        }
                        Err(message) => {
                            diagnostics.push(spec.diagnostic_at(resource.file, &path, message))
                        }
                    }
                }
            }
        }
    }
    if diagnostics.is_empty() {
        Ok(samples)
    } else {
        Err(Error { diagnostics })
    }
}

fn read_sample(root: &Path, name: &str) -> Result<serde_json::Value, String> {
    let relative = Path::new(name);
    let stays_inside = relative
        .components()
        .all(|component| matches!(component, Component::Normal(_) | Component::CurDir));
    if !stays_inside {
        return Err(format!(
            "sample path `{name}` must be relative to the spec directory and stay inside it"
        ));
    }
    let path = root.join(relative);
    let bytes = read_bounded(&path).map_err(|d| format!("sample `{name}`: {}", d.message))?;
    serde_json::from_slice(&bytes)
        .map_err(|err| format!("sample `{name}` is not valid JSON: {err}"))
}
