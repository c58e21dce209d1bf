//! Property tests: whatever the spec says, the generator reports or
//! generates — it never panics — and whatever it generates is Rust that
//! parses. Two sources of specs: structures built from hostile names and
//! type expressions, and random edits of the real `spec/` files.
//!
//! `PROPTEST_CASES=1000 cargo test -p telnyx-codegen --test properties`
//! runs longer; a failing case is shrunk and printed as YAML.

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use serde_json::{json, Map, Value};
use telnyx_codegen::emit::{EmitOptions, Layout};
use telnyx_codegen::GeneratedFile;

/// The whole pipeline on one in-memory spec file, in both layouts.
fn generate_from(path: &Path, text: &[u8]) -> Result<Vec<GeneratedFile>, telnyx_codegen::Error> {
    let spec = telnyx_codegen::load::load_bytes(path, text)?;
    let checked = telnyx_codegen::validate::validate(&spec)?;
    let ir = telnyx_codegen::ir::build(&checked)?;
    let mut files = Vec::new();
    for layout in [
        Layout::Crate,
        Layout::SingleFile {
            file_name: "api.rs".into(),
        },
    ] {
        let options = EmitOptions {
            layout,
            ..EmitOptions::default()
        };
        files.extend(telnyx_codegen::format::format_files(
            telnyx_codegen::emit::emit(&ir, &options),
        )?);
    }
    Ok(files)
}

/// Every Rust file parses, and every error report has a usable first line.
fn assert_sound(result: &Result<Vec<GeneratedFile>, telnyx_codegen::Error>, input: &str) {
    match result {
        Ok(files) => {
            assert!(!files.is_empty());
            for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
                if let Err(err) = syn::parse_file(&file.contents) {
                    panic!("{} does not parse ({err}); spec:\n{input}", file.path);
                }
            }
        }
        Err(err) => {
            assert!(!err.diagnostics.is_empty());
            let report = err.to_string();
            assert!(report.contains("error: "), "{report}");
            assert!(
                !report.contains("internal error"),
                "{report}\nspec:\n{input}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Generated spec structures

/// Names that have broken generators: keywords, std types, names that
/// collide after case conversion, reserved names, empty and non-ASCII ones.
const HOSTILE: &[&str] = &[
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "async",
    "gen",
    "Box",
    "Result",
    "Option",
    "String",
    "Vec",
    "fooBar",
    "foo_bar",
    "FooBar",
    "1abc",
    "_",
    "",
    "café",
    "a-b",
    "page[number]",
    "extra",
    "Unknown",
    "Client",
    "Error",
    "Nullable",
    "r#type",
    "T",
];

/// Keys: field, variant, resource and operation names, mostly hostile.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z][a-z_]{0,6}",
        1 => "[A-Z][A-Za-z]{0,6}",
        2 => proptest::sample::select(HOSTILE).prop_map(str::to_owned),
    ]
}

/// Type names: mostly ones a type expression can name (keywords and std
/// type names included), sometimes ones it cannot.
fn type_name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[A-Z][A-Za-z]{0,6}",
        3 => proptest::sample::select(vec!["Box", "Result", "Option", "String", "Vec", "FooBar", "fooBar", "type", "Self", "T", "Error", "Client"]).prop_map(str::to_owned),
        1 => proptest::sample::select(HOSTILE).prop_map(str::to_owned),
    ]
}

/// A method name: mostly an identifier, sometimes not.
fn call() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-z][a-z_]{0,6}",
        1 => proptest::sample::select(HOSTILE).prop_map(str::to_owned),
    ]
}

fn type_expr(types: Vec<String>) -> impl Strategy<Value = String> {
    let named = proptest::sample::select(if types.is_empty() {
        vec!["Missing".to_owned()]
    } else {
        types
    });
    let leaf = prop_oneof![
        12 => proptest::sample::select(vec!["string", "integer", "number", "boolean", "json"])
            .prop_map(str::to_owned),
        12 => named.clone(),
        1 => named.prop_map(|n| format!("{n}<string>")),
        1 => proptest::sample::select(vec!["array<", "<>", "a b", "map<string, string>", "T"])
            .prop_map(str::to_owned),
    ];
    leaf.prop_recursive(2, 4, 1, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| format!("array<{t}>")),
            inner.prop_map(|t| format!("map<{t}>")),
        ]
    })
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        Just(Value::Null),
        "[a-zA-Z0-9 +._-]{0,8}".prop_map(Value::from),
        proptest::sample::select(HOSTILE).prop_map(Value::from),
    ]
}

fn field(types: Vec<String>) -> impl Strategy<Value = Value> {
    (
        type_expr(types),
        any::<bool>(),
        any::<bool>(),
        proptest::option::weighted(0.15, scalar()),
        proptest::option::weighted(0.1, name()),
    )
        .prop_map(|(ty, required, nullable, default, rust_name)| {
            let mut field = json!({ "type": ty, "required": required, "nullable": nullable });
            if let Some(default) = default {
                field["default"] = default;
            }
            if let Some(rust_name) = rust_name {
                field["rust_name"] = Value::from(rust_name);
            }
            field
        })
}

fn object(entries: Vec<(String, Value)>) -> Value {
    Value::Object(entries.into_iter().collect::<Map<String, Value>>())
}

fn type_def(types: Vec<String>) -> impl Strategy<Value = Value> {
    let string_values = proptest::collection::vec(
        prop_oneof![
            4 => "[a-zA-Z0-9 +._-]{0,8}".prop_map(Value::from),
            1 => proptest::sample::select(HOSTILE).prop_map(Value::from),
            1 => scalar(),
        ],
        1..4,
    );
    let integer_values = proptest::collection::vec(
        prop_oneof![6 => any::<i64>().prop_map(Value::from), 1 => scalar()],
        1..4,
    );
    prop_oneof![
        3 => (
            proptest::collection::vec((name(), field(types.clone())), 0..4),
            proptest::bool::weighted(0.2),
        )
            .prop_map(|(fields, generic)| {
                let mut def = json!({ "fields": object(fields) });
                if generic {
                    def["params"] = json!(["T"]);
                }
                def
            }),
        1 => string_values.prop_map(|values| enum_def("string", values)),
        1 => integer_values.prop_map(|values| enum_def("integer", values)),
        1 => proptest::collection::vec((name(), type_expr(types)), 1..3).prop_map(|alternatives| {
            let alternatives = alternatives.into_iter().map(|(k, v)| (k, Value::from(v)));
            json!({ "one_of": object(alternatives.collect()) })
        }),
        1 => proptest::sample::select(vec!["string", "string-or-number", "number"])
            .prop_map(|form| json!({ "text": form })),
    ]
}

/// Query parameters are mostly of the simple types a query string can carry.
fn query_param(types: Vec<String>) -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => proptest::sample::select(vec!["string", "integer", "boolean", "array<string>"])
            .prop_map(|ty| json!({ "type": ty })),
        1 => field(types),
    ]
}

fn enum_def(repr: &str, values: Vec<Value>) -> Value {
    let values: Vec<Value> = values.into_iter().map(|v| json!({ "value": v })).collect();
    json!({ "enum": repr, "values": values })
}

fn operation(types: Vec<String>) -> impl Strategy<Value = Value> {
    (
        call(),
        prop_oneof![
            30 => proptest::sample::select(vec!["GET", "POST", "PUT", "PATCH", "DELETE"]),
            1 => Just("FETCH"),
        ],
        proptest::collection::vec(name(), 0..3),
        proptest::option::weighted(0.1, name()),
        proptest::collection::vec((name(), query_param(types.clone())), 0..3),
        proptest::option::weighted(0.4, type_expr(types.clone())),
        proptest::option::of(type_expr(types)),
    )
        .prop_map(
            |(call, method, placeholders, extra, query, body, response)| {
                let path: String = std::iter::once("/things".to_owned())
                    .chain(placeholders.iter().map(|p| format!("/{{{p}}}")))
                    .collect();
                let path_params = object(
                    placeholders
                        .into_iter()
                        .chain(extra)
                        .map(|p| (p, json!({ "type": "string" })))
                        .collect(),
                );
                let mut op = json!({
                    "call": call,
                    "http": format!("{method} {path}"),
                    "summary": "Does a thing.",
                    "path_params": path_params,
                    "query": object(query),
                });
                // A body on GET or DELETE is an error; keep it rare.
                let bodiless = matches!(method, "GET" | "DELETE");
                if let Some(body) = body.filter(|b| !bodiless || b.len() % 7 == 0) {
                    op["body"] = Value::from(body);
                }
                if let Some(response) = response {
                    op["response"] = Value::from(response);
                }
                op
            },
        )
}

/// A whole spec: a valid package, client and group, then random types and
/// resources whose type expressions mostly name the spec's own types.
fn spec() -> impl Strategy<Value = Value> {
    proptest::collection::vec(type_name(), 1..6).prop_flat_map(|type_names| {
        let types = proptest::collection::vec(type_def(type_names.clone()), type_names.len())
            .prop_map({
                let type_names = type_names.clone();
                move |defs| object(type_names.iter().cloned().zip(defs).collect())
            });
        let operations = proptest::collection::vec((name(), operation(type_names.clone())), 1..4)
            .prop_map(object);
        let resources = proptest::collection::vec(
            (
                name(),
                prop_oneof![9 => Just("v2"), 1 => Just("v9")],
                operations,
            ),
            0..3,
        )
        .prop_map(|resources| {
            object(
                resources
                    .into_iter()
                    .map(|(name, group, operations)| {
                        (name, json!({ "group": group, "operations": operations }))
                    })
                    .collect(),
            )
        });
        let error = proptest::sample::select(type_names);
        (types, resources, error).prop_map(|(types, resources, error)| {
            json!({
                "package": {
                    "name": "prop-client", "version": "0.1.0", "description": "A client.",
                    "license": "MIT", "runtime": { "name": "telnyx-codegen-runtime", "version": "0.1.0" }
                },
                "client": { "credentials": { "api_key": {} }, "error": error },
                "groups": { "v2": { "base_url": "https://api.example.com", "auth": [{ "bearer": "api_key" }] } },
                "types": types,
                "resources": resources,
            })
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_specs_never_panic_and_generate_parsable_rust(spec in spec()) {
        let text = serde_yaml::to_string(&spec).unwrap_or_default();
        let result = generate_from(Path::new("spec.yaml"), text.as_bytes());
        assert_sound(&result, &text);
    }
}

// ---------------------------------------------------------------------------
// Mutations of the real spec

/// One edit of a spec file's text; indices wrap around the text's size.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Reindent(usize, usize),
    InsertToken(usize, usize, &'static str),
    CopyWord(usize, usize),
    Truncate(usize),
    FlipByte(usize, u8),
}

/// Fragments that mean something to YAML or to the spec format.
const TOKENS: &[&str] = &[
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "---\n",
    "#",
    "'",
    "\"",
    "\t",
    "\n",
    "? ",
    "!!str ",
    "~",
    "null",
    "type: ",
    "array<",
    ">",
    "required: true",
    "default: 1",
    "<T>",
    "{id}",
    "one_of:\n  X: ",
    "text: string-or-number",
    "rust_name: type",
    "enum: integer",
    "params: [T]",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), 0..9usize).prop_map(|(a, b)| Mutation::Reindent(a, b)),
        (
            any::<usize>(),
            any::<usize>(),
            proptest::sample::select(TOKENS)
        )
            .prop_map(|(a, b, t)| Mutation::InsertToken(a, b, t)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::CopyWord(a, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::FlipByte(a, b)),
    ]
}

fn apply(text: &[u8], mutation: &Mutation) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = text.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    let n = lines.len().max(1);
    match mutation {
        Mutation::DeleteLine(i) => {
            lines.remove(i % n);
        }
        Mutation::DuplicateLine(i) => {
            let line = lines[i % n].clone();
            lines.insert(i % n, line);
        }
        Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
        Mutation::Reindent(i, spaces) => {
            let line = &mut lines[i % n];
            let body: Vec<u8> = line.iter().copied().skip_while(|b| *b == b' ').collect();
            *line = [vec![b' '; *spaces], body].concat();
        }
        Mutation::InsertToken(i, at, token) => {
            let line = &mut lines[i % n];
            let at = at % (line.len() + 1);
            line.splice(at..at, token.bytes());
        }
        Mutation::CopyWord(from, to) => {
            let words: Vec<Vec<u8>> = text
                .split(|b| !b.is_ascii_alphanumeric() && *b != b'_')
                .filter(|w| !w.is_empty())
                .map(<[u8]>::to_vec)
                .collect();
            if !words.is_empty() {
                let word = words[from % words.len()].clone();
                let line = &mut lines[to % n];
                let at = to % (line.len() + 1);
                line.splice(at..at, word);
            }
        }
        Mutation::Truncate(at) => return text[..at % (text.len() + 1)].to_vec(),
        Mutation::FlipByte(at, byte) => {
            let mut bytes = text.to_vec();
            if !bytes.is_empty() {
                let len = bytes.len();
                bytes[at % len] = *byte;
            }
            return bytes;
        }
    }
    lines.join(&b'\n')
}

fn real_spec() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "yaml"))
        .map(|entry| {
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            (entry.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    files.sort();
    files
}

fn copy_samples(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/samples");
    std::fs::create_dir_all(to.join("samples")).unwrap_or_default();
    for entry in std::fs::read_dir(&from).into_iter().flatten().flatten() {
        std::fs::copy(entry.path(), to.join("samples").join(entry.file_name())).unwrap_or_default();
    }
}

proptest! {
    // Each case that survives validation generates the whole real client,
    // which is slow in a debug build; raise PROPTEST_CASES for a long run.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn mutations_of_the_real_spec_never_panic_and_generate_parsable_rust(
        file in any::<usize>(),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let mut files = real_spec();
        let count = files.len();
        let (name, text) = &mut files[file % count];
        for mutation in &mutations {
            *text = apply(text, mutation);
        }
        let edited = String::from_utf8_lossy(text).into_owned();
        let edited_name = name.clone();
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for (name, text) in &files {
            std::fs::write(dir.path().join(name), text).unwrap_or_default();
        }
        copy_samples(dir.path());
        let result = telnyx_codegen::generate(dir.path());
        assert_sound(&result, &format!("{edited_name} after {mutations:?}:\n{edited}"));
    }
}

#[test]
fn the_real_spec_itself_generates() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let result = telnyx_codegen::generate(&dir);
    assert!(
        result.is_ok(),
        "{}",
        result.err().map(|e| e.to_string()).unwrap_or_default()
    );
    assert_sound(&result, "the real spec");
}
