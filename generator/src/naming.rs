//! Turning spec names and wire values into Rust identifiers.
//!
//! One module decides every Rust name, so the rules are tested in one place:
//! `heck` does the casing; this module handles what heck cannot (punctuation
//! with meaning such as `+`, leading digits, keywords).

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (all editions, strict and reserved) that cannot be plain identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers either; they get a trailing `_`.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Splits a value into words: punctuation separates words, except that `+`
/// is spelled out (so `+E.164` and `E.164` stay distinct) and `.` before a
/// digit simply joins (`E.164` -> `E164`, `H.264` -> `H264`).
fn words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 8);
    let mut chars = raw.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '+' => out.push_str(" plus "),
            // A dot before a digit is part of a number or version (`E.164`,
            // `H.264`); elsewhere it separates words (`outbound.profile_id`).
            '.' if chars.peek().is_some_and(char::is_ascii_digit) => {}
            '\'' => {}
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out
}

/// A snake_case identifier for a field, parameter, method or module.
pub fn snake_ident(raw: &str) -> String {
    let cased = words(raw).to_snake_case();
    finish(cased, "_", "value")
}

/// An UpperCamelCase identifier for a type or enum variant.
pub fn camel_ident(raw: &str) -> String {
    let cased = words(raw).to_upper_camel_case();
    finish(cased, "V", "Empty")
}

/// Makes a cased name a valid identifier: a name with no letters or digits
/// becomes `empty`, a leading digit gets `digit_prefix`, keywords become raw
/// identifiers (or get a trailing `_` where Rust forbids raw).
fn finish(cased: String, digit_prefix: &str, empty: &str) -> String {
    let name = if cased.is_empty() {
        empty.to_owned()
    } else if cased.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{digit_prefix}{cased}")
    } else {
        cased
    };
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Whether `name` is already a valid, non-keyword Rust identifier in the
/// given case; used to check curator overrides (`rust_name`).
pub fn is_plain_ident(name: &str) -> bool {
    let mut chars = name.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    starts_well
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
        && !KEYWORDS.contains(&name)
}

/// Picks a name for something the generator invents (such as the field that
/// keeps unknown JSON keys) that does not clash with `taken`.
pub fn invent(base: &str, taken: &[&str]) -> String {
    let mut name = base.to_owned();
    while taken.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_in_enum_values() {
        assert_eq!(camel_ident("Chicago, IL"), "ChicagoIl");
        assert_eq!(camel_ident("RFC 2833"), "Rfc2833");
        assert_eq!(camel_ident("SIP INFO"), "SipInfo");
        assert_eq!(camel_ident("rate-deck"), "RateDeck");
        assert_eq!(camel_ident("by_caller_phone_number"), "ByCallerPhoneNumber");
    }

    #[test]
    fn plus_is_spelled_out_so_values_stay_distinct() {
        assert_eq!(camel_ident("+E.164"), "PlusE164");
        assert_eq!(camel_ident("E.164"), "E164");
        assert_eq!(camel_ident("+E.164-national"), "PlusE164National");
        assert_eq!(camel_ident("rtp+1"), "RtpPlus1");
        assert_eq!(camel_ident("rtcp-mux"), "RtcpMux");
    }

    #[test]
    fn leading_digits_get_a_prefix() {
        assert_eq!(camel_ident("1"), "V1");
        assert_eq!(camel_ident("2"), "V2");
        assert_eq!(snake_ident("1xx"), "_1xx");
        assert_eq!(snake_ident("timeout_1xx"), "timeout_1xx");
    }

    #[test]
    fn brackets_in_query_names_become_words() {
        assert_eq!(snake_ident("page[number]"), "page_number");
        assert_eq!(
            snake_ident("filter[connection_name][contains]"),
            "filter_connection_name_contains"
        );
        assert_eq!(
            snake_ident("filter[outbound.outbound_voice_profile_id]"),
            "filter_outbound_outbound_voice_profile_id"
        );
    }

    #[test]
    fn keywords_become_raw_or_get_an_underscore() {
        assert_eq!(snake_ident("type"), "r#type");
        assert_eq!(snake_ident("ref"), "r#ref");
        assert_eq!(snake_ident("in"), "r#in");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(snake_ident("crate"), "crate_");
        assert_eq!(camel_ident("self"), "Self_");
        assert_eq!(snake_ident("gen"), "r#gen");
    }

    #[test]
    fn empty_and_symbol_only_values_still_get_a_name() {
        assert_eq!(camel_ident(""), "Empty");
        assert_eq!(camel_ident("-"), "Empty");
        assert_eq!(snake_ident("?"), "value");
    }

    #[test]
    fn case_variants_collapse_to_one_identifier() {
        assert_eq!(snake_ident("fooBar"), snake_ident("foo_bar"));
        assert_eq!(camel_ident("fooBar"), camel_ident("foo_bar"));
    }

    #[test]
    fn override_names_are_checked() {
        assert!(is_plain_ident("Conversational"));
        assert!(!is_plain_ident("1abc"));
        assert!(!is_plain_ident("type"));
        assert!(!is_plain_ident("a-b"));
        assert!(!is_plain_ident(""));
    }

    #[test]
    fn invented_names_avoid_taken_ones() {
        assert_eq!(invent("extra", &["id"]), "extra");
        assert_eq!(invent("extra", &["extra", "extra_"]), "extra__");
    }
}
