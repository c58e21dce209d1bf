//! The problems an API error body lists (code, title, detail, the field at
//! fault), read from where the API description says they are, so that an
//! error prints what the server said rather than its raw body.

use std::fmt;

use serde_json::Value;

/// Where an API's error body lists its problems, as JSON keys: `items` is
/// the dotted path from the body to the array of problems, the others are
/// dotted paths inside one problem. Generated clients set it from their API
/// description.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProblemPaths {
    /// The array of problems, e.g. `errors`.
    pub items: &'static str,
    /// A problem's machine-readable code.
    pub code: Option<&'static str>,
    /// Its short summary.
    pub title: Option<&'static str>,
    /// Its explanation.
    pub detail: Option<&'static str>,
    /// The request field it concerns (a JSON pointer or a parameter name).
    pub source: Option<&'static str>,
}

/// One problem an API error response reports, as the server worded it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Problem {
    /// A machine-readable code (numbers are given as their digits).
    pub code: Option<String>,
    /// A short summary.
    pub title: Option<String>,
    /// An explanation of this occurrence.
    pub detail: Option<String>,
    /// The part of the request at fault, e.g. `/connection_name`.
    pub source: Option<String>,
}

/// Longest text of one part of a problem that an error's `Display` prints;
/// the whole text stays in [`Problem`].
const SHOWN_CHARS: usize = 200;

impl ProblemPaths {
    /// The problems `body` lists; none when it is not JSON or not shaped as
    /// the paths say.
    pub(crate) fn read(&self, body: &[u8]) -> Vec<Problem> {
        let Ok(body) = serde_json::from_slice::<Value>(body) else {
            return Vec::new();
        };
        let Some(Value::Array(items)) = lookup(&body, self.items) else {
            return Vec::new();
        };
        items
            .iter()
            .map(|item| Problem {
                code: self.code.and_then(|path| text(item, path)),
                title: self.title.and_then(|path| text(item, path)),
                detail: self.detail.and_then(|path| text(item, path)),
                source: self.source.and_then(|path| text(item, path)),
            })
            .filter(|problem| *problem != Problem::default())
            .collect()
    }
}

/// The value at a dotted path of object keys.
fn lookup<'v>(value: &'v Value, dotted: &str) -> Option<&'v Value> {
    dotted
        .split('.')
        .try_fold(value, |value, key| value.as_object()?.get(key))
}

/// A string or number at `dotted` as text; nothing for other shapes.
fn text(item: &Value, dotted: &str) -> Option<String> {
    match lookup(item, dotted)? {
        Value::String(text) if !text.trim().is_empty() => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// Writes `text` on one line, at most [`SHOWN_CHARS`] characters of it:
/// server text must not break a log line or flood it.
fn write_shown(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    let mut chars = text.trim().chars();
    for c in chars.by_ref().take(SHOWN_CHARS) {
        if c.is_control() {
            f.write_str(" ")?;
        } else {
            write!(f, "{c}")?;
        }
    }
    if chars.next().is_some() {
        f.write_str("…")?;
    }
    Ok(())
}

impl fmt::Display for Problem {
    /// `[code] title: detail (at source)`, each part only when present.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut gap = "";
        if let Some(code) = &self.code {
            f.write_str("[")?;
            write_shown(f, code)?;
            f.write_str("]")?;
            gap = " ";
        }
        match (&self.title, &self.detail) {
            (Some(title), Some(detail)) if title.trim() != detail.trim() => {
                f.write_str(gap)?;
                write_shown(f, title)?;
                f.write_str(": ")?;
                write_shown(f, detail)?;
            }
            (Some(text), _) | (None, Some(text)) => {
                f.write_str(gap)?;
                write_shown(f, text)?;
            }
            (None, None) => {}
        }
        if let Some(source) = &self.source {
            f.write_str(" (at ")?;
            write_shown(f, source)?;
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// Writes the first problem and how many more there are, after `": "`.
pub(crate) fn write_summary(f: &mut fmt::Formatter<'_>, problems: &[Problem]) -> fmt::Result {
    match problems {
        [] => Ok(()),
        [only] => write!(f, ": {only}"),
        [first, rest @ ..] => write!(
            f,
            ": {first} (and {} more problem{})",
            rest.len(),
            if rest.len() == 1 { "" } else { "s" }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATHS: ProblemPaths = ProblemPaths {
        items: "errors",
        code: Some("code"),
        title: Some("title"),
        detail: Some("detail"),
        source: Some("source.pointer"),
    };

    #[test]
    fn reads_every_problem_and_prints_it_on_one_line() {
        let body = br#"{"errors":[
            {"code":"10015","title":"Invalid value","detail":"Must be at\nmost 8 characters.","source":{"pointer":"/password"}},
            {"code":10004,"title":"Missing parameter"},
            {"meta":{}}
        ]}"#;
        let problems = PATHS.read(body);
        assert_eq!(problems.len(), 2, "the third lists nothing to show");
        assert_eq!(problems[1].code.as_deref(), Some("10004"));
        assert_eq!(
            problems[0].to_string(),
            "[10015] Invalid value: Must be at most 8 characters. (at /password)"
        );
        assert_eq!(problems[1].to_string(), "[10004] Missing parameter");
    }

    #[test]
    fn other_bodies_list_nothing() {
        for body in [&b"<html>"[..], b"{}", br#"{"errors":{"code":"1"}}"#, b""] {
            assert!(PATHS.read(body).is_empty());
        }
    }

    #[test]
    fn long_text_is_cut_when_shown_and_kept_whole() {
        let long = "x".repeat(500);
        let problem = Problem {
            detail: Some(long.clone()),
            ..Problem::default()
        };
        let shown = problem.to_string();
        assert_eq!(shown.chars().count(), SHOWN_CHARS + 1);
        assert!(shown.ends_with('…'));
        assert_eq!(problem.detail, Some(long));
    }
}
