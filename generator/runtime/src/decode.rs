//! Turning response bodies into typed values, or into a [`ErrorKind::Decode`]
//! that says where and why they did not fit.

use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::error::redact_message;
use crate::{Error, ErrorKind};

/// Decodes a 2xx body as `T`.
///
/// An empty (or all-whitespace) body decodes as JSON `null`, so operations
/// that answer with nothing can use `()` or an `Option` as their type.
///
/// The body is decoded plainly first, which is as fast as serde_json goes;
/// only when that fails is it decoded again through `serde_path_to_error`
/// to find the path of the failing field, since tracking the path on every
/// decode costs about twice the time. Failure is the rare case, and serde's
/// decoding is deterministic, so the second pass fails at the same place.
///
/// The plain pass reads the body as text checked for UTF-8 once, up front:
/// reading bytes, serde_json checks every string it meets on its own, which
/// for an object-heavy body (short strings) is about a fifth of all decode
/// work; one SIMD pass over the whole body costs a fraction of that. A body
/// that is not UTF-8 is read as bytes, so its error is the one serde_json
/// gives for bytes, with its position.
pub(crate) fn decode_success<T: DeserializeOwned, E>(
    status: u16,
    body: &Bytes,
) -> Result<T, Error<E>> {
    let json: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        body
    };
    let plain = match simdutf8::basic::from_utf8(json) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(json),
    };
    plain.map_err(|plain| locate_failure::<T, E>(status, body, json, &plain))
}

/// Decodes `json` again with path tracking, to say where it failed.
fn locate_failure<T: DeserializeOwned, E>(
    status: u16,
    body: &Bytes,
    json: &[u8],
    plain: &serde_json::Error,
) -> Error<E> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(error) => decode_error(status, body, &error.path().to_string(), error.inner()),
        // Trailing bytes after the value mean the body is not what we think it is.
        Ok(_) => match deserializer.end() {
            Err(error) => decode_error(status, body, ".", &error),
            Ok(()) => decode_error(status, body, ".", plain),
        },
    }
}

/// Decodes a non-2xx body as the API's error envelope, if it is one.
///
/// Servers, proxies and load balancers all send error pages of their own, so
/// a body that does not match is normal and must not hide the status.
pub(crate) fn decode_envelope<E: DeserializeOwned>(body: &[u8]) -> Option<E> {
    serde_json::from_slice(body).ok()
}

/// Builds the decode error: serde's message without its position and with
/// the values it quotes redacted, the body (shared, not copied) and the
/// offset of the failure in it.
fn decode_error<E>(status: u16, body: &Bytes, path: &str, error: &serde_json::Error) -> Error<E> {
    Error::from(ErrorKind::Decode {
        status,
        path: path.to_owned(),
        message: redact_message(&message_without_position(error)),
        body: body.clone(),
        offset: offset_of(body, error.line(), error.column()),
    })
}

/// The byte offset in `body` of 1-based `line` and 1-based byte `column`, as
/// serde_json reports them; `None` when serde_json gave no position (line 0).
fn offset_of(body: &[u8], line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let line_start = if line == 1 {
        0
    } else {
        body.iter()
            .enumerate()
            .filter(|(_, byte)| **byte == b'\n')
            .nth(line - 2)
            .map(|(index, _)| index + 1)?
    };
    // serde_json reports the column just past the byte it choked on; pointing
    // at that byte itself centres the excerpt on the culprit.
    Some(line_start + column.saturating_sub(1))
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

/// The client's decoder of a 2xx body, for benchmarks that measure it. It
/// takes the body as the client holds it (`Bytes`, as reqwest hands it
/// over), so that a benchmark does not time a copy the client never makes.
#[doc(hidden)]
pub fn decode_success_body<T: DeserializeOwned>(body: &Bytes) -> Result<T, Error<()>> {
    decode_success(200, body)
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
        let bytes = Bytes::from(body.to_owned());
        let error = decode_success::<Envelope, ()>(200, &bytes).unwrap_err();
        let excerpt = error.body_excerpt().unwrap();
        match error.into_kind() {
            ErrorKind::Decode {
                path,
                message,
                status,
                body,
                ..
            } => {
                assert_eq!(status, 200);
                assert_eq!(body, bytes);
                (path, message, excerpt)
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn reports_the_path_and_a_clean_message() {
        let (path, message, snippet) =
            decode_failure(r#"{"data":{"inbound":{"channel_limit":"ten"}}}"#);
        assert_eq!(path, "data.inbound.channel_limit");
        assert_eq!(message, "invalid type: string [redacted], expected i64");
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
        let result = decode_success::<i64, ()>(200, &Bytes::from_static(b"1 2"));
        assert!(
            matches!(result.map_err(Error::into_kind), Err(ErrorKind::Decode { path, .. }) if path == ".")
        );
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
        assert!(matches!(
            decode_success::<(), ()>(204, &Bytes::new()),
            Ok(())
        ));
        assert!(matches!(
            decode_success::<Option<i64>, ()>(200, &Bytes::from_static(b"  \n")),
            Ok(None)
        ));
    }

    #[test]
    fn a_good_body_decodes_without_the_path_pass() {
        let body = Bytes::from_static(br#"{"data":{"inbound":{"channel_limit":4}}}"#);
        let value = decode_success::<Envelope, ()>(200, &body).unwrap();
        assert_eq!(value.data.inbound.channel_limit, 4);
    }

    #[derive(Debug, Deserialize)]
    struct Named {
        name: String,
    }

    #[test]
    fn a_body_that_is_not_utf8_is_a_decode_error_with_its_path() {
        let mut body = br#"{"name":"caf"#.to_vec();
        body.extend_from_slice(b"\xff\"}");
        match decode_success::<Named, ()>(200, &Bytes::from(body)).map_err(Error::into_kind) {
            Err(ErrorKind::Decode { path, message, .. }) => {
                assert_eq!(path, "name");
                assert!(message.contains("unicode"), "{message}");
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn not_utf8_where_nothing_reads_it_decodes_as_before() {
        // Bytes read as bytes: serde_json skips an unread string unchecked.
        let mut body = br#"{"name":"x","other":"caf"#.to_vec();
        body.extend_from_slice(b"\xff\"}");
        let value = decode_success::<Named, ()>(200, &Bytes::from(body)).unwrap();
        assert_eq!(value.name, "x");
    }

    #[test]
    fn non_ascii_text_decodes_through_the_text_pass() {
        let body = Bytes::from("{\"name\":\"Zürich – 東京\"}".as_bytes().to_vec());
        let value = decode_success::<Named, ()>(200, &body).unwrap();
        assert_eq!(value.name, "Zürich – 東京");
    }

    #[test]
    fn offsets_point_into_the_body() {
        let body = b"ab\ncd\nef";
        assert_eq!(offset_of(body, 1, 2), Some(1));
        assert_eq!(offset_of(body, 3, 1), Some(6));
        assert_eq!(offset_of(body, 0, 0), None);
        assert_eq!(offset_of(body, 9, 1), None);
    }

    #[test]
    fn envelope_decodes_or_gives_none() {
        assert_eq!(decode_envelope::<i64>(b"5"), Some(5));
        assert_eq!(decode_envelope::<i64>(b"<html>"), None);
    }
}
