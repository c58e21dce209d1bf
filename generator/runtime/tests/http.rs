//! The client against a local mock server: what goes out on the wire and
//! how each kind of answer comes back.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::json;
use telnyx_codegen_runtime::__private_v1::ToQuery;
use telnyx_codegen_runtime::__private_v1::{HttpClient, HttpConfig, Method, Query, Request};
use telnyx_codegen_runtime::{ErrorKind, Secret};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug, PartialEq, Deserialize)]
struct Number {
    data: NumberData,
}

#[derive(Debug, PartialEq, Deserialize)]
struct NumberData {
    id: String,
    port: i64,
}

#[derive(Debug, PartialEq, Deserialize)]
struct Errors {
    errors: Vec<ErrorItem>,
}

#[derive(Debug, PartialEq, Deserialize)]
struct ErrorItem {
    code: String,
    title: String,
}

#[derive(Serialize)]
struct NewNumber<'a> {
    phone_number: &'a str,
}

struct Page {
    number: i64,
    size: i64,
}

impl ToQuery for Page {
    fn append_to(&self, query: &mut Query) {
        query.push("page[number]", &self.number);
        query.push("page[size]", &self.size);
    }
}

#[allow(
    clippy::unwrap_used,
    reason = "a helper of tests only: failing to build the client fails the test"
)]
fn client() -> HttpClient {
    HttpClient::new(&HttpConfig {
        user_agent: String::from("runtime-tests/1.0"),
        ..HttpConfig::default()
    })
    .unwrap()
}

fn number_body() -> serde_json::Value {
    json!({"data": {"id": "n1", "port": 5060}})
}

#[tokio::test]
async fn method_path_and_bracketed_query_arrive() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/numbers/a%2Fb"))
        .and(query_param("page[number]", "2"))
        .and(query_param("page[size]", "20"))
        .respond_with(ResponseTemplate::new(200).set_body_json(number_body()))
        .expect(1)
        .mount(&server)
        .await;

    let base = format!("{}/v2/", server.uri());
    let segment = telnyx_codegen_runtime::__private_v1::encode_path_segment("a/b");
    let request = Request::new(Method::GET, &base, &format!("/numbers/{segment}")).query(&Page {
        number: 2,
        size: 20,
    });
    let number: Number = client().send::<_, Errors>(request).await.unwrap();
    assert_eq!(number.data.port, 5060);

    // The raw query keeps the brackets literal, not %5B/%5D.
    let received = server.received_requests().await.unwrap();
    assert_eq!(
        received[0].url.query(),
        Some("page[number]=2&page[size]=20")
    );
}

#[tokio::test]
async fn bearer_auth_accept_and_user_agent_arrive() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer tok-123"))
        .and(header("accept", "application/json"))
        .and(header("user-agent", "runtime-tests/1.0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(number_body()))
        .expect(1)
        .mount(&server)
        .await;

    let request =
        Request::new(Method::GET, &server.uri(), "/x").bearer_auth(&Secret::from("tok-123"));
    let result = client().send::<Number, Errors>(request).await;
    assert!(result.is_ok(), "{result:?}");
}

#[tokio::test]
async fn custom_header_auth_arrives() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("x-api-key", "key-456"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let request = Request::new(Method::GET, &server.uri(), "/x")
        .header("X-Api-Key", &Secret::from("key-456"));
    let result = client().send_no_content::<Errors>(request).await;
    assert!(result.is_ok(), "{result:?}");
}

#[tokio::test]
async fn json_body_and_content_type_arrive() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/numbers"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"phone_number": "+15550001111"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(number_body()))
        .expect(1)
        .mount(&server)
        .await;

    let request = Request::new(Method::POST, &server.uri(), "/numbers").json(&NewNumber {
        phone_number: "+15550001111",
    });
    let number: Number = client().send::<_, Errors>(request).await.unwrap();
    assert_eq!(
        number.data,
        NumberData {
            id: String::from("n1"),
            port: 5060
        }
    );
}

#[tokio::test]
async fn empty_success_body_decodes_as_unit() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;

    let request = Request::new(Method::DELETE, &server.uri(), "/numbers/1");
    let result = client().send::<(), Errors>(request).await;
    assert!(result.is_ok(), "{result:?}");
}

#[tokio::test]
async fn not_found_gives_api_error_with_envelope_and_body() {
    let server = MockServer::start().await;
    let body = json!({"errors": [{"code": "10005", "title": "Resource not found"}]});
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(body.clone())
                .insert_header("x-request-id", "req-9"),
        )
        .mount(&server)
        .await;

    let request = Request::new(Method::GET, &server.uri(), "/numbers/missing");
    let error = client().send::<Number, Errors>(request).await.unwrap_err();

    assert_eq!(error.status(), Some(404));
    assert!(error.is_not_found());
    assert!(!error.is_server_error());
    let envelope = error.envelope().unwrap();
    assert_eq!(envelope.errors[0].code, "10005");
    assert_eq!(envelope.errors[0].title, "Resource not found");
    let api = error.api_error().unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&api.body).unwrap(),
        body
    );
    assert_eq!(api.headers["x-request-id"], "req-9");
    // The body stays out of the message: it can echo what was sent.
    let shown = error.to_string();
    assert!(
        shown.starts_with("API error 404 Not Found (body of "),
        "{shown}"
    );
    assert!(!shown.contains("Resource not found"), "{shown}");
}

#[tokio::test]
async fn non_json_error_body_leaves_envelope_empty() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>"))
        .mount(&server)
        .await;

    let request = Request::new(Method::GET, &server.uri(), "/x");
    let error = client().send::<Number, Errors>(request).await.unwrap_err();
    assert!(error.is_server_error());
    assert!(error.envelope().is_none());
    assert_eq!(error.api_error().unwrap().body, "<html>Bad Gateway</html>");
}

#[tokio::test]
async fn send_no_content_reports_api_errors() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(429).set_body_string("slow down"))
        .mount(&server)
        .await;

    let request = Request::new(Method::DELETE, &server.uri(), "/x");
    let error = client()
        .send_no_content::<Errors>(request)
        .await
        .unwrap_err();
    assert!(error.is_rate_limited());
    assert_eq!(
        error.to_string(),
        "API error 429 Too Many Requests (body of 9 bytes)"
    );
}

#[tokio::test]
async fn wrong_field_type_gives_decode_error_with_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"id": "n1", "port": "x"}})),
        )
        .mount(&server)
        .await;

    let request = Request::new(Method::GET, &server.uri(), "/x");
    let error = client().send::<Number, Errors>(request).await.unwrap_err();
    match error.kind() {
        ErrorKind::Decode {
            status,
            path,
            message,
            body,
            ..
        } => {
            assert_eq!(*status, 200);
            assert_eq!(path, "data.port");
            assert_eq!(message, "invalid type: string [redacted], expected i64");
            assert_eq!(body, r#"{"data":{"id":"n1","port":"x"}}"#);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    let excerpt = error.body_excerpt().unwrap();
    assert!(excerpt.contains(r#""port":"x""#), "{excerpt}");
    assert_eq!(
        error.to_string(),
        "decode error at data.port: invalid type: string [redacted], expected i64 (status 200, body of 31 bytes)"
    );
}

#[tokio::test]
async fn slow_server_gives_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(number_body())
                .set_delay(Duration::from_secs(2)),
        )
        .mount(&server)
        .await;

    let client = HttpClient::new(&HttpConfig {
        timeout: Duration::from_millis(200),
        ..HttpConfig::default()
    })
    .unwrap();
    let request = Request::new(Method::GET, &server.uri(), "/slow");
    let error = client.send::<Number, Errors>(request).await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert!(std::error::Error::source(&error).is_some());
}

#[tokio::test]
async fn refused_connection_gives_transport_error() {
    // Bind a port, then free it, so nothing is listening there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let request = Request::new(Method::GET, &format!("http://127.0.0.1:{port}"), "/x");
    let error = client().send::<Number, Errors>(request).await.unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Transport { .. }),
        "{error:?}"
    );
    assert!(!error.is_timeout());
    assert_eq!(error.status(), None);
}

#[tokio::test]
async fn invalid_header_value_is_an_invalid_request_not_a_panic() {
    let server = MockServer::start().await;
    let request =
        Request::new(Method::GET, &server.uri(), "/x").bearer_auth(&Secret::from("tok\nen"));
    let error = client().send::<Number, Errors>(request).await.unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::InvalidRequest { .. }),
        "{error:?}"
    );
    // Nothing was sent.
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn unsupported_url_scheme_is_an_invalid_request() {
    let request = Request::new(Method::GET, "ftp://127.0.0.1", "/x");
    let error = client().send::<Number, Errors>(request).await.unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::InvalidRequest { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn bring_your_own_reqwest_client() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!(7)))
        .expect(1)
        .mount(&server)
        .await;

    let client = HttpClient::with_reqwest(reqwest::Client::new());
    let request = Request::new(Method::GET, &server.uri(), "/x");
    let value: i64 = client.send::<_, Errors>(request).await.unwrap();
    assert_eq!(value, 7);
}
