//! Contexts of the newsroom pages (authors, an author, corrections, a series) and the
//! newsroom parts of a story page: its byline, corrections, place in a series, the stories
//! before and after it, its reading time and its JSON-LD.

use serde::Serialize;

use super::ContextBuilder;
use crate::content::Correction;
use crate::markdown;
use crate::render::pages::{PageKind, PageMeta};
use crate::render::views::{CorrectionView, Link, StoryCard};
use crate::site::{Corrected, CorrectionRef, Site, StoryIx};
use crate::url::Route;

/// An author as a byline shows them.
#[derive(Serialize)]
pub(super) struct BylineAuthor<'a> {
    name: &'a str,
    role: &'a str,
    url: String,
}

/// A correction on the corrections page, with what it corrects.
#[derive(Serialize)]
pub(super) struct CorrectionEntry {
    #[serde(flatten)]
    correction: CorrectionView,
    /// `story`, `actor`, `event`, `figure` or `quote`.
    kind: &'static str,
    title: String,
    corrected_url: String,
}

/// Where a story sits in its series.
#[derive(Serialize)]
pub(super) struct SeriesNav<'a> {
    title: &'a str,
    url: String,
    part: usize,
    total: usize,
    previous: Option<Link<'a>>,
    next: Option<Link<'a>>,
    parts: Vec<SeriesPartView<'a>>,
}

#[derive(Serialize)]
pub(super) struct SeriesPartView<'a> {
    part: usize,
    title: &'a str,
    url: String,
    current: bool,
}

/// The newsroom parts of a story page, flattened into its context.
#[derive(Serialize)]
pub(super) struct StoryNewsroom<'a> {
    byline: Vec<BylineAuthor<'a>>,
    corrections: Vec<CorrectionView>,
    series: Option<SeriesNav<'a>>,
    /// The story published just before this one, and just after.
    older: Option<Link<'a>>,
    newer: Option<Link<'a>>,
    reading_minutes: usize,
    /// The `NewsArticle` JSON-LD, safe inside a `<script>` element.
    json_ld: String,
}

#[derive(Serialize)]
pub(super) struct AuthorSummary<'a> {
    #[serde(flatten)]
    author: BylineAuthor<'a>,
    count: usize,
}

#[derive(Serialize)]
pub(super) struct AuthorsContext<'a> {
    page: PageMeta<'a>,
    authors: Vec<AuthorSummary<'a>>,
}

#[derive(Serialize)]
pub(super) struct AuthorLinkView<'a> {
    title: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
pub(super) struct AuthorContext<'a> {
    page: PageMeta<'a>,
    author: BylineAuthor<'a>,
    photo: Option<String>,
    links: Vec<AuthorLinkView<'a>>,
    bio_html: String,
    stories: Vec<StoryCard<'a>>,
}

#[derive(Serialize)]
pub(super) struct CorrectionsContext<'a> {
    page: PageMeta<'a>,
    corrections: Vec<CorrectionEntry>,
    feed_url: String,
}

#[derive(Serialize)]
pub(super) struct SeriesContext<'a> {
    page: PageMeta<'a>,
    title: &'a str,
    stories: Vec<StoryCard<'a>>,
}

/// The series the home page offers as the place to start.
#[derive(Serialize)]
pub(super) struct StartHere<'a> {
    title: &'a str,
    url: String,
    parts: Vec<Link<'a>>,
}

/// The path of the corrections feed.
pub(crate) const CORRECTIONS_FEED: &str = crate::feeds::CORRECTIONS_FEED_FILE;

impl<'a> ContextBuilder<'a> {
    fn byline_author(&self, ix: usize) -> BylineAuthor<'a> {
        let author = &self.site.authors[ix];
        BylineAuthor {
            name: &author.name,
            role: &author.role,
            url: self.site.urls.href(Route::Author(&author.id)),
        }
    }

    fn story_link(&self, ix: StoryIx) -> Link<'a> {
        let story = &self.site.stories[ix];
        Link {
            title: &story.title,
            url: self.site.urls.href(Route::Story(&story.id)),
        }
    }

    fn correction_view(&self, at: CorrectionRef, correction: &Correction) -> CorrectionView {
        correction_view(self.site, at, correction, &|text| {
            markdown::render_inline(text, &self.page_markdown(None), self.renderer.highlighter())
        })
    }

    /// The corrections of one record, newest first.
    pub(super) fn corrections_of(&self, corrected: Corrected) -> Vec<CorrectionView> {
        corrections_of(self.site, corrected, &|text| {
            markdown::render_inline(text, &self.page_markdown(None), self.renderer.highlighter())
        })
    }

    /// `text` is the story's as it reads ([`markdown::plain_text`]), from the pass that
    /// drew its body.
    pub(super) fn story_newsroom(&self, ix: StoryIx, text: &str) -> StoryNewsroom<'a> {
        let site = self.site;
        StoryNewsroom {
            byline: site.story_authors[ix]
                .iter()
                .map(|&a| self.byline_author(a))
                .collect(),
            corrections: self.corrections_of(Corrected::Story(ix)),
            series: self.series_nav(ix),
            older: (ix + 1 < site.stories.len()).then(|| self.story_link(ix + 1)),
            newer: ix.checked_sub(1).map(|newer| self.story_link(newer)),
            reading_minutes: markdown::reading_minutes(text),
            json_ld: self.json_ld(ix),
        }
    }

    fn series_nav(&self, ix: StoryIx) -> Option<SeriesNav<'a>> {
        let (series_ix, position) = self.site.story_series[ix]?;
        let series = &self.site.series[series_ix];
        Some(SeriesNav {
            title: &series.title,
            url: self.site.urls.href(Route::Series(&series.id)),
            part: position + 1,
            total: series.parts.len(),
            previous: position
                .checked_sub(1)
                .map(|p| self.story_link(series.parts[p])),
            next: series.parts.get(position + 1).map(|&s| self.story_link(s)),
            parts: series
                .parts
                .iter()
                .enumerate()
                .map(|(n, &s)| SeriesPartView {
                    part: n + 1,
                    title: &self.site.stories[s].title,
                    url: self.site.urls.href(Route::Story(&self.site.stories[s].id)),
                    current: s == ix,
                })
                .collect(),
        })
    }

    /// schema.org `NewsArticle` metadata for search engines and link unfurlers.
    fn json_ld(&self, ix: StoryIx) -> String {
        let site = self.site;
        let story = &site.stories[ix];
        let urls = &site.urls;
        let modified = story
            .corrections
            .iter()
            .map(|c| c.date)
            .chain(story.updated)
            .fold(story.date, |a, b| a.max(b));
        let authors: Vec<serde_json::Value> = site.story_authors[ix]
            .iter()
            .map(|&a| {
                let author = &site.authors[a];
                serde_json::json!({
                    "@type": "Person",
                    "name": author.name,
                    "url": urls.absolute(Route::Author(&author.id)),
                })
            })
            .collect();
        let mut article = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": story.title,
            "description": story.summary,
            "datePublished": story.date.iso(),
            "dateModified": modified.iso(),
            "mainEntityOfPage": urls.absolute(Route::Story(&story.id)),
            "publisher": {
                "@type": "Organization",
                "name": site.config.title,
                "url": urls.absolute(Route::Home),
            },
        });
        if !authors.is_empty() {
            article["author"] = serde_json::Value::Array(authors);
        }
        // `<` is escaped so that no text in the data can close the script element.
        article.to_string().replace('<', "\\u003c")
    }

    pub(super) fn start_here(&self) -> Option<StartHere<'a>> {
        let series = self.site.series.iter().find(|s| s.start_here)?;
        Some(StartHere {
            title: &series.title,
            url: self.site.urls.href(Route::Series(&series.id)),
            parts: series.parts.iter().map(|&s| self.story_link(s)).collect(),
        })
    }

    pub(super) fn authors(&self, kind: PageKind) -> AuthorsContext<'a> {
        AuthorsContext {
            page: self.section_meta(kind, "authors"),
            authors: (0..self.site.authors.len())
                .map(|ix| AuthorSummary {
                    author: self.byline_author(ix),
                    count: self.site.author_stories[ix].len(),
                })
                .collect(),
        }
    }

    pub(super) fn author(&self, kind: PageKind, ix: usize) -> AuthorContext<'a> {
        let author = &self.site.authors[ix];
        AuthorContext {
            page: self.meta(kind, "author", &author.name, &author.role),
            author: self.byline_author(ix),
            photo: author.photo.as_deref().map(|photo| {
                if photo.contains("://") {
                    photo.to_string()
                } else {
                    self.site.urls.asset_href(photo)
                }
            }),
            links: author
                .links
                .iter()
                .map(|link| AuthorLinkView {
                    title: &link.title,
                    url: &link.url,
                })
                .collect(),
            bio_html: self.document_html(&author.document),
            stories: self.site.author_stories[ix]
                .iter()
                .map(|&s| self.views.story_card(s))
                .collect(),
        }
    }

    pub(super) fn corrections_page(&self, kind: PageKind) -> CorrectionsContext<'a> {
        let site = self.site;
        let corrections = site
            .corrections
            .iter()
            .map(|&at| {
                let (kind, title, route) = match at.corrected {
                    Corrected::Story(ix) => {
                        let story = &site.stories[ix];
                        ("story", story.title.clone(), Route::Story(&story.id))
                    }
                    Corrected::Actor(ix) => {
                        let actor = &site.actors[ix];
                        ("actor", actor.name.clone(), Route::Actor(&actor.id))
                    }
                    Corrected::Event(ix) => {
                        let event = &site.events[ix];
                        ("event", event.title.clone(), Route::Event(&event.id))
                    }
                    Corrected::Figure(ix) => {
                        let figure = &site.forces[ix];
                        let actor = site
                            .actor(figure.actor.id.as_str())
                            .map_or(figure.actor.id.as_str(), |a| a.name.as_str());
                        let title = format!(
                            "{actor}: {}, {}",
                            figure.measure_text,
                            figure.as_of.display()
                        );
                        ("figure", title, Route::Forces)
                    }
                    Corrected::Quote(ix) => {
                        let quote = &site.quotes[ix];
                        ("quote", quote_title(&quote.text), Route::Quote(&quote.id))
                    }
                };
                CorrectionEntry {
                    correction: self.correction_view(at, site.correction(at)),
                    kind,
                    title,
                    corrected_url: site.urls.href(route),
                }
            })
            .collect();
        CorrectionsContext {
            page: self.section_meta(kind, "corrections"),
            corrections,
            feed_url: site.urls.asset_href(CORRECTIONS_FEED),
        }
    }

    pub(super) fn series_page(&self, kind: PageKind, ix: usize) -> SeriesContext<'a> {
        let series = &self.site.series[ix];
        SeriesContext {
            page: self.meta(kind, "series", &series.title, ""),
            title: &series.title,
            stories: series
                .parts
                .iter()
                .map(|&s| self.views.story_card(s))
                .collect(),
        }
    }
}

/// A correction's number on the corrections page: counted from the oldest, so that it
/// stays the same when newer corrections are added.
fn correction_number(site: &Site, at: CorrectionRef) -> usize {
    let position = site.corrections.iter().position(|&c| c == at).unwrap_or(0);
    site.corrections.len() - position
}

fn correction_view(
    site: &Site,
    at: CorrectionRef,
    correction: &Correction,
    render_inline: &dyn Fn(&str) -> String,
) -> CorrectionView {
    let route = Route::Correction(correction_number(site, at));
    CorrectionView {
        date: crate::render::views::DateView {
            iso: correction.date.iso(),
            display: crate::render::i18n::formats::format_date(
                correction.date,
                &site.config.language,
            ),
        },
        text_html: render_inline(&correction.text),
        url: site.urls.href(route),
        anchor: route.anchor().unwrap_or_default(),
    }
}

/// The corrections of one record, newest first, their Markdown drawn by `render_inline`.
pub(crate) fn corrections_of(
    site: &Site,
    corrected: Corrected,
    render_inline: &dyn Fn(&str) -> String,
) -> Vec<CorrectionView> {
    site.corrections
        .iter()
        .filter(|c| c.corrected == corrected)
        .map(|&c| correction_view(site, c, site.correction(c), render_inline))
        .collect()
}

/// A quote named by its first words.
fn quote_title(text: &str) -> String {
    const WORDS: usize = 8;
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= WORDS {
        format!("“{}”", words.join(" "))
    } else {
        format!("“{}…”", words[..WORDS].join(" "))
    }
}
