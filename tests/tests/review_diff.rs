//! Generated diffs review well: a one-field change in the spec changes one
//! generated file, and only the lines of that field.

use std::path::Path;

/// Copies the real spec into a temporary directory.
fn copy_spec() -> tempfile::TempDir {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for sub in ["", "samples"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap_or_else(|e| panic!("{e}"));
        for entry in std::fs::read_dir(source.join(sub))
            .into_iter()
            .flatten()
            .flatten()
        {
            if entry.path().is_file() {
                std::fs::copy(entry.path(), dir.path().join(sub).join(entry.file_name()))
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
    dir
}

/// Whether a generated file holds the fake's table: `src/fake.rs` and its
/// parts, one per module (`src/fake/<module>.rs`). The table lists every
/// type's fields too, so a field change also changes its line there;
/// [`change`] returns those hunks apart, for the tests to check that they
/// are about the same field.
fn is_fake_table(path: &str) -> bool {
    path == "src/fake.rs" || path.starts_with("src/fake/")
}

/// The changed files and the changed lines (added and removed), grouped in
/// hunks of adjacent changes, between generating from the real spec and from
/// it with `from` replaced by `to` in `file`; the hunks of the fake's table
/// come separately, last.
fn change(file: &str, from: &str, to: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let (files, lines, fake) = change_with_fake(file, from, to);
    assert!(fake.is_empty(), "the fake's table changed: {fake:#?}");
    (files, lines)
}

/// [`change`], for a change the fake's table shows too.
fn change_with_fake(
    file: &str,
    from: &str,
    to: &str,
) -> (Vec<String>, Vec<Vec<String>>, Vec<Vec<String>>) {
    let dir = copy_spec();
    let before = telnyx_codegen::generate(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} must occur once in {file}"
    );
    std::fs::write(&path, text.replace(from, to)).unwrap_or_else(|e| panic!("{e}"));
    let after = telnyx_codegen::generate(dir.path()).unwrap_or_else(|e| panic!("{e}"));

    let mut changed_files = Vec::new();
    let mut changed_lines = Vec::new();
    let mut fake_lines = Vec::new();
    for (old, new) in before.iter().zip(&after) {
        assert_eq!(old.path, new.path, "the set of files changed");
        if old.contents != new.contents {
            let changed_lines = if is_fake_table(&new.path) {
                &mut fake_lines
            } else {
                changed_files.push(new.path.clone());
                &mut changed_lines
            };
            let diff = similar::TextDiff::from_lines(&old.contents, &new.contents);
            for hunk in diff.grouped_ops(0) {
                let lines = hunk
                    .iter()
                    .flat_map(|op| diff.iter_changes(op))
                    .filter(|c| c.tag() != similar::ChangeTag::Equal)
                    .map(|c| c.value().trim().to_owned())
                    .collect();
                changed_lines.push(lines);
            }
        }
    }
    (changed_files, changed_lines, fake_lines)
}

#[test]
fn a_field_doc_change_touches_one_line_of_one_file() {
    // `record_type` of Ip is used by no other type (unlike `port`, which the
    // request shapes take with `from`).
    let (files, lines) = change(
        "ips.yaml",
        "        doc: Identifies the type of the resource (`ip`).",
        "        doc: Identifies the kind of the resource (`ip`).",
    );
    assert_eq!(files, vec!["src/ips.rs".to_owned()]);
    assert_eq!(
        lines.concat().len(),
        2,
        "one line removed, one added: {lines:#?}"
    );
}

#[test]
fn a_field_type_change_touches_only_that_field() {
    // `user_id` of AccessIpRange is used by no other type, and no sample or
    // fake declaration gives it a value.
    let (files, lines, fake) = change_with_fake(
        "access_ip_ranges.yaml",
        "      user_id:\n        type: string\n",
        "      user_id:\n        type: integer\n",
    );
    assert_eq!(files, vec!["src/access_ip_ranges.rs".to_owned()]);
    assert_eq!(
        fake.concat().len(),
        2,
        "the fake's table: one line removed, one added: {fake:#?}"
    );
    assert!(fake.concat().iter().all(|line| line.contains("user_id")));
    // The field's declaration and the local that decodes it, removed and
    // added; its forgiving read becomes a plain one (strings and integers
    // share the lenient path), so no other line changes.
    let lines = lines.concat();
    assert!(lines.len() <= 4, "{lines:#?}");
    assert!(
        lines.iter().all(|line| line.contains("user_id")),
        "{lines:#?}"
    );
}

#[test]
fn adding_a_field_adds_only_its_lines() {
    let (files, lines, fake) = change_with_fake(
        "ips.yaml",
        "        doc: Port to use when connecting to this IP.\n      created_at:",
        "        doc: Port to use when connecting to this IP.\n      region:\n        type: string\n        doc: Where the IP lives.\n      created_at:",
    );
    assert_eq!(files, vec!["src/ips.rs".to_owned()]);
    assert_eq!(
        fake.concat(),
        [r#"Field::new("region", Shape::String),"#],
        "the fake's table gains the field's line"
    );
    // Doc, attribute and declaration of the field, its decoding local, match
    // arm and initialiser: each hunk is about `region`, and nothing else moves.
    assert!(lines.len() <= 4, "{lines:#?}");
    assert!(lines.concat().len() <= 16, "{lines:#?}");
    for hunk in &lines {
        assert!(
            hunk.iter()
                .any(|line| line.contains("region") || line.contains("Where the IP lives")),
            "a hunk unrelated to the new field: {hunk:#?}"
        );
    }
}

#[test]
fn a_shared_doc_change_is_one_spec_edit_and_changes_only_that_doc() {
    // `tags` is defined once, in the ConnectionSettings field set, and taken
    // by every connection type and request shape.
    let (files, lines) = change(
        "connection_settings.yaml",
        "        doc: Tags associated with the connection.",
        "        doc: Tags attached to the connection.",
    );
    assert_eq!(
        files,
        [
            "src/connections.rs",
            "src/credential_connections.rs",
            "src/fqdn_connections.rs",
            "src/ip_connections.rs",
        ]
    );
    let lines = lines.concat();
    // Each connection kind's read, create and update shape, and Connection:
    // ten doc lines, each removed and added.
    assert_eq!(lines.len(), 20, "{lines:#?}");
    assert!(
        lines
            .iter()
            .all(|line| line == "/// Tags associated with the connection."
                || line == "/// Tags attached to the connection."),
        "{lines:#?}"
    );
}
