//! What the checks report about a Markdown body, found once at load while its text is at
//! hand: markup worth a warning, the stand-ins of `flashpoint new` left in place, and the
//! line and column of every offset a check may point at. A build keeps story bodies in
//! their files (see `body.rs`); with these, checking a body never reads it back.

use crate::content::line_index::LineIndex;
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

    /// Every offset the notes point at.
    pub(crate) fn offsets(&self) -> impl Iterator<Item = usize> + '_ {
        self.markup
            .offsets()
            .chain(self.placeholder)
            .chain(self.scaffold_comment)
    }
}

/// The 1-based line and column, within one body, of chosen byte offsets of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct BodyPositions(Box<[(usize, u32, u32)]>);

impl BodyPositions {
    /// The positions of `offsets` (in any order, repeats allowed) in `body`.
    pub(crate) fn of(body: &str, offsets: impl Iterator<Item = usize>) -> BodyPositions {
        let mut offsets: Vec<usize> = offsets.collect();
        if offsets.is_empty() {
            return BodyPositions::default();
        }
        offsets.sort_unstable();
        offsets.dedup();
        // In order, so the index counts each line's characters once.
        let lines = LineIndex::new(body);
        BodyPositions(
            offsets
                .into_iter()
                .map(|offset| {
                    let (line, column) = lines.locate(offset);
                    (offset, line, column)
                })
                .collect(),
        )
    }

    /// The line and column of `offset`, if it was one of those found.
    pub(crate) fn get(&self, offset: usize) -> Option<(u32, u32)> {
        let found = self
            .0
            .binary_search_by_key(&offset, |&(at, _, _)| at)
            .ok()?;
        let (_, line, column) = self.0[found];
        Some((line, column))
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
        let offsets: Vec<usize> = notes.offsets().collect();
        assert_eq!(offsets, [6, 17, 46]);
    }

    #[test]
    fn positions_are_those_of_counting_from_the_start() {
        let body = "ab\n한국 [[x]]\n\nlast 한 [[y]]";
        let wanted = [
            body.find("[[y]]").unwrap(),
            0,
            body.find("[[x]]").unwrap(),
            0,
        ];
        let positions = BodyPositions::of(body, wanted.into_iter());
        assert_eq!(positions.get(wanted[0]), Some((4, 8)));
        assert_eq!(positions.get(wanted[2]), Some((2, 4)));
        assert_eq!(positions.get(0), Some((1, 1)));
        assert_eq!(positions.get(1), None, "not asked for");
    }
}
