//! [`HttpConfig`], the settings [`HttpClient::new`](super::HttpClient::new) applies.

use std::time::Duration;

/// Settings for an [`HttpClient`](super::HttpClient) built by this crate.
///
/// Fields are public so callers can override one and keep the rest:
/// `HttpConfig { timeout: Duration::from_secs(5), ..HttpConfig::default() }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpConfig {
    /// Sent as `User-Agent` on every request.
    pub user_agent: String,
    /// The most one call may take, from connecting to reading the last byte,
    /// retries and the waits between them included (each attempt gets what
    /// is left). A call's [`RequestOptions::timeout`](super::RequestOptions::timeout) overrides it.
    pub timeout: Duration,
    /// The most connecting may take; short, so a dead host fails fast.
    pub connect_timeout: Duration,
}

impl Default for HttpConfig {
    /// `telnyx-codegen-runtime` as user agent, 60 s per request, 10 s to connect.
    fn default() -> Self {
        Self {
            user_agent: String::from("telnyx-codegen-runtime"),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let config = HttpConfig::default();
        assert_eq!(config.user_agent, "telnyx-codegen-runtime");
        assert_eq!(config.timeout, Duration::from_secs(60));
        assert_eq!(config.connect_timeout, Duration::from_secs(10));
    }
}
