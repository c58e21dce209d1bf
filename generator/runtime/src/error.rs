//! [`Error`], everything that can go wrong when calling an operation.

use std::fmt;

use reqwest::header::{self, HeaderMap};
use reqwest::StatusCode;

use crate::snippet;

/// Everything that can go wrong when calling an operation.
///
/// `E` is the error envelope the API describes for non-2xx responses; it is
/// decoded when possible and kept in [`ApiError::envelope`].
///
/// The `Timeout` and `Transport` variants return the underlying
/// `reqwest::Error` from [`source`](std::error::Error::source) rather than
/// repeating it in their message; print the whole chain (for example with
/// `anyhow`'s `{:#}`) to see causes such as "connection refused".
///
/// A call that was retried and still failed comes back as
/// [`Error::Retried`], wrapping the last attempt's error. The helpers
/// ([`status`](Self::status), [`is_timeout`](Self::is_timeout),
/// [`api_error`](Self::api_error), ...), `Display` and `source` all look
/// through it, so they answer the same whether or not there were retries;
/// to `match` on the kind of failure, match on
/// [`last_attempt`](Self::last_attempt).
#[non_exhaustive]
#[derive(Debug)]
pub enum Error<E> {
    /// A credential the operation needs was not configured.
    MissingCredential {
        /// What the credential is called, e.g. `"api_key"`.
        name: &'static str,
        /// The environment variable that can provide it, if there is one.
        env: Option<&'static str>,
    },
    /// The request could not be built (bad header value, body that failed to
    /// serialize, bad base URL).
    InvalidRequest {
        /// What was wrong; never contains a credential.
        message: String,
    },
    /// The request timed out.
    Timeout {
        /// The error reqwest reported.
        source: reqwest::Error,
    },
    /// Connecting, sending or reading failed.
    Transport {
        /// The error reqwest reported.
        source: reqwest::Error,
    },
    /// A 2xx response whose body did not match the expected type.
    Decode {
        /// The HTTP status of the response.
        status: u16,
        /// Where in the body decoding failed, e.g. `data.inbound.channel_limit`
        /// (`.` when the failure is at the top level).
        path: String,
        /// What serde said was wrong, without serde_json's line and column.
        message: String,
        /// Up to about 200 characters of the body around the failure.
        snippet: String,
    },
    /// The server answered with a non-2xx status.
    Api(Box<ApiError<E>>),
    /// The call was retried and its last attempt failed with `last`.
    ///
    /// Only a call retried at least once comes back in this form, and
    /// `last` is never itself `Retried`.
    Retried {
        /// How many times the call was retried (its attempts less one).
        retries: u32,
        /// The error of the last attempt.
        last: Box<Error<E>>,
    },
}

/// A non-2xx response: status, headers, body and the decoded error envelope.
///
/// Its `Display` shows the status and the start of the body but never the
/// headers, because response headers can carry session cookies or tokens.
#[derive(Clone)]
pub struct ApiError<E> {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers, e.g. for a request id or `Retry-After`.
    pub headers: HeaderMap,
    /// The body decoded as the API's error type, if it matched.
    pub envelope: Option<E>,
    /// The body as text (invalid UTF-8 replaced), whether or not it decoded.
    pub body: String,
}

impl<E> Error<E> {
    /// A credential the operation needs was not configured; `env` names the
    /// environment variable that can provide it, if there is one.
    pub fn missing_credential(name: &'static str, env: Option<&'static str>) -> Self {
        Self::MissingCredential { name, env }
    }

    /// How many times the call was retried before it gave up (0 when it
    /// failed on its first attempt or was never sent).
    pub fn retries(&self) -> u32 {
        match self {
            Self::Retried { retries, .. } => *retries,
            _ => 0,
        }
    }

    /// The error of the call's last attempt: `self`, or what
    /// [`Error::Retried`] wraps. Match on this to act on the kind of failure.
    pub fn last_attempt(&self) -> &Self {
        let mut error = self;
        while let Self::Retried { last, .. } = error {
            error = last;
        }
        error
    }

    /// Like [`last_attempt`](Self::last_attempt), but takes the error.
    pub fn into_last_attempt(self) -> Self {
        let mut error = self;
        while let Self::Retried { last, .. } = error {
            error = *last;
        }
        error
    }

    /// Records that the call was retried `retries` times before this error;
    /// with no retries the error is returned as it is.
    pub(crate) fn after_retries(self, retries: u32) -> Self {
        if retries == 0 {
            return self;
        }
        Self::Retried {
            retries,
            last: Box::new(self.into_last_attempt()),
        }
    }

    /// The HTTP status of the response, when one arrived (API and decode errors).
    pub fn status(&self) -> Option<u16> {
        match self.last_attempt() {
            Self::Api(api) => Some(api.status),
            Self::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The non-2xx response, if this is one.
    pub fn api_error(&self) -> Option<&ApiError<E>> {
        match self.last_attempt() {
            Self::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The decoded error envelope of a non-2xx response, if it decoded.
    pub fn envelope(&self) -> Option<&E> {
        self.api_error().and_then(|api| api.envelope.as_ref())
    }

    /// Whether the server answered 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        self.api_status() == Some(404)
    }

    /// Whether the server answered 401 Unauthorized (missing or bad credentials).
    pub fn is_unauthorized(&self) -> bool {
        self.api_status() == Some(401)
    }

    /// Whether the server answered 403 Forbidden.
    pub fn is_forbidden(&self) -> bool {
        self.api_status() == Some(403)
    }

    /// Whether the server answered 422 Unprocessable Entity (validation failed).
    pub fn is_validation(&self) -> bool {
        self.api_status() == Some(422)
    }

    /// Whether the server answered 429 Too Many Requests.
    pub fn is_rate_limited(&self) -> bool {
        self.api_status() == Some(429)
    }

    /// Whether the server answered with a 5xx status.
    pub fn is_server_error(&self) -> bool {
        self.api_status()
            .is_some_and(|status| (500..600).contains(&status))
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self.last_attempt(), Self::Timeout { .. })
    }

    /// The status of a non-2xx response only, so a decode failure on a 2xx
    /// can never look like, say, a 404.
    fn api_status(&self) -> Option<u16> {
        self.api_error().map(|api| api.status)
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingCredential { name, env: Some(env) } => write!(
                f,
                "missing credential `{name}`: configure it on the client or set the {env} environment variable"
            ),
            Self::MissingCredential { name, env: None } => {
                write!(f, "missing credential `{name}`: configure it on the client")
            }
            Self::InvalidRequest { message } => write!(f, "invalid request: {message}"),
            Self::Timeout { .. } => f.write_str("the request timed out"),
            Self::Transport { .. } => {
                f.write_str("transport error: could not send the request or read the response")
            }
            Self::Decode {
                path,
                message,
                snippet,
                ..
            } => write!(f, "decode error at {path}: {message} (body: {snippet})"),
            Self::Api(api) => fmt::Display::fmt(api, f),
            Self::Retried { retries, last } => {
                let plural = if *retries == 1 { "retry" } else { "retries" };
                write!(f, "{last} (after {retries} {plural})")
            }
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self.last_attempt() {
            Self::Timeout { source } | Self::Transport { source } => Some(source),
            _ => None,
        }
    }
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "API error {}", self.status)?;
        let reason = StatusCode::from_u16(self.status)
            .ok()
            .and_then(|status| status.canonical_reason());
        if let Some(reason) = reason {
            write!(f, " {reason}")?;
        }
        let body = snippet::head(&self.body, snippet::MAX_CHARS);
        if body.is_empty() {
            f.write_str(" (empty body)")
        } else {
            write!(f, ": {body}")
        }
    }
}

/// Headers whose values are credentials or sessions, hidden even in `Debug`.
const REDACTED_HEADERS: [header::HeaderName; 4] = [
    header::AUTHORIZATION,
    header::PROXY_AUTHORIZATION,
    header::COOKIE,
    header::SET_COOKIE,
];

impl<E: fmt::Debug> fmt::Debug for ApiError<E> {
    /// Shows headers, which help debugging (request ids, rate limits), but
    /// hides the values of credential-bearing ones, since `Debug` output
    /// ends up in logs and panic messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("headers", &shown_headers(&self.headers))
            .field("envelope", &self.envelope)
            .field("body", &self.body)
            .finish()
    }
}

/// Response headers as `Debug` shows them: names with their values, except
/// that credential-bearing values are `[redacted]`.
pub(crate) fn shown_headers(headers: &HeaderMap) -> Vec<(&str, &str)> {
    headers
        .iter()
        .map(|(name, value)| {
            let shown = if value.is_sensitive() || REDACTED_HEADERS.contains(name) {
                "[redacted]"
            } else {
                value.to_str().unwrap_or("[not text]")
            };
            (name.as_str(), shown)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn api(status: u16, body: &str) -> Error<String> {
        Error::Api(Box::new(ApiError {
            status,
            headers: HeaderMap::new(),
            envelope: Some(String::from("envelope")),
            body: body.to_owned(),
        }))
    }

    #[test]
    fn status_helpers_match_their_codes() {
        assert!(api(404, "").is_not_found());
        assert!(api(401, "").is_unauthorized());
        assert!(api(403, "").is_forbidden());
        assert!(api(422, "").is_validation());
        assert!(api(429, "").is_rate_limited());
        assert!(api(500, "").is_server_error());
        assert!(api(503, "").is_server_error());
        assert!(!api(499, "").is_server_error());
        assert!(!api(404, "").is_unauthorized());
        assert_eq!(api(418, "").status(), Some(418));
    }

    #[test]
    fn decode_errors_have_a_status_but_no_api_helpers() {
        let error: Error<()> = Error::Decode {
            status: 200,
            path: String::from("data.port"),
            message: String::from("invalid type"),
            snippet: String::new(),
        };
        assert_eq!(error.status(), Some(200));
        assert!(error.api_error().is_none());
        assert!(!error.is_not_found() && !error.is_server_error());
    }

    #[test]
    fn envelope_is_reachable() {
        assert_eq!(
            api(400, "").envelope().map(String::as_str),
            Some("envelope")
        );
        let missing: Error<String> = Error::InvalidRequest {
            message: String::from("x"),
        };
        assert!(missing.envelope().is_none());
        assert!(missing.status().is_none());
        assert!(!missing.is_timeout());
    }

    #[test]
    fn api_display_shows_status_reason_and_body_start() {
        let long = format!("{{\"errors\":\"{}\"}}", "x".repeat(500));
        let shown = api(404, &long).to_string();
        assert!(
            shown.starts_with("API error 404 Not Found: {\"errors\":\"xxx"),
            "{shown}"
        );
        assert!(shown.chars().count() < 240, "{shown}");
        assert_eq!(
            api(500, " ").to_string(),
            "API error 500 Internal Server Error (empty body)"
        );
        assert_eq!(api(599, "oops").to_string(), "API error 599: oops");
    }

    #[test]
    fn api_display_and_debug_hide_credentials() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::SET_COOKIE,
            HeaderValue::from_static("session=SECRET1"),
        );
        let mut token = HeaderValue::from_static("SECRET2");
        token.set_sensitive(true);
        headers.insert("x-token", token);
        headers.insert("x-request-id", HeaderValue::from_static("req-1"));
        let error: Error<()> = Error::Api(Box::new(ApiError {
            status: 500,
            headers,
            envelope: None,
            body: String::from("boom"),
        }));
        let display = error.to_string();
        assert!(!display.contains("req-1"), "{display}");
        let debug = format!("{error:?}");
        assert!(!debug.contains("SECRET"), "{debug}");
        assert!(debug.contains("req-1"), "{debug}");
    }

    #[test]
    fn decode_display_names_path_and_body() {
        let error: Error<()> = Error::Decode {
            status: 200,
            path: String::from("data.port"),
            message: String::from("invalid type: string \"x\", expected i64"),
            snippet: String::from("{\"port\":\"x\"}"),
        };
        assert_eq!(
            error.to_string(),
            "decode error at data.port: invalid type: string \"x\", expected i64 (body: {\"port\":\"x\"})"
        );
    }

    #[test]
    fn missing_credential_names_the_variable() {
        let with_env: Error<()> = Error::MissingCredential {
            name: "api_key",
            env: Some("EXAMPLE_API_KEY"),
        };
        let shown = with_env.to_string();
        assert!(
            shown.contains("api_key") && shown.contains("EXAMPLE_API_KEY"),
            "{shown}"
        );
        let without: Error<()> = Error::MissingCredential {
            name: "api_key",
            env: None,
        };
        assert!(!without.to_string().contains("environment"));
    }

    #[test]
    fn retried_errors_answer_like_their_last_attempt() {
        let error = api(503, "busy").after_retries(2);
        assert_eq!(error.retries(), 2);
        assert_eq!(error.status(), Some(503));
        assert!(error.is_server_error());
        assert_eq!(error.envelope().map(String::as_str), Some("envelope"));
        assert!(matches!(error.last_attempt(), Error::Api(_)));
        assert_eq!(
            error.to_string(),
            "API error 503 Service Unavailable: busy (after 2 retries)"
        );
        assert_eq!(
            api(500, "x").after_retries(1).to_string(),
            "API error 500 Internal Server Error: x (after 1 retry)"
        );
        // Wrapping again keeps one level, with the newer count.
        let rewrapped = error.after_retries(3);
        assert_eq!(rewrapped.retries(), 3);
        assert!(matches!(rewrapped.into_last_attempt(), Error::Api(_)));
    }

    #[test]
    fn no_retries_leaves_the_error_alone() {
        let error = api(404, "").after_retries(0);
        assert!(matches!(error, Error::Api(_)));
        assert_eq!(error.retries(), 0);
    }

    #[test]
    fn missing_credential_constructor() {
        let error: Error<()> = Error::missing_credential("api_key", Some("KEY"));
        assert!(matches!(
            error,
            Error::MissingCredential {
                name: "api_key",
                env: Some("KEY")
            }
        ));
    }

    #[test]
    fn non_transport_errors_have_no_source() {
        use std::error::Error as _;
        assert!(api(500, "").source().is_none());
    }
}
