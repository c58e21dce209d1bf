//! Filling in path templates: percent-encoding values placed in a URL path,
//! and refusing empty ones.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::Error;

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
/// use telnyx_codegen_runtime::__private_v1::encode_path_segment;
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

/// A path template could not be filled in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PathError {
    /// A parameter's value is empty, so the path would name another
    /// resource (`/ips/` for `/ips/{id}`) or none.
    #[error(
        "the path parameter `{name}` of {template} is empty; it would address another resource"
    )]
    Empty {
        /// The parameter, as the template names it.
        name: &'static str,
        /// The template.
        template: &'static str,
    },
    /// The template names a parameter no value was given for.
    #[error("the path {template} names the parameter `{name}`, which was not given")]
    Missing {
        /// The parameter, as the template names it.
        name: &'static str,
        /// The template.
        template: &'static str,
    },
}

impl<E> From<PathError> for Error<E> {
    /// A bad path is the caller's mistake, found before anything is sent.
    fn from(error: PathError) -> Self {
        crate::ErrorKind::InvalidRequest {
            message: error.to_string(),
        }
        .into()
    }
}

/// Fills in `template` (such as `"/credential_connections/{id}/actions/check"`)
/// with `params`, each value [percent-encoded](encode_path_segment) so it
/// stays one segment, refusing an empty value before anything is sent.
///
/// Text outside `{…}` is copied as it is; a `{` without a closing `}` is
/// text too.
///
/// ```
/// use telnyx_codegen_runtime::__private_v1::{fill_path, PathError};
///
/// assert_eq!(
///     fill_path("/ips/{id}", &[("id", "a/b")]).unwrap(),
///     "/ips/a%2Fb"
/// );
/// assert_eq!(
///     fill_path("/ips/{id}", &[("id", "")]),
///     Err(PathError::Empty { name: "id", template: "/ips/{id}" })
/// );
/// ```
///
/// # Errors
///
/// [`PathError::Empty`] for an empty value, [`PathError::Missing`] for a
/// placeholder without one. Both convert into [`ErrorKind::InvalidRequest`](crate::ErrorKind::InvalidRequest) with
/// `?`.
pub fn fill_path(
    template: &'static str,
    params: &[(&'static str, &str)],
) -> Result<String, PathError> {
    let mut path = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some((before, name, after)) = next_placeholder(rest) {
        path.push_str(before);
        let value = params
            .iter()
            .find(|(param, _)| *param == name)
            .map(|(_, value)| *value)
            .ok_or(PathError::Missing { name, template })?;
        if value.is_empty() {
            return Err(PathError::Empty { name, template });
        }
        path.push_str(&encode_path_segment(value));
        rest = after;
    }
    path.push_str(rest);
    Ok(path)
}

/// Splits `text` at its first `{name}`: the text before, the name, the rest.
fn next_placeholder(text: &'static str) -> Option<(&'static str, &'static str, &'static str)> {
    let open = text.find('{')?;
    let close = open + text[open..].find('}')?;
    Some((&text[..open], &text[open + 1..close], &text[close + 1..]))
}

/// The first parameter of `template` that is empty in `path`, the template
/// filled in: a `{name}` segment whose segment in `path` is empty. `None`
/// when there is none, or when the two do not have the same segments (a
/// value with an unencoded `/`), which this check cannot line up.
pub(crate) fn empty_parameter(template: &'static str, path: &str) -> Option<&'static str> {
    if template.split('/').count() != path.split('/').count() {
        return None;
    }
    template
        .split('/')
        .zip(path.split('/'))
        .find(|(pattern, segment)| segment.is_empty() && next_placeholder(pattern).is_some())
        .and_then(|(pattern, _)| next_placeholder(pattern).map(|(_, name, _)| name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_path_encodes_every_parameter() {
        assert_eq!(
            fill_path(
                "/credential_connections/{id}/actions/{action}",
                &[("action", "check status"), ("id", "a/../b")]
            ),
            Ok(String::from(
                "/credential_connections/a%2F..%2Fb/actions/check%20status"
            ))
        );
        assert_eq!(fill_path("/ips", &[]), Ok(String::from("/ips")));
        assert_eq!(fill_path("/a/{b", &[]), Ok(String::from("/a/{b")));
    }

    #[test]
    fn fill_path_refuses_empty_and_missing_values() {
        let template = "/credential_connections/{id}/actions/check_registration_status";
        let error = fill_path(template, &[("id", "")]).unwrap_err();
        assert_eq!(
            error,
            PathError::Empty {
                name: "id",
                template
            }
        );
        let message = Error::<()>::from(error).to_string();
        assert!(
            message.contains("`id`") && message.contains("empty"),
            "{message}"
        );
        assert_eq!(
            fill_path("/ips/{id}", &[("other", "x")]),
            Err(PathError::Missing {
                name: "id",
                template: "/ips/{id}"
            })
        );
    }

    #[test]
    fn empty_parameters_are_found_in_filled_paths() {
        assert_eq!(empty_parameter("/ips/{id}", "/ips/"), Some("id"));
        assert_eq!(
            empty_parameter("/c/{id}/actions/check", "/c//actions/check"),
            Some("id")
        );
        assert_eq!(empty_parameter("/ips/{id}", "/ips/x"), None);
        assert_eq!(empty_parameter("/ips", "/ips"), None);
        // Not lined up: no verdict rather than a wrong one.
        assert_eq!(empty_parameter("/ips/{id}", "/ips/a/b"), None);
    }

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
