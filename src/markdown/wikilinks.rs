//! `[[actor-id]]`, `[[actor-id|text]]`, `[[stories/slug]]` and `[[stories/slug#heading-id]]` become links.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// Where a wiki link goes and the text it shows when the editor gave none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedLink {
    pub href: String,
    pub title: String,
}

/// Looks up wiki-link targets; the site model implements it.
pub trait LinkResolver {
    fn resolve(&self, target: &str) -> Option<ResolvedLink>;

    /// Where `[@source]` points on this page; none by default.
    fn cite(&self, _source: &str) -> Option<crate::markdown::CitationTarget> {
        None
    }

    /// HTML for `![[quotes/id]]`: a block (pull quote) or inline; none by default.
    fn embed(&self, _target: &str, _block: bool) -> Option<String> {
        None
    }

    /// The `<picture>` of a Markdown image at a relative path (`![alt](../images/a.jpg)`);
    /// none leaves the image as written.
    fn image(&self, _src: &str, _alt: &str) -> Option<String> {
        None
    }

    /// The words of `![[quotes/id]]` as readers see them (for search); none by default.
    fn embed_text(&self, _target: &str) -> Option<String> {
        None
    }

    /// The URL of a site-relative path written as `/path` in Markdown; by default unchanged.
    fn site_path(&self, path: &str) -> String {
        path.to_string()
    }

    /// Whether HTML written in the Markdown goes into the page (`markdown.raw_html`);
    /// when not, it is shown as text.
    fn raw_html_allowed(&self) -> bool {
        true
    }
}

#[derive(Default)]
enum State {
    #[default]
    Outside,
    /// In `[[id]]`: the id text is replaced by the target's title.
    ReplacingText(Option<String>),
    /// In a link validation already reported: keep its text, drop the link.
    Unresolved,
}

/// Rewrites wiki links; an unresolved one stays as plain text.
pub(crate) fn resolve<'a>(
    events: impl Iterator<Item = Event<'a>>,
    links: &'a dyn LinkResolver,
) -> impl Iterator<Item = Event<'a>> {
    let mut resolving = Resolving::default();
    events.filter_map(move |event| resolving.next(event, links))
}

/// [`resolve`] one event at a time, for a pass that sees the events of another.
#[derive(Default)]
pub(crate) struct Resolving {
    state: State,
}

impl Resolving {
    /// What `event` becomes: itself, rewritten, or nothing.
    pub(crate) fn next<'a>(
        &mut self,
        event: Event<'a>,
        links: &dyn LinkResolver,
    ) -> Option<Event<'a>> {
        let state = &mut self.state;
        match (event, &mut *state) {
            (
                Event::Start(Tag::Link {
                    link_type: LinkType::WikiLink { has_pothole },
                    dest_url,
                    title,
                    id,
                }),
                _,
            ) => {
                let Some(link) = links.resolve(dest_url.trim()) else {
                    *state = State::Unresolved;
                    return None;
                };
                *state = if has_pothole {
                    State::Outside
                } else {
                    State::ReplacingText(Some(link.title))
                };
                Some(Event::Start(Tag::Link {
                    link_type: LinkType::WikiLink { has_pothole },
                    dest_url: CowStr::from(link.href),
                    title,
                    id,
                }))
            }
            (Event::Text(_) | Event::Code(_), State::ReplacingText(title)) => {
                title.take().map(|t| Event::Text(t.into()))
            }
            (Event::End(TagEnd::Link), State::Unresolved) => {
                *state = State::Outside;
                None
            }
            (end @ Event::End(TagEnd::Link), State::ReplacingText(_)) => {
                *state = State::Outside;
                Some(end)
            }
            (other, _) => Some(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Highlighter, render};

    struct OneActor;
    impl LinkResolver for OneActor {
        fn resolve(&self, target: &str) -> Option<ResolvedLink> {
            (target == "north-korea").then(|| ResolvedLink {
                href: "/actors/north-korea/".to_string(),
                title: "North Korea".to_string(),
            })
        }
    }

    fn html(markdown: &str) -> String {
        render(markdown, &OneActor, &Highlighter::new())
    }

    #[test]
    fn bare_link_shows_the_target_title() {
        assert_eq!(
            html("[[north-korea]]"),
            "<p><a href=\"/actors/north-korea/\">North Korea</a></p>\n"
        );
    }

    #[test]
    fn piped_link_keeps_the_editor_text() {
        assert_eq!(
            html("[[north-korea|Pyongyang]]"),
            "<p><a href=\"/actors/north-korea/\">Pyongyang</a></p>\n"
        );
    }

    #[test]
    fn unknown_target_stays_as_text() {
        assert_eq!(html("[[nowhere]] x"), "<p>nowhere x</p>\n");
    }
}
