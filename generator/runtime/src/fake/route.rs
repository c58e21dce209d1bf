//! From a request to its operation: the route table built from the API
//! (each operation's path, resource role, parent object and how its
//! response carries objects), the credentials check and the query string.

use super::schema::Types;
use super::table::{Api, Auth, Group, Operation, Shape, TypeKind};

/// A request as the engine sees it.
#[derive(Debug)]
pub(crate) struct Incoming {
    pub method: String,
    /// The path as sent (percent-encoded).
    pub path: String,
    pub query: Option<String>,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// What an operation does to the state of its resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Create,
    List,
    Retrieve,
    Update,
    Delete,
}

/// How an operation's response carries its objects.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Reply {
    /// No body.
    Empty,
    /// The object itself (or any other value).
    Bare,
    /// The object in this field of an envelope.
    Wrapped(&'static str),
    /// A page of a page-numbered list.
    Numbered,
    /// A page of a cursor-paginated list.
    Cursor,
}

/// One operation, ready to match requests.
#[derive(Debug)]
pub(crate) struct Route {
    pub op: &'static Operation,
    pub group: &'static Group,
    /// Path segments below the group.
    segments: Vec<Segment>,
    /// The resource and role, for a stateful operation.
    pub role: Option<(usize, Role)>,
    /// The resource whose object the path's first parameter names, for an
    /// operation below an object (`/things/{id}/actions/…`).
    pub parent: Option<usize>,
    pub reply: Reply,
}

/// Every operation's route.
#[derive(Debug)]
pub(crate) struct Routes {
    routes: Vec<Route>,
}

impl Routes {
    pub(crate) fn new(api: &'static Api, types: &Types) -> Self {
        let routes = api
            .operations()
            .filter_map(|op| {
                let group = api.groups.iter().find(|group| group.name == op.group)?;
                Some(Route {
                    op,
                    group,
                    segments: segments(op.path),
                    role: role(api, op.name),
                    parent: None,
                    reply: reply(api, types, op),
                })
            })
            .collect::<Vec<_>>();
        let parents: Vec<Option<usize>> = routes
            .iter()
            .map(|route| match route.role {
                Some(_) => None,
                None => parent(&routes, route),
            })
            .collect();
        let routes = routes
            .into_iter()
            .zip(parents)
            .map(|(route, parent)| Route { parent, ..route })
            .collect();
        Self { routes }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Route> {
        self.routes.iter()
    }

    /// The operation a request is for, and its path parameters (decoded).
    pub(crate) fn find(&self, request: &Incoming) -> Option<(&Route, Vec<String>)> {
        let mut parts = request.path.trim_start_matches('/').split('/');
        let group = parts.next()?;
        let rest: Vec<&str> = parts.filter(|part| !part.is_empty()).collect();
        self.routes.iter().find_map(|route| {
            if route.group.name != group
                || !route.op.method.eq_ignore_ascii_case(&request.method)
                || route.segments.len() != rest.len()
            {
                return None;
            }
            let mut params = Vec::new();
            for (segment, part) in route.segments.iter().zip(&rest) {
                if let Some(param) = segment.matches(part)? {
                    params.push(param);
                }
            }
            Some((route, params))
        })
    }
}

/// One `/`-separated part of a path template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    /// Text that must be there as written.
    Literal(&'static str),
    /// A parameter, possibly between literal text (`{id}.json`).
    Param {
        prefix: &'static str,
        suffix: &'static str,
    },
}

impl Segment {
    fn parse(part: &'static str) -> Self {
        let param = part
            .split_once('{')
            .and_then(|(prefix, rest)| Some((prefix, rest.rsplit_once('}')?.1)));
        match param {
            Some((prefix, suffix)) => Segment::Param { prefix, suffix },
            None => Segment::Literal(part),
        }
    }

    fn is_param(self) -> bool {
        matches!(self, Segment::Param { .. })
    }

    /// `None`: no match; `Some(None)`: a literal matched; `Some(Some(value))`:
    /// a parameter matched, its value percent-decoded.
    fn matches(self, part: &str) -> Option<Option<String>> {
        match self {
            Segment::Literal(literal) => (literal == part).then_some(None),
            Segment::Param { prefix, suffix } => {
                let value = part.strip_prefix(prefix)?.strip_suffix(suffix)?;
                let value = percent_encoding::percent_decode_str(value)
                    .decode_utf8_lossy()
                    .into_owned();
                (!value.is_empty()).then_some(Some(value))
            }
        }
    }
}

fn segments(template: &'static str) -> Vec<Segment> {
    template
        .split('/')
        .filter(|part| !part.is_empty())
        .map(Segment::parse)
        .collect()
}

fn role(api: &Api, op: &str) -> Option<(usize, Role)> {
    api.resources().enumerate().find_map(|(index, r)| {
        [
            (r.create, Role::Create),
            (r.list, Role::List),
            (r.retrieve, Role::Retrieve),
            (r.update, Role::Update),
            (r.delete, Role::Delete),
        ]
        .into_iter()
        .find(|(name, _)| *name == Some(op))
        .map(|(_, role)| (index, role))
    })
}

/// The resource whose object path (`/things/{id}`) begins this
/// operation's path, so an unknown id answers 404 before anything else.
fn parent(routes: &[Route], route: &Route) -> Option<usize> {
    routes.iter().find_map(|other| {
        let (index, role) = other.role?;
        let object_path = matches!(role, Role::Retrieve | Role::Update | Role::Delete)
            && other.segments.last().is_some_and(|last| last.is_param())
            && other.group.name == route.group.name;
        let below = object_path
            && route.segments.len() > other.segments.len()
            && route
                .segments
                .first()
                .is_some_and(|first| !first.is_param())
            && other
                .segments
                .iter()
                .zip(&route.segments)
                .all(|(a, b)| a == b)
            && route.segments.iter().filter(|s| s.is_param()).count() == 1;
        below.then_some(index)
    })
}

fn reply(api: &Api, types: &Types, op: &Operation) -> Reply {
    let Some(shape) = op.response else {
        return Reply::Empty;
    };
    let Shape::Named(name, _) = shape else {
        return Reply::Bare;
    };
    if api.paging.as_ref().is_some_and(|p| p.envelope == name) {
        return Reply::Numbered;
    }
    if api
        .cursor_paging
        .as_ref()
        .is_some_and(|p| p.envelope == name)
    {
        return Reply::Cursor;
    }
    match types.get(name) {
        Some(ty) if !ty.params.is_empty() => match &ty.kind {
            TypeKind::Object(fields) => fields
                .iter()
                .find(|field| matches!(field.shape, Shape::Param(_)))
                .map_or(Reply::Bare, |field| Reply::Wrapped(field.name)),
            _ => Reply::Bare,
        },
        _ => Reply::Bare,
    }
}

/// The value the fake expects for a credential: fixed, so a test can also
/// send a wrong one on purpose.
pub(crate) fn credential_value(name: &str) -> String {
    format!("fake-{name}")
}

/// Checks the credentials of a request against its group's scheme; a
/// description of what is missing or wrong.
pub(crate) fn authenticate(group: &Group, request: &Incoming) -> Option<String> {
    let header = |name: &str| {
        request
            .headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    };
    for step in group.auth {
        let (name, expected, sent) = match step {
            Auth::Bearer { credential } => (
                "authorization",
                format!("Bearer {}", credential_value(credential)),
                header("authorization"),
            ),
            Auth::Header {
                header: name,
                credential,
            } => (*name, credential_value(credential), header(name)),
        };
        match sent {
            None => return Some(format!("the `{name}` header is missing")),
            Some(sent) if sent != expected => {
                return Some(format!("the `{name}` header has the wrong credentials"));
            }
            Some(_) => {}
        }
    }
    None
}

/// Query pairs, percent-decoded (`+` is a space).
pub(crate) fn parse_query(query: Option<&str>) -> Vec<(String, String)> {
    let decode = |text: &str| {
        percent_encoding::percent_decode_str(&text.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    query
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (decode(name), decode(value)),
            None => (decode(pair), String::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_match_whole_segments_or_between_literal_text() {
        let parts = segments("/things/{id}/export/{name}.json");
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[0].matches("things"), Some(None));
        assert_eq!(parts[0].matches("thing"), None);
        assert_eq!(parts[1].matches("a%20b"), Some(Some("a b".to_owned())));
        assert_eq!(
            parts[3].matches("report.json"),
            Some(Some("report".to_owned()))
        );
        assert_eq!(parts[3].matches("report.csv"), None);
        assert_eq!(parts[3].matches(".json"), None);
    }

    #[test]
    fn query_strings_are_decoded() {
        assert_eq!(
            parse_query(Some("page%5Bsize%5D=2&filter[name]=a+b&flag")),
            [
                ("page[size]".to_owned(), "2".to_owned()),
                ("filter[name]".to_owned(), "a b".to_owned()),
                ("flag".to_owned(), String::new()),
            ]
        );
    }
}
