//! Warnings about things that are allowed but likely oversights: an actor no story names,
//! a source nothing cites, a story that names no actor.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;

/// Not errors, but likely oversights. A warning that something is never named is held
/// back while a record that could name it was dropped for a mistake: it may be false.
pub(super) fn warn_about_loose_ends(site: &Site, diagnostics: &mut Diagnostics) {
    // In a translated edition an actor goes unmentioned until its stories are translated:
    // `check` lists those untranslated files, so the default edition alone warns.
    let stories_complete = !site.dropped.stories.any() && site.config.edition_prefix().is_empty();
    let citers_complete = !site.dropped.any_citer();
    for (actor, links) in site.actors.iter().zip(&site.actor_links) {
        if stories_complete && links.stories.is_empty() {
            diagnostics.push(
                Diagnostic::warning(
                    actor.document.file_location(),
                    format!("no story mentions the actor `{}`", actor.id),
                )
                .with_hint("name it in a story's `actors:` or link it with [[id]]"),
            );
        }
    }
    for (source, citations) in site.sources.iter().zip(&site.citations) {
        // A place's sources are its citations too (places.yaml).
        let cited_by_a_place = site
            .places
            .iter()
            .any(|place| place.sources.iter().any(|r| r.id == source.id));
        if citers_complete && citations.is_empty() && !cited_by_a_place {
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
                    story.document.file_location(),
                    format!("the story `{}` names no actors", story.id),
                )
                .with_hint("list the actors it is about in `actors:`"),
            );
        }
    }
}
