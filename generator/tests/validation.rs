//! Bad specs get clear errors: file, line and column, and what was expected.

mod common;

use common::{report, spec_dir, VALID};

/// Replaces `from` (which must occur in the valid spec) and returns the report.
fn report_with(from: &str, to: &str) -> String {
    assert!(VALID.contains(from), "fixture lacks {from:?}");
    let (_dir, path) = spec_dir(&VALID.replacen(from, to, 1));
    report(&path)
}

/// `line:column` (1-based) where `needle` starts in the spec after replacing `from` by `to`.
fn position_of(from: &str, to: &str, needle: &str) -> String {
    let text = VALID.replacen(from, to, 1);
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the spec"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = offset - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    format!("spec.yaml:{line}:{column}:")
}

#[test]
fn the_fixture_itself_is_valid() {
    let (_dir, path) = spec_dir(VALID);
    assert_eq!(report(&path), "");
}

#[test]
fn unknown_key_is_reported_with_its_position() {
    let (from, to) = (
        "      name: { type: string, required: true",
        "      name: { type: string, requird: true",
    );
    let text = report_with(from, to);
    assert!(text.contains(&position_of(from, to, "requird")), "{text}");
    assert!(text.contains("unknown field `requird`"), "{text}");
}

#[test]
fn malformed_yaml_is_reported_with_its_position() {
    let text = report_with("  Widget:\n", "  Widget: [\n");
    assert!(text.contains("spec.yaml:"), "{text}");
    assert!(text.contains("error:"), "{text}");
}

#[test]
fn unknown_type_suggests_the_closest_name() {
    let (from, to) = ("response: Widget\n", "response: Widgit\n");
    let text = report_with(from, to);
    assert!(
        text.contains("unknown type `Widgit` (did you mean `Widget`?)"),
        "{text}"
    );
    assert!(text.contains(&position_of(from, to, "Widgit")), "{text}");
    assert!(
        text.contains("resources.widgets.operations.retrieve_widget.response"),
        "{text}"
    );
    assert!(text.contains("^"), "the offending line is marked: {text}");
}

#[test]
fn path_parameters_must_match_the_template() {
    let text = report_with("http: GET /widgets/{id}", "http: GET /widgets/{widget_id}");
    assert!(
        text.contains("`{widget_id}` is not declared under `path_params`"),
        "{text}"
    );
    assert!(
        text.contains("path parameter `id` does not appear in the path"),
        "{text}"
    );
}

#[test]
fn defaults_must_fit_their_type() {
    let text = report_with("default: RFC 2833", "default: RFC 9999");
    assert!(text.contains("the default does not fit"), "{text}");
    assert!(text.contains("not a listed value of `Dtmf`"), "{text}");
}

#[test]
fn names_that_collide_after_case_conversion_are_reported() {
    let text = report_with(
        "      port: {",
        "      Port: { type: string }\n      port: {",
    );
    assert!(text.contains("both become the Rust name `port`"), "{text}");
}

#[test]
fn enum_values_that_sanitize_alike_are_reported() {
    let text = report_with(
        "      - value: SIP INFO",
        "      - value: SIP INFO\n      - value: sip-info",
    );
    assert!(
        text.contains("both become the Rust name `SipInfo`"),
        "{text}"
    );
}

#[test]
fn duplicate_operation_names_are_reported() {
    let text = report_with(
        "      retrieve_widget:\n        call: retrieve",
        "      list_widgets_again:\n        call: retrieve",
    );
    assert_eq!(text, "", "distinct names are fine");
    let doubled = VALID.replace(
        "resources:\n  widgets:",
        "resources:\n  gadgets:\n    group: v2\n    operations:\n      list_widgets:\n        call: list\n        http: GET /gadgets\n        summary: List.\n  widgets:",
    );
    let (_dir, path) = spec_dir(&doubled);
    let text = report(&path);
    assert!(
        text.contains("operation name `list_widgets` is used twice"),
        "{text}"
    );
}

#[test]
fn unknown_credentials_and_groups_are_reported() {
    let text = report_with("- bearer: api_key", "- bearer: api_kye");
    assert!(text.contains("unknown credential `api_kye`"), "{text}");
    let text = report_with("    group: v2", "    group: v3");
    assert!(text.contains("unknown API group `v3`"), "{text}");
}

#[test]
fn samples_must_match_their_types() {
    let (dir, path) = spec_dir(&VALID.replace(
        "        response: Widget\n",
        "        response: Widget\n        samples:\n          response: [samples/widget.json]\n",
    ));
    std::fs::create_dir_all(dir.path().join("samples")).unwrap_or_default();
    std::fs::write(
        dir.path().join("samples/widget.json"),
        r#"{"name": "abc", "port": "80", "color": "red"}"#,
    )
    .unwrap_or_default();
    let text = report(&path);
    assert!(
        text.contains("$.port: expected an integer, found a string"),
        "{text}"
    );
    assert!(
        text.contains("$.color: `color` is not a field of `Widget`"),
        "{text}"
    );
}

#[test]
fn several_problems_are_reported_in_one_run() {
    let text = report_with("response: Widget\n", "response: Nope\n");
    let text2 = report_with("- bearer: api_key", "- bearer: nope");
    assert!(!text.is_empty() && !text2.is_empty());
    let both = VALID
        .replacen("response: Widget\n", "response: Nope\n", 1)
        .replacen("- bearer: api_key", "- bearer: nope", 1);
    let (_dir, path) = spec_dir(&both);
    let text = report(&path);
    assert!(text.contains("2 problems found"), "{text}");
}

#[test]
fn an_empty_spec_is_reported() {
    let (_dir, path) = spec_dir("# nothing here\n");
    let text = report(&path);
    assert!(text.contains("declares no `package`"), "{text}");
}

#[test]
fn a_spec_that_is_not_utf8_is_reported() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("spec.yaml");
    std::fs::write(&path, b"package: \xff\xfe\n").unwrap_or_default();
    let text = report(&path);
    assert!(text.contains("not UTF-8"), "{text}");
}

#[test]
fn a_missing_spec_path_is_reported() {
    let text = report(std::path::Path::new("/nonexistent/spec"));
    assert!(text.contains("cannot read the spec"), "{text}");
}

#[test]
fn sample_paths_cannot_leave_the_spec_directory() {
    let text = report_with(
        "        response: Widget\n",
        "        response: Widget\n        samples:\n          response: [../../etc/passwd]\n",
    );
    assert!(
        text.contains("must be relative to the spec directory and stay inside it"),
        "{text}"
    );
}

#[test]
fn a_key_written_twice_is_reported() {
    let (from, to) = (
        "      port: {",
        "      name: { type: string }\n      port: {",
    );
    let text = report_with(from, to);
    assert!(text.contains("the key `name` is written twice"), "{text}");
    let line = VALID
        .replacen(from, to, 1)
        .lines()
        .position(|l| l == "      name: { type: string }")
        .unwrap_or(0)
        + 1;
    assert!(text.contains(&format!("spec.yaml:{line}:7:")), "{text}");
}

#[test]
fn a_type_that_contains_itself_by_value_is_reported() {
    let text = report_with(
        "      port: {",
        "      parent: { type: Widget }\n      port: {",
    );
    assert!(
        text.contains("type `Widget` contains itself by value (Widget -> Widget)"),
        "{text}"
    );
    let fine = report_with(
        "      port: {",
        "      children: { type: array<Widget> }\n      port: {",
    );
    assert_eq!(fine, "", "an array of itself is fine");
}

#[test]
fn thousands_of_problems_are_counted_but_only_the_first_hundred_detailed() {
    let fields: String = (0..3000)
        .map(|i| format!("      f{i}: {{ type: Missing{i} }}\n"))
        .collect();
    let (_dir, path) =
        spec_dir(&VALID.replacen("      port: {", &format!("{fields}      port: {{"), 1));
    let started = std::time::Instant::now();
    let text = report(&path);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert!(text.contains("unknown type `Missing0`"), "{text}");
    assert!(!text.contains("unknown type `Missing100`"), "{text}");
    assert!(
        text.contains("… and 2900 more problems (only the first 100 are shown)"),
        "{text}"
    );
}

#[test]
fn a_cycle_through_a_long_chain_of_generic_types_is_found_quickly() {
    let count = 5000;
    let mut types: String = (0..count)
        .map(|i| {
            format!(
                "  G{i}:\n    params: [P]\n    fields:\n      x: {{ type: G{}<P> }}\n",
                i + 1
            )
        })
        .collect();
    types.push_str(&format!(
        "  G{count}:\n    params: [P]\n    fields:\n      x: {{ type: P }}\n  Holder:\n    fields:\n      inner: {{ type: G0<Holder> }}\n"
    ));
    let (_dir, path) = spec_dir(&VALID.replacen("types:\n", &format!("types:\n{types}"), 1));
    let started = std::time::Instant::now();
    let text = report(&path);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert!(
        text.contains("type `Holder` contains itself by value (Holder -> Holder)"),
        "{text}"
    );
    assert!(text.contains("spec.yaml:20029:3: error:"), "{text}");
}

#[test]
fn a_spec_too_big_to_generate_in_bounded_time_is_refused() {
    let types: String = (0..34_000)
        .map(|i| {
            format!("  T{i}: {{ fields: {{ a: {{ type: string }}, b: {{ type: string }} }} }}\n")
        })
        .collect();
    let (_dir, path) = spec_dir(&VALID.replacen("types:\n", &format!("types:\n{types}"), 1));
    let text = report(&path);
    assert!(text.contains("the generator's limit is 100000"), "{text}");
}

#[test]
fn a_byte_order_mark_is_not_content() {
    let (_dir, path) = spec_dir(&format!("\u{feff}{VALID}"));
    assert_eq!(report(&path), "");
    let (_dir, path) = spec_dir(&format!(
        "\u{feff}{}",
        VALID.replacen("response: Widget\n", "response: Widgit\n", 1)
    ));
    assert!(report(&path).contains("unknown type `Widgit`"));
}

#[test]
fn yaml_that_only_the_position_parser_refuses_is_still_read() {
    // yaml-rust2 refuses a tab after `key:`, which YAML (and serde_yaml) allow.
    let (_dir, path) = spec_dir(&VALID.replacen("version: 0.1.0", "version:\t0.1.0", 1));
    assert_eq!(report(&path), "");
    let (_dir, path) = spec_dir(
        &VALID
            .replacen("version: 0.1.0", "version:\t0.1.0", 1)
            .replacen("response: Widget\n", "response: Widgit\n", 1),
    );
    let text = report(&path);
    assert!(
        text.contains("spec.yaml: error: unknown type `Widgit`"),
        "{text}"
    );
}

#[test]
fn a_credential_named_like_a_client_member_is_reported() {
    let text = report_with(
        "    api_token: { doc: The legacy token. }",
        "    api_token: { doc: The legacy token. }\n    timeout: { doc: Clashes. }",
    );
    assert!(
        text.contains("the credential name `timeout` is used by the generated client itself"),
        "{text}"
    );
}
