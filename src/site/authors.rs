//! Bylines: every author id a story names must have a file in `content/authors/`, and each
//! author knows the stories they wrote, newest first.

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::site::{Site, indexes};

/// Indexes the authors, reports unknown author ids where they are written, and links each
/// author to their stories (and each story to its authors, in byline order).
pub(super) fn link_authors(site: &mut Site, diagnostics: &mut Diagnostics) {
    site.index.authors = indexes::index(
        site.authors
            .iter()
            .map(|a| (a.id.clone(), a.document.file_location())),
        "author",
        diagnostics,
    );
    let mut author_stories = vec![Vec::new(); site.authors.len()];
    let mut story_authors = Vec::with_capacity(site.stories.len());
    for (story_ix, story) in site.stories.iter().enumerate() {
        let mut byline = Vec::new();
        for reference in &story.authors {
            let id = reference.id.as_str();
            match site.index.authors.get(id) {
                Some(&author_ix) if !byline.contains(&author_ix) => {
                    byline.push(author_ix);
                    author_stories[author_ix].push(story_ix);
                }
                Some(_) => diagnostics.push(
                    Diagnostic::warning(
                        reference.at.clone(),
                        format!("the author `{id}` is named twice in this byline"),
                    )
                    .with_hint("name each author once"),
                ),
                None if site.dropped.authors.may_hold(id) => {}
                None => {
                    let known = site.authors.iter().map(|a| a.id.as_str());
                    diagnostics.push(
                        Diagnostic::error(reference.at.clone(), format!("unknown author `{id}`"))
                            .with_hint(did_you_mean(id, known).unwrap_or_else(|| {
                                format!(
                                    "no author has this id: add content/authors/{id}.md with \
                                     `name:` and `role:`"
                                )
                            }))
                            .as_reference(),
                    );
                }
            }
        }
        story_authors.push(byline);
    }
    site.author_stories = author_stories;
    site.story_authors = story_authors;
}
