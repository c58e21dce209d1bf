//! End-to-end tests of the generator and the generated `telnyx-sip` client;
//! the tests themselves are in `tests/tests/`.
//!
//! The README is included below so that its example is compiled as a doctest
//! and cannot drift from the generated API.
#![doc = include_str!("../../README.md")]
