//! [`HttpClient`], which sends a [`Request`] and decodes what comes back.

use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::{HttpConfig, Request};
use crate::decode::{decode_envelope, decode_success};
use crate::{ApiError, Error};

/// Sends requests and decodes responses; cheap to clone, and clones share
/// one connection pool.
#[derive(Clone, Debug)]
pub struct HttpClient {
    inner: reqwest::Client,
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
    /// Builds a client with the given user agent and timeouts.
    ///
    /// # Errors
    ///
    /// [`BuildError`] when reqwest refuses the configuration (for example a
    /// user agent containing a newline) or cannot start its TLS backend.
    pub fn new(config: &HttpConfig) -> Result<Self, BuildError> {
        reqwest::Client::builder()
            .user_agent(config.user_agent.as_str())
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            .build()
            .map(Self::with_reqwest)
            .map_err(BuildError::Http)
    }

    /// Wraps a client configured elsewhere (proxies, custom TLS, a shared
    /// pool). Its own user agent and timeouts apply instead of [`HttpConfig`].
    pub fn with_reqwest(client: reqwest::Client) -> Self {
        Self { inner: client }
    }

    /// Sends `request` and decodes a 2xx body as `T`.
    ///
    /// An empty 2xx body decodes as JSON `null`, so `()` and `Option` work as
    /// `T` for operations that answer with nothing.
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidRequest`] if the request could not be built;
    /// - [`Error::Timeout`] or [`Error::Transport`] if it could not be sent or
    ///   the response could not be read;
    /// - [`Error::Api`] for a non-2xx status, with the body decoded as `E`
    ///   when it matches;
    /// - [`Error::Decode`] for a 2xx body that is not a `T`.
    pub async fn send<T: DeserializeOwned, E: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<T, Error<E>> {
        let response = self.execute(request).await?;
        let status = response.status();
        if !status.is_success() {
            return Err(api_error(response).await);
        }
        let body = response.bytes().await.map_err(from_reqwest)?;
        decode_success(status.as_u16(), &body)
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
        let response = self.execute(request).await?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(api_error(response).await)
        }
    }

    /// Builds and sends the request, up to the response head.
    async fn execute<E>(&self, request: Request) -> Result<reqwest::Response, Error<E>> {
        let request = request
            .into_reqwest()
            .map_err(|message| Error::InvalidRequest { message })?;
        self.inner.execute(request).await.map_err(from_reqwest)
    }
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
