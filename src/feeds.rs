//! Machine-readable companions of the site: an Atom feed of the newest stories,
//! sitemap.xml and robots.txt. This module gathers what goes in them; the theme's
//! templates of the same names (`atom.xml`, `sitemap.xml`, `robots.txt`) write them.
//! Dates come from the content, never from the clock, so identical input gives
//! identical files.

use serde::Serialize;

use crate::date::PartialDate;
use crate::site::Site;
use crate::url::Route;

pub const ATOM_FILE: &str = "atom.xml";
pub const SITEMAP_FILE: &str = "sitemap.xml";
pub const ROBOTS_FILE: &str = "robots.txt";

/// How many of the newest stories the feed carries.
const FEED_ENTRIES: usize = 50;

/// RFC 3339 timestamp at midnight UTC of a date (a partial date counts from its first day).
fn timestamp(date: PartialDate) -> String {
    format!(
        "{}-{:02}-{:02}T00:00:00Z",
        date.year(),
        date.month().unwrap_or(1),
        date.day().unwrap_or(1)
    )
}

/// What `atom.xml` receives (besides `site` and the other globals).
#[derive(Serialize)]
pub struct FeedContext<'a> {
    /// The feed's own absolute URL.
    pub feed_url: String,
    /// The newest story date (its `updated` if later), as an RFC 3339 timestamp.
    pub updated: String,
    /// The newest stories, newest first.
    pub entries: Vec<FeedEntry<'a>>,
}

/// One story in the feed.
#[derive(Serialize)]
pub struct FeedEntry<'a> {
    pub title: &'a str,
    /// Absolute URL of the story page.
    pub url: String,
    pub published: String,
    pub updated: String,
    pub summary: &'a str,
    pub tags: Vec<FeedTag<'a>>,
    /// The byline's names, in order.
    pub authors: Vec<&'a str>,
    /// The story's corrections, newest first, as plain text.
    pub corrections: Vec<FeedCorrection<'a>>,
}

/// A correction as a feed carries it.
#[derive(Serialize)]
pub struct FeedCorrection<'a> {
    /// ISO date.
    pub date: String,
    /// As written (Markdown): the feed escapes it.
    pub text: &'a str,
}

/// What `corrections_atom.xml` receives: every correction, newest first.
#[derive(Serialize)]
pub struct CorrectionsFeedContext {
    pub feed_url: String,
    /// The corrections page's absolute URL.
    pub page_url: String,
    pub updated: String,
    pub entries: Vec<CorrectionsFeedEntry>,
}

/// One correction in the corrections feed.
#[derive(Serialize)]
pub struct CorrectionsFeedEntry {
    /// What it corrects.
    pub title: String,
    /// Its entry on the corrections page (absolute), which is also its id.
    pub url: String,
    pub updated: String,
    pub text: String,
}

#[derive(Serialize)]
pub struct FeedTag<'a> {
    pub slug: &'a str,
    pub name: &'a str,
}

/// What `sitemap.xml` receives.
#[derive(Serialize)]
pub struct SitemapContext {
    pub pages: Vec<SitemapPage>,
    /// Whether pages list their other languages' versions (`xhtml:link`).
    pub multilingual: bool,
}

/// Another language's version of a page, for the sitemap.
#[derive(Serialize)]
pub struct SitemapAlternate {
    /// The language tag, or `x-default`.
    pub code: String,
    pub url: String,
}

/// One page in the sitemap.
#[derive(Serialize)]
pub struct SitemapPage {
    /// Absolute URL.
    pub url: String,
    /// A story's date (its `updated` if set), as an ISO date; none for other pages.
    pub lastmod: Option<String>,
    /// Every language's version of the page, the page itself included; empty for a site
    /// in one language.
    pub alternates: Vec<SitemapAlternate>,
}

/// What `robots.txt` receives.
#[derive(Serialize)]
pub struct RobotsContext {
    /// Absolute URL of sitemap.xml.
    pub sitemap_url: String,
}

/// The feed's content: the newest stories.
pub fn feed(site: &Site) -> FeedContext<'_> {
    let urls = &site.urls;
    let updated = site
        .stories
        .iter()
        .map(|s| s.updated.unwrap_or(s.date))
        .max();
    FeedContext {
        feed_url: urls.absolute(Route::SitePath(&format!("{}{ATOM_FILE}", urls.edition()))),
        updated: updated.map_or_else(|| "1970-01-01T00:00:00Z".to_string(), timestamp),
        entries: site
            .stories
            .iter()
            .take(FEED_ENTRIES)
            .enumerate()
            .map(|(ix, story)| FeedEntry {
                title: &story.title,
                url: urls.absolute(Route::Story(&story.id)),
                published: timestamp(story.date),
                updated: timestamp(story.updated.unwrap_or(story.date)),
                summary: &story.summary,
                tags: story
                    .tags
                    .iter()
                    .map(|tag| FeedTag {
                        slug: tag.slug.as_str(),
                        name: &tag.name,
                    })
                    .collect(),
                authors: site.story_authors[ix]
                    .iter()
                    .map(|&a| site.authors[a].name.as_str())
                    .collect(),
                corrections: story
                    .corrections
                    .iter()
                    .rev()
                    .map(|c| FeedCorrection {
                        date: c.date.iso(),
                        text: &c.text,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The corrections feed's file, drawn by the theme's template of the same base name.
pub const CORRECTIONS_FEED_FILE: &str = "corrections/atom.xml";
/// The template that draws it.
pub const CORRECTIONS_FEED_TEMPLATE: &str = "corrections_atom.xml";

/// The corrections feed's content; none for a site without corrections.
pub fn corrections_feed(site: &Site) -> Option<CorrectionsFeedContext> {
    let urls = &site.urls;
    let newest = site.correction(*site.corrections.first()?).date;
    let total = site.corrections.len();
    let entries = site
        .corrections
        .iter()
        .enumerate()
        .map(|(position, &at)| {
            let correction = site.correction(at);
            let title = match at.corrected {
                crate::site::Corrected::Story(ix) => site.stories[ix].title.clone(),
                crate::site::Corrected::Actor(ix) => site.actors[ix].name.clone(),
                crate::site::Corrected::Event(ix) => site.events[ix].title.clone(),
                crate::site::Corrected::Figure(ix) => {
                    let figure = &site.forces[ix];
                    format!("{}, {}", figure.measure_text, figure.as_of.display())
                }
                crate::site::Corrected::Quote(ix) => format!("Quote {}", site.quotes[ix].id),
            };
            CorrectionsFeedEntry {
                title: format!("Correction: {title}"),
                url: urls.absolute(Route::Correction(total - position)),
                updated: timestamp(correction.date),
                text: correction.text.clone(),
            }
        })
        .collect();
    Some(CorrectionsFeedContext {
        feed_url: urls.absolute(Route::SitePath(CORRECTIONS_FEED_FILE)),
        page_url: urls.absolute(Route::Corrections),
        updated: timestamp(newest),
        entries,
    })
}

/// The sitemap's content: every page (absolute URLs), with story dates as lastmod.
pub fn sitemap(
    pages: impl Iterator<Item = (String, Option<PartialDate>, Vec<SitemapAlternate>)>,
    multilingual: bool,
) -> SitemapContext {
    SitemapContext {
        pages: pages
            .map(|(url, lastmod, alternates)| SitemapPage {
                url,
                lastmod: lastmod.map(|date| date.iso()),
                alternates,
            })
            .collect(),
        multilingual,
    }
}

/// robots.txt's content: where the sitemap is.
pub fn robots(site: &Site) -> RobotsContext {
    RobotsContext {
        sitemap_url: site.urls.absolute(Route::SitePath(SITEMAP_FILE)),
    }
}

#[cfg(test)]
mod tests {
    use super::timestamp;
    use crate::date::PartialDate;

    #[test]
    fn timestamps_start_partial_dates_on_their_first_day() {
        assert_eq!(
            timestamp(PartialDate::parse("2013-03-20").unwrap()),
            "2013-03-20T00:00:00Z"
        );
        assert_eq!(
            timestamp(PartialDate::parse("2013-03").unwrap()),
            "2013-03-01T00:00:00Z"
        );
        assert_eq!(
            timestamp(PartialDate::parse("2013").unwrap()),
            "2013-01-01T00:00:00Z"
        );
    }
}
