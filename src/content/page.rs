//! Plain pages (`content/pages/<slug>.md`) and the home page (`content/_index.md`).

use serde::Deserialize;

use crate::content::{Alias, MarkdownDocument, ParsedFile, alias};
use crate::diagnostics::Diagnostics;
use crate::ids::PageId;
use crate::yaml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageFrontMatter {
    title: String,
    #[serde(default)]
    summary: String,
    /// Old addresses of the page, redirected to it.
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub id: PageId,
    pub title: String,
    pub summary: String,
    /// Old addresses of the page, redirected to it.
    pub aliases: Vec<Alias>,
    /// The file, its body and what the body refers to.
    pub document: MarkdownDocument,
}

pub(crate) fn from_file(
    file: ParsedFile<'_, PageFrontMatter>,
    diagnostics: &mut Diagnostics,
) -> Option<Page> {
    Some(Page {
        id: PageId::new(file.id),
        aliases: alias::aliases(&file.yaml, &file.front.aliases, diagnostics),
        title: file.front.title,
        summary: file.front.summary,
        document: file.document,
    })
}
