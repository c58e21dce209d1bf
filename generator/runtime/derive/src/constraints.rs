//! `Constraints` for generated types: every field's documented rules
//! (`#[model(min_length = 3)]`, `maximum = 250`, …) and, through each
//! field's own implementation, whatever the value holds. (An open enum's
//! check, that an unknown value is not a documented one, is the runtime's
//! blanket impl over `EnumDecode`.)

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::attrs::{path_names, Container, StructItem};

/// `Constraints` for a struct of named fields: a query's (always sent), or
/// a model's unless marked `#[model(received)]`.
pub fn expand_struct(input: &DeriveInput, item: &StructItem<'_>, always: bool) -> TokenStream {
    let container = &item.container;
    if !(always || container.sent) {
        return TokenStream::new();
    }
    let rt = &container.private;
    let name = &input.ident;
    let mut checks = Vec::new();
    for spec in &item.fields {
        if spec.extra {
            continue;
        }
        let ident = spec.ident;
        let wire = &spec.wire;
        let rules = &spec.rules;
        let option = |value: Option<TokenStream>| match value {
            Some(value) => quote!(#rt::Some(#value)),
            None => quote!(#rt::None),
        };
        let min_length = option(rules.min_length.map(|n| quote!(#n)));
        let max_length = option(rules.max_length.map(|n| quote!(#n)));
        let minimum = option(rules.minimum.map(|n| quote!(#n)));
        let maximum = option(rules.maximum.map(|n| quote!(#n)));
        let no_rules = rules.min_length.is_none()
            && rules.max_length.is_none()
            && rules.minimum.is_none()
            && rules.maximum.is_none();
        // Text, a number, a flag or a time without rules of its own has
        // nothing to check: no call, which every build would check.
        if no_rules && is_leaf(spec.inner.unwrap_or(spec.ty)) {
            continue;
        }
        // Most fields have no rules of their own: a constant instead of
        // four `None`s is less for every build of the crate to check.
        let rules = if no_rules {
            quote!(#rt::FieldRules::NONE)
        } else {
            quote!(#rt::FieldRules {
                min_length: #min_length,
                max_length: #max_length,
                minimum: #minimum,
                maximum: #maximum,
            })
        };
        checks.push(quote! {
            #rt::check_field(&self.#ident, path, #wire, #rules, found);
        });
    }
    let params: Vec<_> = input.generics.type_params().map(|p| &p.ident).collect();
    quote! {
        impl<#(#params: #rt::Constraints),*> #rt::Constraints for #name<#(#params),*> {
            #[inline]
            fn check(&self, path: &str, found: &mut #rt::Vec<#rt::__Violation>) {
                #(#checks)*
            }
        }
    }
}

/// Whether `ty` is text, an integer or a flag, whose `Constraints` check
/// nothing but a field's own rules: `String`, `i64` or `bool` written bare
/// (as the presence rules read a bare `Option`), or `std::string::String`.
/// A type of one's own of such a name is written with a path
/// (`super::String`), and keeps its check.
fn is_leaf(ty: &syn::Type) -> bool {
    let Some(names) = path_names(ty) else {
        return false;
    };
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    matches!(
        names.as_slice(),
        ["String" | "i64" | "bool"] | ["std", "string", "String"]
    )
}

/// `Constraints` for an untagged union not marked `#[model(received)]`:
/// no rules of its own.
pub fn expand_union(input: &DeriveInput, container: &Container) -> TokenStream {
    if !container.sent {
        return TokenStream::new();
    }
    let rt = &container.private;
    let name = &input.ident;
    quote! {
        impl #rt::Constraints for #name {
            fn check(&self, _: &str, _: &mut #rt::Vec<#rt::__Violation>) {}
        }
    }
}
