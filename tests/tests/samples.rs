//! Every sample payload of the spec decodes into its operation's generated
//! type and re-encodes to the same JSON; and every sample file on disk is
//! covered by one of those round trips. (The client's body encoder is
//! checked on the request samples in `encode.rs`.)

use std::collections::BTreeSet;
use std::path::Path;

type RoundTrip = fn(&str) -> Result<(), String>;

include!(concat!(env!("OUT_DIR"), "/samples.rs"));

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) -> Result<(), String> {
    let original: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let decoded: T = serde_json::from_str(text).map_err(|e| format!("does not decode: {e}"))?;
    let encoded = serde_json::to_value(&decoded).map_err(|e| format!("does not encode: {e}"))?;
    if encoded == original {
        Ok(())
    } else {
        Err(format!(
            "re-encodes differently:\noriginal: {original}\nencoded:  {encoded}"
        ))
    }
}

fn spec_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"))
}

#[test]
fn every_sample_round_trips_through_its_generated_type() {
    assert!(
        !SAMPLES.is_empty(),
        "the spec names no samples (or did not load)"
    );
    let mut failures = Vec::new();
    for (file, operation, kind, round_trip) in SAMPLES {
        let text = std::fs::read_to_string(spec_dir().join(file)).unwrap_or_default();
        if let Err(problem) = round_trip(&text) {
            failures.push(format!("{file} ({operation} {kind}): {problem}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_sample_file_is_covered_by_a_round_trip() {
    let covered: BTreeSet<String> = SAMPLES
        .iter()
        .map(|(file, ..)| (*file).to_owned())
        .collect();
    let on_disk: BTreeSet<String> = std::fs::read_dir(spec_dir().join("samples"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| format!("samples/{}", entry.file_name().to_string_lossy()))
                .collect()
        })
        .unwrap_or_default();
    assert!(!on_disk.is_empty(), "no sample files found");
    let uncovered: Vec<&String> = on_disk.difference(&covered).collect();
    assert!(
        uncovered.is_empty(),
        "sample files no operation round-trips: {uncovered:?}"
    );
}
