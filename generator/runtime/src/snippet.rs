//! Short excerpts of response bodies, for [`Error::body_excerpt`](crate::Error::body_excerpt).
//!
//! Bodies can be megabytes long; an error should show just enough to see
//! what went wrong without flooding a log line.

/// How many characters of a body an error message shows.
pub(crate) const MAX_CHARS: usize = 200;

/// The first `max_chars` characters of `text`, trimmed, with `…` when cut.
pub(crate) fn head(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max_chars) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// About `max_chars` characters of `text` centred on the byte offset `at`,
/// with `…` on each side that was cut.
///
/// `at` may point past the end or inside a multi-byte character (serde_json
/// counts columns in bytes); it is moved to the nearest char boundary before it.
pub(crate) fn around(text: &str, at: usize, max_chars: usize) -> String {
    let at = floor_char_boundary(text, at.min(text.len()));
    let before_chars = max_chars / 2;
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(before_chars.saturating_sub(1))
        .map_or(0, |(index, _)| index);
    let after_chars = max_chars - text[start..at].chars().count();
    let end = text[at..]
        .char_indices()
        .nth(after_chars)
        .map_or(text.len(), |(index, _)| at + index);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

/// The largest char boundary in `text` at or before `index`; stable Rust has
/// no `str::floor_char_boundary` yet.
fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_keeps_short_text_whole() {
        assert_eq!(head("  short \n", 200), "short");
    }

    #[test]
    fn head_cuts_long_text_on_a_char_boundary() {
        let text = "é".repeat(300);
        let cut = head(&text, 200);
        assert_eq!(cut.chars().count(), 201);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn around_keeps_short_text_whole() {
        assert_eq!(around("abc", 1, 200), "abc");
    }

    #[test]
    fn around_centres_on_the_offset() {
        let text = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let cut = around(&text, 500, 200);
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert_eq!(cut.chars().count(), 202);
        let x = cut.find('X').unwrap();
        assert_eq!(x, '…'.len_utf8() + 100);
    }

    #[test]
    fn around_handles_offsets_inside_and_past_multibyte_text() {
        let text = "é".repeat(300);
        for at in [0, 1, 301, 599, 10_000] {
            let cut = around(&text, at, 200);
            assert!(cut.chars().filter(|c| *c == 'é').count() <= 200);
            assert!(!cut.is_empty());
        }
    }

    #[test]
    fn around_at_the_start_has_no_leading_ellipsis() {
        let text = "x".repeat(1000);
        let cut = around(&text, 0, 200);
        assert!(!cut.starts_with('…'));
        assert_eq!(cut.chars().count(), 201);
    }
}
