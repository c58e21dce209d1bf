//! Emitting `src/client.rs`: the client, its builder, the error alias, and
//! one request constructor per API group that applies its base URL and auth.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::{ident, Emitter};
use crate::ir::{AuthIr, CredentialIr, GroupIr};

impl Emitter<'_> {
    pub(super) fn client_rs(&self) -> TokenStream {
        let rtp = &self.rtp;
        let rt = &self.rt;
        let client = &self.ir.client;
        let error_type = self.rust_type(&client.error_type);
        let client_doc = doc_attrs(&[client.doc.as_deref().unwrap_or("The API client.")]);

        let credential_fields = client.credentials.iter().map(|c| {
            let name = ident(&c.ident);
            quote!(#name: ::std::option::Option<#rt::Secret<::std::string::String>>,)
        });
        let base_url_fields = self.ir.groups.iter().map(|g| {
            let name = format_ident!("base_url_{}", g.ident.trim_start_matches("r#"));
            quote!(#name: ::std::string::String,)
        });
        let default_consts = self.ir.groups.iter().map(|g| {
            let name = format_ident!(
                "DEFAULT_BASE_URL_{}",
                g.ident.trim_start_matches("r#").to_uppercase()
            );
            let url = &g.base_url;
            let doc = doc_attrs(&[format!("Default base URL of the `{}` API group.", g.name)]);
            quote!(#doc pub const #name: &'static str = #url;)
        });
        let base_url_getters = self.ir.groups.iter().map(|g| {
            let name = format_ident!("base_url_{}", g.ident.trim_start_matches("r#"));
            let doc = doc_attrs(&[format!(
                "The base URL requests of the `{}` API group go to.",
                g.name
            )]);
            quote!(#doc pub fn #name(&self) -> &str { &self.#name })
        });
        let group_requests = self.ir.groups.iter().map(|g| self.group_request(g));
        let new_fn = self.new_fn();
        let from_env = self.env_constructor();
        let builder = self.builder();
        let error_doc = doc_attrs(&["The error every operation returns: transport, timeout, decode, or an API error carrying the status, the parsed error body and the raw body."]);

        quote! {
            #error_doc
            pub type Error = #rt::Error<#error_type>;

            #client_doc
            #[derive(Clone, Debug)]
            pub struct Client {
                http: #rtp::HttpClient,
                #(#credential_fields)*
                #(#base_url_fields)*
            }

            impl Client {
                #(#default_consts)*

                #new_fn

                #from_env

                /// A builder for a client with custom credentials, base URLs or timeouts.
                pub fn builder() -> ClientBuilder {
                    ClientBuilder::default()
                }

                #(#base_url_getters)*

                /// The HTTP client requests are sent with.
                pub(crate) fn http(&self) -> &#rtp::HttpClient {
                    &self.http
                }

                #(#group_requests)*
            }

            #builder
        }
    }

    fn new_fn(&self) -> TokenStream {
        let rt = &self.rt;
        let Some(first) = self.ir.client.credentials.first() else {
            return quote! {
                /// A client with default settings.
                ///
                /// # Errors
                ///
                /// When the HTTP client cannot be built (for example, TLS initialisation fails).
                pub fn new() -> ::std::result::Result<Self, #rt::BuildError> {
                    Self::builder().build()
                }
            };
        };
        let name = ident(&first.ident);
        let doc = doc_attrs(&[
            format!(
                "A client that authenticates with `{}`, with default base URLs and timeouts.",
                first.ident
            ),
            "# Errors".to_owned(),
            "When the HTTP client cannot be built (for example, TLS initialisation fails)."
                .to_owned(),
        ]);
        quote! {
            #doc
            pub fn new(#name: impl ::std::convert::Into<::std::string::String>) -> ::std::result::Result<Self, #rt::BuildError> {
                Self::builder().#name(#name).build()
            }
        }
    }

    fn env_constructor(&self) -> TokenStream {
        let rt = &self.rt;
        let credentials = &self.ir.client.credentials;
        let mut lines = Vec::new();
        let mut doc_vars = Vec::new();
        for (index, credential) in credentials.iter().enumerate() {
            let Some(env) = &credential.env else { continue };
            let name = ident(&credential.ident);
            if index == 0 {
                doc_vars.push(format!(
                    "`{env}` (required): {}",
                    credential_doc(credential)
                ));
                lines.push(quote! {
                    let value = ::std::env::var(#env).map_err(|_| #rt::BuildError::missing_env(#env))?;
                    builder = builder.#name(value);
                });
            } else {
                doc_vars.push(format!(
                    "`{env}` (optional): {}",
                    credential_doc(credential)
                ));
                lines.push(quote! {
                    if let ::std::result::Result::Ok(value) = ::std::env::var(#env) {
                        builder = builder.#name(value);
                    }
                });
            }
        }
        for group in &self.ir.groups {
            let Some(env) = &group.base_url_env else {
                continue;
            };
            let method = format_ident!("base_url_{}", group.ident.trim_start_matches("r#"));
            doc_vars.push(format!(
                "`{env}` (optional): base URL of the `{}` API group.",
                group.name
            ));
            lines.push(quote! {
                if let ::std::result::Result::Ok(value) = ::std::env::var(#env) {
                    builder = builder.#method(value);
                }
            });
        }
        let mut doc = vec!["A client configured from environment variables:".to_owned()];
        doc.push(
            doc_vars
                .iter()
                .map(|v| format!("- {v}"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
        doc.push("# Errors".to_owned());
        doc.push(
            "When a required variable is not set, or the HTTP client cannot be built.".to_owned(),
        );
        let doc = doc_attrs(&doc);
        quote! {
            #doc
            pub fn from_env() -> ::std::result::Result<Self, #rt::BuildError> {
                let mut builder = Self::builder();
                #(#lines)*
                builder.build()
            }
        }
    }

    fn group_request(&self, group: &GroupIr) -> TokenStream {
        let rtp = &self.rtp;
        let rt = &self.rt;
        let method = format_ident!("request_{}", group.ident.trim_start_matches("r#"));
        let base = format_ident!("base_url_{}", group.ident.trim_start_matches("r#"));
        let doc = doc_attrs(&[format!(
            "Starts a request to the `{}` API group: its base URL and authentication.",
            group.name
        )]);
        let steps = group.auth.iter().map(|auth| {
            let (credential, apply) = match auth {
                AuthIr::Bearer(credential) => (credential, None),
                AuthIr::Header(header, credential) => (credential, Some(header.clone())),
            };
            let field = ident(&credential.ident);
            let name = credential.ident.trim_start_matches("r#");
            let env = match &credential.env {
                Some(env) => quote!(::std::option::Option::Some(#env)),
                None => quote!(::std::option::Option::None),
            };
            let value = quote! {
                self.#field.as_ref().ok_or_else(|| #rt::Error::missing_credential(#name, #env))?
            };
            match apply {
                None => quote!(let request = request.bearer_auth(#value);),
                Some(header) => quote!(let request = request.header(#header, #value);),
            }
        });
        quote! {
            #doc
            pub(crate) fn #method(&self, method: #rtp::Method, path: &str) -> ::std::result::Result<#rtp::Request, Error> {
                let request = #rtp::Request::new(method, &self.#base, path);
                #(#steps)*
                ::std::result::Result::Ok(request)
            }
        }
    }

    fn builder(&self) -> TokenStream {
        let rtp = &self.rtp;
        // The crate's name and version from the spec, not `env!`: included
        // into another crate with `include!`, `env!` would name that crate.
        let user_agent = format!("{}/{} rust", self.ir.package.name, self.ir.package.version);
        let user_agent_doc = doc_attrs(&[format!(
            "Replaces the `User-Agent` header (default `{user_agent}`)."
        )]);
        let rt = &self.rt;
        let problem_paths = self.ir.client.error_problems.as_ref().map(|paths| {
            let items = &paths.items;
            let [code, title, detail, source] =
                [&paths.code, &paths.title, &paths.detail, &paths.source].map(|path| match path {
                    Some(path) => quote!(::core::option::Option::Some(#path)),
                    None => quote!(::core::option::Option::None),
                });
            // A constant expression, promoted to a `'static` reference: no
            // item of its own to name.
            quote! {
                .with_problem_paths(&#rtp::ProblemPaths {
                    items: #items,
                    code: #code,
                    title: #title,
                    detail: #detail,
                    source: #source,
                })
            }
        });
        let credentials = &self.ir.client.credentials;
        let credential_fields = credentials.iter().map(|c| {
            let name = ident(&c.ident);
            quote!(#name: ::std::option::Option<#rt::Secret<::std::string::String>>,)
        });
        let base_url_fields = self.ir.groups.iter().map(|g| {
            let name = format_ident!("base_url_{}", g.ident.trim_start_matches("r#"));
            quote!(#name: ::std::option::Option<::std::string::String>,)
        });
        let credential_setters = credentials.iter().map(|c| {
            let name = ident(&c.ident);
            let doc = doc_attrs(&[format!("Sets `{}`: {}", c.ident, credential_doc(c))]);
            quote! {
                #doc
                pub fn #name(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.#name = ::std::option::Option::Some(#rt::Secret::new(value.into()));
                    self
                }
            }
        });
        let base_url_setters = self.ir.groups.iter().map(|g| {
            let name = format_ident!("base_url_{}", g.ident.trim_start_matches("r#"));
            let doc = doc_attrs(&[format!(
                "Sets the base URL of the `{}` API group (default `{}`), e.g. to point at a mock server.",
                g.name, g.base_url
            )]);
            quote! {
                #doc
                pub fn #name(mut self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.#name = ::std::option::Option::Some(url.into());
                    self
                }
            }
        });
        let build_credentials = credentials.iter().map(|c| {
            let name = ident(&c.ident);
            quote!(#name: self.#name,)
        });
        let build_base_urls = self.ir.groups.iter().map(|g| {
            let name = format_ident!("base_url_{}", g.ident.trim_start_matches("r#"));
            let default = format_ident!(
                "DEFAULT_BASE_URL_{}",
                g.ident.trim_start_matches("r#").to_uppercase()
            );
            quote!(#name: self.#name.unwrap_or_else(|| Client::#default.to_owned()),)
        });
        quote! {
            /// Configures a [`Client`]; start with [`Client::builder`].
            #[derive(Clone, Debug, Default)]
            pub struct ClientBuilder {
                #(#credential_fields)*
                #(#base_url_fields)*
                timeout: ::std::option::Option<::std::time::Duration>,
                connect_timeout: ::std::option::Option<::std::time::Duration>,
                user_agent: ::std::option::Option<::std::string::String>,
                reqwest_client: ::std::option::Option<#rt::reqwest::Client>,
                retry_policy: ::std::option::Option<#rt::RetryPolicy>,
                max_retries: ::std::option::Option<u32>,
                check_constraints: ::std::option::Option<bool>,
            }

            impl ClientBuilder {
                #(#credential_setters)*

                #(#base_url_setters)*

                /// Sets the time budget of each call, retries and the waits between them
                /// included (default 60 seconds); a request's `RequestOptions::timeout` overrides it.
                pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                    self.timeout = ::std::option::Option::Some(timeout);
                    self
                }

                /// Sets the timeout for connecting to the server (default 10 seconds).
                pub fn connect_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                    self.connect_timeout = ::std::option::Option::Some(timeout);
                    self
                }

                #user_agent_doc
                pub fn user_agent(mut self, user_agent: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.user_agent = ::std::option::Option::Some(user_agent.into());
                    self
                }

                /// Sets how failed attempts are retried (default: at most 2 retries of
                /// connection errors, timeouts, 408, 409, 429 and 5xx, with exponential
                /// backoff from 0.5 s capped at 8 s, minus up to 25 % jitter, honouring
                /// `Retry-After`). Only operations the spec marks safe to retry (and
                /// GET, PUT, DELETE) are retried unless a request opts in.
                pub fn retry_policy(mut self, policy: #rt::RetryPolicy) -> Self {
                    self.retry_policy = ::std::option::Option::Some(policy);
                    self
                }

                /// Sets the maximum number of retries (`0` turns retries off); it wins
                /// over the policy's own number whatever the order of the calls.
                pub fn max_retries(mut self, max_retries: u32) -> Self {
                    self.max_retries = ::std::option::Option::Some(max_retries);
                    self
                }

                /// Whether a request that breaks a constraint the API documents (a length,
                /// a range, an enum value) is refused before it is sent, with the field and
                /// the rule in the error (default: yes). Turn it off when the documentation
                /// is stricter than the server; `RequestOptions::check_constraints` decides
                /// for one call.
                pub fn check_constraints(mut self, check: bool) -> Self {
                    self.check_constraints = ::std::option::Option::Some(check);
                    self
                }

                /// Uses a ready-made `reqwest` client (its own timeouts and user agent apply).
                pub fn reqwest_client(mut self, client: #rt::reqwest::Client) -> Self {
                    self.reqwest_client = ::std::option::Option::Some(client);
                    self
                }

                /// Builds the client.
                ///
                /// # Errors
                ///
                /// When the HTTP client cannot be built (for example, TLS initialisation fails).
                pub fn build(self) -> ::std::result::Result<Client, #rt::BuildError> {
                    let http = match self.reqwest_client {
                        ::std::option::Option::Some(client) => #rtp::HttpClient::with_reqwest(client),
                        ::std::option::Option::None => {
                            let defaults = #rtp::HttpConfig::default();
                            #rtp::HttpClient::new(&#rtp::HttpConfig {
                                user_agent: self.user_agent.unwrap_or_else(|| #user_agent.to_owned()),
                                timeout: self.timeout.unwrap_or(defaults.timeout),
                                connect_timeout: self.connect_timeout.unwrap_or(defaults.connect_timeout),
                            })?
                        }
                    };
                    let mut policy = self.retry_policy.unwrap_or_default();
                    if let ::std::option::Option::Some(max_retries) = self.max_retries {
                        policy.max_retries = max_retries;
                    }
                    let http = http
                        .with_retry_policy(policy)
                        .with_constraint_checks(self.check_constraints.unwrap_or(true))
                        #problem_paths;
                    ::std::result::Result::Ok(Client {
                        http,
                        #(#build_credentials)*
                        #(#build_base_urls)*
                    })
                }
            }
        }
    }
}

fn credential_doc(credential: &CredentialIr) -> String {
    credential
        .doc
        .clone()
        .unwrap_or_else(|| format!("the `{}` credential.", credential.ident))
}
