//! Contexts of the pages listing the site's data: timeline, forces, quotes, sources
//! and search.

use serde::Serialize;

use super::ContextBuilder;
use crate::render::pages::{PageKind, PageMeta};
use crate::render::views::{CitationView, EventView, FigureRow, Link, QuoteView, SourceView};
use crate::render::visuals::{self, Chart};
use crate::url::Route;

#[derive(Serialize)]
pub(super) struct MonthGroup<'a> {
    /// None for events known only to the year.
    name: Option<&'static str>,
    /// The month and year in the edition's language: `March 2013`, `2013년 3월`.
    heading: Option<String>,
    events: Vec<EventView<'a>>,
}

#[derive(Serialize)]
pub(super) struct YearGroup<'a> {
    year: u16,
    months: Vec<MonthGroup<'a>>,
}

#[derive(Serialize)]
pub(super) struct TimelineContext<'a> {
    page: PageMeta<'a>,
    years: Vec<YearGroup<'a>>,
    /// Actors with events, for the filter and for each actor's own timeline (without JavaScript).
    actor_filters: Vec<FilterOption<'a>>,
    /// Tags with events, for the filter.
    tag_filters: Vec<FilterOption<'a>>,
    /// A map of the places the events name.
    map: Option<crate::render::maps::MapView<'a>>,
}

/// One choice of the timeline filter, with the page that shows it without JavaScript.
#[derive(Serialize)]
pub(super) struct FilterOption<'a> {
    value: &'a str,
    label: &'a str,
    url: String,
}

#[derive(Serialize)]
pub(super) struct MeasureGroup<'a> {
    measure: &'a str,
    /// The measure with its first letter capitalised and the rest as written.
    heading: String,
    charts: Vec<Chart>,
    rows: Vec<FigureRow<'a>>,
}

#[derive(Serialize)]
pub(super) struct ForcesContext<'a> {
    page: PageMeta<'a>,
    measures: Vec<MeasureGroup<'a>>,
}

#[derive(Serialize)]
pub(super) struct QuotesContext<'a> {
    page: PageMeta<'a>,
    quotes: Vec<QuoteView<'a>>,
}

#[derive(Serialize)]
pub(super) struct CitedSource<'a> {
    #[serde(flatten)]
    source: SourceView<'a>,
    cited_by: Vec<CitationView>,
}

#[derive(Serialize)]
pub(super) struct SourcesContext<'a> {
    page: PageMeta<'a>,
    sources: Vec<CitedSource<'a>>,
}

/// The search page: the search box, and for readers without JavaScript the first
/// [`SEARCH_FALLBACK`] of each kind with a link to the page that lists them all.
#[derive(Serialize)]
pub(super) struct SearchContext<'a> {
    page: PageMeta<'a>,
    /// The secondary search shards' bundle URLs, as a JSON array, for `mergeIndex`.
    search_shards: String,
    stories: Vec<Link<'a>>,
    actors: Vec<Link<'a>>,
    events: Vec<Link<'a>>,
    quotes: Vec<QuoteView<'a>>,
    /// How many there are of each kind (`stories`, `actors`, `events`, `quotes`).
    counts: SearchCounts,
    /// The page listing every one of each kind: home, actors, timeline, quotes.
    all: SearchLists,
}

/// Records of each kind the search page lists itself: the page every first search loads
/// stays a few kilobytes on a site of 50,000 stories.
const SEARCH_FALLBACK: usize = 100;

#[derive(Serialize)]
struct SearchCounts {
    stories: usize,
    actors: usize,
    events: usize,
    quotes: usize,
}

#[derive(Serialize)]
struct SearchLists {
    stories: String,
    actors: String,
    events: String,
    quotes: String,
}

impl<'a> ContextBuilder<'a> {
    pub(super) fn timeline(&self, kind: PageKind) -> TimelineContext<'a> {
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
                    heading: name.map(|_| {
                        crate::render::i18n::formats::format_month(
                            event.date,
                            &self.site.config.language,
                        )
                    }),
                    events: Vec::new(),
                });
            }
            if let Some(month) = year.months.last_mut() {
                month.events.push(self.event(ix));
            }
        }
        TimelineContext {
            map: crate::render::maps::map_of(
                self.site,
                self.renderer.maps(),
                self.renderer.words(),
                "events",
                &self.renderer.words().say("words.map.these_events", &[]),
                &crate::render::maps::by_prominence(
                    self.site,
                    crate::render::maps::distinct(self.site.events.iter().flat_map(|e| {
                        e.places
                            .iter()
                            .filter_map(|r| self.site.place_ix(r.id.as_str()))
                    })),
                ),
            ),
            page: self.section_meta(kind, "timeline"),
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

    pub(super) fn forces(&self, kind: PageKind) -> ForcesContext<'a> {
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
            let measure = &forces[start].measure_text;
            let id = format!("measure-{}", measures.len() + 1);
            let charts =
                visuals::measure_charts(self.site, self.renderer.words(), &id, measure, &rows);
            measures.push(MeasureGroup {
                measure,
                heading: visuals::capitalized(measure),
                charts,
                rows,
            });
            start = end;
        }
        ForcesContext {
            page: self.section_meta(kind, "forces"),
            measures,
        }
    }

    pub(super) fn sources(&self, kind: PageKind) -> SourcesContext<'a> {
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
            page: self.section_meta(kind, "sources"),
            sources,
        }
    }

    pub(super) fn quotes(&self, kind: PageKind) -> QuotesContext<'a> {
        QuotesContext {
            page: self.section_meta(kind, "quotes"),
            quotes: (0..self.site.quotes.len())
                .map(|ix| self.quote(ix))
                .collect(),
        }
    }

    pub(super) fn search(&self, kind: PageKind) -> SearchContext<'a> {
        let site = self.site;
        let urls = &site.urls;
        SearchContext {
            page: self.section_meta(kind, "search"),
            search_shards: serde_json::to_string(&crate::search::bundle_paths(
                site,
                &crate::search::plan(site),
            ))
            .unwrap_or_else(|_| "[]".to_string()),
            stories: site
                .stories
                .iter()
                .take(SEARCH_FALLBACK)
                .map(|s| Link {
                    title: &s.title,
                    url: urls.href(Route::Story(&s.id)),
                })
                .collect(),
            actors: (0..site.actors.len().min(SEARCH_FALLBACK))
                .map(|ix| self.views.actor_link(ix))
                .collect(),
            events: site
                .events
                .iter()
                .take(SEARCH_FALLBACK)
                .map(|e| Link {
                    title: &e.title,
                    url: urls.href(Route::Event(&e.id)),
                })
                .collect(),
            quotes: (0..site.quotes.len().min(SEARCH_FALLBACK))
                .map(|ix| self.quote(ix))
                .collect(),
            counts: SearchCounts {
                stories: site.stories.len(),
                actors: site.actors.len(),
                events: site.events.len(),
                quotes: site.quotes.len(),
            },
            all: SearchLists {
                stories: urls.href(Route::Home),
                actors: urls.href(Route::Actors),
                events: urls.href(Route::Timeline),
                quotes: urls.href(Route::Quotes),
            },
        }
    }
}
