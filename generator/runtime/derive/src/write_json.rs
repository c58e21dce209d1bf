//! The runtime's `WriteJson` (the client's request-body encoder) for the
//! derived types: the same bytes as their `Serialize` impls give through
//! serde_json, with every key and listed enum value escaped here, at
//! expansion, instead of at every call.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::attrs::FieldSpec;
use crate::structs::local;

/// `text` as a JSON string, escaped as serde_json escapes it: `"` and `\`
/// with a backslash, the control characters with a short form where JSON
/// has one and `\u00xx` (lowercase hex) otherwise; everything else as is.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The `WriteJson` impl of a `Model` struct: what its `Serialize` writes,
/// field for field, in the same order and with the same presence rules.
pub fn for_struct(
    rt: &TokenStream,
    name: &syn::Ident,
    params: &[&syn::Ident],
    fields: &[&FieldSpec<'_>],
    extra: Option<&FieldSpec<'_>>,
) -> TokenStream {
    let out = local("out");
    let start = local("start");
    // One call per field, the presence test inside it: a flat body is
    // what costs least to check (most of this impl's compile time is the
    // borrow checker going through branches).
    let entries = fields.iter().map(|field| {
        let ident = field.ident;
        // `,"key":`: every entry starts with a comma (see `begin_object`).
        let key = Literal::byte_string(format!(",{}:", json_string(&field.wire)).as_bytes());
        let call = quote::format_ident!("write_json_{}", field.writer());
        quote!(#rt::#call(#out, #key, &self.#ident);)
    });
    // A struct that keeps unknown fields (rare in a request) is written
    // through its `Serialize` impl, which leaves out a kept field that a set
    // field replaces: the same bytes, and no list of field names here.
    let through_serde = extra.map(|extra| {
        let extra_ident = extra.ident;
        quote! {
            if !#rt::KeepUnknown::nothing_kept(&self.#extra_ident) {
                return #out.serde(self);
            }
        }
    });
    quote! {
        impl<#(#params: #rt::WriteJson + #rt::serde::Serialize),*> #rt::WriteJson for #name<#(#params),*> {
            // Compiled where a body is encoded, not in the generated crate:
            // a client that never sends a type pays nothing for it.
            #[inline]
            fn write_json(&self, #out: &mut #rt::JsonWriter) {
                #through_serde
                let #start = #out.begin_object();
                #(#entries)*
                #out.end_object(#start);
            }
        }
    }
}

/// The `WriteJson` impl of an untagged union: through its `Serialize`.
pub fn for_union(rt: &TokenStream, name: &syn::Ident) -> TokenStream {
    let out = local("out");
    quote! {
        impl #rt::WriteJson for #name {
            fn write_json(&self, #out: &mut #rt::JsonWriter) {
                #out.serde(self);
            }
        }
    }
}
