//! Plain pages (`content/pages/<slug>.md`) and the home page (`content/_index.md`).

use serde::Deserialize;

use crate::content::{MarkdownDocument, ParsedFile};
use crate::diagnostics::Diagnostics;
use crate::ids::PageId;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageFrontMatter {
    title: String,
    #[serde(default)]
    summary: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub id: PageId,
    pub title: String,
    pub summary: String,
    /// The file, its body and what the body refers to.
    pub document: MarkdownDocument,
}

pub(crate) fn from_file(
    file: ParsedFile<'_, PageFrontMatter>,
    _: &mut Diagnostics,
) -> Option<Page> {
    Some(Page {
        id: PageId::new(file.id),
        title: crate::markdown::smart_punctuation(&file.front.title),
        summary: crate::markdown::smart_punctuation(&file.front.summary),
        document: file.document,
    })
}
