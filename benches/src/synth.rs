//! Synthetic specs with N times the operations and types of a real one, for
//! the scaling figures.
//!
//! The shared file (the one declaring `package`, `client` or `groups`) is
//! copied once. Every other spec file is copied as is and then N − 1 more
//! times, with each copy's types, resources and operations renamed by a
//! suffix (`CredentialConnection` → `CredentialConnectionX7`,
//! `credential_connections` → `credential_connections_x7`), every type
//! expression rewritten to the renamed types, and each path prefixed
//! (`/credential_connections` → `/x7/credential_connections`). Sample files
//! and other non-YAML entries are copied once and shared by all copies. So
//! the result is a valid spec with the same shapes, N times over.
//!
//! Comments of the copies are lost (they are re-serialized YAML); the
//! generator ignores comments.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use serde_yaml::{Mapping, Value};

/// What a synthetic spec holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Synthesized {
    /// How many times each resource file appears.
    pub factor: usize,
    /// Spec files written.
    pub files: usize,
    /// Operations in the whole spec.
    pub operations: usize,
    /// Named types in the whole spec.
    pub types: usize,
}

/// One spec file, read.
struct SpecFile {
    stem: String,
    text: String,
    doc: Value,
}

/// Writes into `out` (created if missing) a spec with `factor` times the
/// operations and types of the spec directory `spec`.
///
/// # Errors
///
/// When `factor` is zero, `spec` is not a directory of YAML files, or a
/// file cannot be read, parsed or written.
pub fn synthesize(spec: &Path, factor: usize, out: &Path) -> io::Result<Synthesized> {
    if factor == 0 {
        return Err(io::Error::other("the factor must be at least 1"));
    }
    fs::create_dir_all(out)?;
    let mut files = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(spec)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let is_yaml = path.extension().is_some_and(|ext| ext == "yaml");
        if !is_yaml {
            copy_recursively(&path, &out.join(entry.file_name()))?;
            continue;
        }
        let text = fs::read_to_string(&path)?;
        let doc: Value = serde_yaml::from_str(&text)
            .map_err(|err| io::Error::other(format!("{}: {err}", path.display())))?;
        let stem = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        files.push(SpecFile { stem, text, doc });
    }
    if files.is_empty() {
        return Err(io::Error::other(format!(
            "{} holds no *.yaml spec files",
            spec.display()
        )));
    }

    let (shared, replicated): (Vec<&SpecFile>, Vec<&SpecFile>) =
        files.iter().partition(|file| is_shared(&file.doc));
    let renamed_types: BTreeSet<String> = replicated
        .iter()
        .flat_map(|file| keys_of(&file.doc, "types"))
        .collect();

    let mut written = 0;
    for file in &files {
        fs::write(out.join(format!("{}.yaml", file.stem)), &file.text)?;
        written += 1;
    }
    for copy in 2..=factor {
        for file in &replicated {
            let renamed = rename_copy(&file.doc, copy, &renamed_types);
            let text = serde_yaml::to_string(&renamed).map_err(io::Error::other)?;
            fs::write(out.join(format!("{}_x{copy}.yaml", file.stem)), text)?;
            written += 1;
        }
    }

    let count = |files: &[&SpecFile], what: fn(&Value) -> usize| -> usize {
        files.iter().map(|file| what(&file.doc)).sum()
    };
    Ok(Synthesized {
        factor,
        files: written,
        operations: count(&shared, operation_count) + factor * count(&replicated, operation_count),
        types: count(&shared, type_count) + factor * count(&replicated, type_count),
    })
}

/// The file that declares the package, the client or the API groups is
/// shared by all copies.
fn is_shared(doc: &Value) -> bool {
    ["package", "client", "groups"]
        .iter()
        .any(|key| doc.get(key).is_some())
}

fn keys_of(doc: &Value, section: &str) -> Vec<String> {
    doc.get(section)
        .and_then(Value::as_mapping)
        .map(|map| {
            map.keys()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn type_count(doc: &Value) -> usize {
    doc.get("types")
        .and_then(Value::as_mapping)
        .map_or(0, Mapping::len)
}

fn operation_count(doc: &Value) -> usize {
    doc.get("resources")
        .and_then(Value::as_mapping)
        .map_or(0, |resources| {
            resources
                .values()
                .filter_map(|resource| resource.get("operations"))
                .filter_map(Value::as_mapping)
                .map(Mapping::len)
                .sum()
        })
}

/// Copy number `copy` of a resource file: types, resources and operations
/// renamed, type expressions and paths rewritten.
fn rename_copy(doc: &Value, copy: usize, types: &BTreeSet<String>) -> Value {
    let mut doc = doc.clone();
    // The copies' `use` and `from` keep naming the original field sets and
    // types, which the spec still holds; a second copy of a field set would
    // be defined twice (and never used).
    if let Some(file) = doc.as_mapping_mut() {
        file.remove("field_sets");
    }
    rewrite_type_expressions(&mut doc, copy, types);
    if let Some(section) = doc.get_mut("types").and_then(Value::as_mapping_mut) {
        *section = rename_keys(section, |name| format!("{name}X{copy}"));
    }
    if let Some(section) = doc.get_mut("resources").and_then(Value::as_mapping_mut) {
        *section = rename_keys(section, |name| format!("{name}_x{copy}"));
        for resource in section.values_mut() {
            rename_fake_references(resource, copy);
            let Some(operations) = resource
                .get_mut("operations")
                .and_then(Value::as_mapping_mut)
            else {
                continue;
            };
            *operations = rename_keys(operations, |name| format!("{name}_x{copy}"));
            for operation in operations.values_mut() {
                if let Some(http) = operation.get_mut("http") {
                    prefix_path(http, copy);
                }
            }
        }
    }
    doc
}

/// A resource's `fake` names its operations and the resources it is a
/// view of, which the copy renames.
fn rename_fake_references(resource: &mut Value, copy: usize) {
    let Some(fake) = resource.get_mut("fake").and_then(Value::as_mapping_mut) else {
        return;
    };
    for role in ["create", "list", "retrieve", "update", "delete"] {
        if let Some(Value::String(name)) = fake.get_mut(role) {
            *name = format!("{name}_x{copy}");
        }
    }
    if let Some(Value::Sequence(sources)) = fake.get_mut("view_of") {
        for source in sources {
            if let Value::String(name) = source {
                *name = format!("{name}_x{copy}");
            }
        }
    }
}

fn rename_keys(map: &Mapping, rename: impl Fn(&str) -> String) -> Mapping {
    map.iter()
        .map(|(key, value)| {
            let key = match key.as_str() {
                Some(name) => Value::String(rename(name)),
                None => key.clone(),
            };
            (key, value.clone())
        })
        .collect()
}

/// `GET /ips/{id}` → `GET /x7/ips/{id}`.
fn prefix_path(http: &mut Value, copy: usize) {
    if let Some(text) = http.as_str() {
        if let Some((method, path)) = text.split_once(' ') {
            *http = Value::String(format!("{method} /x{copy}{path}"));
        }
    }
}

/// Renames the type names inside every type expression: the values of
/// `type`, `body` and `response` keys, and of `one_of` alternatives.
fn rewrite_type_expressions(value: &mut Value, copy: usize, types: &BTreeSet<String>) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map.iter_mut() {
                match (key.as_str(), &mut *child) {
                    (Some("type" | "body" | "response"), Value::String(expr)) => {
                        *expr = rename_in_expression(expr, copy, types);
                    }
                    (Some("one_of"), Value::Mapping(alternatives)) => {
                        for alternative in alternatives.values_mut() {
                            if let Value::String(expr) = alternative {
                                *expr = rename_in_expression(expr, copy, types);
                            }
                        }
                    }
                    _ => rewrite_type_expressions(child, copy, types),
                }
            }
        }
        Value::Sequence(items) => {
            for item in items {
                rewrite_type_expressions(item, copy, types);
            }
        }
        _ => {}
    }
}

/// `ListEnvelope<Ip>` → `ListEnvelope<IpX7>` when `Ip` is renamed.
fn rename_in_expression(expr: &str, copy: usize, types: &BTreeSet<String>) -> String {
    let mut out = String::with_capacity(expr.len() + 4);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        out.push_str(word);
        if types.contains(word.as_str()) {
            out.push_str(&format!("X{copy}"));
        }
        word.clear();
    };
    for ch in expr.chars() {
        if ch.is_ascii_alphanumeric() || ch == '_' {
            word.push(ch);
        } else {
            flush(&mut word, &mut out);
            out.push(ch);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn copy_recursively(from: &Path, to: &Path) -> io::Result<()> {
    if from.is_dir() {
        fs::create_dir_all(to)?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            copy_recursively(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        fs::copy(from, to).map(|_| ())
    }
}
