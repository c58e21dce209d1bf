//! Query strings: an ordered list of pairs and the traits that fill it.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::UnknownValue;

/// Encoded in values: everything but RFC 3986 "unreserved" characters, so
/// `&`, `=`, `+`, `#`, `%`, spaces and non-ASCII can never change how the
/// query splits or what it decodes to.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encoded in keys: the same, except that `[` and `]` stay literal. APIs with
/// JSON:API style keys (`page[number]`, `filter[tag][eq]`) document and log
/// them that way, and every server decodes both forms alike, so the readable
/// form wins.
const KEY: &AsciiSet = &VALUE.remove(b'[').remove(b']');

/// Query parameters as an ordered list of `(key, value)` pairs.
///
/// Order is kept and keys may repeat (`tag=a&tag=b`), because that is how
/// array parameters travel.
///
/// ```
/// use telnyx_codegen_runtime::__private_v1::Query;
///
/// let mut query = Query::new();
/// query.push("page[number]", &2);
/// query.push("filter[name]", "a&b c");
/// assert_eq!(query.to_query_string(), "page[number]=2&filter[name]=a%26b%20c");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends one pair; `value` is turned into text by [`QueryValue`].
    ///
    /// Takes `&V` with `V: ?Sized` rather than `&impl QueryValue` so that
    /// string slices (`"x"`, `name.as_str()`) can be passed directly.
    pub fn push<V: QueryValue + ?Sized>(&mut self, key: &str, value: &V) {
        self.pairs.push((key.to_owned(), value.to_query_value()));
    }

    /// Whether no pair has been pushed.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The pairs, unencoded, in the order they were pushed.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The pairs percent-encoded and joined as `k=v&k=v`, without a leading `?`.
    ///
    /// Spaces become `%20` (not `+`, which some servers keep as a plus), and
    /// `[`/`]` stay literal in keys; see the module's encoding sets for why.
    pub fn to_query_string(&self) -> String {
        let mut out = String::new();
        for (key, value) in &self.pairs {
            if !out.is_empty() {
                out.push('&');
            }
            out.extend(utf8_percent_encode(key, KEY));
            out.push('=');
            out.extend(utf8_percent_encode(value, VALUE));
        }
        out
    }
}

/// A value that can be written into a query string.
pub trait QueryValue {
    /// The value as unencoded text; [`Query::to_query_string`] encodes it.
    fn to_query_value(&self) -> String;
}

/// Numbers print as Rust formats them, which is the plain decimal form the
/// server parses (no thousands separators, `.` as the decimal point).
macro_rules! query_value_by_display {
    ($($ty:ty),* $(,)?) => {
        $(
            impl QueryValue for $ty {
                fn to_query_value(&self) -> String {
                    self.to_string()
                }
            }
        )*
    };
}

query_value_by_display!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64, bool, str, String);

/// An open enum's value: the listed value's text, or the unknown value's.
/// (A blanket impl, so that the derive writes none; it is why there is no
/// `impl QueryValue for &T`, which would overlap it.)
impl<T: crate::model::EnumDecode> QueryValue for T {
    fn to_query_value(&self) -> String {
        crate::model::enum_query_value(self)
    }
}

impl QueryValue for UnknownValue {
    /// A string value goes as its text; anything else as its JSON text, the
    /// closest thing to what the server sent.
    fn to_query_value(&self) -> String {
        self.to_string()
    }
}

/// A set of query parameters that knows how to write itself into a [`Query`].
///
/// Generated query-parameter structs implement it, skipping `None` fields and
/// pushing one pair per element of an array parameter.
pub trait ToQuery {
    /// Appends this value's parameters to `query`.
    fn append_to(&self, query: &mut Query);
}

impl<T: ToQuery + ?Sized> ToQuery for &T {
    fn append_to(&self, query: &mut Query) {
        (**self).append_to(query);
    }
}

/// A ready-made [`Query`] can stand in for a generated struct.
impl ToQuery for Query {
    fn append_to(&self, query: &mut Query) {
        query.pairs.extend(self.pairs.iter().cloned());
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn brackets_stay_literal_in_keys() {
        let mut query = Query::new();
        query.push("page[number]", &2);
        query.push("page[size]", &20);
        assert_eq!(query.to_query_string(), "page[number]=2&page[size]=20");
    }

    #[test]
    fn brackets_are_encoded_in_values() {
        let mut query = Query::new();
        query.push("q", "[x]");
        assert_eq!(query.to_query_string(), "q=%5Bx%5D");
    }

    #[test]
    fn reserved_characters_are_encoded() {
        let mut query = Query::new();
        query.push("a b&c", "x y&z=w+v#u%t");
        assert_eq!(
            query.to_query_string(),
            "a%20b%26c=x%20y%26z%3Dw%2Bv%23u%25t"
        );
    }

    #[test]
    fn non_ascii_is_encoded_as_utf8() {
        let mut query = Query::new();
        query.push("name", "café");
        assert_eq!(query.to_query_string(), "name=caf%C3%A9");
    }

    #[test]
    fn order_and_repeats_are_kept() {
        let mut query = Query::new();
        query.push("tag", "b");
        query.push("tag", "a");
        query.push("first", &true);
        assert_eq!(query.to_query_string(), "tag=b&tag=a&first=true");
        assert_eq!(query.pairs()[0], (String::from("tag"), String::from("b")));
    }

    #[test]
    fn empty_query_gives_empty_string() {
        let query = Query::new();
        assert!(query.is_empty());
        assert_eq!(query.to_query_string(), "");
    }

    #[test]
    fn values_format_plainly() {
        assert_eq!(42_i64.to_query_value(), "42");
        assert_eq!((-1_i32).to_query_value(), "-1");
        assert_eq!(7_u32.to_query_value(), "7");
        assert_eq!(u64::MAX.to_query_value(), "18446744073709551615");
        assert_eq!(0.5_f64.to_query_value(), "0.5");
        assert_eq!(false.to_query_value(), "false");
        assert_eq!(String::from("s").to_query_value(), "s");
        assert_eq!("s".to_query_value(), "s");
    }

    #[test]
    fn unknown_values_use_their_text() {
        assert_eq!(UnknownValue::new(json!("new")).to_query_value(), "new");
        assert_eq!(UnknownValue::new(json!(3)).to_query_value(), "3");
    }

    struct Page {
        number: Option<i64>,
        tags: Vec<String>,
    }

    impl ToQuery for Page {
        fn append_to(&self, query: &mut Query) {
            if let Some(number) = &self.number {
                query.push("page[number]", number);
            }
            for tag in &self.tags {
                query.push("tag", tag);
            }
        }
    }

    #[test]
    fn to_query_appends_in_order() {
        let mut query = Query::new();
        query.push("first", "1");
        let page = Page {
            number: Some(3),
            tags: vec![String::from("a"), String::from("b")],
        };
        // Through a reference, as generated code passes `&params`.
        fn append(params: impl ToQuery, query: &mut Query) {
            params.append_to(query);
        }
        append(&page, &mut query);
        assert_eq!(
            query.to_query_string(),
            "first=1&page[number]=3&tag=a&tag=b"
        );
    }

    #[test]
    fn a_query_is_itself_to_query() {
        let mut source = Query::new();
        source.push("k", "v");
        let mut target = Query::new();
        source.append_to(&mut target);
        assert_eq!(target, source);
    }
}
