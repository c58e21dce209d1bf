//! Stage 2: checking that the spec means something. Every problem is
//! collected (with its file, line and column) before any is reported, so a
//! curator fixes a spec in one pass.

//!
//! Checks run in a fixed order (size, client, groups, types, cycles,
//! resources), each in its own module. When none finds a problem, `resolve`
//! turns the spec into the [`Checked`] model the IR is built from.

mod client;
mod conform;
mod cycles;
mod fake;
mod operations;
mod parsed;
mod resolve;
mod types;

pub use crate::diagnostic::MAX_REPORTED;
use crate::diagnostic::{Diagnostic, Error};
use crate::load::locate::Segment;
use crate::load::Spec;
use crate::model::Checked;
pub use operations::{parse_http, parse_template, TemplatePart};

/// Checks the spec and returns what the checks proved.
///
/// # Errors
///
/// All problems found, each pointing at the offending key.
pub fn validate(spec: &Spec) -> Result<Checked<'_>, Error> {
    validate_with_limit(spec, MAX_ITEMS)
}

/// [`validate`] with another item limit than [`MAX_ITEMS`]: the benchmarks
/// measure specs far over it.
///
/// # Errors
///
/// All problems found, each pointing at the offending key.
pub fn validate_with_limit(spec: &Spec, max_items: usize) -> Result<Checked<'_>, Error> {
    let parsed = parsed::Parsed::new(spec);
    let mut v = Validator {
        spec,
        parsed: &parsed,
        diagnostics: Vec::new(),
        found: 0,
    };
    v.size(max_items);
    v.client();
    v.client_idents();
    v.pagination();
    v.error_problems();
    v.groups();
    v.types();
    v.cycles();
    v.resources();
    v.fake();
    if v.found == 0 {
        // Every check passed, so resolving cannot fail; if it does, that is
        // a gap in the checks, reported as such rather than papered over.
        return resolve::resolve(spec, &parsed).map_err(|message| Error {
            diagnostics: vec![Diagnostic::new(format!(
                "internal error: validation accepted a spec it cannot resolve ({message}); please report this with the spec"
            ))],
        });
    }
    let omitted = v.found - v.diagnostics.len();
    if omitted > 0 {
        v.diagnostics.push(Diagnostic::new(format!(
            "… and {omitted} more problems (only the first {MAX_REPORTED} are shown)"
        )));
    }
    Err(Error {
        diagnostics: v.diagnostics,
    })
}

/// The most items (types, fields, enum values, union alternatives,
/// operations and parameters) a spec may define. Generating costs about
/// 0.5 ms and 10 KiB of peak memory per item (BENCHMARKS.md: 903 MiB for a
/// 91,624-item spec), so this bounds a run at about a minute and a
/// gigabyte, while leaving room for the 100x synthetic spec of the
/// benchmarks; the Telnyx spec has about a thousand.
pub const MAX_ITEMS: usize = 100_000;

struct Validator<'a> {
    spec: &'a Spec,
    /// Every type expression, parsed once.
    parsed: &'a parsed::Parsed<'a>,
    diagnostics: Vec<Diagnostic>,
    /// Every problem found, including those past [`MAX_REPORTED`].
    found: usize,
}

/// Where a type expression is used, for generic parameters in scope.
struct Scope<'s> {
    params: &'s [String],
}

impl Validator<'_> {
    fn error(&mut self, file: usize, path: Vec<Segment>, message: impl Into<String>) {
        if self.full() {
            // Only counted: locating costs, and nobody reads this far.
            self.found += 1;
            return;
        }
        let diagnostic = self.spec.diagnostic_at(file, &path, message);
        self.push(diagnostic);
    }

    fn error_at_key(&mut self, file: usize, path: Vec<Segment>, message: impl Into<String>) {
        if self.full() {
            self.found += 1;
            return;
        }
        let diagnostic = self.spec.diagnostic_at_key(file, &path, message);
        self.push(diagnostic);
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        // A mistake in a shared definition (a field set entry, say) is found
        // once per type that uses it, and shown at the definition each time:
        // once is enough.
        let again = self.diagnostics.iter().any(|seen| {
            seen.file == diagnostic.file
                && seen.position == diagnostic.position
                && seen.message == diagnostic.message
        });
        if !again {
            self.found += 1;
            self.diagnostics.push(diagnostic);
        }
    }

    /// Refuses a spec too big to generate in bounded time and memory.
    fn size(&mut self, max_items: usize) {
        let spec = self.spec;
        let types: usize = spec
            .types
            .values()
            .map(|def| {
                let def = &def.value;
                1 + def.fields.as_ref().map_or(0, |f| f.len())
                    + def.values.as_ref().map_or(0, Vec::len)
                    + def.one_of.as_ref().map_or(0, |o| o.len())
            })
            .sum();
        let operations: usize = spec
            .resources
            .values()
            .flat_map(|resource| resource.value.operations.values())
            .map(|op| 1 + op.path_params.len() + op.query.len())
            .sum();
        let items = types + operations;
        if items > max_items {
            let file = spec
                .files
                .first()
                .map(|f| f.path.clone())
                .unwrap_or_default();
            self.found += 1;
            self.diagnostics.push(
                Diagnostic::new(format!(
                    "the spec defines {items} items (types, fields, enum values, alternatives, operations and parameters); the generator's limit is {max_items}, which bounds its time and memory"
                ))
                .in_file(file),
            );
        }
    }

    /// Whether further problems are only counted (see [`MAX_REPORTED`]).
    fn full(&self) -> bool {
        self.diagnostics.len() >= MAX_REPORTED
    }
}

fn with(path: &[Segment], segment: impl Into<Segment>) -> Vec<Segment> {
    let mut out = path.to_vec();
    out.push(segment.into());
    out
}

impl From<String> for Segment {
    fn from(key: String) -> Self {
        Segment::Key(key)
    }
}
