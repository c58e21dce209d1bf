//! The `#[model(...)]` attributes and what a field's type says about its
//! presence on the wire.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{
    Attribute, Data, DeriveInput, Expr, ExprLit, Field, Fields, GenericArgument, Generics, Ident,
    Lit, LitStr, Path, PathArguments, Type,
};

/// Container attributes.
pub struct Container {
    /// The runtime's support module, by the name `wrap` gives it.
    pub private: TokenStream,
    /// The runtime crate's path.
    pub runtime: TokenStream,
    /// Whether the type gets the request-body encoder (`WriteJson`) and
    /// the constraint checks (`Constraints`): yes unless marked
    /// `#[model(received)]`, a type the client only ever receives, which
    /// goes without both (they would be compiled in every build and never
    /// called). Yes by default so that a client generated before the
    /// attribute existed still compiles against this runtime.
    pub sent: bool,
}

impl Container {
    pub fn parse(attrs: &[Attribute]) -> syn::Result<Self> {
        let mut runtime: Path = syn::parse_quote!(::telnyx_codegen_runtime);
        let mut sent = true;
        for attr in attrs.iter().filter(|a| a.path().is_ident("model")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("crate") {
                    let text: LitStr = meta.value()?.parse()?;
                    runtime = text.parse()?;
                    Ok(())
                } else if meta.path.is_ident("received") {
                    sent = false;
                    Ok(())
                } else {
                    Err(meta.error(
                        "unknown container attribute; expected `crate = \"...\"` or `received`",
                    ))
                }
            })?;
        }
        Ok(Self {
            private: quote!(__telnyx_rt),
            runtime: quote!(#runtime),
            sent,
        })
    }

    /// `body` in an anonymous const that names the runtime's support module
    /// `__telnyx_rt`: every path the expansion writes is then two or three
    /// tokens instead of six or more, which is less for every build of a
    /// crate with many derived types to parse and resolve. (The name is an
    /// item of the block, so it must not be one the item's own fields use.)
    pub fn wrap(&self, body: TokenStream) -> TokenStream {
        let runtime = &self.runtime;
        let private = &self.private;
        quote! {
            const _: () = {
                use #runtime::__private_v1 as #private;
                #body
            };
        }
    }
}

/// A struct's container attributes and fields, parsed once for every part
/// of its expansion.
pub struct StructItem<'a> {
    pub container: Container,
    pub fields: Vec<FieldSpec<'a>>,
}

impl<'a> StructItem<'a> {
    /// `derive` names the derive in errors.
    pub fn parse(input: &'a DeriveInput, derive: &str) -> syn::Result<Self> {
        check_generics(&input.generics)?;
        let Data::Struct(data) = &input.data else {
            return Err(syn::Error::new_spanned(
                input,
                format!("`{derive}` derives only for structs"),
            ));
        };
        let Fields::Named(named) = &data.fields else {
            return Err(syn::Error::new_spanned(
                input,
                format!("`{derive}` needs named fields"),
            ));
        };
        Ok(Self {
            container: Container::parse(&input.attrs)?,
            fields: named
                .named
                .iter()
                .map(FieldSpec::parse)
                .collect::<syn::Result<_>>()?,
        })
    }
}

/// How a field is present on the wire.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// `T`: always there.
    Required,
    /// `Option<T>`: left out when `None`.
    Optional,
    /// `Nullable<T>`: left out when absent, `null` when null.
    OptionalNullable,
    /// `Option<T>` with `#[model(nullable)]`: always written, `None` as `null`.
    RequiredNullable,
}

/// A field and its attributes.
pub struct FieldSpec<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    /// The wire name.
    pub wire: String,
    pub presence: Presence,
    /// The `T` of an `Option<T>` or `Nullable<T>` field.
    pub inner: Option<&'a Type>,
    /// An `i64` sent as a JSON string.
    pub int_string: bool,
    /// The map that keeps unknown keys.
    pub extra: bool,
    /// Documented constraints, checked before a request is sent.
    pub rules: Rules,
}

/// `min_length`, `max_length`, `minimum` and `maximum` of a field.
#[derive(Default)]
pub struct Rules {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
}

/// An integer or float literal, possibly negated.
fn number_literal(value: &Expr) -> syn::Result<f64> {
    match value {
        Expr::Lit(ExprLit {
            lit: Lit::Int(number),
            ..
        }) => number.base10_parse::<i64>().map(|n| n as f64),
        Expr::Lit(ExprLit {
            lit: Lit::Float(number),
            ..
        }) => number.base10_parse(),
        Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Neg(_)) => {
            number_literal(&unary.expr).map(|n| -n)
        }
        _ => Err(syn::Error::new_spanned(value, "expected a number")),
    }
}

impl<'a> FieldSpec<'a> {
    /// The runtime's writer for this field's presence and wire form, after
    /// its family's prefix: `write_{…}` (`Serialize`) and `write_json_{…}`
    /// (`WriteJson`) name the same cases alike.
    pub fn writer(&self) -> &'static str {
        match (self.presence, self.int_string) {
            (Presence::Required | Presence::RequiredNullable, false) => "entry",
            (Presence::Required, true) => "int_string",
            (Presence::RequiredNullable, true) => "option_int_string",
            (Presence::Optional, false) => "optional",
            (Presence::Optional, true) => "optional_int_string",
            (Presence::OptionalNullable, false) => "nullable",
            (Presence::OptionalNullable, true) => "nullable_int_string",
        }
    }

    pub fn parse(field: &'a Field) -> syn::Result<Self> {
        let ident = field
            .ident
            .as_ref()
            .ok_or_else(|| syn::Error::new_spanned(field, "only named fields are supported"))?;
        let mut wire = None;
        let mut nullable = false;
        let mut int_string = false;
        let mut extra = false;
        let mut rules = Rules::default();
        for attr in field.attrs.iter().filter(|a| a.path().is_ident("model")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    let text: LitStr = meta.value()?.parse()?;
                    wire = Some(text.value());
                } else if meta.path.is_ident("nullable") {
                    nullable = true;
                } else if meta.path.is_ident("int_string") {
                    int_string = true;
                } else if meta.path.is_ident("extra") {
                    extra = true;
                } else if meta.path.is_ident("min_length") {
                    let value: syn::LitInt = meta.value()?.parse()?;
                    rules.min_length = Some(value.base10_parse()?);
                } else if meta.path.is_ident("max_length") {
                    let value: syn::LitInt = meta.value()?.parse()?;
                    rules.max_length = Some(value.base10_parse()?);
                } else if meta.path.is_ident("minimum") {
                    rules.minimum = Some(number_literal(&meta.value()?.parse()?)?);
                } else if meta.path.is_ident("maximum") {
                    rules.maximum = Some(number_literal(&meta.value()?.parse()?)?);
                } else {
                    return Err(meta.error(
                        "unknown field attribute; expected `rename`, `nullable`, `int_string`, `extra`, `min_length`, `max_length`, `minimum` or `maximum`",
                    ));
                }
                Ok(())
            })?;
        }
        let wrapped = wrapper(&field.ty);
        let inner = wrapped.as_ref().map(|(_, inner)| *inner);
        let presence = match (wrapped.map(|(kind, _)| kind), nullable) {
            (Some(Wrapper::Option), false) => Presence::Optional,
            (Some(Wrapper::Option), true) => Presence::RequiredNullable,
            (Some(Wrapper::Nullable), false) => Presence::OptionalNullable,
            (None, false) => Presence::Required,
            (_, true) => {
                return Err(syn::Error::new_spanned(
                    &field.ty,
                    "`#[model(nullable)]` goes on an `Option` field (a `Nullable` field is nullable already)",
                ))
            }
        };
        let wire = wire.unwrap_or_else(|| {
            let text = ident.to_string();
            text.strip_prefix("r#").map(str::to_owned).unwrap_or(text)
        });
        Ok(Self {
            ident,
            ty: &field.ty,
            wire,
            presence,
            inner,
            int_string,
            extra,
            rules,
        })
    }
}

enum Wrapper {
    Option,
    Nullable,
}

/// The names of the segments of `ty`'s path (`["std", "option", "Option"]`
/// for `::std::option::Option<T>`), or `None` when `ty` is not a plain path
/// (a qualified path, a reference, a tuple, …). The derives recognise the
/// types they treat specially by these names.
pub fn path_names(ty: &Type) -> Option<Vec<String>> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    Some(
        path.path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect(),
    )
}

/// Which presence wrapper a type is, and the type it wraps: `Option` by its
/// standard paths only (a type of one's own called `Option` is not one),
/// `Nullable` by its name.
fn wrapper(ty: &Type) -> Option<(Wrapper, &Type)> {
    let names = path_names(ty)?;
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let (1, Some(GenericArgument::Type(inner))) = (args.args.len(), args.args.first()) else {
        return None;
    };
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    match names.as_slice() {
        ["Option"] | ["std" | "core", "option", "Option"] => Some((Wrapper::Option, inner)),
        [.., "Nullable"] => Some((Wrapper::Nullable, inner)),
        _ => None,
    }
}

/// The `#[model(value = ...)]` or `#[model(unknown)]` of an enum variant.
pub enum VariantAttr {
    Str(String),
    Int(i64),
    Unknown,
}

pub fn variant_attr(attrs: &[Attribute], span: Span) -> syn::Result<VariantAttr> {
    let mut found = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("model")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("unknown") {
                found = Some(VariantAttr::Unknown);
                Ok(())
            } else if meta.path.is_ident("value") {
                let value: Expr = meta.value()?.parse()?;
                found = Some(wire_literal(&value)?);
                Ok(())
            } else {
                Err(meta.error("unknown variant attribute; expected `value = ...` or `unknown`"))
            }
        })?;
    }
    found.ok_or_else(|| {
        syn::Error::new(
            span,
            "every variant needs `#[model(value = ...)]`, or `#[model(unknown)]` on the one that keeps unlisted values",
        )
    })
}

fn wire_literal(value: &Expr) -> syn::Result<VariantAttr> {
    match value {
        Expr::Lit(ExprLit {
            lit: Lit::Str(text),
            ..
        }) => Ok(VariantAttr::Str(text.value())),
        Expr::Lit(ExprLit {
            lit: Lit::Int(number),
            ..
        }) => Ok(VariantAttr::Int(number.base10_parse()?)),
        Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Neg(_)) => {
            match wire_literal(&unary.expr)? {
                VariantAttr::Int(number) => Ok(VariantAttr::Int(-number)),
                _ => Err(syn::Error::new_spanned(
                    value,
                    "expected a string or an integer",
                )),
            }
        }
        _ => Err(syn::Error::new_spanned(
            value,
            "expected a string or an integer",
        )),
    }
}

/// A type parameter name for an impl that is not one of the item's own
/// (`D` next to a struct's own `D` would not compile).
pub fn fresh_param(generics: &Generics, base: &str) -> Ident {
    let taken: Vec<String> = generics
        .type_params()
        .map(|p| p.ident.to_string())
        .collect();
    let mut name = format!("__{base}");
    while taken.contains(&name) {
        name.push('_');
    }
    format_ident!("{}", name)
}

/// Rejects generics the derives do not support (lifetimes, const generics).
pub fn check_generics(generics: &Generics) -> syn::Result<()> {
    if let Some(param) = generics.lifetimes().next() {
        return Err(syn::Error::new_spanned(
            param,
            "lifetime parameters are not supported",
        ));
    }
    if let Some(param) = generics.const_params().next() {
        return Err(syn::Error::new_spanned(
            param,
            "const parameters are not supported",
        ));
    }
    Ok(())
}
