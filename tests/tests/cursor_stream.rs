//! The cursor-paginated list (a connection's active calls, page 005) as a
//! stream: every page is asked for with the cursor the page before named,
//! under the same connection, until a page names none.

// Tests state their expectations with `unwrap`; a panic with the failing
// value is the report a failing test should give.
#![allow(clippy::unwrap_used, clippy::expect_used)]

// Only some of the shared helpers are used here; the rest serve operations.rs.
#[allow(dead_code)]
mod common;

use common::{ok, start, v2};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::{json, Value};
use telnyx_sip::ListActiveCallsQuery;
use wiremock::matchers::{query_param, query_param_is_missing};
use wiremock::MockServer;

const CONNECTION: &str = "1293384261075731461";
const PATH: &str = "/v2/connections/1293384261075731461/active_calls";

fn call(id: &str) -> Value {
    json!({
        "call_control_id": id,
        "call_duration": 12,
        "call_leg_id": format!("leg-{id}"),
        "call_session_id": format!("session-{id}"),
        "client_state": "",
        "record_type": "call"
    })
}

/// A page of `ids`; `after` names the next page (none on the last).
fn page(ids: &[&str], after: Option<&str>) -> Value {
    let mut cursors = json!({ "before": "v1:before" });
    if let Some(after) = after {
        cursors["after"] = json!(after);
    }
    json!({
        "data": ids.iter().map(|id| call(id)).collect::<Vec<_>>(),
        "meta": { "cursors": cursors, "total_items": 5 }
    })
}

/// Answers the page after `cursor` (`None`: the first page), `expected` times.
async fn mount(server: &MockServer, cursor: Option<&str>, body: Value, expected: u64) {
    let mock = v2("GET", PATH).and(query_param("page[limit]", "2"));
    let mock = match cursor {
        Some(cursor) => mock.and(query_param("page[after]", cursor)),
        None => mock.and(query_param_is_missing("page[after]")),
    };
    mock.respond_with(ok(&body))
        .expect(expected)
        .mount(server)
        .await;
}

fn two_per_page() -> ListActiveCallsQuery {
    ListActiveCallsQuery::new().page_limit(2)
}

#[tokio::test]
async fn the_stream_follows_the_after_cursor_until_a_page_names_none() {
    let (server, client) = start().await;
    mount(&server, None, page(&["a", "b"], Some("v1:c1")), 1).await;
    mount(&server, Some("v1:c1"), page(&["c", "d"], Some("v1:c2")), 1).await;
    mount(&server, Some("v1:c2"), page(&["e"], None), 1).await;

    let ids: Vec<String> = client
        .connections()
        .list_active_calls_stream(CONNECTION, &two_per_page())
        .map_ok(|call| call.call_control_id)
        .try_collect()
        .await
        .unwrap();

    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    server.verify().await;
}

#[tokio::test]
async fn the_stream_starts_after_the_query_cursor() {
    let (server, client) = start().await;
    mount(&server, None, page(&["a", "b"], Some("v1:c1")), 0).await;
    mount(&server, Some("v1:c1"), page(&["c"], None), 1).await;
    let query = two_per_page().page_after("v1:c1");

    let ids: Vec<String> = client
        .connections()
        .list_active_calls_stream(CONNECTION, &query)
        .map_ok(|call| call.call_control_id)
        .try_collect()
        .await
        .unwrap();

    assert_eq!(ids, ["c"]);
    server.verify().await;
}

#[tokio::test]
async fn a_server_that_hands_a_cursor_back_cannot_make_the_stream_loop() {
    let (server, client) = start().await;
    mount(&server, None, page(&["a"], Some("v1:c1")), 1).await;
    mount(&server, Some("v1:c1"), page(&["b"], Some("v1:c1")), 1).await;

    let results: Vec<_> = client
        .connections()
        .list_active_calls_stream(CONNECTION, &two_per_page())
        .collect()
        .await;

    assert_eq!(results.len(), 3);
    assert_eq!(results[1].as_ref().unwrap().call_control_id, "b");
    let err = results[2].as_ref().unwrap_err();
    assert!(err.to_string().contains("did not advance"), "{err}");
    server.verify().await;
}
