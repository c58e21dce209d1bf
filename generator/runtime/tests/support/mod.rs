//! A bare HTTP/1.1 server on a TCP socket, for the answers wiremock cannot
//! give: a body far larger than memory, an endless one, a lying
//! `Content-Length`. Bodies are streamed from one reused buffer, never
//! allocated whole.

#![allow(dead_code, reason = "each test file uses part of it")]
#![allow(
    clippy::unwrap_used,
    reason = "a helper of tests only: a server that cannot start fails the test"
)]

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// How the body after the response head is sent.
#[derive(Clone, Copy, Debug)]
pub enum Body {
    /// `len` bytes of spaces, announced with `Content-Length`.
    Sized(u64),
    /// `len` bytes of spaces, announced as larger (or smaller) than it is.
    Announced { announced: u64, sent: u64 },
    /// Spaces in chunked encoding until the client hangs up.
    Endless,
}

/// What the server saw and did.
#[derive(Clone, Default)]
pub struct Counters {
    requests: Arc<AtomicUsize>,
    body_bytes: Arc<AtomicU64>,
}

impl Counters {
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// Body bytes the server managed to write before the client hung up
    /// (kernel buffers included).
    pub fn body_bytes(&self) -> u64 {
        self.body_bytes.load(Ordering::SeqCst)
    }
}

/// Serves every request with `status`, the `extra` header lines (each
/// ending in `\r\n`) and `body`; returns the base URL and the counters.
pub async fn serve(status: u16, extra: &'static str, body: Body) -> (String, Counters) {
    serve_on("127.0.0.1:0", status, extra, body).await
}

/// [`serve`] on a given address, such as `0.0.0.0:0`.
pub async fn serve_on(
    address: &str,
    status: u16,
    extra: &'static str,
    body: Body,
) -> (String, Counters) {
    let listener = TcpListener::bind(address).await.unwrap();
    let local = listener.local_addr().unwrap();
    let counters = Counters::default();
    let shared = counters.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(answer(socket, status, extra, body, shared.clone()));
        }
    });
    (format!("http://{local}"), counters)
}

async fn answer(
    mut socket: tokio::net::TcpStream,
    status: u16,
    extra: &'static str,
    body: Body,
    counters: Counters,
) {
    let mut buffer = [0u8; 4096];
    let mut head = Vec::new();
    while !head.windows(4).any(|window| window == b"\r\n\r\n") {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buffer[..n]),
        }
    }
    counters.requests.fetch_add(1, Ordering::SeqCst);
    let framing = match body {
        Body::Sized(len) => format!("content-length: {len}\r\n"),
        Body::Announced { announced, .. } => format!("content-length: {announced}\r\n"),
        Body::Endless => String::from("transfer-encoding: chunked\r\n"),
    };
    let head = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\nconnection: close\r\n{framing}{extra}\r\n"
    );
    if socket.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    let chunk = vec![b' '; 64 * 1024];
    match body {
        Body::Sized(len) | Body::Announced { sent: len, .. } => {
            let mut left = len;
            while left > 0 {
                let n = usize::try_from(left.min(chunk.len() as u64)).unwrap();
                if socket.write_all(&chunk[..n]).await.is_err() {
                    return;
                }
                counters.body_bytes.fetch_add(n as u64, Ordering::SeqCst);
                left -= n as u64;
            }
        }
        Body::Endless => {
            let size = format!("{:x}\r\n", chunk.len());
            loop {
                let written = async {
                    socket.write_all(size.as_bytes()).await?;
                    socket.write_all(&chunk).await?;
                    socket.write_all(b"\r\n").await
                };
                if written.await.is_err() {
                    return;
                }
                counters
                    .body_bytes
                    .fetch_add(chunk.len() as u64, Ordering::SeqCst);
            }
        }
    }
}
