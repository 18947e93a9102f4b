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

    pub fn record(&self, record: RecordRef) -> Record {
        let site = self.site;
        match record {
            RecordRef::Story(ix) => {
                let story = &site.stories[ix];
                Record {
                    url: site.urls.search_href(Route::Story(&story.id)),
                    title: story.title.clone(),
                    kind: "Story",
                    text: format!(
                        "{}\n{}\n{}",
                        story.title,
                        story.summary,
                        self.text(&story.document.body)
                    ),
                }
            }
            RecordRef::Actor(ix) => {
                let actor = &site.actors[ix];
                Record {
                    url: site.urls.search_href(Route::Actor(&actor.id)),
                    title: actor.name.clone(),
                    kind: "Actor",
                    text: format!(
                        "{}\n{}\n{}\n{}",
                        actor.name,
                        actor.aliases.join(", "),
                        actor.summary,
                        self.text(&actor.document.body)
                    ),
                }
            }
            RecordRef::Event(ix) => {
                let event = &site.events[ix];
                Record {
                    url: site.urls.search_href(Route::Event(&event.id)),
                    title: format!("{} ({})", event.title, event.date.display()),
                    kind: "Event",
                    text: format!("{}\n{}", event.title, self.text(&event.summary)),
                }
            }
            RecordRef::Quote(ix) => {
                let quote = &site.quotes[ix];
                let speaker = site
                    .actor(quote.speaker.id.as_str())
                    .map_or("", |a| a.name.as_str());
                Record {
                    url: site.urls.search_href(Route::Quote(&quote.id)),
                    title: format!("{speaker}: “{}”", quote.text),
                    kind: "Quote",
                    text: format!(
                        "{}\n{speaker}\n{}",
                        quote.text,
                        quote.context.as_deref().unwrap_or("")
                    ),
                }
            }
        }
    }
}
