//! Retries, time budgets, per-call options and full responses, against a
//! local mock server. Backoffs are milliseconds so the suite stays fast.

use std::time::{Duration, Instant};

use serde_json::json;
use telnyx_codegen_runtime::__private_v1::{HttpClient, HttpConfig, Method, Request};
use telnyx_codegen_runtime::{ErrorKind, RequestOptions, RetryPolicy};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// What the mock server's error bodies decode as; these tests ignore it.
type Envelope = serde_json::Value;

fn fast_policy() -> RetryPolicy {
    RetryPolicy {
        max_retries: 2,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        jitter: 0.25,
        max_retry_after: Duration::from_secs(5),
    }
}

#[allow(
    clippy::unwrap_used,
    reason = "a helper of tests only: failing to build the client fails the test"
)]
fn client() -> HttpClient {
    HttpClient::new(&HttpConfig::default())
        .unwrap()
        .with_retry_policy(fast_policy())
}

fn get(server: &MockServer) -> Request {
    Request::new(Method::GET, &server.uri(), "/items").retry_safe(true)
}

/// Mounts a response served only `times` times, ahead of any mounted later.
async fn mount_first(server: &MockServer, times: u64, response: ResponseTemplate) {
    Mock::given(path("/items"))
        .respond_with(response)
        .up_to_n_times(times)
        .expect(times)
        .mount(server)
        .await;
}

async fn mount_ok(server: &MockServer, times: u64) {
    Mock::given(path("/items"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .expect(times)
        .mount(server)
        .await;
}

async fn request_count(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .map_or(0, |requests| requests.len())
}

#[tokio::test]
async fn rate_limited_then_ok_retries_once_after_retry_after_ms() {
    let server = MockServer::start().await;
    mount_first(
        &server,
        1,
        ResponseTemplate::new(429).insert_header("Retry-After-Ms", "50"),
    )
    .await;
    mount_ok(&server, 1).await;

    let started = Instant::now();
    let response = client()
        .send_with_response::<serde_json::Value, Envelope>(get(&server))
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(50));
    assert_eq!(response.retries, 1);
    assert_eq!(response.value, json!({"ok": true}));
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn retry_after_in_seconds_is_honoured() {
    for (seconds, at_least) in [("0", Duration::ZERO), ("1", Duration::from_secs(1))] {
        let server = MockServer::start().await;
        mount_first(
            &server,
            1,
            ResponseTemplate::new(503).insert_header("Retry-After", seconds),
        )
        .await;
        mount_ok(&server, 1).await;

        let started = Instant::now();
        let result = client()
            .send::<serde_json::Value, Envelope>(get(&server))
            .await;
        let elapsed = started.elapsed();
        assert!(result.is_ok(), "{result:?}");
        assert!(elapsed >= at_least, "Retry-After {seconds}: {elapsed:?}");
        // "0" means now, not the policy's backoff.
        assert!(
            elapsed < at_least + Duration::from_millis(900),
            "{elapsed:?}"
        );
    }
}

#[tokio::test]
async fn persistent_server_errors_give_up_after_the_retries() {
    let server = MockServer::start().await;
    Mock::given(path("/items"))
        .respond_with(ResponseTemplate::new(500).set_body_string("down"))
        .expect(3)
        .mount(&server)
        .await;

    let error = client()
        .send::<serde_json::Value, Envelope>(get(&server))
        .await
        .unwrap_err();
    assert_eq!(error.retries(), 2);
    assert_eq!(error.status(), Some(500));
    assert!(error.is_server_error());
    assert!(matches!(error.kind(), ErrorKind::Api(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "API error 500 Internal Server Error (body of 4 bytes) (after 2 retries)"
    );
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(path("/items"))
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;

    let error = client()
        .send::<serde_json::Value, Envelope>(get(&server))
        .await
        .unwrap_err();
    assert!(error.is_not_found());
    assert_eq!(error.retries(), 0);
    assert!(matches!(error.kind(), ErrorKind::Api(_)));
}

#[tokio::test]
async fn retryable_statuses_are_retried() {
    for status in [408, 409, 429, 502, 504] {
        let server = MockServer::start().await;
        mount_first(&server, 1, ResponseTemplate::new(status)).await;
        mount_ok(&server, 1).await;
        let response = client()
            .send_with_response::<serde_json::Value, Envelope>(get(&server))
            .await
            .unwrap();
        assert_eq!(response.retries, 1, "{status}");
    }
}

#[tokio::test]
async fn post_is_not_retried_unless_marked_or_opted_in() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let post = || Request::new(Method::POST, &server.uri(), "/items").json(&json!({"a": 1}));

    let error = client()
        .send::<serde_json::Value, Envelope>(post())
        .await
        .unwrap_err();
    assert_eq!(error.retries(), 0);
    assert!(matches!(error.kind(), ErrorKind::Api(_)));
    server.verify().await;

    for request in [
        post().retry_safe(true),
        post().options(&RequestOptions::new().retry_non_idempotent(true)),
    ] {
        server.reset().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(503))
            .expect(3)
            .mount(&server)
            .await;
        let error = client()
            .send::<serde_json::Value, Envelope>(request)
            .await
            .unwrap_err();
        assert_eq!(error.retries(), 2);
        assert_eq!(error.status(), Some(503));
        server.verify().await;
    }
}

#[tokio::test]
async fn max_retries_option_and_no_retry_policy() {
    let server = MockServer::start().await;
    Mock::given(path("/items"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;

    let one = get(&server).options(&RequestOptions::new().max_retries(1));
    let error = client()
        .send::<serde_json::Value, Envelope>(one)
        .await
        .unwrap_err();
    assert_eq!(error.retries(), 1);
    assert_eq!(request_count(&server).await, 2);

    let never = client().with_retry_policy(RetryPolicy::none());
    let error = never
        .send_no_content::<Envelope>(get(&server))
        .await
        .unwrap_err();
    assert_eq!(error.retries(), 0);
    assert_eq!(request_count(&server).await, 3);
}

#[tokio::test]
async fn refused_connection_is_retried() {
    // Bind a port, then free it, so nothing is listening there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let request =
        Request::new(Method::GET, &format!("http://127.0.0.1:{port}"), "/x").retry_safe(true);
    let policy = RetryPolicy {
        max_retries: 1,
        ..fast_policy()
    };
    let error = client()
        .with_retry_policy(policy)
        .send::<serde_json::Value, Envelope>(request)
        .await
        .unwrap_err();
    assert_eq!(error.retries(), 1);
    assert!(
        matches!(error.kind(), ErrorKind::Transport { .. }),
        "{error:?}"
    );
    assert!(std::error::Error::source(&error).is_some());
    assert_eq!(error.status(), None);
}

#[tokio::test]
async fn total_timeout_covers_a_slow_response() {
    let server = MockServer::start().await;
    Mock::given(path("/items"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;

    let started = Instant::now();
    let request = get(&server).options(&RequestOptions::new().timeout(Duration::from_millis(300)));
    let error = client()
        .send::<serde_json::Value, Envelope>(request)
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert!(error.is_timeout(), "{error:?}");
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
}

#[tokio::test]
async fn total_timeout_spans_retries() {
    // Every attempt fails fast, so only the budget stops the retries.
    let server = MockServer::start().await;
    Mock::given(path("/items"))
        .respond_with(ResponseTemplate::new(503).set_delay(Duration::from_millis(100)))
        .mount(&server)
        .await;
    let policy = RetryPolicy {
        max_retries: 50,
        ..fast_policy()
    };

    let started = Instant::now();
    let request = get(&server).options(&RequestOptions::new().timeout(Duration::from_millis(350)));
    let error = client()
        .with_retry_policy(policy)
        .send::<serde_json::Value, Envelope>(request)
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_millis(700), "{elapsed:?}");
    // The last attempt is either a 503 or one cut short by the budget.
    assert!(
        error.status() == Some(503) || error.is_timeout(),
        "{error:?}"
    );
    assert!((1..50).contains(&error.retries()), "{error:?}");
}

#[tokio::test]
async fn retry_after_past_the_budget_stops_early() {
    let server = MockServer::start().await;
    Mock::given(path("/items"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "3"))
        .expect(1)
        .mount(&server)
        .await;

    let started = Instant::now();
    let request = get(&server).options(&RequestOptions::new().timeout(Duration::from_secs(1)));
    let error = client()
        .send::<serde_json::Value, Envelope>(request)
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_millis(500));
    assert!(error.is_rate_limited());
    assert_eq!(error.retries(), 0);
}

#[tokio::test]
async fn option_headers_and_query_arrive() {
    let server = MockServer::start().await;
    Mock::given(path("/items"))
        .and(header("x-trace", "t-1"))
        .and(header("idempotency-key", "k-2"))
        .and(query_param("page[size]", "5"))
        .and(query_param("q", "a b"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let options = RequestOptions::new()
        .header("X-Trace", "t-1")
        .header("Idempotency-Key", "k-2")
        .query("page[size]", "5")
        .query("q", "a b");
    let result = client()
        .send_no_content::<Envelope>(get(&server).options(&options))
        .await;
    assert!(result.is_ok(), "{result:?}");
}

#[tokio::test]
async fn invalid_option_header_is_an_invalid_request() {
    let server = MockServer::start().await;
    let options = RequestOptions::new().header("X-Token", "tok\nen");
    let error = client()
        .send::<serde_json::Value, Envelope>(get(&server).options(&options))
        .await
        .unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::InvalidRequest { .. }),
        "{error:?}"
    );
    assert_eq!(request_count(&server).await, 0);
}

#[tokio::test]
async fn send_with_response_exposes_status_headers_and_body() {
    let server = MockServer::start().await;
    Mock::given(path("/items"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-request-id", "req-7")
                .set_body_raw(r#"{"id": 7}"#, "application/json"),
        )
        .mount(&server)
        .await;

    let response = client()
        .send_with_response::<serde_json::Value, Envelope>(get(&server))
        .await
        .unwrap();
    assert_eq!(response.status, 201);
    assert_eq!(response.headers["x-request-id"], "req-7");
    assert_eq!(&response.body[..], br#"{"id": 7}"#);
    assert_eq!(response.retries, 0);
    assert_eq!(response.into_value(), json!({"id": 7}));
}

#[tokio::test]
async fn decode_error_after_a_retry_counts_it() {
    let server = MockServer::start().await;
    mount_first(&server, 1, ResponseTemplate::new(502)).await;
    Mock::given(path("/items"))
        .respond_with(ResponseTemplate::new(200).set_body_string("not json"))
        .mount(&server)
        .await;

    let error = client()
        .send::<serde_json::Value, Envelope>(get(&server))
        .await
        .unwrap_err();
    assert_eq!(error.retries(), 1);
    assert!(
        matches!(error.kind(), ErrorKind::Decode { status: 200, .. }),
        "{error:?}"
    );
}
