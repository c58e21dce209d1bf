//! A downstream crate that generates the Telnyx SIP client in its build
//! script and includes it here, inside a module of its own: the generated
//! modules name each other through `super::`, so no `root_path` is needed.

/// The generated client.
pub mod telnyx {
    include!(concat!(env!("OUT_DIR"), "/telnyx_sip.rs"));
}

pub use telnyx::*;
