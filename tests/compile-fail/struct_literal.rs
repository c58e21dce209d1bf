// expect: E0639
// Generated structs are non-exhaustive: outside the crate they are built
// with `new` and setters, never with a literal that a new field would break.
fn main() {
    let _ = telnyx_sip::CreateIpRequest {
        ip_address: "192.0.2.10".into(),
        ..Default::default()
    };
}
