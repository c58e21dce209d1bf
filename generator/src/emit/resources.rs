//! Emitting a resource: its handle, the client accessor, one async method
//! per operation, and the query-parameter struct of each operation that has
//! query parameters.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, escape, markdown_doc_attrs};
use super::types::{field_doc, model_attrs};
use super::{ident, Emitter};
use crate::ir::{
    FieldIr, OperationIr, PageStyle, PagedIr, PathPart, Presence, ResourceIr, RustType,
};

impl Emitter<'_> {
    pub(super) fn resource(&self, resource: &ResourceIr) -> TokenStream {
        let rt = &self.rt;
        let krate = &self.krate;
        let handle = ident(&resource.handle_ident);
        let accessor = ident(&resource.accessor_ident);
        let group_name = &resource.group;
        let what = resource
            .doc
            .clone()
            .unwrap_or_else(|| format!("The `{}` resource.", resource.name));
        let mut handle_doc = vec![
            escape(&what),
            format!(
                "API group `{group_name}`. Get one with [`Client::{0}`](super::Client::{0}); \
                 set per-request options (timeout, retries, extra headers and query \
                 parameters) with [`{1}::with_options`].",
                resource.accessor_ident, resource.handle_ident
            ),
        ];
        handle_doc.extend(self.handle_example(resource));
        let handle_doc = markdown_doc_attrs(&handle_doc);
        let accessor_doc = doc_attrs(&[what]);
        let operations = resource
            .operations
            .iter()
            .map(|op| self.operation(resource, op));
        let queries = resource
            .operations
            .iter()
            .filter_map(|op| self.query_struct(resource, op));
        quote! {
            #handle_doc
            #[derive(Clone, Debug)]
            pub struct #handle<'a> {
                client: &'a #krate::Client,
                options: #rt::RequestOptions,
            }

            impl #krate::Client {
                #accessor_doc
                pub fn #accessor(&self) -> #handle<'_> {
                    #handle {
                        client: self,
                        options: #rt::RequestOptions::default(),
                    }
                }
            }

            impl<'a> #handle<'a> {
                /// Applies `options` (timeout, retries, extra headers and query parameters) to every request made through this handle.
                pub fn with_options(mut self, options: #rt::RequestOptions) -> Self {
                    self.options = options;
                    self
                }

                #(#operations)*
            }

            #(#queries)*
        }
    }

    /// The raw method (`<call>_with_response`), the plain method that
    /// returns only the decoded value, and for paged lists a stream.
    fn operation(&self, resource: &ResourceIr, op: &OperationIr) -> TokenStream {
        let rtp = &self.rtp;
        let rt = &self.rt;
        let krate = &self.krate;
        let result = self.std.result();
        let locals = &op.locals;
        let method = ident(&op.method_ident);
        let raw_method = ident(&op.raw_ident);
        let request_fn = ident(&format!(
            "request_{}",
            resource.group_ident.trim_start_matches("r#")
        ));
        let http_method = ident(op.http_method.as_str());
        let request = ident(&locals.request);

        let (mut params, mut args) = self.path_params(op);
        let path = self.path_expr(op);
        let template = &op.path_template;
        let retry_safe = op.retry_safe;
        let mut build = vec![quote! {
            let #request = self
                .client
                .#request_fn(#rtp::Method::#http_method, #path)?
                .path_template(#template)
                .retry_safe(#retry_safe)
                .options(&self.options);
        }];
        if let Some((query_ident, _)) = &op.query {
            let query_ty = ident(query_ident);
            let query = ident(&locals.query);
            params.push(quote!(#query: &#query_ty));
            args.push(quote!(#query));
            build.push(quote!(let #request = #request.check(#query).query(#query);));
        }
        if let Some(body) = &op.body {
            let body_ty = self.rust_type(body);
            let body = ident(&locals.body);
            params.push(quote!(#body: &#body_ty));
            args.push(quote!(#body));
            build.push(quote!(let #request = #request.check(#body).json_body(#body);));
        }
        let output = match &op.response {
            Some(response) => self.rust_type(response),
            None => quote!(()),
        };
        let doc = markdown_doc_attrs(&operation_doc(op, &resource.group));
        let call = op.method_ident.trim_start_matches("r#");
        let raw_doc = markdown_doc_attrs(&[
            format!(
                "Like [`{call}`](Self::{call}), but also returns the status, headers and raw body \
                 of the response (e.g. to read rate-limit headers)."
            ),
            "# Errors".to_owned(),
            format!("As [`{call}`](Self::{call})."),
        ]);
        let stream = op
            .paged
            .as_ref()
            .map(|paged| self.stream_method(op, paged))
            .unwrap_or_default();
        let allow = clippy_allows(call);
        quote! {
            #doc
            #allow
            pub async fn #method(&self, #(#params),*) -> #result<#output, #krate::Error> {
                self.#raw_method(#(#args),*).await.map(#rt::Response::into_value)
            }

            #raw_doc
            pub async fn #raw_method(&self, #(#params),*) -> #result<#rt::Response<#output>, #krate::Error> {
                #(#build)*
                self.client.http().send_with_response(#request).await
            }

            #stream
        }
    }

    /// The path parameters as method parameters and as call arguments.
    fn path_params(&self, op: &OperationIr) -> (Vec<TokenStream>, Vec<TokenStream>) {
        let mut params = Vec::new();
        let mut args = Vec::new();
        for param in &op.path_params {
            let name = ident(&param.ident);
            args.push(quote!(#name));
            match &param.ty {
                RustType::String | RustType::SecretString => params.push(quote!(#name: &str)),
                other => {
                    let ty = self.rust_type(other);
                    params.push(quote!(#name: &#ty));
                }
            }
        }
        (params, args)
    }

    /// The request path: the template as a literal, or formatted with the
    /// encoded path parameters.
    fn path_expr(&self, op: &OperationIr) -> TokenStream {
        let rtp = &self.rtp;
        let path_args: Vec<TokenStream> = op
            .path_params
            .iter()
            .map(|param| {
                let name = ident(&param.ident);
                match &param.ty {
                    RustType::String | RustType::SecretString => {
                        quote!(#rtp::encode_path_segment(#name))
                    }
                    _ => {
                        quote!(#rtp::encode_path_segment(&#rtp::QueryValue::to_query_value(#name)))
                    }
                }
            })
            .collect();
        if path_args.is_empty() {
            let literal = &op.path_template;
            quote!(#literal)
        } else {
            let template: String = op
                .path
                .iter()
                .map(|part| match part {
                    PathPart::Literal(text) => text.replace('{', "{{").replace('}', "}}"),
                    PathPart::Param(_) => "{}".to_owned(),
                })
                .collect();
            quote!(&::std::format!(#template, #(#path_args),*))
        }
    }

    /// `<call>_stream`: every item of every page, fetching the next page
    /// only when the consumer needs it. Path parameters are copied into the
    /// stream, which outlives the borrowed arguments.
    fn stream_method(&self, op: &OperationIr, paged: &PagedIr) -> TokenStream {
        let rtp = &self.rtp;
        let rt = &self.rt;
        let krate = &self.krate;
        let result = self.std.result();
        let option = self.std.option();
        let locals = &op.locals;
        let query = ident(&locals.query);
        let handle = ident(&locals.handle);
        let page = ident(&locals.page);
        let query_ty = ident(&paged.query_ident);
        let method = ident(&op.method_ident);
        let stream_method = ident(&op.stream_ident);
        let page_field = ident(&paged.page_field);
        let item = self.rust_type(&paged.item);
        let (params, _) = self.path_params(op);
        let owned: Vec<TokenStream> = op
            .path_params
            .iter()
            .map(|param| {
                let name = ident(&param.ident);
                quote!(let #name = ::std::borrow::ToOwned::to_owned(#name);)
            })
            .collect();
        let cloned: Vec<TokenStream> = op
            .path_params
            .iter()
            .map(|param| {
                let name = ident(&param.ident);
                quote!(let #name = #name.clone();)
            })
            .collect();
        let args: Vec<TokenStream> = op
            .path_params
            .iter()
            .map(|param| {
                let name = ident(&param.ident);
                quote!(&#name)
            })
            .collect();
        let call = op.method_ident.trim_start_matches("r#");
        let (start, walk) = match paged.style {
            PageStyle::Number => (
                "Starts at the query's page (default 1).",
                quote! {
                    #rtp::paginate(#query.#page_field.unwrap_or(1), move |#page| {
                        let #handle = #handle.clone();
                        let mut #query = #query.clone();
                        #(#cloned)*
                        #query.#page_field = #option::Some(#page);
                        async move { #handle.#method(#(#args,)* &#query).await }
                    })
                },
            ),
            PageStyle::Cursor => (
                "Follows the cursor each page names for the next; starts after the query's \
                 cursor, or at the first page without one.",
                quote! {
                    #rtp::paginate_cursor(#query.#page_field.clone(), move |#page| {
                        let #handle = #handle.clone();
                        let mut #query = #query.clone();
                        #(#cloned)*
                        #query.#page_field = #page;
                        async move { #handle.#method(#(#args,)* &#query).await }
                    })
                },
            ),
        };
        let doc = markdown_doc_attrs(&[
            format!(
                "Every item of [`{call}`](Self::{call}), page after page: the next page is fetched \
                 only when the stream needs it, with this handle's options; the stream stops \
                 after the last page, at an empty page, or after the first error, and fetches \
                 nothing more once dropped. {start}"
            ),
            "The stream is not `Unpin`; pin it (`std::pin::pin!`) before calling `next()`."
                .to_owned(),
        ]);
        quote! {
            #doc
            pub fn #stream_method(&self, #(#params,)* #query: &#query_ty) -> impl #rt::Stream<Item = #result<#item, #krate::Error>> + 'a {
                let #handle = self.clone();
                let #query = #query.clone();
                #(#owned)*
                #walk
            }
        }
    }

    /// A compiled (not run) example calling the handle's first operation
    /// that needs no body and no required query parameter, with made-up
    /// path parameters.
    fn handle_example(&self, resource: &ResourceIr) -> Option<String> {
        let krate = self.example_crate.as_deref()?;
        let (op, args) = resource.operations.iter().find_map(|op| {
            if op.body.is_some() {
                return None;
            }
            let mut args: Vec<String> = op
                .path_params
                .iter()
                .map(|param| match param.ty {
                    RustType::String => Some("\"ID\"".to_owned()),
                    RustType::I64 => Some("&1".to_owned()),
                    _ => None,
                })
                .collect::<Option<_>>()?;
            if let Some((query, fields)) = &op.query {
                if fields.iter().any(|f| f.presence == Presence::Required) {
                    return None;
                }
                args.push(format!("&{krate}::{query}::new()"));
            }
            Some((op, args))
        })?;
        let method = op.method_ident.trim_start_matches("r#");
        Some(format!(
            "```no_run\n# async fn example(client: &{krate}::Client) -> Result<(), {krate}::Error> {{\nlet response = client.{}().{method}({}).await?;\nprintln!(\"{{response:?}}\");\n# Ok(())\n# }}\n```",
            resource.accessor_ident.trim_start_matches("r#"),
            args.join(", ")
        ))
    }

    fn query_struct(&self, resource: &ResourceIr, op: &OperationIr) -> Option<TokenStream> {
        let rt = &self.rt;
        let (query_ident, fields) = op.query.as_ref()?;
        let name = ident(query_ident);
        let doc = markdown_doc_attrs(&[format!(
            "Query parameters of [`{}::{}`]. Unset parameters are not sent.",
            resource.handle_ident, op.method_ident
        )]);
        // Only where nothing must be stated (see the object types).
        let default = fields
            .iter()
            .all(|f| matches!(f.presence, Presence::Optional | Presence::OptionalNullable));
        let derive_default = if default { quote!(Default,) } else { quote!() };
        let crate_attr = self.crate_attr();
        let field_defs = fields.iter().map(|field| {
            let mut doc = field_doc(field);
            let doc = if doc.is_empty() {
                doc_attrs(&[format!("`{}`", field.wire_name)])
            } else {
                doc.push(format!("Sent as `{}`.", field.wire_name));
                doc_attrs(&doc)
            };
            let field_name = ident(&field.ident);
            let ty = self.query_field_type(field);
            let attrs = model_attrs(field);
            quote!(#doc #attrs pub #field_name: #ty,)
        });
        Some(quote! {
            #doc
            #[derive(Clone, Debug, #derive_default PartialEq, #rt::ToQuery)]
            #crate_attr
            #[non_exhaustive]
            pub struct #name {
                #(#field_defs)*
            }
        })
    }

    /// Query parameters are either set or not; `null` has no meaning in a query string.
    fn query_field_type(&self, field: &FieldIr) -> TokenStream {
        let inner = self.rust_type(&field.ty);
        let option = self.std.option();
        if field.presence == Presence::Required {
            inner
        } else {
            quote!(#option<#inner>)
        }
    }
}

fn operation_doc(op: &OperationIr, group: &str) -> Vec<String> {
    let mut doc = vec![escape(&op.summary)];
    if let Some(description) = &op.description {
        if description.trim() != op.summary.trim() {
            doc.push(escape(description));
        }
    }
    // The route, not where the curator found it: page numbers of the
    // scraped documentation mean nothing to a user.
    doc.push(format!(
        "`{} {}` (API group `{group}`).",
        op.http_method, op.path_template
    ));
    if let Some(url) = &op.docs_url {
        doc.push(format!("API reference: <{url}>"));
    }
    doc.push("# Errors".to_owned());
    doc.push(
        "Returns [`Error`](super::Error) when a credential is missing, the request cannot be sent or \
         times out, the server answers with a non-2xx status (see `is_not_found`, `is_validation`, \
         `is_rate_limited`), or the response body does not decode."
            .to_owned(),
    );
    doc
}

/// Clippy lints a call's name alone can trigger: a call is named by the
/// spec, so a method `new` that does not return `Self`, or one named like a
/// std trait's method, is what the API says and not a mistake to lint.
fn clippy_allows(call: &str) -> TokenStream {
    const TRAIT_METHODS: &[&str] = &[
        "add",
        "as_mut",
        "as_ref",
        "borrow",
        "borrow_mut",
        "clone",
        "cmp",
        "default",
        "deref",
        "deref_mut",
        "div",
        "drop",
        "eq",
        "from_iter",
        "from_str",
        "hash",
        "index",
        "index_mut",
        "into_iter",
        "mul",
        "neg",
        "next",
        "not",
        "rem",
        "shl",
        "shr",
        "sub",
    ];
    if call == "new" {
        quote!(#[allow(clippy::new_ret_no_self)])
    } else if TRAIT_METHODS.contains(&call) {
        quote!(#[allow(clippy::should_implement_trait)])
    } else {
        TokenStream::new()
    }
}
