//! A stateful, in-process fake of an API, for testing code that uses a
//! generated client without the network (feature `fake`).
//!
//! A generated crate describes its API in a [`table::Api`] (resources and
//! the roles of their operations, types with their constraints and
//! defaults, error shape, pagination, auth) and wraps a [`FakeServer`]
//! started from it. Everything the fake does is written here, once:
//!
//! - **State.** Each resource keeps its objects. Create (201 for a POST)
//!   assigns the id (never reused by the same fake) and the timestamps,
//!   writes the server's own fields, applies the documented defaults, keeps
//!   only the fields the object type has, and gives a required field that
//!   nobody set an example value (so the client can always decode it);
//!   retrieve, update and delete of an unknown id answer 404; a PATCH leaves
//!   absent fields alone, clears a field sent as `null` and sets the others
//!   (a PUT replaces the object); delete answers the deleted object. Lists
//!   keep creation order, page by number (with the page counters in the
//!   envelope) or by cursor, and apply the `filter[<field>]` (equality) and
//!   `filter[<field>][contains|startswith|endswith|gt|gte|lt|lte]`
//!   parameters whose field the object type has; other parameters (`sort`,
//!   filters on fields the objects lack) are accepted and ignored.
//! - **Validation like the server.** Bodies and query parameters are
//!   checked against their declared types: required fields, `null`s,
//!   JSON types, lengths, ranges and enum values, each problem answered in
//!   a 422 in the API's error shape with its JSON pointer (or parameter).
//! - **Auth** per API group: a missing or wrong credential answers 401.
//!   The fake expects `fake-<credential>` ([`FakeServer::credential`]).
//! - **Test controls.** [`FakeServer::fail_next`] injects a response,
//!   [`FakeServer::delay_next`] a delay,
//!   [`FakeServer::rate_limit`] answers 429 with `Retry-After`,
//!   [`FakeServer::requests`] is the log of what was received,
//!   [`FakeServer::seed_samples`], [`FakeServer::insert`] and
//!   [`FakeServer::set_items`] fill state, and [`FakeServer::reset`]
//!   empties it.
//!
//! Operations without a role (an action such as "check status") answer
//! with [`FakeServer::set_reply`]'s body, else the first response sample,
//! else an example built from the response type; below an object's path,
//! an unknown id answers 404 first.
//!
//! The server listens on `127.0.0.1` on a free port, one path prefix per
//! API group (`http://127.0.0.1:<port>/<group>`), and stops when the
//! [`FakeServer`] is dropped. It must be started inside a Tokio runtime.

mod engine;
mod errors;
mod list;
mod route;
mod schema;
mod server;
mod store;
// What generated code builds its table from: part of the interface of
// generated code, hidden and kept like `__private_v1` (only added to within
// a major version).
#[doc(hidden)]
pub mod table;

use std::time::Duration;

pub use server::FakeServer;

/// One request the fake received, for tests to assert on.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LoggedRequest {
    /// The operation it was routed to, if any.
    pub operation: Option<String>,
    /// The HTTP method.
    pub method: String,
    /// The path, group prefix included, as sent.
    pub path: String,
    /// The query string, as sent.
    pub query: Option<String>,
    /// The body, when it was JSON. (Headers are not kept: they carry
    /// credentials.)
    pub body: Option<serde_json::Value>,
    /// The status the fake answered.
    pub status: u16,
}

/// The fake's rate-limit mode: requests answer 429 with `Retry-After`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// How many requests are refused before the mode ends; `None`: until
    /// [`FakeServer::clear_rate_limit`].
    requests: Option<usize>,
    /// What `Retry-After` asks for (whole seconds, rounded up).
    retry_after: Duration,
}

impl RateLimit {
    /// Refuses the next `requests` requests, then ends.
    pub fn next(requests: usize) -> Self {
        Self {
            requests: Some(requests),
            retry_after: Duration::from_secs(1),
        }
    }

    /// Refuses every request until cleared.
    pub fn always() -> Self {
        Self {
            requests: None,
            retry_after: Duration::from_secs(1),
        }
    }

    /// Sets what `Retry-After` asks for (default one second).
    #[must_use]
    pub fn retry_after(mut self, wait: Duration) -> Self {
        self.retry_after = wait;
        self
    }
}
