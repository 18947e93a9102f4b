//! What every Markdown file under `content/` has, whatever it describes: where it is, where
//! its front matter and body sit, the body's text and what that text refers to. Stories,
//! actors and pages each hold one, so code about "any Markdown file" (reference checks,
//! markup warnings, page dependencies, cache keys) is written once.

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::content::body::Body;
use crate::content::body_notes::BodyNotes;
use crate::content::front_matter::Split;
use crate::content::line_index::LineIndex;
use crate::content::source_file::SourceFile;
use crate::diagnostics::Location;
use crate::fingerprint::Fingerprint;
use crate::images::BodyImageFinder;
use crate::markdown::{MarkupFinder, Reference, parser, see_reference};

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
    /// The Markdown after the front matter, as written: see [`body`](Self::body).
    body: Body,
    /// 1-based line of the body's first line in the file.
    pub body_line: u32,
    /// The `[[links]]`, embeds and citations of the body, in order, found once at load.
    pub references: Vec<Reference>,
    /// The body's images at relative paths (`![alt](../images/a.jpg)`), found once at load.
    pub images: Vec<crate::images::BodyImage>,
    /// Whether the body may link a page of the site by its path rather than its id (a
    /// plain link or link definition whose destination starts with `/`, or raw HTML with an
    /// `href`; page hrefs are root-relative, so nothing else can name a page). Found once
    /// at load, so that a page's cache key does not need the body.
    pub links_by_path: bool,
    /// Markup worth a warning and `flashpoint new`'s stand-ins left in the body, found
    /// once at load; None for a body with neither (most).
    pub notes: Option<Box<BodyNotes>>,
}

impl MarkdownDocument {
    pub(crate) fn new(file: &SourceFile, split: &Split<'_>) -> MarkdownDocument {
        let first_yaml_line = split.front_matter_offset + 1;
        let yaml_lines = split.front_matter.split_inclusive('\n').count() as u32;
        // The references, the images and the notes come from one parse of the body.
        let mut references = Vec::new();
        let mut images = BodyImageFinder::default();
        let mut markup = MarkupFinder::new(split.body);
        for (event, range) in parser(split.body).into_offset_iter() {
            see_reference(&event, range.clone(), &mut references);
            markup.see(&event, range.clone());
            images.see(&event, range);
        }
        let notes = BodyNotes::of(split.body, markup.finish());
        MarkdownDocument {
            path: file.path.clone(),
            fingerprint: Fingerprint::of(file.text.as_bytes()),
            front_matter_lines: first_yaml_line..first_yaml_line + yaml_lines,
            body: Body::Held(split.body.to_string()),
            body_line: split.body_line,
            references,
            images: images.found,
            links_by_path: may_link_by_path(split.body),
            notes,
        }
    }

    /// The Markdown after the front matter, as written. Once [released](Self::release_body)
    /// it is read again from the file, and is empty if the file is no longer as it was
    /// loaded: [`body_failure`](Self::body_failure) then says so, and a build must stop.
    pub fn body(&self) -> Cow<'_, str> {
        self.body.text(self.fingerprint)
    }

    /// Drops the body's text, to be read again from the file under `root` when asked for:
    /// for a build, which needs each body once or twice after the site is checked.
    pub fn release_body(&mut self, root: &Path) {
        self.body.release(root, &self.path);
    }

    /// Why the body, once released, could not be read again as it was loaded.
    pub fn body_failure(&self) -> Option<&str> {
        self.body.failure()
    }

    /// The whole file, for findings about the document as a whole.
    pub fn file_location(&self) -> Location {
        Location::file(&self.path)
    }

    /// Turns byte offsets into `body` (this document's [`body`](Self::body)) into file
    /// positions. Make one per document and ask it for every offset: it indexes the body's
    /// lines once, so a body with many references is located in time proportional to its
    /// size.
    pub fn body_locator<'a>(&'a self, body: &'a str) -> BodyLocator<'a> {
        BodyLocator {
            document: self,
            lines: LineIndex::new(body),
        }
    }
}

/// Whether a Markdown text may link a page of the site by its path rather than its id:
/// a plain link or link definition whose destination starts with `/`, or raw HTML with an
/// `href` (page hrefs are root-relative, so nothing else can name a page).
fn may_link_by_path(body: &str) -> bool {
    let path_after = |marker: &str| {
        memchr::memmem::find_iter(body.as_bytes(), marker).any(|at| {
            body[at + marker.len()..]
                .trim_start_matches([' ', '\t', '\n', '<'])
                .starts_with('/')
        })
    };
    path_after("](") || path_after("]:") || memchr::memmem::find(body.as_bytes(), b"href").is_some()
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
        assert_eq!(doc.body(), "Body [[a]]\n");
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
        let doc = document("---\ntitle: x\n---\nfirst\nsécond [[b]]\n");
        let body = doc.body();
        let locator = doc.body_locator(&body);
        let link = body.find("[[b]]").unwrap();
        assert_eq!(locator.locate(link).to_string(), "content/stories/s.md:5:8");
        let after_accent = body.find("cond").unwrap();
        assert_eq!(
            locator.locate(after_accent).to_string(),
            "content/stories/s.md:5:3"
        );
    }

    #[test]
    fn knows_at_load_whether_its_body_may_link_a_page_by_its_path() {
        let links = |body: &str| document(&format!("---\ntitle: x\n---\n{body}")).links_by_path;
        assert!(links("See [a]( /stories/a/).\n"));
        assert!(links("[a]: </stories/a/>\n"));
        assert!(links("<a href=\"x\">a</a>\n"));
        assert!(!links("See [[a]] and [b](https://example.org/).\n"));
        let front_matter_only = document("---\ntitle: \"[x](/a/)\"\n---\nBody\n");
        assert!(!front_matter_only.links_by_path);
    }

    #[test]
    fn equal_paths_and_bytes_make_equal_documents_and_any_edit_does_not() {
        let text = "---\ntitle: x\n---\nBody\n";
        assert_eq!(document(text), document(text));
        assert_ne!(document(text), document("---\ntitle: x\n---\nBody \n"));
    }
}
