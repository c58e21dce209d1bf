//! What the client does with a 3xx answer.
//!
//! reqwest's own redirect handling is turned off: it would send headers
//! such as `x-api-token` (it strips only `Authorization` and cookies) and a
//! `POST` body to whatever origin a server names, and turn a `POST` into a
//! `GET` on 302/303. Instead the client follows a redirect only when doing
//! so sends exactly the same request to the same origin again.

use reqwest::header::LOCATION;
use reqwest::{Method, StatusCode, Url};

use super::url::{same_origin, shown_url};

/// How many same-origin redirects one attempt follows before giving up.
pub(crate) const MAX_REDIRECTS: u32 = 5;

/// What to do with a response.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Redirect {
    /// Not a redirect: hand the response on.
    None,
    /// Send the same request again, to this URL of the same origin.
    Follow(Url),
    /// A redirect the client must not follow; the shown target, if any.
    Refuse(Option<String>),
}

/// Decides about `response` to `method` at `current`, for a request whose
/// configured origin is that of `origin`.
///
/// Followed: 301, 302, 303, 307 and 308 for `GET` and `HEAD` (which stay
/// what they are), and 307 and 308 for `PUT`, `DELETE` and `OPTIONS`
/// (which keep their method and body by definition of those statuses), when
/// the target has the origin of the configured base URL. Anything else that
/// is a redirect is refused: another origin, `POST` or `PATCH` (a repeat
/// could take effect twice, and 301/302/303 would turn them into a `GET`
/// whose answer would pass for the creation's), a missing or bad `Location`.
pub(crate) fn decide(
    method: &Method,
    status: StatusCode,
    headers: &reqwest::header::HeaderMap,
    current: &Url,
    origin: &Url,
) -> Redirect {
    let keeps_method_and_body = matches!(status.as_u16(), 307 | 308);
    if !matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
        return Redirect::None;
    }
    let target = headers
        .get(LOCATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|location| current.join(location).ok());
    let Some(target) = target else {
        return Redirect::Refuse(None);
    };
    let repeatable = match *method {
        Method::GET | Method::HEAD => true,
        Method::PUT | Method::DELETE | Method::OPTIONS => keeps_method_and_body,
        _ => false,
    };
    if repeatable && same_origin(&target, origin) {
        Redirect::Follow(target)
    } else {
        Redirect::Refuse(Some(shown_url(&target)))
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::{HeaderMap, HeaderValue};

    use super::*;

    fn decide_for(method: Method, status: u16, location: Option<&'static str>) -> Redirect {
        let mut headers = HeaderMap::new();
        if let Some(location) = location {
            headers.insert(LOCATION, HeaderValue::from_static(location));
        }
        let current = Url::parse("https://api.example.com/v2/ips/1").unwrap();
        let origin = Url::parse("https://api.example.com/v2/ips/1").unwrap();
        decide(
            &method,
            StatusCode::from_u16(status).unwrap(),
            &headers,
            &current,
            &origin,
        )
    }

    #[test]
    fn same_origin_get_redirects_are_followed() {
        for status in [301, 302, 303, 307, 308] {
            assert_eq!(
                decide_for(Method::GET, status, Some("/v2/ips/2")),
                Redirect::Follow(Url::parse("https://api.example.com/v2/ips/2").unwrap()),
                "{status}"
            );
        }
    }

    #[test]
    fn other_origins_are_refused_with_a_clean_target() {
        for location in [
            "https://evil.example/x?token=t",
            "http://api.example.com/v2",
            "https://api.example.com:8443/v2",
            "//evil.example/x",
        ] {
            let decision = decide_for(Method::GET, 307, Some(location));
            let Redirect::Refuse(Some(shown)) = decision else {
                panic!("{location}: {decision:?}");
            };
            assert!(!shown.contains("token"), "{shown}");
        }
    }

    #[test]
    fn posts_are_never_redirected_and_puts_only_keeping_their_method() {
        for status in [301, 302, 303, 307, 308] {
            let decision = decide_for(Method::POST, status, Some("/v2/ips"));
            assert!(matches!(decision, Redirect::Refuse(_)), "{status}");
            assert!(matches!(
                decide_for(Method::PATCH, status, Some("/v2/ips")),
                Redirect::Refuse(_)
            ));
        }
        assert!(matches!(
            decide_for(Method::PUT, 303, Some("/v2/x")),
            Redirect::Refuse(_)
        ));
        assert!(matches!(
            decide_for(Method::DELETE, 308, Some("/v2/x")),
            Redirect::Follow(_)
        ));
    }

    #[test]
    fn other_statuses_and_missing_locations() {
        assert_eq!(decide_for(Method::GET, 200, None), Redirect::None);
        assert_eq!(decide_for(Method::GET, 304, Some("/x")), Redirect::None);
        assert_eq!(decide_for(Method::GET, 302, None), Redirect::Refuse(None));
    }
}
