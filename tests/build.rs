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
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("samples.rs");

    let responses_out =
        PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("responses.rs");
    let (table, request_table, responses) = match telnyx_codegen::load_ir(&spec) {
        Ok((_, ir)) => (
            sample_table(&ir),
            request_sample_table(&ir),
            response_table(&ir),
        ),
        // A broken spec fails the check test with the full report; the
        // table is then empty so this crate still builds.
        Err(err) => {
            println!("cargo:warning=the spec does not load: {err}");
            (
                String::from("&[]"),
                String::from("&[]"),
                String::from("&[]"),
            )
        }
    };
    let code = format!(
        "/// (operation, decode function) for every operation with a response body.\npub const RESPONSES: &[(&str, Decode)] = {responses};\n"
    );
    if let Err(err) = std::fs::write(&responses_out, code) {
        println!(
            "cargo:warning=cannot write {}: {err}",
            responses_out.display()
        );
    }
    let code = format!(
        "/// (sample file, operation, kind, round-trip function) for every sample in the spec.\npub const SAMPLES: &[(&str, &str, &str, RoundTrip)] = {table};\n"
    );
    let requests_out =
        PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("request_samples.rs");
    let requests = format!(
        "/// (sample file, operation, encoder check) for every request sample in the spec: the types the client encodes.\npub const REQUEST_SAMPLES: &[(&str, &str, RoundTrip)] = {request_table};\n"
    );
    if let Err(err) = std::fs::write(&requests_out, requests) {
        println!(
            "cargo:warning=cannot write {}: {err}",
            requests_out.display()
        );
    }
    if let Err(err) = std::fs::write(&out, code) {
        println!("cargo:warning=cannot write {}: {err}", out.display());
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

/// Every request sample with its body type (the client encodes only
/// those), for the encoder's tests.
fn request_sample_table(ir: &telnyx_codegen::ir::Ir) -> String {
    let mut table = String::from("&[\n");
    for module in &ir.modules {
        for resource in &module.resources {
            for op in &resource.operations {
                let Some(ty) = &op.body else { continue };
                let path = telnyx_codegen::emit::type_path(ir, ty, "telnyx_sip");
                for sample in &op.request_samples {
                    let _ = writeln!(
                        table,
                        "    ({sample:?}, {:?}, encode_check::<{path}>),",
                        op.name
                    );
                }
            }
        }
    }
    table.push(']');
    table
}

fn sample_table(ir: &telnyx_codegen::ir::Ir) -> String {
    let mut table = String::from("&[\n");
    for module in &ir.modules {
        for resource in &module.resources {
            for op in &resource.operations {
                let kinds = [
                    ("request", &op.request_samples, &op.body),
                    ("response", &op.response_samples, &op.response),
                ];
                for (kind, samples, ty) in kinds {
                    let Some(ty) = ty else { continue };
                    let path = telnyx_codegen::emit::type_path(ir, ty, "telnyx_sip");
                    for sample in samples {
                        let _ = writeln!(
                            table,
                            "    ({sample:?}, {:?}, {kind:?}, round_trip::<{path}>),",
                            op.name
                        );
                    }
                }
            }
        }
    }
    table.push(']');
    table
}
