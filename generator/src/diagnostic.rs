//! Errors a person can act on: which spec file, which line and column, the
//! offending line with a marker, and what was expected.

use std::fmt;
use std::path::PathBuf;

/// The most problems reported in detail. Locating a problem costs a walk of
/// its file, so a hostile spec with a million mistakes must not get a
/// million reports; nobody reads past the first screens anyway.
pub const MAX_REPORTED: usize = 100;

/// A position in a spec file (1-based line and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// One problem found in the spec or while writing the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in, as given on the command line.
    pub file: Option<PathBuf>,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// The path of the offending key inside the spec, e.g.
    /// `resources.ips.operations.create_ip.body`.
    pub spec_path: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
    /// The offending source line, shown under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A problem not tied to a place in a file.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            file: None,
            position: None,
            spec_path: None,
            message: message.into(),
            source_line: None,
        }
    }

    /// Attaches the file.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }
}

/// ANSI styles for a terminal, or nothing.
#[derive(Clone, Copy)]
struct Style {
    color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Style { color: false })
    }
}

impl Diagnostic {
    /// The report, with ANSI colors (for a terminal) when `color` is set;
    /// without, it is exactly the `Display` text.
    pub fn render(&self, color: bool) -> String {
        struct Rendered<'a>(&'a Diagnostic, Style);
        impl fmt::Display for Rendered<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write(f, self.1)
            }
        }
        Rendered(self, Style { color }).to_string()
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, style: Style) -> fmt::Result {
        let location = match (&self.file, self.position) {
            (Some(file), Some(pos)) => {
                format!("{}:{}:{}: ", file.display(), pos.line, pos.column)
            }
            (Some(file), None) => format!("{}: ", file.display()),
            _ => String::new(),
        };
        write!(
            f,
            "{}{}: {}",
            style.paint("1", &location),
            style.paint("1;31", "error"),
            self.message
        )?;
        if let Some(path) = &self.spec_path {
            write!(f, "\n  at {path}")?;
        }
        if let (Some(line), Some(pos)) = (&self.source_line, self.position) {
            let number = pos.line.to_string();
            let gutter = " ".repeat(number.len());
            let (shown, marker_column) = excerpt(line, pos.column);
            let marker_pad: String = shown
                .chars()
                .take(marker_column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n {gutter} |\n {number} | {shown}\n {gutter} | {marker_pad}{}",
                style.paint("1;31", "^")
            )?;
        }
        Ok(())
    }
}

/// The widest source excerpt shown, in characters.
const EXCERPT_CHARS: usize = 100;

/// The part of `line` shown under a message, and the 1-based column of the
/// marker in it: a long line (minified YAML, a hostile file) is cut to a
/// window around `column`, with `…` where text was left out.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line
        .chars()
        .filter(|c| !c.is_control() || *c == '\t')
        .collect();
    if chars.len() <= EXCERPT_CHARS {
        return (chars.into_iter().collect(), column);
    }
    let index = column.saturating_sub(1).min(chars.len());
    let start = index.saturating_sub(EXCERPT_CHARS / 2);
    let end = (start + EXCERPT_CHARS).min(chars.len());
    let mut shown = String::new();
    let mut marker_column = index - start + 1;
    if start > 0 {
        shown.push('…');
        marker_column += 1;
    }
    shown.extend(chars.iter().skip(start).take(end - start));
    if end < chars.len() {
        shown.push('…');
    }
    (shown, marker_column)
}

impl std::error::Error for Diagnostic {}

/// Everything that went wrong in one run; validation collects all problems
/// before reporting, so a curator fixes them in one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The problems, in the order they were found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// An error with a single problem.
    pub fn single(diagnostic: Diagnostic) -> Self {
        Self {
            diagnostics: vec![diagnostic],
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(diagnostic: Diagnostic) -> Self {
        Self::single(diagnostic)
    }
}

impl Error {
    /// The report of every problem, each ending in a newline, with ANSI
    /// colors when `color` is set; without, it is exactly the `Display` text.
    pub fn render(&self, color: bool) -> String {
        let mut text = String::new();
        for (index, diagnostic) in self.diagnostics.iter().enumerate() {
            if index > 0 {
                text.push('\n');
            }
            text.push_str(&diagnostic.render(color));
            text.push('\n');
        }
        if self.diagnostics.len() > 1 {
            text.push_str(&format!("{} problems found\n", self.diagnostics.len()));
        }
        text
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_file_line_column_and_a_marker() {
        let diagnostic = Diagnostic {
            file: Some(PathBuf::from("spec/ips.yaml")),
            position: Some(Position { line: 7, column: 5 }),
            spec_path: Some("types.Ip.fields.port".into()),
            message: "unknown type `Int`".into(),
            source_line: Some("    type: Int".into()),
        };
        let text = diagnostic.to_string();
        assert!(text.starts_with("spec/ips.yaml:7:5: error: unknown type `Int`"));
        assert!(text.contains("at types.Ip.fields.port"));
        assert!(text.contains(" 7 |     type: Int\n   |     ^"), "{text}");
    }

    #[test]
    fn every_line_of_a_report_ends_in_a_newline_and_color_is_opt_in() {
        let error = Error {
            diagnostics: vec![Diagnostic::new("one"), Diagnostic::new("two")],
        };
        let plain = error.to_string();
        assert_eq!(plain, "error: one\n\nerror: two\n2 problems found\n");
        assert_eq!(error.render(false), plain);
        let colored = error.render(true);
        assert!(
            colored.contains("\x1b[1;31merror\x1b[0m: one"),
            "{colored:?}"
        );
        assert!(!plain.contains('\x1b'));
    }

    #[test]
    fn long_lines_are_cut_around_the_marker() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let diagnostic = Diagnostic {
            file: Some(PathBuf::from("spec.yaml")),
            position: Some(Position {
                line: 1,
                column: 501,
            }),
            spec_path: None,
            message: "here".into(),
            source_line: Some(line),
        };
        let text = diagnostic.to_string();
        let lines: Vec<&str> = text.lines().collect();
        let (shown, marker) = (lines[2], lines[3]);
        assert!(shown.chars().count() < 120, "{shown}");
        assert!(shown.contains("…a") && shown.contains("b…"), "{shown}");
        let at = marker.find('^').unwrap();
        assert_eq!(shown.chars().nth(at), Some('X'), "{text}");
    }
}
