//! Every operation of the generated client sends the documented request to a
//! mock server and decodes the documented response; error bodies decode into
//! the typed error; missing credentials send nothing; and values the spec
//! does not know survive a decode and re-encode.
//!
//! The expected method, path, query and body of each operation are written
//! by hand from the API documentation (`../shared/api-docs/003_*.txt` for the
//! v2 operations, `005_*` for access IP addresses, `000`, `002` and `004`
//! for the legacy v1 ones) and the
//! spec's samples, never computed from the generated code, so the tests are
//! an independent oracle.

// Tests state their expectations with `unwrap`/`expect`: a panic with the
// failing value is exactly the report a failing test should give, and the
// workspace lints that warn on them are meant for library code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{
    assert_raw_query, assert_reencodes, data, decode, ok, only_request, page_of, sample, start, v1,
    v2, RequestShape,
};
use serde_json::{json, Value};
use telnyx_sip::runtime::{ErrorKind, Nullable, Number, RequestOptions, Rule, UnknownValue};
use telnyx_sip::*;
use wiremock::matchers::{any, query_param};
use wiremock::{Mock, ResponseTemplate};

// ---------------------------------------------------------------------------
// Documented response objects. Each has the fields of the "Returns:" line of
// its resource on page 003 (or the v1 samples of page 002), with realistic
// values; the tests wrap them in the v2 envelopes.
// ---------------------------------------------------------------------------

const IP_ID: &str = "6a09cdc3-8948-47f0-aa62-74ac943d6c58";
const FQDN_ID: &str = "1517907029795014409";
const PROFILE_ID: &str = "1293384261075731499";
const CONNECTION_ID: &str = "1293384261075731499";
const CREDENTIAL_CONNECTION_ID: &str = "1516447646313612565";
const FQDN_CONNECTION_ID: &str = "1293384261075731499";
const IP_CONNECTION_ID: &str = "1516447646313612566";
const ACCESS_IP_RANGE_ID: &str = "f2a5f5e8-3b0e-4b3a-9a58-3c4d3d0a8a11";
const TERMINATION_ENDPOINT_ID: &str = "1516447646313612567";

/// Returns: cidr_block, created_at, description, id, status (pending,
/// added), updated_at, user_id.
fn access_ip_range_json() -> Value {
    json!({
        "id": ACCESS_IP_RANGE_ID,
        "cidr_block": "203.0.113.0/24",
        "status": "added",
        "description": "office",
        "user_id": "7d8c0b3e-6a2f-4c1e-9f4d-2b1a0c9e8d7f",
        "created_at": "2024-03-01T10:15:00Z",
        "updated_at": "2024-03-01T10:16:00Z"
    })
}

/// Returns: active, anchorsite_override, connection_name, created_at, id,
/// outbound_voice_profile_id, record_type, tags, updated_at,
/// webhook_api_version, webhook_event_failover_url, webhook_event_url.
fn connection_json() -> Value {
    json!({
        "id": CONNECTION_ID,
        "record_type": "ip_connection",
        "active": true,
        "anchorsite_override": "Latency",
        "connection_name": "office-connection",
        "outbound_voice_profile_id": PROFILE_ID,
        "tags": ["tag1", "tag2"],
        "webhook_api_version": "1",
        "webhook_event_url": "https://example.com",
        "webhook_event_failover_url": "https://failover.example.com",
        "created_at": "2018-02-02T22:25:27.521Z",
        "updated_at": "2018-02-02T22:25:27.521Z"
    })
}

/// The nested objects every connection kind shares.
fn rtcp_settings_json() -> Value {
    json!({ "port": "rtcp-mux", "capture_enabled": true, "report_frequency_secs": 10 })
}

fn jitter_buffer_json() -> Value {
    json!({ "enable_jitter_buffer": true, "jitterbuffer_msec_min": 60, "jitterbuffer_msec_max": 200 })
}

fn noise_suppression_details_json() -> Value {
    json!({ "engine": "deep_filter_net", "attenuation_limit": 80 })
}

/// Returns of the credential connection operations (003).
fn credential_connection_json() -> Value {
    json!({
        "id": CREDENTIAL_CONNECTION_ID,
        "record_type": "credential_connection",
        "active": true,
        "anchorsite_override": "Amsterdam, Netherlands",
        "android_push_credential_id": null,
        "call_cost_in_webhooks": false,
        "connection_name": "office-connection",
        "default_on_hold_comfort_noise_enabled": true,
        "dtmf_type": "RFC 2833",
        "encode_contact_header_enabled": false,
        "encrypted_media": "SRTP",
        "inbound": {
            "ani_number_format": "+E.164",
            "dnis_number_format": "+e164",
            "codecs": ["G722", "G711U"],
            "default_routing_method": "sequential",
            "channel_limit": 10,
            "generate_ringback_tone": true,
            "isup_headers_enabled": true,
            "prack_enabled": true,
            "sip_compact_headers_enabled": true,
            "timeout_1xx_secs": 10,
            "timeout_2xx_secs": 20,
            "shaken_stir_enabled": true,
            "simultaneous_ringing": "enabled"
        },
        "ios_push_credential_id": "ec0c8e5d-439e-4620-a0c1-9d9c8d02a836",
        "jitter_buffer": jitter_buffer_json(),
        "noise_suppression": "both",
        "noise_suppression_details": noise_suppression_details_json(),
        "onnet_t38_passthrough_enabled": false,
        "outbound": {
            "call_parking_enabled": true,
            "ani_override": "+13125550001",
            "ani_override_type": "always",
            "channel_limit": 10,
            "instant_ringback_enabled": true,
            "generate_ringback_tone": true,
            "localization": "US",
            "t38_reinvite_source": "customer",
            "outbound_voice_profile_id": PROFILE_ID
        },
        "password": "my123secure456password789",
        "rtcp_settings": rtcp_settings_json(),
        "sip_uri_calling_preference": "internal",
        "tags": ["tag1", "tag2"],
        "user_name": "myusername123",
        "webhook_api_version": "2",
        "webhook_event_failover_url": "https://failover.example.com",
        "webhook_event_url": "https://example.com",
        "webhook_timeout_secs": 25,
        "created_at": "2018-02-02T22:25:27.521Z",
        "updated_at": "2018-02-02T22:25:27.521Z"
    })
}

/// Returns of the FQDN connection operations (003).
fn fqdn_connection_json() -> Value {
    json!({
        "id": FQDN_CONNECTION_ID,
        "record_type": "fqdn_connection",
        "active": true,
        "adjust_dtmf_timestamp": false,
        "anchorsite_override": "Frankfurt, Germany",
        "android_push_credential_id": "06b09dfd-7154-4980-8b75-cebf7a9d4f8e",
        "call_cost_enabled": true,
        "call_cost_in_webhooks": false,
        "connection_name": "office-connection",
        "default_on_hold_comfort_noise_enabled": true,
        "dtmf_type": "Inband",
        "encode_contact_header_enabled": true,
        "encrypted_media": null,
        "ignore_dtmf_duration": false,
        "ignore_mark_bit": false,
        "inbound": {
            "ani_number_format": "E.164",
            "dnis_number_format": "e164",
            "codecs": ["G722"],
            "default_routing_method": "round-robin",
            "default_primary_fqdn_id": "1293384261075731497",
            "default_secondary_fqdn_id": "1293384261075731498",
            "default_tertiary_fqdn_id": null,
            "channel_limit": 10,
            "sip_region": "Europe",
            "sip_subdomain": "test",
            "sip_subdomain_receive_settings": "from_anyone",
            "timeout_1xx_secs": 10,
            "timeout_2xx_secs": 20,
            "shaken_stir_enabled": true
        },
        "ios_push_credential_id": null,
        "jitter_buffer": jitter_buffer_json(),
        "microsoft_teams_sbc": false,
        "noise_suppression": "disabled",
        "noise_suppression_details": noise_suppression_details_json(),
        "onnet_t38_passthrough_enabled": true,
        "outbound": {
            "ani_override": "+13125550001",
            "ani_override_type": "normal",
            "call_parking_enabled": false,
            "channel_limit": 5,
            "ip_authentication_method": "credential-authentication",
            "localization": "US",
            "outbound_voice_profile_id": PROFILE_ID,
            "t38_reinvite_source": "telnyx"
        },
        "password": "my123secure456password789",
        "rtcp_settings": rtcp_settings_json(),
        "rtp_pass_codecs_on_stream_change": false,
        "send_normalized_timestamps": true,
        "tags": ["tag1"],
        "third_party_control_enabled": false,
        "transport_protocol": "TLS",
        "txt_name": "_telnyx.example.com",
        "txt_ttl": 300,
        "txt_value": "telnyx-verification=abc123",
        "user_name": "myusername123",
        "webhook_api_version": "1",
        "webhook_event_failover_url": "https://failover.example.com",
        "webhook_event_url": "https://example.com",
        "webhook_timeout_secs": null,
        "created_at": "2018-02-02T22:25:27.521Z",
        "updated_at": "2018-02-02T22:25:27.521Z"
    })
}

/// Returns of the IP connection operations (003).
fn ip_connection_json() -> Value {
    json!({
        "id": IP_CONNECTION_ID,
        "record_type": "ip_connection",
        "active": true,
        "anchorsite_override": "Ashburn, VA",
        "android_push_credential_id": null,
        "call_cost_in_webhooks": true,
        "connection_name": "office-ip-connection",
        "default_on_hold_comfort_noise_enabled": false,
        "dtmf_type": "SIP INFO",
        "encode_contact_header_enabled": true,
        "encrypted_media": "SRTP",
        "inbound": {
            "ani_number_format": "+E.164-national",
            "dnis_number_format": "national",
            "codecs": ["G711U"],
            "default_primary_ip_id": IP_ID,
            "default_routing_method": "sequential",
            "channel_limit": 10,
            "sip_region": "Australia",
            "sip_subdomain": "test",
            "sip_subdomain_receive_settings": "only_my_connections",
            "timeout_1xx_secs": 10,
            "timeout_2xx_secs": 20,
            "shaken_stir_enabled": false
        },
        "ios_push_credential_id": null,
        "jitter_buffer": jitter_buffer_json(),
        "noise_suppression": "inbound",
        "noise_suppression_details": noise_suppression_details_json(),
        "onnet_t38_passthrough_enabled": false,
        "outbound": {
            "call_parking_enabled": true,
            "ani_override": "+13125550001",
            "ani_override_type": "emergency",
            "channel_limit": 10,
            "instant_ringback_enabled": true,
            "generate_ringback_tone": true,
            "localization": "US",
            "t38_reinvite_source": "passthru",
            "tech_prefix": "1234",
            "ip_authentication_method": "token",
            "ip_authentication_token": "aF9skEz0",
            "outbound_voice_profile_id": PROFILE_ID
        },
        "rtcp_settings": rtcp_settings_json(),
        "tags": ["tag1", "tag2"],
        "transport_protocol": "UDP",
        "webhook_api_version": "2",
        "webhook_event_failover_url": "https://failover.example.com",
        "webhook_event_url": "https://example.com",
        "webhook_timeout_secs": 25,
        "created_at": "2018-02-02T22:25:27.521Z",
        "updated_at": "2018-02-02T22:25:27.521Z"
    })
}

/// Returns: connection_id, created_at, dns_record_type, fqdn, id, port,
/// record_type, updated_at.
fn fqdn_json() -> Value {
    json!({
        "id": FQDN_ID,
        "record_type": "fqdn",
        "connection_id": FQDN_CONNECTION_ID,
        "fqdn": "example.com",
        "port": 5060,
        "dns_record_type": "a",
        "created_at": "2018-02-02T22:25:27.521Z",
        "updated_at": "2018-02-02T22:25:27.521Z"
    })
}

/// Returns: connection_id, created_at, id, ip_address, port, record_type,
/// updated_at.
fn ip_json() -> Value {
    json!({
        "id": IP_ID,
        "record_type": "ip",
        "connection_id": IP_CONNECTION_ID,
        "ip_address": "192.168.0.0",
        "port": 5060,
        "created_at": "2018-02-02T22:25:27.521Z",
        "updated_at": "2018-02-02T22:25:27.521Z"
    })
}

/// The `data` of the create response sample (001), with 003's
/// `calling_window` added, as 003 lists it among the returned fields.
fn outbound_voice_profile_json() -> Value {
    let mut profile = sample("create_outbound_voice_profile.response.json")["data"].clone();
    profile["calling_window"] = json!({
        "start_time": "08:00:00.00Z",
        "end_time": "20:00:00.00Z",
        "calls_per_cld": 5
    });
    profile
}

/// Check registration status returns: ip_address, last_registration, port,
/// record_type, sip_username, status, transport, user_agent.
fn registration_status_json() -> Value {
    json!({
        "ip_address": "198.51.100.7",
        "last_registration": "2024-03-01T10:15:00Z",
        "port": 5060,
        "record_type": "registration_status",
        "sip_username": "myusername123",
        "status": "Registered",
        "transport": "UDP",
        "user_agent": "Zoiper rv2.10.20.4"
    })
}

// ---------------------------------------------------------------------------
// Access IP ranges (003)
// ---------------------------------------------------------------------------

#[tokio::test]
async fn list_access_ip_ranges() {
    let (server, client) = start().await;
    let sent = page_of(vec![access_ip_range_json()]);
    v2("GET", "/v2/access_ip_ranges")
        .and(query_param("page[number]", "2"))
        .and(query_param("page[size]", "20"))
        .and(query_param("filter[cidr_block][startswith]", "203.0.113"))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let page = client
        .access_ip_ranges()
        .list(
            &ListAccessIpRangesQuery::new()
                .page_number(2)
                .page_size(20)
                .filter_cidr_block_startswith("203.0.113"),
        )
        .await
        .unwrap();

    assert_raw_query(
        &only_request(&server).await,
        &[
            "page[number]=2",
            "page[size]=20",
            "filter[cidr_block][startswith]=203.0.113",
        ],
    );
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].cidr_block.as_deref(), Some("203.0.113.0/24"));
    assert_eq!(page.data[0].status, Some(AccessIpRangeStatus::Added));
    let meta = page.meta.as_ref().unwrap();
    assert_eq!(meta.page_number, Some(2));
    assert_eq!(meta.total_pages, Some(3));
    assert_eq!(meta.total_results, Some(41));
    assert_reencodes(&page, &sent);
}

/// The public reference filters this list by an exact creation time or a
/// range with `gt`, `gte`, `lt` and `lte`.
#[tokio::test]
async fn list_access_ip_ranges_by_creation_time() {
    let (server, client) = start().await;
    v2("GET", "/v2/access_ip_ranges")
        .respond_with(ok(&page_of(vec![access_ip_range_json()])))
        .expect(1)
        .mount(&server)
        .await;

    client
        .access_ip_ranges()
        .list(
            &ListAccessIpRangesQuery::new()
                .filter_created_at("2024-03-01T10:15:00Z")
                .filter_created_at_gt("2024-02-01T00:00:00Z")
                .filter_created_at_gte("2024-03-01T00:00:00Z")
                .filter_created_at_lt("2024-04-01T00:00:00Z")
                .filter_created_at_lte("2024-03-31T23:59:59Z"),
        )
        .await
        .unwrap();

    assert_raw_query(
        &only_request(&server).await,
        &[
            "filter[created_at]=2024-03-01T10%3A15%3A00Z",
            "filter[created_at][gt]=2024-02-01T00%3A00%3A00Z",
            "filter[created_at][gte]=2024-03-01T00%3A00%3A00Z",
            "filter[created_at][lt]=2024-04-01T00%3A00%3A00Z",
            "filter[created_at][lte]=2024-03-31T23%3A59%3A59Z",
        ],
    );
}

#[tokio::test]
async fn create_access_ip_range() {
    let (server, client) = start().await;
    let body_json = sample("create_access_ip_range.request.json");
    // The spec decides (access_ip_ranges.yaml) that create and delete answer
    // with the bare range, not a `data` envelope: 003 shows no response body,
    // and the public v2 reference and Telnyx's SDKs return `AccessIPRange`.
    let mut range = access_ip_range_json();
    range["status"] = json!("pending");
    v2("POST", "/v2/access_ip_ranges")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&range))
        .expect(1)
        .mount(&server)
        .await;

    let created = client
        .access_ip_ranges()
        .create(&decode::<CreateAccessIpRangeRequest>(&body_json))
        .await
        .unwrap();

    assert_eq!(created.id.as_deref(), Some(ACCESS_IP_RANGE_ID));
    assert_eq!(created.status, Some(AccessIpRangeStatus::Pending));
    assert_eq!(created.description.as_deref(), Some("office"));
    assert_reencodes(&created, &range);
}

#[tokio::test]
async fn delete_access_ip_range() {
    let (server, client) = start().await;
    let range = access_ip_range_json();
    v2(
        "DELETE",
        "/v2/access_ip_ranges/f2a5f5e8-3b0e-4b3a-9a58-3c4d3d0a8a11",
    )
    .no_query()
    .no_body()
    .respond_with(ok(&range))
    .expect(1)
    .mount(&server)
    .await;

    let deleted = client
        .access_ip_ranges()
        .delete(ACCESS_IP_RANGE_ID)
        .await
        .unwrap();

    assert_eq!(deleted.id.as_deref(), Some(ACCESS_IP_RANGE_ID));
    assert_eq!(deleted.cidr_block.as_deref(), Some("203.0.113.0/24"));
    assert_eq!(
        deleted.user_id.as_deref(),
        Some("7d8c0b3e-6a2f-4c1e-9f4d-2b1a0c9e8d7f")
    );
    assert_reencodes(&deleted, &range);
}

// ---------------------------------------------------------------------------
// Connections (003)
// ---------------------------------------------------------------------------

#[tokio::test]
async fn list_connections() {
    let (server, client) = start().await;
    let sent = page_of(vec![connection_json()]);
    v2("GET", "/v2/connections")
        .and(query_param("page[number]", "2"))
        .and(query_param("page[size]", "20"))
        .and(query_param("sort", "connection_name"))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let page = client
        .connections()
        .list(
            &ListConnectionsQuery::new()
                .page_number(2)
                .page_size(20)
                .sort(ConnectionSort::ConnectionName),
        )
        .await
        .unwrap();

    assert_raw_query(
        &only_request(&server).await,
        &["page[number]=2", "page[size]=20", "sort=connection_name"],
    );
    assert_eq!(page.data[0].record_type.as_deref(), Some("ip_connection"));
    assert_eq!(
        page.data[0].anchorsite_override,
        Some(AnchorsiteOverride::Latency)
    );
    assert_eq!(page.meta.as_ref().unwrap().total_pages, Some(3));
    assert_reencodes(&page, &sent);
}

#[tokio::test]
async fn list_active_calls() {
    let (server, client) = start().await;
    let sent = sample("list_active_calls.response.json");
    // The curl example of 005: `page[limit]=2` on one connection.
    v2("GET", "/v2/connections/1293384261075731461/active_calls")
        .and(query_param("page[limit]", "2"))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let page = client
        .connections()
        .list_active_calls(
            "1293384261075731461",
            &ListActiveCallsQuery::new().page_limit(2),
        )
        .await
        .unwrap();

    assert_raw_query(&only_request(&server).await, &["page[limit]=2"]);
    let call = &page.data[0];
    assert_eq!(call.call_duration, 50);
    assert_eq!(call.record_type, ActiveCallRecordType::Call);
    assert_eq!(call.client_state, "aGF2ZSBhIG5pY2UgZGF5ID1d");
    let meta = page.meta.as_ref().unwrap();
    assert_eq!(meta.total_items, Some(50));
    assert_eq!(
        meta.cursors.as_ref().unwrap().after.as_deref(),
        Some("v1:g3QAAAADZAAKdGVsbnl4X2lkc2wAAAAB")
    );
    assert_reencodes(&page, &sent);
}

#[tokio::test]
async fn list_active_calls_sends_the_cursor_parameters() {
    let (server, client) = start().await;
    let sent = sample("list_active_calls.response.json");
    v2("GET", "/v2/connections/1293384261075731461/active_calls")
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    client
        .connections()
        .list_active_calls(
            "1293384261075731461",
            &ListActiveCallsQuery::new()
                .page_after("v1:abc")
                .page_before("v1:xyz")
                .page_limit(250)
                .page_number(3)
                .page_size(10),
        )
        .await
        .unwrap();

    // Cursor values are opaque: `:` goes percent-encoded, which servers
    // decode back to the cursor.
    assert_raw_query(
        &only_request(&server).await,
        &[
            "page[after]=v1%3Aabc",
            "page[before]=v1%3Axyz",
            "page[limit]=250",
            "page[number]=3",
            "page[size]=10",
        ],
    );
}

#[tokio::test]
async fn retrieve_connection() {
    let (server, client) = start().await;
    let sent = data(connection_json());
    v2("GET", "/v2/connections/1293384261075731499")
        .no_query()
        .no_body()
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let connection = client.connections().retrieve(CONNECTION_ID).await.unwrap();

    assert_eq!(
        connection.data.connection_name.as_deref(),
        Some("office-connection")
    );
    assert_eq!(
        connection.data.webhook_api_version,
        Some(WebhookApiVersion::V1)
    );
    assert_eq!(
        connection.data.tags,
        Some(vec!["tag1".to_owned(), "tag2".to_owned()])
    );
    assert_reencodes(&connection, &sent);
}

/// The Java SDK generated from the reference builds both webhook URLs of a
/// connection as nullable: a connection without them decodes with `Null`
/// fields and re-encodes the `null`s it was sent.
#[tokio::test]
async fn retrieve_connection_without_webhook_urls() {
    let (server, client) = start().await;
    let mut srv = connection_json();
    srv["webhook_event_url"] = json!(null);
    srv["webhook_event_failover_url"] = json!(null);
    let sent = data(srv);
    v2("GET", "/v2/connections/1293384261075731499")
        .no_query()
        .no_body()
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let connection = client.connections().retrieve(CONNECTION_ID).await.unwrap();

    assert_eq!(connection.data.webhook_event_url, Nullable::Null);
    assert_eq!(connection.data.webhook_event_failover_url, Nullable::Null);
    assert!(connection.data.extra.is_empty());
    assert_reencodes(&connection, &sent);
}

// ---------------------------------------------------------------------------
// Credential connections (003)
// ---------------------------------------------------------------------------

#[tokio::test]
async fn list_credential_connections() {
    let (server, client) = start().await;
    let sent = page_of(vec![credential_connection_json()]);
    v2("GET", "/v2/credential_connections")
        .and(query_param("page[number]", "2"))
        .and(query_param("page[size]", "20"))
        .and(query_param("filter[connection_name][contains]", "office"))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let page = client
        .credential_connections()
        .list(
            &ListCredentialConnectionsQuery::new()
                .page_number(2)
                .page_size(20)
                .filter_connection_name_contains("office"),
        )
        .await
        .unwrap();

    assert_raw_query(
        &only_request(&server).await,
        &[
            "page[number]=2",
            "page[size]=20",
            "filter[connection_name][contains]=office",
        ],
    );
    let connection = &page.data[0];
    assert_eq!(connection.user_name.as_deref(), Some("myusername123"));
    assert_eq!(connection.dtmf_type, Some(DtmfType::Rfc2833));
    assert_eq!(
        connection.sip_uri_calling_preference,
        Some(SipUriCallingPreference::Internal)
    );
    assert_eq!(page.meta.as_ref().unwrap().total_pages, Some(3));
    assert_reencodes(&page, &sent);
}

#[tokio::test]
async fn create_credential_connection() {
    let (server, client) = start().await;
    let body_json = sample("create_credential_connection.request.json");
    let sent = data(credential_connection_json());
    v2("POST", "/v2/credential_connections")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let body: CreateCredentialConnectionRequest = decode(&body_json);
    let created = client.credential_connections().create(&body).await.unwrap();

    let connection = &created.data;
    assert_eq!(connection.id.as_deref(), Some(CREDENTIAL_CONNECTION_ID));
    assert_eq!(
        connection.password.as_ref().map(|p| p.expose().as_str()),
        Some("my123secure456password789")
    );
    assert_eq!(
        connection.encrypted_media,
        Nullable::Value(EncryptedMedia::Srtp)
    );
    assert!(connection.android_push_credential_id.is_null());
    let inbound = connection.inbound.as_ref().unwrap();
    assert_eq!(
        inbound.simultaneous_ringing,
        Some(SimultaneousRinging::Enabled)
    );
    assert_eq!(inbound.ani_number_format, Some(AniNumberFormat::PlusE164));
    assert_eq!(connection.webhook_timeout_secs, Nullable::Value(25));
    assert_reencodes(&created, &sent);
}

#[tokio::test]
async fn retrieve_credential_connection() {
    let (server, client) = start().await;
    let sent = data(credential_connection_json());
    v2("GET", "/v2/credential_connections/1516447646313612565")
        .no_query()
        .no_body()
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let connection = client
        .credential_connections()
        .retrieve(CREDENTIAL_CONNECTION_ID)
        .await
        .unwrap();

    assert_eq!(
        connection.data.anchorsite_override,
        Some(AnchorsiteOverride::AmsterdamNetherlands)
    );
    assert_eq!(
        connection.data.noise_suppression,
        Some(NoiseSuppression::Both)
    );
    let outbound = connection.data.outbound.as_ref().unwrap();
    assert_eq!(outbound.call_parking_enabled, Nullable::Value(true));
    assert_eq!(
        outbound.t38_reinvite_source,
        Some(T38ReinviteSource::Customer)
    );
    let rtcp = connection.data.rtcp_settings.as_ref().unwrap();
    assert_eq!(rtcp.port, Some(RtcpPort::RtcpMux));
    assert_reencodes(&connection, &sent);
}

#[tokio::test]
async fn update_credential_connection() {
    let (server, client) = start().await;
    let body_json = sample("update_credential_connection.request.json");
    let sent = data(credential_connection_json());
    v2("PATCH", "/v2/credential_connections/1516447646313612565")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let body: UpdateCredentialConnectionRequest = decode(&body_json);
    let updated = client
        .credential_connections()
        .update(CREDENTIAL_CONNECTION_ID, &body)
        .await
        .unwrap();

    assert_eq!(
        updated.data.webhook_api_version,
        Some(WebhookApiVersion::V2)
    );
    let jitter = updated.data.jitter_buffer.as_ref().unwrap();
    assert_eq!(jitter.enable_jitter_buffer, Some(true));
    assert_eq!(jitter.jitterbuffer_msec_max, Some(200));
    let details = updated.data.noise_suppression_details.as_ref().unwrap();
    assert_eq!(details.engine, Some(NoiseSuppressionEngine::DeepFilterNet));
    assert_reencodes(&updated, &sent);
}

/// The public reference types `webhook_event_failover_url` as nullable
/// (the SDKs' request bodies take `Optional[str]`): a PATCH sends `null` to
/// clear it, and the `null` the server then returns decodes into the field
/// (not `extra`) and re-encodes as `null`.
#[tokio::test]
async fn update_credential_connection_sends_null_to_clear_the_failover_url() {
    let (server, client) = start().await;
    let mut srv = credential_connection_json();
    srv["webhook_event_failover_url"] = json!(null);
    let sent = data(srv);
    v2("PATCH", "/v2/credential_connections/1516447646313612565")
        .no_query()
        .json_body(&json!({ "webhook_event_failover_url": null }))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let updated = client
        .credential_connections()
        .update(CREDENTIAL_CONNECTION_ID, &{
            // Clearing is an assignment: setters set values.
            let mut body = UpdateCredentialConnectionRequest::new();
            body.webhook_event_failover_url = Nullable::Null;
            body
        })
        .await
        .unwrap();

    assert_eq!(updated.data.webhook_event_failover_url, Nullable::Null);
    assert!(!updated
        .data
        .extra
        .contains_key("webhook_event_failover_url"));
    assert_reencodes(&updated, &sent);
}

#[tokio::test]
async fn delete_credential_connection() {
    let (server, client) = start().await;
    let sent = data(credential_connection_json());
    v2("DELETE", "/v2/credential_connections/1516447646313612565")
        .no_query()
        .no_body()
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let deleted = client
        .credential_connections()
        .delete(CREDENTIAL_CONNECTION_ID)
        .await
        .unwrap();

    assert_eq!(deleted.data.id.as_deref(), Some(CREDENTIAL_CONNECTION_ID));
    assert_eq!(
        deleted.data.record_type.as_deref(),
        Some("credential_connection")
    );
    assert_reencodes(&deleted, &sent);
}

#[tokio::test]
async fn check_credential_connection_registration_status() {
    let (server, client) = start().await;
    let sent = data(registration_status_json());
    // 003's curl passes a Content-Type header but no body (no `-d`), so the
    // oracle is an empty body; whether a header describing no body is sent
    // is not checked.
    v2(
        "POST",
        "/v2/credential_connections/1516447646313612565/actions/check_registration_status",
    )
    .no_query()
    .and(common::EmptyBody)
    .respond_with(ok(&sent))
    .expect(1)
    .mount(&server)
    .await;

    let status = client
        .credential_connections()
        .check_registration_status(CREDENTIAL_CONNECTION_ID)
        .await
        .unwrap();

    assert_eq!(status.data.status, Some(SipRegistrationStatus::Registered));
    assert_eq!(status.data.sip_username.as_deref(), Some("myusername123"));
    assert_eq!(status.data.port, Some(5060));
    assert_reencodes(&status, &sent);
}

// ---------------------------------------------------------------------------
// FQDN connections (003)
// ---------------------------------------------------------------------------

#[tokio::test]
async fn list_fqdn_connections() {
    let (server, client) = start().await;
    let sent = page_of(vec![fqdn_connection_json()]);
    v2("GET", "/v2/fqdn_connections")
        .and(query_param("page[number]", "2"))
        .and(query_param("page[size]", "20"))
        .and(query_param("filter[fqdn]", "example.com"))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let page = client
        .fqdn_connections()
        .list(
            &ListFqdnConnectionsQuery::new()
                .page_number(2)
                .page_size(20)
                .filter_fqdn("example.com"),
        )
        .await
        .unwrap();

    assert_raw_query(
        &only_request(&server).await,
        &[
            "page[number]=2",
            "page[size]=20",
            "filter[fqdn]=example.com",
        ],
    );
    let connection = &page.data[0];
    assert_eq!(connection.transport_protocol, Some(TransportProtocol::Tls));
    assert_eq!(connection.txt_ttl, Some(300));
    assert!(connection.encrypted_media.is_null());
    assert_eq!(page.meta.as_ref().unwrap().page_size, Some(20));
    assert_reencodes(&page, &sent);
}

#[tokio::test]
async fn create_fqdn_connection() {
    let (server, client) = start().await;
    let body_json = sample("create_fqdn_connection.request.json");
    let sent = data(fqdn_connection_json());
    v2("POST", "/v2/fqdn_connections")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let body: CreateFqdnConnectionRequest = decode(&body_json);
    let created = client.fqdn_connections().create(&body).await.unwrap();

    assert_eq!(created.data.id.as_deref(), Some(FQDN_CONNECTION_ID));
    assert_eq!(
        created.data.anchorsite_override,
        Some(AnchorsiteOverride::FrankfurtGermany)
    );
    let inbound = created.data.inbound.as_ref().unwrap();
    assert_eq!(
        inbound.default_routing_method,
        Nullable::Value(DefaultRoutingMethod::RoundRobin)
    );
    assert!(inbound.default_tertiary_fqdn_id.is_null());
    assert_eq!(inbound.sip_region, Some(SipRegion::Europe));
    assert_reencodes(&created, &sent);
}

#[tokio::test]
async fn retrieve_fqdn_connection() {
    let (server, client) = start().await;
    let sent = data(fqdn_connection_json());
    v2("GET", "/v2/fqdn_connections/1293384261075731499")
        .no_query()
        .no_body()
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let connection = client
        .fqdn_connections()
        .retrieve(FQDN_CONNECTION_ID)
        .await
        .unwrap();

    let outbound = connection.data.outbound.as_ref().unwrap();
    assert_eq!(
        outbound.ip_authentication_method,
        Some(FqdnAuthenticationMethod::CredentialAuthentication)
    );
    assert_eq!(outbound.ani_override_type, Some(AniOverrideType::Normal));
    assert_eq!(connection.data.dtmf_type, Some(DtmfType::Inband));
    assert_reencodes(&connection, &sent);
}

#[tokio::test]
async fn update_fqdn_connection() {
    let (server, client) = start().await;
    let body_json = sample("update_fqdn_connection.request.json");
    let sent = data(fqdn_connection_json());
    v2("PATCH", "/v2/fqdn_connections/1293384261075731499")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let body: UpdateFqdnConnectionRequest = decode(&body_json);
    let updated = client
        .fqdn_connections()
        .update(FQDN_CONNECTION_ID, &body)
        .await
        .unwrap();

    assert_eq!(
        updated.data.noise_suppression,
        Some(NoiseSuppression::Disabled)
    );
    assert_eq!(updated.data.microsoft_teams_sbc, Some(false));
    assert_reencodes(&updated, &sent);
}

#[tokio::test]
async fn delete_fqdn_connection() {
    let (server, client) = start().await;
    let sent = data(fqdn_connection_json());
    v2("DELETE", "/v2/fqdn_connections/1293384261075731499")
        .no_query()
        .no_body()
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let deleted = client
        .fqdn_connections()
        .delete(FQDN_CONNECTION_ID)
        .await
        .unwrap();

    assert_eq!(deleted.data.id.as_deref(), Some(FQDN_CONNECTION_ID));
    assert_eq!(
        deleted.data.txt_value.as_deref(),
        Some("telnyx-verification=abc123")
    );
    assert_reencodes(&deleted, &sent);
}

// ---------------------------------------------------------------------------
// FQDNs (003)
// ---------------------------------------------------------------------------

#[tokio::test]
async fn list_fqdns() {
    let (server, client) = start().await;
    let sent = page_of(vec![fqdn_json()]);
    v2("GET", "/v2/fqdns")
        .and(query_param("page[number]", "2"))
        .and(query_param("page[size]", "20"))
        .and(query_param("filter[connection_id]", FQDN_CONNECTION_ID))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let page = client
        .fqdns()
        .list(
            &ListFqdnsQuery::new()
                .page_number(2)
                .page_size(20)
                .filter_connection_id(FQDN_CONNECTION_ID),
        )
        .await
        .unwrap();

    assert_raw_query(
        &only_request(&server).await,
        &[
            "page[number]=2",
            "page[size]=20",
            "filter[connection_id]=1293384261075731499",
        ],
    );
    assert_eq!(page.data[0].fqdn.as_deref(), Some("example.com"));
    assert_eq!(page.data[0].dns_record_type.as_deref(), Some("a"));
    assert_eq!(page.meta.as_ref().unwrap().total_results, Some(41));
    assert_reencodes(&page, &sent);
}

#[tokio::test]
async fn create_fqdn() {
    let (server, client) = start().await;
    let body_json = sample("create_fqdn.request.json");
    let sent = data(fqdn_json());
    v2("POST", "/v2/fqdns")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let created = client
        .fqdns()
        .create(&decode::<CreateFqdnRequest>(&body_json))
        .await
        .unwrap();

    assert_eq!(created.data.id.as_deref(), Some(FQDN_ID));
    assert_eq!(created.data.port, Some(5060));
    assert_reencodes(&created, &sent);
}

#[tokio::test]
async fn retrieve_fqdn() {
    let (server, client) = start().await;
    let sent = data(fqdn_json());
    v2("GET", "/v2/fqdns/1517907029795014409")
        .no_query()
        .no_body()
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let fqdn = client.fqdns().retrieve(FQDN_ID).await.unwrap();

    assert_eq!(fqdn.data.connection_id.as_deref(), Some(FQDN_CONNECTION_ID));
    assert_eq!(fqdn.data.record_type.as_deref(), Some("fqdn"));
    assert_reencodes(&fqdn, &sent);
}

#[tokio::test]
async fn update_fqdn() {
    let (server, client) = start().await;
    let body_json = sample("update_fqdn.request.json");
    let sent = data(fqdn_json());
    v2("PATCH", "/v2/fqdns/1517907029795014409")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let updated = client
        .fqdns()
        .update(FQDN_ID, &decode::<UpdateFqdnRequest>(&body_json))
        .await
        .unwrap();

    assert_eq!(updated.data.fqdn.as_deref(), Some("example.com"));
    assert_reencodes(&updated, &sent);
}

/// 003 types the update body's `port` as `integer | null`: a PATCH sends
/// `null` to clear it and leaves out what it does not change.
#[tokio::test]
async fn update_fqdn_sends_null_to_clear_the_port() {
    let (server, client) = start().await;
    let mut srv = fqdn_json();
    srv["port"] = json!(null);
    srv["dns_record_type"] = json!("srv");
    let sent = data(srv);
    v2("PATCH", "/v2/fqdns/1517907029795014409")
        .no_query()
        .json_body(&json!({ "port": null, "dns_record_type": "srv" }))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let updated = client
        .fqdns()
        .update(FQDN_ID, &{
            let mut body = UpdateFqdnRequest::new().dns_record_type("srv");
            body.port = Nullable::Null;
            body
        })
        .await
        .unwrap();

    assert_eq!(updated.data.dns_record_type.as_deref(), Some("srv"));
    assert_eq!(updated.data.port, None);
}

#[tokio::test]
async fn delete_fqdn() {
    let (server, client) = start().await;
    let sent = data(fqdn_json());
    v2("DELETE", "/v2/fqdns/1517907029795014409")
        .no_query()
        .no_body()
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let deleted = client.fqdns().delete(FQDN_ID).await.unwrap();

    assert_eq!(deleted.data.id.as_deref(), Some(FQDN_ID));
    assert_reencodes(&deleted, &sent);
}

// ---------------------------------------------------------------------------
// IP connections (003)
// ---------------------------------------------------------------------------

#[tokio::test]
async fn list_ip_connections() {
    let (server, client) = start().await;
    let sent = page_of(vec![ip_connection_json()]);
    v2("GET", "/v2/ip_connections")
        .and(query_param("page[number]", "2"))
        .and(query_param("page[size]", "20"))
        .and(query_param("filter[outbound_voice_profile_id]", PROFILE_ID))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let page = client
        .ip_connections()
        .list(
            &ListIpConnectionsQuery::new()
                .page_number(2)
                .page_size(20)
                .filter_outbound_voice_profile_id(PROFILE_ID),
        )
        .await
        .unwrap();

    assert_raw_query(
        &only_request(&server).await,
        &[
            "page[number]=2",
            "page[size]=20",
            "filter[outbound_voice_profile_id]=1293384261075731499",
        ],
    );
    assert_eq!(page.data[0].dtmf_type, Some(DtmfType::SipInfo));
    assert_eq!(
        page.data[0].transport_protocol,
        Some(TransportProtocol::Udp)
    );
    assert_eq!(page.meta.as_ref().unwrap().total_pages, Some(3));
    assert_reencodes(&page, &sent);
}

#[tokio::test]
async fn create_ip_connection() {
    let (server, client) = start().await;
    let body_json = sample("create_ip_connection.request.json");
    let sent = data(ip_connection_json());
    v2("POST", "/v2/ip_connections")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let body: CreateIpConnectionRequest = decode(&body_json);
    let created = client.ip_connections().create(&body).await.unwrap();

    assert_eq!(created.data.id.as_deref(), Some(IP_CONNECTION_ID));
    let outbound = created.data.outbound.as_ref().unwrap();
    assert_eq!(
        outbound.ip_authentication_method,
        Some(IpAuthenticationMethod::Token)
    );
    assert_eq!(
        outbound
            .ip_authentication_token
            .as_ref()
            .map(|t| t.expose().as_str()),
        Some("aF9skEz0")
    );
    assert_eq!(outbound.tech_prefix.as_deref(), Some("1234"));
    assert_reencodes(&created, &sent);
}

#[tokio::test]
async fn retrieve_ip_connection() {
    let (server, client) = start().await;
    let sent = data(ip_connection_json());
    v2("GET", "/v2/ip_connections/1516447646313612566")
        .no_query()
        .no_body()
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let connection = client
        .ip_connections()
        .retrieve(IP_CONNECTION_ID)
        .await
        .unwrap();

    let inbound = connection.data.inbound.as_ref().unwrap();
    assert_eq!(inbound.default_primary_ip_id.as_deref(), Some(IP_ID));
    assert_eq!(inbound.dnis_number_format, Some(DnisNumberFormat::National));
    assert_eq!(
        inbound.ani_number_format,
        Some(AniNumberFormat::PlusE164National)
    );
    assert_eq!(inbound.sip_region, Some(SipRegion::Australia));
    assert_reencodes(&connection, &sent);
}

#[tokio::test]
async fn update_ip_connection() {
    let (server, client) = start().await;
    let body_json = sample("update_ip_connection.request.json");
    let sent = data(ip_connection_json());
    v2("PATCH", "/v2/ip_connections/1516447646313612566")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let body: UpdateIpConnectionRequest = decode(&body_json);
    let updated = client
        .ip_connections()
        .update(IP_CONNECTION_ID, &body)
        .await
        .unwrap();

    assert_eq!(
        updated.data.anchorsite_override,
        Some(AnchorsiteOverride::AshburnVa)
    );
    assert_eq!(
        updated.data.outbound.as_ref().unwrap().t38_reinvite_source,
        Some(T38ReinviteSource::Passthru)
    );
    assert_reencodes(&updated, &sent);
}

#[tokio::test]
async fn delete_ip_connection() {
    let (server, client) = start().await;
    let sent = data(ip_connection_json());
    v2("DELETE", "/v2/ip_connections/1516447646313612566")
        .no_query()
        .no_body()
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let deleted = client
        .ip_connections()
        .delete(IP_CONNECTION_ID)
        .await
        .unwrap();

    assert_eq!(deleted.data.id.as_deref(), Some(IP_CONNECTION_ID));
    assert_eq!(
        deleted.data.connection_name.as_deref(),
        Some("office-ip-connection")
    );
    assert_reencodes(&deleted, &sent);
}

// ---------------------------------------------------------------------------
// IPs (003)
// ---------------------------------------------------------------------------

#[tokio::test]
async fn list_ips() {
    let (server, client) = start().await;
    let sent = page_of(vec![ip_json()]);
    v2("GET", "/v2/ips")
        .and(query_param("page[number]", "2"))
        .and(query_param("page[size]", "20"))
        .and(query_param("filter[ip_address]", "192.168.0.0"))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let page = client
        .ips()
        .list(
            &ListIpsQuery::new()
                .page_number(2)
                .page_size(20)
                .filter_ip_address("192.168.0.0"),
        )
        .await
        .unwrap();

    assert_raw_query(
        &only_request(&server).await,
        &[
            "page[number]=2",
            "page[size]=20",
            "filter[ip_address]=192.168.0.0",
        ],
    );
    assert_eq!(page.data[0].ip_address.as_deref(), Some("192.168.0.0"));
    assert_eq!(page.meta.as_ref().unwrap().total_pages, Some(3));
    assert_reencodes(&page, &sent);
}

#[tokio::test]
async fn create_ip() {
    let (server, client) = start().await;
    let body_json = sample("create_ip.request.json");
    let sent = data(ip_json());
    v2("POST", "/v2/ips")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let created = client
        .ips()
        .create(&decode::<CreateIpRequest>(&body_json))
        .await
        .unwrap();

    assert_eq!(created.data.id.as_deref(), Some(IP_ID));
    assert_eq!(created.data.port, Some(5060));
    assert_reencodes(&created, &sent);
}

#[tokio::test]
async fn retrieve_ip() {
    let (server, client) = start().await;
    let sent = data(ip_json());
    v2("GET", "/v2/ips/6a09cdc3-8948-47f0-aa62-74ac943d6c58")
        .no_query()
        .no_body()
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let ip = client.ips().retrieve(IP_ID).await.unwrap();

    assert_eq!(ip.data.connection_id.as_deref(), Some(IP_CONNECTION_ID));
    assert_eq!(ip.data.record_type.as_deref(), Some("ip"));
    assert_reencodes(&ip, &sent);
}

#[tokio::test]
async fn update_ip() {
    let (server, client) = start().await;
    let body_json = sample("update_ip.request.json");
    let sent = data(ip_json());
    v2("PATCH", "/v2/ips/6a09cdc3-8948-47f0-aa62-74ac943d6c58")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let updated = client
        .ips()
        .update(IP_ID, &decode::<UpdateIpRequest>(&body_json))
        .await
        .unwrap();

    assert_eq!(updated.data.ip_address.as_deref(), Some("192.168.0.0"));
    assert_reencodes(&updated, &sent);
}

#[tokio::test]
async fn delete_ip() {
    let (server, client) = start().await;
    let sent = data(ip_json());
    v2("DELETE", "/v2/ips/6a09cdc3-8948-47f0-aa62-74ac943d6c58")
        .no_query()
        .no_body()
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let deleted = client.ips().delete(IP_ID).await.unwrap();

    assert_eq!(deleted.data.id.as_deref(), Some(IP_ID));
    assert_reencodes(&deleted, &sent);
}

/// A path parameter is one path segment whatever it holds: `/` and the
/// space are percent-encoded, so `a/b c` cannot reach another resource.
#[tokio::test]
async fn path_parameters_are_percent_encoded() {
    let (server, client) = start().await;
    let sent = data(ip_json());
    v2("GET", "/v2/ips/a%2Fb%20c")
        .no_query()
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    client.ips().retrieve("a/b c").await.unwrap();

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/v2/ips/a%2Fb%20c");
    assert!(
        request.url.as_str().ends_with("/v2/ips/a%2Fb%20c"),
        "raw URL was {}",
        request.url
    );
}

/// An id of `..` would, once a URL parser normalised it, address the parent
/// collection; the client refuses to send it at all.
#[tokio::test]
async fn a_dot_dot_id_is_refused_before_sending() {
    let (server, client) = start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;

    let err = client.ips().delete("..").await.unwrap_err();

    assert!(
        matches!(err.kind(), runtime::ErrorKind::InvalidRequest { .. }),
        "expected InvalidRequest, got {err:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

// ---------------------------------------------------------------------------
// Outbound voice profiles (001, 003)
// ---------------------------------------------------------------------------

#[tokio::test]
async fn list_outbound_voice_profiles() {
    let (server, client) = start().await;
    let sent = page_of(vec![outbound_voice_profile_json()]);
    v2("GET", "/v2/outbound_voice_profiles")
        .and(query_param("page[number]", "2"))
        .and(query_param("page[size]", "20"))
        .and(query_param("filter[name][contains]", "office"))
        .and(query_param("sort", "name"))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let page = client
        .outbound_voice_profiles()
        .list(
            &ListOutboundVoiceProfilesQuery::new()
                .page_number(2)
                .page_size(20)
                .filter_name_contains("office")
                .sort(OutboundVoiceProfileSort::Name),
        )
        .await
        .unwrap();

    assert_raw_query(
        &only_request(&server).await,
        &[
            "page[number]=2",
            "page[size]=20",
            "filter[name][contains]=office",
            "sort=name",
        ],
    );
    let profile = &page.data[0];
    assert_eq!(profile.name.as_deref(), Some("office"));
    assert_eq!(profile.traffic_type, Some(TrafficType::Conversational));
    assert_eq!(profile.connections_count, Some(12));
    assert_eq!(
        profile.calling_window.as_ref().unwrap().calls_per_cld,
        Some(5)
    );
    assert_eq!(page.meta.as_ref().unwrap().total_pages, Some(3));
    assert_reencodes(&page, &sent);
}

#[tokio::test]
async fn create_outbound_voice_profile() {
    let (server, client) = start().await;
    let body_json = sample("create_outbound_voice_profile.request.json");
    let sent = sample("create_outbound_voice_profile.response.json");
    v2("POST", "/v2/outbound_voice_profiles")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let body: CreateOutboundVoiceProfileRequest = decode(&body_json);
    let created = client
        .outbound_voice_profiles()
        .create(&body)
        .await
        .unwrap();

    let profile = &created.data;
    assert_eq!(profile.id.as_deref(), Some(PROFILE_ID));
    assert_eq!(profile.name.as_deref(), Some("office"));
    assert_eq!(profile.service_plan, Some(ServicePlan::Global));
    assert_eq!(
        profile.usage_payment_method,
        Some(UsagePaymentMethod::RateDeck)
    );
    assert_eq!(profile.concurrent_call_limit, Nullable::Value(10));
    assert_eq!(
        profile
            .max_destination_rate
            .as_ref()
            .and_then(Number::as_i64),
        Some(10)
    );
    let recording = profile.call_recording.as_ref().unwrap();
    assert_eq!(
        recording.call_recording_type,
        Some(CallRecordingType::ByCallerPhoneNumber)
    );
    assert_eq!(
        recording.call_recording_channels,
        Some(CallRecordingChannels::Dual)
    );
    assert_eq!(
        recording.call_recording_format,
        Some(CallRecordingFormat::Mp3)
    );
    assert_eq!(
        profile.billing_group_id,
        Nullable::Value("6a09cdc3-8948-47f0-aa62-74ac943d6c58".to_owned())
    );
    assert_reencodes(&created, &sent);
}

/// Page 001's request sample differs from 003's (it has
/// `max_destination_rate`, no `call_recording` or `calling_window`); it
/// travels unchanged as well.
#[tokio::test]
async fn create_outbound_voice_profile_with_the_001_sample() {
    let (server, client) = start().await;
    let body_json = sample("create_outbound_voice_profile.request.001.json");
    let sent = sample("create_outbound_voice_profile.response.json");
    v2("POST", "/v2/outbound_voice_profiles")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let body: CreateOutboundVoiceProfileRequest = decode(&body_json);
    let created = client
        .outbound_voice_profiles()
        .create(&body)
        .await
        .unwrap();

    assert_eq!(created.data.connections_count, Some(12));
}

#[tokio::test]
async fn retrieve_outbound_voice_profile() {
    let (server, client) = start().await;
    let sent = data(outbound_voice_profile_json());
    v2("GET", "/v2/outbound_voice_profiles/1293384261075731499")
        .no_query()
        .no_body()
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let profile = client
        .outbound_voice_profiles()
        .retrieve(PROFILE_ID)
        .await
        .unwrap();

    assert_eq!(
        profile.data.record_type.as_deref(),
        Some("outbound_voice_profile")
    );
    assert_eq!(
        profile.data.whitelisted_destinations,
        Some(vec!["US".to_owned(), "BR".to_owned(), "AU".to_owned()])
    );
    let window = profile.data.calling_window.as_ref().unwrap();
    assert_eq!(window.start_time.as_deref(), Some("08:00:00.00Z"));
    assert_reencodes(&profile, &sent);
}

/// The public reference's create page lists `short_duration`,
/// `us`/`international` and `tariff` beyond the one value 003 shows for
/// each: they are sent with their wire spelling and come back as named
/// variants, not `Unknown`.
#[tokio::test]
async fn update_outbound_voice_profile_with_the_reference_only_values() {
    let (server, client) = start().await;
    let mut srv = outbound_voice_profile_json();
    srv["traffic_type"] = json!("short_duration");
    srv["service_plan"] = json!("international");
    srv["usage_payment_method"] = json!("tariff");
    let sent = data(srv);
    v2("PATCH", "/v2/outbound_voice_profiles/1293384261075731499")
        .no_query()
        .json_body(&json!({
            "name": "office",
            "traffic_type": "short_duration",
            "service_plan": "us",
            "usage_payment_method": "tariff"
        }))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let updated = client
        .outbound_voice_profiles()
        .update(
            PROFILE_ID,
            &UpdateOutboundVoiceProfileRequest::new("office")
                .traffic_type(TrafficType::ShortDuration)
                .service_plan(ServicePlan::Us)
                .usage_payment_method(UsagePaymentMethod::Tariff),
        )
        .await
        .unwrap();

    assert_eq!(updated.data.traffic_type, Some(TrafficType::ShortDuration));
    assert_eq!(updated.data.service_plan, Some(ServicePlan::International));
    assert_eq!(
        updated.data.usage_payment_method,
        Some(UsagePaymentMethod::Tariff)
    );
    assert_reencodes(&updated, &sent);
}

#[tokio::test]
async fn update_outbound_voice_profile() {
    let (server, client) = start().await;
    let body_json = sample("update_outbound_voice_profile.request.json");
    let sent = data(outbound_voice_profile_json());
    v2("PATCH", "/v2/outbound_voice_profiles/1293384261075731499")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let body: UpdateOutboundVoiceProfileRequest = decode(&body_json);
    let updated = client
        .outbound_voice_profiles()
        .update(PROFILE_ID, &body)
        .await
        .unwrap();

    assert_eq!(updated.data.daily_spend_limit.as_deref(), Some("100.00"));
    assert_eq!(updated.data.daily_spend_limit_enabled, Some(true));
    assert_reencodes(&updated, &sent);
}

#[tokio::test]
async fn delete_outbound_voice_profile() {
    let (server, client) = start().await;
    let sent = data(outbound_voice_profile_json());
    v2("DELETE", "/v2/outbound_voice_profiles/1293384261075731499")
        .no_query()
        .no_body()
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let deleted = client
        .outbound_voice_profiles()
        .delete(PROFILE_ID)
        .await
        .unwrap();

    assert_eq!(deleted.data.id.as_deref(), Some(PROFILE_ID));
    assert_eq!(deleted.data.enabled, Some(true));
    assert_reencodes(&deleted, &sent);
}

// ---------------------------------------------------------------------------
// Legacy v1: termination endpoints (000, 002) and security connections (004)
// ---------------------------------------------------------------------------

#[tokio::test]
async fn create_termination_endpoint() {
    let (server, client) = start().await;
    // 000 has no sample: the body is built here and its wire form written
    // out from 000's field list (integer-coded traffic_type and
    // service_plan, `ports` null for "no limit").
    // The three required fields go to `new`; forgetting one does not compile.
    let mut body = OutboundProfileRequest::new(
        vec![CREDENTIAL_CONNECTION_ID.to_owned()],
        LegacyTrafficType::ShortDuration,
        LegacyServicePlan::International,
    )
    .name("short-calls")
    .active(true)
    .tag_list(vec!["outbound".to_owned()])
    .usage_payment_method(LegacyUsagePaymentMethod::Tariff)
    .whitelisted_destination_format(LegacyWhitelistedDestinationFormat::Alpha3)
    .whitelisted_destinations(vec!["USA".to_owned(), "CAN".to_owned()])
    .max_destination_rate(Number::from_f64(0.35).unwrap())
    .call_recording_type(LegacyCallRecordingType::ByCallPhoneNumber)
    .call_recording_phone_numbers(vec!["+13125550001".to_owned()])
    .call_recording_format(LegacyCallRecordingFormat::Mp3)
    .call_recording_channels(LegacyCallRecordingChannels::Dual)
    .daily_spend_limit("100.00")
    .daily_spend_limit_enabled(true);
    body.ports = Nullable::Null;
    body.billing_group_id = Nullable::Null;
    let expected_body = json!({
        "connection_ids": ["1516447646313612565"],
        "name": "short-calls",
        "traffic_type": 2,
        "service_plan": 2,
        "active": true,
        "ports": null,
        "tag_list": ["outbound"],
        "usage_payment_method": "tariff",
        "whitelisted_destination_format": "alpha3",
        "whitelisted_destinations": ["USA", "CAN"],
        "max_destination_rate": 0.35,
        "call_recording_type": "by_call_phone_number",
        "call_recording_phone_numbers": ["+13125550001"],
        "call_recording_format": "mp3",
        "call_recording_channels": "dual",
        "daily_spend_limit": "100.00",
        "daily_spend_limit_enabled": true,
        "billing_group_id": null
    });
    // v1 answers with the object itself (002's response sample has no
    // `data` wrapper).
    let sent = json!({
        "id": TERMINATION_ENDPOINT_ID,
        "user_id": "7d8c0b3e-6a2f-4c1e-9f4d-2b1a0c9e8d7f",
        "connections": [],
        "name": "short-calls",
        "traffic_type": 2,
        "service_plan": 2,
        "cps_limit": 100,
        "ports": null,
        "active": true,
        "tag_list": ["outbound"],
        "usage_payment_method": "tariff",
        "custom_rate_deck": false,
        "whitelisted_destination_format": "alpha3",
        "whitelisted_destinations": ["USA", "CAN"],
        "max_destination_rate": 0.35,
        "call_recording_type": "by_call_phone_number",
        "call_recording_phone_numbers": ["+13125550001"],
        "call_recording_format": "mp3",
        "call_recording_channels": "dual",
        "daily_spend_limit": "100.00",
        "daily_spend_limit_enabled": true,
        "billing_group_id": null
    });
    v1("POST", "/termination/endpoints")
        .no_query()
        .json_body(&expected_body)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let created = client.termination_endpoints().create(&body).await.unwrap();

    assert_eq!(created.id.as_deref(), Some(TERMINATION_ENDPOINT_ID));
    assert_eq!(created.traffic_type, Some(LegacyTrafficType::ShortDuration));
    assert_eq!(created.service_plan, Some(LegacyServicePlan::International));
    assert_eq!(created.cps_limit, Some(100));
    assert!(created.ports.is_null());
    assert_eq!(
        created.max_destination_rate.as_ref().map(Number::as_f64),
        Some(0.35)
    );
    assert_reencodes(&created, &sent);
}

#[tokio::test]
async fn update_termination_endpoint() {
    let (server, client) = start().await;
    let body_json = sample("update_termination_endpoint.request.json");
    let sent = sample("update_termination_endpoint.response.json");
    v1("PUT", "/termination/endpoints/1516447646313612567")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let body: OutboundProfileRequest = decode(&body_json);
    let updated = client
        .termination_endpoints()
        .update(TERMINATION_ENDPOINT_ID, &body)
        .await
        .unwrap();

    assert_eq!(
        updated.traffic_type,
        Some(LegacyTrafficType::Conversational)
    );
    assert_eq!(updated.service_plan, Some(LegacyServicePlan::Global));
    assert_eq!(
        updated.whitelisted_destination_format,
        Some(LegacyWhitelistedDestinationFormat::Alpha3)
    );
    assert_eq!(updated.custom_rate_deck, Some(false));
    assert_eq!(updated.ports, Nullable::Value(0));
    assert_reencodes(&updated, &sent);
}

#[tokio::test]
async fn create_security_connection() {
    let (server, client) = start().await;
    // 004 has no sample: the body is built here and its wire form written
    // out from 004 (dnis_number_format 0 = E.164; timeout_1xx/2xx are
    // strings; enum values that are not identifiers travel verbatim).
    let mut body = LegacyConnectionRequest::new("office-legacy")
        .active(true)
        .dnis_number_format(LegacyDnisNumberFormat::E164)
        .timeout_1xx(3)
        .timeout_2xx(90)
        .ani_override_type(LegacyAniOverrideType::Emergency)
        .ani_override("+13125550001")
        .transport_protocol(LegacyTransportProtocol::Tcp)
        .codecs(vec![
            "G722".to_owned(),
            "OPUS".to_owned(),
            "H.264".to_owned(),
        ])
        .default_routing_method(LegacyDefaultRoutingMethod::RoundRobin)
        .default_primary_authorized_ip_id(1234)
        .anchorsite_override(LegacyAnchorsiteOverride::ChicagoIl)
        .t38_reinvite_source(LegacyT38ReinviteSource::CallerPassthru)
        .ani_number_format(LegacyAniNumberFormat::PlusE164)
        .rtcp_report_frequency_seconds(10)
        .rtcp_port(LegacyRtcpPort::RtpPlus1)
        .dtmf_type(LegacyDtmfType::Rfc2833)
        .onnet_t38_passthrough_enabled(1)
        .sip_region(LegacySipRegion::Europe)
        .sip_uri_calling_preference(LegacySipUriCallingPreference::Internal)
        .sip_subdomain_receive_settings(LegacySipSubdomainReceiveSettings::OnlyMyConnections)
        .webhook_api_version(LegacyWebhookApiVersion::V2);
    body.encrypted_media = Nullable::Null;
    let expected_body = json!({
        "connection_name": "office-legacy",
        "active": true,
        "dnis_number_format": 0,
        "timeout_1xx": "3",
        "timeout_2xx": "90",
        "ani_override_type": "emergency",
        "ani_override": "+13125550001",
        "transport_protocol": "TCP",
        "codecs": ["G722", "OPUS", "H.264"],
        "default_routing_method": "round-robin",
        "default_primary_authorized_ip_id": 1234,
        "anchorsite_override": "Chicago, IL",
        "encrypted_media": null,
        "t38_reinvite_source": "caller-passthru",
        "ani_number_format": "+E.164",
        "rtcp_report_frequency_seconds": 10,
        "rtcp_port": "rtp+1",
        "dtmf_type": "RFC 2833",
        "onnet_t38_passthrough_enabled": 1,
        "sip_region": "Europe",
        "sip_uri_calling_preference": "internal",
        "sip_subdomain_receive_settings": "only_my_connections",
        "webhook_api_version": "2"
    });
    // The created connection, as a bare v1 object.
    let mut sent = expected_body.clone();
    sent["id"] = json!("1516447646313612568");
    v1("POST", "/security/connections")
        .no_query()
        .json_body(&expected_body)
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let created = client.security_connections().create(&body).await.unwrap();

    assert_eq!(created.id.as_deref(), Some("1516447646313612568"));
    assert_eq!(created.connection_name.as_deref(), Some("office-legacy"));
    assert_eq!(created.timeout_1xx, Some(3));
    assert_eq!(created.timeout_2xx, Some(90));
    assert_eq!(
        created.dnis_number_format,
        Some(LegacyDnisNumberFormat::E164)
    );
    assert_eq!(
        created.anchorsite_override,
        Some(LegacyAnchorsiteOverride::ChicagoIl)
    );
    assert_eq!(created.rtcp_port, Some(LegacyRtcpPort::RtpPlus1));
    assert!(created.encrypted_media.is_null());
    assert_eq!(created.sip_region, Nullable::Value(LegacySipRegion::Europe));
    assert_reencodes(&created, &sent);
}

/// The v1 reference's connection sample returns `null` for the localization
/// and both channel limits of a connection that has none: they decode into
/// their fields as `Null` (not into `extra`) and re-encode as `null`.
#[tokio::test]
async fn a_legacy_connection_without_localization_or_channel_limits() {
    let (server, client) = start().await;
    let body = LegacyConnectionRequest::new("office-legacy");
    let sent = json!({
        "id": "1516447646313612568",
        "connection_name": "office-legacy",
        "outbound_localization": null,
        "inbound_channel_limit": null,
        "outbound_channel_limit": null
    });
    v1("POST", "/security/connections")
        .no_query()
        .json_body(&json!({ "connection_name": "office-legacy" }))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let created = client.security_connections().create(&body).await.unwrap();

    assert_eq!(created.outbound_localization, Nullable::Null);
    assert_eq!(created.inbound_channel_limit, Nullable::Null);
    assert_eq!(created.outbound_channel_limit, Nullable::Null);
    assert!(created.extra.is_empty());
    assert_reencodes(&created, &sent);
}

// ---------------------------------------------------------------------------
// Query encoding
// ---------------------------------------------------------------------------

/// A filter value with `&`, `=` and spaces stays one value: it cannot split
/// into further parameters.
// ---------------------------------------------------------------------------
// Sort orders (public v2 reference): each documented value travels with its
// documented spelling, the `-` prefix included.
// ---------------------------------------------------------------------------

#[tokio::test]
async fn list_credential_connections_newest_first() {
    let (server, client) = start().await;
    v2("GET", "/v2/credential_connections")
        .respond_with(ok(&page_of(vec![])))
        .expect(1)
        .mount(&server)
        .await;

    client
        .credential_connections()
        .list(&ListCredentialConnectionsQuery::new().sort(ConnectionSort::CreatedAtDescending))
        .await
        .unwrap();

    assert_raw_query(&only_request(&server).await, &["sort=-created_at"]);
}

#[tokio::test]
async fn list_fqdn_connections_by_name_descending() {
    let (server, client) = start().await;
    v2("GET", "/v2/fqdn_connections")
        .respond_with(ok(&page_of(vec![])))
        .expect(1)
        .mount(&server)
        .await;

    client
        .fqdn_connections()
        .list(&ListFqdnConnectionsQuery::new().sort(ConnectionSort::ConnectionNameDescending))
        .await
        .unwrap();

    assert_raw_query(&only_request(&server).await, &["sort=-connection_name"]);
}

#[tokio::test]
async fn list_ip_connections_inactive_first() {
    let (server, client) = start().await;
    v2("GET", "/v2/ip_connections")
        .respond_with(ok(&page_of(vec![])))
        .expect(1)
        .mount(&server)
        .await;

    client
        .ip_connections()
        .list(&ListIpConnectionsQuery::new().sort(ConnectionSort::ActiveDescending))
        .await
        .unwrap();

    assert_raw_query(&only_request(&server).await, &["sort=-active"]);
}

#[tokio::test]
async fn list_connections_by_creation_time() {
    let (server, client) = start().await;
    v2("GET", "/v2/connections")
        .respond_with(ok(&page_of(vec![])))
        .expect(1)
        .mount(&server)
        .await;

    client
        .connections()
        .list(&ListConnectionsQuery::new().sort(ConnectionSort::CreatedAt))
        .await
        .unwrap();

    assert_raw_query(&only_request(&server).await, &["sort=created_at"]);
}

#[tokio::test]
async fn list_outbound_voice_profiles_by_payment_method_descending() {
    let (server, client) = start().await;
    v2("GET", "/v2/outbound_voice_profiles")
        .respond_with(ok(&page_of(vec![])))
        .expect(1)
        .mount(&server)
        .await;

    client
        .outbound_voice_profiles()
        .list(
            &ListOutboundVoiceProfilesQuery::new()
                .sort(OutboundVoiceProfileSort::UsagePaymentMethodDescending),
        )
        .await
        .unwrap();

    assert_raw_query(
        &only_request(&server).await,
        &["sort=-usage_payment_method"],
    );
}

#[tokio::test]
async fn query_values_are_encoded_as_single_values() {
    let (server, client) = start().await;
    let sent = page_of(vec![]);
    v2("GET", "/v2/outbound_voice_profiles")
        .and(query_param("filter[name][contains]", "a&b=c d"))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let page = client
        .outbound_voice_profiles()
        .list(&ListOutboundVoiceProfilesQuery::new().filter_name_contains("a&b=c d"))
        .await
        .unwrap();

    assert!(page.data.is_empty());
    let request = only_request(&server).await;
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert_eq!(
        pairs,
        vec![("filter[name][contains]".to_owned(), "a&b=c d".to_owned())]
    );
    assert!(request
        .url
        .query()
        .unwrap()
        .starts_with("filter[name][contains]="));
}

/// The older filter spelling keeps its dot and brackets on the wire, and the
/// dot separates words in its Rust name.
#[tokio::test]
async fn the_dotted_filter_key_is_sent_literally() {
    let (server, client) = start().await;
    let sent = page_of(vec![connection_json()]);
    v2("GET", "/v2/connections")
        .and(query_param(
            "filter[outbound.outbound_voice_profile_id]",
            PROFILE_ID,
        ))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    client
        .connections()
        .list(&ListConnectionsQuery::new().filter_outbound_outbound_voice_profile_id(PROFILE_ID))
        .await
        .unwrap();

    assert_raw_query(
        &only_request(&server).await,
        &["filter[outbound.outbound_voice_profile_id]=1293384261075731499"],
    );
}

// ---------------------------------------------------------------------------
// Access IP addresses (005)
// ---------------------------------------------------------------------------

const ACCESS_IP_ADDRESS_ID: &str = "f5586561-8ff0-4291-a0ac-84fe544797bd";

/// Returns (005): created_at, description, id, ip_address, source, status
/// (pending, added), updated_at, user_id; the object itself, no `data`.
fn access_ip_address_json() -> Value {
    json!({
        "id": ACCESS_IP_ADDRESS_ID,
        "ip_address": "203.0.113.7",
        "source": "cloudflare",
        "status": "added",
        "description": "office NAT",
        "user_id": "9b1a0d36-8f8a-4d1f-a4f6-2d3f7e0c5b11",
        "created_at": "2026-11-30T09:12:44Z",
        "updated_at": "2026-11-30T09:13:02Z"
    })
}

#[tokio::test]
async fn list_access_ip_addresses() {
    let (server, client) = start().await;
    let sent = sample("list_access_ip_addresses.response.json");
    // The curl example of 005: a source filter, a date range and a page size.
    v2("GET", "/v2/access_ip_address")
        .and(query_param("filter[ip_source]", "cloudflare"))
        .and(query_param(
            "filter[created_at][gt]",
            "2023-01-01T00:00:00Z",
        ))
        .and(query_param("page[size]", "50"))
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let page = client
        .access_ip_addresses()
        .list(
            &ListAccessIpAddressesQuery::new()
                .filter_ip_source("cloudflare")
                .filter_created_at_gt("2023-01-01T00:00:00Z")
                .page_size(50),
        )
        .await
        .unwrap();

    // Colons in values go percent-encoded (`%3A`), which servers decode
    // to the same date-time.
    assert_raw_query(
        &only_request(&server).await,
        &[
            "filter[ip_source]=cloudflare",
            "filter[created_at][gt]=2023-01-01T00%3A00%3A00Z",
            "page[size]=50",
        ],
    );
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].id, ACCESS_IP_ADDRESS_ID);
    assert_eq!(page.data[0].source, "cloudflare");
    assert_eq!(page.data[0].status, AccessIpRangeStatus::Added);
    assert_eq!(page.meta.as_ref().unwrap().page_size, Some(50));
    assert_reencodes(&page, &sent);
}

#[tokio::test]
async fn list_access_ip_addresses_by_exact_creation_time() {
    let (server, client) = start().await;
    let sent = page_of(vec![access_ip_address_json()]);
    v2("GET", "/v2/access_ip_address")
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    client
        .access_ip_addresses()
        .list(
            &ListAccessIpAddressesQuery::new()
                .filter_ip_address("203.0.113.7")
                .filter_created_at("2026-11-30T09:12:44Z")
                .filter_created_at_gte("2026-11-01T00:00:00Z")
                .filter_created_at_lt("2026-12-01T00:00:00Z")
                .filter_created_at_lte("2026-12-01T00:00:00Z")
                .page_number(1),
        )
        .await
        .unwrap();

    assert_raw_query(
        &only_request(&server).await,
        &[
            "filter[ip_address]=203.0.113.7",
            "filter[created_at]=2026-11-30T09%3A12%3A44Z",
            "filter[created_at][gte]=2026-11-01T00%3A00%3A00Z",
            "filter[created_at][lt]=2026-12-01T00%3A00%3A00Z",
            "filter[created_at][lte]=2026-12-01T00%3A00%3A00Z",
            "page[number]=1",
        ],
    );
}

#[tokio::test]
async fn create_access_ip_address() {
    let (server, client) = start().await;
    let body_json = sample("create_access_ip_address.request.json");
    let mut address = access_ip_address_json();
    address["status"] = json!("pending");
    v2("POST", "/v2/access_ip_address")
        .no_query()
        .json_body(&body_json)
        .respond_with(ok(&address))
        .expect(1)
        .mount(&server)
        .await;

    let created = client
        .access_ip_addresses()
        .create(&decode::<CreateAccessIpAddressRequest>(&body_json))
        .await
        .unwrap();

    assert_eq!(created.id, ACCESS_IP_ADDRESS_ID);
    assert_eq!(created.status, AccessIpRangeStatus::Pending);
    assert_eq!(created.description.as_deref(), Some("office NAT"));
    assert_reencodes(&created, &address);
}

#[tokio::test]
async fn retrieve_access_ip_address() {
    let (server, client) = start().await;
    let address = access_ip_address_json();
    v2(
        "GET",
        "/v2/access_ip_address/f5586561-8ff0-4291-a0ac-84fe544797bd",
    )
    .no_query()
    .no_body()
    .respond_with(ok(&address))
    .expect(1)
    .mount(&server)
    .await;

    let retrieved = client
        .access_ip_addresses()
        .retrieve(ACCESS_IP_ADDRESS_ID)
        .await
        .unwrap();

    assert_eq!(retrieved.ip_address, "203.0.113.7");
    assert_eq!(retrieved.user_id, "9b1a0d36-8f8a-4d1f-a4f6-2d3f7e0c5b11");
    assert_reencodes(&retrieved, &address);
}

#[tokio::test]
async fn delete_access_ip_address() {
    let (server, client) = start().await;
    let address = access_ip_address_json();
    v2(
        "DELETE",
        "/v2/access_ip_address/f5586561-8ff0-4291-a0ac-84fe544797bd",
    )
    .no_query()
    .no_body()
    .respond_with(ok(&address))
    .expect(1)
    .mount(&server)
    .await;

    let deleted = client
        .access_ip_addresses()
        .delete(ACCESS_IP_ADDRESS_ID)
        .await
        .unwrap();

    assert_eq!(deleted.id, ACCESS_IP_ADDRESS_ID);
    assert_eq!(deleted.created_at.as_deref(), Some("2026-11-30T09:12:44Z"));
    assert_reencodes(&deleted, &address);
}

#[tokio::test]
async fn unknown_access_ip_address_is_not_found_with_the_range_error_body() {
    let (server, client) = start().await;
    // 005: the access IP address endpoints answer with the access IP range
    // error body; `code` is a string there.
    let body = r#"{"errors":[{"code":"10005","title":"Resource not found","detail":"Access IP address not found","meta":{"url":"https://developers.telnyx.com"}}]}"#;
    v2("GET", "/v2/access_ip_address/missing")
        .respond_with(error_reply(404, body))
        .expect(1)
        .mount(&server)
        .await;

    let err = client
        .access_ip_addresses()
        .retrieve("missing")
        .await
        .unwrap_err();

    assert!(err.is_not_found());
    let error = &err.envelope().unwrap().errors.as_ref().unwrap()[0];
    assert_eq!(error.code, Some(ErrorCode::from("10005")));
    assert_eq!(error.detail.as_deref(), Some("Access IP address not found"));
}

// ---------------------------------------------------------------------------
// Error responses (003: 401, 404, 422, 429)
// ---------------------------------------------------------------------------

/// A non-2xx reply with `body` as its raw JSON text.
fn error_reply(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

#[tokio::test]
async fn unauthorized_with_a_numeric_error_code() {
    let (server, client) = start().await;
    let body = r#"{"errors":[{"code":10009,"title":"Authentication failed","detail":"The API key is invalid or has been revoked."}]}"#;
    v2("GET", "/v2/connections")
        .respond_with(error_reply(401, body))
        .expect(1)
        .mount(&server)
        .await;

    let err = client
        .connections()
        .list(&ListConnectionsQuery::default())
        .await
        .unwrap_err();

    assert_eq!(err.status(), Some(401));
    assert!(err.is_unauthorized());
    assert!(!err.is_not_found() && !err.is_validation() && !err.is_rate_limited());
    let errors = err.envelope().unwrap().errors.as_ref().unwrap();
    assert_eq!(errors.len(), 1);
    // A code reads the same whichever form it came in.
    let code = errors[0].code.as_ref().unwrap();
    assert_eq!(code.as_str(), "10009");
    assert_eq!(code.to_string(), "10009");
    assert_eq!(*code, ErrorCode::from("10009"));
    // ...and is written back as the number it was.
    assert_eq!(serde_json::to_value(code).unwrap(), json!(10009));
    assert_eq!(errors[0].title.as_deref(), Some("Authentication failed"));
    assert_eq!(err.api_error().unwrap().body, body);
}

#[tokio::test]
async fn not_found() {
    let (server, client) = start().await;
    let body = r#"{"errors":[{"code":"10005","title":"Resource not found","detail":"The requested resource or URL could not be found.","source":{"parameter":"id"}}]}"#;
    v2("GET", "/v2/ips/6a09cdc3-8948-47f0-aa62-74ac943d6c58")
        .respond_with(error_reply(404, body))
        .expect(1)
        .mount(&server)
        .await;

    let err = client.ips().retrieve(IP_ID).await.unwrap_err();

    assert_eq!(err.status(), Some(404));
    assert!(err.is_not_found());
    assert!(!err.is_unauthorized() && !err.is_validation());
    let error = &err.envelope().unwrap().errors.as_ref().unwrap()[0];
    assert_eq!(error.code, Some(ErrorCode::from("10005")));
    assert_eq!(error.code.as_ref().unwrap().to_string(), "10005");
    assert_eq!(error.title.as_deref(), Some("Resource not found"));
    assert_eq!(
        error.source.as_ref().unwrap().parameter.as_deref(),
        Some("id")
    );
    assert_eq!(err.api_error().unwrap().body, body);
}

#[tokio::test]
async fn validation_error() {
    let (server, client) = start().await;
    let body = r#"{"errors":[{"code":"10015","title":"Invalid value","detail":"name must be at least 3 characters long","source":{"pointer":"/name"}}]}"#;
    v2("POST", "/v2/outbound_voice_profiles")
        .json_body(&json!({ "name": "of" }))
        .respond_with(error_reply(422, body))
        .expect(1)
        .mount(&server)
        .await;

    // The name breaks the documented minimum length, which the client
    // checks first; this call opts out to see the server's answer.
    let err = client
        .outbound_voice_profiles()
        .with_options(RequestOptions::new().check_constraints(false))
        .create(&CreateOutboundVoiceProfileRequest::new("of"))
        .await
        .unwrap_err();

    assert_eq!(err.status(), Some(422));
    assert!(err.is_validation());
    assert!(!err.is_not_found() && !err.is_rate_limited());
    let error = &err.envelope().unwrap().errors.as_ref().unwrap()[0];
    assert_eq!(error.code, Some(ErrorCode::from("10015")));
    assert_eq!(error.title.as_deref(), Some("Invalid value"));
    assert_eq!(
        error.detail.as_deref(),
        Some("name must be at least 3 characters long")
    );
    assert_eq!(
        error.source.as_ref().unwrap().pointer.as_deref(),
        Some("/name")
    );
    assert_eq!(err.api_error().unwrap().body, body);

    // Display says what the server said, not the raw body.
    assert_eq!(
        err.to_string(),
        "API error 422 Unprocessable Entity: [10015] Invalid value: name must be at least 3 characters long (at /name)"
    );
    let problem = &err.problems()[0];
    assert_eq!(problem.code.as_deref(), Some("10015"));
    assert_eq!(problem.source.as_deref(), Some("/name"));
}

#[tokio::test]
async fn an_error_lists_every_problem_and_numeric_codes() {
    let (server, client) = start().await;
    let body = r#"{"errors":[{"code":10004,"title":"Missing parameter","source":{"pointer":"/ip_address"}},{"code":"10015","detail":"Bad value"}]}"#;
    v2("POST", "/v2/ips")
        .respond_with(error_reply(422, body))
        .mount(&server)
        .await;
    let err = client
        .ips()
        .create(&CreateIpRequest::new("192.0.2.1"))
        .await
        .unwrap_err();
    assert_eq!(err.problems().len(), 2);
    assert_eq!(
        err.to_string(),
        "API error 422 Unprocessable Entity: [10004] Missing parameter (at /ip_address) (and 1 more problem)"
    );
    assert_eq!(err.problems()[1].to_string(), "[10015] Bad value");
}

#[tokio::test]
async fn a_request_breaking_a_documented_constraint_is_refused_before_it_is_sent() {
    let (server, client) = start().await;

    // `name` is documented as at least 3 characters; `page[size]` as 1 to 250.
    let err = client
        .outbound_voice_profiles()
        .create(&CreateOutboundVoiceProfileRequest::new("of"))
        .await
        .unwrap_err();
    let ErrorKind::Constraints { violations } = err.kind() else {
        panic!("{err:?}");
    };
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].field, "name");
    assert_eq!(violations[0].rule, Rule::MinLength(3));
    assert_eq!(
        err.to_string(),
        "request not sent: `name` must have at least 3 characters"
    );

    let err = client
        .ips()
        .list(&ListIpsQuery::new().page_size(0).page_number(0))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "request not sent: `page[number]` must be at least 1 (and 1 more)"
    );

    // An enum value the docs do not list is refused too (nested fields are
    // named by their path).
    let body = UpdateOutboundVoiceProfileRequest::new("office")
        .traffic_type(TrafficType::Unknown(UnknownValue::new(json!("bulk"))));
    let err = client
        .outbound_voice_profiles()
        .update(PROFILE_ID, &body)
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("`traffic_type` must be one of the documented values"),
        "{err}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}

#[tokio::test]
async fn constraint_checks_can_be_turned_off_for_the_client() {
    let (server, _) = start().await;
    v2("POST", "/v2/outbound_voice_profiles")
        .json_body(&json!({ "name": "of" }))
        .respond_with(ok(&json!({"data": {"name": "of"}})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .max_retries(0)
        .api_key(common::API_KEY)
        .base_url_v2(format!("{}/v2", server.uri()))
        .check_constraints(false)
        .build()
        .unwrap();

    let created = client
        .outbound_voice_profiles()
        .create(&CreateOutboundVoiceProfileRequest::new("of"))
        .await
        .unwrap();
    assert_eq!(created.data.name.as_deref(), Some("of"));
}

#[tokio::test]
async fn rate_limited() {
    let (server, client) = start().await;
    let body = r#"{"errors":[{"code":"10011","title":"Too many requests","detail":"Retry with exponential backoff."}]}"#;
    v2("GET", "/v2/fqdns")
        .respond_with(error_reply(429, body).insert_header("retry-after", "2"))
        .expect(1)
        .mount(&server)
        .await;

    let err = client
        .fqdns()
        .list(&ListFqdnsQuery::default())
        .await
        .unwrap_err();

    assert_eq!(err.status(), Some(429));
    assert!(err.is_rate_limited());
    assert!(!err.is_validation() && !err.is_server_error());
    let api = err.api_error().unwrap();
    assert_eq!(api.body, body);
    assert_eq!(api.headers["retry-after"], "2");
    let error = &err.envelope().unwrap().errors.as_ref().unwrap()[0];
    assert_eq!(error.title.as_deref(), Some("Too many requests"));
}

/// v1 operations share the error type: a 422 from a legacy endpoint decodes
/// the same way.
#[tokio::test]
async fn v1_validation_error() {
    let (server, client) = start().await;
    let body = r#"{"errors":[{"code":"10015","title":"Invalid value","source":{"pointer":"/connection_ids"}}]}"#;
    v1("PUT", "/termination/endpoints/1516447646313612567")
        .respond_with(error_reply(422, body))
        .expect(1)
        .mount(&server)
        .await;

    let body_json = sample("update_termination_endpoint.request.json");
    let err = client
        .termination_endpoints()
        .update(TERMINATION_ENDPOINT_ID, &decode(&body_json))
        .await
        .unwrap_err();

    assert!(err.is_validation());
    let error = &err.envelope().unwrap().errors.as_ref().unwrap()[0];
    assert_eq!(
        error.source.as_ref().unwrap().pointer.as_deref(),
        Some("/connection_ids")
    );
}

/// A proxy's HTML error page is still an API error with its status and raw
/// body; only the decoded envelope is missing.
#[tokio::test]
async fn a_non_json_error_body_keeps_status_and_body() {
    let (server, client) = start().await;
    let body = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    v2("DELETE", "/v2/fqdns/1517907029795014409")
        .respond_with(
            ResponseTemplate::new(502).set_body_raw(body.as_bytes().to_vec(), "text/html"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let err = client.fqdns().delete(FQDN_ID).await.unwrap_err();

    assert!(
        matches!(err.kind(), runtime::ErrorKind::Api(_)),
        "got {err:?}"
    );
    assert_eq!(err.status(), Some(502));
    assert!(err.is_server_error());
    assert!(err.envelope().is_none());
    assert_eq!(err.api_error().unwrap().body, body);
}

// ---------------------------------------------------------------------------
// Missing credentials
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_v1_call_without_api_user_sends_nothing() {
    let server = wiremock::MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(common::API_KEY)
        .api_token(common::API_TOKEN)
        .base_url_v2(format!("{}/v2", server.uri()))
        .base_url_v1(server.uri())
        .build()
        .unwrap();

    let err = client
        .security_connections()
        .create(&LegacyConnectionRequest::new("office-legacy"))
        .await
        .unwrap_err();

    assert!(
        matches!(
            err.kind(),
            runtime::ErrorKind::MissingCredential {
                name: "api_user",
                env: Some("TELNYX_API_USER")
            }
        ),
        "got {err:?}"
    );
    assert_eq!(err.status(), None);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_v2_call_without_api_key_sends_nothing() {
    let server = wiremock::MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_user(common::API_USER)
        .api_token(common::API_TOKEN)
        .base_url_v2(format!("{}/v2", server.uri()))
        .base_url_v1(server.uri())
        .build()
        .unwrap();

    let err = client.ips().retrieve(IP_ID).await.unwrap_err();

    assert!(
        matches!(
            err.kind(),
            runtime::ErrorKind::MissingCredential {
                name: "api_key",
                ..
            }
        ),
        "got {err:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

// ---------------------------------------------------------------------------
// Values the spec does not know
// ---------------------------------------------------------------------------

#[tokio::test]
async fn unknown_enum_values_and_fields_survive_a_v2_response() {
    let (server, client) = start().await;
    let sent = json!({
        "data": {
            "id": CREDENTIAL_CONNECTION_ID,
            "record_type": "credential_connection",
            "connection_name": "office-connection",
            "dtmf_type": "Carrier Pigeon",
            "anchorsite_override": "Mumbai, India",
            "webhook_api_version": 3,
            "brand_new_field": { "nested": [1, "two", null], "flag": true },
            "inbound": {
                "channel_limit": 10,
                "simultaneous_ringing": "round_the_clock",
                "new_setting": true
            },
            "rtcp_settings": { "port": "rtcp-mux", "capture_interval_ms": 250 }
        },
        "links": { "self": "/v2/credential_connections/1516447646313612565" }
    });
    v2("GET", "/v2/credential_connections/1516447646313612565")
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let response = client
        .credential_connections()
        .retrieve(CREDENTIAL_CONNECTION_ID)
        .await
        .unwrap();

    let connection = &response.data;
    assert_eq!(
        connection.dtmf_type,
        Some(DtmfType::Unknown(UnknownValue::new(json!(
            "Carrier Pigeon"
        ))))
    );
    assert_eq!(
        connection.dtmf_type.as_ref().and_then(DtmfType::as_str),
        Some("Carrier Pigeon")
    );
    assert!(matches!(
        &connection.anchorsite_override,
        Some(AnchorsiteOverride::Unknown(value)) if value.as_str() == Some("Mumbai, India")
    ));
    assert!(matches!(
        &connection.webhook_api_version,
        Some(WebhookApiVersion::Unknown(value)) if value.as_i64() == Some(3)
    ));
    assert_eq!(
        connection.extra.get("brand_new_field"),
        Some(&json!({ "nested": [1, "two", null], "flag": true }))
    );
    let inbound = connection.inbound.as_ref().unwrap();
    assert_eq!(inbound.channel_limit, Some(10));
    assert_eq!(inbound.extra.get("new_setting"), Some(&json!(true)));
    assert!(matches!(
        &inbound.simultaneous_ringing,
        Some(SimultaneousRinging::Unknown(value)) if value.as_str() == Some("round_the_clock")
    ));
    let rtcp = connection.rtcp_settings.as_ref().unwrap();
    assert_eq!(rtcp.extra.get("capture_interval_ms"), Some(&json!(250)));
    assert_eq!(
        response.extra.get("links"),
        Some(&json!({ "self": "/v2/credential_connections/1516447646313612565" }))
    );
    assert_reencodes(&response, &sent);
}

/// Integer-coded v1 enums: 3 is the retired "EEA originated" service plan
/// (000), which a server can still send for old profiles.
#[tokio::test]
async fn unknown_integer_enum_values_and_fields_survive_a_v1_response() {
    let (server, client) = start().await;
    let mut sent = sample("update_termination_endpoint.response.json");
    sent["service_plan"] = json!(3);
    sent["traffic_type"] = json!(7);
    sent["call_recording_type"] = json!("by_caller_phone_number");
    sent["cps_limit_burst"] = json!({ "per_second": 5 });
    v1("PUT", "/termination/endpoints/1516447646313612567")
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let body_json = sample("update_termination_endpoint.request.json");
    let updated = client
        .termination_endpoints()
        .update(TERMINATION_ENDPOINT_ID, &decode(&body_json))
        .await
        .unwrap();

    assert_eq!(
        updated.service_plan,
        Some(LegacyServicePlan::Unknown(UnknownValue::new(json!(3))))
    );
    assert_eq!(
        updated
            .service_plan
            .as_ref()
            .and_then(LegacyServicePlan::as_i64),
        Some(3)
    );
    assert_eq!(
        updated
            .traffic_type
            .as_ref()
            .and_then(LegacyTrafficType::as_i64),
        Some(7)
    );
    assert!(matches!(
        &updated.call_recording_type,
        Some(LegacyCallRecordingType::Unknown(value)) if value.as_str() == Some("by_caller_phone_number")
    ));
    assert_eq!(
        updated.extra.get("cps_limit_burst"),
        Some(&json!({ "per_second": 5 }))
    );
    assert_reencodes(&updated, &sent);
}

/// 004's v1 site list has no Frankfurt (v2's has), and its DNIS formats stop
/// at 2: a server answering with either still decodes.
#[tokio::test]
async fn unknown_values_survive_a_legacy_connection_response() {
    let (server, client) = start().await;
    let sent = json!({
        "id": "1516447646313612568",
        "connection_name": "office-legacy",
        "anchorsite_override": "Frankfurt, Germany",
        "dnis_number_format": 3,
        "timeout_1xx": "3",
        "encrypted_media": "DTLS",
        "created_at": "2024-03-01T10:15:00Z"
    });
    v1("POST", "/security/connections")
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let created = client
        .security_connections()
        .create(&LegacyConnectionRequest::new("office-legacy"))
        .await
        .unwrap();

    assert!(matches!(
        &created.anchorsite_override,
        Some(LegacyAnchorsiteOverride::Unknown(value)) if value.as_str() == Some("Frankfurt, Germany")
    ));
    assert_eq!(
        created
            .dnis_number_format
            .as_ref()
            .and_then(LegacyDnisNumberFormat::as_i64),
        Some(3)
    );
    assert!(matches!(
        created.encrypted_media.value(),
        Some(LegacyEncryptedMedia::Unknown(value)) if value.as_str() == Some("DTLS")
    ));
    assert_eq!(
        created.extra.get("created_at"),
        Some(&json!("2024-03-01T10:15:00Z"))
    );
    assert_reencodes(&created, &sent);
}

/// Unknown fields of a list page (in `meta`, beside `data`) and of its items.
#[tokio::test]
async fn unknown_fields_survive_a_list_response() {
    let (server, client) = start().await;
    let mut item = ip_json();
    item["health"] = json!({ "last_probe": "ok" });
    let mut sent = page_of(vec![item]);
    sent["meta"]["next_cursor"] = json!("abc");
    sent["url"] = json!("/v2/ips");
    v2("GET", "/v2/ips")
        .respond_with(ok(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let page = client.ips().list(&ListIpsQuery::default()).await.unwrap();

    assert_eq!(
        page.data[0].extra.get("health"),
        Some(&json!({ "last_probe": "ok" }))
    );
    let meta = page.meta.as_ref().unwrap();
    assert_eq!(meta.total_pages, Some(3));
    assert_eq!(meta.extra.get("next_cursor"), Some(&json!("abc")));
    assert_eq!(page.extra.get("url"), Some(&json!("/v2/ips")));
    assert_reencodes(&page, &sent);
}
