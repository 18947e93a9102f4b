//! Backlinks: for each actor, everything that names it; for each source, everything that
//! cites it; for each tag, everything that carries it. Computed once, read by every page.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::ids::SourceId;
use crate::markdown::ReferenceKind;
use crate::site::{
    ActorLinks, Citation, Direction, LinkTarget, RelationEdge, Site, SourceIx, TagEntry,
};

fn push_unique(list: &mut Vec<usize>, ix: usize) {
    if !list.contains(&ix) {
        list.push(ix);
    }
}

/// [`push_unique`] for a list filled in ascending order, where a repeat can only be the
/// last entry: constant time, so that an actor named by 100,000 events costs no more than
/// one named by ten.
fn push_in_order(list: &mut Vec<usize>, ix: usize) {
    if list.last() != Some(&ix) {
        list.push(ix);
    }
}

/// Gathers, for each actor, everything that names it. A relation written twice (in both
/// actors' files, or twice in one) is listed and drawn once, with a warning at the second.
pub(super) fn link_actors(site: &mut Site, diagnostics: &mut Diagnostics) {
    let mut links = vec![ActorLinks::default(); site.actors.len()];
    let mut story_actors = Vec::with_capacity(site.stories.len());
    for (story_ix, story) in site.stories.iter().enumerate() {
        let mut named = Vec::new();
        let front_matter = story.actors.iter().map(|r| r.id.as_str().to_string());
        let inline = story
            .document
            .references
            .iter()
            .filter(|r| r.kind == ReferenceKind::Link)
            .filter_map(|link| match LinkTarget::parse(&link.target) {
                LinkTarget::Actor(id) => Some(id.as_str().to_string()),
                _ => None,
            });
        for id in front_matter.chain(inline) {
            if let Some(actor_ix) = site.actor_ix(&id) {
                push_unique(&mut named, actor_ix);
            }
        }
        for &actor_ix in &named {
            links[actor_ix].stories.push(story_ix);
        }
        story_actors.push(named);
    }
    for (event_ix, event) in site.events.iter().enumerate() {
        for actor_ix in event
            .actors
            .iter()
            .filter_map(|r| site.actor_ix(r.id.as_str()))
        {
            push_in_order(&mut links[actor_ix].events, event_ix);
        }
    }
    for (quote_ix, quote) in site.quotes.iter().enumerate() {
        // A person's words are listed on the page of the actor they speak for.
        if let Some(actor_ix) = quote
            .speaker
            .actor
            .as_ref()
            .and_then(|actor| site.actor_ix(actor.id.as_str()))
        {
            links[actor_ix].quotes.push(quote_ix);
        }
    }
    for (figure_ix, figure) in site.forces.iter().enumerate() {
        if let Some(actor_ix) = site.actor_ix(figure.actor.id.as_str()) {
            links[actor_ix].figures.push(figure_ix);
        }
    }
    let mut written: HashMap<(usize, usize, &str), &Location> = HashMap::new();
    for (from, actor) in site.actors.iter().enumerate() {
        for relation in &actor.relations {
            let Some(to) = site.actor_ix(relation.to.id.as_str()) else {
                continue;
            };
            let kind = relation.kind.as_str();
            let first = written.get(&(from, to, kind)).or_else(|| {
                super::relations::is_symmetric(kind)
                    .then(|| written.get(&(to, from, kind)))
                    .flatten()
            });
            if let Some(first) = first {
                diagnostics.push(
                    Diagnostic::warning(
                        relation.to.at.clone(),
                        format!(
                            "the relation `{kind}` between `{}` and `{}` is already written at {first}",
                            actor.id, relation.to.id
                        ),
                    )
                    .with_hint("write a relation in one of the two actors' files only; remove this one"),
                );
                continue;
            }
            written.insert((from, to, kind), &relation.to.at);
            let kind = relation.kind.clone();
            links[from].relations.push(RelationEdge {
                other: to,
                kind: kind.clone(),
                direction: Direction::Outgoing,
            });
            links[to].relations.push(RelationEdge {
                other: from,
                kind,
                direction: Direction::Incoming,
            });
        }
    }
    site.actor_links = links;
    site.story_actors = story_actors;
}

/// For each event, the stories that link it in their text (`[[events/id]]`), newest first.
pub(super) fn link_events(site: &mut Site) {
    let mut stories = vec![Vec::new(); site.events.len()];
    for (story_ix, story) in site.stories.iter().enumerate() {
        for reference in &story.document.references {
            if reference.kind == ReferenceKind::Citation {
                continue;
            }
            if let LinkTarget::Event(id) = LinkTarget::parse(&reference.target)
                && let Some(event_ix) = site.event_ix(id.as_str())
            {
                push_in_order(&mut stories[event_ix], story_ix);
            }
        }
    }
    site.event_stories = stories;
}

/// Each story's sources in citation order: numbered by their first citation in the text, so
/// a reader meets [1], [2], [3] in turn; sources named only in the front matter come after,
/// in the order written there.
fn number_story_sources(site: &mut Site) {
    site.story_sources = site
        .stories
        .iter()
        .map(|story| {
            let mut numbered = Vec::new();
            let inline = story
                .document
                .references
                .iter()
                .filter(|r| r.kind == ReferenceKind::Citation)
                .map(|r| r.target.as_str());
            let front_matter = story.sources.iter().map(|r| r.id.as_str());
            for id in inline.chain(front_matter) {
                if let Some(ix) = site.source_ix(id) {
                    push_unique(&mut numbered, ix);
                }
            }
            numbered
        })
        .collect();
}

/// Records what cites each source, and the sources behind each actor.
pub(super) fn link_sources(site: &mut Site) {
    number_story_sources(site);
    let mut citations: Vec<Vec<Citation>> = vec![Vec::new(); site.sources.len()];
    let source_ix = |id: &SourceId| site.source_ix(id.as_str());
    // Each source's citations are pushed in order, every citation of one record before the
    // next record's: a record citing a source twice repeats the list's last entry.
    let mut cite = |source: Option<SourceIx>, citation: Citation| {
        if let Some(ix) = source
            && citations[ix].last() != Some(&citation)
        {
            citations[ix].push(citation);
        }
    };
    for (ix, sources) in site.story_sources.iter().enumerate() {
        sources
            .iter()
            .for_each(|&source| cite(Some(source), Citation::Story(ix)));
    }
    let cited_in = |document: &crate::content::MarkdownDocument| -> Vec<Option<SourceIx>> {
        document
            .references
            .iter()
            .filter(|r| r.kind == ReferenceKind::Citation)
            .map(|r| site.source_ix(r.target.trim()))
            .collect()
    };
    if let Some(home) = &site.home {
        for source in cited_in(&home.document) {
            cite(source, Citation::Home);
        }
    }
    for (ix, page) in site.pages.iter().enumerate() {
        for source in cited_in(&page.document) {
            cite(source, Citation::Page(ix));
        }
    }
    for (ix, actor) in site.actors.iter().enumerate() {
        for source in cited_in(&actor.document) {
            cite(source, Citation::Actor(ix));
        }
    }
    for (ix, event) in site.events.iter().enumerate() {
        event
            .sources
            .iter()
            .for_each(|r| cite(source_ix(&r.id), Citation::Event(ix)));
    }
    for (ix, quote) in site.quotes.iter().enumerate() {
        cite(
            quote.source.as_ref().and_then(|r| source_ix(&r.id)),
            Citation::Quote(ix),
        );
    }
    for (ix, figure) in site.forces.iter().enumerate() {
        cite(
            figure.source.as_ref().and_then(|r| source_ix(&r.id)),
            Citation::Figure(ix),
        );
    }
    for links in &mut site.actor_links {
        let mut sources = Vec::new();
        let story_sources = links
            .stories
            .iter()
            .flat_map(|&ix| site.stories[ix].sources.iter().map(|r| &r.id));
        let event_sources = links
            .events
            .iter()
            .flat_map(|&ix| site.events[ix].sources.iter().map(|r| &r.id));
        let quote_sources = links
            .quotes
            .iter()
            .filter_map(|&ix| site.quotes[ix].source.as_ref().map(|r| &r.id));
        let figure_sources = links
            .figures
            .iter()
            .filter_map(|&ix| site.forces[ix].source.as_ref().map(|r| &r.id));
        for id in story_sources
            .chain(event_sources)
            .chain(quote_sources)
            .chain(figure_sources)
        {
            if let Some(ix) = site.index.sources.get(id.as_str()) {
                sources.push(*ix);
            }
        }
        sources.sort_unstable();
        sources.dedup();
        links.sources = sources;
    }
    site.citations = citations;
}

pub(super) fn index_tags(site: &mut Site) {
    let mut entries: Vec<TagEntry> = Vec::new();
    let mut positions: HashMap<String, usize> = HashMap::new();
    let mut entry_for = |tag: &crate::content::Tag, entries: &mut Vec<TagEntry>| -> usize {
        *positions
            .entry(tag.slug.as_str().to_string())
            .or_insert_with(|| {
                entries.push(TagEntry {
                    tag: tag.clone(),
                    stories: Vec::new(),
                    events: Vec::new(),
                });
                entries.len() - 1
            })
    };
    for (ix, story) in site.stories.iter().enumerate() {
        for tag in &story.tags {
            let entry = entry_for(tag, &mut entries);
            entries[entry].stories.push(ix);
        }
    }
    for (ix, event) in site.events.iter().enumerate() {
        for tag in &event.tags {
            let entry = entry_for(tag, &mut entries);
            entries[entry].events.push(ix);
        }
    }
    entries.sort_by(|a, b| a.tag.slug.cmp(&b.tag.slug));
    site.index.tags = entries
        .iter()
        .enumerate()
        .map(|(ix, e)| (e.tag.slug.clone(), ix))
        .collect();
    site.tags = entries;
}
