//! Shared helpers of the request-level tests: a client pointed at a mock
//! server, the headers each API group must send, the spec's sample payloads,
//! and checks on the raw request that wiremock's matchers cannot express.
//!
//! The helpers only bundle what every request must carry (credentials,
//! `accept`, `user-agent`); the method, path, query and body that make up
//! each operation's oracle stay written out in the tests themselves.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use telnyx_sip::Client;
use wiremock::matchers::{body_json, header, header_regex, method, path};
use wiremock::{Match, Mock, MockBuilder, MockServer, Request, ResponseTemplate};

/// The API key the test client sends to the v2 API.
pub const API_KEY: &str = "test-key";
/// The legacy v1 user the test client sends as `x-api-user`.
pub const API_USER: &str = "user@example.com";
/// The legacy v1 token the test client sends as `x-api-token`.
pub const API_TOKEN: &str = "test-token";

/// A fresh mock server and a client with every credential, whose v2 base URL
/// is `<server>/v2` and whose v1 base URL is the server itself, as the real
/// base URLs are `https://api.telnyx.com/v2` and `https://api.telnyx.com`.
///
/// Retries are off: these tests pin down the single request each operation
/// sends; retry behaviour has its own tests in `production.rs`.
pub async fn start() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::builder()
        .max_retries(0)
        .api_key(API_KEY)
        .api_user(API_USER)
        .api_token(API_TOKEN)
        .base_url_v2(format!("{}/v2", server.uri()))
        .base_url_v1(server.uri())
        .build()
        .expect("the client builds");
    (server, client)
}

/// A v2 request: `verb request_path`, `Authorization: Bearer test-key`, none
/// of the legacy v1 headers, and the headers every request carries.
pub fn v2(verb: &str, request_path: &str) -> MockBuilder {
    every_request(verb, request_path)
        .and(header(
            "authorization",
            format!("Bearer {API_KEY}").as_str(),
        ))
        .and(Absent("x-api-user"))
        .and(Absent("x-api-token"))
}

/// A legacy v1 request: `verb request_path`, `x-api-user` and `x-api-token`,
/// no `Authorization`, and the headers every request carries.
pub fn v1(verb: &str, request_path: &str) -> MockBuilder {
    every_request(verb, request_path)
        .and(header("x-api-user", API_USER))
        .and(header("x-api-token", API_TOKEN))
        .and(Absent("authorization"))
}

/// Method, exact (still percent-encoded) path, `accept: application/json`
/// and a `user-agent` of the form `telnyx-sip/<version> rust`.
fn every_request(verb: &str, request_path: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(request_path))
        .and(header("accept", "application/json"))
        .and(header_regex("user-agent", r"^telnyx-sip/\S+ rust$"))
}

/// Expectations on the request body and query, chained onto [`v2`] or [`v1`].
pub trait RequestShape {
    /// A JSON body exactly equal to `expected`, sent as `application/json`.
    fn json_body(self, expected: &Value) -> Self;
    /// No body at all, and so no `content-type`.
    fn no_body(self) -> Self;
    /// No query string.
    fn no_query(self) -> Self;
}

impl RequestShape for MockBuilder {
    fn json_body(self, expected: &Value) -> Self {
        self.and(header("content-type", "application/json"))
            .and(body_json(expected))
    }

    fn no_body(self) -> Self {
        self.and(EmptyBody).and(Absent("content-type"))
    }

    fn no_query(self) -> Self {
        self.and(NoQuery)
    }
}

/// Matches requests that do not carry the header at all.
pub struct Absent(pub &'static str);

impl Match for Absent {
    fn matches(&self, request: &Request) -> bool {
        !request.headers.contains_key(self.0)
    }
}

/// Matches requests with an empty body.
pub struct EmptyBody;

impl Match for EmptyBody {
    fn matches(&self, request: &Request) -> bool {
        request.body.is_empty()
    }
}

/// Matches requests whose URL has no query string (not even a bare `?`).
pub struct NoQuery;

impl Match for NoQuery {
    fn matches(&self, request: &Request) -> bool {
        request.url.query().is_none()
    }
}

/// A 200 response with `body` as JSON.
pub fn ok(body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// A v2 single-object envelope.
pub fn data(object: Value) -> Value {
    json!({ "data": object })
}

/// A v2 list envelope: page 2 of 3, 20 per page, 41 in all.
pub fn page_of(objects: Vec<Value>) -> Value {
    json!({
        "data": objects,
        "meta": {
            "page_number": 2,
            "page_size": 20,
            "total_pages": 3,
            "total_results": 41
        }
    })
}

/// A sample payload of the spec (`spec/samples/<file>`), as JSON.
pub fn sample(file: &str) -> Value {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../spec/samples")
        .join(file);
    let text = std::fs::read_to_string(&full)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", full.display()));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{file} is not JSON: {err}"))
}

/// `json` decoded into a generated type (a request body built from a sample).
pub fn decode<T: DeserializeOwned>(json: &Value) -> T {
    serde_json::from_value(json.clone()).expect("the JSON decodes into the generated type")
}

/// Asserts that a decoded response re-encodes to exactly what the server
/// sent: nothing dropped, renamed, reformatted or invented.
pub fn assert_reencodes<T: Serialize>(decoded: &T, sent: &Value) {
    let encoded = serde_json::to_value(decoded).expect("the response re-encodes");
    assert_eq!(&encoded, sent, "re-encoding changed the response");
}

/// The one request the server received.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server
        .received_requests()
        .await
        .expect("request recording is on");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// Asserts the raw query string, as it went over the wire, is exactly these
/// `key=value` parts in any order: brackets in keys are literal
/// (`page[number]=2`, not `page%5Bnumber%5D=2`) and nothing else is sent.
pub fn assert_raw_query(request: &Request, expected: &[&str]) {
    let raw = request.url.query().unwrap_or_default();
    let mut sent: Vec<&str> = raw.split('&').filter(|part| !part.is_empty()).collect();
    let mut wanted = expected.to_vec();
    sent.sort_unstable();
    wanted.sort_unstable();
    assert_eq!(sent, wanted, "raw query string was {raw:?}");
}
