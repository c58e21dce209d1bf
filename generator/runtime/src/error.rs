//! [`Error`], everything that can go wrong when calling an operation.
//!
//! No `Display` or `Debug` output of an error contains response body text,
//! credential header values or the userinfo of a URL: bodies are described
//! by their size and the path of the failing field, and the raw bytes are
//! available only through [`Error::body`], for a caller who asks on purpose.

use std::fmt;

use bytes::Bytes;
use reqwest::header::{self, HeaderMap};
use reqwest::StatusCode;

use crate::problems::{write_summary, Problem};
use crate::snippet;

/// Everything that can go wrong when calling an operation: what went wrong
/// ([`kind`](Self::kind)) and how many times the call was retried before it
/// gave up ([`retries`](Self::retries)).
///
/// `E` is the error envelope the API describes for non-2xx responses; it is
/// decoded when possible and kept in [`ErrorResponse::envelope`].
///
/// The retry count is a field, not a wrapper: a 503 that was retried twice
/// is `ErrorKind::Api` like one that was not, so a `match` on
/// [`kind`](Self::kind) and the helpers ([`status`](Self::status),
/// [`is_timeout`](Self::is_timeout), [`api_error`](Self::api_error), ...)
/// answer the same either way.
///
/// Timeouts and transport errors return the underlying `reqwest::Error`
/// from [`source`](std::error::Error::source) rather than repeating it in
/// their message; print the whole chain (for example with `anyhow`'s `{:#}`)
/// to see causes such as "connection refused". Their URL has its userinfo
/// and query removed before it is kept.
pub struct Error<E> {
    kind: ErrorKind<E>,
    retries: u32,
}

/// What went wrong; see [`Error`].
#[non_exhaustive]
pub enum ErrorKind<E> {
    /// A credential the operation needs was not configured.
    MissingCredential {
        /// What the credential is called, e.g. `"api_key"`.
        name: &'static str,
        /// The environment variable that can provide it, if there is one.
        env: Option<&'static str>,
    },
    /// The request could not be built (bad header value, body that failed to
    /// serialize, bad or insecure base URL, empty path parameter).
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
        /// What serde said was wrong, without serde_json's line and column
        /// and with any value it quoted from the body replaced by
        /// `[redacted]` (the value may be a password).
        message: String,
        /// The body exactly as it arrived; never shown by `Display` or
        /// `Debug`. See also [`Error::body`] and [`Error::body_excerpt`].
        body: Bytes,
        /// The byte offset in `body` where decoding failed, when serde_json
        /// said.
        offset: Option<usize>,
    },
    /// A response body was larger than the client's limit (32 MiB by
    /// default); reading stopped at the limit.
    BodyTooLarge {
        /// The HTTP status of the response.
        status: u16,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The server answered with a redirect the client does not follow: to
    /// another origin (scheme, host or port), for a method that must not be
    /// repeated (`POST`, `PATCH`), one that would change the method, or one
    /// past the hop limit. The request went nowhere else.
    Redirect {
        /// The redirect status (301, 302, 303, 307 or 308).
        status: u16,
        /// Where the server pointed, without userinfo, query or fragment;
        /// `None` when there was no usable `Location`.
        location: Option<String>,
    },
    /// A paginated listing did not move on: the server answered the request
    /// for page `requested` with page `reported`, so following it could
    /// loop forever.
    PageNotAdvancing {
        /// The page number that was asked for.
        requested: i64,
        /// The page number the server said it returned.
        reported: i64,
    },
    /// A cursor-paginated listing did not move on: the server handed back a
    /// cursor it had already handed back in this walk, so following it would
    /// loop forever. The cursor itself is not kept (it is opaque server
    /// data, useless in a report).
    CursorRepeated {
        /// How many pages had been fetched when the cursor came back.
        pages: u64,
    },
    /// A paginated listing had more pages than the walk's limit
    /// ([`paginate_with_limit`](crate::pagination::paginate_with_limit)).
    PageLimit {
        /// How many pages were fetched.
        max_pages: u64,
    },
    /// The request breaks constraints the API documents (a length, a range,
    /// an enum value), so it was not sent. Each violation names the field
    /// and the rule, never the value.
    Constraints {
        /// Every rule broken, in field order.
        violations: Vec<crate::Violation>,
    },
    /// The server answered with a non-2xx status.
    Api(Box<ErrorResponse<E>>),
}

impl<E> From<ErrorKind<E>> for Error<E> {
    /// An error of a call that was not retried.
    fn from(kind: ErrorKind<E>) -> Self {
        Self { kind, retries: 0 }
    }
}

/// A non-2xx response: status, headers, body and the decoded error envelope.
///
/// Its `Display` shows the status and the problems the body lists (the
/// server's codes, titles and details, each cut at 200 characters and kept
/// on one line), or the size of a body that lists none; never the raw body
/// or the headers, because either can carry credentials; its `Debug` shows
/// the headers with credential-bearing values hidden, the body's size and
/// whether the envelope decoded, but not the envelope (see its `Debug`).
#[derive(Clone)]
pub struct ErrorResponse<E> {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers, e.g. for a request id or `Retry-After`.
    pub headers: HeaderMap,
    /// The body decoded as the API's error type, if it matched.
    pub envelope: Option<E>,
    /// The body as it arrived, up to the client's error-body limit (64 KiB
    /// by default).
    pub body: Bytes,
    /// Whether the body was longer than the limit and cut there (the
    /// envelope of a cut body does not decode).
    pub body_truncated: bool,
    /// The problems the body lists (code, title, detail, field), as the
    /// server worded them; empty when it lists none the client can read.
    pub problems: Vec<Problem>,
}

impl<E> ErrorResponse<E> {
    /// The body as text, invalid UTF-8 replaced.
    pub fn body_text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

impl<E> Error<E> {
    /// A credential the operation needs was not configured; `env` names the
    /// environment variable that can provide it, if there is one.
    pub fn missing_credential(name: &'static str, env: Option<&'static str>) -> Self {
        ErrorKind::MissingCredential { name, env }.into()
    }

    /// What went wrong (of the call's last attempt, when it was retried).
    pub fn kind(&self) -> &ErrorKind<E> {
        &self.kind
    }

    /// What went wrong, taken.
    pub fn into_kind(self) -> ErrorKind<E> {
        self.kind
    }

    /// How many times the call was retried before it gave up (0 when it
    /// failed on its first attempt or was never sent).
    pub fn retries(&self) -> u32 {
        self.retries
    }

    /// Records that the call was retried `retries` times before this error.
    pub(crate) fn after_retries(mut self, retries: u32) -> Self {
        self.retries = retries;
        self
    }

    /// The HTTP status of the response, when one arrived (API, decode,
    /// oversize-body and redirect errors).
    pub fn status(&self) -> Option<u16> {
        match &self.kind {
            ErrorKind::Api(api) => Some(api.status),
            ErrorKind::Decode { status, .. }
            | ErrorKind::BodyTooLarge { status, .. }
            | ErrorKind::Redirect { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The raw body of a response that failed to decode, or of a non-2xx
    /// response (as far as it was kept). It may hold secrets, such as a
    /// credential connection's password: this is the only way to reach it.
    pub fn body(&self) -> Option<&[u8]> {
        match &self.kind {
            ErrorKind::Decode { body, .. } => Some(body),
            ErrorKind::Api(api) => Some(&api.body),
            _ => None,
        }
    }

    /// About 200 characters of a body that failed to decode, centred on the
    /// failure. Like [`body`](Self::body) it may show secrets, so nothing
    /// prints it unless the caller does.
    pub fn body_excerpt(&self) -> Option<String> {
        let ErrorKind::Decode { body, offset, .. } = &self.kind else {
            return None;
        };
        let text = String::from_utf8_lossy(body);
        Some(match offset {
            Some(offset) => snippet::around(&text, *offset, snippet::MAX_CHARS),
            None => snippet::head(&text, snippet::MAX_CHARS),
        })
    }

    /// The non-2xx response, if this is one.
    pub fn api_error(&self) -> Option<&ErrorResponse<E>> {
        match &self.kind {
            ErrorKind::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The decoded error envelope of a non-2xx response, if it decoded.
    pub fn envelope(&self) -> Option<&E> {
        self.api_error().and_then(|api| api.envelope.as_ref())
    }

    /// The problems a non-2xx response lists (code, title, detail, the
    /// field at fault); empty for other errors.
    pub fn problems(&self) -> &[Problem] {
        self.api_error().map_or(&[], |api| &api.problems)
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
        matches!(&self.kind, ErrorKind::Timeout { .. })
    }

    /// The status of a non-2xx response only, so a decode failure on a 2xx
    /// can never look like, say, a 404.
    fn api_status(&self) -> Option<u16> {
        self.api_error().map(|api| api.status)
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.kind, f)?;
        match self.retries {
            0 => Ok(()),
            1 => f.write_str(" (after 1 retry)"),
            retries => write!(f, " (after {retries} retries)"),
        }
    }
}

impl<E> fmt::Display for ErrorKind<E> {
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
                status,
                path,
                message,
                body,
                ..
            } => write!(
                f,
                "decode error at {path}: {message} (status {status}, {})",
                body_size(body.len())
            ),
            Self::BodyTooLarge { status, limit } => write!(
                f,
                "the response body (status {status}) is larger than the client's limit of {limit} bytes"
            ),
            Self::Redirect {
                status,
                location: Some(location),
            } => write!(
                f,
                "unexpected redirect {status} to {location}: not followed, so no credential or body left the configured origin"
            ),
            Self::Redirect {
                status,
                location: None,
            } => write!(
                f,
                "unexpected redirect {status} without a usable Location: not followed"
            ),
            Self::PageNotAdvancing {
                requested,
                reported,
            } => write!(
                f,
                "the listing did not advance: page {requested} was requested but the server returned page {reported}"
            ),
            Self::CursorRepeated { pages } => write!(
                f,
                "the listing did not advance: after {pages} pages the server returned a cursor it had returned before"
            ),
            Self::PageLimit { max_pages } => write!(
                f,
                "the listing has more than {max_pages} pages, the walk's limit; stopped there"
            ),
            Self::Constraints { violations } => {
                f.write_str("request not sent: ")?;
                match violations.as_slice() {
                    [] => f.write_str("it breaks a documented constraint"),
                    [only] => write!(f, "{only}"),
                    [first, rest @ ..] => write!(f, "{first} (and {} more)", rest.len()),
                }
            }
            Self::Api(api) => fmt::Display::fmt(api, f),
        }
    }
}

impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("retries", &self.retries)
            .finish()
    }
}

impl<E: fmt::Debug> fmt::Debug for ErrorKind<E> {
    /// Like a derived `Debug`, except that bodies appear as their length.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingCredential { name, env } => f
                .debug_struct("MissingCredential")
                .field("name", name)
                .field("env", env)
                .finish(),
            Self::InvalidRequest { message } => f
                .debug_struct("InvalidRequest")
                .field("message", message)
                .finish(),
            Self::Timeout { source } => f.debug_struct("Timeout").field("source", source).finish(),
            Self::Transport { source } => {
                f.debug_struct("Transport").field("source", source).finish()
            }
            Self::Decode {
                status,
                path,
                message,
                body,
                offset,
            } => f
                .debug_struct("Decode")
                .field("status", status)
                .field("path", path)
                .field("message", message)
                .field("body_bytes", &body.len())
                .field("offset", offset)
                .finish(),
            Self::BodyTooLarge { status, limit } => f
                .debug_struct("BodyTooLarge")
                .field("status", status)
                .field("limit", limit)
                .finish(),
            Self::Redirect { status, location } => f
                .debug_struct("Redirect")
                .field("status", status)
                .field("location", location)
                .finish(),
            Self::PageNotAdvancing {
                requested,
                reported,
            } => f
                .debug_struct("PageNotAdvancing")
                .field("requested", requested)
                .field("reported", reported)
                .finish(),
            Self::CursorRepeated { pages } => f
                .debug_struct("CursorRepeated")
                .field("pages", pages)
                .finish(),
            Self::PageLimit { max_pages } => f
                .debug_struct("PageLimit")
                .field("max_pages", max_pages)
                .finish(),
            Self::Constraints { violations } => f
                .debug_struct("Constraints")
                .field("violations", violations)
                .finish(),
            Self::Api(api) => f.debug_tuple("Api").field(api).finish(),
        }
    }
}

/// "empty body" or "body of N bytes".
fn body_size(len: usize) -> String {
    if len == 0 {
        String::from("empty body")
    } else if len == 1 {
        String::from("body of 1 byte")
    } else {
        format!("body of {len} bytes")
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Timeout { source } | ErrorKind::Transport { source } => Some(source),
            _ => None,
        }
    }
}

impl<E> fmt::Display for ErrorResponse<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "API error {}", self.status)?;
        let reason = StatusCode::from_u16(self.status)
            .ok()
            .and_then(|status| status.canonical_reason());
        if let Some(reason) = reason {
            write!(f, " {reason}")?;
        }
        if !self.problems.is_empty() {
            write_summary(f, &self.problems)
        } else if self.body_truncated {
            write!(f, " (body cut at {} bytes)", self.body.len())
        } else if self.body.iter().all(u8::is_ascii_whitespace) {
            f.write_str(" (empty body)")
        } else {
            write!(f, " ({})", body_size(self.body.len()))
        }
    }
}

/// Headers whose values are credentials or sessions, hidden even in `Debug`.
const REDACTED_HEADERS: [&str; 6] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-user",
    "x-api-token",
];

impl<E> fmt::Debug for ErrorResponse<E> {
    /// Shows headers, which help debugging (request ids, rate limits), but
    /// hides the values of credential-bearing ones, and shows only the size
    /// of the body and whether the envelope decoded, since `Debug` output
    /// ends up in logs and panic messages, and an error body (and so the
    /// envelope's unlisted fields) can echo a password that was sent. Read
    /// [`envelope`](Self::envelope) itself for the server's explanation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorResponse")
            .field("status", &self.status)
            .field("headers", &shown_headers(&self.headers))
            .field("envelope_decoded", &self.envelope.is_some())
            .field("body_bytes", &self.body.len())
            .field("body_truncated", &self.body_truncated)
            .finish()
    }
}

/// Response headers as `Debug` shows them: names with their values, except
/// that credential-bearing values are `[redacted]`.
pub(crate) fn shown_headers(headers: &HeaderMap) -> Vec<(&str, &str)> {
    headers
        .iter()
        .map(|(name, value)| {
            let shown = if value.is_sensitive() || is_credential_header(name) {
                "[redacted]"
            } else {
                value.to_str().unwrap_or("[not text]")
            };
            (name.as_str(), shown)
        })
        .collect()
}

/// Whether `name` is a header that carries credentials or sessions.
fn is_credential_header(name: &header::HeaderName) -> bool {
    REDACTED_HEADERS.contains(&name.as_str())
}

/// serde's message with any value it quoted from the input replaced by
/// `[redacted]`.
///
/// serde quotes input values as `string "…"`, `` integer `…` `` or
/// `` unknown variant `…` ``, always before the `, expected …` part that
/// names what the type wanted (names from the API description, kept). The
/// whole quoted stretch of the first part is cut, from its first quote to
/// its last, so a value that itself holds quotes leaks nothing either.
/// `missing field` and `duplicate field` name the type's own fields and are
/// kept whole.
pub(crate) fn redact_message(message: &str) -> String {
    if message.starts_with("missing field") || message.starts_with("duplicate field") {
        return message.to_owned();
    }
    let (quoted_part, expected) = match message.rfind(", expected") {
        Some(at) => message.split_at(at),
        None => (message, ""),
    };
    let first = quoted_part.find(['"', '`']);
    let last = quoted_part.rfind(['"', '`']);
    match (first, last) {
        (Some(first), Some(last)) => format!(
            "{}[redacted]{}{expected}",
            &quoted_part[..first],
            &quoted_part[last + 1..]
        ),
        _ => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn api(status: u16, body: &str) -> Error<String> {
        ErrorKind::Api(Box::new(ErrorResponse {
            status,
            headers: HeaderMap::new(),
            envelope: Some(String::from("envelope")),
            body: Bytes::from(body.to_owned()),
            body_truncated: false,
            problems: Vec::new(),
        }))
        .into()
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
        let error: Error<()> = ErrorKind::Decode {
            status: 200,
            path: String::from("data.port"),
            message: String::from("invalid type"),
            body: Bytes::new(),
            offset: None,
        }
        .into();
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
        let missing: Error<String> = ErrorKind::InvalidRequest {
            message: String::from("x"),
        }
        .into();
        assert!(missing.envelope().is_none());
        assert!(missing.status().is_none());
        assert!(!missing.is_timeout());
    }

    #[test]
    fn api_display_shows_status_reason_and_body_size_only() {
        let long = format!("{{\"errors\":\"{}\"}}", "x".repeat(500));
        let shown = api(404, &long).to_string();
        assert_eq!(shown, "API error 404 Not Found (body of 513 bytes)");
        assert_eq!(
            api(500, " ").to_string(),
            "API error 500 Internal Server Error (empty body)"
        );
        assert_eq!(
            api(599, "oops").to_string(),
            "API error 599 (body of 4 bytes)"
        );
        let ErrorKind::Api(mut cut) = api(502, "abc").into_kind() else {
            unreachable!()
        };
        cut.body_truncated = true;
        assert_eq!(
            cut.to_string(),
            "API error 502 Bad Gateway (body cut at 3 bytes)"
        );
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
        headers.insert("x-api-token", HeaderValue::from_static("SECRET3"));
        let error: Error<()> = Error::from(ErrorKind::Api(Box::new(ErrorResponse {
            status: 500,
            headers,
            envelope: None,
            body: Bytes::from_static(br#"{"password":"SECRET4"}"#),
            body_truncated: false,
            problems: Vec::new(),
        })));
        let display = error.to_string();
        assert!(!display.contains("req-1"), "{display}");
        assert!(!display.contains("SECRET"), "{display}");
        let debug = format!("{error:?}");
        assert!(!debug.contains("SECRET"), "{debug}");
        assert!(debug.contains("body_bytes: 22"), "{debug}");
        assert!(debug.contains("req-1"), "{debug}");
    }

    fn decode(message: &str, body: &'static str) -> Error<()> {
        Error::from(ErrorKind::Decode {
            status: 200,
            path: String::from("data.port"),
            message: redact_message(message),
            body: Bytes::from_static(body.as_bytes()),
            offset: Some(8),
        })
    }

    #[test]
    fn decode_display_names_path_and_size_but_no_body() {
        let error = decode(
            "invalid type: string \"SECRET\", expected i64",
            r#"{"port":"SECRET"}"#,
        );
        assert_eq!(
            error.to_string(),
            "decode error at data.port: invalid type: string [redacted], expected i64 (status 200, body of 17 bytes)"
        );
        let debug = format!("{error:?}");
        assert!(!debug.contains("SECRET"), "{debug}");
        assert!(debug.contains("body_bytes: 17"), "{debug}");
        // The raw body is there for whoever asks by name.
        assert_eq!(error.body(), Some(&br#"{"port":"SECRET"}"#[..]));
        assert!(error.body_excerpt().unwrap().contains("SECRET"));
    }

    #[test]
    fn serde_messages_lose_their_quoted_values() {
        for (message, shown) in [
            (
                "invalid type: string \"hunter2\", expected i64",
                "invalid type: string [redacted], expected i64",
            ),
            (
                "unknown variant `hunter2`, expected one of `a`, `b`",
                "unknown variant [redacted], expected one of `a`, `b`",
            ),
            (
                "invalid value: integer `1234`, expected u8",
                "invalid value: integer [redacted], expected u8",
            ),
            (
                "invalid type: string \"a\\\"b`, expected c\", expected i64",
                "invalid type: string [redacted], expected i64",
            ),
            ("missing field `name`", "missing field `name`"),
            ("expected value", "expected value"),
            (
                "invalid length 3, expected 2",
                "invalid length 3, expected 2",
            ),
        ] {
            assert_eq!(redact_message(message), shown, "{message}");
        }
    }

    #[test]
    fn missing_credential_names_the_variable() {
        let with_env: Error<()> = ErrorKind::MissingCredential {
            name: "api_key",
            env: Some("EXAMPLE_API_KEY"),
        }
        .into();
        let shown = with_env.to_string();
        assert!(
            shown.contains("api_key") && shown.contains("EXAMPLE_API_KEY"),
            "{shown}"
        );
        let without: Error<()> = ErrorKind::MissingCredential {
            name: "api_key",
            env: None,
        }
        .into();
        assert!(!without.to_string().contains("environment"));
    }

    #[test]
    fn retried_errors_answer_like_unretried_ones() {
        let error = api(503, "busy").after_retries(2);
        assert_eq!(error.retries(), 2);
        assert_eq!(error.status(), Some(503));
        assert!(error.is_server_error());
        assert_eq!(error.envelope().map(String::as_str), Some("envelope"));
        assert!(matches!(error.kind(), ErrorKind::Api(_)));
        assert_eq!(
            error.to_string(),
            "API error 503 Service Unavailable (body of 4 bytes) (after 2 retries)"
        );
        assert_eq!(
            api(500, "x").after_retries(1).to_string(),
            "API error 500 Internal Server Error (body of 1 byte) (after 1 retry)"
        );
        // The count is a field: recording it again replaces it.
        let again = error.after_retries(3);
        assert_eq!(again.retries(), 3);
        assert!(matches!(again.into_kind(), ErrorKind::Api(_)));
    }

    #[test]
    fn no_retries_leaves_the_error_alone() {
        let error = api(404, "").after_retries(0);
        assert!(matches!(error.kind(), ErrorKind::Api(_)));
        assert_eq!(error.retries(), 0);
    }

    #[test]
    fn missing_credential_constructor() {
        let error: Error<()> = Error::missing_credential("api_key", Some("KEY"));
        assert!(matches!(
            error.kind(),
            ErrorKind::MissingCredential {
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
