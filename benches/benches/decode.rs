//! Decode and encode throughput of the generated types on a large v2 list
//! response (10,000 credential connections), side by side with plain
//! `#[derive(Deserialize, Serialize)]` structs of the same fields that drop
//! unknown fields.
//!
//! `cargo bench -p telnyx-sip-benches --bench decode`. Criterion prints the
//! throughput of each (MiB/s); a paired run at the end prints the
//! generated/plain ratios, measured in alternating rounds so that load from
//! other processes hits both sides alike. `BENCH_ITEMS` changes the item count.
//!
//! The response is built from the spec's credential connection sample plus
//! the fields a response adds (id, record_type, timestamps, the settings a
//! create request leaves out), every field of `CredentialConnection`
//! present, each item's strings made distinct. A second data set adds three
//! fields the spec does not know to each item: the generated types keep them
//! in `extra`, the plain structs skip them.
//!
//! Encoding is measured on what the client encodes, request bodies: the
//! list's items without the fields only a response has, as a JSON array of
//! `CreateCredentialConnectionRequest` (the plain side writes the same
//! fields through the same plain structs).

// A benchmark reports and stops on broken input; a panic with the message is
// the clearest report, so unwrap/expect are fine here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use serde_json::{json, Value};
use telnyx_sip::{CreateCredentialConnectionRequest, CredentialConnection, ListEnvelope};
use telnyx_sip_benches::{is_bench_run, median_f64, workspace_root};

type Generated = ListEnvelope<CredentialConnection>;

/// What the encode rows write: request bodies, the only values the client
/// encodes (response types have no body encoder).
type Bodies = Vec<CreateCredentialConnectionRequest>;

fn main() {
    let bench = is_bench_run();
    let items = std::env::var("BENCH_ITEMS")
        .ok()
        .map(|n| n.parse().expect("BENCH_ITEMS: a number"))
        .unwrap_or(if bench { 10_000 } else { 100 });
    // The client holds a body as `Bytes` (from reqwest); its decoder is fed
    // the same, made once here and not in the timed loops.
    let known = Bytes::from(list_response(items, false));
    let unknown = Bytes::from(list_response(items, true));
    if let Ok(case) = std::env::var("DECODE_PROFILE") {
        profile_one(&case, &known, &unknown);
        return;
    }
    check_equivalent(&known, &unknown);
    check_bodies(&request_bodies(&known));

    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();

    println!(
        "== decode/encode: ListEnvelope<CredentialConnection>, {items} items, {:.2} MiB \
         ({:.2} MiB with 3 unknown fields per item)",
        mib(known.len()),
        mib(unknown.len())
    );
    decode_group(&mut criterion, "decode/known-fields", &known);
    decode_group(&mut criterion, "decode/3-unknown-fields-per-item", &unknown);
    let bodies = Bytes::from(request_bodies(&known));
    encode_group(&mut criterion, &bodies);
    criterion.final_summary();

    paired_summary(&known, &unknown, &bodies, if bench { 15 } else { 1 });
}

fn decode_group(criterion: &mut Criterion, name: &str, body: &Bytes) {
    let mut group = criterion.benchmark_group(name);
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_with_input(BenchmarkId::from_parameter("generated"), body, |b, body| {
        b.iter(|| decode_generated(black_box(body)));
    });
    group.bench_with_input(
        BenchmarkId::from_parameter("generated+client_decoder"),
        body,
        |b, body| b.iter(|| decode_generated_tracked(black_box(body))),
    );
    group.bench_with_input(BenchmarkId::from_parameter("plain"), body, |b, body| {
        b.iter(|| decode_plain(black_box(body)));
    });
    group.bench_with_input(
        BenchmarkId::from_parameter("plain+client_decoder"),
        body,
        |b, body| b.iter(|| decode_plain_client(black_box(body))),
    );
    group.finish();
}

fn encode_group(criterion: &mut Criterion, body: &[u8]) {
    let generated = decode_bodies(body);
    let plain = decode_plain_bodies(body);
    let mut group = criterion.benchmark_group("encode");
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("generated", |b| {
        b.iter(|| serde_json::to_vec(black_box(&generated)).unwrap());
    });
    group.bench_function("generated+client_encoder", |b| {
        b.iter(|| encode_client(black_box(&generated)));
    });
    group.bench_function("plain", |b| {
        b.iter(|| serde_json::to_vec(black_box(&plain)).unwrap());
    });
    group.finish();
}

/// What the client does with a request body (`Request::json` in the
/// runtime): the derives' `WriteJson`, the same bytes as `serde_json::to_vec`.
fn encode_client(value: &Bodies) -> Vec<u8> {
    telnyx_sip::runtime::__private_v1::encode_body(value).unwrap()
}

fn decode_bodies(body: &[u8]) -> Bodies {
    serde_json::from_slice(body).unwrap()
}

fn decode_plain_bodies(body: &[u8]) -> Vec<plain::CredentialConnection> {
    serde_json::from_slice(body).unwrap()
}

/// The list's items without the fields only a response has (set by the
/// server), as a JSON array of create-request bodies.
fn request_bodies(list: &[u8]) -> Vec<u8> {
    let mut list: Value = serde_json::from_slice(list).unwrap();
    let items = list["data"].as_array_mut().unwrap();
    for item in items.iter_mut() {
        let object = item.as_object_mut().unwrap();
        for read_only in ["id", "record_type", "created_at", "updated_at"] {
            object.remove(read_only);
        }
    }
    serde_json::to_vec(items).unwrap()
}

/// Every request body decodes with no field left over (so the encoder is
/// measured on known fields), re-encodes to its input, and the client's
/// encoder writes what serde_json writes, byte for byte.
fn check_bodies(bodies: &[u8]) {
    let decoded = decode_bodies(bodies);
    for body in &decoded {
        assert!(
            body.extra.is_empty(),
            "a field of the request bodies is not in CreateCredentialConnectionRequest"
        );
    }
    let input: Value = serde_json::from_slice(bodies).unwrap();
    same_or_panic(
        "request bodies re-encode",
        &serde_json::to_value(&decoded).unwrap(),
        &input,
    );
    same_or_panic(
        "plain request bodies re-encode",
        &serde_json::to_value(decode_plain_bodies(bodies)).unwrap(),
        &input,
    );
    assert!(
        encode_client(&decoded) == serde_json::to_vec(&decoded).unwrap(),
        "the client's encoder and serde_json differ"
    );
}

fn decode_generated(body: &[u8]) -> Generated {
    serde_json::from_slice(body).unwrap()
}

/// What the client does with a response body (`decode_success` in the runtime).
/// Through the decoder the client uses for every 2xx body.
fn decode_generated_tracked(body: &Bytes) -> Generated {
    telnyx_sip::runtime::__private_v1::decode_success_body(body).unwrap()
}

fn decode_plain(body: &[u8]) -> plain::ListEnvelope<plain::CredentialConnection> {
    serde_json::from_slice(body).unwrap()
}

/// The plain structs through the client's decoder: not what the target is
/// judged on (plain derive is `serde_json::from_slice`), but it shows how
/// much of a gap is the types and how much the decoder's entry.
fn decode_plain_client(body: &Bytes) -> plain::ListEnvelope<plain::CredentialConnection> {
    telnyx_sip::runtime::__private_v1::decode_success_body(body).unwrap()
}

/// Interleaved rounds of generated and plain, one ratio per round; prints the
/// median ratio, which is what the 0.9x target is judged on.
fn paired_summary(known: &Bytes, unknown: &Bytes, bodies: &Bytes, rounds: usize) {
    let generated = decode_bodies(bodies);
    let plain = decode_plain_bodies(bodies);
    type Case<'a> = (&'a str, &'a Bytes, Box<dyn Fn() + 'a>, Box<dyn Fn() + 'a>);
    let cases: Vec<Case<'_>> = vec![
        (
            "decode, known fields",
            known,
            Box::new(|| drop(black_box(decode_generated(black_box(known))))),
            Box::new(|| drop(black_box(decode_plain(black_box(known))))),
        ),
        (
            "decode, known fields, through the client's decoder",
            known,
            Box::new(|| drop(black_box(decode_generated_tracked(black_box(known))))),
            Box::new(|| drop(black_box(decode_plain(black_box(known))))),
        ),
        (
            "  reference: both through the client's decoder",
            known,
            Box::new(|| drop(black_box(decode_generated_tracked(black_box(known))))),
            Box::new(|| drop(black_box(decode_plain_client(black_box(known))))),
        ),
        (
            "decode, 3 unknown fields per item",
            unknown,
            Box::new(|| drop(black_box(decode_generated(black_box(unknown))))),
            Box::new(|| drop(black_box(decode_plain(black_box(unknown))))),
        ),
        (
            "decode, 3 unknown fields per item, through the client's decoder",
            unknown,
            Box::new(|| drop(black_box(decode_generated_tracked(black_box(unknown))))),
            Box::new(|| drop(black_box(decode_plain(black_box(unknown))))),
        ),
        (
            "  reference: both through the client's decoder",
            unknown,
            Box::new(|| drop(black_box(decode_generated_tracked(black_box(unknown))))),
            Box::new(|| drop(black_box(decode_plain_client(black_box(unknown))))),
        ),
        (
            "encode request bodies, through the client's body encoder",
            bodies,
            Box::new(|| drop(black_box(encode_client(black_box(&generated))))),
            Box::new(|| drop(black_box(serde_json::to_vec(black_box(&plain)).unwrap()))),
        ),
        (
            "  reference: generated through serde_json::to_vec (its Serialize)",
            bodies,
            Box::new(|| {
                drop(black_box(
                    serde_json::to_vec(black_box(&generated)).unwrap(),
                ))
            }),
            Box::new(|| drop(black_box(serde_json::to_vec(black_box(&plain)).unwrap()))),
        ),
    ];
    println!();
    println!(
        "== decode/encode summary: generated vs plain, {rounds} alternating rounds, \
         median (MB = 10^6 bytes)"
    );
    println!(
        "{:<68} {:>12} {:>12} {:>16}",
        "case", "generated", "plain", "generated/plain"
    );
    for (name, body, run_generated, run_plain) in &cases {
        let mut generated_rates = Vec::with_capacity(rounds);
        let mut plain_rates = Vec::with_capacity(rounds);
        let mut ratios = Vec::with_capacity(rounds);
        for round in 0..rounds {
            // Alternate which side goes first, so neither always runs warm.
            let (g, p) = if round % 2 == 0 {
                let g = rate(body.len(), run_generated);
                (g, rate(body.len(), run_plain))
            } else {
                let p = rate(body.len(), run_plain);
                (rate(body.len(), run_generated), p)
            };
            generated_rates.push(g);
            plain_rates.push(p);
            ratios.push(g / p);
        }
        println!(
            "{:<68} {:>7.1} MB/s {:>7.1} MB/s {:>15.2}x",
            name,
            median_f64(&generated_rates),
            median_f64(&plain_rates),
            median_f64(&ratios)
        );
    }
    println!(
        "targets: decode through the client's decoder >= 0.90x plain (known fields and \
         unknown fields); encode through the client's encoder >= 1.00x. The reference rows \
         put the plain structs through the client's decoder too, and the generated types \
         through serde_json's encoder, to show what is the types and what the codec."
    );
}

/// Runs one case once, for an instruction count under callgrind (the
/// figures a shared, noisy machine cannot spoil):
///
/// ```sh
/// DECODE_PROFILE=generated-known valgrind --tool=callgrind \
///     --collect-atstart=no --toggle-collect='*profiled_run*' <decode bench binary>
/// ```
///
/// Cases: `{generated,client,plain,plainclient}-{known,unknown}`,
/// `encode-{generated,client,plain}`. Only `profiled_run` is counted, so building the
/// data is not.
fn profile_one(case: &str, known: &Bytes, unknown: &Bytes) {
    let bodies = request_bodies(known);
    let generated = decode_bodies(&bodies);
    let plain = decode_plain_bodies(&bodies);
    let run: Box<dyn Fn()> = match case {
        "generated-known" => Box::new(|| drop(black_box(decode_generated(known)))),
        "client-known" => Box::new(|| drop(black_box(decode_generated_tracked(known)))),
        "plain-known" => Box::new(|| drop(black_box(decode_plain(known)))),
        "plainclient-known" => Box::new(|| drop(black_box(decode_plain_client(known)))),
        "plainclient-unknown" => Box::new(|| drop(black_box(decode_plain_client(unknown)))),
        "sizes" => {
            println!(
                "size_of CredentialConnection: generated {} bytes, plain {} bytes",
                std::mem::size_of::<CredentialConnection>(),
                std::mem::size_of::<plain::CredentialConnection>()
            );
            return;
        }
        "generated-unknown" => Box::new(|| drop(black_box(decode_generated(unknown)))),
        "client-unknown" => Box::new(|| drop(black_box(decode_generated_tracked(unknown)))),
        "plain-unknown" => Box::new(|| drop(black_box(decode_plain(unknown)))),
        "encode-generated" => Box::new(|| {
            drop(black_box(
                serde_json::to_vec(black_box(&generated)).unwrap(),
            ))
        }),
        "encode-client" => Box::new(|| drop(black_box(encode_client(black_box(&generated))))),
        "encode-plain" => {
            Box::new(|| drop(black_box(serde_json::to_vec(black_box(&plain)).unwrap())))
        }
        other => panic!("DECODE_PROFILE: unknown case {other}"),
    };
    // DECODE_PROFILE_REPEAT runs it more than once (for `perf stat`).
    let repeat: usize = std::env::var("DECODE_PROFILE_REPEAT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    for _ in 0..repeat {
        profiled_run(&*run);
    }
}

/// The one function callgrind counts (see [`profile_one`]).
#[inline(never)]
fn profiled_run(run: &dyn Fn()) {
    run();
}

/// MB/s of one call of `run` over `bytes`.
fn rate(bytes: usize, run: &dyn Fn()) -> f64 {
    let start = Instant::now();
    run();
    bytes as f64 / start.elapsed().as_secs_f64() / 1e6
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Fails the bench if the two decoders do not see the same data: both must
/// decode every item, the generated types must re-encode every byte they
/// read (unknown fields included), and on the known-fields set the plain
/// structs must re-encode exactly the input, which proves they cover every
/// field in it and the data has no field the plain structs lack.
fn check_equivalent(known: &[u8], unknown: &[u8]) {
    let input: Value = serde_json::from_slice(known).unwrap();
    let generated = decode_generated(known);
    let plain = decode_plain(known);
    same_or_panic(
        "generated re-encode",
        &serde_json::to_value(&generated).unwrap(),
        &input,
    );
    same_or_panic(
        "plain re-encode",
        &serde_json::to_value(&plain).unwrap(),
        &input,
    );
    for item in &generated.data {
        assert!(
            item.extra.is_empty(),
            "a field of the data is not in CredentialConnection"
        );
    }
    let input: Value = serde_json::from_slice(unknown).unwrap();
    same_or_panic(
        "generated re-encode with unknown fields",
        &serde_json::to_value(decode_generated(unknown)).unwrap(),
        &input,
    );
    assert_eq!(decode_plain(unknown).data.len(), generated.data.len());
}

/// Panics naming the first place where `got` differs from `want` (the
/// values are megabytes: printing them whole helps nobody).
fn same_or_panic(what: &str, got: &Value, want: &Value) {
    if let Some(place) = first_difference(got, want, String::new()) {
        panic!("{what} differs from the input at {place}");
    }
}

fn first_difference(got: &Value, want: &Value, at: String) -> Option<String> {
    match (got, want) {
        (Value::Object(got), Value::Object(want)) => {
            for key in got.keys().chain(want.keys()) {
                let (g, w) = (got.get(key), want.get(key));
                match (g, w) {
                    (Some(g), Some(w)) => {
                        if let Some(place) = first_difference(g, w, format!("{at}.{key}")) {
                            return Some(place);
                        }
                    }
                    _ => return Some(format!("{at}.{key} (got {g:?}, want {w:?})")),
                }
            }
            None
        }
        (Value::Array(got), Value::Array(want)) if got.len() == want.len() => got
            .iter()
            .zip(want)
            .enumerate()
            .find_map(|(index, (g, w))| first_difference(g, w, format!("{at}[{index}]"))),
        _ if got == want => None,
        _ => Some(format!("{at} (got {got}, want {want})")),
    }
}

/// A v2 list response of `items` credential connections.
fn list_response(items: usize, with_unknown_fields: bool) -> Vec<u8> {
    let sample_path =
        workspace_root().join("spec/samples/create_credential_connection.request.json");
    let sample: Value =
        serde_json::from_str(&std::fs::read_to_string(&sample_path).unwrap()).unwrap();
    let data: Vec<Value> = (0..items)
        .map(|index| {
            let mut item = sample.clone();
            let object = item.as_object_mut().unwrap();
            let response_fields = json!({
                "id": format!("{}", 1_293_384_261_075_731_000_u64 + index as u64),
                "record_type": "credential_connection",
                "active": index % 7 != 0,
                "call_cost_in_webhooks": index % 2 == 0,
                "default_on_hold_comfort_noise_enabled": true,
                "encode_contact_header_enabled": false,
                "onnet_t38_passthrough_enabled": false,
                "sip_uri_calling_preference": "disabled",
                "jitter_buffer": {
                    "enable_jitter_buffer": false,
                    "jitterbuffer_msec_min": 60,
                    "jitterbuffer_msec_max": 200
                },
                "noise_suppression_details": { "engine": "denoiser", "attenuation_limit": 0 },
                "ios_push_credential_id": null,
                "connection_name": format!("office-connection-{index}"),
                "user_name": format!("myusername{index}"),
                "password": format!("secure-password-{index:06}"),
                "created_at": format!("2024-01-{:02}T10:{:02}:{:02}.000Z", 1 + index % 28, index % 60, (index / 60) % 60),
                "updated_at": format!("2024-02-{:02}T11:{:02}:{:02}.000Z", 1 + index % 28, index % 60, (index / 60) % 60),
            });
            for (key, value) in response_fields.as_object().unwrap() {
                object.insert(key.clone(), value.clone());
            }
            // The sample leaves out the one outbound setting a response still has.
            object["outbound"]
                .as_object_mut()
                .unwrap()
                .insert("ani_override_type".into(), json!("always"));
            if with_unknown_fields {
                object.insert("sip_region_hint".into(), json!("Europe"));
                object.insert("beta_features_enabled".into(), json!(index % 3 == 0));
                object.insert(
                    "usage".into(),
                    json!({ "calls_last_30_days": index * 13, "minutes": index as f64 * 2.5 }),
                );
            }
            item
        })
        .collect();
    let total_pages = 1;
    serde_json::to_vec(&json!({
        "data": data,
        "meta": {
            "page_number": 1,
            "page_size": items,
            "total_pages": total_pages,
            "total_results": items
        }
    }))
    .unwrap()
}

/// Hand-written plain structs of the same fields as the generated
/// `CredentialConnection` (and what it nests), with plain derives: unknown
/// fields are skipped, enums are closed, nullable fields are `Option`.
/// Every field is always written (no `skip_serializing_if`), so encoding
/// the fully populated test data gives back the input. Keep in step with
/// `spec/credential_connections.yaml` and `spec/connection_settings.yaml`.
mod plain {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize)]
    pub struct ListEnvelope<T> {
        pub data: Vec<T>,
        pub meta: Option<PaginationMeta>,
    }

    #[derive(Serialize, Deserialize)]
    pub struct PaginationMeta {
        pub page_number: Option<i64>,
        pub page_size: Option<i64>,
        pub total_pages: Option<i64>,
        pub total_results: Option<i64>,
    }

    #[derive(Serialize, Deserialize)]
    pub struct CredentialConnection {
        pub active: Option<bool>,
        pub anchorsite_override: Option<AnchorsiteOverride>,
        pub android_push_credential_id: Option<String>,
        pub call_cost_in_webhooks: Option<bool>,
        pub connection_name: Option<String>,
        // Only in responses: left out of the request bodies the encode rows write.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub created_at: Option<String>,
        pub default_on_hold_comfort_noise_enabled: Option<bool>,
        pub dtmf_type: Option<DtmfType>,
        pub encode_contact_header_enabled: Option<bool>,
        pub encrypted_media: Option<EncryptedMedia>,
        // Only in responses: left out of the request bodies the encode rows write.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
        pub inbound: Option<CredentialInbound>,
        pub ios_push_credential_id: Option<String>,
        pub jitter_buffer: Option<JitterBuffer>,
        pub noise_suppression: Option<NoiseSuppression>,
        pub noise_suppression_details: Option<NoiseSuppressionDetails>,
        pub onnet_t38_passthrough_enabled: Option<bool>,
        pub outbound: Option<CredentialOutbound>,
        pub password: Option<String>,
        // Only in responses: left out of the request bodies the encode rows write.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub record_type: Option<String>,
        pub rtcp_settings: Option<RtcpSettings>,
        pub sip_uri_calling_preference: Option<SipUriCallingPreference>,
        pub tags: Option<Vec<String>>,
        // Only in responses: left out of the request bodies the encode rows write.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub updated_at: Option<String>,
        pub user_name: Option<String>,
        pub webhook_api_version: Option<WebhookApiVersion>,
        pub webhook_event_failover_url: Option<String>,
        pub webhook_event_url: Option<String>,
        pub webhook_timeout_secs: Option<i64>,
    }

    #[derive(Serialize, Deserialize)]
    pub struct CredentialInbound {
        pub ani_number_format: Option<AniNumberFormat>,
        pub dnis_number_format: Option<DnisNumberFormat>,
        pub codecs: Option<Vec<String>>,
        pub default_routing_method: Option<DefaultRoutingMethod>,
        pub channel_limit: Option<i64>,
        pub generate_ringback_tone: Option<bool>,
        pub isup_headers_enabled: Option<bool>,
        pub prack_enabled: Option<bool>,
        pub sip_compact_headers_enabled: Option<bool>,
        pub timeout_1xx_secs: Option<i64>,
        pub timeout_2xx_secs: Option<i64>,
        pub shaken_stir_enabled: Option<bool>,
        pub simultaneous_ringing: Option<SimultaneousRinging>,
    }

    #[derive(Serialize, Deserialize)]
    pub struct CredentialOutbound {
        pub call_parking_enabled: Option<bool>,
        pub ani_override: Option<String>,
        pub channel_limit: Option<i64>,
        pub instant_ringback_enabled: Option<bool>,
        pub generate_ringback_tone: Option<bool>,
        pub localization: Option<String>,
        pub t38_reinvite_source: Option<T38ReinviteSource>,
        pub outbound_voice_profile_id: Option<String>,
        pub ani_override_type: Option<AniOverrideType>,
    }

    #[derive(Serialize, Deserialize)]
    pub struct RtcpSettings {
        pub port: Option<RtcpPort>,
        pub capture_enabled: Option<bool>,
        pub report_frequency_secs: Option<i64>,
    }

    #[derive(Serialize, Deserialize)]
    pub struct JitterBuffer {
        pub enable_jitter_buffer: Option<bool>,
        pub jitterbuffer_msec_min: Option<i64>,
        pub jitterbuffer_msec_max: Option<i64>,
    }

    #[derive(Serialize, Deserialize)]
    pub struct NoiseSuppressionDetails {
        pub engine: Option<NoiseSuppressionEngine>,
        pub attenuation_limit: Option<i64>,
    }

    #[derive(Serialize, Deserialize)]
    pub enum AnchorsiteOverride {
        Latency,
        #[serde(rename = "Chicago, IL")]
        ChicagoIl,
        #[serde(rename = "Ashburn, VA")]
        AshburnVa,
        #[serde(rename = "San Jose, CA")]
        SanJoseCa,
        #[serde(rename = "Sydney, Australia")]
        SydneyAustralia,
        #[serde(rename = "Amsterdam, Netherlands")]
        AmsterdamNetherlands,
        #[serde(rename = "London, UK")]
        LondonUk,
        #[serde(rename = "Toronto, Canada")]
        TorontoCanada,
        #[serde(rename = "Vancouver, Canada")]
        VancouverCanada,
        #[serde(rename = "Frankfurt, Germany")]
        FrankfurtGermany,
    }

    #[derive(Serialize, Deserialize)]
    pub enum DtmfType {
        #[serde(rename = "RFC 2833")]
        Rfc2833,
        Inband,
        #[serde(rename = "SIP INFO")]
        SipInfo,
    }

    #[derive(Serialize, Deserialize)]
    pub enum EncryptedMedia {
        #[serde(rename = "SRTP")]
        Srtp,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "lowercase")]
    pub enum NoiseSuppression {
        Inbound,
        Outbound,
        Both,
        Disabled,
    }

    #[derive(Serialize, Deserialize)]
    pub enum WebhookApiVersion {
        #[serde(rename = "1")]
        V1,
        #[serde(rename = "2")]
        V2,
        #[serde(rename = "texml")]
        Texml,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "lowercase")]
    pub enum SipUriCallingPreference {
        Disabled,
        Unrestricted,
        Internal,
    }

    #[derive(Serialize, Deserialize)]
    pub enum RtcpPort {
        #[serde(rename = "rtcp-mux")]
        RtcpMux,
        #[serde(rename = "rtp+1")]
        RtpPlus1,
    }

    #[derive(Serialize, Deserialize)]
    pub enum AniNumberFormat {
        #[serde(rename = "+E.164")]
        PlusE164,
        #[serde(rename = "E.164")]
        E164,
        #[serde(rename = "+E.164-national")]
        PlusE164National,
        #[serde(rename = "E.164-national")]
        E164National,
    }

    #[derive(Serialize, Deserialize)]
    pub enum DnisNumberFormat {
        #[serde(rename = "+e164")]
        PlusE164,
        #[serde(rename = "e164")]
        E164,
        #[serde(rename = "national")]
        National,
        #[serde(rename = "sip_username")]
        SipUsername,
    }

    #[derive(Serialize, Deserialize)]
    pub enum DefaultRoutingMethod {
        #[serde(rename = "sequential")]
        Sequential,
        #[serde(rename = "round-robin")]
        RoundRobin,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "lowercase")]
    pub enum SimultaneousRinging {
        Disabled,
        Enabled,
    }

    #[derive(Serialize, Deserialize)]
    pub enum T38ReinviteSource {
        #[serde(rename = "telnyx")]
        Telnyx,
        #[serde(rename = "customer")]
        Customer,
        #[serde(rename = "disabled")]
        Disabled,
        #[serde(rename = "passthru")]
        Passthru,
        #[serde(rename = "caller-passthru")]
        CallerPassthru,
        #[serde(rename = "callee-passthru")]
        CalleePassthru,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "lowercase")]
    pub enum AniOverrideType {
        Always,
        Normal,
        Emergency,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum NoiseSuppressionEngine {
        Denoiser,
        DeepFilterNet,
        DeepFilterNetLarge,
        KrispVivaTel,
        KrispVivaTelLite,
        KrispVivaPromodel,
        KrispVivaSs,
    }
}
