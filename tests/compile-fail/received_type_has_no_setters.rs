// expect: E0599
// A type the client only receives has no chained setters (only the
// request-side types do): a caller faking a response sets its public
// fields instead.
fn main() {
    let _ = telnyx_sip::CredentialConnection::new().connection_name("office");
}
