//! Sending requests: the client, its configuration and the request builder.
//!
//! Generated operations build a [`Request`] and hand it to
//! [`HttpClient::send`], which returns the decoded body or an [`Error`](crate::Error).

mod client;
mod config;
mod request;

pub use client::{BuildError, HttpClient};
pub use config::HttpConfig;
pub use request::Request;
pub use reqwest::Method;
