//! Authors: `content/authors/<id>.md`, the people whose bylines stories carry. The front
//! matter names them and their role; the body is their short biography.

use serde::Deserialize;

use crate::content::{MarkdownDocument, ParsedFile};
use crate::diagnostics::Diagnostics;
use crate::ids::AuthorId;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkFrontMatter {
    title: String,
    url: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AuthorFrontMatter {
    name: String,
    #[serde(default)]
    role: String,
    /// A picture of the author: a path under the site's `static/`, or a full URL.
    #[serde(default)]
    photo: Option<String>,
    /// Where else to find the author (a profile, a newsroom page).
    #[serde(default)]
    links: Vec<LinkFrontMatter>,
}

/// A link of an author's, shown on their page.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorLink {
    pub title: String,
    pub url: String,
}

/// Someone who writes the explainer's stories.
#[derive(Debug, Clone, PartialEq)]
pub struct Author {
    pub id: AuthorId,
    pub name: String,
    pub role: String,
    pub photo: Option<String>,
    pub links: Vec<AuthorLink>,
    /// The file, its body (the biography) and what the body refers to.
    pub document: MarkdownDocument,
}

pub(crate) fn from_file(
    file: ParsedFile<'_, AuthorFrontMatter>,
    _diagnostics: &mut Diagnostics,
) -> Option<Author> {
    let ParsedFile {
        id,
        front,
        document,
        ..
    } = file;
    Some(Author {
        id: AuthorId::new(id),
        name: crate::markdown::smart_punctuation(front.name.trim()),
        role: crate::markdown::smart_punctuation(front.role.trim()),
        photo: front.photo.map(|photo| photo.trim().to_string()),
        links: front
            .links
            .into_iter()
            .map(|link| AuthorLink {
                title: link.title.trim().to_string(),
                url: link.url.trim().to_string(),
            })
            .collect(),
        document,
    })
}
