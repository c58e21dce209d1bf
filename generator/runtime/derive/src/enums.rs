//! `#[derive(OpenEnum)]`: an enum whose listed values are unit variants and
//! whose one `#[model(unknown)]` variant keeps any other value; and
//! `#[derive(Lenient)]` for untagged unions.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields};

use crate::attrs::{check_generics, fresh_param, variant_attr, Container, VariantAttr};

enum Repr {
    Str,
    Int,
}

pub fn expand(input: &DeriveInput, container: &Container) -> syn::Result<TokenStream> {
    check_generics(&input.generics)?;
    if input.generics.type_params().next().is_some() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "`OpenEnum` takes no type parameters",
        ));
    }
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new_spanned(
            input,
            "`OpenEnum` derives only for enums",
        ));
    };
    let rt = &container.private;
    let name = &input.ident;
    let mut known = Vec::new();
    let mut unknown = None;
    let mut repr = None;
    for variant in &data.variants {
        match variant_attr(&variant.attrs, variant.span())? {
            VariantAttr::Unknown => {
                if !matches!(&variant.fields, Fields::Unnamed(f) if f.unnamed.len() == 1) {
                    return Err(syn::Error::new_spanned(
                        variant,
                        "the unknown variant holds one `UnknownValue`",
                    ));
                }
                if unknown.replace(&variant.ident).is_some() {
                    return Err(syn::Error::new_spanned(
                        variant,
                        "only one variant can be `#[model(unknown)]`",
                    ));
                }
            }
            value => {
                if !matches!(variant.fields, Fields::Unit) {
                    return Err(syn::Error::new_spanned(
                        variant,
                        "a listed value is a unit variant",
                    ));
                }
                let this = match value {
                    VariantAttr::Int(_) => Repr::Int,
                    _ => Repr::Str,
                };
                match (&repr, &this) {
                    (None, _) => repr = Some(this),
                    (Some(Repr::Str), Repr::Str) | (Some(Repr::Int), Repr::Int) => {}
                    _ => {
                        return Err(syn::Error::new_spanned(
                            variant,
                            "all values of an enum are strings, or all are integers",
                        ))
                    }
                }
                known.push((&variant.ident, value));
            }
        }
    }
    let unknown = unknown.ok_or_else(|| {
        syn::Error::new_spanned(name, "an open enum needs one `#[model(unknown)]` variant")
    })?;
    let repr = repr.unwrap_or(Repr::Str);
    let literal = |value: &VariantAttr| match value {
        VariantAttr::Str(text) => Literal::string(text),
        VariantAttr::Int(number) => Literal::i64_unsuffixed(*number),
        VariantAttr::Unknown => Literal::string(""),
    };
    let serializer_param = fresh_param(&input.generics, "S");
    let deserializer_param = fresh_param(&input.generics, "D");
    let (wire_kind, accessor, accessor_ty, accessor_fn, accessor_doc) = match repr {
        Repr::Str => (
            quote!(Str),
            quote!(as_str),
            quote!(&str),
            quote!(enum_as_str),
            "The wire value, or `None` for an unknown value that is not a string.",
        ),
        Repr::Int => (
            quote!(Int),
            quote!(as_i64),
            quote!(i64),
            quote!(enum_as_i64),
            "The wire value, or `None` for an unknown value that is not an integer.",
        ),
    };
    // The two matches between variants and wire values; everything else
    // is the runtime's, from these (see its `EnumDecode`).
    let (from_wire_arms, to_wire_arms): (Vec<_>, Vec<_>) = known
        .iter()
        .map(|(variant, value)| {
            let value = literal(value);
            (
                quote!(#rt::EnumWire::#wire_kind(#value) => #rt::Ok(Self::#variant),),
                quote!(Self::#variant => #rt::Ok(#rt::Listed::#wire_kind(#value)),),
            )
        })
        .unzip();
    let write_json = container.sent.then(|| {
        quote! {
            impl #rt::WriteJson for #name {
                #[inline]
                fn write_json(&self, out: &mut #rt::JsonWriter) {
                    #rt::write_json_enum(self, out)
                }
            }
        }
    });
    Ok(quote! {
        impl #name {
            #[doc = #accessor_doc]
            pub fn #accessor(&self) -> #rt::Option<#accessor_ty> {
                #rt::#accessor_fn(self)
            }
        }

        impl #rt::serde::Serialize for #name {
            #[inline]
            fn serialize<#serializer_param: #rt::serde::Serializer>(
                &self,
                serializer: #serializer_param,
            ) -> #rt::Result<#serializer_param::Ok, #serializer_param::Error> {
                #rt::serialize_enum(self, serializer)
            }
        }

        #write_json

        impl<'de> #rt::serde::Deserialize<'de> for #name {
            fn deserialize<#deserializer_param: #rt::serde::Deserializer<'de>>(
                deserializer: #deserializer_param,
            ) -> #rt::Result<Self, #deserializer_param::Error> {
                #rt::deserialize_enum(deserializer)
            }
        }

        impl #rt::EnumDecode for #name {
            fn from_wire(
                wire: #rt::EnumWire<'_>,
            ) -> #rt::Result<Self, fn(#rt::UnknownValue) -> Self> {
                match wire {
                    #(#from_wire_arms)*
                    _ => #rt::Err(Self::#unknown),
                }
            }

            fn to_wire(&self) -> #rt::Result<#rt::Listed, &#rt::UnknownValue> {
                match self {
                    #(#to_wire_arms)*
                    Self::#unknown(value) => #rt::Err(value),
                }
            }
        }

        impl #rt::Lenient for #name {
            fn deserialize_lenient<'de, #deserializer_param: #rt::serde::Deserializer<'de>>(
                deserializer: #deserializer_param,
            ) -> #rt::Result<#rt::Fit<Self>, #deserializer_param::Error> {
                #rt::lenient_enum(deserializer)
            }
        }
    })
}

pub fn expand_lenient_union(
    input: &DeriveInput,
    container: &Container,
) -> syn::Result<TokenStream> {
    check_generics(&input.generics)?;
    if input.generics.type_params().next().is_some() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "`Lenient` takes no type parameters",
        ));
    }
    let rt = &container.private;
    let name = &input.ident;
    let deserializer_param = fresh_param(&input.generics, "D");
    let write_json = container
        .sent
        .then(|| crate::write_json::for_union(rt, name));
    Ok(quote! {
        #write_json

        impl #rt::Lenient for #name {
            fn deserialize_lenient<'de, #deserializer_param: #rt::serde::Deserializer<'de>>(
                deserializer: #deserializer_param,
            ) -> #rt::Result<#rt::Fit<Self>, #deserializer_param::Error> {
                #rt::lenient_via_value(deserializer)
            }
        }
    })
}
