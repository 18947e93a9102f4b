//! The content of one language's edition, made from the originals and that language's
//! translations: its own home page where translated (else the original), only the stories
//! and pages translated, and every actor (translated where it is, the original otherwise).

use crate::content::Content;
use crate::content::translations::Elsewhere;
use crate::url::{Route, UrlMaker};

/// The edition of `translated`'s language; `originals` are the default language's files
/// and `urls` its URLs, for links to the pages the edition lacks.
pub fn edition_content(originals: &Content, translated: Content, urls: &UrlMaker) -> Content {
    let mut elsewhere = Elsewhere::default();
    for story in &originals.stories {
        if !translated.stories.iter().any(|s| s.id == story.id) {
            elsewhere.links.insert(
                format!("stories/{}", story.id),
                (urls.href(Route::Story(&story.id)), story.title.clone()),
            );
        }
    }
    for page in &originals.pages {
        if !translated.pages.iter().any(|p| p.id == page.id) {
            elsewhere.links.insert(
                format!("pages/{}", page.id),
                (urls.href(Route::Page(&page.id)), page.title.clone()),
            );
        }
    }
    let actors = translated_or_original(&originals.actors, &translated.actors, |a| &a.id);
    let authors = translated_or_original(&originals.authors, &translated.authors, |a| &a.id);
    Content {
        home: translated.home.or_else(|| originals.home.clone()),
        authors,
        stories: translated.stories,
        actors,
        pages: translated.pages,
        drafts: originals.drafts.clone(),
        dropped: originals.dropped.clone(),
        translations: Vec::new(),
        elsewhere,
    }
}

/// Every original record, replaced by its translation where the edition has one: actors and
/// authors exist in every edition, translated or not.
fn translated_or_original<T: Clone, Id: PartialEq>(
    originals: &[T],
    translated: &[T],
    id: impl Fn(&T) -> &Id,
) -> Vec<T> {
    originals
        .iter()
        .map(|original| {
            translated
                .iter()
                .find(|t| id(t) == id(original))
                .unwrap_or(original)
                .clone()
        })
        .collect()
}
