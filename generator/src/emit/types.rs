//! Emitting types: structs for objects, open enums, untagged unions, text
//! newtypes.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{doc_attrs, escape, markdown_doc_attrs};
use super::{ident, Emitter};
use crate::ir::{AccessStep, FieldIr, Presence, RustType, TypeIr, TypeKind, VariantIr, WireValue};

impl Emitter<'_> {
    /// The Rust type of a value (without `Option`).
    pub fn rust_type(&self, ty: &RustType) -> TokenStream {
        let rt = &self.rt;
        let string = self.std.string();
        match ty {
            RustType::String => quote!(#string),
            RustType::SecretString => quote!(#rt::Secret<#string>),
            RustType::I64 => quote!(i64),
            RustType::Number => quote!(#rt::Number),
            RustType::DateTime => quote!(#rt::DateTime),
            RustType::Bool => quote!(bool),
            RustType::Json => quote!(::serde_json::Value),
            RustType::Vec(inner) => {
                let inner = self.rust_type(inner);
                let vec = self.std.vec();
                quote!(#vec<#inner>)
            }
            RustType::Map(inner) => {
                let inner = self.rust_type(inner);
                quote!(::std::collections::BTreeMap<#string, #inner>)
            }
            RustType::Named {
                ident: name, args, ..
            } => {
                let name = ident(name);
                let krate = &self.krate;
                if args.is_empty() {
                    quote!(#krate::#name)
                } else {
                    let args = args.iter().map(|a| self.rust_type(a));
                    quote!(#krate::#name<#(#args),*>)
                }
            }
            RustType::Param(name) => {
                let name = ident(name);
                quote!(#name)
            }
        }
    }

    /// The declared type of a field, wrapped according to its presence.
    pub fn field_type(&self, field: &FieldIr) -> TokenStream {
        let rt = &self.rt;
        let inner = self.rust_type(&field.ty);
        let option = self.std.option();
        match field.presence {
            Presence::Required => inner,
            Presence::Optional | Presence::RequiredNullable => {
                quote!(#option<#inner>)
            }
            Presence::OptionalNullable => quote!(#rt::Nullable<#inner>),
        }
    }

    /// A type definition.
    pub fn type_def(&self, ty: &TypeIr) -> TokenStream {
        match &ty.kind {
            TypeKind::Object {
                params,
                fields,
                extra_ident,
                default,
            } => self.object(ty, params, fields, extra_ident, *default),
            TypeKind::Enum {
                variants,
                unknown_ident,
                ..
            } => self.open_enum(ty, variants, unknown_ident),
            TypeKind::Union { variants } => self.union(ty, variants),
            TypeKind::Text { numbers } => self.text(ty, *numbers),
        }
    }

    fn object(
        &self,
        ty: &TypeIr,
        params: &[String],
        fields: &[FieldIr],
        extra: &str,
        default: bool,
    ) -> TokenStream {
        let rt = &self.rt;
        let doc = doc_attrs(&[ty.doc.as_deref().unwrap_or(&ty.ident)]);
        let name = ident(&ty.ident);
        let generics = if params.is_empty() {
            quote!()
        } else {
            let params = params.iter().map(|p| ident(p));
            quote!(<#(#params),*>)
        };
        let derive_default = if default { quote!(Default,) } else { quote!() };
        let crate_attr = self.container_attrs(ty);
        let fields = fields.iter().map(|field| self.struct_field(field));
        let extra = ident(extra);
        let page_impl = self.page_impl(ty);
        quote! {
            #doc
            #[derive(Clone, Debug, #derive_default PartialEq, #rt::Model)]
            #crate_attr
            #[non_exhaustive]
            pub struct #name #generics {
                #(#fields)*
                /// Fields the spec does not list, kept so that re-encoding loses nothing the server sent.
                #[model(extra)]
                pub #extra: #rt::Extra,
            }

            #page_impl
        }
    }

    /// `impl Page` (or `impl CursorPage`) for a pagination envelope, so
    /// list operations can stream.
    fn page_impl(&self, ty: &TypeIr) -> TokenStream {
        let rtp = &self.rtp;
        let client = &self.ir.client;
        if let Some(pagination) = client
            .pagination
            .as_ref()
            .filter(|p| p.envelope_ident == ty.ident)
        {
            let name = ident(&ty.ident);
            let param = ident(&pagination.param_ident);
            let items = items_expr(&pagination.items);
            let total_pages = access_chain(&pagination.total_pages, quote!(.copied()));
            let page_number = access_chain(&pagination.page_number, quote!(.copied()));
            return quote! {
                impl<#param> #rtp::Page for #name<#param> {
                    type Item = #param;

                    fn items(self) -> ::std::vec::Vec<#param> {
                        #items
                    }

                    fn page_number(&self) -> ::std::option::Option<i64> {
                        #page_number
                    }

                    fn total_pages(&self) -> ::std::option::Option<i64> {
                        #total_pages
                    }
                }
            };
        }
        if let Some(pagination) = client
            .cursor_pagination
            .as_ref()
            .filter(|p| p.envelope_ident == ty.ident)
        {
            let name = ident(&ty.ident);
            let param = ident(&pagination.param_ident);
            let items = items_expr(&pagination.items);
            let next_cursor = access_chain(
                &pagination.next_cursor,
                quote!(.map(|cursor| cursor.as_str())),
            );
            return quote! {
                impl<#param> #rtp::CursorPage for #name<#param> {
                    type Item = #param;

                    fn items(self) -> ::std::vec::Vec<#param> {
                        #items
                    }

                    fn next_cursor(&self) -> ::std::option::Option<&str> {
                        #next_cursor
                    }
                }
            };
        }
        TokenStream::new()
    }

    /// A field with its doc comment and wire attributes.
    pub fn struct_field(&self, field: &FieldIr) -> TokenStream {
        let doc = field_doc(field);
        let doc = if doc.is_empty() {
            doc_attrs(&[format!("`{}`", field.wire_name)])
        } else {
            doc_attrs(&doc)
        };
        let name = ident(&field.ident);
        let ty = self.field_type(field);
        let attrs = model_attrs(field);
        quote! {
            #doc
            #attrs
            pub #name: #ty,
        }
    }

    fn open_enum(&self, ty: &TypeIr, variants: &[VariantIr], unknown: &str) -> TokenStream {
        let rt = &self.rt;
        let doc = doc_attrs(&[ty.doc.as_deref().unwrap_or(&ty.ident)]);
        let name = ident(&ty.ident);
        let unknown = ident(unknown);
        let crate_attr = self.container_attrs(ty);
        let variant_defs = variants.iter().map(|variant| {
            let (wire, value) = match &variant.wire {
                WireValue::Str(text) => (format!("`{text}`"), Literal::string(text)),
                WireValue::Int(number) => (format!("`{number}`"), Literal::i64_unsuffixed(*number)),
            };
            let doc = match &variant.doc {
                Some(text) => doc_attrs(&[format!("{wire}: {text}")]),
                None => doc_attrs(&[wire]),
            };
            let variant = ident(&variant.ident);
            quote!(#doc #[model(value = #value)] #variant,)
        });
        quote! {
            #doc
            #[derive(Clone, Debug, PartialEq, #rt::OpenEnum)]
            #crate_attr
            #[non_exhaustive]
            pub enum #name {
                #(#variant_defs)*
                /// A value the spec does not list, kept as it arrived so that re-encoding loses nothing.
                #[model(unknown)]
                #unknown(#rt::UnknownValue),
            }
        }
    }

    fn union(&self, ty: &TypeIr, variants: &[(String, RustType)]) -> TokenStream {
        let rt = &self.rt;
        let doc = doc_attrs(&[ty.doc.as_deref().unwrap_or(&ty.ident)]);
        let name = ident(&ty.ident);
        let crate_attr = self.container_attrs(ty);
        let display = scalar_union_display(&name, variants);
        let variants = variants.iter().map(|(variant, inner)| {
            let variant_doc = doc_attrs(&[format!("The value as {}.", describe(inner))]);
            let variant = ident(variant);
            let inner = self.rust_type(inner);
            quote!(#variant_doc #variant(#inner),)
        });
        quote! {
            #doc
            #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, #rt::Lenient)]
            #[serde(untagged)]
            #crate_attr
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
            }

            #display
        }
    }

    /// A newtype over text; its methods and its wire form come from the
    /// runtime's `text_type!`, so the output only names the type.
    fn text(&self, ty: &TypeIr, numbers: bool) -> TokenStream {
        let rtp = &self.rtp;
        let spec_doc = escape(ty.doc.as_deref().unwrap_or(&ty.ident));
        let (inner, form) = if numbers {
            (
                quote!(#rtp::TextOrNumber),
                "Text that arrives as a JSON string or a JSON number (read as its\n\
                 digits: `10015`) and is sent back in the form it arrived; a value\n\
                 made from text (`From<&str>`, `new`) is sent as a string. `as_str()`\n\
                 and `Display` give the text; values compare by their text, with each\n\
                 other and with `&str`.",
            )
        } else {
            (
                self.std.string(),
                "Text sent as a JSON string. `as_str()` and `Display` give the text;\n\
                 values compare by their text, with each other and with `&str`.",
            )
        };
        let example = self.text_example(&ty.ident, numbers).unwrap_or_default();
        let doc = markdown_doc_attrs(&[spec_doc.as_str(), form, example.as_str()]);
        let name = ident(&ty.ident);
        quote! {
            #doc
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            pub struct #name(#inner);

            #rtp::text_type!(#name);
        }
    }

    /// A doctest of a text type: what it reads as and how it is written
    /// back. Only in the crate layout, where the type has a crate path.
    fn text_example(&self, name: &str, numbers: bool) -> Option<String> {
        let krate = self.example_crate.as_deref()?;
        let path = format!("{krate}::{name}");
        let body = if numbers {
            format!(
                "// A JSON number or a JSON string: the same text.\n\
                 let number: {path} = serde_json::from_str(\"10015\")?;\n\
                 let text: {path} = serde_json::from_str(\"\\\"10015\\\"\")?;\n\
                 assert_eq!(number.as_str(), \"10015\");\n\
                 assert_eq!(number, text);\n\
                 assert!(number == \"10015\");\n\
                 // Each is written back in the form it came in; one made from text is a string.\n\
                 assert_eq!(serde_json::to_string(&number)?, \"10015\");\n\
                 assert_eq!(serde_json::to_string(&{path}::from(\"10015\"))?, \"\\\"10015\\\"\");\n"
            )
        } else {
            format!(
                "let value = {path}::from(\"text\");\n\
                 assert_eq!(value.as_str(), \"text\");\n\
                 assert!(value == \"text\");\n\
                 assert_eq!(serde_json::to_string(&value)?, \"\\\"text\\\"\");\n"
            )
        };
        Some(format!("```\n{body}# Ok::<(), serde_json::Error>(())\n```"))
    }

    /// A derived type's `#[model(...)]` container attributes: `received`
    /// for a type no request carries (the derives then leave out its body
    /// encoder and constraint checks), and the runtime's path (see
    /// `crate_attr`).
    fn container_attrs(&self, ty: &TypeIr) -> TokenStream {
        let crate_attr = self.crate_attr();
        if ty.sides.request {
            crate_attr
        } else {
            quote!(#[model(received)] #crate_attr)
        }
    }

    /// `#[model(crate = "...")]` when the runtime is not at its default path.
    pub(super) fn crate_attr(&self) -> TokenStream {
        if self.rt_path == DEFAULT_RUNTIME_PATH {
            TokenStream::new()
        } else {
            let path = &self.rt_path;
            quote!(#[model(crate = #path)])
        }
    }
}

/// The runtime's path the derives assume when told nothing.
const DEFAULT_RUNTIME_PATH: &str = "::telnyx_codegen_runtime";

/// The `#[model(...)]` attribute of a field: its wire name when it differs
/// from the Rust name, and the wire facts its type does not show.
pub(super) fn model_attrs(field: &FieldIr) -> TokenStream {
    let mut args = Vec::new();
    if field.ident.trim_start_matches("r#") != field.wire_name {
        let wire = &field.wire_name;
        args.push(quote!(rename = #wire));
    }
    if field.presence == Presence::RequiredNullable {
        args.push(quote!(nullable));
    }
    if field.int_as_string {
        args.push(quote!(int_string));
    }
    // Documented constraints, checked before a request is sent.
    let facts = &field.facts;
    if let Some(min) = facts.min_length {
        args.push(quote!(min_length = #min));
    }
    if let Some(max) = facts.max_length {
        args.push(quote!(max_length = #max));
    }
    if let Some(min) = facts.minimum {
        let min = bound_literal(min);
        args.push(quote!(minimum = #min));
    }
    if let Some(max) = facts.maximum {
        let max = bound_literal(max);
        args.push(quote!(maximum = #max));
    }
    if args.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[model(#(#args),*)])
    }
}

/// A bound as a literal the derive reads: an integer when it is whole
/// (`250`, not `250.0`), else a float; negative bounds as a negation.
fn bound_literal(bound: f64) -> TokenStream {
    let magnitude = bound.abs();
    #[allow(
        clippy::cast_possible_truncation,
        reason = "only whole bounds in i64 range"
    )]
    let literal = if magnitude.fract() == 0.0 && magnitude < 9.0e15 {
        Literal::i64_unsuffixed(magnitude as i64)
    } else {
        Literal::f64_unsuffixed(magnitude)
    };
    if bound < 0.0 {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}

/// The doc paragraphs of a field: its text, then what the spec knows about
/// its values (default, constraints, format, secrecy) in one paragraph.
pub(super) fn field_doc(field: &FieldIr) -> Vec<String> {
    let mut doc = Vec::new();
    if let Some(text) = &field.doc {
        doc.push(text.trim().to_owned());
    }
    let known = &field.facts;
    let mut facts = Vec::new();
    match field.presence {
        Presence::Required => facts.push("Required.".to_owned()),
        Presence::RequiredNullable => facts.push("Required; may be `null`.".to_owned()),
        Presence::Optional | Presence::OptionalNullable => {}
    }
    if known.read_only {
        facts.push("Read-only: set by the server.".to_owned());
    }
    if let Some(format) = known.format {
        facts.push(format!("Format: `{format}`."));
    }
    if let Some(default) = &known.default {
        facts.push(format!("Server default: `{default}`."));
    }
    if let Some(min) = known.min_length {
        facts.push(format!("At least {min} characters."));
    }
    if let Some(max) = known.max_length {
        facts.push(format!("At most {max} characters."));
    }
    if let Some(min) = known.minimum {
        facts.push(format!("Minimum: {min}."));
    }
    if let Some(max) = known.maximum {
        facts.push(format!("Maximum: {max}."));
    }
    if field.int_as_string {
        facts.push("Sent as a JSON string; decoded from a string or a number.".to_owned());
    }
    if known.secret {
        facts.push("Secret: hidden from `Debug` output.".to_owned());
    }
    if !facts.is_empty() {
        doc.push(facts.join(" "));
    }
    doc
}

/// `Option<i64>` from following fields that may each be absent.
/// `self.items`, unwrapped to a vector whatever its presence.
fn items_expr(items: &AccessStep) -> TokenStream {
    let field = ident(&items.ident);
    match items.presence {
        Presence::Required => quote!(self.#field),
        Presence::Optional | Presence::RequiredNullable => quote!(self.#field.unwrap_or_default()),
        Presence::OptionalNullable => quote!(self.#field.into_option().unwrap_or_default()),
    }
}

/// `Some(self)` walked down `steps` to an `Option<&T>`, then `finish`
/// (`.copied()` for an integer, `.map(String::as_str)` for a string).
fn access_chain(steps: &[AccessStep], finish: TokenStream) -> TokenStream {
    let mut expr = quote!(::std::option::Option::Some(self));
    for step in steps {
        let field = ident(&step.ident);
        expr = match step.presence {
            Presence::Required => quote!(#expr.map(|value| &value.#field)),
            Presence::Optional | Presence::RequiredNullable => {
                quote!(#expr.and_then(|value| value.#field.as_ref()))
            }
            Presence::OptionalNullable => quote!(#expr.and_then(|value| value.#field.value())),
        };
    }
    quote!(#expr #finish)
}

/// `Display` for a union whose alternatives are all scalars (such as an
/// error code sent as a string or a number): each shows its value as it
/// would read on the wire. Other unions have no single text form.
fn scalar_union_display(name: &proc_macro2::Ident, variants: &[(String, RustType)]) -> TokenStream {
    let scalar = |ty: &RustType| {
        matches!(
            ty,
            RustType::String
                | RustType::I64
                | RustType::Number
                | RustType::Bool
                | RustType::DateTime
        )
    };
    if !variants.iter().all(|(_, ty)| scalar(ty)) {
        return TokenStream::new();
    }
    let arms = variants.iter().map(|(variant, _)| {
        let variant = ident(variant);
        quote!(Self::#variant(value) => ::std::fmt::Display::fmt(value, f),)
    });
    quote! {
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn describe(ty: &RustType) -> &'static str {
    match ty {
        RustType::String | RustType::SecretString => "a string",
        RustType::I64 => "an integer",
        RustType::Number => "a number",
        RustType::DateTime => "a date-time",
        RustType::Bool => "a boolean",
        RustType::Vec(_) => "an array",
        RustType::Map(_) | RustType::Named { .. } | RustType::Param(_) => "an object",
        RustType::Json => "any JSON value",
    }
}
