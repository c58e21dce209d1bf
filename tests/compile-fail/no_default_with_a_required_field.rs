// expect: E0599
// `Default` would let a caller skip the required `ip_address`.
fn main() {
    let _ = telnyx_sip::CreateIpRequest::default();
}
