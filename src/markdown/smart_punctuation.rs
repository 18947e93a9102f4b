//! Smart punctuation for plain text from data files (quotes, event titles, summaries), so a
//! quote's apostrophes curl the way the Markdown around it does.
//!
//! The rules are pulldown-cmark's own, not a second set: the text is handed to the same parser
//! with only smart punctuation on, every other character Markdown gives a meaning to escaped,
//! and the text events read back. Straight quotes become curly ones (paired by the flanking
//! rules Markdown uses for emphasis; a lone `'` becomes an apostrophe), `--` an en dash, `---`
//! an em dash and `...` an ellipsis, exactly as in a story's body.

use pulldown_cmark::{Event, Options, Parser, TagEnd};

/// ASCII punctuation that Markdown could read as markup, escaped before parsing. The four that
/// smart punctuation works on (`'`, `"`, `-`, `.`) stay as they are.
fn needs_escape(c: char) -> bool {
    c.is_ascii_punctuation() && !matches!(c, '\'' | '"' | '-' | '.')
}

/// One line made safe to parse as the text of a paragraph: leading spaces dropped (they would
/// make a code block), markup characters escaped, and a line that could open a list or
/// underline a heading (`- x`, `1. x`, `---`) escaped at its start.
fn escaped_line(line: &str, out: &mut String) {
    let line = line.trim_start();
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if line.starts_with('-') {
        out.push('\\');
    }
    for (at, c) in line.chars().enumerate() {
        if needs_escape(c) || (digits > 0 && at == digits && c == '.') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// `text` with straight quotes, double and triple hyphens and three dots made typographic.
/// Lines keep their breaks; leading spaces on a line are dropped.
pub fn smart_punctuation(text: &str) -> String {
    if !text.contains(['\'', '"', '-', '.']) {
        return text.to_string();
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            escaped.push('\n');
        }
        escaped_line(line, &mut escaped);
    }
    let mut out = String::with_capacity(text.len());
    let mut paragraphs = 0;
    for event in Parser::new_ext(&escaped, Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Text(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::End(TagEnd::Paragraph) => paragraphs += 1,
            Event::Start(pulldown_cmark::Tag::Paragraph) if paragraphs > 0 => out.push_str("\n\n"),
            _ => {}
        }
    }
    // Spaces that end the text are not part of any paragraph; keep them as they were.
    let trailing = &text[text.trim_end().len()..];
    if !trailing.contains('\n') {
        out.push_str(trailing);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::smart_punctuation;

    #[test]
    fn quotes_apostrophes_dashes_and_ellipses_curl_as_in_markdown() {
        assert_eq!(
            smart_punctuation("\"We won't go -- not now...\" she said --- twice."),
            "“We won’t go – not now…” she said — twice."
        );
        assert_eq!(
            smart_punctuation("the 'sea of flames'"),
            "the ‘sea of flames’"
        );
        assert_eq!(smart_punctuation("North Korea's"), "North Korea’s");
    }

    #[test]
    fn markdown_characters_are_left_as_written() {
        for text in [
            "a *b* _c_ `d` [e](f) <g> &amp; # h | i \\ j ~k~ !",
            "2013. A year",
            "- not a list",
            "+ not a list either",
            "    not code.",
            "U.S.-South Korean drills",
        ] {
            assert_eq!(smart_punctuation(text), text.trim_start(), "{text}");
        }
    }

    #[test]
    fn line_breaks_and_paragraphs_survive() {
        assert_eq!(
            smart_punctuation("one 'a'\ntwo\n\nthree"),
            "one ‘a’\ntwo\n\nthree"
        );
    }
}
