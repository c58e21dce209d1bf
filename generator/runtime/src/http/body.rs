//! Reading response bodies with a bound, so a hostile or broken server
//! cannot make the client hold more than it allows.

use bytes::{Bytes, BytesMut};

/// The default limit on a 2xx body: 32 MiB. The largest documented page of
/// the largest resource is well under 1 MiB (250 items of a few KiB each),
/// so this leaves room many times over and still bounds a hostile answer.
pub(crate) const DEFAULT_MAX_BODY_BYTES: u64 = 32 * 1024 * 1024;

/// The default limit on a non-2xx body that is kept in an error: 64 KiB,
/// far more than any error envelope, little enough to keep in a log.
pub(crate) const DEFAULT_MAX_ERROR_BODY_BYTES: usize = 64 * 1024;

/// Why a body could not be read whole.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// The body (or its announced `Content-Length`) is over the limit.
    TooLarge,
    /// The connection failed while reading.
    Read(reqwest::Error),
}

/// Reads the whole body, failing as soon as it is known to be longer than
/// `limit`: from `Content-Length` before any of it is read, or else while it
/// streams in, so at most `limit` bytes (plus one chunk) are ever held.
pub(crate) async fn read_limited(
    mut response: reqwest::Response,
    limit: u64,
) -> Result<Bytes, ReadError> {
    let announced = response.content_length();
    if announced.is_some_and(|length| length > limit) {
        return Err(ReadError::TooLarge);
    }
    // Within the limit by now, so the allocation is bounded too.
    let capacity = announced.and_then(|length| usize::try_from(length).ok());
    let mut body = BytesMut::with_capacity(capacity.unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Read)? {
        let total = u64::try_from(body.len() + chunk.len()).unwrap_or(u64::MAX);
        if total > limit {
            return Err(ReadError::TooLarge);
        }
        if body.is_empty() && announced.is_none() {
            // A body that arrives in one chunk is kept as that chunk, uncopied.
            body = BytesMut::from(chunk);
        } else {
            body.extend_from_slice(&chunk);
        }
    }
    Ok(body.freeze())
}

/// Reads at most `limit` bytes of the body and says whether there was more;
/// the rest is never read (the connection is dropped instead). A connection
/// that fails midway keeps what arrived: for an error response the status
/// is the news, and "connection reset" would hide it.
pub(crate) async fn read_prefix(mut response: reqwest::Response, limit: usize) -> (Bytes, bool) {
    let mut body = BytesMut::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = limit - body.len();
                if chunk.len() > room {
                    body.extend_from_slice(&chunk[..room]);
                    return (body.freeze(), true);
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) | Err(_) => return (body.freeze(), false),
        }
    }
}
