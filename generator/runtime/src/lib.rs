//! Runtime support for generated Rust API clients.
//!
//! A code generator turns an API description into plain, declarative Rust:
//! structs, enums and one small async function per operation. Everything those
//! functions share lives here, written once by hand, so the generated code
//! stays short and readable:
//!
//! - [`HttpClient`] and [`Request`] build, send and decode requests, and
//!   retry them as a [`RetryPolicy`] says when that is safe;
//! - [`RequestOptions`] let a caller add headers, query parameters, a time
//!   budget and retry settings to one call;
//! - [`Response`] is a decoded body with the status and headers it came with;
//! - [`pagination`] turns a numbered-page or cursor-paginated listing into a
//!   stream of items;
//! - [`Error`] and [`ErrorResponse`] say what went wrong, with the response status,
//!   the decoded error envelope and the path of the field that failed to
//!   decode, and never print a body, a credential or a URL's userinfo;
//! - [`fill_path`] fills a path template, refusing empty parameters;
//! - [`Query`], [`QueryValue`] and [`ToQuery`] encode query strings, keeping
//!   `page[number]` style keys literal;
//! - [`encode_path_segment`] makes a value safe to put in a URL path;
//! - [`Nullable`] tells an absent field from an explicit `null`;
//! - [`Number`] keeps a JSON number in the form it arrived (`10` stays `10`);
//! - [`DateTime`] keeps a date-time as it arrived and parses it on request;
//! - [`UnknownValue`] keeps an enum value the API description did not list;
//! - [`Secret`] keeps credentials out of `Debug` output;
//! - [`wire`] holds serde helpers for integers sent as JSON strings;
//! - the derives [`Model`], [`OpenEnum`], [`Lenient`] and [`ToQuery`] write
//!   the decoding and encoding of generated types (lossless one-pass
//!   decoding that keeps unknown fields, forgiving optional fields, open
//!   enums, integers sent as strings, query strings), so generated code only
//!   declares fields and values.
//!
//! Nothing here knows about any particular API.
//!
//! # Example
//!
//! What generated model code looks like when it leans on this crate:
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! use telnyx_codegen_runtime::{Nullable, Query, ToQuery};
//!
//! #[derive(Serialize, Deserialize)]
//! struct UpdateNumber {
//!     #[serde(default, skip_serializing_if = "Nullable::is_absent")]
//!     tag: Nullable<String>,
//!     #[serde(default, skip_serializing_if = "Nullable::is_absent")]
//!     note: Nullable<String>,
//! }
//!
//! struct ListNumbers {
//!     page_number: Option<i64>,
//! }
//!
//! impl ToQuery for ListNumbers {
//!     fn append_to(&self, query: &mut Query) {
//!         if let Some(page) = &self.page_number {
//!             query.push("page[number]", page);
//!         }
//!     }
//! }
//!
//! // Absent fields are left out, so the server leaves them unchanged.
//! let body = UpdateNumber { tag: Nullable::Null, note: Nullable::Absent };
//! assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"tag":null}"#);
//!
//! let mut query = Query::new();
//! ListNumbers { page_number: Some(2) }.append_to(&mut query);
//! assert_eq!(query.to_query_string(), "page[number]=2");
//! ```
//!
//! Sending a request (it needs a server, so it is only compiled here):
//!
//! ```no_run
//! use std::time::Duration;
//! use telnyx_codegen_runtime::{
//!     Error, HttpClient, HttpConfig, Method, Request, RequestOptions, RetryPolicy, Secret,
//! };
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = HttpClient::new(&HttpConfig::default())?
//!     .with_retry_policy(RetryPolicy { max_retries: 3, ..RetryPolicy::default() });
//! let token = Secret::from("my-token");
//! // What a generated operation builds; the caller adds the options.
//! let request = Request::new(Method::GET, "https://api.example.com/v2", "/numbers/42")
//!     .path_template("/numbers/{id}")
//!     .retry_safe(true)
//!     .bearer_auth(&token)
//!     .options(&RequestOptions::new().timeout(Duration::from_secs(20)));
//! match client.send::<serde_json::Value, serde_json::Value>(request).await {
//!     Ok(number) => println!("{number}"),
//!     Err(error) if error.is_not_found() => println!("no such number"),
//!     Err(error) => {
//!         eprintln!("failed after {} retries", error.retries());
//!         return Err(error.into());
//!     }
//! }
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

#[doc(hidden)]
#[path = "model.rs"]
pub mod __private;
mod constraints;
mod datetime;
mod decode;
pub mod error;
mod extra;
#[cfg(feature = "fake")]
pub mod fake;
pub mod http;
mod key;
pub mod nullable;
pub mod number;
pub mod pagination;
pub mod path;
pub mod query;
pub mod secret;
mod snippet;
pub mod unknown;
pub mod wire;

pub use constraints::{Rule, Violation};
pub use datetime::DateTime;
pub use error::{Error, ErrorKind, ErrorResponse};
pub use extra::Extra;
/// The stream trait paginated listings implement, so generated code can name it.
pub use futures_core::Stream;
pub use http::{
    check_base_url, BuildError, HttpClient, HttpConfig, Method, Request, RequestOptions, Response,
    RetryPolicy,
};
/// The date-time library [`DateTime::timestamp`] answers in, so users name
/// the same version.
pub use jiff;
pub use nullable::Nullable;
pub use number::Number;
pub use pagination::{paginate, paginate_cursor, paginate_with_limit, CursorPage, Page};
pub use path::{encode_path_segment, fill_path, PathError};
pub use query::{Query, QueryValue, ToQuery};
pub use secret::Secret;
/// The derives generated types use; see the `telnyx-codegen-derive` crate.
pub use telnyx_codegen_derive::{Lenient, Model, OpenEnum, ToQuery};
pub use unknown::UnknownValue;
pub use wire::{int_as_string, nullable_int_as_string, option_int_as_string};

/// The HTTP library this crate is built on, so generated code can name its
/// types (such as `reqwest::header::HeaderMap` in [`ErrorResponse`]) without a
/// dependency of its own that could drift to another version.
pub use reqwest;
