//! `#[derive(Model)]`: one-pass `Deserialize` (through `MapDecode`, which
//! also gives the runtime's `Lenient` by its blanket impl) that keeps
//! unknown keys, forgiving optional fields, exact `Serialize` (and the
//! client's `WriteJson`, see `write_json`).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::DeriveInput;

use crate::attrs::{fresh_param, Container, FieldSpec, Presence, StructItem};

pub fn expand(input: &DeriveInput, item: &StructItem<'_>) -> syn::Result<TokenStream> {
    let container = &item.container;
    let fields = &item.fields;
    let mut extra = None;
    let mut wire_fields = Vec::new();
    for field in fields {
        if field.extra {
            if extra.is_some() {
                return Err(syn::Error::new_spanned(
                    field.ident,
                    "only one field can be `#[model(extra)]`",
                ));
            }
            extra = Some(field);
        } else {
            wire_fields.push(field);
        }
    }
    let serialize = serialize(input, container, &wire_fields, extra);
    let deserialize = deserialize(input, container, &wire_fields, extra);
    let params: Vec<_> = input.generics.type_params().map(|p| &p.ident).collect();
    let write_json = container.sent.then(|| {
        crate::write_json::for_struct(
            &container.private,
            &input.ident,
            &params,
            &wire_fields,
            extra,
        )
    });
    Ok(quote! {
        #serialize
        #write_json
        #deserialize
    })
}

/// Locals the expansion invents, hygienic so that no field or type of the
/// item can clash with them.
pub(crate) fn local(name: &str) -> proc_macro2::Ident {
    proc_macro2::Ident::new(name, Span::mixed_site())
}

fn slot(index: usize) -> proc_macro2::Ident {
    format_ident!("__field{}", index, span = Span::mixed_site())
}

fn serialize(
    input: &DeriveInput,
    container: &Container,
    fields: &[&FieldSpec<'_>],
    extra: Option<&FieldSpec<'_>>,
) -> TokenStream {
    let rt = &container.private;
    let name = &input.ident;
    let params: Vec<_> = input.generics.type_params().map(|p| &p.ident).collect();
    let serializer_param = fresh_param(&input.generics, "S");
    let writer = local("writer");
    // One call per field, the presence test inside it, and no `?`: the
    // writer keeps the first error (see the runtime's `serialize`), and a
    // flat body is what costs least to compile.
    let entries = fields.iter().map(|field| {
        let ident = field.ident;
        let wire = &field.wire;
        let call = format_ident!("write_{}", field.writer());
        quote!(#rt::#call(&mut #writer, #wire, &self.#ident);)
    });
    let serializer = local("serializer");
    // The writer notes which keys the fields wrote only when something is
    // kept, so that `write_extra` leaves out a kept field of the same name.
    let (begin, write_extra) = match extra {
        Some(extra) => {
            let extra_ident = extra.ident;
            (
                quote!(#rt::begin_struct_with_extra(#serializer, &self.#extra_ident)?),
                quote!(#rt::write_extra(&mut #writer, &self.#extra_ident);),
            )
        }
        None => (quote!(#rt::begin_struct(#serializer)?), quote!()),
    };
    quote! {
        impl<#(#params: #rt::serde::Serialize),*> #rt::serde::Serialize for #name<#(#params),*> {
            fn serialize<#serializer_param: #rt::serde::Serializer>(
                &self,
                #serializer: #serializer_param,
            ) -> #rt::Result<#serializer_param::Ok, #serializer_param::Error> {
                let mut #writer = #begin;
                #(#entries)*
                #write_extra
                #writer.end()
            }
        }
    }
}

fn deserialize(
    input: &DeriveInput,
    container: &Container,
    fields: &[&FieldSpec<'_>],
    extra: Option<&FieldSpec<'_>>,
) -> TokenStream {
    let rt = &container.private;
    let name = &input.ident;
    let params: Vec<_> = input.generics.type_params().map(|p| &p.ident).collect();
    let access_param = fresh_param(&input.generics, "A");
    let deserializer_param = fresh_param(&input.generics, "D");
    let map = local("map");
    let key = local("key");
    let extra_local = local("extra");
    // The extra field's own type; without one, values that do not fit an
    // optional field are gathered in an `Extra` and dropped.
    let extra_ty = match extra {
        Some(extra) => {
            let ty = extra.ty;
            quote!(#ty)
        }
        None => quote!(#rt::Extra),
    };
    let declarations = fields.iter().enumerate().map(|(index, field)| {
        let slot = slot(index);
        let ty = field.ty;
        let slot_ty = match (field.presence, field.int_string) {
            (Presence::Required, false) | (Presence::RequiredNullable, false) => {
                quote!(#rt::Option<#ty>)
            }
            (Presence::Optional, false) => quote!(#ty),
            (Presence::OptionalNullable, false) => quote!(#ty),
            (Presence::Required, true) | (Presence::Optional, true) => {
                quote!(#rt::Option<#rt::IntString>)
            }
            (Presence::RequiredNullable, true) => {
                quote!(#rt::Option<#rt::Option<#rt::IntString>>)
            }
            (Presence::OptionalNullable, true) => quote!(#rt::Nullable<#rt::IntString>),
        };
        let init = match field.presence {
            Presence::OptionalNullable => quote!(#rt::Nullable::Absent),
            _ => quote!(#rt::None),
        };
        quote_spanned!(Span::mixed_site()=> let mut #slot: #slot_ty = #init;)
    });
    let keep_unknown = if extra.is_some() {
        quote!(#rt::read_unknown(&mut #map, #key, &mut #extra_local))
    } else {
        quote!(#rt::skip_unknown(&mut #map))
    };
    // Without an extra map, a value that does not fit an optional field is dropped.
    let arms = fields.iter().enumerate().map(|(index, field)| {
        let slot = slot(index);
        let wire = &field.wire;
        let read = match field.presence {
            Presence::Required | Presence::RequiredNullable => {
                quote!(#rt::read_required(&mut #map, &mut #slot))
            }
            Presence::Optional => {
                quote!(#rt::read_optional(&mut #map, #key, &mut #slot, &mut #extra_local))
            }
            Presence::OptionalNullable => {
                quote!(#rt::read_nullable(&mut #map, #key, &mut #slot, &mut #extra_local))
            }
        };
        quote!(#wire => #read,)
    });
    let inits = fields.iter().enumerate().map(|(index, field)| {
        let slot = slot(index);
        let ident = field.ident;
        let wire = &field.wire;
        let value = match (field.presence, field.int_string) {
            (Presence::Required, false) => quote!(#rt::required(#slot, #wire)?),
            (Presence::Required, true) => quote!(#rt::required(#slot, #wire)?.0),
            (Presence::RequiredNullable, false) => quote!(#slot.flatten()),
            (Presence::RequiredNullable, true) => quote!(#rt::from_int_string(#slot.flatten())),
            (Presence::Optional | Presence::OptionalNullable, false) => quote!(#slot),
            (Presence::Optional | Presence::OptionalNullable, true) => {
                quote!(#rt::from_int_string(#slot))
            }
        };
        quote!(#ident: #value,)
    });
    let extra_init = extra.map(|extra| {
        let ident = extra.ident;
        quote!(#ident: #extra_local,)
    });
    let deserializer = local("deserializer");
    let read = local("read");
    quote! {
        impl<'de, #(#params: #rt::Lenient),*> #rt::serde::Deserialize<'de> for #name<#(#params),*> {
            fn deserialize<#deserializer_param: #rt::serde::Deserializer<'de>>(
                #deserializer: #deserializer_param,
            ) -> #rt::Result<Self, #deserializer_param::Error> {
                #rt::deserialize_struct(#deserializer)
            }
        }

        impl<#(#params: #rt::Lenient),*> #rt::MapDecode for #name<#(#params),*> {
            fn decode_map<'de, #access_param: #rt::serde::de::MapAccess<'de>>(
                mut #map: #access_param,
            ) -> #rt::Result<Self, #access_param::Error> {
                #(#declarations)*
                #[allow(unused_mut, unused_variables)]
                let mut #extra_local: #extra_ty = #rt::Default::default();
                while let #rt::Some(#key) = #rt::serde::de::MapAccess::next_key::<#rt::FieldKey<'de>>(&mut #map)? {
                    // Every arm gives the read's result and one `?` takes it:
                    // a `?` in each arm costs every build a branch per field.
                    let #read = match #key.as_str() {
                        #(#arms)*
                        _ => #keep_unknown,
                    };
                    #read?;
                }
                #rt::Ok(Self {
                    #(#inits)*
                    #extra_init
                })
            }
        }
    }
}
