//! Asks the generator which Rust type each sample payload of the spec
//! decodes into, and writes that table for `tests/samples.rs`. Reading the
//! spec through the generator (not a second parser) means the table can
//! only name types the generated crate really has.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let spec = manifest_dir.join("../spec");
    println!("cargo:rerun-if-changed={}", spec.display());
    let ((samples, requests), responses) = match telnyx_codegen::load_ir(&spec) {
        Ok((_, ir)) => (sample_tables(&ir), response_table(&ir)),
        // A broken spec fails the check test with the full report; the
        // tables are then empty so this crate still builds.
        Err(err) => {
            println!("cargo:warning=the spec does not load: {err}");
            let empty = || String::from("&[]");
            ((empty(), empty()), empty())
        }
    };
    write_out(
        "responses.rs",
        format!("/// (operation, decode function) for every operation with a response body.\npub const RESPONSES: &[(&str, Decode)] = {responses};\n"),
    );
    write_out(
        "samples.rs",
        format!("/// (sample file, operation, kind, round-trip function) for every sample in the spec.\npub const SAMPLES: &[(&str, &str, &str, RoundTrip)] = {samples};\n"),
    );
    write_out(
        "request_samples.rs",
        format!("/// (sample file, operation, encoder check) for every request sample in the spec: the types the client encodes.\npub const REQUEST_SAMPLES: &[(&str, &str, RoundTrip)] = {requests};\n"),
    );
}

/// Writes `code` to `name` in `OUT_DIR`, or warns.
fn write_out(name: &str, code: String) {
    let path = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join(name);
    if let Err(err) = std::fs::write(&path, code) {
        println!("cargo:warning=cannot write {}: {err}", path.display());
    }
}

/// Every operation's response type, so the fake's tests decode each
/// response as the client would.
fn response_table(ir: &telnyx_codegen::ir::Ir) -> String {
    let mut table = String::from("&[\n");
    for module in &ir.modules {
        for resource in &module.resources {
            for op in &resource.operations {
                if let Some(ty) = &op.response {
                    let path = telnyx_codegen::emit::type_path(ir, ty, "telnyx_sip");
                    let _ = writeln!(table, "    ({:?}, decode::<{path}>),", op.name);
                }
            }
        }
    }
    table.push(']');
    table
}

/// Every sample with its operation's type, for the round trips; and the
/// request samples alone (the client encodes only those), for the
/// encoder's tests.
fn sample_tables(ir: &telnyx_codegen::ir::Ir) -> (String, String) {
    let mut samples = String::from("&[\n");
    let mut requests = String::from("&[\n");
    for module in &ir.modules {
        for resource in &module.resources {
            for op in &resource.operations {
                let kinds = [
                    ("request", &op.request_samples, &op.body),
                    ("response", &op.response_samples, &op.response),
                ];
                for (kind, files, ty) in kinds {
                    let Some(ty) = ty else { continue };
                    let path = telnyx_codegen::emit::type_path(ir, ty, "telnyx_sip");
                    for sample in files {
                        let name = &op.name;
                        let _ = writeln!(
                            samples,
                            "    ({sample:?}, {name:?}, {kind:?}, round_trip::<{path}>),"
                        );
                        if kind == "request" {
                            let _ = writeln!(
                                requests,
                                "    ({sample:?}, {name:?}, encode_check::<{path}>),"
                            );
                        }
                    }
                }
            }
        }
    }
    samples.push(']');
    requests.push(']');
    (samples, requests)
}
