//! `#[derive(ToQuery)]`: a struct of query parameters writes each field
//! under its wire name; `None` fields are left out, lists repeat the key.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::attrs::StructItem;

pub fn expand(input: &DeriveInput, item: &StructItem<'_>) -> TokenStream {
    let container = &item.container;
    let rt = &container.private;
    let name = &input.ident;
    let pushes = item.fields.iter().map(|spec| {
        let ident = spec.ident;
        let wire = &spec.wire;
        quote!(#rt::QueryField::push_to(&self.#ident, #wire, query);)
    });
    quote! {
        impl #rt::ToQuery for #name {
            fn append_to(&self, query: &mut #rt::Query) {
                #(#pushes)*
            }
        }
    }
}
