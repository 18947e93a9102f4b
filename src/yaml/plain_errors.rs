//! The YAML mistakes editors make most (tabs, a missing space after a colon, an unquoted
//! colon or quote in a value, an unclosed quote or bracket, a key indented too little or
//! too much) told in plain words, at the line where the mistake is written.
//!
//! The parser reports where it got lost, which is often a line or two after the mistake
//! (an unclosed quote is noticed where the next quote closes it), and in its own terms
//! ("mapping values are not allowed in this context"). Here the text around that position
//! is read again to find the line the editor has to change and how.

/// A mistake found in the text: a 1-based line and column within the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlainError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

/// Explains a syntax error the parser reported as `raw` at `line`:`column` (1-based), or
/// `None` when the mistake is none of the common ones.
pub(crate) fn explain(text: &str, raw: &str, line: usize, column: usize) -> Option<PlainError> {
    let lines: Vec<&str> = text.lines().collect();
    if line == 0 || lines.is_empty() {
        return None;
    }
    let line = line.min(lines.len());
    if let Some(found) = tab_indentation(&lines, line) {
        return Some(found);
    }
    if raw.contains("trailing content after") {
        return quote_trouble(&lines, line, column);
    }
    if raw.contains("unclosed quote") {
        return unclosed_quote(&lines, line, column);
    }
    let flow = raw.contains("bracket") || raw.contains("flow") || raw.contains("placement of ':'");
    if flow && let Some(found) = unclosed_bracket(&lines, line, column) {
        return Some(found);
    }
    if raw.contains("mapping values are not allowed")
        && let Some(found) =
            over_indented_key(&lines, line, column).or_else(|| colon_in_value(&lines, line, column))
    {
        return Some(found);
    }
    if let Some(found) = missing_space_after_colon(&lines, line) {
        return Some(found);
    }
    if raw.contains("did not find expected") {
        return under_indented(&lines, line);
    }
    None
}

/// The first line at or before the error (going back a few lines) whose indentation holds
/// a tab; the parser reports a tab where it was scanning, often the line above.
fn tab_indentation(lines: &[&str], line: usize) -> Option<PlainError> {
    let from = line.saturating_sub(3).max(1);
    let to = (line + 1).min(lines.len());
    (from..=to).find_map(|number| {
        let text = lines[number - 1];
        let indent = &text[..text.len() - text.trim_start().len()];
        let tab = indent.find('\t')?;
        Some(PlainError {
            line: number,
            column: tab + 1,
            message: "this line is indented with a tab; YAML accepts only spaces for indentation"
                .to_string(),
            hint: "replace the tab with spaces (two per level, lined up with the lines around it)"
                .to_string(),
        })
    })
}

/// A line's indentation, its key (if it starts with `key:`), and where the key starts.
struct KeyLine<'a> {
    indent: usize,
    key: &'a str,
    /// Byte offset of the colon after the key.
    colon: usize,
    /// What follows `key: `, trimmed.
    value: &'a str,
}

fn key_line(text: &str) -> Option<KeyLine<'_>> {
    let mut start = text.len() - text.trim_start_matches(' ').len();
    if text[start..].starts_with("- ") {
        start += 2;
        start += text[start..].len() - text[start..].trim_start_matches(' ').len();
    }
    let rest = &text[start..];
    let key_len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    if key_len == 0 || !rest[key_len..].starts_with(':') {
        return None;
    }
    let after = &rest[key_len + 1..];
    Some(KeyLine {
        indent: start,
        key: &rest[..key_len],
        colon: start + key_len,
        value: after.trim(),
    })
}

/// `title: Seoul: the day after`: a colon and a space inside an unquoted value.
fn colon_in_value(lines: &[&str], line: usize, column: usize) -> Option<PlainError> {
    let text = lines[line - 1];
    let key = key_line(text)?;
    if column <= key.colon + 1 || key.value.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    Some(PlainError {
        line,
        column: key.colon + 3,
        message: format!(
            "the value of `{}` holds a colon followed by a space, which YAML reads as the start of another key",
            key.key
        ),
        hint: format!(
            "put the value in quotes: {}: {}",
            key.key,
            quoted(key.value)
        ),
    })
}

/// `date: 2020-01-02` followed by `  title: x`: a key indented more than the key above it
/// is read as the continuation of that key's value.
fn over_indented_key(lines: &[&str], line: usize, column: usize) -> Option<PlainError> {
    let text = lines[line - 1];
    let key = key_line(text)?;
    if column != key.colon + 1 {
        return None;
    }
    let (above_number, above) = previous_content_line(lines, line)?;
    let above_key = key_line(above)?;
    if key.indent <= above_key.indent || above_key.value.is_empty() {
        return None;
    }
    Some(PlainError {
        line,
        column: key.indent + 1,
        message: format!(
            "`{}` is indented more than `{}` on line {above_number}, so YAML reads it as part of the value of `{}`",
            key.key, above_key.key, above_key.key
        ),
        hint: format!(
            "line `{}` up with `{}`: indent it by {} space{}",
            key.key,
            above_key.key,
            above_key.indent,
            if above_key.indent == 1 { "" } else { "s" }
        ),
    })
}

/// A key or list item indented less than the lines of the block it belongs to.
fn under_indented(lines: &[&str], line: usize) -> Option<PlainError> {
    let text = lines[line - 1];
    let indent = text.len() - text.trim_start_matches(' ').len();
    let (above_number, above) = previous_content_line(lines, line)?;
    let above_indent = key_line(above).map_or_else(
        || above.len() - above.trim_start_matches(' ').len(),
        |key| key.indent,
    );
    if indent >= above_indent || indent == 0 {
        return None;
    }
    let what = match key_line(text) {
        Some(key) => format!("`{}`", key.key),
        None => "this line".to_string(),
    };
    Some(PlainError {
        line,
        column: indent + 1,
        message: format!(
            "{what} is indented less than line {above_number} above it ({indent} space{} instead of {above_indent}), so YAML cannot tell which block it belongs to",
            if indent == 1 { "" } else { "s" }
        ),
        hint: format!("indent {what} by {above_indent} spaces, like line {above_number}"),
    })
}

/// `title:Foo`: without a space after it, the colon is part of the text.
fn missing_space_after_colon(lines: &[&str], line: usize) -> Option<PlainError> {
    let from = line.saturating_sub(2).max(1);
    (from..=line).find_map(|number| {
        let text = lines[number - 1];
        let key = key_line(text)?;
        let after = &text[key.colon + 1..];
        let first = after.chars().next()?;
        if first.is_whitespace() || first == '/' {
            return None;
        }
        Some(PlainError {
            line: number,
            column: key.colon + 2,
            message: format!("`{}:` needs a space after the colon", key.key),
            hint: format!("write `{}: {}`", key.key, after.trim_end()),
        })
    })
}

/// "trailing content after a quoted scalar": either a value that starts with a quote and
/// goes on after the closing one (`title: 'Seoul's day`), or a quote left open on an
/// earlier line, closed by the first quote of a later one.
fn quote_trouble(lines: &[&str], line: usize, column: usize) -> Option<PlainError> {
    let text = lines[line - 1];
    // The parser points at the first character after the closing quote and any spaces.
    let before = text.get(..column.checked_sub(1)?)?.trim_end();
    let quote = before.chars().next_back()?;
    let closing_at = before.len() - quote.len_utf8();
    if quote != '"' && quote != '\'' {
        return None;
    }
    let (open_line, open_column) = find_opening_quote(lines, line, closing_at, quote)?;
    if open_line < line {
        return unclosed_quote(lines, open_line, open_column + 1);
    }
    let key = key_line(text)?;
    let value = key.value;
    let hint = if value.len() > 1 && value.ends_with(quote) {
        format!(
            "use double quotes around a value that holds an apostrophe or quote: {}: {}",
            key.key,
            quoted(&value[1..value.len() - 1])
        )
    } else {
        format!(
            "put the whole value in quotes: {}: {}",
            key.key,
            quoted(value)
        )
    };
    Some(PlainError {
        line,
        column: open_column + 1,
        message: format!(
            "the value of `{}` starts with a quote ({quote}), so YAML expects it to end at the next {quote}, but more text follows it",
            key.key
        ),
        hint,
    })
}

/// Where the quote that closes at `closing_at` (a byte offset on `line`) was opened:
/// the nearest unescaped same quote before it, on this line or one above.
fn find_opening_quote(
    lines: &[&str],
    line: usize,
    closing_at: usize,
    quote: char,
) -> Option<(usize, usize)> {
    for number in (1..=line).rev() {
        let text = lines[number - 1];
        let end = if number == line {
            closing_at
        } else {
            text.len()
        };
        let before = &text[..end];
        let found = before
            .char_indices()
            .rev()
            .find(|&(at, c)| c == quote && !(quote == '"' && before[..at].ends_with('\\')));
        if let Some((at, _)) = found {
            return Some((number, at));
        }
    }
    None
}

/// A quote opened at `line`:`column` that the editor never closed.
fn unclosed_quote(lines: &[&str], line: usize, column: usize) -> Option<PlainError> {
    let text = lines[line - 1];
    let quote = text.get(column.checked_sub(1)?..)?.chars().next()?;
    let hint = match key_line(text) {
        Some(key) => format!(
            "close the quote at the end of the value: {}: {}{quote}",
            key.key,
            key.value.trim_end()
        ),
        None => format!("close the quote with {quote} at the end of the value"),
    };
    Some(PlainError {
        line,
        column,
        message: format!(
            "the quote ({quote}) opened here is never closed, so YAML reads the lines after it as part of this value"
        ),
        hint,
    })
}

/// A `[` or `{` left open: the nearest unmatched one at or before the error.
fn unclosed_bracket(lines: &[&str], line: usize, column: usize) -> Option<PlainError> {
    let mut depth = 0usize;
    for number in (1..=line).rev() {
        let text = lines[number - 1];
        let end = if number == line {
            // The parser may point at the bracket itself: include it.
            column.min(text.len())
        } else {
            text.len()
        };
        let end = (0..=end).rev().find(|&at| text.is_char_boundary(at))?;
        for (at, c) in text[..end].char_indices().rev() {
            match c {
                ']' | '}' => depth += 1,
                '[' | '{' if depth > 0 => depth -= 1,
                '[' | '{' => {
                    let close = if c == '[' { ']' } else { '}' };
                    let what = if c == '[' { "list" } else { "mapping" };
                    return Some(PlainError {
                        line: number,
                        column: at + 1,
                        message: format!("the {what} opened with `{c}` here is never closed"),
                        hint: format!(
                            "end it with `{close}` on the same line: {}{close}",
                            text.trim()
                        ),
                    });
                }
                _ => {}
            }
        }
    }
    None
}

fn previous_content_line<'a>(lines: &[&'a str], line: usize) -> Option<(usize, &'a str)> {
    (1..line).rev().find_map(|number| {
        let text = lines[number - 1];
        let trimmed = text.trim();
        (!trimmed.is_empty() && !trimmed.starts_with('#')).then_some((number, text))
    })
}

/// A YAML double-quoted scalar (a JSON string is one).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The raw error the parser gives for `text`, explained.
    fn explained(text: &str) -> PlainError {
        let error = serde_saphyr::from_str::<serde::de::IgnoredAny>(text)
            .expect_err("the text should not parse");
        let at = error.location().expect("a syntax error has a position");
        explain(
            text,
            &error.without_snippet().to_string(),
            at.line() as usize,
            at.column() as usize,
        )
        .unwrap_or_else(|| panic!("not explained: {error}"))
    }

    #[test]
    fn a_tab_in_the_indentation_is_named_at_its_line() {
        let found = explained("- id: a\n\ttitle: x\n");
        assert_eq!((found.line, found.column), (2, 1));
        assert!(found.message.contains("indented with a tab"), "{found:?}");
    }

    #[test]
    fn a_missing_space_after_a_colon_is_named_at_its_line() {
        let found = explained("title:Foo\nsummary: y\n");
        assert_eq!((found.line, found.column), (1, 7));
        assert_eq!(found.message, "`title:` needs a space after the colon");
        assert_eq!(found.hint, "write `title: Foo`");
    }

    #[test]
    fn an_unquoted_colon_in_a_value_asks_for_quotes() {
        let found = explained("title: Seoul: the day after\nsummary: y\n");
        assert_eq!(found.line, 1);
        assert!(
            found.message.contains("colon followed by a space"),
            "{found:?}"
        );
        assert_eq!(
            found.hint,
            "put the value in quotes: title: \"Seoul: the day after\""
        );
    }

    #[test]
    fn an_apostrophe_inside_single_quotes_asks_for_double_quotes() {
        let found = explained("title: 'Seoul's day'\nsummary: y\n");
        assert_eq!((found.line, found.column), (1, 8));
        assert!(found.message.contains("starts with a quote"), "{found:?}");
        assert!(found.hint.ends_with("title: \"Seoul's day\""), "{found:?}");
    }

    #[test]
    fn a_value_that_starts_with_a_quote_asks_for_quotes_around_all_of_it() {
        let found = explained("title: \"Seoul\" at dawn\nsummary: y\n");
        assert_eq!(found.line, 1);
        assert!(
            found.hint.ends_with(r#"title: "\"Seoul\" at dawn""#),
            "{found:?}"
        );
    }

    #[test]
    fn an_unclosed_quote_is_named_where_it_opens_not_where_it_ends() {
        let found = explained("title: \"One\ndate: 2020-01-02\nsummary: \"x\"\n");
        assert_eq!((found.line, found.column), (1, 8));
        assert!(found.message.contains("never closed"), "{found:?}");
        assert_eq!(
            found.hint,
            "close the quote at the end of the value: title: \"One\""
        );
    }

    #[test]
    fn an_unclosed_quote_at_the_end_of_the_text_is_named_where_it_opens() {
        let found = explained("title: x\nsummary: \"One\n");
        assert_eq!((found.line, found.column), (2, 10));
        assert!(found.message.contains("never closed"), "{found:?}");
    }

    #[test]
    fn an_unclosed_bracket_is_named_where_it_opens() {
        let found = explained("title: x\ntags: [a, b\nsummary: y\n");
        assert_eq!((found.line, found.column), (2, 7));
        assert_eq!(found.hint, "end it with `]` on the same line: tags: [a, b]");
        let at_end = explained("title: x\ntags: [a, b\n");
        assert_eq!((at_end.line, at_end.column), (2, 7));
    }

    #[test]
    fn a_key_indented_too_little_is_named_with_the_indentation_it_needs() {
        let found = explained("- id: a\n  title: x\n date: 2020\n- id: b\n");
        assert_eq!((found.line, found.column), (3, 2));
        assert!(
            found.message.starts_with("`date` is indented less"),
            "{found:?}"
        );
        assert_eq!(found.hint, "indent `date` by 2 spaces, like line 2");
    }

    #[test]
    fn a_key_indented_too_much_is_named_at_its_own_line() {
        let found = explained("- id: a\n  date: 2020\n    title: x\n- id: b\n");
        assert_eq!((found.line, found.column), (3, 5));
        assert!(
            found
                .message
                .starts_with("`title` is indented more than `date`"),
            "{found:?}"
        );
        assert_eq!(
            found.hint,
            "line `title` up with `date`: indent it by 2 spaces"
        );
    }

    /// The text with the hint applied as an editor would: a hint that ends in a line of
    /// YAML (`... : title: "x"` or `...: tags: [a]`) replaces the mistaken line's content,
    /// one that says "indent it by N spaces" re-indents it, a tab becomes two spaces.
    fn with_hint_applied(text: &str, found: &PlainError) -> String {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let line = &mut lines[found.line - 1];
        let indent = line.len() - line.trim_start().len();
        let (lead, _) = line.split_at(indent);
        let lead = lead.to_string();
        let hint = &found.hint;
        if let Some(spaces) = hint
            .rsplit_once("by ")
            .and_then(|(_, n)| n.split(' ').next()?.parse::<usize>().ok())
        {
            *line = format!("{}{}", " ".repeat(spaces), line.trim_start());
        } else if hint.starts_with("replace the tab") {
            *line = line.replace('\t', "  ");
        } else if let Some(fixed) = hint.strip_prefix("write `") {
            *line = format!("{lead}{}", fixed.trim_end_matches('`'));
        } else {
            let (_, yaml) = hint
                .split_once(": ")
                .expect("the hint ends in a line of YAML");
            let yaml = yaml.trim_start_matches("tags: ").to_string();
            let yaml = if hint.contains("end it with") {
                format!("tags: {yaml}")
            } else {
                yaml
            };
            *line = format!("{lead}{yaml}");
        }
        lines.join("\n") + "\n"
    }

    #[test]
    fn every_hint_applied_as_written_makes_the_text_parse() {
        for text in [
            "- id: a\n\ttitle: x\n",
            "title:Foo\nsummary: y\n",
            "title: Seoul: the day after\nsummary: y\n",
            "title: 'Seoul's day'\nsummary: y\n",
            "title: \"Seoul\" at dawn\nsummary: y\n",
            "title: \"One\ndate: 2020-01-02\nsummary: \"x\"\n",
            "title: x\nsummary: \"One\n",
            "title: x\ntags: [a, b\nsummary: y\n",
            "- id: a\n  title: x\n date: 2020\n- id: b\n",
            "- id: a\n  date: 2020\n    title: x\n- id: b\n",
        ] {
            let found = explained(text);
            let fixed = with_hint_applied(text, &found);
            assert!(
                serde_saphyr::from_str::<serde::de::IgnoredAny>(&fixed).is_ok(),
                "the hint {:?} left {fixed:?} unparsable",
                found.hint
            );
        }
    }
}
