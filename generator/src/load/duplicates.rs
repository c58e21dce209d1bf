//! How much of a spec is written twice: the field and parameter definitions
//! whose text is byte-identical to another one's. A curator fixing a doc in
//! one copy would leave the others behind, so this figure is what the reuse
//! in the format (`field_sets`, `use`, `from`; see `spec/FORMAT.md`) keeps low.
//!
//! A definition is an entry of a `fields`, `query` or `path_params` map (of
//! a type, a field set or an operation) that states something: a full
//! definition (with `type`), or a reference that overrides a key. A bare
//! reference (`name: {}` under `from`, or `{ use: Set }`) defines nothing
//! and is counted apart. The text of an entry is its key line and every
//! line indented deeper (comments included), cut at the next entry, with
//! the entry's own indentation removed: the same definition moved to
//! another depth still counts as a copy.

use std::collections::HashMap;
use std::path::Path;

use serde_yaml::Value;

use super::locate::{PositionTree, Segment};
use crate::diagnostic::{Diagnostic, Error, Position};

/// One entry of a field or parameter map.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file's name relative to the spec root.
    pub file: String,
    /// Where its key is.
    pub position: Position,
    /// Its path in the file, e.g. `types.Ip.fields.port`.
    pub path: String,
    /// Its text, dedented.
    pub text: String,
}

/// The figure and the copies behind it.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every entry that states something, in file order.
    pub definitions: Vec<Entry>,
    /// How many entries only name where their field comes from.
    pub references: usize,
    /// The definitions whose text another definition repeats, grouped by
    /// text, each group in file order, groups by first occurrence.
    pub copies: Vec<Vec<Entry>>,
}

impl Report {
    /// How many definitions have a byte-identical twin.
    pub fn duplicated(&self) -> usize {
        self.copies.iter().map(Vec::len).sum()
    }

    /// [`Report::duplicated`] as a percentage of all definitions.
    pub fn percent(&self) -> f64 {
        if self.definitions.is_empty() {
            return 0.0;
        }
        100.0 * self.duplicated() as f64 / self.definitions.len() as f64
    }
}

/// Measures the spec at `path` (a file or a directory, as `generate` reads
/// it). Each file must be YAML; whether the spec is otherwise valid does
/// not matter here.
///
/// # Errors
///
/// A file that cannot be read or is not YAML.
pub fn measure(path: &Path) -> Result<Report, Error> {
    let (root, paths) = super::spec_files(path)?;
    let mut report = Report::default();
    for file in paths {
        let bytes = super::read_bounded(&file)?;
        let text = String::from_utf8(bytes).map_err(|err| super::not_utf8(&file, &err))?;
        let positions = PositionTree::parse(&text).map_err(|err| {
            Diagnostic::new(format!("invalid YAML: {}", err.message)).in_file(&file)
        })?;
        let value: Value = serde_yaml::from_str(&text).unwrap_or(Value::Null);
        let name = file
            .strip_prefix(&root)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        for (path, entry) in entries(&value) {
            let Some(position) = positions.locate_key(&path) else {
                continue;
            };
            if !states_something(entry) {
                report.references += 1;
                continue;
            }
            report.definitions.push(Entry {
                file: name.clone(),
                position,
                path: super::render_path(&path),
                text: String::new(),
            });
        }
        cut_texts(&text, &name, &mut report.definitions);
    }
    report.copies = group_copies(&report.definitions);
    Ok(report)
}

/// The entries of every field and parameter map of one file, with their paths.
fn entries(file: &Value) -> Vec<(Vec<Segment>, &Value)> {
    let mut out = Vec::new();
    let key = |name: &str| Segment::Key(name.to_owned());
    for section in ["types", "field_sets"] {
        for (name, def) in mapping(file.get(section)) {
            for (field, entry) in mapping(def.get("fields")) {
                out.push((
                    vec![key(section), key(&name), key("fields"), key(&field)],
                    entry,
                ));
            }
        }
    }
    for (resource, def) in mapping(file.get("resources")) {
        for (operation, op) in mapping(def.get("operations")) {
            for map in ["path_params", "query"] {
                for (param, entry) in mapping(op.get(map)) {
                    out.push((
                        vec![
                            key("resources"),
                            key(&resource),
                            key("operations"),
                            key(&operation),
                            key(map),
                            key(&param),
                        ],
                        entry,
                    ));
                }
            }
        }
    }
    out
}

/// The string-keyed entries of a mapping (none for anything else).
fn mapping(value: Option<&Value>) -> Vec<(String, &Value)> {
    value
        .and_then(Value::as_mapping)
        .map(|map| {
            map.iter()
                .filter_map(|(key, value)| Some((key.as_str()?.to_owned(), value)))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether an entry states more than where its field comes from.
fn states_something(entry: &Value) -> bool {
    match entry {
        Value::Null => false,
        Value::Mapping(map) => map.keys().any(|key| key.as_str() != Some("use")),
        _ => true,
    }
}

/// Fills in the text of each entry of `file`: from its key to the next
/// entry, keeping only the lines indented deeper than the key.
fn cut_texts(text: &str, file: &str, entries: &mut [Entry]) {
    let lines: Vec<&str> = text.lines().collect();
    let mut starts: Vec<Position> = entries
        .iter()
        .filter(|entry| entry.file == file)
        .map(|entry| entry.position)
        .collect();
    starts.sort_by_key(|p| (p.line, p.column));
    for entry in entries.iter_mut().filter(|entry| entry.file == file) {
        let start = entry.position;
        let next_on_line = starts
            .iter()
            .find(|p| p.line == start.line && p.column > start.column)
            .map(|p| p.column);
        let indent = start.column.saturating_sub(1);
        let mut out = Vec::new();
        for (offset, line) in lines.iter().skip(start.line.saturating_sub(1)).enumerate() {
            if offset == 0 {
                let end = next_on_line.map_or(line.chars().count(), |column| column - 1);
                let first: String = line.chars().take(end).skip(indent).collect();
                out.push(first.trim_end().trim_end_matches(',').to_owned());
                continue;
            }
            let depth = line.chars().take_while(|c| *c == ' ').count();
            if line.trim().is_empty() {
                out.push(String::new());
            } else if depth > indent {
                out.push(line.chars().skip(indent).collect());
            } else {
                break;
            }
        }
        while out.last().is_some_and(String::is_empty) {
            out.pop();
        }
        entry.text = out.join("\n");
    }
}

fn group_copies(definitions: &[Entry]) -> Vec<Vec<Entry>> {
    let mut groups: Vec<Vec<Entry>> = Vec::new();
    let mut by_text: HashMap<&str, usize> = HashMap::new();
    for entry in definitions {
        match by_text.get(entry.text.as_str()) {
            Some(&group) => {
                if let Some(group) = groups.get_mut(group) {
                    group.push(entry.clone());
                }
            }
            None => {
                by_text.insert(&entry.text, groups.len());
                groups.push(vec![entry.clone()]);
            }
        }
    }
    groups.retain(|group| group.len() > 1);
    groups
}

/// The text of each entry of a one-file spec, and whether it defines something.
#[cfg(test)]
fn texts(text: &str) -> Vec<(String, bool)> {
    let value: Value = serde_yaml::from_str(text).unwrap();
    let tree = PositionTree::parse(text).unwrap();
    let found = entries(&value);
    let defines: Vec<bool> = found
        .iter()
        .map(|(_, entry)| states_something(entry))
        .collect();
    let mut cut: Vec<Entry> = found
        .into_iter()
        .map(|(path, _)| Entry {
            file: "x".into(),
            position: tree.locate_key(&path).unwrap(),
            path: super::render_path(&path),
            text: String::new(),
        })
        .collect();
    cut_texts(text, "x", &mut cut);
    cut.into_iter().map(|e| e.text).zip(defines).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_its_key_and_the_deeper_lines_dedented() {
        let text = "\
types:
  A:
    fields:
      port:
        type: integer
        # Decision: kept.
        doc: |-
          The port.

          More.
      host: { type: string }
  B:
    from: A
    fields:
      port: {}
      host: { use: A, doc: other }
";
        assert_eq!(
            texts(text),
            [
                (
                    "port:\n  type: integer\n  # Decision: kept.\n  doc: |-\n    The port.\n\n    More."
                        .to_owned(),
                    true
                ),
                ("host: { type: string }".to_owned(), true),
                ("port: {}".to_owned(), false),
                ("host: { use: A, doc: other }".to_owned(), true),
            ]
        );
    }

    #[test]
    fn flow_entries_on_one_line_are_cut_at_the_next() {
        let text = "types:\n  A:\n    fields: { a: { type: string }, b: { type: string } }\n";
        let found = texts(text);
        assert_eq!(found[0].0, "a: { type: string }");
    }

    #[test]
    fn copies_are_grouped_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let spec = dir.path().join("spec.yaml");
        std::fs::write(
            &spec,
            "types:\n  A:\n    fields:\n      x: { type: string }\n      y: { type: string }\n  B:\n    fields:\n      x: { type: string }\n      y: { type: integer }\n",
        )
        .unwrap();
        let report = measure(&spec).unwrap();
        assert_eq!(report.definitions.len(), 4);
        assert_eq!(report.duplicated(), 2);
        assert_eq!(report.copies.len(), 1);
        assert!((report.percent() - 50.0).abs() < 1e-9);
    }
}
