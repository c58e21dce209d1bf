// expect: E0004
// Enums are non-exhaustive, so a value documented later is not a breaking
// change: a match needs a wildcard arm even when it names every variant.
fn main() {
    let status = telnyx_sip::AccessIpRangeStatus::Added;
    match status {
        telnyx_sip::AccessIpRangeStatus::Pending => {}
        telnyx_sip::AccessIpRangeStatus::Added => {}
        telnyx_sip::AccessIpRangeStatus::Unknown(_) => {}
    }
}
