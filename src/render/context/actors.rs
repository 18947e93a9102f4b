//! Contexts of the actor pages: one actor, and all of them grouped by kind.

use serde::Serialize;

use super::ContextBuilder;
use crate::render::pages::{PageKind, PageMeta};
use crate::render::views::{
    ActorCard, EventView, FigureRow, Link, QuoteView, SourceView, StoryCard,
};
use crate::render::visuals::{self, Chart};
use crate::site::Direction;

#[derive(Serialize)]
pub(super) struct RelationView<'a> {
    label: String,
    kind: &'a str,
    outgoing: bool,
    actor: Link<'a>,
}

#[derive(Serialize)]
pub(super) struct ActorContext<'a> {
    page: PageMeta<'a>,
    lead_image: Option<crate::render::images::LeadImageView>,
    social_image: Option<crate::render::images::SocialImage>,
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
    /// A map of the actor's places.
    map: Option<crate::render::maps::MapView<'a>>,
    corrections: Vec<crate::render::views::CorrectionView>,
}

#[derive(Serialize)]
pub(super) struct ActorGroup<'a> {
    kind: String,
    actors: Vec<ActorCard<'a>>,
}

#[derive(Serialize)]
pub(super) struct ActorsContext<'a> {
    page: PageMeta<'a>,
    groups: Vec<ActorGroup<'a>>,
    graph: Option<Chart>,
}

impl<'a> ContextBuilder<'a> {
    pub(super) fn actor(&self, kind: PageKind, ix: usize) -> ActorContext<'a> {
        let site = self.site;
        let actor = &site.actors[ix];
        let links = &site.actor_links[ix];
        let mut relations: Vec<RelationView<'a>> = links
            .relations
            .iter()
            .map(|edge| RelationView {
                label: self.renderer.words().relation(edge),
                kind: &edge.kind,
                outgoing: edge.direction == Direction::Outgoing,
                actor: self.views.actor_link(edge.other),
            })
            .collect();
        relations.sort_by(|a, b| (&a.label, a.actor.title).cmp(&(&b.label, b.actor.title)));
        ActorContext {
            lead_image: actor
                .image
                .as_ref()
                .and_then(|lead| crate::render::images::lead_image_view(site, lead)),
            social_image: actor
                .image
                .as_ref()
                .and_then(|lead| crate::render::images::social_from_lead(site, lead, &actor.name)),
            map: crate::render::maps::map_of(
                site,
                self.renderer.maps(),
                self.renderer.words(),
                "actor",
                &self
                    .renderer
                    .words()
                    .say("words.map.of_actor", &[("name", &actor.name)]),
                &crate::render::maps::distinct(
                    actor
                        .places
                        .iter()
                        .filter_map(|r| site.place_ix(r.id.as_str())),
                ),
            ),
            page: self.meta(kind, "actor", &actor.name, &actor.summary),
            corrections: self.corrections_of(crate::site::Corrected::Actor(ix)),
            actor: self.views.actor_card(ix),
            aliases: &actor.aliases,
            body_html: self.document_html(&actor.document),
            relations,
            stories: links
                .stories
                .iter()
                .map(|&s| self.views.story_card(s))
                .collect(),
            events: links.events.iter().map(|&e| self.event(e)).collect(),
            quotes: links.quotes.iter().map(|&q| self.quote(q)).collect(),
            figures: self.views.figure_rows(&links.figures),
            charts: self.actor_charts(&links.figures),
            graph: visuals::neighbourhood(site, self.renderer.words(), ix),
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
                self.site,
                self.renderer.words(),
                &format!("actor-measure-{}", charts.len() + 1),
                &forces[figures[start]].measure_text,
                &rows,
            ));
            start = end;
        }
        charts
    }

    pub(super) fn actors(&self, kind: PageKind) -> ActorsContext<'a> {
        let mut groups: Vec<ActorGroup<'a>> = Vec::new();
        let mut order: Vec<usize> = (0..self.site.actors.len()).collect();
        order.sort_by_key(|&ix| self.site.actors[ix].kind);
        for ix in order {
            let label = self.renderer.words().actor_kind(self.site.actors[ix].kind);
            match groups.last_mut() {
                Some(group) if group.kind == label => group.actors.push(self.views.actor_card(ix)),
                _ => groups.push(ActorGroup {
                    kind: label,
                    actors: vec![self.views.actor_card(ix)],
                }),
            }
        }
        ActorsContext {
            page: self.section_meta(kind, "actors"),
            groups,
            graph: visuals::whole_graph(self.site, self.renderer.words()),
        }
    }
}
