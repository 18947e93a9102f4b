//! The assembled site: every story, actor, page and data record with its ids
//! resolved and its backlinks computed. Built once by [`assemble`]; every later
//! stage only reads it.

mod assemble;
mod authors;
mod backlinks;
mod bodies;
mod body_checks;
mod corrections;
mod credits;
mod edition_content;
mod editions;
mod images;
mod indexes;
mod key_facts_checks;
mod links;
mod loose_ends;
mod placeholders;
mod places;
mod reference_checks;
mod relations;
mod resolver;
mod series;

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

pub use assemble::assemble;
pub use corrections::{Corrected, CorrectionRef};
pub use credits::Credit;
pub use edition_content::edition_content;
pub use editions::{Alternate, EditionEntry, Editions};
pub use links::{LinkTarget, split_fragment};
pub use places::PlaceLinks;
pub(crate) use relations::is_symmetric;
pub use relations::{Direction, RelationEdge};
pub use resolver::SiteLinks;
pub use series::Series;

use crate::config::SiteConfig;
use crate::content::{Actor, Author, MarkdownDocument, Page, Story, Tag};
use crate::data::{ForceFigure, Place, Quote, Source, TimelineEvent};
use crate::ids::{
    ActorId, AuthorId, EventId, PageId, PlaceId, QuoteId, SourceId, StoryId, TagSlug,
};
use crate::url::UrlMaker;

/// Positions in the site's lists. Lists never change after assembly, so an index stays valid.
pub type StoryIx = usize;
pub type ActorIx = usize;
pub type EventIx = usize;
pub type QuoteIx = usize;
pub type FigureIx = usize;
pub type SourceIx = usize;
pub type PageIx = usize;
pub type PlaceIx = usize;

/// Everything that points at one actor.
#[derive(Debug, Default, Clone)]
pub struct ActorLinks {
    /// Stories naming the actor in front matter or in a `[[link]]`, newest first.
    pub stories: Vec<StoryIx>,
    pub events: Vec<EventIx>,
    pub quotes: Vec<QuoteIx>,
    pub figures: Vec<FigureIx>,
    /// Relations in both directions.
    pub relations: Vec<RelationEdge>,
    /// Sources behind the actor's stories, events, quotes and figures.
    pub sources: Vec<SourceIx>,
}

/// What cites a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Citation {
    Story(StoryIx),
    /// The home page's text (`content/_index.md`).
    Home,
    /// A plain page's text.
    Page(PageIx),
    /// An actor page's text.
    Actor(ActorIx),
    Event(EventIx),
    Quote(QuoteIx),
    Figure(FigureIx),
}

/// A tag and everything carrying it.
#[derive(Debug, Clone)]
pub struct TagEntry {
    pub tag: Tag,
    pub stories: Vec<StoryIx>,
    pub events: Vec<EventIx>,
}

#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    pub urls: UrlMaker,
    pub home: Option<Page>,
    /// Newest first; ties by id.
    pub stories: Vec<Story>,
    /// By name.
    pub actors: Vec<Actor>,
    /// By title.
    pub pages: Vec<Page>,
    /// Oldest first; a less precise date before the dates inside it.
    pub events: Vec<TimelineEvent>,
    /// By measure, then actor, then date.
    pub forces: Vec<ForceFigure>,
    /// Oldest first.
    pub quotes: Vec<Quote>,
    /// By title.
    pub sources: Vec<Source>,
    /// By name.
    pub places: Vec<Place>,
    /// Parallel to `places`.
    pub place_links: Vec<PlaceLinks>,
    /// Parallel to `stories`: places named in front matter, then those only linked inline.
    pub story_places: Vec<Vec<PlaceIx>>,
    /// By slug.
    pub tags: Vec<TagEntry>,
    /// Parallel to `actors`.
    pub actor_links: Vec<ActorLinks>,
    /// Parallel to `stories`: actors named in front matter, then those only linked inline.
    pub story_actors: Vec<Vec<ActorIx>>,
    /// Parallel to `stories`: sources in citation-number order (front matter, then inline `[@id]`).
    pub story_sources: Vec<Vec<SourceIx>>,
    /// Parallel to `events`: the stories that link the event (`[[events/id]]`), newest first.
    pub event_stories: Vec<Vec<StoryIx>>,
    /// Parallel to `sources`.
    pub citations: Vec<Vec<Citation>>,
    /// Records dropped for a mistake already reported: references to them are not
    /// reported again, and warnings that would need them are held back.
    pub dropped: crate::data::Dropped,
    /// Draft stories left out of this build.
    pub drafts: std::collections::HashSet<StoryId>,
    /// In another language's edition: where links to untranslated stories and pages lead.
    pub elsewhere: crate::content::translations::Elsewhere,
    /// Every edition of a multilingual site (empty for one language).
    pub editions: std::sync::Arc<Editions>,
    /// On the default language's model, the other languages' editions.
    pub other_editions: Vec<Site>,
    /// The people in bylines, by name.
    pub authors: Vec<Author>,
    /// Parallel to `authors`: their stories, newest first.
    pub author_stories: Vec<Vec<StoryIx>>,
    /// Parallel to `stories`: the byline, in the order the story names its authors.
    pub story_authors: Vec<Vec<usize>>,
    /// By id.
    pub series: Vec<Series>,
    /// Parallel to `stories`: the story's series and its position among the parts.
    pub story_series: Vec<Option<(usize, usize)>>,
    /// Every correction of a story or a record, newest first.
    pub corrections: Vec<CorrectionRef>,
    /// Every image the site shows, read once at load.
    pub images: crate::images::ImageLibrary,
    index: Indexes,
    /// Parallel to `stories`: each one's related stories, worked out the first time they
    /// are asked for (a story's page and its cache key both need them). Nothing after
    /// assembly changes the actors and tags they are worked out from.
    related: Vec<OnceLock<Box<[StoryIx]>>>,
}

/// How many related stories a story shows.
pub const RELATED_SHOWN: usize = 3;

/// How many stories on each side of a story, in date order, `related_stories` considers
/// from each of its actors' and tags' lists.
const RELATED_WINDOW: usize = 60;

/// The part of a list of stories (ascending positions, so newest first) nearest in date to
/// `story`.
fn nearest_in_date(list: &[StoryIx], story: StoryIx) -> &[StoryIx] {
    let at = list.partition_point(|&other| other < story);
    &list[at.saturating_sub(RELATED_WINDOW)..(at + RELATED_WINDOW).min(list.len())]
}

#[derive(Debug, Default)]
struct Indexes {
    stories: FxHashMap<StoryId, StoryIx>,
    actors: FxHashMap<ActorId, ActorIx>,
    pages: FxHashMap<PageId, usize>,
    events: FxHashMap<EventId, EventIx>,
    quotes: FxHashMap<QuoteId, QuoteIx>,
    sources: FxHashMap<SourceId, SourceIx>,
    places: FxHashMap<PlaceId, PlaceIx>,
    tags: FxHashMap<TagSlug, usize>,
    authors: FxHashMap<AuthorId, usize>,
}

impl Site {
    pub fn story_ix(&self, id: &str) -> Option<StoryIx> {
        self.index.stories.get(id).copied()
    }

    pub fn actor_ix(&self, id: &str) -> Option<ActorIx> {
        self.index.actors.get(id).copied()
    }

    pub fn source_ix(&self, id: &str) -> Option<SourceIx> {
        self.index.sources.get(id).copied()
    }

    pub fn place_ix(&self, id: &str) -> Option<PlaceIx> {
        self.index.places.get(id).copied()
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.place_ix(id).map(|ix| &self.places[ix])
    }

    pub fn story(&self, id: &str) -> Option<&Story> {
        self.story_ix(id).map(|ix| &self.stories[ix])
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actor_ix(id).map(|ix| &self.actors[ix])
    }

    pub fn page(&self, id: &str) -> Option<&Page> {
        self.index.pages.get(id).map(|&ix| &self.pages[ix])
    }

    pub fn event_ix(&self, id: &str) -> Option<EventIx> {
        self.index.events.get(id).copied()
    }

    pub fn event(&self, id: &str) -> Option<&TimelineEvent> {
        self.event_ix(id).map(|ix| &self.events[ix])
    }

    pub fn quote(&self, id: &str) -> Option<&Quote> {
        self.index.quotes.get(id).map(|&ix| &self.quotes[ix])
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_ix(id).map(|ix| &self.sources[ix])
    }

    pub fn quote_ix(&self, id: &str) -> Option<QuoteIx> {
        self.index.quotes.get(id).copied()
    }

    pub fn author_ix(&self, id: &str) -> Option<usize> {
        self.index.authors.get(id).copied()
    }

    /// The newest date the explainer shows: of a story's publication or update, or of a
    /// correction. None for a site without stories.
    pub fn last_updated(&self) -> Option<crate::date::PartialDate> {
        let stories = self
            .stories
            .iter()
            .map(|s| s.updated.unwrap_or(s.date).max(s.date));
        let corrections = self.corrections.iter().map(|&c| self.correction(c).date);
        stories.chain(corrections).max()
    }

    pub fn tag(&self, slug: &str) -> Option<&TagEntry> {
        self.index.tags.get(slug).map(|&ix| &self.tags[ix])
    }

    /// Every Markdown file of the site: the home page, then stories, actors and pages in
    /// their list order.
    pub fn documents(&self) -> impl Iterator<Item = &MarkdownDocument> {
        let home = self.home.iter().map(|home| &home.document);
        let stories = self.stories.iter().map(|story| &story.document);
        let actors = self.actors.iter().map(|actor| &actor.document);
        let pages = self.pages.iter().map(|page| &page.document);
        let authors = self.authors.iter().map(|author| &author.document);
        home.chain(stories)
            .chain(actors)
            .chain(pages)
            .chain(authors)
    }

    /// Up to [`RELATED_SHOWN`] other stories sharing the most actors and tags with this
    /// one, most shared first.
    pub fn related_stories(&self, story: StoryIx) -> &[StoryIx] {
        match self.related.get(story) {
            Some(memo) => memo.get_or_init(|| self.rank_related(story)),
            None => &[],
        }
    }

    fn rank_related(&self, story: StoryIx) -> Box<[StoryIx]> {
        // Every shared actor counts twice, every shared tag once. Only the stories nearest
        // in date on each list are candidates, so the work per story stays the same however
        // large the site grows; candidates are counted by sorting, not hashing.
        let mut candidates: Vec<(StoryIx, usize)> = Vec::new();
        for &actor in &self.story_actors[story] {
            let nearby = nearest_in_date(&self.actor_links[actor].stories, story);
            candidates.extend(nearby.iter().map(|&other| (other, 2)));
        }
        for tag in &self.stories[story].tags {
            if let Some(entry) = self.tag(tag.slug.as_str()) {
                candidates.extend(
                    nearest_in_date(&entry.stories, story)
                        .iter()
                        .map(|&other| (other, 1)),
                );
            }
        }
        candidates.sort_unstable_by_key(|&(other, _)| other);
        let mut ranked: Vec<(usize, StoryIx)> = Vec::new();
        for run in candidates.chunk_by(|a, b| a.0 == b.0) {
            if run[0].0 != story {
                ranked.push((run.iter().map(|&(_, weight)| weight).sum(), run[0].0));
            }
        }
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked
            .into_iter()
            .take(RELATED_SHOWN)
            .map(|(_, ix)| ix)
            .collect()
    }
}
