//! The production behaviour of the generated client, through its real
//! operations against a local mock server: retries (statuses, `Retry-After`,
//! refused connections, what a POST may do), per-call and per-client retry
//! counts, time budgets, pagination as a stream, per-request options, the raw
//! response, the `User-Agent`, and a tracing log that holds no secret.
//!
//! The runtime's own tests (`generator/runtime/tests/`) drive hand-built
//! `Request`s; these drive `telnyx_sip::Client`, so they also prove that the
//! generator wires each operation's retry decision, path template, handle
//! options and pagination into the runtime.
//!
//! Backoffs are 10–50 ms (see [`fast_policy`]), so only the tests that check
//! a server-requested wait actually wait, and never more than a second.

// Tests state their expectations with `unwrap`/`expect`: a panic with the
// failing value is exactly the report a failing test should give, and the
// workspace lints that warn on them are meant for library code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

// Only some of the shared helpers are used here; the rest serve operations.rs.
#[allow(dead_code)]
mod common;

use std::io;
use std::pin::pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use common::{assert_raw_query, decode, sample};
use futures_util::StreamExt;
use serde_json::{json, Value};
use telnyx_sip::runtime::{self, RequestOptions, RetryPolicy};
use telnyx_sip::{
    Client, ClientBuilder, CreateCredentialConnectionRequest, CreateIpRequest, ListIpsQuery,
    OutboundProfileRequest, UpdateIpRequest,
};
use tracing_subscriber::fmt::MakeWriter;
use wiremock::matchers::{body_partial_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const API_KEY: &str = "prod-test-key";
const IP_ID: &str = "6a09cdc3-8948-47f0-aa62-74ac943d6c58";
const OTHER_IP_ID: &str = "0b6c2a52-7d8e-4f00-9c1a-7b0e7a5d1f22";
const IP_PATH: &str = "/v2/ips/6a09cdc3-8948-47f0-aa62-74ac943d6c58";

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// The default policy (2 retries, 25 % jitter, 60 s cap on `Retry-After`)
/// with millisecond backoffs, so retry tests do not wait half a second.
fn fast_policy() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        ..Default::default()
    }
}

/// A builder pointed at `server` (v2 at `<server>/v2`, v1 at the server
/// itself, as the real base URLs are laid out), with every credential and
/// [`fast_policy`].
fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .api_key(API_KEY)
        .api_user("user@example.com")
        .api_token("test-token")
        .base_url_v2(format!("{}/v2", server.uri()))
        .base_url_v1(server.uri())
        .retry_policy(fast_policy())
}

fn client(server: &MockServer) -> Client {
    builder(server).build().expect("the client builds")
}

/// An IP as page 003 documents it.
fn ip_json(id: &str) -> Value {
    json!({
        "id": id,
        "record_type": "ip",
        "connection_id": "1516447646313612566",
        "ip_address": "192.0.2.1",
        "port": 5060,
        "created_at": "2024-03-01T10:15:00Z",
        "updated_at": "2024-03-01T10:16:00Z"
    })
}

fn ip_envelope() -> Value {
    json!({ "data": ip_json(IP_ID) })
}

/// A v2 error body, as the API sends with every non-2xx status.
fn error_body(code: &str, title: &str) -> Value {
    json!({ "errors": [{ "code": code, "title": title, "detail": title }] })
}

fn new_ip() -> CreateIpRequest {
    CreateIpRequest::new("192.0.2.10").port(5060)
}

/// Every request the server received, in order.
async fn requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
}

async fn request_count(server: &MockServer) -> usize {
    requests(server).await.len()
}

/// The value of query parameter `key` (decoded) on a received request.
fn query_value(request: &Request, key: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(name, _)| name == key)
        .map(|(_, value)| value.into_owned())
}

/// Mounts `response` for `GET <IP_PATH>`, served only `times` times and
/// ahead of anything mounted later (wiremock tries mocks in mount order).
async fn mount_ip_first(server: &MockServer, times: u64, response: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path(IP_PATH))
        .respond_with(response)
        .up_to_n_times(times)
        .expect(times)
        .mount(server)
        .await;
}

/// Mounts the IP itself for `GET <IP_PATH>`, expected `times` times.
async fn mount_ip_ok(server: &MockServer, times: u64) {
    Mock::given(method("GET"))
        .and(path(IP_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(ip_envelope()))
        .expect(times)
        .mount(server)
        .await;
}

// ---------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------

#[tokio::test]
async fn rate_limited_get_is_retried_once_after_retry_after_ms() {
    let server = MockServer::start().await;
    mount_ip_first(
        &server,
        1,
        ResponseTemplate::new(429)
            .insert_header("retry-after-ms", "300")
            .set_body_json(error_body("10011", "Too many requests")),
    )
    .await;
    mount_ip_ok(&server, 1).await;

    let started = Instant::now();
    let ip = client(&server).ips().retrieve(IP_ID).await.unwrap();
    let elapsed = started.elapsed();

    assert_eq!(ip.data.id.as_deref(), Some(IP_ID));
    assert_eq!(ip.data.port, Some(5060));
    // Far above the 10–50 ms backoff: the wait is the server's.
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert_eq!(request_count(&server).await, 2, "exactly one retry");
    server.verify().await;
}

#[tokio::test]
async fn rate_limited_get_is_retried_once_after_retry_after_seconds() {
    let server = MockServer::start().await;
    mount_ip_first(
        &server,
        1,
        ResponseTemplate::new(429)
            .insert_header("retry-after", "1")
            .set_body_json(error_body("10011", "Too many requests")),
    )
    .await;
    mount_ip_ok(&server, 1).await;

    let started = Instant::now();
    let response = client(&server)
        .ips()
        .retrieve_with_response(IP_ID)
        .await
        .unwrap();
    let elapsed = started.elapsed();

    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    assert_eq!(response.retries, 1);
    assert_eq!(response.status, 200);
    assert_eq!(response.value.data.id.as_deref(), Some(IP_ID));
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn retry_after_is_capped_by_the_policy() {
    let server = MockServer::start().await;
    mount_ip_first(
        &server,
        1,
        ResponseTemplate::new(429).insert_header("retry-after", "30"),
    )
    .await;
    mount_ip_ok(&server, 1).await;
    let client = builder(&server)
        .retry_policy(RetryPolicy {
            max_retry_after: Duration::from_millis(100),
            ..fast_policy()
        })
        .build()
        .unwrap();

    let started = Instant::now();
    let ip = client.ips().retrieve(IP_ID).await.unwrap();
    let elapsed = started.elapsed();

    assert_eq!(ip.data.id.as_deref(), Some(IP_ID));
    assert!(
        (Duration::from_millis(100)..Duration::from_secs(5)).contains(&elapsed),
        "{elapsed:?}"
    );
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn retry_after_beyond_the_time_budget_gives_up_at_once() {
    let server = MockServer::start().await;
    mount_ip_first(
        &server,
        1,
        ResponseTemplate::new(429)
            .insert_header("retry-after", "30")
            .set_body_json(error_body("10011", "Too many requests")),
    )
    .await;
    mount_ip_ok(&server, 0).await;

    let started = Instant::now();
    let err = client(&server)
        .ips()
        .with_options(RequestOptions::new().timeout(Duration::from_millis(500)))
        .retrieve(IP_ID)
        .await
        .unwrap_err();
    let elapsed = started.elapsed();

    // Waiting 30 s would end past the 500 ms budget, so the 429 comes back
    // without sleeping.
    assert!(err.is_rate_limited(), "{err:?}");
    assert_eq!(err.retries(), 0);
    assert!(elapsed < Duration::from_millis(500), "{elapsed:?}");
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn persistent_server_errors_on_a_get_give_up_after_two_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(IP_PATH))
        .respond_with(
            ResponseTemplate::new(500).set_body_json(error_body("10007", "Unexpected error")),
        )
        .expect(3)
        .mount(&server)
        .await;

    let err = client(&server).ips().retrieve(IP_ID).await.unwrap_err();

    assert_eq!(err.retries(), 2);
    assert_eq!(err.status(), Some(500));
    assert!(err.is_server_error());
    // A retried API error is still the API-error kind: a `match` on it does
    // not miss the call because it was retried.
    assert!(
        matches!(err.kind(), runtime::ErrorKind::Api(api) if api.status == 500),
        "{err:?}"
    );
    // The last attempt's error body is decoded.
    let title = err
        .envelope()
        .and_then(|envelope| envelope.errors.as_ref())
        .and_then(|errors| errors.first())
        .and_then(|error| error.title.as_deref());
    assert_eq!(title, Some("Unexpected error"));
    assert!(err.to_string().contains("after 2 retries"), "{err}");
    assert_eq!(request_count(&server).await, 3);
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(IP_PATH))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(error_body("10005", "Resource not found")),
        )
        .expect(1)
        .mount(&server)
        .await;

    let err = client(&server).ips().retrieve(IP_ID).await.unwrap_err();

    assert!(err.is_not_found(), "{err:?}");
    assert_eq!(err.retries(), 0);
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn post_and_patch_with_503_are_not_retried_by_default() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/ips"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(IP_PATH))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let created = client.ips().create(&new_ip()).await.unwrap_err();
    let update = UpdateIpRequest::new("192.0.2.11");
    let updated = client.ips().update(IP_ID, &update).await.unwrap_err();

    for err in [created, updated] {
        assert_eq!(err.status(), Some(503), "{err:?}");
        assert_eq!(err.retries(), 0);
    }
    assert_eq!(request_count(&server).await, 2, "one request each");
}

#[tokio::test]
async fn post_with_503_is_retried_when_the_caller_opts_in() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/ips"))
        .and(body_partial_json(json!({ "ip_address": "192.0.2.10" })))
        .respond_with(ResponseTemplate::new(503))
        .expect(3)
        .mount(&server)
        .await;

    let err = client(&server)
        .ips()
        .with_options(RequestOptions::new().retry_non_idempotent(true))
        .create(&new_ip())
        .await
        .unwrap_err();

    assert_eq!(err.status(), Some(503));
    assert_eq!(err.retries(), 2);
    assert_eq!(request_count(&server).await, 3);
}

#[tokio::test]
async fn refused_connection_is_retried() {
    // A port that was just free: bound, then released, so nothing listens.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url_v2(format!("http://127.0.0.1:{port}/v2"))
        .retry_policy(fast_policy())
        .build()
        .unwrap();

    let err = client.ips().retrieve(IP_ID).await.unwrap_err();

    assert_eq!(err.retries(), 2, "{err:?}");
    assert!(
        matches!(err.kind(), runtime::ErrorKind::Transport { source } if source.is_connect()),
        "{err:?}"
    );
    assert_eq!(err.status(), None);
    assert!(!err.is_timeout());
}

#[tokio::test]
async fn max_retries_zero_on_the_builder_turns_retries_off() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(IP_PATH))
        .respond_with(ResponseTemplate::new(500))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server).max_retries(0).build().unwrap();

    let err = client.ips().retrieve(IP_ID).await.unwrap_err();

    assert_eq!(err.status(), Some(500));
    assert_eq!(err.retries(), 0);
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn max_retries_request_option_overrides_the_client() {
    let server = MockServer::start().await;
    for id in [IP_ID, OTHER_IP_ID] {
        Mock::given(method("GET"))
            .and(path(format!("/v2/ips/{id}")))
            .respond_with(ResponseTemplate::new(500))
            .mount(&server)
            .await;
    }
    let client = client(&server);

    let off = client
        .ips()
        .with_options(RequestOptions::new().max_retries(0))
        .retrieve(IP_ID)
        .await
        .unwrap_err();
    let one = client
        .ips()
        .with_options(RequestOptions::new().max_retries(1))
        .retrieve(OTHER_IP_ID)
        .await
        .unwrap_err();

    assert_eq!(off.retries(), 0);
    assert_eq!(one.retries(), 1);
    let paths: Vec<String> = requests(&server)
        .await
        .iter()
        .map(|request| request.url.path().to_owned())
        .collect();
    let other_path = format!("/v2/ips/{OTHER_IP_ID}");
    assert_eq!(paths, [IP_PATH, other_path.as_str(), other_path.as_str()]);
}

// ---------------------------------------------------------------------------
// Timeouts
// ---------------------------------------------------------------------------

#[tokio::test]
async fn slow_response_times_out_within_the_request_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(IP_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(ip_envelope())
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;

    let started = Instant::now();
    let err = client(&server)
        .ips()
        .with_options(RequestOptions::new().timeout(Duration::from_millis(300)))
        .retrieve(IP_ID)
        .await
        .unwrap_err();
    let elapsed = started.elapsed();

    assert!(err.is_timeout(), "{err:?}");
    assert!(
        (Duration::from_millis(300)..Duration::from_millis(1500)).contains(&elapsed),
        "{elapsed:?}"
    );
    // The budget covers retries too: nothing is left for a second attempt.
    assert_eq!(err.retries(), 0);
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn client_timeout_applies_to_every_call() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(IP_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(ip_envelope())
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let client = builder(&server)
        .timeout(Duration::from_millis(300))
        .max_retries(0)
        .build()
        .unwrap();

    let started = Instant::now();
    let err = client.ips().retrieve(IP_ID).await.unwrap_err();
    let elapsed = started.elapsed();

    assert!(err.is_timeout(), "{err:?}");
    assert!(elapsed < Duration::from_millis(1500), "{elapsed:?}");
}

// ---------------------------------------------------------------------------
// Pagination
// ---------------------------------------------------------------------------

/// One page of IPs, 2 per page, 5 in all.
fn ips_page(ids: &[&str], number: i64, total_pages: i64) -> Value {
    let data: Vec<Value> = ids.iter().map(|id| ip_json(id)).collect();
    json!({
        "data": data,
        "meta": {
            "page_number": number,
            "page_size": 2,
            "total_pages": total_pages,
            "total_results": 5
        }
    })
}

/// Mounts `GET /v2/ips?page[number]=<number>`, expected `expected` times.
async fn mount_page(server: &MockServer, number: i64, body: Value, expected: u64) {
    Mock::given(method("GET"))
        .and(path("/v2/ips"))
        .and(query_param("page[number]", number.to_string()))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(expected)
        .mount(server)
        .await;
}

/// The three pages of a 5-item listing, and a fourth that `total_pages`
/// says does not exist (a stream that asks for it fails the expectation).
async fn mount_three_pages(server: &MockServer) {
    mount_page(server, 1, ips_page(&["ip-1", "ip-2"], 1, 3), 1).await;
    mount_page(server, 2, ips_page(&["ip-3", "ip-4"], 2, 3), 1).await;
    mount_page(server, 3, ips_page(&["ip-5"], 3, 3), 1).await;
    mount_page(server, 4, ips_page(&["ip-x"], 4, 3), 0).await;
}

fn two_per_page() -> ListIpsQuery {
    ListIpsQuery::new().page_size(2)
}

/// The `page[number]` of every request the server received, in order.
async fn pages_requested(server: &MockServer) -> Vec<String> {
    requests(server)
        .await
        .iter()
        .map(|request| query_value(request, "page[number]").unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn three_pages_stream_every_item_once_in_order() {
    let server = MockServer::start().await;
    mount_three_pages(&server).await;
    let client = client(&server);

    let mut stream = pin!(client.ips().list_stream(&two_per_page()));
    let mut ids = Vec::new();
    while let Some(item) = stream.next().await {
        ids.push(item.unwrap().id.unwrap());
    }

    assert_eq!(ids, ["ip-1", "ip-2", "ip-3", "ip-4", "ip-5"]);
    assert_eq!(pages_requested(&server).await, ["1", "2", "3"]);
    for request in requests(&server).await {
        assert_eq!(
            query_value(&request, "page[size]").as_deref(),
            Some("2"),
            "page[size] missing on {}",
            request.url
        );
    }
    server.verify().await;
}

#[tokio::test]
async fn stream_starts_at_the_query_page() {
    let server = MockServer::start().await;
    mount_page(&server, 1, ips_page(&["ip-1", "ip-2"], 1, 3), 0).await;
    mount_page(&server, 2, ips_page(&["ip-3", "ip-4"], 2, 3), 1).await;
    mount_page(&server, 3, ips_page(&["ip-5"], 3, 3), 1).await;
    let client = client(&server);
    let query = two_per_page().page_number(2);

    let ids: Vec<String> = client
        .ips()
        .list_stream(&query)
        .map(|item| item.unwrap().id.unwrap())
        .collect()
        .await;

    assert_eq!(ids, ["ip-3", "ip-4", "ip-5"]);
    assert_eq!(pages_requested(&server).await, ["2", "3"]);
}

#[tokio::test]
async fn an_empty_page_ends_the_stream_early() {
    let server = MockServer::start().await;
    mount_page(&server, 1, ips_page(&["ip-1", "ip-2"], 1, 5), 1).await;
    mount_page(&server, 2, ips_page(&[], 2, 5), 1).await;
    mount_page(&server, 3, ips_page(&["ip-x"], 3, 5), 0).await;
    let client = client(&server);

    let ids: Vec<String> = client
        .ips()
        .list_stream(&two_per_page())
        .map(|item| item.unwrap().id.unwrap())
        .collect()
        .await;

    assert_eq!(ids, ["ip-1", "ip-2"]);
    assert_eq!(pages_requested(&server).await, ["1", "2"]);
    server.verify().await;
}

#[tokio::test]
async fn dropping_the_stream_after_the_first_item_fetches_nothing_more() {
    let server = MockServer::start().await;
    // One item per page, so the very next item would need page 2.
    mount_page(&server, 1, ips_page(&["ip-1"], 1, 3), 1).await;
    mount_page(&server, 2, ips_page(&["ip-2"], 2, 3), 0).await;
    let client = client(&server);

    {
        let mut stream = pin!(client.ips().list_stream(&two_per_page()));
        let first = stream.next().await.unwrap().unwrap();
        assert_eq!(first.id.as_deref(), Some("ip-1"));
    }
    // Room for a prefetch started in the background to reach the server.
    tokio::time::sleep(Duration::from_millis(50)).await;

    assert_eq!(request_count(&server).await, 1);
    server.verify().await;
}

#[tokio::test]
async fn the_stream_carries_the_handle_options_to_every_page() {
    let server = MockServer::start().await;
    mount_three_pages(&server).await;
    let client = client(&server);
    let options = RequestOptions::new()
        .header("X-Request-Tag", "tag-7")
        .query("trace", "on");

    let ids: Vec<String> = client
        .ips()
        .with_options(options)
        .list_stream(&two_per_page())
        .map(|item| item.unwrap().id.unwrap())
        .collect()
        .await;

    assert_eq!(ids.len(), 5);
    let received = requests(&server).await;
    assert_eq!(received.len(), 3);
    for request in &received {
        assert_eq!(
            request
                .headers
                .get("x-request-tag")
                .and_then(|v| v.to_str().ok()),
            Some("tag-7"),
            "header missing on {}",
            request.url
        );
        assert_eq!(query_value(request, "trace").as_deref(), Some("on"));
    }
}

#[tokio::test]
async fn a_page_that_fails_once_is_retried_inside_the_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/ips"))
        .and(query_param("page[number]", "2"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    mount_three_pages(&server).await;
    let client = client(&server);

    let ids: Vec<String> = client
        .ips()
        .list_stream(&two_per_page())
        .map(|item| item.unwrap().id.unwrap())
        .collect()
        .await;

    assert_eq!(ids, ["ip-1", "ip-2", "ip-3", "ip-4", "ip-5"]);
    assert_eq!(pages_requested(&server).await, ["1", "2", "2", "3"]);
}

#[tokio::test]
async fn the_stream_follows_the_handle_retry_option_and_ends_at_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/ips"))
        .and(query_param("page[number]", "2"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    mount_page(&server, 1, ips_page(&["ip-1", "ip-2"], 1, 3), 1).await;
    mount_page(&server, 3, ips_page(&["ip-5"], 3, 3), 0).await;
    let client = client(&server);

    let results: Vec<_> = client
        .ips()
        .with_options(RequestOptions::new().max_retries(0))
        .list_stream(&two_per_page())
        .collect()
        .await;

    assert_eq!(results.len(), 3, "two items, then the error, then nothing");
    assert_eq!(results[0].as_ref().unwrap().id.as_deref(), Some("ip-1"));
    assert_eq!(results[1].as_ref().unwrap().id.as_deref(), Some("ip-2"));
    let err = results[2].as_ref().unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.retries(), 0);
    assert_eq!(pages_requested(&server).await, ["1", "2"]);
}

#[tokio::test]
async fn list_returns_one_page_with_its_meta() {
    let server = MockServer::start().await;
    mount_page(&server, 2, ips_page(&["ip-3", "ip-4"], 2, 3), 1).await;
    let query = two_per_page().page_number(2);

    let page = client(&server).ips().list(&query).await.unwrap();

    let ids: Vec<_> = page.data.iter().map(|ip| ip.id.as_deref()).collect();
    assert_eq!(ids, [Some("ip-3"), Some("ip-4")]);
    let meta = page.meta.expect("the page has its meta");
    assert_eq!(meta.page_number, Some(2));
    assert_eq!(meta.page_size, Some(2));
    assert_eq!(meta.total_pages, Some(3));
    assert_eq!(meta.total_results, Some(5));
    let received = requests(&server).await;
    assert_eq!(received.len(), 1, "one page, one request");
    assert_raw_query(&received[0], &["page[number]=2", "page[size]=2"]);
}

// ---------------------------------------------------------------------------
// Per-request options, the raw response, the User-Agent
// ---------------------------------------------------------------------------

#[tokio::test]
async fn extra_headers_and_query_parameters_arrive() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(IP_PATH))
        .and(header("idempotency-key", "k-123"))
        .and(header(
            "authorization",
            format!("Bearer {API_KEY}").as_str(),
        ))
        .and(query_param("trace", "on"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ip_envelope()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/ips"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ips_page(&["ip-1"], 1, 1)))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let options = RequestOptions::new()
        .header("Idempotency-Key", "k-123")
        .query("trace", "on")
        .query("note", "a b&c");

    let ip = client
        .ips()
        .with_options(options.clone())
        .retrieve(IP_ID)
        .await
        .unwrap();
    client
        .ips()
        .with_options(options)
        .list(&two_per_page())
        .await
        .unwrap();

    assert_eq!(ip.data.id.as_deref(), Some(IP_ID));
    let received = requests(&server).await;
    assert_eq!(received.len(), 2);
    // Percent-encoded like the operation's own parameters, after them.
    assert_raw_query(&received[0], &["trace=on", "note=a%20b%26c"]);
    assert_raw_query(
        &received[1],
        &["page[size]=2", "trace=on", "note=a%20b%26c"],
    );
    assert_eq!(received[1].headers["idempotency-key"], "k-123");
}

#[tokio::test]
async fn with_response_exposes_status_headers_and_raw_body() {
    let server = MockServer::start().await;
    // Odd spacing and a field the spec does not list: the raw body must be
    // the bytes as sent, not a re-encoding.
    let raw = format!(
        "{{ \"data\" : {},  \"x_debug\": [1, 2] }}\n",
        ip_json(IP_ID)
    );
    Mock::given(method("GET"))
        .and(path(IP_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-ratelimit-remaining", "42")
                .insert_header("x-request-id", "req-9")
                .set_body_raw(raw.clone().into_bytes(), "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/ips"))
        .respond_with(ResponseTemplate::new(201).set_body_json(ip_envelope()))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let response = client.ips().retrieve_with_response(IP_ID).await.unwrap();
    let created = client.ips().create_with_response(&new_ip()).await.unwrap();

    assert_eq!(response.status, 200);
    assert_eq!(response.headers["x-ratelimit-remaining"], "42");
    assert_eq!(response.headers["x-request-id"], "req-9");
    assert_eq!(response.body.as_ref(), raw.as_bytes());
    assert_eq!(response.retries, 0);
    assert_eq!(response.value.data.id.as_deref(), Some(IP_ID));
    assert_eq!(response.value.extra.get("x_debug"), Some(&json!([1, 2])));
    assert_eq!(created.status, 201);
    assert_eq!(created.value.data.ip_address.as_deref(), Some("192.0.2.1"));
}

#[tokio::test]
async fn user_agent_names_the_crate_and_its_version() {
    let server = MockServer::start().await;
    mount_ip_ok(&server, 1).await;
    Mock::given(method("PUT"))
        .and(path("/termination/endpoints/1516447646313612567"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(sample("update_termination_endpoint.response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let body: OutboundProfileRequest = decode(&sample("update_termination_endpoint.request.json"));

    client.ips().retrieve(IP_ID).await.unwrap();
    client
        .termination_endpoints()
        .update("1516447646313612567", &body)
        .await
        .unwrap();

    let received = requests(&server).await;
    assert_eq!(received.len(), 2, "one v2 and one v1 request");
    for request in &received {
        assert_eq!(
            request
                .headers
                .get("user-agent")
                .and_then(|v| v.to_str().ok()),
            Some("telnyx-sip/0.1.0 rust"),
            "on {}",
            request.url
        );
    }
}

// ---------------------------------------------------------------------------
// Tracing
// ---------------------------------------------------------------------------

/// A log that everything the subscriber writes goes into.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    fn text(&self) -> String {
        let bytes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Self;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn the_trace_log_has_templates_and_statuses_but_no_secret() {
    const KEY: &str = "KEY4e7b1c9d";
    const USER: &str = "v1user-93ab@example.com";
    const TOKEN: &str = "TOKEN5f0a2e71";
    const USER_NAME: &str = "sipuserQz71x";
    const PASSWORD: &str = "PASSWORD8d3c6b";
    const ENDPOINT_ID: &str = "7723190455518";

    let server = MockServer::start().await;
    // The secrets do go over the wire; they must only stay out of the log.
    Mock::given(method("POST"))
        .and(path("/v2/credential_connections"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .and(body_partial_json(
            json!({ "user_name": USER_NAME, "password": PASSWORD }),
        ))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/credential_connections"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .and(body_partial_json(
            json!({ "user_name": USER_NAME, "password": PASSWORD }),
        ))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "data": {
                "id": "1516447646313612565",
                "record_type": "credential_connection",
                "connection_name": "office",
                "user_name": USER_NAME,
                "active": true
            }
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(format!("/termination/endpoints/{ENDPOINT_ID}")))
        .and(header("x-api-user", USER))
        .and(header("x-api-token", TOKEN))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(sample("update_termination_endpoint.response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;

    let log = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(log.clone())
        .finish();
    // `#[tokio::test]` runs everything on this one thread, so the
    // thread-local default sees every poll of the calls.
    let _guard = tracing::subscriber::set_default(subscriber);

    let client = Client::builder()
        .api_key(KEY)
        .api_user(USER)
        .api_token(TOKEN)
        .base_url_v2(format!("{}/v2", server.uri()))
        .base_url_v1(server.uri())
        .retry_policy(fast_policy())
        .build()
        .unwrap();
    let body = CreateCredentialConnectionRequest::new(USER_NAME, PASSWORD, "office");
    let created = client
        .credential_connections()
        .with_options(RequestOptions::new().retry_non_idempotent(true))
        .create(&body)
        .await
        .unwrap();
    let legacy: OutboundProfileRequest =
        decode(&sample("update_termination_endpoint.request.json"));
    client
        .termination_endpoints()
        .update(ENDPOINT_ID, &legacy)
        .await
        .unwrap();

    assert_eq!(created.data.connection_name.as_deref(), Some("office"));
    let text = log.text();
    for expected in [
        "http_request",
        "POST",
        "/credential_connections",
        "status=503",
        "attempt=2",
        "status=201",
        "PUT",
        "/termination/endpoints/{id}",
        "status=200",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    for secret in [KEY, USER, TOKEN, USER_NAME, PASSWORD, ENDPOINT_ID] {
        assert!(!text.contains(secret), "{secret:?} leaked into:\n{text}");
    }
    server.verify().await;
}
