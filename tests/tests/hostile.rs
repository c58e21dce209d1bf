//! The naming obstacle course (`tests/fixtures/hostile/`) does not only
//! compile: its odd shapes send the right requests. A paginated list under
//! a parent id streams every page with the parent in each request's path;
//! path parameters named like the generator's own locals (`query`,
//! `request`, `body`, `page`) reach the path and the body goes in the body;
//! a cursor-paginated list follows a cursor reached through a nullable link.

use futures_util::TryStreamExt;
use hostile_client::{Client, Item, ListCursorQuery, ListThingsQuery};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn start() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::builder()
        .max_retries(0)
        .api_key("k")
        .api_user("u")
        .api_token("t")
        .base_url_modern(server.uri())
        .base_url_legacy(server.uri())
        .build()
        .unwrap_or_else(|err| panic!("{err}"));
    (server, client)
}

fn page(ids: &[&str], number: i64, total: i64) -> serde_json::Value {
    let data: Vec<_> = ids
        .iter()
        .map(|id| json!({"id": id, "when": null}))
        .collect();
    json!({"data": data, "meta": {"page_number": number, "total_pages": total}})
}

#[tokio::test]
async fn a_paginated_list_under_a_parent_streams_every_page_of_that_parent() {
    let (server, client) = start().await;
    for (number, ids) in [(1, vec!["a", "b"]), (2, vec!["c"])] {
        Mock::given(method("GET"))
            .and(path("/parents/p%2F1/things"))
            .and(query_param("page[number]", number.to_string()))
            .and(query_param("filter[level]", "-1"))
            .and(header("authorization", "Bearer k"))
            .respond_with(ResponseTemplate::new(200).set_body_json(page(&ids, number, 2)))
            .expect(1)
            .mount(&server)
            .await;
    }
    let query = ListThingsQuery::new().filter_level(hostile_client::Level::Below);
    let stream = client.things().list_stream("p/1", &query);
    let items: Vec<Item> = std::pin::pin!(stream)
        .try_collect()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let ids: Vec<&str> = items.iter().map(|item| item.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
}

#[tokio::test]
async fn path_parameters_named_like_locals_reach_the_path() {
    let (server, client) = start().await;
    Mock::given(method("PUT"))
        .and(path("/things/r/7"))
        .and(body_json(json!({"id": "x", "when": null})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/parents/q/things"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "x", "when": "now"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/legacy/raw/5"))
        .and(header("x-api-user", "u"))
        .and(header("x-api-token", "t"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let item = Item::new("x", None);
    client
        .things()
        .builder("r", &7, &item)
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let created = client
        .things()
        .new("q", &item)
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(created.when.as_deref(), Some("now"));
    client
        .raw()
        .list_stream(&5)
        .await
        .unwrap_or_else(|err| panic!("{err}"));
}

#[tokio::test]
async fn a_cursor_list_under_a_parent_named_page_follows_the_nullable_next_link() {
    let (server, client) = start().await;
    let pages = [
        (
            None,
            json!({"items": [{"id": "a"}], "links": {"next": {"cursor": "c1"}}}),
        ),
        (
            Some("c1"),
            json!({"items": [{"id": "b"}], "links": {"next": null}}),
        ),
    ];
    for (cursor, body) in pages {
        let mock = Mock::given(method("GET"))
            .and(path("/parents/p%2F2/cursor"))
            .and(query_param("handle", "h"));
        let mock = match cursor {
            Some(cursor) => mock.and(query_param("after", cursor)),
            None => mock.and(query_param_is_missing("after")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
    }
    let query = ListCursorQuery::new().handle("h");
    let items: Vec<Item> = std::pin::pin!(client.things().cursor_stream("p/2", &query))
        .try_collect()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let ids: Vec<&str> = items.iter().map(|item| item.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
}

#[tokio::test]
async fn the_obstacle_courses_fake_keeps_what_its_client_creates() {
    let fake = hostile_client::fake::Fake::start()
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let client = fake.client();
    let created = client
        .things()
        .new("parent", &Item::new("chosen-by-client", None::<String>))
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    // The fake assigns the id; the body's is not the server's to take.
    assert_ne!(created.id, "chosen-by-client");
    let page = client
        .things()
        .list_top(&hostile_client::ListTopQuery::new())
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let ids: Vec<&str> = page.data.iter().map(|item| item.id.as_str()).collect();
    assert_eq!(ids, [created.id.as_str()]);
    // The legacy group checks its headers.
    let anonymous = Client::builder()
        .base_url_legacy(fake.base_url_legacy())
        .api_user("u")
        .api_token("t")
        .build()
        .unwrap_or_else(|err| panic!("{err}"));
    let error = anonymous
        .raw()
        .list_with_response()
        .await
        .err()
        .unwrap_or_else(|| panic!("wrong legacy credentials were accepted"));
    assert_eq!(error.status(), Some(401));
}

#[test]
fn text_types_named_like_the_runtime_and_std_decode_and_encode_exactly() {
    // `String` (a struct here) holds a required `TextOrNumber` and a
    // required nullable `Text`: what arrives is what is written back.
    let text = r#"{"text":"t","code":7,"label":null}"#;
    let value: hostile_client::String =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value.code, "7");
    assert_eq!(value.code.as_str(), "7");
    assert_eq!(value.label, None);
    assert_eq!(
        serde_json::to_string(&value).unwrap_or_else(|e| panic!("{e}")),
        text
    );
    let text = r#"{"text":"t","code":"7","label":"x"}"#;
    let value: hostile_client::String =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value.label, Some(hostile_client::Text::from("x")));
    assert_eq!(
        serde_json::to_string(&value).unwrap_or_else(|e| panic!("{e}")),
        text
    );
    // A required text type refuses another shape: the type cannot be built
    // without it.
    assert!(serde_json::from_str::<hostile_client::String>(
        r#"{"text":"t","code":{},"label":null}"#
    )
    .is_err());
    // Strings only: a number in an optional map of them is kept aside whole.
    let item = json!({"id": "a", "when": null, "labels": {"k": 1}, "code": 2.5});
    let decoded: Item = serde_json::from_value(item.clone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(decoded.labels, hostile_client::runtime::Nullable::Absent);
    assert_eq!(
        decoded.code.as_ref().map(|code| code.to_string()),
        Some("2.5".into())
    );
    assert_eq!(
        serde_json::to_value(&decoded).unwrap_or_else(|e| panic!("{e}")),
        item
    );
}

#[tokio::test]
async fn text_types_travel_as_their_text_in_the_path_and_the_query() {
    let (server, client) = start().await;
    Mock::given(method("GET"))
        .and(path("/codes/a%2Fb"))
        .and(query_param("also", "10015"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": "x", "when": null, "code": 10015})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let code: hostile_client::TextOrNumber =
        serde_json::from_str("10015").unwrap_or_else(|e| panic!("{e}"));
    let item = client
        .things()
        .by_code(
            &hostile_client::Text::from("a/b"),
            &hostile_client::ByCodeQuery::new().also(code.clone()),
        )
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(item.code, Some(code));
}
