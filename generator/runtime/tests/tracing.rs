//! What a call writes to a `tracing` subscriber: the method, path template,
//! statuses and retry decisions, and none of the secrets the request carries.

use std::io;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde_json::json;
use telnyx_codegen_runtime::__private_v1::{
    encode_path_segment, HttpClient, HttpConfig, Method, Request,
};
use telnyx_codegen_runtime::{RequestOptions, RetryPolicy, Secret};
use tracing_subscriber::fmt::MakeWriter;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

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
async fn the_log_has_the_template_and_statuses_but_no_secrets() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("set-cookie", "session=cookie-SECRET-6")
                .set_body_json(json!({"token": "resp-SECRET-7"})),
        )
        .mount(&server)
        .await;

    let log = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(log.clone())
        .finish();
    // The test runs on one thread, so the default covers every poll.
    let _guard = tracing::subscriber::set_default(subscriber);

    let client = HttpClient::new(&HttpConfig::default())
        .unwrap()
        .with_retry_policy(RetryPolicy {
            initial_backoff: Duration::from_millis(5),
            ..RetryPolicy::default()
        });
    let path = format!("/users/{}", encode_path_segment("id-SECRET-1"));
    let request = Request::new(Method::POST, &server.uri(), &path)
        .path_template("/users/{id}")
        .retry_safe(true)
        .bearer_auth(&Secret::from("tok-SECRET-2"))
        .json(&json!({"name": "n", "password": "pw-SECRET-4"}))
        .options(
            &RequestOptions::new()
                .header("X-Secret", "hdr-SECRET-3")
                .query("q", "qv-SECRET-5"),
        );
    let value: serde_json::Value = client.send::<_, serde_json::Value>(request).await.unwrap();
    assert_eq!(value["token"], "resp-SECRET-7");

    let text = log.text();
    assert!(!text.contains("SECRET"), "{text}");
    for expected in [
        "http_request",
        "POST",
        "/users/{id}",
        "status=503",
        "status=201",
        "attempt=1",
        "attempt=2",
        "backoff_ms=",
        "elapsed_ms=",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}
