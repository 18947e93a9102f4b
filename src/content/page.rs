//! Plain pages (`content/pages/<slug>.md`) and the home page (`content/_index.md`).

use serde::Deserialize;

use crate::content::key_facts::{self, KeyFacts, RawKeyFacts};
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

/// The home page's front matter: a plain page's, and the explainer's key facts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HomeFrontMatter {
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    key_facts: Option<RawKeyFacts>,
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
    /// Only the home page has them (`key_facts:` in `content/_index.md`).
    pub key_facts: Option<KeyFacts>,
}

pub(crate) fn from_file(
    file: ParsedFile<'_, PageFrontMatter>,
    diagnostics: &mut Diagnostics,
) -> Option<Page> {
    Some(Page {
        id: PageId::new(file.id),
        aliases: alias::aliases(&file.yaml, &file.front.aliases, diagnostics),
        title: crate::markdown::smart_punctuation(&file.front.title),
        summary: crate::markdown::smart_punctuation(&file.front.summary),
        document: file.document,
        key_facts: None,
    })
}

pub(crate) fn home_from_file(
    file: ParsedFile<'_, HomeFrontMatter>,
    _: &mut Diagnostics,
) -> Option<Page> {
    let ParsedFile {
        id,
        front,
        yaml,
        document,
    } = file;
    Some(Page {
        id: PageId::new(id),
        // The home page keeps its address whatever it was called before.
        aliases: Vec::new(),
        title: crate::markdown::smart_punctuation(&front.title),
        summary: crate::markdown::smart_punctuation(&front.summary),
        document,
        key_facts: front.key_facts.map(|raw| key_facts::from_raw(raw, &yaml)),
    })
}
