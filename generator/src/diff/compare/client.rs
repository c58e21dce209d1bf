//! The client (error type, credentials) and the API groups (base URLs,
//! their environment variables, authentication).

use super::Ctx;
use crate::diff::change::{ApiClass, ChangeKind, WireEffect};
use crate::diff::text;
use crate::ir::{GroupIr, Ir};

impl Ctx {
    pub(super) fn client(&mut self, old: &Ir, new: &Ir) {
        self.docs("client", &old.client.doc, &new.client.doc);
        let old_error = self.map(&old.client.error_type);
        if old_error != new.client.error_type {
            self.push(
                ChangeKind::ErrorTypeChanged,
                "Client",
                format!(
                    "error bodies decode into `{}` instead of `{}`",
                    text::rust_type(&new.client.error_type),
                    text::rust_type(&old_error)
                ),
                ApiClass::Breaking,
                [WireEffect::ResponseFails],
            );
        }
        let (old_creds, new_creds) = (&old.client.credentials, &new.client.credentials);
        let old_first = old_creds.first().map(|c| c.ident.as_str());
        let new_first = new_creds.first().map(|c| c.ident.as_str());
        for credential in old_creds {
            let subject = format!("Client.{}", credential.ident);
            match new_creds.iter().find(|n| n.ident == credential.ident) {
                None => self.push(
                    ChangeKind::CredentialRemoved,
                    &subject,
                    format!(
                        "the credential `{}` (its builder method) is gone",
                        credential.ident
                    ),
                    ApiClass::Breaking,
                    [WireEffect::RequestRejected],
                ),
                Some(kept) => {
                    if kept.env != credential.env {
                        self.push(
                            ChangeKind::CredentialEnvChanged,
                            &subject,
                            format!(
                                "`Client::from_env` reads it from {} instead of {}",
                                env_text(&kept.env),
                                env_text(&credential.env)
                            ),
                            ApiClass::None,
                            [WireEffect::RequestRejected],
                        );
                    }
                    self.docs("client", &credential.doc, &kept.doc);
                }
            }
        }
        for credential in new_creds {
            if !old_creds.iter().any(|o| o.ident == credential.ident) {
                let api = if new_first == Some(credential.ident.as_str()) {
                    ApiClass::Breaking
                } else {
                    ApiClass::Additive
                };
                self.push(
                    ChangeKind::CredentialAdded,
                    &format!("Client.{}", credential.ident),
                    format!(
                        "new credential `{}` (a builder method{})",
                        credential.ident,
                        if api == ApiClass::Breaking {
                            "; `Client::new` takes it first"
                        } else {
                            ""
                        }
                    ),
                    api,
                    [],
                );
            }
        }
        if old_first != new_first
            && new_first.is_some_and(|f| old_creds.iter().any(|o| o.ident == f))
        {
            self.push(
                ChangeKind::FirstCredentialChanged,
                "Client.new",
                format!(
                    "`Client::new` takes `{}` instead of `{}`",
                    new_first.unwrap_or_default(),
                    old_first.unwrap_or_default()
                ),
                ApiClass::Breaking,
                [],
            );
        }
    }

    pub(super) fn groups(&mut self, old: &[GroupIr], new: &[GroupIr]) {
        for group in old {
            let subject = format!("group {}", group.name);
            let Some(kept) = new.iter().find(|n| n.name == group.name) else {
                self.push(
                    ChangeKind::GroupRemoved,
                    &subject,
                    format!(
                        "`Client::base_url_{0}` and `request_{0}` are gone ({1})",
                        group.ident.trim_start_matches("r#"),
                        group.base_url
                    ),
                    ApiClass::Breaking,
                    [WireEffect::RequestRejected],
                );
                continue;
            };
            if kept.base_url != group.base_url {
                self.push(
                    ChangeKind::BaseUrlChanged,
                    &subject,
                    format!(
                        "requests go to {} instead of {}",
                        kept.base_url, group.base_url
                    ),
                    ApiClass::None,
                    [WireEffect::RequestRejected],
                );
            }
            if kept.base_url_env != group.base_url_env {
                self.push(
                    ChangeKind::BaseUrlEnvChanged,
                    &subject,
                    format!(
                        "`Client::from_env` reads the base URL from {} instead of {}",
                        env_text(&kept.base_url_env),
                        env_text(&group.base_url_env)
                    ),
                    ApiClass::None,
                    [WireEffect::RequestRejected],
                );
            }
            let (was, is) = (text::auth(&group.auth), text::auth(&kept.auth));
            if was != is {
                self.push(
                    ChangeKind::AuthChanged,
                    &subject,
                    format!("authenticates with {is} instead of {was}"),
                    ApiClass::None,
                    [WireEffect::RequestRejected],
                );
            }
            self.docs("groups", &group.doc, &kept.doc);
        }
        for group in new {
            if !old.iter().any(|o| o.name == group.name) {
                self.push(
                    ChangeKind::GroupAdded,
                    &format!("group {}", group.name),
                    format!(
                        "new API group at {} (`Client::base_url_{1}`, `request_{1}`)",
                        group.base_url,
                        group.ident.trim_start_matches("r#")
                    ),
                    ApiClass::Additive,
                    [],
                );
            }
        }
    }
}

fn env_text(env: &Option<String>) -> String {
    match env {
        Some(name) => format!("`{name}`"),
        None => "nowhere".to_owned(),
    }
}
