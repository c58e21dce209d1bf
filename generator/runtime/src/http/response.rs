//! [`Response`], a decoded body together with the response it came in.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;

use crate::error::shown_headers;

/// A decoded 2xx body with the status, headers and raw body it came with,
/// from [`HttpClient::send_with_response`](super::HttpClient::send_with_response).
///
/// `Debug` hides credential-bearing headers (such as `Set-Cookie`) and shows
/// only the body's length.
#[derive(Clone)]
pub struct Response<T> {
    /// The body decoded as the operation's response type.
    pub value: T,
    /// The HTTP status code.
    pub status: u16,
    /// The response headers, e.g. for a request id or rate-limit counters.
    pub headers: HeaderMap,
    /// The body exactly as it arrived.
    pub body: Bytes,
    /// How many times the call was retried before this response came.
    pub retries: u32,
}

impl<T> Response<T> {
    /// The decoded body, dropping the rest.
    pub fn into_value(self) -> T {
        self.value
    }
}

impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("value", &self.value)
            .field("status", &self.status)
            .field("headers", &shown_headers(&self.headers))
            .field("body_bytes", &self.body.len())
            .field("retries", &self.retries)
            .finish()
    }
}
