//! Contexts of the place pages: every place with the overview map, and one place with
//! what happens there.

use serde::Serialize;

use super::ContextBuilder;
use crate::render::maps::{self, MapView};
use crate::render::pages::{PageKind, PageMeta};
use crate::render::views::{ActorCard, EventView, Link, SourceView, StoryCard};
use crate::url::Route;

#[derive(Serialize)]
pub(super) struct PlaceView<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    kind: &'a str,
    country: &'a str,
    summary: &'a str,
    lat: f64,
    lon: f64,
    /// "37.57° N, 126.98° E".
    position: String,
    aliases: &'a [String],
    stories: usize,
    events: usize,
    actors: usize,
}

#[derive(Serialize)]
pub(super) struct PlacesContext<'a> {
    page: PageMeta<'a>,
    places: Vec<PlaceView<'a>>,
    map: Option<MapView<'a>>,
}

#[derive(Serialize)]
pub(super) struct PlaceContext<'a> {
    page: PageMeta<'a>,
    place: PlaceView<'a>,
    map: Option<MapView<'a>>,
    stories: Vec<StoryCard<'a>>,
    events: Vec<EventView<'a>>,
    actors: Vec<ActorCard<'a>>,
    sources: Vec<SourceView<'a>>,
    nearby: Vec<Link<'a>>,
}

/// Degrees written for readers, with the hemisphere.
fn position(lat: f64, lon: f64) -> String {
    let ns = if lat < 0.0 { 'S' } else { 'N' };
    let ew = if lon < 0.0 { 'W' } else { 'E' };
    format!("{:.2}° {ns}, {:.2}° {ew}", lat.abs(), lon.abs())
}

impl<'a> ContextBuilder<'a> {
    fn place_view(&self, ix: usize) -> PlaceView<'a> {
        let place = &self.site.places[ix];
        let links = &self.site.place_links[ix];
        PlaceView {
            id: place.id.as_str(),
            name: &place.name,
            url: self.site.urls.href(Route::Place(&place.id)),
            kind: &place.kind,
            country: &place.country,
            summary: &place.summary,
            lat: place.lat,
            lon: place.lon,
            position: position(place.lat, place.lon),
            aliases: &place.aliases,
            stories: links.stories.len(),
            events: links.events.len(),
            actors: links.actors.len(),
        }
    }

    pub(super) fn places(&self, kind: PageKind) -> PlacesContext<'a> {
        let all: Vec<usize> = (0..self.site.places.len()).collect();
        PlacesContext {
            page: self.section_meta(kind, "places"),
            places: all.iter().map(|&ix| self.place_view(ix)).collect(),
            map: maps::map_of(
                self.site,
                self.renderer.maps(),
                self.renderer.words(),
                "places",
                &self.renderer.words().say("words.map.every_place", &[]),
                &maps::by_prominence(self.site, all.clone()),
            ),
        }
    }

    pub(super) fn place(&self, kind: PageKind, ix: usize) -> PlaceContext<'a> {
        let site = self.site;
        let place = &site.places[ix];
        let links = &site.place_links[ix];
        // The place first, then the other places of the same events and stories.
        let related = maps::distinct(
            std::iter::once(ix)
                .chain(links.events.iter().flat_map(|&e| {
                    site.events[e]
                        .places
                        .iter()
                        .filter_map(|r| site.place_ix(r.id.as_str()))
                }))
                .chain(
                    links
                        .stories
                        .iter()
                        .flat_map(|&s| site.story_places[s].iter().copied()),
                ),
        );
        let map = maps::map_of(
            site,
            self.renderer.maps(),
            self.renderer.words(),
            "place",
            &place.name,
            &[ix],
        );
        PlaceContext {
            page: self.meta(kind, "place", &place.name, &place.summary),
            place: self.place_view(ix),
            map,
            stories: links
                .stories
                .iter()
                .map(|&s| self.views.story_card(s))
                .collect(),
            events: links.events.iter().map(|&e| self.event(e)).collect(),
            actors: links
                .actors
                .iter()
                .map(|&a| self.views.actor_card(a))
                .collect(),
            sources: place
                .sources
                .iter()
                .filter_map(|r| site.source_ix(r.id.as_str()))
                .map(|s| self.views.source(s))
                .collect(),
            nearby: related
                .iter()
                .skip(1)
                .map(|&p| Link {
                    title: &site.places[p].name,
                    url: site.urls.href(Route::Place(&site.places[p].id)),
                })
                .collect(),
        }
    }
}
