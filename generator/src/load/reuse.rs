//! Reuse in the spec: every `use` and `from` resolved, so that the rest of
//! the pipeline sees each field and parameter written out in full, exactly
//! as if the curator had copied it.
//!
//! An entry of a `fields`, `query` or `path_params` map is a definition
//! (it has `type`) or a reference: `use: Source` takes `Source`'s entry of
//! the same name, `use: Source.name` another one, and in a type with
//! `from: Source` an entry with neither `type` nor `use` means
//! `use: Source`. `Source` is a field set or an object type. A reference
//! copies the resolved definition and replaces only the keys it states.
//!
//! Resolution is memoized per entry and follows at most
//! [`MAX_REFERENCE_CHAIN`] references in a row, so a spec of N entries
//! costs O(N) however its references are arranged, cycles are reported
//! instead of followed, and recursion stays shallow. Each reference adds
//! exactly one field, so nothing expands beyond what is written.
//!
//! Where each resolved entry came from is kept in [`Origins`], so a later
//! problem with a key the reference did not state (an unknown type in the
//! shared definition, say) is reported at the definition, and a problem
//! with a key it stated at the reference.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;

use super::locate::Segment;
use super::schema::{FieldDef, FieldEntry, FieldSetDef, OperationDef, ResourceDef, TypeDef};
use super::{locate_in, render_path, Located, SourceFile};
use crate::diagnostic::{Diagnostic, MAX_REPORTED};

/// The most references followed in a row (`A.x` uses `B.x`, which uses
/// `C.x`, ...). Real specs need two or three; the bound keeps a hostile
/// chain from costing deep recursion.
pub const MAX_REFERENCE_CHAIN: usize = 16;

/// Where a resolved entry's definition is: for each reference (by file and
/// path), the entry it took and the keys it stated itself.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    by_site: HashMap<(usize, Vec<Segment>), Origin>,
}

#[derive(Debug, Clone)]
struct Origin {
    file: usize,
    path: Vec<Segment>,
    stated: Vec<&'static str>,
}

impl Origins {
    /// Where a problem at `path` in `file` is best shown: at the definition
    /// a reference took, unless the problem is about the entry as a whole
    /// or about a key the reference stated. Also returns the definition's
    /// path when it moved.
    pub fn redirect(&self, file: usize, path: &[Segment]) -> (usize, Vec<Segment>, Option<String>) {
        let mut file = file;
        let mut path = path.to_vec();
        let mut moved = None;
        for _ in 0..=MAX_REFERENCE_CHAIN {
            let Some((origin, rest)) = self.site_of(file, &path) else {
                break;
            };
            let key = match rest.first() {
                Some(Segment::Key(key)) => key.as_str(),
                _ => break,
            };
            if origin.stated.contains(&key) {
                break;
            }
            let mut target = origin.path.clone();
            target.extend_from_slice(rest);
            moved = Some(render_path(&origin.path));
            file = origin.file;
            path = target;
        }
        (file, path, moved)
    }

    /// The reference whose entry `path` is in, and the rest of the path.
    fn site_of<'p>(&self, file: usize, path: &'p [Segment]) -> Option<(&Origin, &'p [Segment])> {
        // Entries sit four (types, field sets) or six (operations) deep.
        [4, 6].into_iter().find_map(|depth| {
            let (site, rest) = path.split_at_checked(depth)?;
            let origin = self.by_site.get(&(file, site.to_vec()))?;
            Some((origin, rest))
        })
    }
}

/// What [`expand`] returns: the types and resources with every entry a
/// full definition, and where the referenced ones came from.
pub struct Expanded {
    /// The types, in spec order.
    pub types: IndexMap<String, Located<TypeDef>>,
    /// The resources, in spec order.
    pub resources: IndexMap<String, Located<ResourceDef>>,
    /// Where each reference's definition is.
    pub origins: Origins,
}

/// Resolves every reference of the spec.
///
/// # Errors
///
/// Every reference to something undefined (with a "did you mean"), every
/// cycle or over-long chain, and every entry that is neither a definition
/// nor a reference. (A field set entry nothing uses is fine: a spec may
/// generate a subset of the resources that share a set.)
pub fn expand(
    files: &[SourceFile],
    field_sets: &IndexMap<String, Located<FieldSetDef>>,
    types: IndexMap<String, Located<TypeDef<FieldEntry>>>,
    resources: IndexMap<String, Located<ResourceDef<FieldEntry>>>,
) -> Result<Expanded, Vec<Diagnostic>> {
    let mut resolver = Resolver {
        files,
        field_sets,
        types: &types,
        memo: HashMap::new(),
        origins: Origins::default(),
        diagnostics: Vec::new(),
        found: 0,
    };
    // First every entry is resolved (types in order, then sets), each kept
    // once in the memo; then the types' fields are moved out of it. Cloning
    // them out instead kept two resolved copies of every field alive at
    // once, which was the load stage's peak for a large spec.
    let mut relies_on_bad_from = HashSet::new();
    for (name, def) in &types {
        let from_ok = resolver.check_from(name, def);
        for (field, entry) in def.value.fields.iter().flatten() {
            // A bad `from` is reported once, not for every entry that relies on it.
            if !from_ok && entry.ty.is_none() && entry.use_.is_none() {
                relies_on_bad_from.insert((name.as_str(), field.as_str()));
                continue;
            }
            let _ = resolver.field_of(Owner::Type(name), field, &mut Vec::new());
        }
    }
    for (name, set) in field_sets {
        for field in set.value.fields.keys() {
            resolver.field_of(Owner::Set(name), field, &mut Vec::new());
        }
    }
    let mut resolved = std::mem::take(&mut resolver.memo);
    let mut out_types = IndexMap::with_capacity(types.len());
    for (name, def) in &types {
        let fields = def.value.fields.as_ref().map(|fields| {
            fields
                .keys()
                .filter(|field| !relies_on_bad_from.contains(&(name.as_str(), field.as_str())))
                .filter_map(|field| {
                    let done = resolved.remove(&(Owner::Type(name), field.as_str()))??;
                    Some((field.clone(), done))
                })
                .collect::<IndexMap<_, _>>()
        });
        // Collected from a filter, the map grew by doubling; the spare room
        // was a tenth of a large spec's loaded size.
        let fields = fields.map(|mut fields| {
            fields.shrink_to_fit();
            fields
        });
        let value = TypeDef {
            doc: def.value.doc.clone(),
            params: def.value.params.clone(),
            from: def.value.from.clone(),
            fields,
            enum_repr: def.value.enum_repr,
            values: def.value.values.clone(),
            one_of: def.value.one_of.clone(),
            text: def.value.text,
        };
        out_types.insert(
            name.clone(),
            Located {
                value,
                file: def.file,
            },
        );
    }
    drop(resolved);
    let mut out_resources = IndexMap::with_capacity(resources.len());
    for (name, resource) in resources {
        let operations = resource
            .value
            .operations
            .into_iter()
            .map(|(op_name, op)| {
                let at = |map: &str, param: &str| {
                    spec_path_of(&["resources", &name, "operations", &op_name, map, param])
                };
                let mut params = |map: &str, entries: IndexMap<String, FieldEntry>| {
                    entries
                        .into_iter()
                        .filter_map(|(param, entry)| {
                            let site = Site {
                                file: resource.file,
                                path: at(map, &param),
                                key: &param,
                                from: None,
                            };
                            let resolved = resolver.entry(&entry, &site, &mut Vec::new())?;
                            Some((param, resolved))
                        })
                        .collect::<IndexMap<_, _>>()
                };
                let path_params = params("path_params", op.path_params);
                let query = params("query", op.query);
                let op = OperationDef {
                    call: op.call,
                    http: op.http,
                    summary: op.summary,
                    description: op.description,
                    source: op.source,
                    docs_url: op.docs_url,
                    retry_safe: op.retry_safe,
                    path_params,
                    query,
                    body: op.body,
                    response: op.response,
                    samples: op.samples,
                };
                (op_name, op)
            })
            .collect();
        let value = ResourceDef {
            doc: resource.value.doc,
            group: resource.value.group,
            operations,
            fake: resource.value.fake,
        };
        out_resources.insert(
            name,
            Located {
                value,
                file: resource.file,
            },
        );
    }
    if resolver.found > 0 {
        let omitted = resolver.found - resolver.diagnostics.len();
        if omitted > 0 {
            resolver.diagnostics.push(Diagnostic::new(format!(
                "… and {omitted} more problems (only the first {MAX_REPORTED} are shown)"
            )));
        }
        return Err(resolver.diagnostics);
    }
    Ok(Expanded {
        types: out_types,
        resources: out_resources,
        origins: resolver.origins,
    })
}

fn spec_path_of(keys: &[&str]) -> Vec<Segment> {
    keys.iter()
        .map(|key| Segment::Key((*key).to_owned()))
        .collect()
}

/// What holds addressable entries: a field set or a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Owner<'a> {
    Set(&'a str),
    Type(&'a str),
}

impl Owner<'_> {
    fn section(self) -> &'static str {
        match self {
            Owner::Set(_) => "field_sets",
            Owner::Type(_) => "types",
        }
    }

    fn name(self) -> String {
        match self {
            Owner::Set(name) | Owner::Type(name) => name.to_owned(),
        }
    }
}

/// Where an entry is written.
struct Site<'s> {
    file: usize,
    path: Vec<Segment>,
    /// The entry's own name, which a reference takes by default.
    key: &'s str,
    /// The `from` of the type it is in.
    from: Option<&'s str>,
}

struct Resolver<'a> {
    files: &'a [SourceFile],
    field_sets: &'a IndexMap<String, Located<FieldSetDef>>,
    types: &'a IndexMap<String, Located<TypeDef<FieldEntry>>>,
    /// Each addressable entry once resolved (`None`: it has a problem,
    /// reported once).
    memo: HashMap<(Owner<'a>, &'a str), Option<FieldDef>>,
    origins: Origins,
    diagnostics: Vec<Diagnostic>,
    found: usize,
}

impl<'a> Resolver<'a> {
    fn error(&mut self, file: usize, path: &[Segment], key: bool, message: String) {
        self.found += 1;
        if self.diagnostics.len() < MAX_REPORTED {
            self.diagnostics
                .push(locate_in(self.files.get(file), path, key, message));
        }
    }

    /// Checks a type's `from`; whether its entries can rely on it.
    fn check_from(&mut self, name: &str, def: &Located<TypeDef<FieldEntry>>) -> bool {
        let Some(from) = &def.value.from else {
            return true;
        };
        let path = spec_path_of(&["types", name, "from"]);
        if def.value.fields.is_none() {
            self.error(
                def.file,
                &path,
                false,
                "`from` applies to object types (with `fields`): it names where their field references take their definitions".to_owned(),
            );
            return false;
        }
        match self.owner(from) {
            Ok(_) => true,
            Err(message) => {
                self.error(def.file, &path, false, message);
                false
            }
        }
    }

    /// The field set or object type named `name`.
    fn owner(
        &self,
        name: &str,
    ) -> Result<(Owner<'a>, usize, &'a IndexMap<String, FieldEntry>), String> {
        if let Some((key, set)) = self.field_sets.get_key_value(name) {
            return Ok((Owner::Set(key), set.file, &set.value.fields));
        }
        if let Some((key, def)) = self.types.get_key_value(name) {
            return match &def.value.fields {
                Some(fields) => Ok((Owner::Type(key), def.file, fields)),
                None => Err(format!(
                    "`{name}` is an enum, a union or a text type; only field sets and object types have fields to take"
                )),
            };
        }
        let candidates = self.field_sets.keys().chain(
            self.types
                .iter()
                .filter(|(_, def)| def.value.fields.is_some())
                .map(|(name, _)| name),
        );
        let hint = crate::suggest::closest(name, candidates.map(String::as_str))
            .map(|close| format!(" (did you mean `{close}`?)"))
            .unwrap_or_default();
        Err(format!(
            "no field set or object type is named `{name}`{hint}"
        ))
    }

    /// The resolved definition of an addressable entry, memoized.
    fn field_of(
        &mut self,
        owner: Owner<'a>,
        field: &'a str,
        chain: &mut Vec<(Owner<'a>, &'a str)>,
    ) -> Option<FieldDef> {
        if let Some(done) = self.memo.get(&(owner, field)) {
            return done.clone();
        }
        let (file, entries, from) = match owner {
            Owner::Set(name) => {
                let set = self.field_sets.get(name)?;
                (set.file, &set.value.fields, None)
            }
            Owner::Type(name) => {
                let def = self.types.get(name)?;
                (
                    def.file,
                    def.value.fields.as_ref()?,
                    def.value.from.as_deref(),
                )
            }
        };
        let (key, entry) = entries.get_key_value(field)?;
        let site = Site {
            file,
            path: spec_path_of(&[owner.section(), &owner.name(), "fields", field]),
            key,
            from,
        };
        chain.push((owner, key));
        let resolved = self.entry(entry, &site, chain);
        chain.pop();
        self.memo.insert((owner, key), resolved.clone());
        resolved
    }

    /// Resolves one entry written at `site`.
    fn entry(
        &mut self,
        entry: &FieldEntry,
        site: &Site<'_>,
        chain: &mut Vec<(Owner<'a>, &'a str)>,
    ) -> Option<FieldDef> {
        if let Some(ty) = &entry.ty {
            if entry.use_.is_some() {
                self.error(
                    site.file,
                    &with(&site.path, "use"),
                    true,
                    "an entry is either a definition (`type`) or a reference (`use`), not both; drop `use` to define it here, or `type` to take the shared definition".to_owned(),
                );
                return None;
            }
            return Some(definition(ty, entry));
        }
        let (source, field, use_path) = match (&entry.use_, site.from) {
            (Some(reference), _) => {
                let (source, field) = reference
                    .split_once('.')
                    .unwrap_or((reference.as_str(), site.key));
                (source, field, with(&site.path, "use"))
            }
            (None, Some(from)) => (from, site.key, site.path.clone()),
            (None, None) => {
                self.error(
                    site.file,
                    &site.path,
                    true,
                    format!(
                        "`{}` has no `type`: give it one, or take a shared definition with `use: <field set or type>`",
                        site.key
                    ),
                );
                return None;
            }
        };
        let (owner, owner_file, fields) = match self.owner(source) {
            Ok(found) => found,
            Err(message) => {
                self.error(site.file, &use_path, false, message);
                return None;
            }
        };
        let Some((field, _)) = fields.get_key_value(field) else {
            let hint = crate::suggest::closest(field, fields.keys().map(String::as_str))
                .map(|close| format!(" (did you mean `{close}`?)"))
                .unwrap_or_default();
            self.error(
                site.file,
                &use_path,
                site.from.is_some() && entry.use_.is_none(),
                format!("`{source}` has no entry `{field}`{hint}"),
            );
            return None;
        };
        if chain.contains(&(owner, field.as_str())) {
            let mut steps: Vec<String> = chain
                .iter()
                .map(|(owner, field)| format!("{}.{field}", owner.name()))
                .collect();
            steps.push(format!("{}.{field}", owner.name()));
            self.error(
                site.file,
                &use_path,
                false,
                format!(
                    "these references go round in a cycle: {}; one of them must be a definition (with `type`)",
                    steps.join(" → ")
                ),
            );
            return None;
        }
        if chain.len() >= MAX_REFERENCE_CHAIN {
            self.error(
                site.file,
                &use_path,
                false,
                format!(
                    "more than {MAX_REFERENCE_CHAIN} references in a row lead here; refer to the definition itself"
                ),
            );
            return None;
        }
        let taken = self.field_of(owner, field, chain)?;
        if matches!(owner, Owner::Type(_)) && taken.read_only && entry.read_only.is_none() {
            self.error(
                site.file,
                &site.path,
                true,
                format!(
                    "`{field}` is read-only in `{source}` (the server sets it), so a shape derived from it leaves it out; to keep it anyway, state `read_only` here"
                ),
            );
            return None;
        }
        self.origins.by_site.insert(
            (site.file, site.path.clone()),
            Origin {
                file: owner_file,
                path: spec_path_of(&[owner.section(), &owner.name(), "fields", field]),
                stated: stated_keys(entry),
            },
        );
        Some(overridden(taken, entry))
    }
}

fn with(path: &[Segment], key: &str) -> Vec<Segment> {
    let mut out = path.to_vec();
    out.push(Segment::Key(key.to_owned()));
    out
}

/// A full definition as written.
fn definition(ty: &str, entry: &FieldEntry) -> FieldDef {
    FieldDef {
        ty: ty.to_owned(),
        doc: entry.doc.clone(),
        required: entry.required.unwrap_or(false),
        nullable: entry.nullable.unwrap_or(false),
        format: entry.format,
        default: entry.default.clone(),
        min_length: entry.min_length,
        max_length: entry.max_length,
        minimum: entry.minimum,
        maximum: entry.maximum,
        secret: entry.secret.unwrap_or(false),
        read_only: entry.read_only.unwrap_or(false),
        wire: entry.wire,
        rust_name: entry.rust_name.clone(),
    }
}

/// A taken definition with the keys the reference states replaced.
fn overridden(mut def: FieldDef, entry: &FieldEntry) -> FieldDef {
    fn set<T: Clone>(slot: &mut T, value: &Option<T>) {
        if let Some(value) = value {
            *slot = value.clone();
        }
    }
    fn set_opt<T: Clone>(slot: &mut Option<T>, value: &Option<T>) {
        if value.is_some() {
            slot.clone_from(value);
        }
    }
    set_opt(&mut def.doc, &entry.doc);
    set(&mut def.required, &entry.required);
    set(&mut def.nullable, &entry.nullable);
    set_opt(&mut def.format, &entry.format);
    set_opt(&mut def.default, &entry.default);
    set_opt(&mut def.min_length, &entry.min_length);
    set_opt(&mut def.max_length, &entry.max_length);
    set_opt(&mut def.minimum, &entry.minimum);
    set_opt(&mut def.maximum, &entry.maximum);
    set(&mut def.secret, &entry.secret);
    set(&mut def.read_only, &entry.read_only);
    set_opt(&mut def.wire, &entry.wire);
    set_opt(&mut def.rust_name, &entry.rust_name);
    def
}

/// The keys a reference states itself (beside `use`).
fn stated_keys(entry: &FieldEntry) -> Vec<&'static str> {
    [
        ("doc", entry.doc.is_some()),
        ("required", entry.required.is_some()),
        ("nullable", entry.nullable.is_some()),
        ("format", entry.format.is_some()),
        ("default", entry.default.is_some()),
        ("min_length", entry.min_length.is_some()),
        ("max_length", entry.max_length.is_some()),
        ("minimum", entry.minimum.is_some()),
        ("maximum", entry.maximum.is_some()),
        ("secret", entry.secret.is_some()),
        ("read_only", entry.read_only.is_some()),
        ("wire", entry.wire.is_some()),
        ("rust_name", entry.rust_name.is_some()),
    ]
    .into_iter()
    .filter_map(|(key, stated)| stated.then_some(key))
    .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::load::{load_bytes, Spec};

    const HEADER: &str = "\
package: { name: demo, version: 0.1.0, description: Demo., license: MIT }
client:
  credentials: { api_key: { doc: The key. } }
  error: ErrorBody
groups:
  v2: { base_url: 'https://api.example.com', auth: [{ bearer: api_key }] }
";

    fn load(body: &str) -> Spec {
        let text = format!("{HEADER}{body}");
        load_bytes(Path::new("spec.yaml"), text.as_bytes()).unwrap_or_else(|err| panic!("{err}"))
    }

    fn field<'s>(spec: &'s Spec, ty: &str, name: &str) -> &'s FieldDef {
        &spec.types[ty].value.fields.as_ref().unwrap()[name]
    }

    const BODY: &str = "\
field_sets:
  Shared:
    fields:
      x: { type: string, doc: Shared doc., min_length: 3, format: uri }
types:
  ErrorBody:
    fields:
      message: { type: string }
  Read:
    fields:
      id: { type: string, read_only: true }
      a: { use: Shared.x, doc: Own doc. }
      b: { use: Shared.x }
  Create:
    from: Read
    fields:
      b: { required: true, nullable: true }
      a: {}
  Update:
    from: Create
    fields:
      a: {}
      b: { required: false }
";

    #[test]
    fn a_reference_copies_the_definition_and_replaces_only_what_it_states() {
        let spec = load(BODY);
        let a = field(&spec, "Read", "a");
        assert_eq!(a.ty, "string");
        assert_eq!(a.doc.as_deref(), Some("Own doc."));
        assert_eq!(a.min_length, Some(3));
        let b = field(&spec, "Create", "b");
        assert_eq!(b.doc.as_deref(), Some("Shared doc."));
        assert!(b.required && b.nullable);
        let b = field(&spec, "Update", "b");
        assert!(!b.required && b.nullable, "{b:?}");
        assert_eq!(field(&spec, "Update", "a").doc.as_deref(), Some("Own doc."));
    }

    #[test]
    fn a_field_set_entry_nothing_uses_is_fine_but_its_references_are_checked() {
        // A spec of some of the resources that share a set.
        let spec = load(&BODY.replace(
            "types:\n",
            "  Spare:\n    fields:\n      y: { type: string }\ntypes:\n",
        ));
        assert!(spec.types.contains_key("Read"));
        let text = format!(
            "{HEADER}{}",
            BODY.replace(
                "types:\n",
                "  Spare:\n    fields:\n      y: { use: Shraed.x }\ntypes:\n"
            )
        );
        let err = load_bytes(Path::new("spec.yaml"), text.as_bytes()).unwrap_err();
        assert!(
            err.to_string()
                .contains("no field set or object type is named `Shraed` (did you mean `Shared`?)"),
            "{err}"
        );
    }

    #[test]
    fn a_derived_shape_keeps_the_order_it_is_written_in() {
        let spec = load(BODY);
        let names: Vec<&str> = spec.types["Create"]
            .value
            .fields
            .as_ref()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(names, ["b", "a"]);
    }

    #[test]
    fn problems_in_unstated_keys_are_shown_at_the_definition() {
        let spec = load(BODY);
        let key = |k: &str| Segment::Key(k.to_owned());
        let site = [key("types"), key("Update"), key("fields"), key("a")];
        // `format` is stated nowhere on the way: Update.a → Create.a → Read.a → Shared.x.
        let (_, path, moved) = spec.origins.redirect(0, &with(&site, "format"));
        assert_eq!(render_path(&path), "field_sets.Shared.fields.x.format");
        assert_eq!(moved.as_deref(), Some("field_sets.Shared.fields.x"));
        // `doc` is stated at Read.a.
        let (_, path, _) = spec.origins.redirect(0, &with(&site, "doc"));
        assert_eq!(render_path(&path), "types.Read.fields.a.doc");
        // The entry as a whole stays where it is written.
        let (_, path, moved) = spec.origins.redirect(0, &site);
        assert_eq!(render_path(&path), "types.Update.fields.a");
        assert_eq!(moved, None);
    }

    #[test]
    fn a_chain_under_the_bound_resolves_through_every_link() {
        // 15 references in a row (the bound is 16), the first taken by 200
        // types through `from`.
        let mut body = String::from("field_sets:\n");
        for n in 0..15 {
            let entry = if n == 14 {
                "{ type: string }".to_owned()
            } else {
                format!("{{ use: S{} }}", n + 1)
            };
            body.push_str(&format!("  S{n}:\n    fields:\n      x: {entry}\n"));
        }
        body.push_str("types:\n  ErrorBody:\n    fields:\n      message: { type: string }\n");
        for n in 0..200 {
            body.push_str(&format!(
                "  T{n}:\n    from: S0\n    fields:\n      x: {{}}\n"
            ));
        }
        let spec = load(&body);
        assert_eq!(field(&spec, "T199", "x").ty, "string");
    }
}
