// expect: E0061
// A credential connection needs a user name, a password and a connection
// name; leaving one out does not compile.
fn main() {
    let _ = telnyx_sip::CreateCredentialConnectionRequest::new("office02", "secret");
}
