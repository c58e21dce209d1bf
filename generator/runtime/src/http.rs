//! Sending requests: the client, its configuration and the request builder.
//!
//! Generated operations build a [`Request`] and hand it to
//! [`HttpClient::send`], which returns the decoded body or an [`Error`](crate::Error).
//! Callers can tune one call with [`RequestOptions`] and the client's
//! retries with a [`RetryPolicy`].

mod body;
mod client;
mod config;
mod options;
mod redirect;
mod request;
mod response;
mod retry;
mod url;

pub use client::{BuildError, HttpClient};
pub use config::HttpConfig;
pub use options::RequestOptions;
pub use request::Request;
pub use reqwest::Method;
pub use response::Response;
pub use retry::RetryPolicy;
pub use url::check_base_url;
