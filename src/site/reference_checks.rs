//! Every id a story, actor or data record names, in front matter, YAML or Markdown, must
//! name something that exists; each unknown one is reported where it was written.

use crate::diagnostics::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::ids::{ActorId, Ref, SourceId};
use crate::markdown::{Reference, ReferenceKind, references};
use crate::site::{LinkTarget, Site};

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

/// Every `[[link]]`, `![[embed]]` and `[@citation]` in every Markdown text names something
/// that exists.
pub(super) fn check_markdown_references(site: &Site, diagnostics: &mut Diagnostics) {
    for document in site.documents() {
        let locator = document.body_locator();
        for reference in &document.references {
            let at = locator.locate(reference.range.start);
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
