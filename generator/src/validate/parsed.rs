//! Every type expression of the spec, parsed once at the start of
//! validation; the checks, the sample checker and the resolver all read
//! this table instead of parsing the text again.

use std::collections::BTreeMap;

use crate::load::Spec;
use crate::typeexpr::TypeExpr;

/// The parse (or the parse error) of each distinct type expression text.
pub struct Parsed<'s> {
    exprs: BTreeMap<&'s str, Result<TypeExpr, String>>,
}

impl<'s> Parsed<'s> {
    /// Parses every type expression `spec` holds: the client's error type,
    /// field and parameter types, union alternatives, bodies and responses.
    pub fn new(spec: &'s Spec) -> Self {
        let mut texts: Vec<&'s str> = vec![spec.client.value.error.as_str()];
        for def in spec.types.values() {
            let fields = def.value.fields.iter().flat_map(|fields| fields.values());
            texts.extend(fields.map(|field| field.ty.as_str()));
            let alternatives = def.value.one_of.iter().flat_map(|one_of| one_of.values());
            texts.extend(alternatives.map(String::as_str));
        }
        for resource in spec.resources.values() {
            for op in resource.value.operations.values() {
                let params = op.path_params.values().chain(op.query.values());
                texts.extend(params.map(|field| field.ty.as_str()));
                texts.extend(op.body.as_deref());
                texts.extend(op.response.as_deref());
            }
        }
        let mut exprs = BTreeMap::new();
        for text in texts {
            exprs.entry(text).or_insert_with(|| TypeExpr::parse(text));
        }
        Self { exprs }
    }

    /// The parse of `text`. Every text of the spec is in the table; another
    /// (none today) is parsed on the spot rather than refused.
    pub fn get(&self, text: &str) -> Result<TypeExpr, String> {
        match self.exprs.get(text) {
            Some(parsed) => parsed.clone(),
            None => TypeExpr::parse(text),
        }
    }
}
