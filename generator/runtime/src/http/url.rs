//! Which URLs the client will send credentials to, and how URLs are shown.

use std::net::IpAddr;

use reqwest::Url;

use super::BuildError;

/// Checks a base URL before a client is built around it: it must parse, it
/// must not carry userinfo (`user:pass@`), and plain `http://` is accepted
/// only for a loopback host (`localhost`, `127.0.0.0/8`, `::1`) unless
/// `allow_insecure_http` is set, because every request carries credentials
/// that would then cross the network in cleartext.
///
/// Generated client builders call this for each base URL; the error never
/// repeats a password given in the URL.
///
/// ```
/// use telnyx_codegen_runtime::__private_v1::check_base_url;
///
/// assert!(check_base_url("https://api.example.com/v2", false).is_ok());
/// assert!(check_base_url("http://127.0.0.1:8080", false).is_ok());
/// assert!(check_base_url("http://api.example.com", false).is_err());
/// assert!(check_base_url("http://api.example.com", true).is_ok());
/// assert!(check_base_url("https://user:pw@api.example.com", true).is_err());
/// ```
///
/// # Errors
///
/// [`BuildError::InvalidBaseUrl`] when the URL does not parse, has another
/// scheme or has userinfo, and [`BuildError::InsecureBaseUrl`] for plain
/// HTTP to a remote host without the opt-in.
pub fn check_base_url(url: &str, allow_insecure_http: bool) -> Result<(), BuildError> {
    let invalid = |reason: &str| BuildError::InvalidBaseUrl {
        url: redact_url(url),
        reason: reason.to_owned(),
    };
    let parsed = Url::parse(url).map_err(|error| invalid(&error.to_string()))?;
    match check_url(&parsed, allow_insecure_http) {
        Ok(()) => Ok(()),
        Err(UrlProblem::Insecure) => Err(BuildError::InsecureBaseUrl {
            host: parsed.host_str().unwrap_or_default().to_owned(),
        }),
        Err(problem) => Err(invalid(problem.reason())),
    }
}

/// What is wrong with a URL the client was asked to send to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlProblem {
    /// `user:pass@` in the authority.
    Userinfo,
    /// Plain HTTP to a host that is not loopback, without the opt-in.
    Insecure,
    /// Neither `https` nor `http`, or no host.
    Scheme,
}

impl UrlProblem {
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Self::Userinfo => "a base URL must not carry a user name or password; configure credentials on the client instead",
            Self::Insecure => "plain http:// to a host that is not loopback would send credentials in cleartext; use https://, or opt in with `allow_insecure_http`",
            Self::Scheme => "only https:// (and http:// to loopback, or with the opt-in) URLs with a host are supported",
        }
    }
}

/// The checks of [`check_base_url`] on a parsed URL, also run before every
/// request is sent, so a client whose builder skipped them is covered too.
pub(crate) fn check_url(url: &Url, allow_insecure_http: bool) -> Result<(), UrlProblem> {
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UrlProblem::Userinfo);
    }
    match url.scheme() {
        "https" if url.host().is_some() => Ok(()),
        "http" if allow_insecure_http || is_loopback(url) => Ok(()),
        "http" if url.host().is_some() => Err(UrlProblem::Insecure),
        _ => Err(UrlProblem::Scheme),
    }
}

/// Whether the URL's host is this machine: `localhost` (and `*.localhost`,
/// which RFC 6761 reserves for it) or a loopback address.
fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    // IPv6 hosts come bracketed, as they are written in a URL.
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(address) => address.is_loopback(),
        Err(_) => {
            let name = host.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
    }
}

/// `url` with any userinfo replaced by `[redacted]`, for messages and
/// `Debug`; works on text that does not parse as a URL too.
pub(crate) fn redact_url(url: &str) -> String {
    // Without a scheme, the text up to the first `/` stands for the authority.
    let scheme_end = url.find("://").map_or(0, |at| at + 3);
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{}[redacted]@{}", &url[..scheme_end], &rest[at + 1..]),
        None => url.to_owned(),
    }
}

/// `url` as an error may show it: scheme, host, port and path, without
/// userinfo, query or fragment (a redirect target can carry a signed token).
pub(crate) fn shown_url(url: &Url) -> String {
    let mut shown = url.clone();
    // Only fails for URLs that cannot have userinfo, which then have none.
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.set_query(None);
    shown.set_fragment(None);
    shown.to_string()
}

/// Whether two URLs share an origin: scheme, host and port (the default port
/// of the scheme when none is written).
pub(crate) fn same_origin(a: &Url, b: &Url) -> bool {
    a.origin() == b.origin()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(url: &str, allow: bool) -> Result<(), UrlProblem> {
        check_url(&Url::parse(url).unwrap(), allow)
    }

    #[test]
    fn https_is_always_fine() {
        assert_eq!(problem("https://api.example.com/v2", false), Ok(()));
    }

    #[test]
    fn plain_http_needs_loopback_or_the_opt_in() {
        for url in [
            "http://127.0.0.1:9000",
            "http://127.8.0.1",
            "http://[::1]:80/x",
            "http://localhost:8080",
            "http://LOCALHOST.",
            "http://api.localhost",
        ] {
            assert_eq!(problem(url, false), Ok(()), "{url}");
        }
        for url in [
            "http://api.example.com",
            "http://10.0.0.1",
            "http://localhost.example.com",
            "http://[::2]",
            "http://0.0.0.0",
        ] {
            assert_eq!(problem(url, false), Err(UrlProblem::Insecure), "{url}");
            assert_eq!(problem(url, true), Ok(()), "{url}");
        }
    }

    #[test]
    fn userinfo_is_refused_even_with_the_opt_in() {
        for url in ["https://u:p@h", "https://u@h", "http://:p@127.0.0.1"] {
            assert_eq!(problem(url, true), Err(UrlProblem::Userinfo), "{url}");
        }
    }

    #[test]
    fn other_schemes_are_refused() {
        for url in ["ftp://h", "file:///etc/passwd", "unix:/run/x"] {
            assert_eq!(problem(url, true), Err(UrlProblem::Scheme), "{url}");
        }
    }

    #[test]
    fn build_errors_explain_without_the_password() {
        let error = check_base_url("http://api.example.com/v2", false).unwrap_err();
        let shown = error.to_string();
        assert!(shown.contains("api.example.com"), "{shown}");
        assert!(shown.contains("allow_insecure_http"), "{shown}");
        assert!(shown.contains("cleartext"), "{shown}");
        for url in [
            "https://user:SECRET@h/v2",
            "not a url SECRET@",
            "http://u:SECRET@[bad",
        ] {
            let error = check_base_url(url, true).unwrap_err();
            let shown = format!("{error} {error:?}");
            assert!(!shown.contains("SECRET"), "{shown}");
        }
    }

    #[test]
    fn redaction_covers_only_the_authority() {
        assert_eq!(
            redact_url("https://u:p@h/x?a@b"),
            "https://[redacted]@h/x?a@b"
        );
        assert_eq!(redact_url("https://h/x@y"), "https://h/x@y");
        assert_eq!(redact_url("no scheme u:p@h"), "[redacted]@h");
        assert_eq!(redact_url("h/x@y"), "h/x@y");
        let url = Url::parse("https://u:p@h:8443/p?token=t#f").unwrap();
        assert_eq!(shown_url(&url), "https://h:8443/p");
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        let url = |text| Url::parse(text).unwrap();
        assert!(same_origin(&url("https://h/a"), &url("https://h:443/b")));
        assert!(!same_origin(&url("https://h/a"), &url("http://h/a")));
        assert!(!same_origin(&url("http://h:1/a"), &url("http://h:2/a")));
        assert!(!same_origin(&url("https://h/a"), &url("https://g/a")));
    }
}
