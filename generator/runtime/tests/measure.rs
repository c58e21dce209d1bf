//! Figures for the security notes, not checks: run with
//! `cargo test -p telnyx-codegen-runtime --test measure -- --ignored --nocapture`
//! (one test at a time under `/usr/bin/time -v` for peak RSS).
//!
//! They use only the API that existed before the limits, so the same file
//! measures the old and the new client.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use telnyx_codegen_runtime::{HttpClient, HttpConfig, Method, Request, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Serves every connection `status` with a `len`-byte body of spaces and
/// `extra` headers, streamed in 64 KiB writes; counts the requests.
async fn serve(status: u16, len: u64, extra: &'static str) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let seen = Arc::clone(&seen);
            tokio::spawn(async move {
                let mut buffer = [0u8; 4096];
                // One request per connection: read until the end of the head.
                let mut head = Vec::new();
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buffer[..n]),
                    }
                }
                seen.fetch_add(1, Ordering::SeqCst);
                let head = format!(
                    "HTTP/1.1 {status} X\r\ncontent-length: {len}\r\ncontent-type: application/json\r\nconnection: close\r\n{extra}\r\n"
                );
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = vec![b' '; 64 * 1024];
                let mut left = len;
                while left > 0 {
                    let n = usize::try_from(left.min(chunk.len() as u64)).unwrap();
                    if socket.write_all(&chunk[..n]).await.is_err() {
                        return;
                    }
                    left -= n as u64;
                }
            });
        }
    });
    (format!("http://{address}"), count)
}

#[tokio::test]
#[ignore = "a measurement: run by hand under /usr/bin/time -v"]
async fn measure_one_gib_success_body() {
    let (base, _) = serve(200, 1 << 30, "").await;
    let client = HttpClient::new(&HttpConfig::default()).unwrap();
    let started = Instant::now();
    let result = client
        .send::<serde_json::Value, serde_json::Value>(Request::new(Method::GET, &base, "/x"))
        .await;
    println!(
        "1 GiB 200: {:?} after {:?}",
        result.map(|_| ()).map_err(|e| e.to_string()),
        started.elapsed()
    );
}

#[tokio::test]
#[ignore = "a measurement: run by hand under /usr/bin/time -v"]
async fn measure_256_mib_error_body() {
    let (base, _) = serve(500, 256 << 20, "").await;
    let client = HttpClient::new(&HttpConfig::default())
        .unwrap()
        .with_retry_policy(RetryPolicy::none());
    let result = client
        .send::<serde_json::Value, serde_json::Value>(Request::new(Method::GET, &base, "/x"))
        .await;
    println!(
        "256 MiB 500: {:?}",
        result.map(|_| ()).map_err(|e| e.to_string().len())
    );
}

#[tokio::test]
#[ignore = "a measurement: prints the request count"]
async fn measure_retry_after_zero() {
    let (base, count) = serve(429, 0, "retry-after: 0\r\n").await;
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
        "Retry-After: 0, max_retries 1000, 3 s budget: {} requests in {:?}",
        count.load(Ordering::SeqCst),
        started.elapsed()
    );
}
