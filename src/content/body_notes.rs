//! What the checks report about a Markdown body, found once at load while its text is at
//! hand: markup worth a warning and the stand-ins of `flashpoint new` left in place. A
//! build keeps story bodies in their files (see `body.rs`): with these and the references
//! found at load, checking a body reads it back only to place a finding at its line.

use crate::content::placeholders::{OLD_SCAFFOLD_COMMENT, STORY_BODY_PLACEHOLDER};
use crate::markdown::MarkupFindings;

/// A body's findings; a document keeps them only when there is one (most have none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyNotes {
    /// Links with a refused scheme, raw HTML, an opening never closed.
    pub markup: MarkupFindings,
    /// Where the placeholder paragraph of `flashpoint new` starts, if it was left.
    pub placeholder: Option<usize>,
    /// Where the instructions comment of older skeletons starts, if it was left.
    pub scaffold_comment: Option<usize>,
}

impl BodyNotes {
    /// The notes of `body`, given its markup findings; None when there is nothing to say.
    pub(crate) fn of(body: &str, markup: MarkupFindings) -> Option<Box<BodyNotes>> {
        let find = |needle: &str| memchr::memmem::find(body.as_bytes(), needle.as_bytes());
        let notes = BodyNotes {
            markup,
            placeholder: find(STORY_BODY_PLACEHOLDER),
            scaffold_comment: find(OLD_SCAFFOLD_COMMENT),
        };
        let nothing = notes.markup.is_empty()
            && notes.placeholder.is_none()
            && notes.scaffold_comment.is_none();
        (!nothing).then(|| Box::new(notes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{MarkupFinder, parser};

    fn notes(body: &str) -> Option<Box<BodyNotes>> {
        let mut finder = MarkupFinder::new(body);
        for (event, range) in parser(body).into_offset_iter() {
            finder.see(&event, range);
        }
        BodyNotes::of(body, finder.finish())
    }

    #[test]
    fn a_plain_body_has_no_notes() {
        assert_eq!(
            notes("Text with [[a]], [a link](https://x.org) and `code`.\n"),
            None
        );
    }

    #[test]
    fn placeholders_and_markup_are_noted_where_they_start() {
        let body =
            "Intro <b>x</b>.\n\nWrite the story here. More.\n\n<!-- Write the story below. -->\n";
        let notes = notes(body).unwrap();
        assert_eq!(notes.placeholder, body.find("Write the story here."));
        assert_eq!(notes.scaffold_comment, body.find("<!-- Write"));
        let warnings = notes.markup.warnings(true);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].offset, body.find("<b>").unwrap());
    }
}
