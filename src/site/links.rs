//! What a `[[...]]` target names, and its lookup in the site.

use crate::ids::{ActorId, EventId, PageId, PlaceId, QuoteId, SourceId, StoryId};
use crate::site::Site;
use crate::url::Route;

/// A wiki-link target, parsed: `north-korea` and `actors/north-korea` name an actor,
/// `stories/x`, `pages/x`, `events/x`, `quotes/x` and `sources/x` the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    Actor(ActorId),
    Story(StoryId),
    Page(PageId),
    Event(EventId),
    Quote(QuoteId),
    Source(SourceId),
    Place(PlaceId),
}

/// Splits `stories/x#some-heading` into the target and the fragment after the first `#`
/// (written as is: it must equal the heading's id on the target page).
pub fn split_fragment(target: &str) -> (&str, Option<&str>) {
    match target.split_once('#') {
        Some((target, fragment)) => (target, Some(fragment.trim())),
        None => (target, None),
    }
}

impl LinkTarget {
    /// Parses the target; a `#fragment` is not part of it (see [`split_fragment`]).
    pub fn parse(target: &str) -> LinkTarget {
        let target = split_fragment(target).0.trim().trim_end_matches('/');
        match target.split_once('/') {
            Some(("stories", id)) => LinkTarget::Story(StoryId::new(id)),
            Some(("actors", id)) => LinkTarget::Actor(ActorId::new(id)),
            Some(("pages", id)) => LinkTarget::Page(PageId::new(id)),
            Some(("events", id)) => LinkTarget::Event(EventId::new(id)),
            Some(("quotes", id)) => LinkTarget::Quote(QuoteId::new(id)),
            Some(("sources", id)) => LinkTarget::Source(SourceId::new(id)),
            Some(("places", id)) => LinkTarget::Place(PlaceId::new(id)),
            _ => LinkTarget::Actor(ActorId::new(target)),
        }
    }

    /// What kind of thing the target names, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            LinkTarget::Actor(_) => "actor",
            LinkTarget::Story(_) => "story",
            LinkTarget::Page(_) => "page",
            LinkTarget::Event(_) => "event",
            LinkTarget::Quote(_) => "quote",
            LinkTarget::Source(_) => "source",
            LinkTarget::Place(_) => "place",
        }
    }

    pub fn id(&self) -> &str {
        match self {
            LinkTarget::Actor(id) => id.as_str(),
            LinkTarget::Story(id) => id.as_str(),
            LinkTarget::Page(id) => id.as_str(),
            LinkTarget::Event(id) => id.as_str(),
            LinkTarget::Quote(id) => id.as_str(),
            LinkTarget::Source(id) => id.as_str(),
            LinkTarget::Place(id) => id.as_str(),
        }
    }
}

impl Site {
    /// The route and display title of a link target, if it exists.
    pub fn lookup(&self, target: &LinkTarget) -> Option<(Route<'_>, &str)> {
        match target {
            LinkTarget::Actor(id) => self
                .actor(id.as_str())
                .map(|a| (Route::Actor(&a.id), a.name.as_str())),
            LinkTarget::Story(id) => self
                .story(id.as_str())
                .map(|s| (Route::Story(&s.id), s.title.as_str())),
            LinkTarget::Page(id) => self
                .page(id.as_str())
                .map(|p| (Route::Page(&p.id), p.title.as_str())),
            LinkTarget::Event(id) => self
                .event(id.as_str())
                .map(|e| (Route::Event(&e.id), e.title.as_str())),
            LinkTarget::Quote(id) => self
                .quote(id.as_str())
                .map(|q| (Route::Quote(&q.id), q.text.as_str())),
            LinkTarget::Source(id) => self
                .source(id.as_str())
                .map(|s| (Route::Source(&s.id), s.title.as_str())),
            LinkTarget::Place(id) => self
                .place(id.as_str())
                .map(|p| (Route::Place(&p.id), p.name.as_str())),
        }
    }

    /// Ids of the target's kind, for "did you mean" hints.
    pub(crate) fn ids_of_kind(&self, target: &LinkTarget) -> Vec<&str> {
        match target {
            LinkTarget::Actor(_) => self.actors.iter().map(|a| a.id.as_str()).collect(),
            LinkTarget::Story(_) => self.stories.iter().map(|s| s.id.as_str()).collect(),
            LinkTarget::Page(_) => self.pages.iter().map(|p| p.id.as_str()).collect(),
            LinkTarget::Event(_) => self.events.iter().map(|e| e.id.as_str()).collect(),
            LinkTarget::Quote(_) => self.quotes.iter().map(|q| q.id.as_str()).collect(),
            LinkTarget::Source(_) => self.sources.iter().map(|s| s.id.as_str()).collect(),
            LinkTarget::Place(_) => self.places.iter().map(|p| p.id.as_str()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_targets_name_actors_and_prefixes_name_the_rest() {
        assert_eq!(
            LinkTarget::parse("north-korea"),
            LinkTarget::Actor(ActorId::new("north-korea"))
        );
        assert_eq!(
            LinkTarget::parse("stories/x"),
            LinkTarget::Story(StoryId::new("x"))
        );
        assert_eq!(
            LinkTarget::parse("sources/yonhap/"),
            LinkTarget::Source(SourceId::new("yonhap"))
        );
        assert_eq!(
            LinkTarget::parse("places/seoul"),
            LinkTarget::Place(PlaceId::new("seoul"))
        );
    }

    #[test]
    fn a_fragment_is_not_part_of_the_target() {
        assert_eq!(
            LinkTarget::parse("stories/x#what-happened"),
            LinkTarget::Story(StoryId::new("x"))
        );
        assert_eq!(split_fragment("x#a"), ("x", Some("a")));
        assert_eq!(split_fragment("x"), ("x", None));
    }
}
