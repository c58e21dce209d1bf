//! Emitting `src/fake.rs` and `src/fake/<module>.rs`: the spec as the
//! runtime's fake table (`static`s of plain data, one part per module so
//! that no file grows with the whole spec) and a thin `Fake` type that starts the runtime's
//! `FakeServer` from it and builds clients pointed at it. How the fake
//! behaves is written once, in the runtime; nothing here knows it.

use std::collections::HashMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{inner_markdown_doc_attrs, markdown_doc_attrs};
use super::{ident, Emitter};
use crate::ir::{
    AuthIr, FakeField, FakeIr, FakeOperation, FakeResource, FakeShape, FakeType, FakeTypeKind, Ir,
    WireValue,
};

/// One module's part of the fake's table.
pub(super) struct FakePart<'f> {
    /// The module's identifier, which names the part's file.
    pub(super) module: &'f str,
    /// The spec file the module comes from.
    pub(super) source: &'f str,
    types: Vec<&'f FakeType>,
    operations: Vec<&'f FakeOperation>,
    resources: Vec<&'f FakeResource>,
}

impl<'f> FakePart<'f> {
    /// The fake's table split by module, in module order, each item in
    /// the part of the module its spec file became (one pass over it).
    pub(super) fn split(ir: &'f Ir, fake: &'f FakeIr) -> Vec<Self> {
        let mut parts: Vec<FakePart<'f>> = ir
            .modules
            .iter()
            .map(|module| FakePart {
                module: &module.ident,
                source: &module.source_file,
                types: Vec::new(),
                operations: Vec::new(),
                resources: Vec::new(),
            })
            .collect();
        let at: HashMap<&str, usize> = parts
            .iter()
            .enumerate()
            .map(|(index, part)| (part.module, index))
            .collect();
        let part_of = |module: &str| at.get(module).copied();
        for ty in &fake.types {
            if let Some(part) = part_of(&ty.module).and_then(|i| parts.get_mut(i)) {
                part.types.push(ty);
            }
        }
        for op in &fake.operations {
            if let Some(part) = part_of(&op.module).and_then(|i| parts.get_mut(i)) {
                part.operations.push(op);
            }
        }
        for resource in &fake.resources {
            if let Some(part) = part_of(&resource.module).and_then(|i| parts.get_mut(i)) {
                part.resources.push(resource);
            }
        }
        parts.retain(|part| {
            !(part.types.is_empty() && part.operations.is_empty() && part.resources.is_empty())
        });
        parts
    }
}

impl<'a> Emitter<'a> {
    /// The items of `src/fake.rs`, inner docs included.
    pub(super) fn fake_rs(&self, fake: &FakeIr) -> TokenStream {
        let rt = &self.rt;
        let krate = &self.krate;
        let doc = inner_markdown_doc_attrs(&[&self.fake_doc(fake)]);
        let groups = self.ir.groups.iter().map(|group| {
            let name = &group.name;
            let auth = group.auth.iter().map(|auth| match auth {
                AuthIr::Bearer(credential) => {
                    let credential = &credential.ident;
                    quote!(Auth::Bearer { credential: #credential })
                }
                AuthIr::Header(header, credential) => {
                    let credential = &credential.ident;
                    quote!(Auth::Header { header: #header, credential: #credential })
                }
            });
            quote!(Group { name: #name, auth: &[#(#auth),*] })
        });
        // The table's parts live in `src/fake/<module>.rs`, one per spec
        // module, so that no generated file grows with the whole spec.
        let parts: Vec<TokenStream> = FakePart::split(self.ir, fake)
            .iter()
            .map(|part| {
                let module = ident(part.module);
                quote!(#module)
            })
            .collect();
        let (errors_field, error_entry) = (&fake.errors_field, &fake.error_entry);
        let paging = match &fake.paging {
            Some(p) => {
                let (envelope, items, page_param, page_number, total_pages) = (
                    &p.envelope,
                    &p.items,
                    &p.page_param,
                    &p.page_number,
                    &p.total_pages,
                );
                let size_param = option_str(p.size_param.as_deref());
                let page_size = option_str(p.page_size.as_deref());
                let total_results = option_str(p.total_results.as_deref());
                quote!(Some(NumberPaging {
                    envelope: #envelope,
                    items: #items,
                    page_param: #page_param,
                    size_param: #size_param,
                    page_number: #page_number,
                    total_pages: #total_pages,
                    page_size: #page_size,
                    total_results: #total_results,
                }))
            }
            None => quote!(None),
        };
        let cursor_paging = match &fake.cursor_paging {
            Some(p) => {
                let (envelope, items, cursor_param, next_cursor) =
                    (&p.envelope, &p.items, &p.cursor_param, &p.next_cursor);
                let limit_param = option_str(p.limit_param.as_deref());
                let total_results = option_str(p.total_results.as_deref());
                quote!(Some(CursorPaging {
                    envelope: #envelope,
                    items: #items,
                    cursor_param: #cursor_param,
                    limit_param: #limit_param,
                    next_cursor: #next_cursor,
                    total_results: #total_results,
                }))
            }
            None => quote!(None),
        };
        let credentials = self.ir.client.credentials.iter().map(|credential| {
            let method = ident(&credential.ident);
            let name = &credential.ident;
            quote!(.#method(self.server.credential(#name)))
        });
        let base_urls = self.ir.groups.iter().map(|group| {
            let method = ident(&format!(
                "base_url_{}",
                group.ident.trim_start_matches("r#")
            ));
            let name = &group.name;
            quote!(.#method(self.server.base_url(#name)))
        });
        let base_url_methods = self.ir.groups.iter().map(|group| {
            let method = ident(&format!(
                "base_url_{}",
                group.ident.trim_start_matches("r#")
            ));
            let name = &group.name;
            let doc = markdown_doc_attrs(&[&format!(
                "The base URL of the `{name}` API group on the fake."
            )]);
            quote! {
                #doc
                pub fn #method(&self) -> ::std::string::String {
                    self.server.base_url(#name)
                }
            }
        });
        let example = self.fake_example(fake);
        quote! {
            #doc

            use #rt::fake::table::{Api, Auth, CursorPaging, ErrorShape, Group, NumberPaging};
            use #rt::fake::FakeServer;

            #(mod #parts;)*

            /// The API as the fake sees it, generated from the spec: for
            /// `FakeServer::start` when [`Fake`] is not enough.
            pub static API: Api = Api {
                groups: &[#(#groups),*],
                types: &[#(#parts::TYPES),*],
                operations: &[#(#parts::OPERATIONS),*],
                resources: &[#(#parts::RESOURCES),*],
                errors: ErrorShape { list: #errors_field, entry: #error_entry },
                paging: #paging,
                cursor_paging: #cursor_paging,
            };

            /// A running fake of the API on a loopback port; stops when
            /// dropped. Every control of the runtime's `FakeServer`
            /// (`fail_next`, `rate_limit`, `requests`, `reset`, `seed_samples`,
            /// `insert`, `objects`, …) is available on it.
            ///
            #example
            #[derive(Debug)]
            pub struct Fake {
                server: FakeServer,
            }

            impl Fake {
                /// Starts a fake with no objects, in the current Tokio runtime.
                ///
                /// # Errors
                ///
                /// When no loopback port can be bound.
                pub async fn start() -> ::std::io::Result<Self> {
                    ::std::result::Result::Ok(Self {
                        server: FakeServer::start(&API).await?,
                    })
                }

                /// A client of the fake, with the credentials it expects.
                ///
                /// # Panics
                ///
                /// When the HTTP client cannot be built (TLS initialisation failed).
                pub fn client(&self) -> #krate::Client {
                    match self.client_builder().build() {
                        ::std::result::Result::Ok(client) => client,
                        ::std::result::Result::Err(error) => {
                            ::std::panic!("cannot build a client of the fake: {error}")
                        }
                    }
                }

                /// A client builder pointed at the fake, with the credentials it
                /// expects, to add settings (a retry policy, say) before `build`.
                pub fn client_builder(&self) -> #krate::ClientBuilder {
                    #krate::Client::builder()
                        #(#credentials)*
                        #(#base_urls)*
                }

                #(#base_url_methods)*

                /// The runtime's server, with every test control.
                pub fn server(&self) -> &FakeServer {
                    &self.server
                }
            }

            impl ::std::ops::Deref for Fake {
                type Target = FakeServer;

                fn deref(&self) -> &FakeServer {
                    &self.server
                }
            }
        }
    }

    /// `src/fake/<module>.rs`: the module's types, operations and
    /// resources as the fake's table holds them.
    pub(super) fn fake_part(&self, part: &FakePart<'_>) -> TokenStream {
        let rt = &self.rt;
        let doc = inner_markdown_doc_attrs(&[&format!(
            "The fake's table: what `{}` declares.",
            part.source
        )]);
        let types = part.types.iter().copied().map(type_tokens);
        let operations = part.operations.iter().copied().map(operation_tokens);
        let resources = part.resources.iter().copied().map(resource_tokens);
        quote! {
            #doc

            use #rt::fake::table::*;

            pub(super) static TYPES: &[Type] = &[#(#types),*];
            pub(super) static OPERATIONS: &[Operation] = &[#(#operations),*];
            pub(super) static RESOURCES: &[Resource] = &[#(#resources),*];
        }
    }

    fn fake_doc(&self, fake: &FakeIr) -> String {
        let mut doc = String::from(
            "A stateful, in-process fake of the API, generated from the spec, for tests that \
             exercise code using [`Client`](crate::Client) without the network \
             (feature `fake`; off by default, so other builds compile none of it).\n\n\
             [`Fake::start`] serves every operation on a loopback port; [`Fake::client`] talks \
             to it. Objects created are kept, with server-assigned ids, timestamps and \
             documented defaults; unknown ids answer 404; bodies and parameters are checked \
             like the server does (422 with the field's JSON pointer); credentials per API \
             group (401). See the runtime's `fake` module for everything it does.\n\n\
             Resources the fake keeps, and their operations:\n",
        );
        for resource in &fake.resources {
            let roles: Vec<String> = [
                ("create", &resource.create),
                ("list", &resource.list),
                ("retrieve", &resource.retrieve),
                ("update", &resource.update),
                ("delete", &resource.delete),
            ]
            .into_iter()
            .filter_map(|(role, op)| op.as_ref().map(|op| format!("{role} `{op}`")))
            .collect();
            let view = if resource.view_of.is_empty() {
                String::new()
            } else {
                format!(" (the objects of `{}`)", resource.view_of.join("`, `"))
            };
            doc.push_str(&format!(
                "- `{}`{view}: {}\n",
                resource.name,
                roles.join(", ")
            ));
        }
        let stateless: Vec<String> = fake
            .operations
            .iter()
            .filter(|op| !fake.resources.iter().any(|r| has_role(r, &op.name)))
            .map(|op| format!("`{}`", op.name))
            .collect();
        if !stateless.is_empty() {
            doc.push_str(&format!(
                "\nThe other operations answer from their samples (or an example built from \
                 the response type; `set_reply` and `set_items` choose): {}.\n",
                stateless.join(", ")
            ));
        }
        doc
    }

    fn fake_example(&self, fake: &FakeIr) -> TokenStream {
        let Some(crate_name) = &self.example_crate else {
            return quote!();
        };
        // The first list whose call takes nothing but an all-optional query
        // (so `&Default::default()` compiles).
        let handles = self.ir.modules.iter().flat_map(|module| &module.resources);
        let found = handles
            .filter(|handle| fake.resources.iter().any(|r| r.name == handle.name))
            .find_map(|handle| {
                let resource = fake.resources.iter().find(|r| r.name == handle.name)?;
                let list = handle
                    .operations
                    .iter()
                    .find(|op| Some(&op.name) == resource.list.as_ref())?;
                let optional = list.query.as_ref().is_none_or(|(_, fields)| {
                    fields.iter().all(|field| {
                        matches!(
                            field.presence,
                            crate::ir::Presence::Optional | crate::ir::Presence::OptionalNullable
                        )
                    })
                });
                (list.path_params.is_empty() && optional).then_some((handle, list))
            });
        let Some((accessor, list)) = found else {
            return quote!();
        };
        let accessor = accessor.accessor_ident.trim_start_matches("r#");
        let call = list.method_ident.trim_start_matches("r#");
        let args = if list.query.is_some() {
            "&Default::default()"
        } else {
            ""
        };
        let text = format!(
            "```no_run\n# async fn example() -> Result<(), Box<dyn std::error::Error>> {{\nlet fake = {crate_name}::fake::Fake::start().await?;\nlet client = fake.client();\nlet page = client.{accessor}().{call}({args}).await?;\nassert_eq!(fake.requests().len(), 1);\n# let _ = page;\n# Ok(())\n# }}\n```"
        );
        markdown_doc_attrs(&["# Example", &text])
    }
}

fn has_role(resource: &FakeResource, op: &str) -> bool {
    [
        &resource.create,
        &resource.list,
        &resource.retrieve,
        &resource.update,
        &resource.delete,
    ]
    .into_iter()
    .any(|role| role.as_deref() == Some(op))
}

fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(text) => quote!(Some(#text)),
        None => quote!(None),
    }
}

fn shape_tokens(shape: &FakeShape) -> TokenStream {
    match shape {
        FakeShape::String => quote!(Shape::String),
        FakeShape::Integer => quote!(Shape::Integer),
        FakeShape::Number => quote!(Shape::Number),
        FakeShape::Boolean => quote!(Shape::Boolean),
        FakeShape::Json => quote!(Shape::Json),
        FakeShape::Array(inner) => {
            let inner = shape_tokens(inner);
            quote!(Shape::Array(&#inner))
        }
        FakeShape::Map(inner) => {
            let inner = shape_tokens(inner);
            quote!(Shape::Map(&#inner))
        }
        FakeShape::Named(name, args) => {
            let args = args.iter().map(shape_tokens);
            quote!(Shape::Named(#name, &[#(#args),*]))
        }
        FakeShape::Param(name) => quote!(Shape::Param(#name)),
    }
}

fn option_shape(shape: Option<&FakeShape>) -> TokenStream {
    match shape {
        Some(shape) => {
            let shape = shape_tokens(shape);
            quote!(Some(#shape))
        }
        None => quote!(None),
    }
}

fn field_tokens(field: &FakeField) -> TokenStream {
    let name = &field.name;
    let shape = shape_tokens(&field.shape);
    let mut calls = Vec::new();
    for (set, call) in [
        (field.required, quote!(.required())),
        (field.nullable, quote!(.nullable())),
        (field.read_only, quote!(.read_only())),
        (field.int_string, quote!(.int_string())),
    ] {
        if set {
            calls.push(call);
        }
    }
    if let Some(format) = field.format {
        calls.push(quote!(.format(#format)));
    }
    if let Some(default) = &field.default {
        calls.push(quote!(.default(#default)));
    }
    if let Some(min) = field.min_length {
        let min = Literal::u64_unsuffixed(min);
        calls.push(quote!(.min_length(#min)));
    }
    if let Some(max) = field.max_length {
        let max = Literal::u64_unsuffixed(max);
        calls.push(quote!(.max_length(#max)));
    }
    if let Some(min) = field.minimum {
        let min = Literal::f64_unsuffixed(min);
        calls.push(quote!(.minimum(#min)));
    }
    if let Some(max) = field.maximum {
        let max = Literal::f64_unsuffixed(max);
        calls.push(quote!(.maximum(#max)));
    }
    quote!(Field::new(#name, #shape) #(#calls)*)
}

fn type_tokens(ty: &FakeType) -> TokenStream {
    let name = &ty.name;
    let params = &ty.params;
    let kind = match &ty.kind {
        FakeTypeKind::Object(fields) => {
            let fields = fields.iter().map(field_tokens);
            quote!(TypeKind::Object(&[#(#fields),*]))
        }
        FakeTypeKind::Enum(values) => {
            let values = values.iter().map(|value| match value {
                WireValue::Str(text) => quote!(EnumValue::Str(#text)),
                WireValue::Int(number) => {
                    let number = Literal::i64_unsuffixed(*number);
                    quote!(EnumValue::Int(#number))
                }
            });
            quote!(TypeKind::Enum(&[#(#values),*]))
        }
        FakeTypeKind::Union(alternatives) => {
            let alternatives = alternatives.iter().map(shape_tokens);
            quote!(TypeKind::Union(&[#(#alternatives),*]))
        }
    };
    quote!(Type { name: #name, params: &[#(#params),*], kind: #kind })
}

fn operation_tokens(op: &FakeOperation) -> TokenStream {
    let (name, group, method, path) = (&op.name, &op.group, op.method, &op.path);
    let query = op.query.iter().map(field_tokens);
    let body = option_shape(op.body.as_ref());
    let response = option_shape(op.response.as_ref());
    let (requests, responses) = (&op.request_samples, &op.response_samples);
    quote!(Operation {
        name: #name,
        group: #group,
        method: #method,
        path: #path,
        query: &[#(#query),*],
        body: #body,
        response: #response,
        request_samples: &[#(#requests),*],
        response_samples: &[#(#responses),*],
    })
}

fn resource_tokens(resource: &FakeResource) -> TokenStream {
    let (name, item, id) = (&resource.name, &resource.item, &resource.id);
    let create = option_str(resource.create.as_deref());
    let list = option_str(resource.list.as_deref());
    let retrieve = option_str(resource.retrieve.as_deref());
    let update = option_str(resource.update.as_deref());
    let delete = option_str(resource.delete.as_deref());
    let view_of = &resource.view_of;
    let created_at = option_str(resource.created_at.as_deref());
    let updated_at = option_str(resource.updated_at.as_deref());
    let set = resource
        .set
        .iter()
        .map(|(field, json)| quote!((#field, #json)));
    let filters = resource
        .filters
        .iter()
        .map(|(param, field)| quote!((#param, #field)));
    quote!(Resource {
        name: #name,
        item: #item,
        id: #id,
        create: #create,
        list: #list,
        retrieve: #retrieve,
        update: #update,
        delete: #delete,
        view_of: &[#(#view_of),*],
        created_at: #created_at,
        updated_at: #updated_at,
        set: &[#(#set),*],
        filters: &[#(#filters),*],
    })
}
