//! Validation returns what it proved: the checked model holds parsed and
//! resolved type expressions, HTTP methods, split path templates and
//! resolved credentials; the IR built from it carries field facts as data.

mod common;

use std::path::Path;

use common::VALID;
use serde_json::json;
use telnyx_codegen::ir::{FieldFacts, HttpMethod, PathPart};
use telnyx_codegen::load::schema::TextRepr;
use telnyx_codegen::load::Spec;
use telnyx_codegen::model::{Auth, Checked, PathSegment, Shape, Ty, TypeKind};

/// The valid fixture plus a generic type and an operation answering with it.
fn spec() -> Spec {
    let text = VALID
        .replacen(
            "  Widget:\n",
            "  Page:\n    params: [T]\n    fields:\n      data: { type: array<T>, required: true }\n  Widget:\n",
            1,
        )
        .replacen(
            "        response: array<Widget>\n",
            "        response: Page<Widget>\n",
            1,
        );
    telnyx_codegen::load::load_bytes(Path::new("spec.yaml"), text.as_bytes())
        .unwrap_or_else(|err| panic!("{err}"))
}

fn checked(spec: &Spec) -> Checked<'_> {
    telnyx_codegen::validate::validate(spec).unwrap_or_else(|err| panic!("{err}"))
}

fn widget() -> Ty<'static> {
    Ty::Named {
        name: "Widget",
        shape: Shape::Object,
        args: vec![],
    }
}

#[test]
fn operations_have_a_method_a_split_path_and_resolved_payloads() {
    let spec = spec();
    let checked = checked(&spec);
    let widgets = &checked.resources[0];
    assert_eq!(widgets.group, "v2");
    let [list, retrieve] = widgets.operations.as_slice() else {
        panic!("two operations expected");
    };
    assert_eq!(list.method, HttpMethod::Get);
    assert_eq!(
        list.response,
        Some(Ty::Named {
            name: "Page",
            shape: Shape::Object,
            args: vec![widget()],
        })
    );
    assert_eq!(list.query[0].name, "page[number]");
    assert_eq!(list.query[0].ty, Ty::Integer);

    assert_eq!(retrieve.template, "/widgets/{id}");
    let [PathSegment::Literal("/widgets/"), PathSegment::Param(id)] = retrieve.path.as_slice()
    else {
        panic!("unexpected path: {:?}", retrieve.path);
    };
    assert_eq!((id.name, &id.ty), ("id", &Ty::String));
    assert_eq!(retrieve.response, Some(widget()));
    assert_eq!(retrieve.body, None);
}

#[test]
fn type_expressions_resolve_to_types_and_parameters() {
    let spec = spec();
    let checked = checked(&spec);
    let page = checked
        .types
        .iter()
        .find(|ty| ty.name == "Page")
        .unwrap_or_else(|| panic!("no Page"));
    let TypeKind::Object { params, fields } = &page.kind else {
        panic!("Page is an object");
    };
    assert_eq!(params, &["T".to_owned()]);
    assert_eq!(fields[0].ty, Ty::Array(Box::new(Ty::Param("T"))));

    let widget = checked
        .types
        .iter()
        .find(|ty| ty.name == "Widget")
        .unwrap_or_else(|| panic!("no Widget"));
    let TypeKind::Object { fields, .. } = &widget.kind else {
        panic!("Widget is an object");
    };
    let dtmf = fields
        .iter()
        .find(|field| field.name == "dtmf")
        .unwrap_or_else(|| panic!("no dtmf"));
    assert_eq!(
        dtmf.ty,
        Ty::Named {
            name: "Dtmf",
            shape: Shape::Enum,
            args: vec![]
        }
    );
    assert_eq!(dtmf.default, Some(json!("RFC 2833")));
    assert_eq!(
        checked.client.error,
        Ty::Named {
            name: "ErrorBody",
            shape: Shape::Object,
            args: vec![]
        }
    );
}

#[test]
fn auth_steps_name_their_credential() {
    let spec = spec();
    let checked = checked(&spec);
    let v1 = checked
        .groups
        .iter()
        .find(|group| group.name == "v1")
        .unwrap_or_else(|| panic!("no v1"));
    let [Auth::Header { header, credential }] = v1.auth.as_slice() else {
        panic!("one header step expected: {:?}", v1.auth);
    };
    assert_eq!((*header, credential.name), ("x-api-token", "api_token"));
}

#[test]
fn the_ir_carries_methods_paths_and_field_facts_as_data() {
    let spec = spec();
    let ir = telnyx_codegen::ir::build(&checked(&spec)).unwrap_or_else(|err| panic!("{err}"));
    let module = &ir.modules[0];
    let retrieve = &module.resources[0].operations[1];
    assert_eq!(retrieve.http_method, HttpMethod::Get);
    assert_eq!(
        retrieve.path,
        vec![
            PathPart::Literal("/widgets/".to_owned()),
            PathPart::Param("id".to_owned())
        ]
    );
    let widget = module
        .types
        .iter()
        .find(|ty| ty.ident == "Widget")
        .unwrap_or_else(|| panic!("no Widget"));
    let telnyx_codegen::ir::TypeKind::Object { fields, .. } = &widget.kind else {
        panic!("Widget is an object");
    };
    let facts = |name: &str| {
        fields
            .iter()
            .find(|field| field.ident == name)
            .map(|field| field.facts.clone())
            .unwrap_or_else(|| panic!("no field {name}"))
    };
    assert_eq!(
        facts("id"),
        FieldFacts {
            read_only: true,
            ..FieldFacts::default()
        }
    );
    assert_eq!(
        facts("name"),
        FieldFacts {
            min_length: Some(3),
            ..FieldFacts::default()
        }
    );
    assert_eq!(facts("dtmf").default, Some(json!("RFC 2833")));
}

#[test]
fn text_types_resolve_with_their_wire_forms() {
    let text = VALID.replacen(
        "  Widget:\n",
        "  Code:\n    text: string-or-number\n  Label:\n    text: string\n  Widget:\n",
        1,
    );
    let text = text.replacen(
        "      port: { type: integer, nullable: true }\n",
        "      port: { type: integer, nullable: true }\n      code: { type: Code, default: 10015 }\n      labels: { type: array<Label> }\n",
        1,
    );
    let spec = telnyx_codegen::load::load_bytes(Path::new("spec.yaml"), text.as_bytes())
        .unwrap_or_else(|err| panic!("{err}"));
    let checked = checked(&spec);
    let kind = |name: &str| {
        &checked
            .types
            .iter()
            .find(|ty| ty.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .kind
    };
    assert!(matches!(
        kind("Code"),
        TypeKind::Text {
            repr: TextRepr::StringOrNumber
        }
    ));
    assert!(matches!(
        kind("Label"),
        TypeKind::Text {
            repr: TextRepr::String
        }
    ));
    let TypeKind::Object { fields, .. } = kind("Widget") else {
        panic!("Widget is an object");
    };
    let labels = fields
        .iter()
        .find(|field| field.name == "labels")
        .unwrap_or_else(|| panic!("no labels"));
    assert_eq!(
        labels.ty,
        Ty::Array(Box::new(Ty::Named {
            name: "Label",
            shape: Shape::Text,
            args: vec![]
        }))
    );

    let ir = telnyx_codegen::ir::build(&checked).unwrap_or_else(|err| panic!("{err}"));
    let numbers = |name: &str| {
        ir.modules[0]
            .types
            .iter()
            .find(|ty| ty.ident == name)
            .and_then(|ty| match ty.kind {
                telnyx_codegen::ir::TypeKind::Text { numbers } => Some(numbers),
                _ => None,
            })
    };
    assert_eq!(numbers("Code"), Some(true));
    assert_eq!(numbers("Label"), Some(false));
}
