//! Turning loaded content and data into the [`Site`]: ordering, id indexes,
//! reference checks and backlinks. Every problem is collected, none stops the others.

use std::collections::HashMap;
use std::hash::Hash;
use std::path::Path;

use crate::config::SiteConfig;
use crate::content::{Content, line_index::LineIndex};
use crate::data::Data;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::ids::{ActorId, Ref, SourceId};
use crate::markdown::{Reference, ReferenceKind, references};
use crate::site::{
    ActorLinks, Citation, Direction, Indexes, LinkTarget, RelationEdge, Site, SourceIx, TagEntry,
};
use crate::url::UrlMaker;

/// Page ids that would collide with the site's own sections.
const RESERVED_PAGE_IDS: &[&str] = &[
    "stories", "actors", "timeline", "forces", "quotes", "sources", "tags", "search", "static",
];

/// Builds the site model; Err carries every error found (warnings ride along in Ok).
pub fn assemble(
    config: SiteConfig,
    content: Content,
    data: Data,
    diagnostics: &mut Diagnostics,
) -> Option<Site> {
    let mut site = Site {
        urls: UrlMaker::new(config.base_url.clone()),
        config,
        home: content.home,
        stories: content.stories,
        actors: content.actors,
        pages: content.pages,
        events: data.events,
        forces: data.forces,
        quotes: data.quotes,
        sources: data.sources,
        tags: Vec::new(),
        actor_links: Vec::new(),
        story_actors: Vec::new(),
        story_sources: Vec::new(),
        citations: Vec::new(),
        index: Indexes::default(),
    };
    sort_lists(&mut site);
    build_indexes(&mut site, diagnostics);
    check_references(&site, diagnostics);
    check_markdown_references(&site, diagnostics);
    super::markup_checks::warn_about_markup(&site, diagnostics);
    link_actors(&mut site);
    link_sources(&mut site);
    index_tags(&mut site);
    warn_about_loose_ends(&site, diagnostics);
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
    site.events
        .sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    site.forces.sort_by(|a, b| {
        (&a.measure, &a.actor.id, a.as_of)
            .cmp(&(&b.measure, &b.actor.id, b.as_of))
            .then_with(|| a.at.cmp(&b.at))
    });
    site.quotes
        .sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    site.sources
        .sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.id.cmp(&b.id)));
}

/// Maps ids to positions, reporting each id defined twice with both places.
fn index<K: Eq + Hash + Clone + std::fmt::Display>(
    entries: impl Iterator<Item = (K, Location)>,
    what: &str,
    diagnostics: &mut Diagnostics,
) -> HashMap<K, usize> {
    let mut index = HashMap::new();
    let mut first_seen: HashMap<K, Location> = HashMap::new();
    for (ix, (id, at)) in entries.enumerate() {
        if let Some(first) = first_seen.get(&id) {
            diagnostics.push(
                Diagnostic::error(
                    at,
                    format!("the {what} id `{id}` is already used at {first}"),
                )
                .with_hint("give each one its own id"),
            );
            continue;
        }
        first_seen.insert(id.clone(), at);
        index.insert(id, ix);
    }
    index
}

fn build_indexes(site: &mut Site, diagnostics: &mut Diagnostics) {
    let file = |path: &Path| Location::file(path);
    site.index.stories = index(
        site.stories.iter().map(|s| (s.id.clone(), file(&s.path))),
        "story",
        diagnostics,
    );
    site.index.actors = index(
        site.actors.iter().map(|a| (a.id.clone(), file(&a.path))),
        "actor",
        diagnostics,
    );
    site.index.pages = index(
        site.pages.iter().map(|p| (p.id.clone(), file(&p.path))),
        "page",
        diagnostics,
    );
    site.index.events = index(
        site.events.iter().map(|e| (e.id.clone(), e.at.clone())),
        "event",
        diagnostics,
    );
    site.index.quotes = index(
        site.quotes.iter().map(|q| (q.id.clone(), q.at.clone())),
        "quote",
        diagnostics,
    );
    site.index.sources = index(
        site.sources.iter().map(|s| (s.id.clone(), s.at.clone())),
        "source",
        diagnostics,
    );
    for page in &site.pages {
        if RESERVED_PAGE_IDS.contains(&page.id.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    file(&page.path),
                    format!(
                        "the page name `{}` is taken by the site's own section",
                        page.id
                    ),
                )
                .with_hint("rename the file, e.g. about-sources.md"),
            );
        }
    }
    for (what, at, id) in site
        .events
        .iter()
        .map(|e| ("event", &e.at, e.id.as_str()))
        .chain(site.quotes.iter().map(|q| ("quote", &q.at, q.id.as_str())))
        .chain(
            site.sources
                .iter()
                .map(|s| ("source", &s.at, s.id.as_str())),
        )
    {
        if let Some(problem) = crate::ids::segment_problem(id) {
            diagnostics.push(
                Diagnostic::error(
                    at.clone(),
                    format!("`{id}` cannot be a {what} id: {problem}"),
                )
                .with_hint(format!("use `{}`", crate::ids::suggested_segment(id))),
            );
        }
    }
}

fn unknown(what: &str, reference_id: &str, at: &Location, known: Vec<&str>) -> Diagnostic {
    Diagnostic::error(at.clone(), format!("unknown {what} `{reference_id}`")).with_optional_hint(
        did_you_mean(reference_id, known).or_else(|| Some(format!("no {what} has this id"))),
    )
}

fn check_actor(site: &Site, reference: &Ref<ActorId>, diagnostics: &mut Diagnostics) {
    if site.actor_ix(reference.id.as_str()).is_none() {
        let known = site.actors.iter().map(|a| a.id.as_str()).collect();
        diagnostics.push(unknown(
            "actor",
            reference.id.as_str(),
            &reference.at,
            known,
        ));
    }
}

fn check_source(site: &Site, reference: &Ref<SourceId>, diagnostics: &mut Diagnostics) {
    if site.source_ix(reference.id.as_str()).is_none() {
        let known = site.sources.iter().map(|s| s.id.as_str()).collect();
        diagnostics.push(unknown(
            "source",
            reference.id.as_str(),
            &reference.at,
            known,
        ));
    }
}

fn check_claim_source(
    site: &Site,
    what: &str,
    source: Option<&Ref<SourceId>>,
    at: &Location,
    diagnostics: &mut Diagnostics,
) {
    match source {
        Some(source) => check_source(site, source, diagnostics),
        None => diagnostics.push(Diagnostic {
            severity: site.config.unsourced_claims.severity(),
            message: format!("this {what} has no source"),
            location: Some(at.clone()),
            hint: Some("add `source: <source id>` from content/data/sources.yaml".to_string()),
        }),
    }
}

fn check_references(site: &Site, diagnostics: &mut Diagnostics) {
    for story in &site.stories {
        story
            .actors
            .iter()
            .for_each(|r| check_actor(site, r, diagnostics));
        story
            .sources
            .iter()
            .for_each(|r| check_source(site, r, diagnostics));
    }
    for actor in &site.actors {
        actor
            .relations
            .iter()
            .for_each(|r| check_actor(site, &r.to, diagnostics));
    }
    for event in &site.events {
        event
            .actors
            .iter()
            .for_each(|r| check_actor(site, r, diagnostics));
        check_claim_source(site, "event", event.sources.first(), &event.at, diagnostics);
        event
            .sources
            .iter()
            .skip(1)
            .for_each(|r| check_source(site, r, diagnostics));
    }
    for figure in &site.forces {
        check_actor(site, &figure.actor, diagnostics);
        check_claim_source(
            site,
            "force figure",
            figure.source.as_ref(),
            &figure.at,
            diagnostics,
        );
    }
    for quote in &site.quotes {
        check_actor(site, &quote.speaker, diagnostics);
        check_claim_source(site, "quote", quote.source.as_ref(), &quote.at, diagnostics);
    }
}

/// Every `[[...]]` in every Markdown text names something that exists.
/// Every `[[link]]`, `![[embed]]` and `[@citation]` in every Markdown text names something that exists.
fn check_markdown_references(site: &Site, diagnostics: &mut Diagnostics) {
    let mut bodies: Vec<(&[Reference], &str, &Path, u32)> = Vec::new();
    bodies.extend(site.home.iter().map(|p| {
        (
            p.references.as_slice(),
            p.body.as_str(),
            p.path.as_path(),
            p.body_line,
        )
    }));
    bodies.extend(site.stories.iter().map(|s| {
        (
            s.references.as_slice(),
            s.body.as_str(),
            s.path.as_path(),
            s.body_line,
        )
    }));
    bodies.extend(site.actors.iter().map(|a| {
        (
            a.references.as_slice(),
            a.body.as_str(),
            a.path.as_path(),
            a.body_line,
        )
    }));
    bodies.extend(site.pages.iter().map(|p| {
        (
            p.references.as_slice(),
            p.body.as_str(),
            p.path.as_path(),
            p.body_line,
        )
    }));
    for (references, body, path, body_line) in bodies {
        let lines = LineIndex::new(body);
        for reference in references {
            let (line, column) = lines.locate(reference.range.start);
            let at = Location::new(path, body_line + line - 1, column);
            check_reference(site, reference, &at, diagnostics);
        }
    }
    for event in &site.events {
        for reference in references(&event.summary) {
            check_reference(site, &reference, &event.at, diagnostics);
        }
    }
}

fn check_reference(
    site: &Site,
    reference: &Reference,
    at: &Location,
    diagnostics: &mut Diagnostics,
) {
    match reference.kind {
        ReferenceKind::Link => check_link_target(site, &reference.target, at, diagnostics),
        ReferenceKind::Embed => match LinkTarget::parse(&reference.target) {
            LinkTarget::Quote(_) => check_link_target(site, &reference.target, at, diagnostics),
            _ => diagnostics.push(
                Diagnostic::error(at.clone(), format!("![[{}]] embeds something that is not a quote", reference.target))
                    .with_hint("only quotes can be embedded: ![[quotes/<id>]]; link anything else with [[...]]"),
            ),
        },
        ReferenceKind::Citation => {
            let source = Ref { id: SourceId::new(&reference.target), at: at.clone() };
            check_source(site, &source, diagnostics);
        }
    }
}

fn check_link_target(site: &Site, target: &str, at: &Location, diagnostics: &mut Diagnostics) {
    let parsed = LinkTarget::parse(target);
    if site.lookup(&parsed).is_none() {
        let hint = did_you_mean(parsed.id(), site.ids_of_kind(&parsed)).unwrap_or_else(|| {
            format!(
                "[[{target}]] names no {}; link actors as [[id]] and stories as [[stories/slug]]",
                parsed.kind()
            )
        });
        diagnostics.push(
            Diagnostic::error(
                at.clone(),
                format!(
                    "unknown {} `{}` in [[{target}]]",
                    parsed.kind(),
                    parsed.id()
                ),
            )
            .with_hint(hint),
        );
    }
}

fn push_unique(list: &mut Vec<usize>, ix: usize) {
    if !list.contains(&ix) {
        list.push(ix);
    }
}

/// Gathers, for each actor, everything that names it.
fn link_actors(site: &mut Site) {
    let mut links = vec![ActorLinks::default(); site.actors.len()];
    let mut story_actors = Vec::with_capacity(site.stories.len());
    for (story_ix, story) in site.stories.iter().enumerate() {
        let mut named = Vec::new();
        let front_matter = story.actors.iter().map(|r| r.id.as_str().to_string());
        let inline = story
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
            push_unique(&mut links[actor_ix].events, event_ix);
        }
    }
    for (quote_ix, quote) in site.quotes.iter().enumerate() {
        if let Some(actor_ix) = site.actor_ix(quote.speaker.id.as_str()) {
            links[actor_ix].quotes.push(quote_ix);
        }
    }
    for (figure_ix, figure) in site.forces.iter().enumerate() {
        if let Some(actor_ix) = site.actor_ix(figure.actor.id.as_str()) {
            links[actor_ix].figures.push(figure_ix);
        }
    }
    for (from, actor) in site.actors.iter().enumerate() {
        for relation in &actor.relations {
            let Some(to) = site.actor_ix(relation.to.id.as_str()) else {
                continue;
            };
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

/// Records what cites each source, and the sources behind each actor.
/// Each story's sources in citation order: front matter first, then those only cited inline.
fn number_story_sources(site: &mut Site) {
    site.story_sources = site
        .stories
        .iter()
        .map(|story| {
            let mut numbered = Vec::new();
            let front_matter = story.sources.iter().map(|r| r.id.as_str().to_string());
            let inline = story
                .references
                .iter()
                .filter(|r| r.kind == ReferenceKind::Citation)
                .map(|r| r.target.clone());
            for id in front_matter.chain(inline) {
                if let Some(ix) = site.source_ix(&id) {
                    push_unique(&mut numbered, ix);
                }
            }
            numbered
        })
        .collect();
}

fn link_sources(site: &mut Site) {
    number_story_sources(site);
    let mut citations: Vec<Vec<Citation>> = vec![Vec::new(); site.sources.len()];
    let source_ix = |id: &SourceId| site.source_ix(id.as_str());
    let mut cite = |source: Option<SourceIx>, citation: Citation| {
        if let Some(ix) = source
            && !citations[ix].contains(&citation)
        {
            citations[ix].push(citation);
        }
    };
    for (ix, sources) in site.story_sources.iter().enumerate() {
        sources
            .iter()
            .for_each(|&source| cite(Some(source), Citation::Story(ix)));
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
                push_unique(&mut sources, *ix);
            }
        }
        sources.sort_unstable();
        links.sources = sources;
    }
    site.citations = citations;
}

fn index_tags(site: &mut Site) {
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

/// Not errors, but likely oversights.
fn warn_about_loose_ends(site: &Site, diagnostics: &mut Diagnostics) {
    for (actor, links) in site.actors.iter().zip(&site.actor_links) {
        if links.stories.is_empty() {
            diagnostics.push(
                Diagnostic::warning(
                    Location::file(&actor.path),
                    format!("no story mentions the actor `{}`", actor.id),
                )
                .with_hint("name it in a story's `actors:` or link it with [[id]]"),
            );
        }
    }
    for (source, citations) in site.sources.iter().zip(&site.citations) {
        if citations.is_empty() {
            diagnostics.push(Diagnostic::warning(
                source.at.clone(),
                format!("nothing cites the source `{}`", source.id),
            ));
        }
    }
    for story in &site.stories {
        if story.actors.is_empty() {
            diagnostics.push(
                Diagnostic::warning(
                    Location::file(&story.path),
                    format!("the story `{}` names no actors", story.id),
                )
                .with_hint("list the actors it is about in `actors:`"),
            );
        }
    }
}
