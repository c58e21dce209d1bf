//! Runtime support for generated Rust API clients.
//!
//! A code generator turns an API description into plain, declarative Rust:
//! structs, enums and one small async function per operation. Everything
//! those functions share is written once, here. Nothing here knows about
//! any particular API.
//!
//! What users of a generated client meet (a generated crate re-exports this
//! crate as its `runtime` module):
//!
//! - [`Error`], [`ErrorKind`], [`ErrorResponse`] and [`Problem`] say what
//!   went wrong: the status, the problems the server listed, the decoded
//!   error body and the path of a field that failed to decode; they never
//!   print a raw body, a credential or a URL's userinfo;
//! - [`Violation`] and [`Rule`] name a documented constraint a request
//!   broke before it was sent;
//! - [`RequestOptions`] add headers, query parameters, a time budget and
//!   retry settings to one call; [`RetryPolicy`] sets when calls are
//!   retried; [`BuildError`] says why a client could not be built;
//! - [`Response`] is a decoded body with the status and headers it came with;
//! - [`Nullable`] tells an absent field from an explicit `null`;
//! - [`Number`] keeps a JSON number in the form it arrived (`10` stays `10`);
//! - [`DateTime`] keeps a date-time as it arrived and parses it on request;
//! - [`UnknownValue`] keeps an enum value the API description did not list;
//! - [`Extra`] keeps the fields of a response the description did not list;
//! - [`Secret`] keeps credentials out of `Debug` output;
//! - [`Stream`] is what paginated listings return.
//!
//! # The interface of generated code
//!
//! The derives (`Model`, `OpenEnum`, `Lenient`, `ToQuery`) and the
//! `__private_v1` module (the HTTP client, requests, pagination, path and
//! query encoding, and what the derives expand to) are what generated code
//! calls. They are hidden from these docs and are not for hand-written
//! code. Their versioning is what keeps published clients building: within
//! a major version of this crate, a release may add to `__private_v1` and to
//! the derives' attributes but not change them; a change that would is made
//! in a new `__private_v2` beside it, which newer generators use, while
//! clients generated earlier keep compiling against `__private_v1`.
//!
//! # Example
//!
//! ```
//! use serde_json::json;
//! use telnyx_codegen_runtime::{Extra, Nullable};
//!
//! // Absent leaves a field unchanged in a PATCH; Null clears it.
//! let tag: Nullable<String> = Nullable::Null;
//! assert!(tag.is_null() && !tag.is_absent());
//!
//! // Fields a response carried that its type does not list, kept in order.
//! let extra: Extra = serde_json::from_value(json!({"region": "eu"})).unwrap();
//! assert_eq!(extra.get("region"), Some(&json!("eu")));
//! ```
#![deny(missing_docs)]

mod constraints;
mod datetime;
mod decode;
mod error;
mod extra;
#[cfg(feature = "fake")]
pub mod fake;
mod http;
mod key;
mod model;
mod nullable;
mod number;
mod pagination;
mod path;
mod problems;
mod query;
mod secret;
mod serialize;
mod snippet;
mod text;
mod unknown;
mod wire;
mod write_json;

pub use constraints::{Rule, Violation};
pub use datetime::DateTime;
pub use error::{Error, ErrorKind, ErrorResponse};
pub use extra::Extra;
/// The stream trait paginated listings implement.
pub use futures_core::Stream;
pub use http::{BuildError, RequestOptions, Response, RetryPolicy};
/// The date-time library [`DateTime::timestamp`] answers in, so users name
/// the same version.
pub use jiff;
pub use nullable::Nullable;
pub use number::Number;
pub use problems::Problem;
/// The HTTP library this crate is built on, so users name the same version
/// (a ready-made `reqwest::Client` for a generated client's builder, the
/// `HeaderMap` of an [`ErrorResponse`]).
pub use reqwest;
pub use secret::Secret;
#[doc(hidden)]
pub use telnyx_codegen_derive::{Lenient, Model, OpenEnum, ToQuery};
pub use unknown::UnknownValue;

/// The interface of generated code: not for hand-written code, and hidden
/// from the docs. See the crate docs for how it is versioned.
#[doc(hidden)]
pub mod __private_v1 {
    // The derives' expansion names everything through this module (see the
    // derive crate's `Container::wrap`), standard items included: short
    // paths that a type of the same name in the user's crate cannot shadow.
    pub use crate::{Extra, Nullable, UnknownValue};
    pub use std::convert::Into;
    pub use std::default::Default;
    pub use std::option::Option::{self, None, Some};
    pub use std::result::Result::{self, Err, Ok};
    pub use std::string::String;
    pub use std::vec::Vec;

    pub use crate::__text_type_v1 as text_type;
    pub use crate::http::{check_base_url, HttpClient, HttpConfig, Method, Request};
    pub use crate::model::*;
    pub use crate::pagination::{
        paginate, paginate_cursor, paginate_cursor_with_limit, paginate_with_limit, CursorPage,
        Page,
    };
    pub use crate::path::{encode_path_segment, fill_path, PathError};
    pub use crate::problems::ProblemPaths;
    pub use crate::query::{Query, QueryValue, ToQuery};
    pub use crate::text::{lenient_text, TextOrNumber, TextValue};
    pub use crate::wire::{int_as_string, nullable_int_as_string, option_int_as_string};
    pub use crate::write_json::{
        encode_body, write_json_entry, write_json_int_string, write_json_nullable,
        write_json_nullable_int_string, write_json_option_int_string, write_json_optional,
        write_json_optional_int_string, JsonWriter, SerdeJson, WriteJson,
    };
}
