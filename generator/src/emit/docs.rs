//! Doc comments from spec text. The text is prose from API pages, so it is
//! made safe for rustdoc: no accidental intra-doc links (`page[number]`),
//! HTML tags (`<T>`), bare URLs, or indented lines that rustdoc would take
//! for code blocks and try to compile as doctests.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` attributes for paragraphs of spec prose (escaped; empty
/// paragraphs skipped).
pub fn doc_attrs<S: AsRef<str>>(paragraphs: &[S]) -> TokenStream {
    let lines = doc_lines(paragraphs, true);
    quote! { #( #[doc = #lines] )* }
}

/// `#[doc = "..."]` attributes for markdown the generator wrote itself
/// (links and code blocks kept; escape spec prose in it with [`escape`]).
pub fn markdown_doc_attrs<S: AsRef<str>>(paragraphs: &[S]) -> TokenStream {
    let lines = doc_lines(paragraphs, false);
    quote! { #( #[doc = #lines] )* }
}

/// Inner `#![doc = "..."]` attributes of generator-written markdown, for
/// module and crate docs.
pub fn inner_markdown_doc_attrs<S: AsRef<str>>(paragraphs: &[S]) -> TokenStream {
    let lines = doc_lines(paragraphs, false);
    quote! { #( #![doc = #lines] )* }
}

/// The lines of a doc comment, each with the leading space rustdoc expects,
/// and an empty line between paragraphs.
fn doc_lines<S: AsRef<str>>(paragraphs: &[S], escape_prose: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in paragraphs {
        let paragraph = paragraph.as_ref().trim();
        if paragraph.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        let mut in_fence = false;
        for line in paragraph.lines() {
            let trimmed = line.trim();
            if trimmed.starts_with("```") {
                in_fence = !in_fence;
                // Spec prose is never Rust to compile: an opening fence of spec
                // text becomes a `text` block, so rustdoc does not run it as a doctest.
                if in_fence && escape_prose {
                    lines.push(" ```text".to_owned());
                } else {
                    lines.push(format!(" {trimmed}"));
                }
            } else if in_fence {
                lines.push(format!(" {}", line.trim_end()));
            } else if trimmed.is_empty() {
                lines.push(String::new());
            } else if escape_prose {
                lines.push(format!(" {}", escape(trimmed)));
            } else {
                lines.push(format!(" {trimmed}"));
            }
        }
    }
    lines
}

/// Escapes markdown that rustdoc would misread, outside `code spans`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (index, piece) in text.split('`').enumerate() {
        if index > 0 {
            out.push('`');
        }
        if index % 2 == 1 {
            out.push_str(piece);
        } else {
            out.push_str(&escape_prose(piece));
        }
    }
    out
}

fn escape_prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let url_start = ["https://", "http://"]
            .iter()
            .filter_map(|scheme| rest.find(scheme))
            .min();
        let (before, url_and_after) = match url_start {
            Some(start) => rest.split_at(start),
            None => (rest, ""),
        };
        for ch in before.chars() {
            match ch {
                '[' | ']' | '<' | '>' => {
                    out.push('\\');
                    out.push(ch);
                }
                _ => out.push(ch),
            }
        }
        if url_and_after.is_empty() {
            break;
        }
        let end = url_and_after
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')'))
            .unwrap_or(url_and_after.len());
        let (url, after) = url_and_after.split_at(end);
        let trimmed = url.trim_end_matches(['.', ',', ';', ':']);
        out.push('<');
        out.push_str(trimmed);
        out.push('>');
        out.push_str(url.get(trimmed.len()..).unwrap_or_default());
        rest = after;
    }
    out
}

/// The first paragraph of `doc` on one line, for lists of resources.
pub fn summary(doc: &str) -> String {
    let paragraph = doc.split("\n\n").next().unwrap_or_default();
    paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_and_angles_are_escaped_outside_code() {
        assert_eq!(
            escape("use page[number] and `page[size]`"),
            "use page\\[number\\] and `page[size]`"
        );
        assert_eq!(escape("a <b> c"), "a \\<b\\> c");
        assert_eq!(escape("by_caller_phone_number"), "by_caller_phone_number");
    }

    #[test]
    fn urls_are_wrapped_so_rustdoc_links_them() {
        assert_eq!(
            escape("see https://api.telnyx.com/v2."),
            "see <https://api.telnyx.com/v2>."
        );
        assert_eq!(escape("(http://x.io)"), "(<http://x.io>)");
    }

    #[test]
    fn indented_lines_do_not_become_code_blocks() {
        let lines = doc_lines(&["first\n    indented"], true);
        assert_eq!(lines, vec![" first".to_owned(), " indented".to_owned()]);
    }

    #[test]
    fn code_fences_in_spec_prose_never_become_doctests() {
        let lines = doc_lines(&["see:\n```\nlet x = 1;\n```"], true);
        assert_eq!(lines.get(1).map(String::as_str), Some(" ```text"));
        let lines = doc_lines(&["```rust\nfn f() {}\n```"], true);
        assert_eq!(lines.first().map(String::as_str), Some(" ```text"));
        let ours = doc_lines(&["```no_run\nlet x = 1;\n```"], false);
        assert_eq!(ours.first().map(String::as_str), Some(" ```no_run"));
    }

    #[test]
    fn paragraphs_are_separated_by_an_empty_line() {
        let lines = doc_lines(&["one", "", "two"], true);
        assert_eq!(
            lines,
            vec![" one".to_owned(), String::new(), " two".to_owned()]
        );
    }
}
