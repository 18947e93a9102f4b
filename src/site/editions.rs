//! A site in several languages is one [`Site`] per language: the default language's
//! model holds the others ([`Site::other_editions`]). Each edition knows which pages every
//! edition has ([`Editions`]), for the `hreflang` alternates, the language switcher and the
//! sitemap.

use std::collections::HashSet;
use std::sync::Arc;

use crate::config::Language;
use crate::url::{Route, UrlMaker};

use super::Site;

/// One language's edition, as the others see it.
#[derive(Debug, Clone)]
pub struct EditionEntry {
    pub language: Language,
    pub urls: UrlMaker,
    /// Ids of the stories and pages it has: in the other languages, only those translated.
    pub stories: HashSet<String>,
    pub pages: HashSet<String>,
    /// Slugs of its tags: a tag written only in another language's stories has no page here.
    pub tags: HashSet<String>,
    /// Ids of its series: a series whose parts are not translated has no page here.
    pub series: HashSet<String>,
    /// Ids of its authors (none: no author pages).
    pub authors: HashSet<String>,
    /// Whether it has a corrections page.
    pub corrections: bool,
}

impl EditionEntry {
    /// Whether this edition has its own version of the page at `route`. Lists, actors and
    /// the home page exist in every edition; stories and pages only where written.
    pub fn has(&self, route: Route<'_>) -> bool {
        match route {
            Route::Story(id) => self.stories.contains(id.as_str()),
            Route::Page(id) => self.pages.contains(id.as_str()),
            Route::Tag(slug) => self.tags.contains(slug.as_str()),
            Route::Series(id) => self.series.contains(id.as_str()),
            Route::Authors => !self.authors.is_empty(),
            Route::Author(id) => self.authors.contains(id.as_str()),
            Route::Corrections | Route::Correction(_) => self.corrections,
            // The other pages of a list hold other stories in each edition: not the same page.
            Route::NotFound | Route::HomePage(_) | Route::TagPage(..) => false,
            _ => true,
        }
    }
}

/// Every edition of the site, the default language first.
#[derive(Debug, Clone, Default)]
pub struct Editions {
    pub entries: Vec<EditionEntry>,
}

impl Editions {
    /// The entry of one edition's site model.
    pub fn entry_of(site: &Site) -> EditionEntry {
        EditionEntry {
            language: site.config.edition_language(),
            urls: site.urls.clone(),
            stories: site.stories.iter().map(|s| s.id.to_string()).collect(),
            pages: site.pages.iter().map(|p| p.id.to_string()).collect(),
            tags: site.tags.iter().map(|t| t.tag.slug.to_string()).collect(),
            series: site.series.iter().map(|s| s.id.to_string()).collect(),
            authors: site.authors.iter().map(|a| a.id.to_string()).collect(),
            corrections: !site.corrections.is_empty(),
        }
    }
}

/// The alternates of one page: in each edition that has it, its absolute URL.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Alternate {
    pub code: String,
    pub name: String,
    /// The page in that language, or that edition's home when it has no translation.
    pub url: String,
    pub absolute_url: String,
    /// Whether `url` is the same page (false: the edition's home instead).
    pub translated: bool,
    /// Whether this is the edition the page belongs to.
    pub current: bool,
}

impl Site {
    /// Every edition's version of the page at `route`, in the order of `languages:`; empty
    /// for a site in one language.
    pub fn alternates(&self, route: Route<'_>) -> Vec<Alternate> {
        self.editions
            .entries
            .iter()
            .map(|entry| {
                let translated = entry.has(route);
                let target = if translated { route } else { Route::Home };
                Alternate {
                    code: entry.language.code.clone(),
                    name: entry.language.name.clone(),
                    url: entry.urls.href(target),
                    absolute_url: entry.urls.absolute(target),
                    translated,
                    current: entry.language.code == self.config.language,
                }
            })
            .collect()
    }

    /// Shares the list of editions with every edition's model.
    pub(crate) fn link_editions(&mut self) {
        if self.other_editions.is_empty() {
            return;
        }
        let mut entries = vec![Editions::entry_of(self)];
        entries.extend(self.other_editions.iter().map(Editions::entry_of));
        let editions = Arc::new(Editions { entries });
        self.editions = editions.clone();
        for other in &mut self.other_editions {
            other.editions = editions.clone();
        }
    }
}
