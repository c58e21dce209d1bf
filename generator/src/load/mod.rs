//! Stage 1: reading the spec files (one file, or every `*.yaml` of a
//! directory in file-name order) and their sample payloads, and merging them
//! into one [`Spec`], with every reference to a shared definition resolved
//! ([`reuse`]). Only syntax, shape and references are checked here; meaning
//! is checked by [`crate::validate`].

pub mod duplicates;
pub mod locate;
pub mod reuse;
pub mod schema;
mod unknown_keys;

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use indexmap::IndexMap;

use crate::diagnostic::{Diagnostic, Error, Position};
use locate::{PositionTree, Segment};
use reuse::Origins;
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
    /// Where each key is, parsed from `text` again only when a problem is
    /// shown: a spec without problems never needs it after loading, and
    /// keeping it was a sixth of a large spec's peak memory.
    positions: OnceLock<PositionTree>,
    /// The byte offset where each line starts, so that showing the line of
    /// a problem does not rescan the file (a spec may have many problems);
    /// `u32`, as a file is far below 4 GiB (`MAX_FILE_BYTES`).
    line_starts: Vec<u32>,
}

impl SourceFile {
    /// Where each key is (see `positions`).
    pub fn positions(&self) -> &PositionTree {
        self.positions
            .get_or_init(|| PositionTree::parse(&self.text).unwrap_or_default())
    }

    /// The text of line `number` (1-based), without its line break.
    pub fn line(&self, number: usize) -> Option<&str> {
        let start = *self.line_starts.get(number.checked_sub(1)?)?;
        let rest = self.text.get(usize::try_from(start).ok()?..)?;
        let line = rest.split('\n').next().unwrap_or_default();
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

fn line_starts(text: &str) -> Vec<u32> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(at, _)| at + 1))
        .filter(|start| *start < text.len())
        .map_while(|start| u32::try_from(start).ok())
        .collect()
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
    /// Where the entries written as references (`use`, `from`) took their
    /// definitions, so problems are shown where the curator would fix them.
    pub origins: Origins,
}

impl Spec {
    /// A diagnostic pointing at the value at `path` in file `file`.
    /// A key of an entry that a reference took from a shared definition is
    /// shown at the definition.
    pub fn diagnostic_at(
        &self,
        file: usize,
        path: &[Segment],
        message: impl Into<String>,
    ) -> Diagnostic {
        self.located(file, path, false, message.into())
    }

    /// A diagnostic pointing at the last key of `path` in file `file`.
    pub fn diagnostic_at_key(
        &self,
        file: usize,
        path: &[Segment],
        message: impl Into<String>,
    ) -> Diagnostic {
        self.located(file, path, true, message.into())
    }

    fn located(&self, file: usize, path: &[Segment], key: bool, message: String) -> Diagnostic {
        let (at_file, at_path, moved) = self.origins.redirect(file, path);
        let mut diagnostic = locate_in(self.files.get(at_file), &at_path, key, message);
        if let Some(definition) = moved {
            diagnostic.spec_path = Some(format!("{} (defined at {definition})", render_path(path)));
        }
        diagnostic
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
        let tree = source.positions();
        diagnostic.position = if key {
            tree.locate_key(path)
        } else {
            tree.locate(path)
        };
        diagnostic.source_line = diagnostic
            .position
            .and_then(|pos| source.line(pos.line))
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
    // Files parse independently, on every core; they are merged in name order.
    let results = crate::parallel::map_in_order(
        paths.len(),
        crate::parallel::available_threads(),
        || (),
        |(), index| {
            let file_path = paths.get(index).ok_or_else(|| {
                Diagnostic::new("internal error: a spec file went missing; please report this")
            })?;
            read_bounded(file_path)
                .map_err(Error::from)
                .and_then(|bytes| parse_spec_file(&root, file_path, bytes))
        },
        |parsed| parsed.map(|(source, spec_file)| (source.clone(), spec_file.clone())),
    )
    .ok_or_else(|| {
        Diagnostic::new("internal error: a spec file was not read; please report this")
    })?;
    for result in results {
        match result {
            Ok((source, spec_file)) => {
                files.push(source);
                parsed.push(spec_file);
            }
            Err(err) => diagnostics.extend(err.diagnostics),
        }
    }
    if !diagnostics.is_empty() {
        return Err(Error { diagnostics });
    }
    finish(&root, path.is_dir().then_some(path), files, parsed)
}

/// Loads a one-file spec from memory: `bytes` are taken as the contents of
/// the file `path` (which need not exist; it names the file in messages),
/// and samples are read relative to its directory. For tools and fuzzers
/// that produce specs without writing them to disk.
///
/// # Errors
///
/// As [`load`].
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Spec, Error> {
    let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::new(format!(
            "file is {} bytes; the limit is {MAX_FILE_BYTES}",
            bytes.len()
        ))
        .in_file(path)
        .into());
    }
    let (source, spec_file) = parse_spec_file(&root, path, bytes.to_vec())?;
    finish(&root, None, vec![source], vec![spec_file])
}

/// Merges parsed files and reads their samples.
fn finish(
    root: &Path,
    spec_dir: Option<&Path>,
    files: Vec<SourceFile>,
    parsed: Vec<SpecFile>,
) -> Result<Spec, Error> {
    let merged = merge(files, parsed)?;
    let samples = read_samples(root, &merged)?;
    let mut inputs: Vec<PathBuf> = merged.files.iter().map(|f| f.path.clone()).collect();
    inputs.extend(samples.keys().map(|name| root.join(name)));
    inputs.extend(spec_dir.map(Path::to_path_buf));
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

fn parse_spec_file(
    root: &Path,
    path: &Path,
    bytes: Vec<u8>,
) -> Result<(SourceFile, SpecFile), Error> {
    let text = String::from_utf8(bytes).map_err(|err| not_utf8(path, &err))?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        // A file truncated by accident would otherwise silently drop its
        // module from the output. (A file of only comments is deliberate
        // and stays an empty part of the spec.)
        return Err(Diagnostic::new(
            "the spec file is empty; give it content or delete it (a file of only comments is accepted as intentionally empty)",
        )
        .in_file(path)
        .into());
    }
    let name = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A byte-order mark is not content; libyaml would take it for a second document.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    // The tree found while loading is dropped (see `SourceFile::positions`).
    let source = |text: String| SourceFile {
        path: path.to_path_buf(),
        name: name.clone(),
        stem: stem.clone(),
        line_starts: line_starts(&text),
        text,
        positions: OnceLock::new(),
    };
    // yaml-rust2 first: it is linear-time and bounds nesting, so serde_yaml
    // (libyaml) never sees text that would take it quadratic time.
    let positions = match PositionTree::parse(&text) {
        Ok(positions) => positions,
        Err(err) => {
            // yaml-rust2 is stricter than libyaml in a few corners (a tab
            // after `key:`); such a file is still read, only without
            // positions, unless its brackets could nest deep enough to make
            // libyaml slow.
            let shallow = !err.too_deep && locate::flow_depth_bound(&text) <= locate::MAX_DEPTH;
            if let Some(spec_file) = shallow.then(|| parse_yaml(&text).ok()).flatten() {
                return Ok((source(text), spec_file));
            }
            let mut diagnostic =
                Diagnostic::new(format!("invalid YAML: {}", err.message)).in_file(path);
            place(&mut diagnostic, &text, err.position);
            return Err(diagnostic.into());
        }
    };
    if let Some(duplicate) = positions.duplicates().first() {
        let mut diagnostic = Diagnostic::new(format!(
            "the key `{}` is written twice in the same mapping (first on line {}); the second would silently replace the first",
            duplicate.key, duplicate.first.line
        ))
        .in_file(path);
        place(&mut diagnostic, &text, duplicate.again);
        return Err(diagnostic.into());
    }
    // Freed before the parse, whose result stays: that reuses the tree's
    // memory instead of leaving it a hole in the heap (at 100x the spec
    // that hole was a tenth of the peak). A problem parses it again.
    drop(positions);
    match parse_yaml(&text) {
        Ok(spec_file) => Ok((source(text), spec_file)),
        Err(err) => {
            let positions = PositionTree::parse(&text).unwrap_or_default();
            Err(shape_errors(path, &text, &positions, &err))
        }
    }
}

/// Points at the first byte that is not UTF-8.
fn not_utf8(path: &Path, err: &std::string::FromUtf8Error) -> Diagnostic {
    let offset = err.utf8_error().valid_up_to();
    let valid = err
        .as_bytes()
        .get(..offset)
        .and_then(|prefix| std::str::from_utf8(prefix).ok())
        .unwrap_or_default();
    let line_start = valid.rfind('\n').map_or(0, |newline| newline + 1);
    let line_text = valid.get(line_start..).unwrap_or_default();
    let mut diagnostic = Diagnostic::new(format!(
        "the file is not UTF-8 (invalid byte 0x{:02x} at offset {offset}); save it as UTF-8",
        err.as_bytes().get(offset).copied().unwrap_or_default()
    ))
    .in_file(path);
    let position = Position {
        line: valid.matches('\n').count() + 1,
        column: line_text.chars().count() + 1,
    };
    diagnostic.position = Some(position);
    diagnostic.source_line = Some(line_text.to_owned());
    diagnostic
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

/// What is wrong with the shape of a file: every unknown key when the first
/// problem is one (see [`unknown_keys`]), else serde_yaml's one error.
fn shape_errors(
    path: &Path,
    text: &str,
    positions: &PositionTree,
    err: &serde_yaml::Error,
) -> Error {
    let first = yaml_diagnostic(path, text, positions, err);
    let unknown = unknown_keys::find(text);
    if unknown.is_empty() {
        return first.into();
    }
    let diagnostics = unknown
        .iter()
        .map(|key| {
            let mut diagnostic = Diagnostic::new(explain_serde_message(&key.message)).in_file(path);
            diagnostic.spec_path = Some(render_path(&key.path));
            match positions.locate_key(&key.path) {
                Some(position) => place(&mut diagnostic, text, position),
                // No position tree (yaml-rust2 refused the file): serde_yaml's
                // position is right for the first key at least.
                None => diagnostic.position = first.position,
            }
            diagnostic
        })
        .collect();
    Error { diagnostics }
}

/// The phrases serde and serde_yaml start their messages with; what comes
/// before one of them (and `: `) is serde_yaml's path to the offending key.
const SERDE_PHRASES: &[&str] = &[
    "unknown field",
    "unknown variant",
    "missing field",
    "duplicate field",
    "invalid type",
    "invalid value",
    "invalid length",
    "data did not match",
    "recursion limit exceeded",
    "repetition limit exceeded",
];

fn yaml_diagnostic(
    path: &Path,
    text: &str,
    positions: &PositionTree,
    err: &serde_yaml::Error,
) -> Diagnostic {
    let mut message = err.to_string();
    if err.location().is_some() {
        // serde_yaml appends " at line X column Y"; the position is shown in front already.
        if let Some(cut) = message.rfind(" at line ") {
            message.truncate(cut);
        }
    }
    let (spec_path, message) = split_serde_path(&message);
    let mut diagnostic = Diagnostic::new(explain_serde_message(message)).in_file(path);
    diagnostic.spec_path = spec_path;
    if let Some(location) = err.location() {
        let position = Position {
            line: location.line(),
            column: location.column(),
        };
        place(&mut diagnostic, text, position);
    } else if let Some(alias) = positions
        .first_alias()
        .filter(|_| message.contains("limit exceeded"))
    {
        // serde_yaml gives no position when expanding aliases goes too far.
        place(&mut diagnostic, text, alias);
    }
    diagnostic
}

/// Sets the position and the source line shown under the message. A
/// position past the last line (the parser reached the end of the file) is
/// moved to the end of the last line, so the marker shows where text is missing.
fn place(diagnostic: &mut Diagnostic, text: &str, position: Position) {
    let line_count = text.lines().count();
    let position = if position.line > line_count && line_count > 0 {
        let last = text.lines().last().unwrap_or_default();
        Position {
            line: line_count,
            column: last.chars().count() + 1,
        }
    } else {
        position
    };
    diagnostic.position = Some(position);
    diagnostic.source_line = text
        .lines()
        .nth(position.line.saturating_sub(1))
        .map(str::to_owned);
}

/// Splits serde_yaml's `types.Ip.fields.port: unknown field ...` into the
/// path and the message proper.
fn split_serde_path(message: &str) -> (Option<String>, &str) {
    for phrase in SERDE_PHRASES {
        let Some(at) = message.find(&format!(": {phrase}")) else {
            continue;
        };
        let (Some(prefix), Some(rest)) = (message.get(..at), message.get(at + 2..)) else {
            continue;
        };
        if !prefix.is_empty() && !prefix.contains(' ') {
            return (Some(prefix.to_owned()), rest);
        }
    }
    (None, message)
}

/// Rewords serde's messages where they do not say what to do, and adds a
/// "did you mean" to unknown keys and values.
fn explain_serde_message(message: &str) -> String {
    if message.starts_with("repetition limit exceeded") {
        return "the file's aliases (`*name`) expand to too much data; write the values out instead".to_owned();
    }
    if message.starts_with("recursion limit exceeded") {
        return "the YAML, with its aliases (`*name`) expanded, nests too deeply".to_owned();
    }
    if message.contains("more than one document") {
        return "the file holds more than one YAML document (`---`); a spec file is one document"
            .to_owned();
    }
    let unknown = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix));
    if let Some(rest) = unknown {
        let name = rest.split('`').next().unwrap_or_default();
        let expected = rest
            .split_once("expected")
            .map(|(_, list)| list)
            .unwrap_or_default();
        let candidates = expected.split('`').skip(1).step_by(2);
        if let Some(suggestion) = crate::suggest::closest(name, candidates) {
            return format!("{message} (did you mean `{suggestion}`?)");
        }
    }
    message.to_owned()
}

fn merge(files: Vec<SourceFile>, parsed: Vec<SpecFile>) -> Result<Spec, Error> {
    let mut diagnostics = Vec::new();
    let mut package: Option<Located<Package>> = None;
    let mut client: Option<Located<ClientDef>> = None;
    let mut groups = IndexMap::new();
    let mut field_sets = IndexMap::new();
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
            "field_sets",
            spec_file.field_sets,
            &mut field_sets,
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
    for (name, set) in &field_sets {
        if let Some(def) = types.get(name) {
            diagnostics.push(at_key(
                set.file,
                &spec_path!["field_sets", name],
                format!(
                    "`{name}` names both a field set and a type (in {}); a reference must know which it means",
                    file_name(&files, def.file)
                ),
            ));
        }
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
    let expanded = match reuse::expand(&files, &field_sets, types, resources) {
        Ok(expanded) => Some(expanded),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    match (package, client, expanded, diagnostics.is_empty()) {
        (Some(package), Some(client), Some(expanded), true) => Ok(Spec {
            files,
            package,
            client,
            groups,
            types: expanded.types,
            resources: expanded.resources,
            samples: IndexMap::new(),
            inputs: Vec::new(),
            origins: expanded.origins,
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
            if diagnostics.len() >= crate::diagnostic::MAX_REPORTED {
                // Enough to act on; the rest are the same mistake again.
                continue;
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_paths_are_split_from_the_message() {
        let (path, message) =
            split_serde_path("types.Ip.fields.port: unknown field `tpye`, expected `type`");
        assert_eq!(path.as_deref(), Some("types.Ip.fields.port"));
        assert_eq!(message, "unknown field `tpye`, expected `type`");
        let (path, message) = split_serde_path("invalid type: string \"a: b\", expected a boolean");
        assert_eq!(path, None);
        assert_eq!(message, "invalid type: string \"a: b\", expected a boolean");
    }

    #[test]
    fn unknown_keys_and_values_get_a_suggestion_when_one_is_close() {
        assert_eq!(
            explain_serde_message("unknown field `requird`, expected one of `type`, `required`"),
            "unknown field `requird`, expected one of `type`, `required` (did you mean `required`?)"
        );
        assert_eq!(
            explain_serde_message("unknown variant `date_time`, expected `date-time` or `uri`"),
            "unknown variant `date_time`, expected `date-time` or `uri` (did you mean `date-time`?)"
        );
        let far = "unknown field `colour`, expected one of `type`, `doc`";
        assert_eq!(explain_serde_message(far), far);
    }

    #[test]
    fn source_lines_are_found_without_rescanning() {
        let text = "a: 1\r\nb: 2\n\nc: 3";
        let source = SourceFile {
            path: PathBuf::from("x.yaml"),
            name: "x.yaml".into(),
            stem: "x".into(),
            line_starts: line_starts(text),
            text: text.into(),
            positions: OnceLock::new(),
        };
        assert_eq!(source.line(1), Some("a: 1"));
        assert_eq!(source.line(3), Some(""));
        assert_eq!(source.line(4), Some("c: 3"));
        assert_eq!(source.line(5), None);
        assert_eq!(source.line(0), None);
    }
}
