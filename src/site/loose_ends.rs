//! Warnings about things that are allowed but likely oversights: an actor no story names,
//! a source nothing cites, a story that names no actor.

use std::collections::HashSet;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::ReferenceKind;
use crate::site::Site;

/// Sources cited with `[@id]` in the home page, actors' and plain pages' text: these count
/// as citing, though only stories and data records are listed as a source's citers.
fn cited_outside_stories(site: &Site) -> HashSet<&str> {
    let home = site.home.iter().map(|home| &home.document);
    let actors = site.actors.iter().map(|actor| &actor.document);
    let pages = site.pages.iter().map(|page| &page.document);
    home.chain(actors)
        .chain(pages)
        .flat_map(|document| &document.references)
        .filter(|reference| reference.kind == ReferenceKind::Citation)
        .map(|reference| reference.target.trim())
        .collect()
}

/// Not errors, but likely oversights. A warning that something is never named is held
/// back while a record that could name it was dropped for a mistake: it may be false.
pub(super) fn warn_about_loose_ends(site: &Site, diagnostics: &mut Diagnostics) {
    let stories_complete = !site.dropped.stories.any();
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
    let cited_elsewhere = cited_outside_stories(site);
    for (source, citations) in site.sources.iter().zip(&site.citations) {
        if citers_complete && citations.is_empty() && !cited_elsewhere.contains(source.id.as_str())
        {
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
