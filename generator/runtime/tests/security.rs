//! What a hostile server, a careless configuration or a bad argument can
//! get out of the client: no credential, header or body reaches another
//! origin, nothing is sent in cleartext to a remote host, no secret shows
//! in an error or the log, memory stays bounded, and nothing loops.
//!
//! Cross-origin cases use two servers (two ports on 127.0.0.1, or one
//! server reached as `localhost` and as `127.0.0.1`) and check what the
//! second one received.

mod support;

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::json;
use support::Body;
use telnyx_codegen_runtime::__private_v1::{fill_path, HttpClient, HttpConfig, Method, Request};
use telnyx_codegen_runtime::__private_v1::{paginate, paginate_with_limit, Page};
use telnyx_codegen_runtime::{Error, ErrorKind, RequestOptions, RetryPolicy, Secret};
use tracing_subscriber::fmt::MakeWriter;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

type Envelope = serde_json::Value;

const PLANTED: &str = "PLANTED-SECRET-7f3a";

#[allow(
    clippy::unwrap_used,
    reason = "a helper of tests only: failing to build the client fails the test"
)]
fn client() -> HttpClient {
    HttpClient::new(&HttpConfig::default())
        .unwrap()
        .with_retry_policy(RetryPolicy::none())
}

/// A v1-style request: both legacy credential headers, a caller header and
/// (for `POST`) a body with a password in it.
fn legacy(method: Method, base: &str, path: &str) -> Request {
    let request = Request::new(method.clone(), base, path)
        .header("x-api-user", &Secret::from("user@example.com"))
        .header("x-api-token", &Secret::from(PLANTED))
        .bearer_auth(&Secret::from(PLANTED))
        .options(&RequestOptions::new().header("X-Caller", PLANTED));
    if method == Method::POST {
        request.json(&json!({"password": PLANTED}))
    } else {
        request
    }
}

async fn received(server: &MockServer) -> usize {
    server.received_requests().await.map_or(0, |r| r.len())
}

/// Mounts a redirect answer on `/start`.
async fn redirect_from(server: &MockServer, status: u16, location: &str) {
    Mock::given(path("/start"))
        .respond_with(ResponseTemplate::new(status).insert_header("location", location))
        .mount(server)
        .await;
}

async fn ok_anywhere(server: &MockServer) {
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"stolen": true})))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"stolen": true})))
        .mount(server)
        .await;
}

// ---------------------------------------------------------------------------
// 1. Redirects
// ---------------------------------------------------------------------------

#[tokio::test]
async fn nothing_follows_a_redirect_to_another_origin() {
    let other = MockServer::start().await;
    ok_anywhere(&other).await;
    let other_port = other.address().port();
    for status in [301, 302, 303, 307, 308] {
        for verb in [Method::GET, Method::POST, Method::PUT, Method::DELETE] {
            let first = MockServer::start().await;
            let port = first.address().port();
            // Another port on the same host, and the same server by another name.
            for location in [
                format!("http://127.0.0.1:{other_port}/stolen?token=t"),
                format!("http://localhost:{port}/stolen"),
            ] {
                redirect_from(&first, status, &location).await;
                let error = client()
                    .send::<Envelope, Envelope>(legacy(verb.clone(), &first.uri(), "/start"))
                    .await
                    .unwrap_err();
                let ErrorKind::Redirect {
                    status: got,
                    location: Some(shown),
                } = error.kind()
                else {
                    panic!("{status} {verb} {location}: {error:?}");
                };
                assert_eq!(*got, status);
                assert!(shown.ends_with("/stolen"), "{shown}");
                assert!(!shown.contains("token"), "{shown}");
                assert!(error.to_string().contains(&status.to_string()), "{error}");
                first.reset().await;
            }
            // `first` is what `localhost:{port}` reaches: it saw only /start.
        }
    }
    assert_eq!(received(&other).await, 0, "the other origin saw a request");
}

#[tokio::test]
async fn a_post_redirected_on_its_own_origin_is_not_turned_into_a_get() {
    for status in [301, 302, 303, 307, 308] {
        let server = MockServer::start().await;
        redirect_from(&server, status, "/created-elsewhere").await;
        ok_anywhere(&server).await;
        let error = client()
            .send::<Envelope, Envelope>(legacy(Method::POST, &server.uri(), "/start"))
            .await
            .unwrap_err();
        assert!(
            matches!(error.kind(), ErrorKind::Redirect { status: got, .. } if *got == status),
            "{status}: {error:?}"
        );
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 1, "{status}: only the POST itself");
        assert_eq!(requests[0].url.path(), "/start");
    }
}

#[tokio::test]
async fn a_same_origin_get_redirect_is_followed_with_its_headers() {
    let server = MockServer::start().await;
    redirect_from(&server, 302, "/moved").await;
    Mock::given(path("/moved"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .expect(1)
        .mount(&server)
        .await;
    let value = client()
        .send::<Envelope, Envelope>(legacy(Method::GET, &server.uri(), "/start"))
        .await
        .unwrap();
    assert_eq!(value, json!({"id": 1}));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[1].headers["x-api-token"], PLANTED);
    assert_eq!(requests[1].headers["x-caller"], PLANTED);
}

#[tokio::test]
async fn a_redirect_loop_stops_after_five_hops() {
    let server = MockServer::start().await;
    redirect_from(&server, 307, "/start").await;
    let error = client()
        .send::<Envelope, Envelope>(legacy(Method::GET, &server.uri(), "/start"))
        .await
        .unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Redirect { status: 307, .. }),
        "{error:?}"
    );
    assert_eq!(received(&server).await, 6);
}

#[tokio::test]
async fn a_callers_following_reqwest_client_cannot_pass_off_another_origins_answer() {
    let other = MockServer::start().await;
    ok_anywhere(&other).await;
    let first = MockServer::start().await;
    redirect_from(&first, 302, &format!("{}/x", other.uri())).await;
    // reqwest's default policy follows redirects itself.
    let client = HttpClient::with_reqwest(reqwest::Client::new());
    let error = client
        .send::<Envelope, Envelope>(legacy(Method::GET, &first.uri(), "/start"))
        .await
        .unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Redirect { .. }),
        "{error:?}"
    );
    // And the builder this crate offers does not follow at all.
    let safe = HttpClient::with_reqwest(HttpClient::reqwest_builder().build().unwrap());
    let before = received(&other).await;
    let error = safe
        .send::<Envelope, Envelope>(legacy(Method::GET, &first.uri(), "/start"))
        .await
        .unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Redirect { .. }),
        "{error:?}"
    );
    assert_eq!(received(&other).await, before);
}

// ---------------------------------------------------------------------------
// 2. Plain HTTP and userinfo
// ---------------------------------------------------------------------------

#[tokio::test]
async fn plain_http_to_a_remote_host_is_refused_before_connecting() {
    // 0.0.0.0 is not loopback by name, but on Linux a connection to it
    // reaches this machine, so the opt-in can be shown to work.
    let (base, counters) = support::serve_on("0.0.0.0:0", 200, "", Body::Sized(2)).await;
    let error = client()
        .send::<Envelope, Envelope>(Request::new(Method::GET, &base, "/x"))
        .await
        .unwrap_err();
    let shown = error.to_string();
    assert!(
        matches!(error.kind(), ErrorKind::InvalidRequest { .. }),
        "{error:?}"
    );
    assert!(
        shown.contains("cleartext") && shown.contains("allow_insecure_http"),
        "{shown}"
    );
    assert_eq!(counters.requests(), 0);

    let allowed = client().allow_insecure_http(true);
    let value = allowed
        .send::<Option<Envelope>, Envelope>(Request::new(Method::GET, &base, "/x"))
        .await
        .unwrap();
    assert_eq!(value, None);
    assert_eq!(counters.requests(), 1);
}

#[tokio::test]
async fn a_base_url_with_userinfo_is_refused_and_never_printed() {
    let server = MockServer::start().await;
    let base = server
        .uri()
        .replace("http://", &format!("http://user:{PLANTED}@"));
    let request = Request::new(Method::GET, &base, "/x");
    assert!(!format!("{request:?}").contains(PLANTED));
    let error = client()
        .send::<Envelope, Envelope>(request)
        .await
        .unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(
        matches!(error.kind(), ErrorKind::InvalidRequest { .. }),
        "{shown}"
    );
    assert!(!shown.contains(PLANTED), "{shown}");
    assert_eq!(received(&server).await, 0);
    let build = telnyx_codegen_runtime::__private_v1::check_base_url(&base, true).unwrap_err();
    let shown = format!("{build} {build:?}");
    assert!(
        !shown.contains(PLANTED) && shown.contains("[redacted]"),
        "{shown}"
    );
}

// ---------------------------------------------------------------------------
// 3. No secret in any error's Display or Debug, nor in the log
// ---------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "decoded only to fail")]
struct Credential {
    user_name: String,
    password: i64,
}

/// A log that everything the subscriber writes goes into.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

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

/// Every way an error can be printed, the source chain included.
fn all_output(error: &Error<Envelope>) -> String {
    let mut out = format!("{error}\n{error:?}\n{error:#?}\n");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        out.push_str(&format!("{cause}\n{cause:?}\n"));
        source = cause.source();
    }
    out
}

#[tokio::test]
async fn planted_secrets_never_show_in_any_error_or_the_log() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_max_level(tracing::Level::TRACE)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    let body = json!({"user_name": "u", "password": PLANTED}).to_string();
    Mock::given(path("/decode"))
        .respond_with(ResponseTemplate::new(200).set_body_string(body.clone()))
        .mount(&server)
        .await;
    Mock::given(path("/api"))
        .respond_with(
            ResponseTemplate::new(422)
                .set_body_string(body.clone())
                .insert_header("set-cookie", PLANTED)
                .insert_header("x-api-token", PLANTED),
        )
        .mount(&server)
        .await;
    Mock::given(path("/retried"))
        .respond_with(ResponseTemplate::new(503).set_body_string(body.clone()))
        .mount(&server)
        .await;
    Mock::given(path("/slow"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    Mock::given(path("/redirect"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", format!("https://evil.example/?t={PLANTED}")),
        )
        .mount(&server)
        .await;
    Mock::given(path("/large"))
        .respond_with(ResponseTemplate::new(200).set_body_string(body.repeat(100)))
        .mount(&server)
        .await;
    let query_secret = format!("/x?token={PLANTED}");
    let retrying = client().with_retry_policy(RetryPolicy {
        max_retries: 1,
        initial_backoff: Duration::from_millis(1),
        ..RetryPolicy::default()
    });
    let small = client().with_max_body_bytes(64);

    let mut errors = Vec::new();
    for (client, request) in [
        (client(), legacy(Method::GET, &server.uri(), "/decode")),
        (client(), legacy(Method::POST, &server.uri(), "/api")),
        (
            retrying,
            legacy(Method::GET, &server.uri(), "/retried").retry_safe(true),
        ),
        (
            client(),
            legacy(
                Method::GET,
                &server.uri(),
                &format!("/slow?token={PLANTED}"),
            )
            .options(&RequestOptions::new().timeout(Duration::from_millis(50))),
        ),
        (client(), legacy(Method::GET, &server.uri(), "/redirect")),
        (small, legacy(Method::GET, &server.uri(), "/large")),
        // Nothing listens on port 9: a transport error, with the URL in it.
        (
            client(),
            legacy(Method::GET, "http://127.0.0.1:9", &query_secret),
        ),
        (
            client(),
            legacy(Method::GET, &server.uri(), "/x")
                .options(&RequestOptions::new().header("X-Bad", &format!("{PLANTED}\n"))),
        ),
    ] {
        let error = client
            .send::<Credential, Envelope>(request)
            .await
            .unwrap_err();
        errors.push(error);
    }
    let kinds: Vec<String> = errors
        .iter()
        .map(|error| format!("{:?}", error.kind()).chars().take(12).collect())
        .collect();
    for expected in [
        "Decode",
        "Api",
        "Timeout",
        "Redirect",
        "BodyTooLarge",
        "Transport",
        "InvalidReq",
    ] {
        assert!(
            errors
                .iter()
                .any(|e| format!("{:?}", e.kind()).starts_with(expected)),
            "no {expected} among {kinds:?}"
        );
    }
    // One of them was retried: its count is part of the error too.
    assert!(errors.iter().any(|e| e.retries() > 0), "{kinds:?}");
    for error in &errors {
        let out = all_output(error);
        assert!(!out.contains(PLANTED), "{out}");
    }
    // What is kept is reachable on purpose.
    assert!(String::from_utf8_lossy(errors[0].body().unwrap()).contains(PLANTED));
    assert!(
        errors[0].to_string().contains("at password"),
        "{}",
        errors[0]
    );
    let log = String::from_utf8_lossy(&captured.0.lock().unwrap()).into_owned();
    assert!(log.contains("http_request"), "{log}");
    assert!(!log.contains(PLANTED), "{log}");
}

// ---------------------------------------------------------------------------
// 4. Bounded bodies
// ---------------------------------------------------------------------------

const MIB: u64 = 1024 * 1024;

#[tokio::test]
async fn an_announced_gibibyte_is_refused_before_it_is_read() {
    let (base, counters) = support::serve(200, "", Body::Sized(1 << 30)).await;
    let started = Instant::now();
    let error = client()
        .with_max_body_bytes(MIB)
        .send::<Envelope, Envelope>(Request::new(Method::GET, &base, "/x"))
        .await
        .unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::BodyTooLarge { status: 200, limit } if *limit == MIB),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        counters.body_bytes() < 64 * MIB,
        "{}",
        counters.body_bytes()
    );
    assert!(error.to_string().contains("1048576 bytes"), "{error}");
}

#[tokio::test]
async fn an_endless_or_understated_body_is_cut_at_the_limit() {
    for body in [
        Body::Endless,
        Body::Announced {
            announced: 1024,
            sent: 1 << 30,
        },
    ] {
        let (base, counters) = support::serve(200, "", body).await;
        let result = client()
            .with_max_body_bytes(MIB)
            .send::<Envelope, Envelope>(Request::new(Method::GET, &base, "/x"))
            .await;
        match body {
            // A body longer than announced is a protocol error hyper reports,
            // or the first 1024 bytes (spaces: null) if it stops there.
            Body::Announced { .. } => assert!(
                !matches!(
                    result.as_ref().map_err(Error::kind),
                    Err(ErrorKind::BodyTooLarge { .. })
                ),
                "{result:?}"
            ),
            _ => assert!(
                matches!(
                    result.as_ref().map_err(Error::kind),
                    Err(ErrorKind::BodyTooLarge { .. })
                ),
                "{result:?}"
            ),
        }
        // Reading stopped: the server could write only what socket buffers hold.
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(
            counters.body_bytes() < 64 * MIB,
            "{}",
            counters.body_bytes()
        );
    }
}

#[tokio::test]
async fn a_body_at_the_limit_is_read() {
    let (base, _) = support::serve(200, "", Body::Sized(MIB)).await;
    let value = client()
        .with_max_body_bytes(MIB)
        .send::<Option<Envelope>, Envelope>(Request::new(Method::GET, &base, "/x"))
        .await
        .unwrap();
    assert_eq!(value, None);
}

#[tokio::test]
async fn an_endless_error_body_is_kept_only_up_to_its_cap() {
    let (base, counters) = support::serve(500, "", Body::Endless).await;
    let error = client()
        .with_max_error_body_bytes(1000)
        .send::<Envelope, Envelope>(Request::new(Method::GET, &base, "/x"))
        .await
        .unwrap_err();
    let api = error.api_error().unwrap();
    assert_eq!(api.status, 500);
    assert_eq!(api.body.len(), 1000);
    assert!(api.body_truncated);
    assert_eq!(
        error.to_string(),
        "API error 500 Internal Server Error (body cut at 1000 bytes)"
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        counters.body_bytes() < 64 * MIB,
        "{}",
        counters.body_bytes()
    );
}

#[tokio::test]
async fn a_cut_error_body_says_so() {
    let server = MockServer::start().await;
    Mock::given(path("/x"))
        .respond_with(ResponseTemplate::new(502).set_body_string("x".repeat(5000)))
        .mount(&server)
        .await;
    let error = client()
        .with_max_error_body_bytes(100)
        .send::<Envelope, Envelope>(Request::new(Method::GET, &server.uri(), "/x"))
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "API error 502 Bad Gateway (body cut at 100 bytes)"
    );
}

// ---------------------------------------------------------------------------
// 5. Empty path parameters
// ---------------------------------------------------------------------------

#[tokio::test]
async fn an_empty_path_parameter_is_refused_before_sending() {
    let server = MockServer::start().await;
    ok_anywhere(&server).await;
    for (template, filled) in [
        ("/ips/{id}", String::from("/ips/")),
        (
            "/credential_connections/{id}/actions/check_registration_status",
            String::from("/credential_connections//actions/check_registration_status"),
        ),
    ] {
        // What the generated code does today: format, then name the template.
        let request = Request::new(Method::POST, &server.uri(), &filled).path_template(template);
        let error = client()
            .send::<Envelope, Envelope>(request)
            .await
            .unwrap_err();
        let shown = error.to_string();
        assert!(
            matches!(error.kind(), ErrorKind::InvalidRequest { .. }),
            "{shown}"
        );
        assert!(shown.contains("`id`") && shown.contains("empty"), "{shown}");
        // What it can do instead: fill the template in the runtime.
        let error: Error<Envelope> = fill_path(template, &[("id", "")]).unwrap_err().into();
        assert!(error.to_string().contains("`id`"), "{error}");
    }
    assert_eq!(received(&server).await, 0);
}

// ---------------------------------------------------------------------------
// 6. Retries: a floor on every wait, a cap on their number
// ---------------------------------------------------------------------------

#[tokio::test]
async fn retry_after_zero_keeps_the_backoff_and_the_retries_are_capped() {
    let server = MockServer::start().await;
    Mock::given(path("/x"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0"))
        .mount(&server)
        .await;
    let client = client()
        .with_retry_policy(RetryPolicy {
            max_retries: 1000,
            initial_backoff: Duration::from_millis(20),
            max_backoff: Duration::from_millis(60),
            jitter: 0.0,
            ..RetryPolicy::default()
        })
        .with_total_timeout(None);
    let started = Instant::now();
    let error = client
        .send::<Envelope, Envelope>(Request::new(Method::GET, &server.uri(), "/x").retry_safe(true))
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    let limit = RetryPolicy::MAX_RETRIES_LIMIT;
    assert_eq!(error.retries(), limit);
    assert_eq!(received(&server).await, usize::try_from(limit).unwrap() + 1);
    // 50 (floor over 20), 50 (floor over 40), then 60 ms eight times.
    assert!(elapsed >= Duration::from_millis(580), "{elapsed:?}");
}

#[tokio::test]
async fn a_policy_without_backoff_still_waits_the_floor() {
    let server = MockServer::start().await;
    Mock::given(path("/x"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after-ms", "0"))
        .mount(&server)
        .await;
    let client = client().with_retry_policy(RetryPolicy {
        max_retries: 3,
        initial_backoff: Duration::ZERO,
        max_backoff: Duration::ZERO,
        max_retry_after: Duration::ZERO,
        jitter: 0.0,
    });
    let started = Instant::now();
    let _ = client
        .send::<Envelope, Envelope>(Request::new(Method::GET, &server.uri(), "/x").retry_safe(true))
        .await;
    assert!(
        started.elapsed() >= RetryPolicy::MIN_WAIT * 3,
        "{:?}",
        started.elapsed()
    );
    assert_eq!(received(&server).await, 4);
}

// ---------------------------------------------------------------------------
// 7. Pagination cannot loop
// ---------------------------------------------------------------------------

#[derive(Deserialize)]
struct Listing {
    data: Vec<i64>,
    meta: Meta,
}

#[derive(Deserialize)]
struct Meta {
    page_number: Option<i64>,
    total_pages: Option<i64>,
}

impl Page for Listing {
    type Item = i64;

    fn items(self) -> Vec<i64> {
        self.data
    }

    fn page_number(&self) -> Option<i64> {
        self.meta.page_number
    }

    fn total_pages(&self) -> Option<i64> {
        self.meta.total_pages
    }
}

/// A server that answers page `n` with `reported(n)` as its number, one
/// item each, and `total` pages.
async fn listing_server(reported: fn(i64) -> Option<i64>, total: Option<i64>) -> MockServer {
    let server = MockServer::start().await;
    for n in 1..=50 {
        Mock::given(path("/list"))
            .and(wiremock::matchers::query_param("page", n.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "data": [n],
                "meta": {"page_number": reported(n), "total_pages": total}
            })))
            .mount(&server)
            .await;
    }
    server
}

/// What fetching one page of [`Listing`] returns.
type PageFuture =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Listing, Error<Envelope>>>>>;

fn fetcher(base: String) -> impl FnMut(i64) -> PageFuture {
    move |page| {
        let url = format!("{base}/list?page={page}");
        Box::pin(async move {
            client()
                .send::<Listing, Envelope>(Request::new(Method::GET, &url, ""))
                .await
        })
    }
}

#[tokio::test]
async fn a_page_that_does_not_advance_ends_the_stream_with_an_error() {
    // Page 1 is honest; every later page claims to be page 2 of 3.
    let server = listing_server(|n| Some(n.min(2)), Some(3)).await;
    let items: Vec<_> = paginate(1, fetcher(server.uri())).collect().await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(*items[0].as_ref().unwrap(), 1);
    assert_eq!(*items[1].as_ref().unwrap(), 2);
    assert!(
        matches!(
            items[2].as_ref().map_err(Error::kind),
            Err(ErrorKind::PageNotAdvancing {
                requested: 3,
                reported: 2
            })
        ),
        "{:?}",
        items[2]
    );
    assert_eq!(received(&server).await, 3);
}

#[tokio::test]
async fn a_listing_without_end_stops_at_the_page_cap() {
    let server = listing_server(Some, None).await;
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    let mut fetch = fetcher(server.uri());
    let items: Vec<_> = paginate_with_limit(1, 4, move |page| {
        seen.fetch_add(1, Ordering::SeqCst);
        fetch(page)
    })
    .collect()
    .await;
    assert_eq!(count.load(Ordering::SeqCst), 4);
    assert_eq!(items.len(), 5);
    assert!(
        matches!(
            items[4].as_ref().map_err(Error::kind),
            Err(ErrorKind::PageLimit { max_pages: 4 })
        ),
        "{:?}",
        items[4]
    );
}
