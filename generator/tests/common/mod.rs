//! A small valid spec that tests mutate to provoke one problem at a time.

#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::path::{Path, PathBuf};

/// A minimal but complete spec: two groups with different auth, an enum
/// with non-identifier values, an object, a list and a path parameter.
pub const VALID: &str = r#"package:
  name: demo-client
  version: 0.1.0
  description: A demo client.
  license: MIT
  runtime:
    name: telnyx-codegen-runtime
    version: 0.1.0
client:
  credentials:
    api_key: { doc: The key., env: DEMO_API_KEY }
    api_token: { doc: The legacy token. }
  error: ErrorBody
groups:
  v2:
    base_url: https://api.example.com/v2
    auth:
      - bearer: api_key
  v1:
    base_url: https://api.example.com
    auth:
      - header: x-api-token
        credential: api_token
types:
  ErrorBody:
    fields:
      message: { type: string }
  Dtmf:
    doc: DTMF mode.
    enum: string
    values:
      - value: RFC 2833
      - value: SIP INFO
  Widget:
    doc: A widget.
    fields:
      id: { type: string, read_only: true }
      name: { type: string, required: true, min_length: 3 }
      dtmf: { type: Dtmf, default: RFC 2833 }
      port: { type: integer, nullable: true }
resources:
  widgets:
    group: v2
    operations:
      list_widgets:
        call: list
        http: GET /widgets
        summary: List widgets.
        query:
          page[number]: { type: integer }
        response: array<Widget>
      retrieve_widget:
        call: retrieve
        http: GET /widgets/{id}
        summary: Retrieve a widget.
        path_params:
          id: { type: string, doc: The widget id. }
        response: Widget
"#;

/// Writes `text` as `spec.yaml` in a new temporary directory.
pub fn spec_dir(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("spec.yaml");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("write: {e}"));
    (dir, path)
}

/// The error report of loading the spec at `path`, or an empty string when it is valid.
pub fn report(path: &Path) -> String {
    match telnyx_codegen::generate(path) {
        Ok(_) => String::new(),
        Err(err) => err.to_string(),
    }
}
