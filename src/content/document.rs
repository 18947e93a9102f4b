//! What every Markdown file under `content/` has, whatever it describes: where it is, where
//! its front matter and body sit, the body's text and what that text refers to. Stories,
//! actors and pages each hold one, so code about "any Markdown file" (reference checks,
//! markup warnings, page dependencies, cache keys) is written once.

use std::ops::Range;
use std::path::PathBuf;

use crate::content::front_matter::Split;
use crate::content::line_index::LineIndex;
use crate::content::source_file::SourceFile;
use crate::diagnostics::Location;
use crate::fingerprint::Fingerprint;
use crate::markdown::{Reference, references};

/// One Markdown content file as loaded: everything but its parsed front matter fields.
///
/// Every field is a function of the file's path and text, so two documents are equal
/// exactly when they were read from the same path with the same bytes; serve relies on
/// that when it compares the site before and after a save.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkdownDocument {
    /// Relative to the site root, e.g. `content/stories/x.md`.
    pub path: PathBuf,
    /// The fingerprint of the whole file, front matter included.
    pub fingerprint: Fingerprint,
    /// 1-based lines of the front matter's YAML: from the line after the opening `---` to
    /// the closing `---` (excluded).
    pub front_matter_lines: Range<u32>,
    /// The Markdown after the front matter, as written.
    pub body: String,
    /// 1-based line of the body's first line in the file.
    pub body_line: u32,
    /// The `[[links]]`, embeds and citations of the body, in order, found once at load.
    pub references: Vec<Reference>,
    /// The body's images at relative paths (`![alt](../images/a.jpg)`), found once at load.
    pub images: Vec<crate::images::BodyImage>,
}

impl MarkdownDocument {
    pub(crate) fn new(file: &SourceFile, split: &Split<'_>) -> MarkdownDocument {
        let first_yaml_line = split.front_matter_offset + 1;
        let yaml_lines = split.front_matter.split_inclusive('\n').count() as u32;
        MarkdownDocument {
            path: file.path.clone(),
            fingerprint: Fingerprint::of(file.text.as_bytes()),
            front_matter_lines: first_yaml_line..first_yaml_line + yaml_lines,
            body: split.body.to_string(),
            body_line: split.body_line,
            references: references(split.body),
            images: crate::images::body_images(split.body),
        }
    }

    /// The whole file, for findings about the document as a whole.
    pub fn file_location(&self) -> Location {
        Location::file(&self.path)
    }

    /// Turns byte offsets into [`body`](Self::body) into file positions. Make one per
    /// document and ask it for every offset: it indexes the body's lines once, so a body
    /// with many references is located in time proportional to its size.
    pub fn body_locator(&self) -> BodyLocator<'_> {
        BodyLocator {
            document: self,
            lines: LineIndex::new(&self.body),
        }
    }
}

/// File positions of offsets into one document's body (see [`MarkdownDocument::body_locator`]).
pub struct BodyLocator<'a> {
    document: &'a MarkdownDocument,
    lines: LineIndex<'a>,
}

impl BodyLocator<'_> {
    /// The file position of a byte offset into the body.
    pub fn locate(&self, offset: usize) -> Location {
        let (line, column) = self.lines.locate(offset);
        Location::new(
            &self.document.path,
            self.document.body_line + line - 1,
            column,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::split;
    use crate::markdown::ReferenceKind;

    fn document(text: &str) -> MarkdownDocument {
        let file = SourceFile {
            path: PathBuf::from("content/stories/s.md"),
            text: text.to_string(),
        };
        MarkdownDocument::new(&file, &split(&file).unwrap())
    }

    #[test]
    fn knows_where_its_front_matter_and_body_sit_in_the_file() {
        let doc = document("---\ntitle: x\ndate: 2013\n---\nBody [[a]]\n");
        assert_eq!(doc.front_matter_lines, 2..4);
        assert_eq!(doc.body, "Body [[a]]\n");
        assert_eq!(doc.body_line, 5);
        assert_eq!(doc.front_matter_lines.end + 1, doc.body_line);
    }

    #[test]
    fn finds_the_references_of_its_body_only() {
        let doc = document("---\ntitle: \"[[not-a-link]]\"\n---\nSee [[alpha]] [@src].\n");
        let found: Vec<(ReferenceKind, &str)> = doc
            .references
            .iter()
            .map(|r| (r.kind, r.target.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (ReferenceKind::Link, "alpha"),
                (ReferenceKind::Citation, "src")
            ]
        );
    }

    #[test]
    fn places_a_body_offset_at_its_line_and_column_in_the_file() {
        let doc = document("---\ntitle: x\n---\nfirst\nsecond [[b]]\n");
        let offset = doc.body.find("[[b]]").unwrap();
        assert_eq!(
            doc.body_locator().locate(offset).to_string(),
            "content/stories/s.md:5:8"
        );
    }

    #[test]
    fn equal_paths_and_bytes_make_equal_documents_and_any_edit_does_not() {
        let text = "---\ntitle: x\n---\nBody\n";
        assert_eq!(document(text), document(text));
        assert_ne!(document(text), document("---\ntitle: x\n---\nBody \n"));
    }
}
