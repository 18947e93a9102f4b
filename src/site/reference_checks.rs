//! Every id a story, actor or data record names, in front matter, YAML or Markdown, must
//! name something that exists; each unknown one is reported where it was written. An id
//! whose record was dropped for a mistake of its own is not reported again: that mistake
//! is the one to fix.

use std::borrow::Cow;

use crate::content::{BodyLocator, MarkdownDocument};
use crate::data::TimelineEvent;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::ids::{ActorId, Ref, SourceId};
use crate::markdown::{RESERVED_IDS, Reference, ReferenceKind, heading_ids, references};
use crate::site::{LinkTarget, Site, split_fragment};

/// What to do about an unknown source id. Never a "did you mean": two source ids a typo
/// apart are often different documents, and citing the wrong one is worse than an error.
pub(crate) fn add_source_hint(id: &str) -> String {
    format!(
        "add the source to content/data/sources.yaml (`- id: {id}` with its `title:` and \
         `url:` or `publisher:`), or run `flashpoint new source`"
    )
}

pub(super) fn check_actor(site: &Site, reference: &Ref<ActorId>, diagnostics: &mut Diagnostics) {
    let id = reference.id.as_str();
    if site.actor_ix(id).is_none() && !site.dropped.actors.may_hold(id) {
        let known = site.actors.iter().map(|a| a.id.as_str());
        diagnostics.push(
            Diagnostic::error(reference.at.clone(), format!("unknown actor `{id}`"))
                .with_hint(
                    did_you_mean(id, known).unwrap_or_else(|| "no actor has this id".to_string()),
                )
                .as_reference(),
        );
    }
}

pub(super) fn check_source(site: &Site, reference: &Ref<SourceId>, diagnostics: &mut Diagnostics) {
    let id = reference.id.as_str();
    if site.source_ix(id).is_none() && !site.dropped.sources.may_hold(id) {
        diagnostics.push(
            Diagnostic::error(reference.at.clone(), format!("unknown source `{id}`"))
                .with_hint(add_source_hint(id))
                .as_reference(),
        );
    }
}

/// A claim names its source: `field` is the field that does, `source` for quotes and
/// force figures, `sources` (a list) for events.
pub(super) fn check_claim_source(
    site: &Site,
    what: &str,
    field: &str,
    source: Option<&Ref<SourceId>>,
    at: &Location,
    diagnostics: &mut Diagnostics,
) {
    match source {
        Some(source) => check_source(site, source, diagnostics),
        None => {
            let example = if field == "sources" {
                "`sources: [<source id>]`"
            } else {
                "`source: <source id>`"
            };
            let mut problem = Diagnostic::error(at.clone(), format!("this {what} has no source"))
                .with_hint(format!(
                    "add {example} naming a source in content/data/sources.yaml"
                ));
            problem.severity = site.config.unsourced_claims.severity();
            diagnostics.push(problem);
        }
    }
}

pub(super) fn check_references(site: &Site, diagnostics: &mut Diagnostics) {
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
        check_claim_source(
            site,
            "event",
            "sources",
            event.sources.first(),
            &event.at,
            diagnostics,
        );
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
            "source",
            figure.source.as_ref(),
            &figure.at,
            diagnostics,
        );
    }
    for quote in &site.quotes {
        if let Some(actor) = &quote.speaker.actor {
            check_actor(site, actor, diagnostics);
        }
        check_claim_source(
            site,
            "quote",
            "source",
            quote.source.as_ref(),
            &quote.at,
            diagnostics,
        );
    }
}

/// Every `[[link]]`, `![[embed]]` and `[@citation]` in every Markdown text names something
/// that exists.
/// The references of a document's body that a check finds something to say about. Each
/// is checked against the whole file as a stand-in place, so that the body (which a build
/// keeps in its file) is read again only for a document that has such a reference.
pub(super) fn body_references_to_report<'d>(
    site: &Site,
    document: &'d MarkdownDocument,
) -> Vec<&'d Reference> {
    let stand_in = document.file_location();
    document
        .references
        .iter()
        .filter(|reference| {
            let mut found = Diagnostics::default();
            check_reference(site, reference, &stand_in, &mut found);
            !found.is_empty()
        })
        .collect()
}

/// Reports `references` of a document's body, each at its place as `locator` finds it.
pub(super) fn check_body_references(
    site: &Site,
    references: &[&Reference],
    locator: &BodyLocator,
    diagnostics: &mut Diagnostics,
) {
    for reference in references {
        let at = locator.locate(reference.range.start);
        check_reference(site, reference, &at, diagnostics);
    }
}

/// The references an event's summary makes.
pub(super) fn check_event_references(
    site: &Site,
    event: &TimelineEvent,
    diagnostics: &mut Diagnostics,
) {
    for reference in references(&event.summary) {
        let at = event
            .summary_at
            .locate(&event.summary, reference.range.start);
        check_reference(site, &reference, &at, diagnostics);
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
                    .with_hint("only quotes can be embedded: ![[quotes/<id>]]; link anything else with [[...]]")
                    .as_reference(),
            ),
        },
        ReferenceKind::Citation => {
            let source = Ref { id: SourceId::new(&reference.target), at: at.clone() };
            check_source(site, &source, diagnostics);
        }
    }
}

/// Whether a link target may name a record that was dropped for its own mistake.
fn dropped(site: &Site, target: &LinkTarget) -> bool {
    let dropped = &site.dropped;
    let id = target.id();
    match target {
        LinkTarget::Actor(_) => dropped.actors.may_hold(id),
        LinkTarget::Story(_) => dropped.stories.may_hold(id),
        LinkTarget::Page(_) => dropped.pages.may_hold(id),
        LinkTarget::Event(_) => dropped.events.may_hold(id),
        LinkTarget::Quote(_) => dropped.quotes.may_hold(id),
        LinkTarget::Source(_) => dropped.sources.may_hold(id),
        LinkTarget::Place(_) => dropped.places.may_hold(id),
    }
}

fn check_link_target(site: &Site, target: &str, at: &Location, diagnostics: &mut Diagnostics) {
    let parsed = LinkTarget::parse(target);
    if site.lookup(&parsed).is_some() {
        if let Some(fragment) = split_fragment(target).1 {
            check_fragment(site, &parsed, target, fragment, at, diagnostics);
        }
        return;
    }
    if dropped(site, &parsed) || site.elsewhere.find(split_fragment(target).0).is_some() {
        return;
    }
    if let LinkTarget::Story(id) = &parsed
        && site.drafts.contains(id)
    {
        diagnostics.push(
            Diagnostic::error(
                at.clone(),
                format!(
                    "`{id}` is a draft: it is left out of the site unless built with --drafts, \
                     so [[{target}]] would lead nowhere"
                ),
            )
            .with_hint(format!(
                "publish the story (remove `draft: true` from content/stories/{id}.md), \
                 or remove the link until it is published"
            ))
            .as_reference(),
        );
        return;
    }
    if let LinkTarget::Source(id) = &parsed {
        diagnostics.push(
            Diagnostic::error(at.clone(), format!("unknown source `{id}` in [[{target}]]"))
                .with_hint(add_source_hint(id.as_str()))
                .as_reference(),
        );
        return;
    }
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
        .with_hint(hint)
        .as_reference(),
    );
}

/// The Markdown body of a link target, whose headings a `#fragment` may name.
fn target_body<'s>(site: &'s Site, target: &LinkTarget) -> Option<Cow<'s, str>> {
    let id = target.id();
    match target {
        LinkTarget::Actor(_) => site.actor(id).map(|a| a.document.body()),
        LinkTarget::Story(_) => site.story(id).map(|s| s.document.body()),
        LinkTarget::Page(_) => site.page(id).map(|p| p.document.body()),
        LinkTarget::Event(_)
        | LinkTarget::Quote(_)
        | LinkTarget::Source(_)
        | LinkTarget::Place(_) => None,
    }
}

/// `[[target#fragment]]`: the fragment must be the id of a heading of the target's
/// Markdown, or of one of the sections the theme gives every page (`relations`, `sources`...).
fn check_fragment(
    site: &Site,
    parsed: &LinkTarget,
    target: &str,
    fragment: &str,
    at: &Location,
    diagnostics: &mut Diagnostics,
) {
    let headings = target_body(site, parsed)
        .map(|body| {
            let links = crate::site::SiteLinks {
                site,
                numbered_sources: None,
            };
            heading_ids(&body, &links)
        })
        .unwrap_or_default();
    if headings.iter().any(|id| id == fragment) || RESERVED_IDS.contains(&fragment) {
        return;
    }
    let hint = did_you_mean(fragment, headings.iter().map(String::as_str)).unwrap_or_else(|| {
        if headings.is_empty() {
            format!(
                "the {} `{}` has no headings to link to",
                parsed.kind(),
                parsed.id()
            )
        } else {
            format!("its heading ids are: {}", headings.join(", "))
        }
    });
    diagnostics.push(
        Diagnostic::error(
            at.clone(),
            format!(
                "[[{target}]] names no heading of the {} `{}`: no `#{fragment}` on that page",
                parsed.kind(),
                parsed.id()
            ),
        )
        .with_hint(hint)
        .as_reference(),
    );
}
