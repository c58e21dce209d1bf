//! Figures for the security notes, not checks: run with
//! `cargo test -p telnyx-codegen-runtime --test measure -- --ignored --nocapture --exact <name>`
//! under `/usr/bin/time -v` for peak RSS.
//!
//! They use only the API that existed before the limits (default limits,
//! no setters), so the same file measured the old client and the new.

mod support;

use std::time::{Duration, Instant};

use support::Body;
use telnyx_codegen_runtime::__private_v1::{HttpClient, HttpConfig, Method, Request};
use telnyx_codegen_runtime::RetryPolicy;

#[tokio::test]
#[ignore = "a measurement: run by hand under /usr/bin/time -v"]
async fn measure_one_gib_success_body() {
    let (base, counters) = support::serve(200, "", Body::Sized(1 << 30)).await;
    let client = HttpClient::new(&HttpConfig::default()).unwrap();
    let started = Instant::now();
    let result = client
        .send::<serde_json::Value, serde_json::Value>(Request::new(Method::GET, &base, "/x"))
        .await;
    println!(
        "1 GiB 200: {:?} after {:?}, {} body bytes written by the server",
        result.map(|_| ()).map_err(|e| e.to_string()),
        started.elapsed(),
        counters.body_bytes()
    );
}

#[tokio::test]
#[ignore = "a measurement: run by hand under /usr/bin/time -v"]
async fn measure_endless_success_body() {
    let (base, counters) = support::serve(200, "", Body::Endless).await;
    let client = HttpClient::new(&HttpConfig {
        timeout: Duration::from_secs(20),
        ..HttpConfig::default()
    })
    .unwrap();
    let started = Instant::now();
    let result = client
        .send::<serde_json::Value, serde_json::Value>(Request::new(Method::GET, &base, "/x"))
        .await;
    println!(
        "endless 200: {:?} after {:?}, {} body bytes written by the server",
        result.map(|_| ()).map_err(|e| e.to_string()),
        started.elapsed(),
        counters.body_bytes()
    );
}

#[tokio::test]
#[ignore = "a measurement: run by hand under /usr/bin/time -v"]
async fn measure_256_mib_error_body() {
    let (base, _) = support::serve(500, "", Body::Sized(256 << 20)).await;
    let client = HttpClient::new(&HttpConfig::default())
        .unwrap()
        .with_retry_policy(RetryPolicy::none());
    let result = client
        .send::<serde_json::Value, serde_json::Value>(Request::new(Method::GET, &base, "/x"))
        .await;
    println!(
        "256 MiB 500: {:?}",
        result.map(|_| ()).map_err(|e| e.to_string())
    );
}

#[tokio::test]
#[ignore = "a measurement: prints the request count"]
async fn measure_retry_after_zero() {
    let (base, counters) = support::serve(429, "retry-after: 0\r\n", Body::Sized(0)).await;
    let client = HttpClient::new(&HttpConfig::default())
        .unwrap()
        .with_retry_policy(RetryPolicy {
            max_retries: 1000,
            ..RetryPolicy::default()
        })
        .with_total_timeout(Some(Duration::from_secs(3)));
    let started = Instant::now();
    let request = Request::new(Method::GET, &base, "/x").retry_safe(true);
    let _ = client
        .send::<serde_json::Value, serde_json::Value>(request)
        .await;
    println!(
        "Retry-After: 0, max_retries 1000, default backoff, 3 s budget: {} requests in {:?}",
        counters.requests(),
        started.elapsed()
    );
}

/// One listed item, shaped like a connection: strings, numbers, a nested
/// object and a list, plus fields the type does not know.
#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "decoded only, to time decoding")]
struct Item {
    id: String,
    name: String,
    active: bool,
    channel_limit: i64,
    tags: Vec<String>,
    inbound: Inbound,
}

#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "decoded only, to time decoding")]
struct Inbound {
    codecs: Vec<String>,
    timeout_secs: i64,
}

#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "decoded only, to time decoding")]
struct Listing {
    data: Vec<Item>,
}

#[tokio::test]
#[ignore = "a measurement: run in release, prints the time per call"]
async fn measure_decode_path() {
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let items: Vec<_> = (0..10_000)
        .map(|n| {
            serde_json::json!({
                "id": format!("6a09cdc3-8948-47f0-aa62-{n:012}"),
                "name": format!("connection {n}"),
                "active": n % 2 == 0,
                "channel_limit": n,
                "tags": ["a", "b"],
                "inbound": {"codecs": ["G722", "PCMU"], "timeout_secs": 30},
                "unknown_one": "x", "unknown_two": {"nested": [1, 2, 3]}, "unknown_three": null
            })
        })
        .collect();
    let body = serde_json::to_vec(&serde_json::json!({"data": items})).unwrap();
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), "application/json"))
        .mount(&server)
        .await;
    // The two decoders alone, on the same bytes: the old client path
    // (path tracking always) and the new one (plain; tracking on failure).
    let median = |mut runs: Vec<Duration>| {
        runs.sort();
        runs[runs.len() / 2]
    };
    let mut plain = Vec::new();
    let mut tracked = Vec::new();
    for _ in 0..40 {
        let started = Instant::now();
        let _: Listing = serde_json::from_slice(&body).unwrap();
        plain.push(started.elapsed());
        let started = Instant::now();
        let mut deserializer = serde_json::Deserializer::from_slice(&body);
        let _: Listing = serde_path_to_error::deserialize(&mut deserializer).unwrap();
        tracked.push(started.elapsed());
    }
    println!(
        "decoders alone: from_slice {:?}, serde_path_to_error {:?}",
        median(plain),
        median(tracked)
    );
    let client = HttpClient::new(&HttpConfig::default()).unwrap();
    let mut typed = Vec::new();
    let mut skipped = Vec::new();
    for _ in 0..40 {
        let started = Instant::now();
        client
            .send::<Listing, serde_json::Value>(Request::new(Method::GET, &server.uri(), "/x"))
            .await
            .unwrap();
        typed.push(started.elapsed());
        let started = Instant::now();
        client
            .send::<serde::de::IgnoredAny, serde_json::Value>(Request::new(
                Method::GET,
                &server.uri(),
                "/x",
            ))
            .await
            .unwrap();
        skipped.push(started.elapsed());
    }
    typed.sort();
    skipped.sort();
    println!(
        "10,000 items, {} bytes: median {:?} per typed call, {:?} per call decoding nothing (IgnoredAny)",
        body.len(),
        typed[typed.len() / 2],
        skipped[skipped.len() / 2]
    );
}
