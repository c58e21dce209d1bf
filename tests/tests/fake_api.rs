//! The generated fake (`telnyx_sip::fake`, feature `fake`), end to end: a
//! user's scenario through the typed client, every declared resource's
//! CRUD driven from the fake's own table (so a resource added to the spec
//! is covered without a new test), validation, auth, injected failures,
//! the 429 mode against the client's retry, both kinds of pagination
//! streams, seeding and reset.

use std::time::Duration;

use futures_util::TryStreamExt;
use serde_json::{json, Value};
use telnyx_sip::fake::{Fake, API};
use telnyx_sip::runtime::fake::table::{Auth, Operation, Resource};
use telnyx_sip::runtime::fake::RateLimit;
use telnyx_sip::runtime::reqwest;
use telnyx_sip::runtime::{Nullable, RetryPolicy};
use telnyx_sip::{
    CreateCredentialConnectionRequest, CreateOutboundVoiceProfileRequest, CredentialOutbound,
    ListActiveCallsQuery, ListCredentialConnectionsQuery, ListIpsQuery, TrafficType,
    UpdateOutboundVoiceProfileRequest,
};

type Decode = fn(&[u8]) -> Result<(), String>;

include!(concat!(env!("OUT_DIR"), "/responses.rs"));

fn decode<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<(), String> {
    serde_json::from_slice::<T>(body)
        .map(drop)
        .map_err(|e| e.to_string())
}

/// Decodes a response body with the type the client would use.
fn decodes_as_the_client_would(operation: &str, body: &[u8]) {
    let Some((_, decode)) = RESPONSES.iter().find(|(name, _)| *name == operation) else {
        panic!("no response type for `{operation}`");
    };
    if let Err(problem) = decode(body) {
        panic!(
            "`{operation}`'s response does not decode: {problem}\n{}",
            String::from_utf8_lossy(body)
        );
    }
}

/// A client that retries quickly, so retry tests take milliseconds.
fn fast_client(fake: &Fake) -> telnyx_sip::Client {
    let policy = RetryPolicy {
        max_retries: 2,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        ..RetryPolicy::default()
    };
    match fake.client_builder().retry_policy(policy).build() {
        Ok(client) => client,
        Err(e) => panic!("{e}"),
    }
}

fn profile(name: &str) -> CreateOutboundVoiceProfileRequest {
    let mut body = CreateOutboundVoiceProfileRequest::new(name);
    body.concurrent_call_limit = Nullable::Value(10);
    body
}

#[tokio::test]
async fn the_provisioning_scenario_runs_against_the_fake() {
    let fake = Fake::start().await.unwrap_or_else(|e| panic!("{e}"));
    let client = fake.client();

    // An outbound voice profile: the server assigns the id and timestamps
    // and applies the documented defaults.
    let created = client
        .outbound_voice_profiles()
        .create(&profile("office"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let profile = created.data;
    let profile_id = profile.id.clone().unwrap_or_default();
    assert!(!profile_id.is_empty());
    assert!(profile.created_at.is_some() && profile.updated_at.is_some());
    assert_eq!(
        profile.record_type.as_deref(),
        Some("outbound_voice_profile")
    );
    assert_eq!(profile.traffic_type, Some(TrafficType::Conversational));
    assert_eq!(
        profile.whitelisted_destinations,
        Some(vec!["US".to_owned(), "CA".to_owned()])
    );
    assert_eq!(profile.concurrent_call_limit, Nullable::Value(10));

    // A credential connection that uses it, and one that does not.
    for (name, uses_profile) in [("office-sip", true), ("lab-sip", false)] {
        let mut body = CreateCredentialConnectionRequest::new(name, "secret-password-1", name);
        if uses_profile {
            body = body.outbound(
                CredentialOutbound::default().outbound_voice_profile_id(profile_id.clone()),
            );
        }
        client
            .credential_connections()
            .create(&body)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }

    // Listed with a stream, filtered by the profile.
    let query = ListCredentialConnectionsQuery::new()
        .page_size(1)
        .filter_outbound_voice_profile_id(profile_id.clone());
    let listed: Vec<_> = client
        .credential_connections()
        .list_stream(&query)
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].connection_name.as_deref(), Some("office-sip"));
    let connection_id = listed[0].id.clone().unwrap_or_default();
    // The read-only view over every kind of connection sees both.
    let all = client
        .connections()
        .list(&Default::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all.data.len(), 2);
    let using_profile = client
        .connections()
        .list(
            &telnyx_sip::ListConnectionsQuery::new()
                .filter_outbound_voice_profile_id(profile_id.clone()),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<_> = using_profile
        .data
        .iter()
        .filter_map(|connection| connection.connection_name.as_deref())
        .collect();
    assert_eq!(names, ["office-sip"]);

    // An update with a null clears the field; absent fields stay.
    let mut update = UpdateOutboundVoiceProfileRequest::new("office");
    update.concurrent_call_limit = Nullable::Null;
    let updated = client
        .outbound_voice_profiles()
        .update(&profile_id, &update)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .data;
    assert_eq!(updated.concurrent_call_limit, Nullable::Null);
    assert_eq!(updated.traffic_type, Some(TrafficType::Conversational));
    assert_eq!(updated.created_at, profile.created_at);

    // Delete answers the deleted object; after it, 404 with the error body.
    let deleted = client
        .credential_connections()
        .delete(&connection_id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(deleted.data.id.as_deref(), Some(connection_id.as_str()));
    let error = match client
        .credential_connections()
        .retrieve(&connection_id)
        .await
    {
        Err(error) => error,
        Ok(found) => panic!("a deleted connection was found: {found:?}"),
    };
    assert!(error.is_not_found(), "{error}");
    let entry = error
        .envelope()
        .and_then(|envelope| envelope.errors.as_ref())
        .and_then(|errors| errors.first())
        .unwrap_or_else(|| panic!("no error entry: {error}"));
    assert_eq!(
        entry.code.as_ref().map(ToString::to_string).as_deref(),
        Some("404")
    );
    assert_eq!(entry.title.as_deref(), Some("Not Found"));

    // The log saw every call, in order, by operation.
    let operations: Vec<String> = fake
        .requests()
        .into_iter()
        .filter_map(|request| request.operation)
        .collect();
    assert_eq!(
        operations.first().map(String::as_str),
        Some("create_outbound_voice_profile")
    );
    assert_eq!(
        operations.last().map(String::as_str),
        Some("retrieve_credential_connection")
    );
    assert_eq!(fake.requests_to("delete_credential_connection").len(), 1);
}

/// The headers a request of `operation`'s group needs.
fn authenticated(
    fake: &Fake,
    request: reqwest::RequestBuilder,
    op: &Operation,
) -> reqwest::RequestBuilder {
    let group = API
        .groups
        .iter()
        .find(|group| group.name == op.group)
        .unwrap_or_else(|| panic!("no group `{}`", op.group));
    group.auth.iter().fold(request, |request, auth| match auth {
        Auth::Bearer { credential } => request.bearer_auth(fake.credential(credential)),
        Auth::Header { header, credential } => request.header(*header, fake.credential(credential)),
    })
}

fn operation(name: Option<&str>) -> Option<&'static Operation> {
    let name = name?;
    API.operations().find(|op| op.name == name)
}

fn with_json(request: reqwest::RequestBuilder, body: &Value) -> reqwest::RequestBuilder {
    request
        .header("content-type", "application/json")
        .body(body.to_string())
}

/// Sends `op` with the id in its last path parameter; the status and body.
async fn send(
    fake: &Fake,
    http: &reqwest::Client,
    op: &Operation,
    id: &str,
    body: Option<&Value>,
) -> (u16, Vec<u8>) {
    let mut path = String::new();
    for part in op.path.split('/').filter(|part| !part.is_empty()) {
        path.push('/');
        path.push_str(if part.starts_with('{') { id } else { part });
    }
    let method = reqwest::Method::from_bytes(op.method.as_bytes()).unwrap_or(reqwest::Method::GET);
    let url = format!("{}{path}", fake.base_url(op.group));
    let mut request = authenticated(fake, http.request(method, url), op);
    if let Some(body) = body {
        request = with_json(request, body);
    }
    let response = request.send().await.unwrap_or_else(|e| panic!("{e}"));
    let status = response.status().as_u16();
    let bytes = response.bytes().await.unwrap_or_default().to_vec();
    (status, bytes)
}

/// The object in a response: the body itself, or the field of an envelope
/// that holds an object with the id field.
fn object_in(body: &[u8], id_field: &str) -> Value {
    let value: Value = serde_json::from_slice(body).unwrap_or_default();
    if value.get(id_field).is_some() {
        return value;
    }
    value
        .as_object()
        .and_then(|map| map.values().find(|v| v.get(id_field).is_some()).cloned())
        .unwrap_or(Value::Null)
}

fn id_of(object: &Value, resource: &Resource) -> String {
    match &object[resource.id] {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[tokio::test]
async fn every_declared_resource_keeps_its_objects() {
    let fake = Fake::start().await.unwrap_or_else(|e| panic!("{e}"));
    let http = reqwest::Client::new();
    let mut covered = 0;
    for resource in API.resources().filter(|r| r.view_of.is_empty()) {
        let name = resource.name;
        let Some(create) = operation(resource.create) else {
            continue;
        };
        covered += 1;
        let body = fake.example_request(create.name);
        let (status, bytes) = send(&fake, &http, create, "", body.as_ref()).await;
        assert!(
            (200..300).contains(&status),
            "{name}: create answered {status}"
        );
        decodes_as_the_client_would(create.name, &bytes);
        let created = object_in(&bytes, resource.id);
        let id = id_of(&created, resource);
        assert!(!id.is_empty() && id != "null", "{name}: no id in {created}");
        assert_eq!(fake.objects(name).len(), 1, "{name}");

        if let Some(retrieve) = operation(resource.retrieve) {
            let (status, bytes) = send(&fake, &http, retrieve, &id, None).await;
            assert_eq!(status, 200, "{name}: retrieve");
            decodes_as_the_client_would(retrieve.name, &bytes);
            assert_eq!(object_in(&bytes, resource.id), created, "{name}: retrieve");
            let (status, _) = send(&fake, &http, retrieve, "no-such-id", None).await;
            assert_eq!(status, 404, "{name}: retrieve of an unknown id");
        }
        if let Some(list) = operation(resource.list) {
            let (status, bytes) = send(&fake, &http, list, "", None).await;
            assert_eq!(status, 200, "{name}: list");
            decodes_as_the_client_would(list.name, &bytes);
            let text = String::from_utf8_lossy(&bytes);
            assert!(text.contains(&id), "{name}: the list lacks {id}: {text}");
        }
        if let Some(update) = operation(resource.update) {
            let body = fake.example_request(update.name);
            let (status, bytes) = send(&fake, &http, update, &id, body.as_ref()).await;
            assert_eq!(status, 200, "{name}: update");
            decodes_as_the_client_would(update.name, &bytes);
            let updated = object_in(&bytes, resource.id);
            assert_eq!(
                id_of(&updated, resource),
                id,
                "{name}: the update changed the id"
            );
            if let (Some(field), Some(created_at)) = (
                resource.created_at,
                resource.created_at.map(|f| &created[f]),
            ) {
                assert_eq!(
                    &updated[field], created_at,
                    "{name}: the update changed {field}"
                );
            }
            let (status, _) = send(&fake, &http, update, "no-such-id", body.as_ref()).await;
            assert_eq!(status, 404, "{name}: update of an unknown id");
        }
        if let Some(delete) = operation(resource.delete) {
            let (status, bytes) = send(&fake, &http, delete, &id, None).await;
            assert_eq!(status, 200, "{name}: delete");
            decodes_as_the_client_would(delete.name, &bytes);
            assert_eq!(id_of(&object_in(&bytes, resource.id), resource), id);
            assert!(
                fake.objects(name).is_empty(),
                "{name}: still kept after delete"
            );
            let (status, _) = send(&fake, &http, delete, &id, None).await;
            assert_eq!(status, 404, "{name}: a second delete");
        }
    }
    assert!(covered >= 10, "only {covered} resources were exercised");

    // A view lists and reads the objects of the resources it shows.
    for view in API.resources().filter(|r| !r.view_of.is_empty()) {
        let mut ids = Vec::new();
        for source in view.view_of {
            let source = API
                .resources()
                .find(|r| r.name == *source)
                .unwrap_or_else(|| panic!("{}: no resource `{source}`", view.name));
            let Some(create) = operation(source.create) else {
                continue;
            };
            let body = fake.example_request(create.name);
            let (status, bytes) = send(&fake, &http, create, "", body.as_ref()).await;
            assert!(
                (200..300).contains(&status),
                "{}: create answered {status}",
                source.name
            );
            ids.push(id_of(&object_in(&bytes, source.id), source));
        }
        assert!(!ids.is_empty(), "{}: no source creates objects", view.name);
        if let Some(list) = operation(view.list) {
            let (status, bytes) = send(&fake, &http, list, "", None).await;
            assert_eq!(status, 200, "{}: list", view.name);
            decodes_as_the_client_would(list.name, &bytes);
            let text = String::from_utf8_lossy(&bytes);
            for id in &ids {
                assert!(
                    text.contains(id.as_str()),
                    "{}: the list lacks {id}",
                    view.name
                );
            }
        }
        if let Some(retrieve) = operation(view.retrieve) {
            for id in &ids {
                let (status, bytes) = send(&fake, &http, retrieve, id, None).await;
                assert_eq!(status, 200, "{}: retrieve {id}", view.name);
                decodes_as_the_client_would(retrieve.name, &bytes);
            }
            let (status, _) = send(&fake, &http, retrieve, "no-such-id", None).await;
            assert_eq!(status, 404, "{}: retrieve of an unknown id", view.name);
        }
    }
}

#[tokio::test]
async fn bodies_and_parameters_are_validated_like_the_server() {
    let fake = Fake::start().await.unwrap_or_else(|e| panic!("{e}"));
    // The client's own constraint check would refuse these before sending.
    let client = match fake.client_builder().check_constraints(false).build() {
        Ok(client) => client,
        Err(e) => panic!("{e}"),
    };
    let pointer_of = |error: &telnyx_sip::Error| -> Vec<String> {
        error
            .envelope()
            .and_then(|envelope| envelope.errors.clone())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|entry| entry.source.and_then(|s| s.pointer.or(s.parameter)))
            .collect()
    };

    let too_short = client
        .outbound_voice_profiles()
        .create(&CreateOutboundVoiceProfileRequest::new("ab"))
        .await;
    let error = too_short
        .err()
        .unwrap_or_else(|| panic!("a 2-character name was accepted"));
    assert!(error.is_validation(), "{error}");
    assert_eq!(pointer_of(&error), ["/name"]);

    let unknown_value = client
        .outbound_voice_profiles()
        .create(
            &CreateOutboundVoiceProfileRequest::new("office").traffic_type(TrafficType::Unknown(
                telnyx_sip::runtime::UnknownValue::new(json!("bulk")),
            )),
        )
        .await;
    let error = unknown_value
        .err()
        .unwrap_or_else(|| panic!("an unknown enum value was accepted"));
    assert_eq!(pointer_of(&error), ["/traffic_type"]);

    let page_too_big = client.ips().list(&ListIpsQuery::new().page_size(251)).await;
    let error = page_too_big
        .err()
        .unwrap_or_else(|| panic!("page[size]=251 was accepted"));
    assert!(error.is_validation(), "{error}");
    assert_eq!(pointer_of(&error), ["page[size]"]);

    // What the typed client cannot send: a missing required field, a wrong
    // JSON type, a nested problem.
    let http = reqwest::Client::new();
    let url = format!("{}/outbound_voice_profiles", fake.base_url_v2());
    let response = http
        .post(&url)
        .bearer_auth(fake.credential("api_key"))
        .header("content-type", "application/json")
        .body(
            json!({"enabled": "yes", "call_recording": {"call_recording_format": "ogg"}})
                .to_string(),
        )
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status().as_u16(), 422);
    let body: Value =
        serde_json::from_slice(&response.bytes().await.unwrap_or_default()).unwrap_or_default();
    let pointers: Vec<&str> = body["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|entry| entry["source"]["pointer"].as_str())
        .collect();
    assert_eq!(
        pointers,
        ["/name", "/enabled", "/call_recording/call_recording_format"]
    );
    assert_eq!(body["errors"][0]["detail"], "`name` is required");
    assert!(fake.objects("outbound_voice_profiles").is_empty());
}

#[tokio::test]
async fn credentials_are_checked_per_api_group() {
    let fake = Fake::start().await.unwrap_or_else(|e| panic!("{e}"));
    let wrong = match fake.client_builder().api_key("not-the-key").build() {
        Ok(client) => client,
        Err(e) => panic!("{e}"),
    };
    let error = wrong
        .ips()
        .list(&Default::default())
        .await
        .err()
        .unwrap_or_else(|| panic!("a wrong key was accepted"));
    assert!(error.is_unauthorized(), "{error}");
    assert_eq!(error.status(), Some(401));

    // The v1 group wants its two headers, not the v2 bearer token.
    let http = reqwest::Client::new();
    let url = format!("{}/security/connections", fake.base_url_v1());
    let bearer_only = http
        .post(&url)
        .bearer_auth(fake.credential("api_key"))
        .header("content-type", "application/json")
        .body(json!({"connection_name": "x"}).to_string())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bearer_only.status().as_u16(), 401);
    let body: Value =
        serde_json::from_slice(&bearer_only.bytes().await.unwrap_or_default()).unwrap_or_default();
    assert_eq!(
        body["errors"][0]["detail"],
        "the `x-api-user` header is missing"
    );
    assert!(body["errors"][0].get("source").is_none());

    let right = fake.client();
    right
        .ips()
        .list(&Default::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

#[tokio::test]
async fn injected_failures_answer_once_and_retries_get_past_them() {
    let fake = Fake::start().await.unwrap_or_else(|e| panic!("{e}"));
    let client = fast_client(&fake);
    let created = client
        .ips()
        .create(&telnyx_sip::CreateIpRequest::new("192.0.2.10"))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .data;
    let id = created.id.unwrap_or_default();

    // A GET is retried past one 503.
    fake.fail_next("retrieve_ip", 503, None);
    client
        .ips()
        .retrieve(&id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let statuses: Vec<u16> = fake
        .requests_to("retrieve_ip")
        .iter()
        .map(|request| request.status)
        .collect();
    assert_eq!(statuses, [503, 200]);

    // A POST is not retried; the chosen body arrives as sent.
    let body = json!({"errors": [{"code": "10015", "title": "Bad Request", "detail": "chosen"}]});
    fake.fail_next("create_ip", 409, Some(body));
    let error = client
        .ips()
        .create(&telnyx_sip::CreateIpRequest::new("192.0.2.11"))
        .await
        .err()
        .unwrap_or_else(|| panic!("the injected failure did not happen"));
    assert_eq!(error.status(), Some(409));
    assert_eq!(error.retries(), 0);
    let detail = error
        .envelope()
        .and_then(|e| e.errors.as_ref())
        .and_then(|errors| errors.first())
        .and_then(|entry| entry.detail.clone());
    assert_eq!(detail.as_deref(), Some("chosen"));
    assert_eq!(fake.objects("ips").len(), 1);
}

#[tokio::test]
async fn the_rate_limit_mode_answers_429_with_retry_after_and_the_client_waits_it_out() {
    let fake = Fake::start().await.unwrap_or_else(|e| panic!("{e}"));
    let client = fast_client(&fake);
    fake.rate_limit(RateLimit::next(2).retry_after(Duration::ZERO));
    client
        .ips()
        .list(&Default::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let statuses: Vec<u16> = fake.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [429, 429, 200]);

    fake.rate_limit(RateLimit::always().retry_after(Duration::from_secs(3)));
    let http = reqwest::Client::new();
    let response = http
        .get(format!("{}/ips", fake.base_url_v2()))
        .bearer_auth(fake.credential("api_key"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status().as_u16(), 429);
    assert_eq!(
        response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("3")
    );
    fake.rate_limit(RateLimit::always().retry_after(Duration::ZERO));
    let error = client
        .ips()
        .list(&Default::default())
        .await
        .err()
        .unwrap_or_else(|| panic!("the rate limit did not hold"));
    assert!(error.is_rate_limited(), "{error}");
    assert_eq!(error.retries(), 2);
    fake.clear_rate_limit();
    assert!(client.ips().list(&Default::default()).await.is_ok());
}

#[tokio::test]
async fn lists_page_by_number_and_by_cursor_through_the_streams() {
    let fake = Fake::start().await.unwrap_or_else(|e| panic!("{e}"));
    let client = fake.client();
    for n in 1..=5 {
        client
            .ips()
            .create(&telnyx_sip::CreateIpRequest::new(format!("192.0.2.{n}")))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let page = client
        .ips()
        .list(&ListIpsQuery::new().page_size(2).page_number(3))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let meta = page.meta.unwrap_or_default();
    assert_eq!(
        (
            meta.page_number,
            meta.page_size,
            meta.total_pages,
            meta.total_results
        ),
        (Some(3), Some(2), Some(3), Some(5))
    );
    assert_eq!(page.data.len(), 1);
    let ips: Vec<_> = client
        .ips()
        .list_stream(&ListIpsQuery::new().page_size(2))
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addresses: Vec<String> = ips.into_iter().filter_map(|ip| ip.ip_address).collect();
    assert_eq!(
        addresses,
        [
            "192.0.2.1",
            "192.0.2.2",
            "192.0.2.3",
            "192.0.2.4",
            "192.0.2.5"
        ]
    );
    assert_eq!(fake.requests_to("list_ips").len(), 1 + 3);

    // Active calls have no resource: the test chooses the items; the
    // connection in the path must exist.
    let connection = client
        .credential_connections()
        .create(&CreateCredentialConnectionRequest::new(
            "user",
            "secret-password-1",
            "sip",
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .data
        .id
        .unwrap_or_default();
    let calls: Vec<Value> = (0..5)
        .map(|n| json!({"call_control_id": format!("call-{n}"), "record_type": "call"}))
        .collect();
    fake.set_items("list_active_calls", calls);
    let query = ListActiveCallsQuery::new().page_limit(2);
    let streamed: Vec<_> = client
        .connections()
        .list_active_calls_stream(&connection, &query)
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<String> = streamed
        .into_iter()
        .map(|call| call.call_control_id)
        .collect();
    assert_eq!(ids, ["call-0", "call-1", "call-2", "call-3", "call-4"]);
    assert_eq!(fake.requests_to("list_active_calls").len(), 3);
    let error = client
        .connections()
        .list_active_calls("no-such-connection", &query)
        .await
        .err()
        .unwrap_or_else(|| panic!("an unknown connection had calls"));
    assert!(error.is_not_found(), "{error}");
}

#[tokio::test]
async fn seeding_fills_state_from_the_samples_and_reset_empties_it() {
    let fake = Fake::start().await.unwrap_or_else(|e| panic!("{e}"));
    let client = fake.client();
    fake.seed_samples();
    // Two request samples of create_outbound_voice_profile, created as a
    // request would create them.
    let profiles = client
        .outbound_voice_profiles()
        .list(&Default::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(profiles.data.len(), 2);
    assert!(profiles.data.iter().all(|p| p.id.is_some()));
    let connections = fake.objects("credential_connections");
    assert_eq!(connections.len(), 1);
    assert_eq!(connections[0]["connection_name"], "office-connection");
    // The active-calls list answers its response sample's items.
    let id = connections[0]["id"].as_str().unwrap_or_default().to_owned();
    let calls = client
        .connections()
        .list_active_calls(&id, &Default::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!calls.data.is_empty());
    // An action without a sample answers an example of its response type.
    let status = client
        .credential_connections()
        .check_registration_status(&id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = status.data;

    fake.reset();
    assert!(fake.requests().is_empty());
    assert!(fake.objects("outbound_voice_profiles").is_empty());
    let after = client
        .outbound_voice_profiles()
        .list(&Default::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(after.data.is_empty());

    // A test can also place an object exactly as it wants it.
    let stored = fake.insert("ips", json!({"ip_address": "198.51.100.1", "port": 5070}));
    let id = stored["id"].as_str().unwrap_or_default().to_owned();
    let ip = client
        .ips()
        .retrieve(&id)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .data;
    assert_eq!(ip.port, Some(5070));
    assert_eq!(ip.record_type.as_deref(), Some("ip"));
}

#[tokio::test]
async fn an_injected_delay_runs_the_clients_time_budget_out() {
    let fake = Fake::start().await.unwrap_or_else(|e| panic!("{e}"));
    let client = match fake
        .client_builder()
        .timeout(Duration::from_millis(50))
        .max_retries(0)
        .build()
    {
        Ok(client) => client,
        Err(e) => panic!("{e}"),
    };
    fake.delay_next("list_ips", Duration::from_secs(2));
    let error = client
        .ips()
        .list(&Default::default())
        .await
        .err()
        .unwrap_or_else(|| panic!("the delay did not hold the answer back"));
    assert!(error.is_timeout(), "{error}");
    // Only the next call waits.
    client
        .ips()
        .list(&Default::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}
