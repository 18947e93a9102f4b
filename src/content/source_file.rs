//! Reading one editor-written file: UTF-8, not empty, with its site-relative path.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Location};
use crate::error::Result;
use crate::fs;

/// The text of one input file, and its path relative to the site root.
/// The error for a file with nothing but white space in it; `serve` looks for it to tell a
/// save caught half written.
pub(crate) const EMPTY_FILE: &str = "this file is empty";

pub(crate) struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

/// Reads `root/relative`. Ok(Err) is a problem with the file the editor can fix.
pub(crate) fn read(
    root: &Path,
    relative: &Path,
) -> Result<std::result::Result<SourceFile, Diagnostic>> {
    let bytes = fs::read(&root.join(relative))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let (line, column) = line_and_column(valid, valid.len());
            return Ok(Err(Diagnostic::error(
                Location::new(relative, line, column),
                "this file is not valid UTF-8",
            )
            .with_hint("save the file with UTF-8 encoding")));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.trim().is_empty() {
        return Ok(Err(Diagnostic::error(Location::file(relative), EMPTY_FILE)
            .with_hint(
                "add front matter between --- lines, or delete the file",
            )));
    }
    Ok(Ok(SourceFile {
        path: relative.to_path_buf(),
        text,
    }))
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_and_column(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() as u32 + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let text = "ab\n한국 x";
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 3), (2, 1));
        assert_eq!(line_and_column(text, text.find('x').unwrap()), (2, 4));
    }
}
