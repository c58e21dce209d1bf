//! The naming table of the members the generator adds next to the spec's
//! own names: the client's methods, each resource handle's methods, and the
//! locals and parameters of an operation's methods. Public names that clash
//! are reported with the spec position of the name that causes it; locals
//! the generator invents are renamed silently.

use std::collections::BTreeMap;

use crate::naming::invent;

/// Members every generated client has, besides one accessor per resource
/// and the per-group `base_url_<group>`/`request_<group>`.
pub const CLIENT_MEMBERS: &[&str] = &["new", "builder", "from_env", "http", "clone", "fmt"];

/// Methods every generated struct (a model or a query) has besides one
/// setter per optional field, which takes the field's own name.
pub const STRUCT_MEMBERS: &[&str] = &["new"];

/// Methods every resource handle has, besides its operations.
pub const HANDLE_MEMBERS: &[&str] = &["with_options", "clone", "fmt"];

/// The names in one scope, each with what claimed it first.
#[derive(Default)]
pub struct Scope {
    names: BTreeMap<String, String>,
}

impl Scope {
    /// A scope that starts with the generator's own members.
    pub fn with_members(members: &[&str], owner: &str) -> Self {
        let mut scope = Self::default();
        for member in members {
            scope.names.insert((*member).to_owned(), owner.to_owned());
        }
        scope
    }

    /// Claims `name` for `owner`; on a clash, what had it first.
    pub fn claim(&mut self, name: &str, owner: &str) -> Result<(), String> {
        match self.names.get(name) {
            Some(first) => Err(first.clone()),
            None => {
                self.names.insert(name.to_owned(), owner.to_owned());
                Ok(())
            }
        }
    }
}

/// Locals and parameters the generator invents in an operation's methods,
/// kept apart from its path parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationLocals {
    /// The query-parameter struct argument.
    pub query: String,
    /// The request body argument.
    pub body: String,
    /// The request being built.
    pub request: String,
    /// The handle a stream keeps.
    pub handle: String,
    /// The page number a stream asks for.
    pub page: String,
}

impl OperationLocals {
    /// Names that none of `params` (the path parameters' identifiers) uses.
    pub fn avoiding(params: &[&str]) -> Self {
        let pick = |base: &str| invent(base, params);
        Self {
            query: pick("query"),
            body: pick("body"),
            request: pick("request"),
            handle: pick("handle"),
            page: pick("page"),
        }
    }
}
