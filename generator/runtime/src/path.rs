//! Percent-encoding of values placed in a URL path.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986 "unreserved" characters. Encoding `/`, `?` and `#`
/// is what keeps a value inside its own segment; encoding the rest too costs
/// nothing and leaves no room for a server to read them differently.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes `value` so it stays a single URL path segment.
///
/// Everything except `A-Z a-z 0-9 - . _ ~` is encoded (non-ASCII as its UTF-8
/// bytes). A dot is normally left alone, but a segment that is exactly `.` or
/// `..` is encoded in full, because otherwise the URL would be normalized and
/// the request would reach a different path than the one the caller named.
///
/// ```
/// use telnyx_codegen_runtime::encode_path_segment;
///
/// assert_eq!(encode_path_segment("a/b c"), "a%2Fb%20c");
/// assert_eq!(encode_path_segment(".."), "%2E%2E");
/// assert_eq!(encode_path_segment("v1.2"), "v1.2");
/// ```
pub fn encode_path_segment(value: &str) -> String {
    match value {
        "." => String::from("%2E"),
        ".." => String::from("%2E%2E"),
        _ => utf8_percent_encode(value, SEGMENT).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::encode_path_segment;

    #[test]
    fn unreserved_characters_stay() {
        let value = "AZaz09-._~";
        assert_eq!(encode_path_segment(value), value);
    }

    #[test]
    fn separators_and_spaces_are_encoded() {
        assert_eq!(encode_path_segment("a/b c"), "a%2Fb%20c");
        assert_eq!(encode_path_segment("?#%&=+"), "%3F%23%25%26%3D%2B");
        assert_eq!(encode_path_segment("+15551234567"), "%2B15551234567");
    }

    #[test]
    fn non_ascii_is_encoded_as_utf8() {
        assert_eq!(encode_path_segment("é"), "%C3%A9");
    }

    #[test]
    fn dot_segments_cannot_traverse() {
        assert_eq!(encode_path_segment("."), "%2E");
        assert_eq!(encode_path_segment(".."), "%2E%2E");
        assert_eq!(encode_path_segment("../x"), "..%2Fx");
        assert_eq!(encode_path_segment("..."), "...");
    }

    #[test]
    fn empty_stays_empty() {
        assert_eq!(encode_path_segment(""), "");
    }
}
