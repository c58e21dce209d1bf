//! Generates the Telnyx SIP client from the project's spec into OUT_DIR as
//! one file, the way a downstream crate would.

fn main() {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec");
    if let Err(err) = telnyx_codegen::Config::new()
        .spec(spec)
        .single_file("telnyx_sip.rs")
        .run()
    {
        // The report carries file:line:col for each problem; fail the build with it.
        eprintln!("{err}");
        std::process::exit(1);
    }
}
