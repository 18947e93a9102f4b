//! Places in the site model: their index (each id defined once, usable in a URL), the
//! check that every place an event, story or actor names exists, and the backlinks from
//! each place to what happens there.

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::ids::{PlaceId, Ref, segment_problem, suggested_segment};
use crate::markdown::ReferenceKind;
use crate::site::reference_checks::{check_claim_source, check_source};
use crate::site::{ActorIx, EventIx, LinkTarget, Site, StoryIx};

/// Everything at one place.
#[derive(Debug, Default, Clone)]
pub struct PlaceLinks {
    /// Stories naming the place in front matter or in a `[[places/<id>]]` link, newest first.
    pub stories: Vec<StoryIx>,
    /// Oldest first.
    pub events: Vec<EventIx>,
    /// By name; seated here or tied to it.
    pub actors: Vec<ActorIx>,
}

/// Fills the place index, reporting each id defined twice (naming both places) and ids
/// that cannot be a URL segment.
pub(super) fn index_places(site: &mut Site, diagnostics: &mut Diagnostics) {
    site.index.places = super::indexes::index(
        site.places.iter().map(|p| (p.id.clone(), p.at.clone())),
        "place",
        diagnostics,
    );
    for place in &site.places {
        let id = place.id.as_str();
        if let Some(problem) = segment_problem(id) {
            diagnostics.push(
                Diagnostic::error(
                    place.at.clone(),
                    format!("`{id}` cannot be a place id: {problem}"),
                )
                .with_hint(format!("use `{}`", suggested_segment(id))),
            );
        }
    }
}

fn check_place(site: &Site, reference: &Ref<PlaceId>, diagnostics: &mut Diagnostics) {
    let id = reference.id.as_str();
    if site.place_ix(id).is_none() && !site.dropped.places.may_hold(id) {
        let known = site.places.iter().map(|p| p.id.as_str());
        diagnostics.push(
            Diagnostic::error(reference.at.clone(), format!("unknown place `{id}`"))
                .with_hint(did_you_mean(id, known).unwrap_or_else(|| {
                    format!("add it to content/data/places.yaml (`- id: {id}` with `name:`, `lat:` and `lon:`)")
                }))
                .as_reference(),
        );
    }
}

/// Every place named by an event, story or actor exists, and every place has a source.
pub(super) fn check_place_references(site: &Site, diagnostics: &mut Diagnostics) {
    let named = site
        .events
        .iter()
        .flat_map(|e| &e.places)
        .chain(site.stories.iter().flat_map(|s| &s.places))
        .chain(site.actors.iter().flat_map(|a| &a.places));
    for reference in named {
        check_place(site, reference, diagnostics);
    }
    for place in &site.places {
        check_claim_source(
            site,
            "place",
            "sources",
            place.sources.first(),
            &place.at,
            diagnostics,
        );
        place
            .sources
            .iter()
            .skip(1)
            .for_each(|r| check_source(site, r, diagnostics));
    }
}

/// What happens at each place, and each story's places (front matter, then inline links).
pub(super) fn link_places(site: &mut Site) {
    let mut links = vec![PlaceLinks::default(); site.places.len()];
    let mut story_places = Vec::with_capacity(site.stories.len());
    for (story_ix, story) in site.stories.iter().enumerate() {
        let front_matter = story.places.iter().map(|r| r.id.clone());
        let inline = story
            .document
            .references
            .iter()
            .filter(|r| r.kind == ReferenceKind::Link)
            .filter_map(|link| match LinkTarget::parse(&link.target) {
                LinkTarget::Place(id) => Some(id),
                _ => None,
            });
        let mut named = Vec::new();
        for id in front_matter.chain(inline) {
            if let Some(place_ix) = site.place_ix(id.as_str())
                && !named.contains(&place_ix)
            {
                named.push(place_ix);
                links[place_ix].stories.push(story_ix);
            }
        }
        story_places.push(named);
    }
    for (event_ix, event) in site.events.iter().enumerate() {
        for place_ix in event
            .places
            .iter()
            .filter_map(|r| site.place_ix(r.id.as_str()))
        {
            if links[place_ix].events.last() != Some(&event_ix) {
                links[place_ix].events.push(event_ix);
            }
        }
    }
    for (actor_ix, actor) in site.actors.iter().enumerate() {
        for place_ix in actor
            .places
            .iter()
            .filter_map(|r| site.place_ix(r.id.as_str()))
        {
            if links[place_ix].actors.last() != Some(&actor_ix) {
                links[place_ix].actors.push(actor_ix);
            }
        }
    }
    site.place_links = links;
    site.story_places = story_places;
}
