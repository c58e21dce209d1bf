//! Turning response bodies into typed values, or into a [`Error::Decode`]
//! that says where and why they did not fit.

use serde::de::DeserializeOwned;

use crate::{snippet, Error};

/// Decodes a 2xx body as `T`.
///
/// An empty (or all-whitespace) body decodes as JSON `null`, so operations
/// that answer with nothing can use `()` or an `Option` as their type.
pub(crate) fn decode_success<T: DeserializeOwned, E>(
    status: u16,
    body: &[u8],
) -> Result<T, Error<E>> {
    let json: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        body
    };
    // Decode plainly first: tracking the path costs about half the speed,
    // and only a failure needs it, so a failed body is decoded again with it.
    match serde_json::from_slice(json) {
        Ok(value) => Ok(value),
        Err(_) => Err(decode_with_path::<T, E>(status, body, json)),
    }
}

/// The error of a body that failed to decode, with the path to the field
/// where it failed (or `.` for malformed JSON and trailing bytes).
fn decode_with_path<T: DeserializeOwned, E>(status: u16, body: &[u8], json: &[u8]) -> Error<E> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(error) => decode_error(status, body, &error.path().to_string(), error.inner()),
        // Trailing bytes after the value mean the body is not what we think it is.
        Ok(_) => match deserializer.end() {
            Err(error) => decode_error(status, body, ".", &error),
            Ok(()) => Error::Decode {
                status,
                path: ".".to_owned(),
                message: "the body did not decode".to_owned(),
                snippet: String::new(),
            },
        },
    }
}

/// The client's decoder of a 2xx body, for benchmarks that measure it.
#[doc(hidden)]
pub fn decode_success_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error<()>> {
    decode_success(200, body)
}

/// Decodes a non-2xx body as the API's error envelope, if it is one.
///
/// Servers, proxies and load balancers all send error pages of their own, so
/// a body that does not match is normal and must not hide the status.
pub(crate) fn decode_envelope<E: DeserializeOwned>(body: &str) -> Option<E> {
    serde_json::from_str(body).ok()
}

/// Builds the decode error: serde's message without its position (the
/// snippet shows the place better), and the body around that position.
fn decode_error<E>(status: u16, body: &[u8], path: &str, error: &serde_json::Error) -> Error<E> {
    let text = String::from_utf8_lossy(body);
    let snippet = match snippet::offset_of(&text, error.line(), error.column()) {
        Some(offset) => snippet::around(&text, offset, snippet::MAX_CHARS),
        None => snippet::head(&text, snippet::MAX_CHARS),
    };
    Error::Decode {
        status,
        path: path.to_owned(),
        message: message_without_position(error),
        snippet,
    }
}

/// serde_json appends " at line L column C" to every positioned message.
fn message_without_position(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    match full.strip_suffix(&suffix) {
        Some(message) => message.to_owned(),
        None => full,
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // Only decoded, to see where decoding fails.
    struct Envelope {
        data: Data,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Data {
        inbound: Inbound,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Inbound {
        channel_limit: i64,
    }

    fn decode_failure(body: &str) -> (String, String, String) {
        match decode_success::<Envelope, ()>(200, body.as_bytes()) {
            Err(Error::Decode {
                path,
                message,
                snippet,
                status,
            }) => {
                assert_eq!(status, 200);
                (path, message, snippet)
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn reports_the_path_and_a_clean_message() {
        let (path, message, snippet) =
            decode_failure(r#"{"data":{"inbound":{"channel_limit":"ten"}}}"#);
        assert_eq!(path, "data.inbound.channel_limit");
        assert_eq!(message, r#"invalid type: string "ten", expected i64"#);
        assert!(snippet.contains(r#""channel_limit":"ten""#), "{snippet}");
    }

    #[test]
    fn snippet_is_short_and_centred_in_a_long_body() {
        let padding = format!("\"pad\":\"{}\",", "p".repeat(2000));
        let body = format!(
            "{{\"data\":{{{padding}\n\"inbound\":{{\"channel_limit\":true}}}}, \"tail\":\"{}\"}}",
            "t".repeat(2000)
        );
        let (path, _, snippet) = decode_failure(&body);
        assert_eq!(path, "data.inbound.channel_limit");
        assert!(snippet.chars().count() <= 202, "{}", snippet.len());
        assert!(snippet.contains("\"channel_limit\":true"), "{snippet}");
        assert!(snippet.starts_with('…') && snippet.ends_with('…'));
    }

    #[test]
    fn trailing_garbage_is_a_decode_error() {
        let result = decode_success::<i64, ()>(200, b"1 2");
        assert!(matches!(result, Err(Error::Decode { path, .. }) if path == "."));
    }

    #[test]
    fn malformed_json_is_a_decode_error() {
        let (path, message, snippet) = decode_failure("<html>bad gateway</html>");
        assert_eq!(path, ".");
        assert!(message.starts_with("expected value"), "{message}");
        assert!(snippet.contains("<html>"), "{snippet}");
    }

    #[test]
    fn empty_body_decodes_as_null() {
        assert!(matches!(decode_success::<(), ()>(204, b""), Ok(())));
        assert!(matches!(
            decode_success::<Option<i64>, ()>(200, b"  \n"),
            Ok(None)
        ));
    }

    #[test]
    fn envelope_decodes_or_gives_none() {
        assert_eq!(decode_envelope::<i64>("5"), Some(5));
        assert_eq!(decode_envelope::<i64>("<html>"), None);
    }
}
