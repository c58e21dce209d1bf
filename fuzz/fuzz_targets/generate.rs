//! Arbitrary bytes as a one-file spec, through the whole pipeline: load →
//! validate → IR → emit → format, in both layouts. Any panic (or a stack
//! overflow, or running out of time or memory) is a bug: the generator runs
//! unattended in build scripts on what people write. Every Rust file of a
//! successful run must also parse with `syn`.
//!
//! The spec "lives" in the real spec directory, so the sample files the
//! seed corpus names are found and checked too.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use telnyx_codegen::emit::{EmitOptions, Layout};

fuzz_target!(|data: &[u8]| {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/fuzz-input.yaml"
    ));
    let spec = match telnyx_codegen::load::load_bytes(path, data) {
        Ok(spec) => spec,
        Err(err) => return render(&err),
    };
    let checked = match telnyx_codegen::validate::validate(&spec) {
        Ok(checked) => checked,
        Err(err) => return render(&err),
    };
    let ir = match telnyx_codegen::ir::build(&checked) {
        Ok(ir) => ir,
        Err(err) => return render(&err),
    };
    let layouts = [
        EmitOptions::default(),
        EmitOptions {
            layout: Layout::SingleFile {
                file_name: "client.rs".into(),
            },
            root_path: Some("crate::api".into()),
            runtime_path: Some("::my_sdk::runtime".into()),
            ..EmitOptions::default()
        },
    ];
    for options in &layouts {
        let emitted = telnyx_codegen::emit::emit(&ir, options);
        let files = match telnyx_codegen::format::format_files(emitted) {
            Ok(files) => files,
            // The formatter reparses the emitted tokens; failing that is a
            // generator bug (valid spec, invalid Rust), not bad input.
            Err(err) => panic!("a valid spec produced code that does not parse:\n{err}"),
        };
        for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
            if let Err(err) = syn::parse_file(&file.contents) {
                panic!("{} does not parse: {err}", file.path);
            }
        }
    }
});

/// Rendering the report is part of the contract: it must not panic either.
fn render(err: &telnyx_codegen::Error) {
    let text = err.to_string();
    assert!(
        text.contains("error:"),
        "a report without an error line: {text}"
    );
}
