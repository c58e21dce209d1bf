//! `paginate_cursor` against a local mock server: it follows the `after`
//! cursor page by page, stops where the listing says it ends, and cannot
//! be made to loop.

use std::pin::pin;

use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::json;
use telnyx_codegen_runtime::__private_v1::paginate_cursor_with_limit;
use telnyx_codegen_runtime::__private_v1::{
    paginate_cursor, CursorPage, HttpClient, HttpConfig, Method, Query, Request,
};
use telnyx_codegen_runtime::{Error, ErrorKind};
use wiremock::matchers::{path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A cursor-paginated envelope like the ones generated code implements
/// `CursorPage` for: `meta.cursors.after` names the next page.
#[derive(Debug, Deserialize)]
struct Listing {
    data: Vec<String>,
    #[serde(default)]
    meta: Option<Meta>,
}

#[derive(Debug, Deserialize)]
struct Meta {
    cursors: Option<Cursors>,
}

#[derive(Debug, Deserialize)]
struct Cursors {
    after: Option<String>,
}

impl CursorPage for Listing {
    type Item = String;

    fn items(self) -> Vec<String> {
        self.data
    }

    fn next_cursor(&self) -> Option<&str> {
        self.meta.as_ref()?.cursors.as_ref()?.after.as_deref()
    }
}

type ListError = Error<serde_json::Value>;

/// The page request for `cursor`: `page[after]=<cursor>`, or no cursor for
/// the first page.
fn request(base: &str, cursor: Option<&str>) -> Request {
    let mut query = Query::new();
    query.push("page[limit]", &2_i64);
    if let Some(cursor) = cursor {
        query.push("page[after]", cursor);
    }
    Request::new(Method::GET, base, "/calls")
        .retry_safe(true)
        .query(&query)
}

fn calls(
    server: &MockServer,
    first: Option<&str>,
    max_pages: u64,
) -> impl futures_core::Stream<Item = Result<String, ListError>> {
    #[allow(clippy::unwrap_used, reason = "building the client cannot fail here")]
    let client = HttpClient::new(&HttpConfig::default()).unwrap();
    let base = server.uri();
    paginate_cursor_with_limit(first.map(str::to_owned), max_pages, move |cursor| {
        let client = client.clone();
        let request = request(&base, cursor.as_deref());
        async move { client.send::<Listing, serde_json::Value>(request).await }
    })
}

fn page(items: &[&str], after: Option<&str>) -> serde_json::Value {
    match after {
        Some(after) => {
            json!({"data": items, "meta": {"cursors": {"after": after, "before": "b"}, "total_items": 5}})
        }
        None => json!({"data": items, "meta": {"cursors": {"before": "b"}, "total_items": 5}}),
    }
}

/// Answers the request for the page after `cursor` (`None`: the first).
async fn mount(server: &MockServer, cursor: Option<&str>, body: serde_json::Value, expected: u64) {
    let mock = Mock::given(path("/calls")).and(query_param("page[limit]", "2"));
    let mock = match cursor {
        Some(cursor) => mock.and(query_param("page[after]", cursor)),
        None => mock.and(query_param_is_missing("page[after]")),
    };
    mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(expected)
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
async fn follows_the_after_cursor_until_a_page_has_none() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a", "b"], Some("c1")), 1).await;
    mount(&server, Some("c1"), page(&["c", "d"], Some("c2")), 1).await;
    mount(&server, Some("c2"), page(&["e"], None), 1).await;

    let all: Vec<String> = calls(&server, None, 100)
        .map(|item| item.unwrap())
        .collect()
        .await;
    assert_eq!(all, ["a", "b", "c", "d", "e"]);
    assert_eq!(request_count(&server).await, 3);
}

#[tokio::test]
async fn starts_from_the_given_cursor() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["x"], Some("c1")), 0).await;
    mount(&server, Some("c1"), page(&["c"], None), 1).await;

    let all: Vec<String> = calls(&server, Some("c1"), 100)
        .map(|item| item.unwrap())
        .collect()
        .await;
    assert_eq!(all, ["c"]);
}

#[tokio::test]
async fn an_empty_cursor_or_an_empty_page_ends_the_listing() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a"], Some("")), 1).await;
    let all: Vec<String> = calls(&server, None, 100)
        .map(|item| item.unwrap())
        .collect()
        .await;
    assert_eq!(all, ["a"]);

    let server = MockServer::start().await;
    mount(&server, None, page(&[], Some("c1")), 1).await;
    mount(&server, Some("c1"), page(&["x"], None), 0).await;
    let all: Vec<String> = calls(&server, None, 100)
        .map(|item| item.unwrap())
        .collect()
        .await;
    assert!(all.is_empty());
}

#[tokio::test]
async fn a_cursor_handed_back_twice_ends_the_walk_with_an_error() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a"], Some("c1")), 1).await;
    mount(&server, Some("c1"), page(&["b"], Some("c2")), 1).await;
    // The server loops back to a cursor it already gave.
    mount(&server, Some("c2"), page(&["c"], Some("c1")), 1).await;

    let results: Vec<Result<String, ListError>> = calls(&server, None, 100).collect().await;
    assert_eq!(results.len(), 4);
    assert_eq!(results[2].as_ref().unwrap(), "c");
    let err = results[3].as_ref().unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::CursorRepeated { pages: 3 }),
        "{err:?}"
    );
    assert!(err.to_string().contains("did not advance"), "{err}");
    assert_eq!(request_count(&server).await, 3);
}

#[tokio::test]
async fn the_page_cap_bounds_an_endless_listing() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a"], Some("c1")), 1).await;
    mount(&server, Some("c1"), page(&["b"], Some("c2")), 1).await;
    mount(&server, Some("c2"), page(&["c"], Some("c3")), 0).await;

    let results: Vec<Result<String, ListError>> = calls(&server, None, 2).collect().await;
    assert_eq!(results.len(), 3);
    assert!(matches!(
        results[2].as_ref().unwrap_err().kind(),
        ErrorKind::PageLimit { max_pages: 2 }
    ));
}

#[tokio::test]
async fn pages_are_fetched_only_when_needed_and_errors_end_the_stream() {
    let server = MockServer::start().await;
    mount(&server, None, page(&["a", "b"], Some("c1")), 1).await;
    Mock::given(path("/calls"))
        .and(query_param("page[after]", "c1"))
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;

    let mut stream = pin!(calls(&server, None, 100));
    assert_eq!(stream.next().await.unwrap().unwrap(), "a");
    assert_eq!(stream.next().await.unwrap().unwrap(), "b");
    assert_eq!(request_count(&server).await, 1);
    assert!(stream.next().await.unwrap().unwrap_err().is_not_found());
    assert!(stream.next().await.is_none());
    assert_eq!(request_count(&server).await, 2);
}

#[test]
fn paginate_cursor_uses_the_default_cap() {
    // Type-level use of the default entry point, so both stay exported.
    let _stream = paginate_cursor(None, |_cursor: Option<String>| async {
        Err::<Listing, ListError>(Error::from(ErrorKind::PageLimit { max_pages: 0 }))
    });
}
