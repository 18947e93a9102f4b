//! Printing diagnostics like a compiler: the message, `file:line:col`, and the source line.

use std::path::Path;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::diagnostics::{Diagnostic, Severity};

#[derive(Debug, thiserror::Error)]
#[error("{message}")]
struct Rendered {
    message: String,
    severity: miette::Severity,
    hint: Option<String>,
    code: Option<NamedSource<String>>,
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
    let offset = byte_offset(&text, location.line, location.column);
    let rendered = Rendered {
        message: diagnostic.message.clone(),
        severity: match diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        },
        hint: diagnostic.hint.clone(),
        label: Some(LabeledSpan::new_with_span(
            Some("here".to_string()),
            SourceSpan::from((offset, 0)),
        )),
        code: Some(NamedSource::new(location.path.display().to_string(), text)),
    };
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    let mut snippet = String::new();
    if handler.render_report(&mut snippet, &rendered).is_ok() {
        out.push_str(&snippet);
    }
    out
}

/// Byte offset of a 1-based line and character column, clamped to the text.
fn byte_offset(text: &str, line: u32, column: u32) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let rest = &text[line_start.min(text.len())..];
    let line_text = rest.split('\n').next().unwrap_or("");
    let within = line_text
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map_or(line_text.len(), |(i, _)| i);
    line_start + within
}

#[cfg(test)]
mod tests {
    use super::byte_offset;

    #[test]
    fn offsets_count_lines_and_characters() {
        let text = "ab\n한x\n";
        assert_eq!(byte_offset(text, 1, 1), 0);
        assert_eq!(byte_offset(text, 2, 2), 6);
        assert_eq!(byte_offset(text, 9, 9), text.len());
    }
}
