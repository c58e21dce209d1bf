//! [`Request`], a description of one HTTP call, built before it is sent.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Method, Url};

use super::RequestOptions;
use crate::query::{Query, ToQuery};
use crate::Secret;

/// One HTTP call: method, URL, query, headers and body.
///
/// The builder methods never fail, so generated code can chain them; the
/// first problem (a header value with a newline, a body that does not
/// serialize, a malformed URL) is remembered and reported by
/// [`HttpClient::send`](super::HttpClient::send) as
/// [`ErrorKind::InvalidRequest`](crate::ErrorKind::InvalidRequest).
///
/// ```
/// use telnyx_codegen_runtime::__private_v1::{encode_path_segment, Method, Request};
/// use telnyx_codegen_runtime::Secret;
///
/// let id = encode_path_segment("abc/1");
/// let request = Request::new(Method::PATCH, "https://api.example.com/v2/", &format!("/items/{id}"))
///     .bearer_auth(&Secret::from("token"))
///     .json(&serde_json::json!({"tag": "x"}));
/// // Credentials stay out of Debug output.
/// assert!(!format!("{request:?}").contains("token"));
/// ```
#[derive(Clone)]
pub struct Request {
    method: Method,
    /// Base URL and path joined, without the query.
    url: String,
    /// The path as given, checked against the template for empty parameters.
    path: String,
    query: Query,
    headers: HeaderMap,
    /// Shared, not copied, by the attempts of a retried call.
    body: Option<Bytes>,
    /// The first reason this request cannot be sent, reported by `send`.
    problem: Option<String>,
    /// Whether sending this twice does no more than sending it once.
    retry_safe: bool,
    /// The path before its parameters were filled in, the only form traced.
    path_template: Option<&'static str>,
    /// Set from [`RequestOptions`].
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    retry_non_idempotent: bool,
    /// What [`check`](Self::check) found.
    violations: Vec<crate::Violation>,
    /// Set from [`RequestOptions::check_constraints`].
    check_constraints: Option<bool>,
}

/// What decides whether and how long a call is retried, read by the client.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RetrySettings {
    /// Whether a failed attempt may be repeated at all.
    pub(crate) may_retry: bool,
    /// Replaces the client's policy's `max_retries` when set.
    pub(crate) max_retries: Option<u32>,
    /// The whole call's budget, retries and waits included.
    pub(crate) timeout: Option<Duration>,
}

impl Request {
    /// Starts a request to `base_url` + `path`.
    ///
    /// A trailing `/` on `base_url` is dropped and a missing leading `/` on
    /// `path` is added, so both spellings of a base URL work. `path` must
    /// already have its parameters encoded with
    /// [`encode_path_segment`](crate::path::encode_path_segment); a `.` or `..`
    /// segment in it (also percent-encoded, which URL parsers decode) makes
    /// the request invalid rather than letting it reach another path.
    pub fn new(method: Method, base_url: &str, path: &str) -> Self {
        let separator = if path.starts_with('/') || path.is_empty() {
            ""
        } else {
            "/"
        };
        let mut request = Self {
            method,
            url: format!("{}{separator}{path}", base_url.trim_end_matches('/')),
            path: format!("{separator}{path}"),
            query: Query::new(),
            headers: HeaderMap::new(),
            body: None,
            problem: None,
            retry_safe: false,
            path_template: None,
            timeout: None,
            max_retries: None,
            retry_non_idempotent: false,
            violations: Vec::new(),
            check_constraints: None,
        };
        if has_dot_segment(path) {
            request.fail(format!(
                "the path {path:?} has a `.` or `..` segment, which would change which resource is addressed"
            ));
        }
        request
    }

    /// Sets `Authorization: Bearer <token>`, hidden from `Debug` output.
    pub fn bearer_auth(self, token: &Secret<String>) -> Self {
        self.sensitive_header(AUTHORIZATION, &format!("Bearer {}", token.expose()))
    }

    /// Sets a credential header such as `X-Api-Key`, hidden from `Debug` output.
    pub fn header(mut self, name: &'static str, value: &Secret<String>) -> Self {
        match HeaderName::from_bytes(name.as_bytes()) {
            Ok(name) => self.sensitive_header(name, value.expose()),
            Err(_) => {
                self.fail(format!("{name:?} is not a valid header name"));
                self
            }
        }
    }

    /// Appends the parameters of `params` to the query string.
    pub fn query(mut self, params: &impl ToQuery) -> Self {
        params.append_to(&mut self.query);
        self
    }

    /// Checks `value` (the body or the query parameters) against the
    /// constraints its API documents. What it breaks is kept, and the
    /// client refuses the request with
    /// [`ErrorKind::Constraints`](crate::ErrorKind::Constraints) unless
    /// checks are off.
    pub fn check(mut self, value: &impl crate::model::Constraints) -> Self {
        value.check("", &mut self.violations);
        self
    }

    /// Sends `body` as JSON, with `Content-Type: application/json`, written
    /// by its `Serialize` impl. Kept as it was for clients generated before
    /// [`Request::json_body`]; generated code now calls that.
    pub fn json<B: serde::Serialize + ?Sized>(self, body: &B) -> Self {
        self.json_body(&crate::__private_v1::SerdeJson(body))
    }

    /// Sends `body` as JSON, with `Content-Type: application/json`.
    ///
    /// Written by [`WriteJson`](crate::__private_v1::WriteJson), the same
    /// bytes as `serde_json::to_vec` of the body's `Serialize` impl but
    /// without a serializer in between; a hand-written type goes through
    /// [`SerdeJson`](crate::__private_v1::SerdeJson) (or [`Request::json`]).
    pub fn json_body<B: crate::__private_v1::WriteJson + ?Sized>(mut self, body: &B) -> Self {
        match crate::__private_v1::encode_body(body) {
            Ok(bytes) => {
                self.body = Some(Bytes::from(bytes));
                self.headers
                    .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            }
            Err(error) => self.fail(format!("the request body could not be serialized: {error}")),
        }
        self
    }

    /// Marks whether the operation may be sent again after a failure without
    /// doing more than sending it once. Generated code sets it from the API
    /// description, where `GET`, `PUT` and `DELETE` usually are and `POST`
    /// and `PATCH` are not.
    ///
    /// Only such requests are retried, unless the caller opts in with
    /// [`RequestOptions::retry_non_idempotent`]. A new request is not
    /// retry-safe, whatever its method, so nothing is retried that no one
    /// said may be.
    pub fn retry_safe(mut self, safe: bool) -> Self {
        self.retry_safe = safe;
        self
    }

    /// Names the operation's path as written in the API description, such
    /// as `"/ips/{id}"`, for tracing. The filled-in path is never traced,
    /// because its parameters can be identifiers a log should not hold.
    ///
    /// The path is also checked against it: a parameter that was filled in
    /// empty (`/ips/` for `/ips/{id}`) makes the request invalid, naming
    /// the parameter, rather than sending it to another resource.
    pub fn path_template(mut self, template: &'static str) -> Self {
        self.path_template = Some(template);
        if let Some(name) = crate::path::empty_parameter(template, &self.path) {
            self.fail(format!(
                "the path parameter `{name}` of {template} is empty; it would address another resource"
            ));
        }
        self
    }

    /// Applies a caller's [`RequestOptions`]: adds its headers (replacing
    /// any of the same name) and query parameters, and takes its timeout
    /// and retry settings. A header that cannot be sent makes the request
    /// invalid, without its value in the message.
    pub fn options(mut self, options: &RequestOptions) -> Self {
        let mut replaced: Vec<HeaderName> = Vec::new();
        for (name, value) in &options.headers {
            let Ok(name) = HeaderName::from_bytes(name.as_bytes()) else {
                self.fail(format!("{name:?} is not a valid header name"));
                continue;
            };
            let Ok(mut value) = HeaderValue::from_str(value) else {
                self.fail(format!(
                    "the value for header {name} has characters a header cannot hold (such as a newline)"
                ));
                continue;
            };
            // The caller's headers may be credentials; nothing prints them.
            value.set_sensitive(true);
            if !replaced.contains(&name) {
                self.headers.remove(&name);
                replaced.push(name.clone());
            }
            self.headers.append(name, value);
        }
        for (key, value) in &options.query {
            self.query.push(key, value.as_str());
        }
        self.timeout = options.timeout.or(self.timeout);
        self.max_retries = options.max_retries.or(self.max_retries);
        self.retry_non_idempotent = options
            .retry_non_idempotent
            .unwrap_or(self.retry_non_idempotent);
        self.check_constraints = options.check_constraints.or(self.check_constraints);
        self
    }

    /// What [`check`](Self::check) found, if anything.
    pub(crate) fn violations(&self) -> Option<&[crate::Violation]> {
        (!self.violations.is_empty()).then_some(self.violations.as_slice())
    }

    /// Whether the call's options turned checks on or off.
    pub(crate) fn check_constraints(&self) -> Option<bool> {
        self.check_constraints
    }

    pub(crate) fn method(&self) -> &Method {
        &self.method
    }

    pub(crate) fn template(&self) -> Option<&'static str> {
        self.path_template
    }

    pub(crate) fn retry_settings(&self) -> RetrySettings {
        RetrySettings {
            may_retry: self.retry_safe || self.retry_non_idempotent,
            max_retries: self.max_retries,
            timeout: self.timeout,
        }
    }

    /// The request reqwest sends, or the reason it cannot be; it borrows, so
    /// each attempt of a retried call gets its own.
    ///
    /// The query string is appended by hand rather than through reqwest's
    /// `query()`, which would encode `page[number]` as `page%5Bnumber%5D`.
    pub(crate) fn to_reqwest(&self) -> Result<reqwest::Request, String> {
        if let Some(problem) = &self.problem {
            return Err(problem.clone());
        }
        let mut url = self.url.clone();
        if !self.query.is_empty() {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&self.query.to_query_string());
        }
        let url = Url::parse(&url).map_err(|error| {
            format!(
                "invalid URL {:?}: {error}",
                super::url::redact_url(&self.url)
            )
        })?;
        let mut request = reqwest::Request::new(self.method.clone(), url);
        *request.headers_mut() = self.headers.clone();
        request
            .headers_mut()
            .entry(ACCEPT)
            .or_insert(HeaderValue::from_static("application/json"));
        *request.body_mut() = self.body.clone().map(reqwest::Body::from);
        Ok(request)
    }

    /// Stores a header whose value is a credential, marked sensitive so
    /// reqwest and `Debug` never print it. The error message leaves the
    /// value out for the same reason.
    fn sensitive_header(mut self, name: HeaderName, value: &str) -> Self {
        match HeaderValue::from_str(value) {
            Ok(mut value) => {
                value.set_sensitive(true);
                self.headers.insert(name, value);
            }
            Err(_) => self.fail(format!(
                "the value for header {name} has characters a header cannot hold (such as a newline)"
            )),
        }
        self
    }

    /// Remembers why the request cannot be sent; the first reason wins
    /// because later ones are often consequences of it.
    fn fail(&mut self, problem: String) {
        self.problem.get_or_insert(problem);
    }
}

impl fmt::Debug for Request {
    /// Leaves out the body, which can hold passwords being set, query values
    /// and the userinfo of the URL, and relies on `HeaderMap` printing
    /// sensitive values as `Sensitive`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &super::url::redact_url(&self.url))
            .field("query_keys", &query_keys(&self.query))
            .field("headers", &self.headers)
            .field("body_bytes", &self.body.as_ref().map(Bytes::len))
            .field("problem", &self.problem)
            .field("retry_safe", &self.retry_safe)
            .field("path_template", &self.path_template)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_non_idempotent", &self.retry_non_idempotent)
            .finish()
    }
}

/// The keys of `query` without their values, which can carry a token a
/// caller added through [`RequestOptions::query`].
fn query_keys(query: &Query) -> Vec<&str> {
    query.pairs().iter().map(|(key, _)| key.as_str()).collect()
}

/// Whether `path` has a segment that URL parsers resolve as `.` or `..`,
/// including the percent-encoded spellings (`%2e`, `.%2E`, ...) that the
/// WHATWG URL standard, and so `reqwest::Url`, treats the same way.
fn has_dot_segment(path: &str) -> bool {
    path.split('/').any(|segment| {
        let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
        decoded == "." || decoded == ".."
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(request: Request) -> reqwest::Request {
        request.to_reqwest().unwrap()
    }

    fn problem(request: Request) -> String {
        request.to_reqwest().unwrap_err()
    }

    #[test]
    fn joins_base_and_path_with_one_slash() {
        for (base, path) in [
            ("http://h/v2", "/x"),
            ("http://h/v2/", "/x"),
            ("http://h/v2", "x"),
        ] {
            let request = sent(Request::new(Method::GET, base, path));
            assert_eq!(request.url().as_str(), "http://h/v2/x", "{base} + {path}");
        }
    }

    #[test]
    fn query_keeps_brackets() {
        let mut query = Query::new();
        query.push("page[number]", &2);
        query.push("q", "a b");
        let request = sent(Request::new(Method::GET, "http://h", "/x").query(&query));
        assert_eq!(request.url().as_str(), "http://h/x?page[number]=2&q=a%20b");
    }

    #[test]
    fn sets_accept_and_json_content_type() {
        let request = sent(Request::new(Method::POST, "http://h", "/x").json(&[1, 2]));
        assert_eq!(request.headers()[ACCEPT], "application/json");
        assert_eq!(request.headers()[CONTENT_TYPE], "application/json");
        let body = request.body().and_then(reqwest::Body::as_bytes).unwrap();
        assert_eq!(body, b"[1,2]");
    }

    #[test]
    fn auth_headers_are_sent_and_sensitive() {
        let request = sent(
            Request::new(Method::GET, "http://h", "/x")
                .bearer_auth(&Secret::from("tok"))
                .header("X-Api-Key", &Secret::from("key")),
        );
        let auth = &request.headers()[AUTHORIZATION];
        assert_eq!(auth, "Bearer tok");
        assert!(auth.is_sensitive());
        assert_eq!(request.headers()["x-api-key"], "key");
        assert!(request.headers()["x-api-key"].is_sensitive());
    }

    #[test]
    fn debug_hides_credentials_and_body() {
        let request = Request::new(Method::GET, "http://h", "/x")
            .bearer_auth(&Secret::from("tok123"))
            .header("x-api-key", &Secret::from("key456"))
            .json(&serde_json::json!({"password": "pw789"}));
        let shown = format!("{request:?}");
        for secret in ["tok123", "key456", "pw789"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }

    #[test]
    fn bad_header_value_is_reported_without_the_value() {
        let message = problem(
            Request::new(Method::GET, "http://h", "/x").bearer_auth(&Secret::from("a\nSECRET")),
        );
        assert!(message.contains("authorization"), "{message}");
        assert!(!message.contains("SECRET"), "{message}");
    }

    #[test]
    fn bad_header_name_is_reported() {
        let message = problem(
            Request::new(Method::GET, "http://h", "/x").header("bad name", &Secret::from("v")),
        );
        assert!(message.contains("bad name"), "{message}");
    }

    #[test]
    fn unserializable_body_is_reported() {
        let mut map = std::collections::HashMap::new();
        map.insert(vec![1], 1); // JSON object keys must be strings.
                                // Through `json` (Serialize) and `json_body` (WriteJson) alike.
        let through_serde = problem(Request::new(Method::POST, "http://h", "/x").json(&map));
        let body = crate::__private_v1::SerdeJson(&map);
        let through_writer = problem(Request::new(Method::POST, "http://h", "/x").json_body(&body));
        for message in [through_serde, through_writer] {
            assert!(
                message.contains("body could not be serialized"),
                "{message}"
            );
        }
    }

    #[test]
    fn bad_base_url_is_reported() {
        let message = problem(Request::new(Method::GET, "not a url", "/x"));
        assert!(message.contains("invalid URL"), "{message}");
    }

    #[test]
    fn first_problem_wins() {
        let message = problem(
            Request::new(Method::GET, "http://h", "/x")
                .header("bad name", &Secret::from("v"))
                .bearer_auth(&Secret::from("a\nb")),
        );
        assert!(message.contains("bad name"), "{message}");
    }

    #[test]
    fn dot_segments_are_refused_in_any_spelling() {
        for path in ["/a/../b", "/a/%2E%2E/b", "/a/.%2e", "/a/./b", "/a/%2E"] {
            let message = problem(Request::new(Method::GET, "http://h", path));
            assert!(message.contains("segment"), "{path}: {message}");
        }
        let encoded = format!("/a/{}/b", crate::path::encode_path_segment(".."));
        assert!(Request::new(Method::GET, "http://h", &encoded)
            .to_reqwest()
            .is_err());
        for path in ["/a/.../b", "/a/..x/b", "/a/v1.2"] {
            assert!(
                Request::new(Method::GET, "http://h", path)
                    .to_reqwest()
                    .is_ok(),
                "{path}"
            );
        }
    }

    #[test]
    fn options_add_headers_and_query() {
        let options = RequestOptions::new()
            .header("X-Extra", "one")
            .header("x-extra", "two")
            .header("Authorization", "Bearer other")
            .query("q", "a b")
            .query("page[size]", "5");
        let mut query = Query::new();
        query.push("page[number]", &2);
        let request = sent(
            Request::new(Method::GET, "http://h", "/x")
                .bearer_auth(&Secret::from("tok"))
                .query(&query)
                .options(&options),
        );
        let extra: Vec<_> = request.headers().get_all("x-extra").iter().collect();
        assert_eq!(extra, ["one", "two"]);
        assert!(extra.iter().all(|value| value.is_sensitive()));
        // The caller's header replaces the operation's.
        let auth: Vec<_> = request.headers().get_all(AUTHORIZATION).iter().collect();
        assert_eq!(auth, ["Bearer other"]);
        assert_eq!(
            request.url().query(),
            Some("page[number]=2&q=a%20b&page[size]=5")
        );
    }

    #[test]
    fn bad_option_headers_are_reported_without_the_value() {
        let message = problem(
            Request::new(Method::GET, "http://h", "/x")
                .options(&RequestOptions::new().header("X-Ok", "v\nSECRET")),
        );
        assert!(message.contains("x-ok"), "{message}");
        assert!(!message.contains("SECRET"), "{message}");
        let message = problem(
            Request::new(Method::GET, "http://h", "/x")
                .options(&RequestOptions::new().header("bad name", "v")),
        );
        assert!(message.contains("bad name"), "{message}");
    }

    #[test]
    fn retry_settings_combine_request_and_options() {
        let plain = Request::new(Method::GET, "http://h", "/x").retry_settings();
        assert!(!plain.may_retry);
        assert_eq!(plain.max_retries, None);
        assert_eq!(plain.timeout, None);
        let safe = Request::new(Method::GET, "http://h", "/x")
            .retry_safe(true)
            .retry_settings();
        assert!(safe.may_retry);
        let opted = Request::new(Method::POST, "http://h", "/x")
            .options(
                &RequestOptions::new()
                    .retry_non_idempotent(true)
                    .max_retries(4)
                    .timeout(std::time::Duration::from_secs(3)),
            )
            .retry_settings();
        assert!(opted.may_retry);
        assert_eq!(opted.max_retries, Some(4));
        assert_eq!(opted.timeout, Some(std::time::Duration::from_secs(3)));
    }

    #[test]
    fn debug_hides_option_header_and_query_values_and_userinfo() {
        let request = Request::new(Method::GET, "http://u:pw-SECRET@h", "/x")
            .path_template("/x")
            .options(
                &RequestOptions::new()
                    .header("X-Secret", "hdr-SECRET")
                    .query("token", "query-SECRET"),
            );
        let shown = format!("{request:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("\"token\""), "{shown}");
        assert!(shown.contains("\"/x\""), "{shown}");
    }

    #[test]
    fn a_caller_set_accept_is_kept() {
        let request =
            Request::new(Method::GET, "http://h", "/x").header("accept", &Secret::from("text/csv"));
        assert_eq!(sent(request).headers()[ACCEPT], "text/csv");
    }
}
