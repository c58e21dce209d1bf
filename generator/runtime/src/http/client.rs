//! [`HttpClient`], which sends a [`Request`], retries it when that is safe,
//! and decodes what comes back.

use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use tracing::Instrument;

use super::body::{
    read_limited, read_prefix, ReadError, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_ERROR_BODY_BYTES,
};
use super::redirect::{self, Redirect, MAX_REDIRECTS};
use super::retry::{is_retryable, server_asked_delay};
use super::url::{check_url, shown_url};
use super::{HttpConfig, Request, Response, RetryPolicy};
use crate::decode::{decode_envelope, decode_success};
use crate::problems::ProblemPaths;
use crate::{Error, ErrorKind, ErrorResponse};

/// Sends requests, retries them when that is safe, and decodes responses;
/// cheap to clone, and clones share one connection pool.
///
/// Every call runs in a `tracing` span named `http_request` with the method
/// and the [path template](Request::path_template), and logs one event per
/// attempt (attempt number, status or error kind, elapsed milliseconds, and
/// the wait before the next attempt). Header values, bodies, query values
/// and the filled-in path are never logged.
///
/// # Security
///
/// - **Redirects.** No header (credentials or the caller's own), no body
///   and no request at all goes to an origin (scheme, host, port) other
///   than the request's own. A same-origin redirect is followed (at most
///   five hops) when it repeats the very same request: any redirect of a
///   `GET` or `HEAD`, a 307/308 of a `PUT`, `DELETE` or `OPTIONS`. Any other
///   redirect, including every redirect of a `POST` or `PATCH`, is
///   [`ErrorKind::Redirect`] naming the status and the target.
/// - **Plain HTTP.** A request to `http://` is refused unless its host is
///   loopback or the client [allows insecure HTTP](Self::allow_insecure_http);
///   a URL with a user name or password is always refused.
/// - **Limits.** A 2xx body is read up to
///   [`with_max_body_bytes`](Self::with_max_body_bytes) (32 MiB by
///   default), checked against `Content-Length` first and then while it
///   streams in; beyond it the call fails with [`ErrorKind::BodyTooLarge`]. An
///   error body is kept up to [`with_max_error_body_bytes`](Self::with_max_error_body_bytes)
///   (64 KiB) and cut there. Retries wait at least the computed backoff
///   whatever a server's `Retry-After` says, and their number is capped
///   (see [`RetryPolicy`]).
///
/// These hold for clients built with [`new`](Self::new). A client passed to
/// [`with_reqwest`](Self::with_reqwest) keeps its own redirect policy;
/// build it from [`reqwest_builder`](Self::reqwest_builder), or with
/// `redirect(Policy::none())`, to keep the first guarantee.
#[derive(Clone, Debug)]
pub struct HttpClient {
    inner: reqwest::Client,
    retry: RetryPolicy,
    /// The per-request timeout `inner` was built with, when this crate built
    /// it: an attempt cut short by a call's time budget never gets longer.
    attempt_timeout: Option<Duration>,
    /// The time budget of a whole call, retries and waits included, when the
    /// request's options set none.
    total_timeout: Option<Duration>,
    /// The most bytes of a 2xx body that are read.
    max_body_bytes: u64,
    /// The most bytes of a non-2xx body that are kept in the error.
    max_error_body_bytes: usize,
    /// Whether plain HTTP to a host that is not loopback is allowed.
    allow_insecure_http: bool,
    /// Whether requests that break documented constraints are refused.
    constraint_checks: bool,
    /// Where error bodies list their problems, when the API says.
    problem_paths: Option<&'static ProblemPaths>,
}
/// A client could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// reqwest refused the configuration (e.g. a user agent that is not a
    /// valid header value) or the TLS backend failed to start.
    #[error("could not build the HTTP client")]
    Http(#[source] reqwest::Error),
    /// A required environment variable is not set (or is not UTF-8).
    #[error("the environment variable `{name}` is not set")]
    MissingEnv {
        /// The variable's name.
        name: &'static str,
    },
    /// A base URL does not parse, has a scheme other than `https` or
    /// `http`, or carries a user name or password.
    #[error("the base URL {url} cannot be used: {reason}")]
    InvalidBaseUrl {
        /// The URL, with any user name and password replaced by `[redacted]`.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A base URL is plain `http://` to a host that is not loopback, and
    /// insecure HTTP was not allowed.
    #[error(
        "refusing the plain http:// base URL for {host}: every request would send credentials in cleartext; use https://, or opt in with the client builder's `allow_insecure_http(true)`"
    )]
    InsecureBaseUrl {
        /// The host the URL names.
        host: String,
    },
}

impl BuildError {
    /// A required environment variable is missing; used by generated
    /// `from_env` constructors.
    pub fn missing_env(name: &'static str) -> Self {
        Self::MissingEnv { name }
    }
}

impl HttpClient {
    /// Builds a client with the given user agent and timeouts, and the
    /// default [`RetryPolicy`].
    ///
    /// # Errors
    ///
    /// [`BuildError`] when reqwest refuses the configuration (for example a
    /// user agent containing a newline) or cannot start its TLS backend.
    pub fn new(config: &HttpConfig) -> Result<Self, BuildError> {
        let inner = Self::reqwest_builder()
            .user_agent(config.user_agent.as_str())
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            .build()
            .map_err(BuildError::Http)?;
        Ok(Self {
            attempt_timeout: Some(config.timeout),
            total_timeout: Some(config.timeout),
            ..Self::with_reqwest(inner)
        })
    }

    /// A reqwest builder with what this crate relies on already set: no
    /// redirect following of its own (see [Security](Self#security)). Start
    /// from it to configure proxies or TLS for [`with_reqwest`](Self::with_reqwest).
    pub fn reqwest_builder() -> reqwest::ClientBuilder {
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none())
    }

    /// Wraps a client configured elsewhere (proxies, custom TLS, a shared
    /// pool). Its own user agent and timeouts apply instead of [`HttpConfig`],
    /// except that an attempt of a call with a total
    /// [timeout](super::RequestOptions::timeout) is given what is left of it.
    ///
    /// reqwest follows redirects by default and sends every header but
    /// `Authorization` and cookies along, to any host: build `client` from
    /// [`reqwest_builder`](Self::reqwest_builder) (or with
    /// `redirect(Policy::none())`). If it follows a redirect to another
    /// origin anyway, the response is refused as [`ErrorKind::Redirect`], but
    /// by then the request has been sent there.
    pub fn with_reqwest(client: reqwest::Client) -> Self {
        Self {
            inner: client,
            retry: RetryPolicy::default(),
            attempt_timeout: None,
            total_timeout: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_error_body_bytes: DEFAULT_MAX_ERROR_BODY_BYTES,
            allow_insecure_http: false,
            constraint_checks: true,
            problem_paths: None,
        }
    }

    #[doc(hidden)]
    /// Where error bodies list their problems, so that errors carry them
    /// ([`ErrorResponse::problems`](crate::ErrorResponse)); set by generated
    /// clients from their API description.
    pub fn with_problem_paths(mut self, paths: &'static ProblemPaths) -> Self {
        self.problem_paths = Some(paths);
        self
    }

    /// Whether a request that breaks a constraint its API documents (see
    /// [`Request::check`]) is refused with [`ErrorKind::Constraints`]
    /// before anything is sent (on until then). Turn it off when the
    /// documentation is stricter than the server; a call's
    /// [`RequestOptions::check_constraints`](crate::RequestOptions::check_constraints)
    /// overrides it.
    pub fn with_constraint_checks(mut self, check: bool) -> Self {
        self.constraint_checks = check;
        self
    }

    /// Sets the most bytes a 2xx body may have (32 MiB until then); a
    /// longer one fails the call with [`ErrorKind::BodyTooLarge`] as soon as
    /// that is known, without reading the rest.
    pub fn with_max_body_bytes(mut self, limit: u64) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// Sets how many bytes of a non-2xx body are kept in [`ErrorResponse::body`]
    /// (64 KiB until then); the rest is not read, and
    /// [`ErrorResponse::body_truncated`] says so.
    pub fn with_max_error_body_bytes(mut self, limit: usize) -> Self {
        self.max_error_body_bytes = limit;
        self
    }

    /// Allows plain `http://` to hosts that are not loopback (refused until
    /// then, because credentials would cross the network in cleartext).
    /// For test rigs and TLS-terminating sidecars only.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Sets the time budget of a whole call, retries and backoff waits
    /// included, for requests whose options set none. [`HttpClient::new`]
    /// uses [`HttpConfig::timeout`] for it; `None` removes the budget (each
    /// attempt still has its own timeout).
    pub fn with_total_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.total_timeout = timeout;
        self
    }

    /// Replaces how calls are retried ([`RetryPolicy::default`] until then).
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// How calls are retried.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// Sends `request` and decodes a 2xx body as `T`.
    ///
    /// An empty 2xx body decodes as JSON `null`, so `()` and `Option` work as
    /// `T` for operations that answer with nothing.
    ///
    /// A failed attempt is retried as the [`RetryPolicy`] says when the
    /// request is [retry-safe](Request::retry_safe) or its options opt in.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::InvalidRequest`] if the request could not be built;
    /// - [`ErrorKind::Timeout`] or [`ErrorKind::Transport`] if it could not be sent or
    ///   the response could not be read;
    /// - [`ErrorKind::Api`] for a non-2xx status, with the body decoded as `E`
    ///   when it matches;
    /// - [`ErrorKind::Decode`] for a 2xx body that is not a `T`;
    /// - with [`Error::retries`] telling how often the call was retried first.
    pub async fn send<T: DeserializeOwned, E: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<T, Error<E>> {
        self.send_with_response(request)
            .await
            .map(Response::into_value)
    }

    /// Sends `request` and succeeds on any 2xx status without reading the body.
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send), except that there is no [`ErrorKind::Decode`].
    pub async fn send_no_content<E: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<(), Error<E>> {
        self.call(request, false).await.map(|_| ())
    }

    /// Like [`send`](Self::send), but also returns the status, headers and
    /// raw body of the response (for a request id, rate-limit counters, or
    /// fields the type does not keep).
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send).
    pub async fn send_with_response<T: DeserializeOwned, E: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<Response<T>, Error<E>> {
        let success = self.call(request, true).await?;
        let value = decode_success(success.status, &success.body)
            .map_err(|error: Error<E>| error.after_retries(success.retries))?;
        Ok(Response {
            value,
            status: success.status,
            headers: success.headers,
            body: success.body,
            retries: success.retries,
        })
    }

    /// Sends `request`, with retries, inside its tracing span.
    async fn call<E: DeserializeOwned>(
        &self,
        request: Request,
        read_body: bool,
    ) -> Result<Success, Error<E>> {
        if request
            .check_constraints()
            .unwrap_or(self.constraint_checks)
        {
            if let Some(violations) = request.violations() {
                return Err(ErrorKind::Constraints {
                    violations: violations.to_vec(),
                }
                .into());
            }
        }
        let span = tracing::info_span!(
            "http_request",
            method = %request.method(),
            path_template = request.template(),
        );
        self.call_with_retries(request, read_body)
            .instrument(span)
            .await
    }

    /// Sends attempts until one succeeds, one fails in a way not worth
    /// retrying, the retries run out, or the next wait would end past the
    /// call's time budget; the last attempt's error is the one returned.
    async fn call_with_retries<E: DeserializeOwned>(
        &self,
        request: Request,
        read_body: bool,
    ) -> Result<Success, Error<E>> {
        let settings = request.retry_settings();
        let max_retries = if settings.may_retry {
            RetryPolicy::bounded(settings.max_retries.unwrap_or(self.retry.max_retries))
        } else {
            0
        };
        // A budget too large to add to now is no budget at all.
        let deadline = settings
            .timeout
            .or(self.total_timeout)
            .and_then(|budget| Instant::now().checked_add(budget));
        let mut retries = 0;
        loop {
            let started = Instant::now();
            let outcome = self.attempt(&request, deadline, read_body).await;
            let elapsed_ms = millis(started.elapsed());
            let attempt = retries + 1;
            let error = match outcome {
                Ok(mut success) => {
                    tracing::debug!(
                        attempt,
                        status = success.status,
                        elapsed_ms,
                        "HTTP attempt succeeded"
                    );
                    success.retries = retries;
                    return Ok(success);
                }
                Err(error) => error,
            };
            let wait = (retries < max_retries && is_retryable(&error))
                .then(|| self.retry.delay(retries, server_asked(&error)))
                .filter(|wait| ends_before(*wait, deadline));
            trace_failure(attempt, &error, elapsed_ms, wait);
            match wait {
                Some(wait) => {
                    tokio::time::sleep(wait).await;
                    retries += 1;
                }
                None => return Err(error.after_retries(retries)),
            }
        }
    }

    /// Sends one attempt, given what is left of the call's time budget,
    /// following same-origin redirects that repeat the same request, and
    /// reads the body of a 2xx response (up to the limit) if asked to.
    async fn attempt<E: DeserializeOwned>(
        &self,
        request: &Request,
        deadline: Option<Instant>,
        read_body: bool,
    ) -> Result<Success, Error<E>> {
        let mut outgoing = self.outgoing(request, None, deadline)?;
        let origin = outgoing.url().clone();
        let mut hops = 0;
        let response = loop {
            let sent_to = outgoing.url().clone();
            let response = self.inner.execute(outgoing).await.map_err(from_reqwest)?;
            if !super::url::same_origin(response.url(), &origin) {
                // Only a caller's own reqwest client follows redirects itself.
                return Err(Error::from(ErrorKind::Redirect {
                    status: response.status().as_u16(),
                    location: Some(shown_url(response.url())),
                }));
            }
            let status = response.status();
            match redirect::decide(
                request.method(),
                status,
                response.headers(),
                &sent_to,
                &origin,
            ) {
                Redirect::None => break response,
                Redirect::Follow(target) if hops < MAX_REDIRECTS => {
                    hops += 1;
                    tracing::debug!(
                        status = status.as_u16(),
                        hops,
                        "following a same-origin redirect"
                    );
                    outgoing = self.outgoing(request, Some(target), deadline)?;
                }
                Redirect::Follow(target) => {
                    return Err(Error::from(ErrorKind::Redirect {
                        status: status.as_u16(),
                        location: Some(shown_url(&target)),
                    }))
                }
                Redirect::Refuse(location) => {
                    return Err(Error::from(ErrorKind::Redirect {
                        status: status.as_u16(),
                        location,
                    }))
                }
            }
        };
        let status = response.status();
        if !status.is_success() {
            return Err(api_error(response, self.max_error_body_bytes, self.problem_paths).await);
        }
        let headers = response.headers().clone();
        let body = if read_body {
            read_limited(response, self.max_body_bytes)
                .await
                .map_err(|error| match error {
                    ReadError::TooLarge => Error::from(ErrorKind::BodyTooLarge {
                        status: status.as_u16(),
                        limit: self.max_body_bytes,
                    }),
                    ReadError::Read(error) => from_reqwest(error),
                })?
        } else {
            Bytes::new()
        };
        Ok(Success {
            status: status.as_u16(),
            headers,
            body,
            retries: 0,
        })
    }

    /// The reqwest request for `request`, sent to `url` instead of its own
    /// URL when following a redirect, with what is left of the time budget;
    /// refused before anything is sent when the URL is not one credentials
    /// may go to.
    fn outgoing<E>(
        &self,
        request: &Request,
        url: Option<reqwest::Url>,
        deadline: Option<Instant>,
    ) -> Result<reqwest::Request, Error<E>> {
        let mut outgoing = request
            .to_reqwest()
            .map_err(|message| Error::from(ErrorKind::InvalidRequest { message }))?;
        if let Some(url) = url {
            *outgoing.url_mut() = url;
        }
        check_url(outgoing.url(), self.allow_insecure_http).map_err(|problem| {
            Error::from(ErrorKind::InvalidRequest {
                message: problem.reason().to_owned(),
            })
        })?;
        if let Some(deadline) = deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            // Replaces the client's own timeout for this attempt, so keep
            // the shorter of the two when it is known.
            let limit = self.attempt_timeout.map_or(left, |own| own.min(left));
            *outgoing.timeout_mut() = Some(limit);
        }
        Ok(outgoing)
    }
}

/// A 2xx response, read as far as the caller needs.
struct Success {
    status: u16,
    headers: HeaderMap,
    /// Empty when the body was not read.
    body: Bytes,
    retries: u32,
}

/// The wait a failed attempt's response asked for, if it asked.
fn server_asked<E>(error: &Error<E>) -> Option<Duration> {
    let api = error.api_error()?;
    server_asked_delay(&api.headers, SystemTime::now())
}

/// Whether waiting `wait` from now ends before `deadline`, leaving time for
/// another attempt; always true without a deadline.
fn ends_before(wait: Duration, deadline: Option<Instant>) -> bool {
    deadline.is_none_or(|deadline| {
        Instant::now()
            .checked_add(wait)
            .is_some_and(|end| end < deadline)
    })
}

/// Logs a failed attempt: its status or the kind of error, never a message,
/// because reqwest's messages contain the URL with its query.
fn trace_failure<E>(attempt: u32, error: &Error<E>, elapsed_ms: u64, wait: Option<Duration>) {
    let status = error.api_error().map(|api| api.status);
    let kind = error_kind(error);
    match wait {
        Some(wait) => tracing::info!(
            attempt,
            status,
            error = kind,
            elapsed_ms,
            backoff_ms = millis(wait),
            "HTTP attempt failed, retrying"
        ),
        None => tracing::debug!(
            attempt,
            status,
            error = kind,
            elapsed_ms,
            "HTTP attempt failed, not retrying"
        ),
    }
}

/// A short name for an error that carries no status.
fn error_kind<E>(error: &Error<E>) -> Option<&'static str> {
    match error.kind() {
        ErrorKind::Api(_) => None,
        ErrorKind::Timeout { .. } => Some("timeout"),
        ErrorKind::Transport { source } if source.is_connect() => Some("connect"),
        ErrorKind::Transport { .. } => Some("transport"),
        ErrorKind::InvalidRequest { .. } => Some("invalid_request"),
        ErrorKind::Decode { .. } => Some("decode"),
        ErrorKind::BodyTooLarge { .. } => Some("body_too_large"),
        ErrorKind::Redirect { .. } => Some("redirect"),
        _ => Some("other"),
    }
}

/// Whole milliseconds, for logs.
fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// Reads a non-2xx response into [`ErrorKind::Api`], keeping at most `limit`
/// bytes of its body.
async fn api_error<E: DeserializeOwned>(
    response: reqwest::Response,
    limit: usize,
    problem_paths: Option<&ProblemPaths>,
) -> Error<E> {
    let status = response.status().as_u16();
    let headers: HeaderMap = response.headers().clone();
    let (body, body_truncated) = read_prefix(response, limit).await;
    let (envelope, problems) = match (body_truncated, problem_paths) {
        (true, _) => (None, Vec::new()),
        (false, None) => (decode_envelope(&body), Vec::new()),
        (false, Some(paths)) => (decode_envelope(&body), paths.read(&body)),
    };
    Error::from(ErrorKind::Api(Box::new(ErrorResponse {
        status,
        headers,
        envelope,
        body,
        body_truncated,
        problems,
    })))
}

/// Sorts a reqwest error into the variant a caller would act on: timeouts
/// are worth retrying differently from refused connections, and builder
/// errors (such as a URL scheme reqwest cannot send to) are the caller's.
///
/// The URL reqwest keeps in the error (and prints in its `Display` and
/// `Debug`) loses its userinfo and query first: either can hold a secret.
fn from_reqwest<E>(mut error: reqwest::Error) -> Error<E> {
    if let Some(url) = error.url_mut() {
        let _ = url.set_username("");
        let _ = url.set_password(None);
        url.set_query(None);
        url.set_fragment(None);
    }
    if error.is_timeout() {
        Error::from(ErrorKind::Timeout { source: error })
    } else if error.is_builder() {
        Error::from(ErrorKind::InvalidRequest {
            message: error.to_string(),
        })
    } else {
        Error::from(ErrorKind::Transport { source: error })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_user_agent_is_a_build_error() {
        let config = HttpConfig {
            user_agent: String::from("bad\nagent"),
            ..HttpConfig::default()
        };
        let error = HttpClient::new(&config).unwrap_err();
        assert_eq!(error.to_string(), "could not build the HTTP client");
        assert!(std::error::Error::source(&error).is_some());
    }

    #[test]
    fn default_config_builds() {
        assert!(HttpClient::new(&HttpConfig::default()).is_ok());
    }
}
