//! Plain pages (`content/pages/<slug>.md`) and the home page (`content/_index.md`).

use std::path::PathBuf;

use serde::Deserialize;

use crate::content::Document;
use crate::diagnostics::Diagnostics;
use crate::fingerprint::Fingerprint;
use crate::ids::PageId;
use crate::markdown::{Reference, references};

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
    pub path: PathBuf,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub body_line: u32,
    /// The fingerprint of the file this was read from.
    pub source: Fingerprint,
    /// The `[[links]]`, embeds and citations of the body, in order.
    pub references: Vec<Reference>,
}

pub(crate) fn from_document(
    document: Document<'_, PageFrontMatter>,
    _: &mut Diagnostics,
) -> Option<Page> {
    Some(Page {
        id: PageId::new(document.id),
        path: document.yaml.path.to_path_buf(),
        title: document.front.title,
        summary: document.front.summary,
        body: document.body.to_string(),
        body_line: document.body_line,
        source: document.source,
        references: references(document.body),
    })
}
