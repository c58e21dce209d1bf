//! Decoding is forgiving and lossless: a response whose fields have a shape
//! the docs did not promise still decodes, and re-encodes to exactly what
//! the server sent.

use serde_json::json;
use telnyx_sip::{
    ApiError, Envelope, ErrorCode, ErrorEnvelope, Ip, ListEnvelope, OutboundVoiceProfile,
};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(sent: &serde_json::Value) -> T {
    let decoded: T =
        serde_json::from_value(sent.clone()).unwrap_or_else(|e| panic!("does not decode: {e}"));
    let again = serde_json::to_value(&decoded).unwrap_or_else(|e| panic!("does not encode: {e}"));
    assert_eq!(&again, sent, "re-encoding lost or changed something");
    decoded
}

#[test]
fn a_number_sent_as_a_string_and_an_unpromised_null_are_kept_aside() {
    let sent = json!({"data": {
        "id": "1517907029795014409",
        "port": "5060",
        "ip_address": null,
        "connection_id": 42,
        "created_at": "2018-02-02T22:25:27.521Z"
    }});
    let ip = round_trip::<Envelope<Ip>>(&sent).data;
    assert_eq!(ip.id.as_deref(), Some("1517907029795014409"));
    assert_eq!(ip.port, None, "the string does not become a wrong integer");
    assert_eq!(ip.extra.get("port"), Some(&json!("5060")));
    assert_eq!(ip.ip_address, None);
    assert_eq!(ip.extra.get("ip_address"), Some(&json!(null)));
    assert_eq!(ip.extra.get("connection_id"), Some(&json!(42)));
    assert_eq!(ip.created_at.as_deref(), Some("2018-02-02T22:25:27.521Z"));
}

#[test]
fn timestamps_in_any_shape_decode() {
    let sent = json!({"data": [
        {"id": "a", "created_at": "2018-02-02"},
        {"id": "b", "created_at": 1517609127},
        {"id": "c", "updated_at": "yesterday"}
    ], "meta": {"page_number": 1, "total_pages": 1}});
    let page = round_trip::<ListEnvelope<Ip>>(&sent);
    assert_eq!(page.data.len(), 3);
    assert_eq!(page.data[0].created_at.as_deref(), Some("2018-02-02"));
    assert_eq!(
        page.data[1].extra.get("created_at"),
        Some(&json!(1517609127))
    );
}

#[test]
fn numbers_keep_their_integer_or_float_form() {
    let sent = json!({"data": {"max_destination_rate": 10, "concurrent_call_limit": null, "tags": ["a", 1]}});
    let profile = round_trip::<Envelope<OutboundVoiceProfile>>(&sent).data;
    assert_eq!(profile.max_destination_rate.map(|n| n.as_f64()), Some(10.0));
    assert!(
        profile.concurrent_call_limit.is_null(),
        "a nullable field keeps its null"
    );
    assert_eq!(profile.tags, None);
    assert_eq!(profile.extra.get("tags"), Some(&json!(["a", 1])));
    let float = json!({"data": {"max_destination_rate": 0.25}});
    let profile = round_trip::<Envelope<OutboundVoiceProfile>>(&float).data;
    assert_eq!(profile.max_destination_rate.map(|n| n.as_f64()), Some(0.25));
}

#[test]
fn a_required_field_in_the_wrong_shape_is_still_an_error() {
    // The envelope's `data` is required: a list where an object belongs is
    // not something to guess about.
    let sent = json!({"data": "not an object"});
    assert!(serde_json::from_value::<Envelope<Ip>>(sent).is_err());
}

#[test]
fn date_times_give_typed_access_and_keep_forms_the_docs_did_not_promise() {
    let sent = json!({"data": {
        "id": "1",
        "created_at": "2018-02-02T22:25:27.521Z",
        "updated_at": "2021-09-28T15:11:02"
    }});
    let ip = round_trip::<Envelope<Ip>>(&sent).data;
    let created = ip.created_at.as_ref().and_then(|at| at.timestamp());
    assert_eq!(
        created.map(|at| at.as_millisecond()),
        Some(1_517_610_327_521)
    );
    // No offset: not an instant, but kept as sent rather than failing.
    let updated = ip.updated_at.as_ref().unwrap_or_else(|| panic!("kept"));
    assert_eq!(updated.timestamp(), None);
    assert_eq!(updated.as_str(), "2021-09-28T15:11:02");
    assert!(ip.extra.is_empty());

    // A number where a date-time belongs goes aside, like any wrong shape.
    let sent = json!({"data": {"id": "1", "created_at": 1517610327}});
    let ip = round_trip::<Envelope<Ip>>(&sent).data;
    assert_eq!(ip.created_at, None);
    assert_eq!(ip.extra.get("created_at"), Some(&json!(1517610327)));
}

#[test]
fn an_error_code_reads_as_text_and_keeps_the_form_it_came_in() {
    // Byte for byte: a number is not re-encoded as a string, nor a string
    // as a number.
    let text = r#"{"errors":[{"code":10009,"title":"Authentication failed"},{"code":"10015"},{"code":2.5}]}"#;
    let envelope: ErrorEnvelope = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        serde_json::to_string(&envelope).unwrap_or_else(|e| panic!("{e}")),
        text
    );
    let codes: Vec<&str> = envelope
        .errors
        .iter()
        .flatten()
        .map(|error| error.code.as_ref().map_or("", ErrorCode::as_str))
        .collect();
    assert_eq!(codes, ["10009", "10015", "2.5"]);
    let first = envelope
        .errors
        .as_ref()
        .and_then(|errors| errors[0].code.as_ref());
    let first = first.unwrap_or_else(|| panic!("the first error has a code"));
    assert_eq!(first.to_string(), "10009");
    assert!(*first == "10009");
    // Equal by text, whichever form it came in.
    assert_eq!(*first, ErrorCode::from("10009"));
}

#[test]
fn an_error_code_made_from_text_is_sent_as_a_string() {
    let mut error: ApiError = serde_json::from_value(json!({})).unwrap_or_else(|e| panic!("{e}"));
    error.code = Some(ErrorCode::from("10015"));
    assert_eq!(
        serde_json::to_value(&error).unwrap_or_else(|e| panic!("{e}")),
        json!({"code": "10015"})
    );
    error.code = Some(ErrorCode::new(String::from("x")));
    assert_eq!(error.code.as_ref().map(AsRef::as_ref), Some("x"));
}

#[test]
fn an_error_code_of_another_shape_does_not_fail_the_error() {
    for odd in [
        json!(null),
        json!({"value": 10015}),
        json!([1]),
        json!(true),
    ] {
        let sent = json!({"errors": [{"code": odd, "title": "Invalid value"}]});
        let envelope = round_trip::<ErrorEnvelope>(&sent);
        let errors = envelope.errors.as_deref().unwrap_or_default();
        let error = &errors[0];
        assert_eq!(error.code, None, "{odd} is no code");
        assert_eq!(error.extra.get("code"), Some(&odd));
        assert_eq!(error.title.as_deref(), Some("Invalid value"));
    }
}
