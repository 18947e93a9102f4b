//! Contexts of the pages built around stories: the front page, a story, and tags.

use serde::Serialize;

use super::ContextBuilder;
use super::key_facts::KeyFactsView;
use crate::markdown;
use crate::render::pages::{PageKind, PageMeta};
use crate::render::pagination::{PaginationView, StoryList};
use crate::render::views::{ActorCard, EventView, SourceView, StoryCard};
use crate::site::{LinkTarget, split_fragment};
use crate::url::Route;

#[derive(Serialize)]
pub(super) struct HomeContext<'a> {
    page: PageMeta<'a>,
    intro_html: String,
    stories: Vec<StoryCard<'a>>,
    actors: Vec<ActorCard<'a>>,
    recent_events: Vec<EventView<'a>>,
    key_facts: Option<KeyFactsView<'a>>,
    /// A small map of every place, when the site has places.
    map: Option<crate::render::maps::MapView<'a>>,
    /// The newest date of a story's publication or update, or of a correction.
    last_updated: Option<crate::render::views::DateView>,
    /// The first series marked `start_here`: the parts to read first.
    start_here: Option<super::newsroom::StartHere<'a>>,
    /// The pager, when the stories run over several pages; page 2 on shows nothing else.
    pagination: Option<PaginationView>,
}

#[derive(Serialize)]
pub(super) struct StoryContext<'a> {
    page: PageMeta<'a>,
    lead_image: Option<crate::render::images::LeadImageView>,
    social_image: Option<crate::render::images::SocialImage>,
    story: StoryCard<'a>,
    body_html: String,
    actors: Vec<ActorCard<'a>>,
    sources: Vec<NumberedSource<'a>>,
    related: Vec<StoryCard<'a>>,
    events: Vec<EventView<'a>>,
    contents: Vec<ContentsEntry>,
    key_facts: Option<KeyFactsView<'a>>,
    /// A locator map of the story's places.
    map: Option<crate::render::maps::MapView<'a>>,
    #[serde(flatten)]
    newsroom: super::newsroom::StoryNewsroom<'a>,
}

/// A second- or third-level heading of a long story, for its table of contents.
#[derive(Serialize)]
pub(super) struct ContentsEntry {
    level: u8,
    id: String,
    title: String,
}

/// A story with fewer second- and third-level headings than this gets no table of contents
/// unless its front matter asks for one (`toc: true`).
const MIN_CONTENTS_ENTRIES: usize = 3;

/// A source in a story's numbered list; `back_link` leads to its first inline citation.
#[derive(Serialize)]
pub(super) struct NumberedSource<'a> {
    #[serde(flatten)]
    source: SourceView<'a>,
    number: usize,
    back_link: Option<String>,
}

#[derive(Serialize)]
pub(super) struct TagSummary<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
pub(super) struct TagsContext<'a> {
    page: PageMeta<'a>,
    tags: Vec<TagSummary<'a>>,
}

#[derive(Serialize)]
pub(super) struct TagContext<'a> {
    page: PageMeta<'a>,
    tag: &'a str,
    stories: Vec<StoryCard<'a>>,
    /// The tag's events, on page 1 of its stories only.
    events: Vec<EventView<'a>>,
    /// The pager, when the tag's stories run over several pages.
    pagination: Option<PaginationView>,
}

impl<'a> ContextBuilder<'a> {
    pub(super) fn home(&self, kind: PageKind) -> HomeContext<'a> {
        let site = self.site;
        let (list, number) = kind.story_list_page().unwrap_or((StoryList::Home, 1));
        let pagination = PaginationView::of(site, list, number);
        let stories = list
            .stories_on(site, number)
            .into_iter()
            .map(|ix| self.views.story_card(ix))
            .collect();
        if number > 1 {
            return self.home_list_page(kind, stories, pagination);
        }
        let (title, description, intro_html) = match &site.home {
            Some(home) => (
                home.title.as_str(),
                home.summary.as_str(),
                self.document_html(&home.document),
            ),
            None => (
                site.config.title.as_str(),
                site.config.description.as_str(),
                String::new(),
            ),
        };
        let recent = site.events.len().saturating_sub(5)..site.events.len();
        HomeContext {
            map: crate::render::maps::map_of(
                site,
                self.renderer.maps(),
                self.renderer.words(),
                "places",
                &self.renderer.words().say("words.map.every_place", &[]),
                &crate::render::maps::by_prominence(site, (0..site.places.len()).collect()),
            ),
            page: self.meta(kind, "home", title, description),
            intro_html,
            stories,
            actors: (0..site.actors.len())
                .map(|ix| self.views.actor_card(ix))
                .collect(),
            recent_events: recent.rev().map(|ix| self.event(ix)).collect(),
            key_facts: self.key_facts(),
            last_updated: site.last_updated().map(|date| self.views.date(date)),
            start_here: self.start_here(),
            pagination,
        }
    }

    /// Page 2 on of the home page: its stories and the pager, like Zola's and Hugo's
    /// pagers; the introduction, the sidebar and the map stay on page 1.
    fn home_list_page(
        &self,
        kind: PageKind,
        stories: Vec<StoryCard<'a>>,
        pagination: Option<PaginationView>,
    ) -> HomeContext<'a> {
        let config = &self.site.config;
        HomeContext {
            page: self.meta(kind, "home", &config.title, &config.description),
            intro_html: String::new(),
            stories,
            actors: Vec::new(),
            recent_events: Vec::new(),
            key_facts: None,
            map: None,
            last_updated: None,
            start_here: None,
            pagination,
        }
    }

    pub(super) fn story(&self, kind: PageKind, ix: usize) -> StoryContext<'a> {
        let site = self.site;
        let story = &site.stories[ix];
        let body = story.document.body();
        let rendered = markdown::render_body(
            &body,
            &self.document_links(Some(&site.story_sources[ix]), Some(&story.document.path)),
            self.renderer.highlighter(),
        );
        StoryContext {
            map: crate::render::maps::map_of(
                site,
                self.renderer.maps(),
                self.renderer.words(),
                "story",
                &self.renderer.words().say("words.map.this_story", &[]),
                &site.story_places[ix],
            ),
            page: self.meta(kind, "story", &story.title, &story.summary),
            lead_image: story
                .image
                .as_ref()
                .and_then(|lead| crate::render::images::lead_image_view(site, lead)),
            social_image: crate::render::images::story_social_image(site, ix),
            story: self.views.story_card(ix),
            body_html: rendered.html,
            actors: site.story_actors[ix]
                .iter()
                .map(|&a| self.views.actor_card(a))
                .collect(),
            sources: self.numbered_sources(ix),
            related: site
                .related_stories(ix)
                .iter()
                .map(|&s| self.views.story_card(s))
                .collect(),
            contents: story_contents(rendered.headings, story.toc),
            newsroom: self.story_newsroom(ix, &rendered.text),
            events: self
                .story_events(ix)
                .into_iter()
                .map(|e| self.event(e))
                .collect(),
            key_facts: self.key_facts(),
        }
    }

    /// The events beside a story: those its text links, in timeline order; else the latest
    /// few up to its date involving the actors its front matter names, newest first.
    fn story_events(&self, ix: usize) -> Vec<usize> {
        const FALLBACK_EVENTS: usize = 4;
        let site = self.site;
        let story = &site.stories[ix];
        let mut linked: Vec<usize> = story
            .document
            .references
            .iter()
            .filter(|r| r.kind == markdown::ReferenceKind::Link)
            .filter_map(|r| match LinkTarget::parse(split_fragment(&r.target).0) {
                LinkTarget::Event(id) => site.event_ix(id.as_str()),
                _ => None,
            })
            .collect();
        linked.sort_unstable();
        linked.dedup();
        if !linked.is_empty() {
            return linked;
        }
        let mut nearby: Vec<usize> = story
            .actors
            .iter()
            .filter_map(|a| site.actor_ix(a.id.as_str()))
            .flat_map(|a| site.actor_links[a].events.iter().copied())
            .filter(|&e| site.events[e].date <= story.date)
            .collect();
        nearby.sort_unstable_by(|a, b| b.cmp(a));
        nearby.dedup();
        nearby.truncate(FALLBACK_EVENTS);
        nearby
    }

    /// The story's sources in citation order, each knowing whether the text cites it inline.
    fn numbered_sources(&self, ix: usize) -> Vec<NumberedSource<'a>> {
        let cited: Vec<&str> = self.site.stories[ix]
            .document
            .references
            .iter()
            .filter(|r| r.kind == markdown::ReferenceKind::Citation)
            .map(|r| r.target.as_str())
            .collect();
        self.site.story_sources[ix]
            .iter()
            .enumerate()
            .map(|(n, &source)| {
                let id = self.site.sources[source].id.as_str();
                NumberedSource {
                    number: n + 1,
                    back_link: cited
                        .contains(&id)
                        .then(|| format!("#{}", markdown::citation_anchor(id, 1))),
                    source: self.views.source(source),
                }
            })
            .collect()
    }

    pub(super) fn tags(&self, kind: PageKind) -> TagsContext<'a> {
        let tags = self
            .site
            .tags
            .iter()
            .map(|entry| TagSummary {
                name: &entry.tag.name,
                url: self.site.urls.href(Route::Tag(&entry.tag.slug)),
                count: entry.stories.len() + entry.events.len(),
            })
            .collect();
        TagsContext {
            page: self.section_meta(kind, "tags"),
            tags,
        }
    }

    pub(super) fn tag(&self, kind: PageKind, ix: usize) -> TagContext<'a> {
        let entry = &self.site.tags[ix];
        let (list, number) = kind.story_list_page().unwrap_or((StoryList::Tag(ix), 1));
        TagContext {
            page: self.meta(kind, "tag", &entry.tag.name, ""),
            tag: &entry.tag.name,
            stories: list
                .stories_on(self.site, number)
                .into_iter()
                .map(|s| self.views.story_card(s))
                .collect(),
            events: match number {
                1 => entry.events.iter().map(|&e| self.event(e)).collect(),
                _ => Vec::new(),
            },
            pagination: PaginationView::of(self.site, list, number),
        }
    }
}

/// The story's second- and third-level headings, when it has enough of them to need a
/// table of contents (or its front matter asks for one).
fn story_contents(headings: Vec<markdown::Heading>, toc: Option<bool>) -> Vec<ContentsEntry> {
    let entries: Vec<ContentsEntry> = headings
        .into_iter()
        .filter(|heading| matches!(heading.level, 2 | 3))
        .map(|heading| ContentsEntry {
            level: heading.level,
            id: heading.id,
            title: heading.text,
        })
        .collect();
    if !toc.unwrap_or(entries.len() >= MIN_CONTENTS_ENTRIES) {
        return Vec::new();
    }
    entries
}
