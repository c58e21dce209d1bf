//! The report: what was compared, every change, the doc-only summary and
//! the version bump they imply; printed as text, Markdown or JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::change::{ApiClass, Change, WireEffect};
use super::compare::compare;
use super::semver::{self, Bump, Version};
use super::text;
use crate::ir::Ir;

/// The comparison of two specs, ready to print.
#[derive(Debug)]
pub struct Report {
    /// How the old spec was named on the command line (or `rev:path`).
    pub old_label: String,
    /// How the new spec was named.
    pub new_label: String,
    /// The generated crate's name (in the new spec).
    pub package: String,
    /// Its version in the old spec.
    pub old_version: String,
    /// Its version in the new spec.
    pub new_version: String,
    /// Every itemized change, in report order.
    pub changes: Vec<Change>,
    /// Doc-only changes, counted by area.
    pub docs: BTreeMap<&'static str, usize>,
}

/// What the changes need of the crate's version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// The bump the most serious change needs.
    pub bump: Bump,
    /// The smallest version with that bump (when the old one parses).
    pub needed: Option<Version>,
    /// Whether the new spec's version has it (when both parse).
    pub satisfied: Option<bool>,
}

impl Report {
    /// Compares two IRs.
    pub fn new(old_label: &str, new_label: &str, old: &Ir, new: &Ir) -> Self {
        let comparison = compare(old, new);
        Self {
            old_label: old_label.to_owned(),
            new_label: new_label.to_owned(),
            package: new.package.name.clone(),
            old_version: old.package.version.clone(),
            new_version: new.package.version.clone(),
            changes: comparison.changes,
            docs: comparison.docs,
        }
    }

    /// The most serious API class among the changes (docs-only when only
    /// docs changed), `None` when nothing did.
    pub fn worst(&self) -> Option<ApiClass> {
        let itemized = self.changes.iter().map(|c| c.api).min();
        itemized.or_else(|| (!self.docs.is_empty()).then_some(ApiClass::DocsOnly))
    }

    /// How many itemized changes have this API class.
    pub fn count(&self, class: ApiClass) -> usize {
        self.changes.iter().filter(|c| c.api == class).count()
    }

    /// How many doc texts changed.
    pub fn doc_count(&self) -> usize {
        self.docs.values().sum()
    }

    /// The version bump, by the rule of [`semver::required`].
    pub fn verdict(&self) -> Verdict {
        let old = Version::parse(&self.old_version);
        // An unreadable version is taken as 0.1.0's rule: the loader checks
        // package versions loosely, and 0.x is the common case.
        let rule_version = old.unwrap_or(Version {
            major: 0,
            minor: 1,
            patch: 0,
        });
        let bump = semver::required(rule_version, self.worst());
        let needed = old.map(|old| old.bumped(bump));
        let satisfied = match (old, Version::parse(&self.new_version)) {
            (Some(old), Some(new)) => Some(semver::satisfied(old, new, bump)),
            _ => None,
        };
        Verdict {
            bump,
            needed,
            satisfied,
        }
    }

    fn headline(&self) -> String {
        if self.changes.is_empty() && self.docs.is_empty() {
            return "no changes to the generated API or the wire".to_owned();
        }
        format!(
            "{} breaking, {} additive, {} wire-only; {} changed",
            self.count(ApiClass::Breaking),
            self.count(ApiClass::Additive),
            self.count(ApiClass::None),
            text::count(self.doc_count(), "doc text")
        )
    }

    fn semver_line(&self) -> String {
        let verdict = self.verdict();
        let why = match (verdict.bump, self.worst()) {
            (Bump::None, _) => return "no version bump needed".to_owned(),
            (_, Some(ApiClass::Breaking)) => "breaking changes",
            (_, Some(ApiClass::Additive)) => "additions",
            (_, Some(ApiClass::None)) => "wire-only changes",
            _ => "doc changes",
        };
        let rule = match Version::parse(&self.old_version) {
            Some(Version {
                major: 0, minor: 0, ..
            }) => "; below 0.1 every release is incompatible",
            Some(Version { major: 0, .. }) if verdict.bump == Bump::Minor => {
                "; below 1.0 a breaking change bumps the minor version"
            }
            _ => "",
        };
        let mut line = match verdict.needed {
            Some(needed) => format!(
                "{} bump for {why}: {} → {needed}{rule}",
                verdict.bump, self.old_version
            ),
            None => format!(
                "{} bump for {why} (the version `{}` does not parse){rule}",
                verdict.bump, self.old_version
            ),
        };
        match verdict.satisfied {
            Some(true) => {
                let _ = write!(line, "; the new spec's {} has it", self.new_version);
            }
            Some(false) => {
                let _ = write!(line, "; the new spec still says {}", self.new_version);
            }
            None => {}
        }
        line
    }

    fn docs_line(&self) -> Option<String> {
        if self.docs.is_empty() {
            return None;
        }
        let areas: Vec<String> = self
            .docs
            .iter()
            .map(|(area, count)| format!("{area}: {count}"))
            .collect();
        Some(format!(
            "{} changed ({})",
            text::count(self.doc_count(), "doc text"),
            areas.join(", ")
        ))
    }

    /// The plain-text report (the default).
    pub fn text(&self) -> String {
        let mut out = format!(
            "telnyx-codegen diff: {} → {}\n{} {}: {}\nsemver: {}\n",
            self.old_label,
            self.new_label,
            self.package,
            self.old_version,
            self.headline(),
            self.semver_line()
        );
        if !self.changes.is_empty() {
            out.push('\n');
        }
        for change in &self.changes {
            let _ = writeln!(
                out,
                "{:<9} {} {}: {}",
                change.api.id(),
                change.kind.id(),
                change.subject,
                change.detail
            );
            for effect in &change.wire {
                let _ = writeln!(
                    out,
                    "          wire: {} ({})",
                    effect.id(),
                    effect.explain()
                );
            }
        }
        if let Some(docs) = self.docs_line() {
            let _ = write!(out, "\ndocs only: {docs}\n");
        }
        out
    }

    /// A Markdown report for a pull-request comment.
    pub fn markdown(&self) -> String {
        let mut out = format!(
            "### `{}`: what the spec change does to the generated crate\n\nCompared `{}` → `{}`.\n\n**{}**\n\n**Semver:** {}\n",
            self.package,
            self.old_label,
            self.new_label,
            self.headline(),
            self.semver_line()
        );
        if !self.changes.is_empty() {
            out.push_str("\n| API | Wire | Change | Where | What |\n|---|---|---|---|---|\n");
            for change in &self.changes {
                let api = match change.api {
                    ApiClass::Breaking => "**breaking**".to_owned(),
                    other => other.id().to_owned(),
                };
                let wire = if change.wire.is_empty() {
                    "none".to_owned()
                } else {
                    change
                        .wire
                        .iter()
                        .map(|effect| effect.id())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let _ = writeln!(
                    out,
                    "| {api} | {wire} | {} | `{}` | {} |",
                    change.kind.id(),
                    cell(&change.subject),
                    cell(&change.detail)
                );
            }
            let mut effects: Vec<WireEffect> = self
                .changes
                .iter()
                .flat_map(|c| c.wire.iter().copied())
                .collect();
            effects.sort();
            effects.dedup();
            if !effects.is_empty() {
                out.push('\n');
                for effect in effects {
                    let _ = writeln!(out, "- `{}`: {}", effect.id(), cell(effect.explain()));
                }
            }
        }
        if let Some(docs) = self.docs_line() {
            let _ = write!(out, "\nDocs only: {docs}.\n");
        }
        out
    }

    /// The JSON report, for scripts.
    pub fn json(&self) -> String {
        let verdict = self.verdict();
        let changes: Vec<serde_json::Value> = self
            .changes
            .iter()
            .map(|change| {
                serde_json::json!({
                    "kind": change.kind.id(),
                    "subject": change.subject,
                    "detail": change.detail,
                    "api": change.api.id(),
                    "wire": change.wire.iter().map(|e| e.id()).collect::<Vec<_>>(),
                })
            })
            .collect();
        let value = serde_json::json!({
            "old": self.old_label,
            "new": self.new_label,
            "package": self.package,
            "version": { "old": self.old_version, "new": self.new_version },
            "summary": {
                "worst": self.worst().map(ApiClass::id),
                "breaking": self.count(ApiClass::Breaking),
                "additive": self.count(ApiClass::Additive),
                "wire_only": self.count(ApiClass::None),
                "docs": self.doc_count(),
            },
            "semver": {
                "bump": verdict.bump.id(),
                "needed": verdict.needed.map(|v| v.to_string()),
                "satisfied": verdict.satisfied,
            },
            "changes": changes,
            "docs": self.docs,
        });
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
