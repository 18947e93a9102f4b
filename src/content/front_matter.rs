//! Splitting a Markdown file into its YAML front matter and its body.

use crate::content::source_file::SourceFile;
use crate::diagnostics::{Diagnostic, Location};

/// The two halves of a content file, with the line numbers each starts on.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    pub front_matter: &'a str,
    /// Lines of the file before the front matter's first line (the opening `---`).
    pub front_matter_offset: u32,
    pub body: &'a str,
    /// 1-based line of the body's first line.
    pub body_line: u32,
}

/// Front matter is required: a file starts with a `---` line and a later `---` line closes it.
pub(crate) fn split(file: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text = file.text.as_str();
    let Some(after_open) = strip_fence_line(text) else {
        return Err(
            Diagnostic::error(Location::file(&file.path), "this file has no front matter")
                .with_hint(
                    "start the file with a line `---`, the YAML fields, then another `---` line",
                ),
        );
    };
    let mut offset = text.len() - after_open.len();
    // The opening fence is line 1, so the first front matter line is line 2.
    for (line, raw_line) in (2..).zip(after_open.split_inclusive('\n')) {
        if is_fence(raw_line) {
            let body = &text[offset + raw_line.len()..];
            return Ok(Split {
                front_matter: &text[text.len() - after_open.len()..offset],
                front_matter_offset: 1,
                body,
                body_line: line + 1,
            });
        }
        offset += raw_line.len();
    }
    Err(Diagnostic::error(
        Location::file(&file.path),
        "the front matter opened on line 1 is never closed",
    )
    .with_hint("add a line `---` after the last front matter field"))
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

fn strip_fence_line(text: &str) -> Option<&str> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    is_fence(&text[..first_line_end]).then(|| &text[first_line_end..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from("s.md"),
            text: text.to_string(),
        }
    }

    #[test]
    fn splits_front_matter_and_body_with_their_lines() {
        let f = file("---\ntitle: x\ndate: 2013\n---\nBody\n");
        let split = split(&f).unwrap();
        assert_eq!(split.front_matter, "title: x\ndate: 2013\n");
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 5);
        assert_eq!(split.front_matter_offset, 1);
    }

    #[test]
    fn accepts_crlf_and_an_empty_body() {
        let f = file("---\r\ntitle: x\r\n---\r\n");
        let split = split(&f).unwrap();
        assert_eq!(split.front_matter, "title: x\r\n");
        assert_eq!(split.body, "");
    }

    #[test]
    fn reports_an_unclosed_block() {
        let error = split(&file("---\ntitle: x\nBody\n")).unwrap_err();
        assert!(error.message.contains("never closed"));
    }

    #[test]
    fn reports_a_missing_block() {
        let error = split(&file("# Just markdown\n")).unwrap_err();
        assert!(error.message.contains("no front matter"));
    }
}
