//! The fake's behaviour, independent of HTTP: a request in, a response
//! out. The order of the checks, the test controls (injected failures,
//! rate limiting, the request log), the state, and the operations'
//! semantics by role.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{Map, Value};

use super::errors::error_body;
use super::list::{self, Filter};
use super::route::{
    authenticate, credential_value, parse_query, Incoming, Reply, Role, Route, Routes,
};
use super::schema::{parse, Problem, Types};
use super::store::{self, id_text, Ids};
use super::table::{Api, Operation, Resource, Shape};
use super::{LoggedRequest, RateLimit};

/// A response as the engine decides it.
#[derive(Debug)]
pub(crate) struct Outgoing {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<Value>,
    /// How long to wait before answering (an injected delay).
    pub delay: Option<Duration>,
}

impl Outgoing {
    fn json(status: u16, body: Value) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Some(body),
            delay: None,
        }
    }

    fn no_content() -> Self {
        Self {
            status: 204,
            headers: Vec::new(),
            body: None,
            delay: None,
        }
    }
}

#[derive(Debug)]
struct State {
    /// Objects per resource, in creation order.
    stores: Vec<Vec<Value>>,
    /// Items of the lists without a resource, per operation.
    items: HashMap<&'static str, Vec<Value>>,
    /// Bodies chosen for operations without a resource.
    replies: HashMap<&'static str, Value>,
    failures: HashMap<&'static str, VecDeque<(u16, Option<Value>)>>,
    delays: HashMap<&'static str, VecDeque<Duration>>,
    rate_limit: Option<RateLimit>,
    log: Vec<LoggedRequest>,
    ids: Ids,
}

impl State {
    fn new(resources: usize) -> Self {
        Self {
            stores: vec![Vec::new(); resources],
            items: HashMap::new(),
            replies: HashMap::new(),
            failures: HashMap::new(),
            delays: HashMap::new(),
            rate_limit: None,
            log: Vec::new(),
            ids: Ids::new(),
        }
    }
}

#[derive(Debug)]
pub(crate) struct Engine {
    api: &'static Api,
    types: Types,
    routes: Routes,
    state: Mutex<State>,
}

impl Engine {
    pub(crate) fn new(api: &'static Api) -> Self {
        let types = Types::new(api.types());
        let routes = Routes::new(api, &types);
        Self {
            api,
            types,
            routes,
            state: Mutex::new(State::new(api.resources().count())),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere while holding the lock leaves consistent data
        // (every change is one assignment), so carry on with it.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The value the fake expects for a credential.
    pub(crate) fn credential(name: &str) -> String {
        credential_value(name)
    }

    pub(crate) fn handle(&self, request: &Incoming) -> Outgoing {
        let (operation, mut response) = self.respond(request);
        let body = serde_json::from_slice(&request.body).ok();
        let mut state = self.lock();
        if let Some(name) = operation {
            response.delay = state.delays.get_mut(name).and_then(VecDeque::pop_front);
        }
        state.log.push(LoggedRequest {
            operation: operation.map(str::to_owned),
            method: request.method.clone(),
            path: request.path.clone(),
            query: request.query.clone(),
            body,
            status: response.status,
        });
        response
    }

    fn respond(&self, request: &Incoming) -> (Option<&'static str>, Outgoing) {
        let Some((route, params)) = self.routes.find(request) else {
            let detail = format!("no operation answers {} {}", request.method, request.path);
            return (None, self.error(404, &detail, None));
        };
        let op = route.op;
        if let Some(detail) = authenticate(route.group, request) {
            return (Some(op.name), self.error(401, &detail, None));
        }
        let mut state = self.lock();
        if let Some(limit) = &mut state.rate_limit {
            if let Some(remaining) = &mut limit.requests {
                *remaining = remaining.saturating_sub(1);
            }
            let retry_after = limit.retry_after;
            if limit.requests == Some(0) {
                state.rate_limit = None;
            }
            return (Some(op.name), self.rate_limited(retry_after));
        }
        if let Some((status, body)) = state
            .failures
            .get_mut(op.name)
            .and_then(VecDeque::pop_front)
        {
            let body = body.unwrap_or_else(|| self.error_value(status, "injected failure", None));
            return (Some(op.name), Outgoing::json(status, body));
        }
        drop(state);
        let query = parse_query(request.query.as_deref());
        let problems: Vec<Problem> = op
            .query
            .iter()
            .filter_map(|field| {
                let text = query.iter().find(|(name, _)| name == field.name)?;
                self.types.check_param(field, &text.1)
            })
            .collect();
        if !problems.is_empty() {
            return (Some(op.name), self.problems(&problems));
        }
        let body = match (op.body, request.body.is_empty()) {
            (None, _) => None,
            (Some(_), true) => {
                let problem = Problem {
                    pointer: Some(String::new()),
                    parameter: None,
                    detail: "the body is required".to_owned(),
                };
                return (Some(op.name), self.problems(&[problem]));
            }
            (Some(shape), false) => match serde_json::from_slice::<Value>(&request.body) {
                Ok(value) => {
                    let problems = self.types.check_body(&value, &shape);
                    if !problems.is_empty() {
                        return (Some(op.name), self.problems(&problems));
                    }
                    Some(value)
                }
                Err(error) => {
                    let detail = format!("the body is not JSON: {error}");
                    return (Some(op.name), self.error(400, &detail, None));
                }
            },
        };
        let response = match route.role {
            Some((resource, role)) => self.stateful(route, resource, role, &params, &query, body),
            None => self.stateless(route, &params, &query),
        };
        (Some(op.name), response)
    }

    fn stateful(
        &self,
        route: &Route,
        index: usize,
        role: Role,
        params: &[String],
        query: &[(String, String)],
        body: Option<Value>,
    ) -> Outgoing {
        let Some(resource) = self.api.resources().nth(index) else {
            return self.error(500, "the fake's table names a missing resource", None);
        };
        let id = params.last().map(String::as_str).unwrap_or_default();
        let mut state = self.lock();
        let state = &mut *state;
        match role {
            Role::Create => {
                let body = body.unwrap_or(Value::Object(Map::new()));
                let object = store::create(&body, resource, &self.types, &mut state.ids);
                if let Some(objects) = state.stores.get_mut(index) {
                    objects.push(object.clone());
                }
                self.reply(route, 201, object)
            }
            Role::List => {
                let objects = self.objects(state, index);
                let sources = resource
                    .view_of
                    .iter()
                    .filter_map(|name| self.api.resources().find(|r| r.name == *name));
                let items: Vec<&str> = std::iter::once(resource.item)
                    .chain(sources.map(|source| source.item))
                    .collect();
                let filters = Filter::parse_all(query, resource, &items, &self.types);
                let matching: Vec<Value> = objects
                    .into_iter()
                    .filter(|object| filters.iter().all(|filter| filter.matches(object)))
                    .collect();
                self.page(route, matching, query)
            }
            Role::Retrieve => match self
                .objects(state, index)
                .into_iter()
                .find(|object| id_of(object, resource).as_deref() == Some(id))
            {
                Some(object) => self.reply(route, 200, object),
                None => self.not_found(resource, id),
            },
            Role::Update | Role::Delete => {
                let Some(objects) = state.stores.get_mut(index) else {
                    return self.not_found(resource, id);
                };
                let Some(position) = objects
                    .iter()
                    .position(|object| id_of(object, resource).as_deref() == Some(id))
                else {
                    return self.not_found(resource, id);
                };
                if role == Role::Delete {
                    let removed = objects.remove(position);
                    return self.reply(route, 200, removed);
                }
                let Some(object) = objects.get_mut(position) else {
                    return self.not_found(resource, id);
                };
                let body = body.unwrap_or(Value::Object(Map::new()));
                if route.op.method.eq_ignore_ascii_case("PUT") {
                    store::replace(object, &body, resource, &self.types);
                } else {
                    store::patch(object, &body, resource, &self.types);
                }
                let object = object.clone();
                self.reply(route, 200, object)
            }
        }
    }

    fn stateless(&self, route: &Route, params: &[String], query: &[(String, String)]) -> Outgoing {
        if let (Some(index), Some(id)) = (route.parent, params.first()) {
            let state = self.lock();
            let found = self.objects(&state, index).iter().any(|object| {
                self.api
                    .resources()
                    .nth(index)
                    .and_then(|r| id_of(object, r))
                    .as_deref()
                    == Some(id.as_str())
            });
            drop(state);
            if !found {
                if let Some(resource) = self.api.resources().nth(index) {
                    return self.not_found(resource, id);
                }
            }
        }
        let op = route.op;
        match route.reply {
            Reply::Empty => Outgoing::no_content(),
            Reply::Numbered | Reply::Cursor => {
                let items = self.lock().items.get(op.name).cloned().unwrap_or_default();
                self.page(route, items, query)
            }
            Reply::Bare | Reply::Wrapped(_) => {
                let chosen = self.lock().replies.get(op.name).cloned();
                let body = chosen
                    .or_else(|| op.response_samples.first().and_then(|text| parse(text)))
                    .or_else(|| {
                        op.response
                            .map(|shape| self.types.example(&shape, &Vec::new(), 0))
                    })
                    .unwrap_or(Value::Null);
                Outgoing::json(200, body)
            }
        }
    }

    /// The objects a resource lists: its own, or those of the resources it
    /// is a view of.
    fn objects(&self, state: &State, index: usize) -> Vec<Value> {
        let Some(resource) = self.api.resources().nth(index) else {
            return Vec::new();
        };
        if resource.view_of.is_empty() {
            return state.stores.get(index).cloned().unwrap_or_default();
        }
        resource
            .view_of
            .iter()
            .filter_map(|name| self.resource_index(name))
            .filter_map(|source| state.stores.get(source))
            .flatten()
            .cloned()
            .collect()
    }

    fn reply(&self, route: &Route, status: u16, object: Value) -> Outgoing {
        let status = if status == 201 && !route.op.method.eq_ignore_ascii_case("POST") {
            200
        } else {
            status
        };
        match route.reply {
            Reply::Empty => Outgoing::no_content(),
            Reply::Wrapped(field) => {
                let mut envelope = Map::new();
                envelope.insert(field.to_owned(), object);
                Outgoing::json(status, Value::Object(envelope))
            }
            Reply::Bare | Reply::Numbered | Reply::Cursor => Outgoing::json(status, object),
        }
    }

    fn page(&self, route: &Route, items: Vec<Value>, query: &[(String, String)]) -> Outgoing {
        let default_of = |param: Option<&str>| {
            route
                .op
                .query
                .iter()
                .find(|field| Some(field.name) == param)
                .and_then(|field| field.default.and_then(parse))
                .and_then(|value| value.as_u64())
        };
        let given = |param: Option<&str>| {
            query
                .iter()
                .find(|(name, _)| Some(name.as_str()) == param)
                .map(|(_, value)| value.as_str())
        };
        match (route.reply, &self.api.paging, &self.api.cursor_paging) {
            (Reply::Numbered, Some(paging), _) => {
                let size = given(paging.size_param)
                    .and_then(|text| text.parse().ok())
                    .or_else(|| default_of(paging.size_param))
                    .unwrap_or(list::DEFAULT_PAGE_SIZE);
                let number = given(Some(paging.page_param))
                    .and_then(|text| text.parse().ok())
                    .unwrap_or(1);
                Outgoing::json(200, list::numbered_page(paging, items, number, size))
            }
            (Reply::Cursor, _, Some(paging)) => {
                let limit = given(paging.limit_param)
                    .and_then(|text| text.parse().ok())
                    .or_else(|| default_of(paging.limit_param))
                    .unwrap_or(list::DEFAULT_PAGE_SIZE);
                match list::cursor_page(paging, items, given(Some(paging.cursor_param)), limit) {
                    Some(page) => Outgoing::json(200, page),
                    None => self.problems(&[Problem {
                        pointer: None,
                        parameter: Some(paging.cursor_param.to_owned()),
                        detail: format!(
                            "`{}` is not a cursor this list issued",
                            paging.cursor_param
                        ),
                    }]),
                }
            }
            _ => Outgoing::json(200, Value::Array(items)),
        }
    }

    fn not_found(&self, resource: &Resource, id: &str) -> Outgoing {
        // The id is the caller's own input: naming it helps, and it is not
        // a secret.
        let detail = format!("no object of `{}` has the id `{id}`", resource.name);
        self.error(404, &detail, None)
    }

    fn rate_limited(&self, retry_after: Duration) -> Outgoing {
        let seconds = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
        let mut response = self.error(429, "rate limited by the fake", None);
        response.headers.push(("retry-after", seconds.to_string()));
        response
    }

    fn problems(&self, problems: &[Problem]) -> Outgoing {
        Outgoing::json(422, error_body(&self.api.errors, 422, problems))
    }

    fn error(&self, status: u16, detail: &str, parameter: Option<&str>) -> Outgoing {
        Outgoing::json(status, self.error_value(status, detail, parameter))
    }

    fn error_value(&self, status: u16, detail: &str, parameter: Option<&str>) -> Value {
        let problem = Problem {
            pointer: None,
            parameter: parameter.map(str::to_owned),
            detail: detail.to_owned(),
        };
        error_body(&self.api.errors, status, &[problem])
    }

    pub(crate) fn resource_index(&self, name: &str) -> Option<usize> {
        self.api.resources().position(|r| r.name == name)
    }

    pub(crate) fn operation(&self, name: &str) -> Option<&'static Operation> {
        self.api.operations().find(|op| op.name == name)
    }

    // Test controls, called through `FakeServer`.

    pub(crate) fn fail_next(&self, op: &'static Operation, status: u16, body: Option<Value>) {
        self.lock()
            .failures
            .entry(op.name)
            .or_default()
            .push_back((status, body));
    }

    pub(crate) fn delay_next(&self, op: &'static Operation, delay: Duration) {
        self.lock()
            .delays
            .entry(op.name)
            .or_default()
            .push_back(delay);
    }

    pub(crate) fn set_rate_limit(&self, limit: Option<RateLimit>) {
        self.lock().rate_limit = limit;
    }

    pub(crate) fn requests(&self) -> Vec<LoggedRequest> {
        self.lock().log.clone()
    }

    pub(crate) fn reset(&self) {
        *self.lock() = State::new(self.api.resources().count());
    }

    pub(crate) fn insert(&self, index: usize, object: Value) -> Value {
        let mut state = self.lock();
        let state = &mut *state;
        let Some(resource) = self.api.resources().nth(index) else {
            return object;
        };
        let mut object = match object {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        store::server_fields(&mut object, resource, &self.types, &mut state.ids);
        let mut value = Value::Object(object);
        self.types
            .apply_defaults(&mut value, &Shape::Named(resource.item, &[]), 0);
        if let Some(objects) = state.stores.get_mut(index) {
            objects.push(value.clone());
        }
        value
    }

    pub(crate) fn stored(&self, index: usize) -> Vec<Value> {
        self.objects(&self.lock(), index)
    }

    pub(crate) fn set_items(&self, op: &'static Operation, mut items: Vec<Value>) {
        if let Some(Shape::Named(_, [item])) = op.response {
            for value in &mut items {
                self.types.complete(value, item);
            }
        }
        self.lock().items.insert(op.name, items);
    }

    /// A body the operation accepts: its first request sample, or an
    /// example built from its body type.
    pub(crate) fn example_request(&self, op: &'static Operation) -> Option<Value> {
        op.request_samples
            .first()
            .and_then(|text| parse(text))
            .or_else(|| {
                op.body
                    .map(|shape| self.types.example(&shape, &Vec::new(), 0))
            })
    }

    pub(crate) fn set_reply(&self, op: &'static Operation, body: Value) {
        self.lock().replies.insert(op.name, body);
    }

    /// Creates an object from every create operation's request samples, and
    /// fills the lists without a resource from their response samples.
    pub(crate) fn seed_samples(&self) {
        let mut state = self.lock();
        let state = &mut *state;
        for (index, resource) in self.api.resources().enumerate() {
            let Some(create) = resource.create.and_then(|name| self.operation(name)) else {
                continue;
            };
            for sample in create.request_samples.iter().filter_map(|text| parse(text)) {
                let object = store::create(&sample, resource, &self.types, &mut state.ids);
                if let Some(objects) = state.stores.get_mut(index) {
                    objects.push(object);
                }
            }
        }
        for route in self.routes.iter() {
            if route.role.is_some() || !matches!(route.reply, Reply::Numbered | Reply::Cursor) {
                continue;
            }
            let items_field = match route.reply {
                Reply::Cursor => self.api.cursor_paging.as_ref().map(|p| p.items),
                _ => self.api.paging.as_ref().map(|p| p.items),
            };
            let items: Vec<Value> = route
                .op
                .response_samples
                .iter()
                .filter_map(|text| parse(text))
                .filter_map(|sample| {
                    items_field
                        .and_then(|field| sample.get(field).and_then(Value::as_array).cloned())
                })
                .flatten()
                .collect();
            state.items.insert(route.op.name, items);
        }
    }
}

/// An object's id as text, however the id field is typed.
fn id_of(object: &Value, resource: &Resource) -> Option<String> {
    id_text(object, resource.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake::table::{Auth, ErrorShape, Field, Group, NumberPaging, Type, TypeKind};

    static API: Api = Api {
        groups: &[Group {
            name: "v2",
            auth: &[Auth::Bearer {
                credential: "api_key",
            }],
        }],
        types: &[&[
            Type {
                name: "Thing",
                params: &[],
                kind: TypeKind::Object(&[
                    Field::new("id", Shape::String).read_only(),
                    Field::new("name", Shape::String).required(),
                    Field::new("size", Shape::Integer).nullable(),
                ]),
            },
            Type {
                name: "Envelope",
                params: &["T"],
                kind: TypeKind::Object(&[Field::new("data", Shape::Param("T")).required()]),
            },
            Type {
                name: "List",
                params: &["T"],
                kind: TypeKind::Object(&[Field::new("data", Shape::Array(&Shape::Param("T")))]),
            },
        ]],
        operations: &[&[
            Operation {
                name: "create_thing",
                group: "v2",
                method: "POST",
                path: "/things",
                query: &[],
                body: Some(Shape::Named("Thing", &[])),
                response: Some(Shape::Named("Envelope", &[Shape::Named("Thing", &[])])),
                request_samples: &[r#"{"name": "sample"}"#],
                response_samples: &[],
            },
            Operation {
                name: "list_things",
                group: "v2",
                method: "GET",
                path: "/things",
                query: &[
                    Field::new("page[size]", Shape::Integer).maximum(10.0),
                    Field::new("filter[name]", Shape::String),
                ],
                body: None,
                response: Some(Shape::Named("List", &[Shape::Named("Thing", &[])])),
                request_samples: &[],
                response_samples: &[],
            },
            Operation {
                name: "retrieve_thing",
                group: "v2",
                method: "GET",
                path: "/things/{id}",
                query: &[],
                body: None,
                response: Some(Shape::Named("Envelope", &[Shape::Named("Thing", &[])])),
                request_samples: &[],
                response_samples: &[],
            },
            Operation {
                name: "check_thing",
                group: "v2",
                method: "POST",
                path: "/things/{thing_id}/actions/check",
                query: &[],
                body: None,
                response: Some(Shape::Named("Envelope", &[Shape::Named("Thing", &[])])),
                request_samples: &[],
                response_samples: &[r#"{"data": {"name": "checked"}}"#],
            },
        ]],
        resources: &[&[Resource {
            name: "things",
            item: "Thing",
            id: "id",
            create: Some("create_thing"),
            list: Some("list_things"),
            retrieve: Some("retrieve_thing"),
            update: None,
            delete: None,
            view_of: &[],
            created_at: None,
            updated_at: None,
            set: &[],
            filters: &[],
        }]],
        errors: ErrorShape {
            list: "errors",
            entry: r#"{"title": "{title}", "detail": "{detail}", "source": {"pointer": "{pointer}", "parameter": "{parameter}"}}"#,
        },
        paging: Some(NumberPaging {
            envelope: "List",
            items: "data",
            page_param: "page[number]",
            size_param: Some("page[size]"),
            page_number: "meta.page_number",
            total_pages: "meta.total_pages",
            page_size: None,
            total_results: None,
        }),
        cursor_paging: None,
    };

    fn request(method: &str, path: &str, body: &str) -> Incoming {
        let (path, query) = match path.split_once('?') {
            Some((path, query)) => (path, Some(query.to_owned())),
            None => (path, None),
        };
        Incoming {
            method: method.to_owned(),
            path: path.to_owned(),
            query,
            headers: vec![("authorization".to_owned(), "Bearer fake-api_key".to_owned())],
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_created_object_can_be_read_back_and_an_unknown_id_is_404() {
        let engine = Engine::new(&API);
        let created = engine.handle(&request("POST", "/v2/things", r#"{"name": "a"}"#));
        assert_eq!(created.status, 201);
        let id = created
            .body
            .as_ref()
            .and_then(|b| b["data"]["id"].as_str())
            .map(str::to_owned);
        let id = id.unwrap_or_default();
        let read = engine.handle(&request("GET", &format!("/v2/things/{id}"), ""));
        assert_eq!(read.status, 200);
        assert_eq!(
            read.body.as_ref().map(|b| b["data"]["name"].clone()),
            Some("a".into())
        );
        let missing = engine.handle(&request("GET", "/v2/things/nope", ""));
        assert_eq!(missing.status, 404);
        let action = engine.handle(&request("POST", "/v2/things/nope/actions/check", ""));
        assert_eq!(action.status, 404);
        let action = engine.handle(&request(
            "POST",
            &format!("/v2/things/{id}/actions/check"),
            "",
        ));
        assert_eq!(
            action.body.map(|b| b["data"]["name"].clone()),
            Some("checked".into())
        );
    }

    #[test]
    fn requests_are_checked_for_credentials_then_shape() {
        let engine = Engine::new(&API);
        let mut anonymous = request("POST", "/v2/things", r#"{"name": "a"}"#);
        anonymous.headers.clear();
        let refused = engine.handle(&anonymous);
        assert_eq!(refused.status, 401);
        let invalid = engine.handle(&request("POST", "/v2/things", r#"{"size": "big"}"#));
        assert_eq!(invalid.status, 422);
        let errors = invalid
            .body
            .map(|b| b["errors"].clone())
            .unwrap_or_default();
        assert_eq!(errors[0]["source"]["pointer"], "/name");
        assert_eq!(errors[1]["source"]["pointer"], "/size");
        let too_big = engine.handle(&request("GET", "/v2/things?page%5Bsize%5D=11", ""));
        assert_eq!(too_big.status, 422);
        assert_eq!(
            too_big
                .body
                .map(|b| b["errors"][0]["source"]["parameter"].clone()),
            Some("page[size]".into())
        );
        assert_eq!(engine.requests().len(), 3);
        assert_eq!(engine.requests()[0].status, 401);
    }

    #[test]
    fn lists_filter_and_page() {
        let engine = Engine::new(&API);
        for name in ["a", "b", "a"] {
            engine.handle(&request(
                "POST",
                "/v2/things",
                &format!(r#"{{"name": "{name}"}}"#),
            ));
        }
        let page = engine.handle(&request(
            "GET",
            "/v2/things?filter[name]=a&page[size]=1",
            "",
        ));
        let body = page.body.unwrap_or_default();
        assert_eq!(body["data"].as_array().map(Vec::len), Some(1));
        assert_eq!(body["meta"]["total_pages"], 2);
    }

    #[test]
    fn injected_failures_and_rate_limits_come_first_and_run_out() {
        let engine = Engine::new(&API);
        let op = engine.operation("create_thing");
        assert!(op.is_some());
        if let Some(op) = op {
            engine.fail_next(op, 503, None);
        }
        let failed = engine.handle(&request("POST", "/v2/things", r#"{"name": "a"}"#));
        assert_eq!(failed.status, 503);
        engine.set_rate_limit(Some(
            RateLimit::next(1).retry_after(Duration::from_millis(1500)),
        ));
        let limited = engine.handle(&request("GET", "/v2/things", ""));
        assert_eq!(limited.status, 429);
        assert_eq!(limited.headers, vec![("retry-after", "2".to_owned())]);
        assert_eq!(engine.handle(&request("GET", "/v2/things", "")).status, 200);
    }

    #[test]
    fn seeding_creates_from_samples_and_reset_forgets() {
        let engine = Engine::new(&API);
        engine.seed_samples();
        let stored = engine.stored(0);
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0]["name"], "sample");
        engine.reset();
        assert!(engine.stored(0).is_empty());
        assert!(engine.requests().is_empty());
    }
}
