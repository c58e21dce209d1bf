// expect: E0277
// A type the client only receives is marked `#[model(received)]` and has no
// request-body encoder: the derives leave it out, so no build of the crate
// compiles code nothing calls.
fn main() {
    let connection = telnyx_sip::CredentialConnection::new();
    let _ = telnyx_sip::runtime::__private_v1::encode_body(&connection);
}
