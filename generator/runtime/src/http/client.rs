//! [`HttpClient`], which sends a [`Request`], retries it when that is safe,
//! and decodes what comes back.

use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use tracing::Instrument;

use super::retry::{is_retryable, server_asked_delay};
use super::{HttpConfig, Request, Response, RetryPolicy};
use crate::decode::{decode_envelope, decode_success};
use crate::{ApiError, Error};

/// Sends requests, retries them when that is safe, and decodes responses;
/// cheap to clone, and clones share one connection pool.
///
/// Every call runs in a `tracing` span named `http_request` with the method
/// and the [path template](Request::path_template), and logs one event per
/// attempt (attempt number, status or error kind, elapsed milliseconds, and
/// the wait before the next attempt). Header values, bodies, query values
/// and the filled-in path are never logged.
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
        let inner = reqwest::Client::builder()
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

    /// Wraps a client configured elsewhere (proxies, custom TLS, a shared
    /// pool). Its own user agent and timeouts apply instead of [`HttpConfig`],
    /// except that an attempt of a call with a total
    /// [timeout](super::RequestOptions::timeout) is given what is left of it.
    pub fn with_reqwest(client: reqwest::Client) -> Self {
        Self {
            inner: client,
            retry: RetryPolicy::default(),
            attempt_timeout: None,
            total_timeout: None,
        }
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
    /// - [`Error::InvalidRequest`] if the request could not be built;
    /// - [`Error::Timeout`] or [`Error::Transport`] if it could not be sent or
    ///   the response could not be read;
    /// - [`Error::Api`] for a non-2xx status, with the body decoded as `E`
    ///   when it matches;
    /// - [`Error::Decode`] for a 2xx body that is not a `T`;
    /// - any of these wrapped in [`Error::Retried`] when the call was retried.
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
    /// As [`send`](Self::send), except that there is no [`Error::Decode`].
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
            settings.max_retries.unwrap_or(self.retry.max_retries)
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
    /// and reads the body of a 2xx response if asked to.
    async fn attempt<E: DeserializeOwned>(
        &self,
        request: &Request,
        deadline: Option<Instant>,
        read_body: bool,
    ) -> Result<Success, Error<E>> {
        let mut outgoing = request
            .to_reqwest()
            .map_err(|message| Error::InvalidRequest { message })?;
        if let Some(deadline) = deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            // Replaces the client's own timeout for this attempt, so keep
            // the shorter of the two when it is known.
            let limit = self.attempt_timeout.map_or(left, |own| own.min(left));
            *outgoing.timeout_mut() = Some(limit);
        }
        let response = self.inner.execute(outgoing).await.map_err(from_reqwest)?;
        let status = response.status();
        if !status.is_success() {
            return Err(api_error(response).await);
        }
        let headers = response.headers().clone();
        let body = if read_body {
            response.bytes().await.map_err(from_reqwest)?
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
    match error.last_attempt() {
        Error::Api(_) => None,
        Error::Timeout { .. } => Some("timeout"),
        Error::Transport { source } if source.is_connect() => Some("connect"),
        Error::Transport { .. } => Some("transport"),
        Error::InvalidRequest { .. } => Some("invalid_request"),
        Error::Decode { .. } => Some("decode"),
        _ => Some("other"),
    }
}

/// Whole milliseconds, for logs.
fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// Reads a non-2xx response into [`Error::Api`].
///
/// A body that cannot be read is kept as empty rather than reported as a
/// transport error: the status is the news, and hiding it behind "connection
/// reset" would make the failure harder to understand.
async fn api_error<E: DeserializeOwned>(response: reqwest::Response) -> Error<E> {
    let status = response.status().as_u16();
    let headers: HeaderMap = response.headers().clone();
    let body = match response.bytes().await {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) => String::new(),
    };
    Error::Api(Box::new(ApiError {
        status,
        headers,
        envelope: decode_envelope(&body),
        body,
    }))
}

/// Sorts a reqwest error into the variant a caller would act on: timeouts
/// are worth retrying differently from refused connections, and builder
/// errors (such as a URL scheme reqwest cannot send to) are the caller's.
fn from_reqwest<E>(error: reqwest::Error) -> Error<E> {
    if error.is_timeout() {
        Error::Timeout { source: error }
    } else if error.is_builder() {
        Error::InvalidRequest {
            message: error.to_string(),
        }
    } else {
        Error::Transport { source: error }
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
