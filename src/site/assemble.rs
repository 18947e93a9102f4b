//! Turning loaded content and data into the [`Site`]: ordering, id indexes, reference
//! checks and backlinks, each step in a file of its own. Every problem is collected, none
//! stops the others.

use std::sync::OnceLock;

use crate::config::SiteConfig;
use crate::content::Content;
use crate::data::Data;
use crate::diagnostics::Diagnostics;
use crate::site::{
    Indexes, Site, authors, backlinks, body_checks, corrections, indexes, key_facts_checks,
    loose_ends, placeholders, places, reference_checks, series,
};
use crate::url::UrlMaker;

/// Builds the site model. None when any error was found; every problem found, errors and
/// warnings, is in `diagnostics` either way.
pub fn assemble(
    config: SiteConfig,
    content: Content,
    data: Data,
    diagnostics: &mut Diagnostics,
) -> Option<Site> {
    let mut dropped = content.dropped;
    dropped.merge(data.dropped);
    let mut site = Site {
        urls: UrlMaker::new(config.base_url.clone())
            .linking(config.links)
            .in_edition(&config.edition_prefix()),
        config,
        home: content.home,
        stories: content.stories,
        actors: content.actors,
        pages: content.pages,
        events: data.events,
        forces: data.forces,
        quotes: data.quotes,
        sources: data.sources,
        places: data.places,
        place_links: Vec::new(),
        story_places: Vec::new(),
        tags: Vec::new(),
        actor_links: Vec::new(),
        story_actors: Vec::new(),
        story_sources: Vec::new(),
        event_stories: Vec::new(),
        citations: Vec::new(),
        dropped,
        drafts: content.drafts.into_iter().collect(),
        elsewhere: content.elsewhere,
        editions: Default::default(),
        other_editions: Vec::new(),
        authors: content.authors,
        author_stories: Vec::new(),
        story_authors: Vec::new(),
        series: Vec::new(),
        story_series: Vec::new(),
        corrections: Vec::new(),
        images: crate::images::ImageLibrary::default(),
        index: Indexes::default(),
        related: Vec::new(),
    };
    sort_lists(&mut site);
    indexes::build_indexes(&mut site, diagnostics);
    places::index_places(&mut site, diagnostics);
    reference_checks::check_references(&site, diagnostics);
    places::check_place_references(&site, diagnostics);
    key_facts_checks::check_key_facts(&site, diagnostics);
    body_checks::check_bodies(&site, diagnostics);
    super::images::load_images(&mut site, diagnostics);
    backlinks::link_actors(&mut site, diagnostics);
    backlinks::link_events(&mut site);
    backlinks::link_sources(&mut site);
    backlinks::index_tags(&mut site);
    places::link_places(&mut site);
    authors::link_authors(&mut site, diagnostics);
    series::gather_series(&mut site, diagnostics);
    corrections::gather_corrections(&mut site, diagnostics);
    loose_ends::warn_about_loose_ends(&site, diagnostics);
    placeholders::warn_about_placeholders(&site, diagnostics);
    site.related = site.stories.iter().map(|_| OnceLock::new()).collect();
    (!diagnostics.has_errors()).then_some(site)
}

fn sort_lists(site: &mut Site) {
    site.stories
        .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    site.actors.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.id.cmp(&b.id))
    });
    site.pages
        .sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.id.cmp(&b.id)));
    // Events of one date keep the order the editor wrote them in.
    site.events
        .sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.at.cmp(&b.at)));
    site.forces.sort_by(|a, b| {
        (&a.measure, &a.actor.id, a.as_of)
            .cmp(&(&b.measure, &b.actor.id, b.as_of))
            .then_with(|| a.at.cmp(&b.at))
    });
    site.quotes
        .sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    site.sources
        .sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.id.cmp(&b.id)));
    site.authors.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.id.cmp(&b.id))
    });
    site.places
        .sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
}
