//! Derive macros for `telnyx-codegen-runtime`, re-exported by it.
//!
//! Generated API types declare *what* they are (fields, wire names,
//! presence, enum values); these derives write *how* they decode and encode,
//! by calling the runtime's hidden `__private_v1` module, so the algorithms
//! live in one reviewed place and generated diffs show only declarations.
//!
//! - `Model` on a struct: `Serialize` and `Deserialize` in one pass, unknown
//!   keys kept in the field marked `#[model(extra)]`, optional fields read
//!   forgivingly (a value of another shape, or an unpromised `null`, is kept
//!   in the extra map and written back), and the runtime's `Lenient`.
//!   With `#[model(request)]` (a type sent in requests), also the runtime's
//!   `WriteJson`, which the client encodes request bodies with: the same
//!   bytes as the `Serialize` impl through serde_json, with every key and
//!   listed enum value escaped here, at expansion (see `write_json`), and
//!   the runtime's `Constraints` (see `constraints`). `OpenEnum` and
//!   `Lenient` take the same attribute. A type only ever received goes
//!   without both, which every build of the crate would otherwise check.
//! - `OpenEnum` on an enum of unit variants plus one `#[model(unknown)]`
//!   variant holding an `UnknownValue`: string or integer wire values, matched
//!   without allocating; `as_str`/`as_i64`; `QueryValue`.
//! - `Lenient` on an untagged union (`#[serde(untagged)]`).
//! - `ToQuery` on a struct of query parameters.
//!
//! `Model` and `ToQuery` also write `new`, taking every required field, and
//! a chained setter per optional field (see `setters`), so callers build
//! values without struct literals: the generated structs are
//! `#[non_exhaustive]`, and a forgotten required field does not compile.
//!
//! Presence is read from the field's type: `Option<T>` (bare, or as
//! `::std::option::Option` / `::core::option::Option`) is optional and left
//! out when `None`; a type whose last path segment is `Nullable` is optional
//! and nullable; anything else is required. `#[model(nullable)]` on an
//! `Option` field makes it required and nullable (always written, `None` as
//! `null`). `#[model(rename = "…")]` sets the wire name,
//! `#[model(int_string)]` sends an `i64` as a JSON string, and the container
//! attribute `#[model(crate = "…")]` names the runtime crate when it is not
//! `::telnyx_codegen_runtime`.

mod attrs;
mod constraints;
mod enums;
mod query;
mod setters;
mod structs;
mod write_json;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Lossless, forgiving `Serialize` + `Deserialize` for a generated struct,
/// the client's `WriteJson` body encoder, and its constructor and setters.
#[proc_macro_derive(Model, attributes(model))]
pub fn derive_model(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    with_setters(&input, structs::expand(&input), false)
}

/// `expanded`, then more of the same item's impls, or the first error.
fn joined(parts: [syn::Result<proc_macro2::TokenStream>; 2]) -> TokenStream {
    let [first, second] = parts;
    first
        .and_then(|first| second.map(|second| quote::quote!(#first #second)))
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// `Serialize`, `Deserialize`, accessors and `QueryValue` for an open enum.
#[proc_macro_derive(OpenEnum, attributes(model))]
pub fn derive_open_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    joined([enums::expand(&input), constraints::expand_enum(&input)])
}

/// The runtime's `Lenient` for a type that decodes through `serde` (untagged unions).
#[proc_macro_derive(Lenient, attributes(model))]
pub fn derive_lenient(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    joined([
        enums::expand_lenient_union(&input),
        constraints::expand_union(&input),
    ])
}

/// The runtime's `ToQuery` for a struct of query parameters, and its
/// constructor and setters.
#[proc_macro_derive(ToQuery, attributes(model))]
pub fn derive_to_query(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    with_setters(&input, query::expand(&input), true)
}

/// `expanded`, followed by `new` and the setters (see `setters`) and the
/// constraint checks (see `constraints`): `always` for a query, which is
/// always sent, and otherwise only for a type marked `#[model(request)]`.
fn with_setters(
    input: &DeriveInput,
    expanded: syn::Result<proc_macro2::TokenStream>,
    always_checked: bool,
) -> TokenStream {
    expanded
        .and_then(|expanded| {
            let setters = setters::expand(input)?;
            let checks = constraints::expand_struct(input, always_checked)?;
            Ok(quote::quote!(#expanded #setters #checks))
        })
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
