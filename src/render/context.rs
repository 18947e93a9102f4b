//! One context struct per kind of page. Templates see the struct's fields as
//! top-level variables, plus `site` and `nav` from the global context.

use serde::Serialize;

use crate::markdown::{self, Highlighter};
use crate::render::links::PageLinks;
use crate::render::pages::{PageKind, PageMeta};
use crate::render::views::{
    ActorCard, CitationView, EventView, FigureRow, Link, QuoteView, SourceView, StoryCard, Views,
};
use crate::render::visuals::{self, Chart};
use crate::site::{Direction, Site};
use crate::url::Route;

#[derive(Serialize)]
struct HomeContext<'a> {
    page: PageMeta<'a>,
    intro_html: String,
    stories: Vec<StoryCard<'a>>,
    actors: Vec<ActorCard<'a>>,
    recent_events: Vec<EventView<'a>>,
}

#[derive(Serialize)]
struct StoryContext<'a> {
    page: PageMeta<'a>,
    story: StoryCard<'a>,
    body_html: String,
    actors: Vec<ActorCard<'a>>,
    sources: Vec<NumberedSource<'a>>,
    related: Vec<StoryCard<'a>>,
}

/// A source in a story's numbered list; `back_link` leads to its first inline citation.
#[derive(Serialize)]
struct NumberedSource<'a> {
    #[serde(flatten)]
    source: SourceView<'a>,
    number: usize,
    back_link: Option<String>,
}

#[derive(Serialize)]
struct RelationView<'a> {
    label: String,
    kind: &'a str,
    outgoing: bool,
    actor: Link<'a>,
}

#[derive(Serialize)]
struct ActorContext<'a> {
    page: PageMeta<'a>,
    actor: ActorCard<'a>,
    aliases: &'a [String],
    body_html: String,
    relations: Vec<RelationView<'a>>,
    stories: Vec<StoryCard<'a>>,
    events: Vec<EventView<'a>>,
    quotes: Vec<QuoteView<'a>>,
    figures: Vec<FigureRow<'a>>,
    charts: Vec<Chart>,
    graph: Option<Chart>,
    sources: Vec<SourceView<'a>>,
}

#[derive(Serialize)]
struct ActorGroup<'a> {
    kind: &'static str,
    actors: Vec<ActorCard<'a>>,
}

#[derive(Serialize)]
struct ActorsContext<'a> {
    page: PageMeta<'a>,
    groups: Vec<ActorGroup<'a>>,
    graph: Option<Chart>,
}

#[derive(Serialize)]
struct MonthGroup<'a> {
    /// None for events known only to the year.
    name: Option<&'static str>,
    events: Vec<EventView<'a>>,
}

#[derive(Serialize)]
struct YearGroup<'a> {
    year: u16,
    months: Vec<MonthGroup<'a>>,
}

#[derive(Serialize)]
struct TimelineContext<'a> {
    page: PageMeta<'a>,
    years: Vec<YearGroup<'a>>,
    /// Actors with events, for the filter and for each actor's own timeline (without JavaScript).
    actor_filters: Vec<FilterOption<'a>>,
    /// Tags with events, for the filter.
    tag_filters: Vec<FilterOption<'a>>,
}

/// One choice of the timeline filter, with the page that shows it without JavaScript.
#[derive(Serialize)]
struct FilterOption<'a> {
    value: &'a str,
    label: &'a str,
    url: String,
}

#[derive(Serialize)]
struct MeasureGroup<'a> {
    measure: &'a str,
    charts: Vec<Chart>,
    rows: Vec<FigureRow<'a>>,
}

#[derive(Serialize)]
struct ForcesContext<'a> {
    page: PageMeta<'a>,
    measures: Vec<MeasureGroup<'a>>,
}

#[derive(Serialize)]
struct QuotesContext<'a> {
    page: PageMeta<'a>,
    quotes: Vec<QuoteView<'a>>,
}

#[derive(Serialize)]
struct CitedSource<'a> {
    #[serde(flatten)]
    source: SourceView<'a>,
    cited_by: Vec<CitationView>,
}

#[derive(Serialize)]
struct SourcesContext<'a> {
    page: PageMeta<'a>,
    sources: Vec<CitedSource<'a>>,
}

#[derive(Serialize)]
struct TagSummary<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct TagsContext<'a> {
    page: PageMeta<'a>,
    tags: Vec<TagSummary<'a>>,
}

#[derive(Serialize)]
struct TagContext<'a> {
    page: PageMeta<'a>,
    tag: &'a str,
    stories: Vec<StoryCard<'a>>,
    events: Vec<EventView<'a>>,
}

/// The search page: the search box, and everything listed for readers without JavaScript.
#[derive(Serialize)]
struct SearchContext<'a> {
    page: PageMeta<'a>,
    /// The secondary search shards' bundle URLs, as a JSON array, for `mergeIndex`.
    search_shards: String,
    stories: Vec<Link<'a>>,
    actors: Vec<Link<'a>>,
    events: Vec<Link<'a>>,
    quotes: Vec<QuoteView<'a>>,
}

#[derive(Serialize)]
struct PlainPageContext<'a> {
    page: PageMeta<'a>,
    body_html: String,
}

/// Builds the template context of one page.
pub struct ContextBuilder<'a> {
    site: &'a Site,
    views: Views<'a>,
    highlighter: &'a Highlighter,
}

impl<'a> ContextBuilder<'a> {
    pub fn new(site: &'a Site, highlighter: &'a Highlighter) -> Self {
        ContextBuilder {
            site,
            views: Views { site },
            highlighter,
        }
    }

    fn links(&self) -> PageLinks<'a> {
        PageLinks {
            site: self.site,
            numbered_sources: None,
        }
    }

    fn markdown(&self, text: &str) -> String {
        markdown::render(text, &self.links(), self.highlighter)
    }

    fn event(&self, ix: usize) -> EventView<'a> {
        let summary = markdown::render_inline(
            &self.site.events[ix].summary,
            &self.links(),
            self.highlighter,
        );
        self.views.event(ix, summary)
    }

    fn meta(
        &self,
        kind: PageKind,
        kind_name: &'static str,
        title: &'a str,
        description: &'a str,
    ) -> PageMeta<'a> {
        let route = kind.route(self.site);
        PageMeta {
            kind: kind_name,
            title,
            description,
            url: self.site.urls.href(route),
            canonical: self.site.urls.absolute(route),
        }
    }

    pub fn build(&self, kind: PageKind) -> Result<tera::Context, tera::Error> {
        match kind {
            PageKind::Home => tera::Context::from_serialize(&self.home(kind)),
            PageKind::Story(ix) => tera::Context::from_serialize(&self.story(kind, ix)),
            PageKind::Actors => tera::Context::from_serialize(&self.actors(kind)),
            PageKind::Actor(ix) => tera::Context::from_serialize(&self.actor(kind, ix)),
            PageKind::Timeline => tera::Context::from_serialize(&self.timeline(kind)),
            PageKind::Forces => tera::Context::from_serialize(&self.forces(kind)),
            PageKind::Quotes => tera::Context::from_serialize(&QuotesContext {
                page: self.meta(
                    kind,
                    "quotes",
                    "Quotes",
                    "What the actors said, with who reported it.",
                ),
                quotes: (0..self.site.quotes.len())
                    .map(|ix| self.views.quote(ix))
                    .collect(),
            }),
            PageKind::Sources => tera::Context::from_serialize(&self.sources(kind)),
            PageKind::Tags => tera::Context::from_serialize(&self.tags(kind)),
            PageKind::Tag(ix) => tera::Context::from_serialize(&self.tag(kind, ix)),
            PageKind::Page(ix) => {
                let page = &self.site.pages[ix];
                tera::Context::from_serialize(&PlainPageContext {
                    page: self.meta(kind, "page", &page.title, &page.summary),
                    body_html: self.markdown(&page.document.body),
                })
            }
            PageKind::Search => tera::Context::from_serialize(&self.search(kind)),
            PageKind::NotFound => tera::Context::from_serialize(&PlainPageContext {
                page: self.meta(kind, "not_found", "Page not found", ""),
                body_html: String::new(),
            }),
        }
    }

    fn home(&self, kind: PageKind) -> HomeContext<'a> {
        let site = self.site;
        let (title, description, intro_html) = match &site.home {
            Some(home) => (
                home.title.as_str(),
                home.summary.as_str(),
                self.markdown(&home.document.body),
            ),
            None => (
                site.config.title.as_str(),
                site.config.description.as_str(),
                String::new(),
            ),
        };
        let recent = site.events.len().saturating_sub(5)..site.events.len();
        HomeContext {
            page: self.meta(kind, "home", title, description),
            intro_html,
            stories: (0..site.stories.len())
                .map(|ix| self.views.story_card(ix))
                .collect(),
            actors: (0..site.actors.len())
                .map(|ix| self.views.actor_card(ix))
                .collect(),
            recent_events: recent.rev().map(|ix| self.event(ix)).collect(),
        }
    }

    fn story(&self, kind: PageKind, ix: usize) -> StoryContext<'a> {
        let site = self.site;
        let story = &site.stories[ix];
        StoryContext {
            page: self.meta(kind, "story", &story.title, &story.summary),
            story: self.views.story_card(ix),
            body_html: markdown::render(
                &story.document.body,
                &PageLinks {
                    site,
                    numbered_sources: Some(&site.story_sources[ix]),
                },
                self.highlighter,
            ),
            actors: site.story_actors[ix]
                .iter()
                .map(|&a| self.views.actor_card(a))
                .collect(),
            sources: self.numbered_sources(ix),
            related: site
                .related_stories(ix, 3)
                .into_iter()
                .map(|s| self.views.story_card(s))
                .collect(),
        }
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

    fn actor(&self, kind: PageKind, ix: usize) -> ActorContext<'a> {
        let site = self.site;
        let actor = &site.actors[ix];
        let links = &site.actor_links[ix];
        let mut relations: Vec<RelationView<'a>> = links
            .relations
            .iter()
            .map(|edge| RelationView {
                label: edge.label(),
                kind: &edge.kind,
                outgoing: edge.direction == Direction::Outgoing,
                actor: self.views.actor_link(edge.other),
            })
            .collect();
        relations.sort_by(|a, b| (&a.label, a.actor.title).cmp(&(&b.label, b.actor.title)));
        ActorContext {
            page: self.meta(kind, "actor", &actor.name, &actor.summary),
            actor: self.views.actor_card(ix),
            aliases: &actor.aliases,
            body_html: self.markdown(&actor.document.body),
            relations,
            stories: links
                .stories
                .iter()
                .map(|&s| self.views.story_card(s))
                .collect(),
            events: links.events.iter().map(|&e| self.event(e)).collect(),
            quotes: links.quotes.iter().map(|&q| self.views.quote(q)).collect(),
            figures: self.views.figure_rows(&links.figures),
            charts: self.actor_charts(&links.figures),
            graph: visuals::neighbourhood(site, ix),
            sources: links
                .sources
                .iter()
                .map(|&s| self.views.source(s))
                .collect(),
        }
    }

    /// One set of charts per measure the actor has figures for.
    fn actor_charts(&self, figures: &[usize]) -> Vec<Chart> {
        let forces = &self.site.forces;
        let mut charts = Vec::new();
        let mut start = 0;
        while start < figures.len() {
            let measure = &forces[figures[start]].measure;
            let end = start
                + figures[start..]
                    .iter()
                    .take_while(|&&f| forces[f].measure == *measure)
                    .count();
            let rows = self.views.figure_rows(&figures[start..end]);
            charts.extend(visuals::measure_charts(
                &format!("actor-measure-{}", charts.len() + 1),
                measure,
                &rows,
            ));
            start = end;
        }
        charts
    }

    fn actors(&self, kind: PageKind) -> ActorsContext<'a> {
        let mut groups: Vec<ActorGroup<'a>> = Vec::new();
        let mut order: Vec<usize> = (0..self.site.actors.len()).collect();
        order.sort_by_key(|&ix| self.site.actors[ix].kind);
        for ix in order {
            let label = self.site.actors[ix].kind.label();
            match groups.last_mut() {
                Some(group) if group.kind == label => group.actors.push(self.views.actor_card(ix)),
                _ => groups.push(ActorGroup {
                    kind: label,
                    actors: vec![self.views.actor_card(ix)],
                }),
            }
        }
        ActorsContext {
            page: self.meta(
                kind,
                "actors",
                "Actors",
                "The states, organizations and people in this conflict.",
            ),
            groups,
            graph: visuals::whole_graph(self.site),
        }
    }

    fn timeline(&self, kind: PageKind) -> TimelineContext<'a> {
        let mut years: Vec<YearGroup<'a>> = Vec::new();
        for (ix, event) in self.site.events.iter().enumerate() {
            if years.last().is_none_or(|y| y.year != event.date.year()) {
                years.push(YearGroup {
                    year: event.date.year(),
                    months: Vec::new(),
                });
            }
            let Some(year) = years.last_mut() else {
                continue;
            };
            let name = event.date.month_name();
            if year.months.last().is_none_or(|m| m.name != name) {
                year.months.push(MonthGroup {
                    name,
                    events: Vec::new(),
                });
            }
            if let Some(month) = year.months.last_mut() {
                month.events.push(self.event(ix));
            }
        }
        TimelineContext {
            page: self.meta(
                kind,
                "timeline",
                "Timeline",
                "Every event, in order, as precisely dated as it is known.",
            ),
            years,
            actor_filters: self
                .site
                .actors
                .iter()
                .zip(&self.site.actor_links)
                .filter(|(_, links)| !links.events.is_empty())
                .map(|(actor, _)| FilterOption {
                    value: actor.id.as_str(),
                    label: &actor.name,
                    url: self.site.urls.href(Route::ActorTimeline(&actor.id)),
                })
                .collect(),
            tag_filters: self
                .site
                .tags
                .iter()
                .filter(|entry| !entry.events.is_empty())
                .map(|entry| FilterOption {
                    value: entry.tag.slug.as_str(),
                    label: &entry.tag.name,
                    url: self.site.urls.href(Route::Tag(&entry.tag.slug)),
                })
                .collect(),
        }
    }

    fn forces(&self, kind: PageKind) -> ForcesContext<'a> {
        let mut measures: Vec<MeasureGroup<'a>> = Vec::new();
        let mut start = 0;
        let forces = &self.site.forces;
        while start < forces.len() {
            let end = start
                + forces[start..]
                    .iter()
                    .take_while(|f| f.measure == forces[start].measure)
                    .count();
            let figures: Vec<usize> = (start..end).collect();
            let rows = self.views.figure_rows(&figures);
            let measure = &forces[start].measure;
            let id = format!("measure-{}", measures.len() + 1);
            let charts = visuals::measure_charts(&id, measure, &rows);
            measures.push(MeasureGroup {
                measure,
                charts,
                rows,
            });
            start = end;
        }
        ForcesContext {
            page: self.meta(
                kind,
                "forces",
                "Forces",
                "Force sizes, with their dates and sources.",
            ),
            measures,
        }
    }

    fn sources(&self, kind: PageKind) -> SourcesContext<'a> {
        let sources = (0..self.site.sources.len())
            .map(|ix| CitedSource {
                source: self.views.source(ix),
                cited_by: self.site.citations[ix]
                    .iter()
                    .map(|&c| self.views.citation(c))
                    .collect(),
            })
            .collect();
        SourcesContext {
            page: self.meta(
                kind,
                "sources",
                "Sources",
                "Every source behind the explainer, and what cites it.",
            ),
            sources,
        }
    }

    fn search(&self, kind: PageKind) -> SearchContext<'a> {
        let site = self.site;
        let urls = &site.urls;
        SearchContext {
            page: self.meta(
                kind,
                "search",
                "Search",
                "Find stories, actors, events and quotes.",
            ),
            search_shards: serde_json::to_string(&crate::search::bundle_paths(
                site,
                &crate::search::plan(site),
            ))
            .unwrap_or_else(|_| "[]".to_string()),
            stories: site
                .stories
                .iter()
                .map(|s| Link {
                    title: &s.title,
                    url: urls.href(Route::Story(&s.id)),
                })
                .collect(),
            actors: (0..site.actors.len())
                .map(|ix| self.views.actor_link(ix))
                .collect(),
            events: site
                .events
                .iter()
                .map(|e| Link {
                    title: &e.title,
                    url: urls.href(Route::Event(&e.id)),
                })
                .collect(),
            quotes: (0..site.quotes.len())
                .map(|ix| self.views.quote(ix))
                .collect(),
        }
    }

    fn tags(&self, kind: PageKind) -> TagsContext<'a> {
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
            page: self.meta(kind, "tags", "Tags", "Stories and events by subject."),
            tags,
        }
    }

    fn tag(&self, kind: PageKind, ix: usize) -> TagContext<'a> {
        let entry = &self.site.tags[ix];
        TagContext {
            page: self.meta(kind, "tag", &entry.tag.name, ""),
            tag: &entry.tag.name,
            stories: entry
                .stories
                .iter()
                .map(|&s| self.views.story_card(s))
                .collect(),
            events: entry.events.iter().map(|&e| self.event(e)).collect(),
        }
    }
}
