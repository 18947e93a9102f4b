//! Printing diagnostics like a compiler: the message, `file:line:col`, and the source line.

use std::path::Path;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceSpan, SpanContents,
};

use crate::diagnostics::{Diagnostic, Severity};

#[derive(Debug, thiserror::Error)]
#[error("{message}")]
struct Rendered {
    message: String,
    severity: miette::Severity,
    hint: Option<String>,
    code: Option<Excerpt>,
    label: Option<LabeledSpan>,
}

impl miette::Diagnostic for Rendered {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.hint
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.code.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}

/// The diagnostic as text: a `file:line:col: severity: message` first line (for editors'
/// tools and people alike), then the source line with a marker and the hint.
pub fn render(diagnostic: &Diagnostic, root: &Path, color: bool) -> String {
    let mut out = format!("{diagnostic}\n");
    let Some(location) = &diagnostic.location else {
        return out;
    };
    let Ok(text) = std::fs::read_to_string(root.join(&location.path)) else {
        return out;
    };
    let code = Excerpt::around(
        location.path.display().to_string(),
        &text,
        location.line,
        location.column,
    );
    let rendered = Rendered {
        message: diagnostic.message.clone(),
        severity: match diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        },
        hint: diagnostic.hint.clone(),
        label: Some(LabeledSpan::new_with_span(
            Some("here".to_string()),
            SourceSpan::from((code.marker, 0)),
        )),
        code: Some(code),
    };
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(CONTEXT_LINES);
    let mut snippet = String::new();
    if handler.render_report(&mut snippet, &rendered).is_ok() {
        out.push_str(&snippet);
    }
    out
}

/// How many characters of a long line are shown around the place of a finding. The
/// renderer pads to the column with a width it cannot take past 65,535, and a line of
/// minified data is no help to read anyway.
const WINDOW: usize = 120;

/// Context lines shown above and below the finding's line.
const CONTEXT_LINES: usize = 1;

/// The few lines around a finding, each clipped to the same window of columns, that the
/// renderer shows; line numbers and the column in the header stay those of the file.
#[derive(Debug)]
struct Excerpt {
    name: String,
    text: String,
    /// 0-based line number in the file of the excerpt's first line.
    first_line: usize,
    /// Byte offset in `text` of the place the finding points at.
    marker: usize,
    /// 0-based column (in characters) of that place in the file.
    column: usize,
}

impl Excerpt {
    fn around(name: String, file: &str, line: u32, column: u32) -> Excerpt {
        let lines: Vec<&str> = file
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        let target = (line.saturating_sub(1) as usize).min(lines.len() - 1);
        let target_chars = lines[target].chars().count();
        let column = (column.saturating_sub(1) as usize).min(target_chars);
        let window = window_around(column, target_chars);
        let first_line = target.saturating_sub(CONTEXT_LINES);
        let last_line = (target + CONTEXT_LINES).min(lines.len() - 1);
        let mut text = String::new();
        let mut marker = 0;
        for (ix, line_text) in lines
            .iter()
            .enumerate()
            .take(last_line + 1)
            .skip(first_line)
        {
            if ix > first_line {
                text.push('\n');
            }
            if ix == target {
                let ellipsis = if window.start > 0 {
                    '…'.len_utf8()
                } else {
                    0
                };
                let shown_before: usize = line_text
                    .chars()
                    .skip(window.start)
                    .take(column - window.start)
                    .map(char::len_utf8)
                    .sum();
                marker = text.len() + ellipsis + shown_before;
            }
            text.push_str(&clipped(line_text, window.start, window.end));
        }
        Excerpt {
            name,
            text,
            first_line,
            marker,
            column,
        }
    }
}

/// The columns shown of a line `length` characters long so that `column` is in view.
fn window_around(column: usize, length: usize) -> std::ops::Range<usize> {
    if length <= WINDOW {
        return 0..length.max(WINDOW);
    }
    let start = column.saturating_sub(WINDOW / 2).min(length - WINDOW);
    start..start + WINDOW
}

/// Characters `start..end` of a line, with `…` where the line goes on (an empty line
/// stays empty).
fn clipped(line: &str, start: usize, end: usize) -> String {
    let mut out = String::new();
    if start > 0 && !line.is_empty() {
        out.push('…');
    }
    out.extend(line.chars().skip(start).take(end - start));
    if line.chars().nth(end).is_some() {
        out.push('…');
    }
    out
}

impl miette::SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        let column = if span.offset() == self.marker {
            self.column
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(text: &str, line: u32, column: u32) -> Excerpt {
        Excerpt::around("x.md".to_string(), text, line, column)
    }

    #[test]
    fn a_short_line_is_shown_whole_with_the_marker_on_the_character() {
        let shown = excerpt("ab\n한x\nlast", 2, 2);
        assert_eq!(shown.text, "ab\n한x\nlast");
        assert_eq!(&shown.text[shown.marker..], "x\nlast");
        assert_eq!((shown.first_line, shown.column), (0, 1));
    }

    #[test]
    fn a_long_line_is_clipped_around_the_column() {
        let line = format!("{}X{}", "a".repeat(69_999), "b".repeat(500));
        let shown = excerpt(&format!("top\n{line}\n"), 2, 70_000);
        let shown_line = shown.text.lines().nth(1).unwrap();
        assert!(shown_line.starts_with('…') && shown_line.ends_with('…'));
        assert_eq!(shown_line.chars().count(), WINDOW + 2);
        assert!(shown.text[shown.marker..].starts_with('X'));
        assert_eq!(shown.column, 69_999);
    }

    #[test]
    fn a_place_past_the_end_is_clamped_to_the_text() {
        let shown = excerpt("ab\n", 9, 9);
        assert_eq!(shown.marker, shown.text.len());
        assert_eq!(shown.first_line, 0);
    }

    #[test]
    fn the_rendered_report_names_the_real_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let line = format!("{}X", "a".repeat(199_999));
        std::fs::write(dir.path().join("x.md"), format!("one\n{line}\nthree\n")).unwrap();
        let diagnostic =
            Diagnostic::error(crate::diagnostics::Location::new("x.md", 2, 200_000), "bad");
        let text = render(&diagnostic, dir.path(), false);
        assert!(text.starts_with("x.md:2:200000: error: bad\n"), "{text}");
        assert!(text.contains("[x.md:2:200000]"), "{text}");
        assert!(text.lines().all(|l| l.chars().count() < 200), "{text}");
    }
}
