//! Figures for the security notes, not checks: run with
//! `cargo test -p telnyx-codegen-runtime --test measure -- --ignored --nocapture --exact <name>`
//! under `/usr/bin/time -v` for peak RSS.
//!
//! They use only the API that existed before the limits (default limits,
//! no setters), so the same file measured the old client and the new.

mod support;

use std::time::{Duration, Instant};

use support::Body;
use telnyx_codegen_runtime::{HttpClient, HttpConfig, Method, Request, RetryPolicy};

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
