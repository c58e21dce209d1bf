//! `new` and chained setters for generated structs (models and query
//! parameters), so a forgotten required field is a compile error and a
//! documented new optional field is an additive change.
//!
//! `new` takes every required field (a bare `T`, or an `Option<T>` marked
//! `#[model(nullable)]`, which must be stated even when `None`), in
//! declaration order; every other field starts unset, and the map of
//! unknown keys empty. Each optional field of a type the client sends gets
//! a setter of its own name that returns the struct, carrying the field's
//! doc comment. The fields stay public, so a `Nullable` field can still be
//! set to `Nullable::Null` by assignment, and a `#[model(received)]` type
//! (which a caller builds only to fake a response) is filled in the same
//! way: it has no setters, which every build of the crate would check.
//!
//! Text-like values (`String`, `Secret`, `DateTime`, `Number`) are taken as
//! `impl Into<T>`, so `.name("office")` needs no `.to_owned()`; anything
//! else is taken as `T`: a generic method per field is what costs most
//! to check in a crate of many setters, and an integer, a flag or an enum
//! gains nothing from it.

use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::{DeriveInput, Generics, Type};

use crate::attrs::{path_names, Presence, StructItem};
use crate::input::FieldDocs;

/// The inherent `impl` with `new` and the setters of the struct `input`.
pub fn expand(
    input: &DeriveInput,
    item: &StructItem<'_>,
    docs: &FieldDocs,
) -> syn::Result<TokenStream> {
    let rt = &item.container.private;
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let mut params = Vec::new();
    let mut inits = Vec::new();
    let mut setters = Vec::new();
    for spec in &item.fields {
        let ident = spec.ident;
        if spec.extra {
            inits.push(quote!(#ident: #rt::Default::default()));
            continue;
        }
        match spec.presence {
            // A type naming a generic parameter is taken as it is: `new`
            // fixes the parameter from it, which `impl Into<T>` could not.
            Presence::Required if mentions_param(spec.ty, &input.generics) => {
                let ty = spec.ty;
                params.push(quote!(#ident: #ty));
                inits.push(quote!(#ident));
            }
            Presence::Required if converts(spec.ty) => {
                let ty = spec.ty;
                params.push(quote!(#ident: impl #rt::Into<#ty>));
                inits.push(quote!(#ident: #rt::Into::into(#ident)));
            }
            Presence::Required => {
                let ty = spec.ty;
                params.push(quote!(#ident: #ty));
                inits.push(quote!(#ident));
            }
            Presence::RequiredNullable => {
                let ty = spec.ty;
                params.push(quote!(#ident: #ty));
                inits.push(quote!(#ident));
            }
            Presence::Optional | Presence::OptionalNullable => {
                // The unset value itself, not `Default::default()`: no
                // trait call per field for every build to resolve.
                inits.push(match spec.presence {
                    Presence::Optional => quote!(#ident: #rt::None),
                    _ => quote!(#ident: #rt::Nullable::Absent),
                });
                if !item.container.sent {
                    continue;
                }
                let inner = spec.inner.ok_or_else(|| {
                    syn::Error::new_spanned(spec.ty, "expected `Option<T>` or `Nullable<T>`")
                })?;
                let docs = docs.get(&spec.ident.to_string());
                let (param, value) = if converts(inner) {
                    (
                        quote!(impl #rt::Into<#inner>),
                        quote!(#rt::Into::<#inner>::into(value)),
                    )
                } else {
                    (quote!(#inner), quote!(value))
                };
                let set = match spec.presence {
                    Presence::Optional => quote!(#rt::Some(#value)),
                    _ => quote!(#rt::Into::into(#value)),
                };
                setters.push(quote! {
                    #docs
                    #[must_use]
                    pub fn #ident(mut self, value: #param) -> Self {
                        self.#ident = #set;
                        self
                    }
                });
            }
        }
    }
    let new_doc = format!(
        "A `{name}` from its required fields (none when it has only optional ones); the optional fields start unset."
    );
    Ok(quote! {
        impl #impl_generics #name #ty_generics #where_clause {
            #[doc = #new_doc]
            #[allow(clippy::new_without_default, clippy::too_many_arguments)]
            #[must_use]
            #[inline]
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits),* }
            }

            #(#setters)*
        }
    })
}

/// Whether a value of `ty` is taken as `impl Into<ty>`: the text-like
/// types, by the last segment of their path, whose conversions (from
/// `&str`, and for `Number` from the integer types) callers lean on.
fn converts(ty: &Type) -> bool {
    path_names(ty)
        .and_then(|names| names.last().cloned())
        .is_some_and(|last| ["String", "Secret", "DateTime", "Number"].contains(&last.as_str()))
}

/// Whether `ty` names one of the type parameters of `generics`.
fn mentions_param(ty: &Type, generics: &Generics) -> bool {
    let params: Vec<&Ident> = generics.type_params().map(|p| &p.ident).collect();
    fn walk(tokens: TokenStream, params: &[&Ident]) -> bool {
        tokens.into_iter().any(|token| match token {
            TokenTree::Ident(ident) => params.contains(&&ident),
            TokenTree::Group(group) => walk(group.stream(), params),
            _ => false,
        })
    }
    !params.is_empty() && walk(ty.to_token_stream(), &params)
}
