//! The pages of a site: what each is, where it goes, which template draws it,
//! which data it depends on, and the context it is drawn with.

use serde::Serialize;

use crate::content::MarkdownDocument;
use crate::markdown::{Reference, ReferenceKind};
use crate::render::pagination::StoryList;
use crate::site::{LinkTarget, Site, StoryIx, split_fragment};
use crate::url::Route;

/// One output page. Pages are ordered by kind as declared here, then by number, so that
/// which page a broken link is reported on does not depend on threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PageKind {
    Home,
    /// Page 2, 3 … of the home page's stories, when they run over `paginate:`.
    HomePage(usize),
    Story(StoryIx),
    Actors,
    Actor(usize),
    Timeline,
    Forces,
    Quotes,
    Sources,
    Places,
    Place(usize),
    Tags,
    Tag(usize),
    /// Page 2, 3 … of a tag's stories: the tag's index, the page's number.
    TagPage(usize, usize),
    Page(usize),
    Search,
    NotFound,
    /// Only on a site with authors.
    Authors,
    Author(usize),
    /// Only on a site with corrections.
    Corrections,
    Series(usize),
}

/// A piece of input a page is drawn from. When one changes, the pages naming it
/// are the ones to render again.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dependency {
    /// site.yaml and the templates: every page.
    SiteWide,
    Home,
    Story(String),
    Actor(String),
    Page(String),
    Timeline,
    Forces,
    Quotes,
    Sources,
    /// `places.yaml`, and which events, stories and actors name each place.
    Places,
    /// Which sources the home page, plain pages and actor pages cite, with those pages'
    /// titles: the sources page lists them among each source's citers.
    TextCitations,
    /// Any story's title, date, summary or tags (lists of stories).
    StoryList,
    /// Any actor's name, kind or summary (lists of actors).
    ActorList,
    /// The events of one actor as a story shows them beside its text and in its link
    /// previews (id, date, title, summary as read): a story that links no event shows its
    /// actors' latest.
    ActorEvents(String),
    /// A template by name (see `Renderer::templates_used_by`).
    Template(String),
    /// Bylines, series and corrections: authors' files, who wrote which story, the parts
    /// of each series and every correction. Lists of stories and records show them.
    Newsroom,
    /// One story as other pages show it (the fields of [`Dependency::StoryList`] for that
    /// story alone): a story page shows its neighbours by date, its series' parts, its
    /// related stories and the stories its text links, not the whole list, so that a title
    /// edit draws again only the pages that show that title.
    StoryCard(String),
    /// How many pages a list of stories runs over (the home page's, or a tag's, named), as
    /// its pager shows ("page 2 of 7"): the value is in the dependency itself.
    Pager {
        list: String,
        pages: usize,
    },
}

impl PageKind {
    /// Every page of the site, in a stable order.
    pub fn all(site: &Site) -> Vec<PageKind> {
        let mut pages = vec![
            PageKind::Home,
            PageKind::Actors,
            PageKind::Timeline,
            PageKind::Forces,
            PageKind::Quotes,
            PageKind::Sources,
            PageKind::Tags,
            PageKind::NotFound,
        ];
        if site.config.search != crate::config::SearchMode::Off {
            pages.push(PageKind::Search);
        }
        if !site.places.is_empty() {
            pages.push(PageKind::Places);
            pages.extend((0..site.places.len()).map(PageKind::Place));
        }
        pages.extend((2..=StoryList::Home.page_count(site)).map(PageKind::HomePage));
        pages.extend((0..site.stories.len()).map(PageKind::Story));
        pages.extend((0..site.actors.len()).map(PageKind::Actor));
        pages.extend((0..site.tags.len()).map(PageKind::Tag));
        for tag in 0..site.tags.len() {
            let pages_of_tag = StoryList::Tag(tag).page_count(site);
            pages.extend((2..=pages_of_tag).map(|number| PageKind::TagPage(tag, number)));
        }
        pages.extend((0..site.pages.len()).map(PageKind::Page));
        if !site.authors.is_empty() {
            pages.push(PageKind::Authors);
            pages.extend((0..site.authors.len()).map(PageKind::Author));
        }
        if !site.corrections.is_empty() {
            pages.push(PageKind::Corrections);
        }
        pages.extend((0..site.series.len()).map(PageKind::Series));
        pages
    }

    pub fn route(self, site: &Site) -> Route<'_> {
        match self {
            PageKind::Home => Route::Home,
            PageKind::HomePage(number) => Route::HomePage(number),
            PageKind::Story(ix) => Route::Story(&site.stories[ix].id),
            PageKind::Actors => Route::Actors,
            PageKind::Actor(ix) => Route::Actor(&site.actors[ix].id),
            PageKind::Timeline => Route::Timeline,
            PageKind::Forces => Route::Forces,
            PageKind::Quotes => Route::Quotes,
            PageKind::Sources => Route::Sources,
            PageKind::Places => Route::Places,
            PageKind::Place(ix) => Route::Place(&site.places[ix].id),
            PageKind::Tags => Route::Tags,
            PageKind::Tag(ix) => Route::Tag(&site.tags[ix].tag.slug),
            PageKind::TagPage(ix, number) => Route::TagPage(&site.tags[ix].tag.slug, number),
            PageKind::Page(ix) => Route::Page(&site.pages[ix].id),
            PageKind::Search => Route::Search,
            PageKind::NotFound => Route::NotFound,
            PageKind::Authors => Route::Authors,
            PageKind::Author(ix) => Route::Author(&site.authors[ix].id),
            PageKind::Corrections => Route::Corrections,
            PageKind::Series(ix) => Route::Series(&site.series[ix].id),
        }
    }

    pub fn template(self) -> &'static str {
        match self {
            PageKind::Home | PageKind::HomePage(_) => "home.html",
            PageKind::Story(_) => "story.html",
            PageKind::Actors => "actors.html",
            PageKind::Actor(_) => "actor.html",
            PageKind::Timeline => "timeline.html",
            PageKind::Forces => "forces.html",
            PageKind::Quotes => "quotes.html",
            PageKind::Sources => "sources.html",
            PageKind::Places => "places.html",
            PageKind::Place(_) => "place.html",
            PageKind::Tags => "tags.html",
            PageKind::Tag(_) | PageKind::TagPage(..) => "tag.html",
            PageKind::Page(_) => "page.html",
            PageKind::Search => "search.html",
            PageKind::NotFound => "404.html",
            PageKind::Authors => "authors.html",
            PageKind::Author(_) => "author.html",
            PageKind::Corrections => "corrections.html",
            PageKind::Series(_) => "series.html",
        }
    }

    /// The list of stories the page shows a page of, and that page's number: page 1 of a
    /// list is the home page or the tag's page itself.
    pub(crate) fn story_list_page(self) -> Option<(StoryList, usize)> {
        match self {
            PageKind::Home => Some((StoryList::Home, 1)),
            PageKind::HomePage(number) => Some((StoryList::Home, number)),
            PageKind::Tag(ix) => Some((StoryList::Tag(ix), 1)),
            PageKind::TagPage(ix, number) => Some((StoryList::Tag(ix), number)),
            _ => None,
        }
    }

    /// The Markdown file the page's own text comes from, if any.
    pub fn document(self, site: &Site) -> Option<&MarkdownDocument> {
        match self {
            PageKind::Home => site.home.as_ref().map(|p| &p.document),
            PageKind::Story(ix) => Some(&site.stories[ix].document),
            PageKind::Actor(ix) => Some(&site.actors[ix].document),
            PageKind::Page(ix) => Some(&site.pages[ix].document),
            PageKind::Author(ix) => Some(&site.authors[ix].document),
            _ => None,
        }
    }

    /// The path of the page's Markdown file, if it has one.
    pub fn source_file(self, site: &Site) -> Option<&std::path::Path> {
        self.document(site).map(|document| document.path.as_path())
    }

    /// The inputs this page is drawn from.
    pub fn dependencies(self, site: &Site) -> Vec<Dependency> {
        let mut deps = vec![Dependency::SiteWide, Dependency::Newsroom];
        match self {
            PageKind::Home => deps.extend([
                Dependency::Home,
                Dependency::StoryList,
                Dependency::ActorList,
                Dependency::Timeline,
                Dependency::Sources,
            ]),
            PageKind::Story(ix) => {
                let story = &site.stories[ix];
                deps.push(Dependency::Story(story.id.to_string()));
                deps.extend(site.story_actors[ix].iter().flat_map(|&a| {
                    let id = site.actors[a].id.to_string();
                    [Dependency::Actor(id.clone()), Dependency::ActorEvents(id)]
                }));
                deps.push(Dependency::Sources);
                deps.extend(story_cards_shown(site, ix));
            }
            PageKind::Actor(ix) => {
                let links = &site.actor_links[ix];
                deps.push(Dependency::Actor(site.actors[ix].id.to_string()));
                deps.extend(
                    links
                        .relations
                        .iter()
                        .map(|r| Dependency::Actor(site.actors[r.other].id.to_string())),
                );
                deps.extend([
                    Dependency::StoryList,
                    Dependency::Timeline,
                    Dependency::Quotes,
                    Dependency::Forces,
                    Dependency::Sources,
                ]);
            }
            PageKind::Actors => deps.push(Dependency::ActorList),
            PageKind::Timeline => deps.extend([
                Dependency::Timeline,
                Dependency::ActorList,
                Dependency::Sources,
            ]),
            PageKind::Forces => deps.extend([
                Dependency::Forces,
                Dependency::ActorList,
                Dependency::Sources,
            ]),
            PageKind::Quotes => deps.extend([
                Dependency::Quotes,
                Dependency::ActorList,
                Dependency::Sources,
            ]),
            PageKind::Sources => deps.extend([
                Dependency::Sources,
                Dependency::TextCitations,
                Dependency::StoryList,
                Dependency::Timeline,
                Dependency::Quotes,
                Dependency::Forces,
                Dependency::ActorList,
            ]),
            // Page 2 on of a list shows only its stories' cards and the pager: a title edit
            // draws again the one page with that story, a new story every page it shifts.
            PageKind::HomePage(_) | PageKind::TagPage(..) => {
                deps.extend(list_page_dependencies(site, self))
            }
            // Page 1 lists every story it shows through `StoryList`, which also changes
            // whenever the number of pages does.
            PageKind::Tags | PageKind::Tag(_) => deps.extend([
                Dependency::StoryList,
                Dependency::Timeline,
                Dependency::ActorList,
                Dependency::Sources,
            ]),
            PageKind::Places | PageKind::Place(_) => deps.extend([
                Dependency::Places,
                Dependency::StoryList,
                Dependency::ActorList,
                Dependency::Timeline,
                Dependency::Sources,
            ]),
            PageKind::Page(ix) => deps.push(Dependency::Page(site.pages[ix].id.to_string())),
            PageKind::Search => deps.extend([
                Dependency::StoryList,
                Dependency::ActorList,
                Dependency::Timeline,
                Dependency::Quotes,
            ]),
            PageKind::NotFound => {}
            PageKind::Authors | PageKind::Author(_) | PageKind::Series(_) => {
                deps.push(Dependency::StoryList)
            }
            PageKind::Corrections => deps.extend([
                Dependency::StoryList,
                Dependency::ActorList,
                Dependency::Timeline,
                Dependency::Quotes,
                Dependency::Forces,
            ]),
        }
        // Events, quotes and figures are shown with their actors' names and their sources'
        // titles wherever they appear.
        if deps.iter().any(|d| {
            matches!(
                d,
                Dependency::Timeline | Dependency::Quotes | Dependency::Forces
            )
        }) {
            deps.extend([Dependency::ActorList, Dependency::Sources]);
        }
        if let Some(document) = self.document(site) {
            let links = markdown_dependencies(&document.references);
            match self {
                // The stories a story's text links are among its cards (or it lists all).
                PageKind::Story(_) => {
                    deps.extend(links.into_iter().filter(|d| *d != Dependency::StoryList))
                }
                _ => deps.extend(links),
            }
        }
        // Maps and place links: pages showing places, or events that name them.
        if !site.places.is_empty()
            && deps.iter().any(|d| {
                matches!(
                    d,
                    Dependency::Home
                        | Dependency::Story(_)
                        | Dependency::Actor(_)
                        | Dependency::Timeline
                )
            })
        {
            deps.push(Dependency::Places);
        }
        deps.sort();
        deps.dedup();
        deps
    }
}

/// What page 2 on of a list of stories shows: the cards of its stories, and how many
/// pages the list has (with the tag's name, which the page shows in its title).
fn list_page_dependencies(site: &Site, page: PageKind) -> Vec<Dependency> {
    let Some((list, number)) = page.story_list_page() else {
        return Vec::new();
    };
    let name = match list {
        StoryList::Home => String::new(),
        StoryList::Tag(ix) => site.tags[ix].tag.name.clone(),
    };
    let mut deps: Vec<Dependency> = list
        .stories_on(site, number)
        .into_iter()
        .map(|ix| Dependency::StoryCard(site.stories[ix].id.to_string()))
        .collect();
    deps.push(Dependency::Pager {
        list: name,
        pages: list.page_count(site),
    });
    deps
}

/// The stories a story's page shows as links or cards: its neighbours by date, the parts of
/// its series, its related stories and the stories its text links with `[[…]]`. A story
/// whose text may hold plain links (`[x](/stories/y/)`, raw HTML), which name no id, gets
/// the whole list, since a link preview may show any story.
fn story_cards_shown(site: &Site, ix: usize) -> Vec<Dependency> {
    let story = &site.stories[ix];
    if story.document.links_by_path {
        return vec![Dependency::StoryList];
    }
    let mut shown: Vec<usize> = Vec::new();
    shown.extend(ix.checked_sub(1));
    shown.extend((ix + 1 < site.stories.len()).then_some(ix + 1));
    if let Some((series, _)) = site.story_series[ix] {
        shown.extend(site.series[series].parts.iter().copied());
    }
    shown.extend(site.related_stories(ix));
    let mut cards: Vec<Dependency> = shown
        .into_iter()
        .map(|s| Dependency::StoryCard(site.stories[s].id.to_string()))
        .collect();
    cards.extend(story.document.references.iter().filter_map(|reference| {
        match (
            reference.kind,
            LinkTarget::parse(split_fragment(&reference.target).0),
        ) {
            (ReferenceKind::Link, LinkTarget::Story(id)) => {
                Some(Dependency::StoryCard(id.to_string()))
            }
            _ => None,
        }
    }));
    cards
}

/// What a Markdown text draws from elsewhere: the titles and names its `[[links]]` show,
/// the quotes it embeds, the sources it cites.
pub(crate) fn markdown_dependencies(references: &[Reference]) -> Vec<Dependency> {
    let mut deps = Vec::new();
    for reference in references {
        match reference.kind {
            ReferenceKind::Citation => deps.push(Dependency::Sources),
            ReferenceKind::Embed => deps.extend([
                Dependency::Quotes,
                Dependency::ActorList,
                Dependency::Sources,
            ]),
            ReferenceKind::Link => deps.push(match LinkTarget::parse(&reference.target) {
                LinkTarget::Actor(_) => Dependency::ActorList,
                LinkTarget::Story(_) => Dependency::StoryList,
                LinkTarget::Page(id) => Dependency::Page(id.to_string()),
                LinkTarget::Event(_) => Dependency::Timeline,
                LinkTarget::Quote(_) => Dependency::Quotes,
                LinkTarget::Source(_) => Dependency::Sources,
                LinkTarget::Place(_) => Dependency::Places,
            }),
        }
    }
    deps
}

/// What every page's context has under `page`.
#[derive(Serialize)]
pub struct PageMeta<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    pub description: &'a str,
    pub url: String,
    pub canonical: String,
}
