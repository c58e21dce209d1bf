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
//!   in the extra map and written back), and `MapDecode`, through which
//!   the runtime implements its `Lenient`.
//!   Unless marked `#[model(received)]` (a type the client only ever
//!   receives), also the runtime's `WriteJson`, which the client encodes
//!   request bodies with: the same bytes as the `Serialize` impl through
//!   serde_json, with every key and listed enum value escaped here, at
//!   expansion (see `write_json`), and the runtime's `Constraints` (see
//!   `constraints`). `OpenEnum` and `Lenient` take the same attribute. A
//!   received type goes without both, which every build of the crate would
//!   otherwise check; without the attribute a type has both, so a client
//!   generated before it existed still compiles.
//! - `OpenEnum` on an enum of unit variants plus one `#[model(unknown)]`
//!   variant holding an `UnknownValue`: string or integer wire values, matched
//!   without allocating, both ways (the runtime's `EnumDecode`, from which
//!   its generic code gives `Serialize`, `WriteJson` and the accessor
//!   `as_str`/`as_i64`, and its blanket impls `QueryValue` and
//!   `Constraints`).
//! - `Lenient` on an untagged union (`#[serde(untagged)]`).
//! - `ToQuery` on a struct of query parameters.
//!
//! `Model` and `ToQuery` also write `new`, taking every required field, and
//! (unless `#[model(received)]`) a chained setter per optional field (see
//! `setters`), so callers build values without struct literals: the
//! generated structs are `#[non_exhaustive]`, and a forgotten required
//! field does not compile.
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
mod input;
mod query;
mod setters;
mod structs;
mod write_json;

use proc_macro::TokenStream;
use quote::quote;
use syn::{parse_macro_input, DeriveInput};

use attrs::{Container, StructItem};

/// Lossless, forgiving `Serialize` + `Deserialize` for a generated struct,
/// its constructor and setters, and (unless `#[model(received)]`) the
/// client's `WriteJson` body encoder and constraint checks.
#[proc_macro_derive(Model, attributes(model))]
pub fn derive_model(input: TokenStream) -> TokenStream {
    let (input, docs) = input::without_docs(input);
    let input = parse_macro_input!(input as DeriveInput);
    expanded(|| {
        let item = StructItem::parse(&input, "Model")?;
        let body = structs::expand(&input, &item)?;
        let setters = setters::expand(&input, &item, &docs)?;
        let checks = constraints::expand_struct(&input, &item, false);
        Ok(item.container.wrap(quote!(#body #setters #checks)))
    })
}

/// `Serialize`, `Deserialize`, the accessor and the runtime's `EnumDecode`
/// (which gives `QueryValue` and `Constraints`) for an open enum.
#[proc_macro_derive(OpenEnum, attributes(model))]
pub fn derive_open_enum(input: TokenStream) -> TokenStream {
    let input = input::without_any_docs(input);
    let input = parse_macro_input!(input as DeriveInput);
    expanded(|| {
        let container = Container::parse(&input.attrs)?;
        // The constraint check of an open enum is the runtime's blanket impl.
        let body = enums::expand(&input, &container)?;
        Ok(container.wrap(body))
    })
}

/// The runtime's `Lenient` for a type that decodes through `serde` (untagged unions).
#[proc_macro_derive(Lenient, attributes(model))]
pub fn derive_lenient(input: TokenStream) -> TokenStream {
    let input = input::without_any_docs(input);
    let input = parse_macro_input!(input as DeriveInput);
    expanded(|| {
        let container = Container::parse(&input.attrs)?;
        let body = enums::expand_lenient_union(&input, &container)?;
        let checks = constraints::expand_union(&input, &container);
        Ok(container.wrap(quote!(#body #checks)))
    })
}

/// The runtime's `ToQuery` for a struct of query parameters, its
/// constructor and setters, and its constraint checks (a query is always
/// sent).
#[proc_macro_derive(ToQuery, attributes(model))]
pub fn derive_to_query(input: TokenStream) -> TokenStream {
    let (input, docs) = input::without_docs(input);
    let input = parse_macro_input!(input as DeriveInput);
    expanded(|| {
        let item = StructItem::parse(&input, "ToQuery")?;
        let body = query::expand(&input, &item);
        let setters = setters::expand(&input, &item, &docs)?;
        let checks = constraints::expand_struct(&input, &item, true);
        Ok(item.container.wrap(quote!(#body #setters #checks)))
    })
}

/// What `expand` gives, or its first error as a compile error.
fn expanded(expand: impl FnOnce() -> syn::Result<proc_macro2::TokenStream>) -> TokenStream {
    expand()
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
