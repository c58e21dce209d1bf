//! Client overhead: requests per second of `client.ips().retrieve(id)`
//! against a local server, side by side in one run with the same request
//! made with bare reqwest + serde_json.
//!
//! `cargo bench -p telnyx-sip-benches --bench client`.
//!
//! The server is a minimal hyper HTTP/1.1 server on 127.0.0.1 returning a
//! fixed `Envelope<Ip>` body, on its own thread and single-threaded tokio
//! runtime, so it costs as little as possible and the same for every
//! variant (wiremock would match each request against its mocks and record
//! it, and would be the bottleneck). Requests are sequential on one
//! keep-alive connection from a single-threaded runtime, so a request's cost
//! is its latency; the variants run in alternating rounds so that load from
//! other processes hits all of them alike.
//!
//! Variants:
//! - `generated`: `client.ips().retrieve(id)` (auth header, path encoding,
//!   retry policy, tracing span, decode with path tracking);
//! - `bare reqwest -> generated type`: `GET {base}/ips/{id}` with a bearer
//!   token, status check, `serde_json::from_slice::<Envelope<Ip>>`: the
//!   same work with none of the client's plumbing (the target's baseline);
//! - `bare reqwest -> plain struct`: the same into a plain derive struct;
//! - `bare reqwest with timeouts`: the first bare variant on a reqwest client
//!   with the generated client's default timeouts (60 s per request, 10 s to
//!   connect), to tell the cost of reqwest's per-request timer from the
//!   cost of the client's own plumbing.

// A benchmark reports and stops on broken input; a panic with the message is
// the clearest report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::convert::Infallible;
use std::hint::black_box;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::{Request, Response};
use telnyx_sip::runtime::reqwest;
use telnyx_sip_benches::{is_bench_run, median_f64};

const IP_ID: &str = "6a09cdc3-8948-47f0-aa62-74ac943d6c58";
const API_KEY: &str = "KEY0123456789";

const BODY: &str = r#"{"data":{"id":"6a09cdc3-8948-47f0-aa62-74ac943d6c58","record_type":"ip","connection_id":"3456789987654","ip_address":"192.168.0.0","port":5060,"created_at":"2018-02-02T22:25:27.521Z","updated_at":"2018-02-02T22:25:27.521Z"}}"#;

fn main() {
    let bench = is_bench_run();
    let (requests, rounds) = if bench { (2_000, 9) } else { (20, 1) };
    let addr = start_server();
    let base = format!("http://{addr}/v2");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = telnyx_sip::Client::builder()
            .api_key(API_KEY)
            .base_url_v2(base.clone())
            .build()
            .unwrap();
        let http = reqwest::Client::builder().build().unwrap();
        let http_timeouts = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .connect_timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        let url = format!("{base}/ips/{IP_ID}");

        // Same answer from every variant, and warm connections.
        let generated = client.ips().retrieve(IP_ID).await.unwrap();
        let bare = bare_generated(&http, &url).await;
        assert_eq!(generated, bare, "the variants decode different values");
        assert_eq!(
            bare_plain(&http, &url).await.data.id.as_deref(),
            Some(IP_ID)
        );
        for _ in 0..requests / 4 {
            black_box(client.ips().retrieve(IP_ID).await.unwrap());
            black_box(bare_generated(&http, &url).await);
            black_box(bare_plain(&http, &url).await);
            black_box(bare_generated(&http_timeouts, &url).await);
        }

        let names = [
            "generated client.ips().retrieve(id)",
            "bare reqwest + serde_json -> generated Envelope<Ip>",
            "bare reqwest + serde_json -> plain struct",
            "bare reqwest with 60 s/10 s timeouts -> Envelope<Ip>",
        ];
        let mut rates: [Vec<f64>; 4] = Default::default();
        let mut ratios = Vec::with_capacity(rounds);
        let mut ratios_timeouts = Vec::with_capacity(rounds);
        for round in 0..rounds {
            let mut this_round = [0.0; 4];
            // Rotate the order, so no variant always runs first.
            for step in 0..4 {
                let variant = (round + step) % 4;
                let start = Instant::now();
                for _ in 0..requests {
                    match variant {
                        0 => drop(black_box(client.ips().retrieve(IP_ID).await.unwrap())),
                        1 => drop(black_box(bare_generated(&http, &url).await)),
                        2 => drop(black_box(bare_plain(&http, &url).await)),
                        _ => drop(black_box(bare_generated(&http_timeouts, &url).await)),
                    }
                }
                this_round[variant] = requests as f64 / start.elapsed().as_secs_f64();
            }
            for (variant, rate) in this_round.iter().enumerate() {
                rates[variant].push(*rate);
            }
            ratios.push(this_round[0] / this_round[1]);
            ratios_timeouts.push(this_round[0] / this_round[3]);
        }

        println!(
            "== client overhead: sequential GET /v2/ips/{{id}} on one keep-alive connection to a \
             local hyper server, {rounds} alternating rounds of {requests} requests"
        );
        println!("{:<56} {:>12} {:>14}", "variant", "req/s", "us/request");
        for (name, samples) in names.iter().zip(&rates) {
            let rate = median_f64(samples);
            println!("{name:<56} {rate:>12.0} {:>14.1}", 1e6 / rate);
        }
        let min = ratios.iter().copied().fold(f64::INFINITY, f64::min);
        let max = ratios.iter().copied().fold(0.0, f64::max);
        println!(
            "generated / bare reqwest (same type): {:.3}x (median of per-round ratios; \
             min {min:.3}, max {max:.3}); target >= 0.95x",
            median_f64(&ratios)
        );
        println!(
            "generated / bare reqwest with the same timeouts: {:.3}x",
            median_f64(&ratios_timeouts)
        );
    });
}

async fn bare_generated(http: &reqwest::Client, url: &str) -> telnyx_sip::Envelope<telnyx_sip::Ip> {
    let bytes = bare_get(http, url).await;
    serde_json::from_slice(&bytes).unwrap()
}

async fn bare_plain(http: &reqwest::Client, url: &str) -> plain::Envelope<plain::Ip> {
    let bytes = bare_get(http, url).await;
    serde_json::from_slice(&bytes).unwrap()
}

async fn bare_get(http: &reqwest::Client, url: &str) -> Bytes {
    let response = http.get(url).bearer_auth(API_KEY).send().await.unwrap();
    assert!(response.status().is_success());
    response.bytes().await.unwrap()
}

/// Starts the fixed-body server on its own thread and returns its address.
fn start_server() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                stream.set_nodelay(true).unwrap();
                tokio::spawn(async move {
                    let io = hyper_util::rt::TokioIo::new(stream);
                    let service = hyper::service::service_fn(respond);
                    // A connection ends when the client drops it; nothing to report.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(io, service)
                        .await;
                });
            }
        });
    });
    addr
}

async fn respond(_request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let mut response = Response::new(Full::new(Bytes::from_static(BODY.as_bytes())));
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    Ok(response)
}

/// Plain derive structs of the same fields as the generated `Envelope<Ip>`.
mod plain {
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Envelope<T> {
        pub data: T,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)] // Decoded, as the other variants do; only `id` is read.
    pub struct Ip {
        pub id: Option<String>,
        pub record_type: Option<String>,
        pub connection_id: Option<String>,
        pub ip_address: Option<String>,
        pub port: Option<i64>,
        pub created_at: Option<String>,
        pub updated_at: Option<String>,
    }
}
