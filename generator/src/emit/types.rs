//! Emitting types: structs for objects, open enums, untagged unions.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::doc_attrs;
use super::{ident, Emitter};
use crate::ir::{AccessStep, FieldIr, Presence, RustType, TypeIr, TypeKind, VariantIr, WireValue};
use crate::load::schema::EnumRepr;

impl Emitter<'_> {
    /// The Rust type of a value (without `Option`).
    pub fn rust_type(&self, ty: &RustType) -> TokenStream {
        let rt = &self.rt;
        match ty {
            RustType::String => quote!(::std::string::String),
            RustType::SecretString => quote!(#rt::Secret<::std::string::String>),
            RustType::I64 => quote!(i64),
            RustType::Number => quote!(#rt::Number),
            RustType::Bool => quote!(bool),
            RustType::Json => quote!(::serde_json::Value),
            RustType::Vec(inner) => {
                let inner = self.rust_type(inner);
                quote!(::std::vec::Vec<#inner>)
            }
            RustType::Map(inner) => {
                let inner = self.rust_type(inner);
                quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
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
        match field.presence {
            Presence::Required => inner,
            Presence::Optional | Presence::RequiredNullable => {
                quote!(::std::option::Option<#inner>)
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
                repr,
                variants,
                unknown_ident,
            } => self.open_enum(ty, *repr, variants, unknown_ident),
            TypeKind::Union { variants } => self.union(ty, variants),
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
        let doc = doc_attrs(&[ty.doc.as_deref().unwrap_or(&ty.ident)]);
        let name = ident(&ty.ident);
        let generics = if params.is_empty() {
            quote!()
        } else {
            let params = params.iter().map(|p| ident(p));
            quote!(<#(#params),*>)
        };
        let derive_default = if default { quote!(Default,) } else { quote!() };
        let deserialize = self.object_deserialize(ty, params, fields, extra);
        let fields = fields.iter().map(|field| self.struct_field(field));
        let extra = ident(extra);
        let page_impl = self.page_impl(ty);
        quote! {
            #doc
            #[derive(Clone, Debug, #derive_default PartialEq, ::serde::Serialize)]
            pub struct #name #generics {
                #(#fields)*
                /// Fields the spec does not list, kept so that re-encoding loses nothing the server sent.
                #[serde(flatten)]
                pub #extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
            }

            #deserialize

            #page_impl
        }
    }

    /// A hand-rolled `Deserialize`: one pass over the object, known keys
    /// matched without allocating, unknown ones kept in the extra map.
    /// (`#[serde(flatten)]` would buffer every value first, which is several
    /// times slower; see BENCHMARKS.md.)
    fn object_deserialize(
        &self,
        ty: &TypeIr,
        params: &[String],
        fields: &[FieldIr],
        extra: &str,
    ) -> TokenStream {
        let rt = &self.rt;
        let name = ident(&ty.ident);
        let extra = ident(extra);
        let params: Vec<_> = params.iter().map(|p| ident(p)).collect();
        let (impl_generics, type_generics, visitor_generics, phantom, visitor_value) =
            if params.is_empty() {
                (
                    quote!(<'de>),
                    quote!(),
                    quote!(),
                    quote!(),
                    quote!(FieldsVisitor),
                )
            } else {
                (
                    quote!(<'de, #(#params: ::serde::Deserialize<'de>),*>),
                    quote!(<#(#params),*>),
                    quote!(<#(#params),*>),
                    quote!((::std::marker::PhantomData<(#(#params,)*)>)),
                    quote!(FieldsVisitor(::std::marker::PhantomData)),
                )
            };
        let locals: Vec<_> = fields
            .iter()
            .map(|f| ident(&format!("field_{}", f.ident.trim_start_matches("r#"))))
            .collect();
        let declarations = fields.iter().zip(&locals).map(|(field, local)| {
            let ty = self.rust_type(&field.ty);
            match field.presence {
                Presence::OptionalNullable => quote!(let mut #local: #rt::Nullable<#ty> = #rt::Nullable::Absent;),
                _ => quote!(let mut #local: ::std::option::Option<#ty> = ::std::option::Option::None;),
            }
        });
        let arms = fields.iter().zip(&locals).map(|(field, local)| {
            let wire = &field.wire_name;
            let read = match (field.presence, field.int_as_string) {
                (Presence::Required, false) => quote!(::std::option::Option::Some(map.next_value()?)),
                (Presence::Required, true) => quote!(::std::option::Option::Some(map.next_value::<#rt::WireInt>()?.0)),
                (Presence::Optional | Presence::RequiredNullable, false) => quote!(map.next_value()?),
                (Presence::Optional | Presence::RequiredNullable, true) => {
                    quote!(map.next_value::<::std::option::Option<#rt::WireInt>>()?.map(|value| value.0))
                }
                (Presence::OptionalNullable, false) => quote!(map.next_value()?),
                (Presence::OptionalNullable, true) => quote!(#rt::Nullable::from(
                    map.next_value::<::std::option::Option<#rt::WireInt>>()?.map(|value| value.0)
                )),
            };
            // Optional scalars are read forgivingly: a value of another shape
            // (or a null the docs did not promise) is kept in the extra map.
            let lenient = !field.int_as_string && is_lenient(&field.ty);
            match (field.presence, lenient) {
                (Presence::Optional, true) => {
                    quote!(#wire => #rt::read_optional(&mut map, key, &mut #local, &mut #extra)?,)
                }
                (Presence::OptionalNullable, true) => {
                    quote!(#wire => #rt::read_nullable(&mut map, key, &mut #local, &mut #extra)?,)
                }
                _ => quote!(#wire => #local = #read,),
            }
        });
        let inits = fields.iter().zip(&locals).map(|(field, local)| {
            let field_name = ident(&field.ident);
            let wire = &field.wire_name;
            match field.presence {
                Presence::Required => quote! {
                    #field_name: #local.ok_or_else(|| <A::Error as ::serde::de::Error>::missing_field(#wire))?,
                },
                _ => quote!(#field_name: #local,),
            }
        });
        let expecting = format!("an object ({})", ty.ident);
        quote! {
            impl #impl_generics ::serde::Deserialize<'de> for #name #type_generics {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    struct FieldsVisitor #visitor_generics #phantom;

                    impl #impl_generics ::serde::de::Visitor<'de> for FieldsVisitor #visitor_generics {
                        type Value = #name #type_generics;

                        fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            formatter.write_str(#expecting)
                        }

                        fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<Self::Value, A::Error> {
                            #(#declarations)*
                            let mut #extra = ::serde_json::Map::new();
                            while let ::std::option::Option::Some(key) = map.next_key::<#rt::FieldKey<'de>>()? {
                                match key.as_str() {
                                    #(#arms)*
                                    _ => {
                                        let value = map.next_value()?;
                                        #extra.insert(key.into_string(), value);
                                    }
                                }
                            }
                            ::std::result::Result::Ok(#name {
                                #(#inits)*
                                #extra,
                            })
                        }
                    }

                    deserializer.deserialize_map(#visitor_value)
                }
            }
        }
    }

    /// `impl Page` for the pagination envelope, so list operations can stream.
    fn page_impl(&self, ty: &TypeIr) -> TokenStream {
        let Some(pagination) = &self.ir.client.pagination else {
            return TokenStream::new();
        };
        if pagination.envelope_ident != ty.ident {
            return TokenStream::new();
        }
        let rt = &self.rt;
        let name = ident(&ty.ident);
        let param = ident(&pagination.param_ident);
        let items = ident(&pagination.items.ident);
        let items_expr = match pagination.items.presence {
            Presence::Required => quote!(self.#items),
            Presence::Optional | Presence::RequiredNullable => {
                quote!(self.#items.unwrap_or_default())
            }
            Presence::OptionalNullable => quote!(self.#items.into_option().unwrap_or_default()),
        };
        let total_pages = access_chain(&pagination.total_pages);
        let page_number = access_chain(&pagination.page_number);
        quote! {
            impl<#param> #rt::Page for #name<#param> {
                type Item = #param;

                fn items(self) -> ::std::vec::Vec<#param> {
                    #items_expr
                }

                fn page_number(&self) -> ::std::option::Option<i64> {
                    #page_number
                }

                fn total_pages(&self) -> ::std::option::Option<i64> {
                    #total_pages
                }
            }
        }
    }

    /// A field with its doc comment and serde attributes.
    pub fn struct_field(&self, field: &FieldIr) -> TokenStream {
        let doc = if field.doc.is_empty() {
            doc_attrs(&[format!("`{}`", field.wire_name)])
        } else {
            doc_attrs(&field.doc)
        };
        let name = ident(&field.ident);
        let ty = self.field_type(field);
        let mut serde_args = Vec::new();
        if field.ident.trim_start_matches("r#") != field.wire_name {
            let wire = &field.wire_name;
            serde_args.push(quote!(rename = #wire));
        }
        let rt = self.rt_string();
        match field.presence {
            Presence::Optional => {
                serde_args.push(quote!(
                    skip_serializing_if = "::std::option::Option::is_none"
                ));
            }
            Presence::OptionalNullable => {
                let skip = format!("{rt}::Nullable::is_absent");
                serde_args.push(quote!(skip_serializing_if = #skip));
            }
            Presence::Required | Presence::RequiredNullable => {}
        }
        if field.int_as_string {
            let module = match field.presence {
                Presence::Required => "int_as_string",
                Presence::Optional | Presence::RequiredNullable => "option_int_as_string",
                Presence::OptionalNullable => "nullable_int_as_string",
            };
            let with = format!("{rt}::wire::{module}::serialize");
            serde_args.push(quote!(serialize_with = #with));
        }
        let serde_attr = if serde_args.is_empty() {
            quote!()
        } else {
            quote!(#[serde(#(#serde_args),*)])
        };
        quote! {
            #doc
            #serde_attr
            pub #name: #ty,
        }
    }

    fn open_enum(
        &self,
        ty: &TypeIr,
        repr: EnumRepr,
        variants: &[VariantIr],
        unknown: &str,
    ) -> TokenStream {
        let rt = &self.rt;
        let doc = doc_attrs(&[ty.doc.as_deref().unwrap_or(&ty.ident)]);
        let name = ident(&ty.ident);
        let unknown = ident(unknown);
        let variant_defs = variants.iter().map(|variant| {
            let wire = match &variant.wire {
                WireValue::Str(text) => format!("`{text}`"),
                WireValue::Int(number) => format!("`{number}`"),
            };
            let doc = match &variant.doc {
                Some(text) => doc_attrs(&[format!("{wire}: {text}")]),
                None => doc_attrs(&[wire]),
            };
            let variant = ident(&variant.ident);
            quote!(#doc #variant,)
        });
        let literal = |wire: &WireValue| match wire {
            WireValue::Str(text) => Literal::string(text),
            WireValue::Int(number) => Literal::i64_unsuffixed(*number),
        };
        let serialize_arms = variants.iter().map(|variant| {
            let variant_ident = ident(&variant.ident);
            let value = literal(&variant.wire);
            match repr {
                EnumRepr::String => {
                    quote!(Self::#variant_ident => serializer.serialize_str(#value),)
                }
                EnumRepr::Integer => {
                    quote!(Self::#variant_ident => serializer.serialize_i64(#value),)
                }
            }
        });
        let deserialize_arms = variants.iter().map(|variant| {
            let variant_ident = ident(&variant.ident);
            let value = literal(&variant.wire);
            quote!(::std::option::Option::Some(#value) => Self::#variant_ident,)
        });
        let (accessor, accessor_doc, accessor_ty, scrutinee) = match repr {
            EnumRepr::String => (
                quote!(as_str),
                "The wire value, or `None` for an unknown value that is not a string.",
                quote!(::std::option::Option<&str>),
                quote!(value.as_str()),
            ),
            EnumRepr::Integer => (
                quote!(as_i64),
                "The wire value, or `None` for an unknown value that is not an integer.",
                quote!(::std::option::Option<i64>),
                quote!(value.as_i64()),
            ),
        };
        let accessor_arms = variants.iter().map(|variant| {
            let variant_ident = ident(&variant.ident);
            let value = literal(&variant.wire);
            quote!(Self::#variant_ident => ::std::option::Option::Some(#value),)
        });
        let accessor_doc = doc_attrs(&[accessor_doc]);
        let unknown_accessor = match repr {
            EnumRepr::String => quote!(Self::#unknown(value) => value.as_str(),),
            EnumRepr::Integer => quote!(Self::#unknown(value) => value.as_i64(),),
        };
        quote! {
            #doc
            #[derive(Clone, Debug, PartialEq)]
            pub enum #name {
                #(#variant_defs)*
                /// A value the spec does not list, kept as it arrived so that re-encoding loses nothing.
                #unknown(#rt::UnknownValue),
            }

            impl #name {
                #accessor_doc
                pub fn #accessor(&self) -> #accessor_ty {
                    match self {
                        #(#accessor_arms)*
                        #unknown_accessor
                    }
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        #(#serialize_arms)*
                        Self::#unknown(value) => ::serde::Serialize::serialize(value, serializer),
                    }
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let value = #rt::decode_wire_value(deserializer)?;
                    ::std::result::Result::Ok(match #scrutinee {
                        #(#deserialize_arms)*
                        _ => Self::#unknown(#rt::UnknownValue::new(value)),
                    })
                }
            }

            impl #rt::QueryValue for #name {
                fn to_query_value(&self) -> ::std::string::String {
                    match self {
                        Self::#unknown(value) => #rt::QueryValue::to_query_value(value),
                        known => known.#accessor().map(|v| v.to_string()).unwrap_or_default(),
                    }
                }
            }
        }
    }

    fn union(&self, ty: &TypeIr, variants: &[(String, RustType)]) -> TokenStream {
        let doc = doc_attrs(&[ty.doc.as_deref().unwrap_or(&ty.ident)]);
        let name = ident(&ty.ident);
        let variants = variants.iter().map(|(variant, inner)| {
            let variant_doc = doc_attrs(&[format!("The value as {}.", describe(inner))]);
            let variant = ident(variant);
            let inner = self.rust_type(inner);
            quote!(#variant_doc #variant(#inner),)
        });
        quote! {
            #doc
            #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            pub enum #name {
                #(#variants)*
            }
        }
    }
}

/// Whether a field type is read forgivingly (see the runtime's `lenient` module).
fn is_lenient(ty: &RustType) -> bool {
    match ty {
        RustType::String
        | RustType::SecretString
        | RustType::I64
        | RustType::Number
        | RustType::Bool => true,
        RustType::Vec(inner) => is_lenient(inner),
        RustType::Json | RustType::Map(_) | RustType::Named { .. } | RustType::Param(_) => false,
    }
}

/// `Option<i64>` from following fields that may each be absent.
fn access_chain(steps: &[AccessStep]) -> TokenStream {
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
    quote!(#expr.copied())
}

fn describe(ty: &RustType) -> &'static str {
    match ty {
        RustType::String | RustType::SecretString => "a string",
        RustType::I64 => "an integer",
        RustType::Number => "a number",
        RustType::Bool => "a boolean",
        RustType::Vec(_) => "an array",
        RustType::Map(_) | RustType::Named { .. } | RustType::Param(_) => "an object",
        RustType::Json => "any JSON value",
    }
}
