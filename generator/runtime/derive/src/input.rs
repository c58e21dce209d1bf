//! The derive input without its doc comments, which the expansion does not
//! read, and the doc comments of the fields, which the setters repeat.
//!
//! Every `///` line is an attribute holding a string literal, and `syn`
//! checks each literal character by character when it parses one: in a
//! generated client, where every field has a doc comment, that was two
//! fifths of a derive's time parsing its input (which runs unoptimized
//! in a debug build). Here they are taken out before `syn` sees them, by
//! walking the tokens once.

use std::collections::HashMap;

use proc_macro::{Delimiter, Group, Spacing, TokenStream, TokenTree};

/// The doc attributes (`#` and `[doc = "…"]`) of each named field, by the
/// field's name as `Ident::to_string` writes it.
pub type FieldDocs = HashMap<String, proc_macro2::TokenStream>;

/// `input` without doc attributes, on the item, its fields and its
/// variants; and the fields' doc attributes.
pub fn without_docs(input: TokenStream) -> (TokenStream, FieldDocs) {
    let mut docs = FieldDocs::new();
    let stream = strip(input, Some(&mut docs));
    (stream, docs)
}

/// `input` without doc attributes, for an item whose docs nothing repeats.
pub fn without_any_docs(input: TokenStream) -> TokenStream {
    strip(input, None)
}

/// `stream` without doc attributes. `docs`, when given, gathers them by
/// the name of the field they precede (in the body of a struct with named
/// fields, the next identifier followed by a lone `:` outside `<…>`).
fn strip(stream: TokenStream, mut docs: Option<&mut FieldDocs>) -> TokenStream {
    let trees: Vec<TokenTree> = stream.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    let mut pending: Vec<TokenTree> = Vec::new();
    let mut angle_depth = 0_i32;
    let mut index = 0;
    while index < trees.len() {
        let tree = &trees[index];
        let next = trees.get(index + 1);
        if let (TokenTree::Punct(pound), Some(TokenTree::Group(group))) = (tree, next) {
            if pound.as_char() == '#' && group.delimiter() == Delimiter::Bracket && is_doc(group) {
                if docs.is_some() {
                    pending.push(tree.clone());
                    pending.push(TokenTree::Group(group.clone()));
                }
                index += 2;
                continue;
            }
        }
        match tree {
            TokenTree::Punct(punct) => match punct.as_char() {
                '<' => angle_depth += 1,
                // Not the `>` of a `->`.
                '>' if !matches!(out.last(), Some(TokenTree::Punct(p)) if p.as_char() == '-') => {
                    angle_depth -= 1;
                }
                _ => {}
            },
            TokenTree::Ident(ident) if angle_depth == 0 => {
                let colon = matches!(
                    next,
                    Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == Spacing::Alone
                );
                if let (true, Some(docs)) = (colon, docs.as_deref_mut()) {
                    let field_docs: TokenStream = pending.drain(..).collect();
                    docs.insert(ident.to_string(), field_docs.into());
                }
            }
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                // The body of the item: its fields, or its variants.
                let mut body =
                    Group::new(Delimiter::Brace, strip(group.stream(), docs.as_deref_mut()));
                body.set_span(group.span());
                out.push(TokenTree::Group(body));
                index += 1;
                continue;
            }
            _ => {}
        }
        out.push(tree.clone());
        index += 1;
    }
    out.into_iter().collect()
}

/// Whether the bracketed `group` of an attribute is `doc…`.
fn is_doc(group: &Group) -> bool {
    matches!(
        group.stream().into_iter().next(),
        Some(TokenTree::Ident(ident)) if ident.to_string() == "doc"
    )
}
