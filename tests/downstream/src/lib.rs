//! A downstream crate that generates the Telnyx SIP client in its build
//! script and includes it here.

include!(concat!(env!("OUT_DIR"), "/telnyx_sip.rs"));
