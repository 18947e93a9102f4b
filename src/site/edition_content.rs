//! The content of one language's edition, made from the originals and that language's
//! translations: its own home page where translated (else the original), only the stories
//! and pages translated, and every actor (translated where it is, the original otherwise).

use rustc_hash::{FxHashMap, FxHashSet};

use crate::content::Content;
use crate::content::translations::Elsewhere;
use crate::url::{Route, UrlMaker};

/// The edition of `translated`'s language; `originals` are the default language's files
/// and `urls` its URLs, for links to the pages the edition lacks.
pub fn edition_content(originals: &Content, translated: Content, urls: &UrlMaker) -> Content {
    let mut elsewhere = Elsewhere::default();
    let translated_stories: FxHashSet<_> = translated.stories.iter().map(|s| &s.id).collect();
    for story in &originals.stories {
        if !translated_stories.contains(&story.id) {
            elsewhere.links.insert(
                format!("stories/{}", story.id),
                (urls.href(Route::Story(&story.id)), story.title.clone()),
            );
        }
    }
    let translated_pages: FxHashSet<_> = translated.pages.iter().map(|p| &p.id).collect();
    for page in &originals.pages {
        if !translated_pages.contains(&page.id) {
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
fn translated_or_original<T: Clone, Id: Eq + std::hash::Hash>(
    originals: &[T],
    translated: &[T],
    id: impl Fn(&T) -> &Id,
) -> Vec<T> {
    // The first translation of an id wins, as a search from the start would find it.
    let by_id: FxHashMap<&Id, &T> = translated.iter().rev().map(|t| (id(t), t)).collect();
    originals
        .iter()
        .map(|original| (*by_id.get(id(original)).unwrap_or(&original)).clone())
        .collect()
}
