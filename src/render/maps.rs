//! Which places a page's map shows, and the map itself: drawn by `draw::place_map` once
//! per distinct slot and set of places in a build (the renderer's `MapMemo`).

use serde::Serialize;

use crate::draw::{self, MapPlace};
use crate::render::i18n::Words;
use crate::render::views::Link;
use crate::site::{PlaceIx, Site};
use crate::url::Route;

/// An inline map with what it shows in words, and the list of its places beside it.
#[derive(Serialize)]
pub struct MapView<'a> {
    pub svg: std::sync::Arc<str>,
    pub caption: String,
    /// Every place on the map, linked to its page, in the order drawn.
    pub places: Vec<Link<'a>>,
}

/// The places of `places` in order, each once.
pub(crate) fn distinct(places: impl IntoIterator<Item = PlaceIx>) -> Vec<PlaceIx> {
    let mut seen = Vec::new();
    for place in places {
        if !seen.contains(&place) {
            seen.push(place);
        }
    }
    seen
}

/// Places ordered for labelling on a map of many: the most linked first (events, stories
/// and actors there), cities before other kinds, then by name. The first get the best
/// label spots; the list beside the map keeps this order.
pub(crate) fn by_prominence(site: &Site, mut places: Vec<PlaceIx>) -> Vec<PlaceIx> {
    let weight = |&p: &PlaceIx| {
        let links = &site.place_links[p];
        links.events.len() + links.stories.len() + links.actors.len()
    };
    places.sort_by(|a, b| {
        weight(b)
            .cmp(&weight(a))
            .then_with(|| (site.places[*a].kind != "city").cmp(&(site.places[*b].kind != "city")))
            .then_with(|| a.cmp(b))
    });
    places
}

/// The map of `places` (None when there are none). `slot` names the map on its page
/// (`story`, `events`...): it makes the SVG's ids unique on the page and is part of the
/// memo's key, with the places' ids.
pub(crate) fn map_of<'a>(
    site: &'a Site,
    memo: &draw::MapMemo,
    words: &Words,
    slot: &str,
    subject: &str,
    places: &[PlaceIx],
) -> Option<MapView<'a>> {
    if places.is_empty() {
        return None;
    }
    let names: Vec<&str> = places
        .iter()
        .map(|&p| site.places[p].name.as_str())
        .collect();
    let caption = match names.as_slice() {
        [one] => words.say("words.map.one", &[("subject", subject), ("place", one)]),
        _ => words.count(
            "words.map.many",
            names.len(),
            &[("subject", subject), ("places", &names.join(", "))],
        ),
    };
    let mut key = format!("{slot}\u{0}{subject}");
    for &place in places {
        key.push('\u{0}');
        key.push_str(site.places[place].id.as_str());
    }
    let svg = memo.get_or_draw(&key, || {
        let marks: Vec<MapPlace<'_>> = places
            .iter()
            .map(|&p| {
                let place = &site.places[p];
                MapPlace {
                    name: &place.name,
                    lat: place.lat,
                    lon: place.lon,
                }
            })
            .collect();
        draw::place_map(
            &format!("map-{slot}"),
            &words.say("words.map.title", &[("subject", subject)]),
            &caption,
            &marks,
        )
    });
    Some(MapView {
        svg,
        caption,
        places: places
            .iter()
            .map(|&p| {
                let place = &site.places[p];
                Link {
                    title: &place.name,
                    url: site.urls.href(Route::Place(&place.id)),
                }
            })
            .collect(),
    })
}
