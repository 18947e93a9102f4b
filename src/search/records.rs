//! The records of the index: what readers can find, drawn from the site model.

use crate::config::SearchMode;
use crate::markdown;
use crate::site::{Site, SiteLinks};
use crate::url::Route;

use super::RecordRef;

/// A thing readers can find.
pub(super) struct Record {
    pub url: String,
    pub title: String,
    pub kind: &'static str,
    pub text: String,
}

/// Makes the records of one site, one at a time.
pub(super) struct Records<'a> {
    site: &'a Site,
    links: SiteLinks<'a>,
    full: bool,
}

impl<'a> Records<'a> {
    pub fn new(site: &'a Site) -> Records<'a> {
        Records {
            site,
            links: SiteLinks {
                site,
                numbered_sources: None,
            },
            // Summaries mode keeps titles, summaries and headings: far less text on big sites.
            full: site.config.search == SearchMode::Full,
        }
    }

    fn text(&self, markdown: &str) -> String {
        if self.full {
            markdown::plain_text(markdown, &self.links)
        } else {
            markdown::headings_text(markdown)
        }
    }

    /// A record's URL alone, as its record gives it: what its number is made from.
    pub fn url(&self, record: RecordRef) -> String {
        let site = self.site;
        let urls = &site.urls;
        match record {
            RecordRef::Story(ix) => urls.search_href(Route::Story(&site.stories[ix].id)),
            RecordRef::Actor(ix) => urls.search_href(Route::Actor(&site.actors[ix].id)),
            RecordRef::Event(ix) => urls.search_href(Route::Event(&site.events[ix].id)),
            RecordRef::Quote(ix) => urls.search_href(Route::Quote(&site.quotes[ix].id)),
            RecordRef::Page(ix) => urls.search_href(Route::Page(&site.pages[ix].id)),
            RecordRef::Source(ix) => urls.search_href(Route::Source(&site.sources[ix].id)),
        }
    }

    /// A record's text is what its page shows readers, without the title: the title is the
    /// record's `title` meta (which pagefind searches too), and repeating it in the text would
    /// open every excerpt with it.
    pub fn record(&self, record: RecordRef) -> Record {
        let site = self.site;
        match record {
            RecordRef::Story(ix) => {
                let story = &site.stories[ix];
                Record {
                    url: site.urls.search_href(Route::Story(&story.id)),
                    title: story.title.clone(),
                    kind: "Story",
                    text: paragraphs([&story.summary, &self.text(&story.document.body())]),
                }
            }
            RecordRef::Actor(ix) => {
                let actor = &site.actors[ix];
                Record {
                    url: site.urls.search_href(Route::Actor(&actor.id)),
                    title: actor.name.clone(),
                    kind: "Actor",
                    text: paragraphs([
                        &also_known_as(&actor.aliases),
                        &actor.summary,
                        &self.text(&actor.document.body()),
                    ]),
                }
            }
            RecordRef::Event(ix) => {
                let event = &site.events[ix];
                let actors: Vec<&str> = event
                    .actors
                    .iter()
                    .filter_map(|actor| site.actor(actor.id.as_str()))
                    .map(|actor| actor.name.as_str())
                    .collect();
                let mut text = paragraphs([&self.text(&event.summary), &actors.join(", ")]);
                // pagefind leaves out a record without words in its text.
                if text.is_empty() {
                    text = event.title.clone();
                }
                Record {
                    url: site.urls.search_href(Route::Event(&event.id)),
                    title: format!("{} ({})", event.title, event.date.display()),
                    kind: "Event",
                    text,
                }
            }
            RecordRef::Quote(ix) => {
                let quote = &site.quotes[ix];
                Record {
                    url: site.urls.search_href(Route::Quote(&quote.id)),
                    title: site.credit_text(&quote.speaker),
                    kind: "Quote",
                    text: paragraphs([
                        &format!("“{}”", quote.text),
                        quote.context.as_deref().unwrap_or(""),
                    ]),
                }
            }
            RecordRef::Page(ix) => {
                let page = &site.pages[ix];
                let mut text = paragraphs([&page.summary, &self.text(&page.document.body())]);
                if text.is_empty() {
                    text = page.title.clone();
                }
                Record {
                    url: site.urls.search_href(Route::Page(&page.id)),
                    title: page.title.clone(),
                    kind: "Page",
                    text,
                }
            }
            RecordRef::Source(ix) => {
                let source = &site.sources[ix];
                let date = source.date.map(|date| date.display()).unwrap_or_default();
                let mut text = paragraphs([source.publisher.as_deref().unwrap_or(""), &date]);
                if text.is_empty() {
                    text = source.title.clone();
                }
                Record {
                    url: site.urls.search_href(Route::Source(&source.id)),
                    title: source.title.clone(),
                    kind: "Source",
                    text,
                }
            }
        }
    }
}

/// An actor's other names as its page gives them.
fn also_known_as(aliases: &[String]) -> String {
    if aliases.is_empty() {
        String::new()
    } else {
        format!("Also known as {}.", aliases.join(", "))
    }
}

/// Texts joined as paragraphs, the empty ones left out. pagefind joins lines with a space,
/// so a text that ends without punctuation gets a full stop: an excerpt then reads "Summary.
/// Body", not "Summary Body".
fn paragraphs<const N: usize>(texts: [&str; N]) -> String {
    texts
        .iter()
        .map(|text| text.trim())
        .filter(|text| !text.is_empty())
        .map(|text| {
            if text.ends_with(|c: char| c.is_ascii_punctuation() || "…”’".contains(c)) {
                text.to_string()
            } else {
                format!("{text}.")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
