//! The naming table, checked on the output: specs built from names that
//! collide (after case conversion, with Rust keywords, with the members the
//! generator invents, with its own types and generic parameters) either
//! fail validation with a spec position, or generate code in which no
//! identifier is defined twice in one scope. Compiling every random case
//! would take minutes; parsing the output with `syn` and walking its scopes
//! takes milliseconds.
//!
//! The scopes walked: the items of each module (the crate root's glob
//! re-exports included), the fields of each struct, the variants of each
//! enum, the methods of each type across all its inherent impls, the
//! generic parameters of each item (an impl's together with its methods'),
//! and the parameters of each function.
//!
//! `PROPTEST_CASES=1000 cargo test -p telnyx-codegen --test naming_table`
//! runs longer; a failing case is shrunk and printed as YAML.

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use serde_json::{json, Map, Value};
use telnyx_codegen::emit::{EmitOptions, Layout};
use telnyx_codegen::GeneratedFile;

// ---------------------------------------------------------------------------
// The scope checker

/// The names defined in one scope, each with where it was defined; a name
/// defined twice is reported.
#[derive(Default)]
struct Names {
    seen: BTreeMap<String, String>,
}

impl Names {
    fn define(&mut self, name: &str, what: String, duplicates: &mut Vec<String>) {
        let name = name.trim_start_matches("r#").to_owned();
        if let Some(first) = self.seen.get(&name) {
            duplicates.push(format!("`{name}` is both {first} and {what}"));
        } else {
            self.seen.insert(name, what);
        }
    }
}

/// One module: its path and items.
struct Module<'a> {
    path: String,
    items: &'a [syn::Item],
}

/// Every identifier defined twice in one scope of the generated files (the
/// crate layout: `src/lib.rs` declaring `mod x;` for `src/x.rs`; or one
/// file with inline modules).
fn duplicates(files: &[(String, syn::File)]) -> Vec<String> {
    let by_path: BTreeMap<&str, &syn::File> = files
        .iter()
        .map(|(path, file)| (path.as_str(), file))
        .collect();
    let root = match by_path.get("src/lib.rs") {
        Some(root) => *root,
        None => match files.first() {
            Some((_, file)) => file,
            None => return vec!["no files were generated".to_owned()],
        },
    };
    let mut modules = Vec::new();
    collect_modules("crate".to_owned(), &root.items, &by_path, &mut modules);

    let mut out = Vec::new();
    // What each module exports, for the globs that re-export it.
    let exports: BTreeMap<String, Vec<(String, &'static str)>> = modules
        .iter()
        .map(|module| (module.path.clone(), defined_items(module.items)))
        .collect();
    let mut methods: BTreeMap<String, Names> = BTreeMap::new();
    for module in &modules {
        let mut types = Names::default();
        let mut values = Names::default();
        for (name, kind) in defined_items(module.items) {
            let what = format!("the {kind} `{}::{name}`", module.path);
            match kind {
                "fn" | "const" | "static" => values.define(&name, what, &mut out),
                _ => types.define(&name, what, &mut out),
            }
        }
        for item in module.items {
            let syn::Item::Use(item) = item else { continue };
            for (name, glob) in use_names(&item.tree) {
                match glob {
                    None => types.define(&name, format!("imported in `{}`", module.path), &mut out),
                    Some(()) => {
                        let source = format!("{}::{name}", module.path);
                        for (export, _) in exports.get(&source).into_iter().flatten() {
                            types.define(
                                export,
                                format!("re-exported in `{}` from `{source}`", module.path),
                                &mut out,
                            );
                        }
                    }
                }
            }
        }
        for item in module.items {
            check_item(item, &module.path, &mut methods, &mut out);
        }
    }
    out
}

/// Every module of the crate, following `mod x;` to `src/x.rs` (and a
/// nested `mod y;` in it to `src/x/y.rs`).
fn collect_modules<'a>(
    path: String,
    items: &'a [syn::Item],
    files: &BTreeMap<&str, &'a syn::File>,
    out: &mut Vec<Module<'a>>,
) {
    out.push(Module {
        path: path.clone(),
        items,
    });
    for item in items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        let child = format!("{path}::{}", module.ident);
        match &module.content {
            Some((_, items)) => collect_modules(child, items, files, out),
            None => {
                // `crate::a::b` lives in `src/a/b.rs`.
                let relative: Vec<String> = child
                    .split("::")
                    .skip(1)
                    .map(|part| part.trim_start_matches("r#").to_owned())
                    .collect();
                let file = format!("src/{}.rs", relative.join("/"));
                if let Some(file) = files.get(file.as_str()) {
                    collect_modules(child, &file.items, files, out);
                }
            }
        }
    }
}

/// The names a module's items define (not imports), with their kind.
fn defined_items(items: &[syn::Item]) -> Vec<(String, &'static str)> {
    let mut names = Vec::new();
    for item in items {
        let (ident, kind) = match item {
            syn::Item::Struct(item) => (&item.ident, "struct"),
            syn::Item::Enum(item) => (&item.ident, "enum"),
            syn::Item::Union(item) => (&item.ident, "union"),
            syn::Item::Trait(item) => (&item.ident, "trait"),
            syn::Item::Type(item) => (&item.ident, "type"),
            syn::Item::Mod(item) => (&item.ident, "module"),
            syn::Item::Fn(item) => (&item.sig.ident, "fn"),
            syn::Item::Const(item) => (&item.ident, "const"),
            syn::Item::Static(item) => (&item.ident, "static"),
            _ => continue,
        };
        names.push((ident.to_string(), kind));
    }
    names
}

/// The names a `use` brings in: `(name, None)` for a plain or renamed
/// import, `(module, Some(()))` for `module::*` of a child module.
fn use_names(tree: &syn::UseTree) -> Vec<(String, Option<()>)> {
    match tree {
        syn::UseTree::Name(name) => vec![(name.ident.to_string(), None)],
        syn::UseTree::Rename(rename) => vec![(rename.rename.to_string(), None)],
        syn::UseTree::Group(group) => group.items.iter().flat_map(use_names).collect(),
        syn::UseTree::Path(path) => match &*path.tree {
            syn::UseTree::Glob(_) => vec![(path.ident.to_string(), Some(()))],
            inner => use_names(inner),
        },
        syn::UseTree::Glob(_) => Vec::new(),
    }
}

/// The scopes inside one item: fields, variants, generics, functions, and
/// the methods of inherent impls (gathered per type across modules).
fn check_item(
    item: &syn::Item,
    module: &str,
    methods: &mut BTreeMap<String, Names>,
    out: &mut Vec<String>,
) {
    match item {
        syn::Item::Struct(item) => {
            let name = format!("{module}::{}", item.ident);
            generics(&item.generics, &[], &name, out);
            let mut fields = Names::default();
            for field in &item.fields {
                if let Some(ident) = &field.ident {
                    fields.define(&ident.to_string(), format!("a field of `{name}`"), out);
                }
            }
        }
        syn::Item::Enum(item) => {
            let name = format!("{module}::{}", item.ident);
            generics(&item.generics, &[], &name, out);
            let mut variants = Names::default();
            for variant in &item.variants {
                variants.define(
                    &variant.ident.to_string(),
                    format!("a variant of `{name}`"),
                    out,
                );
            }
        }
        syn::Item::Fn(item) => {
            let name = format!("{module}::{}", item.sig.ident);
            generics(&item.sig.generics, &[], &name, out);
            fn_params(&item.sig, &name, out);
        }
        syn::Item::Impl(item) => {
            let self_name = match &*item.self_ty {
                syn::Type::Path(path) => path
                    .path
                    .segments
                    .last()
                    .map(|segment| segment.ident.to_string()),
                _ => None,
            }
            .unwrap_or_else(|| "?".to_owned());
            let what = format!("impl for `{self_name}` in `{module}`");
            generics(&item.generics, &[], &what, out);
            let inherent = item.trait_.is_none();
            for member in &item.items {
                let syn::ImplItem::Fn(method) = member else {
                    continue;
                };
                let name = format!("{self_name}::{}", method.sig.ident);
                generics(&method.sig.generics, &[&item.generics], &name, out);
                fn_params(&method.sig, &name, out);
                if inherent {
                    methods.entry(self_name.clone()).or_default().define(
                        &method.sig.ident.to_string(),
                        format!("a method of `{self_name}` (in `{module}`)"),
                        out,
                    );
                }
            }
        }
        _ => {}
    }
}

/// Generic parameters (lifetimes, types, consts) of one item, together with
/// those of the items enclosing it.
fn generics(own: &syn::Generics, outer: &[&syn::Generics], what: &str, out: &mut Vec<String>) {
    let mut names = Names::default();
    for generics in outer.iter().copied().chain([own]) {
        for param in &generics.params {
            let name = match param {
                syn::GenericParam::Lifetime(lifetime) => format!("'{}", lifetime.lifetime.ident),
                syn::GenericParam::Type(ty) => ty.ident.to_string(),
                syn::GenericParam::Const(constant) => constant.ident.to_string(),
            };
            names.define(&name, format!("a generic parameter of {what}"), out);
        }
    }
}

/// The parameters of one function.
fn fn_params(sig: &syn::Signature, what: &str, out: &mut Vec<String>) {
    let mut names = Names::default();
    for input in &sig.inputs {
        match input {
            syn::FnArg::Receiver(_) => {
                names.define("self", format!("the receiver of `{what}`"), out)
            }
            syn::FnArg::Typed(typed) => {
                for ident in pattern_idents(&typed.pat) {
                    names.define(&ident, format!("a parameter of `{what}`"), out);
                }
            }
        }
    }
}

fn pattern_idents(pat: &syn::Pat) -> Vec<String> {
    match pat {
        syn::Pat::Ident(ident) => vec![ident.ident.to_string()],
        syn::Pat::Tuple(tuple) => tuple.elems.iter().flat_map(pattern_idents).collect(),
        syn::Pat::Reference(reference) => pattern_idents(&reference.pat),
        syn::Pat::Type(typed) => pattern_idents(&typed.pat),
        _ => Vec::new(),
    }
}

/// Parses generated files (Rust ones only) for [`duplicates`].
fn parse(files: &[GeneratedFile]) -> Vec<(String, syn::File)> {
    files
        .iter()
        .filter(|file| file.path.ends_with(".rs"))
        .map(|file| {
            let parsed = syn::parse_file(&file.contents)
                .unwrap_or_else(|err| panic!("{} does not parse: {err}", file.path));
            (file.path.clone(), parsed)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The checker finds what it looks for

fn duplicates_in(code: &str) -> Vec<String> {
    let file = syn::parse_file(code).unwrap_or_else(|err| panic!("{code}: {err}"));
    duplicates(&[("src/lib.rs".to_owned(), file)])
}

#[test]
fn the_checker_finds_a_name_defined_twice_in_each_kind_of_scope() {
    let cases = [
        ("items", "pub struct A; pub enum A {}"),
        ("fields", "pub struct A { x: i64, r#x: i64 }"),
        ("variants", "pub enum A { X, X }"),
        (
            "methods",
            "pub struct A; impl A { fn f() {} } mod m { impl crate::A { fn f() {} } }",
        ),
        ("generics", "pub struct A<D, D>(D);"),
        (
            "impl and method generics",
            "pub struct A<T>(T); impl<T> A<T> { fn f<T>() {} }",
        ),
        ("fn params", "fn f(a: i64, a: i64) {}"),
        (
            "method params",
            "pub struct A; impl A { fn f(&self, self_: i64, x: i64, x: i64) {} }",
        ),
        (
            "glob and import",
            "pub use m::*; pub use n::A; pub mod m { pub struct A; }",
        ),
        (
            "two globs",
            "pub use m::*; pub use n::*; pub mod m { pub struct A; } pub mod n { pub struct A; }",
        ),
    ];
    for (scope, code) in cases {
        assert_eq!(duplicates_in(code).len(), 1, "{scope}: {code}");
    }
    let clean = "pub struct A { x: i64 } pub fn a() {} impl A { fn x(&self) {} } \
                 impl Clone for A { fn clone(&self) -> Self { todo!() } } impl A { fn clone_it(&self) {} }";
    assert_eq!(duplicates_in(clean), Vec::<String>::new());
}

#[test]
fn the_committed_outputs_define_every_name_once() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for (spec, dir) in [
        ("spec", "generated"),
        ("tests/fixtures/snapshot/spec.yaml", "tests/snapshot"),
        ("tests/fixtures/hostile", "tests/hostile"),
    ] {
        let files =
            telnyx_codegen::generate(&root.join(spec)).unwrap_or_else(|err| panic!("{err}"));
        let found = duplicates(&parse(&files));
        assert!(found.is_empty(), "{dir}:\n{}", found.join("\n"));
    }
}

// ---------------------------------------------------------------------------
// Hostile specs

/// Type names the output uses itself or that collide with what it invents:
/// prelude types, the derive's helpers, generic parameter names, a query
/// struct's and a handle's names, pairs that collide once cased.
const TYPE_NAMES: &[&str] = &[
    "Result",
    "Option",
    "Box",
    "String",
    "Vec",
    "Page",
    "FieldsVisitor",
    "Model",
    "Stream",
    "D",
    "A",
    "T",
    "E",
    "FooBar",
    "foo_bar",
    "Widgets",
    "ListQuery",
    "List0Query",
    "Unknown",
    "Runtime",
    "Request",
    "Response",
    "Method",
    "Self_",
    "Extra",
];

/// Type names the generated crate defines itself: always rejected.
const RESERVED_TYPES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Error",
    "Nullable",
    "Number",
    "Secret",
    "UnknownValue",
];

/// Field, parameter and query names: the invented members and locals,
/// keywords, and pairs that collide once cased.
const MEMBER_NAMES: &[&str] = &[
    "extra", "map", "key", "value", "self", "type", "async", "fooBar", "foo_bar", "query", "body",
    "request", "handle", "page", "id", "client", "options", "unknown", "extra_", "r#type",
];

/// `rust_name` overrides: valid identifiers only, so that they collide
/// rather than fail validation.
const RUST_NAMES: &[&str] = &[
    "extra", "map", "key", "value", "foo_bar", "query", "page", "request",
];

/// Calls: the ones invented next to a call, names of the client's and of
/// std traits' methods.
const CALLS: &[&str] = &[
    "list",
    "list_with_response",
    "list_stream",
    "get",
    "get_with_response",
    "get_stream",
    "builder",
    "new",
    "default",
    "from_env",
    "http",
    "create",
    "next",
    "into_iter",
    "type_",
];

/// Calls that are a resource handle's own methods: always rejected.
const HANDLE_METHODS: &[&str] = &["with_options", "clone", "fmt"];

/// Resource names: type names once cased, runtime modules, locals.
const RESOURCES: &[&str] = &[
    "widgets",
    "list",
    "runtime",
    "foo_bar",
    "fooBar",
    "page",
    "list0",
    "result",
    "page_meta",
    "request",
    "options",
    "extra",
];

/// Resource names whose accessor or handle is the client's own: always
/// rejected.
const CLIENT_MEMBERS: &[&str] = &[
    "new",
    "builder",
    "http",
    "from_env",
    "clone",
    "client",
    "request_v2",
    "base_url_v2",
];

/// Enum values that collide once cased or with the invented variant.
const ENUM_VALUES: &[&str] = &[
    "foo-bar", "foo_bar", "FOO_BAR", "fooBar", "Unknown", "unknown", "1", "+1", "self", "", "a",
    "Self", "type",
];

/// Generic parameter names.
const PARAMS: &[&str] = &["T", "D", "A", "E", "Self_", "Item", "Extra"];

fn pick(names: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(names).prop_map(str::to_owned)
}

/// Some distinct names from `names`, and now and then one from `rare`.
fn mostly(
    names: &'static [&'static str],
    rare: &'static [&'static str],
    size: std::ops::Range<usize>,
) -> impl Strategy<Value = Vec<String>> {
    (
        some(names, size),
        proptest::option::weighted(0.05, pick(rare)),
    )
        .prop_map(|(mut names, rare)| {
            if let Some(rare) = rare.filter(|rare| !names.contains(rare)) {
                names.push(rare);
            }
            names
        })
}

/// Some distinct names from `names`.
fn some(
    names: &'static [&'static str],
    size: std::ops::Range<usize>,
) -> impl Strategy<Value = Vec<String>> {
    proptest::sample::subsequence(names, size)
        .prop_shuffle()
        .prop_map(|names| names.into_iter().map(str::to_owned).collect())
}

/// A spec type: its name and whether it takes one generic parameter (then
/// it is always used as `Name<string>`).
#[derive(Debug, Clone)]
struct Declared {
    name: String,
    generic: bool,
}

impl Declared {
    fn expr(&self) -> String {
        if self.generic {
            format!("{}<string>", self.name)
        } else {
            self.name.clone()
        }
    }
}

/// A type expression: a primitive, or a spec type behind an array or map so
/// that no type contains itself by value.
fn type_expr(types: Vec<Declared>) -> impl Strategy<Value = String> {
    prop_oneof![
        2 => pick(&["string", "integer", "number", "boolean", "json"]),
        2 => proptest::sample::select(types.clone()).prop_map(|t| format!("array<{}>", t.expr())),
        1 => proptest::sample::select(types).prop_map(|t| format!("map<{}>", t.expr())),
    ]
}

fn field(types: Vec<Declared>, param: Option<String>) -> impl Strategy<Value = Value> {
    let ty = match param {
        Some(param) => prop_oneof![3 => type_expr(types), 1 => Just(param)].boxed(),
        None => type_expr(types).boxed(),
    };
    (
        ty,
        any::<bool>(),
        any::<bool>(),
        proptest::option::weighted(0.1, pick(RUST_NAMES)),
    )
        .prop_map(|(ty, required, nullable, rust_name)| {
            let mut field = json!({ "type": ty, "required": required, "nullable": nullable });
            if let Some(rust_name) = rust_name {
                field["rust_name"] = Value::from(rust_name);
            }
            field
        })
}

fn object(entries: Vec<(String, Value)>) -> Value {
    Value::Object(entries.into_iter().collect::<Map<String, Value>>())
}

fn type_def(declared: Declared, types: Vec<Declared>) -> BoxedStrategy<Value> {
    if declared.generic {
        let param = pick(PARAMS);
        return param
            .prop_flat_map(move |param| {
                let fields = some(MEMBER_NAMES, 0..4).prop_flat_map({
                    let types = types.clone();
                    let param = param.clone();
                    move |names| {
                        let count = names.len();
                        proptest::collection::vec(field(types.clone(), Some(param.clone())), count)
                            .prop_map(move |fields| names.iter().cloned().zip(fields).collect())
                    }
                });
                fields
                    .prop_map(move |fields| json!({ "params": [param], "fields": object(fields) }))
            })
            .boxed();
    }
    prop_oneof![
        3 => some(MEMBER_NAMES, 0..4).prop_flat_map({
            let types = types.clone();
            move |names| {
                let count = names.len();
                proptest::collection::vec(field(types.clone(), None), count)
                    .prop_map(move |fields| json!({ "fields": object(names.iter().cloned().zip(fields).collect()) }))
            }
        }),
        1 => some(ENUM_VALUES, 1..4).prop_map(|values| {
            let values: Vec<Value> = values.into_iter().map(|v| json!({ "value": v })).collect();
            json!({ "enum": "string", "values": values })
        }),
        1 => some(TYPE_NAMES, 1..3).prop_flat_map(move |variants| {
            let count = variants.len();
            proptest::collection::vec(type_expr(types.clone()), count).prop_map(move |alternatives| {
                let alternatives = variants.iter().cloned().zip(alternatives.into_iter().map(Value::from));
                json!({ "one_of": object(alternatives.collect()) })
            })
        }),
        1 => proptest::sample::select(vec!["string", "string-or-number"])
            .prop_map(|form| json!({ "text": form })),
    ]
    .boxed()
}

/// One operation; `index` keeps operation names unique in the spec.
fn operation(
    index: usize,
    call: String,
    types: Vec<Declared>,
) -> impl Strategy<Value = (String, Value)> {
    let payload = proptest::sample::select(types.clone()).prop_map(|t| t.expr());
    (
        pick(&["GET", "POST", "PUT", "PATCH", "DELETE"]),
        some(MEMBER_NAMES, 0..3),
        some(MEMBER_NAMES, 0..3),
        any::<bool>(),
        prop_oneof![
            1 => Just(None),
            1 => payload.clone().prop_map(Some),
            2 => payload.clone().prop_map(|t| Some(format!("Listing<{t}>"))),
        ],
        proptest::option::weighted(0.3, payload),
    )
        .prop_map(
            move |(method, placeholders, query, paged, response, body)| {
                let path: String = std::iter::once("/widgets".to_owned())
                    .chain(placeholders.iter().map(|p| format!("/{{{p}}}")))
                    .collect();
                let path_params = object(
                    placeholders
                        .into_iter()
                        .map(|p| (p, json!({ "type": "string", "required": true })))
                        .collect(),
                );
                let mut query: Vec<(String, Value)> = query
                    .into_iter()
                    .map(|name| (name, json!({ "type": "string" })))
                    .collect();
                if paged {
                    query.push(("page[number]".to_owned(), json!({ "type": "integer" })));
                }
                let mut op = json!({
                    "call": call,
                    "http": format!("{method} {path}"),
                    "summary": "Does a thing.",
                    "path_params": path_params,
                    "query": object(query),
                });
                if let Some(response) = response {
                    op["response"] = Value::from(response);
                }
                if let Some(body) = body.filter(|_| !matches!(method.as_str(), "GET" | "DELETE")) {
                    op["body"] = Value::from(body);
                }
                (format!("{call}_{index}"), op)
            },
        )
}

fn resource(first: usize, types: Vec<Declared>) -> impl Strategy<Value = Value> {
    mostly(CALLS, HANDLE_METHODS, 1..4).prop_flat_map(move |calls| {
        let operations: Vec<_> = calls
            .into_iter()
            .enumerate()
            .map(|(index, call)| operation(first + index, call, types.clone()))
            .collect();
        operations.prop_map(|operations| json!({ "group": "v2", "operations": object(operations) }))
    })
}

/// A spec with a pagination envelope (`Listing<T>`) and hostile names
/// everywhere else; now and then a reserved type or credential name.
fn spec() -> impl Strategy<Value = Value> {
    let names = mostly(TYPE_NAMES, RESERVED_TYPES, 1..5);
    (names, proptest::collection::vec(proptest::bool::weighted(0.3), 5)).prop_flat_map(|(names, generic)| {
        let declared: Vec<Declared> = names
            .into_iter()
            .zip(generic)
            .map(|(name, generic)| Declared { name, generic })
            .collect();
        let types: Vec<_> = declared
            .iter()
            .map(|d| type_def(d.clone(), declared.clone()).prop_map({
                let name = d.name.clone();
                move |def| (name.clone(), def)
            }))
            .collect();
        let resources = mostly(RESOURCES, CLIENT_MEMBERS, 1..3).prop_flat_map({
            let declared = declared.clone();
            move |names| {
                let resources: Vec<_> = names
                    .iter()
                    .enumerate()
                    .map(|(index, name)| resource(index * 10, declared.clone()).prop_map({
                        let name = name.clone();
                        move |def| (name.clone(), def)
                    }))
                    .collect();
                resources.prop_map(object)
            }
        });
        let credential = prop_oneof![
            19 => Just("api_token"),
            1 => proptest::sample::select(&["http", "timeout", "new", "api_key"][..]),
        ];
        (types, resources, credential).prop_map(|(types, resources, credential)| {
            let mut types = object(types);
            if let Value::Object(types) = &mut types {
                types.insert(
                    "Listing".to_owned(),
                    json!({ "params": ["T"], "fields": {
                        "data": { "type": "array<T>", "required": true },
                        "meta": { "type": "ListingMeta" },
                    }}),
                );
                types.insert(
                    "ListingMeta".to_owned(),
                    json!({ "fields": {
                        "page_number": { "type": "integer" },
                        "total_pages": { "type": "integer" },
                    }}),
                );
            }
            json!({
                "package": {
                    "name": "naming-client", "version": "0.1.0", "description": "A client.",
                    "license": "MIT", "runtime": { "name": "telnyx-codegen-runtime", "version": "0.1.0" }
                },
                "client": {
                    "credentials": { "api_key": {}, credential: {} },
                    "error": "ListingMeta",
                    "pagination": {
                        "envelope": "Listing", "items": "data", "total_pages": "meta.total_pages",
                        "page_number": "meta.page_number", "page_param": "page[number]",
                    },
                },
                "groups": { "v2": { "base_url": "https://api.example.com", "auth": [{ "bearer": "api_key" }] } },
                "types": types,
                "resources": resources,
            })
        })
    })
}

/// Generation in both layouts, or the validation error.
fn generate(text: &str) -> Result<Vec<Vec<GeneratedFile>>, telnyx_codegen::Error> {
    let spec = telnyx_codegen::load::load_bytes(Path::new("spec.yaml"), text.as_bytes())?;
    let checked = telnyx_codegen::validate::validate(&spec)?;
    let ir = telnyx_codegen::ir::build(&checked)?;
    let mut outputs = Vec::new();
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
        outputs.push(telnyx_codegen::format::format_files(
            telnyx_codegen::emit::emit(&ir, &options),
        )?);
    }
    Ok(outputs)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn hostile_names_are_rejected_at_a_position_or_defined_once_per_scope(spec in spec()) {
        let text = serde_yaml::to_string(&spec).unwrap_or_else(|err| panic!("{err}"));
        match generate(&text) {
            Ok(outputs) => {
                for files in outputs {
                    let found = duplicates(&parse(&files));
                    prop_assert!(found.is_empty(), "{}\nspec:\n{text}", found.join("\n"));
                }
            }
            Err(err) => {
                for diagnostic in &err.diagnostics {
                    prop_assert!(
                        diagnostic.position.is_some(),
                        "no position: {}\nspec:\n{text}",
                        diagnostic.message
                    );
                }
            }
        }
    }
}
