//! The client: credentials, API groups and their auth, pagination, and the
//! client's methods (one accessor per resource next to its own).

use super::names::{Scope, CLIENT_MEMBERS};
use super::types::presence;
use super::{Builder, ModuleIr, Presence, RustType};
use crate::model::{Auth, Credential, CursorPagination, FieldRef, Pagination};
use crate::naming::{camel_ident, snake_ident};
use crate::spec_path;

/// Names of the generated client's own fields and builder methods, which a
/// credential (a field and builder method too) must not take.
const CLIENT_FIELDS: &[&str] = &[
    "http",
    "timeout",
    "connect_timeout",
    "user_agent",
    "reqwest_client",
    "retry_policy",
    "max_retries",
    "check_constraints",
    "build",
    "new",
    "builder",
    "from_env",
    "default",
    "clone",
    "fmt",
];

/// The client.
#[derive(Debug, Clone)]
pub struct ClientIr {
    /// Doc text.
    pub doc: Option<String>,
    /// Credentials, the first being the one `Client::new` takes.
    pub credentials: Vec<CredentialIr>,
    /// The error body type.
    pub error_type: RustType,
    /// The spec file the client is declared in.
    pub source_file: String,
    /// How lists page, when the spec says.
    pub pagination: Option<PaginationIr>,
    /// How cursor-paginated lists page, when the spec says.
    pub cursor_pagination: Option<CursorPaginationIr>,
    /// Where error bodies list their problems, when the spec says.
    pub error_problems: Option<ErrorProblemsIr>,
}

/// Where error bodies list their problems, as JSON keys: the items field,
/// then dotted paths inside one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorProblemsIr {
    /// The field of the error body holding the problems.
    pub items: String,
    /// Dotted path to a problem's code.
    pub code: Option<String>,
    /// Dotted path to its title.
    pub title: Option<String>,
    /// Dotted path to its detail.
    pub detail: Option<String>,
    /// Dotted path to the part of the request at fault.
    pub source: Option<String>,
}

/// How cursor-paginated list responses page, resolved to Rust names.
#[derive(Debug, Clone)]
pub struct CursorPaginationIr {
    /// The generic envelope type's identifier.
    pub envelope_ident: String,
    /// Its item type parameter.
    pub param_ident: String,
    /// The items field.
    pub items: AccessStep,
    /// Field chain to the next page's cursor.
    pub next_cursor: Vec<AccessStep>,
    /// The query parameter (wire name) that takes the cursor.
    pub cursor_param: String,
}

/// How list responses page, resolved to Rust names.
#[derive(Debug, Clone)]
pub struct PaginationIr {
    /// The generic envelope type's identifier.
    pub envelope_ident: String,
    /// Its item type parameter.
    pub param_ident: String,
    /// The items field.
    pub items: AccessStep,
    /// Field chain to the total number of pages.
    pub total_pages: Vec<AccessStep>,
    /// Field chain to the page number.
    pub page_number: Vec<AccessStep>,
    /// The query parameter (wire name) that selects a page.
    pub page_param: String,
}

/// One field access on the way to a value.
#[derive(Debug, Clone)]
pub struct AccessStep {
    /// The field's Rust identifier.
    pub ident: String,
    /// How it is present, which decides how it is unwrapped.
    pub presence: Presence,
}

/// A credential.
#[derive(Debug, Clone)]
pub struct CredentialIr {
    /// Rust identifier (field and builder method).
    pub ident: String,
    /// Doc text.
    pub doc: Option<String>,
    /// Environment variable.
    pub env: Option<String>,
}

/// An API group.
#[derive(Debug, Clone)]
pub struct GroupIr {
    /// The spec name.
    pub name: String,
    /// Rust identifier suffix (`base_url_<ident>`, `request_<ident>`).
    pub ident: String,
    /// Doc text.
    pub doc: Option<String>,
    /// Default base URL.
    pub base_url: String,
    /// Environment variable overriding the base URL.
    pub base_url_env: Option<String>,
    /// Authentication steps.
    pub auth: Vec<AuthIr>,
}

/// One authentication step.
#[derive(Debug, Clone)]
pub enum AuthIr {
    /// A bearer token from this credential.
    Bearer(CredentialIr),
    /// A header (lower case) carrying this credential.
    Header(String, CredentialIr),
}

impl Builder<'_, '_> {
    /// Credential names become fields and builder methods next to the
    /// client's own; a clash would not compile, so it is reported.
    fn check_credential_names(&mut self) {
        let spec = self.checked.spec;
        for name in spec.client.value.credentials.keys() {
            let ident = snake_ident(name);
            if CLIENT_FIELDS.contains(&ident.as_str())
                || ident.starts_with("base_url_")
                || ident.starts_with("request_")
            {
                self.diagnostics.push(spec.diagnostic_at_key(
                    spec.client.file,
                    &spec_path!["client", "credentials", name],
                    format!("the credential name `{name}` is used by the generated client itself; rename it"),
                ));
            }
        }
    }

    pub(super) fn client(&mut self) -> ClientIr {
        self.check_credential_names();
        let client = &self.checked.client;
        ClientIr {
            doc: self.checked.spec.client.value.doc.clone(),
            credentials: client.credentials.iter().map(credential).collect(),
            error_type: self.rust_type(&client.error),
            source_file: client.file_name.to_owned(),
            pagination: client.pagination.as_ref().map(pagination),
            cursor_pagination: client.cursor_pagination.as_ref().map(cursor_pagination),
            error_problems: client.error_problems.map(|def| ErrorProblemsIr {
                items: def.items.clone(),
                code: def.code.clone(),
                title: def.title.clone(),
                detail: def.detail.clone(),
                source: def.source.clone(),
            }),
        }
    }

    pub(super) fn groups(&mut self) -> Vec<GroupIr> {
        self.checked
            .groups
            .iter()
            .map(|group| GroupIr {
                name: group.name.to_owned(),
                ident: snake_ident(group.name),
                doc: group.def.doc.clone(),
                base_url: group.def.base_url.clone(),
                base_url_env: group.def.base_url_env.clone(),
                auth: group
                    .auth
                    .iter()
                    .map(|auth| match auth {
                        Auth::Bearer { credential: used } => AuthIr::Bearer(credential(used)),
                        Auth::Header {
                            header,
                            credential: used,
                        } => AuthIr::Header(header.to_ascii_lowercase(), credential(used)),
                    })
                    .collect(),
            })
            .collect()
    }

    /// Each resource's accessor is a method of the client, next to the
    /// client's own methods.
    pub(super) fn claim_accessors(&mut self, modules: &[ModuleIr]) {
        let mut scope = Scope::with_members(CLIENT_MEMBERS, "a method of the client itself");
        for group in &self.checked.groups {
            let group_ident = snake_ident(group.name);
            let group_ident = group_ident.trim_start_matches("r#");
            for name in [
                format!("base_url_{group_ident}"),
                format!("request_{group_ident}"),
            ] {
                let _ = scope.claim(&name, "a method of the client itself");
            }
        }
        let resources = modules.iter().flat_map(|module| &module.resources);
        for resource in resources {
            let owner = format!("the accessor of the resource `{}`", resource.name);
            if let Err(first) =
                scope.claim(resource.accessor_ident.trim_start_matches("r#"), &owner)
            {
                self.diagnostics.push(self.checked.spec.diagnostic_at_key(
                    resource.file,
                    &spec_path!["resources", &resource.name],
                    format!(
                        "the resource `{}` would get the client method `{}`, which is already {first}; rename the resource",
                        resource.name, resource.accessor_ident
                    ),
                ));
            }
        }
    }
}

fn credential(credential: &Credential<'_>) -> CredentialIr {
    CredentialIr {
        ident: snake_ident(credential.name),
        doc: credential.def.doc.clone(),
        env: credential.def.env.clone(),
    }
}

fn pagination(def: &Pagination<'_>) -> PaginationIr {
    PaginationIr {
        envelope_ident: camel_ident(def.envelope),
        param_ident: camel_ident(def.param),
        items: access_step(&def.items),
        total_pages: def.total_pages.iter().map(access_step).collect(),
        page_number: def.page_number.iter().map(access_step).collect(),
        page_param: def.page_param.to_owned(),
    }
}

fn cursor_pagination(def: &CursorPagination<'_>) -> CursorPaginationIr {
    CursorPaginationIr {
        envelope_ident: camel_ident(def.envelope),
        param_ident: camel_ident(def.param),
        items: access_step(&def.items),
        next_cursor: def.next_cursor.iter().map(access_step).collect(),
        cursor_param: def.cursor_param.to_owned(),
    }
}

fn access_step(field: &FieldRef<'_>) -> AccessStep {
    AccessStep {
        ident: field
            .def
            .rust_name
            .clone()
            .unwrap_or_else(|| snake_ident(field.name)),
        presence: presence(field.def),
    }
}
