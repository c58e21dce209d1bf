//! [`RequestOptions`], what a caller can change about one call.

use std::fmt;
use std::time::Duration;

/// Per-call settings a caller adds to a generated operation: extra headers
/// and query parameters, a total time budget and how retries behave.
///
/// The builder methods never fail; a header that cannot be sent is reported
/// by [`HttpClient::send`](super::HttpClient::send) as
/// [`ErrorKind::InvalidRequest`](crate::ErrorKind::InvalidRequest). `Debug` shows
/// header names and query keys but never their values, which may be secrets.
///
/// ```
/// use std::time::Duration;
/// use telnyx_codegen_runtime::RequestOptions;
///
/// let options = RequestOptions::new()
///     .header("Idempotency-Key", "k-123")
///     .query("trace", "on")
///     .timeout(Duration::from_secs(10))
///     .max_retries(5);
/// assert!(!format!("{options:?}").contains("k-123"));
/// ```
#[derive(Clone, Default)]
pub struct RequestOptions {
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) retry_non_idempotent: Option<bool>,
    pub(crate) check_constraints: Option<bool>,
}

impl RequestOptions {
    /// No extra settings: the request goes as the operation built it.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a header. It replaces a header of the same name the operation
    /// set (so it can override, say, `Accept` or the credentials); giving
    /// the same name twice here sends both values.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Appends a query parameter after the operation's own, percent-encoded
    /// like them.
    pub fn query(mut self, key: &str, value: &str) -> Self {
        self.query.push((key.to_owned(), value.to_owned()));
        self
    }

    /// The most the whole call may take, including every retry and the
    /// waits between them; each attempt gets whatever is left. No retry is
    /// started whose wait would end past it.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Replaces the client's [`RetryPolicy::max_retries`](super::RetryPolicy::max_retries)
    /// for this call.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// Allows retrying a call the API description does not mark as safe to
    /// repeat (typically a `POST`), for example because the caller sends an
    /// idempotency key. A retried call may then take effect twice.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.retry_non_idempotent = Some(retry);
        self
    }

    /// Whether this call is refused, before anything is sent, when it
    /// breaks a constraint the API documents (a length, a range, an enum
    /// value); overrides the client's setting (on by default). `false` for
    /// when the documentation is stricter than the server.
    pub fn check_constraints(mut self, check: bool) -> Self {
        self.check_constraints = Some(check);
        self
    }
}

impl fmt::Debug for RequestOptions {
    /// Header values and query values are left out: either can carry a token.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = |pairs: &[(String, String)]| {
            pairs
                .iter()
                .map(|(name, _)| name.clone())
                .collect::<Vec<_>>()
        };
        f.debug_struct("RequestOptions")
            .field("headers", &names(&self.headers))
            .field("query_keys", &names(&self.query))
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_non_idempotent", &self.retry_non_idempotent)
            .field("check_constraints", &self.check_constraints)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_names_but_not_values() {
        let options = RequestOptions::new()
            .header("X-Secret", "hdr-SECRET")
            .query("token", "query-SECRET")
            .max_retries(1);
        let shown = format!("{options:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(
            shown.contains("X-Secret") && shown.contains("token"),
            "{shown}"
        );
    }
}
