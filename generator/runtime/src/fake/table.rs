//! The declarative description of an API that drives the fake: what a
//! generator emits from its API description, as `static` data. Nothing here
//! does anything; the engine reads it.
//!
//! Shapes and fields are built with `const fn`s so that the emitted table
//! reads like the spec it comes from (`Field::new("name", Shape::String)
//! .required().min_length(3)`).

/// A whole API.
#[derive(Debug)]
pub struct Api {
    /// API groups: a path prefix on the fake and an authentication scheme.
    pub groups: &'static [Group],
    /// Named types, for validation, defaults and examples, in parts (one
    /// per generated module, so that no generated file holds the whole API).
    pub types: &'static [&'static [Type]],
    /// Every operation, in parts.
    pub operations: &'static [&'static [Operation]],
    /// The resources with stateful operations, in parts.
    pub resources: &'static [&'static [Resource]],
    /// How error bodies are written.
    pub errors: ErrorShape,
    /// How page-numbered lists page, if the API has them.
    pub paging: Option<NumberPaging>,
    /// How cursor-paginated lists page, if the API has them.
    pub cursor_paging: Option<CursorPaging>,
}

impl Api {
    /// Every named type.
    pub fn types(&self) -> impl Iterator<Item = &'static Type> {
        let parts: &'static [&'static [Type]] = self.types;
        parts.iter().flat_map(|part| part.iter())
    }

    /// Every operation.
    pub fn operations(&self) -> impl Iterator<Item = &'static Operation> {
        let parts: &'static [&'static [Operation]] = self.operations;
        parts.iter().flat_map(|part| part.iter())
    }

    /// Every resource, in order; a resource's place in it is its index.
    pub fn resources(&self) -> impl Iterator<Item = &'static Resource> {
        let parts: &'static [&'static [Resource]] = self.resources;
        parts.iter().flat_map(|part| part.iter())
    }
}

/// An API group.
#[derive(Debug)]
pub struct Group {
    /// Its name, which is also its path prefix on the fake (`/v2`).
    pub name: &'static str,
    /// What every request of the group must carry.
    pub auth: &'static [Auth],
}

/// One authentication step a request must pass.
#[derive(Debug)]
pub enum Auth {
    /// `Authorization: Bearer <credential>`.
    Bearer {
        /// The credential's name.
        credential: &'static str,
    },
    /// `<header>: <credential>`.
    Header {
        /// The header name.
        header: &'static str,
        /// The credential's name.
        credential: &'static str,
    },
}

/// A named type.
#[derive(Debug)]
pub struct Type {
    /// Its name, as [`Shape::Named`] refers to it.
    pub name: &'static str,
    /// Generic parameters, as [`Shape::Param`] refers to them.
    pub params: &'static [&'static str],
    /// What it is.
    pub kind: TypeKind,
}

/// The kinds of types.
#[derive(Debug)]
pub enum TypeKind {
    /// A JSON object with these fields (others are allowed and ignored).
    Object(&'static [Field]),
    /// One of these values.
    Enum(&'static [EnumValue]),
    /// Any one of these alternatives.
    Union(&'static [Shape]),
}

/// A documented enum value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumValue {
    /// A JSON string.
    Str(&'static str),
    /// A JSON integer.
    Int(i64),
}

/// The shape of a value.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// A string.
    String,
    /// An integer.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// Any JSON value.
    Json,
    /// An array of this shape.
    Array(&'static Shape),
    /// An object with arbitrary keys, values of this shape.
    Map(&'static Shape),
    /// A named type with generic arguments.
    Named(&'static str, &'static [Shape]),
    /// A generic parameter of the enclosing type.
    Param(&'static str),
}

/// A field of an object, or a query parameter.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The JSON key or parameter name.
    pub name: &'static str,
    /// Its shape.
    pub shape: Shape,
    /// It must be present.
    pub required: bool,
    /// It may be `null`.
    pub nullable: bool,
    /// Only the server sets it.
    pub read_only: bool,
    /// An integer that may travel as a JSON string.
    pub int_string: bool,
    /// Its format (`date-time`, `uuid`, …), for generated values.
    pub format: Option<&'static str>,
    /// The documented default, as JSON text.
    pub default: Option<&'static str>,
    /// Minimum length in characters.
    pub min_length: Option<u64>,
    /// Maximum length in characters.
    pub max_length: Option<u64>,
    /// Minimum number.
    pub minimum: Option<f64>,
    /// Maximum number.
    pub maximum: Option<f64>,
}

impl Field {
    /// An optional, non-null field without constraints.
    pub const fn new(name: &'static str, shape: Shape) -> Self {
        Self {
            name,
            shape,
            required: false,
            nullable: false,
            read_only: false,
            int_string: false,
            format: None,
            default: None,
            min_length: None,
            max_length: None,
            minimum: None,
            maximum: None,
        }
    }

    /// Marks it required.
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Marks it nullable.
    pub const fn nullable(mut self) -> Self {
        self.nullable = true;
        self
    }

    /// Marks it set by the server only.
    pub const fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }

    /// Marks an integer that may travel as a JSON string.
    pub const fn int_string(mut self) -> Self {
        self.int_string = true;
        self
    }

    /// Sets its format.
    pub const fn format(mut self, format: &'static str) -> Self {
        self.format = Some(format);
        self
    }

    /// Sets its documented default (JSON text).
    pub const fn default(mut self, json: &'static str) -> Self {
        self.default = Some(json);
        self
    }

    /// Sets its minimum length.
    pub const fn min_length(mut self, min: u64) -> Self {
        self.min_length = Some(min);
        self
    }

    /// Sets its maximum length.
    pub const fn max_length(mut self, max: u64) -> Self {
        self.max_length = Some(max);
        self
    }

    /// Sets its minimum.
    pub const fn minimum(mut self, min: f64) -> Self {
        self.minimum = Some(min);
        self
    }

    /// Sets its maximum.
    pub const fn maximum(mut self, max: f64) -> Self {
        self.maximum = Some(max);
        self
    }
}

/// An HTTP operation.
#[derive(Debug)]
pub struct Operation {
    /// Its stable name, by which tests refer to it.
    pub name: &'static str,
    /// Its API group.
    pub group: &'static str,
    /// The HTTP method (`GET`, `POST`, …).
    pub method: &'static str,
    /// The path template below the group's base URL (`/ips/{id}`).
    pub path: &'static str,
    /// Its query parameters.
    pub query: &'static [Field],
    /// The request body's shape, if it takes one.
    pub body: Option<Shape>,
    /// The response body's shape, if it answers with one.
    pub response: Option<Shape>,
    /// Request samples (JSON text), used to seed state.
    pub request_samples: &'static [&'static str],
    /// Response samples (JSON text), what operations without state answer.
    pub response_samples: &'static [&'static str],
}

/// A resource whose operations share state.
#[derive(Debug)]
pub struct Resource {
    /// Its name, by which tests refer to its state.
    pub name: &'static str,
    /// The type of its objects.
    pub item: &'static str,
    /// The field holding an object's server-assigned id.
    pub id: &'static str,
    /// The operation that creates an object.
    pub create: Option<&'static str>,
    /// The operation that lists objects.
    pub list: Option<&'static str>,
    /// The operation that reads one object by id.
    pub retrieve: Option<&'static str>,
    /// The operation that changes one object by id (PATCH: partial; PUT: whole).
    pub update: Option<&'static str>,
    /// The operation that deletes one object by id.
    pub delete: Option<&'static str>,
    /// Resources whose objects this one lists and reads instead of its own
    /// (a read-only view over several collections).
    pub view_of: &'static [&'static str],
    /// The date-time field set when an object is created.
    pub created_at: Option<&'static str>,
    /// The date-time field set when an object is created or changed.
    pub updated_at: Option<&'static str>,
    /// Values the server writes on create: field and JSON text.
    pub set: &'static [(&'static str, &'static str)],
    /// List filters whose field is not the one the parameter names:
    /// parameter and dotted field path.
    pub filters: &'static [(&'static str, &'static str)],
}

/// How error bodies are written: `{"<list>": [<entry>, …]}`, one entry per
/// problem, from a JSON template whose strings may be the placeholders
/// `{status}`, `{title}`, `{detail}`, `{pointer}` and `{parameter}`. A
/// string that is a placeholder with no value is left out, and so is an
/// object left empty.
#[derive(Debug)]
pub struct ErrorShape {
    /// The error body's array of problems.
    pub list: &'static str,
    /// One problem (JSON text with placeholders).
    pub entry: &'static str,
}

/// How page-numbered lists page.
#[derive(Debug)]
pub struct NumberPaging {
    /// The generic envelope type of a page.
    pub envelope: &'static str,
    /// Its items field.
    pub items: &'static str,
    /// The query parameter selecting the page (from 1).
    pub page_param: &'static str,
    /// The query parameter setting the page size, if documented.
    pub size_param: Option<&'static str>,
    /// Dotted path of the page number in the envelope.
    pub page_number: &'static str,
    /// Dotted path of the number of pages.
    pub total_pages: &'static str,
    /// Dotted path of the page size, if documented.
    pub page_size: Option<&'static str>,
    /// Dotted path of the number of objects, if documented.
    pub total_results: Option<&'static str>,
}

/// How cursor-paginated lists page.
#[derive(Debug)]
pub struct CursorPaging {
    /// The generic envelope type of a page.
    pub envelope: &'static str,
    /// Its items field.
    pub items: &'static str,
    /// The query parameter taking the cursor of the next page.
    pub cursor_param: &'static str,
    /// The query parameter setting the page size, if documented.
    pub limit_param: Option<&'static str>,
    /// Dotted path of the next page's cursor.
    pub next_cursor: &'static str,
    /// Dotted path of the number of objects, if documented.
    pub total_results: Option<&'static str>,
}
