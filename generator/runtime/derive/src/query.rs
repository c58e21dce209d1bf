//! `#[derive(ToQuery)]`: a struct of query parameters writes each field
//! under its wire name; `None` fields are left out, lists repeat the key.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields};

use crate::attrs::{check_generics, Container, FieldSpec};

pub fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    check_generics(&input.generics)?;
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(
            input,
            "`ToQuery` derives only for structs",
        ));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new_spanned(
            input,
            "`ToQuery` needs named fields",
        ));
    };
    let container = Container::parse(&input.attrs)?;
    let rt = &container.private;
    let name = &input.ident;
    let pushes = named
        .named
        .iter()
        .map(|field| {
            let spec = FieldSpec::parse(field)?;
            let ident = spec.ident;
            let wire = &spec.wire;
            Ok(quote!(#rt::QueryField::push_to(&self.#ident, #wire, query);))
        })
        .collect::<syn::Result<Vec<_>>>()?;
    Ok(quote! {
        impl #rt::ToQuery for #name {
            fn append_to(&self, query: &mut #rt::Query) {
                #(#pushes)*
            }
        }
    })
}
