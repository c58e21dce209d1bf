//! The checked model: what validation proved about a spec, in the shape the
//! IR needs. Type expressions are parsed once and every name in them is
//! resolved to the spec's own type (or a generic parameter in scope); HTTP
//! methods are an enum; path templates are split into literal text and
//! their parameters; credentials and groups are resolved to indices. The IR
//! is built from this alone, so it never parses and never meets a case that
//! validation already ruled out.
//!
//! The model borrows the loaded [`Spec`]: names, doc text and the spec
//! positions of diagnostics stay where the loader put them.

use std::fmt;

use crate::load::schema::{
    CredentialDef, EnumRepr, EnumValueDef, ErrorProblemsDef, FieldDef, GroupDef, OperationDef,
    ResourceDef, TextRepr, TypeDef,
};
use crate::load::Spec;

/// A spec that passed validation, with everything resolved.
#[derive(Debug)]
pub struct Checked<'s> {
    /// The loaded spec, for names, text and positions.
    pub spec: &'s Spec,
    /// The client.
    pub client: Client<'s>,
    /// API groups, in spec order.
    pub groups: Vec<Group<'s>>,
    /// Named types, in spec order.
    pub types: Vec<Type<'s>>,
    /// Resources, in spec order.
    pub resources: Vec<Resource<'s>>,
}

/// The client.
#[derive(Debug)]
pub struct Client<'s> {
    /// Its credentials, the first being the one `Client::new` takes.
    pub credentials: Vec<Credential<'s>>,
    /// The name of the spec file that declares it.
    pub file_name: &'s str,
    /// The type error bodies decode into.
    pub error: Ty<'s>,
    /// How lists page, when the spec says.
    pub pagination: Option<Pagination<'s>>,
    /// How cursor-paginated lists page, when the spec says.
    pub cursor_pagination: Option<CursorPagination<'s>>,
    /// Where error bodies list their problems (JSON keys, checked to lead
    /// to printable values), when the spec says.
    pub error_problems: Option<&'s ErrorProblemsDef>,
}

/// How cursor-paginated lists page, every name resolved.
#[derive(Debug)]
pub struct CursorPagination<'s> {
    /// The generic envelope type.
    pub envelope: &'s str,
    /// Its one parameter, the item type.
    pub param: &'s str,
    /// The envelope's items field (`array<param>`).
    pub items: FieldRef<'s>,
    /// The fields leading to the next page's cursor (a string).
    pub next_cursor: Vec<FieldRef<'s>>,
    /// The query parameter that takes the cursor.
    pub cursor_param: &'s str,
}

/// How lists page, every name resolved.
#[derive(Debug)]
pub struct Pagination<'s> {
    /// The generic envelope type.
    pub envelope: &'s str,
    /// Its one parameter, the item type.
    pub param: &'s str,
    /// The envelope's items field (`array<param>`).
    pub items: FieldRef<'s>,
    /// The fields leading to the total number of pages (an integer).
    pub total_pages: Vec<FieldRef<'s>>,
    /// The fields leading to the page number (an integer).
    pub page_number: Vec<FieldRef<'s>>,
    /// The query parameter that selects a page.
    pub page_param: &'s str,
}

/// A field found by name.
#[derive(Debug, Clone, Copy)]
pub struct FieldRef<'s> {
    /// Its wire name.
    pub name: &'s str,
    /// Its definition.
    pub def: &'s FieldDef,
}

/// An API group.
#[derive(Debug)]
pub struct Group<'s> {
    /// The spec name.
    pub name: &'s str,
    /// Its definition.
    pub def: &'s GroupDef,
    /// Its authentication steps, credentials resolved.
    pub auth: Vec<Auth<'s>>,
}

/// One authentication step.
#[derive(Debug, Clone, Copy)]
pub enum Auth<'s> {
    /// A bearer token from a credential.
    Bearer {
        /// The credential, which the client declares.
        credential: Credential<'s>,
    },
    /// A header (a valid header name) carrying a credential.
    Header {
        /// The header name as written.
        header: &'s str,
        /// The credential, which the client declares.
        credential: Credential<'s>,
    },
}

/// A credential of the client.
#[derive(Debug, Clone, Copy)]
pub struct Credential<'s> {
    /// Its name.
    pub name: &'s str,
    /// Its definition.
    pub def: &'s CredentialDef,
}

/// A named type.
#[derive(Debug)]
pub struct Type<'s> {
    /// The spec name.
    pub name: &'s str,
    /// Its definition (docs).
    pub def: &'s TypeDef,
    /// The index of the spec file that defines it.
    pub file: usize,
    /// What it is.
    pub kind: TypeKind<'s>,
}

/// The four kinds of type; a type is exactly one.
#[derive(Debug)]
pub enum TypeKind<'s> {
    /// An object.
    Object {
        /// Generic parameters.
        params: &'s [String],
        /// Fields in spec order.
        fields: Vec<Field<'s>>,
    },
    /// An enum.
    Enum {
        /// The JSON type of its values.
        repr: EnumRepr,
        /// Its values (at least one), each of the right JSON type.
        values: Vec<EnumValue<'s>>,
    },
    /// An untagged union.
    Union {
        /// Alternatives in spec order: variant name and type.
        alternatives: Vec<(&'s str, Ty<'s>)>,
    },
    /// A text type: a newtype over text.
    Text {
        /// The JSON forms its value arrives in.
        repr: TextRepr,
    },
}

/// One enum value.
#[derive(Debug)]
pub struct EnumValue<'s> {
    /// The wire value.
    pub wire: WireValue,
    /// Its definition (doc, `rust_name`).
    pub def: &'s EnumValueDef,
}

/// A wire value of an enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireValue {
    /// A JSON string.
    Str(String),
    /// A JSON integer.
    Int(i64),
}

/// A field of an object, or a parameter of an operation.
#[derive(Debug, Clone)]
pub struct Field<'s> {
    /// The JSON key or parameter name.
    pub name: &'s str,
    /// Its definition (presence, docs, constraints).
    pub def: &'s FieldDef,
    /// Its type, resolved.
    pub ty: Ty<'s>,
    /// The documented default, as JSON.
    pub default: Option<serde_json::Value>,
}

/// A type expression with every name resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty<'s> {
    /// `string`.
    String,
    /// `integer`.
    Integer,
    /// `number`.
    Number,
    /// `boolean`.
    Boolean,
    /// `json`.
    Json,
    /// `array<T>`.
    Array(Box<Ty<'s>>),
    /// `map<T>`.
    Map(Box<Ty<'s>>),
    /// A spec type, with as many arguments as it has parameters.
    Named {
        /// The type's spec name.
        name: &'s str,
        /// What kind of type it is.
        shape: Shape,
        /// Generic arguments.
        args: Vec<Ty<'s>>,
    },
    /// A generic parameter of the enclosing type.
    Param(&'s str),
}

/// What kind of type a name refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// An object type.
    Object,
    /// An enum.
    Enum,
    /// A union.
    Union,
    /// A text type.
    Text,
}

/// A resource.
#[derive(Debug)]
pub struct Resource<'s> {
    /// The spec name.
    pub name: &'s str,
    /// Its definition (docs).
    pub def: &'s ResourceDef,
    /// The index of the spec file that defines it.
    pub file: usize,
    /// The name of its API group, which the spec declares.
    pub group: &'s str,
    /// Operations, in spec order.
    pub operations: Vec<Operation<'s>>,
}

/// An operation.
#[derive(Debug)]
pub struct Operation<'s> {
    /// The stable spec name.
    pub name: &'s str,
    /// Its definition (call, docs, samples).
    pub def: &'s OperationDef,
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path template as written.
    pub template: &'s str,
    /// The template split into literal text and parameters, in path order.
    pub path: Vec<PathSegment<'s>>,
    /// Query parameters, in spec order.
    pub query: Vec<Field<'s>>,
    /// The request body type.
    pub body: Option<Ty<'s>>,
    /// The response body type.
    pub response: Option<Ty<'s>>,
}

impl<'s> Operation<'s> {
    /// The path parameters, in path order.
    pub fn path_params(&self) -> impl Iterator<Item = &Field<'s>> {
        self.path.iter().filter_map(|segment| match segment {
            PathSegment::Param(field) => Some(field),
            PathSegment::Literal(_) => None,
        })
    }
}

/// A part of a path template.
#[derive(Debug, Clone)]
pub enum PathSegment<'s> {
    /// Literal text (never empty).
    Literal(&'s str),
    /// A declared path parameter.
    Param(Field<'s>),
}

/// The HTTP methods an operation may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl HttpMethod {
    /// Every method, in the order error messages list them.
    pub const ALL: [HttpMethod; 5] = [
        HttpMethod::Get,
        HttpMethod::Post,
        HttpMethod::Put,
        HttpMethod::Patch,
        HttpMethod::Delete,
    ];

    /// The method as HTTP writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }

    /// The method written as `text`, if it is one.
    pub fn from_name(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|method| method.as_str() == text)
    }

    /// Whether repeating the request is harmless (RFC 9110 idempotent
    /// methods), which makes it safe to retry by default.
    pub fn is_idempotent(self) -> bool {
        matches!(self, HttpMethod::Get | HttpMethod::Put | HttpMethod::Delete)
    }

    /// Whether a request of this method may carry a body here.
    pub fn allows_body(self) -> bool {
        !matches!(self, HttpMethod::Get | HttpMethod::Delete)
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
