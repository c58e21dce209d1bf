//! `paginate` against a local mock server: every item once, in order, and
//! no page fetched that the consumer did not need.

use std::pin::pin;

use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::json;
use telnyx_codegen_runtime::__private_v1::{
    paginate, HttpClient, HttpConfig, Method, Page, Query, Request,
};
use telnyx_codegen_runtime::Error;
use wiremock::matchers::{path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A list envelope like the ones generated code implements `Page` for.
#[derive(Debug, Deserialize)]
struct Listing {
    data: Vec<String>,
    #[serde(default)]
    meta: Option<Meta>,
}

#[derive(Debug, Deserialize)]
struct Meta {
    page_number: Option<i64>,
    total_pages: Option<i64>,
}

impl Page for Listing {
    type Item = String;

    fn items(self) -> Vec<String> {
        self.data
    }

    fn page_number(&self) -> Option<i64> {
        self.meta.as_ref().and_then(|meta| meta.page_number)
    }

    fn total_pages(&self) -> Option<i64> {
        self.meta.as_ref().and_then(|meta| meta.total_pages)
    }
}

type ListError = Error<serde_json::Value>;

/// Streams the items of `/items`, one request per page.
fn items(server: &MockServer) -> impl futures_core::Stream<Item = Result<String, ListError>> {
    #[allow(clippy::unwrap_used, reason = "building the client cannot fail here")]
    let client = HttpClient::new(&HttpConfig::default()).unwrap();
    let base = server.uri();
    paginate(1, move |number| {
        let client = client.clone();
        let mut query = Query::new();
        query.push("page[number]", &number);
        let request = Request::new(Method::GET, &base, "/items")
            .retry_safe(true)
            .query(&query);
        async move { client.send::<Listing, serde_json::Value>(request).await }
    })
}

async fn mount_page(server: &MockServer, number: i64, body: serde_json::Value, expected: u64) {
    Mock::given(path("/items"))
        .and(query_param("page[number]", number.to_string()))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(expected)
        .mount(server)
        .await;
}

fn page(items: &[&str], number: i64, total: Option<i64>) -> serde_json::Value {
    json!({"data": items, "meta": {"page_number": number, "total_pages": total}})
}

async fn request_count(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .map_or(0, |requests| requests.len())
}

#[tokio::test]
async fn three_pages_stream_every_item_once_in_order() {
    let server = MockServer::start().await;
    mount_page(&server, 1, page(&["a", "b"], 1, Some(3)), 1).await;
    mount_page(&server, 2, page(&["c", "d"], 2, Some(3)), 1).await;
    mount_page(&server, 3, page(&["e"], 3, Some(3)), 1).await;
    // A fourth page exists but total_pages says the listing has ended.
    mount_page(&server, 4, page(&["x"], 4, Some(3)), 0).await;

    let all: Vec<String> = items(&server).map(|item| item.unwrap()).collect().await;
    assert_eq!(all, ["a", "b", "c", "d", "e"]);
    assert_eq!(request_count(&server).await, 3);
}

#[tokio::test]
async fn an_empty_page_ends_the_listing() {
    let server = MockServer::start().await;
    mount_page(&server, 1, page(&["a"], 1, None), 1).await;
    mount_page(&server, 2, page(&[], 2, None), 1).await;
    mount_page(&server, 3, page(&["x"], 3, None), 0).await;

    let all: Vec<String> = items(&server).map(|item| item.unwrap()).collect().await;
    assert_eq!(all, ["a"]);
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn pages_are_fetched_only_when_needed_and_not_after_a_drop() {
    let server = MockServer::start().await;
    mount_page(&server, 1, page(&["a", "b"], 1, Some(5)), 1).await;
    mount_page(&server, 2, page(&["c"], 2, Some(5)), 0).await;

    {
        let mut stream = pin!(items(&server));
        assert_eq!(stream.next().await.unwrap().unwrap(), "a");
        // Still on page 1: nothing more fetched yet.
        assert_eq!(stream.next().await.unwrap().unwrap(), "b");
        assert_eq!(request_count(&server).await, 1);
    }
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn an_error_is_yielded_and_ends_the_stream() {
    let server = MockServer::start().await;
    mount_page(&server, 1, page(&["a"], 1, Some(3)), 1).await;
    Mock::given(path("/items"))
        .and(query_param("page[number]", "2"))
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    mount_page(&server, 3, page(&["c"], 3, Some(3)), 0).await;

    let results: Vec<Result<String, ListError>> = items(&server).collect().await;
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].as_ref().unwrap(), "a");
    assert!(results[1].as_ref().unwrap_err().is_not_found());
}
