//! The HTTP side of the fake: a hyper server on a loopback port that hands
//! each request to the engine, and the handle tests control it through.

use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming as Body;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::Value;

use super::engine::Engine;
use super::route::Incoming;
use super::table::{Api, Operation};
use super::{LoggedRequest, RateLimit};

/// The largest request body the fake reads.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// A running fake of an API (see the [module docs](super)). Stops when
/// dropped.
///
/// The controls that name an operation or a resource panic on a name the
/// API does not have, as an assertion would: that is a mistake in the test.
#[derive(Debug)]
pub struct FakeServer {
    engine: Arc<Engine>,
    address: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FakeServer {
    /// Starts a fake of `api` on a free loopback port, in the current Tokio
    /// runtime.
    ///
    /// # Errors
    ///
    /// When no loopback port can be bound.
    pub async fn start(api: &'static Api) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let address = listener.local_addr()?;
        let engine = Arc::new(Engine::new(api));
        let serving = Arc::clone(&engine);
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let engine = Arc::clone(&serving);
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let engine = Arc::clone(&engine);
                        async move { Ok::<_, Infallible>(serve(&engine, request).await) }
                    });
                    // A client that hangs up mid-request is its own business.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(Self {
            engine,
            address,
            task,
        })
    }

    /// The address the fake listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The base URL of an API group on the fake: `http://127.0.0.1:<port>/<group>`.
    pub fn base_url(&self, group: &str) -> String {
        format!("http://{}/{group}", self.address)
    }

    /// The value the fake expects for a credential (`fake-<name>`).
    pub fn credential(&self, name: &str) -> String {
        Engine::credential(name)
    }

    /// The next request to `operation` answers `status` with `body`, or
    /// with an error body in the API's shape when `body` is `None`. Calls
    /// queue up: the next two requests fail when this is called twice.
    ///
    /// # Panics
    ///
    /// When the API has no operation of that name.
    pub fn fail_next(&self, operation: &str, status: u16, body: Option<Value>) {
        let op = self.operation(operation);
        self.engine.fail_next(op, status, body);
    }

    /// The next request to `operation` is answered only after `delay`
    /// (whatever the answer), to test timeouts. Calls queue up like
    /// [`fail_next`](Self::fail_next)'s.
    ///
    /// # Panics
    ///
    /// When the API has no operation of that name.
    pub fn delay_next(&self, operation: &str, delay: std::time::Duration) {
        let op = self.operation(operation);
        self.engine.delay_next(op, delay);
    }

    /// Turns on the rate-limit mode: requests answer 429 with `Retry-After`.
    pub fn rate_limit(&self, mode: RateLimit) {
        self.engine.set_rate_limit(Some(mode));
    }

    /// Turns the rate-limit mode off.
    pub fn clear_rate_limit(&self) {
        self.engine.set_rate_limit(None);
    }

    /// Every request received since the start (or the last reset), in order.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.engine.requests()
    }

    /// The requests routed to `operation`.
    pub fn requests_to(&self, operation: &str) -> Vec<LoggedRequest> {
        self.requests()
            .into_iter()
            .filter(|request| request.operation.as_deref() == Some(operation))
            .collect()
    }

    /// Forgets every object, log entry, injected failure, chosen reply and
    /// the rate-limit mode: the fake is as it started.
    pub fn reset(&self) {
        self.engine.reset();
    }

    /// Fills state from the API description's samples: one object per
    /// request sample of each create operation (created as a request would
    /// create it), and the items of the response samples of the lists
    /// that have no resource.
    pub fn seed_samples(&self) {
        self.engine.seed_samples();
    }

    /// Stores an object in a resource as it is, adding only what the server
    /// sets and the caller left out (id, timestamps, server values) and the
    /// documented defaults; returns the stored object.
    ///
    /// # Panics
    ///
    /// When the API has no resource of that name.
    pub fn insert(&self, resource: &str, object: Value) -> Value {
        let index = self.resource(resource);
        self.engine.insert(index, object)
    }

    /// The objects a resource holds now (what its list would show,
    /// unfiltered).
    ///
    /// # Panics
    ///
    /// When the API has no resource of that name.
    pub fn objects(&self, resource: &str) -> Vec<Value> {
        let index = self.resource(resource);
        self.engine.stored(index)
    }

    /// Sets the items a list without a resource answers (paged as the list
    /// pages); required fields an item lacks get example values.
    ///
    /// # Panics
    ///
    /// When the API has no operation of that name.
    pub fn set_items(&self, operation: &str, items: Vec<Value>) {
        let op = self.operation(operation);
        self.engine.set_items(op, items);
    }

    /// Sets the body an operation without a resource answers.
    ///
    /// # Panics
    ///
    /// When the API has no operation of that name.
    pub fn set_reply(&self, operation: &str, body: Value) {
        let op = self.operation(operation);
        self.engine.set_reply(op, body);
    }

    /// A request body `operation` accepts: its first request sample, or
    /// an example built from its body type; `None` when it takes no body.
    ///
    /// # Panics
    ///
    /// When the API has no operation of that name.
    pub fn example_request(&self, operation: &str) -> Option<Value> {
        let op = self.operation(operation);
        self.engine.example_request(op)
    }

    fn operation(&self, name: &str) -> &'static Operation {
        match self.engine.operation(name) {
            Some(op) => op,
            None => panic!("the fake has no operation `{name}`"),
        }
    }

    fn resource(&self, name: &str) -> usize {
        match self.engine.resource_index(name) {
            Some(index) => index,
            None => panic!("the fake has no resource `{name}`"),
        }
    }
}

async fn serve(engine: &Engine, request: Request<Body>) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(_) => {
            return plain(413, "request body too large or unreadable");
        }
    };
    let incoming = Incoming {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .filter_map(|(name, value)| {
                Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
            })
            .collect(),
        body,
    };
    let outgoing = engine.handle(&incoming);
    if let Some(delay) = outgoing.delay {
        tokio::time::sleep(delay).await;
    }
    let mut response = Response::builder().status(outgoing.status);
    for (name, value) in &outgoing.headers {
        response = response.header(*name, value);
    }
    let body = match &outgoing.body {
        Some(value) => {
            response = response.header("content-type", "application/json");
            Bytes::from(serde_json::to_vec(value).unwrap_or_default())
        }
        None => Bytes::new(),
    };
    response
        .body(Full::new(body))
        .unwrap_or_else(|_| plain(500, "the fake built an invalid response"))
}

fn plain(status: u16, text: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *response.status_mut() =
        hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    response
}
