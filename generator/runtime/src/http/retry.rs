//! [`RetryPolicy`], and the rules that decide whether and when a failed
//! attempt is tried again.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::{Error, ErrorKind};

/// How an [`HttpClient`](super::HttpClient) retries a failed call.
///
/// Only calls marked safe to repeat are retried (see
/// [`Request::retry_safe`](super::Request::retry_safe) and
/// [`RequestOptions::retry_non_idempotent`](super::RequestOptions::retry_non_idempotent)),
/// and only after a connection error, a timed-out attempt, or a status of
/// 408, 409, 429 or 5xx.
///
/// Before retry `n` (counting from 0) the client waits
/// [`backoff(n)`](Self::backoff), or longer when the server asks for longer
/// in `Retry-After-Ms` or `Retry-After` (capped at
/// [`max_retry_after`](Self::max_retry_after)). A server's `0`, a date in
/// the past or any value below the backoff falls back to the backoff, as
/// the official Telnyx SDKs do, and no wait is ever shorter than
/// [`MIN_WAIT`](Self::MIN_WAIT): no policy and no server can make the
/// client retry in a tight loop. A call is retried at most
/// [`MAX_RETRIES_LIMIT`](Self::MAX_RETRIES_LIMIT) times, whatever
/// `max_retries` says.
///
/// ```
/// use std::time::Duration;
/// use telnyx_codegen_runtime::RetryPolicy;
///
/// let policy = RetryPolicy { max_retries: 5, ..RetryPolicy::default() };
/// assert!(policy.backoff(1) <= Duration::from_secs(1));
/// assert_eq!(RetryPolicy::none().max_retries, 0);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// How many times a call may be retried after its first attempt.
    pub max_retries: u32,
    /// The wait before the first retry, doubled for each one after it.
    pub initial_backoff: Duration,
    /// The longest computed wait, whatever the retry number.
    pub max_backoff: Duration,
    /// The largest share of a computed wait that is randomly taken off it,
    /// from 0 (none) to 1 (all of it), so that clients failing together do
    /// not all retry at the same instant. Values outside 0..=1 are clamped
    /// and NaN counts as 0.
    pub jitter: f64,
    /// The longest wait a server's `Retry-After` can ask for; longer requests
    /// are shortened to this.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// Two retries, waiting 0.5 s then 1 s (each up to 25 % less), at most
    /// 8 s computed and at most 60 s when the server asks.
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            jitter: 0.25,
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// The shortest wait before any retry, whatever the policy or the
    /// server says.
    pub const MIN_WAIT: Duration = Duration::from_millis(50);

    /// The most retries of one call; a larger
    /// [`max_retries`](Self::max_retries) counts as this.
    pub const MAX_RETRIES_LIMIT: u32 = 10;

    /// A policy that never retries.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// The wait before retry `retry` (0 for the first retry) when the server
    /// did not say: `min(initial_backoff × 2^retry, max_backoff)`, less a
    /// random share of up to [`jitter`](Self::jitter) of it.
    pub fn backoff(&self, retry: u32) -> Duration {
        self.backoff_with(retry, fastrand::f64())
    }

    /// [`backoff`](Self::backoff) with the random number in `0.0..1.0` given,
    /// so tests can pin it.
    fn backoff_with(&self, retry: u32, random: f64) -> Duration {
        let doubled = 2u32
            .checked_pow(retry)
            .and_then(|factor| self.initial_backoff.checked_mul(factor))
            .unwrap_or(self.max_backoff);
        let base = doubled.min(self.max_backoff);
        let jitter = if self.jitter.is_nan() {
            0.0
        } else {
            self.jitter.clamp(0.0, 1.0)
        };
        // Both factors are in 0..=1, so this can neither go negative nor overflow.
        base.mul_f64(1.0 - jitter * random.clamp(0.0, 1.0))
    }

    /// The wait before retry `retry`: the backoff, or the server's (capped)
    /// when it is longer, and never under [`MIN_WAIT`](Self::MIN_WAIT).
    pub(crate) fn delay(&self, retry: u32, server_asked: Option<Duration>) -> Duration {
        let computed = self.backoff(retry);
        let wait = server_asked.map_or(computed, |asked| {
            asked.min(self.max_retry_after).max(computed)
        });
        wait.max(Self::MIN_WAIT)
    }

    /// How many retries a call may have when `asked` are allowed: at most
    /// [`MAX_RETRIES_LIMIT`](Self::MAX_RETRIES_LIMIT).
    pub(crate) fn bounded(asked: u32) -> u32 {
        asked.min(Self::MAX_RETRIES_LIMIT)
    }
}

/// Whether `error` is worth another attempt, if the request may be repeated:
/// the server or the network may answer differently next time.
pub(crate) fn is_retryable<E>(error: &Error<E>) -> bool {
    match error.kind() {
        ErrorKind::Timeout { .. } => true,
        ErrorKind::Transport { source } => {
            source.is_connect() || source.is_request() || source.is_body() || source.is_timeout()
        }
        ErrorKind::Api(api) => matches!(api.status, 408 | 409 | 429 | 500..=599),
        _ => false,
    }
}

/// How long the server asked the client to wait, from `Retry-After-Ms`
/// (milliseconds, possibly fractional) or else `Retry-After` (whole seconds
/// or an HTTP date). A date in the past means no wait; a value that does
/// not parse is ignored.
pub(crate) fn server_asked_delay(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name| headers.get(name).and_then(|value| value.to_str().ok());
    let millis = text("retry-after-ms")
        .and_then(|value| value.trim().parse::<f64>().ok())
        .and_then(|millis| Duration::try_from_secs_f64(millis / 1000.0).ok());
    millis.or_else(|| {
        let value = text(RETRY_AFTER.as_str())?.trim();
        match value.parse::<u64>() {
            Ok(seconds) => Some(Duration::from_secs(seconds)),
            Err(_) => httpdate::parse_http_date(value)
                .ok()
                .map(|date| date.duration_since(now).unwrap_or(Duration::ZERO)),
        }
    })
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    #[test]
    fn defaults_match_the_documentation() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.max_retries, 2);
        assert_eq!(policy.initial_backoff, Duration::from_millis(500));
        assert_eq!(policy.max_backoff, Duration::from_secs(8));
        assert_eq!(policy.jitter, 0.25);
        assert_eq!(policy.max_retry_after, Duration::from_secs(60));
        assert_eq!(RetryPolicy::none().max_retries, 0);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = RetryPolicy::default();
        let millis = |retry| policy.backoff_with(retry, 0.0).as_millis();
        assert_eq!(
            [0, 1, 2, 3, 4, 5].map(millis),
            [500, 1000, 2000, 4000, 8000, 8000]
        );
        // Exponents that overflow still give the cap.
        assert_eq!(millis(40), 8000);
        assert_eq!(millis(u32::MAX), 8000);
    }

    #[test]
    fn jitter_takes_off_at_most_its_share() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff_with(0, 1.0), Duration::from_millis(375));
        for _ in 0..1000 {
            let wait = policy.backoff(0);
            assert!(
                (Duration::from_millis(375)..=Duration::from_millis(500)).contains(&wait),
                "{wait:?}"
            );
        }
    }

    #[test]
    fn odd_jitter_values_never_panic() {
        for jitter in [f64::NAN, -1.0, 2.0, f64::INFINITY] {
            let policy = RetryPolicy {
                jitter,
                ..RetryPolicy::default()
            };
            assert!(policy.backoff(0) <= Duration::from_millis(500));
        }
    }

    #[test]
    fn server_delay_is_capped() {
        let policy = RetryPolicy {
            max_retry_after: Duration::from_secs(5),
            jitter: 0.0,
            ..RetryPolicy::default()
        };
        assert_eq!(
            policy.delay(0, Some(Duration::from_secs(100))),
            Duration::from_secs(5)
        );
        assert_eq!(
            policy.delay(0, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
    }

    #[test]
    fn zero_or_tiny_server_delays_fall_back_to_the_backoff() {
        let policy = RetryPolicy {
            jitter: 0.0,
            ..RetryPolicy::default()
        };
        for asked in [
            Duration::ZERO,
            Duration::from_millis(1),
            Duration::from_millis(499),
        ] {
            assert_eq!(policy.delay(0, Some(asked)), Duration::from_millis(500));
            assert_eq!(policy.delay(2, Some(asked)), Duration::from_secs(2));
        }
    }

    #[test]
    fn no_policy_waits_less_than_the_floor() {
        let eager = RetryPolicy {
            initial_backoff: Duration::ZERO,
            max_backoff: Duration::ZERO,
            max_retry_after: Duration::ZERO,
            ..RetryPolicy::default()
        };
        for asked in [None, Some(Duration::ZERO), Some(Duration::from_secs(9))] {
            assert_eq!(eager.delay(0, asked), RetryPolicy::MIN_WAIT);
        }
    }

    #[test]
    fn retries_are_bounded() {
        assert_eq!(
            RetryPolicy::bounded(u32::MAX),
            RetryPolicy::MAX_RETRIES_LIMIT
        );
        assert_eq!(RetryPolicy::bounded(3), 3);
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    reqwest::header::HeaderName::from_static(name),
                    HeaderValue::from_static(value),
                )
            })
            .collect()
    }

    #[test]
    fn retry_after_forms() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        let asked = |pairs| server_asked_delay(&headers(pairs), now);
        assert_eq!(asked(&[("retry-after", "3")]), Some(Duration::from_secs(3)));
        assert_eq!(
            asked(&[("retry-after", "Wed, 21 Oct 2015 07:28:07 GMT")]),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            asked(&[("retry-after", "Wed, 21 Oct 2015 07:27:00 GMT")]),
            Some(Duration::ZERO)
        );
        assert_eq!(
            asked(&[("retry-after-ms", "50"), ("retry-after", "9")]),
            Some(Duration::from_millis(50))
        );
        assert_eq!(
            asked(&[("retry-after-ms", "1.5")]),
            Some(Duration::from_micros(1500))
        );
        assert_eq!(asked(&[("retry-after", "soon")]), None);
        assert_eq!(asked(&[("retry-after", "-1")]), None);
        // A bad millisecond value falls back to Retry-After.
        assert_eq!(
            asked(&[("retry-after-ms", "-5"), ("retry-after", "2")]),
            Some(Duration::from_secs(2))
        );
        assert_eq!(asked(&[("retry-after-ms", "NaN")]), None);
        assert_eq!(asked(&[]), None);
    }
}
